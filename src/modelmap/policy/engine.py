"""Evaluate a compiled policy over a resolved inventory, then apply waivers.

Each rule was compiled once (config.py). Usage rules run once per (usage, flow) pair; a rule that
does not read ``usage`` gives the same answer for every usage of the same resolved model in the same
flow, so its result is cached on (resolution, flow). Flow rules run once per configured flow, and
inventory rules once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import cel

from modelmap.errors import EXIT_OK, EXIT_VIOLATIONS, ConfigError, ModelmapError
from modelmap.policy import inventory as inv
from modelmap.policy.config import ProjectConfig
from modelmap.policy.rules import SEVERITIES, Rule, merge_fields
from modelmap.policy.waivers import (
    BUILTIN_RULES,
    FLOW_EMPTY,
    WAIVER_EXPIRED,
    WAIVER_RULES,
    WAIVER_UNOWNED,
    WAIVER_UNUSED,
    Waiver,
)
from modelmap.types import Finding, ScanResult

SEVERITY_RANK = {s: len(SEVERITIES) - i for i, s in enumerate(SEVERITIES)}  # error 3, warning 2, note 1
#: Variables that describe a model. A usage rule that reads any of them is not evaluated on endpoint
#: findings (a base URL alone is a service): ``require: model.resolved`` never fires on an endpoint,
#: while a rule on ``served_by`` alone still checks where an endpoint sends data.
MODEL_FACTS = frozenset({"model", "publisher", "license", "origins", "lineage"})


@dataclass(frozen=True)
class Violation:
    """One broken rule at one place.

    ``path``/``line`` locate it: the usage for usage rules, the config (flow or rule definition)
    for flow/inventory rules and waiver problems. ``waiver`` is the active waiver covering it.
    """

    rule_id: str
    severity: str
    message: str
    scope: str
    path: str
    line: int
    fingerprint: str
    flow: str | None = None
    model: str | None = None
    finding: Finding | None = field(default=None, compare=False)
    waiver: Waiver | None = None
    # for a flow rule: what the flow holds (usages, publishers by role, roles without a fallback), for the details
    detail: str | None = field(default=None, compare=False)

    @property
    def is_waived(self) -> bool:
        return self.waiver is not None

    def sort_key(self) -> tuple[Any, ...]:
        return (-SEVERITY_RANK[self.severity], self.rule_id, self.path, self.line, self.flow or "", self.model or "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "severity": self.severity,
            "message": self.message,
            "scope": self.scope,
            "location": {"path": self.path, "line": self.line},
            "flow": self.flow,
            "model": self.model,
            "raw": self.finding.raw if self.finding else None,
            "fingerprint": self.fingerprint,
            "waived": self.is_waived,
            "waiver": self.waiver.to_dict() if self.waiver else None,
        }


@dataclass
class CheckResult:
    """Everything ``check``, ``report`` and their renderers need."""

    scan: ScanResult
    config: ProjectConfig
    today: date
    inventory: inv.Inventory
    violations: list[Violation]  # unwaived and waived, sorted
    expiring: list[Waiver]  # active waivers expiring within config.expiry_notice_days
    rules_evaluated: int = 0

    @property
    def unwaived(self) -> list[Violation]:
        return [v for v in self.violations if not v.is_waived]

    @property
    def waived(self) -> list[Violation]:
        return [v for v in self.violations if v.is_waived]

    @property
    def failing(self) -> list[Violation]:
        threshold = SEVERITY_RANK[self.config.fail_on]
        return [v for v in self.unwaived if SEVERITY_RANK[v.severity] >= threshold]

    @property
    def passed(self) -> bool:
        return not self.failing

    @property
    def exit_code(self) -> int:
        return EXIT_OK if self.passed else EXIT_VIOLATIONS

    def rule_catalogue(self) -> list[tuple[str, str, str, str]]:
        """(id, severity, message, description) for configured rules plus the built-in waiver rules."""
        rows = [(r.id, r.severity, r.message, r.description) for r in self.config.rules]
        rows += [(rid, sev, text, "") for rid, (sev, text) in BUILTIN_RULES.items()]
        return sorted(rows)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _model_label(finding: Finding) -> str:
    model = (finding.resolution or {}).get("model") or {}
    return str(model.get("id") or finding.raw)


def _config_line(where: str) -> tuple[str, int]:
    path, _, line = where.rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return where or "modelmap.yaml", 1


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _freeze(value: Any) -> Any:
    """A hashable stand-in for a variable's value (lists -> tuples, dicts -> sorted item tuples)."""
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


