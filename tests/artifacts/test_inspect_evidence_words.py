"""`modelmap inspect` evidence lines name their source once and no field twice (tryout23).

A tokenizer.json alone printed "vocabulary  tokenizer.json: tokenizer.json:BPE vocabulary of …": the reader's
detail already starts with the file name, and the table put the source in front again. The fixture is a small BPE
tokenizer written here (the tokenizers library's tokenizer.json layout: version, added_tokens, model.type/vocab/merges).
"""
from __future__ import annotations

import json
from pathlib import Path

from modelmap.cli.inspect_cmd import _rows
from modelmap.inspect import inspect_path

VOCAB = {c: i for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")} | {"ab": 26, "Ġthe": 27, "<|endoftext|>": 28}
TOKENIZER = {"version": "1.0",
             "added_tokens": [{"id": 28, "content": "<|endoftext|>", "special": True, "single_word": False,
                               "lstrip": False, "rstrip": False, "normalized": False}],
             "model": {"type": "BPE", "vocab": VOCAB, "merges": ["a b"]}}


def test_vocabulary_line_names_the_file_once(tmp_path: Path) -> None:
    (tmp_path / "tokenizer.json").write_text(json.dumps(TOKENIZER), encoding="utf-8")
    rows = _rows(inspect_path(tmp_path / "tokenizer.json"))
    vocab = [value for field, value, _ in rows if field == "vocabulary"]
    assert vocab and vocab[0].startswith("tokenizer.json: BPE vocabulary"), vocab
    assert vocab[0].count("tokenizer.json") == 1


def test_no_field_twice_and_no_trailing_separator(tmp_path: Path) -> None:
    (tmp_path / "tokenizer.json").write_text(json.dumps(TOKENIZER), encoding="utf-8")
    rec = inspect_path(tmp_path / "tokenizer.json")
    rec["evidence"] = [*rec["evidence"], {"kind": "origins", "source": "config.json", "detail": "US (publisher)"},
                       {"kind": "tensor-shapes", "source": "model.safetensors", "detail": "hidden 384, layers 6;"}]
    rows = _rows(rec)
    fields = [field for field, _, _ in rows]
    assert fields.count("origins") == 1 and "origins (evidence)" in fields
    assert not any(value.rstrip().endswith(";") for _, value, _ in rows)
