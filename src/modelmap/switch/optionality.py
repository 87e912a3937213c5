"""Optionality, measured: concentration and single points of failure over the shared inventory.

* **Concentration** by model, publisher and origin country: usage counts, shares and the
  Herfindahl-Hirschman index (HHI, sum of squared shares x 10,000: 10,000 is one supplier; the report's bands
  are below 1,500 low, 1,500-2,500 moderate, above 2,500 high). Usages *in use* are counted (production code
  and configuration, examples, notebooks, docs; not catalogs or tests), as everywhere else
  (``modelmap.inventory``). A usage whose publisher or origin is unknown is counted under ``unknown`` and left
  out of the HHI, never guessed. A usage counts once for each of its origin countries, so origin shares are of
  the origin attributions (they add up to 1).
* **Single points of failure**: a (flow, role) pair that one model serves, with no second model (or, given a
  scenario, no second model that passes it) to fall back to.

Everything here is arithmetic over the inventory; it holds no facts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelmap.policy.config import ProjectConfig
    from modelmap.switch.scenario import Scenario
    from modelmap.types import Finding, ScanResult

WHOLE_REPOSITORY = "(whole repository)"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Share:
    key: str
    usages: int
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "usages": self.usages, "share": self.share}


def hhi(counts: dict[str, int] | Counter[str], total: int | None = None) -> int:
    """Sum of squared shares x 10,000 (rounded), over ``total`` (default: the sum of ``counts``)."""
    total = sum(counts.values()) if total is None else total
    if not total:
        return 0
    return round(sum((c / total) ** 2 for c in counts.values()) * 10_000)


def _table(counts: Counter[str], total: int, unknown: int = 0) -> list[Share]:
    rows = [Share(k, v, round(v / total, 6) if total else 0.0) for k, v in counts.items()]
    if unknown:
        rows.append(Share(UNKNOWN, unknown, round(unknown / total, 6) if total else 0.0))
    return sorted(rows, key=lambda r: (-r.usages, r.key))


def _in_use(result: ScanResult) -> list[Finding]:
    from modelmap.inventory import IN_USE, section_of

    return [f for f in result.findings if f.kind != "endpoint" and section_of(f.context) in IN_USE]


def concentration(result: ScanResult) -> dict[str, Any]:
    """Shares and HHI by model, publisher and origin country over the usages in use of a resolved scan."""
    from modelmap.inventory import model_key

    usages = _in_use(result)
    total = len(usages)
    models: Counter[str] = Counter()
    publishers: Counter[str] = Counter()
    origins: Counter[str] = Counter()
    no_publisher = no_origin = 0
    for f in usages:
        models[model_key(f)] += 1
        res = f.resolution or {}
        pid = (res.get("publisher") or {}).get("id")
        if pid:
            publishers[str(pid)] += 1
        else:
            no_publisher += 1
        countries = sorted({str(c).upper() for c in res.get("origins") or ()})
        if countries:
            origins.update(countries)
        else:
            no_origin += 1
    return concentration_table(total, models, publishers, no_publisher, origins, no_origin)


def concentration_table(total: int, models: Counter[str], publishers: Counter[str], no_publisher: int,
                        origins: Counter[str], no_origin: int) -> dict[str, Any]:
    """Shares and HHI from usage counts by model, publisher (plus usages of no known publisher) and origin
    country (one count per country of a usage, plus usages of no known origin); the server's portfolio uses
    it too."""
    attributions = sum(origins.values()) + no_origin
    return {
        "usages": total,
        "model": {"hhi": hhi(models, total), "shares": [s.to_dict() for s in _table(models, total)]},
        "publisher": {"hhi": hhi(publishers, total),
                      "shares": [s.to_dict() for s in _table(publishers, total, no_publisher)]},
        "origin_country": {"hhi": hhi(origins, attributions),
                           "shares": [s.to_dict() for s in _table(origins, attributions, no_origin)]},
    }


def single_points_of_failure(result: ScanResult, config: ProjectConfig | None = None,
                             scenario: Scenario | None = None) -> list[dict[str, Any]]:
    """(flow, role) pairs served by fewer than two models (that pass ``scenario``, when given).

    Flows are the configured ones; with none, the whole repository is one unit. Roles ``unknown`` and
    ``other`` are left out (a fallback for them cannot be judged)."""
    from modelmap.discover.links import binding_not_used
    from modelmap.inventory import model_key
    from modelmap.policy.inventory import flows_of

    flows = tuple(getattr(config, "flows", ()) or ())
    by_path: dict[str, list[str]] = {}

    def flow_names(f: Finding) -> list[str]:
        if not flows:
            return [WHOLE_REPOSITORY]
        if binding_not_used(f.evidence):  # it takes a usage out of every flow (policy.inventory.flows_of)
            return flows_of(f, flows)
        if f.path not in by_path:
            by_path[f.path] = flows_of(f, flows)
        return by_path[f.path]

    broken: dict[tuple[str, str], set[str]] = defaultdict(set)  # (flow, model) -> rule ids
    if scenario is not None:
        from modelmap.switch.scenario import affected

        res = affected(result, scenario, config)
        for a in res.affected:
            for f in a.findings:
                for name in flow_names(f):
                    if not flows or name in a.flows:
                        broken[(name, model_key(f))].update(a.rules)
    served: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in _in_use(result):
        if f.role in ("unknown", "other"):
            continue
        for name in flow_names(f):
            served[(name, f.role)].add(model_key(f))
    order = [fl.name for fl in flows] or [WHOLE_REPOSITORY]
    out: list[dict[str, Any]] = []
    for (flow, role), models in sorted(served.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1])):
        compliant = sorted(m for m in models if not broken.get((flow, m)))
        if len(compliant) >= 2:
            continue
        if len(models) == 1:
            reason = "one model serves this role: no fallback"
        elif not compliant:
            reason = "no model in this role passes the scenario"
        else:
            reason = "only one model in this role passes the scenario: no compliant fallback"
        out.append({"flow": flow, "role": role, "models": sorted(models), "compliant": compliant,
                    "reason": reason})
    return out


def optionality(result: ScanResult, config: ProjectConfig | None = None,
                scenario: Scenario | None = None) -> dict[str, Any]:
    """Concentration and single points of failure, JSON-ready."""
    return {
        "concentration": concentration(result),
        "single_points_of_failure": single_points_of_failure(result, config, scenario),
        "scenario": scenario.to_dict() if scenario is not None else None,
    }
