"""open18c (issue 10): recorded HTTP exchanges (VCR cassettes of Ruby's vcr gem, Python's vcrpy / pytest-recording,
go-vcr) keep each request's and response's body as a quoted YAML string holding the JSON that was sent
(``string: '{"model":"gpt-4o",…}'``). The recorder folds a long body over several lines, doubles a single quote
(``''``) or writes a double-quoted response with ``\\"`` escapes: the raw text is then not JSON, though the string
YAML reads is. That string is parsed, and each model is reported on the line where its text is written.

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found as _found

# Ruby vcr: a folded single-quoted request body (with a doubled quote) and a double-quoted response body with
# escaped quotes and leading blank lines, as an SSE-keepalive-padded API answers
_RUBY_CASSETTE = """\
---
http_interactions:
- request:
    method: post
    uri: https://api.example.test/v1/chat/completions
    body:
      encoding: UTF-8
      string: '{"messages":[{"role":"system","content":"Answer ''yes'' or
        ''no'' only."},{"role":"user","content":"Is it raining?"}],"model":"mistralai/mistral-7b-instruct","max_tokens":50}'
    headers:
      Content-Type:
      - application/json
  response:
    status:
      code: 200
      message: OK
    body:
      encoding: ASCII-8BIT
      string: "\\n         \\n\\n         \\n{\\"id\\":\\"gen-1\\",\\"model\\":\\"mistralai/mistral-7b-instruct\\",\\"choices\\":[{\\"message\\":{\\"role\\":\\"assistant\\",\\"content\\":\\"No.\\"}}]}"
  recorded_at: Mon, 11 Nov 2024 01:30:52 GMT
recorded_with: VCR 6.2.0
"""

# vcrpy / pytest-recording: the request body is the string itself, the response's under body.string; a long body
# folded before the model key
_VCRPY_CASSETTE = """\
interactions:
- request:
    body: '{"messages": [{"role": "user", "content": "Summarise the following text in one
      short sentence please"}], "model": "gpt-4o-mini", "temperature": 0}'
    headers:
      Content-Type:
      - application/json
    method: POST
    uri: https://api.openai.com/v1/chat/completions
  response:
    body:
      string: '{"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-mini-2024-07-18",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "It''s short."}}]}'
    status:
      code: 200
      message: OK
version: 1
"""


def test_folded_and_escaped_cassette_bodies_are_read_as_json(tmp_path: Path) -> None:
    got = _found(tmp_path, "spec/vcr/chat/answers_yes_or_no.yml", _RUBY_CASSETTE)
    assert (9, "mistralai/mistral-7b-instruct") in got  # the folded request body: the line the model is written on
    assert (19, "mistralai/mistral-7b-instruct") in got  # the double-quoted response body


def test_vcrpy_cassette_bodies_are_read_as_json(tmp_path: Path) -> None:
    got = _found(tmp_path, "tests/cassettes/test_summarise.yaml", _VCRPY_CASSETTE)
    assert (4, "gpt-4o-mini") in got
    assert (12, "gpt-4o-mini-2024-07-18") in got


def test_a_value_written_earlier_in_prose_does_not_move_the_model(tmp_path: Path) -> None:
    # the model's name appears first inside the message text, folded: the search runs in document order, so the
    # key's value is put where it is written, not at the earlier mention
    text = """\
interactions:
- request:
    body: '{"messages": [{"role": "user", "content": "which model are you, gpt-4o or
      another?"}], "model": "gpt-4o"}'
    method: POST
    uri: https://api.openai.com/v1/chat/completions
"""
    got = _found(tmp_path, "tests/cassettes/test_which.yaml", text)
    assert (4, "gpt-4o") in got
    assert (3, "gpt-4o") not in got


def test_a_quoted_string_that_is_not_json_stays_one_value(tmp_path: Path) -> None:
    text = """\
interactions:
- request:
    body: '{this is not json, model: gpt-4o
      nor is this}'
    method: POST
"""
    got = _found(tmp_path, "tests/cassettes/test_broken.yaml", text)
    assert not any(raw == "gpt-4o" for _, raw in got)
