"""``modelmap scenario`` (issue 14 item 1) and the optionality figures (item 6): what breaks under a
hypothetical rule, on the demo app and the switch fixture apps, evaluated by the real policy engine."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import typer
from typer.testing import CliRunner

import modelmap
from modelmap.errors import ConfigError
from modelmap.policy import evaluate, load_config
from modelmap.switch.optionality import concentration, hhi, optionality, single_points_of_failure
from modelmap.switch.scenario import (
    adhoc_scenario,
    affected,
    available_scenarios,
    load_scenario,
    render_markdown,
    scenario_for,
)
from modelmap.types import ScanResult
from tests.conftest import FIXTURES, ROOT, load_schema

DEMO = ROOT / "examples" / "demo-app"
REPOS = FIXTURES / "repos"
SCHEMA = load_schema("scenario.schema.json")
_SCANS: dict[Path, ScanResult] = {}


def scanned(root: Path) -> ScanResult:
    if root not in _SCANS:
        _SCANS[root] = modelmap.scan([root], resolve=True)
    return _SCANS[root]


def where(res: object) -> set[tuple[str | None, str, int]]:
    return {(a.model or a.query, u["path"], u["line"]) for a in res.affected for u in a.usages}  # type: ignore[attr-defined]


def test_shipped_scenarios_include_the_issue_list() -> None:
    names = set(available_scenarios())
    assert {"no-cn-origin", "no-cn-origin-regulated", "no-cn-serving", "us-eu-serving-only",
            "permissive-licenses-only", "no-entity-list-publishers"} <= names
    assert "resilience" not in names  # flow and inventory rules only: not a scenario about usages


def test_demo_no_cn_origin_lists_each_model_flow_and_usage() -> None:
    res = affected(scanned(DEMO), load_scenario("no-cn-origin"), load_config(DEMO))
    doc = res.to_dict()
    jsonschema.validate(doc, SCHEMA)
    by_model = {a["model"] or a["query"]: a for a in doc["affected"]}
    assert set(by_model) == {"baai/bge-m3", "baai/bge-reranker-v2-m3", "deepseek-chat", "qwen/qwen2.5-7b-instruct"}
    assert by_model["qwen/qwen2.5-7b-instruct"]["flows"] == ["answer"]
    assert by_model["qwen/qwen2.5-7b-instruct"]["usages"] == [{"path": "app/answer.py", "line": 14}]
    assert by_model["deepseek-chat"]["served_by"]["id"] == "deepseek-api"
    assert by_model["deepseek-chat"]["origins"] == ["CN"]
    assert "openai/gpt-4o" not in by_model  # US origin: passes
    s = doc["summary"]
    assert s["usages"] == sum(len(a["usages"]) for a in doc["affected"])
    assert s["flows_total"] == 3 and s["flows_affected"] == 3
    assert 0 < s["share"] < 1 and s["share"] == round(s["usages"] / s["usages_total"], 6)


def test_scenario_matches_what_check_reports_for_the_same_preset() -> None:
    """The demo's own policy is the no-cn-serving preset: the scenario must find exactly the usages check flags."""
    result = scanned(DEMO)
    config = load_config(DEMO)
    assert config.presets == ("no-cn-serving",)
    check = evaluate(result, dataclasses.replace(config, waivers=()), date(2026, 12, 3))
    flagged = {(v.path, v.line) for v in check.violations if v.rule_id == "no-cn-serving"}
    res = affected(result, load_scenario("no-cn-serving"), config)
    assert flagged and {(u["path"], u["line"]) for a in res.affected for u in a.usages} == flagged
    assert res.summary()["endpoints"] == 1  # the https://api.deepseek.com base URL, counted apart from models


def test_adhoc_deny_equals_the_preset_with_the_same_condition() -> None:
    result, config = scanned(DEMO), load_config(DEMO)
    preset = affected(result, load_scenario("no-cn-serving"), config)
    adhoc = affected(result, adhoc_scenario("served_by.country == 'CN' || 'CN' in served_by.countries"), config)
    assert where(adhoc) == where(preset)
    assert adhoc.scenario.id == "ad-hoc"


def test_rag_fixture_no_cn_origin_spares_the_internal_flow() -> None:
    root = REPOS / "rag-bge-qwen-deepseek"
    res = affected(scanned(root), load_scenario("no-cn-origin"), load_config(root))
    jsonschema.validate(res.to_dict(), SCHEMA)
    flows = {f for a in res.affected for f in a.flows}
    assert flows == {"search", "answer"}  # ingest is tagged internal: the rule does not apply there
    paths = {u["path"] for a in res.affected for u in a.usages}
    assert "app/indexer.py" not in paths
    assert {"app/search.py", "app/answer.py", "app/router.py"} <= paths


def test_rag_fixture_us_eu_serving_only_flags_cn_served_apis_not_local_models() -> None:
    root = REPOS / "rag-bge-qwen-deepseek"
    res = affected(scanned(root), load_scenario("us-eu-serving-only"), load_config(root))
    served = {(a.served_by or {}).get("id") for a in res.affected}
    assert served == {"deepseek-api", "dashscope-cn"}
    # the local BGE encoder has no serving provider and is not reported by a serving rule
    assert all(a.model != "baai/bge-large-en-v1.5" for a in res.affected)


