"""``modelmap runtime``: a runtime inventory (``modelmap.runtime/1``) from telemetry, gateway logs and probes.

Sources, told apart line by line by their shape (a file may mix them):

* **OTLP JSON** as the OpenTelemetry file exporter and the Collector's file exporter write it: JSON lines,
  one ``TracesData`` (``resourceSpans``) or ``MetricsData`` (``resourceMetrics``) per line
  (https://opentelemetry.io/docs/specs/otel/protocol/file-exporter/). Spans are read for the GenAI
  semantic-convention attributes ``gen_ai.provider.name`` (or the deprecated ``gen_ai.system``),
  ``gen_ai.request.model``, ``gen_ai.response.model``, ``gen_ai.operation.name``,
  ``gen_ai.usage.input_tokens`` / ``output_tokens`` (and the older ``prompt_tokens`` /
  ``completion_tokens``), ``server.address`` / ``server.port``; resource ``service.name`` says which
  service called. Metrics: ``gen_ai.client.token.usage`` (histogram sum per ``gen_ai.token.type``) and
  ``gen_ai.client.operation.duration`` (histogram count = requests)
  (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics/).
* **LiteLLM** callback JSONL (one ``StandardLoggingPayload`` per line,
  https://docs.litellm.ai/docs/proxy/logging_spec) or spend-log rows (a JSON list or JSON lines):
  ``model_group`` is the name clients asked for, ``model`` (with ``custom_llm_provider``) the upstream,
  ``api_base`` where it went, ``prompt_tokens`` / ``completion_tokens``, ``startTime``.
* **Probe results** (``modelmap.probe/1``): what each server serves, with no request counts.

A LiteLLM record of a failed attempt (``status`` "failure" in a callback line or a spend-log row, or in the
row's ``metadata``; ``status_fields.llm_api_status`` "failure"; or an error with no model that answered)
never counts a model as seen serving: it is counted per model group in ``failed_attempts`` instead, with
the upstreams it tried and the error classes.

Streaming: a file is read one line at a time (a line is one export batch); only the aggregate per
(requested name, response model, provider, host) is kept, at most ``MAX_KEYS`` of them. A line longer
than ``MAX_LINE`` bytes, or that is not JSON, is a counted skip with its reason. A single JSON document
(a probe result, a spend-log list) is read whole only up to ``MAX_DOCUMENT`` bytes.

Unknown stays unknown: ``requests`` and ``tokens`` are null when no source counted them (a probe sees a
model serving but counts nothing), never 0.
"""

from __future__ import annotations

import fnmatch
import json
import math
import os
import re
import select
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, BinaryIO

SCHEMA_ID = "modelmap.runtime/1"
MAX_LINE = 64 * 1024 * 1024
MAX_DOCUMENT = 64 * 1024 * 1024
MAX_KEYS = 10_000
MAX_SERVICES = 32
MAX_TRACED = 200_000  # requests remembered by trace id, to find the same request in two sources
# sources that count requests one by one: an app's spans and a gateway's log may both record the same request
_PER_REQUEST = ("otel-spans", "litellm")
_TRACE_ID = re.compile(r"[0-9a-f]{32}")
_TRACEPARENT = re.compile(r"[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}")
MAX_NAME = 512
FIFO_WAIT_S = 10.0  # a named pipe with no writer: how long to wait for one before giving up
# times outside years 1..9999 cannot be written as ISO dates: such a timestamp is treated as absent
_MIN_NS = -62135596800 * 10**9
_MAX_NS = 253402300799 * 10**9

_WANTED = frozenset({
    "gen_ai.provider.name", "gen_ai.system", "gen_ai.request.model", "gen_ai.response.model",
    "gen_ai.operation.name", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
    "gen_ai.usage.prompt_tokens", "gen_ai.usage.completion_tokens", "server.address", "server.port",
    "gen_ai.token.type",
})
_WANTED_ALL = _WANTED | {"service.name"}


def _json_loader() -> Callable[[bytes], Any]:
    """orjson when it is installed (3-5x faster on big export batches), else the standard library.
    A line orjson refuses (NaN, integers past 64 bits) is read again by ``json``, so both read the same."""
    try:
        import orjson
    except ImportError:
        return json.loads
    decode_error = orjson.JSONDecodeError

    def loads(data: bytes) -> Any:
        try:
            return orjson.loads(data)
        except decode_error:
            return json.loads(data)

    return loads


class RuntimeInputError(Exception):
    """A source that cannot be read at all (missing, a folder); the message names it."""


