"""The long tail companies actually run (issue 11, item 5): third-party derivatives of Chinese bases
(reasoning distills trained on R1 outputs, fine-tunes, merges, quantizations) and popular embedders
and rerankers.

Each expectation below was read from the record's cited source, not from the resolver: the model
card or project README (base, teacher, licence), the project's training or merge config, or the
MTEB ModelMeta (``adapted_from``) at commit a905523 of embeddings-benchmark/mteb.
"""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.provenance.resolver import resolve

WEIGHT_RELATIONS = {"finetune", "quantization", "merge", "adapter", "continued-pretrain"}


def _immediate(res: Any) -> set[str]:
    """Weight parents of the model itself (lineage entries name their child when the graph is kept)."""
    me = (res.model or {}).get("id")
    return {
        str(e["model"])
        for e in res.lineage
        if e["relation"] in WEIGHT_RELATIONS and e.get("child", me) == me
    }


def _relations_to(res: Any, parent: str) -> set[str]:
    me = (res.model or {}).get("id")
    return {e["relation"] for e in res.lineage if e["model"] == parent and e.get("child", me) == me}


# (identifier as written, publisher id, publisher country, immediate bases, teachers)
DERIVATIVES = [
    # reasoning distills: SFT on DeepSeek-R1 traces (cards / READMEs)
    ("bespokelabs/Bespoke-Stratos-7B", "bespokelabs", None, {"qwen/qwen2.5-7b-instruct"}, {"deepseek-ai/deepseek-r1"}),
    ("bespokelabs/Bespoke-Stratos-32B", "bespokelabs", None, {"qwen/qwen2.5-32b-instruct"}, {"deepseek-ai/deepseek-r1"}),
    ("simplescaling/s1.1-32B", "simplescaling", "US", {"qwen/qwen2.5-32b-instruct"}, {"deepseek-ai/deepseek-r1"}),
    ("simplescaling/s1.1-3B", "simplescaling", "US", {"qwen/qwen2.5-3b-instruct"}, {"deepseek-ai/deepseek-r1"}),
    ("simplescaling/s1.1-1.5B", "simplescaling", "US", {"qwen/qwen2.5-1.5b-instruct"}, {"deepseek-ai/deepseek-r1"}),
    ("simplescaling/s1-32B", "simplescaling", "US", {"qwen/qwen2.5-32b-instruct"}, set()),
    ("GAIR/LIMO", "gair", "CN", {"qwen/qwen2.5-32b-instruct"}, set()),
    ("GAIR/LIMO-v2", "gair", "CN", {"qwen/qwen2.5-32b-instruct"}, set()),
    ("qihoo360/Light-R1-32B", "qihoo360", "CN", {"qwen/qwen2.5-32b-instruct"}, {"deepseek-ai/deepseek-r1"}),
    ("open-r1/OpenR1-Distill-7B", "open-r1", "US", {"open-r1/qwen2.5-math-7b-rope-300k"}, {"deepseek-ai/deepseek-r1"}),
    ("open-r1/OlympicCoder-7B", "open-r1", "US", {"qwen/qwen2.5-coder-7b-instruct"}, {"deepseek-ai/deepseek-r1"}),
    # RL or further SFT on top of an R1 distill (READMEs: "trained on top of" / "Trained From")
    ("qihoo360/Light-R1-14B-DS", "qihoo360", "CN", {"deepseek-ai/deepseek-r1-distill-qwen-14b"}, set()),
    ("agentica-org/DeepCoder-14B-Preview", "agentica", "US", {"deepseek-ai/deepseek-r1-distill-qwen-14b"}, set()),
    ("agentica-org/DeepCoder-1.5B-Preview", "agentica", "US", {"deepseek-ai/deepseek-r1-distill-qwen-1.5b"}, set()),
    ("Skywork/Skywork-OR1-32B", "skywork", "CN", {"deepseek-ai/deepseek-r1-distill-qwen-32b"}, set()),
    ("Skywork/Skywork-OR1-7B", "skywork", "CN", {"deepseek-ai/deepseek-r1-distill-qwen-7b"}, set()),
    # zero-RL and CoT fine-tunes of Qwen base models (project READMEs)
    ("Open-Reasoner-Zero/Open-Reasoner-Zero-32B", "open-reasoner-zero", "CN", {"qwen/qwen2.5-32b"}, set()),
    ("Open-Reasoner-Zero/ORZ-R1-Distill-Qwen-14B", "open-reasoner-zero", "CN",
     {"deepseek-ai/deepseek-r1-distill-qwen-14b"}, set()),
    ("hkust-nlp/Qwen-2.5-7B-SimpleRL-Zoo", "hkust-nlp", None, {"qwen/qwen2.5-7b"}, set()),
    ("hkust-nlp/Qwen-2.5-Math-7B-SimpleRL-Zero", "hkust-nlp", None, {"qwen/qwen2.5-math-7b"}, set()),
    # base from the NOTICE shipped with the weights (Qwen2.5-7B-Instruct), corrections.yaml (provfix12)
    ("AIDC-AI/Marco-o1", "aidc-ai", "CN", {"qwen/qwen2.5-7b-instruct"}, set()),
    ("PRIME-RL/Eurus-2-7B-PRIME", "prime-rl", None, {"prime-rl/eurus-2-7b-sft"}, set()),
    ("PRIME-RL/Eurus-2-7B-SFT", "prime-rl", None, {"qwen/qwen2.5-math-7b"}, set()),
    ("RUC-AIBOX/STILL-3-1.5B-preview", "ruc-aibox", "CN", {"deepseek-ai/deepseek-r1-distill-qwen-1.5b"}, set()),
    ("lmms-lab/llava-onevision-qwen2-7b-ov", "lmms-lab", None,
     {"qwen/qwen2-7b-instruct", "google/siglip-so400m-patch14-384"}, set()),
    ("lmms-lab/llava-onevision-qwen2-7b-ov-chat", "lmms-lab", None, {"lmms-lab/llava-onevision-qwen2-7b-ov"}, set()),
    # logit distillation onto a Qwen base (card copy)
    ("arcee-ai/Virtuoso-Medium-v2", "arcee-ai", None, {"qwen/qwen2.5-32b"}, {"deepseek-ai/deepseek-v3"}),
    ("arcee-ai/Virtuoso-Small", "arcee-ai", None, {"qwen/qwen2.5-14b"}, set()),
    # SCE merges (FuseO1-Preview mergekit configs; the pivot is a merge input too)
    ("FuseAI/FuseO1-DeepSeekR1-QwQ-SkyT1-32B-Preview", "fuseai", "CN",
     {"qwen/qwen2.5-32b", "qwen/qwq-32b-preview", "deepseek-ai/deepseek-r1-distill-qwen-32b",
      "novasky-ai/sky-t1-32b-preview"}, set()),
    ("FuseAI/FuseO1-DeepSeekR1-QwQ-32B-Preview", "fuseai", "CN",
     {"qwen/qwen2.5-32b", "qwen/qwq-32b-preview", "deepseek-ai/deepseek-r1-distill-qwen-32b"}, set()),
    ("FuseAI/FuseO1-DeepSeekR1-QwQ-SkyT1-Flash-32B-Preview", "fuseai", "CN",
     {"qwen/qwen2.5-32b", "qwen/qwq-32b-preview", "deepseek-ai/deepseek-r1-distill-qwen-32b",
      "novasky-ai/sky-t1-32b-flash"}, set()),
    ("FuseAI/FuseO1-DeepSeekR1-Qwen2.5-Instruct-32B-Preview", "fuseai", "CN",
     {"qwen/qwen2.5-32b", "qwen/qwen2.5-32b-instruct", "deepseek-ai/deepseek-r1-distill-qwen-32b"}, set()),
    ("FuseAI/FuseO1-DeepSeekR1-Qwen2.5-Coder-32B-Preview", "fuseai", "CN",
     {"qwen/qwen2.5-coder-32b", "qwen/qwen2.5-coder-32b-instruct", "deepseek-ai/deepseek-r1-distill-qwen-32b"},
     set()),
    ("FuseAI/FuseO1-DeepSeekR1-QwQ-SkyT1-32B-Preview-GGUF", "fuseai", "CN",
     {"fuseai/fuseo1-deepseekr1-qwq-skyt1-32b-preview"}, set()),
    # continued pre-training / instruction tuning of Llama 2 (Chinese-LLaMA-Alpaca-2 README)
    ("hfl/chinese-llama-2-7b", "hfl", "CN", {"meta-llama/llama-2-7b-hf"}, set()),
    ("hfl/chinese-llama-2-13b", "hfl", "CN", {"meta-llama/llama-2-13b-hf"}, set()),
    ("hfl/chinese-alpaca-2-13b", "hfl", "CN", {"hfl/chinese-llama-2-13b"}, set()),
    ("hfl/chinese-alpaca-2-7b-gguf", "hfl", "CN", {"hfl/chinese-alpaca-2-7b"}, set()),
    # alignment-handbook recipes
    ("HuggingFaceH4/zephyr-7b-beta", "huggingfaceh4", "US", {"mistralai/mistral-7b-v0.1"}, set()),
    ("alignment-handbook/zephyr-7b-dpo-full", "huggingfaceh4", "US", {"alignment-handbook/zephyr-7b-sft-full"}, set()),
    ("HuggingFaceH4/zephyr-7b-gemma-v0.1", "huggingfaceh4", "US", {"huggingfaceh4/zephyr-7b-gemma-sft-v0.1"},
     set()),
    # Vicuna v1.5 and LLaVA-1.5 (FastChat weights table, LLaVA model zoo + finetune script)
    ("lmsys/vicuna-7b-v1.5", "lmsys", None, {"meta-llama/llama-2-7b-hf"}, set()),
    ("lmsys/vicuna-13b-v1.5", "lmsys", None, {"meta-llama/llama-2-13b-hf"}, set()),
    ("liuhaotian/llava-v1.5-7b", "liuhaotian", None,
     {"lmsys/vicuna-7b-v1.5", "openai/clip-vit-large-patch14-336"}, set()),
    ("liuhaotian/llava-v1.5-13b", "liuhaotian", None,
     {"lmsys/vicuna-13b-v1.5", "openai/clip-vit-large-patch14-336"}, set()),
    ("llava-hf/llava-1.5-7b-hf", "llava-hf", None, {"liuhaotian/llava-v1.5-7b"}, set()),
    # embedders and rerankers: MTEB ModelMeta adapted_from
    ("intfloat/multilingual-e5-small", "microsoft", "US", {"microsoft/multilingual-minilm-l12-h384"}, set()),
    ("intfloat/multilingual-e5-base", "microsoft", "US", {"facebookai/xlm-roberta-base"}, set()),
    ("intfloat/e5-base-v2", "microsoft", "US", {"intfloat/e5-base"}, set()),
    ("Snowflake/snowflake-arctic-embed-xs", "snowflake", "US", {"sentence-transformers/all-minilm-l6-v2"}, set()),
    ("Snowflake/snowflake-arctic-embed-m-v2.0", "snowflake", "US", {"alibaba-nlp/gte-multilingual-base"}, set()),
    ("jinaai/jina-reranker-v3", "jina", "DE", {"qwen/qwen3-0.6b"}, set()),
    ("jinaai/jina-reranker-v3.5", "jina", "DE", {"jinaai/jina-reranker-v3"}, set()),
    ("jinaai/jina-embeddings-v5-text-small", "jina", "DE", {"qwen/qwen3-0.6b"}, set()),
    ("nomic-ai/modernbert-embed-base", "nomic", "US", {"nomic-ai/modernbert-embed-base-unsupervised"}, set()),
    ("dunzhang/stella-mrl-large-zh-v3.5-1792d", "dunzhang", None, {"dunzhang/stella-large-zh-v3-1792d"}, set()),
    ("iampanda/zpoint_large_embedding_zh", "iampanda", None, {"dunzhang/stella-mrl-large-zh-v3.5-1792d"}, set()),
    ("VPLabs/SearchMap_Preview", "vplabs", None, {"novasearch/stella_en_400m_v5"}, set()),
    ("sentence-transformers/all-MiniLM-L6-v2", "sentence-transformers", "DE", {"nreimers/minilm-l6-h384-uncased"},
     set()),
    ("nreimers/MiniLM-L6-H384-uncased", "sentence-transformers", "DE", {"microsoft/minilm-l12-h384-uncased"}, set()),
    ("sentence-transformers/multi-qa-MiniLM-L6-cos-v1", "sentence-transformers", "DE",
     {"nreimers/minilm-l6-h384-uncased"}, set()),
    ("LingoIITGN/qwen-indic-v1", "lingoiitgn", None, {"qwen/qwen3-embedding-8b"}, set()),
]


