"""The gateway policy decision (integrations/gate.py) on its own: flows from request metadata, evidence for who
serves a deployment, waivers and fail-closed cases (issue 15, item 2). The proxy tests exercise it end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from modelmap.integrations.gate import UNKNOWN_FLOW_RULE, UNREADABLE_RULE, Gate
from modelmap.policy.config import load_config

POLICY = """\
version: 1
flows:
  support: {paths: ["app/support/**"], tags: [regulated]}
  lab: {paths: ["app/lab/**"], tags: [internal]}
rules:
  - id: no-cn-origin-regulated
    message: Regulated flows may not use models of Chinese origin.
    when: "'regulated' in flow.tags"
    deny: "'CN' in origins"
  - id: no-cn-serving
    message: No model APIs served from China.
    deny: "served_by.country == 'CN'"
  - id: concentration
    message: One publisher over 80 percent.
    scope: inventory
    deny: "inventory.max_publisher_share > 0.8"
{extra}
"""


def gate_for(tmp_path: Path, extra: str = "", **kw: Any) -> Gate:
    path = tmp_path / "modelmap.yaml"
    path.write_text(POLICY.replace("{extra}", extra))
    return Gate.from_config(load_config(path), today=date(2026, 12, 3), **kw)


def test_flows_come_from_tags_key_and_team_metadata(tmp_path: Path) -> None:
    gate = gate_for(tmp_path)
    assert gate.flows_for({}, ["flow:support"]) == ("support",)
    assert gate.flows_for({"tags": ["lab", "support"]}) == ("support", "lab")  # config order
    assert gate.flows_for({"user_api_key_metadata": {"modelmap_flow": "lab"}}) == ("lab",)
    assert gate.flows_for({"user_api_key_team_metadata": {"modelmap_flow": ["support"]}}) == ("support",)
    assert gate.flows_for({"user_api_key_alias": "lab"}) == ("lab",)
    assert gate.flows_for({"user_api_key_team_alias": "support"}) == ("support",)
    # names that are not flows of modelmap.yaml name no flow
    assert gate.flows_for({"user_api_key_alias": "prod-key", "tags": ["regulated"]}, ["flow:nope"]) is None


def test_rules_run_per_flow_and_unknown_flow_fails_closed(tmp_path: Path) -> None:
    gate = gate_for(tmp_path)
    assert gate.skipped_rules == ["concentration"]  # inventory rules describe the code base, not one request
    deepseek_support = gate.decide("deepseek/deepseek-chat", flows=("support",))
    assert not deepseek_support.allowed
    rules = {b.rule for b in deepseek_support.broken}
    assert rules == {"no-cn-origin-regulated", "no-cn-serving"}
    assert deepseek_support.served_by == "deepseek-api"
    # in lab only the serving rule applies
    assert {b.rule for b in gate.decide("deepseek/deepseek-chat", flows=("lab",)).broken} == {"no-cn-serving"}
    assert gate.decide("openai/gpt-4o", flows=("support",)).allowed
    unknown = gate.decide("openai/gpt-4o", flows=None)
    assert [b.rule for b in unknown.broken] == [UNKNOWN_FLOW_RULE]
    # with unknown_flow=allow the request is checked as a usage in no flow, as `check` does
    lenient = gate_for(tmp_path, unknown_flow="allow")
    assert lenient.decide("openai/gpt-4o", flows=None).allowed
    assert [b.rule for b in lenient.decide("deepseek/deepseek-chat", flows=None).broken] == ["no-cn-serving"]
    with pytest.raises(ValueError, match="unknown_flow"):
        gate_for(tmp_path, unknown_flow="maybe")


def test_api_base_is_the_serving_evidence_not_the_prefix(tmp_path: Path) -> None:
    gate = gate_for(tmp_path)
    # an OpenAI-compatible client pointed at DeepSeek's API: served by DeepSeek whatever the prefix says
    via_deepseek = gate.decide("openai/deepseek-chat", api_base="https://api.deepseek.com/v1", flows=("lab",))
    assert via_deepseek.served_by == "deepseek-api"
    assert [b.rule for b in via_deepseek.broken] == ["no-cn-serving"]
    # a self-hosted server on an address no provider documents: who operates it is unknown, not OpenAI
    self_hosted = gate.decide("openai/gpt-4o", api_base="http://10.0.0.7:8000/v1", flows=("lab",))
    assert self_hosted.served_by is None and self_hosted.allowed
    assert gate.decide("openai/gpt-4o", flows=("lab",)).served_by == "openai-api"


def test_waivers_cover_a_deployment_by_model_and_flow(tmp_path: Path) -> None:
    waiver = """waivers:
  - rule: no-cn-serving
    match: {model: deepseek/deepseek-chat, flow: lab}
    reason: Evaluation only, no customer data.
    approved_by: Dana (CISO)
    approved_on: 2026-11-01
    expires: 2027-01-31
"""
    gate = gate_for(tmp_path, waiver)
    lab = gate.decide("deepseek/deepseek-chat", flows=("lab",))
    assert lab.allowed and lab.waived == ("no-cn-serving",)
    support = gate.decide("deepseek/deepseek-chat", flows=("support",))
    assert {b.rule for b in support.broken} == {"no-cn-origin-regulated", "no-cn-serving"}
    expired = gate_for(tmp_path, waiver.replace("2027-01-31", "2026-11-30"))
    assert not expired.decide("deepseek/deepseek-chat", flows=("lab",)).allowed


def test_a_rule_that_cannot_be_evaluated_rejects(tmp_path: Path) -> None:
    extra = """  - id: big-models
    message: No models over 70B parameters.
    deny: "model.params > 7e10"
"""
    gate = gate_for(tmp_path, extra)
    # the parameter count of gpt-4o is unknown (null): the comparison errors, and the gate fails closed
    decision = gate.decide("openai/gpt-4o", flows=("lab",))
    assert [b.rule for b in decision.broken] == [UNREADABLE_RULE]
    assert "big-models" in decision.broken[0].message
    body = gate.error_body([decision], model_group="chat")["error"]
    assert body["rule"] == UNREADABLE_RULE and body["model"] == "openai/gpt-4o" and body["flow"] == "lab"
