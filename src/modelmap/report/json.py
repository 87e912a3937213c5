"""JSON and JSON Lines renderers for scan results (schema ``modelmap.scan/1``).

The JSON document carries ``summary``: the counts of the one inventory (``modelmap.inventory``) that
check, report and bom show too, so the numbers agree across commands."""

from __future__ import annotations

from typing import Any

from modelmap.output import dumps_json
from modelmap.types import ScanResult

SCAN_SCHEMA_ID = "modelmap.scan/1"


def dumps(data: Any) -> bytes:
    return dumps_json(data, indent=2)


class ScanJsonRenderer:
    id = "json"
    media_type = "application/json"

    def render(self, result: ScanResult) -> bytes:
        return dumps(scan_document(result))


def scan_document(result: ScanResult) -> dict[str, Any]:
    from modelmap.inventory import build_inventory

    data = result.to_dict()
    project = build_inventory(result)
    summary = {**project.counts(), "headline": project.headline()}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "stats":
            out["summary"] = summary
        out[key] = value
    return out


class ScanJsonlRenderer:
    id = "jsonl"
    media_type = "application/x-ndjson"

    def render(self, result: ScanResult) -> bytes:
        return b"".join(dumps_json(f.to_dict(), indent=None) for f in result.findings)
