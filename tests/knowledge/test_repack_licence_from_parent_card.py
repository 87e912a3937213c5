"""A generated record whose licence was later read on the repository's own page carries it (corrections.yaml), and
the community quantisations that package it report that licence too, under every spelling of the repo."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import license_id, parents


@pytest.mark.parametrize("query", ["zai-org/LongWriter-llama3.1-8b", "THUDM/LongWriter-llama3.1-8b",
                                   "bartowski/LongWriter-llama3.1-8b-GGUF",
                                   "hf.co/bartowski/LongWriter-llama3.1-8b-GGUF:Q4_K_M"])
def test_longwriter_llama31_licence(query: str) -> None:
    assert license_id(resolve(query).to_dict()) == "llama3.1"


@pytest.mark.parametrize(("query", "parent", "licence"), [
    ("shenzhi-wang/Llama3.1-70B-Chinese-Chat", "meta-llama/llama-3.1-70b-instruct", "llama3.1"),
    ("shenzhi-wang/Llama3-70B-Chinese-Chat", "meta-llama/meta-llama-3-70b-instruct", "llama3"),
    ("shenzhi-wang/Gemma-2-27B-Chinese-Chat", "google/gemma-2-27b-it", "gemma"),
])
def test_chinese_chat_fine_tunes_name_their_instruct_parent(query: str, parent: str, licence: str) -> None:
    rec = resolve(query).to_dict()
    assert parents(rec) == [parent]
    assert license_id(rec) == licence


def test_a_repack_keeps_its_own_declared_licence_not_its_parents() -> None:
    rec = resolve("iwaitu/llama-3.1-70b-chinese-chat-FP8").to_dict()
    assert parents(rec) == ["shenzhi-wang/llama3.1-70b-chinese-chat"]
    assert license_id(rec) == "apache-2.0"
