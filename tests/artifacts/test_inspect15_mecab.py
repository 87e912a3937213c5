"""inspect15: MeCab's compiled dictionary header (taku910/mecab src/dictionary.cpp: ten uint32 - magic = file size XOR
0xef718f77, version 102, type, lexsize, lsize, rsize, dsize, tsize, fsize, dummy - and a 32-byte charset). Fixtures
are written here in that layout; no held-out file is used."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.classic import MECAB_MAGIC_ID, MeCabDictReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path


def mecab_header(dtype: int = 0, lexsize: int = 392126, lsize: int = 1316, rsize: int = 1316,
                 sections: tuple[int, int, int] = (1000, 2000, 3000), version: int = 102,
                 charset: bytes = b"utf8") -> bytes:
    size = 72 + sum(sections)
    return struct.pack("<10I", size ^ MECAB_MAGIC_ID, version, dtype, lexsize, lsize, rsize, *sections, 0) + \
        charset.ljust(32, b"\x00")


def test_ipadic_system_dictionary_counts_name_it(tmp_path: Path) -> None:
    f = tmp_path / "d"
    f.write_bytes(mecab_header() + b"\x00" * 100)  # cut: far shorter than the header declares
    assert reader_for(f).id == "mecab-dic"  # type: ignore[union-attr]
    info = MeCabDictReader().read(f)
    assert info.metadata["format_props"] == {"mecab.type": "system", "mecab.lexsize": 392126, "mecab.lsize": 1316,
                                             "mecab.rsize": 1316, "mecab.charset": "utf8"}
    rec = inspect_path(f)
    assert rec["family"]["id"] == "ipadic" and rec["publisher"]["id"] == "naist"


def test_another_mecab_dictionary_is_the_format_only(tmp_path: Path) -> None:
    f = tmp_path / "d"
    f.write_bytes(mecab_header(lexsize=756463, lsize=15388, rsize=15388))  # another dictionary's counts
    assert MeCabDictReader().read(f).format == "mecab-dic"
    assert not (inspect_path(f).get("family") or {}).get("id")


@pytest.mark.parametrize("head", [
    mecab_header(version=101),  # another version
    mecab_header(dtype=7),  # no such type
    mecab_header(charset=b"\xff\xfe"),  # no charset name
    mecab_header()[:4] + b"\x00" * 68,  # the magic disagrees with the sections
    struct.pack("<I", 72 ^ MECAB_MAGIC_ID) + b"\x66",  # shorter than the header
])
def test_hostile_headers_are_not_mecab(tmp_path: Path, head: bytes) -> None:
    assert not MeCabDictReader().sniff(head)
    f = tmp_path / "h"
    f.write_bytes(head)
    with pytest.raises(ReadError):
        MeCabDictReader().read(f)


def test_longer_than_declared_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "d"
    f.write_bytes(mecab_header(sections=(0, 0, 8)) + b"\x00" * 64)
    with pytest.raises(ReadError):
        MeCabDictReader().read(f)
