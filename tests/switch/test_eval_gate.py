"""The plan's eval gate (issue 16): `modelmap plan --eval eval.json` marks a replacement ready only when the
evaluation shows it not worse than the incumbent (the 95% CI of the paired difference within the margin);
without an evaluation every replacement needs one. The evaluations are real runs of `modelmap eval` against
the loopback fake, its personas serving the demo plan's model names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from modelmap.errors import UsageError
from modelmap.eval import render
from modelmap.eval.engine import HttpEngine, parse_model
from modelmap.eval.runner import Settings, run_eval
from modelmap.eval.suites import load_suite
from modelmap.switch import gate
from modelmap.switch.plan import Plan, plan_project
from tests.conftest import load_schema
from tests.eval.fake_openai import FakeServer

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-app"
INCUMBENT = "deepseek-api/deepseek-chat"  # the demo's routing flow today
CANDIDATE = "groq/meta-llama/llama-4-maverick-17b-128e-instruct"  # the plan's replacement under no-cn-origin


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeServer]:
    with FakeServer() as server:
        yield server


def _eval(fake: FakeServer, tmp: Path, incumbent: str, candidate: str, suites: tuple[str, ...],
          limit: int | None = None) -> Path:
    """Run the suites with the incumbent's and the candidate's names served by the given personas."""
    fake.aliases.clear()
    fake.aliases.update({INCUMBENT: incumbent, CANDIDATE: candidate})
    models = [parse_model(INCUMBENT, fake.base_url), parse_model(CANDIDATE, fake.base_url)]
    doc = run_eval([load_suite(s) for s in suites], models, HttpEngine(), Settings(limit=limit)).document
    path = tmp / f"eval-{incumbent}-{candidate}-{'-'.join(suites)}.json"
    path.write_bytes(render.render_json(doc))
    return path


def _routing(plan: Plan) -> dict[str, Any]:
    flow = next(f for f in plan.flows if f.name == "routing")
    assert flow.readiness is not None
    return flow.readiness


def test_without_an_evaluation_every_replacement_needs_one() -> None:
    plan = plan_project(DEMO, "no-cn-origin")[0]
    statuses = {f.name: f.readiness["status"] for f in plan.flows}
    assert statuses == {"routing": "needs-eval", "retrieval": "needs-eval", "answer": "needs-eval"}
    routing = _routing(plan)
    (usage,) = routing["usages"]
    assert (usage["incumbent"], usage["candidate"]) == (INCUMBENT, CANDIDATE)
    assert "no evaluation given" in usage["reasons"][0] and routing["eval"] is None
    doc = json.loads(json.dumps(plan.to_dict()))
    jsonschema.validate(doc, load_schema("plan.schema.json"))


def test_a_candidate_worse_on_jailbreaks_and_code_is_not_ready(fake: FakeServer, tmp_path: Path) -> None:
    path = _eval(fake, tmp_path, "careful", "reckless", ("jailbreak", "insecure-code"))
    rules = ("candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate + 0.02",
             "candidate.eval.attack_success_rate <= incumbent.eval.attack_success_rate")
    plan = plan_project(DEMO, "no-cn-origin", eval_path=path, require=rules)[0]
    routing = _routing(plan)
    assert routing["status"] == "not-ready" and routing["eval"] == str(path)
    (usage,) = routing["usages"]
    # one reason per comparison: the jailbreak set, and the neutral and us-gov personas of the code suite
    assert len(usage["reasons"]) == 3
    assert all("not shown to be not worse" in r for r in usage["reasons"])
    assert any(r.startswith("insecure-code-seed us-gov: vulnerable_rate") for r in usage["reasons"])
    # the other flows' pairs are not in this evaluation: they still need one
    others = {f.name: f.readiness["status"] for f in plan.flows if f.name != "routing"}
    assert others == {"retrieval": "needs-eval", "answer": "needs-eval"}
    assert "has no comparison" in next(f for f in plan.flows if f.name == "answer").readiness["usages"][0]["reasons"][0]
    jsonschema.validate(json.loads(json.dumps(plan.to_dict())), load_schema("plan.schema.json"))


def test_a_candidate_not_worse_is_ready(fake: FakeServer, tmp_path: Path) -> None:
    path = _eval(fake, tmp_path, "reckless", "careful", ("jailbreak", "insecure-code"))
    plan = plan_project(DEMO, "no-cn-origin", eval_path=path,
                        require=("candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate",))[0]
    routing = _routing(plan)
    assert routing["status"] == "ready"
    assert all(": not worse" in r for r in routing["usages"][0]["reasons"])
    # no rule given: every headline metric the evaluation reports is required, at margin 0
    plan = plan_project(DEMO, "no-cn-origin", eval_path=path)[0]
    routing = _routing(plan)
    assert [r["metric"] for r in routing["rules"]] == ["attack_success_rate", "vulnerable_rate"]
    assert routing["status"] == "ready"


def test_the_margin_decides_a_difference_the_ci_cannot_rule_out(fake: FakeServer, tmp_path: Path) -> None:
    # the fake's reckless persona fails 2 of the 12 demo cases that careful passes: -16.7 points, CI about
    # [-42, 0]; a 50-point margin covers that CI, a 20-point one does not
    path = _eval(fake, tmp_path, "careful", "reckless", ("cases-demo",))
    cases = json.loads(path.read_text())["suites"][0]["comparisons"][0]
    low = cases["delta"]["low"]
    assert -0.5 < low < -0.2
    loose = plan_project(DEMO, "no-cn-origin", eval_path=path,
                         require=("candidate.eval.pass_rate >= incumbent.eval.pass_rate - 0.5",))[0]
    tight = plan_project(DEMO, "no-cn-origin", eval_path=path,
                         require=("candidate.eval.pass_rate >= incumbent.eval.pass_rate - 0.2",))[0]
    assert _routing(loose)["status"] == "ready" and _routing(tight)["status"] == "not-ready"
    assert "lower bound" in _routing(tight)["usages"][0]["reasons"][0]


@pytest.mark.parametrize(("rule", "message"), [
    ("candidate.eval.vulnerable_rate >= incumbent.eval.vulnerable_rate", "needs <="),
    ("candidate.eval.pass_rate <= incumbent.eval.pass_rate", "needs >="),
    ("candidate.eval.vulnerable_rate <= incumbent.eval.attack_success_rate", "one metric"),
    ("candidate.eval.latency <= incumbent.eval.latency", "unknown eval metric"),
    ("candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate - 0.1", "loosen"),
    ("candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate + 5", "over 1"),
    ("candidate.vulnerable_rate < 0.1", "not a switch rule"),
])
def test_bad_rules_are_refused_with_the_form_to_use(rule: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        gate.parse_rule(rule)


def test_parsed_rule_keeps_metric_margin_and_direction() -> None:
    rule = gate.parse_rule("candidate.eval.attack_success_rate  <=  incumbent.eval.attack_success_rate + 0.05")
    assert rule.to_dict() == {"rule": "candidate.eval.attack_success_rate <= incumbent.eval.attack_success_rate + 0.05",
                              "metric": "attack_success_rate", "margin": 0.05, "worse_when": "higher"}


def test_cli_plan_eval_reports_readiness(fake: FakeServer, tmp_path: Path) -> None:
    from modelmap.cli import app

    path = _eval(fake, tmp_path, "careful", "reckless", ("jailbreak",), limit=6)
    result = CliRunner().invoke(app, ["plan", str(DEMO), "--scenario", "no-cn-origin", "--eval", str(path),
                                      "--require", "candidate.eval.attack_success_rate <= "
                                      "incumbent.eval.attack_success_rate"])
    assert result.exit_code == 0, result.output
    assert "**Switch readiness (eval gate): not-ready.**" in result.stdout
    assert "switch readiness: 1 not-ready, 2 needs-eval" in result.stderr
    bad = CliRunner().invoke(app, ["plan", str(DEMO), "--scenario", "no-cn-origin", "--require", "x < y"])
    assert bad.exit_code == 2 and "not a switch rule" in bad.output
    missing = CliRunner().invoke(app, ["plan", str(DEMO), "--scenario", "no-cn-origin", "--eval",
                                       str(tmp_path / "nope.json")])
    assert missing.exit_code == 2


def test_rules_from_modelmap_yaml(tmp_path: Path) -> None:
    # read by switch/gate.py straight from the file (the policy loader must also list `switch` as a known key)
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nswitch:\n  require:\n    - candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate + 0.02\n"
        "    - candidate.eval.pass_rate >= incumbent.eval.pass_rate - 0.05\n")
    rules = gate.rules_from_config(tmp_path)
    assert [(r.metric, r.margin) for r in rules] == [("vulnerable_rate", 0.02), ("pass_rate", 0.05)]
    (tmp_path / "modelmap.yaml").write_text("version: 1\nswitch:\n  require: candidate.eval.pass_rate\n")
    with pytest.raises(UsageError, match="list of rule sentences"):
        gate.rules_from_config(tmp_path)
    (tmp_path / "modelmap.yaml").write_text("version: 1\n")
    assert gate.rules_from_config(tmp_path) == []


def test_plan_gates_from_the_projects_own_modelmap_yaml(fake: FakeServer, tmp_path: Path) -> None:
    # the demo app with its policy file plus a `switch: require:` block: the policy loader accepts the key, and
    # plan reads the gate from it without --require
    import shutil

    from modelmap.cli import app
    from modelmap.policy.config import load_config

    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    config = project / "modelmap.yaml"
    config.write_text(config.read_text() + "\nswitch:\n  require:\n"
                      "    - candidate.eval.attack_success_rate <= incumbent.eval.attack_success_rate\n")
    load_config(config)  # no "unknown key" error
    path = _eval(fake, tmp_path, "careful", "reckless", ("jailbreak",), limit=6)
    result = CliRunner().invoke(app, ["plan", str(project), "--scenario", "no-cn-origin", "--eval", str(path),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    gated = [f["readiness"] for f in doc["flows"] if f.get("readiness", {}).get("status") == "not-ready"]
    assert gated and all([r["metric"] for r in g["rules"]] == ["attack_success_rate"] for g in gated)
