"""The object model policy rules read, built from a resolved ScanResult (documented in docs/policy.md).

Every documented field is always present. A fact the knowledge base does not know is ``null``
(``None``), never guessed, and lists are empty rather than missing, so ``served_by.country == 'CN'``
works on every usage without ``has()`` checks.

A *usage* is one Finding. A usage belongs to every flow whose path globs match its file; a usage in
no flow is evaluated once with ``flow.name == null`` and no tags. Endpoint findings are services, not
models: usage rules that read only ``served_by``/``usage``/``flow`` still see them, but they are not
counted in ``inventory.usages`` or the per-flow figures. Publisher, origin and serving shares count
usages in use (not in catalogs or tests; see modelmap.inventory).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from modelmap.discover.links import binding_not_used
from modelmap.inventory import IN_USE, section_of
from modelmap.policy.config import Flow, ProjectConfig
from modelmap.policy.globs import group_matcher
from modelmap.types import Finding, ScanResult, load_facts

MODEL_FIELDS = ("id", "family", "params")
PUBLISHER_FIELDS = ("id", "name", "country")
LICENSE_FIELDS = ("id", "spdx", "name", "permissive", "commercial_use")
UNASSIGNED = "(no flow)"
USAGE_FLOW_FIELDS = ("name", "tags", "paths", "description")


def _pick(source: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    source = source if isinstance(source, dict) else {}
    return {k: source.get(k) for k in fields}


def _countries(values: Any) -> list[str]:
    out: set[str] = set()
    for value in values or ():
        if isinstance(value, str) and len(value) == 2 and value.isalpha():
            out.add(value.upper())
        elif isinstance(value, dict) and isinstance(value.get("country"), str):
            out.add(value["country"].upper())
    return sorted(out)


def model_var(finding: Finding) -> dict[str, Any]:
    res = finding.resolution or {}
    out = _pick(res.get("model"), MODEL_FIELDS)
    out.update(
        {
            "query": res.get("query") or finding.raw,
            "open_weights": res.get("open_weights"),
            "confidence": res.get("confidence", "unknown"),
            "resolved": out["id"] is not None,
            "distilled_from": [str(t.get("model")) for t in res.get("teachers") or () if isinstance(t, dict)],
            "origins_known": bool(res.get("origins_known")),
            "flags": sorted(str(f.get("id", f)) if isinstance(f, dict) else str(f) for f in res.get("flags") or ()),
            "reason": res.get("reason"),
        }
    )
    return out


def publisher_var(finding: Finding) -> dict[str, Any]:
    return _pick((finding.resolution or {}).get("publisher"), PUBLISHER_FIELDS)


def license_var(finding: Finding) -> dict[str, Any]:
    """The licence the model's own record declares (``id`` ... ``commercial_use``), and ``governing``: for a
    community repack whose record declares one licence over a parent's weights under another, the licence of
    those weights (the same fields plus ``from``, the parent), else null. A quantizer cannot relicense the
    weights, so a rule about what the company may do with them reads both (docs/policy.md)."""
    lic = (finding.resolution or {}).get("license")
    out = _pick(lic, LICENSE_FIELDS)
    gov = lic.get("governing") if isinstance(lic, dict) else None
    out["governing"] = {**_pick(gov, LICENSE_FIELDS), "from": gov.get("from")} if isinstance(gov, dict) else None
    return out


def origins_var(finding: Finding) -> list[str] | None:
    """Countries in the model's lineage graph; None (null) when none is known, never []."""
    origins = (finding.resolution or {}).get("origins")
    if not origins:
        return None
    return sorted({str(o).upper() for o in origins})


def origins_known_var(finding: Finding) -> bool:
    """True only when every publisher country and every base in the lineage graph is recorded."""
    return bool((finding.resolution or {}).get("origins_known"))


