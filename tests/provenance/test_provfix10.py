"""Session 10 resolver rules for issue 11 ("confidently wrong" on the opened provenance keys): a lab's own repo whose
name adds "-hf" to a model the knowledge base holds is a separate repo converted from that model.

Identifiers are written for this file in the shapes the rules are about, not copied from a bench key."""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.provenance.resolver import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def _model_id(res: Any) -> str | None:
    return (res.model or {}).get("id")


def _parent_edge(res: Any) -> dict[str, Any] | None:
    me = _model_id(res)
    return next((e for e in res.edges or () if e["child"] == me and e["relation"] != "distillation"), None)


@pytest.mark.parametrize(("query", "original", "publisher"), [
    ("THUDM/codegeex4-all-9b-hf", "zai-org/codegeex4-all-9b", "zhipu"),
    ("Qwen/Qwen2.5-7B-Instruct-hf", "qwen/qwen2.5-7b-instruct", "qwen"),
])
def test_a_labs_hf_conversion_repo_has_the_model_as_its_base(
        resolver: Resolver, query: str, original: str, publisher: str) -> None:
    # not in the KB; the repo without "-hf" is. The answer is the "-hf" repo with that model as its immediate base,
    # never the model itself with the model's own lineage (which would name the wrong immediate base)
    assert resolver._lookup(query) is None
    res = resolver.resolve(query)
    assert _model_id(res) == query.lower()
    assert (res.publisher or {}).get("id") == publisher
    edge = _parent_edge(res)
    assert edge and edge["parent"] == original
    assert res.confidence == "inferred"


def test_a_repo_whose_own_name_ends_in_hf_is_still_the_model(resolver: Resolver) -> None:
    res = resolver.resolve("meta-llama/Llama-2-7b-chat-hf")
    assert _model_id(res) == "meta-llama/llama-2-7b-chat-hf"
    assert res.confidence == "known"


@pytest.mark.parametrize(("query", "pretrained"), [
    ("llama3.1:70b-text", "meta-llama/llama-3.1-70b"),
    ("llama3.2:3b-text-q8_0", "meta-llama/llama-3.2-3b"),
    ("qwen2:7b-text-fp16", "qwen/qwen2-7b"),
])
def test_an_ollama_text_tag_is_the_pretrained_model(resolver: Resolver, query: str, pretrained: str) -> None:
    # Ollama's "-text" tags hold the pre-trained checkpoint the size's default (instruct) tag was tuned from
    res = resolver.resolve(query)
    assert _model_id(res) == pretrained
    assert res.confidence == "inferred"


def test_an_ollama_text_tag_needs_a_recorded_pretrained_parent(resolver: Resolver) -> None:
    # the default tag's model must be a fine-tune of one model the KB records as pretrained (base: []); otherwise
    # nothing says which checkpoint the "-text" tag holds
    res = resolver.resolve("nosuchmodel:7b-text")
    assert _model_id(res) is None


@pytest.mark.parametrize(("query", "model"), [
    # Fireworks writes a dotted version with dashes in a few ids
    ("accounts/fireworks/models/dolphin-2-9-2-qwen2-72b", "cognitivecomputations/dolphin-2.9.2-qwen2-72b"),
    # and puts the publisher's name before the model's
    ("fireworks_ai/accounts/fireworks/models/qwen-qwq-32b", "qwen/qwq-32b"),
])
def test_fireworks_spellings(resolver: Resolver, query: str, model: str) -> None:
    res = resolver.resolve(query)
    assert _model_id(res) == model
    assert (res.served_by or {}).get("id") == "fireworks-ai"


@pytest.mark.parametrize("query", [
    # a size after a one-digit version is not a version part; a publisher word before a name of another
    # publisher's model is not dropped
    "fireworks_ai/accounts/fireworks/models/gemma-3-27b-it",
    "fireworks_ai/accounts/fireworks/models/llama-guard-3-8b",
])
def test_fireworks_spellings_keep_sizes(resolver: Resolver, query: str) -> None:
    res = resolver.resolve(query)
    assert _model_id(res) == query.rsplit("/", 1)[-1].replace("gemma", "google/gemma").replace(
        "llama-guard", "meta-llama/llama-guard")


def test_a_publisher_word_is_dropped_only_for_that_publishers_model(resolver: Resolver) -> None:
    # "qwen-" before a name that is not a Qwen model: not read as that model
    res = resolver.resolve("accounts/fireworks/models/qwen-llama-3.1-8b-instruct")
    assert _model_id(res) != "meta-llama/llama-3.1-8b-instruct"


def test_an_unlisted_ollama_tag_keeps_its_library_names_family(resolver: Resolver) -> None:
    # a tag the KB does not list: the model is unknown, the family (and so the publisher) is the library name's
    res = resolver.resolve("deepseek-r1:671b")
    assert _model_id(res) is None
    assert (res.publisher or {}).get("id") == "deepseek"
    assert res.origins_known is False
    assert not res.edges
