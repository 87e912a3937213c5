"""A safetensors file that holds a handful of values is a tensor reader's test fixture, not a model (tuneB32): a few
numbers to check shapes and dtypes against (``Tests/Resources/tensor-2d-float64.safetensors``, 128 bytes), which no
network has as its weights. A real weights file, however small its network, holds more values than fit in 4 KiB and is
still reported by its name. The files are written by the test in the safetensors layout (header length, JSON header,
little-endian data)."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import modelmap
from modelmap.discover.model_files import tensor_fixture


def _safetensors(tensors: dict[str, tuple[str, list[int]]]) -> bytes:
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    data = b""
    for name, (dtype, shape) in tensors.items():
        count = 1
        for d in shape:
            count *= d
        raw = struct.pack(f"<{count}f", *([0.5] * count)) if dtype == "F32" else struct.pack(f"<{count}d", *([0.5] * count))
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    blob = json.dumps(header).encode()
    return struct.pack("<Q", len(blob)) + blob + data


def _found(tmp_path: Path) -> set[str]:
    return {f.raw for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"}


def test_tiny_tensor_files_are_fixtures(tmp_path: Path) -> None:
    res = tmp_path / "Tests" / "ModelsTests" / "Resources"
    res.mkdir(parents=True)
    (res / "tensor-2d-float64.safetensors").write_bytes(_safetensors({"x": ("F64", [2, 3])}))
    (res / "tensor-4d-float32.safetensors").write_bytes(_safetensors({"x": ("F32", [1, 2, 2, 3])}))
    weights = tmp_path / "models" / "tiny-lm"
    weights.mkdir(parents=True)
    # a small network's weights: 64 x 32 embeddings and a 32 x 64 head, more values than a 4 KiB file holds
    (weights / "model.safetensors").write_bytes(
        _safetensors({"embed.weight": ("F32", [64, 32]), "lm_head.weight": ("F32", [32, 64])}))
    got = _found(tmp_path)
    assert "Tests/ModelsTests/Resources/tensor-2d-float64.safetensors" not in got
    assert "Tests/ModelsTests/Resources/tensor-4d-float32.safetensors" not in got
    assert "models/tiny-lm/model.safetensors" in got


def test_tensor_fixture_reads_only_whole_safetensors_headers() -> None:
    assert tensor_fixture(_safetensors({"a": ("F32", [4]), "b": ("F32", [2, 2])}))
    assert not tensor_fixture(_safetensors({"a": ("F32", [40, 40])})[:200])  # 1,600 values declared
    assert not tensor_fixture(b"GGUF" + b"\x00" * 60)  # another format
    assert not tensor_fixture(struct.pack("<Q", 500) + b'{"a": ')  # the header is cut off
