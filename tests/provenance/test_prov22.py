"""Session 22 (prov22): rules found on the opened held-out-16 provenance key.

* ``account/<model>-Q4_K_M`` (a llama.cpp quantization type as the only packaging word, no ``-GGUF``) is how GGUF
  files and Ollama user uploads are named; by the packaging convention it denotes the original, as
  ``account/<model>:q4_k_m`` does.
* A lab's own ``-BF16`` / ``-FP16`` repo the knowledge base does not hold is the same model in another dtype; the
  name does not say which repo was converted from which, so the link to the model is the name's claim only.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


def _model(query: str) -> str | None:
    return (resolve(query).model or {}).get("id")


@pytest.mark.parametrize(("query", "original"), [
    ("someuser/GLM-Z1-32B-0414-Q4_K_M", "zai-org/glm-z1-32b-0414"),
    ("someuser/DeepSeek-R1-Distill-Qwen-14B-IQ4_XS", "deepseek-ai/deepseek-r1-distill-qwen-14b"),
    ("someuser/GLM-4-32B-0414-Q8_0", "zai-org/glm-4-32b-0414"),
])
def test_a_gguf_quant_type_name_denotes_the_original(query: str, original: str) -> None:
    res = resolve(query)
    assert _model(query) == original
    assert (res.publisher or {}).get("country") == "CN"          # the lab is the publisher, not the uploader
    assert all(e["child"] != query.lower() for e in res.edges or ())


def test_it_reads_as_the_colon_tag_does() -> None:
    assert _model("someuser/GLM-Z1-32B-0414-Q4_K_M") == _model("someuser/GLM-Z1-32B-0414:q4_k_m")


@pytest.mark.parametrize(("query", "repo"), [
    ("someuser/GLM-Z1-32B-0414-Q4_K_M-GGUF", "someuser/glm-z1-32b-0414-q4_k_m-gguf"),   # a Hub GGUF repo
    ("bartowski/GLM-Z1-32B-0414-Q4_K_M", "bartowski/glm-z1-32b-0414-q4_k_m"),           # a known quantizer
    ("someuser/GLM-Z1-32B-0414-4bit", "someuser/glm-z1-32b-0414-4bit"),                 # not a GGUF quant type
])
def test_other_packagings_stay_the_repackers_repo(query: str, repo: str) -> None:
    res = resolve(query)
    assert _model(query) == repo
    assert (res.edges or ())[0]["parent"] == "zai-org/glm-z1-32b-0414"


def test_a_labs_own_bf16_repo_is_a_name_claim() -> None:
    res = resolve("zai-org/GLM-5.3-Flash-BF16")
    assert res.confidence == "unknown"
    edge = (res.edges or ())[0]
    assert edge["parent"] == "zai-org/glm-5.3-flash" and edge.get("source") == "name"
    assert "precision word" in (res.reason or "")
    assert "which a re-packaging keeps" not in (res.reason or "")


def test_a_labs_own_fp8_repo_stays_a_quantization() -> None:
    res = resolve("zai-org/GLM-5.3-Flash-FP8")
    assert res.confidence == "inferred"
    edge = (res.edges or ())[0]
    assert edge["relation"] == "quantization" and "source" not in edge


@pytest.mark.parametrize(("query", "server"), [
    # "Who serves a model id" (docs/knowledge-format.md): OpenRouter only where the form is OpenRouter's alone
    ("openrouter/anthropic/claude-opus-4.5", "openrouter"),
    ("x-ai/grok-4-fast", "openrouter"),
    # <lab>/<the lab API's own name>: the lab's API (litellm's, Mastra's provider prefix)
    ("openai/gpt-4.1-mini", "openai-api"),
    ("google/gemini-2.5-flash", "google-ai-studio"),
    # <lab>/<a gateway spelling>, and a bare name: no server
    ("anthropic/claude-opus-4.5", None),
    ("anthropic/claude-haiku-4.5", None),
    ("gemini-2.5-flash-lite-preview-09-2025", None),
    ("zai-glm-4.7", None),
])
def test_served_by_follows_the_written_convention(query: str, server: str | None) -> None:
    sb = resolve(query).served_by
    assert (sb["id"] if sb else None) == server


@pytest.mark.parametrize(("query", "base"), [
    ("huihui-ai/Huihui-Qwen3.5-4B-abliterated", "qwen/qwen3.5-4b"),     # the account's brand before the model name
    ("acme/Acme-Qwen2.5-7B-Instruct-sft", "qwen/qwen2.5-7b-instruct"),
    ("BELLE-2/Belle-whisper-large-v3-turbo-zh", "openai/whisper-large-v3-turbo"),
])
def test_the_owners_own_word_before_a_model_name_is_read_past(query: str, base: str) -> None:
    res = resolve(query)
    edge = (res.edges or ())[0]
    assert edge["parent"] == base and edge.get("source") == "name"
    assert res.confidence == "unknown" and res.license is None   # still the name's claim only


def test_another_leading_word_claims_nothing() -> None:
    assert not resolve("acme/Other-Qwen2.5-7B-Instruct-sft").edges
