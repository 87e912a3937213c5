"""``check`` finds its policy upward to the repository root, says plainly when there is none, and
takes --strict and --fail-on (issue 13, item 7)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from modelmap.errors import ConfigError
from modelmap.policy.config import find_config, load_config

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-app"
POLICY = "version: 1\nflows:\n  chat: {paths: ['app/**'], tags: [regulated]}\npreset: [no-cn-origin]\n"
CN_MODEL = 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="qwen-max", messages=[])\n'


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    env = {k: v for k, v in os.environ.items() if k not in ("TTY_COMPATIBLE", "FORCE_COLOR", "COLUMNS")}
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=300, env=env)


def _violations(stdout: str) -> list[tuple[str, str, int]]:
    doc = json.loads(stdout)
    return sorted((v["rule"], v["location"]["path"], v["location"]["line"]) for v in doc["violations"])


def test_check_from_a_subfolder_gives_the_same_result_as_from_the_project_root() -> None:
    # issue 13: "run from examples/demo-app/app, it passes the demo that fails from its root"
    top = run("check", "--format", "json", "--today", "2026-12-03", cwd=DEMO)
    sub = run("check", "--format", "json", "--today", "2026-12-03", cwd=DEMO / "app")
    assert top.returncode == 1, top.stderr
    assert sub.returncode == top.returncode, sub.stderr
    assert _violations(sub.stdout) and _violations(sub.stdout) == _violations(top.stdout)
    assert json.loads(sub.stdout)["summary"] == json.loads(top.stdout)["summary"]
    assert "using the policy in" in sub.stderr and "modelmap.yaml" in sub.stderr


def test_an_explicit_subfolder_path_checks_its_project_too() -> None:
    top = run("check", str(DEMO), "--format", "json", "--today", "2026-12-03")
    sub = run("check", str(DEMO / "app"), "--format", "json", "--today", "2026-12-03")
    assert sub.returncode == top.returncode == 1
    assert _violations(sub.stdout) == _violations(top.stdout)


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "app" / "deep").mkdir(parents=True)
    (repo / "app" / "chat.py").write_text(CN_MODEL, encoding="utf-8")
    return repo


def test_no_policy_is_said_plainly_with_the_default_used_and_strict_makes_it_exit_2(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (tmp_path / "modelmap.yaml").write_text(POLICY, encoding="utf-8")  # above the repository: not looked at
    proc = run("check", cwd=repo / "app" / "deep")
    assert proc.returncode == 0, proc.stderr
    assert "PASS" not in proc.stderr
    assert "NO POLICY" in proc.stderr
    assert "no modelmap.yaml found" in proc.stderr
    assert "default policy, which has no rules" in proc.stderr
    assert "up to the repository root" in proc.stderr and str(repo) in proc.stderr
    strict = run("check", "--strict", cwd=repo / "app" / "deep")
    assert strict.returncode == 2
    assert strict.stderr.startswith("modelmap: error: no policy") and "--strict" in strict.stderr
    assert strict.stdout == ""


def test_the_nearest_config_wins_and_flows_match_paths_from_its_folder(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "modelmap.yaml").write_text(POLICY, encoding="utf-8")
    proc = run("check", "--format", "json", cwd=repo / "app" / "deep")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert [(v["rule"], v["location"]["path"], v["flow"]) for v in doc["violations"]] == [
        ("no-cn-origin-sensitive", "app/chat.py", "chat")]


def test_pyproject_tool_table_is_found_upward_and_one_without_it_is_passed_over(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.modelmap]\nversion = 1\n'
                                         'preset = ["no-cn-origin"]\n', encoding="utf-8")
    (repo / "app" / "pyproject.toml").write_text('[project]\nname = "inner"\n', encoding="utf-8")
    search = find_config(repo / "app" / "deep")
    assert search.found == repo / "pyproject.toml"
    assert search.stop == repo and search.project_root == repo
    assert [r.id for r in load_config(repo / "app").rules] == ["no-cn-origin-sensitive"]


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (tmp_path / "modelmap.yaml").write_text(POLICY, encoding="utf-8")
    search = find_config(repo / "app")
    assert search.found is None and search.stop == repo and search.start == repo / "app"
    assert load_config(repo / "app").path is None


def test_a_special_file_named_like_a_config_in_a_parent_is_an_error(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "modelmap.yaml").mkdir()
    with pytest.raises(ConfigError, match="not a regular file"):
        find_config(repo / "app" / "deep")


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("error", 1), ("warning", 1)])
def test_fail_on_on_the_command_line(tmp_path: Path, fail_on: str, code: int) -> None:
    repo = _repo(tmp_path)
    (repo / "modelmap.yaml").write_text(POLICY, encoding="utf-8")
    proc = run("check", str(repo), "--fail-on", fail_on)
    assert proc.returncode == code, proc.stderr
    assert "no-cn-origin" in proc.stdout  # the violation is reported whatever the threshold
    if fail_on == "never":
        assert "not enforced: --fail-on never" in proc.stderr


def test_fail_on_above_the_violations_severity_passes(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "modelmap.yaml").write_text(
        "version: 1\nrules:\n  - id: no-qwen\n    severity: warning\n    message: No Qwen.\n"
        "    deny: \"'CN' in origins\"\n", encoding="utf-8")
    assert run("check", str(repo)).returncode == 0  # the default threshold is error
    assert run("check", str(repo), "--fail-on", "warning").returncode == 1
    bad = run("check", str(repo), "--fail-on", "sometimes")
    assert bad.returncode == 2 and "--fail-on" in bad.stderr


def test_bom_from_a_subfolder_describes_the_same_project() -> None:
    def bom(cwd: Path) -> dict:
        proc = subprocess.run([*run_cmd(), "bom", "-q"], capture_output=True, text=True, cwd=cwd, timeout=300,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1764720000"})
        assert proc.returncode == 0, proc.stderr
        doc = json.loads(proc.stdout)
        doc.pop("serialNumber", None)
        return doc

    top, sub = bom(DEMO), bom(DEMO / "app")
    assert sub == top
    assert top["metadata"]["component"]["name"] == "demo-app"


def run_cmd() -> list[str]:
    exe = shutil.which("modelmap")
    return [exe] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()"]
