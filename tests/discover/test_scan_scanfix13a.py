"""scanfix13a (issue 10): config-side readers: copy-me config files, model-list entry versions, other objects' names,
LoRA adapter resources, bare model folders under a path key, relative weight files and checkpoint folders in shell
lines, and the one YAML line reader shared by the config and Kubernetes sources.

Fixtures are written for these tests (not copied from the corpus). No timing assertions: loops are bounded by the
file's budget, checked by budget steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.base import BudgetExceeded, Collector, SourceFile, file_budget
from modelmap.discover.config_files import ConfigFileSource, config_name, scan_yaml_lines
from modelmap.discover.kubernetes import KubernetesSource
from tests.discover.scan_helpers import found as _found

# --------------------------------------------------------------------------- copy-me config files

_SETTINGS = """\
chat:
  base_url: http://localhost:11434/v1
  model: llama3.1:8b
embedder:
  model: mxbai-embed-large
"""


@pytest.mark.parametrize("name", ["settings.yaml.example", "config/app.yml.sample", "conf.json.template",
                                  "app.toml.dist"])
def test_a_config_file_kept_to_copy_is_read_in_its_format(tmp_path: Path, name: str) -> None:
    text = {".json": '{\n  "chat": {"model": "llama3.1:8b"},\n  "embedder": {"model": "mxbai-embed-large"}\n}\n',
            ".toml": '[chat]\nmodel = "llama3.1:8b"\n[embedder]\nmodel = "mxbai-embed-large"\n'}.get(
        "." + config_name(name).rsplit(".", 1)[-1], _SETTINGS)
    got = {raw for _, raw in _found(tmp_path, name, text)}
    assert got == {"llama3.1:8b", "mxbai-embed-large"}


def test_config_name_strips_only_a_copy_suffix_after_a_config_name() -> None:
    assert config_name("deploy/values.yaml.example") == "deploy/values.yaml"
    assert config_name("a/settings.JSON.Sample") == "a/settings.JSON"
    assert config_name(".env.example") == ".env.example"  # a dotenv file: the dotenv source's
    assert config_name("notes.example") == "notes.example"
    assert config_name("run.sh.template") == "run.sh.template"
    assert ConfigFileSource().applies_to("x/config.yml.example")
    assert not ConfigFileSource().applies_to("x/package-lock.json.example")
    assert KubernetesSource().applies_to("k8s/deploy.yaml.example")


def test_a_manifest_kept_to_copy_is_read_as_a_manifest(tmp_path: Path) -> None:
    text = ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: chat}\nspec:\n  template:\n    spec:\n"
            "      containers:\n        - name: srv\n          image: vllm/vllm-openai:v0.8.0\n"
            "          args: [\"--model\", \"mistralai/Mistral-7B-Instruct-v0.3\"]\n")
    assert _found(tmp_path, "deploy/llm.yaml.example", text) == {(10, "mistralai/Mistral-7B-Instruct-v0.3")}


# --------------------------------------------------------------------------- model-list entry versions

_CATALOG = """\
{
  "Providers": [
    {
      "Name": "openai",
      "Models": [
        {"Id": "gpt-4o", "Name": "gpt-4o-2024-08-06", "Type": "chat",
         "Version": "gpt-4o-2024-08-06"},
        {"Name": "gpt-35-turbo", "Version": "0613", "Type": "chat"},
        {"Name": "text-embedding-3-large", "Version": "2024-01-25", "Type": "embedding"},
        {"Name": "whisper-1", "Version": "v2", "Type": "audio"}
      ]
    }
  ],
  "Package": {"Name": "chat-ui", "Version": "2.4.1-beta"}
}
"""


def test_an_entry_version_that_names_a_model_is_read(tmp_path: Path) -> None:
    got = _found(tmp_path, "appsettings.json", _CATALOG)
    assert {(6, "gpt-4o"), (6, "gpt-4o-2024-08-06"), (7, "gpt-4o-2024-08-06")} <= got
    assert not [raw for _, raw in got if raw in ("0613", "2024-01-25", "v2", "2.4.1-beta")]


def test_a_version_outside_a_model_list_is_not_read(tmp_path: Path) -> None:
    got = _found(tmp_path, "deps.yaml", "dependencies:\n  - name: gateway\n    version: gpt-4o-mini\n")
    assert got == set()


# --------------------------------------------------------------------------- other objects' names

_ROUTE = """\
apiVersion: routing.example.io/v1
kind: ModelRoute
metadata:
  name: chat-route
spec:
  modelName: "Qwen/Qwen2.5-7B-Instruct"
  targets:
    - modelServerName: "qwen2.5-7b-instruct"
      weight: 100
  runtime:
    name: vllm-llama-3-8b-runtime
