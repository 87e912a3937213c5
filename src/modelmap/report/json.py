"""JSON and JSON Lines renderers for scan results (schema ``modelmap.scan/1``)."""

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
        return dumps(result.to_dict())


class ScanJsonlRenderer:
    id = "jsonl"
    media_type = "application/x-ndjson"

    def render(self, result: ScanResult) -> bytes:
        return b"".join(dumps_json(f.to_dict(), indent=None) for f in result.findings)
