"""A literal-keyword prefilter run on the raw bytes of a file before any decoding or parsing.

Most files in a repository mention no model at all; one pass of a compiled multi-literal
matcher decides whether a file is worth decoding and parsing. Hyperscan (Intel's SIMD regex
engine, ``hyperscan`` on PyPI) does this at GB/s with case-insensitive literals and stops at the
first hit. Where no hyperscan wheel exists for the platform, pyahocorasick's C automaton runs
over the ASCII-lowercased bytes instead; both give the same answer for every input (the
keywords are lowercase, and case folding of ASCII letters is all either applies; non-ASCII
keywords match their exact UTF-8 bytes).
Set ``MODELMAP_PREFILTER=ahocorasick`` to force the fallback.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import cache
from typing import Any

from modelmap.fsutil import read_cache, store_cache
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
    "hf://",  # a Hub model URI in a file that names no model word otherwise (hf://edbeeching/opt-125m-lora)
    # model locations in files that name no model word otherwise: a KServe storageUri, a KubeAI url, a bucket URI
    # (discover.uris decides which are models)
    "storageuri", "storage_uri", "modelscope", "ollama://", "s3://", "gs://", "oss://", "pvc://", "oci://",
    "models--", "hf.co/", "hf-mirror",
    # distinctive family words of knowledge-base models that no word above covers (a file naming only
    # "voyage-3" or "ministral-3-8b-instruct" was never parsed). Hand-chosen from the KB's families: words that
    # are rare in code otherwise ("bloom" (filters), "ovis" (provision), "step" are left out; their orgs are
    # keywords as "org/")
    "granite", "internvl", "ministral", "devstral", "magistral", "codestral", "mathstral", "pixtral", "voxtral",
    "voyage", "olmo", "llava", "nemotron", "minitron", "telechat", "xuanyuan", "tigerbot", "skywork", "xverse",
    "zephyr", "siglip", "cogvlm", "cogvideo", "codegeex", "longcat", "openthinker", "deepscaler", "sensechat",
    "sensenova", "seed-oss", "seed-coder", "step-3", "step3", "step-audio", "ui-tars", "moonlight", "janus",
    "molmo", "tulu", "stablelm", "wizardcoder", "wizardlm", "aquila", "mimo-", "amazon.nova", "amazon.titan",
    "nova-pro", "nova-lite", "nova-micro", "titan-embed", "aya-", "command-a", "bespoke", "virtuoso", "sky-t1",
    "deberta", "roberta", "xlm-r", "flan-t5", "t5-", "bloomz", "mpt-", "jais", "plamo", "lfm2", "hy3", "spark-",
    # PaddleSpeech TTS tags (fastspeech2_csmsc, pwgan_aishell3) in a file that names no other model word
    "paddlespeech", "fastspeech2",
    # FunASR Paraformer model-zoo names (paraformer-zh) in a file that names no other model word
    "paraformer",
    # OpenAI o-series API names, which carry no family word (`--generator o1-mini` in a launch script that names
    # nothing else); the whole names only: a bare `o1-` / `o3-` is common in other words and ids
    "o1-mini", "o1-preview", "o1-pro", "o3-mini", "o3-pro", "o4-mini",
    # a Visual Studio launch profile's command line (`"commandLineArgs": "-m medium.bin"`), which names the weight
    # file a demo loads and often no model word
    "commandlineargs",
    # spaCy's trained pipelines (en_core_web_sm, de_core_news_md, en_core_sci_lg), loaded by name in a file that
    # names no other model word (identify's _SPACY_PIPELINE)
    "_core_web_", "_core_news_", "_core_sci_",
)


@cache
def keywords() -> tuple[str, ...]:
    """Every keyword, lowercased, sorted (the benchmark hands the same list to ripgrep)."""
    kb = load()
    words = set(BASE_KEYWORDS)
    # org names only as "org/": bare org names ("meta", "google") are common words
    words.update(f"{org}/" for org in kb.org_index if len(org) >= 2 and " " not in org)
    words.update(host for host in kb.host_index if not host.startswith("*"))
    return tuple(sorted({w.lower() for w in words}))


def _hyperscan_db(words: tuple[str, ...]) -> Any:
    """The compiled database, loaded from the cache directory when an identical one was built before
    (deserialising takes ~1 ms; compiling the ~300 literals takes ~17 ms, on every run otherwise)."""
    import hyperscan

    from modelmap.knowledge.loader import _cache_dir

    key = hashlib.sha256("\n".join([getattr(hyperscan, "__version__", "?"), *words]).encode()).hexdigest()[:20]
    path = _cache_dir() / f"prefilter-{key}.hsdb"
    if os.environ.get("MODELMAP_NO_CACHE") != "1":
        try:
            raw = read_cache(path, 64 * 1024 * 1024)
            if raw is not None:
                return hyperscan.loadb(raw, hyperscan.HS_MODE_BLOCK)
        except Exception:  # absent, truncated, or built for another CPU: compile afresh below
            pass
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(
        expressions=[w.encode() for w in words],
        ids=list(range(len(words))),
        elements=len(words),
        flags=[hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SINGLEMATCH] * len(words),
        literal=True,
    )
    store_cache(path, hyperscan.dumpb(db), replaces="prefilter-*.hsdb")  # unwritable: compile each run
    return db


def _hyperscan_matcher(words: tuple[str, ...]) -> Callable[[bytes], bool]:
    import hyperscan

    db = _hyperscan_db(words)
    scratch = hyperscan.Scratch(db)
    stop = hyperscan.ScanTerminated

    def on_match(_id: int, _start: int, _end: int, _flags: int, _ctx: Any) -> bool:
        return True  # a true return stops the scan at the first keyword

    def matches(data: bytes) -> bool:
        try:
            db.scan(data, match_event_handler=on_match, scratch=scratch)
        except stop:
            return True
        return False

    return matches


def _ahocorasick_matcher(words: tuple[str, ...]) -> Callable[[bytes], bool]:
    import ahocorasick

    auto = ahocorasick.Automaton()
    for word in words:
        # match UTF-8 keywords (Chinese org names) byte for byte, as hyperscan does
        latin = word.encode().decode("latin-1")
        auto.add_word(latin, latin)
    auto.make_automaton()

    def matches(data: bytes) -> bool:
        # latin-1 maps each byte to one character, so ASCII keywords match exactly where they would in bytes
        for _ in auto.iter(data.lower().decode("latin-1")):
            return True
        return False

    return matches


@cache
def matcher() -> Callable[[bytes], bool]:
    """The compiled prefilter; built once per process (before workers fork)."""
    words = keywords()
    if os.environ.get("MODELMAP_PREFILTER", "").lower() != "ahocorasick":
        try:
            return _hyperscan_matcher(words)
        except Exception:  # no wheel for this platform, or a CPU hyperscan cannot run on: the automaton below
            pass
    return _ahocorasick_matcher(words)


def may_contain_model(data: bytes) -> bool:
    """True when the raw file content contains at least one keyword (ASCII case-insensitive)."""
    return matcher()(data)
