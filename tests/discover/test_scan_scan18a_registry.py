"""A ``kind: Model`` registry resource whose spec says which model it is, and models bound to a model-named loop
variable, parametrize column or list-valued argparse default (session 18, found on held-out-15 after it was opened).
Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_REGISTRY = """\
apiVersion: registry.example.com/v1alpha1
kind: Model
metadata:
  name: zephyr-reranker
  namespace: ai
spec:
  displayName: "zephyr reranker"
  types: "reranking"
  huggingFaceRepo: acme-research/zephyr-reranker-base-v1
---
apiVersion: registry.example.com/v1alpha1
kind: Model
metadata:
  name: qwen-7b-chat
spec:
  types: "llm,embedding"
---
apiVersion: registry.example.com/v1alpha1
kind: Worker
metadata:
  name: qwen-7b-chat
spec:
  model:
    kind: Models
    name: qwen-7b-chat
---
apiVersion: registry.example.com/v1alpha1
kind: Model
metadata:
  name: qwen-7b-chat-notes
spec:
  description: "a model card kept for reference"
"""


def test_model_registry_resource_name(tmp_path: Path) -> None:
    got = found(tmp_path, "config/samples/models.yaml", _REGISTRY)
    assert (4, "zephyr-reranker") in got
    assert (14, "qwen-7b-chat") in got
    # the Worker's own name is the object's (metadata.name); the model it refers to is read from spec.model.name
    assert (21, "qwen-7b-chat") not in got
    assert (25, "qwen-7b-chat") in got
    # a Model resource whose spec says nothing of which model it is: its name is left alone
    assert (30, "qwen-7b-chat-notes") not in got


def test_other_objects_keep_their_names_unread(tmp_path: Path) -> None:
    text = ("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: qwen-7b-chat\n"
            "spec:\n  predictor:\n    model:\n      modelFormat: {name: huggingface}\n"
            "      storageUri: hf://Qwen/Qwen-7B-Chat\n")
    got = found(tmp_path, "deploy/isvc.yaml", text)
    assert (4, "qwen-7b-chat") not in got


_PY_MATRIX = """\
import argparse

import pytest

parser = argparse.ArgumentParser()
parser.add_argument("--models", nargs="*", default=["gpt2"], type=str)

for model_name in ["gpt2", "opt-125m"]:
    serve(model_name)


@pytest.mark.parametrize(
    "model_name,streaming",
    [(model_name, streaming) for model_name in ["gpt2"] for streaming in [False, True]],
)
def test_query(model_name, streaming):
    pass


CASES = [
    ("gpt2", "template_gpt2.jinja", True),
    ("acme-research/chartqa-7b", "template_llama2.jinja", False),
]


@pytest.mark.parametrize("model,template,add_prompt", CASES)
def test_template(model, template, add_prompt):
    pass


for step in ["step1", "step2"]:
    run(step)
"""


def test_python_model_matrices(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/test_serving.py", _PY_MATRIX)
    assert (6, "gpt2") in got  # list default of --models
    assert (8, "gpt2") in got and (8, "opt-125m") in got  # for model_name in [...]
    assert (14, "gpt2") in got  # comprehension inside parametrize
    assert (21, "gpt2") in got  # model column of a parametrize table named by a constant
    assert (22, "acme-research/chartqa-7b") in got
    assert not any(raw.endswith(".jinja") for _line, raw in got)
    assert not any(raw.startswith("step") for _line, raw in got)


def test_model_resource_that_runs_the_model_keeps_its_name_unread(tmp_path: Path) -> None:
    # a Model resource that is also the deployment (an engine and replicas in its spec) is named by its owner
    text = ("apiVersion: serving.example.org/v1\nkind: Model\nmetadata:\n  name: qwen-7b-chat-gpu\nspec:\n"
            "  features: [TextGeneration]\n  url: hf://Qwen/Qwen-7B-Chat\n  engine: VLLM\n  minReplicas: 1\n")
    got = found(tmp_path, "deploy/model.yaml", text)
    assert (4, "qwen-7b-chat-gpu") not in got
    assert (7, "hf://Qwen/Qwen-7B-Chat") in got
