"""Speech model ids recognised by their documented shape.

* Cartesia's TTS API takes a base model name (``sonic-3``, ``sonic-2``, ``sonic-turbo``, ``sonic-multilingual``) or
  a date-versioned snapshot (``sonic-2-2025-06-11``); an app lists them as the choices of its Cartesia setting. The
  bare family word ``sonic`` is not a model id and stays nothing.
* Coqui TTS names its models ``<type>/<language>/<dataset>/<model>`` (``tts_models/en/ljspeech/tacotron2-DDC``):
  the model ``TTS(model_name=...)`` downloads, wherever it is written.
* Volcengine's Doubao speech API takes its synthesis model as a resource id (``seed-tts-2.0``).
"""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

_PY = '''\
from typing import Literal

from pydantic import BaseModel, Field

VoiceModels = Literal["sonic-3", "sonic-2", "sonic-turbo", "sonic-multilingual", "sonic"]


class VoiceSettings(BaseModel):
    model_id: VoiceModels = Field("sonic-3", alias="model_id")
    pinned: str = "sonic-2-2025-06-11"
    coqui_model: str = "tts_models/en/ljspeech/tacotron2-DDC"
'''

_YAML = """\
tts:
  coqui_tts:
    model_name: 'tts_models/multilingual/multi-dataset/xtts_v2'
  cartesia_tts:
    model_id: 'sonic-3'
  doubao_stream:
    resource_id: seed-tts-2.0
"""


def test_cartesia_ids_and_coqui_names_are_speech_models(tmp_path: Path) -> None:
    assert {(5, "sonic-3"), (5, "sonic-2"), (5, "sonic-turbo"), (5, "sonic-multilingual"), (9, "sonic-3"),
            (10, "sonic-2-2025-06-11"), (11, "tts_models/en/ljspeech/tacotron2-DDC")} <= \
        found(tmp_path / "py", "app/voice.py", _PY)
    assert found(tmp_path / "yaml", "conf.yaml", _YAML) == {(3, "tts_models/multilingual/multi-dataset/xtts_v2"),
                                                   (5, "sonic-3"), (7, "seed-tts-2.0")}


def test_the_family_word_and_other_shapes_are_not() -> None:
    for value in ("sonic", "sonic-boom", "sonic-4x", "tts_models/en", "my_models/en/ljspeech/x", "seed-tts"):
        assert classify(value, "none") is None, value
    hit = classify("sonic-turbo", "none")
    assert hit is not None and hit.role == "speech"
