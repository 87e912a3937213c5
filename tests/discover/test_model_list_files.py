"""Plain-text model lists a start script reads line by line (``.models``, ``models.list``) and download maps whose
lines are ``name|url`` (``models_map.txt``): the model's name is the first field. Fixtures written for these
tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.polyglot import ModelListSource
from tests.discover.scan_helpers import found

_DOT_MODELS = "# pulled by start.sh\nllama3.1:8b\nqwen2.5:7b\nzorblat-chat:7b\nmistral:7b\n"
_MODELS_MAP = ("hermes3-8b|https://example.org/dl/hermes3/hermes3-8b.gguf?download=true\n"
               "llama3.2-3b|https://example.org/dl/llama/llama3.2-3b.gguf?download=true\n"
               "qwen2.5-7b|https://example.org/dl/qwen/qwen2.5-7b.gguf?download=true\n"
               "#add a model here and start.sh downloads it\n")


def test_a_dot_models_list_is_read(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/.models", _DOT_MODELS)
    assert {(2, "llama3.1:8b"), (3, "qwen2.5:7b"), (5, "mistral:7b")} <= got


def test_a_download_maps_first_field_is_the_model(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/models_map.txt", _MODELS_MAP)
    assert {(1, "hermes3-8b"), (2, "llama3.2-3b"), (3, "qwen2.5-7b")} <= got
    assert not any("example.org" in raw for _, raw in got)


def test_a_sentence_with_a_comma_is_not_split(tmp_path: Path) -> None:
    got = found(tmp_path, "docs/model_notes.txt", "Remember,pick a fast model\nQwen, Llama and Mistral work\n")
    assert got == set()


def test_list_file_names() -> None:
    source = ModelListSource()
    for path in ("scripts/.models", "deploy/models", "ollama/ollama_models.list", "cfg/model-list", "x/models.lst"):
        assert source.applies_to(path), path
    for path in ("src/model.py", "App/Model.swift", "src/models/index.ts", "config/.modelmapignore", "models.json"):
        assert not source.applies_to(path), path
