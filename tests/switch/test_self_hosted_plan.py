"""A self-hosted model is replaced first by open weights the company can serve the same way, of the nearest size.

The repository below is the shape a tryout found (session 25): a Go service calls a vLLM server in the cluster, and
the Helm values of that vLLM release name the weights. Before, plan proposed a hosted 3B model at an API host for the
self-hosted 14B, rewrote the Helm values to it and pointed the base URL at the host.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelmap.switch.alternatives import find_alternatives, parse_params, size_gap
from modelmap.switch.plan import plan_project, render_json, render_markdown
from modelmap.switch.scenario import load_scenario

GO_MAIN = '''package main

import (
\topenai "github.com/sashabaranov/go-openai"
)

const chatModel = "Qwen/Qwen2.5-14B-Instruct"

func client() *openai.Client {
\tcfg := openai.DefaultConfig("unused")
\tcfg.BaseURL = "http://vllm-qwen.inference.svc.cluster.local:8000/v1"
\treturn openai.NewClientWithConfig(cfg)
}

func ask(q string) openai.ChatCompletionRequest {
\treturn openai.ChatCompletionRequest{Model: chatModel, Messages: []openai.ChatCompletionMessage{{Role: "user", Content: q}}}
}
'''

HELM = '''replicaCount: 1
image:
  repository: vllm/vllm-openai
  tag: v0.6.3
model:
  name: Qwen/Qwen2.5-14B-Instruct
  maxModelLen: 8192
args:
  - --model
  - Qwen/Qwen2.5-14B-Instruct
'''


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / "cmd").mkdir()
    (tmp_path / "cmd" / "main.go").write_text(GO_MAIN)
    (tmp_path / "deploy" / "helm" / "chat").mkdir(parents=True)
    (tmp_path / "deploy" / "helm" / "chat" / "values.yaml").write_text(HELM)
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nflows:\n  chat: {paths: ['cmd/**', 'deploy/**'], tags: [customer-facing, regulated]}\n")
    return tmp_path


def test_self_hosted_source_gets_self_hosted_open_weights_of_the_nearest_size() -> None:
    alts = find_alternatives("Qwen/Qwen2.5-14B-Instruct", scenario=load_scenario("no-cn-origin"), provider="vllm")
    same = alts.group("same-role-size")
    assert same, alts.notes
    first = same[0]
    assert first.provider is None and first.open_weights is True
    assert first.drop_in == "E" and "your own vllm server" in first.drop_in_reason
    gap = size_gap(first.params, "14.7B")
    assert gap is not None and gap < 1.0  # within a doubling of 14.7B, not a 3B model
    # nearest size first: no later candidate is strictly nearer in whole doublings
    gaps = [round(g) for c in same if (g := size_gap(c.params, "14.7B")) is not None]
    assert gaps == sorted(gaps)


def test_hosted_source_still_ranks_priced_hosts_first() -> None:
    alts = find_alternatives("Qwen/Qwen2.5-14B-Instruct", scenario=load_scenario("no-cn-origin"),
                             provider="together-ai")
    same = alts.group("same-role-size")
    assert same and same[0].provider is not None and same[0].price is not None


def test_plan_keeps_the_endpoint_and_edits_the_helm_weights(repo: Path) -> None:
    plan = plan_project(repo, "no-cn-origin")[0]
    usages = [u for f in plan.flows for u in f.usages]
    assert {(u.path, u.line) for u in usages} >= {("cmd/main.go", 7), ("deploy/helm/chat/values.yaml", 6)}
    for u in usages:
        assert u.replacement is not None, u.none_found
        assert u.replacement["provider"] is None, u.replacement  # self-hosted, like the current model
        assert u.dropin == "E"
        assert not [e for e in u.edits if e.kind == "endpoint"]  # the base URL stays
        p = parse_params(u.replacement["params"])
        assert p is not None and 7e9 <= p <= 30e9
    helm = next(u for u in usages if u.path.endswith("values.yaml") and u.line == 6)
    diff = helm.edits[0].diff or ""
    assert "-  name: Qwen/Qwen2.5-14B-Instruct" in diff and "+  name: " in diff
    doc = json.loads(render_json(plan))
    assert all(u["replacement"]["params"] for f in doc["flows"] for u in f["usages"])
    assert "at self-hosted" in render_markdown(plan)


def test_size_step_is_stated_when_the_replacement_is_much_smaller(repo: Path) -> None:
    from modelmap.switch.plan import _size_step

    assert _size_step("qwen/qwen2.5-14b-instruct", {"params": "3B"}) == "14.7B -> 3B, 4.9x smaller"
    assert _size_step("qwen/qwen2.5-14b-instruct", {"params": "12B"}) is None  # within 25 %
    assert _size_step("qwen/qwen2.5-14b-instruct", {"params": None}) is None
    assert _size_step(None, {"params": "3B"}) is None
    # a fine-tune without its own params is sized by its base, as alternatives ranks it
    assert _size_step("huggingfacetb/smollm2-1.7b-instruct", {"params": "135M"}) == "1.7B -> 135M, 12.6x smaller"


def test_a_fine_tune_or_quant_takes_its_bases_size() -> None:
    from modelmap.knowledge import load
    from modelmap.switch.alternatives import params_of

    kb = load()
    rec = kb.models["huggingfacetb/smollm2-1.7b-instruct"]
    assert not rec.get("params") and params_of(kb, rec) == kb.models["huggingfacetb/smollm2-1.7b"]["params"]
    # a merge of several bases says nothing about its size
    assert params_of(kb, {"base": [{"relation": "merge", "model": "huggingfacetb/smollm2-1.7b"}]}) is None
    assert params_of(kb, {"base": [{"relation": "distillation", "model": "huggingfacetb/smollm2-1.7b"}]}) is None
    alts = find_alternatives("HuggingFaceTB/SmolLM2-1.7B-Instruct", provider="self-hosted")
    assert alts.source["size_class"] == "tiny (<3B)"
