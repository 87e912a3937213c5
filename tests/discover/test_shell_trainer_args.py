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


LAUNCH = """#!/usr/bin/env bash
huggingface-cli download Qwen/Qwen2-7B-Instruct --local-dir $HOME/models/Qwen2-7B-Instruct &
HF_MODEL_PATH=/data/models/moonshotai/Moonlight-16B-A3B-Instruct
DIST_CKPT_PATH=/data/mcore_ckpt/Moonlight-16B-A3B-Instruct
SAVE_PATH="${WORK_DIR}/exp/Qwen3-4B-Thinking"
LOG_PATH=/var/log/run-7b
python3 -m trainer.main_ppo \\
    algorithm.use_pf_ppo=True \\  # a comment after the backslash ends the command here
    actor_rollout_ref.model.path=deepseek-ai/deepseek-llm-7b-chat \\
    critic.model.path="$HOME/models/Qwen2-7B-Instruct"
srun --nodes=1 bash -c \\
"pip install ray && ray job submit --address=http://localhost:8265 \\
    -- python3 -m acme.cli.train_ppo_ray \\
    --actor.model_name_or_path OpenRLHF/Llama-3-8b-sft-mixture \\
    --ckpt.path /ckpt/llama3-8b-rlhf"
payload=$(jq -n '{
    model: "deepseek-ai/DeepSeek-R1",
    messages: []
}')
curl -d "{\\"model\\": \\"qwen-plus\\", \\"stream\\": true}" http://localhost:8000/v1/chat/completions
"""


def test_model_folders_nested_commands_and_json_bodies(tmp_path: Path) -> None:
    """Held-out shapes: a download's ``--local-dir`` under ``$HOME``, variables naming checkpoint folders,
    overrides cut off from their command by a comment, a trainer launched inside ``bash -c "…"``, and a model
    key inside a jq filter or an escaped JSON body."""
    (tmp_path / "launch.sh").write_text(LAUNCH)
    got = {(f.line, f.raw) for f in modelmap.scan(tmp_path).findings}
    assert (2, "Qwen/Qwen2-7B-Instruct") in got
    assert (2, "$HOME/models/Qwen2-7B-Instruct") in got
    assert (3, "/data/models/moonshotai/Moonlight-16B-A3B-Instruct") in got
    assert (4, "/data/mcore_ckpt/Moonlight-16B-A3B-Instruct") in got
    assert (5, "${WORK_DIR}/exp/Qwen3-4B-Thinking") in got
    assert (9, "deepseek-ai/deepseek-llm-7b-chat") in got
    assert (10, "$HOME/models/Qwen2-7B-Instruct") in got
    assert (14, "OpenRLHF/Llama-3-8b-sft-mixture") in got
    assert (15, "/ckpt/llama3-8b-rlhf") in got
    assert (17, "deepseek-ai/DeepSeek-R1") in got
    assert (20, "qwen-plus") in got
    raws = {raw for _line, raw in got}
    # a log folder is not a model folder, whatever its name; settings are not models
    assert not raws & {"/var/log/run-7b", "True", "ray"}
