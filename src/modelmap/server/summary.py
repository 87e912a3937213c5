"""Summaries of every project's latest snapshot, kept by ingest, that the portfolio reads (migration 0006).

Two tables, changed in the transaction that stores a snapshot:

* ``portfolio_members``: one row per repository and (dimension, key) of its latest snapshot. The dimensions
  are ``model`` (with the snapshot_models row id and its serving lists), ``origin``, ``publisher`` and
  ``serving_country``; an unknown fact is the key ``unknown``, as the portfolio shows it.
* ``portfolio_keys``: per team and (dimension, key), the number of member rows (repositories) and their
  usages, plus ``model_serving`` counters per model and distinct pair of serving lists. A changed project
  adds the difference between its new members and its old ones.

So the first portfolio read after an upload sums a few thousand counters and lists the first names per key
from an index, instead of walking the 100,000 model rows of 2,000 repositories x 50 models (bench/SERVER.md).
:func:`rebuild` recomputes both tables from the snapshots (migration 0006 fills them for existing data; a test
checks that what ingest keeps equals a rebuild).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Text, cast, delete, func, select, text
from sqlalchemy.orm import Session

from modelmap.server.auth import Principal
from modelmap.server.db import (
    PortfolioKey,
    PortfolioMember,
    Project,
    Snapshot,
    SnapshotModel,
    TrendCount,
    TrendMember,
)

DIMENSIONS = ("origin", "publisher", "serving_country")  # the portfolio's groups, in its order
UNKNOWN = "unknown"
SERVING = "model_serving"  # counters only: (model, serving countries, servers) as stored, per model row
NO_ORIGIN = "no_origin"  # one member per repository with models of unknown or no origins; key ""
LISTED = ("model", *DIMENSIONS)  # the dimensions whose repository names the portfolio lists

Counts = dict[tuple[str, str], list[int]]  # (dimension, key) -> [repos, usages]


def _json_list(value: str | None) -> list[str] | None:
    decoded = json.loads(value) if value is not None else None
    return decoded if isinstance(decoded, list) else None


def _model_rows(session: Session, snapshot_id: int) -> list[tuple[Any, ...]]:
    sm = SnapshotModel
    return list(session.execute(
        select(sm.id, sm.model_key, sm.usages, sm.publisher, cast(sm.origins, Text),
               cast(sm.serving_countries, Text), cast(sm.served_by, Text))
        .where(sm.snapshot_id == snapshot_id).order_by(sm.id)))


def members_of(project_id: int, team_id: int, repo: str, rows: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """The member rows of one latest snapshot, from its snapshot_models rows (id, key, usages, publisher, and
    the origins, serving countries and servers as stored JSON text)."""
    out: list[dict[str, Any]] = []
    groups: dict[tuple[str, str], int] = {}
    base = {"project_id": project_id, "team_id": team_id, "repo": repo}
    for row_id, key, usages, publisher, origins, serving, served_by in rows:
        n = int(usages or 0)
        out.append({**base, "dimension": "model", "key": key, "usages": n, "snapshot_model_id": row_id,
                    "serving": serving, "served_by": served_by})
        origin_list = _json_list(origins)
        countries = _json_list(serving)
        if not origin_list:  # concentration counts these usages as of no known origin
            groups[(NO_ORIGIN, "")] = groups.get((NO_ORIGIN, ""), 0) + n
        for dimension, values in (("origin", origin_list if origin_list is not None else [UNKNOWN]),
                                  ("publisher", [publisher or UNKNOWN]),
                                  ("serving_country", countries if countries is not None else [UNKNOWN])):
            for value in dict.fromkeys(str(v) for v in values):
                groups[(dimension, value)] = groups.get((dimension, value), 0) + n
    out += [{**base, "dimension": dimension, "key": key, "usages": n, "snapshot_model_id": None, "serving": None,
             "served_by": None} for (dimension, key), n in groups.items()]
    return out


def _serving_key(model: str, serving: str | None, served_by: str | None) -> str:
    return json.dumps([model, serving, served_by])


def _counts(members: Iterable[dict[str, Any]]) -> Counts:
    """Counters of member rows per (dimension, key); each model row also counts under ``model_serving``, keyed
    by the model and its two serving lists as stored, so the portfolio reads each model's distinct serving
    lists from the counters rather than from every member row."""
    counts: Counts = {}
    for m in members:
        keys = [(m["dimension"], m["key"])]
        if m["dimension"] == "model":
            keys.append((SERVING, _serving_key(m["key"], m["serving"], m["served_by"])))
        for key in keys:
            entry = counts.setdefault(key, [0, 0])
            entry[0] += 1
            entry[1] += m["usages"]
    return counts


def upsert_into(session: Session, table: Any) -> Any:
    """An INSERT into ``table`` that can take ``on_conflict_do_update`` (PostgreSQL or SQLite)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def _upsert(session: Session, team_id: int, delta: Counts) -> None:
    """Add ``delta`` to the team's counters, in key order (concurrent ingests of one team lock the same rows
    in the same order, so they wait for each other and never deadlock), then drop counters that reached 0."""
    rows = [{"team_id": team_id, "dimension": d, "key": k, "repos": r, "usages": u}
            for (d, k), (r, u) in sorted(delta.items()) if r or u]
    if not rows:
        return
    table: Any = PortfolioKey.__table__
    statement = upsert_into(session, table)
    statement = statement.on_conflict_do_update(
        index_elements=["team_id", "dimension", "key"],
        set_={"repos": table.c.repos + statement.excluded.repos, "usages": table.c.usages + statement.excluded.usages})
    session.execute(statement, rows)
    session.execute(delete(PortfolioKey).where(PortfolioKey.team_id == team_id, PortfolioKey.repos <= 0))


