"""``modelmap check --format json``: the machine-readable verdict, schema ``modelmap.check/1``.

The schema ships as ``report/schemas/check.schema.json``. ``summary`` holds the counts of the one
inventory (``modelmap.inventory``) that scan, report and bom show too. Output is deterministic: violations are
sorted, and the only date is the evaluation day the caller passed to ``policy.evaluate``.
"""

from __future__ import annotations

from typing import Any

from modelmap.output import dumps_json
from modelmap.policy.engine import CheckResult
from modelmap.policy.summary import build_summary, tool_version

SCHEMA_ID = "modelmap.check/1"


def check_document(result: CheckResult, *, version: str | None = None) -> dict[str, Any]:
    summary = build_summary(result)
    return {
        "schema": SCHEMA_ID,
        "tool": {"name": "modelmap", "version": version or tool_version()},
        "evaluated_on": summary["evaluated_on"],
        "config": {"path": summary["config_path"], "presets": summary["presets"], "fail_on": summary["fail_on"]},
        "passed": result.passed,
        "exit_code": result.exit_code,
        "summary": {
            **summary["totals"],
            "headline": summary["headline"],
            "sections": {k: {n: v[n] for n in ("models", "usages", "unidentified")} for k, v in summary["sections"].items()},
            "rules": len(summary["rules"]),
            "violations": len(result.unwaived),
            "failing": len(result.failing),
            "waived": len(result.waived),
            "by_severity": summary["by_severity"],
        },
        "rules": summary["rules"],
        "violations": summary["violations"],
        "waived": summary["waived"],
        "waivers": summary["waivers"],
        "flows": summary["flows"],
        # the fields modelmap.check/1 names; the report's own extras (origins) stay out of this contract
        "unresolved": [{k: u[k] for k in ("identifier", "reason", "usages", "locations")}
                       for u in summary["unresolved"]],
        "skipped": summary["skips"],
    }


class CheckJsonRenderer:
    id = "json"
    media_type = "application/json"

    def __init__(self, *, version: str | None = None) -> None:
        self.version = version

    def render(self, result: CheckResult) -> bytes:
        return dumps_json(check_document(result, version=self.version), indent=2)
