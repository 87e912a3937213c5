"""Generate knowledge-base records for publishers outside the Chinese labs from structured registries
(issue 11, item 5).

Sources, each read at a pinned commit from a local git snapshot (``fetch``), never imported or run:

* Xinference (xorbitsai/inference): ``xinference/model/{llm,embedding,rerank,image,audio,video}``
  JSON registries. Each spec names a Hub repo (``model_id``), its format (pytorch, awq, gptq,
  ggufv2, mlx, fp8, ...) and its size inside a model family; most also name the ModelScope repo;
* ms-swift (modelscope/ms-swift): ``Model(<ModelScope id>, <Hub id>)`` pairs in its model registry
  (v3+ layout ``swift/model/models/*.py``, v3 ``swift/llm/model/model/*.py``) and the
  ``register_model(..., hf_model_id=...)`` calls of v2 (``swift/llm/utils/model.py``);
* LLaMA-Factory (hiyouga/LLaMA-Factory): ``DownloadSource.DEFAULT`` / ``MODELSCOPE`` pairs in
  ``src/llamafactory/extras/constants.py``;
* vLLM's test registry (``tests/models/registry.py``, read at a pinned commit through the code index; the
  example repos are tabled in VLLM_MODELS below) and its supported-models page (VLLM_DOC_MODELS);
* unsloth's model mapper (unslothai/unsloth ``unsloth/models/mapper.py``, parsed with ``ast``): each of its
  4-bit / FP8 / 16-bit repos with the original repo it maps to, taken only where the repo name is the
  original's (quantization suffix aside); and OpenCompass model configs (``configs/models/**.py``,
  ``path='<org>/<repo>'``). Their records go in a block of their own (BEGIN_DERIVED / END_DERIVED);
* two PyPI wheels, opened as zip files and read as data: LiteLLM's model table (first-party API model names,
  as API-only records) and the transformers configuration files (the reference checkpoint each one links).

What is recorded, and only that (licences, bases and sizes are never guessed):

* the repo's existence, Hub id, ModelScope spelling (as an alias when the ModelScope repo name is
  the same and the ModelScope org is the publisher's or ModelScope's own mirror account), a role
  from the registry kind (embedding, rerank, image, audio) or from the repo name;
* ``license: unknown`` and no ``base`` (unknown) for an unquantized repo, EXCEPT that an
  instruction/chat repo gets ``base: finetune`` of its pretrained sibling when the SAME registry
  file lists both and the publisher's naming makes it explicit (``X-it`` / ``X-Instruct`` /
  ``X-chat`` next to ``X``; Llama 2's ``X-chat-hf`` next to ``X-hf``);
* a quantized repo (AWQ/GPTQ/GGUF/MLX/FP8/bnb...) whose unquantized parent is in the knowledge base:
  ``base: quantization`` of that parent, with the parent's licence, size, role and context (cited
  through the parent's own sources). The parent is found either by the publisher's own naming
  (``<parent>-AWQ``) or, for third-party quantizers, by Xinference listing the repo in the same
  family and size as exactly one unquantized repo whose name it extends.

Output goes between ``# BEGIN generated (kb_registries)`` / ``# END generated (kb_registries)``
markers at the end of each publisher file, so a rerun replaces its own output and leaves
hand-written records (and other generators' blocks) alone. Publisher files named in NEW_PUBLISHERS
are created once with their header; an org no publisher claims is skipped and listed on stderr.

    pip download --no-deps litellm==1.110.2 transformers==4.57.1 -d /tmp/wheels
    pip download --no-deps transformers==5.25.0 -d /tmp/wheels
    python3 scripts/kb_registries.py --xinference DIR --swift DIR --llamafactory DIR \
        --litellm-wheel /tmp/wheels/litellm-1.110.2-*.whl --transformers-wheel /tmp/wheels/transformers-4.57.1-*.whl \
        --transformers-wheel /tmp/wheels/transformers-5.25.0-*.whl \
        --unsloth DIR --opencompass DIR

(DIR: the git directory of a ``fetch``ed snapshot; the commits read are pinned below.)
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kb_cn_labs as cn  # shared rendering helpers; its own records are not touched

ROOT = Path(__file__).resolve().parents[1]
PUB_DIR = ROOT / "src" / "modelmap" / "knowledge" / "data" / "publishers"
AS_OF = "2026-12-03"
BEGIN = "# BEGIN generated (kb_registries)"
END = "# END generated (kb_registries)"
# Records from the derivative lists (unsloth's model mapper, OpenCompass model configs) go in a block of their own.
BEGIN_DERIVED = "# BEGIN generated (kb_registries: derivative lists)"
END_DERIVED = "# END generated (kb_registries: derivative lists)"

XF_REPO = "https://github.com/xorbitsai/inference"
# Xinference snapshots read, newest first (a repo is cited at the newest commit that lists it).
XF_COMMITS = (
    "7ecec16b6",
    "b9734447dbd07d117232f3ae91955e3b0ea7b60b",
    "41d5a0f49be3212f3c0d759216a5b667afdc5c15",
    "8f92d045d1ee13cbeb059115409210fb604b7660",
    "a3c20630c52c2b9de739d8a657e8558f1cb84b84",
    "1598c238f4e4e3e71a5833b24f22087a4c9962cf",
    "d2a11960ff9d796efae4ccbbe60ad6d091422796",
    "f7e088dde46c641a0323e619954c385966af176f",
    "3516dd48f3a17cfabb617a08bef3c7bbbc283de6",
    "82ed561565766c101e4da86da7bcb1ca7f98786b",
)
# registry kind -> (spec file, ModelScope spec file of old layouts or None)
XF_FILES = {
    "llm": ("xinference/model/llm/llm_family.json", "xinference/model/llm/llm_family_modelscope.json"),
    "embedding": ("xinference/model/embedding/model_spec.json", "xinference/model/embedding/model_spec_modelscope.json"),
    "rerank": ("xinference/model/rerank/model_spec.json", "xinference/model/rerank/model_spec_modelscope.json"),
    "image": ("xinference/model/image/model_spec.json", "xinference/model/image/model_spec_modelscope.json"),
    "audio": ("xinference/model/audio/model_spec.json", "xinference/model/audio/model_spec_modelscope.json"),
    "video": ("xinference/model/video/model_spec.json", "xinference/model/video/model_spec_modelscope.json"),
}
KIND_ROLE = {"embedding": "embedding", "rerank": "rerank", "image": "image", "audio": "speech", "video": "other",
             "vision": "vision", "speech": "speech", "other": "other"}

SWIFT_REPO = "https://github.com/modelscope/ms-swift"
# (commit, directory or file): the three layouts of ms-swift's registry
SWIFT_SOURCES = (
    ("3602360a562313afbf2ef6065fdf61f271a2c5b9", "swift/model/models"),
    ("dfaf7e1f5f13df2cf34479ca99c5c38717f62ff6", "swift/llm/model/model"),
    ("d2b45ec8c6acbfc126f784f3781aac31db1c297a", "swift/llm/utils/model.py"),
)
SWIFT_V2_CALL = re.compile(r"\s*ModelType\.\w+,\s*'([^']+)'")
SWIFT_V2_HF = re.compile(r"hf_model_id\s*=\s*'([^']+)'")

LF_REPO = "https://github.com/hiyouga/LLaMA-Factory"
LF_COMMIT = "ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30"
LF_PATH = "src/llamafactory/extras/constants.py"

# vLLM's test registry (vllm-project/vllm tests/models/registry.py): the example Hub repo (and extras) of each
# supported architecture, read at the pinned commit through the code index. Test-only repos (tiny/random/dummy
# checkpoints, speculative-decoding heads) are left out; orgs no publisher claims are skipped by build().
VLLM_URL = ("https://github.com/vllm-project/vllm/blob/0008d3565e9e73f132383fc09ce4b98e396eaed4/"
            "tests/models/registry.py")
VLLM_MODELS: dict[str, tuple[str, ...]] = {
    "llm": (
        "arcee-ai/Trinity-Nano-Preview", "swiss-ai/Apertus-8B-Instruct-2509", "arcee-ai/AFM-4.5B-Base",
        "Snowflake/snowflake-arctic-instruct", "skt/A.X-K1", "bigscience/bloom-560m", "bigscience/bloomz-1b1",
        "CohereLabs/c4ai-command-r-v01", "CohereLabs/c4ai-command-r7b-12-2024", "facebook/cwm",
        "databricks/dbrx-instruct", "nvidia/Llama-3_3-Nemotron-Super-49B-v1", "LGAI-EXAONE/EXAONE-3.0-7.8B-Instruct",
        "LGAI-EXAONE/EXAONE-4.0-32B", "LGAI-EXAONE/K-EXAONE-236B-A23B", "tiiuae/falcon-7b", "tiiuae/Falcon-H1-0.5B-Base",
        "allenai/Flex-reddit-2x7B-1T", "google/gemma-1.1-2b-it", "google/gemma-2-9b", "google/gemma-2-2b-it",
        "google/gemma-3-1b-it", "google/gemma-3n-E2B-it", "openai-community/gpt2", "bigcode/starcoder",
        "bigcode/gpt_bigcode-santacoder", "EleutherAI/gpt-j-6b", "EleutherAI/pythia-70m", "EleutherAI/pythia-1.4b",
        "lmsys/gpt-oss-20b-bf16", "openai/gpt-oss-20b", "openai/gpt-oss-120b", "ibm/PowerLM-3b", "ibm/PowerMoE-3b",
        "ibm-granite/granite-4.0-tiny-preview", "hpcai-tech/grok-1", "xai-org/grok-2",
        "IQuestLab/IQuest-Coder-V1-40B-Instruct", "IQuestLab/IQuest-Coder-V1-40B-Loop-Instruct",
        "inceptionai/jais-13b-chat", "inceptionai/Jais-2-8B-Chat", "ai21labs/AI21-Jamba-1.5-Mini", "LiquidAI/LFM2-1.2B",
        "LiquidAI/LFM2-8B-A1B", "meta-llama/Llama-3.2-1B-Instruct", "meta-llama/Llama-Guard-3-1B",
        "NousResearch/Hermes-3-Llama-3.1-8B", "RedHatAI/Meta-Llama-3.1-8B-Instruct-FP8",
        "meta-llama/Llama-4-Scout-17B-16E-Instruct", "state-spaces/mamba-130m-hf", "mistralai/Mamba-Codestral-7B-v0.1",
        "tiiuae/falcon-mamba-7b-instruct", "mistralai/Mistral-7B-Instruct-v0.1",
        "mistralai/Mistral-Large-3-675B-Instruct-2512-NVFP4", "mistralai/Mixtral-8x7B-Instruct-v0.1", "mosaicml/mpt-7b",
        "nvidia/Minitron-8B-Base", "nvidia/Nemotron-H-8B-Base-8K", "allenai/OLMo-1B-hf", "allenai/OLMo-2-0425-1B",
        "allenai/Olmo-3-7B-Instruct", "allenai/Olmo-Hybrid-7B", "allenai/OLMoE-1B-7B-0924-Instruct",
        "allenai/OLMoE-1B-7B-0924", "facebook/opt-125m", "facebook/opt-iml-max-1.3b", "OrionStarAI/Orion-14B-Chat",
        "FreedomIntelligence/openPangu-Embedded-7B-V1.1", "FreedomIntelligence/openPangu-Ultra-MoE-718B-V1.1",
        "adept/persimmon-8b-chat", "microsoft/phi-2", "microsoft/Phi-3-mini-4k-instruct",
        "microsoft/Phi-3.5-MoE-instruct", "pfnet/plamo-2-1b", "pfnet/plamo-3-nict-2b-base", "tiiuae/falcon-40b",
        "sarvamai/sarvam-30b", "sarvamai/sarvam-105b", "HuggingFaceTB/SmolLM3-3B", "RedHatAI/SmolLM3-3B-FP8-dynamic",
        "stabilityai/stablelm-zephyr-3b", "stabilityai/stablelm-3b-4e1t", "bigcode/starcoder2-3b",
        "upstage/solar-pro-preview-instruct", "Tele-AI/TeleChat2-3B", "xverse/XVERSE-7B-Chat",
        "Zyphra/Zamba2-7B-instruct", "meta-llama/Meta-Llama-3-8B-Instruct", "meta-llama/Llama-3.1-8B-Instruct",
        "mistralai/Mistral-Large-3-675B-Instruct-2512",
    ),
    "embedding": (
        "shibing624/text2vec-base-chinese-sentence", "naver/splade-v3", "google/embeddinggemma-300m",
        "Snowflake/snowflake-arctic-embed-m-v2.0", "nvidia/llama-nemotron-embed-1b-v2", "intfloat/e5-mistral-7b-instruct",
        "nomic-ai/nomic-embed-text-v2-moe", "sentence-transformers/stsb-roberta-base-v2",
        "sentence-transformers/all-roberta-large-v1", "voyageai/voyage-4-nano", "intfloat/multilingual-e5-small",
        "openai/clip-vit-base-patch32", "nvidia/llama-nemotron-embed-vl-1b-v2", "royokong/e5-v", "TIGER-Lab/VLM2Vec-Full",
        "google/siglip-base-patch16-224", "answerdotai/answerai-colbert-small-v1", "lightonai/GTE-ModernColBERT-v1",
        "jinaai/jina-colbert-v2", "LiquidAI/LFM2-ColBERT-350M", "ModernVBERT/colmodernvbert-merged",
        "vidore/colpali-v1.3-hf", "TomoroAI/tomoro-colqwen3-embed-4b", "OpenSearch-AI/Ops-Colqwen3-4B",
        "athrael-soju/colqwen3.5-4.5B-v3", "nvidia/nemotron-colembed-vl-4b-v2",
    ),
    "rerank": (
        "cross-encoder/ms-marco-MiniLM-L-6-v2", "nvidia/llama-nemotron-rerank-1b-v2",
        "nvidia/llama-nemotron-rerank-vl-1b-v2", "tomaarsen/Qwen3-Reranker-0.6B-seq-cls", "jinaai/jina-reranker-m0",
    ),
    "other": ("cross-encoder/quora-roberta-base", "Skywork/Skywork-Reward-V2-Llama-3.2-1B"),
    "speech": (
        "nvidia/audio-flamingo-3-hf", "nvidia/music-flamingo-2601-hf", "ibm-granite/granite-speech-3.3-2b",
        "ibm-granite/granite-4.0-1b-speech", "mispeech/midashenglm-7b", "fixie-ai/ultravox-v0_5-llama-3_2-1b",
        "mistralai/Voxtral-Mini-3B-2507", "mistralai/Voxtral-Mini-4B-Realtime-2602",
        "CohereLabs/cohere-transcribe-03-2026", "openai/whisper-large-v3-turbo", "openai/whisper-large-v3",
    ),
    "vision": (
        "rhymes-ai/Aria", "CohereLabs/aya-vision-8b", "Salesforce/blip2-opt-2.7b", "Salesforce/blip2-opt-6.7b",
        "facebook/chameleon-7b", "CohereLabs/command-a-vision-07-2025", "nvidia/Eagle2.5-8B", "adept/fuyu-8b",
        "google/gemma-3-4b-it", "ibm-granite/granite-vision-3.3-2b", "h2oai/h2ovl-mississippi-800m",
        "h2oai/h2ovl-mississippi-2b", "HuggingFaceM4/Idefics3-8B-Llama3", "HuggingFaceTB/SmolVLM-256M-Instruct",
        "PerceptronAI/Isaac-0.1", "PerceptronAI/Isaac-0.2-2B-Preview", "kakaocorp/kanana-1.5-v-3b-instruct",
        "Kwai-Keye/Keye-VL-8B-Preview", "Kwai-Keye/Keye-VL-1_5-8B", "lightonai/LightOnOCR-1B-1025",
        "LiquidAI/LFM2-VL-450M", "meta-llama/Llama-Guard-4-12B", "llava-hf/llava-1.5-7b-hf",
        "llava-hf/llava-v1.6-mistral-7b-hf", "llava-hf/LLaVA-NeXT-Video-7B-hf", "llava-hf/llava-onevision-qwen2-0.5b-ov-hf",
        "TIGER-Lab/Mantis-8B-siglip-llama3", "mistralai/Mistral-Small-3.1-24B-Instruct-2503", "allenai/Molmo-7B-D-0924",
        "allenai/Molmo-7B-O-0924", "allenai/Molmo2-8B", "allenai/Molmo2-O-7B", "nvidia/NVLM-D-72B",
        "nvidia/Llama-3.1-Nemotron-Nano-VL-8B-V1", "xlangai/OpenCUA-7B", "FreedomIntelligence/openPangu-VL-7B",
        "AIDC-AI/Ovis2-1B", "AIDC-AI/Ovis1.6-Llama3.2-3B", "AIDC-AI/Ovis1.6-Gemma2-9B", "AIDC-AI/Ovis2.5-2B",
        "AIDC-AI/Ovis2.6-2B", "AIDC-AI/Ovis2.6-30B-A3B", "google/paligemma-3b-mix-224",
        "google/paligemma2-3b-ft-docci-448", "microsoft/Phi-3-vision-128k-instruct", "microsoft/Phi-3.5-vision-instruct",
        "microsoft/Phi-4-multimodal-instruct", "mistralai/Pixtral-12B-2409", "mistralai/Ministral-3-3B-Instruct-2512",
        "Skywork/Skywork-R1V-38B", "HuggingFaceTB/SmolVLM2-2.2B-Instruct", "omni-research/Tarsier-7b",
        "omni-research/Tarsier2-Recap-7b", "nvidia/NVIDIA-Nemotron-Parse-v1.1",
    ),
}

# vLLM's supported-models page (docs/models/supported_models.md at the pinned commit, read through the code index):
# the "Example HF Models" column of its architecture tables. Only repos the test registry above does not already list;
# test-only checkpoints (marked "test model" there) are left out.
VLLM_DOC_URL = ("https://github.com/vllm-project/vllm/blob/4b387bcbd88dceb37549f8af3da3586f9a3c92f4/"
                "docs/models/supported_models.md")
VLLM_DOC_MODELS = {
    "llm": (
        "swiss-ai/Apertus-8B-2509", "swiss-ai/Apertus-70B-Instruct-2509", "BAAI/Aquila-7B", "BAAI/AquilaChat-7B",
        "Snowflake/snowflake-arctic-base", "ibm-ai-platform/Bamba-9B-fp8", "ibm-ai-platform/Bamba-9B",
        "bigscience/bloom", "bigscience/bloomz", "CohereLabs/c4ai-command-a-03-2025",
        "CohereLabs/command-a-reasoning-08-2025", "databricks/dbrx-base", "tiiuae/falcon-rw-7b",
        "tiiuae/falcon-mamba-7b", "tiiuae/Falcon-H1-34B-Base", "tiiuae/Falcon-H1-34B-Instruct",
        "allenai/FlexOlmo-7x7B-1T", "allenai/FlexOlmo-7x7B-1T-RT", "google/gemma-2b", "google/gemma-2-27b",
        "google/gemma-3n-E4B-it", "openai-community/gpt2-xl", "WizardLM/WizardCoder-15B-V1.0", "nomic-ai/gpt4all-j",
        "EleutherAI/gpt-neox-20b", "EleutherAI/pythia-12b", "OpenAssistant/oasst-sft-4-pythia-12b-epoch-3.5",
        "databricks/dolly-v2-12b", "stabilityai/stablelm-tuned-alpha-7b", "ibm-granite/granite-3.0-2b-base",
        "ibm-granite/granite-3.1-8b-instruct", "ibm-granite/granite-3.0-1b-a400m-base",
        "ibm-granite/granite-3.0-3b-a800m-instruct", "parasail-ai/GritLM-7B-vllm",
        "naver-hyperclovax/HyperCLOVAX-SEED-Vision-Instruct-3B", "inceptionai/jais-13b", "inceptionai/jais-30b-v3",
        "inceptionai/jais-30b-chat-v3", "inceptionai/Jais-2-70B-Chat", "ai21labs/AI21-Jamba-1.5-Large",
        "ai21labs/Jamba-v0.1", "LiquidAI/LFM2-700M", "LiquidAI/LFM2-350M", "LiquidAI/LFM2-8B-A1B-preview",
        "meta-llama/Meta-Llama-3.1-405B-Instruct", "meta-llama/Meta-Llama-3.1-70B", "meta-llama/Meta-Llama-3-70B-Instruct",
        "meta-llama/Llama-2-70b-hf", "state-spaces/mamba-790m-hf", "state-spaces/mamba-2.8b-hf",
        "mistralai/Mistral-7B-v0.1", "mistralai/Mistral-Large-3-675B-Base-2512", "mistralai/Mixtral-8x7B-v0.1",
        "mistral-community/Mixtral-8x22B-v0.1", "mosaicml/mpt-7b-storywriter", "mosaicml/mpt-30b",
        "mgoin/Nemotron-4-340B-Base-hf-FP8", "nvidia/Nemotron-H-47B-Base-8K", "nvidia/Nemotron-H-56B-Base-8K",
        "allenai/OLMo-1B-hf", "allenai/OLMo-7B-hf", "allenai/Olmo-3-32B-Think", "facebook/opt-66b",
        "facebook/opt-iml-max-30b", "OrionStarAI/Orion-14B-Base", "microsoft/phi-1_5", "microsoft/Phi-4-mini-instruct",
        "microsoft/Phi-4", "microsoft/Phi-3-mini-128k-instruct", "microsoft/Phi-3-medium-128k-instruct",
        "adept/persimmon-8b-base", "pfnet/plamo-2-8b", "pfnet/plamo-3-nict-8b-base",
        "stabilityai/stablelm-base-alpha-7b-v2", "bigcode/starcoder2-7b", "bigcode/starcoder2-15b",
        "Tele-AI/TeleChat2-7B", "Tele-AI/TeleChat2-35B", "CofeAI/FLM-2-52B-Instruct-2407", "CofeAI/Tele-FLM",
        "xverse/XVERSE-13B-Chat", "xverse/XVERSE-65B-Chat", "Zyphra/Zamba2-2.7B-instruct", "Zyphra/Zamba2-1.2B-instruct",
        "HuggingFaceTB/SmolLM3-3B", "ByteDance/Ouro-1.4B", "ByteDance/Ouro-2.6B",
    ),
    "embedding": (
        "Snowflake/snowflake-arctic-embed-xs", "Snowflake/snowflake-arctic-embed-m-long", "nomic-ai/nomic-embed-text-v1",
        "ssmits/Qwen2-7B-Instruct-embed-base", "jinaai/jina-embeddings-v3", "openai/clip-vit-large-patch14",
        "google/siglip2-base-patch16-224",
    ),
    "rerank": ("mixedbread-ai/mxbai-rerank-base-v2",),
    "other": (
        "ai21labs/Jamba-tiny-reward-dev", "peiyi9979/math-shepherd-mistral-7b-prm",
    ),
    "vision": (
        "CohereLabs/aya-vision-32b", "Open-Bee/Bee-8B-RL", "Open-Bee/Bee-8B-SFT", "LiquidAI/LFM2-VL-3B",
        "LiquidAI/LFM2-VL-8B-A1B", "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct", "llava-hf/llava-v1.6-vicuna-7b-hf",
        "llava-hf/llava-onevision-qwen2-7b-ov-hf", "mistral-community/pixtral-12b", "allenai/Molmo2-4B",
        "AIDC-AI/Ovis2.5-9B", "google/paligemma-3b-pt-224", "YannQi/R-4B", "omni-search/Tarsier-7b",
        "omni-search/Tarsier-34b", "omni-research/Tarsier2-7b-0115", "BAAI/Emu3-Chat-hf", "lightonai/LightOnOCR-1B",
        "PaddlePaddle/PaddleOCR-VL",
    ),
    "speech": (
        "ibm-granite/granite-speech-3.3-8b", "mistralai/Voxtral-Small-24B-2507", "openai/whisper-small",
        "nvidia/music-flamingo-hf",
    ),
}


# LiteLLM's model table (``model_prices_and_context_window_backup.json`` inside the litellm wheel from PyPI), read
# as data: API model names of first-party providers only (the provider is the publisher), each an API-only record.
# Names that serve open weights (Gemma, Llama, Jamba, Command R, Aya, Grok 1/2...) or another lab's model are left out.
LITELLM_VERSION = "1.110.2"
LITELLM_URL = f"https://pypi.org/project/litellm/{LITELLM_VERSION}/"
LITELLM_PROVIDERS = {
    "openai": "openai", "text-completion-openai": "openai", "anthropic": "anthropic", "gemini": "google",
    "voyage": "voyageai", "xai": "xai", "cohere": "cohere", "perplexity": "perplexity",
}
LITELLM_MODES = {
    "chat": "generation", "completion": "generation", "responses": "generation", "realtime": "generation",
    "embedding": "embedding", "rerank": "rerank", "image_generation": "image", "image_edit": "image",
    "audio_transcription": "speech", "audio_speech": "speech", "video_generation": "other", "moderation": "other",
}
LITELLM_OPEN = re.compile(
    r"gemma|llama|mistral|mixtral|glm|deepseek|qwen|grok-[12]\b|jamba|aya|command-r|c4ai|pplx-|gpt-oss|whisper", re.I)
LITELLM_PERPLEXITY = re.compile(r"sonar\b.*", re.I)
SNAPSHOT = re.compile(r"(-\d{4}-\d{2}-\d{2}|-\d{8}|-\d{4}|@\d{3}|-\d{2}-\d{4}|-preview-\d{2}-\d{4})$")


def litellm_records(wheel: Path, names: set[str], api_names: set[str]) -> dict[str, list[dict[str, Any]]]:
    """publisher -> API-only records for first-party names the knowledge base does not name yet."""
    with zipfile.ZipFile(wheel) as zf:
        member = next(n for n in zf.namelist() if n.endswith("model_prices_and_context_window_backup.json"))
        table = json.loads(zf.read(member))
    out: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()
    for key in sorted(table):
        entry = table[key]
        if not isinstance(entry, dict):
            continue
        provider = entry.get("litellm_provider")
        pub = LITELLM_PROVIDERS.get(str(provider))
        role = LITELLM_MODES.get(str(entry.get("mode")))
        name = key.split("/", 1)[1] if key.startswith(f"{provider}/") or key.startswith("gemini/") else key
        if pub is None or role is None or not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", name) or LITELLM_OPEN.search(name):
            continue
        if pub == "perplexity" and not LITELLM_PERPLEXITY.fullmatch(name):
            continue
        low = name.lower()
        undated = SNAPSHOT.sub("", low)
        if low in names or low in api_names or low in seen or (undated != low and undated in api_names):
            continue  # named already, or a dated snapshot of a recorded API model (an alias, not a new model)
        seen.add(low)
        if low == "container":
            continue  # a billing entry, not a model
        context = entry.get("max_input_tokens")
        out.setdefault(pub, []).append({
            "id": f"{pub}/{low}", "name": name, "family": None, "hf": None, "aliases": [name],
            "params": None, "active_params": None, "role": role, "modality": None,
            "context": context if isinstance(context, int) else None, "released": None, "open_weights": False,
            # API-only: the maker serves weights it never released and the list names nothing behind them
            # (docs/knowledge-format.md, "lineage: undisclosed"), not a foundation (base: [])
            "license": "proprietary", "lineage": "undisclosed",
            "note": f"API model name in litellm {LITELLM_VERSION} (model_prices_and_context_window_backup.json), "
                    f"provider {provider}",
            "sources": [{"url": LITELLM_URL}],
        })
    # a dated snapshot whose undated name is also new is an alias of that record (gpt-audio-2025-08-28 -> gpt-audio)
    for pub, recs in out.items():
        by_name = {r["name"].lower(): r for r in recs}
        keep = []
        for r in recs:
            undated = SNAPSHOT.sub("", r["name"].lower())
            if undated != r["name"].lower() and undated in by_name:
                by_name[undated]["aliases"].append(r["name"])
            else:
                keep.append(r)
        out[pub] = keep
    return out


# transformers (PyPI wheels): each model's configuration_*.py names its reference checkpoint on the Hub
# (a huggingface.co/<org>/<repo> link in the config docstring of 4.x; from 5.x an ``@auto_docstring(checkpoint=
# "<org>/<repo>")`` argument). Only the repo's existence and publisher are taken. Wheels read, oldest first: a repo
# is cited at the first version that names it, so a newer wheel adds repos and never re-cites old ones.
TRANSFORMERS_VERSIONS = ("4.57.1", "5.25.0")
TRANSFORMERS_VERSION = TRANSFORMERS_VERSIONS[0]
TRANSFORMERS_URL = f"https://pypi.org/project/transformers/{TRANSFORMERS_VERSION}/"
HUB_LINK = re.compile(r"https://huggingface\.co/([A-Za-z0-9][\w.-]*/[\w.-]*[\w])")
CHECKPOINT_ARG = re.compile(r"""\bcheckpoint\s*=\s*["']([A-Za-z0-9][\w.-]*/[\w.-]*[\w])["']""")
# placeholder or test names a docstring may carry instead of a published repo
PLACEHOLDER = re.compile(r"not[-_]?yet|placeholder|dummy|random|tiny-?(random|testing)|testing|<", re.IGNORECASE)


def wheel_version(wheel: Path) -> str:
    m = re.match(r"transformers-([^-]+)-", wheel.name)
    if m is None or m.group(1) not in TRANSFORMERS_VERSIONS:
        raise SystemExit(f"{wheel}: not one of the pinned transformers wheels {', '.join(TRANSFORMERS_VERSIONS)}")
    return m.group(1)


def transformers_rows(wheels: Path | list[Path]) -> list[Row]:
    rows: dict[str, Row] = {}
    listed: set[str] = set()
    ordered = sorted([wheels] if isinstance(wheels, Path) else wheels,
                     key=lambda w: TRANSFORMERS_VERSIONS.index(wheel_version(w)))
    for wheel in ordered:
        url = f"https://pypi.org/project/transformers/{wheel_version(wheel)}/"
        with zipfile.ZipFile(wheel) as zf:
            for member in sorted(zf.namelist()):
                if not re.fullmatch(r"transformers/models/[^/]+/configuration_[^/]+\.py", member):
                    continue
                text = zf.read(member).decode("utf-8", "replace")
                for hf in [*HUB_LINK.findall(text), *CHECKPOINT_ARG.findall(text)]:
                    org, name = hf.split("/")
                    if name in ("blob", "resolve", "tree") or org in ("papers", "docs", "datasets", "spaces", "blog",
                                                                      "collections", "models", "settings"):
                        continue
                    if PLACEHOLDER.search(hf):
                        continue
                    listed.add(hf.lower())
                    rows.setdefault(hf, Row(hf=hf, url=url, kind="transformers"))
    for row in rows.values():
        row.siblings = listed
    return list(rows.values())


# Publisher files this script never writes (the Chinese labs belong to scripts/kb_cn_labs.py).
NOT_OURS = frozenset(cn.ORG_PUBLISHER.values())
# ModelScope accounts that mirror other publishers' weights under the same repo name.
MS_MIRRORS = {"llm-research", "ai-modelscope", "modelscope"}

# New publisher files: id -> header facts. Country only where the cited page states it; else null + note.
_UNVERIFIED = "Country not verified in the sources read; left null (unknown)."


def _pub(name: str, orgs: list[str], kind: str, country: str | None = None,
         sources: tuple[str, ...] = (), note: str | None = None) -> dict[str, Any]:
    srcs = [*sources] or [f"https://huggingface.co/{orgs[0]}"]
    return {"name": name, "orgs": orgs, "kind": kind, "country": country, "sources": srcs,
            "note": note if country else (note or _UNVERIFIED)}


NEW_PUBLISHERS: dict[str, dict[str, Any]] = {
    # country audit 2026-12-03 (issue 11): tele-ai, black-forest-labs, lg-ai-research, swiss-ai,
    # kyutai, thinkingmachines, tigerresearch and uw-madison had countries cited only to third-party pages (news, SEO
    # and wiki sites); no primary source was found, so they are null (each header says which page claimed what).
    "tele-ai": _pub("China Telecom Artificial Intelligence Technology Co. (TeleAI)", ["Tele-AI", "TeleAI"], "lab"),
    "xverse": _pub("XVERSE Technology (Shenzhen Yuanxiang)", ["xverse"], "lab", "CN",
                   ("https://huggingface.co./xverse/XVERSE-13B/resolve/a6e5dafaff48880e522f98bb1aa01d9dd4030f4f/README.md?download=true",)),
    "stabilityai": _pub("Stability AI", ["stabilityai"], "lab", "GB", ("https://stability.ai/terms-of-service",)),
    "black-forest-labs": _pub("Black Forest Labs", ["black-forest-labs"], "lab"),
    "upstage": _pub("Upstage", ["upstage"], "lab", "KR", ("http://www.upstage.ai/privacy-policy/updated-mar-07-2025",),
                    "Upstage Co., Ltd.'s privacy policy is made under the Republic of Korea's Personal Information "
                    "Protection Act."),
    "lg-ai-research": _pub("LG AI Research", ["LGAI-EXAONE"], "lab"),
    # labs and research groups whose country was not verified here
    "duxiaoman-di": _pub("Du Xiaoman (XuanYuan models)", ["Duxiaoman-DI"], "lab"),
    "openbuddy": _pub("OpenBuddy", ["OpenBuddy"], "community"),
    "indexteam": _pub("Index team (Index models)", ["IndexTeam"], "lab"),
    "seallms": _pub("SeaLLMs", ["SeaLLMs"], "lab"),
    "state-spaces": _pub("state-spaces (Mamba authors)", ["state-spaces"], "lab"),
    "wizardlm": _pub("WizardLM team", ["WizardLM", "WizardLMTeam"], "lab"),
    "orionstarai": _pub("OrionStar", ["OrionStarAI"], "lab"),
    "vivo-ai": _pub("vivo AI Lab (BlueLM)", ["vivo-ai"], "lab"),
    "funaudiollm": _pub("FunAudioLLM", ["FunAudioLLM"], "lab"),
    "wan-ai": _pub("Wan team (Wan video models)", ["Wan-AI"], "lab"),
    "mplug": _pub("mPLUG team", ["mPLUG"], "lab"),
    "myshell-ai": _pub("MyShell", ["myshell-ai"], "lab"),
    "freedomintelligence": _pub("FreedomIntelligence", ["FreedomIntelligence"], "lab"),
    "iquestlab": _pub("IQuest Lab", ["IQuestLab"], "lab"),
    "gorilla-llm": _pub("Gorilla LLM (Berkeley)", ["gorilla-llm"], "lab"),
    "openchat": _pub("OpenChat", ["openchat"], "community"),
    "mediatek-research": _pub("MediaTek Research", ["MediaTek-Research"], "lab"),
    "wisdomshell": _pub("WisdomShell (CodeShell)", ["WisdomShell"], "lab"),
    "runwayml": _pub("Runway", ["runwayml"], "lab"),
    "hexgrad": _pub("hexgrad (Kokoro)", ["hexgrad"], "community"),
    "fishaudio": _pub("Fish Audio", ["fishaudio"], "lab"),
    "2noise": _pub("2Noise (ChatTTS)", ["2Noise"], "community"),
    "huggingfacem4": _pub("Hugging Face M4 team", ["HuggingFaceM4"], "lab"),
    "hidream-ai": _pub("HiDream.ai", ["HiDream-ai"], "lab"),
    "openmoss-team": _pub("OpenMOSS team", ["OpenMOSS-Team"], "lab"),
    "kwai": _pub("Kuaishou (Kwai) model teams", ["Kwai-Keye", "Kwai-Kolors", "Kwaipilot"], "lab"),
    "alibaba-aaig": _pub("Alibaba AAIG", ["Alibaba-AAIG"], "lab"),
    "tongyi-zhiwen": _pub("Tongyi Zhiwen", ["Tongyi-Zhiwen"], "lab"),
    "tongyi-mai": _pub("Tongyi MAI", ["Tongyi-MAI"], "lab"),
    "nex-agi": _pub("Nex AGI", ["nex-agi"], "lab"),
    "opendatalab": _pub("OpenDataLab (MinerU)", ["opendatalab"], "lab"),
    "weiboai": _pub("Weibo AI", ["WeiboAI"], "lab"),
    "xgenerationlab": _pub("XGeneration Lab (XiYan)", ["XGenerationLab"], "lab"),
    "dianjin": _pub("DianJin", ["DianJin"], "lab"),
    "infinigence": _pub("Infinigence (Megrez)", ["Infinigence"], "lab"),
    "idea-ccnl": _pub("IDEA-CCNL (Fengshenbang)", ["IDEA-CCNL"], "lab"),
    "flagalpha": _pub("FlagAlpha (Atom)", ["FlagAlpha"], "community"),
    "jingyaogong": _pub("jingyaogong (MiniMind)", ["jingyaogong"], "community"),
    "belle-2": _pub("BELLE", ["BELLE-2"], "lab"),
    "bytedancedouyincontent": _pub("ByteDance Douyin Content (SAIL-VL)", ["BytedanceDouyinContent"], "lab"),
    "ray2333": _pub("Ray2333 (GRM reward models)", ["Ray2333"], "community"),
    "fireredteam": _pub("FireRed team", ["FireRedTeam"], "lab"),
    "langboat": _pub("Langboat (Mengzi)", ["Langboat"], "lab"),
    "sustech": _pub("SUSTech (SUS-Chat)", ["SUSTech"], "lab"),
    "ictnlp": _pub("ICTNLP", ["ICTNLP"], "lab"),
    "powerinfer": _pub("PowerInfer", ["PowerInfer"], "lab"),
    "glaiveai": _pub("Glaive AI", ["glaiveai"], "lab"),
    "mattshumer": _pub("Matt Shumer", ["mattshumer"], "community"),
    "teknium": _pub("teknium", ["teknium"], "community"),
    "languagebind": _pub("LanguageBind", ["LanguageBind"], "lab"),
    "swivid": _pub("SWivid (F5-TTS)", ["SWivid"], "lab"),
    "ideogram-ai": _pub("Ideogram", ["ideogram-ai"], "lab"),
    "opencsg": _pub("OpenCSG", ["opencsg"], "lab"),
    "sufe-aiflm-lab": _pub("SUFE AIFLM Lab", ["SUFE-AIFLM-Lab"], "lab"),
    "shenzhi-wang": _pub("shenzhi-wang", ["shenzhi-wang"], "community"),
    "louzongzhi": _pub("louzongzhi (Aeva)", ["louzongzhi"], "community"),
    "swiss-ai": _pub("Swiss AI Initiative (EPFL, ETH Zurich, CSCS)", ["swiss-ai"], "lab"),
    "skt": _pub("SK Telecom", ["skt"], "lab"),
    "inceptionai": _pub("Inception (Jais)", ["inceptionai"], "lab"),
    "sarvamai": _pub("Sarvam AI", ["sarvamai"], "lab", "IN", ("https://web.sarvam.dev/privacy-policy",),
                     "Sarvam's privacy policy: Axonwise Private Limited (Sarvam.AI), incorporated in India, registered "
                     "office in Bangalore."),
    "pfnet": _pub("Preferred Networks", ["pfnet"], "lab", "JP", ("https://tech.preferred.jp/ja/blog/plamo_3_8b_31b",),
                  "The cited PFN blog post describes PLaMo as a domestic (Japanese) LLM built with NICT and METI support."),
    "adept": _pub("Adept", ["adept"], "lab"),
    "zyphra": _pub("Zyphra", ["Zyphra"], "lab"),
    "perceptronai": _pub("Perceptron AI", ["PerceptronAI"], "lab"),
    "kakaocorp": _pub("Kakao", ["kakaocorp"], "lab"),
    "h2oai": _pub("H2O.ai", ["h2oai"], "lab"),
    "rhymes-ai": _pub("Rhymes AI", ["rhymes-ai"], "lab"),
    "xlangai": _pub("XLang Lab", ["xlangai"], "lab"),
    "omni-research": _pub("omni-research (Tarsier)", ["omni-research"], "lab"),
    "fixie-ai": _pub("Fixie.ai (Ultravox)", ["fixie-ai"], "lab"),
    "eleutherai": _pub("EleutherAI", ["EleutherAI"], "lab"),
    "mosaicml": _pub("MosaicML", ["mosaicml"], "lab"),
    "hpcai-tech": _pub("HPC-AI Tech", ["hpcai-tech"], "community"),
    "redhatai": _pub("Red Hat AI", ["RedHatAI"], "quantizer"),
    # organisations whose repos the pinned registries list (transformers reference checkpoints, vLLM examples),
    # each with a page read that states where it is based (see the country-audit note above for those now null)
    "apple": _pub("Apple", ["apple"], "lab", "US",
                  ("https://sec.gov/Archives/edgar/data/320193/000119312521237787/d199884d8k.htm",)),
    "intel": _pub("Intel", ["Intel"], "lab", "US",
                  ("https://www.sec.gov/Archives/edgar/data/50863/000089161808000106/0000891618-08-000106.txt",)),
    "kyutai": _pub("Kyutai", ["kyutai"], "lab"),
    "aleph-alpha": _pub("Aleph Alpha", ["Aleph-Alpha"], "lab", "DE", ("https://aleph-alpha.com/de/datenschutz/",)),
    "thinkingmachines": _pub("Thinking Machines Lab", ["thinkingmachines"], "lab"),
    "tigerresearch": _pub("TigerResearch (TigerBot)", ["TigerResearch"], "lab"),
    "uw-madison": _pub("University of Wisconsin-Madison", ["uw-madison"], "lab"),
    # quantizers: only their quantized repos are recorded (relation quantization of a known parent)
    "quanttrio": _pub("QuantTrio", ["QuantTrio"], "quantizer"),
    "junhowie": _pub("JunHowie", ["JunHowie"], "quantizer"),
    "cpatonn": _pub("cpatonn", ["cpatonn"], "quantizer"),
    "hugging-quants": _pub("Hugging Quants", ["hugging-quants"], "quantizer"),
    "casperhansen": _pub("casperhansen", ["casperhansen"], "quantizer"),
    "neuralmagic": _pub("Neural Magic", ["neuralmagic"], "quantizer"),
    "modelcloud": _pub("ModelCloud", ["ModelCloud"], "quantizer"),
    "mradermacher": _pub("mradermacher", ["mradermacher"], "quantizer"),
    "techxgenus": _pub("TechxGenus", ["TechxGenus"], "quantizer"),
    "jakiajk": _pub("jakiAJK", ["jakiAJK"], "quantizer"),
}

QUANT_NAME = re.compile(
    r"[-_.](gptq|awq|gguf|ggml|mlx|fp8|fp4|int4|int8|bnb|\d+bits?|\d+-?bit|exl2|aqlm|w4a16|w8a8|w8a16|nvfp4|mxfp4|"
    r"q\d(_k(_[msl])?|_\d)?|dwq|mixed)\b", re.IGNORECASE)
QUANT_FORMATS = {"gptq", "awq", "ggufv2", "ggmlv3", "mlx", "fp8", "fp4", "bnb", "gguf", "ggml"}
FORMAT_LABEL = {"ggufv2": "GGUF", "ggmlv3": "GGML", "gguf": "GGUF", "mlx": "MLX", "awq": "AWQ", "gptq": "GPTQ",
                "fp8": "FP8", "fp4": "FP4", "bnb": "bitsandbytes"}
CHAT_SUFFIX = re.compile(r"^(?P<stem>.+?)-(it|instruct|chat)(?P<tail>-hf)?$", re.IGNORECASE)


@dataclass
class Row:
    """One Hub repo as one registry file lists it."""

    hf: str
    url: str
    kind: str = "llm"
    ms: set[str] = field(default_factory=set)
    formats: set[str] = field(default_factory=set)
    parent_hint: str | None = None  # Xinference: the one unquantized repo of the same family and size
    siblings: set[str] = field(default_factory=set)  # hf ids (lower) listed by the same registry file
    block: str = "registries"  # "derivatives": written between BEGIN_DERIVED / END_DERIVED
    repack_of: str | None = None  # unsloth's mapper: the original repo this re-packaged (4-bit/FP8/16-bit) repo maps to


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout


def full_commit(repo: Path, rev: str) -> str:
    return git(repo, "rev-parse", rev).strip()


def _hub_ids(spec: dict[str, Any], old_ms: dict[tuple[Any, ...], str], fam: dict[str, Any]) -> tuple[list[str], list[str]]:
    src = spec.get("model_src")
    if src:
        hf_src, ms_src = src.get("huggingface") or {}, src.get("modelscope") or {}
        hf_id, quants = hf_src.get("model_id"), hf_src.get("quantizations") or []
        ms_id, ms_quants = ms_src.get("model_id"), ms_src.get("quantizations") or []
    else:
        if spec.get("model_hub", "huggingface") != "huggingface":
            return [], []
        hf_id, quants = spec.get("model_id"), spec.get("quantizations") or []
        key = (fam.get("model_name"), spec.get("model_format"), str(spec.get("model_size_in_billions")), tuple(quants))
        ms_id, ms_quants = old_ms.get(key), quants
    if not isinstance(hf_id, str) or hf_id.count("/") != 1:
        return [], []
    hf_ids = cn._expand(hf_id, [str(x) for x in quants])
    ms_ids = cn._expand(ms_id, [str(x) for x in ms_quants]) if isinstance(ms_id, str) else []
    return hf_ids, ms_ids


def xinference_rows(repo: Path) -> list[Row]:
    out: list[Row] = []
    for rev in XF_COMMITS:
        commit = full_commit(repo, rev)
        for kind, (path, ms_path) in XF_FILES.items():
            text = cn.git_show(repo, commit, path)
            if not text:
                continue
            url = f"{XF_REPO}/blob/{commit}/{path}"
            old_ms: dict[tuple[Any, ...], str] = {}
            ms_text = cn.git_show(repo, commit, ms_path)
            for fam in json.loads(ms_text) if ms_text else []:
                for s in cn._specs(fam):
                    if s.get("model_id"):
                        k = (fam.get("model_name"), s.get("model_format"), str(s.get("model_size_in_billions")),
                             tuple(s.get("quantizations") or []))
                        old_ms.setdefault(k, str(s["model_id"]))
            file_rows: dict[str, Row] = {}
            groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
            for fam in json.loads(text):
                for s in cn._specs(fam):
                    hf_ids, ms_ids = _hub_ids(s, old_ms, fam)
                    fmt = str(s.get("model_format") or "pytorch")
                    size = str(s.get("model_size_in_billions"))
                    for h in hf_ids:
                        row = file_rows.setdefault(h, Row(hf=h, url=url, kind=kind))
                        row.formats.add(fmt)
                        name = h.split("/")[1].lower()
                        row.ms.update(m for m in ms_ids if m.partition("/")[2].lower() == name)
                        groups[(str(fam.get("model_name")), size)].append((h, fmt))
            for members in groups.values():
                plain = {h for h, fmt in members if fmt == "pytorch" and not QUANT_NAME.search(h.split("/")[1])}
                if len(plain) != 1:
                    continue
                (parent,) = plain
                for h, _fmt in members:
                    if h != parent:
                        file_rows[h].parent_hint = parent
            listed = {h.lower() for h in file_rows}
            for row in file_rows.values():
                row.siblings = listed
                out.append(row)
    return out


def swift_rows(repo: Path) -> list[Row]:
    out: list[Row] = []
    for rev, path in SWIFT_SOURCES:
        commit = full_commit(repo, rev)
        if path.endswith(".py"):
            files = [path]
        else:
            files = [f"{path}/{n}" for n in git(repo, "ls-tree", "--name-only", f"{commit}:{path}").split()
                     if n.endswith(".py")]
        for p in sorted(files):
            text = cn.git_show(repo, commit, p) or ""
            url = f"{SWIFT_REPO}/blob/{commit}/{p}"
            pairs: list[tuple[str | None, str | None]] = []
            if p.endswith("utils/model.py"):
                for chunk in text.split("register_model(")[1:]:  # one call (and its function) per chunk
                    call, hf_kw = SWIFT_V2_CALL.match(chunk), SWIFT_V2_HF.search(chunk)
                    if call:
                        pairs.append((call.group(1), hf_kw.group(1) if hf_kw else None))
            else:
                for ms_raw, hf_raw in cn.SWIFT_MODEL.findall(text):
                    pairs.append((None if ms_raw in ("None", "") else ms_raw.strip("'\""),
                                  None if hf_raw in ("None", "") else hf_raw.strip("'\"")))
            file_rows: dict[str, Row] = {}
            for ms, hf in pairs:
                if not hf or ":" in hf or hf.count("/") != 1:
                    continue
                row = file_rows.setdefault(hf, Row(hf=hf, url=url))
                if ms and ms.count("/") == 1 and ms.split("/")[1].lower() == hf.split("/")[1].lower():
                    row.ms.add(ms)
            listed = {h.lower() for h in file_rows}
            for row in file_rows.values():
                row.siblings = listed
                out.append(row)
    return out


def vllm_rows() -> list[Row]:
    rows: list[Row] = []
    for url, table in ((VLLM_URL, VLLM_MODELS), (VLLM_DOC_URL, VLLM_DOC_MODELS)):
        listed = {h.lower() for ids in table.values() for h in ids}
        rows += [Row(hf=h, url=url, kind=kind, siblings=listed) for kind, ids in table.items() for h in ids]
    return rows


def llamafactory_rows(repo: Path) -> list[Row]:
    text = cn.git_show(repo, LF_COMMIT, LF_PATH) or ""
    url = f"{LF_REPO}/blob/{LF_COMMIT}/{LF_PATH}"
    file_rows: dict[str, Row] = {}
    for body in re.findall(r'"[^"]+":\s*\{([^{}]*)\}', text):
        hubs = dict(re.findall(r'DownloadSource\.(\w+):\s*"([^"]+)"', body))
        hf, ms = hubs.get("DEFAULT"), hubs.get("MODELSCOPE")
        if not hf or hf.count("/") != 1:
            continue
        row = file_rows.setdefault(hf, Row(hf=hf, url=url))
        if ms and ms.count("/") == 1 and ms.split("/")[1].lower() == hf.split("/")[1].lower():
            row.ms.add(ms)
    listed = {h.lower() for h in file_rows}
    for row in file_rows.values():
        row.siblings = listed
    return list(file_rows.values())


# unsloth (unslothai/unsloth): ``unsloth/models/mapper.py`` maps each of its 4-bit repos to its 16-bit re-upload,
# the ORIGINAL repo and (often) the plain bnb-4bit repo; a "8" group names its FP8 repos. The original is
# explicit, so each unsloth repo is recorded as a packaging (relation quantization, per the knowledge-format
# convention for re-packaged Hub repos) of that original; the original itself as a plain record when missing.
UNSLOTH_REPO = "https://github.com/unslothai/unsloth"
UNSLOTH_COMMIT = "015bdef0d94a241bcd94eec7a405b1700632180d"
UNSLOTH_PATH = "unsloth/models/mapper.py"
UNSLOTH_TABLE = "__INT_TO_FLOAT_MAPPER"


def unsloth_mapper(text: str) -> dict[str, Any]:
    """The mapper's literal table, read with ast (never imported or run)."""
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == UNSLOTH_TABLE
                                                for t in node.targets):
            table = ast.literal_eval(node.value)
            return table if isinstance(table, dict) else {}
    return {}


