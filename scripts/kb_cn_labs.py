"""Generate knowledge-base records for the Chinese labs from source listings (issue 11, item 5).

Two kinds of source feed this script, and every record it writes cites the one it came from:

* the model registry of Xinference (xorbitsai/inference, ``xinference/model/*/``), read at pinned
  commits from a local git snapshot: it pins each official Hub repo (``model_id``) and, for most,
  the ModelScope repo of the same weights. It gives the existence of a repo, its hub ids and,
  for a quantized repo, the format it packages. Licences, bases and sizes are NOT taken from it:
  a quantized official repo inherits them from its unquantized parent already in the knowledge
  base (cited through the parent's own sources), and a model whose parent is not in the
  knowledge base gets ``license: unknown`` and no ``base`` (unknown);
* hand tables below of API-only model names read on the providers' documentation or on a
  well-kept client's provider table (one URL per table, read on ``AS_OF``).

Output goes between ``# BEGIN generated: scripts/kb_cn_labs.py`` / ``# END generated`` markers
in each publisher file (models at the end of the file, families just before ``models:``), so a
rerun replaces its own output and leaves hand-written records alone. ModelScope ids are added
to hand-written records' ``aliases`` only when the record lacks them.

    python3 scripts/kb_cn_labs.py --xinference /path/to/xorbitsai+inference/repo
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PUB_DIR = ROOT / "src" / "modelmap" / "knowledge" / "data" / "publishers"
AS_OF = "2026-12-03"
BEGIN = "# BEGIN generated: scripts/kb_cn_labs.py"
END = "# END generated: scripts/kb_cn_labs.py"

# Xinference registry snapshots read (full commit ids): newest first, so a repo is cited at the
# newest commit that lists it.
XF_COMMITS = (
    "b9734447dbd07d117232f3ae91955e3b0ea7b60b",
    "25ffc8c29",
    "41d5a0f49",
    "8f92d045d1ee13cbeb059115409210fb604b7660",
    "a3c20630c52c2b9de739d8a657e8558f1cb84b84",
    "1598c238f4e4e3e71a5833b24f22087a4c9962cf",
    "d2a11960ff9d796efae4ccbbe60ad6d091422796",
    "c9b4453b87db9064d415cd79f88499752b8c98c4",
    "c80f404c638d8585adc1aaa035d555cc0fd704a6",
    "d1d8edf4318a03804a22443e022c9bca61089bfe",
)
XF_FILES = {
    "llm": ("xinference/model/llm/llm_family.json", "xinference/model/llm/llm_family_modelscope.json"),
    "embedding": ("xinference/model/embedding/model_spec.json", "xinference/model/embedding/model_spec_modelscope.json"),
    "rerank": ("xinference/model/rerank/model_spec.json", None),
}

# ms-swift (modelscope/ms-swift) registers each supported model as a (ModelScope id, Hub id) pair in
# swift/model/models/*.py: a second registry of the labs' repos, and of their ModelScope spellings.
SWIFT_COMMIT = "3602360a562313afbf2ef6065fdf61f271a2c5b9"
SWIFT_DIR = "swift/model/models"
SWIFT_MODEL = re.compile(
    r"""Model\(\s*(?:ms_model_id\s*=\s*)?(None|'[^']*'|"[^"]*")\s*(?:,\s*(?:hf_model_id\s*=\s*)?(None|'[^']*'|"[^"]*"))?""")

# LLaMA-Factory (hiyouga/LLaMA-Factory) names each supported model's hub ids per download source
# (DownloadSource.DEFAULT = Hugging Face, DownloadSource.MODELSCOPE) in src/llamafactory/extras/constants.py.
LLAMAFACTORY_COMMIT = "ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30"
LLAMAFACTORY_PATH = "src/llamafactory/extras/constants.py"
# Registry entries that disagree with the lab's own spelling elsewhere (MiniCPM-V 4.6 is openbmb/MiniCPM-V-4.6).
REGISTRY_DOUBTFUL = {"openbmb/minicpm-v-4_6", "qwen/qwen3-235b", "qwen/qwen3-235b-fp8"}

# Hub org -> publisher file, for the labs this script covers.
ORG_PUBLISHER = {
    "qwen": "qwen", "deepseek-ai": "deepseek", "thudm": "zhipu", "zai-org": "zhipu", "baai": "baai",
    "moonshotai": "moonshot", "minimaxai": "minimax", "01-ai": "01-ai", "internlm": "internlm",
    "opengvlab": "internlm", "openbmb": "openbmb", "baidu": "baidu", "bytedance-seed": "bytedance",
    "tencent": "tencent", "stepfun-ai": "stepfun", "baichuan-inc": "baichuan", "xiaomimimo": "xiaomi",
    "meituan-longcat": "meituan", "rednote-hilab": "rednote", "inclusionai": "inclusionai",
    "alibaba-nlp": "alibaba-nlp",
}
# ModelScope orgs that are the lab itself (or ModelScope's own mirror account of the same repo).
# Third-party re-uploads (Xorbits/..., mirror013/...) are not recorded as aliases.
MODELSCOPE_ORGS = {
    "qwen", "deepseek-ai", "zhipuai", "shanghai_ai_laboratory", "openbmb", "01ai", "baai", "ai-modelscope",
    "iic", "tencent-hunyuan", "minimax", "paddlepaddle", "baichuan-inc", "inclusionai", "moonshotai",
    "opengvlab", "xiaomimimo", "stepfun-ai", "tencent-youtu-research", "minimaxai", "bytedance-seed",
}
# Repos listed by the registry whose name disagrees with the lab's own spelling on the Hub; skipped.
XF_DOUBTFUL = {
    "opengvlab/internvl2_5-mpo-1b", "opengvlab/internvl2_5-mpo-2b", "opengvlab/internvl2_5-mpo-4b",
    "opengvlab/internvl2_5-mpo-8b", "opengvlab/internvl2_5-mpo-26b", "opengvlab/internvl2_5-mpo-38b",
    "opengvlab/internvl2_5-mpo-78b", "opengvlab/internvl2_5-mpo-26b-awq", "opengvlab/internvl2_5-mpo-38b-awq",
    "opengvlab/internvl2_5-mpo-78b-awq", "opengvlab/internvl2_5-mpo-8b-awq", "opengvlab/internvl2_5-4b-mpo-awq",
    # hand-written API records (moonshot/kimi-k3, moonshot/kimi-k2.7-code) leave open weights unverified
    "moonshotai/kimi-k3", "moonshotai/kimi-k2.7-code",
}
QUANT_SUFFIX = re.compile(
    r"-(gptq-int4|gptq-int8|gptq|autoawq|awq-int4|awq|gguf|mlx|fp8|fp4|int4|int8|bnb|4bits|8bits)$", re.IGNORECASE
)
QUANT_FORMATS = {"gptq", "awq", "ggufv2", "ggmlv3", "mlx", "fp8", "fp4", "bnb"}

# Qwen's own docs name the quantized variants of each size (speed benchmark tables; "for each
# size of Qwen2.5, we provide both Int4 and Int8 GPTQ quantized models").
QWEN_DOC_QUANTS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # url: (hf name template, sizes, suffixes)
    "https://github.com/QwenLM/Qwen3/blob/a912d239c2d0e2e5d10bb8d02e6f5685edb43e68/docs/source/benchmark/speed_benchmark.rst": (
        "Qwen2.5-{size}-Instruct", ("0.5B", "1.5B", "3B", "7B", "14B", "32B", "72B"), ("GPTQ-Int4", "GPTQ-Int8", "AWQ")),
    "https://github.com/QwenLM/Qwen3/blob/5c4e69cb61953a590ea724e0f0f0fcb06fa979e7/docs/source/benchmark/speed_benchmark.rst": (
        "Qwen2-{size}-Instruct", ("0.5B", "1.5B", "7B", "72B"), ("GPTQ-Int4", "GPTQ-Int8", "AWQ")),
    "https://github.com/QwenLM/Qwen3/blob/c7f51a1a1ce3d4bb750bc545cd2673fff4c5a8f9/docs/source/getting_started/speed_benchmark.md": (
        "Qwen3-{size}", ("0.6B", "1.7B", "4B", "8B", "14B", "32B", "30B-A3B", "235B-A22B"), ("FP8",)),
}
QWEN_DOC_QUANTS_EXTRA = {
    # (url, repo name) pairs of the same tables that are not a full size x format grid
    ("https://github.com/QwenLM/Qwen3/blob/5c4e69cb61953a590ea724e0f0f0fcb06fa979e7/docs/source/benchmark/speed_benchmark.rst", "Qwen2-57B-A14B-Instruct-GPTQ-Int4"),
    ("https://github.com/QwenLM/Qwen3/blob/c7f51a1a1ce3d4bb750bc545cd2673fff4c5a8f9/docs/source/getting_started/speed_benchmark.md", "Qwen3-4B-AWQ"),
    ("https://github.com/QwenLM/Qwen3/blob/c7f51a1a1ce3d4bb750bc545cd2673fff4c5a8f9/docs/source/getting_started/speed_benchmark.md", "Qwen3-8B-AWQ"),
    ("https://github.com/QwenLM/Qwen3/blob/c7f51a1a1ce3d4bb750bc545cd2673fff4c5a8f9/docs/source/getting_started/speed_benchmark.md", "Qwen3-14B-AWQ"),
    ("https://github.com/QwenLM/Qwen3/blob/c7f51a1a1ce3d4bb750bc545cd2673fff4c5a8f9/docs/source/getting_started/speed_benchmark.md", "Qwen3-32B-AWQ"),
    ("https://github.com/QwenLM/Qwen3/blob/c7f51a1a1ce3d4bb750bc545cd2673fff4c5a8f9/docs/source/getting_started/speed_benchmark.md", "Qwen3-30B-A3B-GPTQ-Int4"),
    ("https://github.com/QwenLM/Qwen3/blob/c7f51a1a1ce3d4bb750bc545cd2673fff4c5a8f9/docs/source/getting_started/speed_benchmark.md", "Qwen3-235B-A22B-GPTQ-Int4"),
    # Hub search listing of Qwen's own repos for Qwen3-235B-A22B
    ("https://huggingface.co/models?search=Qwen%2FQwen3-235B-A22B", "Qwen3-235B-A22B-GGUF"),
    ("https://huggingface.co/models?search=Qwen%2FQwen3-235B-A22B", "Qwen3-235B-A22B-MLX-bf16"),
    ("https://huggingface.co/models?search=Qwen%2FQwen3-235B-A22B", "Qwen3-235B-A22B-MLX-4bit"),
    ("https://huggingface.co/models?search=Qwen%2FQwen3-235B-A22B", "Qwen3-235B-A22B-MLX-6bit"),
    ("https://huggingface.co/models?search=Qwen%2FQwen3-235B-A22B", "Qwen3-235B-A22B-MLX-8bit"),
    ("https://huggingface.co/collections/Qwen/qwen3-next", "Qwen3-Next-80B-A3B-Instruct-FP8"),
    ("https://huggingface.co/collections/Qwen/qwen3-next", "Qwen3-Next-80B-A3B-Thinking-FP8"),
    ("https://huggingface.co/collections/Qwen/qwen38?ref=aiposthub.com", "Qwen3.8-2.4T-A95B-FP8"),
    ("https://huggingface.co/collections/Qwen/qwen38?ref=aiposthub.com", "Qwen3.8-27B-FP8"),
}
QWEN_MLX_SUFFIX = re.compile(r"-MLX-(bf16|4bit|6bit|8bit)$", re.IGNORECASE)


