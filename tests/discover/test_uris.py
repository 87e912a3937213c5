"""Model locations written as URIs, hub addresses and cache folders (issue 10): what they identify, which are
models, and that every source reports them with the URI as written and the model id as evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.discover.identify import classify
from modelmap.discover.uris import location_evidence, parse_location


@pytest.mark.parametrize(("value", "identity"), [
    ("hf://Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct"),
    ("hf://Qwen/Qwen2.5-7B-Instruct@main", "Qwen/Qwen2.5-7B-Instruct"),
    ("huggingface://BAAI/bge-m3", "BAAI/bge-m3"),
    ("modelscope://qwen/Qwen2-7B-Instruct", "qwen/Qwen2-7B-Instruct"),
    ("ollama://qwen2.5:7b", "qwen2.5:7b"),
    ("ollama://nomic-embed-text", "nomic-embed-text"),
    ("s3://ml-models/llm/Qwen2-7B-Instruct", "Qwen2-7B-Instruct"),
    ("s3://acme/models/Qwen/Qwen2-7B-Instruct/v3/", "Qwen/Qwen2-7B-Instruct"),  # known org kept, version skipped
    ("oss://acme-bucket/models/bge-large-zh-v1.5", "bge-large-zh-v1.5"),
    ("gs://acme-models/embeddings/bge-m3/model.tar.gz", "bge-m3"),  # a generic archive of that model
    ("pvc://model-cache/gemma-2-2b-it", "gemma-2-2b-it"),
    ("pvc://gpt-oss-20b-pvc", "gpt-oss-20b"),  # the claim's own name, without its -pvc suffix
    ("https://huggingface.co/BAAI/bge-reranker-large", "BAAI/bge-reranker-large"),
    ("https://hf.co/Qwen/Qwen2.5-7B-Instruct-GGUF/resolve/main/qwen2.5-7b-instruct-q4_k_m.gguf",
     "Qwen/Qwen2.5-7B-Instruct-GGUF"),
    ("https://modelscope.cn/models/ZhipuAI/chatglm3-6b/files", "ZhipuAI/chatglm3-6b"),
    ("https://www.modelscope.cn/api/v1/models/qwen/Qwen2-7B/repo?Revision=master&FilePath=config.json",
     "qwen/Qwen2-7B"),
    ("https://api-inference.modelscope.cn/api-inference/v1/models/Qwen/Qwen2.5-Coder-32B-Instruct",
     "Qwen/Qwen2.5-Coder-32B-Instruct"),  # the API-Inference endpoint of one model
    ("~/.cache/huggingface/hub/models--BAAI--bge-m3", "BAAI/bge-m3"),
    ("/root/.cache/huggingface/hub/models--Qwen--Qwen2-7B-Instruct/snapshots/abc123", "Qwen/Qwen2-7B-Instruct"),
])
def test_a_location_names_the_model_inside_it(value: str, identity: str) -> None:
    loc = parse_location(value)
    assert loc is not None and loc.identity == identity
    assert f"model-id:{identity}" in location_evidence(value)


@pytest.mark.parametrize("value", [
    "s3://acme-data/raw/",  # a bucket path with no model-looking segment
    "gs://acme-exports/reports/v2",
    "gs://kfserving-examples/models/sklearn/1.0/model",  # a model location, but not one that says which model
    "pvc://model-cache",
    "s3://acme/datasets/qwen2-7b-sft",  # data about a model: a training set, eval results, logs
    "gs://acme/evals/llama-3-8b-results",
    "gs://acme-ml/logs/qwen2-7b-instruct",
])
def test_a_storage_path_that_names_no_model_has_no_identity(value: str) -> None:
    loc = parse_location(value)
    assert loc is not None and loc.identity is None
    assert classify(value, "none") is None  # not a model on its own …
    found = classify(value, "key")  # … but any location under a model key is one (storageUri: gs://…/model)
    assert found is not None and found.kind == "model-file"


@pytest.mark.parametrize("value", [
    "hf://<org>/<model>", "hf://ORG/NAME", "hf://your-org/your-model", "ollama://model:tag",
    "hf://{{ .Values.org }}/{{ .Values.model }}", "s3://bucket/path/model", "s3://${BUCKET}/models/Qwen2-7B",
    "hf://datasets/HuggingFaceFW/fineweb-edu", "https://huggingface.co/datasets/squad",
    "https://huggingface.co/docs/transformers/index", "https://huggingface.co/BAAI", "https://hf-mirror.com",
    "https://huggingface.co/spaces/gradio/chatbot", "https://api.openai.com/v1",
    # the Hub's OAuth endpoints, as an app's sign-in code writes them (held-out-10: two FPs in a Kotlin config)
    "https://huggingface.co/oauth/authorize", "https://huggingface.co/oauth/token",
])
def test_placeholders_data_sets_pages_and_apis_are_not_models(value: str) -> None:
    assert classify(value, "none") is None
    assert classify(value, "key") is None


def test_kinds_follow_the_hub() -> None:
    assert classify("hf://Qwen/Qwen2-7B", "none").kind == "hf-repo"
    assert classify("https://huggingface.co/Qwen/Qwen2-7B", "none").kind == "hf-repo"
    ollama = classify("ollama://qwen2.5:7b", "none")
    assert ollama is not None and (ollama.kind, ollama.provider) == ("ollama-tag", "ollama")
    ms = classify("https://modelscope.cn/models/qwen/Qwen2-7B-Instruct", "none")
    assert ms is not None and ms.kind == "model-file"  # a ModelScope repo is not a Hugging Face one
    emb = classify("ollama://nomic-embed-text", "none")
    assert emb is not None and emb.role == "embedding"


def test_an_archive_address_is_a_model_only_under_a_model_key() -> None:
    url = "https://github.com/acme/ml-examples/blob/main/sklearn/iris/model.joblib?raw=true"
    assert classify(url, "none") is None
    found = classify(url, "key")
    assert found is not None and found.kind == "model-file"


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_uris_are_found_in_every_kind_of_file_with_the_uri_as_raw(tmp_path: Path) -> None:
    _write(tmp_path, {
        "config/models.toml": (
            '[llm]\nuri = "hf://Qwen/Qwen2.5-7B-Instruct@main"\n'
            '[embed]\nlocation = "oss://acme-bucket/models/bge-large-zh-v1.5"\n'
            '[rerank]\nsource = "https://huggingface.co/BAAI/bge-reranker-large"\n'
            '[gguf]\nurl = "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct-GGUF/resolve/main/'
            'qwen2.5-7b-instruct-q4_k_m.gguf"\n'
            '[data]\nbucket = "s3://acme-data/raw/"\nplaceholder = "hf://<org>/<model>"\n'),
        ".env.example": "MODEL_STORAGE=s3://acme/models/Qwen2-7B-Instruct\nDATA_BUCKET=gs://acme-raw/\n"
                        "HF_ENDPOINT=https://hf-mirror.com\n",
        "app/loader.py": 'CKPT = "s3://acme-ml/checkpoints/llama-3-8b-finetuned"\n'
                         'MS = "https://modelscope.cn/models/ZhipuAI/chatglm3-6b"\n',
        "web/models.js": 'export const LOCAL = "ollama://qwen2.5:7b";\n',
        "infra/main.tf": 'locals {\n  weights = "s3://acme-llm/weights/Llama-3.1-8B-Instruct"\n}\n',
        "scripts/fetch.sh": "#!/bin/sh\naws s3 sync s3://acme-models/llm/Llama-3.1-70B-Instruct /models/llama\n"
                            "aws s3 cp s3://acme-logs/2024/ ./logs --recursive\n",
    })
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    found = {(f.path, f.raw): f for f in result.findings if f.kind != "endpoint"}
    expected = {
        ("config/models.toml", "hf://Qwen/Qwen2.5-7B-Instruct@main"): "Qwen/Qwen2.5-7B-Instruct",
        ("config/models.toml", "oss://acme-bucket/models/bge-large-zh-v1.5"): "bge-large-zh-v1.5",
        ("config/models.toml", "https://huggingface.co/BAAI/bge-reranker-large"): "BAAI/bge-reranker-large",
        ("config/models.toml", "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct-GGUF/resolve/main/"
                               "qwen2.5-7b-instruct-q4_k_m.gguf"): "Qwen/Qwen2.5-7B-Instruct-GGUF",
        (".env.example", "s3://acme/models/Qwen2-7B-Instruct"): "Qwen2-7B-Instruct",
        ("app/loader.py", "s3://acme-ml/checkpoints/llama-3-8b-finetuned"): "llama-3-8b-finetuned",
        ("app/loader.py", "https://modelscope.cn/models/ZhipuAI/chatglm3-6b"): "ZhipuAI/chatglm3-6b",
        ("web/models.js", "ollama://qwen2.5:7b"): "qwen2.5:7b",
        ("infra/main.tf", "s3://acme-llm/weights/Llama-3.1-8B-Instruct"): "Llama-3.1-8B-Instruct",
        ("scripts/fetch.sh", "s3://acme-models/llm/Llama-3.1-70B-Instruct"): "Llama-3.1-70B-Instruct",
    }
    for key, identity in expected.items():
        assert key in found, key
        assert f"model-id:{identity}" in (found[key].evidence or ()), (key, found[key].evidence)
    raws = {raw for _, raw in found}
    for not_a_model in ("s3://acme-data/raw/", "hf://<org>/<model>", "gs://acme-raw/", "https://hf-mirror.com",
                        "s3://acme-logs/2024/"):
        assert not_a_model not in raws
    # the URI keeps its position: the value's first character
    toml = found[("config/models.toml", "oss://acme-bucket/models/bge-large-zh-v1.5")]
    assert (toml.line, toml.column) == (4, 13)


def test_a_file_that_names_a_model_only_by_its_storage_uri_is_read(tmp_path: Path) -> None:
    # no model word anywhere (the byte prefilter must still let the file through)
    _write(tmp_path, {"serving/mnist.yaml": (
        'apiVersion: "serving.kserve.io/v1beta1"\nkind: "InferenceService"\nmetadata:\n  name: "digits"\n'
        'spec:\n  predictor:\n    tensorflow:\n      storageUri: "s3://acme-examples/digits"\n')})
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    assert [(f.line, f.raw) for f in result.findings] == [(8, "s3://acme-examples/digits")]


_SCHEMES = ["hf://", "huggingface://", "modelscope://", "ollama://", "s3://", "gs://", "pvc://", "oci+fetch://",
            "https://huggingface.co/", "https://modelscope.cn/models/", "azureml://registries/", "~/.cache/models--"]


@given(prefix=st.sampled_from(_SCHEMES), body=st.text(alphabet=st.sampled_from("ab7B-._/:@<>{}$?#=&%models"),
                                                      max_size=600))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_location_parsing_never_raises_and_an_identity_is_never_a_template(prefix: str, body: str) -> None:
    value = prefix + body
    loc = parse_location(value)
    if loc is not None and loc.identity is not None:
        assert not any(c in loc.identity for c in "<>{}$%")
    for hint in ("none", "key"):
        classify(value, hint)
    assert isinstance(location_evidence(value), tuple)


def test_a_hub_link_for_people_is_not_a_model_location(tmp_path: Path) -> None:
    _write(tmp_path, {"catalog/embeddings.json": (
        '[{"name": "bge-m3", "link": "https://huggingface.co/BAAI/bge-m3",\n'
        '  "weights": "hf://BAAI/bge-m3", "homepage": "https://huggingface.co/BAAI"}]\n')})
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    raws = {f.raw for f in result.findings if f.kind != "endpoint"}
    assert "hf://BAAI/bge-m3" in raws and "https://huggingface.co/BAAI/bge-m3" not in raws


@pytest.mark.parametrize(("value", "identity"), [
    # a quantisation tag after a Hub repository (ramalama / Ollama pull hf://org/repo-GGUF:Q8_0)
    ("hf://ggml-org/SmolVLM-256M-Instruct-GGUF:Q8_0", "ggml-org/SmolVLM-256M-Instruct-GGUF"),
    ("huggingface://acme/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M", "acme/Qwen2.5-0.5B-Instruct-GGUF"),
    # an OCI model image: the tag is the image's, the repository's last part the model
    ("oci://quay.io/acme/smollm:135m", "smollm"),
    ("oci://registry.example.com/ai/tinyllama:latest", "tinyllama"),
    ("oci://ghcr.io/acme/models/Qwen2.5-7B-Instruct:v1", "Qwen2.5-7B-Instruct"),
    # the Ollama library's page of a model, and a user's model there
    ("https://ollama.com/library/smollm:135m", "smollm:135m"),
    ("https://ollama.com/library/qwen2.5", "qwen2.5"),
    ("https://ollama.com/acme/llama3-custom:8b", "acme/llama3-custom:8b"),
])
def test_transport_tags_and_ollama_pages_name_their_model(value: str, identity: str) -> None:
    loc = parse_location(value)
    assert loc is not None and loc.identity == identity


@pytest.mark.parametrize("value", [
    "https://ollama.com/search", "https://ollama.com/download/linux", "https://ollama.com/v1/models", "https://ollama.com/blog/embedding-models",
    "https://ollama.com", "oci://localhost/foobar:latest", "oci://quay.io/acme/webapp:1.2",
    "hf://<org>/<model>:Q4_0",
])
def test_ollama_site_pages_and_non_model_images_are_not_model_locations(value: str) -> None:
    loc = parse_location(value)
    assert loc is None or loc.identity is None


def test_transport_uris_in_a_python_cli_test_are_found(tmp_path: Path) -> None:
    _write(tmp_path, {"tests/e2e/test_pull.py": (
        "import subprocess\n\n\ndef test_pull():\n"
        '    subprocess.check_call(["mycli", "pull", "hf://acme/SmolLM2-135M-Instruct-GGUF:Q4_0"])\n'
        '    subprocess.check_call(["mycli", "pull", "oci://quay.io/acme/smollm:135m"])\n'
        '    subprocess.check_call(["mycli", "pull", "https://ollama.com/library/smollm:135m"])\n')})
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    raws = {f.raw for f in result.findings if f.kind != "endpoint"}
    assert {"hf://acme/SmolLM2-135M-Instruct-GGUF:Q4_0", "oci://quay.io/acme/smollm:135m",
            "https://ollama.com/library/smollm:135m"} <= raws


@pytest.mark.parametrize("value", ["ollama://foobar", "ollama://dry_run_model", "hf://fake/test-model",
                                   "ollama://dummy"])
def test_a_tests_stand_in_model_uri_is_not_a_model(value: str) -> None:
    assert parse_location(value) is None
    assert classify(value, "none") is None


@pytest.mark.parametrize("value", ["ollama://tinyllama", "ollama://smollm:135m", "hf://acme/test-model-7b"])
def test_real_model_uris_beside_stand_ins_are_kept(value: str) -> None:
    assert parse_location(value) is not None


@pytest.mark.parametrize("value", ["small_model.gguf", "test_model.gguf", "model_v2.gguf", "tagged_model.gguf",
                                   "sized_model_unique.gguf", "temp_model.gguf"])
def test_a_weight_file_a_test_names_after_no_model_is_not_a_model(value: str) -> None:
    assert classify(value, "none") is None


@pytest.mark.parametrize("value", ["tinyllama-1.1b-chat.Q4_0.gguf", "qwen2.5-7b-instruct-q4_k_m.gguf"])
def test_a_weight_file_named_after_a_model_is_kept(value: str) -> None:
    assert classify(value, "none") is not None


def test_tokenizer_hub_repos_and_sft_base_models_are_found(tmp_path: Path) -> None:
    _write(tmp_path, {
        "app/config.py": (
            "from dataclasses import dataclass\n\n\n@dataclass\nclass LLMConfig:\n    max_context_tokens: int\n"
            "    tokenizer_hub: str | None = None\n\n\n"
            'CONFIGS = {"chat": LLMConfig(max_context_tokens=8192, tokenizer_hub="acme/llama3-tokenizer-new")}\n'),
        "config/sft.yaml": "model:\n  partial_pretrain: ~/models/gemma-1.1-7b-it\n",
    })
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    raws = {(f.path, f.raw) for f in result.findings if f.kind != "endpoint"}
    assert ("app/config.py", "acme/llama3-tokenizer-new") in raws
    assert ("config/sft.yaml", "~/models/gemma-1.1-7b-it") in raws
