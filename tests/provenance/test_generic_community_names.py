"""A bare name that says nothing of its own ("model-4", "lora_model", "test18") never resolves to a community
account's upload of that name: code that writes it means a lab's model or nothing in particular. The account's own
``org/name`` still resolves to the upload. Records from the shipped knowledge base (Sakalti/model-4, a merge of
Qwen2.5-1.5B, read from its card in session 18)."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize("query", ["model-4", "lora_model", "test18"])
def test_a_generic_bare_name_is_not_a_community_upload(query: str) -> None:
    res = resolve(query)
    mid = (res.model or {}).get("id")
    publisher = (res.publisher or {}).get("id")
    assert mid is None or "/" not in mid or publisher not in {"sakalti", "bralynn", "arunkr"}
    assert res.confidence != "known"


def test_the_accounts_own_org_name_still_resolves() -> None:
    res = resolve("Sakalti/model-4")
    assert (res.model or {}).get("id") == "sakalti/model-4"
    assert (res.publisher or {}).get("id") == "sakalti"
    assert res.roots and "qwen/qwen2.5-1.5b" in res.roots


def test_a_bare_lab_spelling_goes_to_the_lab_not_the_account() -> None:
    res = resolve("qwen7b")
    assert (res.publisher or {}).get("id") in (None, "qwen")
