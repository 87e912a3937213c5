"""Two general error classes of the opened splits (tuneC38).

* A weight file's name joined onto a folder and bound to a name that says it is a model's or a checkpoint's file
  (`model_path = save_directory / "vocoder_generator.pt"`, `model_file = os.path.join(model_id, "…pt")`,
  `checkpoint_file = os.path.join(root, "models", "pose", "pose-l_384.pth")`) is that model's weight file: the binding
  says so, as a folder variable named for models does for `os.path.join(model_dir, "codec.pth")`. The same join under
  any other name, a trainer's state file and a generic file name stay unreported.
* A Hub repository whose name ends in a data word (`…-OneVision-Data`, `…-e5-index`, `…-eval-leaderboard`,
  `…_dataset`) holds a dataset, a search index or results, not a model; a data word at the start of a name
  (`Index-1.9B-Chat`) or inside one still names a model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

_PY = '''\
import os
from pathlib import Path


class Vocoder:
    def save(self, save_directory: Path) -> None:
        model_path = save_directory / "vocoder_generator.pt"
        config_path = save_directory / "config.json"

    @classmethod
    def load(cls, model_id: str, cache_dir: str):
        model_file = os.path.join(model_id, "vocoder_generator.pt")
        speaker_ckpt: str = os.path.join(cache_dir, "speaker_cn_common.bin")
        checkpoint_file = os.path.join(cache_dir, "models", "pose", "pose-l_ucoco_384.pth")
        stats_path = os.path.join(cache_dir, "speaker_stats.pt")
        campplus = Path(cache_dir) / "speaker_cn_common.bin"
        model_path = os.path.join(cache_dir, "optimizer.pt")
        weights_path: str = Path(cache_dir).joinpath("unet_fp16.safetensors")
        model_path = os.path.join(cache_dir, "src", "silero_vad", "data", "silero_vad.onnx")
        return model_file, checkpoint_file
'''


def test_weight_file_joined_under_a_model_file_binding(tmp_path: Path) -> None:
    hits = found(tmp_path, "app/vocoder.py", _PY)
    assert {(7, "vocoder_generator.pt"), (12, "vocoder_generator.pt"), (14, "pose-l_ucoco_384.pth"),
            (18, "unet_fp16.safetensors")} <= hits
    # no model-file binding (speaker_ckpt, stats_path, a bare name), a non-weight file, a trainer's state file
    assert not {raw for _, raw in hits} & {"speaker_cn_common.bin", "speaker_stats.pt", "config.json", "optimizer.pt"}
    # a file joined through a package's source tree (src/…/data/) ships with a library's code
    assert (19, "silero_vad.onnx") not in hits


@pytest.mark.parametrize("value", ["lmms-lab/LLaVA-OneVision-Data", "PeterJinGo/wiki-18-e5-index",
                                   "open-r1/open-r1-eval-leaderboard", "acme/support-tickets_dataset",
                                   "acme/legal-corpus", "acme/qa-benchmark"])
def test_hub_repository_named_for_data_is_no_model(value: str) -> None:
    assert classify(value, "none") is None, value
    assert classify(value, "key") is None, value


@pytest.mark.parametrize("value", ["IndexTeam/Index-1.9B-Chat", "acme/data-juicer-qwen2-7b", "Qwen/Qwen2.5-7B-Instruct"])
def test_data_word_elsewhere_still_names_a_model(value: str) -> None:
    assert classify(value, "key") is not None, value


_SH = '''\
LM_EVAL_REPO_ID="open-r1/open-r1-eval-leaderboard"
MODEL="open-r1/OpenR1-Distill-7B"
'''

_ARGS = '''\
import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--repo_id", type=str, default="PeterJinGo/wiki-18-e5-index", help="Hugging Face repository ID")
parser.add_argument("--model", type=str, default="Qwen/Qwen2.5-7B-Instruct")
'''


def test_data_repositories_in_scripts_are_not_reported(tmp_path: Path) -> None:
    hits = found(tmp_path, "scripts/eval.sh", _SH)
    assert (2, "open-r1/OpenR1-Distill-7B") in hits
    assert (1, "open-r1/open-r1-eval-leaderboard") not in hits
    hits = found(tmp_path, "download.py", _ARGS)
    assert (5, "Qwen/Qwen2.5-7B-Instruct") in hits
    assert (4, "PeterJinGo/wiki-18-e5-index") not in hits


_PIPELINE = '''\
python merge_peft_adapter.py --base_model merged-pt --lora_model outputs-sft-v1 --output_dir merged-sft/
python reward_modeling.py \\
    --model_name_or_path ./merged-sft \\
    --output_dir outputs-rm-v1
python ppo_training.py \\
    --sft_model_path ./merged-sft \\
    --reward_model_path ../runs/merged-rm \\
    --output_dir outputs-ppo-v1
python train.py --model_name_or_path path-to-model --base_model your_model
python eval.py --model llava --model-path ./checkpoints/llava-v1.5-13b
python serve.py --model_path $MODEL_DIR --base_model <base> --model-name-or-path ./weights.bin
'''


def test_local_folder_under_a_model_path_flag(tmp_path: Path) -> None:
    """`--model_name_or_path merged-sft`, `--sft_model_path ./merged-sft`, `--base_model merged-pt`: a flag that takes
    a model's folder or Hub id, given a folder an earlier step of the pipeline wrote; placeholders and variables stay
    out."""
    hits = found(tmp_path, "scripts/pipeline.sh", _PIPELINE)
    assert {(1, "merged-pt"), (3, "./merged-sft"), (6, "./merged-sft"), (7, "../runs/merged-rm"),
            (10, "./checkpoints/llava-v1.5-13b")} <= hits
    raws = {raw for _, raw in hits}
    assert not raws & {"path-to-model", "your_model", "<base>"}


_WORKER = '''\
dbgpt start worker --model_type proxy --model_name chatgpt_proxyllm --model_path chatgpt_proxyllm --port 8001
'''


def test_snake_case_registered_name_is_no_folder(tmp_path: Path) -> None:
    """`--model_path chatgpt_proxyllm` beside `--model_name chatgpt_proxyllm`: a name the app registers a proxy worker
    under (a snake_case identifier), not a folder a pipeline wrote."""
    hits = found(tmp_path, "deploy/start.sh", _WORKER)
    assert (1, "chatgpt_proxyllm") not in hits
