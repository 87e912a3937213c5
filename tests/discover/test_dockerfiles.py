"""Dockerfiles: RUN / ENV / ARG / CMD / ENTRYPOINT, continuations, heredocs, exact positions."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.dockerfiles import DockerfileSource, instructions
from modelmap.types import Finding
from tests.conftest import FIXTURES

DOCKERFILE = FIXTURES / "repos" / "llm-infra" / "Dockerfile"


def findings(text: str | None = None, path: str = "Dockerfile") -> dict[tuple[int, str], Finding]:
    out = DockerfileSource().scan(SourceFile(path, text if text is not None else DOCKERFILE.read_text(), "config"))
    return {(f.line, f.raw): f for f in out if isinstance(f, Finding)}


def test_fixture_findings() -> None:
    found = findings()
    arg = found[(2, "sentence-transformers/all-MiniLM-L6-v2")]
    assert (arg.column, arg.source, arg.role) == (21, "dockerfile-env", "embedding")
    env = found[(4, "BAAI/bge-reranker-base")]  # second line of a continued ENV
    assert (env.column, env.role) == (18, "rerank")
    dl = found[(6, "Qwen/Qwen2.5-0.5B-Instruct")]  # huggingface-cli download on a continuation line
    assert (dl.column, dl.source, dl.api) == (30, "dockerfile-run", "huggingface-cli")
    py = found[(7, "BAAI/bge-m3")]  # python -c "snapshot_download(repo_id='…')"
    assert (py.column, py.api) == (90, "huggingface_hub")
    pull = found[(10, "llama3.1:8b")]
    assert (pull.column, pull.kind, pull.api) == (43, "ollama-tag", "ollama")
    cmd = found[(11, "qwen2.5:7b")]  # exec form
    assert (cmd.column, cmd.source) == (24, "dockerfile-cmd")
    # the download's --local-dir is that model's folder (scanfix9); FROM images and HF_HOME=/models are not models
    assert (6, "/models/qwen") in found
    assert len(found) == 7


def test_heredoc_body_literals_and_scripts() -> None:
    text = (
        "FROM babashka/babashka:latest\nCOPY <<EOF pull.clj\n(if (not (#{\"gpt-4\" \"gpt-4o\"} llm)) (pull llm))\nEOF\n"
        "RUN <<EOS\nset -e\nollama pull bge-m3\nEOS\nENTRYPOINT [\"bb\", \"-f\", \"pull.clj\"]\n"
    )
    found = findings(text, "pull_model.Dockerfile")
    assert (found[(3, "gpt-4")].column, found[(3, "gpt-4o")].column) == (14, 22)
    assert found[(7, "bge-m3")].column == 13
    assert len(found) == 3


def test_legacy_env_form_shell_cmd_and_server_base_image() -> None:
    text = (
        "FROM vllm/vllm-openai:v0.6.3\nENV MODEL_NAME meta-llama/Llama-3.1-8B-Instruct\n"
        "CMD --model mistralai/Mistral-7B-Instruct-v0.3 --port 8000\n"
    )
    found = findings(text)
    assert found[(2, "meta-llama/Llama-3.1-8B-Instruct")].column == 16
    cmd = found[(3, "mistralai/Mistral-7B-Instruct-v0.3")]
    assert (cmd.column, cmd.api, cmd.role) == (13, "vllm", "generation")


def test_instructions_join_continuations_and_skip_comments() -> None:
    text = "FROM x\n# c\nRUN a \\\n  # inner comment\n  b\n"
    assert [(i, a) for i, a, _, _ in instructions(text)] == [("FROM", "x"), ("RUN", "a  b")]


def test_names() -> None:
    src = DockerfileSource()
    for path in ("Dockerfile", "docker/Dockerfile.gpu", "api.dockerfile", "Containerfile"):
        assert src.applies_to(path), path
    assert not src.applies_to("docs/Dockerfile.md") and not src.applies_to("dockerfile_utils.py")
