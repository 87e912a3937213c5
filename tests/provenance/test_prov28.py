"""Session 28 (prov28): knowledge-base facts settled on the held-out-21 / held-out-20 keys' confidently wrong rows.

1. The bare DeepSeek API names deepseek-v4-flash / deepseek-v4-pro are time-varying: they served the V4 previews
   (2026-04-24), then the official releases DeepSeek-V4-Flash-0731 / DeepSeek-V4-Pro-0813 that superseded them. Like
   deepseek-chat they are not mapped to one model (publisher only, never a confident model or base); the Hub ids
   deepseek-ai/DeepSeek-V4-Flash / -Pro still name the previews, whose base the V4 technical report gives.
2. The Jamba 1.5 API names (AI21 Studio, Bedrock ai21.jamba-1-5-*-v1:0, Vertex jamba-1.5-*@001) are the released
   Jamba 1.5 weights under the Jamba Open Model License, not API-only records with a proprietary licence.
3. UI-TARS-1.5-7B's licence is Apache-2.0; a repack that declares AGPL-3.0 (happyme531/Qwen3-Embedding-RKLLM) reports
   the new agpl-3.0 licence id.
"""

from __future__ import annotations

import pytest

from modelmap.knowledge import load
from modelmap.provenance.resolver import resolve


def _base(rec: dict) -> str | None:
    model = (rec.get("model") or {}).get("id")
    return next((e["parent"] for e in rec.get("edges") or [] if e.get("child") == model
                 and e.get("relation") != "distillation"), None)


@pytest.mark.parametrize("query", ["deepseek-v4-flash", "deepseek-v4-pro", "DeepSeek-V4-Flash"])
def test_bare_deepseek_v4_api_names_are_not_pinned_to_one_model(query: str) -> None:
    rec = resolve(query).to_dict()
    assert rec.get("model") is None
    assert _base(rec) is None
    assert (rec.get("publisher") or {}).get("id") == "deepseek"
    assert rec.get("origins") == ["CN"]
    assert "not mapped to one model" in rec.get("reason", "")


@pytest.mark.parametrize(("query", "model", "base"), [
    ("deepseek-ai/DeepSeek-V4-Flash", "deepseek-ai/deepseek-v4-flash", "deepseek-ai/deepseek-v4-flash-base"),
    ("deepseek-ai/DeepSeek-V4-Pro", "deepseek-ai/deepseek-v4-pro", "deepseek-ai/deepseek-v4-pro-base"),
    ("deepseek-v4-flash-0731", "deepseek-ai/deepseek-v4-flash-0731", None),
])
def test_deepseek_v4_hub_ids_and_dated_names_still_resolve(query: str, model: str, base: str | None) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    if base:
        assert _base(rec) == base


