"""identify.classify: shape + knowledge decisions (issue 2: precision and recall on real code)."""

from __future__ import annotations

import pytest

from modelmap.discover.identify import classify, is_generic, is_model_ish, is_specific


def kind(value: str, hint: str = "none") -> str | None:
    match = classify(value, hint)
    return match.kind if match else None


# issue 2: role / service words and bare sizes name no model, even where a key says "model"
@pytest.mark.parametrize("value", ["rerank", "embed", "embedding", "chat-vl", "70B", "8b", "4bit"])
def test_role_words_and_sizes_are_not_models(value: str) -> None:
    assert is_generic(value)
    assert classify(value, "key") is None


def test_known_ids_made_of_generic_words_still_count() -> None:
    # Gemini's embedding id is all "generic" words plus a number, but the API patterns know it
    assert is_generic("models/embedding-001")
    assert classify("models/embedding-001", "key") is not None
    assert kind("models/embedding-001") == "api-model"


# issue 2: "ChatGLM3" returned from `_llm_type` is a display name; lowercase "chatglm3" passed on is a model
def test_display_cased_family_name_needs_an_api() -> None:
    assert classify("ChatGLM3") is None
    assert kind("ChatGLM3", "key") == "api-model"
    assert kind("chatglm3") == "api-model"
    assert kind("ChatGLM3-6B") == "api-model"  # a size pins the model


# issue 2: version suffix glued to a family word (genai-stack's "claudev2" selector)
def test_version_suffixed_family_word() -> None:
    assert is_model_ish("claudev2")
    assert kind("claudev2", "key") == "api-model"
    assert classify("claudev2") is None  # a bare literal still needs knowledge


# issue 2: local model directories, including Windows paths and a trailing separator
@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("/models/chatglm3-6b", "none"),
        ("/media/data/LLM/Qwen2.5-7B-Instruct/", "none"),
        ("D:\\AI\\ChatGLM3\\model/chatglm3-6b/", "key"),
        ("~/weights/mistral_7b_instruct_v3", "none"),
        ("./checkpoints/llama-2-7b-chat", "hf"),
    ],
)
def test_local_model_directories(value: str, hint: str) -> None:
    assert kind(value, hint) == "model-file"


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("/data/llama", "none"),  # family word without a size
        ("/app/api-v1", "none"),
        ("/root/models/linux_onnx/embedding_model_configs_v0.0.1", "key"),  # a config dir, no family word
        ("/var/log/app.log", "key"),
        ("/tmp/{name}/qwen-7b", "none"),
    ],
)
def test_paths_that_are_not_model_directories(value: str, hint: str) -> None:
    assert classify(value, hint) is None


# issue 2: weight files named by convention, and weight download URLs
@pytest.mark.parametrize(
    "value",
    ["model_last.pth", "checkpoints/table/wired_model.pt", "models/adapter_model.bin",
     "https://download.pytorch.org/models/resnet18-5c106cde.pth",
     "https://huggingface.co/TheBloke/Llama-2-7B-GGUF/resolve/main/llama-2-7b.Q4_K_M.gguf"],
)
def test_weight_files_and_weight_urls(value: str) -> None:
    assert kind(value) == "model-file"


@pytest.mark.parametrize(
    "value", ["corpus.bin", "data/train.pt.txt", "https://example.com/data.bin", "https://api.openai.com/v1",
              "https://github.com/org/repo/archive/main.zip"],
)
def test_not_weight_files(value: str) -> None:
    assert kind(value) != "model-file"


def test_is_specific_separates_models_from_family_and_vendor_fragments() -> None:
    for value in ("qwen-vl-chat", "llama3", "claudev2", "qwen-max", "ai21.jamba-instruct-v1:0"):
        assert is_specific(value), value
    for value in ("llama", "anthropic.claude", "mistral.mi", "cohere.command", "internlm"):
        assert not is_specific(value), value


# issue 2: Perplexity's retired ids (chatbot-ui style model lists) are still API model names
@pytest.mark.parametrize("value", ["sonar-small-online", "sonar-medium-chat", "llama-3.1-sonar-large-128k-online",
                                   "pplx-70b-online"])
def test_retired_perplexity_ids(value: str) -> None:
    match = classify(value)
    assert match is not None and match.provider == "perplexity-api"


# A bare Ollama library name that no API serves is a tag even when the KB knows it as an alias
def test_bare_ollama_only_names_are_tags() -> None:
    assert kind("nomic-embed-text", "key") == "ollama-tag"
    assert kind("qwq", "key") == "ollama-tag"
    assert kind("chatglm3", "key") == "api-model"  # ChatGLM3's own server uses the bare name
    assert kind("deepseek-chat", "key") == "api-model"  # an API pattern wins


def test_cohere_names_need_a_cohere_suffix() -> None:
    assert classify("Command-Shift-L") is None  # a keyboard shortcut in UI code
    for name in ("command-r-plus-08-2024", "command-r7b-12-2024", "command-a-vision-07-2025", "command-light-nightly"):
        assert kind(name, "key") == "api-model", name


def test_openai_fine_tuned_model_ids() -> None:
    assert kind("ft:gpt-4o-mini-2024-07-18:acme:support-bot:9xyz") == "api-model"
    assert kind("ft:gpt-3.5-turbo-0613:acme::8abc123", "key") == "api-model"


# issue 10: a checkpoint's generic file name inside code names no model (a weight file on disk still does)
@pytest.mark.parametrize("value", ["pytorch_model.bin", "adapter_model.bin", "model.safetensors",
                                   "model-00001-of-00002.safetensors", "consolidated.00.pth"])
def test_generic_weight_file_names_are_not_models(value: str) -> None:
    assert classify(value, "none") is None
    assert classify(value, "key") is None
    assert classify(value, "path") is not None  # an API that takes a file name (hf_hub_download) still counts
