"""``lineage: undisclosed``: the lineage state of an API-only model, beside foundation (``base: []``) and unknown.

A small knowledge base of its own (two makers, one in the US and one in China, each with an API-only model, a
foundation and a record whose base is not recorded), so that the rule is tested apart from the shipped data.
"""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.errors import KnowledgeError
from modelmap.knowledge.loader import KnowledgeIndex, _apply_corrections, _check_undisclosed
from modelmap.provenance.lineage import build_graph
from modelmap.provenance.resolver import Resolver
from modelmap.report.trace_table import _rows
from modelmap.types import LINEAGE_UNDISCLOSED

SRC = [{"url": "https://maker.example/models", "as_of": "2026-12-07"}]


def _rec(mid: str, **facts: Any) -> dict[str, Any]:
    pub, name = mid.split("/")
    return {"id": mid, "name": name, "publisher": pub, "hf": None, "open_weights": False, "license": "proprietary",
            "aliases": [name], "sources": SRC, **facts}


MODELS = {m["id"]: m for m in [
    _rec("acme/acme-chat-pro", lineage="undisclosed"),
    _rec("bolt/bolt-chat-pro", lineage="undisclosed"),
    _rec("acme/acme-base-1", base=[]),                     # a foundation: a source says pre-trained from scratch
    _rec("bolt/bolt-vision", ),                            # nothing recorded
    _rec("acme/acme-chat-pro-legal", base=[{"relation": "finetune", "model": "acme/acme-chat-pro"}]),
    _rec("bolt/bolt-student", base=[{"relation": "finetune", "model": "acme/acme-base-1"}],
         teacher=["acme/acme-chat-pro"]),
]}


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    data = {"publishers": {"acme": {"id": "acme", "name": "Acme AI", "country": "US", "kind": "lab"},
                           "bolt": {"id": "bolt", "name": "Bolt AI", "country": "CN", "kind": "lab"}},
            "families": {}, "models": MODELS, "providers": {}, "licenses": {}, "rejected": {},
            "org_index": {"acme": "acme", "bolt": "bolt"}, "hf_index": {m: m for m in MODELS},
            "alias_index": {m.split("/")[1]: m for m in MODELS},
            "name_index": {m.split("/")[1]: [m] for m in MODELS}, "host_index": {}, "prefix_index": {}}
    return Resolver(kb=KnowledgeIndex(data))


def _answer(resolver: Resolver, query: str) -> dict[str, Any]:
    return resolver.resolve(query).to_dict()


@pytest.mark.parametrize(("query", "country"), [("acme-chat-pro", "US"), ("bolt-chat-pro", "CN")])
def test_undisclosed_is_the_makers_origin_complete_and_no_root(resolver: Resolver, query: str, country: str) -> None:
    rec = _answer(resolver, query)
    mid = rec["model"]["id"]
    assert rec["origins"] == [country] and rec["origins_known"] is True
    assert rec["origin_reasons"] == [{"country": country, "because": "publisher", "models": [mid],
                                      "publishers": [mid.split("/")[0]]}]
    assert rec["edges"] == [] and rec["roots"] is None and rec["lineage_undisclosed"] == [mid]
    assert rec["reason"] is None
    rows = dict(_rows(rec))
    assert rows["lineage"] == rows["roots"] == LINEAGE_UNDISCLOSED and rows["origins"] == f"{country} (publisher)"


def test_two_makers_get_the_same_answer(resolver: Resolver) -> None:
    us, cn = _answer(resolver, "acme-chat-pro"), _answer(resolver, "bolt-chat-pro")
    for rec in (us, cn):
        for key in ("model", "publisher", "sources", "query"):
            rec.pop(key)
    assert {k: v for k, v in us.items() if k not in ("origins", "origin_reasons", "lineage_undisclosed")} == \
        {k: v for k, v in cn.items() if k not in ("origins", "origin_reasons", "lineage_undisclosed")}


