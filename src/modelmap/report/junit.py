"""``modelmap check --format junit``: JUnit XML, for CI systems that show test reports.

One test case per rule in effect (plus the built-in ``waiver-*`` rules). A rule with violations at or
above ``fail_on`` fails, and its ``<failure>`` lists every place; lower-severity and waived
violations are listed in ``<system-out>`` so nothing is hidden.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from modelmap.output import xml_clean
from modelmap.policy.engine import SEVERITY_RANK, CheckResult, Violation
from modelmap.policy.summary import describe


def _place(v: Violation) -> str:
    return f"{v.path}:{v.line}"


class JunitRenderer:
    id = "junit"
    media_type = "application/xml"

    def render(self, result: CheckResult) -> bytes:
        threshold = SEVERITY_RANK[result.config.fail_on]
        by_rule: dict[str, list[Violation]] = defaultdict(list)
        for violation in result.violations:
            by_rule[violation.rule_id].append(violation)
        catalogue = result.rule_catalogue()
        failures = 0
        cases = []
        for rule_id, severity, message, _ in catalogue:
            found = by_rule.get(rule_id, [])
            failing = [v for v in found if not v.is_waived and SEVERITY_RANK[v.severity] >= threshold]
            reported = [v for v in found if v not in failing]
            case = ET.Element("testcase", {"classname": "modelmap.policy", "name": rule_id, "time": "0"})
            if failing:
                failures += 1
                failure = ET.SubElement(case, "failure", {
                    "type": severity,
                    "message": f"{message} ({len(failing)} violation{'s' if len(failing) != 1 else ''})",
                })
                failure.text = "\n".join(f"{_place(v)}: {describe(v)}" for v in failing)
            if reported:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(
                    f"{'waived' if v.is_waived else v.severity}: {_place(v)}: {describe(v)}" for v in reported
                )
            cases.append(case)
        suites = ET.Element("testsuites", {"name": "modelmap check", "tests": str(len(cases)),
                                           "failures": str(failures), "errors": "0", "time": "0"})
        suite = ET.SubElement(suites, "testsuite", {
            "name": "modelmap policy", "tests": str(len(cases)), "failures": str(failures), "errors": "0",
            "skipped": "0", "time": "0", "timestamp": f"{result.today.isoformat()}T00:00:00",
        })
        props = ET.SubElement(suite, "properties")
        for name, value in (("config", result.config.path or "(none)"), ("evaluated_on", result.today.isoformat()),
                            ("fail_on", result.config.fail_on), ("usages", str(result.inventory.usages))):
            ET.SubElement(props, "property", {"name": name, "value": value})
        suite.extend(cases)
        ET.indent(suites)
        # Data may hold characters XML forbids (a control character in a path): written as escapes.
        return xml_clean(ET.tostring(suites, encoding="unicode", xml_declaration=True)).encode("utf-8") + b"\n"