UNSLOTH_SUFFIX = re.compile(r"(-unsloth)?(-bnb-4bit|-bnb-nf4|-fp8-block|-fp8-dynamic|-fp8)?$", re.IGNORECASE)


def same_weights_name(repack: str, original: str) -> bool:
    """The mapper is taken only where the repo name is the original's (quantization suffix aside): some of its
    entries map an -Instruct repo to the pretrained one (Apertus-8B-Instruct-2509 -> Apertus-8B-2509)."""
    stem = UNSLOTH_SUFFIX.sub("", repack.split("/")[1])
    return _norm(stem) == _norm(original.split("/")[1])


def unsloth_rows_from(table: dict[str, Any], url: str) -> list[Row]:
    rows: dict[str, Row] = {}
    for key, values in table.items():
        sixteen = values.get("16", ()) if isinstance(values, dict) else values
        eight = values.get("8", ()) if isinstance(values, dict) else ()
        originals = [v for v in sixteen if isinstance(v, str) and not v.lower().startswith("unsloth/")]
        if not originals or "/" not in originals[0]:
            continue
        original = originals[0]
        rows.setdefault(original.lower(), Row(hf=original, url=url, block="derivatives"))
        for name in (key, *sixteen, *eight):
            if isinstance(name, str) and name.lower().startswith("unsloth/") and name.count("/") == 1 \
                    and same_weights_name(name, original):
                rows.setdefault(name.lower(), Row(hf=name, url=url, repack_of=original, block="derivatives"))
    return list(rows.values())


