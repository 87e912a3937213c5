"""The eval gate of a switch plan: a replacement is *ready* only when an evaluation shows it is not worse than
the incumbent (issue 16). Hand-written: the rule form is one short, fixed sentence.

A rule reads like the check it makes::

    candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate + 0.02
    candidate.eval.attack_success_rate <= incumbent.eval.attack_success_rate
    candidate.eval.pass_rate >= incumbent.eval.pass_rate - 0.05

Rules come from ``modelmap plan --require RULE`` (repeatable) and from modelmap.yaml (``switch: require:
[RULE, ...]``). The metric is a headline metric of ``modelmap eval`` (:data:`METRICS`); ``<=`` goes with a
metric where higher is worse, ``>=`` with one where lower is worse. The margin (default 0) is in rate units
(0.02 = 2 points).

**Not worse** is a non-inferiority test on the paired comparison in ``eval.json``: the 95 % bootstrap CI of the
per-prompt difference (candidate − incumbent) must stay within the margin, i.e. its upper bound ≤ margin for a
higher-is-worse metric (its lower bound ≥ −margin for pass rate). A point estimate that looks fine but whose CI
reaches past the margin is *not shown* to be not worse, so the usage is not ready: a small n cannot make a
switch ready. Every comparison of that metric counts (each persona of the insecure-code suite, each language of
the slant suite, each jailbreak set).

Per usage with a replacement: ``ready`` (every rule holds), ``not-ready`` (a rule fails, with the figures),
``needs-eval`` (no evaluation given, or it has no comparison of this candidate with this incumbent on a
required metric, or that comparison has n = 0). Without ``--eval`` every such usage is ``needs-eval``, never
ready. A flow is ready only when all its replaced usages are; a flow with no replacement to make has
``nothing-to-switch``. With ``--eval`` but no rule, each headline metric the evaluation reports is required at
margin 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelmap.errors import UsageError
from modelmap.fsutil import load_json_document

if TYPE_CHECKING:
    from modelmap.switch.plan import Plan

#: headline metrics of modelmap eval, and which direction is worse
METRICS: dict[str, str] = {"pass_rate": "lower", "attack_success_rate": "higher", "vulnerable_rate": "higher",
                           "refusal_language_delta": "higher"}
EVAL_LIMIT = 64 * 1024 * 1024
SELF_HOSTED = ("vllm", "ollama", "llamacpp", "lm-studio", "tgi", "llamafile", "self-hosted", "sglang")
_RULE = re.compile(r"^\s*candidate\.eval\.([a-z_]+)\s*(<=|>=)\s*incumbent\.eval\.([a-z_]+)"
                   r"\s*(?:([+-])\s*(\d+(?:\.\d+)?))?\s*$")


@dataclass(frozen=True)
class GateRule:
    metric: str
    margin: float
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.text, "metric": self.metric, "margin": self.margin,
                "worse_when": METRICS[self.metric]}


def parse_rule(text: str, where: str = "--require") -> GateRule:
    """One rule sentence → GateRule; anything else is a usage error naming the accepted form."""
    form = "candidate.eval.METRIC <= incumbent.eval.METRIC [+ MARGIN]  (>= ... - MARGIN for pass_rate)"
    match = _RULE.match(text) if isinstance(text, str) else None
    if match is None:
        raise UsageError(f"not a switch rule: {text!r}", where=where, hint=f"write it as {form}")
    metric, op, other, sign, margin_text = match.groups()
    if metric != other:
        raise UsageError(f"the rule compares {metric} with {other}: both sides must name one metric", where=where)
    if metric not in METRICS:
        raise UsageError(f"unknown eval metric {metric!r}", where=where, hint=f"one of {', '.join(METRICS)}")
    margin = float(margin_text) if margin_text else 0.0
    wanted = "<=" if METRICS[metric] == "higher" else ">="
    if op != wanted:
        raise UsageError(f"{metric}: a higher value is {'worse' if METRICS[metric] == 'higher' else 'better'}, so "
                         f"the rule needs {wanted}", where=where, hint=form)
    if margin and sign != ("+" if wanted == "<=" else "-"):
        raise UsageError("the margin must loosen the rule (+ with <=, - with >=)", where=where, hint=form)
    if margin > 1:
        raise UsageError(f"margin {margin:g} is over 1: rates are fractions (0.05 = 5 points)", where=where)
    return GateRule(metric, margin, " ".join(text.split()))


def rules_from_config(root: Path) -> list[GateRule]:
    """``switch: require:`` of the project's modelmap.yaml, when it has one (none otherwise)."""
    from modelmap.policy.config import find_config
    from modelmap.policy.yamlmarks import load_yaml

    found = find_config(root).found
    if found is None or found.suffix == ".toml":
        return []
    data = load_yaml(found.read_text(encoding="utf-8"), found.name)
    switch = data.get("switch") if isinstance(data, dict) else None
    if switch is None:
        return []
    require = switch.get("require") if isinstance(switch, dict) else None
    if not isinstance(require, list) or not all(isinstance(r, str) for r in require):
        raise UsageError("switch: require: must be a list of rule sentences", where=found.name,
                         hint="switch: {require: ['candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate']}")
    return [parse_rule(str(r), f"{found.name}: switch.require") for r in require]


def load_eval(path: Path) -> dict[str, Any]:
    """A ``modelmap.eval/1`` document (bounded read)."""
    return load_json_document(path, EVAL_LIMIT, "modelmap.eval/1",
                              hint="write one with: modelmap eval SUITE... --from-plan plan.json -o DIR (DIR/eval.json)")


