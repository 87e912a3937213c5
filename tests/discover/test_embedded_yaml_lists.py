"""A literal block (``|``) holding a YAML list of mappings is read as a settings file, like one holding a mapping:
LocalAI's model config embedded in a packaging file or a ConfigMap is such a list, one entry a model. A block that is
a list of words, or a list of mappings naming no model, adds nothing. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_PACKAGING = """\
apiVersion: v1alpha1
runtime: cuda
models:
  - name: mistral-7b-instruct
    source: https://example.com/weights/mistral-7b-instruct-v0.2.Q4_K_M.gguf
config: |
  - name: mistral-7b-instruct
    backend: llama-cpp
    parameters:
      model: mistral-7b-instruct-v0.2.Q4_K_M.gguf
    context_size: 4096
  - name: nomic-embed
    backend: bert-embeddings
    embeddings: true
    parameters:
      model: nomic-embed-text-v1.5.f16.gguf
"""


def test_a_block_holding_a_list_of_model_entries(tmp_path: Path) -> None:
    got = found(tmp_path, "build/aikitfile.yaml", _PACKAGING)
    assert {(7, "mistral-7b-instruct"), (10, "mistral-7b-instruct-v0.2.Q4_K_M.gguf"),
            (16, "nomic-embed-text-v1.5.f16.gguf")} <= got


_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: localai-models
data:
  models.yaml: |
    - name: qwen2.5-7b-instruct
      parameters:
        model: qwen2.5-7b-instruct-q4_k_m.gguf
"""


def test_a_configmap_block_holding_a_model_list(tmp_path: Path) -> None:
    got = found(tmp_path, "deploy/configmap.yaml", _CONFIGMAP)
    assert (9, "qwen2.5-7b-instruct-q4_k_m.gguf") in got


_NOT_SETTINGS = """\
notes: |
  - build the image
  - push it: to the registry
hosts: |
  - name: db-primary
    port: 5432
  - name: cache
    port: 6379
"""


def test_lists_of_words_or_of_non_model_entries_add_nothing(tmp_path: Path) -> None:
    assert found(tmp_path, "config/deploy.yaml", _NOT_SETTINGS) == set()
