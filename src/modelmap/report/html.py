"""``modelmap report --format html``: one self-contained HTML page for people who are not engineers.

It answers, in this order: are we within policy; which models power which products (flows); where
the models come from (charts by origin country, publisher and serving jurisdiction, and how
concentrated we are); where we stand against the policy (violations, waivers, decisions about to
expire); and how exposed we are to likely rules ("no Chinese origin", "no Chinese serving", "only
permissive licenses").

Charts are plain HTML and CSS (bars are sized boxes): no JavaScript, no CDN, no web fonts, so the
file opens offline, prints, and can be attached to an email. Labels are text that wraps, never cut.
Every country and publisher keeps one colour across all charts and tables (a palette slot chosen
from a hash of its id), and usages whose origin or publisher is unknown get their own hatched
"unknown" bar, so each chart adds up to 100%. Long tables show their top rows and keep the rest in
a ``<details>`` "show all", which works without scripts. The page skeleton and styles live in
``templates/report.html``. Output is deterministic for a fixed clock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from importlib import resources
from string import Template
from typing import Any

from modelmap.output import html_text as escape
from modelmap.output import to_utf8
from modelmap.policy.engine import CheckResult
from modelmap.policy.summary import build_summary, tool_version
from modelmap.report import runtime_section, switch_section
from modelmap.types import LINEAGE_UNDISCLOSED as UNDISCLOSED

COUNTRY_NAMES = {
    "AE": "United Arab Emirates", "AU": "Australia", "CA": "Canada", "CH": "Switzerland", "CN": "China",
    "DE": "Germany", "FR": "France", "GB": "United Kingdom", "HK": "Hong Kong", "IL": "Israel", "IN": "India",
    "IR": "Iran", "JP": "Japan", "KP": "North Korea", "KR": "South Korea", "NL": "Netherlands", "RU": "Russia",
    "SG": "Singapore", "TW": "Taiwan", "US": "United States",
}
#: Twelve distinguishable colours (no greys: grey hatching means "unknown").
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f",
           "#ff9da7", "#2f4b7c", "#8cd17d", "#d37295")
HHI_BANDS = ((1500, "low"), (2500, "moderate"), (10_001, "high"))
TOP_ROWS = 20  # rows shown before "show all" in long tables
TOP_ITEMS = 8  # items shown before "+N more" in a list inside a cell
TOP_BARS = 10  # bars shown before the rest are summed into one "others" bar (all of them behind "show all")
#: Optional sections the summary may carry (production usage is the main report; these are collapsed).
EXTRA_SECTIONS = (
    ("endpoints", "Endpoints and hosted APIs",
     "Base URLs and API services the code talks to. An endpoint is where a model is served, not a model."),
    ("catalog", "Catalogs of options",
     "Model names listed in catalogs, price tables or context-window tables: options the code knows about, "
     "not necessarily models it uses."),
    ("test", "Tests and fixtures", "Model names used only by tests and their fixtures."),
)


def country(code: str | None) -> str:
    if not code:
        return "unknown"
    name = COUNTRY_NAMES.get(code)
    return f"{name} ({code})" if name else code


def pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def hhi_band(hhi: int) -> str:
    return next(label for limit, label in HHI_BANDS if hhi < limit)


def share_text(count: int, whole: int) -> str:
    """A whole percentage for display; "<1%" rather than a misleading "0%" for a few usages."""
    return "<1%" if count > 0 and whole == 0 else f"{whole}%"


def percentages(counts: Sequence[int]) -> list[int]:
    """Whole percentages that add up to 100 (largest remainder), or all 0 for no usages. Equal counts
    always get equal percentages: when the last points to hand out would split a group of equal counts,
    the whole group gets one or none, whichever ends nearer 100 (so 1, 1, 1 reads 33% each)."""
    total = sum(counts)
    if total <= 0:
        return [0] * len(counts)
    out = [c * 100 // total for c in counts]
    left = 100 - sum(out)
    # remainders, largest first; equal counts have equal remainders and are handed points as one group
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(counts):
        groups.setdefault(c, []).append(i)
    for count in sorted(groups, key=lambda c: (-(c * 100 % total), -c)):
        members = groups[count]
        if left <= 0 or count * 100 % total == 0:
            break
        if len(members) > left and len(members) - left >= left:
            break  # handing the group one each would overshoot 100 by more than stopping here falls short
        for i in members:
            out[i] += 1
        left -= len(members)
    return out


def _hash(key: str) -> int:
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16)


class Colours:
    """One colour per id for the whole report. ``ids`` come most important first (most used); each takes
    the palette slot its hash points to, or the next free one, so the first twelve never share a colour
    and an id tends to keep its colour from report to report. Ids past the palette get a colour made
    from their hash (a hue at a darker or lighter tone than the palette's)."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.colours: dict[str, str] = {}
        taken: set[int] = set()
        for key in dict.fromkeys(ids):
            if not key or key in self.colours:
                continue
            if len(taken) < len(PALETTE):
                slot = _hash(key) % len(PALETTE)
                while slot in taken:
                    slot = (slot + 1) % len(PALETTE)
                taken.add(slot)
                self.colours[key] = PALETTE[slot]
            else:
                self.colours[key] = self.extra(key)

    @staticmethod
    def extra(key: str) -> str:
        h = _hash(key)
        return f"hsl({h % 360}, {45 + h // 360 % 20}%, {(32, 62)[h // 7200 % 2]}%)"

    def __call__(self, key: str | None) -> str | None:
        """The colour for ``key``; None (drawn as hatched grey) when the key is unknown."""
        if not key:
            return None
        return self.colours.get(key) or self.extra(key)


def swatch(colour: str | None) -> str:
    if colour is None:
        return '<span class="sw unknown" aria-hidden="true"></span>'
    return f'<span class="sw" style="background:{colour}" aria-hidden="true"></span>'


def chip(colour: str | None, text: str) -> str:
    """A colour swatch and its label; the swatch stays on the line of the label's first word."""
    first, space, rest = text.partition(" ")
    head = f'<span class="nw">{swatch(colour)}{escape(first)}</span>' if len(first) <= 24 else \
        f"{swatch(colour)}{escape(first)}"
    return f'<span class="chip">{head}{space}{escape(rest)}</span>'


def _fill(colour: str | None, style: str = "") -> str:
    """Attributes for one coloured box: its palette colour, or the hatched fill for "unknown"."""
    if colour is None:
        return f' class="seg unknown" style="{style}"' if style else ' class="seg unknown"'
    return f' class="seg" style="background:{colour};{style}"'


def bar_chart(rows: list[dict[str, Any]], title: str, label: Callable[[dict[str, Any]], str] | None = None,
              colour: Callable[[dict[str, Any]], list[str | None]] | None = None, *,
              total: int | None = None) -> str:
    """Horizontal bars as HTML: one row per entry (``usages``; ``label`` or the label function gives the
    text). ``colour`` gives one colour per segment (a bar for several countries is split between them;
    None draws the hatched "unknown" fill). Percentages are of ``total`` (default: the sum of the rows,
    shown so they add up to exactly 100%). Labels wrap and carry their full text as a tooltip."""
    label = label or (lambda r: str(r["label"]))
    colour = colour or (lambda r: [PALETTE[0]])
    if not rows:
        return f'<p class="muted">No data for “{escape(title)}”.</p>'
    counts = [int(r["usages"]) for r in rows]
    if all("pct" in r for r in rows):
        shares = [int(r["pct"]) for r in rows]
    elif total is None:
        shares = percentages(counts)
    else:
        shares = [round(c * 100 / total) if total else 0 for c in counts]
    top = max(counts) or 1
    parts = [f'<div class="bars" role="table" aria-label="{escape(title)}">']
    for row, count, share in zip(rows, counts, shares, strict=True):
        text = label(row)
        colours = colour(row) or [None]
        segments = "".join(f"<span{_fill(c)}></span>" for c in colours)
        key = f'<span class="nw">{"".join(swatch(c) for c in colours)}</span>'
        width = max(0.5, round(100 * count / top, 1))
        parts.append(
            f'<div class="bar-row" role="row" title="{escape(text)}: {count} {"usage" if count == 1 else "usages"} '
            f'({escape(share_text(count, share))})">'
            f'<div class="bar-label" role="rowheader">{key}<span>{escape(text)}</span></div>'
            f'<div class="bar-track" role="cell"><span class="bar" style="width:{width}%">{segments}</span></div>'
            f'<div class="bar-value" role="cell">{count} · {escape(share_text(count, share))}</div></div>'
        )
    parts.append("</div>")
    return "".join(parts)


def share_strip(rows: list[dict[str, Any]], title: str, colour: Callable[[dict[str, Any]], str | None]) -> str:
    """One 100% stacked bar of how usages split (``usages`` per row), with its legend underneath."""
    counts = [int(r["usages"]) for r in rows]
    if not rows or not sum(counts):
        return f'<p class="muted">No data for “{escape(title)}”.</p>'
    shares = [int(r["pct"]) for r in rows] if all("pct" in r for r in rows) else percentages(counts)
    total = sum(counts)
    strip = "".join(
        f'<span{_fill(colour(r), f"width:{100 * c / total:.2f}%")} '
        f'title="{escape(str(r["label"]))}: {escape(share_text(c, s))}"></span>'
        for r, c, s in zip(rows, counts, shares, strict=True)
    )
    legend = "".join(f'<li>{chip(colour(r), str(r["label"]))} <strong>{escape(share_text(c, s))}</strong></li>'
                     for r, c, s in zip(rows, counts, shares, strict=True))
    return (f'<div class="strip" role="img" aria-label="{escape(title)}">{strip}</div>'
            f'<ul class="legend" aria-label="Legend: {escape(title)}">{legend}</ul>')


def meter(share: float, title: str) -> str:
    level = "bad" if share >= 0.5 else ("warn" if share > 0 else "ok")
    return (f'<span class="meter" role="img" aria-label="{escape(title)}: {pct(share)}">'
            f'<span class="{level}" style="width:{max(0.0, min(1.0, share)) * 100:.1f}%"></span></span>')


def _tags(tags: list[str]) -> str:
    return "".join(f'<span class="tag">{escape(t)}</span>' for t in tags)


def breakable(text: str) -> str:
    """An identifier or path: escaped, with a preferred line break after each "/" so it wraps at its
    joints, and allowed to break anywhere else rather than widen the page."""
    return '<span class="id">' + escape(text).replace("/", "/<wbr>") + "</span>"


def _list(items: Sequence[str] | None, *, limit: int = TOP_ITEMS, markup: bool = False, sep: str = ", ",
          ids: bool = True) -> str:
    """Items joined by ``sep``; past ``limit`` the rest fold into "+N more". ``markup`` means the items
    are already HTML; otherwise they are escaped here (as identifiers unless ``ids`` is false). None (not
    known) and empty read differently."""
    if items is None:
        return '<span class="muted">unknown</span>'
    if not items:
        return '<span class="muted">—</span>'
    shown = [i if markup else breakable(i) if ids else escape(i) for i in items]
    if len(shown) <= limit:
        return sep.join(shown)
    return (sep.join(shown[:limit]) + f' <details class="more-items"><summary>+{len(shown) - limit} more'
            f"</summary>{sep.join(shown[limit:])}</details>")


def _table(columns: Sequence[tuple[str, ...]], rows: list[list[str]], empty: str, *,
           limit: int = TOP_ROWS, noun: str = "rows") -> str:
    """A table whose every column header explains itself (tooltip, plus a "what the columns mean"
    footnote). A column is (name, explanation) or (name, explanation, class): ``wide`` for identifiers and
    paths (a minimum width, so they break only where they must), ``num`` for counts. Past ``limit`` rows,
    the rest sit in a collapsed "show all" underneath."""
    if not rows:
        return f'<p class="muted">{escape(empty)}</p>'
    head = "".join(_th(*c) for c in columns)

    def body(chunk: list[list[str]]) -> str:
        return "".join("<tr>" + "".join(f'<td data-label="{escape(c[0])}">{cell}</td>'
                                        for c, cell in zip(columns, row, strict=True)) + "</tr>"
                       for row in chunk)

    out = f"<table><thead><tr>{head}</tr></thead><tbody>{body(rows[:limit])}</tbody></table>"
    if len(rows) > limit:
        out += (f'<details class="show-all"><summary>Show all {len(rows)} {escape(noun)} '
                f"({len(rows) - limit} more)</summary><table><thead><tr>{head}</tr></thead>"
                f"<tbody>{body(rows[limit:])}</tbody></table></details>")
    notes = "".join(f"<dt>{escape(c[0])}</dt><dd>{escape(c[1])}</dd>" for c in columns)
    return out + f'<details class="notes"><summary>What the columns mean</summary><dl>{notes}</dl></details>'


def _th(name: str, note: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<th scope="col"{cls} title="{escape(note)}">{escape(name)}</th>'


class Page:
    """The summary plus the colour keys shared by every chart and table on the page."""

    def __init__(self, summary: dict[str, Any]) -> None:
        self.s = summary
        # most used first, so the ids that fill the charts get distinct palette colours
        charts = summary["charts"]
        countries: list[str] = [str(r["key"]) for name in ("by_origin", "by_serving") for r in charts.get(name, ())
                                if _is_country(r["key"])]
        for row in [*summary["models"], *summary["flows"]]:
            countries.extend(sorted({*(row.get("origins") or ()), *(row.get("serving_countries") or ())}))
        self.country_colour = Colours(sorted(dict.fromkeys(countries), key=_rank(charts.get("by_origin", ()))))
        publishers = [str(r["key"]) for r in charts.get("by_publisher", ())]
        publishers.extend(m["publisher_id"] for m in summary["models"] if m.get("publisher_id"))
        self.publisher_colour = Colours(publishers)
        self.usages: dict[str, int] = {m["id"]: int(m["usages"]) for m in summary["models"]}
        self.usages.update((u["identifier"], int(u["usages"])) for u in summary["unresolved"])

    def country(self, code: str | None) -> str:
        return chip(self.country_colour(code), country(code))

    def countries(self, codes: Sequence[str] | None) -> str:
        return _list(None if codes is None else [self.country(c) for c in codes], markup=True)

    def publisher(self, key: str | None, name: str | None) -> str:
        if not (key or name):
            return chip(None, "unknown")
        return chip(self.publisher_colour(key or name), name or key or "")

    def rank(self, names: Sequence[str] | None) -> list[str] | None:
        """Model names most used first (then by name), so a cut list keeps the ones that matter."""
        if names is None:
            return None
        return sorted(names, key=lambda n: (-self.usages.get(n, 0), n))


def _rank(rows: Iterable[dict[str, Any]]) -> Callable[[str], tuple[int, int]]:
    """Sort key: ids in ``rows`` by their usages (most first), then the rest in their given order."""
    usages = {str(r["key"]): int(r["usages"]) for r in rows}
    return lambda key: (0 if key in usages else 1, -usages.get(key, 0))


def _is_country(key: Any) -> bool:
    return isinstance(key, str) and len(key) == 2 and key.isalpha() and key.isupper()


def _usage_total(s: dict[str, Any]) -> int:
    """Usages the charts divide by: those the model tables cover (identified and not), which are the
    usages in use when the summary sets catalogs and tests apart; the summary's total when both are empty."""
    counted = sum(int(m["usages"]) for m in s["models"]) + sum(int(u["usages"]) for u in s["unresolved"])
    return counted or int(s["totals"]["usages"])


def origin_rows(s: dict[str, Any]) -> list[dict[str, Any]]:
    """Usages by the set of countries in their model's lineage: each usage counts once, so the rows add up
    to every usage. Models whose origin is not recorded (None or empty), identified or not, are one explicit
    "unknown" row, always last."""
    groups: dict[tuple[str, ...], int] = {}
    # an unidentified name whose origin is known (its publisher, from the API name) counts under that origin,
    # as the per-country line below the chart and the flows table count it, not as "origin unknown"
    for m in [*s["models"], *s["unresolved"]]:
        key = tuple(sorted(set(m.get("origins") or ())))
        if key:
            groups[key] = groups.get(key, 0) + int(m["usages"])
    known = sum(groups.values())
    rows = [{"key": "+".join(k), "countries": list(k), "label": " + ".join(country(c) for c in k), "usages": n}
            for k, n in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))]
    unknown = _usage_total(s) - known
    if unknown > 0:
        rows.append({"key": "unknown", "countries": [], "label": "origin unknown", "usages": unknown})
    return rows