def test_agent_fixture_openrouter_routes_are_checked_by_origin_not_serving() -> None:
    root = REPOS / "agent-kimi-minimax-openrouter"
    result, config = scanned(root), load_config(root)
    origin = affected(result, load_scenario("no-cn-origin"), config)
    assert [(a.model, a.flows) for a in origin.affected] == [("moonshotai/kimi-k2-instruct", ["planner"])]
    assert affected(result, load_scenario("no-cn-serving"), config).affected == []  # OpenRouter is US-operated


def test_lora_fixture_adapter_and_base_both_break_no_cn_origin() -> None:
    root = REPOS / "qwen-lora-finetune"
    res = affected(scanned(root), load_scenario("no-cn-origin"), load_config(root))
    qwen = next(a for a in res.affected if a.model == "qwen/qwen2.5-7b-instruct")
    assert {u["path"] for u in qwen.usages} == {"adapter/adapter_config.json", "app/classify.py"}
    assert "training" not in qwen.flows


def test_entity_list_scenario_uses_publisher_flags(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "from transformers import AutoModel\n"
        "glm = AutoModel.from_pretrained('THUDM/glm-4-9b-chat')\n"
        "llama = AutoModel.from_pretrained('meta-llama/Llama-3.1-8B-Instruct')\n"
    )
    res = affected(modelmap.scan([tmp_path], resolve=True), load_scenario("no-entity-list-publishers"))
    assert [a.model for a in res.affected] == ["zai-org/glm-4-9b-chat"]
    assert res.summary()["flows_total"] == 0  # no modelmap.yaml: no flows


def test_bad_scenarios_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown scenario"):
        load_scenario("no-cn-orign")
    with pytest.raises(ConfigError, match="not valid CEL"):
        adhoc_scenario("'CN' in (")
    with pytest.raises(ConfigError, match="not both"):
        scenario_for("no-cn-origin", "'CN' in origins")
    with pytest.raises(ConfigError, match="not a scenario"):
        load_scenario("resilience")


def test_markdown_names_every_usage() -> None:
    res = affected(scanned(DEMO), load_scenario("no-cn-origin"), load_config(DEMO))
    text = render_markdown(res)
    for a in res.affected:
        for u in a.usages:
            assert f"{u['path']}:{u['line']}" in text


def test_cli_json_validates_and_deny_takes_a_path() -> None:
    from modelmap.cli import scenario_cmd

    app = typer.Typer()
    app.command("scenario")(scenario_cmd.scenario)
    app.command("other")(lambda: None)
    runner = CliRunner()
    out = runner.invoke(app, ["scenario", "no-cn-origin", str(DEMO), "--format", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["summary"]["models"] == 4
    out = runner.invoke(app, ["scenario", "--deny", "'CN' in served_by.countries", str(DEMO), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert {a["query"] for a in json.loads(out.stdout)["affected"]} >= {"deepseek-chat"}
    out = runner.invoke(app, ["scenario", "no-such-rule", str(DEMO)])
    assert out.exit_code == 2


# ---------------------------------------------------------------- optionality (issue 14 item 6)

def test_hhi_is_the_sum_of_squared_shares() -> None:
    assert hhi({"a": 2, "b": 1, "c": 1}) == 3750  # 0.5^2 + 0.25^2 + 0.25^2 = 0.375
    assert hhi({"a": 5}) == 10_000
    assert hhi({}) == 0


def test_demo_concentration_shares_add_up_and_unknown_is_explicit() -> None:
    result = scanned(DEMO)
    c = concentration(result)
    for dimension in ("model", "publisher", "origin_country"):
        shares = c[dimension]["shares"]
        assert abs(sum(s["share"] for s in shares) - 1) < 1e-5, dimension
        assert 0 < c[dimension]["hhi"] <= 10_000
    counts = {s["key"]: s["usages"] for s in c["model"]["shares"]}
    assert sum(counts.values()) == c["usages"]
    expected = round(sum((n / c["usages"]) ** 2 for n in counts.values()) * 10_000)
    assert c["model"]["hhi"] == expected


def test_single_points_of_failure_with_and_without_a_scenario() -> None:
    result, config = scanned(DEMO), load_config(DEMO)
    plain = {(s["flow"], s["role"]) for s in single_points_of_failure(result, config)}
    assert ("routing", "generation") in plain  # deepseek-chat alone
    assert ("answer", "generation") not in plain  # gpt-4o and Qwen2.5 both serve it
    under = single_points_of_failure(result, config, load_scenario("no-cn-origin"))
    answer = next(s for s in under if (s["flow"], s["role"]) == ("answer", "generation"))
    assert answer["compliant"] == ["openai/gpt-4o"]
    doc = optionality(result, config, load_scenario("no-cn-origin"))
    assert doc["scenario"]["id"] == "no-cn-origin" and doc["single_points_of_failure"] == under
