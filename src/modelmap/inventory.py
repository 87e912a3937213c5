"""One inventory of a scan, read by every command (scan, check, bom, report) so their counts agree.

* A **model** is a distinct model: the knowledge base's id when the reference was identified, else
  the reference as written (trimmed, lower-cased). Endpoints are never models.
* An **endpoint** is a distinct base URL of a model API (a service); a model reference may carry one.
* A **usage** is one model reference in one place (one ``Finding`` that is not an endpoint).
* Usages fall into **sections** by context: ``production`` (app, config) leads every output;
  ``other`` (example, notebook, docs), ``catalog`` (entries of a list or table of many models) and
  ``test`` follow in their own sections. Charts and concentration count usages *in use*
  (production and other), so that a catalog of 4,000 ids does not drown the models the code uses.
* **Flows** are the configured flows; "(no flow)" is not a flow and is never counted as one.
* **Skipped files** are counted once each, whatever number of reasons a file has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from modelmap.types import PRODUCTION_CONTEXTS, Finding, ScanResult

SECTIONS: tuple[str, ...] = ("production", "other", "catalog", "test")
IN_USE: frozenset[str] = frozenset({"production", "other"})
SECTION_LABELS = {
    "production": "production code and configuration",
    "other": "examples, notebooks and docs",
    "catalog": "catalogs of models (option lists, price and context-window tables)",
    "test": "tests and fixtures",
}


def section_of(context: str) -> str:
    if context in PRODUCTION_CONTEXTS:
        return "production"
    if context in ("catalog", "test"):
        return context
    return "other"


def model_key(finding: Finding) -> str:
    """The distinct-model key of a model reference: its KB id, else the reference as written."""
    model = (finding.resolution or {}).get("model") or {}
    mid = model.get("id") if isinstance(model, dict) else None
    return str(mid) if mid else finding.raw.strip().lower()


def is_identified(finding: Finding) -> bool:
    model = (finding.resolution or {}).get("model") or {}
    return bool(isinstance(model, dict) and model.get("id"))


def endpoint_key(finding: Finding) -> str:
    return (finding.endpoint or finding.raw).strip().rstrip("/")


@dataclass
class ModelEntry:
    key: str
    identified: bool
    usages: int = 0
    identifiers: set[str] = field(default_factory=set)
    sections: Counter[str] = field(default_factory=Counter)
    roles: set[str] = field(default_factory=set)
    endpoints: set[str] = field(default_factory=set)
    flows: set[str] = field(default_factory=set)
    first: Finding | None = None

    @property
    def section(self) -> str:
        """The section the model is listed in: the first of SECTIONS it is used in."""
        return next(s for s in SECTIONS if self.sections.get(s))


@dataclass
class EndpointEntry:
    url: str
    provider: str | None
    references: int = 0
    sections: Counter[str] = field(default_factory=Counter)
    locations: list[str] = field(default_factory=list)
    first: Finding | None = None


@dataclass
class ProjectInventory:
    """The one inventory of a scan (see the module docstring). Build it with ``build_inventory``."""

    usages: list[Finding]
    endpoints: dict[str, EndpointEntry]
    models: dict[str, ModelEntry]
    flow_names: list[str]
    flows_in_use: list[str]
    files_scanned: int
    skipped_files: int
    skipped_by_reason: dict[str, int]

    def section_usages(self, section: str) -> list[Finding]:
        return [f for f in self.usages if section_of(f.context) == section]

    def models_in(self, section: str) -> list[ModelEntry]:
        """Models listed in ``section``: each model once, in the first section it is used in."""
        return [m for _, m in sorted(self.models.items()) if m.section == section]

    def counts(self) -> dict[str, Any]:
        """The figures every output shows (scan summary, check JSON, report, BOM)."""
        sections = {}
        for name in SECTIONS:
            used = self.section_usages(name)
            keys = {model_key(f) for f in used}
            sections[name] = {"models": len(keys), "usages": len(used),
                              "unidentified": sum(1 for k in keys if not self.models[k].identified)}
        return {
            "models": len(self.models),
            "identified": sum(1 for m in self.models.values() if m.identified),
            "unidentified": sum(1 for m in self.models.values() if not m.identified),
            "usages": len(self.usages),
            "endpoints": len(self.endpoints),
            "endpoint_references": sum(e.references for e in self.endpoints.values()),
            "flows": len(self.flow_names),
            "flows_in_use": len(self.flows_in_use),
            "files_scanned": self.files_scanned,
            "files_skipped": self.skipped_files,
            "sections": sections,
        }

    def headline(self) -> str:
        """One line: production first, then what else was found, endpoints and skipped files."""
        c = self.counts()
        prod = c["sections"]["production"]
        parts = [f"{_n(prod['models'], 'model')} in {_n(prod['usages'], 'place')} in production code"]
        extra = [f"{c['sections'][s]['models']} in {label}" for s, label in
                 (("other", "examples/notebooks/docs"), ("catalog", "catalogs"), ("test", "tests"))
                 if c["sections"][s]["usages"]]
        if extra:
            parts.append(f"{_n(c['models'], 'model')} in all ({', '.join(extra)})")
        parts.append(_n(c["endpoints"], "endpoint"))
        if c["flows"]:
            parts.append(f"{c['flows_in_use']} of {_n(c['flows'], 'flow')} in use")
        if c["files_skipped"]:
            parts.append(f"{_n(c['files_skipped'], 'file')} skipped")
        return "; ".join(parts)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


FlowsOf = Callable[[Finding], Sequence[str]]


def build_inventory(result: ScanResult, flows_of: FlowsOf | None = None,
                    flow_names: Sequence[str] = ()) -> ProjectInventory:
    """The inventory of ``result``. ``flows_of`` names the flows of a usage (policy.inventory.flows_of
    with the project's flows); ``flow_names`` the configured flows, in config order."""
    usages: list[Finding] = []
    models: dict[str, ModelEntry] = {}
    endpoints: dict[str, EndpointEntry] = {}
    in_use: set[str] = set()
    for f in result.findings:
        section = section_of(f.context)
        if f.kind == "endpoint":
            url = endpoint_key(f)
            entry = endpoints.get(url)
            if entry is None:
                entry = endpoints[url] = EndpointEntry(url=url, provider=f.provider, first=f)
            entry.references += 1
            entry.sections[section] += 1
            entry.locations.append(f"{f.path}:{f.line}")
            continue
        usages.append(f)
        key = model_key(f)
        model = models.get(key)
        if model is None:
            model = models[key] = ModelEntry(key=key, identified=is_identified(f), first=f)
        model.usages += 1
        model.identifiers.add(f.raw)
        model.sections[section] += 1
        if f.role != "unknown":
            model.roles.add(f.role)
        if f.endpoint:
            model.endpoints.add(f.endpoint.rstrip("/"))
        if flows_of is not None:
            names = flows_of(f)
            model.flows.update(names)
            in_use.update(names)
    skipped: dict[str, set[str]] = {}
    for s in result.skips:
        skipped.setdefault(s.reason, set()).add(s.path)
    return ProjectInventory(
        usages=usages,
        endpoints=dict(sorted(endpoints.items())),
        models=dict(sorted(models.items())),
        flow_names=list(flow_names),
        flows_in_use=[n for n in flow_names if n in in_use],
        files_scanned=result.stats.files_scanned,
        skipped_files=len({s.path for s in result.skips}),
        skipped_by_reason={r: len(p) for r, p in sorted(skipped.items())},
    )


def inventory_for(result: ScanResult, config: Any = None) -> ProjectInventory:
    """``build_inventory`` with the flows of a ``ProjectConfig`` (or none)."""
    flows = tuple(getattr(config, "flows", ()) or ())
    if not flows:
        return build_inventory(result)
    from modelmap.policy.inventory import flows_of

    return build_inventory(result, lambda f: flows_of(f, flows), [f.name for f in flows])
