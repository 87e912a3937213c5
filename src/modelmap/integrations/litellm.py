"""LiteLLM proxy integration: a policy guardrail and a runtime-record callback (issue 15, item 2).

Needs the ``runtime`` extra (``pip install 'modelmap[runtime]'``: litellm pinned to 1.80.0 and the proxy's
own imports). Hook names and arguments are LiteLLM 1.80.0's ``CustomLogger`` (``async_pre_call_hook``,
``async_filter_deployments``, ``async_pre_call_deployment_hook``, ``async_log_success_event``,
``async_log_failure_event``).

**Loading it in the proxy.** LiteLLM loads ``callbacks:`` entries as ``<file>.<name>`` from a Python file
next to its config.yaml, so put a two-line file there (``modelmap_litellm.py``; ``SHIM`` holds its text)::

    from modelmap.integrations.litellm import guardrail, runtime_log  # noqa: F401

and list ``callbacks: ["modelmap_litellm.guardrail", "modelmap_litellm.runtime_log"]`` under
``litellm_settings``. Settings come from the environment, read when each object is first used:

* ``MODELMAP_CONFIG``       the project's modelmap.yaml (flows, rules, waivers). Without it, every request
  is rejected (fail closed).
* ``MODELMAP_UNKNOWN_FLOW`` ``reject`` (default) or ``allow``: what to do with a request that names no flow.
* ``MODELMAP_RUNTIME_LOG``  the JSONL file the callback appends to (default ``modelmap-runtime.jsonl``).
* ``MODELMAP_OTLP``         ``1`` to also emit one OpenTelemetry span per record through the process's
  tracer provider (only when ``opentelemetry`` is importable; configure its exporter as usual).

**What the guardrail does** (decisions from ``integrations/gate.py``):

* ``async_pre_call_hook``: finds the request's flows (tags, key or team), then looks at every deployment of
  the requested model group and of its fallback groups. When none may serve the request, it is rejected
  at once (HTTP 403) with a JSON error body naming the rule, the model and the flow.
* ``async_filter_deployments``: the router asks it before choosing a deployment, for the first group and
  again for each fallback group; forbidden deployments are removed, so neither load balancing nor a
  fallback can reach them. When nothing is left it raises ``PolicyRejected`` (the router then tries the
  next fallback group, if any).
* ``async_pre_call_deployment_hook``: the last check just before a call leaves the proxy, on the upstream
  actually chosen (this also covers routes that skip filtering, such as a request for one deployment).

**What the callback writes**: one JSON line per attempt (a request that fell back writes one failure line
per failed attempt, then its success), which ``modelmap runtime`` reads as LiteLLM records: ``model_group``
(the group that answered; null when nothing answered, so a rejected or failed attempt never counts as a
model seen serving), ``model`` / ``custom_llm_provider`` / ``upstream_model`` (what answered),
``deployment`` (LiteLLM's model id), ``api_base``, ``fallback_attempts``, ``response_cost``, ``tags``,
``flows``, ``status``, ``startTime`` / ``endTime`` (epoch seconds), ``time`` (ISO UTC), tokens, and for
failures ``requested_group``, ``attempted_upstream`` and ``error`` (class, message, policy rule).
"""

from __future__ import annotations

import json
import os
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

try:
    from litellm.integrations.custom_logger import CustomLogger
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("modelmap.integrations.litellm needs LiteLLM: pip install 'modelmap[runtime]' "
                      "(litellm==1.80.0)") from exc

from modelmap.integrations import LITELLM_SHIM as SHIM
from modelmap.integrations.gate import Decision, Gate

__all__ = ["SHIM", "ModelmapGuardrail", "ModelmapRuntimeLog", "PolicyRejected", "record_for"]
RECORD_SCHEMA = "modelmap.litellm-record/1"
CONFIG_ENV = "MODELMAP_CONFIG"
UNKNOWN_FLOW_ENV = "MODELMAP_UNKNOWN_FLOW"
LOG_ENV = "MODELMAP_RUNTIME_LOG"
OTLP_ENV = "MODELMAP_OTLP"
FLOWS_KEY = "modelmap_flows"
MAX_TAGS = 32
MAX_TEXT = 512


