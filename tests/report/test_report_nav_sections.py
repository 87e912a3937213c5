"""The HTML report's navigation reaches every section it renders (tryout 33, item 8).

The nav listed Summary … Exposure, All models, then the optional extras; "Switch: how fast could we change
models?" (the board's question 4) and, with --runtime, "What runs in production" were rendered but had no link,
so a reader of a long report only found them by scrolling. Every nav link must point at a section on the page,
and every top-level section must have a link.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelmap.cli import app
from modelmap.runtime import ingest
from tests.conftest import ROOT
from tests.runtime.otlp_gen import write_spans

DEMO = ROOT / "examples" / "demo-app"


def _nav_and_sections(page: str) -> tuple[list[str], list[str]]:
    nav = page[page.index("<nav>"):page.index("</nav>")]
    links = re.findall(r'href="#([a-z-]+)"', nav)
    sections = re.findall(r'<section(?: class="[^"]*")? id="([a-z-]+)"', page)
    return links, sections


@pytest.mark.parametrize("with_runtime", [False, True])
def test_every_section_has_a_nav_link_in_page_order(tmp_path: Path, with_runtime: bool) -> None:
    args = ["report", str(DEMO), "--today", "2026-12-03", "-o", str(tmp_path / "report.html")]
    if with_runtime:
        runtime = tmp_path / "runtime.json"
        runtime.write_text(json.dumps(ingest.build([write_spans(tmp_path / "spans.jsonl", 200)])))
        args += ["--runtime", str(runtime)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    links, sections = _nav_and_sections((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert "switch" in sections and ("production" in sections) == with_runtime
    assert links == sections, (links, sections)
