"""A Hub id given to eval is not read as 'model at provider'.

A tryout (session 30) evaluated a self-hosted Qwen/Qwen2.5-32B-Instruct-AWQ (the baseline ``--from-plan`` gives for a
KServe usage): the cost said "no price for Qwen2.5-32B-Instruct-AWQ at Qwen in the switch price table", as if Qwen
were a host whose price list lacked the model.
"""

from __future__ import annotations

from modelmap.eval.engine import ModelSpec
from modelmap.eval.runner import _cost


def test_a_hub_organisation_is_not_taken_for_a_provider() -> None:
    cost = _cost(ModelSpec(id="Qwen/Qwen2.5-32B-Instruct-AWQ", base_url="http://127.0.0.1:9/v1"), 100, 10, True)
    assert cost["usd"] is None
    assert "at Qwen" not in cost["note"]
    assert "'Qwen' is not a provider id" in cost["note"] and "self-hosted" in cost["note"]


def test_a_provider_without_this_model_says_so() -> None:
    cost = _cost(ModelSpec(id="groq/no-such-model-xyz", base_url="http://127.0.0.1:9/v1"), 100, 10, True)
    assert cost["note"] == "no price for no-such-model-xyz at groq in the switch price table"


def test_a_priced_model_is_priced() -> None:
    cost = _cost(ModelSpec(id="deepseek-api/deepseek-chat", base_url="http://127.0.0.1:9/v1"), 1_000_000, 0, True)
    assert cost["usd"] is not None and cost["usd"] > 0