"""


def test_names_of_servers_and_runtimes_are_not_models(tmp_path: Path) -> None:
    assert _found(tmp_path, "route.yaml", _ROUTE) == {(6, "Qwen/Qwen2.5-7B-Instruct")}


def test_object_name_keys_in_a_plain_config(tmp_path: Path) -> None:
    text = ("retriever:\n  collection_name: bge-m3\n  embedding_model: BAAI/bge-m3\n"
            "azure:\n  deployment_name: gpt-4o-mini\n")
    assert _found(tmp_path, "rag.yaml", text) == {(3, "BAAI/bge-m3"), (5, "gpt-4o-mini")}


# --------------------------------------------------------------------------- LoRA adapter resources

_ADAPTER = """\
apiVersion: lora.example.io/v1alpha1
kind: ModelAdapter
metadata:
  name: sql-lora
spec:
  baseModel: llama-3-8b-instruct
  artifactURL: huggingface://acme/llama-3-8b-sql-lora
---
apiVersion: lora.example.io/v1alpha1
kind: ModelAdapter
metadata:
  name: hub-lora
spec:
  baseModel: meta-llama/Meta-Llama-3-8B-Instruct
"""


def test_an_adapter_resources_base_model_is_a_served_name(tmp_path: Path) -> None:
    got = _found(tmp_path, "adapters.yaml", _ADAPTER)
    assert (6, "llama-3-8b-instruct") not in got
    assert (7, "huggingface://acme/llama-3-8b-sql-lora") in got
    assert (14, "meta-llama/Meta-Llama-3-8B-Instruct") in got


# --------------------------------------------------------------------------- bare model folders under a path key

def test_a_bare_model_folder_under_a_path_key(tmp_path: Path) -> None:
    text = ("backends:\n  aquila:\n    path: Aquila2-34B-Chat\n  tools:\n    path: scripts\n"
            "  logs:\n    log_path: InternLM2-20B-Chat\n    data_dir: Aquila2-34B-Chat\n")
    got = _found(tmp_path, "config.yml", text)
    assert got == {(3, "Aquila2-34B-Chat")}


# --------------------------------------------------------------------------- shell: relative weight files

def test_relative_weight_files_in_a_models_folder(tmp_path: Path) -> None:
    text = ("@echo off\n%PYTHON% tools\\convert.py models/Mistral-7B-v0.1.pth models/mistral_f16.bin f16\n"
            "%PYTHON% tools\\quantize.py models/mistral_f16.bin models/mistral_q4.bin q4_0\n"
            "copy models/readme.txt docs/readme.txt\n")
    got = _found(tmp_path, "convert.bat", text)
    assert got >= {(2, "models/Mistral-7B-v0.1.pth"), (2, "models/mistral_f16.bin"), (3, "models/mistral_f16.bin"),
                   (3, "models/mistral_q4.bin")}
    assert not [raw for _, raw in got if raw.endswith(".txt")]


# --------------------------------------------------------------------------- shell: checkpoint folders

def test_a_checkpoint_variable_names_a_model_folder_without_a_size(tmp_path: Path) -> None:
    text = ("#!/bin/bash\nYI_CHECKPOINT_PATH=/data/ckpts/Yi-Chat\nLOG_DIR=/data/logs/Yi-Chat\n"
            "CKPT_DIR=/data/run/latest\n")
    got = _found(tmp_path, "run_demo.sh", text)
    assert (2, "/data/ckpts/Yi-Chat") in got
    assert not [raw for _, raw in got if raw in ("/data/logs/Yi-Chat", "/data/run/latest")]


# --------------------------------------------------------------------------- the shared YAML line reader

def test_the_line_reader_is_bounded_by_budget_steps() -> None:
    text = "".join(f"svc{i}:\n  replicas: {i}\n" for i in range(500)) + "llm:\n  model: Qwen/Qwen2.5-7B\n"
    file = SourceFile("values.yaml", text, None)
    with file_budget(steps=10_000):
        collector = Collector(file, "config-model-key")
        scan_yaml_lines(file, collector)
    assert [(f.line, f.raw) for f in collector.findings] == [(1002, "Qwen/Qwen2.5-7B")]
    with file_budget(steps=200), pytest.raises(BudgetExceeded):
        scan_yaml_lines(file, Collector(file, "config-model-key"))


def test_the_line_reader_neutralises_template_actions_for_the_kubernetes_source() -> None:
    text = ("{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\ndata:\n"
            "  MODEL_NAME: {{ .Values.model | default \"mistral-7b-instruct\" | quote }}\n"
            "  command: vllm serve meta-llama/Llama-3.1-8B-Instruct\n  bad: [unclosed\n{{- end }}\n")
    out = KubernetesSource()._lines(SourceFile("chart/templates/cm.yaml", text, None), "test")
    got = {(f.line, f.raw) for f in out if not hasattr(f, "reason")}
    assert got == {(5, "mistral-7b-instruct"), (6, "meta-llama/Llama-3.1-8B-Instruct")}


# --------------------------------------------------------------------------- names of containers, ports, charts, runs

_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: chat
spec:
  template:
    spec:
      containers:
        - name: qwen2-7b-instruct
          image: vllm/vllm-openai:latest
          args: ["--model", "Qwen/Qwen2-7B-Instruct"]
          ports:
            - name: llama-3-8b
              containerPort: 8000
          volumeMounts:
            - name: mistral-7b-weights
              mountPath: /data
"""


