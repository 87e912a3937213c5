"""A usage in no declared flow stays in the plan when the same model also breaks the scenario inside a flow.

The shape a tryout found (session 31): the Helm values of a vLLM release (in the flow ``support``) and a settings
file outside every flow name the same weights. ``scenario`` counted both; ``plan`` grouped them, placed the group in
``support`` only, and dropped the settings file's usage, so the plan had one edit fewer than the scenario's count.
"""

from __future__ import annotations

from pathlib import Path

from modelmap.switch.plan import NO_FLOW, plan_project

APP = '''from openai import OpenAI

client = OpenAI(base_url="http://vllm.llm.svc.cluster.local:8000/v1", api_key="unused")


def answer(question: str) -> str:
    out = client.chat.completions.create(model="Qwen/Qwen2.5-32B-Instruct",
                                         messages=[{"role": "user", "content": question}])
    return out.choices[0].message.content
'''

HELM = '''servingEngineSpec:
  modelSpec:
    - name: qwen32b
      repository: vllm/vllm-openai
      tag: v0.6.4
      modelURL: Qwen/Qwen2.5-32B-Instruct
'''

SETTINGS = '''triage:
  classifier-model: llama3.2:3b
  summary-model: Qwen/Qwen2.5-32B-Instruct
'''


def _repo(root: Path) -> Path:
    for rel, text in (("support/answer.py", APP), ("deploy/values.yaml", HELM), ("config/models.yaml", SETTINGS),
                      ("modelmap.yaml", "version: 1\nflows:\n  support: {paths: ['support/**', 'deploy/**'], "
                                        "tags: [internal]}\n")):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_usage_outside_every_flow_is_planned_under_no_flow(tmp_path: Path) -> None:
    plan, _, _ = plan_project(_repo(tmp_path), deny="'CN' in origins")
    by_flow = {f.name: sorted((u.path, u.line) for u in f.usages) for f in plan.flows}
    assert by_flow["support"] == [("deploy/values.yaml", 6), ("support/answer.py", 7)]
    assert by_flow[NO_FLOW] == [("config/models.yaml", 3)]
    assert plan.summary()["usages_affected"] == 3  # as many as the scenario counts


def test_flow_scoped_rule_still_leaves_usages_outside_flows_alone(tmp_path: Path) -> None:
    # a rule that applies only in internal flows is not broken by the settings file, which is in none
    plan, _, _ = plan_project(_repo(tmp_path), deny="'internal' in flow.tags && 'CN' in origins")
    assert {f.name for f in plan.flows} == {"support"}
    assert sorted(u.path for f in plan.flows for u in f.usages) == ["deploy/values.yaml", "support/answer.py"]


def test_one_self_hosted_deployment_is_priced_once_per_model(tmp_path: Path) -> None:
    """The Helm values naming the weights (no serving evidence) and the call reaching the vLLM server (served by
    self-hosted) are one deployment. The plan priced it twice, 'before $3,212.00, after $1,606.00' with 1 GPU x 730 h
    x $2.20: a saving of one deployment that a switch would not make (tryfix31)."""
    root = _repo(tmp_path)
    (root / "volume.yaml").write_text("self_hosting:\n  gpu_hour_usd: 2.20\n  gpus: 1\n  hours_per_month: 730\n")
    plan, _, _ = plan_project(root, deny="'CN' in origins", volume_path=root / "volume.yaml")
    support = next(f for f in plan.flows if f.name == "support")
    assert {u.served_by for u in support.usages} == {None, "self-hosted"}  # the two spellings of one deployment
    before = [c for c in support.cost_lines if c.when == "before"]
    assert [(c.model, c.usd) for c in before] == [("qwen/qwen2.5-32b-instruct", 1606.0)]
    cost = support.cost()
    assert cost["before"] == 1606.0
    assert cost["after"] == 1606.0  # one self-hosted replacement, one deployment: no saving invented


def test_scenario_tables_name_no_flow_beside_the_flows(tmp_path: Path) -> None:
    """The scenario grouped the Helm values (flow support) and the settings file (no flow) under one row whose flows
    column said 'support' only, as if config/models.yaml were part of that flow (tryfix31)."""
    import modelmap
    from modelmap.cli.check_cmd import find_project
    from modelmap.switch.scenario import adhoc_scenario, affected, render_markdown, table_grid

    root = _repo(tmp_path)
    project = find_project(root, None)
    res = affected(modelmap.scan([root], resolve=True), adhoc_scenario("'CN' in origins"), project.config)
    rows = {tuple(r[5].split(", ")): r[3] for r in table_grid(res).rows}
    assert rows[("config/models.yaml:3", "deploy/values.yaml:6")] == "support, (no flow)"
    assert rows[("support/answer.py:7",)] == "support"
    assert "| support, (no flow) |" in render_markdown(res)
    assert all(a.flows == ["support"] for a in res.affected)  # the JSON's flows stay flow names