def refresh(session: Session, project_id: int) -> None:
    """Bring one project's summaries to its latest snapshot (in the caller's transaction)."""
    from modelmap.server.service import _insert_rows

    project = session.execute(select(Project.team_id, Project.repo, Project.latest_snapshot_id)
                              .where(Project.id == project_id)).one()
    pm = PortfolioMember
    old = [{"dimension": d, "key": k, "usages": u, "serving": serving, "served_by": served_by}
           for d, k, u, serving, served_by in session.execute(
               select(pm.dimension, pm.key, pm.usages, pm.serving, pm.served_by).where(pm.project_id == project_id))]
    if old:
        session.execute(delete(PortfolioMember).where(PortfolioMember.project_id == project_id))
    new = [] if project.latest_snapshot_id is None else members_of(
        project_id, project.team_id, project.repo, _model_rows(session, project.latest_snapshot_id))
    _insert_rows(session, PortfolioMember, new)
    delta: Counts = {}
    for sign, counts in ((1, _counts(new)), (-1, _counts(old))):
        for key, (repos, usages) in counts.items():
            entry = delta.setdefault(key, [0, 0])
            entry[0] += sign * repos
            entry[1] += sign * usages
    _upsert(session, project.team_id, delta)


def compute(session: Session) -> tuple[dict[int, Counts], list[dict[str, Any]]]:
    """Both summaries computed from the snapshots alone: (per team counts, member rows)."""
    members: list[dict[str, Any]] = []
    projects = session.execute(select(Project.id, Project.team_id, Project.repo, Project.latest_snapshot_id)
                               .where(Project.latest_snapshot_id.is_not(None)).order_by(Project.id)).all()
    for project_id, team_id, repo, snapshot_id in projects:
        if snapshot_id is not None:
            members += members_of(project_id, team_id, repo, _model_rows(session, snapshot_id))
    by_team: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in members:
        by_team[m["team_id"]].append(m)
    return {team: _counts(rows) for team, rows in by_team.items()}, members


def rebuild(session: Session) -> None:
    """Replace both summaries with :func:`compute` (in the caller's transaction; migration 0006 uses it)."""
    from modelmap.server.service import _insert_rows

    counts, members = compute(session)
    session.execute(delete(PortfolioMember))
    session.execute(delete(PortfolioKey))
    _insert_rows(session, PortfolioMember, members)
    for team_id, team_counts in sorted(counts.items()):
        _upsert(session, team_id, team_counts)


# --------------------------------------------------------------------------- the portfolio, read from them


