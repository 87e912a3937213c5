"""tuneC33 (issue 10): a chat message's text part that holds a JSON document. A recorded request (a golden file, a
cassette) keeps the messages sent to the model; a runtime that hands a tool's JSON output to the model puts that
document in a message's ``text`` / ``content``, alone or at the head of more lines (the tool's own body after a blank
line). Those keys are otherwise read as prose, so the document's models were lost. The document is read where it is
written (escaped inside the JSON string); text that is not a document, JSON followed by more of the same line, and
other prose keys stay unread.

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

import json
from pathlib import Path

from tests.discover.scan_helpers import found as _found

_CONTEXT = {"call": {"tool": {"name": "ctx", "modelName": "gpt-4o-mini"}},
            "program": {"toolSet": {"a": {"modelName": "claude-3-5-haiku-20241022", "instructions": "x"}}}}


def _request(text: str, key: str = "text") -> str:
    body = {"model": "gpt-4.1", "messages": [
        {"role": "system", "content": [{key: text}]},
        {"role": "user", "content": [{"text": "hello"}]}]}
    return json.dumps(body, indent=2) + "\n"


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_json_document_then_tool_body_in_message_text(tmp_path: Path) -> None:
    text = _request(json.dumps(_CONTEXT) + "\n\nTool body")
    got = _found(tmp_path, "testdata/TestContext/call1.golden", text)
    line = _line_of(text, "modelName")
    assert (line, "gpt-4o-mini") in got
    assert (line, "claude-3-5-haiku-20241022") in got
    assert (_line_of(text, '"model"'), "gpt-4.1") in got


def test_whole_json_document_in_message_content(tmp_path: Path) -> None:
    text = _request(json.dumps(_CONTEXT), key="content")
    got = _found(tmp_path, "recorded/request.json", text)
    assert (_line_of(text, "modelName"), "gpt-4o-mini") in got


def test_text_that_is_not_a_document_stays_prose(tmp_path: Path) -> None:
    # JSON followed by more of the same line, and a JSON-looking prompt template under another prose key
    same_line = _request(json.dumps(_CONTEXT) + " is the context\n\nTool body")
    got = _found(tmp_path, "a/call1.golden", same_line)
    assert not {raw for _, raw in got} & {"gpt-4o-mini", "claude-3-5-haiku-20241022"}
    described = _request(json.dumps(_CONTEXT) + "\n\nTool body", key="description")
    got = _found(tmp_path, "b/call1.golden", described)
    assert not {raw for _, raw in got} & {"gpt-4o-mini", "claude-3-5-haiku-20241022"}
