"""The ``filename`` of a Hub download is a model's weight file when it is in a weight format (open22b, issue 10):
``hf_hub_download(repo_id=model_id, filename="bigvgan_generator.pt")``; a trainer's state files and a data set's
files are not."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found_kinds

# a speech app's loader (written for this test)
_LOADER = """\
from huggingface_hub import hf_hub_download


class Vocoder:
    def load(self, model_id, revision=None):
        weights = hf_hub_download(repo_id=model_id, filename="hifigan_generator.pt", revision=revision)
        speaker = hf_hub_download(model_id, "speaker_encoder_cn.bin")
        return weights, speaker
"""

# the same call on files that are no model
_NOT_MODELS = """\
from huggingface_hub import hf_hub_download


def resume(repo_id):
    optimizer = hf_hub_download(repo_id=repo_id, filename="optimizer.pt")
    rng = hf_hub_download(repo_id, "rng_state_0.pth")
    config = hf_hub_download(repo_id, filename="config.json")
    shard = hf_hub_download("acme/speech-corpus", "train_shard.bin", repo_type="dataset")
    return optimizer, rng, config, shard
"""



def test_weight_files_of_a_hub_download(tmp_path: Path) -> None:
    found = found_kinds(tmp_path, "app/vocoder.py", _LOADER)
    assert found.get((6, "hifigan_generator.pt")) == "model-file"
    assert found.get((7, "speaker_encoder_cn.bin")) == "model-file"


def test_trainer_state_config_and_data_files_are_not_models(tmp_path: Path) -> None:
    found = found_kinds(tmp_path, "app/resume.py", _NOT_MODELS)
    assert not any(raw.endswith((".pt", ".pth", ".bin", ".json")) for _, raw in found), found