def _names(session: Session, who: Principal, limit: int) -> dict[tuple[str, str], list[str]]:
    """The first ``limit`` repository names (code-point order) per (dimension, key) of what ``who`` sees:
    on PostgreSQL one ARRAY subquery per key over the (dimension, key, repo) index, one row per key; a window
    over the members elsewhere."""
    if limit <= 0:
        return {}
    team = "" if who.is_admin else " AND team_id = :team"
    params: dict[str, Any] = {"limit": limit, "team": who.team_id}
    names: dict[tuple[str, str], list[str]] = {}
    if session.get_bind().dialect.name == "postgresql":  # one row per key, its names gathered in the database
        sql = ("SELECT k.dimension, k.key, ARRAY(SELECT m.repo FROM portfolio_members m WHERE m.dimension = "
               f"k.dimension AND m.key = k.key{team} ORDER BY m.repo LIMIT :limit) FROM (SELECT DISTINCT dimension, "
               f"key FROM portfolio_keys WHERE repos > 0 AND dimension IN ('model', 'origin', 'publisher', "
               f"'serving_country'){team}) k")
        for dimension, key, repos in session.connection().execute(text(sql), params).fetchall():
            names[(dimension, key)] = list(repos)
        return names
    where = "" if who.is_admin else " AND team_id = :team"
    sql = ("SELECT dimension, key, repo FROM (SELECT dimension, key, repo, row_number() OVER "
           "(PARTITION BY dimension, key ORDER BY repo) AS n FROM portfolio_members WHERE dimension IN ('model', "
           f"'origin', 'publisher', 'serving_country'){where}) "
           "WHERE n <= :limit ORDER BY dimension, key, repo")
    for dimension, key, repo in session.connection().execute(text(sql), params).fetchall():
        names.setdefault((dimension, key), []).append(repo)
    return names


def portfolio(session: Session, who: Principal, repos_limit: int) -> dict[str, Any]:
    """The portfolio (``GET /api/v1/portfolio``) from the summaries: the same answer as counting every visible
    latest snapshot's model rows, at the cost of a few thousand counters and the names listed."""
    from modelmap.server.service import _model_row, _visible_counts
    from modelmap.switch.optionality import hhi

    visible, with_snapshots = _visible_counts(session, who)
    query = select(PortfolioKey.dimension, PortfolioKey.key, func.sum(PortfolioKey.repos),
                   func.sum(PortfolioKey.usages)).group_by(PortfolioKey.dimension, PortfolioKey.key)
    if not who.is_admin:
        query = query.where(PortfolioKey.team_id == who.team_id)
    counts = {(d, k): (int(r), int(u)) for d, k, r, u in session.execute(query) if r}
    names = _names(session, who, repos_limit)

    # per model: the union of what repos know of its serving (distinct lists, from the counters), and the
    # lowest model row id, whose facts are shown (one index probe per model)
    serving_of: dict[str, set[str] | None] = {}
    served_by_of: dict[str, set[str] | None] = {}
    for (dimension, combo), _ in sorted(counts.items()):
        if dimension != SERVING:
            continue
        key, serving, served_by = json.loads(combo)
        for fact, values in ((serving_of, _json_list(serving)), (served_by_of, _json_list(served_by))):
            if values is not None:
                known = fact.get(key)
                fact[key] = set(values) if known is None else known | set(values)
            else:
                fact.setdefault(key, None)
    team = "" if who.is_admin else " AND team_id = :team"
    first_id = {key: int(lowest) for key, lowest in session.execute(text(
        "SELECT k.key, (SELECT min(m.snapshot_model_id) FROM portfolio_members m WHERE m.dimension = 'model' "
        f"AND m.key = k.key{team}) FROM (SELECT DISTINCT key FROM portfolio_keys WHERE dimension = 'model' "
        f"AND repos > 0{team}) k"), {"team": who.team_id}) if lowest is not None}
    firsts = {m.model_key: m for m in session.scalars(select(SnapshotModel)
                                                      .where(SnapshotModel.id.in_(list(first_id.values()))))}
    models = []
    for key in sorted(first_id):
        repos, usages = counts.get(("model", key), (0, 0))
        known_countries, known_servers = serving_of.get(key), served_by_of.get(key)
        models.append({**_model_row(firsts[key]), "repos": names.get(("model", key), []), "repos_count": repos,
                       "usages": usages,
                       "serving_countries": sorted(known_countries) if known_countries is not None else None,
                       "served_by": sorted(known_servers) if known_servers is not None else None})
    usage_by_model = Counter({k: u for (d, k), (_, u) in counts.items() if d == "model"})
    usage_by_publisher = Counter({k: u for (d, k), (_, u) in counts.items() if d == "publisher"})
    return {
        "projects": visible,
        "projects_with_snapshots": with_snapshots,
        "models": models,
        "by": {dim: [{"key": k, "repos": names.get((dim, k), []), "count": r}
                     for (_, k), (r, _) in sorted(((dk, c) for dk, c in counts.items() if dk[0] == dim),
                                                  key=lambda kv: (-kv[1][0], kv[0][1]))]
               for dim in DIMENSIONS},
        "concentration": {"hhi_model": hhi(usage_by_model), "hhi_publisher": hhi(usage_by_publisher),
                          "usages": sum(usage_by_model.values())},
    }


