"""Session 20 (scan20a), found on held-out-16 after it was opened. Fixtures written for these tests.

FunASR's Paraformer model-zoo names (paraformer-zh, paraformer-zh-streaming, paraformer-en): the checkpoint
``AutoModel(model=...)`` downloads.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

# FunASR's Paraformer model-zoo names, the checkpoint AutoModel(model=...) downloads
_FUNASR = """\
import pytest


@pytest.mark.parametrize("name, lang", [("paraformer-zh", "zh"), ("paraformer-en", "en"), ("paraformer", "zh")])
def test_language_from_name(name, lang):
    assert guess(name) == lang


STREAMING = "paraformer-zh-streaming"
"""


def test_funasr_paraformer_names_are_speech_models(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/test_asr_names.py", _FUNASR)
    assert {(4, "paraformer-zh"), (4, "paraformer-en"), (9, "paraformer-zh-streaming")} <= got
    assert (4, "paraformer") not in got  # the architecture word alone picks no checkpoint
