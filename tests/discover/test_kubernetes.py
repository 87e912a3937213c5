"""Kubernetes manifests and Helm templates."""

from __future__ import annotations

import pytest

from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import MAX_YAML_PARSE_CHARS, ConfigFileSource
from modelmap.discover.kubernetes import KubernetesSource, detemplate
from modelmap.types import Finding, Skip
from tests.conftest import FIXTURES

INFRA = FIXTURES / "repos" / "llm-infra"


def findings(rel: str, text: str | None = None) -> dict[tuple[int, str], Finding]:
    body = text if text is not None else (INFRA / rel).read_text()
    out = KubernetesSource().scan(SourceFile(rel, body, "config"))
    return {(f.line, f.raw): f for f in out if isinstance(f, Finding)}


def test_kserve_storage_uri_and_configmap() -> None:
    found = findings("k8s/kserve.yaml")
    uri = found[(10, "hf://meta-llama/Llama-3.2-1B-Instruct")]  # storageUri: hf://org/model, reported as written
    assert (uri.column, uri.kind, uri.source) == (19, "hf-repo", "k8s-model-key")
    chat = found[(19, "gpt-4o-mini")]  # ConfigMap data sent to the DeepSeek base URL beside it
    assert (chat.column, chat.source, chat.role) == (15, "k8s-env", "generation")
    assert (chat.provider, chat.endpoint) == ("deepseek-api", "https://api.deepseek.com")
    emb = found[(21, "BAAI/bge-small-en-v1.5")]
    assert (emb.column, emb.role, emb.endpoint) == (20, "embedding", None)
    assert (20, "https://api.deepseek.com") in found
    assert not any(raw == "llama" for _, raw in found)  # --model_name=llama: a served name, not a model
    assert len(found) == 4
    assert list(ConfigFileSource().scan(SourceFile("k8s/kserve.yaml", (INFRA / "k8s/kserve.yaml").read_text()))) == []


def test_helm_template_literal_values_only() -> None:
    found = findings("charts/llm/templates/deployment.yaml")
    tok = found[(16, "Qwen/Qwen2.5-0.5B-Instruct")]
    assert (tok.column, tok.kind, tok.source, tok.api) == (15, "hf-repo", "k8s-container-args", None)  # image templated
    rr = found[(23, "BAAI/bge-reranker-v2-m3")]
    assert (rr.column, rr.role, rr.source) == (22, "rerank", "k8s-env")
    assert len(found) == 2  # {{ .Values.model.name }} and {{ .Values.embedding.model }} are templated


def test_container_args_and_env_in_a_deployment() -> None:
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
        "        - name: tgi\n          image: ghcr.io/huggingface/text-generation-inference:2.4.0\n"
        "          args:\n            - --model-id\n            - mistralai/Mistral-7B-Instruct-v0.3\n"
        "          env:\n            - name: HF_TOKEN\n              valueFrom: {secretKeyRef: {name: hf, key: t}}\n"
        "            - name: OPENAI_BASE_URL\n              value: http://localhost:8080/v1\n"
    )
    found = findings("deploy/tgi.yaml", text)
    m = found[(11, "mistralai/Mistral-7B-Instruct-v0.3")]
    assert (m.column, m.api, m.role, m.source) == (15, "tgi", "generation", "k8s-container-args")
    assert found[(16, "http://localhost:8080/v1")].kind == "endpoint"
    assert len(found) == 2


def test_detemplate_keeps_offsets() -> None:
    text = 'a: {{ .Values.x }}\n{{- if .Values.y }}\nb: "{{ .Values.z }}"\n'
    out = detemplate(text)
    assert len(out) == len(text) and out.splitlines()[1].strip() == ""


