"""Bedrock cross-Region inference profiles: the id's geography prefix says where a request is processed
(tryout 28, item 5). A bare id's region is the customer's choice and stays unknown."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import modelmap
from modelmap.policy.inventory import served_by_var
from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(("query", "serving", "geo"), [
    ("eu.anthropic.claude-3-5-sonnet-20240620-v1:0", ["EU"], "eu"),
    ("us.deepseek.r1-v1:0", ["US"], "us"),
    ("us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0", ["US"], "us-gov"),
    ("apac.amazon.nova-lite-v1:0", ["AU", "IN", "JP", "KR", "SG"], "apac"),  # documented possible destinations
    ("global.anthropic.claude-sonnet-4-20250514-v1:0", [], "global"),
])
def test_geography_prefix_sets_serving(query: str, serving: list[str], geo: str) -> None:
    served = resolve(query).served_by
    assert served is not None and served["id"] == "aws-bedrock"
    assert served["serving"] == serving
    assert served["region"].startswith(f"{geo}: ")
    assert f"its {geo}. prefix is a cross-Region inference profile" in served["evidence"]
    assert "docs.aws.amazon.com/bedrock" in served["evidence"]


def test_bare_bedrock_id_keeps_the_customer_selected_region_unknown() -> None:
    served = resolve("amazon.nova-lite-v1:0").served_by
    assert served is not None and served["serving"] == [] and "region" not in served


def test_model_facts_are_unchanged_by_the_geography() -> None:
    eu = resolve("eu.anthropic.claude-3-5-sonnet-20240620-v1:0")
    us = resolve("us.anthropic.claude-3-5-sonnet-20240620-v1:0")
    assert eu.model == us.model and eu.origins == us.origins == ("US",)


def test_us_eu_serving_only_preset_reports_apac_not_eu(tmp_path: Path) -> None:
    (tmp_path / "kb.py").write_text(textwrap.dedent('''
        import boto3

        bedrock = boto3.client("bedrock-runtime")


        def answer(q):
            bedrock.converse(modelId="eu.anthropic.claude-3-5-sonnet-20240620-v1:0", messages=[])
            bedrock.converse(modelId="apac.amazon.nova-lite-v1:0", messages=[])
            return bedrock.converse(modelId="jp.anthropic.claude-3-5-sonnet-20240620-v1:0", messages=[])
        '''))
    findings = {f.raw: f for f in modelmap.scan(str(tmp_path), resolve=True).findings if f.kind != "endpoint"}
    eu = served_by_var(findings["eu.anthropic.claude-3-5-sonnet-20240620-v1:0"])
    jp = served_by_var(findings["jp.anthropic.claude-3-5-sonnet-20240620-v1:0"])
    assert eu["countries"] == ["EU", "US"] and jp["countries"] == ["JP", "US"]
    (tmp_path / "modelmap.yaml").write_text("version: 1\npreset: [us-eu-serving-only]\n")
    from datetime import date

    from modelmap.policy import evaluate, load_config

    result = modelmap.scan(str(tmp_path), resolve=True)
    checked = evaluate(result, load_config(tmp_path), date(2026, 12, 6))
    flagged = {v.finding.raw for v in checked.violations if v.rule_id == "us-eu-serving-only" and v.finding}
    assert flagged == {"jp.anthropic.claude-3-5-sonnet-20240620-v1:0", "apac.amazon.nova-lite-v1:0"}
