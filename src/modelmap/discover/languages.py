"""The languages read through the generic candidate layer: one row each.

Adding a language is one row here: its file extensions, the tree-sitter grammar package (module
and the function in it that returns the language pointer), and a short tuple of the SDK method
or constructor names that take a model in that language. Everything else (which nodes are
strings, which are calls, bindings and keys) is discovered generically by
``modelmap.discover.candidates`` from the grammar's node names.

Grammars come one PyPI package per language from the tree-sitter organisation and its
maintainers (MIT; tree-sitter-hcl is Apache-2.0; tree-sitter-bicep, MIT, comes from the
tree-sitter-grammars organisation; tree-sitter-elixir, Apache-2.0, from the elixir-lang organisation; tree-sitter-c
and tree-sitter-cpp, MIT, from the tree-sitter organisation; tree-sitter-dart, MIT, a one-author packaging of a
Dart grammar, github.com/efrenbl/tree-sitter-dart; tree-sitter-lua, MIT, from the tree-sitter-grammars organisation),
each with its compiled parser inside the wheel.
The all-in-one ``tree-sitter-language-pack`` was tried and rejected: its 1.x releases download
grammars from GitHub at run time, and modelmap is offline by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Language:
    id: str
    extensions: tuple[str, ...]
    module: str
    function: str = "language"
    # method / function / constructor names that take a model id in this language's SDKs
    # (compared case-insensitively, whole: a setter's or builder's prefix is written out, `withmodel`)
    sdk_calls: tuple[str, ...] = ()
    # whole file names (no extension) written in this language: Ruby's build DSLs (`Rakefile`, fastlane's
    # `Fastfile`, whose lanes pass model names and repos to the tools they run)
    names: tuple[str, ...] = ()


# names of calls whose string argument is a model in many SDKs; every language gets these
COMMON_SDK_CALLS = (
    "model", "modelname", "modelid", "chatmodel", "embeddingmodel", "deploymentname", "deployment", "engine",
    "llm", "embedding", "embeddings", "reranker", "generativemodel", "chatcompletion", "completion",
    # a Hub download's repository argument: kalosm's FileSource::huggingface("org/name", "main", "model.gguf"),
    # from_huggingface(…) / from_hf(…) loaders
    "huggingface", "fromhuggingface", "fromhf",
    # the Hugging Face loaders' name, kept by their ports to other languages: Transformers PHP's
    # `AutoModel::fromPretrained('Xenova/…')`, the Rust tokenizers crate's `Tokenizer::from_pretrained("bert-base-cased")`
    "frompretrained", "from_pretrained",
    # MediaPipe Tasks (Java/Kotlin/Android): BaseOptions.builder().setModelAssetPath("gesture_recognizer.task")
    # (ai.google.dev/edge/mediapipe/solutions/tasks, as_of 2026-12-05)
    "modelassetpath", "setmodelassetpath",
)

LANGUAGES: tuple[Language, ...] = (
    Language("go", (".go",), "tree_sitter_go",
             sdk_calls=("newchatmodel", "newllm", "withmodel", "withembeddingmodel", "newembedder", "generativemodel",
                        "embeddingmodel", "chatcompletionnew")),
    Language("java", (".java",), "tree_sitter_java",
             sdk_calls=("modelname", "withmodel", "model", "embeddingmodel", "chatmodel", "deploymentname",
                        "modelid")),
    Language("kotlin", (".kt", ".kts"), "tree_sitter_kotlin",
             sdk_calls=("generativemodel", "modelid", "modelname", "chatcompletionrequest", "embeddingrequest")),
    Language("csharp", (".cs",), "tree_sitter_c_sharp",
             sdk_calls=("addazureopenaichatcompletion", "addopenaichatcompletion", "addazureopenaitextembeddinggeneration",
                        "addopenaitextembeddinggeneration", "addollamachatcompletion", "getchatclient",
                        "getembeddingclient", "chatclient", "embeddingclient", "modelid", "deploymentname",
                        # Microsoft.Extensions.AI: client.AsChatClient("qwen-max"), new OllamaChatClient(uri, "llama3"),
                        # new OllamaEmbeddingGenerator(uri, "all-minilm") (learn.microsoft.com/dotnet/ai, as_of 2026-12-04)
                        "aschatclient", "asichatclient", "asembeddinggenerator", "asiembeddinggenerator",
                        "ollamachatclient", "ollamaembeddinggenerator", "ollamaapiclient")),
    Language("php", (".php",), "tree_sitter_php", "language_php",
             # Transformers PHP's `pipeline('sentiment-analysis', 'Xenova/…')` (the Transformers.js API in PHP; the task
             # word before the model reads as no model)
             sdk_calls=("model", "withmodel", "using", "chat", "embeddings", "completions", "pipeline")),
    Language("rust", (".rs",), "tree_sitter_rust",
             sdk_calls=("model", "agent", "embedding_model", "completion_model", "generationrequest",
                        "chatmessagerequest")),
    Language("ruby", (".rb", ".rake"), "tree_sitter_ruby",
             sdk_calls=("model", "chat", "embed", "ask"), names=("Rakefile", "Fastfile")),
    Language("scala", (".scala", ".sc"), "tree_sitter_scala", sdk_calls=("model", "modelname", "withmodel")),
    Language("swift", (".swift",), "tree_sitter_swift", sdk_calls=("generativemodel", "model")),
    # Dart / Flutter (`ChatOpenAI(defaultOptions: ChatOpenAIOptions(model: 'gpt-4o'))`, `GenerativeModel(model: …)`)
    Language("dart", (".dart",), "tree_sitter_dart", sdk_calls=("generativemodel", "model")),
    # Elixir (`Bumblebee.load_model({:hf, "openai/whisper-tiny"})`, `ChatOpenAI.new!(%{model: "gpt-4o"})`)
    Language("elixir", (".ex", ".exs"), "tree_sitter_elixir", sdk_calls=("load_model", "model")),
    # C and C++ (llama.cpp-style engines and apps: model tables, default model paths, download URLs); a `.h` header
    # is read by the C++ grammar, which parses C declarations too
    Language("c", (".c",), "tree_sitter_c"),
    Language("cpp", (".cpp", ".cc", ".cxx", ".hpp", ".hh", ".hxx", ".h"), "tree_sitter_cpp"),
    Language("hcl", (".tf", ".tfvars", ".hcl"), "tree_sitter_hcl"),
    # Azure Bicep: `param chatModel string = 'gpt-4o'`, `properties: { model: { name: 'gpt-4o' } }` on a
    # Microsoft.CognitiveServices/accounts/deployments resource, `param x = '…'` in a .bicepparam file
    Language("bicep", (".bicep", ".bicepparam"), "tree_sitter_bicep"),
    # Lua (API gateways' AI plugins and their busted specs: `model = { name = "gpt-4", provider = "openai" }`,
    # OpenResty `ngx.say(cjson.encode({ model = "…" }))`)
    Language("lua", (".lua",), "tree_sitter_lua"),
    # no extensions: PythonSource reads .py files with ``ast``; this row is its fallback for a file whose syntax tree
    # would be too large (``python.scan_python_text``). The calls are python.RULES' model-taking callees, by name
    Language("python", (), "tree_sitter_python",
             sdk_calls=("from_pretrained", "pipeline", "sentencetransformer", "crossencoder", "flagmodel",
                        "bgem3flagmodel", "flagreranker", "textembedding", "whispermodel", "load_model", "llm",
                        "hf_hub_download", "snapshot_download", "inferenceclient", "asyncinferenceclient",
                        "generate_content", "embed_content", "init_chat_model", "init_embeddings", "chatopenai",
                        "azurechatopenai", "chatanthropic", "chatollama", "openaiembeddings", "ollamaembeddings",
                        "huggingfaceembeddings", "chatgooglegenerativeai")),
)

_BY_EXT = {ext: lang for lang in LANGUAGES for ext in lang.extensions}
_BY_NAME = {name: lang for lang in LANGUAGES for name in lang.names}


def language_for(path: str) -> Language | None:
    low = path.lower()
    dot = low.rfind(".")
    if dot >= 0 and (lang := _BY_EXT.get(low[dot:])) is not None:
        return lang
    return _BY_NAME.get(path.replace("\\", "/").rsplit("/", 1)[-1])


@cache
def parser_for(lang_id: str) -> Any:
    """A tree-sitter parser for one language (grammar imported on first use only)."""
    import importlib

    import tree_sitter

    lang = next(x for x in LANGUAGES if x.id == lang_id)
    module = importlib.import_module(lang.module)
    return tree_sitter.Parser(tree_sitter.Language(getattr(module, lang.function)()))


@cache
def sdk_calls(lang_id: str) -> frozenset[str]:
    lang = next(x for x in LANGUAGES if x.id == lang_id)
    return frozenset(COMMON_SDK_CALLS) | frozenset(lang.sdk_calls)
