"""PaddleSpeech's pretrained TTS tags (session 18, found on held-out-15 after it was opened): the acoustic model and
vocoder a TTSExecutor call or a ``paddlespeech tts`` command line downloads, named "{model}_{dataset}[-{lang}]"
(paddlespeech/resource/pretrained_models.py, as_of 2026-12-05). Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

_PADDLE_TTS = """\
from paddlespeech.cli.tts import TTSExecutor


class Speaker:
    def __init__(self):
        self.tts = TTSExecutor()

    def say(self, text, lang, voc='pwgan'):
        if lang == 'canton':
            am = 'fastspeech2_canton'
            voc = 'pwgan_aishell3'
        else:
            am = 'fastspeech2_csmsc'
        return self.tts(text=text, am=am, voc=voc, lang=lang)

    def male(self, text):
        return self.tts(text=text, am='fastspeech2_male', voc='hifigan_male-zh')
"""


def test_paddlespeech_tags_are_speech_models(tmp_path: Path) -> None:
    got = found(tmp_path, "TTS/paddle.py", _PADDLE_TTS)
    for line, raw in ((10, "fastspeech2_canton"), (11, "pwgan_aishell3"), (13, "fastspeech2_csmsc"),
                      (17, "fastspeech2_male"), (17, "hifigan_male-zh")):
        assert (line, raw) in got
    assert (8, "pwgan") not in got  # the bare architecture word picks a vocoder family, not a checkpoint


def test_tag_shape_is_exact() -> None:
    hit = classify("fastspeech2_ljspeech", "none")
    assert hit is not None and hit.role == "speech"
    assert classify("fastspeech2", "none") is None
    assert classify("fastspeech2_custom_run", "none") is None
