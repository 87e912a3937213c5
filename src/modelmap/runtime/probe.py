"""``modelmap probe``: ask live inference servers what they really serve (``modelmap.probe/1``).

Readers are hand-written from each server's documented reply (the recordings and their doc URLs are
in tests/fixtures/runtime/). Every reply is untrusted: fields are taken only when they have the
documented type, strings are capped, lists are capped at ``MAX_MODELS``.

* vLLM ``GET /v1/models``: ``id`` is the served name, ``root`` the weights it loaded, ``parent`` the base
  of a LoRA adapter. ``owned_by`` is "vllm".
* Ollama ``GET /api/tags`` then ``POST /api/show`` per tag: ``details`` (family, parent_model,
  parameter_size, quantization_level) and the GGUF ``general.*`` keys of ``model_info``; ``digest``.
* TGI ``GET /info``: ``model_id`` (weights), ``model_sha`` (revision), ``model_dtype``, ``version``.
* llama.cpp server ``GET /props``: ``model_path`` (the GGUF it loaded); the alias is ``/v1/models`` ``id``.
* SGLang ``GET /get_model_info`` (``/model_info`` on newer builds): ``model_path``, ``tokenizer_path``.
* LM Studio ``GET /api/v0/models``: ``id``, ``arch``, ``quantization``, ``state``, ``compatibility_type``;
  its ``publisher`` is who uploaded the files, recorded as ``uploaded_by``, never as the model's publisher.
* LiteLLM proxy ``GET /model/info``: ``model_name`` is the served name, ``litellm_params.model`` the
  upstream (weights), ``litellm_params.api_base`` where it is sent. Its ``/v1/models`` ``owned_by`` is
  always "openai" and is never read as a publisher.
* Anything else answering ``GET /v1/models`` in the OpenAI shape is "openai-compatible": served names only.
  Such a name is a label the operator chose (``--model_alias gpt-4o`` in front of any weights), so the
  weights are unknown and the name is **not** resolved as if it were the weights: the resolution is unknown.
  Where the listed name is a model file path (llama-cpp-python lists its ``--model`` path), that path is the
  weights, and what it is comes from the file name only.

Each model says where its weights came from (``weights_from``): ``"server"`` when a server field names
them (vLLM ``root``, TGI ``model_id``, llama.cpp/SGLang ``model_path``, LiteLLM ``litellm_params.model``),
``"file-name"`` when the only evidence is a model file path the server lists as the served name, null when
nothing says. A resolution drawn from a name alone (a file name, an Ollama tag, an LM Studio id) is at most
``inferred``, and its ``reason`` says so.

A served name that differs from the weights is a finding ("served as gpt-4o, weights Qwen2.5-72B").
"""

from __future__ import annotations

import os
import posixpath
import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from modelmap.runtime import netread
from modelmap.runtime.netread import ProbeError, Reply, Target

SCHEMA_ID = "modelmap.probe/1"
MAX_MODELS = 256
MAX_STR = 512
BUDGET_REQUESTS = 6  # one endpoint's whole probe may take this many per-request deadlines, no more
TOKEN_ENV = "MODELMAP_PROBE_TOKEN"
SERVERS = ("vllm", "ollama", "tgi", "llama-cpp", "sglang", "lm-studio", "litellm", "openai-compatible")
# our server kind -> the provider id in knowledge/data/providers.yaml (None: not recorded there)
PROVIDER_IDS = {"vllm": "vllm", "ollama": "ollama", "tgi": "tgi", "llama-cpp": "llama-cpp-server",
                "lm-studio": "lm-studio", "sglang": None, "litellm": None, "openai-compatible": None}


def _s(value: Any) -> str | None:
    """A documented string field, capped; anything else is treated as absent."""
    if isinstance(value, str) and value:
        return value[:MAX_STR]
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _n(value: Any) -> int | float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None


class _Session:
    """The requests of one endpoint's probe: one vetted address, one token, the same limits, and one overall
    time budget (``BUDGET_REQUESTS`` deadlines), so that a server answering each of hundreds of requests just
    inside the deadline (an Ollama ``/api/show`` per tag) cannot hold the probe for hours."""

    def __init__(self, target: Target, address: str, token: str | None, max_bytes: int, deadline: float):
        self.target, self.address, self.token = target, address, token
        self.max_bytes, self.deadline = max_bytes, deadline
        self.answered = False  # any HTTP reply at all: the server is reachable
        self.until = time.monotonic() + BUDGET_REQUESTS * deadline

    def get(self, path: str, method: str = "GET", payload: Any = None) -> Reply:
        left = self.until - time.monotonic()
        if left <= 0:
            raise ProbeError(f"the endpoint's time budget ({BUDGET_REQUESTS * self.deadline:g} s) is spent",
                             answered=self.answered)
        try:
            reply = netread.request(self.target, self.target.base_path + path, address=self.address,
                                    method=method, payload=payload, token=self.token, max_bytes=self.max_bytes,
                                    deadline=min(self.deadline, left))
        except ProbeError as exc:
            self.answered = self.answered or exc.answered
            raise
        self.answered = True
        return reply

    def json(self, path: str, method: str = "GET", payload: Any = None) -> Any | None:
        """The JSON of a 200 reply, or None for a 4xx/5xx (the server does not have this endpoint)."""
        reply = self.get(path, method, payload)
        if reply.status != 200:
            return None
        return reply.json()


