"""Normalise model identifiers as people write them.

Strips provider/router prefixes (``together_ai/``, ``openrouter/``, ``openai:``, Bedrock and
Fireworks path forms), file extensions, and quantisation / packaging suffixes
(``-GGUF``, ``-AWQ``, ``-GPTQ-Int4``, ``-4bit``, ``.Q4_K_M`` …). Normalising twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from modelmap.errors import IdentifierError
from modelmap.knowledge import HF_ROUTER_PROVIDERS, HF_ROUTER_SUFFIXES

_QUANT = re.compile(
    r"[-_.](gguf|ggml|awq|gptq(?:[-_](?:int[348]|[348]bit))?(?:[-_]g\d+)?|int[348]|w[48]a(?:8|16)|exl[23](?:[-_][\w.]+bpw)?|d?dwq|"
    r"\d+(?:\.\d+)?bpw|[2-8]-?bits?|bnb[-_][48]bit|unsloth[-_]bnb[-_][48]bit|unsloth|fp8(?:[-_](?:dynamic|kv))?|fp4|int[348][-_](?:inc|ov|autoround)|fp16|bf16|"
    r"f16|f32|mlx(?:[-_][2-8]bit)?|q[2-8](?:_[0-9a-z]+)*|q[2-8]k?[-_](?:k|0|1)(?:[-_](?:s|m|l|xs|xxs))?|q[2-8]k(?:[-_](?:s|m|l|xs|xxs))?|iq[1-4](?:_[0-9a-z]+)*|i1|imat|imatrix|dynamic|onnx|"
    r"onnx[-_]q(?:uantized)?|openvino|mlc|q\d+f\d+(?:_\d+)?|ct2|coreml|hf|quantized|quant|mxfp4(?:[-_]moe)?|nvfp4|lora|qlora|merged|4bit-mlx|llamafile|int[348]mix|hqq(?:[-_]t)?|nbits\d|gs\d+|axis\d|h[68])$",
    re.IGNORECASE,
)
_FILE_EXT = re.compile(r"\.(gguf|ggml|safetensors|onnx|bin|pt|pth|llamafile)$", re.IGNORECASE)
_SHARD = re.compile(r"[-.]\d{5}-of-\d{5}$", re.IGNORECASE)
# Bedrock model ids: [region.]vendor.name[-vN[:M]] ("us.anthropic.claude-3-5-sonnet-20240620-v1:0").
_BEDROCK = re.compile(
    r"^(?:(?:us|eu|apac|us-gov|global|jp|au)\.)?(?:anthropic|meta|mistral|cohere|ai21|amazon|deepseek|qwen|openai|"
    r"writer|twelvelabs|stability|moonshot|minimax)\.(?P<name>[a-z0-9][\w.-]*?)(?:-v\d+(?::\d+)?)?(?::\d+)?$",
    re.IGNORECASE,
)
_BAD = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Parsed:
    query: str
    core: str  # identifier with router/provider prefixes removed, case kept
    provider: str | None  # provider id implied by a prefix
    is_file: bool


def check_identifier(query: str) -> str:
    q = query.strip() if isinstance(query, str) else ""
    if not q:
        raise IdentifierError("empty identifier", hint="give a model id such as Qwen/Qwen2.5-7B-Instruct or gpt-4o")
    if len(q) > 300:
        raise IdentifierError(f"identifier too long ({len(q)} characters, at most 300)")
    if _BAD.search(q):
        raise IdentifierError(f"malformed identifier {q!r}: it contains whitespace or control characters")
    if q.strip("/:.-_") == "" or "//" in q.replace("://", ""):
        raise IdentifierError(f"malformed identifier {q!r}")
    return q


def parse(query: str, prefixes: dict[str, str]) -> Parsed:
    q = check_identifier(query)
    provider: str | None = None
    core = q
    if "://" in core:  # hf://org/name, ollama://x
        scheme, rest = core.split("://", 1)
        core = rest
        if scheme.lower() in prefixes:
            provider = prefixes[scheme.lower()]
    routed = _HF_ROUTED.fullmatch(core)
    if routed and routed.group(2).lower() in HF_ROUTER_SUFFIXES:
        # Hugging Face Inference Providers: "deepseek-ai/DeepSeek-V4-Pro:novita" is the Hub repo, routed
        # ... and a suffix naming a provider names who serves it (HF_ROUTER_PROVIDERS)
        core = routed.group(1)
        provider = provider or HF_ROUTER_PROVIDERS.get(routed.group(2).lower()) or prefixes.get("huggingface")
    for _ in range(3):
        head, sep, tail = _split_prefix(core)
        if not sep or head.lower() not in prefixes or not tail:
            break
        if sep == "/" and _looks_like_hf_repo(head, tail):
            break
        quant_ref = _GGUF_FILE_TAG.fullmatch(tail) if sep == "/" else None
        if quant_ref and _looks_like_hf_repo(head, quant_ref.group(1)):
            # llama.cpp's "-hf <org>/<repo>:<quant>" (Ollama's hf.co/<org>/<repo>:<quant> without the host): the
            # Hub repo with a tag that picks one GGUF file, even where the org is also a router prefix ("Qwen/");
            # like the hf.co form it names no server
            core = f"{head}/{quant_ref.group(1)}"
            break
        provider = provider or prefixes[head.lower()]
        core = tail
    # a pull straight from the Hub: hf.co/<org>/<repo>[:quant] (the quant tag picks a GGUF file). The form names the
    # Hub repo, not who serves it: Ollama (ollama run hf.co/...) and Docker Model Runner (docker model run hf.co/...,
    # compose models: hf.co/org/name:Q4_K_M) pull the same reference, so the server is left open unless a prefix
    # names one (ollama/hf.co/...)
    hub = _HUB_HOST.fullmatch(core)
    if hub:
        core = hub.group(1)
    # Fireworks: accounts/fireworks/models/<name>; Bedrock: anthropic.claude-...-v2:0 / us.anthropic...
    core = re.sub(r"^accounts/[\w-]+/models/", "", core)
    bedrock = _BEDROCK.match(core)
    if bedrock and "/" not in core and not _FILE_EXT.search(core):
        core = bedrock.group("name")
        provider = provider or prefixes.get("bedrock")
    is_file = (bool(_FILE_EXT.search(core)) and not _is_repo_with_extension(core)) or "\\" in core
    if is_file:
        core = re.split(r"[/\\]", core)[-1]
    return Parsed(q, core, provider, is_file)


# A Hub account name, and folder names that hold a local copy of a model ("models/Llama-3.1-8B-Instruct" is a
# folder, not the account "models").
_HUB_ACCOUNT = re.compile(r"[A-Za-z0-9][\w.-]{1,95}")
_LOCAL_DIRS = frozenset({
    "models", "model", "weights", "checkpoints", "checkpoint", "ckpt", "ckpts", "local", "data", "pretrained",
    "pretrained_models", "hf", "hub", "cache", "output", "outputs", "llm", "llms", "base", "downloads", "tmp",
    "artifacts", "snapshots", "saved_models", "model_dir", "gguf", "ggml",
})


def is_hub_account(org: str) -> bool:
    """Whether ``org`` reads as a Hub account, not a local folder ("models/", "checkpoints/")."""
    return bool(_HUB_ACCOUNT.fullmatch(org)) and org.lower() not in _LOCAL_DIRS and not org.startswith(".")


def _is_repo_with_extension(core: str) -> bool:
    """``medmekk/DeepSeek-R1-Distill-Qwen-1.5B.GGUF`` is a Hub repo whose name ends in a format word, not a file:
    one account and a name with no quantisation type (a GGUF file name says its type: ``...Q4_K_M.gguf``)."""
    if core.count("/") != 1:
        return False
    org, name = core.split("/")
    stem = _FILE_EXT.sub("", name)
    return stem != name and is_hub_account(org) and strip_quant(stem)[0] == stem


_HF_ROUTED = re.compile(r"([\w.-]+/[\w.-]+):([\w-]+)")
# "<repo>:<quant>": a GGUF quantisation tag after a Hub repo name, as llama.cpp's -hf and Ollama's hf.co pulls write it
_GGUF_FILE_TAG = re.compile(r"([\w.-]+):(?i:(?:ud-)?i?q[1-8](?:_[0-9a-z]+)*|f16|bf16|f32)")
_HUB_HOST = re.compile(r"(?i)(?:hf\.co|huggingface\.co)/([\w.-]+/[\w.-]+)(?::[\w.-]+)?")


def _split_prefix(value: str) -> tuple[str, str, str]:
    for i, ch in enumerate(value):
        if ch in "/:":
            return value[:i], ch, value[i + 1:]
    return value, "", ""


# Router prefixes that are also Hugging Face org names: "openai/whisper-large-v3" is a Hub repo,
# "openai/gpt-4o" is a router string. Decided by the knowledge base in the resolver.
_HF_ORG_PREFIXES = {"openai", "google", "nvidia", "mistralai", "deepseek-ai", "qwen", "huggingface", "microsoft"}


def _looks_like_hf_repo(head: str, tail: str) -> bool:
    if "/" in tail or ":" in tail:
        return False
    if head.lower() in _HF_ORG_PREFIXES:
        return _UPPER.search(tail) is not None or _HF_REPO_HINT.search(tail) is not None
    # router prefixes are written in lowercase ("zhipuai/glm-4"); a capitalised org with a capitalised name
    # ("ZhipuAI/GLM-4.5", as ModelScope spells the lab's org) is a repo id
    return _UPPER.search(head) is not None and _UPPER.search(tail) is not None


# Hub repo names are usually capitalised ("Qwen2.5-7B-Instruct"); router strings are lowercase API names.
_UPPER = re.compile(r"[A-Z]")
_HF_REPO_HINT = re.compile(r"whisper|clip|gemma|phi|t5|bert|gpt-oss|gpt2|nemotron|qwen|deepseek", re.IGNORECASE)


@lru_cache(maxsize=65536)
def strip_quant(name: str) -> tuple[str, bool]:
    """Remove packaging suffixes; returns (name, whether anything was removed). Memoised (bounded): the forms of
    one model in a code base (repo id, GGUF file, quant repo, router string) share the name it strips."""
    out = _FILE_EXT.sub("", name)
    out = _SHARD.sub("", out)
    changed = out != name
    for _ in range(6):
        new = _QUANT.sub("", out)
        if new == out:
            break
        out, changed = new, True
    return out, changed


def strip_steps(name: str) -> list[str]:
    """``name`` and each form on the way to ``strip_quant(name)``, one packaging suffix at a time
    ("Llama-2-7b-chat-hf-GGUF" -> [..., "Llama-2-7b-chat-hf", "Llama-2-7b-chat"]): a suffix such as "-hf" can be
    part of the original repo's own name."""
    return list(_strip_steps(name))


@lru_cache(maxsize=65536)
def _strip_steps(name: str) -> tuple[str, ...]:
    out = [name]
    cur = _SHARD.sub("", _FILE_EXT.sub("", name))
    if cur != name:
        out.append(cur)
    for _ in range(6):
        new = _QUANT.sub("", cur)
        if new == cur:
            break
        out.append(new)
        cur = new
    return tuple(out)


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Lowercase, no org, no packaging suffix. Idempotent.

    Stripping is repeated to a fixed point, so a name that only becomes strippable after a first
    pass (``x.gguf-q4`` style stacks) still normalises in one call.
    """
    out = name.split("/")[-1].split("\\")[-1].lower()
    for _ in range(8):
        new, _changed = strip_quant(out)
        new = new.lower()
        if new == out:
            break
        out = new
    return out
