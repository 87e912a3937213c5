"""The README's third command (issue 17): ``modelmap serve --demo`` seeds a demo database from the demo app and
two fixture repositories, prints a read token and serves; seeding again changes nothing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.conftest import ROOT, stop_process
from tests.server.conftest import REPOS, free_port, http, make_env


def test_seed_fills_every_view_and_is_idempotent(tmp_path: Path, documents: dict[str, bytes]) -> None:
    from modelmap.server import demo
    from modelmap.server.db import session_factory

    env = make_env(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    try:
        sessions = session_factory(env.engine)
        first = demo.seed(sessions, ROOT)
        assert first.projects == {repo: "created" for repo in demo.REPOS}
        token = env.auth(first.read_token)
        listed = env.client.get("/api/v1/projects", headers=token).json()
        assert {p["repo"] for p in listed} == set(demo.REPOS)

        # each project holds what the CLI's own scan of that repository finds
        for repo, (path, tags) in demo.REPOS.items():
            name = Path(path).name
            assert REPOS[name] == ROOT / path
            cli_doc = json.loads(documents[f"{name}.scan"])
            expected = {((f.get("resolution") or {}).get("model") or {}).get("id") or f["raw"].strip().lower()
                        for f in cli_doc["findings"] if f["kind"] != "endpoint"}
            content = env.client.get(f"/api/v1/projects/{repo}", headers=token).json()
            got = {m["model"].removeprefix("unresolved:") for m in content["models"]}
            assert got == expected, repo
            assert content["snapshot"]["tags"]["regulated"] == tags["regulated"]

        status = env.client.get("/api/v1/policy/status", headers=token).json()
        demo_app = next(p for p in status["projects"] if p["repo"] == "demo/demo-app")
        assert demo_app["presets"] == ["no-cn-serving", "us-regulated"] and demo_app["status"] in ("pass", "fail")
        assert any(v["status"] == "waived" for v in demo_app["violations"])  # the seeded waiver covers something
        assert [w["repo"] for w in status["expiring_waivers"]] == ["demo/demo-app"]
        assert env.client.get("/api/v1/portfolio", headers=token).json()["projects"] == 3

        # the read token reads, and nothing more
        assert env.client.put("/api/v1/policy", json={}, headers=token).status_code == 403

        again = demo.seed(sessions, ROOT)
        assert again.projects == {repo: "unchanged" for repo in demo.REPOS}
        assert (env.count("snapshots"), env.count("org_policies"), env.count("waivers")) == (3, 1, 1)
        assert env.client.get("/api/v1/projects", headers=env.auth(again.read_token)).status_code == 200
    finally:
        env.engine.dispose()


def test_the_checkout_is_found_from_inside_it_and_only_there(tmp_path: Path) -> None:
    from modelmap.server import demo

    assert demo.find_checkout(ROOT / "examples" / "demo-app" / "app", installed_from=False) == ROOT
    with pytest.raises(demo.DemoError, match="from a modelmap checkout"):
        demo.find_checkout(tmp_path, installed_from=False)
    assert demo.find_checkout(tmp_path) == ROOT  # this package runs from the checkout (editable install)


def test_serve_demo_prints_a_read_token_and_serves(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    db = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-c", "from modelmap.cli import main; main()", "serve", "--demo", "--db", db,
             "--host", "127.0.0.1", "--port", str(port), "--notify-every", "0"],
            stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT, env={**os.environ})
    try:
        token = None
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and token is None:
            assert process.poll() is None, log.read_text()
            found = re.search(r"read token for team demo \(shown once\): (mm_\S+)", log.read_text())
            token = found.group(1) if found else None
            time.sleep(0.5)
        assert token, log.read_text()
        url = f"http://127.0.0.1:{port}"
        while time.monotonic() < deadline:
            try:
                status, body = http("GET", f"{url}/api/v1/projects", token)
                break
            except OSError:
                time.sleep(0.5)
        assert status == 200 and {p["repo"] for p in body} == {"demo/demo-app", "demo/py-rag-app",
                                                               "demo/rag-bge-qwen-deepseek"}
        status, page = http("GET", f"{url}/api/v1/policy/status", token)
        assert status == 200 and page["summary"]["projects"] == 3
    finally:
        stop_process(process)
    assert token not in log.read_text().split("shown once): ", 1)[1].split("\n", 1)[1]  # printed once, never logged


def _small_scan(path: Path) -> bytes:
    """A scan of one demo repository, without scanning it (the test is about what is kept, not what is found)."""
    import modelmap
    from modelmap.report import scan_renderers

    result = modelmap.scan([ROOT / "examples" / "demo-app" / "app" / "router.py"])
    body: bytes = scan_renderers()["json"].render(result)
    return body


def test_serve_demo_says_when_it_kept_an_earlier_seed(tmp_path: Path) -> None:
    """A tryout (session 30) ran ``modelmap serve --demo`` on the default demo database, seeded hours before by an
    earlier modelmap: every model showed ``flows: null`` (the older scan had none), and nothing said the data was not
    this modelmap's. The seed still keeps what is there (seeding again changes nothing), and the CLI now says so,
    with when and how to seed afresh."""
    from modelmap.server import demo
    from modelmap.server.db import session_factory

    path = tmp_path / "demo.sqlite3"
    env = make_env(f"sqlite:///{path}")
    try:
        first = demo.seed(session_factory(env.engine), ROOT, scan=_small_scan)
        assert first.kept_since == {}
        again = demo.seed(session_factory(env.engine), ROOT, scan=_small_scan)
        assert set(again.kept_since) == set(demo.REPOS)
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", when) for when in again.kept_since.values())
    finally:
        env.engine.dispose()

    # the CLI on that database: the server itself is not started (uvicorn.run replaced), only the seeding runs
    code = ("import sys, uvicorn; uvicorn.run = lambda *a, **k: None; from modelmap.cli import main; "
            "sys.argv = ['modelmap'] + sys.argv[1:]; main()")
    proc = subprocess.run([sys.executable, "-c", code, "serve", "--demo", "--db", f"sqlite:///{path}",
                           "--notify-every", "0"], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ})
    assert proc.returncode == 0, proc.stderr
    assert "read token for team demo" in proc.stdout
    note = " ".join(proc.stderr.split())
    assert "3 of 3 demo repositories were kept as an earlier run seeded them" in note, proc.stderr
    assert f"delete the demo database ({path})" in note, proc.stderr

    quiet = subprocess.run([sys.executable, "-c", code, "serve", "--demo", "--db", f"sqlite:///{path}",
                            "--notify-every", "0", "-q"], capture_output=True, text=True, cwd=ROOT, timeout=300,
                           env={**os.environ})
    assert quiet.returncode == 0 and "kept as an earlier run" not in quiet.stderr, quiet.stderr
