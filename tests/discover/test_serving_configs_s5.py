"""Serving configs that name their model by location or by flag (issue 10): KServe InferenceServices,
KubeAI-style Model resources, container args of vLLM / SGLang / TGI / llama.cpp, Helm values, compose,
Dockerfiles, shell scripts, Spring AI properties and Terraform. Object names, images and labels are not models."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.types import Finding

ISVC = """\
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: qwen-chat
spec:
  predictor:
    model:
      modelFormat:
        name: huggingface
      args:
        - --model_name=qwen-chat
        - --model_id=Qwen/Qwen2.5-7B-Instruct
      storageUri: s3://ml-models/llm/Qwen2-7B-Instruct
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: iris
spec:
  predictor:
    sklearn:
      storageUri: https://github.com/acme/ml-examples/raw/main/sklearn/iris/model.joblib
"""

# written from KubeAI's public API reference (kubeai.org/reference/kubernetes-api): spec.url takes hf://, ollama://,
# pvc://, s3://, gs://, oss:// locations
MODEL_CRS = """\
apiVersion: kubeai.org/v1
kind: Model
metadata:
  name: llama-3.1-8b-instruct-fp8-l4
spec:
  features: [TextGeneration]
  url: hf://neuralmagic/Meta-Llama-3.1-8B-Instruct-FP8
  engine: VLLM
  resourceProfile: nvidia-gpu-l4:1
---
apiVersion: kubeai.org/v1
kind: Model
metadata:
  name: qwen-coder-cpu
spec:
  features: [TextGeneration]
  url: ollama://qwen2.5-coder:1.5b
  engine: OLlama
---
apiVersion: kubeai.org/v1
kind: Model
metadata:
  name: cached-model
spec:
  features: [TextGeneration]
  url: pvc://model-cache
  engine: VLLM
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: qwen2-7b-instruct
  labels: {model: qwen2-7b-instruct}
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:latest
          command: ["python3", "-m", "vllm.entrypoints.openai.api_server"]
          args: ["--model", "/models/Qwen2.5-14B-Instruct-AWQ", "--served-model-name", "qwen2.5-14b"]
        - name: sglang
          image: lmsysorg/sglang:latest
          command: [python3, -m, sglang.launch_server, --model-path, deepseek-ai/DeepSeek-V2-Lite-Chat]
        - name: tgi
          image: ghcr.io/huggingface/text-generation-inference:2.0
          args: ["--model-id", "mistralai/Mistral-7B-Instruct-v0.3"]
        - name: llamacpp
          image: ghcr.io/ggerganov/llama.cpp:server
          args: ["-m", "/models/qwen2-7b-instruct-q4_k_m.gguf", "--port", "8080"]
          env:
            - name: HF_ENDPOINT
              value: https://hf-mirror.com
            - name: LOG_BUCKET
              value: s3://acme-logs/inference/2024/
"""

HELM_VALUES = """\
image:
  repository: vllm/vllm-openai
  tag: v0.6.3
model:
  id: meta-llama/Llama-3.1-8B-Instruct
  servedModelName: llama-3.1-8b
modelName: Qwen/Qwen2.5-72B-Instruct-AWQ
embedding:
  modelID: BAAI/bge-large-zh-v1.5
  uri: modelscope://BAAI/bge-reranker-v2-m3
storage:
  bucket: s3://acme-prod-artifacts/checkpoints/
"""

SERVE_SH = """\
#!/usr/bin/env bash
export MODEL=Qwen/Qwen2.5-7B-Instruct
MODEL_DIR=./models/Qwen2-7B-Instruct
vllm serve deepseek-ai/DeepSeek-R1-Distill-Qwen-7B --tensor-parallel-size 2
ollama pull qwen2.5:7b
hf download Qwen/Qwen3-8B
llama-server --hf-repo bartowski/Llama-3.2-3B-Instruct-GGUF --hf-file Llama-3.2-3B-Instruct-Q4_K_M.gguf
text-generation-launcher --model-id HuggingFaceH4/zephyr-7b-beta
python3 -m sglang.launch_server --model-path Qwen/Qwen2.5-32B-Instruct --port 30000
docker run --rm vllm/vllm-openai:latest --help
"""

DOCKERFILE = """\
FROM ghcr.io/ggerganov/llama.cpp:server
ARG MODEL_URL=https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf
ENV MODEL_URI=hf://Qwen/Qwen2.5-1.5B-Instruct
RUN aws s3 cp --recursive s3://acme-models/embeddings/bge-m3 /models/bge-m3
CMD ["-m", "/models/model.gguf", "--host", "0.0.0.0"]
"""

COMPOSE = """\
services:
  vllm:
    image: vllm/vllm-openai:latest
    command: --model mistralai/Mistral-7B-Instruct-v0.3 --max-model-len 8192
    environment:
      - MODEL_URI=hf://Qwen/Qwen2.5-7B-Instruct
    volumes:
      - ./models/Qwen2-7B-Instruct:/models/Qwen2-7B-Instruct
