"""modelmap runtime: streaming ingest of OTLP GenAI telemetry, LiteLLM logs and probe results (issue 15, item 3)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from modelmap.runtime import ingest
from tests.conftest import load_schema
from tests.runtime.fakes import FIXTURES, recording, serve
from tests.runtime.otlp_gen import START_NS, write_spans


def build(paths: list[Path], **kw: Any) -> dict[str, Any]:
    doc = ingest.build(paths, **kw)
    jsonschema.validate(doc, load_schema("runtime.schema.json"))
    return doc


def by_model(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["model"]: m for m in doc["models"]}


def oracle(path: Path, since_ns: int = 0) -> tuple[Counter[str], Counter[str]]:
    """Requests and input tokens per response model, counted the plain way (whole lines, json module)."""
    requests: Counter[str] = Counter()
    tokens: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        for rs in json.loads(line)["resourceSpans"]:
            for ss in rs["scopeSpans"]:
                for span in ss["spans"]:
                    attrs = {a["key"]: a["value"] for a in span["attributes"]}
                    if "gen_ai.response.model" not in attrs or int(span["startTimeUnixNano"]) < since_ns:
                        continue
                    model = attrs["gen_ai.response.model"]["stringValue"]
                    requests[model] += 1
                    tokens[model] += int(attrs["gen_ai.usage.input_tokens"]["intValue"])
    return requests, tokens


def test_otlp_spans_counts_match_a_plain_count(tmp_path: Path) -> None:
    path = write_spans(tmp_path / "spans.jsonl", 6000, batch=256)
    doc = build([path])
    requests, tokens = oracle(path)
    models = by_model(doc)
    assert set(models) == set(requests)
    for name, count in requests.items():
        assert models[name]["requests"] == count, name
        assert models[name]["tokens"]["input"] == tokens[name], name
    assert doc["summary"]["records"] == 6000
    assert doc["summary"]["genai_spans"] == sum(requests.values())
    # an alias answered by other weights: requested as gpt-4o, the response model is Qwen's
    qwen72 = models["Qwen/Qwen2.5-72B-Instruct"]
    assert qwen72["requested_as"] == ["gpt-4o"]
    assert qwen72["hosts"] == ["llm-gateway.internal:4000"]
    assert qwen72["resolution"]["publisher"]["id"] == "qwen"
    assert models["gpt-4o-2024-08-06"]["resolution"]["model"]["id"] == "openai/gpt-4o"
    assert models["gpt-4o-2024-08-06"]["resolution"]["served_by"]["id"] == "openai-api"  # from the host
    assert set(models["BAAI/bge-m3"]["operations"]) == {"embeddings"}
    assert models["BAAI/bge-m3"]["tokens"]["output"] is None  # never reported, not zero
    assert doc["summary"]["first_seen"] == "2025-12-01T00:00:00Z"


def test_deprecated_gen_ai_system_is_read_as_the_provider(tmp_path: Path) -> None:
    old = build([write_spans(tmp_path / "old.jsonl", 800, deprecated_system_share=1.0)])
    new = build([write_spans(tmp_path / "new.jsonl", 800, deprecated_system_share=0.0)])
    assert by_model(old)["claude-3-5-sonnet-20241022"]["providers"] == ["anthropic"]
    assert by_model(old)["claude-3-5-sonnet-20241022"]["providers"] == \
        by_model(new)["claude-3-5-sonnet-20241022"]["providers"]


def test_since_keeps_only_recent_records(tmp_path: Path) -> None:
    path = write_spans(tmp_path / "spans.jsonl", 4000, every_ns=10**9)
    cut = START_NS + 2000 * 10**9
    doc = build([path], since_ns=cut)
    requests, _ = oracle(path, since_ns=cut)
    assert {m["model"]: m["requests"] for m in doc["models"]} == dict(requests)
    assert doc["since"] == ingest.iso(cut)
    assert all(m["first_seen"] >= (ingest.iso(cut) or "") for m in doc["models"])
    assert doc["summary"]["before_since"] > 0
    now = datetime(2025, 12, 3, 12, 0, tzinfo=timezone.utc)
    assert ingest.parse_since("24h", now) == int(datetime(2025, 12, 2, 12, 0, tzinfo=timezone.utc).timestamp() * 1e9)
    assert ingest.parse_since("2025-12-01") == START_NS
    with pytest.raises(ValueError):
        ingest.parse_since("yesterday")


def test_otlp_metrics_give_tokens_and_request_counts(tmp_path: Path) -> None:
    def point(extra: list[dict[str, Any]], **values: Any) -> dict[str, Any]:
        attrs = [{"key": "gen_ai.request.model", "value": {"stringValue": "deepseek-chat"}},
                 {"key": "gen_ai.provider.name", "value": {"stringValue": "deepseek"}},
                 {"key": "server.address", "value": {"stringValue": "api.deepseek.com"}}, *extra]
        return {"attributes": attrs, "startTimeUnixNano": str(START_NS), "timeUnixNano": str(START_NS + 60 * 10**9),
                **values}

    token_type = [{"key": "gen_ai.token.type", "value": {"stringValue": "input"}}]
    out_type = [{"key": "gen_ai.token.type", "value": {"stringValue": "output"}}]
    doc = {"resourceMetrics": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "router"}}]},
                                "scopeMetrics": [{"metrics": [
        {"name": "gen_ai.client.token.usage", "unit": "{token}", "histogram": {"aggregationTemporality": 1, "dataPoints": [
            point(token_type, count="12", sum=4800), point(out_type, count="12", sum=960)]}},
        {"name": "gen_ai.client.operation.duration", "unit": "s", "histogram": {"aggregationTemporality": 1, "dataPoints": [
            point([], count="12", sum=30.5)]}},
        {"name": "http.server.request.duration", "histogram": {"dataPoints": [point([], count="99", sum=1.0)]}}]}]}]}
    path = tmp_path / "metrics.jsonl"
    path.write_text(json.dumps(doc) + "\n")
    (model,) = build([path])["models"]
    assert model["model"] == "deepseek-chat"
    assert model["requests"] == 12
    assert model["tokens"] == {"input": 4800, "output": 960}
    assert model["services"] == ["router"] and model["seen_in"] == ["otel-metrics"]


def test_litellm_callback_and_spend_logs() -> None:
    doc = build([FIXTURES / "litellm.callback.jsonl", FIXTURES / "litellm.spend-logs.json"])
    models = by_model(doc)
    qwen = models["hosted_vllm/Qwen/Qwen2.5-72B-Instruct"]
    assert qwen["requested_as"] == ["gpt-4o"]
    assert qwen["requests"] == 2 and qwen["tokens"] == {"input": 1290, "output": 330}
    assert qwen["hosts"] == ["vllm-prod.internal:8000"]
    assert qwen["resolution"]["publisher"]["id"] == "qwen"
    deepseek = models["deepseek/deepseek-chat"]
    assert deepseek["requests"] == 1  # the callback row; the spend-log row has no provider prefix
    assert models["deepseek-chat"]["first_seen"] == "2025-12-02T09:00:00Z"
    assert models["BAAI/bge-m3"]["operations"] == ["aembedding"]
    assert [s["kinds"] for s in doc["sources"]] == [["litellm"], ["litellm"]]


def test_probe_results_are_seen_but_not_counted(tmp_path: Path) -> None:
    from modelmap.runtime import probe

    with serve(recording("vllm")["routes"]) as url:
        result = probe.probe([url], allow_private=True)
    path = tmp_path / "probe.json"
    path.write_text(json.dumps(result, indent=2))
    models = by_model(build([path]))
    qwen = models["Qwen/Qwen2.5-72B-Instruct"]
    assert qwen["requested_as"] == ["gpt-4o"] and qwen["served_by_server"] == ["vllm"]
    assert qwen["requests"] is None and qwen["tokens"] is None and qwen["first_seen"] is None
    assert qwen["seen_in"] == ["probe"]


def test_bad_lines_are_counted_skips_never_crashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = write_spans(tmp_path / "good.jsonl", 8, batch=4).read_text().splitlines()
    assert len(good) == 2 and all(len(line) < 8192 for line in good)
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good[0], "{not json", '{"hello": "world"}', "[1, 2]", "x" * 20000, good[1]]) + "\n")
    monkeypatch.setattr(ingest, "MAX_LINE", 8192)
    doc = build([path])
    (src,) = doc["sources"]
    assert src["skip_reasons"] == {"line longer than 8192 bytes": 1, "not JSON": 1, "not a JSON object": 2,
                                   "not a known record shape": 1}
    assert src["records"] == 8  # both good batches were read around the bad lines
    # a broken first line does not hide the lines after it
    path.write_text("{broken\n" + good[1] + "\n")
    (src,) = build([path])["sources"]
    assert src["skip_reasons"] == {"not JSON": 1} and src["records"] == 4


def test_distinct_key_limit_bounds_memory(tmp_path: Path) -> None:
    doc = build([write_spans(tmp_path / "s.jsonl", 2000)], max_keys=3)
    assert len(doc["models"]) <= 3
    assert doc["summary"]["over_key_limit"] > 0


def test_cli_runtime_json_and_errors(tmp_path: Path) -> None:
    spans = write_spans(tmp_path / "spans.jsonl", 500)
    out = tmp_path / "runtime.json"
    cmd = [sys.executable, "-c", "from modelmap.cli import main; main()"]
    proc = subprocess.run([*cmd, "runtime", str(spans), "--format", "json", "-o", str(out), "--since", "2025-12-01"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text())
    jsonschema.validate(doc, load_schema("runtime.schema.json"))
    assert doc["summary"]["models"] == len(doc["models"]) > 0
    missing = subprocess.run([*cmd, "runtime", str(tmp_path / "nope.jsonl")], capture_output=True, text=True, timeout=300)
    assert missing.returncode == 2 and "cannot be read" in missing.stderr
    bad_since = subprocess.run([*cmd, "runtime", str(spans), "--since", "soon"], capture_output=True, text=True,
                               timeout=300)
    assert bad_since.returncode == 2 and "--since" in bad_since.stderr


def test_escape_characters_in_telemetry_model_names_are_shown_safely(tmp_path: Path) -> None:
    from modelmap.cli.diff_cmd import render_drift_table
    from modelmap.cli.runtime_cmd import render_table
    from modelmap.runtime import drift

    hostile = "gpt\x1b]0;pwned\x07-4o\u202e"
    span = {"traceId": "a" * 32, "spanId": "b" * 16, "name": "chat", "startTimeUnixNano": str(START_NS),
            "attributes": [{"key": "gen_ai.request.model", "value": {"stringValue": hostile}},
                           {"key": "server.address", "value": {"stringValue": "evil\x1b[31m.example"}}]}
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps({"resourceSpans": [{"scopeSpans": [{"spans": [span]}]}]}) + "\n")
    doc = build([path])
    assert doc["models"][0]["model"] == hostile  # kept as data
    table = render_table(doc)
    assert "\x1b" not in table and "\u202e" not in table and "\x07" not in table
    assert "\\x1b]0;pwned\\x07" in table
    scan = {"schema": "modelmap.scan/1", "findings": []}
    drift_table = render_drift_table(drift.drift(scan, doc))
    assert "\x1b" not in drift_table and "\u202e" not in drift_table


def test_litellm_failures_are_failed_attempts_not_models_seen(tmp_path: Path) -> None:
    # issue 15 follow-up: a LiteLLM failure record names the model it tried; that model did not serve
    ok = {"id": "chatcmpl-ok", "call_type": "acompletion", "status": "success", "model": "claude-3-5-sonnet-20240620",
          "model_group": "chat", "custom_llm_provider": "anthropic", "api_base": "https://api.anthropic.com",
          "prompt_tokens": 40, "completion_tokens": 9, "startTime": 1764590460.0}
    # LiteLLM's own StandardLoggingPayload for a failed call: status failure, the model it tried, error_information
    slp_failure = {"id": "chatcmpl-f1", "call_type": "acompletion", "status": "failure",
                   "status_fields": {"llm_api_status": "failure", "guardrail_status": "not_run"},
                   "model": "gpt-4o", "model_group": "chat", "custom_llm_provider": "openai",
                   "api_base": "https://api.openai.com/v1", "prompt_tokens": 0, "completion_tokens": 0,
                   "startTime": 1764590400.0, "response": {}, "error_str": "litellm.RateLimitError: quota",
                   "error_information": {"error_class": "RateLimitError", "error_code": "429",
                                         "llm_provider": "openai", "error_message": "quota"}}
    # the modelmap callback's failure line (integrations/litellm.py record_for, ok=False): no answering model
    ours = {"record": "modelmap.litellm-record/1", "status": "failure", "call_type": "acompletion",
            "model_group": None, "requested_group": "chat", "model": None, "custom_llm_provider": None,
            "upstream_model": None, "attempted_upstream": "deepseek/deepseek-chat", "api_base": None,
            "startTime": 1764590430.0, "error": {"class": "PolicyRejected", "message": "forbidden", "rule": "no-cn"}}
    # an OTel-less spend-log row whose failure is only in its metadata (LiteLLM _get_status_for_spend_log)
    spend_failure = {"request_id": "r-9", "call_type": "aembedding", "model": "text-embedding-3-small",
                     "model_group": "embed", "custom_llm_provider": "openai", "api_base": "https://api.openai.com/v1",
                     "prompt_tokens": 0, "completion_tokens": 0, "startTime": "2025-12-01T12:00:00.000Z",
                     "metadata": {"status": "failure", "error_information": {"error_class": "APIConnectionError"}}}
    path = tmp_path / "litellm.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (slp_failure, ours, ok, spend_failure, slp_failure)))
    doc = build([path])
    assert [m["model"] for m in doc["models"]] == ["anthropic/claude-3-5-sonnet-20240620"]
    assert doc["models"][0]["requests"] == 1 and doc["models"][0]["requested_as"] == ["chat"]
    failed = {f["model_group"]: f for f in doc["failed_attempts"]}
    assert sorted(failed) == ["chat", "embed"]
    assert failed["chat"]["attempts"] == 3
    assert failed["chat"]["upstreams"] == ["deepseek/deepseek-chat", "openai/gpt-4o"]
    assert failed["chat"]["errors"] == {"PolicyRejected": 1, "RateLimitError": 2}
    assert failed["chat"]["first_seen"] == "2025-12-01T12:00:00Z" and failed["chat"]["last_seen"] == "2025-12-01T12:00:30Z"
    assert failed["embed"]["errors"] == {"APIConnectionError": 1}
    assert doc["summary"]["failed_attempts"] == 4 and doc["summary"]["requests"] == 1
    # --since drops old failures like old successes
    later = build([path], since_ns=int(datetime(2025, 12, 1, 12, 0, 20, tzinfo=timezone.utc).timestamp() * 1e9))
    assert [(f["model_group"], f["attempts"]) for f in later["failed_attempts"]] == [("chat", 1)]


def test_an_error_with_no_answering_model_is_a_failure(tmp_path: Path) -> None:
    # no status field at all: an error and no model that answered is still a failed attempt, never a model seen
    record = {"model_group": "chat", "call_type": "acompletion", "model": "", "error_str": "timeout",
              "startTime": 1764590400.0}
    answered = {**record, "model": "gpt-4o-mini", "custom_llm_provider": "openai", "error_str": None}
    path = tmp_path / "litellm.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps(answered) + "\n")
    doc = build([path])
    assert [m["model"] for m in doc["models"]] == ["openai/gpt-4o-mini"]
    assert doc["failed_attempts"] == [{"model_group": "chat", "attempts": 1, "upstreams": [], "errors": {"error": 1},
                                       "first_seen": "2025-12-01T12:00:00Z", "last_seen": "2025-12-01T12:00:00Z"}]
