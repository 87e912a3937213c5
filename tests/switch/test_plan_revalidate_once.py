"""plan charges a flow's prompt revalidation once per deployment and replacement (tryfix33 item 10).

One vLLM deployment is written on several lines: the Helm chart's model name, its ``--model`` argument, and the
LiteLLM route that calls the server. plan listed each as a class-E usage at 3 h, so one model replaced on one server
cost 9 h of revalidation. The prompts are revalidated on the new model once: the first line keeps the hours, the
others are 0 h and name it, and every row, the flow's total and the summary agree in Markdown, HTML and JSON. Another
model in the same flow (its own deployment) is still charged on its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelmap.switch.plan import EFFORT, EVAL_HOURS, plan_project, render_html, render_json, render_markdown

VALUES = """replicaCount: 1
image:
  repository: vllm/vllm-openai
  tag: v0.8.5
model:
  name: Qwen/Qwen2.5-14B-Instruct
args:
  - --model
  - Qwen/Qwen2.5-14B-Instruct
  - --max-model-len
  - "16384"
"""

SMALL = """image:
  repository: vllm/vllm-openai
args:
  - --model
  - Qwen/Qwen2.5-7B-Instruct
"""

LITELLM = """model_list:
  - model_name: support-chat
    litellm_params:
      model: hosted_vllm/Qwen/Qwen2.5-14B-Instruct
      api_base: http://vllm.llm.svc.cluster.local:8000/v1
"""


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / "deploy" / "helm" / "vllm").mkdir(parents=True)
    (tmp_path / "deploy" / "helm" / "vllm" / "values.yaml").write_text(VALUES)
    (tmp_path / "deploy" / "helm" / "small").mkdir(parents=True)
    (tmp_path / "deploy" / "helm" / "small" / "values.yaml").write_text(SMALL)
    (tmp_path / "deploy" / "litellm").mkdir()
    (tmp_path / "deploy" / "litellm" / "config.yaml").write_text(LITELLM)
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nflows:\n  support: {paths: ['deploy/**'], tags: [customer-facing, production]}\n")
    return tmp_path


def test_one_deployment_on_three_lines_is_revalidated_once(repo: Path) -> None:
    plan = plan_project(repo, "no-cn-origin")[0]
    flow = next(f for f in plan.flows if f.name == "support")
    big = [u for u in flow.usages if u.model == "qwen/qwen2.5-14b-instruct"]
    small = [u for u in flow.usages if u.model == "qwen/qwen2.5-7b-instruct"]
    assert len(big) == 3 and len(small) == 1, [(u.path, u.line, u.model, u.dropin) for u in flow.usages]
    assert {u.dropin for u in big + small} == {"E"}
    assert len({(u.replacement or {}).get("model") for u in big}) == 1
    carrier = f"{big[0].path}:{big[0].line}"
    assert [u.effort_hours for u in big] == [EFFORT["E"][0], 0.0, 0.0]
    assert [u.effort_shared_with for u in big] == [None, carrier, carrier]
    assert small[0].effort_hours == EFFORT["E"][0]  # another model, another deployment: its own revalidation
    assert flow.effort_hours == 2 * EFFORT["E"][0] + EVAL_HOURS[0]
    assert plan.summary()["effort_hours"] == flow.effort_hours

    data = json.loads(render_json(plan))
    jflow = next(f for f in data["flows"] if f["name"] == "support")
    assert jflow["effort_hours"] == flow.effort_hours
    assert sum(u["effort_hours"] for u in jflow["usages"]) + EVAL_HOURS[0] == jflow["effort_hours"]
    assert sorted(u.get("effort_shared_with") or "" for u in jflow["usages"]) == ["", "", carrier, carrier]

    md = render_markdown(plan)
    assert md.count(f"0 h (revalidated once, with {carrier})") == 2
    assert f"**Effort**: {flow.effort_hours:g} h" in md
    html = render_html(plan).decode()
    assert html.count(f"0 h (revalidated once, with {carrier})") == 2
