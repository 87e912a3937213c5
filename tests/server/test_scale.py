"""The query side at scale (issue 17): the portfolio aggregated in SQL over each project's recorded latest
snapshot gives the same answer as counting each repository's own content; names are capped but counts are
complete; list endpoints page; the read cache never serves data older than the last ingest; migration 0004
backfills the latest snapshot; optionality reuses the library's single points of failure."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from tests.server.conftest import Env

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

SCANS = ("demo-app.scan", "py-rag-app.scan", "rag-bge-qwen-deepseek.scan")


def _seed(env: Env, documents: dict[str, bytes], repos: int = 7) -> dict[str, str]:
    """``repos`` repositories, each the scan of one of three real projects; the newest of two commits wins."""
    which = {}
    for i in range(repos):
        repo = f"acme/svc-{i:02d}"
        older, newer = SCANS[(i + 1) % 3], SCANS[i % 3]
        # the newer snapshot is uploaded first: latest is by time taken, not by upload order
        for commit, doc, taken in (("new", newer, "2026-12-01T00:00:00Z"), ("old", older, "2026-11-01T00:00:00Z")):
            reply = env.upload(repo, documents[doc], env.payments, commit=commit, taken_at=taken)
            assert reply.status_code == 201, reply.text
        which[repo] = newer
    return which


def _expected(env: Env, repos: list[str]) -> tuple[dict[str, set[str]], dict[str, dict[str, set[str]]],
                                                     dict[str, int]]:
    """Per model the repos using it, per dimension the repos per key, per model the usages: counted from each
    repository's own latest content (GET /api/v1/projects/{repo}), not from the portfolio query."""
    users: dict[str, set[str]] = defaultdict(set)
    by: dict[str, dict[str, set[str]]] = {"origin": defaultdict(set), "publisher": defaultdict(set),
                                          "serving_country": defaultdict(set)}
    usages: dict[str, int] = defaultdict(int)
    for repo in repos:
        content = env.client.get(f"/api/v1/projects/{repo}", headers=env.auth(env.payments)).json()
        assert content["snapshot"]["commit"] == "new"
        for m in content["models"]:
            users[m["model"]].add(repo)
            usages[m["model"]] += m["usages"]
            for origin in m["origins"] if m["origins"] is not None else ["unknown"]:
                by["origin"][origin].add(repo)
            by["publisher"][m["publisher"] or "unknown"].add(repo)
            for country in m["serving_countries"] if m["serving_countries"] is not None else ["unknown"]:
                by["serving_country"][country].add(repo)
    return users, by, usages


def test_portfolio_counts_match_each_repositorys_content_and_names_are_capped(
        env: Env, documents: dict[str, bytes]) -> None:
    which = _seed(env, documents)
    users, by, usages = _expected(env, sorted(which))
    full = env.client.get("/api/v1/portfolio", headers=env.auth(env.payments)).json()
    assert {m["model"]: set(m["repos"]) for m in full["models"]} == users
    assert {m["model"]: m["usages"] for m in full["models"]} == usages
    for dim, groups in by.items():
        assert {g["key"]: set(g["repos"]) for g in full["by"][dim]} == groups
    capped = env.client.get("/api/v1/portfolio", params={"repos_limit": 2}, headers=env.auth(env.payments)).json()
    for m in capped["models"]:
        assert m["repos_count"] == len(users[m["model"]])
        assert m["repos"] == sorted(users[m["model"]])[:2]
    for dim, groups in by.items():
        assert {g["key"]: g["count"] for g in capped["by"][dim]} == {k: len(v) for k, v in groups.items()}
        assert all(g["repos"] == sorted(by[dim][g["key"]])[:2] for g in capped["by"][dim])
    over = env.client.get("/api/v1/portfolio", params={"repos_limit": 100_000}, headers=env.auth(env.payments))
    assert over.status_code == 422


def test_list_endpoints_page_with_limit_and_offset(env: Env, documents: dict[str, bytes]) -> None:
    which = _seed(env, documents)
    names = sorted(which)
    page = env.client.get("/api/v1/projects", params={"limit": 3, "offset": 2}, headers=env.auth(env.payments))
    assert [p["repo"] for p in page.json()] == names[2:5]
    assert all(p["latest"]["commit"] == "new" for p in page.json())
    hist = env.client.get(f"/api/v1/projects/{names[0]}/snapshots", params={"limit": 1, "offset": 1},
                          headers=env.auth(env.payments)).json()
    assert hist["total"] == 2 and [s["commit"] for s in hist["snapshots"]] == ["old"]
    users, _, _ = _expected(env, names)
    key = max(users, key=lambda k: (len(users[k]), k))
    first = env.client.get(f"/api/v1/models/{key}", params={"limit": 2}, headers=env.auth(env.payments)).json()
    rest = env.client.get(f"/api/v1/models/{key}", params={"limit": 100, "offset": 2},
                          headers=env.auth(env.payments)).json()
    assert first["repos_total"] == rest["repos_total"] == len(users[key]) > 2
    assert [r["repo"] for r in first["repos"] + rest["repos"]] == sorted(users[key])
    assert first["usages"] == sum(r["usages"] for r in first["repos"] + rest["repos"])
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}):
        assert env.client.get("/api/v1/projects", params=bad, headers=env.auth(env.payments)).status_code == 422


