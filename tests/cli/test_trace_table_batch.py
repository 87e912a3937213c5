"""``modelmap trace``'s table for a batch of ids (redteam16, probe s15-trace-20k-ids-table): 20,000 ids took 53 s of
CPU and 550 MB, nearly all of it Rich laying out one table per id (2.6 ms each; resolving an id takes 0.2 ms). Records
with the same rows share one rendering and each record is yielded as it comes; the text must stay byte for byte what
one titled Rich ``Table`` per record printed."""

from __future__ import annotations

import time
from typing import Any

import pytest
from rich.console import Group
from rich.table import Table
from rich.text import Text

from modelmap.output import render_rich, text
from modelmap.provenance.resolver import resolve
from modelmap.report.trace_table import _rows, trace_table


def _reference(records: list[dict[str, Any]]) -> Group:
    """The layout as it was: a Group of titled Rich tables, one per record."""
    blocks = []
    for rec in records:
        block = Table(title=text(rec["query"]), show_header=False, title_justify="left", expand=False)
        block.add_column("field", style="bold", no_wrap=True)
        block.add_column("value", overflow="fold")
        for name, value in _rows(rec):
            block.add_row(name, Text("\n").join(text(line) for line in value.split("\n")))
        blocks.append(block)
    return Group(*blocks)


_IDS = ("gpt-4o", "gpt-4o-0", "gpt-4o-1", "deepseek-r1:14b", "together_ai/deepseek-ai/DeepSeek-V3", "qwen2.5:7b",
        "bartowski/Qwen2.5-7B-Instruct-GGUF", "z1", "Qwen/Qwen2.5-7B-Instruct", "x" * 290, "\u55e8" * 100, "gpt-4o")


@pytest.mark.parametrize("width", [40, 80, 140])
@pytest.mark.parametrize(("terminal", "no_color"), [(False, False), (True, False), (True, True)])
def test_same_text_as_one_rich_table_per_record(width: int, terminal: bool, no_color: bool) -> None:
    records = [resolve(q).to_dict() for q in _IDS]
    want = render_rich(_reference(records), width=width, terminal=terminal, no_color=no_color)
    got = render_rich(trace_table(records, width=width), width=width, terminal=terminal, no_color=no_color)
    assert got == want
    assert got.count("confidence") == len(_IDS)


def test_a_batch_of_unknown_ids_of_one_shape_is_cheap() -> None:
    records = [resolve(f"gpt-4o-{i:x}").to_dict() for i in range(3_000)]
    start = time.process_time()
    out = render_rich(trace_table(records, width=140), width=140, terminal=False)
    spent = time.process_time() - start
    assert out.count("│ confidence │") == 3_000 and "\ngpt-4o-bb7 " in out
    assert spent < 3.0, f"{spent:.1f} s of CPU for 3,000 tables (one Rich table each: about 8 s)"
