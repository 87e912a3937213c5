"""An Ollama operator's ``kind: Model`` resource names an Ollama library model in ``spec.image`` (open21a)."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.kubernetes import KubernetesSource
from modelmap.types import Finding


def _found(text: str) -> dict[tuple[int, str], Finding]:
    out = KubernetesSource().scan(SourceFile("deploy/models.yaml", text, "config"))
    return {(f.line, f.raw): f for f in out if isinstance(f, Finding)}


def test_bare_library_names_under_an_ollama_model_resource() -> None:
    text = (
        "apiVersion: ollama.example.io/v1\nkind: Model\nmetadata:\n  name: tiny\nspec:\n  image: phi\n"
        "---\n"
        "apiVersion: ollama.example.io/v1\nkind: Model\nmetadata:\n  name: coder\nspec:\n"
        "  image: deepseek-r1\n  storageClassName: local-path\n"
    )
    found = _found(text)
    phi = found[(6, "phi")]
    assert (phi.column, phi.kind, phi.provider) == (10, "ollama-tag", "ollama")
    assert found[(13, "deepseek-r1")].kind == "ollama-tag"


def test_container_image_of_other_model_resources_is_not_an_ollama_name() -> None:
    # the same field under a group that is not Ollama's, or a Deployment's container image, is a container image
    text = (
        "apiVersion: serving.example.io/v1\nkind: Model\nmetadata:\n  name: tiny\nspec:\n  image: phi\n"
        "---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ollama\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: ollama\n          image: ollama/ollama\n"
    )
    assert not any(raw in ("phi", "ollama/ollama") for _, raw in _found(text))
