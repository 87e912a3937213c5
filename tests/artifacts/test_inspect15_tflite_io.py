"""inspect15: a TFLite model's main subgraph inputs and outputs (schema.fbs SubGraph 0 tensors, 1 inputs, 2 outputs;
Tensor 0 shape, 1 type, 3 name) as props, and the wake-word models they identify. Fixtures are FlatBuffers built here
with the test writer of test_classic_heldout4_formats; no held-out file is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts.classic import TFLiteReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from tests.artifacts.test_classic_heldout4_formats import FB

Spec = tuple[bytes, int, list[int]]  # name, TensorType, shape


def tflite_io(inputs: list[Spec], outputs: list[Spec], bad_index: int | None = None) -> bytes:
    fb = FB(b"TFL3")
    model, ms = fb.table({0: 3, 2: None})
    sg_vec, sg_slots = fb.vector(1)
    fb.link(ms[2], sg_vec)
    sg, sgs = fb.table({0: None, 1: None, 2: None, 4: None})
    fb.link(sg_slots[0], sg)
    fb.link(sgs[4], fb.string(b"main"))
    specs = inputs + outputs
    tvec, tslots = fb.vector(len(specs))
    fb.link(sgs[0], tvec)
    for slot, (name, ttype, shape) in zip(tslots, specs, strict=True):
        t, ts = fb.table({0: None, 1: ttype, 3: None})
        fb.link(slot, t)
        svec, sslots = fb.vector(len(shape))
        fb.link(ts[0], svec)
        for s, d in zip(sslots, shape, strict=True):
            fb.put(s, d & 0xFFFFFFFF)
        fb.link(ts[3], fb.string(name))
    for field, indices in ((1, range(len(inputs))), (2, range(len(inputs), len(specs)))):
        ivec, islots = fb.vector(len(indices))
        fb.link(sgs[field], ivec)
        for s, i in zip(islots, indices, strict=True):
            fb.put(s, bad_index if bad_index is not None else i)
    return fb.root(model)


def test_io_props(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(tflite_io([(b"serving_default_x", 0, [1, 16, 96])], [(b"PartitionedCall:0", 0, [1, 1])]))
    props = TFLiteReader().read(f).metadata["format_props"]
    assert props["tflite.inputs"] == "serving_default_x:float32:1x16x96"
    assert props["tflite.outputs"] == "PartitionedCall:0:float32:1x1"
    rec = inspect_path(f)
    assert rec["family"]["id"] == "openwakeword" and rec["publisher"]["id"] == "dscripka"


def test_microwakeword_streaming_shape(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(tflite_io([(b"input_audio", 9, [1, 3, 40])], [(b"out", 3, [1, 1])]))
    assert inspect_path(f)["family"]["id"] == "microwakeword"


@pytest.mark.parametrize(("inputs", "outputs"), [
    ([(b"x", 0, [1, 16, 80])], [(b"y", 0, [1, 2])]),  # not the 96-wide embedding (several classes out are
    # openWakeWord's too: its model.py reads the class count from the output shape, timer_v0.1.tflite has 7)
    ([(b"x", 0, [1, 16, 96]), (b"z", 0, [1])], [(b"y", 0, [1, 1])]),  # a second input
    ([(b"x", 9, [1, 3, 40])], [(b"y", 9, [1, 1])]),  # int8 out
    ([(b"x", 0, [-1, 224, 224, 3])], [(b"y", 0, [-1, 1000])]),  # an image classifier, dynamic batch
])
def test_other_models_name_nothing(tmp_path: Path, inputs: list[Spec], outputs: list[Spec]) -> None:
    f = tmp_path / "m"
    f.write_bytes(tflite_io(inputs, outputs))
    assert not (inspect_path(f).get("family") or {}).get("id")
    if inputs[0][2][0] == -1:
        assert TFLiteReader().read(f).metadata["format_props"]["tflite.inputs"] == "x:float32:-1x224x224x3"


def test_tensor_index_out_of_range_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(tflite_io([(b"x", 0, [1, 16, 96])], [(b"y", 0, [1, 1])], bad_index=7))
    with pytest.raises(ReadError):
        TFLiteReader().read(f)