def lineage_var(finding: Finding) -> list[dict[str, Any]] | None:
    """Every edge of the lineage graph (``modelmap.trace/2``): relation, model (the parent), child and
    the parent's publisher; None (null) when the lineage is unknown."""
    edges = (finding.resolution or {}).get("edges")
    if edges is None:
        return None
    return [
        {
            "relation": edge.get("relation"),
            "model": edge.get("parent"),
            "child": edge.get("child"),
            "publisher": _pick(edge.get("parent_publisher"), PUBLISHER_FIELDS),
        }
        for edge in edges
    ]


def served_by_var(finding: Finding) -> dict[str, Any]:
    served = (finding.resolution or {}).get("served_by")
    served = served if isinstance(served, dict) else {}
    serving = list(served.get("serving") or ())
    countries = set(_countries(serving))
    if isinstance(served.get("country"), str):
        countries.add(served["country"].upper())
    return {
        "id": served.get("id"),
        "operator": served.get("operator"),
        "country": served.get("country"),
        "serving": serving,
        "countries": sorted(countries),
    }


def usage_var(finding: Finding) -> dict[str, Any]:
    load = load_facts(finding.evidence) or _NO_LOAD
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "kind": finding.kind,
        "role": finding.role,
        "context": finding.context,
        "source": finding.source,
        "raw": finding.raw,
        "provider": finding.provider,
        "endpoint": finding.endpoint,
        "fingerprint": finding.fingerprint,
        "trust_remote_code": load["trust_remote_code"],
        "revision_pinned": load["revision_pinned"],
    }


# a usage that records no Hub load (an API model, a string in a config file): how it is loaded is unknown
_NO_LOAD: dict[str, Any] = {"trust_remote_code": None, "revision_pinned": None}


def flows_of(finding: Finding, flows: tuple[Flow, ...]) -> list[str]:
    """Names of the flows whose globs match the finding's path, in config order.

    A finding sits where its value reaches a model API (discover/links.py), so these are the flows of
    the use site. A name defined in a shared settings module that no scanned code passes to a model
    API (evidence ``binding-not-used``) is in no flow: where it is used is unknown."""
    return flows_at(flows, finding.path, finding.evidence)


def flows_at(flows: tuple[Flow, ...], path: str, evidence: Collection[str] | None = None) -> list[str]:
    """``flows_of`` for a usage given by its path and evidence (a finding read back from JSON: modelmap.diff)."""
    if binding_not_used(evidence):
        return []
    return list(_path_flows(flows, path))


class DeclaredFlowsOf:
    """``flows_of`` bound to a project's declared flows, with their ``names`` in config order (the scan JSON's
    summary counts them, as check, report and bom do) and the ``flows`` themselves (the scan JSON writes their
    tags)."""

    def __init__(self, flows_of: Callable[[Finding], list[str]], names: Sequence[str],
                 flows: Sequence[Flow] = ()) -> None:
        self._flows_of = flows_of
        self.names = tuple(names)
        self.flows = tuple(flows)

    def __call__(self, finding: Finding) -> list[str]:
        return self._flows_of(finding)


def project_flows_of(path: str | Path, problems: list[str] | None = None) -> DeclaredFlowsOf | None:
    """``flows_of`` bound to the flows of the project that holds ``path`` (its modelmap.yaml / [tool.modelmap], found
    upward as ``check`` finds it), or None when the project declares no flows or its config cannot be read: writing
    a scan never enforces a policy, so a broken policy file does not fail it (``check`` reports that). ``problems``
    gets one line saying why a policy file that exists could not be read, for the caller to warn with: a scan
    written without the flows its project declares should not look like a project without flows."""
    from modelmap.errors import ModelmapError
    from modelmap.policy.config import find_config, load_config

    start = Path(path)
    start = start if start.is_dir() else start.parent
    found = None
    try:
        search = find_config(start)
        found = search.found
        flows = load_config(search.found).flows if search.found is not None else ()
        # the flows' globs are relative to the project (the config's folder); a scan of a folder inside it writes
        # paths relative to that folder (`scan src`: `other/a.py`, the project's `src/other/a.py`), which matched
        # no glob and was written as in no flow ([])
        inside = start.resolve().relative_to(search.project_root.resolve()).as_posix() if flows else "."
    except (ModelmapError, OSError) as exc:
        if problems is not None and found is not None:
            first = (str(exc).splitlines() or [exc.__class__.__name__])[0].rstrip(":")
            problems.append(first if first.startswith(found.name) else f"{found}: {first}")
        return None
    except ValueError:
        return None
    if not flows:
        return None
    names = [f.name for f in flows]
    if inside in ("", "."):
        return DeclaredFlowsOf(lambda finding: flows_of(finding, flows), names, flows)
    return DeclaredFlowsOf(lambda finding: flows_at(flows, f"{inside}/{finding.path}", finding.evidence), names, flows)


