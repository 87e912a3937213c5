"""Values shared by every stage: discover → artifacts → provenance → policy → report.

Stages exchange only these frozen dataclasses (plus plain dicts inside ``Resolution``),
so each stage can be tested on its own and rendered by any output format.
"""

from __future__ import annotations

import copy
import re
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Literal

Kind = Literal["hf-repo", "api-model", "ollama-tag", "provider-prefixed", "model-file", "endpoint", "other"]
Role = Literal["generation", "embedding", "rerank", "vision", "speech", "image", "other", "unknown"]
Context = Literal["app", "test", "example", "config", "notebook", "docs", "catalog"]

KINDS: tuple[str, ...] = ("hf-repo", "api-model", "ollama-tag", "provider-prefixed", "model-file", "endpoint", "other")
ROLES: tuple[str, ...] = ("generation", "embedding", "rerank", "vision", "speech", "image", "other", "unknown")
#: ``catalog``: one entry of a list or table of many models (supported options, prices, context windows),
#: not a place where code uses a model (discover/context.py decides it).
CONTEXTS: tuple[str, ...] = ("app", "test", "example", "config", "notebook", "docs", "catalog")
#: Contexts of production usage: what reports and ``check`` lead with.
PRODUCTION_CONTEXTS: tuple[str, ...] = ("app", "config")


@dataclass(frozen=True)
class Location:
    """A second place a finding points at (``Finding.definition``: where its value was defined)."""

    path: str
    line: int
    column: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column}