def unsloth_rows(repo: Path) -> list[Row]:
    text = cn.git_show(repo, UNSLOTH_COMMIT, UNSLOTH_PATH) or ""
    return unsloth_rows_from(unsloth_mapper(text), f"{UNSLOTH_REPO}/blob/{UNSLOTH_COMMIT}/{UNSLOTH_PATH}")


# OpenCompass (open-compass/opencompass): each model config under configs/models/ (and
# opencompass/configs/models/) names the Hub repo it evaluates as ``path='<org>/<repo>'``.
OC_REPO = "https://github.com/open-compass/opencompass"
OC_COMMIT = "a5acc4bba3b658f151617a3b393602110fb7a740"
OC_PATH = re.compile(r"""\bpath\s*=\s*['"]([A-Za-z0-9][\w.-]*/[\w.-]*\w)['"]""")


def opencompass_rows(repo: Path) -> list[Row]:
    files = [p for p in git(repo, "ls-tree", "-r", "--name-only", OC_COMMIT).split()
             if re.search(r"(^|/)configs/models/.+\.py$", p)]
    out: dict[str, Row] = {}
    for p in sorted(files):
        url = f"{OC_REPO}/blob/{OC_COMMIT}/{p}"
        listed = OC_PATH.findall(cn.git_show(repo, OC_COMMIT, p) or "")
        for hf in listed:
            row = out.setdefault(hf.lower(), Row(hf=hf, url=url, block="derivatives"))
            row.siblings = row.siblings | {h.lower() for h in listed}
    return list(out.values())


