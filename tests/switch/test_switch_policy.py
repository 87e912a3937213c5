"""Optionality in the policy object and the report's Switch section (issue 14, item 6)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import modelmap
from modelmap.policy import evaluate, load_config
from modelmap.policy.config import Flow
from modelmap.policy.inventory import build_inventory
from modelmap.policy.rules import compile_rule
from modelmap.report import switch_section
from modelmap.types import Finding, ScanResult, ScanStats
from tests.conftest import FIXTURES

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-app"
RAG = FIXTURES / "repos" / "rag-bge-qwen-deepseek"


def _usage(path: str, raw: str, role: str, publisher: str, country: str, *, api: str = "openai") -> Finding:
    res = {"query": raw, "model": {"id": raw}, "publisher": {"id": publisher, "name": publisher, "country": country},
           "origins": [country], "origins_known": True, "served_by": None}
    return Finding(path=path, line=1, column=0, raw=raw, kind="api-model", role=role, api=api, resolution=res)


def _inventory(findings: list[Finding], flows: tuple[Flow, ...]):
    result = ScanResult(root=".", findings=findings, skips=[], stats=ScanStats())
    config = dataclasses.replace(load_config(DEMO), flows=flows, rules=(), waivers=())
    return build_inventory(result, config)


def test_hhi_and_compliant_fallback_from_hand_built_usages() -> None:
    flows = (Flow(name="chat", paths=("chat/**",), tags=("regulated",)),
             Flow(name="mixed", paths=("mixed/**",), tags=("regulated",)))
    findings = [
        _usage("chat/a.py", "openai/gpt-4o", "generation", "openai", "US"),
        _usage("chat/b.py", "anthropic/claude-sonnet-4-5", "generation", "anthropic", "US", api="anthropic"),
        _usage("mixed/a.py", "openai/gpt-4o", "generation", "openai", "US"),
        _usage("mixed/b.py", "qwen/qwen-plus", "generation", "qwen", "CN"),
    ]
    inv = _inventory(findings, flows)
    # publishers openai 2, anthropic 1, qwen 1 of 4: (0.5^2 + 0.25^2 + 0.25^2) x 10,000
    assert inv.data["hhi_publisher"] == 3750
    assert inv.data["hhi_origin"] == round((0.75 ** 2 + 0.25 ** 2) * 10_000)
    chat, mixed = inv.flows["chat"], inv.flows["mixed"]
    assert chat["switch"]["compliant_fallback"] is True and chat["switch"]["single_points"] == []
    assert mixed["switch"]["compliant_fallback"] is False  # the second model is of Chinese origin
    assert chat["switch"]["reversibility"] == 0.5  # the Anthropic SDK call is not a base-URL swap
    assert mixed["switch"]["reversibility"] == 1.0
    assert set(chat["fallback"]) == {"has_fallback", "publishers", "roles_without_fallback"}  # unchanged shape


def test_a_rule_can_require_a_compliant_fallback_for_regulated_flows() -> None:
    result = modelmap.scan([RAG], resolve=True)
    config = load_config(RAG)
    rule = compile_rule(rule_id="regulated-compliant-fallback", message="Regulated flows need a compliant fallback.",
                        severity="error", deny=None, require="flow.switch.compliant_fallback",
                        when="'regulated' in flow.tags && flow.usages > 0", scope="flow", description="",
                        origin="test", where="test", part_where={})
    check = evaluate(result, dataclasses.replace(config, rules=(rule,), waivers=()), date(2026, 12, 3))
    flagged = sorted(v.flow for v in check.violations if v.rule_id == "regulated-compliant-fallback")
    assert flagged == ["answer", "search"]  # ingest is internal; answer's two models are both Chinese


def test_report_switch_section_names_single_points_and_plan_hint() -> None:
    from modelmap.cli.check_cmd import run_check

    check = run_check(DEMO, None, "2026-12-03")
    sw = switch_section.build(check)
    text = "\n".join(switch_section.markdown(sw))
    assert "## Switch" in text and "modelmap plan --scenario" in text
    spof = {(s["flow"], s["role"]) for s in sw["single_points_of_failure"]}
    assert ("routing", "generation") in spof and ("retrieval", "embedding") in spof
    flows = {f["flow"]: f for f in sw["flows"]}
    assert flows["answer"]["reversibility"] == 1.0 and flows["routing"]["single_points"] == ["generation"]
    page = switch_section.html(sw)
    assert page.startswith('<section id="switch">') and "<script" not in page
    assert switch_section.markdown(None) == [] and switch_section.html(None) == ""
