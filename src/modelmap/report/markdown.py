"""``modelmap report --format md``: the HTML report's content in GitHub-flavoured Markdown
(for wikis, PR comments and tickets). Charts become tables with text bars."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from modelmap.output import md_code, md_text
from modelmap.report import runtime_section, switch_section
from modelmap.report.html import (
    SummaryRenderer,
    _usage_total,
    country,
    hhi_band,
    origin_rows,
    pct,
    publisher_rows,
)
from modelmap.types import LINEAGE_UNDISCLOSED as UNDISCLOSED


def cell(text: Any) -> str:
    """A table cell that is already Markdown: data in it went through md_text/md_code (escaped)."""
    return "—" if text is None or text == "" else str(text)


def tx(value: Any) -> str:
    """Data as escaped Markdown text; None/empty as a dash."""
    return "—" if value is None or value == "" else md_text(value)


def join(items: list[str]) -> str:
    return ", ".join(md_text(i) for i in items) if items else "—"


def unknown_note(what: str, count: int | None, total: int | None) -> str | None:
    """"self-hosted or unknown (8 of 9 usages)": the usages of a flow a countries cell cannot name; None when all."""
    if not count:
        return None
    return f"{what} ({count} of {total} usage{'' if total == 1 else 's'})" if total else what


def _with_unknown(countries: list[str], count: int | None, total: int | None, what: str) -> str:
    """A flow's countries, then how many of its usages have none known (unknown is never shown as "—", none)."""
    note = unknown_note(what, count, total)
    if note is None:
        return join(countries)
    return (join(countries) + ", " if countries else "") + f"_{md_text(note)}_"


