"""What breaks under a hypothetical rule: ``modelmap scenario``.

A scenario is a set of policy rules: a shipped preset (``no-cn-origin``, ``us-eu-serving-only``, ...) or one
ad-hoc CEL ``deny`` expression. ``affected`` runs it with the real policy engine (``modelmap.policy``) over a
resolved scan, using the project's flows and ignoring its own rules and waivers (a scenario asks what *would*
break), and groups the usages that break it by model and serving provider.

Hand-written here: the grouping and counting; the rules themselves are data (policy/presets/*.yaml) and the
evaluation is the policy engine's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from modelmap.errors import ConfigError

if TYPE_CHECKING:
    from modelmap.policy.config import ProjectConfig
    from modelmap.policy.rules import Rule
    from modelmap.types import Finding, ScanResult

SCENARIO_SCHEMA = "modelmap.scenario/1"
ADHOC_ID = "ad-hoc"


@dataclass(frozen=True)
class Scenario:
    """A hypothetical rule set. ``deny`` is one CEL expression, true when a usage breaks the scenario (the
    rules' conditions joined with ``||``; shown in outputs). ``rules`` are compiled policy rules."""

    id: str
    deny: str
    rules: tuple[Rule, ...]
    description: str = ""
    preset: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "deny": self.deny}


def available_scenarios() -> tuple[str, ...]:
    """Shipped presets with at least one usage rule (those a scenario can be built from)."""
    from modelmap.policy.config import available_presets

    return tuple(name for name in available_presets() if any(r.scope == "usage" for r in _preset_rules(name)))


def _preset_rules(name: str) -> list[Rule]:
    from modelmap.policy.config import _load_preset

    return _load_preset(name, f"scenario {name}")


def load_scenario(name: str) -> Scenario:
    """The scenario of a shipped preset (its usage rules). Raises ConfigError for an unknown name."""
    from modelmap.policy.config import _preset_text, available_presets
    from modelmap.policy.yamlmarks import load_yaml

    if name not in available_presets():
        import difflib

        close = difflib.get_close_matches(name, available_presets(), n=1)
        raise ConfigError(f"unknown scenario {name!r}", where="scenario",
                          hint=(f"did you mean {close[0]!r}? " if close else "")
                          + f"shipped scenarios: {', '.join(available_scenarios())}; or pass --deny CEL")
    rules = tuple(r for r in _preset_rules(name) if r.scope == "usage")
    if not rules:
        raise ConfigError(f"preset {name!r} has no rule about single usages, so it is not a scenario",
                          where="scenario", hint=f"shipped scenarios: {', '.join(available_scenarios())}")
    spec = load_yaml(_preset_text(name), f"presets/{name}.yaml")
    description = str(spec.get("description") or "").strip() if isinstance(spec, dict) else ""
    return Scenario(id=name, deny=_joined(rules), rules=rules, description=" ".join(description.split()),
                    preset=name)


def adhoc_scenario(deny: str, *, scenario_id: str = ADHOC_ID, when: str | None = None) -> Scenario:
    """A scenario from one CEL deny expression over the usage object model (docs/policy.md). Raises
    ConfigError when it is not valid CEL or reads a name rules cannot read."""
    from modelmap.policy.rules import compile_rule

    if not isinstance(deny, str) or not deny.strip():
        raise ConfigError("the scenario's deny expression is empty", where="--deny",
                          hint="for example --deny \"'CN' in served_by.countries\"")
    rule = compile_rule(rule_id=scenario_id, message=f"Breaks the scenario: {deny}", severity="error",
                        deny=deny, require=None, when=when, scope="usage", description="", origin="scenario",
                        where="--deny", part_where={"deny": "--deny", **({"when": "--deny"} if when else {})})
    return Scenario(id=scenario_id, deny=rule.expression if when else deny, rules=(rule,))


def scenario_for(name: str | None = None, deny: str | None = None) -> Scenario:
    """``name`` (a shipped preset) or ``deny`` (ad-hoc CEL): exactly one of the two."""
    if (name is None) == (deny is None):
        raise ConfigError("give a scenario name or --deny CEL, not both and not neither", where="scenario",
                          hint=f"shipped scenarios: {', '.join(available_scenarios())}")
    return load_scenario(name) if name is not None else adhoc_scenario(str(deny))


def _joined(rules: tuple[Rule, ...]) -> str:
    if len(rules) == 1:
        return rules[0].expression
    return " || ".join(f"({r.expression})" for r in rules)


def scenario_config(scenario: Scenario, config: ProjectConfig | None) -> ProjectConfig:
    """The project's flows under the scenario's rules only: no project rules, no waivers."""
    from modelmap.policy.config import ProjectConfig

    base = config if config is not None else ProjectConfig()
    return dataclasses.replace(base, rules=scenario.rules, waivers=(), disabled=(), fail_on="note")