# --------------------------------------------------------------------------- API-only models
# (publisher, family, id-name, display name, role, modality, context, [aliases]); one URL per table.
LOBE = "https://github.com/lobehub/lobe-chat/blob/{commit}/src/config/aiModels/{name}.ts"
API_TABLES: list[dict[str, Any]] = [
    {
        "publisher": "iflytek", "family": "spark-api",
        "url": LOBE.format(commit="69dac2fc6eee255bca177ef6acc31e31b2a10946", name="spark"),
        "models": [
            # id-name, display name, role, modality, context, aliases (API "domain" values)
            ("spark-lite", "Spark Lite", "generation", ["text"], 8192, ["spark-lite"]),
            ("spark-pro", "Spark Pro", "generation", ["text"], 8192, ["generalv3", "spark-pro"]),
            ("spark-pro-128k", "Spark Pro 128K", "generation", ["text"], 131072, ["spark-pro-128k"]),
            ("spark-max", "Spark Max", "generation", ["text"], 8192, ["generalv3.5", "spark-max"]),
            ("spark-max-32k", "Spark Max 32K", "generation", ["text"], 32768, ["spark-max-32k"]),
            ("spark-4.0-ultra", "Spark 4.0 Ultra", "generation", ["text"], 8192, ["4.0ultra", "spark-4.0-ultra"]),
        ],
    },
    {
        "publisher": "baichuan", "family": "baichuan-api",
        "url": LOBE.format(commit="33e0426bf72dc65a3685de060740cc9d2f347780", name="baichuan"),
        "models": [
            ("baichuan4", "Baichuan 4", "generation", ["text"], 32768, ["baichuan4"]),
            ("baichuan4-turbo", "Baichuan 4 Turbo", "generation", ["text"], 32768, ["baichuan4-turbo"]),
            ("baichuan4-air", "Baichuan 4 Air", "generation", ["text"], 32768, ["baichuan4-air"]),
            ("baichuan3-turbo", "Baichuan 3 Turbo", "generation", ["text"], 32768, ["baichuan3-turbo"]),
            ("baichuan3-turbo-128k", "Baichuan 3 Turbo 128k", "generation", ["text"], 128000, ["baichuan3-turbo-128k"]),
            ("baichuan2-turbo", "Baichuan 2 Turbo", "generation", ["text"], 32768, ["baichuan2-turbo"]),
        ],
    },
    {
        "publisher": "stepfun", "family": "step-api",
        "url": LOBE.format(commit="115e0d5d87271cc3ebea7523288f2dfb109df4a4", name="stepfun"),
        "models": [
            ("step-1-flash", "Step 1 Flash", "generation", ["text"], 8000, ["step-1-flash"]),
            ("step-1-8k", "Step 1 8K", "generation", ["text"], 8000, ["step-1-8k"]),
            ("step-1-32k", "Step 1 32K", "generation", ["text"], 32000, ["step-1-32k"]),
            ("step-1-128k", "Step 1 128K", "generation", ["text"], 128000, ["step-1-128k"]),
            ("step-1-256k", "Step 1 256K", "generation", ["text"], 256000, ["step-1-256k"]),
            ("step-2-16k", "Step 2 16K", "generation", ["text"], 16000, ["step-2-16k"]),
            ("step-2-mini", "Step 2 Mini", "generation", ["text"], 8000, ["step-2-mini"]),
            ("step-1v-8k", "Step 1V 8K", "vision", ["text", "image"], 8000, ["step-1v-8k"]),
            ("step-1v-32k", "Step 1V 32K", "vision", ["text", "image"], 32000, ["step-1v-32k"]),
            ("step-1o-vision-32k", "Step 1o Vision 32K", "vision", ["text", "image"], 32000, ["step-1o-vision-32k"]),
            ("step-1.5v-mini", "Step 1.5V Mini", "vision", ["text", "image", "video"], 32000, ["step-1.5v-mini"]),
            ("step-1o-turbo-vision", "Step 1o Turbo Vision", "vision", ["text", "image"], 32000, ["step-1o-turbo-vision"]),
        ],
    },
    {
        "publisher": "01-ai", "family": "yi-api",
        "url": LOBE.format(commit="15bc2cc2e25337045dffa688cfc6528b1bc3690d", name="zeroone"),
        "models": [
            ("yi-lightning", "Yi Lightning", "generation", ["text"], 16384, ["yi-lightning"]),
            ("yi-lightning-lite", "Yi Lightning Lite", "generation", ["text"], 16384, ["yi-lightning-lite"]),
            ("yi-spark", "Yi Spark", "generation", ["text"], 16384, ["yi-spark"]),
            ("yi-medium", "Yi Medium", "generation", ["text"], 16384, ["yi-medium"]),
            ("yi-medium-200k", "Yi Medium 200K", "generation", ["text"], 200000, ["yi-medium-200k"]),
            ("yi-large", "Yi Large", "generation", ["text"], 32768, ["yi-large"]),
            ("yi-large-turbo", "Yi Large Turbo", "generation", ["text"], 16384, ["yi-large-turbo"]),
            ("yi-large-rag", "Yi Large RAG", "generation", ["text"], 16384, ["yi-large-rag"]),
            ("yi-large-fc", "Yi Large FC", "generation", ["text"], 32768, ["yi-large-fc"]),
            ("yi-large-preview", "Yi Large Preview", "generation", ["text"], 16384, ["yi-large-preview"]),
            ("yi-vision", "Yi Vision", "vision", ["text", "image"], 16384, ["yi-vision"]),
        ],
    },
    {
        "publisher": "zhipu", "family": "glm-api",
        "url": "https://github.com/zai-org/z-ai-sdk-java/pull/6/files",
        "models": [
            ("glm-4", "GLM-4", "generation", ["text"], None, ["glm-4"]),
            ("glm-4-air", "GLM-4-Air", "generation", ["text"], None, ["glm-4-air"]),
            ("glm-4-0520", "GLM-4-0520", "generation", ["text"], None, ["glm-4-0520"]),
            ("glm-4-voice", "GLM-4-Voice", "speech", ["text", "audio"], None, ["glm-4-voice"]),
            ("glm-4.1v-thinking-flash", "GLM-4.1V-Thinking-Flash", "vision", ["text", "image"], None,
             ["glm-4.1v-thinking-flash"]),
            ("glm-z1-airx", "GLM-Z1-AirX", "generation", ["text"], None, ["glm-z1-airx"]),
            ("glm-z1-flash", "GLM-Z1-Flash", "generation", ["text"], None, ["glm-z1-flash"]),
            ("glm-4-assistant", "GLM-4-Assistant", "generation", ["text"], None, ["glm-4-assistant"]),
            ("glm-4-alltools", "GLM-4-AllTools", "generation", ["text"], None, ["glm-4-alltools"]),
        ],
    },
    {
        "publisher": "zhipu", "family": "glm-api",
        "url": "https://www.mintlify.com/sipeed/picoclaw/api/providers/zhipu",
        "models": [
            ("glm-3-turbo", "GLM-3-Turbo", "generation", ["text"], None, ["glm-3-turbo"]),
            ("glm-4v", "GLM-4V", "vision", ["text", "image"], None, ["glm-4v"]),
        ],
    },
    {
        # Zhipu's 2023 API names; the thread records chatglm_turbo as the current one and the retirement of
        # chatglm_pro / chatglm_std / chatglm_lite at the end of November 2023.
        "publisher": "zhipu", "family": "glm-api",
        "url": "https://github.com/datawhalechina/llm-universe/issues/22",
        "models": [
            ("chatglm_turbo", "ChatGLM-Turbo", "generation", ["text"], None, ["chatglm_turbo", "chatglm-turbo"]),
            ("chatglm_pro", "ChatGLM-Pro", "generation", ["text"], None, ["chatglm_pro", "chatglm-pro"]),
            ("chatglm_std", "ChatGLM-Std", "generation", ["text"], None, ["chatglm_std", "chatglm-std"]),
            ("chatglm_lite", "ChatGLM-Lite", "generation", ["text"], None, ["chatglm_lite", "chatglm-lite"]),
        ],
    },
    {
        "publisher": "zhipu", "family": "glm-api",
        "url": "https://docs.bigmodel.cn/api-reference/%E6%A8%A1%E5%9E%8B-api/%E6%96%87%E6%9C%AC%E5%B5%8C%E5%85%A5",
        "models": [
            ("embedding-2", "Embedding-2", "embedding", ["text"], 512, ["embedding-2"]),
            ("embedding-3", "Embedding-3", "embedding", ["text"], 3072, ["embedding-3"]),
        ],
    },
    {
        "publisher": "baidu", "family": "ernie-api",
        "url": "https://reference.langchain.com/python/langchain-community/chat_models/ernie/ErnieBotChat",
        "models": [
            ("ernie-bot", "ERNIE-Bot", "generation", ["text"], None, ["ernie-bot"]),
            ("ernie-bot-turbo", "ERNIE-Bot-turbo", "generation", ["text"], None, ["ernie-bot-turbo"]),
            ("ernie-bot-8k", "ERNIE-Bot-8K", "generation", ["text"], None, ["ernie-bot-8k"]),
            ("ernie-bot-turbo-ai", "ERNIE-Bot-turbo-AI", "generation", ["text"], None, ["ernie-bot-turbo-ai"]),
        ],
    },
    {
        "publisher": "baidu", "family": "ernie-api",
        "url": "https://reference.langchain.com/javascript/interfaces/_langchain_community.embeddings_baidu_qianfan.BaiduQianfanEmbeddingsParams.html",
        "models": [
            ("embedding-v1", "Embedding-V1", "embedding", ["text"], None, ["embedding-v1"]),
            ("tao-8k", "tao-8k", "embedding", ["text"], None, ["tao-8k"]),
        ],
    },
    {
        "publisher": "qwen", "family": "qwen-api",
        "url": "https://github.com/langchain4j/langchain4j/blob/main/langchain4j-dashscope/src/main/java/dev/langchain4j/model/dashscope/QwenModelName.java",
        "models": [
            ("qwen-max-longcontext", "Qwen-Max-LongContext", "generation", ["text"], None, ["qwen-max-longcontext"]),
        ],
    },
    {
        "publisher": "qwen", "family": "qwen-api",
        "url": "https://github.com/daxiong0327/ali-qwen-api/blob/main/README.md",
        "models": [
            ("qwen-long", "Qwen-Long", "generation", ["text"], None, ["qwen-long"]),
            ("qwen-audio-turbo", "Qwen-Audio-Turbo", "speech", ["text", "audio"], None, ["qwen-audio-turbo"]),
        ],
    },
    {
        "publisher": "bytedance", "family": "doubao",
        "url": "https://raw.githubusercontent.com/expertvagabond/volcengine-mcp/HEAD/README.md",
        "models": [
            ("doubao-embedding", "Doubao-embedding", "embedding", ["text"], None, ["doubao-embedding"]),
        ],
    },
    {
        "publisher": "bytedance", "family": "doubao",
        "url": "https://docs.litellm.ai/docs/providers/volcano",
        "models": [
            ("doubao-embedding-text-240715", "doubao-embedding-text-240715", "embedding", ["text"], None,
             ["doubao-embedding-text-240715"]),
        ],
    },
    {
        "publisher": "qwen", "family": "qwen-api",
        "url": "https://www.oceanbase.ai/docs/qwen-py",
        "models": [
            ("text-embedding-v1", "text-embedding-v1", "embedding", ["text"], None, ["text-embedding-v1"]),
        ],
    },
]

