"""Third-party repos named after a model (issue 11, "confidently wrong ≤ 1 %"): the account that publishes a repo is
its publisher, whatever the name says; a base read from the name alone is a claim with its evidence, never a
knowledge-base fact; a re-packaging keeps its source's license by rule, a fine-tune does not.

Identifiers are written for this file (real repos of the kinds the rules are about, and a few made-up accounts for
the shapes company repos take), not copied from the provenance bench."""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.provenance.normalize import normalise, strip_quant
from modelmap.provenance.resolver import Resolver, removed_suffixes


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def _model_id(res: Any) -> str | None:
    return (res.model or {}).get("id")


def _parent_edge(res: Any) -> dict[str, Any] | None:
    me = _model_id(res)
    return next((e for e in res.edges or () if e["child"] == me and e["relation"] != "distillation"), None)


def _origins_of(resolver: Resolver, model_id: str) -> set[str]:
    return set(resolver.resolve(model_id).origins or ())


# ---- an account the knowledge base does not know is still the publisher -------------------------------------


@pytest.mark.parametrize(("query", "original"), [
    # ONNX / transformers.js conversions
    ("onnx-community/Qwen2.5-0.5B-Instruct", "qwen/qwen2.5-0.5b-instruct"),
    ("Xenova/multilingual-e5-small", "intfloat/multilingual-e5-small"),
    # an FP8 repack by an account the KB does not list (RedHatAI is now recorded as Neural Magic's org), and a GGUF of an embedder by an individual
    ("jdoe-labs/Llama-3.3-70B-Instruct-FP8-dynamic", "meta-llama/llama-3.3-70b-instruct"),
    ("ChristianAzinn/bge-small-en-v1.5-gguf", "baai/bge-small-en-v1.5"),
])
def test_unknown_repackager_is_the_publisher_never_the_original_lab(
        resolver: Resolver, query: str, original: str) -> None:
    res = resolver.resolve(query)
    account = query.split("/")[0]
    assert _model_id(res) == query.lower()
    assert res.publisher == {"id": account.lower(), "name": account, "country": None}
    edge = _parent_edge(res)
    assert edge and (edge["parent"], edge["relation"]) == (original, "quantization")
    # the original's countries are there, but the repackager's is unknown: a lower bound, not a complete answer
    assert set(res.origins or ()) >= _origins_of(resolver, original)
    assert res.origins_known is False
    # a conversion keeps its source's license (the rule for repacks)
    assert (res.license or {}).get("id") == (resolver.resolve(original).license or {}).get("id")


# ---- a lab's own packaging of its own model ------------------------------------------------------------------


@pytest.mark.parametrize(("query", "original", "publisher"), [
    ("google/gemma-2-2b-it-GGUF", "google/gemma-2-2b-it", "google"),
    ("ibm-granite/granite-3.1-8b-instruct-GGUF", "ibm-granite/granite-3.1-8b-instruct", "ibm"),
    ("mistralai/Mistral-Small-24B-Instruct-2501-FP8", "mistralai/mistral-small-24b-instruct-2501", "mistral"),
])
def test_a_labs_own_quantized_repo_is_a_quantization_by_that_lab(
        resolver: Resolver, query: str, original: str, publisher: str) -> None:
    # these repos are not in the KB; the unquantized model is. The answer is the GGUF / FP8 repo, not the original
    assert resolver._lookup(query) is None
    res = resolver.resolve(query)
    assert _model_id(res) == query.lower()
    assert (res.publisher or {}).get("id") == publisher
    edge = _parent_edge(res)
    assert edge and (edge["parent"], edge["relation"]) == (original, "quantization")
    assert res.confidence == "inferred"


def test_hf_format_suffix_is_the_same_weights_not_a_repack(resolver: Resolver) -> None:
    # "-hf" names the same weights in the transformers layout; the lab's repo without it is the model itself
    res = resolver.resolve("meta-llama/Llama-2-13b-chat-hf")
    assert _model_id(res) == "meta-llama/llama-2-13b-chat-hf"
    assert res.confidence == "known"


# ---- derivatives the KB does not know: the base is the name's claim ------------------------------------------


