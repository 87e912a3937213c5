"""Ingest (issue 17): every format becomes the same rows, projects are keyed by repository, uploads are
idempotent per commit, and unknown facts stay null."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import pytest

from tests.server.conftest import REPOS, Env

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")


def _inventory_keys(path: object) -> set[str]:
    """Model keys as the library's one inventory counts them (unresolved ones prefixed, as the server does)."""
    import modelmap
    from modelmap.inventory import build_inventory

    inv = build_inventory(modelmap.scan([path], resolve=True))
    return {k if m.identified else f"unresolved:{k}" for k, m in inv.models.items()}


def test_scan_upload_stores_the_library_inventory(env: Env, documents: dict[str, bytes]) -> None:
    reply = env.upload("acme/demo-app", documents["demo-app.scan"], env.payments, commit="a1b2c3",
                       branch="main", environment="production", regulated="true", business_unit="retail")
    assert reply.status_code == 201, reply.text
    snap = reply.json()["snapshot"]
    assert snap["format"] == "scan" and snap["commit"] == "a1b2c3" and snap["branch"] == "main"
    assert snap["tags"] == {"business_unit": "retail", "environment": "production", "regulated": True}
    content = env.client.get("/api/v1/projects/acme/demo-app", headers=env.auth(env.payments)).json()
    assert {m["model"] for m in content["models"]} == _inventory_keys(REPOS["demo-app"])
    qwen = next(m for m in content["models"] if m["model"] == "qwen/qwen2.5-7b-instruct")
    assert qwen["origins"] == ["CN"] and qwen["publisher_country"] == "CN" and qwen["license"] == "Apache-2.0"
    # places are file:line from the scan, each one a usage row
    doc = json.loads(documents["demo-app.scan"])
    expected_places = {(f["path"], f["line"]) for f in doc["findings"]
                       if f["kind"] != "endpoint" and f["raw"].lower().startswith("qwen")}
    assert {(u["path"], u["line"]) for u in content["usages"] if u["model"] == qwen["model"]} == expected_places
    assert {e["url"] for e in content["endpoints"]} == {f.get("endpoint", f["raw"]).rstrip("/") for f in
                                                         doc["findings"] if f["kind"] == "endpoint"}


def test_every_format_of_one_repo_gives_the_same_models(env: Env, documents: dict[str, bytes]) -> None:
    keys = {}
    for commit, fmt in (("c1", "scan"), ("c2", "cdx"), ("c3", "spdx")):
        reply = env.upload("acme/py-rag-app", documents[f"py-rag-app.{fmt}"], env.payments, commit=commit)
        assert reply.status_code == 201, reply.text
        content = env.client.get("/api/v1/projects/acme/py-rag-app", params={"commit": commit},
                                 headers=env.auth(env.payments)).json()
        keys[fmt] = {m["model"]: m["origins"] for m in content["models"]}
    assert keys["scan"] == keys["cdx"] == keys["spdx"]
    assert set(keys["scan"]) == _inventory_keys(REPOS["py-rag-app"])


def test_bom_carries_flows_and_serving(env: Env, documents: dict[str, bytes]) -> None:
    env.upload("acme/demo-app", documents["demo-app.cdx"], env.payments)
    content = env.client.get("/api/v1/projects/acme/demo-app", headers=env.auth(env.payments)).json()
    bom = json.loads(documents["demo-app.cdx"])
    flows = {f"{c['group']}/{c['name']}" if c.get("group") else c["name"]:
             sorted({p["value"] for p in c.get("properties", []) if p["name"] == "modelmap:flow"})
             for c in bom["components"] if c["type"] == "machine-learning-model"}
    stored = {m["model"].removeprefix("unresolved:"): m["flows"] for m in content["models"]}
    assert stored == {k: v or None for k, v in flows.items()}
    gpt = next(m for m in content["models"] if m["model"] == "openai/gpt-4o")
    assert gpt["serving_countries"] == ["US"]
    assert {e["url"] for e in content["endpoints"]} == {u for s in bom["services"] for u in s.get("endpoints", [])}


def test_same_commit_is_idempotent_and_replaced_not_duplicated(env: Env, documents: dict[str, bytes]) -> None:
    first = env.upload("acme/app", documents["demo-app.scan"], env.payments, commit="abc")
    again = env.upload("acme/app", documents["demo-app.scan"], env.payments, commit="abc")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["status"] == "unchanged"
    rows = env.count("snapshot_models")
    replaced = env.upload("acme/app", documents["rag-bge-qwen-deepseek.scan"], env.payments, commit="abc")
    assert replaced.status_code == 200 and replaced.json()["status"] == "replaced"
    assert env.count("snapshots") == 1 and env.count("projects") == 1
    content = env.client.get("/api/v1/projects/acme/app", headers=env.auth(env.payments)).json()
    assert {m["model"] for m in content["models"]} == _inventory_keys(REPOS["rag-bge-qwen-deepseek"])
    assert env.count("snapshot_models") == len(content["models"]) != rows


