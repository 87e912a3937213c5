"""Dart/Flutter, Elixir and C/C++ (scanexplore15b): read through their tree-sitter grammars, one row each in
``modelmap.discover.languages``; the literals go through the generic candidate layer and the classifier.

Fixtures are written for these tests in the idioms of each language's LLM libraries (LangChain.dart options objects,
Flutter provider tables, Bumblebee's ``{:hf, "org/name"}`` repositories, keyword lists and ``%{"k" => v}`` maps,
module attributes, a llama.cpp-style C++ app's defaults)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.base import SourceFile
from modelmap.discover.polyglot import PolyglotSource
from modelmap.types import Finding, Skip

DART = """\
import 'package:langchain_openai/langchain_openai.dart';

const defaultModel = 'gpt-4o-mini';

final providers = {
  'openai': ProviderConfig(defaultModel: 'gpt-4o', defaultBaseUrl: 'https://api.openai.com/v1'),
  'ollama': ProviderConfig(defaultModel: 'llama3.2', defaultBaseUrl: 'http://localhost:11434/api'),
};

Future<void> main() async {
  final chat = ChatOpenAI(defaultOptions: const ChatOpenAIOptions(model: 'gpt-4.1', temperature: 0));
  final embeddings = OllamaEmbeddings(model: 'nomic-embed-text');
  final title = 'Chat with $defaultModel';
  if (model.startsWith('gpt-4o') || model.contains('o3')) {
    print('reasoning');
  }
  switch (model) {
    case 'gpt-4-0314':
      return;
  }
}
"""

ELIXIR = """\
defmodule MyApp.Serving do
  @default_model "claude-3-5-haiku-20241022"

  def serving do
    {:ok, model_info} = Bumblebee.load_model({:hf, "openai/whisper-tiny"})
    {:ok, tokenizer} = Bumblebee.load_tokenizer({:hf, "sentence-transformers/all-MiniLM-L6-v2"})
    llm = ChatOpenAI.new!(%{model: "gpt-4o", temperature: 0})
    body = %{"model" => "text-embedding-3-small", "input" => text}
    model = "gpt-4o-mini"
    if String.starts_with?(model, "gpt-4") do
      :ok
    end
    params = %{"embedder.token_embedding" => "model.embed_tokens", "rope_type" => "llama3"}
    name = "serving"
  end
end
"""

CONFIG_EXS = """\
import Config

config :my_app, MyApp.LLM,
  model: "gpt-4.1-mini",
  embedding_model: "text-embedding-3-large"
"""

CPP = """\
#include <string>

struct common_params {
    std::string model = "models/Qwen2.5-7B-Instruct-Q4_K_M.gguf";
    std::string hf_repo = "ggml-org/gemma-3-1b-it-GGUF";
    std::string prompt = "Hello";
};

static const char * DEFAULT_EMBEDDING_MODEL = "nomic-embed-text-v1.5";