def test_container_port_and_volume_names_are_not_models(tmp_path: Path) -> None:
    assert _found(tmp_path, "deploy.yaml", _DEPLOYMENT) == {(11, "Qwen/Qwen2-7B-Instruct")}


def test_chart_and_run_names_are_not_models(tmp_path: Path) -> None:
    text = ("nameOverride: mistral-7b\nfullnameOverride: mistral-7b-instruct\napp: llama-3-8b\n"
            "wandb_project: qwen2-7b\nrun_name: llama-3-8b-lora\nbase_model: meta-llama/Meta-Llama-3-8B\n")
    assert _found(tmp_path, "train.yaml", text) == {(6, "meta-llama/Meta-Llama-3-8B")}


# --------------------------------------------------------------------------- output locations

_BENCH = """\
apiVersion: bench.example.io/v1
kind: BenchmarkJob
metadata:
  name: llama-bench
spec:
  target:
    storageUri: hf://meta-llama/Llama-3.1-8B-Instruct
  outputLocation:
    storageUri: s3://acme-bench/results/llama-3.1-8b-instruct
  results_uri: gs://acme-bench/models/Llama-3.1-8B-Instruct-run
"""


def test_where_a_job_writes_results_is_not_a_model(tmp_path: Path) -> None:
    assert _found(tmp_path, "bench.yaml", _BENCH) == {(7, "hf://meta-llama/Llama-3.1-8B-Instruct")}


# --------------------------------------------------------------------------- shell: programs written with their folder

def test_a_program_written_with_its_folder_and_a_command_ended_by_a_semicolon(tmp_path: Path) -> None:
    text = ("#!/bin/sh\n/usr/local/bin/ollama pull llama3.2:3b\nif ! /bin/ollama pull qwen2.5:1.5b; then exit 1; fi\n"
            "/opt/venv/bin/vllm serve mistralai/Mistral-7B-Instruct-v0.3 --port 8000\n")
    got = _found(tmp_path, "pull.sh", text)
    assert got >= {(2, "llama3.2:3b"), (3, "qwen2.5:1.5b"), (4, "mistralai/Mistral-7B-Instruct-v0.3")}


# --------------------------------------------------------------------------- ModelScope git addresses

def test_a_modelscope_git_address_is_a_model_location(tmp_path: Path) -> None:
    text = ("#!/bin/sh\ngit clone https://www.modelscope.cn/Qwen/Qwen2.5-7B-Instruct.git /models/qwen\n"
            "git clone https://modelscope.cn/docs/intro.git\n")
    got = _found(tmp_path, "fetch.sh", text)
    assert (2, "https://www.modelscope.cn/Qwen/Qwen2.5-7B-Instruct.git") in got
    assert not [raw for _, raw in got if "docs" in raw]


# --------------------------------------------------------------------------- scripts in a container's command list

_JOB = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: preload
spec:
  template:
    spec:
      containers:
        - name: loader
          image: ollama/ollama:latest
          command:
            - /bin/sh
            - -c
            - |
              /bin/ollama serve &
              sleep 5
              echo "pulling gemma2:2b now"
              /bin/ollama pull gemma2:2b
              echo done
"""


def test_a_script_block_in_a_command_list_is_read_line_by_line(tmp_path: Path) -> None:
    assert _found(tmp_path, "job.yaml", _JOB) == {(18, "gemma2:2b")}


# --------------------------------------------------------------------------- bind mounts of a model's folder

def test_the_folder_a_model_variable_is_mounted_at(tmp_path: Path) -> None:
    text = ("#!/bin/bash\nsudo docker run --gpus all --rm \\\n"
            "    --mount type=bind,source=${YI_CHECKPOINT_PATH},target=/data/shared/Yi-Chat \\\n"
            "    -v $MODEL_PATH:/opt/weights/Mistral-Instruct -v $HOME/.cache:/root/.cache -v $DATA_DIR:/data/set1 \\\n"
            "    -v ${MODEL_DIR}:/models \\\n    -it acme/yi-demo:latest python cli.py\n")
    got = _found(tmp_path, "docker_demo.sh", text)
    assert {(3, "/data/shared/Yi-Chat"), (4, "/opt/weights/Mistral-Instruct")} <= got
    assert not [raw for _, raw in got if raw in ("/root/.cache", "/data/set1", "/models")]
