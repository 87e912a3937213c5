from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from fixtures.inventory import sample_result  # noqa: E402

from modelmap.policy import load_config  # noqa: E402

DATA = Path(__file__).parent / "data"
TODAY = date(2025, 6, 1)


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def sample():
    return sample_result()


@pytest.fixture
def sample_config():
    return load_config(DATA / "config.sample.yaml")
