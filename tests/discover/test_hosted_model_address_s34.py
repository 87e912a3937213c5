"""Session 34 (tuneA34): a hosted model's own address (NVIDIA API Catalog) names the model it calls."""

from __future__ import annotations

from pathlib import Path

import modelmap


def _raws(tmp_path: Path, files: dict[str, str]) -> set[tuple[str, int, str]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return {(f.path, f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings
            if f.kind != "endpoint"}


def test_hosted_model_address_names_its_model(tmp_path: Path) -> None:
    env = (
        "export APP_EMBEDDINGS_SERVERURL=https://integrate.api.nvidia.com/v1\n"
        "export OCR_HTTP_ENDPOINT=https://ai.api.nvidia.com/v1/cv/nvidia/nemotron-ocr-v1\n"
        "export APP_RANKING_SERVERURL=https://ai.api.nvidia.com/v1/retrieval/nvidia/llama-nemotron-rerank-1b-v2/reranking\n"
        "export YOLOX_HTTP_ENDPOINT=http://page-elements:8000/v1/infer\n"
        "export DOCS_URL=https://ai.api.nvidia.com/v1/cv/your-org/your-model\n"
        "export RERANK_URL=https://ai.api.nvidia.com/v1/retrieval/nvidia/reranking\n"
    )
    found = _raws(tmp_path, {"deploy/cloud.env": env})
    path = "deploy/cloud.env"
    assert (path, 2, "nvidia/nemotron-ocr-v1") in found
    assert (path, 3, "nvidia/llama-nemotron-rerank-1b-v2") in found
    # the shared base, a local service's address, a placeholder and the shared reranking operation name no model
    assert not {f for f in found if f[1] in (1, 4, 5, 6)}
