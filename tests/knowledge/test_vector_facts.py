"""An embedder's or reranker's output kind and language coverage (embedding_output / languages / language_count,
docs/knowledge-format.md) are facts `modelmap alternatives` ranks replacements by, so each one in the bundled
knowledge base must name the source it was read from, and the values must keep their documented shape."""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.knowledge import load

_FACTS = ("embedding_output", "languages", "language_count")


def _with_facts() -> dict[str, dict[str, Any]]:
    return {mid: rec for mid, rec in load().models.items() if any(rec.get(k) is not None for k in _FACTS)}


def test_every_output_kind_and_language_fact_names_a_dated_source_that_covers_it() -> None:
    records = _with_facts()
    assert len(records) >= 45  # the common embedders and rerankers carry them (50 on 2026-12-07)
    missing = []
    for mid, rec in records.items():
        for key in _FACTS:
            if rec.get(key) is None:
                continue
            if not any(key in (src.get("covers") or []) and src.get("url") and src.get("as_of")
                       for src in rec.get("sources") or []):
                missing.append(f"{mid}: {key}")
    assert not missing, missing


def test_the_facts_keep_their_documented_shape() -> None:
    bad = []
    for mid, rec in _with_facts().items():
        if rec.get("role") not in ("embedding", "rerank"):
            bad.append(f"{mid}: role {rec.get('role')}")
        out = rec.get("embedding_output")
        if out is not None and not (out and set(out) <= {"dense", "multi-vector", "sparse"}):
            bad.append(f"{mid}: embedding_output {out}")
        langs = rec.get("languages")
        if langs is not None and langs != "multilingual" and not (
                isinstance(langs, list) and langs and all(isinstance(c, str) and len(c) == 2 for c in langs)):
            bad.append(f"{mid}: languages {langs}")
        if rec.get("language_count") is not None and langs != "multilingual":
            bad.append(f"{mid}: language_count without multilingual")
    assert not bad, bad


@pytest.mark.parametrize(("mid", "expected"), [
    # read from the model's own card or its maker's page (sources in the records)
    ("intfloat/e5-large-v2", {"embedding_output": ["dense"], "languages": ["en"]}),
    ("qwen/qwen3-embedding-8b", {"embedding_output": ["dense"], "languages": "multilingual", "language_count": 100}),
    ("qwen/qwen3-reranker-4b", {"languages": "multilingual", "language_count": 100}),
    ("alibaba-nlp/gte-multilingual-base",
     {"embedding_output": ["dense", "sparse"], "languages": "multilingual", "language_count": 70}),
    ("snowflake/snowflake-arctic-embed-l-v2.0", {"params": "568M", "languages": "multilingual"}),
    ("cohere/embed-english-v3.0", {"embedding_output": ["dense"], "languages": ["en"]}),
    ("mixedbread-ai/mxbai-rerank-large-v2", {"languages": "multilingual", "language_count": 100}),  # correction
])
def test_sourced_facts_of_common_embedders(mid: str, expected: dict[str, Any]) -> None:
    rec = load().models[mid]
    assert {k: rec.get(k) for k in expected} == expected
