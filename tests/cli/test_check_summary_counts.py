"""`check`'s summary line counts in the singular when there is one (tryout23).

On the demo app with one waiver expiring within 30 days it read "... 1 waived; ...; 1 waiver(s) expire within 30
days", and one error read "1 errors"."""
from __future__ import annotations

import shutil
from pathlib import Path

from modelmap.cli.check_cmd import run_check, summary_line

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-app"
WAIVER = """
waivers:
  - rule: no-cn-serving
    match: {flow: routing, model: deepseek-chat}
    reason: Pilot with DeepSeek while the EU host is contracted.
    approved_by: Dana Lee (Legal)
    approved_on: 2026-11-01
    expires: 2026-12-20
"""


def test_one_error_and_one_expiring_waiver_read_in_the_singular(tmp_path: Path) -> None:
    app = tmp_path / "demo"
    shutil.copytree(DEMO, app)
    with (app / "modelmap.yaml").open("a", encoding="utf-8") as fh:
        fh.write(WAIVER)
    result = run_check(app, None, "2026-12-06")
    line = summary_line(result)
    # the endpoint violation stays (the waiver names the model), the model's is waived and expiring
    assert "1 error, 0 warnings, 0 notes, 1 waived" in line, line
    assert "1 waiver expires within 30 days" in line, line
    assert "(s)" not in line and "1 errors" not in line, line
