"""JSON and JSON Lines renderers for scan results (schema ``modelmap.scan/1``)."""

from __future__ import annotations

import json
from typing import Any

from modelmap.types import ScanResult

SCAN_SCHEMA_ID = "modelmap.scan/1"


def dumps(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


class ScanJsonRenderer:
    id = "json"
    media_type = "application/json"

    def render(self, result: ScanResult) -> bytes:
        return dumps(result.to_dict())


class ScanJsonlRenderer:
    id = "jsonl"
    media_type = "application/x-ndjson"

    def render(self, result: ScanResult) -> bytes:
        lines = [json.dumps(f.to_dict(), ensure_ascii=False) for f in result.findings]
        return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")
