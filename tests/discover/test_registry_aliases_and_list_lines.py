"""A model registered with its other names (``register(Chat("gpt-4o"), aliases=("4o",))``), a variant id spelt as a
recognised id plus a suffix beside it (``EmbeddingModel("text-embedding-3-small-512", "text-embedding-3-small",
512)``), and a test data file whose line is a comma-separated list of models. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.polyglot import ModelListSource
from tests.discover.scan_helpers import found

_PLUGIN = '''\
from myapp import hookimpl, Chat, EmbeddingModel, Command


@hookimpl
def register_models(register):
    register(
        Chat("gpt-4o", vision=True),
        aliases=("4o", "omni"),
    )
    register(Chat("gpt-3.5-turbo"), aliases=("3.5", "chatgpt"))
    register(Command("deploy"), aliases=("dep", "d"))


@hookimpl
def register_embedding_models(register):
    register(
        EmbeddingModel("text-embedding-3-small-512", "text-embedding-3-small", 512),
        aliases=("3-small-512",),
    )
    register(EmbeddingModel("my-notes-index", "text-embedding-3-small"))
'''


def test_aliases_beside_a_registered_model_are_its_names(tmp_path: Path) -> None:
    got = found(tmp_path, "app/plugins/models.py", _PLUGIN)
    assert {(8, "4o"), (8, "omni"), (10, "3.5"), (10, "chatgpt"), (18, "3-small-512")} <= got
    # a command's aliases: no model registered beside them
    assert not any(raw in ("dep", "d", "deploy") for _, raw in got)


def test_a_variant_spelt_as_its_base_id_plus_a_suffix_is_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "app/plugins/models.py", _PLUGIN)
    assert (17, "text-embedding-3-small-512") in got
    # an index named otherwise beside the same model is the app's own thing
    assert not any(raw == "my-notes-index" for _, raw in got)


def test_aliases_of_something_that_is_no_model_are_not_read(tmp_path: Path) -> None:
    text = 'parser.add_parser("serve", aliases=("s", "run"))\nfield = Field("name", alias="fullName")\n'
    assert found(tmp_path, "app/cli.py", text) == set()


_TEST_DATA = ("hallo world!,bonjour le monde!,ciao mondo!\n"
              "gpt-4o,gpt-4,gpt-3.5-turbo,text-davinci-003,davinci,curie\n"
              "o200k_base,cl100k_base,p50k_base,r50k_base\n"
              "gpt-4o,0.91,1200\n")


def test_a_comma_separated_line_of_models_in_a_test_data_file(tmp_path: Path) -> None:
    got = found(tmp_path, "test/test.txt", _TEST_DATA)
    line2 = {raw for line, raw in got if line == 2}
    assert line2 == {"gpt-4o", "gpt-4", "gpt-3.5-turbo", "text-davinci-003", "davinci", "curie"}
    # encodings, greetings, and a results row naming one model are no model list
    assert not any(line != 2 for line, _ in got)


def test_a_line_with_too_few_known_models_is_not_a_list(tmp_path: Path) -> None:
    text = "alpha,beta,gpt-4o,gamma,delta,epsilon\nred;green;blue;gpt-4\n"
    assert found(tmp_path, "data/words.txt", text) == set()


def test_text_files_that_never_list_models() -> None:
    source = ModelListSource()
    assert source.applies_to("test/test.txt")
    for path in ("requirements.txt", "requirements-dev.txt", "LICENSE.txt", "tokenizer/vocab.txt", "CMakeLists.txt"):
        assert not source.applies_to(path), path


_CLI_SPEC = '''\
require "open3"

RSpec.describe "sublayer new" do
  it "writes the chosen model into the project" do
    input = "CLI\\nOpenAI\\ngpt-4o\\nn\\n\\n"
    output, status = Open3.capture2e("bin/tool new demo", stdin_data: input)
    expect(status.success?).to be true
    content = File.read("demo/demo.rb")
    expect(content).to include('Tool.configuration.ai_model = "gpt-4o-mini"')
    expect(content).to include('Tool.configuration.ai_provider = Tool::Providers::OpenAI')
    expect(output).to include("Name\\nDescription\\nDone\\n")
    expect(content).to include('config.model_dir = "tmp"')
  end
end
'''


def test_an_answer_typed_on_stdin_is_read_line_by_line(tmp_path: Path) -> None:
    got = found(tmp_path, "spec/integration/new_spec.rb", _CLI_SPEC)
    assert (5, "gpt-4o") in got
    assert not any(raw in ("CLI", "OpenAI", "Name", "Description", "Done") for _, raw in got)


def test_code_held_in_a_string_assigning_a_model_named_setting(tmp_path: Path) -> None:
    got = found(tmp_path, "spec/integration/new_spec.rb", _CLI_SPEC)
    assert (9, "gpt-4o-mini") in got
    assert not any(raw in ("tmp", "Tool::Providers::OpenAI") for _, raw in got)


def test_escaped_lines_and_embedded_assignments_in_go(tmp_path: Path) -> None:
    text = ('package main\n\nfunc TestNew(t *testing.T) {\n\trun(t, "Anthropic\\nclaude-3-5-haiku-latest\\ny\\n")\n'
            '\tassertContains(t, out, "llm.Model = \\"gpt-4.1\\"")\n\tfmt.Println("one\\ntwo\\nthree\\n")\n}\n')
    got = found(tmp_path, "cmd/new_test.go", text)
    assert {(4, "claude-3-5-haiku-latest"), (5, "gpt-4.1")} <= got
    assert not any(raw in ("one", "two", "three", "Anthropic") for _, raw in got)


_GO_SWITCH = '''\
package model

const (
	ModelLlama70b string = "llama3:70b"
	ModelPhi3     string = "phi3:instruct"
)

func ProcessModelName(modelName string) (string, error) {
	switch modelName {
	case "acme-4":
		return ModelLlama70b, nil
	case "acme-small":
		return ModelPhi3, nil
	case "passthrough":
		return modelName, nil
	}
	return modelName, nil
}

func Route(kind string) string {
	switch kind {
	case "fast-lane":
		return ModelPhi3
	}
	return ""
}
'''


def test_a_switch_on_the_model_name_maps_the_apps_names_to_models(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/model/models.go", _GO_SWITCH)
    assert {(10, "acme-4"), (12, "acme-small")} <= got
    # a label whose clause gives no model back, and a switch on something else
    assert not any(raw in ("passthrough", "fast-lane") for _, raw in got)


def test_vertex_paths_with_a_fill_in_model_and_secrets_named_for_a_service(tmp_path: Path) -> None:
    text = ('package genai\n\nfunc TestPaths(t *testing.T) {\n\tpath := "publishers/google/models/model-name"\n'
            '\treal := "publishers/google/models/gemini-2.5-flash"\n\tkey := "gemini-api-key-env"\n'
            '}\n')
    got = found(tmp_path, "api_client_test.go", text)
    assert (5, "publishers/google/models/gemini-2.5-flash") in got
    assert not any(raw in ("publishers/google/models/model-name", "gemini-api-key-env") for _, raw in got)


_NUNIT = '''\
using NUnit.Framework;

public class ModelTests
{
    [TestCase("ada")]
    [TestCase("curie")]
    public async Task RetrievesDetails(string modelId)
    {
        var details = await api.Models.RetrieveModelDetailsAsync(modelId);
    }

    [TestCase("ada", 3)]
    public void CountsLetters(string word, int count)
    {
        Assert.AreEqual(count, word.Length);
    }

    [InlineData(7, "davinci")]
    public void Picks(int n, string engineModel) { }
}
'''


def test_a_test_case_argument_is_bound_to_its_parameter(tmp_path: Path) -> None:
    got = found(tmp_path, "Tests/ModelTests.cs", _NUNIT)
    assert {(5, "ada"), (6, "curie"), (18, "davinci")} <= got
    # the same word passed as a parameter named otherwise is a word
    assert (12, "ada") not in got


_SWIFT_ENUM = '''\
public enum FogModel: String, CaseIterable {
    case llama3_3 = "llama3.3"
    case llama3_2_1B = "llama3.2:1b"
    case phi4 = "phi4"
    case gemma_2B = "gemma:2b"
    case tinyllama
    case mistral, mixtral
    case llama3_2_3B
}

public enum Screen: String {
    case settings = "settings"
    case about = "about"
    case mistral
}

struct Reply {
    let body = Response(id: "1", model: "spezi-mock", created: 0)
}
'''


def test_a_swift_enum_case_without_a_raw_value_is_named_by_its_case(tmp_path: Path) -> None:
    got = found(tmp_path, "Sources/Fog/FogModel.swift", _SWIFT_ENUM)
    assert {(6, "tinyllama"), (7, "mistral"), (7, "mixtral")} <= got
    # a Swift spelling that is no tag, and the same word in an enum that lists no models
    assert not any(raw == "llama3_2_3B" for _, raw in got)
    assert (14, "mistral") not in got


def test_a_test_double_named_for_the_library(tmp_path: Path) -> None:
    got = found(tmp_path, "Sources/Fog/FogModel.swift", _SWIFT_ENUM)
    assert not any(raw == "spezi-mock" for _, raw in got)


def test_a_name_built_on_a_model_for_the_apps_own_thing_is_no_variant(tmp_path: Path) -> None:
    text = 'store = Cache("gpt-4o", "gpt-4o-cache", 3600)\nemb = Embedding("text-embedding-3-large-256", "text-embedding-3-large")\n'
    got = found(tmp_path, "app/cache.py", text)
    assert (2, "text-embedding-3-large-256") in got
    assert not any(raw == "gpt-4o-cache" for _, raw in got)


def test_a_switchs_tier_presets_are_no_aliases(tmp_path: Path) -> None:
    text = ('class Helpers\n{\n    static string Pick(string model)\n    {\n        model = model switch\n        {\n'
            '            "free-fast" => "google/gemini-2.0-flash-exp:free",\n            "latest-smart" => "o3",\n'
            '            "acme-reasoner" => "o3",\n            _ => model,\n        };\n        return model;\n    }\n}\n')
    got = found(tmp_path, "src/Cli/Helpers.cs", text)
    assert (9, "acme-reasoner") in got
    assert not any(raw in ("free-fast", "latest-smart") for _, raw in got)


def test_a_fields_alias_is_its_name_in_the_data(tmp_path: Path) -> None:
    text = ('from pydantic import BaseModel, Field\n\n\nclass TTSConfig(BaseModel):\n'
            '    default_model: str = Field("FunAudioLLM/CosyVoice2-0.5B", alias="default_model")\n'
            '    model: str = Field("speech-02-turbo", alias="tts_model_name")\n')
    got = found(tmp_path, "app/config_manager/tts.py", text)
    assert (5, "FunAudioLLM/CosyVoice2-0.5B") in got
    assert not any(raw in ("default_model", "tts_model_name") for _, raw in got)
