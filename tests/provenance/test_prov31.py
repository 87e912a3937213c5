"""Session 31 (prov31, held-out-24 provenance): a fine-tune's own declared licence beats the licence a re-upload
inherits, Azure OpenAI's ``gpt-35`` spelling names GPT-3.5, and the bench scorer reads Azure OpenAI as the README's
Azure AI Foundry slug."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from modelmap.provenance.resolver import resolve

ROOT = Path(__file__).resolve().parents[2]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("provenance_score31", ROOT / "bench" / "provenance" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_an_unsloth_template_finetune_reports_the_licence_its_card_declares() -> None:
    # card: "Finetuned from model: unsloth/Meta-Llama-3.1-8B-Instruct", header License: apache-2.0
    res = resolve("gutsartificial/Meta-Llama-3.1-8B-Instruct-gguf-f16")
    assert res.license is not None and res.license["id"] == "apache-2.0"
    assert "inherited_from" not in res.license
    assert res.edges and (res.edges[0]["relation"], res.edges[0]["parent"]) == (
        "finetune", "unsloth/meta-llama-3.1-8b-instruct")
    assert res.edges[1] == {**res.edges[1], "relation": "quantization", "parent": "meta-llama/llama-3.1-8b-instruct"}


def test_the_unread_reupload_keeps_the_originals_licence_only_as_inherited() -> None:
    res = resolve("unsloth/Meta-Llama-3.1-8B-Instruct")
    assert res.license is not None and res.license["id"] == "llama3.1"
    assert res.license["inherited_from"] == "meta-llama/llama-3.1-8b-instruct"
    assert res.confidence == "inferred"


@pytest.mark.parametrize(("query", "model"), [
    ("azure/gpt-35-turbo-0125", "openai/gpt-3.5-turbo"),
    ("azure/gpt-35-turbo-16k", "openai/gpt-3.5-turbo"),
])
def test_azure_openai_spells_gpt_3_5_without_the_dot(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.served_by is not None and res.served_by["id"] == "azure-openai"
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.origins == ("US",)


def test_a_bare_azure_spelling_names_the_model_but_no_server() -> None:
    res = resolve("gpt-35-turbo")
    assert res.model is not None and res.model["id"] == "openai/gpt-3.5-turbo"
    assert res.served_by is None


def test_scorer_reads_azure_openai_as_the_azure_ai_foundry_slug() -> None:
    row = {"query": "azure/gpt-4o-mini-2024-07-18", "form": "azure", "model": "openai/gpt-4o-mini-2024-07-18",
           "publisher_country": "US", "origins": ["US"], "base": None, "base_null": "api-only",
           "license": "proprietary", "served_by": "azure-ai-foundry"}
    r = _scorer().score_entry(row)
    assert r["got"]["served_by"] == "azure-ai-foundry"
    assert r["ok"]["served_by"] is True
    # the scorer still tells Azure apart from another server
    r = _scorer().score_entry({**row, "served_by": "openai-api"})
    assert r["ok"]["served_by"] is False


@pytest.mark.parametrize(("query", "model", "licence", "server"), [
    # Bedrock writes the maker's dotted version with dashes: Pegasus 1.2, Marengo Embed 2.7
    ("us.twelvelabs.marengo-embed-2-7-v1:0", "twelvelabs/marengo-embed-2.7", "proprietary", "aws-bedrock"),
    ("eu.twelvelabs.pegasus-1-2-v1:0", "twelvelabs/pegasus-1.2", "proprietary", "aws-bedrock"),
    ("ai21.j2-mid-v1", "ai21/j2-mid", "proprietary", "aws-bedrock"),
    # Mistral lists "Codestral 2 (25.08)" on Vertex, whose model id is codestral-2
    ("vertex_ai/codestral-2@001", "mistral/codestral-2508", "proprietary", "vertex-ai"),
    ("vertex_ai/imagen-4.0-generate-001", "google/imagen-4.0-generate-001", "proprietary", "vertex-ai"),
    # Together's free tier of its Turbo serving is the same open model
    ("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo-Free", "meta-llama/llama-3.3-70b-instruct", "llama3.3",
     "together-ai"),
    ("deepinfra/Sao10K/L3.1-70B-Euryale-v2.2", "sao10k/l3.1-70b-euryale-v2.2", "cc-by-nc-4.0", "deepinfra"),
])
def test_hosted_ids_held_out_24_named(query: str, model: str, licence: str, server: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == licence
    assert res.served_by is not None and res.served_by["id"] == server


def test_bedrocks_dashed_version_is_tried_only_after_the_name_as_written() -> None:
    # Cohere's and AI21's own dashed spellings still resolve as before
    for query, model in (("cohere.rerank-v3-5:0", "cohere/rerank-v3.5"),
                         ("ai21.jamba-1-5-large-v1:0", "ai21labs/ai21-jamba-large-1.5"),
                         ("amazon.nova-2-lite-v1:0", "amazon/nova-2-lite-v1")):
        res = resolve(query)
        assert res.model is not None and res.model["id"] == model


@pytest.mark.parametrize(("query", "model", "licence"), [
    # a repack's own header declares llama3.1 where the fine-tune it is named after declares cc-by-nc-4.0
    ("yejingfu/Sao10K-L3.1-70B-Euryale-v2.2-FP8", "yejingfu/sao10k-l3.1-70b-euryale-v2.2-fp8", "llama3.1"),
    ("bytedance-seed/seed-1.6-flash", "bytedance/seed-1.6-flash", "proprietary"),
    ("jina-colbert-v1-en", "jinaai/jina-colbert-v1-en", "apache-2.0"),
])
def test_records_read_from_their_own_pages(query: str, model: str, licence: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == licence


def test_jina_colbert_v2_is_trained_from_xlm_roberta_large() -> None:
    res = resolve("jinaai/jina-colbert-v2")
    assert res.edges and res.edges[0]["parent"] == "facebookai/xlm-roberta-large"
    assert res.origins == ("DE", "US")


def test_sky_t1_flash_is_trained_from_the_preview_and_so_reaches_qwen() -> None:
    # SkyThought's SimPO config released with Flash starts from NovaSky-AI/Sky-T1-32B-Preview (a Qwen2.5-32B fine-tune)
    res = resolve("NovaSky-AI/Sky-T1-32B-Flash")
    assert res.edges and res.edges[0]["parent"] == "novasky-ai/sky-t1-32b-preview"
    assert res.origins == ("CN", "US")
    # a community GGUF of it inherits the lineage, and its licence only as inherited
    res = resolve("bartowski/Sky-T1-32B-Flash-GGUF")
    assert res.origins == ("CN", "US")
    assert res.license is not None and res.license.get("inherited_from") == "novasky-ai/sky-t1-32b-flash"


@pytest.mark.parametrize(("query", "model", "base", "licence"), [
    ("openchat/openchat-3.5-1210", "openchat/openchat-3.5-1210", "mistralai/mistral-7b-v0.1", "apache-2.0"),
    ("mlabonne/NeuralDaredevil-8B-abliterated", "mlabonne/neuraldaredevil-8b-abliterated",
     "mlabonne/daredevil-8b-abliterated", None),
    # HFL's repo header declares apache-2.0 for its Llama-2 fine-tune: the declared id is recorded
    ("hfl/chinese-alpaca-2-13b", "hfl/chinese-alpaca-2-13b", "hfl/chinese-llama-2-13b", "apache-2.0"),
    # the ModelScope mirror LLaMA-Factory pairs with LMSYS's repo is the same model
    ("Xorbits/vicuna-7b-v1.5", "lmsys/vicuna-7b-v1.5", "meta-llama/llama-2-7b-hf", "llama2"),
])
def test_derivatives_read_from_their_cards(query: str, model: str, base: str, licence: str | None) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.edges and res.edges[0]["parent"] == base
    assert (res.license or {}).get("id") == licence


@pytest.mark.parametrize(("query", "licence"), [
    # Meta's licence for another release than the base's is read as the base's own release
    ("NousResearch/Hermes-3-Llama-3.1-70B", "llama3.1"),   # declares llama3, base Llama 3.1 70B
    ("NousResearch/Hermes-4-70B", "llama3.1"),              # declares llama3, base Llama 3.1 70B
    ("arcee-ai/Llama-3.1-SuperNova-Lite", "llama3.1"),      # declares llama3, base Llama 3.1 8B Instruct
    ("nanidao/Llama-3.3-70B-Instruct-ablated", "llama3.3"),  # declares llama3, base Llama 3.3 70B Instruct
    # another licensor's licence is the card's own declaration and is kept
    ("LVenn/llama-3.2-3B-deceptive", "apache-2.0"),
])
def test_a_finetunes_llama_licence_follows_its_bases_release(query: str, licence: str) -> None:
    res = resolve(query)
    assert res.license is not None and res.license["id"] == licence


def test_an_unsloth_fine_tune_names_the_bnb_upload_and_its_declared_licence() -> None:
    res = resolve("wassimm/Qwen2.5-7B-Instruct-bnb-4bit-20k-data-wa")
    assert res.edges and res.edges[0]["parent"] == "unsloth/qwen2.5-7b-instruct-bnb-4bit"
    assert res.license is not None and res.license["id"] == "apache-2.0"

