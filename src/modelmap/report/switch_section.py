"""The report's "Switch" section: could we change models quickly if a rule or a vendor shifts?

``build(check)`` gathers the figures (JSON-ready) from the one inventory ``check`` built: concentration by
model, publisher and origin country (shares and HHI, ``switch.optionality``), single points of failure (a
flow role served by one model), and per flow its reversibility and whether it has a compliant fallback (the
policy object's ``flow.switch.reversibility`` / ``flow.switch.compliant_fallback``, ``switch.policy_vars``). ``markdown``
and ``html`` render it; both return nothing for a summary without it, so callers can add it unconditionally.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelmap.policy.engine import CheckResult

TOP = 3
HINT = "modelmap plan --scenario no-cn-origin --volume volume.yaml"
REVERSIBILITY_NOTE = ("Reversibility: the share of a flow's usages that a model/base-URL swap could move "
                      "(an OpenAI-compatible client) and whose role has a second model to fall back to.")
COMPLIANT_NOTE = ("Compliant fallback: every role of the flow has at least two models of fully known origin "
                  "outside CN, RU, IR and KP, not served from those countries.")


def build(check: CheckResult) -> dict[str, Any]:
    from modelmap.switch import optionality

    data = check.inventory.data
    conc = optionality.concentration(check.scan)
    spof = optionality.single_points_of_failure(check.scan, check.config)
    flows = []
    for name, flow in check.inventory.flows.items():
        if not flow.get("usages"):
            continue
        sw = flow.get("switch") or {}
        flows.append({"flow": name, "tags": list(flow.get("tags") or ()), "usages": flow["usages"],
                      "reversibility": sw.get("reversibility"),
                      "compliant_fallback": bool(sw.get("compliant_fallback")),
                      "single_points": list(sw.get("single_points") or ())})
    dims = []
    usages = conc.get("usages", 0)
    for key, label in (("model", "Model"), ("publisher", "Publisher"), ("origin_country", "Origin country")):
        part = conc.get(key) or {}
        if key == "origin_country":
            # The table says "share of the usages in use", as the "By origin country" chart counts: a usage of a
            # CN+US model is in both countries' shares (which then add up past 100%). optionality's origin
            # shares are of the origin attributions (they add up to 1), which the HHI needs, not what a reader
            # of "CN 62%" takes it for; the HHI stays computed over them.
            part = {**part, "shares": [{**sh, "share": round(sh["usages"] / usages, 6) if usages else 0.0}
                                       for sh in part.get("shares") or ()]}
        dims.append({"dimension": label, "hhi": int(part.get("hhi") or 0),
                     "overlap": sum(float(sh.get("share") or 0) for sh in part.get("shares") or ()) > 1.000001,
                     "top": [s for s in part.get("shares") or () if s.get("key") != "unknown"][:TOP],
                     "unknown": next((s for s in part.get("shares") or () if s.get("key") == "unknown"), None)})
    return {"usages": conc.get("usages", 0), "concentration": dims, "flows": flows,
            "single_points_of_failure": spof,
            "hhi": {"model": data.get("hhi_model"), "publisher": data.get("hhi_publisher"),
                    "origin": data.get("hhi_origin")}}


# tryout23: the origin-country HHI stood beside shares adding up past 100% with no word on why
_OVERLAP_NOTE = ("Origin country shares add up to more than 100%: a usage of a model with several countries in its "
                 "lineage counts in each of them. The HHI is computed over origin attributions (each such usage "
                 "split between its countries), which add up to 100%.")


def _band(hhi: int) -> str:
    from modelmap.report.html import hhi_band

    return hhi_band(hhi)


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _top(dim: dict[str, Any]) -> list[str]:
    return [f"{s['key']} {_share(s['share'])}" for s in dim["top"]]


def markdown(sw: dict[str, Any] | None) -> list[str]:
    """The section as Markdown lines ([] without data)."""
    if not sw:
        return []
    from modelmap.output import md_code, md_text

    out = ["## Switch: how fast could we change models?", "",
           f"Counted over {sw['usages']} model usages in use. HHI is 10,000 for a single supplier; below 1,500 "
           "is low concentration.", "",
           "| Concentration by | HHI | Level | Largest shares |", "| --- | --- | --- | --- |"]
    for dim in sw["concentration"]:
        out.append(f"| {dim['dimension']} | {dim['hhi']:,} | {md_text(_band(dim['hhi']))} | "
                   f"{md_text(', '.join(_top(dim)) or '—')} |")
    out += [f"\n{_OVERLAP_NOTE}" for d in sw["concentration"] if d.get("overlap")][:1]
    out += ["", "| Flow | Reversibility | Compliant fallback | Roles with one model |", "| --- | --- | --- | --- |"]
    for f in sw["flows"]:
        out.append(f"| {md_text(f['flow'])} | {_share(f['reversibility'])} | {'yes' if f['compliant_fallback'] else 'no'} "
                   f"| {md_text(', '.join(f['single_points']) or '—')} |")
    if not sw["flows"]:
        out.append("| _no flows with usages_ | | | |")
    out += ["", f"_{md_text(REVERSIBILITY_NOTE)} {md_text(COMPLIANT_NOTE)}_", ""]
    spof = sw["single_points_of_failure"]
    out += [f"### Single points of failure ({len(spof)})", ""]
    if spof:
        out += [f"- {md_text(s['flow'])}, {md_text(s['role'])}: {', '.join(md_code(m) for m in s['models'])} "
                f"({md_text(s['reason'])})" for s in spof]
    else:
        out.append("_Every flow role has a second model._")
    out += ["", f"To plan a switch under a rule, run {md_code(HINT, in_table=False)}.", ""]
    return out


def html(sw: dict[str, Any] | None) -> str:
    """The section as one HTML ``<section>`` ("" without data), with the report's self-explaining tables."""
    if not sw:
        return ""
    from modelmap.report.html import _table

    conc = _table((("Concentration by", "What the usages in use are grouped by."),
                   ("HHI", "Herfindahl-Hirschman index: the sum of squared shares x 10,000; 10,000 is a single "
                           "supplier.", "num"),
                   ("Level", "Below 1,500 low, 1,500-2,500 moderate, above 2,500 high."),
                   ("Largest shares", "The biggest groups and their share of the usages in use.")),
                  [[escape(d["dimension"]), f"{d['hhi']:,}", escape(_band(d["hhi"])),
                    escape(", ".join(_top(d)) or "—")] for d in sw["concentration"]],
                  "No model usages in use.", noun="dimensions")
    flows = _table((("Flow", "A product flow from modelmap.yaml."),
                    ("Reversibility", REVERSIBILITY_NOTE, "num"),
                    ("Compliant fallback", COMPLIANT_NOTE),
                    ("Roles with one model", "Roles (generation, embedding, ...) that only one model serves in "
                                             "this flow.")),
                   [[f"<strong>{escape(f['flow'])}</strong>", _share(f["reversibility"]),
                     "yes" if f["compliant_fallback"] else "no", escape(", ".join(f["single_points"]) or "—")]
                    for f in sw["flows"]],
                   "No flows with usages.", noun="flows")
    spof = "".join(
        f"<li><strong>{escape(s['flow'])}</strong>, {escape(s['role'])}: "
        f"{escape(', '.join(s['models']))} <span class=\"muted\">({escape(s['reason'])})</span></li>"
        for s in sw["single_points_of_failure"])
    return (
        '<section id="switch"><h2>Switch: how fast could we change models?</h2>'
        f'<p class="lead">Counted over {sw["usages"]} model usages in use.</p>'
        + conc + "".join(f'<p class="small muted">{escape(_OVERLAP_NOTE)}</p>'
                         for d in sw["concentration"] if d.get("overlap"))
        + flows
        + f"<h3>Single points of failure ({len(sw['single_points_of_failure'])})</h3>"
        + (f"<ul>{spof}</ul>" if spof else '<p class="muted">Every flow role has a second model.</p>')
        + f"<p>To plan a switch under a rule, run <code>{escape(HINT)}</code>.</p></section>"
    )
