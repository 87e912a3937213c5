"""Policy rules: data (id, severity, message, CEL expression) compiled once with the ``cel`` library.

A rule says when something is a violation, with exactly one of:

* ``deny: <CEL>``    — a violation when the expression is true;
* ``require: <CEL>`` — a violation when the expression is false;

and optionally ``when: <CEL>`` to limit where it applies. The three parts are checked one by one
(so an error points at the right key) and then compiled into a single program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from modelmap.errors import ConfigError

SEVERITIES: tuple[str, ...] = ("error", "warning", "note")
SCOPES: tuple[str, ...] = ("usage", "flow", "inventory")

#: Names a rule may read, by scope. Documented in docs/policy.md.
USAGE_NAMES: frozenset[str] = frozenset(
    {"model", "publisher", "license", "origins", "origins_known", "lineage", "served_by", "usage", "runtime"}
)
#: List facts that are null when unknown. A rule that cannot be evaluated because one of them is null
#: is violated: an unknown origin can never prove compliance (fail closed). Write
#: ``origins != null && ...`` to let unknown pass instead.
FAIL_CLOSED_NULLS: tuple[str, ...] = ("origins", "lineage")
#: ``runtime`` facts (``check --runtime FILE``; policy/inventory.py ``runtime_var``) are null without runtime
#: data. Unlike origins, an unknown runtime fact fails a rule only when the rule says so
#: (``require: "runtime.seen == true"``): a rule that errors on a null runtime fact is not violated.
RUNTIME_NAME = "runtime"
# The fields of the variables whose shape this module can name in a hint (usage: policy.inventory.usage_var; runtime:
# policy.inventory.RUNTIME_FIELDS; a test keeps both in step). Used only to word an error, never to validate.
USAGE_FIELDS: tuple[str, ...] = ("path", "line", "column", "kind", "role", "context", "source", "raw", "provider",
                                 "endpoint", "fingerprint", "trust_remote_code", "revision_pinned")
RUNTIME_FIELDS: tuple[str, ...] = ("seen", "served_by", "providers", "models", "requests", "last_seen")
_KNOWN_FIELDS = {"usage": USAGE_FIELDS, RUNTIME_NAME: RUNTIME_FIELDS}


def _missing_fields(fields: dict[str, frozenset[str] | None], variables: Any) -> list[tuple[str, str]]:
    """(variable, field) pairs a rule reads that its variables do not have: a field the object model lacks."""
    out: list[tuple[str, str]] = []
    for name, wanted in sorted(fields.items()):
        value = variables.get(name) if hasattr(variables, "get") else None
        if wanted and isinstance(value, dict):
            out += [(name, f) for f in sorted(wanted) if f not in value]
    return out


def _missing_hint(missing: list[tuple[str, str]]) -> str:
    import difflib

    parts = []
    for name, f in missing:
        known = _KNOWN_FIELDS.get(name)
        close = difflib.get_close_matches(f, known, n=1) if known else []
        parts.append(f"did you mean {name}.{close[0]}? " if close else "")
    lists = [f"{name} has: {', '.join(_KNOWN_FIELDS[name])}" for name in sorted({n for n, _ in missing})
             if name in _KNOWN_FIELDS]
    return ("".join(parts) + "; ".join(lists) + ("; " if lists else "")
            + "the fields of every variable are in docs/policy.md, 'The object model'")
NAMES_BY_SCOPE: dict[str, frozenset[str]] = {
    "usage": USAGE_NAMES | {"flow", "inventory"},
    "flow": frozenset({"flow", "inventory"}),
    "inventory": frozenset({"inventory"}),
}

RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: CEL has no cost limit here (the ``cel`` package exposes none), and a comprehension nested in a
#: comprehension multiplies the work: three levels over a 1,000-item list is 10^9 steps. Rules
#: need at most two levels (``flows.exists(f, f.models.exists(m, ...))``); deeper is refused at load
#: time, and evaluation as a whole runs under a time budget (policy/engine.py).
MAX_COMPREHENSION_DEPTH = 2
MAX_EXPRESSION_CHARS = 20_000
_MACROS = frozenset({"all", "exists", "exists_one", "existsOne", "map", "filter", "transformList",
                     "transformMap", "transformMapEntry", "sortBy"})
_STRINGS = "'''.*?'''" + '|""".*?"""' + "|" + r"'(?:\\.|[^'\\\n])*'" + "|" + r'"(?:\\.|[^"\\\n])*"'
_TOKEN = re.compile(f"(?:{_STRINGS})" + r"|\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(|[()]", re.DOTALL)

#: Shared memory the engine's evaluation process writes the running rule into (None: not watched).
PROGRESS: Any = None


def comprehension_depth(expression: str) -> int:
    """How deeply comprehension macros (``.map(``, ``.exists(``, ...) nest, outside string literals."""
    stack: list[bool] = []
    depth = deepest = 0
    for match in _TOKEN.finditer(expression):
        token = match.group()
        if match.group(1) is not None:
            is_macro = match.group(1) in _MACROS
            stack.append(is_macro)
            if is_macro:
                depth += 1
                deepest = max(deepest, depth)
        elif token == "(":
            stack.append(False)
        elif token == ")" and stack and stack.pop():
            depth -= 1
    return deepest
_BOUND = re.compile(r"\.\s*(?:all|exists|exists_one|existsOne|map|filter)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,")
_CEL_POS = re.compile(r"<input>:(\d+):(\d+):\s*")


@dataclass(frozen=True)
class Rule:
    """One policy rule. ``where`` is ``file:line`` of its definition (or of the preset file)."""

    id: str
    message: str
    severity: str = "error"
    deny: str | None = None
    require: str | None = None
    when: str | None = None
    scope: str = "usage"
    description: str = ""
    origin: str = "config"
    where: str = ""
    program: Any = field(default=None, compare=False, repr=False)
    names: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    fields: dict[str, frozenset[str] | None] = field(default_factory=dict, compare=False, repr=False)

    @property
    def expression(self) -> str:
        """The single CEL expression that is true when this rule is violated."""
        condition = f"({self.deny})" if self.deny is not None else f"!({self.require})"
        return f"({self.when}) && {condition}" if self.when else condition

    def is_violated(self, context: Any) -> bool:
        """Run the compiled program; raise ConfigError (exit 2) if it errors or does not return a bool."""
        if PROGRESS is not None:  # let the watching process name the rule if the budget runs out
            PROGRESS.seek(0)
            PROGRESS.write(f"{self.id}\0{self.where}\0".encode("utf-8", "replace")[: len(PROGRESS)])
        try:
            value = self.program.execute(context)
        except Exception as exc:
            variables = getattr(context, "variables", None) or {}
            if any(name in variables and variables[name] is None for name in FAIL_CLOSED_NULLS):
                return True
            runtime = variables.get(RUNTIME_NAME) if hasattr(variables, "get") else None
            if isinstance(runtime, dict) and None in runtime.values():
                return False
            missing = _missing_fields(self.fields, variables)
            if missing:
                # a field the object model does not have (`usage.trust_remote_code`, a misspelt `usage.contxt`): the
                # null-guard hint below sent the reader after a null that is not there (tryfix35)
                names = ", ".join(f"{n}.{f}" for n, f in missing)
                raise ConfigError(
                    f"rule {self.id!r} reads {names}: no such field", where=self.where or None,
                    hint=_missing_hint(missing)) from exc
            raise ConfigError(
                f"rule {self.id!r} could not be evaluated: {exc}",
                where=self.where or None,
                hint="unknown facts are null: guard them, e.g. `model.params != null && model.params > 7e10`",
            ) from exc
        if not isinstance(value, bool):
            raise ConfigError(
                f"rule {self.id!r} returned {type(value).__name__} {value!r}, not true/false",
                where=self.where or None,
                hint="deny/require/when must be conditions such as `'CN' in origins`",
            )
        return value


def bound_names(expression: str) -> set[str]:
    """Names bound by comprehension macros (``origins.exists(o, ...)`` binds ``o``)."""
    return set(_BOUND.findall(expression))


def check_expression(expression: Any, *, key: str, rule_id: str, where: str) -> Any:
    """Compile one part of a rule, turning a syntax error into a ConfigError that points at it."""
    if not isinstance(expression, str) or not expression.strip():
        raise ConfigError(
            f"rule {rule_id!r}: {key} must be a CEL expression in quotes",
            where=where,
            hint=f"for example: {key}: \"'CN' in origins\"",
        )
    if len(expression) > MAX_EXPRESSION_CHARS:
        raise ConfigError(f"rule {rule_id!r}: the {key} expression is {len(expression)} characters long",
                          where=where, hint=f"keep expressions under {MAX_EXPRESSION_CHARS} characters")
    depth = comprehension_depth(expression)
    if depth > MAX_COMPREHENSION_DEPTH:
        raise ConfigError(
            f"rule {rule_id!r}: comprehensions (map/filter/all/exists) are nested {depth} deep in {key}; "
            f"at most {MAX_COMPREHENSION_DEPTH} are allowed",
            where=where,
            hint="each level multiplies the work by the size of a list; split the rule or compare fewer lists",
        )
    import cel  # imported on first use: ~250 ms that a scan without policy rules never needs

    try:
        return cel.compile(expression)
    except Exception as exc:
        text = str(exc)
        position = _CEL_POS.search(text)
        detail = text.split("ERROR:", 1)[-1].strip()
        detail = _CEL_POS.sub("", detail).splitlines()[0] if detail else text
        hint = "check quotes and brackets; strings use single quotes inside the expression"
        if position:
            hint = f"at column {position.group(2)} of the {key} expression; " + hint
        raise ConfigError(f"rule {rule_id!r}: {key} is not valid CEL: {detail}", where=where, hint=hint) from exc


def infer_scope(names: set[str]) -> str:
    """usage if it reads anything per usage, else flow if it reads ``flow``, else inventory."""
    if names & USAGE_NAMES:
        return "usage"
    if "flow" in names:
        return "flow"
    return "inventory"


def compile_rule(
    *,
    rule_id: str,
    message: str,
    severity: str,
    deny: str | None,
    require: str | None,
    when: str | None,
    scope: str | None,
    description: str,
    origin: str,
    where: str,
    part_where: dict[str, str],
) -> Rule:
    """Validate and compile a rule once. ``part_where`` maps deny/require/when to their file:line."""
    names: set[str] = set()
    bound: set[str] = set()
    for key, expression in (("when", when), ("deny", deny), ("require", require)):
        if expression is None:
            continue
        program = check_expression(expression, key=key, rule_id=rule_id, where=part_where.get(key, where))
        names |= set(program.variables())
        bound |= bound_names(expression)
    names -= bound
    resolved_scope = scope or infer_scope(names)
    allowed = NAMES_BY_SCOPE[resolved_scope]
    unknown = sorted(names - allowed)
    if unknown:
        available = ", ".join(sorted(allowed))
        first = next(k for k in ("when", "deny", "require") if k in part_where)
        if scope and set(unknown) <= NAMES_BY_SCOPE["usage"]:
            problem = f"{', '.join(unknown)} cannot be used in a rule with scope {scope!r}"
            hint = f"a {scope} rule can read: {available}; drop `scope` to check each usage instead"
        else:
            problem = f"unknown name{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}"
            everything = ", ".join(sorted(NAMES_BY_SCOPE[scope or "usage"]))
            hint = f"rules can read: {everything} (see docs/policy.md)"
        raise ConfigError(f"rule {rule_id!r}: {problem}", where=part_where.get(first, where), hint=hint)
    rule = Rule(
        id=rule_id,
        message=message,
        severity=severity,
        deny=deny,
        require=require,
        when=when,
        scope=resolved_scope,
        description=description,
        origin=origin,
        where=where,
    )
    import cel

    program = cel.compile(rule.expression)
    return replace(rule, program=program, names=frozenset(names), fields=referenced_fields(rule.expression, names))


def referenced_fields(expression: str, names: set[str]) -> dict[str, frozenset[str] | None]:
    """For each variable, the fields the expression reads as ``name.field``; None when it uses the
    variable whole (``'CN' in origins``, ``size(model)``), so contexts can carry only those fields."""
    out: dict[str, frozenset[str] | None] = {}
    for name in names:
        fields = set(re.findall(rf"\b{re.escape(name)}\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)", expression))
        whole = re.search(rf"\b{re.escape(name)}\b(?!\s*\.)", expression)
        out[name] = None if whole or not fields else frozenset(fields)
    return out


def merge_fields(rules: list[Rule]) -> dict[str, frozenset[str] | None]:
    """Union of ``Rule.fields`` over several rules (None wins)."""
    out: dict[str, frozenset[str] | None] = {}
    for rule in rules:
        for name, fields in rule.fields.items():
            if name in out and (out[name] is None or fields is None):
                out[name] = None
            elif name in out:
                out[name] = out[name] | fields  # type: ignore[operator]
            else:
                out[name] = fields
    return out
