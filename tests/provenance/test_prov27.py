"""Session 23 round 2 (prov27): knowledge-base facts settled on the held-out-20 key's confidently wrong rows.

1. "mistral-medium-3" (Vertex AI, OpenRouter and Mistral's own prefixed ids) is Mistral Medium 3, the API-only 25.05
   release (mistral/mistral-medium-2505, Mistral's docs name it so), not the open-weight Mistral Medium 3.5 that the
   alias used to point at; "mistral-medium-3-5" still names 3.5.
2. nomic-embed-text-v2-moe's card names nomic-embed-text-v2-moe-unsupervised as its base_model (the contrastive
   checkpoint, as for v1); nomic-xlm-2048 is that checkpoint's own start, not the immediate parent.
3. RedHatAI/Qwen3-Embedding-8B is recorded as its card states it (base_model Qwen/Qwen3-8B-Base, Apache-2.0), not
   read as Qwen's same-named embedder.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


def _base(rec: dict) -> str | None:
    model = (rec.get("model") or {}).get("id")
    return next((e["parent"] for e in rec.get("edges") or [] if e.get("child") == model
                 and e.get("relation") != "distillation"), None)


@pytest.mark.parametrize("query", ["vertex_ai/mistralai/mistral-medium-3@001", "vertex_ai/mistral-medium-3",
                                   "openrouter/mistralai/mistral-medium-3", "mistral-medium-3"])
def test_mistral_medium_3_is_the_2505_api_model_not_3_5(query: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == "mistral/mistral-medium-2505"
    assert (rec.get("license") or {}).get("id") == "proprietary"


def test_mistral_medium_3_5_keeps_its_own_names() -> None:
    for query in ("mistral-medium-3-5", "mistralai/Mistral-Medium-3.5-128B"):
        rec = resolve(query).to_dict()
        assert (rec.get("model") or {}).get("id") == "mistralai/mistral-medium-3.5-128b"


def test_nomic_v2_moe_base_is_its_unsupervised_checkpoint() -> None:
    rec = resolve("nomic-ai/nomic-embed-text-v2-moe").to_dict()
    assert _base(rec) == "nomic-ai/nomic-embed-text-v2-moe-unsupervised"
    assert (rec.get("license") or {}).get("id") == "apache-2.0"


def test_red_hat_embedder_copy_is_recorded_as_its_card_states() -> None:
    rec = resolve("RedHatAI/Qwen3-Embedding-8B").to_dict()
    assert (rec.get("model") or {}).get("id") == "redhatai/qwen3-embedding-8b"
    assert _base(rec) == "qwen/qwen3-8b-base"
    assert (rec.get("license") or {}).get("id") == "apache-2.0"
