"""Chinese labs in the knowledge base (issue 11, item 5): API-only names, Ollama tags, ModelScope ids
and the labs' own quantized releases resolve to the right model, publisher and country.

Expected values come from the sources cited in the publisher files (provider API docs and client
provider tables for API names, ollama.com / the labs' READMEs for Ollama tags, ModelScope ids from
the Xinference registry, quantized repos from the labs' docs), not from the resolver.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve

# identifier as written in code -> (canonical model id, publisher id)
API_NAMES = {
    # Alibaba Cloud DashScope / Model Studio
    "qwen-max": ("qwen/qwen-max", "qwen"),
    "qwen-plus": ("qwen/qwen-plus", "qwen"),
    "qwen-turbo": ("qwen/qwen-turbo", "qwen"),
    "qwen-vl-max": ("qwen/qwen-vl-max", "qwen"),
    "qwen-vl-plus": ("qwen/qwen-vl-plus", "qwen"),
    "text-embedding-v1": ("qwen/text-embedding-v1", "qwen"),
    "qwen-max-longcontext": ("qwen/qwen-max-longcontext", "qwen"),
    "qwen-long": ("qwen/qwen-long", "qwen"),
    "text-embedding-v3": ("qwen/text-embedding-v3", "qwen"),
    # Zhipu BigModel
    "glm-4-plus": ("zhipu/glm-4-plus", "zhipu"),
    "glm-4-air": ("zhipu/glm-4-air", "zhipu"),
    "glm-4-flash": ("zhipu/glm-4-flash", "zhipu"),
    "glm-4": ("zhipu/glm-4", "zhipu"),
    "glm-4v": ("zhipu/glm-4v", "zhipu"),
    "glm-3-turbo": ("zhipu/glm-3-turbo", "zhipu"),
    "chatglm_turbo": ("zhipu/chatglm_turbo", "zhipu"),
    "chatglm_pro": ("zhipu/chatglm_pro", "zhipu"),
    "chatglm_std": ("zhipu/chatglm_std", "zhipu"),
    "embedding-2": ("zhipu/embedding-2", "zhipu"),
    "embedding-3": ("zhipu/embedding-3", "zhipu"),
    # Baidu Qianfan
    "ERNIE-Bot": ("baidu/ernie-bot", "baidu"),
    "ERNIE-Bot-turbo": ("baidu/ernie-bot-turbo", "baidu"),
    "ERNIE-4.0-8K": ("baidu/ernie-4.0-8k", "baidu"),
    "ERNIE-3.5-8K": ("baidu/ernie-3.5-8k", "baidu"),
    "Embedding-V1": ("baidu/embedding-v1", "baidu"),
    "tao-8k": ("baidu/tao-8k", "baidu"),
    # iFlytek Spark ("domain" values)
    "generalv3.5": ("iflytek/spark-max", "iflytek"),
    "generalv3": ("iflytek/spark-pro", "iflytek"),
    "4.0Ultra": ("iflytek/spark-4.0-ultra", "iflytek"),
    # MiniMax, Moonshot, StepFun, ByteDance, Baichuan, 01.AI
    "abab6.5s-chat": ("minimax/abab6.5s-chat", "minimax"),
    "moonshot-v1-8k": ("moonshot/moonshot-v1-8k", "moonshot"),
    "moonshot-v1-32k": ("moonshot/moonshot-v1-32k", "moonshot"),
    "moonshot-v1-128k": ("moonshot/moonshot-v1-128k", "moonshot"),
    "kimi-k2-0711-preview": ("moonshot/kimi-k2-0711-preview", "moonshot"),
    "kimi-latest": ("moonshot/kimi-latest", "moonshot"),
    "step-1-8k": ("stepfun/step-1-8k", "stepfun"),
    "step-2-16k": ("stepfun/step-2-16k", "stepfun"),
    "step-1v-8k": ("stepfun/step-1v-8k", "stepfun"),
    "doubao-pro-32k": ("bytedance/doubao-pro-32k", "bytedance"),
    "Doubao-embedding": ("bytedance/doubao-embedding", "bytedance"),
    "Baichuan2-Turbo": ("baichuan/baichuan2-turbo", "baichuan"),
    "Baichuan4": ("baichuan/baichuan4", "baichuan"),
    "Baichuan3-Turbo-128k": ("baichuan/baichuan3-turbo-128k", "baichuan"),
    "yi-large": ("01-ai/yi-large", "01-ai"),
    "yi-lightning": ("01-ai/yi-lightning", "01-ai"),
}

OLLAMA_TAGS = {
    "qwen2.5:7b": ("qwen/qwen2.5-7b-instruct", "qwen"),
    "qwen2.5:72b": ("qwen/qwen2.5-72b-instruct", "qwen"),
    "qwen2:7b": ("qwen/qwen2-7b-instruct", "qwen"),
    "qwq:32b": ("qwen/qwq-32b", "qwen"),
    "qwen3:8b": ("qwen/qwen3-8b", "qwen"),
    "deepseek-r1:14b": ("deepseek-ai/deepseek-r1-distill-qwen-14b", "deepseek"),
    "deepseek-r1:8b": ("deepseek-ai/deepseek-r1-0528-qwen3-8b", "deepseek"),  # since the May 2025 update
    "glm4:9b": ("zai-org/glm-4-9b-chat", "zhipu"),
    # Ollama library pages (tag list + description), as mirrored in Alpaca's ollama_models.py
    "qwen2.5-coder:7b": ("qwen/qwen2.5-coder-7b-instruct", "qwen"),
    "qwen2.5vl:7b": ("qwen/qwen2.5-vl-7b-instruct", "qwen"),
    "qwen3-embedding:4b": ("qwen/qwen3-embedding-4b", "qwen"),
    "deepseek-coder-v2:16b": ("deepseek-ai/deepseek-coder-v2-lite-instruct", "deepseek"),
    "deepseek-coder:6.7b": ("deepseek-ai/deepseek-coder-6.7b-instruct", "deepseek"),
    "yi:9b": ("01-ai/yi-1.5-9b-chat", "01-ai"),
    "internlm2:7b": ("internlm/internlm2_5-7b-chat", "internlm"),
    "codegeex4:9b": ("zai-org/codegeex4-all-9b", "zhipu"),
    "bge-m3:567m": ("baai/bge-m3", "baai"),
    "kimi-k2:1t-cloud": ("moonshotai/kimi-k2-instruct-0905", "moonshot"),
}

# ModelScope repo ids of the same weights as a Hub repo already in the knowledge base
MODELSCOPE_IDS = {
    "ZhipuAI/glm-4-9b-chat": ("zai-org/glm-4-9b-chat", "zhipu"),
    "01ai/Yi-1.5-9B-Chat": ("01-ai/yi-1.5-9b-chat", "01-ai"),
    "Shanghai_AI_Laboratory/internlm2_5-7b-chat": ("internlm/internlm2_5-7b-chat", "internlm"),
    "Tencent-Hunyuan/Hy-MT2-7B": ("tencent/hy-mt2-7b", "tencent"),
}

# a lab's own quantized repo -> the unquantized model it packages
QUANTIZED = {
    "Qwen/Qwen2.5-7B-Instruct-AWQ": "qwen/qwen2.5-7b-instruct",
    "Qwen/Qwen2.5-72B-Instruct-GPTQ-Int4": "qwen/qwen2.5-72b-instruct",
    "Qwen/Qwen2-7B-Instruct-GPTQ-Int8": "qwen/qwen2-7b-instruct",
    "Qwen/Qwen3-8B-FP8": "qwen/qwen3-8b",
    "Qwen/Qwen3-30B-A3B-GPTQ-Int4": "qwen/qwen3-30b-a3b",
    "Qwen/Qwen2.5-VL-7B-Instruct-AWQ": "qwen/qwen2.5-vl-7b-instruct",
    "OpenGVLab/InternVL3-8B-AWQ": "opengvlab/internvl3-8b",
    "internlm/internlm3-8b-instruct-gguf": "internlm/internlm3-8b-instruct",
}


@pytest.mark.parametrize("name", sorted(API_NAMES))
def test_api_only_names_resolve_to_a_closed_model_of_the_lab(name: str) -> None:
    model_id, publisher = API_NAMES[name]
    res = resolve(name)
    assert res.confidence == "known", res.reason
    assert res.model is not None and res.model["id"] == model_id
    assert res.publisher is not None and res.publisher["id"] == publisher
    # iFlytek's CN rests on its own site and annual report since 2026-12-04 (null after the 2026-12-03 audit, when
    # only third-party pages placed it)
    assert res.publisher["country"] == "CN"
    assert res.origins == ("CN",)
    assert res.open_weights is False
    assert res.license is not None and res.license["id"] == "proprietary"


@pytest.mark.parametrize("tag", sorted(OLLAMA_TAGS))
def test_ollama_tags_resolve_to_the_model_they_package(tag: str) -> None:
    model_id, publisher = OLLAMA_TAGS[tag]
    res = resolve(tag)
    assert res.model is not None and res.model["id"] == model_id
    assert res.publisher is not None and res.publisher["id"] == publisher
    assert "CN" in res.origins
    assert res.open_weights is True


@pytest.mark.parametrize(("tag", "model_id"), [
    ("qwen2.5:7b-instruct-q4_K_M", "qwen/qwen2.5-7b-instruct"),
    ("deepseek-coder-v2:16b-lite-instruct-q4_0", "deepseek-ai/deepseek-coder-v2-lite-instruct"),
    ("qwen2.5-coder:32b-instruct-q8_0", "qwen/qwen2.5-coder-32b-instruct"),
])
def test_an_ollama_quantization_suffix_still_finds_the_model(tag: str, model_id: str) -> None:
    res = resolve(tag)
    assert res.model is not None and res.model["id"] == model_id


def test_ambiguous_ollama_pages_are_not_mapped() -> None:
    # qwen3:4b was re-pointed to a 2507 build and qwen3-vl:8b has instruct and thinking builds: no exact model
    for tag in ("qwen3:4b", "qwen3-vl:8b"):
        res = resolve(tag)
        assert res.confidence != "known", tag


@pytest.mark.parametrize("repo", sorted(MODELSCOPE_IDS))
def test_modelscope_ids_resolve_to_the_hub_model(repo: str) -> None:
    model_id, publisher = MODELSCOPE_IDS[repo]
    res = resolve(repo)
    assert res.model is not None and res.model["id"] == model_id
    if model_id == "internlm/internlm2_5-7b-chat":  # its README and its card disagree on the licence (provfix13)
        assert res.confidence == "unknown" and "disputed" in (res.reason or "")
    else:
        assert res.confidence == "known", res.reason
    assert res.publisher is not None and res.publisher["id"] == publisher


@pytest.mark.parametrize("repo", sorted(QUANTIZED))
def test_official_quantized_repos_are_quantizations_of_the_unquantized_model(repo: str) -> None:
    parent = QUANTIZED[repo]
    res = resolve(repo)
    assert res.model is not None and res.model["id"] == repo.lower()
    assert res.lineage, "a quantized repo names the model it packages"
    assert res.lineage[0]["relation"] == "quantization"
    assert res.lineage[0]["model"] == parent
    # same licence as the unquantized model
    assert res.license is not None
    assert res.license["id"] == (resolve(parent).license or {}).get("id")


def test_licences_differ_by_size_within_qwen2_5_quantized_releases() -> None:
    # Qwen2.5 3B ships under the Qwen research licence, 72B under the Qwen licence, the rest Apache-2.0
    ids = {repo: (resolve(repo).license or {}).get("id") for repo in (
        "Qwen/Qwen2.5-3B-Instruct-AWQ", "Qwen/Qwen2.5-72B-Instruct-AWQ", "Qwen/Qwen2.5-14B-Instruct-AWQ")}
    assert ids == {
        "Qwen/Qwen2.5-3B-Instruct-AWQ": "qwen-research",
        "Qwen/Qwen2.5-72B-Instruct-AWQ": "qwen",
        "Qwen/Qwen2.5-14B-Instruct-AWQ": "apache-2.0",
    }


def test_bare_spark_domain_words_are_not_claimed() -> None:
    # "lite" / "max-32k" are ordinary words in configs; only the distinctive Spark domains are aliases
    for word in ("lite", "max-32k", "pro-128k"):
        res = resolve(word)
        assert res.publisher is None or res.publisher["id"] != "iflytek", word


CN_PUBLISHERS = {
    "qwen", "deepseek", "zhipu", "baai", "moonshot", "minimax", "01-ai", "internlm", "openbmb", "baidu",
    "bytedance", "tencent", "stepfun", "baichuan", "xiaomi", "meituan", "rednote", "inclusionai", "alibaba-nlp",
    "iflytek",
}


def test_quantized_releases_keep_the_licence_and_publisher_of_what_they_package() -> None:
    from modelmap.knowledge import load

    kb = load()
    checked = 0
    for mid, model in kb.models.items():
        if model.get("publisher") not in CN_PUBLISHERS:
            continue
        for rel in model.get("base") or []:
            if rel.get("relation") != "quantization":
                continue
            parent = kb.models[rel["model"]]
            # an unverified licence stays unknown, never copied; a disputed one (the conversion's own card against
            # its parent's record, as OpenGVLab's InternVL3-8B-hf says qwen) is answered with confidence unknown
            if model.get("license") != "unknown" and not model.get("license_disputed"):
                assert model.get("license") == parent.get("license"), mid
            assert model.get("publisher") == parent.get("publisher"), mid
            checked += 1
    assert checked >= 150  # the labs' own GPTQ/AWQ/GGUF/FP8/MLX repos
