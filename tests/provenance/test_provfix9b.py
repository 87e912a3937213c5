"""Held-out-6 trace fixes (issue 11, opened key): a provider whose docs map its bare API names to the instruct
model (providers.yaml ``bare_names: instruct``), and sourced base corrections over generated records."""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.errors import KnowledgeError
from modelmap.knowledge import load
from modelmap.knowledge.loader import _apply_corrections
from modelmap.provenance.resolver import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.mark.parametrize(("query", "model"), [
    ("cerebras/llama3.1-70b", "meta-llama/llama-3.1-70b-instruct"),  # Meta's descriptor "Llama3.1-70B" is the base
    ("cerebras/llama3.1-8b", "meta-llama/llama-3.1-8b-instruct"),
    ("groq/llama-3.1-8b", "meta-llama/llama-3.1-8b-instruct"),
])
def test_bare_names_under_an_instruct_serving_provider_are_the_instruct_model(resolver: Resolver, query: str,
                                                                                model: str) -> None:
    res = resolver.resolve(query)
    assert (res.model or {}).get("id") == model
    assert (res.served_by or {}).get("id") == query.split("/")[0]


@pytest.mark.parametrize(("query", "model"), [
    ("llama3.1-70b", "meta-llama/llama-3.1-70b"),  # no provider: the publisher's descriptor, the base
    ("together_ai/meta-llama/Meta-Llama-3-70B", "meta-llama/meta-llama-3-70b"),  # a repo id names its own weights
])
def test_the_rule_needs_the_flag_and_a_bare_name(resolver: Resolver, query: str, model: str) -> None:
    assert (resolver.resolve(query).model or {}).get("id") == model


def test_the_flag_is_sourced() -> None:
    kb = load()
    flagged = [p for p in kb.providers.values() if p.get("bare_names")]
    assert {p["id"] for p in flagged} >= {"cerebras", "groq"}
    for prov in flagged:
        assert any("bare_names" in (s.get("covers") or ()) for s in prov["sources"]), prov["id"]


def _models() -> dict[str, Any]:
    return {"acme/gen-7b": {"id": "acme/gen-7b", "license": "unknown", "sources": []},
            "acme/root-7b": {"id": "acme/root-7b", "license": "mit", "sources": []}}


_SRC = [{"url": "https://huggingface.co/acme/gen-7b", "as_of": "2026-12-04"}]


def test_a_base_correction_sets_the_base_and_cites_it() -> None:
    models = _models()
    _apply_corrections(models, [{"id": "acme/gen-7b", "base": [{"relation": "finetune", "model": "ACME/root-7b"}],
                                 "reason": "card", "sources": _SRC}])
    rec = models["acme/gen-7b"]
    assert rec["base"] == [{"relation": "finetune", "model": "acme/root-7b"}]
    assert rec["sources"][-1]["covers"] == ["base"] and rec["license"] == "unknown"


def test_a_base_correction_to_an_unknown_record_fails_the_build() -> None:
    with pytest.raises(KnowledgeError):
        _apply_corrections(_models(), [{"id": "acme/gen-7b", "base": [{"relation": "finetune", "model": "acme/x"}],
                                        "reason": "card", "sources": _SRC}])


def test_shipped_base_corrections_apply(resolver: Resolver) -> None:
    res = resolver.resolve("jinaai/jina-reranker-m0")
    assert [b.get("model") for b in resolver.kb.models["jinaai/jina-reranker-m0"].get("base") or []] == [
        "qwen/qwen2-vl-2b"]
    assert "CN" in (res.origins or ()) and "DE" in (res.origins or ())


@pytest.mark.parametrize(("query", "base"), [
    ("open-r1/OlympicCoder-32B", "qwen/qwen2.5-coder-32b-instruct"),
    ("microsoft/NextCoder-7B", "qwen/qwen2.5-coder-7b-instruct"),
    ("jinaai/jina-embeddings-v4-vllm-code", "jinaai/jina-embeddings-v4"),
    ("TevunahAi/NextCoder-32B-TevunahAi-GPTQ", "microsoft/nextcoder-32b"),
])
def test_sourced_bases_from_the_cards(resolver: Resolver, query: str, base: str) -> None:
    res = resolver.resolve(query)
    assert res.model and res.model.get("id") == query.lower()
    assert base in [e.get("parent") for e in res.edges or ()]
    assert "CN" in (res.origins or ())  # every one of them rests on a Qwen model


@pytest.mark.parametrize("name", ["qwen-mt-turbo", "glm-5-turbo", "baichuan2-turbo-192k"])
def test_api_names_from_provider_docs_resolve_to_a_chinese_publisher(resolver: Resolver, name: str) -> None:
    res = resolver.resolve(name)
    assert res.model and res.model.get("id", "").endswith("/" + name)
    assert (res.publisher or {}).get("country") == "CN"
