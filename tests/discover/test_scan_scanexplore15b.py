"""Idioms found on fresh Rust, Ruby and Scala code (scanexplore15b); fixtures written for these tests."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.polyglot import PolyglotSource
from modelmap.types import Finding, Skip

RUST_SOURCES = """\
impl OcrSource {
    pub fn large() -> Self {
        Self::new(
            FileSource::huggingface(
                "microsoft/trocr-large-receipts".to_string(),
                "refs/pr/6".to_string(),
                "model.safetensors".to_string(),
            ),
            FileSource::huggingface(
                String::from("BAAI/bge-large-en-v1.5"),
                "refs/pr/5".to_string(),
                "config.json".to_string(),
            ),
        )
    }

    pub fn tiny() -> Self {
        let model = FileSource::huggingface(
            "acme-audio/whisper-tiny-en-gguf".to_owned(),
            "main".to_owned(),
            "whisper-tiny-en.gguf".to_owned(),
        );
        let title = "Tiny model".to_string();
        model
    }
}
"""


def findings(path: str, text: str, lang: str) -> dict[tuple[int, str], Finding]:
    out: list[Finding | Skip] = list(PolyglotSource().scan(SourceFile(path, text, lang)))  # type: ignore[arg-type]
    return {(f.line, f.raw): f for f in out if isinstance(f, Finding) and f.kind != "endpoint"}


def test_rust_hub_download_calls_through_string_conversions() -> None:
    # "org/name".to_string() / String::from("org/name") / .to_owned() only convert the literal: the call it is passed
    # to (a Hub download's repository argument) is its evidence, so Hub ids the knowledge base does not hold are
    # found; the revision (a git ref) and the generic weight and config file names are not models
    out = findings("src/source.rs", RUST_SOURCES, "rust")
    assert set(out) == {(5, "microsoft/trocr-large-receipts"), (10, "BAAI/bge-large-en-v1.5"),
                        (19, "acme-audio/whisper-tiny-en-gguf"), (21, "whisper-tiny-en.gguf")}
    assert "call:huggingface" in out[(5, "microsoft/trocr-large-receipts")].evidence
    assert out[(5, "microsoft/trocr-large-receipts")].kind == "hf-repo"


RUBY_VCR = """\
class Provider::OpenaiTest < ActiveSupport::TestCase
  setup do
    @subject_model = "gpt-4.1"
  end

  test "handles errors" do
    VCR.use_cassette("openai/chat/error") do
      response = @subject.chat_response("test", model: "gpt-4.1")
    end
    VCR.insert_cassette("anthropic/messages/claude-basic")
  end
end
"""


def test_vcr_cassette_names_are_recorded_exchanges_not_models() -> None:
    out = findings("test/models/provider/openai_test.rb", RUBY_VCR, "ruby")
    assert set(out) == {(3, "gpt-4.1"), (8, "gpt-4.1")}


KOTLIN_MEDIAPIPE = """\
class DigitClassifierHelper(private val context: Context) {
    fun setupDigitClassifier() {
        val baseOptionsBuilder = BaseOptions.builder()
            .setModelAssetPath("digits_v2.tflite")
        val title = "Digit classifier"
    }
}
"""


def test_mediapipe_tasks_model_asset_path_takes_a_model() -> None:
    # BaseOptions.builder().setModelAssetPath("…"): MediaPipe Tasks' model bundle, in Java and Kotlin Android apps
    out = findings("app/src/main/java/DigitClassifierHelper.kt", KOTLIN_MEDIAPIPE, "kotlin")
    assert set(out) == {(4, "digits_v2.tflite")}
    assert "call:setModelAssetPath" in out[(4, "digits_v2.tflite")].evidence


RAILS_FIXTURE = """\
chat1_user:
  type: UserMessage
  content: Can you help me understand my spending habits?
  chat: one
  ai_model: gpt-4.1

chat2_assistant_reasoning:
  type: AssistantMessage
  ai_model: gpt-4.1-mini
"""

ROUTER_CONFIG = """\
qwen-7b-api:
  type: dashscope
  model: qwen-7b-chat
"""

CARGO = """\
[package]
name = "llama-chat"
version = "0.1.0"

[dependencies]
kalosm-llama = { path = "./models/kalosm-llama", version = "0.4.0" }

[[example]]
name = "claude-3-5-haiku"
required-features = ["anthropic"]

[package.metadata.demo]
default_model = "gpt-4o-mini"
"""


def _config_findings(path: str, text: str) -> set[tuple[int, str]]:
    from modelmap.discover.config_files import ConfigFileSource

    fmt = "toml" if path.endswith(".toml") else "yaml"
    return {(f.line, f.raw) for f in ConfigFileSource().scan(SourceFile(path, text, fmt))
            if isinstance(f, Finding) and f.kind != "endpoint"}


def test_test_fixture_record_labels_are_not_model_selectors() -> None:
    # Rails fixtures: the top-level keys label rows; the model is the row's ai_model. Elsewhere an entry named for the
    # model it configures is still a selector
    assert _config_findings("test/fixtures/messages.yml", RAILS_FIXTURE) == {(5, "gpt-4.1"), (9, "gpt-4.1-mini")}
    assert (1, "qwen-7b-api") in _config_findings("config/models.yml", ROUTER_CONFIG)


def test_cargo_manifest_names_and_paths_are_not_models() -> None:
    assert _config_findings("Cargo.toml", CARGO) == {(13, "gpt-4o-mini")}