def test_reads_never_lag_behind_an_ingest(env: Env, documents: dict[str, bytes]) -> None:
    """Each read checks the ingest counter, so a cached portfolio, model, trend or optionality is replaced as
    soon as anything is stored: a new project, a new commit, or a replaced commit."""
    def models() -> set[str]:
        return {m["model"] for m in env.client.get("/api/v1/portfolio", headers=env.auth(env.payments)).json()
                ["models"]}

    env.upload("acme/app", documents["py-rag-app.scan"], env.payments, commit="c1")
    first = models()
    assert models() == first  # asked again: the same answer (from the cache)
    # the same commit replaced by another document changes no snapshot id, but the counter moves
    env.upload("acme/app", documents["rag-bge-qwen-deepseek.scan"], env.payments, commit="c1")
    replaced = models()
    assert replaced != first
    content = env.client.get("/api/v1/projects/acme/app", headers=env.auth(env.payments)).json()
    assert replaced == {m["model"] for m in content["models"]}
    opt = env.client.get("/api/v1/optionality", headers=env.auth(env.payments)).json()
    assert {s["key"] for s in opt["concentration"]["model"]["shares"]} == replaced
    # another team's view is computed for that team only
    env.upload("search/ranker", documents["demo-app.scan"], env.search, commit="s1")
    assert models() == replaced
    search = env.client.get("/api/v1/portfolio", headers=env.auth(env.search)).json()
    assert {r for m in search["models"] for r in m["repos"]} == {"search/ranker"}


def test_optionality_reuses_the_librarys_single_points_of_failure(env: Env, documents: dict[str, bytes]) -> None:
    from modelmap.server.normalize import parse_json, scan_result
    from modelmap.switch.optionality import hhi, single_points_of_failure

    env.upload("acme/demo-app", documents["demo-app.scan"], env.payments, commit="d1")
    env.upload("acme/bom", documents["py-rag-app.cdx"], env.payments, commit="b1")
    got = env.client.get("/api/v1/optionality", headers=env.auth(env.payments)).json()
    repos = {r["repo"]: r for r in got["single_points_of_failure"]["repos"]}
    assert repos["acme/demo-app"]["single_points_of_failure"] == single_points_of_failure(
        scan_result(parse_json(documents["demo-app.scan"])))
    assert repos["acme/bom"]["evaluated"] is False and "scan" in repos["acme/bom"]["reason"]
    portfolio = env.client.get("/api/v1/portfolio", headers=env.auth(env.payments)).json()
    per_model = {m["model"]: m["usages"] for m in portfolio["models"]}
    shares = got["concentration"]["model"]["shares"]
    assert {s["key"]: s["usages"] for s in shares} == per_model
    assert got["concentration"]["model"]["hhi"] == hhi(per_model) == portfolio["concentration"]["hhi_model"]
    assert got["single_points_of_failure"]["repos_total"] == 2


def test_migration_0004_backfills_each_projects_latest_snapshot(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    import modelmap.server.db as db

    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        conn.execute(text("INSERT INTO teams (id, name, created_at) VALUES (1, 'payments', '2026-12-01')"))
        for pid, repo in ((1, "acme/a"), (2, "acme/b"), (3, "acme/empty")):
            conn.execute(text("INSERT INTO projects (id, repo, team_id, created_at) "
                              "VALUES (:id, :repo, 1, '2026-12-01')"), {"id": pid, "repo": repo})
        # acme/a: the newer snapshot has the lower id; acme/b: two taken at the same time (the higher id wins)
        for sid, pid, commit, taken in ((10, 1, "new", "2026-12-02 00:00:00"), (11, 1, "old", "2026-11-02 00:00:00"),
                                        (12, 2, "x", "2026-12-01 00:00:00"), (13, 2, "y", "2026-12-01 00:00:00")):
            conn.execute(text(
                "INSERT INTO snapshots (id, project_id, \"commit\", taken_at, uploaded_at, format, spec, raw, "
                "raw_sha256, models_count, usages_count) VALUES (:id, :pid, :commit, :taken, :taken, 'scan', "
                "'modelmap.scan/1', :raw, 'x', 0, 0)"),
                {"id": sid, "pid": pid, "commit": commit, "taken": taken, "raw": json.dumps({}).encode()})
    db.migrate(engine)
    with engine.connect() as conn:
        latest = dict(conn.execute(text("SELECT repo, latest_snapshot_id FROM projects")).all())
    assert latest == {"acme/a": 10, "acme/b": 13, "acme/empty": None}


def test_policy_page_follows_policy_and_waiver_changes(env: Env, documents: dict[str, bytes]) -> None:
    """The policy page is cached too; a new policy version or any waiver event shows at once."""
    import datetime as dt

    page = lambda: env.client.get("/policy", headers=env.auth(env.admin)).text  # noqa: E731
    env.upload("acme/app", documents["demo-app.scan"], env.payments, commit="c1", regulated="true")
    assert "not set yet" in page() and "no-cn-origin-sensitive" not in page()
    assert env.client.put("/api/v1/policy", json={"presets": ["no-cn-origin"]},
                          headers=env.auth(env.admin)).status_code == 201
    before = page()
    assert "version 1" in before and "no-cn-origin-sensitive" in before and "Pat (owner)" not in before
    expires = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3)).isoformat()
    made = env.client.post("/api/v1/waivers", json={
        "scope": "project", "repo": "acme/app", "owner": "Pat (owner)", "approver": "Lee (risk)",
        "reason": "migration to an EU model under way", "expires": expires}, headers=env.auth(env.admin))
    assert made.status_code == 201, made.text
    after = page()
    assert "Pat (owner)" in after and "migration to an EU model under way" in after
