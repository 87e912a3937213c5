"""Held-out-7 (opened in session 14): files that carry no weights and no vocabulary hash of their own kind.

A tokenizer_config.json on its own (its added tokens name the family when they equal a known set exactly), a
byte-level vocabulary one token a line (CTranslate2's vocabulary.txt) and a CTranslate2 model.bin header.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.ctranslate2 import CTranslate2Reader
from modelmap.artifacts.identify import load_fingerprints
from modelmap.artifacts.tokenizer import _BYTE_ENCODER, TokenizerReader, sniff_kind
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .conftest import real_file

R = TokenizerReader()


def _config(tokens: list[str], **extra: object) -> str:
    decoder = {str(151643 + i): {"content": t, "lstrip": False, "normalized": False, "rstrip": False,
                                 "single_word": False, "special": True} for i, t in enumerate(tokens)}
    return json.dumps({"add_prefix_space": False, "added_tokens_decoder": decoder, "model_max_length": 131072,
                       "tokenizer_class": "Qwen2Tokenizer", **extra})


def _entry_specials(fid: str) -> list[str]:
    return next(e["special_tokens"] for e in load_fingerprints()["fingerprints"] if e["id"] == fid)


def test_tokenizer_config_alone_names_the_family_whose_added_tokens_it_equals(tmp_path: Path) -> None:
    p = tmp_path / "cfg"
    p.write_text(_config(_entry_specials("qwen3"), eos_token="<|im_end|>"), encoding="utf-8")
    info = reader_for(p).read(p)
    assert info.format == "tokenizer:tokenizer_config" and info.tokenizer is not None
    assert info.tokenizer.tokens == [] and info.tokenizer.extra == {"tokenizer_class": "Qwen2Tokenizer"}
    rep = inspect_path(p)
    assert rep["family"]["id"] in ("qwen3", "qwen3.5") and rep["publisher"]["id"] == "qwen"
    assert rep["fingerprint"] is None  # no vocabulary was hashed


def test_tokenizer_config_with_a_partial_set_names_the_maker_and_a_small_set_nothing(tmp_path: Path) -> None:
    p = tmp_path / "cfg"
    p.write_text(_config(_entry_specials("qwen3")[:-3]), encoding="utf-8")  # not the same set
    rep = inspect_path(p)
    # not the exact set of any family, but tokens only Qwen's own models carry: the maker is named by the
    # special-token signature (7f2f171), the family left open among Qwen's (never another maker's)
    assert rep["publisher"]["id"] == "qwen" and "specials-signature" in rep["family"]["signals"]
    assert rep["family"]["id"].startswith("qwen")
    p.write_text(_config(["<|endoftext|>", "<|im_start|>", "<|im_end|>"]), encoding="utf-8")  # too few to tell
    assert inspect_path(p)["family"] is None
    p.write_text(json.dumps({"model_max_length": 512, "do_lower_case": True}), encoding="utf-8")  # no added tokens
    with pytest.raises(ReadError):
        R.read(p)


def test_hostile_tokenizer_config(tmp_path: Path) -> None:
    p = tmp_path / "cfg"
    p.write_text(json.dumps({"added_tokens_decoder": {"1": "x", "2": {"content": 5}, "3": {"content": ""}},
                             "additional_special_tokens": [None, {"content": ["a"]}, 7],
                             "bos_token": {"content": {"a": 1}}}), encoding="utf-8")
    with pytest.raises(ReadError):  # nothing usable: not a tokenizer file this reader knows
        R.read(p)


# --- a byte-level vocabulary one token a line -------------------------------------------------------------------------

ALPHABET = list(_BYTE_ENCODER.values())


def test_bytelevel_lines_are_sniffed_by_their_alphabet_and_read(tmp_path: Path) -> None:
    p = tmp_path / "v"
    p.write_text("\n".join([*ALPHABET, "Ġt", "he", "Ġthe", "<|endoftext|>", "<|startoftranscript|>", "<|0.00|>"])
                 + "\n", encoding="utf-8")
    tok = R.read(p).tokenizer
    assert tok is not None and tok.kind == "vocabulary.txt" and tok.total_size == 262
    assert tok.special_tokens == ["<|0.00|>", "<|endoftext|>", "<|startoftranscript|>"]
    assert len(tok.tokens) == 259 and b" the" in tok.tokens


@pytest.mark.parametrize("text", [
    "\n".join(ALPHABET[:10]) + "\n",  # too few lines
    "\n".join(ALPHABET[1:40]) + "\n",  # not from the alphabet's start
    "\n".join(["[PAD]", "[UNK]", *ALPHABET[:40]]) + "\n",  # a WordPiece vocab.txt
])
def test_not_bytelevel_lines(text: str) -> None:
    assert sniff_kind(text.encode()[:64]) != "bytelevel-lines"


def test_whisper_vocabulary_txt_is_whisper(tmp_path: Path) -> None:
    """GPT-2's vocabulary one token a line with Whisper's special tokens, as CTranslate2 writes tiny.en's."""
    import base64

    gpt2 = real_file("openai-whisper-20250625", "openai_whisper-20250625/whisper/assets/gpt2.tiktoken")
    toks = ["".join(_BYTE_ENCODER[b] for b in base64.b64decode(line.split()[0]))
            for line in gpt2.read_bytes().splitlines() if line]
    specials = ["<|endoftext|>", "<|startoftranscript|>", "<|en|>", "<|translate|>", "<|transcribe|>",
                "<|startoflm|>", "<|startofprev|>", "<|nocaptions|>", "<|notimestamps|>"]
    p = tmp_path / "v"
    p.write_text("\n".join(toks + specials) + "\n", encoding="utf-8")
    rep = inspect_path(p)
    assert rep["family"]["id"] == "whisper" and rep["publisher"]["id"] == "openai"


# --- CTranslate2 model.bin ----------------------------------------------------------------------------------------------

def ct2(name: bytes, *, version: int = 6, revision: int = 3, count: int = 148) -> bytes:
    """ModelSpec.save's first fields, then the first variable's name (as model.bin has them)."""
    return (struct.pack("<I", version) + struct.pack("<H", len(name) + 1) + name + b"\0"
            + struct.pack("<II", revision, count) + struct.pack("<H", 19) + b"decoder/activation\0" + bytes(64))


def test_ctranslate2_header_and_whisper_claim(tmp_path: Path) -> None:
    p = tmp_path / "m"
    p.write_bytes(ct2(b"WhisperSpec"))
    info = reader_for(p).read(p)
    assert info.format == "ctranslate2" and info.metadata["ct2.spec"] == "WhisperSpec"
    assert info.metadata["ct2.spec_revision"] == 3 and info.metadata["ct2.variables"] == 148
    rep = inspect_path(p)
    assert rep["family"]["id"] == "whisper" and rep["publisher"]["id"] == "openai"
    p.write_bytes(ct2(b"TransformerSpec"))
    assert inspect_path(p)["family"] is None  # another spec: read, named by nothing


@pytest.mark.parametrize("blob", [
    ct2(b"WhisperSpec", version=0), ct2(b"WhisperSpec", version=1000), ct2(b"Whisper"), ct2(b"Whis\x01perSpec"),
    ct2(b"WhisperSpec")[:20], struct.pack("<IH", 6, 60000) + b"x" * 100, b"",
])
def test_not_ctranslate2(blob: bytes) -> None:
    assert not CTranslate2Reader().sniff(blob)
