"""Server command lines written in YAML values and scripts: a program given with its folder
(`/opt/venv/bin/vllm serve org/name` under any key), llama.cpp's `-hf org/name-GGUF:<quant>` (the repo, not the
tag), a weight file given to any flag (`--vae x.safetensors`, `--mmproj x.gguf`), and a `cmd: |` block written one
argument a line without backslashes. Fixtures written for these tests, shaped like Helm values for vLLM and a
model-swapping proxy's config."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_VALUES = """resources:
  nvidia.com/gpu: "1"
images:
  vLLM: lmcache/vllm-openai:v0.3.7
# Source: https://huggingface.co/google/gemma-3-27b-it
cli: "/opt/venv/bin/vllm serve google/gemma-3-27b-it
      --tensor-parallel-size 1
      --kv-transfer-config
        '{\\"kv_connector\\":\\"LMCacheConnectorV1\\",\\"kv_role\\":\\"kv_both\\"}'"
"""

_SWAP = """models:
  "small":
    proxy: "http://127.0.0.1:9999"
    cmd: >
      /app/llama-server
      -hf bartowski/SmolLM2-135M-Instruct-GGUF:Q4_K_M
      --port 9999
  image:
    cmd: |
      /app/sd-server
      --listen-port 9999
      --diffusion-model /models/z_image_turbo-Q8_0.gguf
      --vae /models/ae.safetensors
      --llm /models/qwen3-4b-instruct-2507-q8_0.gguf
      --steps 8
"""


def test_a_server_written_with_its_folder_in_a_values_string(tmp_path: Path) -> None:
    assert (6, "google/gemma-3-27b-it") in found(tmp_path, "configs/gemma3-27b-lmcache/values.yaml", _VALUES)


def test_a_hub_repo_with_a_quant_tag_and_weight_files_in_a_cmd_block(tmp_path: Path) -> None:
    got = found(tmp_path, "docker/config.example.yaml", _SWAP)
    assert {(6, "bartowski/SmolLM2-135M-Instruct-GGUF"), (12, "/models/z_image_turbo-Q8_0.gguf"),
            (13, "/models/ae.safetensors"), (14, "/models/qwen3-4b-instruct-2507-q8_0.gguf")} <= got
    assert not any(":Q4_K_M" in raw for _, raw in got)


def test_shell_flags(tmp_path: Path) -> None:
    script = ("#!/bin/sh\nllama-server -hf unsloth/Qwen3-8B-GGUF:Q8_0 --mmproj ./mmproj-F16.gguf --port 8080\n"
              "python quantize.py --outfile ./out/model-q4.gguf --input data.bin\n")
    got = found(tmp_path, "scripts/serve.sh", script)
    assert {(2, "unsloth/Qwen3-8B-GGUF"), (2, "./mmproj-F16.gguf")} <= got
    assert not any(raw.endswith("model-q4.gguf") for _, raw in got)  # written, not loaded


def test_a_tag_after_another_flags_model_is_kept(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/proxy.sh", "#!/bin/sh\nlitellm --model ollama/llama3:8b --port 4000\n")
    assert not any(raw == "ollama/llama3" for _, raw in got)  # only llama.cpp's -hf / --hf-repo drop a quant tag