_ATOMIC = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` makes of a field's value (dataclasses → dicts, containers rebuilt, anything
    else deep-copied), without its ``deepcopy`` of every string and number: a scan's JSON output converts
    thousands of findings with nested resolutions, and asdict spent most of its time there."""
    kind = type(value)
    if kind in _ATOMIC:
        return value
    if kind is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    if kind is list:
        return [_plain(v) for v in value]
    if kind is tuple:
        return tuple(_plain(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return copy.deepcopy(value)  # anything else, as asdict does (a dict or list subclass is copied whole)


#: evidence items a Hub loader call records (discover/python.py ``_load_evidence``) and a Hub file URL's
#: ``resolve/<revision>`` (discover/uris.py): ``trust-remote-code`` (passed True, or a name bound to True in the
#: file), ``trust-remote-code:false`` (passed False), ``trust-remote-code:unknown`` (passed a value that is no
#: literal); ``revision:<value>`` (the literal passed), ``revision:unknown`` (a value that is no literal),
#: ``revision:none`` (no revision passed: the Hub's default branch is loaded).
TRUST_REMOTE_CODE = "trust-remote-code"
REVISION_PREFIX = "revision:"
_COMMIT_SHA = re.compile(r"[0-9a-fA-F]{40}")


def load_facts(evidence: tuple[str, ...] | list[str] | None) -> dict[str, Any] | None:
    """How a model is loaded, from a finding's evidence: ``trust_remote_code`` (true: a load passes True; null: a
    load passes a value that is no literal; false: no load passes True, i.e. not passed or passed False),
    ``revision`` (the first literal revision, null when none is written) and ``revision_pinned`` (true only when
    every load names a 40-hex commit sha; false when one loads a branch or tag, or the default branch; null when
    one passes a value that is no literal). None when the evidence records no load (not a Hub loader call)."""
    if not evidence:
        return None
    trusts: list[str] = []
    revisions: list[str] = []
    for item in evidence:
        if item.startswith(REVISION_PREFIX):
            revisions.append(item[len(REVISION_PREFIX):])
        elif item.startswith(TRUST_REMOTE_CODE):
            trusts.append(item)
    if not trusts and not revisions:
        return None
    trust: bool | None = False
    if TRUST_REMOTE_CODE in trusts:
        trust = True
    elif f"{TRUST_REMOTE_CODE}:unknown" in trusts:
        trust = None
    literal = [r for r in revisions if r not in ("none", "unknown")]
    pinned: bool | None = None
    if revisions:
        states = [False if r == "none" else None if r == "unknown" else bool(_COMMIT_SHA.fullmatch(r))
                  for r in revisions]
        pinned = False if False in states else None if None in states else True
    return {"trust_remote_code": trust, "revision": literal[0] if literal else None, "revision_pinned": pinned}


@dataclass(frozen=True)
class Finding:
    """One model reference found in one place.

    ``source`` is the id of the discovery source that produced it (a public contract:
    waivers and SARIF store it). ``confidence`` is in [0, 1].
    """

    path: str
    line: int
    column: int
    raw: str
    kind: str
    role: str = "unknown"
    context: str = "app"
    source: str = ""
    provider: str | None = None
    endpoint: str | None = None
    symbol: str | None = None
    confidence: float = 0.5
    cell: int | None = None
    cell_line: int | None = None
    api: str | None = None
    # what the decision rests on: "knowledge-base", "binding:<name>", "call:<name>", "shape:<kind>",
    # "provider-context", "file-role:<role>"… (None where a source does not say)
    evidence: tuple[str, ...] | None = None
    resolution: dict[str, Any] | None = field(default=None, compare=False)
    # where the value was defined when that is not where it reaches the model API (a constant in a
    # settings module used by another file); the finding itself sits at the use site
    definition: Location | None = None

    @property
    def is_endpoint(self) -> bool:
        """An endpoint alone is a service (a base URL), never a model."""
        return self.kind == "endpoint"

    def to_dict(self) -> dict[str, Any]:
        data = {name: _plain(getattr(self, name)) for name in _FINDING_FIELDS}
        if data["resolution"] is None:
            data.pop("resolution")
        for key in ("cell", "cell_line", "api", "symbol", "provider", "endpoint", "evidence", "definition"):
            if data[key] is None:
                data.pop(key)
        if "evidence" in data:
            data["evidence"] = list(data["evidence"])
            load = load_facts(self.evidence)
            if load is not None:  # optional fields (the schema stays modelmap.scan/N): a Hub loader call's facts
                data.update(load)
        return data

    @property
    def fingerprint(self) -> str:
        """Identity that survives code moves: source, normalised value and path — no line number."""
        return f"{self.source}:{self.raw.strip().lower()}:{self.path}"


_FINDING_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Finding))


@dataclass(frozen=True)
class SymbolUse:
    """A name imported from another module that reaches a model API in this file (Python).

    Sources yield these next to findings; the engine links each one to the findings of that name's
    definition, so a usage sits where the value is used (and so in that file's flows). Never output.
    """

    path: str
    line: int
    column: int
    module: str  # dotted module the name is imported from, made absolute for relative imports
    name: str
    source: str
    api: str | None = None
    role: str | None = None
    provider: str | None = None
    endpoint: str | None = None
    symbol: str | None = None
    context: str = "app"


@dataclass(frozen=True)
class Skip:
    """A file (or part of one) that was not scanned, and why. Never silent."""

    path: str
    reason: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Resolution:
    """What the knowledge base says about one identifier (the output of ``trace``, ``modelmap.trace/2``).

    ``model`` = {"id", "family", "params", "name", "hf"}; ``publisher`` = {"id", "name", "country"};
    ``license`` = {"id", "spdx", "name", "permissive", "commercial_use"} or None, plus ``inherited_from`` (the
    parent whose licence a repack the knowledge base holds no card licence for takes) or ``governing`` (a repack
    whose own repo declares ``id`` while the weights it packages carry another licence: that licence's object with
    ``from`` = the parent; docs/knowledge-format.md, "Declared vs governing licence of a repack").

    Lineage is a graph (provenance/lineage.py): ``edges`` = [{"child", "relation", "parent",
    "parent_publisher"}] with relation finetune | quantization | merge | adapter | continued-pretrain |
    distillation; ``roots`` = the roots of the weight chain; ``teachers`` = [{"model", "student",
    "publisher", "roots"}]. ``origins`` = countries of the publisher, every weight ancestor and every
    teacher, each explained in ``origin_reasons``; ``origins_known`` is true only when none of them is
    missing. Unknown is None, never an empty list: ``edges``/``roots``/``teachers``/``origins`` are None
    when the model itself is not known. ``lineage_undisclosed`` = the models in the graph whose lineage their
    maker does not disclose (API-only: weights never released, nothing named behind them); their publisher's
    country is their origin, so they leave ``origins_known`` true, and ``roots`` is None above them. Written
    to JSON only when there is one (an optional field: the schema stays ``modelmap.trace/2``).

    ``served_by`` = {"id", "operator", "country", "serving", "kind", "evidence"} only when evidence says
    who serves it (the identifier's provider prefix or hosted form, the endpoint or client in code, a
    runtime probe) — never guessed from the model's name. ``confidence`` is "known" | "inferred" | "unknown".
    """

    query: str
    model: dict[str, Any] | None = None
    publisher: dict[str, Any] | None = None
    license: dict[str, Any] | None = None
    open_weights: bool | None = None
    edges: tuple[dict[str, Any], ...] | None = None
    roots: tuple[str, ...] | None = None
    teachers: tuple[dict[str, Any], ...] | None = None
    origins: tuple[str, ...] | None = None
    origins_known: bool = False
    origin_reasons: tuple[dict[str, Any], ...] = ()
    served_by: dict[str, Any] | None = None
    flags: tuple[dict[str, Any], ...] = ()
    sources: tuple[dict[str, Any], ...] = ()
    confidence: str = "unknown"
    reason: str | None = None
    role: str | None = None
    lineage_undisclosed: tuple[str, ...] = ()

    @property
    def lineage(self) -> tuple[dict[str, Any], ...]:
        """The upstream models as a flat list (relation, model = parent, publisher), in walk order.
        A convenience view for code that only needs "which models are upstream"; it is not a chain."""
        return tuple({"relation": e["relation"], "model": e["parent"], "publisher": e.get("parent_publisher"),
                      "child": e["child"]} for e in self.edges or ())

    @property
    def distilled_from(self) -> tuple[str, ...]:
        return tuple(t["model"] for t in self.teachers or ())

    def immediate_base(self) -> str | None:
        """The first weight parent of the model itself (not of a teacher), or None."""
        me = (self.model or {}).get("id")
        for edge in self.edges or ():
            if edge["relation"] != "distillation" and (me is None or edge["child"] == me):
                return str(edge["parent"])
        return None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "schema": TRACE_SCHEMA,
            "query": self.query,
            "model": self.model,
            "publisher": self.publisher,
            "license": self.license,
            "open_weights": self.open_weights,
            "edges": None if self.edges is None else list(self.edges),
            "roots": None if self.roots is None else list(self.roots),
            "teachers": None if self.teachers is None else list(self.teachers),
            "origins": None if self.origins is None else list(self.origins),
            "origins_known": self.origins_known,
            "origin_reasons": list(self.origin_reasons),
            "served_by": self.served_by,
            "flags": list(self.flags),
            "sources": list(self.sources),
            "confidence": self.confidence,
            "reason": self.reason,
            "role": self.role,
        }
        if self.lineage_undisclosed:
            out["lineage_undisclosed"] = list(self.lineage_undisclosed)
        return out


TRACE_SCHEMA = "modelmap.trace/2"
# what trace / check / the BOM / the report say where they would name a base, for a model in
# ``Resolution.lineage_undisclosed`` (an API-only model whose maker names nothing behind its weights)
LINEAGE_UNDISCLOSED = "lineage undisclosed (API-only)"


@dataclass
class ScanStats:
    files_scanned: int = 0
    files_matched: int = 0
    bytes_scanned: int = 0
    seconds: float = 0.0
    skipped: dict[str, int] = field(default_factory=dict)

    def add_skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "files_scanned": self.files_scanned,
            "files_matched": self.files_matched,
            "files_skipped": sum(self.skipped.values()),
            "skipped_by_reason": dict(sorted(self.skipped.items())),
            "bytes": self.bytes_scanned,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class ScanResult:
    root: str
    findings: list[Finding]
    skips: list[Skip]
    stats: ScanStats
    roots: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "modelmap.scan/1",
            "root": self.root,
            "findings": [f.to_dict() for f in self.findings],
            "skipped": [s.to_dict() for s in self.skips],
            "stats": self.stats.to_dict(),
        }
