"""Hosted and provider API names (session 15, provapi15): Volcengine Ark's dated snapshots, Azure OpenAI data-zone
keys, Bedrock spellings, and API names read from the providers' own model lists.

Expectations come from the providers' documentation and model lists cited in the knowledge-base records (Volcengine
Ark model list, Groq deprecations page, Google's Gemini model-version pages, Cohere's model pages), not from the
resolver.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("doubao-1-5-pro-32k-250115", "bytedance/doubao-1.5-pro-32k"),
        ("doubao-1-5-pro-256k-250115", "bytedance/doubao-1.5-pro-256k"),
        ("doubao-seed-1-6-flash-250615", "bytedance/doubao-seed-1.6-flash"),
        ("doubao-embedding-vision-250615", "bytedance/doubao-embedding-vision"),
    ],
)
def test_ark_dated_snapshot_of_an_api_only_name(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.confidence == "inferred"  # one dated version of the API model, respelled by a rule
    assert res.license is not None and res.license["id"] == "proprietary"
    assert list(res.origins or ()) == ["CN"]


@pytest.mark.parametrize("query", ["deepseek-v3-250324", "deepseek-r1-250528"])
def test_ark_dated_snapshot_of_open_weights_is_not_the_undated_model(query: str) -> None:
    # Ark's deepseek-v3-250324 serves DeepSeek-V3-0324, not the first DeepSeek-V3: a date is never stripped from a
    # name whose record has weights (their versions differ in lineage and licence)
    res = resolve(query)
    assert (res.model or {}).get("id") != "deepseek-ai/deepseek-v3"


def test_six_digit_number_that_is_no_date_is_not_a_snapshot() -> None:
    res = resolve("doubao-1-5-pro-32k-251399")
    assert (res.model or {}).get("id") is None


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("azure/eu/gpt-4o-2024-08-06", "openai/gpt-4o"),
        ("azure/us/gpt-4.1-mini", "openai/gpt-4.1-mini"),
        ("azure/global-standard/gpt-4o-mini", "openai/gpt-4o-mini"),
        ("azure/global/gpt-4o", "openai/gpt-4o"),
    ],
)
def test_azure_data_zone_keys(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.served_by is not None and res.served_by["id"] == "azure-openai"
    assert list(res.origins or ()) == ["US"]


@pytest.mark.parametrize("query", ["azure/eu/not-a-model-name", "azure/eu/" + "x" * 250])
def test_azure_data_zone_key_of_an_unknown_name_is_unknown_but_served(query: str) -> None:
    res = resolve(query)
    assert (res.model or {}).get("id") is None
    assert res.served_by is not None and res.served_by["id"] == "azure-openai"


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("gemini-1.5-pro-001", "google/gemini-1.5-pro"),
        ("gemini-1.5-flash-002", "google/gemini-1.5-flash"),
        ("gemini-1.0-pro-002", "google/gemini-1.0-pro"),
        ("gemini-2.0-flash-lite-001", "google/gemini-2.0-flash-lite"),
        ("gemini-1.5-flash-latest", "google/gemini-1.5-flash"),
        ("gpt-5.4-2026-03-05", "openai/gpt-5.4"),
    ],
)
def test_stable_version_and_dated_snapshot_of_a_record_named_only_by_its_id(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.confidence == "inferred"
    assert res.license is not None and res.license["id"] == "proprietary"


def test_three_digit_suffix_outside_gemini_is_no_version() -> None:
    # text-embedding-004 is its own model, not version 4 of "text-embedding"
    res = resolve("text-embedding-004")
    assert res.model is not None and res.model["id"] == "google/text-embedding-004"


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("llama-3.1-70b-versatile", "meta-llama/llama-3.1-70b-instruct"),
        ("groq/llama-3.1-70b-versatile", "meta-llama/llama-3.1-70b-instruct"),
        ("llama-3.2-90b-vision-preview", "meta-llama/llama-3.2-90b-vision-instruct"),
        ("llama-3.3-70b-specdec", "meta-llama/llama-3.3-70b-instruct"),
        ("llama2-70b-4096", "meta-llama/llama-2-70b-chat-hf"),
        ("qwen-qwq-32b", "qwen/qwq-32b"),
        ("distil-whisper-large-v3-en", "distil-whisper/distil-large-v3"),
    ],
)
def test_groq_names(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    if query.startswith("groq/"):
        assert res.served_by is not None and res.served_by["id"] == "groq"


def test_groq_llama3_8b_8192_is_not_guessed() -> None:
    # LobeHub's April-2024 list says Llama 3 8B, llama-stack's Groq table Llama 3.1 8B: sources disagree
    res = resolve("groq/llama3-8b-8192")
    assert (res.model or {}).get("id") is None


def test_groq_qwq_keeps_its_chinese_origin() -> None:
    res = resolve("qwen-qwq-32b")
    assert res.origins is not None and "CN" in res.origins


@pytest.mark.parametrize(
    ("query", "model", "license"),
    [
        ("command-r-03-2024", "cohere/command-r", "proprietary"),
        ("command-r-plus-04-2024", "cohere/command-r-plus", "proprietary"),
        ("command", "cohere/command", "proprietary"),
        ("command-light", "cohere/command-light", "proprietary"),
        ("cohere.command-text-v14", "cohere/command", "proprietary"),
        ("bedrock/us-east-1/cohere.command-light-text-v14", "cohere/command-light", "proprietary"),
        ("c4ai-aya-expanse-32b", "coherelabs/aya-expanse-32b", "cohere-cc-by-nc"),
    ],
)
def test_cohere_api_names(query: str, model: str, license: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == license
    assert list(res.origins or ()) == ["CA"]


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("ernie-4.5-turbo-128k", "baidu/ernie-4.5-turbo-128k"),
        ("ernie-x1-turbo-32k", "baidu/ernie-x1-turbo-32k"),
        ("qwen3.5-flash", "qwen/qwen3.5-flash"),
        ("qwen3.6-plus-2026-04-02", "qwen/qwen3.6-plus"),
        ("qwen-mt-plus", "qwen/qwen-mt-plus"),
        ("glm-z1-flashx", "zhipu/glm-z1-flashx"),
        ("glm-4.6v-flashx", "zhipu/glm-4.6v-flashx"),
        ("abab6-chat", "minimax/abab6-chat"),
        ("hunyuan-large-role", "tencent/hunyuan-large-role"),
        ("baichuan2-53b", "baichuan/baichuan2-53b"),
        ("yi-vl-plus", "01-ai/yi-vl-plus"),
    ],
)
def test_chinese_api_only_names(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.open_weights is False
    assert list(res.origins or ()) == ["CN"]


def test_model_studio_name_of_open_kimi_k2() -> None:
    res = resolve("Moonshot-Kimi-K2-Instruct")
    assert res.model is not None and res.model["id"] == "moonshotai/kimi-k2-instruct"
    assert res.license is not None and res.license["id"] == "modified-mit"


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("anthropic.claude-instant-v1", "anthropic/claude-instant-1"),
        ("bedrock/us-east-1/1-month-commitment/anthropic.claude-instant-v1", "anthropic/claude-instant-1"),
        ("bedrock/eu-central-1/anthropic.claude-v1", "anthropic/claude-1"),
        ("claude-instant-1.2", "anthropic/claude-instant-1"),
        ("claude-1.3", "anthropic/claude-1"),
        ("qwen.qwen3-coder-30b-a3b-v1:0", "qwen/qwen3-coder-30b-a3b-instruct"),
    ],
)
def test_bedrock_and_legacy_ids(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    if "." in query.split("/")[-1] and not query.startswith("claude"):
        assert res.served_by is not None and res.served_by["id"] == "aws-bedrock"


@pytest.mark.parametrize("query", ["qwen.qwen3-next-80b-a3b", "qwen.qwen3-vl-235b-a22b", "nvidia.nemotron-nano-12b-v2"])
def test_bedrock_ids_whose_checkpoint_aws_does_not_name_stay_unknown(query: str) -> None:
    # AWS's model cards do not say Instruct or Thinking for these, and Bedrock's Nemotron Nano 12B v2 is the VL model
    res = resolve(query)
    assert (res.model or {}).get("id") is None
    assert res.served_by is not None and res.served_by["id"] == "aws-bedrock"


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("openrouter/google/gemini-flash-1.5", "google/gemini-1.5-flash"),
        ("openrouter/google/gemini-pro-1.5", "google/gemini-1.5-pro"),
        ("openrouter/google/gemini-flash-1.5-8b", "google/gemini-1.5-flash-8b"),
        ("openrouter/deepseek/deepseek-chat-v3-0324:free", "deepseek-ai/deepseek-v3-0324"),
        ("openrouter/deepseek/deepseek-chat-v3.1", "deepseek-ai/deepseek-v3.1"),
    ],
)
def test_openrouter_slugs(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.served_by is not None and res.served_by["id"] == "openrouter"


def test_deepseek_own_time_varying_alias_stays_unmapped() -> None:
    # OpenRouter's fixed slugs do not make DeepSeek's own deepseek-chat one model
    res = resolve("deepseek-chat")
    assert (res.model or {}).get("id") is None


@pytest.mark.parametrize("query", ["grok-2-vision-1212", "xai/grok-2-vision-1212", "openrouter/x-ai/grok-2-vision-1212"])
def test_grok_2_vision_is_api_only(query: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == "xai/grok-2-vision"
    assert res.license is not None and res.license["id"] == "proprietary"
    assert list(res.origins or ()) == ["US"]


def test_model_studio_sensevoice_api_name() -> None:
    res = resolve("sensevoice-v1")
    assert res.model is not None and res.model["id"] == "funaudiollm/sensevoice-v1"
    assert res.license is not None and res.license["id"] == "proprietary"
    assert list(res.origins or ()) == ["CN"]


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("gpt-4o-realtime-preview", "openai/gpt-4o-realtime-preview"),
        ("gpt-4o-realtime-preview-2024-12-17", "openai/gpt-4o-realtime-preview"),
        ("gpt-4o-mini-realtime-preview", "openai/gpt-4o-mini-realtime-preview"),
        ("gpt-4o-audio-preview", "openai/gpt-4o-audio-preview"),
        ("gpt-4o-mini-audio-preview", "openai/gpt-4o-mini-audio-preview"),
        ("azure/eu/gpt-4o-realtime-preview", "openai/gpt-4o-realtime-preview"),
    ],
)
def test_openai_realtime_and_audio_preview_names(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == "proprietary"


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("nebius/deepseek-ai/DeepSeek-V3-0324-fast", "deepseek-ai/deepseek-v3-0324"),
        ("nebius/meta-llama/Llama-3.3-70B-Instruct-fast", "meta-llama/llama-3.3-70b-instruct"),
        ("nebius/google/gemma-2-9b-it-fast", "google/gemma-2-9b-it"),
    ],
)
def test_nebius_fast_tier(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.served_by is not None and res.served_by["id"] == "nebius"


def test_nebius_fast_of_an_unknown_repo_is_unknown_but_served() -> None:
    res = resolve("nebius/someone/not-a-model-fast")
    assert (res.model or {}).get("id") is None
    assert res.served_by is not None and res.served_by["id"] == "nebius"


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("gemini-2.0-flash-thinking-exp-01-21", "google/gemini-2.0-flash-thinking-exp"),
        ("openrouter/google/gemini-2.0-flash-thinking-exp:free", "google/gemini-2.0-flash-thinking-exp"),
        ("gemini-2.0-pro-exp-02-05", "google/gemini-2.0-pro-exp"),
        ("openrouter/openai/o3-mini-high", "openai/o3-mini"),
    ],
)
def test_experimental_gemini_and_openrouter_effort_slug(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == "proprietary"
    assert list(res.origins or ()) == ["US"]


@pytest.mark.parametrize("query", ["kling-v1", "kling-v1-6", "kling-v2-1-master", "kling-v2-5-turbo"])
def test_kling_api_names_are_kuaishou_closed_models(query: str) -> None:
    res = resolve(query)
    assert res.publisher is not None and res.publisher["id"] == "kwai"
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.confidence == "inferred"  # the family, not one record
    assert list(res.origins or ()) == ["CN"]


@pytest.mark.parametrize("query", ["kling", "klingon-v1", "kling-v12345"])
def test_words_near_kling_are_not_kling(query: str) -> None:
    res = resolve(query)
    assert (res.publisher or {}).get("id") != "kwai"
