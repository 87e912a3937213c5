"""Output formats, one module per format. Registration is the explicit mappings below."""

from __future__ import annotations

from typing import Any


def scan_renderers() -> dict[str, Any]:
    from modelmap.report.json import ScanJsonlRenderer, ScanJsonRenderer
    from modelmap.report.table import ScanTableRenderer

    return {"table": ScanTableRenderer(), "json": ScanJsonRenderer(), "jsonl": ScanJsonlRenderer()}


SCAN_FORMATS = ("table", "json", "jsonl")
