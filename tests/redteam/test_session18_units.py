"""Red-team unit probes (brief mem18): JSON documents whose parse costs more memory than their container count says.

``parse_json_bounded`` (artifacts/base.py) bounded a document by its arrays/objects (max_json_containers, 2M) on the
assumption that each costs 60-90 bytes once parsed. Measured, a small object costs 300-500 bytes (a million 2-key
``added_tokens_decoder`` entries, 77 MB: 490 MB parsed, a 595-608 MB peak; probes s17-tokenizer-config-alone-1m-
added-tokens-decoder and s17-gzip-tokenizer-json-1m-added-tokens), and documents with no containers at all cost as
much (a flat object of 3 million members: 640 MB). Every JSON reader now also holds ``json_parse_cost`` (a per-thing
cost measured on real tokenizer files) plus the raw bytes to ``max_json_memory``, before any object is made.
"""

from __future__ import annotations

import json
import struct
import tracemalloc
from pathlib import Path

import pytest

from modelmap.artifacts import base
from modelmap.artifacts.base import DEFAULT_LIMITS, Limits, json_parse_cost, parse_json_bounded
from modelmap.artifacts.safetensors import SafetensorsReader
from modelmap.artifacts.tokenizer import TokenizerReader, special_tokens_from_config
from modelmap.errors import ReadError


def _no_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("json.loads ran on a document over the memory budget")

    monkeypatch.setattr(base.json, "loads", refuse)


def _decoder_config(n: int) -> bytes:
    dec = ", ".join(f'"{i}": {{"content": "<|reserved_special_token_{i}|>", "special": true}}' for i in range(n))
    return ('{"added_tokens_decoder": {' + dec + '}, "bos_token": "<|begin_of_text|>"}').encode()


def test_a_million_added_tokens_decoder_entries_are_refused_before_parsing(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The 77 MB tokenizer_config.json of the probe: 1M objects, under max_json_containers and max_items."""
    path = tmp_path / "tokenizer_config.json"
    path.write_bytes(_decoder_config(1_000_000))
    _no_loads(monkeypatch)
    with pytest.raises(ReadError) as err:
        special_tokens_from_config(path)
    assert err.value.limit == "max_json_memory"
    with pytest.raises(ReadError) as err:
        TokenizerReader().read(path)
    assert err.value.limit == "max_json_memory"


def test_a_flat_vocabulary_of_three_million_members_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One container, 3M members (~640 MB parsed): no container count catches it."""
    path = tmp_path / "vocab.json"
    path.write_bytes(b"{" + b"".join(b'"tok%d": %d, ' % (i, i) for i in range(3_000_000)) + b'"end": 0}')
    _no_loads(monkeypatch)
    with pytest.raises(ReadError) as err:
        TokenizerReader().read(path)
    assert err.value.limit == "max_json_memory"


def test_a_safetensors_header_of_millions_of_metadata_members_is_refused(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The bound holds for every reader that parses JSON, not only the tokenizer's."""
    meta = ", ".join(f'"k{i}": "v"' for i in range(3_000_000))
    header = ('{"__metadata__": {' + meta + '}, "w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}').encode()
    path = tmp_path / "model.safetensors"
    path.write_bytes(struct.pack("<Q", len(header)) + header + b"\0" * 4)
    _no_loads(monkeypatch)
    with pytest.raises(ReadError) as err:
        SafetensorsReader().read(path)
    assert err.value.limit == "max_json_memory"


def _bpe_tokenizer_json(n: int) -> bytes:
    """A byte-level BPE tokenizer.json shaped like Gemma's / Qwen's: n vocab entries (some past U+FFFF, as Gemma's
    emoji are), n merges as string pairs (the tokenizers >= 0.20 layout), a few hundred added tokens."""
    vocab = {(f"\u0120tok{i}" + ("\U0001f600" if i % 1000 == 0 else "")): i for i in range(n)}
    merges = [[f"\u0120t{i}", f"ok{i}"] for i in range(n)]
    added = [{"id": n + i, "content": f"<|reserved_{i}|>", "special": True} for i in range(300)]
    return json.dumps({"version": "1.0", "added_tokens": added, "model": {"type": "BPE", "vocab": vocab,
                                                                           "merges": merges}},
                      ensure_ascii=False).encode()


def test_a_real_sized_tokenizer_json_is_still_read(tmp_path: Path) -> None:
    """Gemma 3's tokenizer.json (262k vocabulary, 514k merges, 33 MB, emoji) is the largest real one measured: its
    estimate (~390 MiB with its raw bytes) fits max_json_memory; a synthetic one of its counts must read."""
    path = tmp_path / "tokenizer.json"
    path.write_bytes(_bpe_tokenizer_json(262_144))
    assert len(path.read_bytes()) + json_parse_cost(path.read_bytes()) < DEFAULT_LIMITS.max_json_memory
    info = TokenizerReader().read(path)
    assert info.tokenizer is not None and info.tokenizer.total_size >= 262_144


@pytest.mark.parametrize("doc", [
    {"added_tokens_decoder": {str(i): {"content": f"<|t{i}|>", "special": True} for i in range(20_000)}},
    {f"tok{i}": i for i in range(50_000)},
    {"merges": [[f"a{i}", f"b{i}"] for i in range(30_000)]},
    list(range(1_000, 80_000)),
    [i * 0.5 + 0.1 for i in range(60_000)],
    ["\U0001f600" + "中文" * 3 + str(i) for i in range(40_000)],
    [[] for _ in range(60_000)],
], ids=["small-objects", "flat-object", "merge-pairs", "ints", "floats", "astral-strings", "empty-lists"])
def test_the_estimate_covers_what_the_parse_allocates(doc: object) -> None:
    """json_parse_cost is an upper bound on what json.loads allocates (tracemalloc's peak, the decoded text
    included), shape by shape, so a document that fits the budget parses within it."""
    data = json.dumps(doc, ensure_ascii=False).encode()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        parsed = json.loads(data)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert parsed == doc
    assert peak <= json_parse_cost(data), f"parse allocated {peak} bytes, estimated {json_parse_cost(data)}"


def test_text_past_the_basic_plane_is_costed_at_four_bytes_a_character() -> None:
    """json.loads decodes the whole document to one str, 4 bytes a character once any character is past U+FFFF."""
    plain = json.dumps(["a" * 1_000_000]).encode()
    bmp = json.dumps(["\u0120" * 500_000], ensure_ascii=False).encode()  # 2 UTF-8 bytes a character
    astral = json.dumps(["a" * 999_996 + "\U0001f600"], ensure_ascii=False).encode()  # same length as plain
    assert len(astral) == len(plain)
    assert json_parse_cost(astral) - json_parse_cost(plain) >= 2 * len(plain)
    assert json_parse_cost(plain) < json_parse_cost(bmp) < json_parse_cost(astral)


def test_the_memory_limit_scales_and_counts_the_raw_bytes() -> None:
    assert Limits().scaled(0.5).max_json_memory == DEFAULT_LIMITS.max_json_memory // 2
    data = json.dumps(["x" * 1000] * 10).encode()
    need = len(data) + json_parse_cost(data)
    assert parse_json_bounded("t.json", data, Limits(max_json_memory=need)) == ["x" * 1000] * 10
    with pytest.raises(ReadError) as err:
        parse_json_bounded("t.json", data, Limits(max_json_memory=need - 1))
    assert err.value.limit == "max_json_memory"
