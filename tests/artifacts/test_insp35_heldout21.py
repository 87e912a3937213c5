"""insp35 (session 35, on the opened inspect held-out-21): what the bytes of four on-device vision models say.

* MediaPipe Hands' landmark model named by its heads' tensor scopes (conv_handflag, conv_handedness) beside the 21 x 3
  landmark output - a release whose converter left no record of its Keras model was unknown;
* MediaPipe Hands' palm detector named by the converter's record of its Keras model ('palmdetector_...', a claim);
* PaddleOCR's SLANet table structure recognisers (ONNX): the table-structure dictionary the export carries as its
  classes (metadata_props 'character') beside SLAHead's structure / box outputs;
* Tesseract traineddata: the version string of Google's official training runs (synth20170629, best2int2018032N)
  names Google; any other version string names the toolkit only; a file cut short is read up to the cut.

Every fixture is built here (FlatBuffer / protobuf / traineddata bytes written by the tests); no set file is used.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from modelmap.artifacts.ocrlang import TesseractReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from tests.artifacts.test_classic_heldout4_formats import tflite_bytes
from tests.artifacts.test_insp34_vision import _tflite
from tests.artifacts.test_inspect20_speech import _fam, _pub
from tests.artifacts.test_inspect26_heldout11 import _onnx
from tests.artifacts.test_inspect28_heldout13 import _UNICHARSET, _traineddata

# --- MediaPipe Hands ---------------------------------------------------------------------------------------------

_HEADS = [b"model/model/conv_handflag/MatMul;model/model/conv_handflag/BiasAdd",
          b"model/model/conv_handedness/MatMul;model/model/conv_handedness/BiasAdd",
          b"model/model/batch_normalization_3/FusedBatchNormV3", b"model/model/depthwise_conv2d_7/depthwise"]
_IN = [(b"input_1", 0, [1, 224, 224, 3])]
_OUT = [(b"Identity", 0, [1, 63]), (b"Identity_1", 0, [1, 1]), (b"Identity_2", 0, [1, 1])]


def test_hand_landmark_named_by_its_heads(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(_tflite(_IN, _OUT, _HEADS))
    rec = inspect_path(f)
    assert (_fam(rec), *_pub(rec)) == ("mediapipe-hands", "google", "US")
    assert rec["family"]["signals"] == ["structure"]
    # the world-landmark output of later releases (a fourth output, 1 x 63) changes nothing
    g = tmp_path / "g"
    g.write_bytes(_tflite(_IN, [*_OUT, (b"Identity_3", 0, [1, 63])], _HEADS))
    assert _fam(inspect_path(g)) == "mediapipe-hands"


def test_hand_heads_alone_or_other_outputs_are_not_mediapipe(tmp_path: Path) -> None:
    # one head without the other (a hand-presence classifier of one's own)
    f = tmp_path / "a"
    f.write_bytes(_tflite(_IN, _OUT, [n for n in _HEADS if b"handedness" not in n]))
    assert _fam(inspect_path(f)) is None
    # both heads, but 2-D landmarks (21 x 2) instead of MediaPipe's 21 x 3
    g = tmp_path / "b"
    g.write_bytes(_tflite(_IN, [(b"Identity", 0, [1, 42]), *_OUT[1:]], _HEADS))
    assert _fam(inspect_path(g)) is None
    # a name that only contains the head's name is not the scope
    h = tmp_path / "c"
    h.write_bytes(_tflite(_IN, _OUT, [n.replace(b"conv_handflag", b"conv_handflag2") for n in _HEADS]))
    assert _fam(inspect_path(h)) is None


def test_palm_detector_named_by_the_converter_record(tmp_path: Path) -> None:
    f = tmp_path / "p"
    f.write_bytes(tflite_bytes(blob=b"MSMD (location //tools:keras2tflite) (location palmdetector_2019_01_01_v0.hdf5)"))
    rec = inspect_path(f)
    assert (_fam(rec), *_pub(rec)) == ("mediapipe-hands", "google", "US")
    assert rec["family"]["signals"] == ["name-claim"]
    g = tmp_path / "q"  # someone's own detector, converted the same way
    g.write_bytes(tflite_bytes(blob=b"(location my_palm_detector_v2.hdf5)"))
    assert _fam(inspect_path(g)) is None


# --- PaddleOCR SLANet ----------------------------------------------------------------------------------------------

_EN = ["<thead>", "<tr>", "<td>", "</td>", "</tr>", "</thead>", "<tbody>", "</tbody>", "<td", ' colspan="5"', ">",
       *[f' colspan="{n}"' for n in (2, 3, 4, 6, 7, 8, 9, 10)], *[f' rowspan="{n}"' for n in range(2, 11)]]
_CH = ["<thead>", "</thead>", "<tbody>", "</tbody>", "<tr>", "</tr>", "<td", ">", "</td>",
       *[f' colspan="{n}"' for n in range(2, 21)], *[f' rowspan="{n}"' for n in range(2, 21)], "<td></td>"]
_MASTER = ["<thead>", "<tr>", "<td></td>", "</tr>", "</thead>", "<tbody>", "<eb></eb>", "</tbody>", "<td", ">", "</td>",
           *[f' colspan="{n}"' for n in range(2, 11)], *[f' rowspan="{n}"' for n in range(2, 11)]]


def _table(path: Path, chars: list[str], loc: int, steps: int | str) -> Path:
    return _onnx(path, {"x": ["N", 3, "H", "W"]},
                 {"loc": ["N", steps, loc], "structure": ["N", steps, len(chars) + 2]},
                 graph_name="Model from PaddlePaddle.", producer=b"PaddlePaddle", props={"character": "\n".join(chars)})


def test_slanet_english_and_chinese_dictionaries(tmp_path: Path) -> None:
    en = inspect_path(_table(tmp_path / "en", _EN, 4, 501))
    assert (_fam(en), *_pub(en)) == ("slanet", "baidu", "CN")
    ch = inspect_path(_table(tmp_path / "ch", _CH, 8, "L"))
    assert (_fam(ch), *_pub(ch)) == ("slanet", "baidu", "CN")


def test_other_table_models_are_not_slanet(tmp_path: Path) -> None:
    # TableMaster's dictionary (no bare <td>, spans to 10, <eb></eb> tokens) on the same outputs
    assert _fam(inspect_path(_table(tmp_path / "m", _MASTER, 4, 501))) is None
    # the English dictionary decoded over another step count (not SLAHead's 501)
    assert _fam(inspect_path(_table(tmp_path / "s", _EN, 4, 801))) is None
    # the Chinese dictionary with 4 box coordinates, and the English one with 8
    assert _fam(inspect_path(_table(tmp_path / "c4", _CH, 4, "L"))) is None
    assert _fam(inspect_path(_table(tmp_path / "e8", _EN, 8, 501))) is None
    # the outputs without any dictionary
    assert _fam(inspect_path(_table(tmp_path / "n", ["a", "b", "c"], 4, 501))) is None


# --- Tesseract ---------------------------------------------------------------------------------------------------

_OFFICIAL = ["4.00.00alpha:eng:synth20170629:[1,36,0,1Ct3,3,16Mp3,3Lfys64Lfx96Lrx96Lfx512O1c1]",
             "4.00.00alpha:Arabic:synth20170629", "Pre-4.0.0+4.00.00alpha:deu:best2int20180322",
             "Pre-4.0.0+Pre-4.0.0:best2int20180321"]
_OTHER = ["4.1.1:eng:[1,36,0,1Ct3,3,16Mp3,3Lfys64Lfx96Lrx96Lfx256O1c1]", "5.3.0:myfont",
          "4.00.00alpha:eng:synth20170629:mytune:extra", "4.00.00alpha:eng:synth20200101"]


def _lstm_file(path: Path, version: str) -> Path:
    return _traineddata(path, {17: b"\x01" * 256, 21: _UNICHARSET, 22: b"\x02" * 32, 23: version.encode()})


@pytest.mark.parametrize("version", _OFFICIAL)
def test_official_run_names_google(tmp_path: Path, version: str) -> None:
    rec = inspect_path(_lstm_file(tmp_path / "t", version))
    assert (_fam(rec), *_pub(rec)) == ("tesseract", "google", "US")


@pytest.mark.parametrize("version", _OTHER)
def test_other_version_strings_name_the_toolkit_only(tmp_path: Path, version: str) -> None:
    rec = inspect_path(_lstm_file(tmp_path / "t", version))
    assert _fam(rec) == "tesseract" and _pub(rec) == (None, None)


def test_truncated_traineddata_reads_up_to_the_cut(tmp_path: Path) -> None:
    whole = _traineddata(tmp_path / "w", {0: b"# CJK mode\n", 1: _UNICHARSET, 3: b"\x00" * 4000, 17: b"\x01" * 4000,
                                          23: _OFFICIAL[0].encode()}).read_bytes()
    cut = tmp_path / "c"
    cut.write_bytes(whole[:len(whole) - 6000])  # inside inttemp: the LSTM and the version lie past the end
    info = TesseractReader().read(cut)
    assert info.metadata["truncated_at"] == len(whole) - 6000
    assert info.metadata["format_props"]["tesseract.components"] == "lang-config unicharset inttemp"
    assert "tesseract.version" not in info.metadata["format_props"]
    assert any(n.startswith("partial read") and "lstm, version" in n for n in info.notes)
    rec = inspect_path(cut)
    assert _fam(rec) == "tesseract" and _pub(rec) == (None, None)  # the run name was past the cut
    assert [s["reason"] for s in rec["skipped"]] == ["partial-read"]
    # cut inside the offset table, or inside the unicharset's count line: not read
    for n in (100, 4 + 8 * 24 + 12):
        short = tmp_path / f"s{n}"
        short.write_bytes(whole[:n])
        with pytest.raises(ReadError):
            TesseractReader().read(short)


def test_a_table_with_nothing_after_it_is_not_read(tmp_path: Path) -> None:
    table = struct.pack("<i24q", 24, -1, 196, 300, *([-1] * 21))
    assert TesseractReader().sniff(table)  # the head alone is a plausible table ...
    f = tmp_path / "t"
    f.write_bytes(table)
    with pytest.raises(ReadError):  # ... but no component starts inside the file
        TesseractReader().read(f)