def test_a_foundation_is_a_root_and_writes_no_undisclosed_field(resolver: Resolver) -> None:
    rec = _answer(resolver, "acme-base-1")
    assert rec["roots"] == ["acme/acme-base-1"] and rec["origins_known"] is True
    assert "lineage_undisclosed" not in rec
    assert dict(_rows(rec))["lineage"] == "none recorded: trained from scratch"


def test_no_base_recorded_stays_incomplete(resolver: Resolver) -> None:
    rec = _answer(resolver, "bolt-vision")
    assert rec["origins"] == ["CN"] and rec["origins_known"] is False and rec["roots"] is None
    assert "lineage_undisclosed" not in rec
    assert "the base of bolt/bolt-vision is not recorded" in rec["reason"]
    assert dict(_rows(rec))["roots"] == "unknown"


def test_a_model_built_on_an_undisclosed_one_says_so_at_that_base(resolver: Resolver) -> None:
    rec = _answer(resolver, "acme-chat-pro-legal")
    assert rec["origins_known"] is True and rec["roots"] is None
    assert rec["lineage_undisclosed"] == ["acme/acme-chat-pro"]
    assert f"fine-tuned from acme/acme-chat-pro (Acme AI, US) [{LINEAGE_UNDISCLOSED}]" in dict(_rows(rec))["lineage"]


def test_an_undisclosed_teacher_counts_its_makers_country(resolver: Resolver) -> None:
    rec = _answer(resolver, "bolt-student")
    assert rec["origins"] == ["CN", "US"] and rec["origins_known"] is True
    assert rec["roots"] == ["acme/acme-base-1"]  # the weight chain's root; the teacher is no root
    assert rec["lineage_undisclosed"] == ["acme/acme-chat-pro"]
    assert rec["teachers"][0]["roots"] is None


def test_the_graph_is_complete_at_an_undisclosed_node(resolver: Resolver) -> None:
    graph = build_graph(resolver.kb, "bolt/bolt-chat-pro")
    assert graph.complete and graph.gaps == [] and graph.undisclosed == ["bolt/bolt-chat-pro"]
    assert graph.roots is None


@pytest.mark.parametrize(("record", "message"), [
    ({"lineage": "undisclosed", "base": [], "open_weights": False, "hf": None}, "contradict"),
    ({"lineage": "undisclosed", "open_weights": True, "hf": None}, "API-only"),
    ({"lineage": "undisclosed", "hf": None}, "API-only"),  # open_weights unknown is not API-only
    ({"lineage": "undisclosed", "open_weights": False, "hf": "acme/model"}, "API-only"),
    ({"lineage": "unknown", "open_weights": False, "hf": None}, "must be 'undisclosed'"),
])
def test_the_loader_refuses_a_record_that_contradicts_itself(record: dict[str, Any], message: str) -> None:
    with pytest.raises(KnowledgeError, match=message):
        _check_undisclosed({"acme/model": {"id": "acme/model", **record}}, {})


def test_undisclosed_takes_the_familys_open_weights() -> None:
    _check_undisclosed({"acme/api": {"id": "acme/api", "family": "acme-api", "lineage": "undisclosed"}},
                       {"acme-api": {"open_weights": False}})
    with pytest.raises(KnowledgeError):
        _check_undisclosed({"acme/api": {"id": "acme/api", "family": "acme-api", "lineage": "undisclosed"}},
                           {"acme-api": {"open_weights": True}})


def test_a_correction_naming_a_base_replaces_undisclosed() -> None:
    models = {m: dict(r) for m, r in MODELS.items()}
    _apply_corrections(models, [{"id": "acme/acme-chat-pro", "base": [{"relation": "finetune",
                                                                        "model": "acme/acme-base-1"}],
                                 "sources": [{"url": "https://maker.example/report", "as_of": "2026-12-07"}]}])
    assert "lineage" not in models["acme/acme-chat-pro"]
    _check_undisclosed(models, {})
