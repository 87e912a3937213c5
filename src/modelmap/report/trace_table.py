"""Terminal table for ``modelmap trace``."""

from __future__ import annotations

from typing import Any

from rich.table import Table


def _pub(p: dict[str, Any] | None) -> str:
    if not p:
        return "unknown"
    return f"{p.get('name')} ({p.get('country') or '?'})"


def trace_table(records: list[dict[str, Any]]) -> Table:
    table = Table(title="Model provenance", show_lines=True)
    for col in ("query", "model", "publisher", "license", "lineage", "origins", "served by", "confidence"):
        table.add_column(col)
    for rec in records:
        model = rec.get("model") or {}
        lic = rec.get("license") or {}
        lineage = " → ".join(f"{e['relation']}: {e['model']}" for e in rec.get("lineage") or []) or "-"
        served = rec.get("served_by") or {}
        served_txt = f"{served.get('operator') or served.get('id')} ({'/'.join(served.get('serving') or []) or served.get('country') or '?'})" if served else "-"
        table.add_row(
            rec["query"], str(model.get("id") or model.get("family") or "unknown"), _pub(rec.get("publisher")),
            str(lic.get("id") or "unknown"), lineage, ", ".join(rec.get("origins") or []) or "unknown", served_txt,
            rec.get("confidence", "unknown"),
        )
    return table
