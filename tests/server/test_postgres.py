"""The server on PostgreSQL (issue 17): a real server started here (Debian's postgresql package: initdb and
pg_ctl into a temporary folder on a free loopback port, as a non-root user), a fresh database per test.

The ingest, query and security tests of the SQLite suite run again here: they are imported below and pick up
this module's ``env`` fixture. Opt-in: ``pytest -m postgres`` (scripts/test.sh runs it after the default
suite); skipped with the reason when PostgreSQL is not installed."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.conftest import Env, free_port, head_revision, make_env
from tests.server.test_ingest import (  # noqa: F401  (collected again here, on PostgreSQL)
    test_every_format_of_one_repo_gives_the_same_models,
    test_portfolio_and_model_across_repos,
    test_projects_are_keyed_by_repository_with_history_and_diff,
    test_same_commit_is_idempotent_and_replaced_not_duplicated,
    test_scan_upload_stores_the_library_inventory,
    test_scenario_exposure_across_the_portfolio,
    test_trends_count_each_repo_at_its_latest_snapshot_per_month,
)
from tests.server.test_security import (  # noqa: F401
    test_a_project_is_visible_only_to_its_team_and_admins,
    test_malformed_uploads_are_rejected_with_a_clear_message,
    test_tokens_are_stored_hashed,
    test_unauthenticated_and_bad_tokens_are_rejected,
)
from tests.server.test_serve_process import two_servers_share_one_database

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

pytestmark = pytest.mark.postgres


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(candidates[-1]).parent if candidates else None


def _as_user() -> list[str]:
    """initdb refuses to run as root: run the server as the postgres (or nobody) user then."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups", "--"]
    pytest.skip("running as root and no postgres or nobody user to run PostgreSQL as")


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A running PostgreSQL on 127.0.0.1; yields the URL of its maintenance database."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; scripts/test.sh does it as root)")
    prefix = _as_user()
    folder = Path(tempfile.mkdtemp(prefix="modelmap-pg-"))
    if prefix:
        uid, gid = int(prefix[1].split("=")[1]), int(prefix[2].split("=")[1])
        os.chown(folder, uid, gid)
    data, port = folder / "data", free_port()
    run = lambda *args: subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)  # noqa: E731
    init = run(str(bin_dir / "initdb"), "-D", str(data), "-U", "modelmap", "--auth=trust", "-E", "UTF8",
               "--no-sync")
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"initdb failed: {init.stderr.strip()[:300]}")
    start = run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60",
                "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    if start.returncode != 0:
        log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"pg_ctl start failed: {start.stderr.strip()[:300]} {log[-500:]}")
    try:
        yield f"postgresql://modelmap@127.0.0.1:{port}/postgres"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _fresh_database(postgres: str) -> str:
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return postgres.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def env(postgres: str) -> Iterator[Env]:
    e = make_env(_fresh_database(postgres))
    yield e
    e.engine.dispose()


def test_schema_is_migrated_on_postgres(env: Env) -> None:
    from sqlalchemy import text

    with env.engine.connect() as conn:
        assert env.engine.dialect.name == "postgresql"
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()


def test_two_processes_one_postgres_database(postgres: str, tmp_path: Path, documents: dict[str, bytes]) -> None:
    two_servers_share_one_database(_fresh_database(postgres), tmp_path, documents)
