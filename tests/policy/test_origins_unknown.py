"""Unknown origins are null in the policy object, and regulated presets fail closed on them (issue 11 item 2)."""

from __future__ import annotations

from datetime import date

import pytest

from modelmap.policy import evaluate
from modelmap.policy.config import parse_config
from modelmap.policy.inventory import origins_known_var, origins_var
from modelmap.policy.yamlmarks import load_yaml
from modelmap.provenance.resolver import resolve
from modelmap.types import Finding, ScanResult, ScanStats

TODAY = date(2026, 12, 3)
FLOWS = """\
version: 1
flows:
  kyc: {paths: ["services/kyc/**"], tags: [regulated, customer-facing]}
  lab: {paths: ["lab/**"], tags: [internal]}
"""


def _finding(path: str, raw: str) -> Finding:
    return Finding(path=path, line=1, column=1, raw=raw, kind="api-model", source="test",
                   resolution=resolve(raw).to_dict())


def _result(*findings: Finding) -> ScanResult:
    return ScanResult(root=".", findings=list(findings), skips=[], stats=ScanStats())


def _config(text: str):
    return parse_config(load_yaml(FLOWS + text, "modelmap.yaml"), "modelmap.yaml")


def _flagged(result, config) -> list[tuple[str, str | None]]:
    return sorted((v.finding.raw if v.finding else "", v.flow) for v in evaluate(result, config, TODAY).violations
                  if v.rule_id != "flow-empty")  # the built-in warning for a flow with no usage (tested elsewhere)


def test_the_policy_object_says_null_for_unknown_and_false_for_incomplete() -> None:
    unknown = _finding("services/kyc/a.py", "acme/never-heard-of-it")
    assert origins_var(unknown) is None and origins_known_var(unknown) is False
    known = _finding("services/kyc/a.py", "gpt-4o")
    assert origins_var(known) == ["US"] and origins_known_var(known) is True


@pytest.mark.parametrize("preset", ["no-cn-origin", "us-regulated"])
def test_regulated_presets_fail_closed_on_unknown_origin(preset: str) -> None:
    result = _result(
        _finding("services/kyc/a.py", "acme/never-heard-of-it"),   # unknown: flagged
        _finding("services/kyc/a.py", "gpt-4o"),                   # US, fully known: passes
        _finding("services/kyc/a.py", "Qwen/Qwen2.5-7B-Instruct"),  # CN: flagged
        _finding("lab/x.py", "acme/never-heard-of-it"),            # not a regulated flow: passes
    )
    flagged = [(raw, flow) for raw, flow in _flagged(result, _config(f"preset: [{preset}]\n"))
               if flow == "kyc" and raw != "gpt-4o"]
    origin_rule = {"no-cn-origin": "no-cn-origin-sensitive", "us-regulated": "no-country-of-concern-origin-regulated"}
    ids = {v.rule_id for v in evaluate(result, _config(f"preset: [{preset}]\n"), TODAY).violations
           if v.finding and v.finding.raw == "acme/never-heard-of-it" and v.flow == "kyc"}
    assert origin_rule[preset] in ids
    assert ("Qwen/Qwen2.5-7B-Instruct", "kyc") in flagged
    gpt = {v.rule_id for v in evaluate(result, _config(f"preset: [{preset}]\n"), TODAY).violations
           if v.finding and v.finding.raw == "gpt-4o"}
    assert origin_rule[preset] not in gpt
    lab = [v for v in evaluate(result, _config(f"preset: [{preset}]\n"), TODAY).violations if v.flow == "lab"]
    assert not [v for v in lab if v.rule_id == origin_rule[preset]]


def test_a_user_rule_on_null_origins_fails_closed_and_the_documented_opt_out_lets_it_pass() -> None:
    result = _result(_finding("services/kyc/a.py", "acme/never-heard-of-it"), _finding("services/kyc/a.py", "gpt-4o"))
    strict = _config("rules:\n  - id: no-cn\n    message: m\n    deny: \"'CN' in origins\"\n")
    assert _flagged(result, strict) == [("acme/never-heard-of-it", "kyc")]
    lenient = _config("rules:\n  - id: no-cn\n    message: m\n    deny: \"origins != null && 'CN' in origins\"\n")
    assert _flagged(result, lenient) == []

