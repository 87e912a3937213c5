"""MNN conversions named ``<model>-MNN`` (scan16b, found on the opened held-out-13).

Alibaba's MNN engine publishes converted models as ``<model>-MNN`` (huggingface.co/taobao-mnn, modelscope.cn's MNN
organisation; as_of 2026-12-05). An MNN app lists and tests them by that name, with or without the owner; ModelScope's
download folders write the name's dots as ``___``. The name is a model when what comes before ``-MNN`` is a model the
knowledge base holds by that name; an app's own ``<word>-MNN`` and a save folder (``models/<name>-MNN``) are not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


@pytest.mark.parametrize("value", ["Qwen3.5-0.8B-MNN", "Qwen2.5-0.5B-MNN", "Qwen3-4B-MNN", "QwQ-32B-Preview-MNN",
                                   "Qwen3___5-0___8B-MNN"])
def test_a_known_models_mnn_conversion_is_a_model(value: str) -> None:
    m = classify(value, "none")
    assert m is not None and m.kind == "other", (value, m)


def test_with_its_owner_it_is_a_repository() -> None:
    m = classify("taobao-mnn/Qwen3.5-0.8B-MNN", "none")
    assert m is not None and m.kind == "hf-repo"


@pytest.mark.parametrize("value", ["my-app-MNN", "chat-MNN", "models/Qwen3-4B-MNN", "MNN"])
def test_other_mnn_names_stay_nothing(value: str) -> None:
    assert classify(value, "none") is None, value


_KT = '''\
package com.example.mnnchat

object DemoModels {
    fun preferred(): List<String> = waitForAnyText("Qwen3.5-0.8B-MNN", "Qwen3.5-2B-MNN", "app-shell-MNN")
}
'''


def test_a_kotlin_test_waiting_for_model_names(tmp_path: Path) -> None:
    got = {raw for _, raw in found(tmp_path, "app/src/androidTest/java/DemoTest.kt", _KT)}
    assert got == {"Qwen3.5-0.8B-MNN", "Qwen3.5-2B-MNN"}, got
