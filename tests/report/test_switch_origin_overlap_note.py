"""Switch table: origin-country shares past 100% are explained beside the HHI (tryout23).

bge-m3 (BAAI, CN, built on XLM-RoBERTa by Meta, US) counts in both countries' shares of the usages in use, so the
"Largest shares" cell reads CN 100%, US 100% beside an HHI computed over attributions. A footnote now says why, in
the HTML and the Markdown report; it is absent when the shares do not overlap.
"""

from __future__ import annotations

from pathlib import Path

from modelmap.cli.check_cmd import run_check
from modelmap.report import switch_section

from .test_serving_and_origin_one_rule import project  # noqa: F401  (the shared fixture)


def test_overlapping_origin_shares_get_a_footnote(project: Path) -> None:  # noqa: F811
    check = run_check(project, None, "2026-12-01")
    sw = switch_section.build(check)
    origin = next(d for d in sw["concentration"] if d["dimension"] == "Origin country")
    assert origin["overlap"] is True
    publisher = next(d for d in sw["concentration"] if d["dimension"] == "Publisher")
    assert publisher["overlap"] is False
    assert "add up to more than 100%" in switch_section.html(sw)
    assert any("add up to more than 100%" in line for line in switch_section.markdown(sw))
