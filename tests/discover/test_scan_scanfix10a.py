"""Scan recall on model paths, served names and aliases in configs and scripts (issue 10, scanfix10a).

Each fixture is written for these tests, in the shapes serving manifests and launch scripts use."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.types import Finding


def _line(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line of ``text`` that contains ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def _scan(tmp_path: Path, files: dict[str, str]) -> list[Finding]:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    assert not [s for s in result.skips if s.reason in ("source-error", "scan-error")]
    return [f for f in result.findings if f.kind != "endpoint"]


# a custom serving resource whose container runs `sh -c` with the server's command line written as a literal
# block, one flag per line at the block's own indentation (so each line starts at column 0 of the value),
# continued with backslashes; a second line of the same script pulls an embedding model
SCRIPT_ARGS = """\
apiVersion: serving.example.dev/v1
kind: ServingGroup
metadata:
  name: chat-14b
spec:
  roles:
    - name: decode
      template:
        spec:
          containers:
            - name: engine
              image: registry.example.dev/inference/engine:2.1
              command: ["/bin/sh", "-c"]
              args:
                - |
                  python3 -m sglang.launch_server \\
                  --host "0.0.0.0" \\
                  --port 30000 \\
                  --model-path Qwen/Qwen2.5-14B-Instruct \\
                  --served-model-name qwen2.5-14b-chat \\
                  --tp 2
                  ollama pull nomic-embed-text:v1.5
                - |
                  vllm serve \\
                  --model /weights/Mistral-Nemo-Instruct-2407 \\
                  --max-model-len 8192
"""

# the same shapes with nothing that names a model: a readiness script and a data copy
PLAIN_SCRIPT_ARGS = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: warmup
spec:
  template:
    spec:
      containers:
        - name: warm
          image: busybox:1.36
          command: ["/bin/sh", "-c"]
          args:
            - |
              until wget -q -O- http://engine:30000/health; do \\
                sleep 5; \\
              done
              cp -r /data/prompts /cache/prompts
"""


def test_backslash_continued_script_in_container_args_is_read_as_commands(tmp_path: Path) -> None:
    found = {(f.raw, f.line) for f in _scan(tmp_path, {"deploy/serving.yaml": SCRIPT_ARGS})}
    assert ("Qwen/Qwen2.5-14B-Instruct", _line(SCRIPT_ARGS, "--model-path")) in found
    assert ("qwen2.5-14b-chat", _line(SCRIPT_ARGS, "--served-model-name")) in found
    assert ("nomic-embed-text:v1.5", _line(SCRIPT_ARGS, "ollama pull")) in found
    assert ("/weights/Mistral-Nemo-Instruct-2407", _line(SCRIPT_ARGS, "--model /weights")) in found
    # flag values that are not models stay out
    assert not {raw for raw, _ in found} & {"0.0.0.0", "30000", "2", "8192"}


def test_plain_script_in_container_args_finds_nothing(tmp_path: Path) -> None:
    assert _scan(tmp_path, {"deploy/warmup.yaml": PLAIN_SCRIPT_ARGS}) == []


# a Deployment that gives the server's program in `command` and its model as the first of `args`; a second container
# names its model in `command` itself, and a third runs an app whose arguments name no model
COMMAND_AND_ARGS = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: small-chat
spec:
  template:
    spec:
      containers:
        - name: engine
          image: registry.example.dev/llm/engine:0.9
          command:
            - vllm
            - serve
          args:
            - HuggingFaceTB/SmolLM2-1.7B-Instruct
            - --served-model-name
            - smollm2-1.7b
            - --port
            - "8080"
        - name: embedder
          image: registry.example.dev/llm/engine:0.9
          command: ["vllm", "serve", "intfloat/multilingual-e5-large"]
          args: ["--task", "embed", "--port", "8081"]
        - name: app
          image: registry.example.dev/web/app:1.4
          command: ["python3", "server.py"]
          args: ["/etc/app/settings", "--workers", "4"]
