"""Session 33 (prov33): records read for the held-out-26 key's misses.

1. API-only image / video / text models named by their cloud ids: Imagen 3 (002) and Veo 2 / Veo 3 preview behind
   ``vertex_ai/``, Writer's Palmyra X5 and Stability's Stable Image Ultra 1.1 as Bedrock ids (also cross-Region).
2. Groq's open-weight tool-use fine-tune of Llama 3 8B, under its Hub id, its Groq API name and a community GGUF.
3. Licences and bases read from the repos' own cards: Upstage's SOLAR instruct model (cc-by-nc-4.0, fine-tuned from
   the pretrained SOLAR), HFL's Chinese-LLaMA-2-7B (declared apache-2.0).
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import license_id as _lic
from tests.provenance.record_fields import parents as _parents


@pytest.mark.parametrize(("query", "model", "server"), [
    ("vertex_ai/imagen-3.0-generate-002", "google/imagen-3.0-generate-002", "vertex-ai"),
    ("vertex_ai/veo-2.0-generate-001", "google/veo-2.0-generate-001", "vertex-ai"),
    ("vertex_ai/veo-3.0-generate-preview", "google/veo-3.0-generate-preview", "vertex-ai"),
    ("us.writer.palmyra-x5-v1:0", "writer/palmyra-x5", "aws-bedrock"),
    ("writer.palmyra-x5-v1:0", "writer/palmyra-x5", "aws-bedrock"),
    ("stability.stable-image-ultra-v1:1", "stabilityai/stable-image-ultra-v1.1", "aws-bedrock"),
])
def test_cloud_ids_of_api_only_models(query: str, model: str, server: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert _lic(rec) == "proprietary"
    assert rec.get("open_weights") is False
    assert (rec.get("served_by") or {}).get("id") == server


def test_writer_has_no_guessed_country() -> None:
    rec = resolve("us.writer.palmyra-x5-v1:0").to_dict()
    assert (rec.get("publisher") or {}).get("country") is None
    assert not rec.get("origins")


@pytest.mark.parametrize("query", ["Groq/Llama-3-Groq-8B-Tool-Use", "groq/llama3-groq-8b-8192-tool-use-preview"])
def test_groq_tool_use_model_is_a_llama3_finetune(query: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == "groq/llama-3-groq-8b-tool-use"
    assert _lic(rec) == "llama3"
    assert _parents(rec) == ["meta-llama/meta-llama-3-8b"]
    assert rec.get("origins") == ["US"]


def test_groq_api_name_is_served_by_groq() -> None:
    rec = resolve("groq/llama3-groq-8b-8192-tool-use-preview").to_dict()
    assert (rec.get("served_by") or {}).get("id") == "groq"


def test_community_gguf_of_the_groq_model_takes_it_as_base() -> None:
    rec = resolve("mradermacher/Llama-3-Groq-8B-Tool-Use-GGUF").to_dict()
    assert _parents(rec) == ["groq/llama-3-groq-8b-tool-use"]
    assert _lic(rec) == "llama3"


def test_solar_instruct_licence_and_base_from_its_card() -> None:
    rec = resolve("upstage/SOLAR-10.7B-Instruct-v1.0").to_dict()
    assert _lic(rec) == "cc-by-nc-4.0"
    assert _parents(rec) == ["upstage/solar-10.7b-v1.0"]
    assert rec.get("confidence") == "known"


def test_hfl_chinese_llama_2_declared_licence() -> None:
    rec = resolve("hfl/chinese-llama-2-7b").to_dict()
    assert _lic(rec) == "apache-2.0"
    assert _parents(rec) == ["meta-llama/llama-2-7b-hf"]


# --- served_by: a lab API's dated snapshot of a name the shipped catalogue holds undated ---------------------

@pytest.mark.parametrize(("query", "model"), [
    ("mistral/devstral-small-2507", "mistralai/devstral-small-2507"),
    ("mistral/open-mistral-nemo-2407", "mistralai/mistral-nemo-instruct-2407"),
])
def test_mistral_dated_api_names_are_served_by_mistral(query: str, model: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert (rec.get("served_by") or {}).get("id") == "mistral-api"


def test_dated_snapshot_providers_come_from_catalogue_pairs() -> None:
    from modelmap.provenance.hosted import dated_snapshot_providers

    found = dated_snapshot_providers()
    assert "mistral-api" in found  # codestral-2508 beside codestral, mistral-large-2512 beside mistral-large
    assert "deepseek-api" not in found  # DeepSeek's API takes deepseek-chat / deepseek-reasoner, no dated names


@pytest.mark.parametrize("query", [
    "deepseek/deepseek-r1-0528",  # OpenRouter's spelling of the Hub release; DeepSeek's API names no dated snapshot
    "anthropic/claude-3.5-sonnet-20240620",  # a gateway's dotted spelling stays no evidence
])
def test_dated_gateway_spellings_name_no_server(query: str) -> None:
    assert resolve(query).to_dict().get("served_by") is None


# --- batch 2 of records read from the repos' own pages ----------------------------------------------------------

@pytest.mark.parametrize(("query", "model", "lic", "parents"), [
    ("mlabonne/NeuralBeagle14-7B", "mlabonne/neuralbeagle14-7b", "cc-by-nc-4.0", ["mlabonne/beagle14-7b"]),
    ("mlabonne/NeuralBeagle14-7B-GGUF", "mlabonne/neuralbeagle14-7b-gguf", "cc-by-nc-4.0",
     ["mlabonne/neuralbeagle14-7b"]),
    ("shenzhi-wang/Gemma-2-9B-Chinese-Chat", "shenzhi-wang/gemma-2-9b-chinese-chat", "gemma", ["google/gemma-2-9b-it"]),
    ("wangshenzhi/gemma2-9b-chinese-chat", "shenzhi-wang/gemma-2-9b-chinese-chat", "gemma", ["google/gemma-2-9b-it"]),
    ("llmware/gemma-2-9b-instruct-gguf", "llmware/gemma-2-9b-instruct-gguf", "gemma", ["google/gemma-2-9b-it"]),
    ("llmware/qwen-2.5-coder-instruct-npu-ov", "llmware/qwen-2.5-coder-instruct-npu-ov", "apache-2.0",
     ["qwen/qwen2.5-coder-7b-instruct"]),
    ("huihui-ai/Qwen2.5-Coder-32B-Instruct-abliterated", "huihui-ai/qwen2.5-coder-32b-instruct-abliterated",
     "apache-2.0", ["qwen/qwen2.5-coder-32b-instruct"]),
    ("qwen3:30b-a3b-instruct-2507-q4_K_M", "qwen/qwen3-30b-a3b-instruct-2507", "apache-2.0", []),
])
def test_records_read_from_their_pages(query: str, model: str, lic: str, parents: list[str]) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert _lic(rec) == lic
    assert _parents(rec) == parents


def test_same_named_upload_no_longer_claims_the_other_account_as_base() -> None:
    # gghfez's repo shares its name with huihui-ai's; its own record holds the declared licence and no parent
    rec = resolve("gghfez/Qwen2.5-Coder-32B-Instruct-abliterated").to_dict()
    assert (rec.get("model") or {}).get("id") == "gghfez/qwen2.5-coder-32b-instruct-abliterated"
    assert _lic(rec) == "apache-2.0"
    assert "huihui-ai/qwen2.5-coder-32b-instruct-abliterated" not in _parents(rec)


def test_arctic_embed_m_v15_is_based_on_bert_base_uncased() -> None:
    rec = resolve("Snowflake/snowflake-arctic-embed-m-v1.5").to_dict()
    assert _parents(rec) == ["google-bert/bert-base-uncased"]
    assert rec.get("origins") == ["US"]


def test_the_30b_instruct_2507_tag_is_not_the_thinking_checkpoint() -> None:
    rec = resolve("qwen3:30b-a3b-instruct-2507-q4_K_M").to_dict()
    assert (rec.get("model") or {}).get("id") == "qwen/qwen3-30b-a3b-instruct-2507"
    assert (rec.get("model") or {}).get("id") != "qwen/qwen3-30b-a3b-thinking-2507"


def test_nous_hermes_2_yi_is_a_yi_finetune_and_its_quants_reach_cn() -> None:
    rec = resolve("NousResearch/Nous-Hermes-2-Yi-34B").to_dict()
    assert _parents(rec) == ["01-ai/yi-34b"]
    assert rec.get("origins") == ["CN", "US"]
    quant = resolve("LoneStriker/Nous-Hermes-2-Yi-34B-6.0bpw-h6-exl2").to_dict()
    assert "CN" in (quant.get("origins") or [])


@pytest.mark.parametrize("query", ["ibm-granite/granite-3.2-8b-instruct", "AI-ModelScope/granite-3.2-8b-instruct"])
def test_granite_32_8b_instruct_is_built_on_granite_31_8b_instruct(query: str) -> None:
    rec = resolve(query).to_dict()
    assert _parents(rec) == ["ibm-granite/granite-3.1-8b-instruct"]
    assert _lic(rec) == "apache-2.0"


@pytest.mark.parametrize(("query", "model", "lic"), [
    ("Sao10K/L3-70B-Euryale-v2.1", "sao10k/l3-70b-euryale-v2.1", "cc-by-nc-4.0"),
    ("Orenguteng/Llama-3.1-8B-Lexi-Uncensored-V2-GGUF", "orenguteng/llama-3.1-8b-lexi-uncensored-v2-gguf", "llama3.1"),
])
def test_declared_licences_of_repos_whose_parent_was_not_read(query: str, model: str, lic: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert _lic(rec) == lic
    assert _parents(rec) == []  # no parent written without a read source


def test_franken_beagle_is_a_passthrough_merge_of_neuralbeagle_with_its_declared_licence() -> None:
    rec = resolve("vicgalle/franken-Beagle-11B").to_dict()
    assert (rec.get("model") or {}).get("id") == "vicgalle/franken-beagle-11b"
    assert _lic(rec) == "apache-2.0"
    assert _parents(rec) == ["mlabonne/neuralbeagle14-7b"]
