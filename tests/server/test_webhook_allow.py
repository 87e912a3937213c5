"""Where the server may POST webhooks (issue 17): an allow-list of public addresses, host names and CIDR
blocks. Private, loopback and link-local targets are refused unless an IP or CIDR entry lists them, at
registration and again at every delivery (the address connected to is the one checked); the whole exchange
is bounded; no redirects (tests/server/test_webhooks.py) and bounded bodies."""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from modelmap.server.webhooks import MAX_REQUEST_BYTES, AllowList, TargetRefused, post
from tests.server.conftest import make_env
from tests.server.test_webhooks import Receiver, policy_token, receiver

__all__ = ["receiver"]  # the fixture, shared with test_webhooks

CN = "cn-model-regulated"


@pytest.mark.parametrize("address", ["127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.5", "192.168.1.1",
                                     "169.254.169.254", "100.64.0.1", "::1", "fe80::1", "fd00::5",
                                     "::ffff:127.0.0.1", "::ffff:10.0.0.1", "0.0.0.0", "224.0.0.1"])
def test_the_default_refuses_the_servers_own_networks(address: str) -> None:
    why = AllowList().why_not("hooks.example.com", ipaddress.ip_address(address))
    assert why is not None


def test_the_default_takes_public_addresses_and_entries_narrow_or_widen_it() -> None:
    public = ipaddress.ip_address("93.184.215.14")
    internal = ipaddress.ip_address("10.20.3.4")
    assert AllowList().why_not("hooks.example.com", public) is None
    only_slack = AllowList.parse(["hooks.slack.com"])
    assert only_slack.why_not("hooks.slack.com", public) is None
    assert "not on the webhook allow-list" in (only_slack.why_not("hooks.example.com", public) or "")
    subdomains = AllowList.parse(["*.example.com"])
    assert subdomains.why_not("ci.example.com", public) is None
    assert subdomains.why_not("example.com.evil.net", public) is not None
    # an internal block is reachable once listed, and only that block
    mixed = AllowList.parse(["public,10.20.0.0/16"])
    assert mixed.why_not("hooks.corp", internal) is None
    assert mixed.why_not("hooks.corp", ipaddress.ip_address("10.21.0.1")) is not None
    # a host name entry never unlocks a private address it resolves to
    assert AllowList.parse(["public", "hooks.corp"]).why_not("hooks.corp", internal) is not None
    # multicast stays refused even inside a listed block
    assert AllowList.parse(["224.0.0.0/4"]).why_not("x", ipaddress.ip_address("224.0.0.1")) is not None
    for bad in ("http://x", "exa mple.com", "*.", "-" * 300):
        with pytest.raises(ValueError, match="webhook allow-list entry"):
            AllowList.parse([bad])


def test_a_loopback_receiver_is_refused_unless_listed(tmp_path: Path, documents: dict[str, bytes],
                                                      receiver: Receiver) -> None:
    db = f"sqlite:///{tmp_path / 'hooks.sqlite3'}"
    default = make_env(db, webhook_allow=AllowList())
    token = policy_token(default, "payments")
    for url, reason in ((f"{receiver.url}/x", "loopback"), ("http://169.254.169.254/latest", "link-local"),
                        ("http://10.0.0.7:8080/hook", "private"), ("http://[::1]:9/x", "loopback")):
        reply = default.client.post("/api/v1/webhooks", json={"url": url, "kind": "generic", "events": [CN]},
                                    headers=default.auth(token))
        assert reply.status_code == 422 and reason in reply.json()["detail"], (url, reply.text)
    assert default.count("webhooks") == 0

    # listed explicitly: registered, and a CN-origin model entering a regulated project is delivered there
    allowed = make_env(db, webhook_allow=AllowList.parse(["127.0.0.1/32"]))
    reply = allowed.client.post("/api/v1/webhooks", headers=allowed.auth(token),
                                json={"url": f"{receiver.url}/ok", "kind": "generic", "events": [CN]})
    assert reply.status_code == 201, reply.text
    up = allowed.upload("acme/rag", documents["rag-bge-qwen-deepseek.scan"], allowed.payments, regulated="true")
    assert up.json()["notifications_queued"] >= 1
    assert len(receiver.on("/ok")) == up.json()["notifications_queued"]

    # the same database served with the default list: the stored webhook's deliveries are refused, not retried
    up = default.upload("acme/rag2", documents["rag-bge-qwen-deepseek.scan"], default.payments, regulated="true")
    queued = up.json()["notifications_queued"]
    assert queued >= 1
    outbox = default.client.get("/api/v1/notifications", headers=default.auth(default.admin)).json()
    refused = [n for n in outbox if n["payload"]["data"]["repo"] == "acme/rag2"]
    assert len(refused) == queued
    assert all(n["failed_at"] and n["attempts"] == 1 and "refused" in n["last_error"]
               and "loopback" in n["last_error"] for n in refused)
    assert {r.json["data"]["repo"] for r in receiver.on("/ok")} == {"acme/rag"}
    for e in (default, allowed):
        e.engine.dispose()


def test_a_name_that_resolves_to_loopback_is_refused_at_delivery(receiver: Receiver) -> None:
    port = receiver.server.server_address[1]
    # "localhost" listed as a host name: names never unlock loopback, so nothing is sent
    allow = AllowList.parse(["public", "localhost"])
    with pytest.raises(TargetRefused, match="loopback"):
        post(f"http://localhost:{port}/named", b"{}", {"Content-Type": "application/json"}, 2.0, allow)
    assert receiver.on("/named") == []
    # the same receiver through its listed address
    assert post(f"http://127.0.0.1:{port}/listed", b"{}", {}, 2.0, AllowList.parse(["127.0.0.1"])) == 200
    assert len(receiver.on("/listed")) == 1


def test_an_oversized_payload_is_not_sent(receiver: Receiver) -> None:
    with pytest.raises(ValueError, match="at most"):
        post(f"{receiver.url}/big", b"x" * (MAX_REQUEST_BYTES + 1), {}, 2.0, AllowList.parse(["127.0.0.1"]))
    assert receiver.on("/big") == []


@pytest.fixture
def dribbler() -> Iterator[str]:
    """A receiver that answers 200 one byte every 0.1 s: each read is quick, the answer takes 30 s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        answer = b"HTTP/1.1 200 OK\r\n" + b"X-Pad: " + b"a" * 280 + b"\r\nContent-Length: 2\r\n\r\nok"
        try:
            for byte in answer:
                if stop.wait(0.1):
                    break
                conn.sendall(bytes([byte]))
        except OSError:
            pass  # the client hung up: what the deadline is for
        conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    stop.set()
    listener.close()


def test_a_receiver_that_trickles_its_answer_is_cut_off(dribbler: str) -> None:
    # each byte comes well within the 0.5 s per-operation timeout, but the whole exchange is bounded
    with pytest.raises(OSError):
        post(dribbler, b"{}", {}, 0.5, AllowList.parse(["127.0.0.1"]))
