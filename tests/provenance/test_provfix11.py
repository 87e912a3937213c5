"""provfix11 (issue 11): a re-packager's repo named after a known model is a re-packaging of it.

bench/provenance/README.md, "Community repacks": a community repo that re-packages weights denotes that repo, and its
immediate base is the original model with relation ``quantization``. When the account is recorded in the knowledge
base as a quantizer, its repo named after a known model is read that way even when the repo's own suffix is not a
quantisation word the normaliser strips ("-8bit-DWQ-lr4e7", "-GGUF-v2", VPTQ's "-v8-k65536-256-woft"), and the
licence is the source model's, which a re-packaging keeps (the rule a knowledge-base repack record follows). It
stays a claim from the name: confidence ``unknown``, so never confidently wrong. A fine-tune's author may relicense,
so an account that is not a quantizer still gets no licence.

Identifiers are written for this file (made-up suffixes on real quantizer accounts), not copied from the bench keys."""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.provenance.resolver import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def _edge(res: Any) -> dict[str, Any] | None:
    me = (res.model or {}).get("id")
    return next((e for e in res.edges or () if e["child"] == me and e["relation"] != "distillation"), None)


@pytest.mark.parametrize(("query", "parent"), [
    ("mlx-community/Qwen2.5-7B-Instruct-4bit-DWQ-test", "qwen/qwen2.5-7b-instruct"),
    ("QuantFactory/Meta-Llama-3-8B-Instruct-GGUF-v3", "meta-llama/meta-llama-3-8b-instruct"),
    ("VPTQ-community/Meta-Llama-3.1-8B-Instruct-v8-k65536-0-woft", "meta-llama/llama-3.1-8b-instruct"),
])
def test_a_quantizers_repo_named_after_a_model_is_a_quantization_keeping_its_licence(
        resolver: Resolver, query: str, parent: str) -> None:
    res = resolver.resolve(query)
    edge = _edge(res)
    assert edge is not None and edge["parent"] == parent and edge["relation"] == "quantization"
    assert edge["source"] == "name"
    want = resolver.resolve(parent).license
    assert want is not None and res.license is not None and res.license["id"] == want["id"]
    assert res.license.get("inherited_from") == parent
    assert res.confidence == "unknown" and res.origins_known is False


def test_a_fine_tune_by_an_account_that_is_not_a_quantizer_gets_no_licence(resolver: Resolver) -> None:
    res = resolver.resolve("acme-labs-provfix11/Qwen2.5-7B-Instruct-sft-v2")
    edge = _edge(res)
    assert edge is not None and edge["relation"] == "finetune"
    assert res.license is None and res.confidence == "unknown"


def test_vptq_community_is_a_sourced_quantizer(resolver: Resolver) -> None:
    pub = resolver.kb.publishers["vptq-community"]
    assert pub["kind"] == "quantizer" and pub["country"] is None
    assert any("vptq" in str(s.get("url", "")) for s in pub["sources"])
