"""A value compared with ``llm_type`` / ``backbone_type`` names the kind of language model a branch is written for (a
fine-tuning script picks the chat format of that family), not a model in use (tuneC34; our own fixture)."""

from __future__ import annotations

from pathlib import Path

import modelmap

DATASET = '''def conversation_to_ids(conversation, tokenizer, llm_type=None):
    if llm_type == "llama3":
        return conversation_to_ids_llama3(conversation, tokenizer)
    elif llm_type == "qwen2":
        return conversation_to_ids_qwen2(conversation, tokenizer)
    if backbone_type in ("internlm2", "phi3"):
        return conversation_to_ids_plain(conversation, tokenizer)
    return conversation_to_ids_minicpm(conversation, tokenizer)


def load(model_name):
    if model_name == "llama3":
        return "meta-llama/Meta-Llama-3-8B-Instruct"
'''


def test_values_compared_with_an_llm_type_are_no_models(tmp_path: Path) -> None:
    (tmp_path / "dataset.py").write_text(DATASET)
    found = {(f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}
    assert not {raw for line, raw in found if line in (2, 4, 6)}
    # the same word compared with a model name is a model
    assert (12, "llama3") in found
