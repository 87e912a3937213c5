"""The org policy: one central ``modelmap.yaml`` (versioned), presets for every project, and presets added
per project tag; and the org-wide policy status, computed with :mod:`modelmap.policy` on each project's
latest snapshot.

A project's config is the central text with its ``preset`` list extended by the org presets and by each
tag rule the project's latest snapshot matches (``{"tag": "regulated", "value": true, "presets":
["us-regulated"]}``), then parsed by :func:`modelmap.policy.config.parse_config`, the same validator the CLI
uses. The repository's own modelmap.yaml is not uploaded: a scan upload carries the flows it declares with their
tags and each finding's flows, and each flow is evaluated with its own tags plus the snapshot's; otherwise the
project is one flow named after the repository and tagged with the snapshot's tags (``service.project_config``).
A project whose scan declares a flow tagged ``regulated`` matches the ``regulated: true`` tag rules whatever its
upload's tag says, as its own ``modelmap check`` treats that flow as regulated. Waiver records
(:mod:`modelmap.server.waivers`) become library waivers of that config; only active ones are given to the
engine, so an expired or revoked waiver never hides a violation (the violation then names it as
``expired_waiver``). Snapshots uploaded as CycloneDX or SPDX carry no findings to evaluate: they are listed
as not evaluated, with the reason, never as passing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from modelmap.server.auth import Principal
from modelmap.server.db import OrgPolicy, Project, Snapshot, Waiver, utcnow

#: Bumped when an evaluated status changes shape or meaning, so statuses stored by an older server are recomputed
#: (2: a declared regulated flow makes the project regulated for the tag rules; the status names the presets;
#: 3: each violation carries its details).
STATUS_VERSION = 3
#: Tags a tag rule can test: the snapshot's tags and the owning team.
TAG_KEYS = ("regulated", "environment", "business_unit", "team")
#: Keys of the central modelmap.yaml that belong to one repository, not to the org.
REPO_ONLY_KEYS = {"flows": "flows belong to a repository's own modelmap.yaml; its scan upload carries them with "
                           "their tags (a project without declared flows is one flow tagged with its upload's tags)",
                  "waivers": "waivers are records on the server: POST /api/v1/waivers",
                  "models": "the company's own models belong to a repository's modelmap.yaml",
                  "prices": "prices belong to a repository's modelmap.yaml"}
MAX_VIOLATIONS_SHOWN = 200


class PolicyError(ValueError):
    """The policy document is not valid; the message says where and what to do (HTTP 422)."""


def _presets_known(names: list[str], what: str) -> None:
    from modelmap.policy.config import available_presets

    known = available_presets()
    for name in names:
        if name not in known:
            raise PolicyError(f"{what}: unknown preset {name!r}; available presets: {', '.join(known)}")


def _base_data(text: str | None, filename: str) -> Any:
    from modelmap.policy.yamlmarks import LineDict, load_yaml

    data = load_yaml(text, filename) if text else None
    if data is None:
        data = LineDict({"version": 1})
        data.line = 1
    return data


def validate(config_text: str | None, presets: list[str], tag_presets: list[dict[str, Any]]) -> None:
    """Check a policy document the way ``modelmap check`` would (raises PolicyError)."""
    from modelmap.errors import ConfigError
    from modelmap.policy.config import parse_config
    from modelmap.policy.yamlmarks import LineDict

    _presets_known(presets, "presets")
    for index, rule in enumerate(tag_presets):
        if rule["tag"] not in TAG_KEYS:
            raise PolicyError(f"tag_presets[{index}].tag {rule['tag']!r}: choose from {', '.join(TAG_KEYS)}")
        _presets_known(list(rule["presets"]), f"tag_presets[{index}].presets")
    try:
        data = _base_data(config_text, "org-policy.yaml")
        if isinstance(data, LineDict):
            for key, why in REPO_ONLY_KEYS.items():
                if key in data:
                    raise PolicyError(f"org-policy.yaml:{data.line_of(key)}: {key!r} is not part of an org policy: "
                                      f"{why}")
        # every preset the document can bring in, together: a `disable` must name a rule of some preset
        everything = sorted({*presets, *(p for r in tag_presets for p in r["presets"])})
        parse_config(_with_presets(data, everything), "org-policy.yaml")
    except ConfigError as exc:
        raise PolicyError(str(exc)) from None


def _with_presets(data: Any, extra: list[str]) -> Any:
    from modelmap.policy.yamlmarks import LineDict, LineList

    if not isinstance(data, LineDict):
        return data  # parse_config reports that it is not a mapping
    own = data.get("preset", [])
    names = [own] if isinstance(own, str) else list(own) if isinstance(own, list) else own
    if not isinstance(names, list):
        return data  # parse_config reports the bad value
    merged = LineList(dict.fromkeys([*names, *extra]))
    merged.line = data.line_of("preset")
    out = LineDict(data)
    out.line, out.key_lines = data.line, dict(data.key_lines)
    out["preset"] = merged
    return out


def put_policy(session: Session, who: Principal, config_text: str | None, presets: list[str],
               tag_presets: list[dict[str, Any]]) -> dict[str, Any]:
    """Record a new version of the org policy (raises PolicyError; nothing is stored then)."""
    validate(config_text, presets, tag_presets)
    body = json.dumps({"config": config_text, "presets": presets, "tag_presets": tag_presets}, sort_keys=True)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    latest = current(session)
    if latest is not None and latest.sha256 == digest:
        return {**policy_dict(latest), "status": "unchanged"}
    row = OrgPolicy(version=(latest.version + 1) if latest else 1, config_text=config_text, presets=presets,
                    tag_presets=tag_presets, sha256=digest, created_at=utcnow(), created_by=who.team)
    session.add(row)
    session.commit()
    return {**policy_dict(row), "status": "created"}


def current(session: Session) -> OrgPolicy | None:
    return session.scalar(select(OrgPolicy).order_by(OrgPolicy.version.desc()).limit(1))


def policy_dict(row: OrgPolicy) -> dict[str, Any]:
    from modelmap.server.service import _iso

    return {"version": row.version, "config": row.config_text, "presets": row.presets or [],
            "tag_presets": row.tag_presets or [], "created_at": _iso(row.created_at), "created_by": row.created_by}


def history(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(select(OrgPolicy).order_by(OrgPolicy.version.desc()))
    return [policy_dict(r) for r in rows]


def tags_of(snap: Snapshot, team: str) -> dict[str, Any]:
    return {"regulated": snap.regulated, "environment": snap.environment, "business_unit": snap.business_unit,
            "team": team}


def regulated_flows(flows: Any) -> list[str]:
    """The flows that carry the ``regulated`` tag (a scan's declared flows, with the snapshot's tags added)."""
    return [f.name for f in flows if "regulated" in f.tags]


def effective_tags(tags: dict[str, Any], flows: Any) -> dict[str, Any]:
    """The project's tags for the org's tag rules: a repository whose own modelmap.yaml tags a flow ``regulated``
    (its scan upload says so) is a regulated project, whatever its upload's ``regulated`` says, as ``modelmap
    check`` in its CI treats that flow as regulated."""
    if tags.get("regulated") is not True and regulated_flows(flows):
        return {**tags, "regulated": True}
    return tags


def presets_for(policy: OrgPolicy, tags: dict[str, Any]) -> list[str]:
    """The org presets plus those of every tag rule the project's tags match, in order, once each."""
    names = list(policy.presets or [])
    for rule in policy.tag_presets or []:
        value = tags.get(rule["tag"])
        if value is not None and value == rule["value"]:
            names += rule["presets"]
    return list(dict.fromkeys(names))