# --------------------------------------------------------------------------- knowledge base
def strip_generated(text: str) -> str:
    for begin, end in ((BEGIN, END), (BEGIN_DERIVED, END_DERIVED)):
        text = re.sub(rf"\n?[ \t]*{re.escape(begin)}.*?{re.escape(end)}[^\n]*", "", text, flags=re.S)
    return text


def load_kb() -> tuple[dict[str, dict[str, Any]], dict[str, str], set[str], dict[str, str], dict[str, str]]:
    """models by id, hf(lower) -> id, claimed names (lower), Hub org(lower) -> publisher, publisher -> kind."""
    models: dict[str, dict[str, Any]] = {}
    by_hf: dict[str, str] = {}
    names: set[str] = set()
    org_pub: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for path in sorted(PUB_DIR.glob("*.yaml")):
        doc = yaml.safe_load(strip_generated(path.read_text(encoding="utf-8"))) or {}
        pub = doc.get("publisher") or {}
        kinds[str(pub.get("id"))] = pub.get("kind") or "lab"
        for org in pub.get("orgs") or []:
            org_pub.setdefault(str(org).lower(), pub["id"])
        for m in doc.get("models") or []:
            m = dict(m, _publisher=pub.get("id"))
            models[m["id"]] = m
            names.add(m["id"].lower())
            if m.get("hf"):
                by_hf[m["hf"].lower()] = m["id"]
                names.add(m["hf"].lower())
            names.update(str(a).lower() for a in m.get("aliases") or [])
    for pid, head in NEW_PUBLISHERS.items():
        kinds.setdefault(pid, head["kind"])
        for org in head["orgs"]:
            org_pub.setdefault(org.lower(), pid)
    return models, by_hf, names, org_pub, kinds