class _Group:
    """Usage rules that read the same variables and fields. A rule's answer is a pure function of
    what it reads, so the group is evaluated once per distinct combination of those values and the
    answer reused: most rules then run a handful of times, not once per usage."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.fields = merge_fields(rules)
        self.parts = sorted((n, tuple(sorted(f)) if f is not None else None) for n, f in self.fields.items()
                            if n != "inventory")
        self.cache: dict[tuple[Any, ...], list[Rule]] = {}
        # an endpoint is a service, not a model: rules about model facts do not apply to it
        self.model_facts = any(n in MODEL_FACTS for n in self.fields)

    def key(self, values: dict[str, Any], usage: dict[str, Any] | None, flow_name: str | None,
            frozen: dict[int, Any]) -> tuple[Any, ...]:
        out: list[Any] = []
        for name, fields in self.parts:
            if name == "flow":
                out.append(flow_name)
                continue
            value = usage if name == "usage" else values[name]
            if fields is not None and type(value) is dict:
                for f in fields:
                    item = value.get(f)
                    out.append(item if type(item) in _SCALARS else _freeze(item))
            elif name == "usage":  # a fresh dict per usage: its id may be reused, so never memoise it
                out.append(_freeze(value))
            else:  # resolution variables live as long as the evaluation: freeze each object once
                marker = id(value)
                if marker not in frozen:
                    frozen[marker] = _freeze(value)
                out.append(frozen[marker])
        return tuple(out)


def _usage_violations(result: ScanResult, config: ProjectConfig, inventory: inv.Inventory,
                      rules: list[Rule]) -> list[Violation]:
    """Run usage rules over every (usage, flow) pair.

    Building a cel.Context (converting Python values) costs more than running a rule, so rules are
    grouped by the variables and fields they read and memoised on those values (see _Group), and a
    context holds only what its group reads.
    """
    if not rules:
        return []
    signatures: dict[tuple[Any, ...], list[Rule]] = {}
    for rule in rules:
        signature = tuple(sorted((n, tuple(sorted(f)) if f is not None else None) for n, f in rule.fields.items()))
        signatures.setdefault(signature, []).append(rule)
    groups = [_Group(members) for _, members in sorted(signatures.items())]
    needs_usage = any("usage" in g.fields for g in groups)
    memo = inventory.resolution_vars
    flow_vars = {name: inventory.usage_flow_var(name) for name in [*inventory.flows, None]}
    frozen: dict[int, Any] = {}  # values are shared per resolution: freeze each object once
    out: list[Violation] = []

    def context_for(fields: dict[str, frozenset[str] | None], values: dict[str, Any],
                    usage: dict[str, Any] | None, flow_name: str | None) -> Any:
        projected: dict[str, Any] = {}
        for name, wanted in fields.items():
            value: Any
            if name == "flow":
                value = flow_vars[flow_name]
            elif name == "inventory":
                value = inventory.data
            elif name == "usage":
                value = usage
            else:
                value = values[name]
            projected[name] = value if wanted is None or not isinstance(value, dict) else {
                k: value[k] for k in wanted if k in value}
        return cel.Context(variables=projected)

    for finding, flow_names in zip(result.findings, inventory.flow_of, strict=True):
        values = memo.get(finding)
        usage = inv.usage_var(finding) if needs_usage else None
        targets: list[str | None] = list(flow_names) or [None]
        is_endpoint = finding.kind == "endpoint"
        for flow_name in targets:
            hits: list[Rule] = []
            for group in groups:
                if is_endpoint and group.model_facts:
                    continue
                key = group.key(values, usage, flow_name, frozen)
                found = group.cache.get(key)
                if found is None:
                    context = context_for(group.fields, values, usage, flow_name)
                    found = group.cache[key] = [r for r in group.rules if r.is_violated(context)]
                hits += found
            if not hits:
                continue
            label = _model_label(finding)
            for rule in hits:
                out.append(
                    Violation(
                        rule_id=rule.id,
                        severity=rule.severity,
                        message=rule.message,
                        scope="usage",
                        path=finding.path,
                        line=finding.line,
                        fingerprint=_digest(rule.id, finding.fingerprint, flow_name or ""),
                        flow=flow_name,
                        model=label,
                        finding=finding,
                    )
                )
    return out


def _scoped_violations(config: ProjectConfig, inventory: inv.Inventory, rules: list[Rule]) -> list[Violation]:
    """Flow rules run once per configured flow, inventory rules once; one context each."""
    out: list[Violation] = []
    flow_rules = [r for r in rules if r.scope == "flow"]
    inventory_rules = [r for r in rules if r.scope == "inventory"]
    wants_inventory = any("inventory" in r.names for r in flow_rules)
    if flow_rules:
        for flow in config.flows:
            variables: dict[str, Any] = {"flow": inventory.flows[flow.name]}
            if wants_inventory:
                variables["inventory"] = inventory.data
            context = cel.Context(variables=variables)
            path, line = _config_line(flow.where)
            for rule in flow_rules:
                if rule.is_violated(context):
                    out.append(Violation(rule.id, rule.severity, rule.message, "flow", path, line,
                                         _digest(rule.id, "flow", flow.name), flow=flow.name,
                                         detail=flow_facts(inventory.flows[flow.name])))
    if inventory_rules:
        context = cel.Context(variables={"inventory": inventory.data})
        for rule in inventory_rules:
            if rule.is_violated(context):
                path, line = _config_line(rule.where)
                out.append(Violation(rule.id, rule.severity, rule.message, "inventory", path, line,
                                     _digest(rule.id, "inventory")))
    return out


def flow_facts(flow: dict[str, Any]) -> str:
    """What a flow holds, for a flow rule's details: its usages, the publishers seen in each role, and the roles
    that have no second publisher (``flow.fallback.roles_without_fallback``)."""
    n = flow["usages"]
    parts = [f"{n} model usage{'' if n == 1 else 's'}"]
    publishers = flow["publishers"]
    parts.append(f"publishers seen: {', '.join(publishers)}" if publishers else "no known publisher")
    roles = flow["roles"]
    if roles:
        parts.append("by role: " + "; ".join(f"{role} {', '.join(pubs)}" for role, pubs in roles.items()))
    fallback = flow["fallback"]
    missing = fallback["roles_without_fallback"]
    if missing:
        parts.append("no fallback from a second publisher for " + ", ".join(
            f"{role} (only {', '.join(roles.get(role) or ['?'])})" for role in missing))
    elif fallback["publishers"] < 2 and n:
        parts.append("every usage is from one publisher" if fallback["publishers"] else "no publisher is known")
    return "; ".join(parts)


def _empty_flows(config: ProjectConfig, inventory: inv.Inventory) -> list[Violation]:
    """A warning for each declared flow no model usage falls in. A usage counts in the flows of its call site (a
    name set in a settings object or constant counts where it is used); a flow with none (a regulated one above all)
    usually lists paths that miss the calls, and every rule about it then passes without having looked at anything."""
    out: list[Violation] = []
    severity, _ = BUILTIN_RULES[FLOW_EMPTY]
    for flow in config.flows:
        if inventory.flows[flow.name]["usages"]:
            continue
        path, line = _config_line(flow.where)
        tags = f" (tags: {', '.join(flow.tags)})" if flow.tags else ""
        # a flow rebuilt from an upload (the server) has no globs of its own: its scan placed no file in it
        where = (f"a file its paths ({', '.join(flow.paths)}) match" if flow.paths
                 else "a file of it (the scan placed none in it)")
        out.append(Violation(
            FLOW_EMPTY, severity,
            f"Flow {flow.name}{tags} has no model usage: no model is called from, or named in, {where}, so no rule "
            "checked anything in it. Check that the paths cover the files that call the models.", "flow", path, line,
            _digest(FLOW_EMPTY, "flow", flow.name), flow=flow.name))
    return out


def _apply_waivers(violations: list[Violation], config: ProjectConfig, today: date) -> tuple[list[Violation], set[int]]:
    used: set[int] = set()
    active = [(i, w) for i, w in enumerate(config.waivers) if w.is_active(today)]
    out: list[Violation] = []
    for violation in violations:
        model_ids: tuple[str, ...] = ()
        if violation.finding is not None:
            model_ids = (violation.model or "", violation.finding.raw)
        path = violation.path if violation.scope == "usage" else None
        for index, waiver in active:
            if waiver.covers(violation.rule_id, model_ids=model_ids, path=path, flow=violation.flow):
                used.add(index)
                violation = replace(violation, waiver=waiver)
                break
        out.append(violation)
    return out, used


def _waiver_problems(config: ProjectConfig, today: date, used: set[int]) -> list[Violation]:
    out: list[Violation] = []
    for index, waiver in enumerate(config.waivers):
        path, line = _config_line(waiver.where)
        label = f"waiver for {waiver.rule} ({waiver.describe_match()})"
        if not waiver.is_owned:
            severity, _ = WAIVER_RULES[WAIVER_UNOWNED]
            out.append(Violation(WAIVER_UNOWNED, severity,
                                 f"The {label} has no approver. Add approved_by: with the name of the person "
                                 "who accepts this risk.", "waiver", path, line,
                                 _digest(WAIVER_UNOWNED, waiver.rule, waiver.describe_match())))
        if waiver.is_expired(today):
            severity, _ = WAIVER_RULES[WAIVER_EXPIRED]
            out.append(Violation(WAIVER_EXPIRED, severity,
                                 f"The {label} expired on {waiver.expires.isoformat()}. Renew it with a new "
                                 "approval and date, or fix the underlying issue and remove it.", "waiver", path,
                                 line, _digest(WAIVER_EXPIRED, waiver.rule, waiver.describe_match())))
        elif waiver.is_owned and index not in used:
            severity, _ = WAIVER_RULES[WAIVER_UNUSED]
            out.append(Violation(WAIVER_UNUSED, severity,
                                 f"The {label} no longer matches anything; it can be removed.", "waiver", path,
                                 line, _digest(WAIVER_UNUSED, waiver.rule, waiver.describe_match())))
    return out


#: Wall-clock budget for running all rules, in seconds (``MODELMAP_POLICY_TIMEOUT``; 0 turns it off).
#: The ``cel`` package cannot be interrupted (it holds the GIL and has no cost limit), so where the
#: platform can fork the rules run in a child process that is killed when the budget runs out.
POLICY_TIMEOUT_ENV = "MODELMAP_POLICY_TIMEOUT"
DEFAULT_BUDGET_SECONDS = 120.0


def _budget() -> float | None:
    import os

    raw = os.environ.get(POLICY_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_BUDGET_SECONDS
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{POLICY_TIMEOUT_ENV}={raw!r} is not a number of seconds",
                          hint=f"for example {POLICY_TIMEOUT_ENV}=600, or 0 for no limit") from None
    return value if value > 0 else None


def _run_budgeted(work: Callable[[], list[Violation]], findings: list[Finding], budget: float) -> list[Violation]:
    """Run ``work`` in a forked child; return its violations, or raise ConfigError naming the rule
    that was running when ``budget`` seconds ran out (the child is killed: nothing can hang)."""
    import mmap
    import os
    import pickle
    import select
    import signal
    import time

    from modelmap.policy import rules as rules_module

    progress = mmap.mmap(-1, 1024)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child (coverage does not follow the fork)
        status = 0
        try:
            os.close(read_end)
            rules_module.PROGRESS = progress
            index = {id(f): i for i, f in enumerate(findings)}
            found = work()
            payload = pickle.dumps(("ok", [(replace(v, finding=None), index.get(id(v.finding)) if v.finding else None)
                                           for v in found]))
        except ModelmapError as exc:
            payload = pickle.dumps(("error", (type(exc).__name__, exc.message, exc.where, exc.hint)))
        except BaseException as exc:
            payload = pickle.dumps(("crash", f"{exc.__class__.__name__}: {exc}"))
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(write_end, view):]
        except OSError:
            status = 1
        os._exit(status)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + budget
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_end], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(read_end, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_end)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if timed_out:
        rule_id, where, _ = ([*progress[:].split(b"\x00"), b"", b""])[:3]
        raise ConfigError(
            f"the policy did not finish within {budget:g} seconds"
            + (f"; rule {rule_id.decode('utf-8', 'replace')!r} was running" if rule_id else ""),
            where=where.decode("utf-8", "replace") or None,
            hint="a rule that nests comprehensions over large lists does a great deal of work: simplify it; "
                 f"or raise the budget with {POLICY_TIMEOUT_ENV}=<seconds>",
        )
    try:
        kind, value = pickle.loads(b"".join(chunks))
    except Exception:
        raise ConfigError("the policy evaluation stopped without a result",
                          hint=f"rerun with {POLICY_TIMEOUT_ENV}=0 to evaluate in this process") from None
    if kind == "error":
        _, message, where, hint = value
        raise ConfigError(message, where=where, hint=hint)
    if kind == "crash":
        raise ConfigError(f"the policy evaluation failed: {value}",
                          hint=f"rerun with {POLICY_TIMEOUT_ENV}=0 --debug for the traceback")
    return [replace(v, finding=findings[i]) if i is not None else v for v, i in value]


def _can_fork() -> bool:
    import multiprocessing
    import os

    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()


def evaluate(result: ScanResult, config: ProjectConfig, today: date) -> CheckResult:
    """Run every rule of ``config`` over the resolved ``result`` and apply its waivers as of ``today``.

    Raises ConfigError if a rule cannot be evaluated (for example comparing an unknown value).
    """
    inventory = inv.build_inventory(result, config)
    usage_rules = [r for r in config.rules if r.scope == "usage"]
    other_rules = [r for r in config.rules if r.scope != "usage"]

    def work() -> list[Violation]:
        return (_usage_violations(result, config, inventory, usage_rules)
                + _scoped_violations(config, inventory, other_rules))

    budget = _budget()
    if config.rules and budget is not None and _can_fork():
        found = _run_budgeted(work, result.findings, budget)
    else:
        found = work()
    found += _empty_flows(config, inventory)
    found, used = _apply_waivers(found, config, today)
    found += _waiver_problems(config, today, used)
    found.sort(key=Violation.sort_key)
    expiring = sorted(
        (w for w in config.waivers if w.is_active(today) and w.expires_within(today, config.expiry_notice_days)),
        key=lambda w: (w.expires, w.rule, w.describe_match()),
    )
    return CheckResult(scan=result, config=config, today=today, inventory=inventory, violations=found,
                       expiring=expiring, rules_evaluated=len(config.rules))
