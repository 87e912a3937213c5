"""A literal-keyword prefilter (Aho-Corasick via pyahocorasick) run before any parsing.

Most files in a repository mention no model at all; one pass of a C automaton over the
lowercased text decides whether a file is worth parsing, which is what lets a full scan run
at tens of MB/s in Python.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import ahocorasick

from modelmap.knowledge import load

BASE_KEYWORDS = (
    "model", "gpt", "claude", "gemini", "llama", "qwen", "qwq", "deepseek", "glm", "bge", "embed", "mistral", "mixtral",
    "ollama", "openai", "anthropic", "pretrained", "pipeline", "repo_id", "gguf", "safetensors", "onnx", "whisper",
    "gemma", "rerank", "moonshot", "kimi", "minimax", "abab", "ernie", "hunyuan", "doubao", "cohere", "command-r",
    "grok", "sonar", "jamba", "falcon", "baichuan", "internlm", "minicpm", "vllm", "huggingface", "hf_hub",
    "transformers", "llm", "dall-e", "tts-", "dashscope", "aliyuncs", "bigmodel", "volces", "baidubce", "tencent",
    "siliconflow", "together", "fireworks", "groq", "openrouter", "deepinfra", "bedrock", "aiplatform", "googleapis",
    "azure", "x.ai", "perplexity", "cerebras", "replicate", "nvidia", "phi-", "phi3", "phi4", "e5-", "gte-", "minilm",
    "mpnet", "nomic", "jina", "mxbai", "arctic", "yi-", "starcoder", "codellama", "vicuna", "hermes", "dolphin",
    "localhost:11434", ":11434", "lmstudio", "text-generation", "sentence", "from_provider",
)


@cache
def automaton() -> Any:
    kb = load()
    words = set(BASE_KEYWORDS)
    # org names only as "org/": bare org names ("meta", "google") are common words
    words.update(f"{org}/" for org in kb.org_index if len(org) >= 2 and " " not in org)
    words.update(host for host in kb.host_index if not host.startswith("*"))
    auto = ahocorasick.Automaton()
    for word in words:
        auto.add_word(word, word)
    auto.make_automaton()
    return auto


def may_contain_model(text: str) -> bool:
    """True when the text contains at least one keyword (case-insensitive)."""
    auto = automaton()
    for _ in auto.iter(text.lower()):
        return True
    return False
