"""inspect15: protocol 0 / 1 pickles (no PROTO opcode; Python 2 era files such as jieba's HMM tables) are read for
their keys and imports like any pickle, never loaded. Fixtures are pickle.dumps with protocol 0 / 1 and a hand-written
protocol-0 payload; no held-out file is used."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.pickle import PickleReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path


@pytest.mark.parametrize("protocol", [0, 1])
def test_old_protocol_pickles_are_read_for_keys_and_imports(tmp_path: Path, protocol: int) -> None:
    f = tmp_path / "p"
    f.write_bytes(pickle.dumps({"B": {"x": -1.5}, "E": {}, "M": {}, "S": {"y": -2.0}}, protocol=protocol))
    reader = reader_for(f)
    assert reader is not None and reader.id == "pickle"
    props = reader.read(f).metadata["format_props"]
    assert props["pickle.keys"] == "B|E|M|S" and props["pickle.imports"] == ""
    assert inspect_path(f)["family"]["id"] == "jieba"  # jieba's finalseg HMM table layout


def test_protocol0_payload_with_a_global_is_flagged(tmp_path: Path) -> None:
    f = tmp_path / "evil"
    f.write_bytes(b"cos\nsystem\n(S'echo hi'\ntR.")  # never loaded: only its opcodes are read
    reader = reader_for(f)
    assert reader is not None and reader.id == "pickle"
    info = reader.read(f)
    assert "os.system" in info.metadata["pickle_imports"]
    assert info.security and info.security[0]["severity"] in ("high", "critical")


def test_hmm_keys_in_another_order_or_with_imports_are_not_jieba(tmp_path: Path) -> None:
    f = tmp_path / "p"
    f.write_bytes(pickle.dumps({"S": 0, "M": 1, "E": 2, "B": 3}, protocol=0))
    assert not (inspect_path(f).get("family") or {}).get("id")


@pytest.mark.parametrize("head", [b"cat\ndog\nSun\n", b"(d not a pickle\n", b"(dp0\n", b"c\nx\n(", b"}q\x00"])
def test_text_and_cut_streams(tmp_path: Path, head: bytes) -> None:
    """Text that is no pickle is not taken for one; a sniffed but cut or broken stream is a ReadError, never a
    crash."""
    f = tmp_path / "t"
    f.write_bytes(head)
    if not PickleReader().sniff(head):
        return
    with pytest.raises(ReadError):
        PickleReader().read(f)
