"""Session 7 recall shapes (issue 10), read off the opened held-out-4 misses and written here as our own
fixtures: model tables of (label, id) rows in Python, split across a dict's lists; the retired GPT-3 era names
in a Go constants block; local model folders under a variable."""

from __future__ import annotations

from pathlib import Path

import modelmap

CATALOG = '''
ModelOption = tuple[str, str]

_ACME_MODELS: dict[str, list[ModelOption]] = {
    "quick": [
        ("GLM-5-Turbo - fast", "glm-5-turbo"),
        ("GLM-4.7 - previous flagship", "glm-4.7"),
        ("GLM-4.5-Air - light", "glm-4.5-air"),
        ("Custom model ID", "custom"),
    ],
    "deep": [
        ("GLM-5.1 - large", "glm-5.1"),
        ("GLM-5 - flagship", "glm-5"),
        ("GLM-4.7 - previous flagship", "glm-4.7"),
    ],
}

COLORS = [("red", "#f00"), ("green", "#0f0"), ("blue", "#00f"), ("dark-blue", "#008")]
'''

CONSTS = '''package openai

const (
\tGPT3TextDavinci003 = "text-davinci-003"
\tGPT3TextCurie001   = "text-curie-001"
\tGPT3CodeCushman001 = "code-cushman-001"
)

const (
\tAdaSimilarity     EmbeddingModel = "text-similarity-ada-001"
\tBabbageSearchDoc  EmbeddingModel = "text-search-babbage-doc-001"
\tAdaCodeSearchCode EmbeddingModel = "code-search-ada-code-001"
)
'''


def test_rows_of_label_and_id_are_one_table_per_column(tmp_path: Path) -> None:
    (tmp_path / "catalog.py").write_text(CATALOG)
    got = {f.raw for f in modelmap.scan(tmp_path).findings}
    # the new names sit among recognised ones in the id column of rows split over the dict's lists
    assert {"glm-5-turbo", "glm-4.7", "glm-5.1"} <= got
    # labels, the "custom" choice and a colour table are not models
    assert not got & {"custom", "Custom model ID", "GLM-5 - flagship", "dark-blue", "#008", "red"}


def test_retired_gpt3_names_are_openai_models(tmp_path: Path) -> None:
    (tmp_path / "models.go").write_text(CONSTS)
    found = {f.raw: f for f in modelmap.scan(tmp_path).findings}
    for name in ("text-davinci-003", "text-curie-001", "code-cushman-001", "text-similarity-ada-001",
                 "text-search-babbage-doc-001", "code-search-ada-code-001"):
        assert name in found, name
    assert found["text-similarity-ada-001"].role == "embedding"
    record = modelmap.trace("code-search-ada-code-001")
    assert record.publisher is not None and record.publisher["country"] == "US"


OLLAMA_TS = '''export class Ollama extends Base {
    async listModels(): Promise<IModel[]> {
        return [
            { id: 'llama3.2', name: 'Llama 3.2' },
            { id: 'mistral', name: 'Mistral' },
            { id: 'phi', name: 'Phi-2' },
            { id: 'vicuna', name: 'Vicuna' },
            { id: 'qwen2.5:7b', name: 'Qwen 2.5 7B' },
        ]
    }
}
'''

OTHER_TS = '''export class Palette {
    list() {
        return [{ id: 'mistral', name: 'Wind' }, { id: 'phi', name: 'Golden' }, { id: 'vicuna', name: 'Wool' },
                { id: 'llava', name: 'Rock' }]
    }
}
'''


def test_ollama_library_names_in_ollamas_own_table(tmp_path: Path) -> None:
    (tmp_path / "engines").mkdir()
    (tmp_path / "engines" / "ollama.ts").write_text(OLLAMA_TS)
    (tmp_path / "engines" / "palette.ts").write_text(OTHER_TS)
    found = {(f.path, f.raw): f for f in modelmap.scan(tmp_path).findings}
    for name in ("llama3.2", "mistral", "phi", "vicuna", "qwen2.5:7b"):
        assert ("engines/ollama.ts", name) in found, name
        assert found[("engines/ollama.ts", name)].kind == "ollama-tag"
    # the same words outside Ollama's code are not models
    assert not [key for key in found if key[0] == "engines/palette.ts"]


