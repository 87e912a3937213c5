"""Org policy and waivers as records (issue 17): a central modelmap.yaml with presets per project tag, the
org-wide status computed with modelmap.policy, and waivers that hide a violation only while active, with
every change kept."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.server.conftest import Env

RULE = "no-cn-origin-regulated"
REGULATED_POLICY = {"config": "version: 1\nfail_on: error\n",
                    "tag_presets": [{"tag": "regulated", "value": True, "presets": [RULE]}]}


def team_token(env: Env, team: str, scopes: str) -> str:
    from modelmap.server import service
    from modelmap.server.db import session_factory

    with session_factory(env.engine)() as session:
        return service.create_token(session, team, scopes)


def cn_or_unknown(doc: bytes) -> dict[str, int]:
    """Model usages the no-cn-origin-regulated preset denies, counted from the scan JSON itself: every model
    finding whose origins are not fully known or include CN, by resolved id (else the name as written)."""
    out: dict[str, int] = {}
    for f in json.loads(doc)["findings"]:
        if f["kind"] == "endpoint":
            continue
        res = f.get("resolution") or {}
        if not res.get("origins_known") or "CN" in (res.get("origins") or []):
            key = (res.get("model") or {}).get("id") or f["raw"]
            out[key] = out.get(key, 0) + 1
    return out


def in_days(days: float) -> str:
    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=days)).isoformat()


def status(env: Env, token: str) -> dict[str, Any]:
    reply = env.client.get("/api/v1/policy/status", headers=env.auth(token))
    assert reply.status_code == 200, reply.text
    return reply.json()


def project(doc: dict[str, Any], repo: str) -> dict[str, Any]:
    (found,) = [p for p in doc["projects"] if p["repo"] == repo]
    return found


def unregulated(scan: bytes) -> bytes:
    """A scan whose repository declares no regulated flow (a declared regulated flow makes a project regulated for
    the org's tag rules, whatever its upload says: tests/server/test_declared_flows.py)."""
    doc = json.loads(scan)
    doc["flows"] = [{**f, "tags": [t for t in f["tags"] if t != "regulated"]} for f in doc.get("flows", [])]
    return json.dumps(doc).encode()


@pytest.fixture
def seeded(env: Env, documents: dict[str, bytes]) -> Env:
    assert env.upload("acme/py-rag", documents["py-rag-app.scan"], env.payments, regulated="true").status_code == 201
    assert env.upload("acme/demo", documents["demo-app.cdx"], env.payments, regulated="true").status_code == 201
    assert env.upload("search/rag", unregulated(documents["rag-bge-qwen-deepseek.scan"]), env.search,
                      regulated="false").status_code == 201
    return env


def test_tag_presets_apply_per_project_and_status_counts_violations(seeded: Env,
                                                                    documents: dict[str, bytes]) -> None:
    env = seeded
    before = status(env, env.admin)
    assert before["policy"] is None
    assert {p["status"] for p in before["projects"]} == {"not_evaluated"}

    reply = env.client.put("/api/v1/policy", json=REGULATED_POLICY, headers=env.auth(env.admin))
    assert reply.status_code == 201 and reply.json()["version"] == 1

    doc = status(env, env.admin)
    expected = cn_or_unknown(documents["py-rag-app.scan"])
    assert expected  # the fixture has CN-origin and unknown-origin models
    regulated = project(doc, "acme/py-rag")
    assert regulated["presets"] == [RULE] and regulated["status"] == "fail"
    assert regulated["violations_total"] == sum(expected.values())
    by_model: dict[str, int] = {}
    for v in regulated["violations"]:
        assert v["rule"] == RULE and v["status"] == "violation" and v["waiver"] is None
        by_model[v["model"]] = by_model.get(v["model"], 0) + 1
    assert by_model == expected
    assert regulated["rules"] == [{"rule": RULE, "severity": "error", "violations": sum(expected.values()),
                                   "waived": 0, "status": "fail"}]

    # not regulated: the tag preset does not apply, no rule is in force, nothing fails
    unregulated = project(doc, "search/rag")
    assert unregulated["presets"] == [] and unregulated["rules"] == [] and unregulated["status"] == "pass"
    # a BOM carries no findings to evaluate: listed as not evaluated, never as passing
    bom = project(doc, "acme/demo")
    assert bom["status"] == "not_evaluated" and "needs a modelmap scan" in bom["reason"]
    assert doc["summary"] == {"projects": 3, "pass": 1, "fail": 1, "not_evaluated": 1, "error": 0}

    # a team sees only its own projects
    assert {p["repo"] for p in status(env, env.search)["projects"]} == {"search/rag"}


def test_policy_versions_validation_and_admin_only(seeded: Env) -> None:
    env = seeded
    policy_token = team_token(env, "payments", "policy,read")
    assert env.client.put("/api/v1/policy", json=REGULATED_POLICY, headers=env.auth(policy_token)).status_code == 403
    assert env.client.put("/api/v1/policy", json=REGULATED_POLICY, headers=env.auth(env.admin)).status_code == 201
    again = env.client.put("/api/v1/policy", json=REGULATED_POLICY, headers=env.auth(env.admin))
    assert again.status_code == 200 and again.json()["status"] == "unchanged" and again.json()["version"] == 1

    cases = [
        ({"config": "version: 1\nfail_on: [\n"}, "org-policy.yaml:"),  # YAML syntax, with a line
        ({"config": "version: 1\nrules:\n  - id: x\n    severity: fatal\n"}, "severity"),
        ({"config": "version: 1\nflows:\n  a: {paths: ['**']}\n"}, "flows"),
        ({"config": "version: 1\nwaivers: []\n"}, "/api/v1/waivers"),
        ({"presets": ["no-such-preset"]}, "unknown preset"),
        ({"tag_presets": [{"tag": "regulated", "value": True, "presets": ["us-regulatd"]}]}, "unknown preset"),
        ({"config": "version: 1\ndisable: [not-a-rule]\n"}, "not-a-rule"),
    ]
    for body, needle in cases:
        reply = env.client.put("/api/v1/policy", json=body, headers=env.auth(env.admin))
        assert reply.status_code == 422, (body, reply.text)
        assert needle in json.dumps(reply.json()), (needle, reply.text)
    assert env.count("org_policies") == 1

    changed = {**REGULATED_POLICY, "presets": ["no-cn-serving"]}
    assert env.client.put("/api/v1/policy", json=changed, headers=env.auth(env.admin)).json()["version"] == 2
    got = env.client.get("/api/v1/policy", headers=env.auth(env.reader)).json()
    assert got["policy"]["version"] == 2 and got["policy"]["presets"] == ["no-cn-serving"]
    assert [v["version"] for v in got["versions"]] == [2, 1]
    # the org preset now applies to the unregulated project too
    assert project(status(env, env.search), "search/rag")["presets"] == ["no-cn-serving"]


def test_waiver_hides_a_violation_only_while_active_and_keeps_its_history(seeded: Env,
                                                                         documents: dict[str, bytes]) -> None:
    env = seeded
    env.client.put("/api/v1/policy", json=REGULATED_POLICY, headers=env.auth(env.admin))
    policy_token = team_token(env, "payments", "policy,read")
    expected = cn_or_unknown(documents["py-rag-app.scan"])
    model = "qwen/qwen2.5-1.5b-instruct"
    assert expected[model] >= 1

    body = {"scope": "model", "rule": RULE, "repo": "acme/py-rag", "model": model, "owner": "Ana Ruiz (search)",
            "approver": "Jo Park (CISO)", "reason": "Being replaced by a US model in Q1.", "expires": in_days(10)}
    created = env.client.post("/api/v1/waivers", json=body, headers=env.auth(policy_token))
    assert created.status_code == 201, created.text
    waiver = created.json()
    assert waiver["state"] == "active" and waiver["days_left"] in (9, 10)

    def waived_now() -> tuple[dict[str, int], list[dict[str, Any]]]:
        entry = project(status(env, env.reader), "acme/py-rag")
        counts = {r["rule"]: r for r in entry["rules"]}[RULE]
        return counts, entry["violations"]

    counts, violations = waived_now()
    assert counts["waived"] == expected[model]
    assert counts["violations"] == sum(expected.values()) - expected[model]
    for v in violations:
        assert (v["status"], v["waiver"]) == (("waived", waiver["id"]) if v["model"] == model else ("violation", None))
    assert [w["id"] for w in status(env, env.reader)["expiring_waivers"]] == [waiver["id"]]
    # a waiver for a model that breaks no rule covers nothing: listed as unused, not as a violation
    idle = env.client.post("/api/v1/waivers", json={**body, "model": "openai/gpt-4o", "expires": in_days(90)},
                           headers=env.auth(policy_token)).json()
    entry = project(status(env, env.reader), "acme/py-rag")
    assert entry["unused_waivers"] == [idle["id"]]
    assert env.client.delete(f"/api/v1/waivers/{idle['id']}", headers=env.auth(policy_token)).status_code == 200

    # expired (time passed): it hides nothing, and the violation names the lapsed waiver
    from sqlalchemy import text

    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2)
    with env.engine.begin() as conn:
        conn.execute(text("UPDATE waivers SET expires = :t WHERE id = :i"), {"t": past, "i": waiver["id"]})
    counts, violations = waived_now()
    assert counts["waived"] == 0 and counts["violations"] == sum(expected.values())
    lapsed = [v for v in violations if v["model"] == model]
    assert lapsed and all(v["status"] == "violation" and v["expired_waiver"] == waiver["id"] for v in lapsed)
    listed = env.client.get("/api/v1/waivers", params={"state": "expired"}, headers=env.auth(env.reader)).json()
    assert [w["id"] for w in listed] == [waiver["id"]]

    # renewed: it covers again; the change is in its history
    renewed = env.client.patch(f"/api/v1/waivers/{waiver['id']}", json={"expires": in_days(30)},
                               headers=env.auth(policy_token))
    assert renewed.status_code == 200 and renewed.json()["state"] == "active"
    assert waived_now()[0]["waived"] == expected[model]

    # revoked: covers nothing, cannot be changed, history has all three events
    assert env.client.delete(f"/api/v1/waivers/{waiver['id']}", headers=env.auth(policy_token)).status_code == 200
    assert waived_now()[0]["waived"] == 0
    assert env.client.patch(f"/api/v1/waivers/{waiver['id']}", json={"reason": "again"},
                            headers=env.auth(policy_token)).status_code == 422
    detail = env.client.get(f"/api/v1/waivers/{waiver['id']}", headers=env.auth(env.reader)).json()
    assert detail["state"] == "revoked"
    assert [e["action"] for e in detail["history"]] == ["create", "update", "revoke"]
    create, update, revoke = detail["history"]
    assert create["before"] is None and create["after"]["owner"] == "Ana Ruiz (search)"
    assert update["before"]["expires"].startswith(past.date().isoformat())
    assert update["after"]["expires"] != update["before"]["expires"]
    assert revoke["before"]["revoked_at"] is None and revoke["after"]["revoked_at"] is not None
    assert {e["by"] for e in detail["history"]} == {"payments"}
    assert env.count("waiver_events") == 5  # and the unused waiver's create and revoke