# --------------------------------------------------------------------------- open weights from READMEs
# Repos named in a lab's own README (one URL per table, read at the pinned commit). Only what the README
# states is recorded: licence ``unknown`` and no ``base`` unless the README says so.
QWEN1_README = "https://github.com/QwenLM/Qwen/blob/2df8e8ac450fa185c421a08b0090ef81826caa6e/README.md"
INTERNVL_README = "https://github.com/OpenGVLab/InternVL/blob/2410d1dbf208f0e799459aff9376e5747dbf41a2/README.md"
QWEN25_MATH_README = "https://github.com/QwenLM/Qwen2.5-Math/blob/a45202bd16f1ec06f433442dc1152d0074773465/README.md"
PROVER15_README = "https://github.com/deepseek-ai/DeepSeek-Prover-V1.5/blob/2c4ba9119eef74d0d611f494261b2c5bae98c69a/README.md"
MINICPM_README = "https://github.com/OpenBMB/MiniCPM/blob/0fcc3d08330ee612d59d58e312a778ae78165d97/README.md"

# (url, hf repo) of a lab's quantized repo whose unquantized parent is in the knowledge base
README_QUANTS: list[tuple[str, str]] = [
    *[(QWEN1_README, f"Qwen/Qwen-{size}-Chat-{q}") for size in ("1_8B", "7B", "14B", "72B") for q in ("Int4", "Int8")],
    (INTERNVL_README, "OpenGVLab/InternVL-Chat-V1-5-AWQ"),
    (MINICPM_README, "openbmb/MiniCPM4.1-8B-AutoAWQ"),
    (MINICPM_README, "openbmb/MiniCPM4.1-8B-GGUF"),
    (MINICPM_README, "openbmb/MiniCPM4.1-8B-GPTQ"),
    (MINICPM_README, "openbmb/MiniCPM4.1-8B-MLX"),
    ("https://github.com/QwenLM/Qwen3/blob/77fb0c1e20ee5bf36326d0004eaa09df651a0346/README.md", "Qwen/Qwen3-8B-GGUF"),
    ("https://huggingface.co/Qwen/Qwen3-8B-MLX-4bit/tree/main", "Qwen/Qwen3-8B-MLX-4bit"),
    ("https://huggingface.co/models?search=Qwen%203%20VL%20235B-A22B%20GGUF", "Qwen/Qwen3-VL-235B-A22B-Instruct-GGUF"),
    ("https://huggingface.co/models?search=Qwen%203%20VL%20235B-A22B%20GGUF", "Qwen/Qwen3-VL-235B-A22B-Thinking-GGUF"),
    ("https://huggingface.co/collections/zai-org/cogvlm2", "zai-org/cogvlm2-llama3-chat-19B-int4"),
    ("https://huggingface.co/collections/baidu/ernie-45", "baidu/ERNIE-4.5-300B-A47B-FP8-Paddle|baidu/ernie-4.5-300b-a47b-pt"),
    ("https://huggingface.co/collections/baidu/ernie-45", "baidu/ERNIE-4.5-300B-A47B-W4A8C8-TP4-Paddle|baidu/ernie-4.5-300b-a47b-pt"),
    ("https://huggingface.co/collections/baidu/ernie-45", "baidu/ERNIE-4.5-300B-A47B-2Bits-Paddle|baidu/ernie-4.5-300b-a47b-pt"),
    ("https://huggingface.co/collections/inclusionAI/ling-v2", "inclusionAI/Ling-mini-2.0-GGUF"),
    ("https://huggingface.co/collections/XiaomiMiMo/mimo-vl", "XiaomiMiMo/MiMo-VL-7B-SFT-GGUF"),
    ("https://huggingface.co/collections/XiaomiMiMo/mimo-vl", "XiaomiMiMo/MiMo-VL-7B-RL-GGUF"),
    ("https://huggingface.co/models?search=Qwen3-VL%208B%20GGUF", "Qwen/Qwen3-VL-8B-Instruct-GGUF"),
    ("https://huggingface.co/models?search=Qwen3-VL%208B%20GGUF", "Qwen/Qwen3-VL-8B-Thinking-GGUF"),
    ("https://huggingface.co/osintify/activity/all", "Qwen/Qwen3-VL-4B-Instruct-GGUF"),
    ("https://huggingface.co/osintify/activity/all", "Qwen/Qwen3-VL-2B-Instruct-GGUF"),
    ("https://huggingface.co/models?search=Qwen3-VL%2030B-A3B%20GGUF", "Qwen/Qwen3-VL-30B-A3B-Instruct-GGUF"),
    ("https://huggingface.co/Qwen/Qwen3-Next-80B-A3B-Thinking-GGUF/tree/main", "Qwen/Qwen3-Next-80B-A3B-Thinking-GGUF"),
    ("https://huggingface.co/collections/inclusionAI/ling-v2", "inclusionAI/Ling-1T-FP8"),
    ("https://huggingface.co/collections/inclusionAI/ring-20", "inclusionAI/Ring-mini-2.0-GGUF"),
    ("https://huggingface.co/collections/inclusionAI/ling-30", "inclusionAI/Ling-3.0-tiny-GGUF"),
    ("https://huggingface.co/collections/inclusionAI/ling-26", "inclusionAI/Ling-2.6-flash-fp8"),
    ("https://huggingface.co/collections/inclusionAI/ling-26", "inclusionAI/Ling-2.6-flash-int4"),
    ("https://huggingface.co/collections/zai-org/cogvlm2", "zai-org/cogvlm2-llama3-chinese-chat-19B-int4"),
]

