"""A trace id is a whole user action: a gateway record pairs with the trace's span that asked for its model.

An agent's turn may call a provider's API directly and the company gateway in one trace. Pairing the trace's spans
with its gateway records by position (redteam34) took the direct call off and left the gateway's call counted twice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from modelmap.runtime import ingest
from tests.redteam.probes_session30 import _agent_turns


def test_a_direct_call_in_a_gateway_trace_is_its_own_request(tmp_path: Path) -> None:
    paths = []
    for name, text in _agent_turns().items():
        (tmp_path / name).write_text(text)
        paths.append(tmp_path / name)
    doc = ingest.build(paths)
    got = {m["model"]: (m["requests"], m["tokens"]) for m in doc["models"]}
    assert got["claude-3-5-haiku-20241022"] == (3, {"input": 30, "output": 15})
    assert got["support-chat"][0] == 0
    assert got["hosted_vllm/Qwen/Qwen2.5-14B-Instruct"][0] == 3
    assert doc["summary"]["request_counting"]["shared_requests"] == 3
    assert doc["summary"]["requests"] == 6
    json.dumps(doc)


def test_a_prefixed_request_name_still_pairs(tmp_path: Path) -> None:
    files = _agent_turns()
    files["otel.jsonl"] = files["otel.jsonl"].replace('"support-chat"', '"litellm_proxy/support-chat"')
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    doc = ingest.build([tmp_path / n for n in files])
    got = {m["model"]: m["requests"] for m in doc["models"]}
    assert got["claude-3-5-haiku-20241022"] == 3 and got["litellm_proxy/support-chat"] == 0


def test_records_past_the_remembered_trace_ids_are_said(tmp_path: Path, monkeypatch: Any) -> None:
    """Past MAX_TRACED, a record's trace id is not compared: the note said such records 'carried no trace id'."""
    monkeypatch.setattr(ingest, "MAX_TRACED", 5)
    files = _agent_turns()
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    doc = ingest.build([tmp_path / "runtime.jsonl", tmp_path / "otel.jsonl"])  # 3 records, then 2 of the 6 spans
    counting = doc["summary"]["request_counting"]
    assert counting["shared_requests"] == 1
    assert "no trace id" not in counting["note"]
    assert "4 records past the first 5 with a trace id" in counting["note"]