@dataclass
class _Agg:
    requests: int | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    first_ns: int | None = None
    last_ns: int | None = None
    operations: set[str] = field(default_factory=set)
    services: set[str] = field(default_factory=set)
    seen_in: set[str] = field(default_factory=set)
    served_by: set[str] = field(default_factory=set)  # server kinds from probes
    by_source: Counter[str] = field(default_factory=Counter)  # requests counted per source kind


def _add(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else a + b


@dataclass
class _Source:
    path: str
    kinds: Counter[str] = field(default_factory=Counter)
    records: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def _name(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()[:MAX_NAME]
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isdigit() and len(value) < 25:
        return int(value)
    return None


def _attrs(items: Any) -> dict[str, Any]:
    """The attributes we read, as key -> scalar (the hot loop of ingest: kept flat on purpose)."""
    out: dict[str, Any] = {}
    if not isinstance(items, list):
        return out
    wanted = _WANTED_ALL
    for kv in items:
        if type(kv) is dict:
            key = kv.get("key")
            if type(key) is str and key in wanted:
                v = kv.get("value")
                if type(v) is dict:
                    for value in v.values():  # an AnyValue holds one field
                        out[key] = value
                        break
    return out


def _host(address: Any, port: Any) -> str | None:
    """``host[:port]`` from ``server.address`` / ``server.port``: lower case, an IPv6 address in brackets."""
    host = _name(address)
    if host is None:
        return None
    host = host.lower()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    p = _int(port)
    return f"{host}:{p}" if p else host


def _time_ns(value: Any) -> int | None:
    """Nanoseconds since the epoch from OTLP (ns as a string or int), LiteLLM (seconds as a float) or ISO text;
    None for anything else, and for a time that is not a finite number or falls outside years 1..9999."""
    ns: int | None = None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str) and value.isdigit():
        value = int(value) if len(value) < 40 else None
    if isinstance(value, int):
        ns = value if value > 10**14 else value * 10**9
    elif isinstance(value, float):
        ns = int(value * 1e9) if math.isfinite(value) and abs(value) < 1e12 else None
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)
            ns = int(parsed.timestamp() * 1e9)
        except (ValueError, OverflowError):
            return None
    return ns if ns is not None and _MIN_NS <= ns <= _MAX_NS else None


def iso(ns: int | None) -> str | None:
    if ns is None or not _MIN_NS <= ns <= _MAX_NS:
        return None
    try:
        return datetime.fromtimestamp(ns / 1e9, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (ValueError, OverflowError, OSError):
        return None


_RELATIVE = re.compile(r"^(\d+)([mhdw])$")


def parse_since(value: str, now: datetime | None = None) -> int:
    """``--since``: an ISO date or time (UTC unless it says otherwise), or a span back from now: 30m, 24h, 7d, 2w."""
    text = value.strip()
    m = _RELATIVE.match(text)
    if m:
        unit = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[m.group(2)]
        try:
            start = (now or datetime.now(timezone.utc)) - timedelta(**{unit: int(m.group(1))})
        except (OverflowError, ValueError):
            raise ValueError(f"--since {value!r} reaches back before the year 1") from None
        return int(start.timestamp() * 1e9)
    ns = _time_ns(text)
    if ns is None or text.isdigit() or iso(ns) is None:
        raise ValueError(f"--since {value!r} is neither an ISO date/time (years 1 to 9999) nor a span like 24h or 7d")
    return ns


@dataclass
class _Failed:
    """Failed attempts of one model group (LiteLLM failure records): never a model seen serving."""

    attempts: int = 0
    upstreams: set[str] = field(default_factory=set)
    errors: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)  # policy rules that rejected attempts (modelmap guardrail)
    first_ns: int | None = None
    last_ns: int | None = None


