"""provres15 (issue 11): records that share an original's name (re-uploads, copies, mirrors under other accounts).

The knowledge base grows with third parties' repos named exactly as an original ("PrimeIntellect/Qwen3-4B" beside
"Qwen/Qwen3-4B"). A name claim ("6block/Qwen3-4B-AWQ", a bare "qwen3-4b", a GGUF file) must still name the
original, chosen by what the knowledge base records (samename.py: base edges, the family's publisher, the
publisher's kind), and say which record it took and why; where nothing recorded ranks the records, the claim stays
unknown. Records here are added to the bundled index the way the loader indexes them (name, Hub id)."""

from __future__ import annotations

import copy
from types import SimpleNamespace
from typing import Any

import pytest

from modelmap.knowledge import load
from modelmap.knowledge.loader import KnowledgeIndex
from modelmap.provenance.resolver import Resolver
from modelmap.provenance.samename import SameNameRanker

_SRC = [{"url": "https://huggingface.co/PrimeIntellect", "as_of": "2026-12-05"}]


def _rec(mid: str, hf: str, publisher: str, *, base: list[dict[str, str]] | None = None, family: str | None = None,
         license: str = "apache-2.0") -> dict[str, Any]:
    rec: dict[str, Any] = {"id": mid, "name": hf.split("/", 1)[1], "hf": hf, "publisher": publisher,
                           "license": license, "open_weights": True, "role": "generation", "sources": _SRC}
    if base is not None:
        rec["base"] = base
    if family:
        rec["family"] = family
    return rec


def _resolver(records: list[dict[str, Any]], publishers: dict[str, dict[str, Any]] | None = None) -> Resolver:
    """The bundled index plus ``records``, indexed as compile_index indexes them (Hub id, short name, name)."""
    data = dict(load().data)
    models, hf_index = dict(data["models"]), dict(data["hf_index"])
    name_index = {k: list(v) for k, v in data["name_index"].items()}
    for rec in records:
        mid = rec["id"]
        models[mid] = rec
        hf_index[rec["hf"].lower()] = mid
        hf_index.setdefault(mid, mid)
        short = mid.split("/", 1)[-1]
        name_index.setdefault(short, []).append(mid)
        if rec["name"].lower() != short:
            name_index.setdefault(rec["name"].lower(), []).append(mid)
    pubs = dict(data["publishers"])
    orgs = dict(data["org_index"])
    for pid, pub in (publishers or {}).items():
        pubs[pid] = pub
        for org in [pid, *pub.get("orgs", [])]:
            orgs.setdefault(org.lower(), pid)
    data.update(models=models, hf_index=hf_index, name_index=name_index, publishers=pubs, org_index=orgs)
    return Resolver(KnowledgeIndex(copy.copy(data)))


def _base(res: Any) -> tuple[str, str | None, str] | None:
    return next(((e["parent"], e.get("source"), e["relation"]) for e in res.edges or ()
                 if e["child"] == (res.model or {}).get("id")), None)


# a lab's re-upload of Qwen3-4B under its own account, its card naming Qwen/Qwen3-4B as base
PI_QWEN = _rec("primeintellect/qwen3-4b", "PrimeIntellect/Qwen3-4B", "primeintellect", family="qwen3",
               base=[{"relation": "finetune", "model": "qwen/qwen3-4b"}])
# the same repo where its card named no base (recorded as trained from scratch, no family): the records disagree on
# origins, and only the family record (Qwen's qwen3) ranks them
PI_QWEN_NO_BASE = _rec("primeintellect/qwen3-4b", "PrimeIntellect/Qwen3-4B", "primeintellect", base=[])
ENNO = _rec("ennoai/llama-3.1-supernova-lite", "EnnoAi/Llama-3.1-SuperNova-Lite", "ennoai", license="llama3",
            base=[{"relation": "finetune", "model": "arcee-ai/llama-3.1-supernova-lite"}])
ENNO_PUB = {"ennoai": {"id": "ennoai", "name": "EnnoAi", "orgs": ["EnnoAi"], "country": None, "kind": "lab",
                       "flags": [], "sources": _SRC}}


@pytest.fixture(scope="module")
def with_copies() -> Resolver:
    return _resolver([PI_QWEN, ENNO], ENNO_PUB)


@pytest.mark.parametrize("records", [[PI_QWEN], [PI_QWEN_NO_BASE]], ids=["base-edge", "family"])
def test_a_quant_named_after_an_original_keeps_it_beside_a_labs_reupload(records: list[dict[str, Any]]) -> None:
    # held-out-9's 6block/Qwen3-4B-AWQ: two lab repos named Qwen3-4B made the name ambiguous and dropped the base
    res = _resolver(records).resolve("6block/Qwen3-4B-AWQ")
    assert (res.model or {}).get("id") == "6block/qwen3-4b-awq"
    assert _base(res) == ("qwen/qwen3-4b", None, "quantization")
    assert (res.license or {}).get("id") == "apache-2.0" and res.origins == ("CN",)
    # the evidence says which record the name was taken to denote, beside which, and why
    assert "primeintellect/qwen3-4b" in (res.reason or "") and "the name denotes qwen/qwen3-4b" in (res.reason or "")
    why = "names it as its base" if records[0].get("base") else "is the publisher of its family (Qwen3)"
    assert why in (res.reason or "")


