"""The two-layer discovery (candidate extraction + classifier) on Go, Java, Kotlin, C#, PHP, Rust, Ruby,
Scala, Swift, Terraform/HCL and .properties: what must be found, what must not, and bounded work."""

from __future__ import annotations

import pytest

from modelmap.discover.base import SourceFile
from modelmap.discover.candidates import MAX_CANDIDATES, extract
from modelmap.discover.languages import LANGUAGES, language_for, parser_for
from modelmap.discover.polyglot import PolyglotSource, PropertiesSource
from modelmap.types import Finding, Skip


def _found(path: str, text: str, context: str = "app") -> dict[str, Finding]:
    src = PropertiesSource() if path.endswith(".properties") else PolyglotSource()
    return {f.raw: f for f in src.scan(SourceFile(path, text, context)) if isinstance(f, Finding)}


CASES = [
    # Go: map tables, switch on a model name, struct fields, builder options, comparisons
    ("gw/prices.go",
     'package gw\nvar modelPrices = map[string]float64{"gpt-4o": 2.5, "my-llama-3-8b-ft": 0.1}\n'
     'func pick(model string) {\n  switch model {\n  case "qwen-max":\n  }\n'
     '  if model == "deepseek-v3-0324" {}\n  c := New(WithModel("mistral-large-latest"))\n'
     '  if strings.HasPrefix(model, "gpt-5") {}\n  label := "chat"\n}\n',
     {"gpt-4o", "my-llama-3-8b-ft", "qwen-max", "deepseek-v3-0324", "mistral-large-latest"}, {"gpt-5", "chat"}),
    # Java: builder calls, constants classes, contains() of a full id, weight file names
    ("src/main/java/a/Llm.java",
     'class Llm {\n  public static class Models {\n    public static final String WANX = "wanx-v1";\n  }\n'
     '  void f() {\n    OpenAiChatModel.builder().modelName("glm-4-plus").build();\n'
     '    if (name.contains("qwen-turbo")) {}\n    if (name.startsWith("claude")) {}\n'
     '    String w = "model-00001-of-00002.safetensors";\n  }\n}\n',
     {"wanx-v1", "glm-4-plus", "qwen-turbo"}, {"claude", "model-00001-of-00002.safetensors"}),
    # Kotlin: named arguments, when-expressions, listOf tables
    ("app/Models.kt",
     'val m = GenerativeModel(modelName = "gemini-1.5-flash", apiKey = k)\n'
     'val supportedModels = listOf("qwen2.5:7b", "llama3.1:8b")\n'
     'fun f(modelId: String) = when (modelId) { "claude-3-5-haiku-latest" -> 1; else -> 0 }\n',
     {"gemini-1.5-flash", "qwen2.5:7b", "llama3.1:8b", "claude-3-5-haiku-latest"}, set()),
    # C#: Semantic Kernel named arguments and properties, switch cases
    ("Svc/Kernel.cs",
     'var b = Kernel.CreateBuilder().AddAzureOpenAIChatCompletion(deploymentName: "gpt-4o", endpoint: e);\n'
     'class C { public string ModelName { get; set; } = "phi-3-mini-4k-instruct";\n'
     '  void F() { switch (model) { case "gpt-35-turbo": break; } var key = "OPENAI_API_KEY"; } }\n',
     {"gpt-4o", "phi-3-mini-4k-instruct", "gpt-35-turbo"}, {"OPENAI_API_KEY"}),
    # PHP: array keys, named arguments, class constants
    ("src/Ai.php",
     "<?php\n$c->chat()->create(['model' => 'deepseek-chat', 'messages' => []]);\n"
     "$x = new Llm(model: 'qwen-plus');\nclass M { public const GPT = 'gpt-4-turbo'; }\n"
     "if (str_starts_with($m, 'o1')) {}\n",
     {"deepseek-chat", "qwen-plus", "gpt-4-turbo"}, {"o1"}),
    # Rust: builder methods, consts, genai-style namespaced ids
    ("src/main.rs",
     'const M: &str = "deepseek-reasoner";\nfn main() { let r = Args::default().model("llama3.2:3b").build();\n'
     '  let ns = "aliyun::qwen-plus"; let key = "GEMINI_API_KEY"; }\n',
     {"deepseek-reasoner", "llama3.2:3b", "aliyun::qwen-plus"}, {"GEMINI_API_KEY"}),
    # Ruby: hash symbols, constants
    ("lib/llm.rb",
     'EMBEDDING_MODEL = "text-embedding-3-large"\n'
     'Langchain::LLM::Ollama.new(default_options: { chat_model: "qwen2:7b", embedding_model: "textembedding-gecko" })\n'
     'label = "model"\n',
     {"text-embedding-3-large", "qwen2:7b", "textembedding-gecko"}, {"model"}),
    # Terraform: Azure OpenAI deployments, Bedrock cross-region ids, model URIs
    ("infra/main.tf",
     'resource "azurerm_cognitive_deployment" "d" {\n  name = "chat"\n  model {\n    format = "OpenAI"\n'
     '    name = "gpt-4o"\n    version = "2024-05-13"\n  }\n}\n'
     'variable "llm_model" { default = "us.anthropic.claude-3-7-sonnet-20250219-v1:0" }\n'
     'locals { model_uri = "gs://bucket/models/llama-3-8b-instruct" }\n',
     {"gpt-4o", "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "gs://bucket/models/llama-3-8b-instruct"},
     {"chat", "OpenAI", "2024-05-13"}),
    ("src/main/resources/application.properties",
     "spring.ai.openai.chat.options.model=gpt-4o-mini\nspring.ai.dashscope.embedding.options.model=text-embedding-v3\n"
     "server.port=8080\n",
     {"gpt-4o-mini", "text-embedding-v3"}, {"8080"}),
]


@pytest.mark.parametrize(("path", "text", "want", "not_want"), CASES, ids=[c[0] for c in CASES])
def test_finds_models_and_leaves_the_rest(path: str, text: str, want: set[str], not_want: set[str]) -> None:
    found = _found(path, text)
    assert want <= set(found), f"missing {want - set(found)}"
    assert not (not_want & set(found)), f"reported {not_want & set(found)}"
    for raw in want:
        f = found[raw]
        assert f.evidence, f"{raw} says no evidence"
        assert any(e.startswith("shape:") for e in f.evidence)
        line = text.splitlines()[f.line - 1]
        assert line[f.column - 1:].startswith(raw), (raw, f.line, f.column, line)


def test_evidence_names_binding_call_and_knowledge() -> None:
    found = _found("gw/a.go", 'package a\nconst EmbeddingModelID = "BAAI/bge-large-zh-v1.5"\n'
                              'func f() { c := New(WithModel("mistral-large-latest")) }\n')
    assert "binding:EmbeddingModelID" in found["BAAI/bge-large-zh-v1.5"].evidence
    assert found["BAAI/bge-large-zh-v1.5"].role == "embedding"
    assert found["mistral-large-latest"].evidence[:2] == ("knowledge-base", "call:WithModel")


def test_single_endpoint_gives_provider_context() -> None:
    found = _found("gw/a.go", 'package a\nvar c = Config{Model: "qwen-max", BaseURL: '
                              '"https://dashscope.aliyuncs.com/compatible-mode/v1"}\n')
    assert found["qwen-max"].endpoint == "https://dashscope.aliyuncs.com/compatible-mode/v1"
    assert "provider-context" in found["qwen-max"].evidence
    assert found["https://dashscope.aliyuncs.com/compatible-mode/v1"].kind == "endpoint"


def test_model_inside_json_text_in_a_literal() -> None:
    text = 'package a\nvar c = []string{\n\t`{"id":"1","model":"gpt-4o"}`,\n\t"{\\"model\\": \\"qwen-max\\"}",\n}\n'
    found = _found("a_test.go", text)
    assert set(found) == {"gpt-4o", "qwen-max"}
    for raw, f in found.items():
        assert text.splitlines()[f.line - 1][f.column - 1:].startswith(raw)
        assert "binding:model" in f.evidence


def test_interpolated_strings_are_not_candidates() -> None:
    found = _found("a.kt", 'val model = "qwen-${size}-instruct"\nval m2 = "gpt-4o"\n')
    assert set(found) == {"gpt-4o"}


def test_test_files_say_so() -> None:
    found = _found("pkg/a_test.go", 'package a\nvar model = "gpt-4o"\n', context="test")
    assert "file-role:test" in found["gpt-4o"].evidence
    assert found["gpt-4o"].context == "test"


def test_every_language_row_parses_and_maps_its_extensions() -> None:
    for lang in LANGUAGES:
        for ext in lang.extensions:
            assert language_for(f"x/y{ext}") is lang
        parser = parser_for(lang.id)
        assert parser.parse(b"").root_node is not None


# -- adversarial generators: bounded work per file --------------------------------------------------

def _go_many_literals(n: int) -> str:
    return "package a\nvar models = []string{" + ",".join(['"gpt-4o"'] * n) + "}\n"


def _java_deep(n: int) -> str:
    return "class A { Object x = " + "f(" * n + '"gpt-4o"' + ")" * n + "; }\n"


def _kotlin_reassign(n: int) -> str:
    return "fun f() {\n  var model = \"qwen-max\"\n" + "  model = model\n" * n + "}\n"


def _php_one_line(n: int) -> str:
    return "<?php $m = [" + ",".join([f"'model{i}' => 'gpt-4o'" for i in range(n)]) + "];"


def _hcl_blocks(n: int) -> str:
    return "".join(f'resource "x" "r{i}" {{\n  model {{\n    name = "gpt-4o"\n  }}\n}}\n' for i in range(n))


@pytest.mark.parametrize(("path", "text"), [
    ("a.go", _go_many_literals(15_000)),
    ("A.java", _java_deep(3_000)),
    ("b.kt", _kotlin_reassign(20_000)),
    ("c.php", _php_one_line(10_000)),
    ("d.tf", _hcl_blocks(2_000)),
], ids=["go-huge-list", "java-deep-nesting", "kotlin-many-assignments", "php-one-line", "hcl-many-blocks"])
def test_adversarial_files_finish_and_still_find(path: str, text: str) -> None:
    findings = [f for f in PolyglotSource().scan(SourceFile(path, text)) if isinstance(f, Finding)]
    assert findings, "the models in a hostile file are still reported"
    assert len(findings) <= MAX_CANDIDATES


def test_candidate_cap_bounds_a_file_and_says_so() -> None:
    parser = parser_for("go")
    data = _go_many_literals(MAX_CANDIDATES + 500).encode()
    capped: list[int] = []
    assert sum(1 for _ in extract(parser.parse(data), data, parser.language, None, capped)) == MAX_CANDIDATES
    assert capped == [MAX_CANDIDATES]
    out = list(PolyglotSource().scan(SourceFile("big.go", data.decode())))
    skips = [s for s in out if isinstance(s, Skip)]
    assert [s.reason for s in skips] == ["analysis-budget"]
    found = [f for f in out if isinstance(f, Finding)]
    assert 0 < len(found) <= MAX_CANDIDATES
    # past the per-file findings cap nothing is appended, and no kept finding is overwritten by a dropped one
    from modelmap.discover.base import MAX_FINDINGS_PER_FILE

    line = data.decode().splitlines()[1]
    last_kept = line.index('"gpt-4o"', len('var models = []string{') + 9 * (MAX_FINDINGS_PER_FILE - 1)) + 2
    columns = [f.column for f in found]
    assert len(set(columns)) == len(columns) and max(columns) <= last_kept
    # on a loaded machine the 2 s budget (the parse and every literal count against it) can end the file before
    # the findings cap does; when the cap is what ended it, the last kept finding is the cap's
    if len(found) == MAX_FINDINGS_PER_FILE:
        assert max(columns) == last_kept


def test_cloud_model_ids_bedrock_and_vertex() -> None:
    found = _found("src/Cloud.java",
                   'class Cloud { void f() {\n'
                   '  String v = "projects/acme/locations/us-central1/publishers/google/models/gemini-1.5-pro";\n'
                   '  client.invokeModel(b -> b.modelId("us.deepseek.r1-v1:0"));\n} }\n')
    assert found["projects/acme/locations/us-central1/publishers/google/models/gemini-1.5-pro"].provider == "vertex-ai"
    assert "us.deepseek.r1-v1:0" in found


def test_byte_pass_skips_files_with_no_candidate_and_keeps_binding_only_ones() -> None:
    from modelmap.discover.polyglot import has_candidate

    assert not has_candidate(b'package a\nfunc f() { log.Printf("hello %s", "world"); x := "utf-8" }\n')
    assert has_candidate(b'package a\nvar m = "gpt-4o"\n')
    assert has_candidate(b'EMBEDDING_MODEL = "textembedding-acme"\n')  # only the binding says "model"
    assert not has_candidate(b'CHARSET = "textembedding-acme"\n' + b"x" * 100)
    assert has_candidate(b'var s = `{"model":"my-own-7b"}`\n')


def test_scan_json_with_evidence_follows_the_schema(tmp_path) -> None:
    import json
    from importlib import resources

    import jsonschema

    import modelmap

    (tmp_path / "main.go").write_text('package main\nvar cfg = Config{Model: "qwen-max"}\n')
    doc = modelmap.scan(str(tmp_path), resolve=True).to_dict()
    schema = json.loads(resources.files("modelmap.report").joinpath("schemas/scan.schema.json").read_text())
    jsonschema.validate(doc, schema)
    assert doc["findings"][0]["evidence"][:2] == ["knowledge-base", "binding:Model"]
