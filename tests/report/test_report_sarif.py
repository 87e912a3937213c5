"""``check --format sarif``: SARIF 2.1.0 validated against the OASIS schema, then golden (issue 4)."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest

from modelmap.policy import evaluate
from modelmap.report.sarif import FINGERPRINT_KEY, SarifRenderer
from tests.conftest import GOLDEN, SHARED, assert_golden
from tests.fixtures.inventory import sample_findings, sample_result

from .conftest import TODAY

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def validate(doc: dict) -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"SARIF 2.1.0 schema not found at {SARIF_SCHEMA} (it lives in <repo>/../shared/schemas)")
    jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text()))


def test_sample_validates_and_matches_golden(sample_check) -> None:
    data = SarifRenderer(version="test").render(sample_check)
    doc = json.loads(data)
    validate(doc)
    assert_golden(data.decode(), GOLDEN / "sarif" / "sample.sarif")


def test_rules_results_and_suppressions(sample_check) -> None:
    run = json.loads(SarifRenderer(version="test").render(sample_check))["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "no-cn-serving" in rule_ids and "waiver-expired" in rule_ids
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["license-commercial-use"]
    assert "Dana Lee (Legal)" in suppressed[0]["suppressions"][0]["justification"]
    flow_level = [r for r in run["results"] if r["ruleId"] == "production-flow-fallback"]
    assert flow_level[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "config.sample.yaml"


def test_fingerprints_ignore_line_numbers(sample_config) -> None:
    moved = [replace(f, line=f.line + 100) for f in sample_findings()]
    a = json.loads(SarifRenderer(version="t").render(evaluate(sample_result(), sample_config, TODAY)))
    b = json.loads(SarifRenderer(version="t").render(evaluate(sample_result(moved), sample_config, TODAY)))
    prints = [[r["partialFingerprints"][FINGERPRINT_KEY] for r in doc["runs"][0]["results"]] for doc in (a, b)]
    assert prints[0] == prints[1]


def test_passing_run_validates(passing_check) -> None:
    doc = json.loads(SarifRenderer(version="test").render(passing_check))
    validate(doc)
    assert doc["runs"][0]["results"] == []


def test_value_defined_in_another_file_is_a_related_location(tmp_path) -> None:
    # issue 13: the result sits where the constant reaches the API; its definition is a related location
    import modelmap
    from modelmap.policy import load_config

    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "settings.py").write_text('import os\nCHAT_MODEL = os.getenv("CHAT_MODEL", "gpt-4o")\n')
    (tmp_path / "svc" / "answer.py").write_text(
        "from openai import OpenAI\nfrom svc.settings import CHAT_MODEL\nclient = OpenAI()\n"
        "r = client.chat.completions.create(model=CHAT_MODEL, messages=[])\n")
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nrules:\n  - {id: no-gpt, severity: error, message: No GPT., deny: \"usage.raw == 'gpt-4o'\"}\n")
    check = evaluate(modelmap.scan([tmp_path], resolve=True), load_config(tmp_path, root=tmp_path), TODAY)
    doc = json.loads(SarifRenderer(version="test").render(check))
    (result,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "no-gpt"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "svc/answer.py"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "svc/settings.py"
    assert related["physicalLocation"]["region"]["startLine"] == 2
    validate(doc)
