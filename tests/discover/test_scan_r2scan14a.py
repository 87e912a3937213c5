"""r2scan14a (issue 10): false positives of a freshly scored set, by idiom.

* The file names an ONNX export gives every model (Optimum's ``model_optimized.onnx`` / ``model_quantized.onnx``,
  Transformers.js v3's one file per dtype ``onnx/model_q4.onnx``, ``decoder_model_merged_fp16.onnx``), their
  external-data files (``onnx/model.onnx_data``) and a tensor's own external-data file in the ``onnx/`` folder
  (``onnx/Constant_7_attr__value``) name a file of whichever repository is fetched, not a model, when written inside
  code; the repository id beside them is the model. A weight file named for its model (``bge-m3-int8.onnx``,
  ``whisper-small.onnx_data``) still is one.

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

_RUST_CATALOGUE = '''\
pub fn models_list() -> Vec<ModelInfo<Embed>> {
    vec![
        ModelInfo {
            model: Embed::SmallEnQ,
            model_code: String::from("Qdrant/bge-small-en-v1.5-onnx-Q"),
            model_file: String::from("model_optimized.onnx"),
            additional_files: Vec::new(),
        },
        ModelInfo {
            model: Embed::MiniLmQ,
            model_code: String::from("Xenova/all-MiniLM-L12-v2"),
            model_file: String::from("onnx/model_quantized.onnx"),
            additional_files: Vec::new(),
        },
        ModelInfo {
            model: Embed::M3,
            model_code: String::from("BAAI/bge-m3"),
            model_file: String::from("onnx/model.onnx"),
            additional_files: vec![
                "onnx/model.onnx_data".to_string(),
                "onnx/Constant_7_attr__value".to_string(),
            ],
        },
        ModelInfo {
            model: Embed::Gemma300Q4,
            model_code: String::from("onnx-community/embeddinggemma-300m-ONNX"),
            model_file: String::from("onnx/model_q4.onnx"),
            additional_files: vec!["onnx/model_q4.onnx_data".to_string()],
        },
        ModelInfo {
            model: Embed::Local,
            model_code: String::from("local/bge-m3-int8"),
            model_file: String::from("weights/bge-m3-int8.onnx"),
            additional_files: Vec::new(),
        },
    ]
}
'''


def test_onnx_export_file_names_in_a_rust_catalogue_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "src/models/catalogue.rs", _RUST_CATALOGUE)
    raws = {raw for _, raw in got}
    assert {"Xenova/all-MiniLM-L12-v2", "BAAI/bge-m3"} <= raws
    assert (33, "weights/bge-m3-int8.onnx") in got  # a weight file named for its model is still one
    generic = {"model_optimized.onnx", "onnx/model_quantized.onnx", "onnx/model.onnx", "onnx/model.onnx_data",
               "onnx/Constant_7_attr__value", "onnx/model_q4.onnx", "onnx/model_q4.onnx_data"}
    assert not raws & generic


@pytest.mark.parametrize("value", [
    "model_quantized.onnx", "model_optimized.onnx", "onnx/model_fp16.onnx", "onnx/model_int8.onnx",
    "onnx/model_uint8.onnx", "onnx/model_bnb4.onnx", "onnx/model_q4f16.onnx", "onnx/decoder_model_merged_q4.onnx",
    "onnx/encoder_model.onnx", "onnx/decoder_with_past_model_fp16.onnx", "model.onnx_data", "onnx/model.onnx_data_1",
    "onnx/model_quantized.onnx_data", "onnx/Constant_7_attr__value",
])
@pytest.mark.parametrize("hint", ["none", "key", "hf", "api"])
def test_generic_export_names_name_no_model(value: str, hint: str) -> None:
    assert classify(value, hint) is None


@pytest.mark.parametrize(("value", "hint"), [
    ("whisper-small.onnx_data", "none"), ("bge-m3-int8.onnx", "none"), ("model_last.pth", "none"),
    ("checkpoints/table/wired_model.pt", "none"), ("rerank.onnx", "key"), ("model_quantized.onnx", "path"),
    ("onnx/bge-small-zh-v1.5", "key"), ("OpenVINO/Phi-3-mini-4k-instruct-int4-ov", "key"),
])
def test_named_weight_files_and_repos_stay_models(value: str, hint: str) -> None:
    assert classify(value, hint) is not None


def test_hostile_export_like_names_are_bounded() -> None:
    # long runs of the new suffix and extension shapes: a plain answer, no catastrophic backtracking
    for value in ("model" + "_q4" * 5_000 + ".onnx_data", "onnx/" + "Constant_7_attr__value" * 500,
                  "decoder_model_merged" * 1_000 + ".onnx", "a/" * 3_000 + "model.onnx_data_1"):
        assert classify(value, "key") is None


# Python: lists whose items are tested as fragments of a model's name
_PY_MATCHING = '''\
def thinking_config(model_name: str):
    if any(model_name.startswith(p) for p in ("gemini-9-", "gemini-9.")):
        return "level"
    return "budget"


def reasoning(payload: dict) -> bool:
    model = payload.get("model", "").lower()
    _acme_v9_markers = ("deepseek-v4-pro", "deepseek-v4")
    return any(marker in model for marker in _acme_v9_markers)


def tile_tokens(model_name: str) -> int:
    if any(
        model_name.startswith(_)
        for _ in [
            "gpt-4o",
            "o4-mini",
        ]
    ):
        return 85
    return 75


def served(available_models: list[str]) -> list[str]:
    return [m for m in ("qwen-plus", "qwen-max") if m in available_models]
'''


def test_python_prefix_and_substring_lists_keep_full_names_only(tmp_path: Path) -> None:
    got = found(tmp_path, "app/providers/gemini.py", _PY_MATCHING)
    raws = {raw for _, raw in got}
    assert not raws & {"gemini-9-", "gemini-9.", "deepseek-v4"}  # fragments and a family word
    # complete, recognised names in such a list are models (corpus.md); a membership filter is no fragment test
    assert {(9, "deepseek-v4-pro"), (17, "gpt-4o"), (18, "o4-mini"), (26, "qwen-plus"), (26, "qwen-max")} <= got


def test_python_fragment_test_walk_is_bounded(tmp_path: Path) -> None:
    # a comprehension condition of 5,000 or-ed tests: read within its bound, the list's model still found
    cond = " or ".join(f"x{i} in name" for i in range(5_000))
    text = f'NAMES = [p for p in ("gpt-4o", "o3") if {cond}]\n'
    assert (1, "gpt-4o") in found(tmp_path, "big.py", text)


@pytest.mark.parametrize("value", ["openai-chat", "azure-openai", "ollama-embedding", "vllm-chat", "azure_openai_chat"])
@pytest.mark.parametrize("hint", ["none", "key", "api"])
def test_a_provider_and_a_role_word_name_a_backend(value: str, hint: str) -> None:
    assert classify(value, hint) is None


@pytest.mark.parametrize("value", ["deepseek-chat", "mistral-large", "gpt-4o-mini", "qwen-plus"])
def test_a_family_that_is_also_a_provider_is_still_a_model(value: str) -> None:
    assert classify(value, "key") is not None


def test_an_llm_engine_setting_naming_a_backend_is_not_a_model(tmp_path: Path) -> None:
    text = ('import os\n\nllm_engine = os.environ.get("LLM_ENGINE", "openai-chat")\n'
            'model_id = os.environ.get("MODEL_ID", "google/gemma-2-9b-it")\n')
    assert found(tmp_path, "gradio/app.py", text) == {(4, "google/gemma-2-9b-it")}
    manifest = ('env:\n- name: LLM_ENGINE\n  value: "openai-chat"\n- name: MODEL_ID\n  value: "google/gemma-2-9b-it"\n')
    assert found(tmp_path, "k8s/gradio.yaml", manifest) >= {(5, "google/gemma-2-9b-it")}
    assert not {raw for _, raw in found(tmp_path, "k8s/gradio.yaml", manifest)} & {"openai-chat"}


def test_provider_role_names_are_bounded() -> None:
    assert classify("openai-" * 30_000 + "chat", "key") is None
    assert classify("-".join(["azure", "chat"] * 20), "key") is None


# a router's own pick among a model table's recognised ids
_TS_TABLE = '''\
export const models = new Map<string, string[]>([
    [services.openrouter, ["openrouter/auto", "openai/gpt-4o-mini", "anthropic/claude-3.5-haiku", "deepseek/deepseek-chat",
        "qwen/qwen-2.5-72b-instruct", "acme-labs/acme-chat-9b"]],
]);
'''


def test_a_routers_auto_pick_in_a_model_table_is_not_a_model(tmp_path: Path) -> None:
    raws = {raw for _, raw in found(tmp_path, "entrypoints/utils/option.ts", _TS_TABLE)}
    assert "openrouter/auto" not in raws
    assert {"openai/gpt-4o-mini", "deepseek/deepseek-chat"} <= raws


# Go: one name tested against many fragments
_GO_FRAGMENTS = '''\
package main

import (
	"strings"

	xstrings "github.com/charmbracelet/x/exp/strings"
)

func isReasoningModel(modelID string) bool {
	return xstrings.ContainsAnyOf(strings.ToLower(modelID), "-thinking", "gpt-oss", "gemma-4", "deepseek")
}

func contextWindow(modelID string) int64 {
	if strings.Contains(modelID, "gpt-oss") {
		return 131_072
	}
	if strings.Contains(modelID, "gpt-4o-mini") {
		return 128_000
	}
	return 32_768
}
'''


def test_go_fragment_checks_drop_family_words_keep_full_ids(tmp_path: Path) -> None:
    got = found(tmp_path, "cmd/ionet/main.go", _GO_FRAGMENTS)
    raws = {raw for _, raw in got}
    assert not raws & {"gpt-oss", "gemma-4", "deepseek", "-thinking"}
    assert (17, "gpt-4o-mini") in got  # contains() of a full known id is still a model


def test_family_prefix_is_a_bounded_lookup() -> None:
    from modelmap.discover.classifier import family_prefix

    assert family_prefix("gpt-oss") and family_prefix("gemma-4")
    assert not family_prefix("gpt-4o-mini") and not family_prefix("kimi-k2.5") and not family_prefix("")
    assert not family_prefix("z" * 100_000)
