"""The Source seam: adding a kind of file to scan means adding one module with one class.

A source declares a stable ``id`` (public contract: waivers and SARIF store it), a one-line
``description``, a cheap ``applies_to(path)`` and ``scan(file)``. It also ships its own
true and false samples (``samples``), which one shared test runs for every source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

from modelmap.discover.identify import Hint, Match, classify, classify_endpoint, role_from_name
from modelmap.types import Finding, Skip


@dataclass(frozen=True)
class SourceFile:
    """A file handed to a source: its path relative to the scan root and its decoded text."""

    path: str
    text: str
    context: str = "app"


@dataclass(frozen=True)
class Sample:
    """A file a source must (or must not) find models in: gitleaks-style rule samples."""

    path: str
    text: str
    expect: tuple[str, ...] = ()  # raw values that must be found; empty = nothing may be found


class Source(Protocol):
    # read-only members, so that plain class attributes (with precise tuple types) satisfy them
    @property
    def id(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def samples(self) -> tuple[Sample, ...]: ...

    def applies_to(self, path: str) -> bool: ...

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]: ...


@dataclass
class Collector:
    """Builds findings for one file; shared by the sources so each one stays small."""

    file: SourceFile
    source_id: str
    findings: list[Finding] = field(default_factory=list)
    _line_starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) for a character offset in the file text."""
        if self._line_starts is None:
            starts = [0]
            starts.extend(m.end() for m in re.finditer("\n", self.file.text))
            self._line_starts = starts
        import bisect

        idx = bisect.bisect_right(self._line_starts, offset) - 1
        return idx + 1, offset - self._line_starts[idx] + 1

    def model(
        self,
        value: str,
        line: int,
        column: int,
        *,
        hint: Hint = "none",
        role: str | None = None,
        api: str | None = None,
        provider: str | None = None,
        endpoint: str | None = None,
        symbol: str | None = None,
        source_id: str | None = None,
        boost: float = 0.0,
    ) -> Finding | None:
        match = classify(value, hint)
        if match is None:
            return None
        return self.add(value, line, column, match, role=role, api=api, provider=provider, endpoint=endpoint,
                        symbol=symbol, source_id=source_id, boost=boost)

    def add(
        self,
        value: str,
        line: int,
        column: int,
        match: Match,
        *,
        role: str | None = None,
        api: str | None = None,
        provider: str | None = None,
        endpoint: str | None = None,
        symbol: str | None = None,
        source_id: str | None = None,
        boost: float = 0.0,
    ) -> Finding:
        finding = Finding(
            path=self.file.path,
            line=line,
            column=column,
            raw=value.strip(),
            kind=match.kind,
            role=role or match.role or role_from_name(value) or "unknown",
            context=self.file.context,
            source=source_id or self.source_id,
            provider=provider or match.provider,
            endpoint=endpoint,
            symbol=symbol,
            confidence=round(min(1.0, match.confidence + boost), 2),
            api=api,
        )
        self.findings.append(finding)
        return finding

    def endpoint(self, value: str, line: int, column: int, *, symbol: str | None = None,
                 source_id: str | None = None) -> Finding | None:
        hit = classify_endpoint(value)
        if hit is None:
            return None
        provider, url = hit
        finding = Finding(
            path=self.file.path, line=line, column=column, raw=value.strip(), kind="endpoint", role="unknown",
            context=self.file.context, source=source_id or self.source_id, provider=provider, endpoint=url,
            symbol=symbol, confidence=0.95,
        )
        self.findings.append(finding)
        return finding


def dedupe(findings: Iterable[Finding]) -> Iterator[Finding]:
    """One finding per (path, line, column, raw): keep the most specific one."""
    best: dict[tuple[str, int, int, str], Finding] = {}
    for f in findings:
        key = (f.path, f.line, f.column, f.raw)
        old = best.get(key)
        if old is None or _rank(f) > _rank(old):
            if old is not None:
                f = _merge(f, old)
            best[key] = f
        else:
            best[key] = _merge(old, f)
    yield from best.values()


def _rank(f: Finding) -> tuple[int, float]:
    return (int(f.role != "unknown") + int(f.api is not None) + int(f.endpoint is not None), f.confidence)


def _merge(keep: Finding, other: Finding) -> Finding:
    changes = {}
    for attr in ("endpoint", "provider", "api", "symbol"):
        if getattr(keep, attr) is None and getattr(other, attr) is not None:
            changes[attr] = getattr(other, attr)
    if keep.role == "unknown" and other.role != "unknown":
        changes["role"] = other.role
    return replace(keep, **changes) if changes else keep
