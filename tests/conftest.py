"""Shared test helpers: repo paths, golden-file comparison (MODELMAP_REGEN_GOLDEN=1 rewrites)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
SCHEMAS = ROOT / "src" / "modelmap" / "report" / "schemas"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test session gets its own knowledge-index cache; the network is never used."""
    cache = tmp_path_factory.getbasetemp() / "modelmap-cache"
    monkeypatch.setenv("MODELMAP_CACHE_DIR", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def stop_process(process: subprocess.Popen[Any], timeout: float = 20) -> None:
    """Stop a server a test started: terminate, wait up to ``timeout`` seconds, then kill."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def load_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text())


def assert_golden(actual: str, golden: Path) -> None:
    if os.environ.get("MODELMAP_REGEN_GOLDEN") == "1" or not golden.exists():
        if not golden.exists() and os.environ.get("CI") and os.environ.get("MODELMAP_REGEN_GOLDEN") != "1":
            pytest.fail(f"golden file missing: {golden} (run with MODELMAP_REGEN_GOLDEN=1 and review the diff)")
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual)
        return
    expected = golden.read_text()
    assert actual == expected, f"output differs from {golden}; if intended, rerun with MODELMAP_REGEN_GOLDEN=1"


# Opt-in markers handled here: tests marked with one run only when ``-m`` names it (scripts/test.sh does) or its
# environment variable is 1; otherwise they are deselected. The hook only ever removes items carrying the marker.
OPT_IN = {"llama": "MODELMAP_LLAMA"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    markexpr = config.getoption("markexpr", "") or ""
    for marker, env in OPT_IN.items():
        if marker in markexpr or os.environ.get(env) == "1":
            continue
        drop = [item for item in items if item.get_closest_marker(marker)]
        if drop:
            config.hook.pytest_deselected(items=drop)
            items[:] = [item for item in items if not item.get_closest_marker(marker)]


def scan_files(tmp_path: Path, files: dict[str, str]) -> tuple[set[tuple[str, int, str]], dict[str, tuple[str, str]]]:
    """Write ``files`` (relative path -> text, newlines kept as given) under tmp_path and scan it without resolving:
    the findings as (path, line, raw) and the skips as path -> (reason, detail)."""
    import modelmap

    for rel, body in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body, encoding="utf-8", newline="")
    result = modelmap.scan(str(tmp_path), resolve=False)
    return ({(f.path, f.line, f.raw) for f in result.findings},
            {s.path: (s.reason, s.detail) for s in result.skips})