def publisher_rows(s: dict[str, Any]) -> list[dict[str, Any]]:
    """Usages by publisher, plus one explicit "unknown" row (last) for usages with no known publisher."""
    rows = [dict(r) for r in s["charts"]["by_publisher"]]
    known = sum(int(r["usages"]) for r in rows)
    unknown = max(_usage_total(s), known) - known
    if unknown > 0:
        rows.append({"key": None, "label": "publisher unknown", "usages": unknown})
    return rows


OTHERS = "#7b8794"  # the bar that sums the rows past the top ones (known, just many)


def top_rows(rows: list[dict[str, Any]], noun: str) -> list[dict[str, Any]]:
    """Rows with whole percentages that add up to 100 (``pct``); past ``TOP_BARS`` known rows the rest
    become one "N other …" row, so the chart stays short and still adds up. The unknown row (key None or
    "unknown") stays last and separate."""
    shares = percentages([int(r["usages"]) for r in rows])
    rows = [{**r, "pct": p} for r, p in zip(rows, shares, strict=True)]
    known = [r for r in rows if r["key"] not in (None, "unknown")]
    unknown = [r for r in rows if r["key"] in (None, "unknown")]
    if len(known) <= TOP_BARS + 1:
        return known + unknown
    rest = known[TOP_BARS:]
    others = {"key": "__others__", "label": f"{len(rest)} other {noun}", "countries": ["__others__"],
              "usages": sum(int(r["usages"]) for r in rest), "pct": sum(int(r["pct"]) for r in rest)}
    return [*known[:TOP_BARS], others, *unknown]


