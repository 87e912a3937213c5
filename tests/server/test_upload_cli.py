"""``modelmap scan|bom --upload URL`` against a real ``modelmap serve`` on loopback (issue 17): the project,
commit and branch come from the CI environment, the token from MODELMAP_TOKEN, and it is never printed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.conftest import DEMO, REPOS, Server, http, serve_cli, start_server

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

CI_ENV = {"GITHUB_REPOSITORY": "acme/demo-app", "GITHUB_SHA": "5" * 40, "GITHUB_REF_NAME": "main"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    folder = tmp_path_factory.mktemp("upload")
    db = f"sqlite:///{folder / 'up.sqlite3'}"
    token = serve_cli("--db", db, "--create-token", "payments", "--scopes", "upload,read").stdout.strip()
    running = start_server(db, folder / "server.log")
    try:
        yield running, token
    finally:
        running.stop()


def _modelmap(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_", "MODELMAP_"))}
    return subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=300, env={**clean, **env}, check=False)


def test_scan_upload_from_github_actions(server: tuple[Server, str]) -> None:
    running, token = server
    done = _modelmap("scan", str(DEMO), "--upload", running.url, "--no-progress",
                     env={**CI_ENV, "MODELMAP_TOKEN": token})
    assert done.returncode == 0, done.stderr
    assert "uploaded to" in done.stderr and "acme/demo-app@555555555555" in done.stderr
    assert token not in done.stdout + done.stderr
    status, hist = http("GET", f"{running.url}/api/v1/projects/acme/demo-app/snapshots", token)
    assert status == 200
    assert [(s["commit"], s["branch"], s["format"]) for s in hist["snapshots"]] == [("5" * 40, "main", "scan")]


def test_bom_upload_from_gitlab_with_project_option(server: tuple[Server, str]) -> None:
    running, token = server
    env = {"CI_PROJECT_PATH": "group/ignored", "CI_COMMIT_SHA": "6" * 40, "CI_COMMIT_REF_NAME": "release",
           "MODELMAP_TOKEN": token}
    done = _modelmap("bom", str(REPOS["py-rag-app"]), "-f", "spdx", "--upload", running.url, "--project",
                     "acme/py-rag-app", "-o", os.devnull, env=env)
    assert done.returncode == 0, done.stderr
    status, content = http("GET", f"{running.url}/api/v1/projects/acme/py-rag-app", token)
    assert status == 200 and content["snapshot"]["format"] == "spdx" and content["snapshot"]["branch"] == "release"
    assert content["models"]


@pytest.mark.parametrize(("url", "env", "message"), [
    ("http://127.0.0.1:9", {}, "needs an API token in MODELMAP_TOKEN"),
    ("http://modelmap.example.com", {"MODELMAP_TOKEN": "mm_x"}, "in the clear"),
    ("https://user:pw@modelmap.example.com", {"MODELMAP_TOKEN": "mm_x"}, "must not carry credentials"),
])
def test_upload_refusals(url: str, env: dict[str, str], message: str, tmp_path: Path) -> None:
    done = _modelmap("scan", str(REPOS["rag-bge-qwen-deepseek"]), "-f", "json", "-o", str(tmp_path / "s.json"),
                     "--upload", url, "--no-progress", env={**CI_ENV, **env})
    assert done.returncode == 2 and message in done.stderr
    assert "mm_x" not in done.stderr


def test_wrong_token_is_reported_without_echoing_it(server: tuple[Server, str]) -> None:
    running, _ = server
    secret = "mm_" + "w" * 43
    done = _modelmap("scan", str(REPOS["rag-bge-qwen-deepseek"]), "-f", "json", "-q", "--upload", running.url,
                     "--no-progress", env={**CI_ENV, "MODELMAP_TOKEN": secret})
    assert done.returncode == 2 and "HTTP 401" in done.stderr and secret not in done.stderr


def test_upload_carries_the_snapshot_tags_from_the_environment(server: tuple[Server, str]) -> None:
    """The documented CI recipe (scan --upload) must be able to tag the snapshot, or no org tag rule
    (regulated -> us-regulated) ever applies to a project uploaded that way."""
    running, token = server
    env = {**CI_ENV, "GITHUB_REPOSITORY": "acme/clinic", "GITHUB_SHA": "7" * 40, "MODELMAP_TOKEN": token,
           "MODELMAP_ENVIRONMENT": "production", "MODELMAP_REGULATED": "yes", "MODELMAP_BUSINESS_UNIT": "health"}
    done = _modelmap("scan", str(REPOS["rag-bge-qwen-deepseek"]), "-f", "json", "-q", "-o", os.devnull,
                     "--upload", running.url, "--no-progress", env=env)
    assert done.returncode == 0, done.stderr
    status, hist = http("GET", f"{running.url}/api/v1/projects/acme/clinic/snapshots", token)
    assert status == 200
    snap = hist["snapshots"][0]
    assert (snap["tags"]["environment"], snap["tags"]["regulated"], snap["tags"]["business_unit"]) == ("production", True, "health")
    # unset tags stay unknown on the next commit, and a non-boolean MODELMAP_REGULATED is refused before sending
    env = {**env, "GITHUB_SHA": "8" * 40}
    del env["MODELMAP_ENVIRONMENT"], env["MODELMAP_BUSINESS_UNIT"]
    done = _modelmap("scan", str(REPOS["rag-bge-qwen-deepseek"]), "-f", "json", "-o", os.devnull,
                     "--upload", running.url, "--no-progress", env={**env, "MODELMAP_REGULATED": "false"})
    assert done.returncode == 0 and "regulated false" in done.stderr, done.stderr
    snap = http("GET", f"{running.url}/api/v1/projects/acme/clinic/snapshots", token)[1]["snapshots"][0]
    assert (snap["tags"]["environment"], snap["tags"]["regulated"], snap["tags"]["business_unit"]) == (None, False, None)
    done = _modelmap("scan", str(REPOS["rag-bge-qwen-deepseek"]), "-f", "json", "-q", "-o", os.devnull,
                     "--upload", running.url, "--no-progress",
                     env={**env, "GITHUB_SHA": "9" * 40, "MODELMAP_REGULATED": "maybe"})
    assert done.returncode == 2 and "MODELMAP_REGULATED='maybe' is not true or false" in done.stderr
    assert len(http("GET", f"{running.url}/api/v1/projects/acme/clinic/snapshots", token)[1]["snapshots"]) == 2