@pytest.mark.parametrize(("query", "claimed", "relation"), [
    ("mlabonne/Meta-Llama-3.1-8B-Instruct-abliterated", "meta-llama/llama-3.1-8b-instruct", "finetune"),
    # (lightblue/DeepSeek-R1-Distill-Qwen-7B-Japanese was this example until prov32 recorded it from its card)
    ("example-lab/DeepSeek-R1-Distill-Qwen-7B-Korean", "deepseek-ai/deepseek-r1-distill-qwen-7b", "finetune"),
    ("acme-corp/Qwen2.5-7B-Instruct-sft-medical", "qwen/qwen2.5-7b-instruct", "finetune"),
    ("jdoe/Mistral-7B-Instruct-v0.2-lora-support-tickets", "mistralai/mistral-7b-instruct-v0.2", "adapter"),
    # the base at the end of the name ("<name>-<base>"), spelt the way people write Llama 3
    ("example-lab/Hermes-Style-Llama-3-8B", "meta-llama/meta-llama-3-8b", "finetune"),
])
def test_derivative_named_after_a_known_model_is_a_claim_not_a_fact(
        resolver: Resolver, query: str, claimed: str, relation: str) -> None:
    res = resolver.resolve(query)
    account = query.split("/")[0]
    assert _model_id(res) == query.lower()
    assert (res.publisher or {}).get("id") == account.lower()
    edge = _parent_edge(res)
    assert edge and edge["parent"] == claimed and edge["relation"] == relation
    assert edge.get("source") == "name"
    # nothing here is a knowledge-base fact: not confident, no license, origins only a lower bound
    assert res.confidence == "unknown"
    assert res.license is None
    assert res.origins_known is False
    assert set(res.origins or ()) >= _origins_of(resolver, claimed)
    assert "claims" in (res.reason or "")


def test_a_lora_suffix_is_an_adapter_claim_not_a_quantization(resolver: Resolver) -> None:
    # "-lora" was stripped like a packaging word and read as a repack (relation quantization, license inherited)
    res = resolver.resolve("jdoe/Llama-3.2-3B-Instruct-lora")
    edge = _parent_edge(res)
    assert edge and edge["parent"] == "meta-llama/llama-3.2-3b-instruct" and edge["relation"] == "adapter"
    assert res.confidence == "unknown" and res.license is None
    assert removed_suffixes("Llama-3.2-3B-Instruct-lora-GGUF") == ["gguf", "lora"]


def test_a_quant_of_an_unknown_derivative_has_no_base_but_keeps_the_claimed_origins(resolver: Resolver) -> None:
    # the GGUF packages "<someone>/Qwen2.5-14B-Instruct-acme-sft", which the KB does not know: its immediate base is
    # that unknown repo, so no edge is given; Qwen's CN is still a (claimed) lower bound for a policy. (The example
    # was huihui-ai's Qwen2.5-14B-Instruct-abliterated until the KB gained a record for it.)
    res = resolver.resolve("mradermacher/Qwen2.5-14B-Instruct-acme-sft-GGUF")
    assert _model_id(res) == "mradermacher/qwen2.5-14b-instruct-acme-sft-gguf"
    assert (res.publisher or {}).get("id") == "mradermacher"
    assert res.edges is None and res.license is None
    assert res.confidence == "unknown" and res.origins_known is False
    assert res.origins and "CN" in res.origins


@pytest.mark.parametrize("query", [
    "Qwen/Some-Future-Model-Nobody-Has-Heard-Of",  # the lab's own org: no claim about its own models
    "acme-corp/totally-new-assistant-7b",  # no known model in the name
    "models/Qwen2.5-7B-Instruct-sft",  # a local folder, not an account
])
def test_no_claim_without_a_third_party_account_and_a_known_name(resolver: Resolver, query: str) -> None:
    res = resolver.resolve(query)
    edge = _parent_edge(res)
    assert edge is None or edge.get("source") != "name"


# ---- a name that only looks like a family ---------------------------------------------------------------------


