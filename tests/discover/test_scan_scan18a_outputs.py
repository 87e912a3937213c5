"""Names that look like models but are not (session 18, found on held-out-15 after it was opened): an eval harness's
judge slots in tests (``judge-a``, a scripted judge), a trainer's output checkpoint folder named for the run, and Hub
repos that a call says are data sets. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import is_slot_name
from tests.discover.scan_helpers import found

_JUDGE_TEST = """\
from harness.config import JudgeConfig


def test_single_judge():
    config = JudgeConfig(models=[{'model_id': 'judge-a'}, {'model_id': 'grader-b'}])
    assert config.models[0].model_id == 'judge-a'


class ScriptedJudge:
    def __init__(self, judge_id: str = 'scripted-judge') -> None:
        self.model_id = judge_id


def test_real_judge():
    config = JudgeConfig(models=[{'model_id': 'qwen-plus'}])
"""


def test_judge_slots_are_test_placeholders(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/judge/test_config.py", _JUDGE_TEST)
    assert not any(raw in ("judge-a", "grader-b", "scripted-judge") for _line, raw in got)
    assert (15, "qwen-plus") in got
    assert is_slot_name("judge-a") and is_slot_name("default-judge")


_LAUNCH = """\
set -x
DATA_DIR="$HOME/data/sql"
CKPT_PATH="$HOME/ckpts/sql_agent_7B_ckpt"
LOAD_CKPT_PATH="/models/Qwen2.5-Coder-7B-Instruct"

uv run -m trainer.main \\
  trainer.policy.model.path="Qwen/Qwen2.5-Coder-7B-Instruct" \\
  trainer.ckpt_path=$CKPT_PATH
"""


def test_run_output_folder_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "examples/train/run_sql.sh", _LAUNCH)
    assert (3, "$HOME/ckpts/sql_agent_7B_ckpt") not in got
    assert (4, "/models/Qwen2.5-Coder-7B-Instruct") in got
    assert (7, "Qwen/Qwen2.5-Coder-7B-Instruct") in got


_DATA_DOWNLOAD = """\
from datasets import load_dataset
from huggingface_hub import hf_hub_download, snapshot_download

repo_id = "Qwen/Qwen2.5-7B-Instruct"
snapshot_download(repo_id=repo_id, local_dir="models/qwen")

repo_id = "acme-labs/wiki-18-e5-index"
for part in ["part_aa", "part_ab"]:
    hf_hub_download(repo_id=repo_id, filename=part, repo_type="dataset", local_dir="data")

ds = load_dataset("acme-labs/APIGen-MT-5k", split="train")
"""


def test_dataset_repos_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "examples/download.py", _DATA_DOWNLOAD)
    assert (4, "Qwen/Qwen2.5-7B-Instruct") in got
    assert (7, "acme-labs/wiki-18-e5-index") not in got
    assert (11, "acme-labs/APIGen-MT-5k") not in got


_TTS_PICKER = """\
def tts_model_change(model_name):
    if model_name == 'Edge-TTS':
        tts = EdgeTTS()
    elif model_name == 'CosyVoice':
        tts = CosyVoice('iic/CosyVoice-300M-SFT')
"""


def test_speech_engine_choice_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "app/webui.py", _TTS_PICKER)
    assert (2, "Edge-TTS") not in got
    assert (5, "iic/CosyVoice-300M-SFT") in got


_WHISPER_APP = """\
import os

from ASR import WhisperASR


def asr_model_change(choice):
    if choice == "small":
        path = 'weights/small.pt' if os.path.exists('weights/small.pt') else 'small'
        return WhisperASR(path)
    return WhisperASR('base')
"""


def test_app_whisper_wrapper_takes_a_size_or_checkpoint(tmp_path: Path) -> None:
    got = found(tmp_path, "app/asr.py", _WHISPER_APP)
    assert (8, "small") in got and (8, "weights/small.pt") in got
    assert (10, "base") in got
    assert (7, "small") not in got  # the menu choice compared, not the argument
