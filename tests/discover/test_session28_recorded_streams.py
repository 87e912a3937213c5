"""A program's captured output kept as a test fixture (``*.stdout.txt``, ``*.log``): when the capture is a JSON
event stream (an agent CLI run with a JSON-lines output mode), every event's ``"model"`` (and a usage table keyed by
model) is read as a JSON Lines config file is; any other text capture is left alone. Fixtures written for these
tests, shaped like a recorded coding-agent run."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.config_files import json_lines_text
from tests.discover.scan_helpers import found

_STREAM = (
    '{"type":"system","subtype":"init","cwd":"/tmp","session_id":"0f3c","tools":["Bash","Read"],'
    '"model":"claude-haiku-4-5-20251001","permissionMode":"default"}\n'
    '{"type":"assistant","message":{"model":"claude-haiku-4-5-20251001","id":"msg_01","role":"assistant",'
    '"content":[{"type":"text","text":"Lake Superior, or the Caspian Sea."}]}}\n'
    '{"type":"result","subtype":"success","is_error":false,"num_turns":1,'
    '"modelUsage":{"claude-haiku-4-5-20251001":{"inputTokens":12,"outputTokens":40,"costUSD":0.0002}}}\n'
)


def test_a_recorded_json_event_stream_names_its_model(tmp_path: Path) -> None:
    got = found(tmp_path, "test/fixtures/agent_transcripts/simple_agent.stdout.txt", _STREAM)
    assert got == {(1, "claude-haiku-4-5-20251001"), (2, "claude-haiku-4-5-20251001"),
                   (3, "claude-haiku-4-5-20251001")}


def test_a_json_stream_in_a_log_file_is_read_too(tmp_path: Path) -> None:
    got = found(tmp_path, "logs/run.log", _STREAM)
    assert (1, "claude-haiku-4-5-20251001") in got


def test_a_plain_text_capture_is_not_read_as_config(tmp_path: Path) -> None:
    text = ("Starting worker\nmodel: gpt-4o-mini\nloaded {config} in 2s\n"
            '{"model": "gpt-4o-mini"}\n')  # one JSON line among prose: not a JSON event stream
    assert found(tmp_path, "test/fixtures/run.stdout.txt", text) == set()


def test_json_lines_shape() -> None:
    assert json_lines_text(_STREAM)
    assert json_lines_text("\n" + _STREAM + "\n\n")
    assert not json_lines_text("")
    assert not json_lines_text("Starting\n" + _STREAM)  # the first line is prose
    assert not json_lines_text('{"a": 1}\nnot json\nnot json either\n')