def _chart(rows: list[dict[str, Any]], title: str, noun: str,
           colour: Callable[[dict[str, Any]], list[str | None]]) -> str:
    """A bar chart of the top rows; when some were summed into "others", the full chart follows under
    "show all"."""
    full = top_rows(rows, noun)
    shown = bar_chart(full, title, colour=colour)
    if len(full) == len(rows):
        return shown
    every = [{**r, "pct": p} for r, p in zip(rows, percentages([int(r["usages"]) for r in rows]), strict=True)]
    known = sum(1 for r in rows if r["key"] not in (None, "unknown"))
    return (shown + f'<details class="show-all"><summary>Show all {known} {escape(noun)}</summary>'
            f"{bar_chart(every, title + ' (all)', colour=colour)}</details>")


# a card counting one says it in the singular ("1 unidentified model", not "1 unidentified models"; tryout23)
_CARD_ONE = {"distinct models": "distinct model", "places models are used": "place a model is used",
             "product flows": "product flow", "publishers": "publisher", "open policy issues": "open policy issue",
             "decisions expiring soon": "decision expiring soon", "unidentified models": "unidentified model",
             "places with an unidentified model": "place with an unidentified model", "endpoints": "endpoint"}


def _summary(s: dict[str, Any]) -> str:
    status = ('<span class="status pass">Within policy</span>' if s["passed"]
              else '<span class="status fail">Action needed</span>')
    t = s["totals"]
    cards = [
        (t["models"], "distinct models", "Identified models, each counted once however often it is used."),
        (t["usages"], "places models are used", "Places in the code or configuration that name a model."),
        (t["flows"], "product flows", "Products or features defined in modelmap.yaml."),
        (t["publishers"], "publishers", "Organisations that publish the identified models."),
        (len(s["violations"]), "open policy issues", "Policy violations not covered by an accepted exception."),
        (len(s["expiring"]), "decisions expiring soon", "Accepted exceptions (waivers) that expire soon."),
    ]
    if "unidentified" in t:  # distinct names the knowledge base could not identify
        cards.append((t["unidentified"], "unidentified models",
                      "Model names the knowledge base could not identify: their origin is unknown unless their maker is."))
    else:
        cards.append((t["unresolved"], "places with an unidentified model",
                      "Places whose model name the knowledge base could not identify: their origin is unknown."))
    if t.get("endpoints") is not None:
        cards.append((t["endpoints"], "endpoints", "Base URLs and API services the code calls: where models are "
                      "served, not models."))
    cards_html = "".join(f'<div class="card" title="{escape(note)}"><div class="n">{n}</div>'
                         f'<div class="l">{escape(_CARD_ONE.get(label, label) if n == 1 else label)}</div></div>'
                         for n, label, note in cards)
    exposure = "; ".join(f"{escape(e['label'][0].lower() + e['label'][1:])}: {e['flows_broken']} of "
                         f"{e['flows_total']} flows affected"
                         for e in s["exposure"])
    headline = f'<p class="small">{escape(s["headline"])}</p>' if isinstance(s.get("headline"), str) else ""
    return (f'<section id="summary"><h2>Summary {status}</h2>'
            f'<p class="lead">Checked on {escape(s["evaluated_on"])} against '
            f'{len(s["rules"])} rule{"" if len(s["rules"]) == 1 else "s"}{_presets(s)}.</p>{headline}<div class="cards">{cards_html}</div>'
            f'<p class="small muted">If we adopted stricter rules tomorrow — {exposure}.</p></section>')


