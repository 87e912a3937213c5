"""Fixtures for the server tests: real documents (modelmap scan, CycloneDX and SPDX BOMs of the demo app and
two fixture repos, made by the real CLI), an app over a fresh SQLite file, tokens of two teams and an admin,
and helpers to start real ``modelmap serve`` processes on free loopback ports.

Nothing here imports the server extra at module level: each test module skips itself when it is missing
(a skip raised while importing a conftest would be an error)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, stop_process

DEMO = ROOT / "examples" / "demo-app"
REPOS = {"demo-app": DEMO, "py-rag-app": FIXTURES / "repos" / "py-rag-app",
         "rag-bge-qwen-deepseek": FIXTURES / "repos" / "rag-bge-qwen-deepseek"}


def _cli(*args: str) -> bytes:
    from typer.testing import CliRunner

    from modelmap.cli import app

    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture(scope="session")
def documents() -> dict[str, bytes]:
    """name.format -> bytes: scan JSON for every repo; CycloneDX and SPDX for the demo app and py-rag-app."""
    out = {}
    for name, path in REPOS.items():
        out[f"{name}.scan"] = _cli("scan", str(path), "--format", "json", "-q")
    for name in ("demo-app", "py-rag-app"):
        out[f"{name}.cdx"] = _cli("bom", str(REPOS[name]), "-q")
        out[f"{name}.spdx"] = _cli("bom", str(REPOS[name]), "-f", "spdx", "-q")
    return out


@dataclass
class Env:
    client: Any
    engine: Any
    payments: str  # upload + read, team payments
    search: str  # upload + read, team search
    reader: str  # read only, team payments
    admin: str  # org admin

    def auth(self, token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def upload(self, repo: str, body: bytes, token: str, commit: str = "c0ffee1", **params: Any) -> Any:
        return self.client.post(f"/api/v1/projects/{repo}/snapshots", params={"commit": commit, **params},
                                content=body, headers=self.auth(token))

    def count(self, table: str) -> int:
        from sqlalchemy import text

        with self.engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


#: The test receivers listen on 127.0.0.1, which a server refuses by default: the tests allow it explicitly
#: (tests/server/test_webhook_allow.py checks the default refuses it).
LOOPBACK_RECEIVERS = ("public", "127.0.0.1")


def make_env(db_url: str, **settings: Any) -> Env:
    from fastapi.testclient import TestClient

    from modelmap.server import service
    from modelmap.server.app import Settings, create_app
    from modelmap.server.db import session_factory
    from modelmap.server.webhooks import AllowList

    settings.setdefault("webhook_allow", AllowList.parse(LOOPBACK_RECEIVERS))
    app = create_app(Settings(db_url=db_url, **settings))
    with session_factory(app.state.engine)() as session:
        tokens = {
            "payments": service.create_token(session, "payments", "upload,read"),
            "search": service.create_token(session, "search", "upload,read"),
            "reader": service.create_token(session, "payments", "read"),
            "admin": service.create_token(session, "org-admins", "upload,read,policy", admin=True),
        }
    return Env(client=TestClient(app), engine=app.state.engine, **tokens)


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    e = make_env(f"sqlite:///{tmp_path / 'serve.sqlite3'}")
    yield e
    e.engine.dispose()


# --------------------------------------------------------------------------- real server processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> str:
        stop_process(self.process)
        return self.log.read_text(encoding="utf-8", errors="replace")


def serve_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "serve", *args],
                          capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
                          check=False)


def start_server(db_url: str, log: Path, extra_env: dict[str, str] | None = None) -> Server:
    port = free_port()
    handle = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-c", "from modelmap.cli import main; main()", "serve", "--db", db_url,
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=handle, stderr=subprocess.STDOUT, env={**os.environ, **(extra_env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited with {process.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as reply:
                if reply.status == 200:
                    return Server(url=url, process=process, log=log)
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    process.kill()
    raise AssertionError(f"serve did not answer on {url}: {log.read_text()}")


def http(method: str, url: str, token: str | None = None, body: bytes | None = None) -> tuple[int, Any]:
    import json

    request = urllib.request.Request(url, data=body, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            data = reply.read()
            status = reply.status
    except urllib.error.HTTPError as exc:
        data, status = exc.read(), exc.code
    try:
        return status, json.loads(data)
    except ValueError:
        return status, data.decode("utf-8", "replace")


# --------------------------------------------------------------------------- the postgres marker

def _postgres_wanted(config: pytest.Config) -> bool:
    return "postgres" in (config.getoption("markexpr", "") or "") or os.environ.get("MODELMAP_POSTGRES") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``postgres`` start a PostgreSQL server: opt-in with ``-m postgres`` (scripts/test.sh runs
    them after the default suite) or MODELMAP_POSTGRES=1. The hook only ever removes postgres-marked items."""
    if _postgres_wanted(config):
        return
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        (drop if item.get_closest_marker("postgres") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def head_revision() -> str:
    """The one head of the server's Alembic migrations (a second head would make this raise)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import modelmap.server.db as db

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head
