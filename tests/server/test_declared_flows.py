"""The server evaluates the flows a repository declares, each with its own tags, as ``modelmap check`` does.

Before, the repository's modelmap.yaml was not uploaded, so the server evaluated every project as one flow tagged
with the upload's tags: a repository whose `claims` flow is tagged regulated (in its own modelmap.yaml) passed a
"no Chinese origin in regulated flows" rule on the server while `modelmap check` failed it. A scan of a project that
declares flows now carries them (``flows``: name and tags) beside each finding's membership.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.server.conftest import Env, _cli

CONFIG = """\
version: 1
flows:
  claims:
    tags: [regulated]
    paths: ["claims/**"]
  search:
    paths: ["search/**"]
"""
CLAIMS = 'from sentence_transformers import SentenceTransformer\nembedder = SentenceTransformer("BAAI/bge-m3")\n'
SEARCH = 'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("Qwen/Qwen2.5-7B-Instruct")\n'
RULE = "no-cn-origin-regulated"


def _project(root: Path) -> bytes:
    (root / "claims").mkdir(parents=True)
    (root / "search").mkdir()
    (root / "modelmap.yaml").write_text(CONFIG)
    (root / "claims" / "embed.py").write_text(CLAIMS)
    (root / "search" / "rank.py").write_text(SEARCH)
    return _cli("scan", str(root), "--format", "json", "-q")


def _violations(env: Env) -> list[dict[str, Any]]:
    policy = {"config": "version: 1\nfail_on: error\n", "presets": [RULE]}
    assert env.client.put("/api/v1/policy", json=policy, headers=env.auth(env.admin)).status_code == 201
    reply = env.client.get("/api/v1/policy/status", headers=env.auth(env.admin))
    assert reply.status_code == 200, reply.text
    (project,) = [p for p in reply.json()["projects"] if p["repo"] == "acme/claims"]
    return [v for v in project["violations"] if v["rule"] == RULE]


def test_a_scan_carries_its_declared_flows_with_their_tags(tmp_path: Path) -> None:
    doc = json.loads(_project(tmp_path / "repo"))
    assert doc["flows"] == [{"name": "claims", "tags": ["regulated"]}, {"name": "search", "tags": []}]
    assert {f["path"]: f["flows"] for f in doc["findings"]} == {"claims/embed.py": ["claims"],
                                                              "search/rank.py": ["search"]}


def test_each_declared_flow_is_evaluated_with_its_own_tags(env: Env, tmp_path: Path) -> None:
    body = _project(tmp_path / "repo")
    assert env.upload("acme/claims", body, env.payments).status_code == 201  # the upload itself is not regulated
    flagged = _violations(env)
    # the regulated flow's Chinese-origin embedder fails; the untagged flow's Qwen model is not a regulated use
    assert [(v["path"], v["flow"]) for v in flagged] == [("claims/embed.py", "claims")]
    # modelmap check on the same repository, with the same rule in its own config, says the same
    (tmp_path / "repo" / "modelmap.yaml").write_text(CONFIG.replace("flows:", f"preset: [{RULE}]\nflows:", 1))
    from typer.testing import CliRunner

    from modelmap.cli import app

    run = CliRunner().invoke(app, ["check", str(tmp_path / "repo"), "--format", "json", "-q"])
    cli = [(v["location"]["path"], v["flow"]) for v in json.loads(run.stdout)["violations"] if v["rule"] == RULE]
    assert cli == [("claims/embed.py", "claims")]


def test_a_scan_without_declared_flows_is_still_one_flow_of_the_upload_tags(env: Env, tmp_path: Path) -> None:
    doc = json.loads(_project(tmp_path / "repo"))
    del doc["flows"]
    for finding in doc["findings"]:
        del finding["flows"]
    assert env.upload("acme/claims", json.dumps(doc).encode(), env.payments, regulated="true").status_code == 201
    flagged = _violations(env)
    assert sorted((v["path"], v["flow"]) for v in flagged) == [("claims/embed.py", "acme/claims"),
                                                              ("search/rank.py", "acme/claims")]


def _status_of(env: Env, policy: dict[str, Any]) -> dict[str, Any]:
    assert env.client.put("/api/v1/policy", json=policy, headers=env.auth(env.admin)).status_code == 201
    reply = env.client.get("/api/v1/policy/status", headers=env.auth(env.admin))
    assert reply.status_code == 200, reply.text
    (project,) = [p for p in reply.json()["projects"] if p["repo"] == "acme/claims"]
    return project


def test_a_declared_regulated_flow_makes_the_project_regulated_for_tag_rules(env: Env, tmp_path: Path) -> None:
    """An org tag rule `regulated -> no-cn-origin-regulated` must reach a repository whose own modelmap.yaml tags
    its claims flow regulated, as that repository's CI check does; before, the upload (not tagged regulated)
    matched no tag rule and the project passed on the server while its own check failed."""
    body = _project(tmp_path / "repo")
    assert env.upload("acme/claims", body, env.payments).status_code == 201  # the upload itself is not tagged
    tag_rule = {"config": "version: 1\nfail_on: error\n", "presets": [],
                "tag_presets": [{"tag": "regulated", "value": True, "presets": [RULE]}]}
    project = _status_of(env, tag_rule)
    assert project["presets"] == [RULE] and project["regulated_flows"] == ["claims"]
    assert project["status"] == "fail"
    assert [(v["rule"], v["path"], v["flow"]) for v in project["violations"]] == [(RULE, "claims/embed.py", "claims")]
    # a rule for projects that are not regulated does not apply to it, even when the upload says regulated=false
    assert env.upload("acme/claims", body, env.payments, commit="b" * 40, regulated="false").status_code == 201
    not_regulated = {**tag_rule, "tag_presets": [{"tag": "regulated", "value": False, "presets": ["no-cn-serving"]}]}
    project = _status_of(env, not_regulated)
    assert project["presets"] == [] and project["status"] == "pass"
    # without a regulated flow the upload's own tag decides, as before
    (tmp_path / "plain").mkdir()
    doc = json.loads(_project(tmp_path / "plain" / "repo"))
    doc["flows"] = [{**f, "tags": []} for f in doc["flows"]]
    assert env.upload("acme/claims", json.dumps(doc).encode(), env.payments, commit="c" * 40).status_code == 201
    project = _status_of(env, tag_rule)
    assert project["presets"] == [] and project["regulated_flows"] == [] and project["status"] == "pass"


def test_a_server_violation_says_why_as_check_does(env: Env, tmp_path: Path) -> None:
    """The status and the /policy page give each violation's facts (publisher, origins, licence), as modelmap check's
    details column does; before, only the rule's generic sentence, so a reader could not tell why a model failed."""
    body = _project(tmp_path / "repo")
    assert env.upload("acme/claims", body, env.payments).status_code == 201
    (flagged,) = _violations(env)
    assert flagged["details"].startswith("Model baai/bge-m3 in flow claims: publisher ")
    assert "(CN); origins CN" in flagged["details"] and "license MIT" in flagged["details"]
    page = env.client.get("/policy", headers=env.auth(env.admin))
    assert page.status_code == 200
    assert "in flow claims" in page.text and "(CN); origins CN" in page.text


