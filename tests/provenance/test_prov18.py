"""Session 18 (prov18): rules found on the opened held-out-14 provenance key."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


def _served(query: str) -> str | None:
    sb = resolve(query).served_by
    return sb["id"] if sb else None


@pytest.mark.parametrize("query", [
    "anthropic/claude-sonnet-4.6",            # OpenRouter's / Vercel AI Gateway's dotted spelling
    "anthropic/claude-opus-4.1",
    "openai/gpt-5.1-chat",                     # OpenRouter's slug; OpenAI's API name is gpt-5.1-chat-latest
    "deepseek/deepseek-r1-distill-qwen-14b",   # an open distill DeepSeek's API does not serve
    "zai/glm-4.6v-flash",                      # not a name the shipped catalogue lists for Z.ai's API
])
def test_a_lab_slug_before_a_gateway_spelling_names_no_server(query: str) -> None:
    assert _served(query) is None


def test_the_model_is_still_resolved_under_a_gateway_spelling() -> None:
    assert (resolve("anthropic/claude-sonnet-4.6").model or {}).get("id") == "anthropic/claude-sonnet-4-6"


@pytest.mark.parametrize(("query", "server"), [
    ("anthropic/claude-sonnet-4-6", "anthropic-api"),   # litellm: the API's own name
    ("openai/gpt-4o", "openai-api"),
    ("zai/glm-4.5-air", "zai-api"),
    ("xai/grok-4", "xai-api"),                          # an API-only record of the lab, exact alias
    ("deepseek/deepseek-chat", "deepseek-api"),
    ("anthropic:claude-sonnet-4.6", "anthropic-api"),   # a ':' prefix (LangChain, pydantic-ai) is not a gateway id
    ("openrouter/anthropic/claude-sonnet-4.6", "openrouter"),
    ("x-ai/grok-4.3", "openrouter"),
])
def test_the_labs_own_names_keep_the_prefix_reading(query: str, server: str) -> None:
    assert _served(query) == server


@pytest.mark.parametrize(("query", "base"), [
    ("nvidia/DeepSeek-V3-0324-FP4", "deepseek-ai/deepseek-v3-0324"),
    ("nvidia/DeepSeek-V4-Flash-NVFP4", "deepseek-ai/deepseek-v4-flash"),
])
def test_nvidia_fp4_repos_read_from_their_cards_carry_the_cards_licence(query: str, base: str) -> None:
    res = resolve(query)
    assert (res.license or {}).get("id") == "mit"
    assert res.edges and res.edges[0]["parent"] == base and res.edges[0]["relation"] == "quantization"


def test_an_unread_nvidia_repack_gets_no_licence_by_rule() -> None:
    # NVIDIA sets its own terms on some repacks, so a repo whose card was not read keeps no licence
    # (DeepSeek-V4-Pro-NVFP4, the first example here, was read and recorded by prov25: mit)
    assert (resolve("nvidia/Qwen3.5-397B-A17B-NVFP4-V2").license or {}).get("id") in (None, "unknown")


def test_hunyuan_2_thinking_snapshot_is_an_api_only_tencent_model() -> None:
    res = resolve("hunyuan-2.0-thinking-20251109")
    assert (res.model or {}).get("id") == "tencent/hunyuan-2.0-thinking-20251109"
    assert (res.license or {}).get("id") == "proprietary" and res.origins == ("CN",)
    # the Instruct snapshot's id was not read from a citable source: its licence stays open
    assert (resolve("hunyuan-2.0-instruct-20251111").license or {}).get("id") in (None, "unknown")


@pytest.mark.parametrize(("query", "model"), [
    ("Qwen2_5-7B-Instruct", "qwen/qwen2.5-7b-instruct"),          # a folder / identifier spelling of Qwen2.5
    ("nomic-ai/nomic-embed-text-v1_5", "nomic-ai/nomic-embed-text-v1.5"),
])
def test_a_version_point_written_as_an_underscore_is_the_dotted_version(query: str, model: str) -> None:
    assert (resolve(query).model or {}).get("id") == model


def test_a_repo_name_claim_reads_the_underscore_version_too() -> None:
    res = resolve("lv12/esci-nomic-embed-text-v1_5")
    assert res.edges and res.edges[0]["parent"] == "nomic-ai/nomic-embed-text-v1.5"
    assert res.confidence == "unknown"  # the repo name's claim only


def test_a_name_that_has_its_underscore_keeps_it() -> None:
    # Qwen's own repo writes 1_8B; the name as written is matched first, never respelled into something else
    assert (resolve("Qwen/Qwen-1_8B-Chat").model or {}).get("id") == "qwen/qwen-1_8b-chat"
    assert resolve("model_2024_05_13").model is None


def test_gpt_oss_safeguard_120b_is_a_finetune_of_gpt_oss_120b() -> None:
    # OpenAI's technical report: the safeguard models are fine-tunes of their gpt-oss counterparts
    res = resolve("gpt-oss-safeguard:120b")
    assert res.edges and res.edges[0]["parent"] == "openai/gpt-oss-120b" and res.edges[0]["relation"] == "finetune"


@pytest.mark.parametrize("query", ["kimi-latest-128k", "kimi-latest-8k", "moonshot/kimi-latest-32k"])
def test_a_context_size_after_an_api_only_proprietary_name_keeps_its_licence(query: str) -> None:
    res = resolve(query)
    assert (res.license or {}).get("id") == "proprietary" and res.origins == ("CN",)
    assert res.model is None or res.model.get("id") is None  # the tier's own model is not claimed


def test_a_context_size_after_an_open_or_unknown_name_says_nothing_more() -> None:
    assert (resolve("zai-org/glm-4-9b-chat-1m").model or {}).get("id") == "zai-org/glm-4-9b-chat-1m"
    assert resolve("foo-latest-128k").license is None


@pytest.mark.parametrize("query", ["lmstudio-community/ERNIE-4.5-21B-A3B-MLX-4bit", "bartowski/ERNIE-4.5-21B-A3B-GGUF"])
def test_a_repack_named_by_a_sized_alias_packages_that_model(query: str) -> None:
    # "ERNIE-4.5-21B-A3B" is recorded as the common name of Baidu's ERNIE-4.5-21B-A3B-PT (repo names add the format)
    res = resolve(query)
    assert res.edges and res.edges[0]["parent"] == "baidu/ernie-4.5-21b-a3b-pt"
    assert res.edges[0]["relation"] == "quantization"


def test_a_repack_named_by_a_size_less_alias_stays_a_family_guess() -> None:
    # "gemma3" is an Ollama pointer that moves between sizes: it names no one model
    assert not resolve("bartowski/gemma3-GGUF").edges


@pytest.mark.parametrize("query", ["perplexity/sonar", "perplexity:sonar", "openrouter/perplexity/sonar"])
def test_a_providers_own_api_model_wins_over_another_publishers_repo_of_the_same_word(query: str) -> None:
    # Meta's SONAR encoder repo (facebook/SONAR) has the same name as Perplexity's Sonar API model
    res = resolve(query)
    assert (res.model or {}).get("id") == "perplexity/sonar"
    assert (res.license or {}).get("id") == "proprietary"


def test_the_bare_word_and_metas_repo_are_not_claimed_for_perplexity() -> None:
    assert (resolve("facebook/SONAR").model or {}).get("id") == "facebook/sonar"
    assert resolve("sonar").confidence != "known"  # two records share the word
