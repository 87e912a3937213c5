"""Project config: ``modelmap.yaml`` (or ``[tool.modelmap]`` in pyproject.toml), format version 1.

    version: 1
    preset: [us-regulated]          # optional, names of files in modelmap/policy/presets/
    fail_on: error                  # error | warning | note: the lowest severity that fails the check
    expiry_notice_days: 30          # waivers expiring this soon are listed as "about to expire"
    flows:
      checkout:
        description: Card payments   # optional
        paths: ["services/checkout/**"]
        tags: [regulated, customer-facing, production]
    rules:
      - id: no-cn-origin-regulated
        severity: error
        message: Regulated flows must not use models that originate in China.
        when: "'regulated' in flow.tags"
        deny: "'CN' in origins"
    disable: [some-preset-rule]
    waivers:
      - rule: no-cn-origin-regulated
        match: {model: qwen/qwen2.5-7b-instruct, path: "services/checkout/legacy/**"}
        reason: Legacy path, being replaced in Q3.
        approved_by: Jane Doe (CISO)
        approved_on: 2025-01-10
        expires: 2025-07-01

Every error is a ConfigError whose ``where`` is ``file:line`` and whose ``hint`` says what to do.
"""

from __future__ import annotations

import contextvars
import difflib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from modelmap.errors import ConfigError, ConfigErrors
from modelmap.policy.rules import RULE_ID, SCOPES, SEVERITIES, Rule, compile_rule
from modelmap.policy.waivers import BUILTIN_RULES, Waiver
from modelmap.policy.yamlmarks import LineDict, LineList, attach_toml_lines, load_yaml

T = TypeVar("T")

CONFIG_VERSION = 1
MAX_NOTICE_DAYS = 3650  # ten years; larger values overflow date arithmetic and mean nothing
CONFIG_NAMES: tuple[str, ...] = ("modelmap.yaml", "modelmap.yml", ".modelmap.yaml")
TOP_KEYS: tuple[str, ...] = (
    "version",
    "preset",
    "fail_on",
    "expiry_notice_days",
    "flows",
    "rules",
    "disable",
    "waivers",
    "models",  # the company's own models: read by provenance/overlay.py, not by the policy
    "prices",  # price overrides for switch planning: read by modelmap/switch/prices.py, not by the policy
    "switch",  # switch gates (switch: require: [...]): read by modelmap/switch/gate.py, not by the policy
)
FLOW_KEYS: tuple[str, ...] = ("paths", "tags", "description")
RULE_KEYS: tuple[str, ...] = ("id", "severity", "message", "description", "scope", "when", "deny", "require")
WAIVER_KEYS: tuple[str, ...] = ("rule", "match", "reason", "approved_by", "approved_on", "expires")
MATCH_KEYS: tuple[str, ...] = ("model", "path", "flow")
PRESET_KEYS: tuple[str, ...] = ("version", "description", "rules")


@dataclass(frozen=True)
class Flow:
    """A product flow: the code paths that make it up and tags describing it."""

    name: str
    paths: tuple[str, ...]
    tags: tuple[str, ...] = ()
    description: str = ""
    where: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "paths": list(self.paths), "tags": list(self.tags), "description": self.description}