# publisher, url, [(hf, family, role, params, active_params, license, base, aliases)]
README_MODELS: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    ("internlm", INTERNVL_README, [
        # InternVL3.5 model zoo (GitHub format; the -HF repo is the same checkpoint in transformers layout)
        ("OpenGVLab/InternVL3_5-1B", "internvl3.5", "vision", "1.1B", None, "unknown", None,
         ["OpenGVLab/InternVL3_5-1B-HF", "internvl3_5-1b-hf"]),
        ("OpenGVLab/InternVL3_5-2B", "internvl3.5", "vision", "2.3B", None, "unknown", None,
         ["OpenGVLab/InternVL3_5-2B-HF", "internvl3_5-2b-hf"]),
        ("OpenGVLab/InternVL3_5-4B", "internvl3.5", "vision", "4.7B", None, "unknown", None,
         ["OpenGVLab/InternVL3_5-4B-HF", "internvl3_5-4b-hf"]),
        ("OpenGVLab/InternVL3_5-14B", "internvl3.5", "vision", "15.1B", None, "unknown", None,
         ["OpenGVLab/InternVL3_5-14B-HF", "internvl3_5-14b-hf"]),
        ("OpenGVLab/InternVL3_5-30B-A3B", "internvl3.5", "vision", "30.8B", "3B", "unknown", None,
         ["OpenGVLab/InternVL3_5-30B-A3B-HF", "internvl3_5-30b-a3b-hf"]),
        ("OpenGVLab/InternVL3_5-241B-A28B", "internvl3.5", "vision", "240.7B", "28B", "unknown", None,
         ["OpenGVLab/InternVL3_5-241B-A28B-HF", "internvl3_5-241b-a28b-hf"]),
        ("OpenGVLab/InternVL2-8B-MPO", "internvl2", "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternVL-Chat-V1-1", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternVL-Chat-V1-2", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternVL-Chat-V1-2-Plus", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternVL-14B-224px", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternVL-Chat-ViT-6B-Vicuna-7B", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternVL-Chat-ViT-6B-Vicuna-13B", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/VisualPRM-8B", None, "other", "8B", None, "unknown", None, []),
        ("OpenGVLab/InternViT-300M-448px", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternViT-300M-448px-V2_5", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternViT-6B-224px", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternViT-6B-448px-V1-0", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternViT-6B-448px-V1-2", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternViT-6B-448px-V1-5", None, "vision", None, None, "unknown", None, []),
        ("OpenGVLab/InternViT-6B-448px-V2_5", None, "vision", None, None, "unknown", None, []),
    ]),
    ("qwen", QWEN25_MATH_README, [
        ("Qwen/Qwen2.5-Math-RM-72B", "qwen2.5-math", "other", None, None, "unknown",
         [("finetune", "qwen/qwen2.5-math-72b-instruct")], []),
        ("Qwen/Qwen2-Math-1.5B", None, "generation", None, None, "unknown", None, []),
        ("Qwen/Qwen2-Math-7B", None, "generation", None, None, "unknown", None, []),
        ("Qwen/Qwen2-Math-72B", None, "generation", None, None, "unknown", None, []),
        ("Qwen/Qwen2-Math-72B-Instruct", None, "generation", None, None, "unknown", None, []),
    ]),
    ("deepseek", PROVER15_README, [
        # "Pre-trained on DeepSeekMath-Base", then SFT, then RL (RLPAF); models under the DeepSeek model licence
        ("deepseek-ai/DeepSeek-Prover-V1.5-Base", None, "generation", "7B", None, "deepseek-model",
         [("finetune", "deepseek-ai/deepseek-math-7b-base")], []),
        ("deepseek-ai/DeepSeek-Prover-V1.5-SFT", None, "generation", "7B", None, "deepseek-model",
         [("finetune", "deepseek-ai/deepseek-prover-v1.5-base")], []),
        ("deepseek-ai/DeepSeek-Prover-V1.5-RL", None, "generation", "7B", None, "deepseek-model",
         [("finetune", "deepseek-ai/deepseek-prover-v1.5-sft")], []),
    ]),
    ("baai", "https://github.com/open-compass/opencompass/blob/a5acc4bba3b658f151617a3b393602110fb7a740/opencompass/configs/models/judge_llm/judgelm/hf_judgelm_7b_v1.py", [
        ("BAAI/JudgeLM-7B-v1.0", None, "other", None, None, "unknown", None, []),
    ]),
    ("baai", "https://github.com/open-compass/opencompass/blob/a5acc4bba3b658f151617a3b393602110fb7a740/opencompass/configs/models/judge_llm/judgelm/hf_judgelm_13b_v1.py", [
        ("BAAI/JudgeLM-13B-v1.0", None, "other", None, None, "unknown", None, []),
    ]),
    ("baai", "https://github.com/open-compass/opencompass/blob/a5acc4bba3b658f151617a3b393602110fb7a740/opencompass/configs/models/judge_llm/judgelm/hf_judgelm_33b_v1.py", [
        ("BAAI/JudgeLM-33B-v1.0", None, "other", None, None, "unknown", None, []),
    ]),
    ("internlm", "https://github.com/open-compass/opencompass/blob/a5acc4bba3b658f151617a3b393602110fb7a740/opencompass/configs/models/hf_internlm/lmdeploy_oreal_32b.py", [
        ("internlm/OREAL-32B", None, "generation", None, None, "unknown", None, []),
    ]),
    ("xiaomi", "https://huggingface.co/collections/XiaomiMiMo/mimo-audio", [
        ("XiaomiMiMo/MiMo-Audio-Tokenizer", None, "other", None, None, "unknown", None, []),
    ]),
    ("xiaomi", "https://huggingface.co/XiaomiMiMo/MiMo-Embodied-7B/tree/main", [
        ("XiaomiMiMo/MiMo-Embodied-7B", None, "vision", None, None, "mit", None, []),
    ]),
    ("xiaomi", "https://huggingface.co/collections/XiaomiMiMo/mimo-v25", [
        ("XiaomiMiMo/MiMo-V2.5-Pro", None, "generation", None, None, "unknown", None, []),
        ("XiaomiMiMo/MiMo-V2.5-Pro-Base", None, "generation", None, None, "unknown", None, []),
        ("XiaomiMiMo/MiMo-V2.5-Base", None, "generation", None, None, "unknown", None, []),
    ]),
    ("xiaomi", "https://huggingface.co/collections/XiaomiMiMo/mimo-v26?ref=prmpt.ru", [
        ("XiaomiMiMo/MiMo-V2.6-Pro-RL", None, "generation", None, None, "unknown", None, []),
        ("XiaomiMiMo/MiMo-V2.6-Flash-RL", None, "generation", None, None, "unknown", None, []),
        ("XiaomiMiMo/MiMo-V2.6-Pro-MOPD", None, "generation", None, None, "unknown", None, []),
        ("XiaomiMiMo/MiMo-V2.6-Flash-MOPD", None, "generation", None, None, "unknown", None, []),
        ("XiaomiMiMo/MiMo-V2.6-Distill-Qwen-9B", None, "vision", None, None, "unknown", None, []),
    ]),
    ("inclusionai", "https://huggingface.co/collections/inclusionAI/ling-v2", [
        ("inclusionAI/Ling-flash-2.0", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ling-flash-base-2.0", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ling-mini-base-2.0-5T", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ling-mini-base-2.0-10T", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ling-mini-base-2.0-15T", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ling-mini-base-2.0-20T", None, "generation", None, None, "unknown", None, []),
    ]),
    ("inclusionai", "https://huggingface.co/collections/inclusionAI/ring-20", [
        ("inclusionAI/Ring-1T", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ring-flash-2.0", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ring-mini-linear-2.0", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ring-flash-linear-2.0", None, "generation", None, None, "unknown", None, []),
    ]),
    ("inclusionai", "https://huggingface.co/collections/inclusionAI/ring", [
        ("inclusionAI/Ring-lite", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ring-lite-2507", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ring-lite-2506", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ring-lite-distill-preview", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ring-lite-linear-preview", None, "generation", None, None, "unknown", None, []),
    ]),
    ("inclusionai", "https://huggingface.co/collections/inclusionAI/ling", [
        ("inclusionAI/Ling-lite-1.5-2507", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ling-lite-1.5-2506", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ling-lite-1.5", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ling-lite-base-1.5", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ling-Coder-lite", None, "generation", None, None, "unknown", None, []),
        ("inclusionAI/Ling-Coder-lite-base", None, "generation", None, None, "unknown", None, []),
    ]),
    ("inclusionai", "https://huggingface.co/collections/inclusionAI/ling-30", [
        ("inclusionAI/Ling-3.0-flash-dspark", None, "generation", None, None, "unknown", None, []),
    ]),
    ("inclusionai", "https://huggingface.co/collections/inclusionAI/ling-26", [
        ("inclusionAI/Ling-2.6-1T-base", None, "generation", None, None, "unknown", None, []),
    ]),
    ("inclusionai", "https://huggingface.co/collections/inclusionAI/llada22", [
        ("inclusionAI/LLaDA2.2-flash", None, "generation", None, None, "unknown", None, []),
    ]),
    ("zhipu", "https://huggingface.co/collections/zai-org/cogvideo", [
        ("zai-org/CogVideoX-2b", None, "other", None, None, "unknown", None, []),
        ("zai-org/CogVideoX-5b", None, "other", None, None, "unknown", None, []),
        ("zai-org/CogVideoX-5b-I2V", None, "other", None, None, "unknown", None, []),
        ("zai-org/CogVideoX1.5-5B", None, "other", None, None, "unknown", None, []),
        ("zai-org/CogVideoX1.5-5B-I2V", None, "other", None, None, "unknown", None, []),
        ("zai-org/CogVideoX1.5-5B-SAT", None, "other", None, None, "unknown", None, []),
        ("zai-org/cogvlm2-llama3-caption", "cogvlm2", "vision", None, None, "unknown", None, []),
    ]),
    ("zhipu", "https://huggingface.co/collections/zai-org/cogview", [
        ("zai-org/CogView4-6B", None, "image", "6B", None, "unknown", None, []),
        ("zai-org/CogView3-Plus-3B", None, "image", "3B", None, "unknown", None, []),
    ]),
    ("zhipu", "https://huggingface.co/collections/zai-org/cogvlm2", [
        ("zai-org/cogvlm2-video-llama3-base", "cogvlm2", "vision", None, None, "unknown", None, []),
    ]),
    ("moonshot", "https://github.com/MoonshotAI/Kimi-Audio/blob/2607d515f5b7dffa1dcc7526f9f26feb48e356c4/README.md", [
        ("moonshotai/Kimi-Audio-7B", None, "speech", None, None, "unknown", None, []),
        ("moonshotai/Kimi-Audio-7B-Instruct", None, "speech", None, None, "unknown", None, []),
    ]),
    ("deepseek", "https://huggingface.co/collections/deepseek-ai/deepseekcoder-v2", [
        ("deepseek-ai/DeepSeek-Coder-V2-Instruct-0724", None, "generation", "236B", None, "unknown", None, []),
    ]),
    ("deepseek", "https://github.com/deepseek-ai/awesome-deepseek-coder", [
        ("deepseek-ai/deepseek-coder-5.7bmqa-base", None, "generation", "5.7B", None, "unknown", None, []),
    ]),
    ("openbmb", MINICPM_README, [
        ("openbmb/MiniCPM5-1B-Base", "minicpm5", "generation", None, None, "unknown", None, []),
        ("openbmb/MiniCPM5-1B-SFT", "minicpm5", "generation", None, None, "unknown", None, []),
        ("openbmb/BitCPM4-0.5B", "minicpm4", "generation", None, None, "unknown", None, []),
        ("openbmb/BitCPM4-1B", "minicpm4", "generation", None, None, "unknown", None, []),
        ("openbmb/MiniCPM4-0.5B-QAT-Int4-unquantized", "minicpm4", "generation", None, None, "unknown", None, []),
        ("openbmb/MiniCPM4-0.5B-QAT-Int4-GPTQ-format", "minicpm4", "generation", None, None, "unknown",
         [("quantization", "openbmb/minicpm4-0.5b-qat-int4-unquantized")], []),
        ("openbmb/MiniCPM4-8B-Eagle-FRSpec", "minicpm4", "other", None, None, "unknown", None, []),
        ("openbmb/MiniCPM4-8B-Eagle-FRSpec-QAT", "minicpm4", "other", None, None, "unknown", None, []),
        ("openbmb/MiniCPM4-8B-Eagle-vLLM", "minicpm4", "other", None, None, "unknown", None, []),
        ("openbmb/MiniCPM4-8B-marlin-Eagle-vLLM", "minicpm4", "other", None, None, "unknown", None, []),
        ("openbmb/MiniCPM4.1-8B-Eagle3", "minicpm4", "other", None, None, "unknown", None, []),
        ("openbmb/MiniCPM-4.1-8B-Marlin", "minicpm4", "generation", None, None, "unknown", None, []),
        ("openbmb/MiniCPM4-MCP", "minicpm4", "generation", None, None, "unknown", None, []),
        ("openbmb/MiniCPM4-Survey", "minicpm4", "generation", None, None, "unknown", None, []),
        ("openbmb/MiniCPM-SALA", None, "generation", None, None, "unknown", None, []),
    ]),
]


# --------------------------------------------------------------------------- Ollama library tags
# The Ollama library's tag list per model page, as mirrored (with each page's description) in Alpaca's
# src/ollama_models.py. A tag is recorded only where the page's description names the series and the size
# picks one model of it (library size tags are the chat/instruct builds); ambiguous pages are left out
# (qwen3:4b / 235b were re-pointed to 2507 builds; qwen3-vl and qwen3-next carry instruct and thinking;
# minicpm-v:8b and bge-large:335m name no version).
OLLAMA_SOURCE = "https://github.com/Jeffser/Alpaca/blob/d1577de0d9bd5ac07af432e5b6f69fc689e40db8/src/ollama_models.py"
OLLAMA_TAGS: dict[str, str] = {
    **{f"qwen:{s}": f"qwen/qwen1.5-{s}-chat" for s in ("32b", "110b")},
    **{f"qwen2.5-coder:{s}": f"qwen/qwen2.5-coder-{s}-instruct" for s in ("0.5b", "1.5b", "3b", "7b", "14b", "32b")},
    **{f"qwen2-math:{s}": f"qwen/qwen2-math-{s}-instruct" for s in ("1.5b", "7b", "72b")},
    **{f"qwen2.5vl:{s}": f"qwen/qwen2.5-vl-{s}-instruct" for s in ("3b", "7b", "32b", "72b")},
    **{f"qwen3:{s}": f"qwen/qwen3-{s}" for s in ("0.6b", "1.7b", "14b", "32b")},
    **{f"qwen3-embedding:{s}": f"qwen/qwen3-embedding-{s}" for s in ("0.6b", "4b", "8b")},
    "qwen3-coder:30b": "qwen/qwen3-coder-30b-a3b-instruct",
    "qwen3-coder:480b": "qwen/qwen3-coder-480b-a35b-instruct",
    **{f"qwen3.5:{s}": f"qwen/qwen3.5-{s}" for s in ("0.8b", "2b", "4b", "9b", "27b")},
    "qwen3.5:35b": "qwen/qwen3.5-35b-a3b",
    "qwen3.5:122b": "qwen/qwen3.5-122b-a10b",
    "qwen3.5:397b-cloud": "qwen/qwen3.5-397b-a17b",
    "qwen3.6:27b": "qwen/qwen3.6-27b",
    "qwen3.6:35b": "qwen/qwen3.6-35b-a3b",
    "codeqwen:7b": "qwen/codeqwen1.5-7b-chat",
    **{f"deepseek-coder:{s}": f"deepseek-ai/deepseek-coder-{s}-instruct" for s in ("1.3b", "6.7b", "33b")},
    "deepseek-coder-v2:16b": "deepseek-ai/deepseek-coder-v2-lite-instruct",
    "deepseek-coder-v2:236b": "deepseek-ai/deepseek-coder-v2-instruct",
    "deepseek-llm:7b": "deepseek-ai/deepseek-llm-7b-chat",
    "deepseek-llm:67b": "deepseek-ai/deepseek-llm-67b-chat",
    "deepseek-v2:16b": "deepseek-ai/deepseek-v2-lite-chat",
    "deepseek-v2:236b": "deepseek-ai/deepseek-v2-chat",
    "deepseek-v2.5:236b": "deepseek-ai/deepseek-v2.5",
    "deepseek-v3.2:cloud": "deepseek-ai/deepseek-v3.2",
    "deepseek-ocr:3b": "deepseek-ai/deepseek-ocr",
    **{f"yi:{s}": f"01-ai/yi-1.5-{s}-chat" for s in ("6b", "9b", "34b")},
    "yi-coder:1.5b": "01-ai/yi-coder-1.5b-chat",
    "yi-coder:9b": "01-ai/yi-coder-9b-chat",
    "codegeex4:9b": "zai-org/codegeex4-all-9b",
    "glm-4.6:cloud": "zai-org/glm-4.6",
    "glm-4.7:cloud": "zai-org/glm-4.7",
    "glm-5:cloud": "zai-org/glm-5",
    "internlm2:1.8b": "internlm/internlm2_5-1_8b-chat",
    "internlm2:7b": "internlm/internlm2_5-7b-chat",
    "internlm2:20b": "internlm/internlm2_5-20b-chat",
    "internlm2:1m": "internlm/internlm2_5-7b-chat-1m",
    "bge-m3:567m": "baai/bge-m3",
    "kimi-k2:1t-cloud": "moonshotai/kimi-k2-instruct-0905",
    "kimi-k2-thinking:cloud": "moonshotai/kimi-k2-thinking",
    "kimi-k2.5:cloud": "moonshotai/kimi-k2.5",
    "minimax-m2:cloud": "minimaxai/minimax-m2",
    "minimax-m2.1:cloud": "minimaxai/minimax-m2.1",
    "minimax-m2.5:cloud": "minimaxai/minimax-m2.5",
    "minimax-m2.7:cloud": "minimaxai/minimax-m2.7",
}


# Other spellings of records already in the knowledge base, each with the page that names it:
# (url, alias, model id). Baidu publishes every ERNIE 4.5 checkpoint twice, as <name>-PT (PyTorch)
# and <name>-Paddle (PaddlePaddle) repos of the same weights.
EXTRA_ALIASES: list[tuple[str, str, str]] = [
    ("https://huggingface.co/collections/baidu/ernie-45", "baidu/ERNIE-4.5-300B-A47B-Paddle", "baidu/ernie-4.5-300b-a47b-pt"),
    ("https://huggingface.co/collections/baidu/ernie-45", "baidu/ERNIE-4.5-300B-A47B-Base-Paddle", "baidu/ernie-4.5-300b-a47b-base-pt"),
    ("https://huggingface.co/collections/baidu/ernie-45", "baidu/ERNIE-4.5-VL-424B-A47B-Paddle", "baidu/ernie-4.5-vl-424b-a47b-pt"),
    ("https://huggingface.co/collections/baidu/ernie-45", "baidu/ERNIE-4.5-VL-424B-A47B-Base-Paddle", "baidu/ernie-4.5-vl-424b-a47b-base-pt"),
    ("https://huggingface.co/collections/baidu/ernie-45", "baidu/ERNIE-4.5-VL-28B-A3B-Base-Paddle", "baidu/ernie-4.5-vl-28b-a3b-base-pt"),
    ("https://huggingface.co/models?other=ernie4_5", "baidu/ERNIE-4.5-0.3B-Paddle", "baidu/ernie-4.5-0.3b-pt"),
    ("https://huggingface.co/models?other=ernie4_5", "baidu/ERNIE-4.5-0.3B-Base-Paddle", "baidu/ernie-4.5-0.3b-base-pt"),
]


# New families (publisher -> list). Patterns are left empty: API names are matched as exact aliases.
NEW_FAMILIES: dict[str, list[dict[str, Any]]] = {
    "iflytek": [{"id": "spark-api", "name": "iFlytek Spark (API)", "role": "generation",
                 "url": LOBE.format(commit="69dac2fc6eee255bca177ef6acc31e31b2a10946", name="spark")}],
    "baichuan": [{"id": "baichuan-api", "name": "Baichuan API models", "role": "generation",
                  "url": LOBE.format(commit="33e0426bf72dc65a3685de060740cc9d2f347780", name="baichuan")}],
    "stepfun": [{"id": "step-api", "name": "StepFun Step API models", "role": "generation",
                 "url": LOBE.format(commit="115e0d5d87271cc3ebea7523288f2dfb109df4a4", name="stepfun")}],
    "01-ai": [{"id": "yi-api", "name": "01.AI Yi API models", "role": "generation",
               "url": LOBE.format(commit="15bc2cc2e25337045dffa688cfc6528b1bc3690d", name="zeroone")}],
}


# --------------------------------------------------------------------------- helpers
def git_show(repo: Path, commit: str, path: str) -> str | None:
    proc = subprocess.run(["git", "--git-dir", str(repo), "show", f"{commit}:{path}"],
                          capture_output=True, text=True, check=False)
    return proc.stdout if proc.returncode == 0 and proc.stdout.strip() else None


def _specs(family: dict[str, Any]) -> Iterable[dict[str, Any]]:
    yield from family.get("model_specs") or [family]


def _expand(model_id: str, quants: list[str]) -> list[str]:
    if "{quantization}" not in model_id:
        return [model_id]
    return [model_id.replace("{quantization}", q) for q in quants
            if re.fullmatch(r"[\w.-]+", q) and q.lower() != "none"]


def xinference_rows(repo: Path) -> dict[str, dict[str, Any]]:
    """hf id -> {hf, ms: set, formats: set, kind, url} for repos of the covered orgs."""
    rows: dict[str, dict[str, Any]] = {}
    for commit in XF_COMMITS:
        full = subprocess.run(["git", "--git-dir", str(repo), "rev-parse", commit],
                              capture_output=True, text=True, check=True).stdout.strip()
        for kind, (path, ms_path) in XF_FILES.items():
            text = git_show(repo, full, path)
            if not text:
                continue
            url = f"https://github.com/xorbitsai/inference/blob/{full}/{path}"
            old_ms: dict[tuple[Any, ...], str] = {}
            ms_text = git_show(repo, full, ms_path) if ms_path else None
            for fam in json.loads(ms_text) if ms_text else []:
                for s in _specs(fam):
                    ms_key: tuple[Any, ...] = (fam.get("model_name"), s.get("model_format"),
                                               str(s.get("model_size_in_billions")), tuple(s.get("quantizations") or []))
                    if s.get("model_id"):
                        old_ms.setdefault(ms_key, str(s["model_id"]))
            for fam in json.loads(text):
                for s in _specs(fam):
                    src = s.get("model_src")
                    if src:
                        hf_src, ms_src = src.get("huggingface") or {}, src.get("modelscope") or {}
                        hf_id, quants = hf_src.get("model_id"), hf_src.get("quantizations") or []
                        ms_id = ms_src.get("model_id")
                        ms_quants = ms_src.get("quantizations") or []
                    else:
                        if s.get("model_hub", "huggingface") != "huggingface":
                            continue
                        hf_id, quants = s.get("model_id"), s.get("quantizations") or []
                        key = (fam.get("model_name"), s.get("model_format"), str(s.get("model_size_in_billions")),
                               tuple(quants))
                        ms_id, ms_quants = old_ms.get(key), quants
                    if not hf_id or "/" not in hf_id:
                        continue
                    hf_ids = _expand(hf_id, quants)
                    ms_ids = _expand(ms_id, ms_quants) if ms_id else []
                    for h in hf_ids:
                        org = h.split("/")[0].lower()
                        if org not in ORG_PUBLISHER or h.lower() in XF_DOUBTFUL:
                            continue
                        row = rows.setdefault(h, {"hf": h, "ms": set(), "formats": set(), "kind": kind, "url": url})
                        row["formats"].add(str(s.get("model_format")))
                        name = h.split("/")[1].lower()
                        for m in ms_ids:
                            morg, _, mname = m.partition("/")
                            if mname.lower() == name and morg.lower() in MODELSCOPE_ORGS:
                                row["ms"].add(m)
    return rows


def swift_rows(repo: Path) -> dict[str, dict[str, Any]]:
    """hf id -> {hf, ms: set, formats, kind, url} from ms-swift's model registry."""
    rows: dict[str, dict[str, Any]] = {}
    listing = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "--name-only", f"{SWIFT_COMMIT}:{SWIFT_DIR}"],
                             capture_output=True, text=True, check=True).stdout.split()
    for name in sorted(listing):
        if not name.endswith(".py"):
            continue
        path = f"{SWIFT_DIR}/{name}"
        text = git_show(repo, SWIFT_COMMIT, path) or ""
        url = f"https://github.com/modelscope/ms-swift/blob/{SWIFT_COMMIT}/{path}"
        for ms_raw, hf_raw in SWIFT_MODEL.findall(text):
            ms = None if ms_raw in ("None", "") else ms_raw.strip("'\"")
            hf = None if hf_raw in ("None", "") else hf_raw.strip("'\"")
            if not hf or ":" in hf or hf.count("/") != 1 or hf.split("/")[0].lower() not in ORG_PUBLISHER:
                continue
            row = rows.setdefault(hf, {"hf": hf, "ms": set(), "formats": set(), "kind": "llm", "url": url})
            if ms and ":" not in ms and ms.count("/") == 1 and ms.split("/")[0].lower() in MODELSCOPE_ORGS:
                row["ms"].add(ms)
    return rows