#: the "served by" cell of a model no usage has serving evidence for (weights loaded in-process, or a host not named)
UNKNOWN_SERVING = "unknown / self-hosted"


@dataclass
class AffectedModel:
    """One model (at one serving provider) whose usages break the scenario."""

    model: str | None
    query: str
    origins: list[str] | None
    served_by: dict[str, Any] | None
    flows: list[str] = field(default_factory=list)
    usages: list[dict[str, Any]] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    role: str | None = None
    findings: list[Finding] = field(default_factory=list, repr=False)
    # every base and teacher's country recorded; False where a rule that fails closed on unknown origin (the shipped
    # no-cn-origin, us-regulated) fires on a model whose shown origins alone would not break it (FR, US). None for
    # an endpoint
    origins_known: bool | None = None
    # some of its usages broke the scenario outside every declared flow (checked with flow.name == null); the tables
    # name "(no flow)" beside the flows, so a settings file in no flow is not shown as part of one
    outside_flows: bool = field(default=False, repr=False)

    def flows_label(self) -> str:
        """The flows column: the flows the usages break it in, and "(no flow)" for those outside every flow."""
        return ", ".join([*self.flows, *(["(no flow)"] if self.outside_flows or not self.flows else [])])

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "query": self.query, "origins": self.origins, "served_by": self.served_by,
                "flows": list(self.flows), "usages": list(self.usages), "rules": list(self.rules),
                "role": self.role, "origins_known": self.origins_known}

    def origins_label(self) -> str:
        """The origins column: '-' for an endpoint, 'unknown', or the countries, marked when the lineage is not
        fully recorded (the reason a French model breaks a rule that also denies unknown origin)."""
        from modelmap.output import origins_text

        return "-" if self.role == "endpoint" else origins_text(self.origins, self.origins_known)


@dataclass
class ScenarioResult:
    scenario: Scenario
    affected: list[AffectedModel]
    usages_total: int
    flows_total: list[str]
    flows_affected: list[str]
    root: str = "."

    @property
    def usages_affected(self) -> int:
        """Model usages that break the scenario (endpoint references are counted apart)."""
        return sum(len(a.usages) for a in self.affected if a.role != "endpoint")

    @property
    def endpoints_affected(self) -> int:
        return sum(len(a.usages) for a in self.affected if a.role == "endpoint")

    @property
    def share(self) -> float:
        return round(self.usages_affected / self.usages_total, 6) if self.usages_total else 0.0

    def summary(self) -> dict[str, Any]:
        models = {a.model or a.query for a in self.affected if a.role != "endpoint"}
        return {
            "models": len(models),
            "usages": self.usages_affected,
            "flows_affected": len(self.flows_affected),
            "flows_total": len(self.flows_total),
            "usages_total": self.usages_total,
            "share": self.share,
            "endpoints": self.endpoints_affected,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCENARIO_SCHEMA, "scenario": self.scenario.to_dict(),
                "affected": [a.to_dict() for a in self.affected], "summary": self.summary()}


def _served(finding: Finding) -> dict[str, Any] | None:
    served = (finding.resolution or {}).get("served_by")
    if not isinstance(served, dict) or not served.get("id"):
        return None
    return {"id": served.get("id"), "operator": served.get("operator"), "country": served.get("country")}


def affected(result: ScanResult, scenario: Scenario, config: ProjectConfig | None = None, *,
             today: date | None = None, include_all_sections: bool = False) -> ScenarioResult:
    """The usages of ``result`` (resolved) that break ``scenario``, grouped by (model, serving provider).

    ``config`` supplies the flows (its rules and waivers are not used). Only usages in use count (production
    code and configuration, examples, notebooks, docs; not catalogs or tests) unless ``include_all_sections``.
    Raises ConfigError when a rule cannot be evaluated."""
    from modelmap.inventory import IN_USE, model_key, section_of
    from modelmap.policy import evaluate
    from modelmap.policy.inventory import origins_known_var, origins_var

    policy = scenario_config(scenario, config)
    check = evaluate(result, policy, today or date.today())

    def counted(f: Finding) -> bool:
        return include_all_sections or section_of(f.context) in IN_USE

    index = {id(f): i for i, f in enumerate(result.findings)}
    flows_of = check.inventory.flow_of
    groups: dict[tuple[str, str], AffectedModel] = {}
    seen: set[tuple[tuple[str, str], int]] = set()
    flows_affected: set[str] = set()
    for violation in check.violations:
        f = violation.finding
        if violation.scope != "usage" or f is None or not counted(f):
            continue
        i = index[id(f)]
        is_endpoint = f.kind == "endpoint"
        served = _served(f)
        key = ("endpoint:" + (f.endpoint or f.raw) if is_endpoint else model_key(f), (served or {}).get("id") or "")
        group = groups.get(key)
        if group is None:
            model = ((f.resolution or {}).get("model") or {}).get("id") if not is_endpoint else None
            group = groups[key] = AffectedModel(model=model, query=f.raw, origins=None if is_endpoint else origins_var(f),
                                                served_by=served, role="endpoint" if is_endpoint else f.role,
                                                origins_known=None if is_endpoint else origins_known_var(f))
        if violation.rule_id not in group.rules:
            group.rules.append(violation.rule_id)
        for name in flows_of[i]:
            if violation.flow == name and name not in group.flows:
                group.flows.append(name)
        if violation.flow:
            flows_affected.add(violation.flow)
        else:
            group.outside_flows = True
        if (key, i) in seen:
            continue
        seen.add((key, i))
        group.usages.append({"path": f.path, "line": f.line})
        group.findings.append(f)
        if not is_endpoint and group.role in (None, "unknown") and f.role != "unknown":
            group.role = f.role
    for group in groups.values():
        group.usages.sort(key=lambda u: (u["path"], u["line"]))
        group.flows.sort(key=[fl.name for fl in policy.flows].index)
        group.rules.sort()
    usages_total = sum(1 for f in result.findings if f.kind != "endpoint" and counted(f))
    flows_total = [name for name, data in check.inventory.flows.items() if data["usages"]]
    ordered = sorted(groups.values(), key=lambda a: (-len(a.usages), a.model or a.query, (a.served_by or {}).get("id") or ""))
    return ScenarioResult(scenario=scenario, affected=ordered, usages_total=usages_total, flows_total=flows_total,
                          flows_affected=[n for n in flows_total if n in flows_affected], root=result.root)