def test_a_copy_under_another_labs_account_does_not_take_the_originals_name(with_copies: Resolver) -> None:
    for query in ("acme/Llama-3.1-SuperNova-Lite-GGUF", "bartowski/Llama-3.1-SuperNova-Lite-GGUF"):
        res = with_copies.resolve(query)
        assert _base(res) == ("arcee-ai/llama-3.1-supernova-lite", None, "quantization"), query
        assert "ennoai/llama-3.1-supernova-lite names it as its base" in (res.reason or "")


@pytest.mark.parametrize("query", ["qwen3-4b", "Qwen3-4B", "Qwen3-4B-Q4_K_M.gguf"])
def test_a_bare_name_or_file_names_the_original(with_copies: Resolver, query: str) -> None:
    res = with_copies.resolve(query)
    assert (res.model or {}).get("id") == "qwen/qwen3-4b"
    assert "the name denotes qwen/qwen3-4b" in (res.reason or "")
    # which of the records sharing the name it denotes is the ranking's reading, not a knowledge-base fact
    assert res.confidence == "inferred"


def test_the_reuploads_own_repo_id_is_that_record(with_copies: Resolver) -> None:
    res = with_copies.resolve("PrimeIntellect/Qwen3-4B")
    assert (res.model or {}).get("id") == "primeintellect/qwen3-4b" and res.confidence == "known"
    assert "other records share" not in (res.reason or "")
    res = with_copies.resolve("Qwen/Qwen3-4B")
    assert (res.model or {}).get("id") == "qwen/qwen3-4b" and "other records share" not in (res.reason or "")


@pytest.mark.parametrize("query", [
    "acme/Qwen3-4B-sft",              # a derivative's name claim
    "acme/qwen3_4b_medical",          # '_' for '-': the respelled claim
    "acme/Qwen-Qwen3-4B-sft",         # the lab's org word written before the model's name
])
def test_name_claims_rank_the_records_sharing_the_claimed_name(with_copies: Resolver, query: str) -> None:
    res = with_copies.resolve(query)
    assert _base(res) == ("qwen/qwen3-4b", "name", "finetune")
    assert res.confidence == "unknown"  # still the name's claim only
    assert "the name denotes qwen/qwen3-4b because primeintellect/qwen3-4b names it as its base" in (res.reason or "")


@pytest.mark.parametrize(("query", "original"), [
    # an Ollama user's upload tagged with its quantisation, and a ModelScope mirror org's copy ("qwen3-4b" is also
    # an alias of Qwen's record; Llama-3.1-SuperNova-Lite has only its name)
    ("acme/qwen3-4b:q4_k_m", "qwen/qwen3-4b"),
    ("AI-ModelScope/Qwen3-4B", "qwen/qwen3-4b"),
    ("acme/llama-3.1-supernova-lite:q4_k_m", "arcee-ai/llama-3.1-supernova-lite"),
    ("AI-ModelScope/Llama-3.1-SuperNova-Lite", "arcee-ai/llama-3.1-supernova-lite"),
])
def test_uploads_and_mirrors_package_the_original(with_copies: Resolver, query: str, original: str) -> None:
    assert (with_copies.resolve(query).model or {}).get("id") == original


def test_a_chain_of_copies_leads_back_to_the_original() -> None:
    # NousResearch's ungated re-upload of Llama 3, and a lab's copy of that re-upload: both name the original's
    # name, and their base edges lead (one through the other) to Meta's repo
    nous = _rec("nousresearch/meta-llama-3-8b-instruct", "NousResearch/Meta-Llama-3-8B-Instruct", "nousresearch",
                license="llama3", base=[{"relation": "finetune", "model": "meta-llama/meta-llama-3-8b-instruct"}])
    pi = _rec("primeintellect/meta-llama-3-8b-instruct", "PrimeIntellect/Meta-Llama-3-8B-Instruct", "primeintellect",
              license="llama3", base=[{"relation": "finetune", "model": "nousresearch/meta-llama-3-8b-instruct"}])
    res = _resolver([nous, pi]).resolve("acme/Meta-Llama-3-8B-Instruct-GGUF")
    assert _base(res) == ("meta-llama/meta-llama-3-8b-instruct", None, "quantization")
    assert res.origins == ("US",)
    assert "directly or through the bases it names" in (res.reason or "")


