"""``modelmap check --format sarif``: SARIF 2.1.0 for GitHub code scanning.

* one ``reportingDescriptor`` per rule in effect (plus the built-in ``waiver-*`` rules);
* one result per violation, located at the usage (or, for flow / inventory rules and waiver
  problems, at the line of the config that defines them), with a ``partialFingerprints`` entry
  built without line numbers so alerts survive code moves;
* a usage whose value is defined in another file (a settings constant) carries that place as a
  ``relatedLocations`` entry;
* waived violations are kept, with an ``external`` suppression carrying the waiver's reason, so
  GitHub shows them as dismissed rather than losing the history.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

from modelmap.output import dumps_json
from modelmap.policy.engine import CheckResult, Violation
from modelmap.policy.summary import describe, tool_version

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/modelmap/modelmap"
FINGERPRINT_KEY = "modelmap/v1"


def _uri(path: str) -> str:
    """A relative URI reference for a path: its bytes percent-encoded (a file name that is not
    UTF-8 keeps its exact bytes, e.g. %FF)."""
    return quote(os.fsencode(path), safe="/")


def _rule_descriptor(rule_id: str, severity: str, message: str, description: str, tags: list[str]) -> dict[str, Any]:
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.split("-")),
        "shortDescription": {"text": message},
        "fullDescription": {"text": description or message},
        "defaultConfiguration": {"level": severity},
        "help": {
            "text": f"{message}\n\nTo accept a specific case, add a waiver for rule {rule_id} to modelmap.yaml "
                    "with a reason, approved_by, approved_on and expires.",
            "markdown": f"**{message}**\n\nTo accept a specific case, add a waiver for rule `{rule_id}` to "
                        "`modelmap.yaml` with a `reason`, `approved_by`, `approved_on` and `expires`.",
        },
        "properties": {"tags": tags},
    }


def _result(violation: Violation, index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": violation.rule_id,
        "ruleIndex": index,
        "level": violation.severity,
        "message": {"text": describe(violation)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(violation.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(violation.line, 1)},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: violation.fingerprint},
        "properties": {"scope": violation.scope},
    }
    if violation.flow:
        result["properties"]["flow"] = violation.flow
    if violation.model:
        result["properties"]["model"] = violation.model
    if violation.finding is not None and violation.finding.column > 0:
        result["locations"][0]["physicalLocation"]["region"]["startColumn"] = violation.finding.column
    definition = violation.finding.definition if violation.finding is not None else None
    if definition is not None:
        # the usage is where the value reaches the model API; where it is defined is a second place
        region: dict[str, Any] = {"startLine": max(definition.line, 1)}
        if definition.column > 0:
            region["startColumn"] = definition.column
        result["relatedLocations"] = [{
            "id": 1,
            "physicalLocation": {"artifactLocation": {"uri": _uri(definition.path), "uriBaseId": "%SRCROOT%"},
                                 "region": region},
            "message": {"text": "The value is defined here."},
        }]
    if violation.waiver is not None:
        w = violation.waiver
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{w.reason} (approved by {w.approved_by} on {w.approved_on.isoformat()}, "
                                 f"expires {w.expires.isoformat()}; {w.where})",
            }
        ]
    return result


def sarif_document(check: CheckResult, *, version: str | None = None) -> dict[str, Any]:
    catalogue = check.rule_catalogue()
    scopes = {r.id: r.scope for r in check.config.rules}
    rules = [
        _rule_descriptor(rule_id, severity, message, description,
                         ["model-provenance", "policy", scopes.get(rule_id, "waiver")])
        for rule_id, severity, message, description in catalogue
    ]
    index = {rule_id: i for i, (rule_id, *_rest) in enumerate(catalogue)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "modelmap",
                        "version": version or tool_version(),
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": "modelmap/check/"},
                "columnKind": "unicodeCodePoints",
                "results": [_result(v, index[v.rule_id]) for v in check.violations],
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "properties": {"evaluatedOn": check.today.isoformat(), "passed": check.passed},
                    }
                ],
            }
        ],
    }


class SarifRenderer:
    id = "sarif"
    media_type = "application/sarif+json"

    def __init__(self, *, version: str | None = None) -> None:
        self.version = version

    def render(self, result: CheckResult) -> bytes:
        return dumps_json(sarif_document(result, version=self.version), indent=2)
