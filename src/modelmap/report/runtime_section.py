"""The report's "What runs in production" section: code against runtime, per flow (issue 15, item 4).

``build(check, runtime)`` joins the inventory ``check`` built with a ``modelmap.runtime/1`` document through
``runtime/drift.py`` (the same comparison as ``modelmap diff CODE RUNTIME``) and groups it by the flows of
modelmap.yaml. Each model a flow declares gets one or more statuses:

* ``serving``        declared and seen serving, as declared;
* ``not-seen``       declared, never seen serving in the runtime window;
* ``alias``          clients asked for it and other weights answered (a served-name alias, a gateway route);
* ``host``           served from a host the code does not point it at.

Models serving that no code declares (``shadow``) belong to no flow and are listed apart. ``markdown`` and
``html`` render it and return nothing without data, so the renderers can add them unconditionally.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from modelmap.output import html_text as escape

if TYPE_CHECKING:
    from modelmap.policy.engine import CheckResult

STATUS_LABELS = {
    "serving": "declared and serving",
    "not-seen": "declared, never seen",
    "alias": "alias ≠ weights",
    "host": "host differs",
}
STATUS_ORDER = ("alias", "host", "not-seen", "serving")
UNASSIGNED = "(no flow)"
HINT = "modelmap diff PATH runtime.json"


def _key(resolution: Any, name: str) -> str:
    model = (resolution or {}).get("model") if isinstance(resolution, dict) else None
    return str((model or {}).get("id") or name.strip().lower())


def build(check: CheckResult, runtime: dict[str, Any], *, source: str = "runtime") -> dict[str, Any]:
    """JSON-ready figures of the section (see the module doc)."""
    from modelmap.report.json import scan_document
    from modelmap.runtime.drift import drift

    code = json.loads(json.dumps(scan_document(check.scan), default=str))
    result = drift(code, runtime, code_source=check.config.root, runtime_source=source)
    statuses: dict[str, dict[str, Any]] = {}

    def entry(key: str) -> dict[str, Any]:
        return statuses.setdefault(key, {"model": key, "status": set(), "served_as": set(), "hosts": set(),
                                         "requests": None, "details": []})

    for m in result["matched"]:
        e = entry(m["model"])
        e["served_as"].add(m["served_as"])
        e["hosts"].update(m["hosts"])
        if isinstance(m.get("requests"), int):
            e["requests"] = (e["requests"] or 0) + m["requests"]
    for a in result["alias_mismatch"]:
        e = entry(a["declared_model"])
        e["status"].add("alias")
        e["served_as"].add(a["served"])
        e["hosts"].update(a["hosts"])
        e["details"].append(a["message"])
        if isinstance(a.get("requests"), int):
            e["requests"] = (e["requests"] or 0) + a["requests"]
    for h in result["host_mismatch"]:
        e = entry(h["model"])
        e["status"].add("host")
        e["details"].append(h["message"])
    for n in result["declared_not_seen"]:
        entry(n["model"])["status"].add("not-seen")
    for e in statuses.values():
        if not e["status"]:
            e["status"].add("serving")

    per_flow: dict[str, dict[str, set[str]]] = {}  # flow -> model key -> names as written
    for finding, names in zip(check.scan.findings, check.inventory.flow_of, strict=True):
        if finding.kind == "endpoint":
            continue
        key = _key(finding.resolution, finding.raw)
        for flow in names or [UNASSIGNED]:
            per_flow.setdefault(flow, {}).setdefault(key, set()).add(finding.raw)
    in_flows = {key for flow, models in per_flow.items() if flow != UNASSIGNED for key in models}
    if UNASSIGNED in per_flow:  # (no flow) lists only the models that no configured flow uses
        per_flow[UNASSIGNED] = {k: v for k, v in per_flow[UNASSIGNED].items() if k not in in_flows}
    order = [*check.inventory.flows, UNASSIGNED]
    flows: list[dict[str, Any]] = []
    for name in order:
        models = per_flow.get(name)
        if not models:
            continue
        rows = []
        for key in sorted(models):
            e = statuses.get(key) or {"status": {"not-seen"}, "served_as": set(), "hosts": set(), "requests": None,
                                      "details": []}
            rows.append({"model": key, "names": sorted(models[key]),
                         "status": [s for s in STATUS_ORDER if s in e["status"]],
                         "served_as": sorted(e["served_as"]), "hosts": sorted(e["hosts"]),
                         "requests": e["requests"], "details": list(e["details"])})
        counts = {s: sum(1 for r in rows if s in r["status"]) for s in STATUS_ORDER}
        flows.append({"flow": name, "models": rows, "counts": counts})
    shadow = [{"model": s["model"], "requested_as": s["requested_as"], "hosts": s["hosts"],
               "requests": s["requests"], "publisher": s["publisher"], "origins": s["origins"],
               "last_seen": s["last_seen"]} for s in result["shadow"]]
    return {"source": source, "window": result["runtime"], "summary": result["summary"], "flows": flows,
            "shadow": shadow}


def _count(value: Any) -> str:
    return "not counted" if value is None else f"{value:,}"


def _window(rt: dict[str, Any]) -> str:
    w = rt["window"]
    first, last = w.get("first_seen"), w.get("last_seen")
    span = f"from {first} to {last}" if first and last else "over an unknown time window"
    return f"Telemetry {span} ({w.get('models', 0)} models seen serving)."


def _status_text(statuses: list[str]) -> str:
    return ", ".join(STATUS_LABELS[s] for s in statuses)


def markdown(rt: dict[str, Any] | None) -> list[str]:
    """The section as Markdown lines ([] without data)."""
    if not rt:
        return []
    from modelmap.output import md_code, md_text

    s = rt["summary"]
    out = ["## What runs in production", "",
           md_text(_window(rt)) + f" {s['matched']} declared models serving, {s['declared_not_seen']} never seen, "
           f"{s['alias_mismatch']} answered by other weights, {s['host_mismatch']} from another host, "
           f"{s['shadow']} serving that no code declares.", "",
           "| Flow | Model | Status | Served as | Hosts | Requests |", "| --- | --- | --- | --- | --- | --- |"]
    for flow in rt["flows"]:
        for row in flow["models"]:
            out.append(f"| {md_text(flow['flow'])} | {md_code(row['model'])} | **{md_text(_status_text(row['status']))}** "
                       f"| {md_text(', '.join(row['served_as']) or '—')} | {md_text(', '.join(row['hosts']) or '—')} "
                       f"| {_count(row['requests'])} |")
    if not rt["flows"]:
        out.append("| _no model usages in code_ | | | | | |")
    details = [d for flow in rt["flows"] for row in flow["models"] for d in row["details"]]
    if details:
        out += [""] + [f"- {md_text(d)}" for d in dict.fromkeys(details)]
    out += ["", f"### Serving, and no code declares it ({len(rt['shadow'])})", ""]
    if rt["shadow"]:
        out += [f"- {md_code(m['model'], in_table=False)} at {md_text(', '.join(m['hosts']) or 'an unknown host')}: "
                f"{_count(m['requests'])} requests; publisher {md_text(m['publisher'] or 'unknown')}, origin "
                f"{md_text(', '.join(m['origins'] or []) or 'unknown')}" for m in rt["shadow"]]
    else:
        out.append("_None: every model seen serving is declared in code._")
    out += ["", f"The same comparison as a table or JSON: {md_code(HINT, in_table=False)}.", ""]
    return out


def html(rt: dict[str, Any] | None) -> str:
    """The section as one HTML ``<section>`` ("" without data)."""
    if not rt:
        return ""
    from modelmap.report.html import _table

    s = rt["summary"]
    rows = [[f"<strong>{escape(flow['flow'])}</strong>", f"<code>{escape(row['model'])}</code>",
             f'<span class="status-{escape(row["status"][0])}">{escape(_status_text(row["status"]))}</span>'
             + "".join(f'<br><span class="small muted">{escape(d)}</span>' for d in row["details"]),
             escape(", ".join(row["served_as"]) or "—"), escape(", ".join(row["hosts"]) or "—"),
             escape(_count(row["requests"]))]
            for flow in rt["flows"] for row in flow["models"]]
    table = _table((("Flow", "A product flow from modelmap.yaml; (no flow) for models that only code outside every flow names."),
                    ("Model", "A model the code declares in this flow (its resolved id, else its name).", "wide"),
                    ("Status", "declared and serving; declared, never seen (in the telemetry window); alias ≠ "
                               "weights (clients asked for it, other weights answered); host differs (served "
                               "from a host the code does not point it at)."),
                    ("Served as", "The names production answered with for this model.", "wide"),
                    ("Hosts", "Where the telemetry saw it served.", "wide"),
                    ("Requests", "Requests counted in the telemetry; not counted when the source has no counts "
                                 "(a probe).", "num")),
                   rows, "No model usages in code.", noun="models")
    shadow = _table((("Model", "Serving in production; no code or config names it.", "wide"),
                     ("Requested as", "The names clients asked for."),
                     ("Hosts", "Where it was served.", "wide"),
                     ("Requests", "Requests counted in the telemetry.", "num"),
                     ("Publisher", "Who published the weights (unknown if the knowledge base does not know)."),
                     ("Origin", "Countries in the model's lineage.")),
                    [[f"<code>{escape(m['model'])}</code>", escape(", ".join(m["requested_as"]) or "—"),
                      escape(", ".join(m["hosts"]) or "—"), escape(_count(m["requests"])),
                      escape(m["publisher"] or "unknown"), escape(", ".join(m["origins"] or []) or "unknown")]
                     for m in rt["shadow"]],
                    "None: every model seen serving is declared in code.", noun="models")
    lead = (f"{_window(rt)} {s['matched']} declared models serving, {s['declared_not_seen']} never seen, "
            f"{s['alias_mismatch']} answered by other weights, {s['host_mismatch']} from another host, "
            f"{s['shadow']} serving that no code declares.")
    return ('<section id="production"><h2>What runs in production</h2>'
            f'<p class="lead">{escape(lead)}</p>{table}'
            f"<h3>Serving, and no code declares it ({len(rt['shadow'])})</h3>{shadow}"
            f"<p>The same comparison as a table or JSON: <code>{escape(HINT)}</code>.</p></section>")