def _presets(s: dict[str, Any]) -> str:
    return f" (presets: {escape(', '.join(s['presets']))})" if s["presets"] else ""


FALLBACK_NOTE = ("Whether the flow could keep working if one publisher became unavailable or was ruled out: "
                 "yes when its models come from at least two publishers and every role (generation, "
                 "embedding, …) is covered by at least two of them; no otherwise; — when not assessed "
                 "(usages outside every configured flow).")
FLOW_COLUMNS = (
    ("Flow", "The product or feature, as named in modelmap.yaml, and its description.", "wide"),
    ("Tags", "Labels given to the flow in modelmap.yaml (for example customer-facing or regulated).", "tags"),
    ("Models", "Models used in this flow; names that could not be identified are shown as written in code.",
     "wide"),
    ("Model origins", "Countries in the lineage of the flow's models: their publishers, and the publishers of "
                      "the models they were built on or distilled from."),
    ("Served from", "Countries where the flow's API calls are answered (for hosted models); usages with no "
                    "serving evidence are counted as self-hosted or unknown."),
    ("Fallback publisher", FALLBACK_NOTE),
    ("Open issues", "Policy violations in this flow not covered by an accepted exception.", "num"),
)


def _countries_cell(p: Page, codes: Sequence[str], count: int | None, total: int | None, what: str) -> str:
    """A flow's countries, then how many of its usages have none known: unknown is never shown as "—" (none)."""
    from modelmap.report.markdown import unknown_note

    note = unknown_note(what, count, total)
    if note is None:
        return p.countries(codes)
    muted = f'<span class="muted">{escape(note)}</span>'
    return f"{p.countries(codes)}<br>{muted}" if codes else muted


