"""The plan's headline says "unknown" for a monthly cost no line prices, never $0.00.

The shape a tryout found (session 34): a gateway sends a regulated flow's routes to DeepSeek-R1 and Qwen2.5 72B at
OpenRouter, and the price table has no sourced price for either there. The flow's cost section said "before
unknown", while the plan's headline (Markdown and HTML) and JSON summary said the flow cost $0.00 a month before
the switch, so the switch read as $8 more than nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from modelmap.switch.plan import plan_project, render_html, render_json, render_markdown
from tests.conftest import load_schema
from tests.switch.test_plan_keeps_current_host import ROUTES


def _plan(tmp_path: Path):
    (tmp_path / "gateway").mkdir()
    (tmp_path / "gateway" / "routes.go").write_text(ROUTES)
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nflows:\n  claims: {paths: ['gateway/**'], tags: [regulated, production]}\n")
    return plan_project(tmp_path, scenario="no-cn-origin-regulated")[0]


def test_no_priced_line_before_is_an_unknown_total(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    [flow] = plan.flows
    befores = [c for c in flow.cost_lines if c.when == "before"]
    # the premise: two routes, neither priced at OpenRouter before the switch
    assert len(befores) == 2 and all(c.usd is None for c in befores), [c.to_dict() for c in befores]
    assert flow.cost()["before"] is None
    summary = plan.summary()
    assert summary["cost_before"] is None
    assert summary["cost_after"] is not None and summary["cost_after"] > 0
    assert "Monthly cost unknown before" in render_markdown(plan)
    html = render_html(plan).decode()
    assert "monthly cost unknown before" in html and "some lines are not priced" in html
    doc = json.loads(render_json(plan))
    assert doc["summary"]["cost_before"] is None
    jsonschema.validate(doc, load_schema("plan.schema.json"))


def test_known_sum() -> None:
    from modelmap.switch.plan import _known_sum

    assert _known_sum([None, None]) is None
    assert _known_sum([None, 2.5]) == 2.5
    assert _known_sum([1.25, 2.5]) == 3.75
    assert _known_sum([]) == 0.0
