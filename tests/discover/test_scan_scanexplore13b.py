"""Regression tests for idioms found by scanexplore13b on real code nobody here labelled (session 13).

Fixtures are written for these tests (Semantic Kernel-style C# service registration, a Kotlin client, a LocalAI-style
model gallery larger than the YAML parse limit); no outside code is copied.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CS_SERVICES = """\
using Microsoft.SemanticKernel;

public static class Setup
{
    private const string ServiceKeyGood = "chat-good";
    private const string ServiceKeyBad = "chat-bad";

    public static Kernel Build(string apiKey)
    {
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion("gpt-4o-mini", apiKey, serviceId: "chat-fast");
        builder.AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: apiKey, serviceId: ServiceKeyGood);
        builder.AddOpenAIChatCompletion("o4-mini", "bad-key", serviceId: ServiceKeyBad);
        builder.AddAzureOpenAIChatCompletion(deploymentName: "gpt-4o-prod", endpoint: "https://x.openai.azure.com/",
            apiKey: apiKey, serviceId: "azure-main");
        return builder.Build();
    }
}
"""


def test_named_argument_of_an_sdk_call_that_is_not_the_model(tmp_path: Path) -> None:
    # serviceId: names the registration (a key to pick it by), not the model the call registers
    got = found(tmp_path, "Setup.cs", _CS_SERVICES)
    raws = {raw for _, raw in got}
    assert {"gpt-4o-mini", "gpt-4o", "o4-mini", "gpt-4o-prod"} <= raws
    assert not raws & {"chat-good", "chat-bad", "chat-fast", "azure-main"}


_KT_CLIENT = """\
package com.example.ai

import com.google.ai.client.generativeai.GenerativeModel

class Assistant(key: String) {
    private val flash = GenerativeModel("gemini-1.5-flash", apiKey = key)
    private val pro = GenerativeModel(modelName = "gemini-1.5-pro", apiKey = key)
    private val named = GenerativeModel(name = "gemini-2.0-flash", apiKey = key)
    private val tagged = GenerativeModel("gemini-1.5-flash-8b", apiKey = key, requestTag = "chat-fast-path")
}
"""


def test_named_arguments_in_kotlin_keep_the_model_and_drop_the_rest(tmp_path: Path) -> None:
    got = found(tmp_path, "Assistant.kt", _KT_CLIENT)
    raws = {raw for _, raw in got}
    # the positional model, a model-named argument and a generic `name =` still count
    assert {"gemini-1.5-flash", "gemini-1.5-pro", "gemini-2.0-flash", "gemini-1.5-flash-8b"} <= raws
    assert "chat-fast-path" not in raws


def _gallery_entry(i: int) -> str:
    # one entry of a model gallery index as LocalAI-style catalogues write it (a name, its Hub pages, an icon, the
    # settings that load the weights and the files to download); 40 KiB of description keeps the file past 1 MiB
    return (
        f'- name: "acme-coder-{i}-7b-instruct"\n'
        f"  urls:\n"
        f"    - https://huggingface.co/acme-ai/Acme-Coder-{i}-7B-Instruct\n"
        f"    - https://github.com/acme-ai/acme-coder\n"
        f"  icon: https://huggingface.co/acme-ai/Acme-Coder-{i}-7B-Instruct/resolve/main/logo.png?download=true\n"
        f"  license: apache-2.0\n"
        f"  description: |\n" + "    A compact code model for the gallery's tests. " * 80 + "\n"
        f"  overrides:\n"
        f"    backend: llama-cpp\n"
        f"    mmproj: llama-cpp/mmproj/mmproj-acme-coder-{i}-f16.gguf\n"
        f"    parameters:\n"
        f"      model: llama-cpp/models/Acme-Coder-{i}-7B-Instruct-Q4_K_M.gguf\n"
        f"  files:\n"
        f"    - filename: llama-cpp/models/Acme-Coder-{i}-7B-Instruct-Q4_K_M.gguf\n"
        f"      sha256: {'ab' * 32}\n"
        f"      uri: huggingface://acme-ai/Acme-Coder-{i}-7B-Instruct-GGUF/Acme-Coder-{i}-7B-Instruct-Q4_K_M.gguf\n"
        f"    - filename: model.safetensors\n"
        f"      uri: https://example.com/downloads/{i}/readme\n"
    )


def test_large_yaml_read_line_by_line_keeps_model_locations_under_any_key(tmp_path: Path) -> None:
    entries = [_gallery_entry(i) for i in range(300)]
    text = "---\n" + "".join(entries)
    assert len(text) > 1 << 20  # past the YAML parse limit: read line by line
    got = found(tmp_path, "gallery/index.yaml", text)
    lines = text.splitlines()
    by_key: dict[str, set[str]] = {}
    for line, raw in got:
        key = lines[line - 1].strip().lstrip("- ").split(":", 1)[0]
        by_key.setdefault(key, set()).add(raw)
    # the model key as before, and now the weight files, Hub URIs and Hub pages under their own keys / as list items
    assert "llama-cpp/models/Acme-Coder-7-7B-Instruct-Q4_K_M.gguf" in by_key["model"]
    assert "llama-cpp/models/Acme-Coder-7-7B-Instruct-Q4_K_M.gguf" in by_key["filename"]
    assert "llama-cpp/mmproj/mmproj-acme-coder-7-f16.gguf" in by_key["mmproj"]
    assert "huggingface://acme-ai/Acme-Coder-7-7B-Instruct-GGUF/Acme-Coder-7-7B-Instruct-Q4_K_M.gguf" in by_key["uri"]
    assert "https://huggingface.co/acme-ai/Acme-Coder-7-7B-Instruct" in by_key["https"]
    assert len(by_key["filename"]) == 300
    # not: a picture the entry links, a GitHub page, a generic weight file name, a plain web page
    raws = {raw for _, raw in got}
    assert not any(r.endswith("download=true") or "github.com" in r or "example.com" in r for r in raws)
    assert "model.safetensors" not in raws


def test_large_yaml_hostile_lines_stay_bounded(tmp_path: Path) -> None:
    # one-line values padded with long runs of spaces, list items of URIs with no end, keys with no value: read in
    # linear time (RE2), nothing raised, the file still reported as read line by line
    # (lines under 20,000 characters on average, so the file is not set aside as generated)
    hostile = "".join(
        f"- {'x' * 3000}://{' ' * 6000}.gguf\n  k{i}:{' ' * 9000}huggingface://a/b{' ' * 10}#\n" for i in range(60))
    text = hostile + "- filename: models/Qwen2.5-7B-Instruct-Q4_K_M.gguf\n"
    assert len(text) > 1 << 20
    got = found(tmp_path, "catalog.yaml", text)
    assert (len(text.splitlines()), "models/Qwen2.5-7B-Instruct-Q4_K_M.gguf") in got


_GO_PRICES = """\
package model

