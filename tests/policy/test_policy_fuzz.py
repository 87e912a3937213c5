"""Arbitrary config text never lets anything but ConfigError escape (STYLE.md section 7; issue 4)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelmap.errors import ConfigError
from modelmap.policy.config import parse_config
from modelmap.policy.yamlmarks import load_yaml

FRAGMENTS = [
    "version: 1\n", "version: [1]\n", "preset: no-cn-serving\n", "preset: {a: 1}\n", "preset: [x]\n",
    "flows:\n  a: {paths: ['x/**'], tags: [t]}\n", "flows: [1, 2]\n", "flows:\n  a: 3\n",
    "rules:\n  - id: r\n    message: m\n    deny: \"'CN' in origins\"\n", "rules: {}\n", "rules:\n  - 7\n",
    "rules:\n  - id: r\n    message: [m]\n    require: 1\n", "rules:\n  - id: r\n    message: m\n    when: ''\n    deny: 'true'\n",
    "waivers:\n  - rule: r\n    match: {model: m}\n    reason: x\n    approved_on: 2025-01-01\n    expires: 2024-01-01\n",
    "waivers:\n  - {rule: r, match: [1], reason: 1, approved_on: x, expires: y}\n", "fail_on: [1]\n",
    "expiry_notice_days: -1\n", "disable: {x: 1}\n", "a: &a [1, 2]\nb: [*a, *a]\n", "? [1]\n: 2\n", "!!binary x\n",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=6), st.text(max_size=40))
def test_fragments_only_raise_config_error(parts: list[str], noise: str) -> None:
    text = "".join(parts) + noise
    try:
        parse_config(load_yaml(text, "modelmap.yaml"), "modelmap.yaml")
    except ConfigError as exc:
        assert exc.where and exc.where.startswith("modelmap.yaml")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(ConfigError):
        parse_config(load_yaml(data.decode("utf-8", errors="replace"), "modelmap.yaml"), "modelmap.yaml")


def test_alias_bomb_is_refused() -> None:
    lines = ["version: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 7)]
    with pytest.raises(ConfigError, match="aliases"):
        load_yaml("\n".join(lines) + "\n", "modelmap.yaml")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(ConfigError):
        load_yaml("[" * 5000 + "]" * 5000, "modelmap.yaml")
