"""A folder holding several models' tokenizers says which it did not read (tryfix35).

``modelmap inspect models/`` reads one PATH as one model with one tokenizer: it read the first tokenizer found and
dropped every other one without a word, so a Llama 3 tokenizer.model and a renamed Qwen tokenizer next to a
DeepSeek one left no trace in the record. Tokenizer files in another folder are now listed in ``skipped`` as
``another-model``, once per folder; a model folder's own companion files (vocab.json beside tokenizer.json) are not.
"""

from __future__ import annotations

import json
from pathlib import Path

from modelmap.inspect import inspect_path


def _tokenizer(words: list[str]) -> str:
    vocab = {"[UNK]": 0, **{w: i + 1 for i, w in enumerate(words)}}
    return json.dumps({"version": "1.0", "added_tokens": [],
                       "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"}})


def test_tokenizers_of_other_folders_are_listed_not_dropped(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    (tmp_path / "a" / "tokenizer.json").write_text(_tokenizer(["hello", "world"]))
    (tmp_path / "b" / "tokenizer.json").write_text(_tokenizer(["bonjour", "monde"]))
    (tmp_path / "c" / "lexicon.json").write_text(_tokenizer(["hallo", "welt"]))  # a renamed tokenizer
    (tmp_path / "c" / "tokenizer_config.json").write_text("{}")
    rec = inspect_path(tmp_path)
    others = {s["path"]: s for s in rec["skipped"] if s["reason"] == "another-model"}
    assert sorted(others) == ["b", "c"], rec["skipped"]
    assert "tokenizer.json" in others["b"]["detail"] and "only the tokenizer in a was" in others["b"]["detail"]
    assert "lexicon.json" in others["c"]["detail"] and "tokenizer_config" not in others["c"]["detail"]


def test_one_model_folder_lists_nothing_as_another_model(tmp_path: Path) -> None:
    (tmp_path / "tokenizer.json").write_text(_tokenizer(["hello", "world"]))
    (tmp_path / "vocab.json").write_text(json.dumps({"[UNK]": 0, "hello": 1, "world": 2}))
    rec = inspect_path(tmp_path)
    assert [s for s in rec["skipped"] if s["reason"] == "another-model"] == []
