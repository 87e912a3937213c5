"""Provenance fixes of session 17 (prov17), found on the opened held-out-13 provenance table.

Expectations come from the sources cited in the knowledge-base records (Dify's provider plugins, each repo's own
Hub card front matter), not from the resolver.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(
    "query",
    [
        "ernie-4.5-turbo-128k-preview",
        "ernie-4.5-turbo-latest",
        "ernie-4.5-turbo-vl",
        "ernie-5.0-thinking-preview",
        "ernie-5.0-thinking-exp",
        "ERNIE-X1.1-Preview",
    ],
)
def test_baidu_api_tier_names_are_api_only_records(query: str) -> None:
    # Dify's AIHubMix plugin lists each name; Baidu's open ERNIE weights are named by size, none by these tiers
    res = resolve(query)
    assert res.model is not None and res.model["id"] == "baidu/" + query.lower()
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.immediate_base() is None
    assert list(res.origins or ()) == ["CN"]
    assert res.served_by is None  # a bare name: the gateway that lists it is not the server


@pytest.mark.parametrize(
    "query",
    ["deepseek-ai/DeepSeek-V3.1-Terminus", "deepseek-v3-1-terminus", "Pro/deepseek-ai/DeepSeek-V3.1-Terminus"],
)
def test_deepseek_v3_1_terminus_is_post_trained_on_v3_1_base(query: str) -> None:
    # the release commit's card: license mit, base_model deepseek-ai/DeepSeek-V3.1-Base; Volcengine Ark spells the
    # version with hyphens (deepseek-v3-1-terminus)
    res = resolve(query)
    assert res.model is not None and res.model["id"] == "deepseek-ai/deepseek-v3.1-terminus"
    assert res.immediate_base() == "deepseek-ai/deepseek-v3.1-base"
    assert res.license is not None and res.license["id"] == "mit"


def test_openhermes_2_5_is_an_apache_fine_tune_of_mistral_7b() -> None:
    res = resolve("teknium/OpenHermes-2.5-Mistral-7B")
    assert res.immediate_base() == "mistralai/mistral-7b-v0.1"
    assert res.license is not None and res.license["id"] == "apache-2.0"
    assert "FR" in (res.origins or ())


def test_neuralhermes_is_a_dpo_fine_tune_of_openhermes() -> None:
    res = resolve("sonthenguyen/NeuralHermes-2.5-Mistral-7B")
    assert res.immediate_base() == "teknium/openhermes-2.5-mistral-7b"
    assert res.license is not None and res.license["id"] == "apache-2.0"
    assert list(res.origins or ()) == ["FR"]


@pytest.mark.parametrize(
    ("query", "repo", "original", "licence"),
    [
        ("hf.co/Qwen/Qwen3-8B-GGUF:Q8_0", "qwen/qwen3-8b-gguf", "qwen/qwen3-8b", "apache-2.0"),
        ("hf.co/llmware/openhermes-2.5-mistral-7b-gguf", "llmware/openhermes-2.5-mistral-7b-gguf",
         "teknium/openhermes-2.5-mistral-7b", "apache-2.0"),
        ("hf.co/bartowski/deepseek-ai_DeepSeek-V3.1-Terminus-GGUF:Q4_K_M",
         "bartowski/deepseek-ai_deepseek-v3.1-terminus-gguf", "deepseek-ai/deepseek-v3.1-terminus", "mit"),
    ],
)
def test_an_hf_co_pull_names_the_gguf_repo_whose_base_is_the_original(
    query: str, repo: str, original: str, licence: str
) -> None:
    # the output contract: a Hub repo that re-packages weights denotes that repo (the pull names it), and its lineage
    # carries the original as a quantization base, so origins and licence follow the original
    res = resolve(query)
    assert res.model is not None and res.model["id"] == repo
    assert res.immediate_base() == original
    assert res.license is not None and res.license["id"] == licence
    orig = resolve(original)
    assert set(orig.origins or ()) <= set(res.origins or ())


@pytest.mark.parametrize(
    ("query", "base", "licence"),
    [
        ("lvyou19/AscendAgentOpsModel", "qwen/qwen3-30b-a3b-instruct-2507", "apache-2.0"),
        ("Daemontatox/FerrisMind", "qwen/qwen3-coder-30b-a3b-instruct", None),
        ("Yougen/Qwen3Fangwusha4B", "qwen/qwen3-4b", "apache-2.0"),
        ("Yougen/Qwen3KeywordsFangwusha06B", "qwen/qwen3-0.6b", "apache-2.0"),
        ("TDN-M/tknv1", "qwen/qwen2.5-3b-instruct", "mit"),
        ("1chae/test20250218", "unsloth/mistral-small-24b-instruct-2501-unsloth-bnb-4bit", "apache-2.0"),
        ("AlSamCur123/Mistral-Small3-24B-InstructContinuedFine",
         "unsloth/mistral-small-24b-instruct-2501-unsloth-bnb-4bit", "apache-2.0"),
        ("fajrijrifa/finetuned-bge-m3_pussertif", "baai/bge-m3", "mit"),
        ("comet24082002/finetuned_bge_ver23", "baai/bge-m3", "mit"),
        ("leonweber/checkpoints", "baai/bge-base-en-v1.5", None),
        ("LazarusNLP/all-indo-e5-small-v3", "intfloat/multilingual-e5-small", None),
        ("x1saint/intfloat-triplet-v2", "intfloat/multilingual-e5-small", None),
        ("BlackBeenie/jina-embeddings-v3-msmarco-v3-bpr", "jinaai/jina-embeddings-v3", None),
    ],
)
def test_one_off_fine_tunes_take_the_base_and_licence_their_cards_declare(
    query: str, base: str, licence: str | None
) -> None:
    # most of these names say nothing about the base (test20250218, checkpoints, FerrisMind, intfloat-triplet-v2): only
    # the card or config read for the record does; a card with no licence line leaves the licence unknown, never the
    # base's (a fine-tune's author may relicense)
    res = resolve(query)
    assert res.model is not None and res.model["id"] == query.lower()
    assert res.immediate_base() == base
    got = res.license["id"] if res.license else None
    assert got == licence
    base_origins = set(resolve(base).origins or ())
    assert base_origins and base_origins <= set(res.origins or ())


@pytest.mark.parametrize(
    ("query", "model"),
    [("x-ai/grok-4.1-fast", "xai/grok-4-1-fast"), ("z-ai/glm-4.6", "zai-org/glm-4.6")],
)
def test_an_org_slug_only_openrouter_writes_marks_an_openrouter_id(query: str, model: str) -> None:
    # OpenRouter spells xAI x-ai and Z.ai z-ai; xAI's and Z.ai's own APIs, litellm and Vercel write xai / zai
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.served_by is not None and res.served_by["id"] == "openrouter"


@pytest.mark.parametrize(("query", "server"), [("xai/grok-4.1-fast", "xai-api"), ("zai/glm-4.6", "zai-api")])
def test_the_labs_own_slugs_still_name_their_apis(query: str, server: str) -> None:
    res = resolve(query)
    assert res.served_by is not None and res.served_by["id"] == server


def test_a_slug_other_platforms_share_is_not_taken_for_openrouter() -> None:
    # openai/gpt-4.1-nano is litellm's OpenAI form as much as an OpenRouter id: the rule leaves it alone
    res = resolve("openai/gpt-4.1-nano")
    assert res.served_by is None or res.served_by["id"] != "openrouter"


@pytest.mark.parametrize(
    ("query", "base", "licence"),
    [
        ("Intel/Qwen3-Next-80B-A3B-Instruct-int4-AutoRound", "qwen/qwen3-next-80b-a3b-instruct", "apache-2.0"),
        ("gecfdo/gemma-4-31B-it-w8a16g128", "google/gemma-4-31b-it", "apache-2.0"),
        ("DeusImperator/L3-8B-Stheno-v3.2_exl2_8.04bpw", "sao10k/l3-8b-stheno-v3.2", "cc-by-nc-4.0"),
    ],
)
def test_quantizations_recorded_with_their_own_pages_licence(query: str, base: str, licence: str) -> None:
    # another lab's or an account's quantization keeps the licence its own page declares (Intel's card, gecfdo's and
    # DeusImperator's page headers), with the original as a quantization base
    res = resolve(query)
    assert res.model is not None and res.model["id"] == query.lower()
    assert res.immediate_base() == base
    assert res.license is not None and res.license["id"] == licence
    assert not res.license.get("inherited_from")


def test_stheno_is_recorded_without_a_lineage_it_does_not_state() -> None:
    # only the page's licence was read: no base key, so origins stay open rather than guessed from "L3" in the name
    res = resolve("Sao10K/L3-8B-Stheno-v3.2")
    assert res.model is not None and res.model["id"] == "sao10k/l3-8b-stheno-v3.2"
    assert res.license is not None and res.license["id"] == "cc-by-nc-4.0"
    assert res.immediate_base() is None
    assert not res.to_dict().get("origins_known")


@pytest.mark.parametrize("query", ["hf.co/Qwen/Qwen3-8B-GGUF:Q8_0", "huggingface.co/unsloth/Qwen3-4B-GGUF:Q4_K_M"])
def test_a_pull_straight_from_the_hub_names_no_server(query: str) -> None:
    # Ollama (ollama run hf.co/...) and Docker Model Runner (docker model run hf.co/..., compose models:) pull the same
    # reference: the form names the Hub repo, not who serves it
    res = resolve(query)
    assert res.model is not None
    assert res.served_by is None


def test_an_ollama_prefix_before_the_hub_reference_still_names_ollama() -> None:
    res = resolve("ollama/hf.co/Qwen/Qwen3-8B-GGUF:Q8_0")
    assert res.served_by is not None and res.served_by["id"] == "ollama"
