"""`modelmap plan` (issue 14, items 3 and the measured level): a replacement or an explicit "none found" for
every affected usage, drop-in classes C and D from the code, sourced and dated prices, cost arithmetic that a
reader can redo from the price table and the volume file, and the 48-hour verdict."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from modelmap import knowledge
from modelmap.errors import ConfigError
from modelmap.switch import prices
from modelmap.switch.alternatives import size_gap
from modelmap.switch.plan import Plan, _reembed_line, plan_project
from modelmap.switch.volume import DEFAULT, load_volume, parse_csv, parse_yaml
from tests.conftest import FIXTURES, load_schema

REPOS = FIXTURES / "repos"
DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-app"
CASES = {
    "demo": (DEMO, DEMO / "volume.yaml"),
    "rag": (REPOS / "rag-bge-qwen-deepseek", REPOS / "rag-bge-qwen-deepseek" / "volume.yaml"),
    "agent": (REPOS / "agent-kimi-minimax-openrouter", REPOS / "agent-kimi-minimax-openrouter" / "volume.csv"),
    "lora": (REPOS / "qwen-lora-finetune", REPOS / "qwen-lora-finetune" / "volume.yaml"),
}


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {name: plan_project(root, "no-cn-origin", volume_path=vol)[0] for name, (root, vol) in CASES.items()}


def _usages(plan: Plan) -> list[Any]:
    return [u for f in plan.flows for u in f.usages]


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_affected_usage_is_replaced_or_says_why_not(plans: dict[str, Plan], case: str) -> None:
    plan = plans[case]
    data = json.loads(json.dumps(plan.to_dict()))
    jsonschema.validate(data, load_schema("plan.schema.json"))
    usages = _usages(plan)
    assert usages, f"{case}: the scenario should affect something"
    for u in usages:
        if u.replacement is None:
            assert u.none_found and len(u.none_found) > 20
        else:
            cand = u.replacement
            assert cand["origins"] and "CN" not in cand["origins"], (case, u.path, cand)
            assert cand["serving_country"] != "CN"
    for flow in plan.flows:
        assert flow.evaluation and flow.rollback and flow.verdict_reasons


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_price_has_a_source_and_a_date(plans: dict[str, Plan], case: str) -> None:
    for flow in plans[case].flows:
        for line in flow.cost_lines:
            assert line.basis
            if line.usd is not None and line.provider != "self-hosted":
                assert line.price is not None
                assert line.price["source"] and line.price["as_of"][:2] == "20"
                assert line.price["as_of"] in line.basis
        for u in flow.usages:
            for cand in [u.replacement, *u.fallbacks]:
                if cand and cand.get("price"):
                    assert cand["price"]["source"] and cand["price"]["as_of"]


def test_embeddings_are_class_c_and_fine_tunes_class_d(plans: dict[str, Plan]) -> None:
    rag = {(u.path, u.role): u for u in _usages(plans["rag"])}
    assert rag[("app/search.py", "embedding")].dropin == "C"
    lora = {u.path: u for u in _usages(plans["lora"])}
    adapter = lora["adapter/adapter_config.json"]
    assert adapter.dropin == "D" and "base_model_name_or_path" in adapter.dropin_reason
    assert lora["app/classify.py"].dropin == "D"  # loads the adapter with PeftModel on this base
    assert lora["app/escalate.py"].dropin == "D" and "'ft:'" in lora["app/escalate.py"].dropin_reason
    # a PEFT adapter is retrained on open weights, self-hosted
    assert adapter.replacement is not None and adapter.replacement["open_weights"] is True
    assert adapter.replacement["provider"] is None
    flow = plans["lora"].flows[0]
    assert not flow.feasible_48h and any("retrain" in r for r in flow.verdict_reasons)


def test_config_diff_replaces_exactly_the_model_line(plans: dict[str, Plan]) -> None:
    adapter = next(u for u in _usages(plans["lora"]) if u.path == "adapter/adapter_config.json")
    edit = next(e for e in adapter.edits if e.diff)
    old = (CASES["lora"][0] / "adapter" / "adapter_config.json").read_text().splitlines()
    minus = [line[1:] for line in edit.diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    plus = [line[1:] for line in edit.diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert minus == [old[edit.line - 1]]
    assert json.loads("{" + plus[0].rstrip(",") + "}")["base_model_name_or_path"] == adapter.replacement["api_name"]


def test_cost_before_is_the_volume_times_the_sourced_price(plans: dict[str, Plan]) -> None:
    """Recomputed here from the price table and the fixture's volume file, not from the plan's own figures."""
    answer = next(f for f in plans["rag"].flows if f.name == "answer")
    line = next(c for c in answer.cost_lines if c.when == "before" and c.model == "deepseek-chat")
    p = prices.price("deepseek-api", "deepseek-chat")
    assert p is not None and p.input is not None and p.output is not None
    assert line.usd == round(180_000_000 / 1e6 * p.input + 24_000_000 / 1e6 * p.output, 2)
    cost = answer.cost()
    assert cost["before"] == round(sum(c.usd or 0 for c in answer.cost_lines if c.when == "before"), 2)


def test_self_hosting_is_priced_only_from_user_inputs(plans: dict[str, Plan]) -> None:
    demo_self = [c for f in plans["demo"].flows for c in f.cost_lines if c.provider == "self-hosted"]
    assert demo_self and all(c.usd is None and "not priced" in c.basis for c in demo_self)
    lora_self = [c for c in plans["lora"].flows[0].cost_lines if c.provider == "self-hosted"]
    assert lora_self and all(c.usd == round(2.20 * 1 * 730, 2) for c in lora_self)


def test_reembedding_is_a_one_off_and_decides_the_verdict(tmp_path: Path) -> None:
    vol = tmp_path / "volume.yaml"
    vol.write_text("version: 1\nflows:\n  search: {input_tokens: 6000000, corpus_documents: 120000, "
                   "corpus_tokens: 90000000, reembed_tokens_per_hour: 20000000}\n")
    plan = plan_project(REPOS / "rag-bge-qwen-deepseek", "no-cn-origin", volume_path=vol)[0]
    search = next(f for f in plan.flows if f.name == "search")
    embed = next(u for u in search.usages if u.role == "embedding")
    one_off = next(c for c in search.cost_lines if c.when == "one-off")
    # The fixture's BGE runs on its own hardware (sentence-transformers). With its size known (335M, BAAI's
    # model table), the replacement is an open-weights embedder within one doubling of it, self-hosted too,
    # so the re-embedding has no per-token price: it is the user's GPU time, said so, never guessed.
    kb = knowledge.load()
    assert embed.replacement["provider"] is None
    gap = size_gap(kb.models[embed.replacement["model"]]["params"], kb.models["baai/bge-large-en-v1.5"]["params"])
    assert gap is not None and gap <= 1
    assert one_off.usd is None and "priced by your GPU time" in one_off.basis
    assert "120,000 documents" in one_off.basis
    assert not any("re-embed" in r for r in search.verdict_reasons)  # 4.5 h at the given rate
    slow = tmp_path / "slow.yaml"
    slow.write_text("flows:\n  search: {corpus_tokens: 90000000, reembed_tokens_per_hour: 1000000}\n")
    plan = plan_project(REPOS / "rag-bge-qwen-deepseek", "no-cn-origin", volume_path=slow)[0]
    search = next(f for f in plan.flows if f.name == "search")
    assert not search.feasible_48h and any("90.0 h" in r for r in search.verdict_reasons)


def test_reembedding_at_an_api_is_the_corpus_times_its_sourced_price() -> None:
    """A hosted replacement's re-embedding one-off, recomputed here from the price table."""
    p = prices.price("aws-bedrock", "amazon/titan-embed-text-v2")
    assert p is not None and p.input is not None
    cand = {"model": "amazon/titan-embed-text-v2", "provider": "aws-bedrock", "price": p.to_dict()}
    line = _reembed_line(cand, 90_000_000, 120_000)
    assert line.when == "one-off" and line.usd == round(90_000_000 / 1e6 * p.input, 2)
    assert "120,000 documents" in line.basis and line.provider == "aws-bedrock"


