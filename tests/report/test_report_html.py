"""``report --format html``: one self-contained file, readable offline (issue 4), and readable at any size:
no cut labels, one colour per country and publisher with legends, explained columns, charts that add up
with an explicit "unknown" bar, top rows with "show all" for 1,000+ usages (issue 13 item 10, issue 11
item 2). The browser checks (layout at 1280 and 390 px, screenshots) are in test_report_browser.py."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest

from modelmap.policy import evaluate
from modelmap.policy.summary import build_summary
from modelmap.report.html import TOP_ROWS, Colours, HtmlRenderer, bar_chart, percentages, render_html
from tests.conftest import GOLDEN, assert_golden
from tests.fixtures.inventory import QWEN, UNKNOWN, finding, resolution, sample_findings, sample_result

from .big_inventory import big_config, big_result
from .conftest import NOW, TODAY, fixed_clock

SECTIONS = ("summary", "flows", "origins", "policy", "exposure", "models")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Tree(HTMLParser):
    """Start tags with their attributes, plus, for every element holding colour swatches (a chip, a chart
    label, a legend entry), its swatch colours and full text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.keyed: list[tuple[list[str], str, str]] = []  # (colours, text, holder class)
        self._stack: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in VOID:
            return
        classes = (attributes.get("class") or "").split()
        if "sw" in classes:
            style = attributes.get("style") or ""
            colour = style.split("background:", 1)[1].split(";")[0] if "background:" in style else "unknown"
            holder = next((e for e in reversed(self._stack)
                           if {"chip", "bar-label"} & set(e["classes"]) or e["tag"] == "li"), None)
            if holder is not None:
                holder["colours"].append(colour)
                if any("legend" in e["classes"] for e in self._stack):
                    holder["in_legend"] = True
        self._stack.append({"tag": tag, "classes": classes, "text": [], "colours": []})

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self._stack:
            return
        element = self._stack.pop()
        text = "".join(element["text"])
        if self._stack:
            self._stack[-1]["text"].append(text)
        if element["colours"]:
            holder = "legend" if element.get("in_legend") else " ".join(element["classes"]) or element["tag"]
            self.keyed.append((element["colours"], " ".join(text.split()), holder))

    def handle_data(self, data: str) -> None:
        if self._stack:
            self._stack[-1]["text"].append(data)


def parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    return tree


