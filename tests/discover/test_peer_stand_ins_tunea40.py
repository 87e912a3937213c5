"""A test table of real model ids also holds stand-ins the code must leave alone: a normaliser's
`model-20241022-beta` (the word "model" and a date and stage only), a fallback test's `unknown-model:latest`. Peers do
not make them models. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import PLACEHOLDER
from modelmap.discover.peers import peer_shaped
from tests.discover.scan_helpers import found


def test_stand_in_shapes() -> None:
    assert not peer_shaped("model-20241022-beta")
    assert not peer_shaped("model-2-latest")
    assert PLACEHOLDER.match("unknown-model:latest")
    assert PLACEHOLDER.match("test-model:7b")
    assert peer_shaped("mistral-large-2411")
    assert not PLACEHOLDER.match("llama3.2:1b")


def test_a_go_normaliser_table(tmp_path: Path) -> None:
    text = ("package cost\n\n"
            'import "testing"\n\n'
            "func TestNormalize(t *testing.T) {\n"
            "\ttests := []struct{ name, in, want string }{\n"
            '\t\t{"date", "claude-3-5-sonnet-20241022", "claude-3-5-sonnet"},\n'
            '\t\t{"date 2", "gpt-4o-2024-08-06", "gpt-4o"},\n'
            '\t\t{"plain", "gpt-4o-mini", "gpt-4o-mini"},\n'
            '\t\t{"middle", "model-20241022-beta", "model-20241022-beta"},\n'
            "\t}\n"
            "\t_ = tests\n"
            "}\n")
    got = found(tmp_path, "cost/normalize_test.go", text)
    assert (7, "claude-3-5-sonnet-20241022") in got
    assert not {raw for _, raw in got} & {"model-20241022-beta"}


def test_a_rust_fallback_test(tmp_path: Path) -> None:
    text = ("#[cfg(test)]\n"
            "mod tests {\n"
            "    #[test]\n"
            "    fn known() {\n"
            '        assert_eq!(context_for("llama3.2:1b"), 8192);\n'
            '        assert_eq!(context_for("mistral:7b"), 8192);\n'
            '        assert_eq!(context_for("phi4:latest"), 16384);\n'
            "    }\n"
            "    #[test]\n"
            "    fn unknown() {\n"
            '        assert_eq!(context_for("unknown-model:latest"), 4096);\n'
            "    }\n"
            "}\n")
    got = found(tmp_path, "src/ollama/metadata.rs", text)
    assert (5, "llama3.2:1b") in got
    assert (11, "unknown-model:latest") not in got
