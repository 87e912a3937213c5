"""tuneD34: a model a user published to Ollama's library under their namespace, pulled as ``<user>/<model>:<tag>``
(``avr/sfr-embedding-mistral:latest``), is an Ollama tag where a model is expected; a container image or an app's
own ``<org>/<name>:<tag>`` whose name reads as no model is not. Fixture written here."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify

_ENGINE = '''\
from typing import Optional


class OllamaEmbeddingEngine:
    def __init__(
        self,
        model: Optional[str] = "avr/sfr-embedding-mistral:latest",
        dimensions: Optional[int] = 1024,
        image: str = "bitnami/redis:7.2",
    ):
        self.model = model


def coder():
    return OllamaEmbeddingEngine(model="hhao/qwen2.5-coder-tools:7b")
'''


def test_user_namespaced_ollama_model_is_found(tmp_path: Path) -> None:
    path = tmp_path / "engine.py"
    path.write_text(_ENGINE)
    found = {(f.line, f.raw): f.kind for f in modelmap.scan(str(path), resolve=False).findings}
    assert found.get((7, "avr/sfr-embedding-mistral:latest")) == "ollama-tag"
    assert found.get((15, "hhao/qwen2.5-coder-tools:7b")) == "ollama-tag"
    assert not any(raw == "bitnami/redis:7.2" for _, raw in found)


def test_shape_alone_is_not_enough() -> None:
    for value in ("user/app:latest", "acme/backend:v2", "bitnami/redis:7.2", "myorg/embedder:latest"):
        assert classify(value, "key") is None
    assert classify("avr/sfr-embedding-mistral:latest", "none") is None  # a bare literal needs a model's place
    # Docker Model Runner's ai/ namespace is read by its own rule (uris.docker_model_ref, under a model key since
    # tuneA35), not as an Ollama user; a bare literal is not read so
    from modelmap.discover.uris import docker_model_ref

    assert classify("ai/qwen3:14B-Q6_K", "key") == docker_model_ref("ai/qwen3:14B-Q6_K")
    assert classify("ai/qwen3:14B-Q6_K", "none") is None
