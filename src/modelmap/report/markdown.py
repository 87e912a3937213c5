"""``modelmap report --format md``: the HTML report's content in GitHub-flavoured Markdown
(for wikis, PR comments and tickets). Charts become tables with text bars."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from modelmap.policy.engine import CheckResult
from modelmap.policy.summary import build_summary, tool_version
from modelmap.report.html import country, hhi_band, pct


def cell(text: Any) -> str:
    value = "—" if text is None or text == "" else str(text)
    return value.replace("|", "\\|").replace("\n", " ")


def join(items: list[str]) -> str:
    return ", ".join(items) if items else "—"


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
    t = s["totals"]
    out = [
        "# AI model inventory and provenance",
        "",
        f"Generated {generated.strftime('%Y-%m-%d %H:%M UTC')} by modelmap {version}; policy checked on "
        f"{s['evaluated_on']}.",
        "",
        "## Summary",
        "",
        f"**Status: {'✅ within policy' if s['passed'] else '❌ action needed'}** — {len(s['violations'])} open "
        f"issues, {len(s['expiring'])} decisions expiring soon, {len(s['rules'])} rules"
        + (f" (presets: {', '.join(s['presets'])})" if s["presets"] else "") + ".",
        "",
        f"- {t['models']} distinct models used in {t['usages']} places across {t['flows']} product flows, "
        f"from {t['publishers']} publishers",
        f"- {t['unresolved']} model references could not be identified; {t['skipped']} files were skipped",
        "",
        "## Which models power which products",
        "",
    ]
    fallback = {True: "yes", False: "**no**", None: "—"}
    out += table(
        ["Flow", "Tags", "Models", "Model origins", "Served from", "Fallback publisher", "Open issues"],
        [[f"**{f['name']}**", join(f["tags"]), join(f["models"]), join([country(c) for c in f["origins"]]),
          join([country(c) for c in f["serving_countries"]]), fallback[f["has_fallback"]], f["violations"]]
         for f in s["flows"]],
        "No flows are configured: add flows to modelmap.yaml to see models per product.",
    )
    out += ["## Where our models come from", ""]
    charts = s["charts"]
    for title, key, label in (
        ("By origin country", "by_origin", lambda r: country(r["key"])),
        ("By publisher", "by_publisher", lambda r: r["label"]),
        ("By serving jurisdiction", "by_serving",
         lambda r: country(r["key"]) if r["key"] != "self-hosted" else r["label"]),
    ):
        out += [f"### {title}", ""]
        out += table(["", "Usages", "Share", ""],
                     [[label(r), r["usages"], pct(r["share"]), f"`{text_bar(r['share'])}`"] for r in charts[key]],
                     "No data.")
    c = s["concentration"]
    out += [
        "### Concentration",
        "",
        f"The largest publisher, **{c['top_publisher'] or '—'}**, accounts for **{pct(c['top_share'])}** of model "
        f"usages; the top three for {pct(c['top3_share'])}. Concentration index (HHI): **{c['hhi']}** "
        f"({hhi_band(c['hhi'])}; below 1500 low, 1500–2500 moderate, above 2500 high).",
        "",
        "## Our policy and where we stand",
        "",
        f"### Open issues ({len(s['violations'])})",
        "",
    ]
    out += table(["Severity", "Rule", "What the rule says", "Model", "Flow", "Where"],
                 [[v["severity"], f"`{v['rule']}`", v["message"], v["model"] or v["raw"], v["flow"],
                   f"`{v['location']['path']}:{v['location']['line']}`"] for v in s["violations"]],
                 "No open issues.")
    out += ["### Decisions about to expire", ""]
    if s["expiring"]:
        out += [f"- **{w['expires']}** ({w['days_left']} days): waiver for `{w['rule']}` approved by "
                f"{w['approved_by']} — {w['reason']}" for w in s["expiring"]] + [""]
    else:
        out += ["_No waiver expires soon._", ""]
    out += [f"### Accepted exceptions (waivers, {len(s['waivers'])})", ""]
    status = {"active": "active", "expired": "**expired**", "unowned": "**no approver**"}
    out += table(["Rule", "Covers", "Why", "Approved by", "On", "Expires", "Status", "Cases"],
                 [[f"`{w['rule']}`", ", ".join(f"{k}: {v}" for k, v in w["match"].items()), w["reason"],
                   w["approved_by"], w["approved_on"], w["expires"],
                   f"expires in {w['days_left']} days" if w["status"] == "active" and w["expiring_soon"]
                   else status[w["status"]], w["covers"]] for w in s["waivers"]],
                 "No waivers.")
    out += [f"### Rules in effect ({len(s['rules'])})", ""]
    out += table(["Rule", "Severity", "What it says", "From"],
                 [[f"`{r['id']}`", r["severity"], r["message"], r["origin"]] for r in s["rules"]],
                 "No rules are configured.")
    out += ["## Exposure: what would break under stricter rules", ""]
    out += table(["If we required…", "Flows affected", "", "Models to replace, by flow"],
                 [[f"**{e['label']}**", f"{e['flows_broken']} of {e['flows_total']} ({pct(e['share'])})",
                   f"`{text_bar(e['share'], 10)}`",
                   "; ".join(f"{b['flow']}: {', '.join(b['models'])}" for b in e["broken"]) or "none"]
                  for e in s["exposure"]],
                 "No flows.")
    out += ["## All models", ""]
    out += table(["Model", "Publisher", "Origin", "License", "Open weights", "Served by", "Built on", "Flows", "Uses"],
                 [[f"**{m['id']}**", m["publisher"], join([country(o) for o in m["origins"]]),
                   m["license"] or "unknown", {True: "yes", False: "no", None: "unknown"}[m["open_weights"]],
                   m["served_by"] or "self-hosted / unknown", join(m["lineage"]), join(m["flows"]), m["usages"]]
                  for m in s["models"]],
                 "No models found.")
    out += [f"### Not identified ({len(s['unresolved'])})", ""]
    out += table(["As written in code", "Why not identified", "Uses", "Where"],
                 [[f"`{u['identifier']}`", u["reason"], u["usages"], join(u["locations"])] for u in s["unresolved"]],
                 "Every model reference was identified.")
    return "\n".join(out).rstrip() + "\n"


class MarkdownRenderer:
    id = "md"
    media_type = "text/markdown"

    def __init__(self, *, clock: Callable[[], datetime] | None = None, version: str | None = None) -> None:
        self.clock = clock or (lambda: datetime.now(timezone.utc).replace(microsecond=0))
        self.version = version

    def render(self, result: CheckResult) -> bytes:
        text = render_markdown(build_summary(result), generated=self.clock(), version=self.version or tool_version())
        return text.encode("utf-8")
