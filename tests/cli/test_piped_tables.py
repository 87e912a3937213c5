"""trace, inspect, diff (inventories and code against runtime), probe and runtime follow scan's and check's width
rule (report/table.py): laid out for the terminal's width on a terminal, plain lines in a pipe or a file.

A tryout found them printing Rich boxes at a fixed 140 columns (probe, runtime, diff) or at COLUMNS when piped
(trace, inspect): on an 80-column terminal the boxes wrapped into noise, and piped they cut ids and paths across
lines ("│ deepseek-ai/deepseek-v3-base (DeepSeek,   │" / "│ CN)"), so grep missed them. Each command runs through
the real CLI with COLUMNS=80 and stdout a pipe, then with stdout taken for a terminal (TTY_COMPATIBLE=1, Rich's
switch for it).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import ROOT

DEMO = ROOT / "examples" / "demo-app"
BOX = re.compile("[─━│┃┏┓┗┛┡┩└┘┌┐┬┴┼╇]")


def _run(*args: str, terminal: bool = False) -> str:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop("TTY_COMPATIBLE", None)
    env.pop("FORCE_COLOR", None)
    if terminal:
        env["TTY_COMPATIBLE"] = "1"
    proc = subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "-q", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.stdout


def _piped_lines(out: str) -> list[str]:
    assert not BOX.search(out.replace("├─ ", "").replace("└─ ", "").replace("│  ", "")), out  # tree marks only
    return out.splitlines()


def _fits(out: str) -> None:
    wide = [line for line in out.splitlines() if cell_len(line) > 80]
    assert not wide, "\n".join(wide)


@pytest.fixture(scope="module")
def runtime_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    """A vLLM fake serving Qwen weights as gpt-4o, probed, and the runtime inventory built from the probe."""
    from tests.runtime.fakes import recording, serve

    tmp = tmp_path_factory.mktemp("piped")
    with serve(recording("vllm")["routes"]) as url:
        probe = _run("probe", url, "--allow-private", "-f", "json")
        piped = _run("probe", url, "--allow-private")
        on_terminal = _run("probe", url, "--allow-private", terminal=True)
    (tmp / "probe.json").write_text(probe)
    (tmp / "probe.txt").write_text(piped)
    (tmp / "probe.tty.txt").write_text(on_terminal)
    (tmp / "runtime.json").write_text(_run("runtime", str(tmp / "probe.json"), "-f", "json"))
    return url, tmp / "probe.json", tmp / "runtime.json"


def test_trace_piped_is_one_line_per_field_with_whole_ids() -> None:
    out = _run("trace", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "gpt-4o")
    lines = _piped_lines(out)
    assert "deepseek-ai/DeepSeek-R1-Distill-Llama-8B" in lines and "gpt-4o" in lines  # the titles
    tree = [line for line in lines if "fine-tuned from deepseek-ai/deepseek-v3-base" in line]
    assert tree and tree[0].rstrip().endswith("(DeepSeek, CN)"), out  # not cut at 80 columns
    assert any(re.fullmatch(r"  served by +unknown \(no endpoint, client or provider prefix says\)", line)
               for line in lines), out
    _fits(_run("trace", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", terminal=True))


def test_inspect_piped_keeps_each_field_on_its_line(tmp_path: Path) -> None:
    from tests.artifacts.test_identify import qwen25_7b_tensors, sparse_safetensors

    d = tmp_path / "a-model-folder-whose-name-is-long-enough-to-wrap-at-eighty-columns"
    d.mkdir()
    (d / "config.json").write_text(json.dumps({
        "model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"], "hidden_size": 3584, "num_hidden_layers": 28,
        "num_attention_heads": 28, "num_key_value_heads": 4, "intermediate_size": 18944, "vocab_size": 152064}))
    sparse_safetensors(d / "model.safetensors", qwen25_7b_tensors())
    lines = _piped_lines(_run("inspect", str(d)))
    assert lines[0] == str(d)
    arch = [line for line in lines if line.lstrip().startswith("architecture") and "config.json:" in line]
    assert arch and arch[0].rstrip().endswith("vocab_size=152064"), lines
    _fits(_run("inspect", str(d), terminal=True))


def test_probe_piped_rows_and_terminal_width(runtime_files: tuple[str, Path, Path]) -> None:
    url, probe, _ = runtime_files
    lines = _piped_lines(probe.with_suffix(".txt").read_text())
    row = [line for line in lines if line.startswith(url)]
    assert row and re.search(r"\bvllm +gpt-4o +Qwen/Qwen2\.5-72B-Instruct\b", row[0]), lines
    _fits(probe.with_name("probe.tty.txt").read_text())


def test_runtime_piped_rows_and_terminal_width(runtime_files: tuple[str, Path, Path]) -> None:
    _, probe, _ = runtime_files
    lines = _piped_lines(_run("runtime", str(probe)))
    assert any(re.match(r"Qwen/Qwen2\.5-72B-Instruct +gpt-4o +127\.0\.0\.1:\d+ +not counted", line) for line in lines), lines
    _fits(_run("runtime", str(probe), terminal=True))


def test_drift_and_inventory_diff_piped_rows_and_terminal_width(runtime_files: tuple[str, Path, Path],
                                                                tmp_path: Path) -> None:
    _, _, runtime = runtime_files
    lines = _piped_lines(_run("diff", str(DEMO), str(runtime)))
    host = [line for line in lines if line.startswith("host ")]
    assert host and all(line.rstrip().endswith(("api.openai.com", "vllm:8000")) for line in host), lines
    _fits(_run("diff", str(DEMO), str(runtime), terminal=True))
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (new / "app.py").write_text("from openai import OpenAI\n"
                                "OpenAI(base_url='https://api.deepseek.com').chat.completions.create("
                                "model='deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', messages=[])\n")
    for folder in (old, new):
        folder.with_suffix(".json").write_text(_run("scan", str(folder), "-f", "json"))
    lines = _piped_lines(_run("diff", str(old.with_suffix(".json")), str(new.with_suffix(".json"))))
    assert any(re.match(r"\+ added +deepseek-ai/deepseek-r1-distill-qwen-32b +", line, re.I) for line in lines), lines
    _fits(_run("diff", str(old.with_suffix(".json")), str(new.with_suffix(".json")), terminal=True))


def test_a_file_gets_the_plain_lines_even_from_a_terminal(tmp_path: Path) -> None:
    target = tmp_path / "trace.txt"
    _run("trace", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "-o", str(target), terminal=True)
    assert target.read_text() == _run("trace", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B")
