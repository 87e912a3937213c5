"""Output formats, one module per format. Registration is the explicit mappings below."""

from __future__ import annotations

from typing import Any


def scan_renderers(flows_of: Any = None) -> dict[str, Any]:
    """``flows_of``: a finding's declared flows (the JSON forms write them per finding when given)."""
    from modelmap.report.json import ScanJsonlRenderer, ScanJsonRenderer
    from modelmap.report.table import ScanTableRenderer

    return {"table": ScanTableRenderer(), "json": ScanJsonRenderer(flows_of), "jsonl": ScanJsonlRenderer(flows_of)}


SCAN_FORMATS = ("table", "json", "jsonl")
