"""inspect15: DyNet's text model format (dynet/io.cc TextFileSaver: '#Parameter# <name> {<dims>} <bytes> ZERO_GRAD'
then <bytes> of values). Fixtures are written here in that layout with nagisa model.py's table shapes; no held-out
file is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.classic import DyNetReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path


def param(name: str, dims: tuple[int, ...], lookup: bool = False, values: int = 3) -> bytes:
    data = (" ".join(["+1.0e-01"] * values) + "\n").encode()
    kind = "LookupParameter" if lookup else "Parameter"
    return f"#{kind}# {name} {{{','.join(map(str, dims))}}} {len(data)} ZERO_GRAD\n".encode() + data


NAGISA = (param("/birnn/vanilla-lstm-builder/_0", (200, 200)) + param("/_5", (6, 100)) + param("/_6", (6,))
          + param("/_8", (24, 100)) + param("/_0", (32, 3090), True) + param("/_1", (16, 82114), True, values=50))


def test_nagisa_tables(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(NAGISA)
    assert reader_for(f).id == "dynet"  # type: ignore[union-attr]
    info = DyNetReader().read(f)
    assert [t.shape for t in info.tensors][-2:] == [(32, 3090), (16, 82114)]
    assert info.metadata["format_props"] == {"dynet.parameters": 4, "dynet.lookups": 2}
    rec = inspect_path(f)
    assert rec["family"]["id"] == "nagisa" and rec["publisher"]["id"] == "taishi-i"


def test_cut_inside_the_last_values(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(NAGISA[:-100])
    info = DyNetReader().read(f)
    assert len(info.tensors) == 6 and any("cut" in n for n in info.notes)
    assert inspect_path(f)["family"]["id"] == "nagisa"


def test_other_dynet_model_names_nothing(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(param("/_0", (64, 1000), True) + param("/_1", (10, 64)))
    assert DyNetReader().read(f).format == "dynet"
    assert not (inspect_path(f).get("family") or {}).get("id")


@pytest.mark.parametrize("blob", [
    b"#Parameter# /_0 {2,2} 4 ZERO_GRAD\n1 2\nnot a header\n",  # the declared length lands on junk
    b"#Parameter# /_0 {2,2} 4 ZERO_GRAD\n1 2\n" + b"x" * 600,  # an over-long line where a header should be
    b"#Parameter# /_0 {2,2} 4 SOME_GRAD\n1 2\n",  # not DyNet's flag: not sniffed
])
def test_hostile(tmp_path: Path, blob: bytes) -> None:
    f = tmp_path / "h"
    f.write_bytes(blob)
    with pytest.raises(ReadError):
        DyNetReader().read(f)
