"""The report model: one plain, sorted dict built from a CheckResult, shared by the JSON, HTML and
Markdown renderers so they always tell the same story.

All counts come from the one inventory (``modelmap.inventory``) that scan, check and bom read too:
distinct models (endpoints are services, listed apart), usages by section (production first, then
examples/notebooks/docs, catalogs, tests), configured flows, and skipped files counted once each.
The model table, flows, charts and exposure describe usages *in use* (not catalogs or tests);
``sections`` lists the catalog and test models separately for collapsed sections.

Exposure scenarios answer "which flows would break if we adopted this rule tomorrow?": a flow is
exposed when at least one of its usages would violate the scenario. The denominator is the
configured flows that have at least one usage; "(no flow)" is not a flow and is not counted. With
no flows configured, the whole repository is the one unit.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from modelmap.inventory import IN_USE, SECTION_LABELS, SECTIONS, inventory_for, section_of
from modelmap.policy.countries import PRC
from modelmap.policy.engine import CheckResult
from modelmap.policy.inventory import UNASSIGNED, _countries
from modelmap.policy.rules import SEVERITIES
from modelmap.types import LINEAGE_UNDISCLOSED as UNDISCLOSED

WHOLE_REPO = "(whole repository)"

#: (id, label, predicate over the resolution variables) — shown in the report's exposure section.
SCENARIOS: tuple[tuple[str, str, str], ...] = (
    ("no-cn-origin", "No model of Chinese origin", "origin"),
    ("no-cn-serving", "No model API served from China", "serving"),
    ("no-non-permissive-license", "Only permissive licenses", "license"),
)


def tool_version() -> str:
    try:
        from importlib.metadata import version

        return version("modelmap")
    except Exception:  # not installed (running from a checkout)
        return "0.1.0"


def _breaks(kind: str, variables: dict[str, Any]) -> bool:
    if kind == "origin":
        return any(c in PRC for c in variables["origins"] or ())
    if kind == "serving":
        return any(c in PRC for c in variables["served_by"]["countries"])
    # license: a known model whose license is not known to be permissive
    return bool(variables["model"]["resolved"]) and variables["license"]["permissive"] is not True


def _country_label(code: str | None) -> str:
    return code or "unknown"


def build_summary(check: CheckResult) -> dict[str, Any]:
    scan, config, inventory = check.scan, check.config, check.inventory
    memo = inventory.resolution_vars
    pseudo = WHOLE_REPO if not config.flows else UNASSIGNED
    project = inventory_for(scan, config)
    counts = project.counts()
    section_models: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in SECTIONS}

    # ---------------------------------------------------------------- models and flows
    models: dict[str, dict[str, Any]] = {}
    flow_models: dict[str, set[str]] = defaultdict(set)
    flow_usages: Counter[str] = Counter()
    flow_serving_unknown: Counter[str] = Counter()  # usages in use with no serving country (self-hosted or unknown)
    flow_origins_unknown: Counter[str] = Counter()  # usages in use whose origins are unknown
    flow_exposure: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    unresolved: dict[str, dict[str, Any]] = {}
    rest_origins: set[str] = set()
    rest_serving: set[str] = set()
    rest_publishers: set[str] = set()
    for finding, flow_names in zip(scan.findings, inventory.flow_of, strict=True):
        if finding.kind == "endpoint":
            continue  # a service, listed under endpoints
        variables = memo.get(finding)
        model = variables["model"]
        label = model["id"] or finding.raw
        section = section_of(finding.context)
        if section not in IN_USE:
            row = section_models[section].setdefault(label, {"id": label, "identified": bool(model["resolved"]),
                                                             "usages": 0, "locations": []})
            row["usages"] += 1
            if len(row["locations"]) < 20:
                row["locations"].append(f"{finding.path}:{finding.line}")
            continue
        names = flow_names or [pseudo]
        if not flow_names:
            # the (no flow) / (whole repository) row states its own facts, as a configured flow's row does
            rest_origins.update(variables["origins"] or ())
            rest_serving.update(variables["served_by"]["countries"])
            if variables["publisher"]["id"]:
                rest_publishers.add(variables["publisher"]["id"])
        for name in names:
            flow_usages[name] += 1
            flow_models[name].add(label)
            # a usage with no serving evidence or no known origin is unknown, not absent: the row says how many,
            # as the charts do (the flow table showed "—" for a flow none of whose usages had serving evidence)
            if not variables["served_by"]["countries"]:
                flow_serving_unknown[name] += 1
            if not variables["origins"]:
                flow_origins_unknown[name] += 1
            for scenario_id, _, kind in SCENARIOS:
                if _breaks(kind, variables):
                    flow_exposure[name][scenario_id].append(label)
        if not model["resolved"]:
            missing = unresolved.setdefault(finding.raw, {"identifier": finding.raw, "reason": model["reason"],
                                                           "usages": 0, "locations": []})
            # an unidentified name can still have a known origin (`deepseek-chat`: its publisher, from the API
            # name): the report's origin chart counts its usages there, as the origin table and the flows do
            missing.setdefault("origins", variables["origins"])
            missing.setdefault("origins_known", variables["origins_known"])
            missing["usages"] += 1
            missing["locations"].append(f"{finding.path}:{finding.line}")
            continue
        entry = models.get(label)
        if entry is None:
            publisher = variables["publisher"]
            served = variables["served_by"]
            entry = models[label] = {
                "id": label,
                "family": model["family"],
                "publisher": publisher["name"] or publisher["id"],
                "publisher_id": publisher["id"],
                "publisher_country": publisher["country"],
                "origins": variables["origins"],
                "license": variables["license"]["spdx"] or variables["license"]["name"] or variables["license"]["id"],
                "permissive": variables["license"]["permissive"],
                "commercial_use": variables["license"]["commercial_use"],
                "open_weights": model["open_weights"],
                "origins_known": variables["origins_known"],
                "lineage": [f"{s['relation']}: {s['model']}" for s in variables["lineage"] or ()],
                # an API-only model whose maker names nothing behind it: "lineage undisclosed", not "no base"
                "lineage_undisclosed": bool((finding.resolution or {}).get("lineage_undisclosed")),
                "served_by": None,
                "serving_countries": [],
                "served": {},  # operator -> its countries, from the usages that carry serving evidence
                "serving_unknown": 0,  # usages with no serving evidence: unknown, never filled from another use
                "assumed": set(),  # providers discovery guessed from the model's name for those usages (no evidence)
                "confidence": model["confidence"],
                "usages": 0,
                "flows": set(),
                "identifiers": set(),
            }
        entry["usages"] += 1
        entry["flows"].update(names)
        entry["identifiers"].add(finding.raw)
        served = variables["served_by"]
        operator = served["operator"] or served["id"]
        if operator:
            entry["served"].setdefault(operator, set()).update(served["countries"] or ())
        else:
            entry["serving_unknown"] += 1
            if finding.provider:
                entry["assumed"].add(finding.provider)
    model_rows = []
    for label in sorted(models):
        row = dict(models[label])
        # One rule with scan and the BOM: serving comes from each usage's own evidence. A model's row names every
        # operator some usage is served by (the BOM's served-by properties), and says how many usages have no
        # evidence, rather than taking the first usage's answer for all of them.
        served_map = row.pop("served")
        unknown = row.pop("serving_unknown")
        assumed = sorted(row.pop("assumed"))
        # a provider guessed from the model's name is no serving evidence: said as an assumption, never counted
        guess = f"; provider assumed from the model name: {', '.join(assumed)}" if assumed else ""
        row["serving_countries"] = sorted({c for cs in served_map.values() for c in cs})
        if served_map:
            row["served_by"] = ", ".join(sorted(served_map)) + (
                f" ({unknown} of {row['usages']} uses: self-hosted or unknown{guess})" if unknown else "")
        elif assumed:
            row["served_by"] = f"unknown (provider assumed from the model name: {', '.join(assumed)})"
        row["flows"] = sorted(row["flows"])
        row["identifiers"] = sorted(row["identifiers"])
        model_rows.append(row)

    violations_by_flow: Counter[str] = Counter(v.flow for v in check.unwaived if v.flow)
    flows: list[dict[str, Any]] = []
    for flow in config.flows:
        data = inventory.flows[flow.name]
        flows.append({
            "name": flow.name, "description": flow.description, "tags": list(flow.tags), "usages": data["usages"],
            "models": sorted(flow_models.get(flow.name, ())), "publishers": data["publishers"],
            "origins": data["origins"], "serving_countries": data["serving_countries"],
            "has_fallback": data["fallback"]["has_fallback"], "violations": violations_by_flow.get(flow.name, 0),
            "in_use": flow_usages.get(flow.name, 0), "serving_unknown": flow_serving_unknown.get(flow.name, 0),
            "origins_unknown": flow_origins_unknown.get(flow.name, 0),
        })
    if flow_usages.get(pseudo):
        # Its open issues: with no flows configured every open violation is the repository's; otherwise those of
        # usages outside every flow (a usage violation carries no flow name there). It used to say 0 whatever was
        # open, and "—" for origins and serving, beside an issues table listing the same usages.
        rest_open = sum(1 for v in check.unwaived if not config.flows or (v.flow is None and v.finding is not None))
        flows.append({
            "name": pseudo, "description": "Usages outside every configured flow" if config.flows else "",
            "tags": [], "usages": flow_usages[pseudo], "models": sorted(flow_models[pseudo]),
            "publishers": sorted(rest_publishers), "origins": sorted(rest_origins),
            "serving_countries": sorted(rest_serving), "has_fallback": None, "violations": rest_open,
            "in_use": flow_usages[pseudo], "serving_unknown": flow_serving_unknown.get(pseudo, 0),
            "origins_unknown": flow_origins_unknown.get(pseudo, 0), "pseudo": True,
        })

    # ---------------------------------------------------------------- charts and concentration
    data = inventory.data
    total = data["usages"]

    def table(source: dict[str, Any], label: Any = None) -> list[dict[str, Any]]:
        rows = [{"key": k, "label": label(k, v) if label else k, "usages": v["usages"], "share": v["share"]}
                for k, v in source.items()]
        return sorted(rows, key=lambda r: (-r["usages"], r["key"]))

    by_publisher = table(data["publishers"], lambda k, v: v.get("name") or k)
    shares = [row["share"] for row in by_publisher]
    concentration = {
        "top_publisher": by_publisher[0]["label"] if by_publisher else None,
        "top_share": by_publisher[0]["share"] if by_publisher else 0.0,
        "top3_share": round(sum(shares[:3]), 6),
        "hhi": round(sum(s * s for s in shares) * 10_000),
        "publishers": len(by_publisher),
    }
    in_use = data.get("in_use", total)
    not_served = in_use - sum(1 for f in scan.findings if f.kind != "endpoint"
                              and section_of(f.context) in IN_USE and memo.get(f)["served_by"]["countries"])
    by_serving = table(data["serving_countries"])
    if not_served:
        by_serving.append({"key": "self-hosted", "label": "self-hosted or unknown", "usages": not_served,
                           "share": round(not_served / in_use, 6) if in_use else 0.0})

    # ---------------------------------------------------------------- exposure
    # real flows only: "(no flow)" is not a flow; with no flows configured the repository is the one unit
    counted = [f["name"] for f in flows if f["usages"] and (f["name"] == WHOLE_REPO or not f.get("pseudo"))]
    exposure = []
    for scenario_id, label, _ in SCENARIOS:
        broken = [{"flow": name, "models": sorted(set(flow_exposure[name][scenario_id]))}
                  for name in counted if flow_exposure[name][scenario_id]]
        exposure.append({"id": scenario_id, "label": label, "flows_total": len(counted),
                         "flows_broken": len(broken), "share": round(len(broken) / len(counted), 6) if counted else 0.0,
                         "broken": broken})

    # ---------------------------------------------------------------- policy standing
    today = check.today
    waivers = []
    for waiver in config.waivers:
        status = "expired" if waiver.is_expired(today) else ("unowned" if not waiver.is_owned else "active")
        covered = sum(1 for v in check.waived if v.waiver == waiver)
        waivers.append({**waiver.to_dict(), "status": status, "covers": covered,
                        "days_left": (waiver.expires - today).days,
                        "expiring_soon": waiver in check.expiring})
    severity_counts = Counter(v.severity for v in check.unwaived)
    return {
        "evaluated_on": today.isoformat(),
        "passed": check.passed,
        "fail_on": config.fail_on,
        "config_path": config.path,
        "presets": list(config.presets),
        "totals": {
            "usages": counts["usages"], "resolved": data["resolved"], "unresolved": data["unresolved"],
            "models": counts["models"], "identified": counts["identified"], "unidentified": counts["unidentified"],
            "endpoints": counts["endpoints"], "publishers": len(by_publisher), "flows": counts["flows"],
            "flows_in_use": counts["flows_in_use"], "files_scanned": counts["files_scanned"],
            "skipped": counts["files_skipped"],
        },
        "headline": project.headline(),
        "sections": {
            name: {**counts["sections"][name], "label": SECTION_LABELS[name],
                   "models_list": [section_models[name][k] for k in sorted(section_models[name])]
                   if name not in IN_USE else [m.key for m in project.models_in(name)]}
            for name in SECTIONS
        },
        "endpoints": [{"url": e.url, "provider": e.provider, "references": e.references,
                       "locations": e.locations[:20]} for e in project.endpoints.values()],
        "flows": flows,
        "models": model_rows,
        "unresolved": [unresolved[k] for k in sorted(unresolved)],
        "charts": {
            "by_origin": table(data["origin_countries"]),
            "by_publisher": by_publisher,
            "by_serving": by_serving,
        },
        "concentration": concentration,
        "exposure": exposure,
        "rules": [{"id": r.id, "severity": r.severity, "message": r.message, "scope": r.scope, "origin": r.origin}
                  for r in config.rules],
        "violations": [v.to_dict() for v in check.unwaived],
        "waived": [v.to_dict() for v in check.waived],
        "waivers": waivers,
        "expiring": [w.to_dict() | {"days_left": (w.expires - today).days} for w in check.expiring],
        "by_severity": {s: severity_counts.get(s, 0) for s in SEVERITIES},
        "skips": sorted(({"path": s.path, "reason": s.reason} for s in scan.skips),
                        key=lambda s: (s["path"], s["reason"])),
    }


def describe(violation: Any, *, with_message: bool = True) -> str:
    """One sentence placing a violation: what, where, which flow, and the facts that triggered it."""
    parts = [violation.message] if with_message else []
    finding = violation.finding
    if finding is not None:
        res = finding.resolution or {}
        subject = violation.model or finding.raw
        if violation.model and violation.model.lower() != finding.raw.lower():
            subject = f"{violation.model} (written as {finding.raw!r})"
        facts = []
        publisher = res.get("publisher") or {}
        if publisher.get("name") or publisher.get("id"):
            facts.append(f"publisher {publisher.get('name') or publisher.get('id')}"
                         + (f" ({publisher['country']})" if publisher.get("country") else ""))
        if res.get("origins"):
            # a rule that fails closed on unknown origin fires on a model whose lineage is not fully recorded: say so,
            # or "origins US" reads as the reason a China-origin rule fired
            facts.append("origins " + ", ".join(res["origins"])
                         + ("" if res.get("origins_known") else " (incomplete: a base or teacher is not recorded)"))
        if (res.get("model") or {}).get("id") in (res.get("lineage_undisclosed") or ()):
            facts.append(UNDISCLOSED)  # where a base would be: the maker names none (not "trained from scratch")
        served = res.get("served_by") or {}
        operator = served.get("operator") or served.get("id")
        serving = _countries(served.get("serving"))  # country codes only: Ollama's 'self-hosted' is no place
        based = served.get("country")
        # where calls are answered is the serving list; the operator's own country is where the company is based,
        # never stated as the place a call is served from (an apac. Bedrock profile is answered in AU/IN/JP/KR/SG,
        # a plain Bedrock id in whichever Region the client names)
        if operator and serving:
            facts.append(f"served by {operator} from {', '.join(serving)}"
                         + (f" (operator based in {based})" if based and based not in serving else ""))
        elif operator and based:
            facts.append(f"served by {operator} (operator based in {based}; serving region not known)")
        licence = res.get("license") or {}
        if licence:
            # commercial use is said whenever it is not a plain yes: license-commercial-use fires on 'conditional'
            # (Llama community licences) and on unknown (an API's terms), and the licence name alone hid which
            commercial = licence.get("commercial_use")
            said = {None: "unknown", False: "no"}.get(commercial, str(commercial)) if commercial is not True else ""
            note = f" (commercial use: {said})" if said and licence.get("id") else ""
            facts.append(f"license {licence.get('spdx') or licence.get('name') or licence.get('id')}{note}")
        where = f" in flow {violation.flow}" if violation.flow else ""
        # an endpoint alone is a service (a base URL), never a model
        noun = "Endpoint" if finding.kind == "endpoint" else "Model"
        if noun == "Endpoint":
            subject = finding.endpoint or finding.raw
        parts.append(f"{noun} {subject}{where}" + (f": {'; '.join(facts)}." if facts else "."))
    elif violation.flow:
        detail = getattr(violation, "detail", None)
        parts.append(f"Flow {violation.flow}: {detail}." if detail else f"Flow {violation.flow}.")
    if violation.waiver is not None:
        w = violation.waiver
        parts.append(f"Waived until {w.expires.isoformat()} by {w.approved_by}: {w.reason}")
    return " ".join(p.strip() for p in parts)
