"""Session 38 (brief prov42): key 35's misses by general cause.

* A hosted id whose last part spells a publisher's own quantized build's repo name (case aside) is that build, a
  quantization of the open model, at confidence ``inferred``; a precision word with no such build keeps the open model.
* Shanghai_AI_Laboratory is InternLM's ModelScope organisation: a name there that the knowledge base does not hold
  still has InternLM (CN) as publisher.
* A repo named by a bare word ("cwaud/test") is no name claim of another account's repo of that word; online,
  its adapter_config.json gives the base.
* litellm's ``bigmodel/`` prefix is Zhipu's BigModel platform; GLM-5.x and Kimi K<N> API names give their maker.
"""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.provenance.resolver import resolve
from tests.provenance.loopback import enrich_with_adapter_config


def _edges(query: str) -> list[tuple[str, str, str]]:
    res = resolve(query).to_dict()
    return [(e["child"], e["relation"], e["parent"]) for e in res.get("edges") or []]


@pytest.mark.parametrize("query", ["cloudflare/@cf/qwen/qwen3-30b-a3b-fp8", "@cf/qwen/qwen3-30b-a3b-fp8",
                                   "novita/qwen/qwen3-4b-fp8"])
def test_host_slug_of_a_first_party_fp8_build_is_that_build(query: str) -> None:
    res = resolve(query).to_dict()
    build = query.rsplit("/", 1)[-1]
    assert res["model"]["id"] == f"qwen/{build}"
    # the weights are one quantization from the open model: never the open model's own base as theirs
    assert _edges(query)[0] == (f"qwen/{build}", "quantization", f"qwen/{build.removesuffix('-fp8')}")
    assert res["served_by"] is not None
    assert res["confidence"] == "inferred"


def test_a_precision_word_with_no_build_of_that_name_keeps_the_open_model() -> None:
    res = resolve("cloudflare/@cf/meta/llama-2-7b-chat-int8").to_dict()
    assert res["model"]["id"] == "meta-llama/llama-2-7b-chat-hf"


@pytest.mark.parametrize(("query", "model_id"), [
    ("Shanghai_AI_Laboratory/internlm-xcomposer2-vl-7b", "internlm/internlm-xcomposer2-vl-7b"),
    ("Shanghai_AI_Laboratory/internlm-xcomposer2-vl-1_8b", "internlm/internlm-xcomposer2-vl-1_8b"),
])
def test_modelscope_org_of_internlm_resolves_to_the_hub_record(query: str, model_id: str) -> None:
    res = resolve(query).to_dict()
    assert res["model"]["id"] == model_id
    assert res["publisher"]["id"] == "internlm" and res["publisher"]["country"] == "CN"
    assert res["license"]["id"] == "internlm"


def test_a_first_party_4bit_build_is_a_quantization_of_the_model_it_names() -> None:
    assert _edges("Shanghai_AI_Laboratory/internlm-xcomposer2-7b-4bit")[0] == (
        "internlm/internlm-xcomposer2-7b-4bit", "quantization", "internlm/internlm-xcomposer2-7b")


def test_an_unknown_name_under_internlms_modelscope_org_keeps_the_publisher() -> None:
    res = resolve("Shanghai_AI_Laboratory/internlm-xcomposer9-foo").to_dict()
    assert res["publisher"]["id"] == "internlm" and res["publisher"]["country"] == "CN"


@pytest.mark.parametrize(("query", "publisher", "served"), [
    ("bigmodel/glm-5.3-flashx", "zhipu", "zhipu-bigmodel"),
    ("moonshot/kimi-k3.1-pro", "moonshot", "moonshot-cn"),
])
def test_a_makers_api_name_of_a_new_generation_gives_the_maker(query: str, publisher: str, served: str) -> None:
    res = resolve(query).to_dict()
    assert res["publisher"]["id"] == publisher and res["publisher"]["country"] == "CN"
    assert res["served_by"]["id"] == served
    assert res["license"] is None  # the name gives the maker, not a licence