def _flows(p: Page) -> str:
    s = p.s
    fallback = {True: "yes", False: '<span class="sev-warning">no</span>', None: '<span class="muted">—</span>'}
    rows = []
    for f in s["flows"]:
        issues = f'<span class="sev-error">{f["violations"]}</span>' if f["violations"] else "0"
        description = f"<br><span class='small muted'>{escape(f['description'])}</span>" if f["description"] else ""
        rows.append([
            f"<strong>{escape(f['name'])}</strong>{description}", _tags(f["tags"]), _list(p.rank(f["models"])),
            _countries_cell(p, f["origins"], f.get("origins_unknown"), f.get("in_use"), "unknown"),
            _countries_cell(p, f["serving_countries"], f.get("serving_unknown"), f.get("in_use"),
                            "self-hosted or unknown"),
            fallback[f["has_fallback"]], issues,
        ])
    table = _table(FLOW_COLUMNS, rows, "No flows are configured: add flows to modelmap.yaml to see models per "
                   "product.", noun="flows")
    return ('<section id="flows"><h2>Which models power which products</h2>'
            '<p class="lead">A flow is a product or feature, defined in modelmap.yaml by the code paths that make '
            f"it up.</p>{table}</section>")


def _origins(p: Page) -> str:
    s = p.s
    charts = s["charts"]
    c = s["concentration"]
    total = _usage_total(s)

    def country_colours(r: dict[str, Any]) -> list[str | None]:
        return [OTHERS if k == "__others__" else p.country_colour(k) for k in r.get("countries") or ()] or [None]

    def publisher_colour(r: dict[str, Any]) -> str | None:
        if r["key"] == "__others__":
            return OTHERS
        return p.publisher_colour(r["key"]) if r["key"] else None

    origins = origin_rows(s)
    by_origin = _chart(origins, "Usages by origin country", "combinations of countries", country_colours)
    any_origin = [r for r in charts.get("by_origin", ()) if _is_country(r["key"])]
    partial = sum(int(m["usages"]) for m in [*s["models"], *s["unresolved"]] if _incomplete(m))
    touch = (f'<p class="small muted">{partial} of these usages ({pct(partial / total)}) are of models whose lineage '
             "is not fully recorded: their countries may be incomplete.</p>" if partial and total else "")
    if any(len(r["countries"]) > 1 for r in origins) and any_origin:
        touch += ('<p class="small muted">Usages whose lineage includes a country at all: '
                 + "; ".join(f"{escape(country(r['key']))} {r['usages']} ({pct(r['share'])})" for r in any_origin)
                 + ".</p>")
    publishers = publisher_rows(s)
    by_publisher = _chart(publishers, "Usages by publisher", "publishers", lambda r: [publisher_colour(r)])
    strip_rows = top_rows(publishers, "publishers")
    top = strip_rows[0] if strip_rows and strip_rows[0]["key"] not in (None, "__others__") else None
    # the exact share, as the Markdown report says it: the strip's whole percentages are rounded to add up to 100,
    # and their sum read "84%" here beside "83%" there for 10 of 12 usages
    top3 = pct(c["top3_share"]).rstrip("%")
    serving = charts["by_serving"]
    by_serving = bar_chart(
        serving, "Usages by serving jurisdiction",
        lambda r: country(r["key"]) if _is_country(r["key"]) else str(r["label"]),
        lambda r: [p.country_colour(r["key"]) if _is_country(r["key"]) else None],
        total=total if sum(int(r["usages"]) for r in serving) > total else None,
    )
    overlap = ('<p class="small muted">An API served from several countries counts under each, so these bars '
               "add up to more than 100%.</p>" if sum(int(r["usages"]) for r in serving) > total else "")
    largest = (f"The largest publisher, <strong>{escape(str(top['label']))}</strong>, accounts for "
               f"<strong>{top['pct']}%</strong> of model usages; the top three for {top3}%. " if top
               else "No publisher is known for any usage. ")
    concentration = (
        f"<p>{largest}"
        f'<span title="Herfindahl–Hirschman index: the sum of squared publisher shares, from near 0 (spread '
        f'over many publishers) to 10,000 (one publisher).">Concentration index (HHI)</span>: '
        f"<strong>{c['hhi']}</strong> — {hhi_band(c['hhi'])} "
        '<span class="small muted">(below 1500 low, 1500–2500 moderate, above 2500 high; usages of unknown '
        "publisher are left out of the index).</span></p>"
        + share_strip(strip_rows, "Share of usages by publisher", publisher_colour)
    )
    return (
        '<section id="origins"><h2>Where our models come from</h2>'
        '<p class="lead">Origin is every country in a model\'s lineage (its publisher, and the publishers of '
        "the models it was built on or distilled from); each usage counts once, under the combination of its "
        "countries. Serving is where an API call is answered. “Unknown” covers models whose origin is not "
        "recorded, unidentified names included unless their publisher is known; it is never guessed.</p>"
        f'<div class="charts"><div class="chart"><h3>By origin country</h3>{by_origin}{touch}</div>'
        f'<div class="chart"><h3>By publisher</h3>{by_publisher}</div>'
        f'<div class="chart"><h3>By serving jurisdiction</h3>{by_serving}{overlap}</div></div>'
        f"<h3>Concentration</h3>{concentration}</section>"
    )


