"""scanfix14a (issue 10): config-side readers: an on-device app's model catalogue (name / modelId / modelFile),
Terraform Kubernetes labels and object names, checkpoint locations given to a server or a trainer as a setting
(`load_parameters_path=gs://…`, `--checkpoint_path=/…/model.safetensors`) and Kaggle Models handles.

Fixtures are written for these tests (not copied from the corpus). No timing assertions; the new checks are bounded
by constants (16 folders of a path, bounded regular expressions)."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.shell import checkpoint_location
from modelmap.discover.uris import is_kaggle_handle
from tests.discover.scan_helpers import found as _found

# --------------------------------------------------------------------------- model catalogue entries

_CATALOGUE = """\
{
  "models": [
    {
      "name": "Phi-4-mini-instruct",
      "modelId": "litert-community/Phi-4-mini-instruct",
      "modelFile": "phi4_q8_ekv1280.task",
      "description": "A small model for phones",
      "sizeInBytes": 3910090752,
      "updatableModelFiles": [
        {"fileName": "phi4_q8_ekv2048.task", "commitHash": "0123abc"}
      ]
    },
    {
      "name": "SmolLM 135M (q8)",
      "modelId": "litert-community/SmolLM-135M-Instruct",
      "modelFile": "SmolLM-135M-Instruct_multi-prefill-seq_q8_ekv1280.litertlm"
    }
  ]
}
"""


def test_a_catalogue_entry_names_its_model_its_weights_file_and_its_files(tmp_path: Path) -> None:
    found = _found(tmp_path, "allowlist.json", _CATALOGUE)
    assert (4, "Phi-4-mini-instruct") in found  # the entry's one-word name
    assert (5, "litert-community/Phi-4-mini-instruct") in found
    assert (6, "phi4_q8_ekv1280.task") in found  # a MediaPipe bundle under modelFile
    assert (10, "phi4_q8_ekv2048.task") in found  # a file of the entry's model files
    assert (16, "SmolLM-135M-Instruct_multi-prefill-seq_q8_ekv1280.litertlm") in found
    assert not any(raw.startswith("SmolLM 135M") for _, raw in found)  # a display name with spaces is not one


def test_an_entry_name_stays_a_label_outside_a_catalogue_of_model_files(tmp_path: Path) -> None:
    # a route or deployment entry: its model key names the model, its name only labels the entry
    text = "routes:\n  - name: gpt-4o-mini\n    model: openai/gpt-4o-mini\n"
    found = _found(tmp_path, "gateway.yaml", text)
    assert (2, "gpt-4o-mini") not in found
    # a file name outside a model-files section, or a file with another extension, is not a weights file
    other = '{"assets": [{"fileName": "phi4.task"}], "models": [{"modelFile": "readme.txt", "modelId": "x"}]}\n'
    found = _found(tmp_path / "b", "assets.json", other)
    assert not any(raw in ("phi4.task", "readme.txt") for _, raw in found)


# --------------------------------------------------------------------------- Terraform Kubernetes labels

_TF = """\
resource "kubernetes_deployment" "server" {
  metadata {
    name = "qwen2-7b-instruct"
    labels = {
      app = "qwen2-7b-instruct"
    }
  }
  spec {
    selector {
      match_labels = merge({
        app = "qwen2-7b-instruct"
      }, local.extra_labels)
    }
    template {
      spec {
        container {
          name  = "qwen2-7b-instruct"
          image = "vllm/vllm-openai:v0.6.3"
          args  = ["--model", "Qwen/Qwen2-7B-Instruct"]
        }
      }
    }
  }
}

resource "azurerm_cognitive_deployment" "chat" {
  name = "chat"
  model {
    format = "OpenAI"
    name   = "gpt-4o"
  }
}
"""


def test_terraform_kubernetes_labels_and_object_names_are_not_models(tmp_path: Path) -> None:
    found = _found(tmp_path, "main.tf", _TF)
    assert not any(raw == "qwen2-7b-instruct" for _, raw in found)  # metadata name, labels, selector, container
    assert (19, "Qwen/Qwen2-7B-Instruct") in found  # the model the container serves
    assert (30, "gpt-4o") in found  # a model block's name is still a model


# --------------------------------------------------------------------------- checkpoint locations, Kaggle handles

_MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: tpu-server
spec:
  template:
    spec:
      containers:
      - name: engine
        image: example.com/engines/tpu-engine:v1
        args:
        - model_name=gemma-2b
        - per_device_batch_size=4
        - load_parameters_path=gs://acme-ckpts/converted/gemma_2b-it/0/checkpoints/0/items
        - base_output_directory=gs://acme-ckpts/out/gemma_2b-it
      - name: http
        image: example.com/engines/torch-engine:v1
        args:
        - --size=8b
        - --checkpoint_path=/data/pytorch/llama-3-8b/final/bf16/model.safetensors
        - --save_checkpoint_path=/data/pytorch/llama-3-8b/exported
      - name: convert
        image: example.com/tools/convert:v1
        args:
        - -b=BUCKET_NAME
        - -m=google/gemma/maxtext/2b-it/3
"""


def test_checkpoint_settings_and_kaggle_handles_in_container_args(tmp_path: Path) -> None:
    found = _found(tmp_path, "deploy.yaml", _MANIFEST)
    assert (14, "gs://acme-ckpts/converted/gemma_2b-it/0/checkpoints/0/items") in found
    assert (20, "/data/pytorch/llama-3-8b/final/bf16/model.safetensors") in found
    assert (26, "google/gemma/maxtext/2b-it/3") in found
    assert not any(raw.endswith("/exported") for _, raw in found)


def test_checkpoint_location_and_kaggle_handle_rules() -> None:
    assert checkpoint_location("load_parameters_path", "gs://b/x/gemma_7b-it/0/checkpoints/0/items")
    assert checkpoint_location("checkpoint_path", "/models/llama-2-7b/final/bf16/model.safetensors")
    assert not checkpoint_location("checkpoint_path", "/models/run-1/final")  # no folder names a model
    assert not checkpoint_location("output_checkpoint_dir", "/models/llama-2-7b/out")  # where a run writes
    assert not checkpoint_location("tokenizer_path", "/models/llama-2-7b/tokenizer.model")
    assert not checkpoint_location("checkpoint_path", "gs://b/${MODEL}/llama-2-7b")  # templated
    assert not checkpoint_location("checkpoint_path", "/" + "a/" * 5000 + "llama-2-7b")  # too long to be a path
    assert is_kaggle_handle("google/gemma/maxtext/7b-it/2")
    assert is_kaggle_handle("keras/gemma/keras/gemma_2b_en")
    assert not is_kaggle_handle("google/cloud-sdk/keras/tools")  # the model part names no model
    assert not is_kaggle_handle("org/repo/src/main")  # not a Kaggle framework
    assert not is_kaggle_handle("a/gemma/jax/" + "x" * 400)
