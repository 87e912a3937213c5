"""modelmap's LiteLLM guardrail and runtime callback inside a real LiteLLM proxy on loopback (issue 15, item 2).

One proxy (LiteLLM 1.80.0, started as a subprocess with a random master key) serves the whole module; every
deployment answers with ``mock_response``, so nothing leaves the machine. The guardrail and the callback are
loaded from the proxy's config through ``callbacks:`` and the two-line shim, as a user would load them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

pytest.importorskip("litellm")
pytest.importorskip("litellm.proxy.proxy_server", reason="needs the LiteLLM proxy's imports (the runtime extra)")

from modelmap.runtime import ingest
from tests.conftest import load_schema
from tests.integrations.litellm_proxy import Proxy, start_proxy

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    folder = tmp_path_factory.mktemp("litellm-proxy")
    running = start_proxy(folder)
    try:
        yield running
    finally:
        running.stop()


def _records_of(proxy: Proxy, call_id: str, at_least: int = 1) -> list[dict[str, Any]]:
    """The callback's records of one call (the callback runs after the reply: wait for them, at most 15 s)."""
    deadline = time.monotonic() + 15
    while True:
        found = [r for r in proxy.records() if r.get("litellm_call_id") == call_id]
        if len(found) >= at_least or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _reply_text(body: dict[str, Any]) -> str:
    return str(body["choices"][0]["message"]["content"])


def test_allowed_flow_succeeds_and_load_balancing_skips_the_forbidden_deployment(proxy: Proxy) -> None:
    # "chat" has two deployments, DeepSeek (origin CN) and GPT-4o; the regulated "support" flow may only get GPT-4o
    replies = []
    for _ in range(8):
        status, body, headers = proxy.chat("chat", tags=["flow:support"])
        assert status == 200, body
        replies.append(_reply_text(body))
        records = _records_of(proxy, headers["x-litellm-call-id"])
        assert [r["upstream_model"] for r in records] == ["openai/gpt-4o"]
        record = records[0]
        assert record["status"] == "success" and record["model_group"] == "chat"
        assert record["flows"] == ["support"] and "flow:support" in record["tags"]
        assert record["custom_llm_provider"] == "openai" and record["model"] == "gpt-4o"
        assert record["deployment"] == headers["x-litellm-model-id"]
        assert record["fallback_attempts"] == 0
        assert isinstance(record["response_cost"], float) and record["response_cost"] > 0
        assert record["prompt_tokens"] == body["usage"]["prompt_tokens"]
        assert record["time"].startswith("20") and record["startTime"] <= record["endTime"]
    assert set(replies) == {"from openai"}


def test_a_flow_the_rule_does_not_cover_may_use_the_same_deployment(proxy: Proxy) -> None:
    # the rule applies to regulated flows only: "lab" reaches the DeepSeek-only group (the flow mapping decides)
    status, body, headers = proxy.chat("cn-only", tags=["lab"])
    assert status == 200, body
    assert _reply_text(body) == "from deepseek"
    (record,) = _records_of(proxy, headers["x-litellm-call-id"])
    assert record["upstream_model"] == "deepseek/deepseek-chat" and record["flows"] == ["lab"]


def test_forbidden_deployment_is_rejected_with_a_json_error_naming_rule_and_model(proxy: Proxy) -> None:
    status, body, _ = proxy.chat("cn-only", tags=["support"])
    assert status == 403
    error = body["error"]
    assert error["type"] == "modelmap_policy_violation"
    assert error["param"] == "no-cn-origin-regulated"
    assert "no-cn-origin-regulated" in error["message"] and "deepseek/deepseek-chat" in error["message"]
    detail = error["provider_specific_fields"]["modelmap"]
    assert detail["rule"] == "no-cn-origin-regulated"
    assert detail["model"] == "deepseek/deepseek-chat" and detail["flow"] == "support"
    assert detail["model_group"] == "cn-only"
    assert [d["upstream"] for d in detail["deployments"]] == ["deepseek/deepseek-chat"]
    assert detail["deployments"][0]["served_by"] == "deepseek-api"


def test_a_request_that_names_no_flow_is_rejected_fail_closed(proxy: Proxy) -> None:
    status, body, _ = proxy.chat("chat")
    assert status == 403
    assert body["error"]["param"] == "modelmap-unknown-flow"
    status, body, _ = proxy.chat("chat", tags=["no-such-flow"])
    assert status == 403 and body["error"]["param"] == "modelmap-unknown-flow"


