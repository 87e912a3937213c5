"""One bounded HTTP request to a server someone asked us to probe.

Hand-written on ``http.client`` (stdlib) instead of ``urllib.request`` because a probe needs three
things urllib does not give: an overall deadline (a server dripping one byte a second never trips a
per-read timeout), redirects followed only within the same origin, and a connection made to the very
address that was checked (no second DNS answer between the check and the connect).

Rules:

* ``http``/``https`` only; credentials in the URL are refused (they would end up in outputs). A bearer
  token comes only from the caller (the CLI reads an environment variable) and is never echoed.
* The host is resolved once; every address must be public unless ``allow_private`` is set (loopback,
  private, link-local, shared, reserved and multicast ranges are all "private" here). The connection goes
  to the checked address; TLS still verifies the certificate for the host name.
* A reply is read in chunks up to ``max_bytes`` (one more byte means "too large") and within
  ``deadline`` seconds in total; both raise :class:`ProbeError` with the limit named.
* At most ``MAX_REDIRECTS`` redirects, each to the same scheme, host and port; anything else is refused.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import json
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

MAX_BYTES = 4 * 1024 * 1024
DEADLINE_S = 10.0
CONNECT_TIMEOUT_S = 5.0
MAX_REDIRECTS = 3
CHUNK = 64 * 1024


class ProbeError(Exception):
    """A request that could not be made or whose reply was refused; the message says why.
    ``answered`` is true when the server did answer (its reply was refused: too large, too slow)."""

    def __init__(self, message: str, *, answered: bool = False):
        super().__init__(message)
        self.answered = answered


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    base_path: str

    @property
    def origin(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}" + ("" if self.port == default else f":{self.port}")


def redact(url: str) -> str:
    """The URL without user:password@ (shown in outputs even when the URL itself is refused)."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return "<unparsable URL>"
    if "@" not in parts.netloc:
        return url.strip()
    return urllib.parse.urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))


