from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from modelmap.policy import load_config
from tests.fixtures.inventory import sample_result

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