class PolicyRejected(Exception):
    """A request (or one routing step of it) that the policy forbids.

    The proxy turns it into an OpenAI-style error: ``message`` (one line naming the rule, model and flow),
    ``type`` ``modelmap_policy_violation``, ``param`` the rule id, ``code`` 403, and
    ``provider_specific_fields.modelmap`` the whole decision as JSON (``Gate.error_body``)."""

    status_code = 403
    type = "modelmap_policy_violation"

    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body
        error = body.get("error") or {}
        self.message = str(error.get("message") or "modelmap policy violation")
        self.param = error.get("rule")
        self.provider_specific_fields = {"modelmap": error}
        super().__init__(self.message)


def _text(value: Any) -> str | None:
    return value[:MAX_TEXT] if isinstance(value, str) and value else None


def _metadata(data: dict[str, Any] | None) -> dict[str, Any]:
    """The request metadata LiteLLM carries (``metadata``, or ``litellm_metadata`` on some routes)."""
    data = data or {}
    out: dict[str, Any] = {}
    for key in ("litellm_metadata", "metadata"):
        value = data.get(key)
        if isinstance(value, dict):
            out.update(value)
    lp = data.get("litellm_params")
    if isinstance(lp, dict):
        for key in ("litellm_metadata", "metadata"):
            value = lp.get(key)
            if isinstance(value, dict):
                out.update(value)
    return out


