"""Runtime records (issue 17): modelmap.runtime/1 documents posted per project, compared with the latest code
snapshot by modelmap.runtime.drift, org-wide shadow models, and a notification for a model serving that no
code declares."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.conftest import FIXTURES
from tests.runtime.otlp_gen import write_spans
from tests.server.conftest import Env
from tests.server.test_webhooks import Receiver, policy_token, receiver, register, verify

__all__ = ["receiver"]  # the fixture, shared with test_webhooks

UNDECLARED = "undeclared-runtime-model"


@pytest.fixture(scope="module")
def telemetry(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A runtime inventory built by the library from generated OTLP traces of the demo app's traffic."""
    from modelmap.runtime import ingest

    spans = write_spans(tmp_path_factory.mktemp("otlp") / "spans.jsonl", 3000)
    return json.dumps(ingest.build([spans])).encode()


@pytest.fixture(scope="module")
def litellm_log() -> bytes:
    from modelmap.runtime import ingest

    return json.dumps(ingest.build([FIXTURES / "runtime" / "litellm.callback.jsonl"])).encode()


def post_runtime(env: Env, repo: str, body: bytes, token: str, **params: Any) -> Any:
    return env.client.post(f"/api/v1/projects/{repo}/runtime", content=body, params=params,
                           headers=env.auth(token))


def lists(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc[k] for k in ("shadow", "declared_not_seen", "alias_mismatch", "host_mismatch", "matched",
                                "summary")}


def test_runtime_upload_is_compared_with_the_latest_code_snapshot_and_announced_once(
        env: Env, documents: dict[str, bytes], telemetry: bytes, receiver: Receiver) -> None:
    from modelmap.runtime.drift import drift

    hook = register(env, policy_token(env, "payments"), f"{receiver.url}/rt", "generic", [UNDECLARED])
    assert env.upload("acme/demo", documents["demo-app.scan"], env.payments).status_code == 201
    runtime = json.loads(telemetry)
    reply = post_runtime(env, "acme/demo", telemetry, env.payments, environment="production")
    assert reply.status_code == 201, reply.text
    out = reply.json()
    assert out["record"]["models"] == len(runtime["models"]) and out["record"]["environment"] == "production"

    # the server's drift is the library's drift of the same two documents
    expected = drift(json.loads(documents["demo-app.scan"]), runtime)
    assert out["shadow"] == [s["model"] for s in expected["shadow"]]
    assert "claude-3-5-sonnet-20241022" in out["shadow"]  # the generated traffic calls an undeclared API
    got = env.client.get("/api/v1/projects/acme/demo/drift", headers=env.auth(env.reader)).json()
    assert lists(got) == lists(expected)
    assert got["snapshot"]["commit"] == "c0ffee1" and got["runtime_record"]["id"] == out["record"]["id"]

    # one signed notification per undeclared model
    assert out["notifications_queued"] == len(expected["shadow"])
    assert {r.json["data"]["model"] for r in receiver.on("/rt")} == set(out["shadow"])
    for r in receiver.on("/rt"):
        verify(r, hook["secret"])
        assert r.json["event"] == UNDECLARED and r.json["data"]["repo"] == "acme/demo"
        assert r.json["data"]["environment"] == "production"

    # the same inventory again: stored as a second record, nothing announced twice
    again = post_runtime(env, "acme/demo", telemetry, env.payments, environment="production").json()
    assert again["notifications_queued"] == 0 and len(receiver.on("/rt")) == len(expected["shadow"])
    history = env.client.get("/api/v1/projects/acme/demo/runtime", headers=env.auth(env.reader)).json()
    assert [h["id"] for h in history] == [again["record"]["id"], out["record"]["id"]]
    assert env.count("runtime_models") == 2 * len(runtime["models"])


def test_a_bom_snapshot_gives_drift_the_same_models_as_the_scan(env: Env, documents: dict[str, bytes],
                                                                 telemetry: bytes) -> None:
    env.upload("acme/demo-scan", documents["demo-app.scan"], env.payments)
    env.upload("acme/demo-bom", documents["demo-app.cdx"], env.payments)
    for repo in ("acme/demo-scan", "acme/demo-bom"):
        assert post_runtime(env, repo, telemetry, env.payments).status_code == 201
    scan = env.client.get("/api/v1/projects/acme/demo-scan/drift", headers=env.auth(env.reader)).json()
    bom = env.client.get("/api/v1/projects/acme/demo-bom/drift", headers=env.auth(env.reader)).json()
    assert bom["snapshot"]["format"] == "cyclonedx"
    assert [s["model"] for s in bom["shadow"]] == [s["model"] for s in scan["shadow"]]
    assert {m["model"] for m in bom["matched"]} == {m["model"] for m in scan["matched"]}
    assert {m["model"] for m in bom["declared_not_seen"]} == {m["model"] for m in scan["declared_not_seen"]}


def test_org_wide_shadow_models_by_model_with_their_repositories(env: Env, documents: dict[str, bytes],
                                                                 telemetry: bytes, litellm_log: bytes) -> None:
    env.upload("acme/demo", documents["demo-app.scan"], env.payments)
    post_runtime(env, "acme/demo", telemetry, env.payments)
    # a service with no code snapshot declares nothing: everything it serves is undeclared
    reply = post_runtime(env, "search/gateway", litellm_log, env.search)
    assert reply.status_code == 201
    gateway_models = {m["model"] for m in json.loads(litellm_log)["models"]}
    assert set(reply.json()["shadow"]) == gateway_models

    org = env.client.get("/api/v1/runtime/shadow", headers=env.auth(env.admin)).json()
    assert org["projects_with_runtime"] == 2
    repos_of = {m["model"]: {r["repo"] for r in m["repos"]} for m in org["models"]}
    assert repos_of["claude-3-5-sonnet-20241022"] == {"acme/demo"}
    assert {m for m, repos in repos_of.items() if "search/gateway" in repos} == gateway_models
    assert org["summary"]["repos_affected"] == 2
    # a team sees its own projects only
    mine = env.client.get("/api/v1/runtime/shadow", headers=env.auth(env.reader)).json()
    assert mine["projects_with_runtime"] == 1
    assert {r["repo"] for m in mine["models"] for r in m["repos"]} == {"acme/demo"}
    assert env.client.get("/api/v1/projects/search/gateway/drift", headers=env.auth(env.reader)).status_code == 404


def test_a_runtime_document_is_validated_before_anything_is_stored(env: Env, telemetry: bytes,
                                                                    tmp_path: Path) -> None:
    doc = json.loads(telemetry)
    cases = [
        (b"not json", 400),
        (json.dumps({"schema": "modelmap.scan/1", "findings": []}).encode(), 422),
        (json.dumps({**doc, "models": "many"}).encode(), 422),
        (json.dumps({**doc, "models": [{"model": 5}]}).encode(), 422),
        (json.dumps([doc]).encode(), 422),
    ]
    for body, code in cases:
        reply = post_runtime(env, "acme/demo", body, env.payments)
        assert reply.status_code == code, (body[:60], reply.text)
    assert env.count("runtime_records") == 0 and env.count("runtime_models") == 0 and env.count("projects") == 0
    assert env.client.get("/api/v1/projects/acme/demo/drift", headers=env.auth(env.reader)).status_code == 404