def test_fallbacks_never_reach_a_forbidden_deployment(proxy: Proxy) -> None:
    # primary (GPT-4o) fails; its fallbacks are cn-only (DeepSeek, forbidden for support) then backup (Claude)
    before = {r.get("litellm_call_id") for r in proxy.records()}
    status, body, headers = proxy.chat("primary", tags=["support"])
    assert status == 200, body
    assert _reply_text(body) == "from anthropic"
    assert headers["x-litellm-model-group"] == "backup"
    call = headers["x-litellm-call-id"]
    records = _records_of(proxy, call, at_least=2)
    assert call not in before
    reached = {r.get("upstream_model") for r in records} | {r.get("attempted_upstream") for r in records}
    assert "deepseek/deepseek-chat" not in reached
    assert [(r["status"], r.get("attempted_upstream") or r["upstream_model"]) for r in records] == [
        ("failure", "openai/gpt-4o"), ("success", "anthropic/claude-3-5-sonnet-20240620")]
    success = records[-1]
    assert success["model_group"] == "backup" and success["fallback_attempts"] == 2
    failure = records[0]
    assert failure["model_group"] is None and failure["requested_group"] == "primary"
    assert failure["error"]["class"] == "InternalServerError"
    # and in the lab flow the same fallback chain may stop at DeepSeek
    status, body, headers = proxy.chat("primary", tags=["lab"])
    assert status == 200 and _reply_text(body) == "from deepseek"


def test_the_callback_jsonl_is_a_runtime_source(proxy: Proxy, tmp_path: Path) -> None:
    for tags in (["support"], ["lab"]):
        assert proxy.chat("chat", tags=tags)[0] == 200
    assert proxy.chat("cn-only", tags=["support"])[0] == 403
    records = proxy.records()
    snapshot = tmp_path / "litellm-callback.jsonl"
    snapshot.write_text("".join(json.dumps(r) + "\n" for r in records))
    doc = ingest.build([snapshot])
    jsonschema.validate(doc, load_schema("runtime.schema.json"))
    assert doc["sources"][0]["kinds"] == ["litellm"] and doc["sources"][0]["skipped"] == 0
    served = [r for r in records if r["status"] == "success"]
    by_model = {m["model"]: m for m in doc["models"]}
    # every model that answered is listed with its request count; groups that only failed or were rejected are not
    expected: dict[str, int] = {}
    for r in served:
        expected[f"{r['custom_llm_provider']}/{r['model']}"] = expected.get(f"{r['custom_llm_provider']}/{r['model']}",
                                                                            0) + 1
    assert {k: v["requests"] for k, v in by_model.items()} == expected
    assert "cn-only" not in by_model and "primary" not in by_model
    gpt = by_model["openai/gpt-4o"]
    assert "chat" in gpt["requested_as"] and gpt["hosts"] == ["api.openai.com"]
    assert (gpt["resolution"]["model"] or {}).get("id") == "openai/gpt-4o"
    assert gpt["tokens"]["input"] == sum(r["prompt_tokens"] for r in served if r["model"] == "gpt-4o")


def test_a_rejected_request_is_logged_with_its_group_and_flow_and_counted(proxy: Proxy, tmp_path: Path) -> None:
    # tryout 33 item 2: a request the guardrail rejects before routing used to be logged with model_group,
    # requested_group and flows all null, so `modelmap runtime` dropped it (failed_attempts [])
    from modelmap.cli.runtime_cmd import render_table

    before = {r.get("litellm_call_id") for r in proxy.records()}
    assert proxy.chat("cn-only", tags=["support"])[0] == 403
    deadline = time.monotonic() + 15
    while not (new := [r for r in proxy.records() if r.get("litellm_call_id") not in before]):
        assert time.monotonic() < deadline, "the callback wrote no record of the rejection"
        time.sleep(0.1)
    rejected = new[-1]
    assert rejected["status"] == "failure" and rejected["model_group"] is None
    assert rejected["requested_group"] == "cn-only" and rejected["flows"] == ["support"]
    assert rejected["error"]["rule"] == "no-cn-origin-regulated"
    snapshot = tmp_path / "litellm-callback.jsonl"
    snapshot.write_text(json.dumps(rejected) + "\n")
    doc = ingest.build([snapshot])
    jsonschema.validate(doc, load_schema("runtime.schema.json"))
    assert doc["models"] == []
    [failed] = doc["failed_attempts"]
    assert failed["model_group"] == "cn-only" and failed["attempts"] == 1
    assert failed["rules"] == {"no-cn-origin-regulated": 1}
    table = render_table(doc)
    assert "Failed or rejected attempts" in table and "no-cn-origin-regulated (1)" in table
