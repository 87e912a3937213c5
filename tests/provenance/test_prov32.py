"""Session 32 (prov32, held-out-25 provenance): derivative records read from their own cards (Japanese R1
distill fine-tunes and their GGUFs, merges, disguised names, embedders), the repack a name derives onto such a
record, and licences read from the makers' own repo headers."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


def _edge(query: str) -> tuple[str, str]:
    res = resolve(query)
    assert res.model is not None
    first = next(e for e in res.edges if e["child"] == res.model["id"] and e["relation"] != "distillation")
    return first["relation"], first["parent"]


@pytest.mark.parametrize(("query", "relation", "parent", "licence"), [
    # card front matter: base_model deepseek-ai/DeepSeek-R1-Distill-Qwen-7B, license apache-2.0 (declared over MIT)
    ("lightblue/DeepSeek-R1-Distill-Qwen-7B-Japanese", "finetune", "deepseek-ai/deepseek-r1-distill-qwen-7b",
     "apache-2.0"),
    # mmnga's GGUF declares mit on lightblue's apache-2.0 model: the repack's own declared id
    ("mmnga/lightblue-DeepSeek-R1-Distill-Qwen-7B-Japanese-gguf", "quantization",
     "lightblue/deepseek-r1-distill-qwen-7b-japanese", "mit"),
    # a mergekit merge's base is its base_model, not a merged-in model
    ("Triangle104/DeepSky-T100", "merge", "deepseek-ai/deepseek-r1-distill-qwen-32b", "apache-2.0"),
    # a repo called llama3.1 whose card names NVIDIA's Nemotron 70B
    ("savvysme/llama3.1", "finetune", "nvidia/llama-3.1-nemotron-70b-instruct-hf", "llama3.1"),
    # named 8B, card base_model the 4B Nano
    ("Montecarlo2024/Llama3.1-8B-Nemotron-Python-v2_Q5_k_m", "finetune", "nvidia/llama-3.1-nemotron-nano-4b-v1.1",
     "apache-2.0"),
    # shares HFL's model name, but its card continues Meta's Llama 3 8B base
    ("gao-NLP/llama3-chinese-8B-base", "continued-pretrain", "meta-llama/meta-llama-3-8b", "apache-2.0"),
    ("WhereIsAI/UAE-Code-Large-V1", "finetune", "whereisai/uae-large-v1", "mit"),
    ("cmh/Llama-3.1-Nemotron-Nano-8B-v1-Q8_0-GGUF", "quantization", "nvidia/llama-3.1-nemotron-nano-8b-v1",
     "nvidia-open-model"),
])
def test_a_derivative_reports_the_base_and_licence_its_own_card_gives(
        query: str, relation: str, parent: str, licence: str) -> None:
    res = resolve(query)
    assert _edge(query) == (relation, parent)
    assert res.license is not None and res.license["id"] == licence
    assert "inherited_from" not in res.license


def test_a_name_claim_no_longer_picks_the_other_labs_same_named_model() -> None:
    res = resolve("gao-NLP/llama3-chinese-8B-base")
    assert res.origins == ("US",)
    assert all(e["parent"] != "hfl/llama-3-chinese-8b" for e in res.edges)


def test_an_unrecorded_gguf_derives_onto_the_recorded_finetune_it_names() -> None:
    # bluepen5805's repo is not in the knowledge base: its name (less -gguf) is CyberAgent's fine-tune's
    res = resolve("bluepen5805/DeepSeek-R1-Distill-Qwen-14B-Japanese-gguf")
    assert res.model is not None and res.model["id"] == "bluepen5805/deepseek-r1-distill-qwen-14b-japanese-gguf"
    assert res.edges[0]["relation"] == "quantization"
    assert res.edges[0]["parent"] == "cyberagent/deepseek-r1-distill-qwen-14b-japanese"
    assert res.license is not None and res.license["id"] == "mit"
    assert res.license["inherited_from"] == "cyberagent/deepseek-r1-distill-qwen-14b-japanese"
    assert res.confidence == "inferred"


def test_the_ollama_user_upload_listed_on_its_page_names_cyberagents_model() -> None:
    res = resolve("yuma/DeepSeek-R1-Distill-Qwen-Japanese:14b")
    assert res.model is not None and res.model["id"] == "cyberagent/deepseek-r1-distill-qwen-14b-japanese"
    assert res.publisher is not None and res.publisher["country"] == "JP"
    assert set(res.origins) == {"CN", "JP"}


def test_an_unrecorded_gguf_of_a_reranker_keeps_the_makers_nc_licence_as_inherited() -> None:
    res = resolve("gpustack/jina-reranker-v2-base-multilingual-GGUF")
    assert res.license is not None and res.license["id"] == "cc-by-nc-4.0"
    assert res.license["inherited_from"] == "jinaai/jina-reranker-v2-base-multilingual"


@pytest.mark.parametrize(("query", "licence"), [
    ("jinaai/jina-reranker-v2-base-multilingual", "cc-by-nc-4.0"),
    ("nomic-ai/nomic-bert-2048", "apache-2.0"),
    ("Qwen/Qwen3.5-9B-Base", "apache-2.0"),
])
def test_a_corrected_licence_is_the_makers_header(query: str, licence: str) -> None:
    res = resolve(query)
    assert res.license is not None and res.license["id"] == licence


@pytest.mark.parametrize(("query", "model"), [
    ("voyage/voyage-3.5", "voyageai/voyage-3.5"),
    ("voyage/voyage-3", "voyageai/voyage-3"),
])
def test_litellms_voyage_prefix_names_voyages_own_api(query: str, model: str) -> None:
    # litellm's voyage/ provider posts the lab's own model names to api.voyageai.com
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.served_by is not None and res.served_by["id"] == "voyage-api"


def test_a_bare_voyage_name_names_no_server() -> None:
    res = resolve("voyage-3.5")
    assert res.model is not None and res.model["id"] == "voyageai/voyage-3.5"
    assert res.served_by is None


@pytest.mark.parametrize(("query", "server"), [
    ("xai/grok-code-fast-1", "xai-api"),
    ("mistral/magistral-medium-2509", "mistral-api"),
    ("perplexity/sonar-reasoning-pro", "perplexity-api"),
    ("cohere/embed-v4.0", "cohere-api"),
])
def test_a_labs_prefix_before_its_own_api_name_is_the_labs_api(query: str, server: str) -> None:
    res = resolve(query)
    assert res.served_by is not None and res.served_by["id"] == server


def test_deepinfras_turbo_id_names_the_recorded_merge_and_its_mergekit_base() -> None:
    res = resolve("deepinfra/Sao10K/L3-8B-Lunaris-v1-Turbo")
    assert res.model is not None and res.model["id"] == "sao10k/l3-8b-lunaris-v1"
    assert _edge("deepinfra/Sao10K/L3-8B-Lunaris-v1-Turbo") == ("merge", "meta-llama/meta-llama-3-8b-instruct")
    assert res.served_by is not None and res.served_by["id"] == "deepinfra"
    assert res.license is None                      # Sao10K's own header was not read


def test_a_finetune_whose_download_metadata_names_its_starting_weights() -> None:
    assert _edge("crestf411/L3-8B-sunfall-v0.4-stheno-v3.2") == ("finetune", "sao10k/l3-8b-stheno-v3.2")


def test_a_labs_own_gguf_keeps_the_licence_its_corrected_original_declares() -> None:
    res = resolve("OpenBuddy/openbuddy-nemotron-70b-v23.2-131k-gguf")
    assert res.edges[0]["parent"] == "openbuddy/openbuddy-nemotron-70b-v23.2-131k"
    assert res.license is not None and res.license["id"] == "llama3.1"
    assert res.origins == ("US",)


@pytest.mark.parametrize("query", ["azure/codex-mini", "codex-mini", "codex-mini-latest"])
def test_azures_codex_mini_is_openais_codex_mini(query: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == "openai/codex-mini-latest"
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.origins == ("US",)
    assert (res.served_by or {}).get("id") == ("azure-openai" if query.startswith("azure/") else None)
