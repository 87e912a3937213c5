"""Drift: what the code declares against what runs (``modelmap.drift/1``; issue 15, item 4).

``modelmap diff CODE RUNTIME``: CODE is a scan JSON (``modelmap.scan/1``, with resolutions) or a folder
to scan; RUNTIME is a ``modelmap.runtime/1`` document. Models are compared by their resolved model id
(``resolution.model.id``), else by the name in lower case. Four lists:

* ``shadow``: serving, and no code or config names it, nor any name it was requested as ("shadow AI").
* ``declared_not_seen``: named in code, never seen serving in the runtime inventory's window.
* ``alias_mismatch``: the code names X, clients asked for X, and what answered was other weights Y
  (a served-name alias, a gateway route, a repointed tag).
* ``host_mismatch``: a model served from a host the code does not point it at. The hosts the code
  points a model at are the endpoint of its call, the code's endpoints of the same provider, and
  that provider's documented hosts (providers.yaml). A model the code gives no endpoint or provider
  is not checked (unknown, not a mismatch).

``matched`` lists the models found on both sides. Hand-written: it joins two of our own formats.
"""

from __future__ import annotations

import fnmatch
import json
import os
import stat
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_ID = "modelmap.drift/1"
RUNTIME_SCHEMA = "modelmap.runtime/1"
MAX_DOCUMENT = 256 * 1024 * 1024  # a scan or runtime JSON read whole: bigger is refused, never read


class DriftInputError(Exception):
    """An input that is not a scan JSON, a folder or a runtime inventory; the message says which."""


@dataclass
class _Declared:
    key: str
    names: set[str] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)
    providers: set[str] = field(default_factory=set)
    hosts: set[str] = field(default_factory=set)  # host or host:port the code points this model at


_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# Names that all mean "this machine": the loopback names and addresses, and the any-address a server binds to
# (a client that connects to 0.0.0.0 or :: reaches the local host).
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "0.0.0.0", "::"})
LOOPBACK = "localhost"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address, no port) is this machine: localhost, 127.0.0.0/8, ::1, 0.0.0.0, ::."""
    import ipaddress

    name = host.strip().strip("[]").rstrip(".").lower()
    if name in _LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def canonical_host(host: str) -> str:
    """A host name for comparison: lower case, no brackets or trailing dot, every loopback form one name."""
    name = host.strip().strip("[]").rstrip(".").lower()
    return LOOPBACK if is_loopback(name) else name


def _port(digits: str) -> int | None:
    """A port written in ASCII digits (at most 9: '\u00b2'.isdigit() is true, and int() refuses 5,000 digits)."""
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 9 else None


def split_host(hostport: str) -> tuple[str, int | None]:
    """``(host, port)`` of ``host``, ``host:port``, ``[v6]:port`` or a bare IPv6 address (no port)."""
    text = hostport.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        digits = rest[1:] if rest.startswith(":") else ""
        return host, _port(digits)
    if text.count(":") == 1:
        host, _, digits = text.partition(":")
        return host, _port(digits)
    return text, None


def host_of(url: str | None) -> str | None:
    """``host[:port]`` of an endpoint URL, lower case, an IPv6 address in brackets; the port only when the URL
    gives one other than its scheme's default (``http://x`` and ``http://x:80`` are both ``x``)."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urllib.parse.urlsplit(url if "//" in url else f"//{url}")
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    if port is not None and _DEFAULT_PORTS.get(parts.scheme.lower()) == port:
        port = None
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def host_matches(served: str, declared: str) -> bool:
    """``served`` (host[:port] from telemetry) is ``declared`` (host[:port] or a wildcard host). Host names
    compare case-insensitively and every loopback form (localhost, 127.0.0.1, ::1, 0.0.0.0) is one host;
    ports must be equal where both sides give one."""
    s_host, s_port = split_host(served)
    d_host, d_port = split_host(declared)
    if not fnmatch.fnmatch(canonical_host(s_host), canonical_host(d_host)):
        return False
    return not (s_port and d_port and s_port != d_port)


def _key(resolution: dict[str, Any] | None, name: str) -> str:
    model = (resolution or {}).get("model")
    model_id = model.get("id") if isinstance(model, dict) else None
    return model_id if isinstance(model_id, str) and model_id else name.strip().lower()