def test_bigmodel_prefix_names_zhipus_platform_for_a_known_api_name() -> None:
    res = resolve("bigmodel/glm-4-plus").to_dict()
    assert res["model"]["id"] == "zhipu/glm-4-plus"
    assert res["served_by"]["id"] == "zhipu-bigmodel"


def test_a_bare_word_repo_name_is_no_claim_of_another_accounts_repo() -> None:
    # the knowledge base holds Norrawee/test; cwaud/test shares only the word "test", which names no model
    res = resolve("cwaud/test").to_dict()
    assert not any(e["parent"] == "norrawee/test" for e in res.get("edges") or [])
    assert res["confidence"] == "unknown"


def test_an_exact_model_name_under_another_account_is_still_a_name_claim() -> None:
    res = resolve("acme-mirror/Qwen2.5-7B-Instruct").to_dict()
    assert (res["edges"][0]["parent"], res["edges"][0].get("source")) == ("qwen/qwen2.5-7b-instruct", "name")


def test_online_the_adapter_config_gives_a_bare_word_repo_its_base(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Any) -> None:
    offline = resolve("cwaud/test")
    enriched, _served = enrich_with_adapter_config(monkeypatch, tmp_path, offline, "cwaud/test",
                                                   "Qwen/Qwen2.5-1.5B-Instruct", rank=8)
    res = enriched.to_dict()
    assert res["model"]["id"] == "cwaud/test"
    assert [(e["relation"], e["parent"]) for e in res["edges"] if e["child"] == "cwaud/test"] == [
        ("adapter", "qwen/qwen2.5-1.5b-instruct")]
    assert res["origins"] == ["CN"] and res["origins_known"] is False


def test_an_ollama_size_tag_shared_by_two_releases_gives_their_common_licence_only() -> None:
    # qwen3-vl:8b is Qwen3-VL-8B-Instruct or -Thinking: which one is not said, but both are Apache-2.0
    res = resolve("qwen3-vl:8b").to_dict()
    assert res["model"]["id"] is None
    assert res["publisher"]["id"] == "qwen"
    assert res["license"]["id"] == "apache-2.0"
    assert res["confidence"] != "known"


def test_the_ollama_library_tag_of_minicpm_v_4_5_is_the_model() -> None:
    res = resolve("minicpm-v4.5:8b").to_dict()
    assert res["model"]["id"] == "openbmb/minicpm-v-4_5"
    assert res["edges"][0]["parent"] == "qwen/qwen3-8b"


def test_online_a_hub_cache_folder_in_the_adapter_config_names_its_hub_repo(monkeypatch: pytest.MonkeyPatch,
                                                                             tmp_path: Any) -> None:
    # an adapter trained from a local huggingface_hub cache copy writes that folder as its base
    repo = "someone-z/Chinese-chat-7B-sft-v0.3"
    offline = resolve(repo)
    cache = ("/root/.cache/huggingface/hub/models--meta-llama--Llama-2-7b-chat-hf/snapshots/"
             "08751db2aca9bf2f7f80d2e516117a53d7450235")
    enriched, _served = enrich_with_adapter_config(monkeypatch, tmp_path, offline, repo, cache)
    res = enriched.to_dict()
    me = repo.lower()
    assert [(e["relation"], e["parent"]) for e in res["edges"] if e["child"] == me] == [
        ("adapter", "meta-llama/llama-2-7b-chat-hf")]


@pytest.mark.parametrize("path", ["/root/LLaMA-Factory/models/Qwen2.5-14B-Instruct-GPTQ-Int8", "models--a--b--c",
                                  "./output/checkpoint-500"])
def test_a_local_path_that_is_no_hub_cache_folder_names_no_base(path: str) -> None:
    from modelmap.provenance.online import hub_id_of_path

    assert hub_id_of_path(path) is None
