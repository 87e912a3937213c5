"""Session 23 (prov23): rules found on the opened held-out-17 provenance key.

* A Hugging Face Inference Providers id ``org/name:<provider>`` is the Hub repo, and the suffix names who serves
  it: the router forwards the call to that provider. A policy suffix (``:fastest``) or a provider the knowledge base
  does not hold leaves the router (huggingface-inference) as the server.
"""

from __future__ import annotations

import pytest

from modelmap.knowledge import HF_ROUTER_PROVIDERS, HF_ROUTER_SUFFIXES, load
from modelmap.provenance.resolver import resolve


def _served(query: str) -> str | None:
    return (resolve(query).served_by or {}).get("id")


@pytest.mark.parametrize(("query", "model", "server"), [
    ("openai/gpt-oss-120b:cerebras", "openai/gpt-oss-120b", "cerebras"),
    ("openai/gpt-oss-20b:groq", "openai/gpt-oss-20b", "groq"),
    ("deepseek-ai/DeepSeek-R1:novita", "deepseek-ai/deepseek-r1", "novita"),
    ("openai/gpt-oss-120b:together", "openai/gpt-oss-120b", "together-ai"),
    ("Qwen/Qwen2.5-7B-Instruct:hf-inference", "qwen/qwen2.5-7b-instruct", "huggingface-inference"),
])
def test_a_router_suffix_that_names_a_provider_names_the_server(query: str, model: str, server: str) -> None:
    res = resolve(query)
    assert (res.model or {}).get("id") == model
    assert _served(query) == server


@pytest.mark.parametrize("query", [
    "openai/gpt-oss-120b:fastest",         # a routing policy: the router picks, the id does not say who
    "openai/gpt-oss-120b:featherless-ai",  # a provider the knowledge base does not hold
])
def test_a_policy_or_unknown_provider_leaves_the_router(query: str) -> None:
    assert _served(query) == "huggingface-inference"


def test_the_suffix_table_names_only_router_suffixes_and_known_providers() -> None:
    providers = load().providers
    assert set(HF_ROUTER_PROVIDERS) <= HF_ROUTER_SUFFIXES
    assert all(pid in providers for pid in HF_ROUTER_PROVIDERS.values())
    assert not {"fastest", "cheapest", "preferred", "auto"} & set(HF_ROUTER_PROVIDERS)


# Nebius AI Studio's fast speed tier: the Hub id with "-fast", also written without the nebius/ prefix.
@pytest.mark.parametrize(("query", "model"), [
    ("Qwen/Qwen3-Next-80B-A3B-Thinking-fast", "qwen/qwen3-next-80b-a3b-thinking"),
    ("deepseek-ai/DeepSeek-R1-fast", "deepseek-ai/deepseek-r1"),
])
def test_a_hub_cased_repo_with_fast_is_the_nebius_fast_tier(query: str, model: str) -> None:
    res = resolve(query)
    assert (res.model or {}).get("id") == model
    assert _served(query) == "nebius"


@pytest.mark.parametrize("query", [
    "qwen/qwen3-next-80b-a3b-thinking-fast",  # a lowercase gateway slug: the Hub spelling is the Nebius mark
    "anthropic/claude-opus-4.8-fast",          # Vercel AI Gateway's fast slug of an API model, no Hub repo
    "someorg/Unknown-Model-7B-fast",           # a repo the knowledge base does not hold
])
def test_fast_without_the_hub_spelling_names_no_server(query: str) -> None:
    assert _served(query) != "nebius"


@pytest.mark.parametrize("query", ["kimi-for-coding", "kimi-for-coding-highspeed"])
def test_kimi_coding_plan_names_are_moonshot_api_names(query: str) -> None:
    res = resolve(query)
    assert (res.model or {}).get("id") == "moonshot/kimi-for-coding"
    assert (res.publisher or {}).get("country") == "CN"
    assert res.license is None or res.license.get("id") in (None, "unknown")   # the served weights are not stated


@pytest.mark.parametrize(("query", "inherited"), [
    ("google/functiongemma-270m-it", None),
    ("functiongemma:270m", None),
    ("arthurcollet/functiongemma-270m-it-mlx", "google/functiongemma-270m-it"),  # a third party's conversion
])
def test_functiongemma_carries_the_gemma_licence_its_card_declares(query: str, inherited: str | None) -> None:
    lic = resolve(query).license or {}
    assert lic.get("id") == "gemma"
    assert lic.get("inherited_from") == inherited
