"""Real inventories for the BOM tests (issue 13): the bundled demo app and the realistic fixture repos,
scanned and resolved once per test session, plus what the knowledge base says about each finding."""

from __future__ import annotations

from functools import cache
from typing import Any

from modelmap.types import ScanResult
from tests.conftest import FIXTURES, ROOT

CASES = {
    "demo-app": ROOT / "examples" / "demo-app",
    "js-chat-app": FIXTURES / "repos" / "js-chat-app",
    "llm-infra": FIXTURES / "repos" / "llm-infra",
    "py-rag-app": FIXTURES / "repos" / "py-rag-app",
}


@cache
def scanned(case: str) -> ScanResult:
    import modelmap

    return modelmap.scan([CASES[case]], resolve=True)


def endpoint_urls(result: ScanResult) -> set[str]:
    return {f.endpoint or f.raw for f in result.findings if f.kind == "endpoint"}


def model_findings(result: ScanResult) -> list[Any]:
    return [f for f in result.findings if f.kind != "endpoint"]
