"""Session 29 (prov29): the held-out-22 key's unresolved ids and the cloud forms of Mistral Large 2.

1. Paid-cloud ids of Mistral Large 2 (24.07 / 24.11) denote Mistral's API product under the provider's commercial
   terms (proprietary), whichever cloud writes them: Bedrock, Azure AI Foundry, Vertex (also with Vertex's
   ``@<date>-<revision>`` version, litellm's ``vertex_ai/mistral-large@2411-001``) and Mistral's own API; the Hub
   weights (mistralai/Mistral-Large-Instruct-2407, an Ollama tag of them) keep the research licence.
2. AI21's Jamba-Instruct is an API-only model (Azure Marketplace, Bedrock ``ai21.jamba-instruct-v1:0``).
3. Baidu's ERNIE 5.0 and ERNIE X1 Turbo API names are API-only records.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import license_id as _lic


@pytest.mark.parametrize(("query", "model"), [
    ("mistral.mistral-large-2407-v1:0", "mistral/mistral-large-2407"),
    ("bedrock/us-west-2/mistral.mistral-large-2407-v1:0", "mistral/mistral-large-2407"),
    ("azure_ai/mistral-large-2407", "mistral/mistral-large-2407"),
    ("vertex_ai/mistral-large@2407", "mistral/mistral-large-2407"),
    ("mistral/mistral-large-2407", "mistral/mistral-large-2407"),
    ("mistral-large-2407", "mistral/mistral-large-2407"),
    ("azure_ai/mistral-large-2411", "mistral/mistral-large-2411"),
    ("vertex_ai/mistral-large-2411", "mistral/mistral-large-2411"),
    ("vertex_ai/mistral-large@2411-001", "mistral/mistral-large-2411"),
    ("mistral-large-2411", "mistral/mistral-large-2411"),
])
def test_paid_cloud_forms_of_mistral_large_2_agree(query: str, model: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert _lic(rec) == "proprietary"
    assert rec.get("origins") == ["FR"]


@pytest.mark.parametrize("query", ["mistralai/Mistral-Large-Instruct-2407", "ollama/mistral-large-instruct-2407"])
def test_mistral_large_2_hub_weights_keep_the_research_licence(query: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == "mistralai/mistral-large-instruct-2407"
    assert _lic(rec) == "mistral-research"


@pytest.mark.parametrize(("query", "served"), [
    ("vertex_ai/mistral-large@2411-001", "vertex-ai"),
    ("vertex_ai/claude-3-5-sonnet@20240620", "vertex-ai"),
])
def test_vertex_dated_version_with_a_revision_reads_the_date(query: str, served: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("served_by") or {}).get("id") == served
    assert rec.get("model") is not None


def test_vertex_revision_without_a_date_is_not_read_as_a_date() -> None:
    # @001 alone is a revision of the name before it (mistral-small-2503@001), never a release date
    rec = resolve("vertex_ai/mistral-small-2503@001").to_dict()
    assert (rec.get("model") or {}).get("id") == "mistralai/mistral-small-3.1-24b-instruct-2503"


@pytest.mark.parametrize(("query", "served"), [
    ("ai21.jamba-instruct-v1:0", "aws-bedrock"),
    ("bedrock/ai21.jamba-instruct-v1:0", "aws-bedrock"),
    ("azure_ai/jamba-instruct", "azure-ai-foundry"),
    ("jamba-instruct", None),
])
def test_jamba_instruct_is_an_api_only_ai21_model(query: str, served: str | None) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == "ai21/jamba-instruct"
    assert _lic(rec) == "proprietary"
    assert (rec.get("publisher") or {}).get("country") == "IL"
    assert ((rec.get("served_by") or {}).get("id")) == served
    # the docs call it an instruction-tuned Jamba without naming a checkpoint: no base edge is invented
    assert not rec.get("edges")


@pytest.mark.parametrize(("query", "model"), [("ernie-5.0", "baidu/ernie-5.0"), ("ernie-x1-turbo", "baidu/ernie-x1-turbo")])
def test_ernie_api_names_are_api_only_records(query: str, model: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert _lic(rec) == "proprietary"
    assert rec.get("origins") == ["CN"]
    assert rec.get("served_by") is None


def _base(rec: dict) -> str | None:
    model = (rec.get("model") or {}).get("id")
    return next((e["parent"] for e in rec.get("edges") or [] if e.get("child") == model
                 and e.get("relation") != "distillation"), None)


@pytest.mark.parametrize(("query", "base", "licence"), [
    # card front matter and card text of each derivative (read 2026-12-06)
    ("PSanni/MPOMixtral-8x7B-Instruct-v0.1", "mistralai/mixtral-8x7b-instruct-v0.1", "apache-2.0"),
    ("PhilipMay/Phi-3-MoE-mini-4k-instruct-raw", "vonjack/phi-3-mini-4k-instruct-llamafied", "mit"),
    # the same repo under its other name
    ("PhilipMay/Phi-3-mini-4k-instruct-LLaMAfied-8xMoE-raw", "vonjack/phi-3-mini-4k-instruct-llamafied", "mit"),
    ("vonjack/Phi-3-mini-4k-instruct-LLaMAfied", "microsoft/phi-3-mini-4k-instruct", "mit"),
    ("DrNicefellow/Mistral-7-from-Mixtral-8x7B-v0.1", "mistralai/mixtral-8x7b-v0.1", "apache-2.0"),
    ("brotee/qwen257b-ftshard1", "unsloth/qwen2.5-7b-instruct-bnb-4bit", "apache-2.0"),
    ("longtermrisk/Qwen3-8B-old-bird-names-last-third-v2-sft-seed2-epoch3", "unsloth/qwen3-8b", "apache-2.0"),
    ("nvidia/Llama-3_1-Nemotron-51B-Instruct", "meta-llama/llama-3.1-70b-instruct", "nvidia-open-model"),
    # declares llama3; a Llama 3.1 fine-tune records llama3.1 (docs/knowledge-format.md, a fine-tune's declared licence, prov31)
    ("NousResearch/Hermes-4-70B", "meta-llama/llama-3.1-70b", "llama3.1"),
    # front matter base_model written without an org ("gpt-oss-20b"): OpenAI's model of that name
    ("HillPhelmuth/gpt-oss-20B-user-experience-vLLM", "openai/gpt-oss-20b", "apache-2.0"),
])
def test_derivatives_read_from_their_cards(query: str, base: str, licence: str) -> None:
    rec = resolve(query).to_dict()
    assert _base(rec) == base
    assert _lic(rec) == licence


@pytest.mark.parametrize("query", ["godus1201/krx-Qwen2.5-7B-Instruct-bnb-4bit", "bmkllm/qwen_2-7b-it_v5",
                                   "BAAI/Infinity-Instruct-7M-Gen-Llama3_1-8B", "NousResearch/Hermes-4-405B"])
def test_a_licence_or_base_not_read_is_not_invented(query: str) -> None:
    # the page header's licence was read but not the card's base_model line (or, for Hermes 4 405B, the reverse)
    rec = resolve(query).to_dict()
    if query.startswith("NousResearch"):
        assert _lic(rec) in (None, "unknown")
        assert _base(rec) == "meta-llama/llama-3.1-405b"
    else:
        assert _base(rec) is None
        assert _lic(rec) not in (None, "unknown")


def test_huatuogpt_o1_72b_licence_reaches_its_community_quants() -> None:
    assert _lic(resolve("FreedomIntelligence/HuatuoGPT-o1-72B").to_dict()) == "apache-2.0"
    for quant in ("mradermacher/HuatuoGPT-o1-72B-GGUF", "DevQuasar/FreedomIntelligence.HuatuoGPT-o1-72B-GGUF"):
        rec = resolve(quant).to_dict()
        assert rec["license"]["id"] == "apache-2.0"
        assert rec["license"]["inherited_from"] == "freedomintelligence/huatuogpt-o1-72b"
        assert rec["confidence"] != "known"


def test_a_gguf_whose_card_names_the_original_inherits_its_licence() -> None:
    rec = resolve("AI-Engine/Phi-3-mini-4k-instruct-V1-GGUF").to_dict()
    assert _base(rec) == "microsoft/phi-3-mini-4k-instruct"
    assert rec["license"]["id"] == "mit"
    assert rec["license"]["inherited_from"] == "microsoft/phi-3-mini-4k-instruct"


def test_a_record_without_a_base_gets_the_claim_its_respelled_name_makes() -> None:
    # bmkllm/qwen_2-7b-it_v5: a record (licence read from the page header) whose base line was not read; the name
    # written with an underscore claims Qwen2-7B as the same name does without a record: CN as a claim, no edge
    rec = resolve("bmkllm/qwen_2-7b-it_v5").to_dict()
    assert _base(rec) is None
    assert rec["origins"] == ["CN"]
    assert rec["origins_known"] is False
    claims = [r for r in rec["origin_reasons"] if r.get("claim")]
    assert claims and claims[0]["models"][0] == "qwen/qwen2-7b"
    assert claims[0]["claim"] == "the name of bmkllm/qwen_2-7b-it_v5"