def project_config(policy: OrgPolicy, repo: str, team: str, snap: Snapshot, waivers: list[Waiver],
                   today: dt.date, doc: Any = None) -> Any:
    """The ProjectConfig for one project: the org policy with its tag presets, the project's flows (its scan's
    declared flows with their tags, else one flow for the repository: ``service.project_config``), and the
    active waiver records that apply to it (each library waiver's ``where`` is ``waiver:<id>``)."""
    from modelmap.policy.config import parse_config
    from modelmap.server.service import project_config as one_flow

    flows = one_flow(repo, snap, doc)
    tags = effective_tags(tags_of(snap, team), flows.flows)
    filename = f"org-policy-v{policy.version}.yaml"
    data = _with_presets(_base_data(policy.config_text, filename), presets_for(policy, tags))
    config = parse_config(_only_rules_in_force(data, filename), filename)
    rule_ids = [r.id for r in config.rules]
    library = [w for record in waivers if is_active(record, today) for w in to_library(record, rule_ids)]
    return replace(config, flows=flows.flows, flow_index=flows.flow_index, waivers=tuple(library))


def _only_rules_in_force(data: Any, filename: str) -> Any:
    """The central ``disable`` list may name a rule of a tag preset (validated against every preset at once);
    for a project that preset does not apply to, that entry names nothing and is left out."""
    from modelmap.policy.config import parse_config
    from modelmap.policy.yamlmarks import LineDict, LineList

    if not isinstance(data, LineDict) or not isinstance(data.get("disable"), list) or not data["disable"]:
        return data
    without = LineDict({k: v for k, v in data.items() if k != "disable"})
    without.line, without.key_lines = data.line, dict(data.key_lines)
    in_force = {r.id for r in parse_config(without, filename).rules}
    kept = LineList([d for d in data["disable"] if d in in_force])
    kept.line = data.line_of("disable")
    out = LineDict(data)
    out.line, out.key_lines = data.line, dict(data.key_lines)
    out["disable"] = kept
    return out


