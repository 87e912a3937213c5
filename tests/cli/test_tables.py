"""Terminal tables at 80, 100 and 120 columns, and plain rows off a terminal (issue 13, item 6).

Two kinds of test:

* **Snapshots** (tests/golden/table/): the scan and check tables of the demo app and the fixture
  repositories, rendered at three widths from a frozen scan (``<case>.scan.json``, written by a
  real scan of the fixture when the goldens are regenerated with MODELMAP_REGEN_GOLDEN=1), so the
  goldens change only when the table code does.
* **Properties over live scans**: whatever the scanner finds today, no line is wider than the
  terminal, and every model id, path and endpoint is shown whole (never "app/settin").
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import modelmap
from modelmap.report.table import plain, render_check, render_scan, scan_grids
from modelmap.types import Finding, ScanResult, ScanStats, Skip
from tests.conftest import GOLDEN, ROOT, assert_golden

CASES = {
    "demo-app": ROOT / "examples" / "demo-app",
    "py-rag-app": ROOT / "tests" / "fixtures" / "repos" / "py-rag-app",
    "js-chat-app": ROOT / "tests" / "fixtures" / "repos" / "js-chat-app",
    "llm-infra": ROOT / "tests" / "fixtures" / "repos" / "llm-infra",
}
WIDTHS = (80, 100, 120)
TABLES = GOLDEN / "table"
BOX = re.compile("[─━│┃┏┓┗┛┡┩└┘┌┐├┤┬┴┼╇]")


def _relative(root: Path) -> str:
    return root.relative_to(ROOT).as_posix()


def frozen_scan(case: str) -> ScanResult:
    """The case's scan as frozen in tests/golden/table/<case>.scan.json (rewritten from a real scan
    when MODELMAP_REGEN_GOLDEN=1 or when missing)."""
    path = TABLES / f"{case}.scan.json"
    if os.environ.get("MODELMAP_REGEN_GOLDEN") == "1" or not path.exists():
        result = modelmap.scan([CASES[case]], resolve=True, jobs=1)
        doc = result.to_dict()
        doc["root"] = _relative(CASES[case])
        doc["stats"] = {}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    doc = json.loads(path.read_text(encoding="utf-8"))
    names = {f.name for f in dataclasses.fields(Finding)}
    findings = []
    for raw in doc["findings"]:
        fields: dict[str, Any] = {k: v for k, v in raw.items() if k in names}
        if fields.get("evidence") is not None:
            fields["evidence"] = tuple(fields["evidence"])
        findings.append(Finding(**fields))
    skips = [Skip(s["path"], s["reason"], s.get("detail", "")) for s in doc["skipped"]]
    return ScanResult(root=doc["root"], findings=findings, skips=skips, stats=ScanStats())


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # titles show the scanned folder relative to the current one


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("width", WIDTHS)
def test_scan_table_snapshot(case: str, width: int) -> None:
    out = render_scan(frozen_scan(case), width=width, terminal=True)
    assert max(len(line) for line in out.splitlines()) <= width
    assert_golden(out, TABLES / f"{case}.scan.{width}.txt")


@pytest.mark.parametrize("case", sorted(CASES))
def test_scan_plain_snapshot(case: str) -> None:
    out = render_scan(frozen_scan(case), width=80, terminal=False)
    assert not BOX.search(out)
    assert_golden(out, TABLES / f"{case}.scan.plain.txt")


@pytest.mark.parametrize("width", WIDTHS)
def test_check_table_snapshot(width: int) -> None:
    from modelmap.policy import evaluate, load_config

    config = load_config(CASES["demo-app"] / "modelmap.yaml")
    from datetime import date

    result = evaluate(frozen_scan("demo-app"), config, date(2026, 12, 3))
    assert result.unwaived, "the demo policy is meant to fail: the snapshot needs rows"
    out = render_check(result, width=width, terminal=True)
    assert max(len(line) for line in out.splitlines()) <= width
    for v in result.unwaived:
        assert f"{v.path}:{v.line}" in out  # a location is never cut
        assert v.rule_id in out
    assert_golden(out, TABLES / f"demo-app.check.{width}.txt")


def _whole_values(result: ScanResult) -> list[str]:
    """Every cell that must never be cut: model ids, publishers, licenses, paths, endpoints."""
    values = []
    for grid in scan_grids(result):
        for row in grid.rows:
            for col, cell in zip(grid.columns, row, strict=True):
                if col.kind == "key":
                    values.append(cell)
    return values


@pytest.mark.parametrize("case", sorted(CASES))
def test_live_scan_fits_every_width_and_cuts_no_identifier(case: str) -> None:
    result = modelmap.scan([CASES[case]], resolve=True, jobs=1)
    values = _whole_values(result)
    assert values, f"{case}: the fixture should give findings"
    for width in WIDTHS:
        out = render_scan(result, width=width, terminal=True)
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= width
        assert "…" not in out  # nothing is ellipsised
        for value in values:
            if len(value) < width - 8:  # longer than a stacked line: folded onto the next, never cut
                assert any(value in line for line in lines), f"{case} at {width}: {value!r} is cut"


def test_plain_rows_keep_every_cell_whole_and_each_row_stands_alone() -> None:
    result = modelmap.scan([CASES["demo-app"]], resolve=True, jobs=1)
    (models, *_rest) = scan_grids(result)
    out = plain(models)
    lines = out.splitlines()
    assert lines[1].split() == [c.name for c in models.columns]
    for row, line in zip(models.rows, lines[2:], strict=True):
        position = 0
        for cell in row:  # every cell, the origin too, in order on its own row
            found = line.find(cell, position)
            assert found >= 0, (cell, line)
            position = found + len(cell)


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    clean = {k: v for k, v in os.environ.items() if k not in ("TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR", "COLUMNS")}
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=300, env={**clean, **(env or {})})


def test_piped_scan_at_80_columns_prints_whole_paths() -> None:
    # issue 13: "scan cuts its right edge when piped or in CI logs at 80 columns ("app/settin")"
    proc = run("scan", "examples/demo-app", "--no-progress", env={"COLUMNS": "80"})
    assert proc.returncode == 0, proc.stderr
    assert not BOX.search(proc.stdout)
    result = modelmap.scan([CASES["demo-app"]], resolve=True, jobs=1)
    assert proc.stdout == render_scan(result, width=80, terminal=False)
    assert max(len(line) for line in proc.stdout.splitlines()) > 80  # full width, not clipped to COLUMNS
    for value in _whole_values(result):
        assert value in proc.stdout


@pytest.mark.parametrize("width", WIDTHS)
def test_check_on_a_terminal_uses_its_width(width: int) -> None:
    # issue 13: "check is always 140 columns wide, whatever the terminal"
    proc = run("check", "examples/demo-app", "--no-color", env={"COLUMNS": str(width), "TTY_COMPATIBLE": "1"})
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= width
    assert "no-cn-serving" in proc.stdout and "app/router.py:" in proc.stdout
