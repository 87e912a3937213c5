"""A pipeline config's handler table keys each entry by component name and names the code implementing it
(``module:`` / ``class:`` / ``_target_``): the key is no model selector, though its ``model_name`` child is (open22a)."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import ConfigFileSource
from modelmap.types import Finding

PIPELINE = """\
default:
  engine:
    model_root: "models"
    handlers:
      VoiceActivity:
        module: vad/silero/vad_handler
        threshold: 0.5
      SenseVoice:
        enabled: true
        module: asr/sensevoice/asr_handler_sensevoice
        model_name: "iic/SenseVoiceSmall"
      CosyVoice:
        enabled: true
        class: speech.tts.CosyVoiceHandler
        voice: "longxiaochun"
        model_name: "cosyvoice-v1"
      MiniCPM-o:
        _target_: llm.minicpm.MiniCPMHandler
        model_name: "MiniCPM-o-2_6"
"""

PROVIDERS = """\
llm:
  qwen-7b-api:
    type: dashscope
    model: qwen-7b-chat
  deepseek-r1:
    module: openai_compatible
    model: deepseek-reasoner
"""


def _found(path: str, text: str) -> dict[tuple[int, str], Finding]:
    out = ConfigFileSource().scan(SourceFile(path, text, "config"))
    return {(f.line, f.raw): f for f in out if isinstance(f, Finding)}


def test_handler_names_are_not_models_but_their_model_children_are() -> None:
    found = _found("config/chat_pipeline.yaml", PIPELINE)
    raws = {raw for _, raw in found}
    assert not raws & {"SenseVoice", "CosyVoice", "MiniCPM-o", "VoiceActivity"}
    assert (11, "iic/SenseVoiceSmall") in found
    assert (16, "cosyvoice-v1") in found


def test_an_entry_keyed_by_its_model_without_code_is_still_read() -> None:
    found = _found("config/providers.yaml", PROVIDERS)
    assert (2, "qwen-7b-api") in found and (4, "qwen-7b-chat") in found
    assert (7, "deepseek-reasoner") in found