def _date(value: dt.datetime) -> dt.date:
    """The UTC date of a stored time (SQLite hands back naive datetimes; they were stored in UTC)."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)
    return aware.astimezone(dt.timezone.utc).date()


def is_active(record: Waiver, today: dt.date) -> bool:
    return record.revoked_at is None and _date(record.expires) >= today


def to_library(record: Waiver, rule_ids: list[str]) -> list[Any]:
    """A waiver record as :class:`modelmap.policy.waivers.Waiver` objects (a project-scope waiver covers every
    rule in effect, so it becomes one per rule)."""
    from modelmap.policy.waivers import Waiver as LibraryWaiver

    rules = rule_ids if record.scope == "project" else [record.rule] if record.rule in rule_ids else []
    approved = _date(record.created_at)
    return [LibraryWaiver(rule=rule, reason=record.reason, approved_by=record.approver, approved_on=approved,
                          expires=_date(record.expires), model=record.model, flow=record.flow,
                          where=f"waiver:{record.id}") for rule in rules]


def applicable(records: list[Waiver], project: Project) -> list[Waiver]:
    """Waiver records of the project's team that name this repository or none (team-wide)."""
    return [w for w in records if w.team_id == project.team_id and w.repo in (None, project.repo)]


def _latest_rows(session: Session, who: Principal, *, with_stored: bool) -> list[Any]:
    """Each visible project with a snapshot, by name: its latest snapshot's columns (never the document) and,
    when asked, its stored status (``basis`` and ``result``, None when there is none)."""
    from sqlalchemy import literal, null

    from modelmap.server.db import ProjectPolicyStatus, Team

    stored: tuple[Any, Any] = ((ProjectPolicyStatus.basis, ProjectPolicyStatus.result) if with_stored
                               else (null().label("basis"), literal(None).label("result")))
    query = (select(Project.id, Project.repo, Project.team_id, Team.name.label("team"),
                    Snapshot.id.label("snapshot_id"), Snapshot.commit, Snapshot.regulated, Snapshot.environment,
                    Snapshot.business_unit, Snapshot.format, Snapshot.spec, Snapshot.raw_sha256, *stored)
             .join(Team, Team.id == Project.team_id).join(Snapshot, Snapshot.id == Project.latest_snapshot_id))
    if with_stored:
        query = query.outerjoin(ProjectPolicyStatus, ProjectPolicyStatus.project_id == Project.id)
    if not who.is_admin:
        query = query.where(Project.team_id == who.team_id)
    return list(session.execute(query.order_by(Project.repo)))