# --------------------------------------------------------------------------- rendering

def render_markdown(res: ScenarioResult) -> str:
    from modelmap.output import md_code, md_text

    s = res.summary()
    lines = [f"# Scenario `{res.scenario.id}`", ""]
    if res.scenario.description:
        lines += [md_text(res.scenario.description), ""]
    lines += [f"Rule (CEL deny): {md_code(res.scenario.deny, in_table=False)}", "",
              f"**{s['usages']} of {s['usages_total']} usages** ({s['share']:.1%}) in **{_n(s['models'], 'model')}** break "
              f"this rule; **{s['flows_affected']} of {s['flows_total']} flows** are affected.", ""]
    if not res.affected:
        lines.append("Nothing breaks under this scenario.")
        return "\n".join(lines) + "\n"
    lines += ["| model | origins | served by | flows | usages |", "| --- | --- | --- | --- | --- |"]
    for a in res.affected:
        served = (a.served_by or {}).get("id") or UNKNOWN_SERVING
        where = "<br>".join(md_text(f"{u['path']}:{u['line']}") for u in a.usages)
        origins = a.origins_label()
        lines.append(f"| {md_code(a.model or a.query)} | {md_text(origins)} "
                     f"| {md_text(served)} | {md_text(a.flows_label())} | {where} |")
    return "\n".join(lines) + "\n"


def table_grid(res: ScenarioResult) -> Any:
    from modelmap.report.table import KEY, NUMBER, Column, Grid

    grid = Grid(f"Scenario {res.scenario.id}: what breaks",
                (Column("model", KEY, head=True), Column("origins", KEY), Column("served by", KEY),
                 Column("flows"), Column("usages", NUMBER), Column("where")))
    for a in res.affected:
        where = ", ".join(f"{u['path']}:{u['line']}" for u in a.usages[:5])
        if len(a.usages) > 5:
            where += f" and {len(a.usages) - 5} more"
        origins = a.origins_label()
        # unknown serving is said, as the Markdown table says it; "-" read as "not served by anyone"
        grid.rows.append((a.model or a.query, origins,
                          (a.served_by or {}).get("id") or UNKNOWN_SERVING, a.flows_label(),
                          str(len(a.usages)), where))
    return grid


def flowless_note(deny: str, flows: int, affected: int) -> str | None:
    """A note when a scenario that reads flows found nothing because the project defines none.

    The shipped scenarios guard flows by tag (`no-cn-origin`: customer-facing or regulated flows); with no
    `flows:` in modelmap.yaml no usage is in such a flow, so "0 of 66 usages break it" was printed for a repository
    whose report lists dozens of Chinese-origin models under the same heading ("no model of Chinese origin"). The
    result is right for the rule as written; the note says why it is empty and what to do."""
    if flows or affected or "flow." not in deny:
        return None
    return ("note: this project defines no flows (modelmap.yaml `flows:`), and this scenario's rules apply only to "
            "usages in flows they select (flow.tags / flow.name), so nothing here is in scope; that does not mean "
            "nothing breaks it. Define flows with their tags, or ask about every usage with --deny and the rule's "
            "condition alone (docs/policy.md).")


def summary_line(res: ScenarioResult) -> str:
    s = res.summary()
    return (f"scenario {res.scenario.id}: {s['usages']} of {s['usages_total']} usages ({s['share']:.1%}) in "
            f"{_n(s['models'], 'model')} break it; {s['flows_affected']} of {s['flows_total']} flows affected")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
