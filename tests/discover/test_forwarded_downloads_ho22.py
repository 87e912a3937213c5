"""A module's own download helper, GGUF quant files and engine model folders (tuneA28, opened held-out-22).

* ``def download_file(url, name, path): hf_hub_download(repo_id=url, filename=name, local_dir=path)`` called as
  ``download_file("acme/voice-assets", "hubert_base.pt", "assets")``: the literals its callers pass for a parameter the
  helper hands on to a model-taking call are that call's values (the repository, the weight file).
* A GGUF file with its quantisation in the name (``neutts-nano-Q4_0.gguf``) is a model's weights by itself.
* ``xtts_model = "models/xtts/<voice>"``: a trained model's folder under its engine's folder in the models directory.
* XTTS's ``speakers_xtts.pth`` (speaker latents) is data, not a model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

_PY = '''\
from huggingface_hub import hf_hub_download


def download_file(url, filename_server, path_local):
    print(f"Downloading {filename_server} from {url}")
    hf_hub_download(repo_id=url, filename=filename_server, local_dir=path_local)


def greet(url):
    print(url)


download_file("acme/voice-assets", "hubert_base.pt", "assets/hubert")
download_file("acme/voice-models", "Lasinya.pth", "models/rvc")
download_file("acme/xtts-voice", "speakers_xtts.pth", "models/xtts/voice")
greet("acme/website")
xtts_model = "models/xtts/Lasinya"
'''


def test_helper_forwarding_to_hub_download(tmp_path: Path) -> None:
    hits = found(tmp_path, "download_models.py", _PY)
    assert {(13, "acme/voice-assets"), (13, "hubert_base.pt"), (14, "acme/voice-models"), (14, "Lasinya.pth"),
            (15, "acme/xtts-voice"), (17, "models/xtts/Lasinya")} <= hits
    assert (15, "speakers_xtts.pth") not in hits
    assert (16, "acme/website") not in hits


@pytest.mark.parametrize("value", ["neutts-nano-Q4_0.gguf", "tts-voice-q8_0.gguf", "acme-tts.Q5_K_M.gguf"])
def test_quantised_gguf_is_a_model_file(value: str) -> None:
    m = classify(value, "none")
    assert m is not None and m.kind == "model-file"


@pytest.mark.parametrize("value", ["talker.gguf", "codec.gguf", "renamed-q4_k_m.gguf"])
def test_plain_gguf_component_stays_nothing(value: str) -> None:
    assert classify(value, "none") is None


def test_engine_model_folder_needs_a_model_key() -> None:
    assert classify("models/xtts/Lasinya", "key") is not None
    assert classify("models/xtts/Lasinya", "none") is None
    assert classify("models/whisper/cache", "key") is None


def test_a_kind_folder_under_an_engine_folder_is_no_model() -> None:
    assert classify("models/musetalk/avatar_model", "key") is None
