"""inspect15: PaddlePaddle 3 programs in PIR's JSON form (inference.json: base_code.magic 'pir', program regions ->
blocks -> ops; 'p' parameters, '1.data' feeds, '1.fetch' fetches). Fixtures are small programs written here in that
layout; no held-out file is used."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from modelmap.artifacts import DEFAULT_LIMITS, Limits, reader_for
from modelmap.artifacts.classic import PaddlePirReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path


def tensor(dims: list[int]) -> dict[str, Any]:
    return {"%": 1, "TT": {"#": "0.t_dtensor", "D": [{"#": "0.t_f32"}, dims, "NCHW", [], 0]}}


def param(name: str, dims: list[int]) -> dict[str, Any]:
    return {"#": "p", "A": [0, 1, 1, name], "DA": [], "O": tensor(dims), "OA": [1, 0, 1], "QA": []}


def io(kind: str, name: str, dims: list[int]) -> dict[str, Any]:
    return {"#": f"1.{kind}", "A": [{"AT": {"#": "0.a_str", "D": name}, "N": "name"}], "I": [], "O": [tensor(dims)]}


def program(ops: list[dict[str, Any]]) -> bytes:
    return json.dumps({"base_code": {"magic": "pir", "trainable": True, "version": 1},
                       "program": {"regions": [{"#": "region_0", "blocks": [{"#": "block_0", "args": [],
                                                                             "ops": ops}]}]}}).encode()


DET = [param("conv2d_0.w_0", [16, 3, 3, 3]), io("data", "x", [-1, 3, -1, -1]), {"#": "1.conv2d", "A": []},
       {"#": "1.sigmoid", "A": []}, io("fetch", "fetch_name_0", [-1, 1, -1, -1])]


def test_ppocr_detection_program(tmp_path: Path) -> None:
    f = tmp_path / "j"
    f.write_bytes(program(DET))
    assert reader_for(f).id == "paddle-pir"  # type: ignore[union-attr]
    info = PaddlePirReader().read(f)
    assert info.format == "paddle-program" and info.tensors[0].shape == (16, 3, 3, 3)
    assert info.metadata["graph_input_shapes"] == {"x": [None, 3, None, None]}
    assert info.metadata["format_props"]["paddle.ops"] == "conv2d data fetch sigmoid"
    rec = inspect_path(f)
    assert rec["family"]["id"] == "pp-ocr" and rec["publisher"]["id"] == "baidu"


def test_ppocrv5_recognition_program_by_its_classifier(tmp_path: Path) -> None:
    f = tmp_path / "j"
    f.write_bytes(program([param("linear_1.w_0", [120, 18385]), io("data", "x", [-1, 3, 48, -1]),
                           io("fetch", "fetch_name_0", [-1, -1, 18385])]))
    assert inspect_path(f)["family"]["id"] == "pp-ocrv5"


def test_other_programs_name_nothing(tmp_path: Path) -> None:
    f = tmp_path / "j"
    f.write_bytes(program([param("w", [10, 10]), io("data", "image", [-1, 3, 224, 224]),
                           io("fetch", "out", [-1, 1000])]))
    assert not (inspect_path(f).get("family") or {}).get("id")


@pytest.mark.parametrize("blob", [
    b'{"base_code": {"magic": "pir"}, "program": {"regions": 5}}',
    b'{"base_code": {"magic": "pir"}, "program": {"regions": [{"blocks": [{"ops": []}]}]}}',
    b'{"base_code": {"magic": "pir"}, "program": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b'{"base_code": {"magic": "pir", ',
])
def test_hostile_programs(tmp_path: Path, blob: bytes) -> None:
    f = tmp_path / "h"
    f.write_bytes(blob)
    with pytest.raises(ReadError):
        PaddlePirReader().read(f)


def test_op_cap(tmp_path: Path) -> None:
    f = tmp_path / "j"
    f.write_bytes(program([{"#": "1.add", "A": []}] * 50))
    with pytest.raises(ReadError):
        PaddlePirReader().read(f, Limits(max_graph_entries=10))
    assert PaddlePirReader().read(f, DEFAULT_LIMITS).metadata["format_props"]["paddle.ops"] == "add"
