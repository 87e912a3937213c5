"""A model directory named after its Hub id with the ``/`` replaced (``shibing624_text2vec-base-chinese``,
``BAAI--bge-m3``) under a model key, in a Dockerfile's ENV and in config files (issue 10). The organisation
must be one the knowledge base knows; a folder that only says where models are kept is not a model."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.discover.uris import hub_id_of_dir
from modelmap.types import Finding

DOCKERFILE = """\
FROM python:3.11-slim
WORKDIR /srv/app
ENV APP_HOME=/srv/app \\
    EMBEDDING_MODEL_PATH=/srv/app/model/embedding \\
    EMBEDDING_MODEL_NAME=/srv/app/model/embedding/shibing624_text2vec-base-chinese \\
    RERANK_MODEL_DIR=/srv/app/model/rerank/BAAI--bge-reranker-base \\
    CACHE_MODEL_DIR=/srv/app/model/cache_store
COPY model/ /srv/app/model/
CMD ["python", "-m", "app"]
"""

ENV_FILE = """\
EMBEDDING_MODEL=/data/models/acme_text-encoder-v2
LLM_MODEL_PATH=/data/models/Qwen_Qwen2.5-7B-Instruct
"""


def _scan(tmp_path: Path, files: dict[str, str]) -> list[Finding]:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    assert not [s for s in result.skips if s.reason in ("source-error", "scan-error")]
    return [f for f in result.findings if f.kind != "endpoint"]


def test_hub_ids_spelled_as_folder_names() -> None:
    assert hub_id_of_dir("shibing624_text2vec-base-chinese") == "shibing624/text2vec-base-chinese"
    assert hub_id_of_dir("BAAI--bge-m3") == "BAAI/bge-m3"
    # an unknown organisation, a folder word and a bare model name are not Hub ids
    assert hub_id_of_dir("acme_text-encoder-v2") is None
    assert hub_id_of_dir("cache_store") is None
    assert hub_id_of_dir("bge-m3") is None


def test_dockerfile_env_model_directories(tmp_path: Path) -> None:
    found = {f.raw: f for f in _scan(tmp_path, {"installer/Dockerfile": DOCKERFILE})}
    model = found["/srv/app/model/embedding/shibing624_text2vec-base-chinese"]
    assert (model.kind, model.line) == ("model-file", 5)
    assert found["/srv/app/model/rerank/BAAI--bge-reranker-base"].line == 6
    assert "/srv/app/model/embedding" not in found
    assert "/srv/app/model/cache_store" not in found


def test_env_file_model_directories_need_a_known_organisation_to_name_a_hub_id(tmp_path: Path) -> None:
    """A folder named `<org>_<name>` reads as that Hub id only when the organisation is known. Since session 25 a
    local folder whose name carries a version, bound to a name that says "model" (`EMBEDDING_MODEL=`), is a model
    folder in its own right (tuneA29b's local-model-folder rule): found, but as a path, with no Hub id made up."""
    found = {f.raw: f for f in _scan(tmp_path, {".env": ENV_FILE})}
    assert "/data/models/Qwen_Qwen2.5-7B-Instruct" in found
    local = found.get("/data/models/acme_text-encoder-v2")
    assert local is not None and local.kind == "model-file"
    assert hub_id_of_dir("acme_text-encoder-v2") is None


COPY_DOCKERFILE = """\
FROM python:3.11-slim
COPY --chown=app:app ./downloads/ /opt/app/models/bge-large-zh-v1.5/
COPY ./checkpoints/model.safetensors /opt/app/weights/model.safetensors
COPY models/ /opt/app/models/
COPY ["./gguf/qwen2.5-7b-instruct-q4_k_m.gguf", "/models/"]
ADD https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q8_0.gguf /models/
ADD https://github.com/acme/app/archive/refs/tags/v1.2.tar.gz /src/
"""


def test_copy_and_add_name_model_directories_files_and_urls(tmp_path: Path) -> None:
    found = {(f.raw, f.line) for f in _scan(tmp_path, {"Dockerfile": COPY_DOCKERFILE})}
    assert ("/opt/app/models/bge-large-zh-v1.5/", 2) in found
    assert ("./gguf/qwen2.5-7b-instruct-q4_k_m.gguf", 5) in found
    assert ("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q8_0.gguf",
            6) in found
    # folders that only hold models, a weight file named for no model, and an archive of source code are not
    raws = {raw for raw, _ in found}
    assert not raws & {"/opt/app/models/", "models/", "/opt/app/weights/model.safetensors",
                       "./checkpoints/model.safetensors", "/src/", "./downloads/"}
    assert not any("github.com" in raw for raw in raws)
