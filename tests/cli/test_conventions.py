"""CLI conventions (issue 13, item 8): -V, shell completion, human labels in help, -q/--quiet,
--no-color and NO_COLOR, -o on every command that prints a result, "did you mean" for trace ids,
and output files that honour the umask."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from modelmap import __version__

ROOT = Path(__file__).resolve().parents[2]
GGUF = ROOT / "tests" / "fixtures" / "artifacts" / "gen" / "gguf.tiny.gguf"
COMMANDS = ("scan", "trace", "inspect", "check", "bom", "report", "diff")
ESC = "\x1b["


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None,
        umask: int | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    base = {k: v for k, v in os.environ.items() if k not in ("TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR", "COLUMNS")}

    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=300, env={**base, **(env or {})},
                          preexec_fn=set_umask)


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_flags(flag: str) -> None:
    proc = run(flag)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"modelmap {__version__}"


def test_help_shows_human_labels_and_the_shared_options_on_every_command() -> None:
    top = run("--help").stdout
    for option in ("-V, --version", "-q, --quiet", "--no-color", "--install-completion", "--show-completion"):
        assert option in top
    for command in COMMANDS:
        proc = run(command, "--help", env={"COLUMNS": "120"})
        assert proc.returncode == 0, proc.stderr
        text = proc.stdout
        assert not re.search(r"<(bool|str|int|path|float|list\[[^>]*)>", text, re.I), (command, text)
        for option in ("-o, --output FILE", "-f, --format FORMAT", "-q, --quiet", "--no-color", "-h, --help"):
            assert option in text, (command, option)
    check = run("check", "--help", env={"COLUMNS": "120"}).stdout
    assert "--fail-on LEVEL" in check and "--strict" in check


def test_shell_completion_script() -> None:
    proc = run("--show-completion", "bash")
    assert proc.returncode == 0, proc.stderr
    assert "complete" in proc.stdout and "_MODELMAP_COMPLETE" in proc.stdout


def test_completion_of_command_names() -> None:
    proc = run(env={"_MODELMAP_COMPLETE": "complete_bash", "COMP_WORDS": "modelmap ch", "COMP_CWORD": "1"})
    assert proc.returncode == 0, proc.stderr
    assert "check" in proc.stdout.split()


@pytest.mark.parametrize("args", [["scan", "examples/demo-app", "-q"], ["-q", "scan", "examples/demo-app"],
                                  ["scan", "examples/demo-app", "--quiet"]])
def test_quiet_leaves_only_the_result(args: list[str]) -> None:
    loud = run("scan", "examples/demo-app", "--no-progress")
    assert "models in" in loud.stderr  # the summary line, left out with -q
    proc = run(*args, "--no-progress")
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert proc.stdout == loud.stdout


def test_quiet_keeps_errors() -> None:
    proc = run("check", "no-such-folder", "-q")
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr


@pytest.mark.parametrize(("args", "env"), [
    (["--no-color"], {}),
    ([], {"NO_COLOR": "1"}),
])
def test_no_color_and_NO_COLOR(args: list[str], env: dict[str, str]) -> None:
    tty = {"TTY_COMPATIBLE": "1", "COLUMNS": "120"}
    styled = run("scan", "examples/demo-app", "--no-progress", env=tty)
    assert ESC in styled.stdout  # on a terminal the table is styled…
    plain = run("scan", "examples/demo-app", "--no-progress", *args, env={**tty, **env})
    assert ESC not in plain.stdout  # …and not with --no-color or NO_COLOR
    assert "deepseek" in plain.stdout.lower()
    root_flag = run("--no-color", "trace", "gpt-4o", env=tty)
    assert root_flag.returncode == 0 and ESC not in root_flag.stdout


def test_output_on_trace_and_inspect(tmp_path: Path) -> None:
    out = tmp_path / "trace.json"
    proc = run("trace", "gpt-4o", "qwen2.5:7b", "--format", "json", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert out.read_text(encoding="utf-8") == run("trace", "gpt-4o", "qwen2.5:7b", "--format", "json").stdout
    table = tmp_path / "trace.txt"
    assert run("trace", "gpt-4o", "-o", str(table)).returncode == 0
    assert "openai/gpt-4o" in table.read_text(encoding="utf-8")
    inspected = tmp_path / "inspect.json"
    proc = run("inspect", str(GGUF), "--format", "json", "-o", str(inspected))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(inspected.read_text(encoding="utf-8"))
    assert doc["format"] == "gguf"


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o644)])
def test_new_output_files_honour_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    out = tmp_path / "trace.json"
    proc = run("trace", "gpt-4o", "--format", "json", "-o", str(out), umask=mask)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_did_you_mean_for_a_misspelt_trace_id() -> None:
    table = run("trace", "gpt-4o-mnii", "Qwen/Qwen2.5-7B-Instrct", env={"COLUMNS": "120"})
    assert table.returncode == 0, table.stderr
    tail = table.stdout.split("Did you mean", 1)[1]
    assert "gpt-4o-mini" in tail and "Qwen/Qwen2.5-7B-Instruct" in tail
    js = run("trace", "gpt-4o-mnii", "--format", "json")
    assert js.returncode == 0
    assert json.loads(js.stdout)["query"] == "gpt-4o-mnii"  # the JSON contract is unchanged
    assert "did you mean gpt-4o-mini?" in js.stderr
    assert "did you mean" not in run("trace", "gpt-4o-mnii", "--format", "json", "-q").stderr
    known = run("trace", "gpt-4o", env={"COLUMNS": "120"})
    assert "Did you mean" not in known.stdout


def test_trace_table_carries_the_reason_json_has() -> None:
    proc = run("trace", "no-such-model-xyz", env={"COLUMNS": "120"})
    reason = json.loads(run("trace", "no-such-model-xyz", "--format", "json").stdout)["reason"]
    assert reason
    assert reason.split(";")[0] in " ".join(proc.stdout.split())


def test_no_did_you_mean_for_an_alias_deliberately_mapped_to_no_model() -> None:
    """`deepseek/deepseek-chat` is a time-varying API alias the knowledge base maps to no one model on purpose;
    the trace says so, and then offered "did you mean deepseek-ai/DeepSeek-V2-Chat", one specific (wrong) model
    (tryfix31). A misspelling in the same run still gets its hint."""
    table = run("trace", "deepseek/deepseek-chat", "gpt-4o-mnii", env={"COLUMNS": "120"})
    assert table.returncode == 0, table.stderr
    assert "deliberately not mapped" in table.stdout
    tail = table.stdout.split("Did you mean", 1)[1]
    assert "gpt-4o-mini" in tail and "deepseek/deepseek-chat" not in tail and "DeepSeek-V2" not in tail
    js = run("trace", "deepseek/deepseek-chat", "--format", "json")
    assert js.returncode == 0 and json.loads(js.stdout)["model"] is None
    assert "did you mean" not in js.stderr
