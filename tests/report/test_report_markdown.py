"""``report --format md`` (issue 4)."""

from __future__ import annotations

from modelmap.report.markdown import MarkdownRenderer
from tests.conftest import GOLDEN, assert_golden

from .conftest import fixed_clock


def test_sample_golden(sample_check) -> None:
    text = MarkdownRenderer(clock=fixed_clock, version="test").render(sample_check).decode()
    for heading in ("## Summary", "## Which models power which products", "## Where our models come from",
                    "## Our policy and where we stand", "### Decisions about to expire",
                    "## Exposure: what would break under stricter rules", "## All models"):
        assert heading in text
    # issue 13: exposure counts the three configured flows, not "(no flow)" as a fourth
    assert "| **No model of Chinese origin** | 3 of 3 (100%)" in text
    # production leads; the test fixture's model is in its own collapsed section
    assert "- 8 models used in 10 places in production code and configuration" in text
    assert "<details><summary>Models in tests: 1 model in 1 place</summary>" in text
    assert_golden(text, GOLDEN / "md" / "sample.md")


def test_passing_golden(passing_check) -> None:
    text = MarkdownRenderer(clock=fixed_clock, version="test").render(passing_check).decode()
    assert "✅ within policy" in text and "_No open issues._" in text
    assert_golden(text, GOLDEN / "md" / "passing.md")