def test_two_labs_repos_of_one_name_that_nothing_ranks_stay_unknown() -> None:
    # a second lab's repo named Llama-3.1-SuperNova-Lite whose record names no base and no family: nothing the
    # knowledge base holds says which of the two the name denotes, and their origins differ (US through Meta's
    # Llama for arcee-ai's, nothing for the other): no base, no licence, never a confident answer
    other = _rec("primeintellect/llama-3.1-supernova-lite", "PrimeIntellect/Llama-3.1-SuperNova-Lite",
                 "primeintellect", license="apache-2.0", base=[])
    resolver = _resolver([other])
    for query in ("acme/Llama-3.1-SuperNova-Lite-GGUF", "acme/Llama-3.1-SuperNova-Lite-sft", "Llama-3.1-SuperNova-Lite",
                  "Llama-3.1-SuperNova-Lite.Q4_K_M.gguf"):
        res = resolver.resolve(query)
        parents = {e["parent"] for e in res.edges or ()}
        assert not parents & {"arcee-ai/llama-3.1-supernova-lite", "primeintellect/llama-3.1-supernova-lite"}, query
        assert (res.model or {}).get("id") not in ("arcee-ai/llama-3.1-supernova-lite",
                                                   "primeintellect/llama-3.1-supernova-lite"), query
        assert res.license is None and res.confidence != "known", query


def test_a_second_release_upload_does_not_hide_the_dated_release_or_the_one_completion() -> None:
    copies = [_rec("primeintellect/glm-z1-9b-0414", "PrimeIntellect/GLM-Z1-9B-0414", "primeintellect",
                   license="mit", base=[{"relation": "finetune", "model": "zai-org/glm-z1-9b-0414"}]),
              _rec("primeintellect/qwen3-coder-30b-a3b-instruct", "PrimeIntellect/Qwen3-Coder-30B-A3B-Instruct",
                   "primeintellect", base=[{"relation": "finetune", "model": "qwen/qwen3-coder-30b-a3b-instruct"}])]
    resolver = _resolver(copies)
    assert (resolver.resolve("acme/glm-z1-9b:latest").model or {}).get("id") == "zai-org/glm-z1-9b-0414"
    assert (resolver.resolve("glm-z1-9b").model or {}).get("id") == "zai-org/glm-z1-9b-0414"
    res = resolver.resolve("acme/Qwen3-Coder-30B-A3B-GGUF")
    assert _base(res) == ("qwen/qwen3-coder-30b-a3b-instruct", "name", "quantization")


# ---- the ranking itself, over a small index ----------------------------------------------------------------------
def _kb(models: dict[str, dict[str, Any]], kinds: dict[str, str], families: dict[str, str]) -> Any:
    return SimpleNamespace(models=models, publishers={p: {"id": p, "kind": k} for p, k in kinds.items()},
                           families={f: {"id": f, "name": f, "publisher": p} for f, p in families.items()})


def test_family_and_kind_pointing_at_different_records_rank_nothing() -> None:
    # a lab's repo filed under no family beside a community author's repo of its own line, same name: the two
    # rules disagree, so neither is taken
    kb = _kb({"nvidia/foo-7b": {"publisher": "nvidia"}, "fooai/foo-7b": {"publisher": "fooai", "family": "foo"}},
             {"nvidia": "lab", "fooai": "community"}, {"foo": "fooai"})
    assert SameNameRanker(kb).rank(["nvidia/foo-7b", "fooai/foo-7b"]) is None


def test_records_naming_each_other_as_base_rank_nothing() -> None:
    kb = _kb({"a/foo-7b": {"publisher": "a", "base": [{"relation": "finetune", "model": "b/foo-7b"}]},
              "b/foo-7b": {"publisher": "b", "base": [{"relation": "finetune", "model": "a/foo-7b"}]}},
             {"a": "lab", "b": "community"}, {})
    assert SameNameRanker(kb).rank(["a/foo-7b", "b/foo-7b"]) is None


def test_one_publishers_two_repos_are_not_ranked_by_publisher_rules() -> None:
    # "Ministral-3-8B-Instruct-2512" and its "-BF16" repo, or an API record and the open weights of one lab
    kb = _kb({"mistralai/m-8b": {"publisher": "mistral", "family": "m"}, "mistralai/m-8b-bf16": {"publisher": "mistral"},
              "acme/m-8b": {"publisher": "acme"}},
             {"mistral": "lab", "acme": "community"}, {"m": "mistral"})
    assert SameNameRanker(kb).rank(["mistralai/m-8b", "mistralai/m-8b-bf16", "acme/m-8b"]) is None


def test_lineage_wins_over_the_publishers_kind() -> None:
    # a community author's original and a lab's copy of it (its record names the original as base): the original
    kb = _kb({"jdoe/foo-7b": {"publisher": "jdoe", "base": []},
              "biglab/foo-7b": {"publisher": "biglab", "base": [{"relation": "finetune", "model": "jdoe/foo-7b"}]}},
             {"jdoe": "community", "biglab": "lab"}, {})
    assert SameNameRanker(kb).rank(["biglab/foo-7b", "jdoe/foo-7b"]) == ("jdoe/foo-7b",
                                                                         "biglab/foo-7b names it as its base")
