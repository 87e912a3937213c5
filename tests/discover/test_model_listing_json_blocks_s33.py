"""An OpenAI-compatible `GET /models` reply held in a code literal (tuneD33).

A client's test mocks the listing endpoint with the reply's JSON in a raw string (`{"data": [{"id":
"codex-mini-latest", "name": …}]}`). polyglot._json_blocks read such a block only where it held a model word, and a
listing's keys (`data`, `id`, `name`, `context_window`) hold none, so its models were never read. A block of the
listing shape is read now; the config reader still reports an entry's id only where it reads as a model."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

RUST = """\
#[tokio::test]
async fn lists_remote_models() {
    let fallback = "gpt-4o";
    let mock = server
        .mock("GET", "/v1/models")
        .with_body(r#"{"data":[{"id":"codex-mini-latest","name":"Codex Mini Latest","context_window":200000}]}"#)
        .create();
    let users = r#"{"data":[{"id":"user_123","name":"Ada Lovelace"}]}"#;
}
"""

GO = """\
package client

func TestListModels(t *testing.T) {
\tfallback := "gpt-4o"
\tbody := `{"object": "list", "data": [{"id": "o4-mini", "owned_by": "openai"}, {"id": "deepseek-chat"}]}`
\tteams := `{"data": [{"id": "team-blue", "owner": "ada"}]}`
}
"""


def test_rust_raw_string_listing(tmp_path: Path) -> None:
    out = found(tmp_path, "src/provider.rs", RUST)
    assert (6, "codex-mini-latest") in out
    assert not {raw for _, raw in out if raw in ("user_123", "Ada Lovelace", "Codex Mini Latest")}


def test_go_raw_string_listing(tmp_path: Path) -> None:
    out = found(tmp_path, "client/models_test.go", GO)
    assert {(5, "o4-mini"), (5, "deepseek-chat")} <= out
    assert not {raw for _, raw in out if raw in ("team-blue", "ada")}
