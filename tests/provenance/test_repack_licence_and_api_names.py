"""Session 9 resolver rules, from reading the opened provenance keys' misses (issue 11):

* a community quantization whose record copied its parent's licence (a generated record citing only the parent's
  sources for it) reports that licence as inherited (``license.inherited_from``), and the answer is ``inferred``,
  not ``known``; a licence read from the repo's own card stays the record's own;
* a re-packaging the knowledge base does not hold says where its licence comes from too;
* Fireworks writes a fractional size with a "p" ("qwen-1p5b", "reranker-0p6b");
* an Ollama tag that only names the size of the name's default tag ("llama3.2-vision:11b") is that tag's model;
* a provider's "-latest" pointer to an API-only name is that name's record.
"""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.knowledge import load
from modelmap.provenance.resolver import Resolver
from tests.provenance.kb_overlay import resolver_with

PARENT = "qwen/qwen2.5-7b-instruct"


def _quant(mid: str, publisher: str, sources: list[dict[str, Any]], license: str = "apache-2.0") -> dict[str, Any]:
    return {"id": mid, "hf": mid, "publisher": publisher, "family": "qwen2.5", "open_weights": True,
            "license": license, "base": [{"relation": "quantization", "model": PARENT}], "sources": sources}


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    parent = load().models[PARENT]
    assert parent["license"] == "apache-2.0"
    parent_url = next(s["url"] for s in parent["sources"] if isinstance(s, dict))
    return resolver_with([
        # as kb_registries writes a third party's GGUF: the registry row, then the parent's sources for the licence
        _quant("copyco/qwen2.5-7b-instruct-gguf", "bartowski",
               [{"url": "https://example.org/registry.json"}, {"url": parent_url, "covers": ["license"]}]),
        # a licence read from the repo's own card (a correction cites the repo's page for it)
        _quant("cardco/qwen2.5-7b-instruct-gguf", "bartowski",
               [{"url": "https://example.org/registry.json"}, {"url": parent_url, "covers": ["license"]},
                {"url": "https://huggingface.co/cardco/qwen2.5-7b-instruct-gguf", "covers": ["license"]}]),
        # a licence that differs from the parent's was not copied from it
        _quant("otherco/qwen2.5-7b-instruct-gguf", "bartowski",
               [{"url": parent_url, "covers": ["license"]}], license="mit"),
        # the parent's own publisher packaging its model: not a community re-packaging
        _quant("qwen/qwen2.5-7b-instruct-testquant", "qwen", [{"url": parent_url, "covers": ["license"]}]),
    ])


def test_a_copied_licence_is_reported_as_inherited_and_inferred(resolver: Resolver) -> None:
    res = resolver.resolve("copyco/qwen2.5-7b-instruct-gguf")
    assert res.license is not None and res.license["id"] == "apache-2.0"
    assert res.license["inherited_from"] == PARENT
    assert res.confidence == "inferred"
    assert "not read from the repo's own card" in (res.reason or "")


def test_a_licence_the_repos_own_card_gives_is_the_records_own(resolver: Resolver) -> None:
    res = resolver.resolve("cardco/qwen2.5-7b-instruct-gguf")
    assert res.license is not None and "inherited_from" not in res.license
    assert res.confidence == "known"


@pytest.mark.parametrize("query", ["otherco/qwen2.5-7b-instruct-gguf", "qwen/qwen2.5-7b-instruct-testquant"])
def test_a_licence_not_copied_from_a_community_repacks_parent_is_not_marked(resolver: Resolver, query: str) -> None:
    res = resolver.resolve(query)
    assert res.license is not None and "inherited_from" not in res.license
    assert res.confidence == "known"


def test_an_unrecorded_repackaging_says_where_its_licence_comes_from() -> None:
    # (TheBloke's Yi quants, used here before, are recorded since provfix12 / prov2r15 with the yi-license their
    # pages declare; this Mistral AWQ is unrecorded, and Mistral's repo has kept Apache-2.0 throughout)
    res = Resolver().resolve("TheBloke/Mistral-7B-Instruct-v0.2-AWQ")
    assert res.license is not None and res.license["inherited_from"] == "mistralai/mistral-7b-instruct-v0.2"
    assert res.confidence == "inferred"


@pytest.mark.parametrize(("query", "model_id"), [
    ("fireworks_ai/accounts/fireworks/models/deepseek-r1-distill-qwen-1p5b", "deepseek-ai/deepseek-r1-distill-qwen-1.5b"),
    ("fireworks_ai/accounts/fireworks/models/qwen3-reranker-0p6b", "qwen/qwen3-reranker-0.6b"),
    # the version spellings still work
    ("accounts/fireworks/models/qwen2p5-72b-instruct", "qwen/qwen2.5-72b-instruct"),
    ("accounts/fireworks/models/llama-v3p1-8b-instruct", "meta-llama/llama-3.1-8b-instruct"),
])
def test_fireworks_fractional_sizes(query: str, model_id: str) -> None:
    res = Resolver().resolve(query)
    assert (res.model or {}).get("id") == model_id
    assert (res.served_by or {}).get("id") == "fireworks-ai"


