"""amharic-tokenizer's saved BPE state (session 21, inspect24, on the opened held-out-9): a JSON document whose
top-level keys are those amharic_tokenizer/serialization.py writes (vocabulary, merge_rank_map, token_to_id,
id_to_token, next_id; optionally format_version, num_merges, max_vocab_size) is read as a tokenizer of kind bpe-state
(the vocabulary from token_to_id) and named amharic-tokenizer (Sefineh Tesfa). The real file is skipped when absent.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from modelmap.artifacts.base import ReadError
from modelmap.artifacts.tokenizer import TokenizerReader
from modelmap.inspect import inspect_path

from .conftest import real_file
from .test_inspect20_speech import _fam, _pub

FIDEL = [chr(c) for c in range(0x1200, 0x1200 + 300)]


def _state(extra: dict[str, object] | None = None, drop: str | None = None) -> dict[str, object]:
    tokens = ["<eow>", "<unk>"] + FIDEL + [a + b for a, b in itertools.pairwise(FIDEL[:101])]
    doc: dict[str, object] = {
        "num_merges": 100, "max_vocab_size": 500,
        "vocabulary": {t: 0 for t in tokens},
        "merge_rank_map": {f"{a} {b}": i for i, (a, b) in enumerate(itertools.pairwise(FIDEL[:101]))},
        "token_to_id": {t: i for i, t in enumerate(tokens)},
        "id_to_token": {str(i): t for i, t in enumerate(tokens)},
        "next_id": len(tokens),
    }
    if drop:
        del doc[drop]
    doc.update(extra or {})
    return doc


def _write(path: Path, doc: dict[str, object]) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=4), encoding="utf-8")
    return path


def test_synthetic_state_is_read_and_named(tmp_path: Path) -> None:
    for extra in (None, {"format_version": 2}):  # 0.2.7's to_dict adds format_version; older files lack it
        path = _write(tmp_path / f"s{bool(extra)}", _state(extra))
        info = TokenizerReader().read(path)
        assert info.format == "tokenizer:bpe-state" and info.tokenizer is not None
        assert info.tokenizer.special_tokens == ["<eow>", "<unk>"] and info.tokenizer.total_size == 402
        rec = inspect_path(path)
        assert _fam(rec) == "amharic-tokenizer" and _pub(rec) == ("sefineh-ai", None)


def test_other_json_shapes_are_not_bpe_state(tmp_path: Path) -> None:
    more = _write(tmp_path / "more", _state({"model_type": "bpe"}))  # a key the format does not write
    missing = _write(tmp_path / "missing", _state(drop="next_id"))
    for path in (more, missing):
        with pytest.raises(ReadError):
            TokenizerReader().read(path)
        assert _fam(inspect_path(path)) is None
    bad = _write(tmp_path / "bad", _state({"token_to_id": {"a": "x"}}))  # ids that are not ints
    assert _fam(inspect_path(bad)) is None


def test_hostile_cut_and_nested_state(tmp_path: Path) -> None:
    whole = _write(tmp_path / "whole", _state()).read_bytes()
    cut = tmp_path / "cut"
    cut.write_bytes(whole[:len(whole) // 2])  # a cut file: no closing brace, not the whole state
    assert _fam(inspect_path(cut)) is None
    deep = tmp_path / "deep"
    nest = "[" * 5000 + "]" * 5000
    deep.write_text('{"vocabulary": ' + nest + ', "merge_rank_map": {}, "token_to_id": {}, "id_to_token": {}, '
                    '"next_id": 0}')
    assert _fam(inspect_path(deep)) is None


def test_real_amharic_state(tmp_path: Path) -> None:
    src = real_file("amharic-tokenizer-0.2.7", "amharic_tokenizer/models/amh_bpe_v0.2.7.json")
    bare = tmp_path / "data"
    bare.write_bytes(src.read_bytes())
    info = TokenizerReader().read(bare)
    assert info.tokenizer is not None and info.tokenizer.total_size == 30000
    rec = inspect_path(bare)
    assert _fam(rec) == "amharic-tokenizer" and _pub(rec) == ("sefineh-ai", None)
