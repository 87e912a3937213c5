"""Values shared by every stage: discover → artifacts → provenance → policy → report.

Stages exchange only these frozen dataclasses (plus plain dicts inside ``Resolution``),
so each stage can be tested on its own and rendered by any output format.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["hf-repo", "api-model", "ollama-tag", "provider-prefixed", "model-file", "endpoint", "other"]
Role = Literal["generation", "embedding", "rerank", "vision", "speech", "image", "other", "unknown"]
Context = Literal["app", "test", "example", "config", "notebook", "docs"]

KINDS: tuple[str, ...] = ("hf-repo", "api-model", "ollama-tag", "provider-prefixed", "model-file", "endpoint", "other")
ROLES: tuple[str, ...] = ("generation", "embedding", "rerank", "vision", "speech", "image", "other", "unknown")
CONTEXTS: tuple[str, ...] = ("app", "test", "example", "config", "notebook", "docs")


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

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["resolution"] is None:
            data.pop("resolution")
        for key in ("cell", "cell_line", "api", "symbol", "provider", "endpoint", "evidence"):
            if data[key] is None:
                data.pop(key)
        if "evidence" in data:
            data["evidence"] = list(data["evidence"])
        return data

    @property
    def fingerprint(self) -> str:
        """Identity that survives code moves: source, normalised value and path — no line number."""
        return f"{self.source}:{self.raw.strip().lower()}:{self.path}"


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
    """What the knowledge base says about one identifier (the output of ``trace``).

    ``model`` = {"id", "family", "params"}; ``publisher`` = {"id", "name", "country"};
    ``license`` = {"id", "spdx", "name", "permissive", "commercial_use"} or None;
    ``lineage`` = [{"relation", "model", "publisher": {...}}] nearest upstream first;
    ``served_by`` = {"id", "operator", "country", "serving": [...]} when the identifier or
    its endpoint implies a provider. ``confidence`` is "known" | "inferred" | "unknown".
    Unknown facts are None, never guessed.
    """

    query: str
    model: dict[str, Any] | None = None
    publisher: dict[str, Any] | None = None
    license: dict[str, Any] | None = None
    open_weights: bool | None = None
    lineage: tuple[dict[str, Any], ...] = ()
    distilled_from: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    served_by: dict[str, Any] | None = None
    flags: tuple[dict[str, Any], ...] = ()
    sources: tuple[dict[str, Any], ...] = ()
    confidence: str = "unknown"
    reason: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "model": self.model,
            "publisher": self.publisher,
            "license": self.license,
            "open_weights": self.open_weights,
            "lineage": list(self.lineage),
            "distilled_from": list(self.distilled_from),
            "origins": list(self.origins),
            "served_by": self.served_by,
            "flags": list(self.flags),
            "sources": list(self.sources),
            "confidence": self.confidence,
            "reason": self.reason,
        }


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