def test_projects_are_keyed_by_repository_with_history_and_diff(env: Env, documents: dict[str, bytes]) -> None:
    from modelmap.diff import diff_sides, side_from_bom

    env.upload("acme/app", documents["py-rag-app.cdx"], env.payments, commit="old1", taken_at="2026-11-01T10:00:00Z")
    env.upload("acme/app", documents["demo-app.cdx"], env.payments, commit="new2", taken_at="2026-12-01T10:00:00Z")
    assert env.count("projects") == 1
    hist = env.client.get("/api/v1/projects/acme/app/snapshots", headers=env.auth(env.payments)).json()
    assert [s["commit"] for s in hist["snapshots"]] == ["new2", "old1"]
    got = env.client.get("/api/v1/projects/acme/app/diff", params={"old": "old1", "new": "new2"},
                         headers=env.auth(env.payments)).json()
    expected = diff_sides(side_from_bom(json.loads(documents["py-rag-app.cdx"]), "old"),
                          side_from_bom(json.loads(documents["demo-app.cdx"]), "new"))
    assert got["schema"] == "modelmap.diff/3"
    assert [m["model"] for m in got["added"]] == [m["model"] for m in expected["added"]]
    assert [m["model"] for m in got["removed"]] == [m["model"] for m in expected["removed"]]
    assert got["origins"] == expected["origins"]
    # flow membership and unknown origins (modelmap.diff/3) read the same from stored usages as from the BOMs
    assert got["flows"] == expected["flows"] is None  # py-rag-app declares no flows: membership unknown
    assert [m["origins"] for m in got["added"]] == [m["origins"] for m in expected["added"]]
    assert [m["flows"] for m in got["removed"]] == [m["flows"] for m in expected["removed"]]
    # two snapshots of a project with flows: membership known on both sides, the same as diffing the BOMs
    env.upload("acme/app", documents["demo-app.cdx"], env.payments, commit="new3", taken_at="2026-12-02T10:00:00Z")
    same = env.client.get("/api/v1/projects/acme/app/diff", params={"old": "new2", "new": "new3"},
                          headers=env.auth(env.payments)).json()
    bom = json.loads(documents["demo-app.cdx"])
    assert same["flows"] == diff_sides(side_from_bom(bom, "a"), side_from_bom(bom, "b"))["flows"] == {}
    # the latest snapshot is the newer one, whatever order they were uploaded in
    latest = env.client.get("/api/v1/projects", headers=env.auth(env.payments)).json()
    assert latest[0]["latest"]["commit"] == "new3"


def _foreign_bom(spec: str, components: Sequence[Mapping[str, object]]) -> bytes:
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": spec, "version": 1,
                       "components": components}).encode()


def test_another_producers_bom_is_resolved_through_the_knowledge_base(env: Env) -> None:
    body = _foreign_bom("1.5", [
        {"type": "machine-learning-model", "group": "Qwen", "name": "Qwen2.5-7B-Instruct"},
        {"type": "machine-learning-model", "name": "acme-internal-ranker-v3",
         "supplier": {"name": "Acme ML"}},
        {"type": "library", "name": "requests", "version": "2.32.0"},
    ])
    reply = env.upload("acme/foreign", body, env.payments)
    assert reply.status_code == 201, reply.text
    models = {m["model"]: m for m in env.client.get("/api/v1/projects/acme/foreign",
                                                    headers=env.auth(env.payments)).json()["models"]}
    assert set(models) == {"qwen/qwen2.5-7b-instruct", "unresolved:acme-internal-ranker-v3"}
    assert models["qwen/qwen2.5-7b-instruct"]["origins"] == ["CN"]
    unknown = models["unresolved:acme-internal-ranker-v3"]
    # unknown is null, never an empty list, and never guessed from the name
    assert unknown["origins"] is None and unknown["serving_countries"] is None and unknown["flows"] is None
    assert unknown["publisher"] == "Acme ML" and unknown["publisher_country"] is None


def test_cyclonedx_versions(env: Env) -> None:
    component = [{"type": "machine-learning-model", "name": "acme-model"}]
    assert env.upload("acme/v17", _foreign_bom("1.7", component), env.payments).status_code == 201
    old = env.upload("acme/v14", _foreign_bom("1.4", component), env.payments)
    assert old.status_code == 422 and "1.5, 1.6 or 1.7" in old.json()["detail"]


