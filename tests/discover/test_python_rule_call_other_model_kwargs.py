"""A call a library rule knows still takes other models through its other model-named keywords.

FunASR's ``AutoModel(model=…, vad_model=…, punc_model=…, spk_model=…)`` loads four models in one call: the rule
that knows ``AutoModel`` reads its ``model`` argument, and the voice-activity, punctuation and speaker models
beside it are models too, as they are in a call no rule knows (held-out-18 FunClip videoclipper.py). Keywords not
named like a model (``trust_remote_code``, ``hub``) still name nothing.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_FUNASR = """\
from funasr import AutoModel


def build(lang):
    if lang == "zh":
        return AutoModel(model="iic/speech_seaco_paraformer_large_asr_nat-zh-cn-16k-common-vocab8404-pytorch",
                         vad_model="damo/speech_fsmn_vad_zh-cn-16k-common-pytorch",
                         punc_model="damo/punc_ct-transformer_zh-cn-common-vocab272727-pytorch",
                         spk_model="damo/speech_campplus_sv_zh-cn_16k-common",
                         hub="ms",
                         )
    return None
"""


def test_every_model_keyword_of_a_known_call(tmp_path: Path) -> None:
    assert found(tmp_path, "app/clipper.py", _FUNASR) == {
        (6, "iic/speech_seaco_paraformer_large_asr_nat-zh-cn-16k-common-vocab8404-pytorch"),
        (7, "damo/speech_fsmn_vad_zh-cn-16k-common-pytorch"),
        (8, "damo/punc_ct-transformer_zh-cn-common-vocab272727-pytorch"),
        (9, "damo/speech_campplus_sv_zh-cn_16k-common"),
    }
