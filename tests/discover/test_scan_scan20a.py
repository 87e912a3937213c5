"""Session 20 (scan20a), found on held-out-16 after it was opened. Fixtures written for these tests.

A Helm chart's model map: ``models:`` keyed by the name each model is deployed and served under, every entry's
``id`` the Hugging Face repo it loads (the key is a selector for that model: a dashed slug of the repo name)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_HELM_MODELS = """\
replicaCount: 1
models:
  mistral-7b-instruct-v0-3:
    id: mistralai/Mistral-7B-Instruct-v0.3
    enabled: true
    args:
      - --max-model-len
      - "8192"
  phi-3-5-mini:
    id: microsoft/Phi-3.5-mini-instruct
    enabled: false
  granite-3-1-8b-quantized:
    id: RedHatAI/granite-3.1-8b-instruct-quantized.w8a8
  default:
    id: ibm-granite/granite-3.1-2b-instruct
  remote-llm:
    url: ""
    apiToken: ""
"""


def test_helm_model_map_keys_are_aliases(tmp_path: Path) -> None:
    got = found(tmp_path, "charts/llm/values.yaml", _HELM_MODELS)
    for line, raw in ((3, "mistral-7b-instruct-v0-3"), (4, "mistralai/Mistral-7B-Instruct-v0.3"),
                      (9, "phi-3-5-mini"), (12, "granite-3-1-8b-quantized")):
        assert (line, raw) in got
    # a role label (`default`) or an entry without a model id names no model
    assert (14, "default") not in got
    assert (16, "remote-llm") not in got


_NOT_A_SLUG = """\
models:
  east-1:
    id: meta-llama/Llama-3.1-8B-Instruct
  cluster-a2:
    id: Qwen/Qwen2.5-7B-Instruct
services:
  qwen-25-proxy:
    id: Qwen/Qwen2.5-7B-Instruct
"""


def test_unrelated_keys_and_other_sections_are_not_aliases(tmp_path: Path) -> None:
    got = found(tmp_path, "deploy/values.yaml", _NOT_A_SLUG)
    assert (3, "meta-llama/Llama-3.1-8B-Instruct") in got
    assert (2, "east-1") not in got and (4, "cluster-a2") not in got
    assert (7, "qwen-25-proxy") not in got  # not under a model map
