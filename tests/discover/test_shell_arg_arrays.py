"""Launch scripts of Megatron-style trainers (Megatron-LM, slime, verl's Megatron backend) keep a command's
arguments in bash arrays written one flag a line and splice them in later (``"${CKPT_ARGS[@]}"``); their checkpoint
folders are named by --hf-checkpoint / --load / --ref-load / --save. Found on the opened held-out-14 (a training
framework's scripts: no finding at all before). A folder's closing slash is not part of its name."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SCRIPT = """\
#!/bin/bash
BASE_DIR=/data/models
source "${SCRIPT_DIR}/models/qwen3-8B.sh"

CKPT_ARGS=(
   --hf-checkpoint ${BASE_DIR}/Qwen3-8B
   --ref-load /root/Qwen3-8B_torch_dist/
   --load /root/Qwen3-8B_slime/
   --save /root/Qwen3-8B_slime/
   --save-interval 20
)

EXTRA_ARGS=(
   --save ${SAVE_DIR}/ckpt
   --load /root/checkpoints/
   --rollout-batch-size 32
)

python3 train.py "${CKPT_ARGS[@]}" "${EXTRA_ARGS[@]}"
"""


def test_flag_lines_of_an_argument_array_are_read_as_arguments(tmp_path: Path) -> None:
    assert found(tmp_path, "scripts/run-qwen3-8B.sh", _SCRIPT) == {
        (6, "${BASE_DIR}/Qwen3-8B"), (7, "/root/Qwen3-8B_torch_dist"), (8, "/root/Qwen3-8B_slime"),
        (9, "/root/Qwen3-8B_slime")}


def test_a_plain_command_line_names_its_checkpoint_folders_without_the_slash(tmp_path: Path) -> None:
    text = "torchrun pretrain_gpt.py --load /ckpt/Llama-3.1-8B-mcore/ --save /ckpt/Llama-3.1-8B-mcore-sft/ --lr 1e-5\n"
    assert found(tmp_path, "run.sh", text) == {(1, "/ckpt/Llama-3.1-8B-mcore"), (1, "/ckpt/Llama-3.1-8B-mcore-sft")}


def test_other_load_flags_name_no_model(tmp_path: Path) -> None:
    text = "docker buildx build --load -t app:latest .\nrsync --save /var/backups/site/ --load ./state/\n"
    assert found(tmp_path, "build.sh", text) == set()


def test_an_array_of_model_names_is_still_read_as_models(tmp_path: Path) -> None:
    text = "MODELS=(\n  qwen2.5:7b\n  nomic-embed-text\n)\nfor m in \"${MODELS[@]}\"; do ollama pull \"$m\"; done\n"
    assert (2, "qwen2.5:7b") in found(tmp_path, "pull.sh", text)