def _policy(s: dict[str, Any]) -> str:
    violations = [[
        f'<span class="sev-{v["severity"]}">{escape(v["severity"])}</span>', f"<code>{escape(v['rule'])}</code>",
        escape(v["message"]), escape(v["model"] or v["raw"] or "—"), escape(v["flow"] or "—"),
        f"<code>{breakable(v['location']['path'])}:{v['location']['line']}</code>",
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
        + _table((("Severity", "error fails the check; warning and note are reported only."),
                  ("Rule", "The id of the policy rule that was broken.", "tags"),
                  ("What the rule says", "The rule's message, from the policy."),
                  ("Model", "The model involved, or the name as written in code if it was not identified.", "wide"),
                  ("Flow", "The product or feature where it is used (— when outside every flow).", "tags"),
                  ("Where", "File and line of the usage.", "wide")),
                 violations, "No open issues.", noun="issues")
        + "<h3>Decisions about to expire</h3>"
        + (f"<ul>{expiring}</ul>" if expiring else '<p class="muted">No waiver expires soon.</p>')
        + f"<h3>Accepted exceptions (waivers, {len(waivers)})</h3>"
        + _table((("Rule", "The rule the exception applies to."),
                  ("Covers", "Which usages it covers: a model, a path or a flow."),
                  ("Why", "The reason given for accepting the exception."),
                  ("Approved by", "Who approved it (an exception without an approver fails the check)."),
                  ("On", "When it was approved."),
                  ("Expires", "When it stops applying (an expired exception fails the check)."),
                  ("Status", "active, expiring soon, expired, or missing an approver."),
                  ("Cases", "How many policy violations it covers today.", "num")),
                 waivers, "No waivers.", noun="waivers")
        + f"<h3>Rules in effect ({len(rules)})</h3>"
        + _table((("Rule", "The rule's id."), ("Severity", "error fails the check; warning and note are reported."),
                  ("What it says", "The rule's message."),
                  ("From", "Where the rule comes from: modelmap.yaml or a named preset.")),
                 rules, "No rules are configured.", noun="rules")
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
            + _table((("If we required…", "A rule we might adopt, or be asked to follow."),
                      ("Flows affected", "Flows with at least one usage the rule would rule out, of all flows "
                                         "with usages."),
                      ("Models to replace, by flow", "The models in each affected flow that break the rule.")),
                     rows, "No flows.", noun="scenarios")
            + "</section>")


MODEL_COLUMNS = (
    ("Model", "The model's id in the knowledge base.", "wide"),
    ("Publisher", "The organisation that publishes the model."),
    ("Origin", "Countries in the model's lineage: its publisher's, and those of the models it was built on or "
               "distilled from. unknown when not recorded."),
    ("License", "The license the weights or service are offered under (an SPDX id where one exists)."),
    ("Open weights", "Whether the weights can be downloaded and run by us."),
    ("Served by", "Who answers the API calls, for hosted models; self-hosted or unknown otherwise."),
    ("Built on", "The model's lineage: the base it was fine-tuned from and any teacher it was distilled from.",
     "wide"),
    ("Flows", "The products or features that use it."),
    ("Uses", "How many places in the code or configuration name it.", "num"),
)


INCOMPLETE = (' <span class="small muted" title="Part of this model\'s lineage (a base model or a publisher\'s '
              'country) is not recorded, so it may have origins beyond these.">(may be incomplete)</span>')


def _incomplete(model: dict[str, Any]) -> bool:
    """Origins are listed but the lineage behind them is not fully recorded."""
    return bool(model.get("origins")) and model.get("origins_known") is False


def _models(p: Page) -> str:
    s = p.s
    models = sorted(s["models"], key=lambda m: (-int(m["usages"]), m["id"]))
    rows = [[
        f"<strong>{breakable(m['id'])}</strong>", p.publisher(m.get("publisher_id"), m["publisher"]),
        p.countries(m.get("origins")) + (INCOMPLETE if _incomplete(m) else ""),
        escape(m["license"] or "unknown"), {True: "yes", False: "no", None: "unknown"}[m["open_weights"]],
        escape(m["served_by"] or "self-hosted / unknown"),
        escape(UNDISCLOSED) if m.get("lineage_undisclosed") and not m["lineage"] else _list(m["lineage"]),
        _list(m["flows"], ids=False),
        str(m["usages"]),
    ] for m in models]
    missing = sorted(s["unresolved"], key=lambda u: (-int(u["usages"]), u["identifier"]))
    unresolved = [[f"<code>{breakable(u['identifier'])}</code>", escape(u["reason"] or "—"), str(u["usages"]),
                   _list(u["locations"], limit=5, sep="<br>")] for u in missing]
    return ('<section id="models"><h2>All models</h2>'
            '<p class="lead">Most used first.</p>'
            + _table(MODEL_COLUMNS, rows, "No models found.", noun="models")
            + f"<h3>Not identified ({len(unresolved)})</h3>"
            + _table((("As written in code", "The model name exactly as it appears in the code or configuration.", "wide"),
                      ("Why not identified", "Why the knowledge base could not identify it."),
                      ("Uses", "How many places name it.", "num"),
                      ("Where", "File and line of each place.", "wide")),
                     unresolved, "Every model reference was identified.", noun="names")
            + "</section>")


#: Known fields of the optional sections' records: (column, explanation, css class).
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("Model", "The model's id, or the name as written in code if it was not identified.", "wide"),
    "identified": ("Identified", "Whether the knowledge base identified the model."),
    "url": ("Endpoint", "The base URL the code sends model requests to.", "wide"),
    "provider": ("Provider", "Who runs the endpoint, when the URL or the client says so."),
    "references": ("References", "How many places name this endpoint.", "num"),
    "usages": ("Uses", "How many places name it.", "num"),
    "locations": ("Where", "File and line of each place (the first ones).", "wide"),
}


