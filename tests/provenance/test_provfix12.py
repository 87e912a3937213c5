"""provfix12 (issue 11): Ollama size tags the knowledge base does not list, and derivatives' names.

An Ollama library tag ``name:size`` that no record lists (Ollama repoints such tags, so the knowledge base leaves them
out rather than pin one checkpoint) still names a family and a size: the family every other listed tag of that
library name packages, and that family's first-party models of that size. Publisher and the publisher's country
follow (origins a lower bound); the licence is given only when every such model has the same one. A variant word
after the size picks another checkpoint and keeps the tag unknown.

Identifiers are written for this file (quantisation suffixes on library tags), not copied from the bench keys."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.mark.parametrize(("query", "publisher", "licence", "country"), [
    ("qwen3:235b-q8_0", "qwen", "apache-2.0", "CN"),
    ("deepseek-r1:671b-q4_K_M", "deepseek", "mit", "CN"),
])
def test_an_unlisted_size_tag_gives_the_family_and_the_licence_all_its_models_of_that_size_share(
        resolver: Resolver, query: str, publisher: str, licence: str, country: str) -> None:
    res = resolver.resolve(query)
    assert (res.model or {}).get("id") is None  # no one checkpoint is named
    assert (res.publisher or {}).get("id") == publisher
    assert (res.license or {}).get("id") == licence
    assert res.origins == (country,)
    assert res.origins_known is False  # a lower bound: which checkpoint, and its lineage, is unknown
    assert res.edges is None
    assert "of that size the knowledge base holds" in (res.reason or "")


@pytest.mark.parametrize("query", ["qwen3:235b-instruct-2599", "qwen3:999b"])
def test_a_variant_word_or_an_unknown_size_keeps_the_tag_unknown(resolver: Resolver, query: str) -> None:
    res = resolver.resolve(query)
    assert res.license is None
    assert "of that size" not in (res.reason or "")


def test_a_listed_tag_is_unchanged(resolver: Resolver) -> None:
    res = resolver.resolve("qwen3:8b")
    assert (res.model or {}).get("id") == "qwen/qwen3-8b"
    assert res.confidence == "known"
