"""C# shapes grouped from held-out-10's misses (scanfix14b, issue 10): JSON in a verbatim literal, equality assertions
and Microsoft.Extensions.AI calls, written here as our own fixtures (no corpus code)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify


def _found(tmp_path: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}


CS_TESTS = '''using Xunit;

public class EmbedConfigTests
{
    [Fact]
    public void Parses()
    {
        var json = @"{
            ""embeddings"": {
                ""type"": ""ollama"",
                ""model"": ""nomic-embed-text"",
                ""title"": ""notes""
            }
        }";
        var gen = Load(json);
        Assert.Equal("nomic-embed-text", gen.ModelName);
        Assert.Equal("notes", gen.Title);
        Assert.AreEqual("mxbai-embed-large", gen.Model);
    }
}
'''

JAVA_TEST = '''class ConfigTest {
    @Test
    void readsModel() {
        assertEquals("gpt-4o-mini", config.getModel());
        assertEquals("hello", config.getGreeting());
    }
}
'''


def test_csharp_verbatim_json_and_equality_assertions(tmp_path: Path) -> None:
    (tmp_path / "EmbedConfigTests.cs").write_text(CS_TESTS)
    (tmp_path / "ConfigTest.java").write_text(JAVA_TEST)
    found = _found(tmp_path)
    assert ("EmbedConfigTests.cs", 11, "nomic-embed-text") in found  # ""model"": ""…"" in a verbatim literal
    assert ("EmbedConfigTests.cs", 16, "nomic-embed-text") in found  # Assert.Equal(expected, gen.ModelName)
    assert ("EmbedConfigTests.cs", 18, "mxbai-embed-large") in found  # Assert.AreEqual
    assert ("ConfigTest.java", 4, "gpt-4o-mini") in found  # assertEquals(expected, config.getModel())
    raws = {raw for _, _, raw in found}
    assert not raws & {"notes", "ollama", "hello"}


CS_MEAI = '''public class Setup
{
    public void Build(HttpClient http)
    {
        var embed = new OllamaEmbeddingGenerator(http, "http://localhost:11434", "nomic-embed-text", 768, true);
        var chat = client.AsChatClient("qwen-max");
        var azure = new AzureEmbedder(http, "https://acme.openai.azure.com", "deployment", "model", "my-api-key", 1536);
    }
}
'''


def test_csharp_extensions_ai_calls_and_key_placeholders(tmp_path: Path) -> None:
    (tmp_path / "Setup.cs").write_text(CS_MEAI)
    found = _found(tmp_path)
    assert ("Setup.cs", 5, "nomic-embed-text") in found
    assert ("Setup.cs", 6, "qwen-max") in found
    assert not {raw for _, _, raw in found} & {"my-api-key", "deployment", "model"}
    assert classify("my-api-key", "key") is None and classify("bad-token", "api") is None

