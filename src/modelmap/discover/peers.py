"""Peer evidence: an identifier listed among recognised models is a model too (issue 10).

Real code keeps model names in tables: a Go ``const ( … )`` block, a map or slice literal, a Python list,
a JS array or object map, the ``case`` bodies of a switch on a model variable, the first argument of
every ``ModelInfo("…", …)`` call in a provider module. The knowledge base knows most entries of such a
table but never all of them (``spark-desk-max``, ``chatglm_pro``, ``luma-video``). When most of a
table's distinct entries are recognised models, the other entries that are shaped like model ids are
reported too, with the evidence ``peers:<known>/<entries>``.

The rule is deliberately narrow:

* at least ``MIN_KNOWN`` distinct entries are recognised, and they are at least half of the entries;
* an accepted entry is identifier-shaped with at least one separator (``bing-creative``, not
  ``general``), not a version, size, date, file name, placeholder, environment-variable or key name,
  and not an app's own name built on a model id (``gpt-4o-settings``);
* unless the table is clearly a model table (three quarters of it recognised, a dozen recognised
  entries, or its name or the switch it belongs to says "model"), an accepted entry must also read as a
  model name on its own (a digit, or a model-family word).

Each language module decides what a table is; this module only weighs one table at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from modelmap.discover.identify import (
    PLACEHOLDER,
    Match,
    app_object_name,
    classify,
    is_cloud_region,
    is_generic,
    is_model_ish,
    names_family,
)

MIN_KNOWN = 3
MAX_TABLE = 2000  # entries past which a literal list is data, not a model table (and weighing it is not worth it)
LARGE_TABLE = 12  # recognised entries past which a table is a model table whatever its other entries

_SHAPE = re.compile(r"[A-Za-z0-9]+(?:[-_.:/][A-Za-z0-9]+){1,8}")
_VERSION = re.compile(r"(?i)v?\d+(?:[._-]\d+)*[a-z]?")
_SIZE_OR_DATE = re.compile(r"(?i)\d+x\d+|\d{4}-\d{2}(?:-\d{2})?|\d+(?:\.\d+)?[kmgt]b?")
# a model version alone with its release stage (`0125-preview`, `1106-preview`, `2-beta`, `0409-rc1`): Azure OpenAI's
# and others' model version field written beside the model's name (`GPT_4_0125_PREVIEW("gpt-4-0125-preview", "gpt-4",
# "0125-preview")`, a deployment's `version: 0125-preview`), never a model's own id, which names the model first
_STAGED_VERSION = re.compile(r"(?i)v?\d+(?:[._-]\d+)*[-_.](?:preview|beta|alpha|rc\d*|stable|exp(?:erimental)?)")
# one word and a release date alone (no family word, size or version before the date): an API's dated version
_WORD_DATE = re.compile(r"(?i)([a-z]+)-\d{4}-\d{2}-\d{2}")
# an environment variable's or a named constant's name by convention (UPPER_SNAKE)
CONST_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
_ENV_NAME = CONST_NAME
# besides identify.PLACEHOLDER (test doubles, invalid-/nonexistent- values): a user's own name in an example
# (`inference-profile/my-profile`, `my-deployment`), which a table of real ids beside it does not make a model
_PLACEHOLDER = re.compile(r"(?i)^(?:your[-_]|xxx|todo|changeme|replace[-_]?me|example[-_]|my[-_]|custom[-_])")
_FILE_EXT = re.compile(r"(?i)\.(?:png|jpe?g|gif|svg|webp|ico|css|html?|mdx?|txt|csv|json|ya?ml|toml|pdf|[cm]?js|"
                       r"tsx?|jsx|vue|py|go|rs|java|kt|cs|php|rb|mp3|mp4|wav|bin|safetensors|gguf|onnx|pt|pth|"
                       r"ckpt|zip|gz|tar|log|lock|sh|exe|dll|so)$")
# last words that make a name an app's own (a storage key, a UI element, an event), as identify._APP_SUFFIX
_APP_SUFFIX = re.compile(r"(?i)[-_.](?:settings?|config|cache|history|state|store|storage|key|btn|button|card|badge|"
                         r"icon|logo|avatar|modal|dialog|panel|wrapper|container|menu|page|tab|event|changed|selected|"
                         r"enabled|toggle|session|conversation|prompt|template|form|field|input|params|options|id|"
                         r"url|uri|path|dir|file|name|type|error|header|token|secret|password|env)$")
# an identifier written in camelCase (`chatgptApi35_16k`, `claude2WebFree`, `poeAiWebGPT4`): an app's own key for its
# model entry, the code's name for it, never the id a provider serves (those are lower-case words joined by - . / :,
# or a Hub repo's name)
CODE_IDENT = re.compile(r"[a-z][a-z0-9]*[A-Z][A-Za-z0-9_]*")
# a router's or gateway's own choice in place of a model's name (OpenRouter's Auto Router is `openrouter/auto`,
# openrouter.ai/docs, as_of 2026-12-04): which model answers is picked per request
_PICK_WORDS = frozenset({"auto", "default", "custom", "any", "random", "best", "none"})
# a git ref, as a Hub download's revision argument (FileSource::huggingface("BAAI/bge-large-en-v1.5", "refs/pr/5", …),
# hf_hub_download(revision="refs/pr/1"))
_GIT_REF = re.compile(r"(?i)refs/(?:pr|pull|heads|tags|remotes|convert|merge-requests)/")
# an API's own object ids, by the prefixes the APIs document (OpenAI: `call_…` tool calls, `item_…` / `event_…` /
# `sess_…` / `conv_…` Realtime objects, `resp_…`, `msg_…`, `fc_…`, `rs_…`, `asst_…`, `thread_…`, `run_…`, `step_…`,
# `vs_…`, `chatcmpl-…`, `ftjob-…`; Anthropic: `msg_…`, `toolu_…`, `msgbatch_…`; platform.openai.com/docs/api-reference
# and docs.anthropic.com/en/api, as_of 2026-12-05): a test's expected `call_id` / `item_id` sits in the same assertion
# table as the model it sent (`call_123`, `item_assistant_123`), and has a digit, but names a call or an item, never
# a model (no provider's model id starts with one of these words and an underscore)
_API_OBJECT_ID = re.compile(r"(?:call|item|event|sess|conv|resp|msg|fc|rs|asst|thread|run|step|vs|toolu|msgbatch)_"
                            r"[A-Za-z0-9_]+|(?:chatcmpl|ftjob)-[A-Za-z0-9]+")
# an app's own record id: a chat, user, session or job word and a number (`chat-42`, `user_7`, `session-1001`, a
# messaging test's chat id asserted beside the model it sent); no provider's model id is such a word and a count
_RECORD_ID = re.compile(r"(?i)(?:chat|conversation|thread|session|room|channel|user|message|group|task|job|request|"
                        r"order|ticket|node|pod|worker|tenant|account|team|project)[-_]\d+")
_PLAIN = re.compile(r"[a-z]{2,20}")
# the word "model" followed only by numbers, dates, versions and release stages
_MODEL_WORD_VERSION = re.compile(r"(?i)models?(?:[-_.](?:v?\d+|beta|alpha|preview|latest|stable|rc\d*|exp)){1,4}")
_NOT_PEERS = frozenset({"n/a", "not-set", "text-davinci", "user-agent", "content-type", "x-api-key"})
# encodings, hashes, architectures, numeric types and protocols: hyphenated with a digit, never a model
_TECH_WORD = re.compile(r"(?i)(?:utf|ucs|iso|latin|cp|windows|sha|sha3|md|crc|x86|amd|arm|aarch|i386|win|int|uint|"
                        r"float|http|tls|ssl|ipv|base)[-_.]?\d[\w.-]*")


@lru_cache(maxsize=1 << 14)
def peer_shaped(value: str) -> bool:
    """Could this entry of a model table be a model id? (Not whether it is one: that is the table's say.)"""
    # the classifier imports this module's callers
    from modelmap.discover.classifier import app_words_only, is_model_name

    v = value.strip()
    if not (3 <= len(v) <= 100) or not _SHAPE.fullmatch(v) or not re.search(r"[A-Za-z]", v):
        return False
    low = v.lower()
    if low in _NOT_PEERS or _TECH_WORD.fullmatch(v) or _VERSION.fullmatch(v) or _SIZE_OR_DATE.fullmatch(v) \
            or _STAGED_VERSION.fullmatch(v) or _ENV_NAME.fullmatch(v):
        return False
    if _PLACEHOLDER.match(v) or PLACEHOLDER.match(v) or _FILE_EXT.search(v) or _APP_SUFFIX.search(v) or is_model_name(v) or CODE_IDENT.fullmatch(v):
        return False
    if is_provider_name(v):
        return False  # a provider's id or prefix (azure_openai, together_ai) in a test row beside its model
    if app_object_name(low):
        return False  # agent-1, prov-1: a test's numbered agent or provider id beside the models (identify)
    if (dated := _WORD_DATE.fullmatch(v)) is not None and not names_family(dated.group(1)):
        return False  # bedrock-2023-05-31, vertex-2023-10-16: an API's version (Anthropic's `anthropic_version` on
        # Bedrock and Vertex) written as a platform word and a date, asserted beside the model in a request test
    if _MODEL_WORD_VERSION.fullmatch(v):
        return False  # model-20241022-beta, model-2-latest: the word "model" and a date, number or release stage only
        # (a normaliser test's input that must come back unchanged), naming no model
    if "/" in v and v.rsplit("/", 1)[1].lower() in _PICK_WORDS:
        return False  # openrouter/auto, <router>/default: the service picks a model per request, names none
    words = re.split(r"[-_.]", v.lower())
    if not re.search(r"\d", v) and len(words) >= 2 and words[-1] in _PICK_WORDS \
            and all(names_family(w) or is_provider_name(w) for w in words[:-1]):
        return False  # gpt-best, claude-best ("Best OpenAI Model"), gemini-auto: an app's stand-in that resolves to
        # whichever model of that family or provider it deems best or picks per request, itself no model's name (a
        # service's own router id under a word the knowledge base does not know, `lynkr-auto`, is left to the table)
    if app_words_only(v.lower()):
        return False  # dep-1, old-profile: a test's or app's name for its own deployment or profile (classifier)
    if "/" in v and not v.startswith("models/") and all(_PLAIN.fullmatch(p) and not names_family(p)
                                                         for p in v.split("/")) \
            and any(is_generic(p) for p in v.split("/")):
        return False  # model/extra: plain lower-case words joined by a slash, one a generic word (a test's path
        # case), no model (a Hub repo's own name, `amphion/MaskGCT`, is its org's word and a name; Gemini's
        # resource name `models/aqa` is its API's `models/` and the model)
    if is_cloud_region(v):
        return False  # cn-beijing, us-east-1: the region a constant block's models run in (identify.CLOUD_REGION)
    if _RECORD_ID.fullmatch(v):
        return False  # chat-42, session-1001: an app's record (a chat's, a user's) by its number, not a model
    if _API_OBJECT_ID.fullmatch(v):
        return False  # call_123, item_assistant_123, chatcmpl-abc123: an API object's id in a test, not a model
    if _GIT_REF.match(v):
        return False  # refs/pr/5: a Hub repository's revision (a git ref) beside the repository id, not a model
    return not v.startswith(("/", ".", "-"))


def is_provider_name(value: str) -> bool:
    """A provider's id or model-id prefix in the knowledge base (``azure-openai``, ``together_ai``, and written with a
    dot as a namespaced key: ``aws.bedrock``, ``azure.openai``): names who serves models, not one."""
    return value.strip().lower().replace("_", "-").replace(".", "-") in _provider_names()


@lru_cache(maxsize=1)
def _provider_names() -> frozenset[str]:
    """The knowledge base's provider ids and model-id prefixes, ``_`` written ``-``."""
    from modelmap.discover.identify import vocab
    from modelmap.knowledge import load

    names = set(vocab().prefixes) | set(load().providers)
    return frozenset(n.lower().replace("_", "-") for n in names)


# OpenAI's original GPT-3 base models, by their one-word API names (platform.openai.com/docs/deprecations, as_of
# 2026-12-04): ordinary words elsewhere, so a model only among GPT-3 peers or where a model is expected
GPT3_BASE = frozenset({"davinci", "curie", "babbage", "ada"})
_GPT3_PEER = re.compile(r"(?i)(?:^|[-_])(?:davinci|curie|babbage|ada)(?:$|[-_])")


def reads_as_model(value: str) -> bool:
    """A table entry that says "model" on its own: a digit, or a model-family word (``claude-slack``)."""
    return bool(re.search(r"\d", value)) or is_model_ish(value) or value.strip().lower() in GPT3_BASE


def accepted(entries: Iterable[tuple[str, bool]], *, model_table: bool = False, keyed: bool = False) -> dict[str, str]:
    """The entries of one table that its recognised peers make models: value → evidence.

    ``entries``: each entry's value and whether it was recognised on its own evidence (the knowledge base, or a
    rule that found it); repeated values count once. ``model_table``: the table's name, key or switch says
    "model" (``ChatModels``, ``switch model``).
    """
    known: set[str] = set()
    values: set[str] = set()
    for count, (value, is_known) in enumerate(entries):
        if count >= MAX_TABLE:
            return {}
        v = value.strip()
        if not v or any(ch.isspace() for ch in v):
            continue
        values.add(v)
        if is_known:
            known.add(v)
    if keyed and any(_family_word_alone(v) for v in values - known):
        # a map keyed by name starts (`['claude' => 200000, 'gpt-3.5' => 16385, 'gpt-4o' => …]`, a context-window or
        # price table looked up by the longest key the model's name starts with): a bare family word among the keys
        # says they are prefixes, so an unknown key that is a known series' stem ending in its version (`gpt-3.5` of
        # gpt-3.5-turbo) is that series, not a model the known keys vouch for. Only a map's keys: a list or a const
        # block beside a family word (`veo-2` among Veo constants) still has its peers; a worded key
        # (`claude-instant`) is still weighed
        values = {v for v in values if v in known or not (v[-1:].isdigit() and _series_stem(v))}
    if len(known) < MIN_KNOWN or 2 * len(known) < len(values):
        # (a short table of one provider's ids: `sonar` beside sonar-pro and sonar-reasoning-pro)
        return {v: f"peers:{len(known)}/{len(values)}" for v in sorted(values - known) if _own_word_of(v, known)} \
            if 2 * len(known) >= len(values) else {}
    strong = model_table or 4 * len(known) >= 3 * len(values) or len(known) >= LARGE_TABLE
    evidence = f"peers:{len(known)}/{len(values)}"
    gpt3 = any(_GPT3_PEER.search(k) for k in known)  # text-davinci-003, davinci-002: bare davinci is one of them
    out = {v: evidence for v in sorted(values - known)
           if (peer_shaped(v) and (reads_as_model(v) or (strong and (model_table or not _SNAKE_WORDS.fullmatch(v)))))
           or (gpt3 and v.lower() in GPT3_BASE)}
    for v in sorted(values - known - out.keys()):
        if _own_word_of(v, known):
            out[v] = evidence
    return out


def _series_stem(value: str) -> bool:
    from modelmap.discover.classifier import family_prefix  # (the classifier imports this module)

    return family_prefix(value)


def _family_word_alone(value: str) -> bool:
    """``claude``, ``gpt``: a model family's word alone, which no provider serves by that name (the key-hint reading
    finds no model in it; `mistral`, an Ollama library name, and `command`, Cohere's, are read as models)."""
    return bool(_ONE_WORD.fullmatch(value)) and names_family(value) and classify(value, "key") is None


def _own_word_of(value: str, known: set[str]) -> bool:
    """``command`` among command-r, command-light (Cohere's), ``sonar`` among sonar-pro (Perplexity's): a one-word id
    the knowledge base gives to one API provider (its alias or id pattern), in a table most of whose recognised
    entries are that provider's ids. A word alone is too common to be a model anywhere else; beside its provider's
    other ids it is that provider's model."""
    if not _ONE_WORD.fullmatch(value):
        return False
    own = classify(value, "key")
    if own is None or own.kind != "api-model" or not own.provider or own.confidence < 0.9:
        return False
    same = sum(1 for k in known if (m := classify(k, "none")) is not None and m.provider == own.provider)
    # at least MIN_KNOWN of them and half the recognised entries; or, in a table too short for that, two and all
    return (same >= MIN_KNOWN and 2 * same >= len(known)) or (same >= 2 and same == len(known))


_ONE_WORD = re.compile(r"[a-z]{3,20}")
# plain words joined by underscores, no digit (`cron_list`, `edit_photo`, `com_wechat`): an app's own identifier. A
# model id with neither a digit nor a family word is written with hyphens (`sonar-pro`, `command-light`), so in a long
# mixed table (a Go const block that holds models beside command and platform names) such a word is no peer's model
# unless the table itself says it holds models
_SNAKE_WORDS = re.compile(r"[a-z]{2,20}(?:_[a-z]{2,20}){1,4}")


def peer_match(value: str) -> Match:
    """The match reported for an entry accepted on peer evidence: what the classifier says under a model key,
    else an API model name of the weakest confidence."""
    found = classify(value, "key")
    if found is not None and found.kind != "model-file":
        return found
    return Match("api-model", None, 0.5)


__all__ = ["CODE_IDENT", "GPT3_BASE", "MAX_TABLE", "MIN_KNOWN", "accepted", "is_provider_name", "peer_match", "peer_shaped", "reads_as_model"]
