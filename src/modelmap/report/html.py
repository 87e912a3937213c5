"""``modelmap report --format html``: one self-contained HTML page for people who are not engineers.

It answers, in this order: are we within policy; which models power which products (flows); where
the models come from (charts by origin country, publisher and serving jurisdiction, and how
concentrated we are); where we stand against the policy (violations, waivers, decisions about to
expire); and how exposed we are to likely rules ("no Chinese origin", "no Chinese serving", "only
permissive licenses").

Charts are inline SVG generated here: no JavaScript, no CDN, no web fonts, so the file opens
offline, prints, and can be attached to an email. The page skeleton and styles live in
``templates/report.html``. Output is deterministic for a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from importlib import resources
from string import Template
from typing import Any

from modelmap.output import html_text as escape
from modelmap.output import to_utf8
from modelmap.policy.engine import CheckResult
from modelmap.policy.summary import build_summary, tool_version

COUNTRY_NAMES = {
    "AE": "United Arab Emirates", "AU": "Australia", "CA": "Canada", "CH": "Switzerland", "CN": "China",
    "DE": "Germany", "FR": "France", "GB": "United Kingdom", "HK": "Hong Kong", "IL": "Israel", "IN": "India",
    "IR": "Iran", "JP": "Japan", "KP": "North Korea", "KR": "South Korea", "NL": "Netherlands", "RU": "Russia",
    "SG": "Singapore", "TW": "Taiwan", "US": "United States",
}
PALETTE = ("#2f5d8a", "#4c9f70", "#d98f2b", "#b5485d", "#7b61a8", "#3a9ca6", "#8a6d3b", "#6b7c93")
HHI_BANDS = ((1500, "low"), (2500, "moderate"), (10_001, "high"))


def country(code: str | None) -> str:
    if not code:
        return "unknown"
    name = COUNTRY_NAMES.get(code)
    return f"{name} ({code})" if name else code


def pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def hhi_band(hhi: int) -> str:
    return next(label for limit, label in HHI_BANDS if hhi < limit)


def bar_chart(rows: list[dict[str, Any]], title: str, label: Callable[[dict[str, Any]], str] | None = None) -> str:
    """Horizontal bar chart as inline SVG; one bar per row (``usages``, ``share``)."""
    label = label or (lambda r: str(r["label"]))
    if not rows:
        return f'<p class="muted">No data for “{escape(title)}”.</p>'
    width, label_w, row_h, value_w = 640, 210, 26, 90
    bar_w = width - label_w - value_w
    height = row_h * len(rows) + 8
    top = max(r["usages"] for r in rows) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, row in enumerate(rows):
        y = 4 + i * row_h
        w = max(2, round(bar_w * row["usages"] / top))
        colour = PALETTE[i % len(PALETTE)]
        text = label(row)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(text[:34])}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{row_h - 8}" rx="3" fill="{colour}">'
            f"<title>{escape(text)}: {row['usages']} usages ({pct(row['share'])})</title></rect>"
            f'<text x="{label_w + w + 6}" y="{y + 17}">{row["usages"]} · {pct(row["share"])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def share_strip(rows: list[dict[str, Any]], title: str) -> str:
    """One 100% stacked bar showing how usages split between publishers."""
    width, height = 640, 34
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>']
    x = 0.0
    for i, row in enumerate(rows):
        w = width * row["share"]
        parts.append(f'<rect x="{x:.1f}" y="4" width="{w:.1f}" height="26" fill="{PALETTE[i % len(PALETTE)]}">'
                     f"<title>{escape(str(row['label']))}: {pct(row['share'])}</title></rect>")
        x += w
    if width - x > 0.5:  # usages with no known publisher (unresolved identifiers)
        parts.append(f'<rect x="{x:.1f}" y="4" width="{width - x:.1f}" height="26" fill="#cbd2d9">'
                     f"<title>publisher unknown: {pct((width - x) / width)}</title></rect>")
    parts.append("</svg>")
    return "".join(parts)


def meter(share: float, title: str) -> str:
    width, height = 240, 16
    colour = "#c62828" if share >= 0.5 else ("#b26a00" if share > 0 else "#1a7f37")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
            f'<rect x="0" y="2" width="{width}" height="12" rx="6" fill="#e4e7eb"/>'
            f'<rect x="0" y="2" width="{max(0.0, width * share):.1f}" height="12" rx="6" fill="{colour}"/></svg>')


def _tags(tags: list[str]) -> str:
    return "".join(f'<span class="tag">{escape(t)}</span>' for t in tags)


def _list(items: list[str]) -> str:
    return ", ".join(escape(i) for i in items) if items else '<span class="muted">—</span>'


def _table(headers: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f'<p class="muted">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _summary(s: dict[str, Any]) -> str:
    status = ('<span class="status pass">Within policy</span>' if s["passed"]
              else '<span class="status fail">Action needed</span>')
    t = s["totals"]
    cards = [
        (t["models"], "distinct models"), (t["usages"], "places models are used"), (t["flows"], "product flows"),
        (t["publishers"], "publishers"), (len(s["violations"]), "open policy issues"),
        (len(s["expiring"]), "decisions expiring soon"), (t["unresolved"], "unidentified models"),
    ]
    cards_html = "".join(f'<div class="card"><div class="n">{n}</div><div class="l">{escape(label)}</div></div>'
                         for n, label in cards)
    exposure = "; ".join(f"{escape(e['label'][0].lower() + e['label'][1:])}: {e['flows_broken']} of "
                         f"{e['flows_total']} flows affected"
                         for e in s["exposure"])
    return (f'<section id="summary"><h2>Summary {status}</h2>'
            f'<p class="lead">Checked on {escape(s["evaluated_on"])} against '
            f'{len(s["rules"])} rules{_presets(s)}.</p><div class="cards">{cards_html}</div>'
            f'<p class="small muted">If we adopted stricter rules tomorrow — {exposure}.</p></section>')


def _presets(s: dict[str, Any]) -> str:
    return f" (presets: {escape(', '.join(s['presets']))})" if s["presets"] else ""


def _flows(s: dict[str, Any]) -> str:
    rows = []
    for f in s["flows"]:
        fallback = {True: "yes", False: '<span class="sev-warning">no</span>', None: '<span class="muted">—</span>'}
        issues = f'<span class="sev-error">{f["violations"]}</span>' if f["violations"] else "0"
        rows.append([
            f"<strong>{escape(f['name'])}</strong><br><span class='small muted'>{escape(f['description'])}</span>",
            _tags(f["tags"]), _list(f["models"]), _list([country(c) for c in f["origins"]]),
            _list([country(c) for c in f["serving_countries"]]), fallback[f["has_fallback"]], issues,
        ])
    table = _table(["Flow", "Tags", "Models", "Model origins", "Served from", "Fallback publisher", "Open issues"],
                   rows, "No flows are configured: add flows to modelmap.yaml to see models per product.")
    return ('<section id="flows"><h2>Which models power which products</h2>'
            '<p class="lead">A flow is a product or feature, defined in modelmap.yaml by the code paths that make '
            f"it up.</p>{table}</section>")


def _origins(s: dict[str, Any]) -> str:
    charts = s["charts"]
    c = s["concentration"]
    by_origin = bar_chart(charts["by_origin"], "Usages by origin country", lambda r: country(r["key"]))
    by_publisher = bar_chart(charts["by_publisher"], "Usages by publisher")
    by_serving = bar_chart(charts["by_serving"], "Usages by serving jurisdiction",
                           lambda r: country(r["key"]) if r["key"] != "self-hosted" else str(r["label"]))
    concentration = (
        f"<p>The largest publisher, <strong>{escape(str(c['top_publisher'] or '—'))}</strong>, accounts for "
        f"<strong>{pct(c['top_share'])}</strong> of model usages; the top three for {pct(c['top3_share'])}. "
        f"Concentration index (HHI): <strong>{c['hhi']}</strong> — {hhi_band(c['hhi'])} "
        '<span class="small muted">(below 1500 low, 1500–2500 moderate, above 2500 high).</span></p>'
        + share_strip(charts["by_publisher"], "Share of usages by publisher")
    )
    return (
        '<section id="origins"><h2>Where our models come from</h2>'
        '<p class="lead">Origin counts every country in a model\'s lineage (its publisher, and the publishers of '
        "the models it was built on or distilled from). Serving is where an API call is answered.</p>"
        f'<div class="charts"><div class="chart"><h3>By origin country</h3>{by_origin}</div>'
        f'<div class="chart"><h3>By publisher</h3>{by_publisher}</div>'
        f'<div class="chart"><h3>By serving jurisdiction</h3>{by_serving}</div></div>'
        f"<h3>Concentration</h3>{concentration}</section>"
    )


def _policy(s: dict[str, Any]) -> str:
    violations = [[
        f'<span class="sev-{v["severity"]}">{escape(v["severity"])}</span>', f"<code>{escape(v['rule'])}</code>",
        escape(v["message"]), escape(v["model"] or v["raw"] or "—"), escape(v["flow"] or "—"),
        f"<code>{escape(v['location']['path'])}:{v['location']['line']}</code>",
    ] for v in s["violations"]]
    waivers = []
    for w in s["waivers"]:
        state = {"active": "active", "expired": '<span class="sev-error">expired</span>',
                 "unowned": '<span class="sev-error">no approver</span>'}[w["status"]]
        if w["status"] == "active" and w["expiring_soon"]:
            state = f'<span class="sev-warning">expires in {w["days_left"]} days</span>'
        match = ", ".join(f"{k}: {v}" for k, v in w["match"].items())
        waivers.append([
            f"<code>{escape(w['rule'])}</code>", escape(match), escape(w["reason"]),
            escape(w["approved_by"] or "—"), escape(w["approved_on"]), escape(w["expires"]), state,
            str(w["covers"]),
        ])
    expiring = "".join(
        f"<li><strong>{escape(w['expires'])}</strong> ({w['days_left']} days): waiver for "
        f"<code>{escape(w['rule'])}</code> approved by {escape(w['approved_by'])} — {escape(w['reason'])}</li>"
        for w in s["expiring"]
    )
    rules = [[f"<code>{escape(r['id'])}</code>", f'<span class="sev-{r["severity"]}">{escape(r["severity"])}</span>',
              escape(r["message"]), escape(r["origin"])] for r in s["rules"]]
    return (
        '<section id="policy"><h2>Our policy and where we stand</h2>'
        f"<h3>Open issues ({len(violations)})</h3>"
        + _table(["Severity", "Rule", "What the rule says", "Model", "Flow", "Where"], violations,
                 "No open issues.")
        + "<h3>Decisions about to expire</h3>"
        + (f"<ul>{expiring}</ul>" if expiring else '<p class="muted">No waiver expires soon.</p>')
        + f"<h3>Accepted exceptions (waivers, {len(waivers)})</h3>"
        + _table(["Rule", "Covers", "Why", "Approved by", "On", "Expires", "Status", "Cases"], waivers,
                 "No waivers.")
        + f"<h3>Rules in effect ({len(rules)})</h3>"
        + _table(["Rule", "Severity", "What it says", "From"], rules, "No rules are configured.")
        + "</section>"
    )


def _exposure(s: dict[str, Any]) -> str:
    rows = []
    for e in s["exposure"]:
        broken = "".join(f"<li><strong>{escape(b['flow'])}</strong>: {_list(b['models'])}</li>" for b in e["broken"])
        rows.append([
            f"<strong>{escape(e['label'])}</strong>",
            f"{meter(e['share'], e['label'])}<br>{e['flows_broken']} of {e['flows_total']} flows ({pct(e['share'])})",
            f"<ul>{broken}</ul>" if broken else '<span class="muted">none</span>',
        ])
    return ('<section id="exposure"><h2>Exposure: what would break under stricter rules</h2>'
            '<p class="lead">Share of flows with at least one model that a rule would rule out, and which models '
            "would need replacing.</p>"
            + _table(["If we required…", "Flows affected", "Models to replace, by flow"], rows, "No flows.")
            + "</section>")


def _models(s: dict[str, Any]) -> str:
    rows = [[
        f"<strong>{escape(m['id'])}</strong>", escape(m["publisher"] or "—"), _list([country(c) for c in m["origins"]]),
        escape(m["license"] or "unknown"), {True: "yes", False: "no", None: "unknown"}[m["open_weights"]],
        escape(m["served_by"] or "self-hosted / unknown"), _list(m["lineage"]), _list(m["flows"]), str(m["usages"]),
    ] for m in s["models"]]
    unresolved = [[f"<code>{escape(u['identifier'])}</code>", escape(u["reason"] or "—"), str(u["usages"]),
                   _list(u["locations"])] for u in s["unresolved"]]
    return ('<section id="models"><h2>All models</h2>'
            + _table(["Model", "Publisher", "Origin", "License", "Open weights", "Served by", "Built on",
                      "Flows", "Uses"], rows, "No models found.")
            + f"<h3>Not identified ({len(unresolved)})</h3>"
            + _table(["As written in code", "Why not identified", "Uses", "Where"], unresolved,
                     "Every model reference was identified.")
            + "</section>")


def render_html(summary: dict[str, Any], *, generated: datetime, version: str) -> str:
    body = "\n".join([_summary(summary), _flows(summary), _origins(summary), _policy(summary),
                      _exposure(summary), _models(summary)])
    template = Template((resources.files("modelmap.report") / "templates" / "report.html").read_text("utf-8"))
    return template.substitute(
        title="AI model inventory and provenance",
        subtitle=escape(f"Generated {generated.strftime('%Y-%m-%d %H:%M UTC')} · policy checked on "
                        f"{summary['evaluated_on']}"),
        version=escape(version),
        body=body,
        footer=escape(f"modelmap {version} · facts come from the modelmap knowledge base; unknown facts are "
                      "shown as unknown, never guessed."),
    )


class HtmlRenderer:
    id = "html"
    media_type = "text/html"

    def __init__(self, *, clock: Callable[[], datetime] | None = None, version: str | None = None) -> None:
        self.clock = clock or (lambda: datetime.now(timezone.utc).replace(microsecond=0))
        self.version = version

    def render(self, result: CheckResult) -> bytes:
        text = render_html(build_summary(result), generated=self.clock(), version=self.version or tool_version())
        return to_utf8(text)
