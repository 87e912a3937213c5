from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from modelmap.policy import evaluate, load_config
from tests.fixtures.inventory import sample_result

POLICY_DATA = Path(__file__).resolve().parents[1] / "policy" / "data"
TODAY = date(2025, 6, 1)
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)


def fixed_clock() -> datetime:
    return NOW


@pytest.fixture
def sample_config():
    return load_config(POLICY_DATA / "config.sample.yaml")


@pytest.fixture
def sample_check(sample_config):
    return evaluate(sample_result(), sample_config, TODAY)


@pytest.fixture
def passing_check(sample_config):
    """The sample inventory under a policy that nothing breaks (no rules, no waivers)."""
    from dataclasses import replace

    return evaluate(sample_result(), replace(sample_config, rules=(), waivers=()), TODAY)
