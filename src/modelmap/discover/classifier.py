"""The second discovery layer: one decision, "is this literal a model reference?", from weighed evidence.

A candidate (``modelmap.discover.candidates.Candidate``) carries the literal and where it sits.
The evidence weighed here, strongest first:

* **knowledge base**: the value is a known model id, alias, Hub id or matches a provider's API
  naming pattern (``identify.classify`` with no hint accepts only these);
* **binding**: the name the literal is bound to says "model" (``model``, ``modelName``,
  ``MODEL_ID``, ``deployment_name``, ``embedding``, ``--model``…), also through a generic key
  (``model { name = "…" }``, ``"llm": {"id": …}``) or a model-named container (``supportedModels``);
* **call**: the literal is an argument of a call that takes a model in that language's SDKs
  (``.modelName("…")``, ``GenerativeModel("…")``), or of a call named like a model setter;
* **switch / comparison**: a ``case`` label of a switch on a model-named variable, or ``model == "…"``;
* **shape**: the identifier's form (org/name, provider/model, name:tag, size and version tokens),
  which the hint-aware ``identify.classify`` checks;
* **file role**: test, example and docs files keep their findings but say so.

Excluded: arguments of prefix/substring checks (``startsWith("gpt-5")`` names a family, not a
model), bare weight file names used inside code (``model.safetensors``; a weight file on disk is
still found by the model-file source), and template placeholders.
Every accepted finding lists the evidence it rests on.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from modelmap.discover.candidates import STARTS_CALLS, Candidate
from modelmap.discover.identify import (
    ASSET_FILE,
    CLAUDE_TIER_ONLY,
    CONVERTED_REPO_TAIL,
    DATED_CONSTANT_ID,
    HUB_HOST_REF,
    PLACEHOLDER,
    SECRET_TAIL,
    Hint,
    Match,
    api_pattern,
    app_object_name,
    classify,
    is_cloud_region,
    is_generic,
    is_model_ish,
    is_model_key,
    is_provider_role_name,
    is_slot_name,
    names_family,
    search_tool_name,
    stand_in_name,
    vocab,
)
from modelmap.discover.peers import GPT3_BASE, is_provider_name
from modelmap.knowledge import load
from modelmap.types import Finding

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_GENERIC_KEYS = frozenset({"name", "id", "value", "default", "type", "key", "val", "repo", "path", "uri", "url"})
_MODEL_WORDS = re.compile(r"(?i)model|llm|embed|rerank|engine|deployment|checkpoint|whisper|tts|asr")
_CONTAINER_CALLS = frozenset({
    "listof", "arrayof", "setof", "mapof", "mutablelistof", "hashmapof", "of", "aslist", "vec", "hashset", "new",
    "to", "pair", "tuple", "array", "set", "list", "hashmap", "sliceof", "append", "put", "add", "insert", "push",
    "store", "from", "copyof", "immutablelist", "immutableset", "immutablemap", "linkedhashmap",
    "freeze", "dup", "to_h", "to_a", "unmodifiablelist", "unmodifiablemap", "asreadonly",  # `{…}.freeze`: same table
    # a default for a value that may be missing: Rust's `model_id: config.model.unwrap_or_else(|| "…".to_string())`,
    # Java's `Optional.orElse("…")`: the literal is what the name it is bound to holds when nothing else is set
    "unwrap_or", "unwrap_or_else", "orelse", "orelseget",
})
_WEIGHT_FILE = re.compile(
    r"(?i)^(?:pytorch_model|model|tf_model|flax_model|adapter_model|consolidated|ggml-model|weights?|"
    r"diffusion_pytorch_model|openvino_model|tokenizer|onnx/model|"
    r"mmproj)(?:[-_.]\d+(?:-of-\d+)?)*(?:\.[a-z0-9_]+)?"
    r"\.(?:bin|safetensors|onnx|pt|pth|ckpt|gguf|msgpack|h5|xml)$"
)
# a path's folders that only say weights are kept there (`/models`, `./weights`, `~/checkpoints`), naming no model
_STORE_FOLDERS = re.compile(r"(?i)(?:\.{0,2}/|~/)?(?:models?|weights|checkpoints|ckpts?)")
DISPLAY_BINDINGS = frozenset({"title", "label", "display_name", "description", "desc", "caption", "tooltip",
                               "placeholder", "subtitle", "summary", "help_text", "alt", "text", "message", "msg",
                               # a mail's subject line, an OCI artifact's or a certificate's subject (`Subject:
                               # "llama-2-7b-chat"` on an evaluation's results image): what it is about, for people
                               # and registries, never the value sent to a model API
                               "subject"})
# names whose value says who serves a model, not which: `provider: "mistral"`, `providers = %w[open_ai mistral]`
_PROVIDER_BINDINGS = frozenset({"provider", "providers", "provider_name", "provider_names", "provider_id",
                                "provider_ids", "vendor", "vendors",
                                # a gateway's or SDK's adapter for one provider's API (`DRIVER_NAME = "llama2"`)
                                "driver", "drivers", "driver_name", "driver_names", "driver_id"})
# a provider's id as written under such a name: one lowercase word, digits allowed (`openai`, `llama2`, `ollama`)
_PROVIDER_WORD = re.compile(r"[a-z][a-z0-9]{1,30}")
# a schema's list of the values a field accepts, or its default (`provider = { one_of = { "openai", "llama2" } }`,
# `enum: [...]`, `choices=[...]`): the values are the field's, so a provider field's are providers' ids
_CHOICE_KEYS = frozenset({"one_of", "oneof", "any_of", "enum", "choices", "allowed", "allowed_values", "values",
                          "default", "options"})
# a name for an HTTP path or address (`upstream_path`, `route`, `endpoint`, `url_path`, `base_uri`)
_ROUTE_BINDING = re.compile(r"(?:^|_)(?:upstream|route|routes|endpoint|endpoints|url|uri)(?:$|_)")
_PLACEHOLDER = PLACEHOLDER
# a name for prefixes or suffixes a value is tested against (`legacyPrefixes`, `MODEL_PREFIXES`, `reasoning_prefix`)
_PREFIX_BINDING = re.compile(r"(?:^|_)(?:prefix|prefixes|suffix|suffixes)$")
# a name for substrings or patterns a model's name is searched for (`imageModelPatterns`, `MODEL_PATTERNS`)
_PATTERN_BINDING = re.compile(r"(?:^|_)patterns?$")


@dataclass(frozen=True)
class Decision:
    match: Match
    hint: Hint
    evidence: tuple[str, ...]


@lru_cache(maxsize=1 << 14)
def snake(name: str) -> str:
    """``modelName`` / ``ModelID`` / ``MODEL-ID`` → ``model_name`` / ``model_id`` / ``model_id``."""
    return _CAMEL.sub("_", name.strip().strip("\"':$@")).replace("-", "_").lower()


# a model's code, its identifier in a registry (FastEmbed's `ModelInfo { model_code: String::from("org/name"), … }`,
# `embedding_model_code`)
_MODEL_CODE = re.compile(r"(?:[a-z0-9]+_)?model_code")


# "the model to <do something with>" (`model_to_load`, `modelToUse`, `models_to_download`, `embed_model_to_pull`): the
# name says its value is the model the code acts on next
_MODEL_TO_VERB = re.compile(r"(?:[a-z0-9]+_){0,2}models?_to_(?:load|use|run|pull|download|serve|test|call|try|"
                            r"evaluate|eval|select|deploy|benchmark|fetch|install)")


@lru_cache(maxsize=1 << 14)
def is_model_name(name: str) -> bool:
    """A binding, key or call name that holds a model: ``model``, ``modelName``, ``EMBEDDING_MODEL``,
    ``WithModel``, ``deploymentName``, ``llm``…"""
    s = snake(name)
    if s.endswith("_async") and len(s) > 6:
        # `GetModelAsync`, `LoadModelAsync`, `get_model_async`: .NET's Task-returning method convention (and the async
        # twins Python and JS SDKs name so) adds `Async` to the name of the call it awaits, not to what it takes
        s = s[:-6]
    if not s:
        return False
    if is_model_key(s) or _MODEL_CODE.fullmatch(s) or _MODEL_TO_VERB.fullmatch(s):
        return True
    for prefix in ("set_", "with_", "get_", "default_", "use_", "new_", "the_", "_"):
        if s.startswith(prefix) and is_model_key(s[len(prefix):]):
            return True
    return False


_OWNER_MODELS = re.compile(r"(?i)(?:^|_)models?(?:$|_?(?:const(?:ant)?s?|names?|ids?|list|catalog|registry|types?|enum|"
                           r"variants?)$)|"
                           r"(?<=[a-z])Models?(?:Const(?:ant)?s?|Names?|Ids?|List|Catalog|Registry|Type|Enum)?$|^LLMs?$")
BINDING_ONLY = re.compile(r"[a-z][a-z0-9]*(?:[-.][a-z0-9]+)+(?::[\w.-]+)?", re.IGNORECASE)
_NOT_MODELS = frozenset({"text-davinci", "n/a", "not-set", "none", "default", "auto", "custom", "local"})
# a router's or app's pick-for-me setting (`copilot-auto`, `router.default`): the last word says none is named
_NOT_MODEL_TAIL = re.compile(r"(?i)[-.](?:auto|default|none|custom)$")


# a test's stand-in named after a model and the word test (`doubao-seedream-3-0-test`): identify's derived tail, for
# the weakest evidence too, where the knowledge base's id pattern takes the whole name
_TEST_TAIL = re.compile(r"[-_.]tests?(?:[-_.]?\d{1,3})?$")


# a demo's own name for what it answers with (`nginx-ui-demo`: an app's demo server returning canned replies under
# `Model:`), as a test's stand-in ends in `-test`: the weakest evidence only (a Hub repo `org/x-demo` is left alone)
_DEMO_TAIL = re.compile(r"[-_.]demo(?:[-_.]?\d{1,3})?$")


def _not_a_model(value: str) -> bool:
    low = value.lower()
    return low in _NOT_MODELS or bool(_NOT_MODEL_TAIL.search(low)) or bool(_TEST_TAIL.search(low)) \
        or ("/" not in low and _DEMO_TAIL.search(low) is not None) \
        or app_words_only(low) or bool(CLAUDE_TIER_ONLY.fullmatch(low)) \
        or _app_place_name(low) or stand_in_name(low) or app_object_name(low) \
        or search_tool_name(low)  # claude-sonnet, gpt-4o-mock, e2e-…, bing-search,
    # agent-1, ai.model.id: see identify


# where an app runs its own model (`s2s-local`, `mnn-local`, `acme-onprem`): an OpenAI-compatible server or client
# written into an app reports its own name under `model`, the app's word and where it runs; no provider's model id is
# one word that names no model family and such a place word. For the weakest evidence only (a name bound to a model):
# `llama-local`, `qwen3-8b-local` keep their family word and are left to the other rules
_PLACE_WORDS = frozenset({"local", "remote", "onprem", "offline", "ondevice", "selfhosted", "hosted"})


def _app_place_name(low: str) -> bool:
    head, sep, tail = low.rpartition("-")
    return bool(sep) and tail in _PLACE_WORDS and "-" not in head and "_" not in head and head.isalnum() \
        and not is_model_ish(head) and classify(head, "key") is None


# words for an app's own objects and their states (a settings profile, a deployment, the old / new / fallback one):
# a value made of these and size / role words or a number (`old-profile`, `legacy-small`, `some-deployment`,
# `deployment-1`) is a test's or an app's name for its slot, never a model's: every model id has a family or vendor
# word (`voyage-3-large`, `sd-turbo`), which none of these is. For the weakest evidence only (a name bound to a model)
_APP_WORDS = frozenset({"old", "new", "legacy", "previous", "current", "next", "selected", "profile", "profiles",
                        "deployment", "deployments", "dep", "deploy", "upstream", "downstream", "fallback", "primary",
                        "secondary", "some", "explicit"})
_WORD_SPLIT = re.compile(r"[-_. ]+")


def app_words_only(low: str) -> bool:
    words = [w for w in _WORD_SPLIT.split(low) if w]
    return any(w in _APP_WORDS for w in words) and all(
        w in _APP_WORDS or is_generic(w) or w.isdigit() for w in words)
# an HTTP API's route and version (`api/v3`, `openapi/v1`, `compatible-mode/v1`, `rest/v2`)
_API_VERSION_PATH = re.compile(r"(?i)/?(?:api|apis|openapi|rest|compatible-mode|service|services|paas)/v\d+(?:\.\d+)?/?")
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")


_REPO_WORDS = frozenset({"repo", "repos", "repository", "repositories", "hub"})
_HUB_REPO_SHAPE = re.compile(r"[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}")


def names_model_repo(name: str) -> bool:
    """``modelRepo``, ``MODEL_REPO``, ``default_model_repo_id``, ``ttsModelRepository``: a name that says its value is the
    Hub repository of a model (both a model word and a repository word in it)."""
    words = snake(name.rsplit(".", 1)[-1]).split("_")
    return any(w in ("model", "models") for w in words) and any(w in _REPO_WORDS for w in words)


_REPO_NAME_WORDS = frozenset({"name", "names", "id", "ids", "default", "debug", "remote", "hf", "hub"})


def _names_repo_only(name: str) -> bool:
    """``repo``, ``repoName``, ``debugRepos``, ``repository``: a name made of a repository word and, at most, words for
    a name, an id or which one (no "model" word: those are ``names_model_repo``'s)."""
    words = [w for w in snake(name.rsplit(".", 1)[-1]).split("_") if w]
    return any(w in _REPO_WORDS for w in words) and all(w in _REPO_WORDS or w in _REPO_NAME_WORDS for w in words)


def hub_repo_shape(value: str) -> bool:
    """``org/name`` and nothing else (no scheme, path, placeholder or version route)."""
    return bool(_HUB_REPO_SHAPE.fullmatch(value)) and not _API_VERSION_PATH.fullmatch(value) \
        and not _PLACEHOLDER.match(value) and value.split("/", 1)[0].lower() not in ("models", "model", "src", "lib")


def _model_owner(name: str) -> bool:
    """A class / object / enum that holds model names: ``Models``, ``EmbeddingModel``, ``ModelConstants``,
    ``GeminiModels``, ``ModelIds`` (not ``KnowledgeBaseEmbedding``, an entity)."""
    return bool(_OWNER_MODELS.search(name))


# a nested type of a models registry named for something else its constants hold (``Models.Endpoints``,
# ``Models.Defaults``, ``Model.Meta``)
_NOT_MODEL_GROUP = re.compile(r"(?i)(?:url|uri|endpoint|path|key|token|secret|header|default|setting|option|config|"
                              r"param|meta|error|message|route|version|format|prefix|status|role)s?$")


def _model_container(name: str) -> bool:
    """``supportedModels``, ``MODEL_PRICES``, ``embeddingModels``: a table of models (not ``ModelServerName``, a
    serving object's name, nor a route written as a key: ``["llm/v1/chat"] = { … }``)."""
    return "/" not in name and bool(_MODEL_WORDS.search(name)) and not _names_a_server(name) and not _names_setting_keys(name) \
        and snake(name).rsplit("_", 1)[-1] not in _KEYWORD_TAILS


# a table of words a model's name is searched for (`removedModelKeywords = ['qwen3', 'glm-4.5v']`,
# `VISION_MODEL_KEYWORDS`): substrings tested with contains(), family words as often as ids, never the models used
_KEYWORD_TAILS = frozenset({"keyword", "keywords",
                            # a model's language list (`whisper_languages = ["en", "zh", …, "yi", …]`,
                            # `SUPPORTED_ASR_LOCALES`): what the model speaks, whose codes can spell a model's name
                            "languages", "language", "langs", "locales",
                            # a model's sampling methods (`model_samplings = ["greedy", "mirostat", "mirostat_v2"]`,
                            # `SAMPLERS`): llama.cpp-style sampler names, one of which carries a version like a model
                            "sampling", "samplings", "sampler", "samplers"})


# a table of settings' key names (`NON_LLM_CONFIG_KEYS = setOf("diffusion_steps", "diffusion_seed")`,
# `MODEL_PARAM_KEYS`, `llmSettingFields`): a settings word before a closing word that says its entries are names of
# fields. Whatever model word the name holds, its entries are keys of a settings object, never model ids; a table of
# models written as keys of a map (`MODEL_KEYS`) has no settings word and is still one
_SETTINGS_WORDS = frozenset({"config", "configs", "configuration", "param", "params", "parameter", "parameters",
                             "setting", "settings", "option", "options", "pref", "prefs", "preference", "preferences"})
_FIELD_TAILS = frozenset({"key", "keys", "field", "fields"})


def _names_setting_keys(name: str) -> bool:
    words = [w for w in snake(name).split("_") if w]
    return len(words) > 1 and words[-1] in _FIELD_TAILS and any(w in _SETTINGS_WORDS for w in words[:-1])


# the last word of a name (before a trailing name / id / ref) that says it names a serving object, not a model:
# `ModelServerName`, `model_service`, `modelRouteName`, `inference_gateway_ref`
_SERVER_WORDS = frozenset({"server", "servers", "service", "services", "svc", "route", "routes", "router", "gateway",
                           "gateways", "cluster", "pod", "pods", "node", "nodes", "worker", "workers", "host", "hosts",
                           "namespace", "pool", "instance", "instances", "replica", "replicas", "proxy"})
_NAME_TAILS = frozenset({"name", "names", "id", "ids", "ref", "refs", "key"})


def _names_a_server(name: str) -> bool:
    words = [w for w in snake(name).split("_") if w]
    while len(words) > 1 and words[-1] in _NAME_TAILS:
        words.pop()
    return len(words) > 1 and words[-1] in _SERVER_WORDS


# a value whose last word names a serving object (a router's `gpt-router`, a server's `llama3-server`, a gateway's
# `qwen-gateway`), or a Kubernetes component that manages them (`maas-controller`, a Deployment's name; `…-operator`,
# `…-webhook`): what serves, routes to or manages a model, never a provider's model id
_SERVER_TAIL = re.compile(r"(?i)[-_.](?:server|service|svc|router|gateway|proxy|controller|operator|webhook)$")
# a word that makes a bare name a LoRA adapter's (`math-lora`, `lora-adapter-1`, `sql_lora`): a name the serving
# app gives an adapter it loads, not a published model (an org/name repo id of an adapter is still one)
_ADAPTER_WORD = re.compile(r"(?i)(?:^|[-_.])(?:lora|adapter)(?:$|[-_.])")


@lru_cache(maxsize=1)
def _hub_name_list() -> tuple[str, ...]:
    """The name part of every Hub id the knowledge base knows, lower-case, sorted (for prefix look-ups)."""
    return tuple(sorted({hub_id.rsplit("/", 1)[-1] for hub_id in load().hf_index}))


@lru_cache(maxsize=1 << 14)
def family_prefix(value: str) -> bool:
    """``gpt-oss``, ``gemma-4``, ``deepseek-v4``: the start of known models' names up to a ``-`` (gpt-oss-20b,
    gemma-4-26b-a4b-it), not itself a model the knowledge base knows by that name: a family or series word."""
    low = value.strip().lower()
    kb = load()
    if not low or low in kb.alias_index or low in kb.hf_index:
        return False
    names = _hub_name_list()
    at = bisect.bisect_left(names, low)
    if at < len(names) and names[at] == low:
        return False
    at = bisect.bisect_left(names, low + "-", at)
    if at < len(names) and names[at].startswith(low + "-"):
        return True
    if low in kb.name_index or low in kb.rejected:
        return False  # a name the knowledge base knows as a whole (rejected.yaml's API aliases: deepseek-chat)
    # the start of API ids the knowledge base knows, itself no id or name it knows (`gpt-4-1106` of
    # gpt-4-1106-preview, `claude-4` of claude-4-opus-20250514): a provider's series, which its ids go on from
    ids = _alias_list()
    at = bisect.bisect_left(ids, low + "-")
    if at < len(ids) and ids[at].startswith(low + "-"):
        return True
    # a series stem that ends in its major version (`gemini-2` of gemini-2.0-flash / gemini-2.5-pro, `gemini-3` of
    # gemini-3.0-pro): the ids go on from it with a minor version and then a variant's words. When an id is the stem
    # and a minor version alone (`claude-2.0`, `claude-2.1`), the stem is that model's own name (`claude-2`), no family
    if not low[-1:].isdigit():
        return False
    at = bisect.bisect_left(ids, low + ".")
    series = False
    for known_id in ids[at:at + 64]:
        if not known_id.startswith(low + "."):
            break
        rest = known_id[len(low) + 1:]
        if rest.isdigit():
            return False
        series = series or rest[:1].isdigit()
    return series


@lru_cache(maxsize=1)
def _alias_list() -> tuple[str, ...]:
    """Every API id and alias the knowledge base knows, lower-case, sorted (for prefix look-ups)."""
    return tuple(sorted(k.lower() for k in load().alias_index))


# a name the shape rules read as one whole checkpoint on a bare literal (confidence 0.7 or more: a family with its size
# and variant, `Qwen2.5-7B-Instruct`, `llama-3.1-8b`, a WhisperKit build `openai_whisper-large-v3_947MB`), though the
# knowledge base does not hold it: tested with contains() it is a model id looked up in a list (`supported.contains(…)`),
# as a known id is; a family word or a series start (`qwen`, `gpt-oss`) has no such reading
_WHOLE_NAME_CONFIDENCE = 0.7


def _whole_name(value: str) -> bool:
    match = classify(value, "none")
    # not a `provider:model` / `provider/model` reading: a provider's prefix on a series start
    # (`include?("anthropic/claude-3")`) is that provider's family, and a JSON fragment a test looks for in a request
    # body (`json.contains("\"model\":\"gpt-4\"")`) reads as `model:gpt-4`; nor an `<org>/<name>` shape the knowledge
    # base does not know (`Contains(url, "embeddings/embedding-v1")`: a request path's tail)
    if match is None or match.confidence < _WHOLE_NAME_CONFIDENCE or match.kind in ("endpoint", "provider-prefixed"):
        return False
    if match.kind == "hf-repo" and value.count("/") == 1 and value.split("/", 1)[0].lower() not in load().org_index:
        return False
    return not family_prefix(value.rsplit("/", 1)[-1])


# a Vertex AI publisher model's resource name (`publishers/google/models/text-bison`, with its project and location in
# front or not): the model is its last part
_VERTEX_MODEL_PATH = re.compile(r"(?:projects/[\w.-]{1,100}/locations/[\w-]{1,40}/)?publishers/[\w-]{1,40}/models/"
                                r"([\w.@-]{1,120})")


def _known_vertex_path(value: str) -> bool:
    """``getModel().contains("publishers/google/models/text-bison")``: a Vertex AI resource name whose model part the
    knowledge base knows (or reads as a pinned version of one) is that model, looked up whole as a known id is."""
    m = _VERTEX_MODEL_PATH.fullmatch(value)
    if m is None:
        return False
    found = classify(m.group(1), "none")
    return found is not None and found.kind == "api-model" and found.confidence >= 0.9


def _known(value: str) -> bool:
    low = value.strip().lower()
    kb = load()
    return low in kb.alias_index or low in kb.hf_index or api_pattern(low) is not None


def evidence_of(finding: Finding) -> tuple[str, ...]:
    """What ``finding`` rests on: its own evidence, or, for a per-language API rule that does not say it, evidence
    made from what the rule recorded (issue 10: every finding says which evidence it rests on). In the classifier's
    own vocabulary:
    ``knowledge-base`` (the identifier is a known id, alias or API name), ``call:<api>`` (the call it reaches),
    ``rule:<source>`` (the discovery rule that matched: the binding or key it reads, e.g.
    ``rule:python-model-kwarg``), ``host:<provider>`` (an endpoint's host names the provider), ``shape:<kind>``
    and ``file-role:<role>`` for tests, examples and docs."""
    if finding.evidence:
        return finding.evidence
    kind = finding.kind
    out: list[str] = []
    if kind != "endpoint" and _known(finding.raw):
        out.append("knowledge-base")
    if finding.api:
        out.append(f"call:{finding.api}")
    if finding.source:
        out.append(f"rule:{finding.source}")
    if kind == "endpoint" and finding.provider:
        out.append(f"host:{finding.provider}")
    out.append(f"shape:{kind}")
    if finding.context in ("test", "example", "docs"):
        out.append(f"file-role:{finding.context}")
    return tuple(out)


_SEPARATORS = frozenset("0123456789-/:._@")


@lru_cache(maxsize=1 << 16)
def plausible(value: str) -> bool:
    """Could this literal be a model reference at all? A cheap test run before any context is computed:
    no whitespace (sentences, messages), and either a separator or digit, or a word the knowledge base
    knows as a model token, Ollama name, alias or provider model pattern (``mistral``, ``llava``, ``sonar``)."""
    v = value.strip()
    if not v or len(v) > 200 or any(ch.isspace() for ch in v):
        return False
    if any(ch in _SEPARATORS for ch in v):
        return True
    low = v.lower()
    kb = load()
    voc = vocab()
    return low in voc.model_tokens or low in voc.ollama_library or low in kb.alias_index or low in GPT3_BASE \
        or api_pattern(low) is not None  # a provider's one-word model (Perplexity's `sonar`, Cohere's `command`)


_ONLY_UNDER = re.compile(r"(?i)model|embed|rerank|whisper|asr|tts|speech")


# a custom HTTP header's name (`SK_HTTP_HEADER_EMBEDDING_MODEL = 'x-ms-sk-embedding-model'`, `MODEL_HEADER =
# "x-model-id"`): under a name that says it is a header, an `x-`-prefixed value (RFC 6648's custom-header prefix) is
# the header the model travels in, not the model. Both are required: a catalogue's `x-preview-f-free` under a model
# name is a model id, and a header table's values (`headers = {"x-model": "gpt-4o"}`) are the model's
_HEADER_NAME = re.compile(r"(?i)x-[a-z0-9]+(?:-[a-z0-9]+)*")


def names_a_header(value: str, binding: str) -> bool:
    """``value`` is a custom HTTP header's name bound to a header-named ``binding`` (see above); the JS/TS reader's
    model-key rule asks it, as its `key` hint would read `x-ms-sk-embedding-model` as an embedding model's id."""
    return bool(_HEADER_NAME.fullmatch(value)) and any(w in ("header", "headers") for w in snake(binding).split("_"))


def binding_only(value: str, binding: str, *, table: bool = False) -> bool:
    """The weakest evidence, for sources with their own rules (Python, JS/TS): a hyphenated identifier the
    knowledge base does not know (``voyage-3-large``, ``sd-turbo``), bound to a name that says "model"
    (``model``, ``EMBEDDING_MODEL``, ``rerankModel``), not ``engine`` / ``deployment`` (database engines,
    infrastructure names), and not itself a key's name, a placeholder or a role word. ``table``: the name is a
    table's that lists models (``EMBEDDING_MODELS``, ``rerankers``), checked by the caller."""
    v = value.strip()
    return (
        "-" in v and bool(BINDING_ONLY.fullmatch(v)) and bool(_ONLY_UNDER.search(binding))
        and (table or is_model_name(binding)) and not is_generic(v) and not _not_a_model(v)
        and not is_model_name(v) and not _PLACEHOLDER.match(v) and not is_provider_name(v)
        and not is_slot_name(v.lower()) and not ASSET_FILE.search(v)
    )


# a model component's file (`AudioEncoder.mlmodelc`, `TextDecoder.mlpackage`, `decoder.onnx` appended to a model's
# folder): the stem names a part of whichever model the folder holds, so under a model-named binding it is no model
# of its own; a stem that reads as a model (`StatefulMistral7BInstructInt4.mlpackage`) still is one
_COMPONENT_FILE = re.compile(r"(?i)([a-z][\w-]{0,80})\.(?:mlmodelc|mlpackage|mlmodel|onnx|tflite|bin|pt|pth|ckpt)")


_STEM_WORDS = re.compile(r"[A-Z]?[a-z]+|\d+(?:\.\d+)?[A-Za-z]?|[A-Z]+(?![a-z])")


def keyed_identifier(value: str, key: str) -> bool:
    """A config file's value under a model key (``key``) that nothing knows, taken on the key alone (the binding-only
    rule for settings files, narrower than code's): a hyphenated identifier with a version or size digit (`aura-2-thalia-en`,
    `step-1o-audio`), not a version, a region, a placeholder, a provider's id, a slot, file or key name, or a word an
    app uses for its own objects. A word without a digit (`pulse`, `default`) is left: under a config's `model` key it
    is as often a mode or a sentinel."""
    v = value.strip()
    if not _ONLY_UNDER.search(key) or "deploy" in key.lower() or _HARDWARE_KEY.search(snake(key)):
        return False  # the key must say model (or embedding, speech…): not `deployment_name` (a blueprint's own name
        # for what it deploys, `whisper-transcription-a10`), not `engine`, nor a device's or machine's model
        # (`device_model: SM-G991B`, `gpu_model: a100-80gb`)
    return "-" in v and bool(BINDING_ONLY.fullmatch(v)) and bool(_DIGIT_CHAR.search(v)) and ":" not in v \
        and not _component_file(v) and not is_generic(v) and not _not_a_model(v) and not ASSET_FILE.search(v) \
        and not is_provider_name(v) and not SECRET_TAIL.search(v.lower()) and not is_slot_name(v.lower()) \
        and not _PLACEHOLDER.match(v) and not is_cloud_region(v) and not is_model_name(v) \
        and not _SERVER_TAIL.search(v) and not _ADAPTER_WORD.search(v) and not _VERSION_WORD.fullmatch(v) \
        and not _HEX_ID.fullmatch(v)


_DIGIT_CHAR = re.compile(r"\d")
# a UUID or another id of hex groups (`a3e0c8a6-101c-4000-a1cd-d523ff7f521d`: a platform's own record of a model, a
# Kubernetes LLM resource's `models:` list), no model's name
_HEX_ID = re.compile(r"(?i)[0-9a-f]+(?:-[0-9a-f]+){2,}")
# words of a key that say its model is a product's or a machine's, not an AI model's
_HARDWARE_KEY = re.compile(r"(?:^|_)(?:device|phone|mobile|hardware|car|vehicle|product|cpu|gpu|machine|board|chip|"
                           r"printer|camera|instance|vm|node|disk|drive|sensor|os)(?:$|_)")
_VERSION_WORD = re.compile(r"(?i)v?\d+(?:[-.]\d+)*(?:-[a-z]+)?")


def _component_file(value: str) -> bool:
    m = _COMPONENT_FILE.fullmatch(value)
    # the stem's words, CamelCase split (`StatefulMistral7BInstructInt4` -> stateful-mistral-7b-instruct-int4)
    return m is not None and not is_model_ish("-".join(_STEM_WORDS.findall(m.group(1))))


_NAMESPACE = re.compile(r"[a-z][\w-]{0,40}")
# a model reference written `<provider>::<api-version>::<model>` (Sourcegraph's ModelRef: `anthropic::2024-10-22::
# claude-3-5-sonnet-latest`, `fireworks::v1::starcoder`, `openai::unknown::gpt-4o-mini`; the version an API version
# word, a number or a date, or `unknown`): the provider and its API version name the slot, so the model part is read
# as a value under a model key is. RE2-free but linear: bounded repeats, no nesting
_MODEL_REF = re.compile(r"([a-z][\w-]{0,40})::(unknown|latest|v?\d{1,4}(?:[.-]\d{1,4}){0,2}(?:-[a-z]{1,12})?)::"
                        r"([A-Za-z0-9][\w.@/-]{0,199})")


def model_ref_match(value: str) -> Match | None:
    """The reading of a ``<provider>::<api-version>::<model>`` reference (``_MODEL_REF``) whose provider is a known
    one (``peers.is_provider_name``) and whose model part reads as a model under a model key (one word alone only
    when it is a known model or Ollama library name: `starcoder`, not the tier word `sonnet`): provider-prefixed,
    the model part's provider kept; else None."""
    if value.count("::") != 2 or len(value) > 300:
        return None
    m = _MODEL_REF.fullmatch(value)
    if m is None or not is_provider_name(m.group(1)):
        return None
    model = m.group(3)
    inner = classify(model, "key")
    if inner is None or inner.kind == "model-file":
        return None
    if not any(ch in model for ch in "-._/@") and inner.kind != "ollama-tag" and classify(model, "none") is None:
        return None  # `anthropic::unknown::sonnet`: a tier word of the provider's own, no model by itself
    return Match("provider-prefixed", inner.provider, inner.confidence, inner.role)
_DECIDE_HINTS: tuple[Hint, ...] = ("none", "key", "api")  # every hint ``decide`` can pass to ``classify``


@lru_cache(maxsize=1 << 16)
def could_decide(value: str) -> bool:
    """Whether ``decide`` could accept this literal under some evidence: the value-only part of its rules
    (placeholder, environment-variable name, ``classify`` under each hint it uses, namespaced ids), for the
    cheap byte-level gate run before a file is parsed (``polyglot.has_candidate``). Keep in step with
    ``decide``; the binding-only rule (``BINDING_ONLY``) is checked by the gate itself, from nearby text."""
    value = value.strip()
    if not value or _PLACEHOLDER.match(value):
        return False
    if is_cloud_region(value):
        return False
    if _ENV_NAME.fullmatch(value) and not _known(value):
        return False
    if any(classify(value, hint) for hint in _DECIDE_HINTS) or value.lower() in GPT3_BASE:
        return True
    if model_ref_match(value) is not None:
        return True
    namespace, sep, rest = value.partition("::")
    return bool(sep) and bool(_NAMESPACE.fullmatch(namespace)) and any(classify(rest, h) for h in _DECIDE_HINTS)


def _named_other(c: Candidate) -> bool:
    """The literal is the value of a named argument (or an initialiser's property) inside the call, and that name says
    it is something else than the model: C#'s ``AddOpenAIChatCompletion("gpt-4o", key, serviceId: "chat-fast")``,
    Kotlin's ``apiKey = "…"``, Ruby's ``client: "…"``. Its binding is nearer than the call, so it is not one of the
    call's own positional arguments; a generic name (``name:``, ``id:``) still leaves the call's word to decide."""
    return bool(c.bindings) and not c.call_before_binding and snake(c.bindings[0]) not in _GENERIC_KEYS \
        and not is_model_name(c.bindings[0])


def _own_key(c: Candidate, first: str) -> bool:
    """The name is the literal's own key in its table (``%{"embedder.token_embedding" => "model.embed_tokens"}``,
    ``{"embedding_size": …}``), not the name of the table it is an entry of (``embedding_models = [...]``): the table
    path from the literal up starts with it (after the pair's own node type). Such a key says what the one value is,
    so a model word inside it is no evidence that the value is one of a table of models."""
    return c.group is not None and first in c.group[1].split("/", 2)[:2]


# names whose value is a model architecture, tokenizer or family word, never one model (`rope_type: "llama3"`,
# `architecture == "gemma3"`, a GGUF pre-tokenizer's `"llama3" | "deepseek-coder" =>` match arms, Ollama's
# `family: "llama"`); `model_type` is left out: apps use it as their model selector (`model_type = "deepseek-r1-…"`)
_ARCH_NAMES = frozenset({"architecture", "architectures", "arch", "model_arch", "model_architecture", "rope_type",
                         "rope_scaling_type", "pre_tokenizer", "tokenizer_pre", "pre_tokenizer_type", "family",
                         "model_family", "families"})


# an org or provider and one plain lower-case word (`openai/test`, `openai/existing`)
_TEST_WORD_ID = re.compile(r"[A-Za-z][\w.-]*/[a-z]{2,12}")


# the last word of a name that says its values are architectures (`embeddingOnlyArchs`, `supported_architectures`,
# `VISION_ARCHS`): a GGUF / llama.cpp wrapper's list of `general.architecture` values ("bert", "t5", "nomic-bert")
_ARCH_TAIL = frozenset({"arch", "archs", "architecture", "architectures"})


# a checkpoint config's `model_type` as Hugging Face writes it: lower-case words, a digit only inside the first
# (`whisper`, `wav2vec2-bert`, `unispeech-sat`, `qwen2_vl`), no size or version part (`deepseek-r1-distill`, `gpt-4`)
_MODEL_TYPE_WORD = re.compile(r"[a-z][a-z0-9]{1,20}(?:[-_][a-z]{2,12}){0,3}")

# names whose value is a chat template's or prompt format's name (llama.cpp's `tmpl == "llama2"` / `"phi3"` /
# `"command-r"` branches of its chat-template renderer and the engines that copy it, `chat_format="chatml"`,
# `conv_template: "vicuna_v1"`): named after a model family but picking a prompt layout, not a model; the config
# reader's non-model keys say the same of `template:` / `chat_template:` (config_files)
_TEMPLATE_NAMES = frozenset({"tmpl", "template", "template_name", "template_id", "chat_template", "chat_tmpl",
                             "chat_format", "prompt_format", "conv_template", "conversation_template",
                             "prompt_template", "chat_template_name"})


def _names_a_template(last: str) -> bool:
    """A (snake-cased, last-part) name that says its value is a chat template's name (``_TEMPLATE_NAMES``, or any
    ``…_template`` / ``…_tmpl`` that is not a model's own)."""
    return last in _TEMPLATE_NAMES or (last.endswith(("_template", "_tmpl")) and "model" not in last)


def _names_an_architecture(c: Candidate) -> bool:
    # ... and a table's `model_type` entry (`["model_type": "bert"]`, a config a test builds in code), as the Python
    # reader leaves a dict's `"model_type": "bert"`
    entry = c.bindings[0] if c.bindings and c.container and not c.is_key and not c.call_before_binding else None
    for n in (c.compared_to, c.switch_on, entry):
        if n is not None and snake(n).rsplit(".", 1)[-1].endswith("model_type") \
                and _MODEL_TYPE_WORD.fullmatch(c.value) and not _known(c.value):
            # `match ($config->modelType) { 'whisper' => …, 'wav2vec2-bert' => … }`, `if config.model_type == "t5"`:
            # a pipeline dispatching on the loaded checkpoint's architecture; an app's model selector switched on
            # under the same name holds sized or versioned ids, which this shape leaves alone
            return True
    names = [c.compared_to, c.switch_on]
    if c.bindings and (not c.call_before_binding or (c.call or "").lower() in _CONTAINER_CALLS):
        names.append(c.bindings[0])  # `archs = new List<string> { … }`: through a collection's constructor
    for n in names:
        if n is None:
            continue
        last = snake(n).rsplit(".", 1)[-1]
        if last in _ARCH_NAMES or last.rsplit("_", 1)[-1] in _ARCH_TAIL or _names_a_template(last):
            return True
    return False


# names whose value is the name of a file to save or load (`filename:`, `modelFile =`, `weights_file`)
_FILE_NAME_BINDINGS = frozenset({"filename", "file_name", "model_file", "model_filename", "model_file_name",
                                 "weights_file", "weight_file", "weights_filename", "local_filename"})
# the weight formats that name a model's file wherever they stand (identify's strong extensions); `.bin` / `.pt` /
# `.pth` / `.ckpt` are left out: under `filename:` they are as often data, state or a job
_FILE_BINDING_EXTS = frozenset({"gguf", "ggml", "safetensors", "onnx", "tflite", "litertlm", "mlmodel", "nemo",
                               "llamafile"})
# MediaPipe's LLM / vision bundles (`gemma3-1b-it-int4.task`, `Qwen2.5-1.5B-Instruct_multi-prefill-seq_q8_ekv1280.task`;
# ai.google.dev/edge/mediapipe/solutions/genai/llm_inference, as_of 2026-12-06) are a model's file too, but `.task` is
# also a job's or a build step's file (`nightly.task`, `deploy.task`): under a file-name binding it names a model only
# when its stem reads as one (a family word, a size, a version), which a job's name does not
_FILE_BINDING_BUNDLE_EXTS = frozenset({"task"})
# under a name that says the file is a model's (`modelFileName = "ggml-largev3.bin"`, `model_file: "ckpt-7.pt"`), the
# generic weight extensions name that model's file as well: the name settles what `.bin` / `.pt` alone leave open
_MODEL_FILE_BINDINGS = frozenset({"model_file", "model_filename", "model_file_name"})
_MODEL_FILE_BINDING_EXTS = frozenset({"bin", "pt", "pth", "ckpt"})


def _names_a_weight_file(c: Candidate, value: str) -> bool:
    """A bare weight file's name bound to a name that says "file name" (Dart's download catalogue entry
    ``filename: 'Gecko_64_quant.tflite'``, JS ``{fileName: "…"}``, Go ``ModelFile: "…"``): the extension says the file
    holds a model and the binding says the string names that file, in any language, whether or not its stem carries
    a family word the vocabulary knows (Gecko, an embedding model, does not). Bare names only: a path is judged by
    its folders (identify's model-folder rules) and a URL by its host. A MediaPipe ``.task`` bundle needs a stem that
    looks like a model as well (``_FILE_BINDING_BUNDLE_EXTS``)."""
    if not c.bindings or c.call_before_binding:
        return False
    return weight_file_named(c.bindings[0], value)


def weight_file_named(binding: str, value: str) -> bool:
    """``value``, bound to ``binding``, is a bare weight file's name under a file-name binding
    (``_names_a_weight_file``'s test, for readers that know the binding without a Candidate: Python's dict keys)."""
    if "/" in value or "\\" in value or "." not in value:
        return False
    if snake(binding) not in _FILE_NAME_BINDINGS:
        return False
    stem, ext = value.rsplit(".", 1)
    ext = ext.lower()
    if ext in _MODEL_FILE_BINDING_EXTS and snake(binding) in _MODEL_FILE_BINDINGS:
        return bool(stem) and not stem.startswith(".")
    return ext in _FILE_BINDING_EXTS or (ext in _FILE_BINDING_BUNDLE_EXTS and bool(stem) and is_model_ish(stem))


# the arguments of a Hub client's calls that take a model repository's id, by call and argument label: Swift's
# swift-transformers (`AutoTokenizer.from(pretrained: "org/name")`, `Hub.Repo(id: "org/name")`,
# `hubApi.snapshot(from: "org/name")`, `Hub.getFilenames(from: "org/name", matching: "*.json")`). A label is the name
# of the argument in Swift, so `pretrained:` is how that language spells Python's `from_pretrained(...)`: whatever the
# call, the argument is a pretrained model to load (a Hub id or a folder). The other labels are generic (`id:`,
# `from:`) and say "repository" only with the call they belong to
_PRETRAINED_LABELS = frozenset({"pretrained", "pretrained_model", "pretrained_model_name_or_path"})
_HUB_REPO_ARGS = frozenset({("repo", "id"), ("getfilenames", "from"), ("snapshot", "from"),
                            ("getfilemetadata", "from")})


# the Hugging Face loaders' call names as their ports to other languages keep them (Transformers PHP's
# `AutoModel::fromPretrained(…)` and `pipeline('task', 'org/name')`, the Rust tokenizers crate's
# `Tokenizer::from_pretrained(…)`): where a language lists one among its model-taking calls, its string argument is a
# Hub repository's id or a local folder, never an API's model name
_HUB_LOADER_CALLS = frozenset({"from_pretrained", "frompretrained", "pipeline"})


def _hub_client_argument(c: Candidate) -> str | None:
    """The call and label when the literal is the repository argument of a Hub client call (``_HUB_REPO_ARGS``,
    ``_PRETRAINED_LABELS``): a named argument of the call itself, not a value inside a nested call or table."""
    if not c.call or not c.bindings or c.call_before_binding or c.is_key or c.container:
        return None
    label = snake(c.bindings[0])
    if label in _PRETRAINED_LABELS or (c.call.lower(), label) in _HUB_REPO_ARGS:
        return f"{c.call}({c.bindings[0]}:)"
    return None


# a type named for a hosted model platform (`VertexAIModels`, `GoogleAIModels`, `OpenAIModels`, `BedrockModels`)
_CLOUD_PLATFORM = re.compile(r"(?i)vertex|google|gemini|openai|azure|bedrock|anthropic")


def _cloud_models_group(c: Candidate) -> bool:
    """The candidate is a constant of a hosted platform's models type (``_CLOUD_PLATFORM`` in its type's or its outer
    type's name, a models registry at either level), not of a local runtime's (``OllamaModels``)."""
    names = [n for n in (c.owner, c.outer_owner) if n]
    if not names or any("ollama" in n.lower() for n in names):
        return False
    return any(_CLOUD_PLATFORM.search(n) for n in names) and any(_model_owner(n) for n in names)


# the type of one model's record (Go `ModelInfo{ID: "mistral-7b", Object: "model"}`, an OpenAI-style /v1/models
# entry): its id or name field is the model's
_MODEL_RECORD_TYPE = re.compile(r"Model(?:Info|Data|Entry|Object|Card|Record|Item|Descriptor|Details?)")


def context_hint(c: Candidate, sdk_calls: frozenset[str]) -> tuple[Hint, list[str]]:
    """What a candidate's place says it holds, whatever its value: ``key`` (a model-named binding, container, owner,
    switch or comparison), ``api`` (an SDK call that takes a model) or ``none``, with the evidence for it."""
    evidence: list[str] = []
    hint: Hint = "none"
    call_low = (c.call or "").lower()
    through_container = c.call_before_binding and call_low in _CONTAINER_CALLS
    bindings = c.bindings if (not c.call_before_binding or through_container) else ()
    if bindings:
        first = bindings[0]
        if is_model_name(first):
            hint = "key"
            evidence.append(f"binding:{first}")
        elif (c.container or c.is_key or through_container) and _model_container(first) and not _own_key(c, first):
            hint = "key"
            evidence.append(f"container:{first}")
        elif snake(first) in _GENERIC_KEYS and len(bindings) > 1 and (
                is_model_name(bindings[1]) or _MODEL_RECORD_TYPE.fullmatch(bindings[1])):
            hint = "key"
            evidence.append(f"binding:{bindings[1]}.{first}")
        elif c.container and not c.is_key and len(bindings) > 1 and bindings[1][:1] == "@" \
                and _model_container(bindings[1][1:]) and not _own_key(c, bindings[1][1:]):
            # an entry of a table held in an Elixir module attribute named for models (`@vertex_ai_models
            # %{embedding_gemma: "embeddinggemma"}`, `@default_embedding_models %{vertex_ai: …}`): its own key names
            # the entry (a provider, a role), the attribute says what the table holds
            hint = "key"
            evidence.append(f"container:{bindings[1]}")
    if hint == "none" and c.owner and _model_owner(c.owner) and not c.call:
        hint = "key"
        evidence.append(f"container:{c.owner}")
    elif hint == "none" and c.outer_owner and _model_owner(c.outer_owner) and not c.call and c.owner \
            and c.owner[:1].isupper() and not _NOT_MODEL_GROUP.search(c.owner):
        # a nested group of a models registry (``Models.Local``, ``Models.Ollama``): the group is named for a
        # provider or runtime, and the registry it sits in says what its constants are
        hint = "key"
        evidence.append(f"container:{c.outer_owner}.{c.owner}")
    if hint == "none" and c.call and not c.is_key and not _named_other(c) and (
            call_low in sdk_calls or (c.call_before_binding and is_model_name(c.call))):
        # a Hugging Face loader's argument (`fromPretrained('Xenova/yolov9-c_all')`, `pipeline('asr', 'org/name')`)
        # is a repository id or a folder by the call's contract, as a model key's value is: read as one
        hint = "key" if call_low in _HUB_LOADER_CALLS and call_low in sdk_calls else "api"
        evidence.append(f"call:{c.call}")
    if hint == "none" and (hub_arg := _hub_client_argument(c)) is not None:
        hint = "key"  # the slot of a repository id, as a `repo_id=` key is (`Hub.Repo(id: "coreml-projects/sam-2-studio")`)
        evidence.append(f"call:{hub_arg}")
    if hint == "none" and c.switch_on and (is_model_name(c.switch_on) or _model_owner(c.switch_on)):
        hint = "key"
        evidence.append(f"switch:{c.switch_on}")
    if hint == "none" and c.compared_to and is_model_name(c.compared_to):
        hint = "key"
        evidence.append(f"compared:{c.compared_to}")
    return hint, evidence


# calls whose first argument is, by the SDK's contract, the name a model is called by: an Azure OpenAI deployment
# (any name its owner chose: "claims-chat") or the model. The .NET OpenAI / Azure.AI.OpenAI client getters
# (`azureClient.GetChatClient(deploymentName)`, GetEmbeddingClient, GetAudioClient, GetImageClient; the OpenAI .NET
# README and Azure.AI.OpenAI's, as_of 2026-12-07) and Semantic Kernel's Azure OpenAI registrations
# (`AddAzureOpenAIChatCompletion(deploymentName, endpoint, apiKey)`); there a plain identifier is read as the
# binding-only rule reads one under a model-named key
DEPLOYMENT_CALLS = frozenset({"getchatclient", "getembeddingclient", "getaudioclient", "getimageclient",
                              "addazureopenaichatcompletion", "addazureopenaitextembeddinggeneration"})
# calls that pick which provider or connection a client uses, named so first (`using('mistral')`, `using('openai',
# 'gpt-4o')`)
_SELECTOR_CALLS = frozenset({"using"})
# calls that load the program's own source files by path: Ruby's `require` / `require_relative` / `autoload` and Rails'
# `require_dependency`, PHP's `require_once` / `include_once`, Lua's `dofile` / `loadfile`; their argument is a file
# of the app (`require_relative "anthropic/internal/util"`), however much it looks like an org/name id. (`load` is
# left out: `torch.load("model.pt")`, `Model.load(...)` load weights.)
_SOURCE_LOAD_CALLS = frozenset({"require", "require_relative", "autoload", "require_dependency", "require_once",
                                "include_once", "dofile", "loadfile"})


# a word for a slot or a stand-in and a version (`option_v1`, `choice-2`, `dummy_v3`)
_SLOT_VERSION = re.compile(r"(?i)(?:option|choice|item|value|variant|example|sample|foo|bar|baz|dummy|fake|mock|"
                           r"placeholder)s?[-_]v?\d{1,3}")
# `custom-embed-v2`, `custom_model`: a custom word first and plain words or a version; `local-whisper`, `remote-tts`:
# a place word and one plain word (no size, no version)
_CUSTOM_OR_PLACE = re.compile(r"(?i)custom[-_][a-z]+(?:[-_][a-z0-9]+){0,3}|(?:local|remote|onprem|offline|hosted|"
                              r"selfhosted|external)[-_][a-z]{2,20}")


# a test helper that builds fixture objects (makeModels, newTestModel, buildConfig, fakeModels, mockModel)
_FIXTURE_BUILDER = re.compile(r"(?:make|new|build|create|fake|mock|stub|gen|generate)(?:Test|Fake|Mock)?[A-Z_]\w*$")


# a lower-case name whose version is written with underscores only (`bulbul_0_4`, `saaras_0_11`, `my_tts_1_2`)
UNDERSCORE_VERSIONED = re.compile(r"[a-z][a-z0-9]{1,30}(?:_[a-z][a-z0-9]{0,30}){0,3}(?:_\d{1,4}){2,3}")
# a local folder path, absolute or relative (`/workspace/org/name`, `./models/name/`, `~/models/name`): no scheme, no
# template, no space; 2 to 10 segments
_LOCAL_FOLDER = re.compile(r"(?:/|\./|~/)(?:[\w.+-]{1,120}/){1,9}([\w.+-]{1,120})/?")
# a folder name of separated words that carries a digit (a version, a size): `translation-eng-2-formal-indic-2`
_MODEL_FOLDER_NAME = re.compile(r"(?=[^/]*\d)[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+){1,15}")
# a folder's name that is a file's (`config.json`, `model.bin`) or a run's (`checkpoint-1000`, `epoch_3`, `v1.2`)
_NOT_MODEL_FOLDER = re.compile(r"(?i)\.(?:json|ya?ml|txt|bin|pt|pth|onnx|gguf|safetensors|ckpt|py|sh|log|csv|npy|npz|"
                               r"pkl|h5|tar|gz|zip)$|^(?:checkpoints?|ckpt|epoch|step|run|v|version|cache|tmp|temp|"
                               r"output|outputs|logs?|data|dataset)[-_.]?\d")


def local_model_folder(value: str) -> str | None:
    """The last folder of a local path when it reads as a model's name (``_MODEL_FOLDER_NAME``), else None."""
    m = _LOCAL_FOLDER.fullmatch(value)
    if m is None:
        return None
    name = m.group(1)
    if not _MODEL_FOLDER_NAME.fullmatch(name) or not_model_folder(name) or is_model_name(name):
        return None
    return name


def not_model_folder(name: str) -> bool:
    """A folder's name that is a file's, a run's or a scratch folder's (``_NOT_MODEL_FOLDER``), generic, or no model."""
    return bool(_NOT_MODEL_FOLDER.search(name)) or is_generic(name) or _not_a_model(name)


def _url_slug(c: Candidate) -> bool:
    """The literal is set as or compared with a record's URL slug (`slug`, `seo_slug`, `urlSlug`; not a `model_slug`)
    outside a record literal: a keyword argument (`update(slug: "…")`), an assignment, or a comparison
    (`a.slug == "…"`, an ``assert_equal``). A bare ``slug`` inside a hash / object literal is left to the other rules:
    a models catalogue keys its entries by a slug that is the model id (the config reader's rule too)."""
    if c.container:
        return False
    name = c.compared_to if c.compared_to else (
        c.bindings[0] if c.bindings and not c.call_before_binding else None)
    low = snake(name) if name is not None else ""
    return low.endswith("slug") and "model" not in low  # a `model_slug` is the model's own slug


# a call that adds a model under a name of its own, the name first and the model second when both are given
# (.NET Aspire's Ollama hosting `ollama.AddModel("phi3", "phi3")` / `AddHuggingFaceModel("llama", "bartowski/…")` and
# its TypeScript AppHost's `addNamedModel("tinyllama", "tinyllama")`, learn.microsoft.com/dotnet/aspire and
# github.com/CommunityToolkit/Aspire, as_of 2026-12-06; Aspire's `Add*` builders all take the resource's name first):
# snake-cased `add_model`, `add_named_model`, `add_hugging_face_model`
ADD_NAMED_MODEL = re.compile(r"add_(?:[a-z0-9]+_){0,3}model")


def names_model_after(first: str, second: str) -> bool:
    """In an ``ADD_NAMED_MODEL`` call's two strings, the second is the model and the first its resource's name: the
    second is the same string or reads as a model on its own (a catalogue's `addNvidiaModel("meta/llama-3.1-8b",
    "Llama 3.1 8B")` gives the model first and its display name second, which reads as none)."""
    second = second.strip()
    return bool(second) and not any(ch.isspace() for ch in second) and (
        second == first.strip() or classify(second, "api") is not None)


# plain snake- or kebab-case words around the word `model` and a version tail (`updated_model_v2`,
# `write_test_model_v1`, `mock-model-2`), the word fused to the app's or test's own (`mattermodel-5.4`, a chat
# plugin's test bot's stand-in): a test's made-up name; no provider's id spells the word `model` in its name
_TEST_MODEL_WORDS = re.compile(r"(?:[a-z]+[_-]){0,4}[a-z]{0,16}models?(?:[_-][a-z]+){0,3}[_-]v?\d{1,3}(?:\.\d{1,3})?")
# a field's name in snake case: lower-case words joined by `_`, no digit (`embedding_types`, `input_type`)
_FIELD_NAME = re.compile(r"[a-z]+(?:_[a-z]+)+")


# an HTTP API's version word alone (v1, v2, v1beta, v1alpha2)
_API_VERSION_WORD = re.compile(r"(?i)v\d+(?:(?:alpha|beta)\d*)?")


def decide(c: Candidate, sdk_calls: frozenset[str], context: str = "app") -> Decision | None:
    """Is this candidate a model reference? ``None`` when the evidence does not say so."""
    value = c.value.strip()
    if not value or _PLACEHOLDER.match(value):
        return None
    if is_cloud_region(value):
        return None  # `String location = "us-central1"` passed beside the model (`ModelName.of(project, location,
        # model)`): where it runs, never which model (identify.CLOUD_REGION)
    if c.string_follows is not None and c.call and c.call_before_binding \
            and ADD_NAMED_MODEL.fullmatch(snake(c.call)) and names_model_after(value, c.string_follows):
        return None  # AddModel("phi3", "phi3"): the resource's name, the model is the string after it
    if value[:1] == "." and value[1:2].isalnum() and "/" not in value and "\\" not in value:
        return None  # `.hidden-model.bin`: a hidden file's name (a test's file to skip), no model's
    if c.bindings and not c.call_before_binding and snake(c.bindings[0]).lstrip("_") in DISPLAY_BINDINGS:
        return None  # title = "GPT-4o", description: "…", a private `_title`: text for people, not the value sent to a
        # model API
    if _url_slug(c):
        return None  # `assistant.update(slug: "gpt-4o")`, `page.url_slug = "…"`, `assert_equal "gpt-4o", a.slug`: a
        # record's URL name, often spelled after the model it uses, not the model
    if "/" not in value and is_provider_role_name(value.lower(), is_provider_name) and not _known(value):
        return None  # `name = "anthropic-chat"` beside `provider = "anthropic"`, `ModelName: "voice-gemini"`: the app's
        # name for what it sends to which provider, made of those words alone; no provider serves a model so named
    if c.bindings and not c.call_before_binding and (
            snake(c.bindings[0]) in _PROVIDER_BINDINGS
            or (snake(c.bindings[0]) in _CHOICE_KEYS and len(c.bindings) > 1 and snake(c.bindings[1]) in _PROVIDER_BINDINGS)) \
            and (is_provider_name(value) or _PROVIDER_WORD.fullmatch(value)):
        return None  # provider: "mistral" beside a model list: the provider's id (also an Ollama model's name); a
        # gateway's own driver names too (`provider = "llama2"`), one lowercase word as a provider's id is written
    if c.compared_to and snake(c.compared_to) in _PROVIDER_BINDINGS and not c.bindings \
            and (is_provider_name(value) or _PROVIDER_WORD.fullmatch(value)):
        return None  # `if conf.provider == "llama2"`: the provider's id, as under a provider-named binding
    if c.via is not None and snake(c.via) in _PROVIDER_BINDINGS \
            and (is_provider_name(value) or _PROVIDER_WORD.fullmatch(value)):
        return None  # `local DRIVER_NAME = "llama2"` read where the constant is used (`headers[DRIVER_NAME]`): the
        # constant's name says what its value is wherever it goes
    if c.call and c.call_before_binding and c.call.lower() in _SOURCE_LOAD_CALLS:
        return None  # `require_relative "anthropic/internal/util"`: one of the program's own source files, by path
    if c.call and c.call_before_binding and ("fixture" in c.call.lower() or "cassette" in c.call.lower()):
        # fixture('OpenAI/chat-response'), loadFixture("anthropic/messages"), VCR.use_cassette("openai/chat/error"),
        # insert_cassette(…): a test data file's (a recorded HTTP exchange's) name
        return None
    if c.bindings and not c.call_before_binding and ("fixture" in c.bindings[0].lower()
                                                     or "cassette" in c.bindings[0].lower()) \
            and not is_model_name(c.bindings[0]):
        return None  # `["X-AI-Fixture"] = "openai/chat-stream.sse"`, `fixture: "anthropic/messages.json"`: the same
        # recorded exchange's name, given under a key or header instead of to a call (a `fixture_model` is a model)
    if c.prefix_check and (c.prefix_call in STARTS_CALLS or not (_known(value) or _whole_name(value)
                                                                  or _known_vertex_path(value))
                           or family_prefix(value)) \
            and not (c.prefix_call not in STARTS_CALLS and HUB_HOST_REF.fullmatch(value)):
        return None  # startsWith("gpt-5") names a family; contains("qwen-turbo") of a full known id is a model,
        # contains("gpt-oss") of the start of known models' names (gpt-oss-20b, gpt-oss-120b) is not; a membership
        # test of a whole host-qualified Hub reference (`Assert.Contains("hf.co/org/name:Q4_K_M", resource.Models)`)
        # names that model, as one of a known id does
    if c.bindings and not c.call_before_binding and _PREFIX_BINDING.search(snake(c.bindings[0])):
        return None  # `newPrefixes := []string{"gpt-6", "o1"}`, `MODEL_PREFIXES = (...)`: the starts a name is
        # tested against (a loop's HasPrefix), a family's prefix rather than a model, as a startsWith argument is
    if c.bindings and not c.call_before_binding and _PATTERN_BINDING.search(snake(c.bindings[0])) \
            and (family_prefix(value) or not (_known(value) or _whole_name(value))):
        return None  # `$imageModelPatterns = […'gemini-2', 'imagen']`, `MODEL_PATTERNS`: substrings a model's name is
        # searched for (stripos, contains); a series start there is no model, a whole known id still names one, as
        # for a contains() argument
    if c.first_argument and c.call and c.call_before_binding and c.call.lower() in _SELECTOR_CALLS \
            and is_provider_name(value):
        return None  # `Inference::using('mistral')`, Prism's `->using('ollama', 'qwen2.5')`: the provider or the
        # connection preset a client is told to use comes first; the model, when given, is the argument after it
    if _SLOT_VERSION.fullmatch(value) and not _known(value):
        return None  # `[]string{"option_v1", "option_v2"}` compared with a request's `models`: a test's slot words
        # and a version, names no provider gives a model
    if _CUSTOM_OR_PLACE.fullmatch(value) and not _known(value) and not (
            value[:1] in "cC" and names_family(value)):
        return None  # `model: "custom-embed-v2"` (a custom endpoint's stand-in), `'local-whisper'` (where the app runs
        # its own engine, named for it): the app's or test's own name, a custom or place word first; no provider's
        # id starts so (a custom name with a family word, `custom-llama-3`, is left to the other rules)
    if context == "test" and _TEST_MODEL_WORDS.fullmatch(value) and not names_family(value):
        return None  # `config.model = "updated_model_v2"`, `"write_test_model_v1"`: a test's config record named for
        # what the test does with it, the word `model` and a version, in snake case as no provider writes an id
    if context == "test" and c.call and c.call_before_binding and value.isalpha() \
            and _FIXTURE_BUILDER.match(c.call):
        return None  # a test's fixture builder given bare family words as names (`makeModels("gemma", "mistral")`):
        # stand-in names for the objects the test builds, not models anyone calls
    if c.case_label and c.switch_on and is_provider_name(value):
        return None  # `case model.to_s when "mistral", "deepseek"`: an engine factory's provider shortcut, which the
        # branch maps to a model of that provider's own choosing; the provider's name is not the model
    if "/" not in value and _names_an_architecture(c):
        return None  # rope_type: "llama3", architecture == "gemma3": an architecture or family word, not a model
    hint, evidence = context_hint(c, sdk_calls)
    if c.is_key and evidence and evidence[0] == f"container:{c.owner}" and _FIELD_NAME.fullmatch(value) \
            and not _known(value):
        return None  # `'embedding_types': …` in a request body built by a class named `…EmbeddingsModel`: the key is
        # a field of the body, and only the class's name said "model"
    if evidence == [f"container:{c.owner}"] and c.owner and c.owner.endswith("Model") and not c.is_key \
            and c.group is not None and "enum" not in c.group[1] \
            and is_provider_name(value) and not any(ch.isdigit() for ch in value):
        return None  # `class MLModel { … MISTRAL = "mistral"; … }`: a keyword constant of one model's record type (a
        # singular `…Model`: an entity, not a registry of models), a provider's name beside OPENAI, COHERE…; an enum's
        # constant (`enum OllamaModel { MISTRAL("mistral") }`) is one of the models it lists
    if hint == "none" and _names_a_weight_file(c, value):
        hint = "key"  # a download catalogue's `filename: 'Gecko_64_quant.tflite'`: the name of the file it stores
        evidence.append(f"file-binding:{c.bindings[0]}")
    if _ENV_NAME.fullmatch(value) and not _known(value) and not DATED_CONSTANT_ID.fullmatch(value):
        return None  # GEMINI_API_KEY, OPENAI_MODEL: an environment variable's name, not its value
    if _API_VERSION_WORD.fullmatch(value) and not _known(value):
        return None  # `"v1beta"` beside a model path in a test (an API version, `apigee/vertex_ai/v1beta/…`'s part)
    if _API_VERSION_PATH.fullmatch(value):
        return None  # `getApiVersionPath(): 'api/v3'`, "compatible-mode/v1": an HTTP API's version path, not an
        # org/name Hub id (a provider-prefixed `deepseek/v3` names a model: its first word is no route word)
    if value[:1] == "/" and c.bindings and not c.call_before_binding and _ROUTE_BINDING.search(snake(c.bindings[0])) \
            and not is_model_name(c.bindings[0]) and "." not in value.rsplit("/", 1)[-1]:
        return None  # `__upstream_path = "/chat/llama2"`, `route: "/v1/mistral"`: the HTTP path a gateway forwards
        # to, named for the model or provider behind it; not a file (a dot) nor under a model's name (`model_uri`)
    if _SERVER_TAIL.search(value) and not _known(value):
        return None  # `ModelName: "gpt-router"`, `"llama3-server"`: a serving object named after its model
    if "/" not in value and _ADAPTER_WORD.search(value) and not _known(value):
        return None  # `modelName: "math-lora"`, `"lora-adapter-1"`: an adapter the server loads under that name
    match = classify(value, hint)
    if evidence and evidence[-1].startswith("file-binding:") \
            and value.rsplit(".", 1)[1].lower() in _FILE_BINDING_BUNDLE_EXTS:
        # identify leaves `.task` out of its weight formats (the word is common), so its reading of the name is
        # none or an API name: the binding and the model-like stem say it is a bundle file
        match = Match("model-file", None, 0.6)
    if match is None and "::" in value and (ref := model_ref_match(value)) is not None:
        match = ref  # "anthropic::2024-10-22::claude-3-5-sonnet-latest": a provider::api-version::model reference
        evidence.append("model-ref")
    if match is None and "::" in value:  # genai-style namespaced ids: "aliyun::qwen-plus", "vertex::gemini-2.5-flash"
        namespace, _, rest = value.partition("::")
        inner = classify(rest, hint) if _NAMESPACE.fullmatch(namespace) else None
        if inner is not None:
            match = Match("provider-prefixed", inner.provider, inner.confidence, inner.role)
            evidence.append(f"namespace:{namespace}")
    if match is None and hint in ("key", "api") and value.lower() in GPT3_BASE:
        match = Match("api-model", "openai-api", 0.6)  # model := "ada", ModelId("davinci"): a GPT-3 base model
    deployment_slot = hint == "api" and c.first_argument and (c.call or "").lower() in DEPLOYMENT_CALLS \
        and bool(evidence) and evidence[-1] == f"call:{c.call}"
    if match is None and ((hint == "key" and evidence and evidence[-1].startswith("binding:")) or deployment_slot) \
            and BINDING_ONLY.fullmatch(value) and not _component_file(value) and not is_generic(value) \
            and not _not_a_model(value) and not ASSET_FILE.search(value) \
            and not is_provider_name(value) and not SECRET_TAIL.search(value.lower()) and not is_slot_name(value.lower()):
        # a plain identifier under a name that says "model" (embedding_model: "textembedding-gecko"): weakest evidence;
        # not a data, text or picture file (`modelFile = "models.json"`: a list of models kept in a file)
        match = Match("api-model", None, 0.5)
        evidence.append("binding-only")
    if match is None and hint == "key" and evidence and evidence[-1].startswith("binding:") \
            and UNDERSCORE_VERSIONED.fullmatch(value) and not is_generic(value) and not _not_a_model(value):
        # MODEL_NAME: "bulbul_0_4": a name and its version written with underscores (a Riva / Triton model
        # repository's folder name, where a dot or dash would not do) under a name that says "model"
        match = Match("api-model", None, 0.5)
        evidence.append("binding-only")
    if match is None and hint == "key" and evidence and evidence[-1].startswith("binding:") \
            and (folder := local_model_folder(value)) is not None:
        # MODEL_PATH: "/workspace/acme/translation-eng-2-indic", "/data/models/whisper-ml-hf/1/saaras_0_11": a local
        # folder under a name that says "model" is where the model's weights are loaded from; its last folder names
        # the model when it reads as a name with a version or size, even without a family word
        match = Match("model-file", None, 0.5)
        evidence.extend(("binding-only", f"model-folder:{folder}"))
    if match is None and hint == "key" and evidence and evidence[-1].startswith("binding:") \
            and names_model_repo(evidence[-1][len("binding:"):]) and hub_repo_shape(value):
        # modelRepo: "argmaxinc/whisperkit-coreml", DEFAULT_MODEL_REPO = "acme/speaker-models": the name says the value
        # is the Hub repository the models are downloaded from, so an org/name there is one whatever its words
        match = Match("hf-repo", None, 0.6)
        evidence.append("model-repo")
    if match is None and hint == "none" and c.bindings and not c.call_before_binding \
            and not c.is_key and _names_repo_only(c.bindings[0]) and hub_repo_shape(value) \
            and CONVERTED_REPO_TAIL.search(value.split("/", 1)[1]):
        # `from repo: String = "argmaxinc/whisperkit-coreml"`, `repoName = "acme/phi-3-mini-onnx"`: a name that says
        # "repository" (and nothing else) holding an org/name whose name ends in a model format's word (a Core ML / MLX
        # / ONNX / GGUF / quantised conversion's repository): the Hub repository models are downloaded from
        match = Match("hf-repo", None, 0.6)
        evidence.extend((f"binding:{c.bindings[0]}", "model-repo"))
        hint = "key"
    if match is None:
        return None
    if match.kind == "ollama-tag" and ":" not in value and _cloud_models_group(c):
        return None  # `VertexAIModels.Gemma.CodeGemma = "codegemma"`: a bare library word in a hosted platform's model
        # constants names a family it offers (Model Garden's), which that platform never takes as an id; only a local
        # runtime (Ollama) pulls a model by its bare family word
    if hint == "key" and is_model_name(value) and not _known(value):
        return None  # the value is itself a key's name (deployment_name: "libre_app_dall3_deployment_name")
    if context == "test" and match.kind == "hf-repo" and _TEST_WORD_ID.fullmatch(value) and not _known(value) \
            and not names_family(value.split("/", 1)[1]):
        return None  # a test's `Model: "openai/test"`, `"openai/existing"`, `"openai/old"`: a provider or org and a
        # plain word the test names its fixture entries by, no model (Hub names carry a digit, a separator or a family)
    if match.kind == "model-file" and _WEIGHT_FILE.match(value.rsplit("/", 1)[-1]) and (
            "/" not in value.lstrip("/") or _STORE_FOLDERS.fullmatch(value.rsplit("/", 1)[0]) is not None):
        return None  # a weight file's generic name inside code, not a model; also as the tail a path is joined with
        # (`dir + "/model.gguf"`, `folder + "/mmproj.gguf"`: the file every model folder of that runtime holds), and
        # in a folder that only says weights are kept there (a test's `"/models/mmproj.gguf"`): no name of a model
    if _known(value):
        evidence.insert(0, "knowledge-base")
    if c.via is not None:
        evidence.append(f"via:{c.via}")
    evidence.append(f"shape:{match.kind}")
    if context in ("test", "example", "docs"):
        evidence.append(f"file-role:{context}")
    return Decision(match, hint, tuple(evidence))