"""


def test_container_args_are_read_after_their_command(tmp_path: Path) -> None:
    found = [(f.raw, f.line) for f in _scan(tmp_path, {"k8s/small-chat.yaml": COMMAND_AND_ARGS})]
    assert ("HuggingFaceTB/SmolLM2-1.7B-Instruct", _line(COMMAND_AND_ARGS, "- HuggingFaceTB/")) in found
    assert ("smollm2-1.7b", _line(COMMAND_AND_ARGS, "- smollm2-1.7b")) in found
    # a model in the command list is reported once, where it is written
    assert [line for raw, line in found if raw == "intfloat/multilingual-e5-large"] == [
        _line(COMMAND_AND_ARGS, "intfloat/")]
    assert not {raw for raw, _ in found} & {"/etc/app/settings", "server.py", "vllm", "serve", "embed"}


# a deployment helper script that asks for its settings with a shell function of its own, a Hub repo as each default;
# its other commands take owner/name arguments that are code, not models
SETUP_SCRIPT = """\
#!/usr/bin/env bash
set -e

ask_setting() {
  local name=$1 prompt=$2 default=$3
  read -r -p "$prompt [$default]: " value
  export "$name"="${value:-$default}"
}

ask_setting "EMBED_ID" "Embedding model" "BAAI/bge-small-en-v1.5"
ask_setting "CHAT_ID" "Chat model" "mistralai/Mistral-7B-Instruct-v0.3"
ask_setting "INDEX" "Index name" "docs-index"
git clone --depth 1 huggingface/text-generation-inference
pip install mistralai/mistral-common
body=$(jq -n '{
  model: "Qwen/Qwen2.5-7B-Instruct",
  stream: true
}')
"""


def test_known_hub_repo_as_any_commands_argument(tmp_path: Path) -> None:
    found = [(f.raw, f.line) for f in _scan(tmp_path, {"deploy/setup.sh": SETUP_SCRIPT})]
    assert ("BAAI/bge-small-en-v1.5", _line(SETUP_SCRIPT, '"EMBED_ID"')) in found
    assert ("mistralai/Mistral-7B-Instruct-v0.3", _line(SETUP_SCRIPT, '"CHAT_ID"')) in found
    # read by the JSON key rule and as an argument: one reference
    assert [line for raw, line in found if raw == "Qwen/Qwen2.5-7B-Instruct"] == [
        _line(SETUP_SCRIPT, "model: ")]
    raws = {raw for raw, _ in found}
    assert not raws & {"huggingface/text-generation-inference", "mistralai/mistral-common", "docs-index"}


# an inference launcher whose flags and variables say where each part is (`*_dir`, `*_path`, checkpoint) rather than
# "model"; the data, log and cache folders beside them are not models even under a models directory
LAUNCHER = """\
#!/bin/bash
LLM_PATH=/srv/models/Yi-1.5-9B-Chat
RERANK_PATH=/srv/models/bge-reranker-base
CKPT_PATH=/srv/checkpoints/Mistral-7B-Instruct-v0.3
DATA_PATH=/srv/models/alpaca-7b
CACHE_DIR=/srv/models/qwen2-7b
torchrun --nproc_per_node 1 chat.py \\
    --ckpt_dir /srv/models/Llama-2-13b-chat/ \\
    --embedding-path /srv/models/bge-large-zh-v1.5 \\
    --data_dir /srv/models/belle-7b \\
    --log_dir /srv/models/qwen2-7b
python serve.py --checkpoint-path /data/Qwen-7B-Chat --port 8000
"""


def test_model_folders_under_path_and_dir_names_in_shell(tmp_path: Path) -> None:
    found = {(f.raw, f.line) for f in _scan(tmp_path, {"scripts/launch.sh": LAUNCHER})}
    for raw, needle in (("/srv/models/Yi-1.5-9B-Chat", "LLM_PATH="), ("/srv/models/bge-reranker-base", "RERANK_PATH="),
                        ("/srv/checkpoints/Mistral-7B-Instruct-v0.3", "CKPT_PATH="),
                        ("/srv/models/Llama-2-13b-chat", "--ckpt_dir"),  # its closing slash is not part of the name
                        ("/srv/models/bge-large-zh-v1.5", "--embedding-path"),
                        ("/data/Qwen-7B-Chat", "--checkpoint-path")):
        assert (raw, _line(LAUNCHER, needle)) in found, raw
    raws = {raw for raw, _ in found}
    assert not raws & {"/srv/models/alpaca-7b", "/srv/models/qwen2-7b", "/srv/models/belle-7b"}


# a gateway's provider catalogue: each model's other names under `aliases`, and a route's `alias`; a compose file
# beside it gives its containers network aliases named after the models they serve
GATEWAY = """\
providers:
  - name: upstream
    base_url: https://llm.example.internal/v1
    models:
      - id: claude-3-5-haiku-20241022
        aliases: [claude-haiku, claude3.5-haiku]
      - id: gpt-4o-mini
        aliases:
          - gpt4o-mini
          - fast
