"""Session 35 (tuneB35): deployment configuration.

* TEN Framework's graph properties give an environment variable's default after a `|` under the `env:` scheme
  (`"model": "${env:OPENAI_MODEL|gpt-4o-mini}"`); without the scheme a `|` marks no default.
* Under a config's model key itself, an unknown hyphenated id with a version digit (`aura-2-thalia-en`,
  `step-1o-audio`) is a model on the key alone, as code's binding-only rule reads it; a word without a digit, a
  region, an app's slot name, a device's model number (`device_model`) or a UUID is not.
* A Dockerfile RUN that writes a JSON config (`echo '{…}' > opencode.json`) has that JSON read as the file would be.
* A shell variable named for a model that holds a command's output (`MODEL_READY=$(oc get llminferenceservice
  qwen36-35b …)`) does not make the command's arguments (a Kubernetes object's name) models.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_GRAPH = """{
  "nodes": [
    {"name": "llm", "addon": "openai_llm2_python",
     "property": {"api_key": "${env:OPENAI_API_KEY}", "base_url": "${env:OPENAI_BASE_URL|}",
                  "model": "${env:OPENAI_MODEL|gpt-4o-mini}"}},
    {"name": "tts", "addon": "deepgram_tts",
     "property": {"params": {"model": "aura-2-thalia-en", "encoding": "linear16"}}},
    {"name": "v2v", "addon": "stepfun_mllm_python",
     "property": {"model": "step-1o-audio", "voice": "linjiajiejie"}},
    {"name": "stt", "addon": "smallest_asr_python",
     "property": {"params": {"model": "pulse", "language": "en"}}},
    {"name": "x", "property": {"model": "us-east-1", "model_name": "default-chat", "greeting": "${OTHER|gpt-4o}",
                               "device_model": "SM-G991B", "models": ["a3e0c8a6-101c-4000-a1cd-d523ff7f521d"]}}
  ]
}
"""

_DOCKERFILE = """FROM registry.access.redhat.com/ubi9/nodejs-20
RUN mkdir -p /home/user/.config/opencode && \\
    echo '{"provider":{"vllm":{"options":{"baseURL":"http://vllm:8000/v1"},"models":{"Qwen/Qwen2.5-Coder-7B-Instruct":{"name":"Coder"}}}},"model":"vllm/Qwen/Qwen2.5-Coder-7B-Instruct"}' > /home/user/.config/opencode/opencode.json
USER 1001
"""

_SCRIPT = """#!/bin/bash
for i in $(seq 1 120); do
\tMODEL_READY=$(oc get llminferenceservice qwen3-8b-svc -n ai-serving \\
\t\t-o jsonpath='{.status}' 2>/dev/null || echo "False")
done
MODEL_STATUS=$(kubectl get inferenceservice llama-3-8b -n models -o name)
set_model qwen2.5-7b-instruct
"""


def test_graph_properties(tmp_path: Path) -> None:
    assert found(tmp_path, "agents/examples/demo/tenapp/property.json", _GRAPH) == {
        (5, "gpt-4o-mini"), (7, "aura-2-thalia-en"), (9, "step-1o-audio")}


def test_json_a_dockerfile_run_writes(tmp_path: Path) -> None:
    assert found(tmp_path, "Dockerfile.opencode", _DOCKERFILE) == {
        (3, "Qwen/Qwen2.5-Coder-7B-Instruct"), (3, "vllm/Qwen/Qwen2.5-Coder-7B-Instruct")}


def test_command_substitution_under_a_model_named_variable(tmp_path: Path) -> None:
    assert found(tmp_path, "scripts/deploy.sh", _SCRIPT) == {(7, "qwen2.5-7b-instruct")}
