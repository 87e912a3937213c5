"""Stdlib loopback fakes of inference servers, replaying the recorded reply shapes in
tests/fixtures/runtime/probe.<server>.json (each file names the documentation it was recorded from)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "runtime"
Handler = Callable[[BaseHTTPRequestHandler], None]


def recording(server: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"probe.{server}.json").read_text())


@contextmanager
def serve(routes: dict[str, Any], special: dict[str, Handler] | None = None) -> Iterator[str]:
    """A server on 127.0.0.1 answering ``"METHOD /path"`` with the JSON in ``routes`` (404 otherwise);
    ``special`` maps a route to a handler that writes its own (hostile) reply. Yields the base URL."""
    seen: list[str] = []

    class _Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self, method: str) -> None:
            key = f"{method} {self.path}"
            seen.append(key)
            if method == "POST":
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if special and key in special:
                special[key](self)
                return
            if key not in routes:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = json.dumps(routes[key]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer("GET")

        def do_POST(self) -> None:
            self._answer("POST")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def huge_json(size: int) -> Handler:
    """A reply that never ends within the size cap: a JSON array streamed without Content-Length."""
    def handler(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.end_headers()
        h.wfile.write(b'{"object":"list","data":[')
        chunk = b'{"id":"x","object":"model"},' * 4096
        sent = 0
        try:
            while sent < size:
                h.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
    return handler


def slow_drip(seconds: float) -> Handler:
    """Headers at once, then one byte every 0.2 s for ``seconds``."""
    def handler(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.end_headers()
        until = time.monotonic() + seconds
        try:
            while time.monotonic() < until:
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass
    return handler


def redirect(location: str) -> Handler:
    def handler(h: BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return handler


def header_drip(seconds: float) -> Handler:
    """A status line, then one header line every 0.2 s for ``seconds``: never finishes the headers."""
    def handler(h: BaseHTTPRequestHandler) -> None:
        until = time.monotonic() + seconds
        try:
            h.wfile.write(b"HTTP/1.1 200 OK\r\n")
            h.wfile.flush()
            n = 0
            while time.monotonic() < until:
                h.wfile.write(f"X-Drip-{n}: 1\r\n".encode())
                h.wfile.flush()
                n += 1
                time.sleep(0.2)
        except OSError:
            pass
    return handler
