"""The engine that asks a model: the Engine interface and a small bounded OpenAI-compatible client.

Two engines sit behind :class:`Engine`: inspect-ai (MIT; :mod:`.inspect_engine`, the optional ``[eval]``
extra, imported lazily; it keeps its logs as evidence) and :class:`HttpEngine`, written here so that
``modelmap eval`` works without the extra and the tests need nothing beyond the standard library. The
client is deliberately small: stdlib ``urllib`` against ``/v1/chat/completions``, a timeout per request, no
redirects, replies capped in bytes, loopback reached without proxies, and the key sent only as a header
and never logged. The evidence it leaves is the JSONL transcript that the runner writes and hashes.

A model is ``ID[@ENDPOINT]``: ``ID`` is the name the server serves, ``ENDPOINT`` an optional base URL
(``http://host:port/v1``) that overrides ``--base-url`` / ``MODELMAP_EVAL_BASE_URL`` for that model.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from modelmap.errors import UsageError

REPLY_LIMIT = 1024 * 1024  # bytes of one HTTP reply
TEXT_LIMIT = 64 * 1024  # characters of one answer kept for scoring
DEFAULT_TIMEOUT = 120.0
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class ModelSpec:
    """One model to evaluate: the served name and the base URL it is reached at."""

    id: str
    base_url: str

    @property
    def label(self) -> str:
        return self.id


@dataclass(frozen=True)
class Reply:
    """One answer: its text (None on error), token usage as the server reported it, and wall time."""

    text: str | None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_s: float = 0.0
    error: str | None = None
    truncated: bool = False
    raw_model: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Engine(Protocol):
    """Anything that can answer a chat request for a model (the runner's only dependency)."""

    def complete(self, model: ModelSpec, messages: list[dict[str, str]], *, max_tokens: int,
                 temperature: float) -> Reply: ...


def parse_model(spec: str, default_base_url: str | None) -> ModelSpec:
    """``ID[@ENDPOINT]`` → ModelSpec; an endpoint must be an http(s) URL without credentials."""
    model_id, sep, endpoint = spec.partition("@")
    if sep and not endpoint.startswith(("http://", "https://")):
        # a served name may itself contain '@' (rare); only split on an URL-looking tail
        model_id, endpoint = spec, ""
    model_id = model_id.strip()
    if not model_id:
        raise UsageError(f"--model {spec!r}: empty model id", hint="write --model ID or --model ID@http://host:port/v1")
    base = endpoint or default_base_url
    if not base:
        raise UsageError(f"--model {model_id}: no endpoint",
                         hint="add @http://host:port/v1 to the model, or set --base-url / MODELMAP_EVAL_BASE_URL")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--model {model_id}: endpoint {base!r} is not an http(s) URL")
    if parts.username or parts.password:
        raise UsageError(f"--model {model_id}: the endpoint URL carries credentials",
                         hint="pass the key through --api-key-env (an environment variable), never in the URL")
    return ModelSpec(model_id, base.rstrip("/"))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_watch = threading.local()  # the sockets the current thread's request opened (for the deadline watchdog)


def _watched(base: type[http.client.HTTPConnection]) -> Any:
    class Watched(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            socks = getattr(_watch, "socks", None)
            if socks is not None:
                socks.append(self.sock)
    return Watched


class _WatchedHTTP(urllib.request.HTTPHandler):
    def http_open(self, req: Any) -> Any:
        return self.do_open(_watched(http.client.HTTPConnection), req)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def https_open(self, req: Any) -> Any:
        return self.do_open(_watched(http.client.HTTPSConnection), req, context=self._context)  # type: ignore[attr-defined]


class HttpEngine:
    """OpenAI-compatible chat completions over stdlib HTTP (bounded, no redirects, key only in a header).

    The timeout is one deadline for the whole request: a watchdog shuts the socket at that time, so a
    server that drips its status line or headers a byte at a time (no single read ever times out) cannot
    hold a run either."""

    def __init__(self, api_key: str | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._key = api_key
        self._timeout = timeout
        self._opener = urllib.request.build_opener(_NoRedirect(), _WatchedHTTP(), _WatchedHTTPS())
        # a local server is reached directly, whatever HTTP(S)_PROXY says
        self._direct = urllib.request.build_opener(_NoRedirect(), urllib.request.ProxyHandler({}), _WatchedHTTP(),
                                                   _WatchedHTTPS())

    def __repr__(self) -> str:  # never show the key
        return f"HttpEngine(timeout={self._timeout})"

    def complete(self, model: ModelSpec, messages: list[dict[str, str]], *, max_tokens: int,
                 temperature: float) -> Reply:
        body = json.dumps({"model": model.id, "messages": messages, "max_tokens": max_tokens,
                           "temperature": temperature, "stream": False}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        request = urllib.request.Request(f"{model.base_url}/chat/completions", data=body, headers=headers,
                                         method="POST")
        start = time.perf_counter()
        deadline = start + self._timeout
        socks: list[socket.socket] = []
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            for sock in list(socks):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(self._timeout, expire)
        watchdog.daemon = True
        _watch.socks = socks
        watchdog.start()
        try:
            opener = self._direct if urlsplit(model.base_url).hostname in LOOPBACK else self._opener
            with opener.open(request, timeout=self._timeout) as response:
                raw = _read_bounded(response, deadline)
            if expired.is_set():  # the watchdog's shutdown can read as a short, clean end of the body
                raise TimeoutError
        except TimeoutError:
            return Reply(None, latency_s=time.perf_counter() - start, error=f"no complete reply in {self._timeout:g} s")
        except urllib.error.HTTPError as exc:
            return Reply(None, latency_s=time.perf_counter() - start, error=f"HTTP {exc.code}")
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
            if expired.is_set():
                return Reply(None, latency_s=time.perf_counter() - start,
                             error=f"no complete reply in {self._timeout:g} s")
            reason = getattr(exc, "reason", exc)
            return Reply(None, latency_s=time.perf_counter() - start,
                         error=f"connection failed: {str(reason)[:200] or exc.__class__.__name__}")
        finally:
            watchdog.cancel()
            _watch.socks = None
        latency = time.perf_counter() - start
        if len(raw) > REPLY_LIMIT:
            return Reply(None, latency_s=latency, error=f"reply larger than {REPLY_LIMIT} bytes")
        return _parse_reply(raw, latency)


def _read_bounded(response: Any, deadline: float) -> bytes:
    """Read at most REPLY_LIMIT + 1 bytes, and give up at the overall deadline (a server that drips bytes
    slowly cannot hold a run: the socket timeout alone only bounds each read)."""
    chunks: list[bytes] = []
    size = 0
    while size <= REPLY_LIMIT:
        if time.perf_counter() > deadline:
            raise TimeoutError
        chunk = response.read1(min(65536, REPLY_LIMIT + 1 - size)) if hasattr(response, "read1") \
            else response.read(min(65536, REPLY_LIMIT + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _parse_reply(raw: bytes, latency: float) -> Reply:
    try:
        doc = json.loads(raw)
        message = doc["choices"][0]["message"]
        content = message.get("content")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError):
        return Reply(None, latency_s=latency, error="reply is not an OpenAI chat completion")
    if not isinstance(content, str):
        content = "" if content is None else str(content)
    usage = doc.get("usage") if isinstance(doc.get("usage"), dict) else {}
    truncated = len(content) > TEXT_LIMIT
    return Reply(content[:TEXT_LIMIT], prompt_tokens=_int(usage.get("prompt_tokens")),
                 completion_tokens=_int(usage.get("completion_tokens")), latency_s=latency, truncated=truncated,
                 raw_model=doc.get("model") if isinstance(doc.get("model"), str) else None)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
