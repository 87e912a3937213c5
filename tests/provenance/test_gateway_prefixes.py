"""Router prefixes in front of a publisher's short org name (issue 11): the model behind them, never a minted
re-packaging; and a base checkpoint that was never published is not named."""

from __future__ import annotations

from modelmap.provenance.resolver import resolve


def test_vercel_ai_gateway_prefix_is_a_router_serving_the_named_model() -> None:
    d = resolve("vercel_ai_gateway/deepseek/deepseek-r1-distill-llama-70b").to_dict()
    assert d["model"]["id"] == "deepseek-ai/deepseek-r1-distill-llama-70b"
    assert d["served_by"]["id"] == "vercel-ai-gateway"
    assert d["served_by"]["country"] is None  # not sourced: unknown, not guessed
    assert [t["model"] for t in d["teachers"]] == ["deepseek-ai/deepseek-r1"]
    assert d["origins"] == ["CN", "US"]  # DeepSeek (teacher, publisher) and Llama (base)
    assert "re-packaging" not in (d["reason"] or "")


def test_an_unknown_prefix_before_the_publishers_short_org_is_not_a_repackager() -> None:
    d = resolve("acme-proxy/deepseek/deepseek-r1-distill-llama-70b").to_dict()
    assert d["model"]["id"] == "deepseek-ai/deepseek-r1-distill-llama-70b"
    assert d["publisher"]["id"] == "deepseek"
    assert "re-packaging" not in (d["reason"] or "") and d["served_by"] is None


def test_an_unknown_account_reuploading_under_the_exact_name_is_still_a_name_claim() -> None:
    # (an account the knowledge base does not hold; cortexso, used here before, has since been added)
    d = resolve("jdoe-mirror/deepseek-r1-distill-llama-70b").to_dict()
    assert d["confidence"] == "unknown" and d["model"]["id"] == "jdoe-mirror/deepseek-r1-distill-llama-70b"
    assert d["origins_known"] is False


def test_qwen3_32b_names_no_unpublished_base() -> None:
    d = resolve("Qwen/Qwen3-32B").to_dict()
    assert d["model"]["id"] == "qwen/qwen3-32b" and d["origins"] == ["CN"]
    assert not any("qwen3-32b-base" in str(e) for e in d["edges"] or ())
    assert d["origins_known"] is False  # the base is not a model anyone can name: lineage incomplete