def test_portfolio_and_model_across_repos(env: Env, documents: dict[str, bytes]) -> None:
    env.upload("acme/demo-app", documents["demo-app.scan"], env.payments)
    env.upload("acme/rag", documents["rag-bge-qwen-deepseek.scan"], env.payments)
    data = env.client.get("/api/v1/portfolio", headers=env.auth(env.payments)).json()
    assert data["projects"] == 2
    by_origin = {g["key"]: g["repos"] for g in data["by"]["origin"]}
    assert by_origin["CN"] == ["acme/demo-app", "acme/rag"]
    assert by_origin["US"] == ["acme/demo-app"]
    deepseek = next(m for m in data["models"] if m["model"] == "unresolved:deepseek-chat")
    assert deepseek["repos"] == ["acme/demo-app", "acme/rag"]
    detail = env.client.get("/api/v1/models/unresolved:deepseek-chat", headers=env.auth(env.payments)).json()
    assert [r["repo"] for r in detail["repos"]] == ["acme/demo-app", "acme/rag"]
    assert all(r["places"] and all(p["line"] for p in r["places"]) for r in detail["repos"])
    assert detail["usages"] == sum(r["usages"] for r in detail["repos"]) == sum(len(r["places"]) for r in
                                                                              detail["repos"])
    assert 0 < data["concentration"]["hhi_model"] <= 10_000


