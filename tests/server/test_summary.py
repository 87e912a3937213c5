"""The summaries ingest keeps for the portfolio and the stored policy status (issue 17, migration 0006).

Whatever order uploads come in (new repositories, a commit replaced, an older commit after a newer one, a newer
one with other models, two teams), the counters and members ingest keeps equal a rebuild from the snapshots;
the portfolio read from them answers what the scans say; a downgrade and upgrade refills them; and a status
kept at upload is used until the policy or a waiver changes."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.server.conftest import Env, make_env
from tests.server.test_webhooks import policy_token


def kept(env: Env) -> tuple[dict[int, dict[tuple[str, str], list[int]]], list[tuple[Any, ...]]]:
    from sqlalchemy import select

    from modelmap.server.db import PortfolioKey, PortfolioMember, session_factory

    with session_factory(env.engine)() as session:
        counts: dict[int, dict[tuple[str, str], list[int]]] = defaultdict(dict)
        for team, dim, key, repos, usages in session.execute(select(
                PortfolioKey.team_id, PortfolioKey.dimension, PortfolioKey.key, PortfolioKey.repos,
                PortfolioKey.usages)):
            counts[team][(dim, key)] = [repos, usages]
        members = sorted(tuple(r) for r in session.execute(select(
            PortfolioMember.project_id, PortfolioMember.team_id, PortfolioMember.repo, PortfolioMember.dimension,
            PortfolioMember.key, PortfolioMember.usages, PortfolioMember.snapshot_model_id, PortfolioMember.serving,
            PortfolioMember.served_by)))
    return dict(counts), members


def rebuilt(env: Env) -> tuple[dict[int, dict[tuple[str, str], list[int]]], list[tuple[Any, ...]]]:
    from modelmap.server import summary
    from modelmap.server.db import session_factory

    with session_factory(env.engine)() as session:
        counts, members = summary.compute(session)
    order = ("project_id", "team_id", "repo", "dimension", "key", "usages", "snapshot_model_id", "serving",
             "served_by")
    return counts, sorted(tuple(m[k] for k in order) for m in members)


def scan_models(doc: bytes) -> dict[str, dict[str, Any]]:
    """Per model key as the server keys it, read from the scan itself: its origins (None when unknown)."""
    out: dict[str, dict[str, Any]] = {}
    for f in json.loads(doc)["findings"]:
        if f["kind"] == "endpoint":
            continue
        res = f.get("resolution") or {}
        key = (res.get("model") or {}).get("id") or f"unresolved:{f['raw'].strip().lower()}"
        out.setdefault(key, {"origins": res.get("origins")})
    return out


def test_what_ingest_keeps_equals_a_rebuild_through_any_order_of_uploads(env: Env, documents: dict[str, bytes]) -> None:
    day = dt.datetime(2026, 11, 2, tzinfo=dt.timezone.utc)
    demo, rag, py = (documents[f"{n}.scan"] for n in ("demo-app", "rag-bge-qwen-deepseek", "py-rag-app"))
    steps = [
        ("acme/a", demo, env.payments, "c1", day),
        ("acme/b", rag, env.payments, "c1", day),
        ("search/x", py, env.search, "c1", day),
        ("acme/a", rag, env.payments, "c2", day + dt.timedelta(days=2)),  # newer, other models
        ("acme/a", py, env.payments, "c0", day - dt.timedelta(days=5)),  # older: the latest stays c2
        ("acme/b", py, env.payments, "c1", day),  # the same commit replaced
        ("search/x", documents["py-rag-app.cdx"], env.search, "c2", day + dt.timedelta(days=1)),  # a BOM
        ("acme/c", demo, env.payments, "c1", day),
    ]
    for repo, body, token, commit, taken in steps:
        reply = env.upload(repo, body, token, commit=commit, taken_at=taken.isoformat())
        assert reply.status_code in (200, 201), reply.text
        assert kept(env) == rebuilt(env), (repo, commit)

    # the portfolio read from the summaries: acme/a is at c2 (rag), acme/b at py-rag, acme/c at demo
    portfolio = env.client.get("/api/v1/portfolio", headers=env.auth(env.payments)).json()
    expected: dict[str, set[str]] = defaultdict(set)
    for repo, body in (("acme/a", rag), ("acme/b", py), ("acme/c", demo)):
        for key in scan_models(body):
            expected[key].add(repo)
    assert {m["model"]: set(m["repos"]) for m in portfolio["models"]} == expected
    assert all(m["repos_count"] == len(expected[m["model"]]) for m in portfolio["models"])
    assert portfolio["projects"] == 3 and portfolio["projects_with_snapshots"] == 3
    origins: dict[str, set[str]] = defaultdict(set)
    for repo, body in (("acme/a", rag), ("acme/b", py), ("acme/c", demo)):
        for facts in scan_models(body).values():
            for origin in facts["origins"] if facts["origins"] is not None else ["unknown"]:
                origins[origin].add(repo)
    assert {g["key"]: g["count"] for g in portfolio["by"]["origin"]} == {k: len(v) for k, v in origins.items()}
    # names are listed in order and capped, counts stay complete
    capped = env.client.get("/api/v1/portfolio?repos_limit=1", headers=env.auth(env.payments)).json()
    for group in capped["by"]["origin"]:
        assert group["repos"] == sorted(origins[group["key"]])[:1] and group["count"] == len(origins[group["key"]])
    # concentration and sole suppliers from the summaries agree with the same computed from the model rows
    from modelmap.server import optionality, service, summary
    from modelmap.server.db import session_factory

    with session_factory(env.engine)() as session:
        for token in (env.payments, env.search, env.admin):
            who = service.authenticate(session, token)
            assert who is not None
            assert summary.concentration(session, who) == optionality.concentration(session, who)
            assert summary.sole_suppliers(session, who, 20) == optionality.sole_suppliers(session, who)
    # the admin sees both teams: search/x's latest snapshot is the BOM, counted with the rest
    admin = env.client.get("/api/v1/portfolio", headers=env.auth(env.admin)).json()
    assert admin["projects"] == 4
    assert any("search/x" in m["repos"] for m in admin["models"])
    assert not any("search/x" in m["repos"] for m in portfolio["models"])


def test_a_downgrade_and_upgrade_refills_the_summaries(tmp_path: Path, documents: dict[str, bytes]) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    import modelmap.server.db as db

    env = make_env(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    env.upload("acme/a", documents["demo-app.scan"], env.payments)
    env.upload("search/x", documents["rag-bge-qwen-deepseek.scan"], env.search)
    before = kept(env)
    assert before[1] and before == rebuilt(env)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    with env.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    assert "portfolio_members" not in inspect(env.engine).get_table_names()
    db.migrate(env.engine)
    assert kept(env) == before
    env.engine.dispose()


def test_policy_status_is_kept_at_upload_and_renewed_when_a_waiver_changes(
        env: Env, documents: dict[str, bytes]) -> None:
    from sqlalchemy import select

    from modelmap.server.db import ProjectPolicyStatus, session_factory

    def stored() -> dict[int, str]:
        with session_factory(env.engine)() as session:
            return dict(session.execute(select(ProjectPolicyStatus.project_id, ProjectPolicyStatus.basis)).all())

    env.upload("acme/rag", documents["rag-bge-qwen-deepseek.scan"], env.payments, regulated="true")
    assert stored() == {}  # no org policy yet: nothing to evaluate
    reply = env.client.put("/api/v1/policy", json={"config": "version: 1\n", "presets": ["no-cn-origin"]},
                           headers=env.auth(env.admin))
    assert reply.status_code in (200, 201), reply.text
    env.upload("acme/rag", documents["rag-bge-qwen-deepseek.scan"], env.payments, commit="c2", regulated="true")
    first = stored()
    assert len(first) == 1  # evaluated at upload
    status = env.client.get("/api/v1/policy/status", headers=env.auth(env.admin)).json()
    (project,) = status["projects"]
    assert project["status"] == "fail" and project["violations_total"] > 0
    assert stored() == first  # read from what the upload kept

    # a waiver for the rule: the kept status no longer matches, the next read evaluates and keeps a new one
    (rule,) = [r["rule"] for r in project["rules"] if r["status"] == "fail"]
    waiver = {"scope": "rule", "rule": rule, "repo": "acme/rag", "owner": "Ana", "approver": "CISO",
              "reason": "Pilot.", "expires": (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=30)).isoformat()}
    assert env.client.post("/api/v1/waivers", json=waiver,
                           headers=env.auth(policy_token(env, "payments"))).status_code == 201
    after = env.client.get("/api/v1/policy/status", headers=env.auth(env.admin)).json()["projects"][0]
    assert after["status"] == "pass" and after["violations_total"] == project["violations_total"]
    assert {r["status"] for r in after["rules"] if r["rule"] == rule} == {"waived"}
    assert stored() != first and len(stored()) == 1
