"""provres14 (issue 11): generic resolver rules read from the opened provenance keys' misses.

A re-packaging whose name, less its packaging words, is the start of exactly one known lab model's Hub name
("<acct>/Qwen3-Coder-30B-A3B-4.0bpw-EXL3": Qwen published Qwen3-Coder-30B-A3B only as -Instruct) packages that
model by the name's claim: base = that model (relation quantization, ``source: name``), licence the one a
re-packaging keeps, confidence ``unknown``. Two or more models starting so, extra words after the prefix, or no
packaging word: no such claim."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def _base(res):  # type: ignore[no-untyped-def]
    return next(((e["parent"], e.get("source"), e["relation"]) for e in res.edges or ()
                 if e["child"] == (res.model or {}).get("id")), None)


@pytest.mark.parametrize("query", [
    "acme/Qwen3-Coder-30B-A3B-4.0bpw-EXL3",   # EXL3 with its bits per weight
    "acme/Qwen3-Coder-30B-A3B-GGUF",
    "bartowski/Qwen3-Coder-30B-A3B-GGUF",      # a known quantizer too: still only the name's claim
])
def test_a_repack_named_by_the_start_of_one_model_claims_that_model(resolver: Resolver, query: str) -> None:
    res = resolver.resolve(query)
    assert (res.model or {}).get("id") == query.lower()
    assert _base(res) == ("qwen/qwen3-coder-30b-a3b-instruct", "name", "quantization")
    assert res.confidence == "unknown"  # a claim of the name, never a confident answer
    assert (res.license or {}).get("id") == "apache-2.0"
    assert res.origins == ("CN",) and res.origins_known is False  # the account's own country is unknown
    assert "start of one known model's name" in (res.reason or "")


@pytest.mark.parametrize("query", [
    "acme/Llama3.1-Nemotron-70B-exl2",      # -Instruct and -Instruct-HF both start so: which one is unsaid
    "acme/Qwen3-Coder-30B-A3B-sft-GGUF",    # a word after the prefix: a derivative the KB does not know
    "acme/Qwen3-Coder-30B-A3B",             # no packaging word: nothing says it is a re-packaging
])
def test_no_claim_when_the_name_does_not_pin_one_model(resolver: Resolver, query: str) -> None:
    res = resolver.resolve(query)
    assert _base(res) is None
    assert (res.license or {}).get("id") is None


@pytest.mark.parametrize(("query", "model"), [
    ("acme/glm-z1-9b:latest", "zai-org/glm-z1-9b-0414"),   # an Ollama upload named without the repo's MMDD date
    ("acme/glm-z1-32b:q4_k_m", "zai-org/glm-z1-32b-0414"),
    ("glm-z1-9b", "zai-org/glm-z1-9b-0414"),               # a bare name, as routers write it
    ("zai-org/glm-z1-9b", "zai-org/glm-z1-9b-0414"),       # under the publisher's own org
])
def test_a_name_without_its_mmdd_release_date_is_that_one_release(resolver: Resolver, query: str, model: str) -> None:
    res = resolver.resolve(query)
    assert (res.model or {}).get("id") == model
    assert res.confidence == "inferred"
    assert (res.publisher or {}).get("country") == "CN"


def test_a_date_does_not_pick_between_releases_or_replace_an_exact_name(resolver: Resolver) -> None:
    # DeepSeek-V3 is itself a repo: the dated -0324 release is another model, never what the bare name means
    assert (resolver.resolve("deepseek-v3").model or {}).get("id") == "deepseek-ai/deepseek-v3"
    # OLMoE-1B-7B has two MMDD releases (-0924 and -0125): the undated name says neither
    assert (resolver.resolve("olmoe-1b-7b").model or {}).get("id") is None
    assert (resolver.resolve("acme/olmoe-1b-7b:latest").model or {}).get("id") != "allenai/olmoe-1b-7b-0125"


@pytest.mark.parametrize(("query", "some"), [
    ("acme/fine-tuned-bge-base", "baai/bge-base-en-v1.5"),   # the known line's start at the end of the name
    ("acme/longwriter-glm4", "zai-org/glm-4-9b"),
])
def test_a_trailing_part_that_starts_known_names_gives_their_shared_origins(
        resolver: Resolver, query: str, some: str) -> None:
    res = resolver.resolve(query)
    assert res.origins == ("CN",) and res.origins_known is False  # a lower bound, the name's claim
    assert res.confidence == "unknown"
    assert _base(res) is None and res.license is None  # which of them it derives from is not said
    assert some in (res.reason or "")


def test_a_trailing_part_that_is_one_model_still_names_that_model(resolver: Resolver) -> None:
    res = resolver.resolve("acme/chat-bge-base-zh")
    assert _base(res) == ("baai/bge-base-zh", "name", "finetune")
    assert res.confidence == "unknown"


def test_a_name_starting_no_known_name_claims_nothing(resolver: Resolver) -> None:
    res = resolver.resolve("acme/my-cool-model")
    assert res.origins is None and _base(res) is None