def text_of(html: str) -> str:
    """The page's words, as a reader sees them."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html.replace("<wbr>", ""))).split())


def render(check) -> str:
    return HtmlRenderer(clock=fixed_clock, version="test").render(check).decode()


def section(html: str, name: str) -> str:
    match = re.search(rf'<section id="{name}">(.*?)</section>', html, re.S)
    assert match, f"no section {name}"
    return match.group(1)


def bars(fragment: str) -> list[tuple[str, int, str]]:
    """(label, usages, share text) of each bar of the first chart in ``fragment``."""
    chart = fragment.split('<div class="bars"', 1)[1].split("</div></div></div>", 1)[0] + "</div></div></div>"
    rows = re.findall(r'<div class="bar-label" role="rowheader">.*?<span>([^<]*)</span></div>.*?'
                      r'<div class="bar-value" role="cell">(\d+) · ([^<]+)</div>', chart, re.S)
    return [(unescape(label), int(n), share) for label, n, share in rows]


@pytest.fixture(scope="module")
def big_html() -> str:
    return render(evaluate(big_result(), big_config(), date(2026, 12, 3)))


def test_sample_golden(sample_check) -> None:
    assert_golden(render(sample_check), GOLDEN / "html" / "sample.html")


def test_self_contained(sample_check) -> None:
    html = render(sample_check)
    tree = parse(html)
    tags = [t for t, _ in tree.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    for _, attrs in tree.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value or value.startswith("#"), f"external reference {name}={value!r}"
    assert "@import" not in html and "url(" not in html
    ids = {attrs.get("id") for _, attrs in tree.tags}
    assert set(SECTIONS) <= ids
    classes = Counter(c for _, attrs in tree.tags for c in (attrs.get("class") or "").split())
    assert classes["bars"] == 3 and classes["strip"] == 1 and classes["legend"] == 1  # charts, concentration
    assert classes["meter"] == 3  # one per exposure scenario


def test_answers_the_questions(sample_check) -> None:
    html = render(sample_check)
    text = text_of(html)
    assert "Action needed" in text
    assert "qwen/qwen2.5-7b-instruct" in text and "checkout" in text
    assert "China (CN)" in text and "United States (US)" in text
    assert "Dana Lee (Legal)" in text and "2025-06-30" in text
    assert "acme/secret-model-v2" in text  # unresolved references are never hidden
    exposure = text_of(section(html, "exposure"))
    # checkout uses Qwen, support DeepSeek, internal-tools an R1 distill: all three break "no Chinese origin"
    chinese = exposure.split("No model of Chinese origin", 1)[1].split("No model API served from China", 1)[0]
    for flow in ("checkout", "support", "internal-tools"):
        assert re.search(rf"{flow}\s*:", chinese)
    # and only support calls an API served from China (DeepSeek's)
    served = exposure.split("No model API served from China", 1)[1].split("Only permissive licenses", 1)[0]
    assert re.search(r"support\s*:\s*deepseek", served) and "checkout" not in served


def test_escapes_untrusted_text() -> None:
    html = bar_chart([{"key": "x", "label": "<script>alert(1)</script>", "usages": 1}], "t")
    assert "<script>" not in html and "&lt;script&gt;" in html
    hostile = resolution("evil", model={"id": "evil/<b>model</b>", "family": None, "params": None},
                         publisher={"id": "evil", "name": 'Evil "><img src=x onerror=alert(1)>', "country": "XX"},
                         origins=["XX"], license=None)
    findings = [*sample_findings(), finding("services/support/<script>.py", 1, "<svg onload=alert(1)>", hostile)]
    page = render(evaluate(sample_result(findings), _sample_config(), TODAY))
    tags = {t for t, _ in parse(page).tags}
    assert not tags & {"script", "img", "b", "svg"} and "<svg onload" not in page
    assert "Evil &quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;script&gt;.py" in page


def _sample_config():
    from modelmap.policy import load_config

    from .conftest import POLICY_DATA

    return load_config(POLICY_DATA / "config.sample.yaml")


# ------------------------------------------------------------------------------------------ charts add up


def test_origin_chart_adds_up_to_100_with_an_unknown_bar(sample_check) -> None:
    # issue 11 item 2 / issue 13 item 4: the origin chart added up to 94% with no "unknown" bar
    html = render(sample_check)
    rows = bars(section(html, "origins"))
    by_label = {label: n for label, n, _ in rows}
    # from the fixture: Qwen 7B once and deepseek-chat twice are Chinese; the R1 distill (Llama base) is both;
    # acme/secret-model-v2 is not identified, so its origin is unknown, never guessed
    assert by_label["China (CN)"] == 3
    assert by_label["China (CN) + United States (US)"] == 1
    assert by_label["Canada (CA)"] == 1 and by_label["Germany (DE)"] == 1
    assert rows[-1][0] == "origin unknown" and rows[-1][1] == 1
    assert sum(int(share.rstrip("%")) for _, _, share in rows) == 100
    # every usage in the model tables is in exactly one bar
    uses = re.findall(r'<td data-label="Uses">(\d+)</td>', section(html, "models"))
    assert sum(n for _, n, _ in rows) == sum(int(u) for u in uses)


def test_unrecorded_origins_and_unidentified_models_are_the_unknown_bar() -> None:
    # a model the knowledge base knows but whose publisher's country is not recorded: origins null
    no_country = resolution("cnmoro/static-model", model={"id": "cnmoro/static-model", "family": None, "params": None},
                            publisher={"id": "cnmoro", "name": "cnmoro", "country": None}, origins=None)
    qwen = resolution("Qwen/Qwen2.5-7B-Instruct", model={"id": "qwen/qwen2.5-7b-instruct", "family": None,
                                                         "params": None}, publisher=QWEN, origins=["CN"])
    findings = [finding("app/a.py", 1, "cnmoro/static-model", no_country),
                finding("app/b.py", 2, "cnmoro/static-model", no_country),
                finding("app/c.py", 3, "acme/secret-model-v2", UNKNOWN),
                finding("app/d.py", 4, "Qwen/Qwen2.5-7B-Instruct", qwen)]
    from modelmap.policy.config import ProjectConfig

    html = render(evaluate(sample_result(findings), ProjectConfig(), TODAY))
    rows = bars(section(html, "origins"))
    assert rows == [("China (CN)", 1, "25%"), ("origin unknown", 3, "75%")]
    # the models table says unknown, not "—" (which would read as "no country")
    row = re.search(r"cnmoro/<wbr>static-model.*?</tr>", section(html, "models"), re.S)
    assert row and re.search(r'data-label="Origin"><span class="muted">unknown</span>', row.group(0))


def test_percentages_add_up_and_small_shares_are_not_zero() -> None:
    for counts in ([608, 179, 160, 36, 22, 15, 11, 8, 7, 154], [4, 3, 2, 3], [2, 1], [5], [1, 1, 10]):
        shares = percentages(counts)
        assert sum(shares) == 100
        assert all(abs(s - c * 100 / sum(counts)) < 1 for s, c in zip(shares, counts, strict=True))
        assert len({(c, s) for c, s in zip(counts, shares, strict=True)}) == len(set(counts))  # equal counts, equal %
    # equal counts read equal, even when that leaves the sum a point short of 100
    assert percentages([1, 1, 1]) == [33, 33, 33] and percentages([1, 1, 10]) == [8, 8, 84]
    assert percentages([0, 0]) == [0, 0]
    html = bar_chart([{"key": "a", "label": "big", "usages": 999}, {"key": "b", "label": "tiny", "usages": 1}], "t")
    assert "1 · &lt;1%" in html and "999 · 100%" in html


# -------------------------------------------------------------------------------------- colours and legends


def test_one_colour_per_country_and_publisher_everywhere(big_html: str) -> None:
    tree = parse(big_html)
    by_text: dict[str, set[str]] = {}
    for colours, text, _ in tree.keyed:
        if len(colours) == 1:
            name = re.sub(r"\s*\d+%$|\s*<1%$", "", text)  # legend entries end with their share
            by_text.setdefault(name, set()).add(colours[0])
    for name in ("China (CN)", "United States (US)", "OpenAI", "Beijing Academy of Artificial Intelligence (BAAI)",
                 "Mistral AI"):
        assert len(by_text[name]) == 1, f"{name} is drawn in {by_text[name]}"
    # every place a name is keyed: a chart label, the legend and a table cell
    holders = {holder for colours, text, holder in tree.keyed if text.startswith("OpenAI")}
    assert {"bar-label", "legend", "chip"} <= holders
    # the top publishers in one chart never share a colour; unknown is the hatched key, never a palette colour
    chart = section(big_html, "origins").split("<h3>By publisher</h3>", 1)[1].split("<details", 1)[0]
    top = [c[0] for c, _, holder in parse(chart).keyed if holder == "bar-label" and c != ["unknown"]]
    assert len(top) == 11 and len(set(top)) == 11  # ten publishers and the "others" bar
    assert any(text == "origin unknown" and c == ["unknown"] for c, text, _ in tree.keyed)


def test_colours_are_deterministic_and_distinct() -> None:
    ids = ["openai", "baai", "qwen", "deepseek", "meta", "mistral", "anthropic", "google", "cohere", "01-ai",
           "microsoft", "jina"]
    first, again = Colours(ids), Colours(list(ids))
    assert [first(i) for i in ids] == [again(i) for i in ids]
    assert len({first(i) for i in ids}) == len(ids)  # the twelve most used never share a colour
    # adding less-used ids does not recolour the ones before them
    more = Colours([*ids, "nomic", "snowflake", "tii"])
    assert [more(i) for i in ids] == [first(i) for i in ids]
    assert len({more(i) for i in [*ids, "nomic", "snowflake", "tii"]}) == 15
    assert first(None) is None and first("") is None


def test_concentration_bar_has_a_legend_that_matches_it(sample_check) -> None:
    origins = section(render(sample_check), "origins")
    strip = re.search(r'<div class="strip"[^>]*>(.*?)</div>', origins, re.S)
    legend = re.search(r'<ul class="legend"[^>]*>(.*?)</ul>', origins, re.S)
    assert strip and legend
    segments = re.findall(r'title="([^"]+): ([^"]+)"', strip.group(1))
    entries = [text_of(li) for li in re.findall(r"<li>(.*?)</li>", legend.group(1))]
    assert [f"{unescape(name)} {share}" for name, share in segments] == entries
    assert entries[-1].startswith("publisher unknown")  # acme/secret-model-v2


# ----------------------------------------------------------------------------------------- labels, columns


def test_long_names_are_whole(big_html: str) -> None:
    text = text_of(big_html)
    publishers = {f.resolution["publisher"]["name"] for f in big_result().findings
                  if f.resolution and f.resolution.get("publisher") and f.resolution["publisher"].get("name")}
    assert "Beijing Academy of Artificial Intelligence (BAAI)" in publishers
    for name in publishers:
        assert name in text, f"publisher {name!r} is not shown whole"
    labels = [t for _, t, holder in parse(big_html).keyed if holder == "bar-label"]
    assert "Beijing Academy of Artificial Intelligence (BAAI)" in labels


def test_every_column_is_explained(big_html: str) -> None:
    tree = parse(big_html)
    headers = [attrs for tag, attrs in tree.tags if tag == "th"]
    assert headers and all((attrs.get("title") or "").strip() for attrs in headers)
    fallback = re.search(r'<th scope="col" title="([^"]+)">Fallback publisher</th>', big_html)
    assert fallback and "at least two publishers" in unescape(fallback.group(1))
    # the same explanations as a footnote under each table (tooltips do not work on touch screens or paper)
    tables = big_html.count("<table>") - big_html.count("</summary><table>")  # "show all" continues a table
    assert big_html.count("What the columns mean") == tables
    assert "<dt>Fallback publisher</dt>" in big_html


# -------------------------------------------------------------------------------------------- 1,000+ usages


def test_large_project_shows_top_rows_and_keeps_the_rest(big_html: str) -> None:
    models = section(big_html, "models")
    first, rest = models.split('<details class="show-all">', 1)
    shown = re.findall(r'<td data-label="Model"><strong><span class="id">([^<]+(?:<wbr>[^<]+)*)</span>', first)
    hidden = re.findall(r'<td data-label="Model"><strong><span class="id">([^<]+(?:<wbr>[^<]+)*)</span>',
                        rest.split("</details>", 1)[0])
    ids = [s.replace("<wbr>", "") for s in shown + hidden]
    usages = Counter(f.resolution["model"]["id"] for f in big_result().findings
                     if f.resolution and f.resolution.get("model"))
    assert len(shown) == TOP_ROWS and sorted(ids) == sorted(usages)
    # most used first, so the top rows are the ones that matter
    assert [usages[i] for i in ids] == sorted(usages.values(), reverse=True)
    assert f"Show all {len(usages)} models ({len(usages) - TOP_ROWS} more)" in rest
    # long lists inside cells fold too: the "(no flow)" row does not list every model in the open
    flows = section(big_html, "flows")
    assert re.search(r"\+\d+ more</summary>", flows)
    # the publisher chart keeps ten bars, sums the rest into one, and offers them all
    publisher_chart = section(big_html, "origins").split("<h3>By publisher</h3>", 1)[1]
    labels = [label for label, _, _ in bars(publisher_chart)]
    assert len(labels) == 12 and re.fullmatch(r"\d+ other publishers", labels[10]) and labels[11] == "publisher unknown"
    publishers = {f.resolution["publisher"]["id"] for f in big_result().findings
                  if f.resolution and (f.resolution.get("publisher") or {}).get("id")}
    assert f"Show all {len(publishers)} publishers" in publisher_chart.split("<h3>", 1)[0]


# -------------------------------------------------------------------------- catalogs, tests and endpoints


def test_optional_sections_are_collapsed_and_absent_when_the_summary_lacks_them(sample_check) -> None:
    summary = build_summary(sample_check)
    for key in ("endpoints", "sections", "catalog", "test"):
        summary.pop(key, None)
    plain = render_html(summary, generated=NOW, version="test")
    for key in ("endpoints", "catalog", "test"):
        assert f'id="{key}"' not in plain and f'href="#{key}"' not in plain
    summary["endpoints"] = [{"url": "https://api.deepseek.com/v1", "provider": "deepseek-api", "references": 2,
                             "locations": ["services/support/bot.py:21", "services/support/bot.py:57"]}]
    summary["sections"] = {
        "catalog": {"models": 2, "usages": 3, "unidentified": 1, "label": "catalogs of models",
                    "models_list": [{"id": "openai/gpt-4o", "identified": True, "usages": 2,
                                     "locations": ["config/all_models.json:4", "config/all_models.json:9"]},
                                    {"id": "gpt-5-preview", "identified": False, "usages": 1,
                                     "locations": ["config/all_models.json:12"]}]},
        "test": {"models": 0, "usages": 0, "unidentified": 0, "label": "tests", "models_list": []},
    }
    html = render_html(summary, generated=NOW, version="test")
    for key in ("endpoints", "catalog"):
        body = section(html, key)
        assert body.startswith('<details class="extra"><summary>') and "<details open" not in body
        assert f'href="#{key}"' in html
    assert 'id="test"' not in html  # an empty section is left out
    catalog = section(html, "catalog")
    assert "(3 usages)" in catalog and "config/<wbr>all_models.json:12" in catalog
    assert catalog.index("openai/<wbr>gpt-4o") < catalog.index("gpt-5-preview")  # most used first
    assert "api.deepseek.com" in section(html, "endpoints")
    # a shape the renderer does not know still shows its data
    summary["sections"] = {"catalog": [{"id": "x/y", "weird_field": "kept"}]}
    assert "kept" in section(render_html(summary, generated=NOW, version="test"), "catalog")


@pytest.mark.parametrize("findings", [None, []], ids=["no-config", "empty-inventory"])
def test_without_flows_or_findings(findings) -> None:
    from modelmap.policy.config import ProjectConfig
    from modelmap.report.markdown import MarkdownRenderer

    check = evaluate(sample_result(findings), ProjectConfig(), TODAY)
    html = render(check)
    markdown = MarkdownRenderer(clock=fixed_clock, version="test").render(check).decode()
    assert "Within policy" in html and "within policy" in markdown
    if findings is None:
        assert "(whole repository)" in html and "1 of 1 flows (100%)" in html
    else:
        assert "No models found." in html and "0 of 0 flows (0%)" in html
        assert "No data for" in section(html, "origins")


def test_origins_of_a_partly_recorded_lineage_are_marked(sample_check) -> None:
    summary = build_summary(sample_check)
    for model in summary["models"]:
        model["origins_known"] = model["id"] != "deepseek-ai/deepseek-r1-distill-llama-8b"
    html = render_html(summary, generated=NOW, version="test")
    rows = re.findall(r"<tr>(.*?)</tr>", section(html, "models"), re.S)
    marked = [text_of(r).split(" ")[0] for r in rows if "(may be incomplete)" in r]
    assert marked == ["deepseek-ai/deepseek-r1-distill-llama-8b"]
    assert "1 of these usages (10%) are of models whose lineage is not fully recorded" in text_of(html)
