"""``modelmap alternatives`` (issue 14 item 2): compliant replacements in three groups, drop-in classes,
sourced and dated prices, and candidates that break the scenario never appear."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest
import typer
from typer.testing import CliRunner

import modelmap
from modelmap.knowledge import load
from modelmap.switch.alternatives import GROUPS, find_alternatives, parse_params, size_class
from modelmap.switch.scenario import load_scenario
from tests.conftest import load_schema

SCHEMA = load_schema("alternatives.schema.json")


def _check_prices(alts: object) -> None:
    for c in alts.candidates:  # type: ignore[attr-defined]
        if c.price is None:
            assert c.provider is None  # only self-hosting has no per-token price
            continue
        assert c.price.source in ("litellm", "genai-prices", "modelmap.yaml")
        date.fromisoformat(c.price.as_of)
        assert c.price.version and c.price.quotes
        assert c.price.provider == c.provider and c.price.model == c.model


@pytest.mark.parametrize("query", ["deepseek-chat", "deepseek-ai/deepseek-v3", "deepseek/deepseek-v3"])
def test_no_cn_origin_never_offers_a_cn_origin_or_cn_served_candidate(query: str) -> None:
    alts = find_alternatives(query, scenario=load_scenario("no-cn-origin"))
    jsonschema.validate(alts.to_dict(), SCHEMA, format_checker=jsonschema.FormatChecker())
    assert alts.candidates, alts.notes
    kb = load()
    for c in alts.candidates:
        assert c.origins is not None and "CN" not in c.origins, c
        assert c.origins_known  # the preset fails closed on unknown lineage
        assert c.serving_country != "CN" and "CN" not in c.serving, c
        publisher = kb.publishers[c.publisher["id"]] if c.publisher else None
        assert publisher is None or publisher.get("country") != "CN"
    assert not alts.group("same-weights")  # DeepSeek's weights are CN-origin wherever they are served
    assert sum(alts.excluded.values()) > 0
    _check_prices(alts)


def test_no_cn_serving_keeps_deepseek_weights_on_non_cn_hosts() -> None:
    # the current host as a scan gives it (an endpoint or client in the code): the id's form alone names no server,
    # since `deepseek/deepseek-v3` is the Hub release's name, which DeepSeek's API does not take (it serves
    # deepseek-chat); tests/provenance/test_lab_prefix_hub_spelling_s35.py
    alts = find_alternatives("deepseek/deepseek-v3", scenario=load_scenario("no-cn-serving"), provider="deepseek-api")
    assert alts.source["provider"] == "deepseek-api"
    same = alts.group("same-weights")
    hosts = {c.provider for c in same}
    assert {"together-ai", "fireworks-ai"} <= hosts
    assert "deepseek-api" not in hosts
    assert all(c.model == "deepseek-ai/deepseek-v3" for c in same)
    kb = load()
    for c in same:
        if c.provider is not None:
            assert kb.providers[c.provider].get("country") != "CN"
    # DeepSeek's API and Together both speak the OpenAI API (LiteLLM's openai_compatible_providers): class A
    together = next(c for c in same if c.provider == "together-ai")
    assert together.drop_in == "A"
    assert together.price is not None and (together.price.input, together.price.output) == (1.25, 1.25)
    _check_prices(alts)


def test_every_candidate_passes_the_policy_engine_when_checked_as_a_usage(tmp_path: object) -> None:
    """Cross-check the filter: scan a file that uses each returned candidate at its host and run the same
    rule through ``check`` with a flow carrying the strict tags; nothing may be flagged."""
    from modelmap.policy import evaluate
    from modelmap.policy.config import Flow, ProjectConfig
    from modelmap.provenance.resolver import default_resolver
    from modelmap.types import Finding, ScanResult, ScanStats

    scenario = load_scenario("no-cn-origin")
    alts = find_alternatives("deepseek-ai/deepseek-v3", scenario=scenario)
    resolver = default_resolver()
    findings = []
    for i, c in enumerate(alts.candidates):
        res = resolver.resolve(c.model).to_dict()
        res["served_by"] = resolver.served_by(c.provider, evidence="test") if c.provider else None
        findings.append(Finding(path=f"app/{i}.py", line=1, column=1, raw=c.model, kind="hf-repo",
                                role="generation", resolution=res))
    flow = Flow("checkout", ("app/**",), ("customer-facing", "regulated", "production"))
    config = ProjectConfig(flows=(flow,), rules=scenario.rules, flow_index={"checkout": flow})
    check = evaluate(ScanResult(root=".", findings=findings, skips=[], stats=ScanStats()), config, date(2026, 12, 3))
    assert findings and check.violations == []
    # and without the scenario the same search offers candidates the rule does flag
    unfiltered = find_alternatives("deepseek-ai/deepseek-v3")
    assert any("CN" in (c.origins or []) for c in unfiltered.candidates)


def test_embedding_replacement_is_a_re_embed() -> None:
    alts = find_alternatives("BAAI/bge-m3", scenario=load_scenario("no-cn-origin"))
    others = [c for c in alts.candidates if c.model != "baai/bge-m3"]
    assert others and all(c.drop_in == "C" for c in others)
    assert all(c.role == "embedding" for c in others)
    assert alts.notes["same-weights"].startswith("all ")  # BGE is CN-origin on every host


def test_fine_tune_ids_are_class_d() -> None:
    alts = find_alternatives("ft:gpt-4o-mini-2024-07-18:acme-support::9xKq2LmT", role="generation")
    assert alts.candidates
    assert {c.drop_in for c in alts.candidates} == {"D"}


def test_same_family_holds_other_sizes_only() -> None:
    alts = find_alternatives("Qwen/Qwen2.5-7B-Instruct", limit=50)
    fam = alts.group("same-family")
    assert fam
    assert all(load().models[c.model]["family"] == "qwen2.5" for c in fam)
    assert all(parse_params(c.params) != 7.6e9 for c in fam)
    assert all(c.model != "qwen/qwen2.5-7b-instruct" for c in fam)
    sizes = alts.group("same-role-size")
    assert sizes and all(c.size_class == "small (3-20B)" for c in sizes)
    assert all(load().models[c.model].get("family") != "qwen2.5" for c in sizes)


def test_unknown_identifier_explains_empty_groups() -> None:
    alts = find_alternatives("totally-made-up-model-xyz")
    assert alts.candidates == []
    assert set(alts.notes) == set(GROUPS)
    assert "role" in alts.notes["same-role-size"]


def test_size_classes() -> None:
    assert parse_params("671B") == 671e9 and parse_params("335M") == 335e6 and parse_params("1.05T") == 1.05e12
    assert parse_params(None) is None and parse_params("big") is None
    assert size_class("7B") == "small (3-20B)"
    assert size_class("671B") == "frontier (400B+)"
    assert size_class(None) is None


def test_cli_json_and_table() -> None:
    from modelmap.cli import alternatives_cmd

    app = typer.Typer()
    app.command("alternatives")(alternatives_cmd.alternatives)
    app.command("other")(lambda: None)
    runner = CliRunner()
    out = runner.invoke(app, ["alternatives", "deepseek-chat", "--scenario", "no-cn-origin", "--format", "json",
                              "--limit", "3"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["source"]["price"]["disagree"] is True  # LiteLLM and genai-prices differ on deepseek-chat
    assert all(len(g["candidates"]) <= 3 for g in doc["groups"])
    out = runner.invoke(app, ["alternatives", "deepseek/deepseek-v3", "--scenario", "no-cn-serving"])
    assert out.exit_code == 0, out.output
    assert "together-ai" in out.stdout and "Same weights, another host" in out.stdout
    out = runner.invoke(app, ["alternatives", "deepseek-chat", "--scenario", "nope"])
    assert out.exit_code == 2


def test_a_scanned_usage_can_be_looked_up() -> None:
    """The identifier as a scan records it is enough (part B's plan calls alternatives per usage)."""
    res = modelmap.trace("together_ai/deepseek-ai/DeepSeek-V3")
    assert res.served_by and res.served_by["id"] == "together-ai"
    alts = find_alternatives("together_ai/deepseek-ai/DeepSeek-V3", scenario=load_scenario("no-cn-serving"))
    assert alts.source["provider"] == "together-ai"
    assert "together-ai" not in {c.provider for c in alts.group("same-weights")}
