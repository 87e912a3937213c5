"""``eval --from-plan`` on a flow that calls several models: one baseline, its own replacement, nothing else.

A tryout (session 30) planned a claims-triage flow: a KServe manifest and a LiteLLM route serving
Qwen/Qwen2.5-32B-Instruct-AWQ (the same weights, written two ways), and a LiteLLM fallback to Mistral's API. The eval
took the KServe spelling as the baseline and listed as candidates the LiteLLM spelling of the same model (a
comparison of a model with itself) and ``mistral-api/mistral/mistral-large-latest``, a model the flow calls today,
not a replacement. Now the baseline's usages share one comparison, and the flow's other current models are named
for their own runs.
"""

from __future__ import annotations

import json
from pathlib import Path

from modelmap.eval.candidates import models_from_plan, plan_models


def _usage(path: str, line: int, raw: str, model: str | None, served_by: str | None,
           replacement: dict[str, str | None] | None) -> dict[str, object]:
    return {"path": path, "line": line, "raw": raw, "model": model, "role": "generation", "served_by": served_by,
            "dropin": "E", "dropin_reason": "", "replacement": replacement, "none_found": None, "fallbacks": [],
            "edits": [], "effort_hours": 3.0, "effort_assumption": ""}


def _plan(tmp_path: Path) -> Path:
    granite = {"provider": None, "model": "ibm-granite/granite-4.1-30b"}
    doc = {"schema": "modelmap.plan/1", "flows": [{"name": "triage", "tags": ["regulated"], "usages": [
        _usage("deploy/kserve/qwen-triage.yaml", 13, "Qwen/Qwen2.5-32B-Instruct-AWQ",
               "qwen/qwen2.5-32b-instruct-awq", None, granite),
        _usage("deploy/litellm/config.yaml", 4, "hosted_vllm/Qwen/Qwen2.5-32B-Instruct-AWQ",
               "qwen/qwen2.5-32b-instruct-awq", "self-hosted", granite),
        _usage("deploy/litellm/config.yaml", 12, "mistral/mistral-large-latest",
               "mistralai/mistral-large-3-675b-instruct-2512", "mistral-api",
               {"provider": "hyperbolic", "model": "meta-llama/llama-3.1-405b-instruct"}),
    ]}]}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc))
    return path


def test_one_baseline_and_only_its_replacements(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    names = models_from_plan(plan, "triage")
    assert names == ["Qwen/Qwen2.5-32B-Instruct-AWQ", "ibm-granite/granite-4.1-30b"]
    picked = plan_models(plan, "triage")
    assert picked.left_out == ["mistral-api/mistral/mistral-large-latest -> hyperbolic/meta-llama/llama-3.1-405b-instruct "
                               "(deploy/litellm/config.yaml:12)"]


def test_a_flow_with_one_current_model_leaves_nothing_out(tmp_path: Path) -> None:
    doc = json.loads(_plan(tmp_path).read_text())
    doc["flows"][0]["usages"] = doc["flows"][0]["usages"][2:]
    one = tmp_path / "one.json"
    one.write_text(json.dumps(doc))
    picked = plan_models(one)
    assert picked.names == ["mistral-api/mistral/mistral-large-latest", "hyperbolic/meta-llama/llama-3.1-405b-instruct"]
    assert picked.left_out == []


def test_cli_names_the_models_left_for_their_own_runs(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.eval.fake_openai import FakeServer

    plan = _plan(tmp_path)
    with FakeServer(aliases={"Qwen/Qwen2.5-32B-Instruct-AWQ": "careful",
                             "ibm-granite/granite-4.1-30b": "reckless"}) as srv:
        proc = subprocess.run(
            [sys.executable, "-c", "from modelmap.cli import main; main()", "eval", "jailbreak", "--from-plan",
             str(plan), "--flow", "triage", "--limit", "1", "--engine", "http", "--format", "json"],
            capture_output=True, text=True, timeout=300, env={**os.environ, "MODELMAP_EVAL_BASE_URL": srv.base_url})
    assert proc.returncode == 0, proc.stderr
    assert [m["id"] for m in json.loads(proc.stdout)["models"]] == ["Qwen/Qwen2.5-32B-Instruct-AWQ",
                                                                   "ibm-granite/granite-4.1-30b"]
    err = " ".join(proc.stderr.split())
    assert "baseline Qwen/Qwen2.5-32B-Instruct-AWQ, candidates ibm-granite/granite-4.1-30b" in err, proc.stderr
    assert ("evaluate each with --model CURRENT --model REPLACEMENT: mistral-api/mistral/mistral-large-latest -> "
            "hyperbolic/meta-llama/llama-3.1-405b-instruct (deploy/litellm/config.yaml:12)") in err, proc.stderr