def status(session: Session, who: Principal, today: dt.date | None = None) -> dict[str, Any]:
    """Per visible project, each rule's pass / fail / waived on its latest snapshot, and the violations."""
    from modelmap.server.waivers import waiver_dict

    today = today or utcnow().date()
    policy = current(session)
    rows = _latest_rows(session, who, with_stored=policy is not None)
    teams = select(Project.team_id).distinct()
    if not who.is_admin:
        teams = teams.where(Project.team_id == who.team_id)
    team_ids = set(session.scalars(teams))
    records = list(session.scalars(select(Waiver).where(Waiver.team_id.in_(team_ids)))) if team_ids else []
    fresh: list[dict[str, Any]] = []
    projects: list[dict[str, Any]] = []
    for row in rows:
        # plain values, not ORM objects: 2,000 projects cost a query, not 4,000 objects (bench/SERVER.md)
        project: Any = SimpleNamespace(id=row.id, repo=row.repo, team_id=row.team_id)
        snap: Any = SimpleNamespace(id=row.snapshot_id, commit=row.commit, regulated=row.regulated,
                                    environment=row.environment, business_unit=row.business_unit,
                                    format=row.format, spec=row.spec, raw_sha256=row.raw_sha256)
        team = row.team
        entry: dict[str, Any] = {"repo": project.repo, "team": team, "commit": snap.commit,
                                 "tags": tags_of(snap, team)}
        projects.append(entry)
        if policy is None:
            entry.update(status="not_evaluated", reason="no org policy yet: PUT /api/v1/policy")
            continue
        entry["presets"] = presets_for(policy, entry["tags"])
        if snap.format != "scan":
            entry.update(status="not_evaluated",
                         reason=f"the latest snapshot is a {snap.spec} document; the policy needs a modelmap scan "
                                "upload (modelmap scan --upload)")
            continue
        mine = applicable(records, project)
        basis = _basis(policy, project.repo, team, snap, mine, today)
        if row.basis is not None and row.basis == basis:
            entry.update(row.result)
        else:  # first read since the snapshot, the policy, a waiver or the day changed: evaluate and keep it
            full = session.get(Snapshot, snap.id)
            assert full is not None
            result = evaluate_project(policy, project.repo, team, full, mine, today)
            fresh.append({"project_id": project.id, "basis": basis, "result": result, "evaluated_at": utcnow()})
            entry.update(result)
    if fresh:
        _store(session, fresh)
    notice = _notice_days(policy)
    soon = [waiver_dict(w, today) for w in sorted(records, key=lambda w: (_date(w.expires), w.id))
            if is_active(w, today) and _date(w.expires) <= today + dt.timedelta(days=notice)]
    return {
        "as_of": today.isoformat(),
        "policy": policy_dict(policy) if policy else None,
        "summary": {"projects": len(projects),
                    "pass": sum(1 for p in projects if p["status"] == "pass"),
                    "fail": sum(1 for p in projects if p["status"] == "fail"),
                    "not_evaluated": sum(1 for p in projects if p["status"] == "not_evaluated"),
                    "error": sum(1 for p in projects if p["status"] == "error")},
        "projects": projects,
        "expiring_waivers": soon,
        "expiry_notice_days": notice,
    }


#: Per-process memo of evaluated projects, keyed by everything the result depends on (the snapshot's content
#: and tags, the policy version, the waiver records with their last change, the day): a repeated status
#: costs a dictionary lookup per unchanged project instead of an evaluation (bench/SERVER.md).
CACHE_SIZE = 4096
_CACHE: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def _cache_key(policy: OrgPolicy, repo: str, team: str, snap: Snapshot, waivers: list[Waiver],
               today: dt.date) -> tuple[Any, ...]:
    marks = tuple(sorted((w.id, str(w.updated_at), str(w.expires), str(w.revoked_at)) for w in waivers))
    return (STATUS_VERSION, policy.version, policy.sha256, repo, team, snap.id, snap.raw_sha256, snap.regulated,
            snap.environment, snap.business_unit, marks, today.isoformat())


def _basis(policy: OrgPolicy, repo: str, team: str, snap: Snapshot, waivers: list[Waiver], today: dt.date) -> str:
    """What a stored status was computed from (the memo key below), as a digest: it no longer matches once
    the snapshot, its tags, the policy version, an applicable waiver record or the day changes."""
    return hashlib.sha256(repr(_cache_key(policy, repo, team, snap, waivers, today)).encode("utf-8")).hexdigest()


