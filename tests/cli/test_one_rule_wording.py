"""A policy of one rule reads "1 rule", not "1 rules" (tryout20): the README's own first `modelmap check` on
the demo app (preset no-cn-serving, one rule) printed "FAIL: 1 rules over 12 model usages", and its report
"1 rules (presets: no-cn-serving)" in both the Markdown and the HTML summary."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

APP = ("from openai import OpenAI\n"
       "client = OpenAI(base_url='https://api.deepseek.com')\n"
       "client.chat.completions.create(model='deepseek-chat', messages=[])\n")


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)


def _project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "modelmap.yaml").write_text("version: 1\nflows:\n  chat: {paths: ['app.py']}\npreset: [no-cn-serving]\n")
    return tmp_path


def test_check_summary_says_one_rule(tmp_path: Path) -> None:
    proc = _run(_project(tmp_path), "check", "--no-color")
    assert proc.returncode == 1, proc.stderr
    assert "1 rule over " in proc.stderr and "1 rules" not in proc.stderr, proc.stderr


def test_report_summaries_say_one_rule(tmp_path: Path) -> None:
    root = _project(tmp_path)
    for fmt in ("md", "html"):
        out = root / f"report.{fmt}"
        proc = _run(root, "report", "-f", fmt, "-o", str(out), "-q")
        assert proc.returncode == 0, proc.stderr
        shown = out.read_text(encoding="utf-8")
        assert "1 rule (presets: no-cn-serving)" in shown and "1 rules" not in shown, fmt
