"""Session 33 (brief prov37): what trace says about a community quant's licence, and key 30's misses by cause.

A re-packaging's ``license`` is what its own repo declares (a fact about the repo); the licence the packaged weights
carry is added as ``license.governing`` where the two differ (docs/knowledge-format.md, "What trace says about a
community quant's licence")."""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.knowledge import load
from modelmap.provenance.resolver import Resolver, resolve
from modelmap.report.trace_table import _rows
from tests.provenance.kb_overlay import resolver_with

BASE = "qwen/qwen2.5-7b-instruct"


def _record(mid: str, publisher: str, base: str, license: str, relation: str = "quantization") -> dict[str, Any]:
    return {"id": mid, "hf": mid, "publisher": publisher, "family": "qwen2.5", "open_weights": True,
            "license": license, "base": [{"relation": relation, "model": base}],
            "sources": [{"url": f"https://huggingface.co/{mid}", "as_of": "2026-12-07"}]}


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    assert load().models[BASE]["license"] == "apache-2.0"
    return resolver_with([
        _record("quantco/qwen2.5-7b-instruct-gguf-mit", "bartowski", BASE, "mit"),
        _record("quantco/qwen2.5-7b-instruct-gguf-mit-mlx", "mlx-community", "quantco/qwen2.5-7b-instruct-q4", "mit"),
        _record("quantco/qwen2.5-7b-instruct-q4", "bartowski", BASE, "unknown"),
        _record("quantco/qwen2.5-7b-instruct-gguf-same", "bartowski", BASE, "apache-2.0"),
        _record("tuneco/qwen2.5-7b-instruct-sft-mit", "bartowski", BASE, "mit", relation="finetune"),
        _record("labco/qwen2.5-7b-instruct-fp8-mit", "nvidia", BASE, "mit"),
        _record("quantco/qwen2.5-7b-instruct-gguf-prop", "bartowski", BASE, "proprietary"),
    ])


def test_a_repack_declaring_another_licence_keeps_it_and_adds_the_governing_one(resolver: Resolver) -> None:
    res = resolver.resolve("quantco/qwen2.5-7b-instruct-gguf-mit")
    assert res.license is not None
    assert res.license["id"] == "mit"  # the repo's declaration, as read
    assert "inherited_from" not in res.license
    gov = res.license["governing"]
    assert gov["id"] == "apache-2.0" and gov["from"] == BASE and gov["permissive"] is True


def test_the_governing_licence_is_found_through_a_chain_of_quantizations(resolver: Resolver) -> None:
    res = resolver.resolve("quantco/qwen2.5-7b-instruct-gguf-mit-mlx")
    assert res.license is not None and res.license["id"] == "mit"
    assert res.license["governing"]["id"] == "apache-2.0"
    assert res.license["governing"]["from"] == BASE


@pytest.mark.parametrize("query", [
    "quantco/qwen2.5-7b-instruct-gguf-same",  # declares the base's own licence: nothing to add
    "tuneco/qwen2.5-7b-instruct-sft-mit",     # a fine-tune's author may relicense its own weights
    "labco/qwen2.5-7b-instruct-fp8-mit",      # another lab's build may add that lab's terms
    "quantco/qwen2.5-7b-instruct-gguf-prop",  # proprietary is no open licence to compare
])
def test_no_governing_licence_outside_a_community_repacks_conflicting_declaration(resolver: Resolver,
                                                                                     query: str) -> None:
    res = resolver.resolve(query)
    assert "governing" not in (res.license or {})


def test_a_repack_the_knowledge_base_does_not_hold_inherits_and_has_no_governing_field() -> None:
    res = resolve("someoneunknown/Llama-3.1-70B-Instruct-GGUF").to_dict()
    lic = res["license"] or {}
    assert lic.get("id") == "llama3.1" and lic.get("inherited_from") and "governing" not in lic
    assert res["confidence"] == "inferred"


def test_hierholzer_gguf_declares_mit_over_llama_31_weights() -> None:
    res = resolve("hierholzer/Llama-3.1-70B-Instruct-GGUF").to_dict()
    assert res["license"]["id"] == "mit"
    assert res["license"]["governing"]["id"] == "llama3.1"
    assert res["license"]["governing"]["from"] == "meta-llama/llama-3.1-70b-instruct"
    assert res["license"]["governing"]["permissive"] is False
    row = dict(_rows(res))["license"]
    assert row.startswith("mit (declared by the repo") and "under llama3.1" in row