#: The flows tuples asked about lately, each with its matcher and its answers by path (newest first). Looked up by
#: identity: every caller passes its config's one ``flows`` tuple, and hashing that tuple (an lru_cache key) hashed
#: every Flow's fields on every call - a diff of 50,000 usages against 2,000 flows spent 200 s doing that.
_MATCHED: list[tuple[tuple[Flow, ...], Callable[[str], tuple[int, ...]], dict[str, tuple[str, ...]]]] = []
_MATCHED_TUPLES = 8
_MATCHED_PATHS = 65_536


def _path_flows(flows: tuple[Flow, ...], path: str) -> tuple[str, ...]:
    """Flow names for one path, memoised: a company inventory has thousands of usages in far fewer files, and
    scenario, plan and check each ask again (glob matching was most of a 10k-usage plan, bench/SWITCH.md)."""
    held = next((entry for entry in _MATCHED if entry[0] is flows), None)
    if held is None:
        held = (flows, group_matcher(tuple(f.paths for f in flows)), {})
        _MATCHED.insert(0, held)
        del _MATCHED[_MATCHED_TUPLES:]
    _, match, memo = held
    names = memo.get(path)
    if names is None:
        if len(memo) >= _MATCHED_PATHS:
            memo.clear()
        names = memo[path] = tuple(flows[i].name for i in match(path))
    return names


#: ``runtime`` fields, all null when no runtime inventory was given (``check --runtime FILE``).
RUNTIME_FIELDS = ("seen", "served_by", "providers", "models", "requests", "last_seen")
RUNTIME_KEY = "runtime"  # where attach_runtime puts the facts in a finding's resolution


def runtime_var(finding: Finding) -> dict[str, Any]:
    """What production says about this usage's model (docs/policy.md): ``seen`` (bool), ``served_by`` (the
    serving hosts), ``providers`` (provider ids of those hosts), ``models`` (the weights that answered: resolved
    model ids, else the names the telemetry gives),
    ``requests`` and ``last_seen``. Every field is null without runtime data; with it, a model never seen has
    ``seen == false`` and empty lists (known to be none), and ``requests`` is 0 only when the runtime
    sources counted requests at all."""
    facts = (finding.resolution or {}).get(RUNTIME_KEY)
    if not isinstance(facts, dict):
        return dict.fromkeys(RUNTIME_FIELDS)
    return {k: facts.get(k) for k in RUNTIME_FIELDS}


@lru_cache(maxsize=1)
def routing_prefixes() -> frozenset[str]:
    """Gateway routing prefixes (``deepseek/`` in ``deepseek/deepseek-chat``), from providers.yaml."""
    from modelmap.knowledge import load

    return frozenset(str(p).lower() for rec in load().providers.values() for p in rec.get("prefixes") or ())


def _runtime_keys(name: str, resolution: Any) -> set[str]:
    """Lower-case names a model goes by: as written, without a gateway routing prefix, and its resolved id."""
    res: dict[str, Any] = resolution if isinstance(resolution, dict) else {}
    keys = {name.strip().lower()}
    head, _, rest = name.strip().lower().partition("/")
    if rest and head in routing_prefixes():
        keys.add(rest)
    model = res.get("model")
    if isinstance(model, dict) and model.get("id"):
        keys.add(str(model["id"]).lower())
    return keys


