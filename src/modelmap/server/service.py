"""What the API and the pages ask of the database: tokens, ingest, portfolio, models, history and diffs.

Functions take a SQLAlchemy session and a :class:`~modelmap.server.auth.Principal`, and return plain data
(dicts and lists) for the JSON API and the HTML pages alike. Every read is filtered to the projects the
principal may see: its team's, or all for an org admin.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from modelmap.server.auth import Principal, hash_token, new_token, parse_scopes
from modelmap.server.db import Endpoint, Project, Snapshot, SnapshotModel, Team, Token, Usage, utcnow
from modelmap.server.normalize import Normalized

REPO_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,99}){0,4}")
COMMIT_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")
TAG_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/-]{0,99}")


T = TypeVar("T")


class NotFound(LookupError):
    pass


# --------------------------------------------------------------------------- read cache

CACHE_ENTRIES = 64
_cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_cache_lock = threading.Lock()


def _generation(session: Session, who: Principal) -> tuple[int, int]:
    """(projects, ingests) visible to ``who``: every ingest that stores or replaces a snapshot bumps its
    project's counter in the same transaction, so this changes whenever anything a read depends on does."""
    query = select(func.count(Project.id), func.coalesce(func.sum(Project.ingests), 0))
    if not who.is_admin:
        query = query.where(Project.team_id == who.team_id)
    projects_count, ingests = session.execute(query).one()
    return int(projects_count), int(ingests)


