"""The inspect-ai engine against the loopback fake (issue 16): same answers and scores as the built-in client,
and every inspect-ai log kept as evidence with its sha256. Skipped when the [eval] extra is not installed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from modelmap.eval.engine import HttpEngine, parse_model
from modelmap.eval.runner import Settings, run_eval
from modelmap.eval.suites import load_suite
from tests.eval.fake_openai import FakeServer

pytest.importorskip("inspect_ai", reason="inspect-ai is the optional [eval] extra")
pytestmark = pytest.mark.filterwarnings("ignore:The .initial. parameter is deprecated:DeprecationWarning")


def _untimed(value: object) -> object:
    """The metrics without wall-clock fields (semgrep_seconds, ..._per_sample), which differ run to run."""
    if isinstance(value, dict):
        return {k: _untimed(v) for k, v in value.items() if "seconds" not in k}
    if isinstance(value, list):
        return [_untimed(v) for v in value]
    return value


def test_inspect_engine_scores_like_the_http_engine_and_keeps_its_logs(tmp_path: Path) -> None:
    from modelmap.eval.inspect_engine import InspectEngine

    suites = [load_suite("jailbreak"), load_suite("insecure-code")]
    settings = Settings(limit=6)
    with FakeServer(api_key="sk-inspect") as srv:
        models = [parse_model("careful", srv.base_url), parse_model("reckless", srv.base_url)]
        engine = InspectEngine("sk-inspect", tmp_path / "inspect-logs", timeout=30)
        via_inspect = run_eval(suites, models, engine, settings, engine_id="inspect-ai")
        via_http = run_eval(suites, models, HttpEngine("sk-inspect"), settings)
    a, b = via_inspect.document, via_http.document
    assert a["engine"]["id"] == "inspect-ai" and a["engine"]["version"]
    assert [_untimed(sd["metrics"]) for sd in a["suites"]] == [_untimed(sd["metrics"]) for sd in b["suites"]]
    answers = [(r["case"], r["variant"], r["answer"]) for r in map(json.loads, via_inspect.transcript.splitlines())]
    assert answers == [(r["case"], r["variant"], r["answer"]) for r in map(json.loads, via_http.transcript.splitlines())]
    logs = [e for e in a["evidence"] if e.get("engine") == "inspect-ai"]
    assert len(logs) == 4  # one task per suite per model
    for entry in logs:
        path = tmp_path / entry["file"]
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert json.loads(path.read_text())["status"] == "success"
        assert "sk-inspect" not in path.read_text()  # the key never reaches the evidence
    assert "sk-inspect" not in repr(engine)
