"""Session 20 (scan20a), found on held-out-16 after it was opened. Fixtures written for these tests.

Shell: a Hydra override on a trainer's command line that sets a model key (verl's SFT
``model.partial_pretrain=org/name``).
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

# a Hydra override on a trainer's command line that sets a key the config readers take as a model key
_SFT_RUN = """\
set -x
torchrun --standalone --nnodes=1 --nproc_per_node=8 \\
    -m verl.trainer.fsdp_sft_trainer \\
    data.train_files=$HOME/data/train.parquet \\
    data.micro_batch_size=8 \\
    model.partial_pretrain=Qwen/Qwen2.5-Math-1.5B \\
    trainer.project_name=math-sft \\
    trainer.experiment_name=math-sft-qwen2.5-1.5b
"""


def test_hydra_override_of_a_model_key(tmp_path: Path) -> None:
    got = found(tmp_path, "examples/sft/run_qwen.sh", _SFT_RUN)
    assert (6, "Qwen/Qwen2.5-Math-1.5B") in got
    assert not {raw for line, raw in got if line in (4, 7, 8)}
