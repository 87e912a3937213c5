"""A model client's base URL set as a config field (Go's go-openai ``cfg.BaseURL = "…"``) or through a builder
(``.baseUrl("…")`` in LangChain4j, Java / Kotlin) is bound to the model client, so a private or cluster-internal
model server there is a self-hosted endpoint, and the model used in the file is linked to it (issue 11 item 3); the
same field in a file that imports no model SDK is any internal service's address, not a finding."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.engine import ScanOptions, scan_paths

_CLUSTER = "http://vllm-qwen.inference.svc.cluster.local:8000/v1"

_GO_MAIN = f'''package main

import (
	"context"
	"fmt"

	"github.com/sashabaranov/go-openai"
)

const chatModel = "Qwen/Qwen2.5-14B-Instruct"

func main() {{
	cfg := openai.DefaultConfig("none")
	cfg.BaseURL = "{_CLUSTER}"
	c := openai.NewClientWithConfig(cfg)
	resp, err := c.CreateChatCompletion(context.Background(), openai.ChatCompletionRequest{{
		Model:    chatModel,
		Messages: []openai.ChatCompletionMessage{{{{Role: "user", Content: "hi"}}}},
	}})
	fmt.Println(resp, err)
}}
'''

# the client is set up in its own file, with no model literal in it
_GO_CLIENT = f'''package llm

import openai "github.com/sashabaranov/go-openai"

func NewClient() *openai.Client {{
	cfg := openai.DefaultConfig("none")
	cfg.BaseURL = "{_CLUSTER}"
	return openai.NewClientWithConfig(cfg)
}}
'''

# an internal REST client's config: no model SDK in the file
_GO_OTHER = '''package users

import "github.com/acme/platform/rest"

const defaultModel = "gpt-4o"

func NewUsers() *rest.Client {
	cfg := rest.DefaultConfig()
	cfg.BaseURL = "http://users.platform.svc.cluster.local:8080/v1"
	return rest.New(cfg)
}
'''

_JAVA = f'''package com.acme.chat;

import dev.langchain4j.model.openai.OpenAiChatModel;

public class ChatConfig {{
    public OpenAiChatModel chatModel() {{
        return OpenAiChatModel.builder()
            .baseUrl("{_CLUSTER}")
            .apiKey("none")
            .modelName("Qwen/Qwen2.5-14B-Instruct")
            .build();
    }}
}}
'''

_KOTLIN = f'''package com.acme.chat

import dev.langchain4j.model.openai.OpenAiChatModel

fun chatModel(): OpenAiChatModel = OpenAiChatModel.builder()
    .baseUrl("{_CLUSTER}")
    .modelName("Qwen/Qwen2.5-14B-Instruct")
    .build()
'''


def _scan(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str, str, str | None, str | None]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    return sorted((f.path, f.line, f.raw, f.kind, f.provider, f.endpoint) for f in result.findings)


def test_go_config_base_url_is_a_self_hosted_endpoint_linked_to_the_model(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"cmd/main.go": _GO_MAIN})
    assert ("cmd/main.go", 14, _CLUSTER, "endpoint", "self-hosted", _CLUSTER) in found
    model = [f for f in found if f[2] == "Qwen/Qwen2.5-14B-Instruct"]
    assert model and all(f[4] == "self-hosted" and f[5] == _CLUSTER for f in model)


def test_go_client_file_without_a_model_literal_is_read(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"internal/llm/client.go": _GO_CLIENT})
    assert found == [("internal/llm/client.go", 7, _CLUSTER, "endpoint", "self-hosted", _CLUSTER)]


def test_base_url_field_without_a_model_sdk_is_no_endpoint(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"users/client.go": _GO_OTHER})
    assert not [f for f in found if f[3] == "endpoint"]


def test_java_and_kotlin_builder_base_url(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"src/main/java/com/acme/chat/ChatConfig.java": _JAVA,
                             "src/main/kotlin/com/acme/chat/Chat.kt": _KOTLIN})
    endpoints = [f for f in found if f[3] == "endpoint"]
    assert [(f[0].rsplit("/", 1)[-1], f[4]) for f in endpoints] == [("ChatConfig.java", "self-hosted"),
                                                                     ("Chat.kt", "self-hosted")]
    models = [f for f in found if f[2] == "Qwen/Qwen2.5-14B-Instruct"]
    assert len(models) == 2 and all(f[5] == _CLUSTER for f in models)


_KOTLIN_TWO_CLIENTS = f'''package com.acme.triage

import dev.langchain4j.model.ollama.OllamaChatModel
import dev.langchain4j.model.openai.OpenAiChatModel

object Triage {{
    private val ollamaUrl = System.getenv("OLLAMA_URL") ?: "http://ollama:11434"

    val local: OllamaChatModel = OllamaChatModel.builder()
        .baseUrl(ollamaUrl)
        .modelName("llama3.2:3b")
        .build()

    val big: OpenAiChatModel = OpenAiChatModel.builder()
        .baseUrl("{_CLUSTER}")
        .apiKey("not-needed")
        .modelName("Qwen/Qwen2.5-32B-Instruct")
        .build()
}}
'''

_KOTLIN_INTL = '''package com.acme.claims

import dev.langchain4j.model.openai.OpenAiChatModel

val translator: OpenAiChatModel = OpenAiChatModel.builder()
    .baseUrl("https://dashscope-intl.aliyuncs.com/compatible-mode/v1")
    .apiKey(System.getenv("DASHSCOPE_API_KEY"))
    .modelName("qwen-plus")
    .build()
'''


def test_a_builder_chain_assigned_to_a_property_keeps_its_own_server(tmp_path: Path) -> None:
    """tryfix31: `val big = OpenAiChatModel.builder().baseUrl("http://vllm…")…` bound the URL to `big`, so it was no
    endpoint, and the Qwen model was reported as served by the file's other (Ollama) URL; each model now goes to the
    endpoint of its own chain, and the Ollama model is not tied to the vLLM server."""
    found = _scan(tmp_path, {"src/main/kotlin/com/acme/triage/Triage.kt": _KOTLIN_TWO_CLIENTS})
    by_raw = {f[2]: f for f in found}
    assert by_raw[_CLUSTER][3:5] == ("endpoint", "self-hosted")
    assert by_raw["Qwen/Qwen2.5-32B-Instruct"][4:] == ("self-hosted", _CLUSTER)
    assert by_raw["llama3.2:3b"][5] != _CLUSTER


def test_the_configured_endpoint_names_the_provider_over_the_models_name(tmp_path: Path) -> None:
    """tryfix31: `qwen-plus` through DashScope's Singapore endpoint was reported as served from Beijing (the provider
    its name suggests), while Python and TypeScript said Singapore."""
    found = _scan(tmp_path, {"src/main/kotlin/com/acme/claims/Translator.kt": _KOTLIN_INTL})
    (model,) = [f for f in found if f[2] == "qwen-plus"]
    assert model[4] == "dashscope-intl" and model[5].startswith("https://dashscope-intl.")
