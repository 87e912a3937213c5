"""A vocabulary cut inside its last token, that token holding commas (redteam15's s15-cut-vocab probe): the reader
closes the text at one of its last commas (tokenizer._close_cut), and a comma inside the open string fails the same
way as every other comma in it, so the next try is at the comma before that string: one parse more, not CUT_TRIES
(each a parse of the whole text: 32 s of CPU on a 3.9M-entry vocab.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from modelmap.artifacts import DEFAULT_LIMITS
from modelmap.artifacts import tokenizer as tokmod
from modelmap.artifacts.tokenizer import CUT_TRIES, TokenizerReader


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = json.loads

    def loads(s: Any, *a: Any, **kw: Any) -> Any:
        calls.append(len(s))
        return real(s, *a, **kw)

    monkeypatch.setattr(tokmod.json, "loads", loads)
    return calls


def test_a_cut_inside_a_token_of_many_commas_closes_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    text = '{"the": 0, "of": 1, "and": 2, "' + "x," * (CUT_TRIES * 3)
    calls = _counting(monkeypatch)
    assert tokmod._close_cut(text, "}") == {"the": 0, "of": 1, "and": 2}
    assert len(calls) == 2  # the try inside the string, then the comma before it


def test_a_cut_vocab_json_reads_its_whole_entries(tmp_path: Path) -> None:
    body = ", ".join(f'"t{i}": {i}' for i in range(5_000))
    path = tmp_path / "vocab.json"
    path.write_text("{" + body + ', "' + "x," * 40, encoding="utf-8")
    info = TokenizerReader().read(path, DEFAULT_LIMITS)
    assert any("cut short" in n for n in info.notes)
    assert info.tokenizer is not None and info.tokenizer.total_size == 5_000
