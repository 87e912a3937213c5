"""An upload past the server's bounds on declared flows is evaluated as one flow with every declared flow's tags.

Each (flow, file) membership a scan upload gives becomes a glob, and in a flow the policy fails a violation: an upload
of 500 flows naming the same 100 files took 17 s of CPU in the upload request, 2,000 x 400 (7.5 MB, under the upload
limit) over ten minutes. Past MAX_DECLARED_FLOWS flows or MAX_FLOW_MEMBERSHIPS memberships the project is one flow
over every file; before, more than 2,000 flows made it one flow with the upload's tags only, so a CN model in a flow
its own modelmap.yaml tags regulated passed the org's regulated-flows rule (stricter than its flows, never laxer).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.server.conftest import Env
from tests.server.test_declared_flows import RULE, _project


def _status(env: Env) -> dict[str, Any]:
    policy = {"config": "version: 1\nfail_on: error\n", "presets": [RULE]}
    assert env.client.put("/api/v1/policy", json=policy, headers=env.auth(env.admin)).status_code in (200, 201)
    reply = env.client.get("/api/v1/policy/status", headers=env.auth(env.admin))
    assert reply.status_code == 200, reply.text
    (project,) = [p for p in reply.json()["projects"] if p["repo"] == "acme/claims"]
    return project


def test_more_declared_flows_than_the_bound_keep_their_regulated_tag(env: Env, tmp_path: Path) -> None:
    from modelmap.server import service

    doc = json.loads(_project(tmp_path / "repo"))
    filler = [{"name": f"extra-{i}", "tags": []} for i in range(service.MAX_DECLARED_FLOWS)]
    doc["flows"] = [*doc["flows"], *filler]
    assert env.upload("acme/claims", json.dumps(doc).encode(), env.payments).status_code == 201
    project = _status(env)
    # one flow over every file, regulated since a declared flow is: the CN embedder fails there
    assert project["regulated_flows"] == ["acme/claims"]
    assert project["status"] == "fail"
    assert {(v["rule"], v["path"], v["flow"]) for v in project["violations"]} >= {(RULE, "claims/embed.py",
                                                                                   "acme/claims")}


def test_more_memberships_than_the_bound_are_one_flow(env: Env, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.server import service

    monkeypatch.setattr(service, "MAX_FLOW_MEMBERSHIPS", 20)
    doc = json.loads(_project(tmp_path / "repo"))
    (embed,) = [f for f in doc["findings"] if f["path"] == "claims/embed.py"]
    doc["flows"] = [*doc["flows"], *({"name": f"f{i}", "tags": ["internal"]} for i in range(10))]
    names = ["claims", *(f"f{i}" for i in range(10))]
    doc["findings"] = [*doc["findings"], *({**embed, "path": f"claims/m{i}.py", "flows": names} for i in range(5))]
    assert env.upload("acme/claims", json.dumps(doc).encode(), env.payments).status_code == 201
    project = _status(env)
    assert project["regulated_flows"] == ["acme/claims"] and project["status"] == "fail"
    assert {v["flow"] for v in project["violations"]} == {"acme/claims"}
    # under the bound, each declared flow is still evaluated on its own
    monkeypatch.setattr(service, "MAX_FLOW_MEMBERSHIPS", 1_000)
    assert env.upload("acme/claims", json.dumps(doc).encode(), env.payments, commit="d" * 40).status_code == 201
    project = _status(env)
    assert project["regulated_flows"] == ["claims"]
    assert {v["flow"] for v in project["violations"]} == {"claims"}
