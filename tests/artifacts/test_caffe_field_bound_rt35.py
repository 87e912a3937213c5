"""redteam35: the Caffe reader's protobuf field bound (MAX_FIELDS) covers the fields of a layer's data_param too.

A data_param (the training source a net recorded) was walked to its end for its `source` field without counting
against the bound: one data_param of 10,000,000 two-byte fields took 9 s of CPU where the bound keeps a walk to ~2 s
(probe session31-caffe-data-param-60m-fields). Here the bound is lowered so that the fixture stays small: a walk that
honours it stops before the source, which sits after more fields than the bound allows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts import caffe
from modelmap.artifacts.caffe import CaffeReader
from tests.artifacts.protobuf import field


def _net(dummy_fields: int) -> bytes:
    param = b"\x10\x00" * dummy_fields + field(1, b"/data/adience/train_lmdb")  # DataParameter: batch_size x N, source
    layer = field(1, b"data") + field(2, b"Data") + field(107, param)
    return field(1, b"AgeNet") + field(100, layer) + field(100, field(1, b"conv1") + field(2, b"Convolution"))


def test_data_param_fields_count_against_the_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(caffe, "MAX_FIELDS", 1_000)
    f = tmp_path / "age_net.caffemodel"
    f.write_bytes(_net(5_000))
    info = CaffeReader().read(f)
    props = info.metadata["format_props"]
    assert props["caffe.sources"] == ""  # not reached: the walk stopped at the bound inside the data_param
    assert props["caffe.layer_names"] == "data"
    assert any("1000 fields" in n for n in info.notes)


def test_a_source_within_the_bound_is_still_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(caffe, "MAX_FIELDS", 1_000)
    f = tmp_path / "age_net.caffemodel"
    f.write_bytes(_net(100))
    props = CaffeReader().read(f).metadata["format_props"]
    assert props["caffe.sources"] == "/data/adience/train_lmdb"
    assert props["caffe.layer_names"] == "data conv1"
