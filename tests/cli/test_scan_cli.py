"""The real console command: exit codes, JSON contract, golden output for the bundled demo app."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import GOLDEN, ROOT, assert_golden, load_schema

DEMO = ROOT / "examples" / "demo-app"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=120)


def _normalise(doc: dict) -> dict:
    doc = json.loads(json.dumps(doc))
    doc["root"] = "<root>"
    doc["stats"]["seconds"] = 0
    for finding in doc["findings"]:
        # the knowledge base's citations change whenever a fact is re-verified; tests/knowledge checks them
        (finding.get("resolution") or {}).pop("sources", None)
    return doc


def test_scan_demo_app_json_matches_schema_and_golden() -> None:
    proc = run("scan", str(DEMO), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    jsonschema.validate(doc, load_schema("scan.schema.json"))
    assert doc["schema"] == "modelmap.scan/1"
    raws = {f["raw"] for f in doc["findings"]}
    assert {"deepseek-chat", "BAAI/bge-m3", "Qwen/Qwen2.5-7B-Instruct", "gpt-4o", "qwen2.5:7b"} <= raws
    assert_golden(json.dumps(_normalise(doc), indent=2, sort_keys=True) + "\n", GOLDEN / "scan" / "demo-app.json")


def test_scan_demo_app_table_groups_by_origin() -> None:
    proc = run("scan", str(DEMO))
    assert proc.returncode == 0, proc.stderr
    assert "CN" in proc.stdout and "US" in proc.stdout
    assert "files scanned" in proc.stderr


def test_jsonl_is_one_finding_per_line(tmp_path: Path) -> None:
    out = tmp_path / "scan.jsonl"
    proc = run("scan", str(DEMO), "--format", "jsonl", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text().splitlines()
    schema = load_schema("scan.schema.json")
    finding_schema = {**schema["$defs"]["finding"], "$defs": schema["$defs"]}
    assert lines
    for line in lines:
        jsonschema.validate(json.loads(line), finding_schema)


@pytest.mark.parametrize(
    "args",
    [("scan", "--format", "xml", "."), ("scan", "/definitely/not/here"), ("scan", "--no-such-flag"),
     ("scan", ".", "--changed-since", "no-such-revision-xyz")],
)
def test_usage_errors_exit_2(args: tuple[str, ...], tmp_path: Path) -> None:
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip()
    assert "Traceback" not in proc.stderr


def test_help_lists_commands() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    for command in ("scan", "trace"):
        assert command in proc.stdout
    sub = run("scan", "--help")
    assert "--changed-since" in sub.stdout and "--format" in sub.stdout


def test_scan_with_findings_still_exits_0_and_reports_skips(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_bytes(b'MODEL = "gpt-4o" # \xff\n')
    (tmp_path / "good.py").write_text('MODEL = "gpt-4o"\n')
    proc = run("scan", str(tmp_path), "--format", "json")
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    assert doc["stats"]["skipped_by_reason"] == {"invalid-utf8": 1}
    assert "warning: skipped bad.py: invalid-utf8" in proc.stderr


def test_help_texts_keep_literal_brackets_and_reflow() -> None:
    top = " ".join(run("--help").stdout.split())
    check = " ".join(run("check", "--help").stdout.split())
    assert "[tool.modelmap]" in top  # not swallowed as Rich markup
    assert "modelmap.yaml or [tool.modelmap] in pyproject.toml" in check.replace("│ ", "").replace(" │", "")
    assert "(or )" not in top
