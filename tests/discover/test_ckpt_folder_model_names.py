"""Megatron-style trainers' checkpoint folders named after a model with no size in the name.

Converters and RL trainers (Megatron-LM's checkpoint converter, slime, verl's Megatron backend) name the folder of a
model's converted weights after the model and add the format: ``<model>_torch_dist``, ``<model>_mcore``,
``<model>_slime``. Where the model's name carries a size (``Qwen3-8B_torch_dist``) the family-and-size rule already
reads it; for the models released under a name alone (a reasoning model ``-R1``, a ``-K2`` or a ``-5`` generation) the
folder says which weights are there only by that name, so a ``_``-separated piece that the knowledge base knows as a
model's name is enough under --load / --ref-load / --save. A run's own folder (``${SAVE_DIR}/ckpt``,
``/root/my-run_slime``) still names nothing.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SCRIPT = """\
#!/bin/bash
BASE_DIR=/mnt/ckpt

CKPT_ARGS=(
   --hf-checkpoint $BASE_DIR/DeepSeek-R1
   --ref-load $BASE_DIR/DeepSeek-R1_torch_dist/
   --load ${BASE_DIR}/GLM-5_slime/
   --save /root/Kimi-K2_thinking_mcore/
   --save-interval 50
)

python3 train.py "${CKPT_ARGS[@]}"
"""


def test_a_checkpoint_folder_named_after_a_known_model_is_that_model(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/run-deepseek-r1.sh", _SCRIPT)
    assert {(6, "$BASE_DIR/DeepSeek-R1_torch_dist"), (7, "${BASE_DIR}/GLM-5_slime"),
            (8, "/root/Kimi-K2_thinking_mcore")} <= got


def test_a_plain_command_line_too(tmp_path: Path) -> None:
    text = "torchrun train.py --load /ckpt/deepseek-r1_mcore --save /ckpt/deepseek-r1_mcore_sft --lr 1e-5\n"
    assert found(tmp_path, "run.sh", text) == {(1, "/ckpt/deepseek-r1_mcore"), (1, "/ckpt/deepseek-r1_mcore_sft")}


def test_a_run_folder_that_names_no_model_stays_nothing(tmp_path: Path) -> None:
    text = ("torchrun train.py --load /root/my-run_slime/ --save ${SAVE_DIR}/ckpt --ref-load /ckpt/sft-stage_2\n"
            "rsync --save /var/backups/site-v2_old/ --load ./state/\n")
    assert found(tmp_path, "run.sh", text) == set()
