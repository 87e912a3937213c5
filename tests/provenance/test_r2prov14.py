"""Session 14, round 2 (held-out-11 provenance): Fireworks' catalogue names for Meta's Llama 4 instruct models."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(("query", "model", "base"), [
    ("fireworks_ai/accounts/fireworks/models/llama4-scout-instruct-basic",
     "meta-llama/llama-4-scout-17b-16e-instruct", "meta-llama/llama-4-scout-17b-16e"),
    ("accounts/fireworks/models/llama4-maverick-instruct-basic",
     "meta-llama/llama-4-maverick-17b-128e-instruct", "meta-llama/llama-4-maverick-17b-128e"),
])
def test_fireworks_basic_llama4_names_are_metas_instruct_models(query: str, model: str, base: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.edges and res.edges[0]["parent"] == base
    assert res.served_by is not None and res.served_by["id"] == "fireworks-ai"
    assert res.license is not None and res.license["id"] == "llama4"
    assert res.origins == ("US",)


def test_a_basic_suffix_on_another_name_is_not_read_as_llama4() -> None:
    res = resolve("fireworks_ai/accounts/fireworks/models/llama4-giant-instruct-basic")
    assert res.model is None or res.model.get("id") not in {
        "meta-llama/llama-4-scout-17b-16e-instruct", "meta-llama/llama-4-maverick-17b-128e-instruct"}


def test_litellm_gradient_ai_prefix_is_digitaloceans_serverless_inference() -> None:
    res = resolve("gradient_ai/deepseek-r1-distill-llama-70b")
    assert res.model is not None and res.model["id"] == "deepseek-ai/deepseek-r1-distill-llama-70b"
    assert res.edges and res.edges[0]["parent"] == "meta-llama/llama-3.3-70b-instruct"
    assert res.served_by is not None and res.served_by["id"] == "digitalocean-gradient"
    assert res.publisher is not None and res.publisher["id"] == "deepseek"


def test_gradient_ai_name_the_kb_lacks_stays_unknown_but_served() -> None:
    res = resolve("gradient_ai/openai-gpt-9z")
    assert res.model is None or res.model.get("id") is None
    assert res.served_by is not None and res.served_by["id"] == "digitalocean-gradient"


def test_underscored_name_naming_one_model_beats_the_models_its_shorter_part_starts() -> None:
    # "qwen3-embedding" starts Qwen3-Embedding-0.6B / -4B / -8B; "qwen3-embedding_0.6B" is the 0.6B one with '_'
    res = resolve("someuser/qwen3-embedding_0.6B_lora")
    assert res.edges
    first = res.edges[0]
    assert first["parent"] == "qwen/qwen3-embedding-0.6b" and first.get("source") == "name"
    assert first["relation"] == "adapter"
    assert res.confidence == "unknown" and res.license is None and res.origins_known is False


def test_underscored_name_without_a_size_still_names_no_single_model() -> None:
    res = resolve("someuser/qwen3-embedding_finetuned_lora")
    assert not any(e.get("parent", "").startswith("qwen/qwen3-embedding-") for e in res.edges or ())


@pytest.mark.parametrize("query", ["M2-her", "minimax-m2-her", "openrouter/minimax/minimax-m2-her"])
def test_minimax_m2_her_is_an_api_only_minimax_model(query: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == "minimax/m2-her"
    assert res.publisher is not None and res.publisher["id"] == "minimax"
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.origins == ("CN",)


@pytest.mark.parametrize(("query", "model"), [
    ("MiniMax-M2.5lightning", "minimax/minimax-m2.5-lightning"),
    ("MiniMax-M2.5-highspeed", "minimax/minimax-m2.5-lightning"),
    ("minimax-m2.7lightning", "minimax/minimax-m2.7-highspeed"),
])
def test_minimax_lightning_spellings_are_the_highspeed_tiers(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == "proprietary"
