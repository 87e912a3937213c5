"""open18c (issue 10): the tower flags of LLaVA-style multimodal trainers (``--vision_tower``, ``--mm_vision_tower``,
Video-LLaVA's ``--image_tower`` / ``--video_tower``) name the encoder model the trainer builds on, a Hub id or a
folder, as ``--vision_path`` already did; switches and rates named after the tower (``--unfreeze_mm_vision_tower``,
``--mm_vision_tower_lr``) do not.

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found as _found

_FINETUNE = """\
#!/bin/bash
deepspeed llava/train/train_mem.py \\
    --deepspeed ./scripts/zero3.json \\
    --data_path ./playground/data/mix665k.json \\
    --vision_tower openai/clip-vit-large-patch14-336 \\
    --mm_vision_tower_lr 2e-6 \\
    --unfreeze_mm_vision_tower True \\
    --bf16 True
"""


def test_vision_tower_flag_names_the_encoder(tmp_path: Path) -> None:
    got = _found(tmp_path, "scripts/finetune.sh", _FINETUNE)
    assert (5, "openai/clip-vit-large-patch14-336") in got
    assert not any(line in (6, 7) for line, _ in got)


def test_video_llava_tower_flags(tmp_path: Path) -> None:
    text = ("python train.py --image_tower google/siglip-so400m-patch14-384 \\\n"
            "    --video_tower LanguageBind/LanguageBind_Video_merge --mm_vision_tower facebook/dinov2-large\n")
    got = _found(tmp_path, "scripts/v.sh", text)
    assert (1, "google/siglip-so400m-patch14-384") in got
    assert (2, "LanguageBind/LanguageBind_Video_merge") in got
    assert (2, "facebook/dinov2-large") in got
