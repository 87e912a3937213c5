"""Session 37 (brief prov41): key 34's misses by general cause.

* On Mistral's own API the name ``mistral-medium-3`` is an apiName of Mistral Medium 3.5 (Mistral's model schema,
  mistral-medium-3-5-26-04.ts); Medium 3 (25.05) is only ``mistral-medium-2505`` there. A provider-scoped name
  (catalogs/served-names.json), so the bare name and Vertex AI's id stay Medium 3.
* A third party's paid endpoint (cloud, router, another operator's API) serving a release whose open weights carry a
  no-commercial-use licence resolves to the maker's API product of that release (same family, same release day, its
  id the API name the open record lists), as the keys map the Bedrock / Vertex / Azure ids of Mistral Large 2 and the
  Vercel gateway's Pixtral Large. The maker's own API and local servers keep the open record.
"""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.provenance.resolver import resolve
from tests.provenance.loopback import enrich_with_adapter_config


def _lic(query: str) -> tuple[str | None, str | None]:
    res = resolve(query).to_dict()
    return (res.get("model") or {}).get("id"), (res.get("license") or {}).get("id")


def test_mistral_prefix_medium_3_is_medium_3_5() -> None:
    res = resolve("mistral/mistral-medium-3").to_dict()
    assert res["model"]["id"] == "mistralai/mistral-medium-3.5-128b"
    assert res["license"]["id"] == "mistral-modified-mit"
    assert res["served_by"]["id"] == "mistral-api"


@pytest.mark.parametrize("query", ["mistral-medium-3", "vertex_ai/mistral-medium-3", "mistral/mistral-medium-2505"])
def test_medium_3_elsewhere_stays_the_2505_api_model(query: str) -> None:
    assert _lic(query) == ("mistral/mistral-medium-2505", "proprietary")


@pytest.mark.parametrize("query", ["vercel_ai_gateway/mistral/pixtral-large", "openrouter/mistralai/pixtral-large-2411"])
def test_third_party_paid_endpoint_of_a_research_licensed_release_is_the_api_product(query: str) -> None:
    res = resolve(query).to_dict()
    assert (res["model"]["id"], res["license"]["id"]) == ("mistral/pixtral-large-2411", "proprietary")
    assert res["open_weights"] is False
    assert res["served_by"]["id"] in ("vercel-ai-gateway", "openrouter")
    assert res["confidence"] == "inferred"
    assert "paid API product" in res["reason"]


@pytest.mark.parametrize("query", ["mistral/pixtral-large-2411", "mistral/pixtral-large-latest", "pixtral-large-2411",
                                   "mistralai/Pixtral-Large-Instruct-2411"])
def test_maker_api_bare_name_and_hub_repo_keep_the_open_weights(query: str) -> None:
    assert _lic(query) == ("mistralai/pixtral-large-instruct-2411", "mistral-research")


def test_local_server_keeps_the_open_weights_licence() -> None:
    assert _lic("ollama/mistral-large-instruct-2407") == ("mistralai/mistral-large-instruct-2407", "mistral-research")


def test_no_api_product_recorded_means_no_change() -> None:
    # Codestral 22B v0.1 (MNPL) on Vertex: the knowledge base records no API product of that release
    assert _lic("vertex_ai/codestral@2405") == ("mistralai/codestral-22b-v0.1", "mnpl")


def test_a_permissive_release_on_a_gateway_stays_open() -> None:
    model, lic = _lic("together_ai/mistralai/Ministral-3-14B-Instruct-2512")
    assert model == "mistralai/ministral-3-14b-instruct-2512"
    assert lic == "apache-2.0"


# ---- derivative bases: a name is a claim, the adapter_config is evidence ------------------------------------------

@pytest.mark.parametrize("query", ["Aditya149/Mental-Yi-6B", "yuntaeyang/Yi-6B-ko-dpo", "amazingvince/yi-6b-booksum"])
def test_a_base_read_from_the_repo_name_is_never_stated_confidently(query: str) -> None:
    res = resolve(query).to_dict()
    named = [e for e in res["edges"] or () if e.get("source") == "name"]
    assert named, "offline the name's claim is shown, with its source"
    assert res["confidence"] == "unknown"
    assert res["origins_known"] is False
    assert res["license"] is None


