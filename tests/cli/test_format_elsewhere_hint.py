"""An unknown --format that another command writes names that command (tryout): `modelmap scan . -f sarif` said
only "choose one of table, json, jsonl", leaving a user who wants GitHub code scanning to find `check` alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300, check=False, env=env)


def _project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        'client.chat.completions.create(model="gpt-4o-mini", messages=[])\n', encoding="utf-8")
    return tmp_path


def test_scan_sarif_points_at_check(tmp_path: Path) -> None:
    proc = _run("scan", ".", "-f", "sarif", cwd=_project(tmp_path))
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert lines[0] == "modelmap: error: unknown --format 'sarif'; choose one of table, json, jsonl"
    assert lines[1].startswith("  hint: that format is written by modelmap check --format sarif"), proc.stderr


def test_check_spdx_points_at_bom_and_a_made_up_format_gets_no_hint(tmp_path: Path) -> None:
    project = _project(tmp_path)
    proc = _run("check", ".", "-f", "spdx", cwd=project)
    assert proc.returncode == 2
    assert "hint: that format is written by modelmap bom --format spdx" in proc.stderr, proc.stderr
    proc = _run("scan", ".", "-f", "yaml", cwd=project)
    assert proc.returncode == 2 and "hint:" not in proc.stderr, proc.stderr
