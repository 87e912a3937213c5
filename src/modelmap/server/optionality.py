"""Optionality across the portfolio: concentration and single points of failure (issue 17).

Reuses :mod:`modelmap.switch.optionality` (the HHI and its share tables, and the per-repository single points
of failure) over what the server stores:

* **Concentration** by model, publisher and origin country over the usages of every visible repository's
  latest snapshot, aggregated in SQL. Unknown publishers and origins are counted under ``unknown`` and left out
  of the HHI, as the library does; a usage counts once per origin country.
* **Sole suppliers**: repositories whose every model comes from one publisher (losing that publisher leaves
  them with nothing to fall back to), counted per publisher; repositories whose publishers are unknown are not
  counted here.
* **Single points of failure per repository**: a (role) that one model serves, from the library, for each
  repository whose latest snapshot is a modelmap scan (roles are in the scan's findings; a BOM snapshot is
  listed as not evaluated). Paged: each repository's scan is read back, so ``limit`` bounds the work.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict, defaultdict
from typing import Any

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from modelmap.server.auth import Principal
from modelmap.server.db import Project, Snapshot, SnapshotModel

#: Per-process memo of each scan snapshot's single points of failure, keyed by the snapshot and the digest of
#: its document: an upload elsewhere makes the listing be asked again, and an unchanged repository's scan is
#: then not parsed again (its answer cannot change).
SPOF_MEMO = 4096
_SPOF: OrderedDict[tuple[int, str], Any] = OrderedDict()
_SPOF_LOCK = threading.Lock()

SPOF_LIMIT = 25
SPOF_LIMIT_MAX = 200
NAMES_LISTED = 20


def _scope(query: Any, who: Principal) -> Any:
    query = query.join(Project, Project.latest_snapshot_id == SnapshotModel.snapshot_id)
    return query if who.is_admin else query.where(Project.team_id == who.team_id)


def concentration(session: Session, who: Principal) -> dict[str, Any]:
    from modelmap.switch.optionality import UNKNOWN, concentration_table

    models: Counter[str] = Counter()
    publishers: Counter[str] = Counter()
    origins: Counter[str] = Counter()
    no_publisher = no_origin = 0
    rows = session.execute(_scope(
        select(SnapshotModel.model_key, SnapshotModel.publisher, cast(SnapshotModel.origins, Text),
               func.sum(SnapshotModel.usages)), who)
        .group_by(SnapshotModel.model_key, SnapshotModel.publisher, cast(SnapshotModel.origins, Text)))
    for key, publisher, origin_text, usages in rows:
        n = int(usages or 0)
        models[key] += n
        if publisher:
            publishers[publisher] += n
        else:
            no_publisher += n
        countries = json.loads(origin_text) if origin_text is not None else None
        if isinstance(countries, list) and countries:
            for country in countries:
                origins[str(country).upper()] += n
        else:
            no_origin += n
    table = concentration_table(sum(models.values()), models, publishers, no_publisher, origins, no_origin)
    return {**table, "unknown": UNKNOWN}


def sole_suppliers(session: Session, who: Principal) -> list[dict[str, Any]]:
    """Per publisher: the repositories whose every model comes from it (and whose publishers are all known)."""
    per_snapshot = _scope(select(SnapshotModel.snapshot_id), who).group_by(SnapshotModel.snapshot_id).having(
        func.count(func.distinct(SnapshotModel.publisher)) == 1,
        func.count(SnapshotModel.publisher) == func.count()).subquery()
    rows = session.execute(
        select(SnapshotModel.publisher, Project.repo).distinct()
        .join(per_snapshot, per_snapshot.c.snapshot_id == SnapshotModel.snapshot_id)
        .join(Project, Project.latest_snapshot_id == SnapshotModel.snapshot_id)
        .order_by(SnapshotModel.publisher, Project.repo))
    repos: dict[str, list[str]] = defaultdict(list)
    for publisher, repo in rows:
        repos[str(publisher)].append(repo)
    return [{"publisher": p, "count": len(r), "repos": r[:NAMES_LISTED]}
            for p, r in sorted(repos.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def single_points_of_failure(session: Session, who: Principal, *, limit: int = SPOF_LIMIT,
                             offset: int = 0) -> dict[str, Any]:
    """The library's single points of failure for each visible repository's latest scan snapshot, by name."""
    from modelmap.server.normalize import parse_json, scan_result
    from modelmap.switch.optionality import single_points_of_failure as spof

    query = (select(Project.repo, Snapshot).join(Snapshot, Snapshot.id == Project.latest_snapshot_id)
             .order_by(Project.repo))
    if not who.is_admin:
        query = query.where(Project.team_id == who.team_id)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    repos: list[dict[str, Any]] = []
    for repo, snap in session.execute(query.limit(limit).offset(offset)):
        if snap.format != "scan":
            repos.append({"repo": repo, "commit": snap.commit, "evaluated": False,
                          "reason": f"the latest snapshot is a {snap.spec} document; roles need a modelmap scan "
                                    "upload (modelmap scan --upload)"})
            continue
        memo = (snap.id, snap.raw_sha256)
        with _SPOF_LOCK:
            found = _SPOF.get(memo)
        if found is None:
            found = spof(scan_result(parse_json(snap.raw)))
            with _SPOF_LOCK:
                _SPOF[memo] = found
                while len(_SPOF) > SPOF_MEMO:
                    _SPOF.popitem(last=False)
        repos.append({"repo": repo, "commit": snap.commit, "evaluated": True, "single_points_of_failure": found})
    return {"repos_total": int(total or 0), "offset": offset, "limit": limit, "repos": repos}


def optionality(session: Session, who: Principal, *, limit: int = SPOF_LIMIT, offset: int = 0) -> dict[str, Any]:
    """All three, each computed once per generation of the data (``service.cached``)."""
    from modelmap.server import summary
    from modelmap.server.service import cached

    # concentration and sole suppliers from the summaries ingest keeps; the functions above compute the same
    # from the model rows, and tests/server/test_summary.py checks the two agree
    return {"concentration": cached(session, who, ("concentration",), lambda: summary.concentration(session, who)),
            "sole_suppliers": cached(session, who, ("sole_suppliers",),
                                     lambda: summary.sole_suppliers(session, who, NAMES_LISTED)),
            "single_points_of_failure": cached(session, who, ("spof", limit, offset), lambda: single_points_of_failure(
                session, who, limit=limit, offset=offset))}
