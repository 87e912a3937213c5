"""insp32 (the opened inspect held-out-18): what the bytes say, and what they do not.

* a UDPipe 1 model is read as its format and names no family (UDPipe is the framework; the model's treebank tagset
  does not say whose model it is).

Synthetic files always run (each assertion fails without the change); the real held-out-18 members run when cached.
"""

from __future__ import annotations

import struct
from pathlib import Path

from modelmap.inspect import inspect_path
from tests.artifacts.test_inspect20_speech import _fam, _pub

from .conftest import real_file

# --- UDPipe: the framework is not the family --------------------------------------------------------------------------


def _udpipe(path: Path) -> Path:
    """A UDPipe 1 model's opening as udpipe's model.cpp writes it: the method name with its length byte, version 3,
    then a MorphoDiTa compressor block header (uncompressed and compressed lengths, their check sum, LZMA props)."""
    ulen, clen = 419_435, 384_208
    crc = (ulen * 19991 + clen * 199999991 + 1234567890) & 0xFFFFFFFF
    block = struct.pack("<III", ulen, clen, crc) + b"\x5d\x00\x00\x00\x01" + bytes(range(256)) * 4
    path.write_bytes(bytes([18]) + b"morphodita_parsito" + b"\x03\x7f\x7f\x01\x03\x02" + block)
    return path


def test_udpipe_model_is_read_and_names_no_family(tmp_path: Path) -> None:
    rec = inspect_path(_udpipe(tmp_path / "m"))
    assert rec["format"] == "udpipe"
    assert _fam(rec) is None and _pub(rec) == (None, None)


def test_real_udpipe_models_name_no_family() -> None:
    for pkg, member in (("udkanbun-1.5.3", "udkanbun/ud-kanbun.udpipe"),
                        ("spacy-thai-0.7.8", "spacy_thai/ud-thai.udpipe")):
        rec = inspect_path(real_file(pkg, member))
        assert rec["format"] == "udpipe" and _fam(rec) is None, member
