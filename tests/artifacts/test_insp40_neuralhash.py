"""Apple NeuralHash as the public AppleNeuralHash2ONNX conversion leaves it (held-out-26, opened in session 36): one
[1, 3, 360, 360] image in, 128 features out on every output. Near misses keep their own (unknown) answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.inspect import inspect_path
from tests.artifacts.test_insp29_heldout14 import _graph
from tests.artifacts.test_inspect20_speech import _fam, _pub


def test_neuralhash_interface(tmp_path: Path) -> None:
    rec = inspect_path(_graph(tmp_path / "model.onnx", ["w1"], {"image": [1, 3, 360, 360]},
                              {"leaf/logits": [1, 128, 1, 1], "leaf/logits_1": [1, 128, 1, 1]},
                              producer=b"YouTu Tencent"))
    assert _fam(rec) == "neuralhash" and _pub(rec) == ("apple", "US")
    assert "structure" in rec["family"]["signals"]


@pytest.mark.parametrize(("inputs", "outputs"), [
    ({"image": [1, 3, 224, 224]}, {"leaf/logits": [1, 128, 1, 1]}),  # another input size
    ({"image": [1, 3, 360, 360]}, {"leaf/logits": [1, 256, 1, 1]}),  # another width
    ({"image": [1, 3, 360, 360]}, {"a": [1, 128, 1, 1], "b": [1, 10]}),  # not every output is the 128 features
    ({"image": [1, 3, 360, 360], "mask": [1, 1, 360, 360]}, {"y": [1, 128, 1, 1]}),  # two inputs
])
def test_near_misses_are_not_neuralhash(tmp_path: Path, inputs: dict, outputs: dict) -> None:
    rec = inspect_path(_graph(tmp_path / "model.onnx", ["w1"], inputs, outputs))
    assert _fam(rec) != "neuralhash"