class Collector:
    """The running aggregate; ``add`` is called once per span, metric point or log record."""

    def __init__(self, since_ns: int | None = None, max_keys: int = MAX_KEYS):
        self.since_ns = since_ns
        self.max_keys = max_keys
        self.keys: dict[tuple[str | None, str | None, str | None, str | None], _Agg] = {}
        self.failed: dict[str, _Failed] = {}
        self.weights_unknown: set[str] = set()  # served names a probe listed without saying what weights they are
        self.overflow = 0
        self.before_since = 0
        self.spans = 0
        # trace id -> source -> the (key, input tokens, output tokens) of each request it recorded in that trace
        self.traced: dict[str, dict[str, list[tuple[tuple[str | None, str | None, str | None, str | None],
                                                    int | None, int | None]]]] = {}
        self.traced_n = 0
        self.untraced = Counter[str]()  # requests of a per-request source that carried no trace id
        self.past_traced = 0  # requests that carried one past the MAX_TRACED remembered

    def add_failure(self, *, group: str, upstream: str | None, error: str | None, t_ns: int | None,
                    rule: str | None = None) -> None:
        """One failed attempt for ``group`` (counted, capped like the serving keys)."""
        if self.since_ns is not None and t_ns is not None and t_ns < self.since_ns:
            self.before_since += 1
            return
        f = self.failed.get(group)
        if f is None:
            if len(self.failed) >= self.max_keys:
                self.overflow += 1
                return
            f = self.failed[group] = _Failed()
        f.attempts += 1
        if upstream and len(f.upstreams) < MAX_SERVICES:
            f.upstreams.add(upstream)
        if error and (error in f.errors or len(f.errors) < MAX_SERVICES):
            f.errors[error[:128]] += 1
        if rule and (rule[:128] in f.rules or len(f.rules) < MAX_SERVICES):
            f.rules[rule[:128]] += 1
        if t_ns is not None:
            f.first_ns = t_ns if f.first_ns is None else min(f.first_ns, t_ns)
            f.last_ns = t_ns if f.last_ns is None else max(f.last_ns, t_ns)

    def add(self, *, source: str, requested: str | None, response: str | None, provider: str | None,
            host: str | None, t_ns: int | None, requests: int | None = 1, input_tokens: int | None = None,
            output_tokens: int | None = None, operation: str | None = None, service: str | None = None,
            served_by: str | None = None, trace_id: str | None = None) -> None:
        if requested is None and response is None:
            return
        if self.since_ns is not None and t_ns is not None and t_ns < self.since_ns:
            self.before_since += 1
            return
        key = (requested, response, provider, host)
        agg = self.keys.get(key)
        if agg is None:
            if len(self.keys) >= self.max_keys:
                self.overflow += 1
                return
            agg = self.keys[key] = _Agg()
        agg.requests = _add(agg.requests, requests)
        if requests:
            agg.by_source[source] += requests
        if requests == 1 and source in _PER_REQUEST:
            if trace_id and self.traced_n < MAX_TRACED:
                self.traced_n += 1
                self.traced.setdefault(trace_id, {}).setdefault(source, []).append(
                    (key, input_tokens, output_tokens))
            elif trace_id:
                self.past_traced += 1
            else:
                self.untraced[source] += 1
        agg.input_tokens = _add(agg.input_tokens, input_tokens)
        agg.output_tokens = _add(agg.output_tokens, output_tokens)
        if t_ns is not None:
            agg.first_ns = t_ns if agg.first_ns is None else min(agg.first_ns, t_ns)
            agg.last_ns = t_ns if agg.last_ns is None else max(agg.last_ns, t_ns)
        if operation:
            agg.operations.add(operation[:64])
        if service and len(agg.services) < MAX_SERVICES:
            agg.services.add(service[:128])
        if served_by:
            agg.served_by.add(served_by)
        agg.seen_in.add(source)


def _otel_traces(doc: dict[str, Any], c: Collector) -> int:
    n = 0
    for rs in _list(doc.get("resourceSpans")):
        if not isinstance(rs, dict):
            continue
        service = _name(_attrs(_obj(rs.get("resource")).get("attributes")).get("service.name"))
        for ss in _list(rs.get("scopeSpans") or rs.get("instrumentationLibrarySpans")):
            if not isinstance(ss, dict):
                continue
            for span in _list(ss.get("spans")):
                if not isinstance(span, dict):
                    continue
                n += 1
                a = _attrs(span.get("attributes"))
                requested, response = _name(a.get("gen_ai.request.model")), _name(a.get("gen_ai.response.model"))
                if requested is None and response is None:
                    continue
                c.spans += 1
                c.add(source="otel-spans", requested=requested, response=response,
                      provider=_name(a.get("gen_ai.provider.name")) or _name(a.get("gen_ai.system")),
                      host=_host(a.get("server.address"), a.get("server.port")),
                      t_ns=_time_ns(span.get("startTimeUnixNano")),
                      input_tokens=_int(a.get("gen_ai.usage.input_tokens", a.get("gen_ai.usage.prompt_tokens"))),
                      output_tokens=_int(a.get("gen_ai.usage.output_tokens",
                                               a.get("gen_ai.usage.completion_tokens"))),
                      operation=_name(a.get("gen_ai.operation.name")), service=service,
                      trace_id=_trace_id(span.get("traceId")))
    return n


