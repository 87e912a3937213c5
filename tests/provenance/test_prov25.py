"""Session 25 (prov25): a Bedrock id names its model's maker even where the model is unknown (issue 11).

A Bedrock model id is ``[<geo>.]<provider>.<model>-v<N>:<M>``; the provider segment is the maker of the model
(``amazon.``, ``anthropic.``, ``meta.``, ``qwen.``, ``deepseek.``), never the host, which is Bedrock itself. Where the
knowledge base cannot say which model the name is (``qwen.qwen3-235b-a22b-2507-v1:0``: the July 2025 update came as
an Instruct and a Thinking model; ``deepseek.v3-v1:0``: AWS lists no DeepSeek-V3 of that name), the maker and its
country are still known from the id, so the record names the publisher, with the model, lineage and licence unknown
and confidence ``unknown``. A vendor segment the knowledge base holds no publisher for stays a bare unknown.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(("query", "publisher", "country"), [
    ("qwen.qwen3-235b-a22b-2507-v1:0", "qwen", "CN"),
    ("deepseek.v3-v1:0", "deepseek", "CN"),
    ("us.deepseek.v3-v1:0", "deepseek", "CN"),  # a cross-region profile keeps the maker
    ("bedrock/us-east-1/qwen.qwen3-235b-a22b-2507-v1:0", "qwen", "CN"),
])
def test_bedrock_vendor_names_the_maker_of_an_unknown_model(query: str, publisher: str, country: str) -> None:
    rec = resolve(query).to_dict()
    assert not (rec.get("model") or {}).get("id")
    assert (rec.get("publisher") or {}).get("id") == publisher
    assert (rec.get("publisher") or {}).get("country") == country
    assert rec.get("origins") == [country]
    assert rec.get("confidence") == "unknown"
    assert (rec.get("served_by") or {}).get("id") == "aws-bedrock"
    assert not rec.get("edges") and (rec.get("license") or {}).get("id") in (None, "unknown")


def test_bedrock_vendor_without_a_known_publisher_stays_unknown() -> None:
    rec = resolve("luma.ray-v9:0").to_dict()
    assert not rec.get("publisher")
    assert not rec.get("origins")
    assert (rec.get("served_by") or {}).get("id") == "aws-bedrock"


@pytest.mark.parametrize(("query", "model"), [
    ("qwen.qwen3-32b-v1:0", "qwen/qwen3-32b"),
    ("meta.llama3-1-70b-instruct-v1:0", "meta-llama/llama-3.1-70b-instruct"),
])
def test_bedrock_id_of_a_known_model_still_resolves_the_model(query: str, model: str) -> None:
    rec = resolve(query).to_dict()
    assert (rec.get("model") or {}).get("id") == model
    assert rec.get("confidence") in ("known", "inferred")


# Derivatives whose own Hub card states their base and licence (read 2026-12-05; URL and as_of on each record).
@pytest.mark.parametrize(("query", "base", "licence"), [
    ("Granther/Gemma-2-9B-Instruct-4Bit-GPTQ", "google/gemma-2-9b-it", "gemma"),  # licence changed to gemma in 49737bf
    ("amd/DeepSeek-R1-Distill-Qwen-7B-awq-asym-uint4-g128-lmhead-onnx-hybrid", "deepseek-ai/deepseek-r1-distill-qwen-7b", "mit"),
    ("fasoo/Qwen2-VL-7B-Instruct-KoDocOCR", "qwen/qwen2-vl-7b-instruct", "apache-2.0"),
    ("minhdang/qwen2-2b-instruct-OCR", "qwen/qwen2-vl-2b-instruct", "apache-2.0"),  # a LoRA adapter
    ("larryvrh/Yi-6B-200K-Llamafied", "01-ai/yi-6b-200k", "apache-2.0"),  # 01.AI's licence PR
    ("JackCloudman/phi-4-unsloth-jackterated", "unsloth/phi-4", "mit"),  # card base_model: Unsloth's phi-4, not Microsoft's
])
def test_derivative_card_facts(query: str, base: str, licence: str) -> None:
    rec = resolve(query).to_dict()
    me = (rec.get("model") or {}).get("id")
    assert me == query.lower()
    parents = [e["parent"] for e in rec.get("edges") or [] if e.get("child") == me and e.get("relation") != "distillation"]
    assert parents[:1] == [base]
    assert (rec.get("license") or {}).get("id") == licence


def test_deepseek_v32_exp_base_is_mit() -> None:
    rec = resolve("deepseek-ai/DeepSeek-V3.2-Exp-Base").to_dict()
    assert (rec.get("license") or {}).get("id") == "mit"


def test_a_copy_named_like_the_original_is_its_own_record_and_the_bare_name_stays_the_original() -> None:
    # AlSamCur123's Unsloth SFT upload is named DeepSeek-R1-Distill-Llama-8B; its card declares apache-2.0 and an
    # Unsloth 4-bit base. The bare name still denotes DeepSeek's checkpoint (samename: the copy derives from it).
    rec = resolve("AlSamCur123/DeepSeek-R1-Distill-Llama-8B").to_dict()
    me = (rec.get("model") or {}).get("id")
    assert me == "alsamcur123/deepseek-r1-distill-llama-8b"
    assert [e["parent"] for e in rec.get("edges") or [] if e.get("child") == me][:1] == [
        "unsloth/deepseek-r1-distill-llama-8b-unsloth-bnb-4bit"]
    assert (rec.get("license") or {}).get("id") == "apache-2.0"
    assert (resolve("DeepSeek-R1-Distill-Llama-8B").model or {}).get("id") == "deepseek-ai/deepseek-r1-distill-llama-8b"


def test_segue_base_is_the_cards_corrected_base_model() -> None:
    rec = resolve("prithivMLmods/Segue-Qwen3_DeepScaleR-Preview").to_dict()
    me = (rec.get("model") or {}).get("id")
    assert [e["parent"] for e in rec.get("edges") or [] if e.get("child") == me][:1] == ["qwen/qwen3-4b"]


@pytest.mark.parametrize(("query", "base", "licence"), [
    ("nvidia/DeepSeek-V3.2-NVFP4", "deepseek-ai/deepseek-v3.2", "mit"),
    ("nvidia/DeepSeek-V4-Pro-NVFP4", "deepseek-ai/deepseek-v4-pro", "mit"),
    ("nvidia/DeepSeek-V4.1-Flash-NVFP4", "deepseek-ai/deepseek-v4.1-flash", "mit"),
    ("nvidia/Qwen3-8B-FP4", "qwen/qwen3-8b", "apache-2.0"),
])
def test_nvidia_fp4_repos_read_from_their_own_pages(query: str, base: str, licence: str) -> None:
    # another lab's repack never inherits a licence by rule (NVIDIA sets its own terms on some); these were read
    rec = resolve(query).to_dict()
    me = (rec.get("model") or {}).get("id")
    assert me == query.lower()
    assert [(e["relation"], e["parent"]) for e in rec.get("edges") or [] if e.get("child") == me] == [("quantization", base)]
    assert (rec.get("license") or {}).get("id") == licence


def test_an_unread_nvidia_fp4_repo_still_has_no_licence() -> None:
    assert (resolve("nvidia/Qwen3.8-2.4T-A95B-NVFP4").license or {}).get("id") in (None, "unknown")


@pytest.mark.parametrize(("query", "base"), [
    ("Infermatic/14b-Qwen2.5-Infermatic-Crea-v1", "qwen/qwen2.5-14b-instruct"),
    ("Infermatic/14b-Qwen2.5-Infermatic-Crea-v2", "huihui-ai/qwen2.5-14b-instruct-abliterated-v2"),  # not Qwen's own
])
def test_a_merge_names_its_mergekit_base_model_first(query: str, base: str) -> None:
    rec = resolve(query).to_dict()
    me = (rec.get("model") or {}).get("id")
    assert me == query.lower()
    assert [e["parent"] for e in rec.get("edges") or [] if e.get("child") == me][:1] == [base]
    assert (rec.get("license") or {}).get("id") in (None, "unknown")  # neither card declares one