def test_unparseable_template_is_scanned_line_by_line() -> None:
    text = (
        "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n{{ toYaml .Values.sidecars | indent 4 }}\n"
        "    - name: a\n      args: [{{ .Values.x }}, --model, Qwen/Qwen2.5-7B-Instruct]\n  : : bad\n"
    )
    out = list(KubernetesSource().scan(SourceFile("chart/templates/pod.yaml", text)))
    raws = {f.raw for f in out if isinstance(f, Finding)}
    assert "Qwen/Qwen2.5-7B-Instruct" in raws
    # read only in part: never silent (issue 10, scanfix11a)
    skips = [s for s in out if isinstance(s, Skip)]
    assert [s.reason for s in skips] == ["parse-error"] and "read line by line" in skips[0].detail


def test_template_over_the_yaml_cap_is_read_by_lines_without_detemplating(monkeypatch: pytest.MonkeyPatch) -> None:
    # a stream over MAX_YAML_PARSE_CHARS is never parsed, so neutralising its directives first only spent the
    # budget (a 4 MB helmfile: 1.3 s of 5 s of CPU; CI probe s11-gotmpl-4mb-yaml-parse-unbudgeted failed at 5.8 s)
    import modelmap.discover.kubernetes as kubernetes

    def refuse(text: str) -> str:
        raise AssertionError("detemplate called on a stream that is never parsed")

    monkeypatch.setattr(kubernetes, "detemplate", refuse)
    body = "releases:\n" + "".join(f'- name: r{i}\n  values:\n  - model: {{{{ env "M" | default "qwen3-8b" }}}}\n'
                                    for i in range(MAX_YAML_PARSE_CHARS // 60))
    assert len(body) > MAX_YAML_PARSE_CHARS
    out = list(KubernetesSource().scan(SourceFile("helmfile.yaml.gotmpl", body, "config")))
    assert any(isinstance(f, Finding) and f.raw == "qwen3-8b" for f in out)
    skips = [s for s in out if isinstance(s, Skip) and s.reason == "parse-error"]
    assert len(skips) == 1 and "not parsed as YAML" in skips[0].detail and "read line by line" in skips[0].detail
    # just under the cap the template is still neutralised and parsed
    monkeypatch.undo()
    small = "releases:\n- name: r\n  values:\n  - model: {{ env \"M\" | default \"qwen3-8b\" }}\n"
    out = list(KubernetesSource().scan(SourceFile("helmfile.yaml.gotmpl", small, "config")))
    assert not [s for s in out if isinstance(s, Skip)]


def test_broken_template_without_models_is_a_parse_error_skip() -> None:
    out = list(KubernetesSource().scan(SourceFile("chart/templates/x.yaml", "a: {{ .x }}\n  : : [\n")))
    assert [s.reason for s in out if isinstance(s, Skip)] == ["parse-error"]


def test_non_k8s_yaml_is_not_ours() -> None:
    assert list(KubernetesSource().scan(SourceFile("config.yaml", "kind: x\nmodel: gpt-4o\n"))) == []


def test_llm_inference_service_model_uri_and_object_names() -> None:
    from modelmap.discover.base import SourceFile
    from modelmap.discover.kubernetes import KubernetesSource
    from modelmap.types import Finding

    text = ("apiVersion: serving.kserve.io/v1alpha2\nkind: LLMInferenceService\nmetadata:\n  name: gpt-oss-20b\n"
            "spec:\n  model:\n    uri: \"pvc://gpt-oss-20b-pvc\"\n    name: RedHatAI/gpt-oss-20b\n"
            "  template:\n    volumes:\n      - persistentVolumeClaim:\n          claimName: gpt-oss-20b-pvc\n")
    src = KubernetesSource()
    found = {f.raw: f for f in src.scan(SourceFile("deploy/llmisvc.yaml", text, "config")) if isinstance(f, Finding)}
    assert "pvc://gpt-oss-20b-pvc" in found and found["pvc://gpt-oss-20b-pvc"].line == 7
    assert "RedHatAI/gpt-oss-20b" in found
    assert "gpt-oss-20b" not in found and "gpt-oss-20b-pvc" not in found  # object names, not models
