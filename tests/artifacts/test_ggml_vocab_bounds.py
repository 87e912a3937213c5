"""The whisper.cpp ggml vocabulary walk's bounds (redteam16, probe s15-ggml-whisper-1m-token-vocabularies): a
vocabulary of a million distinct ``<|...|>`` entries kept ``modelmap inspect`` busy for over 60 s (every catalogue
entry's specials compared with all of them); it is refused at MAX_SPECIALS distinct specials, like the reader's
other limits. Repeated specials, the byte bound and truncation still read as before."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.ggml import MAX_SPECIALS, MAX_VOCAB_BYTES
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .test_heldout7_whisper_ggml import GPT2_LIKE, whisper_ggml


def test_too_many_distinct_specials_are_refused(tmp_path: Path) -> None:
    p = tmp_path / "ggml-base.bin"
    p.write_bytes(whisper_ggml(GPT2_LIKE + [f"<|{i}|>".encode() for i in range(MAX_SPECIALS + 1)]))
    with pytest.raises(ReadError) as err:
        reader_for(p).read(p)
    assert "distinct <|...|> entries" in err.value.message and err.value.limit == "max_items"
    rep = inspect_path(p)  # the inspect report names the file as not read, with the reason
    assert any(s["path"].endswith("ggml-base.bin") and "max_items" in s["detail"] for s in rep["skipped"])


def test_repeated_specials_and_specials_at_the_bound_are_read(tmp_path: Path) -> None:
    p = tmp_path / "m"
    p.write_bytes(whisper_ggml(GPT2_LIKE + [b"<|endoftext|>"] * 50_000))
    tok = reader_for(p).read(p).tokenizer
    assert tok is not None and tok.special_tokens == ["<|endoftext|>"] and tok.tokens == GPT2_LIKE[:-1]
    p.write_bytes(whisper_ggml([f"<|{i}|>".encode() for i in range(MAX_SPECIALS)] + [b"a"], n_vocab=1 << 20))
    tok = reader_for(p).read(p).tokenizer
    assert tok is not None and len(tok.special_tokens) == MAX_SPECIALS and tok.tokens == [b"a"]


def test_a_million_distinct_specials_finish_quickly(tmp_path: Path) -> None:
    p = tmp_path / "ggml-base.bin"
    p.write_bytes(whisper_ggml([f"<|{i:022d}|>".encode() for i in range(1_000_000)], n_vocab=1 << 20))
    start = time.process_time()
    rep = inspect_path(p)
    assert time.process_time() - start < 15
    assert rep["skipped"] and rep["fingerprint"] is None


def test_byte_bound_and_truncation_after_the_single_read(tmp_path: Path) -> None:
    p = tmp_path / "m"
    big = b"x" * 1000
    n = MAX_VOCAB_BYTES // 1004 + 1  # one token past the section's byte bound
    p.write_bytes(whisper_ggml([big] * n, n_vocab=1 << 20))
    with pytest.raises(ReadError) as err:
        reader_for(p).read(p)
    assert "larger than the reader's limit" in err.value.message
    p.write_bytes(whisper_ggml([big] * 3, count=4))
    with pytest.raises(ReadError) as err:
        reader_for(p).read(p)
    assert "ends after 3 of 4 tokens" in err.value.message
