"""Security (issue 17): unauthenticated requests, other teams' tokens, missing scopes, oversized and malformed
uploads are all rejected and store nothing; tokens are stored hashed; pages escape hostile names; uploads are
rate limited."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.server.conftest import Env, make_env

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

TABLES = ("projects", "snapshots", "snapshot_models", "usages", "endpoints")


def _counts(env: Env) -> dict[str, int]:
    return {t: env.count(t) for t in TABLES}


def test_unauthenticated_and_bad_tokens_are_rejected(env: Env, documents: dict[str, bytes]) -> None:
    body = documents["demo-app.scan"]
    for headers in ({}, {"Authorization": "Bearer mm_not-a-real-token"}, {"Authorization": env.payments}):
        reply = env.client.post("/api/v1/projects/acme/app/snapshots", params={"commit": "a1"}, content=body,
                                headers=headers)
        assert reply.status_code == 401
    # a token in the query string is not a token
    reply = env.client.post("/api/v1/projects/acme/app/snapshots", params={"commit": "a1", "token": env.payments},
                            content=body)
    assert reply.status_code == 401
    assert env.client.get("/api/v1/portfolio").status_code == 401
    assert all(v == 0 for v in _counts(env).values())


def test_read_only_token_cannot_upload(env: Env, documents: dict[str, bytes]) -> None:
    reply = env.upload("acme/app", documents["demo-app.scan"], env.reader)
    assert reply.status_code == 403 and "upload" in reply.json()["detail"]
    assert all(v == 0 for v in _counts(env).values())


def test_a_project_is_visible_only_to_its_team_and_admins(env: Env, documents: dict[str, bytes]) -> None:
    assert env.upload("payments/checkout", documents["demo-app.scan"], env.payments).status_code == 201
    assert env.upload("search/ranker", documents["rag-bge-qwen-deepseek.scan"], env.search).status_code == 201
    before = _counts(env)
    # another team can neither overwrite nor add snapshots to it, nor learn that it exists
    hijack = env.upload("payments/checkout", documents["rag-bge-qwen-deepseek.scan"], env.search, commit="evil")
    assert hijack.status_code == 404
    assert _counts(env) == before
    for path in ("/api/v1/projects/payments/checkout", "/api/v1/projects/payments/checkout/snapshots"):
        assert env.client.get(path, headers=env.auth(env.search)).status_code == 404
    search_view = env.client.get("/api/v1/portfolio", headers=env.auth(env.search)).json()
    assert {r for m in search_view["models"] for r in m["repos"]} == {"search/ranker"}
    assert "openai/gpt-4o" not in {m["model"] for m in search_view["models"]}  # only the demo app uses it
    assert env.client.get("/api/v1/models/openai/gpt-4o", headers=env.auth(env.search)).status_code == 404
    # the same team's read-only token sees its project; the org admin sees both
    assert env.client.get("/api/v1/projects/payments/checkout", headers=env.auth(env.reader)).status_code == 200
    admin_view = env.client.get("/api/v1/projects", headers=env.auth(env.admin)).json()
    assert {p["repo"]: p["team"] for p in admin_view} == {"payments/checkout": "payments", "search/ranker": "search"}


def test_oversized_upload_is_rejected_and_nothing_stored(tmp_path: Path, documents: dict[str, bytes]) -> None:
    body = documents["demo-app.scan"]
    small = make_env(f"sqlite:///{tmp_path / 'small.sqlite3'}", max_upload_bytes=len(body) - 1)
    try:
        reply = small.upload("acme/app", body, small.payments)
        assert reply.status_code == 413 and "limit" in reply.json()["detail"]
        assert all(v == 0 for v in _counts(small).values())
        assert small.upload("acme/app", documents["rag-bge-qwen-deepseek.scan"], small.payments).status_code == 201
    finally:
        small.engine.dispose()


def _deep(levels: int) -> bytes:
    return ("[" * levels + "]" * levels).encode()


MALFORMED = [
    (b"", 400, "no body"),
    (b"{not json", 400, "not valid JSON"),
    (b"\xff\xfe\x00binary", 400, "UTF-8"),
    (b'["a list"]', 422, "expected a JSON object"),
    (b'{"hello": "world"}', 422, "unknown document"),
    (json.dumps({"schema": "modelmap.scan/9", "findings": []}).encode(), 422, "unsupported scan schema"),
    (json.dumps({"schema": "modelmap.scan/1", "root": ".", "findings": [{"path": "a.py"}], "skipped": [],
                 "stats": {}}).encode(), 422, "modelmap.scan/1"),
    (json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                 "components": [{"type": "machine-learning-model"}]}).encode(), 422, "CycloneDX 1.6"),
    (json.dumps({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
                 "@graph": [{"type": "ai_AIPackage", "spdxId": "urn:x#m", "creationInfo": "_:missing"}]}).encode(),
     422, "SPDX"),
    (_deep(5000), 400, "nested"),
]


@pytest.mark.parametrize(("body", "status", "message"), MALFORMED, ids=[m[2] for m in MALFORMED])
def test_malformed_uploads_are_rejected_with_a_clear_message(env: Env, body: bytes, status: int,
                                                             message: str) -> None:
    reply = env.upload("acme/app", body, env.payments)
    assert reply.status_code == status, reply.text
    assert message in reply.json()["detail"]
    assert all(v == 0 for v in _counts(env).values())


@pytest.mark.parametrize(("repo", "commit"), [("../etc", "a1"), ("acme/app", "-rm"), ("a" * 101, "a1"),
                                              ("acme/app", "x" * 101)])
def test_bad_repository_or_commit_names_are_refused(env: Env, documents: dict[str, bytes], repo: str,
                                                    commit: str) -> None:
    reply = env.upload(repo, documents["rag-bge-qwen-deepseek.scan"], env.payments, commit=commit)
    assert reply.status_code in (404, 422)
    assert env.count("projects") == 0


def test_tokens_are_stored_hashed(env: Env) -> None:
    from sqlalchemy import text

    with env.engine.connect() as conn:
        stored = [row[0] for row in conn.execute(text("SELECT token_hash FROM tokens"))]
        dump = "\n".join(str(row) for row in conn.execute(text("SELECT * FROM tokens")))
    secrets = (env.payments, env.search, env.reader, env.admin)
    assert sorted(stored) == sorted(hashlib.sha256(s.encode()).hexdigest() for s in secrets)
    assert not any(s in dump for s in secrets)


def test_uploads_are_rate_limited_per_token(tmp_path: Path, documents: dict[str, bytes]) -> None:
    limited = make_env(f"sqlite:///{tmp_path / 'rl.sqlite3'}", upload_rate=0.001, upload_burst=2)
    try:
        body = documents["rag-bge-qwen-deepseek.scan"]
        assert [limited.upload("acme/app", body, limited.payments, commit=c).status_code
                for c in ("a1", "a2")] == [201, 201]
        third = limited.upload("acme/app", body, limited.payments, commit="a3")
        assert third.status_code == 429 and int(third.headers["retry-after"]) >= 1
        assert limited.count("snapshots") == 2
        # another token has its own bucket
        assert limited.upload("search/app", body, limited.search, commit="a1").status_code == 201
    finally:
        limited.engine.dispose()


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_pages_escape_hostile_model_names(env: Env) -> None:
    body = json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [
        {"type": "machine-learning-model", "name": HOSTILE, "supplier": {"name": f"Evil {HOSTILE}"},
         "licenses": [{"license": {"name": HOSTILE}}],
         "evidence": {"occurrences": [{"location": f"src/{HOSTILE}.py", "line": 3}]}}]}).encode()
    assert env.upload("acme/hostile", body, env.payments).status_code == 201
    env.client.cookies.set("modelmap_token", env.payments)
    key = next(m["model"] for m in env.client.get("/api/v1/portfolio", headers=env.auth(env.payments)).json()
               ["models"])
    from urllib.parse import quote

    for path in ("/", "/projects/acme/hostile", f"/models/{quote(key, safe='/:')}"):
        page = env.client.get(path)
        assert page.status_code == 200, path
        assert "<script" not in page.text and "<img" not in page.text
        assert "&lt;script&gt;" in page.text


def test_pages_need_a_read_token(env: Env) -> None:
    first = env.client.get("/", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/login"
    bad = env.client.post("/login", content=b"token=mm_wrong", follow_redirects=False)
    assert bad.status_code == 401
    good = env.client.post("/login", content=f"token={env.reader}".encode(), follow_redirects=False)
    assert good.status_code == 303
    cookie = good.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert env.client.get("/").status_code == 200


def test_a_bad_resolution_anywhere_in_a_scan_is_caught(env: Env, documents: dict[str, bytes]) -> None:
    """Validation skips repeats of an identical resolution (for speed), never a resolution that differs."""
    doc = json.loads(documents["demo-app.scan"])
    last = max(i for i, f in enumerate(doc["findings"]) if "resolution" in f)
    doc["findings"][last]["resolution"] = {**doc["findings"][last]["resolution"], "origins": "CN"}
    reply = env.upload("acme/app", json.dumps(doc).encode(), env.payments)
    assert reply.status_code == 422 and f"findings/{last}/resolution/origins" in reply.json()["detail"]
    assert env.count("projects") == 0
