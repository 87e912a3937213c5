"""Two platform spellings (provfix14): Vertex's -vN label before an @date, and litellm's azure_ai/global/ path.

* Google's Vertex page for Claude: "Claude 3.5 Sonnet v2, use claude-3-5-sonnet-v2@20241022", which is
  Anthropic's claude-3-5-sonnet-20241022.
* litellm 1.80.0's catalogue lists azure_ai/global/grok-3 and azure_ai/global/grok-3-mini (an Azure AI Foundry
  Global Standard deployment of the catalogue model).
"""

from __future__ import annotations

import pytest

from modelmap.errors import IdentifierError
from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize("query", ["vertex_ai/claude-3-5-sonnet-v2@20241022", "claude-3-5-sonnet-v2@20241022"])
def test_vertex_v2_label_with_a_date_is_the_dated_model(query: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == "anthropic/claude-3-5-sonnet"
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.served_by is not None and res.served_by["id"] == "vertex-ai"


def test_vertex_v2_label_without_a_date_names_no_exact_model() -> None:
    res = resolve("vertex_ai/claude-3-5-sonnet-v2")
    assert (res.model or {}).get("id") is None
    assert res.confidence != "known"


@pytest.mark.parametrize(("query", "model"), [("azure_ai/global/grok-3-mini", "xai/grok-3-mini"),
                                               ("azure_ai/global/grok-3", "xai/grok-3")])
def test_azure_global_deployment_path(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.publisher is not None and res.publisher["country"] == "US"
    assert res.served_by is not None and res.served_by["id"] == "azure-ai-foundry"


@pytest.mark.parametrize("query", ["azure_ai/global/", "azure_ai/global/" + "x" * 5000, "azure_ai/global/../../etc"])
def test_hostile_azure_global_paths_resolve_nothing(query: str) -> None:
    try:
        res = resolve(query)
    except IdentifierError:
        return
    assert (res.model or {}).get("id") is None