@pytest.mark.parametrize(("query", "model_id"), [
    # Vercel AI Gateway writes Qwen's mixture-of-experts models by their total size under the parent company's label
    ("vercel_ai_gateway/alibaba/qwen-3-235b", "qwen/qwen3-235b-a22b"),
    ("vercel_ai_gateway/alibaba/qwen-3-30b", "qwen/qwen3-30b-a3b"),
    ("vercel_ai_gateway/alibaba/qwen-3-14b", "qwen/qwen3-14b"),  # a dense model: the name as written
])
def test_a_routers_creator_label_with_a_moe_total_size(query: str, model_id: str) -> None:
    res = resolve(query)
    assert (res.model or {}).get("id") == model_id
    assert (res.served_by or {}).get("id") == "vercel-ai-gateway"
    assert (res.publisher or {}).get("country") == "CN"


def test_the_moe_completion_stays_behind_a_router_prefix() -> None:
    # without the router, "alibaba/qwen-3-235b" is a repo owner's name: no completion to Qwen's record
    assert (resolve("alibaba/qwen-3-235b").model or {}).get("id") != "qwen/qwen3-235b-a22b"


def test_the_moe_completion_needs_exactly_one_record() -> None:
    resolver = resolver_with([
        {"id": "qwen/qwen9-30b-a3b", "hf": "Qwen/Qwen9-30B-A3B", "publisher": "qwen", "license": "apache-2.0",
         "sources": [{"url": "https://example.org/a", "as_of": "2026-12-07"}]},
        {"id": "qwen/qwen9-30b-a5b", "hf": "Qwen/Qwen9-30B-A5B", "publisher": "qwen", "license": "apache-2.0",
         "sources": [{"url": "https://example.org/b", "as_of": "2026-12-07"}]},
    ])
    res = resolver.resolve("vercel_ai_gateway/alibaba/qwen9-30b")
    assert (res.model or {}).get("id") not in ("qwen/qwen9-30b-a3b", "qwen/qwen9-30b-a5b")


@pytest.mark.parametrize(("query", "licence"), [
    ("vercel_ai_gateway/mistral/magistral-medium", "proprietary"),  # -2506 / -2507 / -2509: API only
    ("magistral-small", "apache-2.0"),                             # -2506 / -2507 / -2509: open weights
])
def test_an_undated_name_takes_the_licence_all_its_dated_snapshots_share(query: str, licence: str) -> None:
    res = resolve(query)
    assert (res.license or {}).get("id") == licence
    assert "every dated snapshot" in (res.reason or "")
    assert (res.model or {}).get("id") is None  # which snapshot it serves stays unknown


def test_a_dated_name_the_family_does_not_hold_gets_no_snapshot_licence() -> None:
    # "magistral-medium-2508" has no snapshots of its own, and the Magistral family mixes open Small with API-only
    # Medium: no licence
    assert resolve("magistral-medium-2508").license is None


def test_fireworks_distill_word() -> None:
    res = resolve("fireworks_ai/accounts/fireworks/models/deepseek-r1-0528-distill-qwen3-8b").to_dict()
    assert res["model"]["id"] == "deepseek-ai/deepseek-r1-0528-qwen3-8b"
    teachers = {e["parent"] for e in res["edges"] if e["relation"] == "distillation"}
    assert "deepseek-ai/deepseek-r1-0528" in teachers
    # the maker's own distill names keep the word
    res2 = resolve("fireworks_ai/accounts/fireworks/models/deepseek-r1-distill-qwen-7b")
    assert (res2.model or {}).get("id") == "deepseek-ai/deepseek-r1-distill-qwen-7b"


@pytest.mark.parametrize(("query", "model_id", "country"), [
    ("vertex_ai/lyria-002", "google/lyria-002", "US"),
    ("vertex_ai/chirp_3", "google/chirp_3", "US"),
    ("amazon.nova-2-pro-preview-20251202-v1:0", "amazon/nova-2-pro-preview-20251202-v1", "US"),
    ("dashscope/qwen-audio-3.0-tts-plus", "qwen/qwen-audio-3.0-tts-plus", "CN"),
    ("dashscope/qwen-audio-3.1-tts-flash", "qwen/qwen-audio-3.1-tts-flash", "CN"),
])
def test_api_only_records_added_from_the_makers_pages(query: str, model_id: str, country: str) -> None:
    res = resolve(query).to_dict()
    assert res["model"]["id"] == model_id
    assert res["license"]["id"] == "proprietary"
    assert res["publisher"]["country"] == country
    assert res["lineage_undisclosed"]


@pytest.mark.parametrize(("query", "base"), [
    ("Qwen/Qwen2.5-Coder-3B", "qwen/qwen2.5-3b"),                # card front matter base_model
    ("baichuan-inc/Baichuan-M2-32B", "qwen/qwen2.5-32b"),        # Xinference's description of the model
    ("novita/baichuan/baichuan-m2-32b", "qwen/qwen2.5-32b"),
    ("tiendung/gemma2embedding", "baai/bge-multilingual-gemma2"),  # README: a bf16 copy
])
def test_bases_read_from_sources(query: str, base: str) -> None:
    res = resolve(query).to_dict()
    me = res["model"]["id"]
    assert [e["parent"] for e in res["edges"] if e["child"] == me] == [base]


