"""Webhooks (issue 17): generic JSON and Slack-compatible payloads, signed with HMAC-SHA256, sent from an outbox
to a real HTTP receiver on loopback: a CN-origin model entering a regulated project, a waiver about to expire,
bounded retries, refused redirects, timeouts, and each team hearing only of its own projects."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from modelmap.policy.countries import PRC
from tests.server.conftest import LOOPBACK_RECEIVERS, Env, make_env


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A stdlib HTTP server on 127.0.0.1 that records every POST and answers with ``status`` (and ``location``
    for redirects), after ``delay`` seconds."""

    server: ThreadingHTTPServer
    got: list[Received] = field(default_factory=list)
    status: int = 200
    location: str | None = None
    delay: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def on(self, path: str) -> list[Received]:
        return [r for r in self.got if r.path == path]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            rec = state["r"]
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            rec.got.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            if rec.delay:
                time.sleep(rec.delay)
            self.send_response(rec.status)
            if rec.location:
                self.send_header("Location", rec.location)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state["r"] = Receiver(server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state["r"]
    server.shutdown()
    server.server_close()


def policy_token(env: Env, team: str) -> str:
    from modelmap.server import service
    from modelmap.server.db import session_factory

    with session_factory(env.engine)() as session:
        return service.create_token(session, team, "policy,read")


def register(env: Env, token: str, url: str, kind: str, events: list[str]) -> dict[str, Any]:
    reply = env.client.post("/api/v1/webhooks", json={"url": url, "kind": kind, "events": events},
                            headers=env.auth(token))
    assert reply.status_code == 201, reply.text
    out: dict[str, Any] = reply.json()
    assert out["secret"].startswith("whk_")
    return out


def verify(r: Received, secret: str) -> None:
    """The signature a receiver would check: HMAC-SHA256 of '<timestamp>.<body>' under the webhook's key."""
    stamp = r.headers["x-modelmap-timestamp"]
    expected = hmac.new(secret.encode(), stamp.encode() + b"." + r.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(r.headers["x-modelmap-signature-256"], f"sha256={expected}")
    assert abs(int(stamp) - time.time()) < 600
    assert r.headers["content-type"] == "application/json"


def cn_models(doc: bytes) -> set[str]:
    """Models with China (CN, HK or MO) among their origins, read from the scan JSON itself, keyed as the server keys them: the
    resolved id, else ``unresolved:`` and the name (a name whose publisher is known can have origins without
    a model id, e.g. DeepSeek's API name)."""
    out = set()
    for f in json.loads(doc)["findings"]:
        res = f.get("resolution") or {}
        if f["kind"] != "endpoint" and set(PRC) & set(res.get("origins") or []):
            out.add((res.get("model") or {}).get("id") or f"unresolved:{f['raw'].strip().lower()}")
    return out


CN = "cn-model-regulated"


def test_new_cn_model_in_a_regulated_project_is_announced_signed_generic_and_slack(
        env: Env, documents: dict[str, bytes], receiver: Receiver) -> None:
    payments = policy_token(env, "payments")
    search = policy_token(env, "search")
    generic = register(env, payments, f"{receiver.url}/generic", "generic", [CN])
    slack = register(env, env.admin, f"{receiver.url}/slack", "slack", [CN])  # an org admin's: every team
    register(env, search, f"{receiver.url}/search", "generic", [CN, "waiver-expiring"])
    register(env, payments, f"{receiver.url}/other-event", "generic", ["waiver-expiring"])

    first = documents["py-rag-app.scan"]
    expected = cn_models(first)
    assert len(expected) >= 2
    reply = env.upload("acme/py-rag", first, env.payments, commit="a1", regulated="true")
    assert reply.status_code == 201 and reply.json()["notifications_queued"] == 2 * len(expected)

    got = receiver.on("/generic")
    assert {r.json["data"]["model"] for r in got} == expected and len(got) == len(expected)
    for r in got:
        verify(r, generic["secret"])
        assert r.headers["x-modelmap-event"] == CN
        payload = r.json
        assert payload["schema"] == "modelmap.notification/1" and payload["event"] == CN
        assert payload["data"]["repo"] == "acme/py-rag" and payload["data"]["commit"] == "a1"
        assert set(PRC) & set(payload["data"]["origins"]) and payload["data"]["previous_commit"] is None
        assert payload["data"]["places"] and all(":" in p for p in payload["data"]["places"])
        assert payload["data"]["model"] in payload["text"]
    slack_got = receiver.on("/slack")
    assert len(slack_got) == len(expected)
    for r in slack_got:
        verify(r, slack["secret"])
        payload = r.json
        assert set(payload) == {"text", "blocks"}
        assert payload["blocks"][0]["type"] == "section" and payload["blocks"][0]["text"]["type"] == "mrkdwn"
        assert any(m in payload["text"] for m in expected)
    assert receiver.on("/search") == [] and receiver.on("/other-event") == []  # another team; another event
    with pytest.raises(AssertionError):  # a wrong key does not verify
        verify(got[0], slack["secret"])

    # the same commit again, and a new commit with the same models: nothing new enters
    assert env.upload("acme/py-rag", first, env.payments, commit="a1", regulated="true").json()["status"] == "unchanged"
    assert env.upload("acme/py-rag", first, env.payments, commit="a2", regulated="true").json()[
        "notifications_queued"] == 0
    # a commit that brings other CN models: only those are announced, against the previous snapshot
    second = documents["rag-bge-qwen-deepseek.scan"]
    new = cn_models(second) - expected
    assert new
    before = len(receiver.got)
    env.upload("acme/py-rag", second, env.payments, commit="a3", regulated="true")
    fresh = [r for r in receiver.got[before:] if r.path == "/generic"]
    assert {r.json["data"]["model"] for r in fresh} == new
    assert {r.json["data"]["previous_commit"] for r in fresh} == {"a2"}

    # not regulated: nothing is announced
    before = len(receiver.got)
    assert env.upload("search/app", first, env.search, commit="b1", regulated="false").json()[
        "notifications_queued"] == 0
    assert len(receiver.got) == before

    outbox = env.client.get("/api/v1/notifications", headers=env.auth(env.reader)).json()
    assert outbox and all(n["delivered_at"] and n["attempts"] == 1 for n in outbox)
    assert {n["webhook"] for n in outbox} == {generic["id"]}  # payments' reader sees its own webhooks only


def test_waiver_about_to_expire_is_announced_once(env: Env, documents: dict[str, bytes],
                                                   receiver: Receiver) -> None:
    payments = policy_token(env, "payments")
    hook = register(env, payments, f"{receiver.url}/w", "generic", ["waiver-expiring"])
    env.upload("acme/py-rag", documents["py-rag-app.scan"], env.payments, regulated="true")
    now = dt.datetime.now(dt.timezone.utc)
    ids = {}
    for name, days in (("soon", 5), ("later", 60)):
        body = {"scope": "rule", "rule": "no-cn-origin-regulated", "repo": "acme/py-rag", "owner": f"owner {name}",
                "approver": "CISO", "reason": "Replacement under way.",
                "expires": (now + dt.timedelta(days=days)).isoformat()}
        reply = env.client.post("/api/v1/waivers", json=body, headers=env.auth(payments))
        assert reply.status_code == 201, reply.text
        ids[name] = reply.json()["id"]

    run = env.client.post("/api/v1/notifications/run", params={"days": 14}, headers=env.auth(payments))
    assert run.status_code == 200 and run.json() == {"queued": 1, "delivered": 1, "retrying": 0, "failed": 0}
    (r,) = receiver.on("/w")
    verify(r, hook["secret"])
    assert r.json["event"] == "waiver-expiring"
    assert r.json["data"]["id"] == ids["soon"] and r.json["data"]["owner"] == "owner soon"
    assert r.json["data"]["days_left"] in (4, 5)
    # run again: already announced for this expiry date
    assert env.client.post("/api/v1/notifications/run", params={"days": 14},
                           headers=env.auth(payments)).json()["queued"] == 0
    # a longer horizon reaches the other waiver
    assert env.client.post("/api/v1/notifications/run", params={"days": 90},
                           headers=env.auth(payments)).json()["queued"] == 1
    # a revoked waiver is not announced
    env.client.delete(f"/api/v1/waivers/{ids['later']}", headers=env.auth(payments))
    renewal = {"expires": (now + dt.timedelta(days=3)).isoformat()}
    env.client.patch(f"/api/v1/waivers/{ids['soon']}", json=renewal, headers=env.auth(payments))
    again = env.client.post("/api/v1/notifications/run", params={"days": 14}, headers=env.auth(payments)).json()
    assert again["queued"] == 1  # the changed expiry date is a new notice; the revoked one is silent


def test_retries_are_bounded_redirects_refused_and_slow_receivers_time_out(
        tmp_path: Any, documents: dict[str, bytes], receiver: Receiver) -> None:
    from sqlalchemy import text

    env = make_env(f"sqlite:///{tmp_path / 'hooks.sqlite3'}", webhook_attempts=2, webhook_timeout=0.5)
    try:
        payments = policy_token(env, "payments")
        register(env, payments, f"{receiver.url}/flaky", "generic", [CN])
        receiver.status, receiver.location = 302, f"{receiver.url}/elsewhere"
        queued = env.upload("acme/py-rag", documents["py-rag-app.scan"], env.payments,
                            regulated="true").json()["notifications_queued"]
        assert queued >= 2
        assert len(receiver.on("/flaky")) == queued and receiver.on("/elsewhere") == []  # redirect not followed
        rows = env.client.get("/api/v1/notifications", headers=env.auth(env.reader)).json()
        assert all(n["attempts"] == 1 and n["delivered_at"] is None and n["failed_at"] is None
                   and n["last_error"] == "HTTP 302" for n in rows)

        # not due yet (back-off): a run sends nothing
        assert env.client.post("/api/v1/notifications/run", headers=env.auth(payments)).json()["retrying"] == 0
        # due again, and the receiver is now slow: the second and last attempt times out and fails for good
        receiver.status, receiver.location, receiver.delay = 200, None, 1.5
        with env.engine.begin() as conn:
            conn.execute(text("UPDATE notifications SET next_attempt_at = NULL"))
        run = env.client.post("/api/v1/notifications/run", headers=env.auth(payments)).json()
        assert run["failed"] == queued and run["delivered"] == 0
        rows = env.client.get("/api/v1/notifications", headers=env.auth(env.reader)).json()
        assert all(n["attempts"] == 2 and n["failed_at"] and "timed out" in n["last_error"].lower() for n in rows)
        # failed for good: never sent again
        with env.engine.begin() as conn:
            conn.execute(text("UPDATE notifications SET next_attempt_at = NULL"))
        sent = len(receiver.got)
        env.client.post("/api/v1/notifications/run", headers=env.auth(payments))
        assert len(receiver.got) == sent
    finally:
        env.engine.dispose()


def test_webhook_registration_is_checked_and_deletion_stops_deliveries(
        env: Env, documents: dict[str, bytes], receiver: Receiver) -> None:
    payments = policy_token(env, "payments")
    for body in ({"url": "ftp://127.0.0.1/x", "events": [CN]},
                 {"url": "http://user:pw@127.0.0.1/x", "events": [CN]},
                 {"url": f"{receiver.url}/x", "events": ["everything"]},
                 {"url": f"{receiver.url}/x", "events": []},
                 {"url": f"{receiver.url}/x", "kind": "teams", "events": [CN]}):
        assert env.client.post("/api/v1/webhooks", json=body, headers=env.auth(payments)).status_code == 422, body
    assert env.count("webhooks") == 0
    hook = register(env, payments, f"{receiver.url}/gone", "generic", [CN])
    listed = env.client.get("/api/v1/webhooks", headers=env.auth(env.reader)).json()
    assert [w["id"] for w in listed] == [hook["id"]] and "secret" not in listed[0] and "hmac_key" not in listed[0]
    assert env.client.delete(f"/api/v1/webhooks/{hook['id']}", headers=env.auth(payments)).status_code == 204
    env.upload("acme/py-rag", documents["py-rag-app.scan"], env.payments, regulated="true")
    assert receiver.got == [] and env.count("notifications") == 0


def test_the_serve_tick_announces_expiring_waivers_without_being_asked(
        env: Env, documents: dict[str, bytes], receiver: Receiver) -> None:
    from modelmap.server import webhooks
    from modelmap.server.db import session_factory

    payments = policy_token(env, "payments")
    hook = register(env, payments, f"{receiver.url}/tick", "slack", ["waiver-expiring"])
    env.upload("acme/py-rag", documents["py-rag-app.scan"], env.payments, regulated="true")
    body = {"scope": "project", "repo": "acme/py-rag", "owner": "Ana <ana@example.com>", "approver": "CISO",
            "reason": "Pilot.", "expires": (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)).isoformat()}
    waiver = env.client.post("/api/v1/waivers", json=body, headers=env.auth(payments)).json()

    sessions = session_factory(env.engine)
    stop = threading.Event()
    loopback = webhooks.AllowList.parse(LOOPBACK_RECEIVERS)  # the receiver's address, listed explicitly
    thread = webhooks.start_ticker(sessions, lambda: webhooks.deliver(sessions, allow=loopback), every_s=0.2, days=14,
                                   retry_every_s=0.1, stop=stop)
    try:
        deadline = time.monotonic() + 60
        while not receiver.on("/tick") and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # a few more ticks: the waiver is still announced once
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    (got,) = receiver.on("/tick")
    verify(got, hook["secret"])
    assert f"Waiver {waiver['id']}" in got.json["text"]
    # Slack mrkdwn: the owner's angle brackets are escaped in the block, so they cannot make a link or mention
    block = got.json["blocks"][0]["text"]["text"]
    assert "&lt;ana@example.com&gt;" in block and "<ana@" not in block


def test_a_cn_model_entering_a_declared_regulated_flow_is_announced(
        env: Env, documents: dict[str, bytes], receiver: Receiver) -> None:
    """The repository's own modelmap.yaml tags a flow regulated (its scan upload carries the tags): a CN-origin model
    entering that flow is announced even though the upload itself is not tagged regulated; one in an untagged flow
    is not. Before, only a snapshot tagged regulated was watched, so a project uploaded with plain
    `modelmap scan --upload` never raised the alert."""
    payments = policy_token(env, "payments")
    register(env, payments, f"{receiver.url}/generic", "generic", [CN])
    doc = json.loads(documents["rag-bge-qwen-deepseek.scan"])
    # the BGE embedder only where the index is built (flow ingest, tagged internal), not in the regulated search
    doc["findings"] = [f for f in doc["findings"]
                       if not (f["path"] == "app/search.py" and f["raw"] == "BAAI/bge-large-en-v1.5")]
    body = json.dumps(doc).encode()
    regulated = {f["name"] for f in doc["flows"] if "regulated" in f["tags"]}
    inside = {m for m in cn_models(json.dumps(
        {"findings": [f for f in doc["findings"] if set(f.get("flows") or ()) & regulated]}).encode())}
    outside_only = cn_models(body) - inside
    assert regulated and inside and outside_only == {"baai/bge-large-en-v1.5"}
    reply = env.upload("acme/rag", body, env.payments, commit="r1")
    assert reply.status_code == 201 and reply.json()["notifications_queued"] == len(inside)
    got = receiver.on("/generic")
    assert {r.json["data"]["model"] for r in got} == inside and not outside_only & {r.json["data"]["model"] for r in got}
    for r in got:
        assert set(r.json["data"]["regulated_flows"]) <= regulated and r.json["data"]["regulated_flows"]
        assert "entered regulated flow" in r.json["text"]
    # the same models in the same flows on the next commit: nothing new enters
    assert env.upload("acme/rag", body, env.payments, commit="r2").json()["notifications_queued"] == 0
