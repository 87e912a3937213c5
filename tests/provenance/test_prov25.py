"""Session 25 (prov25): a Bedrock id names its model's maker even where the model is unknown (issue 11).

A Bedrock model id is ``[<geo>.]<provider>.<model>-v<N>:<M>``; the provider segment is the maker of the model
(``amazon.``, ``anthropic.``, ``meta.``, ``qwen.``, ``deepseek.``), never the host, which is Bedrock itself. Where the
knowledge base cannot say which model the name is (``qwen.qwen3-235b-a22b-2507-v1:0``: the July 2025 update came as
an Instruct and a Thinking model; ``deepseek.v3-v1:0``: AWS lists no DeepSeek-V3 of that name), the maker and its
country are still known from the id, so the record names the publisher, with the model, lineage and licence unknown
and confidence ``unknown``. A vendor segment the knowledge base holds no publisher for stays a bare unknown.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(("query", "publisher", "country"), [
    ("qwen.qwen3-235b-a22b-2507-v1:0", "qwen", "CN"),
    ("deepseek.v3-v1:0", "deepseek", "CN"),
    ("us.deepseek.v3-v1:0", "deepseek", "CN"),  # a cross-region profile keeps the maker
    ("bedrock/us-east-1/qwen.qwen3-235b-a22b-2507-v1:0", "qwen", "CN"),
])
def test_bedrock_vendor_names_the_maker_of_an_unknown_model(query: str, publisher: str, country: str) -> None:
    rec = resolve(query).to_dict()
    assert not (rec.get("model") or {}).get("id")
    assert (rec.get("publisher") or {}).get("id") == publisher
    assert (rec.get("publisher") or {}).get("country") == country
    assert rec.get("origins") == [country]
    assert rec.get("confidence") == "unknown"
    assert (rec.get("served_by") or {}).get("id") == "aws-bedrock"
    assert not rec.get("edges") and (rec.get("license") or {}).get("id") in (None, "unknown")


def test_bedrock_vendor_without_a_known_publisher_stays_unknown() -> None:
    rec = resolve("luma.ray-v9:0").to_dict()
    assert not rec.get("publisher")
    assert not rec.get("origins")
    assert (rec.get("served_by") or {}).get("id") == "aws-bedrock"


@pytest.mark.parametrize(("query", "model"), [
    ("qwen.qwen3-32b-v1:0", "qwen/qwen3-32b"),
    ("meta.llama3-1-70b-instruct-v1:0", "meta-llama/llama-3.1-70b-instruct"),
])
def test_bedrock_id_of_a_known_model_still_resolves_the_model(query: str, model: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert rec.get("confidence") in ("known", "inferred")
