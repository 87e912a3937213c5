"""Fixtures for the eval tests: the loopback fake and one shared run of the four shipped suites (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest

from modelmap.eval.engine import HttpEngine, parse_model
from modelmap.eval.runner import EvalRun, Settings, run_eval
from modelmap.eval.suites import load_suite
from tests.eval.fake_openai import FakeServer

SUITES = ("cases-demo", "jailbreak", "insecure-code", "slant")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeServer]:
    with FakeServer() as server:
        yield server


@pytest.fixture(scope="module")
def shipped_run(fake: FakeServer) -> EvalRun:
    """careful (baseline) vs reckless on every shipped suite, with the fake grader as judge."""
    models = [parse_model("careful", fake.base_url), parse_model("reckless", fake.base_url)]
    settings = Settings(judge=parse_model("grader", fake.base_url))
    return run_eval([load_suite(s) for s in SUITES], models, HttpEngine(), settings,
                    clock=lambda: datetime(2026, 12, 3, 12, 0, tzinfo=timezone.utc))


def suite_doc(run: EvalRun, kind: str) -> dict:
    return next(sd for sd in run.document["suites"] if sd["suite"]["kind"] == kind)
