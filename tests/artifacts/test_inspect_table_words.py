"""`modelmap inspect` table: unknowns in words, and no phrase said twice (tryout20).

A folder holding only a BERT config.json of the MiniLM L6-H384 shape (the shape all-MiniLM-L6-v2 publishes:
https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2/blob/main/config.json, as of 2026-12-05) is
identified by its dimensions, but no weight file is read, no card declares anything, and the base's own origins
are incomplete in the knowledge base. The table printed `format None`, `name=None  base_model=None
license=None`, and "origins may be incomplete: origins may be incomplete: …".
"""
from __future__ import annotations

import json
from pathlib import Path

from modelmap.cli.inspect_cmd import _tables
from modelmap.inspect import inspect_path
from modelmap.output import render_rich

CONFIG = {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 384, "num_hidden_layers": 6,
          "num_attention_heads": 12, "intermediate_size": 1536, "vocab_size": 30522,
          "max_position_embeddings": 512, "hidden_act": "gelu", "type_vocab_size": 2}


def _table(folder: Path) -> tuple[dict, str]:
    rec = inspect_path(folder)
    return rec, render_rich(*_tables([rec]), width=400, terminal=False)


def test_config_only_folder_says_unknown_in_words(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps(CONFIG))
    rec, shown = _table(tmp_path)
    assert rec.get("format") is None and not any((rec.get("declared") or {}).values())
    assert "None" not in shown
    assert "format" in shown and "unknown (no weight file read)" in shown
    assert "nothing (no card or config names the model" in shown


def test_incomplete_base_origins_are_not_said_twice(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps(CONFIG))
    rec, shown = _table(tmp_path)
    details = [e["detail"] for e in rec["evidence"] if e["kind"] == "origins"]
    assert details, rec["evidence"]
    assert all(d.count("origins may be incomplete") == 1 for d in details), details
    assert "may be incomplete: origins may be incomplete" not in " ".join(shown.split())


def test_declared_values_still_shown(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps(CONFIG))
    (tmp_path / "README.md").write_text("---\nlicense: apache-2.0\nbase_model: nreimers/MiniLM-L6-H384-uncased\n---\n# m\n")
    _, shown = _table(tmp_path)
    assert "base_model=nreimers/MiniLM-L6-H384-uncased" in shown and "license=apache-2.0" in shown
    assert "name=None" not in shown
