"""A Whisper size word where a Whisper setting takes it (scan16b, found on the opened held-out-13).

``tiny``, ``base``, ``small``, ``medium``, ``large-v3`` name Whisper checkpoints only where the code says Whisper: an
enum class named for Whisper models (``class WhisperModelEnum(Enum): TINY = "tiny"``), a keyword, key or variable
named for a Whisper model (``whisper_model="tiny"``, ``"faster_whisper_model": "base"``), or a settings helper's
default for a dotted Whisper model path (``get(config, "asr.faster_whisper.model", "large-v3")``). The same words as a
video quality or a font size are nothing.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_ENUMS = '''\
from enum import Enum


class WhisperModelEnum(Enum):
    TINY = "tiny"
    BASE = "base"
    LARGE_V2 = "large-v2"


class FasterWhisperModelSize(str, Enum):
    SMALL = "small"
    LARGE_V3_TURBO = "large-v3-turbo"


class VideoQualityEnum(Enum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"
'''


def test_a_whisper_model_enum_lists_checkpoints(tmp_path: Path) -> None:
    got = found(tmp_path, "app/core/entities.py", _ENUMS)
    assert got == {(5, "tiny"), (6, "base"), (7, "large-v2"), (11, "small"), (12, "large-v3-turbo")}, got


_SETTINGS = '''\
def build(config, get):
    asr = WhisperCppASR(audio_input="a.mp3", whisper_model="tiny", language="en")
    kwargs = {
        "faster_whisper_model": config.model.value if config.model else "base",
        "font_size": "small",
        "quality": "medium",
    }
    fw_model = get(config, "transcribe.faster_whisper.model", "large-v3")
    quality = get(config, "render.quality", "medium")
    return asr, kwargs, fw_model, quality
'''


def test_whisper_named_settings_take_size_words(tmp_path: Path) -> None:
    got = found(tmp_path, "app/cli/transcribe.py", _SETTINGS)
    assert got == {(2, "tiny"), (4, "base"), (8, "large-v3")}, got