def test_hugging_face_router_suffix_names_the_hub_repo(tmp_path: Path) -> None:
    """``org/name:provider`` (Hugging Face Inference Providers) is the Hub repo, served through the router; an
    unknown suffix or an unknown repo stays out."""
    (tmp_path / "models.rs").write_text(
        'pub const A: &str = "deepseek-ai/DeepSeek-V4-Pro:novita";\n'
        'pub const B: &str = "Qwen/Qwen2.5-7B-Instruct:fastest";\n'
        'pub const C: &str = "acme/thing:novita";\n')
    found = {f.raw: f for f in modelmap.scan(tmp_path).findings}
    assert found["deepseek-ai/DeepSeek-V4-Pro:novita"].kind == "hf-repo"
    assert found["Qwen/Qwen2.5-7B-Instruct:fastest"].kind == "hf-repo"
    assert "acme/thing:novita" not in found
    # the suffix names who serves it (a provider the router forwards to, since 23ce5e8); a routing policy such as
    # :fastest names no provider, so the router itself is the server
    record = modelmap.trace("Qwen/Qwen2.5-7B-Instruct:together")
    assert record.model is not None and record.model["id"] == "qwen/qwen2.5-7b-instruct"
    assert record.served_by is not None and record.served_by["id"] == "together-ai"
    record = modelmap.trace("Qwen/Qwen2.5-7B-Instruct:fastest")
    assert record.model is not None and record.model["id"] == "qwen/qwen2.5-7b-instruct"
    assert record.served_by is not None and record.served_by["id"] == "huggingface-inference"


TRAIN_SH = """#!/usr/bin/env bash
CHECKPOINT="OpenGVLab/InternVL3-8B"
DATASET="acme/some-dataset"
torchrun --nproc_per_node=8 internvl/train/pretrain.py \\
  --vision_path "./pretrained/InternViT-300M-448px-V2_5" \\
  --llm_path "./pretrained/Qwen2.5-0.5B-Instruct" \\
  --meta_path "./shell/data/meta.json" \\
  --output_dir "work_dirs/run1"
"""

COMPOSE = """services:
  app:
    image: acme/app:latest
    environment:
      LLM_MODEL: 'gpt-4o-mini'
      AVAIL_LLM_MODELS: '["gpt-4o-mini", "qwen-max", "deepseek-chat"]'
      THEME: '["dark", "light"]'
"""


def test_trainer_part_flags_known_repos_in_any_variable_and_json_lists_in_env(tmp_path: Path) -> None:
    (tmp_path / "train.sh").write_text(TRAIN_SH)
    (tmp_path / "docker-compose.yml").write_text(COMPOSE)
    got = {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path).findings if f.kind != "endpoint"}
    assert ("train.sh", 2, "OpenGVLab/InternVL3-8B") in got  # a Hub repo the knowledge base knows
    assert ("train.sh", 6, "./pretrained/Qwen2.5-0.5B-Instruct") in got  # --llm_path: the language model
    raws = {raw for _p, _l, raw in got}
    assert not raws & {"acme/some-dataset", "./shell/data/meta.json", "work_dirs/run1"}
    for name in ("gpt-4o-mini", "qwen-max", "deepseek-chat"):
        assert ("docker-compose.yml", 6, name) in got, name
    assert not raws & {"dark", "light", '["dark", "light"]'}


def test_test_doubles_names_are_not_models(tmp_path: Path) -> None:
    (tmp_path / "chat_test.go").write_text(
        'package chat\n\nfunc TestModels(t *testing.T) {\n'
        '\tcfg := Config{Models: []string{"test-model-1", "model-a", "gpt-4o-mini"}}\n'
        '\tother := Config{Model: "fake_model"}\n}\n')
    got = {f.raw for f in modelmap.scan(tmp_path).findings}
    assert "gpt-4o-mini" in got
    assert not got & {"test-model-1", "model-a", "fake_model"}
