"""A model API's streamed response recorded as a test fixture in Server-Sent Events form (``testdata/*.txt``,
``*.log``: ``data: {json}`` lines between blank lines, ``event:`` lines, ``data: [DONE]``): the JSON payload of every
``data:`` line is read as a JSON Lines line is, so its ``"model"`` field (what the server answered) is found on the
line it sits on. Any other text with a stray ``data:`` line is left alone. Fixtures written for these tests, shaped
like a recorded chat-completions stream and a recorded Responses-API stream."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.config_files import parse_sse_counted, sse_text
from tests.discover.scan_helpers import found

_CHUNK = ('data: {{"id":"chatcmpl-9xQ1","object":"chat.completion.chunk","created":1718000000,'
          '"model":"{model}","system_fingerprint":"fp_3a1b","choices":[{{"index":0,"delta":{{"content":"{word}"}},'
          '"finish_reason":null}}]}}\n\n')
_CHAT_STREAM = (_CHUNK.format(model="gpt-4o-mini-2024-07-18", word="Hi")
                + _CHUNK.format(model="gpt-4o-mini-2024-07-18", word=" there")
                + "data:\n\n"
                + "data: [DONE]\n\n")

_RESPONSES_STREAM = (
    "Recorded stream:\n---\n"
    "event: response.created\n"
    'data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_01","object":"response",'
    '"status":"in_progress","model":"o4-mini-2025-04-16","output":[]}}\n\n'
    "event: response.output_text.delta\n"
    'data: {"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_01","delta":"Hello"}\n\n'
    "event: response.completed\n"
    'data: {"type":"response.completed","sequence_number":2,"response":{"id":"resp_01","status":"completed",'
    '"model":"o4-mini-2025-04-16","usage":{"input_tokens":5,"output_tokens":1}}}\n'
)


def test_a_recorded_chat_stream_names_its_model_on_each_data_line(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/providers/openai/testdata/chat_stream.success.txt", _CHAT_STREAM)
    assert got == {(1, "gpt-4o-mini-2024-07-18"), (3, "gpt-4o-mini-2024-07-18")}


def test_event_lines_and_a_title_above_the_events(tmp_path: Path) -> None:
    got = found(tmp_path, "internal/ai/openai/stream-sample.txt", _RESPONSES_STREAM)
    assert got == {(4, "o4-mini-2025-04-16"), (10, "o4-mini-2025-04-16")}


def test_a_log_with_one_stray_data_line_is_not_an_event_stream(tmp_path: Path) -> None:
    text = ("server started on :8080\nrequest 1 took 20ms\nrequest 2 took 31ms\n"
            'data: {"model": "gpt-4o-mini"}\nshutting down\n')
    assert found(tmp_path, "logs/server.log", text) == set()


def test_sse_shape() -> None:
    assert sse_text(_CHAT_STREAM)
    assert sse_text(_RESPONSES_STREAM)
    assert not sse_text("")
    assert not sse_text("data: [DONE]\n\ndata:\n")  # fields, but no JSON payload
    assert not sse_text("event: ping\nplain words\nmore words\n" + 'data: {"a": 1}\n')


def test_a_payload_that_does_not_parse_is_passed_over() -> None:
    nodes, bad = parse_sse_counted('data: {"model": "gpt-4o"}\n\ndata: {"model" "gpt-4o"}\n')
    assert (len(nodes), bad) == (1, 1)
