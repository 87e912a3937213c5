"""Held-out-33 general fixes (tuneA39): stand-ins that are no model. A URI a schema requires but nothing loads
(`hf://placeholder/no-model`), a simulator's or a test double's served name (`…-simulated`, `…-mock`), a Kubernetes
object that refers to a model and is named after it (`gpt-4-ref`), an end-to-end test's own resources (`e2e-…`,
`test/e2e-…`), an object's apiVersion, a publisher path a test fills with a letter, the `owned_by` of a model object,
a controller's Deployment name, telemetry attribute names and numbered object ids, and npm script names. The real
models beside each stand-in are still found."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import app_object_name, classify, stand_in_name
from tests.discover.scan_helpers import found

_LLMIS_YAML = '''apiVersion: serving.kserve.io/v1alpha1
kind: LLMInferenceService
metadata:
  name: chat-simulated
spec:
  model:
    # required by the schema; the simulator loads no weights
    uri: hf://placeholder/no-model
    name: test/e2e-chat-model
  template:
    containers:
      - name: main
        image: "ghcr.io/llm-d/llm-d-inference-sim:v0.8.2"
        command: ["/app/llm-d-inference-sim"]
        args:
        - --model
        - test/e2e-chat-model
---
apiVersion: serving.kserve.io/v1alpha1
kind: LLMInferenceService
metadata:
  name: qwen
spec:
  model:
    uri: hf://Qwen/Qwen3-0.6B
    name: Qwen/Qwen3-0.6B
'''


def test_placeholder_uri_and_e2e_served_name(tmp_path: Path) -> None:
    got = found(tmp_path, "deploy/samples/model.yaml", _LLMIS_YAML)
    assert not any("placeholder" in raw or "e2e" in raw for _, raw in got), got
    assert (25, "hf://Qwen/Qwen3-0.6B") in got and (26, "Qwen/Qwen3-0.6B") in got


_E2E_PY = '''import os

import requests

MODEL_PATH = os.environ.get("E2E_MODEL_PATH", "/llm/facebook-opt-125m-simulated")
MODEL_NAME = os.environ.get("E2E_MODEL_NAME", "facebook/opt-125m")
TRLP_TEST_MODEL_ID = os.environ.get("E2E_TRLP_MODEL_ID", "test/e2e-trlp-test-model")
IPP_EXTERNAL_MODEL_NAME = "e2e-x-api-key-trigger"
API_VERSION = "inference.opendatahub.io/v1alpha1"


def test_status(client):
    model_name = "e2e-temp-model-status"
    body = {"apiVersion": "inference.opendatahub.io/v1alpha1", "kind": "ExternalModel"}
    r = requests.post(client.url, json={"model": MODEL_NAME, "messages": []})
    client.chat(model="gpt-4o-mini")
'''


def test_e2e_resources_simulated_path_and_api_version(tmp_path: Path) -> None:
    got = found(tmp_path, "test/e2e/tests/test_models.py", _E2E_PY)
    raws = {raw for _, raw in got}
    assert not raws & {"/llm/facebook-opt-125m-simulated", "test/e2e-trlp-test-model", "e2e-x-api-key-trigger",
                       "inference.opendatahub.io/v1alpha1", "e2e-temp-model-status"}, got
    assert (6, "facebook/opt-125m") in got and (16, "gpt-4o-mini") in got


_SHELL = '''#!/usr/bin/env bash
set -euo pipefail
MODEL_NAME="facebook-opt-125m-simulated"
REAL_MODEL="Qwen/Qwen2.5-7B-Instruct"
vllm serve "$REAL_MODEL"
'''


def test_simulated_name_in_shell(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/smoke.sh", _SHELL)
    assert not any(raw.endswith("-simulated") for _, raw in got), got
    assert (4, "Qwen/Qwen2.5-7B-Instruct") in got


_GO_REFS = '''package handlers

import "testing"

func TestListModels_SameModelID(t *testing.T) {
	lister := fakeLister{
		"namespace-a": {maasModelRefUnstructured("gpt-4-ref", "namespace-a", true)},
		"namespace-b": {maasModelRefUnstructured("gpt-4-another-ref", "namespace-b", true)},
	}
	const externalModelName = "gpt-4o-external"
	const sharedAlias = "publishers/default/models/shared-model"
	aliasA := "publishers/default/models/a"
	req := ChatRequest{Model: "gpt-4"}
	_ = lister
}
'''


def test_go_reference_objects_and_publisher_fill_ins(tmp_path: Path) -> None:
    got = found(tmp_path, "internal/handlers/models_test.go", _GO_REFS)
    raws = {raw for _, raw in got}
    assert not raws & {"gpt-4-ref", "gpt-4-another-ref", "gpt-4o-external", "publishers/default/models/shared-model",
                       "publishers/default/models/a"}, got
    assert (13, "gpt-4") in got


_GO_MAIN = '''package main

import (
	maasv1alpha1 "github.com/acme/models-as-a-service/maas-controller/api/maas/v1alpha1"
)

func main() {
	if err := (&maas.LifecycleReconciler{
		Client:         mgr.GetClient(),
		DeploymentName: "maas-controller",
		ModelName:      "gpt-4o",
	}).SetupWithManager(mgr); err != nil {
		os.Exit(1)
	}
}
'''


def test_controller_deployment_name(tmp_path: Path) -> None:
    got = found(tmp_path, "cmd/manager/main.go", _GO_MAIN)
    assert (10, "maas-controller") not in got and (11, "gpt-4o") in got


_OPENAPI = '''openapi: 3.0.3
info: {title: models, version: "1"}
components:
    schemas:
        Model:
            type: object
            properties:
                id:
                    type: string
                    example: llama-2-7b-chat
                owned_by:
                    type: string
                    description: "namespace/name of the model reference"
                    example: model-namespace/llama-2-7b-chat
paths:
    /v1/models:
        get:
            responses:
                "200":
                    content:
                        application/json:
                            example:
                                data:
                                    - id: llama-2-7b-chat
                                      owned_by: model-namespace/llama-2-7b-chat
'''


def test_owned_by_is_the_owner(tmp_path: Path) -> None:
    got = found(tmp_path, "api/openapi3.yaml", _OPENAPI)
    assert not any(raw.startswith("model-namespace/") for _, raw in got), got


_RUST = '''pub struct VercelAiSdkAttributes;

impl VercelAiSdkAttributes {
    pub const MODEL_ID: &'static str = "ai.model.id";
    pub const MODEL: &'static str = "langfuse.observation.model.name";
    pub const DEFAULT_MODEL: &'static str = "gpt-4o-mini";
}

#[cfg(test)]
mod tests {
    fn make_model() -> Model {
        Model {
            id: "prov-1".to_string(),
            default_model: "gpt-4o".to_string(),
        }
    }
}
'''


def test_attribute_names_and_object_ids(tmp_path: Path) -> None:
    got = found(tmp_path, "src/traces/attributes.rs", _RUST)
    raws = {raw for _, raw in got}
    assert not raws & {"ai.model.id", "langfuse.observation.model.name", "prov-1"}, got
    assert (6, "gpt-4o-mini") in got and (14, "gpt-4o") in got


_PACKAGE_JSON = '''{
  "name": "ai-sdk-examples",
  "scripts": {
    "start": "tsx index.ts",
    "start:gpt-5": "tsx gpt-5.ts"
  },
  "config": {"model": "gpt-5"}
}
'''


def test_npm_script_names(tmp_path: Path) -> None:
    got = found(tmp_path, "examples/ai-sdk/package.json", _PACKAGE_JSON)
    assert (5, "start:gpt-5") not in got
    assert (7, "gpt-5") in got


def test_shared_predicates() -> None:
    for name in ("facebook-opt-125m-simulated", "gpt-4o-mock", "qwen-stub-2", "gpt-4-ref", "e2e-subs-model-match",
                 "test/e2e-distinct-model", "gpt-4o-external"):
        assert stand_in_name(name), name
        assert classify(name, "key") is None, name
    # end-to-end inside a name is a model's own word (an ASR model), and real ids keep their tails
    for name in ("gigaam-v3-e2e-ctc", "gpt-4o-mini", "claude-3-5-sonnet-20241022", "llama-3-8b-instruct"):
        assert not stand_in_name(name), name
    for name in ("agent-1", "prov-1", "user_2", "ai.model.id", "gen_ai.request.model"):
        assert app_object_name(name), name
    for name in ("openai.gpt-oss-20b", "anthropic.claude-3-haiku-20240307-v1:0", "gpt-4.1", "tts-1"):
        assert not app_object_name(name), name
    assert classify("inference.opendatahub.io/v1alpha1", "key") is None
    assert classify("deepseek-ai/DeepSeek-V3", "key") is not None
    assert classify("publishers/google/models/gemini-1.5-pro", "none") is not None