def llamafactory_rows(repo: Path) -> dict[str, dict[str, Any]]:
    """hf id -> {hf, ms: set, formats, kind, url} from LLaMA-Factory's supported-model table."""
    rows: dict[str, dict[str, Any]] = {}
    text = git_show(repo, LLAMAFACTORY_COMMIT, LLAMAFACTORY_PATH) or ""
    url = f"https://github.com/hiyouga/LLaMA-Factory/blob/{LLAMAFACTORY_COMMIT}/{LLAMAFACTORY_PATH}"
    for body in re.findall(r'"[^"]+":\s*\{([^{}]*)\}', text):
        hubs = dict(re.findall(r'DownloadSource\.(\w+):\s*"([^"]+)"', body))
        hf, ms = hubs.get("DEFAULT"), hubs.get("MODELSCOPE")
        if not hf or hf.count("/") != 1 or hf.split("/")[0].lower() not in ORG_PUBLISHER:
            continue
        row = rows.setdefault(hf, {"hf": hf, "ms": set(), "formats": set(), "kind": "llm", "url": url})
        if ms and ms.count("/") == 1 and ms.split("/")[0].lower() in MODELSCOPE_ORGS \
                and ms.split("/")[1].lower() == hf.split("/")[1].lower():
            row["ms"].add(ms)
    return rows


