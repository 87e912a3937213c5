"""diff: scan JSONs, CycloneDX BOMs and git revisions (issue 4)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

from modelmap import diff
from modelmap.errors import UsageError
from modelmap.report.cyclonedx import CycloneDxRenderer
from modelmap.types import ScanResult, ScanStats
from tests.conftest import load_schema
from tests.fixtures.inventory import (
    DEEPSEEK_CHAT,
    GPT_4O_MINI,
    QWEN_7B,
    finding,
    sample_findings,
    sample_result,
)

from .conftest import fixed_clock


def scan_file(path: Path, findings) -> Path:
    path.write_text(json.dumps(sample_result(findings).to_dict()), encoding="utf-8")
    return path


def bom_file(path: Path, findings) -> Path:
    path.write_bytes(CycloneDxRenderer("json", clock=fixed_clock, version="t").render(sample_result(findings)))
    return path


def changed_findings():
    found = [f for f in sample_findings() if f.raw != "deepseek-chat"]
    moved = dict(QWEN_7B, served_by={"id": "dashscope", "operator": "Alibaba Cloud", "country": "CN",
                                     "serving": ["CN"]})
    found[0] = finding(found[0].path, found[0].line, found[0].raw, moved)
    found.append(finding("services/new/agent.py", 3, "gpt-4o-mini", GPT_4O_MINI))
    return found


@pytest.mark.parametrize("kind", ["scan", "bom"])
def test_added_removed_changed(tmp_path: Path, kind: str) -> None:
    write = scan_file if kind == "scan" else bom_file
    old = write(tmp_path / "old.json", sample_findings())
    new = write(tmp_path / "new.json", changed_findings())
    doc = diff.diff(str(old), str(new))
    jsonschema.validate(doc, load_schema("diff.schema.json"))
    assert [m["model"] for m in doc["removed"]] == ["deepseek-ai/deepseek-v3"]
    assert doc["added"] == []
    changed = {c["model"]: c["changes"] for c in doc["changed"]}
    assert changed["qwen/qwen2.5-7b-instruct"]["serving_countries"] == {"old": [], "new": ["CN"]}
    assert changed["openai/gpt-4o-mini"]["usages"] == {"old": 3, "new": 4}
    assert doc["serving_countries"] == {"added": [], "removed": []}  # CN serving moved from deepseek to qwen
    md = diff.render_markdown(doc).decode()
    assert "`deepseek-ai/deepseek-v3`" in md and "serving countries" in md


def test_new_origin_country_is_flagged(tmp_path: Path) -> None:
    old = scan_file(tmp_path / "old.json", [finding("a.py", 1, "gpt-4o-mini", GPT_4O_MINI)])
    new = scan_file(tmp_path / "new.json", [finding("a.py", 1, "gpt-4o-mini", GPT_4O_MINI),
                                            finding("b.py", 2, "deepseek-chat", DEEPSEEK_CHAT)])
    doc = diff.diff(str(old), str(new))
    assert doc["origins"]["added"] == ["CN"] and doc["summary"]["added"] == 1
    assert "New origin countries: **CN**" in diff.render_markdown(doc).decode()


def test_no_changes_markdown(tmp_path: Path) -> None:
    old = scan_file(tmp_path / "old.json", sample_findings())
    doc = diff.diff(str(old), str(old))
    assert doc["summary"]["changed"] == 0 and "No model changes" in diff.render_markdown(doc).decode()


def test_rejects_unknown_documents(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"hello": 1}')
    (tmp_path / "v2.json").write_text('{"schema": "modelmap.scan/2"}')
    for name in ("x.json", "v2.json"):
        with pytest.raises(UsageError):
            diff.load_side(tmp_path / name)
    with pytest.raises(UsageError):
        diff.diff(str(tmp_path / "nope.json"), str(tmp_path / "x.json"))


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True)


def test_git_revisions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "models.txt").write_text("gpt-4o-mini\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "one")
    (repo / "models.txt").write_text("gpt-4o-mini\ndeepseek-chat\n")
    _git(repo, "commit", "-qam", "two")
    known = {"gpt-4o-mini": GPT_4O_MINI, "deepseek-chat": DEEPSEEK_CHAT}
    seen: list[Path] = []

    def scan_fn(folder: Path) -> ScanResult:
        seen.append(folder)
        lines = (folder / "models.txt").read_text().split()
        found = [finding("models.txt", i + 1, raw, known[raw]) for i, raw in enumerate(lines)]
        return ScanResult(root=str(folder), findings=found, skips=[], stats=ScanStats())

    doc = diff.diff("HEAD~1", "HEAD", repo=repo, scan_fn=scan_fn)
    assert [m["model"] for m in doc["added"]] == ["deepseek-ai/deepseek-v3"]
    assert doc["old"]["kind"] == "git" and doc["origins"]["added"] == ["CN"]
    assert seen and not any(p.exists() for p in seen)  # temporary trees are cleaned up
    with pytest.raises(UsageError, match="not a file or a git revision"):
        diff.diff("no-such-rev", "HEAD", repo=repo, scan_fn=scan_fn)
