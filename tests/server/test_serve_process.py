"""End to end over real ``modelmap serve`` processes on loopback: tokens made by the CLI, two stateless
processes against one SQLite database (WAL), concurrent uploads through both, and no token in any log."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.server.conftest import http, serve_cli, start_server

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

BOOTSTRAP = "bootstrap-admin-" + "k3" * 16  # a test secret passed by environment


def test_create_token_prints_it_once_and_rejects_bad_scopes(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    made = serve_cli("--db", db, "--create-token", "payments", "--scopes", "upload,read")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("mm_") and len(token) > 40
    bad = serve_cli("--db", db, "--create-token", "payments", "--scopes", "upload,admin")
    assert bad.returncode == 2 and "unknown scope(s) admin" in bad.stderr
    assert token not in (tmp_path / "cli.sqlite3").read_bytes().decode("latin-1")


def two_servers_share_one_database(db: str, tmp_path: Path, documents: dict[str, bytes]) -> None:
    """Shared by the SQLite test here and the PostgreSQL test."""
    made = serve_cli("--db", db, "--create-token", "payments", "--scopes", "upload,read")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    a = start_server(db, tmp_path / "a.log", {"MODELMAP_SERVE_ADMIN_TOKEN": BOOTSTRAP})
    b = start_server(db, tmp_path / "b.log")
    logs = ""
    try:
        status, reply = http("POST", f"{a.url}/api/v1/projects/acme/demo-app/snapshots?commit=c1&branch=main",
                             token, documents["demo-app.scan"])
        assert status == 201, reply
        # the other process sees it at once: nothing is kept in process memory
        status, portfolio = http("GET", f"{b.url}/api/v1/portfolio", token)
        assert status == 200 and portfolio["projects"] == 1
        assert "qwen/qwen2.5-7b-instruct" in {m["model"] for m in portfolio["models"]}
        # concurrent uploads through both processes all land, each commit once
        jobs = [(server.url, f"p{i}") for i, server in enumerate([a, b] * 4)]
        body = documents["rag-bge-qwen-deepseek.scan"]
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(lambda job: http(
                "POST", f"{job[0]}/api/v1/projects/acme/rag/snapshots?commit={job[1]}", token, body)[0], jobs))
        assert results == [201] * len(jobs)
        status, hist = http("GET", f"{a.url}/api/v1/projects/acme/rag/snapshots", token)
        assert sorted(s["commit"] for s in hist["snapshots"]) == sorted(c for _, c in jobs)
        # the admin token recorded from A's environment works on B (one database)
        status, projects = http("GET", f"{b.url}/api/v1/projects", BOOTSTRAP)
        assert status == 200 and {p["repo"] for p in projects} == {"acme/demo-app", "acme/rag"}
        assert http("GET", f"{b.url}/api/v1/projects", "mm_wrong")[0] == 401
        status, spec = http("GET", f"{b.url}/openapi.json")
        assert status == 200 and "/api/v1/portfolio" in json.dumps(spec)
        page_status, page = http("GET", f"{a.url}/projects/acme/demo-app", token)
        assert page_status == 200 and "Snapshot history" in page
    finally:
        logs = a.stop() + b.stop()
    assert "/api/v1/projects/acme/rag/snapshots?commit=p0" in logs  # the access log is on
    assert token not in logs and BOOTSTRAP not in logs and "Bearer" not in logs


def test_two_processes_one_sqlite_database(tmp_path: Path, documents: dict[str, bytes]) -> None:
    two_servers_share_one_database(f"sqlite:///{tmp_path / 'shared.sqlite3'}", tmp_path, documents)