def test_project_waiver_covers_every_rule_and_a_team_wide_rule_waiver_covers_each_repo(
        env: Env, documents: dict[str, bytes]) -> None:
    env.upload("acme/py-rag", documents["py-rag-app.scan"], env.payments, regulated="true")
    env.upload("acme/rag2", documents["rag-bge-qwen-deepseek.scan"], env.payments, regulated="true")
    env.client.put("/api/v1/policy", json={"tag_presets": [{"tag": "regulated", "value": True,
                                                             "presets": ["us-regulated"]}]},
                   headers=env.auth(env.admin))
    policy_token = team_token(env, "payments", "policy,read")
    doc = status(env, env.reader)
    failing = {r["rule"] for r in project(doc, "acme/py-rag")["rules"] if r["status"] == "fail"}
    assert len(failing) >= 2  # us-regulated has several rules and this repo breaks more than one

    body = {"scope": "project", "repo": "acme/py-rag", "owner": "Ana", "approver": "CISO",
            "reason": "Pilot, not in production yet.", "expires": in_days(20)}
    assert env.client.post("/api/v1/waivers", json=body, headers=env.auth(policy_token)).status_code == 201
    py_rag = project(status(env, env.reader), "acme/py-rag")
    assert py_rag["status"] == "pass"
    assert py_rag["violations_total"] > 0 and all(v["status"] == "waived" for v in py_rag["violations"])
    assert project(status(env, env.reader), "acme/rag2")["status"] == "fail"  # another repo: not covered

    rule = "no-country-of-concern-origin-regulated"
    team_wide = {"scope": "rule", "rule": rule, "owner": "Ana", "approver": "CISO", "reason": "Org exception.",
                 "expires": in_days(20)}
    assert env.client.post("/api/v1/waivers", json=team_wide, headers=env.auth(policy_token)).status_code == 201
    rag2 = project(status(env, env.reader), "acme/rag2")
    of_rule = [v for v in rag2["violations"] if v["rule"] == rule]
    assert of_rule and all(v["status"] == "waived" for v in of_rule)
    assert all(v["status"] == "violation" for v in rag2["violations"] if v["rule"] != rule)