def text_bar(share: float, width: int = 20) -> str:
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def table(headers: list[str], rows: list[list[Any]], empty: str) -> list[str]:
    if not rows:
        return [f"_{empty}_", ""]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(s: dict[str, Any], *, generated: datetime, version: str) -> str:
    out = [
        "# AI model inventory and provenance",
        "",
        f"Generated {generated.strftime('%Y-%m-%d %H:%M UTC')} by modelmap {version}; policy checked on "
        f"{s['evaluated_on']}.",
        "",
        "## Summary",
        "",
        f"**Status: {'✅ within policy' if s['passed'] else '❌ action needed'}** — {_n(len(s['violations']), 'open issue')}, "
        f"{_n(len(s['expiring']), 'decision')} expiring soon, {_n(len(s['rules']), 'rule')}"
        + (f" (presets: {join(s['presets'])})" if s["presets"] else "") + ".",
        "",
        *_summary_lines(s),
        "",
        "## Which models power which products",
        "",
    ]
    fallback = {True: "yes", False: "**no**", None: "—"}
    out += table(
        ["Flow", "Tags", "Models", "Model origins", "Served from", "Fallback publisher", "Open issues"],
        [[f"**{md_text(f['name'])}**", join(f["tags"]), join(f["models"]),
          _with_unknown([country(c) for c in f["origins"]], f.get("origins_unknown"), f.get("in_use"), "unknown"),
          _with_unknown([country(c) for c in f["serving_countries"]], f.get("serving_unknown"), f.get("in_use"),
                        "self-hosted or unknown"),
          fallback[f["has_fallback"]], f["violations"]]
         for f in s["flows"]],
        "No flows are configured: add flows to modelmap.yaml to see models per product.",
    )
    out += ["## Where our models come from", ""]
    charts = s["charts"]
    # usages whose origin or publisher is unknown get their own last row, as in the HTML report's charts (they are
    # never left out: a table of known countries alone reads as if every usage had one)
    total = _usage_total(s)
    unknown = {"by_origin": ("origin unknown", next((r["usages"] for r in origin_rows(s) if r["key"] == "unknown"), 0)),
               "by_publisher": ("publisher unknown", next((r["usages"] for r in publisher_rows(s) if r["key"] is None), 0))}
    for title, key, label in (
        ("By origin country", "by_origin", lambda r: tx(country(r["key"]))),
        ("By publisher", "by_publisher", lambda r: tx(r["label"])),
        ("By serving jurisdiction", "by_serving",
         lambda r: tx(country(r["key"]) if r["key"] != "self-hosted" else r["label"])),
    ):
        rows = [[label(r), r["usages"], pct(r["share"]), f"`{text_bar(r['share'])}`"] for r in charts[key]]
        what, count = unknown.get(key, ("", 0))
        if count and total:
            rows.append([f"_{what}_", count, pct(count / total), f"`{text_bar(count / total)}`"])
        out += [f"### {title}", ""]
        out += table(["", "Usages", "Share", ""], rows, "No data.")
    c = s["concentration"]
    out += [
        "### Concentration",
        "",
        f"The largest publisher, **{tx(c['top_publisher'])}**, accounts for **{pct(c['top_share'])}** of model "
        f"usages; the top three for {pct(c['top3_share'])}. Concentration index (HHI): **{c['hhi']}** "
        f"({hhi_band(c['hhi'])}; below 1500 low, 1500–2500 moderate, above 2500 high).",
        "",
        "## Our policy and where we stand",
        "",
        f"### Open issues ({len(s['violations'])})",
        "",
    ]
    out += table(["Severity", "Rule", "What the rule says", "Model", "Flow", "Where"],
                 [[tx(v["severity"]), md_code(v["rule"]), tx(v["message"]), tx(v["model"] or v["raw"]), tx(v["flow"]),
                   md_code(f"{v['location']['path']}:{v['location']['line']}")] for v in s["violations"]],
                 "No open issues.")
    out += ["### Decisions about to expire", ""]
    if s["expiring"]:
        out += [f"- **{tx(w['expires'])}** ({w['days_left']} days): waiver for {md_code(w['rule'], in_table=False)} "
                f"approved by {tx(w['approved_by'])} — {tx(w['reason'])}" for w in s["expiring"]] + [""]
    else:
        out += ["_No waiver expires soon._", ""]
    out += [f"### Accepted exceptions (waivers, {len(s['waivers'])})", ""]
    status = {"active": "active", "expired": "**expired**", "unowned": "**no approver**"}
    out += table(["Rule", "Covers", "Why", "Approved by", "On", "Expires", "Status", "Cases"],
                 [[md_code(w["rule"]), tx(", ".join(f"{k}: {v}" for k, v in w["match"].items())), tx(w["reason"]),
                   tx(w["approved_by"]), tx(w["approved_on"]), tx(w["expires"]),
                   f"expires in {w['days_left']} days" if w["status"] == "active" and w["expiring_soon"]
                   else status[w["status"]], w["covers"]] for w in s["waivers"]],
                 "No waivers.")
    out += [f"### Rules in effect ({len(s['rules'])})", ""]
    out += table(["Rule", "Severity", "What it says", "From"],
                 [[md_code(r["id"]), tx(r["severity"]), tx(r["message"]), tx(r["origin"])] for r in s["rules"]],
                 "No rules are configured.")
    out += ["## Exposure: what would break under stricter rules", ""]
    out += table(["If we required…", "Flows affected", "", "Models to replace, by flow"],
                 [[f"**{tx(e['label'])}**", f"{e['flows_broken']} of {e['flows_total']} ({pct(e['share'])})",
                   f"`{text_bar(e['share'], 10)}`",
                   "; ".join(f"{md_text(b['flow'])}: {join(b['models'])}" for b in e["broken"]) or "none"]
                  for e in s["exposure"]],
                 "No flows.")
    out += switch_section.markdown(s.get("switch"))
    out += runtime_section.markdown(s.get("runtime"))
    out += ["## All models", ""]
    out += table(["Model", "Publisher", "Origin", "License", "Open weights", "Served by", "Built on", "Flows", "Uses"],
                 [[f"**{md_text(m['id'])}**", tx(m["publisher"]), (join([country(o) for o in m["origins"]]) if m["origins"] else "unknown")
                   + ("" if m.get("origins_known", True) or not m["origins"] else " (incomplete)"),
                   tx(m["license"] or "unknown"), {True: "yes", False: "no", None: "unknown"}[m["open_weights"]],
                   tx(m["served_by"] or "self-hosted / unknown"),
                   UNDISCLOSED if m.get("lineage_undisclosed") and not m["lineage"] else join(m["lineage"]),
                   join(m["flows"]), m["usages"]]
                  for m in s["models"]],
                 "No models found.")
    out += _endpoint_lines(s)
    out += [f"### Not identified ({len(s['unresolved'])})", ""]
    out += table(["As written in code", "Why not identified", "Uses", "Where"],
                 [[md_code(u["identifier"]), tx(u["reason"]), u["usages"], ", ".join(md_code(loc) for loc in u["locations"])
                   or "—"] for u in s["unresolved"]],
                 "Every model reference was identified.")
    out += _collapsed_sections(s)
    return "\n".join(out).rstrip() + "\n"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _summary_lines(s: dict[str, Any]) -> list[str]:
    """Production first (the inventory's own counts), then what else was found (modelmap.inventory)."""
    t = s["totals"]
    sections = s.get("sections") or {}
    prod = sections.get("production") or {"models": t["models"], "usages": t["usages"]}
    lines = [f"- {_n(prod['models'], 'model')} used in {_n(prod['usages'], 'place')} in production code and "
             f"configuration, across {_n(t['flows'], 'product flow')}, from {_n(t['publishers'], 'publisher')}"]
    extra = [f"{_n(sections[k]['models'], 'model')} in {label}" for k, label in
             (("other", "examples, notebooks and docs"), ("catalog", "catalogs"), ("test", "tests"))
             if (sections.get(k) or {}).get("usages")]
    if extra:
        lines.append(f"- {_n(t['models'], 'distinct model')} in all, counting " + "; ".join(extra)
                     + " (listed at the end)")
    if "endpoints" in t:
        lines.append(f"- {_n(t['endpoints'], 'model API endpoint')} (services, not models)")
    lines.append(f"- {_n(t.get('unidentified', t['unresolved']), 'model')} could not be identified; "
                 f"{_n(t['skipped'], 'file')} skipped")
    return lines