def _stored(session: Session, project_ids: list[int]) -> dict[int, tuple[str, dict[str, Any]]]:
    from modelmap.server.db import ProjectPolicyStatus

    if not project_ids:
        return {}
    rows = session.execute(select(ProjectPolicyStatus.project_id, ProjectPolicyStatus.basis,
                                  ProjectPolicyStatus.result)
                           .where(ProjectPolicyStatus.project_id.in_(project_ids)))
    return {project_id: (basis, result) for project_id, basis, result in rows}


def _store(session: Session, rows: list[dict[str, Any]]) -> None:
    """Keep evaluated statuses (one per project; a concurrent writer's row is overwritten, never duplicated)."""
    from modelmap.server.db import ProjectPolicyStatus
    from modelmap.server.summary import upsert_into

    statement = upsert_into(session, ProjectPolicyStatus.__table__)
    statement = statement.on_conflict_do_update(
        index_elements=["project_id"], set_={"basis": statement.excluded.basis, "result": statement.excluded.result,
                                             "evaluated_at": statement.excluded.evaluated_at})
    session.execute(statement, sorted(rows, key=lambda r: r["project_id"]))
    session.commit()


def store_status(session: Session, repo: str, today: dt.date | None = None) -> bool:
    """Evaluate one project's latest snapshot under the org policy now and keep the result, so the next status
    read finds it (called after an upload). Nothing happens without an org policy, or when the latest
    snapshot is not a scan. Returns whether a status was stored."""
    from modelmap.server.db import Team

    policy = current(session)
    found = session.execute(select(Project, Team.name).join(Team, Team.id == Project.team_id)
                            .where(Project.repo == repo)).first()
    if policy is None or found is None or found[0].latest_snapshot_id is None:
        return False
    project, team = found
    snap = session.get(Snapshot, project.latest_snapshot_id)
    if snap is None or snap.format != "scan":
        return False
    today = today or utcnow().date()
    mine = applicable(list(session.scalars(select(Waiver).where(Waiver.team_id == project.team_id))), project)
    basis = _basis(policy, project.repo, team, snap, mine, today)
    kept = _stored(session, [project.id]).get(project.id)
    if kept is not None and kept[0] == basis:
        return False
    result = evaluate_project(policy, project.repo, team, snap, mine, today)
    _store(session, [{"project_id": project.id, "basis": basis, "result": result, "evaluated_at": utcnow()}])
    return True


def snapshot_violations(session: Session, project: Project, team: str, snap: Snapshot,
                        today: dt.date | None = None) -> list[dict[str, Any]] | None:
    """The org policy's violations on one scan snapshot, as ``Violation.to_dict()`` rows (a side of ``modelmap
    diff``'s policy delta), with the project's active waiver records; None without an org policy, for a BOM
    snapshot, or when the policy cannot be evaluated on it (unknown, never "no violations")."""
    from modelmap.errors import ModelmapError
    from modelmap.policy.engine import evaluate
    from modelmap.policy.waivers import WAIVER_UNUSED
    from modelmap.server.normalize import parse_json, scan_result

    policy = current(session)
    if policy is None or snap.format != "scan":
        return None
    today = today or utcnow().date()
    mine = applicable(list(session.scalars(select(Waiver).where(Waiver.team_id == project.team_id))), project)
    try:
        doc = parse_json(snap.raw)
        config = project_config(policy, project.repo, team, snap, mine, today, doc)
        result = evaluate(scan_result(doc), config, today)
    except ModelmapError:
        return None
    return [v.to_dict() for v in result.violations if v.rule_id != WAIVER_UNUSED]


def evaluate_project(policy: OrgPolicy, repo: str, team: str, snap: Snapshot, waivers: list[Waiver],
                     today: dt.date) -> dict[str, Any]:
    """One project's status under the org policy (memoised): status, per-rule counts, violations."""
    key = _cache_key(policy, repo, team, snap, waivers, today)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    out = _evaluate_project(policy, repo, team, snap, waivers, today)
    with _CACHE_LOCK:
        _CACHE[key] = out
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return out


