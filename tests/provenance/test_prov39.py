"""Session 35 (brief prov39): key 32's misses by general cause.

* litellm's ``qwencloud`` and ``qwen_ai_platform`` prefixes are Alibaba Model Studio (DashScope) endpoints (litellm
  1.110.2, ``litellm/llms/dashscope/qwencloud.py`` and ``qwen_ai_platform.py``): a DashScope name behind them,
  dated snapshots included, resolves as it does behind ``dashscope/``.
* Mistral names OCR versions major-minor from OCR 4 on (``mistral-ocr-4-0``): the family pattern reads that spelling.
* A Bedrock id whose served name matches a family pattern of the maker its vendor segment names takes the family's
  facts (``amazon.titan-embed-g1-text-02``: Amazon Titan, API-only).
* Azure AI Foundry catalogue names write a version's dot as a hyphen (``grok-4-20-reasoning``) and Cohere's vN.0 as
  ``V5``: both respellings are tried after the name as written.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


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
