"""A model object's `"id"` written inside a string literal (tuneD33).

A serialisation test asserts the JSON a model record becomes (`json.contains("\\"id\\":\\"claude-…\\"")`), a mock
returns a model object (`{"id": "gpt-4o-mini", "object": "model"}`): the pair's key is `id`, which names no model, so
polyglot._with_embedded (which read `"…model…": "x"` pairs only) never saw the value. The `id` pair's value is read
now, bound to `id`: only a value that reads as a model on its own is one (a message id or a user's id stays none)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

RUST = """\
#[cfg(test)]
mod tests {
    #[test]
    fn serializes_model() {
        let json = serde_json::to_string(&model).unwrap();
        assert!(json.contains("\\"id\\":\\"claude-sonnet-4-5-20250929\\""));
        assert!(json.contains("\\"provider\\":\\"anthropic\\""));
        assert!(msg.contains("\\"id\\":\\"msg_01XFDUDYJgAACzvnptvVoYEL\\""));
        assert!(user.contains("\\"id\\":\\"ada\\""));
        let body = r#"{"id":"gpt-4o-mini","object":"model","owned_by":"openai"}"#;
    }
}
"""


def test_id_pairs_in_literals(tmp_path: Path) -> None:
    out = found(tmp_path, "src/types/model.rs", RUST)
    assert {(6, "claude-sonnet-4-5-20250929"), (10, "gpt-4o-mini")} <= out
    assert not {raw for _, raw in out if raw in ("msg_01XFDUDYJgAACzvnptvVoYEL", "ada", "anthropic")}
