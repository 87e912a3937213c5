"""Red-team probes for the newer commands: runtime, probe, eval, plan / scenario, diff of a runtime inventory,
and the server's upload API (issues 15, 16, 17).

Imported by tests/redteam/probes.py before its FAST list is applied, so every probe here lands in the one
registry (``PROBES``). Loopback servers are started in a probe's build (as ``hub_server`` does) and stopped
by its cleanup; their URL is put in ``ctx.state`` and reaches the argv as ``{srv}``.

Stdlib only at import time.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from tests.redteam.probes import (
    CHECK_ANY,
    ESC_CLEAR,
    ESC_TITLE,
    MB,
    OK,
    OK_OR_USAGE,
    PY_CALL,
    USAGE,
    chain,
    fifo,
    files,
    no_html_in_md,
    no_text,
    not_exists,
    probe,
    stdout_below,
    symlink,
    write,
    write_chunks,
)
from tests.redteam.runner import CHILD, Ctx, Result, child_env

PROBE_FAIL = frozenset({1})  # modelmap probe: a URL could not be read
OK_OR_FAIL = frozenset({0, 1})
MARKUP = "[bold red]x[/bold red][link=file:///etc/passwd]y[/link]"
HOSTILE = f"{ESC_TITLE}{ESC_CLEAR}\u009b2J{MARKUP}"


# ---------------------------------------------------------------- a loopback HTTP server

Handle = Callable[[http.server.BaseHTTPRequestHandler, str, bytes], None]


def reply(req: http.server.BaseHTTPRequestHandler, body: bytes | Any, status: int = 200,
          headers: dict[str, str] | None = None) -> None:
    """Send one answer (a JSON value is dumped; bytes are sent as they are)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req.send_response(status)
    hdrs = {"Content-Type": "application/json", "Content-Length": str(len(data)), **(headers or {})}
    for k, v in hdrs.items():
        req.send_header(k, v)
    req.end_headers()
    req.wfile.write(data)


def serve_http(handle: Handle, name: str = "srv", host: str = "127.0.0.1") -> Callable[[Ctx], object]:
    """A loopback HTTP server answering every request through ``handle(request, method, body)``; its base URL
    is ``ctx.state[name]`` ({srv} in the argv) and each request is logged in ``ctx.state[name + "_hits"]`` as
    (method, path, Authorization header)."""
    def build(ctx: Ctx) -> None:
        hits: list[tuple[str, str, str]] = []
        ctx.state[name + "_hits"] = hits

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self, method: str) -> None:
                hits.append((method, self.path, self.headers.get("Authorization") or ""))
                length = self.headers.get("Content-Length")
                body = self.rfile.read(int(length)) if length and length.isdigit() and int(length) < 4 * MB else b""
                with contextlib.suppress(OSError):
                    handle(self, method, body)
                self.close_connection = True

            def do_GET(self) -> None:
                self._any("GET")

            def do_POST(self) -> None:
                self._any("POST")

            def do_HEAD(self) -> None:
                self._any("HEAD")

            def log_message(self, *a: Any) -> None:
                pass

        srv = http.server.ThreadingHTTPServer((host, 0), Handler)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        ctx.cleanup.append(srv.shutdown)
        ctx.cleanup.append(srv.server_close)
        ctx.state[name] = f"http://{host}:{srv.server_port}"
        ctx.state[name + "_host"] = f"{host}:{srv.server_port}"
        ctx.env["NO_PROXY"] = ctx.env["no_proxy"] = "127.0.0.1,localhost,127.0.0.2"
    return build


