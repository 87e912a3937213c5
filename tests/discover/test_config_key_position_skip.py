"""A configuration key that is itself a model name (a pricing table's or a per-model settings block's key) is reported
at its own line and column; the walker asks ``Collector.reports_nothing`` first and looks the position up only for a
key the collector would report (most keys name no model). The answer must be exactly ``Collector.model``'s."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.base import Collector, SourceFile
from tests.discover.scan_helpers import found

_PRICES = """\
pricing:
  gpt-4o-mini:
    input: 0.15
  claude-3-5-sonnet-20241022:
    input: 3
  timeout:
    seconds: 30
  text-embedding-3-small:
    input: 0.02
"""


def test_model_named_keys_keep_their_lines(tmp_path: Path) -> None:
    got = found(tmp_path, "config/prices.yaml", _PRICES)
    assert {(2, "gpt-4o-mini"), (4, "claude-3-5-sonnet-20241022"), (8, "text-embedding-3-small")} <= got
    assert not any(raw in ("timeout", "seconds", "pricing", "input") for _, raw in got)


@pytest.mark.parametrize("value", ["gpt-4o-mini", "timeout", "curie", "davinci", "Qwen/Qwen2.5-7B-Instruct", "x",
                                   "your-model-name", "llama3:8b", "settings", "text-embedding-3-small", " curie "])
@pytest.mark.parametrize("hint", ["none", "key", "api", "hf"])
def test_reports_nothing_agrees_with_model(value: str, hint: str) -> None:
    collector = Collector(SourceFile("a.yaml", "k: v\n", "app"), "config-value")
    skipped = Collector.reports_nothing(value, hint)  # type: ignore[arg-type]
    reported = collector.model(value, 1, 1, hint=hint)  # type: ignore[arg-type]
    if skipped:
        assert reported is None and not collector.findings
