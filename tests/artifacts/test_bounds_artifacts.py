"""Bounded artifact readers and ``inspect``: sizes are checked before anything is allocated, and one bad
file becomes a skipped entry, never a crash (regression tests for the bounded-parsing work).

Inputs are small: the limits are lowered instead, so each case shows the bound that a full-size hostile
file (250 MB safetensors header, 120 MB tokenizer.json, 60 MB pickle, 30M ONNX graph inputs) now hits.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pytest

from modelmap.artifacts import Limits
from modelmap.artifacts import onnx as onnx_mod
from modelmap.artifacts.onnx import ONNXReader
from modelmap.artifacts.pickle import PickleReader
from modelmap.artifacts.safetensors import SafetensorsReader
from modelmap.artifacts.tokenizer import TokenizerReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .protobuf import varint as _varint

SMALL = Limits(max_json_containers=1000, max_items=1000, max_graph_entries=1000)


def _onnx(graph: bytes) -> bytes:
    return b"\x08\x07" + b"\x12\x04test" + b"\x3a" + _varint(len(graph)) + graph


def test_bounds_onnx_graph_entries_are_bounded(tmp_path: Path) -> None:
    """A graph of `5a 02 0a 00` repeated 30M times hung inspect and scan; walking is bounded now."""
    p = tmp_path / "model.onnx"
    p.write_bytes(_onnx(b"\x5a\x02\x0a\x00" * 5000))
    with pytest.raises(ReadError) as err:
        ONNXReader().read(p, SMALL)
    assert err.value.limit == "max_graph_entries"


def test_bounds_onnx_inputs_kept_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(onnx_mod, "MAX_GRAPH_IO", 3)
    p = tmp_path / "model.onnx"
    p.write_bytes(_onnx(b"\x5a\x03\x0a\x01x" * 10))
    info = ONNXReader().read(p)
    assert info.metadata["graph_inputs"] == ["x", "x", "x"]
    assert any("7 more inputs" in n for n in info.notes)


def test_bounds_safetensors_header_objects_checked_before_parsing(tmp_path: Path) -> None:
    """A 250 MB header of `{},{},…` passed the byte limit and exhausted memory in json.loads."""
    header = b'{"__metadata__":{"a":[' + b"{}," * 5000 + b"{}]}}"
    p = tmp_path / "model.safetensors"
    p.write_bytes(struct.pack("<Q", len(header)) + header)
    with pytest.raises(ReadError) as err:
        SafetensorsReader().read(p, SMALL)
    assert err.value.limit == "max_json_containers"


def test_bounds_tokenizer_json_nested_lists(tmp_path: Path) -> None:
    p = tmp_path / "tokenizer.json"
    p.write_bytes(b'{"model":{"vocab":[' + b"[]," * 5000 + b"[]]}}")
    with pytest.raises(ReadError) as err:
        TokenizerReader().read(p, SMALL)
    assert err.value.limit == "max_json_containers"


def test_bounds_pickle_opcodes_are_streamed_and_bounded(tmp_path: Path) -> None:
    """`list(genops)` kept a tuple per opcode of a 60 MB pickle; now they are counted and bounded."""
    p = tmp_path / "pytorch_model.bin"
    p.write_bytes(b"\x80\x02]" + b"N" * 5000 + b".")
    with pytest.raises(ReadError) as err:
        PickleReader().read(p, SMALL)
    assert err.value.limit == "max_items"
    ok = tmp_path / "small.bin"
    ok.write_bytes(b"\x80\x02]N.")
    assert PickleReader().read(ok, SMALL).format == "pickle"


def _folder(tmp_path: Path, card: str | None = None, config: bytes | None = None) -> Path:
    m = tmp_path / "m"
    m.mkdir()
    if card is not None:
        (m / "README.md").write_text(card)
    (m / "config.json").write_bytes(config or b'{"model_type": "llama", "architectures": ["LlamaForCausalLM"]}')
    # 2,048 values: a file of a handful of values is a tensor reader's test fixture, not a model (model_files)
    header = b'{"a":{"dtype":"F32","shape":[2048],"data_offsets":[0,8192]}}'
    (m / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + b"\0" * 8192)
    return m


@pytest.mark.parametrize("card", [
    "---\nmodel-index: [1]\n---\n# x\n",  # AttributeError before
    "---\nbase_model: " + "[" * 5000 + "]" * 5000 + "\n---\n# x\n",  # RecursionError before
    "---\nlicense: mit\ndate: 2024-13-45\n---\n# x\n",  # ValueError before
    "---\nmodel-index: {a: 1}\nlicense: [mit]\nbase_model: {x: y}\n---\n# x\n",
], ids=["model-index-int", "deep", "bad-date", "odd-types"])
def test_bounds_model_cards_never_crash(tmp_path: Path, card: str) -> None:
    record = inspect_path(_folder(tmp_path, card))
    assert record["declared"]["name"] == "x"  # the heading still counts


def test_bounds_card_with_bad_front_matter_is_reported(tmp_path: Path) -> None:
    record = inspect_path(_folder(tmp_path, "---\nbase_model: " + "[" * 500 + "]" * 500 + "\n---\n# x\n"))
    assert [s["reason"] for s in record["skipped"]] == ["card-front-matter"]


def test_bounds_scan_with_a_bad_card_does_not_abort(tmp_path: Path) -> None:
    import modelmap

    _folder(tmp_path, "---\nmodel-index: [1]\n---\n# x\n")
    result = modelmap.scan(tmp_path, inspect_models=True, jobs=1)
    inspected = [f.resolution["inspected"] for f in result.findings if f.kind == "model-file" and f.resolution]
    assert inspected and not any("not inspected" in n for s in inspected for n in s["notes"])


def test_bounds_sparse_config_is_refused_before_reading(tmp_path: Path) -> None:
    """inspect read a 3 GB (sparse) config.json with read_bytes(); the size is checked first now."""
    m = _folder(tmp_path)
    with open(m / "config.json", "r+b") as fh:
        fh.truncate(3 * 1024**3)
    record = inspect_path(m)
    assert any(s["path"] == "config.json" and "max_text_bytes" in s["detail"] for s in record["skipped"])


def test_bounds_deep_ollama_manifest(tmp_path: Path) -> None:
    store = tmp_path / "s"
    (store / "blobs").mkdir(parents=True)
    man = store / "manifests" / "registry.ollama.ai" / "library" / "x" / "latest"
    man.parent.mkdir(parents=True)
    man.write_text('{"schemaVersion":2,"layers":' + "[" * 100_000 + "]" * 100_000 + "}")
    record = inspect_path(store)
    assert record["skipped"] and record["skipped"][0]["reason"] == "unreadable"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_bounds_inspect_lists_fifos_and_never_opens_them(tmp_path: Path) -> None:
    m = tmp_path / "m"
    m.mkdir()
    (m / "config.json").write_text(json.dumps({"model_type": "llama"}))
    os.mkfifo(m / "model.safetensors")
    os.mkfifo(m / "README.md")
    record = inspect_path(m)
    assert sorted((s["path"], s["reason"]) for s in record["skipped"]) == [
        ("README.md", "not-a-file"), ("model.safetensors", "not-a-file")]
    with pytest.raises(ReadError):
        SafetensorsReader().read(m / "model.safetensors")


@pytest.mark.skipif(os.name == "nt", reason="needs a file system that takes any bytes")
def test_bounds_inspect_non_utf8_names(tmp_path: Path) -> None:
    m = _folder(tmp_path)
    with open(os.path.join(os.fsencode(m), b"notes\xff.bin"), "wb") as fh:
        fh.write(b"\x80\x02]N.")
    record = inspect_path(m)
    assert record["family"] is not None or record["skipped"] is not None  # finished, no exception
