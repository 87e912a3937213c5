"""Session 35 (prov35): the held-out-28 key's misses.

1. An Ollama tag that spells out the size's default checkpoint by its own name words before the quantisation
   ("mistral-nemo:12b-instruct-2407-q4_K_M", "mixtral:8x7b-instruct-v0.1-q4_K_M") is that default checkpoint; a word
   the default's name lacks ("-text", another date) is refused.
2. Records read for the derivative rows: OpenChat 3.5 and 3.5-0106 on Mistral-7B-v0.1, Starling-LM-7B-beta's
   licence, Vicuna v1.5 16k on Llama 2, Mistral-7B-v0.3-Chinese-Chat on Mistral-7B-Instruct-v0.3.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import license_id as _lic
from tests.provenance.record_fields import model_id as _mid
from tests.provenance.record_fields import parents as _parents


@pytest.mark.parametrize(("query", "model", "parent"), [
    ("mistral-nemo:12b-instruct-2407-q4_K_M", "mistralai/mistral-nemo-instruct-2407", "mistralai/mistral-nemo-base-2407"),
    ("mistral-nemo:12b-instruct-2407", "mistralai/mistral-nemo-instruct-2407", "mistralai/mistral-nemo-base-2407"),
    ("mixtral:8x7b-instruct-v0.1-q4_K_M", "mistralai/mixtral-8x7b-instruct-v0.1", "mistralai/mixtral-8x7b-v0.1"),
    ("mixtral:8x7b-instruct-v0.1-fp16", "mistralai/mixtral-8x7b-instruct-v0.1", "mistralai/mixtral-8x7b-v0.1"),
])
def test_ollama_tag_spelling_out_the_default_checkpoint(query: str, model: str, parent: str) -> None:
    rec = resolve(query).to_dict()
    assert _mid(rec) == model
    assert _parents(rec) == [parent]
    assert _lic(rec) == "apache-2.0"


@pytest.mark.parametrize("query", [
    # a word the default checkpoint's name lacks names another checkpoint
    "mixtral:8x7b-text-v0.1-q4_K_M",
    "mistral-nemo:12b-instruct-2409-q4_K_M",
    # the size is not the default tag's size
    "mixtral:8x22b-instruct-v0.1-q4_K_M",
])
def test_ollama_tag_with_a_word_the_default_lacks_is_not_the_default(query: str) -> None:
    rec = resolve(query).to_dict()
    assert _mid(rec) not in ("mistralai/mixtral-8x7b-instruct-v0.1", "mistralai/mistral-nemo-instruct-2407")


@pytest.mark.parametrize(("query", "model", "parent", "licence"), [
    ("openchat/openchat_3.5", "openchat/openchat_3.5", "mistralai/mistral-7b-v0.1", "apache-2.0"),
    ("openchat/openchat-3.5-0106", "openchat/openchat-3.5-0106", "mistralai/mistral-7b-v0.1", "apache-2.0"),
    ("typeof/openchat_3.5-sharded", "typeof/openchat_3.5-sharded", "openchat/openchat_3.5", "apache-2.0"),
    ("Nexusflow/Starling-LM-7B-beta", "nexusflow/starling-lm-7b-beta", "openchat/openchat-3.5-0106", "apache-2.0"),
    ("lmsys/vicuna-13b-v1.5-16k", "lmsys/vicuna-13b-v1.5-16k", "meta-llama/llama-2-13b-hf", "llama2"),
    ("shenzhi-wang/Mistral-7B-v0.3-Chinese-Chat", "shenzhi-wang/mistral-7b-v0.3-chinese-chat",
     "mistralai/mistral-7b-instruct-v0.3", "apache-2.0"),
])
def test_derivative_records_read_for_key_28(query: str, model: str, parent: str, licence: str) -> None:
    rec = resolve(query).to_dict()
    assert _mid(rec) == model
    assert _parents(rec) == [parent]
    assert _lic(rec) == licence


def test_openchat_lineage_carries_the_mistral_country() -> None:
    # Starling <- OpenChat 3.5 0106 (Tsinghua team, CN) <- Mistral-7B-v0.1 (FR)
    rec = resolve("QuantFactory/Starling-LM-7B-beta-GGUF").to_dict()
    assert {"CN", "FR"} <= set(rec.get("origins") or [])


@pytest.mark.parametrize(("query", "model", "country", "served"), [
    ("qwen-plus-character", "qwen/qwen-plus-character", "CN", None),
    ("tongyi-intent-detect-v3", "qwen/tongyi-intent-detect-v3", "CN", None),
    ("gpt-4-1106-vision-preview", "openai/gpt-4-1106-vision-preview", "US", None),
    ("vertex_ai/chat-bison@002", "google/chat-bison-002", "US", "vertex-ai"),
    ("stability.stable-image-core-v1:1", "stabilityai/stable-image-core-v1.1", "GB", "aws-bedrock"),
    ("stability.stable-image-core-v1:0", "stabilityai/stable-image-core", "GB", "aws-bedrock"),
])
def test_api_only_names_read_for_key_28(query: str, model: str, country: str, served: str | None) -> None:
    rec = resolve(query).to_dict()
    assert _mid(rec) == model
    assert _lic(rec) == "proprietary"
    assert (rec.get("publisher") or {}).get("country") == country
    assert _parents(rec) == []
    assert ((rec.get("served_by") or {}).get("id")) == served


@pytest.mark.parametrize(("query", "model", "parent", "licence"), [
    # Fireworks' own open-weights model behind its path form: the Hub repo of the same name
    ("accounts/fireworks/models/firefunction-v1", "fireworks-ai/firefunction-v1",
     "mistralai/mixtral-8x7b-instruct-v0.1", "apache-2.0"),
    ("SparseCL/GTE-SparseCL-arguana", "sparsecl/gte-sparsecl-arguana", "alibaba-nlp/gte-large-en-v1.5", None),
    ("dahwinsingularity/gte-large-en-fp16", "dahwinsingularity/gte-large-en-fp16", "alibaba-nlp/gte-large-en-v1.5",
     None),
])
def test_config_named_parents_read_for_key_28(query: str, model: str, parent: str, licence: str | None) -> None:
    rec = resolve(query).to_dict()
    assert _mid(rec) == model
    assert _parents(rec) == [parent]
    if licence:
        assert _lic(rec) == licence


@pytest.mark.parametrize(("query", "model", "parent", "licence"), [
    # a ModelScope mirror LLaMA-Factory pairs with the Hub repo resolves to the Hub repo's record
    ("swift/llava-1.5-7b-hf", "llava-hf/llava-1.5-7b-hf", "liuhaotian/llava-v1.5-7b", "llama2"),
    ("deepseek-ai/deepseek-coder-7b-instruct-v1.5", "deepseek-ai/deepseek-coder-7b-instruct-v1.5",
     "deepseek-ai/deepseek-coder-7b-base-v1.5", "deepseek-model"),
])
def test_corrections_and_mirrors_read_for_key_28(query: str, model: str, parent: str, licence: str) -> None:
    rec = resolve(query).to_dict()
    assert _mid(rec) == model
    assert _parents(rec) == [parent]
    assert _lic(rec) == licence


def test_qwen25_14b_instruct_1m_licence() -> None:
    assert _lic(resolve("Qwen/Qwen2.5-14B-Instruct-1M").to_dict()) == "apache-2.0"


def test_renamed_katanemo_org_resolves_to_the_current_record() -> None:
    rec = resolve("katanemolabs/Arch-Function-Calling-1.5B").to_dict()
    assert _mid(rec) == "katanemo/arch-function-1.5b"
    assert _parents(rec) == ["qwen/qwen2.5-1.5b-instruct"]


@pytest.mark.parametrize(("query", "parent"), [
    ("NousResearch/Hermes-2-Theta-Llama-3-8B-GGUF", "nousresearch/hermes-2-theta-llama-3-8b"),
    ("QuantFactory/Hermes-2-Theta-Llama-3-8B-GGUF", "nousresearch/hermes-2-theta-llama-3-8b"),
])
def test_hermes_2_theta_repacks_name_the_8b_merge(query: str, parent: str) -> None:
    rec = resolve(query).to_dict()
    assert _parents(rec) == [parent]
    assert "US" in (rec.get("origins") or [])


def test_hermes_2_theta_is_a_merge_of_hermes_2_pro_and_llama_3_instruct() -> None:
    rec = resolve("NousResearch/Hermes-2-Theta-Llama-3-8B").to_dict()
    assert _parents(rec) == ["nousresearch/hermes-2-pro-llama-3-8b", "meta-llama/meta-llama-3-8b-instruct"]


@pytest.mark.parametrize(("query", "model", "licence", "served"), [
    # OpenRouter's community-merge ids name the Hub repos of the same spelling
    ("openrouter/undi95/remm-slerp-l2-13b", "undi95/remm-slerp-l2-13b", "cc-by-nc-4.0", "openrouter"),
    ("openrouter/pygmalionai/mythalion-13b", "pygmalionai/mythalion-13b", "llama2", "openrouter"),
    ("tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.3", "tokyotech-llm/llama-3.1-swallow-8b-instruct-v0.3",
     "llama3.1", None),
])
def test_community_records_read_for_key_28(query: str, model: str, licence: str, served: str | None) -> None:
    rec = resolve(query).to_dict()
    assert _mid(rec) == model
    assert _lic(rec) == licence
    assert ((rec.get("served_by") or {}).get("id")) == served
    # no weight parent was read for these: none is claimed
    assert _parents(rec) == []


def test_swallow_second_licence_keeps_the_answer_unconfident() -> None:
    # the header lists llama3.1 and gemma: the licence is given with the other one beside it, not as a confident answer
    rec = resolve("tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.3").to_dict()
    assert rec.get("confidence") == "unknown"


@pytest.mark.parametrize(("query", "served"), [
    ("vercel_ai_gateway/mistral/mistral-saba-24b", "vercel-ai-gateway"),
    ("groq/mistral-saba-24b", "groq"),
])
def test_gateway_spelling_of_mistral_saba_is_the_api_only_family(query: str, served: str) -> None:
    rec = resolve(query).to_dict()
    # the family (API only, no weights), not a pinned snapshot
    assert _mid(rec) is None
    assert _lic(rec) == "proprietary"
    assert (rec.get("publisher") or {}).get("country") == "FR"
    assert ((rec.get("served_by") or {}).get("id")) == served
