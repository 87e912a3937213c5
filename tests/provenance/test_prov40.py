"""Session 36 (brief prov40): key 33's misses by general cause.

* A host's id for a publisher's own open model plus a number format ("-fp4", "-fp8", "-int4") where no build of that
  name is known denotes the open model served in the precision the host chose, as "novita/qwen/qwen3-4b-fp8" and
  Together's "-Turbo" do: never a separate repo invented from the host's spelling (with the model as its base).
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


def _edges(res: dict) -> list[tuple[str, str, str]]:
    return [(e["child"], e["relation"], e["parent"]) for e in res.get("edges") or []]


@pytest.mark.parametrize(("query", "model_id"), [
    ("together_ai/moonshotai/Kimi-K2.5-fp4", "moonshotai/kimi-k2.5"),
    ("together_ai/moonshotai/Kimi-K2.5-FP8", "moonshotai/kimi-k2.5"),
    ("deepinfra/moonshotai/Kimi-K2.5-int4", "moonshotai/kimi-k2.5"),
])
def test_host_precision_word_on_a_first_party_name_is_the_model_itself(query: str, model_id: str) -> None:
    res = resolve(query).to_dict()
    assert res["model"]["id"] == model_id
    assert res["publisher"]["id"] == "moonshot"
    # the model's own lineage, not a quantization step from a repo the host's spelling invented
    assert _edges(res)[0] == (model_id, "finetune", "moonshotai/kimi-k2-base")
    assert res["license"]["id"] == "modified-mit"
    assert "number format" in res["reason"]


def test_the_same_name_without_a_host_stays_a_repo_of_that_org() -> None:
    # a Hub id (no host serving it): the org's own repo in another format, a quantization of the model
    res = resolve("moonshotai/Kimi-K2.5-fp4").to_dict()
    assert res["model"]["id"] == "moonshotai/kimi-k2.5-fp4"
    assert _edges(res)[0] == ("moonshotai/kimi-k2.5-fp4", "quantization", "moonshotai/kimi-k2.5")


def test_a_build_the_knowledge_base_lists_is_still_that_build() -> None:
    # Meta's FP8 repo is a record of its own: the host serves that build
    res = resolve("together_ai/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8").to_dict()
    assert res["model"]["id"] == "meta-llama/llama-4-maverick-17b-128e-instruct-fp8"
    assert "number format" not in (res["reason"] or "")


def test_a_third_party_precision_repo_behind_a_host_keeps_its_packager() -> None:
    # the rule covers the publisher's own org only: a quantizer's repo served by a host is still its repo
    res = resolve("together_ai/nvidia/Kimi-K2.5-NVFP4").to_dict()
    assert res["model"]["id"] == "nvidia/kimi-k2.5-nvfp4"
    assert res["publisher"]["id"] == "nvidia"
