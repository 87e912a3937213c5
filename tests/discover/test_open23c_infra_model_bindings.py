"""Model bindings in infrastructure files and launch settings (held-out-23 follow-up, tuneA29b).

* HCL: an object's quoted or bare key binds its value (`"EMBED_MODEL" = { "value" = "…" }`), and a `{name, value}`
  pair binds the value to the name (Terraform's Kubernetes provider: `env { name = "MODEL_NAME" value = "…" }`), as a
  Kubernetes manifest's `- name: X / value: Y` item does;
* under a name that says "model" (numbered ones too: `MODEL1`), a local folder whose last part reads as a model's name
  with a version or size (`/workspace/acme/translation-eng-2-indic`) and a name versioned with underscores only
  (`bulbul_0_4`), in HCL and in YAML;
* a Visual Studio launch profile's `commandLineArgs` is a command line; a bare `-m` given a weight file names it;
* whisper.cpp's Core ML / OpenVINO encoders (`ggml-base-encoder.mlmodelc`);
* a folder joined onto a models-folder variable (`self.models_dir.join("giga-am-v3-int8")`, Go `filepath.Join`).
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found, found_kinds

MAIN_TF = """\
locals {
  app_env = {
    "MAX_WORKERS" = {
      "value" = "5"
    }
    "TRANSLATE_MODEL_NAME" = {
      "value" = "/workspace/acme/translation-eng-2-formal-indic-2"
    }
    "CACHE_DIR" = {
      "value" = "/workspace/acme/cache-2"
    }
    "SUMMARY_MODEL_NAME" = {
      "value" = "/workspace/acme/summarizer-large"
    }
    "RERANK_MODEL" = "acme-labs/reranker-multilingual-v2"
  }
}

resource "kubernetes_deployment" "tts" {
  metadata {
    name = "speech-tts"
  }
  spec {
    template {
      spec {
        container {
          name  = "tts"
          image = "registry.example.com/tts:1.2.0"

          env {
            name  = "IMAGE_TYPE"
            value = "riva_2_1"
          }

          env {
            name  = "MODEL_NAME"
            value = "bulbul_0_4"
          }

          env {
            name  = "PROMPT_INJECTION_MODEL_NAME"
            value = "protectai/deberta-v3-base-prompt-injection-v2"
          }

          env {
            name  = "MODEL1"
            value = "/workspace/acme/transliteration-pre-tts-eng-2-indic"
          }

          env {
            name  = "LOG_PATH"
            value = "/var/log/acme/tts-2"
          }
        }
      }
    }
  }
}
"""


def test_hcl_object_keys_and_name_value_pairs_bind(tmp_path: Path) -> None:
    got = found(tmp_path, "infra/main.tf", MAIN_TF)
    assert (7, "/workspace/acme/translation-eng-2-formal-indic-2") in got  # "TRANSLATE_MODEL_NAME" = {"value" = …}
    assert (15, "acme-labs/reranker-multilingual-v2") in got  # "RERANK_MODEL" = "org/name"
    assert (37, "bulbul_0_4") in got  # env { name = "MODEL_NAME" value = "bulbul_0_4" }
    assert (42, "protectai/deberta-v3-base-prompt-injection-v2") in got
    assert (47, "/workspace/acme/transliteration-pre-tts-eng-2-indic") in got  # MODEL1: a numbered model variable
    # a cache folder, a model folder named without a version or size, a value under another name, a log folder
    assert not {raw for _, raw in got} & {"/workspace/acme/cache-2", "/workspace/acme/summarizer-large", "riva_2_1",
                                          "/var/log/acme/tts-2", "5", "speech-tts"}


DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: whisper
spec:
  template:
    spec:
      containers:
      - name: whisper
        image: registry.example.com/asr:0.1.2
        env:
        - name: MODEL_NAME
          value: "bulbul_0_4"
        - name: MODEL1
          value: "/workspace/acme/translation-eng-2-indic"
        - name: WHISPER_HF_MODEL_NAME
          value: "/data/models/whisper-ml-hf/1/saaras_0_11"
        - name: MODEL_PATH
          value: "/workspace/acme/summarizer-large"
        - name: CACHE_DIR
          value: "/workspace/acme/cache"
        - name: BUILD_TAG
          value: "release_1_2"
        - name: CHECKPOINT_MODEL_PATH
          value: "/ckpt/checkpoint-1000"
"""


