"""Held-out-36 general fixes (tuneA42): a comma-separated list of `provider/model` selections written as one string
(a multi-provider tool's default, an environment value, a settings file's value, a parser test) is read item by item,
each at its own column, the list as a whole never; malformed test items (`invalid`, `/bad`, `ollama/`) stay out.
Fixtures written here."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify, selection_items
from tests.discover.scan_helpers import found

_SWIFT = '''import Foundation

public struct Settings {
    public func providers(cliValue: String? = nil) -> String {
        self.getValue(
            cliValue: cliValue,
            envVar: "ACME_AI_PROVIDERS",
            defaultValue: "openai/gpt-4.1,anthropic/claude-sonnet-4-5")
    }
}

func parsing() {
    let all = Parser.parseList("openai/gpt-4o,anthropic/claude-3-5-haiku,ollama/llava:latest")
    let some = Parser.parseList("openai/gpt-4o-mini,invalid,/bad,ollama/,openai/gpt-4.1-nano")
    let none = Parser.parseFirst("invalid,bad,")
    try self.withEnvironment(["ACME_AI_PROVIDERS": "openai/gpt-4.1, ollama/llama3.3"]) {
        print("x")
    }
}
'''


def test_swift_selection_list_items(tmp_path: Path) -> None:
    got = found(tmp_path, "Sources/Settings.swift", _SWIFT)
    assert {(8, "openai/gpt-4.1"), (8, "anthropic/claude-sonnet-4-5"), (13, "openai/gpt-4o"),
            (13, "anthropic/claude-3-5-haiku"), (13, "ollama/llava:latest"), (14, "openai/gpt-4o-mini"),
            (14, "openai/gpt-4.1-nano")} <= got
    assert not [raw for _, raw in got if "," in raw]
    assert not {raw for _, raw in got} & {"invalid", "/bad", "ollama/", "bad"}
    # written with a blank after each comma
    assert {(16, "openai/gpt-4.1"), (16, "ollama/llama3.3")} <= got


def test_selection_items_columns_and_shape() -> None:
    assert selection_items("openai/gpt-4o, ollama/llama3.3") == [(0, "openai/gpt-4o"), (15, "ollama/llama3.3")]
    assert selection_items("openai/gpt-4o,invalid,/bad,ollama/") == [(0, "openai/gpt-4o")]
    # not a selection list: a mount option list, a DSN, words, a sentence
    assert selection_items("implicit-dirs,only-dir=org/model-2b") == []
    assert selection_items("driver=openai,model=gpt-4o") == []
    assert selection_items("alpha,beta") == []
    assert selection_items("use openai/gpt-4o, or anthropic/claude-3-5-haiku") == []
    # no model id holds a comma: the list as a whole is none
    assert classify("openai/gpt-4o,anthropic/claude-3-5-haiku") is None


def test_settings_value_selection_list(tmp_path: Path) -> None:
    got = found(tmp_path, "config.json",
                '{\n  "aiProviders": {\n    "providers": "anthropic/claude-opus-4-1,ollama/llava:latest"\n  }\n}\n')
    assert {(3, "anthropic/claude-opus-4-1"), (3, "ollama/llava:latest")} <= got
    assert not [raw for _, raw in got if "," in raw]
    got = found(tmp_path, "sub/.env.example", "ACME_PROVIDERS=openai/gpt-4o,anthropic/claude-3-5-haiku\n")
    assert {(1, "openai/gpt-4o"), (1, "anthropic/claude-3-5-haiku")} <= got


def test_code_selection_list_is_not_one_model(tmp_path: Path) -> None:
    got = found(tmp_path, "app.py", 'import os\nP = os.getenv("ACME_PROVIDERS", "openai/gpt-4o,anthropic/claude-3-5-haiku")\n')
    assert not [raw for _, raw in got if "," in raw]


def test_shell_variable_selection_list(tmp_path: Path) -> None:
    got = found(tmp_path, "run.sh",
                '#!/bin/sh\nexport ACME_PROVIDERS="openai/gpt-4o,anthropic/claude-3-5-haiku"\nDIRS="a/b,c/d"\n')
    assert {(2, "openai/gpt-4o"), (2, "anthropic/claude-3-5-haiku")} <= got
    assert not [raw for _, raw in got if "," in raw or raw in ("a/b", "c/d")]