@pytest.mark.parametrize(("query", "publisher", "country", "bases", "teachers"), DERIVATIVES,
                         ids=[d[0] for d in DERIVATIVES])
def test_derivative_publisher_base_and_teacher(query: str, publisher: str, country: str | None,
                                               bases: set[str], teachers: set[str]) -> None:
    res = resolve(query)
    assert res.model is not None, res.reason
    assert res.model["hf"].lower() == query.lower()
    assert res.publisher is not None
    assert res.publisher["id"] == publisher
    assert res.publisher["country"] == country
    assert _immediate(res) == bases
    assert teachers <= set(res.distilled_from)
    if not teachers:
        me = res.model["id"]
        assert not [e for e in res.lineage if e["relation"] == "distillation" and e.get("child", me) == me]


# Origins follow the weights and the teachers: a US or unknown-country publisher on a Chinese base
# is still of Chinese origin, and a Chinese fine-tune of Llama 2 is also of US origin.
@pytest.mark.parametrize(
    ("query", "must_include"),
    [
        ("bespokelabs/Bespoke-Stratos-7B", {"CN"}),
        ("simplescaling/s1.1-32B", {"CN"}),
        ("FuseAI/FuseO1-DeepSeekR1-QwQ-SkyT1-32B-Preview", {"CN", "US"}),  # Sky-T1 is a Berkeley model
        ("hfl/chinese-llama-2-7b", {"CN", "US"}),
        ("agentica-org/DeepCoder-14B-Preview", {"CN", "US"}),
        # an R1 distill's teacher is inherited through the weights even when the child adds none
        ("Skywork/Skywork-OR1-32B", {"CN"}),
        ("arcee-ai/Virtuoso-Medium-v2", {"CN"}),
        ("jinaai/jina-reranker-v3", {"CN"}),  # Jina's own country is unsourced (null)
        ("lmms-lab/llava-onevision-qwen2-7b-ov", {"CN", "US"}),  # Qwen2 LM + Google SigLIP tower
        ("hkust-nlp/Llama-3.1-8B-SimpleRL-Zoo", {"US"}),
        ("Snowflake/snowflake-arctic-embed-m-v2.0", {"CN"}),
        ("llava-hf/llava-1.5-7b-hf", {"US"}),
        ("all-MiniLM-L6-v2", {"US"}),  # through nreimers' 6-layer copy of Microsoft's MiniLM
    ],
)
def test_origins_follow_bases_and_teachers(query: str, must_include: set[str]) -> None:
    res = resolve(query)
    assert must_include <= set(res.origins or ())