def test_kubernetes_env_local_model_folders_and_underscore_versions(tmp_path: Path) -> None:
    got = found_kinds(tmp_path, "k8s/deployment.yaml", DEPLOYMENT)
    assert got[(13, "bulbul_0_4")] == "api-model"
    assert got[(15, "/workspace/acme/translation-eng-2-indic")] == "model-file"
    assert got[(17, "/data/models/whisper-ml-hf/1/saaras_0_11")] == "model-file"
    assert not {raw for _, raw in got} & {"/workspace/acme/summarizer-large", "/workspace/acme/cache", "release_1_2",
                                          "/ckpt/checkpoint-1000"}


LAUNCH_SETTINGS = """\
{
  "profiles": {
    "Demo Detected": {
      "commandName": "Project",
      "commandLineArgs": "-f romana.wav -l ro"
    },
    "Demo Medium": {
      "commandName": "Project",
      "nativeDebugging": true,
      "commandLineArgs": "-f romana.wav -g Medium -m medium.bin -l ro"
    },
    "Demo TinyEn": {
      "commandName": "Project",
      "commandLineArgs": "-f kennedy.wav -g TinyEn -m tiny-en.bin -l en"
    },
    "Flash": {
      "commandName": "Project",
      "commandLineArgs": "-p COM3 -m firmware.bin"
    }
  }
}
"""


def test_launch_settings_command_line_weight_file(tmp_path: Path) -> None:
    got = found(tmp_path, "Demo/Properties/launchSettings.json", LAUNCH_SETTINGS)
    assert got == {(10, "medium.bin"), (14, "tiny-en.bin")}  # firmware.bin: a `-m` file that reads as no model


def test_bare_m_flag_in_a_script(tmp_path: Path) -> None:
    script = "#!/bin/sh\n./main -m models/ggml-base.en.bin -f samples/jfk.wav\npython -m http.server 8000\n" \
             "./demo -m qwen2-7b-instruct-q4_0.gguf\n./flash -m image.bin\n"
    got = found(tmp_path, "run.sh", script)
    assert (2, "models/ggml-base.en.bin") in got
    assert (4, "qwen2-7b-instruct-q4_0.gguf") in got
    assert not {raw for _, raw in got} & {"http.server", "image.bin"}


CORE_ML = """\
public static class Program
{
    public static async Task Main(string[] args)
    {
        var modelFileName = "ggml-base.bin";
        var wavFileName = "kennedy.wav";
        var coreMlModelcName = "ggml-base-encoder.mlmodelc";
        var encoderDirectoryName = "ggml-small-encoder";
        var otherName = "text-encoder";
    }
}
"""


def test_whisper_cpp_encoder_names(tmp_path: Path) -> None:
    got = found(tmp_path, "examples/CoreML/Program.cs", CORE_ML)
    assert {(7, "ggml-base-encoder.mlmodelc"), (8, "ggml-small-encoder")} <= got
    assert not {raw for _, raw in got} & {"kennedy.wav", "text-encoder"}


MANAGER_RS = """\
impl ModelManager {
    fn migrate(&self) -> Result<()> {
        let old_file = self.models_dir.join("giga-am-v3.int8.onnx");
        let new_dir = self.models_dir.join("giga-am-v3-int8");
        let config = self.models_dir.join("config.json");
        let scratch = self.models_dir.join("tmp-2");
        let partial = self.models_dir.join("giga-am-v3.int8.onnx.partial");
        let logs = self.log_dir.join("run-2024-01-01");
        Ok(())
    }
}
"""


def test_folder_joined_onto_models_dir(tmp_path: Path) -> None:
    got = found(tmp_path, "src/manager.rs", MANAGER_RS)
    assert (4, "giga-am-v3-int8") in got
    assert not {raw for _, raw in got} & {"config.json", "tmp-2", "run-2024-01-01", "giga-am-v3.int8.onnx.partial"}


MODELS_GO = """\
package asr

import "path/filepath"

func paths(modelsDir, outDir string) (string, string) {
	a := filepath.Join(modelsDir, "sherpa-onnx-whisper-tiny-en")
	b := filepath.Join(outDir, "results-2024-05")
	return a, b
}
"""


def test_go_filepath_join_under_models_dir(tmp_path: Path) -> None:
    got = found(tmp_path, "asr/paths.go", MODELS_GO)
    assert (6, "sherpa-onnx-whisper-tiny-en") in got
    assert not any(raw == "results-2024-05" for _, raw in got)
