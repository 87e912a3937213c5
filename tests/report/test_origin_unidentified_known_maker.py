"""One origin rule for an unidentified model whose maker is known (tryout23).

``deepseek-chat`` is a time-varying DeepSeek API alias: modelmap deliberately does not map it to one model, but its
publisher (DeepSeek, CN) is known from the API name. The per-country line under the HTML report's "By origin country"
chart, the flows table and the Markdown report counted its usages as CN, while the chart itself put them under
"origin unknown". Every view now counts an unidentified model whose maker is known under the maker's country;
"origin unknown" is kept for usages whose origin is not recorded at all.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

import modelmap
from modelmap.policy import evaluate, load_config
from modelmap.policy.summary import build_summary
from modelmap.report.check_json import check_document
from modelmap.report.html import HtmlRenderer, origin_rows

from .conftest import fixed_clock

APP = {
    "app/router.py": ("from openai import OpenAI\n\n"
                      "client = OpenAI(base_url=\"https://api.deepseek.com\")\n\n\n"
                      "def route(q: str) -> str:\n"
                      "    r = client.chat.completions.create(model=\"deepseek-chat\", "
                      "messages=[{\"role\": \"user\", \"content\": q}])\n"
                      "    return r.choices[0].message.content\n"),
    "app/answer.py": ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef answer(q: str) -> str:\n"
                      "    r = client.chat.completions.create(model=\"gpt-4o\", "
                      "messages=[{\"role\": \"user\", \"content\": q}])\n"
                      "    return r.choices[0].message.content\n"),
    "modelmap.yaml": "version: 1\n",
}


@pytest.fixture(scope="module")
def check(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("unidentified-origin")
    for rel, text in APP.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = modelmap.scan([root], resolve=True)
    return evaluate(result, load_config(root), date(2026, 12, 3))


def test_the_alias_is_unidentified_but_its_origin_is_known(check) -> None:  # type: ignore[no-untyped-def]
    unresolved = build_summary(check)["unresolved"]
    assert [u["identifier"] for u in unresolved] == ["deepseek-chat"]
    assert unresolved[0]["origins"] == ["CN"]


def test_origin_chart_counts_the_alias_under_its_makers_country(check) -> None:  # type: ignore[no-untyped-def]
    rows = {r["key"]: r["usages"] for r in origin_rows(build_summary(check))}
    assert rows.get("CN") == 1
    assert "unknown" not in rows
    assert sum(rows.values()) == 2  # every usage once


def test_chart_and_the_line_under_it_agree(check) -> None:  # type: ignore[no-untyped-def]
    page = HtmlRenderer(clock=fixed_clock, version="test").render(check).decode()
    origins = page.split('<section id="origins">', 1)[1].split("</section>", 1)[0]
    chart = origins.split("<h3>By origin country</h3>", 1)[1].split("</div>", 1)[0]
    assert "origin unknown" not in chart
    assert "China (CN)" in chart


def test_markdown_counts_it_as_cn_too(check) -> None:  # type: ignore[no-untyped-def]
    from modelmap.report.markdown import MarkdownRenderer

    text = MarkdownRenderer(clock=fixed_clock, version="test").render(check).decode()
    chart = text.split("### By origin country", 1)[1].split("###", 1)[0]
    assert re.search(r"^\| China \(CN\) \| 1 \|", chart, re.M), chart
    assert "unknown" not in chart


def test_check_json_keeps_its_unresolved_contract(check) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(json.dumps(check_document(check, version="test")))
    assert set(doc["unresolved"][0]) == {"identifier", "reason", "usages", "locations"}


def test_summary_cards_count_one_in_the_singular(check) -> None:  # type: ignore[no-untyped-def]
    page = HtmlRenderer(clock=fixed_clock, version="test").render(check).decode()
    assert '<div class="n">1</div><div class="l">unidentified model</div>' in page
    assert "unidentified models</div>" not in page
    assert '<div class="n">0</div><div class="l">decisions expiring soon</div>' in page
