"""Deployment blueprints in JSON: `{key, value}` env items, argument lists named `*_args`, and deployment names that
end in a GPU or a parallelism setting (held-out-27, session 33)."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

BLUEPRINT = """{
  "recipe_mode": "service",
  "deployment_name": "whisper-transcription-a10",
  "recipe_container_env": [
    {"key": "Model_Name", "value": "NousResearch/Meta-Llama-3.1-8B"},
    {"key": "Model_Path", "value": "/models/NousResearch/Meta-Llama-3.1-8B"},
    {"key": "MODEL_NAME", "value": "mistral"},
    {"key": "Logging_Steps", "value": "1"}
  ],
  "recipe_container_command_args": [
    "--model",
    "/models/meta-llama/Llama-4-Scout-17B-16E-Instruct",
    "--tensor-parallel-size",
    "8"
  ]
}
"""


def test_blueprint_env_items_and_argument_list(tmp_path: Path) -> None:
    hits = found(tmp_path, "blueprints/vllm.json", BLUEPRINT)
    assert hits == {(5, "NousResearch/Meta-Llama-3.1-8B"), (6, "/models/NousResearch/Meta-Llama-3.1-8B"),
                    (7, "mistral"), (12, "/models/meta-llama/Llama-4-Scout-17B-16E-Instruct")}


DOWNLOADER = """{
  "deployment_name": "model_to_object",
  "recipe_container_command_args": [
    "NousResearch/Meta-Llama-3.1-405B-FP8",
    "--local-dir",
    "/models",
    "--max-workers",
    "16"
  ]
}
"""


def test_positional_hub_id_in_an_argument_list_without_its_program(tmp_path: Path) -> None:
    assert found(tmp_path, "blueprints/download.json", DOWNLOADER) == {(4, "NousResearch/Meta-Llama-3.1-405B-FP8")}


def test_deployment_name_tails() -> None:
    assert classify("whisper-transcription-a10", "key") is None
    assert classify("gpt-oss-tp2", "key") is None
    assert classify("gpt-oss-120b", "key") is not None