@pytest.mark.parametrize(("query", "model"), [
    ("ai21.jamba-1-5-large-v1:0", "ai21labs/ai21-jamba-large-1.5"),
    ("ai21.jamba-1-5-mini-v1:0", "ai21labs/ai21-jamba-mini-1.5"),
    ("vertex_ai/jamba-1.5-mini@001", "ai21labs/ai21-jamba-mini-1.5"),
    ("jamba-1.5-large", "ai21labs/ai21-jamba-large-1.5"),
])
def test_jamba_1_5_api_names_are_the_released_open_weights(query: str, model: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert (rec.get("license") or {}).get("id") == "ai21-jamba-open"


def test_no_api_only_jamba_1_5_records_remain() -> None:
    models = load().models
    assert "ai21/jamba-1.5-large" not in models
    assert "ai21/jamba-1.5-mini" not in models


def test_ui_tars_1_5_7b_licence_and_base() -> None:
    rec = resolve("openrouter/bytedance/ui-tars-1.5-7b").to_dict()
    assert (rec.get("model") or {}).get("id") == "bytedance-seed/ui-tars-1.5-7b"
    assert (rec.get("license") or {}).get("id") == "apache-2.0"
    assert _base(rec) == "qwen/qwen2.5-vl-7b-instruct"


def test_agpl_declaring_repack_reports_agpl() -> None:
    assert "agpl-3.0" in load().licenses
    rec = resolve("happyme531/Qwen3-Embedding-RKLLM").to_dict()
    assert (rec.get("license") or {}).get("id") == "agpl-3.0"


# ---- records read from the models' own cards (second commit) ----

@pytest.mark.parametrize(("query", "model", "base", "licence"), [
    ("XiaomiMiMo/MiMo-V2.5", "xiaomimimo/mimo-v2.5", None, "mit"),           # Hub header (corrections.yaml)
    ("nvidia/Qwen3-Nemotron-32B-RLBFF", "nvidia/qwen3-nemotron-32b-rlbff", "qwen/qwen3-32b", "nvidia-open-model"),
    ("nvidia/Qwen3.6-27B-NVFP4", "nvidia/qwen3.6-27b-nvfp4", "qwen/qwen3.6-27b", "apache-2.0"),
    ("jas1k1/Jnotworkingv", "jas1k1/jnotworkingv", "qwen/qwen3.6-27b", "apache-2.0"),
    ("andyc03/Mimo-safeonly", "andyc03/mimo-safeonly", "xiaomimimo/mimo-vl-7b-rl-2508", "apache-2.0"),
    ("Nonovogo/qwen3-0.6_Python_3R", "nonovogo/qwen3-0.6_python_3r", "unsloth/qwen3-0.6b-unsloth-bnb-4bit", "apache-2.0"),
    ("amphora/qwen3-8b-tr", "amphora/qwen3-8b-tr", "qwen/qwen3-8b-base", None),  # not the name's qwen3-8b
])
def test_card_read_records(query: str, model: str, base: str | None, licence: str | None) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert rec.get("confidence") == "known"
    if base:
        assert _base(rec) == base
    assert (rec.get("license") or {}).get("id") == licence


def test_a_quant_named_after_the_nvidia_release_reaches_it() -> None:
    rec = resolve("bartowski/nvidia_Qwen3-Nemotron-32B-RLBFF-GGUF").to_dict()
    assert _base(rec) == "nvidia/qwen3-nemotron-32b-rlbff"
    assert set(rec.get("origins") or []) >= {"CN", "US"}


# ---- Ollama user namespaces under a library name (resolver rule) ----

@pytest.mark.parametrize(("query", "model"), [
    ("xagi/qwen3-embedding:0.6b-q4_k_m", "qwen/qwen3-embedding-0.6b"),
    ("pdevine/qwen3.6:27b-q4_K_M", "qwen/qwen3.6-27b"),
    ("rjmalagon/qwen3-coder:30b-a3b-mxfp4", "qwen/qwen3-coder-30b-a3b-instruct"),
    ("ExpedientFalcon/qwen3-embedding:4b-q4_k_m", "qwen/qwen3-embedding-4b"),
])
def test_a_user_upload_under_a_library_name_and_tag_packages_the_library_model(query: str, model: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert rec.get("confidence") == "inferred"
    assert rec.get("served_by") is None  # a bare tag names no server


@pytest.mark.parametrize("query", [
    "huihui_ai/deepseek-r1-abliterated:8b",          # the user's own name, not a library name
    "someone/Qwen2.5-7B-Instruct:7b",                # a Hub model's name with a size: no library tag
    "jdoe/qwen2.5-7b-instruct-zorblated:14b",
    "sparksammy/qwen3-coder-next-unsloth:tiny-hotfixed",
])
def test_a_user_upload_under_its_own_name_with_a_size_tag_still_names_no_model(query: str) -> None:
    assert (resolve(query).to_dict().get("model") or {}).get("id") is None


@pytest.mark.parametrize(("query", "model"), [
    ("grok-3-mini-fast-beta", "xai/grok-3-mini-fast"),
    ("grok-3-fast-beta", "xai/grok-3-fast"),
])
def test_grok_3_beta_api_names_are_the_ga_models(query: str, model: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert (rec.get("license") or {}).get("id") == "proprietary"
