"""A recorded Server-Sent Events stream kept under its own extension (``testdata/*.sse``: a Go or TS client's test
replays a model API's streamed answer from it) is read as the ``.txt`` / ``.log`` captures are: the JSON payload of
every ``data:`` line, so the ``"model"`` (and a gateway's ``"model_requested"`` / ``"model_deployment"``) field of each
event is found on its line. A ``.sse`` file that is not an event stream is left alone, and a payload that does not
parse is a reported skip while the others are still read. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

import modelmap
from tests.discover.scan_helpers import found

_EVENT = ('data: {{"type":"response.{kind}","sequence_number":{n},"response":{{"id":"resp_7","status":"{kind}",'
          '"model":"{model}","output":null}},"extra_fields":{{"provider":"bedrock",'
          '"model_requested":"{model}","model_deployment":"{model}"}}}}\n\n')
_DELTA = 'data: {"type":"response.output_text.delta","sequence_number":1,"delta":"Hi"}\n\n'


def _stream(model: str) -> str:
    return (_EVENT.format(kind="created", n=0, model=model) + _DELTA
            + _EVENT.format(kind="completed", n=2, model=model) + "data: [DONE]\n\n")


def test_a_sse_fixture_names_its_model_on_each_event(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/llm/gateway/testdata/text_reply.sse", _stream("us.anthropic.claude-sonnet-4-6"))
    assert got == {(1, "us.anthropic.claude-sonnet-4-6"), (5, "us.anthropic.claude-sonnet-4-6")}


def test_each_model_field_of_an_event_is_a_reference(tmp_path: Path) -> None:
    (tmp_path / "testdata").mkdir()
    (tmp_path / "testdata" / "reply.sse").write_text(_stream("gpt-4o"))
    result = modelmap.scan(str(tmp_path), resolve=False)
    lines = sorted(f.line for f in result.findings if f.raw == "gpt-4o")
    assert lines == [1, 1, 1, 5, 5, 5]


def test_a_sse_file_that_is_not_an_event_stream_is_left_alone(tmp_path: Path) -> None:
    text = "model gpt-4o answered in 20ms\nmodel: gpt-4o\nmore notes\n"
    assert found(tmp_path, "notes/run.sse", text) == set()


def test_a_bad_payload_is_a_reported_skip_and_the_rest_is_read(tmp_path: Path) -> None:
    text = ('data: {"model":"gpt-4o-mini"}\n\n'
            'data: {"model" "gpt-4o-mini", ' + '[' * 5000 + '}\n\n'
            'data: {"model":"' + 'x' * 200_000 + '"}\n\n')
    (tmp_path / "testdata").mkdir()
    (tmp_path / "testdata" / "broken.sse").write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert {(f.line, f.raw) for f in result.findings} == {(1, "gpt-4o-mini")}
    assert any(s.path.endswith("broken.sse") and s.reason == "parse-error" for s in result.skips)
