"""Alibaba Cloud Model Studio (DashScope) serves Paraformer speech recognition under API names (paraformer-v2,
paraformer-8k-v2, paraformer-mtl-v1, paraformer-realtime-v2 ...). They are known to the knowledge base (publisher
funasr, Alibaba, CN; each name's own Model Studio page cited), so a bare literal of one is a model wherever it sits:
a Dart model-spec table's positional argument, a read-only JSX input's value, a Python fallback list.
FunASR's open checkpoint names (paraformer-zh) stay what they were.
"""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.provenance.resolver import resolve

DART = '''\
final specs = [
  CusLLMSpec(
    ApiPlatform.aliyun,
    "paraformer-v2",
    LLModelType.asr,
    description: 'multilingual',
  ),
  CusLLMSpec(
    ApiPlatform.aliyun,
    "paraformer-8k-v2",
    LLModelType.asr,
  ),
];
'''

TSX = '''\
export function AsrSetting() {
  return (
    <div>
      <label>ASR model</label>
      <input type="text" value="paraformer-realtime-v2" readOnly />
    </div>
  );
}
'''

PY = '''\
from dashscope.audio.asr import Transcription

FALLBACK = ["paraformer-mtl-v1", "paraformer-realtime-8k-v2"]


def run(urls, model):
    return Transcription.async_call(model=model, file_urls=urls)
'''


def _raws(tmp_path: Path, name: str, text: str) -> set[tuple[int, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = modelmap.scan(str(tmp_path / name), resolve=False)
    return {(f.line, f.raw) for f in result.findings if f.kind != "endpoint"}


def test_dart_positional_spec_names(tmp_path: Path) -> None:
    found = _raws(tmp_path, "index.dart", DART)
    assert (4, "paraformer-v2") in found
    assert (10, "paraformer-8k-v2") in found


def test_jsx_readonly_input_value(tmp_path: Path) -> None:
    assert (5, "paraformer-realtime-v2") in _raws(tmp_path, "Setting.tsx", TSX)


def test_python_fallback_list(tmp_path: Path) -> None:
    found = _raws(tmp_path, "asr.py", PY)
    assert (3, "paraformer-mtl-v1") in found
    assert (3, "paraformer-realtime-8k-v2") in found


def test_resolves_to_alibaba_speech_api() -> None:
    for name in ("paraformer-v2", "paraformer-8k-v1", "paraformer-realtime-v2"):
        res = resolve(name)
        assert res.model is not None and res.model["id"] == f"funasr/{name}"
        assert res.publisher is not None and res.publisher["id"] == "funasr"
    # the open FunASR checkpoint keeps its own record
    res = resolve("paraformer-zh")
    assert res.model is not None and res.model["id"] == "funasr/paraformer-zh"
