"""Hardening of policy input: bad values are config errors with file:line (exit 2), and no rule or
waiver glob can make ``check`` hang. Items 6 and 7 of the hardening brief."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from modelmap.errors import ConfigError
from modelmap.policy import load_config
from modelmap.policy.globs import matches
from modelmap.policy.rules import comprehension_depth

CALL = "c.chat.completions.create(model='gpt-4o')\n"
WAIVER = """version: 1
rules:
  - id: no-gpt
    message: No GPT.
    deny: "model.id == 'openai/gpt-4o'"
waivers:
  - rule: no-gpt
    match: {{path: "{path}"}}
    reason: Legacy.
    approved_by: Jane
    approved_on: {approved_on}
    expires: 2099-01-01
"""


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=180, check=False,
                          env={**os.environ, "MODELMAP_CACHE_DIR": str(cwd / ".cache"), **(env or {})})


@pytest.mark.parametrize("value", ["2025-13-45", "2025-02-30", "!!timestamp 2025-13-45"])
def test_impossible_dates_are_config_errors_with_a_line(value: str, tmp_path: Path) -> None:
    cfg = tmp_path / "modelmap.yaml"
    cfg.write_text(WAIVER.format(path="legacy/**", approved_on=value))
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert info.value.where == "modelmap.yaml:11"
    (tmp_path / "app.py").write_text(CALL)
    proc = run("check", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "modelmap.yaml:11" in proc.stderr and "Traceback" not in proc.stderr


def test_dates_and_datetimes_as_text_still_load(tmp_path: Path) -> None:
    cfg = tmp_path / "modelmap.yaml"
    cfg.write_text(WAIVER.format(path="legacy/**", approved_on="2025-01-10 09:30:00"))
    assert str(load_config(cfg).waivers[0].approved_on) == "2025-01-10"


@pytest.mark.parametrize("value", ["99999999999", "-1", "3651", "1e400"])
def test_expiry_notice_days_is_range_checked(value: str, tmp_path: Path) -> None:
    (tmp_path / "modelmap.yaml").write_text(f"version: 1\nexpiry_notice_days: {value}\n")
    (tmp_path / "app.py").write_text(CALL)
    proc = run("check", ".", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "modelmap.yaml:2" in proc.stderr and "expiry_notice_days" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_comprehension_depth_ignores_strings() -> None:
    assert comprehension_depth("size(L.map(a,L.map(b,L.map(c,a+b+c))))") == 3
    assert comprehension_depth("origins.exists(o, o == '.map(x.map(y.map(')") == 1
    assert comprehension_depth("a.map(x, x).map(y, y)") == 1


def test_deeply_nested_comprehensions_are_refused_at_load(tmp_path: Path) -> None:
    big = "[" + ",".join(str(i) for i in range(1000)) + "]"
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nrules:\n  - id: heavy\n    message: heavy\n"
        f'    deny: "size({big}.map(a, {big}.map(b, {big}.map(c, a+b+c)))) > 0"\n')
    (tmp_path / "app.py").write_text(CALL)
    proc = run("check", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "modelmap.yaml:5" in proc.stderr and "nested 3 deep" in proc.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the time budget needs fork")
def test_a_rule_that_runs_too_long_is_stopped_with_its_name(tmp_path: Path) -> None:
    big = "[" + ",".join(str(i) for i in range(1500)) + "]"  # two levels over 1,500 items: minutes of CEL
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nrules:\n  - id: heavy-rule\n    message: heavy\n"
        f'    deny: "size({big}.map(a, {big}.map(b, a+b))) > 0"\n')
    (tmp_path / "app.py").write_text(CALL)
    proc = run("check", ".", cwd=tmp_path, env={"MODELMAP_POLICY_TIMEOUT": "1"})
    assert proc.returncode == 2, proc.stderr
    assert "did not finish within 1 seconds" in proc.stderr and "heavy-rule" in proc.stderr
    assert "modelmap.yaml:3" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the time budget needs fork")
def test_budgeted_evaluation_gives_the_same_answer(tmp_path: Path) -> None:
    (tmp_path / "modelmap.yaml").write_text(WAIVER.format(path="nothing/**", approved_on="2025-01-01"))
    (tmp_path / "app.py").write_text(CALL)
    with_budget = run("check", ".", "-f", "json", cwd=tmp_path)
    without = run("check", ".", "-f", "json", cwd=tmp_path, env={"MODELMAP_POLICY_TIMEOUT": "0"})
    assert with_budget.returncode == without.returncode == 1
    assert with_budget.stdout == without.stdout
    assert '"path": "app.py"' in with_budget.stdout


def test_a_glob_of_many_stars_matches_in_linear_time(tmp_path: Path) -> None:
    pattern = "*" * 40 + "z"
    assert not matches(pattern, "a" * 5000)
    assert not matches("*a" * 30 + "z", "a" * 5000)
    assert matches("src/***/x.py", "src/a/b/x.py") and matches("*.py", "deep/down/a.py")
    (tmp_path / "modelmap.yaml").write_text(WAIVER.format(path=pattern, approved_on="2025-01-01"))
    (tmp_path / ("a" * 200 + ".py")).write_text(CALL)
    proc = run("check", ".", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # the waiver matches nothing; the run finishes