def _tags(data: dict[str, Any] | None, meta: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for value in ((data or {}).get("tags"), meta.get("tags")):
        if isinstance(value, list):
            found += [t for t in value if isinstance(t, str) and not t.startswith("User-Agent:")]
    return sorted(set(found))[:MAX_TAGS]


class ModelmapGuardrail(CustomLogger):
    """Rejects requests whose deployment breaks the project's policy (see the module doc)."""

    def __init__(self, gate: Gate | None = None, **kwargs: Any) -> None:
        super().__init__(**{k: v for k, v in kwargs.items() if k in ("turn_off_message_logging", "message_logging")})
        self._gate = gate
        self._error: str | None = None
        self._lock = threading.Lock()

    # --- setup -------------------------------------------------------------------------------------------

    def gate(self) -> Gate | None:
        """The policy, loaded from ``MODELMAP_CONFIG`` on first use; None when it cannot be (then: reject)."""
        if self._gate is not None or self._error is not None:
            return self._gate
        with self._lock:
            if self._gate is None and self._error is None:
                self._gate, self._error = _load_gate()
        return self._gate

    def _no_policy(self, model_group: str | None) -> PolicyRejected:
        return PolicyRejected({"error": {
            "type": "modelmap_policy_violation", "code": "modelmap-policy", "rule": "modelmap-no-policy",
            "model": None, "flow": None, "model_group": model_group,
            "message": f"modelmap policy: no policy loaded ({self._error}); every request is rejected (fail closed)",
        }})

    def _flows(self, gate: Gate, data: dict[str, Any] | None) -> tuple[str, ...] | None:
        meta = _metadata(data)
        stored = meta.get(FLOWS_KEY)
        if isinstance(stored, list) and all(isinstance(s, str) for s in stored):
            return tuple(stored) or None
        return gate.flows_for(meta, _tags(data, meta))

    # --- hooks -------------------------------------------------------------------------------------------

    async def async_pre_call_hook(self, user_api_key_dict: Any, cache: Any, data: dict[str, Any],
                                  call_type: Any) -> dict[str, Any]:
        model_group = _text(data.get("model"))
        gate = self.gate()
        if gate is None:
            raise _http(self._no_policy(model_group))
        meta = _metadata(data)
        for attr, key in (("key_alias", "user_api_key_alias"), ("team_alias", "user_api_key_team_alias"),
                          ("metadata", "user_api_key_metadata"), ("team_metadata", "user_api_key_team_metadata")):
            value = getattr(user_api_key_dict, attr, None)
            if value and not meta.get(key):
                meta[key] = value
        flows = gate.flows_for(meta, _tags(data, meta))
        decisions = [gate.decide(up, api_base=base, flows=flows, model_group=group)
                     for group, up, base in _deployments_for(model_group, data)]
        if flows is None and gate.unknown_flow == "reject" and not decisions:
            decisions = [gate.decide(model_group or "", flows=None, model_group=model_group)]
        if decisions and not any(d.allowed for d in decisions):
            raise _http(PolicyRejected(gate.error_body(decisions, model_group=model_group)))
        target = data.get("metadata") if isinstance(data.get("metadata"), dict) else None
        if target is None:
            target = data["metadata"] = {}
        target[FLOWS_KEY] = list(flows or [])
        return data

    async def async_filter_deployments(self, model: str, healthy_deployments: list[Any], messages: Any,
                                       request_kwargs: dict[str, Any] | None = None,
                                       parent_otel_span: Any = None) -> list[Any]:
        gate = self.gate()
        if gate is None:
            raise self._no_policy(model)
        flows = self._flows(gate, request_kwargs)
        kept: list[Any] = []
        decisions: list[Decision] = []
        for deployment in healthy_deployments:
            params = deployment.get("litellm_params") if isinstance(deployment, dict) else None
            upstream = _text((params or {}).get("model"))
            if upstream is None:
                continue  # a deployment with no upstream model cannot be judged: dropped (fail closed)
            decision = gate.decide(upstream, api_base=_text((params or {}).get("api_base")), flows=flows,
                                   model_group=model)
            decisions.append(decision)
            if decision.allowed:
                kept.append(deployment)
        if not kept:
            raise PolicyRejected(gate.error_body(decisions, model_group=model))
        return kept

    async def async_pre_call_deployment_hook(self, kwargs: dict[str, Any], call_type: Any) -> dict[str, Any] | None:
        upstream = _text(kwargs.get("model"))
        meta = _metadata(kwargs)
        if upstream is None or ("model_group" not in meta and FLOWS_KEY not in meta):
            return None  # not a proxied call (a direct litellm.completion in the same process)
        gate = self.gate()
        if gate is None:
            raise self._no_policy(_text(meta.get("model_group")))
        decision = gate.decide(upstream, api_base=_text(kwargs.get("api_base")) or _text(meta.get("api_base")),
                               flows=self._flows(gate, kwargs), model_group=_text(meta.get("model_group")))
        if not decision.allowed:
            raise PolicyRejected(gate.error_body([decision], model_group=_text(meta.get("model_group"))))
        return None


def _http(rejected: PolicyRejected) -> Exception:
    """The rejection as an HTTPException, which the proxy answers with status 403 and these error fields."""
    from fastapi import HTTPException

    exc = HTTPException(status_code=rejected.status_code, detail=rejected.message)
    for name in ("type", "param", "provider_specific_fields", "body"):
        setattr(exc, name, getattr(rejected, name))
    return exc


def _deployments_for(model_group: str | None, data: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    """(group, upstream, api_base) for each deployment of the group and of its fallback groups, from the
    proxy's router; [] when there is no router (the filter still runs)."""
    if not model_group:
        return []
    try:
        from litellm.proxy import proxy_server
    except Exception:  # the proxy's own imports are missing: not running inside the proxy
        return []
    router = getattr(proxy_server, "llm_router", None)
    if router is None:
        return []
    groups = [model_group]
    for source in (data.get("fallbacks"), getattr(router, "fallbacks", None)):
        for item in source or ():
            if isinstance(item, str):
                groups.append(item)
            elif isinstance(item, dict):
                for key, value in item.items():
                    if key == model_group and isinstance(value, list):
                        groups += [v for v in value if isinstance(v, str)]
    out: list[tuple[str, str, str | None]] = []
    for group in dict.fromkeys(groups):
        for deployment in router.get_model_list(model_name=group) or ():
            params = deployment.get("litellm_params") or {}
            upstream = _text(params.get("model"))
            if upstream:
                out.append((group, upstream, _text(params.get("api_base"))))
    return out


def _load_gate() -> tuple[Gate | None, str | None]:
    from modelmap.errors import ModelmapError
    from modelmap.policy.config import load_config

    path = os.environ.get(CONFIG_ENV, "").strip()
    if not path:
        return None, f"{CONFIG_ENV} is not set"
    try:
        config = load_config(Path(path))
        return Gate.from_config(config, unknown_flow=os.environ.get(UNKNOWN_FLOW_ENV, "reject").strip() or "reject"), None
    except (ModelmapError, ValueError) as exc:
        return None, f"{path}: {getattr(exc, 'message', None) or exc}"


# --- the runtime-record callback -------------------------------------------------------------------------


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


def _epoch(value: Any) -> float | None:
    if isinstance(value, datetime):
        return value.timestamp()
    return _float(value)


def _attempted_fallbacks(response: Any, slo: dict[str, Any]) -> int | None:
    for hidden in (getattr(response, "_hidden_params", None), slo.get("hidden_params")):
        headers = (hidden or {}).get("additional_headers") if isinstance(hidden, dict) else None
        if isinstance(headers, dict) and isinstance(headers.get("x-litellm-attempted-fallbacks"), int):
            return int(headers["x-litellm-attempted-fallbacks"])
    return None


def record_for(kwargs: dict[str, Any], response: Any, start: Any, end: Any, *, ok: bool) -> dict[str, Any]:
    """One runtime record from what LiteLLM hands a logging callback (see the module doc for the fields)."""
    slo = kwargs.get("standard_logging_object")
    slo = slo if isinstance(slo, dict) else {}
    meta = _metadata(kwargs)
    hidden_raw = slo.get("hidden_params")
    hidden: dict[str, Any] = hidden_raw if isinstance(hidden_raw, dict) else {}
    upstream = _text(hidden.get("litellm_model_name")) or _text(meta.get("deployment"))
    api_base = _text(hidden.get("api_base")) or _text(slo.get("api_base")) or _text(meta.get("api_base"))
    group = _text(slo.get("model_group")) or _text(meta.get("model_group"))
    started, ended = _epoch(slo.get("startTime")) or _epoch(start), _epoch(slo.get("endTime")) or _epoch(end)
    flows = meta.get(FLOWS_KEY)
    usage = {"prompt_tokens": slo.get("prompt_tokens"), "completion_tokens": slo.get("completion_tokens")}
    record: dict[str, Any] = {
        "record": RECORD_SCHEMA,
        "status": "success" if ok else "failure",
        "call_type": _text(slo.get("call_type")) or _text(kwargs.get("call_type")),
        "litellm_call_id": _text(kwargs.get("litellm_call_id")) or _text(slo.get("id")),
        "trace_id": _text(slo.get("trace_id")) or _text(kwargs.get("litellm_trace_id")),
        "model_group": group if ok else None,
        "requested_group": group,
        "model": _text(slo.get("model")) if ok else None,
        "custom_llm_provider": _text(slo.get("custom_llm_provider")) if ok else None,
        "upstream_model": upstream if ok else None,
        "deployment": _text(slo.get("model_id")) or _text(hidden.get("model_id")),
        "api_base": api_base if ok else None,
        "fallback_attempts": _attempted_fallbacks(response, slo) if ok else None,
        "response_cost": _float(slo.get("response_cost")) if ok else None,
        "prompt_tokens": usage["prompt_tokens"] if ok and isinstance(usage["prompt_tokens"], int) else None,
        "completion_tokens": (usage["completion_tokens"] if ok and isinstance(usage["completion_tokens"], int)
                              else None),
        "tags": [t for t in (slo.get("request_tags") or meta.get("tags") or [])
                 if isinstance(t, str) and not t.startswith("User-Agent:")][:MAX_TAGS],
        "flows": [f for f in flows if isinstance(f, str)] if isinstance(flows, list) else None,
        "startTime": started,
        "endTime": ended,
        "time": (datetime.fromtimestamp(started, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
                 if started is not None else None),
    }
    if not ok:
        exc = kwargs.get("exception")
        info_raw = slo.get("error_information")
        info: dict[str, Any] = info_raw if isinstance(info_raw, dict) else {}
        decision = _decision_of(exc)
        # a request the guardrail rejected before routing has no model group in LiteLLM's payload: the decision
        # names it (and the flow), else the model name the client asked for is the group
        if record["requested_group"] is None:
            record["requested_group"] = (_text(decision.get("model_group")) or _text(kwargs.get("model"))
                                         or _text(slo.get("model")))
        flow = _text(decision.get("flow"))
        if record["flows"] is None and flow:
            record["flows"] = [flow]
        record["attempted_upstream"] = _text(meta.get("deployment")) or upstream
        record["error"] = {
            "class": (type(exc).__name__ if exc is not None else None) or _text(info.get("error_class")),
            "message": _text(str(exc)) if exc is not None else _text(info.get("error_message")),
            "rule": _rule_of(exc),
        }
    return record


def _decision_of(exc: Any) -> dict[str, Any]:
    """The guardrail's decision carried by a rejection (its error body: rule, model_group, flow, ...); empty for
    any other error."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return body["error"]
    text = str(exc) if exc is not None else ""
    start = text.find('{"error":')
    if start >= 0:
        try:
            parsed = json.loads(text[start:text.rfind("}") + 1])
        except ValueError:
            return {}
        error = parsed.get("error") if isinstance(parsed, dict) else None
        return error if isinstance(error, dict) else {}
    return {}


def _rule_of(exc: Any) -> str | None:
    return _text(_decision_of(exc).get("rule"))


class ModelmapRuntimeLog(CustomLogger):
    """Appends one runtime record per attempt to a JSONL file (and, optionally, an OpenTelemetry span)."""

    def __init__(self, path: str | Path | None = None, *, otlp: bool | None = None, **kwargs: Any) -> None:
        super().__init__()
        self.path = Path(path or os.environ.get(LOG_ENV, "") or "modelmap-runtime.jsonl")
        wanted = otlp if otlp is not None else os.environ.get(OTLP_ENV, "").strip() == "1"
        self._tracer = _tracer() if wanted else None
        self._lock = threading.Lock()

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, sort_keys=True, default=str, separators=(",", ":")) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as handle:
            handle.write(line)  # one write per line: lines from concurrent requests never interleave
        if self._tracer is not None:
            _emit_span(self._tracer, record)

    async def async_log_success_event(self, kwargs: Any, response_obj: Any, start_time: Any, end_time: Any) -> None:
        self.write(record_for(kwargs, response_obj, start_time, end_time, ok=True))

    async def async_log_failure_event(self, kwargs: Any, response_obj: Any, start_time: Any, end_time: Any) -> None:
        self.write(record_for(kwargs, response_obj, start_time, end_time, ok=False))


def _tracer() -> Any | None:
    try:
        from opentelemetry import trace
    except ImportError:
        return None
    return trace.get_tracer("modelmap.integrations.litellm")


def _emit_span(tracer: Any, record: dict[str, Any]) -> None:
    """One GenAI client span per record, with the semantic-convention attributes ``modelmap runtime`` reads."""
    attributes = {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": record.get("custom_llm_provider"),
        "gen_ai.request.model": record.get("requested_group"),
        "gen_ai.response.model": record.get("upstream_model"),
        "gen_ai.usage.input_tokens": record.get("prompt_tokens"),
        "gen_ai.usage.output_tokens": record.get("completion_tokens"),
        "server.address": record.get("api_base"),
        "modelmap.flows": record.get("flows") or [],
        "modelmap.status": record.get("status"),
    }
    start = record.get("startTime")
    end = record.get("endTime")
    span = tracer.start_span(f"chat {record.get('requested_group') or ''}".strip(),
                             attributes={k: v for k, v in attributes.items() if v is not None},
                             start_time=int(start * 1e9) if isinstance(start, float) else None)
    span.end(end_time=int(end * 1e9) if isinstance(end, float) else None)


_INSTANCES: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    """``guardrail`` and ``runtime_log``: the instances a proxy config names, made on first access."""
    if name == "guardrail":
        return _INSTANCES.setdefault(name, ModelmapGuardrail())
    if name == "runtime_log":
        return _INSTANCES.setdefault(name, ModelmapRuntimeLog())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
