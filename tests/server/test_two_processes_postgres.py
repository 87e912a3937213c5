"""Two stateless ``modelmap serve`` processes on one PostgreSQL (issue 17): what is uploaded through one is read
through the other at once (the read cache of each process is keyed by the database's ingest counter), and
concurrent uploads of the same commit through both store one snapshot. The scale tests of test_scale.py run
again here on PostgreSQL. Opt-in with ``-m postgres``."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.server.conftest import http, serve_cli, start_server
from tests.server.test_postgres import _fresh_database, env, postgres  # noqa: F401  (PostgreSQL fixtures)
from tests.server.test_scale import (  # noqa: F401  (collected again here, on PostgreSQL)
    test_list_endpoints_page_with_limit_and_offset,
    test_optionality_reuses_the_librarys_single_points_of_failure,
    test_portfolio_counts_match_each_repositorys_content_and_names_are_capped,
    test_reads_never_lag_behind_an_ingest,
)

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

pytestmark = pytest.mark.postgres


def _count(db: str, sql: str) -> int:
    import psycopg

    with psycopg.connect(db) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def test_two_serve_processes_share_one_postgres(postgres: str, tmp_path: Path,  # noqa: F811
                                                documents: dict[str, bytes]) -> None:
    db = _fresh_database(postgres)
    made = serve_cli("--db", db, "--create-token", "payments", "--scopes", "upload,read")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    a = start_server(db, tmp_path / "a.log")
    b = start_server(db, tmp_path / "b.log")
    logs = ""
    try:
        # B reads first, so its cache holds the empty portfolio; A's upload must still show through B
        status, empty = http("GET", f"{b.url}/api/v1/portfolio", token)
        assert status == 200 and empty["models"] == []
        status, reply = http("POST", f"{a.url}/api/v1/projects/acme/demo-app/snapshots?commit=c1", token,
                             documents["demo-app.scan"])
        assert status == 201, reply
        status, seen = http("GET", f"{b.url}/api/v1/portfolio", token)
        assert status == 200 and "qwen/qwen2.5-7b-instruct" in {m["model"] for m in seen["models"]}
        status, model = http("GET", f"{b.url}/api/v1/models/qwen/qwen2.5-7b-instruct", token)
        assert status == 200 and [r["repo"] for r in model["repos"]] == ["acme/demo-app"]

        # the same commit through both processes at once, six times each: one snapshot, stored once
        body = documents["rag-bge-qwen-deepseek.scan"]
        jobs = [server.url for server in [a, b] * 6]
        with ThreadPoolExecutor(max_workers=6) as pool:
            replies = list(pool.map(lambda url: http(
                "POST", f"{url}/api/v1/projects/acme/rag/snapshots?commit=same1", token, body), jobs))
        statuses = sorted(status for status, _ in replies)
        assert statuses == [200] * 11 + [201], replies
        assert {r["status"] for s, r in replies if s == 200} == {"unchanged"}
        assert len({r["snapshot"]["id"] for _, r in replies}) == 1
        assert _count(db, "SELECT count(*) FROM snapshots WHERE commit = 'same1'") == 1
        rows = _count(db, "SELECT count(*) FROM snapshot_models m JOIN snapshots s ON s.id = m.snapshot_id "
                          "WHERE s.commit = 'same1'")
        status, content = http("GET", f"{a.url}/api/v1/projects/acme/rag", token)
        assert status == 200 and rows == len(content["models"]) > 0

        # newer and older commits of one repository through both: the latest is the newest taken, whichever
        # process stored it and in whatever order they landed
        stamps = {f"t{i}": f"2026-11-{10 + i:02d}T12:00:00Z" for i in range(6)}
        with ThreadPoolExecutor(max_workers=6) as pool:
            done = list(pool.map(lambda item: http(
                "POST", f"{[a, b][int(item[0][1:]) % 2].url}/api/v1/projects/acme/multi/snapshots"
                        f"?commit={item[0]}&taken_at={item[1]}", token, documents["demo-app.scan"])[0],
                stamps.items()))
        assert done == [201] * 6
        for server in (a, b):
            status, projects = http("GET", f"{server.url}/api/v1/projects", token)
            latest = {p["repo"]: p["latest"]["commit"] for p in projects}
            assert latest == {"acme/demo-app": "c1", "acme/multi": "t5", "acme/rag": "same1"}
            status, history = http("GET", f"{server.url}/api/v1/projects/acme/multi/snapshots?limit=2", token)
            assert history["total"] == 6 and [s["commit"] for s in history["snapshots"]] == ["t5", "t4"]
        assert _count(db, "SELECT count(*) FROM projects p JOIN snapshots s ON s.id = p.latest_snapshot_id "
                          "WHERE p.repo = 'acme/multi' AND s.commit = 't5'") == 1
    finally:
        logs = a.stop() + b.stop()
    assert token not in logs