int main() {
    common_params params;
    if (params.model == "gpt-4o") { return 1; }
    const char * greeting = "hello world";
    return 0;
}
"""


def scan_file(path: str, text: str, lang: str) -> list[Finding | Skip]:
    return list(PolyglotSource().scan(SourceFile(path, text, lang)))


def findings(path: str, text: str, lang: str) -> dict[tuple[int, str], Finding]:
    return {(f.line, f.raw): f for f in scan_file(path, text, lang) if isinstance(f, Finding) and f.kind != "endpoint"}


def test_dart_options_objects_provider_tables_and_constants() -> None:
    out = findings("lib/chat.dart", DART, "dart")
    assert set(out) == {
        (3, "gpt-4o-mini"), (6, "gpt-4o"), (7, "llama3.2"), (11, "gpt-4.1"), (12, "nomic-embed-text"),
        (14, "o3"), (18, "gpt-4-0314"),
    }
    assert "binding:model" in out[(11, "gpt-4.1")].evidence
    assert "binding:defaultModel" in out[(6, "gpt-4o")].evidence
    # `model.startsWith('gpt-4o')`: the method's name is found in Dart's selector chain, so it is a prefix check (a
    # family), while `contains('o3')` of a complete known id still names that model
    assert (14, "gpt-4o") not in out


def test_elixir_hub_tuples_keyword_lists_maps_matches_and_attributes() -> None:
    out = findings("lib/my_app/serving.ex", ELIXIR, "elixir")
    assert set(out) == {
        (2, "claude-3-5-haiku-20241022"),  # a module attribute named for a model
        (5, "openai/whisper-tiny"), (6, "sentence-transformers/all-MiniLM-L6-v2"),  # {:hf, "org/name"}
        (7, "gpt-4o"),  # a keyword in a map
        (8, "text-embedding-3-small"),  # "model" => …
        (9, "gpt-4o-mini"),  # a match: model = "…"
    }
    assert "binding:model" in out[(7, "gpt-4o")].evidence
    assert "binding:model" in out[(8, "text-embedding-3-small")].evidence
    assert "binding:model" in out[(9, "gpt-4o-mini")].evidence
    # String.starts_with?(model, "gpt-4") is a prefix check; a weight map's tensor names and a RoPE type are not
    # models; nor is an app's own name
    assert not any(raw in ("gpt-4", "model.embed_tokens", "llama3", "serving") for _, raw in out)


def test_elixir_config_exs_keywords() -> None:
    out = findings("config/config.exs", CONFIG_EXS, "elixir")
    assert set(out) == {(4, "gpt-4.1-mini"), (5, "text-embedding-3-large")}


def test_cpp_struct_defaults_constants_and_comparisons() -> None:
    out = findings("examples/main.cpp", CPP, "cpp")
    assert set(out) == {
        (4, "models/Qwen2.5-7B-Instruct-Q4_K_M.gguf"), (5, "ggml-org/gemma-3-1b-it-GGUF"),
        (9, "nomic-embed-text-v1.5"), (13, "gpt-4o"),
    }
    assert not any(raw in ("Hello", "hello world") for _, raw in out)


def test_scan_reads_dart_elixir_and_cpp_files_instead_of_skipping_them(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "chat.dart").write_text(DART)
    (tmp_path / "lib" / "serving.ex").write_text(ELIXIR)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.exs").write_text(CONFIG_EXS)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.cpp").write_text(CPP)
    (tmp_path / "src" / "main.h").write_text(CPP)
    (tmp_path / "src" / "util.c").write_text('static const char *MODEL = "llama3.1:8b";\n')
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert not [s for s in result.skips if s.reason == "unsupported-type"]
    got = {(f.path, f.line, f.raw) for f in result.findings if f.kind != "endpoint"}
    assert {("lib/chat.dart", 11, "gpt-4.1"), ("lib/serving.ex", 5, "openai/whisper-tiny"),
            ("config/config.exs", 4, "gpt-4.1-mini"), ("src/main.cpp", 5, "ggml-org/gemma-3-1b-it-GGUF"),
            ("src/main.h", 9, "nomic-embed-text-v1.5"), ("src/util.c", 1, "llama3.1:8b")} <= got


def test_new_grammars_hostile_inputs_are_bounded() -> None:
    # deep nesting, one huge line of literals and 100k assignments: bounded, a reported skip or read to the end
    deep = "x = " + "%{a: " * 5_000 + '"gpt-4o"' + "}" * 5_000 + "\n"
    out = scan_file("deep.ex", deep, "elixir")
    assert {(r.line, r.raw) for r in out if isinstance(r, Finding)} == {(1, "gpt-4o")}
    huge = "final names = [" + ", ".join(f"'name{i}'" for i in range(50_000)) + "];\nconst model = 'gpt-4o';\n"
    out = scan_file("huge.dart", huge, "dart")
    assert (2, "gpt-4o") in {(r.line, r.raw) for r in out if isinstance(r, Finding)} or [
        r.reason for r in out if isinstance(r, Skip)] == ["analysis-budget"]
    many = "".join(f'std::string p{i} = "value-{i}";\n' for i in range(100_000)) + 'std::string model = "gpt-4o";\n'
    out = scan_file("many.cpp", many, "cpp")
    found = {(r.line, r.raw) for r in out if isinstance(r, Finding)}
    assert (100_001, "gpt-4o") in found or [r.reason for r in out if isinstance(r, Skip)] == ["analysis-budget"]
    assert not [f for f in found if f[1].startswith("value")]


RUST_ARCH = """\
fn config(architecture: &str, pre_tokenizer_type: &str, model: &str) -> u32 {
    if architecture == "gemma3" { return 1; }
    let n = match pre_tokenizer_type {
        "llama3" | "llama-bpe" => 2,
        "deepseek-coder" => 3,
        _ => 0,
    };
    if model == "llama3.1:8b" { return 4; }
    let repo = "google/gemma-3-1b-it";
    n
}
"""


def test_architecture_and_tokenizer_words_are_not_models_in_any_language() -> None:
    # a GGUF loader's architecture checks and pre-tokenizer match arms name families and tokenizers; the same words
    # compared with a model name still are models, and an org/name repository is never an architecture word
    out = findings("src/gguf.rs", RUST_ARCH, "rust")
    assert set(out) == {(8, "llama3.1:8b"), (9, "google/gemma-3-1b-it")}