def _trace_id(value: Any) -> str | None:
    """A W3C trace id (32 hex digits, not all zero) from an OTLP span's ``traceId``, a log's ``trace_id`` (with or
    without dashes) or a ``traceparent`` header value; None for anything else (LiteLLM's own UUID call ids are
    trace ids of its own, which no span shares, and they compare unequal as they should)."""
    text = _name(value)
    if text is None:
        return None
    text = text.lower()
    m = _TRACEPARENT.fullmatch(text)
    tid = m.group(1) if m else text.replace("-", "")
    return tid if _TRACE_ID.fullmatch(tid) and tid.strip("0") else None


def _record_trace_id(record: dict[str, Any]) -> str | None:
    """The W3C trace id a gateway record carries: a ``traceparent`` (the record's, its metadata's or the request
    headers LiteLLM keeps there), else its ``trace_id``."""
    meta = _obj(record.get("metadata"))
    headers = _obj(meta.get("headers")) or _obj(_obj(record.get("proxy_server_request")).get("headers"))
    for value in (record.get("traceparent"), meta.get("traceparent"), headers.get("traceparent"),
                  record.get("trace_id"), meta.get("trace_id")):
        tid = _trace_id(value)
        if tid:
            return tid
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _otel_metrics(doc: dict[str, Any], c: Collector) -> int:
    n = 0
    for rm in _list(doc.get("resourceMetrics")):
        if not isinstance(rm, dict):
            continue
        service = _name(_attrs(_obj(rm.get("resource")).get("attributes")).get("service.name"))
        for sm in _list(rm.get("scopeMetrics")):
            for metric in _list(_obj(sm).get("metrics")):
                metric = _obj(metric)
                name = metric.get("name")
                if name not in ("gen_ai.client.token.usage", "gen_ai.client.operation.duration"):
                    continue
                for point in _list(_obj(metric.get("histogram")).get("dataPoints")):
                    point = _obj(point)
                    n += 1
                    a = _attrs(point.get("attributes"))
                    common: dict[str, Any] = {"source": "otel-metrics", "requested": _name(a.get("gen_ai.request.model")),
                              "response": _name(a.get("gen_ai.response.model")),
                              "provider": _name(a.get("gen_ai.provider.name")) or _name(a.get("gen_ai.system")),
                              "host": _host(a.get("server.address"), a.get("server.port")),
                              "t_ns": _time_ns(point.get("timeUnixNano")),
                              "operation": _name(a.get("gen_ai.operation.name")), "service": service}
                    total = point.get("sum")
                    tokens = int(total) if (isinstance(total, int) and not isinstance(total, bool)) or \
                        (isinstance(total, float) and math.isfinite(total)) else None
                    if name == "gen_ai.client.operation.duration":
                        c.add(**common, requests=_int(point.get("count")))
                    elif a.get("gen_ai.token.type") == "input":
                        c.add(**common, requests=None, input_tokens=tokens)
                    elif a.get("gen_ai.token.type") == "output":
                        c.add(**common, requests=None, output_tokens=tokens)
    return n


def _upstream(record: dict[str, Any]) -> str | None:
    model = _name(record.get("model"))
    provider = _name(record.get("custom_llm_provider"))
    if model and provider and not model.startswith(provider + "/"):
        return f"{provider}/{model}"
    return model


def _failed(record: dict[str, Any]) -> bool:
    """Whether a LiteLLM record is a failed attempt: its status says so (the record, a spend-log row's
    ``metadata``, ``status_fields.llm_api_status``), or it carries an error and no model answered."""
    meta, fields = _obj(record.get("metadata")), _obj(record.get("status_fields"))
    for status in (record.get("status"), meta.get("status"), fields.get("llm_api_status")):
        if isinstance(status, str) and status.strip().lower() in ("failure", "failed", "error"):
            return True
    error = record.get("error") or record.get("error_str") or record.get("error_information")
    answered = _name(record.get("model")) or _name(_obj(record.get("response")).get("model"))
    return bool(error) and answered is None


def _error_class(record: dict[str, Any]) -> str | None:
    for holder in (record.get("error"), record.get("error_information"),
                   _obj(record.get("metadata")).get("error_information")):
        holder = _obj(holder)
        name = _name(holder.get("class")) or _name(holder.get("error_class"))
        if name:
            return name
    return "error" if record.get("error") or record.get("error_str") else None