def _cell(value: Any) -> str:
    if value is None:
        return '<span class="muted">unknown</span>'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple | set):
        return _list([v if isinstance(v, str) else _plain(v) for v in value], limit=5, sep="<br>")
    if isinstance(value, dict):
        return escape(_plain(value))
    return breakable(str(value)) if isinstance(value, str) else escape(value)


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _records(items: list[Any], noun: str) -> str:
    """A list from the summary as a table: one column per field of its records (known fields get their
    explanation; others a plain one)."""
    if not items:
        return '<p class="muted">None.</p>'
    if not all(isinstance(i, dict) for i in items):
        return f"<p>{_list([_plain(i) for i in items])}</p>"
    keys: list[str] = []
    for item in items:
        keys.extend(k for k in item if k not in keys)
    columns = [FIELDS.get(k) or (k.replace("_", " ").capitalize(), f"The {k.replace('_', ' ')} of each entry.")
               for k in keys]
    ranked = sorted(items, key=lambda i: -i["usages"]) if all(isinstance(i.get("usages"), int) for i in items) \
        else items
    return _table(columns, [[_cell(i.get(k)) for k in keys] for i in ranked], "None.", noun=noun)


def _extra(key: str, title: str, lead: str, value: Any) -> str:
    """An optional part of the summary (endpoints, catalogs, tests) as a collapsed section. A list is a
    table of its records; a mapping shows its counts and its lists of records; unknown fields still show."""
    noun = "entries"
    if isinstance(value, list):
        count: Any = len(value)
        inner = _records(value, "entries")
    elif isinstance(value, dict):
        facts, blocks = [], []
        for name, item in value.items():
            if name == "label":
                continue
            label = "Models" if name == "models_list" else name.replace("_", " ").capitalize()
            if isinstance(item, list) and item and all(isinstance(i, dict) for i in item):
                blocks.append(f"<h3>{escape(label)} ({len(item)})</h3>{_records(item, label.lower())}")
            elif not isinstance(item, list):
                facts.append(f"<dt>{escape(label)}</dt><dd>{_cell(item)}</dd>")
        usages = value.get("usages")
        count, noun = (usages, "usages") if isinstance(usages, int) else (len(value), "entries")
        if isinstance(value.get("label"), str):
            lead = f"{lead} ({value['label']})"
        inner = (f'<dl class="facts">{"".join(facts)}</dl>' if facts else "") + "".join(blocks)
    else:
        count, inner = value, ""
    return (f'<section id="{escape(key)}"><details class="extra"><summary><h2>{escape(title)} '
            f'<span class="muted">({escape(count)} {noun})</span></h2></summary>'
            f'<p class="lead">{escape(lead)}</p>{inner}</details></section>')