def _endpoint_lines(s: dict[str, Any]) -> list[str]:
    endpoints = s.get("endpoints")
    if endpoints is None:
        return []
    out = [f"### Model API endpoints ({len(endpoints)})", ""]
    out += table(["Endpoint", "Provider", "References", "Where"],
                 [[md_code(e["url"]), tx(e["provider"]), e["references"],
                   ", ".join(md_code(loc) for loc in e["locations"]) or "—"] for e in endpoints],
                 "No model API endpoint found.")
    return out


def _collapsed_sections(s: dict[str, Any]) -> list[str]:
    """Catalogs and tests, each in a collapsed ``<details>`` block (GitHub renders it folded)."""
    out: list[str] = []
    for key, title in (("catalog", "Catalogs of models"), ("test", "Models in tests")):
        section = (s.get("sections") or {}).get(key)
        if not section or not section.get("usages"):
            continue
        out += [f"<details><summary>{title}: {_n(section['models'], 'model')} in "
                f"{_n(section['usages'], 'place')}</summary>", ""]
        out += table(["Model", "Identified", "Uses", "Where"],
                     [[md_code(m["id"]), "yes" if m["identified"] else "no", m["usages"],
                       ", ".join(md_code(loc) for loc in m["locations"][:5])
                       + (" …" if m["usages"] > 5 else "")] for m in section["models_list"]],
                     "None.")
        out += ["</details>", ""]
    return out


class MarkdownRenderer(SummaryRenderer):
    id = "md"
    media_type = "text/markdown"

    def _text(self, summary: dict[str, Any], *, generated: datetime, version: str) -> str:
        return render_markdown(summary, generated=generated, version=version)
