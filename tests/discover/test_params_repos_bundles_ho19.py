"""Parameter defaults, repository-named bindings, MediaPipe bundle paths and weight files joined onto a models folder
(tuneC30, opened held-out-19 / held-out-22).

* tree-sitter-swift and tree-sitter-kotlin write a parameter's default beside the ``parameter`` node (``=`` and the
  value are the function's children), so ``from repo: String = "org/x"`` / ``fun f(embeddingModel: String = "x")``
  had no binding;
* a name that says "repository" only (``repo``, ``repoName``, ``debugRepos``) holding an org/name whose name ends in
  a converted model's format (``-coreml``, ``-mlx``, ``-gguf``) is a Hub model repository; a GitHub-style repo
  (``apple/swift-nio``) under the same name is not;
* a MediaPipe ``.task`` bundle written as a path with a model family's stem and size / quantisation is a model file;
  a job's ``ci/deploy.task`` is not;
* Python ``os.path.join(self.model_dir, "codec.pth")``: a weight file joined onto a models-folder variable is a model
  file; a trainer's state file, a config file, or a weight file joined onto another folder is not.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found, found_kinds

_SWIFT = '''\
import Foundation

public struct Downloader {
    public static func download(
        variant: String,
        from repo: String = "argmaxinc/whisperkit-coreml",
        modelRepo: String = "acme/speaker-diarizer-coreml",
        label: String = "acme/speaker-diarizer-coreml"
    ) async throws {}

    let debugRepos = ["acme/whisper-turbo-mlx"]
    let repo = "apple/swift-nio"
}
'''


def test_swift_parameter_defaults_and_repo_names(tmp_path: Path) -> None:
    kinds = found_kinds(tmp_path, "Sources/Kit/Downloader.swift", _SWIFT)
    assert kinds.get((6, "argmaxinc/whisperkit-coreml")) == "hf-repo"
    assert kinds.get((7, "acme/speaker-diarizer-coreml")) == "hf-repo"
    assert (8, "acme/speaker-diarizer-coreml") not in kinds  # `label` says nothing of a repository or a model
    assert kinds.get((11, "acme/whisper-turbo-mlx")) == "hf-repo"
    assert (12, "apple/swift-nio") not in kinds  # a repository name without a model format's word


_KOTLIN = '''\
package demo

class Embedder {
    fun embed(text: String, embeddingModel: String = "acme-embed-7b", retries: Int = 3): List<Float> = emptyList()
    fun tag(text: String, label: String = "acme-embed-7b") {}
}
'''


def test_kotlin_parameter_default_has_its_parameter_as_binding(tmp_path: Path) -> None:
    hits = found(tmp_path, "app/src/main/kotlin/demo/Embedder.kt", _KOTLIN)
    assert (4, "acme-embed-7b") in hits
    assert (5, "acme-embed-7b") not in hits


_DART = '''\
enum Model {
  gemmaLocal(
    baseUrl: 'assets/models/gemma3-1b-it-int4-web.task',
    filename: 'gemma3-1b-it-int4-web.task',
  ),
  deploy(
    baseUrl: 'ci/deploy.task',
    filename: 'deploy.task',
  );

  const Model({required this.baseUrl, required this.filename});
  final String baseUrl;
  final String filename;
}

Future<void> install() async {
  await FlutterGemma.installModel().fromAsset('assets/gemma-3n-E2B-it-int4.task').install();
}
'''


def test_mediapipe_bundle_paths(tmp_path: Path) -> None:
    kinds = found_kinds(tmp_path, "lib/models/model.dart", _DART)
    assert kinds.get((3, "assets/models/gemma3-1b-it-int4-web.task")) == "model-file"
    assert kinds.get((17, "assets/gemma-3n-E2B-it-int4.task")) == "model-file"
    assert (7, "ci/deploy.task") not in kinds and (8, "deploy.task") not in kinds


_PY = '''\
import os


class Synth:
    def load(self):
        codec_path = os.path.join(self.model_dir, "codec.pth")
        speaker_path = os.path.join(self.model_dir, "hf_cache", "campplus_cn_common.bin")
        optim_path = os.path.join(self.model_dir, "optimizer.pt")
        cfg_path = os.path.join(self.model_dir, "config.yaml")
        out_path = os.path.join(self.output_dir, "vocoder.pth")
        return codec_path, speaker_path, optim_path, cfg_path, out_path
'''


def test_weight_file_joined_onto_models_folder(tmp_path: Path) -> None:
    kinds = found_kinds(tmp_path, "synth/infer.py", _PY)
    assert kinds.get((6, "codec.pth")) == "model-file"
    assert kinds.get((7, "campplus_cn_common.bin")) == "model-file"
    assert (8, "optimizer.pt") not in kinds  # a trainer's state file
    assert (9, "config.yaml") not in kinds
    assert (10, "vocoder.pth") not in kinds  # joined onto a folder not named for models


_PY_CONVERTED = '''\
class Engine:
    _GGUF_CACHE_FILENAMES = {
        "neuphonic/neutts-nano-q4-gguf": "neutts-nano-Q4_0.gguf",
        "acme/voice-small-q8-onnx": "model_q8.onnx",
    }
    TOOLS = {"k2-fsa/sherpa-onnx": "asr", "onnx/tensorflow-onnx": "export"}
'''


def test_converted_model_repos_need_no_binding(tmp_path: Path) -> None:
    kinds = found_kinds(tmp_path, "engines/engine.py", _PY_CONVERTED)
    assert kinds.get((3, "neuphonic/neutts-nano-q4-gguf")) == "hf-repo"
    assert kinds.get((4, "acme/voice-small-q8-onnx")) == "hf-repo"
    assert (6, "k2-fsa/sherpa-onnx") not in kinds and (6, "onnx/tensorflow-onnx") not in kinds  # a tool's repository


_SWIFT_VARIANTS = '''\
// Whisper checkpoints the app can download
public enum ModelVariant: CustomStringConvertible {
    case tiny
    case baseEn
    case largev3

    public var description: String {
        switch self {
            case .tiny:
                return "tiny"
            case .baseEn:
                return "base.en"
            case .largev3:
                return "large-v3"
        }
    }
}

public enum Quality: CustomStringConvertible {
    case low
    static let modelRepo = "argmaxinc/whisperkit-coreml"

    public var description: String {
        switch self {
            case .low:
                return "small"
        }
    }
}
'''


def test_switch_on_self_takes_the_enum_name(tmp_path: Path) -> None:
    hits = found(tmp_path, "Sources/Kit/Models.swift", _SWIFT_VARIANTS)
    assert {(10, "tiny"), (12, "base.en"), (14, "large-v3")} <= hits
    assert (26, "small") not in hits  # an enum named for something else


_PY_ENGINE = '''\
class PocketEngine:
    def post_init(self):
        self.engine_name = "pocket_tts_gpu"

    def synthesize(self, client, text):
        return client.ChatCompletion.create(engine="gpt-35-turbo", messages=[{"role": "user", "content": text}])
'''


def test_engine_name_is_the_apps_engine_not_a_model(tmp_path: Path) -> None:
    hits = found(tmp_path, "engines/pocket_engine.py", _PY_ENGINE)
    assert (3, "pocket_tts_gpu") not in hits
    assert (6, "gpt-35-turbo") in hits  # OpenAI's legacy `engine=` is still the model
