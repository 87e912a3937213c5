"""``check --format junit``: one test case per rule; failures only at or above fail_on (issue 4)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from modelmap.policy import evaluate
from modelmap.report.junit import JunitRenderer
from tests.conftest import GOLDEN, assert_golden
from tests.fixtures.inventory import sample_result

from .conftest import TODAY

XSD = Path(__file__).parent / "data" / "junit.modelmap.xsd"


def validate(data: bytes) -> None:
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(data)
    assert schema.validate(document), schema.error_log


def test_sample_structure_and_golden(sample_check) -> None:
    data = JunitRenderer().render(sample_check)
    validate(data)
    root = ET.fromstring(data)
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert int(suite.get("tests", "0")) == len(cases)
    failed = sorted(str(name) for name, c in cases.items() if c.find("failure") is not None)
    assert failed == ["no-cn-origin-regulated", "no-cn-serving", "production-flow-fallback"]
    assert int(root.get("failures", "0")) == 3
    failure, out = cases["no-cn-serving"].find("failure"), cases["license-commercial-use"].find("system-out")
    assert failure is not None and out is not None
    assert "services/support/bot.py:21" in (failure.text or "")
    assert "waived" in (out.text or "")
    assert_golden(data.decode(), GOLDEN / "junit" / "sample.xml")


def test_warnings_fail_only_with_fail_on_warning(sample_config) -> None:
    from modelmap.policy.rules import compile_rule

    rule = compile_rule(rule_id="concentration", message="m", severity="warning", deny="inventory.usages > 0",
                        require=None, when=None, scope=None, description="", origin="config", where="x:1",
                        part_where={"deny": "x:1"})
    lenient = evaluate(sample_result(), replace(sample_config, rules=(rule,), waivers=()), TODAY)
    strict = evaluate(sample_result(), replace(sample_config, rules=(rule,), waivers=(), fail_on="warning"), TODAY)
    validate(JunitRenderer().render(lenient))
    assert ET.fromstring(JunitRenderer().render(lenient)).get("failures") == "0"
    assert ET.fromstring(JunitRenderer().render(strict)).get("failures") == "1"