def load_json(path: Path, what: str) -> dict[str, Any]:
    """A JSON object from a regular file of at most MAX_DOCUMENT bytes (a pipe or device would block or never end)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise DriftInputError(f"{path}: is not a regular file; expected {what}")
        if st.st_size > MAX_DOCUMENT:
            raise DriftInputError(f"{path}: is larger than {MAX_DOCUMENT // (1024 * 1024)} MiB; expected {what}")
        with path.open("rb") as handle:
            raw = handle.read(MAX_DOCUMENT + 1)
        if len(raw) > MAX_DOCUMENT:
            raise DriftInputError(f"{path}: is larger than {MAX_DOCUMENT // (1024 * 1024)} MiB; expected {what}")
        doc = json.loads(raw)
    except OSError as exc:
        raise DriftInputError(f"{path}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    except (ValueError, RecursionError):
        raise DriftInputError(f"{path}: is not JSON; expected {what}") from None
    if not isinstance(doc, dict):
        raise DriftInputError(f"{path}: is not a JSON object; expected {what}")
    return doc


def is_runtime(path: str) -> bool:
    """Whether ``path`` is a file holding a ``modelmap.runtime/1`` document (read only its first 4 KiB)."""
    p = Path(path)
    try:
        if not p.is_file():
            return False
        with p.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return f'"schema": "{RUNTIME_SCHEMA}"'.encode() in head or f'"schema":"{RUNTIME_SCHEMA}"'.encode() in head


def declared_models(scan: dict[str, Any], providers: dict[str, Any]) -> dict[str, _Declared]:
    if scan.get("schema") != "modelmap.scan/1" or not isinstance(scan.get("findings"), list):
        raise DriftInputError("the code side is not a modelmap.scan/1 document (modelmap scan --format json)")
    findings = [f for f in scan["findings"] if isinstance(f, dict)]
    endpoint_hosts: dict[str, set[str]] = {}
    for f in findings:
        if f.get("kind") == "endpoint" and isinstance(f.get("provider"), str) and f["provider"]:
            host = host_of(f.get("endpoint") or f.get("raw"))
            if host:
                endpoint_hosts.setdefault(str(f["provider"]), set()).add(host)
    out: dict[str, _Declared] = {}
    for f in findings:
        if f.get("kind") == "endpoint" or not isinstance(f.get("raw"), str):
            continue
        res = f.get("resolution") if isinstance(f.get("resolution"), dict) else None
        key = _key(res, f["raw"])
        d = out.setdefault(key, _Declared(key))
        d.names.add(f["raw"])
        d.paths.add(str(f.get("path")))
        served = (res or {}).get("served_by")
        provider = f.get("provider") if isinstance(f.get("provider"), str) else None
        if provider is None and isinstance(served, dict) and isinstance(served.get("id"), str):
            provider = served["id"]
        if provider:
            d.providers.add(str(provider))
            d.hosts |= endpoint_hosts.get(str(provider), set())
            d.hosts |= {h.lower() for h in (providers.get(str(provider)) or {}).get("hosts") or ()
                        if (providers.get(str(provider)) or {}).get("kind") != "local"}
        host = host_of(f.get("endpoint"))
        if host:
            d.hosts.add(host)
    return out


def _strs(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _clean_model(m: dict[str, Any]) -> dict[str, Any]:
    """A runtime model entry with the fields drift reads in their documented types (others dropped to empty/null):
    the inventory is a file anyone can hand us."""
    res = m.get("resolution") if isinstance(m.get("resolution"), dict) else None
    if res is not None:
        res = {k: v for k, v in res.items() if k not in ("model", "publisher", "served_by") or isinstance(v, dict)}
        res["origins"] = _strs(res.get("origins")) if res.get("origins") is not None else None
    raw_by_host = m.get("requests_by_host")
    by_host: dict[Any, Any] = raw_by_host if isinstance(raw_by_host, dict) else {}
    return {**m, "hosts": _strs(m.get("hosts")), "requested_as": _strs(m.get("requested_as")), "resolution": res,
            "requests": _count(m.get("requests")), "requests_by_host": {k: _count(v) for k, v in by_host.items()},
            "last_seen": m.get("last_seen") if isinstance(m.get("last_seen"), str) else None}


def clean_runtime(doc: dict[str, Any]) -> dict[str, Any]:
    """A ``modelmap.runtime/1`` document whose model entries have the fields its readers use in their documented
    types (entries without a model name dropped; wrong-typed fields empty or null)."""
    models = doc.get("models")
    kept = [_clean_model(m) for m in models if isinstance(m, dict) and isinstance(m.get("model"), str)] \
        if isinstance(models, list) else []
    return {**doc, "models": kept, "summary": doc.get("summary") if isinstance(doc.get("summary"), dict) else {}}


def drift(code: dict[str, Any], runtime: dict[str, Any], *, code_source: str = "code",
          runtime_source: str = "runtime", resolve: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """``modelmap.drift/1`` from a scan document and a runtime inventory."""
    from modelmap.knowledge import load
    from modelmap.policy.inventory import routing_prefixes
    from modelmap.runtime.probe import safe_resolver

    if runtime.get("schema") != RUNTIME_SCHEMA or not isinstance(runtime.get("models"), list):
        raise DriftInputError("the runtime side is not a modelmap.runtime/1 document (modelmap runtime --format json)")
    if resolve is None:
        from modelmap.provenance.resolver import resolve as resolve_default

        resolve = resolve_default
    resolve = safe_resolver(resolve)
    declared = declared_models(code, load().providers)
    by_name = {n.lower(): d.key for d in declared.values() for n in d.names}

    def unprefixed(name: str) -> str:
        head, _, rest = name.partition("/")
        return rest if rest and head in routing_prefixes() else name

    def code_key(name: str) -> str | None:
        if name.lower() in by_name:
            return by_name[name.lower()]
        key = _key(resolve(name).to_dict(), name)
        if key in declared:
            return key
        # a gateway's routing prefix (LiteLLM's deepseek/deepseek-chat is the DeepSeek API's deepseek-chat) names
        # the same model, as runtime.seen matches it (policy/inventory.py)
        head, _, rest = name.strip().lower().partition("/")
        if rest and head in routing_prefixes() and rest in by_name:
            return by_name[rest]
        return None

    seen: set[str] = set()
    shadow, aliases, hosts, matched = [], [], [], []
    host_rows: dict[tuple[str, str], dict[str, Any]] = {}
    for m in [_clean_model(m) for m in runtime["models"] if isinstance(m, dict) and isinstance(m.get("model"), str)]:
        served_key = _key(m.get("resolution"), m["model"])
        direct = served_key if served_key in declared else code_key(m["model"])
        via_alias = {r: k for r in m.get("requested_as") or [] if (k := code_key(r)) is not None}
        pub = ((m.get("resolution") or {}).get("publisher") or {}).get("name")
        origins = (m.get("resolution") or {}).get("origins")
        if direct is None and not via_alias:
            shadow.append({"model": m["model"], "requested_as": m.get("requested_as") or [], "hosts": m.get("hosts") or [],
                           "requests": m.get("requests"), "publisher": pub, "origins": origins,
                           "last_seen": m.get("last_seen")})
            continue
        keys = ({direct} if direct else set()) | set(via_alias.values())
        seen |= keys
        for requested, key in sorted(via_alias.items()):
            if key != direct and unprefixed(key) != unprefixed(served_key):
                hosts_txt = ", ".join(m.get("hosts") or []) or "an unknown host"
                aliases.append({"declared": requested, "declared_model": key, "served": m["model"],
                                "served_model": served_key, "hosts": m.get("hosts") or [],
                                "requests": m.get("requests"), "publisher": pub, "origins": origins,
                                "message": f"code asks for {requested}; {hosts_txt} serves {m['model']}"})
        if direct:
            matched.append({"model": direct, "served_as": m["model"], "hosts": m.get("hosts") or [],
                            "requests": m.get("requests")})
        for key in sorted(keys):
            expected = declared[key].hosts
            if not expected:
                continue
            for h in m.get("hosts") or []:
                if not any(host_matches(h, e) for e in expected):
                    raw_by_host = m.get("requests_by_host")
                    by_host: dict[str, Any] = raw_by_host if isinstance(raw_by_host, dict) else {}
                    row = host_rows.get((key, h))
                    if row is not None:
                        # the same model at the same host under another served name (a telemetry span's dated
                        # response model, the gateway's prefixed upstream): one mismatch, its requests added up
                        row["served_as"] = ", ".join(sorted(set(row["served_as"].split(", ")) | {m["model"]}))
                        n = by_host.get(h)
                        if isinstance(n, int):
                            row["requests"] = n + (row["requests"] or 0)
                        continue
                    row = host_rows[(key, h)] = {
                        "model": key, "served_as": m["model"], "declared_hosts": sorted(expected),
                        "served_from": h, "requests": by_host.get(h),
                        "message": f"{key} is served from {h}; the code points it at " + ", ".join(sorted(expected))}
                    hosts.append(row)
    not_seen = [{"model": d.key, "names": sorted(d.names), "paths": sorted(d.paths)}
                for k, d in sorted(declared.items()) if k not in seen]
    summary = runtime.get("summary")
    runtime_summary: dict[str, Any] = summary if isinstance(summary, dict) else {}
    return {
        "schema": SCHEMA_ID,
        "code": {"source": code_source, "models": len(declared)},
        "runtime": {"source": runtime_source, "models": len(runtime["models"]), "since": runtime.get("since"),
                    "first_seen": runtime_summary.get("first_seen"), "last_seen": runtime_summary.get("last_seen")},
        "shadow": sorted(shadow, key=lambda x: x["model"]),
        "declared_not_seen": not_seen,
        "alias_mismatch": aliases,
        "host_mismatch": hosts,
        "matched": sorted(matched, key=lambda x: (x["model"], x["served_as"])),
        "summary": {"shadow": len(shadow), "declared_not_seen": len(not_seen), "alias_mismatch": len(aliases),
                    "host_mismatch": len(hosts), "matched": len(matched)},
    }


def drift_paths(code: str, runtime: str, *, scan_fn: Callable[[Path], Any] | None = None) -> dict[str, Any]:
    """Drift from a scan JSON file or a folder (scanned with ``scan_fn``) and a runtime JSON file."""
    code_path = Path(code)
    if code_path.is_dir():
        if scan_fn is None:
            raise DriftInputError(f"{code}: is a folder and no scanner was given")
        from modelmap.report.json import scan_document

        code_doc = json.loads(json.dumps(scan_document(scan_fn(code_path))))
    else:
        code_doc = load_json(code_path, "a scan JSON (modelmap scan --format json) or a folder")
    return drift(code_doc, load_json(Path(runtime), "a runtime JSON (modelmap runtime --format json)"),
                 code_source=code, runtime_source=runtime)
