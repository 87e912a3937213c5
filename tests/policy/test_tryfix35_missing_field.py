"""A rule that reads a field the object model does not have says so (tryfix35).

``deny: "usage.trust_remote_code == true"`` (a field a security engineer expected, which modelmap did not record
then; now it does, so the test reads ``usage.artifact_format``)
and a misspelt ``usage.contxt`` failed with "could not be evaluated: 'trust_remote_code'" and the hint "unknown facts
are null: guard them", sending the reader after a null that is not there. The error now names the missing field,
suggests a close one and lists the variable's fields where the module knows them. A null fact keeps its hint.
"""

from __future__ import annotations

import dataclasses

import pytest

from modelmap.errors import ConfigError
from modelmap.policy import evaluate
from modelmap.policy.config import parse_config
from modelmap.policy.yamlmarks import load_yaml
from tests.fixtures.inventory import sample_result


def _config(deny: str):
    text = f"version: 1\nrules:\n  - id: r\n    message: m\n    deny: \"{deny}\"\n"
    return parse_config(load_yaml(text, "modelmap.yaml"), "modelmap.yaml")


def test_a_field_usage_does_not_have_is_named(today) -> None:
    with pytest.raises(ConfigError) as info:
        evaluate(sample_result(), _config("usage.artifact_format == 'pickle'"), today)
    assert "usage.artifact_format: no such field" in str(info.value)
    assert "guard" not in (info.value.hint or "") and "usage has: path, line" in (info.value.hint or "")


def test_a_misspelt_field_gets_a_suggestion(today) -> None:
    with pytest.raises(ConfigError) as info:
        evaluate(sample_result(), _config("usage.contxt == 'app'"), today)
    assert "did you mean usage.context?" in (info.value.hint or "")


def test_a_null_fact_keeps_the_guard_hint(today) -> None:
    with pytest.raises(ConfigError) as info:
        evaluate(sample_result(), _config("model.params > 70000000000"), today)
    assert "guard" in (info.value.hint or "") and "no such field" not in str(info.value)


def test_the_hint_lists_match_the_variables() -> None:
    from modelmap.policy.inventory import RUNTIME_FIELDS, usage_var
    from modelmap.policy.rules import RUNTIME_FIELDS as HINT_RUNTIME_FIELDS
    from modelmap.policy.rules import USAGE_FIELDS

    finding = sample_result().findings[0]
    assert tuple(usage_var(dataclasses.replace(finding))) == USAGE_FIELDS
    assert tuple(RUNTIME_FIELDS) == HINT_RUNTIME_FIELDS
