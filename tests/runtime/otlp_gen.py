"""Generates realistic OTLP JSON-lines trace files (the OpenTelemetry file exporter's shape) for the
runtime-ingest tests and bench/runtime_ingest.py. Deterministic for a seed.

Each line is one export batch (``TracesData``) of ``batch`` spans under a resource with
``service.name``; about half the spans are GenAI client spans with the semantic-convention attributes
an OpenAI/Anthropic instrumentation writes (operation, provider or the deprecated gen_ai.system,
request/response model, usage, server address and port, finish reasons as an array, temperature as a
double), the rest are HTTP server and database spans that carry no model."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

# (requested model, response model, provider, server.address, server.port, weight)
DEMO_TRAFFIC: tuple[tuple[str, str, str, str, int, int], ...] = (
    ("gpt-4o", "gpt-4o-2024-08-06", "openai", "api.openai.com", 443, 30),
    ("deepseek-chat", "deepseek-chat", "deepseek", "api.deepseek.com", 443, 25),
    ("Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct", "openai", "vllm", 8000, 20),
    ("BAAI/bge-m3", "BAAI/bge-m3", "openai", "vllm", 8000, 10),
    # a team calls an API nobody declared
    ("claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022", "anthropic", "api.anthropic.com", 443, 5),
    # an internal gateway answers "gpt-4o" with Qwen weights
    ("gpt-4o", "Qwen/Qwen2.5-72B-Instruct", "openai", "llm-gateway.internal", 4000, 6),
    # deepseek-chat sent through OpenRouter instead of the DeepSeek endpoint in the code
    ("deepseek-chat", "deepseek-chat", "openai", "openrouter.ai", 443, 4),
)
START_NS = 1_764_547_200 * 10**9  # 2025-12-01T00:00:00Z
SERVICES = ("answer-api", "router", "retrieval-worker")


def _s(key: str, value: str) -> dict[str, Any]:
    return {"key": key, "value": {"stringValue": value}}


def _i(key: str, value: int) -> dict[str, Any]:
    return {"key": key, "value": {"intValue": str(value)}}


def _span(rng: random.Random, t: int, traffic: tuple[tuple[str, str, str, str, int, int], ...],
          weights: list[int], deprecated_system: bool) -> dict[str, Any]:
    trace_id = f"{rng.getrandbits(128):032x}"
    span_id = f"{rng.getrandbits(64):016x}"
    if rng.random() < 0.5:
        if rng.random() < 0.5:
            return {"traceId": trace_id, "spanId": span_id, "name": "POST /api/answer", "kind": 2,
                    "startTimeUnixNano": str(t), "endTimeUnixNano": str(t + 90_000_000),
                    "attributes": [_s("http.request.method", "POST"), _s("url.path", "/api/answer"),
                                   _i("http.response.status_code", 200)], "status": {}}
        return {"traceId": trace_id, "spanId": span_id, "name": "SELECT documents", "kind": 3,
                "startTimeUnixNano": str(t), "endTimeUnixNano": str(t + 4_000_000),
                "attributes": [_s("db.system.name", "postgresql"), _s("db.operation.name", "SELECT")], "status": {}}
    req, resp, provider, host, port, _ = rng.choices(traffic, weights)[0]
    embed = "bge" in req.lower()
    op = "embeddings" if embed else "chat"
    attrs = [_s("gen_ai.operation.name", op),
             _s("gen_ai.system" if deprecated_system else "gen_ai.provider.name", provider),
             _s("gen_ai.request.model", req), _s("gen_ai.response.model", resp),
             _s("gen_ai.response.id", f"chatcmpl-{rng.getrandbits(48):012x}"),
             _i("gen_ai.usage.input_tokens", rng.randint(20, 3000)),
             _s("server.address", host), _i("server.port", port)]
    if not embed:
        attrs += [_i("gen_ai.usage.output_tokens", rng.randint(5, 800)),
                  {"key": "gen_ai.request.temperature", "value": {"doubleValue": 0.2}},
                  {"key": "gen_ai.response.finish_reasons",
                   "value": {"arrayValue": {"values": [{"stringValue": "stop"}]}}}]
    return {"traceId": trace_id, "spanId": span_id, "parentSpanId": f"{rng.getrandbits(64):016x}",
            "name": f"{op} {req}", "kind": 3, "startTimeUnixNano": str(t),
            "endTimeUnixNano": str(t + rng.randint(200, 9000) * 1_000_000), "attributes": attrs, "status": {}}


def write_spans(path: Path, spans: int, *, seed: int = 15, batch: int = 512, every_ns: int = 50_000_000,
                traffic: tuple[tuple[str, str, str, str, int, int], ...] = DEMO_TRAFFIC,
                deprecated_system_share: float = 0.3) -> Path:
    """Write ``spans`` spans (all kinds) as JSON lines of ``batch`` spans each; returns ``path``."""
    rng = random.Random(seed)
    weights = [t[5] for t in traffic]
    written = 0
    t = START_NS
    with path.open("w", encoding="utf-8") as out:
        while written < spans:
            n = min(batch, spans - written)
            service = SERVICES[rng.randrange(len(SERVICES))]
            deprecated = rng.random() < deprecated_system_share
            batch_spans = []
            for _ in range(n):
                batch_spans.append(_span(rng, t, traffic, weights, deprecated))
                t += every_ns
            doc = {"resourceSpans": [{"resource": {"attributes": [_s("service.name", service),
                                                                 _s("telemetry.sdk.language", "python")]},
                                      "scopeSpans": [{"scope": {"name": "opentelemetry.instrumentation.openai_v2",
                                                                "version": "2.1b0"}, "spans": batch_spans}]}]}
            out.write(json.dumps(doc, separators=(",", ":")) + "\n")
            written += n
    return path
