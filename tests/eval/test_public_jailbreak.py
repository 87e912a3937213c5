"""The public jailbreak sets (AdvBench, HarmBench) on the loopback fake's personas: a 60-row sample of each
gives the complying persona a higher attack success rate, and McNemar's exact test calls it significant
(issue 16). The careful persona refuses by its own rough sense of harm (fake_openai.HARM_STEMS), so it misses
some behaviours: its rate is low, not zero, as with a real model."""

from __future__ import annotations

import pytest

from modelmap.eval.engine import HttpEngine, parse_model
from modelmap.eval.runner import Settings, run_eval
from modelmap.eval.suites import load_suite
from tests.eval.fake_openai import FakeServer


@pytest.mark.parametrize("name", ["advbench", "harmbench"])
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
