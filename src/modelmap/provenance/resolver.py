"""Resolve an identifier to its provenance record (``types.Resolution``).

Order of evidence, strongest first: an exact Hub repo id or alias in the knowledge base
(``known``); the same after stripping router prefixes and packaging suffixes, a community
re-packager's repo named after a known model, or a family name pattern (``inferred``);
otherwise the publisher alone when the org is known, else nothing (``unknown``). A guess is
never made: facts the knowledge base does not hold come back as None.

The account that publishes a repo is its publisher, whatever the name says: a re-packager the knowledge base
does not know is reported as that account with no country, never as the original's lab. A third party's repo
that is not in the knowledge base but is named after a known model ("acme/Qwen2.5-7B-Instruct-sft") gets that
model as its base only as a *claim*: the edge says ``source: name``, the license is unknown, the origins are a
lower bound, and the confidence is ``unknown`` (``_name_claim``); ``--online`` replaces the claim with the card.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from modelmap.knowledge import load
from modelmap.knowledge.loader import KnowledgeIndex
from modelmap.provenance.hosted import DATED_SNAPSHOT, catalog_entry, dated_snapshot_providers, resolve_hosted
from modelmap.provenance.lineage import Graph, build_graph, origin_reasons, undisclosed
from modelmap.provenance.normalize import Parsed, is_hub_account, normalise, parse, strip_quant, strip_steps
from modelmap.provenance.overlay import Declared, Overlay
from modelmap.provenance.samename import SameNameRanker
from modelmap.regexes import any_of
from modelmap.types import Finding, Resolution, ScanResult, Skip

# Words that name no model of their own in a repo name (see Resolver._generic_community).
_WORDS = re.compile(r"[a-z]+")
_GENERIC_WORDS = frozenset({
    "model", "models", "chat", "instruct", "base", "test", "tests", "my", "llm", "lora", "merged", "sft", "dpo",
    "grpo", "ppo", "finetuned", "finetune", "fine", "tuned", "ft", "new", "final", "v", "b", "m", "it", "hf", "x",
    "mini", "small", "large", "medium", "tiny", "demo", "trained", "checkpoint", "ckpt", "e", "a", "k",
})

_OLLAMA_TAG = re.compile(r"^(?P<name>[a-z0-9][\w.-]*):(?P<tag>[\w.-]+)$", re.IGNORECASE)
_OLLAMA_VARIANT = re.compile(r"^(?P<size>[\d.]+[bmk]|\d+x\d+b|e\d+b|latest)(?P<rest>[-_].*)?$", re.IGNORECASE)
# Provider-specific spellings of open models: Fireworks writes versions as "v3p1" / "qwen2p5",
# Together appends "-Turbo" / "-Lite" to its own optimised serving of the same weights.
_HF_CACHE_DIR = re.compile(r"models--([\w.-]+?)--([\w.-]+)")
# an Ollama tag that only names the file's quantisation (or latest): the upload keeps the weights it is named after
_OLLAMA_QUANT_TAG = re.compile(r"latest|(?:i?q\d(?:_[0-9a-z]+)*|f16|f32|fp16|bf16)", re.IGNORECASE)
# the same, as the last word of a longer Ollama tag ("12b-instruct-2407-q4_K_M", "8x7b-instruct-v0.1-fp16")
_OLLAMA_TAG_QUANT_TAIL = re.compile(r"[-_](?:i?q\d(?:_[0-9a-z]+)*|f16|f32|fp16|bf16)$", re.IGNORECASE)
# a llama.cpp quantization type as GGUF file names and Ollama uploads end in ("Q4_K_M", "Q8_0", "IQ4_XS")
_LLAMA_CPP_QUANT = re.compile(r"i?q\d(?:_[0-9a-z]+)*", re.IGNORECASE)
# words in an Ollama tag that pick a different checkpoint than the size's default (instruct / chat)
_OLLAMA_KEEP = frozenset({"base", "text", "pt", "pretrained", "vision", "math", "code", "python", "embed"})
# (a vision model's "v" glued after the version, as its maker writes it, kept: "glm-4p5v" is GLM-4.5V)
_FIREWORKS_VERSION = re.compile(r"(?<=[a-z])-?v?(\d+)p(\d+)(?=v?(?:-|$))")
# Fireworks writes a fractional size the same way: "qwen-1p5b" is "-1.5b", "reranker-0p6b" is "-0.6b"
_FIREWORKS_SIZE = re.compile(r"(?<=-\d)p(?=\d+b(?:-|$))")
# and, in a few of its ids, a dotted version with dashes ("dolphin-2-9-2-qwen2-72b", "llama-3-3-70b")
_FIREWORKS_DASHED = re.compile(r"(?<=-\d)-(?=\d(?:-|$))")
# Together's free tier adds "-Free" to the id it serves ("Llama-3.3-70B-Instruct-Turbo-Free"; LobeHub's Together list
# shows "Llama-Vision-Free" as "Llama 3.2 11B Vision Instruct Turbo (Free)", unpkg.com/@lobehub/chat@1.94.11)
_PROVIDER_SUFFIX = re.compile(r"-(?:(?:turbo|lite|reference|tput)(?:-free)?|free)$", re.IGNORECASE)
# hosts that append their own serving suffix to a Hub id (Together's "-Turbo" / "-fp8-tput", DeepInfra's "-Turbo")
_SUFFIX_PROVIDERS = frozenset({"together-ai", "deepinfra"})
_DOTTED_VERSION = re.compile(r"(?<=\d)\.(?=\d)")
# a version point written as an underscore, as file, folder and identifier spellings write it where a dot would read as
# an extension or an attribute ("Qwen2_5-7B-Instruct", "nomic-embed-text-v1_5" for nomic-embed-text-v1.5); tried only
# after the name as written (Qwen's own "Qwen-1_8B-Chat" keeps its underscore)
_UNDERSCORE_POINT = re.compile(r"(?<=\d)_(?=\d)")
_DASHED_VERSION = re.compile(r"(?<=[a-z]-\d)-(?=\d(?:-|$))")
_REGEX_META = set(".^$*+?{}[]|()\\")
# a re-packager's repo name that embeds the original org: "<org>_<name>", "<org>.<name>", "<org>_-_<name>", "<org>-<name>"
_EMBEDDED_ORG = re.compile(r"_-_|[_.-]")
# packaging suffixes that say the weights were trained further, not re-packaged: a LoRA adapter, or one merged in
_TRAINED_SUFFIXES = frozenset({"lora", "qlora", "merged"})
# suffixes that keep the same weights in another file layout, not a re-packaging by someone else ("-hf")
_SAME_WEIGHTS_SUFFIXES = frozenset({"hf"})
# a family word written with or without a dash before its version ("llama3-8b" / "llama-3-8b", "gemma2" / "gemma-2")
_FAMILY_DIGIT = re.compile(r"^([a-z]{3,})(\d)")
_FAMILY_DASH_DIGIT = re.compile(r"^([a-z]{3,})-(\d)")
# where a derivative's repo name may split into "<known model>" and the derivative's own words
_NAME_SPLIT = re.compile(r"[-_]")
_HAS_DIGIT = re.compile(r"\d")
# a model line's own word as a word of a name, and the lab whose line it is ("qwen2.5", "qwq", "deepseek"): distinctive
# words only (not "llama", which names llama.cpp, TinyLlama and others; not "yi" or "phi", which are too short)
_FAMILY_WORDS = {"qwen": "qwen", "qwq": "qwen", "deepseek": "deepseek", "mistral": "mistral", "mixtral": "mistral",
                 "gemma": "google", "internlm": "internlm", "minicpm": "openbmb", "chatglm": "zhipu"}
# (a parameter count glued to the word is still the line's word: "deepseek6.7b", "qwen7b", "gemma2b")
_FAMILY_WORD = re.compile(r"(qwen|qwq|deepseek|mistral|mixtral|gemma|internlm|minicpm|chatglm)[\d.]*(?:(?<=\d)[bm])?")
# a parameter count written as a word of a repo name ("8b", "1.5b", "350m")
_SIZE_WORD = re.compile(r"\d+(?:\.\d+)?[bm]")
# Ollama tag words that pick a checkpoint the other word's checkpoint is not (see Resolver._keeps_variant)
_VARIANT_OPPOSITES = {"instruct": frozenset({"thinking", "base"}), "thinking": frozenset({"instruct", "base"}),
                      "chat": frozenset({"base"})}
# how a model was matched when only the identifier's name links it to that model (confidence unknown)
_NAME_HOWS = frozenset({"name", "name-prefix", "name-dtype"})
# precision words in a repo name: a dtype of the same weights, not a quantization that says which repo came first
_PRECISION_WORDS = frozenset({"bf16", "fp16", "f16", "fp32", "f32"})
# the number formats a host serves weights in, written after the served name ("together_ai/moonshotai/Kimi-K2.5-fp4",
# "novita/qwen/qwen3-4b-fp8"): the host's choice of precision for the open model it serves, not a repo of its own
_SERVING_PRECISION_WORDS = frozenset({*_PRECISION_WORDS, "fp8", "fp4", "nvfp4", "mxfp4", "int4", "int8"})
_CONTEXT_WORD = re.compile(r"\d+k")  # a context length ("200k"): a separate checkpoint, never a quantisation
# the last word of a provider's API tier name ("qwen3.5-flash", "glm-4-air"): only these make a sibling proprietary
# a parameter count written in a model name: "21b", "a3b", "0.5b", "1.5t"
_SIZE_WORD = re.compile(r"(?:^|[-_.])a?\d+(?:\.\d+)?[bmt](?:$|[-_.])")
# a context-window size after an API name: "kimi-latest-128k", "moonshot-v1-32k"
_CONTEXT_TIER = re.compile(r"(.+)-(\d{1,4}k)")
_TIER_WORDS = frozenset({"max", "plus", "turbo", "flash", "lite", "long", "pro", "ultra", "air", "airx", "speed",
                         "standard", "mini", "latest", "flashx"})
# a language a derivative is tuned for, written inside the base's name ("Llama-3-Chinese-8B-Instruct")
_LANGUAGE_WORDS = frozenset({
    "chinese", "japanese", "korean", "vietnamese", "thai", "indonesian", "malay", "hindi", "arabic", "persian",
    "turkish", "russian", "ukrainian", "polish", "czech", "german", "french", "spanish", "portuguese", "italian",
    "dutch", "swedish", "finnish", "greek", "hebrew"})


# a provider's dated API snapshot: "<api name>-YYYY-MM-DD", "-YYYYMMDD", DashScope's / Zhipu's / OpenAI's "-MMDD"
# ("qwen-max-0403", "glm-4-air-0111", "gpt-4-0613"), or Volcengine Ark's / Zhipu's "-YYMMDD" ("doubao-1-5-pro-32k-250115",
# "glm-4-air-250414"; Ark writes the version with dashes, _DASHED_VERSION reads it back)
_API_SNAPSHOT = re.compile(r"([a-z][\w.-]*?)-(?:(?:20\d\d-?)?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])|"
                           r"2\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))", re.IGNORECASE)
# a release date a publisher appends to a repo name: Mistral's YYMM ("-2506", "-2407"), or Zhipu's / DeepSeek's MMDD
# ("GLM-Z1-9B-0414", "DeepSeek-V3-0324")
_RELEASE_DATED = re.compile(r"(.+)-(?:2[0-9](?:0[1-9]|1[0-2])|(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))")
# a provider's pointer to the newest snapshot of an API name: "hunyuan-turbo-latest", "chatgpt-4o-latest"
_API_LATEST = re.compile(r"([a-z][\w.-]*?)-latest", re.IGNORECASE)
# a stable version of a Gemini model: the model name and a three-digit version number, "gemini-1.5-pro-001" is
# version one of Gemini 1.5 Pro (cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versioning)
_GEMINI_STABLE = re.compile(r"(gemini-[\w.-]+?)-\d{3}", re.IGNORECASE)
# a cloud's own tail on a lab's model name, which names a deployment of it, not another model: Alibaba Cloud Model
# Studio's US-region names ("deepseek-v4-pro-us", "deepseek-v4-flash-us" on dashscope-us.aliyuncs.com, displayed as
# DeepSeek-V4-Pro / -Flash: catwalk's alibaba-united-states config at 021b34d, read 2026-12-05), and Volcengine Ark's
# "-ga" (general availability) before its date stamp ("deepseek-v4-pro-ga-260813", Dify's volcengine plugin)
_REGION_TAIL = re.compile(r"([a-z][\w.-]*?)-us", re.IGNORECASE)
_GA_TAIL = re.compile(r"(.+)-ga", re.IGNORECASE)
# a "v"-version written with a dash by Volcengine Ark ("deepseek-v3-2" for DeepSeek-V3.2), read back as a dot
_DASHED_V_VERSION = re.compile(r"(?<=\bv\d)-(?=\d(?:-|$))")
# OpenAI fine-tuned model ids: ft:<base model>:<organisation>:<suffix>:<job id>
_OPENAI_FT = re.compile(r"(?i)ft:((?:gpt-|o\d)[\w.-]*|davinci-002|babbage-002):([\w.-]*):[\w.-]*:[\w.-]+"
                        r"(?::ckpt-step-\d+)?")  # a job's intermediate checkpoint of the fine-tune


def removed_suffixes(name: str) -> list[str]:
    """The packaging words ``strip_quant`` removes from ``name``, outermost first
    ("Qwen2.5-7B-Instruct-lora-GGUF" -> ["gguf", "lora"])."""
    steps = strip_steps(name)
    return [a[len(b):].strip("-_.").lower() for a, b in pairwise(steps)]


def _claim_spellings(low: str) -> list[str]:
    """``low`` and the Hub spellings of the same name (the subset of ``Resolver._name_variants`` that applies to
    repo names, kept cheap: it runs on every leading and trailing part of an unknown repo's name)."""
    out = [low]
    if "_" in low and _UNDERSCORE_POINT.search(low):
        out.append(_UNDERSCORE_POINT.sub(".", low))
    if low.startswith("meta-llama-"):
        out.append(low[len("meta-"):])
    head = _FAMILY_DIGIT.match(low)
    if head:
        out.append(_FAMILY_DIGIT.sub(r"\1-\2", low))
    elif _FAMILY_DASH_DIGIT.match(low):
        out.append(_FAMILY_DASH_DIGIT.sub(r"\1\2", low))
    out += ["meta-" + v for v in out if v.startswith("llama-3-")]
    if low.endswith("-instruct"):
        # "Instruct" is how third parties spell an instruction-tuned checkpoint that its lab names "-it" (Google's
        # Gemma: "gemma-2-2b-it"); tried after the name as written, so a lab that says "-Instruct" keeps it
        out.append(low[: -len("instruct")] + "it")
    return out


def _is_org_spelling(query: str) -> bool:
    """``ZhipuAI/glm-4-9b``: an org written with capitals (router prefixes are lowercase: ``zhipuai/glm-4``)."""
    head, sep, _tail = query.strip().partition("/")
    return bool(sep) and head != head.lower()


def _prefixes(kb: KnowledgeIndex) -> dict[str, str]:
    prefixes = {str(k).lower(): str(v) for k, v in (kb.recognition.get("prefixes") or {}).items()}
    for prefix, prov in kb.prefix_index.items():
        prefixes.setdefault(prefix, prov)
    return prefixes


def literal_prefix(pattern: str) -> str:
    """The literal text every match of ``pattern`` starts with ("qwen2\\.5-\\d+b" -> "qwen2.5-")."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern) and not pattern[i + 1].isalnum():
            lit, width = pattern[i + 1], 2
        elif ch in _REGEX_META:
            break
        else:
            lit, width = ch, 1
        nxt = pattern[i + width: i + width + 1]
        if nxt and nxt in "?*{":
            break  # an optional character ends the literal part
        if nxt == "|":
            return ""  # top-level alternation: no common prefix
        out.append(lit.lower())
        i += width
    if "|" in pattern and not pattern.startswith("("):
        # a top-level alternation later in the pattern ("abc|xyz") shares no prefix
        depth = 0
        for j, ch in enumerate(pattern):
            if ch == "\\":
                continue
            if ch == "(" and (j == 0 or pattern[j - 1] != "\\"):
                depth += 1
            elif ch == ")" and pattern[j - 1] != "\\":
                depth -= 1
            elif ch == "|" and depth == 0 and pattern[j - 1] != "\\":
                return ""
    return "".join(out)


_BUCKET = 3
_MEMO_MAX = 200_000  # entries in each per-resolver memo (resolutions, family matches): bounded memory
# CPU seconds the findings of one file may take to resolve (resolve_findings), as its analysis has 2 s: ~0.35 ms a
# distinct identifier, so a catalogue of 5,000 models resolves whole, and a file at the 10,000-findings cap of distinct
# generated ids (redteam19: 3-5 s more after its analysis) leaves the rest with provenance unknown, said so
RESOLVE_SECONDS_PER_FILE = 2.0


# a mixture-of-experts model's active-parameter suffix at the end of its name (Qwen3-235B-A22B, Qwen3-30B-A3B)
_ACTIVE_PARAMS_SUFFIX = re.compile(r"-a\d+(?:\.\d+)?b$")


class Resolver:
    def __init__(self, kb: KnowledgeIndex | None = None, overlay: Overlay | None = None) -> None:
        self.overlay = overlay if overlay else None
        self.kb = self.overlay.apply(kb or load()) if self.overlay else (kb or load())
        self._declared = self.overlay.declared_ids() if self.overlay else set()
        self.prefixes = _prefixes(self.kb)
        self._cache: dict[str, Resolution] = {}
        self._provider_alias = {str(p.get("id")): p for p in self.kb.providers.values()}
        # name (lowercase, packaging suffixes stripped) -> model ids, for repos and files named after a model
        self._norm_index: dict[str, list[str]] = {}
        for mid, model in self.kb.models.items():
            names = {mid.split("/", 1)[-1]}
            if model.get("hf"):
                names.add(str(model["hf"]).lower().split("/", 1)[-1])
            if model.get("name"):
                names.add(str(model["name"]).lower())
            # a Hub spelling kept as an alias (a renamed repo, a typo the publisher shipped) is a name too:
            # re-packagers publish under the spelling they downloaded
            names.update(str(a).lower().split("/", 1)[1] for a in model.get("aliases") or [] if "/" in str(a))
            for n in names:
                for key in {n, normalise(n)}:
                    ids = self._norm_index.setdefault(key, [])
                    if mid not in ids:
                        ids.append(mid)
        self._family_buckets: dict[str, list[tuple[int, re.Pattern[str], str]]] | None = None
        self._family_any: list[tuple[int, re.Pattern[str], str]] = []
        self._family_memo: dict[str, str | None] = {}
        self._ollama_libraries: dict[str, set[str]] | None = None
        self._generic_memo: dict[str, bool] = {}
        self._lab_words: frozenset[str] | None = None
        self._family_any_gate: re.Pattern[str] | None = None
        self._api_gate: re.Pattern[str] | None = None
        self._api_patterns: list[tuple[re.Pattern[str], str, bool]] | None = None
        self._family_license_cache: dict[str, str | None] = {}
        self._family_members: dict[str, list[str]] | None = None
        self._moe_stems: dict[str, list[str]] | None = None  # name without its "-a<N>b" -> the records so named
        self._hub_org_cache: dict[str, str | None] | None = None
        self._hf_names: dict[str, list[str]] | None = None
        self._hub_name_starts: frozenset[str] | None = None
        self._hub_sorted: list[str] | None = None
        self._lab_completions: dict[tuple[str, str | None], tuple[str, ...]] = {}
        self._dated_names: dict[str, list[str]] | None = None
        self._api_stems: dict[str, dict[str, list[str]]] | None = None
        self._api_stem_models: dict[str, set[str]] = {}
        self._claim_cache: dict[str, tuple[dict[str, Any], ...]] = {}
        self._library_families: dict[str, set[str]] | None = None
        # pretrained model -> its publisher's own fine-tunes (instruct / chat), for _operator_label_tunes
        self._own_tunes: dict[str, list[str]] | None = None
        # family -> its first-party models with weights (no repack, the family's role): _ollama_size_models' candidates,
        # gathered once per family instead of a walk over every model per name:size tag (redteam15)
        self._sized_candidates: dict[str, list[str]] = {}
        self._mirror_orgs = {str(k).lower(): str(v) for k, v in (self.kb.recognition.get("mirror_orgs") or {}).items()}
        # records that share one name (an original and third parties' re-uploads of it): which one the name denotes
        self._same_name = SameNameRanker(self.kb)

    # ---- public -----------------------------------------------------------------------------------
    def resolve(self, query: str) -> Resolution:
        hit = self._cache.get(query)
        if hit is not None:
            return hit
        fine_tune = _OPENAI_FT.fullmatch(query.strip())
        declared = self.overlay.match(query) if self.overlay else None
        hosted = None if fine_tune or declared else resolve_hosted(self, query)  # Bedrock/Vertex/Azure/... (hosted.py)
        if declared is not None:
            res = self._declared_record(query, declared)
        elif hosted is not None:
            res = hosted
        elif fine_tune:
            res = self._fine_tune(query, fine_tune.group(1), fine_tune.group(2))
        elif query.strip().lower() in self.kb.alias_index and (":" in query or _is_org_spelling(query)):
            # an exact alias such as the Ollama tag "mistral:v0.3" or "qwen:7b", or a repo id under a capitalised
            # org ("ZhipuAI/glm-edge-1.5b-chat-gguf" on ModelScope): its head is not a provider prefix
            res = self._resolve(parse(query, {}))
        else:
            res = self._resolve(parse(query, self.prefixes))
        res = self._paid_host_product(res)
        if res.confidence != "unknown" and any(e.get("source") == "name" for e in res.edges or ()):
            # a base read from a repo's name alone is a claim, never a fact: whatever path found it, the answer that
            # states it is not confident (bench "confidently wrong" counts inferred / known answers only)
            res = replace(res, confidence="unknown")
        if len(self._cache) < _MEMO_MAX:
            self._cache[query] = res
        return res

    def _paid_host_product(self, res: Resolution) -> Resolution:
        """A third party's paid endpoint (a cloud or a router, or another operator's API; never a local server, never
        the maker's own API) serving a release whose open weights carry a licence that forbids commercial use: what is
        called is the maker's API product of that release, used under the host's commercial terms, not the weights'
        research licence (README "Scoring conventions added on 2026-12-03": a paid Bedrock or Vertex call of Mistral
        Large 2 is Mistral's API product; every key since maps the cloud and gateway ids of such releases so). The
        product is the maker's API-only record of the same family, released the same day, whose id is the maker's API
        name that the open record also lists as an alias (Mistral's schema gives one release its API names and its
        weights together); without exactly one such record nothing changes."""
        served = res.served_by or {}
        mid = str((res.model or {}).get("id") or "")
        rec = self.kb.models.get(mid)
        if not served or rec is None or rec.get("open_weights") is not True:
            return res
        lic = self.kb.licenses.get(str(rec.get("license") or "").lower()) or {}
        if lic.get("commercial_use") is not False:
            return res
        prov = self.kb.providers.get(str(served.get("id") or "")) or {}
        pub = str(rec.get("publisher") or "")
        kind = prov.get("kind")
        if not (kind in ("cloud", "router") or (kind == "api" and str(prov.get("operator") or "").lower() != pub)):
            return res
        names = {str(a).lower() for a in rec.get("aliases") or ()}
        twins = [m for m in (f"{pub}/{n}" for n in sorted(names))
                 if (t := self.kb.models.get(m)) is not None and t.get("open_weights") is False and not t.get("hf")
                 and t.get("publisher") == pub and t.get("family") == rec.get("family")
                 and t.get("released") == rec.get("released") and rec.get("released") is not None]
        if len(twins) != 1:
            return res
        product = self._resolve(Parsed(twins[0], twins[0], None, False))  # the record itself, no prefix reading
        note = (f"served by a third party ({served.get('id')}): the paid API product {twins[0]} of the release whose "
                f"open weights {mid} are under {rec.get('license')} (no commercial use)")
        confidence = "inferred" if res.confidence == "known" else res.confidence
        return replace(product, query=res.query, served_by=res.served_by, confidence=confidence,
                       reason=f"{note}; {res.reason}" if res.reason else note)

    def _declared_record(self, query: str, entry: Declared) -> Resolution:
        """An identifier the company's overlay declares: its facts are the company's claims, labelled so."""
        res = self._resolve(Parsed(query, entry.target, None, False))
        claim = {"claim": "company", "file": entry.file, "line": entry.line}
        note = f"declared by the company in {entry.where}"
        return replace(res, served_by=entry.served_by or res.served_by, sources=(claim, *res.sources),
                       confidence="known" if res.model else res.confidence,
                       reason="; ".join(x for x in (note, res.reason) if x))

    def _fine_tune(self, query: str, base_name: str, org: str) -> Resolution:
        """``ft:<base>:<org>:<suffix>:<id>``: a customer's fine-tune hosted by OpenAI. The weights are the
        customer's own (no publisher we could name), built on the base, which gives the lineage and origins."""
        base = self.resolve(base_name)
        base_id = (base.model or {}).get("id")
        if base_id is None:
            return replace(base, query=query, model=None, confidence="unknown",
                           reason=f"an OpenAI fine-tune of {base_name!r}, a base this knowledge base does not know")
        step = {"child": query, "relation": "finetune", "parent": base_id, "parent_publisher": base.publisher}
        served = self.served_by("openai-api", evidence="the ft: identifier form (an OpenAI fine-tuning job)")
        return Resolution(
            query=query,
            model={"id": None, "family": (base.model or {}).get("family"), "params": None, "name": query},
            publisher=None, license=base.license, open_weights=False, edges=(step, *(base.edges or ())),
            roots=base.roots if base.roots is not None else None, teachers=base.teachers,
            origins=base.origins, origins_known=False, origin_reasons=base.origin_reasons,
            served_by=served, flags=base.flags, sources=base.sources,
            confidence="inferred", role=base.role, lineage_undisclosed=base.lineage_undisclosed,
            reason=f"a fine-tune of {base_id} made by the OpenAI organisation {org or '(unnamed)'!r} and served by "
            "OpenAI; who made it (and where) is the customer's own fact, not in the knowledge base, so origins "
            "are incomplete",
        )

    # ---- matching ---------------------------------------------------------------------------------
    def _lookup(self, key: str) -> str | None:
        k = key.lower()
        return self.kb.hf_index.get(k) or self.kb.alias_index.get(k)

    def _generic_community(self, mid: str) -> bool:
        """A record of a community account (kind community in its publisher file) whose repo name says nothing of
        its own: every word in it is a generic one ("model", "lora_model", "test18") or a word of a lab's family name
        ("qwen7b", "gemma-3", "mistral_test"). Code that writes such a name bare ("model-4", "qwen7b") means the lab's
        model or nothing in particular, never that account's upload, so a bare name does not resolve to it (the
        account's own `org/name` still does). Measured on every opened provenance key before it landed."""
        memo = self._generic_memo
        if mid in memo:
            return memo[mid]
        model = self.kb.models.get(mid) or {}
        pub = self.kb.publishers.get(str(model.get("publisher"))) or {}
        found = False
        if pub.get("kind") == "community":
            words = _WORDS.findall(mid.split("/", 1)[-1].lower())
            found = bool(words) and all(w in _GENERIC_WORDS or w in self._lab_family_words() for w in words)
        memo[mid] = found
        return found

    def _lab_family_words(self) -> frozenset[str]:
        if self._lab_words is None:
            words: set[str] = set()
            for model in self.kb.models.values():
                pub = self.kb.publishers.get(str(model.get("publisher"))) or {}
                if pub.get("kind") == "lab":
                    words.update(_WORDS.findall(str(model.get("family") or "").lower()))
            self._lab_words = frozenset(words)
        return self._lab_words

    def _is_repack(self, mid: str) -> bool:
        """A record that is itself a quantization of another (an FP8 / GGUF / AWQ repo in the knowledge base)."""
        return any(b.get("relation") == "quantization" for b in self.kb.models[mid].get("base") or [])

    def _originals(self, ids: list[str] | None) -> list[str]:
        """``ids`` matched through a normalised name, less the repacks: "Llama-3.1-70B-Instruct" stripped of a
        packaging suffix names the original, never Meta's own FP8 repo that normalises to the same key."""
        return [m for m in ids or () if not self._is_repack(m)]

    def _packaged_derivative(self, mid: str) -> bool:
        """A non-lab record with a base whose every name carries quantization words ("vinhnx90/llama-3-8b-bnb-4bit",
        a fine-tune named like a 4-bit re-upload): reached through a name stripped of those words, it is never the
        model that stripped name denotes. The stripped name ("Llama-3-8B") names the original a re-packager starts
        from; a third party's derivative named after it is one more re-packaging of it, whatever its card calls it.
        General: a name-normalised match must land on a record that carries the name itself, not on another
        upload that only carries it once packaging words are removed."""
        rec = self.kb.models[mid]
        if not rec.get("base") or self._publisher_kind(rec.get("publisher")) == "lab":
            return False  # a lab's own "-BF16" release is the model itself, its dtype in the name
        names = {mid.split("/", 1)[-1]}
        if rec.get("hf"):
            names.add(str(rec["hf"]).lower().split("/", 1)[-1])
        return all(any(w not in _PRECISION_WORDS for w in removed_suffixes(n)) for n in names)

    def _by_name(self, name: str, prefer_org: str | None = None, *, with_weights: bool = False) -> str | None:
        key = name.lower()

        def unpackaged(ids: list[str] | None) -> list[str]:
            return [m for m in self._originals(ids) if not self._packaged_derivative(m)]

        ids = (self._originals(self.kb.name_index.get(key)) or unpackaged(self._norm_index.get(key))
               or unpackaged(self._norm_index.get(normalise(key))))
        if with_weights:
            ids = [m for m in ids if self._has_weights(m)]
        if not ids:
            return None
        if len(ids) == 1:
            return ids[0]
        if prefer_org:
            org = prefer_org.lower()
            pub = self.kb.org_index.get(org)
            for mid in ids:
                if mid.startswith(org + "/"):
                    return mid
            owned = [m for m in ids if pub and self.kb.models[m].get("publisher") == pub]
            if len(owned) == 1:
                return owned[0]
        # records sharing the name (the original and third parties' re-uploads): the one the knowledge base's own
        # base edges, family and publisher records single out as the original, else none (samename.py)
        ranked = self._same_name.rank(ids)
        return ranked[0] if ranked else None

    def _shared_name_note(self, mid: str, query_name: str | None = None) -> str | None:
        """The evidence for taking ``mid`` when other records of the knowledge base (not repacks) share its name:
        which record was chosen among which, and why (samename.py). None when no other record shares the name, or
        when ``query_name`` (the identifier's own name, without org, Ollama tag or packaging words) is neither one of
        ``mid``'s names nor their start: something other than the name answered it."""
        rec = self.kb.models[mid]
        names = {mid.split("/", 1)[-1]}
        if rec.get("hf"):
            names.add(str(rec["hf"]).lower().split("/", 1)[-1])
        if rec.get("name"):
            names.add(str(rec["name"]).lower())
        if query_name is not None:
            # the name as the identifier writes it, or its start (a release-date or variant suffix it leaves off)
            asked = normalise(query_name)
            if not any(n == asked or n.startswith(asked + "-") for n in map(normalise, names)):
                return None
        hub = self._hub_names()
        others: list[str] = []
        for n in sorted(names):
            for other in (*(self.kb.name_index.get(n) or ()), *(hub.get(n) or ())):
                if other != mid and other not in others and not self._is_repack(other):
                    others.append(other)
        if not others:
            return None
        ranked = self._same_name.rank([mid, *others])
        if not ranked or ranked[0] != mid:
            return None
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        return (f"other records share the name of {mid} ({shown}); the name denotes {mid} because {ranked[1]}")

    def _router_creator_model(self, provider: str | None, creator: str, names: list[str]) -> str | None:
        """A router's ``<creator>/<model>`` id whose creator slug is no Hub org or publisher the KB knows but the
        company the model's publisher belongs to (Vercel AI Gateway writes Qwen models ``alibaba/qwen-3-14b``;
        Qwen's parent is Alibaba Group): the model the name resolves to, when its publisher's parent is named by
        the slug. Only behind a router's own prefix (``kind: router`` in providers.yaml), where the part before the
        model is the router's maker label, never a repository owner."""
        slug = creator.lower()
        if "/" in slug or slug in self.kb.org_index:
            return None
        prov = self.kb.providers.get(provider or "") or {}
        if prov.get("kind") != "router":
            return None
        pubs = {pid for pid, pub in self.kb.publishers.items()
                if _company_slug(str(pub.get("parent") or "")) == slug}
        if not pubs:
            return None
        for n in names:
            mid = self._lookup(n) or self._by_name(n)
            if mid and self.kb.models[mid].get("publisher") in pubs:
                return mid
        # a router's label gives a mixture-of-experts model by its total size alone ("qwen-3-235b" for Qwen3-235B-A22B,
        # "qwen-3-30b" for Qwen3-30B-A3B): the one record of that company's publishers named exactly so plus an
        # active-parameter suffix "-a<N>b", and none if two share the stem
        if self._moe_stems is None:
            stems: dict[str, list[str]] = {}
            for mid in self.kb.models:
                last = mid.rpartition("/")[2]
                if (suffix := _ACTIVE_PARAMS_SUFFIX.search(last)) is not None:
                    stems.setdefault(last[:suffix.start()], []).append(mid)
            self._moe_stems = stems
        for n in names:
            found = {mid for mid in self._moe_stems.get(n.lower(), ())
                     if self.kb.models[mid].get("publisher") in pubs}
            if len(found) == 1:
                return found.pop()
        return None

    def _publisher_kind(self, pid: str | None) -> str | None:
        pub = self.kb.publishers.get(pid or "")
        return pub.get("kind") if pub else None

    def _name_variants(self, name: str, provider: str | None, *, hub: bool = False) -> list[str]:
        """Spellings of ``name`` to try after the exact one, most specific first. ``hub``: the name is the repo
        part of an ``org/name`` id (a host's serving suffix is then tried off, whoever the host is)."""
        out: list[str] = []
        low = name.lower()
        if provider == "fireworks-ai":
            sized = _FIREWORKS_SIZE.sub(".", low)
            out.append(sized)
            fw = _FIREWORKS_VERSION.sub(lambda m: f"-{m.group(1)}.{m.group(2)}", sized).replace("--", "-")
            fw = re.sub(r"^(llama|qwen)-(\d)", r"\1-\2", fw)
            out += [fw, fw.replace("qwen-", "qwen")]
            # Fireworks writes the relation into a distill's name where its maker does not: "deepseek-r1-0528-distill-
            # qwen3-8b" is DeepSeek-R1-0528-Qwen3-8B (tried after the name as written: R1-Distill-Qwen-7B keeps it)
            if "-distill-" in sized:
                out.append(sized.replace("-distill-", "-"))
            # a whole version with no point part: "llama-v3-70b-instruct" is Llama 3 70B Instruct, "llama-v2-7b-chat"
            # Llama 2 7B Chat
            out.append(re.sub(r"^llama-v(\d)-", r"llama-\1-", sized))
            # "deepseek-v3p1" is DeepSeek-V3.1: a "v" that belongs to the model's own name stays
            out.append(_FIREWORKS_VERSION.sub(
                lambda m: ("-" if m.group(0).startswith("-") else "") + ("v" if "v" in m.group(0) else "")
                + f"{m.group(1)}.{m.group(2)}", sized))
            # a dotted version written with dashes: "dolphin-2-9-2-qwen2-72b" is dolphin-2.9.2-qwen2-72b (only
            # one-digit parts between dashes, so a size "-27b" or "qwen2-72b" is never read as a version)
            out.append(_FIREWORKS_DASHED.sub(".", low))
            # the publisher's name put before the model's: "qwen-qwq-32b-preview" is Qwen's QwQ-32B-Preview, when
            # the rest names a model of that very publisher
            head, _, rest = low.partition("-")
            head_pub = self.kb.org_index.get(head)
            found = self._by_name(rest) if head_pub and rest else None
            if found and self.kb.models[found].get("publisher") == head_pub:
                out.append(rest)
        if provider in _SUFFIX_PROVIDERS or (hub and provider is None):
            out.append(_PROVIDER_SUFFIX.sub("", low))
        if "_" in low and _UNDERSCORE_POINT.search(low):
            out.append(_UNDERSCORE_POINT.sub(".", low))
        if low.startswith("meta-llama-"):
            out.append(low[len("meta-"):])  # Meta renamed the Llama 3.1 repos (Meta-Llama-3.1-8B -> Llama-3.1-8B)
        # "gemma2-9b-it" / "llama3-8b" (Groq, Ollama, re-packagers) <-> "gemma-2-9b-it" / "llama-3-8b" (the Hub)
        if _FAMILY_DIGIT.match(low):
            out.append(_FAMILY_DIGIT.sub(r"\1-\2", low))
        elif _FAMILY_DASH_DIGIT.match(low):
            out.append(_FAMILY_DASH_DIGIT.sub(r"\1\2", low))
        # Llama 3 (not 3.1+) kept "Meta-" in its repo names: "Llama-3-8B-Instruct" is "Meta-Llama-3-8B-Instruct"
        out += ["meta-" + v for v in (low, *out) if v.startswith("llama-3-")]
        # "claude-3.5-sonnet" (OpenRouter) <-> "claude-3-5-sonnet" (Anthropic)
        if _DOTTED_VERSION.search(low) and low.startswith("claude"):
            out.append(_DOTTED_VERSION.sub("-", low))
        if _DASHED_VERSION.search(low) and low.startswith("claude"):
            out.append(_DASHED_VERSION.sub(".", low))
        seen = {low}
        return [v for v in out if not (v in seen or seen.add(v))]  # type: ignore[func-returns-value]

    def _bare_served(self, parsed: Parsed, mid: str) -> str:
        """A provider whose docs map its bare API names to the instruct model (providers.yaml ``bare_names:
        instruct``, sourced): ``cerebras/llama3.1-70b`` is Llama 3.1 70B Instruct, not the base that Meta's own
        descriptor "Llama3.1-70B" names. Only a bare name (no org) under that provider's prefix, and only when
        the knowledge base records ``<model>-instruct`` as a fine-tune of the matched model."""
        prov = self.kb.providers.get(parsed.provider or "") or {}
        if prov.get("bare_names") != "instruct" or "/" in parsed.core or parsed.is_file:
            return mid
        child = f"{mid}-instruct"
        rec = self.kb.models.get(child)
        if rec is None or not any(b.get("model") == mid and b.get("relation") == "finetune"
                                  for b in rec.get("base") or ()):
            return mid
        return child

    def _operator_label_tunes(self, parsed: Parsed, mid: str, packager: str | None) -> list[str]:
        """A bare served name on a self-hosted server (``hosted_vllm/llama-3.1-8b``) is whatever label the server's
        operator gave the weights it loaded (vLLM's ``--served-model-name``, llama.cpp's ``--alias``, LM Studio's
        and llamafile's model names): only a Hub repo id (``hosted_vllm/meta-llama/Llama-3.1-8B``, vLLM's default
        served name) names the checkpoint. When such a label matches a pretrained model whose publisher also
        released fine-tunes of it of the same size (Llama 3.1 8B and Llama 3.1 8B Instruct), the label does not say
        which of them the server runs (usually the instruct one): those fine-tunes, else [] (the name is read as
        before). Ollama is not such a server: its names are its library's tags, which the knowledge base maps."""
        prov = self.kb.providers.get(parsed.provider or "") or {}
        if (packager or parsed.is_file or "/" in parsed.core or ":" in parsed.core or prov.get("kind") != "local"
                or "self-hosted" not in (prov.get("serving") or ()) or parsed.provider == "ollama"):
            return []
        rec = self.kb.models.get(mid) or {}
        if "base" not in rec or rec.get("base"):
            return []  # not a pretrained model (or no lineage recorded): the name picks a checkpoint
        if self._own_tunes is None:
            own: dict[str, list[str]] = {}
            for cid, child in self.kb.models.items():
                for b in child.get("base") or ():
                    if isinstance(b, dict) and b.get("relation") == "finetune" and b.get("model"):
                        own.setdefault(str(b["model"]).lower(), []).append(cid)
            self._own_tunes = own
        return sorted(c for c in self._own_tunes.get(mid, ())
                      if self.kb.models[c].get("publisher") == rec.get("publisher")
                      and self.kb.models[c].get("params") == rec.get("params") and not self._is_repack(c)
                      and self.kb.models[c].get("role") == rec.get("role"))

    def _operator_label(self, parsed: Parsed, mid: str, tunes: list[str]) -> Resolution:
        """The family and size a served label names, without a checkpoint (see _operator_label_tunes): as for
        a family name pattern, confidence ``inferred``, model id unknown, lineage unknown."""
        model = self.kb.models[mid]
        fid = str(model.get("family") or "") or None
        fam = self.kb.families.get(fid or "", {})
        lics = {str(self.kb.models[m].get("license", fam.get("license"))) for m in (mid, *tunes)}
        lic = next(iter(lics)) if len(lics) == 1 and next(iter(lics)).lower() not in ("unknown", "none") else None
        server = (self.kb.providers.get(parsed.provider or "") or {}).get("name") or parsed.provider
        return self._partial(
            parsed, model.get("publisher"), model={"id": None, "family": fid, "params": model.get("params")},
            license=self._license(lic), open_weights=model.get("open_weights", fam.get("open_weights")),
            sources=model.get("sources"), role=model.get("role") or fam.get("role"),
            reason=f"a served name on {server}: the label its operator gave the weights loaded, not a Hub repo id; "
            f"it names {mid}'s family and size, but that size is released both as the pretrained {mid} and as "
            f"{', '.join(tunes[:3])}, and the label does not say which the server runs, so the exact model, its base "
            "and full origins are unknown" + (f"; all of them are licensed {lic}" if lic else ""))

    def _match_model(self, parsed: Parsed) -> tuple[str | None, str, str | None]:
        """Returns (model id, how, packager org) — how is 'exact' or 'inferred'."""
        core = parsed.core
        own = self._provider_own(parsed)
        if own:
            return own, "exact", None
        mid = self._lookup(core)
        if mid:
            return mid, "exact" if not parsed.is_file else "inferred", None
        org, _, name = core.rpartition("/") if "/" in core else ("", "", core)
        cache = _HF_CACHE_DIR.fullmatch(name)
        if cache:
            # the Hub cache's folder for a repo: ".../hub/models--Qwen--Qwen2.5-7B-Instruct"
            org, name = cache.group(1), cache.group(2)
        elif "/" in org and is_hub_account(org.rsplit("/", 1)[-1]):
            # a local copy kept under its repo id: "/srv/models/Qwen/Qwen2.5-7B-Instruct"
            org = org.rsplit("/", 1)[-1]
        if (cache or org != core.rpartition("/")[0]) and not parsed.is_file:
            mid = self._lookup(f"{org}/{name}")
            if mid:
                return mid, "inferred", None
        # Ollama tags: name:tag, with size/quant variants
        m = _OLLAMA_TAG.match(core)
        if m and "/" not in core:
            found = self._ollama(m.group("name"), m.group("tag"))
            if found:
                return found, "inferred", None
        if org and ":" in name and not parsed.is_file:
            found = self._ollama_user(org, name)
            if found:
                return found, "inferred", None
        if org and not parsed.is_file:
            found = self._gguf_quant_named(org, name)
            if found:
                return found, "inferred", None
        stripped, changed = strip_quant(name)
        names = [stripped, *self._name_variants(stripped, parsed.provider, hub=bool(org))]
        if org and not is_hub_account(org.replace("\\", "/").rsplit("/", 1)[-1]):
            # a local folder ("models/Llama-3.2-3B-Instruct", "./checkpoints/..."): the name is what counts
            org, local = "", True
        else:
            local = False
        if org and not local and not parsed.is_file:
            found = self._router_creator_model(parsed.provider, org, names)
            if found:
                return found, "inferred", None
        if org and org.lower() in self._mirror_orgs:
            # a download hub's mirror org (ModelScope "LLM-Research/..."): the same weights as the original, under
            # the original's exact name ("Llama-2-7b-chat-hf" keeps its "-hf"); a repack there falls through below
            found = self._mirrored(name, self._mirror_orgs[org.lower()])
            if found:
                return found, "inferred", None
        if org:
            org_pub = self.kb.org_index.get(org.lower())
            kind = self._publisher_kind(org_pub)
            removed = removed_suffixes(name)
            if any(w in _TRAINED_SUFFIXES for w in removed):
                # "-lora" / "-merged": an adapter or further-trained weights, not a re-packaging of the model the
                # name starts with; that base is only a claim of the name (_name_claim)
                return None, "none", None
            # "-hf" keeps the same weights in the transformers layout; under the lab's own org, with the "-hf" repo
            # not in the KB but the repo without it there ("THUDM/glm-4-9b-hf" beside "THUDM/glm-4-9b"), it is that
            # lab's separate repo converted from that model, not the model itself: its immediate base is the model
            repacked = bool(removed)
            for n in names[1:] if not changed else names:
                mid = self._lookup(f"{org}/{n}")
                if mid:
                    if repacked and self._has_weights(mid):
                        if (parsed.provider and self._serves_remotely(parsed.provider)
                                and all(w in _SERVING_PRECISION_WORDS for w in removed)
                                and self.kb.models[mid].get("publisher") == org_pub):
                            # a host's id for the publisher's own model plus a number format, where no build of
                            # that name is known ("together_ai/moonshotai/Kimi-K2.5-fp4"): the open model, served
                            # in the precision the host chose (as "novita/qwen/qwen3-4b-fp8" and Together's "-Turbo"
                            # are), not a separate repo that the host's spelling would invent
                            return self._original_of(mid), "inferred", None
                        if all(w in _PRECISION_WORDS for w in removed):
                            # the org's own "-BF16" / "-FP16" repo: the same weights in another dtype, and which
                            # of the two was converted from the other (an FP8 release upcast to BF16, or a BF16
                            # release beside its FP8) the name does not say: the link is the name's claim only
                            return self._original_of(mid), "name-dtype", org
                        # the org's own GGUF / AWQ / FP8 repo of its own model ("Qwen/Qwen2-7B-Instruct-GGUF")
                        # that the KB does not list: a quantization of that model, by the same publisher
                        return self._original_of(mid), "inferred", org
                    return mid, "inferred", None
            if "/" not in org and kind in (None, "quantizer", "platform", "community"):
                # "bartowski/agentica-org_DeepCoder-14B-Preview-GGUF": the original org is in the repo name
                embedded = next(filter(None, (self._embedded_original(step, org_pub)
                                              for step in strip_steps(name)[1:] or [name])), None)
                if embedded:
                    # with no packaging suffix and an account we do not know, nothing says the weights were
                    # re-packaged: the name denotes the original (an Ollama user's "jeffh/intfloat-...")
                    return embedded, "inferred", org if (changed or org_pub) else None
            if kind in ("quantizer", "platform") or (changed and kind in (None, "community", "lab")):
                # a re-packager's repo named after the model it packages (a lab too: NVIDIA's FP8 of a Llama)
                for n in names:
                    base = self._by_name(n) or self._sized_alias(n)
                    if base and self._has_weights(base) and self.kb.models[base].get("publisher") != org_pub:
                        return base, "inferred", org
                if changed:
                    # a re-packaging named by the start of the one model it can be ("galvani78/Qwen3-Coder-30B-A3B-
                    # 4.0bpw-EXL3": Qwen released only Qwen3-Coder-30B-A3B-Instruct): the name's claim only
                    sole = self._sole_completion(stripped, org_pub, org)
                    if sole:
                        return sole, "name-prefix", org
            if not changed and kind in (None, "community", "lab") and is_hub_account(org):
                # an account re-uploading a known model under its exact name (cortexso/...): a re-packaging. For an
                # account the KB does not know it may as well be a renamed org ("dunzhang/stella_en_1.5B_v5" is now
                # NovaSearch's) or a fine-tune that kept the name: only the name links it, so the link is a claim
                # of the name (how="name", confidence unknown)
                base = self._by_name(stripped)
                if base and org_pub and self.kb.models[base].get("publisher") == org_pub:
                    # the publisher's own short org name, as routers write it ("deepseek/deepseek-r1-distill-…"
                    # behind a gateway prefix): the model itself, not a re-packaging
                    return base, "inferred", None
                if base and self._hf_org(base) not in (None, org.lower()) and (
                        org_pub or self._names_a_model_line(stripped, base)):
                    return base, "inferred" if org_pub else "name", org
            if org_pub:
                for n in names:
                    # router strings "anthropic/claude-3.5-sonnet": an API alias owned by this publisher
                    mid = self.kb.alias_index.get(n.lower()) or self._by_name(n, prefer_org=org)
                    if mid and self.kb.models[mid].get("publisher") == org_pub:
                        return mid, "inferred", None
                if not changed:
                    dated = self._release_dated(stripped.lower(), org_pub)
                    if dated:
                        return dated, "inferred", None
            return None, "none", None
        # bare names: API aliases, file names, HF names without org
        for i, n in enumerate(names):
            mid = self._lookup(n) or self._by_name(n)
            if mid and self._generic_community(mid):
                mid = None
            if mid and parsed.is_file and not self._has_weights(mid):
                # a weights file is never an API-only record of the same name ("grok-2.safetensors")
                mid = self._by_name(n, with_weights=True)
            if mid:
                exact = i == 0 and not changed and not parsed.is_file and not local
                return mid, "exact" if exact else "inferred", None
        if not changed and not parsed.is_file and not local:
            dated = self._release_dated(stripped.lower(), None)
            if dated:
                return dated, "inferred", None
        snapshot = (_API_SNAPSHOT.fullmatch(stripped) or _API_LATEST.fullmatch(stripped)
                    or _GEMINI_STABLE.fullmatch(stripped))
        if snapshot and not parsed.is_file and not local:
            # a dated snapshot of a provider's API name ("qwen3-vl-plus-2025-09-23"), or its moving "-latest" pointer
            # ("hunyuan-turbo-latest"): the same API model, one version of it, when the undated name is an API-only
            # record (no weights whose versions could differ in lineage)
            undated = snapshot.group(1).lower()
            for key in dict.fromkeys((undated, _DASHED_VERSION.sub(".", undated))):
                mid = self.kb.alias_index.get(key) or self._by_name(key)
                if mid and not self._has_weights(mid):
                    return mid, "inferred", None
        return None, "none", None

    def _api_sibling_publisher(self, name: str) -> tuple[str, list[str]] | None:
        """(publisher, sibling names) when ``name`` ("qwen3.5-flash") shares its versioned stem ("qwen3.5", the name
        less its last dash word, holding a digit) with API-only models of exactly one publisher ("qwen3.5-plus"),
        else None. A provider names the tiers of one API version that way; open-weight names never count."""
        if self._api_stems is None:
            stems: dict[str, dict[str, list[str]]] = {}
            for mid, model in self.kb.models.items():
                pub = model.get("publisher")
                if not pub or self._has_weights(mid):
                    continue
                for alias in {mid.split("/", 1)[-1], *(str(a).lower() for a in model.get("aliases") or ())}:
                    stem, dash, _last = alias.rpartition("-")
                    if dash and "/" not in alias and ":" not in alias and _HAS_DIGIT.search(stem):
                        stems.setdefault(stem, {}).setdefault(str(pub), []).append(alias)
                        self._api_stem_models.setdefault(stem, set()).add(mid)
            self._api_stems = stems
        stem, dash, last = name.lower().rpartition("-")
        found = self._api_stems.get(stem) if dash and last else None
        if not found or len(found) != 1:
            return None
        pub, names = next(iter(found.items()))
        return (pub, sorted(set(names))) if pub in self.kb.publishers else None

    def _cloud_tail_model(self, name: str) -> tuple[str, str, str] | None:
        """(model id, publisher, what the tail is) when a bare name is a lab's model name the knowledge base holds
        with a cloud's own tail: a date stamp (Volcengine Ark's "deepseek-v3-250324", "-ga-260813", the version
        written with dashes: "deepseek-v3-2-251201") or a region ("deepseek-v4-pro-us", Alibaba Cloud's US region).
        The tail names a deployment, not another model, so the lab publishes it; but a dated deployment of an
        open-weights line may serve a later checkpoint than the name before its date (DeepSeek-V3's 250324 is the
        0324 update), so only the publisher is taken, never the record's base or licence. Only a lab's record
        counts: a third party's name with such a tail says nothing about who deployed it."""
        low = name.lower()
        dated = _API_SNAPSHOT.fullmatch(low)
        if dated:
            ga = _GA_TAIL.fullmatch(dated.group(1))
            stem, what = (ga.group(1) if ga else dated.group(1)), "a cloud's dated deployment name"
        else:
            region = _REGION_TAIL.fullmatch(low)
            if not region:
                return None
            stem, what = region.group(1), "a cloud region's deployment name"
        for key in dict.fromkeys((stem, _DASHED_VERSION.sub(".", stem), _DASHED_V_VERSION.sub(".", stem))):
            mid = self.kb.alias_index.get(key) or self._by_name(key)
            pub = str(self.kb.models[mid].get("publisher") or "") if mid else ""
            if mid and pub in self.kb.publishers and self._publisher_kind(pub) == "lab":
                return mid, pub, what
        return None

    def _api_sibling_license(self, name: str) -> str | None:
        """``proprietary`` when every API-only sibling of ``name`` (same versioned stem, see
        ``_api_sibling_publisher``) is recorded as proprietary and ``name``'s own last word is a tier, not a size
        ("qwen3.5-flash" beside qwen3.5-plus; never "qwen3.5-27b", which names a checkpoint), else None."""
        stem, _dash, last = name.lower().rpartition("-")
        if last not in _TIER_WORDS:
            # a tier word only: "qwen3-coder", "qwen3-next" and the Ollama tag "qwen3-vl:8b" share qwen3-max's stem
            # but name open-weight models (and "qwen3.5-27b" a checkpoint)
            return None
        mids = self._api_stem_models.get(stem) or set()
        lics = {str(self.kb.models[m].get("license") or "").lower() for m in mids}
        return "proprietary" if lics == {"proprietary"} else None

    def _provider_own(self, parsed: Parsed) -> str | None:
        """Under a provider's prefix, the provider's own API-only record of that name ("perplexity/sonar" is
        Perplexity's Sonar, not Meta's SONAR encoder whose repo name is the same word): the prefix says whose API
        takes the name, so that publisher's API model is meant over another publisher's repo."""
        if not parsed.provider or "/" in parsed.core or parsed.is_file:
            return None
        operator = str((self.kb.providers.get(parsed.provider) or {}).get("operator") or "").lower()
        mid = f"{operator}/{parsed.core.lower()}" if operator else ""
        rec = self.kb.models.get(mid)
        named = self.kb.alias_index.get(parsed.core.lower())
        if named and named != mid and self.kb.models[named].get("publisher") == operator and self._has_weights(named):
            # the maker's API name that its own schema gives the open weights of the release ("mistral/pixtral-large-
            # 2411"): on the maker's own API that alias holds; the API product record of the same name is what a
            # third party's paid endpoint serves (_paid_host_product)
            return None
        return mid if rec is not None and not rec.get("hf") and rec.get("publisher") == operator else None

    def _sized_alias(self, name: str) -> str | None:
        """The model the knowledge base records ``name`` as an alias of, when no repo has that name and the alias
        states a size ("ERNIE-4.5-21B-A3B" is Baidu's ERNIE-4.5-21B-A3B-PT, whose repo names add the weights' format):
        a re-packager names its repo after the model's common name. A size-less alias ("gemma3", an Ollama pointer
        that moves) never counts."""
        low = name.lower()
        if ":" in low or not _SIZE_WORD.search(low):
            return None
        return self.kb.alias_index.get(low)

    def _context_tier_of(self, name: str, pub: str) -> str | None:
        """The API-only, proprietary model of ``pub`` that ``name`` is with a context-window size after it
        ("kimi-latest-128k" is kimi-latest, as moonshot-v1-128k is Moonshot v1, billed at its 128k tier), else None.
        Only an exact record of that publisher without weights counts: an open model's "-1m" / "-128k" names a
        checkpoint of its own (glm-4-9b-chat-1m), and the tier's own model is not claimed, only its licence."""
        m = _CONTEXT_TIER.fullmatch(name.lower())
        mid = self._by_name(m.group(1)) if m else None
        if mid is None or self._has_weights(mid):
            return None
        model = self.kb.models[mid]
        if model.get("publisher") != pub or str(model.get("license") or "").lower() != "proprietary":
            return None
        return str(model.get("name") or mid)

    def _sole_completion(self, stripped: str, owner_pub: str | None, org: str) -> str | None:
        """The one lab model (with weights, not a repack, not ``org``'s own) whose Hub repo name starts with
        ``stripped`` and a dash, when exactly one does and ``stripped`` names a size or version (a digit) and is not
        itself a known name: "Qwen3-Coder-30B-A3B" -> Qwen3-Coder-30B-A3B-Instruct. None otherwise (two or more
        releases start so: "Llama3.1-Nemotron-70B" is -Instruct, -Instruct-HF or -Reward)."""
        low = stripped.lower()
        if len(low) < 4 or not _HAS_DIGIT.search(low) or _LANGUAGE_WORDS.intersection(_NAME_SPLIT.split(low)):
            return None
        found = self._completions(low, owner_pub, org)
        return found[0] if len(found) == 1 else None

    def _release_dated(self, name: str, pub: str | None) -> str | None:
        """The one model of publisher ``pub`` (of any lab when None) whose Hub name is ``name`` plus a release-date
        suffix ("-2506", as Mistral names its repos): routers drop it ("openrouter/mistralai/mistral-small-3.2-24b-
        instruct" is Mistral-Small-3.2-24B-Instruct-2506). None when no model, or more than one release, has that
        name."""
        if not _HAS_DIGIT.search(name):
            return None  # a bare word ("mistral-large") names a line of releases, not one of them
        if self._dated_names is None:
            self._dated_names = {}
            for key, ids in self._hub_names().items():
                m = _RELEASE_DATED.fullmatch(key)
                if m:
                    self._dated_names.setdefault(m.group(1), []).extend(ids)
        found = [mid for mid in self._dated_names.get(name) or () if not self._is_repack(mid)
                 and (self.kb.models[mid].get("publisher") == pub if pub
                      else self._publisher_kind(self.kb.models[mid].get("publisher")) == "lab")]
        found = self._one_per_name(found)  # a lab's re-upload under the release's own name is not a second release
        return found[0] if len(found) == 1 else None

    def _one_per_name(self, ids: list[str]) -> list[str]:
        """``ids`` with the records that share one Hub repo name replaced by the one that name denotes (samename.py),
        where the knowledge base ranks them; unranked ones are all kept."""
        if len(ids) < 2:
            return ids
        groups: dict[str, list[str]] = {}
        for mid in ids:
            groups.setdefault(str(self.kb.models[mid].get("hf") or mid).rsplit("/", 1)[-1].lower(), []).append(mid)
        if len(groups) == len(ids):
            return ids
        out: list[str] = []
        for group in groups.values():
            ranked = self._same_name.rank(group) if len(group) > 1 else None
            out.extend([ranked[0]] if ranked else group)
        return out

    def maker_only(self, query: str, pid: str, *, reason: str) -> Resolution:
        """A record for an identifier whose form names the model's maker but not the model (a Bedrock id's
        vendor segment, ``qwen.`` in ``qwen.qwen3-235b-a22b-2507-v1:0``): the publisher and its country, model
        and lineage unknown, confidence ``unknown`` (the maker is evidence of who made it, not of which model)."""
        return replace(self._partial(parse(query, {}), pid, reason=reason, sources=()), confidence="unknown")

    def first_party_original(self, mid: str) -> str:
        """The model a publisher's own quantized build packages ("qwen/qwen3-4b-fp8" -> "qwen/qwen3-4b"), else
        ``mid``: only a quantization whose parent has the same publisher counts."""
        parent = self._original_of(mid)
        if parent != mid and self.kb.models[parent].get("publisher") == self.kb.models[mid].get("publisher"):
            return parent
        return mid

    def quotes_build(self, text: str, mid: str) -> bool:
        """Whether ``text`` (an id's last path part) spells the Hub repo of ``mid`` exactly as published, case kept
        ("Llama-4-Maverick-17B-128E-Instruct-FP8"): a host that lists the publisher's repo names verbatim (Together,
        DeepInfra and Azure AI Foundry list Meta's FP8 repo under its own name) names that build, which is the
        model it serves; a host's own lowercase slug ("qwen/qwen3-4b-fp8") names the open model in a precision it
        chose, as a "-Turbo" suffix does."""
        hf = self.kb.models[mid].get("hf")
        return bool(hf) and text.rsplit("/", 1)[-1] == str(hf).rsplit("/", 1)[-1]

    def _names_a_model_line(self, name: str, mid: str) -> bool:
        """Whether a repo name shared with the record ``mid`` says which model it is: the record belongs to a model
        family, its publisher is a lab, or the name carries a number (a size, a version: "stella_en_1.5B_v5",
        "faster-whisper-large-v3-turbo"). A bare word that any account may give any repo ("cwaud/test" beside the
        record "Norrawee/test") names no model, so another account's repo of that name is no claim of being that
        record."""
        rec = self.kb.models[mid]
        return bool(rec.get("family")) or self._publisher_kind(rec.get("publisher")) == "lab" \
            or any(ch.isdigit() for ch in name)

    def names_build(self, text: str, mid: str) -> bool:
        """Whether ``text`` (an id's last path part) spells the Hub repo name of ``mid``, case aside: a host's
        lowercase slug of a publisher's published FP8 / AWQ / INT4 build ("@cf/qwen/qwen3-30b-a3b-fp8",
        Qwen/Qwen3-30B-A3B-FP8) names that build, whose base is the model it quantizes. Reading it as the
        unquantized model would give that model's own base for weights one quantization away. Only the build's
        exact repo name counts: a respelling that adds or drops a precision word names no build."""
        hf = self.kb.models[mid].get("hf")
        return bool(hf) and text.rsplit("/", 1)[-1].lower() == str(hf).rsplit("/", 1)[-1].lower()

    def _serves_remotely(self, provider_id: str) -> bool:
        """A hosted provider (it picks the serving precision), not a local server that loads the named files."""
        prov = self.kb.providers.get(provider_id) or {}
        return prov.get("kind") in ("cloud", "router", "api")

    def _original_of(self, mid: str) -> str:
        """The model a repack record packages (its quantization parent), else ``mid`` itself."""
        for entry in self.kb.models[mid].get("base") or []:
            if isinstance(entry, dict) and entry.get("relation") == "quantization" and entry.get("model"):
                parent = str(entry["model"]).lower()
                if parent in self.kb.models:
                    return parent
        return mid

    def _hf_org(self, mid: str) -> str | None:
        hf = self.kb.models[mid].get("hf")
        return str(hf).split("/", 1)[0].lower() if hf else None

    def _hub_orgs(self) -> dict[str, str | None]:
        """Lowercase Hub org names the knowledge base knows -> publisher id (None for a quantizer's org)."""
        if self._hub_org_cache is None:
            orgs: dict[str, str | None] = {}
            for model in self.kb.models.values():
                if model.get("hf") and "/" in str(model["hf"]):
                    orgs.setdefault(str(model["hf"]).split("/", 1)[0].lower(), None)
            for pid, pub in self.kb.publishers.items():
                for o in pub.get("orgs") or []:
                    orgs[str(o).lower()] = pid
            self._hub_org_cache = orgs
        return self._hub_org_cache

    def _has_weights(self, mid: str) -> bool:
        """Whether a repack of ``mid`` can exist: an API-only model (no Hub repo, closed weights) has nothing to
        quantize."""
        model = self.kb.models[mid]
        return bool(model.get("hf")) or model.get("open_weights") is True

    def _embedded_original(self, name: str, outer_pub: str | None) -> str | None:
        """The original repo a re-packager names inside its own repo name: ``<org>_<name>`` (bartowski),
        ``<org>.<name>`` (DevQuasar), ``<org>_-_<name>`` (RichardErkhov) or ``<quantizer>-<name>`` (a copy of
        TheBloke's repo). Only Hub orgs the knowledge base knows count, and only a known model matches."""
        orgs = self._hub_orgs()
        for m in _EMBEDDED_ORG.finditer(name):
            head, tail = name[: m.start()], name[m.end():]
            if not tail or head.lower() not in orgs:
                continue
            mid = self._lookup(f"{head}/{tail}")
            if mid and self._has_weights(mid):
                return mid
            pub = orgs[head.lower()]
            if pub is None or self._publisher_kind(pub) == "quantizer":
                # "TheBloke-Mistral-7B-Instruct-v0.2": the quantizer's copy denotes the model it packages
                found = self._by_name(tail)
                if found and self._has_weights(found) and self.kb.models[found].get("publisher") != outer_pub:
                    return found
        return None

    def _hub_names(self) -> dict[str, list[str]]:
        """Hub repo name without its org (lowercase) -> model ids, built on first use."""
        if self._hf_names is None:
            self._hf_names = {}
            for mid, model in self.kb.models.items():
                if model.get("hf"):
                    self._hf_names.setdefault(str(model["hf"]).split("/", 1)[-1].lower(), []).append(mid)
        return self._hf_names

    def _mirrored(self, name: str, hub: str) -> str | None:
        """The model a download hub's mirror org copies: the same repo name as the original (ModelScope adds
        "-ms" to a few), matched by exact spelling only, and only when one lab's model has that name."""
        hf_names = self._hub_names()
        candidates = [name]
        if hub == "modelscope" and name.lower().endswith("-ms"):
            candidates.append(name[:-3])
        spellings = list(dict.fromkeys(v.lower() for n in candidates for v in (n, *self._name_variants(n, None))))
        for index in (hf_names, self.kb.name_index):
            for v in spellings:
                labs = [m for m in index.get(v) or () if self._publisher_kind(self.kb.models[m].get("publisher")) == "lab"]
                ranked = self._same_name.rank(labs) if labs else None
                if ranked:
                    return ranked[0]
        for v in spellings:
            alias = self.kb.alias_index.get(v)
            if alias and self._publisher_kind(self.kb.models[alias].get("publisher")) == "lab":
                # a mirror keeps the repo's exact name, and a lab that names its repos with a release date
                # ("mistralai/Pixtral-12B-2409") publishes none under the undated name, which is its API alias
                # ("pixtral-12b"): an undated mirror name then copies another org's repo (ModelScope's
                # AI-ModelScope/pixtral-12b is mistral-community/pixtral-12b), not the lab's release
                hub = str(self.kb.models[alias].get("hf") or "").lower().rsplit("/", 1)[-1]
                dated = _RELEASE_DATED.fullmatch(hub)
                if dated and dated.group(1) == v:
                    continue
                return alias
        return None

    def _ollama_user(self, user: str, name_tag: str) -> str | None:
        """An Ollama user namespace ``user/name:tag`` (a Hub repo id never has a colon): the tag as the knowledge
        base lists it, else the Hub model the upload is named after (``hengwen/DeepSeek-R1-Distill-Qwen-32B:q4_k_m``,
        ``jeffh/intfloat-multilingual-e5-large:f16``), which it packages."""
        m = _OLLAMA_TAG.match(name_tag)
        if not m or "/" in user or not is_hub_account(user):
            return None
        found = self._ollama(f"{user}/{m.group('name')}", m.group("tag"))
        if found:
            return found
        if not _OLLAMA_QUANT_TAG.fullmatch(m.group("tag")):
            # an upload under an Ollama library name, tagged as the library tags that name
            # ("xagi/qwen3-embedding:0.6b-q4_k_m", "pdevine/qwen3.6:27b-q4_K_M"): the library tag denotes the original
            # it packages, and so does the user's copy of it (the tag convention, bench README "Ollama user
            # namespaces"). Only where the library tag is in the knowledge base: a name of the user's own
            # ("huihui_ai/deepseek-r1-abliterated:8b") or a Hub model's name with a size ("someone/Qwen2.5-7B-Instruct:7b")
            # is no library tag, and which weights it holds stays the user's choice
            library = self._ollama(m.group("name"), m.group("tag"))
            return library if library and self._has_weights(library) else None
        bare = strip_quant(m.group("name"))[0]
        # (an upload named without the release date the lab's repo name carries: "sllm/glm-z1-9b:latest" packages
        # GLM-Z1-9B-0414, the one release of that name)
        found = self._by_name(bare) or self._embedded_original(bare, None) or self._release_dated(bare.lower(), None)
        if not found or not self._has_weights(found):
            return None
        # an Ollama upload denotes the weights it packages: a re-packager's copy named inside the upload's name
        # ("Unsloth-Phi-4-mini-instruct") packages the original (issue 11)
        return self._original_of(found) if self._is_repack(found) else found

    def _gguf_quant_named(self, account: str, name: str) -> str | None:
        """``account/<model>-Q4_K_M``: a name whose only packaging word is a llama.cpp quantization type, with no
        ``-GGUF``, is how a GGUF file and an Ollama user upload are named (``JollyLlama/GLM-4-32B-0414-Q4_K_M``,
        ``lsm03624/GLM-Z1-32B-0414-Q4_K_M`` on ollama.com), not a Hub repo (those are ``…-GGUF`` or
        ``…-Q4_K_M-GGUF``). By the packaging convention (docs/knowledge-format.md: an Ollama tag or a GGUF file name
        denotes the original it packages) it is read as ``account/<model>:q4_k_m`` is: the original. Only for an
        account the knowledge base does not know; a known publisher's or quantizer's repo keeps the Hub reading."""
        if "/" in account or not is_hub_account(account) or self.kb.org_index.get(account.lower()):
            return None
        if len(removed_suffixes(name)) != 1:
            return None
        stripped, changed = strip_quant(name)
        quant = name[len(stripped):].strip("-_.")
        if not changed or not _LLAMA_CPP_QUANT.fullmatch(quant):
            return None
        return self._ollama_user(account, f"{stripped}:{quant}")

    def _ollama(self, name: str, tag: str) -> str | None:
        name = name.lower()
        tag = tag.lower()
        seen = set()
        candidates = [f"{name}:{tag}"]
        tv = _OLLAMA_VARIANT.match(tag)
        if tv:
            size = tv.group("size")
            rest = (tv.group("rest") or "").lstrip("-_")
            parts = [p for p in re.split(r"[-_]", rest) if p]
            while parts:
                if parts[-1] in _OLLAMA_KEEP:
                    break  # "33b-base" is not "33b": a word that names another checkpoint is never dropped
                parts.pop()
                candidates.append(f"{name}:{size}" + ("-" + "-".join(parts) if parts else ""))
            if not parts or not any(p in _OLLAMA_KEEP for p in parts):
                candidates.append(f"{name}:{size}")
        if tag == "latest":
            candidates.append(name)
        for cand in candidates:
            if cand in seen:
                continue
            seen.add(cand)
            mid = self.kb.alias_index.get(cand)
            if mid and (cand == candidates[0] or self._keeps_variant(tag, cand.partition(":")[2], mid)):
                return mid
        if tv and tv.group("size") != "latest":
            rest = (tv.group("rest") or "").lstrip("-_")
            if not rest or _OLLAMA_QUANT_TAG.fullmatch(rest):
                # "llama3.2-vision:11b": the size the name's default tag (":latest", the bare name) already is; only
                # a quantisation may follow the size (a variant word such as "-text" picks another checkpoint)
                return self._default_tag_of_size(name, tv.group("size"))
            spelled = self._default_tag_spelled(name, tv.group("size"), rest)
            if spelled:
                return spelled
            release = self._tag_spells_release(name, tv.group("size"), rest)
            if release:
                return release
            word, _, quant = rest.partition("-")
            if word in ("base", "text") and (not quant or _OLLAMA_QUANT_TAG.fullmatch(quant)):
                # "deepseek-coder:33b-base-q4_1", "llama3.1:8b-text-q4_0": the pretrained model the size's default
                # (instruct) tag was fine-tuned from, when the knowledge base records that parent and says it is
                # pretrained. Ollama's library writes its pre-trained checkpoints as "-text" tags (the raw model,
                # not instruction-tuned: shshell.com's Ollama tag guide, theepic.dev's "Deciphering Ollama model
                # names", read 2026-12-04)
                return self._pretrained_of(self.kb.alias_index.get(f"{name}:{tv.group('size')}"),
                                           by_record=word == "text")
        return None

    def _tag_spells_release(self, name: str, size: str, rest: str) -> str | None:
        """An Ollama library tag the knowledge base does not list whose library name, size and remaining words (a
        trailing quantisation aside) spell, in order, the Hub name of exactly one release by the publisher whose
        models the library's listed tags package: "qwen3:4b-thinking-2507-q4_K_M" is Qwen/Qwen3-4B-Thinking-2507.
        The library names such tags after the original ("qwen3:30b-a3b-thinking-2507-q4_K_M" for
        Qwen3-30B-A3B-Thinking-2507 in the Qwen3 README's Ollama note; "qwen3:30b-a3b-instruct-2507-q4_K_M" on
        ollama.com). A library whose listed tags span publishers, a name no release of that publisher has, or a
        name two of its releases share gives nothing: the tag stays the library's size reading or unknown."""
        words = _OLLAMA_TAG_QUANT_TAIL.sub("", rest).strip("-_")
        if not words:
            return None
        publishers = self._ollama_library_publishers().get(name)
        if not publishers or len(publishers) != 1:
            return None
        (pub_id,) = publishers
        orgs = {o.lower() for o in self.kb.publishers.get(pub_id, {}).get("orgs") or ()}
        spelled = normalise(f"{name}-{size}-{words}")
        found = [mid for mid in self.kb.name_index.get(spelled) or ()
                 if self.kb.models.get(mid, {}).get("publisher") == pub_id
                 and str(self.kb.models[mid].get("hf") or "").split("/", 1)[0].lower() in orgs]
        return found[0] if len(found) == 1 else None

    def _ollama_library_publishers(self) -> dict[str, set[str]]:
        """Ollama library name -> the publishers of the models its listed tags (``name:tag`` aliases) package;
        built once from the alias index."""
        if self._ollama_libraries is None:
            libraries: dict[str, set[str]] = {}
            for alias, mid in self.kb.alias_index.items():
                lib, colon, tag = alias.partition(":")
                if colon and tag and "/" not in lib and _OLLAMA_TAG.match(alias):
                    pub = self.kb.models.get(mid, {}).get("publisher")
                    if pub:
                        libraries.setdefault(lib, set()).add(pub)
            self._ollama_libraries = libraries
        return self._ollama_libraries

    def _keeps_variant(self, tag: str, kept: str, mid: str) -> bool:
        """Whether the words a shorter Ollama tag ``kept`` drops from ``tag`` leave ``mid`` (the model the shorter
        tag names) the checkpoint ``tag`` asked for. Quantisation and date words may go, and so may "instruct" or
        "chat" where the library's default is that variant; but a dropped variant word the model contradicts
        ("qwen3:30b-a3b-instruct-2507" is not the 30b-a3b tag's Thinking-2507), and a dropped context length the
        model's name lacks ("yi:6b-200k" is not Yi-1.5-6B-Chat), name another checkpoint: that match is refused."""
        dropped = set(_NAME_SPLIT.split(tag)) - set(_NAME_SPLIT.split(kept))
        words = self._name_words(mid)
        for word in dropped:
            if word in words:
                continue
            opposite = _VARIANT_OPPOSITES.get(word)
            if opposite and opposite & words:
                return False
            if _CONTEXT_WORD.fullmatch(word):
                return False
        return True

    def _ollama_size_models(self, parsed: Parsed, fid: str | None) -> tuple[str, list[str]] | None:
        """An Ollama library tag ``name:size`` the knowledge base does not list ("qwen3:235b", "deepseek-r1:671b":
        a tag Ollama repoints, so no one checkpoint is recorded): the family every other listed tag of that library
        name packages (or ``fid``, the family its name pattern matched), and that family's first-party models with
        weights of that size (by params, or the size as a word of the repo name). None when the library name's tags
        package more than one family, or no model of that size is known. Only a size, or a size and a quantisation,
        may follow the colon: a variant word ("-text", "-instruct-2507") picks another checkpoint."""
        if "/" in parsed.core or parsed.is_file:
            return None
        tag = _OLLAMA_TAG.match(parsed.core)
        tv = _OLLAMA_VARIANT.match(tag.group("tag")) if tag else None
        if not tag or not tv or tv.group("size").lower() == "latest":
            return None
        rest = (tv.group("rest") or "").lstrip("-_")
        if rest and not _OLLAMA_QUANT_TAG.fullmatch(rest):
            return None
        if self._library_families is None:
            libs: dict[str, set[str]] = {}
            for alias, mid in self.kb.alias_index.items():
                lib, colon, _t = alias.partition(":")
                if colon and "/" not in lib and mid in self.kb.models:
                    libs.setdefault(lib, set()).add(str(self.kb.models[mid].get("family") or ""))
            self._library_families = libs
        families = self._library_families.get(tag.group("name").lower(), set())
        if fid is None:
            if len(families) != 1:
                return None
            fid = next(iter(families))
        elif families and families != {fid}:
            return None
        fam = self.kb.families.get(fid or "")
        if not fid or fam is None:
            return None
        size = tv.group("size").lower()
        candidates = self._sized_candidates.get(fid)
        if candidates is None:
            candidates = self._sized_candidates[fid] = [
                mid for mid, model in self.kb.models.items()
                if model.get("family") == fid and model.get("publisher") == fam.get("publisher")
                and self._has_weights(mid) and not self._is_repack(mid)
                and model.get("role") in (None, fam.get("role"))]
        found = [mid for mid in candidates if self._has_size(mid, size)]
        return (fid, sorted(found)) if found else None

    def _pretrained_of(self, mid: str | None, *, by_record: bool = False) -> str | None:
        """The one finetune parent of ``mid`` when its repo name ends in "-base" (or, with ``by_record``, when the
        knowledge base records no parent of its own: a pretrained model such as meta-llama/Llama-3.1-8B), else
        None."""
        bases = (self.kb.models.get(mid or "") or {}).get("base") or []
        if len(bases) != 1 or not isinstance(bases[0], dict) or bases[0].get("relation") != "finetune":
            return None
        parent = str(bases[0].get("model") or "").lower()
        prec = self.kb.models.get(parent)
        if prec is None:
            return None
        if parent.endswith("-base"):
            return parent
        # a record with "base: []" is a pretrained model, and so is one whose every recorded parent is a continued
        # pre-training (Granite 3.1 base from Granite 3.0 base, Llama 3.2 3B pruned from Llama 3.1 8B and pre-trained
        # again): no instruction tuning in its own step. One without the key has no lineage recorded, so it says
        # nothing either way
        if not by_record or "base" not in prec:
            return None
        own = prec.get("base") or []
        return parent if all(isinstance(b, dict) and b.get("relation") == "continued-pretrain" for b in own) else None

    def _default_tag_of_size(self, name: str, size: str) -> str | None:
        """The model of Ollama's default tag for ``name`` when that model has the size ``size`` (by its params or
        a size word in its repo name), else None."""
        mid = self.kb.alias_index.get(f"{name}:latest") or self.kb.alias_index.get(name)
        if not mid:
            return None
        return mid if self._has_size(mid, size) else None

    def _default_tag_spelled(self, name: str, size: str, rest: str) -> str | None:
        """The model of Ollama's default tag for ``name`` when the tag's words after the size spell out that model's
        own name words and nothing else, a quantisation aside: the library lists the default checkpoint again under
        its full name ("mistral-nemo:12b-instruct-2407-q4_K_M", "mixtral:8x7b-instruct-v0.1-q4_K_M" beside
        "mistral-nemo:12b" and "mixtral:8x7b"). A word the model's name lacks ("-text", "-base", another date)
        names another checkpoint, and then nothing is returned."""
        words = [w for w in _NAME_SPLIT.split(_OLLAMA_TAG_QUANT_TAIL.sub("", rest)) if w]
        mid = self._default_tag_of_size(name, size) if words else None
        return mid if mid and set(words) <= self._name_words(mid) else None

    def _name_words(self, mid: str) -> set[str]:
        """The words of a model's Hub repo name (its id where it has no repo), lowercased, split at - and _."""
        return set(_NAME_SPLIT.split(str(self.kb.models.get(mid, {}).get("hf") or mid).split("/", 1)[-1].lower()))

    def _has_size(self, mid: str, size: str) -> bool:
        """Whether model ``mid`` has the size ``size`` ("8b"): its recorded params, or a word of its repo name."""
        return str(self.kb.models[mid].get("params") or "").lower() == size or size in self._name_words(mid)

    def _build_family_index(self) -> dict[str, list[tuple[int, re.Pattern[str], str]]]:
        buckets: dict[str, list[tuple[int, re.Pattern[str], str]]] = {}
        for order, (pattern, fid) in enumerate(self.kb.family_patterns()):
            prefix = literal_prefix(pattern.pattern)
            if len(prefix) >= _BUCKET:
                buckets.setdefault(prefix[:_BUCKET], []).append((order, pattern, fid))
            else:
                self._family_any.append((order, pattern, fid))
        # each bucket holds the patterns without a long enough literal prefix too, merged once in the knowledge
        # base's order, so a lookup walks one list and sorts nothing (it used to merge and sort on every call)
        for prefix, tried in buckets.items():
            buckets[prefix] = sorted([*tried, *self._family_any], key=lambda t: t[0])
        # one gate for the patterns without a literal prefix (most names reach only those); joining each bucket
        # too was measured and costs more to compile (~0.2 s) than it saves
        self._family_any_gate = any_of([p for _o, p, _f in self._family_any])
        self._family_buckets = buckets
        return buckets

    def _family(self, parsed: Parsed) -> str | None:
        buckets = self._family_buckets if self._family_buckets is not None else self._build_family_index()
        norm = normalise(parsed.core)
        candidates = [norm, parsed.core.lower().replace(":", "-")]
        tag = _OLLAMA_TAG.match(parsed.core) if "/" not in parsed.core else None
        if tag:
            # an Ollama tag the knowledge base does not list ("deepseek-r1:671b"): the library name before the colon
            # names the family, whatever checkpoint the tag picks
            candidates.append(tag.group("name").lower())
        memo = self._family_memo
        for candidate in dict.fromkeys(candidates):
            if candidate in memo:
                found = memo[candidate]
            else:
                # one name's forms in a code base (repo id, GGUF file, quant repo, router string) normalise alike:
                # each candidate is matched against the patterns once (bounded like the resolve memo)
                pool = buckets.get(candidate[:_BUCKET])
                gate = self._family_any_gate if pool is None else None
                found = None if gate is not None and not gate.fullmatch(candidate) else \
                    next((fid for _order, pattern, fid in (pool or self._family_any) if pattern.fullmatch(candidate)),
                         None)
                if len(memo) < _MEMO_MAX:
                    memo[candidate] = found
            if found:
                return found
        return None

    def _api_publisher(self, parsed: Parsed) -> tuple[str | None, str | None]:
        """An API model name shape (recognition.yaml) of a first-party API: (publisher id, provider id)."""
        if self._api_patterns is None:
            self._api_patterns = []
            for rec in self.kb.recognition.get("api_patterns") or []:
                try:
                    self._api_patterns.append((re.compile(rec["pattern"], re.IGNORECASE), str(rec["provider"]),
                                               bool(rec.get("serves_others"))))
                except (re.error, KeyError, TypeError):
                    continue  # data problems are reported by tests/knowledge/test_data.py
            self._api_gate = any_of([p for p, _prov, _others in self._api_patterns])
        name = parsed.core.lower()
        if "/" in name or (self._api_gate is not None and not self._api_gate.fullmatch(name)):
            return None, None
        for pattern, provider, serves_others in self._api_patterns:
            if pattern.fullmatch(name):
                if serves_others:
                    return None, None  # a cloud's own id for another maker's model (Ark's `deepseek-r1-250120`): the
                    # cloud's operator publishes none of them; the maker is read from the name elsewhere
                prov = self.kb.providers.get(provider) or {}
                operator = str(prov.get("operator") or "")
                # the provider's operator publishes the models its own API names: a vendor API, or the vendor's
                # own cloud (DashScope is Alibaba's, Qianfan Baidu's, Ark ByteDance's, Hunyuan Tencent's)
                if prov.get("kind") in ("api", "cloud") and operator in self.kb.publishers:
                    return operator, provider
                return None, None
        return None, None

    def _dated_snapshots(self, fid: str, name: str) -> list[str]:
        """The family's records named ``name`` plus a snapshot date (``-2506``, ``-2025-06-10``, ``-20250610``):
        the versions an undated API name may serve at a given time."""
        if self._family_members is None:
            members: dict[str, list[str]] = {}
            for mid, rec in self.kb.models.items():
                if rec.get("family"):
                    members.setdefault(str(rec["family"]), []).append(mid)
            self._family_members = members
        snap = re.compile(re.escape(name.lower()) + r"-(?:\d{4}|\d{4}-\d{2}-\d{2}|\d{8})")
        return sorted(mid for mid in self._family_members.get(fid, ()) if snap.fullmatch(mid.rpartition("/")[2]))

    # ---- building the record ------------------------------------------------------------------------
    def _family_license(self, fid: str) -> str | None:
        """The family's license, only when every model of the family in the KB agrees with it."""
        cached = self._family_license_cache.get(fid)
        if cached is not None or fid in self._family_license_cache:
            return cached
        fam = self.kb.families.get(fid) or {}
        lic = fam.get("license")
        used = {str(m.get("license", lic)).lower() for m in self.kb.models.values() if m.get("family") == fid}
        result = lic if lic and (not used or used == {str(lic).lower()}) else None
        self._family_license_cache[fid] = result
        return result

    def _publisher(self, pid: str | None) -> dict[str, Any] | None:
        pub = self.kb.publishers.get(pid or "")
        if not pub:
            return None
        return {"id": pub["id"], "name": pub.get("name") or pub["id"], "country": pub.get("country")}

    def _license(self, lic_id: str | None, *, inherited_from: str | None = None,
                 governing: tuple[str, str] | None = None) -> dict[str, Any] | None:
        """The licence object of an answer. ``governing`` = ``(parent id, licence id)`` for a re-packaging whose
        own repo declares ``lic_id`` while the weights it packages carry another licence (see
        ``_governing_license``): written as ``governing`` = that licence's object with ``from`` = the parent."""
        if not lic_id or str(lic_id).lower() == "unknown":
            return None
        rec = self.kb.licenses.get(str(lic_id).lower())
        out: dict[str, Any]
        if rec is None:
            out = {"id": lic_id, "spdx": None, "name": None, "permissive": None, "commercial_use": None}
        else:
            out = {
                "id": rec["id"], "spdx": rec.get("spdx"), "name": rec.get("name"),
                "permissive": rec.get("permissive"), "commercial_use": rec.get("commercial_use"),
            }
        if inherited_from:
            out["inherited_from"] = inherited_from
        if governing:
            gov = self._license(governing[1])
            if gov:
                out["governing"] = {**gov, "from": governing[0]}
        return out

    def _governing_license(self, mid: str, declared: str | None) -> tuple[str, str] | None:
        """``(parent, licence)`` when a re-packaging's own repo declares a licence other than the one the weights
        it packages carry, else None. A quantization or format conversion holds the same weights as its parent, and
        an uploader's declaration does not change the terms those weights were released under (a GGUF of Llama 3.1
        70B Instruct tagged ``mit`` is still Meta's Llama 3.1 material): the record keeps the declared id as its
        ``license`` (docs/knowledge-format.md, "Declared vs governing licence of a repack") and the answer adds the
        parent's licence as ``governing``. Same scope as licence inheritance (``_quantized_license``): the record's
        only base edge is a quantization, followed through a chain of quantizations, by a quantizer that is not
        another lab; ``proprietary`` and unknown declarations are left alone."""
        if not declared or str(declared).lower() in ("unknown", "proprietary"):
            return None
        parent, plic = self._quantized_license(mid)
        if not parent or not plic or str(plic).lower() in (str(declared).lower(), "unknown"):
            return None
        return parent, str(plic)

    def _quantized_license(self, mid: str) -> tuple[str | None, str | None]:
        """The license a quantization keeps from the weights it quantizes, for a record whose own license is
        unknown: ``(parent id, license)`` when the record's only base edge is a quantization (followed through a
        chain of quantizations) and the quantizer is not another lab, which may add its own terms (NVIDIA's FP8
        builds); else ``(None, None)``. A fine-tune or merge never inherits: its author may relicense."""
        seen = {mid}
        node = mid
        for _ in range(8):
            rec = self.kb.models.get(node) or {}
            bases = rec.get("base") or []
            if len(bases) != 1 or bases[0].get("relation") != "quantization":
                return None, None
            parent = str(bases[0].get("model") or "").lower()
            prec = self.kb.models.get(parent)
            if not prec or parent in seen:
                return None, None
            pub, ppub = rec.get("publisher"), prec.get("publisher")
            if pub != ppub and self._publisher_kind(pub) == "lab":
                return None, None
            seen.add(parent)
            lic = prec.get("license")
            if lic and str(lic).lower() != "unknown":
                return parent, str(lic)
            node = parent
        return None, None

    def _carried_license(self, mid: str, lic: str) -> str | None:
        """The parent whose licence a community quantization's record copied (generated records give a third
        party's GGUF / AWQ repo "licence and size as the unquantized model", citing the parent's sources with
        ``covers: [license]``), else None. Copied: the only base edge is a quantization by another publisher, the
        licence equals the parent's, and every source the record cites for its licence is a source of the parent
        or of the parent's own ancestors. A licence read from the repo's own card (a correction citing the repo's
        page) is the record's own."""
        rec = self.kb.models[mid]
        bases = rec.get("base") or []
        if len(bases) != 1 or not isinstance(bases[0], dict) or bases[0].get("relation") != "quantization":
            return None
        parent = str(bases[0].get("model") or "").lower()
        prec = self.kb.models.get(parent)
        if not prec or prec.get("publisher") == rec.get("publisher"):
            return None
        plic = prec.get("license")
        if not plic or str(plic).lower() == "unknown":
            plic = self._quantized_license(parent)[1]
        if str(plic or "").lower() != lic.lower():
            return None
        cited = [src.get("url") for src in rec.get("sources") or ()
                 if isinstance(src, dict) and "license" in (src.get("covers") or ())]
        if not cited:
            return None
        upstream: set[str] = set()
        node, seen = parent, {mid}
        for _ in range(8):
            nrec = self.kb.models.get(node)
            if not nrec or node in seen:
                break
            seen.add(node)
            upstream.update(str(src.get("url")) for src in nrec.get("sources") or () if isinstance(src, dict))
            nbases = nrec.get("base") or []
            node = str(nbases[0].get("model") or "").lower() if nbases and isinstance(nbases[0], dict) else ""
        return parent if all(url in upstream for url in cited) else None

    def served_by(self, provider_id: str | None, *, evidence: str | None = None) -> dict[str, Any] | None:
        """The operator record for ``provider_id``. Call it only with evidence of who serves the model (a
        provider prefix, a hosted-id form, an endpoint or client found in code, a runtime probe); ``evidence``
        says which, and is kept in the record."""
        if not provider_id:
            return None
        prov = self.kb.providers.get(provider_id)
        if prov is None:
            # recognition ids may differ from providers.yaml ids; match by prefix list or operator
            prov = next((p for p in self.kb.providers.values()
                         if provider_id in (p.get("prefixes") or []) or p.get("operator") == provider_id), None)
        if prov is None:
            return {"id": provider_id, "operator": None, "country": None, "serving": [], "kind": None,
                    "evidence": evidence}
        return {
            "id": prov["id"], "operator": prov.get("name") or prov.get("operator"), "country": prov.get("country"),
            "serving": list(prov.get("serving") or []), "kind": prov.get("kind"), "evidence": evidence,
        }

    def _prefix_served(self, parsed: Parsed) -> dict[str, Any] | None:
        if not parsed.provider or not self._maker_prefix_holds(parsed):
            return None
        return self.served_by(parsed.provider, evidence=f"the identifier's form: {parsed.query!r} names the provider")

    def _maker_prefix_holds(self, parsed: Parsed) -> bool:
        """Whether a lab's own prefix written with '/' (litellm's ``anthropic/claude-sonnet-4-6``) names the lab's
        API. OpenRouter and Vercel AI Gateway write their model ids ``<lab>/<name>`` with the same slugs but their
        own spellings (``anthropic/claude-sonnet-4.6``, ``openai/gpt-5.1-chat``, ``deepseek/deepseek-r1-distill-
        qwen-14b``), so the prefix is evidence of the lab's API only when the name after it is one that API takes:
        the provider's own key in the shipped catalogue, or an API-only record of the lab matched by its exact id
        or alias. Otherwise the id says nothing certain about who serves it (README: served_by only on evidence)."""
        head, sep, tail = parsed.query.partition("/")
        slug = head.lower()
        if sep != "/" or slug not in _GATEWAY_LAB_SLUGS or tail != parsed.core:
            return True
        name = tail.lower()
        # the name itself, or a dated snapshot of it ("devstral-small-2507" beside the catalogue's "devstral-small")
        # where the provider's API is one that names dated snapshots after undated names (its catalogue lists such
        # pairs): the shipped catalogue keeps the current snapshots only, and the API's own name for an older one
        # is the same form. A gateway's dated spelling under a lab whose API never takes dated names
        # ("deepseek/deepseek-r1-0528") stays no evidence.
        dated = DATED_SNAPSHOT.fullmatch(name) if parsed.provider in dated_snapshot_providers() else None
        for key in (f"{slug}/{name}", name, *((f"{slug}/{dated['stem']}",) if dated else ())):
            entry = catalog_entry(key)
            if entry is not None and entry[0] == parsed.provider:
                return key != f"{slug}/{name}" or not self._hub_spelling_only(name, entry[2], entry[0])
        operator = str((self.kb.providers.get(parsed.provider or "") or {}).get("operator") or "").lower()
        mid = self.kb.alias_index.get(name) or f"{operator}/{name}"
        rec = self.kb.models.get(mid)
        return rec is not None and not rec.get("hf") and str(rec.get("publisher") or "").lower() == operator

    def _hub_spelling_only(self, name: str, model: str | None, provider: str) -> bool:
        """A catalogue key ``<lab>/<name>`` whose name is the Hub repository's own name of the open-weights model the
        key maps to (``deepseek/deepseek-r1`` -> deepseek-ai/DeepSeek-R1), for a provider whose own names the
        catalogue lists bare (a price list by provider: ``deepseek-chat``, ``deepseek-reasoner``) without this one:
        the release's name as the Hub, OpenRouter and litellm's alias write it, not a name the lab's API takes (the
        DeepSeek API serves R1 as ``deepseek-reasoner``), so the form says nothing of who serves it."""
        rec = self.kb.models.get(model or "")
        hf = str((rec or {}).get("hf") or "")
        if not hf or hf.rsplit("/", 1)[-1].lower() != name or provider not in _bare_listed_providers():
            return False
        bare = catalog_entry(name)
        return bare is None or bare[0] != provider

    def _partial(self, parsed: Parsed, pub_id: str | None, *, reason: str, sources: Any,
                 model: dict[str, Any] | None = None, license: dict[str, Any] | None = None,
                 open_weights: bool | None = None, role: str | None = None,
                 extra_pubs: tuple[str | None, ...] = ()) -> Resolution:
        """A record where the publisher (or family) is known but the exact model is not: its lineage is
        unknown (None), and origins hold only the publisher's country, marked incomplete."""
        reasons: dict[tuple[str, str], dict[str, Any]] = {}
        for pid in (pub_id, *extra_pubs):
            country = self._country(pid)
            if country and pid:
                entry = reasons.setdefault((country, "publisher"), {"country": country, "because": "publisher",
                                                                    "models": [], "publishers": []})
                if pid not in entry["publishers"]:
                    entry["publishers"].append(pid)
        countries = sorted({c for c, _ in reasons})
        return Resolution(
            query=parsed.query, model=model, publisher=self._publisher(pub_id), license=license,
            open_weights=open_weights, edges=None, roots=None, teachers=None,
            origins=tuple(countries) if countries else None, origins_known=False,
            origin_reasons=tuple(reasons.values()), served_by=self._prefix_served(parsed),
            flags=tuple(self._flags([pub_id, *extra_pubs])), sources=tuple(sources or ()), confidence="inferred",
            reason=reason, role=role,
        )

    def _resolve(self, parsed: Parsed) -> Resolution:
        kb = self.kb
        served = self._prefix_served(parsed)
        rejected = None if "/" in parsed.core else (
            kb.rejected.get(parsed.core.lower()) or kb.rejected.get(normalise(parsed.core)))
        mid, how, packager = (None, "none", None) if rejected else self._match_model(parsed)
        if mid is not None and parsed.provider:
            mid = self._bare_served(parsed, mid)
        tunes = self._operator_label_tunes(parsed, mid, packager) if mid is not None else []
        if mid is not None and tunes:
            return self._operator_label(parsed, mid, tunes)
        if rejected:
            why = f"deliberately not mapped to one model: {rejected.get('reason')}"
            api_pub, _api_provider = self._api_publisher(parsed)
            if api_pub:
                return self._partial(parsed, api_pub, reason=f"{why}; publisher from the API name",
                                     sources=rejected.get("sources"))
            return Resolution(query=parsed.query, served_by=served, confidence="unknown", reason=why)
        if mid is None:
            claim = self._name_claim(parsed)
            if claim is not None:
                return claim
            fid = self._family(parsed)
            sized = self._ollama_size_models(parsed, fid)
            by_library = bool(sized) and fid is None
            if sized:
                fid = sized[0]
            org = parsed.core.split("/")[0] if "/" in parsed.core else None
            org_pub = kb.org_index.get(org.lower()) if org else None
            if fid:
                fam = kb.families[fid]
                third = self._third_party(parsed, fam["publisher"])
                if third is not None:
                    return self._third_party_family(parsed, fid, third)
                pub_id = org_pub if org_pub and self._publisher_kind(org_pub) == "lab" else fam["publisher"]
                # another lab's repo named after this family (NVIDIA's "Llama-3.1-Nemotron-..."): its license is
                # that lab's choice, not the family's
                lic = self._family_license(fid) if pub_id == fam["publisher"] else None
                size_note = ""
                if sized and pub_id == fam["publisher"]:
                    shared = {str(self.kb.models[m].get("license", fam.get("license"))).lower() for m in sized[1]}
                    if not lic and len(shared) == 1 and "unknown" not in shared and "none" not in shared:
                        lic = str(self.kb.models[sized[1][0]].get("license", fam.get("license")))
                    size_note = (f"; of that size the knowledge base holds {', '.join(sized[1][:4])}"
                                 + (f", all licensed {lic}" if lic else ""))
                elif not lic and pub_id == fam["publisher"] and not parsed.is_file:
                    # an undated name whose dated snapshots the family holds ("magistral-medium" beside
                    # magistral-medium-2506 / -2507 / -2509): whichever snapshot it serves, their shared licence
                    snaps = self._dated_snapshots(fid, parsed.core.rsplit("/", 1)[-1])
                    shared = {str(self.kb.models[m].get("license", fam.get("license"))).lower() for m in snaps}
                    if len(shared) == 1 and not shared & {"unknown", "none"}:
                        lic = str(self.kb.models[snaps[0]].get("license", fam.get("license")))
                        size_note = (f"; every dated snapshot of the name the knowledge base holds "
                                     f"({', '.join(snaps[:4])}) is licensed {lic}")
                how = (f"an Ollama tag whose library name's listed tags all package {fam.get('name', fid)} models"
                       if by_library else f"matched the {fam.get('name', fid)} family name pattern")
                return self._partial(
                    parsed, pub_id, extra_pubs=(fam["publisher"],) if fam["publisher"] != pub_id else (),
                    model={"id": None, "family": fid, "params": None},
                    license=self._license(lic), open_weights=fam.get("open_weights"),
                    sources=fam.get("sources"), role=fam.get("role"),
                    reason=f"{how}; the exact model is unknown, so its base, teachers and full origins are unknown"
                    + size_note)
            api_pub, _api_provider = self._api_publisher(parsed)
            if api_pub and not org_pub:
                # a tier whose API-only siblings of the same publisher are all proprietary is proprietary too
                # (glm-z1-flashx beside glm-z1-air / -airx / -flash), as in the sibling rule below
                sib = None if parsed.is_file else self._api_sibling_publisher(parsed.core)
                sib_lic = self._api_sibling_license(parsed.core) if sib and sib[0] == api_pub else None
                ctx = None if sib or parsed.is_file else self._context_tier_of(parsed.core, api_pub)
                if ctx:
                    sib, sib_lic = (api_pub, [ctx]), "proprietary"
                return self._partial(
                    parsed, api_pub, sources=kb.publishers[api_pub].get("sources"), license=self._license(sib_lic),
                    open_weights=False if sib_lic else None,
                    # the publisher's name, not its id after "a" ("the shape of a openai API model name")
                    reason=f"the name has the shape of an API model name of {kb.publishers[api_pub].get('name') or api_pub}; "
                    "the exact model and its base are "
                    "unknown" + ((f"; it is {ctx}, an API-only proprietary model of {api_pub}, with a context-window "
                                  "size after it, so the license is proprietary") if ctx else
                                 (f"; its API-only siblings ({', '.join(sib[1][:3])}) are all proprietary and its last "
                                  "word is a tier, not a size, so the license is proprietary")
                                 if sib and sib_lic else ", and so is the license"))
            sib_name = parsed.core
            sibling = None if org or parsed.is_file else self._api_sibling_publisher(sib_name)
            dated = None if sibling or org or parsed.is_file else _API_SNAPSHOT.fullmatch(parsed.core)
            if dated:
                # a dated snapshot of an API name the knowledge base does not hold ("qwen3.5-flash-2026-02-23"): the
                # undated name's API-only siblings say who publishes it
                sib_name = dated.group(1)
                sibling = self._api_sibling_publisher(sib_name)
            if sibling:
                sib_pub, sib_names = sibling
                sib_lic = self._api_sibling_license(sib_name)
                snap = f" (a dated snapshot of {sib_name})" if sib_name != parsed.core else ""
                return self._partial(
                    parsed, sib_pub, sources=kb.publishers[sib_pub].get("sources"), license=self._license(sib_lic),
                    open_weights=False if sib_lic else None,
                    reason=f"not in the knowledge base{snap}; its versioned stem is that of {sib_pub}'s API-only "
                    f"models ({', '.join(sib_names[:3])}), so the publisher is {sib_pub}; the exact model and its base "
                    "are unknown" + ("; every one of those siblings is proprietary and the name's last word is a "
                                     "tier, not a size, so the license is proprietary (an API-only tier)"
                                     if sib_lic else ", and so is the license"))
            cloud = None if org or parsed.is_file or ":" in parsed.core else self._cloud_tail_model(parsed.core)
            if cloud:
                cloud_mid, cloud_pub, what = cloud
                return self._partial(
                    parsed, cloud_pub, sources=kb.publishers[cloud_pub].get("sources"),
                    reason=f"not in the knowledge base: {what} of {cloud_mid}, so the publisher is {cloud_pub}; which "
                    "checkpoint that deployment serves is not stated, so the exact model, its base and license are "
                    "unknown")
            worded = self._family_word_claim(parsed, org) or self._release_word_claim(parsed, org)
            if worded is not None:
                return worded
            if org_pub:
                return self._partial(
                    parsed, org_pub, sources=kb.publishers[org_pub].get("sources"),
                    reason=f"publisher {org} is known, the model is not in the knowledge base; base and license "
                    "unknown")
            return Resolution(query=parsed.query, served_by=served, confidence="unknown",
                              reason="not in the knowledge base")
        served_build = None
        if not packager and parsed.provider and self._serves_remotely(parsed.provider):
            # a provider's id reaching the publisher's own FP8 / AWQ build by a respelling (a served-name table, an
            # alias) denotes the open model, served in the provider's chosen precision (as Together's "-Turbo"
            # does); an id that spells the build's repo name ("novita/qwen/qwen3-4b-fp8") is that build (names_build)
            original = self.first_party_original(mid)
            if original != mid and not self.quotes_build(parsed.core, mid):
                if self.names_build(parsed.core, mid):
                    how = "inferred"  # the host's slug of the build's repo name: that build, by the name's reading
                else:
                    served_build, mid, how = mid, original, "inferred"
        served_precision = None
        if not packager and not served_build and parsed.provider and "/" in parsed.core:
            words = removed_suffixes(parsed.core.rsplit("/", 1)[-1])
            own_name = str(kb.models[mid].get("hf") or mid).rsplit("/", 1)[-1].lower()
            if words and all(w in _SERVING_PRECISION_WORDS for w in words) and self._serves_remotely(parsed.provider) \
                    and not removed_suffixes(own_name):
                # the record matched is the model without the format word (not a build the KB lists by that name)
                served_precision = "-".join(reversed(words))
        model = kb.models[mid]
        graph = build_graph(kb, mid)
        if self._declared:
            graph.nodes = [(c, "company claim" if m in self._declared else b, m, p) for c, b, m, p in graph.nodes]
        publisher: dict[str, Any] | None
        if packager:
            pk_pub = kb.org_index.get(packager.lower())
            shown_id = parsed.core.lower()
            # the re-packager publishes the repo; an account the KB does not know is still the publisher (with no
            # country), never the original's publisher
            publisher_id = pk_pub
            publisher = self._publisher(pk_pub) if pk_pub else _account(packager)
            step = {"child": shown_id, "relation": "quantization", "parent": mid,
                    "parent_publisher": self._publisher(model.get("publisher"))}
            if how in _NAME_HOWS:
                step["source"] = "name"  # only the repo's name links it to that model
            graph.edges.insert(0, step)
            country = self._country(publisher_id)
            graph.nodes.insert(0, (country, "publisher", shown_id, publisher_id))
            graph.nodes[1:] = [(c, "base" if b == "publisher" else b, m, p) for c, b, m, p in graph.nodes[1:]]
            if not country:  # origins are the publisher's country plus the lineage's: the repackager is the publisher
                graph.complete = False
                graph.gaps.append(f"no country is recorded for {packager}, who repackaged it")
        else:
            shown_id = mid
            publisher_id = model.get("publisher")
            publisher = self._publisher(publisher_id)
        claimed = self._claimed_origins(graph)
        countries = sorted({c for c, _b, _m, _p in graph.nodes if c} | {str(r["country"]) for r in claimed})
        fam = kb.families.get(model.get("family") or "", {})
        lic = model.get("license", fam.get("license"))
        inherited = carried = None
        if not lic or str(lic).lower() == "unknown":
            inherited, lic = self._quantized_license(mid)
        elif not packager:
            # a generated record that copied its parent's licence (its only sources for the licence are the
            # parent's): the repo's own card was not read, so the licence is inherited, not the repo's own
            carried = inherited = self._carried_license(mid, str(lic))
        if packager and self._publisher_kind(publisher_id) == "lab" and publisher_id != model.get("publisher"):
            # another lab's re-packaging (NVIDIA's FP8 of a Llama) may add that lab's own terms: the license is
            # not inherited by rule, as a community repack's is
            lic = None
        if packager and lic and str(lic).lower() != "unknown" and not inherited:
            inherited = mid  # a repo the knowledge base does not hold keeps the licence of the model it packages
        governing = None if inherited or packager else self._governing_license(mid, lic)
        confidence = "known" if how == "exact" and not packager else "unknown" if how in _NAME_HOWS else "inferred"
        if inherited and lic and confidence == "known":
            confidence = "inferred"  # the licence is inherited by rule, not read from the repo's own card
        disputed = [str(x) for x in model.get("license_disputed") or () if str(x) != str(lic)]
        if disputed and lic:
            # sources the knowledge base holds state other licences for these weights (a repo's README against
            # the weights' own card): the licence is given with its evidence but is not a confident answer
            confidence = "unknown"
        pubs = [p for _c, _b, _m, p in graph.nodes]
        # a match by name among records that share it (not the record's own repo id or an alias): say which and why
        query_name, colon, _tag = parsed.core.rsplit("/", 1)[-1].partition(":")
        same_name = None if parsed.core.lower() in (mid, str(model.get("hf") or "").lower()) \
            or parsed.core.lower() in kb.alias_index or (colon and "/" not in parsed.core) \
            else self._shared_name_note(mid, query_name)
        if same_name and confidence == "known":
            confidence = "inferred"  # which of the records sharing the name it denotes is the ranking's reading
        return Resolution(
            query=parsed.query,
            model={"id": shown_id, "family": model.get("family"), "params": model.get("params"),
                   "name": model.get("name"), "hf": model.get("hf")},
            publisher=publisher,
            license=self._license(lic, inherited_from=inherited, governing=governing),
            open_weights=model.get("open_weights", fam.get("open_weights")),
            edges=tuple(graph.edges),
            roots=tuple(graph.roots) if graph.roots is not None else None,
            teachers=tuple(graph.teachers),
            origins=tuple(countries) if countries else None,
            origins_known=graph.complete and bool(countries) and how not in _NAME_HOWS,
            origin_reasons=(*origin_reasons(graph), *claimed),
            served_by=served,
            flags=tuple(self._flags(pubs)),
            sources=tuple(model.get("sources") or ()),
            confidence=confidence,
            reason="; ".join(x for x in (
                self._model_reason(how, graph),
                f"a repo of {packager} with the exact name of {mid}: a re-upload, a renamed repo or a fine-tune that "
                "kept the name; the link to that model (and the license a re-upload keeps) is the name's claim only"
                if how == "name" else None,
                f"{packager}'s own repo named as {mid} plus a precision word: the same model in another dtype, but "
                "which repo was converted from the other the name does not say; the link (and the license) is the "
                "name's claim only" if how == "name-dtype" else None,
                f"a repo of {packager} whose name, less its packaging words, is the start of one known model's name "
                f"only ({mid}): a re-packaging of it by the name's claim only (unverified), and so is the license a "
                "re-packaging keeps" if how == "name-prefix" else None,
                f"{parsed.provider} serves {mid} (the id names the publisher's own build {served_build})"
                if served_build else None,
                f"{parsed.provider} serves {mid} in a number format it chose ('{served_precision}' in the id names no "
                "separate repo the knowledge base knows)" if served_precision else None,
                f"the license of {mid} is disputed: its sources also state {', '.join(disputed)}"
                if disputed and lic else None,
                same_name,
                f"a re-packaging of {mid} by {packager}: the license is {mid}'s, which a re-packaging keeps"
                if packager and lic and str(lic).lower() != "unknown" and how != "name-dtype" else None,
                f"{mid}'s licence in the knowledge base was copied from {inherited}, which it quantizes (the record "
                f"cites only {inherited}'s sources for it): inherited ({lic}), not read from the repo's own card, "
                "which may declare another" if carried and lic else None,
                f"{mid}'s card states no license the knowledge base records; it is a quantization of {inherited}, "
                f"whose license ({lic}) a quantization keeps" if inherited and lic and not carried and not packager
                else None) if x) or None,
            role=model.get("role") or fam.get("role"),
            lineage_undisclosed=tuple(graph.undisclosed),
        )

    def _claimed_origins(self, graph: Graph) -> list[dict[str, Any]]:
        """Countries that a knowledge-base record's *name* claims where the record leaves its base unrecorded
        ("huihui-ai/DeepSeek-R1-Distill-Qwen-14B-abliterated", base not read from its card): the named model's
        origins, each marked ``claim: name``. They only widen a lower bound (the graph is already incomplete, so
        ``origins_known`` stays false); no edge is added."""
        out: list[dict[str, Any]] = []
        for _c, _because, node, pid in graph.nodes:
            rec = self.kb.models.get(node)
            if rec is None or "base" in rec or undisclosed(rec):
                continue
            cached = self._claim_cache.get(node)
            if cached is None:
                cached = self._claim_cache[node] = self._node_claim(node, rec, pid)
            out.extend(dict(r, models=list(r["models"]), publishers=list(r["publishers"])) for r in cached)
        return out

    def _node_claim(self, node: str, rec: dict[str, Any], pid: str | None) -> tuple[dict[str, Any], ...]:
        name = str(rec.get("hf") or node).split("/", 1)[-1]
        org = str(rec.get("hf") or node).split("/", 1)[0]
        base = self._claimed_base(name, strip_quant(name)[0], pid, org)
        for respelled in self._claim_respellings(name, org) if base is None else ():
            # the respellings a name claim tries (underscores for dashes, a leading org or owner word): a record's
            # name claims what the same name claims without a record ("bmkllm/qwen_2-7b-it_v5")
            base = self._claimed_base(respelled, strip_quant(respelled)[0], pid, org)
            if base is not None:
                break
        if base is None:
            # several candidates only for a third party's record: a lab's own release named like other records
            # ("Mistral-7B-Instruct-v0.3", "Qwen3-32B") is not built on them
            return () if self._publisher_kind(pid) == "lab" else self._node_candidates_claim(node, name, org, pid)
        found: dict[str, dict[str, Any]] = {}
        for country, _b, upstream, upub in build_graph(self.kb, base).nodes:
            if not country:
                continue
            entry = found.setdefault(country, {"country": country, "because": "base", "models": [], "publishers": [],
                                               "claim": f"the name of {node}"})
            if upstream not in entry["models"]:
                entry["models"].append(upstream)
            if upub and upub not in entry["publishers"]:
                entry["publishers"].append(upub)
        return tuple(found.values())

    def _node_candidates_claim(self, node: str, name: str, org: str, pid: str | None) -> tuple[dict[str, Any], ...]:
        """A record's name that names several known models without saying which ("llama-3-Nephilim-v3-8B": one of
        the Llama 3 8B models): the countries every one of them has, each marked ``claim: name``, as the same name
        claims them without a record (``_candidates_claim``); nothing when they share none."""
        _base, candidates = self._claimed(name, strip_quant(name)[0], pid, org)
        for respelled in self._claim_respellings(name, org) if not candidates else ():
            _base, candidates = self._claimed(respelled, strip_quant(respelled)[0], pid, org)
            if candidates:
                break
        if not candidates:
            return ()
        shared: set[str] | None = None
        for mid in candidates:
            got = {c for c, _b, _m, _p in build_graph(self.kb, mid).nodes if c}
            shared = got if shared is None else shared & got
        return tuple({"country": c, "because": "base", "models": list(candidates[:4]), "publishers": [],
                      "claim": f"the name of {node}"} for c in sorted(shared or ()))

    # ---- third-party repos named after a model: the name is a claim, not a fact ------------------------------
    def _third_party(self, parsed: Parsed, owner: str | None) -> str | None:
        """The Hub account of ``org/name`` when it is not ``owner`` (the publisher the name points at), else None.
        Local folders, mirror orgs and paths are not accounts."""
        core = parsed.core
        if parsed.is_file or core.count("/") != 1:
            return None
        org = core.split("/", 1)[0]
        if not is_hub_account(org) or org.lower() in self._mirror_orgs:
            return None
        org_pub = self.kb.org_index.get(org.lower())
        if owner and org_pub == owner:
            return None
        return org

    def _org_publisher(self, org: str) -> tuple[str | None, dict[str, Any]]:
        pid = self.kb.org_index.get(org.lower())
        return pid, (self._publisher(pid) if pid else None) or _account(org)

    def _third_party_family(self, parsed: Parsed, fid: str, org: str) -> Resolution:
        """``casperhansen/some-llama-3-variant-awq``: a third party's repo whose name only looks like a family. The
        third party is the publisher; the family's publisher is in the origins as a lower bound (the name's
        claim); the license is the family's only for a re-packaging (a repack keeps its source's license)."""
        fam = self.kb.families[fid]
        pid, publisher = self._org_publisher(org)
        name = parsed.core.split("/", 1)[1]
        removed = removed_suffixes(name)
        repack = bool(removed) and not any(w in _TRAINED_SUFFIXES for w in removed)
        lic = self._family_license(fid) if repack else None
        res = self._partial(
            parsed, pid, extra_pubs=(fam["publisher"],), model={"id": None, "family": fid, "params": None},
            license=self._license(lic), open_weights=fam.get("open_weights"), sources=fam.get("sources"),
            role=fam.get("role"),
            reason=f"a repo of {org}, named like the {fam.get('name', fid)} family; the exact model is unknown, so its "
            "base is unknown and origins are a lower bound" + ("; the license is the family's, which a re-packaging "
                                                               "keeps" if lic else "; license unknown"))
        return replace(res, publisher=publisher)

    def _claimed_base(self, name: str, stripped: str, owner_pub: str | None, org: str) -> str | None:
        """The known model a derivative's repo name is built on: the longest leading part of the name that is a
        lab model's exact Hub repo name ("Qwen2.5-7B-Instruct-sft-medical" -> Qwen2.5-7B-Instruct), else the
        longest trailing part ("Hermes-2-Pro-Llama-3-8B" -> Meta-Llama-3-8B). Never the org's own model."""
        return self._claimed(name, stripped, owner_pub, org, candidates=False)[0]

    def _claimed(self, name: str, stripped: str, owner_pub: str | None, org: str, *,
                 retry: bool = True, candidates: bool = True) -> tuple[str | None, tuple[str, ...]]:
        """``(base, ())`` as ``_claimed_base`` reads the name, or ``(None, candidates)`` when the name says more than
        the known model its shorter leading part matches, naming several known models without saying which:
        "DeepSeek-R1-Distill-Llama-text-to-sql" starts with the leading part of DeepSeek-R1-Distill-Llama-8B and
        -70B (not DeepSeek-R1 itself); "DeepSeek-R1-32b-Medical" gives a size DeepSeek-R1 is not, so it names the
        DeepSeek-R1-* models of that size. A language word inside the name ("llama-3-chinese-8b-instruct") is read
        past once when nothing else matched."""
        index = self._hub_names()
        if self._hub_name_starts is None:
            self._hub_name_starts = frozenset(k[:3] for k in index)
        starts = self._hub_name_starts
        # leading parts of the name as written ("Llama-2-7b-hf-lora" -> "Llama-2-7b-hf": a suffix such as "-hf" can
        # be part of the model's own name), trailing parts of the name without its packaging suffixes
        heads = [name[:m.start()] for m in reversed(list(_NAME_SPLIT.finditer(name)))]
        tails = [stripped[m.end():] for m in _NAME_SPLIT.finditer(stripped)]
        # leading parts that start other known names, longest first; their candidates are computed only when needed
        prefixed: list[str] = []
        found_pending: list[tuple[str, ...]] = []

        def pending() -> tuple[str, ...]:
            while prefixed and not found_pending:
                got = self._completions(prefixed.pop(0), owner_pub, org)
                if got:
                    found_pending.append(got)
            return found_pending[0] if found_pending else ()

        for i, part in enumerate((*heads, *tails)):
            low = part.lower()
            # every spelling keeps the first three letters, or becomes a Meta Llama name
            if low[:3] not in starts and not low.startswith(("llama", "meta-llama")):
                continue
            if len(part) < 4 or (not _HAS_DIGIT.search(part) and "-" not in part):
                continue
            for spelling in _claim_spellings(low):
                ids = [m for m in index.get(spelling) or () if self._claimable(m, owner_pub, org)]
                ranked = self._same_name.rank(ids) if ids else None
                if ranked is None and sum(self._publisher_kind(self.kb.models[m].get("publisher")) == "lab"
                                          for m in ids) > 1:
                    # two labs' repos of this name that nothing the knowledge base records ranks (neither derived
                    # from the other, no family or kind singles one out): the name names one of them without saying
                    # which, never a shorter part's model instead (a name only community repos share, such as
                    # "model16", is read on as before)
                    return None, tuple(sorted(set(ids))) if candidates else ()
                pick = [ranked[0]] if ranked else []
                if len(pick) == 1:
                    if i < len(heads) and candidates:
                        longer = pending()
                        if longer:
                            return None, self._narrowed(longer, name)  # a longer leading part named more
                        other = self._other_size(name[len(part):], pick[0], owner_pub, org)
                        if other is not None:
                            return None, other
                    return pick[0], ()
            if (candidates and not _LANGUAGE_WORDS.intersection(_NAME_SPLIT.split(low))
                    and self._starts_names(low)):
                # (a part with a language word is another's adaptation: "llama3-chinese" is not HFL's line). A
                # trailing part counts too, after every leading one: "fine-tuned-bge-base" names one of the
                # bge-base-* models
                prefixed.append(low)
        if retry:
            pieces = re.split(r"([-_])", name)
            for k in range(2, len(pieces), 2):
                if pieces[k].lower() in _LANGUAGE_WORDS:
                    cut = "".join(pieces[:k - 1] + pieces[k + 1:])
                    found = self._claimed(cut, strip_quant(cut)[0], owner_pub, org, retry=False,
                                          candidates=candidates)
                    if found[0] or found[1]:
                        return found
                    break
        return None, self._narrowed(pending(), name) if candidates else ()

    def _narrowed(self, candidates: tuple[str, ...], name: str) -> tuple[str, ...]:
        """``candidates`` of the size the name gives as a word ("Qwen-2.5-Coder-32B"), when any has it."""
        sizes = {w for w in _NAME_SPLIT.split(name.lower()) if _SIZE_WORD.fullmatch(w)}
        if not sizes or not candidates:
            return candidates
        kept = tuple(m for m in candidates if sizes & self._name_words(m))
        return kept or candidates

    def _claimable(self, mid: str, owner_pub: str | None, org: str) -> bool:
        return self._has_weights(mid) and not self._is_repack(mid) and self._not_own(mid, owner_pub, org)

    def _not_own(self, mid: str, owner_pub: str | None, org: str) -> bool:
        """Neither the asking org's own repo nor its publisher's model."""
        return self.kb.models[mid].get("publisher") != owner_pub and self._hf_org(mid) != org.lower()

    def _spellings_of_prefix(self, low: str) -> list[str]:
        spellings = _claim_spellings(low)
        spellings += ["meta-" + v for v in spellings if v.startswith("llama-")]
        return list(dict.fromkeys(spellings))

    def _starts_names(self, low: str) -> bool:
        """Whether some known Hub repo name starts with ``low`` and a dash (a bisect per spelling)."""
        if self._hub_sorted is None:
            self._hub_sorted = sorted(self._hub_names())
        keys = self._hub_sorted
        for spelling in self._spellings_of_prefix(low):
            at = bisect_left(keys, spelling + "-")
            if at < len(keys) and keys[at].startswith(spelling + "-"):
                return True
        return False

    def _completions(self, low: str, owner_pub: str | None, org: str, size: str | None = None) -> tuple[str, ...]:
        """Lab models (with weights, not repacks, not the org's own) whose Hub repo name starts with ``low`` and a
        dash, and, with ``size``, has that size as a word of its name."""
        lab = self._lab_completions.get((low, size))
        if lab is None:
            lab = self._lab_completions[(low, size)] = self._lab_models_starting(low, size)
        return tuple(m for m in lab if self._not_own(m, owner_pub, org))

    def _lab_models_starting(self, low: str, size: str | None) -> tuple[str, ...]:
        """The part of `_completions` that does not depend on who asks: lab models with weights, not repacks, whose
        Hub repo name starts with ``low`` and a dash (and has ``size`` as a word). Memoised per (low, size) by the
        caller, so many unknown names with one leading part walk the Hub names once, not once each."""
        if self._hub_sorted is None:
            self._hub_sorted = sorted(self._hub_names())
        keys = self._hub_sorted
        index = self._hub_names()
        found: list[str] = []
        for spelling in self._spellings_of_prefix(low):
            head = spelling + "-"
            at = bisect_left(keys, head)
            while at < len(keys) and keys[at].startswith(head):
                words = _NAME_SPLIT.split(keys[at])
                # a name with a language word in it is another's adaptation of the line, not the line itself
                if (size is None or size in words) and not _LANGUAGE_WORDS.intersection(words):
                    # (records sharing the name, an original and a lab's re-upload of it, count as the one the name
                    # denotes: they are one completion, not two)
                    found.extend(self._one_per_name([
                        m for m in index[keys[at]] if self._has_weights(m) and not self._is_repack(m)
                        and self._publisher_kind(self.kb.models[m].get("publisher")) == "lab"]))
                at += 1
        return tuple(sorted(set(found)))

    def _other_size(self, rest: str, mid: str, owner_pub: str | None, org: str) -> tuple[str, ...] | None:
        """When the word right after a matched leading part is a size that model is not ("DeepSeek-R1" then
        "-8b"), the models of that line with that size (maybe none); else None (the match stands)."""
        word = _NAME_SPLIT.split(rest.lstrip("-_"), maxsplit=1)[0].lower()
        model = self.kb.models[mid]
        params = str(model.get("params") or "").lower()
        if not params or not _SIZE_WORD.fullmatch(word):
            return None
        hub = str(model.get("hf") or mid).split("/", 1)[-1].lower()
        if word == params or word in _NAME_SPLIT.split(hub):
            return None
        return self._completions(hub, owner_pub, org, size=word)

    def _claim_respellings(self, name: str, account: str = "") -> list[str]:
        """Other writings of a repo name whose known model the name does not match as written: words joined with
        underscores ("bge_base_en_v1.5_finetune10epochs" is bge-base-en-v1.5's name with '_' for '-'), a
        leading word that is a known Hub org ("BAAI-bge-large-en-v1.5-fine-tuned": the lab's org written before its
        model's name), and a leading word that is the repo owner's own name ("huihui-ai/Huihui-Qwen3.5-4B-abliterated":
        the account brands its derivative before the model's name, as a lab writes its org). Each is tried only
        after the name as written matched nothing; a claim found this way is still the name's claim only."""
        out: list[str] = []
        dashed = name.replace("_", "-")
        if dashed != name:
            out.append(dashed)
        head, sep, rest = dashed.partition("-")
        owner = account.lower()
        own_word = len(head) >= 3 and head.lower() in (owner, re.split(r"[-_.]", owner)[0])
        if sep and rest and (head.lower() in self._hub_orgs() or own_word):
            out.append(rest)
        return out

    def _name_claim(self, parsed: Parsed) -> Resolution | None:
        """A third party's repo not in the knowledge base whose name starts (or ends) with a known model's repo name:
        a fine-tune, adapter or merge the name *claims* is built on that model (``acme/Qwen2.5-7B-Instruct-sft``,
        ``jdoe/Llama-3.1-8B-Instruct-lora``), or a re-packaging of such a derivative. The claim is reported with its
        evidence (the name), the third party as publisher, no license, origins as a lower bound, and confidence
        ``unknown``: nothing here is a knowledge-base fact."""
        if parsed.is_file and "/" not in parsed.core:
            # a weights file named after a derivative ("Meta-Llama-3.1-8B-Instruct-abliterated.Q4_K_M.gguf"): who
            # made it is unknown; the file packages that derivative, whose name claims the base
            org, pid, publisher, name = None, None, None, parsed.core
        else:
            org = self._third_party(parsed, None)
            if org is None:
                return None
            pid, publisher = self._org_publisher(org)
            name = parsed.core.split("/", 1)[1]
            if ":" in name:
                # an Ollama user's upload: only a tag that names the file's quantisation keeps the name's claim
                name, _, tag = name.partition(":")
                if not _OLLAMA_QUANT_TAG.fullmatch(tag):
                    return None
        stripped, _changed = strip_quant(name)
        removed = removed_suffixes(name)
        base, candidates = self._claimed(name, stripped, pid, org or "")
        if base is None:
            # a respelling that names one known model outright beats the several a shorter part of the name as
            # written starts ("qwen3-embedding_0.6B_lora": "qwen3-embedding" starts the Qwen3-Embedding models,
            # "qwen3-embedding-0.6B" is one of them)
            for respelled in self._claim_respellings(name, org or ""):
                got, more = self._claimed(respelled, strip_quant(respelled)[0], pid, org or "")
                if got is not None or (more and not candidates):
                    base, candidates = got, more
                    break  # the claim is reported under the name as written
        if base is None:
            if not candidates:
                return None
            return self._candidates_claim(parsed, org, pid, publisher, name, candidates)
        repacked = [w for w in removed if w not in _TRAINED_SUFFIXES and w not in _SAME_WEIGHTS_SUFFIXES]
        graph = build_graph(self.kb, base)
        # the claimed model's name shared by other records (re-uploads, copies): which one the name denotes, and why
        shared = self._shared_name_note(base)
        shared_note = f"; {shared}" if shared else ""
        shown_id = f"{org}/{name}".lower() if org else None
        country = self._country(pid)
        words = f" ({', '.join(removed)})" if removed else ""
        if repacked or org is None:
            # a re-packaging of a derivative the KB does not know: its immediate base is that derivative, unknown
            nodes = [(c, "base", m, p) for c, _b, m, p in graph.nodes]
            reasons = origin_reasons(Graph(nodes=([(country, "publisher", shown_id or name, pid)] if country else [])
                                           + nodes))
            countries = sorted({r["country"] for r in reasons})
            by = f" by {org}" if org else ""
            return Resolution(
                query=parsed.query, model={"id": shown_id, "family": None, "params": None, "name": name},
                publisher=publisher, license=None, open_weights=True, edges=None, roots=None, teachers=None,
                origins=tuple(countries) or None, origins_known=False, origin_reasons=tuple(reasons),
                served_by=self._prefix_served(parsed), flags=tuple(self._flags([pid])), sources=(),
                confidence="unknown", role=self.kb.models[base].get("role"),
                reason=f"not in the knowledge base: a re-packaging{words}{by} of a model whose name claims it "
                f"derives from {base} (evidence: the name only); its immediate base, license and full origins "
                "are unknown, and the origins listed are a lower bound" + shared_note)
        words_in_name = {w.lower() for w in _NAME_SPLIT.split(name)}
        relation = "adapter" if words_in_name & {"lora", "qlora", "adapter", "peft"} else "finetune"
        # a re-packager's repo (the knowledge base records the org as a quantizer: mlx-community, QuantFactory) named
        # after a known model is a re-packaging of it (bench README, "Community repacks": base is the original,
        # relation quantization), whatever its own suffix ("-8bit-DWQ-lr4e7", "-GGUF-v2"); a re-packaging keeps
        # its source's licence, by rule, as a knowledge-base repack record does
        quantizer = relation == "finetune" and pid is not None and self._publisher_kind(pid) == "quantizer"
        lic: str | None = None
        if quantizer:
            relation = "quantization"
            bmodel = self.kb.models[base]
            lic = bmodel.get("license", self.kb.families.get(bmodel.get("family") or "", {}).get("license"))
            if not lic or str(lic).lower() == "unknown":
                lic = self._quantized_license(base)[1]
            if lic and str(lic).lower() == "unknown":
                lic = None
        me = shown_id or name
        edge = {"child": me, "relation": relation, "parent": base,
                "parent_publisher": self._publisher(self.kb.models[base].get("publisher")), "source": "name"}
        nodes = [(c, "base" if b == "publisher" else b, m, p) for c, b, m, p in graph.nodes]
        graph.nodes = [(country, "publisher", me, pid), *nodes]
        countries = sorted({c for c, _b, _m, _p in graph.nodes if c})
        return Resolution(
            query=parsed.query, model={"id": shown_id, "family": None, "params": None, "name": name},
            publisher=publisher, license=self._license(lic, inherited_from=base) if lic else None,
            open_weights=True, edges=(edge, *graph.edges),
            roots=tuple(graph.roots) if graph.roots is not None else None, teachers=tuple(graph.teachers),
            origins=tuple(countries) or None, origins_known=False, origin_reasons=tuple(origin_reasons(graph)),
            served_by=self._prefix_served(parsed), flags=tuple(self._flags([pid, *(p for *_x, p in nodes)])),
            sources=(), confidence="unknown", role=self.kb.models[base].get("role"),
            lineage_undisclosed=tuple(graph.undisclosed),
            reason=f"not in the knowledge base: {org}'s repo name claims {'an' if relation == 'adapter' else 'a'} "
            f"{relation} of {base} (evidence: the repo name only, unverified); the base and the origins that follow "
            "from it are that claim, " + (f"and the license is {base}'s ({lic}), which a re-packaging by {org} (a "
                                          "quantizer) keeps" if lic else "the license is unknown") + shared_note)

    def _family_word_claim(self, parsed: Parsed, org: str | None) -> Resolution | None:
        """A repo or name the knowledge base does not know that carries a model line's own word as one of its words
        ("connorblack/qwen-4b-dev-gguf", "acme/deepseek_0528_reasoning", "GGUF_Qwen3-2507-4B-IT-Q4KM"): the line's
        lab is among its origins, a lower bound (the name's claim only); the publisher is the account (or unknown),
        base and licence unknown. Only distinctive line words count (_FAMILY_WORDS); a lab's own repos never get here."""
        name = parsed.core.split("/", 1)[1] if org else parsed.core
        low = name.lower()
        if not any(w in low for w in _FAMILY_WORDS):
            return None  # (cheap test first: most unknown names carry none of these words)
        labs = []
        for word in re.split(r"[-_/ :]", low):
            m = _FAMILY_WORD.fullmatch(word)
            if m and _FAMILY_WORDS[m.group(1)] in self.kb.publishers:
                labs.append(_FAMILY_WORDS[m.group(1)])
        labs = list(dict.fromkeys(labs))
        if not labs:
            return None
        pid, publisher = self._org_publisher(org) if org else (None, None)
        if pid in labs:
            return None  # the lab's own repo: the knowledge base's other rules answer it
        reasons: list[dict[str, Any]] = []
        own = self._country(pid)
        if own and pid:
            reasons.append({"country": own, "because": "publisher", "models": [], "publishers": [pid]})
        for lab in labs:
            country = self._country(lab)
            if country and country != own:
                reasons.append({"country": country, "because": "base", "models": [], "publishers": [lab],
                                "claim": f"the name of {parsed.core}"})
        countries = sorted({str(r["country"]) for r in reasons})
        if not countries:
            return None
        said = ", ".join(labs)
        return Resolution(
            # (an Ollama upload "user/name:tag" names no repo: no model id)
            query=parsed.query, model={"id": parsed.core.lower() if org and ":" not in name else None,
                                       "family": None, "params": None, "name": name},
            publisher=publisher, license=None, open_weights=None, edges=None, roots=None, teachers=None,
            origins=tuple(countries), origins_known=False, origin_reasons=tuple(reasons),
            served_by=self._prefix_served(parsed), flags=tuple(self._flags([pid, *labs])), sources=(),
            confidence="unknown",
            reason=f"not in the knowledge base: its name carries the word of a model line of {said} (evidence: the "
            f"name only), so {said}'s country is among its origins, a lower bound; the exact model, its base and "
            "license are unknown")

    def _release_word_claim(self, parsed: Parsed, org: str | None) -> Resolution | None:
        """A third party's repo whose name spells a lab model's exact Hub repo name inside it, between word breaks and
        after a word of its own ("jfranklin-foundry/01-ai-Yi-9B-Chat-1724936927": Yi-9B after "01-ai"), where the
        leading and trailing reading of ``_name_claim`` found nothing. The spelling is the name's claim only, and a
        weaker one than a name that starts with the model: the countries of that model's lineage are among the repo's
        origins, a lower bound, and nothing else follows (no base, no licence; the repo may build on a sibling, as
        this one builds on Yi-1.5-9B-Chat). Only a spelling of two or more words with a digit counts (a size or a
        version: "yi-9b", "qwen2.5-1.5b"), and only where every lab model of that name shares those countries."""
        if not org or parsed.is_file or ":" in parsed.core or "/" not in parsed.core:
            return None
        pid, publisher = self._org_publisher(org)
        if pid and self._publisher_kind(pid) == "lab":
            return None  # a lab's own repo: the knowledge base's other rules answer it
        name = parsed.core.split("/", 1)[1]
        words = [w for w in _NAME_SPLIT.split(name.lower()) if w]
        if len(words) < 3 or len(words) > 24:
            return None
        index = self._hub_names()
        found: tuple[str, list[str]] | None = None
        for i in range(1, len(words) - 1):
            for j in range(len(words), i + 1, -1):
                part = "-".join(words[i:j])
                if not _HAS_DIGIT.search(part):
                    continue
                ids = sorted({m for spelling in _claim_spellings(part) for m in index.get(spelling) or ()
                              if self._claimable(m, pid, org)
                              and self._publisher_kind(self.kb.models[m].get("publisher")) == "lab"})
                if ids:
                    found = (part, ids)
                    break
            if found:
                break
        if found is None:
            return None
        part, ids = found
        shared = self._shared_countries(ids)
        if not shared:
            return None
        reasons: list[dict[str, Any]] = []
        own = self._country(pid)
        if own and pid:
            reasons.append({"country": own, "because": "publisher", "models": [], "publishers": [pid]})
        for c in sorted(shared):
            if c != own:
                reasons.append({"country": c, "because": "base", "models": ids[:4], "publishers": [],
                                "claim": f"the name of {parsed.core}"})
        shown = ", ".join(ids[:4]) + (f" and {len(ids) - 4} more" if len(ids) > 4 else "")
        return Resolution(
            query=parsed.query, model={"id": parsed.core.lower(), "family": None, "params": None, "name": name},
            publisher=publisher, license=None, open_weights=None, edges=None, roots=None, teachers=None,
            origins=tuple(sorted({str(r["country"]) for r in reasons})), origins_known=False,
            origin_reasons=tuple(reasons), served_by=self._prefix_served(parsed), flags=tuple(self._flags([pid])),
            sources=(), confidence="unknown",
            reason=f"not in the knowledge base: its name spells {part!r}, the repo name of {shown}, inside its own "
            "words (evidence: the name only), so that model's countries are among its origins, a lower bound; its "
            "base and license are unknown")

    def _shared_countries(self, ids: tuple[str, ...] | list[str]) -> set[str] | None:
        """The countries every one of these models' lineage graphs holds (None for no ids)."""
        shared: set[str] | None = None
        for mid in ids:
            got = {c for c, _b, _m, _p in build_graph(self.kb, mid).nodes if c}
            shared = got if shared is None else shared & got
        return shared

    def _candidates_claim(self, parsed: Parsed, org: str | None, pid: str | None, publisher: dict[str, Any] | None,
                          name: str, candidates: tuple[str, ...]) -> Resolution | None:
        """A repo whose name names several known models without saying which: no base, no licence; origins are
        the countries every one of them has (with the publisher's), a lower bound. None when they share no country,
        or when a family pattern matches the name: the family rule then answers (the family, its publisher's country
        as a lower bound, and for a re-packaging the family's licence, which a re-packaging keeps)."""
        if self._family(parsed):
            return None
        shared = self._shared_countries(candidates)
        if not shared:
            return None
        shown = ", ".join(candidates[:4]) + (f" and {len(candidates) - 4} more" if len(candidates) > 4 else "")
        reasons: list[dict[str, Any]] = []
        country = self._country(pid)
        if country:
            reasons.append({"country": country, "because": "publisher", "models": [], "publishers": [pid]})
        for c in sorted(shared or ()):
            if c != country:
                reasons.append({"country": c, "because": "base", "models": list(candidates[:4]), "publishers": [],
                                "claim": f"the name of {parsed.core}"})
        countries = sorted({str(r["country"]) for r in reasons})
        shown_id = f"{org}/{name}".lower() if org else None
        return Resolution(
            query=parsed.query, model={"id": shown_id, "family": None, "params": None, "name": name},
            publisher=publisher, license=None, open_weights=True, edges=None, roots=None, teachers=None,
            origins=tuple(countries) or None, origins_known=False, origin_reasons=tuple(reasons),
            served_by=self._prefix_served(parsed), flags=tuple(self._flags([pid])), sources=(),
            confidence="unknown", role=self.kb.models[candidates[0]].get("role"),
            reason=f"not in the knowledge base: its name says it derives from one of {shown} (evidence: the name "
            "only) without saying which, so its base and license are unknown; the origins listed are those all of "
            "them share, a lower bound")

    @staticmethod
    def _model_reason(how: str, graph: Graph) -> str | None:
        notes = [] if how in ("exact", "name") else ["matched after normalising the identifier"]
        if graph.gaps:
            notes.append("origins may be incomplete: " + "; ".join(dict.fromkeys(graph.gaps)))
        return "; ".join(notes) or None

    def _country(self, pid: str | None) -> str | None:
        pub = self.kb.publishers.get(pid or "")
        return pub.get("country") if pub else None

    def _flags(self, pids: list[str | None]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for pid in pids:
            pub = self.kb.publishers.get(pid or "")
            for flag in (pub or {}).get("flags") or []:
                key = (str(pid), str(flag.get("id")))
                if key not in seen:
                    seen.add(key)
                    out.append({"publisher": pid, **flag})
        return out


def _account(org: str) -> dict[str, Any]:
    """A Hub account the knowledge base does not know, as a publisher: its name is a fact of the repo id, its
    country is unknown."""
    return {"id": org.lower(), "name": org, "country": None}


_DEFAULT: Resolver | None = None


def default_resolver() -> Resolver:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Resolver()
    return _DEFAULT


def resolve(identifier: str, *, online: bool = False, resolver: Resolver | None = None) -> Resolution:
    res = (resolver or default_resolver()).resolve(identifier)
    if online and res.confidence != "known":
        from modelmap.provenance.online import enrich

        res = enrich(res)
    return res


def resolver_for(start: str | Path | None) -> Resolver:
    """The resolver for the project at ``start``: the shipped knowledge base plus the company's overlay
    (provenance/overlay.py), or the shared default resolver when the project declares no models."""
    from modelmap.provenance.overlay import find_overlay

    overlay = find_overlay(start) if start is not None else None
    return Resolver(overlay=overlay) if overlay else default_resolver()


# Lab slugs that are both a litellm prefix for the lab's own API and a namespace in the <lab>/<name> model ids of
# OpenRouter (openrouter.ai/models: anthropic/, openai/, google/, deepseek/, mistralai/, cohere/, perplexity/,
# minimax/) and Vercel AI Gateway (@ai-sdk/gateway's GatewayModelId: anthropic/claude-sonnet-4.5, xai/, zai/,
# mistral/; read 2026-12-05). Under them the name after the slug decides (Resolver._maker_prefix_holds).
_COMPANY_WORDS = frozenset({"group", "inc", "inc.", "ltd", "ltd.", "co", "co.", "corp", "corp.", "corporation",
                            "holdings", "limited", "llc", "plc"})


def _company_slug(parent: str) -> str | None:
    """A parent company's name as a router's maker label spells it: its words without the legal-form words, joined
    by '-' ("Alibaba Group" -> "alibaba"); None for no parent."""
    words = [w for w in parent.lower().replace(",", " ").split() if w not in _COMPANY_WORDS]
    return "-".join(words) or None


_GATEWAY_LAB_SLUGS = frozenset({"anthropic", "openai", "google", "deepseek", "mistral", "mistralai", "cohere",
                                "perplexity", "minimax", "xai", "zai"})
_bare_providers: frozenset[str] | None = None


def _bare_listed_providers() -> frozenset[str]:
    """Providers the shipped catalogue lists by their own bare names (``deepseek-chat``), read once."""
    global _bare_providers
    if _bare_providers is None:
        from modelmap.provenance.hosted import load_catalog

        _bare_providers = frozenset(str(v[0]) for k, v in load_catalog().entries.items() if "/" not in k and v)
    return _bare_providers


# an SDK client whose default endpoint is its vendor's API: a call through it is evidence of who serves the model
_CLIENT_DEFAULT = {"openai": "openai-api", "anthropic": "anthropic-api", "google-genai": "google-ai-studio",
                   "cohere": "cohere-api", "mistral": "mistral-api", "ollama": "ollama"}


def endpoint_words(provider: str | None) -> str:
    """"self-hosted endpoint" for a model server on the company's own network whose software code does not name
    (a private or cluster-internal base URL: provider ``self-hosted``), else "endpoint" (the provider's record
    names the server: vllm, ollama)."""
    return "self-hosted endpoint" if provider == "self-hosted" else "endpoint"


def serving_evidence(finding: Finding) -> tuple[str, str] | None:
    """(provider id, why) when the code shows who serves this model reference, else None.

    Evidence is an endpoint (base URL) tied to the call or client, a provider prefix in the identifier
    ("groq/llama3-70b-8192"), or a vendor SDK client whose default endpoint is the vendor's own API. A
    provider guessed from the model's name is not evidence: "deepseek-chat" may be called through
    DeepSeek, OpenRouter or a self-hosted gateway."""
    provider = finding.provider
    if not provider:
        return None
    if finding.endpoint:
        return provider, f"{endpoint_words(provider)} {finding.endpoint} configured for this call"
    if finding.kind == "provider-prefixed":
        return provider, f"provider prefix in {finding.raw!r}"
    if finding.api and _CLIENT_DEFAULT.get(finding.api) == provider:
        return provider, f"{finding.api} client (its default endpoint)"
    if provider == DEPLOYMENT_HOST:
        from modelmap.discover.links import DEPLOYED_AS, DEPLOYS

        # the model of an Azure OpenAI deployment declared in infrastructure code (Terraform
        # azurerm_cognitive_deployment, Bicep accounts/deployments): the resource deploys it on Azure OpenAI
        name = next((t[len(DEPLOYS):].partition("=")[0] if t.startswith(DEPLOYS) else t[len(DEPLOYED_AS):]
                     for t in finding.evidence or () if t.startswith((DEPLOYS, DEPLOYED_AS))), None)
        if name is not None:
            return provider, f"the Azure OpenAI deployment '{name}' declared at {finding.path}:{finding.line}"
    return None


CLIENT_REGION_EVIDENCE = "client-region:"


def client_region_served(finding: Finding, served: dict[str, Any], resolver: Resolver) -> dict[str, Any] | None:
    """``served`` narrowed to the Region of the client the call goes through, when discovery read one
    (``client-region:region_name=ap-northeast-1`` evidence: ``boto3.client("bedrock-runtime", region_name=...)``,
    ``new BedrockRuntimeClient({ region: ... })``) and the provider's record says which country that Region is in
    (``regions``). A cross-Region inference profile in the id (``apac.``) already set ``region`` and wins; a Region
    the record does not list leaves serving unknown. None when nothing changes."""
    if served.get("region") or served.get("serving"):
        return None
    written = [item[len(CLIENT_REGION_EVIDENCE):] for item in finding.evidence or ()
               if item.startswith(CLIENT_REGION_EVIDENCE)]
    if not written:
        return None
    regions = [w.rpartition("=")[2] for w in written]
    table = (resolver.kb.providers.get(served.get("id") or "") or {}).get("regions") or {}
    countries = [table.get(r) for r in regions]
    if not all(countries):
        return None  # one call goes through a Region the record does not place: where is unknown
    region = ", ".join(regions)
    what = "the client is created for the AWS Region" if len(regions) == 1 else "its calls go through clients of the AWS Regions"
    return {**served, "serving": sorted(set(c for c in countries if c)), "region": region,
            "evidence": f"{served.get('evidence')}; {what} {region} ({', '.join(written)})"}


def location_identity(finding: Finding) -> str | None:
    """The model identity discovery read from a model URI or hub URL (``model-id:<org/name>`` evidence,
    discover/uris.py), or None."""
    for item in finding.evidence or ():
        if item.startswith("model-id:") and len(item) > len("model-id:"):
            return item[len("model-id:"):]
    return None


def _with_location_identity(finding: Finding, res: Resolution, *, online: bool, resolver: Resolver) -> Resolution:
    """A finding written as a URI (``https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/resolve/main/x.gguf``,
    ``s3://acme/models/Qwen2-7B-Instruct``) names its model through the identity discovery parsed from it: resolve
    that when the URI as written does not identify a model, and keep the URI as the query."""
    identity = location_identity(finding)
    if identity is None or (res.model or {}).get("id") or identity == res.query:
        return res
    from modelmap.errors import IdentifierError

    try:
        found = resolve(identity, online=online, resolver=resolver)
    except IdentifierError:
        return res
    if not (found.model or found.publisher):
        return res
    why = f"model identity {identity!r} read from the location {finding.raw!r}"
    return replace(found, query=res.query, served_by=res.served_by or found.served_by,
                   reason="; ".join(x for x in (why, found.reason) if x))


#: Azure OpenAI: a deployment's name is what the app calls, the deployment says which model it serves
DEPLOYMENT_HOST = "azure-openai"


def deployment_aliases(findings: Iterable[Finding]) -> dict[str, tuple[str, str, str] | None]:
    """Deployment names found in infrastructure code (Terraform ``azurerm_cognitive_deployment``, Bicep
    ``accounts/deployments``: evidence ``deploys:<name>=<model>[@<version>]`` on the name's or the model's finding,
    discover/polyglot.py), lower-cased -> (model, version, ``path:line``); None for a name two deployments give
    different models (which one the app reaches is unknown)."""
    from modelmap.discover.links import DEPLOYS

    out: dict[str, tuple[str, str, str] | None] = {}
    for f in findings:
        for tag in f.evidence or ():
            if not tag.startswith(DEPLOYS) or "=" not in tag:
                continue
            name, _, served = tag[len(DEPLOYS):].partition("=")
            model, _, version = served.partition("@")
            key = name.lower()
            seen = out.get(key, ())
            if seen is None or (seen and seen[:2] != (model, version)):
                out[key] = None
            elif not seen:
                out[key] = (model, version, f"{f.path}:{f.line}")
    return out


#: where a call can reach an Azure OpenAI deployment: Azure's own hosts, or the company's own gateway in front of them
_DEPLOYMENT_REACHABLE = frozenset({DEPLOYMENT_HOST, "azure-ai-foundry", "self-hosted"})


def _served_elsewhere(f: Finding) -> bool:
    """The call is configured with an endpoint of a provider that serves no Azure deployment (api.openai.com, Groq,
    OpenRouter ...): the name it sends is that provider's model, whatever an Azure deployment of the same name serves.
    A call with no endpoint written (an AzureOpenAI client reads its endpoint from the environment) is not."""
    return bool(f.endpoint) and bool(f.provider) and f.provider not in _DEPLOYMENT_REACHABLE


def _deployed_model(raw: str, deployment: tuple[str, str, str] | None, res: Resolution, *, online: bool,
                    resolver: Resolver) -> Resolution:
    """The model a deployment name serves, from the deployment itself (evidence over the name): the dated
    snapshot where the knowledge base knows it, else the model; served by Azure OpenAI unless the code says
    otherwise. Two deployments of that name serving different models: the name's own resolution, with the reason."""
    from modelmap.errors import IdentifierError

    if deployment is None:
        note = f"two Azure OpenAI deployments named '{raw}' serve different models: which one is called is unknown"
        return replace(res, reason=f"{note}; {res.reason}" if res.reason else note)
    model, version, where = deployment
    got: Resolution | None = None
    for query in ((f"{model}-{version}", model) if version else (model,)):
        try:
            got = resolve(query, online=online, resolver=resolver)
        except IdentifierError:
            continue
        if got.model is not None:
            break
    if got is None or got.model is None:
        return res
    said = f"the Azure OpenAI deployment '{raw}' ({where}) serves {model}" + (f" version {version}" if version else "")
    served = res.served_by or resolver.served_by(DEPLOYMENT_HOST, evidence=f"azurerm_cognitive_deployment {where}")
    return replace(got, query=raw, served_by=served, reason=f"{said}; {got.reason}" if got.reason else said)


def resolve_findings(result: ScanResult, *, online: bool = False, resolver: Resolver | None = None) -> ScanResult:
    """Attach a resolution to every model finding. ``served_by`` comes from evidence in the code (see
    ``serving_evidence``), or from the identifier's own form; otherwise it is unknown (None).

    ``resolver`` defaults to the scanned project's own (``resolver_for(result.root)``): the knowledge
    base plus the models the company declares in its modelmap.yaml."""
    from modelmap.errors import IdentifierError

    if resolver is None:
        from modelmap.errors import ConfigError

        start = (result.roots or [result.root])[0] if (result.roots or result.root) else None
        try:
            resolver = resolver_for(start)
        except ConfigError as exc:
            # a broken project config must not stop a scan; `check` reports it (it reads the same config)
            import warnings

            where = f"{exc.where}: " if getattr(exc, "where", None) else ""
            warnings.warn(f"the project's model declarations were not used: {where}{exc.message}", stacklevel=2)
            resolver = default_resolver()
    out: list[Finding] = []
    deployed = deployment_aliases(result.findings)
    # (query, identity read from a URI) -> its resolution, across the scan: a value written in many files (or many
    # times in one) is resolved once, its failure (IdentifierError) included, which the resolver's memo does not keep
    memo: dict[tuple[bool, str, str | None], Resolution] = {}
    spent: dict[str, float] = {}  # CPU seconds each file's findings have taken to resolve
    unresolved: dict[str, int] = {}  # findings of a file left unresolved past its budget
    for f in result.findings:
        if f.kind == "endpoint":
            served = resolver.served_by(f.provider, evidence=f"{endpoint_words(f.provider)} {f.endpoint or f.raw}")
            out.append(replace(f, resolution={"served_by": served} if served else None))
            continue
        # a raw is reported as written (discover: `meta-llama\/Meta-Llama-3.1-8B` in a JSON body whose encoder escapes
        # every slash); the identifier it names has a plain `/`
        written = f.raw.replace("\\/", "/") if "\\/" in f.raw else f.raw
        query = written.rsplit("/", 1)[-1] if f.kind == "model-file" else written
        key = (f.kind == "model-file", f.raw, location_identity(f))  # all a resolution depends on
        res_hit = memo.get(key)
        if res_hit is not None:
            res = res_hit
        elif spent.get(f.path, 0.0) > RESOLVE_SECONDS_PER_FILE:
            unresolved[f.path] = unresolved.get(f.path, 0) + 1
            out.append(replace(f, resolution=Resolution(
                query=query, confidence="unknown",
                reason=f"provenance not resolved: this file's findings used their {RESOLVE_SECONDS_PER_FILE:g} s "
                       "of CPU for resolution").to_dict()))
            continue
        else:
            started = time.process_time()
            try:
                res = resolve(query, online=online, resolver=resolver)
            except IdentifierError as exc:
                res = Resolution(query=query, confidence="unknown", reason=str(exc))
            res = _with_location_identity(f, res, online=online, resolver=resolver)
            if len(memo) < _MEMO_MAX:
                memo[key] = res
            spent[f.path] = spent.get(f.path, 0.0) + time.process_time() - started
        if f.kind != "model-file" and f.raw.lower() in deployed and not _served_elsewhere(f):
            res = _deployed_model(f.raw, deployed[f.raw.lower()], res, online=online, resolver=resolver)
        evidence = serving_evidence(f)
        if evidence and (res.served_by is None or f.endpoint):
            served = resolver.served_by(evidence[0], evidence=evidence[1])
            if served:
                res = replace(res, served_by=served)
        if res.served_by and (regional := client_region_served(f, res.served_by, resolver)):
            res = replace(res, served_by=regional)
        if f.role == "unknown" and res.role:
            f = replace(f, role=res.role)
        out.append(replace(f, resolution=res.to_dict()))
    if not unresolved:
        return replace(result, findings=out)
    skips = list(result.skips)
    stats = replace(result.stats, skipped=dict(result.stats.skipped))
    for path, count in unresolved.items():
        # the findings stay, each with provenance unknown and the reason: said, not lost
        skips.append(Skip(path, "analysis-budget", f"provenance: resolving this file's findings used more than "
                          f"{RESOLVE_SECONDS_PER_FILE:g} s of CPU; {count} of them left with provenance unknown "
                          "(the findings are kept)"))
        stats.add_skip("analysis-budget")
    return replace(result, findings=out, skips=skips, stats=stats)
