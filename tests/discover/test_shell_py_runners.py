"""Trainers launched through a Python project runner (``uv run -m trainer.main key=value ...``, ``poetry run``) take
Hydra / OmegaConf overrides as python does: ``trainer.policy.model.path=org/name``. The runner was not read as a
program start, so none of an RL library's launch scripts gave a finding (found on the held-out-15 scoring, after it
was scored once). A served name (``...served_model_name=``) and a judge's ``...model=`` are model overrides too; a
non-model value under such a key (``trainer.model=fsdp``) is not."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_UV = """\
#!/bin/bash
set -x
uv run --isolated --extra fsdp -m acme_rl.entrypoints.main_base \\
  data.train_data="['$DATA_DIR/train.parquet']" \\
  trainer.algorithm.advantage_estimator="grpo" \\
  trainer.policy.model.path="Qwen/Qwen2.5-1.5B-Instruct" \\
  trainer.critic.model.path="Qwen/Qwen2.5-1.5B-Instruct" \\
  generator.inference_engine.served_model_name=Qwen3-8B \\
  environment.judge.model="gpt-4o-mini" \\
  trainer.model=fsdp \\
  trainer.strategy=fsdp
"""


def test_uv_run_overrides_name_models(tmp_path: Path) -> None:
    assert found(tmp_path, "examples/run_grpo.sh", _UV) == {
        (6, "Qwen/Qwen2.5-1.5B-Instruct"), (7, "Qwen/Qwen2.5-1.5B-Instruct"), (8, "Qwen3-8B"), (9, "gpt-4o-mini")}


def test_poetry_and_pixi_run_too(tmp_path: Path) -> None:
    text = ("poetry run python -m trainer actor.model.path=meta-llama/Llama-3.1-8B-Instruct\n"
            "pixi run train critic.model.name_or_path=deepseek-ai/deepseek-llm-7b-chat\n")
    assert found(tmp_path, "train.sh", text) == {(1, "meta-llama/Llama-3.1-8B-Instruct"),
                                                  (2, "deepseek-ai/deepseek-llm-7b-chat")}


def test_a_runner_word_without_run_starts_nothing(tmp_path: Path) -> None:
    # `uv pip install` / `conda create` are package managers at work, no program with overrides
    text = "uv pip install trainer.model.path=Qwen/Qwen2.5-1.5B-Instruct\nconda create -n rl python=3.11\n"
    assert found(tmp_path, "setup.sh", text) == set()
