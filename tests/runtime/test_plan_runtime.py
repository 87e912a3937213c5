"""modelmap plan --runtime FILE: a switch plan says which affected usages are live in production (issue 15)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema

from modelmap.runtime import ingest
from tests.conftest import ROOT, load_schema
from tests.runtime.otlp_gen import write_spans

DEMO = ROOT / "examples" / "demo-app"
CLI = [sys.executable, "-c", "from modelmap.cli import main; main()", "plan", str(DEMO), "--scenario", "no-cn-origin"]


def test_plan_marks_the_usages_seen_serving(tmp_path: Path) -> None:
    spans = write_spans(tmp_path / "spans.jsonl", 2000)
    # requests per response model, counted straight from the generated file
    counted: Counter[str] = Counter()
    for line in spans.read_text().splitlines():
        for span in json.loads(line)["resourceSpans"][0]["scopeSpans"][0]["spans"]:
            attrs = {a["key"]: a["value"] for a in span["attributes"]}
            if "gen_ai.response.model" in attrs:
                counted[attrs["gen_ai.response.model"]["stringValue"]] += 1
    runtime = tmp_path / "runtime.json"
    runtime.write_text(json.dumps(ingest.build([spans])))

    proc = subprocess.run([*CLI, "--runtime", str(runtime), "--format", "json"], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    jsonschema.validate(doc, load_schema("plan.schema.json"))
    live = {u["raw"]: u["live"] for f in doc["flows"] for u in f["usages"]}
    # the demo's Chinese-origin models: three serve in production, the reranker never answered
    assert live["Qwen/Qwen2.5-7B-Instruct"]["seen"] is True
    assert live["Qwen/Qwen2.5-7B-Instruct"]["requests"] == counted["Qwen/Qwen2.5-7B-Instruct"]
    assert live["BAAI/bge-m3"]["requests"] == counted["BAAI/bge-m3"]
    assert live["deepseek-chat"]["requests"] == counted["deepseek-chat"]
    assert live["deepseek-chat"]["served_by"] == ["api.deepseek.com:443", "openrouter.ai:443"]
    assert live["BAAI/bge-reranker-v2-m3"] == {"seen": False, "served_by": [], "requests": 0, "last_seen": None}

    md = subprocess.run([*CLI, "--runtime", str(runtime)], capture_output=True, text=True, timeout=600)
    assert md.returncode == 0, md.stderr
    assert f"live: {counted['BAAI/bge-m3']} requests" in md.stdout and "not seen serving" in md.stdout

    plain = subprocess.run([*CLI, "--format", "json"], capture_output=True, text=True, timeout=600)
    assert plain.returncode == 0, plain.stderr
    assert not any("live" in u for f in json.loads(plain.stdout)["flows"] for u in f["usages"])

    bad = subprocess.run([*CLI, "--runtime", str(spans)], capture_output=True, text=True, timeout=600)
    assert bad.returncode == 2 and "--runtime" in bad.stderr
