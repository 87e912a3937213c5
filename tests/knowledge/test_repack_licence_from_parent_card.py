"""A generated record whose licence was later read on the repository's own page carries it (corrections.yaml), and
the community quantisations that package it report that licence too, under every spelling of the repo."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import license_id


@pytest.mark.parametrize("query", ["zai-org/LongWriter-llama3.1-8b", "THUDM/LongWriter-llama3.1-8b",
                                   "bartowski/LongWriter-llama3.1-8b-GGUF",
                                   "hf.co/bartowski/LongWriter-llama3.1-8b-GGUF:Q4_K_M"])
def test_longwriter_llama31_licence(query: str) -> None:
    assert license_id(resolve(query).to_dict()) == "llama3.1"