def _largest_source(matched: list[dict[str, Any]], requests: list[int]) -> list[int]:
    """The requests of the matched runtime models per source, summed within a source: the largest one (as a
    one-item list), or ``requests`` unchanged when the models say nothing per source."""
    totals: dict[str, int] = {}
    for m in matched:
        by_source = m.get("requests_by_source")
        for source, n in (by_source.items() if isinstance(by_source, dict) else ()):
            if isinstance(n, int):
                totals[str(source)] = totals.get(str(source), 0) + n
    return [max(totals.values())] if totals else requests


def attach_runtime(result: ScanResult, runtime: dict[str, Any]) -> ScanResult:
    """``result`` with each model usage's runtime facts (from a ``modelmap.runtime/1`` document) in its
    resolution, where ``runtime_var`` reads them. A usage matches a runtime model by resolved model id, by
    the name as written, or by a name clients requested it as (so an alias answered by other weights is
    seen, and ``models`` names those weights). An endpoint is seen when traffic went to its host (its
    ``served_by`` are those hosts and ``requests`` the requests sent there)."""
    from dataclasses import replace

    index: dict[str, list[dict[str, Any]]] = {}
    for m in runtime.get("models") or ():
        if not isinstance(m, dict) or not isinstance(m.get("model"), str):
            continue
        keys = _runtime_keys(m["model"], m.get("resolution"))
        keys |= {r.strip().lower() for r in m.get("requested_as") or () if isinstance(r, str)}
        for key in keys:
            index.setdefault(key, []).append(m)
    summary = runtime.get("summary")
    counted = isinstance(summary, dict) and summary.get("requests") is not None
    # the runtime's sources share no request id (an app's spans and a gateway's log of the same calls): a usage
    # matched by runtime models of several sources is counted as its largest source says, never the sum
    counting = summary.get("request_counting") if isinstance(summary, dict) else None
    per_source = isinstance(counting, dict) and counting.get("method") == "per-source"
    from modelmap.runtime.drift import host_matches, host_of

    models = [m for m in runtime.get("models") or () if isinstance(m, dict) and isinstance(m.get("model"), str)]
    findings = []
    for f in result.findings:
        matched: dict[str, dict[str, Any]] = {}
        requests: list[int] = []
        hosts: set[str] = set()
        if f.kind == "endpoint":  # an endpoint is seen when traffic went to its host
            host = host_of(f.endpoint or f.raw) or ""
            for m in models if host else ():
                raw_by_host = m.get("requests_by_host")
                by_host: dict[str, Any] = raw_by_host if isinstance(raw_by_host, dict) else {}
                served = [h for h in m.get("hosts") or () if isinstance(h, str) and host_matches(h, host)]
                if served:
                    matched[m["model"]] = m
                    hosts.update(served)
                    requests += [n for h in served if isinstance(n := by_host.get(h), int)]
        else:
            for key in _runtime_keys(f.raw, f.resolution):
                for m in index.get(key, ()):
                    matched[m["model"]] = m
            requests = [m["requests"] for m in matched.values() if isinstance(m.get("requests"), int)]
            if per_source and len(matched) > 1:
                requests = _largest_source(list(matched.values()), requests)
            hosts = {h for m in matched.values() for h in m.get("hosts") or () if isinstance(h, str)}
        hits = list(matched.values())
        lasts = [m["last_seen"] for m in hits if isinstance(m.get("last_seen"), str)]
        providers = {((m.get("resolution") or {}).get("served_by") or {}).get("id") for m in hits}
        facts = {
            "seen": bool(hits),
            "served_by": sorted(hosts),
            "providers": sorted(p for p in providers if isinstance(p, str)),
            "models": sorted({str(((m.get("resolution") or {}).get("model") or {}).get("id") or name)
                              for name, m in matched.items()}),
            "requests": sum(requests) if requests else (0 if counted and not hits else None),
            "last_seen": max(lasts) if lasts else None,
        }
        findings.append(replace(f, resolution={**(f.resolution or {}), RUNTIME_KEY: facts}))
    return replace(result, findings=findings)