@dataclass(frozen=True)
class ProjectConfig:
    """The parsed, validated, compiled project config. ``path`` is None when none was found."""

    path: str | None = None
    version: int = CONFIG_VERSION
    presets: tuple[str, ...] = ()
    flows: tuple[Flow, ...] = ()
    rules: tuple[Rule, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    disabled: tuple[str, ...] = ()
    fail_on: str = "error"
    expiry_notice_days: int = 30
    root: str = "."
    flow_index: dict[str, Flow] = field(default_factory=dict, compare=False, repr=False)

    @property
    def display_path(self) -> str:
        return self.path or "modelmap.yaml"


def available_presets() -> tuple[str, ...]:
    folder = resources.files("modelmap.policy") / "presets"
    return tuple(sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml")))


def _preset_text(name: str) -> str:
    return (resources.files("modelmap.policy") / "presets" / f"{name}.yaml").read_text(encoding="utf-8")


_TOKEN_SPLIT = re.compile(r"[-_.\s]+")


def close_choices(word: str, choices: tuple[str, ...] | list[str], limit: int = 5) -> list[str]:
    """The choices ``word`` was likely meant to be, best first: those that extend it (``no-country-of-concern-origin``
    -> ``no-country-of-concern-origin-regulated``) or that it extends, then those sharing the most of its dash/underscore
    separated words, then spelling (difflib) closeness. All close ones are kept, up to ``limit``."""
    low = word.strip().lower()[:_MAX_COMPARED]  # spelling closeness of a 1 MB key to a 10-letter one: not worth more
    tokens = {t for t in _TOKEN_SPLIT.split(low) if t}
    ranked: list[tuple[bool, int, float, str]] = []
    for choice in choices:
        cl = choice.lower()
        if cl == low:
            continue
        theirs = {t for t in _TOKEN_SPLIT.split(cl) if t}
        shared = len(tokens & theirs)
        extends = bool(low) and (cl.startswith(low) or low.startswith(cl))
        matcher = difflib.SequenceMatcher(None, low, cl[:_MAX_COMPARED])
        # the quick ratios are upper bounds of ratio(): a choice that cannot reach 0.6 costs no full comparison
        close = matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6
        ratio = matcher.ratio() if close or extends or shared else 0.0
        if extends or ratio >= 0.6 or (shared and shared * 2 >= max(len(tokens), len(theirs))):
            ranked.append((not extends, -shared, -ratio, choice))
    return [choice for *_, choice in sorted(ranked)][:limit]


# how long a word is compared for spelling, and how many "did you mean" hints one config gets: each compares the word
# with every choice, so a config of 2,000 rules and 2,000 waivers naming unknown rules made 4 million comparisons
# (minutes); past the first ones a hint says only what is allowed
_MAX_COMPARED = 100
_MAX_SUGGESTIONS = 50
_suggestions_left: contextvars.ContextVar[int | None] = contextvars.ContextVar("_suggestions_left", default=None)
# how many names a hint lists ("rules in effect: a, b, … and 1,980 more")
_MAX_LISTED = 30


def _listed(names: list[str] | tuple[str, ...]) -> str:
    """``names`` joined for a hint: at most ``_MAX_LISTED`` of them and how many more; 'none' for none."""
    if not names:
        return "none"
    more = len(names) - _MAX_LISTED
    return ", ".join(names[:_MAX_LISTED]) + (f" … and {more:,} more" if more > 0 else "")


def _suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    left = _suggestions_left.get()  # None: outside parse_config, unbounded
    if left is not None:
        if left <= 0:
            return ""
        _suggestions_left.set(left - 1)
    close = close_choices(word, choices)
    if not close:
        return ""
    quoted = [repr(c) for c in close]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {listed}? "


def _check_keys(mapping: LineDict, allowed: tuple[str, ...], what: str, filename: str) -> None:
    errors = [ConfigError(f"unknown key {_short(key)} in {what}", where=f"{filename}:{mapping.line_of(key)}",
                          hint=f"{_suggest(key, allowed)}allowed keys: {', '.join(allowed)}")
              for key in mapping if key not in allowed]
    _raise_all(errors)


def _short(key: Any) -> str:
    """``repr(key)`` for a message, at most 80 characters of it (a 1 MB key is named, not printed)."""
    text = repr(key)
    return text if len(text) <= 80 else f"{text[:60]}… ({len(text):,} characters)"


def _raise_all(errors: list[ConfigError]) -> None:
    """Raise the problems found (one ConfigError as itself, several together), or nothing."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ConfigErrors(errors)


def _as_mapping(value: Any, what: str, where: str, example: str) -> LineDict:
    if not isinstance(value, LineDict):
        raise ConfigError(f"{what} must be a mapping (key: value lines)", where=where, hint=f"for example: {example}")
    return value


def _as_str_list(value: Any, what: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{what} must be a list of strings", where=where, hint='write it as ["a", "b"]')
    return tuple(value)


def _as_text(value: Any, what: str, where: str, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ConfigError(f"{what} must be some text", where=where, hint=f"add a {what.split()[-1]}: line in quotes")
    return value.strip()


def _as_date(value: Any, what: str, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for parse in (date.fromisoformat, lambda v: datetime.fromisoformat(v).date()):
            try:
                return parse(text)
            except ValueError:
                pass
    raise ConfigError(
        f"{what} is not a date: {value!r}",
        where=where,
        hint="write dates as YYYY-MM-DD, for example 2025-06-30",
    )


# --------------------------------------------------------------------------- parsing


def _parse_flows(raw: Any, filename: str, line: int) -> tuple[Flow, ...]:
    if raw is None:
        return ()
    flows_map = _as_mapping(raw, "flows", f"{filename}:{line}", "flows: {checkout: {paths: [src/checkout/**]}}")
    flows: list[Flow] = []
    errors: list[ConfigError] = []
    for name, body in flows_map.items():
        try:
            flows.append(_parse_flow(name, body, f"{filename}:{flows_map.line_of(name)}", filename))
        except ConfigError as exc:  # every flow is checked: one run lists every problem
            errors.append(exc)
    _raise_all(errors)
    return tuple(flows)


def _parse_flow(name: Any, body: Any, where: str, filename: str) -> Flow:
    spec = _as_mapping(body, f"flow {name!r}", where, "checkout: {paths: [src/checkout/**], tags: [regulated]}")
    _check_keys(spec, FLOW_KEYS, f"flow {name!r}", filename)
    if "paths" not in spec:
        raise ConfigError(f"flow {name!r} has no paths", where=where, hint='add paths: ["src/checkout/**"]')
    paths = _as_str_list(spec["paths"], f"paths of flow {name!r}", f"{filename}:{spec.line_of('paths')}")
    tags = _as_str_list(spec.get("tags", []), f"tags of flow {name!r}", f"{filename}:{spec.line_of('tags')}")
    description = _as_text(spec.get("description"), "description", where, required=False)
    return Flow(name=str(name), paths=paths, tags=tuple(sorted(set(tags))), description=description, where=where)


def _list_item(raw: LineList, index: int, what: str, example: str, keys: tuple[str, ...], filename: str,
               errors: list[ConfigError]) -> tuple[str, LineDict]:
    """Item ``index`` of a rules / waivers list as a mapping and its place; its unknown keys go to ``errors`` (an
    unknown key and a missing one are often the same typo: both are shown)."""
    where = f"{filename}:{raw.line_of(index)}"
    spec = _as_mapping(raw[index], what, where, example)
    try:
        _check_keys(spec, keys, what, filename)
    except ConfigError as exc:
        errors.append(exc)
    return where, spec


def _parse_rules(raw: Any, filename: str, line: int, origin: str) -> list[Rule]:
    if raw is None:
        return []
    if not isinstance(raw, LineList):
        raise ConfigError("rules must be a list", where=f"{filename}:{line}", hint="start each rule with '- id: ...'")
    rules: list[Rule] = []
    errors: list[ConfigError] = []
    seen: dict[str, str] = {}
    for index in range(len(raw)):
        try:
            where, spec = _list_item(raw, index, "a rule", "- id: no-cn-origin\n    deny: \"'CN' in origins\"",
                                     RULE_KEYS, filename, errors)
            rule_id = spec.get("id")
            if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
                raise ConfigError(
                    f"rule id {rule_id!r} is not kebab-case",
                    where=f"{filename}:{spec.line_of('id')}",
                    hint="use lowercase words joined by dashes, e.g. no-cn-origin-regulated (ids are stored in waivers and SARIF)",
                )
            if rule_id in BUILTIN_RULES:
                raise ConfigError(f"rule id {rule_id!r} is reserved", where=where, hint="pick another id")
            if rule_id in seen:
                raise ConfigError(f"rule id {rule_id!r} is defined twice (also at {seen[rule_id]})", where=where,
                                  hint="rename one of them")
            seen[rule_id] = where
            severity = spec.get("severity", "error")
            if severity not in SEVERITIES:
                raise ConfigError(
                    f"rule {rule_id!r}: severity {severity!r} is not one of {', '.join(SEVERITIES)}",
                    where=f"{filename}:{spec.line_of('severity')}",
                    hint=f"{_suggest(str(severity), SEVERITIES)}use error to fail the check, warning or note to report only",
                )
            scope = spec.get("scope")
            if scope is not None and scope not in SCOPES:
                raise ConfigError(
                    f"rule {rule_id!r}: scope {scope!r} is not one of {', '.join(SCOPES)}",
                    where=f"{filename}:{spec.line_of('scope')}",
                    hint="leave scope out to let modelmap infer it from the names the rule reads",
                )
            has_deny, has_require = "deny" in spec, "require" in spec
            if has_deny == has_require:
                raise ConfigError(
                    f"rule {rule_id!r} needs exactly one of deny or require",
                    where=where,
                    hint="deny: <condition that is a violation>, or require: <condition that must hold>",
                )
            if spec.get("message") is None:
                # a rule with only a description: was refused as "message must be some text", which read as a broken
                # message rather than a missing one; message is the required one-line text, description optional detail
                also = " (its description: is optional longer text, not the message)" if "description" in spec else ""
                raise ConfigError(f"rule {rule_id!r} has no message: message is required{also}", where=where,
                                  hint="add message: <one line shown when the rule is broken>")
            message = _as_text(spec.get("message"), f"rule {rule_id!r} message", where)
            rules.append(
                compile_rule(
                    rule_id=rule_id,
                    message=message,
                    severity=severity,
                    deny=spec.get("deny"),
                    require=spec.get("require"),
                    when=spec.get("when"),
                    scope=scope,
                    description=_as_text(spec.get("description"), "description", where, required=False),
                    origin=origin,
                    where=where,
                    part_where={k: f"{filename}:{spec.line_of(k)}" for k in ("when", "deny", "require") if k in spec},
                )
            )
        except ConfigError as exc:  # every item is checked: one run lists every problem
            errors.append(exc)
    _raise_all(errors)
    return rules


def _parse_waivers(raw: Any, filename: str, line: int, flow_names: set[str]) -> tuple[Waiver, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, LineList):
        raise ConfigError("waivers must be a list", where=f"{filename}:{line}", hint="start each waiver with '- rule: ...'")
    waivers: list[Waiver] = []
    errors: list[ConfigError] = []
    for index in range(len(raw)):
        try:
            where, spec = _list_item(raw, index, "a waiver", "- rule: no-cn-origin\n    match: {model: qwen/qwen2.5-7b}",
                                     WAIVER_KEYS, filename, errors)
            hints = {
                "rule": "name the rule id this waiver accepts",
                "match": "say what it covers: match: {model: ..., path: ..., flow: ...}",
                "reason": "explain in plain words why this is accepted",
                "approved_on": "add the date it was approved, YYYY-MM-DD",
                "expires": "every waiver needs an end date, YYYY-MM-DD; decisions get reviewed",
            }
            _raise_all([ConfigError(f"waiver is missing {key!r}", where=where, hint=hint)
                        for key, hint in hints.items() if key not in spec])
            rule_id = spec["rule"]
            if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
                raise ConfigError(f"waiver rule {rule_id!r} is not a rule id", where=f"{filename}:{spec.line_of('rule')}",
                                  hint="copy the id from the violation, e.g. no-cn-origin-regulated")
            match_where = f"{filename}:{spec.line_of('match')}"
            match = _as_mapping(spec["match"], "waiver match", match_where, "match: {model: qwen/qwen2.5-7b-instruct}")
            _check_keys(match, MATCH_KEYS, "a waiver match", filename)
            if not match:
                raise ConfigError("waiver match is empty", where=match_where,
                                  hint="a waiver must say what it covers: a model, a path and/or a flow")
            values: dict[str, str | None] = {}
            for key in MATCH_KEYS:
                value = match.get(key)
                if value is not None and (not isinstance(value, str) or not value.strip()):
                    raise ConfigError(f"waiver match {key} must be text", where=f"{filename}:{match.line_of(key)}")
                values[key] = value.strip() if isinstance(value, str) else None
            if values["flow"] is not None and values["flow"] not in flow_names:
                raise ConfigError(
                    f"waiver matches flow {values['flow']!r}, which is not defined",
                    where=f"{filename}:{match.line_of('flow')}",
                    hint=f"{_suggest(values['flow'], sorted(flow_names))}defined flows: {_listed(sorted(flow_names))}",
                )
            approved_by = spec.get("approved_by")
            if approved_by is not None and not isinstance(approved_by, str):
                raise ConfigError("approved_by must be a name", where=f"{filename}:{spec.line_of('approved_by')}")
            approved_on = _as_date(spec["approved_on"], "approved_on", f"{filename}:{spec.line_of('approved_on')}")
            expires = _as_date(spec["expires"], "expires", f"{filename}:{spec.line_of('expires')}")
            if expires < approved_on:
                raise ConfigError(
                    f"waiver expires ({expires}) before it was approved ({approved_on})",
                    where=f"{filename}:{spec.line_of('expires')}",
                    hint="check the two dates",
                )
            waivers.append(
                Waiver(
                    rule=rule_id,
                    reason=_as_text(spec["reason"], "waiver reason", f"{filename}:{spec.line_of('reason')}"),
                    approved_by=(approved_by or "").strip(),
                    approved_on=approved_on,
                    expires=expires,
                    model=values["model"],
                    path=values["path"],
                    flow=values["flow"],
                    where=where,
                )
            )
        except ConfigError as exc:  # every item is checked: one run lists every problem
            errors.append(exc)
    _raise_all(errors)
    return tuple(waivers)


def _load_preset(name: str, where: str) -> list[Rule]:
    names = available_presets()
    if name not in names:
        raise ConfigError(
            f"unknown preset {name!r}",
            where=where,
            hint=f"{_suggest(name, names)}available presets: {', '.join(names)}",
        )
    filename = f"presets/{name}.yaml"
    data = load_yaml(_preset_text(name), filename)
    spec = _as_mapping(data, f"preset {name}", filename, "rules: [...]")
    _check_keys(spec, PRESET_KEYS, f"preset {name}", filename)
    return _parse_rules(spec.get("rules"), filename, spec.line_of("rules"), origin=f"preset:{name}")


def parse_config(data: Any, filename: str, *, root: str = ".") -> ProjectConfig:
    """Validate parsed config data (LineDict from load_yaml / attach_toml_lines) into a ProjectConfig.

    Every section is checked even when an earlier one is wrong, so that one run reports every problem of the file
    (ConfigErrors); a section that fails counts as empty for the checks after it. At most ``_MAX_SUGGESTIONS`` of
    the problems get a "did you mean" hint."""
    token = _suggestions_left.set(_MAX_SUGGESTIONS)
    try:
        return _parse_config(data, filename, root=root)
    finally:
        _suggestions_left.reset(token)


def _parse_config(data: Any, filename: str, *, root: str) -> ProjectConfig:
    if data is None:
        data = LineDict()
        data.line = 1
    top = _as_mapping(data, "the config", f"{filename}:1", "version: 1")
    errors: list[ConfigError] = []

    def checked(fn: Callable[[], T], default: T) -> T:
        try:
            return fn()
        except ConfigError as exc:
            errors.append(exc)
            return default

    checked(lambda: _check_keys(top, TOP_KEYS, "the config", filename), None)
    version = top.get("version")
    if version is None:
        errors.append(ConfigError("the config has no version", where=f"{filename}:1", hint="add `version: 1` at the top"))
    elif version != CONFIG_VERSION:
        raise ConfigError(  # another version's keys mean other things: nothing after this is worth checking
            f"config version {version!r} is not supported",
            where=f"{filename}:{top.line_of('version')}",
            hint=f"this modelmap reads version {CONFIG_VERSION}; upgrade modelmap or set version: {CONFIG_VERSION}",
        )
    fail_on = top.get("fail_on", "error")
    if fail_on not in SEVERITIES:
        errors.append(ConfigError(f"fail_on {fail_on!r} is not one of {', '.join(SEVERITIES)}",
                                  where=f"{filename}:{top.line_of('fail_on')}", hint="usually: fail_on: error"))
        fail_on = "error"
    notice = top.get("expiry_notice_days", 30)
    if not isinstance(notice, int) or isinstance(notice, bool) or not 0 <= notice <= MAX_NOTICE_DAYS:
        errors.append(ConfigError(f"expiry_notice_days must be a whole number of days from 0 to {MAX_NOTICE_DAYS}, "
                                  f"not {notice!r}", where=f"{filename}:{top.line_of('expiry_notice_days')}",
                                  hint="for example: expiry_notice_days: 30"))
        notice = 30

    presets: tuple[str, ...] = checked(lambda: _as_str_list(top.get("preset", []), "preset", f"{filename}:{top.line_of('preset')}"), ())
    preset_rules: list[Rule] = []
    for index, name in enumerate(presets):
        preset_line = top["preset"].line_of(index) if isinstance(top.get("preset"), LineList) else top.line_of("preset")
        try:
            preset_rules.extend(_load_preset(name, f"{filename}:{preset_line}"))
        except ConfigError as exc:
            errors.append(exc)

    flows: tuple[Flow, ...] = checked(lambda: _parse_flows(top.get("flows"), filename, top.line_of("flows")), ())
    own_rules: list[Rule] = checked(lambda: _parse_rules(top.get("rules"), filename, top.line_of("rules"), origin="config"), [])
    disabled: tuple[str, ...] = checked(lambda: _as_str_list(top.get("disable", []), "disable", f"{filename}:{top.line_of('disable')}"),
                       ())

    # A rule in the config replaces a preset rule with the same id; `disable` removes one.
    by_id: dict[str, Rule] = {}
    for rule in preset_rules:
        by_id.setdefault(rule.id, rule)
    for rule in own_rules:
        by_id[rule.id] = rule
    in_effect = sorted(by_id)  # for the hints below (sorted once, not per problem)
    for index, rule_id in enumerate(disabled):
        if rule_id not in by_id:
            line = top["disable"].line_of(index) if isinstance(top.get("disable"), LineList) else top.line_of("disable")
            errors.append(ConfigError(
                f"cannot disable {rule_id!r}: no such rule", where=f"{filename}:{line}",
                hint=f"{_suggest(rule_id, in_effect)}rules in effect: {_listed(in_effect)}"))
            continue
        del by_id[rule_id]
    rules = tuple(sorted(by_id.values(), key=lambda r: r.id))

    flow_names = {f.name for f in flows}
    waivers: tuple[Waiver, ...] = checked(lambda: _parse_waivers(top.get("waivers"), filename, top.line_of("waivers"), flow_names), ())
    known_rules = set(by_id) | set(BUILTIN_RULES)
    in_effect, known = sorted(by_id), sorted(known_rules)
    for waiver in waivers:
        if waiver.rule not in known_rules:
            errors.append(ConfigError(
                f"waiver names rule {waiver.rule!r}, which is not in effect",
                where=waiver.where,
                hint=f"{_suggest(waiver.rule, known)}remove the waiver if the rule was dropped; "
                     f"rules in effect: {_listed(in_effect)} (built in: {', '.join(sorted(BUILTIN_RULES))})",
            ))
    _raise_all(errors)
    return ProjectConfig(
        path=filename,
        version=CONFIG_VERSION,
        presets=presets,
        flows=flows,
        rules=rules,
        waivers=waivers,
        disabled=disabled,
        fail_on=fail_on,
        expiry_notice_days=notice,
        root=root,
        flow_index={f.name: f for f in flows},
    )


def _read_toml(path: Path) -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", where=path.name, hint="fix the syntax of pyproject.toml") from exc
    except (RecursionError, MemoryError) as exc:  # tomllib recurses once per nested array or table
        raise ConfigError(f"TOML nested too deeply to read ({type(exc).__name__})", where=path.name,
                          hint="a policy needs only a few levels of nesting") from exc
    table = data.get("tool", {}).get("modelmap")
    if table is None:
        return None
    return attach_toml_lines(table, text)


@dataclass(frozen=True)
class ConfigSearch:
    """Where ``find_config`` looked: the file it found (None when there is none), the folder it
    started from, and the last folder it looked in (the repository root, or the filesystem root
    outside a repository)."""

    found: Path | None
    start: Path
    stop: Path

    @property
    def project_root(self) -> Path:
        """The folder that holds the config, or the start folder when none was found."""
        return self.found.parent if self.found is not None else self.start


def _shown(path: Path) -> str:
    """A path for a message: relative to the current folder when it is inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _config_in(folder: Path) -> Path | None:
    """The config file in one folder: modelmap.yaml (then modelmap.yml, .modelmap.yaml), then a
    pyproject.toml with a ``[tool.modelmap]`` table. A special file under one of those names is a
    ConfigError (never skipped silently)."""
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
        if os.path.lexists(folder / name):  # a FIFO, device or folder named modelmap.yaml: never skip silently
            raise ConfigError(f"{name} is not a regular file", where=_shown(folder / name),
                              hint="replace it with a YAML file, or remove it")
    pyproject = folder / "pyproject.toml"
    if os.path.lexists(pyproject) and not pyproject.is_file():
        raise ConfigError("pyproject.toml is not a regular file", where=_shown(pyproject),
                          hint="replace it with a TOML file, or remove it")
    if pyproject.is_file() and _read_toml(pyproject) is not None:
        return pyproject
    return None


def find_config(start: str | Path) -> ConfigSearch:
    """Look for the project config in ``start`` (a folder, or a file's folder) and then in each
    parent folder, up to and including the repository root (the first folder holding ``.git``,
    a folder or a worktree's file); outside a repository, up to the filesystem root. The nearest
    config wins, as with git, ruff and pytest."""
    begin = Path(start).absolute()
    if not begin.is_dir():
        begin = begin.parent
    folder = begin
    while True:
        found = _config_in(folder)
        if found is not None or os.path.lexists(folder / ".git") or folder.parent == folder:
            return ConfigSearch(found, begin, folder)
        folder = folder.parent


# the largest config file read (the 100,000-value cap of load_yaml counts values, not bytes: one 100 MB value passed)
MAX_CONFIG_BYTES = 8 << 20


def load_config(path_or_root: str | Path, *, root: str | Path | None = None) -> ProjectConfig:
    """Load the project config from a file, or find one from a folder upward (``find_config``).

    No config at all gives an empty policy (no rules). ``root`` is the scanned repository: file
    names in errors and in violations of flow / inventory rules are shown relative to it (default:
    the config's own folder; with a folder and no config, that folder).
    """
    target = Path(path_or_root)
    if target.is_dir():
        found = find_config(target).found
        return load_config(found) if found is not None else ProjectConfig(root=str(target))
    if target.exists() and not target.is_file():
        # `--config /dev/null` (or a FIFO, a socket) is there: "does not exist" sent the user looking for a typo
        raise ConfigError(f"config file {str(target)!r} is not a regular file", where=str(target),
                          hint="pass --config with the path of a modelmap.yaml or pyproject.toml file")
    if not target.is_file():
        raise ConfigError(f"config file {str(target)!r} does not exist", where=str(target),
                          hint="pass --config with a path to modelmap.yaml, or leave it out to use the one in the repo")
    root = Path(root) if root is not None else target.parent
    name = display_name(target, root)
    try:
        size = target.stat().st_size
    except OSError as exc:
        raise ConfigError(f"cannot read the config: {exc}", where=name) from exc
    if size > MAX_CONFIG_BYTES:  # read whole and parsed before any other bound: 20 MB took 5 s and 190 MB
        raise ConfigError(f"the config is {size:,} bytes, over the {MAX_CONFIG_BYTES >> 20} MiB a config may be",
                          where=name, hint="a modelmap config is small: rules, flows and waivers, not data")
    if target.suffix == ".toml":
        data = _read_toml(target)
        if data is None:
            raise ConfigError("pyproject.toml has no [tool.modelmap] table", where=name,
                              hint="add [tool.modelmap] with version = 1, or use modelmap.yaml")
        return parse_config(data, name, root=str(root))
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the config: {exc}", where=name) from exc
    return parse_config(load_yaml(text, name), name, root=str(root))


def display_name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
