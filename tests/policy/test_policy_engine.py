"""Evaluating rules and waivers over a resolved inventory (issue 4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelmap.errors import EXIT_OK, EXIT_VIOLATIONS, ConfigError
from modelmap.policy import evaluate, load_config
from modelmap.policy.config import parse_config
from modelmap.policy.yamlmarks import load_yaml
from tests.fixtures.inventory import (
    DEEPSEEK_CHAT,
    GPT_4O_MINI,
    QWEN_7B,
    finding,
    sample_findings,
    sample_result,
)

HEADER = """\
version: 1
flows:
  checkout: {paths: ["services/checkout/**"], tags: [regulated, customer-facing, production]}
  support: {paths: ["services/support/**"], tags: [customer-facing, production]}
  internal-tools: {paths: ["internal/**"], tags: [internal]}
"""


def config_from(text: str):
    return parse_config(load_yaml(HEADER + text, "modelmap.yaml"), "modelmap.yaml")


def rule_ids(result) -> list[tuple[str, str | None, str]]:
    return [(v.rule_id, v.flow, v.path) for v in result.unwaived]


def test_sample_policy(sample, sample_config, today) -> None:
    result = evaluate(sample, sample_config, today)
    assert rule_ids(result) == [
        ("no-cn-origin-regulated", "checkout", "services/checkout/assistant.py"),
        ("no-cn-serving", "support", "services/support/bot.py"),
        ("no-cn-serving", "support", "services/support/bot.py"),
        ("production-flow-fallback", "support", "config.sample.yaml"),
    ]
    assert [v.rule_id for v in result.waived] == ["license-commercial-use"]
    assert result.exit_code == EXIT_VIOLATIONS and not result.passed
    assert [w.rule for w in result.expiring] == ["license-commercial-use"]  # expires 2025-06-30


def test_no_cn_origin_in_regulated_flows(sample, today) -> None:
    config = config_from("rules:\n  - id: no-cn-origin-regulated\n    message: m\n"
                         "    when: \"'regulated' in flow.tags\"\n    deny: \"'CN' in origins\"\n")
    result = evaluate(sample, config, today)
    assert [(v.model, v.flow) for v in result.violations] == [("qwen/qwen2.5-7b-instruct", "checkout")]


def test_no_cn_serving_anywhere(sample, today) -> None:
    config = config_from("rules:\n  - id: no-cn-serving\n    message: m\n    deny: \"served_by.country == 'CN'\"\n")
    result = evaluate(sample, config, today)
    assert [(v.path, v.line) for v in result.violations] == [
        ("services/support/bot.py", 21), ("services/support/bot.py", 57)]


def test_license_must_allow_commercial_use(sample, today) -> None:
    config = config_from("rules:\n  - id: commercial\n    message: m\n    require: \"license.commercial_use == true\"\n")
    result = evaluate(sample, config, today)
    # aya (CC-BY-NC) and the unresolved model (license unknown = null) both fail a `require`.
    assert sorted(v.model for v in result.violations) == ["acme/secret-model-v2", "cohereforai/aya-expanse-8b"]


def test_production_flow_fallback(sample, today) -> None:
    config = config_from("rules:\n  - id: fallback\n    message: m\n    when: \"'production' in flow.tags\"\n"
                         "    require: flow.fallback.has_fallback\n")
    result = evaluate(sample, config, today)
    assert [(v.scope, v.flow, v.path, v.line) for v in result.violations] == [("flow", "support", "modelmap.yaml", 4)]
    flows = result.inventory.flows
    assert flows["checkout"]["fallback"] == {"has_fallback": True, "publishers": 3, "roles_without_fallback": []}
    assert flows["support"]["fallback"]["roles_without_fallback"] == ["generation"]


def test_publisher_concentration(today) -> None:
    findings = [finding(f"services/support/b{i}.py", 1, "deepseek-chat", DEEPSEEK_CHAT) for i in range(7)]
    findings += [finding(f"services/support/o{i}.py", 1, "gpt-4o-mini", GPT_4O_MINI) for i in range(3)]
    config = config_from("rules:\n  - id: concentration\n    severity: warning\n    message: m\n"
                         "    deny: \"inventory.publishers.exists(p, inventory.publishers[p].share > 0.6)\"\n")
    result = evaluate(sample_result(findings), config, today)
    assert [(v.rule_id, v.scope, v.severity) for v in result.violations if v.rule_id != "flow-empty"] == [
        ("concentration", "inventory", "warning")]
    assert result.passed and result.exit_code == EXIT_OK  # warnings do not fail with fail_on: error
    strict = replace(config, fail_on="warning")
    assert evaluate(sample_result(findings), strict, today).exit_code == EXIT_VIOLATIONS


def test_usage_in_two_flows_is_checked_in_both(today) -> None:
    text = ("version: 1\nflows:\n  a: {paths: ['shared/**'], tags: [regulated]}\n  b: {paths: ['shared/*.py']}\n"
            "rules:\n  - id: r\n    message: m\n    deny: \"'CN' in origins\"\n")
    config = parse_config(load_yaml(text, "modelmap.yaml"), "modelmap.yaml")
    result = evaluate(sample_result([finding("shared/llm.py", 3, "q", QWEN_7B)]), config, today)
    assert [v.flow for v in result.violations] == ["a", "b"]


def test_usage_in_no_flow_has_null_flow(today) -> None:
    config = config_from("rules:\n  - id: r\n    message: m\n    deny: \"flow.name == null && usage.context == 'test'\"\n")
    result = evaluate(sample_result(), config, today)
    assert [v.path for v in result.violations] == ["tests/test_assistant.py"]


def test_rule_runtime_error_is_config_error(today) -> None:
    config = config_from("rules:\n  - id: big\n    message: m\n    deny: \"model.params > 70000000000\"\n")
    with pytest.raises(ConfigError) as info:
        evaluate(sample_result(), config, today)
    assert info.value.where == "modelmap.yaml:7" and "guard" in (info.value.hint or "")


def test_rule_must_return_bool(today) -> None:
    config = config_from("rules:\n  - id: text\n    message: m\n    deny: \"model.family\"\n")
    with pytest.raises(ConfigError, match="not true/false"):
        evaluate(sample_result(), config, today)


# --------------------------------------------------------------------------- waivers

WAIVED_RULE = "rules:\n  - id: no-cn-serving\n    message: m\n    deny: \"served_by.country == 'CN'\"\n"


def waiver(**fields: str) -> str:
    base = {"rule": "no-cn-serving", "match": "{path: 'services/support/**'}", "reason": "Pilot, EU data only.",
            "approved_by": "Ana (CISO)", "approved_on": "2025-01-01", "expires": "2025-12-31"}
    base.update(fields)
    lines = [f"    {k}: {v}" for k, v in base.items() if v != "-"]
    return "waivers:\n  - " + "\n".join(lines)[4:] + "\n"


def test_active_waiver_covers(today) -> None:
    result = evaluate(sample_result(), config_from(WAIVED_RULE + waiver()), today)
    assert result.unwaived == [] and len(result.waived) == 2 and result.exit_code == EXIT_OK


def test_expired_waiver_fails(today) -> None:
    result = evaluate(sample_result(), config_from(WAIVED_RULE + waiver(expires="2025-05-31")), today)
    ids = [v.rule_id for v in result.unwaived]
    assert ids == ["no-cn-serving", "no-cn-serving", "waiver-expired"]
    expired = result.unwaived[-1]
    assert "expired on 2025-05-31" in expired.message and (expired.path, expired.line) == ("modelmap.yaml", 11)
    assert result.exit_code == EXIT_VIOLATIONS


def test_waiver_valid_on_its_expiry_day(today) -> None:
    result = evaluate(sample_result(), config_from(WAIVED_RULE + waiver(expires=today.isoformat())), today)
    assert result.passed and [w.expires for w in result.expiring] == [today]


def test_unowned_waiver_fails(today) -> None:
    for approved_by in ("-", "''"):
        result = evaluate(sample_result(), config_from(WAIVED_RULE + waiver(approved_by=approved_by)), today)
        assert [v.rule_id for v in result.unwaived] == ["no-cn-serving", "no-cn-serving", "waiver-unowned"]


def test_unused_waiver_is_a_note(today) -> None:
    result = evaluate(sample_result(), config_from(WAIVED_RULE + waiver(match="{model: nothing/here}")), today)
    assert [v.rule_id for v in result.violations if v.severity == "note"] == ["waiver-unused"]


def test_waiver_by_model_matches_written_identifier(today) -> None:
    result = evaluate(sample_result(), config_from(WAIVED_RULE + waiver(match="{model: DeepSeek-Chat}")), today)
    assert result.passed


def test_waiver_by_flow_does_not_cover_other_flows(today) -> None:
    result = evaluate(sample_result(), config_from(WAIVED_RULE + waiver(match="{flow: checkout}")), today)
    assert len(result.unwaived) == 3  # two violations + waiver-unused note


def test_flow_waiver_covers_flow_violation(today) -> None:
    text = ("rules:\n  - id: fallback\n    message: m\n    scope: flow\n    when: \"'production' in flow.tags\"\n"
            "    require: flow.fallback.has_fallback\n")
    result = evaluate(sample_result(), config_from(text + waiver(rule="fallback", match="{flow: support}")), today)
    assert result.passed and [v.flow for v in result.waived] == ["support"]


# --------------------------------------------------------------------------- properties

@settings(max_examples=40, deadline=None)
@given(shift=st.integers(min_value=0, max_value=500))
def test_fingerprints_survive_inserted_lines(shift: int) -> None:
    config = load_config(Path(__file__).parent / "data" / "config.sample.yaml")
    moved = [replace(f, line=f.line + shift) for f in sample_findings()]
    before = evaluate(sample_result(), config, date(2025, 6, 1))
    after = evaluate(sample_result(moved), config, date(2025, 6, 1))
    assert [v.fingerprint for v in before.violations] == [v.fingerprint for v in after.violations]
    assert [v.is_waived for v in before.violations] == [v.is_waived for v in after.violations]


@settings(max_examples=40, deadline=None)
@given(
    match=st.sampled_from(["{model: deepseek-chat}", "{path: 'services/**'}", "{flow: support}", "{path: '*.py'}",
                           "{model: qwen/qwen2.5-7b-instruct, flow: checkout}"]),
    rule=st.sampled_from(["no-cn-serving", "no-cn-origin-regulated"]),
)
def test_a_waiver_never_adds_a_rule_violation(match: str, rule: str) -> None:
    rules = (WAIVED_RULE + "  - id: no-cn-origin-regulated\n    message: m\n"
             "    when: \"'regulated' in flow.tags\"\n    deny: \"'CN' in origins\"\n")
    without = evaluate(sample_result(), config_from(rules), date(2025, 6, 1))
    with_waiver = evaluate(sample_result(), config_from(rules + waiver(rule=rule, match=match)), date(2025, 6, 1))
    own = [v for v in with_waiver.unwaived if not v.rule_id.startswith("waiver-")]
    assert {v.fingerprint for v in own} <= {v.fingerprint for v in without.unwaived}


def test_unresolved_and_fields_always_present(today) -> None:
    config = config_from("rules:\n  - id: unknown-model\n    severity: note\n    message: m\n"
                         "    deny: \"!model.resolved && model.reason != null && publisher.id == null "
                         "&& license.spdx == null && served_by.id == null && origins.size() == 0\"\n")
    result = evaluate(sample_result(), config, today)
    assert [v.model for v in result.violations] == ["acme/secret-model-v2"]


def test_rules_reading_whole_usage_see_every_usage(today) -> None:
    # regression guard for the memoisation: a rule reading the whole `usage` must see each one
    config = config_from("rules:\n  - id: every-usage\n    severity: note\n    message: m\n"
                         "    deny: \"size(usage) > 0 && usage.line > 0\"\n")
    result = evaluate(sample_result(), config, today)
    assert len(result.violations) == len(sample_findings())


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["services/checkout/a.py", "services/support/b.py", "x.py"]),
                          st.integers(min_value=1, max_value=50),
                          st.sampled_from(["app", "test", "config"]),
                          st.sampled_from(["q", "d", "g"])), max_size=30))
def test_memoised_evaluation_matches_one_by_one(rows) -> None:
    # Evaluating the whole inventory at once (memoised) equals evaluating each usage alone.
    res = {"q": QWEN_7B, "d": DEEPSEEK_CHAT, "g": GPT_4O_MINI}
    found = [finding(path, line, key, res[key], context=context) for path, line, context, key in rows]
    config = config_from(
        "rules:\n  - id: a\n    message: m\n    when: \"'regulated' in flow.tags\"\n    deny: \"'CN' in origins\"\n"
        "  - id: b\n    message: m\n    deny: \"usage.context == 'test' && served_by.country != null\"\n"
        "  - id: c\n    message: m\n    deny: \"usage.line > 25 && publisher.country == 'US'\"\n")
    together = evaluate(sample_result(found), config, date(2025, 6, 1))
    alone = [v for f in found for v in evaluate(sample_result([f]), config, date(2025, 6, 1)).violations]
    assert sorted(v.fingerprint + str(v.line) for v in together.violations if v.rule_id != "flow-empty") == sorted(
        v.fingerprint + str(v.line) for v in alone if v.rule_id != "flow-empty")  # flow-empty: whole-inventory