def test_merge_inputs_are_merge_edges() -> None:
    res = resolve("FuseAI/FuseO1-DeepSeekR1-QwQ-SkyT1-32B-Preview")
    assert _relations_to(res, "qwen/qwq-32b-preview") == {"merge"}
    assert _relations_to(res, "deepseek-ai/deepseek-r1-distill-qwen-32b") == {"merge"}


def test_vision_tower_is_recorded_next_to_the_language_model() -> None:
    res = resolve("liuhaotian/llava-v1.5-13b")
    assert _relations_to(res, "lmsys/vicuna-13b-v1.5") == {"finetune"}
    assert _relations_to(res, "openai/clip-vit-large-patch14-336") == {"merge"}


def test_gguf_repo_is_a_quantization_of_the_original() -> None:
    res = resolve("hfl/chinese-alpaca-2-7b-gguf")
    assert _relations_to(res, "hfl/chinese-alpaca-2-7b") == {"quantization"}
    # and the chain continues to Meta's Llama 2 through Chinese-LLaMA-2
    assert {"hfl/chinese-llama-2-7b", "meta-llama/llama-2-7b-hf"} <= {e["model"] for e in res.lineage}


@pytest.mark.parametrize(
    ("query", "publisher", "country", "license_id", "role"),
    [
        ("thenlper/gte-small", "thenlper", "CN", "mit", "embedding"),  # gte cards: Alibaba DAMO Academy
        ("maidalun1020/bce-embedding-base_v1", "maidalun1020", "CN", "apache-2.0", "embedding"),  # NetEase Youdao
        ("TencentBAC/Conan-embedding-v1", "tencentbac", "CN", "cc-by-nc-4.0", "embedding"),
        ("jinaai/jina-reranker-v3", "jina", "DE", "cc-by-nc-4.0", "rerank"),
        ("bespokelabs/Bespoke-Stratos-32B", "bespokelabs", None, "apache-2.0", "generation"),
        ("HuggingFaceH4/zephyr-7b-beta", "huggingfaceh4", "US", "mit", "generation"),
        ("llava-hf/llava-1.5-7b-hf", "llava-hf", None, "llama2", "vision"),
        ("lightonai/DenseOn", "lightonai", "FR", "apache-2.0", "embedding"),
    ],
)
def test_embedders_and_cards_keep_their_own_facts(query: str, publisher: str, country: str | None,
                                                  license_id: str, role: str) -> None:
    res = resolve(query)
    assert res.publisher is not None and res.publisher["id"] == publisher
    assert res.publisher["country"] == country
    assert res.license is not None and res.license["id"] == license_id
    assert res.role == role


# Sky-T1-32B-Flash left this list on 2026-12-06 (prov31): the SimPO training config released with it names its
# starting weights (tests/provenance/test_prov31.py)
@pytest.mark.parametrize("query", ["thenlper/gte-small", "GAIR/LIMO"])
def test_unknown_upstream_is_not_guessed(query: str) -> None:
    """Where the source names no starting weights (gte-small) or no teacher (LIMO), nothing is made up."""
    res = resolve(query)
    assert res.model is not None
    me = res.model["id"]
    if query != "GAIR/LIMO":
        assert _immediate(res) == set()
    assert not [e for e in res.lineage if e["relation"] == "distillation" and e.get("child", me) == me]
