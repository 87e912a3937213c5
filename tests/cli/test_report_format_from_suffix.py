"""`modelmap report -o FILE` without --format takes the format from FILE's suffix (tryout20: `-o report.pdf` wrote
HTML under a PDF name, and `-o report.md` wrote HTML too); an explicit --format always wins."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_one_rule_wording import APP, _run


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "modelmap.yaml").write_text("version: 1\nflows:\n  chat: {paths: ['app.py']}\npreset: [no-cn-serving]\n")
    return tmp_path


@pytest.mark.parametrize(("name", "markdown"), [("r.md", True), ("r.MARKDOWN", True), ("r.html", False),
                                                 ("r.htm", False), ("r", False)])
def test_format_follows_the_output_suffix(project: Path, name: str, markdown: bool) -> None:
    proc = _run(project, "report", "-o", name, "-q")
    assert proc.returncode == 0, proc.stderr
    shown = (project / name).read_text(encoding="utf-8")
    assert shown.lstrip().startswith("<!DOCTYPE html") is not markdown, shown[:80]
    assert shown.lstrip().startswith("#") is markdown, shown[:80]


def test_unknown_suffix_is_a_usage_error_and_writes_nothing(project: Path) -> None:
    proc = _run(project, "report", "-o", "r.pdf")
    assert proc.returncode == 2
    assert "r.pdf" in proc.stderr and "--format" in proc.stderr and "Traceback" not in proc.stderr
    assert not (project / "r.pdf").exists()


def test_explicit_format_wins_over_the_suffix(project: Path) -> None:
    proc = _run(project, "report", "-f", "md", "-o", "r.txt", "-q")
    assert proc.returncode == 0, proc.stderr
    assert (project / "r.txt").read_text(encoding="utf-8").lstrip().startswith("#")