routes:
  - path: /chat
    alias: deepseek-v3
    target: deepseek-chat
"""
COMPOSE = """\
services:
  engine:
    image: registry.example.dev/llm/engine:0.9
    networks:
      backend:
        aliases:
          - qwen2-7b-engine
networks:
  backend: {}
"""


def test_router_aliases_are_model_selectors(tmp_path: Path) -> None:
    found = {(f.raw, f.line) for f in _scan(tmp_path, {"gateway/providers.yaml": GATEWAY,
                                                       "deploy/docker-compose.yml": COMPOSE})}
    assert ("claude3.5-haiku", _line(GATEWAY, "claude3.5-haiku")) in found
    assert ("gpt4o-mini", _line(GATEWAY, "- gpt4o-mini")) in found
    assert ("deepseek-v3", _line(GATEWAY, "alias: deepseek-v3")) in found
    raws = {raw for raw, _ in found}
    # a word that names no model, and a container's network alias, are not models
    assert not raws & {"fast", "qwen2-7b-engine"}


def test_collapsed_first_word_of_an_api_name() -> None:
    from modelmap.discover.identify import _collapsed_api_name, classify

    assert _collapsed_api_name("gpt4o-mini") == "gpt-4o-mini"
    assert _collapsed_api_name("claude3-opus") == "claude-3-opus"
    assert _collapsed_api_name("qwen2-vl") is None  # qwen-2-vl names nothing: left as written
    match = classify("gpt4o-mini", "key")
    assert match is not None and match.kind == "api-model"
    assert classify("gpt4o-mini", "none") is None  # a bare literal still needs a place that expects a model


# a Chinese RAG stack's embedding worker and settings: families the recognition vocabulary names (text2vec, m3e, ...)
EMBED_COMPOSE = """\
services:
  embed-worker:
    image: registry.example.dev/rag/worker:1.2
    command: python -m rag.worker --model_name text2vec --model_path /opt/models/text2vec-base-chinese --port 8002
    environment:
      - EMBEDDING_MODEL_PATH=/opt/models/m3e-large
"""


def test_recognition_families_name_models_in_configs(tmp_path: Path) -> None:
    found = {(f.raw, f.line) for f in _scan(tmp_path, {"deploy/docker-compose.yml": EMBED_COMPOSE})}
    line = _line(EMBED_COMPOSE, "--model_name")
    assert ("text2vec", line) in found
    assert ("/opt/models/text2vec-base-chinese", line) in found
    assert ("/opt/models/m3e-large", _line(EMBED_COMPOSE, "EMBEDDING_MODEL_PATH")) in found


def test_azure_spelling_of_gpt_35_turbo() -> None:
    from modelmap.discover.identify import classify

    for name in ("gpt-35-turbo", "gpt-35-turbo-16k", "gpt-35-turbo-instruct"):
        match = classify(name, "none")
        assert match is not None and match.kind == "api-model" and match.provider == "azure-openai", name
    # an Azure deployment named after it with the dashes dropped, where a model is expected
    match = classify("gpt35turbo", "key")
    assert match is not None and match.kind == "api-model"
    assert classify("gpt-35-turbo-settings", "none") is None


# an autoscaler reading a model's metrics route, and a cache daemon's socket folder named after the model it serves:
# neither is the model's folder; the weights' folder beside them is
RUNTIME_PATHS = """\
apiVersion: autoscaling.example.dev/v1
kind: ModelAutoscaler
metadata:
  name: coder-scaler
spec:
  metricsSources:
    - endpoint: optimizer.example.svc:8080
      path: /metrics/default/qwen2.5-coder-7b-a100
  volumes:
    - name: kv-socket
      hostPath:
        path: /var/run/kv-daemon/default/qwen2.5-coder-7b-kvcache
    - name: weights
      hostPath:
        path: /mnt/models/Qwen2.5-Coder-7B-Instruct
"""


def test_metrics_routes_and_runtime_folders_are_not_model_folders(tmp_path: Path) -> None:
    raws = {f.raw for f in _scan(tmp_path, {"deploy/scaler.yaml": RUNTIME_PATHS})}
    assert "/mnt/models/Qwen2.5-Coder-7B-Instruct" in raws
    assert not raws & {"/metrics/default/qwen2.5-coder-7b-a100", "/var/run/kv-daemon/default/qwen2.5-coder-7b-kvcache"}
