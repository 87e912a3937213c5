"""Swift raw strings (``#"…"#``) hold a test's expected request body or a recorded SSE chunk as JSON with its quotes
unescaped: the literal is read for its value (tree-sitter-swift gives it no content node) and a file whose only model
is inside one is parsed at all (the byte pre-pass pairs quotes from the literal's first one, so it read the gaps
between the JSON's strings)."""

from __future__ import annotations

from pathlib import Path

from .scan_helpers import found

SHORT_REQUEST = '''import XCTest

final class MessageRequestTests: XCTestCase {
    func testRequestIsEncodable() throws {
        let request = MessageRequestBody(maxTokens: 1024, messages: [], model: "claude-3-5-sonnet-20240620")
        XCTAssertEqual(
            #"{"max_tokens":1024,"messages":[],"model":"claude-3-5-sonnet-20240620"}"#,
            try request.serialize()
        )
        XCTAssertEqual(#"^\\d+ tokens$"#, pattern)
        XCTAssertEqual(#"{"model":"auth.user","pk":1}"#, fixture)
    }
}
'''

# nothing outside the raw strings names a model: the file must still be parsed
CHUNK_ONLY = '''import XCTest

final class ChatCompletionChunkTests: XCTestCase {
    func testChunkIsDecodable() throws {
        let line = #"data: {"id":"gen-1738800351","provider":"DeepInfra","model":"deepseek/deepseek-r1","object":"chat.completion.chunk","choices":[]}"#
        let chunk = ChatCompletionChunk.deserialize(fromLine: line)
        XCTAssertEqual("ABC", chunk!.choices.first!.delta.reasoning)
    }

    func testOtherChunk() throws {
        let line = #"data: {"id":"8b43a5cf","object":"chat.completion.chunk","model":"meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo","usage":null}"#
        XCTAssertNotNil(ChatCompletionChunk.deserialize(fromLine: line))
    }
}
'''

NO_MODEL = '''import XCTest

final class UserTests: XCTestCase {
    func testDecodes() throws {
        let body = #"{"id":"user_1","object":"user","name":"Ada"}"#
        XCTAssertNotNil(User.deserialize(from: body))
    }
}
'''


def test_short_raw_string_request_body(tmp_path: Path) -> None:
    got = found(tmp_path, "Tests/MessageRequestTests.swift", SHORT_REQUEST)
    assert (5, "claude-3-5-sonnet-20240620") in got
    assert (7, "claude-3-5-sonnet-20240620") in got
    assert not {raw for line, raw in got if line in (10, 11)}  # a regex; a fixture's record type


def test_file_with_models_only_inside_raw_strings_is_read(tmp_path: Path) -> None:
    got = found(tmp_path, "Tests/ChatCompletionChunkTests.swift", CHUNK_ONLY)
    assert got == {(5, "deepseek/deepseek-r1"), (11, "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo")}


def test_raw_string_json_without_a_model(tmp_path: Path) -> None:
    assert found(tmp_path, "Tests/UserTests.swift", NO_MODEL) == set()
