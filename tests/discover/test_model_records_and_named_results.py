"""Issue 10, session 29 (tuneA29): an app's catalogue of model records (a Rust struct literal typed ``ModelInfo``:
its id, the map key it is filed under, its file or folder name, its download URL), JSON kept in a Rust raw string,
the case values of a switch a model-named function returns (C# ``GetModelName(type) => type switch { … }``), and a
``.bin`` file under a name that says model file."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CATALOGUE = """\
use std::collections::HashMap;

pub fn load_models() -> HashMap<String, ModelInfo> {
    // Whisper checkpoints are downloaded on first use
    let mut available = HashMap::new();
    available.insert(
        "small".to_string(),
        ModelInfo {
            id: "small".to_string(),
            name: "Whisper Small".to_string(),
            filename: "ggml-small.bin".to_string(),
            source: ModelSource::Url {
                url: "https://cdn.example.org/files/ggml-small.bin".to_string(),
                sha256: None,
            },
            size_mb: 465,
        },
    );
    available.insert(
        "moonshine-base".to_string(),
        ModelInfo {
            id: "moonshine-base".to_string(),
            name: "Moonshine Base".to_string(),
            filename: "moonshine-base".to_string(),
            source: ModelSource::Url {
                url: "https://cdn.example.org/files/moonshine-base.tar.gz".to_string(),
                sha256: None,
            },
            size_mb: 58,
        },
    );
    available.insert(
        "parakeet-v2".to_string(),
        ModelInfo {
            id: "parakeet-tdt-0.6b-v2".to_string(),
            name: "Parakeet V2".to_string(),
            filename: "parakeet-tdt-0.6b-v2-int8".to_string(),
            source: ModelSource::Url {
                url: "https://cdn.example.org/".to_string(),
                sha256: None,
            },
            size_mb: 473,
        },
    );
    available
}

pub fn settings() -> Settings {
    Settings { theme: "dark-blue".to_string(), language: "en-us".to_string() }
}
"""


def test_rust_model_record_fields_and_insert_key(tmp_path: Path) -> None:
    got = found(tmp_path, "src/managers/model.rs", _CATALOGUE)
    assert (7, "small") in got  # the map key that repeats the record's id
    assert (9, "small") in got  # a Whisper size as the app's id, in a file about Whisper
    assert (13, "https://cdn.example.org/files/ggml-small.bin") in got
    assert (20, "moonshine-base") in got and (22, "moonshine-base") in got
    assert (24, "moonshine-base") in got  # the model's folder
    assert (26, "https://cdn.example.org/files/moonshine-base.tar.gz") in got  # an archive of the folder
    assert (35, "parakeet-tdt-0.6b-v2") in got
    assert (37, "parakeet-tdt-0.6b-v2-int8") in got
    # a key that is not the record's id, a URL with no file, display names and another struct's fields: no models
    assert not {raw for _, raw in got} & {"parakeet-v2", "https://cdn.example.org/", "Whisper Small", "dark-blue",
                                          "en-us"}


def test_struct_not_named_for_a_model_gives_no_evidence(tmp_path: Path) -> None:
    text = _CATALOGUE.replace("ModelInfo {", "DownloadJob {").replace("HashMap<String, ModelInfo>", "HashMap<String, DownloadJob>")
    got = found(tmp_path, "src/jobs.rs", text)
    assert not {raw for _, raw in got} & {"small", "moonshine-base", "parakeet-tdt-0.6b-v2-int8",
                                          "https://cdn.example.org/files/moonshine-base.tar.gz"}


_RUST_RAW_JSON = '''\
#[cfg(test)]
mod tests {
    #[test]
    fn migrates_old_settings() {
        let old = r##"{
            "post_process_models": { "openai": "gpt-4o-mini" },
            "theme": "dark"
        }"##;
        assert!(migrate(old).is_ok());
    }
}
'''


def test_rust_raw_string_json_is_read(tmp_path: Path) -> None:
    got = found(tmp_path, "src/settings.rs", _RUST_RAW_JSON)
    assert (6, "gpt-4o-mini") in got


_CSHARP = """\
namespace Acme.Speech;

public static class Downloader
{
    private static string GetModelName(GgmlType type)
    {
        return type switch
        {
            GgmlType.Tiny => "ggml-tiny",
            GgmlType.TinyEn => "ggml-tiny.en",
            GgmlType.LargeV3 => "ggml-large-v3",
            _ => throw new ArgumentOutOfRangeException(nameof(type))
        };
    }

    private static string GetQuantizationFolder(QuantizationType q) => q switch
    {
        QuantizationType.Q4 => "q4-0",
        QuantizationType.Q5 => "q5-1",
        _ => "classic-ggml"
    };

    public static string ModelFile()
    {
        var modelFileName = "ggml-largev3.bin";
        var wavFileName = "kennedy-speech.bin";
        return modelFileName;
    }
}
"""


def test_switch_values_returned_by_a_model_named_function(tmp_path: Path) -> None:
    got = found(tmp_path, "src/Downloader.cs", _CSHARP)
    assert {(9, "ggml-tiny"), (10, "ggml-tiny.en"), (11, "ggml-large-v3")} <= got
    assert not {raw for _, raw in got} & {"q4-0", "q5-1", "classic-ggml"}  # a function named for something else
    assert (25, "ggml-largev3.bin") in got  # `.bin` under a name that says model file
    assert not {raw for _, raw in got} & {"kennedy-speech.bin"}


_RUST_TEST_FIXTURES = """\
const WHISPER_LANGUAGES: &[&str] = &["en", "zh", "de", "yi", "lo"];

#[cfg(test)]
mod tests {
    #[test]
    fn discovers_custom_models() {
        let whisper_languages = vec!["en", "yi", "haw"];
        let custom = models_dir.join("my-gguf-model.gguf");
        let hidden = models_dir.join(".hidden-model.gguf");
        let repo_file = "org/repo/model-Q8_0.gguf";
        let other = "someone/llama-7b/llama-q8.gguf";
        let real = models_dir.join("qwen2.5-0.5b-instruct-q4_k_m.gguf");
    }
}
"""


def test_placeholder_files_hidden_files_and_language_lists_are_no_models(tmp_path: Path) -> None:
    got = found(tmp_path, "src/managers/model.rs", _RUST_TEST_FIXTURES)
    raws = {raw for _, raw in got}
    assert not raws & {"yi", "lo", "haw", "my-gguf-model.gguf", ".hidden-model.gguf", "org/repo/model-Q8_0.gguf",
                       "someone/llama-7b/llama-q8.gguf"}
    assert (12, "qwen2.5-0.5b-instruct-q4_k_m.gguf") in got  # a real model's file beside them still is one
