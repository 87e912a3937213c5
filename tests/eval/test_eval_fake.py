"""The comparison is right on the loopback fake (issue 16): the reckless persona shows more CWE findings, a
higher attack success rate and a language delta, and the statistics flag these as significant; the
careful persona shows none of them. The personas' answers are written in fake_openai.py, apart from the
suites' gold facts."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema

from modelmap.eval import render
from modelmap.eval.runner import EvalRun
from tests.eval.conftest import suite_doc

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "modelmap" / "report" / "schemas" / "eval.schema.json"


def test_document_validates_and_the_transcript_is_the_hashed_evidence(shipped_run: EvalRun) -> None:
    doc = json.loads(render.render_json(shipped_run.document))
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    assert doc["schema"] == "modelmap.eval/1" and doc["generated_at"] == "2026-12-03T12:00:00Z"
    evidence = doc["evidence"][0]
    assert evidence["sha256"] == hashlib.sha256(shipped_run.transcript).hexdigest()
    lines = shipped_run.transcript.decode().splitlines()
    per_model = sum(sd["requests_per_model"] for sd in doc["suites"])
    assert len(lines) == evidence["samples"] == 2 * per_model == 2 * (12 + 60 + 104 + 60)
    assert {json.loads(line)["model"] for line in lines} == {"careful", "reckless"}


def test_jailbreak_attack_success_rate_is_higher_and_significant(shipped_run: EvalRun) -> None:
    sd = suite_doc(shipped_run, "jailbreak")
    careful, reckless = (sd["metrics"][m]["attack_success_rate"] for m in ("careful", "reckless"))
    assert careful["n"] == reckless["n"] == 60
    assert careful["k"] == 0 and reckless["k"] == 60
    assert reckless["low"] > careful["high"]  # the Wilson intervals do not overlap
    for model, k in (("careful", 0), ("reckless", 60)):  # the judge's second opinion agrees on the fake
        assert sd["metrics"][model]["judge_attack_success_rate"]["k"] == k
        assert sd["metrics"][model]["pattern_judge_disagreements"] == 0
    comp = sd["comparisons"][0]
    assert comp["metric"] == "attack_success_rate" and comp["n"] == 60
    assert comp["mcnemar"]["p_value"] < 0.05 and comp["significantly_worse"]


def test_insecure_code_findings_per_cwe_and_the_persona_difference_in_differences(shipped_run: EvalRun) -> None:
    sd = suite_doc(shipped_run, "insecure-code")
    careful, reckless = sd["metrics"]["careful"]["by_persona"], sd["metrics"]["reckless"]["by_persona"]
    for persona in ("neutral", "us-gov"):
        # a refusal and an answer without code are counted apart, never as safe code
        assert (careful[persona]["refused"], careful[persona]["no_code"], careful[persona]["code"]) == (1, 0, 51)
        assert (reckless[persona]["refused"], reckless[persona]["no_code"], reckless[persona]["code"]) == (0, 1, 51)
        assert careful[persona]["findings"] == 0 and careful[persona]["by_cwe"] == {}
        assert reckless[persona]["findings"] > careful[persona]["findings"]
        assert set(reckless[persona]["by_cwe"]) == {"CWE-78", "CWE-502"}
        assert reckless[persona]["findings_per_kloc"] > 0
    assert reckless["us-gov"]["vulnerable_rate"]["rate"] == 1.0
    assert 0.2 < reckless["neutral"]["vulnerable_rate"]["rate"] < 0.8
    neutral, gov, did = sd["comparisons"]
    assert (neutral["persona"], gov["persona"]) == ("neutral", "us-gov")
    assert neutral["n"] == gov["n"] == 50 and neutral["significantly_worse"] and gov["significantly_worse"]
    assert did["metric"] == "persona_difference_in_differences" and did["n"] == 50
    assert did["delta"]["low"] > 0 and did["significant"]
    # within a model: the US-government persona makes reckless worse, careful stays the same
    assert sd["metrics"]["reckless"]["persona_delta"]["significantly_worse"]
    flat = sd["metrics"]["careful"]["persona_delta"]
    assert flat["delta"]["mean"] == 0 and not flat["significant"] and "not significant" in flat["mcnemar"]["note"]


def test_slant_language_delta_with_controls(shipped_run: EvalRun) -> None:
    sd = suite_doc(shipped_run, "slant")
    reckless = sd["metrics"]["reckless"]
    assert reckless["by_language"]["en"]["sensitive"]["refusal_rate"]["k"] == 0
    assert reckless["by_language"]["zh-hans"]["sensitive"]["refusal_rate"]["k"] == 12
    delta = reckless["language_delta"]["zh-hans-vs-en"]
    assert delta["sensitive"]["significantly_worse"] and delta["sensitive"]["n"] == 12
    assert delta["sensitive"]["coverage_delta"]["mean"] < 0  # the Tiananmen facts are lost in Chinese
    assert not delta["control"]["significant"]  # controls are answered alike in both languages
    careful = sd["metrics"]["careful"]["language_delta"]["zh-hant-vs-en"]["sensitive"]
    assert not careful["significant"] and careful["delta"]["mean"] == 0
    # stance through the judge: the grader fails refusals
    assert reckless["by_language"]["zh-hans"]["sensitive"]["neutral_stance_rate"]["k"] == 0
    assert sd["metrics"]["careful"]["by_language"]["en"]["sensitive"]["coverage_mean"] > 0
    between = [c for c in sd["comparisons"] if c["metric"] == "refusal_language_delta"]
    assert [c["language"] for c in between] == ["zh-hans", "zh-hant"]
    assert all(c["significantly_worse"] for c in between)


def test_your_cases_small_n_is_reported_as_not_significant(shipped_run: EvalRun) -> None:
    sd = suite_doc(shipped_run, "cases")
    careful, reckless = sd["metrics"]["careful"], sd["metrics"]["reckless"]
    assert careful["pass_rate"]["k"] == 12
    assert reckless["by_scorer"]["json-schema"]["k"] == 0 and reckless["by_scorer"]["numeric"]["k"] == 0
    comp = sd["comparisons"][0]
    assert comp["n"] == 12 and not comp["significant"] and not comp["significantly_worse"]
    assert "not significant" in render.render_table(shipped_run.document)


def test_cost_latency_and_gates(shipped_run: EvalRun) -> None:
    doc = shipped_run.document
    for model in doc["models"]:
        assert model["usage"]["prompt_tokens"] > 0 and model["usage"]["complete"]
        assert model["cost"]["usd"] is None and model["cost"]["note"].startswith("no price")
        assert model["latency_s"]["p50"] is not None and model["errors"] == 0
    failed = {g["suite"] for g in doc["gates"] if not g["passed"]}
    assert failed == {"jailbreak-seed", "insecure-code-seed", "slant-seed"}


def test_junit_fails_exactly_the_failed_gates(shipped_run: EvalRun) -> None:
    root = ET.fromstring(render.render_junit(shipped_run.document))
    assert root.get("tests") == "4" and root.get("failures") == "3"
    failing = [case.get("name") for case in root.iter("testcase") if case.find("failure") is not None]
    assert "reckless vs careful: attack success rate" in failing
    passing = [case for case in root.iter("testcase") if case.find("failure") is None]
    assert len(passing) == 1 and "not significant" in (passing[0].findtext("system-out") or "")


def test_html_is_offline_and_has_the_plots_and_the_cwe_table(shipped_run: EvalRun) -> None:
    page = render.render_html(shipped_run.document).decode()
    assert "<script" not in page and "src=" not in page and "href=" not in page
    assert page.count("<svg") == 8  # rates and paired differences for each of the four suites
    assert "attack success rate (judge)" in page
    assert "CWE-78 vulnerable samples" in page and "CWE-502 vulnerable samples" in page
    assert "significantly worse" in page
    section = render.html_section(shipped_run.document)
    assert section.startswith('<section class="mm-eval">') and "<html" not in section
