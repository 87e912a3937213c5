"""Serving-stack configs: Helm values for vLLM routers, LoRA adapters, Kubernetes labels, router scripts,
`docker run` of a vLLM image, Modelfiles pulling from the Hub, and OpenAI batch (.jsonl) files."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import ConfigFileSource, ParseError, parse_json_lines
from modelmap.discover.modelfile import ModelfileSource
from modelmap.discover.shell import ShellSource
from modelmap.types import Finding

HELM_VALUES = """\
servingEngineSpec:
  modelSpec:
  - name: "chat-small"
    repository: "vllm/vllm-openai"
    tag: "v0.9.0"
    modelURL: "Qwen/Qwen2.5-7B-Instruct"
    extraArgs: ["--served-model-name", "Qwen/Qwen2.5-7B-Instruct", "qwen7b-chat"]
    podLabels:
      model: chat-small
  - name: "tiny"
    modelURL: "EleutherAI/pythia-70m"
loraAdapters:
  - name: "support-adapter"
    baseModel: "chat-small"
    adapterSource:
      type: "huggingface"
      adapterName: "qwen2.5-7b-support-lora"
      repository: "acme-ai/qwen2.5-7b-support-lora"
autoscaling:
  metricName: "vllm:num_requests_waiting"
  query: vllm:gpu_cache_usage_perc
"""

UNITTEST = """\
suite: pdb
tests:
  - it: renders labels
    set:
      servingEngineSpec:
        modelSpec:
        - name: "mistral"
          modelURL: "mistralai/Mistral-7B-Instruct-v0.3"
    asserts:
      - equal:
          path: spec.selector.matchLabels
          value:
            model: mistral
"""


def by_raw(text: str, path: str, source=None) -> dict[str, list[Finding]]:
    src = source or ConfigFileSource()
    out: dict[str, list[Finding]] = {}
    for f in src.scan(SourceFile(path, text, "config")):
        if isinstance(f, Finding):
            out.setdefault(f.raw, []).append(f)
    return out


def test_helm_values_report_served_models_not_deployment_names_labels_or_metrics() -> None:
    found = by_raw(HELM_VALUES, "helm/values.yaml")
    assert "Qwen/Qwen2.5-7B-Instruct" in found and "EleutherAI/pythia-70m" in found  # modelURL is a model key
    assert "qwen7b-chat" in found  # a --served-model-name alias clients call
    assert "qwen2.5-7b-support-lora" in found  # the adapter vLLM serves
    assert found["acme-ai/qwen2.5-7b-support-lora"][0].kind == "hf-repo"  # the adapter's Hub repository
    for not_a_model in ("chat-small", "tiny", "support-adapter", "vllm/vllm-openai", "vllm:num_requests_waiting",
                        "vllm:gpu_cache_usage_perc"):
        assert not_a_model not in found, not_a_model


def test_helm_unittest_label_assertions_are_not_models() -> None:
    found = by_raw(UNITTEST, "helm/tests/pdb_test.yaml")
    assert [f.line for f in found["mistralai/Mistral-7B-Instruct-v0.3"]] == [8]
    assert "mistral" not in found  # neither the entry name nor the label value


def test_k8s_label_maps_are_skipped_but_container_args_are_read() -> None:
    manifest = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: llama-decode
  labels: {model: llama-decode, app: llm}
spec:
  selector:
    matchLabels: {model: llama-decode}
  template:
    spec:
      containers:
      - name: vllm
        image: vllm/vllm-openai:latest
        args: ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--served-model-name", "llama3-8b", "llama3"]
"""
    from modelmap.discover.kubernetes import KubernetesSource

    raws = by_raw(manifest, "k8s/decode.yaml", KubernetesSource())
    raws.update(by_raw(manifest, "k8s/decode.yaml"))
    assert "meta-llama/Llama-3.1-8B-Instruct" in raws
    assert "llama-decode" not in raws


def test_router_script_static_models_and_continued_lines(tmp_path: Path) -> None:
    script = (
        "#!/bin/bash\n"
        "python3 -m vllm_router.app --port 8001 \\\n"
        "    --static-backends \"http://localhost:8100,http://localhost:8200\" \\\n"
        "    --static-models \"Qwen/Qwen2.5-7B-Instruct,Qwen/Qwen2.5-7B-Instruct\" \\\n"
        "    --static-model-labels \"prefill,decode\"\n"
        "docker run --gpus all -p 8200:8000 \\\n"
        "    $IMAGE \\\n"
        "    meta-llama/Llama-3.1-8B-Instruct --port 8200\n"
    )
    found = [f for f in ShellSource().scan(SourceFile("run.sh", script, "app")) if isinstance(f, Finding)]
    qwen = [(f.line, f.column) for f in found if f.raw == "Qwen/Qwen2.5-7B-Instruct"]
    assert qwen == [(4, 22), (4, 47)]  # each occurrence on its physical line, with its own column
    llama = [f for f in found if f.raw == "meta-llama/Llama-3.1-8B-Instruct"]
    assert [(f.line, f.column) for f in llama] == [(8, 5)]
    assert not any(f.raw in ("prefill", "decode") for f in found)


def test_modelfile_from_the_hub_keeps_the_prefix_and_traces_to_the_original() -> None:
    text = "FROM hf.co/bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q8_0\nPARAMETER num_ctx 8192\n"
    (f,) = [x for x in ModelfileSource().scan(SourceFile("Modelfile", text, "config")) if isinstance(x, Finding)]
    assert (f.raw, f.kind, f.line, f.column) == ("hf.co/bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q8_0", "hf-repo", 1, 6)
    assert f.api == "ollama"  # the Modelfile says who serves it
    res = modelmap.trace(f.raw)
    assert res.lineage and res.lineage[0]["model"] == "qwen/qwen2.5-coder-7b-instruct"
    # the identifier alone does not: Docker Model Runner pulls the same hf.co/ reference (prov17)
    assert res.served_by is None


def test_openai_batch_jsonl_lines_are_read_and_a_bad_line_is_passed_over(tmp_path: Path) -> None:
    batch = (
        '{"custom_id": "r1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini"}}\n'
        '{"custom_id": "r2", "body": {"model": "gpt-4o-mini", \n'
        '{"custom_id": "r3", "body": {"model": "facebook/opt-125m"}}\n'
    )
    (tmp_path / "batch.jsonl").write_text(batch)
    result = modelmap.scan(tmp_path)
    assert [(f.raw, f.line) for f in result.findings] == [("gpt-4o-mini", 1), ("facebook/opt-125m", 3)]
    assert len(parse_json_lines('{"a": 1}\n\n{"b": 2}\n')) == 2
    try:
        parse_json_lines("{broken\n{also broken\n")
    except ParseError:
        pass
    else:
        raise AssertionError("a file with no readable line must be a parse error")