def test_an_empty_declared_flow_is_a_warning_with_its_severity(env: Env, tmp_path: Path) -> None:
    """A declared flow the scan put nothing in is flow-empty, a warning, as check says: the status's rule entry gives
    its severity (before: null, as built-in rules are in no config rule) and the message names no empty glob list."""
    root = tmp_path / "repo"
    body = _project(root)
    doc = json.loads(body)
    doc["flows"].append({"name": "billing", "tags": ["regulated"]})  # as a flow whose globs match no file
    assert env.upload("acme/claims", json.dumps(doc).encode(), env.payments).status_code == 201
    project = _status_of(env, {"config": "version: 1\nfail_on: error\n", "presets": [RULE]})
    (rule,) = [r for r in project["rules"] if r["rule"] == "flow-empty"]
    assert rule["severity"] == "warning" and rule["violations"] == 1
    (empty,) = [v for v in project["violations"] if v["rule"] == "flow-empty"]
    assert empty["flow"] == "billing" and "()" not in empty["message"]
    assert "the scan placed none in it" in empty["message"]


def test_the_server_diff_lists_the_org_policy_violations_a_change_brings(env: Env, tmp_path: Path) -> None:
    """GET /projects/{repo}/diff gives the org policy's new and resolved violations between two scans, as `modelmap
    diff` gives the project policy's; before, `policy` was always null, so "what changed since last week" said
    nothing about the new Chinese-origin embedder in the regulated flow."""
    root = tmp_path / "repo"
    _project(root)
    (root / "claims" / "embed.py").write_text(
        'from openai import OpenAI\n'
        'vectors = OpenAI().embeddings.create(model="text-embedding-3-small", input=["claim"])\n')
    before = _cli("scan", str(root), "--format", "json", "-q")
    (root / "claims" / "embed.py").write_text(CLAIMS)
    after = _cli("scan", str(root), "--format", "json", "-q")
    assert env.upload("acme/claims", before, env.payments, commit="a" * 40).status_code == 201
    assert env.upload("acme/claims", after, env.payments, commit="b" * 40).status_code == 201
    url = f"/api/v1/projects/acme/claims/diff?old={'a' * 40}&new={'b' * 40}"
    assert env.client.get(url, headers=env.auth(env.admin)).json()["policy"] is None  # no org policy yet: unknown
    _status_of(env, {"config": "version: 1\nfail_on: error\n", "presets": [RULE]})
    delta = env.client.get(url, headers=env.auth(env.admin)).json()["policy"]
    assert [(v["rule"], v["location"]["path"], v["flow"], v["model"]) for v in delta["introduced"]] == [
        (RULE, "claims/embed.py", "claims", "baai/bge-m3")]
    assert delta["resolved"] == [] and delta["unwaived_introduced"] == 1
    back = env.client.get(f"/api/v1/projects/acme/claims/diff?old={'b' * 40}&new={'a' * 40}",
                          headers=env.auth(env.admin)).json()["policy"]
    assert [v["location"]["path"] for v in back["resolved"]] == ["claims/embed.py"] and back["introduced"] == []


