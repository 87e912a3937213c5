"""inspect15: PaddlePaddle combined parameter files (.pdiparams / __params__: LoDTensors back to back, lod_tensor.cc
SerializeToStream each) read header by header, the data skipped by its declared size. Fixtures are written here with
test_classic_heldout4_formats' paddle_tensor layout; no held-out file is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts import Limits, reader_for
from modelmap.artifacts.classic import PaddleTensorReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from tests.artifacts.test_classic_heldout4_formats import paddle_tensor


def test_combined_parameters_list_every_shape(tmp_path: Path) -> None:
    f = tmp_path / "p"
    f.write_bytes(paddle_tensor([16]) + paddle_tensor([16, 3, 3, 3]) + paddle_tensor([18385])
                  + paddle_tensor([120, 18385], cut=64))  # cut inside the last tensor's data
    assert isinstance(reader_for(f), PaddleTensorReader)
    info = PaddleTensorReader().read(f)
    assert info.format == "paddle-params"
    assert [t.shape for t in info.tensors] == [(16,), (16, 3, 3, 3), (18385,), (120, 18385)]
    assert "cut" in info.notes[0]
    rec = inspect_path(f)
    assert rec["family"]["id"] == "pp-ocrv5" and rec["publisher"]["id"] == "baidu"


def test_other_classifier_width_names_nothing(tmp_path: Path) -> None:
    f = tmp_path / "p"
    f.write_bytes(paddle_tensor([16]) + paddle_tensor([120, 6624]))  # a class count no known OCR dictionary has
    assert PaddleTensorReader().read(f).format == "paddle-params"
    assert not (inspect_path(f).get("family") or {}).get("id")


@pytest.mark.parametrize("tail", [b"\x00" * 9, b"\x01" + b"\x00" * 40, paddle_tensor([4], dtype=99)])
def test_junk_after_a_tensor_is_refused(tmp_path: Path, tail: bytes) -> None:
    f = tmp_path / "p"
    f.write_bytes(paddle_tensor([30, 8]) + tail)
    with pytest.raises(ReadError):
        PaddleTensorReader().read(f)


def test_tensor_cap(tmp_path: Path) -> None:
    f = tmp_path / "p"
    f.write_bytes(paddle_tensor([2]) * 20)
    with pytest.raises(ReadError):
        PaddleTensorReader().read(f, Limits(max_items=5))
    assert len(PaddleTensorReader().read(f).tensors) == 20
