"""Ollama model store: ``manifests/<registry>/<namespace>/<name>/<tag>`` JSON → ``blobs/sha256-<hex>``.

The manifest is an OCI-style JSON document whose layers carry media types; the one with
``application/vnd.ollama.image.model`` is a GGUF file, read here with the bounded GGUF header reader.
The license, template and params layers are small text/JSON blobs read with size limits. There is no
library for this layout, hence a short hand-written reader.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from modelmap.artifacts.base import (
    DEFAULT_LIMITS,
    ArtifactInfo,
    Limits,
    fail,
    parse_json_bounded,
    read_bounded,
)
from modelmap.artifacts.gguf import GGUFReader

MODEL_MEDIA = "application/vnd.ollama.image.model"
_DIGEST = re.compile(r"^sha256[:-]([0-9a-f]{64})$")
_SMALL_LAYERS = {
    "application/vnd.ollama.image.license": "license",
    "application/vnd.ollama.image.params": "params",
    "application/vnd.ollama.image.template": "template",
    "application/vnd.ollama.image.system": "system",
}


def find_store(path: Path) -> Path | None:
    """The store root (the folder holding ``manifests/`` and ``blobs/``) for a path inside it, or None."""
    for cand in (path, *path.parents):
        if (cand / "manifests").is_dir() and (cand / "blobs").is_dir():
            return cand
    return None


def list_manifests(store: Path, limit: int = 10_000) -> list[Path]:
    out = [p for p in sorted((store / "manifests").rglob("*")) if p.is_file()]
    return out[:limit]


def manifest_name(store: Path, manifest: Path) -> str:
    parts = manifest.relative_to(store / "manifests").parts
    # registry.ollama.ai/library/<name>/<tag> → <name>:<tag>; other namespaces keep theirs
    if len(parts) >= 4:
        ns = "" if parts[-3] == "library" else parts[-3] + "/"
        return f"{ns}{parts[-2]}:{parts[-1]}"
    return "/".join(parts)


class OllamaReader:
    id = "ollama"
    description = "Ollama store manifest: the model layer's GGUF header plus license/params layers"

    def sniff(self, head: bytes) -> bool:
        return head.lstrip()[:1] == b"{" and b"schemaVersion" in head

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        store = find_store(path)
        if store is None:
            raise fail(path, "not inside an Ollama store (no manifests/ and blobs/ folders above it)")
        doc = parse_json_bounded(path, read_bounded(path, 1024 * 1024, "manifest size"), limits, "manifest")
        layers = doc.get("layers") if isinstance(doc, dict) else None
        if not isinstance(layers, list):
            raise fail(path, "manifest has no layers list")
        small: dict[str, Any] = {}
        model_blob: Path | None = None
        for layer in layers[:64]:
            if not isinstance(layer, dict):
                continue
            m = _DIGEST.match(str(layer.get("digest", "")))
            if not m:
                continue
            blob = store / "blobs" / f"sha256-{m.group(1)}"
            media = layer.get("mediaType")
            if media == MODEL_MEDIA:
                model_blob = blob
            elif media in _SMALL_LAYERS and blob.is_file():
                try:
                    small[_SMALL_LAYERS[media]] = read_bounded(blob, 256 * 1024, "layer size").decode(
                        "utf-8", errors="replace")
                except Exception as exc:  # a missing/oversized small layer is reported, never fatal
                    small[_SMALL_LAYERS[media]] = f"<unreadable: {exc}>"
        if model_blob is None:
            raise fail(path, f"manifest has no {MODEL_MEDIA} layer")
        if not model_blob.is_file():
            raise fail(path, f"model blob {model_blob.name} is missing from {store / 'blobs'}")
        info = GGUFReader().read(model_blob, limits)
        info.format = "ollama"
        info.metadata["ollama.name"] = manifest_name(store, path)
        info.metadata["ollama.blob"] = model_blob.name
        for key, value in small.items():
            info.metadata[f"ollama.{key}"] = value[:4096]
        return info
