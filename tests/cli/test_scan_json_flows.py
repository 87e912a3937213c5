"""`scan --format json|jsonl` writes each finding's declared flows when the project declares them (tryfix29: the
server showed `flows: null` for every model uploaded as a scan, although the demo app declares three flows; only BOM
uploads carried flows). Without declared flows the key is absent: membership unknown, never []."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from tests.conftest import load_schema

APP = ('from openai import OpenAI\nclient = OpenAI()\n'
       'client.chat.completions.create(model="gpt-4o-mini", messages=[])\n')


def _scan(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from modelmap.cli import main; sys.argv = ['modelmap', *sys.argv[1:]]; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, "scan", str(root), "-q", "--no-cache", *args],
                          capture_output=True, text=True, timeout=300, env={**os.environ})


def _project(tmp_path: Path, config: str | None) -> Path:
    (tmp_path / "services" / "support").mkdir(parents=True)
    (tmp_path / "services" / "support" / "bot.py").write_text(APP)
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "sum.py").write_text(APP.replace("gpt-4o-mini", "gpt-4o"))
    (tmp_path / ".git").mkdir()  # the project's root: the config search stops here
    if config is not None:
        (tmp_path / "modelmap.yaml").write_text(config)
    return tmp_path


def test_findings_carry_their_flows(tmp_path: Path) -> None:
    root = _project(tmp_path, "version: 1\nflows:\n  support:\n    paths: ['services/support/**']\n")
    run = _scan(root, "-f", "json")
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    jsonschema.validate(doc, load_schema("scan.schema.json"))
    flows = {f["raw"]: f["flows"] for f in doc["findings"] if f["kind"] != "endpoint"}
    assert flows == {"gpt-4o-mini": ["support"], "gpt-4o": []}
    lines = _scan(root, "-f", "jsonl")
    rows = [json.loads(x) for x in lines.stdout.splitlines()]
    assert {r["raw"]: r["flows"] for r in rows if r["kind"] != "endpoint"} == flows


def test_without_declared_flows_there_is_no_flows_key(tmp_path: Path) -> None:
    for config in (None, "version: 1\n"):
        root = _project(tmp_path / str(bool(config)), config)
        doc = json.loads(_scan(root, "-f", "json").stdout)
        assert doc["findings"] and all("flows" not in f for f in doc["findings"])


def test_a_broken_policy_file_does_not_fail_the_scan(tmp_path: Path) -> None:
    root = _project(tmp_path, "flows: [this is not a flow map\n")
    run = _scan(root, "-f", "json")
    assert run.returncode == 0, run.stderr
    assert all("flows" not in f for f in json.loads(run.stdout)["findings"])


def test_a_scan_upload_gives_the_server_its_flows(tmp_path: Path) -> None:
    from modelmap.server.normalize import from_scan

    root = _project(tmp_path, "version: 1\nflows:\n  support:\n    paths: ['services/support/**']\n")
    doc = json.loads(_scan(root, "-f", "json").stdout)
    got = from_scan(doc)
    models = {k: m["flows"] for k, m in got.models.items()}
    assert models["openai/gpt-4o-mini"] == ["support"]
    assert models["openai/gpt-4o"] is None  # used in no declared flow
    usage = next(u for u in got.usages if u["model"] == "openai/gpt-4o-mini")
    assert usage["flow"] == "support"
    plain = json.loads(_scan(_project(tmp_path / "plain", None), "-f", "json").stdout)
    assert all(m["flows"] is None for m in from_scan(plain).models.values())


def test_a_scan_of_a_folder_inside_the_project_places_its_findings_by_the_projects_paths(tmp_path: Path) -> None:
    """The flows' globs are relative to the project; `scan services` writes paths relative to `services`
    (`support/bot.py`), which matched no glob and was written as in no flow ([]) (redteam30)."""
    root = _project(tmp_path, "version: 1\nflows:\n  support:\n    paths: ['services/support/**']\n")
    for target, path in ((root / "services", "support/bot.py"), (root / "services" / "support", "bot.py")):
        run = _scan(target, "-f", "json")
        assert run.returncode == 0, run.stderr
        assert [(f["path"], f["flows"]) for f in json.loads(run.stdout)["findings"]] == [(path, ["support"])]


def test_the_summary_counts_the_declared_flows(tmp_path: Path) -> None:
    """The findings carried their flows while `summary.flows` and `flows_in_use` said 0 and the headline left out
    "1 of 2 flows in use", which check, report and bom print for the same project (tryfix31)."""
    root = _project(tmp_path, "version: 1\nflows:\n  support:\n    paths: ['services/support/**']\n"
                              "  billing:\n    paths: ['services/billing/**']\n")
    doc = json.loads(_scan(root, "-f", "json").stdout)
    jsonschema.validate(doc, load_schema("scan.schema.json"))
    summary = doc["summary"]
    assert (summary["flows"], summary["flows_in_use"]) == (2, 1)
    assert "1 of 2 flows in use" in summary["headline"]
    assert summary["usages"] == 2 and summary["models"] == 2  # the other counts do not move
    bare = json.loads(_scan(_project(tmp_path / "bare", None), "-f", "json").stdout)["summary"]
    assert (bare["flows"], bare["flows_in_use"]) == (0, 0) and "flows in use" not in bare["headline"]


def test_a_broken_policy_file_is_named_in_a_warning(tmp_path: Path) -> None:
    """A misspelt key made the scan drop every flow without a word, while check, report and bom exit 2 on the same
    file: a CI job uploading `scan -f json` sent flow-less snapshots and nobody knew why (tryfix31)."""
    root = _project(tmp_path, "version: 1\npresets: [no-cn-origin]\nflows:\n  support:\n"
                              "    paths: ['services/support/**']\n")
    code = "import sys; from modelmap.cli import main; sys.argv = ['modelmap', *sys.argv[1:]]; sys.exit(main())"
    run = subprocess.run([sys.executable, "-c", code, "scan", str(root), "--no-cache", "-f", "json"],
                         capture_output=True, text=True, timeout=300, env={**os.environ})
    assert run.returncode == 0, run.stderr
    assert all("flows" not in f for f in json.loads(run.stdout)["findings"])
    warning = [ln for ln in run.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warning) == 1 and "modelmap.yaml:2: unknown key 'presets'" in warning[0]
    assert "no finding carries its flows" in warning[0]
    # a table scan writes no flows, so it has nothing to warn about
    table = subprocess.run([sys.executable, "-c", code, "scan", str(root), "--no-cache"],
                           capture_output=True, text=True, timeout=300, env={**os.environ})
    assert table.returncode == 0 and "warning:" not in table.stderr