def extras(summary: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    """The optional sections present in the summary: endpoints, then catalogs and tests (looked up under
    ``sections`` or at the top level). Absent or empty ones are left out."""
    sections = summary.get("sections")
    sections = sections if isinstance(sections, dict) else {}
    out = []
    for key, title, lead in EXTRA_SECTIONS:
        value = summary.get(key) if key == "endpoints" else sections.get(key, summary.get(key))
        empty = not value or (isinstance(value, dict) and value.get("usages") == 0)
        if not empty:
            out.append((key, title, lead, value))
    return out


def render_html(summary: dict[str, Any], *, generated: datetime, version: str) -> str:
    page = Page(summary)
    optional = extras(summary)
    body = "\n".join([_summary(summary), _flows(page), _origins(page), _policy(summary), _exposure(summary),
                      switch_section.html(summary.get("switch")) + runtime_section.html(summary.get("runtime")),
                      _models(page), *(_extra(*part) for part in optional)])
    nav = "".join(f'<a href="#{key}">{escape(title)}</a>' for key, title, _, _ in optional)
    # the switch section (how fast could we change models) and, with --runtime, what runs in production
    nav_sections = (('<a href="#switch">Switch</a>' if summary.get("switch") else "")
                    + ('<a href="#production">In production</a>' if summary.get("runtime") else ""))
    template = Template((resources.files("modelmap.report") / "templates" / "report.html").read_text("utf-8"))
    return template.substitute(
        title="AI model inventory and provenance",
        subtitle=escape(f"Generated {generated.strftime('%Y-%m-%d %H:%M UTC')} · policy checked on "
                        f"{summary['evaluated_on']}"),
        version=escape(version),
        nav=nav,
        nav_sections=nav_sections,
        body=body,
        footer=escape(f"modelmap {version} · facts come from the modelmap knowledge base; unknown facts are "
                      "shown as unknown, never guessed."),
    )


class SummaryRenderer:
    """A report drawn from the check summary (plus the switch and, when given, the runtime sections).

    Subclasses say how the summary is written out (`_text`); HTML and Markdown share everything else.
    """

    id = ""
    media_type = ""

    def __init__(self, *, clock: Callable[[], datetime] | None = None, version: str | None = None,
                 runtime: dict[str, Any] | None = None, runtime_source: str = "runtime") -> None:
        self.clock = clock or (lambda: datetime.now(timezone.utc).replace(microsecond=0))
        self.version = version
        self.runtime = runtime  # a modelmap.runtime/1 document: adds "What runs in production"
        self.runtime_source = runtime_source

    def _text(self, summary: dict[str, Any], *, generated: datetime, version: str) -> str:
        raise NotImplementedError

    def render(self, result: CheckResult) -> bytes:
        summary = build_summary(result)
        summary["switch"] = switch_section.build(result)
        if self.runtime is not None:
            summary["runtime"] = runtime_section.build(result, self.runtime, source=self.runtime_source)
        return to_utf8(self._text(summary, generated=self.clock(), version=self.version or tool_version()))


class HtmlRenderer(SummaryRenderer):
    id = "html"
    media_type = "text/html"

    def _text(self, summary: dict[str, Any], *, generated: datetime, version: str) -> str:
        return render_html(summary, generated=generated, version=version)
