"""Speech models that a settings file names in a toolkit's own short words.

* A Whisper engine's block (``whisper:``, ``whisper_cpp:``, ``faster_whisper:``) takes the checkpoint by its size word
  (``model_name: small``, ``name: medium``): that is the Whisper model the engine downloads, as
  ``whisper.load_model("small")`` is (python.py's Whisper rules). The same word under another block names nothing.
* FunASR addresses its own Hub models by their names without the org (``vad_model: fsmn-vad``,
  ``punc_model: ct-punc`` for funasr/fsmn-vad and funasr/ct-punc): under a model key, a name that is exactly the
  name of a Hub repo the knowledge base holds is that model; a made-up name, or the same name under a key that is
  not a model's, is not.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CONF = """\
character_config:
  asr_config:
    asr_model: 'whisper_cpp'
    whisper_cpp:
      model_name: 'small'
      model_dir: 'models/whisper'
      language: 'auto'
    whisper:
      name: 'medium'
      download_root: 'models/whisper'
    fun_asr:
      model_name: 'iic/SenseVoiceSmall'
      vad_model: 'fsmn-vad'
      punc_model: 'ct-punc'
      device: 'cpu'
"""

_OTHER = """\
render:
  quality: 'medium'
  font:
    size: 'small'
  name: 'large'
video:
  model_name: 'base'
asr:
  vad_model: 'silero-local'
  plugin: 'fsmn-vad'
  module_name: 'ct-punc'
"""


def test_whisper_size_words_and_funasr_names_under_their_blocks(tmp_path: Path) -> None:
    got = found(tmp_path, "config_templates/conf.yaml", _CONF)
    assert {(5, "small"), (9, "medium"), (13, "fsmn-vad"), (14, "ct-punc")} <= got


def test_the_same_words_elsewhere_name_nothing(tmp_path: Path) -> None:
    assert found(tmp_path, "config/app.yaml", _OTHER) == set()
