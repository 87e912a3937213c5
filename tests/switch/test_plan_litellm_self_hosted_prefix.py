"""plan keeps a LiteLLM route's self-hosted provider prefix when it loads other weights on the same server.

A tryout (session 30): a LiteLLM model_list entry ``model: hosted_vllm/Qwen/Qwen2.5-32B-Instruct-AWQ`` with an
``api_base`` in the cluster. plan replaced the weights with open weights on the same vLLM server (class E) and the
diff wrote ``model: ibm-granite/granite-4.1-30b``: without ``hosted_vllm/`` LiteLLM no longer knows which provider
to call (it takes the first segment for one), so the route breaks at cut-over.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.switch.plan import plan_project

LITELLM = '''model_list:
  - model_name: claims-triage
    litellm_params:
      model: hosted_vllm/Qwen/Qwen2.5-32B-Instruct-AWQ
      api_base: http://qwen-triage-predictor.models.svc.cluster.local/v1
  - model_name: local-small
    litellm_params:
      model: ollama_chat/qwen2.5:7b
      api_base: http://ollama.models.svc.cluster.local:11434
'''


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "litellm.yaml").write_text(LITELLM)
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nflows:\n  triage: {paths: ['deploy/**'], tags: [customer-facing, regulated]}\n")
    return tmp_path


def test_the_route_keeps_its_self_hosted_prefix(repo: Path) -> None:
    plan = plan_project(repo, "no-cn-origin")[0]
    usage = next(u for f in plan.flows for u in f.usages if u.line == 4)
    assert usage.replacement is not None and usage.replacement["provider"] is None  # same vLLM server
    model = usage.edits[0]
    assert model.diff is not None, usage.edits
    new_line = model.diff.splitlines()[-1]
    assert new_line == f"+      model: hosted_vllm/{usage.replacement['model']}", model.diff
    assert not [e for e in usage.edits if e.kind == "endpoint"]  # the api_base stays

