"""The report's "What runs in production" section (``modelmap report --runtime FILE``; issue 15, item 4).

Code: the demo app and its flows. Runtime: generated OTLP GenAI telemetry (tests/runtime/otlp_gen.py) in which a
gateway answers ``gpt-4o`` with Qwen weights, a team calls Claude that no code declares, some ``deepseek-chat``
traffic goes through OpenRouter, and the reranker never shows up.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelmap.cli import app
from modelmap.cli.check_cmd import run_check
from modelmap.report import runtime_section
from modelmap.runtime import ingest
from tests.conftest import ROOT
from tests.runtime.otlp_gen import write_spans

DEMO = ROOT / "examples" / "demo-app"


@pytest.fixture(scope="module")
def runtime_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report-runtime")
    path = folder / "runtime.json"
    path.write_text(json.dumps(ingest.build([write_spans(folder / "spans.jsonl", 2000)])))
    return path


@pytest.fixture(scope="module")
def section(runtime_file: Path) -> dict[str, Any]:
    runtime = json.loads(runtime_file.read_text())
    return runtime_section.build(run_check(DEMO, None, "2026-12-03", runtime=runtime), runtime)


def rows(section: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    return {(f["flow"], r["model"]): r["status"] for f in section["flows"] for r in f["models"]}


def test_statuses_per_flow(section: dict[str, Any]) -> None:
    status = rows(section)
    # the flows of the demo's modelmap.yaml, in config order; the demo's usages outside every flow (compose,
    # Dockerfile, .env) name models the flows use too, so there is no "(no flow)" group
    assert [f["flow"] for f in section["flows"]] == ["routing", "retrieval", "answer"]
    assert status[("answer", "openai/gpt-4o")] == ["alias", "host"]
    assert status[("answer", "qwen/qwen2.5-7b-instruct")] == ["serving"]
    assert status[("routing", "deepseek-chat")] == ["host"]
    assert status[("retrieval", "baai/bge-reranker-v2-m3")] == ["not-seen"]
    assert status[("retrieval", "baai/bge-m3")] == ["serving"]
    gpt = next(r for f in section["flows"] if f["flow"] == "answer" for r in f["models"] if r["model"] == "openai/gpt-4o")
    assert "Qwen/Qwen2.5-72B-Instruct" in gpt["served_as"] and "llm-gateway.internal:4000" in gpt["hosts"]
    assert any("serves Qwen/Qwen2.5-72B-Instruct" in d for d in gpt["details"])
    assert [s["model"] for s in section["shadow"]] == ["claude-3-5-sonnet-20241022"]
    assert section["shadow"][0]["publisher"] == "Anthropic"
    retrieval = next(f for f in section["flows"] if f["flow"] == "retrieval")
    assert retrieval["counts"]["not-seen"] == 1 and retrieval["counts"]["serving"] >= 1


def test_report_cli_markdown_and_html(runtime_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    md = runner.invoke(app, ["report", str(DEMO), "--format", "md", "--runtime", str(runtime_file),
                             "--today", "2026-12-03"])
    assert md.exit_code == 0, md.output
    text = md.stdout
    part = text[text.index("## What runs in production"):]
    assert re.search(r"\| answer \| `openai/gpt-4o` \| \*\*alias ≠ weights, host differs\*\* \|", part)
    assert re.search(r"\| retrieval \| `baai/bge-reranker-v2-m3` \| \*\*declared, never seen\*\* \|", part)
    assert "### Serving, and no code declares it (1)" in part and "`claude-3-5-sonnet-20241022`" in part
    out = tmp_path / "report.html"
    html = runner.invoke(app, ["report", str(DEMO), "--runtime", str(runtime_file), "--today", "2026-12-03",
                               "-o", str(out)])
    assert html.exit_code == 0, html.output
    page = out.read_text(encoding="utf-8")
    production = page[page.index('<section id="production">'):]
    production = production[:production.index("</section>")]
    assert "What runs in production" in production and "alias ≠ weights" in production
    assert "claude-3-5-sonnet-20241022" in production and "<script" not in page
    # without --runtime there is no such section
    plain = runner.invoke(app, ["report", str(DEMO), "--format", "md", "--today", "2026-12-03"])
    assert plain.exit_code == 0 and "What runs in production" not in plain.stdout
    bad = runner.invoke(app, ["report", str(DEMO), "--runtime", str(DEMO / "modelmap.yaml")])
    assert bad.exit_code == 2
