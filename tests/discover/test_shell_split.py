"""shell._shlex_split, the faster stand-in for ``shlex.split(s, comments=True)``: the same words and a ValueError
on the same inputs, checked against shlex itself on strings made of the characters its rules treat apart."""

from __future__ import annotations

import shlex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelmap.discover.shell import _shlex_split, _tokens

_SPECIAL = st.sampled_from([*"ab '\"\\#\t\r\n=-$x", "é", "\x0b", "\x0c", "\u3000", "\u00a0", "\r\n"])


def _both(s: str) -> tuple[object, object]:
    try:
        want: object = shlex.split(s, comments=True)
    except ValueError as exc:
        want = ("ValueError", str(exc))
    try:
        got: object = _shlex_split(s)
    except ValueError as exc:
        got = ("ValueError", str(exc))
    return want, got


@pytest.mark.parametrize("s", [
    "", "   ", "#", "# all comment\n", "a#b c", "a #b\nc", "'a#b' c", '"a#b"', "''", '""', "a '' b", 'a"" b',
    "'a b'c", "a\\ b", "a\\", "\\", "'a", '"a', '"a\\', '"a\\"', '"a\\\\"', '"\\x\\"\\\\y"', "'\\x'", "a\\\nb",
    "x\r\ny", "a\tb\x0bc\x0cd", "é\u3000à", "vllm serve Qwen/Qwen2.5-7B --port 8000 # serve it\nollama pull x",
    "python -c \"print('model')\" --model 'gpt-4o'", "--model=${MODEL:-llama3} \\\n  --dtype auto",
])
def test_cases(s: str) -> None:
    want, got = _both(s)
    assert got == want


@settings(max_examples=3000, deadline=None)
@given(st.lists(_SPECIAL, max_size=24).map("".join))
def test_same_as_shlex_on_special_characters(s: str) -> None:
    want, got = _both(s)
    assert got == want


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_same_as_shlex_on_any_text(s: str) -> None:
    want, got = _both(s)
    assert got == want


def test_tokens_falls_back_to_white_space_on_an_unclosed_quote() -> None:
    assert _tokens("echo 'unclosed  x") == ["echo", "'unclosed", "x"]