def role_of(row: Row) -> str | None:
    role = KIND_ROLE.get(row.kind) or cn.role_from_name(row.hf)
    if row.kind == "transformers" and role == "generation":
        return None  # a config's reference checkpoint may be any kind of model: the role is left unknown
    return role


def is_quantized(row: Row) -> bool:
    return bool(QUANT_NAME.search(row.hf.split("/")[1]) or row.formats & QUANT_FORMATS)


def packaged(row: Row) -> bool:
    """A quantized repo, or a re-packaging whose original a registry names (unsloth's 16-bit re-uploads)."""
    return is_quantized(row) or row.repack_of is not None


def _norm(name: str) -> str:
    n = name.lower().replace("_", "-")
    n = re.sub(r"^meta-", "", n)
    return re.sub(r"-hf$", "", n)


def quant_label(row: Row) -> str:
    m = QUANT_NAME.search(row.hf.split("/")[1])
    if m:
        return m.group(1)
    fmts = sorted(row.formats & QUANT_FORMATS)
    return FORMAT_LABEL.get(fmts[0], fmts[0]) if fmts else "quantized"


@dataclass
class Plan:
    out: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)


def build(rows: list[Row]) -> Plan:
    models, by_hf, names, org_pub, kinds = load_kb()
    plan = Plan()
    merged: dict[str, Row] = {}
    for row in rows:  # first registry file (newest commit) that lists a repo is the one cited
        key = row.hf.lower()
        if key in merged:
            merged[key].ms |= row.ms
            merged[key].formats |= row.formats
            merged[key].parent_hint = merged[key].parent_hint or row.parent_hint
            merged[key].repack_of = merged[key].repack_of or row.repack_of
        else:
            merged[key] = row

    def claim(pub: str, rec: dict[str, Any]) -> None:
        rid = rec["id"]
        fresh: dict[str, str] = {}
        for a in sorted(rec["aliases"]):
            if a.lower() not in names and a.lower() != rid:
                fresh.setdefault(a.lower(), a)
        rec["aliases"] = sorted(fresh.values(), key=lambda a: (a.lower(), a))  # one spelling per name, stable
        names.update(a.lower() for a in rec["aliases"])
        names.update({rid, rec["hf"].lower()})
        models[rid] = dict(rec, _publisher=pub)
        by_hf[rec["hf"].lower()] = rid
        spellings[(rec["hf"].split("/")[0].lower(), _norm(rec["name"]))] = rid
        pub_spellings.add((pub, _norm(rec["name"])))
        plan.out.setdefault(pub, []).append(rec)

    def pending(row: Row) -> str | None:
        """Why a row is not (yet) written, or None when it should be."""
        org = row.hf.split("/")[0].lower()
        pub = org_pub.get(org)
        if pub is None:
            return f"org not claimed by a publisher: {org}"
        if pub in NOT_OURS:
            return "Chinese lab (scripts/kb_cn_labs.py)"
        key = row.hf.lower()
        if key in by_hf or key in models or key in names:
            return "already in the knowledge base"
        if (pub, _norm(row.hf.split("/")[1])) in pub_spellings:
            return "another spelling of a recorded repo (renamed: Meta-Llama-3.1 -> Llama-3.1, -hf, _)"
        return None

    spellings = {(h.split("/")[0], _norm(h.split("/")[1])): mid for h, mid in by_hf.items() if "/" in h}
    # the same repo name under two orgs of one publisher (a renamed org: WizardLM -> WizardLMTeam) is one model
    pub_spellings = {(models[mid].get("_publisher"), _norm(h.split("/")[1])) for h, mid in by_hf.items() if "/" in h}

    def known(hf: str) -> str | None:
        """The knowledge-base id of a Hub repo, also under a renamed spelling (Meta-Llama-3.1-8B -> Llama-3.1-8B)."""
        org, _, name = hf.lower().partition("/")
        return by_hf.get(hf.lower()) or spellings.get((org, _norm(name)))

    def ms_aliases(row: Row, pub_orgs: set[str]) -> list[str]:
        return [m for m in row.ms if m.split("/")[0].lower() in MS_MIRRORS | pub_orgs and m.lower() != row.hf.lower()]

    pub_orgs: dict[str, set[str]] = defaultdict(set)
    for org, pub in org_pub.items():
        pub_orgs[pub].add(org)

    # pass 1: unquantized repos of the covered publishers (labs and communities, not quantizers); the model
    # registries before the transformers docstrings, so a registry's spelling wins over a renamed one
    for key, row in sorted(merged.items(), key=lambda kv: (kv[1].kind == "transformers", kv[0])):
        if packaged(row):
            continue
        why = pending(row)
        if why:
            plan.skipped[why.split(":")[0]] += 1
            continue
        pub = org_pub[row.hf.split("/")[0].lower()]
        if kinds.get(pub) == "quantizer":
            plan.skipped["unquantized repo of a quantizer (relation unknown)"] += 1
            continue
        rec: dict[str, Any] = {
            "id": key, "name": row.hf.split("/")[1], "family": None, "hf": row.hf,
            "aliases": ms_aliases(row, pub_orgs[pub]), "params": None, "active_params": None,
            "role": role_of(row), "modality": None, "context": None, "released": None, "open_weights": True,
            "license": "unknown", "sources": [{"url": row.url}], "_block": row.block,
        }
        claim(pub, rec)

    # pass 2: instruction/chat repos whose pretrained sibling the same registry file lists
    for recs in plan.out.values():
        for rec in recs:
            m = CHAT_SUFFIX.match(rec["hf"])
            row = merged[rec["id"]]
            if not m or rec["role"] not in ("generation", "vision"):
                continue
            sib = f"{m.group('stem')}{m.group('tail') or ''}".lower()
            if sib in row.siblings and known(sib):
                rec["base"] = [{"relation": "finetune", "model": known(sib)}]
                rec["note"] = "base: the pretrained sibling the same registry file lists"

    # pass 3: quantized repos whose parent is known
    for key, row in sorted(merged.items()):
        if not packaged(row):
            continue
        why = pending(row)
        if why:
            plan.skipped[why.split(":")[0]] += 1
            continue
        org = row.hf.split("/")[0].lower()
        pub = org_pub[org]
        parent_id: str | None = None
        name = row.hf.split("/")[1]
        m = QUANT_NAME.search(name)
        if row.repack_of:
            parent_id = known(row.repack_of)  # the mapper names the original explicitly
        elif row.parent_hint and _norm(name).startswith(_norm(row.parent_hint.split("/")[1])):
            parent_id = known(row.parent_hint)  # the registry's own grouping (same family and size)
        if parent_id is None and m and kinds.get(pub) != "quantizer":
            # a lab's own naming: <parent>-AWQ in the same org (not a quantizer's re-quantization of its own repo)
            parent_id = known(f"{row.hf.split('/')[0]}/{name[: m.start()]}".lower())
        if parent_id is None:
            plan.skipped["quantized, parent not in the knowledge base"] += 1
            continue
        parent = models[parent_id]
        rec = cn.quantized_record(row.hf, parent, row.url, ms_aliases(row, pub_orgs[pub]), quant_label(row))
        rec["id"] = key
        rec["_block"] = row.block
        rec["sources"] = [src for i, src in enumerate(rec["sources"]) if i == 0 or src["url"] != row.url]
        if row.repack_of and not QUANT_NAME.search(name):
            rec["note"] = f"16-bit re-upload of {parent['name']} by {row.hf.split('/')[0]} (unsloth's model mapper " \
                          "maps it to the original); licence and size as the original model"
        elif parent.get("_publisher") != pub:
            rec["note"] = f"{quant_label(row)} packaging of {parent['name']} by {row.hf.split('/')[0]}; " \
                          "licence and size as the unquantized model"
        claim(pub, rec)
    return plan