def test_third_party_repo_matching_only_a_family_pattern_is_not_the_labs(resolver: Resolver) -> None:
    # no known model in the name, but the Mistral Small family pattern matches: the publisher is the account (it was
    # Mistral AI, with its country, at confidence "inferred"); Mistral's FR stays as a lower bound from the name
    for query in ("acme-corp/Mistral-Small-Instruct-AWQ", "acme-corp/Mistral-Small-Instruct"):
        res = resolver.resolve(query)
        fid = (res.model or {}).get("family")
        assert fid == "mistral-small" and _model_id(res) is None, query
        assert res.publisher == {"id": "acme-corp", "name": "acme-corp", "country": None}, query
        assert res.origins_known is False and res.origins == ("FR",), query
    # the family's license (when the whole family shares one) only for a re-packaging; never for a fine-tune
    repack = resolver.resolve("acme-corp/Mistral-Small-Instruct-AWQ")
    assert (repack.license or {}).get("id") == resolver._family_license("mistral-small")
    assert resolver.resolve("acme-corp/Mistral-Small-Instruct").license is None


# ---- spellings ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "model"), [
    ("groq/gemma2-9b-it", "google/gemma-2-9b-it"),
    ("casperhansen/llama-3-8b-instruct-awq", "casperhansen/llama-3-8b-instruct-awq"),
])
def test_family_words_with_or_without_a_dash_and_meta_prefix(resolver: Resolver, query: str, model: str) -> None:
    res = resolver.resolve(query)
    assert _model_id(res) == model
    assert res.origins and "US" in res.origins


def test_conversion_suffixes_strip() -> None:
    assert strip_quant("bge-small-en-v1.5-onnx-Q") == ("bge-small-en-v1.5", True)
    assert strip_quant("Llama-3-8B-Instruct-q4f16_1-MLC") == ("Llama-3-8B-Instruct", True)
    assert normalise(normalise("Phi-3-mini-4k-instruct-ct2")) == normalise("Phi-3-mini-4k-instruct-ct2")


# ---- files and Ollama user uploads named after a derivative ------------------------------------------------


@pytest.mark.parametrize(("query", "country"), [
    ("Meta-Llama-3.1-8B-Instruct-abliterated.Q4_K_M.gguf", "US"),
    ("DeepSeek-R1-Distill-Qwen-14B-Uncensored.Q5_K_M.gguf", "CN"),
])
def test_a_weights_file_of_a_derivative_is_not_the_original(resolver: Resolver, query: str, country: str) -> None:
    # the file holds a derivative, not the lab's model: no model id, no publisher, no base edge (its immediate base
    # is the unknown derivative), no license; the claimed ancestor's country is a lower bound
    res = resolver.resolve(query)
    assert _model_id(res) is None and res.publisher is None
    assert res.edges is None and res.license is None
    assert res.confidence == "unknown" and res.origins_known is False
    assert res.origins and country in res.origins


def test_a_file_named_exactly_after_the_model_still_denotes_it(resolver: Resolver) -> None:
    res = resolver.resolve("Mistral-7B-Instruct-v0.3-Q6_K.gguf")
    assert _model_id(res) == "mistralai/mistral-7b-instruct-v0.3"
    assert res.confidence == "inferred"


def test_ollama_user_upload_with_a_quant_tag_keeps_the_names_claim(resolver: Resolver) -> None:
    res = resolver.resolve("jdoe/qwen2.5-7b-instruct-zorblated:q4_k_m")
    assert _model_id(res) == "jdoe/qwen2.5-7b-instruct-zorblated"
    edge = _parent_edge(res)
    assert edge and edge["parent"] == "qwen/qwen2.5-7b-instruct" and edge.get("source") == "name"
    assert res.confidence == "unknown"
    # a tag that picks a size or variant is the user's choice: nothing is claimed
    assert _parent_edge(resolver.resolve("jdoe/qwen2.5-7b-instruct-zorblated:14b")) is None


def test_a_hosted_derivative_keeps_its_server_and_only_a_claimed_base(resolver: Resolver) -> None:
    # served_by comes from the form (the provider prefix); the model facts are still only the name's claim
    res = resolver.resolve("together_ai/acme-corp/Qwen2.5-7B-Instruct-sft-medical")
    assert (res.served_by or {}).get("id") == "together-ai"
    edge = _parent_edge(res)
    assert edge and edge["parent"] == "qwen/qwen2.5-7b-instruct" and edge.get("source") == "name"
    assert res.confidence == "unknown"
    # the same name without a prefix names no server
    assert resolver.resolve("acme-corp/Qwen2.5-7B-Instruct-sft-medical").served_by is None