RESOLUTION_BUILDERS: tuple[tuple[str, Any], ...] = (
    ("model", model_var),
    ("publisher", publisher_var),
    ("license", license_var),
    ("origins", origins_var),
    ("origins_known", origins_known_var),
    ("lineage", lineage_var),
    ("served_by", served_by_var),
    ("runtime", runtime_var),
)


class ResolutionVars:
    """The per-resolution variables (model, publisher, license, origins, lineage, served_by),
    built once per distinct resolution. ``key(finding)`` is a stable text key of the resolution
    (memoised by object identity) so equal resolutions share one entry."""

    def __init__(self) -> None:
        self._keys: dict[int, str] = {}
        self._vars: dict[str, dict[str, Any]] = {}

    def key(self, finding: Finding) -> str:
        res = finding.resolution
        if res is None:
            return "raw:" + finding.raw
        key = self._keys.get(id(res))
        if key is None:
            key = json.dumps(res, sort_keys=True, default=str)
            if not (res.get("query")):
                key += "\x1f" + finding.raw
            self._keys[id(res)] = key
        return key

    def get(self, finding: Finding) -> dict[str, Any]:
        key = self.key(finding)
        found = self._vars.get(key)
        if found is None:
            found = self._vars[key] = {name: build(finding) for name, build in RESOLUTION_BUILDERS}
        return found


@dataclass
class Inventory:
    """Aggregates over all usages: the ``inventory`` and ``flow`` variables, and report figures."""

    usages: int
    resolved: int
    flow_of: list[list[str]]  # per finding index: matching flow names
    flows: dict[str, dict[str, Any]]  # name -> flow variable (config flows, in config order)
    data: dict[str, Any] = field(default_factory=dict)  # the `inventory` variable
    resolution_vars: ResolutionVars = field(default_factory=ResolutionVars)

    def flow_var(self, name: str | None) -> dict[str, Any]:
        """The full ``flow`` variable of flow-scope rules (with aggregates)."""
        if name is None:
            return _empty_flow()
        return self.flows[name]

    def usage_flow_var(self, name: str | None) -> dict[str, Any]:
        """The ``flow`` variable of usage-scope rules: name, tags, paths, description only.
        Aggregates stay in ``inventory.flows[flow.name]`` (converting them per usage is costly)."""
        full = self.flow_var(name)
        return {k: full[k] for k in USAGE_FLOW_FIELDS}


def _empty_flow() -> dict[str, Any]:
    return {
        "name": None,
        "tags": [],
        "paths": [],
        "description": "",
        "usages": 0,
        "models": [],
        "publishers": [],
        "origins": [],
        "serving_countries": [],
        "roles": {},
        "fallback": {"has_fallback": False, "publishers": 0, "roles_without_fallback": []},
    }


