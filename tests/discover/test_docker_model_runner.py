"""Docker Model Runner: a compose file's top-level ``models:`` element, ``docker model pull|run`` in scripts and
Makefiles (recipes and make variables)."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.compose import ComposeSource
from modelmap.discover.shell import ShellSource, is_makefile
from modelmap.discover.uris import docker_model_ref
from modelmap.types import Finding

COMPOSE = """\
services:
  agent:
    build:
      context: .
    environment:
      - MCP_ENDPOINT=http://mcp-gateway:8811/sse
    models:
      qwen3-small:
        endpoint_var: MODEL_RUNNER_URL
        model_var: MODEL_RUNNER_MODEL
  worker:
    image: python:3.12-slim
    models:
      - gemma3
models:
  qwen3-small:
    model: ai/qwen3:8B-Q4_0
    context_size: 15000
    runtime_flags:
      - "--no-prefill-assistant"
  gemma3:
    # pre-pulled when the stack starts
    model: ai/gemma3-qat:27B-Q4_K_M
  gguf:
    model: hf.co/unsloth/Qwen3-4B-GGUF:Q4_K_M
  placeholder:
    model: ai/model
"""


def scan(source: ComposeSource | ShellSource, path: str, text: str) -> list[Finding]:
    return [f for f in source.scan(SourceFile(path, text, "config")) if isinstance(f, Finding)]


def test_top_level_models_element_names_the_served_models() -> None:
    found = {(f.line, f.column, f.raw): f for f in scan(ComposeSource(), "compose.yaml", COMPOSE)}
    assert set(found) == {(17, 12, "ai/qwen3:8B-Q4_0"), (23, 12, "ai/gemma3-qat:27B-Q4_K_M"),
                          (25, 12, "hf.co/unsloth/Qwen3-4B-GGUF:Q4_K_M")}
    f = found[(17, 12, "ai/qwen3:8B-Q4_0")]
    assert (f.source, f.provider, f.api, f.kind) == ("compose-model", "local-inference", "docker-model-runner",
                                                     "ollama-tag")
    assert f.evidence is not None and "shape:docker-model-reference" in f.evidence
    assert found[(25, 12, "hf.co/unsloth/Qwen3-4B-GGUF:Q4_K_M")].kind == "hf-repo"


def test_entry_names_and_service_model_lists_are_not_models() -> None:
    raws = {f.raw for f in scan(ComposeSource(), "compose.yaml", COMPOSE)}
    assert not raws & {"qwen3-small", "gemma3", "gguf", "ai/model", "MODEL_RUNNER_MODEL"}


def test_reference_shapes() -> None:
    assert docker_model_ref("ai/smollm2") is not None
    assert docker_model_ref("docker.io/ai/llama3.2:1B-Q8_0") is not None
    assert docker_model_ref("unsloth/qwen3-gguf:4B-UD-Q4_K_XL") is not None
    # outside a compose `models:` entry the name must look like a model: an app image is not one
    assert docker_model_ref("acme/webapp:1.0") is None
    assert docker_model_ref("acme/webapp:1.0", declared=True) is not None
    assert docker_model_ref("redis:7", declared=True) is None
    assert docker_model_ref("ai/" + "x" * 400) is None


def test_docker_model_pull_and_run_in_scripts() -> None:
    text = "#!/bin/sh\ndocker model pull ai/qwen3:14B-Q6_K\ndocker model run ai/smollm2 \"hi\"\ndocker model run --help\n"
    found = {(f.line, f.raw, f.api) for f in scan(ShellSource(), "pull.sh", text)}
    assert found == {(2, "ai/qwen3:14B-Q6_K", "docker-model-runner"), (3, "ai/smollm2", "docker-model-runner")}


MAKEFILE = """\
MODEL ?= qwen2.5:7b
export EMBED_MODEL := bge-m3
PORT = 8080
# ollama pull llama3 (a comment)
.PHONY: pull
pull:
\t@docker model pull ai/qwen3:14B-Q6_K
\t-ollama pull $(MODEL)
\tvllm serve Qwen/Qwen2.5-7B-Instruct \\
\t  --port $(PORT)
"""


def test_makefile_recipes_and_variables() -> None:
    assert is_makefile("Makefile") and is_makefile("ops/GNUmakefile") and is_makefile("build/rules.mk")
    assert not is_makefile("makefile.py") and ShellSource().applies_to("deploy/Makefile")
    found = {(f.line, f.column, f.raw) for f in scan(ShellSource(), "Makefile", MAKEFILE)}
    assert found == {(1, 10, "qwen2.5:7b"), (2, 23, "bge-m3"), (7, 21, "ai/qwen3:14B-Q6_K"),
                     (9, 13, "Qwen/Qwen2.5-7B-Instruct")}


def test_makefile_hostile_lines_are_bounded() -> None:
    # 20,000 variables and one 1 MB recipe line: read once each, no error
    text = "".join(f"V{i} ?= value{i}\n" for i in range(20_000)) + "x:\n\techo " + "a" * 1_000_000 + "\n"
    out = list(ShellSource().scan(SourceFile("Makefile", text, "config")))
    assert all(not isinstance(f, Finding) for f in out)
