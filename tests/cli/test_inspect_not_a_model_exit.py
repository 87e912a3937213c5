"""``modelmap inspect`` exit status for a PATH holding no model (tryout23).

``modelmap inspect report.md`` printed a record whose only line was "unrecognised content" and exited 0, while its
help said 2 when a PATH cannot be read. A script that runs ``modelmap inspect FILE && publish`` took the report for
a model that was read. A PATH in which nothing is a model file, card or config now exits 2 with a line on stderr
(the record is still shown); the help says so. A PATH that was read still exits 0.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CMD = [sys.executable, "-c", "from modelmap.cli import main; main()", "inspect"]

TOKENIZER = {
    "version": "1.0",
    "added_tokens": [],
    "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "hello": 1, "world": 2}, "unk_token": "[UNK]"},
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name, text", [("report.md", "# Model inventory\n\nNothing to see.\n"),
                                        ("notes.txt", "just some notes\n")])
def test_a_file_that_is_no_model_exits_2(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = _run(name, cwd=tmp_path)
    assert done.returncode == 2, done
    assert f"{name}: nothing in it is a model file" in done.stderr
    assert name in done.stdout  # the record is still shown


def test_json_output_still_written_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "report.md").write_text("# report\n", encoding="utf-8")
    done = _run("report.md", "-f", "json", cwd=tmp_path)
    assert done.returncode == 2
    assert json.loads(done.stdout)["skipped"][0]["reason"] == "unrecognised"


def test_a_model_file_that_was_read_exits_0(tmp_path: Path) -> None:
    (tmp_path / "tokenizer.json").write_text(json.dumps(TOKENIZER), encoding="utf-8")
    done = _run("tokenizer.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_help_says_so() -> None:
    done = subprocess.run([*CMD, "--help"], capture_output=True, text=True, timeout=120)
    assert "holds nothing modelmap recognises as a model" in " ".join(done.stdout.split())
