"""Trends read from the monthly summaries ingest keeps (issue 17, migration 0007).

After every upload, in fixed and in shuffled orders (new repositories, older commits after newer ones, a commit
replaced by another document taken in another month, a repeated upload, two teams), the summaries ingest
keeps equal a rebuild from the snapshots, and the trends answer read from them is byte for byte the answer of
the full computation over every snapshot (``service._trends_full``), for every dimension and visibility."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.server.conftest import Env, make_env

DIMENSIONS = ("origin", "publisher", "model", "serving_country")
Step = tuple[str, str, str, str]  # repo, document name, commit, taken_at


def kept(env: Env) -> tuple[dict[int, dict[tuple[str, str, str], int]], list[tuple[Any, ...]]]:
    from sqlalchemy import select

    from modelmap.server.db import TrendCount, TrendMember, session_factory

    with session_factory(env.engine)() as session:
        counts: dict[int, dict[tuple[str, str, str], int]] = defaultdict(dict)
        for team, period, dim, key, delta in session.execute(select(
                TrendCount.team_id, TrendCount.period, TrendCount.dimension, TrendCount.key, TrendCount.delta)):
            counts[team][(period, dim, key)] = delta
        members = sorted(tuple(r) for r in session.execute(select(
            TrendMember.project_id, TrendMember.team_id, TrendMember.period, TrendMember.snapshot_id,
            TrendMember.dimension, TrendMember.key)))
    return dict(counts), members


def rebuilt(env: Env) -> tuple[dict[int, dict[tuple[str, str, str], int]], list[tuple[Any, ...]]]:
    from modelmap.server import summary
    from modelmap.server.db import session_factory

    with session_factory(env.engine)() as session:
        counts, members = summary.compute_trends(session)
    order = ("project_id", "team_id", "period", "snapshot_id", "dimension", "key")
    return counts, sorted(tuple(m[k] for k in order) for m in members)


def assert_same_answers(env: Env, where: object) -> int:
    """Summary-backed and full trends, serialised, for each token and dimension; returns the months seen."""
    from modelmap.server import service
    from modelmap.server.db import session_factory

    months = 0
    with session_factory(env.engine)() as session:
        for token in (env.payments, env.search, env.admin):
            who = service.authenticate(session, token)
            assert who is not None
            for by in DIMENSIONS:
                fast = json.dumps(service._trends(session, who, by))
                full = json.dumps(service._trends_full(session, who, by))
                assert fast == full, (where, who.team, by)
                months = max(months, len(json.loads(full)["periods"]))
    return months


def play(env: Env, documents: dict[str, bytes], steps: list[Step]) -> int:
    tokens = {"acme": env.payments, "search": env.search}
    months = 0
    for repo, name, commit, taken in steps:
        reply = env.upload(repo, documents[name], tokens[repo.split("/")[0]], commit=commit, taken_at=taken)
        assert reply.status_code in (200, 201), reply.text
        assert kept(env) == rebuilt(env), (repo, commit)
        months = max(months, assert_same_answers(env, (repo, name, commit, taken)))
    return months


def test_trends_from_the_summaries_equal_the_full_count_through_edge_orders(
        env: Env, documents: dict[str, bytes]) -> None:
    steps: list[Step] = [
        ("acme/a", "demo-app.scan", "c2", "2026-11-20T10:00:00Z"),
        ("acme/a", "py-rag-app.scan", "c1", "2026-11-03T10:00:00Z"),  # older, same month: c2 stays the state
        ("acme/a", "rag-bge-qwen-deepseek.scan", "c0", "2026-09-12T10:00:00Z"),  # older, an earlier month
        ("search/x", "py-rag-app.cdx", "s1", "2026-10-01T00:00:00Z"),  # a BOM, another team
        ("acme/a", "py-rag-app.spdx", "c2", "2026-12-01T08:00:00Z"),  # c2 replaced, moved to December
        ("acme/b", "demo-app.cdx", "b1", "2026-11-30T23:59:59Z"),
        ("acme/a", "py-rag-app.spdx", "c2", "2026-12-01T08:00:00Z"),  # the same bytes again: unchanged
        ("acme/b", "rag-bge-qwen-deepseek.scan", "b1", "2026-09-01T00:00:00Z"),  # b1 replaced, moved back
        ("acme/b", "demo-app.scan", "b1", "2026-09-01T00:00:00Z"),  # b1 replaced in place: other models
    ]
    assert play(env, documents, steps) == 4  # September to December
    # the API answers from the summaries too (and the cache): acme/a in November is at c1 (py-rag-app)
    got = env.client.get("/api/v1/trends", params={"by": "model"}, headers=env.auth(env.payments)).json()
    assert got["periods"] == ["2026-09", "2026-10", "2026-11", "2026-12"] and got["repos"] == [2, 2, 2, 2]
    py_rag = {m["model"] for m in env.client.get("/api/v1/projects/acme/a", params={"commit": "c1"},
                                                  headers=env.auth(env.payments)).json()["models"]}
    assert py_rag and all(got["series"][key][2] >= 1 for key in py_rag)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_trends_from_the_summaries_equal_the_full_count_in_shuffled_orders(
        env: Env, documents: dict[str, bytes], seed: int) -> None:
    rng = random.Random(seed)
    names = sorted(documents)
    repos = ["acme/a", "acme/b", "search/x", "search/y"]
    steps: list[Step] = []
    for _ in range(14):
        taken = dt.datetime(2026, rng.randint(6, 12), rng.randint(1, 28), rng.randint(0, 23), tzinfo=dt.timezone.utc)
        # few commits per repo, so that some uploads replace a commit (other bytes, another time taken)
        steps.append((rng.choice(repos), rng.choice(names), f"c{rng.randint(0, 3)}", taken.isoformat()))
    assert play(env, documents, steps) >= 2


def test_a_downgrade_and_upgrade_refills_the_trend_summaries(tmp_path: Path, documents: dict[str, bytes]) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    import modelmap.server.db as db

    env = make_env(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    env.upload("acme/a", documents["demo-app.scan"], env.payments, commit="c1", taken_at="2026-10-02T00:00:00Z")
    env.upload("acme/a", documents["py-rag-app.scan"], env.payments, commit="c2", taken_at="2026-12-02T00:00:00Z")
    env.upload("search/x", documents["rag-bge-qwen-deepseek.scan"], env.search, taken_at="2026-11-02T00:00:00Z")
    before = kept(env)
    assert before[0] and before == rebuilt(env)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    with env.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    assert "trend_counts" not in inspect(env.engine).get_table_names()
    db.migrate(env.engine)
    assert kept(env) == before
    assert assert_same_answers(env, "after the upgrade") == 3
    env.engine.dispose()
