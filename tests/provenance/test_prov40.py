"""Session 36 (brief prov40): key 33's misses by general cause.

* A host's id for a publisher's own open model plus a number format ("-fp4", "-fp8", "-int4") where no build of that
  name is known denotes the open model served in the precision the host chose, as "novita/qwen/qwen3-4b-fp8" and
  Together's "-Turbo" do: never a separate repo invented from the host's spelling (with the model as its base).
* ``--online``: a repo with an opaque name ("someone/lol") that the Hub answers for, whose adapter_config.json names a
  base, is that repo (model id, its account as publisher with no country) on that base; offline it stays unknown.
"""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.provenance.resolver import resolve
from tests.provenance.loopback import enrich_with_adapter_config


def _edges(res: dict) -> list[tuple[str, str, str]]:
    return [(e["child"], e["relation"], e["parent"]) for e in res.get("edges") or []]


@pytest.mark.parametrize(("query", "model_id"), [
    ("together_ai/moonshotai/Kimi-K2.5-fp4", "moonshotai/kimi-k2.5"),
    ("together_ai/moonshotai/Kimi-K2.5-FP8", "moonshotai/kimi-k2.5"),
    ("deepinfra/moonshotai/Kimi-K2.5-int4", "moonshotai/kimi-k2.5"),
])
def test_host_precision_word_on_a_first_party_name_is_the_model_itself(query: str, model_id: str) -> None:
    res = resolve(query).to_dict()
    assert res["model"]["id"] == model_id
    assert res["publisher"]["id"] == "moonshot"
    # the model's own lineage, not a quantization step from a repo the host's spelling invented
    assert _edges(res)[0] == (model_id, "finetune", "moonshotai/kimi-k2-base")
    assert res["license"]["id"] == "modified-mit"
    assert "number format" in res["reason"]


def test_the_same_name_without_a_host_stays_a_repo_of_that_org() -> None:
    # a Hub id (no host serving it): the org's own repo in another format, a quantization of the model
    res = resolve("moonshotai/Kimi-K2.5-fp4").to_dict()
    assert res["model"]["id"] == "moonshotai/kimi-k2.5-fp4"
    assert _edges(res)[0] == ("moonshotai/kimi-k2.5-fp4", "quantization", "moonshotai/kimi-k2.5")


def test_a_build_the_knowledge_base_lists_is_still_that_build() -> None:
    # Meta's FP8 repo is a record of its own: the host serves that build
    res = resolve("together_ai/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8").to_dict()
    assert res["model"]["id"] == "meta-llama/llama-4-maverick-17b-128e-instruct-fp8"
    assert "number format" not in (res["reason"] or "")


def test_a_third_party_precision_repo_behind_a_host_keeps_its_packager() -> None:
    # the rule covers the publisher's own org only: a quantizer's repo served by a host is still its repo
    res = resolve("together_ai/nvidia/Kimi-K2.5-NVFP4").to_dict()
    assert res["model"]["id"] == "nvidia/kimi-k2.5-nvfp4"
    assert res["publisher"]["id"] == "nvidia"


@pytest.mark.parametrize(("repo", "adapter_base", "parent"), [
    # recorded miniatures of the Hub's replies: a peft repo with an opaque name, no card base, an adapter_config.json
    ("someone-x/lol", "Qwen/Qwen2.5-Coder-7B-Instruct", "qwen/qwen2.5-coder-7b-instruct"),
    ("someone-y/Indracoder", "Qwen/Qwen2.5-Coder-1.5B-Instruct", "qwen/qwen2.5-coder-1.5b-instruct"),
])
def test_online_an_opaque_adapter_repo_is_that_repo_on_its_adapter_configs_base(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any, repo: str, adapter_base: str, parent: str) -> None:
    offline = resolve(repo)
    assert offline.model is None and offline.edges is None   # offline nothing can be known of the name
    enriched, _served = enrich_with_adapter_config(monkeypatch, tmp_path, offline, repo, adapter_base, rank=16)
    res = enriched.to_dict()
    me = repo.lower()
    assert res["model"]["id"] == me
    assert res["publisher"] == {"id": repo.split("/")[0].lower(), "name": repo.split("/")[0], "country": None}
    assert [(e["relation"], e["parent"]) for e in res["edges"] if e["child"] == me] == [("adapter", parent)]
    assert res["origins"] == ["CN"] and res["origins_known"] is False
    assert res["confidence"] == "inferred"


@pytest.mark.parametrize("query", ["Qwen/Qwen3-8B-GGUF:Q8_0", "Qwen/Qwen3-8B-GGUF:q4_k_m", "hf.co/Qwen/Qwen3-8B-GGUF:Q8_0"])
def test_a_hub_gguf_reference_with_a_quant_tag_names_no_server(query: str) -> None:
    # llama.cpp's "-hf <org>/<repo>:<quant>": a Hub repo and one of its GGUF files, run locally; "Qwen/" is also a
    # router prefix (DashScope), but a repo name with a quant tag after it is not a DashScope API name
    res = resolve(query).to_dict()
    assert res["served_by"] is None
    assert res["model"]["id"] == "qwen/qwen3-8b-gguf"
    assert res["license"]["id"] == "apache-2.0"
    assert res["publisher"]["country"] == "CN"


@pytest.mark.parametrize(("query", "served"), [
    ("qwen/qwen-plus:free", "openrouter"),                   # a router's variant suffix, not a quant tag
    ("deepseek-ai/DeepSeek-V4-Pro:novita", "novita"),        # a Hub router suffix naming the provider
])
def test_other_colon_suffixes_keep_their_reading(query: str, served: str) -> None:
    assert resolve(query).to_dict()["served_by"]["id"] == served


@pytest.mark.parametrize(("query", "model_id"), [
    ("vertex_ai/semantic-ranker-fast-004", "google/semantic-ranker-fast-004"),
    ("vertex_ai/semantic-ranker-default-004", "google/semantic-ranker-default-004"),
])
def test_vertex_ranking_api_version_004_models(query: str, model_id: str) -> None:
    res = resolve(query).to_dict()
    assert res["model"]["id"] == model_id
    assert res["license"]["id"] == "proprietary"
    assert res["origins"] == ["US"]
    assert res["role"] == "rerank"


@pytest.mark.parametrize(("query", "base", "licence"), [
    # each adapter's own adapter_config.json names its base (read 2026-12-07)
    ("shibing624/chatglm3-6b-csc-chinese-lora", "zai-org/chatglm3-6b", "apache-2.0"),
    ("Jasper881108/chatglm-rm-lora-delta", "zai-org/chatglm2-6b", None),
    ("astom-M/lora_unsloth_qwq32_JMedBench-3000", "qwen/qwq-32b", None),   # "unsloth" in the name, Qwen's own base
])
def test_adapter_records_read_from_their_adapter_config(query: str, base: str, licence: str | None) -> None:
    res = resolve(query).to_dict()
    me = query.lower()
    assert res["model"]["id"] == me
    assert [(e["relation"], e["parent"]) for e in res["edges"] if e["child"] == me] == [("adapter", base)]
    assert (res["license"] or {}).get("id") == licence
    assert res["origins"] == ["CN"] and res["origins_known"] is False   # the account's country is not known
