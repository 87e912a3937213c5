"""tryout28 item 12: a flow rule's violation said only "Flow agent-planning." The details now say what the flow
holds: its usages, the publishers seen by role, and the role that has no fallback from a second publisher."""

from __future__ import annotations

from datetime import date

from modelmap.policy import evaluate
from modelmap.policy.config import parse_config
from modelmap.policy.summary import describe
from modelmap.policy.yamlmarks import load_yaml
from tests.fixtures.inventory import DEEPSEEK_CHAT, GPT_4O_MINI, MINILM, finding, sample_result

POLICY = """\
version: 1
preset: [resilience]
flows:
  support: {paths: ["services/support/**"], tags: [customer-facing, production]}
"""


def test_fallback_violation_names_the_role_without_a_fallback_and_the_publishers() -> None:
    config = parse_config(load_yaml(POLICY, "modelmap.yaml"), "modelmap.yaml")
    found = [
        finding("services/support/chat.py", 10, "gpt-4o-mini", GPT_4O_MINI, role="generation"),
        finding("services/support/summary.py", 12, "deepseek-chat", DEEPSEEK_CHAT, role="generation"),
        finding("services/support/search.py", 5, "sentence-transformers/all-MiniLM-L6-v2", MINILM, role="embedding"),
    ]
    check = evaluate(sample_result(found), config, date(2026, 12, 6))
    [violation] = [v for v in check.violations if v.rule_id == "production-flow-fallback"]
    text = describe(violation, with_message=False)
    assert text.startswith("Flow support: 3 model usages; publishers seen: deepseek, openai, sentence-transformers")
    assert "generation deepseek, openai" in text
    assert "no fallback from a second publisher for embedding (only sentence-transformers)" in text
