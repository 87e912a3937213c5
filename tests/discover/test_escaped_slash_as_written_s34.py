"""A JSON string whose encoder escapes every slash (``"meta-llama\\/Meta-Llama-3.1-8B-Instruct-Turbo"``: Foundation's
JSONEncoder, PHP's json_encode) is reported as written, as an escaped backslash already is; the provenance resolver
reads the identifier it names with a plain ``/``."""

from __future__ import annotations

from pathlib import Path

import modelmap

from .scan_helpers import found

SWIFT_REQUEST_TEST = '''import XCTest

final class ChatRequestTests: XCTestCase {
    func testRequestIsEncodable() throws {
        let body = ChatRequestBody(messages: [], model: "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo")
        XCTAssertEqual(#"""
            {
              "messages" : [],
              "model" : "meta-llama\\/Meta-Llama-3.1-8B-Instruct-Turbo"
            }
            """#,
            try body.serialize(pretty: true)
        )
    }
}
'''

JSON_FIXTURE = '{\n  "model": "mistralai\\/Mistral-7B-Instruct-v0.3",\n  "path": "a\\/b"\n}\n'


def test_swift_json_fixture_escaped_slash_as_written(tmp_path: Path) -> None:
    got = found(tmp_path, "Tests/ChatRequestTests.swift", SWIFT_REQUEST_TEST)
    assert (5, "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo") in got  # the argument: written without escapes
    assert (9, "meta-llama\\/Meta-Llama-3.1-8B-Instruct-Turbo") in got
    assert (9, "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo") not in got


def test_json_file_escaped_slash_as_written_and_resolved_plain(tmp_path: Path) -> None:
    (tmp_path / "request.json").write_text(JSON_FIXTURE)
    result = modelmap.scan(str(tmp_path), resolve=True)
    models = [f for f in result.findings if f.kind != "endpoint"]
    assert [(f.line, f.column, f.raw) for f in models] == [(2, 13, "mistralai\\/Mistral-7B-Instruct-v0.3")]
    assert (models[0].resolution or {}).get("query") == "mistralai/Mistral-7B-Instruct-v0.3"