def load_kb() -> tuple[dict[str, dict[str, Any]], dict[str, str], set[str]]:
    """models by id, hf(lower) -> id, and every claimed name (ids, hf ids, aliases), lowercased."""
    models: dict[str, dict[str, Any]] = {}
    by_hf: dict[str, str] = {}
    names: set[str] = set()
    for path in sorted(PUB_DIR.glob("*.yaml")):
        doc = yaml.safe_load(strip_generated(path.read_text(encoding="utf-8"))) or {}
        pub = (doc.get("publisher") or {}).get("id")
        for m in doc.get("models") or []:
            m = dict(m, _publisher=pub)
            models[m["id"]] = m
            names.add(m["id"].lower())
            if m.get("hf"):
                by_hf[m["hf"].lower()] = m["id"]
                names.add(m["hf"].lower())
            names.update(str(a).lower() for a in m.get("aliases") or [])
    return models, by_hf, names


def strip_generated(text: str) -> str:
    return re.sub(rf"\n?[ \t]*{re.escape(BEGIN)}.*?{re.escape(END)}[^\n]*", "", text, flags=re.S)


def q(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def flow(items: Iterable[Any]) -> str:
    out = []
    for it in items:
        s = str(it)
        out.append(s if re.fullmatch(r"[A-Za-z0-9][\w./+-]*", s) and not re.fullmatch(r"[\d.]+", s) else q(s))
    return "[" + ", ".join(out) + "]"


def render_model(m: dict[str, Any]) -> str:
    lines = [f"- id: {m['id']}", f"  name: {q(m['name'])}", f"  family: {m.get('family') or 'null'}",
             f"  hf: {m['hf'] if m.get('hf') else 'null'}", f"  aliases: {flow(m.get('aliases') or [])}",
             f"  params: {q(m['params']) if m.get('params') else 'null'}",
             f"  active_params: {q(m['active_params']) if m.get('active_params') else 'null'}",
             f"  role: {m['role']}"]
    if m.get("modality"):
        lines.append(f"  modality: {flow(m['modality'])}")
    lines += [f"  context: {m['context'] if m.get('context') else 'null'}",
              f"  released: {m.get('released') or 'null'}",
              f"  open_weights: {'true' if m['open_weights'] else 'false'}",
              f"  license: {m['license']}"]
    if m.get("lineage"):
        lines.append(f"  lineage: {m['lineage']}")  # an API-only model: lineage undisclosed (kb_api_lineage.py)
    elif "base" in m:
        if m["base"]:
            lines.append("  base:")
            for b in m["base"]:
                lines.append(f"  - {{relation: {b['relation']}, model: {b['model']}}}")
        else:
            lines.append("  base: []")
    lines.append("  teacher: []")
    if m.get("note"):
        lines.append(f"  note: {q(m['note'])}")
    lines.append("  sources:")
    for s in m["sources"]:
        if s.get("covers"):
            lines += [f"  - url: {q(s['url'])}", f"    as_of: {AS_OF}", f"    covers: {flow(s['covers'])}"]
        else:
            lines.append(f"  - {{url: {q(s['url'])}, as_of: {AS_OF}}}")
    return "\n".join(lines)


def render_family(f: dict[str, Any]) -> str:
    return "\n".join([f"- id: {f['id']}", f"  name: {q(f['name'])}", "  released: null",
                      "  open_weights: false", "  license: proprietary", f"  role: {f['role']}",
                      "  patterns: []", "  sources:", f"  - {{url: {q(f['url'])}, as_of: {AS_OF}}}"])


# --------------------------------------------------------------------------- record builders
def canonical_id(hf: str) -> str:
    """THUDM renamed its Hub org to zai-org; the knowledge base ids Zhipu's repos as zai-org/<name>."""
    org, _, name = hf.partition("/")
    return f"zai-org/{name.lower()}" if org.lower() == "thudm" else hf.lower()


def merge_renamed_orgs(rows: dict[str, dict[str, Any]]) -> None:
    """One row per Zhipu repo: a zai-org/X row folds into THUDM/X (same weights, renamed org)."""
    thudm = {h.split("/")[1].lower(): h for h in rows if h.lower().startswith("thudm/")}
    for h in [h for h in rows if h.lower().startswith("zai-org/")]:
        other = thudm.get(h.split("/")[1].lower())
        if other:
            rows[other]["ms"] |= rows[h]["ms"]
            del rows[h]


def quantized_record(hf: str, parent: dict[str, Any], url: str, ms: Iterable[str], fmt: str) -> dict[str, Any]:
    fields = ["license", "params", "active_params", "role", "modality", "context"]
    inherited: list[dict[str, Any]] = []
    for src in parent.get("sources") or []:
        if not isinstance(src, dict) or not src.get("url"):
            continue
        covers = [f for f in fields if f in (src.get("covers") or fields)]
        if covers and src["url"] not in {i["url"] for i in inherited}:
            inherited.append({"url": src["url"], "covers": covers})
    return {
        "id": canonical_id(hf), "name": hf.split("/")[1], "family": parent.get("family"), "hf": hf,
        "aliases": sorted(set(ms), key=str.lower), "params": parent.get("params"),
        "active_params": parent.get("active_params"), "role": parent.get("role") or "generation",
        "modality": parent.get("modality"), "context": parent.get("context"), "released": None,
        "open_weights": True, "license": parent.get("license") or "unknown",
        "base": [{"relation": "quantization", "model": parent["id"]}],
        "note": f"the lab's own {fmt} packaging of {parent['name']}; licence and size as the unquantized model",
        "sources": [{"url": url}, *inherited],
    }


ROLE_WORDS = (
    ("speech", r"asr|tts|audio"),
    ("embedding", r"embed|gte-|gte_"),
    ("rerank", r"rerank"),
    ("vision", r"ocr|-vl|vl-|internvl|internvit|xcomposer|emu3|cogagent|glyph|autoglm|minicpm-v"),
    ("other", r"guard|prm|-rm-"),
)


def role_from_name(hf: str) -> str:
    """The role a repo's own name states (ASR, TTS, OCR, VL, embedding, guard, reward); else generation."""
    name = hf.split("/")[1].lower()
    for role, words in ROLE_WORDS:
        if re.search(words, name):
            return role
    return "generation"


def plain_record(hf: str, row: dict[str, Any]) -> dict[str, Any]:
    role = {"embedding": "embedding", "rerank": "rerank"}.get(row["kind"]) or role_from_name(hf)
    return {
        "id": canonical_id(hf), "name": hf.split("/")[1], "family": None, "hf": hf,
        "aliases": sorted(row["ms"], key=str.lower), "params": None, "active_params": None, "role": role or None,
        "modality": None, "context": None, "released": None, "open_weights": True, "license": "unknown",
        "sources": [{"url": row["url"]}],
    }


def parent_of(hf: str, models: dict[str, dict[str, Any]], by_hf: dict[str, str]) -> tuple[str | None, str]:
    name = hf
    m = QWEN_MLX_SUFFIX.search(name)
    if m:
        return by_hf.get(name[: m.start()].lower()) or models.get(name[: m.start()].lower(), {}).get("id"), "MLX"
    m = QUANT_SUFFIX.search(name)
    if not m:
        return None, ""
    stem = name[: m.start()].lower()
    cid = canonical_id(stem)
    return (by_hf.get(stem) or (cid if cid in models else None)), m.group(1)


# publisher -> model id -> URL of a source that covers aliases added to a hand-written record
source_adds: dict[str, dict[str, list[str]]] = {}


def build(xf_repo: Path | None, swift_repo: Path | None = None, lf_repo: Path | None = None) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, list[str]]]]:
    models, by_hf, names = load_kb()
    out: dict[str, list[dict[str, Any]]] = {}
    alias_adds: dict[str, dict[str, list[str]]] = {}  # publisher -> model id -> aliases to add
    source_adds.clear()
    new_ids: set[str] = set()

    def add(pub: str, rec: dict[str, Any]) -> None:
        rid = rec["id"]
        if rid in new_ids or rid in models or (rec.get("hf") and rec["hf"].lower() in by_hf):
            return
        rec["aliases"] = [a for a in rec.get("aliases") or [] if a.lower() not in names and a.lower() != rid]
        names.update(a.lower() for a in rec["aliases"])
        names.add(rid)
        new_ids.add(rid)
        models[rid] = dict(rec, _publisher=pub, _generated=True)
        if rec.get("hf"):
            by_hf[rec["hf"].lower()] = rid
            names.add(rec["hf"].lower())
        out.setdefault(pub, []).append(rec)

    # 1. Qwen's documented quantized variants.
    for url, (tmpl, sizes, suffixes) in QWEN_DOC_QUANTS.items():
        for size in sizes:
            base_name = tmpl.format(size=size)
            parent = by_hf.get(f"qwen/{base_name}".lower())
            if not parent:
                continue
            for suf in suffixes:
                hf = f"Qwen/{base_name}-{suf}"
                add("qwen", quantized_record(hf, models[parent], url, [], suf))
    for url, name in sorted(QWEN_DOC_QUANTS_EXTRA):
        hf = f"Qwen/{name}"
        pid, fmt = parent_of(hf, models, by_hf)
        if pid:
            add("qwen", quantized_record(hf, models[pid], url, [], fmt))

    # 2. Repos named in the labs' READMEs (before the registries, so their aliases are claimed first).
    for publisher, url, rows_ in README_MODELS:
        for hf, family, role, params, active, lic, base, aliases in rows_:
            rec: dict[str, Any] = {
                "id": canonical_id(hf), "name": hf.split("/")[1], "family": family, "hf": hf,
                "aliases": aliases, "params": params, "active_params": active, "role": role, "modality": None,
                "context": None, "released": None, "open_weights": True, "license": lic,
                "sources": [{"url": url}],
            }
            if base is not None:
                rec["base"] = [{"relation": rel, "model": model} for rel, model in base]
            add(publisher, rec)

    # 3. The Xinference and ms-swift registries.
    rows: dict[str, dict[str, Any]] = {}
    if xf_repo is not None:
        rows.update(xinference_rows(xf_repo))
    for reader, repo in ((swift_rows, swift_repo), (llamafactory_rows, lf_repo)):
        if repo is None:
            continue
        for hf, row in reader(repo).items():
            if hf.lower() in XF_DOUBTFUL or hf.lower() in REGISTRY_DOUBTFUL:
                continue
            if hf in rows:
                rows[hf]["ms"] |= row["ms"]
            else:
                rows[hf] = row
    for hf in [h for h in rows if h.lower() in REGISTRY_DOUBTFUL]:
        del rows[hf]
    if rows:
        merge_renamed_orgs(rows)
        for hf, row in sorted(rows.items(), key=lambda kv: kv[0].lower()):
            pub = ORG_PUBLISHER[hf.split("/")[0].lower()]
            existing = by_hf.get(hf.lower()) or (canonical_id(hf) if canonical_id(hf) in models else None)
            layout = re.sub(r"-hf$", "", hf, flags=re.IGNORECASE)
            if not existing and layout != hf and by_hf.get(layout.lower()) and hf.lower() not in names:
                # the transformers-layout copy of a checkpoint already recorded: an alias of it
                row["ms"] = {*row["ms"], hf}
                existing = by_hf[layout.lower()]
            if existing:
                missing = [a for a in sorted(row["ms"]) if a.lower() not in names]
                if missing and models[existing].get("_generated"):
                    rec_out = next(r for r in out[models[existing]["_publisher"]] if r["id"] == existing)
                    rec_out["aliases"] = [*rec_out.get("aliases", []), *missing]
                elif missing:
                    alias_adds.setdefault(models[existing]["_publisher"], {}).setdefault(existing, []).extend(missing)
                names.update(a.lower() for a in missing)
                continue
            if hf.lower() in names:
                continue  # already claimed as another record's alias (e.g. a transformers-layout copy)
            pid, fmt = parent_of(hf, models, by_hf)
            if pid:
                add(pub, quantized_record(hf, models[pid], row["url"], row["ms"], fmt))
            elif not (QUANT_SUFFIX.search(hf) or row["formats"] & QUANT_FORMATS - {"pytorch"}):
                add(pub, plain_record(hf, row))
            else:
                print(f"skip (quantized, parent not in KB): {hf}", file=sys.stderr)
        # a quantized repo whose parent was itself added above
        models2 = dict(models)
        for recs in out.values():
            for r in recs:
                models2[r["id"]] = r
        by_hf2 = dict(by_hf, **{r["hf"].lower(): r["id"] for recs in out.values() for r in recs if r.get("hf")})
        for hf, row in sorted(rows.items(), key=lambda kv: kv[0].lower()):
            if hf.lower() in by_hf2 or canonical_id(hf) in models2:
                continue
            pid, fmt = parent_of(hf, models2, by_hf2)
            if pid:
                add(ORG_PUBLISHER[hf.split("/")[0].lower()], quantized_record(hf, models2[pid], row["url"], row["ms"], fmt))

    # 3b. Quantized repos named in READMEs and collections (their parents may come from the registries).
    models_now = dict(models, **{r["id"]: r for recs in out.values() for r in recs})
    by_hf_now = dict(by_hf, **{r["hf"].lower(): r["id"] for recs in out.values() for r in recs if r.get("hf")})
    for url, entry in README_QUANTS:
        hf, _, explicit = entry.partition("|")
        pid, fmt = parent_of(hf, models_now, by_hf_now)
        if explicit:
            pid, fmt = explicit, re.sub(r"^.*-A\d+B-", "", hf.split("/")[1].removesuffix("-Paddle"))
        if pid:
            add(ORG_PUBLISHER[hf.split("/")[0].lower()], quantized_record(hf, models_now[pid], url, [], fmt))
        else:
            print(f"skip (README quantized, parent not in KB): {hf}", file=sys.stderr)
    # 4. API-only names.
    for table in API_TABLES:
        for name_id, display, role, modality, context, aliases in table["models"]:
            rec = {
                "id": f"{table['publisher']}/{name_id.lower()}", "name": display, "family": table["family"],
                "hf": None, "aliases": aliases, "params": None, "active_params": None, "role": role,
                "modality": modality, "context": context, "released": None, "open_weights": False,
                "license": "proprietary", "lineage": "undisclosed", "sources": [{"url": table["url"]}],
            }
            add(table["publisher"], rec)
    # 5. Ollama tags and other spellings: aliases of the model they name (cited with covers: [aliases]).
    for src_url, tag, mid in [*((OLLAMA_SOURCE, t, m) for t, m in OLLAMA_TAGS.items()), *EXTRA_ALIASES]:
        if tag.lower() in names:
            continue
        target = models.get(mid)
        if target is None:
            print(f"skip Ollama tag {tag}: {mid} not in the knowledge base", file=sys.stderr)
            continue
        names.add(tag.lower())
        if target.get("_generated"):
            rec_out = next(r for r in out[target["_publisher"]] if r["id"] == mid)
            rec_out["aliases"] = [*rec_out.get("aliases", []), tag]
            if not any(src.get("url") == src_url for src in rec_out["sources"]):
                rec_out["sources"].append({"url": src_url, "covers": ["aliases"]})
        else:
            alias_adds.setdefault(target["_publisher"], {}).setdefault(mid, []).append(tag)
            source_adds.setdefault(target["_publisher"], {}).setdefault(mid, []).append(src_url)
    return out, alias_adds


