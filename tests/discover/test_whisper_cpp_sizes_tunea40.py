"""Whisper checkpoints by their size words where a transcription app picks them: whisper.cpp's quantised names
(`tiny-q5_1`, `large-v3-turbo-q5_0`), a script's array of the sizes it offers, a test comparing a size variable with
a size, a fallback path to a `ggml-<size>.bin`, a compose file's `MODEL_NAME=${MODEL_NAME:-base.en}`. A size word is
an ordinary word (`small`, `base`), so each is read only where a model is bound in a file that names Whisper.
Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found


def test_quantised_whisper_cpp_sizes_in_a_model_table(tmp_path: Path) -> None:
    text = ("// whisper.cpp models offered for download\n"
            "pub fn model_configs() -> Vec<(&'static str, &'static str, u32)> {\n"
            "    let model_configs = vec![\n"
            '        ("tiny", "ggml-tiny.bin", 39),\n'
            '        ("base.en-q5_1", "ggml-base.en-q5_1.bin", 57),\n'
            '        ("medium-q5_0", "ggml-medium-q5_0.bin", 514),\n'
            "    ];\n"
            "    model_configs\n"
            "}\n")
    got = found(tmp_path, "src/whisper/models.rs", text)
    assert {(4, "tiny"), (5, "base.en-q5_1"), (6, "medium-q5_0")} <= got


def test_a_whisper_script_array_of_sizes(tmp_path: Path) -> None:
    text = ("#!/bin/bash\n"
            "# sizes of the whisper models the server can fetch\n"
            "AVAILABLE_MODELS=(\n"
            '    "tiny" "tiny.en" "tiny-q5_1"\n'
            '    "small" "small.en"\n'
            ")\n"
            'QUALITIES=("small" "medium" "large")\n')
    got = found(tmp_path, "run.sh", text)
    assert {(4, "tiny"), (4, "tiny.en"), (4, "tiny-q5_1"), (5, "small"), (5, "small.en")} <= got
    assert not {line for line, _ in got} & {7}  # not a model-named array


def test_the_same_array_in_a_script_that_never_names_whisper_is_no_model(tmp_path: Path) -> None:
    text = "#!/bin/bash\nAVAILABLE_MODELS=(\n    \"tiny\" \"small\" \"medium\"\n)\n"
    assert found(tmp_path, "run.sh", text) == set()


def test_sizes_compared_with_a_size_variable_spliced_into_a_ggml_name(tmp_path: Path) -> None:
    text = ("#!/bin/sh\n"
            "# fetch whisper weights\n"
            'model_size="$1"\n'
            'url="https://example.org/whisper/ggml-${model_size}.bin"\n'
            'if [[ "$model_size" != "tiny.en" && "$model_size" != "base.en" ]]; then\n'
            '    echo "large model"\n'
            "fi\n"
            'if [ "$QUALITY" = "small" ]; then echo q; fi\n'
            '[ "$MODEL" == medium ] && echo m\n')
    got = found(tmp_path, "docker/entrypoint.sh", text)
    assert {(5, "tiny.en"), (5, "base.en"), (9, "medium")} <= got
    assert (8, "small") not in got


def test_sizes_compared_in_a_script_without_whisper_are_no_models(tmp_path: Path) -> None:
    text = '#!/bin/sh\nif [ "$MODEL" == "small" ]; then echo s; fi\n'
    assert (2, "small") not in found(tmp_path, "run.sh", text)


def test_a_fallback_path_to_a_whisper_cpp_weight_file(tmp_path: Path) -> None:
    text = ("#!/bin/bash\n"
            "fallback() {\n"
            '    local fallback_path="models/ggml-base.en.bin"\n'
            '    local notes_path="docs/notes.txt"\n'
            "}\n")
    got = found(tmp_path, "entrypoint.sh", text)
    assert (3, "models/ggml-base.en.bin") in got
    assert (4, "docs/notes.txt") not in got


def test_a_compose_model_default_in_a_whisper_service(tmp_path: Path) -> None:
    text = ("services:\n"
            "  model-downloader:\n"
            "    image: alpine/curl:latest\n"
            "    container_name: whisper-model-downloader\n"
            "    environment:\n"
            "      - MODEL_NAME=${MODEL_NAME:-base.en}\n"
            "      - QUALITY=${QUALITY:-small}\n")
    got = found(tmp_path, "docker-compose.yml", text)
    assert (6, "base.en") in got
    assert (7, "small") not in got


def test_a_compose_model_default_elsewhere_is_no_whisper_size(tmp_path: Path) -> None:
    text = ("services:\n"
            "  app:\n"
            "    image: acme/app:1.0\n"
            "    environment:\n"
            "      - MODEL_NAME=${MODEL_NAME:-base}\n")
    assert (5, "base") not in found(tmp_path, "docker-compose.yml", text)


def test_a_size_default_spliced_into_a_ggml_file_name(tmp_path: Path) -> None:
    text = ("services:\n"
            "  whisper:\n"
            "    image: acme/whisper-server:1.0\n"
            "    healthcheck:\n"
            '      test: ["CMD", "test", "-f", "/models/ggml-${MODEL_NAME:-small.en}.bin"]\n'
            '      retries: 3\n')
    assert (5, "small.en") in found(tmp_path, "compose.yaml", text)


def test_a_fallback_size_bound_to_the_model_to_load(tmp_path: Path) -> None:
    text = ("// picks the whisper model to load\n"
            "pub async fn pick(cfg: Option<Config>) -> String {\n"
            "    let model_to_load = match cfg {\n"
            "        Some(c) => c.model,\n"
            '        None => "small".to_string(),\n'
            "    };\n"
            '    let quality = "small".to_string();\n'
            "    model_to_load\n"
            "}\n")
    got = found(tmp_path, "src/transcription/engine.rs", text)
    assert (5, "small") in got
    assert (7, "small") not in got
