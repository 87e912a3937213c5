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