def test_openapi_lists_the_api(env: Env) -> None:
    spec = env.client.get("/openapi.json").json()
    assert {"/api/v1/projects/{repo}/snapshots", "/api/v1/portfolio", "/api/v1/models/{key}",
            "/api/v1/projects/{repo}/diff"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/v1/projects/{repo}/snapshots"]


def test_scenario_exposure_across_the_portfolio(env: Env, documents: dict[str, bytes]) -> None:
    from dataclasses import replace

    import modelmap
    from modelmap.policy.config import Flow, ProjectConfig, find_config, load_config
    from modelmap.switch.scenario import affected, load_scenario

    env.upload("acme/demo-app", documents["demo-app.scan"], env.payments, regulated="true")
    env.upload("acme/rag", documents["rag-bge-qwen-deepseek.scan"], env.payments, environment="staging")
    env.upload("acme/bom-only", documents["py-rag-app.cdx"], env.payments)
    assert "no-cn-origin" in env.client.get("/api/v1/scenarios", headers=env.auth(env.payments)).json()
    got = env.client.get("/api/v1/scenarios/no-cn-origin", headers=env.auth(env.payments)).json()
    projects = {p["repo"]: p for p in got["projects"]}
    # the demo app declares its flows (its scan carries them): its figures are what `modelmap scenario
    # no-cn-origin` says of a fresh scan of it under its own modelmap.yaml, each flow also tagged regulated (the
    # upload's tag), and the files in no declared flow one more flow named after the repository, tagged regulated
    own = load_config(find_config(REPOS["demo-app"]).found)
    flows = tuple(replace(f, tags=tuple(dict.fromkeys((*f.tags, "regulated")))) for f in own.flows)
    assert len(flows) > 1
    rest = Flow(name="acme/demo-app", paths=("/.env.example", "/Dockerfile", "/dev.sh", "/docker-compose.yml"),
                tags=("regulated",))
    flows += (rest,)
    local = affected(modelmap.scan([REPOS["demo-app"]], resolve=True), load_scenario("no-cn-origin"),
                     ProjectConfig(flows=flows, flow_index={f.name: f for f in flows}))
    assert projects["acme/demo-app"]["summary"] == local.summary()
    cn = {a["model"] or a["query"] for a in projects["acme/demo-app"]["affected"]}
    assert cn == {"qwen/qwen2.5-7b-instruct", "baai/bge-m3", "baai/bge-reranker-v2-m3", "deepseek-chat"}
    # the scenario's rules cover customer-facing or regulated flows only: the staging upload is neither, but its
    # own modelmap.yaml tags its search and answer flows so, and only those count (not its internal ingest flow)
    rag = projects["acme/rag"]
    assert rag["summary"]["usages"] > 0
    assert {f for a in rag["affected"] for f in a["flows"]} == {"search", "answer"}
    # a BOM snapshot is not counted as unaffected: it is listed with the reason
    assert [(p["repo"], "scan upload" in p["reason"]) for p in got["not_evaluated"]] == [("acme/bom-only", True)]
    assert got["summary"]["projects_evaluated"] == 2 and got["summary"]["projects_affected"] == 2
    assert env.client.get("/api/v1/scenarios/no-such", headers=env.auth(env.payments)).status_code == 404


def test_trends_count_each_repo_at_its_latest_snapshot_per_month(env: Env, documents: dict[str, bytes]) -> None:
    env.upload("acme/app", documents["py-rag-app.scan"], env.payments, commit="nov", taken_at="2026-10-20T09:00:00Z")
    env.upload("acme/app", documents["demo-app.scan"], env.payments, commit="dec", taken_at="2026-12-02T09:00:00Z")
    env.upload("acme/rag", documents["rag-bge-qwen-deepseek.scan"], env.payments, commit="r1",
               taken_at="2026-11-15T09:00:00Z")
    got = env.client.get("/api/v1/trends", params={"by": "origin"}, headers=env.auth(env.payments)).json()
    assert got["periods"] == ["2026-10", "2026-11", "2026-12"]
    assert got["repos"] == [1, 2, 2]

    def origins(repo: str, commit: str) -> set[str]:
        content = env.client.get(f"/api/v1/projects/{repo}", params={"commit": commit},
                                 headers=env.auth(env.payments)).json()
        return {o for m in content["models"] for o in (m["origins"] if m["origins"] is not None else ["unknown"])}

    months = [{"acme/app": "nov"}, {"acme/app": "nov", "acme/rag": "r1"}, {"acme/app": "dec", "acme/rag": "r1"}]
    for i, state in enumerate(months):
        expected: dict[str, int] = {}
        for repo, commit in state.items():
            for origin in origins(repo, commit):
                expected[origin] = expected.get(origin, 0) + 1
        assert {k: v[i] for k, v in got["series"].items() if v[i]} == expected
    # py-rag-app uses a German-origin model (sentence-transformers) and the demo app does not: it leaves in December
    assert got["series"]["DE"] == [1, 1, 0]
    bad = env.client.get("/api/v1/trends", params={"by": "colour"}, headers=env.auth(env.payments))
    assert bad.status_code == 422


def test_portfolio_merges_what_each_repo_knows_of_a_models_serving(env: Env, documents: dict[str, bytes]) -> None:
    # the scan of the demo app does not say who serves gpt-4o; its BOM names the OpenAI API (US)
    env.upload("acme/scan-side", documents["demo-app.scan"], env.payments)
    only_scan = env.client.get("/api/v1/portfolio", headers=env.auth(env.payments)).json()
    gpt = next(m for m in only_scan["models"] if m["model"] == "openai/gpt-4o")
    assert gpt["serving_countries"] is None
    env.upload("acme/bom-side", documents["demo-app.cdx"], env.payments)
    both = env.client.get("/api/v1/portfolio", headers=env.auth(env.payments)).json()
    gpt = next(m for m in both["models"] if m["model"] == "openai/gpt-4o")
    assert gpt["serving_countries"] == ["US"] and gpt["repos"] == ["acme/bom-side", "acme/scan-side"]


def test_server_diff_keeps_flows_of_a_usage_in_two_flows(env: Env) -> None:
    """A usage whose file is in two flows is stored with flow null; the model row keeps both. The server's diff read
    only the usages: moving the file out of `billing` read as `support` newly using the model, billing's loss unsaid."""
    from modelmap.diff import diff_sides, side_from_bom

    def bom(path: str, flows: list[str]) -> bytes:
        props = [{"name": "modelmap:resolved", "value": "true"}, {"name": "modelmap:origins", "value": "US"},
                 *({"name": "modelmap:flow", "value": f} for f in flows), {"name": "modelmap:usages", "value": "1"}]
        comp = {"type": "machine-learning-model", "bom-ref": "m", "group": "openai", "name": "gpt-4o",
                "properties": props, "evidence": {"occurrences": [{"location": path, "line": 3}]}}
        return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [comp]}).encode()

    old, new = bom("src/billing/a.py", ["billing", "support"]), bom("src/other/a.py", ["support"])
    for commit, body in (("old1", old), ("new2", new)):
        assert env.upload("acme/app", body, env.payments, commit=commit).status_code == 201
    got = env.client.get("/api/v1/projects/acme/app/diff", params={"old": "old1", "new": "new2"},
                         headers=env.auth(env.payments)).json()
    expected = diff_sides(side_from_bom(json.loads(old), "old"), side_from_bom(json.loads(new), "new"))
    assert got["flows"] == expected["flows"] == {"billing": {"added": [], "removed": ["openai/gpt-4o"]}}
    assert got["changed"] == expected["changed"]