# --------------------------------------------------------------------------- optionality, read from them


def _team_counts(session: Session, who: Principal) -> dict[tuple[str, str], tuple[int, int]]:
    query = select(PortfolioKey.dimension, PortfolioKey.key, func.sum(PortfolioKey.repos),
                   func.sum(PortfolioKey.usages)).group_by(PortfolioKey.dimension, PortfolioKey.key)
    if not who.is_admin:
        query = query.where(PortfolioKey.team_id == who.team_id)
    return {(d, k): (int(r), int(u)) for d, k, r, u in session.execute(query) if r}


def concentration(session: Session, who: Principal) -> dict[str, Any]:
    """Concentration by model, publisher and origin over the usages of every visible latest snapshot, from the
    counters: the same table as counting the model rows (``modelmap.switch.optionality``)."""
    from modelmap.switch.optionality import UNKNOWN as LIBRARY_UNKNOWN
    from modelmap.switch.optionality import concentration_table

    counts = _team_counts(session, who)
    models: Counter[str] = Counter()
    publishers: Counter[str] = Counter()
    origins: Counter[str] = Counter()
    no_publisher = no_origin = 0
    for (dimension, key), (_, usages) in sorted(counts.items()):
        if dimension == "model":
            models[key] += usages
        elif dimension == "publisher":
            if key == UNKNOWN:
                no_publisher += usages
            else:
                publishers[key] += usages
        elif dimension == "origin" and key != UNKNOWN:
            origins[key.upper()] += usages
        elif dimension == NO_ORIGIN:
            no_origin += usages
    table = concentration_table(sum(models.values()), models, publishers, no_publisher, origins, no_origin)
    return {**table, "unknown": LIBRARY_UNKNOWN}


