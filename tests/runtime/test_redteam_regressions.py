"""Regressions found by the red-team probes of issue 15 (tests/redteam/probes_newer.py: runtime-*, probe-*,
diff-runtime-*, plan-runtime-*): hostile telemetry, servers and inventories give a clear result, never a crash."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from modelmap.runtime import drift, ingest
from modelmap.runtime import probe as probing
from tests.runtime.fakes import serve

SPAN = {"resourceSpans": [{"scopeSpans": [{"spans": [{"spanId": "1", "startTimeUnixNano": "1764547200000000000",
                                                       "attributes": [{"key": "gen_ai.request.model",
                                                                       "value": {"stringValue": "gpt-4o"}}]}]}]}]}


def _build(tmp_path: Path, text: str, **kw: Any) -> dict[str, Any]:
    p = tmp_path / "log.jsonl"
    p.write_text(text + json.dumps(SPAN) + "\n")
    return ingest.build([p], resolve=lambda name: probing_unknown(name), **kw)


def probing_unknown(name: str) -> Any:
    from modelmap.types import Resolution

    return Resolution(query=name, reason="test")


@pytest.mark.parametrize("start", ["NaN", "1e400", "-Infinity", '"99999999999999999999999"', '"253402300800000000000"',
                                   '"9999-12-31T23:59:59-14:00"', '"0001-01-01T00:00:00+14:00"'])
def test_unrepresentable_times_are_unknown_not_a_crash(tmp_path: Path, start: str) -> None:
    # runtime-litellm-time-nan / -inf, runtime-span-time-huge-int, runtime-litellm-iso-time-far (issue 15)
    doc = _build(tmp_path, '{"model_group": "g", "model": "m", "startTime": START}\n'.replace("START", start))
    models = {m["model"]: m for m in doc["models"]}
    assert models["m"]["requests"] == 1 and models["m"]["first_seen"] is None
    assert models["gpt-4o"]["first_seen"] == "2025-12-01T00:00:00Z"


@pytest.mark.parametrize("total", ["1e999", "NaN"])
def test_non_finite_token_sums_are_not_counted(tmp_path: Path, total: str) -> None:
    # runtime-metric-sum-inf / -nan (issue 15)
    metric = ('{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"gen_ai.client.token.usage","histogram":'
              '{"dataPoints":[{"sum":TOTAL,"attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"x"}},'
              '{"key":"gen_ai.token.type","value":{"stringValue":"input"}}]}]}}]}]}]}\n').replace("TOTAL", total)
    doc = _build(tmp_path, metric)
    x = next(m for m in doc["models"] if m["model"] == "x")
    assert x["tokens"] is None


def test_attribute_keys_of_other_types_are_ignored(tmp_path: Path) -> None:
    # runtime-otlp-wrong-types: {"key": [], ...} used to raise "unhashable type: 'list'" (issue 15)
    bad = {"resourceSpans": [{"scopeSpans": [{"spans": [{"attributes": [{"key": [], "value": {"stringValue": "x"}},
                                                                         {"key": {"a": 1}, "value": 1}]}]}]}]}
    doc = _build(tmp_path, json.dumps(bad) + "\n")
    assert [m["model"] for m in doc["models"]] == ["gpt-4o"]


@pytest.mark.parametrize("since", ["99999999999999d", "9" * 30 + "w", "9999-12-31T23:59:59-14:00",
                                   "0001-01-01T00:00:00+14:00"])
def test_since_out_of_range_is_a_value_error(since: str) -> None:
    # runtime-since-huge-span, runtime-since-far-future / -far-past (issue 15): exit 2 with a message
    with pytest.raises(ValueError, match="--since"):
        ingest.parse_since(since)


def test_a_device_is_refused(tmp_path: Path) -> None:
    # runtime-dev-zero / -dev-urandom: /dev/zero never ends (issue 15)
    with pytest.raises(ingest.RuntimeInputError, match="device"):
        ingest.build([Path("/dev/zero")], resolve=probing_unknown)


def test_a_named_pipe_is_read_once(tmp_path: Path) -> None:
    # runtime-fifo-not-json: a first line that is not JSON used to re-open the pipe as a whole document and block
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w") as fh:
            fh.write("not json\n" + json.dumps(SPAN) + "\n")

    t = threading.Thread(target=feed, daemon=True)
    t.start()
    doc = ingest.build([fifo], resolve=probing_unknown)
    t.join(10)
    assert [m["model"] for m in doc["models"]] == ["gpt-4o"]
    assert doc["sources"][0]["skip_reasons"] == {"not JSON": 1}


def test_a_named_pipe_nobody_writes_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # runtime-fifo-no-writer: waited for at most FIFO_WAIT_S, then a clear error (issue 15)
    monkeypatch.setattr(ingest, "FIFO_WAIT_S", 0.2)
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(ingest.RuntimeInputError, match="nothing wrote"):
        ingest.build([fifo], resolve=probing_unknown)


def test_ollama_show_requests_share_one_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # probe-ollama-show-stalls: 300 tags, each /api/show stalling, used to cost 256 deadlines (issue 15)
    monkeypatch.setattr(probing, "BUDGET_REQUESTS", 2)

    def stall(handler: Any) -> None:
        threading.Event().wait(3)

    tags = {"models": [{"name": f"m{i}:latest"} for i in range(40)]}
    with serve({"GET /api/tags": tags}, special={"POST /api/show": stall}) as url:
        entry = probing.probe_one(url, allow_private=True, deadline=0.5, resolve=probing_unknown)
    assert entry["server"] == "ollama" and len(entry["models"]) == 40
    errors = [m["evidence"]["show_error"]["value"] for m in entry["models"]]
    assert "time budget" in errors[-1]
    assert sum("time budget" in e for e in errors) >= 35


def test_runtime_entries_of_the_wrong_shape_are_cleaned() -> None:
    # diff-runtime-wrong-types, plan-runtime-wrong-types (issue 15)
    doc = {"schema": "modelmap.runtime/1", "summary": [1], "models": [
        5, {"model": ["x"]},
        {"model": "gpt-4o", "hosts": 5, "requested_as": 7, "resolution": "s", "requests": "x"},
        {"model": "m", "hosts": ["h:1", 5], "requested_as": ["gpt-4o", None],
         "resolution": {"model": "m", "served_by": "x", "origins": 5}}]}
    clean = drift.clean_runtime(doc)
    assert [m["model"] for m in clean["models"]] == ["gpt-4o", "m"]
    first, second = clean["models"]
    assert (first["hosts"], first["requested_as"], first["resolution"], first["requests"]) == ([], [], None, None)
    assert second["hosts"] == ["h:1"] and second["requested_as"] == ["gpt-4o"]
    assert "model" not in second["resolution"] and "served_by" not in second["resolution"]
    assert second["resolution"]["origins"] == []
    scan = {"schema": "modelmap.scan/1", "findings": [{"kind": "usage", "raw": "gpt-4o", "path": "a.py",
                                                        "endpoint": 5, "provider": [1], "resolution": "x"}, 5]}
    out = drift.drift(scan, doc, resolve=probing_unknown)
    # gpt-4o served as itself; m answered requests for gpt-4o: an alias with other weights
    assert (out["summary"]["matched"], out["summary"]["alias_mismatch"], out["summary"]["shadow"]) == (1, 1, 0)


def test_a_huge_runtime_document_is_refused_before_reading(tmp_path: Path) -> None:
    # diff-runtime-sparse-3gb, plan-runtime-sparse-3gb: read_bytes of 3 GB was a MemoryError (issue 15)
    p = tmp_path / "runtime.json"
    p.write_bytes(b'{"schema": "modelmap.runtime/1", "models": [')
    with open(p, "r+b") as fh:
        fh.truncate(drift.MAX_DOCUMENT + 1)
    with pytest.raises(drift.DriftInputError, match="larger than"):
        drift.load_json(p, "a runtime inventory")
