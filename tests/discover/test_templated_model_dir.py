"""A folder directly under a directory variable named for models, written as a string template
(``"${ASR_MODEL_DIR}/<folder>"``, Kotlin ``"$modelsDir/<folder>"``, Ruby ``"#{model_path}/<folder>"``): the folder is a
model's, reported by its own name (polyglot ``_model_dir_tail``). Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

KOTLIN = '''package demo.asr

const val ASR_MODEL_DIR = "/data/local/tmp/asr_models"

fun asrFolder(kind: Int): String {
    val dir = when (kind) {
        0 -> "${ASR_MODEL_DIR}/sherpa-onnx-streaming-zipformer-bilingual-zh-en-2023-02-20"
        1 -> "${ASR_MODEL_DIR}/sherpa-onnx-streaming-paraformer-en-2024-03-01"
        else -> ASR_MODEL_DIR
    }
    return dir
}

fun files(modelDir: String, cacheDir: String): List<String> = listOf(
    "$modelDir/config.json",
    "$modelDir/encoder-epoch-30-avg-2.int8.onnx",
    "$modelDir/cache",
    "${cacheDir}/qwen2.5-1.5b-instruct",
    "$modelDir/qwen2.5-1.5b-instruct",
)
'''


def test_kotlin_folder_under_model_dir(tmp_path: Path) -> None:
    got = found(tmp_path, "app/src/main/java/demo/asr/Folders.kt", KOTLIN)
    assert (7, "sherpa-onnx-streaming-zipformer-bilingual-zh-en-2023-02-20") in got
    assert (8, "sherpa-onnx-streaming-paraformer-en-2024-03-01") in got
    assert (19, "qwen2.5-1.5b-instruct") in got
    lines = {line for line, _ in got}
    assert not lines & {15, 16, 17, 18}  # files in the directory, a scratch folder, a cache directory's folder


RUBY = '''class Loader
  def path_for(model_path)
    "#{model_path}/bge-m3-int8-v2"
  end

  def log_for(log_dir)
    "#{log_dir}/run-2024-01-01"
  end
end
'''


def test_ruby_interpolation(tmp_path: Path) -> None:
    got = found(tmp_path, "lib/loader.rb", RUBY)
    assert (3, "bge-m3-int8-v2") in got
    assert not {raw for line, raw in got if line == 7}
