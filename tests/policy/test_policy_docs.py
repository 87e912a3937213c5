"""The YAML in docs/policy.md must load: examples that do not compile are worse than none (issue 4)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from modelmap.policy import evaluate
from modelmap.policy.config import parse_config
from modelmap.policy.yamlmarks import load_yaml
from tests.fixtures.inventory import sample_result

DOC = Path(__file__).resolve().parents[2] / "docs" / "policy.md"
FLOWS = ("version: 1\nflows:\n  internal-tools: {paths: ['internal/**'], tags: [internal]}\n"
         "  checkout: {paths: ['services/checkout/**'], tags: [regulated, customer-facing, production]}\n")


def blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_doc_examples_load_and_run() -> None:
    full = blocks()[0]
    examples = next(b for b in blocks() if b.startswith("rules:") and "runtime." not in b)
    (waivers,) = [b for b in blocks() if b.startswith("waivers:")]
    parse_config(load_yaml(full, "modelmap.yaml"), "modelmap.yaml")
    config = parse_config(load_yaml(FLOWS + examples + waivers, "modelmap.yaml"), "modelmap.yaml")
    assert len(config.rules) == 7 and len(config.waivers) == 1
    result = evaluate(sample_result(), config, date(2025, 6, 1))
    assert {v.rule_id for v in result.unwaived} >= {"no-cn-origin-regulated", "no-cn-serving"}


def test_the_runtime_example_loads_and_stays_quiet_without_runtime_data() -> None:
    (example,) = [b for b in blocks() if "runtime." in b]
    config = parse_config(load_yaml(FLOWS + example, "modelmap.yaml"), "modelmap.yaml")
    assert [r.id for r in config.rules] == ["production-answers-with-declared-weights"]
    result = evaluate(sample_result(), config, date(2025, 6, 1))
    assert result.rules_evaluated == 1 and not any(v.rule_id == "production-answers-with-declared-weights"
                                                    for v in result.violations)
