"""An embedder's replacement gives the same kind of vectors and covers the current model's languages.

The shape a tryout found (session 34, item 14): for BGE-M3 (a multilingual dense embedder, 100+ languages),
``alternatives`` offered a ColBERT multi-vector model first (another index, not a drop-in) and Korean, Dutch and
African-language E5 models ahead of a multilingual one: the ranking knew only role, size and licence. The knowledge
base now records ``embedding_output`` and ``languages`` from the models' cards; a known match ranks first, an
unknown one next, a known mismatch last (before size and price), and the table and JSON say why.

The knowledge base here is a small fixture of our own, so the order tested is the rule's, not the shipped data's.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from modelmap.knowledge import load
from modelmap.knowledge.loader import KnowledgeIndex
from modelmap.provenance.resolver import Resolver
from modelmap.switch.alternatives import find_alternatives, fit_text, language_fit, output_fit, table_grids
from modelmap.switch.plan import candidate_dict, fit_note

SCHEMAS = Path(__file__).resolve().parents[2] / "src" / "modelmap" / "report" / "schemas"


def _rec(mid: str, params: str, **facts: Any) -> dict[str, Any]:
    return {"id": mid, "name": mid.split("/")[1], "family": None, "hf": mid, "publisher": "fixture-lab",
            "params": params, "role": "embedding", "modality": ["text"], "open_weights": True, "license": "mit",
            "base": [], "teacher": [], "sources": [{"url": "https://example.org/card", "as_of": "2026-12-07"}],
            **facts}


MULTI = {"languages": "multilingual", "language_count": 100}
RECORDS = [
    # the current model: dense, sparse and multi-vector output (its loader returns the dense vectors), 100+ languages
    _rec("fixture-lab/m3-like", "569M", embedding_output=["dense", "sparse", "multi-vector"], **MULTI),
    # nearest in size, but a ColBERT model: another index
    _rec("fixture-lab/colbert-multi", "560M", embedding_output=["multi-vector"], **MULTI),
    # as near in size, but English only / Korean and English only
    _rec("fixture-lab/dense-en", "568M", embedding_output=["dense"], languages=["en"]),
    _rec("fixture-lab/dense-ko", "570M", embedding_output=["dense"], languages=["ko", "en"]),
    # nothing recorded: neither a known match nor a known mismatch
    _rec("fixture-lab/unknown", "565M"),
    # the farthest in size, and the only one that does the same job
    _rec("fixture-lab/dense-multi", "300M", embedding_output=["dense"], **MULTI),
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeIndex:
    data = copy.copy(dict(load().data))
    data["models"] = {r["id"]: r for r in RECORDS}
    data["hf_index"] = {r["id"]: r["id"] for r in RECORDS}
    data["alias_index"], data["name_index"], data["families"] = {}, {}, {}
    data["publishers"] = {**data["publishers"], "fixture-lab": {"id": "fixture-lab", "name": "Fixture Lab",
                                                                "country": "US", "kind": "lab", "orgs": []}}
    return KnowledgeIndex(data)


def _ranked(kb: KnowledgeIndex, query: str) -> list[Any]:
    alts = find_alternatives(query, kb=kb, resolver=Resolver(kb), limit=50)
    return alts.group("same-role-size")


def test_first_replacement_of_a_multilingual_dense_embedder_is_dense_and_multilingual(kb: KnowledgeIndex) -> None:
    ranked = _ranked(kb, "fixture-lab/m3-like")
    order = [c.model for c in ranked]
    assert order[0] == "fixture-lab/dense-multi", order  # though four candidates are nearer in size
    assert order[1] == "fixture-lab/unknown", order  # unknown: after a known match, before a known mismatch
    assert set(order[2:]) == {"fixture-lab/colbert-multi", "fixture-lab/dense-en", "fixture-lab/dense-ko"}
    assert ranked[0].fit == {"output_rank": 0, "output": "dense vectors, as now", "languages_rank": 0,
                             "languages": "multilingual (100 languages)"}


def test_a_colbert_model_ranks_after_the_dense_one_with_the_mismatch_named(kb: KnowledgeIndex) -> None:
    ranked = _ranked(kb, "fixture-lab/m3-like")
    order = [c.model for c in ranked]
    colbert = ranked[order.index("fixture-lab/colbert-multi")]
    assert order.index("fixture-lab/colbert-multi") > order.index("fixture-lab/dense-multi")
    assert colbert.fit is not None and colbert.fit["output_rank"] == 2
    assert colbert.fit["output"] == "multi-vector: re-index with a ColBERT (late-interaction) index"
    assert "re-index with a ColBERT" in fit_text(colbert.fit)
    # the table of an embedder has a fit column that says it
    [_, same_role, _] = table_grids(find_alternatives("fixture-lab/m3-like", kb=kb, resolver=Resolver(kb)))
    assert same_role.columns[-1].name == "fit"
    row = next(r for r in same_role.rows if r[0] == "fixture-lab/colbert-multi")
    assert "multi-vector: re-index with a ColBERT" in row[-1]


def test_an_english_only_embedder_ranks_after_a_multilingual_one(kb: KnowledgeIndex) -> None:
    ranked = _ranked(kb, "fixture-lab/m3-like")
    order = [c.model for c in ranked]
    assert order.index("fixture-lab/dense-multi") < order.index("fixture-lab/dense-en")
    assert order.index("fixture-lab/dense-multi") < order.index("fixture-lab/dense-ko")
    english = ranked[order.index("fixture-lab/dense-en")]
    assert english.fit is not None and english.fit["languages_rank"] == 2
    assert english.fit["languages"] == "covers fewer languages: en only, now multilingual (100 languages)"


def test_unknown_facts_do_not_crash_and_rank_in_the_middle(kb: KnowledgeIndex) -> None:
    ranked = _ranked(kb, "fixture-lab/m3-like")
    unknown = next(c for c in ranked if c.model == "fixture-lab/unknown")
    assert unknown.fit == {"output_rank": 1, "output": "output kind unknown", "languages_rank": 1,
                           "languages": "languages unknown"}
    # a current model with no facts recorded ranks nothing by them: size decides, as before
    order = [c.model for c in _ranked(kb, "fixture-lab/unknown")]
    assert order[-1] == "fixture-lab/dense-multi", order  # 300M: a doubling away; the rest within one
    assert len(order) == 5


def test_an_english_source_takes_a_list_that_includes_english_before_an_unenumerated_multilingual_one(
        kb: KnowledgeIndex) -> None:
    order = [c.model for c in _ranked(kb, "fixture-lab/dense-en")]
    # Korean and English covers English; a multilingual card that does not list its languages may or may not
    assert order.index("fixture-lab/dense-ko") < order.index("fixture-lab/dense-multi") < order.index(
        "fixture-lab/colbert-multi")


@pytest.mark.parametrize(("want", "have", "rank"), [
    (("multilingual", 100), ("multilingual", 89), 2),
    (("multilingual", 100), ("multilingual", 100), 0),
    (("multilingual", 100), ("multilingual", None), 1),
    (("multilingual", None), ("multilingual", 30), 0),
    (("multilingual", None), (["zh"], None), 2),
    (("multilingual", None), (["zh", "en"], None), 1),
    ((["zh"], None), (["zh", "en"], None), 0),
    ((["zh"], None), (["en"], None), 2),
    ((["zh"], None), (None, None), 1),
    ((None, None), (["en"], None), 0),
])
def test_language_fit(want: tuple[Any, Any], have: tuple[Any, Any], rank: int) -> None:
    source = {"languages": want[0], "language_count": want[1]}
    assert language_fit(source, have[0], have[1])[0] == rank


def test_output_fit_compares_the_kind_the_current_model_returns_first() -> None:
    assert output_fit({"embedding_output": ["dense", "sparse"]}, ["sparse"])[0] == 2
    assert output_fit({"embedding_output": ["multi-vector"]}, ["dense", "multi-vector"])[0] == 0
    assert output_fit({"embedding_output": None}, ["sparse"]) == (0, "")
    assert output_fit({"embedding_output": ["dense"]}, ["sparse"])[1] == "sparse: re-index with a sparse (inverted) index"


def test_json_carries_the_fit_and_validates(kb: KnowledgeIndex) -> None:
    out = find_alternatives("fixture-lab/m3-like", kb=kb, resolver=Resolver(kb)).to_dict()
    schema = json.loads((SCHEMAS / "alternatives.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(out)
    assert out["source"]["embedding_output"] == ["dense", "sparse", "multi-vector"]
    assert out["source"]["languages"] == "multilingual" and out["source"]["language_count"] == 100
    cand = out["groups"][1]["candidates"][0]
    assert cand["fit"]["output_rank"] == 0 and cand["languages"] == "multilingual"


def test_a_generation_model_json_has_no_fit_fields() -> None:
    out = find_alternatives("Qwen/Qwen2.5-7B-Instruct", limit=2).to_dict()
    assert "embedding_output" not in out["source"]
    assert all("fit" not in c for g in out["groups"] for c in g["candidates"])


def test_plan_keeps_the_fit_and_names_a_mismatch(kb: KnowledgeIndex) -> None:
    ranked = _ranked(kb, "fixture-lab/m3-like")
    colbert = candidate_dict(next(c for c in ranked if c.model == "fixture-lab/colbert-multi"))
    assert colbert["fit"]["output_rank"] == 2
    assert "multi-vector: re-index with a ColBERT" in (fit_note(colbert) or "")
    assert fit_note(candidate_dict(ranked[0])) is None  # a known match needs no note
    assert "fit" not in candidate_dict({"model": "x/y"})


def test_knowledge_schema_keeps_the_fields_to_embedders_and_rerankers() -> None:
    schema = json.loads((Path(__file__).resolve().parents[2] / "src" / "modelmap" / "knowledge" / "schema"
                         / "publisher.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    doc = {"schema": "modelmap.knowledge/1",
           "publisher": {"id": "fixture-lab", "name": "Fixture Lab", "orgs": [], "country": "US", "kind": "lab",
                         "sources": [{"url": "https://example.org", "as_of": "2026-12-07"}]},
           "models": [{k: v for k, v in RECORDS[0].items() if k != "publisher"}]}
    validator.validate(doc)
    bad = copy.deepcopy(doc)
    bad["models"][0]["role"] = "generation"
    assert not validator.is_valid(bad)
    bad = copy.deepcopy(doc)
    bad["models"][0]["languages"] = ["en"]  # a count goes with multilingual only
    assert not validator.is_valid(bad)
    bad = copy.deepcopy(doc)
    bad["models"][0]["embedding_output"] = ["colbert"]
    assert not validator.is_valid(bad)
