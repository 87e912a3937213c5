"""Sourced corrections over generated records (data/corrections.yaml, issue 11): a licence read later from the
card and a withdrawn record survive a generator's rerun because they are applied when the index compiles."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from modelmap.errors import KnowledgeError
from modelmap.knowledge import load
from modelmap.knowledge.loader import DATA_DIR, _apply_corrections


def _models() -> dict[str, Any]:
    return {"acme/gen-7b": {"id": "acme/gen-7b", "license": "unknown",
                            "sources": [{"url": "https://pypi.org/project/x/", "as_of": "2026-12-03"}]},
            "acme/ghost-9b": {"id": "acme/ghost-9b", "license": "unknown", "sources": []}}


def test_a_licence_correction_replaces_unknown_and_cites_its_source() -> None:
    models = _models()
    _apply_corrections(models, [{"id": "ACME/gen-7b", "license": "apache-2.0", "reason": "card",
                                 "sources": [{"url": "https://huggingface.co/acme/gen-7b", "as_of": "2026-12-03"}]}])
    rec = models["acme/gen-7b"]
    assert rec["license"] == "apache-2.0"
    assert rec["sources"][-1] == {"url": "https://huggingface.co/acme/gen-7b", "as_of": "2026-12-03",
                                  "covers": ["license"]}
    assert rec["sources"][0]["url"] == "https://pypi.org/project/x/"  # the generator's source is kept


def test_a_withdrawn_record_is_gone() -> None:
    models = _models()
    _apply_corrections(models, [{"id": "acme/ghost-9b", "withdraw": True, "reason": "no such repo",
                                 "sources": [{"url": "https://huggingface.co/acme", "as_of": "2026-12-03"}]}])
    assert "acme/ghost-9b" not in models and "acme/gen-7b" in models


def test_a_stale_correction_fails_the_build() -> None:
    with pytest.raises(KnowledgeError, match="no publisher file holds"):
        _apply_corrections(_models(), [{"id": "acme/renamed", "license": "mit", "reason": "x", "sources": []}])


def test_every_bundled_correction_is_applied() -> None:
    kb = load()
    doc = yaml.safe_load((DATA_DIR / "corrections.yaml").read_text())
    assert doc["corrections"], "the file exists to be used"
    for fix in doc["corrections"]:
        mid = fix["id"].lower()
        if fix.get("withdraw"):
            assert mid not in kb.models and mid not in kb.hf_index
        else:
            # a correction sets a licence, a base, or both (the loader refuses one that sets neither)
            if "license" in fix:
                assert kb.models[mid]["license"] == fix["license"]
            if "base" in fix:
                assert kb.models[mid]["base"] == [
                    {"relation": b["relation"], "model": str(b["model"]).lower()} for b in fix["base"]]


def test_an_embedders_output_kind_and_languages_are_set_with_their_source() -> None:
    """A generated embedding record's output kind and languages, read from its card, survive the generator's rerun
    (the fields alternatives ranks an embedder's replacements by, switch/alternatives.py)."""
    models = _models()
    _apply_corrections(models, [{"id": "acme/gen-7b", "embedding_output": ["multi-vector"], "languages": "multilingual",
                                 "language_count": 89, "reason": "card",
                                 "sources": [{"url": "https://huggingface.co/acme/gen-7b", "as_of": "2026-12-07"}]}])
    rec = models["acme/gen-7b"]
    assert (rec["embedding_output"], rec["languages"], rec["language_count"]) == (["multi-vector"], "multilingual", 89)
    assert rec["license"] == "unknown"  # untouched
    assert rec["sources"][-1]["covers"] == ["embedding_output", "languages", "language_count"]
    assert load().models["jinaai/jina-colbert-v2"]["embedding_output"] == ["multi-vector"]  # the bundled one
