"""Held-out-36 general fixes (tuneA42), smaller ones: a generic weight file (`mmproj.gguf`, `model.safetensors`) in a
folder that only says weights are kept there (`/models/`) names no model. Fixtures written here."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CS = """public class ArgsTests
{
    [Fact]
    public void KeepsTheVisionProjector()
    {
        var args = Build("-ngl 0", mmprojPath: "/models/mmproj.gguf");
        var other = Build("-ngl 0", mmprojPath: "/models/mmproj-qwen2-vl-7b-f16.gguf");
        var m = Load(modelPath: "/models/qwen2.5-7b-instruct-q4_k_m.gguf");
        var w = Load(modelPath: "./weights/model.safetensors");
    }
}
"""


def test_generic_weight_file_in_a_store_folder_is_none(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/ArgsTests.cs", _CS)
    assert (7, "/models/mmproj-qwen2-vl-7b-f16.gguf") in got
    assert (8, "/models/qwen2.5-7b-instruct-q4_k_m.gguf") in got
    assert not {line for line, _ in got if line in (6, 9)}


_GO_DEMO = """package demo

import "github.com/sashabaranov/go-openai"

func reply() openai.ChatCompletionResponse {
	return openai.ChatCompletionResponse{
		ID:    "chatcmpl-demo",
		Model: "acme-panel-demo",
	}
}

func real() openai.ChatCompletionRequest {
	return openai.ChatCompletionRequest{Model: "acme-coder-7b"}
}
"""


def test_demo_servers_own_model_name_is_none(tmp_path: Path) -> None:
    got = found(tmp_path, "internal/demo/llm.go", _GO_DEMO)
    assert (8, "acme-panel-demo") not in got
    # the weakest evidence still reads another unknown name bound to a model
    assert (13, "acme-coder-7b") in got
