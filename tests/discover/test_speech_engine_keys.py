"""Speech / language engine keys, engine names, family folders and dtype-dotted weight files (scan16c, found on the
opened held-out-14).

A voice app picks its back-ends by keys of its own (``tts_model: edge_tts``, ``asr_model == "sherpa_onnx_asr"``,
``engine: whisper_cpp``): lower-case snake_case words ending in a role word, or the name of the engine package
(``Faster-Whisper``). Which checkpoint runs is a setting of its own (``model_path: large-v3-turbo``). A family's
folder under the app's models folder (``model_dir: models/whisper``) keeps whichever of that family's models the
engine downloads. sherpa-onnx writes its release files' dtype after a dot (``model.int8.onnx``): a file of some
checkpoint, like ``model_int8.onnx``; the folder it sits in names the model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


@pytest.mark.parametrize("value", ["edge_tts", "bark_tts", "cosyvoice2_tts", "gpt_sovits_tts", "sherpa_onnx_asr",
                                   "minimax_tts", "elevenlabs_tts", "fun_asr", "qwen_llm", "Faster-Whisper",
                                   "whisper_cpp", "models/whisper", "checkpoints/llama", "models/bge",
                                   "model.int8.onnx", "model.fp16.onnx"])
def test_engine_keys_family_folders_and_generic_files_are_no_model(value: str) -> None:
    assert classify(value, "key") is None, value


@pytest.mark.parametrize("value", ["microsoft/speecht5_tts", "eleven_multilingual_v2", "faster-whisper-tiny",
                                   "models/Qwen2-7B", "models/bge-m3", "models/SenseVoiceSmall", "gpt-4o-mini-tts",
                                   "./models/sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17/model.int8.onnx",
                                   "models/piper/zh_CN-huayan-medium.onnx"])
def test_models_beside_them_stay(value: str) -> None:
    assert classify(value, "key") is not None, value


_PY = '''\
from pydantic import BaseModel, model_validator


class TTSConfig(BaseModel):
    tts_model: str = "edge_tts"

    @model_validator(mode="after")
    def check(cls, values):
        if values.tts_model == "bark_tts":
            values.bark_tts.model_validate(values.bark_tts.model_dump())
        elif values.tts_model == "cosyvoice2_tts":
            pass
        elif values.tts_model == "gpt-4o-mini-tts":
            pass
        return values


class ASRConfig(BaseModel):
    def check(self, asr_model: str) -> None:
        if asr_model == "Faster-Whisper":
            pass
        elif asr_model == "whisper-large-v3-turbo":
            pass


FILES = {
    "model.int8.onnx": "models/sense-voice/model.int8.onnx",
    "tokens.txt": "models/sense-voice/tokens.txt",
}
'''


def test_a_voice_apps_backend_checks(tmp_path: Path) -> None:
    got = {raw for _, raw in found(tmp_path, "app/config_manager/tts.py", _PY)}
    assert got == {"gpt-4o-mini-tts", "whisper-large-v3-turbo", "models/sense-voice/model.int8.onnx"}, got


_YAML = '''\
asr_config:
  asr_model: 'sherpa_onnx_asr'
  faster_whisper:
    model_path: 'large-v3-turbo'
    download_root: 'models/whisper'
  whisper_cpp:
    model_name: 'small'
    model_dir: 'models/whisper'
tts_config:
  tts_model: 'edge_tts'
  minimax_tts:
    model: 'speech-02-turbo'
'''


def test_a_voice_apps_config(tmp_path: Path) -> None:
    got = {raw for _, raw in found(tmp_path, "conf.yaml", _YAML)}
    # whisper.cpp's `small` under its whisper_cpp: block is the Whisper checkpoint (test_yaml_speech_model_names.py)
    assert got == {"large-v3-turbo", "small", "speech-02-turbo"}, got
