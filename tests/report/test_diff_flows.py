"""`modelmap diff` with the project's flows (modelmap.diff/3): which models enter and leave each declared flow,
and unknown origins as null.

A pull request that moves the support bot from DeepSeek to Qwen, or adds a Chinese model to the regulated checkout
flow, is what a reviewer needs to see; /1 listed models and countries for the whole repository only. Without
declared flows, membership is unknown (null), never an empty list.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from modelmap import diff
from modelmap.policy.config import Flow
from modelmap.report.cyclonedx import CycloneDxRenderer
from modelmap.types import ScanResult
from tests.conftest import load_schema
from tests.fixtures.inventory import QWEN_7B, UNKNOWN, finding, sample_findings, sample_result

from .conftest import fixed_clock

FLOWS = (Flow("checkout", ("services/checkout/**",), ("regulated",)), Flow("support", ("services/support/**",)))


def _moved() -> list:
    """The support bot now calls Qwen instead of DeepSeek; checkout gains an unidentified model."""
    found = [f for f in sample_findings() if f.raw != "deepseek-chat"]
    found.append(finding("services/support/bot.py", 21, "Qwen/Qwen2.5-7B-Instruct", QWEN_7B))
    found.append(finding("services/checkout/rank.py", 3, "acme/secret-model-v2", UNKNOWN))
    return found


def _scan(path: Path, findings: list) -> Path:
    path.write_text(json.dumps(sample_result(findings).to_dict()), encoding="utf-8")
    return path


def test_models_entering_and_leaving_each_flow(tmp_path: Path) -> None:
    old, new = _scan(tmp_path / "old.json", sample_findings()), _scan(tmp_path / "new.json", _moved())
    doc = diff.diff(str(old), str(new), flows=FLOWS)
    jsonschema.validate(doc, load_schema("diff.schema.json"))
    assert doc["schema"] == "modelmap.diff/3"
    assert doc["flows"] == {
        "checkout": {"added": ["unresolved:acme/secret-model-v2"], "removed": []},
        "support": {"added": ["qwen/qwen2.5-7b-instruct"], "removed": ["deepseek-ai/deepseek-v3"]},
    }
    removed = {m["model"]: m for m in doc["removed"]}
    assert removed["deepseek-ai/deepseek-v3"]["flows"] == ["support"]
    changed = {c["model"]: c["changes"] for c in doc["changed"]}
    assert changed["qwen/qwen2.5-7b-instruct"]["flows"] == {"old": ["checkout"], "new": ["checkout", "support"]}
    # the unidentified model was already used (internal/tools, no flow): it changes flows, it is not "added"
    assert changed["unresolved:acme/secret-model-v2"]["flows"] == {"old": [], "new": ["checkout"]}
    md = diff.render_markdown(doc).decode()
    assert "Flow `support` now uses: `qwen/qwen2.5-7b-instruct`" in md
    assert "Flow `support` no longer uses: `deepseek-ai/deepseek-v3`" in md
    assert "| Flows |" in md


def test_without_declared_flows_membership_is_unknown_not_empty(tmp_path: Path) -> None:
    old, new = _scan(tmp_path / "old.json", sample_findings()), _scan(tmp_path / "new.json", _moved())
    doc = diff.diff(str(old), str(new))
    jsonschema.validate(doc, load_schema("diff.schema.json"))
    assert doc["flows"] is None
    assert all(m["flows"] is None for m in doc["removed"] + doc["added"])
    assert all("flows" not in c["changes"] for c in doc["changed"])
    assert "Flows" not in diff.render_markdown(doc).decode()


def test_unknown_origins_are_null_in_scan_and_bom_sides(tmp_path: Path) -> None:
    old = [f for f in sample_findings() if f.raw != "acme/secret-model-v2"]
    new = sample_findings()
    for write in ("scan", "bom"):
        paths = []
        for name, found in (("old", old), ("new", new)):
            target = tmp_path / f"{write}-{name}.json"
            if write == "scan":
                _scan(target, found)
            else:
                target.write_bytes(CycloneDxRenderer("json", clock=fixed_clock, version="t").render(sample_result(found)))
            paths.append(str(target))
        doc = diff.diff(*paths)
        jsonschema.validate(doc, load_schema("diff.schema.json"))
        added = {m["model"]: m for m in doc["added"]}
        assert added["unresolved:acme/secret-model-v2"]["origins"] is None, write
        assert "unknown" in diff.render_markdown(doc).decode()


def test_bom_sides_carry_the_flows_bom_wrote(tmp_path: Path) -> None:
    from modelmap.policy.inventory import flows_of

    paths = []
    for name, found in (("old", sample_findings()), ("new", _moved())):
        body = CycloneDxRenderer("json", clock=fixed_clock, version="t",
                                 flows_of=lambda f: flows_of(f, FLOWS)).render(sample_result(found))
        (tmp_path / f"{name}.cdx.json").write_bytes(body)
        paths.append(str(tmp_path / f"{name}.cdx.json"))
    doc = diff.diff(*paths)  # no project flows passed: the BOMs' own modelmap:flow properties say them
    assert doc["flows"] is not None
    assert doc["flows"]["support"] == {"added": ["qwen/qwen2.5-7b-instruct"], "removed": ["deepseek-ai/deepseek-v3"]}


def test_scan_sides_carry_the_flows_scan_wrote(tmp_path: Path) -> None:
    """`scan --format json` in a project with flows writes each finding's flows: a scan side reads them as a BOM side
    reads modelmap:flow (they were ignored: the diff said flows null, 'no model changes', away from the project)."""
    from modelmap.policy.inventory import flows_of
    from modelmap.report.json import ScanJsonRenderer

    paths = []
    for name, found in (("old", sample_findings()), ("new", _moved())):
        body = ScanJsonRenderer(lambda f: flows_of(f, FLOWS)).render(sample_result(found))
        (tmp_path / f"{name}.json").write_bytes(body)
        paths.append(str(tmp_path / f"{name}.json"))
    doc = diff.diff(*paths)  # no project flows passed
    assert doc["flows"] == diff.diff(*paths, flows=FLOWS)["flows"]
    assert doc["flows"]["support"] == {"added": ["qwen/qwen2.5-7b-instruct"], "removed": ["deepseek-ai/deepseek-v3"]}
    (tmp_path / "bare.json").write_bytes(ScanJsonRenderer().render(sample_result(_moved())))  # no flows key: unknown
    assert diff.diff(paths[0], str(tmp_path / "bare.json"))["flows"] is None


def test_cli_reads_flows_from_the_repositorys_modelmap_yaml(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "services" / "support").mkdir(parents=True)
    (repo / "modelmap.yaml").write_text("version: 1\nflows:\n  support:\n    paths: ['services/support/**']\n"
                                        "    tags: [regulated]\n")
    bot = repo / "services" / "support" / "bot.py"
    bot.write_text('from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model="gpt-4o-mini", messages=[])\n')

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@t"})

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "one")
    bot.write_text('from openai import OpenAI\nc = OpenAI(base_url="https://api.deepseek.com")\n'
                   'c.chat.completions.create(model="deepseek-chat", messages=[])\n')
    git("commit", "-qam", "two")
    code = "import sys; from modelmap.cli import main; sys.argv = ['modelmap', *sys.argv[1:]]; sys.exit(main())"
    run = subprocess.run([sys.executable, "-c", code, "diff", "HEAD~1", "HEAD", "--repo", str(repo), "-f", "json"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    jsonschema.validate(doc, load_schema("diff.schema.json"))
    support = doc["flows"]["support"]
    assert support["removed"] == ["openai/gpt-4o-mini"]
    assert len(support["added"]) == 1 and "deepseek" in support["added"][0]
    table = subprocess.run([sys.executable, "-c", code, "diff", "HEAD~1", "HEAD", "--repo", str(repo)],
                           capture_output=True, text=True, timeout=300)
    assert "flow support: now uses" in table.stdout and "no longer uses openai/gpt-4o-mini" in table.stdout


def test_result_type_is_unchanged_for_library_callers() -> None:
    side = diff.side_from_scan(ScanResult(root=".", findings=sample_findings(), skips=[], stats=sample_result().stats,
                                          roots=["."]), "x")
    assert side.flows_known is False and side.models["openai/gpt-4o-mini"]["usages"] == 3
