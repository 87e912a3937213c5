"""Scan shapes grouped from the opened splits' misses and false positives in the language analysers (scanfix13b,
issue 10), written here as our own fixtures (no corpus code)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify


def _found(tmp_path: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}


JAVA_VERTEX_ENUM = '''package acme.vertex;

public enum AcmeVertexEmbeddingModelName {

    TEXT_EMBEDDING_005("text-embedding-005", 768),
    GECKO_MULTI_001("textembedding-gecko-multilingual@001", 768),
    GECKO_002("textembedding-gecko@002", 768),
    GECKO_003("textembedding-gecko@003", 768);

    private final String id;
    private final Integer dimension;

    AcmeVertexEmbeddingModelName(String id, Integer dimension) {
        this.id = id;
        this.dimension = dimension;
    }
}
'''

JAVA_VERTEX_BUILDER = '''class Embed {
    void f() {
        var m = VertexAiEmbeddingModel.builder().project("p").modelName("textembedding-gecko@001").build();
        String contact = "ops@001";
        String pkg = "left-pad@1.3.0";
    }
}
'''


def test_vertex_version_pins_are_models_where_a_model_is_expected(tmp_path: Path) -> None:
    (tmp_path / "AcmeVertexEmbeddingModelName.java").write_text(JAVA_VERTEX_ENUM)
    (tmp_path / "Embed.java").write_text(JAVA_VERTEX_BUILDER)
    found = _found(tmp_path)
    for line, raw in ((6, "textembedding-gecko-multilingual@001"), (7, "textembedding-gecko@002"),
                      (8, "textembedding-gecko@003")):
        assert ("AcmeVertexEmbeddingModelName.java", line, raw) in found
    assert ("Embed.java", 3, "textembedding-gecko@001") in found
    assert not {raw for path, _, raw in found if path == "Embed.java"} & {"ops@001", "left-pad@1.3.0"}


def test_vertex_version_pin_rule() -> None:
    assert classify("textembedding-gecko@003", "key") is not None
    assert classify("textembedding-gecko@003", "none") is None  # a bare literal: the name is not known
    known = classify("gemini-1.0-pro@001", "none")
    assert known is not None and known.kind == "api-model"
    assert classify("ops@001", "key") is None  # one word before the pin
    assert classify("left-pad@1.3.0", "key") is None  # a package version, not a Vertex pin
    assert classify("user@example.com", "key") is None



# --- a local model folder with a generic name, where a loader or a model setting takes it ---

PY_GENERIC_DIRS = '''from dataclasses import dataclass, field

from langchain_community.embeddings import HuggingFaceEmbeddings
from transformers import AutoModel, TrainingArguments

embeddings = HuggingFaceEmbeddings(model_name="/root/autodl-tmp/embedding_model")
st = HuggingFaceEmbeddings(model_name="/root/autodl-tmp/sentence-transformer")
llm = AutoModel.from_pretrained("/data/weights/model")


@dataclass
class FinetuneArguments:
    model_path: str = field(default="../../dataset/model")
    lora_rank: int = field(default=8)


args = TrainingArguments(output_dir="./output/qwen2_5_7b_lora")
scratch = AutoModel.from_pretrained("./model")
shared = HuggingFaceEmbeddings(model_name="/tmp/model")
several = HuggingFaceEmbeddings(model_name="/mnt/models")
kind = HuggingFaceEmbeddings(model_name="/opt/app/model/embedding")
'''


def test_generic_local_model_folders_where_a_loader_takes_them(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(PY_GENERIC_DIRS)
    found = {(line, raw) for _, line, raw in _found(tmp_path)}
    assert {(6, "/root/autodl-tmp/embedding_model"), (7, "/root/autodl-tmp/sentence-transformer"),
            (8, "/data/weights/model"), (13, "../../dataset/model")} <= found
    raws = {raw for _, raw in found}
    # a training run's output folder, a folder with no named parent or under scratch space, a folder of several
    # models, a kind of model
    assert not raws & {"./output/qwen2_5_7b_lora", "./model", "/tmp/model", "/mnt/models", "/opt/app/model/embedding"}


def test_generic_model_folder_rule() -> None:
    assert classify("/root/autodl-tmp/model", "hf") is not None
    assert classify("/root/autodl-tmp/model", "none") is None
    assert classify("/root/autodl-tmp/embedding_model", "key") is not None
    assert classify("./output/model", "hf") is None
    assert classify("/root/autodl-tmp/models", "hf") is None