# --------------------------------------------------------------------------- writing
def write(out: dict[str, list[dict[str, Any]]], alias_adds: dict[str, dict[str, list[str]]]) -> None:
    pubs = set(out) | set(alias_adds) | set(NEW_FAMILIES)
    for pub in sorted(pubs):
        path = PUB_DIR / f"{pub}.yaml"
        if not path.exists():
            raise SystemExit(f"{path}: publisher file missing (write its publisher block by hand first)")
        text = strip_generated(path.read_text(encoding="utf-8")).rstrip("\n") + "\n"
        for mid, extra in (alias_adds.get(pub) or {}).items():
            text = add_aliases(text, mid, extra)
        for mid, urls in (source_adds.get(pub) or {}).items():
            for url in dict.fromkeys(urls):
                text = add_alias_source(text, mid, url)
        fams = NEW_FAMILIES.get(pub) or []
        if fams and re.search(r"^models:", text, flags=re.M):
            block = indented("\n".join([BEGIN, *[render_family(f) for f in fams], END]), list_indent(text, "families"))
            at = re.search(r"^models:", text, flags=re.M)
            if at:
                text = text[: at.start()] + block + "\n" + text[at.start():]
        recs = out.get(pub) or []
        if recs:
            if not re.search(r"^models:", text, flags=re.M):
                text += "models:\n"
            body = "\n".join([BEGIN, *[render_model(r) for r in recs], END])
            text += indented(body, list_indent(text, "models")) + "\n"
        path.write_text(text, encoding="utf-8")
        print(f"{pub}: {len(recs)} records, {sum(len(v) for v in (alias_adds.get(pub) or {}).values())} aliases added")


