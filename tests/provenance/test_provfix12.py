"""provfix12 (issue 11): Ollama size tags the knowledge base does not list, and derivatives' names.

An Ollama library tag ``name:size`` that no record lists (Ollama repoints such tags, so the knowledge base leaves them
out rather than pin one checkpoint) still names a family and a size: the family every other listed tag of that
library name packages, and that family's first-party models of that size. Publisher and the publisher's country
follow (origins a lower bound); the licence is given only when every such model has the same one. A variant word
after the size picks another checkpoint and keeps the tag unknown.

Identifiers are written for this file (quantisation suffixes on library tags), not copied from the bench keys."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.mark.parametrize(("query", "publisher", "licence", "country"), [
    ("qwen3:235b-q8_0", "qwen", "apache-2.0", "CN"),
    ("deepseek-r1:671b-q4_K_M", "deepseek", "mit", "CN"),
])
def test_an_unlisted_size_tag_gives_the_family_and_the_licence_all_its_models_of_that_size_share(
        resolver: Resolver, query: str, publisher: str, licence: str, country: str) -> None:
    res = resolver.resolve(query)
    assert (res.model or {}).get("id") is None  # no one checkpoint is named
    assert (res.publisher or {}).get("id") == publisher
    assert (res.license or {}).get("id") == licence
    assert res.origins == (country,)
    assert res.origins_known is False  # a lower bound: which checkpoint, and its lineage, is unknown
    assert res.edges is None
    assert "of that size the knowledge base holds" in (res.reason or "")


@pytest.mark.parametrize("query", ["qwen3:235b-instruct-2599", "qwen3:999b"])
def test_a_variant_word_or_an_unknown_size_keeps_the_tag_unknown(resolver: Resolver, query: str) -> None:
    res = resolver.resolve(query)
    assert res.license is None
    assert "of that size" not in (res.reason or "")


def test_a_listed_tag_is_unchanged(resolver: Resolver) -> None:
    res = resolver.resolve("qwen3:8b")
    assert (res.model or {}).get("id") == "qwen/qwen3-8b"
    assert res.confidence == "known"


# ---- a derivative's name that names several known models, or one with a language word inside -----------------
def _base(res: object) -> str | None:
    me = (getattr(res, "model", None) or {}).get("id")
    return next((e["parent"] for e in getattr(res, "edges", None) or ()
                 if e["child"] == me and e["relation"] != "distillation"), None)


def test_a_name_that_starts_like_several_models_claims_none_of_them(resolver: Resolver) -> None:
    # "DeepSeek-R1-Distill-Llama-..." is the leading part of the 8B and 70B Llama distills, not DeepSeek-R1 itself
    res = resolver.resolve("acme-lab/DeepSeek-R1-Distill-Llama-support-bot")
    assert _base(res) is None
    assert res.origins == ("CN", "US")  # what both Llama distills share
    assert res.origins_known is False
    assert res.license is None
    assert res.confidence == "unknown"
    assert "deepseek-ai/deepseek-r1-distill-llama-8b" in (res.reason or "")


def test_a_size_the_matched_model_is_not_names_that_lines_models_of_that_size(resolver: Resolver) -> None:
    res = resolver.resolve("acme-lab/DeepSeek-R1-14b-legal-notes")
    assert _base(res) is None  # not DeepSeek-R1 (671B)
    assert res.origins == ("CN",)
    assert "deepseek-ai/deepseek-r1-distill-qwen-14b" in (res.reason or "")
    assert res.confidence == "unknown"


def test_a_size_word_in_the_name_narrows_the_candidates(resolver: Resolver) -> None:
    res = resolver.resolve("acme-lab/Qwen-2.5-Coder-14B-tool-use")
    reason = res.reason or ""
    assert "qwen/qwen2.5-coder-14b" in reason
    assert "qwen/qwen2.5-coder-7b" not in reason


def test_a_language_word_inside_a_base_name_is_read_past(resolver: Resolver) -> None:
    res = resolver.resolve("acme-lab/Llama-3-Korean-8B-Instruct-dpo")
    assert _base(res) == "meta-llama/meta-llama-3-8b-instruct"
    assert "US" in (res.origins or ())
    assert res.confidence == "unknown"
    lora = resolver.resolve("acme-lab/llama-3-korean-8b-lora")
    assert _base(lora) == "meta-llama/meta-llama-3-8b"
    assert any(e["relation"] == "adapter" for e in lora.edges or ())


def test_an_exact_leading_model_name_still_wins(resolver: Resolver) -> None:
    res = resolver.resolve("acme-lab/Qwen2.5-7B-Instruct-sft-medical-v3")
    assert _base(res) == "qwen/qwen2.5-7b-instruct"
    assert resolver.resolve("acme-lab/DeepSeek-R1-671b-notes").reason and \
        _base(resolver.resolve("acme-lab/DeepSeek-R1-671b-notes")) == "deepseek-ai/deepseek-r1"


# ---- a new tier or a dated snapshot of an API version whose known tiers are all proprietary ------------------
@pytest.mark.parametrize("query", ["qwen3.6-turbo", "qwen3.6-turbo-2026-07-15"])
def test_a_tier_of_an_api_version_whose_siblings_are_all_proprietary_is_proprietary(
        resolver: Resolver, query: str) -> None:
    res = resolver.resolve(query)
    assert (res.publisher or {}).get("id") == "qwen"
    assert (res.license or {}).get("id") == "proprietary"
    assert (res.model or {}).get("id") is None and res.origins_known is False
    assert "API-only" in (res.reason or "")


def test_a_size_after_the_versioned_stem_names_weights_not_a_tier(resolver: Resolver) -> None:
    res = resolver.resolve("qwen3.6-9b")  # an unknown checkpoint-shaped name: never given the tiers' licence
    assert (res.license or {}).get("id") != "proprietary"


# ---- Azure AI Foundry's names for Cohere's rerank models --------------------------------------------------------
@pytest.mark.parametrize(("query", "model"), [
    ("azure_ai/Cohere-rerank-v3-english", "cohere/rerank-english-v3.0"),
    ("azure_ai/cohere-rerank-v3-multilingual", "cohere/rerank-multilingual-v3.0"),
    ("azure_ai/Cohere-embed-v3-multilingual", "cohere/embed-multilingual-v3.0"),
])
def test_azure_cohere_rerank_and_embed_names(resolver: Resolver, query: str, model: str) -> None:
    res = resolver.resolve(query)
    assert (res.model or {}).get("id") == model
    assert res.origins == ("CA",)
    assert (res.served_by or {}).get("id") == "azure-ai-foundry"


def test_an_api_shaped_name_takes_the_proprietary_licence_of_its_api_only_tier_siblings(resolver: Resolver) -> None:
    res = resolver.resolve("glm-4.6-flashx")  # siblings glm-4.6-air / glm-4.6-flash, both API-only and proprietary
    assert (res.publisher or {}).get("id") == "zhipu"
    assert (res.license or {}).get("id") == "proprietary"
    assert res.confidence == "inferred" and (res.model or {}).get("id") is None


# ---- an unknown repo whose name carries a model line's word --------------------------------------------------------
@pytest.mark.parametrize(("query", "origins"), [
    ("acme-lab/my_qwen2.5_support_bot", ("CN",)),
    ("acme-lab/deepseek_reasoning_run7", ("CN",)),
    ("acme-lab/gemma-story-writer", ("US",)),
])
def test_a_line_word_in_an_unknown_name_gives_its_labs_country_as_a_lower_bound(
        resolver: Resolver, query: str, origins: tuple[str, ...]) -> None:
    res = resolver.resolve(query)
    assert res.origins == origins and res.origins_known is False
    assert (res.publisher or {}).get("id") == "acme-lab"  # the account, never the lab
    assert res.license is None and res.edges is None
    assert res.confidence == "unknown"


@pytest.mark.parametrize("query", ["acme-lab/llama-helper-v2", "acme-lab/qwenlike-bot", "acme-lab/support-bot"])
def test_no_line_word_no_origins(resolver: Resolver, query: str) -> None:
    assert resolver.resolve(query).origins is None
