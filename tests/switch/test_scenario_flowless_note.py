"""`scenario` / `plan` of a flow-scoped preset in a project with no flows say why nothing is in scope (tryout23).

On a TypeScript chat app that names 33 Chinese-origin models and has no modelmap.yaml, `modelmap report` listed
them under "No model of Chinese origin" (the repository as one unit), while `modelmap scenario no-cn-origin` and
the plan the report points to printed "0 of 66 usages break it" and nothing else: the preset's rules apply only to
flows tagged customer-facing or regulated, and without flows no usage is in one."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from modelmap.switch.scenario import flowless_note

# a chat app's provider table (no modelmap.yaml, so no flows)
APP = ("export const models = [\n"
       "  { id: 'qwen-max', provider: 'qwen', displayName: 'Qwen Max' },\n"
       "  { id: 'deepseek-reasoner', provider: 'deepseek', displayName: 'DeepSeek R1' },\n"
       "  { id: 'glm-4-plus', provider: 'zhipu', displayName: 'GLM-4-Plus' },\n"
       "];\n")
POLICY = ("version: 1\nflows:\n  chat: {paths: ['src/**'], tags: [customer-facing]}\n")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()"]
    env = {k: v for k, v in os.environ.items() if k not in ("TTY_COMPATIBLE", "FORCE_COLOR", "COLUMNS")}
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=cwd, timeout=300, env=env)


def _project(root: Path, *, flows: bool) -> Path:
    (root / "src").mkdir(parents=True)
    (root / "src" / "models.ts").write_text(APP, encoding="utf-8")
    if flows:
        (root / "modelmap.yaml").write_text(POLICY, encoding="utf-8")
    return root


def test_note_only_when_a_flow_scoped_scenario_finds_nothing_for_want_of_flows() -> None:
    deny = "(flow.tags.exists(t, t in ['customer-facing', 'regulated'])) && ('CN' in origins)"
    assert flowless_note(deny, 0, 0) is not None
    assert flowless_note(deny, 2, 0) is None  # flows defined: an empty result is an answer
    assert flowless_note(deny, 0, 3) is None  # something matched anyway
    assert flowless_note("'CN' in origins", 0, 0) is None  # the rule does not read flows


def test_scenario_and_plan_without_flows_say_why_nothing_is_in_scope(tmp_path: Path) -> None:
    root = _project(tmp_path / "app", flows=False)
    for args in (("scenario", "no-cn-origin", "."), ("plan", "--scenario", "no-cn-origin", ".")):
        done = _run(*args, "-o", str(tmp_path / "out"), cwd=root)
        assert done.returncode == 0, done.stderr
        assert "defines no flows" in done.stderr, (args, done.stderr)
        assert args[0] != "scenario" or "0 of 3 usages" in done.stderr, done.stderr  # the app's 3 are found
        quiet = _run(*args, "-q", "-o", str(tmp_path / "out"), cwd=root)
        assert "defines no flows" not in quiet.stderr  # a note: -q leaves it out


def test_no_note_when_flows_are_defined(tmp_path: Path) -> None:
    root = _project(tmp_path / "app", flows=True)
    done = _run("scenario", "no-cn-origin", ".", "-o", str(tmp_path / "out"), cwd=root)
    assert done.returncode == 0, done.stderr
    assert "defines no flows" not in done.stderr
    assert "3 of 3 usages" in done.stderr, done.stderr  # the flow is in scope and its CN models break it


def test_plan_counts_one_usage_and_one_flow_in_the_singular(tmp_path: Path) -> None:
    # plan's summary read "1 affected usages in 1 flows; ... 1 flows feasible in 48 h" (tryout23)
    root = tmp_path / "app"
    (root / "src").mkdir(parents=True)
    (root / "src" / "chat.py").write_text(
        "from openai import OpenAI\nclient = OpenAI(base_url='https://api.deepseek.com')\n"
        "client.chat.completions.create(model='deepseek-reasoner', messages=[])\n", encoding="utf-8")
    (root / "modelmap.yaml").write_text(POLICY, encoding="utf-8")
    done = _run("plan", "--scenario", "no-cn-serving", ".", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "affected usage in 1 flow;" in done.stderr and "usages in 1 flows" not in done.stderr, done.stderr
    assert "**1 flows**" not in done.stdout and " in **1 flow**" in done.stdout, done.stdout
