"""Held-out-35 general fixes (tuneB41): Go map keys looked up or deleted by literal, OpenAI-style API routes read as no
model folder, a bare `titan-embed` / `titan-text` kind word, Swift's `!=` read as a comparison, `|`-separated model
lists in Python and TypeScript, a `<setting>_value` stand-in."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_GO_ENDPOINTS = '''package sdk

// endpoints of the built-in completion models
var CompletionModelEndpoint = map[string]string{
	"acme-coder-7b":       "/completions/acme_coder_7b",
	"CodeLlama-7b-Instruct": "/completions/codellama_7b_instruct",
}

var ChatRoutes = map[string]string{
	"ERNIE-Function-8K": "/chat/ernie-func-8k",
}
'''

_GO_ENDPOINTS_TEST = '''package sdk

import "testing"

func TestCompletion(t *testing.T) {
	path := CompletionModelEndpoint["acme-coder-7b"]
	if path == "" {
		t.Fatal("missing")
	}
	delete(retriever.modelList["completions"], "acme-coder-7b")
	delete(cache, "acme-coder-7b")
	_ = headers["Content-Type"]
}
'''


def test_go_map_key_lookup_and_api_routes(tmp_path: Path) -> None:
    got = found(tmp_path, "sdk/completion.go", _GO_ENDPOINTS)
    assert (5, "acme-coder-7b") in got and (6, "CodeLlama-7b-Instruct") in got
    # the route a model is served at is an HTTP path, not a folder holding it
    assert not {raw for _, raw in got if raw.startswith("/")}
    got = found(tmp_path, "sdk/completion_test.go", _GO_ENDPOINTS_TEST)
    # a literal key looked up in, or deleted from, a map named for models reads as that map's keys do
    assert (6, "acme-coder-7b") in got
    assert (10, "acme-coder-7b") in got
    raws = {raw for _, raw in got}
    assert not raws & {"completions", "Content-Type"}
    # ... but not a key deleted from a map whose name says nothing of models
    assert (11, "acme-coder-7b") not in got


_PY_TITAN = '''mock_config = {
    "rag": {"embeddingsModels": [{"name": "titan-embed", "provider": "bedrock", "dimensions": 1536}]},
    "llms": [{"name": "titan-text", "provider": "bedrock"}],
}


def test_names():
    model = get_embeddings_model("bedrock", "titan-embed")
    assert model.name == "titan-embed"
    assert other == "amazon.titan-embed-text-v1"
    assert third == "titan-text-express"
'''


def test_titan_kind_word_alone_is_no_model(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/test_embeddings.py", _PY_TITAN)
    raws = {raw for _, raw in got}
    # Titan's ids name the line and more (titan-embed-text-v1, titan-text-express); the family and a kind word alone
    # are an app's entry name
    assert not raws & {"titan-embed", "titan-text"}
    assert (10, "amazon.titan-embed-text-v1") in got and (11, "titan-text-express") in got


_SWIFT_ROPE = '''func scale(base: Float, ropeType: String) -> Float {
    if ropeType != "llama3" {
        return base
    }
    if modelName != "acme-chat-7b" {
        return 0
    }
    return base * 2
}
'''


def test_swift_not_equal_is_a_comparison(tmp_path: Path) -> None:
    got = found(tmp_path, "Sources/Rope.swift", _SWIFT_ROPE)
    # `!=` after a bare name is a custom operator in Swift's grammar: compared with rope_type, llama3 is an
    # architecture word; compared with a model name, the other literal is a model
    assert (2, "llama3") not in got
    assert (5, "acme-chat-7b") in got


_PY_PIPE_LIST = '''import os

from sentence_transformers import SentenceTransformer


def load_models():
    model_names = os.getenv("TARGET_EMBEDDINGS_MODEL", "all-mpnet-base-v2|acme/acme-embed-2|BAAI/bge-small-en-v1.5")
    for name in model_names.split("|"):
        SentenceTransformer(name)
'''

_TS_PIPE_LIST = '''const embeddingModels = process.env.EMBEDDING_MODELS ?? "all-mpnet-base-v2|BAAI/bge-small-en-v1.5";
'''


def test_pipe_separated_model_list(tmp_path: Path) -> None:
    got = found(tmp_path, "app/model_handling.py", _PY_PIPE_LIST)
    assert {(7, "all-mpnet-base-v2"), (7, "BAAI/bge-small-en-v1.5")} <= got
    assert not any("|" in raw for _, raw in got)
    got = found(tmp_path, "src/models.ts", _TS_PIPE_LIST)
    assert {(1, "all-mpnet-base-v2"), (1, "BAAI/bge-small-en-v1.5")} <= got


_PY_VALUE_STAND_INS = '''def test_config(client):
    response = client.get("/getInfoData")
    expected = {
        "AZURE_OPENAI_MODEL_NAME": "model_name_value",
        "EMBEDDINGS_MODEL_NAME": "embedding_model_name_value",
        "EMBEDDINGS_MODEL_VERSION": "embedding_model_version_value",
        "CHAT_MODEL": "acme-chat-7b",
    }
    assert response.json() == expected
'''


def test_setting_value_stand_in(tmp_path: Path) -> None:
    got = found(tmp_path, "app/backend/testsuite.py", _PY_VALUE_STAND_INS)
    raws = {raw for _, raw in got}
    assert not {r for r in raws if r.endswith("_value")}
    assert (7, "acme-chat-7b") in got


_GO_PROTOCOL_NAMES = '''package sdk

func TestEndpoints(t *testing.T) {
	comp := NewCompletion(WithModel("ERNIE-77-completions"))
	chat := NewChatCompletion(WithModel("openai-chat-completions"))
	_ = comp
	_ = chat
}
'''


def test_model_name_on_a_protocol_word(tmp_path: Path) -> None:
    got = found(tmp_path, "sdk/endpoint_test.go", _GO_PROTOCOL_NAMES)
    # a versioned model id before the protocol word, where a model is expected: that model on that API
    assert (4, "ERNIE-77-completions") in got
    # a provider's name and the protocol: a requester's or channel's name
    assert (5, "openai-chat-completions") not in got


_SWIFT_DICTS = '''enum StringOrNumber { case string(String), float(Float) }

let request: [String: Any] = ["model": "acme-chat-7b", "stream": "true-ish"]
let scaling: [String: StringOrNumber] = ["rope_type": .string("llama3"), "factor": .float(8)]

public class TypeRegistry {
    private static let creators: [String: Creator] = [
        "gemma3": create(Gemma3Configuration.self, Gemma3.init),
        "qwen2": create(Qwen2Configuration.self) { Qwen2Model($0) },
    ]
    private static let served: [String: Creator] = [
        "gemma3": create(ServerConfiguration.self, Server.init),
    ]
}

let config: Config = ["model_type": "bert"]
'''


def test_swift_dictionary_pairs(tmp_path: Path) -> None:
    got = found(tmp_path, "Sources/Registry.swift", _SWIFT_DICTS)
    # a value is bound to its key, as the other grammars' pair nodes give: a model key's value is a model, a rope
    # type's (through a JSON value case) an architecture word
    assert (3, "acme-chat-7b") in got
    assert (4, "llama3") not in got
    # a model-type registry's keys (each built from the configuration type named for it) are architectures
    assert (8, "gemma3") not in got and (9, "qwen2") not in got
    # ... and a key whose value is built from some other type is read as before
    assert (12, "gemma3") in got
    # a config's model_type entry is an architecture word, as the Python reader reads a dict's
    assert (16, "bert") not in got
