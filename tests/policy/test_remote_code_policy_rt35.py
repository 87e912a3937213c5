"""A policy can forbid remote code and unpinned Hub weights (remote35, tryfix35 item 3):
``usage.trust_remote_code`` and ``usage.revision_pinned`` read how a loader call loads its model."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from modelmap.policy import evaluate
from modelmap.policy.config import parse_config
from modelmap.policy.yamlmarks import load_yaml
from tests.fixtures.inventory import sample_result

DOC = Path(__file__).resolve().parents[2] / "docs" / "policy.md"
POLICY = """version: 1
flows:
  support: {paths: ['app/**'], tags: [regulated]}
rules:
  - id: no-remote-code-regulated
    message: Regulated flows must not run model code downloaded from the Hub.
    when: "'regulated' in flow.tags"
    deny: "usage.trust_remote_code == true"
"""
LOADER = ('from transformers import AutoModelForCausalLM\n\n'
          'def load():\n'
          '    return AutoModelForCausalLM.from_pretrained("internlm/internlm2_5-7b-chat"{extra})\n')


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    env = {k: v for k, v in os.environ.items() if k not in ("TTY_COMPATIBLE", "FORCE_COLOR", "COLUMNS")}
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=300, env=env)


def _repo(tmp_path: Path, extra: str) -> Path:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "app").mkdir()
    (repo / "app" / "loader.py").write_text(LOADER.format(extra=extra), encoding="utf-8")
    (repo / "modelmap.yaml").write_text(POLICY, encoding="utf-8")
    return repo


def test_check_fails_on_trust_remote_code_true(tmp_path: Path) -> None:
    repo = _repo(tmp_path, ", trust_remote_code=True")
    done = run("check", "--format", "json", "--today", "2026-12-07", cwd=repo)
    assert done.returncode == 1, done.stderr
    rules = [(v["rule"], v["location"]["path"]) for v in json.loads(done.stdout)["violations"]]
    assert rules == [("no-remote-code-regulated", "app/loader.py")]


def test_check_passes_without_trust_remote_code(tmp_path: Path) -> None:
    repo = _repo(tmp_path, ', revision="main"')
    done = run("check", "--format", "json", "--today", "2026-12-07", cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["violations"] == []


def test_the_supply_chain_example_in_the_docs_loads_and_is_quiet_without_loads() -> None:
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
                if "usage.trust_remote_code" in b]
    config = parse_config(load_yaml("version: 1\n" + block, "modelmap.yaml"), "modelmap.yaml")
    assert [r.id for r in config.rules] == ["no-remote-code-regulated", "pinned-hub-revision"]
    # the sample inventory has API models and config strings only: no load is recorded, both facts are null
    result = evaluate(sample_result(), config, date(2026, 12, 7))
    assert result.rules_evaluated == 2 and result.violations == []