def test_no_resolution_with_a_name_sourced_edge_is_confident() -> None:
    # a sweep over name shapes that reach the packager, name-prefix and name-claim paths
    queries = ["someone/Qwen2.5-7B-Instruct", "acme/Llama-3.1-8B-Instruct-GGUF", "x/deepseek-7b-lora",
               "lab123/Yi-6B-Chat-sft", "galvani78/Qwen3-Coder-30B-A3B-4.0bpw-EXL3", "someone/Mistral-7B-v0.1-hf"]
    for q in queries:
        res = resolve(q).to_dict()
        if any(e.get("source") == "name" for e in res["edges"] or ()):
            assert res["confidence"] == "unknown", q


@pytest.mark.parametrize(("repo", "adapter_base", "parent"), [
    # recorded miniatures of the Hub's replies (loopback): adapter repos whose names say nothing, or mislead
    ("googcheng/7b-lora", "baichuan-inc/Baichuan-7B", "baichuan-inc/baichuan-7b"),
    ("Aditya149/Mental-Yi-6B", "01-ai/Yi-6B-Chat", "01-ai/yi-6b-chat"),
])
def test_online_the_adapter_config_base_answers_or_replaces_the_name(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any, repo: str, adapter_base: str, parent: str) -> None:
    offline = resolve(repo)
    assert offline.confidence == "unknown"
    enriched, _served = enrich_with_adapter_config(monkeypatch, tmp_path, offline, repo, adapter_base)
    res = enriched.to_dict()
    me = repo.lower()
    assert res["model"]["id"] == me
    mine = [(e["relation"], e["parent"], e.get("source")) for e in res["edges"] if e["child"] == me]
    assert [(r, p) for r, p, _s in mine] == [("adapter", parent)]
    assert "adapter_config.json" in str(mine[0][2])
    assert res["origins"] == ["CN"]


def test_a_company_declaration_does_not_make_a_name_claimed_base_confident(tmp_path: Any) -> None:
    # the company says which repo "prod-ko" is; the base of that repo is still only its name's claim
    from modelmap.provenance.resolver import resolver_for

    (tmp_path / ".git").mkdir()
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nmodels:\n  declare:\n    - model: yuntaeyang/Yi-6B-ko-dpo\n      match: [\"prod-ko\"]\n")
    res = resolver_for(tmp_path).resolve("prod-ko").to_dict()
    assert [(e["parent"], e.get("source")) for e in res["edges"]] == [("01-ai/yi-6b", "name")]
    assert res["confidence"] == "unknown"
    assert "declared by the company" in res["reason"]


@pytest.mark.parametrize(("query", "model_id"), [
    ("fireworks_ai/accounts/fireworks/models/glm-4p5v", "zai-org/glm-4.5v"),   # GLM-4.5V: the vision "V" after 4p5
    ("fireworks_ai/glm-4p5v", "zai-org/glm-4.5v"),
    ("fireworks_ai/accounts/fireworks/models/glm-4p5", "zai-org/glm-4.5"),
    ("fireworks_ai/accounts/fireworks/models/deepseek-v3p1", "deepseek-ai/deepseek-v3.1"),
])
def test_fireworks_point_spelling_keeps_a_glued_vision_suffix(query: str, model_id: str) -> None:
    res = resolve(query).to_dict()
    assert res["model"]["id"] == model_id
    assert res["served_by"]["id"] == "fireworks-ai"


@pytest.mark.parametrize(("query", "relation", "base", "licence"), [
    # each read from the repo's own files today: adapter configs, cards, Hub headers
    ("naver/splade-code-8B", "adapter", "qwen/qwen3-8b", "cc-by-nc-sa-4.0"),
    ("zjunlp/baichuan2-13b-iepile-lora", "adapter", "baichuan-inc/baichuan2-13b-chat", "mit"),
    ("arnhemlabs/bge-m3-int8-weightonly", "quantization", "baai/bge-m3", "mit"),
    ("hotchpotch/vespa-onnx-BAAI-bge-m3-only-dense", "quantization", "baai/bge-m3", "mit"),
])
def test_records_read_from_the_repos_own_files(query: str, relation: str, base: str, licence: str) -> None:
    res = resolve(query).to_dict()
    me = query.lower()
    assert res["model"]["id"] == me
    assert [(e["relation"], e["parent"]) for e in res["edges"] if e["child"] == me] == [(relation, base)]
    assert res["license"]["id"] == licence
    assert "CN" in res["origins"]
    assert res["confidence"] == "known"
    assert not [e for e in res["edges"] if e.get("source") == "name"]
