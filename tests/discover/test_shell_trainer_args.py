"""RL/fine-tune trainers' command lines (issue 10): Hydra overrides naming a model (verl-style
``actor_rollout_ref.model.path=…``) and dotted flags (OpenRLHF-style ``--actor.model_name_or_path``) are read;
overrides that only mention a model section (``…model.use_remove_padding=True``) are not models."""

from __future__ import annotations

from pathlib import Path

import modelmap

SCRIPT = """#!/usr/bin/env bash
set -x
python3 -m trainer.main_ppo \\
    data.train_batch_size=1024 \\
    actor_rollout_ref.model.path=Qwen/Qwen2.5-7B-Instruct \\
    actor_rollout_ref.model.use_remove_padding=True \\
    actor_rollout_ref.model.enable_gradient_checkpointing=True \\
    critic.model.path=/data/ckpt/Llama-3.1-8B-Instruct \\
    actor_rollout_ref.rollout.name=vllm \\
    trainer.project_name=ppo_example \\
    trainer.experiment_name=qwen2_7b_function_rm

deepspeed --module acme.cli.train_dpo \\
   --actor.model_name_or_path meta-llama/Llama-3.1-8B-Instruct \\
   --reward.model_name_or_path acme/Llama-3-8b-rm-mixture \\
   --ckpt.output_dir ./checkpoint/llama3-8b-dpo \\
   --train.micro_batch_size 8 \\
   --vllm.tensor_parallel_size 2
"""


def test_trainer_overrides_and_dotted_flags(tmp_path: Path) -> None:
    (tmp_path / "train.sh").write_text(SCRIPT)
    got = {(f.line, f.raw) for f in modelmap.scan(tmp_path).findings}
    assert (5, "Qwen/Qwen2.5-7B-Instruct") in got
    assert (8, "/data/ckpt/Llama-3.1-8B-Instruct") in got
    assert (14, "meta-llama/Llama-3.1-8B-Instruct") in got
    assert (15, "acme/Llama-3-8b-rm-mixture") in got
    assert (16, "./checkpoint/llama3-8b-dpo") in got  # what the run writes: a model directory
    raws = {raw for _line, raw in got}
    # settings under a model section, rollout engines, project and run names are not models
    assert not raws & {"True", "vllm", "ppo_example", "qwen2_7b_function_rm", "1024", "8", "2"}


def test_overrides_outside_a_command_that_runs_something_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.sh").write_text("echo critic.model.path=Qwen/Qwen2.5-7B-Instruct\n")
    assert not [f for f in modelmap.scan(tmp_path).findings if f.raw == "Qwen/Qwen2.5-7B-Instruct"]
