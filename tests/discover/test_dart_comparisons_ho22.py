"""Dart: a model compared with `==` / `!=`, a typed local's value, and keyword tables (tuneA28, opened held-out-22).

The Dart grammar writes the equality operator as a named node and a member access as an identifier plus a separate
selector (`selectedModel.model == 'paraformer-v2'`), and a typed local as an ``initialized_variable_definition``
(`String _selectedModel = 'cosyvoice-v2';`): the comparison's subject and the local's name were not read, so a DashScope
ASR / TTS model id compared with or assigned to a model-named name was missed. A table named `…Keywords` holds words a
model's name is searched for (`removedModelKeywords = ['qwen3', …]`), not the models used.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_DART = '''\
class VoiceService {
  void pick(Spec selectedModel, String targetModel) {
    if (selectedModel.model == 'paraformer-8k-v2') {}
    if (targetModel != 'cosyvoice-v2') {}
    if (selectedModel.language == 'zh-v2') {}
    String _selectedModel = 'cosyvoice-v2';
    String _title = 'cosyvoice-v2';
    List<String> removedModelKeywords = ['qwen3'];
  }
}
'''


def test_dart_comparison_and_typed_local(tmp_path: Path) -> None:
    hits = found(tmp_path, "lib/voice_service.dart", _DART)
    assert {(3, "paraformer-8k-v2"), (4, "cosyvoice-v2"), (6, "cosyvoice-v2")} <= hits
    assert (5, "zh-v2") not in hits and (7, "cosyvoice-v2") not in hits


def test_keyword_tables_are_not_model_lists(tmp_path: Path) -> None:
    hits = found(tmp_path, "lib/voice_service.dart", _DART)
    assert (8, "qwen3") not in hits  # found as a model list's entry without the keyword rule
