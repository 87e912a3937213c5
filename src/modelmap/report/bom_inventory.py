"""What both standard BOMs (CycloneDX, SPDX) describe: models, the services that serve them, and the ties.

Two kinds of thing, never mixed:

* a **model** is every distinct model a non-endpoint finding refers to: ``model:<kb id>`` when the
  knowledge base resolved it, ``unresolved:<identifier>`` otherwise (listed all the same, with the
  reason);
* a **service** is an endpoint or hosted API. Endpoint findings (``kind == "endpoint"``, a base URL)
  and model findings that carry an ``endpoint`` or a ``served_by`` provider make services. A service
  is keyed by its provider id (``service:<provider id>``: every URL the code names for it is one of its
  endpoints) or, when the provider is unknown, by its URL (``service:url:<url>``). A hosted API known
  only from the model name (``gpt-4o`` with the OpenAI client) is a service with no endpoint URL: the
  code names none, and we do not make one up.

A model finding is *tied* to a service when its ``endpoint`` is one of that service's URLs, or its
``served_by`` / ``provider`` id is the service's provider id. A model with at least one untied use
(weights loaded in-process, or a server we cannot name) is also used directly by the application.

Lineage is read from the resolution's ``edges`` (``{child, relation, parent}``) when present and
from the older flat ``lineage`` list otherwise. Unknown facts stay ``None``: an unknown list is never
turned into an empty one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from modelmap.types import Finding, ScanResult

TEACHER_RELATIONS = ("distillation", "teacher")
HOSTED_KINDS = ("api", "cloud", "router")


@dataclass
class ModelEntry:
    ref: str
    res: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    flows: set[str] = field(default_factory=set)
    services: set[str] = field(default_factory=set)
    direct: bool = False  # some use is not tied to a service

    @property
    def model(self) -> dict[str, Any]:
        return self.res.get("model") or {}

    @property
    def resolved(self) -> bool:
        return bool(self.model.get("id"))

    @property
    def model_id(self) -> str:
        return str(self.model.get("id") or self.findings[0].raw)

    @property
    def publisher(self) -> dict[str, Any]:
        return self.res.get("publisher") or {}

    @property
    def hf_repo(self) -> str | None:
        """The Hub repository id (``org/name``, case kept) when the knowledge base records one."""
        hf = self.model.get("hf")
        return hf if isinstance(hf, str) and hf.count("/") == 1 and all(hf.split("/")) else None

    @property
    def roles(self) -> list[str]:
        return sorted({f.role for f in self.findings if f.role not in ("unknown", "other")})


@dataclass
class ServiceEntry:
    ref: str
    provider_id: str | None
    name: str
    operator: str | None = None
    country: str | None = None
    kind: str | None = None
    serving: list[str] | None = None
    urls: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)  # endpoint findings: where the code names it
    models: set[str] = field(default_factory=set)

    @property
    def hosted(self) -> bool:
        return self.kind in HOSTED_KINDS


@dataclass
class BomInventory:
    models: dict[str, ModelEntry]
    services: dict[str, ServiceEntry]

    @property
    def direct_models(self) -> list[str]:
        return sorted(ref for ref, m in self.models.items() if m.direct)


def model_ref(finding: Finding) -> str:
    model_id = ((finding.resolution or {}).get("model") or {}).get("id")
    return f"model:{model_id}" if model_id else f"unresolved:{finding.raw}"


def count_models(result: ScanResult) -> int:
    """How many model components ``collect`` makes, without building them (cheap: one pass, no services)."""
    return len({model_ref(f) for f in result.findings if f.kind != "endpoint"})


def _service_for(served: dict[str, Any] | None, url: str | None,
                 services: dict[str, ServiceEntry]) -> ServiceEntry | None:
    served = served if isinstance(served, dict) else None
    provider_id = str(served["id"]) if served and served.get("id") else None
    if provider_id:
        ref = f"service:{provider_id}"
        entry = services.get(ref)
        if entry is None:
            serving = served.get("serving") if served else None
            entry = services[ref] = ServiceEntry(
                ref=ref, provider_id=provider_id, name=str((served or {}).get("operator") or provider_id),
                operator=(served or {}).get("operator"), country=(served or {}).get("country"),
                kind=(served or {}).get("kind"), serving=list(serving) if isinstance(serving, list) else None)
    elif url:
        ref = f"service:url:{url}"
        entry = services.get(ref)
        if entry is None:
            entry = services[ref] = ServiceEntry(ref=ref, provider_id=None, name=urlsplit(url).netloc or url)
    else:
        return None
    if url:
        entry.urls.add(url)
    return entry


def collect(result: ScanResult, flows_of: Callable[[Finding], list[str]] | None = None) -> BomInventory:
    """Group a resolved ScanResult into models and services (see the module docstring)."""
    services: dict[str, ServiceEntry] = {}
    models: dict[str, ModelEntry] = {}
    by_url: dict[str, ServiceEntry] = {}
    for finding in result.findings:
        if finding.kind != "endpoint":
            continue
        served = (finding.resolution or {}).get("served_by")
        entry = _service_for(served, finding.endpoint or finding.raw, services)
        if entry is not None:
            entry.findings.append(finding)
    for entry in services.values():
        for url in entry.urls:
            by_url.setdefault(url, entry)
    for finding in result.findings:
        if finding.kind == "endpoint":
            continue
        res = finding.resolution or {}
        ref = model_ref(finding)
        model = models.setdefault(ref, ModelEntry(ref=ref, res=res))
        model.findings.append(finding)
        if flows_of is not None:
            model.flows.update(flows_of(finding))
        service = by_url.get(finding.endpoint or "")
        if service is None and finding.provider and f"service:{finding.provider}" in services:
            service = services[f"service:{finding.provider}"]
        if service is None:
            service = _service_for(res.get("served_by"), finding.endpoint, services)
            if service is not None and finding.endpoint:
                by_url.setdefault(finding.endpoint, service)
        elif finding.endpoint:
            service.urls.add(finding.endpoint)
        if service is None:
            model.direct = True
        else:
            service.models.add(ref)
            model.services.add(service.ref)
    return BomInventory(models=dict(sorted(models.items())), services=dict(sorted(services.items())))


MAX_BOM_MODELS = 1_000  # model components one CycloneDX document lists (see capped)


def capped(inv: BomInventory, limit: int = MAX_BOM_MODELS) -> tuple[BomInventory, int]:
    """``inv`` with at most ``limit`` models, and how many were left out. cyclonedx-python-lib spends about 2 ms of
    CPU a model component (its sorted sets order every component by a long comparable tuple; py-serializable writes
    them), so a tree naming 30,000 distinct models (a generated catalogue of Bedrock ids) took over 100 s (redteam26).
    The models used in the most places are kept (then by ref, so the document stays reproducible); a service keeps
    only the kept models; the caller reports the cut in the document and on stderr, never silently."""
    if limit <= 0 or len(inv.models) <= limit:  # 0: no cap (bom --max-models 0)
        return inv, 0
    keep = sorted(inv.models, key=lambda ref: (-len(inv.models[ref].findings), ref))[:limit]
    kept = set(keep)
    models = {ref: entry for ref, entry in inv.models.items() if ref in kept}
    services = {ref: replace(entry, models=entry.models & kept) for ref, entry in inv.services.items()}
    return BomInventory(models=models, services=services), len(inv.models) - limit


# --------------------------------------------------------------------------- the model files themselves

MAX_HASH_BYTES = 8 * 1024 ** 3  # a file larger than this is listed with its size, not hashed (reads ~1 GB/s)
_HASH_CHUNK = 1024 * 1024
_digests: dict[tuple[str, int, int], str] = {}


def _sha256(path: str, size: int, mtime: int) -> str:
    import hashlib

    key = (path, size, mtime)
    if key not in _digests:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            while chunk := fh.read(_HASH_CHUNK):
                h.update(chunk)
        _digests[key] = h.hexdigest()
    return _digests[key]


def model_files(entry: ModelEntry, result: ScanResult) -> list[dict[str, Any]]:
    """The files of ``entry`` that lie in the scanned tree (weight files scan found on disk: ``source ==
    "model-file"``), each ``{"path", "size", "sha256", "how"}``: what a supply-chain BOM states first about a file
    it ships (tryfix35: a committed os.system pickle had no hash in either BOM). ``how`` is ``file`` (the bytes
    hashed), ``lfs-pointer`` (a Git LFS pointer: its oid is the sha256 of the content, which is not in the checkout)
    or ``not-hashed`` (larger than MAX_HASH_BYTES, or unreadable: ``sha256`` None). Never follows a path out of
    the scanned roots."""
    import os
    import stat
    from pathlib import Path

    from modelmap.inspect import _under_roots, lfs_pointer_fields

    roots = [Path(r) for r in [result.root, *result.roots] if r]
    out: list[dict[str, Any]] = []
    for rel in sorted({f.path for f in entry.findings if f.source == "model-file"}):
        path = _under_roots(rel, roots)
        if path is None:
            continue
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                continue
            pointer = lfs_pointer_fields(path) if st.st_size <= 1024 else None
            if pointer is not None and pointer[0]:
                out.append({"path": rel, "size": pointer[1], "sha256": pointer[0], "how": "lfs-pointer"})
            elif st.st_size > MAX_HASH_BYTES:
                out.append({"path": rel, "size": st.st_size, "sha256": None, "how": "not-hashed"})
            else:
                out.append({"path": rel, "size": st.st_size, "sha256": _sha256(str(path), st.st_size, st.st_mtime_ns),
                            "how": "file"})
        except OSError:
            out.append({"path": rel, "size": None, "sha256": None, "how": "not-hashed"})
    return out


def file_property(file: dict[str, Any]) -> str:
    """The ``modelmap:file-sha256`` text for one model file."""
    if file["sha256"] is None:
        why = f"larger than {MAX_HASH_BYTES} bytes" if file["size"] else "unreadable"
        return f"{file['path']} not hashed ({why})"
    lfs = " (from its Git LFS pointer: the content is not in the checkout)" if file["how"] == "lfs-pointer" else ""
    return f"{file['path']} sha256:{file['sha256']} {file['size']} bytes{lfs}"


def truncation_note(kept: int, left_out: int) -> str:
    """The ``modelmap:truncated`` text a capped BOM (CycloneDX property, SPDX comment) records."""
    return f"{kept + left_out} models found; the {kept} used in the most places are listed, {left_out} left out"


# --------------------------------------------------------------------------- facts read from a resolution


def lineage_undisclosed(res: dict[str, Any], model_id: str) -> bool:
    """The model is API-only and its maker names nothing behind the weights it serves (trace's
    ``lineage_undisclosed``): the BOM says so where it would list a base, never "no base"."""
    return model_id in (res.get("lineage_undisclosed") or ())


UNDISCLOSED_LIMITATION = "Lineage undisclosed (API-only): the maker serves weights it never released and names no model behind them"
#: the property both BOMs give such a model (CycloneDX property, SPDX annotation pair)
UNDISCLOSED_PROPERTY = ("modelmap:lineage", "undisclosed (API-only)")


def single_file_sha256(files: list[dict[str, Any]]) -> str | None:
    """The SHA-256 a BOM states for a model that is exactly one file in the scanned tree (CycloneDX ``hashes``, SPDX
    ``verifiedUsing``); None for several files, none, or a file whose hash is not known."""
    return (files[0]["sha256"] or None) if len(files) == 1 else None


def lineage_edges(res: dict[str, Any], model_id: str) -> list[dict[str, Any]]:
    """Every known lineage edge as ``{child, relation, parent, parent_publisher, teacher}``.

    From ``edges`` when the resolution has them; from the flat ``lineage`` list otherwise, where the
    child of each step is not recorded (``None``: the model itself or one of its ancestors).
    """
    out: list[dict[str, Any]] = []
    edges = res.get("edges")
    if isinstance(edges, list):
        for edge in edges:
            if not isinstance(edge, dict) or not edge.get("parent"):
                continue
            relation = str(edge.get("relation") or "unknown")
            out.append({"child": edge.get("child"), "relation": relation, "parent": str(edge["parent"]),
                        "parent_publisher": edge.get("parent_publisher") or edge.get("publisher"),
                        "teacher": relation in TEACHER_RELATIONS})
        return out
    for step in res.get("lineage") or ():
        if not isinstance(step, dict) or not step.get("model"):
            continue
        relation = str(step.get("relation") or "unknown")
        out.append({"child": None, "relation": relation, "parent": str(step["model"]),
                    "parent_publisher": step.get("publisher"), "teacher": relation in TEACHER_RELATIONS})
    return out


def countries(values: Any) -> list[str] | None:
    """Origin countries from ``origins`` (strings or ``{country, ...}`` dicts); ``None`` when unknown."""
    if values is None:
        return None
    out: set[str] = set()
    for value in values if isinstance(values, Iterable) and not isinstance(values, (str, bytes)) else ():
        if isinstance(value, str) and value:
            out.add(value)
        elif isinstance(value, dict) and isinstance(value.get("country"), str):
            out.add(value["country"])
    return sorted(out)


def teachers(res: dict[str, Any]) -> list[str]:
    """Models this one was distilled from (``teachers`` dicts or ids, else ``distilled_from``)."""
    found: list[str] = []
    for item in res.get("teachers") or res.get("distilled_from") or ():
        name = item.get("model") or item.get("id") if isinstance(item, dict) else item
        if name and str(name) not in found:
            found.append(str(name))
    return found


def split_id(model_id: str) -> tuple[str | None, str]:
    if "/" in model_id:
        group, name = model_id.split("/", 1)
        return group, name
    return None, model_id


def ancestor_license(model_id: str) -> dict[str, Any] | None:
    """The licence the knowledge base records for a lineage ancestor (what ``modelmap trace ID`` says), or None.

    An ancestor used to get NoAssertion whatever was known: Qwen2.5-72B-Instruct's base read NoAssertion in a BOM
    beside ``modelmap trace qwen/qwen2.5-72b`` saying the Qwen licence. Only the exact id answers (no fuzzy match),
    and an unknown licence stays NoAssertion."""
    from modelmap.errors import IdentifierError
    from modelmap.provenance.resolver import default_resolver

    try:
        res = default_resolver().resolve(model_id).to_dict()
    except IdentifierError:
        return None
    if (res.get("model") or {}).get("id") != model_id:
        return None
    licence = res.get("license")
    if not isinstance(licence, dict) or not licence.get("id") or licence.get("id") == "unknown":
        return None
    return licence