def routes(table: Mapping[str, Any], default: Any = None) -> Handle:
    """Answer by path (query left out); a value that is not callable is sent as JSON; unknown paths: 404."""
    def handle(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
        path = req.path.split("?", 1)[0]
        ans = table.get(path, default)
        if ans is None:
            reply(req, {"error": "not found"}, 404)
        elif callable(ans):
            ans(req, method, body)
        else:
            reply(req, ans)
    return handle


def stall(seconds: float) -> Callable[[http.server.BaseHTTPRequestHandler, str, bytes], None]:
    def handle(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
        time.sleep(seconds)
    return handle


def drip_headers(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
    """A status line, then one header byte a second: no per-read timeout ever fires."""
    req.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    req.wfile.flush()
    for _ in range(120):
        time.sleep(0.5)
        req.wfile.write(b"a")
        req.wfile.flush()


def drip_body(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
    req.send_response(200)
    req.send_header("Content-Type", "application/json")
    req.send_header("Content-Length", "100000")
    req.end_headers()
    req.wfile.write(b'{"data": [')
    for _ in range(240):
        time.sleep(0.25)
        req.wfile.write(b" ")
        req.wfile.flush()


def endless_body(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
    """Chunked, never ending (stops after 2 GB or when the client goes away)."""
    req.send_response(200)
    req.send_header("Content-Type", "application/json")
    req.send_header("Transfer-Encoding", "chunked")
    req.end_headers()
    block = b" " * 65536
    chunk = b"%x\r\n" % len(block) + block + b"\r\n"
    req.wfile.write(b'1\r\n{\r\n')
    for _ in range(32768):
        req.wfile.write(chunk)


def big_json(size: int, length_header: bool = True) -> Callable[[http.server.BaseHTTPRequestHandler, str, bytes], None]:
    def handle(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
        item = b'{"id": "m", "object": "model", "owned_by": "x"},'
        n = size // len(item)
        req.send_response(200)
        req.send_header("Content-Type", "application/json")
        if length_header:
            req.send_header("Content-Length", str(len(item) * n + len(b'{"data": [') + len(b'{}]}')))
        req.end_headers()
        req.wfile.write(b'{"data": [')
        for _ in range(n // 1000):
            req.wfile.write(item * 1000)
        req.wfile.write(item * (n % 1000) + b'{}]}')
    return handle


def cut_short(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
    """Promises 100 kB, sends 20 bytes, hangs up."""
    req.send_response(200)
    req.send_header("Content-Type", "application/json")
    req.send_header("Content-Length", "100000")
    req.end_headers()
    req.wfile.write(b'{"choices": [{"mess')
    req.wfile.flush()
    with contextlib.suppress(OSError):
        req.connection.shutdown(socket.SHUT_RDWR)


def hits(res: Result, name: str = "srv") -> list[tuple[str, str, str]]:
    got = res.ctx.state.get(name + "_hits")
    return got if isinstance(got, list) else []


def not_hit(name: str = "srv") -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        h = hits(res, name)
        return f"the server {name} was contacted {len(h)} time(s): {h[:2]}" if h else None
    check.__name__ = f"not_hit({name})"
    return check


def no_auth_sent(name: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        sent = [h for h in hits(res, name) if h[2]]
        return f"the token reached {name}: {sent[:1]}" if sent else None
    return check


def endpoint_error(res: Result) -> str | None:
    """modelmap probe -f json: every endpoint answered with an error (none is silently a success)."""
    doc = res.json()
    eps = doc.get("endpoints") if isinstance(doc, dict) else None
    if not isinstance(eps, list) or not eps:
        return "no endpoints in the probe result"
    ok = [e.get("url") for e in eps if isinstance(e, dict) and not e.get("error")]
    return f"endpoints without an error: {ok[:3]}" if ok else None


def models_at_most(n: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        doc = res.json()
        for ep in doc.get("endpoints") or []:
            if len(ep.get("models") or []) > n:
                return f"{len(ep['models'])} models listed (cap {n})"
        return None
    return check


def finished_within(seconds: float) -> Callable[[Result], str | None]:
    """A bound the command itself promises (its own deadline), with a wide margin for a loaded machine."""
    def check(res: Result) -> str | None:
        return f"took {res.seconds:.0f} s; its deadline promises well under {seconds:.0f} s" \
            if res.seconds > seconds else None
    return check


def runtime_models(res: Result) -> list[dict[str, Any]]:
    doc = res.json()
    return [m for m in doc.get("models") or [] if isinstance(m, dict)]


def names_capped(limit: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        long = [len(m.get("model") or "") for m in runtime_models(res) if len(m.get("model") or "") > limit]
        return f"a model name of {long[0]} characters (cap {limit})" if long else None
    return check


# ---------------------------------------------------------------- runtime ingest

def _span(model: Any, start: Any = "1764547200000000000", extra: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    attrs = [{"key": "gen_ai.request.model", "value": {"stringValue": model}},
             {"key": "gen_ai.provider.name", "value": {"stringValue": "openai"}}, *extra]
    return {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "svc"}}]},
                               "scopeSpans": [{"spans": [{"spanId": "1", "startTimeUnixNano": start,
                                                          "attributes": attrs}]}]}]}


def _metric(sum_text: str, token_type: str = "input") -> str:
    return ('{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"gen_ai.client.token.usage","histogram":'
            '{"dataPoints":[{"sum":' + sum_text + ',"count":' + sum_text + ',"timeUnixNano":"1764547200000000000",'
            '"attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},'
            '{"key":"gen_ai.token.type","value":{"stringValue":"' + token_type + '"}}]}]}}]}]}]}\n')


GOOD_SPAN = json.dumps(_span("gpt-4o")) + "\n"
_LITELLM = '{"model_group":"gpt-4o","model":"gpt-4o","custom_llm_provider":"openai","startTime":%s}\n'
RT_JSON = ("runtime", "otel.jsonl", "-f", "json")


def rt_probe(id: str, spec: Any, argv: Iterable[str] = RT_JSON, codes: frozenset[int] = OK, **kw: Any) -> None:
    """spec: a builder taking the ctx, or a zero-argument callable returning the files."""
    build = spec if spec.__code__.co_argcount == 1 else files(spec)
    argv = tuple(argv)
    probe(id, "runtime-ingest", build, argv, codes, fmt="json" if "json" in argv else None, **kw)


def _good_kept(res: Result) -> str | None:
    """The well-formed record beside the hostile one is still counted (nothing lost)."""
    if res.rc != 0:
        return None
    names = {m.get("model") for m in runtime_models(res)} | {r for m in runtime_models(res)
                                                               for r in m.get("requested_as") or []}
    return None if "gpt-4o" in names else f"the good gpt-4o record beside the hostile one was lost: {sorted(map(str, names))[:5]}"


_DEEP = 100_000
rt_probe("runtime-otlp-deep-100k", lambda: {"otel.jsonl": '{"resourceSpans":' + "[" * _DEEP + "]" * _DEEP + "}\n"
                                            + GOOD_SPAN}, checks=(_good_kept,))
rt_probe("runtime-otlp-deep-attribute", lambda: {"otel.jsonl": json.dumps(_span("x"))[:-4].replace(
    '"attributes": [', '"attributes": [{"key": "gen_ai.request.model", "value": {"kvlistValue": '
    + '{"values": [' * 400 + ']}' * 400 + '}}, ', 1) + "}]}]}\n" + GOOD_SPAN}, checks=(_good_kept,))
rt_probe("runtime-otlp-deep-pretty", lambda: {"otel.jsonl": "[\n" + "[" * _DEEP + "]" * _DEEP + "\n]\n"})
rt_probe("runtime-huge-attribute-string", lambda: {"otel.jsonl": json.dumps(_span("m" * (40 * MB))) + "\n" + GOOD_SPAN},
         checks=(_good_kept, names_capped(4096), stdout_below(2 * MB)), timeout=90)


def _over_line(ctx: Ctx) -> None:
    head = b'{"model_group":"' + b"a" * 100
    write_chunks(ctx.work / "otel.jsonl", head, b"a" * 1024, 66 * 1024, b'"}\n' + GOOD_SPAN.encode())


rt_probe("runtime-line-over-64mb", _over_line, checks=(_good_kept,), timeout=90)
rt_probe("runtime-litellm-time-nan", lambda: {"otel.jsonl": _LITELLM % "NaN" + GOOD_SPAN}, checks=(_good_kept,))
rt_probe("runtime-litellm-time-inf", lambda: {"otel.jsonl": _LITELLM % "1e400" + GOOD_SPAN}, checks=(_good_kept,))
rt_probe("runtime-litellm-time-neg-inf", lambda: {"otel.jsonl": _LITELLM % "-Infinity" + GOOD_SPAN},
         checks=(_good_kept,))
rt_probe("runtime-span-time-huge-int", lambda: {"otel.jsonl": json.dumps(_span("gpt-4o", "9" * 23)) + "\n"})
rt_probe("runtime-span-time-5000-digits", lambda: {"otel.jsonl": json.dumps(_span("gpt-4o"))
                                                   .replace('"1764547200000000000"', "9" * 5000) + "\n" + GOOD_SPAN},
         checks=(_good_kept,))
rt_probe("runtime-span-time-year-9999", lambda: {"otel.jsonl": json.dumps(_span("gpt-4o", "253402300800000000000"))
                                                 + "\n"})
rt_probe("runtime-litellm-iso-time-far", lambda: {"otel.jsonl": _LITELLM % '"9999-12-31T23:59:59-14:00"'
                                                  + _LITELLM % '"0001-01-01T00:00:00+14:00"'})
rt_probe("runtime-metric-sum-inf", lambda: {"otel.jsonl": _metric("1e999") + GOOD_SPAN}, checks=(_good_kept,))
rt_probe("runtime-metric-sum-nan", lambda: {"otel.jsonl": _metric("NaN", "output") + GOOD_SPAN}, checks=(_good_kept,))
rt_probe("runtime-metric-sum-huge-int", lambda: {"otel.jsonl": _metric("9" * 4000) + GOOD_SPAN}, checks=(_good_kept,))
rt_probe("runtime-litellm-wrong-types", lambda: {"otel.jsonl": (
    '{"model_group":5,"model":["x"],"api_base":{"a":1},"startTime":"2026-13-45","prompt_tokens":"9999999999999999999999",'
    '"custom_llm_provider":7,"status":[1],"metadata":"x","status_fields":5,"error":{"class":[]}}\n'
    '{"model_group":"g","model":null,"api_base":"http://[::1","error":"boom","attempted_upstream":{"a":1}}\n'
    '{"standard_logging_object":"x","call_type":5}\n' + GOOD_SPAN)}, checks=(_good_kept,))
rt_probe("runtime-otlp-wrong-types", lambda: {"otel.jsonl": (
    '{"resourceSpans":"x"}\n{"resourceSpans":[5,{"scopeSpans":7},{"scopeSpans":[{"spans":[1,null,"s",'
    '{"attributes":{"a":1}},{"attributes":[5,{"key":[],"value":1},{"key":"gen_ai.request.model","value":'
    '{"arrayValue":{"values":[1]}}},{"key":"server.port","value":{"intValue":"99999999999999999999"}}]}]}]}]}\n'
    '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"gen_ai.client.token.usage","histogram":[]},5]}]}]}\n'
    + GOOD_SPAN)}, checks=(_good_kept,))
rt_probe("runtime-invalid-utf8", lambda: {"otel.jsonl": b'\xff\xfe{"model_group":"\xff","model":"a\xc3"}\n'
                                          + b'{"model_group":"\xed\xa0\x80x","model":"y"}\n' + GOOD_SPAN.encode()},
         checks=(_good_kept,))
rt_probe("runtime-escape-names-table", lambda: {"otel.jsonl": json.dumps(_span(HOSTILE, extra=[
    {"key": "server.address", "value": {"stringValue": ESC_TITLE + "evil.example"}}])) + "\n"},
    ("runtime", "otel.jsonl"), OK)
rt_probe("runtime-escape-names-json", lambda: {"otel.jsonl": json.dumps(_span(HOSTILE)) + "\n"})


def _many_lines(distinct: bool, count: int = 250_000) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        with open(ctx.work / "otel.jsonl", "w", encoding="utf-8") as fh:
            for start in range(0, count, 10_000):
                if distinct:
                    fh.write("".join(f'{{"model_group":"m{i}","model":"m{i}"}}\n' for i in range(start, start + 10_000)))
                else:
                    fh.write('{"model_group":"gpt-4o","model":"gpt-4o"}\n' * 10_000)
    return build


def _cpu_below(seconds: float) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        return None if res.cpu_seconds < seconds else f"used {res.cpu_seconds:.1f} s of CPU (limit {seconds:g} s)"
    return check


# 250,000 lines (25 times the 10,000 distinct names ingest keeps), each with a CPU limit: were 1,000,000 lines under a
# 120 s wall limit only (7-8 s of CPU each at load 12, two of the suite's five costliest probes). The limits are
# stricter per line than before (8 s / 250,000 = 32 us a line, was 120 us), so a per-line cost or a quadratic term
# that failed the old probe fails this one; the output bound is scaled with the input (256 MB for 1 M names -> 64 MB)
rt_probe("runtime-250k-tiny-lines", _many_lines(False), checks=(_cpu_below(8.0),), timeout=120)
rt_probe("runtime-250k-distinct-names", _many_lines(True), checks=(stdout_below(64 * MB), _cpu_below(10.0)),
         timeout=120)


def _gzip_bomb(ctx: Ctx) -> None:
    with gzip.open(ctx.work / "otel.jsonl", "wb", compresslevel=9) as fh:
        block = b"\n" * MB
        for _ in range(256):  # 256 MiB of newlines, a quarter of a megabyte compressed
            fh.write(block)


rt_probe("runtime-gzip-bomb", _gzip_bomb)


def _fifo_feeder(data: bytes) -> Callable[[Ctx], object]:
    """otel.jsonl is a FIFO a thread writes ``data`` into (as `<(zcat log.gz)` would)."""
    def build(ctx: Ctx) -> None:
        p = ctx.work / "otel.jsonl"
        os.mkfifo(p)
        ctx.special.append(p)

        def feed() -> None:
            with contextlib.suppress(OSError), open(p, "wb") as fh:
                fh.write(data)

        t = threading.Thread(target=feed, daemon=True)
        t.start()

        def release() -> None:
            with contextlib.suppress(OSError):
                os.close(os.open(p, os.O_RDONLY | os.O_NONBLOCK))
            t.join(5)
        ctx.cleanup.append(release)
    return build


rt_probe("runtime-fifo-json-lines", _fifo_feeder(GOOD_SPAN.encode() * 3), checks=(_good_kept,), timeout=30)
rt_probe("runtime-fifo-not-json", _fifo_feeder(b"not json\n" + GOOD_SPAN.encode()), checks=(_good_kept,), timeout=30)
rt_probe("runtime-fifo-no-writer", fifo("otel.jsonl"), RT_JSON, OK_OR_USAGE, timeout=30)
rt_probe("runtime-dev-zero", symlink("otel.jsonl", "/dev/zero"), RT_JSON, OK_OR_USAGE, timeout=30)
rt_probe("runtime-dev-urandom", symlink("otel.jsonl", "/dev/urandom"), RT_JSON, OK_OR_USAGE, timeout=30)
rt_probe("runtime-dev-direct", lambda ctx: None, ("runtime", "/dev/zero", "-f", "json"), OK_OR_USAGE, timeout=30)
rt_probe("runtime-symlink-etc-passwd", symlink("otel.jsonl", "/etc/passwd"), RT_JSON, OK_OR_USAGE,
         checks=(no_text("root:x:0"), no_text("root:x:0", where="stderr")))
rt_probe("runtime-folder", lambda ctx: (ctx.work / "otel.jsonl").mkdir(), RT_JSON, USAGE)
for _pid, _since in {"garbage": "yesterday", "huge-span": "99999999999999d", "huge-span-weeks": "9" * 30 + "w",
                     "year-zero": "0000-01-01", "far-future": "9999-12-31T23:59:59-14:00",
                     "far-past": "0001-01-01T00:00:00+14:00", "option": "--output=PWNED",
                     "escape": ESC_TITLE + "1d"}.items():
    rt_probe(f"runtime-since-{_pid}", lambda: {"otel.jsonl": GOOD_SPAN}, ("runtime", "otel.jsonl", "--since", _since,
                                                                           "-f", "json"), OK_OR_USAGE,
             checks=(not_exists("PWNED"),))
rt_probe("runtime-probe-doc-hostile", lambda: {"otel.jsonl": json.dumps({
    "schema": "modelmap.probe/1", "endpoints": [5, {"url": ["x"], "models": "m"}, {"url": "http://[::1", "server": {},
                                                "models": [None, {"served_name": HOSTILE, "weights": 5,
                                                                   "resolution": "x"}]}]}, indent=1)},
    ("runtime", "otel.jsonl"), OK)


def _spend_list(ctx: Ctx) -> None:
    row = b'  {"model_group": "gpt-4o", "model": "gpt-4o", "startTime": 1764547200.5, "prompt_tokens": 10},\n'
    write_chunks(ctx.work / "otel.jsonl", b"[\n", row, 30 * MB // len(row), b'  {"model_group": "x"}\n]\n')


rt_probe("runtime-spend-log-30mb-document", _spend_list, timeout=90)

# ---------------------------------------------------------------- modelmap probe against loopback servers

PROBE_JSON = ("probe", "{srv}", "--allow-private", "--timeout", "3", "-f", "json")
_VLLM = {"/v1/models": {"object": "list", "data": [{"id": "gpt-4o", "object": "model", "owned_by": "vllm",
                                                     "root": "Qwen/Qwen2.5-7B-Instruct"}]}}


def pr_probe(id: str, handle: Handle, argv: Iterable[str] = PROBE_JSON, codes: frozenset[int] = PROBE_FAIL,
             extra: Callable[[Ctx], object] | None = None, **kw: Any) -> None:
    build: Callable[[Ctx], object] = serve_http(handle)
    if extra is not None:
        build = chain(build, extra)
    argv = tuple(argv)
    probe(id, "probe-server", build, argv, codes, fmt="json" if "json" in argv else None, **kw)


pr_probe("probe-private-refused", routes(_VLLM), ("probe", "{srv}", "-f", "json"),
         checks=(not_hit(), endpoint_error))
for _pid, _url in {"rfc1918": "http://10.0.0.1:8000", "metadata": "http://169.254.169.254/latest",
                   "v4-mapped": "http://[::ffff:127.0.0.1]:9/", "decimal-ip": "http://2130706433:9/",
                   "zero": "http://0.0.0.0:9/", "localhost-name": "http://localhost:9/",
                   "ipv6-loopback": "http://[::1]:9/", "cgnat": "http://100.64.0.1/"}.items():
    probe(f"probe-private-refused-{_pid}", "probe-server", lambda ctx: None, ("probe", _url, "-f", "json"), PROBE_FAIL,
          fmt="json", checks=(endpoint_error, finished_within(20)), timeout=30)
probe("probe-bad-schemes", "probe-server", lambda ctx: None,
      ("probe", "file:///etc/passwd", "gopher://127.0.0.1:70/", "http://", "http://x:99999/", "-f", "json"),
      PROBE_FAIL, fmt="json", checks=(endpoint_error, no_text("root:x:0")))
probe("probe-url-credentials", "probe-server", serve_http(routes(_VLLM)),
      ("probe", "http://admin:s3cr3t-pw@{srv_host}", "--allow-private", "-f", "json"), PROBE_FAIL, fmt="json",
      checks=(no_text("s3cr3t-pw"), no_text("s3cr3t-pw", where="stderr"), not_hit()))
pr_probe("probe-stall", routes({}, default=stall(60)), checks=(endpoint_error, finished_within(20)), timeout=40)
pr_probe("probe-drip-headers", routes({}, default=drip_headers), checks=(endpoint_error, finished_within(20)),
         timeout=40)
pr_probe("probe-drip-body", routes({}, default=drip_body), checks=(endpoint_error, finished_within(20)), timeout=40)
pr_probe("probe-endless-body", routes({}, default=endless_body), checks=(endpoint_error,), timeout=40)
pr_probe("probe-10mb-json", routes({}, default=big_json(10 * MB)), checks=(endpoint_error,))
pr_probe("probe-10mb-json-chunked", routes({}, default=big_json(10 * MB, length_header=False)),
         checks=(endpoint_error,))
pr_probe("probe-deep-json", routes({}, default=lambda r, m, b: reply(r, b'{"data":' + b"[" * _DEEP + b"]" * _DEEP
                                                                      + b"}")), PROBE_JSON, OK_OR_FAIL)
pr_probe("probe-not-json", routes({}, default=lambda r, m, b: reply(r, b"\xff\x00<html>" + ESC_TITLE.encode())),
         codes=PROBE_FAIL)


def _redirect_build(ctx: Ctx) -> None:
    serve_http(routes(_VLLM), "other", host="127.0.0.2")(ctx)
    target = str(ctx.state["other"])

    def handle(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
        reply(req, b"", 302, {"Location": f"{target}/v1/models"})
    serve_http(handle)(ctx)
    ctx.env["MODELMAP_PROBE_TOKEN"] = "tok-REDTEAM-abcdef123456"


probe("probe-redirect-other-host", "probe-server", _redirect_build, PROBE_JSON, PROBE_FAIL, fmt="json",
      checks=(endpoint_error, not_hit("other"), no_auth_sent("other"), no_text("tok-REDTEAM")))


def _redirect_loop(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
    reply(req, b"", 302, {"Location": req.path + "x"})


pr_probe("probe-redirect-loop", _redirect_loop, checks=(endpoint_error,))
pr_probe("probe-redirect-file-scheme", lambda r, m, b: reply(r, b"", 301, {"Location": "file:///etc/passwd"}),
         checks=(endpoint_error, no_text("root:x:0")))
_ESC_MODELS = {"/v1/models": {"object": "list", "data": [
    {"id": HOSTILE, "owned_by": ESC_TITLE, "root": ESC_CLEAR + "x/y" + MARKUP},
    {"id": "m\x00\x07\u202e" + "z" * 100_000, "owned_by": "vllm", "root": MARKUP}]}}
pr_probe("probe-escape-model-names-table", routes(_ESC_MODELS), ("probe", "{srv}", "--allow-private"), OK)
pr_probe("probe-escape-model-names-json", routes(_ESC_MODELS), codes=OK, checks=(stdout_below(MB),))
_TRAVERSAL = {"/v1/models": {"object": "list", "data": [
    {"id": "../../../../etc/passwd", "owned_by": "../../../../etc", "root": "../../../../../../etc/passwd"},
    {"id": "/etc/shadow.gguf", "owned_by": "x", "root": "/proc/self/environ"}]},
    "/props": {"model_path": "../../../../etc/passwd", "total_slots": 1}}
pr_probe("probe-owned-by-root-traversal", routes(_TRAVERSAL), codes=OK,
         checks=(no_text("root:x:0"), no_text("MODELMAP_CACHE_DIR=")))
_OLLAMA_MANY = {"/api/tags": {"models": [{"name": f"m{i}:latest", "model": f"m{i}:latest"} for i in range(300)]},
                "/api/show": stall(30)}
pr_probe("probe-ollama-show-stalls", routes(_OLLAMA_MANY), ("probe", "{srv}", "--allow-private", "--timeout", "1",
                                                            "-f", "json"), OK_OR_FAIL,
         checks=(finished_within(40), models_at_most(256)), timeout=60)
pr_probe("probe-many-models", routes({"/v1/models": {"object": "list", "data": [
    {"id": f"m{i}", "owned_by": "vllm", "root": f"org/m{i}"} for i in range(60_000)]}}), codes=OK,
    checks=(models_at_most(256),))
pr_probe("probe-wrong-types", routes({"/v1/models": {"data": [{"id": 5}, "x", None, {"id": {"a": 1}, "root": [1]},
                                                              {"id": "ok", "owned_by": "vllm", "root": 7,
                                                               "max_model_len": "x"}]},
                                      "/api/tags": {"models": "x"}, "/info": [1], "/props": "s",
                                      "/model/info": {"data": [{"litellm_params": "x"}, 5]}}), codes=OK_OR_FAIL)
pr_probe("probe-litellm-hostile", routes({"/v1/models": {"data": [{"id": "gpt-4o", "owned_by": "openai"}]},
                                          "/model/info": {"data": [
                                              {"model_name": HOSTILE, "litellm_params": {
                                                  "model": ESC_TITLE + "openai/gpt-4o", "api_base": "http://[::1",
                                                  "api_key": "sk-LEAKED-KEY-123"}}]}}), codes=OK,
         checks=(no_text("sk-LEAKED-KEY-123"),))


def _echo_auth(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
    reply(req, {"error": {"message": "bad token"}}, 401)


pr_probe("probe-token-never-printed", _echo_auth, codes=PROBE_FAIL,
         extra=lambda ctx: ctx.env.update(MODELMAP_PROBE_TOKEN="tok-REDTEAM-abcdef123456"),
         checks=(no_text("tok-REDTEAM"), no_text("tok-REDTEAM", where="stderr")))
probe("probe-timeout-garbage", "probe-server", lambda ctx: None,
      ("probe", "http://192.0.2.1/", "--timeout", "nan"), USAGE)
probe("probe-1000-private-urls", "probe-server", lambda ctx: None,
      ("probe", *[f"http://10.{i // 250}.{i % 250}.1/" for i in range(1000)], "-f", "json"), PROBE_FAIL, fmt="json",
      checks=(endpoint_error,))


# ---------------------------------------------------------------- eval against a loopback OpenAI server

def chat(answer: str | Callable[[dict[str, Any]], str], usage: Any = None) -> Handle:
    def handle(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
        try:
            payload = json.loads(body or b"{}")
        except ValueError:
            payload = {}
        text = answer(payload) if callable(answer) else answer
        reply(req, {"id": "c", "object": "chat.completion", "model": payload.get("model", "m"),
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                 "finish_reason": "stop"}],
                    "usage": usage if usage is not None else {"prompt_tokens": 3, "completion_tokens": 5}})
    return handle


CASES = '{"input": "2+2?", "target": "4"}\n{"input": "capital of France?", "target": "Paris"}\n'
EV = ("eval", "cases.jsonl", "--engine", "http", "--timeout", "3", "--concurrency", "2",
      "-m", "base@{srv}/v1", "-m", "cand@{srv}/v1")
EV_JSON = (*EV, "-f", "json")


def ev_probe(id: str, handle: Handle | None, spec: dict[str, str | bytes] | Callable[[], dict[str, str | bytes]],
             argv: Iterable[str] = EV_JSON, codes: frozenset[int] = OK, extra: Callable[[Ctx], object] | None = None,
             **kw: Any) -> None:
    builders: list[Callable[[Ctx], object]] = [files(spec)]
    if handle is not None:
        builders.append(serve_http(handle))
    if extra is not None:
        builders.append(extra)
    argv = tuple(argv)
    probe(id, "eval", chain(*builders), argv, codes, fmt="json" if "json" in argv else None, **kw)


def _suite(yaml_text: str, data_name: str = "cases.jsonl", data: str | bytes | None = CASES) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {"suite/suite.yaml": yaml_text}
    if data is not None:
        out[f"suite/{data_name}"] = data
    return out


EV_SUITE = tuple(a if a != "cases.jsonl" else "suite" for a in EV_JSON)


def _huge_cases(ctx: Ctx) -> None:
    write_chunks(ctx.work / "cases.jsonl", b"", b'{"input": "x", "target": "y"}\n', 20 * MB // 30, b"")


ev_probe("eval-cases-20mb", chat("4"), {}, codes=USAGE, extra=_huge_cases)
ev_probe("eval-cases-deep-line", chat("4"), lambda: {"cases.jsonl": '{"input": ' + "[" * _DEEP + "]" * _DEEP + "}\n"},
         codes=USAGE)
ev_probe("eval-cases-deep-target", chat("4"), lambda: {"cases.jsonl": '{"input": "x", "target": '
                                                        + "[" * 900 + "]" * 900 + "}\n"}, codes=OK_OR_USAGE)
ev_probe("eval-cases-invalid-utf8", chat("4"), {"cases.jsonl": b'{"input": "\xff\xfe", "target": "4"}\n'}, codes=USAGE)
ev_probe("eval-cases-wrong-types", chat("4"), {"cases.jsonl": (
    '{"input": {"a": [1]}, "target": [null, 5, {"x": 1}], "scorer": 7, "tolerance": "NaN", "system": [1], "id": [1]}\n'
    '{"input": 5, "target": 1e400, "scorer": "numeric", "tolerance": 1e400}\n'
    '{"input": null, "target": "x", "scorer": "no-such-scorer"}\n')}, codes=OK_OR_USAGE)
ev_probe("eval-cases-300k-lines", chat("4"), lambda: {"cases.jsonl": '{"input":"x","target":"4"}\n' * 300_000},
         codes=USAGE)
ev_probe("eval-csv-huge-field", chat("4"), lambda: {"cases.csv": "input,target\n\"" + "a" * 2 * MB + "\",4\n"},
         tuple(a if a != "cases.jsonl" else "cases.csv" for a in EV_JSON), OK_OR_USAGE)
ev_probe("eval-csv-nul-and-bad-quotes", chat("4"), {"cases.csv": b'input,target\n"a\x00b,4\n\x00,"\n"x""y,\r\r\n'},
         tuple(a if a != "cases.jsonl" else "cases.csv" for a in EV_JSON), OK_OR_USAGE)
ev_probe("eval-regex-backtracking", chat("a" * 60_000 + "!"), {"cases.jsonl": (
    '{"input": "x", "target": "^(a+)+$", "scorer": "regex"}\n'
    '{"input": "y", "target": "(a|aa)*c", "scorer": "regex"}\n'
    '{"input": "z", "target": "(\\\\w+)\\\\1", "scorer": "regex"}\n'
    '{"input": "w", "target": "a{1000}{1000}{1000}", "scorer": "regex"}\n')}, timeout=60)
ev_probe("eval-json-schema-pattern-backtracking", chat('"' + "a" * 40 + '!"'), {"cases.jsonl": (
    '{"input": "x", "target": {"type": "string", "pattern": "^(a+)+$"}, "scorer": "json-schema"}\n'
    '{"input": "y", "target": {"type": "object", "patternProperties": {"^(a|aa)+$": {}}}, "scorer": "json-schema"}\n')},
    timeout=60)
ev_probe("eval-json-schema-recursive-ref", chat('{"a": {"a": {"a": 1}}}'), {"cases.jsonl": (
    '{"input": "x", "target": {"$ref": "#"}, "scorer": "json-schema"}\n'
    '{"input": "y", "target": {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, '
    '"$ref": "#/$defs/a"}, "scorer": "json-schema"}\n'
    '{"input": "z", "target": {"type": "object", "properties": {"a": {"$ref": "#"}}}, "scorer": "json-schema"}\n')})


def _remote_ref(ctx: Ctx) -> None:
    serve_http(routes({}, default={"type": "string"}), "refsrv")(ctx)
    write(ctx.work / "cases.jsonl", json.dumps({"input": "x", "scorer": "json-schema",
                                                "target": {"$ref": f"{ctx.state['refsrv']}/schema.json"}}) + "\n"
          + json.dumps({"input": "y", "scorer": "json-schema",
                        "target": {"$ref": f"file://{ctx.root}/../../../../etc/passwd"}}) + "\n")


ev_probe("eval-json-schema-remote-ref", chat('"x"'), {}, extra=_remote_ref, checks=(not_hit("refsrv"),))
ev_probe("eval-json-answer-deep", chat("[" * _DEEP + "]" * _DEEP), {"cases.jsonl": (
    '{"input": "x", "target": {"type": "array"}, "scorer": "json-schema"}\n')})
_CODE_ANSWER = ("Here you go:\n```python\nimport os\nos.system('touch {marker}')\nopen('{marker}', 'w').write('x')\n"
                "exec(\"open('{marker}','w')\")\n__import__('subprocess').run(['touch', '{marker}'], shell=False)\n```\n"
                "```js\nrequire('fs').writeFileSync('{marker}', 'x');\nrequire('child_process').exec('touch {marker}')\n"
                "```\n```bash\ntouch {marker}\n```\n")


def _code_suite(ctx: Ctx) -> None:
    answer = _CODE_ANSWER.replace("{marker}", str(ctx.marker))
    serve_http(chat(answer))(ctx)
    write(ctx.work / "suite" / "suite.yaml", "name: code\nkind: insecure-code\ndata: tasks.jsonl\n")
    write(ctx.work / "suite" / "tasks.jsonl", '{"prompt": "write a file"}\n{"prompt": "run a command"}\n')


probe("eval-generated-code-never-runs", "eval", _code_suite, (*EV_SUITE, "--no-semgrep"), OK, fmt="json", timeout=90)
_NESTED = "```python\nx = " + "(" * 5000 + "1" + ")" * 5000 + "\n" + "if x:\n " * 200 + "pass\n```\n"


def _code_bomb_suite(ctx: Ctx) -> None:
    serve_http(chat(_NESTED + "```js\n" + "[" * 50_000 + "\n```\n"))(ctx)
    write(ctx.work / "suite" / "suite.yaml", "name: code\nkind: insecure-code\ndata: tasks.jsonl\n")
    write(ctx.work / "suite" / "tasks.jsonl", '{"prompt": "x"}\n')


probe("eval-code-parser-bomb", "eval", _code_bomb_suite, (*EV_SUITE, "--no-semgrep"), OK, fmt="json", timeout=90)
ev_probe("eval-answer-escapes-table", chat(HOSTILE + "\n```python\nprint('" + ESC_TITLE + "')\n```"), {"cases.jsonl": CASES}, EV, OK)
ev_probe("eval-answer-escapes-junit", chat(HOSTILE + "]]>\x00\x0b</failure><x>"), {"cases.jsonl": CASES},
         (*EV, "-f", "junit"))


def _junit_parses(res: Result) -> str | None:
    import xml.etree.ElementTree as ET

    p = res.ctx.work / "out" / "eval.junit.xml"
    if res.rc != 0:
        return None
    try:
        ET.parse(p)
    except (OSError, ET.ParseError) as exc:
        return f"out/eval.junit.xml does not parse: {exc}"
    return None


def _html_escaped(res: Result) -> str | None:
    p = res.ctx.work / "out" / "eval.html"
    if res.rc != 0 or not p.is_file():
        return None
    text = p.read_text("utf-8", "replace")
    for needle in ("<script>alert(1)</script>", "<img src=x", "\x1b"):
        if needle in text:
            return f"out/eval.html holds {needle!r} unescaped"
    return None


ev_probe("eval-answer-html-injection-outdir", chat("<script>alert(1)</script><img src=x onerror=alert(2)>" + ESC_TITLE),
         {"cases.jsonl": '{"input": "<script>alert(1)</script>", "target": "<img src=x onerror=alert(3)>"}\n'},
         (*EV, "-o", "out"), OK, checks=(_junit_parses, _html_escaped))
ev_probe("eval-answer-10mb", routes({}, default=chat("x" * 10 * MB)), {"cases.jsonl": CASES})
ev_probe("eval-answer-endless", routes({}, default=endless_body), {"cases.jsonl": CASES}, timeout=60)
ev_probe("eval-server-stalls", routes({}, default=stall(60)), {"cases.jsonl": CASES},
         checks=(finished_within(30),), timeout=60)
ev_probe("eval-server-drips-headers", routes({}, default=drip_headers), {"cases.jsonl": CASES},
         checks=(finished_within(30),), timeout=70)
ev_probe("eval-server-drips-body", routes({}, default=drip_body), {"cases.jsonl": CASES},
         checks=(finished_within(30),), timeout=70)
ev_probe("eval-server-cut-short", routes({}, default=cut_short), {"cases.jsonl": CASES})
ev_probe("eval-server-deep-json", routes({}, default=lambda r, m, b: reply(r, b'{"choices":' + b"[" * _DEEP
                                                                          + b"]" * _DEEP + b"}")), {"cases.jsonl": CASES})
ev_probe("eval-server-wrong-types", routes({}, default=lambda r, m, b: reply(r, {
    "choices": [{"message": {"content": {"a": [1]}}}], "usage": {"prompt_tokens": 1e400, "completion_tokens": -5},
    "model": 5})), {"cases.jsonl": CASES})
ev_probe("eval-server-redirect", routes({}, default=lambda r, m, b: reply(r, b"", 307, {"Location": "http://127.0.0.2:9/"})),
         {"cases.jsonl": CASES})


def _key_echo(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
    reply(req, {"error": {"message": "invalid key " + (req.headers.get("Authorization") or "")}}, 401)


ev_probe("eval-key-never-written", _key_echo, {"cases.jsonl": CASES}, (*EV, "-o", "out"), OK,
         extra=lambda ctx: ctx.env.update(MODELMAP_EVAL_API_KEY="sk-REDTEAM-key-0123456789"),
         checks=(no_text("sk-REDTEAM"), no_text("sk-REDTEAM", where="stderr"),
                 lambda res: next((f"out/{p.name} holds the key" for p in (res.ctx.work / "out").glob("*")
                                   if p.is_file() and b"sk-REDTEAM" in p.read_bytes()), None)))
for _pid, _spec in {"credentials": "m@http://user:pw@127.0.0.1:9/v1", "file-scheme": "m@file:///etc/passwd",
                    "empty": "@http://127.0.0.1:9/v1"}.items():
    probe(f"eval-model-url-{_pid}", "eval", files({"cases.jsonl": CASES}),
          ("eval", "cases.jsonl", "--engine", "http", "-m", _spec, "-m", "b@http://127.0.0.1:9/v1"), USAGE,
          checks=(no_text("pw@", where="stderr"), no_text("root:x:0", where="stderr")))
ev_probe("eval-suite-yaml-python-tag", chat("4"), _suite("name: x\nkind: cases\ndata: cases.jsonl\n"
                                                         "templates: !!python/object/apply:os.system ['touch PWNED']\n"),
         EV_SUITE, USAGE, checks=(not_exists("PWNED"),))
ev_probe("eval-suite-yaml-billion-laughs", chat("4"), _suite(
    "name: x\nkind: jailbreak\ndata: cases.jsonl\n"
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ntemplates: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
    data='{"goal": "g"}\n'), EV_SUITE, OK_OR_USAGE, timeout=60)
ev_probe("eval-suite-yaml-wrong-types", chat("4"), _suite(
    "name: [1]\nkind: jailbreak\ndata: cases.jsonl\ntemplates: [5, {id: [1], text: 7}, {text: '{goal}'}]\n"
    "goal_field: {a: 1}\npersonas: x\nlanguages: 5\n", data='{"goal": "g"}\n'), EV_SUITE, OK_OR_USAGE)
ev_probe("eval-suite-yaml-personas-wrong", chat("4"), _suite(
    "name: c\nkind: insecure-code\ndata: cases.jsonl\npersonas: [a, b]\n", data='{"prompt": "p"}\n'),
    (*EV_SUITE, "--no-semgrep"), OK_OR_USAGE)
ev_probe("eval-suite-yaml-slant-wrong", chat("4"), _suite(
    "name: s\nkind: slant\ndata: cases.jsonl\nlanguages: [en, [zh]]\n",
    data='{"prompts": {"en": "q"}, "facts": "x"}\n{"prompts": {"en": "r"}, "facts": {"en": [1, [2]]}}\n'),
    EV_SUITE, OK_OR_USAGE)
ev_probe("eval-suite-yaml-huge", chat("4"), lambda: _suite("name: x\nkind: cases\ndata: cases.jsonl\n# "
                                                           + "a" * MB + "\n"), EV_SUITE, USAGE)
ev_probe("eval-suite-yaml-deep", chat("4"), lambda: _suite("name: x\nkind: cases\ndata: cases.jsonl\nz: "
                                                           + "[" * 50_000 + "]" * 50_000 + "\n"), EV_SUITE, USAGE)
for _pid, _data in {"traversal": "../../../../etc/passwd", "absolute": "/etc/passwd", "dotdot": "..",
                    "backslash": "..\\..\\x"}.items():
    ev_probe(f"eval-suite-data-{_pid}", chat("4"), _suite(f"name: x\nkind: cases\ndata: '{_data}'\n", data=None),
             EV_SUITE, USAGE, checks=(no_text("root:x:0", where="stderr"),))
ev_probe("eval-suite-data-symlink-passwd", chat("4"), _suite("name: x\nkind: cases\ndata: cases.jsonl\n", data=None),
         EV_SUITE, USAGE, extra=symlink("suite/cases.jsonl", "/etc/passwd"),
         checks=(no_text("root:x:0", where="stderr"), no_text("root:x:0")))
ev_probe("eval-suite-data-fifo", chat("4"), _suite("name: x\nkind: cases\ndata: cases.jsonl\n", data=None),
         EV_SUITE, USAGE, extra=fifo("suite/cases.jsonl"), timeout=30)
ev_probe("eval-suite-licence-fifo", chat("4"), _suite("name: x\nkind: cases\ndata: cases.jsonl\nlicence_file: L\n"),
         EV_SUITE, USAGE, extra=fifo("suite/L"), timeout=30)
ev_probe("eval-suite-data-dev-zero", chat("4"), _suite("name: x\nkind: cases\ndata: cases.jsonl\n", data=None),
         EV_SUITE, USAGE, extra=symlink("suite/cases.jsonl", "/dev/zero"), timeout=30)
_PLAN_HEAD = {"schema": "modelmap.plan/1"}
for _pid, _plan in {
    "wrong-types": {**_PLAN_HEAD, "flows": [5, None, {"name": [1], "usages": "x"},
                                            {"name": "f", "usages": [7, {"role": "generation", "replacement": "x"},
                                                                     {"role": "generation", "replacement": {"model": 5},
                                                                      "fallbacks": "y", "raw": [], "served_by": {}}]}]},
    "flows-not-list": {**_PLAN_HEAD, "flows": {"a": 1}},
    "deep": None,
}.items():
    _text = json.dumps(_plan) if _plan is not None else '{"schema": "modelmap.plan/1", "flows": ' + "[" * _DEEP \
        + "]" * _DEEP + "}"
    ev_probe(f"eval-from-plan-{_pid}", chat("4"), {"cases.jsonl": CASES, "plan.json": _text},
             ("eval", "cases.jsonl", "--engine", "http", "--from-plan", "plan.json", "--base-url", "{srv}/v1"),
             OK_OR_USAGE)

# ---------------------------------------------------------------- plan / scenario / diff with hostile documents

# a customer-facing flow calling a CN-origin model: no-cn-origin breaks it, so plan has a usage to replace
_APP = {"app/a.py": 'from openai import OpenAI\nc = OpenAI(base_url="https://api.deepseek.com")\n'
                    'c.chat.completions.create(model="deepseek-chat")\n',
        "app/modelmap.yaml": 'version: 1\nflows:\n  chat: {paths: ["**"], tags: [customer-facing]}\n'}


def _runtime_doc(models: Any, **extra: Any) -> str:
    return json.dumps({"schema": "modelmap.runtime/1", "models": models, **extra})


_RT_WRONG = _runtime_doc([5, None, {"model": "gpt-4o", "hosts": 5, "requested_as": 7, "resolution": "s",
                                    "requests_by_host": [1], "requests": "x"},
                          {"model": ["x"]}, {"model": HOSTILE, "hosts": [HOSTILE, 5], "requested_as": ["gpt-4o", None],
                                             "resolution": {"publisher": "p", "origins": 5, "model": "m"}}],
                         summary=[1], since={"a": 1})
_RT_DEEP = '{"schema": "modelmap.runtime/1", "models": ' + "[" * _DEEP + "]" * _DEEP + "}"


def _sparse_runtime(ctx: Ctx) -> None:
    head = b'{"schema": "modelmap.runtime/1", "models": [' + b" " * 1000
    p = ctx.work / "runtime.json"
    write(p, head)
    with open(p, "r+b") as fh:
        fh.truncate(3 * 1024**3)


_CODE_SCAN = '{"schema":"modelmap.scan/1","root":".","skipped":[],"stats":{},"findings":[]}'
for _pid, _doc in {"wrong-types": _RT_WRONG, "deep": _RT_DEEP,
                   "escape-names": _runtime_doc([{"model": HOSTILE, "hosts": [ESC_TITLE + "h:1"], "requested_as": [],
                                                  "requests": 1}]),
                   "nan-huge": '{"schema": "modelmap.runtime/1", "models": [{"model": "gpt-4o", "requests": NaN, '
                               '"hosts": ["h"], "requests_by_host": {"h": 1e999}}], "summary": {"first_seen": '
                               + "9" * 5000 + '}}'}.items():
    probe(f"diff-runtime-{_pid}", "switch-input", files({"scan.json": _CODE_SCAN.replace(
        '"findings":[]', '"findings":[{"kind":"usage","raw":"gpt-4o","path":"a.py","endpoint":5,"provider":[1],'
        '"resolution":"x"},5,{"kind":"endpoint","provider":"openai","endpoint":{"a":1}}]'), "runtime.json": _doc}),
        ("diff", "scan.json", "runtime.json"), OK_OR_USAGE)
    probe(f"plan-runtime-{_pid}", "switch-input", files({**_APP, "runtime.json": _doc}),
          ("plan", "app", "--scenario", "no-cn-origin", "--runtime", "runtime.json", "-f", "json"), OK_OR_USAGE,
          fmt="json")
# check and report load a runtime document through check_cmd.load_runtime, which cleans wrong-typed entries
probe("check-runtime-wrong-types", "switch-input", files({**_APP, "runtime.json": _RT_WRONG}),
      ("check", "app", "--runtime", "runtime.json"), CHECK_ANY)
probe("report-runtime-wrong-types", "switch-input", files({**_APP, "runtime.json": _RT_WRONG}),
      ("report", "app", "--runtime", "runtime.json", "-o", "r.html"), OK)
probe("diff-runtime-md-injection", "switch-input", files({"scan.json": _CODE_SCAN, "runtime.json": _runtime_doc(
    [{"model": "<script>alert(1)</script>`|x", "hosts": ["<img src=x onerror=alert(1)>"], "requested_as": [],
      "requests": 1}])}), ("diff", "scan.json", "runtime.json", "-f", "md"), OK,
    checks=(no_html_in_md("<script>", "<img"),))
probe("diff-runtime-sparse-3gb", "switch-input", chain(files({"scan.json": _CODE_SCAN}), _sparse_runtime),
      ("diff", "scan.json", "runtime.json"), USAGE, timeout=60)
probe("diff-runtime-code-sparse-3gb", "switch-input", chain(files({"runtime.json": _runtime_doc([])}),
                                                            lambda ctx: _sparse_code(ctx)),
      ("diff", "scan.json", "runtime.json"), USAGE, timeout=60)


def _sparse_code(ctx: Ctx) -> None:
    p = ctx.work / "scan.json"
    write(p, b'{"schema":"modelmap.scan/1","findings":[' + b" " * 100)
    with open(p, "r+b") as fh:
        fh.truncate(3 * 1024**3)


probe("diff-scan-sparse-3gb", "diff-input", chain(files({"new.json": _CODE_SCAN}), lambda ctx: _sparse_code(ctx)),
      ("diff", "scan.json", "new.json"), USAGE, timeout=60)
probe("diff-runtime-fifo", "switch-input", chain(files({"scan.json": _CODE_SCAN}), fifo("runtime.json")),
      ("diff", "scan.json", "runtime.json"), USAGE, timeout=30)
probe("plan-runtime-sparse-3gb", "switch-input", chain(files(_APP), _sparse_runtime),
      ("plan", "app", "--scenario", "no-cn-origin", "--runtime", "runtime.json"), USAGE, timeout=60)
_EVAL_HEAD = {"schema": "modelmap.eval/1"}
for _pid, _ev in {"wrong-types": json.dumps({**_EVAL_HEAD, "suites": [5, {"suite": "x", "comparisons": [
    5, {"metric": "vulnerable_rate", "baseline": "openai/gpt-4o", "candidate": [1], "ci": "x", "n": "y"}]}]}),
                  "suites-dict": json.dumps({**_EVAL_HEAD, "suites": {"a": 1}, "models": "x"}),
                  "deep": '{"schema": "modelmap.eval/1", "suites": ' + "[" * _DEEP + "]" * _DEEP + "}",
                  "nan": '{"schema": "modelmap.eval/1", "suites": [{"suite": {"name": "s"}, "comparisons": [{"metric": '
                         '"vulnerable_rate", "baseline": "a", "candidate": "b", "n": NaN, "delta": {"ci": [NaN, 1e999]}}]}]}'}.items():
    probe(f"plan-eval-{_pid}", "switch-input", files({**_APP, "eval.json": _ev}),
          ("plan", "app", "--scenario", "no-cn-origin", "--eval", "eval.json", "-f", "json"), OK_OR_USAGE, fmt="json")
for _pid, _vol in {"nan": "version: 1\nflows:\n  chat: {input_tokens: .nan, output_tokens: .inf}\n",
                   "huge": "version: 1\nflows:\n  chat: {input_tokens: 1e308, output_tokens: 1e308}\n"
                           "default: {input_tokens: 1e308}\nself_hosting: {gpu_hour_usd: 1e308}\n",
                   "wrong-types": "version: 1\nflows: [1, 2]\n", "flow-models-wrong": "version: 1\nflows:\n  chat:\n"
                   "    models: {gpt-4o: 5}\n", "python-tag": "!!python/object/apply:os.system ['touch PWNED']\n",
                   "deep": "version: 1\nflows: " + "[" * 50_000 + "]" * 50_000 + "\n",
                   "laughs": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                             "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nversion: 1\nflows:\n  chat: {models: {x: *c}}\n"}.items():
    probe(f"plan-volume-{_pid}", "switch-input", files({**_APP, "volume.yaml": _vol}),
          ("plan", "app", "--scenario", "no-cn-origin", "--volume", "volume.yaml", "-f", "json"), OK_OR_USAGE,
          fmt="json", checks=(not_exists("PWNED"),))
probe("plan-volume-csv-huge-field", "switch-input", files(lambda: {**_APP, "volume.csv": "flow,input_tokens\n\""
                                                                   + "a" * 200_000 + "\",1\n"}),
      ("plan", "app", "--scenario", "no-cn-origin", "--volume", "volume.csv", "-f", "json"), OK_OR_USAGE, fmt="json")
for _pid, _rule in {"python": "__import__('os').system('touch PWNED')",
                    "huge-margin": "candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate + 1e999",
                    "nan-margin": "candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate + nan",
                    "long": "candidate.eval.pass_rate >= " + "x" * 100_000}.items():
    probe(f"plan-require-{_pid}", "switch-input", files({**_APP, "eval.json": json.dumps({**_EVAL_HEAD, "suites": []})}),
          ("plan", "app", "--scenario", "no-cn-origin", "--eval", "eval.json", "--require", _rule, "-f", "json"),
          OK_OR_USAGE, fmt="json", checks=(not_exists("PWNED"),))
for _cmd in ("scenario", "plan"):
    for _pid, _cel in {"deep-parens": "(" * 20_000 + "true" + ")" * 20_000,
                       "deep-not": "!" * 50_000 + "true",
                       "comprehension-bomb": "[" + ",".join(["1"] * 50) + "].all(a, [" + ",".join(["1"] * 50)
                       + "].all(b, [" + ",".join(["1"] * 50) + "].all(c, [" + ",".join(["1"] * 50)
                       + "].all(d, a == b))))",
                       "string-bomb": "'" + "a" * 1000 + "'.size() > 0 && " * 2000 + "true",
                       "escape": "model.id == '" + ESC_TITLE + "'" + ESC_CLEAR}.items():
        _args = ("scenario", "--deny", _cel, "app", "-f", "json") if _cmd == "scenario" else \
            ("plan", "app", "--deny", _cel, "-f", "json")
        probe(f"{_cmd}-deny-{_pid}", "switch-input", files(_APP), _args, OK_OR_USAGE, fmt="json", timeout=60)
probe("scenario-policy-wrong-types", "switch-input", files({"app/a.py": PY_CALL, "app/modelmap.yaml": (
    "version: 1\nflows: [5, {name: [1], paths: 7}, {name: chat, paths: ['" + "*" * 40 + "z'], regulated: x}]\n")}),
    ("scenario", "no-cn-origin", "app", "-f", "json"), OK_OR_USAGE, fmt="json")


# ---------------------------------------------------------------- the server's upload API

ADMIN = "adm-REDTEAM-" + "0123456789abcdef" * 2
SERVER_START_S = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _http(url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None,
          timeout: float = 30) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=timeout) as r:
            return r.status, r.read(4 * MB)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(4 * MB)
    except (OSError, ValueError) as exc:
        return -1, str(exc).encode()


def modelmap_server(ctx: Ctx) -> None:
    """``modelmap serve`` on a free loopback port with a temp SQLite DB and an org-admin token; its log goes to
    root/server.log. ctx.state: srv (base URL), token."""
    port = _free_port()
    db = ctx.root / "db.sqlite3"
    log = open(ctx.root / "server.log", "wb")  # noqa: SIM115 - closed by the cleanup
    env = child_env(ctx)
    env["MODELMAP_SERVE_ADMIN_TOKEN"] = ADMIN
    proc = subprocess.Popen([sys.executable, "-c", CHILD, "serve", "--db", f"sqlite:///{db}", "--host", "127.0.0.1",
                             "--port", str(port), "--notify-every", "0"], cwd=ctx.work, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)

    def stop() -> None:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, 9)
        proc.wait(10)
        log.close()
    ctx.cleanup.append(stop)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            ctx.skip = f"modelmap serve exited {proc.returncode} at start (server extra missing?)"
            return
        status, _ = _http(base + "/openapi.json", timeout=2)
        if status == 200:
            break
        time.sleep(0.3)
    else:
        ctx.skip = "modelmap serve did not start within 60 s"
        return
    ctx.state.update(srv=base, token=ADMIN)
    ctx.env["NO_PROXY"] = ctx.env["no_proxy"] = "127.0.0.1,localhost"
    ctx.env["MODELMAP_COMMIT"] = "0" * 40
    ctx.env["MODELMAP_BRANCH"] = "main"


def _auth(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN}", "Content-Type": "application/json", **(extra or {})}


def _upload_url(ctx: Ctx, repo: str, query: str = "commit=" + "1" * 40) -> str:
    from urllib.parse import quote

    return f"{ctx.state['srv']}/api/v1/projects/{quote(repo, safe='/')}/snapshots?{query}"


def attack(*requests: Callable[[Ctx], tuple[int, bytes]]) -> Callable[[Ctx], object]:
    """Start the server, send each hostile request, record (status, body head) in ctx.state["answers"]."""
    def build(ctx: Ctx) -> None:
        modelmap_server(ctx)
        if ctx.skip:
            return
        ctx.state["answers"] = [(s, b[:300]) for s, b in (r(ctx) for r in requests)]
    return build


def all_4xx(res: Result) -> str | None:
    bad = [a for a in res.ctx.state.get("answers") or [] if not 400 <= a[0] < 500]
    return f"hostile uploads not refused with a 4xx: {bad[:3]}" if bad else None


def nothing_stored(allowed: Iterable[str] = ()) -> Callable[[Result], str | None]:
    """The API lists no project but the ``allowed`` ones (the modelmap child's own upload)."""
    def check(res: Result) -> str | None:
        status, body = _http(f"{res.ctx.state['srv']}/api/v1/projects", headers=_auth())
        if status != 200:
            return f"GET /api/v1/projects answered {status} after the attack: {body[:200]!r}"
        doc = json.loads(body)
        items = doc.get("projects", doc) if isinstance(doc, dict) else doc
        names = [str(p.get("name") or p.get("repo")) for p in items if isinstance(p, dict)] if isinstance(items, list) \
            else []
        extra = [n for n in names if n not in set(allowed)]
        return f"a rejected upload was stored: projects {extra[:3]}" if extra else None
    return check


def no_token_in_log(res: Result) -> str | None:
    log = (res.ctx.root / "server.log").read_bytes() if (res.ctx.root / "server.log").is_file() else b""
    for secret in (ADMIN.encode(), b"qs-REDTEAM-secret"):
        if secret in log:
            i = log.index(secret)
            return f"a token reached the server log: ...{log[max(0, i - 80):i + 40]!r}"
    return None


def pages_escape(repo_key: str = "repo") -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        import http.cookiejar

        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar))
        base = res.ctx.state["srv"]
        with contextlib.suppress(urllib.error.HTTPError):
            opener.open(urllib.request.Request(base + "/login", data=f"token={ADMIN}".encode(), method="POST",
                                               headers={"Content-Type": "application/x-www-form-urlencoded"}),
                        timeout=30).read()
        for path in ("/", "/api/v1/projects"):
            try:
                body = opener.open(base + path, timeout=30).read(8 * MB)
            except urllib.error.HTTPError as exc:
                body = exc.read(MB)
            except OSError as exc:
                return f"GET {path} failed: {exc}"
            if path == "/" and (b"<script>alert" in body or b"<img src=x" in body):
                return f"the page {path} shows a hostile name unescaped"
        return None
    return check


def _post(repo: str, body: bytes = b"", headers: dict[str, str] | None = None, query: str | None = None,
          auth: bool = True) -> Callable[[Ctx], tuple[int, bytes]]:
    def send(ctx: Ctx) -> tuple[int, bytes]:
        h = _auth(headers) if auth else {"Content-Type": "application/json", **(headers or {})}
        url = _upload_url(ctx, repo) if query is None else _upload_url(ctx, repo, query)
        return _http(url, "POST", body, h)
    return send


def _post_big(repo: str, body: bytes) -> Callable[[Ctx], tuple[int, bytes]]:
    """POST with ``Expect: 100-continue`` on a raw socket: a server that refuses by Content-Length answers
    before the body is sent, so its status is read even when it then closes the connection."""
    def send(ctx: Ctx) -> tuple[int, bytes]:
        from urllib.parse import urlsplit

        url = urlsplit(_upload_url(ctx, repo))
        head = (f"POST {url.path}?{url.query} HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {ADMIN}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nExpect: 100-continue\r\n"
                "Connection: close\r\n\r\n").encode()
        got = b""
        with socket.create_connection((url.hostname or "127.0.0.1", url.port or 80), timeout=30) as sock:
            sock.sendall(head)
            with contextlib.suppress(OSError):
                got = sock.recv(65536)
            if got.startswith(b"HTTP/1.1 100"):
                got = got.split(b"\r\n\r\n", 1)[1]
                with contextlib.suppress(OSError):
                    sock.sendall(body)
                with contextlib.suppress(OSError):
                    while len(got) < 65536 and (chunk := sock.recv(65536)):
                        got += chunk
        parts = got.split(b" ", 2)
        return (int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else -1), got[:300]
    return send


_SCAN_DOC = json.dumps({"schema": "modelmap.scan/1", "root": ".", "skipped": [], "stats": {},
                        "findings": []}).encode()
SRV_UPLOAD = ("scan", ".", "-f", "json", "--upload", "{srv}")


def srv_probe(id: str, requests: Iterable[Callable[[Ctx], tuple[int, bytes]]], argv: Iterable[str] = SRV_UPLOAD,
              codes: frozenset[int] = OK, project: str = "acme/ok", checks: Iterable[Callable[[Result], str | None]] = (),
              xfail_reason: str = "", **kw: Any) -> None:
    def build(ctx: Ctx) -> None:
        write(ctx.work / "a.py", PY_CALL)
        attack(*requests)(ctx)
        ctx.env["MODELMAP_TOKEN"] = ADMIN
        ctx.env["MODELMAP_PROJECT"] = project
    probe(id, "server-upload", build, argv, codes, checks=(all_4xx, nothing_stored(["acme/ok"]), no_token_in_log,
                                                           *checks), timeout=120, xfail_reason=xfail_reason, **kw)


def _gzip_bomb_body() -> bytes:
    import io

    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as fh:
        fh.write(b'{"schema": "modelmap.scan/1", "findings": [], "x": "')
        block = b"a" * MB
        for _ in range(256):
            fh.write(block)
        fh.write(b'"}')
    return buf.getvalue()


srv_probe("server-upload-oversized", [_post_big("acme/big", b'{"schema":"modelmap.scan/1","findings":[],"x":"'
                                                + b"a" * 12 * MB + b'"}')])
srv_probe("server-upload-deep", [_post("acme/deep", b'{"schema":"modelmap.scan/1","findings":' + b"[" * _DEEP
                                       + b"]" * _DEEP + b"}"),
                                 _post("acme/deep2", b'{"schema":"modelmap.scan/1","findings":[],"stats":'
                                       + b'{"a":' * 70 + b"1" + b"}" * 70 + b"}")])
srv_probe("server-upload-wrong-content-type", [
    _post("acme/ct1", _SCAN_DOC, {"Content-Type": "application/x-www-form-urlencoded"}),
    _post("acme/ct2", b"\xff\xfe" + _SCAN_DOC, {"Content-Type": "text/plain; charset=latin-1"}),
    _post("acme/ct3", b"schema: modelmap.scan/1\nfindings: []\n", {"Content-Type": "application/yaml"}),
    _post("acme/ct4", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a SYSTEM 'file:///etc/passwd'>]><bom>&a;</bom>",
          {"Content-Type": "application/xml"})])
srv_probe("server-upload-gzip-bomb", [_post("acme/gz", _gzip_bomb_body(), {"Content-Encoding": "gzip"})])
srv_probe("server-upload-hostile-repo-names", [
    _post("../../etc/passwd", _SCAN_DOC), _post("acme/..%2f..%2fx", _SCAN_DOC), _post("a" * 10_000, _SCAN_DOC),
    _post("acme/x\x00y", _SCAN_DOC), _post("acme/%00", _SCAN_DOC), _post("acme/<script>alert(1)</script>", _SCAN_DOC),
    _post("acme/" + ESC_TITLE, _SCAN_DOC), _post(".", _SCAN_DOC), _post("acme/ x ", _SCAN_DOC)],
    xfail_reason="")
srv_probe("server-upload-token-in-query", [
    _post("acme/q1", _SCAN_DOC, query="commit=" + "2" * 40 + "&token=qs-REDTEAM-secret", auth=False),
    _post("acme/q2", _SCAN_DOC, query="commit=" + "3" * 40 + "&access_token=qs-REDTEAM-secret", auth=False),
    _post("acme/q3", _SCAN_DOC, query=f"commit={'4' * 40}&access_token={ADMIN}", auth=False)])
srv_probe("server-upload-bad-commit", [_post("acme/c1", _SCAN_DOC, query="commit=" + "a" * 10_000),
                                       _post("acme/c2", _SCAN_DOC, query="commit=%00%1b]2;x%07"),
                                       _post("acme/c3", _SCAN_DOC, query="commit=")])
srv_probe("server-upload-wrong-types", [
    _post("acme/t1", b'{"schema":"modelmap.scan/1","findings":5}'),
    _post("acme/t2", b'{"schema":"modelmap.scan/1","findings":[{"raw":[1],"path":{},"line":"x"}]}'),
    _post("acme/t3", b'{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":5}]}'),
    _post("acme/t4", b'{"schema":"modelmap.scan/1","findings":[],"x":NaN,"y":' + b"9" * 5000 + b"}"),
    _post("acme/t5", b"[]"), _post("acme/t6", b"")])
srv_probe("server-upload-no-token", [_post("acme/n1", _SCAN_DOC, auth=False),
                                     _post("acme/n2", _SCAN_DOC, {"Authorization": "Bearer " + "x" * 100_000}),
                                     _post("acme/n3", _SCAN_DOC, {"Authorization": "Basic YWRtaW46YWRtaW4="})])
for _pid, _name in {"traversal": "../../../etc/passwd", "html": "<script>alert(1)</script>",
                    "long": "a" * 10_000, "escape": "acme/" + ESC_TITLE + "x"}.items():
    srv_probe(f"server-client-upload-name-{_pid}", [], SRV_UPLOAD, OK_OR_USAGE, project=_name,
              checks=(pages_escape(),))


def _hostile_snapshot(ctx: Ctx) -> None:
    """A well-formed scan (modelmap's own output) whose model names and paths carry HTML, JS and terminal
    escapes, uploaded as acme/xss: the pages must show them as text."""
    write(ctx.work / "a.py", PY_CALL)
    modelmap_server(ctx)
    if ctx.skip:
        return
    scan = subprocess.run([sys.executable, "-c", CHILD, "scan", ".", "-f", "json"], cwd=ctx.work, env=child_env(ctx),
                          capture_output=True, timeout=120, check=False)
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>" + ESC_TITLE
    doc = json.loads(scan.stdout.replace(b"gpt-4o", json.dumps(evil)[1:-1].encode()).replace(
        b'"a.py"', json.dumps("<img src=x onerror=alert(3)>.py").encode()))
    status, body = _http(f"{ctx.state['srv']}/api/v1/projects/acme/xss/snapshots?commit={'5' * 40}", "POST",
                         json.dumps(doc).encode(), _auth())
    ctx.state["answers"] = [(status, body[:300])]
    ctx.env["MODELMAP_TOKEN"] = ADMIN
    ctx.env["MODELMAP_PROJECT"] = "acme/ok"


def _pages_escape_all(res: Result) -> str | None:
    import http.cookiejar

    if not any(200 <= a[0] < 300 for a in res.ctx.state.get("answers") or []):
        return f"the hostile-but-valid snapshot was not stored, so no page shows it: {res.ctx.state.get('answers')}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar))
    base = res.ctx.state["srv"]
    opener.open(urllib.request.Request(base + "/login", data=f"token={ADMIN}".encode(), method="POST",
                                       headers={"Content-Type": "application/x-www-form-urlencoded"}), timeout=30)
    shown = 0
    for path in ("/", "/projects/acme/xss", "/trends", "/scenarios/no-cn-origin"):
        try:
            body = opener.open(base + path, timeout=60).read(16 * MB)
        except urllib.error.HTTPError as exc:
            if exc.code >= 500:
                return f"GET {path} answered {exc.code}"
            continue
        shown += b"alert(1)" in body or b"alert(3)" in body
        for raw in (b"<script>alert", b"<img src=x", b"\x1b"):
            if raw in body:
                i = body.index(raw)
                return f"GET {path} shows {raw!r} unescaped: {body[max(0, i - 80):i + 40]!r}"
    return None if shown else "no page showed the hostile names at all (nothing was checked)"


probe("server-pages-escape-hostile-snapshot", "server-upload", _hostile_snapshot, SRV_UPLOAD, OK,
      checks=(_pages_escape_all, no_token_in_log), timeout=120)
# the inspect-ai engine against the same hostile model servers where it is installed (the optional [eval] extra);
# where it is not, the same command must stop with the clear usage error (exit 2) that names the extra
_INSPECT_CODES = OK if importlib.util.find_spec("inspect_ai") is not None else USAGE
for _pid, _handle in {"escapes": chat(HOSTILE), "stalls": routes({}, default=stall(60)),
                      "deep-json": routes({}, default=lambda r, m, b: reply(r, b'{"choices":' + b"[" * _DEEP
                                                                            + b"]" * _DEEP + b"}"))}.items():
    ev_probe(f"eval-inspect-{_pid}", _handle, {"cases.jsonl": CASES},
             tuple(a if a != "http" else "inspect" for a in EV), _INSPECT_CODES, timeout=90)
