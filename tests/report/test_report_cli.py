"""check / bom / report / diff commands: exit codes 0 / 1 / 2, outputs, atomic files (issue 4).

The commands are registered on a small Typer app here, and the scan+resolve step
(``check_cmd._inventory``) is replaced by the sample inventory.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import typer
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from cyclonedx.validation.xml import XmlValidator
from typer.testing import CliRunner

from modelmap.cli import bom_cmd, check_cmd, diff_cmd, report_cmd
from tests.conftest import GOLDEN, load_schema
from tests.fixtures.inventory import sample_result

from .conftest import POLICY_DATA

app = typer.Typer()
app.command("check", help=check_cmd.HELP)(check_cmd.check)
app.command("bom", help=bom_cmd.HELP)(bom_cmd.bom)
app.command("report", help=report_cmd.HELP)(report_cmd.report)
app.command("diff", help=diff_cmd.HELP)(diff_cmd.diff)
runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(POLICY_DATA / "config.sample.yaml", tmp_path / "modelmap.yaml")
    monkeypatch.setattr(check_cmd, "_inventory", lambda path: sample_result())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748779200")  # 2025-06-01T12:00:00Z
    return tmp_path


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def test_check_violations_exit_1(repo: Path) -> None:
    result = invoke("check", repo, "--today", "2025-06-01")
    assert result.exit_code == 1, result.output
    assert "no-cn-serving" in result.stdout and "FAIL" in result.stderr


def test_check_pass_exit_0(repo: Path) -> None:
    (repo / "modelmap.yaml").write_text("version: 1\npreset: no-cn-origin\n", encoding="utf-8")
    result = invoke("check", repo, "--today", "2025-06-01")
    assert result.exit_code == 0, result.output
    assert "PASS" in result.stderr


def test_check_without_config_passes_and_says_so(repo: Path) -> None:
    (repo / "modelmap.yaml").unlink()
    result = invoke("check", repo)
    assert result.exit_code == 0 and "no modelmap.yaml found" in result.stderr


def test_check_config_error_exit_2(repo: Path) -> None:
    (repo / "modelmap.yaml").write_text("version: 1\nrules:\n  - id: x\n    message: m\n    deny: \"'CN' in\"\n")
    result = invoke("check", repo)
    assert result.exit_code == 2
    assert result.stderr.startswith("modelmap: error: modelmap.yaml:5: rule 'x': deny is not valid CEL")
    assert "hint:" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("args", [["--format", "xml"], ["--today", "June"], ["--config", "missing.yaml"]])
def test_check_usage_errors_exit_2(repo: Path, args: list[str]) -> None:
    result = invoke("check", repo, *args)
    assert result.exit_code == 2, result.output


def test_check_missing_path_exit_2(repo: Path) -> None:
    assert invoke("check", repo / "nope").exit_code == 2


def test_expired_waiver_fails_the_check(repo: Path) -> None:
    before = invoke("check", repo, "--today", "2025-06-30", "--format", "json")
    after = invoke("check", repo, "--today", "2025-07-01", "--format", "json")
    rules_before = [v["rule"] for v in json.loads(before.stdout)["violations"]]
    rules_after = [v["rule"] for v in json.loads(after.stdout)["violations"]]
    assert "waiver-expired" not in rules_before
    assert "waiver-expired" in rules_after and "license-commercial-use" in rules_after
    assert after.exit_code == 1


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_check_writes_file(repo: Path, fmt: str) -> None:
    target = repo / "out" / f"check.{fmt}"
    result = invoke("check", repo, "--today", "2025-06-01", "--format", fmt, "-o", target)
    assert result.exit_code == 1 and target.is_file()
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    if fmt == "json":
        jsonschema.validate(json.loads(target.read_text()), load_schema("check.schema.json"))


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bom(repo: Path, fmt: str) -> None:
    result = invoke("bom", repo, "--format", fmt)
    assert result.exit_code == 0, result.output
    validator = JsonStrictValidator(SchemaVersion.V1_6) if fmt == "json" else XmlValidator(SchemaVersion.V1_6)
    assert validator.validate_str(result.stdout) is None
    assert "2025-06-01T12:00:00" in result.stdout  # SOURCE_DATE_EPOCH honoured
    assert "Powers the checkout flow" in result.stdout  # flows from modelmap.yaml


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report(repo: Path, fmt: str) -> None:
    target = repo / f"report.{fmt}"
    result = invoke("report", repo, "--format", fmt, "-o", target, "--today", "2025-06-01")
    assert result.exit_code == 0, result.output  # a report is written even when the policy fails
    assert "Where our models come from" in target.read_text(encoding="utf-8")


def test_report_bad_format(repo: Path) -> None:
    assert invoke("report", repo, "--format", "pdf").exit_code == 2


def test_diff_files(repo: Path) -> None:
    old = repo / "old.json"
    new = repo / "new.json"
    result = sample_result()
    old.write_text(json.dumps(result.to_dict()))
    result.findings = [f for f in result.findings if "support" not in f.path]
    new.write_text(json.dumps(result.to_dict()))
    out = invoke("diff", old, new, "--format", "json")
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, load_schema("diff.schema.json"))
    assert [m["model"] for m in doc["removed"]] == ["deepseek-ai/deepseek-v3"]
    assert invoke("diff", old, new).exit_code == 0
    assert "AI model changes" in invoke("diff", old, new, "--format", "md").stdout


def test_diff_bad_input_exit_2(repo: Path) -> None:
    (repo / "x.json").write_text("[]")
    assert invoke("diff", repo / "x.json", repo / "x.json").exit_code == 2
    assert invoke("diff", repo / "x.json", repo / "x.json", "--format", "html").exit_code == 2


# Every --format choice has a renderer module and golden files (STYLE.md section 2).
GOLDEN_BY_FORMAT = {
    ("check", "json"): "check", ("check", "sarif"): "sarif", ("check", "junit"): "junit",
    ("bom", "json"): "cyclonedx", ("bom", "xml"): "cyclonedx", ("bom", "spdx"): "spdx", ("report", "html"): "html",
    ("report", "md"): "md",
}


def test_every_format_has_a_golden() -> None:
    formats = [("check", f) for f in check_cmd.CHECK_FORMATS if f != "table"]
    formats += [("bom", f) for f in bom_cmd.BOM_FORMATS] + [("report", f) for f in report_cmd.REPORT_FORMATS]
    for command, fmt in formats:
        folder = GOLDEN / GOLDEN_BY_FORMAT[(command, fmt)]
        assert any(folder.glob("*")), f"{command} --format {fmt} has no golden files in {folder}"


def test_config_elsewhere_paths_are_relative_to_the_repo(repo: Path) -> None:
    (repo / "policy").mkdir()
    (repo / "modelmap.yaml").rename(repo / "policy" / "models.yaml")
    out = invoke("check", repo, "--config", repo / "policy" / "models.yaml", "--format", "json", "--today", "2025-06-01")
    flow_level = [v for v in json.loads(out.stdout)["violations"] if v["scope"] == "flow"]
    assert flow_level[0]["location"]["path"] == "policy/models.yaml"


def test_table_output_to_file(repo: Path) -> None:
    target = repo / "check.txt"
    result = invoke("check", repo, "--today", "2025-06-01", "-o", target)
    assert result.exit_code == 1 and "no-cn-origin-regulated" in target.read_text(encoding="utf-8")
