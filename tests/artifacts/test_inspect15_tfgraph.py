"""inspect15: TensorFlow frozen GraphDefs read for their node names (graph.proto GraphDef 1 = NodeDef; node_def.proto
NodeDef 1 name, 2 op, 3 input). Fixtures are GraphDefs built here with the protobuf wire encoding, shaped as FoolNLTK's
fool/model.py reads its graphs; no held-out file is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts import DEFAULT_LIMITS, Limits, reader_for
from modelmap.artifacts.tfgraph import TFGraphReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from tests.artifacts.protobuf import field


def node(name: str, op: str, *inputs: str, value: bytes = b"") -> bytes:
    body = field(1, name.encode()) + field(2, op.encode()) + b"".join(field(3, i.encode()) for i in inputs)
    if value:
        body += field(5, field(1, b"value") + field(2, value))  # attr map entry, skipped by length
    return field(1, body)


def fool_graph(weights: int = 64) -> bytes:
    return (node("Const_1", "Const") + node("char_embeding", "Const", value=b"\x00" * weights)
            + node("char_inputs", "Placeholder") + node("lengths", "Placeholder") + node("dropout", "Placeholder")
            + node("embedding_lookup", "Gather", "char_embeding", "char_inputs")
            + node("crf_loss/transitions", "Const") + node("project/logits", "BiasAdd", "embedding_lookup", "^dropout"))


def test_foolnltk_graph_by_its_feeds_and_embedding(tmp_path: Path) -> None:
    f = tmp_path / "g"
    f.write_bytes(fool_graph())
    assert reader_for(f).id == "tf-graphdef"  # type: ignore[union-attr]
    props = TFGraphReader().read(f).metadata["format_props"]
    assert props["tf.inputs"] == "char_inputs dropout lengths"
    assert props["tf.outputs"] == "project/logits"  # consumed by nothing; Consts and feeds are not outputs
    assert props["tf.consts"] == "Const_1 char_embeding"  # root scope only
    rec = inspect_path(f)
    assert rec["family"]["id"] == "foolnltk" and rec["publisher"]["id"] == "rockyzhengwu"


def test_other_graph_is_the_format_only(tmp_path: Path) -> None:
    f = tmp_path / "g"
    f.write_bytes(node("input", "Placeholder") + node("w", "Const") + node("out", "MatMul", "input", "w"))
    assert TFGraphReader().read(f).format == "tf-graphdef"
    assert not (inspect_path(f).get("family") or {}).get("id")


def test_cut_graph_claims_no_outputs(tmp_path: Path) -> None:
    f = tmp_path / "g"
    f.write_bytes(fool_graph(weights=4096)[:200])  # cut inside char_embeding's weights
    info = TFGraphReader().read(f)
    assert "tf.outputs" not in info.metadata["format_props"]
    assert any("truncated" in n for n in info.notes)
    assert not (inspect_path(f).get("family") or {}).get("id")  # the feeds were never read


def test_sentencepiece_model_is_not_a_graph() -> None:
    piece = field(1, b"<unk>") + b"\x15\x00\x00\x00\x00" + b"\x18\x02"  # piece, float score, type
    head = field(1, piece) * 4
    assert not TFGraphReader().sniff(head)
    assert TFGraphReader().sniff(fool_graph()[:256])


@pytest.mark.parametrize("blob", [
    b"\x0a\x05\x0a\x03a b\x12\x05Const",  # a node name with a space
    b"\x0a\x09\x0a\x01a\x12\x04c0st",  # an op not shaped as a TF op
    b"\x0a\xff\xff\xff\xff\x0f\x0a\x01a\x12\x05Const" + b"\x00" * 8,  # a node claiming 4 GiB
])
def test_hostile_graphs(tmp_path: Path, blob: bytes) -> None:
    f = tmp_path / "h"
    f.write_bytes(blob)
    if TFGraphReader().sniff(blob):
        info = TFGraphReader().read(f)  # read as cut: what is there, never more
        assert any("truncated" in n for n in info.notes)
    else:
        with pytest.raises(ReadError):
            TFGraphReader().read(f)


def test_node_cap(tmp_path: Path) -> None:
    f = tmp_path / "g"
    f.write_bytes(b"".join(node(f"n{i}", "Const") for i in range(50)))
    info = TFGraphReader().read(f, Limits(max_graph_entries=10))
    assert info.metadata["format_props"]["tf.nodes"] == 10 and any("first 10" in n for n in info.notes)
    assert TFGraphReader().read(f, DEFAULT_LIMITS).metadata["format_props"]["tf.nodes"] == 50
