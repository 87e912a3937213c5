"""Session 34 (brief prov38): key 31's misses by cause.

* An Ollama library tag the knowledge base does not list, whose library name, size and words spell one release's
  Hub name ("qwen3:4b-thinking-2507-q4_K_M"), is that release (the library's tag naming), never a guess among several.
* A llama.cpp quantisation type written with hyphens or a glued "k" ("-q4-k-m", "-q4k-k-s") is packaging, as "-Q4_K_M"
  is, so a GGUF file named that way denotes the original it packages.
* An API name the maker's docs describe as its open release served at another context length is that release
  (Z.ai's glm-4-32b-0414-128k), and a dated API name whose date is an open release's version is that release
  (Mistral's mistral-medium-2604, version 26.04).
"""

from __future__ import annotations

import json

import pytest

from modelmap.knowledge import load
from modelmap.provenance.normalize import normalise, strip_quant
from modelmap.provenance.resolver import Resolver, resolve


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load())


@pytest.mark.parametrize(("query", "want"), [
    ("qwen3:4b-thinking-2507-q4_K_M", "qwen/qwen3-4b-thinking-2507"),
    ("qwen3:4b-thinking-2507", "qwen/qwen3-4b-thinking-2507"),
    ("qwen3:4b-instruct-2507-q8_0", "qwen/qwen3-4b-instruct-2507"),
])
def test_an_unlisted_ollama_tag_that_spells_one_release_is_that_release(resolver: Resolver, query: str,
                                                                        want: str) -> None:
    kb = load()
    assert query.lower() not in kb.alias_index and query.split("-q")[0].lower() not in kb.alias_index
    res = resolver.resolve(query)
    assert res.model is not None and res.model["id"] == want
    assert res.confidence == "inferred"  # the library's tag naming, not a listed tag
    assert res.license is not None and res.license["id"] == kb.models[want]["license"]


@pytest.mark.parametrize("query", [
    "qwen3:4b-thinking-2602-q4_K_M",  # a date no Qwen3 4B release has
    "qwen3:4b-foo",                   # a word no release's name has
])
def test_a_tag_no_release_spells_names_no_model(resolver: Resolver, query: str) -> None:
    res = resolver.resolve(query)
    assert res.model is None or res.model.get("id") is None


def test_the_rule_needs_the_library_to_belong_to_one_publisher() -> None:
    own = Resolver(load())
    libraries = own._ollama_library_publishers()
    assert libraries["qwen3"] == {"qwen"}
    assert own._tag_spells_release("qwen3", "4b", "thinking-2507") == "qwen/qwen3-4b-thinking-2507"
    # were the library's listed tags to package two publishers' models, its tag naming would say nothing
    own._ollama_libraries = {**libraries, "qwen3": {"qwen", "unsloth"}}
    assert own._tag_spells_release("qwen3", "4b", "thinking-2507") is None
    # an unlisted library has no publisher to spell a release of
    assert own._tag_spells_release("no-such-library", "4b", "thinking-2507") is None


@pytest.mark.parametrize(("name", "stripped"), [
    ("qwen-14b-chat-q4k-k-s.gguf", "qwen-14b-chat"),
    ("qwen-14b-chat-q4-k-m.gguf", "qwen-14b-chat"),
    ("Llama-2-7b-chat-Q4-K-M.gguf", "Llama-2-7b-chat"),
    ("mistral-7b-instruct-q8-0.gguf", "mistral-7b-instruct"),
    ("phi-2-q5k.gguf", "phi-2"),
])
def test_hyphenated_llama_cpp_quant_types_are_packaging(name: str, stripped: str) -> None:
    assert strip_quant(name) == (stripped, True)


@pytest.mark.parametrize("name", ["qwen2-vl-7b", "gemma-2-9b-it", "deepseek-v2-lite", "yi-1.5-9b-chat-16k"])
def test_names_without_a_quant_type_keep_their_words(name: str) -> None:
    assert normalise(name) == name


def test_a_gguf_file_with_a_hyphenated_quant_denotes_the_original(resolver: Resolver) -> None:
    res = resolver.resolve("qwen-14b-chat-q4k-k-s.gguf")
    assert res.model is not None and res.model["id"] == "qwen/qwen-14b-chat"
    assert res.license is not None and res.license["id"] == "qwen"


def test_zai_128k_api_name_is_the_open_glm_4_32b_0414() -> None:
    kb = load()
    assert "zhipu/glm-4-32b-0414-128k" not in kb.models
    res = resolve("zai/glm-4-32b-0414-128k")
    assert res.model is not None and res.model["id"] == "zai-org/glm-4-32b-0414"
    assert res.served_by is not None and res.served_by["id"] == "zai-api"
    assert [e["parent"] for e in res.edges] == ["zai-org/glm-4-32b-base-0414"]
    sources = kb.models["zai-org/glm-4-32b-0414"]["sources"]
    assert any("docs.z.ai" in s["url"] and "aliases" in s.get("covers", []) for s in sources)


def test_mistral_medium_2604_is_the_open_medium_3_5() -> None:
    res = resolve("mistral/mistral-medium-2604")
    assert res.model is not None and res.model["id"] == "mistralai/mistral-medium-3.5-128b"
    assert res.open_weights is True
    assert res.served_by is not None and res.served_by["id"] == "mistral-api"
    # Medium 3 (25.05) keeps its own API-only record under its own API name (on Mistral's API "mistral-medium-3" is now
    # an apiName of Medium 3.5: mistral-medium-3-5-26-04.ts; see test_prov41)
    older = resolve("mistral/mistral-medium-2505")
    assert older.model is not None and older.model["id"] == "mistral/mistral-medium-2505"


