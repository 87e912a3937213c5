"""tuneB33: provider model strings with per-kind query parameters, make's command-line variables, test inputs
made wrong on purpose, an API's dated version among request fields, source-module paths and request-body field
names. Fixtures written for these tests in the shapes real projects use (a Dart model-string parser's tests, a
Makefile that pulls Ollama models for integration tests, Rust request-builder tests, a Dart embeddings client)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

DART_PARSER_TEST = """\
import 'package:test/test.dart';

void main() {
  test('query form', () {
    final parser = ModelStringParser.parse('openai?chat=gpt-4o&embeddings=text-embedding-3-small');
    expect(parser.providerName, 'openai');
    final other = ModelStringParser.parse('cohere?embeddings=embed-v4.0');
    final custom = ModelStringParser.parse('openai?chat=gpt-4o&media=custom');
    final site = 'https://example.com/search?chat=yes';
  });
}
"""


def test_provider_model_string_query_values_are_models(tmp_path: Path) -> None:
    got = found(tmp_path, "test/model_string_parser_test.dart", DART_PARSER_TEST)
    assert {(5, "gpt-4o"), (5, "text-embedding-3-small"), (7, "embed-v4.0"), (8, "gpt-4o")} <= got
    assert not any(raw in ("custom", "yes") for _, raw in got)


MAKEFILE = """\
.PHONY: prepare

prepare:
\t@$(MAKE) _ensure_ollama_model MODEL=llama2:latest
\t@$(MAKE) _ensure_ollama_model MODEL=granite-code:3b
\tmake run LLM_MODEL=qwen2.5:7b OUT=build/llama2:latest
\t@$(MAKE) _ensure NAME=mario MODELFILE=tests/Modelfile.mario

_ensure_ollama_model:
\tollama pull '$(MODEL)'
"""


def test_make_command_line_variables_are_read_as_assignments(tmp_path: Path) -> None:
    got = found(tmp_path, "Makefile", MAKEFILE)
    assert {(4, "llama2:latest"), (5, "granite-code:3b"), (6, "qwen2.5:7b")} <= got
    assert not any(ln == 7 for ln, _ in got)  # NAME / MODELFILE: a model created from a file, no model id
    assert (6, "build/llama2:latest") not in got  # OUT: not named for a model


RUST_TESTS = """\
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codex_request() {
        let req = GenerateRequest::new(Model::custom("codex-mini-latest", "openai"), vec![]);
        let bad = GenerateRequest::new(Model::custom("claude-invalid-model-12345", "anthropic"), vec![]);
        let other = GenerateRequest::new(Model::custom("gpt-4-nonexistent", "openai"), vec![]);
    }

    #[test]
    fn embedding_detection() {
        assert!(is_embedding_model("text-embedding-3-large"));
        assert!(is_embedding_model("gemini-embedding-001"));
        assert!(is_embedding_model("mistral-embed"));
        assert!(is_embedding_model("EMBED-something"));
        assert!(is_embedding_model("nomic-embed-text-v2"));
    }

    #[test]
    fn bedrock_body() {
        assert_eq!(body["model"], "claude-sonnet-4-5-20250929");
        assert_eq!(body["other"], "claude-3-5-haiku-20241022");
        assert_eq!(body["third"], "claude-3-opus-20240229");
        assert_eq!(body["anthropic_version"], "bedrock-2023-05-31");
    }
}
"""


def test_wrong_on_purpose_ids_and_dated_api_versions_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "src/providers/convert.rs", RUST_TESTS)
    raws = {raw for _, raw in got}
    assert (7, "codex-mini-latest") in got  # OpenAI's Codex CLI model, by its own id
    assert not raws & {"claude-invalid-model-12345", "gpt-4-nonexistent", "EMBED-something", "bedrock-2023-05-31"}
    assert {"text-embedding-3-large", "mistral-embed", "claude-3-opus-20240229"} <= raws
    assert (18, "nomic-embed-text-v2") in got  # a real peer of the same table is still one


DART_CLIENT = """\
export 'cohere_chat/cohere_chat.dart';
export 'ollama_chat/ollama_chat.dart';

class CohereEmbeddingsModel {
  Map<String, dynamic> body(List<String> texts) => {
        'model': 'embed-v4.0',
        'texts': texts,
        'embedding_types': ['float'],
        'input_type': 'search_document',
      };
}
"""


def test_module_paths_and_request_field_names_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "lib/src/cohere.dart", DART_CLIENT)
    assert got == {(6, "embed-v4.0")}


CPP_TEST = """\
TEST_F(YamlHandlerTest, UpdateModelConfig) {
  config::ModelConfig new_config;
  new_config.model = "updated_model_v2";
  other.model = "write_test_model_v1";
  third.model = "tinyllama-1.1b-chat-v1";
}
"""


def test_a_tests_records_named_for_what_it_does_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "engine/test/components/test_yaml_handler.cc", CPP_TEST)
    assert got == {(5, "tinyllama-1.1b-chat-v1")}
