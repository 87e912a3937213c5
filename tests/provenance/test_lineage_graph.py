"""Lineage as a graph (issue 11 item 1), unknown as null (item 2) and serving from evidence (item 3)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from modelmap.knowledge import load
from modelmap.knowledge.loader import KnowledgeIndex
from modelmap.provenance.lineage import build_graph
from modelmap.provenance.resolver import resolve, resolve_findings, serving_evidence
from modelmap.types import Finding, ScanResult, ScanStats

SCHEMA = json.loads((Path(__file__).parents[2] / "src/modelmap/report/schemas/trace.schema.json").read_text())


def _edges(res):
    return {(e["child"], e["relation"], e["parent"]) for e in res.edges or ()}


@pytest.mark.parametrize("query", ["deepseek-ai/DeepSeek-R1-Distill-Qwen-14B", "deepseek-r1:14b"])
def test_r1_distill_roots_at_qwen_and_keeps_r1_as_a_teacher_with_its_own_lineage(query: str) -> None:
    res = resolve(query)
    me = "deepseek-ai/deepseek-r1-distill-qwen-14b"
    assert (me, "finetune", "qwen/qwen2.5-14b") in _edges(res)
    assert (me, "distillation", "deepseek-ai/deepseek-r1") in _edges(res)
    # R1's own base hangs under R1, not under the distill's weight chain
    assert ("deepseek-ai/deepseek-r1", "finetune", "deepseek-ai/deepseek-v3-base") in _edges(res)
    assert res.roots == ("qwen/qwen2.5-14b",)
    assert res.immediate_base() == "qwen/qwen2.5-14b"
    assert [t["model"] for t in res.teachers or ()] == ["deepseek-ai/deepseek-r1"]
    assert res.teachers and res.teachers[0]["roots"] == ["deepseek-ai/deepseek-v3-base"]
    because = {(r["country"], r["because"]) for r in res.origin_reasons}
    assert because == {("CN", "publisher"), ("CN", "base"), ("CN", "teacher")}


def test_a_us_distill_of_a_us_base_with_a_teacher_lists_the_teacher_separately() -> None:
    res = resolve("deepseek-ai/DeepSeek-R1-Distill-Llama-8B")
    assert res.roots == ("meta-llama/llama-3.1-8b",)
    assert set(res.origins or ()) == {"CN", "US"}
    why = {r["country"]: r["because"] for r in res.origin_reasons if r["because"] != "publisher"}
    assert why == {"US": "base", "CN": "teacher"}


def test_teachers_of_an_ancestor_count_for_origins_but_never_become_roots() -> None:
    kb = load()
    data = dict(kb.data)
    data["models"] = {
        "x/student": {"id": "x/student", "publisher": "meta", "base": [{"relation": "finetune", "model": "x/base"}]},
        "x/base": {"id": "x/base", "publisher": "meta", "base": [], "teacher": ["x/teacher"]},
        "x/teacher": {"id": "x/teacher", "publisher": "qwen", "base": []},
    }
    graph = build_graph(KnowledgeIndex(data), "x/student")
    assert graph.roots == ["x/base"]
    assert [t["model"] for t in graph.teachers] == ["x/teacher"] and graph.teachers[0]["student"] == "x/base"
    assert {(c, b) for c, b, _m, _p in graph.nodes} == {("US", "publisher"), ("US", "base"), ("CN", "teacher")}
    assert graph.complete


def test_a_vision_tower_is_an_origin_with_its_own_reason() -> None:
    kb = load()
    data = dict(kb.data)
    data["models"] = {
        "x/vlm": {"id": "x/vlm", "publisher": "openbmb", "base": [
            {"relation": "finetune", "model": "x/llm"}, {"relation": "merge", "model": "x/siglip", "part": "vision-tower"}]},
        "x/llm": {"id": "x/llm", "publisher": "qwen", "base": []},
        "x/siglip": {"id": "x/siglip", "publisher": "google", "base": []},
    }
    graph = build_graph(KnowledgeIndex(data), "x/vlm")
    assert ("US", "vision tower") in {(c, b) for c, b, _m, _p in graph.nodes}
    assert sorted(graph.roots or ()) == ["x/llm", "x/siglip"]


def test_an_unrecorded_base_makes_roots_unknown_and_origins_incomplete() -> None:
    kb = load()
    data = dict(kb.data)
    data["models"] = {"x/a": {"id": "x/a", "publisher": "qwen", "base": [{"relation": "finetune", "model": "x/b"}]},
                      "x/b": {"id": "x/b", "publisher": "qwen"}}  # no `base` key: not recorded
    graph = build_graph(KnowledgeIndex(data), "x/a")
    assert graph.roots is None and not graph.complete
    assert any("base of x/b is not recorded" in g for g in graph.gaps)


@pytest.mark.parametrize("query", ["example-lab/never-heard-of-it", "totally-unknown-model-xyz", "ft:gpt-9:acme::x"])
def test_unknown_is_null_never_an_empty_list(query: str) -> None:
    rec = resolve(query).to_dict()
    assert rec["origins"] is None and rec["edges"] is None and rec["roots"] is None and rec["teachers"] is None
    assert rec["origins_known"] is False
    jsonschema.validate(rec, SCHEMA)


@pytest.mark.parametrize("query", ["deepseek-r1:14b", "gpt-4o", "bartowski/Qwen2.5-7B-Instruct-GGUF", "qwen2.5-7b-custom",
                                   "groq/llama3-70b-8192", "ft:gpt-4o-mini-2024-07-18:acme::abc123", "BAAI/bge-m3"])
def test_every_record_validates_against_the_trace_2_schema(query: str) -> None:
    rec = resolve(query).to_dict()
    assert rec["schema"] == "modelmap.trace/2"
    jsonschema.validate(rec, SCHEMA)


def test_a_publisher_only_match_knows_the_country_but_not_the_rest() -> None:
    res = resolve("glm-4-99b")  # the shape of a Zhipu API name, but no such model
    assert res.model is None and res.publisher and res.publisher["id"] == "zhipu"
    assert res.edges is None and res.roots is None and res.teachers is None
    assert res.origins == ("CN",) and res.origins_known is False


def test_serving_is_not_guessed_from_a_model_name() -> None:
    for name in ("deepseek-chat", "qwen-max", "gpt-4o", "qwen:7b"):
        assert resolve(name).served_by is None, name


def test_a_provider_prefix_is_evidence_of_serving_and_says_so() -> None:
    res = resolve("groq/llama3-70b-8192")
    assert res.served_by and res.served_by["id"] == "groq"
    assert "prefix" in (res.served_by["evidence"] or "") or "names the provider" in (res.served_by["evidence"] or "")


def _finding(raw: str, kind: str = "api-model", **kw):
    return Finding(path="app/llm.py", line=3, column=1, raw=raw, kind=kind, **kw)


def test_serving_evidence_from_code() -> None:
    # a name-pattern provider alone is not evidence
    assert serving_evidence(_finding("deepseek-chat", provider="deepseek-api")) is None
    # an endpoint configured for the call is
    ep = serving_evidence(_finding("deepseek-chat", provider="deepseek-api", endpoint="https://api.deepseek.com"))
    assert ep and ep[0] == "deepseek-api" and "endpoint" in ep[1]
    # a vendor client with its default endpoint is
    assert serving_evidence(_finding("claude-sonnet-4-5", provider="anthropic-api", api="anthropic"))
    # an OpenAI client pointed by name at a DeepSeek model is not
    assert serving_evidence(_finding("deepseek-chat", provider="deepseek-api", api="openai")) is None


def test_qwen_tag_under_an_ollama_client_is_served_by_ollama_not_dashscope() -> None:
    findings = [_finding("qwen:7b", kind="ollama-tag", provider="ollama", api="ollama"),
                _finding("deepseek-chat", provider="deepseek-api")]
    out = resolve_findings(ScanResult(root=".", findings=findings, skips=[], stats=ScanStats()))
    ollama, bare = (f.resolution or {} for f in out.findings)
    assert ollama["served_by"]["id"] == "ollama"
    assert bare["served_by"] is None
