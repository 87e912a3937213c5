"""A server on loopback is named only by a documented port, never by the host name alone (tryout 33, item 6).

providers.yaml lists every local server (vLLM, Ollama, TGI, llama.cpp, LM Studio, llamafile) on localhost and
127.0.0.1; llamafile documents no port. ``modelmap runtime`` named the server behind any loopback port that no other
server documents "llamafile": the help desk's LiteLLM proxy on 127.0.0.1:14000 and its vLLM on :18001 were both
"served by llamafile". A documented default port still names its server (Ollama on 11434).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from modelmap.runtime.ingest import build


def _span(model: str, host: str, port: int) -> dict[str, Any]:
    return {"traceId": "0" * 31 + "2", "spanId": "0" * 15 + "2", "name": f"chat {model}", "kind": 3,
            "startTimeUnixNano": "1796580000000000000", "endTimeUnixNano": "1796580000400000000",
            "attributes": [{"key": "gen_ai.operation.name", "value": {"stringValue": "chat"}},
                           {"key": "gen_ai.system", "value": {"stringValue": "openai"}},
                           {"key": "gen_ai.request.model", "value": {"stringValue": model}},
                           {"key": "server.address", "value": {"stringValue": host}},
                           {"key": "server.port", "value": {"intValue": str(port)}}]}


def test_an_undocumented_loopback_port_names_no_server(tmp_path: Path) -> None:
    batch = {"resourceSpans": [{"resource": {"attributes": [
        {"key": "service.name", "value": {"stringValue": "helpdesk-api"}}]}, "scopeSpans": [{"spans": [
            _span("support-chat", "127.0.0.1", 14000), _span("llama3.2:3b", "localhost", 11434)]}]}]}
    path = tmp_path / "otel.jsonl"
    path.write_text(json.dumps(batch) + "\n")
    by_model = {m["model"]: m for m in build([path])["models"]}
    gateway = by_model["support-chat"]["resolution"]["served_by"]
    assert gateway is None or gateway.get("id") not in ("llamafile",), gateway
    ollama = by_model["llama3.2:3b"]["resolution"]["served_by"]
    assert ollama and ollama["id"] == "ollama"
