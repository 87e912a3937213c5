"""A loopback HTTP server that answers GETs from a fixed route table (recorded Hub replies), for the online tests:
no network, every request recorded in order."""

from __future__ import annotations

import http.server
import json
import threading
from typing import Any

import pytest


def serve_routes(routes: dict[str, bytes]) -> tuple[http.server.HTTPServer, list[str]]:
    """Start a server on 127.0.0.1 answering each path in ``routes`` with its body (404 otherwise); the caller shuts
    it down. Returns the server and the list of paths requested."""
    served: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.append(self.path)
            body = routes.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, served


def enrich_with_adapter_config(monkeypatch: pytest.MonkeyPatch, cache_dir: Any, offline: Any, repo: str,
                               adapter_base: str, rank: int = 8) -> tuple[Any, list[str]]:
    """``online.enrich(offline)`` against a loopback Hub that serves ``repo`` as a PEFT LoRA repository whose
    adapter_config.json names ``adapter_base`` (a recorded reply of the shape the Hub gives); returns the enriched
    resolution and the paths requested, in order."""
    from modelmap.provenance import online

    info = {"id": repo, "author": repo.split("/")[0], "cardData": {"library_name": "peft"},
            "siblings": [{"rfilename": "adapter_config.json"}, {"rfilename": "adapter_model.safetensors"}]}
    server, served = serve_routes({
        f"/api/models/{repo}": json.dumps(info).encode(),
        f"/{repo}/resolve/main/adapter_config.json": json.dumps(
            {"peft_type": "LORA", "base_model_name_or_path": adapter_base, "r": rank}).encode(),
    })
    try:
        monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{server.server_address[1]}")
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.setenv("MODELMAP_CACHE_DIR", str(cache_dir))
        return online.enrich(offline), served
    finally:
        server.shutdown()
        server.server_close()