def test_volume_yaml_and_csv_agree_and_default_is_stated(tmp_path: Path) -> None:
    y = parse_yaml("version: 1\nflows:\n  answer: {input_tokens: 1_000, output_tokens: '2,000'}\n", "v.yaml")
    c = parse_csv("flow,input_tokens,output_tokens\nanswer,1000,2000\n", "v.csv")
    assert y.for_flow("answer").input_tokens == c.for_flow("answer").input_tokens == 1000
    assert y.for_flow("answer").output_tokens == c.for_flow("answer").output_tokens == 2000
    other = y.for_flow("routing")
    assert other.source == "default" and other.input_tokens == DEFAULT["input_tokens"]
    assert load_volume(None).for_flow("x").source == "default"
    with pytest.raises(ConfigError, match=r"v.yaml: flows.answer.input_tokens"):
        parse_yaml("flows:\n  answer: {input_tokens: -3}\n", "v.yaml")
    with pytest.raises(ConfigError, match="unknown column"):
        parse_csv("flow,tokens\nanswer,3\n", "v.csv")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (1024 * 1024 + 10))
    with pytest.raises(ConfigError, match="larger than"):
        load_volume(big)


def test_demo_verdicts(plans: dict[str, Plan]) -> None:
    flows = {f.name: f for f in plans["demo"].flows}
    retrieval = flows["retrieval"]
    assert not retrieval.feasible_48h  # BGE-M3 must be re-embedded
    assert any(u.dropin == "C" for u in retrieval.usages)
    routing = flows["routing"]
    assert routing.usages and all(u.replacement for u in routing.usages)
    edit = next(e for e in routing.usages[0].edits if e.kind == "endpoint")
    assert "https://api.deepseek.com" in edit.what and edit.path == "app/router.py"


