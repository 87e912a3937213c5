"""``check --format json`` (modelmap.check/1): schema first, then golden (issue 4)."""

from __future__ import annotations

import json

import jsonschema

from modelmap.report.check_json import CheckJsonRenderer
from tests.conftest import GOLDEN, assert_golden, load_schema


def validate(doc: dict) -> None:
    jsonschema.validate(doc, load_schema("check.schema.json"), format_checker=jsonschema.FormatChecker())


def test_sample_matches_schema_and_golden(sample_check) -> None:
    data = CheckJsonRenderer(version="test").render(sample_check)
    doc = json.loads(data)
    validate(doc)
    assert doc["passed"] is False and doc["exit_code"] == 1
    assert doc["summary"]["violations"] == 4 and doc["summary"]["waived"] == 1
    assert_golden(data.decode(), GOLDEN / "check" / "sample.json")


def test_passing_matches_schema_and_golden(passing_check) -> None:
    data = CheckJsonRenderer(version="test").render(passing_check)
    doc = json.loads(data)
    validate(doc)
    assert doc["passed"] is True and doc["exit_code"] == 0 and doc["violations"] == []
    assert_golden(data.decode(), GOLDEN / "check" / "passing.json")


def test_output_is_deterministic(sample_check) -> None:
    renderer = CheckJsonRenderer(version="test")
    assert renderer.render(sample_check) == renderer.render(sample_check)
