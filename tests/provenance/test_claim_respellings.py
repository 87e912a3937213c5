"""Name claims through two writings of a known model's repo name (provfix14): underscores for dashes, and the
lab's Hub org written as the name's first word. The claim stays a claim: confidence unknown, no licence, the
repo shown under the name as written."""

from __future__ import annotations

import pytest

from modelmap.errors import IdentifierError
from modelmap.provenance.resolver import resolve


def _claimed_base(res: object) -> str | None:
    edges = getattr(res, "edges", None) or []
    return next((e["parent"] for e in edges if e["relation"] == "finetune"), None)


@pytest.mark.parametrize(
    ("query", "shown", "base"),
    [
        ("DaisyMak/bge_base_en_v1.5_finetune10epochs", "daisymak/bge_base_en_v1.5_finetune10epochs",
         "baai/bge-base-en-v1.5"),
        ("rjnClarke/BAAI-bge-large-en-v1.5-fine-tuned", "rjnclarke/baai-bge-large-en-v1.5-fine-tuned",
         "baai/bge-large-en-v1.5"),
    ],
)
def test_respelled_name_claims_its_base(query: str, shown: str, base: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == shown
    assert _claimed_base(res) == base
    assert res.confidence == "unknown"
    assert res.license is None
    assert list(res.origins or ()) == ["CN"]
    assert res.origins_known is False


@pytest.mark.parametrize("query", ["someone/my_embedding_model", "someone/notanorg-bge-base-en-v1.5x",
                                   "someone/" + "_".join(["bge"] * 60),
                                   "someone/" + "_".join(["bge"] * 2000)])
def test_no_claim_where_no_known_name_appears(query: str) -> None:
    try:
        res = resolve(query)
    except IdentifierError:
        return  # refused as malformed / too long: no claim either
    assert res.confidence == "unknown"
    assert not [e for e in (res.edges or []) if e["relation"] == "finetune"]
