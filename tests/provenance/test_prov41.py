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

import pytest

from modelmap.provenance.resolver import resolve


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
    assert lic == "apache-2.0"