# --------------------------------------------------------------------------- writing
def publisher_header(pid: str, head: dict[str, Any]) -> str:
    lines = ["schema: modelmap.knowledge/1", "publisher:", f"  id: {pid}", f"  name: {cn.q(head['name'])}",
             f"  orgs: {cn.flow(head['orgs'])}", "  aliases: []", f"  country: {head['country'] or 'null'}",
             "  parent: null", f"  kind: {head['kind']}", "  flags: []", "  sources:"]
    lines += [f"    - {{url: {cn.q(u)}, as_of: {AS_OF}}}" for u in head["sources"]]
    if head.get("note"):
        lines.append(f"  note: {cn.q(head['note'])}")
    lines += ["families: []", "models:"]
    return "\n".join(lines) + "\n"


def render_model(rec: dict[str, Any]) -> str:
    """kb_cn_labs' rendering; a record whose role is unknown leaves the field out."""
    if rec.get("role"):
        return cn.render_model(rec)
    text = cn.render_model(dict(rec, role="other"))
    return text.replace("\n  role: other\n", "\n", 1)


def write(plan: Plan) -> None:
    for pub in sorted(set(plan.out) | {p.stem for p in PUB_DIR.glob("*.yaml")}):
        path = PUB_DIR / f"{pub}.yaml"
        recs = plan.out.get(pub) or []
        if not path.exists():
            if not recs:
                continue
            path.write_text(publisher_header(pub, NEW_PUBLISHERS[pub]), encoding="utf-8")
        old = path.read_text(encoding="utf-8")
        text = strip_generated(old).rstrip("\n") + "\n"
        if recs:
            # an empty flow list ("models: []") opens as a block list for the generated records
            text = re.sub(r"^models:[ \t]*\[\][ \t]*(?=\S)", "models:  ", text, count=1, flags=re.M)
            text = re.sub(r"^models:[ \t]*(\[\])?[ \t]*$", "models:", text, count=1, flags=re.M)
            if not re.search(r"^models:", text, flags=re.M):
                text += "models:\n"
            for begin, end, block in ((BEGIN, END, "registries"), (BEGIN_DERIVED, END_DERIVED, "derivatives")):
                part = [r for r in recs if r.get("_block", "registries") == block]
                if part:
                    body = "\n".join([begin, *[render_model(r) for r in part], end])
                    text += cn.indented(body, cn.list_indent(text, "models")) + "\n"
        if text != old:
            path.write_text(text, encoding="utf-8")
            print(f"{pub}: {len(recs)} records", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--xinference", type=Path, required=True, help="git dir of a xorbitsai/inference snapshot")
    ap.add_argument("--swift", type=Path, required=True, help="git dir of a modelscope/ms-swift snapshot")
    ap.add_argument("--llamafactory", type=Path, required=True, help="git dir of a hiyouga/LLaMA-Factory snapshot")
    ap.add_argument("--litellm-wheel", type=Path, help=f"the litellm {LITELLM_VERSION} wheel from PyPI")
    ap.add_argument("--transformers-wheel", type=Path, action="append",
                    help=f"a pinned transformers wheel from PyPI ({', '.join(TRANSFORMERS_VERSIONS)}); repeatable")
    ap.add_argument("--unsloth", type=Path, help="git dir of an unslothai/unsloth snapshot (its model mapper)")
    ap.add_argument("--opencompass", type=Path, help="git dir of an open-compass/opencompass snapshot")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    rows = [*xinference_rows(args.xinference), *swift_rows(args.swift), *llamafactory_rows(args.llamafactory),
            *vllm_rows(), *(transformers_rows(args.transformers_wheel) if args.transformers_wheel else []),
            *(opencompass_rows(args.opencompass) if args.opencompass else []),
            *(unsloth_rows(args.unsloth) if args.unsloth else [])]
    plan = build(rows)
    if args.litellm_wheel:
        _models, _by_hf, names, _orgs, _kinds = load_kb()
        names |= {a.lower() for recs in plan.out.values() for r in recs for a in r["aliases"]}
        api_names = {mid.split("/", 1)[1] for mid, m in _models.items() if not m.get("hf") and "/" in mid}
        for pub, recs in litellm_records(args.litellm_wheel, names, api_names).items():
            plan.out.setdefault(pub, []).extend(recs)
    total = sum(len(v) for v in plan.out.values())
    print(f"{total} records for {len(plan.out)} publishers", file=sys.stderr)
    for why, n in plan.skipped.most_common():
        print(f"  skipped {n}: {why}", file=sys.stderr)
    if not args.dry_run:
        write(plan)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
