"""A stand-in for a self-hosted vLLM server, for the demo's probe → runtime → drift walkthrough.

Standard library only. It answers like vLLM started with ``--model Qwen/Qwen2.5-7B-Instruct
--served-model-name gpt-4o``: ``GET /v1/models`` lists ``gpt-4o`` whose ``root`` (the weights) is the Qwen
model, in vLLM's documented ModelCard shape
(https://github.com/vllm-project/vllm/blob/main/vllm/entrypoints/openai/protocol.py), and
``POST /v1/chat/completions`` returns a fixed reply with token usage. Nothing is generated.

    python examples/runtime/fake_openai_server.py --port 8000            # loopback only by default
"""

from __future__ import annotations

import argparse
import json
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVED_NAME = "gpt-4o"
WEIGHTS = "Qwen/Qwen2.5-7B-Instruct"
MAX_BODY = 1 << 20


class Handler(BaseHTTPRequestHandler):
    server_version = "fake-vllm/0"

    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.rstrip("/") == "/v1/models":
            self._send(200, {"object": "list", "data": [{
                "id": SERVED_NAME, "object": "model", "created": 1733200000, "owned_by": "vllm",
                "root": WEIGHTS, "parent": None, "max_model_len": 32768, "permission": []}]})
        elif self.path == "/health":
            self._send(200, {})
        else:
            self._send(404, {"object": "error", "message": f"no route {self.path}", "code": 404})

    def do_POST(self) -> None:  # noqa: N802
        length = min(int(self.headers.get("Content-Length") or 0), MAX_BODY)
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            request = {}
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send(404, {"object": "error", "message": f"no route {self.path}", "code": 404})
            return
        self._send(200, {
            "id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion", "created": int(time.time()),
            "model": request.get("model") or SERVED_NAME,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": "a fixed reply from the fake server"}}],
            "usage": {"prompt_tokens": 9, "completion_tokens": 7, "total_tokens": 16}})

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    ThreadingHTTPServer((args.host, args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
