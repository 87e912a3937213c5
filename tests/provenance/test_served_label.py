"""A bare served name on a self-hosted server is its operator's label (tryfix33 item 13).

``hosted_vllm/llama-3.1-8b`` is what a vLLM server was told to call the weights it loaded (``--served-model-name``);
Llama 3.1 8B is released both pretrained and as the Instruct model, and such servers usually run the Instruct, so
the label names the family and size, not a checkpoint: confidence at most ``inferred``, model id unknown. A Hub repo
id (vLLM's default served name) and a label that names the variant still resolve to the checkpoint."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.mark.parametrize(("query", "family"), [
    ("hosted_vllm/llama-3.1-8b", "llama3.1"),
    ("vllm/Llama-3.1-8B", "llama3.1"),
    ("hosted_vllm/qwen2.5-7b", "qwen2.5"),
])
def test_a_size_and_family_label_on_a_self_hosted_server_names_no_checkpoint(resolver: Resolver, query: str,
                                                                             family: str) -> None:
    res = resolver.resolve(query)
    assert res.confidence == "inferred"
    assert res.model is not None and res.model.get("id") is None
    assert res.model.get("family") == family
    assert res.edges is None  # lineage unknown: base or instruct is not said
    assert (res.served_by or {}).get("id") == "vllm"
    assert "label" in (res.reason or "") and "-instruct" in (res.reason or "")


def test_the_family_facts_all_its_checkpoints_share_are_kept(resolver: Resolver) -> None:
    res = resolver.resolve("hosted_vllm/llama-3.1-8b")
    assert (res.license or {}).get("id") == "llama3.1"
    assert res.origins == ("US",) and res.origins_known is False
    assert (res.publisher or {}).get("id") == "meta"


@pytest.mark.parametrize(("query", "model"), [
    ("hosted_vllm/meta-llama/Llama-3.1-8B", "meta-llama/llama-3.1-8b"),  # a Hub repo id: vLLM's default name
    ("hosted_vllm/Llama-3.1-8B-Instruct", "meta-llama/llama-3.1-8b-instruct"),  # the label names the variant
    ("llama-3.1-8b", "meta-llama/llama-3.1-8b"),  # no server named: read as before
    ("cerebras/llama3.1-8b", "meta-llama/llama-3.1-8b-instruct"),  # an API's documented bare name
])
def test_a_repo_id_a_variant_label_or_an_api_name_still_names_the_checkpoint(resolver: Resolver, query: str,
                                                                               model: str) -> None:
    assert (resolver.resolve(query).model or {}).get("id") == model
