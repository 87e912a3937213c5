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