def cached(session: Session, who: Principal, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, remembered per process for the visibility scope of ``who`` and the database's current
    generation (one small query per call). Several serve processes stay consistent: each checks the
    generation in the database, so a snapshot stored through one process is seen by the next read of every
    other. The value is shared: callers must not change it."""
    database = session.get_bind().engine.url.render_as_string(hide_password=True)
    full = (database, key, "admin" if who.is_admin else who.team_id, _generation(session, who))
    with _cache_lock:
        if full in _cache:
            _cache.move_to_end(full)
            return _cache[full]
    value = compute()
    with _cache_lock:
        _cache[full] = value
        while len(_cache) > CACHE_ENTRIES:
            _cache.popitem(last=False)
    return value


def is_valid_repo(repo: str) -> bool:
    return bool(REPO_RE.fullmatch(repo)) and ".." not in repo


# --------------------------------------------------------------------------- tokens


def create_token(session: Session, team: str, scopes: str, *, admin: bool = False) -> str:
    """A new token for ``team`` (created when absent); returns the secret, which is not stored."""
    scope_list = parse_scopes(scopes)
    if not TAG_RE.fullmatch(team):
        raise ValueError(f"team name {team[:40]!r} is not allowed: letters, digits, space, . _ / - (≤ 100)")
    row = session.scalar(select(Team).where(Team.name == team))
    if row is None:
        row = Team(name=team)
        session.add(row)
        session.flush()
    secret = new_token()
    session.add(Token(team_id=row.id, token_hash=hash_token(secret), scopes=",".join(scope_list), is_admin=admin))
    session.commit()
    return secret


def authenticate(session: Session, secret: str) -> Principal | None:
    found = session.execute(
        select(Token, Team).join(Team, Team.id == Token.team_id)
        .where(Token.token_hash == hash_token(secret), Token.revoked_at.is_(None))).first()
    if found is None:
        return None
    token, team = found
    return Principal(token_id=token.id, team_id=team.id, team=team.name,
                     scopes=tuple(token.scopes.split(",")), is_admin=token.is_admin)


# --------------------------------------------------------------------------- ingest


def ingest(session: Session, who: Principal, repo: str, doc: Normalized, raw: bytes, *, commit: str,
           branch: str | None, taken_at: dt.datetime | None, business_unit: str | None,
           environment: str | None, regulated: bool | None) -> tuple[str, dict[str, Any]]:
    """Store one snapshot; returns (status, snapshot) with status created | unchanged | replaced.
    Raises NotFound when the project belongs to another team (its existence is not revealed)."""
    for attempt in (1, 2):
        try:
            return _ingest(session, who, repo, doc, raw, commit=commit, branch=branch, taken_at=taken_at,
                           business_unit=business_unit, environment=environment, regulated=regulated)
        except IntegrityError:  # another process created the project or snapshot at the same moment
            session.rollback()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _ingest(session: Session, who: Principal, repo: str, doc: Normalized, raw: bytes, *, commit: str,
            branch: str | None, taken_at: dt.datetime | None, business_unit: str | None,
            environment: str | None, regulated: bool | None) -> tuple[str, dict[str, Any]]:
    # one row lock per project (PostgreSQL; SQLite serialises writers anyway): uploads to one project from
    # several serve processes take turns, so the idempotency check and the latest snapshot stay consistent
    found = session.execute(select(Project.id, Project.team_id, Project.latest_snapshot_id)
                            .where(Project.repo == repo).with_for_update()).first()
    latest_before: int | None = None
    if found is None:
        project_id = session.execute(insert(Project).values(repo=repo, team_id=who.team_id, created_at=utcnow())
                                     .returning(Project.id)).scalar_one()
    elif not who.can_see(found.team_id):
        raise NotFound(repo)
    else:
        project_id, latest_before = found.id, found.latest_snapshot_id
    digest = hashlib.sha256(raw).hexdigest()
    snap = session.scalar(select(Snapshot).where(Snapshot.project_id == project_id, Snapshot.commit == commit))
    status = "created"
    if snap is not None:
        if snap.raw_sha256 == digest:
            session.rollback()
            return "unchanged", snapshot_dict(snap)
        status = "replaced"
        for table in (SnapshotModel, Usage, Endpoint):
            session.execute(delete(table).where(table.snapshot_id == snap.id))
    else:
        snap = Snapshot(project_id=project_id, commit=commit)
        session.add(snap)
    now = utcnow()
    snap.branch, snap.taken_at, snap.uploaded_at = branch, taken_at or now, now
    snap.business_unit, snap.environment, snap.regulated = business_unit, environment, regulated
    snap.format, snap.spec, snap.raw, snap.raw_sha256 = doc.format, doc.spec, raw, digest
    snap.models_count, snap.usages_count = len(doc.models), len(doc.usages)
    snap.truncated = doc.truncated
    session.flush()
    # rows go in as multi-row INSERT ... VALUES statements, one round trip per 500 rows, with no ORM object
    # per row (psycopg's executemany sends one statement per row): bench/SERVER.md
    _insert_rows(session, SnapshotModel, [{
        "snapshot_id": snap.id, "model_key": m["key"], "resolved": m["resolved"],
        "identifiers": m["identifiers"], "publisher": m["publisher"], "publisher_country": m["publisher_country"],
        "origins": m["origins"], "origins_known": m["origins_known"], "serving_countries": m["serving_countries"],
        "served_by": m["served_by"], "license": m["license"], "flows": m["flows"], "confidence": m["confidence"],
        "usages": m["usages"]} for m in doc.models.values()])
    _insert_rows(session, Usage, [{
        "snapshot_id": snap.id, "model_key": u["model"], "identifier": u["identifier"], "path": u["path"],
        "line": u["line"], "flow": u["flow"], "section": u["section"]} for u in doc.usages])
    _insert_rows(session, Endpoint, [{
        "snapshot_id": snap.id, "url": e["url"], "provider": e["provider"], "serving": e["serving"],
        "references": e["references"]} for e in doc.endpoints.values()])
    latest = _set_latest(session, project_id)
    from modelmap.server import summary

    if latest == snap.id or latest != latest_before:  # the latest snapshot is new, replaced or another one
        summary.refresh(session, project_id)
    summary.refresh_trends(session, project_id, snap.id)  # every stored snapshot may change a month's state
    session.commit()
    return status, snapshot_dict(snap)


def _insert_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Store ``rows`` in ``model``'s table in the session's transaction. On PostgreSQL one ``COPY ... FROM
    STDIN`` per table (psycopg 3): no SQL is compiled per row, and the rows travel in one stream. Elsewhere
    (SQLite) one executemany. JSON columns hold the same text either way (``null`` for None, as SQLAlchemy's
    JSON type writes it)."""
    if not rows:
        return
    table = model.__table__
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    import json

    from sqlalchemy import JSON

    names = list(rows[0])
    as_json = [isinstance(table.c[name].type, JSON) for name in names]
    driver = connection.connection.driver_connection
    assert driver is not None
    columns = ", ".join(f'"{name}"' for name in names)  # quoted: endpoints has a column named "references"
    with driver.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([json.dumps(row[name]) if is_json else row[name]
                            for name, is_json in zip(names, as_json, strict=True)])


def _set_latest(session: Session, project_id: int) -> int | None:
    """Record the project's latest snapshot (by time taken, then id) on the project row, which the portfolio
    queries join on (migration 0004); returns its id."""
    latest = (select(Snapshot.id).where(Snapshot.project_id == project_id)
              .order_by(Snapshot.taken_at.desc(), Snapshot.id.desc()).limit(1).scalar_subquery())
    return session.execute(update(Project).where(Project.id == project_id)
                           .values(latest_snapshot_id=latest, ingests=Project.ingests + 1)
                           .returning(Project.latest_snapshot_id)).scalar_one()


def snapshot_dict(snap: Snapshot) -> dict[str, Any]:
    return {"id": snap.id, "commit": snap.commit, "branch": snap.branch,
            "taken_at": _iso(snap.taken_at), "uploaded_at": _iso(snap.uploaded_at),
            "tags": {"business_unit": snap.business_unit, "environment": snap.environment,
                     "regulated": snap.regulated},
            "format": snap.format, "spec": snap.spec, "models": snap.models_count, "usages": snap.usages_count,
            "truncated": snap.truncated}


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite hands back naive datetimes; they were stored in UTC
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.isoformat().replace("+00:00", "Z")


# --------------------------------------------------------------------------- reads


def _visible_projects(session: Session, who: Principal, *, limit: int | None = None,
                      offset: int = 0) -> list[tuple[Project, str]]:
    query = select(Project, Team.name).join(Team, Team.id == Project.team_id)
    if not who.is_admin:
        query = query.where(Project.team_id == who.team_id)
    query = query.order_by(Project.repo).limit(limit).offset(offset)
    return [(p, t) for p, t in session.execute(query).all()]


def _latest(session: Session, project_ids: list[int]) -> dict[int, Snapshot]:
    """The latest snapshot (by time taken, then id) of each project, as ingest records it on the project."""
    if not project_ids:
        return {}
    ids = select(Project.latest_snapshot_id).where(Project.id.in_(project_ids))
    return {s.project_id: s for s in session.scalars(select(Snapshot).where(Snapshot.id.in_(ids)))}


def get_project(session: Session, who: Principal, repo: str) -> tuple[Project, str]:
    found = session.execute(select(Project, Team.name).join(Team, Team.id == Project.team_id)
                            .where(Project.repo == repo)).first()
    if found is None or not who.can_see(found[0].team_id):
        raise NotFound(repo)
    return found[0], found[1]


def projects(session: Session, who: Principal, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Visible projects by name with their latest snapshot, ``limit`` from ``offset`` (all when None)."""
    visible = _visible_projects(session, who, limit=limit, offset=offset)
    latest = _latest(session, [p.id for p, _ in visible])
    return [{"repo": p.repo, "team": team, "latest": snapshot_dict(latest[p.id]) if p.id in latest else None}
            for p, team in visible]


def _model_row(m: SnapshotModel) -> dict[str, Any]:
    return {"model": m.model_key, "resolved": m.resolved, "identifiers": m.identifiers,
            "publisher": m.publisher, "publisher_country": m.publisher_country, "origins": m.origins,
            "origins_known": m.origins_known, "serving_countries": m.serving_countries,
            "served_by": m.served_by, "license": m.license, "flows": m.flows, "confidence": m.confidence,
            "usages": m.usages}


REPOS_LIMIT = 100  # repository names listed per model or group by default (the counts are always complete)
REPOS_LIMIT_MAX = 5000


def _json_list(text: str | None) -> list[str] | None:
    import json

    value = json.loads(text) if text is not None else None
    return value if isinstance(value, list) else None


def portfolio(session: Session, who: Principal, *, repos_limit: int = REPOS_LIMIT) -> dict[str, Any]:
    """Every model in the latest snapshot of every visible project, with the repos that use it (the first
    ``repos_limit`` by name; ``repos_count`` counts them all), and the portfolio counted by origin, publisher and
    serving country (repos per key; "unknown" where unknown), with concentration. Read from the summaries that
    ingest keeps (:mod:`modelmap.server.summary`), and remembered per generation of the data (:func:`cached`)."""
    from modelmap.server import summary

    return cached(session, who, ("portfolio", repos_limit), lambda: summary.portfolio(session, who, repos_limit))


def _visible_counts(session: Session, who: Principal) -> tuple[int, int]:
    """(projects, projects with a snapshot) visible to ``who``."""
    query = select(func.count(Project.id), func.count(Project.latest_snapshot_id))
    if not who.is_admin:
        query = query.where(Project.team_id == who.team_id)
    projects_count, with_snapshots = session.execute(query).one()
    return int(projects_count), int(with_snapshots)


def policy_status(session: Session, who: Principal) -> dict[str, Any]:
    """``orgpolicy.status`` for the policy page, computed once per generation of the data, version of the org
    policy, count of waiver events (every create, change and revoke adds one) and day."""
    from modelmap.server import orgpolicy
    from modelmap.server.db import OrgPolicy, WaiverEvent

    today = utcnow().date()
    version = session.scalar(select(func.max(OrgPolicy.version)))
    events = session.scalar(select(func.count(WaiverEvent.id)))
    return cached(session, who, ("policy_status", today.isoformat(), version, events),
                  lambda: orgpolicy.status(session, who, today))


def model_detail(session: Session, who: Principal, key: str, *, limit: int = REPOS_LIMIT,
                 offset: int = 0) -> dict[str, Any]:
    """One model (:func:`_model_detail`), computed once per generation of the data (:func:`cached`)."""
    return cached(session, who, ("model", key, limit, offset),
                  lambda: _model_detail(session, who, key, limit=limit, offset=offset))


def _model_detail(session: Session, who: Principal, key: str, *, limit: int, offset: int) -> dict[str, Any]:
    """Who uses a model: each visible repo's latest snapshot, its flows and places (file:line). Repositories are
    listed by name, ``limit`` from ``offset`` (``repos_total`` counts them all; ``usages`` sums them all)."""
    scope = (select(SnapshotModel.id, SnapshotModel.usages, Project.repo, Project.team_id, Snapshot.commit)
             .join(Project, Project.latest_snapshot_id == SnapshotModel.snapshot_id)
             .join(Snapshot, Snapshot.id == SnapshotModel.snapshot_id)
             .where(SnapshotModel.model_key == key))
    if not who.is_admin:
        scope = scope.where(Project.team_id == who.team_id)
    sub = scope.subquery()
    total, usages, first_id = session.execute(
        select(func.count(), func.sum(sub.c.usages), func.min(sub.c.id))).one()
    if not total:
        raise NotFound(key)
    first = session.get(SnapshotModel, first_id)
    assert first is not None
    page = session.execute(
        select(SnapshotModel, sub.c.repo, sub.c.commit, Team.name).join(sub, sub.c.id == SnapshotModel.id)
        .join(Team, Team.id == sub.c.team_id).order_by(sub.c.repo).limit(limit).offset(offset)).all()
    by_snap: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if page:
        places = session.execute(
            select(Usage.snapshot_id, Usage.path, Usage.line, Usage.flow, Usage.section, Usage.identifier)
            .where(Usage.snapshot_id.in_([r[0].snapshot_id for r in page]), Usage.model_key == key)
            .order_by(Usage.path, Usage.line))
        for snapshot_id, path, line, flow, section, identifier in places:
            by_snap[snapshot_id].append({"path": path, "line": line, "flow": flow, "section": section,
                                         "identifier": identifier})
    return {
        **{k: v for k, v in _model_row(first).items() if k not in ("usages", "flows")},
        "usages": int(usages or 0),
        "repos_total": int(total), "offset": offset, "limit": limit,
        "repos": [{"repo": repo, "team": team, "commit": commit, "flows": r.flows, "usages": r.usages,
                   "serving_countries": r.serving_countries, "served_by": r.served_by,
                   "places": by_snap.get(r.snapshot_id, [])}
                  for r, repo, commit, team in page],
    }


def history(session: Session, who: Principal, repo: str, *, limit: int | None = None,
            offset: int = 0) -> dict[str, Any]:
    """A repository's snapshots, newest first, ``limit`` from ``offset`` (all when None); ``total`` counts all."""
    project, team = get_project(session, who, repo)
    snaps = session.scalars(select(Snapshot).where(Snapshot.project_id == project.id)
                            .order_by(Snapshot.taken_at.desc(), Snapshot.id.desc()).limit(limit).offset(offset))
    total = session.scalar(select(func.count()).where(Snapshot.project_id == project.id))
    return {"repo": project.repo, "team": team, "total": total, "snapshots": [snapshot_dict(s) for s in snaps]}


def snapshot_content(session: Session, who: Principal, repo: str, commit: str | None = None) -> dict[str, Any]:
    """A snapshot's models, usages and endpoints (the latest one unless ``commit`` is given)."""
    project, team = get_project(session, who, repo)
    if commit is None:
        snap = _latest(session, [project.id]).get(project.id)
    else:
        snap = session.scalar(select(Snapshot).where(Snapshot.project_id == project.id,
                                                     Snapshot.commit == commit))
    if snap is None:
        raise NotFound(f"{repo}@{commit}")
    models = session.scalars(select(SnapshotModel).where(SnapshotModel.snapshot_id == snap.id)
                             .order_by(SnapshotModel.model_key))
    usages = session.scalars(select(Usage).where(Usage.snapshot_id == snap.id)
                             .order_by(Usage.flow, Usage.path, Usage.line))
    endpoints = session.scalars(select(Endpoint).where(Endpoint.snapshot_id == snap.id).order_by(Endpoint.url))
    return {"repo": project.repo, "team": team, "snapshot": snapshot_dict(snap),
            "models": [_model_row(m) for m in models],
            "usages": [{"model": u.model_key, "identifier": u.identifier, "path": u.path, "line": u.line,
                        "flow": u.flow, "section": u.section} for u in usages],
            "endpoints": [{"url": e.url, "provider": e.provider, "serving": e.serving,
                           "references": e.references} for e in endpoints]}


def diff(session: Session, who: Principal, repo: str, old: str, new: str) -> dict[str, Any]:
    """``modelmap.diff/3`` between two snapshots of a repo (modelmap.diff.diff_sides). Its ``policy`` is the org
    policy's new and resolved violations when there is one and both snapshots are scans (null otherwise), each side
    evaluated as the policy status evaluates a latest snapshot: its own flows and tags, today's active waivers."""
    from modelmap.diff import Side, diff_sides
    from modelmap.server import orgpolicy

    sides = []
    for commit in (old, new):
        content = snapshot_content(session, who, repo, commit)
        side = Side(label=f"{repo}@{commit}", kind=content["snapshot"]["format"])
        project, team = get_project(session, who, repo)
        snap = session.scalar(select(Snapshot).where(Snapshot.project_id == project.id, Snapshot.commit == commit))
        rows = orgpolicy.snapshot_violations(session, project, team, snap) if snap is not None else None
        if rows is not None:
            side.violations = {}
            for v in rows:  # grouped by fingerprint, as modelmap diff groups them (one file may repeat a use)
                side.violations.setdefault(v["fingerprint"], []).append(v)
        paths: dict[str, set[str]] = defaultdict(set)
        flows: dict[str, set[str]] = defaultdict(set)
        for u in content["usages"]:
            paths[u["model"]].add(u["path"])
            if u.get("flow"):
                flows[u["model"]].add(u["flow"])
        for m in content["models"]:
            # the stored model rows name all of a model's flows: a usage in two flows is stored with flow null, so
            # the usages alone lost both (a diff said `support` newly used a model it always used and missed
            # `billing` dropping it, where the CLI's diff of the same two documents got both right)
            flows[m["model"]].update(f for f in m.get("flows") or () if isinstance(f, str) and f)
            side.models[m["model"]] = {"model": m["model"], "resolved": m["resolved"], "publisher": m["publisher"],
                                       "publisher_country": m["publisher_country"],
                                       "origins": m["origins"],  # None: unknown (diff/2 keeps it null)
                                       "serving_countries": m["serving_countries"] or [],
                                       "license": m["license"], "usages": m["usages"], "paths": paths[m["model"]],
                                       "flows": flows[m["model"]]}
        # a snapshot whose usages or models name flows came from a project that declares them; else unknown
        side.flows_known = any(flows.values())
        sides.append(side)
    return diff_sides(sides[0], sides[1])


def ensure_token(session: Session, secret: str, team: str, scopes: str, *, admin: bool = False) -> None:
    """Record ``secret`` (from the environment) as a token of ``team`` unless it is recorded already: the
    bootstrap for an org admin that never prints a token."""
    if len(secret) < 24:
        raise ValueError("a bootstrap token must be at least 24 characters (use a random one)")
    if session.scalar(select(Token).where(Token.token_hash == hash_token(secret))) is not None:
        return
    row = session.scalar(select(Team).where(Team.name == team))
    if row is None:
        row = Team(name=team)
        session.add(row)
        session.flush()
    session.add(Token(team_id=row.id, token_hash=hash_token(secret), scopes=",".join(parse_scopes(scopes)),
                      is_admin=admin))
    session.commit()


def scenarios() -> list[str]:
    from modelmap.switch.scenario import available_scenarios

    return list(available_scenarios())


#: Bounds on the declared flows an upload may carry (a scan's ``flows`` block) and on the (flow, file) memberships its
#: findings give them (each is a glob and, in a flow the policy fails, a violation: 500 flows naming 100 files each
#: took 17 s of CPU to evaluate, 2,000 x 400 over ten minutes): past either, the project is evaluated as one flow
#: with every declared flow's tags (_one_flow_past_bounds), never with fewer than its flows carry.
MAX_DECLARED_FLOWS = 2_000
MAX_FLOW_MEMBERSHIPS = 50_000
MAX_FLOW_TAGS = 64


def project_config(repo: str, snap: Snapshot, doc: Any = None) -> Any:
    """The project's flows as its upload gives them, each tagged with what the upload said of the repository
    (``regulated`` when the snapshot is tagged regulated, and its environment, e.g. ``production``).

    A ``modelmap scan`` JSON of a project that declares flows carries them (``flows``: name and tags) and each
    finding's membership (its ``flows``): then every declared flow is evaluated with its own tags plus the
    snapshot's, over exactly the files the scan put in it, as ``modelmap check`` evaluates them, and the usages in
    no declared flow form one more flow named after the repository. Otherwise (a BOM, a scan without declared
    flows) the project is one flow over every path. Nothing else is assumed. ``doc``: the parsed upload, when the
    caller has it."""
    from modelmap.policy.config import Flow, ProjectConfig

    tags = tuple(t for t in ("regulated" if snap.regulated else None, snap.environment) if t)
    if doc is None and snap.format == "scan":
        from modelmap.server.normalize import parse_json

        doc = parse_json(snap.raw)
    flows = _declared_flows(doc, repo, tags)
    if not flows:
        flows = (Flow(name=repo, paths=("**",), tags=tags, description="the whole repository (server-side)"),)
    return ProjectConfig(flows=flows, flow_index={f.name: f for f in flows})


def _declared_flows(doc: Any, repo: str, tags: tuple[str, ...]) -> tuple[Any, ...]:
    """The declared flows of a scan upload, each over the files its findings name (globs anchored at the root,
    so ``app.py`` is the root's only), and one flow named after the repository for the files in none."""
    from modelmap.policy.config import Flow

    declared = doc.get("flows") if isinstance(doc, dict) else None
    if not isinstance(declared, list) or not declared:
        return ()
    if len(declared) > MAX_DECLARED_FLOWS:
        return _one_flow_past_bounds(declared, repo, tags, f"{len(declared):,} declared flows (at most "
                                     f"{MAX_DECLARED_FLOWS:,} are evaluated one by one)")
    members: dict[str, set[str]] = {}
    rest: set[str] = set()
    pairs = 0
    for finding in doc.get("findings") or ():
        names = finding.get("flows") if isinstance(finding, dict) else None
        path = finding.get("path") if isinstance(finding, dict) else None
        if not isinstance(path, str) or not isinstance(names, list):
            continue
        glob = "/" + path.replace("*", "?")  # `?` is one character: a `*` in a file name stays that file's
        for name in names:
            if isinstance(name, str):
                paths = members.setdefault(name, set())
                if glob not in paths:
                    paths.add(glob)
                    pairs += 1
        if pairs > MAX_FLOW_MEMBERSHIPS:
            return _one_flow_past_bounds(declared, repo, tags, f"more than {MAX_FLOW_MEMBERSHIPS:,} (flow, file) "
                                         "memberships in its findings")
        if not names:
            rest.add(glob)
    # a file in a declared flow is not in the rest for a finding there in none (a name no model API uses there)
    rest -= set().union(*members.values()) if members else set()
    out = []
    for entry in declared:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        own = tuple(str(t) for t in entry.get("tags") or () if isinstance(t, str))[:MAX_FLOW_TAGS]
        described = entry.get("description")
        description = described if isinstance(described, str) else ""
        out.append(Flow(name=entry["name"], paths=tuple(sorted(members.get(entry["name"], ()))),
                        tags=tuple(dict.fromkeys(own + tags)), description=description))
    if rest and repo not in {f.name for f in out}:
        out.append(Flow(name=repo, paths=tuple(sorted(rest)), tags=tags,
                        description="the files in no declared flow (server-side)"))
    return tuple(out)


def _one_flow_past_bounds(declared: list[Any], repo: str, tags: tuple[str, ...], why: str) -> tuple[Any, ...]:
    """The project as one flow over every file, tagged with every declared flow's tags and the snapshot's: an upload
    past the bounds on declared flows is not evaluated flow by flow, but a flow it tags ``regulated`` still makes
    the whole project regulated (stricter than its flows, never laxer)."""
    from modelmap.policy.config import Flow

    own: dict[str, None] = {}
    for entry in declared:
        for tag in (entry.get("tags") or ()) if isinstance(entry, dict) and isinstance(entry.get("tags"), list) else ():
            if isinstance(tag, str) and len(own) < MAX_FLOW_TAGS:
                own[tag] = None
    return (Flow(name=repo, paths=("**",), tags=tuple(dict.fromkeys((*own, *tags))),
                 description=f"the whole repository (server-side): its upload has {why}, so it is evaluated as one "
                             "flow with every declared flow's tags"),)


def scenario_exposure(session: Session, who: Principal, name: str) -> dict[str, Any]:
    """``modelmap scenario NAME`` over the latest snapshot of every visible repository (modelmap.switch.scenario).

    The repository's own modelmap.yaml is not uploaded: a scan upload's declared flows carry their tags, and
    otherwise the project is one flow whose tags are the snapshot's tags (``project_config``). It needs the scan's findings, so snapshots uploaded as a modelmap scan are evaluated; a BOM snapshot is
    listed under ``not_evaluated`` with the reason, never counted as unaffected. Raises NotFound for an unknown
    scenario."""
    from modelmap.errors import ConfigError
    from modelmap.server.normalize import parse_json, scan_result
    from modelmap.switch.scenario import affected, load_scenario

    try:
        scenario = load_scenario(name)
    except ConfigError:
        raise NotFound(name) from None
    visible = _visible_projects(session, who)
    latest = _latest(session, [p.id for p, _ in visible])
    evaluated: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    for project, team in visible:
        snap = latest.get(project.id)
        if snap is None:
            continue
        if snap.format != "scan":
            skipped.append({"repo": project.repo, "commit": snap.commit,
                            "reason": f"the latest snapshot is a {snap.spec} document; a scenario needs a modelmap "
                                      "scan upload (modelmap scan --upload)"})
            continue
        doc = parse_json(snap.raw)
        res = affected(scan_result(doc), scenario, project_config(project.repo, snap, doc))
        evaluated.append({"repo": project.repo, "team": team, "commit": snap.commit, "summary": res.summary(),
                          "affected": [a.to_dict() for a in res.affected]})
    usages = sum(p["summary"]["usages"] for p in evaluated)
    total = sum(p["summary"]["usages_total"] for p in evaluated)
    return {"scenario": scenario.to_dict(), "description": scenario.description, "projects": evaluated,
            "not_evaluated": skipped,
            "summary": {"projects_evaluated": len(evaluated), "projects_affected": sum(
                1 for p in evaluated if p["summary"]["usages"] or p["summary"]["endpoints"]),
                "usages_affected": usages, "usages_total": total,
                "share": round(usages / total, 6) if total else 0.0}}


TREND_DIMENSIONS = ("origin", "publisher", "model", "serving_country")


def trends(session: Session, who: Principal, by: str = "origin") -> dict[str, Any]:
    """Adoption over time (:func:`_trends`), computed once per generation of the data (:func:`cached`)."""
    if by not in TREND_DIMENSIONS:
        raise ValueError(f"by must be one of {', '.join(TREND_DIMENSIONS)}")
    return cached(session, who, ("trends", by), lambda: _trends(session, who, by))


def _trends(session: Session, who: Principal, by: str) -> dict[str, Any]:
    """Adoption over time (the "adoption watch"): at the end of each month from the first snapshot to the last,
    how many visible repositories use each origin, publisher, model or serving country, counting each
    repository's latest snapshot taken by then. ``unknown`` counts repositories where the fact is unknown.
    Read from the monthly counters ingest keeps (:func:`modelmap.server.summary.trends`, migration 0007)."""
    from modelmap.server import summary

    if by not in TREND_DIMENSIONS:
        raise ValueError(f"by must be one of {', '.join(TREND_DIMENSIONS)}")
    return summary.trends(session, who, by)


def _trends_full(session: Session, who: Principal, by: str) -> dict[str, Any]:
    """:func:`_trends` computed from every visible snapshot's model rows, without the summaries: the reference
    that tests/server/test_summary_trends.py compares the summary-backed answer with."""
    if by not in TREND_DIMENSIONS:
        raise ValueError(f"by must be one of {', '.join(TREND_DIMENSIONS)}")
    visible = {p.id: p.repo for p, _ in _visible_projects(session, who)}
    snaps = session.execute(select(Snapshot.id, Snapshot.project_id, Snapshot.taken_at)
                            .where(Snapshot.project_id.in_(list(visible)))
                            .order_by(Snapshot.taken_at, Snapshot.id)).all() if visible else []
    if not snaps:
        return {"by": by, "periods": [], "series": {}}
    from sqlalchemy import Text, cast

    # only the column counted, each distinct (snapshot, value) once, as Core rows; JSON lists decoded once each
    column = {"model": SnapshotModel.model_key, "publisher": SnapshotModel.publisher,
              "origin": cast(SnapshotModel.origins, Text),
              "serving_country": cast(SnapshotModel.serving_countries, Text)}[by]
    query = (select(SnapshotModel.snapshot_id, column).distinct()
             .join(Snapshot, Snapshot.id == SnapshotModel.snapshot_id))
    if not who.is_admin:
        query = query.join(Project, Project.id == Snapshot.project_id).where(Project.team_id == who.team_id)
    keys_of: dict[int, set[str]] = defaultdict(set)
    decoded: dict[str | None, list[str]] = {}
    for snapshot_id, value in session.connection().execute(query):
        if by in ("model", "publisher"):
            keys_of[snapshot_id].add(value or "unknown")
        else:
            if value not in decoded:
                values = _json_list(value)
                decoded[value] = values if values is not None else ["unknown"]
            keys_of[snapshot_id].update(decoded[value])

    def month(value: dt.datetime) -> tuple[int, int]:
        return value.year, value.month

    first, last = month(snaps[0].taken_at), month(snaps[-1].taken_at)
    periods: list[tuple[int, int]] = []
    year, mon = first
    while (year, mon) <= last:
        periods.append((year, mon))
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    series: dict[str, list[int]] = defaultdict(lambda: [0] * len(periods))
    current: dict[int, int] = {}  # project -> its latest snapshot so far
    index = 0
    for i, period in enumerate(periods):
        while index < len(snaps) and month(snaps[index].taken_at) <= period:
            current[snaps[index].project_id] = snaps[index].id
            index += 1
        for snapshot_id in current.values():
            for key in keys_of.get(snapshot_id, ()):
                series[key][i] += 1
    return {"by": by, "periods": [f"{y:04d}-{m:02d}" for y, m in periods],
            "repos": [len({s.project_id for s in snaps if month(s.taken_at) <= p}) for p in periods],
            "series": dict(sorted(series.items()))}