def test_pages_mark_origins_that_are_incomplete(env: Env, tmp_path: Path) -> None:
    """The project, portfolio and model pages mark origins whose lineage is not fully recorded, as the CLI's
    '(incomplete)' does; before, BGE-M3 read 'CN US' like a model whose origins are known, though that is what
    makes a fail-closed origin rule fire on it. (BGE-M3's lineage is now recorded back to XLM-RoBERTa, a pre-trained
    model: the claims flow also embeds with BGE-large-en v1.5, whose base no BAAI source names.)"""
    import re

    _project(tmp_path / "repo")
    (tmp_path / "repo" / "claims" / "embed.py").write_text(CLAIMS.replace("BAAI/bge-m3", "BAAI/bge-large-en-v1.5"))
    scan = _cli("scan", str(tmp_path / "repo"), "--format", "json", "-q")
    assert env.upload("acme/claims", scan, env.payments).status_code == 201
    models = {m["model"]: m for m in env.client.get("/api/v1/projects/acme/claims",
                                                   headers=env.auth(env.admin)).json()["models"]}
    incomplete = "baai/bge-large-en-v1.5"
    assert models[incomplete]["origins_known"] is False
    known = [k for k, m in models.items() if m["origins_known"] is True]
    assert known  # a model whose lineage is fully recorded is not marked
    for url in ("/projects/acme/claims", "/", f"/models/{incomplete}"):
        page = env.client.get(url, headers=env.auth(env.admin)).text
        rows: dict[str, str] = {}  # each model's first row: the models table (the project page lists places after)
        for row in re.findall(r"<tr>.*?</tr>", page, re.S):
            for key in models:
                if f">{key}</a>" in row:
                    rows.setdefault(key, row)
        if url.startswith("/models/"):
            assert "(incomplete)" in page
            continue
        assert "(incomplete)" in rows[incomplete], url
        assert all("(incomplete)" not in rows[k] for k in known if k in rows), url


def test_a_bom_upload_stores_licences_as_a_scan_upload_does(env: Env, tmp_path: Path) -> None:
    """One licence, one spelling: a CycloneDX BOM names a licence without an SPDX id by its name ("Proprietary
    (API-only model ...)"), a scan gives the knowledge base's id ("proprietary"); before, the portfolio listed the
    same model's licence both ways by upload format, so a grouping by licence split it in two."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "app.py").write_text('from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", '
                                 'messages=[])\nfrom transformers import AutoModel\n'
                                 'AutoModel.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n')
    scan = _cli("scan", str(root), "--format", "json", "-q")
    bom = _cli("bom", str(root), "--format", "json", "-q")
    assert b"Proprietary (" in bom  # the BOM names it
    assert env.upload("acme/scan", scan, env.payments).status_code == 201
    assert env.upload("acme/bom", bom, env.payments).status_code == 201

    def licences(repo: str) -> dict[str, Any]:
        reply = env.client.get(f"/api/v1/projects/{repo}", headers=env.auth(env.admin)).json()
        return {m["model"]: m["license"] for m in reply["models"]}

    assert licences("acme/bom") == licences("acme/scan")
    assert licences("acme/scan")["openai/gpt-4o"] == "proprietary"