def _share_table(counter: Counter[str], total: int, extra: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in sorted(counter):
        row = {"usages": counter[key], "share": round(counter[key] / total, 6) if total else 0.0}
        if extra and key in extra:
            row.update(extra[key])
        out[key] = row
    return out


def fallback_info(role_publishers: dict[str, set[str]]) -> dict[str, Any]:
    """A flow has a fallback when its usages span at least two publishers and every known role
    (generation, embedding, ...) is covered by at least two publishers. ``unknown`` role usages
    count towards the publisher total only."""
    all_publishers = set().union(*role_publishers.values()) if role_publishers else set()
    known_roles = {r: p for r, p in role_publishers.items() if r != "unknown"}
    missing = sorted(r for r, p in known_roles.items() if len(p) < 2)
    return {
        "has_fallback": len(all_publishers) >= 2 and not missing,
        "publishers": len(all_publishers),
        "roles_without_fallback": missing,
    }


def build_inventory(result: ScanResult, config: ProjectConfig) -> Inventory:
    findings = result.findings
    by_path: dict[str, list[str]] = {}
    flow_of: list[list[str]] = []
    for finding in findings:
        if binding_not_used(finding.evidence):
            flow_of.append([])
            continue
        names = by_path.get(finding.path)
        if names is None:
            names = by_path[finding.path] = flows_of(finding, config.flows)
        flow_of.append(names)
    memo = ResolutionVars()
    publishers: Counter[str] = Counter()
    publisher_meta: dict[str, dict[str, Any]] = {}
    origin_counts: Counter[str] = Counter()
    serving_counts: Counter[str] = Counter()
    models: set[str] = set()
    resolved = 0
    per_flow: dict[str, dict[str, Any]] = {
        f.name: {"usages": 0, "models": set(), "publishers": set(), "origins": set(), "serving": set(),
                 "roles": defaultdict(set)}
        for f in config.flows
    }
    usages = in_use = endpoints = 0
    contexts: Counter[str] = Counter()
    for finding, names in zip(findings, flow_of, strict=True):
        if finding.kind == "endpoint":
            endpoints += 1
            continue
        usages += 1
        contexts[finding.context] += 1
        variables = memo.get(finding)
        model, publisher = variables["model"], variables["publisher"]
        served, origins = variables["served_by"], variables["origins"]
        if model["resolved"]:
            resolved += 1
            models.add(model["id"])
        if section_of(finding.context) in IN_USE:
            in_use += 1
            if publisher["id"]:
                publishers[publisher["id"]] += 1
                publisher_meta[publisher["id"]] = {"name": publisher["name"], "country": publisher["country"]}
            for country in origins or ():
                origin_counts[country] += 1
            for country in served["countries"]:
                serving_counts[country] += 1
        for name in names:
            bucket = per_flow[name]
            bucket["usages"] += 1
            if model["id"]:
                bucket["models"].add(model["id"])
            if publisher["id"]:
                bucket["publishers"].add(publisher["id"])
                bucket["roles"][finding.role].add(publisher["id"])
            bucket["origins"].update(origins or ())
            bucket["serving"].update(served["countries"])

    flows: dict[str, dict[str, Any]] = {}
    for flow in config.flows:
        bucket = per_flow[flow.name]
        flows[flow.name] = {
            "name": flow.name,
            "tags": list(flow.tags),
            "paths": list(flow.paths),
            "description": flow.description,
            "usages": bucket["usages"],
            "models": sorted(bucket["models"]),
            "publishers": sorted(bucket["publishers"]),
            "origins": sorted(bucket["origins"]),
            "serving_countries": sorted(bucket["serving"]),
            "roles": {r: sorted(p) for r, p in sorted(bucket["roles"].items())},
            "fallback": fallback_info(dict(bucket["roles"])),
        }

    top_publisher = None
    max_share = 0.0
    if publishers and in_use:
        top_publisher, top_count = min(publishers.items(), key=lambda kv: (-kv[1], kv[0]))
        max_share = round(top_count / in_use, 6)
    data = {
        "usages": usages,
        "in_use": in_use,
        "endpoints": endpoints,
        "contexts": dict(sorted(contexts.items())),
        "resolved": resolved,
        "unresolved": usages - resolved,
        "models": sorted(models),
        "publishers": _share_table(publishers, in_use, publisher_meta),
        "origin_countries": _share_table(origin_counts, in_use),
        "serving_countries": _share_table(serving_counts, in_use),
        "top_publisher": top_publisher,
        "max_publisher_share": max_share,
        "flows": flows,
    }
    # optionality: HHI, compliant fallback, reversibility
    from modelmap.switch.policy_vars import add_switch_vars

    add_switch_vars(data, findings, flow_of, memo)
    return Inventory(usages=usages, resolved=resolved, flow_of=flow_of, flows=flows, data=data, resolution_vars=memo)
