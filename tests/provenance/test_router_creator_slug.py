"""A router's ``<creator>/<model>`` ids label the maker by its company (Vercel AI Gateway: ``alibaba/qwen-3-14b`` for
Qwen3-14B); behind the router's prefix that label resolves through the publisher's parent company."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import _company_slug, resolve
from tests.provenance.record_fields import model_id


@pytest.mark.parametrize(("query", "model"), [
    ("vercel_ai_gateway/alibaba/qwen-3-14b", "qwen/qwen3-14b"),
    ("vercel_ai_gateway/alibaba/qwen-3-32b", "qwen/qwen3-32b"),
])
def test_company_label_behind_a_router_prefix_resolves(query: str, model: str) -> None:
    rec = resolve(query).to_dict()
    assert model_id(rec) == model
    assert rec["served_by"]["id"] == "vercel-ai-gateway"
    assert rec["publisher"]["country"] == "CN"


def test_company_label_without_a_router_prefix_stays_a_repo_owner() -> None:
    # no router prefix: "alibaba/..." is a Hub-shaped id whose owner the KB does not know, not Qwen's model
    assert model_id(resolve("alibaba/qwen-3-14b").to_dict()) != "qwen/qwen3-14b"


def test_company_label_needs_a_model_of_that_company() -> None:
    assert model_id(resolve("vercel_ai_gateway/alibaba/llama-3.1-8b").to_dict()) != "meta-llama/llama-3.1-8b"


@pytest.mark.parametrize(("parent", "slug"), [("Alibaba Group", "alibaba"), ("Meta Platforms, Inc.", "meta-platforms"),
                                              ("", None)])
def test_company_slug(parent: str, slug: str | None) -> None:
    assert _company_slug(parent) == slug


@pytest.mark.parametrize(("query", "model"), [
    ("mistral/open-mixtral-8x22b", "mistralai/mixtral-8x22b-instruct-v0.1"),
    ("mistral/open-codestral-mamba", "mistralai/mamba-codestral-7b-v0.1"),
])
def test_a_labs_retired_api_name_behind_its_prefix_is_served_by_the_lab(query: str, model: str) -> None:
    rec = resolve(query).to_dict()
    assert model_id(rec) == model
    assert rec["served_by"]["id"] == "mistral-api"


def test_the_bare_retired_name_says_nothing_of_who_serves_it() -> None:
    assert resolve("open-mixtral-8x22b").to_dict().get("served_by") is None
