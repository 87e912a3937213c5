"""Session 33 (brief prov37): what trace says about a community quant's licence, and key 30's misses by cause.

A re-packaging's ``license`` is what its own repo declares (a fact about the repo); the licence the packaged weights
carry is added as ``license.governing`` where the two differ (docs/knowledge-format.md, "What trace says about a
community quant's licence")."""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.knowledge import load
from modelmap.provenance.resolver import Resolver, resolve
from modelmap.report.trace_table import _rows
from tests.provenance.kb_overlay import resolver_with

BASE = "qwen/qwen2.5-7b-instruct"


def _record(mid: str, publisher: str, base: str, license: str, relation: str = "quantization") -> dict[str, Any]:
    return {"id": mid, "hf": mid, "publisher": publisher, "family": "qwen2.5", "open_weights": True,
            "license": license, "base": [{"relation": relation, "model": base}],
            "sources": [{"url": f"https://huggingface.co/{mid}", "as_of": "2026-12-07"}]}


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    assert load().models[BASE]["license"] == "apache-2.0"
    return resolver_with([
        _record("quantco/qwen2.5-7b-instruct-gguf-mit", "bartowski", BASE, "mit"),
        _record("quantco/qwen2.5-7b-instruct-gguf-mit-mlx", "mlx-community", "quantco/qwen2.5-7b-instruct-q4", "mit"),
        _record("quantco/qwen2.5-7b-instruct-q4", "bartowski", BASE, "unknown"),
        _record("quantco/qwen2.5-7b-instruct-gguf-same", "bartowski", BASE, "apache-2.0"),
        _record("tuneco/qwen2.5-7b-instruct-sft-mit", "bartowski", BASE, "mit", relation="finetune"),
        _record("labco/qwen2.5-7b-instruct-fp8-mit", "nvidia", BASE, "mit"),
        _record("quantco/qwen2.5-7b-instruct-gguf-prop", "bartowski", BASE, "proprietary"),
    ])


def test_a_repack_declaring_another_licence_keeps_it_and_adds_the_governing_one(resolver: Resolver) -> None:
    res = resolver.resolve("quantco/qwen2.5-7b-instruct-gguf-mit")
    assert res.license is not None
    assert res.license["id"] == "mit"  # the repo's declaration, as read
    assert "inherited_from" not in res.license
    gov = res.license["governing"]
    assert gov["id"] == "apache-2.0" and gov["from"] == BASE and gov["permissive"] is True


def test_the_governing_licence_is_found_through_a_chain_of_quantizations(resolver: Resolver) -> None:
    res = resolver.resolve("quantco/qwen2.5-7b-instruct-gguf-mit-mlx")
    assert res.license is not None and res.license["id"] == "mit"
    assert res.license["governing"]["id"] == "apache-2.0"
    assert res.license["governing"]["from"] == BASE


@pytest.mark.parametrize("query", [
    "quantco/qwen2.5-7b-instruct-gguf-same",  # declares the base's own licence: nothing to add
    "tuneco/qwen2.5-7b-instruct-sft-mit",     # a fine-tune's author may relicense its own weights
    "labco/qwen2.5-7b-instruct-fp8-mit",      # another lab's build may add that lab's terms
    "quantco/qwen2.5-7b-instruct-gguf-prop",  # proprietary is no open licence to compare
])
def test_no_governing_licence_outside_a_community_repacks_conflicting_declaration(resolver: Resolver,
                                                                                     query: str) -> None:
    res = resolver.resolve(query)
    assert "governing" not in (res.license or {})


def test_a_repack_the_knowledge_base_does_not_hold_inherits_and_has_no_governing_field() -> None:
    res = resolve("someoneunknown/Llama-3.1-70B-Instruct-GGUF").to_dict()
    lic = res["license"] or {}
    assert lic.get("id") == "llama3.1" and lic.get("inherited_from") and "governing" not in lic
    assert res["confidence"] == "inferred"


def test_hierholzer_gguf_declares_mit_over_llama_31_weights() -> None:
    res = resolve("hierholzer/Llama-3.1-70B-Instruct-GGUF").to_dict()
    assert res["license"]["id"] == "mit"
    assert res["license"]["governing"]["id"] == "llama3.1"
    assert res["license"]["governing"]["from"] == "meta-llama/llama-3.1-70b-instruct"
    assert res["license"]["governing"]["permissive"] is False
    row = dict(_rows(res))["license"]
    assert row.startswith("mit (declared by the repo") and "under llama3.1" in row