def test_a_rule_that_cannot_be_evaluated_is_reported_per_project(seeded: Env) -> None:
    env = seeded
    config = ("version: 1\nrules:\n  - id: gpl-check\n    severity: error\n    message: No GPL.\n"
              "    deny: \"license.spdx.startsWith('GPL')\"\n")  # CEL has no startsWith: fails when run, not parsed
    assert env.client.put("/api/v1/policy", json={"config": config}, headers=env.auth(env.admin)).status_code == 201
    doc = status(env, env.admin)
    for repo in ("acme/py-rag", "search/rag"):
        entry = project(doc, repo)
        assert entry["status"] == "error" and "gpl-check" in entry["reason"] and "org-policy-v1.yaml:3" in entry["reason"]
    assert doc["summary"]["error"] == 2 and doc["summary"]["pass"] == 0


def test_disabling_a_tag_preset_rule_leaves_other_projects_evaluated(seeded: Env) -> None:
    env = seeded
    policy = {"config": "version: 1\ndisable: [regulated-license-commercial]\n", "presets": ["no-cn-serving"],
              "tag_presets": [{"tag": "regulated", "value": True, "presets": ["us-regulated"]}]}
    assert env.client.put("/api/v1/policy", json=policy, headers=env.auth(env.admin)).status_code == 201
    doc = status(env, env.admin)
    regulated = {r["rule"] for r in project(doc, "acme/py-rag")["rules"]}
    assert "regulated-license-commercial" not in regulated and "no-country-of-concern-origin-regulated" in regulated
    unregulated = project(doc, "search/rag")  # us-regulated does not apply: its disable entry names nothing here
    assert unregulated["status"] in ("pass", "fail")
    assert [r["rule"] for r in unregulated["rules"]] == ["no-cn-serving"]


