"""An app's spans and a gateway's log of the same requests are not added up (tryout 33, item 14).

The help desk's API traces each chat call (OTel GenAI span, ``gen_ai.request.model`` support-chat, to the LiteLLM
proxy) and the proxy logs the same call (modelmap runtime_log). ``modelmap runtime`` summed both, so
``runtime.requests`` for support-chat in ``plan --runtime`` / ``check --runtime`` said 9 for about 5 requests.
Where a gateway record carries the app's W3C trace id (the ``traceparent`` it forwarded) the two are one request,
counted once at the gateway; where no trace id is shared the sources are reported side by side and totals are the
largest source's count, never their sum. The runtime document says which it did.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from modelmap.policy.inventory import attach_runtime
from modelmap.runtime import ingest
from modelmap.types import Finding, ScanResult, ScanStats
from tests.conftest import load_schema

T0 = 1796580000


def _span(trace: str, n: int) -> dict[str, Any]:
    def attr(k: str, v: Any) -> dict[str, Any]:
        return {"key": k, "value": {"intValue": str(v)} if isinstance(v, int) else {"stringValue": v}}

    return {"traceId": trace, "spanId": f"{n:016x}", "name": "chat support-chat", "kind": 3,
            "startTimeUnixNano": str((T0 + 60 * n) * 10**9), "endTimeUnixNano": str((T0 + 60 * n + 1) * 10**9),
            "attributes": [attr("gen_ai.operation.name", "chat"), attr("gen_ai.system", "openai"),
                           attr("gen_ai.request.model", "support-chat"), attr("gen_ai.response.model", "support-chat"),
                           attr("server.address", "litellm.platform.svc"), attr("server.port", 4000),
                           attr("gen_ai.usage.input_tokens", 400), attr("gen_ai.usage.output_tokens", 100)]}


def _record(n: int, trace: str | None) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "record": "modelmap.litellm-record/1", "status": "success", "model_group": "support-chat",
        "requested_group": "support-chat", "model": "Qwen/Qwen2.5-14B-Instruct", "custom_llm_provider": "hosted_vllm",
        "api_base": "http://vllm.llm.svc.cluster.local:8000/v1", "prompt_tokens": 400, "completion_tokens": 100,
        "flows": ["support"], "startTime": T0 + 60 * n + 0.2,
        # LiteLLM's own call trace id: a UUID no span shares
        "trace_id": f"1fb5d910-0bf0-47b0-89e2-{n:012x}"}
    if trace:
        rec["metadata"] = {"headers": {"traceparent": f"00-{trace}-{n:016x}-01"}}
    return rec


def _sources(tmp_path: Path, *, propagated: bool) -> list[Path]:
    traces = [f"{n + 1:032x}" for n in range(5)]
    spans = tmp_path / "otel-traces.jsonl"
    spans.write_text(json.dumps({"resourceSpans": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "helpdesk-api"}}]},
        "scopeSpans": [{"spans": [_span(t, n) for n, t in enumerate(traces)]}]}]}) + "\n")
    log = tmp_path / "runtime.jsonl"
    # the gateway saw 4 of the app's 5 calls (one went out before the proxy's log was switched on)
    log.write_text("".join(json.dumps(_record(n, traces[n] if propagated else None)) + "\n" for n in range(1, 5)))
    return [spans, log]


def _usage(tmp_path: Path, doc: dict[str, Any]) -> Any:
    finding = Finding(kind="model", raw="support-chat", path="app/chat.py", line=10, column=1, role="generation")
    result = attach_runtime(ScanResult(root=str(tmp_path), findings=[finding], skips=[], stats=ScanStats()), doc)
    return (result.findings[0].resolution or {})["runtime"]


def test_the_same_trace_id_in_span_and_gateway_record_is_one_request(tmp_path: Path) -> None:
    doc = ingest.build(_sources(tmp_path, propagated=True))
    jsonschema.validate(doc, load_schema("runtime.schema.json"))
    counting = doc["summary"]["request_counting"]
    assert counting["method"] == "deduplicated" and counting["shared_requests"] == 4
    assert counting["by_source"] == {"litellm": 4, "otel-spans": 5}
    by_model = {m["model"]: m for m in doc["models"]}
    assert by_model["support-chat"]["requests"] == 1  # the call the gateway did not log
    assert by_model["support-chat"]["tokens"] == {"input": 400, "output": 100}
    assert by_model["hosted_vllm/Qwen/Qwen2.5-14B-Instruct"]["requests"] == 4
    assert doc["summary"]["requests"] == 5
    assert _usage(tmp_path, doc)["requests"] == 5


def test_without_a_shared_id_the_sources_are_not_summed(tmp_path: Path) -> None:
    doc = ingest.build(_sources(tmp_path, propagated=False))
    jsonschema.validate(doc, load_schema("runtime.schema.json"))
    counting = doc["summary"]["request_counting"]
    assert counting["method"] == "per-source" and counting["shared_requests"] == 0
    assert "not their sum" in counting["note"]
    assert counting["by_source"] == {"litellm": 4, "otel-spans": 5}
    assert doc["summary"]["requests"] == 5  # the largest source, not 9
    by_model = {m["model"]: m for m in doc["models"]}
    assert by_model["support-chat"]["requests_by_source"] == {"otel-spans": 5}
    assert by_model["hosted_vllm/Qwen/Qwen2.5-14B-Instruct"]["requests_by_source"] == {"litellm": 4}
    assert _usage(tmp_path, doc)["requests"] == 5  # was 9: 5 spans + 4 gateway records of the same calls


def test_one_source_is_counted_as_before(tmp_path: Path) -> None:
    spans = _sources(tmp_path, propagated=True)[0]
    doc = ingest.build([spans])
    assert doc["summary"]["request_counting"]["method"] == "single-source"
    assert "note" not in doc["summary"]["request_counting"]
    assert doc["summary"]["requests"] == 5
