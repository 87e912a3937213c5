"""Terminal table for ``modelmap trace``."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from modelmap.output import text


def _pub(p: dict[str, Any] | None) -> str:
    if not p:
        return "unknown"
    return f"{p.get('name')} ({p.get('country') or '?'})"


_COLUMNS = ("query", "model", "publisher", "license", "lineage", "origins", "served by", "confidence")


def _cells(rec: dict[str, Any]) -> list[str]:
    model = rec.get("model") or {}
    lic = rec.get("license") or {}
    lineage = " → ".join(f"{e['relation']}: {e['model']}" for e in rec.get("lineage") or []) or "-"
    served = rec.get("served_by") or {}
    where = "/".join(served.get("serving") or []) or served.get("country") or "?"
    served_txt = f"{served.get('operator') or served.get('id')} ({where})" if served else "-"
    return [
        rec["query"], str(model.get("id") or model.get("family") or "unknown"), _pub(rec.get("publisher")),
        str(lic.get("id") or "unknown"), lineage, ", ".join(rec.get("origins") or []) or "unknown", served_txt,
        rec.get("confidence", "unknown"),
    ]


def trace_table(records: list[dict[str, Any]], width: int | None = None) -> Any:
    """One row per identifier on a wide terminal; on a narrow one (< 140 columns) one small
    field/value table per identifier, so that ids and lineage are never cut to a few letters."""
    if width is not None and width < 140:
        from rich.console import Group

        blocks = []
        for rec in records:
            block = Table(title=text(rec["query"]), show_header=False, title_justify="left", expand=False)
            block.add_column("field", style="bold", no_wrap=True)
            block.add_column("value", overflow="fold")
            for name, value in zip(_COLUMNS[1:], _cells(rec)[1:], strict=True):
                block.add_row(name, text(value))
            blocks.append(block)
        return Group(*blocks)
    table = Table(title="Model provenance", show_lines=True)
    for col in _COLUMNS:
        table.add_column(col, overflow="fold")
    for rec in records:
        table.add_row(*(text(c) for c in _cells(rec)))
    return table
