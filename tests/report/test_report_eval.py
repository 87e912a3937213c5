"""The report's "Model evaluation" part (``modelmap report --eval eval.json``; issue 16, item 3).

The evaluation is a real run of the jailbreak and insecure-code suites against the loopback fake, with the
demo plan's routing pair served by its personas: the candidate complies with every probe and writes shell
injection and pickle loads; the incumbent refuses and writes safe code."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelmap.cli import app
from modelmap.eval import render
from modelmap.eval.engine import HttpEngine, parse_model
from modelmap.eval.runner import EvalRun, Settings, run_eval
from modelmap.eval.suites import load_suite
from modelmap.report import eval_section
from tests.conftest import ROOT
from tests.eval.fake_openai import FakeServer

DEMO = ROOT / "examples" / "demo-app"
INCUMBENT, CANDIDATE = "deepseek-api/deepseek-chat", "groq/meta-llama/llama-4-maverick-17b-128e-instruct"


@pytest.fixture(scope="module")
def run() -> EvalRun:
    with FakeServer(aliases={INCUMBENT: "careful", CANDIDATE: "reckless"}) as srv:
        models = [parse_model(INCUMBENT, srv.base_url), parse_model(CANDIDATE, srv.base_url)]
        return run_eval([load_suite("jailbreak"), load_suite("insecure-code")], models, HttpEngine(),
                        Settings(semgrep=False))


@pytest.fixture(scope="module")
def eval_file(run: EvalRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report-eval") / "eval.json"
    path.write_bytes(render.render_json(run.document))
    return path


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: set[str] = set()
        self.stack: list[str] = []
        self.eval_parent: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = dict(attrs).get("id")
        if found:
            self.ids.append(found)
            if found == "eval":
                self.eval_parent = self.stack[-1] if self.stack else None
        if tag not in ("meta", "br", "img", "input", "link", "circle", "line", "rect", "path"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def test_summary_carries_rates_cis_comparisons_gates_and_evidence(run: EvalRun) -> None:
    s = eval_section.summary(run.document, "eval.json")
    assert s["baseline"] == INCUMBENT and s["candidates"] == [CANDIDATE]
    jb = next(x for x in s["suites"] if x["kind"] == "jailbreak")
    cand = next(r for r in jb["rates"] if r["model"] == CANDIDATE)
    assert (cand["rate"], cand["n"]) == (1.0, 60) and cand["low"] < 1.0  # every probe answered, with its interval
    (comp,) = jb["comparisons"]
    assert comp["significantly_worse"] and comp["n"] == 60 and comp["p_value"] < 0.05
    assert s["gates"]["failed"] == 2 and len(s["gates"]["failures"]) == 2
    assert s["evidence"][0]["sha256"] == hashlib.sha256(run.transcript).hexdigest()


def test_markdown_report_appends_the_evaluation(eval_file: Path, run: EvalRun) -> None:
    result = CliRunner().invoke(app, ["report", str(DEMO), "--format", "md", "--today", "2026-12-03",
                                      "--eval", str(eval_file)])
    assert result.exit_code == 0, result.output
    md = result.stdout
    head, _, section = md.partition("## Model evaluation")
    assert section and "## " in head  # the policy report comes first, the evaluation after it
    assert f"| `{CANDIDATE}` | attack success rate | 100.0% |" in section
    neutral = next(line for line in section.splitlines() if "vulnerable\\_rate (neutral)" in line)
    assert re.search(r": \+\d+\.\d points \[95% CI \+\d+\.\d, \+\d+\.\d\], n=50: significantly worse$", neutral)
    assert "**Gates**: 0 passed, 2 failed." in section
    assert hashlib.sha256(run.transcript).hexdigest() in section


def test_html_report_embeds_the_fragment_inside_main_with_a_nav_link(eval_file: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(DEMO), "--today", "2026-12-03", "--eval", str(eval_file)])
    assert result.exit_code == 0, result.output
    page = result.stdout
    parser = _Sections()
    parser.feed(page)
    assert "eval" in parser.ids and parser.eval_parent == "main"
    assert '<a href="#eval">Model evaluation</a>' in page
    section = page.split('id="eval"', 1)[1]
    assert "script" not in parser.tags and "src=" not in section and 'href="http' not in section  # offline
    assert "<svg" in section and "mm-eval-cwe" in section and "CWE-78" in section and "CWE-502" in section
    assert str(eval_file) in section
    plain = CliRunner().invoke(app, ["report", str(DEMO), "--today", "2026-12-03"])
    assert 'id="eval"' not in plain.stdout  # nothing added without --eval


def test_a_file_that_is_not_an_evaluation_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text(json.dumps({"schema": "modelmap.plan/1"}))
    result = CliRunner().invoke(app, ["report", str(DEMO), "--eval", str(bad)])
    assert result.exit_code == 2 and "not a modelmap.eval/1 document" in result.output
