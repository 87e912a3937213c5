"""The cn-model-regulated alert names at most MAX_TEXT_FLOWS regulated flows in its text, each cut to a bound.

The text joined every regulated flow the model entered: an upload whose CN embedder sits in 300 regulated flows of
60-character names made a Slack section text of about 19,000 characters (Slack's section text holds 3,000), and the
flow names are the uploader's, of any length. The data still lists every flow.
"""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.server.conftest import Env
from tests.server.test_webhooks import CN, Receiver, policy_token, receiver, register  # noqa: F401 (fixture)


def test_an_alert_names_a_bounded_number_of_flows(env: Env, documents: dict[str, bytes],
                                                 receiver: Receiver) -> None:  # noqa: F811
    from modelmap.server import webhooks

    payments = policy_token(env, "payments")
    register(env, payments, f"{receiver.url}/slack", "slack", [CN])
    doc = json.loads(documents["rag-bge-qwen-deepseek.scan"])
    names = [f"regulated-flow-{i:03d}-" + "x" * 42 for i in range(300)] + ["a" * 5_000]
    doc["flows"] = [{"name": n, "tags": ["regulated"]} for n in names]
    for finding in doc["findings"]:
        finding["flows"] = names
    reply = env.upload("acme/rag", json.dumps(doc).encode(), env.payments, commit="t1")
    assert reply.status_code == 201 and reply.json()["notifications_queued"] >= 1
    got = receiver.on("/slack")
    assert got
    for r in got:
        block = r.json["blocks"][0]["text"]["text"]
        assert len(block) < 3_000, len(block)
        assert f"and {len(names) - webhooks.MAX_TEXT_FLOWS} more" in r.json["text"]
        assert "a" * (webhooks.MAX_TEXT_FLOW_CHARS + 1) not in r.json["text"] and "a" * 40 in r.json["text"]


def test_a_flow_name_cannot_mention_the_channel_in_slack_text(env: Env, documents: dict[str, bytes],
                                                               receiver: Receiver) -> None:  # noqa: F811
    """Slack reads the top-level ``text`` (the notification's) as mrkdwn too; it was sent unescaped while the block
    text was escaped, so a flow named ``<!channel>`` in the uploader's modelmap.yaml notified the whole channel."""
    payments = policy_token(env, "payments")
    register(env, payments, f"{receiver.url}/slack", "slack", [CN])
    doc = json.loads(documents["rag-bge-qwen-deepseek.scan"])
    doc["flows"] = [{"name": "<!channel> <https://evil.example|login>", "tags": ["regulated"]}]
    for finding in doc["findings"]:
        finding["flows"] = ["<!channel> <https://evil.example|login>"]
    assert env.upload("acme/rag", json.dumps(doc).encode(), env.payments, commit="t2").status_code == 201
    got = receiver.on("/slack")
    assert got
    for r in got:
        for text in (r.json["text"], r.json["blocks"][0]["text"]["text"]):
            assert "<!channel>" not in text and "<https:" not in text
            assert "&lt;!channel&gt;" in text