def model_name(provider: str | None, model: str | None) -> str | None:
    """How ``modelmap eval --from-plan`` names a model: ``provider/model`` for an API, the bare name when
    self-hosted (eval/candidates.py uses the same rule)."""
    if not model:
        return None
    return f"{provider}/{model}" if provider and provider not in SELF_HOSTED else model


def _all_comparisons(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(suite name, comparison) for every comparison object in the document; entries of another shape (the
    file is user input) are left out."""
    out = []
    suites = doc.get("suites")
    for sd in suites if isinstance(suites, list) else []:
        if not isinstance(sd, dict) or not isinstance(sd.get("comparisons"), list):
            continue
        suite = sd.get("suite")
        name = str(suite.get("name")) if isinstance(suite, dict) else "None"
        out += [(name, c) for c in sd["comparisons"] if isinstance(c, dict)]
    return out


def _comparisons(doc: dict[str, Any], incumbent: str, candidate: str, metric: str) -> list[tuple[str, dict[str, Any]]]:
    return [(name, c) for name, c in _all_comparisons(doc)
            if c.get("metric") == metric and c.get("baseline") == incumbent and c.get("candidate") == candidate]


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _check(rule: GateRule, suite: str, c: dict[str, Any]) -> tuple[str, str]:
    """(status, reason) of one comparison under one rule."""
    label = suite + "".join(f" {str(c[k])[:80]}" for k in ("persona", "language") if c.get(k))
    raw_delta = c.get("delta")
    delta: dict[str, Any] = raw_delta if isinstance(raw_delta, dict) else {}
    n = c.get("n") if isinstance(c.get("n"), int) and not isinstance(c.get("n"), bool) else 0
    low, high, mean = _number(delta.get("low")), _number(delta.get("high")), _number(delta.get("mean"))
    if not n or low is None or high is None or mean is None:
        return "needs-eval", f"{label}: {rule.metric} has no paired answers to compare (n=0, or no finite CI)"
    figures = f"{mean:+.1%} [95% CI {low:+.1%}, {high:+.1%}] n={n}"
    if METRICS[rule.metric] == "higher":
        ok = high <= rule.margin + 1e-12
        bound = f"upper bound {high:+.1%} {'≤' if ok else '>'} margin {rule.margin:+.1%}"
    else:
        ok = low >= -rule.margin - 1e-12
        bound = f"lower bound {low:+.1%} {'≥' if ok else '<'} margin {-rule.margin:+.1%}"
    verdict = "not worse" if ok else "not shown to be not worse"
    return ("ok" if ok else "not-ready"), f"{label}: {rule.metric} candidate − incumbent {figures}: {bound}: {verdict}"


def default_rules(doc: dict[str, Any]) -> list[GateRule]:
    """With an evaluation but no rule: every headline metric it reports, at margin 0."""
    seen = sorted({str(c.get("metric")) for _, c in _all_comparisons(doc)
                   if c.get("headline") is True and isinstance(c.get("metric"), str) and c["metric"] in METRICS})
    op = {"higher": "<=", "lower": ">="}
    return [GateRule(m, 0.0, f"candidate.eval.{m} {op[METRICS[m]]} incumbent.eval.{m}") for m in seen]


def usage_readiness(incumbent: str | None, candidate: str | None, doc: dict[str, Any] | None,
                    rules: Sequence[GateRule]) -> dict[str, Any]:
    """The gate for one replacement: status, the rules applied and one reason per comparison."""
    base = {"incumbent": incumbent, "candidate": candidate}
    if doc is None:
        return {**base, "status": "needs-eval",
                "reasons": ["no evaluation given: run modelmap eval on this pair, then modelmap plan --eval eval.json"]}
    if not incumbent or not candidate:
        return {**base, "status": "needs-eval", "reasons": ["the current or the new model has no name to look up"]}
    if not rules:
        return {**base, "status": "needs-eval", "reasons": ["the evaluation reports no headline metric to gate on"]}
    statuses: list[str] = []
    reasons: list[str] = []
    for rule in rules:
        found = _comparisons(doc, incumbent, candidate, rule.metric)
        if not found:
            statuses.append("needs-eval")
            reasons.append(f"{rule.metric}: the evaluation has no comparison of {candidate} with {incumbent}")
            continue
        for suite, c in found:
            status, why = _check(rule, suite, c)
            statuses.append(status)
            reasons.append(why)
    status = "not-ready" if "not-ready" in statuses else ("needs-eval" if "needs-eval" in statuses else "ready")
    return {**base, "status": status, "reasons": reasons}


def apply(plan: Plan, doc: dict[str, Any] | None, rules: Sequence[GateRule], source: str | None = None) -> None:
    """Set each flow's ``readiness`` (and its usages') from the evaluation and the rules."""
    active = list(rules) if rules or doc is None else default_rules(doc)
    for flow in plan.flows:
        usages = []
        for u in flow.usages:
            if u.replacement is None:
                continue
            r = usage_readiness(model_name(u.served_by, u.raw),
                                model_name(u.replacement.get("provider"), u.replacement.get("model")), doc, active)
            usages.append({"path": u.path, "line": u.line, **r})
        states = {u["status"] for u in usages}
        status = ("nothing-to-switch" if not usages else "not-ready" if "not-ready" in states
                  else "needs-eval" if "needs-eval" in states else "ready")
        flow.readiness = {"status": status, "eval": source, "rules": [r.to_dict() for r in active],
                          "not_worse": "the 95% CI of candidate − incumbent stays within the margin (non-inferiority)",
                          "usages": usages}
