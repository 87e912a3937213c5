"""Fixtures for artifact tests: real files from the PyPI cache (skipped with a reason when absent)
and the committed synthetic fixtures under tests/fixtures/artifacts/gen/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GEN = ROOT / "tests" / "fixtures" / "artifacts" / "gen"


def cache_dir() -> Path:
    env = os.environ.get("MODELMAP_ARTIFACTS_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "modelmap" / "artifacts"


def real_file(package_dir: str, member: str) -> Path:
    """A file from a fetched package, or skip: run `python scripts/fetch_artifacts.py --ci` (or --all)."""
    path = cache_dir() / package_dir / member
    if not path.exists():
        pytest.skip(f"{package_dir}/{member} not in the artifact cache {cache_dir()}; "
                    "run `python scripts/fetch_artifacts.py --all` to fetch it")
    return path


@pytest.fixture
def gen() -> Path:
    return GEN
