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


# the null command's default assignment, `: "${NAME:=value}"`: the same as NAME=${NAME:-value}
_NULL_DEFAULTS = """\
#!/usr/bin/env bash
set -euo pipefail
: "${MODEL:=Qwen/Qwen2.5-1.5B-Instruct}"
: ${BASE_MODEL:=meta-llama/Llama-3.1-8B}
: "${DATA_DIR:="$HOME/data/gsm8k"}"
: "${NUM_GPUS:=8}"
: "${SAVE_PATH:=$HOME/ckpts/run1}"
uv run -m trainer.main trainer.policy.model.path="$MODEL"
"""


def test_null_command_default_assignment(tmp_path: Path) -> None:
    import modelmap

    (tmp_path / "run.sh").write_text(_NULL_DEFAULTS)
    got = {(f.line, f.column, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings
           if f.kind != "endpoint"}
    assert (3, 13, "Qwen/Qwen2.5-1.5B-Instruct") in got
    assert (4, 17, "meta-llama/Llama-3.1-8B") in got
    assert not {raw for line, _, raw in got if line in (5, 6, 7)}