def list_indent(text: str, section: str) -> str:
    """The indentation of the list items under a top-level key (files differ: 0 or 2 spaces)."""
    head = re.search(rf"^{section}:[ \t]*\n", text, flags=re.M)
    if not head:
        return ""
    first = re.search(r"^( *)- id:", text[head.end():], flags=re.M)
    return first.group(1) if first else ""


def indented(block: str, indent: str) -> str:
    return "\n".join(indent + line if line else line for line in block.split("\n"))


def add_alias_source(text: str, mid: str, url: str) -> str:
    """Cite ``url`` for the aliases of hand-written record ``mid`` (once)."""
    head = re.search(rf"^( *)- id: {re.escape(mid)}\n", text, flags=re.M)
    if not head:
        print(f"warning: no record {mid} to cite {url} on", file=sys.stderr)
        return text
    ind = head.group(1)
    nxt = re.search(rf"^{ind}- id: ", text[head.end():], flags=re.M)
    end = head.end() + (nxt.start() if nxt else len(text) - head.end())
    block = text[head.start():end]
    if url in block:
        return text
    src = re.search(rf"^{ind}  sources:\n(( *)- )", block, flags=re.M)
    if not src:
        print(f"warning: no sources list in {mid}", file=sys.stderr)
        return text
    line = f"{src.group(2)}- {{url: {q(url)}, as_of: {AS_OF}, covers: [aliases]}}\n"
    at = head.start() + src.start(1)
    return text[:at] + line + text[at:]


def add_aliases(text: str, mid: str, extra: list[str]) -> str:
    pattern = re.compile(rf"(^( *)- id: {re.escape(mid)}\n(?:\2  .*\n)*?\2  aliases: )\[(.*?)\]", re.M)
    m = pattern.search(text)
    if not m:
        print(f"warning: no flow-style aliases line for {mid}", file=sys.stderr)
        return text
    current = [a.strip().strip("'\"") for a in m.group(3).split(",") if a.strip()]
    merged = current + [a for a in extra if a.lower() not in {c.lower() for c in current}]
    return text[: m.start()] + m.group(1) + flow(merged) + text[m.end():]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xinference", type=Path, help="git dir of a xorbitsai/inference snapshot")
    ap.add_argument("--swift", type=Path, help="git dir of a modelscope/ms-swift snapshot")
    ap.add_argument("--llamafactory", type=Path, help="git dir of a hiyouga/LLaMA-Factory snapshot")
    args = ap.parse_args(argv)
    out, alias_adds = build(args.xinference, args.swift, args.llamafactory)
    write(out, alias_adds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