# ---- a lab re-packaging another lab's model ------------------------------------------------------------------


@pytest.mark.parametrize(("query", "original"), [
    ("nvidia/Llama-3.1-8B-Instruct-FP8", "meta-llama/llama-3.1-8b-instruct"),
    ("nvidia/DeepSeek-R1-FP4", "deepseek-ai/deepseek-r1"),
])
def test_a_labs_fp8_of_another_labs_model_is_a_quantization_without_an_inherited_license(
        resolver: Resolver, query: str, original: str) -> None:
    res = resolver.resolve(query)
    assert _model_id(res) == query.lower()
    assert (res.publisher or {}).get("id") == "nvidia"
    edge = _parent_edge(res)
    assert edge and (edge["parent"], edge["relation"]) == (original, "quantization")
    # a lab adds its own terms to its repacks; the license is not asserted by the repack rule
    assert res.license is None
    assert set(res.origins or ()) == {"US"} | _origins_of(resolver, original)


@pytest.mark.parametrize(("name", "stripped"), [
    ("Llama-3.1-8B-Instruct-FP8-KV", "Llama-3.1-8B-Instruct"),
    ("Qwen2.5-7B-Instruct-int4-inc", "Qwen2.5-7B-Instruct"),
    ("DeepSeek-R1-FP4", "DeepSeek-R1"),
])
def test_vendor_quantization_suffixes_strip(name: str, stripped: str) -> None:
    assert strip_quant(name) == (stripped, True)


def test_a_format_word_inside_the_models_own_name_survives_the_claim(resolver: Resolver) -> None:
    # "-hf" is part of Meta's repo name; stripping it with "-lora" claimed the wrong model (or none)
    edge = _parent_edge(resolver.resolve("jdoe/Llama-2-7b-chat-hf-lora"))
    assert edge and edge["parent"] == "meta-llama/llama-2-7b-chat-hf" and edge["relation"] == "adapter"


def test_a_known_orgs_copy_under_the_originals_exact_name_is_a_repackaging_not_a_claimed_finetune(
        resolver: Resolver) -> None:
    # NousResearch re-uploaded Meta's Llama 3 weights under Meta's repo name: the same weights, republished by
    # NousResearch; before, the name claim read it as a fine-tune of the *base* model "Meta-Llama-3-8B"
    res = resolver.resolve("NousResearch/Meta-Llama-3-8B-Instruct")
    assert (res.publisher or {}).get("id") == "nousresearch"
    edge = _parent_edge(res)
    assert edge and (edge["parent"], edge["relation"]) == ("meta-llama/meta-llama-3-8b-instruct", "quantization")
    assert edge.get("source") != "name"


def test_an_inherited_license_says_where_it_comes_from(resolver: Resolver) -> None:
    res = resolver.resolve("ChristianAzinn/bge-small-en-v1.5-gguf")
    assert res.license is not None
    assert "license is baai/bge-small-en-v1.5's" in (res.reason or "")


def test_a_record_without_a_recorded_base_gets_only_claimed_lower_bound_origins_from_its_name(
        resolver: Resolver) -> None:
    # e.g. a KB derivative whose card was not read for its base ("...-Llama-3.1-8B", "...-abliterated"): its name's
    # model widens the origins (marked as a claim) but adds no edge and never makes the origins complete
    seen = 0
    for mid, rec in resolver.kb.models.items():
        if "base" in rec or not rec.get("hf"):
            continue
        res = resolver.resolve(mid)
        claimed = [r for r in res.origin_reasons if r.get("claim")]
        if not claimed:
            continue
        seen += 1
        assert res.origins_known is False, mid
        assert {r["country"] for r in claimed} <= set(res.origins or ()), mid
        assert all(r["claim"] == f"the name of {mid}" or r["claim"].startswith("the name of ") for r in claimed)
        assert not any(e.get("source") == "name" for e in res.edges or ()), mid
    assert seen >= 5  # the KB has such records (R1-distill abliterations, Llama-named fine-tunes, sentence-T5s)
