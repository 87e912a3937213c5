"""A tokenizer_config.json alone whose added tokens are one maker's own names that maker, the version left open.

Found on the opened inspect held-out-8: Llama 3.2's tokenizer_config.json (257 added tokens, one of them <|image|>)
matched no recorded exact set and named nothing, though seven of its tokens only Meta's models carry. The special-token
signature rule that names a maker's new vocabulary now applies to a config with no vocabulary too. A config named
tokenizer_config.json on the command line is read as such (it was skipped as a folder's companion file).
"""

from __future__ import annotations

import json
from pathlib import Path

from modelmap.inspect import inspect_path

LLAMA3_SPECIALS = ["<|begin_of_text|>", "<|end_of_text|>", "<|finetune_right_pad_id|>", "<|step_id|>",
                   "<|start_header_id|>", "<|end_header_id|>", "<|eom_id|>", "<|eot_id|>", "<|python_tag|>"]


def _config(path: Path, tokens: list[str]) -> Path:
    doc = {"added_tokens_decoder": {str(128000 + i): {"content": t, "special": True} for i, t in enumerate(tokens)},
           "bos_token": tokens[0], "tokenizer_class": "PreTrainedTokenizerFast"}
    path.write_text(json.dumps(doc, indent=2))
    return path


def _llama_like(extra: list[str]) -> list[str]:
    return LLAMA3_SPECIALS + [f"<|reserved_special_token_{i}|>" for i in range(240)] + extra


def test_a_makers_added_tokens_name_it_without_a_vocabulary(tmp_path: Path) -> None:
    rec = inspect_path(_config(tmp_path / "cfg.dat", _llama_like(["<|image|>", "<|my_new_role|>"])))
    assert rec["format"] == "tokenizer:tokenizer_config"
    fam = rec["family"]
    assert fam is not None and fam["id"].startswith("llama3")
    assert "specials-signature" in fam["signals"]
    assert rec["publisher"]["id"] == "meta" and rec["origins"] == ["US"] and rec["origins_known"] is False


def test_the_file_named_tokenizer_config_json_is_read_when_named_alone(tmp_path: Path) -> None:
    rec = inspect_path(_config(tmp_path / "tokenizer_config.json", _llama_like(["<|image|>"])))
    assert rec["format"] == "tokenizer:tokenizer_config"
    assert rec["publisher"] is not None and rec["publisher"]["id"] == "meta"


def test_generic_added_tokens_name_no_maker(tmp_path: Path) -> None:
    rec = inspect_path(_config(tmp_path / "cfg.dat", ["<s>", "</s>", "<unk>", "<pad>", "[MASK]", "<|user|>",
                                                      "<|assistant|>", "<|system|>"]))
    assert rec["family"] is None and rec["publisher"] is None and rec["origins"] is None


def test_two_makers_tokens_name_neither(tmp_path: Path) -> None:
    qwen = ["<|im_start|>", "<|im_end|>", "<|endoftext|>", "<|vision_start|>", "<|vision_end|>", "<|quad_start|>",
            "<|object_ref_start|>", "<|box_start|>"]
    rec = inspect_path(_config(tmp_path / "cfg.dat", _llama_like(qwen)))
    assert rec["publisher"] is None
