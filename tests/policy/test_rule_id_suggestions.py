"""tryout28 item 8: a waiver for 'no-country-of-concern-origin' got "did you mean 'no-country-of-concern-serving'?"
although 'no-country-of-concern-origin-regulated' is in effect. Suggestions now put ids that extend the typed one
first, then those sharing most of its words, list every close id, and the error lists the rules in effect; the
docs' preset table lists every preset rule id."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from modelmap.errors import ConfigError
from modelmap.policy.config import close_choices, parse_config
from modelmap.policy.yamlmarks import load_yaml

ROOT = Path(__file__).resolve().parents[2]

WAIVER = """\
version: 1
preset: [us-regulated, resilience]
flows:
  planning: {paths: ["src/**"], tags: [regulated, production]}
waivers:
  - rule: no-country-of-concern-origin
    match: {model: Qwen/Qwen2.5-32B-Instruct, flow: planning}
    reason: self-hosted in our VPC
    approved_by: Sam Ortiz (Security)
    approved_on: 2026-10-01
    expires: 2027-03-31
"""


def test_an_id_that_extends_the_typed_one_comes_first_and_every_close_id_is_listed() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(load_yaml(WAIVER, "modelmap.yaml"), "modelmap.yaml")
    hint = err.value.hint or ""
    assert hint.startswith("did you mean 'no-country-of-concern-origin-regulated' or 'no-country-of-concern-serving'?")
    assert "rules in effect: no-country-of-concern-origin-regulated, no-country-of-concern-serving, " \
           "production-flow-fallback" in hint
    assert "flow-empty" in hint and "waiver-unused" in hint


def test_close_choices_ranking() -> None:
    ids = ["license-commercial-use", "license-known", "license-permissive", "no-cn-serving"]
    assert sorted(close_choices("license", ids)) == ["license-commercial-use", "license-known", "license-permissive"]
    assert close_choices("licence-known", ids)[0] == "license-known"
    assert close_choices("no-cn-origin-regulated", ["no-cn-serving", "no-cn-origin-sensitive"])[0] == \
        "no-cn-origin-sensitive"  # shares three words, the other two
    assert close_choices("totally-unrelated", ids) == []


def test_docs_preset_table_lists_every_preset_rule_id() -> None:
    docs = (ROOT / "docs" / "policy.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([a-z0-9-]+)` \| ([^|]*) \|", docs, re.M)}
    for preset in resources.files("modelmap.policy.presets").iterdir():
        if not preset.name.endswith(".yaml"):
            continue
        name = preset.name[:-5]
        ids = re.findall(r"^  - id: ([a-z0-9-]+)", preset.read_text(encoding="utf-8"), re.M)
        assert name in rows, f"preset {name} is not in docs/policy.md's preset table"
        listed = set(re.findall(r"`([a-z0-9-]+)`", rows[name]))
        assert set(ids) <= listed, f"preset {name}: {sorted(set(ids) - listed)} missing from the docs table"
