"""The Markdown report shows usages of unknown origin and unknown publisher, as the HTML report does (tryfix31).

A tryout's Rails app had one usage the knowledge base cannot place (a company-internal model name): the HTML
report's charts had "origin unknown 1 · 5%" and "publisher unknown 1 · 5%", while `report -o report.md` listed
only known countries and publishers, as if every usage had one.
"""

from __future__ import annotations

from datetime import date

import pytest

import modelmap
from modelmap.policy import evaluate, load_config
from modelmap.report.html import HtmlRenderer
from modelmap.report.markdown import MarkdownRenderer

from .conftest import fixed_clock

CALL = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef answer(q: str) -> str:\n"
        "    r = client.chat.completions.create(model=\"{model}\", messages=[{{\"role\": \"user\", \"content\": q}}])\n"
        "    return r.choices[0].message.content\n")
APP = {
    "app/answer.py": CALL.format(model="gpt-4o"),
    "app/summary.py": CALL.format(model="gpt-4o-mini"),
    "app/internal.py": CALL.format(model="acme-ledger-assistant-v2"),
    "modelmap.yaml": "version: 1\n",
}


@pytest.fixture(scope="module")
def check(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("unknown-rows")
    for rel, text in APP.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = modelmap.scan([root], resolve=True)
    assert sorted(f.raw for f in result.findings) == ["acme-ledger-assistant-v2", "gpt-4o", "gpt-4o-mini"]
    return evaluate(result, load_config(root), date(2026, 12, 6))


def _section(text: str, title: str) -> str:
    return text.split(f"### {title}", 1)[1].split("###", 1)[0]


def test_markdown_lists_unknown_origin_and_publisher(check) -> None:  # type: ignore[no-untyped-def]
    text = MarkdownRenderer(clock=fixed_clock, version="test").render(check).decode()
    origin = _section(text, "By origin country")
    assert "| United States (US) | 2 | 67% |" in origin
    assert "| _origin unknown_ | 1 | 33% |" in origin, origin
    publisher = _section(text, "By publisher")
    assert "| OpenAI | 2 | 67% |" in publisher
    assert "| _publisher unknown_ | 1 | 33% |" in publisher, publisher
    # the HTML report counts the same usage the same way
    page = HtmlRenderer(clock=fixed_clock, version="test").render(check).decode()
    assert "origin unknown" in page and "publisher unknown" in page


def test_no_unknown_row_when_every_usage_is_placed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "answer.py").write_text(CALL.format(model="gpt-4o"))
    (tmp_path / "modelmap.yaml").write_text("version: 1\n")
    check = evaluate(modelmap.scan([tmp_path], resolve=True), load_config(tmp_path), date(2026, 12, 6))
    text = MarkdownRenderer(clock=fixed_clock, version="test").render(check).decode()
    assert "unknown_" not in _section(text, "By origin country") + _section(text, "By publisher")