def test_cli_plan_json_and_usage_errors() -> None:
    from modelmap.cli import app

    runner = CliRunner()
    root, vol = CASES["agent"]
    out = runner.invoke(app, ["plan", str(root), "--scenario", "no-cn-origin", "--volume", str(vol), "-f", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["schema"] == "modelmap.plan/1"
    planner = next(f for f in data["flows"] if f["name"] == "planner")
    assert planner["volume"]["input_tokens"] == 75_000_000 and planner["volume"]["source"] == "volume.csv"
    assert runner.invoke(app, ["plan", str(root)]).exit_code == 2
    assert runner.invoke(app, ["plan", str(root), "--scenario", "no-cn-origin", "--emit", "nginx"]).exit_code == 2
    bad = runner.invoke(app, ["plan", str(root), "--scenario", "no-such-rule"])
    assert bad.exit_code == 2 and "unknown scenario" in bad.output


def test_self_hosting_throughput_sets_the_number_of_deployments(tmp_path: Path) -> None:
    vol = tmp_path / "volume.yaml"
    # 12.4M tokens a month; one deployment serves 2 tokens/s x 3600 x 730 h = 5,256,000 tokens: 3 deployments
    vol.write_text("flows:\n  triage: {input_tokens: 12000000, output_tokens: 400000}\n"
                   "self_hosting: {gpu_hour_usd: 2.2, gpus: 1, hours_per_month: 730, tokens_per_second: 2}\n")
    plan = plan_project(REPOS / "qwen-lora-finetune", "no-cn-origin", volume_path=vol)[0]
    line = next(c for c in plan.flows[0].cost_lines if c.when == "before" and c.provider == "self-hosted")
    assert line.usd == round(3 * 2.2 * 730, 2) and line.basis.startswith("3 deployment(s)")


def test_plan_renderers_escape_what_they_show(plans: dict[str, Plan]) -> None:
    from modelmap.switch.plan import render_html, render_markdown

    plan = plans["rag"]
    page = render_html(plan).decode()
    assert "<script" not in page and "answer" in page and "48-hour verdict" in page
    text = render_markdown(plan)
    assert "## Flow `answer`" in text and "```diff" in text and "## Assumptions" in text


def test_prices_in_modelmap_yaml_win(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "app"
    shutil.copytree(REPOS / "rag-bge-qwen-deepseek", root)
    with (root / "modelmap.yaml").open("a") as handle:
        handle.write("prices:\n  - {provider: deepseek-api, model: deepseek-chat, input: 1.0, output: 2.0, "
                     "source: 'our contract', as_of: 2026-11-30}\n")
    plan = plan_project(root, "no-cn-origin", volume_path=root / "volume.yaml")[0]
    answer = next(f for f in plan.flows if f.name == "answer")
    line = next(c for c in answer.cost_lines if c.when == "before" and c.model == "deepseek-chat")
    assert line.usd == 180 * 1.0 + 24 * 2.0
    assert "our contract" in line.basis and "2026-11-30" in line.basis
    (root / "modelmap.yaml").write_text((root / "modelmap.yaml").read_text() + "  - {provider: x}\n")
    with pytest.raises(ConfigError):
        plan_project(root, "no-cn-origin")
