"""scanexplore13c (issue 10): model paths, aliases and launch scripts on fresh serving / speech repositories.

* a weight file kept in a model folder (``pretrained_models/``, ``checkpoints/``, ``<name>_weights/``) is a model file
  whatever its own name and wherever it is written: a dict of versions to paths, a ``*_path`` variable, a YAML setting
  whose key does not say "model"; PyTorch Lightning's ``epoch=N-step=M.ckpt`` names included.

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found as _found

_VOICE_CONFIG = '''\
import os

# the released base weights, per model version
pretrained_acoustic = {
    "v1": "voice_clone/pretrained_models/s2G488k.pth",
    "v2": "voice_clone/pretrained_models/v2-final/s2G2333k.pth",
}
pretrained_gpt_path = "voice_clone/pretrained_models/s1bert-epoch=68e-step=50232.ckpt"
denoise_path = "tools/uvr5/uvr5_weights/HP5_only_main_vocal.pth"
exp_root = "logs"
train_list = "data/train_list.bin"
icon = "assets/ui/logo.pth.png"
'''


def test_weight_files_in_model_folders_are_found_under_any_name(tmp_path: Path) -> None:
    got = _found(tmp_path, "config.py", _VOICE_CONFIG)
    assert {(5, "voice_clone/pretrained_models/s2G488k.pth"),
            (6, "voice_clone/pretrained_models/v2-final/s2G2333k.pth"),
            (8, "voice_clone/pretrained_models/s1bert-epoch=68e-step=50232.ckpt"),
            (9, "tools/uvr5/uvr5_weights/HP5_only_main_vocal.pth")} <= got
    # a data file outside any model folder, an image and a log folder are not models
    assert not {line for line, _ in got} & {10, 11, 12}


_INFER_YAML = '''\
custom:
  device: cuda
  is_half: true
  t2s_weights_path: voice_clone/pretrained_models/s1v3.ckpt
  vits_weights_path: voice_clone/pretrained_models/v2Pro/s2Gv2Pro.pth
  cache_file: runtime/cache/state.bin
'''


def test_weight_paths_under_unrelated_yaml_keys(tmp_path: Path) -> None:
    got = _found(tmp_path, "configs/tts_infer.yaml", _INFER_YAML)
    assert {(4, "voice_clone/pretrained_models/s1v3.ckpt"),
            (5, "voice_clone/pretrained_models/v2Pro/s2Gv2Pro.pth")} <= got
    assert not {line for line, _ in got} & {6}


def test_lightning_checkpoint_names_and_folder_words() -> None:
    assert classify("checkpoints/epoch=9-step=900.ckpt", "none") is not None
    # a folder named like a weights folder but holding the file as its own name part is not enough: the folder must
    # be above the file
    assert classify("data/checkpoints.bin", "none") is None
    # `=` only before a number: a key=value written as one string is not a file name
    assert classify("--model=weights/x.bin", "none") is None
    assert classify("src/modules/layer.pt", "none") is None
