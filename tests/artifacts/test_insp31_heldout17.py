"""insp31 (the opened inspect held-out-17): what the bytes say, and what they do not.

* A SentencePiece ModelProto whose spec fields come before its pieces (MaxText's Gemma 4 model) is still read;
* Gemma (1 / 2) by its published layout (256,000 BPE pieces, pad 0 / eos 1 / bos 2 / unk 3, <start_of_turn> /
  <end_of_turn>) and Gemma 4 by the control tokens Google introduced with it, on Gemma 3's vocabulary;
* DTLN and GTCRN by the ONNX interface their authors' export scripts write;
* a spaCy component's weights alone name no family (spaCy is the framework); with the pipeline's meta.json the
  family is the pipeline's own name.

Synthetic files always run (each assertion fails without the change).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from modelmap.artifacts import reader_for
from modelmap.artifacts.tokenizer import sniff_kind
from modelmap.inspect import inspect_path
from tests.artifacts.test_inspect26_heldout11 import _onnx
from tests.artifacts.test_inspect30_layouts import _lf, _spm, _vf


def _who(path: Path) -> tuple[str | None, str | None]:
    rec: dict[str, Any] = inspect_path(path)
    return (rec.get("family") or {}).get("id"), (rec.get("publisher") or {}).get("id")


# --- SentencePiece: spec fields first -------------------------------------------------------------------------------

def _specs_first(model: bytes) -> bytes:
    """The same ModelProto with a normalizer spec and its trainer spec written before the pieces (field order is free
    in protobuf; MaxText's tokenizer_gemma4.model is written so)."""
    pieces, i = b"", 0
    while model[i] == 0x0A:  # the pieces come first in _spm's output, then one trainer spec (field 2)
        n, j = model[i + 1], i + 2
        if n & 0x80:
            n, j = (n & 0x7F) | (model[i + 2] << 7), i + 3
        pieces += model[i:j + n]
        i = j + n
    normalizer = _lf(3, _lf(1, b"identity") + _vf(7, 0))
    return normalizer + model[i:] + pieces


def test_sentencepiece_with_specs_before_the_pieces_is_read(tmp_path: Path) -> None:
    plain = _spm([("<unk>", 2), ("<s>", 3), ("</s>", 3)] + [(f"\u2581w{i}", 1) for i in range(2000)],
                 ids=(0, 1, 2, -1), inp="/data/corpus.txt")
    p = tmp_path / "m"
    p.write_bytes(_specs_first(plain))
    assert p.read_bytes()[0] == 0x1A and sniff_kind(p.read_bytes()[:256]) == "sentencepiece"
    assert reader_for(p).id == "tokenizer"  # type: ignore[union-attr]
    rec = inspect_path(p)
    assert rec["format"] == "tokenizer:sentencepiece"
    # a spec field that is not a SentencePiece one (field 6), or a piece that does not open with its string, is not
    assert sniff_kind(_lf(6, b"xx") + plain[:200]) is None
    assert sniff_kind(_lf(3, b"identity") + _lf(1, _vf(3, 1) + _lf(1, b"a"))) is None


# --- Gemma 1 / 2 and Gemma 4 ------------------------------------------------------------------------------------------

def _gemma_pieces(total: int, turn: bool = True) -> list[tuple[str, int]]:
    head = [("<pad>", 3), ("<eos>", 3), ("<bos>", 3), ("<unk>", 2), ("<mask>", 4)]
    head += [(f"<unused{i}>", 4) for i in range(99)]
    if turn:
        head += [("<start_of_turn>", 4), ("<end_of_turn>", 4)]
    return head + [(f"\u2581w{i}", 1) for i in range(total - len(head))]


def test_synthetic_gemma_spm_by_layout(tmp_path: Path) -> None:
    g = tmp_path / "g"
    g.write_bytes(_spm(_gemma_pieces(256000), mtype=2, ids=(3, 2, 1, 0)))
    assert _who(g) == ("gemma", "google")
    # without Gemma's turn markers, as a unigram model, or with SentencePiece's default ids: not named
    for name, data in (("a", _spm(_gemma_pieces(256000, turn=False), mtype=2, ids=(3, 2, 1, 0))),
                       ("b", _spm(_gemma_pieces(256000), mtype=1, ids=(3, 2, 1, 0))),
                       ("c", _spm(_gemma_pieces(256000), mtype=2, ids=(0, 1, 2, -1))),
                       ("d", _spm(_gemma_pieces(256001), mtype=2, ids=(3, 2, 1, 0)))):
        f = tmp_path / name
        f.write_bytes(data)
        assert _who(f)[0] is None, name


def test_gemma4_control_tokens_on_gemma3s_vocabulary() -> None:
    from modelmap.artifacts.identify import Observation, fingerprint_entry, rank

    g3 = fingerprint_entry("gemma3")
    base = Observation(vocab_hashes={h: "t" for h in g3["vocab_hashes"]}, specials=set(g3["special_tokens"]))
    assert rank(base)[0]["family"] == "gemma3"  # Gemma 3's tokenizer stays Gemma 3's
    g4 = Observation(vocab_hashes=dict(base.vocab_hashes),
                     specials=set(g3["special_tokens"]) - {"<start_of_turn>", "<end_of_turn>"}
                     | {"<|turn>", "<turn|>", "<|think|>", "<|channel>", "<channel|>", "<|tool_call>", "<tool_call|>",
                        '<|"|>', "<|image>", "<image|>", "<|audio>", "<audio|>"})
    ranked = rank(g4)
    assert ranked[0]["family"] == "gemma4" and ranked[0]["score"] - ranked[1]["score"] > 0.02
    # one of the required tokens missing: not Gemma 4
    partial = Observation(vocab_hashes=dict(base.vocab_hashes), specials=set(g4.specials) - {"<|think|>"})
    assert rank(partial)[0]["family"] == "gemma3"


# --- DTLN / GTCRN ---------------------------------------------------------------------------------------------------

def test_synthetic_dtln_stages(tmp_path: Path) -> None:
    one = _onnx(tmp_path / "1", {"input_2": [1, 1, 257], "input_3": [1, 2, 128, 2]},
                {"activation_2": [1, 1, 257], "tf_op_layer_stack_2": [1, 2, 128, 2]}, "model_1", b"OnnxMLTools")
    two = _onnx(tmp_path / "2", {"input_4": [1, 1, 512], "input_5": [1, 2, 128, 2]},
                {"conv1d_3": ["N", 1, 512], "tf_op_layer_stack_5": ["N", 2, 128, 2]}, "model_2", b"OnnxMLTools")
    for f in (one, two):
        rec = inspect_path(f)
        assert (rec["family"] or {}).get("id") == "dtln"
        assert (rec["publisher"] or {}).get("id") == "nils-westhausen" and rec["publisher"]["country"] == "DE"
    # other LSTM sizes (a retrained variant with 3 layers, or 256 units) are not DTLN's published model
    assert inspect_path(_onnx(tmp_path / "3", {"a": [1, 1, 257], "b": [1, 3, 128, 2]},
                              {"c": [1, 1, 257], "d": [1, 3, 128, 2]}))["family"] is None
    assert inspect_path(_onnx(tmp_path / "4", {"a": [1, 1, 512], "b": [1, 2, 256, 2]},
                              {"c": [1, 1, 512], "d": [1, 2, 256, 2]}))["family"] is None


def test_synthetic_gtcrn_stream_interface(tmp_path: Path) -> None:
    ins = {"mix": [1, 257, 1, 2], "conv_cache": [2, 1, 16, 16, 33], "tra_cache": [2, 3, 1, 1, 16],
           "inter_cache": [2, 1, 33, 16]}
    outs = {"enh": [1, 257, 1, 2], "conv_cache_out": [2, 1, 16, 16, 33], "tra_cache_out": [2, 3, 1, 1, 16],
            "inter_cache_out": [2, 1, 33, 16]}
    rec = inspect_path(_onnx(tmp_path / "g", ins, outs, "torch-jit-export", b"pytorch"))
    assert (rec["family"] or {}).get("id") == "gtcrn" and (rec["publisher"] or {}).get("id") == "xiaobin-rong"
    assert rec["publisher"]["country"] is None  # no page read states it
    del outs["inter_cache_out"]  # another streaming model's caches are not GTCRN's interface
    assert inspect_path(_onnx(tmp_path / "h", ins, {**outs, "state_out": [1]}))["family"] is None


# --- spaCy: the pipeline, not the framework ---------------------------------------------------------------------------

THINC8 = b"\x84\xa5nodes\x90\xa5attrs\x90\xa6params\x90\xa5shims\x90"


def test_spacy_component_weights_alone_name_no_family(tmp_path: Path) -> None:
    for name, data in (("v2", b"\x81\xc4\x07weights\xdc\x00\x02\x82\xc4\x04dims\x80\xc4\x06params\x90" * 2),
                       ("v3", THINC8)):
        f = tmp_path / name
        f.write_bytes(data)
        rec = inspect_path(f)
        assert rec["format"] == "thinc" and rec["family"] is None and rec["publisher"] is None


def _pipeline(root: Path, author: str, lang: str = "fr", name: str = "core_news_md") -> Path:
    pipe = root / f"{lang}_{name}-3.8.0"
    (pipe / "tok2vec").mkdir(parents=True)
    (pipe / "tok2vec" / "model").write_bytes(THINC8)
    meta = {"lang": lang, "name": name, "version": "3.8.0", "spacy_version": ">=3.8.0,<3.9.0", "author": author,
            "url": "https://explosion.ai" if author == "Explosion" else "https://acme.example", "license": "MIT"}
    (pipe / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return pipe


def test_spacy_pipeline_with_its_meta_is_named_by_the_pipeline(tmp_path: Path) -> None:
    pipe = _pipeline(tmp_path / "a", "Explosion")
    for target in (pipe, pipe / "tok2vec" / "model"):
        rec = inspect_path(target)
        assert _who(target) == ("fr_core_news_md", "explosion")
        assert rec["publisher"]["country"] == "DE"
    other = _pipeline(tmp_path / "b", "Acme Corp")  # someone else's pipeline: its own name, no maker (session 38)
    rec = inspect_path(other)
    assert _who(other) == ("fr_core_news_md", None) and rec["family"]["fingerprint"] == "spacy-pipeline"
    assert rec["declared"]["name"] == "fr_core_news_md"
    odd = _pipeline(tmp_path / "c", "Explosion", name="core news\x1b[31m")  # not a packaged name: the framework
    assert _who(odd) == ("spacy", "explosion")


# --- CosyVoice's SFT speaker table ------------------------------------------------------------------------------------

def _speaker_table(path: Path, record: list[str], speakers: tuple[str, ...] = ("spk_a", "spk_b", "spk_c")) -> Path:
    """A torch.save-style zip whose data.pkl is an OrderedDict of speaker -> {record keys} (plain values: the outline
    reads keys, never values)."""
    import collections
    import pickle
    import zipfile

    table = collections.OrderedDict((s, {k: [0.0, 1.0] for k in record}) for s in speakers)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("spk2info/data.pkl", pickle.dumps(table, protocol=2))
        zf.writestr("spk2info/version", b"3\n")
    return path


def test_synthetic_cosyvoice_speaker_table(tmp_path: Path) -> None:
    rec = inspect_path(_speaker_table(tmp_path / "t", ["embedding", "speech_feat", "speech_token"]))
    assert rec["format"] == "pytorch-zip"
    assert _who(tmp_path / "t") == ("cosyvoice", "funaudiollm") and rec["publisher"]["country"] == "CN"
    # a record with another key, or one key fewer, is some other table
    assert _who(_speaker_table(tmp_path / "u", ["embedding", "speech_feat", "speech_token", "prompt_text"]))[0] is None
    assert _who(_speaker_table(tmp_path / "v", ["embedding", "speech_token"]))[0] is None


# --- Keras weights in HDF5 (textgenrnn) -------------------------------------------------------------------------------

def _keras_h5(path: Path, names: list[str], *, width: int = 10, version: int = 1, cls: int = 3,
              count: int | None = None) -> Path:
    """The HDF5 signature, filler, then one attribute message ``layer_names`` (fixed-length strings, one dimension) as
    h5py writes it (attribute message version 1: name, datatype and dataspace each padded to 8 bytes)."""
    import struct

    name = b"layer_names\x00"
    dtype = bytes([cls | 0x10, 0, 0, 0]) + struct.pack("<I", width)
    n = len(names) if count is None else count
    space = bytes([1, 1, 1, 0, 0, 0, 0, 0]) + struct.pack("<QQ", n, n)
    data = b"".join(x.encode().ljust(width, b"\x00")[:width] for x in names)
    if version == 1:
        msg = bytes([1, 0]) + struct.pack("<HHH", len(name), len(dtype), len(space)) + name.ljust(16, b"\x00")
    else:  # version 3: no padding, a character-set byte
        msg = bytes([3, 0]) + struct.pack("<HHH", len(name), len(dtype), len(space)) + b"\x00" + name
    path.write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(2040) + msg + dtype + space + data + bytes(4096))
    return path


TEXTGENRNN = ["input", "embedding", "rnn_1", "rnn_2", "rnn_concat", "attention", "output"]


def test_synthetic_keras_weights_layer_names(tmp_path: Path) -> None:
    f = _keras_h5(tmp_path / "w", TEXTGENRNN)
    assert reader_for(f).id == "hdf5"  # type: ignore[union-attr]
    rec = inspect_path(f)
    assert rec["format"] == "hdf5" and _who(f) == ("textgenrnn", "minimaxir")
    assert _who(_keras_h5(tmp_path / "v3", TEXTGENRNN, version=3)) == ("textgenrnn", "minimaxir")
    three = ["input", "embedding", "dropout", "rnn_1", "rnn_2", "rnn_3", "rnn_concat", "attention", "output"]
    assert _who(_keras_h5(tmp_path / "d", three)) == ("textgenrnn", "minimaxir")
    # another Keras model's layers, and the same names without the attention layer, are not textgenrnn's
    assert _who(_keras_h5(tmp_path / "o", ["input_1", "dense_1", "dense_2"]))[0] is None
    no_att = ["input", "embedding", "rnn_1", "rnn_2", "rnn_concat", "output"]
    assert _who(_keras_h5(tmp_path / "n", no_att))[0] is None


def test_hdf5_without_readable_layer_names_is_not_a_model(tmp_path: Path) -> None:
    import pytest

    from modelmap.artifacts.hdf5 import HDF5Reader
    from modelmap.errors import ReadError

    for name, f in (("vlen", _keras_h5(tmp_path / "a", TEXTGENRNN, cls=9)),  # variable-length strings: not read
                    ("huge", _keras_h5(tmp_path / "b", TEXTGENRNN, count=1 << 40)),  # a count past the bytes read
                    ("plain", tmp_path / "c")):  # an HDF5 data file: any data, not a model
        if name == "plain":
            f.write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(1000))
        with pytest.raises(ReadError):
            HDF5Reader().read(f)
        rec = inspect_path(f)
        assert rec["family"] is None and rec["format"] is None and rec["skipped"], name
