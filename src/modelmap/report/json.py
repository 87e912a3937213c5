"""JSON and JSON Lines renderers for scan results (schema ``modelmap.scan/1``).

The JSON document carries ``summary``: the counts of the one inventory (``modelmap.inventory``) that
check, report and bom show too, so the numbers agree across commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from modelmap.output import dumps_json
from modelmap.types import Finding, ScanResult

#: a finding's declared flows (policy.inventory.flows_of with the project's flows), or None without declared flows
FlowsOf = Callable[[Finding], list[str]]

SCAN_SCHEMA_ID = "modelmap.scan/1"


def dumps(data: Any) -> bytes:
    return dumps_json(data, indent=2)


class ScanJsonRenderer:
    id = "json"
    media_type = "application/json"

    def __init__(self, flows_of: FlowsOf | None = None) -> None:
        self.flows_of = flows_of

    def render(self, result: ScanResult) -> bytes:
        return dumps(scan_document(result, self.flows_of))


def _with_flows(result: ScanResult, findings: list[dict[str, Any]], flows_of: FlowsOf | None) -> list[dict[str, Any]]:
    """Each finding's ``flows`` (the project's declared flows its place belongs to) when the project declares
    flows; without declared flows the key is left out (membership unknown), never written as []."""
    if flows_of is None:
        return findings
    return [{**d, "flows": flows_of(f)} for f, d in zip(result.findings, findings, strict=True)]


def scan_document(result: ScanResult, flows_of: FlowsOf | None = None) -> dict[str, Any]:
    from modelmap.inventory import build_inventory

    data = result.to_dict()
    data["findings"] = _with_flows(result, data["findings"], flows_of)
    # with declared flows the summary counts them (flows, flows_in_use) as check, report and bom do
    names = tuple(getattr(flows_of, "names", ()) or ())
    project = build_inventory(result, flows_of, names) if flows_of is not None and names else build_inventory(result)
    summary = {**project.counts(), "headline": project.headline()}
    # the declared flows with their tags, so a reader without the config (the server) evaluates each flow as check does
    declared = [{"name": f.name, "tags": list(f.tags), **({"description": f.description} if f.description else {})}
                for f in getattr(flows_of, "flows", ()) or ()]
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "stats":
            out["summary"] = summary
            if declared:
                out["flows"] = declared
        out[key] = value
    return out


class ScanJsonlRenderer:
    id = "jsonl"
    media_type = "application/x-ndjson"

    def __init__(self, flows_of: FlowsOf | None = None) -> None:
        self.flows_of = flows_of

    def render(self, result: ScanResult) -> bytes:
        rows = _with_flows(result, [f.to_dict() for f in result.findings], self.flows_of)
        return b"".join(dumps_json(d, indent=None) for d in rows)
