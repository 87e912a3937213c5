"""A case clause's labels are spellings of one value (polyglot ``_with_case_spellings``): one recognised model among
them makes the other labels that read as models (a digit or a family word) models too, and the clause's body value
that repeats one of them. Fixtures written for these tests, shaped like a gateway's model-name normaliser."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

GO = '''package executor

import "strings"

func normalizeUpstream(name string) string {
	base := strings.ToLower(strings.TrimSpace(name))
	var out string
	switch base {
	case "kimi-k2.7-code", "k2.7-code", "kimi-for-coding", "for-coding":
		out = "kimi-for-coding"
	case "plain", "simple":
		out = "basic"
	default:
		out = base
	}
	return out
}
'''


def test_go_case_labels_beside_a_known_model(tmp_path: Path) -> None:
    got = found(tmp_path, "internal/executor/normalize.go", GO)
    assert (9, "kimi-k2.7-code") in got
    assert (9, "k2.7-code") in got  # a version digit: a spelling of the model
    assert (9, "kimi-for-coding") in got  # a family word
    assert (10, "kimi-for-coding") in got  # the body value the clause maps its spellings to
    assert (9, "for-coding") not in got  # neither digit nor family word: a suffix, not a model
    assert not {raw for line, raw in got if line in (11, 12)}  # no recognised label: nothing from that clause


KOTLIN = '''package app

fun canonical(id: String): String = when (id) {
    "gpt-4o", "gpt4o-latest-chat", "omni" -> "gpt-4o"
    "fast", "quick" -> "speedy-v2"
    else -> id
}
'''


def test_kotlin_when_entry(tmp_path: Path) -> None:
    got = found(tmp_path, "app/src/main/java/app/Canonical.kt", KOTLIN)
    assert (4, "gpt4o-latest-chat") in got
    assert (4, "omni") not in got
    assert (5, "fast") not in got and (5, "quick") not in got


RUST = '''pub fn canonical(id: &str) -> &str {
    match id {
        "claude-3-5-sonnet-20241022" | "sonnet-3.5-new" | "latest" => "claude-3-5-sonnet-20241022",
        other => other,
    }
}
'''


def test_rust_or_pattern_arm(tmp_path: Path) -> None:
    got = found(tmp_path, "src/alias.rs", RUST)
    assert (3, "sonnet-3.5-new") in got
    assert (3, "latest") not in got


JAVA = '''class Alias {
    static String canonical(String id) {
        switch (id) {
            case "deepseek-chat", "ds-v3.2-chat" -> { return "deepseek-chat"; }
            default -> { return id; }
        }
    }
}
'''


def test_java_arrow_case_labels(tmp_path: Path) -> None:
    got = found(tmp_path, "src/main/java/a/Alias.java", JAVA)
    assert (4, "ds-v3.2-chat") in got


def test_one_label_alone_is_no_evidence(tmp_path: Path) -> None:
    # a clause with one label (a known model) makes nothing else a model, and a body value that repeats no label of
    # its clause stays unreported
    text = GO.replace('"kimi-k2.7-code", "k2.7-code", "kimi-for-coding", "for-coding"', '"kimi-k2.7-code"')
    text = text.replace('out = "kimi-for-coding"', 'out = "coder-x9"')
    got = found(tmp_path, "internal/executor/normalize.go", text)
    assert (9, "kimi-k2.7-code") in got
    assert (10, "coder-x9") not in got
