"""Session 35 (brief prov39): key 32's misses by general cause.

* litellm's ``qwencloud`` and ``qwen_ai_platform`` prefixes are Alibaba Model Studio (DashScope) endpoints (litellm
  1.110.2, ``litellm/llms/dashscope/qwencloud.py`` and ``qwen_ai_platform.py``): a DashScope name behind them,
  dated snapshots included, resolves as it does behind ``dashscope/``.
* Mistral names OCR versions major-minor from OCR 4 on (``mistral-ocr-4-0``): the family pattern reads that spelling.
* A Bedrock id whose served name matches a family pattern of the maker its vendor segment names takes the family's
  facts (``amazon.titan-embed-g1-text-02``: Amazon Titan, API-only).
* Azure AI Foundry catalogue names write a version's dot as a hyphen (``grok-4-20-reasoning``) and Cohere's vN.0 as
  ``V5``: both respellings are tried after the name as written.
* A release's exact Hub name spelled inside a third party's repo name, after a word of its own
  (``01-ai-Yi-9B-Chat-<stamp>``), gives that release's countries as a lower bound of the repo's origins, evidence the
  name: never a base, never a licence.
* ``--online``: where the repo's own adapter_config.json (or card) names a base, countries read only from words of the
  name are dropped (a name that says llama3 on a Qwen adapter is not Meta's lineage).
"""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.provenance.resolver import resolve
from tests.provenance.loopback import enrich_with_adapter_config


@pytest.mark.parametrize(("query", "model_id", "served_by"), [
    ("qwencloud/qwen-plus-2025-09-11", "qwen/qwen-plus", "dashscope-intl"),
    ("qwencloud/qwen3-max-2026-01-23", "qwen/qwen3-max", "dashscope-intl"),
    ("qwen_ai_platform/qwen-flash-2025-07-28", "qwen/qwen-flash", "dashscope-cn"),
    ("qwen_ai_platform/qwen-turbo-2025-04-28", "qwen/qwen-turbo", "dashscope-cn"),
])
def test_alibaba_gateway_prefixes_resolve_the_dashscope_name(query: str, model_id: str, served_by: str) -> None:
    res = resolve(query).to_dict()
    assert res["model"]["id"] == model_id
    assert res["license"]["id"] == "proprietary"
    assert res["publisher"]["country"] == "CN"
    assert res["served_by"]["id"] == served_by


@pytest.mark.parametrize(("query", "model_id"), [
    ("mistral/mistral-ocr-3-0", None),               # no such apiName in Mistral's schema: the family, not a model
    ("mistral-ocr-4-0", "mistral/mistral-ocr-4-0"),
    ("mistral/mistral-ocr-4", "mistral/mistral-ocr-4-1"),
    ("azure_ai/mistral-ocr-4-0", "mistral/mistral-ocr-4-0"),
])
def test_mistral_ocr_major_minor_names(query: str, model_id: str | None) -> None:
    res = resolve(query).to_dict()
    assert (res["model"] or {}).get("id") == model_id
    assert res["license"]["id"] == "proprietary"
    assert res["publisher"]["country"] == "FR"


def test_bedrock_id_in_a_family_of_its_vendor_takes_the_family_facts() -> None:
    res = resolve("amazon.titan-embed-g1-text-02").to_dict()
    assert res["license"]["id"] == "proprietary"
    assert res["served_by"]["id"] == "aws-bedrock"
    assert res["origins"] == ["US"] and res["model"]["id"] is None
    # a vendor segment with no family match stays a maker-only answer
    other = resolve("qwen.qwen3-235b-a22b-2507-v1:0").to_dict()
    assert other["license"] is None and other["publisher"]["id"] == "qwen"


@pytest.mark.parametrize(("query", "model_id"), [
    ("azure_ai/grok-4-20-reasoning", "xai/grok-4.20-reasoning"),
    ("azure_ai/Cohere-Embed-V5-Fast", "cohere/embed-v5.0-fast"),
    ("azure_ai/Cohere-Embed-V5-Pro", "cohere/embed-v5.0-pro"),
])
def test_azure_catalogue_respellings(query: str, model_id: str) -> None:
    res = resolve(query).to_dict()
    assert res["model"]["id"] == model_id
    assert res["license"]["id"] == "proprietary"
    assert res["served_by"]["id"] == "azure-ai-foundry"


def test_azure_dates_are_not_read_as_versions() -> None:
    from modelmap.provenance.hosted import _azure_lookups

    assert "command-a-plus-05.2026" not in _azure_lookups("Cohere-command-a-plus-05-2026")
    assert not any("v3.0324" in n for n in _azure_lookups("deepseek-v3-0324"))


@pytest.mark.parametrize(("query", "model_id"), [
    ("writer.palmyra-x4-v1:0", "writer/palmyra-x4"),
    ("mistral.pixtral-large-2502-v1:0", "mistral/pixtral-large-2502"),
])
def test_bedrock_api_records(query: str, model_id: str) -> None:
    res = resolve(query).to_dict()
    assert res["model"]["id"] == model_id
    assert res["license"]["id"] == "proprietary"
    assert res["lineage_undisclosed"]


@pytest.mark.parametrize("query", [
    "jfranklin-foundry/01-ai-Yi-9B-Chat-1724936927",
    "jfranklin-foundry/01-ai-Yi-9B-1721549583",
])
def test_a_release_spelled_inside_a_repo_name_is_a_lower_bound_origin_only(query: str) -> None:
    res = resolve(query)
    assert res.confidence == "unknown" and res.origins == ("CN",) and res.origins_known is False
    assert not res.edges and res.license is None
    assert "01-ai/yi-9b" in (res.reason or "") and "the name only" in (res.reason or "")
    assert all(r.get("claim") for r in res.origin_reasons if r["because"] == "base")


@pytest.mark.parametrize("query", [
    "acme/my-finetune-run3",         # a digit, but no release's name
    "acme/notes-v2-draft",
    "acme/yi-9b",                    # the whole name: the leading reading's business, not this rule's
])
def test_no_release_spelling_no_claim(query: str) -> None:
    res = resolve(query)
    assert "inside its own words" not in (res.reason or "")


@pytest.mark.parametrize(("repo", "adapter_base", "parent", "origins"), [
    # a recorded miniature of each repo's Hub reply: no card base, an adapter_config.json naming the base
    ("Vasanth/distil_llama3", "Qwen/Qwen2-0.5B-Instruct", "qwen/qwen2-0.5b-instruct", ("CN",)),
    ("jfranklin-foundry/01-ai-Yi-9B-Chat-1724936927", "01-ai/Yi-1.5-9B-Chat", "01-ai/yi-1.5-9b-chat", ("CN",)),
    ("limitedonly41/website_mistral7b_v02_13k", "Qwen/Qwen2.5-7B-Instruct", "qwen/qwen2.5-7b-instruct", ("CN",)),
])
def test_online_adapter_config_replaces_the_names_claimed_countries(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any, repo: str, adapter_base: str, parent: str,
        origins: tuple[str, ...]) -> None:
    offline = resolve(repo)
    assert offline.origins and any(r.get("claim") for r in offline.origin_reasons)   # the name's claim
    enriched, served = enrich_with_adapter_config(monkeypatch, tmp_path, offline, repo, adapter_base)
    res = enriched
    assert served[-1].endswith("/adapter_config.json")
    me = repo.lower()
    assert [(e["relation"], e["parent"]) for e in res.edges or () if e["child"] == me] == [("adapter", parent)]
    assert res.origins == origins and res.origins_known is False
    assert not any(r.get("claim") for r in res.origin_reasons)
