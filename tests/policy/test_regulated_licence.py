"""us-regulated's licence rule checks the weights a company runs, not API-only models (whose terms are a contract)."""

from __future__ import annotations

from datetime import date

from modelmap.policy import evaluate
from modelmap.policy.config import parse_config
from modelmap.policy.yamlmarks import load_yaml
from modelmap.provenance.resolver import resolve
from modelmap.types import Finding, ScanResult, ScanStats

CONFIG = """\
version: 1
preset: [us-regulated]
flows:
  claims: {paths: ["claims/**"], tags: [regulated]}
"""
RULE = "regulated-license-commercial"


def _licence_flags(*raws: str) -> set[str]:
    findings = [Finding(path="claims/app.py", line=i + 1, column=1, raw=raw, kind="api-model", source="test",
                        resolution=resolve(raw).to_dict()) for i, raw in enumerate(raws)]
    result = ScanResult(root=".", findings=findings, skips=[], stats=ScanStats())
    config = parse_config(load_yaml(CONFIG, "modelmap.yaml"), "modelmap.yaml")
    return {v.finding.raw for v in evaluate(result, config, date(2026, 12, 6)).violations
            if v.rule_id == RULE and v.finding is not None}


def test_api_only_models_are_not_failed_for_a_weight_licence_they_do_not_have() -> None:
    assert resolve("gpt-4o").to_dict()["open_weights"] is False  # the premise: the KB knows it is API-only
    assert _licence_flags("gpt-4o", "claude-3-5-sonnet-20241022") == set()


def test_open_weights_without_commercial_use_still_fail_in_a_regulated_flow() -> None:
    flagged = _licence_flags("CohereForAI/c4ai-command-r-v01", "mistralai/Codestral-22B-v0.1", "gpt-4o")
    assert flagged == {"CohereForAI/c4ai-command-r-v01", "mistralai/Codestral-22B-v0.1"}


def test_a_conditional_licence_is_not_taken_as_commercial_use() -> None:
    assert _licence_flags("meta-llama/Llama-3.1-8B-Instruct") == {"meta-llama/Llama-3.1-8B-Instruct"}