def parse_target(url: str) -> Target:
    """The URL's origin and base path, or ProbeError (bad scheme, no host, credentials in the URL)."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        raise ProbeError("the URL cannot be parsed") from None
    if parts.scheme not in ("http", "https"):
        raise ProbeError("only http:// and https:// URLs can be probed")
    if parts.username is not None or parts.password is not None:
        raise ProbeError("credentials in the URL are refused; pass a token through MODELMAP_PROBE_TOKEN")
    if not parts.hostname:
        raise ProbeError("the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise ProbeError("the URL's port is not a number from 0 to 65535") from None
    base = parts.path.rstrip("/")
    if base.endswith("/v1"):  # the OpenAI-style base URL code uses; the probe adds /v1/... itself
        base = base[:-3]
    return Target(parts.scheme, parts.hostname, port, base)


def is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def vet_address(target: Target, *, allow_private: bool) -> str:
    """Resolve the host once and return the address to connect to; refuse private ones unless allowed."""
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise ProbeError(f"cannot resolve the host ({exc.__class__.__name__})") from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise ProbeError("the host resolves to no address")
    private = [a for a in addresses if is_private(a)]
    if private and not allow_private:
        raise ProbeError(f"the host resolves to a loopback or private address ({private[0]}); "
                         "pass --allow-private to probe it")
    return addresses[0]


@dataclass
class Reply:
    status: int
    body: bytes
    url: str
    seconds: float

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except (ValueError, RecursionError) as exc:
            raise ProbeError(f"the reply is not JSON ({exc.__class__.__name__})") from None


def request(target: Target, path: str, *, address: str, method: str = "GET", payload: Any = None,
            token: str | None = None, max_bytes: int = MAX_BYTES, deadline: float = DEADLINE_S) -> Reply:
    """One request to ``target`` at ``path`` (following same-origin redirects), bounded in time and size."""
    started = time.monotonic()
    body = None if payload is None else json.dumps(payload).encode()
    for _ in range(MAX_REDIRECTS + 1):
        reply, location = _once(target, path, address, method, body, token, max_bytes, started + deadline)
        if location is None:
            reply.seconds = time.monotonic() - started
            return reply
        nxt = urllib.parse.urlsplit(urllib.parse.urljoin(target.origin + path, location))
        if (nxt.scheme, nxt.hostname, nxt.port or (443 if nxt.scheme == "https" else 80)) != (
                target.scheme, target.host, target.port):
            raise ProbeError("redirect to another host refused")
        path = nxt.path + (f"?{nxt.query}" if nxt.query else "")
    raise ProbeError(f"more than {MAX_REDIRECTS} redirects")


def _once(target: Target, path: str, address: str, method: str, body: bytes | None, token: str | None,
          max_bytes: int, until: float) -> tuple[Reply, str | None]:
    timeout = max(0.05, min(CONNECT_TIMEOUT_S, until - time.monotonic()))
    conn: http.client.HTTPConnection
    if target.scheme == "https":
        conn = http.client.HTTPSConnection(target.host, target.port, timeout=timeout,
                                           context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(target.host, target.port, timeout=timeout)

    def connect_to_vetted(addr: tuple[str, int], tmo: float | None = None, src: Any = None) -> socket.socket:
        return socket.create_connection((address, addr[1]), tmo, src)

    conn._create_connection = connect_to_vetted  # type: ignore[attr-defined]
    headers = {"Accept": "application/json", "User-Agent": "modelmap-probe", "Connection": "close"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    answered = False
    watchdog: threading.Timer | None = None
    expired = threading.Event()
    try:
        conn.connect()
        sock = conn.sock

        def expire() -> None:  # the overall deadline, also while headers drip in
            expired.set()
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(max(0.0, until - time.monotonic()), expire)
        watchdog.daemon = True
        watchdog.start()
        conn.request(method, path or "/", body=body, headers=headers)
        response = conn.getresponse()
        answered = True
        if response.status in (301, 302, 303, 307, 308):
            location = response.getheader("Location") or ""
            return Reply(response.status, b"", path, 0.0), location
        length = response.getheader("Content-Length")
        # ASCII digits only ('\u00b2'.isdigit() is true; http.client keeps a length it cannot parse), and a length of
        # more than 18 digits is past any cap without int() (which refuses 5,000 digits)
        if length and length.isascii() and length.isdigit() and (len(length) > 18 or int(length) > max_bytes):
            raise ProbeError(f"the reply is larger than {max_bytes} bytes", answered=True)
        chunks: list[bytes] = []
        size = 0
        while True:
            left = until - time.monotonic()
            if left <= 0 or expired.is_set():
                raise ProbeError("the reply took longer than the deadline", answered=True)
            if conn.sock is not None:
                conn.sock.settimeout(min(left, CONNECT_TIMEOUT_S))
            chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
            if not chunk:
                if expired.is_set():  # the watchdog's shutdown reads as an end of file
                    raise ProbeError("the reply took longer than the deadline", answered=True)
                break
            size += len(chunk)
            if size > max_bytes:
                raise ProbeError(f"the reply is larger than {max_bytes} bytes", answered=True)
            chunks.append(chunk)
        return Reply(response.status, b"".join(chunks), path, 0.0), None
    except ProbeError:
        raise
    except (OSError, http.client.HTTPException) as exc:
        if expired.is_set():
            raise ProbeError("the reply took longer than the deadline", answered=answered) from None
        if isinstance(exc, (socket.timeout, TimeoutError)):
            raise ProbeError("the server did not answer in time") from None
        if isinstance(exc, ssl.SSLError):
            raise ProbeError(f"TLS failed ({exc.__class__.__name__})") from None
        raise ProbeError(f"connection failed ({exc.__class__.__name__})") from None
    finally:
        if watchdog is not None:
            watchdog.cancel()
        conn.close()
