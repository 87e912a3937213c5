"""plan on a LiteLLM model_list: a replacement at another host names the entry's API key to change.

A tryout (session 30) planned ``no-cn-origin`` for a LiteLLM proxy config whose fallback entry is
``model: mistral/mistral-large-latest`` with ``api_key: os.environ/MISTRAL_API_KEY``: the plan rewrote the model to
``hyperbolic/meta-llama/Meta-Llama-3.1-405B-Instruct`` and said nothing about the key, so the proxy would send
Mistral's key to Hyperbolic at cut-over. The host is named by the model string alone (a provider prefix, no
base URL), so no base-URL edit carried "set its API key" either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.switch.plan import plan_project

LITELLM = '''model_list:
  - model_name: claims-triage
    litellm_params:
      model: mistral/mistral-large-latest
      api_key: os.environ/MISTRAL_API_KEY
  - model_name: claims-embed
    litellm_params:
      model: openai/text-embedding-3-small
      api_key: os.environ/OPENAI_API_KEY
'''


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "litellm.yaml").write_text(LITELLM)
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nflows:\n  triage: {paths: ['deploy/**'], tags: [customer-facing, regulated]}\n")
    return tmp_path


def test_the_old_hosts_key_is_named_for_change(repo: Path) -> None:
    # deny Mistral's API: the entry moves to another host
    plan = plan_project(repo, deny="served_by.id == 'mistral-api'")[0]
    usage = next(u for f in plan.flows for u in f.usages if u.raw == "mistral/mistral-large-latest")
    assert usage.replacement is not None and usage.replacement["provider"] not in (None, "mistral-api")
    new = usage.replacement["provider"]
    keys = [e for e in usage.edits if e.kind == "endpoint"]
    assert [(e.path, e.line) for e in keys] == [("deploy/litellm.yaml", 5)], usage.edits
    assert "os.environ/MISTRAL_API_KEY is mistral-api's" in keys[0].what
    assert f"set the {new} key here" in keys[0].what
