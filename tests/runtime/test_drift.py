"""Drift: the demo app's code against synthetic runtime inventories (issue 15, item 4)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from modelmap.runtime import drift, ingest
from modelmap.runtime import probe as probing
from tests.conftest import ROOT, load_schema
from tests.runtime.fakes import recording, serve
from tests.runtime.otlp_gen import DEMO_TRAFFIC, write_spans

DEMO = ROOT / "examples" / "demo-app"


@pytest.fixture(scope="module")
def demo_scan() -> dict[str, Any]:
    from modelmap.cli.check_cmd import _inventory
    from modelmap.report.json import scan_document

    return json.loads(json.dumps(scan_document(_inventory(DEMO))))


def check(doc: dict[str, Any]) -> dict[str, Any]:
    jsonschema.validate(doc, load_schema("drift.schema.json"))
    return doc


def test_demo_app_against_generated_telemetry(tmp_path: Path, demo_scan: dict[str, Any]) -> None:
    spans = write_spans(tmp_path / "spans.jsonl", 4000)
    runtime = ingest.build([spans])
    doc = check(drift.drift(demo_scan, runtime))

    assert [s["model"] for s in doc["shadow"]] == ["claude-3-5-sonnet-20241022"]
    assert doc["shadow"][0]["publisher"] == "Anthropic" and doc["shadow"][0]["origins"] == ["US"]

    (alias,) = doc["alias_mismatch"]
    assert (alias["declared"], alias["served"]) == ("gpt-4o", "Qwen/Qwen2.5-72B-Instruct")
    assert alias["hosts"] == ["llm-gateway.internal:4000"]
    assert alias["origins"] == ["CN"]

    # requests per host, counted independently from the generated file
    per_host: Counter[tuple[str, str]] = Counter()
    for line in spans.read_text().splitlines():
        for span in json.loads(line)["resourceSpans"][0]["scopeSpans"][0]["spans"]:
            a = {x["key"]: x["value"] for x in span["attributes"]}
            if "gen_ai.request.model" in a:
                per_host[(a["gen_ai.request.model"]["stringValue"],
                          f"{a['server.address']['stringValue']}:{a['server.port']['intValue']}")] += 1
    hosts = {(h["model"], h["served_from"]): h["requests"] for h in doc["host_mismatch"]}
    assert hosts == {("deepseek-chat", "openrouter.ai:443"): per_host[("deepseek-chat", "openrouter.ai:443")],
                     ("openai/gpt-4o", "llm-gateway.internal:4000"): per_host[("gpt-4o", "llm-gateway.internal:4000")]}

    assert [n["model"] for n in doc["declared_not_seen"]] == ["baai/bge-reranker-v2-m3"]
    matched = {m["model"] for m in doc["matched"]}
    assert {"openai/gpt-4o", "deepseek-chat", "qwen/qwen2.5-7b-instruct", "baai/bge-m3"} <= matched
    # vllm:8000 is the compose endpoint of the vLLM provider: not a host mismatch
    assert not any(h["served_from"] == "vllm:8000" for h in doc["host_mismatch"])


def test_no_drift_when_production_runs_what_the_code_says(tmp_path: Path, demo_scan: dict[str, Any]) -> None:
    declared_only = tuple(t for t in DEMO_TRAFFIC if t[3] in ("api.openai.com", "api.deepseek.com", "vllm")
                          and t[1] != "Qwen/Qwen2.5-72B-Instruct")
    runtime = ingest.build([write_spans(tmp_path / "clean.jsonl", 3000, traffic=declared_only)])
    doc = check(drift.drift(demo_scan, runtime))
    assert doc["shadow"] == [] and doc["alias_mismatch"] == [] and doc["host_mismatch"] == []
    assert doc["summary"]["matched"] == 4
    assert [n["model"] for n in doc["declared_not_seen"]] == ["baai/bge-reranker-v2-m3"]


def test_probe_results_feed_alias_drift(tmp_path: Path, demo_scan: dict[str, Any]) -> None:
    with serve(recording("vllm")["routes"]) as url:
        probe_doc = probing.probe([url], allow_private=True)
    path = tmp_path / "probe.json"
    path.write_text(json.dumps(probe_doc))
    doc = check(drift.drift(demo_scan, ingest.build([path])))
    (alias,) = doc["alias_mismatch"]
    assert alias["declared"] == "gpt-4o" and alias["served"] == "Qwen/Qwen2.5-72B-Instruct"
    assert alias["requests"] is None  # a probe counts nothing
    assert [s["model"] for s in doc["shadow"]] == ["/adapters/sql-lora"]  # the adapter nobody declared


@pytest.mark.parametrize(("served", "declared", "expected"), [
    ("api.openai.com:443", "api.openai.com", True),
    ("vllm:8000", "vllm:8000", True),
    ("vllm:8001", "vllm:8000", False),
    ("myres.openai.azure.com:443", "*.openai.azure.com", True),
    ("openrouter.ai:443", "api.deepseek.com", False),
    ("localhost", "localhost:8000", True),
    # loopback forms are one host; names compare case-insensitively (issue 15 follow-up)
    ("127.0.0.1:8000", "localhost:8000", True),
    ("[::1]:8000", "localhost:8000", True),
    ("0.0.0.0:8000", "127.0.0.1:8000", True),
    ("127.0.0.1:8001", "localhost:8000", False),
    ("API.OpenAI.com:443", "api.openai.com", True),
    ("gpu-box.internal:8000", "localhost:8000", False),
])
def test_host_matches(served: str, declared: str, expected: bool) -> None:
    assert drift.host_matches(served, declared) is expected


def test_cli_diff_with_a_runtime_inventory(tmp_path: Path) -> None:
    runtime_path = tmp_path / "runtime.json"
    runtime_path.write_text(json.dumps(ingest.build([write_spans(tmp_path / "s.jsonl", 1500)])))
    cmd = [sys.executable, "-c", "from modelmap.cli import main; main()", "diff"]
    proc = subprocess.run([*cmd, str(DEMO), str(runtime_path), "--format", "json"], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    doc = check(json.loads(proc.stdout))
    assert doc["summary"]["shadow"] == 1
    md = subprocess.run([*cmd, str(DEMO), str(runtime_path), "--format", "md"], capture_output=True, text=True,
                        timeout=300)
    assert md.returncode == 0 and "shadow AI" in md.stdout and "`claude-3-5-sonnet-20241022`" in md.stdout
    swapped = subprocess.run([*cmd, str(runtime_path), str(DEMO)], capture_output=True, text=True, timeout=300)
    assert swapped.returncode == 2 and "goes second" in swapped.stderr
    not_scan = tmp_path / "x.json"
    not_scan.write_text('{"schema": "something/1"}')
    bad = subprocess.run([*cmd, str(not_scan), str(runtime_path)], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "modelmap.scan/1" in bad.stderr


@pytest.mark.parametrize(("url", "expected"), [
    ("http://x.example", "x.example"),
    ("http://x.example:80", "x.example"),
    ("https://X.Example:443/v1", "x.example"),
    ("https://x.example:8443/v1", "x.example:8443"),
    ("http://x.example:443", "x.example:443"),  # not the default port of http
    ("http://[::1]:8000/v1", "[::1]:8000"),
    ("http://user:secret@vllm.internal:8000/v1", "vllm.internal:8000"),
])
def test_host_of_normalises_case_and_default_ports(url: str, expected: str) -> None:
    assert drift.host_of(url) == expected


def _span_line(model: str, address: str, port: int) -> str:
    attrs = {"gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": model,
             "gen_ai.response.model": model, "server.address": address}
    span = {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331", "name": f"chat {model}",
            "kind": 3, "startTimeUnixNano": "1764590400000000000", "endTimeUnixNano": "1764590401000000000",
            "attributes": [*({"key": k, "value": {"stringValue": v}} for k, v in attrs.items()),
                           {"key": "server.port", "value": {"intValue": str(port)}}]}
    return json.dumps({"resourceSpans": [{"resource": {"attributes": []}, "scopeSpans": [{"spans": [span]}]}]})


def test_loopback_endpoint_in_code_is_every_loopback_host_at_runtime(tmp_path: Path) -> None:
    # code points the model at http://LocalHost:8000/v1; telemetry reports the same server as 127.0.0.1, ::1 or
    # 0.0.0.0 (a bind address); only traffic to another port or another machine is a host mismatch
    from modelmap.cli.check_cmd import _inventory
    from modelmap.report.json import scan_document

    project = tmp_path / "proj"
    project.mkdir()
    (project / "app.py").write_text(
        "from openai import OpenAI\n\n"
        'client = OpenAI(base_url="http://LocalHost:8000/v1", api_key="none")\n'
        'reply = client.chat.completions.create(model="Qwen/Qwen2.5-7B-Instruct", messages=[])\n')
    scan = json.loads(json.dumps(scan_document(_inventory(project))))
    served = [("127.0.0.1", 8000), ("::1", 8000), ("0.0.0.0", 8000), ("LOCALHOST", 8000), ("127.0.0.1", 8001),
              ("gpu-box.internal", 8000)]
    spans = tmp_path / "spans.jsonl"
    spans.write_text("".join(_span_line("Qwen/Qwen2.5-7B-Instruct", a, p) + "\n" for a, p in served))
    doc = check(drift.drift(scan, ingest.build([spans])))
    assert doc["summary"]["shadow"] == 0 and doc["summary"]["declared_not_seen"] == 0
    assert sorted(h["served_from"] for h in doc["host_mismatch"]) == ["127.0.0.1:8001", "gpu-box.internal:8000"]
    assert all(h["declared_hosts"] == ["localhost:8000"] for h in doc["host_mismatch"])