# --online: a community LoRA's base from evidence in the repo, never from its name

def _info(card: dict[str, Any] | None, files: list[str]) -> dict[str, Any]:
    return {"id": "someone/qwen3-4b-structured-lora", "author": "someone", "cardData": card,
            "siblings": [{"rfilename": f} for f in files]}


def test_an_adapter_repo_without_a_card_base_takes_its_adapter_configs_base() -> None:
    from modelmap.provenance import online

    asked: list[str] = []

    def get_file(name: str) -> bytes:
        asked.append(name)
        return b'{"peft_type": "LORA", "base_model_name_or_path": "Qwen/Qwen3-4B-Instruct-2507", "r": 16}'

    data = online.from_model_info(_info({"license": "apache-2.0"}, ["adapter_config.json", "README.md"]), get_file)
    assert asked == ["adapter_config.json"]
    assert data["base_model"] == "Qwen/Qwen3-4B-Instruct-2507" and data["base_model_relation"] == "adapter"
    assert data["base_source"] == "adapter_config.json"
    offline = resolve("someone/qwen3-4b-structured-lora")
    # offline the name's Qwen3-4B is a labelled claim at confidence unknown, not an answer
    assert offline.confidence == "unknown"
    res = online.enrich(offline, lambda _repo: data)
    mine = [e for e in res.edges or () if e["child"] == "someone/qwen3-4b-structured-lora"]
    assert [(e["relation"], e["parent"], e["source"]) for e in mine] == [
        ("adapter", "qwen/qwen3-4b-instruct-2507", "huggingface-hub adapter_config.json (base_model_name_or_path)")]
    assert res.origins == ("CN",) and res.origins_known is False


def test_the_cards_base_wins_over_the_adapter_config() -> None:
    from modelmap.provenance import online

    def get_file(name: str) -> bytes:
        raise AssertionError("not read when the card names a base")

    data = online.from_model_info(_info({"base_model": "Qwen/Qwen3-4B-Instruct-2507"}, ["adapter_config.json"]),
                                  get_file)
    assert data["base_model"] == "Qwen/Qwen3-4B-Instruct-2507" and data["base_source"] == "card"


@pytest.mark.parametrize("body", [
    b"not json", b"[]", b'{"base_model_name_or_path": "/content/outputs/checkpoint-500"}',
    b'{"base_model_name_or_path": 7}',
])
def test_an_unusable_adapter_config_leaves_the_base_unknown(body: bytes) -> None:
    from modelmap.provenance import online

    data = online.from_model_info(_info(None, ["adapter_config.json"]), lambda _name: body)
    assert data["base_model"] is None and data["base_source"] is None


def test_a_repo_without_an_adapter_config_is_not_asked_for_one() -> None:
    from modelmap.provenance import online

    def get_file(name: str) -> bytes:
        raise AssertionError(name)

    assert online.from_model_info(_info(None, ["config.json", "model.safetensors"]), get_file)["base_model"] is None


def test_hub_fetch_reads_the_adapter_config_over_http(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole bounded path against a loopback server (no network): the model API, then the adapter's config."""
    import json

    from modelmap.provenance import online
    from tests.provenance.loopback import serve_routes

    info = _info({"license": "apache-2.0"}, ["adapter_config.json"])
    server, served = serve_routes({
        "/api/models/someone/qwen3-4b-structured-lora": json.dumps(info).encode(),
        "/someone/qwen3-4b-structured-lora/resolve/main/adapter_config.json":
            b'{"base_model_name_or_path": "Qwen/Qwen3-4B-Instruct-2507"}',
    })
    try:
        monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{server.server_address[1]}")
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        data = online._hub_fetch("someone/qwen3-4b-structured-lora")
    finally:
        server.shutdown()
        server.server_close()
    assert served == ["/api/models/someone/qwen3-4b-structured-lora",
                      "/someone/qwen3-4b-structured-lora/resolve/main/adapter_config.json"]
    assert data["base_model"] == "Qwen/Qwen3-4B-Instruct-2507" and data["base_source"] == "adapter_config.json"


def test_snapshots_that_disagree_give_no_licence() -> None:
    resolver = resolver_with([
        {"id": "mistral/magistral-medium-2601", "publisher": "mistral", "family": "magistral", "hf": None,
         "license": "apache-2.0", "sources": [{"url": "https://example.org/m", "as_of": "2026-12-07"}]},
    ])
    res = resolver.resolve("vercel_ai_gateway/mistral/magistral-medium")
    assert res.license is None and "every dated snapshot" not in (res.reason or "")
