"""A test's fixture builder given bare family words as the names of the objects it builds (`makeModels("gemma",
"mistral")`) names stand-ins, not models; a full model id given to it, and the same words outside tests, are still found. Fixtures written for these tests, shaped like a model-swapping proxy's Go tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_TEST = """package config

import "testing"

func makeModels(names ...string) map[string]ModelConfig {
	m := map[string]ModelConfig{}
	for _, n := range names {
		m[n] = ModelConfig{Cmd: "server --port ${PORT}"}
	}
	return m
}

func TestSolve(t *testing.T) {
	models := makeModels("gemma", "mistral", "voxtral", "qwen2.5-7b-instruct")
	if len(models) != 4 {
		t.Fatal("want four")
	}
}
"""


def test_bare_family_words_given_to_a_test_fixture_builder(tmp_path: Path) -> None:
    got = found(tmp_path, "internal/config/matrix_test.go", _TEST)
    assert (14, "qwen2.5-7b-instruct") in got
    assert not {raw for _, raw in got} & {"gemma", "mistral", "voxtral"}


def test_the_same_word_in_app_code_is_untouched(tmp_path: Path) -> None:
    got_test = found(tmp_path / "a", "internal/config/matrix.go", _TEST.replace("func TestSolve", "func Solve"))
    assert (14, "mistral") in got_test  # not a test file: the builder's arguments are read as before