def _evaluate_project(policy: OrgPolicy, repo: str, team: str, snap: Snapshot, mine: list[Waiver],
                      today: dt.date) -> dict[str, Any]:
    from modelmap.errors import ModelmapError
    from modelmap.policy.engine import evaluate
    from modelmap.policy.summary import describe
    from modelmap.policy.waivers import WAIVER_UNUSED
    from modelmap.server.normalize import parse_json, scan_result

    try:
        doc = parse_json(snap.raw)
        config = project_config(policy, repo, team, snap, mine, today, doc)
        result = evaluate(scan_result(doc), config, today)
    except ModelmapError as exc:  # a rule that cannot be evaluated on this project's data: say so, per project
        return {"status": "error", "reason": str(exc)}
    rule_ids = [r.id for r in config.rules]
    # the presets and the regulated flows this evaluation used (a declared regulated flow makes the project
    # regulated for the tag rules): they replace the status entry's presets, which only see the upload's tags
    tags = effective_tags(tags_of(snap, team), config.flows)
    expired = [(w, lw) for w in mine if not is_active(w, today) and w.revoked_at is None
               for lw in to_library(w, rule_ids)]
    violations = []
    per_rule: dict[str, dict[str, int]] = {r: {"violations": 0, "waived": 0} for r in rule_ids}
    # a project waiver stands for one library waiver per rule: "unused" is judged per record, below
    for v in [v for v in result.violations if v.rule_id != WAIVER_UNUSED]:
        counts = per_rule.setdefault(v.rule_id, {"violations": 0, "waived": 0})
        waiver_id = int(v.waiver.where.split(":", 1)[1]) if v.waiver is not None else None
        counts["waived" if waiver_id is not None else "violations"] += 1
        lapsed = None
        if waiver_id is None:
            model_ids = (v.model or "", v.finding.raw) if v.finding is not None else ()
            path = v.path if v.scope == "usage" else None
            lapsed = next((w.id for w, lw in expired
                           if lw.covers(v.rule_id, model_ids=model_ids, path=path, flow=v.flow)), None)
        violations.append({"rule": v.rule_id, "severity": v.severity, "message": v.message,
                           # the facts that triggered it, as modelmap check's details column gives them
                           "details": describe(v, with_message=False) or None,
                           "path": v.path, "line": v.line, "model": v.model, "flow": v.flow,
                           "status": "waived" if waiver_id is not None else "violation",
                           "waiver": waiver_id, "expired_waiver": lapsed})
    severity = {r.id: r.severity for r in config.rules}
    for v in result.violations:  # the built-in rules (flow-empty, waiver-expired...) are in no config rule
        severity.setdefault(v.rule_id, v.severity)
    # a rule fails only where an unwaived violation reaches the project's fail_on threshold, as modelmap check
    # decides; unwaived violations below it (a warning rule under fail_on: error) are reported as "warn"
    failing = {v.rule_id for v in result.failing}
    return {
        "status": "pass" if result.passed else "fail",
        "presets": presets_for(policy, tags),
        "regulated_flows": regulated_flows(config.flows),
        "rules": [{"rule": r, "severity": severity.get(r), "violations": c["violations"], "waived": c["waived"],
                   "status": ("fail" if r in failing else "warn") if c["violations"]
                   else "waived" if c["waived"] else "pass"}
                  for r, c in sorted(per_rule.items())],
        "violations": violations[:MAX_VIOLATIONS_SHOWN],
        "violations_total": len(violations),
        "unused_waivers": sorted({w.id for w in mine if is_active(w, today)}
                                 - {v["waiver"] for v in violations if v["waiver"] is not None}),
    }


def _notice_days(policy: OrgPolicy | None) -> int:
    if policy is None or not policy.config_text:
        return 30
    data = _base_data(policy.config_text, f"org-policy-v{policy.version}.yaml")
    value = data.get("expiry_notice_days", 30) if isinstance(data, dict) else 30
    return value if isinstance(value, int) and not isinstance(value, bool) else 30

