"""Candidates straight from a plan (issue 16): `modelmap eval --from-plan` on the demo app's real plan."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from modelmap.errors import UsageError
from modelmap.eval.candidates import models_from_plan
from tests.eval.fake_openai import FakeServer

ROOT = Path(__file__).resolve().parents[2]


def _modelmap(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "plan.json"
    proc = _modelmap("plan", "examples/demo-app", "--scenario", "no-cn-origin", "--format", "json", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def _usage(plan: Path, flow: str) -> dict:
    doc = json.loads(plan.read_text())
    f = next(f for f in doc["flows"] if f["name"] == flow)
    return next(u for u in f["usages"] if u["role"] == "generation" and u["replacement"])


def test_baseline_and_replacements_per_flow(plan: Path) -> None:
    with pytest.raises(UsageError, match="several flows") as exc:
        models_from_plan(plan)
    assert "answer" in str(exc.value) and "routing" in str(exc.value) and "retrieval" not in str(exc.value)
    routing = _usage(plan, "routing")
    names = models_from_plan(plan, "routing")
    assert names[0] == "deepseek-api/deepseek-chat"  # examples/demo-app/app/router.py, served by DeepSeek's API
    assert names[1:] == [f"{routing['replacement']['provider']}/{routing['replacement']['model']}"]
    with_fallbacks = models_from_plan(plan, "routing", fallbacks=True)
    assert with_fallbacks[:2] == names and len(with_fallbacks) == 2 + len(routing["fallbacks"])
    answer = _usage(plan, "answer")
    assert models_from_plan(plan, "answer")[0] == answer["raw"]  # self-hosted on vLLM: no provider prefix
    with pytest.raises(UsageError, match="no flow 'retrieval'"):
        models_from_plan(plan, "retrieval")


def test_bad_plan_files(tmp_path: Path) -> None:
    bad = tmp_path / "scan.json"
    bad.write_text('{"schema": "modelmap.scan/1"}')
    with pytest.raises(UsageError, match=r"not a modelmap\.plan/1 document"):
        models_from_plan(bad)
    bad.write_text("{")
    with pytest.raises(UsageError, match="not JSON"):
        models_from_plan(bad)


def test_cli_from_plan_prices_both_models_from_the_switch_table(plan: Path) -> None:
    names = models_from_plan(plan, "routing")
    with FakeServer(aliases={names[0]: "careful", names[1]: "reckless"}) as srv:
        proc = _modelmap("eval", "jailbreak", "--from-plan", str(plan), "--flow", "routing", "--limit", "2",
                         "--format", "json", env={"MODELMAP_EVAL_BASE_URL": srv.base_url})
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert [m["id"] for m in doc["models"]] == names
    for m in doc["models"]:
        price = m["cost"]["price"]
        assert m["cost"]["usd"] is not None and m["cost"]["usd"] > 0
        expected = (m["usage"]["prompt_tokens"] * price["input"] + m["usage"]["completion_tokens"] * price["output"]) / 1e6
        assert m["cost"]["usd"] == pytest.approx(expected, rel=1e-4)
        assert price["as_of"] and price["source"]
