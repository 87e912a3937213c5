"""Red-team unit probes for session 8's provenance and knowledge paths (issue 11): quantization licence inheritance
over hostile chains in a test knowledge base (cycles, a self-loop, a chain longer than the walk, a dangling or
malformed base edge) and hostile corrections (a missing id, a withdrawal corrected again). Each must end at once
with no licence invented, or fail the build with a KnowledgeError, never loop or crash otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.errors import KnowledgeError
from modelmap.knowledge import load
from modelmap.knowledge.loader import _apply_corrections
from modelmap.provenance.resolver import Resolver
from tests.provenance.kb_overlay import resolver_with

BASE = "qwen/qwen2.5-7b-instruct"  # apache-2.0 in the knowledge base


def _rec(mid: str, base: Any, relation: str = "quantization") -> dict[str, Any]:
    rec: dict[str, Any] = {"id": mid, "hf": mid, "publisher": "bartowski", "family": "qwen2.5", "open_weights": True,
                           "license": "unknown", "sources": [{"url": f"https://huggingface.co/{mid}",
                                                              "as_of": "2026-12-03"}]}
    if base is not None:
        rec["base"] = base if isinstance(base, list) else [{"relation": relation, "model": base}]
    return rec


_LONG = [f"rtq/chain-q{i}" for i in range(20)]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    assert load().models[BASE]["license"] == "apache-2.0"
    return resolver_with([
        _rec("rtq/cycle-a-q4", "rtq/cycle-b-q4"), _rec("rtq/cycle-b-q4", "rtq/cycle-a-q4"),  # a <-> b
        _rec("rtq/self-q4", "rtq/self-q4"),  # its own base
        _rec("rtq/into-cycle-q4", "rtq/cycle-a-q4"),  # a chain that runs into a cycle
        _rec("rtq/dangling-q4", "rtq/never-recorded"),  # a base the knowledge base does not hold
        _rec("rtq/upper-q4", BASE.upper()),  # the base written in another case
        _rec("rtq/empty-model-q4", [{"relation": "quantization", "model": None}]),
        _rec("rtq/no-relation-q4", [{"model": BASE}]),
        _rec("rtq/two-bases-q4", [{"relation": "quantization", "model": BASE},
                                   {"relation": "quantization", "model": "rtq/cycle-a-q4"}]),
        *(_rec(mid, _LONG[i + 1] if i + 1 < len(_LONG) else BASE) for i, mid in enumerate(_LONG)),
    ])


@pytest.mark.parametrize("mid", ["rtq/cycle-a-q4", "rtq/cycle-b-q4", "rtq/self-q4", "rtq/into-cycle-q4",
                                 "rtq/dangling-q4", "rtq/empty-model-q4", "rtq/no-relation-q4", "rtq/two-bases-q4",
                                 _LONG[0]])
def test_a_hostile_quantization_chain_ends_without_a_licence(resolver: Resolver, mid: str) -> None:
    res = resolver.resolve(mid)  # a cycle or a long chain ends (the walk is bounded at eight hops)
    assert res.license is None or res.license.get("id") in (None, "unknown"), res.license
    assert resolver._quantized_license(mid) == (None, None)


def test_the_walk_follows_a_short_chain_and_a_case_variant(resolver: Resolver) -> None:
    assert resolver._quantized_license(_LONG[-1]) == (BASE, "apache-2.0")
    assert resolver._quantized_license(_LONG[-8]) == (BASE, "apache-2.0")  # eight hops: the walk's bound
    assert resolver._quantized_license(_LONG[-9]) == (None, None)  # nine: past it, nothing invented
    assert resolver._quantized_license("rtq/upper-q4") == (BASE, "apache-2.0")


def _models() -> dict[str, Any]:
    return {"acme/a": {"id": "acme/a", "license": "unknown", "sources": []},
            "acme/b": {"id": "acme/b", "license": "unknown", "sources": []}}


_SRC = [{"url": "https://huggingface.co/acme", "as_of": "2026-12-04"}]  # a correction must cite one (redteam9)


@pytest.mark.parametrize("fixes", [
    [{"id": "acme/missing", "license": "mit", "sources": _SRC}],  # an id no file holds
    [{"id": "acme/a", "withdraw": True, "sources": _SRC},
     {"id": "acme/a", "license": "mit", "sources": _SRC}],  # corrected after withdrawal
    [{"id": "acme/a", "withdraw": True, "sources": _SRC}, {"id": "acme/a", "withdraw": True, "sources": _SRC}],  # twice
    [{"id": None, "license": "mit"}],
])
def test_a_hostile_correction_fails_the_build_with_a_knowledge_error(fixes: list[dict[str, Any]]) -> None:
    models = _models()
    with pytest.raises(KnowledgeError, match="no publisher file holds"):
        _apply_corrections(models, fixes)


def test_a_correction_in_another_case_applies_to_the_lower_case_id() -> None:
    models = _models()
    _apply_corrections(models, [{"id": "ACME/B", "license": "mit", "sources": [{"url": "https://x", "as_of": "d"}]}])
    assert models["acme/b"]["license"] == "mit"
    assert models["acme/b"]["sources"] == [{"url": "https://x", "as_of": "d", "covers": ["license"]}]