def test_a_warning_rule_below_fail_on_is_reported_as_warn_not_fail(seeded: Env) -> None:
    """A rule whose severity is below the policy's fail_on threshold does not fail a project, as modelmap check
    decides: its unwaived violations are counted under status "warn", and the project passes if nothing else fails."""
    env = seeded
    config = ("version: 1\nfail_on: error\nrules:\n  - id: cn-origin-note\n    severity: warning\n"
              "    message: A Chinese-origin model.\n    deny: \"'CN' in origins\"\n")
    assert env.client.put("/api/v1/policy", json={"config": config}, headers=env.auth(env.admin)).status_code == 201
    doc = status(env, env.admin)
    entry = project(doc, "search/rag")  # BGE, Qwen and DeepSeek: Chinese-origin weights
    (rule,) = entry["rules"]
    assert rule["rule"] == "cn-origin-note" and rule["severity"] == "warning" and rule["violations"] > 0
    assert rule["status"] == "warn" and entry["status"] == "pass"

    html = env.client.get("/policy", headers=env.auth(env.admin)).text
    assert "cn-origin-note (" in html and "below fail_on" in html

    strict = config.replace("fail_on: error", "fail_on: warning")
    assert env.client.put("/api/v1/policy", json={"config": strict}, headers=env.auth(env.admin)).status_code == 201
    entry = project(status(env, env.admin), "search/rag")
    assert entry["rules"][0]["status"] == "fail" and entry["status"] == "fail"