@pytest.mark.parametrize(("query", "model_id"), [
    ("llama3.2-vision:11b", "meta-llama/llama-3.2-11b-vision-instruct"),       # the size word in the repo name
    ("llama3.2-vision:11b-q4_K_M", "meta-llama/llama-3.2-11b-vision-instruct"),
    ("mistral-nemo:12b", "mistralai/mistral-nemo-instruct-2407"),               # the record's params
])
def test_an_ollama_size_tag_that_is_the_default_tags_size(query: str, model_id: str) -> None:
    res = Resolver().resolve(query)
    assert (res.model or {}).get("id") == model_id
    assert res.confidence == "inferred"


@pytest.mark.parametrize("query", ["llama3.2-vision:3b", "mistral-nemo:12b-text", "mistral-nemo:7b"])
def test_an_ollama_tag_of_another_size_or_variant_is_not_the_default(query: str) -> None:
    res = Resolver().resolve(query)
    assert (res.model or {}).get("id") not in ("meta-llama/llama-3.2-11b-vision-instruct",
                                                "mistralai/mistral-nemo-instruct-2407")


def test_a_latest_pointer_to_an_api_only_name() -> None:
    # a test API-only record, so that the knowledge base listing "<name>-latest" as an alias does not hide the rule
    resolver = resolver_with([{"id": "tencent/zeta-turbo", "publisher": "tencent", "open_weights": False,
                               "license": "proprietary", "sources": [{"url": "https://example.org/zeta"}]}])
    resolver.kb.alias_index = {**resolver.kb.alias_index, "zeta-turbo": "tencent/zeta-turbo"}  # the bundle's stays
    res = resolver.resolve("zeta-turbo-latest")
    assert (res.model or {}).get("id") == "tencent/zeta-turbo"
    assert res.confidence == "inferred"
    assert res.license is not None and res.license["id"] == "proprietary"


def test_a_latest_suffix_on_an_open_model_name_is_not_mapped() -> None:
    # an open model's versions can differ in lineage: "-latest" maps only API-only records
    assert (Resolver().resolve("qwen2.5-7b-instruct-latest").model or {}).get("id") != "qwen/qwen2.5-7b-instruct"


@pytest.mark.parametrize(("query", "model_id"), [
    # routers drop Mistral's release-date suffix ("-2506")
    ("openrouter/mistralai/mistral-small-3.2-24b-instruct", "mistralai/mistral-small-3.2-24b-instruct-2506"),
    ("mistral-small-3.1-24b-base", "mistralai/mistral-small-3.1-24b-base-2503"),
])
def test_a_name_without_its_release_date_suffix(query: str, model_id: str) -> None:
    res = Resolver().resolve(query)
    assert (res.model or {}).get("id") == model_id
    assert res.confidence == "inferred"


def test_a_name_with_several_dated_releases_is_not_mapped() -> None:
    # Mistral-Large-Instruct-2407 and -2411: which release is meant is unknown
    kb = load()
    assert {"mistralai/mistral-large-instruct-2407", "mistralai/mistral-large-instruct-2411"} <= set(kb.models)
    assert (Resolver().resolve("mistral-large-instruct").model or {}).get("id") is None


@pytest.mark.parametrize(("query", "model_id"), [
    ("deepseek-coder:33b-base-q4_1", "deepseek-ai/deepseek-coder-33b-base"),
    ("deepseek-coder:6.7b-base", "deepseek-ai/deepseek-coder-6.7b-base"),
])
def test_an_ollama_base_tag_is_the_pretrained_parent_of_the_sizes_default(query: str, model_id: str) -> None:
    res = Resolver().resolve(query)
    assert (res.model or {}).get("id") == model_id
    assert res.confidence == "inferred"


def test_an_ollama_base_tag_with_another_word_is_not_mapped() -> None:
    assert (Resolver().resolve("deepseek-coder:33b-base-foo").model or {}).get("id") is None


def test_an_unknown_tier_of_a_known_api_version_names_its_publisher() -> None:
    # "qwen3.5-plus" is an API-only Qwen record: "qwen3.5-<word>" has Qwen as publisher, the model stays unknown.
    # Since provfix12 a TIER whose API-only siblings are all proprietary is proprietary too (test_provfix12.py); since
    # session 13 only a known tier word counts ("qwen3-coder", "qwen3-next" are open models on qwen3-max's stem), so
    # an unknown word's licence is unknown (test_session13_tags.py)
    assert "qwen/qwen3.5-plus" in load().models
    res = Resolver().resolve("qwen3.5-zeta")
    assert (res.publisher or {}).get("id") == "qwen"
    assert (res.model or {}).get("id") is None
    assert (res.license or {}).get("id") is None
    assert res.origins_known is False
    assert (Resolver().resolve("qwen3.5-turbo").license or {}).get("id") == "proprietary"


@pytest.mark.parametrize("query", ["farui-zeta", "text-embedding-v9", "acme-1-model", "qwen2.5-7b-zeta"])
def test_a_stem_without_a_version_or_with_open_weight_siblings_names_no_publisher(query: str) -> None:
    assert Resolver().resolve(query).publisher is None
