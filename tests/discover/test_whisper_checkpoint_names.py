"""Whisper checkpoints named by their size word (scan16b, found on the opened held-out-13).

* faster-whisper's CTranslate2 conversions are ``faster-whisper-<size>`` (``Systran/faster-whisper-tiny``; re-uploads
  under other owners, ``pengzhendong/faster-whisper-base``): the name is a model wherever it is written, like
  ``whisper-tiny``; only the large sizes used to be found, by their version digit.
* whisper.cpp's weight files are ``ggml-<size>.bin`` (``ggml-tiny.bin``, ``ggml-large-v3-turbo-q5_0.bin``): a
  whisper.cpp front end's model list names them; other ``ggml-`` files are left to the general file rules.
* A size word alone (``tiny``, ``base``) stays nothing outside a Whisper setting.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


@pytest.mark.parametrize("value", [
    "faster-whisper-tiny", "faster-whisper-base", "faster-whisper-small.en", "faster-whisper-medium",
    "faster-whisper-large-v1", "faster-distil-whisper-large-v3", "pengzhendong/faster-whisper-tiny",
])
def test_a_faster_whisper_name_is_a_speech_model(value: str) -> None:
    m = classify(value, "none")
    assert m is not None and m.role == "speech", (value, m)
    assert m.kind == ("hf-repo" if "/" in value else "other")


@pytest.mark.parametrize("value", ["ggml-tiny.bin", "ggml-base.en.bin", "ggml-medium.bin",
                                   "ggml-large-v3-turbo-q5_0.bin", "models/ggml-small.bin"])
def test_a_whisper_cpp_weight_file_is_a_model_file(value: str) -> None:
    m = classify(value, "none")
    assert m is not None and m.kind == "model-file" and m.role == "speech", (value, m)


@pytest.mark.parametrize("value", ["tiny", "base", "faster-whisper-tinyx", "ggml-base", "ggml-common.bin",
                                   "faster-whisper-huge", "models/faster-whisper-tiny"])
def test_size_words_and_lookalikes_stay_nothing(value: str) -> None:
    assert classify(value, "none") is None, value


def test_a_known_repo_keeps_the_knowledge_base_match() -> None:
    m = classify("Systran/faster-whisper-tiny", "none")
    assert m is not None and m.kind == "hf-repo" and m.confidence >= 0.9


_WIDGET = '''\
WHISPER_CPP_MODELS = [
    {
        "label": "Tiny",
        "value": "ggml-tiny.bin",
        "size": "77.7 MB",
    },
    {
        "label": "Base",
        "value": "ggml-base.bin",
        "size": "148 MB",
    },
]

FASTER_WHISPER_MODELS = [
    {"label": "Tiny", "value": "faster-whisper-tiny", "mirror": "someone/faster-whisper-tiny"},
    {"label": "Small", "value": "faster-whisper-small", "mirror": "someone/faster-whisper-small"},
]

QUALITY = {"value": "small", "label": "Small"}
'''


def test_a_download_widgets_model_lists(tmp_path: Path) -> None:
    got = found(tmp_path, "app/ui/model_widgets.py", _WIDGET)
    assert got == {(4, "ggml-tiny.bin"), (9, "ggml-base.bin"), (15, "faster-whisper-tiny"),
                   (15, "someone/faster-whisper-tiny"), (16, "faster-whisper-small"),
                   (16, "someone/faster-whisper-small")}, got
