"""Security of the org routes (issue 17): every new write route (policy, waivers, webhooks, notifications,
runtime uploads) rejects an unauthenticated request, a token without the scope, another team's token, an
oversized body (declared or streamed) and a malformed one, and stores nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.conftest import FIXTURES
from tests.server.conftest import Env, make_env
from tests.server.test_webhooks import policy_token

TABLES = ("org_policies", "waivers", "waiver_events", "webhooks", "notifications", "runtime_records",
          "runtime_models", "projects", "snapshots")
LIMIT = 128 * 1024


@pytest.fixture
def world(tmp_path: Path, documents: dict[str, bytes]) -> Iterator[dict[str, Any]]:
    from modelmap.runtime import ingest

    env = make_env(f"sqlite:///{tmp_path / 'sec.sqlite3'}", max_upload_bytes=LIMIT)
    payments, search = policy_token(env, "payments"), policy_token(env, "search")
    assert env.upload("acme/app", documents["py-rag-app.scan"], env.payments).status_code == 201
    soon = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3)).isoformat()
    waiver = {"scope": "rule", "rule": "no-cn-origin", "repo": "acme/app", "owner": "Ana", "approver": "CISO",
              "reason": "Accepted for the pilot.", "expires": soon}
    w = env.client.post("/api/v1/waivers", json=waiver, headers=env.auth(payments)).json()
    hook = {"url": "http://127.0.0.1:9/hook", "kind": "generic", "events": ["waiver-expiring"]}
    h = env.client.post("/api/v1/webhooks", json=hook, headers=env.auth(payments)).json()
    runtime = json.dumps(ingest.build([FIXTURES / "runtime" / "litellm.callback.jsonl"])).encode()
    policy = {"config": "version: 1\n", "presets": ["no-cn-origin"]}
    routes = [  # method, path, a valid body (json object or raw bytes), the scope it needs
        ("PUT", "/api/v1/policy", policy, "policy"),
        ("POST", "/api/v1/waivers", waiver, "policy"),
        ("PATCH", f"/api/v1/waivers/{w['id']}", {"reason": "changed"}, "policy"),
        ("DELETE", f"/api/v1/waivers/{w['id']}", None, "policy"),
        ("POST", "/api/v1/webhooks", hook, "policy"),
        ("DELETE", f"/api/v1/webhooks/{h['id']}", None, "policy"),
        ("POST", "/api/v1/notifications/run", None, "policy"),
        ("POST", "/api/v1/projects/acme/app/runtime", runtime, "upload"),
    ]
    yield {"env": env, "payments": payments, "search": search, "routes": routes, "waiver": w, "webhook": h}
    env.engine.dispose()


def send(env: Env, method: str, path: str, body: Any, headers: dict[str, str]) -> Any:
    if isinstance(body, bytes):
        return env.client.request(method, path, content=body, headers=headers)
    if body is None:
        return env.client.request(method, path, headers=headers)
    return env.client.request(method, path, json=body, headers=headers)


def state(env: Env) -> dict[str, Any]:
    from sqlalchemy import text

    with env.engine.connect() as conn:
        waivers = [tuple(r) for r in conn.execute(text("SELECT id, reason, expires, revoked_at FROM waivers"))]
        hooks = [tuple(r) for r in conn.execute(text("SELECT id, deleted_at FROM webhooks"))]
    return {"counts": {t: env.count(t) for t in TABLES}, "waivers": waivers, "webhooks": hooks}


def test_every_org_write_route_rejects_bad_callers_and_stores_nothing(world: dict[str, Any]) -> None:
    env: Env = world["env"]
    before = state(env)
    for method, path, body, scope in world["routes"]:
        for headers in ({}, {"Authorization": "Bearer mm_forged"}, {"Authorization": world["payments"]}):
            assert send(env, method, path, body, headers).status_code == 401, (method, path, headers)
        # a token without the scope: read-only; an upload token for policy writes; a policy token for uploads
        wrong = [env.reader, env.payments] if scope == "policy" else [env.reader, world["payments"]]
        for token in wrong:
            reply = send(env, method, path, body, env.auth(token))
            assert reply.status_code == 403 and scope in reply.json()["detail"], (method, path, reply.text)
    assert state(env) == before

    # another team's token: the payments waiver, webhook and project are not found; the org policy is not its
    search = env.auth(world["search"])
    w, h = world["waiver"]["id"], world["webhook"]["id"]
    assert send(env, "PUT", "/api/v1/policy", world["routes"][0][2], search).status_code == 403
    assert send(env, "POST", "/api/v1/waivers", world["routes"][1][2], search).status_code == 404
    assert send(env, "PATCH", f"/api/v1/waivers/{w}", {"reason": "mine now"}, search).status_code == 404
    assert send(env, "DELETE", f"/api/v1/waivers/{w}", None, search).status_code == 404
    assert send(env, "DELETE", f"/api/v1/webhooks/{h}", None, search).status_code == 404
    assert send(env, "GET", f"/api/v1/waivers/{w}", None, search).status_code == 404
    assert env.client.get("/api/v1/waivers", headers=search).json() == []
    assert env.client.get("/api/v1/webhooks", headers=search).json() == []
    search_upload = policy_token(env, "search")  # same team, policy scope: still no upload scope
    assert send(env, "POST", "/api/v1/projects/acme/app/runtime", world["routes"][7][2],
                env.auth(search_upload)).status_code == 403
    assert send(env, "POST", "/api/v1/projects/acme/app/runtime", world["routes"][7][2],
                env.auth(env.search)).status_code == 404  # an upload token, but another team's project
    # the run only reaches the caller's team: the payments waiver expiring in 3 days is not queued by search
    assert send(env, "POST", "/api/v1/notifications/run", None, search).json()["queued"] == 0
    assert state(env) == before


def test_oversized_and_malformed_bodies_are_refused(world: dict[str, Any]) -> None:
    env: Env = world["env"]
    admin = env.auth(env.admin)
    before = state(env)
    huge_text = "x" * (LIMIT * 3)
    for method, path, body, _scope in world["routes"]:
        if body is None:
            continue
        if isinstance(body, bytes):
            big: Any = body + b" " * (LIMIT + 1)
        else:
            big = {**body, "reason": huge_text} if "reason" in body else {**body, "config": huge_text}
        assert send(env, method, path, big, admin).status_code == 413, (method, path)
        # the same, streamed without a Content-Length (chunked): counted as it arrives
        raw = big if isinstance(big, bytes) else json.dumps(big).encode()

        def chunks(data: bytes = raw) -> Iterator[bytes]:
            for i in range(0, len(data), 16 * 1024):
                yield data[i:i + 16 * 1024]

        reply = env.client.request(method, path, content=chunks(), headers={**admin,
                                                                             "Content-Type": "application/json"})
        assert reply.status_code == 413, (method, path, "chunked")
        # malformed: not JSON; JSON of the wrong shape
        assert send(env, method, path, b"{not json", {**admin, "Content-Type": "application/json"}).status_code in (
            400, 422), (method, path)
        assert send(env, method, path, [1, 2, 3], admin).status_code == 422, (method, path)
    bad_fields = [
        ("POST", "/api/v1/waivers", {**world["routes"][1][2], "expires": "2020-01-01T00:00:00Z"}),  # in the past
        ("POST", "/api/v1/waivers", {**world["routes"][1][2], "scope": "everything"}),
        ("POST", "/api/v1/waivers", {**world["routes"][1][2], "scope": "model"}),  # a model waiver names a model
        ("POST", "/api/v1/waivers", {**world["routes"][1][2], "owner": "   "}),
        ("POST", "/api/v1/waivers", {**world["routes"][1][2], "is_admin": True}),  # unknown field
        ("POST", "/api/v1/waivers", {**world["routes"][1][2], "repo": "../../etc"}),
        ("PATCH", f"/api/v1/waivers/{world['waiver']['id']}", {"expires": "not a date"}),
        ("PATCH", f"/api/v1/waivers/{world['waiver']['id']}", {}),
        ("PUT", "/api/v1/policy", {"presets": "no-cn-origin"}),
        ("PUT", "/api/v1/policy", {"tag_presets": [{"tag": "owner", "value": "x", "presets": ["no-cn-origin"]}]}),
        ("POST", "/api/v1/webhooks", {"url": "javascript:alert(1)", "events": ["waiver-expiring"]}),
    ]
    for method, path, body in bad_fields:
        reply = send(env, method, path, body, admin)
        assert reply.status_code == 422, (method, path, body, reply.text)
    for path in ("/api/v1/waivers/0", "/api/v1/waivers/99999999999999999999", "/api/v1/webhooks/-1"):
        assert env.client.delete(path, headers=admin).status_code in (404, 422), path
    assert state(env) == before


def test_runtime_uploads_share_the_per_token_rate_limit(tmp_path: Path) -> None:
    from modelmap.runtime import ingest

    env = make_env(f"sqlite:///{tmp_path / 'rl.sqlite3'}", upload_rate=0.001, upload_burst=2)
    try:
        body = json.dumps(ingest.build([FIXTURES / "runtime" / "litellm.callback.jsonl"])).encode()
        replies = [send(env, "POST", "/api/v1/projects/acme/gw/runtime", body, env.auth(env.payments))
                   for _ in range(3)]
        assert [r.status_code for r in replies] == [201, 201, 429]
        assert int(replies[2].headers["retry-after"]) >= 1
        assert env.count("runtime_records") == 2
        # another token has its own budget
        assert send(env, "POST", "/api/v1/projects/search/gw/runtime", body,
                    env.auth(env.search)).status_code == 201
    finally:
        env.engine.dispose()