def _evidence(fields: dict[str, Any], source: str) -> dict[str, Any]:
    return {k: {"value": v, "source": source} for k, v in fields.items() if v is not None}


def _model(served: str, weights: str | None, adapter_of: str | None, evidence: dict[str, Any],
           weights_from: str | None = None) -> dict[str, Any]:
    return {"served_name": served, "weights": weights,
            "weights_from": weights_from or ("server" if weights else None), "adapter_of": adapter_of,
            "evidence": evidence}


# a served name that is a model file (llama-cpp-python lists the --model path when no alias is given)
_WEIGHTS_FILE = re.compile(r"(?i)\.(gguf|ggml|safetensors|llamafile)$")


def _openai_list(doc: Any) -> list[dict[str, Any]] | None:
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        return None
    return [d for d in doc["data"][:MAX_MODELS] if isinstance(d, dict) and _s(d.get("id"))]


def _read_vllm(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for d in entries:
        src = "GET /v1/models"
        out.append(_model(_s(d["id"]) or "", _s(d.get("root")), _s(d.get("parent")), _evidence(
            {"id": _s(d.get("id")), "root": _s(d.get("root")), "parent": _s(d.get("parent")),
             "max_model_len": _n(d.get("max_model_len")),
             "owned_by (a server label, not a publisher)": _s(d.get("owned_by"))}, src)))
    return out


def _read_ollama(session: _Session, tags: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for t in [t for t in _list(tags.get("models")) if isinstance(t, dict)][:MAX_MODELS]:
        name = _s(t.get("name")) or _s(t.get("model"))
        if not name:
            continue
        details = _obj(t.get("details"))
        ev = _evidence({"name": name, "digest": _s(t.get("digest")), "size": _n(t.get("size")),
                        "family": _s(details.get("family")), "parameter_size": _s(details.get("parameter_size")),
                        "quantization_level": _s(details.get("quantization_level"))}, "GET /api/tags")
        parent = None
        try:
            show = session.json("/api/show", "POST", {"model": name})
        except ProbeError as exc:
            show = None
            ev["show_error"] = {"value": str(exc), "source": "POST /api/show"}
        if isinstance(show, dict):
            sd = _obj(show.get("details"))
            parent = _s(sd.get("parent_model"))
            ev.update(_evidence({"parent_model": parent, "family": _s(sd.get("family")),
                                 "format": _s(sd.get("format"))}, "POST /api/show"))
            info = _obj(show.get("model_info"))
            general = {k: v for k, v in info.items() if isinstance(k, str) and k.startswith("general.")
                       and (_s(v) is not None or _n(v) is not None)}
            ev.update(_evidence({k: _s(v) if isinstance(v, str) else v for k, v in list(general.items())[:64]},
                                "POST /api/show model_info"))
            if _s(show.get("license")):
                ev["license_text"] = {"value": (_s(show.get("license")) or "")[:120], "source": "POST /api/show"}
        out.append(_model(name, None, parent, ev))
    return out


def _read_litellm(info: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for d in [d for d in _list(info.get("data")) if isinstance(d, dict)][:MAX_MODELS]:
        name = _s(d.get("model_name"))
        if not name:
            continue
        params = _obj(d.get("litellm_params"))
        upstream = _s(params.get("model"))
        out.append(_model(name, upstream, None, _evidence(
            {"model_name": name, "litellm_params.model": upstream,
             "litellm_params.api_base": _s(params.get("api_base")),
             "litellm_params.custom_llm_provider": _s(params.get("custom_llm_provider"))}, "GET /model/info")))
    return out


def _read_openai_compatible(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Served names only; ``root``/``parent`` where a server fills them (vLLM's card shape), and a listed
    model file path taken as the weights, known by its file name only."""
    out = []
    for m in _read_vllm(entries):
        if m["weights"] is None and _WEIGHTS_FILE.search(m["served_name"]):
            m.update(weights=m["served_name"], weights_from="file-name")
        out.append(m)
    return out


def _read_lmstudio(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [_model(_s(d["id"]) or "", None, None, _evidence(
        {"id": _s(d.get("id")), "type": _s(d.get("type")), "arch": _s(d.get("arch")),
         "uploaded_by": _s(d.get("publisher")), "compatibility_type": _s(d.get("compatibility_type")),
         "quantization": _s(d.get("quantization")), "state": _s(d.get("state")),
         "max_context_length": _n(d.get("max_context_length"))}, "GET /api/v0/models")) for d in entries]


def _served_names(listing: list[dict[str, Any]] | None) -> list[str]:
    return [n for n in (_s(d.get("id")) for d in listing or []) if n]


def detect(session: _Session) -> tuple[str, list[dict[str, Any]]]:
    """Which server this is and what it serves; raises ProbeError when it answers nothing we know."""
    try:
        listing = _openai_list(session.json("/v1/models"))
    except ProbeError as exc:
        if "not JSON" not in str(exc):
            raise
        listing = None
    owners = {_s(d.get("owned_by")) for d in listing or []}
    if listing and "vllm" in owners:
        return "vllm", _read_vllm(listing)
    tags = session.json("/api/tags")
    if isinstance(tags, dict) and isinstance(tags.get("models"), list):
        return "ollama", _read_ollama(session, tags)
    info = session.json("/model/info") if listing is not None else None
    if isinstance(info, dict) and isinstance(info.get("data"), list) and any(
            isinstance(d, dict) and "litellm_params" in d for d in info["data"]):
        return "litellm", _read_litellm(info)
    tgi = session.json("/info")
    if isinstance(tgi, dict) and _s(tgi.get("model_id")):
        weights = _s(tgi.get("model_id"))
        names = _served_names(listing) or [weights or ""]
        ev = _evidence({"model_id": weights, "model_sha": _s(tgi.get("model_sha")),
                        "model_dtype": _s(tgi.get("model_dtype")), "version": _s(tgi.get("version")),
                        "model_pipeline_tag": _s(tgi.get("model_pipeline_tag"))}, "GET /info")
        return "tgi", [_model(n, weights, None, dict(ev)) for n in names]
    props = session.json("/props")
    if isinstance(props, dict) and _s(props.get("model_path")) and (
            "default_generation_settings" in props or "total_slots" in props):
        path = _s(props.get("model_path"))
        names = _served_names(listing) or [posixpath.basename(path or "")]
        ev = _evidence({"model_path": path, "total_slots": _n(props.get("total_slots")),
                        "build_info": _s(props.get("build_info"))}, "GET /props")
        return "llama-cpp", [_model(n, path, None, dict(ev)) for n in names]
    for sg_path in ("/model_info", "/get_model_info"):
        sg = session.json(sg_path)
        if isinstance(sg, dict) and _s(sg.get("model_path")):
            path = _s(sg.get("model_path"))
            names = _served_names(listing) or [path or ""]
            ev = _evidence({"model_path": path, "tokenizer_path": _s(sg.get("tokenizer_path")),
                            "is_generation": sg.get("is_generation") if isinstance(sg.get("is_generation"), bool)
                            else None}, f"GET {sg_path}")
            return "sglang", [_model(n, path, None, dict(ev)) for n in names]
    lms = _openai_list(session.json("/api/v0/models"))
    if lms and any("compatibility_type" in d or "state" in d for d in lms):
        return "lm-studio", _read_lmstudio(lms)
    if listing is not None:
        return "openai-compatible", _read_openai_compatible(listing)
    raise ProbeError("no known inference-server endpoint answered (tried /v1/models, /api/tags, /info, "
                     "/props, /model_info, /get_model_info, /api/v0/models)")


_SUFFIX = re.compile(r"(?i)([-_.](gguf|q\d(_k)?(_[a-z0-9]+)?|f16|bf16|fp16|awq|gptq|int4|int8))+$")


def _stem(name: str) -> str:
    """A name reduced for comparison: last path part, no .gguf / quantization suffix, lower case."""
    base = posixpath.basename(name.rstrip("/")) or name
    base = re.sub(r"(?i)\.gguf$", "", base)
    return _SUFFIX.sub("", base).lower()


def mismatch(served: str, weights: str | None, resolve: Callable[[str], Any]) -> str | None:
    """A finding when the served name does not name the weights, else None."""
    if not weights or not served:
        return None
    s, w = _stem(served), _stem(weights)
    if s == w or s in w or w in s:
        return None
    rs, rw = resolve(served), resolve(weights)
    sid = (rs.model or {}).get("id") if rs.model else None
    wid = (rw.model or {}).get("id") if rw.model else None
    if sid and wid and sid == wid:
        return None
    return f"served as {served}, weights {weights}"


def _resolution(model: dict[str, Any], server: str, url: str, resolve: Callable[[str], Any]) -> dict[str, Any]:
    """The weights' resolution, served by this server; for a LiteLLM proxy, by the upstream it routes to
    (the provider of ``litellm_params.model``'s prefix, else of ``api_base``'s host), since the proxy only relays.

    Unknown weights behind an operator-chosen name (openai-compatible) stay unknown; a resolution from a name
    alone (a listed file name, an Ollama tag, an LM Studio id) is at most ``inferred``."""
    from modelmap.types import Resolution

    if model["weights"] is None and server == "openai-compatible":
        res = Resolution(query=model["served_name"],
                         reason=f"{url} does not say which weights it serves; {model['served_name']!r} is only the "
                                "name it serves them under")
    else:
        res = resolve(model["weights"] or model["served_name"])
        basis = {"file-name": "the file name the server lists",
                 None: "the name the server serves it under"}.get(model["weights_from"])
        if basis is not None:
            reason = f"name-level: resolved from {basis}; the server does not report the weights' identity"
            res = replace(res, confidence="inferred" if res.confidence == "known" else res.confidence,
                          reason="; ".join(r for r in (reason, res.reason) if r))
    if server == "litellm":
        upstream = res.served_by
        if upstream is None:
            from modelmap.knowledge import load
            from modelmap.runtime.drift import host_of
            from modelmap.runtime.ingest import _provider_for_host

            api_base = (model["evidence"].get("litellm_params.api_base") or {}).get("value")
            p = _provider_for_host(host_of(api_base), load().providers)
            if p:
                upstream = {"id": p["id"], "operator": p.get("name"), "country": p.get("country"),
                            "serving": p.get("serving"), "kind": p.get("kind")}
        if upstream is not None:
            served = {**upstream, "evidence": f"LiteLLM proxy {url} routes {model['served_name']} to "
                                              f"{model['weights']}"}
            return dict(replace(res, served_by=served).to_dict())
    provider = PROVIDER_IDS.get(server)
    served_by = {"id": provider or server, "operator": None, "country": None, "serving": None,
                 "kind": "local" if provider else "unknown", "evidence": f"probe {url}"}
    return dict(replace(res, served_by=served_by).to_dict())


def safe_resolver(resolve: Callable[[str], Any]) -> Callable[[str], Any]:
    """``resolve`` that answers an unknown Resolution (with the reason) for a name it refuses."""
    from modelmap.errors import ModelmapError
    from modelmap.types import Resolution

    def wrapped(name: str) -> Any:
        try:
            return resolve(name)
        except ModelmapError as exc:
            return Resolution(query=name, reason=str(exc))

    return wrapped


def probe_one(url: str, *, allow_private: bool = False, token: str | None = None,
              max_bytes: int = netread.MAX_BYTES, deadline: float = netread.DEADLINE_S,
              resolve: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """One endpoint of ``modelmap.probe/1``: never raises for what the server does; ``error`` says it."""
    if resolve is None:
        from modelmap.provenance.resolver import resolve as resolve_default

        resolve = resolve_default
    resolve = safe_resolver(resolve)
    entry: dict[str, Any] = {"url": netread.redact(url), "server": None, "reachable": False, "error": None, "models": None,
                             "findings": []}
    session: _Session | None = None
    try:
        target = netread.parse_target(url)
        entry["url"] = target.origin + target.base_path
        address = netread.vet_address(target, allow_private=allow_private)
        session = _Session(target, address, token, max_bytes, deadline)
        server, models = detect(session)
    except ProbeError as exc:
        entry["error"] = str(exc)
        entry["reachable"] = bool(session and session.answered)
        return entry
    entry.update(server=server, reachable=True, models=[])
    for m in models:
        m["resolution"] = _resolution(m, server, entry["url"], resolve)
        finding = mismatch(m["served_name"], m["weights"], resolve)
        if finding:
            entry["findings"].append({"kind": "served-name-differs-from-weights", "served_name": m["served_name"],
                                      "weights": m["weights"], "message": finding})
        entry["models"].append(m)
    return entry


def probe(urls: list[str], *, allow_private: bool = False, token_env: str = TOKEN_ENV, **kw: Any) -> dict[str, Any]:
    """``modelmap.probe/1`` for each URL, in the order given. The token is read from ``token_env``."""
    token = os.environ.get(token_env) or None
    return {"schema": SCHEMA_ID, "endpoints": [probe_one(u, allow_private=allow_private, token=token, **kw)
                                               for u in urls]}
