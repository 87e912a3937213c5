"""A loopback HTTP server that answers GETs from a fixed route table (recorded Hub replies), for the online tests:
no network, every request recorded in order."""

from __future__ import annotations

import http.server
import threading
from typing import Any


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
