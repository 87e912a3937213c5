"""Session 19 (prov19): fixes found on the opened held-out-15 provenance key."""

from __future__ import annotations

import re

import pytest

from modelmap.knowledge import load
from modelmap.provenance.resolver import resolve


def _claimed_base(query: str) -> str | None:
    res = resolve(query)
    return res.edges[0]["parent"] if res.edges else None


@pytest.mark.parametrize(("query", "base"), [
    # Gemma's instruction-tuned checkpoints are "-it"; third parties write "Instruct"
    ("bastienp/Gemma-2-2B-Instruct-structured-output", "google/gemma-2-2b-it"),
    ("someone/gemma-3-4b-instruct-medical-ft", "google/gemma-3-4b-it"),
])
def test_an_instruct_name_claims_the_labs_it_checkpoint(query: str, base: str) -> None:
    res = resolve(query)
    assert _claimed_base(query) == base
    assert res.confidence == "unknown"  # still only the name's claim


@pytest.mark.parametrize(("query", "base"), [
    # a lab that names its checkpoint "-Instruct" keeps the name as written
    ("acme/Qwen2.5-7B-Instruct-sft", "qwen/qwen2.5-7b-instruct"),
    ("acme/Llama-3.1-8B-Instruct-medical", "meta-llama/llama-3.1-8b-instruct"),
])
def test_an_instruct_name_of_a_lab_that_says_instruct_is_unchanged(query: str, base: str) -> None:
    assert _claimed_base(query) == base


@pytest.mark.parametrize("mid", [
    "mistralai/mistral-7b-v0.3",             # its card: Mistral-7B-v0.2 with an extended vocabulary
    "mlabonne/qwen3-30b-a3b-abliterated",    # an abliteration of Qwen3-30B-A3B; card not read
    "modelcloud/minimax-m2-bf16",            # a BF16 copy of MiniMax-M2; card not read
])
def test_a_model_with_an_unread_base_is_not_recorded_as_a_foundation(mid: str) -> None:
    # `base: []` asserts "pretrained from scratch"; an unknown base is no `base` key (null)
    assert "base" not in load().models[mid]


def test_no_record_whose_note_says_its_base_is_unknown_claims_to_be_a_foundation() -> None:
    unread = re.compile(r"base (?:and licence |and license )?(?:are |is )?left unknown|card was not read, so base",
                        re.I)
    offenders = [mid for mid, m in load().models.items()
                 if m.get("base") == [] and unread.search(str(m.get("note") or ""))]
    assert offenders == []


def test_mistral_7b_v0_3_gets_no_confident_foundation_answer() -> None:
    res = resolve("LLM-Research/mistral-7b-v0.3")
    assert (res.model or {}).get("id") == "mistralai/mistral-7b-v0.3"
    assert not res.edges  # base unknown: a null answer, not "no base"
    assert res.origins_known is False