def _litellm(record: dict[str, Any], c: Collector) -> None:
    from modelmap.runtime.drift import host_of

    t_ns = _time_ns(record.get("startTime"))
    if _failed(record):
        group = (_name(record.get("model_group")) or _name(record.get("requested_group"))
                 or _name(record.get("model")) or _name(record.get("attempted_upstream")))
        if group is not None:
            c.add_failure(group=group, upstream=_name(record.get("attempted_upstream")) or _upstream(record),
                          error=_error_class(record), t_ns=t_ns, rule=_name(_obj(record.get("error")).get("rule")))
        return
    host = host_of(_name(record.get("api_base")))
    c.add(source="litellm", requested=_name(record.get("model_group")) or _name(record.get("model")),
          response=_upstream(record), provider=_name(record.get("custom_llm_provider")), host=host,
          t_ns=t_ns, input_tokens=_int(record.get("prompt_tokens")),
          output_tokens=_int(record.get("completion_tokens")), operation=_name(record.get("call_type")),
          trace_id=_record_trace_id(record))


def _probe(doc: dict[str, Any], c: Collector) -> int:
    from modelmap.runtime.drift import host_of

    n = 0
    for ep in _list(doc.get("endpoints")):
        ep = _obj(ep)
        host = host_of(_name(ep.get("url")))
        for m in _list(ep.get("models")):
            m = _obj(m)
            served, weights = _name(m.get("served_name")), _name(m.get("weights"))
            if served is None:
                continue
            n += 1
            if weights is None and not _obj(_obj(m.get("resolution")).get("model")) and len(c.weights_unknown) < c.max_keys:
                c.weights_unknown.add(served)
            where = host
            if _name(ep.get("server")) == "litellm":
                # a LiteLLM proxy relays: the route is served where its litellm_params send it (api_base), not at
                # the proxy; with no api_base the provider's own API answers, a host the probe does not see
                api_base = _name(_obj(_obj(m.get("evidence")).get("litellm_params.api_base")).get("value"))
                where = host_of(api_base) if api_base else None
            c.add(source="probe", requested=served, response=weights, provider=_name(ep.get("server")), host=where,
                  t_ns=None, requests=None, served_by=_name(ep.get("server")))
    return n


def _dispatch(doc: Any, c: Collector, src: _Source) -> None:
    if isinstance(doc, list):
        for item in doc:
            _dispatch_one(item, c, src)
        return
    _dispatch_one(doc, c, src)


def _dispatch_one(doc: Any, c: Collector, src: _Source) -> None:
    if not isinstance(doc, dict):
        src.skipped["not a JSON object"] += 1
        return
    if "resourceSpans" in doc:
        src.kinds["otel-spans"] += 1
        src.records += _otel_traces(doc, c)
    elif "resourceMetrics" in doc:
        src.kinds["otel-metrics"] += 1
        src.records += _otel_metrics(doc, c)
    elif doc.get("schema") == "modelmap.probe/1":
        src.kinds["probe"] += 1
        src.records += _probe(doc, c)
    elif "model_group" in doc or "call_type" in doc or "standard_logging_object" in doc:
        record = _obj(doc.get("standard_logging_object")) or doc
        src.kinds["litellm"] += 1
        src.records += 1
        _litellm(record, c)
    else:
        src.skipped["not a known record shape"] += 1


def _lines(handle: BinaryIO, src: _Source) -> Iterator[bytes]:
    """Lines of at most MAX_LINE bytes; a longer one is skipped (read through, never kept)."""
    while True:
        line = handle.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            while True:  # drop the rest of this line
                rest = handle.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            src.skipped[f"line longer than {MAX_LINE} bytes"] += 1
            continue
        if line.strip():
            yield line


