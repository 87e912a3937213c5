"""Optionality fields of the policy object (docs/policy.md, docs/switch.md): called once by
``policy.inventory.build_inventory`` so a rule can require a compliant fallback or cap concentration.

Added to the ``inventory`` variable:

* ``hhi_model``, ``hhi_publisher``, ``hhi_origin``: Herfindahl-Hirschman index (0-10,000) of the usages in
  use by model, publisher and origin country (unknown publishers/origins are left out, never guessed; a usage
  counts once per origin country).

Added to each ``flow`` variable, under ``flow.switch`` (``flow.fallback`` keeps its documented shape):

* ``switch.compliant_fallback``: every known role of the flow has at least two models whose origins are
  fully known and outside the countries of concern (CN, RU, IR, KP, as in the shipped ``us-regulated``
  preset) and that are not served from one of them; false for a flow without usages;
* ``switch.models_per_role``: {role: distinct models serving it in the flow} (known roles only);
* ``switch.single_points``: roles that one model serves (no fallback);
* ``switch.reversibility``: the share of the flow's usages that could be switched by a model/base-URL swap
  (class A: the call goes through an OpenAI-compatible client, ``usage.api`` openai or litellm) *and* whose
  role has a fallback model; null for a flow without usages.

Arithmetic over the variables the inventory already built; it holds no facts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from modelmap.policy.countries import COUNTRIES_OF_CONCERN as _CONCERN
from modelmap.types import Finding

COUNTRIES_OF_CONCERN = frozenset(_CONCERN)

SWAPPABLE_APIS = frozenset({"openai", "litellm"})
_SKIP_ROLES = frozenset({"unknown", "other"})


def _hhi(counts: Counter[str], total: int) -> int:
    if not total:
        return 0
    return round(sum((c / total) ** 2 for c in counts.values()) * 10_000)


def _is_clean(finding: Finding, variables: dict[str, Any]) -> bool:
    origins = variables.get("origins")
    if not (finding.resolution or {}).get("origins_known") or not origins:
        return False
    if set(origins) & COUNTRIES_OF_CONCERN:
        return False
    return not set(variables["served_by"].get("countries") or ()) & COUNTRIES_OF_CONCERN


def add_switch_vars(data: dict[str, Any], findings: list[Finding], flow_of: list[list[str]], memo: Any) -> None:
    """Add the optionality fields to ``data`` (the ``inventory`` variable, whose ``flows`` are the flow
    variables) in place. ``memo`` is the inventory's ResolutionVars."""
    from modelmap.inventory import IN_USE, model_key, section_of

    models: Counter[str] = Counter()
    publishers: Counter[str] = Counter()
    origins: Counter[str] = Counter()
    in_use = 0
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    clean: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    per_flow: dict[str, list[tuple[str, bool]]] = defaultdict(list)  # flow -> (role, swappable) per usage
    for finding, names in zip(findings, flow_of, strict=True):
        if finding.kind == "endpoint":
            continue
        variables = memo.get(finding)
        key = model_key(finding)
        if section_of(finding.context) in IN_USE:
            in_use += 1
            models[key] += 1
            if variables["publisher"]["id"]:
                publishers[str(variables["publisher"]["id"])] += 1
            origins.update(variables["origins"] or ())
        for name in names:
            per_flow[name].append((finding.role, finding.api in SWAPPABLE_APIS))
            if finding.role in _SKIP_ROLES:
                continue
            roles[name][finding.role].add(key)
            if _is_clean(finding, variables):
                clean[name][finding.role].add(key)
    data["hhi_model"] = _hhi(models, in_use)
    data["hhi_publisher"] = _hhi(publishers, sum(publishers.values()))
    data["hhi_origin"] = _hhi(origins, sum(origins.values()))
    for name, flow in data.get("flows", {}).items():
        by_role = roles.get(name, {})
        usages = per_flow.get(name, [])
        ok = sum(1 for role, swappable in usages if swappable and len(by_role.get(role, ())) >= 2)
        flow["switch"] = {
            "compliant_fallback": bool(by_role) and all(len(clean.get(name, {}).get(r, ())) >= 2 for r in by_role),
            "models_per_role": {r: len(m) for r, m in sorted(by_role.items())},
            "single_points": sorted(r for r, m in by_role.items() if len(m) < 2),
            "reversibility": round(ok / len(usages), 6) if usages else None,
        }