"""

SPRING_YML = """\
spring:
  ai:
    openai:
      chat:
        options:
          model: gpt-4o-mini
    ollama:
      embedding:
        options:
          model: nomic-embed-text
    dashscope:
      chat:
        options:
          model: qwen-max
"""

SPRING_PROPERTIES = "spring.ai.zhipuai.chat.options.model=glm-4-flash\nspring.ai.openai.chat.options.temperature=0.2\n"

TERRAFORM = """\
resource "azurerm_cognitive_deployment" "chat" {
  name                 = "chat"
  cognitive_account_id = azurerm_cognitive_account.oai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name = "Standard"
  }
}

locals {
  bedrock_model = "us.anthropic.claude-3-5-sonnet-20241022-v2:0"
  profiles      = ["global.anthropic.claude-sonnet-4-20250514-v1:0", "global.settings-v1"]
}
"""


def _scan(tmp_path: Path, files: dict[str, str]) -> dict[tuple[str, str], Finding]:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    assert not [s for s in result.skips if s.reason in ("source-error", "scan-error")]
    return {(f.path, f.raw): f for f in result.findings if f.kind != "endpoint"}


def test_kserve_inference_services_report_their_storage_and_model_id(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"deploy/isvc.yaml": ISVC})
    raws = {raw for _, raw in found}
    assert {"s3://ml-models/llm/Qwen2-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct",
            "https://github.com/acme/ml-examples/raw/main/sklearn/iris/model.joblib"} <= raws
    storage = found[("deploy/isvc.yaml", "s3://ml-models/llm/Qwen2-7B-Instruct")]
    assert storage.line == 13 and "model-id:Qwen2-7B-Instruct" in (storage.evidence or ())
    assert not raws & {"qwen-chat", "iris", "huggingface"}  # object names and the model format


def test_model_resources_report_any_location_in_their_url(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"deploy/models.yaml": MODEL_CRS})
    got = {raw: f.line for (_, raw), f in found.items()}
    assert got == {"hf://neuralmagic/Meta-Llama-3.1-8B-Instruct-FP8": 7, "ollama://qwen2.5-coder:1.5b": 17,
                   "pvc://model-cache": 26}
    assert found[("deploy/models.yaml", "ollama://qwen2.5-coder:1.5b")].kind == "ollama-tag"


def test_container_args_of_inference_servers(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"deploy/servers.yaml": DEPLOYMENT})
    raws = {raw for _, raw in found}
    assert {"/models/Qwen2.5-14B-Instruct-AWQ", "qwen2.5-14b", "deepseek-ai/DeepSeek-V2-Lite-Chat",
            "mistralai/Mistral-7B-Instruct-v0.3"} <= raws
    # llama.cpp's -m in args that do not name the server: the image says which server reads them
    gguf = found[("deploy/servers.yaml", "/models/qwen2-7b-instruct-q4_k_m.gguf")]
    assert gguf.line == 22 and gguf.kind == "model-file"
    assert not raws & {"qwen2-7b-instruct", "vllm/vllm-openai:latest", "s3://acme-logs/inference/2024/",
                       "https://hf-mirror.com"}


def test_helm_values_camel_case_model_keys_and_locations(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"charts/llm/values.yaml": HELM_VALUES})
    raws = {raw for _, raw in found}
    assert {"meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b", "Qwen/Qwen2.5-72B-Instruct-AWQ",
            "BAAI/bge-large-zh-v1.5", "modelscope://BAAI/bge-reranker-v2-m3"} <= raws
    assert found[("charts/llm/values.yaml", "llama-3.1-8b")].line == 6  # servedModelName
    assert not raws & {"vllm/vllm-openai", "v0.6.3", "s3://acme-prod-artifacts/checkpoints/"}


def test_shell_dockerfile_and_compose_command_lines(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"scripts/serve.sh": SERVE_SH, "Dockerfile": DOCKERFILE, "docker-compose.yml": COMPOSE})
    by_file: dict[str, set[str]] = {}
    for path, raw in found:
        by_file.setdefault(path, set()).add(raw)
    assert by_file["scripts/serve.sh"] == {
        "Qwen/Qwen2.5-7B-Instruct", "./models/Qwen2-7B-Instruct", "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
        "qwen2.5:7b", "Qwen/Qwen3-8B", "bartowski/Llama-3.2-3B-Instruct-GGUF", "HuggingFaceH4/zephyr-7b-beta",
        "Qwen/Qwen2.5-32B-Instruct"}  # not the image of `docker run vllm/vllm-openai:latest --help`
    assert by_file["Dockerfile"] == {
        "https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf",
        "hf://Qwen/Qwen2.5-1.5B-Instruct", "s3://acme-models/embeddings/bge-m3"}  # not the generic model.gguf
    assert {"mistralai/Mistral-7B-Instruct-v0.3", "hf://Qwen/Qwen2.5-7B-Instruct"} <= by_file["docker-compose.yml"]


def test_spring_ai_options_and_terraform_deployments(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"src/main/resources/application.yml": SPRING_YML,
                             "src/main/resources/application.properties": SPRING_PROPERTIES,
                             "infra/openai.tf": TERRAFORM})
    got = {(path.rsplit("/", 1)[-1], raw, f.line) for (path, raw), f in found.items()}
    assert got == {
        ("application.yml", "gpt-4o-mini", 6), ("application.yml", "nomic-embed-text", 10),
        ("application.yml", "qwen-max", 14), ("application.properties", "glm-4-flash", 1),
        ("openai.tf", "gpt-4o", 6), ("openai.tf", "us.anthropic.claude-3-5-sonnet-20241022-v2:0", 15),
        # a global cross-Region inference profile id; a `global.` word with no Bedrock vendor after it is not one
        ("openai.tf", "global.anthropic.claude-sonnet-4-20250514-v1:0", 16),
    }


ROUTE = """\
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: llm-route
spec:
  parentRefs:
    - name: inference-gateway
  rules:
    - matches:
        - headers:
            - name: x-model
              value: Qwen/Qwen2.5-7B-Instruct
      backendRefs:
        - group: inference.networking.k8s.io
          kind: InferencePool
          name: qwen2-7b-instruct-pool
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: llama-3-8b-hpa
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: llama-3-8b-instruct
"""


def test_object_references_name_objects_not_models(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"deploy/route.yaml": ROUTE})
    assert {raw for _, raw in found} == {"Qwen/Qwen2.5-7B-Instruct"}  # the routed model, not the pool or Deployment


def test_comma_separated_model_lists_under_model_keys(tmp_path: Path) -> None:
    found = _scan(tmp_path, {
        ".env.example": 'OPENAI_MODELS=gpt-4o,gpt-4o-mini,o3-mini\nAZURE_OPENAI_MODELS="gpt-35-turbo, gpt-4"\n'
                        "OLLAMA_MODELS=qwen2.5:7b,llama3.1:8b\nALLOWED_ORIGINS=app.example.com,gpt-4o.example.com\n",
        "config/router.yaml": "router:\n  fallback_models: claude-3-5-sonnet-20241022,gemini-1.5-pro\n",
    })
    got = {(path, raw, f.line, f.column) for (path, raw), f in found.items()}
    assert got == {
        (".env.example", "gpt-4o", 1, 15), (".env.example", "gpt-4o-mini", 1, 22), (".env.example", "o3-mini", 1, 34),
        (".env.example", "gpt-35-turbo", 2, 22), (".env.example", "gpt-4", 2, 36),
        (".env.example", "qwen2.5:7b", 3, 15), (".env.example", "llama3.1:8b", 3, 26),
        ("config/router.yaml", "claude-3-5-sonnet-20241022", 2, 20), ("config/router.yaml", "gemini-1.5-pro", 2, 47),
    }


def test_hub_downloads_of_data_sets_and_spaces_are_not_models(tmp_path: Path) -> None:
    script = ("#!/bin/sh\nhf download HuggingFaceFW/fineweb-edu --repo-type dataset --local-dir data\n"
              "huggingface-cli download --repo-type=space gradio/chatbot\n"
              "huggingface-cli download BAAI/bge-m3 --local-dir /models/bge-m3\n")
    found = _scan(tmp_path, {"scripts/fetch.sh": script})
    # the model's download folder is the model too (scanfix9: a --local-dir of a model download)
    assert {(raw, f.line) for (_, raw), f in found.items()} == {("BAAI/bge-m3", 4), ("/models/bge-m3", 4)}


def test_only_model_serving_resources_make_their_url_a_model_location(tmp_path: Path) -> None:
    other = ("apiVersion: bi.acme.io/v1\nkind: SemanticModel\nmetadata:\n  name: sales\nspec:\n"
             "  url: s3://acme-bi/semantic/sales.yaml\n")
    serving = other.replace("bi.acme.io/v1", "kubeai.org/v1").replace("SemanticModel", "Model")
    assert _scan(tmp_path / "bi", {"deploy/semantic.yaml": other}) == {}
    assert set(_scan(tmp_path / "ml", {"deploy/model.yaml": serving})) == {
        ("deploy/model.yaml", "s3://acme-bi/semantic/sales.yaml")}
