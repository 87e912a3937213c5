"""Qwen2.5-Coder base models continue pretraining from the Qwen2.5 base of the same size (technical report
arXiv 2409.12186; the cards' base_model front matter: Qwen/Qwen2.5-0.5B for Coder-0.5B, Qwen/Qwen2.5-14B for
Coder-14B)."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(("query", "base"), [("Qwen/Qwen2.5-Coder-14B", "qwen/qwen2.5-14b"),
                                             ("Qwen/Qwen2.5-Coder-0.5B", "qwen/qwen2.5-0.5b")])
def test_coder_base_continues_from_qwen25(query: str, base: str) -> None:
    res = resolve(query)
    me = res.model["id"] if res.model else None
    parents = {(e["relation"], e["parent"]) for e in res.edges or [] if e["child"] == me}
    assert parents == {("continued-pretrain", base)}
    assert list(res.origins) == ["CN"]


def test_instruct_keeps_its_coder_base() -> None:
    res = resolve("Qwen/Qwen2.5-Coder-14B-Instruct")
    me = res.model["id"] if res.model else None
    assert {e["parent"] for e in res.edges or [] if e["child"] == me} == {"qwen/qwen2.5-coder-14b"}
