"""China in the shipped presets means CN, HK and MO (15 CFR 791.4), in origins and in serving, and the presets,
the report's exposure summary and the switch planner all use the one list in modelmap.policy.countries."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from typing import Any

import pytest

from modelmap.policy import evaluate
from modelmap.policy.config import parse_config
from modelmap.policy.countries import COUNTRIES_OF_CONCERN, PRC
from modelmap.policy.summary import _breaks
from modelmap.policy.yamlmarks import load_yaml
from modelmap.provenance.resolver import resolve
from modelmap.switch.policy_vars import COUNTRIES_OF_CONCERN as SWITCH_CONCERN
from modelmap.types import Finding, ScanResult, ScanStats

TODAY = date(2026, 12, 3)
FLOWS = "version: 1\nflows:\n  kyc: {paths: ['kyc/**'], tags: [regulated, customer-facing]}\n"


def _finding(raw: str, served_by: dict[str, Any] | None = None) -> Finding:
    resolution = resolve(raw).to_dict()
    if served_by is not None:
        resolution["served_by"] = served_by
    return Finding(path="kyc/app.py", line=1, column=1, raw=raw, kind="api-model", source="test",
                   resolution=resolution)


def _violations(preset: str, *findings: Finding) -> set[tuple[str, str]]:
    config = parse_config(load_yaml(FLOWS + f"preset: [{preset}]\n", "modelmap.yaml"), "modelmap.yaml")
    result = ScanResult(root=".", findings=list(findings), skips=[], stats=ScanStats())
    return {(v.rule_id, v.finding.raw if v.finding else "") for v in evaluate(result, config, TODAY).violations}


def test_a_hong_kong_publisher_is_china_for_the_origin_presets() -> None:
    # a Hong Kong publisher's API model, its origins complete (SenseTime's record no longer carries a country: its
    # only source was a third-party page, so the resolution is written out here)
    sense = _finding("SenseChat-5")
    assert sense.resolution is not None
    sense.resolution.update(origins=["HK"], origins_known=True,
                            origin_reasons=[{"country": "HK", "why": "publisher", "via": "sensetime"}])
    us = _finding("gpt-4o")
    for preset, rule in [("no-cn-origin", "no-cn-origin-sensitive"), ("no-cn-origin-regulated", "no-cn-origin-regulated"),
                         ("us-regulated", "no-country-of-concern-origin-regulated")]:
        got = _violations(preset, sense, us)
        assert (rule, "SenseChat-5") in got, preset
        assert (rule, "gpt-4o") not in got, preset


@pytest.mark.parametrize("country", ["CN", "HK", "MO"])
def test_serving_from_any_part_of_china_breaks_no_cn_serving(country: str) -> None:
    served: dict[str, Any] = {"id": "some-cloud", "operator": None, "country": country, "serving": []}
    assert _violations("no-cn-serving", _finding("gpt-4o", served)) == {("no-cn-serving", "gpt-4o")}
    assert _violations("no-cn-serving", _finding("gpt-4o", dict(served, country="TW"))) == set()
    assert _violations("no-cn-serving", _finding("gpt-4o", dict(served, country=None))) == set()


def test_every_shipped_list_is_the_one_in_policy_countries() -> None:
    folder = resources.files("modelmap.policy") / "presets"
    lists = set()
    for name in ("no-cn-origin", "no-cn-origin-regulated", "no-cn-serving", "us-regulated"):
        text = (folder / f"{name}.yaml").read_text(encoding="utf-8")
        assert "'CN' in" not in text, name  # a bare mainland-only test would miss HK and MO
        lists |= {tuple(re.findall(r"'([A-Z]{2})'", m)) for m in re.findall(r"in \[((?:'[A-Z]{2}', )*'[A-Z]{2}')\]", text)}
    assert lists == {PRC, COUNTRIES_OF_CONCERN}
    assert frozenset(COUNTRIES_OF_CONCERN) == SWITCH_CONCERN


def test_the_report_summary_counts_hong_kong_as_china() -> None:
    variables = {"origins": ["HK"], "served_by": {"countries": ["MO"]}}
    assert _breaks("origin", variables) and _breaks("serving", variables)
    assert not _breaks("origin", {"origins": ["TW"], "served_by": {"countries": []}})
    assert not _breaks("origin", {"origins": None, "served_by": {"countries": []}})
