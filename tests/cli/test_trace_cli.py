"""``modelmap trace``: the JSON contract, exit codes, and the ``--online`` fallback (issue 3)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "src" / "modelmap" / "report" / "schemas" / "trace.schema.json").read_text(encoding="utf-8"))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120, env={**os.environ, **(env or {})})


def test_one_identifier_gives_one_object() -> None:
    proc = run("trace", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert isinstance(doc, dict)
    jsonschema.validate(doc, SCHEMA)
    assert doc["model"]["id"] == "deepseek-ai/deepseek-r1-distill-llama-8b"
    assert sorted(doc["origins"]) == ["CN", "US"]


def test_several_identifiers_give_an_array() -> None:
    proc = run("trace", "qwen2.5:7b", "gpt-4o", "no-such-model-xyz", "ft:gpt-4o-mini-2024-07-18:acme:bot:9x", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert isinstance(doc, list) and len(doc) == 4
    for rec in doc:
        jsonschema.validate(rec, SCHEMA)
    assert [r["query"] for r in doc][:3] == ["qwen2.5:7b", "gpt-4o", "no-such-model-xyz"]
    assert doc[2]["confidence"] == "unknown" and doc[2]["model"] is None


def test_jsonl_gives_one_record_per_line() -> None:
    proc = run("trace", "Qwen/Qwen2.5-7B-Instruct", "bartowski/Qwen2.5-7B-Instruct-GGUF", "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        jsonschema.validate(json.loads(line), SCHEMA)


def test_exit_2_when_every_identifier_is_malformed() -> None:
    proc = run("trace", "", "a b", "--format", "json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "error" in proc.stderr and "malformed" in proc.stderr


def test_exit_0_when_at_least_one_identifier_is_valid() -> None:
    proc = run("trace", "a b", "gpt-4o", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    records = doc if isinstance(doc, list) else [doc]
    assert [r["query"] for r in records] == ["gpt-4o"]
    assert "malformed" in proc.stderr


def test_unknown_format_is_a_usage_error() -> None:
    proc = run("trace", "gpt-4o", "--format", "xml")
    assert proc.returncode == 2
    assert "--format" in proc.stderr


def test_table_output_renders() -> None:
    proc = run("trace", "deepseek-r1:14b", env={"COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    assert "deepseek" in proc.stdout.lower()


@pytest.mark.parametrize("env", [{"HF_HUB_OFFLINE": "1"}, {"HF_ENDPOINT": "http://127.0.0.1:9", "HF_HUB_ETAG_TIMEOUT": "1"}])
def test_online_without_network_falls_back_with_a_warning(env: dict[str, str], tmp_path: Path) -> None:
    env = {**env, "MODELMAP_CACHE_DIR": str(tmp_path)}
    proc = run("trace", "example-lab/not-in-the-kb-7b", "--online", "--format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "warning" in proc.stderr and "offline knowledge base" in proc.stderr
    doc = json.loads(proc.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["confidence"] == "unknown"


@pytest.mark.parametrize("width", [80, 100, 120])
def test_table_prints_lineage_as_a_tree_without_cutting_ids(width: int) -> None:
    from rich.console import Console

    from modelmap.provenance.resolver import resolve
    from modelmap.report.trace_table import trace_table

    records = [resolve(q).to_dict() for q in ("deepseek-r1:14b", "qwen2.5:7b")]
    console = Console(width=width, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(trace_table(records, width=width))
    out = console.export_text()
    assert "deepseek-ai/deepseek-r1-distill-qwen-14b" in out  # the full id, not cut to a few letters
    assert out.count("confidence") == 2  # one block per identifier
    lines = out.splitlines()
    base = next(i for i, line in enumerate(lines) if "fine-tuned from qwen/qwen2.5-14b" in line)
    teacher = next(i for i, line in enumerate(lines) if "distilled from deepseek-ai/deepseek-r1 " in line)
    v3 = next(i for i, line in enumerate(lines) if "deepseek-ai/deepseek-v3-base" in line)
    # Qwen2.5-14B and R1 are siblings under the model; V3-Base hangs under R1, deeper than both
    assert lines[base].index("fine-tuned") == lines[teacher].index("distilled")
    assert v3 > teacher and lines[v3].index("fine-tuned") > lines[teacher].index("distilled")
    assert "\\n" not in out  # the tree's newlines are real newlines, not escaped


def test_table_marks_a_base_the_name_only_claims() -> None:
    from modelmap.provenance.resolver import resolve
    from modelmap.report.trace_table import lineage_tree

    claimed = lineage_tree(resolve("someuser/Qwen2.5-7B-Instruct-ft").to_dict()).splitlines()
    assert "qwen/qwen2.5-7b-instruct" in claimed[1] and claimed[1].endswith("[claimed by the name only]")
    # the recorded edge below it, and a recorded lineage, carry no such mark
    assert not claimed[2].endswith("[claimed by the name only]")
    assert "claimed" not in lineage_tree(resolve("deepseek-r1:14b").to_dict())