@pytest.mark.parametrize(("query", "lab"), [
    ("Ngit/peft-lora-deepseek6.7b", "deepseek"),  # the line's word glued to a parameter count
    ("acme/lora-qwen7b-chat-v2", "qwen"),
])
def test_a_line_word_glued_to_a_size_is_a_lower_bound_origin_claim(query: str, lab: str) -> None:
    res = resolve(query)
    assert res.confidence == "unknown" and res.origins_known is False
    assert res.license is None and not [e for e in res.edges or () if e["child"] == query.lower()]
    claims = [r for r in res.origin_reasons if r.get("claim")]
    assert claims and claims[0]["publishers"] == [lab] and claims[0]["country"] == "CN"


def test_a_word_that_only_starts_like_a_line_claims_nothing() -> None:
    assert resolve("acme/deepseekm").origins is None


@pytest.mark.parametrize(("query", "adapter_base", "parent"), [
    # key 31's community LoRAs: a name claiming several records, or no model at all; the adapter's config answers
    ("Bonnie422/GLM-4-4b-LoRa-gpt-pdfv2", "THUDM/glm-4-9b-chat", "zai-org/glm-4-9b-chat"),
    ("nativeanish/llama-ao", "deepseek-ai/deepseek-llm-7b-chat", "deepseek-ai/deepseek-llm-7b-chat"),
])
def test_online_the_adapter_config_answers_what_the_name_cannot(query: str, adapter_base: str, parent: str) -> None:
    from modelmap.provenance import online

    offline = resolve(query)
    assert offline.confidence == "unknown"
    assert not [e for e in offline.edges or () if e["child"] == query.lower() and e.get("source") != "name"]
    info = {"id": query, "author": query.split("/")[0], "cardData": {},
            "siblings": [{"rfilename": "adapter_config.json"}, {"rfilename": "adapter_model.safetensors"}]}
    config = json.dumps({"peft_type": "LORA", "base_model_name_or_path": adapter_base}).encode()
    data = online.from_model_info(info, lambda _name: config)
    res = online.enrich(offline, lambda _repo: data)
    mine = [e for e in res.edges or () if e["child"] == query.lower()]
    assert [(e["relation"], e["parent"]) for e in mine] == [("adapter", parent)]
    assert res.origins == ("CN",) and res.origins_known is False and res.confidence == "inferred"


@pytest.mark.parametrize(("query", "model", "publisher"), [
    ("aihubmix/gpt-4o", "openai/gpt-4o", "openai"),
    ("aihubmix/deepseek-v3", "deepseek-ai/deepseek-v3", "deepseek"),
    ("aihubmix/ernie-5.1", None, "baidu"),  # no record of ERNIE 5.1: Baidu's API-name shape, model unknown
])
def test_the_aihubmix_prefix_names_a_gateway_not_a_hub_account(query: str, model: str | None, publisher: str) -> None:
    res = resolve(query)
    assert (res.model or {}).get("id") == model
    assert res.publisher is not None and res.publisher["id"] == publisher
    assert res.served_by is not None and res.served_by["id"] == "aihubmix"
    assert res.served_by["kind"] == "router" and res.served_by["country"] is None


@pytest.mark.parametrize(("query", "want"), [
    ("vercel_ai_gateway/alibaba/qwen3-coder", "qwen/qwen3-coder-480b-a35b-instruct"),
    ("vercel_ai_gateway/alibaba/qwen3-coder-30b-a3b", "qwen/qwen3-coder-30b-a3b-instruct"),
])
def test_vercels_documented_names_for_qwen3_coder(query: str, want: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == want
    assert res.served_by is not None and res.served_by["id"] == "vercel-ai-gateway"


def test_vercels_name_is_applied_only_under_its_prefix() -> None:
    # the bare spelling is every gateway's and Ollama's "qwen3-coder" line: no one checkpoint
    assert (resolve("alibaba/qwen3-coder").model or {}).get("id") != "qwen/qwen3-coder-480b-a35b-instruct"


def test_a_quant_of_a_community_yarn_extension_keeps_its_cards_base_and_licence() -> None:
    res = resolve("mradermacher/Qwen-14b-chat-yarn-32k-GGUF")
    assert res.model is not None and res.model["id"] == "mradermacher/qwen-14b-chat-yarn-32k-gguf"
    assert [(e["relation"], e["parent"]) for e in res.edges or () if e["child"] == res.model["id"]] == [
        ("quantization", "yuyijiong/qwen-14b-chat-yarn-32k")]
    assert res.license is not None and res.license["id"] == "cc-by-nc-4.0"
    # the extension's own parent was not read: origins stay open, never Qwen's by the name alone as a fact
    assert res.origins_known is False


def test_deepseek_flash_is_deepseeks_time_varying_api_name() -> None:
    res = resolve("deepseek-flash")
    assert (res.model or {}).get("id") is None  # which weights answer a call is not pinned by the name
    assert res.publisher is not None and res.publisher["id"] == "deepseek"
    assert "time-varying" in (res.reason or "")