def _open(path: Path) -> tuple[BinaryIO, bool]:
    """The source opened for reading, and whether it is a regular file (else a named pipe, read once).
    A device (/dev/zero, a terminal) or socket is refused: it never ends or is not a log. A named pipe
    with no writer is waited for at most FIFO_WAIT_S seconds."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise RuntimeInputError(f"{path}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    if stat.S_ISDIR(st.st_mode):
        raise RuntimeInputError(f"{path}: is a folder; pass the files in it")
    if stat.S_ISREG(st.st_mode):
        try:
            return path.open("rb"), True
        except OSError as exc:
            raise RuntimeInputError(f"{path}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    if not stat.S_ISFIFO(st.st_mode):
        raise RuntimeInputError(f"{path}: is a device or socket, not a log file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise RuntimeInputError(f"{path}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        if not poller.poll(FIFO_WAIT_S * 1000):  # Linux reports nothing until a writer has opened the pipe
            raise RuntimeInputError(f"{path}: is a named pipe and nothing wrote to it within {FIFO_WAIT_S:g} s")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), False
    except BaseException:
        os.close(fd)
        raise


def read_source(path: Path, c: Collector) -> _Source:
    src = _Source(str(path))
    handle, regular = _open(path)
    loads = _json_loader()
    with handle:
        first = regular  # only a regular file can be read again as one whole document
        for line in _lines(handle, src):
            if line.startswith(b'{"resourceSpans"') and b'"gen_ai.' not in line:
                src.kinds["otel-spans"] += 1  # a batch with no GenAI span: counted, not parsed
                src.records += line.count(b'"spanId"')
                first = False
                continue
            try:
                doc = loads(line)
            except (ValueError, RecursionError):
                if first:  # maybe one pretty-printed document (a probe result, a spend-log list)
                    first = False
                    whole = _whole(path)
                    if whole is not None:
                        _dispatch(whole, c, src)
                        return src
                src.skipped["not JSON"] += 1
                continue
            first = False
            _dispatch(doc, c, src)
    return src


def _whole(path: Path) -> Any | None:
    """The file as one JSON document, when it is one and at most MAX_DOCUMENT bytes; else None."""
    if path.stat().st_size > MAX_DOCUMENT:
        return None
    try:
        return json.loads(path.read_bytes())
    except (ValueError, RecursionError):
        return None


def _provider_for_host(host: str | None, providers: dict[str, Any]) -> dict[str, Any] | None:
    """The provider whose documented hosts (and ports, for local servers) match ``host``; None if not exactly one."""
    from modelmap.runtime.drift import canonical_host, split_host

    if not host:
        return None
    name, port = split_host(host)
    name = canonical_host(name)
    matches = []
    for p in providers.values():
        if not any(fnmatch.fnmatch(name, canonical_host(h)) for h in _list(p.get("hosts")) if isinstance(h, str)):
            continue
        if p.get("kind") == "local" and not p.get("ports"):
            # every local server shares the loopback names: one whose default port is not documented (llamafile)
            # would otherwise be named for any loopback port no other server documents (a LiteLLM proxy on :4000)
            continue
        if port is not None and p.get("ports") and port not in p["ports"]:
            continue
        matches.append(p)
    return matches[0] if len(matches) == 1 else None


def build(paths: Iterable[Path], *, since_ns: int | None = None, resolve: Callable[[str], Any] | None = None,
          max_keys: int = MAX_KEYS) -> dict[str, Any]:
    """``modelmap.runtime/1`` from the given sources, streamed."""
    from modelmap.runtime.probe import safe_resolver

    if resolve is None:
        from modelmap.provenance.resolver import resolve as resolve_default

        resolve = resolve_default
    resolve = safe_resolver(resolve)
    c = Collector(since_ns, max_keys)
    sources = [read_source(Path(p), c) for p in paths]
    return _document(c, sources, resolve, since_ns)


def _join_routes_to_probed_weights(by_model: dict[str, dict[str, Any]]) -> None:
    """Attribute a gateway's traffic to the weights a probe found behind it, in place.

    A LiteLLM record names its upstream as ``<routing prefix>/<served name>`` at its ``api_base`` host
    (``hosted_vllm/support-chat`` at 10.0.4.12:8000); a probe of that host says which weights answer to that served
    name (vLLM's ``root``: ``support-chat`` is Qwen/Qwen2.5-32B-Instruct-AWQ). Without the join the counted requests
    stay on a label of unknown origin and the weights show "not counted". When exactly one probe-only entry at one
    of the route's hosts serves that name, the route's requests, tokens, times, names and hosts move onto it."""
    from modelmap.policy.inventory import routing_prefixes

    prefixes = routing_prefixes()
    probed = {name: e for name, e in by_model.items() if e["seen_in"] == {"probe"}}
    for name, e in list(by_model.items()):
        head, _, served = name.lower().partition("/")
        if not served or head not in prefixes or e["seen_in"] == {"probe"}:
            continue
        targets = [p for pname, p in probed.items() if pname != name and e["hosts"] & p["hosts"]
                   and (served in {r.lower() for r in p["requested_as"]} or served == pname.lower())]
        if len(targets) != 1:
            continue
        target = targets[0]
        target["requested_as"] |= e["requested_as"]  # the names clients asked for (the route itself is internal)
        for key in ("providers", "hosts", "operations", "services", "seen_in", "served_by"):
            target[key] |= e[key]
        for key in ("requests", "input", "output"):
            target[key] = _add(target[key], e[key])
        for host, n in e["by_host"].items():
            target["by_host"][host] = _add(target["by_host"].get(host), n)
        target["by_source"].update(e["by_source"])
        for key, pick in (("first", min), ("last", max)):
            if e[key] is not None:
                target[key] = e[key] if target[key] is None else pick(target[key], e[key])
        del by_model[name]


def _entry_requests(entry: dict[str, Any], method: str) -> int | None:
    """A runtime model's requests: with sources that share no request id, the largest source's count."""
    counts = [n for n in entry["by_source"].values() if n]
    if method == "per-source" and len(counts) > 1:
        return max(counts)
    return entry["requests"]


_Traced = tuple[tuple[str | None, str | None, str | None, str | None], int | None, int | None]


def _request_names(key: tuple[str | None, str | None, str | None, str | None]) -> list[str]:
    """The names a recorded request goes by: the model requested and the one that answered, each also without a
    leading ``<provider>/`` (an app's LiteLLM SDK asks the proxy for ``litellm_proxy/support-chat``)."""
    names: list[str] = []
    for name in key[:2]:
        if name:
            names.append(name)
            if "/" in name:
                names.append(name.split("/", 1)[1])
    return names


def _same_requests(spans: list[_Traced], gateway: list[_Traced]) -> list[_Traced]:
    """The spans of one trace that are requests the gateway recorded in it: for each gateway record, the first span
    not yet paired that asked for the same model (by the names ``_request_names`` gives). A trace is a whole user
    action: an agent's turn may call a provider's API directly beside its calls through the gateway, and such a
    span is another request, never the gateway's (pairing by position took 3 direct Anthropic calls off for 3
    gateway records of another model)."""
    by_name: dict[str, list[int]] = {}
    for i, (key, _, _) in enumerate(spans):
        for name in _request_names(key):
            by_name.setdefault(name, []).append(i)
    at: dict[str, int] = {}
    paired: set[int] = set()
    for key, _, _ in gateway:
        for name in _request_names(key):
            found, left, j = None, by_name.get(name, []), at.get(name, 0)
            while j < len(left):
                if left[j] not in paired:
                    found = left[j]
                    break
                j += 1
            at[name] = j
            if found is not None:
                paired.add(found)
                break
    return [spans[i] for i in sorted(paired)]


def _count_each_request_once(c: Collector) -> dict[str, Any]:
    """Count a request that two sources recorded once, in place, and say how requests were counted.

    An app's GenAI spans and a gateway's log of the same calls each record every request (docs/runtime.md). Where a
    span and a gateway record carry the same W3C trace id (the gateway logged the ``traceparent`` the app sent), they
    are the same request when the span asked for the record's model (``_same_requests``): each such pair is counted
    once, at the gateway's record (it names the upstream and its host); the span's requests and tokens are taken
    off. Where both sources
    counted requests but no trace id is shared, nothing says which records are the same requests: the sources are
    reported side by side (``by_source``) and the totals are the largest source's count, not their sum."""
    by_source: Counter[str] = Counter()
    for agg in c.keys.values():
        by_source.update(agg.by_source)
    shared = 0
    for sources in c.traced.values():
        spans, gateway = sources.get("otel-spans"), sources.get("litellm")
        if not spans or not gateway:
            continue
        for key, tin, tout in _same_requests(spans, gateway):
            span_agg = c.keys.get(key)
            if span_agg is None:
                continue
            agg = span_agg
            shared += 1
            agg.requests = (agg.requests or 1) - 1
            agg.by_source["otel-spans"] -= 1
            if tin is not None and agg.input_tokens is not None:
                agg.input_tokens -= tin
            if tout is not None and agg.output_tokens is not None:
                agg.output_tokens -= tout
    counted = sorted(k for k, n in by_source.items() if n)
    both = all(by_source.get(k) for k in _PER_REQUEST)
    if shared:
        method, note = "deduplicated", (
            f"{shared} requests recorded by both the app's spans and the gateway log (same trace id) are counted once, "
            "at the gateway" + (f"; {sum(c.untraced.values())} records carried no trace id and are counted as "
                                "separate requests" if c.untraced else "")
            + (f"; {c.past_traced} records past the first {MAX_TRACED:,} with a trace id were not compared and are "
               "counted as separate requests" if c.past_traced else ""))
    elif both:
        method, note = "per-source", (
            "the app's spans and the gateway log share no trace id, so the same request may be in both: requests are "
            "reported per source and totals are the largest source's count, not their sum")
    else:
        method, note = "single-source", None
    return {"method": method, "by_source": {k: by_source[k] for k in counted}, "shared_requests": shared,
            **({"note": note} if note else {})}


def _document(c: Collector, sources: list[_Source], resolve: Callable[[str], Any],
              since_ns: int | None) -> dict[str, Any]:
    from modelmap.knowledge import load

    providers = load().providers
    counting = _count_each_request_once(c)
    by_model: dict[str, dict[str, Any]] = {}
    for (requested, response, provider, host), agg in c.keys.items():
        model = response or requested or ""
        entry = by_model.get(model)
        if entry is None:
            entry = by_model[model] = {"model": model, "requested_as": set(), "providers": set(), "hosts": set(),
                                       "operations": set(), "services": set(), "seen_in": set(), "served_by": set(),
                                       "requests": None, "input": None, "output": None, "first": None, "last": None,
                                       "by_host": {}, "by_source": Counter()}
        if requested and requested != model:
            entry["requested_as"].add(requested)
        for k, v in (("providers", provider), ("hosts", host)):
            if v:
                entry[k].add(v)
        for k in ("operations", "services", "seen_in", "served_by"):
            entry[k] |= getattr(agg, k)
        entry["requests"] = _add(entry["requests"], agg.requests)
        entry["by_source"].update(agg.by_source)
        if host:
            entry["by_host"][host] = _add(entry["by_host"].get(host), agg.requests)
        entry["input"] = _add(entry["input"], agg.input_tokens)
        entry["output"] = _add(entry["output"], agg.output_tokens)
        if agg.first_ns is not None:
            entry["first"] = agg.first_ns if entry["first"] is None else min(entry["first"], agg.first_ns)
        if agg.last_ns is not None:
            entry["last"] = agg.last_ns if entry["last"] is None else max(entry["last"], agg.last_ns)
    _join_routes_to_probed_weights(by_model)
    models: list[dict[str, Any]] = []
    for name in sorted(by_model):
        e = by_model[name]
        if e["seen_in"] == {"probe"} and name in c.weights_unknown:
            # only probes saw it, and they could not say what weights answer to this name: do not resolve a label
            from modelmap.types import Resolution

            res = Resolution(query=name, reason="seen only by probes of a server that does not say which weights it "
                                                "serves under this name")
        else:
            res = resolve(name)
        hosted = [p for p in (_provider_for_host(h, providers) for h in sorted(e["hosts"])) if p]
        if hosted and res.served_by is None:
            p = hosted[0]
            res = replace(res, served_by={"id": p["id"], "operator": p.get("name"), "country": p.get("country"),
                                          "serving": p.get("serving"), "kind": p.get("kind"),
                                          "evidence": f"runtime host {sorted(e['hosts'])[0]}"})
        tokens = None if e["input"] is None and e["output"] is None else {"input": e["input"], "output": e["output"]}
        models.append({"model": name, "requested_as": sorted(e["requested_as"]), "providers": sorted(e["providers"]),
                       "hosts": sorted(e["hosts"]), "served_by_server": sorted(e["served_by"]),
                       "operations": sorted(e["operations"]), "services": sorted(e["services"]),
                       "requests": _entry_requests(e, counting["method"]),
                       "requests_by_source": {k: n for k, n in sorted(e["by_source"].items()) if n},
                       "requests_by_host": dict(sorted(e["by_host"].items())),
                       "tokens": tokens,
                       "first_seen": iso(e["first"]), "last_seen": iso(e["last"]), "seen_in": sorted(e["seen_in"]),
                       "resolution": res.to_dict()})
    failed = [{"model_group": g, "attempts": f.attempts, "upstreams": sorted(f.upstreams),
               "errors": dict(sorted(f.errors.items())), **({"rules": dict(sorted(f.rules.items()))} if f.rules else {}),
               "first_seen": iso(f.first_ns), "last_seen": iso(f.last_ns)}
              for g, f in sorted(c.failed.items())]
    firsts = [m["first_seen"] for m in models if m["first_seen"]]
    lasts = [m["last_seen"] for m in models if m["last_seen"]]
    requests = [m["requests"] for m in models if m["requests"] is not None]
    if counting["method"] == "per-source":
        requests = [max(counting["by_source"].values())]
    return {
        "schema": SCHEMA_ID,
        "since": iso(since_ns),
        "sources": [{"path": s.path, "kinds": sorted(s.kinds), "records": s.records,
                     "skipped": sum(s.skipped.values()), "skip_reasons": dict(sorted(s.skipped.items()))}
                    for s in sources],
        "models": models,
        "failed_attempts": failed,
        "summary": {"models": len(models), "requests": sum(requests) if requests else None,
                    "request_counting": counting,
                    "failed_attempts": sum(f["attempts"] for f in failed),
                    "genai_spans": c.spans, "records": sum(s.records for s in sources),
                    "skipped": sum(sum(s.skipped.values()) for s in sources), "before_since": c.before_since,
                    "over_key_limit": c.overflow, "first_seen": min(firsts) if firsts else None,
                    "last_seen": max(lasts) if lasts else None},
    }