func priceOf(subType string) [2]float64 {
	priceTable := map[string][2]float64{
		"Baichuan2-Turbo":      {0.008, 0.008},
		"Baichuan2-53B":        {0.1, 0.1},
		"Baichuan3-Turbo":      {0.012, 0.012},
		"Baichuan4":            {0.1, 0.1},
		"Baichuan4-Air":        {0.00098, 0.00098},
	}
	return priceTable[subType]
}

var families = map[string]string{
	"Llama3":   "meta",
	"ChatGLM3": "zhipu",
}
"""


def test_api_only_model_ids_spelled_capitalised_by_their_provider(tmp_path: Path) -> None:
    # Baichuan's API names its models `Baichuan4`, `Baichuan2-Turbo`: the provider's own ids, in a price table keyed by
    # them; a family word written for people (`Llama3`, `ChatGLM3`: open-weights families) stays out
    got = found(tmp_path, "model/baichuan.go", _GO_PRICES)
    raws = {raw for _, raw in got}
    assert {"Baichuan2-Turbo", "Baichuan3-Turbo", "Baichuan4", "Baichuan4-Air"} <= raws
    assert "Baichuan2-53B" in raws  # not in the knowledge base: taken from its recognised peers
    assert not raws & {"Llama3", "ChatGLM3"}


_MODELS_YAML = """\
- provider: qianwen
  models:
    - name: qwen3.5-plus
      max_input_tokens: 1000000
      supports_function_calling: true
    - name: qwen3.5-plus:thinking
      max_input_tokens: 1000000
      require_max_tokens: true
    - name: qwen3-max:thinking
      max_input_tokens: 262144
- provider: claude
  models:
    - name: claude-sonnet-4-5-20250929:thinking
      max_input_tokens: 200000
- provider: local
  models:
    - name: assistant:thinking
      max_input_tokens: 8192
"""


def test_a_bare_api_model_with_a_variant_suffix_is_that_model(tmp_path: Path) -> None:
    # an app's catalogue lists the thinking variant of a provider's model as `<id>:thinking` (OpenRouter's suffix
    # written after a bare id): the model before the suffix; an unknown name with the suffix stays out
    got = found(tmp_path, "models.yaml", _MODELS_YAML)
    raws = {raw for _, raw in got}
    assert {"qwen3.5-plus", "qwen3.5-plus:thinking", "qwen3-max:thinking", "claude-sonnet-4-5-20250929:thinking"} <= raws
    assert "assistant:thinking" not in raws
