"""scan22a: a table from a model's name to the download URL of its weights file, each file named exactly by its key
(a vendored Whisper ``_MODELS``), is reported by its keys, not its URLs; a file named with more than its key
(torchvision's ``resnet18-5c106cde.pth``) keeps its URL. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

import modelmap
from tests.discover.scan_helpers import found

_SPEECH_PY = '''\
import os

_MODELS = {
    "tiny.en": "https://cdn.example.net/speech/models/0123456789abcdef/tiny.en.pt",
    "base": "https://cdn.example.net/speech/models/fedcba9876543210/base.pt",
    "large-v2": "https://cdn.example.net/speech/models/00112233aabbccdd/large-v2.pt",
}


def load_model(name, root=None):
    url = _MODELS[name]
    return os.path.join(root or "~/.cache", os.path.basename(url))
'''

_WHISPER_PY = '''\
_MODELS = {
    "tiny": "https://openaipublic.example.net/main/whisper/models/65147644a5/tiny.pt",
    "medium.en": "https://openaipublic.example.net/main/whisper/models/d7440d1dc1/medium.en.pt",
}
'''

_RESNET_PY = '''\
model_urls = {
    'resnet18': 'https://download.pytorch.org/models/resnet18-5c106cde.pth',
    'resnet34': 'https://download.pytorch.org/models/resnet34-333f7ec4.pth',
}
'''

_MIXED_PY = '''\
WEIGHTS = {
    "detector": "https://files.example.com/weights/detector.onnx",
    "homepage": "https://files.example.com/index.html",
}
'''


def test_keys_of_a_name_to_weights_url_table_are_the_models(tmp_path: Path) -> None:
    got = found(tmp_path, "speech/__init__.py", _SPEECH_PY)
    assert {(4, "tiny.en"), (5, "base"), (6, "large-v2")} <= got
    assert not any("://" in raw for _, raw in got)


def test_whisper_table_keys_are_speech_models(tmp_path: Path) -> None:
    (tmp_path / "w.py").write_text(_WHISPER_PY)
    findings = [f for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"]
    assert {(f.line, f.raw) for f in findings} == {(2, "tiny"), (3, "medium.en")}
    assert all(f.role == "speech" for f in findings)
    assert findings[0].column == 6


def test_file_named_with_more_than_its_key_keeps_its_url(tmp_path: Path) -> None:
    got = found(tmp_path, "nets/fpn.py", _RESNET_PY)
    assert {raw for _, raw in got} == {"https://download.pytorch.org/models/resnet18-5c106cde.pth",
                                       "https://download.pytorch.org/models/resnet34-333f7ec4.pth"}


def test_a_table_with_other_values_is_left_alone(tmp_path: Path) -> None:
    got = found(tmp_path, "weights.py", _MIXED_PY)
    assert "detector" not in {raw for _, raw in got}
