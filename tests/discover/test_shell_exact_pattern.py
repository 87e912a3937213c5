"""A quoted regex anchored at both ends with nothing but name characters between (``pick_first '^gpt-4o-mini$'``,
``grep -qx``-like ``grep -q "^llama3:8b$"``) matches one whole string only, so a script that writes it names that
model exactly. Such picks were missed (a smoke-test script's model probes, found on the opened held-out-17). A
pattern with other regex syntax (an escaped dot, a group, a prefix without ``$``) names a family or a prefix, not
one model, and a name the knowledge base does not know (``^main$``) is no model."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SMOKE = """\
#!/usr/bin/env bash
pick_first() { local re="$1"; shift; for m in "$@"; do [[ "$m" =~ $re ]] && { echo "$m"; return; }; done; }
m_chat="$(pick_first '^gpt-4o-mini$' "${models[@]}")"
if [ -z "$m_chat" ]; then m_chat="$(pick_first '^o1-pro$' "${models[@]}")"; fi
if ollama list | grep -q "^qwen2.5:7b$"; then echo ok; fi
m_alt="$(pick_first '^gpt-4\\.1-mini$' "${models[@]}")"
m_any="$(pick_first '^gpt-5(\\.|-).*' "${models[@]}")"
count="$(printf '%s\\n' "${models[@]}" | grep -c '^gpt-4' || true)"
branch_ok="$(git branch | grep -c '^main$')"
"""


def test_anchored_exact_patterns_name_their_model(tmp_path: Path) -> None:
    assert found(tmp_path, "scripts/smoke.sh", _SMOKE) == {(3, "gpt-4o-mini"), (4, "o1-pro"), (5, "qwen2.5:7b")}


def test_unbalanced_quotes_are_no_pattern(tmp_path: Path) -> None:
    # `'^gpt-4o$"` opens with one quote and closes with another: not one quoted pattern
    assert found(tmp_path, "scripts/x.sh", "echo '^gpt-4o$\" done'\n") == set()
