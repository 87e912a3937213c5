"""A hosting API that adds a model under a name of its own (.NET Aspire's Ollama integration: ``AddModel("phi3",
"phi3")``, ``AddHuggingFaceModel("llama", "org/name-GGUF:Q4_K_M")``, its TypeScript AppHost's ``addNamedModel``):
the first of two strings is the resource's name, the second the model; one string alone is the model. A GGUF
repository with a quantisation tag (``org/name-GGUF:IQ4_XS``) is the repository; a digest-pinned reference
(``…@sha256:…``) is the reference before the digest; a membership assertion of a whole ``hf.co/…`` reference names
it. Fixtures written for these tests (the shape of an app host and its xunit tests)."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

PROGRAM_CS = '''var builder = DistributedApplication.CreateBuilder(args);

var ollama = builder.AddOllama("ollama");
var chat = ollama.AddModel("chat", "qwen2.5");
var mini = ollama.AddModel("phi3");
var gguf = ollama.AddHuggingFaceModel("gguf", "unsloth/Qwen3-8B-GGUF:Q4_K_M");

builder.Build().Run();
'''

TESTS_CS = '''public class AddModelTests
{
    [Theory]
    [InlineData("hf.co/unsloth/Qwen3-8B-GGUF:Q4_K_M")]
    [InlineData("hf.co/unsloth/Qwen3-8B-GGUF:Q4_K_M@sha256:0123456789abcdef")]
    public void HuggingFaceModel(string modelName)
    {
        var builder = DistributedApplication.CreateBuilder();
        _ = builder.AddOllama("ollama").AddHuggingFaceModel("gguf", modelName);
        var resource = Build(builder);
        Assert.Contains("hf.co/unsloth/Qwen3-8B-GGUF:Q4_K_M", resource.Models);
    }
}
'''

APPHOST_TS = '''import { createBuilder } from "./.aspire/modules/aspire.mjs";

const builder = await createBuilder();
const ollama = await builder.addOllama("ollama");
const chat = await ollama.addNamedModel("chat", "tinyllama");
const same = await ollama.addNamedModel("qwen2.5", "qwen2.5");
const gguf = await ollama.addHuggingFaceModel("gguf", "unsloth/Qwen3-8B-GGUF:Q4_K_M");
await builder.build().run();
'''


def test_csharp_resource_name_and_model(tmp_path: Path) -> None:
    got = found(tmp_path, "AppHost/Program.cs", PROGRAM_CS)
    assert {(4, "qwen2.5"), (5, "phi3"), (6, "unsloth/Qwen3-8B-GGUF:Q4_K_M")} <= got, got
    assert "chat" not in {raw for _, raw in got}
    assert "gguf" not in {raw for _, raw in got}


def test_csharp_same_name_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "AppHost" / "Program.cs"
    path.parent.mkdir(parents=True)
    path.write_text('var ollama = builder.AddOllama("ollama");\nvar m = ollama.AddModel("llama3", "llama3");\n')
    import modelmap

    hits = [f for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.raw == "llama3"]
    assert len(hits) == 1, hits


def test_typescript_apphost(tmp_path: Path) -> None:
    path = tmp_path / "AppHost" / "apphost.mts"
    path.parent.mkdir(parents=True)
    path.write_text(APPHOST_TS)
    import modelmap

    hits = [(f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"]
    assert sorted(hits) == [(5, "tinyllama"), (6, "qwen2.5"), (7, "unsloth/Qwen3-8B-GGUF:Q4_K_M")], hits


def test_digest_pinned_and_membership_assertions(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/AddModelTests.cs", TESTS_CS)
    assert {(4, "hf.co/unsloth/Qwen3-8B-GGUF:Q4_K_M"), (5, "hf.co/unsloth/Qwen3-8B-GGUF:Q4_K_M"),
            (11, "hf.co/unsloth/Qwen3-8B-GGUF:Q4_K_M")} <= got, got
    assert not any("@sha256" in raw for _, raw in got), got


def test_gguf_quant_tags() -> None:
    for value in ("unsloth/Qwen3-8B-GGUF:Q4_K_M", "bartowski/Llama-3.2-1B-Instruct-GGUF:IQ4_XS",
                  "unsloth/Qwen3-8B-GGUF:UD-Q4_K_XL"):
        match = classify(value, "none")
        assert match is not None and match.kind == "hf-repo", (value, match)
    assert classify("acme/webapp:Q4_K_M", "none") is None  # the repository must read as one by itself


CATALOGUE_JAVA = '''class Registry {
    private void addHostedModels() {
        addHostedModel("meta/llama-3.1-8b-instruct", "Llama 3.1 8B Instruct", 128_000);
        addHostedModel("qwen/qwen2.5-coder-32b-instruct", "Qwen2.5 Coder 32B", 32_768);
    }
}
'''


def test_model_first_and_display_name_second_keeps_the_model(tmp_path: Path) -> None:
    got = found(tmp_path, "src/main/java/Registry.java", CATALOGUE_JAVA)
    assert {(3, "meta/llama-3.1-8b-instruct"), (4, "qwen/qwen2.5-coder-32b-instruct")} <= got, got


def test_llama_cpp_hf_flag_reports_the_repository_once(tmp_path: Path) -> None:
    config = '''models:
  "qwen2.5":
    cmd: >
      /app/llama-server
      -hf unsloth/Qwen3-8B-GGUF:Q4_K_M
      --port 9999
'''
    got = found(tmp_path, "docker/config.example.yaml", config)
    assert {raw for line, raw in got if line == 5} == {"unsloth/Qwen3-8B-GGUF"}, got


def test_typescript_single_argument_is_the_model(tmp_path: Path) -> None:
    path = tmp_path / "AppHost" / "apphost.mts"
    path.parent.mkdir(parents=True)
    path.write_text('const ollama = builder.addOllama("ollama");\nconst m = ollama.addModel("tinyllama");\n')
    import modelmap

    hits = [(f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"]
    assert hits == [(2, "tinyllama")], hits
