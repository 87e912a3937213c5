"""Provenance fixes of session 15 round 2 (prov2r15), found on the opened held-out-12 provenance table.

Expectations come from the sources cited in the knowledge-base records (each repo's own Hugging Face page header or
card), not from the resolver.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(
    ("query", "base"),
    [
        ("TheBloke/Yi-34B-AWQ", "01-ai/yi-34b"),
        ("TheBloke/Yi-34B-GPTQ", "01-ai/yi-34b"),
        ("TheBloke/Yi-34B-Chat-AWQ", "01-ai/yi-34b-chat"),
        ("TheBloke/Yi-34B-200K-AWQ", "01-ai/yi-34b-200k"),
        ("TheBloke/Yi-34B-200K-GPTQ", "01-ai/yi-34b-200k"),
        ("TheBloke/Yi-6B-200K-GPTQ", "01-ai/yi-6b-200k"),
    ],
)
def test_a_quant_made_before_a_relicensing_keeps_the_licence_its_repo_declares(query: str, base: str) -> None:
    # TheBloke's Yi quants (November 2023) declare yi-license; 01.AI moved its own repos to Apache-2.0 later, so the
    # parent's current licence is not the quant's
    res = resolve(query)
    assert res.model is not None and res.model["id"] == query.lower()
    assert res.license is not None and res.license["id"] == "yi"
    assert res.immediate_base() == base


def test_the_lab_repo_keeps_its_current_licence() -> None:
    res = resolve("01-ai/Yi-34B")
    assert res.license is not None and res.license["id"] == "apache-2.0"
