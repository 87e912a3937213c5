"""A quantized instruct model (AWQ, GPTQ, GGUF) is a tuned chat model: its replacement is a tuned one too.

The shape a tryout found (session 30): a KServe InferenceService serves Qwen/Qwen2.5-32B-Instruct-AWQ with vLLM and a
LiteLLM proxy routes a chat alias to it. The knowledge base records the AWQ repository as a quantization of the
instruct model, which is the fine-tune. The switch ranking only looked for a direct ``finetune`` edge, took the AWQ
chat model for an untuned base and proposed ibm-granite/granite-4.1-30b-base, a pretrained base that does not follow
chat prompts, and plan rewrote the KServe args and the LiteLLM config to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.knowledge import load
from modelmap.switch.alternatives import _is_tuned, find_alternatives
from modelmap.switch.plan import plan_project
from modelmap.switch.scenario import load_scenario

KSERVE = '''apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: qwen-triage
  namespace: models
spec:
  predictor:
    model:
      modelFormat:
        name: huggingface
      args:
        - --model_name=claims-triage
        - --model_id=Qwen/Qwen2.5-32B-Instruct-AWQ
        - --backend=vllm
'''

LITELLM = '''model_list:
  - model_name: claims-triage
    litellm_params:
      model: hosted_vllm/Qwen/Qwen2.5-32B-Instruct-AWQ
      api_base: http://qwen-triage-predictor.models.svc.cluster.local/v1
'''


def test_a_quantization_of_an_instruct_model_is_tuned() -> None:
    kb = load()
    assert _is_tuned(kb.models["qwen/qwen2.5-32b-instruct-awq"], kb) is True
    assert _is_tuned(kb.models["qwen/qwen2.5-32b-instruct"], kb) is True
    assert _is_tuned(kb.models["ibm-granite/granite-4.1-30b-base"], kb) is False


def test_alternatives_for_a_self_hosted_awq_chat_model_are_tuned_first() -> None:
    kb = load()
    alts = find_alternatives("hosted_vllm/Qwen/Qwen2.5-32B-Instruct-AWQ", scenario=load_scenario("no-cn-origin"))
    assert alts.source["model"] == "qwen/qwen2.5-32b-instruct-awq"
    ranked = alts.group("same-role-size")
    assert ranked, "expected candidates of the same role and size"
    first = ranked[0]
    assert _is_tuned(kb.models[first.model], kb) is True, first.model
    assert not first.model.endswith("-base")


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / "deploy" / "kserve").mkdir(parents=True)
    (tmp_path / "deploy" / "kserve" / "qwen-triage.yaml").write_text(KSERVE)
    (tmp_path / "deploy" / "litellm").mkdir(parents=True)
    (tmp_path / "deploy" / "litellm" / "config.yaml").write_text(LITELLM)
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nflows:\n  triage: {paths: ['deploy/**'], tags: [customer-facing, regulated]}\n")
    return tmp_path


def test_plan_does_not_put_a_base_model_behind_a_chat_route(repo: Path) -> None:
    kb = load()
    plan = plan_project(repo, "no-cn-origin")[0]
    rows = [u for f in plan.flows for u in f.usages]
    assert {u.path for u in rows} == {"deploy/kserve/qwen-triage.yaml", "deploy/litellm/config.yaml"}
    for u in rows:
        assert u.replacement is not None, u.path
        model = u.replacement["model"]
        assert not model.endswith("-base"), (u.path, model)
        assert _is_tuned(kb.models[model], kb) is True, (u.path, model)