def sole_suppliers(session: Session, who: Principal, listed: int) -> list[dict[str, Any]]:
    """Per publisher, the visible repositories whose every model comes from it (publisher known): those with
    exactly one publisher member, which is not ``unknown``; the first ``listed`` names of each."""
    pm = PortfolioMember
    single = select(pm.project_id).where(pm.dimension == "publisher").group_by(pm.project_id).having(
        func.count() == 1)
    if not who.is_admin:
        single = single.where(pm.team_id == who.team_id)
    rows = session.execute(
        select(pm.key, Project.repo).join(Project, Project.id == pm.project_id)
        .where(pm.dimension == "publisher", pm.key != UNKNOWN, pm.project_id.in_(single))
        .order_by(pm.key, Project.repo))
    repos: dict[str, list[str]] = defaultdict(list)
    for publisher, repo in rows:
        repos[str(publisher)].append(repo)
    return [{"publisher": p, "count": len(r), "repos": r[:listed]}
            for p, r in sorted(repos.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


# --------------------------------------------------------------------------- trends, kept by ingest (0007)

TREND_REPO = "_repo"  # in every monthly state: its first month adds the repository to ``repos``
TREND_PERIOD = "_period"  # per team and month: repositories with a snapshot taken that month
TrendKey = tuple[str, str]  # (dimension, key)
TrendDeltas = dict[tuple[str, str, str], int]  # (period, dimension, key) -> change


def trend_period(taken_at: Any) -> str:
    """The month of a snapshot as the trends count it (its time taken, as the database hands it back)."""
    return f"{taken_at.year:04d}-{taken_at.month:02d}"


def _trend_rows(session: Session, snapshot_ids: Iterable[int]) -> dict[int, list[tuple[Any, ...]]]:
    """(model key, publisher, origins, serving countries) of each snapshot's model rows, JSON as stored text."""
    ids = sorted(set(snapshot_ids))
    out: dict[int, list[tuple[Any, ...]]] = {i: [] for i in ids}
    sm = SnapshotModel
    for start in range(0, len(ids), 500):
        for snapshot_id, *row in session.execute(
                select(sm.snapshot_id, sm.model_key, sm.publisher, cast(sm.origins, Text),
                       cast(sm.serving_countries, Text)).where(sm.snapshot_id.in_(ids[start:start + 500]))):
            out[snapshot_id].append(tuple(row))
    return out


def trend_keys(rows: Iterable[tuple[Any, ...]]) -> set[TrendKey]:
    """The (dimension, key) pairs one snapshot counts under, as ``GET /api/v1/trends`` counts them: the model key
    and publisher (``unknown`` when empty), each origin and serving country (``unknown`` when the list is unknown;
    an empty list adds nothing); plus the ``_repo`` marker."""
    keys: set[TrendKey] = {(TREND_REPO, "")}
    for model, publisher, origins, serving in rows:
        keys.add(("model", model or UNKNOWN))
        keys.add(("publisher", publisher or UNKNOWN))
        for dimension, text_value in (("origin", origins), ("serving_country", serving)):
            values = _json_list(text_value)
            for value in values if values is not None else [UNKNOWN]:
                keys.add((dimension, str(value)))
    return keys


def trend_deltas(states: dict[str, set[TrendKey]]) -> TrendDeltas:
    """One repository's part of its team's counters, from its state in each month it has snapshots: what its
    state adds and drops against the month before, and one ``_period`` per month."""
    out: TrendDeltas = {}
    before: set[TrendKey] = set()
    for period in sorted(states):
        state = states[period]
        out[(period, TREND_PERIOD, "")] = 1
        for dimension, key in state - before:
            out[(period, dimension, key)] = 1
        for dimension, key in before - state:
            out[(period, dimension, key)] = -1
        before = state
    return out


def _trend_upsert(session: Session, team_id: int, delta: TrendDeltas) -> None:
    """Add ``delta`` to the team's trend counters in key order (no deadlock between concurrent ingests of one
    team), then drop the counters it touched that reached 0."""
    rows = [{"team_id": team_id, "period": p, "dimension": d, "key": k, "delta": v}
            for (p, d, k), v in sorted(delta.items()) if v]
    if not rows:
        return
    table: Any = TrendCount.__table__
    statement = upsert_into(session, table)
    statement = statement.on_conflict_do_update(
        index_elements=["team_id", "period", "dimension", "key"],
        set_={"delta": table.c.delta + statement.excluded.delta})
    session.execute(statement, rows)
    periods = sorted({p for p, _, _ in delta})
    session.execute(delete(TrendCount).where(TrendCount.team_id == team_id, TrendCount.period.in_(periods),
                                             TrendCount.delta == 0))


def refresh_trends(session: Session, project_id: int, snapshot_id: int) -> None:
    """Bring one project's trend summaries up to date after ``snapshot_id`` was stored or replaced (in the
    caller's transaction). Each month's state is that of the month's last snapshot; the months whose last
    snapshot changed, or is the one just stored, are read again, whatever order the commits arrived in."""
    from modelmap.server.service import _insert_rows

    last_of: dict[str, int] = {}
    own: str | None = None
    snapshots = session.execute(
        select(Snapshot.id, Snapshot.taken_at, Project.team_id).join(Project, Project.id == Snapshot.project_id)
        .where(Snapshot.project_id == project_id).order_by(Snapshot.taken_at, Snapshot.id)).all()
    team_id = snapshots[0].team_id  # the snapshot just stored is one of them
    for sid, taken_at, _ in snapshots:
        period = trend_period(taken_at)
        last_of[period] = sid
        if sid == snapshot_id:
            own = period
    tm = TrendMember
    old: dict[str, set[TrendKey]] = defaultdict(set)
    old_snapshot: dict[str, int] = {}
    for period, sid, dimension, key in session.execute(
            select(tm.period, tm.snapshot_id, tm.dimension, tm.key).where(tm.project_id == project_id)):
        old[period].add((dimension, key))
        old_snapshot[period] = sid
    again = {p for p, sid in last_of.items() if old_snapshot.get(p) != sid}
    if own is not None and last_of[own] == snapshot_id:
        again.add(own)
    gone = set(old) - set(last_of)
    rows = _trend_rows(session, (last_of[p] for p in again))
    new = {p: (trend_keys(rows[last_of[p]]) if p in again else old[p]) for p in last_of}
    if (again | gone) & set(old):
        session.execute(delete(TrendMember).where(tm.project_id == project_id,
                                                  tm.period.in_(sorted((again | gone) & set(old)))))
    _insert_rows(session, TrendMember, [
        {"project_id": project_id, "team_id": team_id, "period": p, "snapshot_id": last_of[p], "dimension": d,
         "key": k} for p in sorted(again) for d, k in sorted(new[p])])
    delta: TrendDeltas = dict(trend_deltas(new))
    for change, value in trend_deltas(dict(old)).items():
        delta[change] = delta.get(change, 0) - value
    _trend_upsert(session, team_id, delta)


def compute_trends(session: Session) -> tuple[dict[int, TrendDeltas], list[dict[str, Any]]]:
    """The trend summaries computed from the snapshots alone: (per team counters without zeros, member rows)."""
    last_of: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)  # (team, project) -> period -> snapshot
    for sid, project_id, team_id, taken_at in session.execute(
            select(Snapshot.id, Snapshot.project_id, Project.team_id, Snapshot.taken_at)
            .join(Project, Project.id == Snapshot.project_id).order_by(Snapshot.taken_at, Snapshot.id)):
        last_of[(team_id, project_id)][trend_period(taken_at)] = sid
    rows = _trend_rows(session, (sid for periods in last_of.values() for sid in periods.values()))
    counts: dict[int, TrendDeltas] = defaultdict(dict)
    members: list[dict[str, Any]] = []
    for (team_id, project_id), periods in sorted(last_of.items()):
        states = {p: trend_keys(rows[sid]) for p, sid in periods.items()}
        members += [{"project_id": project_id, "team_id": team_id, "period": p, "snapshot_id": periods[p],
                     "dimension": d, "key": k} for p in sorted(states) for d, k in sorted(states[p])]
        team = counts[team_id]
        for key, value in trend_deltas(states).items():
            team[key] = team.get(key, 0) + value
    return {t: {k: v for k, v in c.items() if v} for t, c in counts.items()}, members


def rebuild_trends(session: Session) -> None:
    """Replace the trend summaries with :func:`compute_trends` (in the caller's transaction; migration 0007)."""
    from modelmap.server.service import _insert_rows

    counts, members = compute_trends(session)
    session.execute(delete(TrendMember))
    session.execute(delete(TrendCount))
    _insert_rows(session, TrendMember, members)
    for team_id, team_counts in sorted(counts.items()):
        _trend_upsert(session, team_id, team_counts)


def trends(session: Session, who: Principal, by: str) -> dict[str, Any]:
    """``GET /api/v1/trends`` from the counters: per month from the first visible snapshot to the last, the
    running sum of each key's changes (keys never counted are left out), the same answer as walking every
    snapshot (``service._trends_full``; tests/server/test_summary_trends.py compares the two)."""
    query = (select(TrendCount.period, TrendCount.dimension, TrendCount.key, func.sum(TrendCount.delta))
             .where(TrendCount.dimension.in_((by, TREND_REPO, TREND_PERIOD)))
             .group_by(TrendCount.period, TrendCount.dimension, TrendCount.key))
    if not who.is_admin:
        query = query.where(TrendCount.team_id == who.team_id)
    changes: dict[TrendKey, dict[str, int]] = defaultdict(dict)
    for period, dimension, key, total in session.execute(query):
        if total:
            changes[(dimension, key)][period] = int(total)
    months = sorted(changes.pop((TREND_PERIOD, ""), {}))
    if not months:
        return {"by": by, "periods": [], "series": {}}
    (year, mon), (last_year, last_mon) = (tuple(int(x) for x in m.split("-")) for m in (months[0], months[-1]))
    periods: list[str] = []
    while (year, mon) <= (last_year, last_mon):
        periods.append(f"{year:04d}-{mon:02d}")
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)

    def running(by_period: dict[str, int]) -> list[int]:
        out, total = [], 0
        for period in periods:
            total += by_period.get(period, 0)
            out.append(total)
        return out

    repos = running(changes.pop((TREND_REPO, ""), {}))
    series: dict[str, list[int]] = {}
    for (_, key), by_period in changes.items():
        counts = running(by_period)
        if any(counts):
            series[key] = counts
    return {"by": by, "periods": periods, "repos": repos, "series": dict(sorted(series.items()))}
