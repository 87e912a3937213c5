"""Issue 10, session 30 (tuneB30): a model catalogue's ids where .NET code and its tests take them.

* .NET's ``…Async`` method names (``GetModelAsync``, ``GetModelVariantAsync``) say "model" as their synchronous names
  do, and so do ``model_variant`` / ``model_file`` names;
* a catalogue's ``<name>:<version>`` id (Foundry Local, Azure ML assets) is a model where one is expected;
* a fluent assertion (``Assert.That(x.Model).IsEqualTo("…")``, AssertJ ``assertThat(…).isEqualTo``,
  FluentAssertions ``x.Model.Should().Be("…")``) compares with what it was started on;
* an ``azureml://`` URI of a test catalogue's stand-in (``model-1-generic-gpu``, ``test-model-cpu``) names no model;
* a data file under a model-named binding (``modelFile = "models.json"``) is no model.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CSHARP = """\
namespace Acme.Tests;

public class CatalogTests
{
    public async Task Setup()
    {
        var catalog = await manager.GetCatalogAsync();
        var alias = await catalog.GetModelAsync("acme-chat-7b");
        var variant = await catalog.GetModelVariantAsync("acme-chat-7b-instruct-generic-cpu:4");
        var user = await directory.GetUserAsync("acme-user-7b");
        await Assert.That(response.Model).IsEqualTo("acme-embed-1b-generic-cpu:1");
        await Assert.That(response.Text).IsEqualTo("acme-text-2b");
        response.Model.Should().Be("acme-chat-3b");
    }

    private static List<ModelInfo> TestCatalog() => new()
    {
        new() { Id = "model-1-generic-gpu:1", Uri = "azureml://registries/azureml/models/model-1-generic-gpu/versions/1" },
        new() { Id = "model-2-npu:1", Uri = "azureml://registries/azureml/models/model-2-npu/versions/1" },
        new() { Id = "test-model-cpu:1", Uri = "azureml://registries/azureml/models/test-model-cpu/versions/1" },
        new() { Uri = "azureml://registries/azureml/models/Phi-4-mini-instruct-generic-cpu/versions/5" },
    };
}
"""


def test_csharp_async_model_calls_versions_and_fluent_asserts(tmp_path: Path) -> None:
    got = found(tmp_path, "test/CatalogTests.cs", _CSHARP)
    assert (8, "acme-chat-7b") in got  # GetModelAsync: GetModel's Task-returning twin
    assert (9, "acme-chat-7b-instruct-generic-cpu:4") in got  # a variant id and its catalogue version
    assert (11, "acme-embed-1b-generic-cpu:1") in got  # compared with response.Model
    assert (13, "acme-chat-3b") in got  # FluentAssertions on the Model property
    assert (21, "azureml://registries/azureml/models/Phi-4-mini-instruct-generic-cpu/versions/5") in got
    raws = {raw for _, raw in got}
    assert "acme-user-7b" not in raws  # GetUserAsync says nothing about a model
    assert "acme-text-2b" not in raws  # compared with response.Text
    assert not {r for r in raws if "model-1-" in r or "model-2-" in r or "test-model" in r}  # stand-ins


_JAVA = """\
class ChatResponseTest {
    @Test
    void modelIsEchoed() {
        assertThat(response.getModel()).isEqualTo("acme-chat-7b");
        assertThat(response.getText()).isEqualTo("acme-text-2b");
    }
}
"""


def test_java_fluent_assertion_subject(tmp_path: Path) -> None:
    got = found(tmp_path, "src/test/java/ChatResponseTest.java", _JAVA)
    assert (4, "acme-chat-7b") in got
    assert "acme-text-2b" not in {raw for _, raw in got}


def test_catalogue_version_needs_a_model_name_before_it(tmp_path: Path) -> None:
    text = _CSHARP.replace('"acme-chat-7b-instruct-generic-cpu:4"', '"nginx-proxy:4"')
    got = found(tmp_path, "test/CatalogTests.cs", text)
    assert "nginx-proxy:4" not in {raw for _, raw in got}


_VALUES = """\
replicas: 1
deployment:
  env:
    DEFAULT_MODEL_HG_REPO_ID: TheBloke/starchat-beta-GGML
    DEFAULT_MODEL_FILE: starchat-beta.ggmlv3.q4_0.bin
    LOG_FILE: server.log.1
"""


def test_model_file_setting(tmp_path: Path) -> None:
    got = found(tmp_path, "values/starchat.yaml", _VALUES)
    assert (5, "starchat-beta.ggmlv3.q4_0.bin") in got
    assert "server.log.1" not in {raw for _, raw in got}


_GO = """\
package integration

func serveModels(w http.ResponseWriter, r *http.Request) {
	const modelFile = "models.json"
	const modelFileName = "acme-chat-7b.gguf"
	response, _ := test.FileToBytes(modelFile)
	w.Write(response)
}
"""


def test_model_file_binding_to_a_data_file(tmp_path: Path) -> None:
    got = found(tmp_path, "test/helpers_test.go", _GO)
    assert (5, "acme-chat-7b.gguf") in got
    assert "models.json" not in {raw for _, raw in got}  # a file listing models, not one
