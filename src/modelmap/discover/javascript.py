"""JavaScript / TypeScript source: string values that reach model-calling SDKs.

Parsed with tree-sitter (the JavaScript, TypeScript and TSX grammars); no code is run and
nothing is matched with regular expressions over code. Covered: openai-node,
@anthropic-ai/sdk, @google/genai and @google/generative-ai, ollama-js,
@huggingface/inference, transformers.js, LangChain.js and the Vercel AI SDK (provider
functions such as ``openai("gpt-4o")``, ``createOpenAI({ baseURL })`` providers and AI
Gateway ``"provider/model"`` strings). Values are followed through simple same-file flow —
``const`` declarations, object properties, ``process.env.X ?? "default"``, default
parameters — and reported at the literal itself. Clients built with a ``baseURL`` carry
that endpoint to the calls made through them. Model registries (``const MODELS = [...]``,
``type LLMID = "gpt-4o" | ...``, ``enum``/object maps in model-named constants) count when
the knowledge base accepts each value; other bare literals only when it knows them.
Vue and Svelte single-file components are scanned through their ``<script>`` blocks.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import chain, islice
from typing import Any

from modelmap.discover.base import (
    BudgetExceeded,
    CharColumns,
    Collector,
    FindingsCapped,
    Sample,
    SourceFile,
    budget_skip,
    dedupe,
    parse_within_budget,
)
from modelmap.discover.classifier import (
    ADD_NAMED_MODEL,
    BINDING_ONLY,
    binding_only,
    evidence_of,
    family_prefix,
    model_ref_match,
    names_a_header,
    names_model_after,
    plausible,
)
from modelmap.discover.composite import model_tail
from modelmap.discover.config_files import role_from_key
from modelmap.discover.identify import (
    PLACEHOLDER,
    Hint,
    Match,
    api_pattern,
    classify,
    classify_client_endpoint,
    classify_endpoint,
    decide_role,
    is_generic,
    is_model_key,
    vocab,
)
from modelmap.discover.links import PENDING
from modelmap.discover.peers import CODE_IDENT, CONST_NAME, MAX_TABLE, MIN_KNOWN, accepted, peer_match
from modelmap.discover.uris import route_model
from modelmap.knowledge import load
from modelmap.regexes import any_of
from modelmap.types import Finding, Skip, SymbolUse

MAX_DEPTH = 1500  # syntax-tree nesting past which a file is skipped as unparseable
MAX_FLOW_DEPTH = 6
MAX_FLOW_STEPS = 64  # expression nodes looked at to answer one "which literals can this be?"
MAX_PENDING = 512  # exported string constants per file kept for the cross-file pass (links.py)

_PREFIX_CHECKS = frozenset({"startsWith", "endsWith"})
# substring tests: `model.includes("gpt-oss")` names the start of a family's names (gpt-oss-20b, gpt-oss-120b), not
# a model; a complete id the knowledge base knows (`model.includes("claude-2")`) is still one (the classifier's rule
# for the tree-sitter languages' contains / includes calls)
_CONTAINS_CHECKS = frozenset({"includes", "indexOf", "lastIndexOf"})
# array methods whose callback tests each element against a model's name:
# `["nova-lite", "gpt-oss"].some((part) => model.includes(part))`
_ELEMENT_TESTS = frozenset({"some", "every", "find", "filter", "findIndex", "findLast"})
MAX_CHECK_NODES = 64  # nodes of a callback or loop body looked at for the element's test
MAX_CHECK_ITEMS = 256  # array elements marked by one such test
_JS_EXT = (".js", ".mjs", ".cjs", ".jsx")
_TS_EXT = (".ts", ".mts", ".cts")
_SFC_EXT = (".vue", ".svelte")
_PAGE_EXT = (".html", ".htm", ".blade.php")


@cache
def _parser(lang: str) -> Any:
    import tree_sitter

    if lang == "javascript":
        import tree_sitter_javascript

        language = tree_sitter.Language(tree_sitter_javascript.language())
    else:
        import tree_sitter_typescript

        language = tree_sitter.Language(
            tree_sitter_typescript.language_tsx() if lang == "tsx" else tree_sitter_typescript.language_typescript()
        )
    return tree_sitter.Parser(language)


# -- call rules --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallRule:
    """Which arguments of a call carry a model, what they expect, and what the call is for."""

    id: str
    callee: re.Pattern[str]
    args: tuple[int, ...]  # positional arguments holding the model
    keys: tuple[str, ...]  # properties of an object argument holding the model ("*" = any model-ish key)
    hint: Hint
    role: str | None
    api: str
    new: bool | None = None  # True: only `new X(...)`; False: only plain calls; None: either
    needs: tuple[str, ...] = ()  # the file must import one of these modules (prefix match)


def _rule(id_: str, callee: str, args: tuple[int, ...], keys: tuple[str, ...], hint: Hint, role: str | None,
          api: str, new: bool | None = None, needs: tuple[str, ...] = ()) -> CallRule:
    return CallRule(id_, re.compile(callee), args, keys, hint, role, api, new, needs)


_HF_TASKS = {
    "textGeneration": "generation", "textGenerationStream": "generation", "chatCompletion": "generation",
    "chatCompletionStream": "generation", "summarization": "generation", "translation": "generation",
    "questionAnswering": "generation", "text2textGeneration": "generation", "featureExtraction": "embedding",
    "sentenceSimilarity": "embedding", "automaticSpeechRecognition": "speech", "textToSpeech": "speech",
    "audioClassification": "speech", "audioToAudio": "speech", "textToImage": "image", "imageToImage": "image",
    "imageToText": "vision", "imageClassification": "vision", "objectDetection": "vision",
    "imageSegmentation": "vision", "zeroShotImageClassification": "vision", "visualQuestionAnswering": "vision",
    "documentQuestionAnswering": "vision", "textClassification": "other", "tokenClassification": "other",
    "zeroShotClassification": "other", "fillMask": "other", "tableQuestionAnswering": "other",
}

_TASK_ROLES = {
    "text-generation": "generation", "text2text-generation": "generation", "summarization": "generation",
    "translation": "generation", "question-answering": "generation", "feature-extraction": "embedding",
    "embeddings": "embedding", "sentence-similarity": "embedding", "automatic-speech-recognition": "speech",
    "text-to-speech": "speech", "text-to-audio": "speech", "audio-classification": "speech",
    "image-to-text": "vision", "image-classification": "vision", "object-detection": "vision",
    "image-segmentation": "vision", "zero-shot-image-classification": "vision", "depth-estimation": "vision",
    "visual-question-answering": "vision", "document-question-answering": "vision", "image-text-to-text": "vision",
    "image-feature-extraction": "vision", "text-to-image": "image", "text-classification": "other",
    "token-classification": "other", "zero-shot-classification": "other", "fill-mask": "other",
    "sentiment-analysis": "other", "ner": "other", "zero-shot-audio-classification": "speech",
}

# Vercel AI SDK provider functions: `openai("gpt-4o")`, `openai.embedding("text-embedding-3-small")` ...
_AI_SDK_PROVIDERS: dict[str, str | None] = {
    "openai": "openai-api", "anthropic": "anthropic-api", "google": "google-ai-studio", "vertex": "vertex-ai",
    "mistral": "mistral-api", "deepseek": "deepseek-api", "xai": "xai-api", "groq": "groq", "cohere": "cohere-api",
    "perplexity": "perplexity-api", "fireworks": "fireworks-ai", "togetherai": "together-ai", "azure": "azure-openai",
    "bedrock": "aws-bedrock", "amazonBedrock": "aws-bedrock", "cerebras": "cerebras", "deepinfra": "deepinfra",
    "openrouter": "openrouter", "gateway": None, "qwen": "dashscope-cn", "alibaba": "dashscope-cn",
    "huggingface": "huggingface-inference", "replicate": "replicate", "ollama": "ollama", "lmstudio": "lm-studio",
    "moonshotai": "moonshot-cn", "zhipu": "zhipu-bigmodel", "sambanova": "sambanova", "nvidia": "nvidia-nim",
}
_AI_SDK_METHODS = {
    "chat": "generation", "chatModel": "generation", "languageModel": "generation", "completion": "generation",
    "responses": "generation", "reasoning": "generation", "agent": "generation",
    "embedding": "embedding", "textEmbedding": "embedding", "textEmbeddingModel": "embedding",
    "embeddingModel": "embedding", "image": "image", "imageModel": "image", "transcription": "speech",
    "transcriptionModel": "speech", "speech": "speech", "speechModel": "speech", "video": "image",
    "videoModel": "image", "rerankingModel": "rerank", "reranking": "rerank",
}
_AI_SDK_CALLS = {
    "generateText": "generation", "streamText": "generation", "generateObject": "generation",
    "streamObject": "generation", "streamUI": "generation", "Agent": "generation", "ToolLoopAgent": "generation",
    "Experimental_Agent": "generation", "embed": "embedding", "embedMany": "embedding", "rerank": "rerank",
    "generateImage": "image", "experimental_generateImage": "image", "transcribe": "speech",
    "experimental_transcribe": "speech", "generateSpeech": "speech", "experimental_generateSpeech": "speech",
    "wrapLanguageModel": "generation",
}

_OLLAMA_METHODS = r"(chat|generate|embed|embeddings|pull|show|create|push|delete|copy)"

RULES: tuple[CallRule, ...] = (
    _rule("js-openai", r"\.(chat\.completions\.(create|parse|stream|runTools)|beta\.chat\.completions\.(parse|stream|runTools)"
          r"|completions\.create|responses\.(create|parse|stream)|(beta\.)?assistants\.(create|update)"
          r"|(beta\.)?threads\.runs\.(create|createAndPoll|stream)|fineTuning\.jobs\.create)$",
          (), ("model",), "api", "generation", "openai"),
    _rule("js-openai", r"\.embeddings\.create$", (), ("model",), "api", "embedding", "openai"),
    _rule("js-openai", r"\.audio\.(transcriptions|translations|speech)\.create$", (), ("model",), "api", "speech",
          "openai"),
    _rule("js-openai", r"\.images\.(generate|edit|createVariation)$", (), ("model",), "api", "image", "openai"),
    _rule("js-openai", r"\.moderations\.create$", (), ("model",), "api", "other", "openai"),
    _rule("js-anthropic", r"\.messages\.(create|stream|countTokens|batches\.create)$", (), ("model",), "api",
          "generation", "anthropic"),
    _rule("js-google", r"\.models\.(generateContent|generateContentStream|countTokens|computeTokens)$", (), ("model",),
          "api", "generation", "google-genai"),
    _rule("js-google", r"\.models\.embedContent$", (), ("model",), "api", "embedding", "google-genai"),
    _rule("js-google", r"\.models\.(generateImages|editImage|upscaleImage|generateVideos)$", (), ("model",), "api",
          "image", "google-genai"),
    _rule("js-google", r"\.(chats\.create|live\.connect|caches\.create)$", (), ("model",), "api", "generation",
          "google-genai"),
    _rule("js-google", r"(?:^|\.)(getGenerativeModel|getGenerativeModelFromCachedContent)$", (), ("model",), "api",
          None, "google-generative-ai"),
    _rule("js-ollama", r"(?:^|\.)ollama\." + _OLLAMA_METHODS + "$", (), ("model", "name"), "ollama", None, "ollama"),
    _rule("js-transformers", r"(?:^|\.)pipeline$", (1,), ("model",), "hf", None, "transformers.js", new=False,
          needs=("@xenova/transformers", "@huggingface/transformers")),
    _rule("js-transformers", r"(?:^|\.)\w+\.from_pretrained$", (0,), (), "hf", None, "transformers.js"),
    # WebLLM runs MLC-compiled models in the browser: CreateMLCEngine("Llama-3.1-8B-Instruct-q4f32_1-MLC")
    _rule("js-webllm", r"(?:^|\.)(CreateMLCEngine|CreateWebWorkerMLCEngine|CreateServiceWorkerMLCEngine)$", (0,), (),
          "key", "generation", "webllm"),
    _rule("js-webllm", r"(?:^|\.)engine\.reload$|^reload$", (0,), (), "key", "generation", "webllm",
          needs=("@mlc-ai/web-llm",)),
    _rule("js-langchain", r"(?:^|\.)initChatModel$", (0,), ("model",), "prefixed", "generation", "langchain"),
    _rule("js-langchain", r"(?:^|\.)(\w*Embeddings?|\w*Embedder)$", (), ("*",), "key", "embedding", "langchain",
          new=True),
    _rule("js-langchain", r"(?:^|\.)(\w*Rerank\w*|\w*Reranker)$", (), ("*",), "key", "rerank", "langchain", new=True),
    _rule("js-langchain", r"(?:^|\.)(\w*Chat[A-Z]\w*|\w*ChatModel|\w*LLM|OpenAI|AzureOpenAI|Ollama|\w*Endpoint|\w*Inference"
          r"|Gemini|Anthropic|Groq|MistralAI|DeepSeek|Bedrock|Cohere|Replicate|HuggingFaceInference|TogetherAI|"
          r"Fireworks)$", (), ("*",), "key", "generation", "langchain", new=True),
)


# most callees match no rule: one search of the joined callees answers those (instead of one search per rule)
_ANY_RULE_CALLEE = any_of([r.callee for r in RULES])


@lru_cache(maxsize=1 << 14)  # callee names repeat across a repository's calls
def _rules_for(callee: str) -> tuple[CallRule, ...]:
    """The RULES whose callee pattern finds ``callee``, in their order (each call tried all of them)."""
    if _ANY_RULE_CALLEE is not None and _ANY_RULE_CALLEE.search(callee) is None:
        return ()
    return tuple(rule for rule in RULES if rule.callee.search(callee))


_URL_KEYS = ("baseURL", "baseUrl", "basePath", "host", "endpoint", "apiBase", "apiUrl", "url", "serverUrl",
             "azureOpenAIBasePath", "openAIApiBase", "endpointUrl", "baseOptions", "configuration", "clientOptions")
_CLIENT_SDKS = {
    "OpenAI": "openai", "AzureOpenAI": "openai", "Anthropic": "anthropic", "AnthropicBedrock": "anthropic",
    "AnthropicVertex": "anthropic", "GoogleGenAI": "google", "GoogleGenerativeAI": "google", "Ollama": "ollama",
    "HfInference": "hf", "InferenceClient": "hf", "HfInferenceEndpoint": "hf",
}
# reactive state holders of UI frameworks (Vue, React, Svelte, Solid, Preact signals, Jotai, Angular)
_STATE_CALLS = frozenset({"ref", "shallowRef", "useState", "useRef", "$state", "writable", "signal", "createSignal",
                          "atom"})
_SCHEMA_DEFAULTS = frozenset({"default", "catch", "optional", "nullable", "describe"})  # zod / yup / valibot chains
_SCHEMA_CHOICES = frozenset({"enum", "literal", "oneOf", "picklist"})  # z.enum([...]), yup.string().oneOf([...])
_CREATE_PROVIDER = re.compile(r"^create([A-Z]\w*)$")
_ENVISH = re.compile(r"(?i)^(get)?_?env(var|iron(ment)?)?\w*$|\.(get|getOrThrow|getString)$")
_CONTAINER_NAME = re.compile(r"(?i)model|llm|reranker|embedder")
# a table whose name says it lists models (EMBEDDING_MODELS, rerankers, speechModelIds): there a hyphenated
# identifier the knowledge base does not know (voyage-3-lite, rerank-2) still counts, on that evidence alone
_MODEL_TABLE = re.compile(r"(?i)(?:models?|llms?|rerankers?|embedders?)_?(?:ids?|names?|list|options|catalog|registry|"
                          r"table|map)?$")
_TABLE_ENTRY_KEYS = frozenset({"id", "name", "model", "value", "modelid", "model_id", "modelname", "model_name", "repo"})
# {model: "my-rag-app", choices: […]}: a server writing its own name into an OpenAI-style response
_RESPONSE_KEYS = frozenset({"choices", "object", "created", "owned_by", "usage", "created_at", "done_reason"})
# a type that says "model registry": LLM, LLMID, ChatModel[], Record<ModelId, ...> (not ModelScore, ModelStyles)
_CONTAINER_TYPE = re.compile(r"(?i)\w*(model|llm)s?(id|ids|name|names|list|info|config|option|options|entry|spec|key)?")
_TYPE_WORD = re.compile(r"[A-Za-z_]\w*")
_VERSION = re.compile(r"v?\d+(\.\d+)*")
# the items of a comma-separated list in one literal under a model-named name; at most this many are read
_LIST_ITEM = re.compile(r"[^,|\s\u3001\uff0c]{1,200}")
# what separates the items: a comma, or the ideographic and full-width commas of Chinese text ('glm-4、glm-4-air')
_LIST_SEPS = re.compile(r"[,|\u3001\uff0c]")  # `|` as in python.py
_MAX_LIST_ITEMS = 64


def _list_items(lit: Any, value: str) -> list[tuple[str, int]]:
    """The items of a comma-separated list in one single-line string literal written as its value reads (quotes
    around the value, no escapes), with each item's offset from the literal's opening quote; [] when it is not
    such a list (prose under a model key, a template, more than _MAX_LIST_ITEMS items)."""
    seps = len(_LIST_SEPS.findall(value, 0, _MAX_LIST_ITEMS * 201))
    if lit.type != "string" or lit.start_point[0] != lit.end_point[0] or "\n" in value or '"' in value \
            or seps >= _MAX_LIST_ITEMS:
        return []
    text = lit.text.decode("utf-8", "replace")
    if text[1:-1] != value:
        return []  # escapes in the source: offsets in the value would not be columns (position() counts characters)
    items = [(m.group(0), m.start() + 1) for m in _LIST_ITEM.finditer(value)]
    # "gpt-4o, a fast model": words between the commas, not a list of ids
    return items if len(items) >= 2 and len(items) == seps + 1 else []
_ASSET_EXT = re.compile(r"(?i)\.(png|jpe?g|gif|svg|webp|ico|avif|css|scss|html?|md|mdx|txt|csv|json|ya?ml|xml|pdf|"
                        r"js|mjs|cjs|ts|tsx|jsx|mp3|mp4|wav|woff2?)$")
# UI text, not values the code sends: `label: "GPT-4o"`, `title`, `description`, `placeholder` (also JSX attributes)
_DISPLAY_KEYS = frozenset({"label", "title", "displayname", "display_name", "description", "desc", "text", "tooltip",
                           "placeholder", "caption", "subtitle", "summary", "alt", "helptext", "help_text", "hint",
                           "aria-label", "message", "msg"})
# a "name" next to the entry's id: {modelId: "gpt-4o", modelName: "GPT-4o"} is the id and its display name
_NAME_KEYS = frozenset({"name", "modelname", "model_name", "shortname", "short_name", "fullname", "full_name"})
_IDENTITY_KEYS = frozenset({"id", "modelid", "model_id", "value", "model", "slug", "hostedid", "hosted_id", "apiname",
                            "api_name", "apiid", "api_id", "key", "code"})
# where a leading-slash string is a web route, not a folder: links, router targets, route tables
_ROUTE_KEYS = frozenset({"href", "to", "pathname", "route", "redirect", "redirectto", "link", "as", "navigate"})
_ROUTE_SIBLINGS = frozenset({"component", "element", "children", "meta", "redirect", "loader", "icon", "exact", "lazy",
                             "layout", "hidden", "breadcrumb"})
_ROUTE_TABLE = re.compile(r"(?i)(routes?|router|navs?|navigation|menus?|links|breadcrumbs?|pages|tabs|sidebar)"
                          r"(_?(config|list|items|map))?$")
# calls whose first argument is a key of the app's own (i18n messages, browser storage), never a model
_KEY_CALLS = frozenset({"t", "$t", "tc", "translate", "formatMessage", "getItem", "setItem", "removeItem",
                        "getLocalStorage", "setLocalStorage", "useLocalStorage", "useSessionStorage"})
# calls whose first argument names an event or a message channel (Node's EventEmitter, the DOM, Electron's ipcMain /
# ipcRenderer / webContents, socket.io): `webContents.send("CLAUDE-2-ORG", org)`, `ipcRenderer.on("CLAUDE-2-ORG", …)`
_EVENT_CALLS = frozenset({"on", "once", "off", "emit", "addListener", "removeListener", "removeAllListeners",
                          "prependListener", "addEventListener", "removeEventListener", "handle", "handleOnce",
                          "send", "sendSync", "sendTo", "sendToHost"})
# JSX attributes and object keys that hold CSS, DOM ids or test ids
_MARKUP_KEYS = frozenset({"classname", "class", "style", "id", "key", "data-testid", "htmlfor", "for", "role"})
_ROUTE_CALLS = frozenset({"push", "replace", "navigate", "redirect", "fetch", "get", "post", "put", "patch", "delete",
                          "request", "prefetch", "open", "useNavigate", "permanentRedirect", "router"})
# a table whose name says it maps models to UI assets (MODEL_ICONS, modelColors, providerLogos): its keys are model
# names used for looks, a catalog of options rather than a use
# a name whose value is a model family, series or architecture word, never one model: a UI-automation SDK's
# `modelFamily: "qwen2.5-vl"`, `MIDSCENE_MODEL_FAMILY: "doubao-vision"`, `type TModelFamily = "gpt-5" | "qwen3-vl"`,
# `const MODEL_FAMILY_VALUES = [...]`, `architecture: "llama"` (the tree-sitter languages' rule in the classifier,
# `_ARCH_NAMES`); `fontFamily` is caught too and names no model either
_FAMILY_NAME = re.compile(r"(?:^|_)(?:famil(?:y|ies)|arch|architectures?)(?:_(?:values|list|names?|types?|options))?$")
# a name whose value says who serves models, never which one (the tree-sitter languages' `_PROVIDER_BINDINGS`): a
# coding agent's `providerId: "kimi-for-coding"`, `modelsProviderId`, `const PROVIDER_IDS = [...]`,
# `type ProviderName = "openai" | ...`. A provider may share its spelling with a model or plan it serves (Moonshot's
# `kimi-for-coding` is both), so the name decides, not the value; a model is sent under a model key, never here
_PROVIDER_NAME = re.compile(r"(?:^|_)providers?(?:_(?:ids?|names?|keys?|slugs?|values|list|options|types?))?$")
# an object that names its default model is what holds models (a provider, gateway or agent record:
# `{ id: "kimi-for-coding", defaultModelId: "k3", apiKeyEnv: [...] }`), so its own id or name is no model
_DEFAULT_MODEL_KEYS = frozenset({"defaultmodel", "defaultmodelid", "defaultmodelname", "default_model",
                                 "default_model_id", "default_model_name"})
_RECORD_ID_KEYS = frozenset({"id", "name", "key", "slug"})
MAX_FAMILY_STRINGS = 256  # strings looked at under one family-named name (a union or list of family words)


def _named_head(node: Any, limit: int) -> list[Any]:
    """The first ``limit`` named children of ``node``. ``node.named_children[:limit]`` builds the list of all of them
    first: asked once for each pair of an object of 50,000 pairs (a sibling-key look), that was quadratic and ran
    12-14 s past the file's 2 s budget (the clock is read only every 1,024 steps)."""
    return [node.named_child(i) for i in range(min(limit, node.named_child_count))]


_UI_TABLE = re.compile(r"(?i)(icons?|logos?|avatars?|colou?rs?|styles?|class_?names?|badges?|emojis?|images?|imgs?|svgs?|"
                       r"themes?)_?(map|table|list|lookup|by_?[a-z]+)?$")
_CATALOG_FROM = frozenset({"app", "config", "example", "docs"})  # as context.mark_catalogs: tests stay tests
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "[::1]", "host.docker.internal")
_LOCAL_PORTS_ALONE = (":11434", ":1234")  # ports that name a model server even without a baseURL nearby
_QUERY_TYPES = (
    "call_expression", "new_expression", "pair", "variable_declarator", "assignment_expression", "required_parameter",
    "optional_parameter", "assignment_pattern", "object_assignment_pattern", "object_pattern", "public_field_definition",
    "field_definition", "enum_declaration", "type_alias_declaration", "import_statement", "export_statement",
    "import_require_clause", "string", "template_string", "jsx_attribute", "switch_case", "binary_expression", "union_type",
    "for_in_statement",
)


@cache
def _query(lang: str) -> Any:
    import tree_sitter

    language = _parser(lang).language
    kinds = [k for k in _QUERY_TYPES if language.id_for_node_kind(k, True)]
    return tree_sitter.QueryCursor(tree_sitter.Query(language, " ".join(f"({k}) @n" for k in kinds)))


@lru_cache(maxsize=1 << 14)  # called for every binding and property name; names repeat
def _snake(name: str) -> str:
    s = _CAMEL_LOWER.sub(r"\1_\2", name)
    return _CAMEL_UPPER.sub(r"\1_\2", s).lower()


_CAMEL_LOWER = re.compile(r"([a-z0-9])([A-Z])")
_CAMEL_UPPER = re.compile(r"([A-Z]+)([A-Z][a-z])")


def _is_model_key(name: str) -> bool:
    return is_model_key(name) or is_model_key(_snake(name))


def _node_key(node: Any) -> tuple[int, int]:
    return node.start_byte, node.end_byte


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _unescape(seq: str) -> str:
    body = seq[1:]
    if not body:
        return ""
    if body == "\\":
        return seq  # an escaped backslash stays as written (`"model\\chatglm-6b"`: a Windows path, raw as written)
    if body[0] in _ESCAPES and len(body) == 1:
        return _ESCAPES[body[0]]
    if body[0] == "u":
        hexd = body[1:].strip("{}")
        try:
            return chr(int(hexd, 16))
        except ValueError:
            return body
    if body[0] == "x" and len(body) == 3:
        try:
            return chr(int(body[1:], 16))
        except ValueError:
            return body
    if body[0] in "\r\n":
        return ""
    return body


# `"model": "gpt-4"` (quotes maybe escaped) inside a literal's raw text; bounded quantifiers, linear on any input
_EMBEDDED_JSON_PAIR = re.compile(
    rb'\\?"(\w{0,40}(?:model|Model|MODEL)\w{0,40})\\?"[ \t]{0,8}:[ \t]{0,8}\\?"([^"\\\s]{1,200})\\?"')
_MAX_EMBEDDED_PAIRS = 64  # pairs read from one literal
# `model = "gpt-5.4"`: a TOML line held in a literal (a test's config.toml text for a CLI such as Codex, in a template
# literal or one line per string joined into a file, quotes maybe escaped: "model = \\"gpt-5\\""). The same line in
# a .toml file is read by the config reader; this is that text one quoting level down, so the same key test applies
# (a model key, its value read as a model under that key). Anchored to the line (or the literal's opening quote) so
# prose with an `=` in it does not count; bounded quantifiers, linear on any input
# TOML's literal strings count as its basic ones (`model = 'gpt-5'`), and a line may end at a `\n` escape as well as
# at a real newline ("base_url = '...'\nmodel = 'gpt-5'\n": the file's lines joined in one quoted string)
_EMBEDDED_TOML_LINE = re.compile(
    rb'(?:^|(?<=^["\'`])|(?<=\\n))[ \t]{0,40}([\w-]{0,40}(?:model|Model|MODEL)[\w-]{0,40})[ \t]{0,8}=[ \t]{0,8}'
    rb'(?:\\?"([^"\\\s]{1,200})\\?"|\\?\'([^\'\\\s]{1,200})\\?\')[ \t]{0,8}(?:#[^\n]{0,200})?'
    rb'(?=\r?$|["\'`]$|\\n)', re.M)
# `model: 'gpt-3.5-turbo',`: a line of a JavaScript object in a code example held in a literal (a documentation page's
# Markdown kept in a template literal, its fenced ```ts blocks showing a request's `params`); read only inside such a
# fenced block (``_fenced_js_lines``), the line being the pair alone (an optional trailing comma); bounded
# quantifiers, linear on any input
_EMBEDDED_JS_LINE = re.compile(
    rb'^[ \t]{0,40}([A-Za-z_]{0,40}(?:model|Model|MODEL)[A-Za-z_]{0,40})[ \t]{0,8}:[ \t]{0,8}'
    rb'(?:\\?"([^"\\\s]{1,200})\\?"|\\?\'([^\'\\\s]{1,200})\\?\')[ \t]{0,8},?[ \t]{0,8}\r?$', re.M)
_CODE_FENCE = re.compile(rb"(?:^|\n)[ \t]{0,12}(?:\\?`){3}[ \t]{0,4}(?:ts|tsx|typescript|js|jsx|javascript)\b")
_FENCE_END = re.compile(rb"\n[ \t]{0,12}(?:\\?`){3}")
MAX_FENCES = 32  # fenced blocks read in one literal


def _fenced_js_lines(text: bytes) -> Iterator[re.Match[bytes]]:
    """``_EMBEDDED_JS_LINE`` matches inside the fenced JavaScript / TypeScript blocks of a literal's raw text (at most
    ``MAX_FENCES``); each block runs to the next fence, or to the text's end when none closes it."""
    pos = 0
    for _ in range(MAX_FENCES):
        opening = _CODE_FENCE.search(text, pos)
        if opening is None:
            return
        closing = _FENCE_END.search(text, opening.end())
        end = closing.start() if closing is not None else len(text)
        yield from _EMBEDDED_JS_LINE.finditer(text, opening.end(), end)
        if closing is None:
            return
        pos = closing.end()
# `[model."grok-4.5"]`, `[[models."gpt-5".credentials]]`: a TOML table header keyed by model under a `model` /
# `models` table (Grok Build's config.toml keeps one table per model id). The .toml reader reads the same header's
# key as a model; the key is still classified under the model key, so `[models."default"]` is no model
_EMBEDDED_TOML_TABLE = re.compile(
    rb'(?:^|(?<=^["\'`])|(?<=\\n))[ \t]{0,40}\[\[?[ \t]{0,8}(models?)[ \t]{0,8}\.[ \t]{0,8}\\?"([^"\\\s]{1,200})\\?"'
    rb'(?:[ \t]{0,8}\.[\w."\\ \t-]{0,200})?\]\]?[ \t]{0,8}(?:#[^\n]{0,200})?(?=\r?$|["\'`]$|\\n)', re.M)
# a `user` word in a TOML value marks a test's stand-in for what a user typed (`model = "gpt-6-user-edit"`): no
# published model id carries one (none in the knowledge base)
_USER_WORD = re.compile(r"(?i)(?:^|[-_.])user(?:[-_.]|$)")
# `claude-sonnet-4-5[1m]`, `deepseek-v4-pro [1M]`: Claude Code's context-window tag after a model id (its model
# setting takes `sonnet[1m]` for the 1M-token window: https://docs.claude.com/en/docs/claude-code/model-config, as of
# 2026-12). The tag is the client's option, not part of the provider's id, so the id before it is read (a bracketed
# count with a k/m unit; no provider's model id ends so)
_CONTEXT_TAG = re.compile(r"[ \t]{0,4}\[\d{1,4}[kKmM]\][ \t]{0,4}$")


def _without_context_tag(value: str) -> str:
    if value.endswith(("]", " ", "\t")) and (m := _CONTEXT_TAG.search(value)) and m.start() > 0:
        return value[:m.start()]
    return value


@dataclass(frozen=True)
class TemplateTail:
    """The constant tail of a template literal that names a whole model id (`${prefix}claude-3-5-sonnet-20241022`,
    composite.model_tail), standing in for a string node where a model-named binding or argument reads it."""

    value: str
    start_byte: int
    end_byte: int
    start_point: tuple[int, int]
    type: str = "template_tail"


def template_tail(node: Any) -> TemplateTail | None:
    """A one-line template literal whose text after its last substitution is a whole model id (composite.py)."""
    children = node.children
    if len(children) < 4 or len(children) > 18 or children[-1].type != "`" or children[-2].type != "string_fragment" \
            or children[-3].type != "template_substitution" or node.start_point[0] != node.end_point[0]:
        return None
    frag = children[-2]
    text = frag.text.decode("utf-8", "replace")
    found = model_tail(text)
    if found is None:
        return None
    piece, lead = found  # the joiners skipped are ASCII: one byte and one column each
    row, col = frag.start_point
    return TemplateTail(piece, frag.start_byte + lead, frag.end_byte, (row, col + lead))


def string_value(node: Any) -> str | None:
    """The value of a string literal or a substitution-free template literal; None otherwise."""
    if node.type == "template_tail":
        return str(node.value)
    if node.type == "string":
        if node.child_count < 2 or node.children[0].type not in ('"', "'"):
            return None  # the `string` keyword of a type annotation
    elif node.type == "template_string":
        pass
    else:
        return None
    parts: list[str] = []
    for child in node.children:
        if child.type == "string_fragment":
            parts.append(child.text.decode("utf-8", "replace"))
        elif child.type == "escape_sequence":
            parts.append(_unescape(child.text.decode("utf-8", "replace")))
        elif child.type == "template_substitution":
            return None
    return "".join(parts)


def _is_string(node: Any) -> bool:
    return node is not None and node.type in ("string", "template_string") and string_value(node) is not None


def _prop_name(node: Any) -> str | None:
    """The name of an object key / member property: `model`, `"model"`, `['model']`."""
    if node is None:
        return None
    if node.type in ("property_identifier", "identifier", "shorthand_property_identifier",
                     "private_property_identifier", "number"):
        return node.text.decode("utf-8", "replace")
    if node.type in ("string", "template_string"):
        return string_value(node)
    if node.type == "computed_property_name" and node.named_child_count == 1:
        return _prop_name(node.named_children[0])
    return None


def _unwrap(node: Any) -> Any:
    while node is not None and node.type in ("parenthesized_expression", "as_expression", "satisfies_expression",
                                            "non_null_expression", "type_assertion", "await_expression"):
        inner = [c for c in node.named_children if not c.type.endswith("type") and c.type != "type_arguments"]
        if not inner:
            return None
        node = inner[0]
    return node


MAX_DOTTED_PARTS = 256  # a callee name is cut (``?``) past this many parts: `x.a().a().a()…` stays cheap


def dotted(node: Any) -> str:
    """`client.chat.completions.create` for a callee expression; `?` for what cannot be named.

    Iterative (a chain of 3,000 calls ``x.a().a()…`` used to recurse once per call and hit the
    recursion limit) and bounded to MAX_DOTTED_PARTS parts."""
    parts: list[str] = []  # innermost last
    suffix = ""  # "()" for each call the next part is the callee of
    node = _unwrap(node)
    while True:
        if len(parts) >= MAX_DOTTED_PARTS:
            parts.append("?")
            break
        if node is None:
            parts.append("?" + suffix)
            break
        t = node.type
        if t == "member_expression":
            prop = node.child_by_field_name("property")
            parts.append((prop.text.decode("utf-8", "replace") if prop is not None else "?") + suffix)
            node = _unwrap(node.child_by_field_name("object"))
        elif t == "subscript_expression":
            index = node.child_by_field_name("index")
            key = _prop_name(index) if index is not None else None
            parts.append((key or "?") + suffix)
            node = _unwrap(node.child_by_field_name("object"))
        elif t in ("call_expression", "new_expression"):
            fn = node.child_by_field_name("function") or node.child_by_field_name("constructor")
            suffix += "()"
            node = _unwrap(fn)
            continue
        elif t in ("identifier", "this", "super", "property_identifier"):
            parts.append(node.text.decode("utf-8", "replace") + suffix)
            break
        else:
            parts.append("?" + suffix)
            break
        suffix = ""
    return ".".join(reversed(parts))


_TABLE_WRAPPERS = frozenset({"Map", "Set", "freeze", "fromEntries", "of", "from", "seal", "ReadonlyMap"})


def _table_value(value: Any) -> Any:
    """The array or object literal a table is built from: itself, or the argument of ``new Map([...])``,
    ``Object.freeze({...})``, ``Object.fromEntries([...])``, ``Array.of(...)``."""
    node = _unwrap(value)
    if node is not None and node.type in ("new_expression", "call_expression"):
        fn = node.child_by_field_name("constructor") or node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if fn is not None and args is not None and args.named_child_count and \
                dotted(fn).rsplit(".", 1)[-1] in _TABLE_WRAPPERS:
            return _unwrap(args.named_children[0])
    return node


def _root_name(callee: str) -> str:
    """The variable a call is made through: `client` in client.chat.completions.create, `this.client` for this."""
    parts = callee.split(".")
    if parts[0] == "this" and len(parts) > 2:
        return "this." + parts[1]
    return parts[0]


@dataclass
class _Client:
    sdk: str  # openai, anthropic, google, ollama, hf, ai-sdk
    provider: str | None = None
    url: str | None = None


@dataclass
class _File:
    """Same-file facts gathered before the findings pass."""

    env: dict[str, list[Any]] = field(default_factory=dict)
    objects: dict[str, list[Any]] = field(default_factory=dict)
    clients: dict[str, _Client] = field(default_factory=dict)
    imports: set[str] = field(default_factory=set)
    skip: set[tuple[int, int]] = field(default_factory=set)  # string nodes never reported (import sources ...)
    # local name -> (module, exported name) for `import { A, B as C } from "./constants"` (see links.py)
    imported: dict[str, tuple[str, str]] = field(default_factory=dict)
    # (line, column) of a string literal bound to an exported top-level constant -> the constant's name
    exported: dict[tuple[int, int], str] = field(default_factory=dict)
    exported_literals: list[tuple[str, Any]] = field(default_factory=list)  # (exported name, string node)
    export_names: list[tuple[str, str]] = field(default_factory=list)  # `export { A, B as C }`: (local, exported)
    # `import * as C from "./constants"`, `const C = require("./constants")`: C -> module (C.CHAT_MODEL is a use)
    namespaces: dict[str, str] = field(default_factory=dict)


_OPTION_WORD = re.compile(r"[A-Za-z]{1,24}(?:[-_][A-Za-z]{1,24}){0,3}")  # an option's name: words, no digit


class _Analysis:
    def __init__(self, root: Any, data: bytes, collector: Collector, lang: str) -> None:
        self.root = root
        self.data = data
        self.c = collector
        self.f = _File()
        self.claimed: set[tuple[int, int]] = set()
        self.strings: list[Any] = []
        # the model-shaped members of a string union type whose other members are not models
        # (`mode?: 'bc' | 'o1'`): option names of this file, not models, wherever the file writes them
        self.options: set[str] = set()
        self.url_literals: set[tuple[int, int]] = set()  # literals given as a client's baseURL / host
        self._columns: CharColumns | None = None
        self.ascii = len(data) == len(collector.file.text)
        self.lang = lang
        self._nodes: list[Any] | None = None
        self.budget = collector.budget
        self.uses: list[SymbolUse] | None = None  # set by the caller to collect cross-file uses
        self.ui_positions: dict[tuple[int, int], str] = {}  # strings of UI lookup tables -> the table's name
        self._object_keys: dict[int, frozenset[str | None]] = {}  # an object's node id -> its pairs' keys

    # -- positions ----------------------------------------------------------------------------------
    def position(self, node: Any) -> tuple[int, int]:
        row, col = node.start_point  # col in UTF-8 bytes
        if not self.ascii:
            if self._columns is None:
                lines = self.c.file.text.split("\n")
                self._columns = CharColumns(lambda r: lines[r] if r < len(lines) else "")
            col = self._columns.char_col(row, col)
        return row + 1, col + 1

    # -- pass 1: values -----------------------------------------------------------------------------
    def nodes(self) -> list[Any]:
        """The nodes either pass looks at, in document order (found by a tree-sitter query, in C)."""
        if self._nodes is None:
            found = _query(self.lang).captures(self.root).get("n", [])
            found.sort(key=lambda n: (n.start_byte, -n.end_byte))
            self._nodes = found
        return self._nodes

    def symbol(self, site: Any) -> str | None:
        """Enclosing function / method / class names of a node, outermost first."""
        names: list[str] = []
        node = site
        steps = 0
        while node is not None and steps < MAX_DEPTH:
            name = self._scope_name(node)
            if name:
                names.append(name)
            node = node.parent
            steps += 1
        self.budget.tick(steps)
        return ".".join(reversed(names)) or None

    @staticmethod
    def _scope_name(node: Any) -> str | None:
        if node.type in ("function_declaration", "generator_function_declaration", "class_declaration",
                         "method_definition", "abstract_class_declaration", "class"):
            name = node.child_by_field_name("name")
            return name.text.decode("utf-8", "replace") if name is not None else None
        if node.type == "variable_declarator":
            value = node.child_by_field_name("value")
            name = node.child_by_field_name("name")
            if value is not None and name is not None and name.type == "identifier" and value.type in (
                "arrow_function", "function_expression", "function", "class"
            ):
                return name.text.decode("utf-8", "replace")
        return None

    def bind(self, name: str, value: Any) -> None:
        if value is None:
            return
        self.f.env.setdefault(name, []).append(value)
        inner = _unwrap(value)
        if inner is not None and inner.type == "object":
            self.f.objects.setdefault(name, []).append(inner)

    def bind_pattern(self, pattern: Any, value: Any) -> None:
        """`const { model = "x" } = opts`: defaults inside destructuring patterns."""
        if pattern is None:
            return
        if pattern.type == "identifier":
            self.bind(pattern.text.decode("utf-8", "replace"), value)
            return
        for child in pattern.named_children:
            if child.type == "object_assignment_pattern":
                left, right = child.child_by_field_name("left"), child.child_by_field_name("right")
                if left is not None and left.type == "shorthand_property_identifier_pattern":
                    self.bind(left.text.decode("utf-8", "replace"), right)
                elif left is not None:
                    self.bind_pattern(left, right)
            elif child.type == "assignment_pattern":
                self.bind_pattern(child.child_by_field_name("left"), child.child_by_field_name("right"))
            elif child.type == "pair_pattern":
                self.bind_pattern(child.child_by_field_name("value"), None)
                inner = child.child_by_field_name("value")
                if inner is not None and inner.type == "assignment_pattern":
                    self.bind_pattern(inner.child_by_field_name("left"), inner.child_by_field_name("right"))

    def collect(self) -> None:
        tick = self.budget.tick
        for node in self.nodes():
            tick()
            t = node.type
            if t in ("variable_declarator", "type_alias_declaration", "public_field_definition", "field_definition"):
                name_node = node.child_by_field_name("name") or node.child_by_field_name("property")
                if name_node is not None and name_node.type in ("identifier", "type_identifier", "property_identifier"):
                    self._skip_family(name_node.text.decode("utf-8", "replace"), node.child_by_field_name("value"))
            if t == "variable_declarator":
                name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
                if name is not None and name.type == "identifier":
                    self.bind(name.text.decode("utf-8", "replace"), value)
                    self._required_namespace(name, value)
                elif name is not None:
                    self.bind_pattern(name, None)
                    if name.type == "object_pattern":
                        self._required_names(name, value)
            elif t == "assignment_expression":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                if left is not None and left.type == "identifier":
                    self.bind(left.text.decode("utf-8", "replace"), right)
                elif left is not None and left.type == "member_expression":
                    self.bind(dotted(left), right)
                    if left.text.startswith((b"module.exports", b"exports.")):
                        self._commonjs_exports(left, right)
            elif t in ("required_parameter", "optional_parameter"):
                pattern, value = node.child_by_field_name("pattern"), node.child_by_field_name("value")
                if pattern is not None and pattern.type == "identifier":
                    self.bind(pattern.text.decode("utf-8", "replace"), value)
                elif pattern is not None:
                    self.bind_pattern(pattern, None)
            elif t == "assignment_pattern" and node.parent is not None and node.parent.type == "formal_parameters":
                self.bind_pattern(node.child_by_field_name("left"), node.child_by_field_name("right"))
            elif t == "object_pattern" and node.parent is not None and node.parent.type == "formal_parameters":
                self.bind_pattern(node, None)
            elif t in ("public_field_definition", "field_definition"):
                name = node.child_by_field_name("name") or node.child_by_field_name("property")
                value = node.child_by_field_name("value")
                key = _prop_name(name)
                if key:
                    self.bind("this." + key, value)
            elif t == "enum_declaration":
                name = node.child_by_field_name("name")
                body = node.child_by_field_name("body")
                if name is not None and body is not None:
                    self.f.objects.setdefault(name.text.decode("utf-8", "replace"), []).append(body)
            elif t in ("import_statement", "export_statement"):
                src = node.child_by_field_name("source")
                if src is not None:
                    self.f.skip.add(_node_key(src))
                    mod = string_value(src)
                    if mod:
                        self.f.imports.add(mod)
                        if t == "import_statement":
                            self._named_imports(node, mod)
                elif t == "export_statement":
                    self._exported_constants(node)
            elif t == "call_expression":
                fn = node.child_by_field_name("function")
                self._skip_route_argument(node, fn)
                if fn is not None and fn.type in ("identifier", "import") and fn.text in (b"require", b"import"):
                    args = node.child_by_field_name("arguments")
                    for arg in args.named_children if args is not None else ():
                        if _is_string(arg):
                            self.f.skip.add(_node_key(arg))
                            mod = string_value(arg)
                            if mod:
                                self.f.imports.add(mod)
            elif t == "pair":
                self._skip_display_or_route(node)
                self._skip_provider_record(node)
                self._skip_family(_prop_name(node.child_by_field_name("key")), node.child_by_field_name("value"))
            elif t == "jsx_attribute":
                self._skip_jsx_attribute(node)
            elif t == "import_require_clause":
                src = node.child_by_field_name("source")
                if src is not None:
                    self.f.skip.add(_node_key(src))
            elif t == "string" and node.parent is not None and node.parent.type == "import":
                self.f.skip.add(_node_key(node))
        self._export_clauses()
        # clients and providers: var = new OpenAI({ baseURL }), createOpenAI({ baseURL }) ...
        for name, values in list(self.f.env.items()):
            for value in values:
                client = self._client_for(_unwrap(value))
                if client is not None:
                    self.f.clients[name] = client

    def _skip_family(self, name: str | None, value: Any) -> None:
        """Pass 1: the strings a family-named name holds (``_FAMILY_NAME``: ``modelFamily: "qwen2.5-vl"``, a union
        type ``TModelFamily``, a ``MODEL_FAMILY_VALUES`` list) are family words, never reported; an ``org/name``
        among them still names one model. A provider-named name (``_PROVIDER_NAME``) is read the same way: its
        strings are provider ids. At most ``MAX_FAMILY_STRINGS`` nodes are looked at."""
        if not name or value is None or not (_FAMILY_NAME.search(_snake(name)) or _PROVIDER_NAME.search(_snake(name))):
            return
        stack, seen = [value], 0
        while stack and seen < MAX_FAMILY_STRINGS:
            node = stack.pop()
            seen += 1
            self.budget.tick()
            if node.type in ("string", "template_string"):
                text = string_value(node)
                if text is not None and "/" not in text:
                    self.f.skip.add(_node_key(node))
            elif node.type in ("array", "union_type", "literal_type", "as_expression", "satisfies_expression",
                               "parenthesized_expression", "parenthesized_type", "tuple_type", "readonly_type",
                               "non_null_expression"):
                stack.extend(node.named_children)

    def _skip_display_or_route(self, pair: Any) -> None:
        """Pass 1: string values that are UI text or web routes are never reported (issue 10, precision):
        ``label: "GPT-4o"``, ``{modelId: "gpt-4o", modelName: "GPT-4o"}`` (a display name beside the id),
        ``{path: "/models/gpt-4o", component: …}`` and ``href: "/models/gpt-4o"``."""
        value = pair.child_by_field_name("value")
        if value is None or value.type not in ("string", "template_string"):
            return
        key = (_prop_name(pair.child_by_field_name("key")) or "").lower()
        text = string_value(value)
        if not key or text is None:
            return
        if key in _DISPLAY_KEYS or key in ("classname", "class", "style"):
            self.f.skip.add(_node_key(value))
        elif key in _NAME_KEYS:
            if text != text.lower() and "/" not in text and self._sibling_keys(pair, string_only=True) & _IDENTITY_KEYS \
                    and not (key == "name" and self._repeats_identity(pair, text)):
                self.f.skip.add(_node_key(value))
        elif text.startswith("/") and (key in _ROUTE_KEYS or (key == "path" and (
                self._sibling_keys(pair) & _ROUTE_SIBLINGS or self._in_route_table(pair)))):
            self.f.skip.add(_node_key(value))

    def _skip_provider_record(self, pair: Any) -> None:
        """Pass 1: the ``id`` / ``name`` string of an object that also names its default model
        (``_DEFAULT_MODEL_KEYS``) is the id of what serves models (a provider registry entry), never reported; an
        ``org/name`` value still names one model, as under a family name."""
        value = _unwrap(pair.child_by_field_name("value"))
        if value is None or not _is_string(value):
            return
        key = (_prop_name(pair.child_by_field_name("key")) or "").lower()
        text = string_value(value)
        if key in _RECORD_ID_KEYS and text is not None and "/" not in text \
                and self._sibling_keys(pair) & _DEFAULT_MODEL_KEYS:
            self.f.skip.add(_node_key(value))

    @staticmethod
    def _repeats_identity(pair: Any, text: str) -> bool:
        """``{id: 'glm-4.7', name: 'GLM-4.7'}``, ``{id: 'ERNIE-4.0-8K', name: 'ERNIE-4.0-8K'}``: a plain ``name`` that
        spells the entry's plain ``id`` again, ignoring case and with no space in it, is the id in the provider's
        own casing (apps such as 5ire send the ``name``), not display text; a display name reads differently
        (``name: 'GPT 4o'``) and ``modelName`` beside ``modelId`` stays a display name (test_js_precision)."""
        if any(c.isspace() for c in text) or pair.parent is None or pair.parent.type != "object":
            return False
        for other in _named_head(pair.parent, 64):
            if other is not pair and other.type == "pair" \
                    and (_prop_name(other.child_by_field_name("key")) or "").lower() == "id":
                ident = _unwrap(other.child_by_field_name("value"))
                return _is_string(ident) and (string_value(ident) or "").lower() == text.lower()
        return False

    @staticmethod
    def _in_route_table(pair: Any) -> bool:
        """The pair's object sits (a few levels down) in a table named like routes or navigation."""
        node = pair.parent
        for _ in range(6):
            if node is None:
                return False
            if node.type in ("variable_declarator", "pair"):
                name = _prop_name(node.child_by_field_name("name") or node.child_by_field_name("key"))
                return bool(name and _ROUTE_TABLE.search(name))
            node = node.parent
        return False

    @staticmethod
    def _sibling_keys(pair: Any, string_only: bool = False) -> set[str]:
        parent = pair.parent
        if parent is None or parent.type != "object":
            return set()
        keys: set[str] = set()
        for other in _named_head(parent, 64):
            if other is pair:
                continue
            if other.type == "pair":
                if string_only and not _is_string(_unwrap(other.child_by_field_name("value"))):
                    continue
                name = _prop_name(other.child_by_field_name("key"))
            elif other.type == "shorthand_property_identifier" and not string_only:
                name = other.text.decode("utf-8", "replace")
            else:
                continue
            if name:
                keys.add(name.lower())
        return keys

    def _skip_jsx_attribute(self, node: Any) -> None:
        """``<option title="GPT-4o">``, ``<Link href="/models/gpt-4o">``, ``className="llama-3-card"``: display text,
        links and markup; also written as an expression of one string (``placeholder={"qwen2.5:3b"}``)."""
        named = node.named_children
        if len(named) != 2:
            return
        value = named[1]
        if value.type == "jsx_expression" and value.named_child_count == 1:
            value = value.named_children[0]
        if value.type not in ("string", "template_string") or (value.type == "template_string" and value is named[1]):
            return
        key = named[0].text.decode("utf-8", "replace").lower()
        text = string_value(value) or ""
        if key in _DISPLAY_KEYS or key in _MARKUP_KEYS or (text.startswith("/") and key in _ROUTE_KEYS | {"src", "path"}):
            self.f.skip.add(_node_key(value))

    def _skip_route_argument(self, call: Any, fn: Any) -> None:
        """``router.push("/models/gpt-4o")``, ``fetch("/api/models/gpt-4o")``: a path on the web origin;
        ``t("deepseek-chat")``, ``localStorage.getItem("claude-3-opus")``: a message or storage key;
        ``ipcRenderer.on("CLAUDE-2-ORG", handler)``: an event or channel name (a second argument: its handler or data)."""
        if fn is None:
            return
        name = fn.text.decode("utf-8", "replace").rsplit(".", 1)[-1] if fn.type in (
            "identifier", "member_expression") else ""
        if name not in _ROUTE_CALLS and name not in _KEY_CALLS and name not in _EVENT_CALLS:
            return
        args = call.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_child_count else None
        if first is not None and first.type in ("string", "template_string") and (
                name in _KEY_CALLS or (name in _EVENT_CALLS and args.named_child_count >= 2)
                or (string_value(first) or "").startswith("/")):
            self.f.skip.add(_node_key(first))

    def _named_imports(self, node: Any, spec: str) -> None:
        module = module_of(self.c.file.path, spec)
        if module is None:
            return
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for group in clause.named_children:
                if group.type == "namespace_import" and group.named_child_count == 1:
                    self.f.namespaces[group.named_children[0].text.decode("utf-8", "replace")] = module
                if group.type != "named_imports":
                    continue
                for item in group.named_children:
                    name, alias = item.child_by_field_name("name"), item.child_by_field_name("alias")
                    if item.type == "import_specifier" and name is not None and name.type == "identifier":
                        local = (alias if alias is not None else name).text.decode("utf-8", "replace")
                        self.f.imported[local] = (module, name.text.decode("utf-8", "replace"))

    def _required_module(self, value: Any) -> str | None:
        """The module a `require("./constants")` call names (resolved against this file), else None."""
        if value is None or value.type != "call_expression":
            return None
        fn, args = value.child_by_field_name("function"), value.child_by_field_name("arguments")
        if fn is None or fn.text != b"require" or args is None or args.named_child_count != 1:
            return None
        spec = string_value(args.named_children[0])
        return module_of(self.c.file.path, spec) if spec else None

    def _required_namespace(self, name: Any, value: Any) -> None:
        """`const C = require("./constants")`: C.CHAT_MODEL names an export of that module."""
        module = self._required_module(_unwrap(value))
        if module is not None:
            self.f.namespaces[name.text.decode("utf-8", "replace")] = module

    def _required_names(self, pattern: Any, value: Any) -> None:
        """`const { CHAT_MODEL, EMBED: E } = require("./constants")`: like a named import."""
        module = self._required_module(value)
        if module is None:
            return
        for item in pattern.named_children:
            if item.type == "shorthand_property_identifier_pattern":
                local = item.text.decode("utf-8", "replace")
                self.f.imported[local] = (module, local)
            elif item.type == "pair_pattern":
                key, target = item.child_by_field_name("key"), item.child_by_field_name("value")
                if key is not None and target is not None and target.type == "identifier":
                    self.f.imported[target.text.decode("utf-8", "replace")] = (
                        module, key.text.decode("utf-8", "replace"))

    def _exported_constants(self, node: Any) -> None:
        """`export const NAME = "…"` (also `?? "…"` / `|| "…"` defaults): the literal's position -> NAME;
        `export { A, B as C }` is resolved once every binding is known (``_export_clauses``)."""
        decl = node.child_by_field_name("declaration")
        if decl is None:
            for clause in node.named_children:
                if clause.type != "export_clause":
                    continue
                for spec in clause.named_children:
                    name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                    if spec.type == "export_specifier" and name is not None and name.type == "identifier":
                        local = name.text.decode("utf-8", "replace")
                        self.f.export_names.append((local, alias.text.decode("utf-8", "replace") if alias else local))
            return
        if decl.type not in ("lexical_declaration", "variable_declaration"):
            return
        for declarator in decl.named_children:
            if declarator.type != "variable_declarator":
                continue
            name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
            if name is None or name.type != "identifier" or value is None:
                continue
            self._export_literal(name.text.decode("utf-8", "replace"), value)

    def _export_literal(self, name: str, value: Any, depth: int = 0) -> None:
        inner = _unwrap(value)
        if inner is not None and inner.type == "object" and depth < 2:
            # `export const config = { chatModel: process.env.CHAT_MODEL ?? "qwen-plus" }`: each property is bound as
            # `config.chatModel`, which another module reads as `config.chatModel` (``use``); only properties a finding
            # already sits on carry it (no pending finding: an object's other strings are not constants)
            for pair in inner.named_children:
                key = _prop_name(pair.child_by_field_name("key")) if pair.type == "pair" else None
                if key:
                    self._export_literal(f"{name}.{key}", pair.child_by_field_name("value"), depth + 1)
            return
        parts = [inner]
        if inner is not None and inner.type == "binary_expression":
            parts = [inner.child_by_field_name("left"), inner.child_by_field_name("right")]
        for part in parts:
            if part is not None and part.type in ("string", "template_string") and string_value(part) is not None:
                line, col = self.position(part)
                self.f.exported[(line, col)] = self.f.exported[(line, col + 1)] = name  # the quote's column or the text's
                if len(self.f.exported_literals) < MAX_PENDING and not depth:
                    self.f.exported_literals.append((name, part))

    def pending_exports(self, findings: list[Finding]) -> list[Finding]:
        """Exported string constants nothing here vouches for (``export const SUPPORT = "acme-support-v2"``),
        shaped like an identifier a model API would take: kept as ``binding-pending`` findings that
        ``links.link_uses`` turns into a finding where another module passes the constant to a model API,
        and drops everywhere else."""
        found = {(f.line, f.column) for f in findings}
        out: list[Finding] = []
        for name, node in self.f.exported_literals:
            self.budget.tick()
            key = _node_key(node)
            if key in self.claimed or key in self.f.skip:
                continue
            value = (string_value(node) or "").strip()
            line, col = self.position(node)
            if (line, col) in found or not plausible(value) or "://" in value or value.startswith(("/", ".")):
                continue
            match = classify(value, "api")
            if match is None and "-" in value and BINDING_ONLY.fullmatch(value) and not is_generic(value):
                match = Match("api-model", None, 0.5)
            if match is None:
                continue
            out.append(Finding(
                path=self.c.file.path, line=line, column=col, raw=value, kind=match.kind,
                role=decide_role(value, match_role=match.role), context=self.c.file.context, source="js-model-key",
                provider=match.provider, confidence=min(match.confidence, 0.6),
                evidence=(f"binding:{name}", PENDING)))
        return out

    def _commonjs_exports(self, left: Any, right: Any) -> None:
        """`module.exports = { CHAT_MODEL: "…" }`, `exports.CHAT_MODEL = "…"`, `module.exports.X = "…"`."""
        target = dotted(left)
        if target == "module.exports":
            obj = _unwrap(right)
            if obj is None or obj.type != "object":
                return
            for pair in obj.named_children:
                if pair.type == "pair":
                    key = _prop_name(pair.child_by_field_name("key"))
                    if key:
                        self._export_literal(key, pair.child_by_field_name("value"))
                elif pair.type == "shorthand_property_identifier":
                    local = pair.text.decode("utf-8", "replace")
                    self.f.export_names.append((local, local))
        elif target.split(".")[:-1] in (["exports"], ["module", "exports"]):
            self._export_literal(target.rsplit(".", 1)[-1], right)

    def _export_clauses(self) -> None:
        for local, exported in self.f.export_names:
            for value in self.f.env.get(local, ())[:4]:
                self._export_literal(exported, value)

    def use(self, value: Any, site: Any, *, api: str | None, role: str | None, source_id: str,
            provider: str | None, endpoint: str | None) -> None:
        """An imported constant passed to a model API here (``model: CHAT_MODEL``): a ``SymbolUse`` that the
        engine links to the constant's finding in the module that exports it (``links.link_uses``)."""
        if self.uses is None or value is None:
            return
        value = _unwrap(value)
        if value is not None and value.type == "member_expression":
            obj, prop = value.child_by_field_name("object"), value.child_by_field_name("property")
            head = obj.text.decode("utf-8", "replace") if obj is not None and obj.type == "identifier" else ""
            module = self.f.namespaces.get(head) if head else None
            if prop is None:
                return
            ref: tuple[str, str] | None = None
            if module is not None:
                ref = (module, prop.text.decode("utf-8", "replace"))
            elif head in self.f.imported and head not in self.f.env:
                # `config.vllmModel` after `import { config } from "./config"`: a property of an exported object
                owner_module, owner = self.f.imported[head]
                ref = (owner_module, f"{owner}.{prop.text.decode('utf-8', 'replace')}")
        elif value is not None and value.type in ("identifier", "shorthand_property_identifier"):
            local = value.text.decode("utf-8", "replace")
            ref = self.f.imported.get(local)
            if local in self.f.env:
                return
        else:
            return
        if ref is None:
            return
        line, col = self.position(value)
        self.uses.append(SymbolUse(
            path=self.c.file.path, line=line, column=col, module=ref[0], name=ref[1], source=source_id, api=api,
            role=role, provider=provider, endpoint=endpoint, symbol=self.symbol(site), context=self.c.file.context))

    def _client_for(self, node: Any) -> _Client | None:
        if node is None or node.type not in ("new_expression", "call_expression"):
            return None
        fn = node.child_by_field_name("constructor") or node.child_by_field_name("function")
        if fn is None:
            return None
        callee = dotted(fn)
        last = callee.rsplit(".", 1)[-1]
        url = self._call_endpoint(node)
        if node.type == "new_expression" and last in _CLIENT_SDKS:
            # a model SDK's client: its base URL on a private or cluster-internal host is a self-hosted model server
            url = url or self._call_endpoint(node, client=True)
            return _Client(_CLIENT_SDKS[last], url[0] if url else None, url[1] if url else None)
        m = _CREATE_PROVIDER.match(last)
        if m and node.type == "call_expression":
            base = m.group(1)
            low = base[0].lower() + base[1:]
            if base == "ProviderRegistry":
                return _Client("ai-registry")
            known = _AI_SDK_PROVIDERS.get(low) or vocab().prefixes.get(low.lower())
            if known or base in ("OpenAICompatible", "Gateway") or self._imports_ai_provider():
                url = url or self._call_endpoint(node, client=True)
                return _Client("ai-sdk", url[0] if url else known, url[1] if url else None)
        if url is not None:
            return _Client("other", url[0], url[1])
        return None

    def _call_endpoint(self, call: Any, *, client: bool = False) -> tuple[str, str] | None:
        """The endpoint a call's options name; ``client``: the call builds a model SDK's client, whose base URL on a
        private or cluster-internal host counts too (``classify_client_endpoint``)."""
        args = call.child_by_field_name("arguments")
        if args is None:
            return None
        for arg in args.named_children:
            for obj in self.objects_of(arg):
                hit = self._object_endpoint(obj, 0, client)
                if hit:
                    return hit
        return None

    def _object_endpoint(self, obj: Any, depth: int, client: bool = False) -> tuple[str, str] | None:
        classify_url = classify_client_endpoint if client else classify_endpoint
        if depth > 2:
            return None
        for pair in obj.named_children:
            if pair.type != "pair":
                continue
            key = _prop_name(pair.child_by_field_name("key"))
            if key not in _URL_KEYS:
                continue
            value = pair.child_by_field_name("value")
            for lit in self.literals(value):
                hit = classify_url(string_value(lit) or "")
                if hit:
                    self.url_literals.add(_node_key(lit))
                    return hit
            for inner in self.objects_of(value):
                hit = self._object_endpoint(inner, depth + 1, client)
                if hit:
                    return hit
        return None

    def objects_of(self, node: Any, depth: int = 0) -> Iterator[Any]:
        """Object literals an expression can evaluate to (`{...}` itself, or a const holding one)."""
        node = _unwrap(node)
        if node is None or depth > MAX_FLOW_DEPTH:
            return
        if node.type == "object":
            yield node
        elif node.type == "identifier":
            yield from self.f.objects.get(node.text.decode("utf-8", "replace"), ())[:16]

    def literals(self, node: Any, depth: int = 0, budget: list[int] | None = None,
                 seen: set[str] | None = None) -> Iterator[Any]:
        """String-literal nodes an expression can evaluate to, through simple same-file flow.

        Each name is followed once per question and the walk has a step budget, so minified code
        that rebinds ``e`` and ``t`` thousands of times stays linear.
        """
        budget = budget if budget is not None else [MAX_FLOW_STEPS]
        seen = seen if seen is not None else set()
        budget[0] -= 1
        self.budget.tick()
        node = _unwrap(node)
        if node is None or depth > MAX_FLOW_DEPTH or budget[0] < 0:
            return
        t = node.type
        if t in ("string", "template_string"):
            if string_value(node) is not None:
                yield node
            elif t == "template_string" and (tail := template_tail(node)) is not None:
                yield tail  # `${provider}/gpt-4.1-mini`: the model id the built name ends with
        elif t == "identifier":
            name = node.text.decode("utf-8", "replace")
            if name in seen:
                return
            seen.add(name)
            for value in self.f.env.get(name, ()):
                yield from self.literals(value, depth + 1, budget, seen)
        elif t in ("member_expression", "subscript_expression"):
            name = dotted(node)
            if name.startswith("process.env.") or name.startswith("import.meta.env."):
                return
            if name in seen:
                return
            seen.add(name)
            if name in self.f.env:
                for value in self.f.env[name]:
                    yield from self.literals(value, depth + 1, budget, seen)
                return
            obj = node.child_by_field_name("object")
            key_node = node.child_by_field_name("property") or node.child_by_field_name("index")
            key = _prop_name(key_node)
            if obj is None or key is None:
                return
            for target in self.objects_of(obj, depth + 1):
                for member in target.named_children:
                    field_name = {"pair": "key", "enum_assignment": "name"}.get(member.type)
                    if field_name and _prop_name(member.child_by_field_name(field_name)) == key:
                        yield from self.literals(member.child_by_field_name("value"), depth + 1, budget, seen)
        elif t == "binary_expression":
            op = node.child_by_field_name("operator")
            if op is not None and op.type in ("??", "||"):
                yield from self.literals(node.child_by_field_name("left"), depth + 1, budget, seen)
                yield from self.literals(node.child_by_field_name("right"), depth + 1, budget, seen)
        elif t == "ternary_expression":
            yield from self.literals(node.child_by_field_name("consequence"), depth + 1, budget, seen)
            yield from self.literals(node.child_by_field_name("alternative"), depth + 1, budget, seen)
        elif t == "call_expression":
            fn = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments")
            if fn is None or args is None:
                return
            name = dotted(fn)
            named = args.named_children
            if _ENVISH.search(name):
                if len(named) >= 2:
                    yield from self.literals(named[1], depth + 1, budget, seen)
                return
            last = name.rsplit(".", 1)[-1]
            obj = fn.child_by_field_name("object") if fn.type == "member_expression" else None
            if last == "split" and obj is not None and _unwrap(obj) is not None and _unwrap(obj).type == "string":
                # 'glm-4-plus、glm-4-air'.split('、'), "gpt-4o,o3".split(","): a list written as one string (its items
                # are read where it is reported under a model-named name)
                yield _unwrap(obj)
            elif last in ("map", "filter") and obj is not None and _unwrap(obj) is not None \
                    and _unwrap(obj).type == "call_expression":
                # '…'.split('、').map(it => it.trim()): the same list, each item tidied
                yield from self.literals(obj, depth + 1, budget, seen)
            elif last in _STATE_CALLS and named:
                # ref("gpt-4o"), useState("gpt-4o"), $state("gpt-4o"), writable("gpt-4o"): the initial value
                yield from self.literals(named[0], depth + 1, budget, seen)
            elif last in _SCHEMA_DEFAULTS and fn.type == "member_expression":
                # z.enum(["gpt-4o", "o3-mini"]).default("gpt-4o"), z.string().default("…"): a schema's values
                if named:
                    yield from self.literals(named[0], depth + 1, budget, seen)
                yield from self.literals(fn.child_by_field_name("object"), depth + 1, budget, seen)
            elif last in _SCHEMA_CHOICES and "." in name and named:
                first = _unwrap(named[0])
                for item in first.named_children[:64] if first is not None and first.type == "array" else [first]:
                    yield from self.literals(item, depth + 1, budget, seen)

    # -- pass 2: findings ---------------------------------------------------------------------------
    def report(self, lit: Any, site: Any, *, hint: Hint, role: str | None = None,
               api: str | None = None, source_id: str, provider: str | None = None, endpoint: str | None = None,
               strict: bool = False, binding: str | None = None, table: bool = False,
               slot: str | None = None) -> Finding | None:
        """``binding``: the model-named name the literal is bound to (``table``: a model table's name); a
        hyphenated identifier nothing else knows is then the weakest finding (``binding-only``). ``slot``: the key
        that holds the literal when it is not ``binding``; its name is the weakest evidence of the role."""
        self.budget.tick()
        key = _node_key(lit)
        if key in self.f.skip:
            return None
        value = string_value(lit)
        if value is None:
            return None
        value = _without_context_tag(value)
        if CONST_NAME.fullmatch(value) and classify(value, "none") is None:
            return None  # `model: 'GOOGLE_CHAT_MODEL'`: the name of the setting or variable that holds the model
        if PLACEHOLDER.match(value) and classify(value, "none") is None:
            return None  # `modelName: "gpt-test"`, `model: "fake-model"`: a test double's name, as the other languages'
            # sources drop it (classifier.decide); a known id that happens to match (none today) is still reported
        if strict and (_VERSION.fullmatch(value) or _ASSET_EXT.search(value) or (
                not re.search(r"[\d\-:/.]", value) and classify(value, "none") is None)):
            return None  # a bare word ("chat"), a version or an asset path in a registry is not a model
        if hint == "key" and _LIST_SEPS.search(value) and (items := _list_items(lit, value)):
            # `const MODELS = "gpt-4o,gpt-4o-mini"`, `env.MODEL_LIST || "qwen-plus,qwen-max"`: a list setting written
            # as one string under a model-named name; each item is read on its own, at its own column
            line, col = self.position(lit)
            hits = []
            for item, start in items:
                match = classify(item, hint)
                if match is not None and not (CODE_IDENT.fullmatch(item) and classify(item, "none") is None):
                    hits.append(self.c.add(item, line, col + start, match, role=role, api=api, provider=provider,
                                           endpoint=endpoint, symbol=self.symbol(site), source_id=source_id,
                                           key_role=role_from_key(slot or binding)))
            if any(hits):
                self.claimed.add(key)
            return next((h for h in hits if h is not None), None)
        if hint == "key" and CODE_IDENT.fullmatch(value) and classify(value, "none") is None:
            return None  # `chatgptApi35_16k` in a list of model keys: the app's own key for an entry, not a model id
        if binding is not None and names_a_header(value, binding):
            return None  # `SK_HTTP_HEADER_EMBEDDING_MODEL = 'x-ms-sk-embedding-model'`: the header's name
        if _VERSION_TAIL.fullmatch(value) and _name_tail(value):
            return None  # `modelID: '3.5-sonnet'`: the version-and-tier end of a known id (claude-3-5-sonnet-latest)
            # without its family word, a fragment a substring test matches, no model's id
        match = classify(value, hint)
        evidence: tuple[str, ...] | None = None
        if match is None and "::" in value:
            match = model_ref_match(value)  # `modelRef: 'fireworks::v1::starcoder'`: provider::api-version::model
        if match is None and binding is not None and binding_only(value, binding, table=table):
            match = Match("api-model", None, 0.5)
            evidence = (f"{'container' if table else 'binding'}:{binding}", "binding-only")
        if match is None:
            return None
        if source_id == "js-ai-sdk" and hint == "prefixed" and match.kind == "hf-repo":
            # an AI SDK / AI Gateway model string is always "creator/model", even when the Hub has the same name
            first = value.split("/", 1)[0].lower()
            if first in vocab().prefixes:
                match = replace(match, kind="provider-prefixed", provider=vocab().prefixes[first])
        line, col = self.position(lit)
        found = self.c.add(value, line, col, match, role=role, api=api, provider=provider, endpoint=endpoint,
                           symbol=self.symbol(site), source_id=source_id, evidence=evidence,
                           key_role=role_from_key(slot or binding))
        if found is not None:
            self.claimed.add(key)
        return found

    def run(self) -> None:
        tick = self.budget.tick
        self.element_tests()
        for node in self.nodes():
            tick()
            t = node.type
            site = node
            if t in ("call_expression", "new_expression"):
                self.on_call(node, site)
            elif t == "pair":
                self.on_pair(node, site)
            elif t == "variable_declarator":
                self.on_declarator(node, site)
            elif t == "assignment_expression":
                left = node.child_by_field_name("left")
                if left is not None and left.type in ("identifier", "member_expression"):
                    self.on_named(dotted(left).rsplit(".", 1)[-1], None, node.child_by_field_name("right"), site)
            elif t in ("public_field_definition", "field_definition"):
                name = _prop_name(node.child_by_field_name("name") or node.child_by_field_name("property"))
                if name:
                    self.on_named(name, node.child_by_field_name("type"), node.child_by_field_name("value"), site)
            elif t in ("required_parameter", "optional_parameter"):
                pattern = node.child_by_field_name("pattern")
                if pattern is not None and pattern.type == "identifier":
                    self.on_named(pattern.text.decode(), None, node.child_by_field_name("value"), site)
            elif t == "assignment_pattern":
                left = node.child_by_field_name("left")
                if left is not None and left.type == "identifier":
                    self.on_named(left.text.decode(), None, node.child_by_field_name("right"), site)
            elif t == "object_assignment_pattern":
                left = node.child_by_field_name("left")
                if left is not None:
                    self.on_named(left.text.decode(), None, node.child_by_field_name("right"), site)
            elif t == "type_alias_declaration":
                name = node.child_by_field_name("name")
                if name is not None and _CONTAINER_NAME.search(name.text.decode("utf-8", "replace")):
                    self.container(node.child_by_field_name("value"), site, types=True)
            elif t == "enum_declaration":
                name = node.child_by_field_name("name")
                if name is not None and _CONTAINER_NAME.search(name.text.decode("utf-8", "replace")):
                    self.container(node.child_by_field_name("body"), site)
            elif t == "switch_case":
                self.on_case(node, site)
            elif t == "for_in_statement":
                self.on_for_of(node)
            elif t == "binary_expression":
                self.on_comparison(node, site)
            elif t in ("string", "template_string"):
                self.strings.append(node)
            elif t == "union_type" and (node.parent is None or node.parent.type != "union_type"):
                self.on_union(node)
        self.bare_literals(self.strings)
        self.peers(self.strings)

    def on_union(self, node: Any) -> None:
        """A string union type (`'bc' | 'o1'`, nested unions flattened, at most 64 members): when no more of its
        members read as models than are plain words (`bc`, `normal`, `fast`: no digit, no model), it lists a
        setting's options, and a model-shaped one among them (`o1`, a mode's name) is an option here too, not a
        model the code calls. `'ui-tars-1.5' | 'doubao-1.5-ui-tars-20b'` has no plain word and is left alone."""
        members: list[str] = []
        stack = [node]
        while stack and len(members) <= 64:
            n = stack.pop()
            self.budget.tick()
            if n.type == "union_type":
                stack.extend(n.named_children)
            elif n.type == "literal_type" and n.named_child_count == 1:
                value = string_value(n.named_children[0]) if _is_string(n.named_children[0]) else None
                if value:
                    members.append(value.strip())
        if len(members) < 2 or len(members) > 64:
            return
        models = [v for v in members if classify(v, "none") is not None]
        words = [v for v in members if _OPTION_WORD.fullmatch(v) and v not in models]
        if models and len(models) <= len(words):
            self.options.update(models)

    def peers(self, strings: Iterable[Any]) -> None:
        """Peer evidence (``peers``): the unrecognised model-shaped entries of an array, or the keys of an object
        map, whose entries are mostly recognised models (``["gpt-4-all", "gpt-4v", …].indexOf(model)``)."""
        tables: dict[tuple[int, str], list[Any]] = {}
        for node in strings:
            parent = node.parent
            if parent is None:
                continue
            if parent.type == "array":
                tables.setdefault((parent.start_byte, "entry"), []).append(node)
            elif parent.type == "pair" and parent.parent is not None:
                key = parent.child_by_field_name("key")
                if key is not None and key.start_byte == node.start_byte:
                    tables.setdefault((parent.parent.start_byte, "key"), []).append(node)
                elif key is not None and parent.parent.type == "object" and parent.parent.parent is not None \
                        and parent.parent.parent.type == "array":
                    # [{ id: "gpt-4o", … }, { id: "acme-7b", … }]: the same field of every record is one table
                    name = _prop_name(key) or ""
                    tables.setdefault((parent.parent.parent.start_byte, "field:" + name), []).append(node)
        for nodes in tables.values():
            if not MIN_KNOWN <= len(nodes) <= MAX_TABLE:
                continue
            self.budget.tick(len(nodes))
            entries = [(n, v) for n in nodes if _node_key(n) not in self.f.skip and (v := string_value(n)) is not None]
            if self.ollama_table(entries):
                continue
            ok = accepted((v, _node_key(n) in self.claimed or classify(v, "none") is not None) for n, v in entries)
            for node, value in entries:
                why = ok.get(value.strip())
                if why is None or _node_key(node) in self.claimed:
                    continue
                line, col = self.position(node)
                if self.c.add(value, line, col, peer_match(value.strip()), symbol=self.symbol(node),
                              source_id="js-model-peers", evidence=(why, "shape:peer")) is not None:
                    self.claimed.add(_node_key(node))

    def ollama_table(self, entries: list[tuple[Any, str]]) -> bool:
        """A table of Ollama library names in Ollama's own code (the file, class or function says ``ollama``):
        ``[{ id: 'llama2' }, { id: 'mistral' }, { id: 'phi' }, …]``. Bare names like ``phi`` are models only there,
        so at least half of the entries, and ``MIN_KNOWN`` of them, must be names the Ollama library lists; then
        every entry Ollama could pull is reported as an Ollama tag. True when the table was read so."""
        if not entries:
            return False
        library = vocab().ollama_library
        known = sum(1 for _n, v in entries if v.strip().lower().split(":", 1)[0] in library)
        if known < MIN_KNOWN or 2 * known < len(entries):
            return False
        where = f"{self.c.file.path} {self.symbol(entries[0][0]) or ''}".lower()
        if "ollama" not in where:
            return False
        for node, value in entries:
            if _node_key(node) in self.claimed:
                continue
            match = classify(value.strip(), "ollama")
            if match is None or match.kind != "ollama-tag":
                continue
            line, col = self.position(node)
            if self.c.add(value.strip(), line, col, match, symbol=self.symbol(node), source_id="js-ollama-table",
                          evidence=(f"ollama-library:{known}/{len(entries)}", "context:ollama")) is not None:
                self.claimed.add(_node_key(node))
        return True

    def bare_literals(self, strings: Iterable[Any]) -> None:
        """String literals that name a model or an endpoint on their own (also the cheap fallback pass)."""
        tick = self.budget.tick
        for node in strings:
            tick()
            key = _node_key(node)
            if key in self.claimed or key in self.f.skip:
                continue
            value = string_value(node)
            if value is None and node.type == "template_string" and b"odel" in node.text:
                # a template with `${...}` in it is no single value, yet its literal lines are read as they are in
                # one without (`${baseToml}\n[model."grok-4.5".auth]`: a test's config built on a shared one)
                self.embedded_json(node)
            if value is None or value.strip() in self.options:
                continue
            value = _without_context_tag(value)
            if "://" in value and (route := route_model(value)) is not None:
                # `https://api.x.ant.design/api/big_model_glm-4.5-flash`: a proxy route named for the model it
                # serves (the model after the route's `_`-joined words); the URL is still read as an endpoint below
                line, col = self.position(node)
                self.c.add(route[0], line, col + 1 + route[1], route[2], symbol=self.symbol(node),
                           source_id="js-route-model")
            if "://" in value and classify_endpoint(value):
                if key in self.url_literals or not _is_local_web(value):
                    line, col = self.position(node)
                    self.c.endpoint(value, line, col, symbol=self.symbol(node), source_id="js-endpoint")
                continue
            if key in self.url_literals and "://" in value:
                # a model SDK client's baseURL on the company's own network (new OpenAI({ baseURL:
                # "http://qwen-vllm.llm.svc.cluster.local:8000/v1" })): a self-hosted model server
                line, col = self.position(node)
                self.c.endpoint(value, line, col, symbol=self.symbol(node), source_id="js-endpoint", client=True)
                continue
            match = classify(value, "none")
            if match is None and "::" in value:
                # `id: 'anthropic::2024-10-22::claude-3-5-sonnet-latest'`: a provider::api-version::model reference
                match = model_ref_match(value)
            if match is not None:
                line, col = self.position(node)
                self.c.add(value, line, col, match, symbol=self.symbol(node), source_id="js-literal", boost=-0.2)
            elif ('"' in value or "'" in value) and ("odel" in value or "ODEL" in value):
                self.embedded_json(node)

    def embedded_json(self, node: Any) -> None:
        """``"model":"gpt-4"`` in JSON held in a string or template literal (a recorded SSE chunk or API reply in a
        test, a request body): the value under a model key, when it reads as a model under that key (never on the
        key alone, as for JSON held in literals in the other languages)."""
        text: bytes = node.text
        row0, col0 = node.start_point
        pairs = chain(islice(_EMBEDDED_JSON_PAIR.finditer(text), _MAX_EMBEDDED_PAIRS),
                      islice(_EMBEDDED_TOML_LINE.finditer(text), _MAX_EMBEDDED_PAIRS) if b"=" in text else (),
                      islice(_EMBEDDED_TOML_TABLE.finditer(text), _MAX_EMBEDDED_PAIRS) if b"[" in text else (),
                      islice(_fenced_js_lines(text), _MAX_EMBEDDED_PAIRS) if b"`" in text else ())
        for m in pairs:
            self.budget.tick()
            group = m.lastindex or 2  # the value's group: a TOML line's basic or literal string
            key = m.group(1).decode("utf-8", "replace")
            value = m.group(group).decode("utf-8", "replace")
            if not _is_model_key(key) or (m.re is not _EMBEDDED_JSON_PAIR and _USER_WORD.search(value)):
                continue
            match = classify(value, "key")
            if match is None or match.kind == "model-file":
                continue
            off = m.start(group)
            newlines = text.count(b"\n", 0, off)
            row = row0 + newlines
            col = (off - text.rfind(b"\n", 0, off) - 1) if newlines else col0 + off
            self.position(node)  # builds the character columns of a non-ASCII file once
            if not self.ascii and self._columns is not None:
                col = self._columns.char_col(row, col)
            self.c.add(value, row + 1, col + 1, match, symbol=self.symbol(node), source_id="js-embedded-json",
                       evidence=(f"binding:{key}", "embedded-json"))

    # named values: const model = "...", const MODELS = [...], const LLM_LIST = {...}, type LLMID = "..." | ...
    def on_declarator(self, node: Any, site: Any) -> None:
        name = node.child_by_field_name("name")
        if name is None or name.type != "identifier":
            return
        self.on_named(name.text.decode("utf-8", "replace"), node.child_by_field_name("type"),
                      node.child_by_field_name("value"), site)

    def on_named(self, name: str, type_node: Any, value: Any, site: Any) -> None:
        if value is None:
            return
        if _is_model_key(name):
            for lit in self.literals(value):
                self.report(lit, site, hint="key", source_id="js-model-key", binding=name)
        inner = _table_value(value)
        if inner is None or inner.type not in ("array", "object"):
            return
        if inner.type == "object" and _UI_TABLE.search(name):
            self._mark_ui_table(inner, name)
        type_words = _TYPE_WORD.findall(type_node.text.decode("utf-8", "replace")) if type_node is not None else []
        if _CONTAINER_NAME.search(name) or any(_CONTAINER_TYPE.fullmatch(w) for w in type_words):
            self.container(inner, site, table=name if _MODEL_TABLE.search(name) else None)

    def _mark_ui_table(self, table: Any, name: str) -> None:
        """``MODEL_ICONS = {"gpt-4o": OpenAIIcon}``: remember where its strings sit; their findings become
        catalog entries (``ui-lookup:<name>``), names used for looks rather than models the code calls."""
        stack = [(table, 0)]
        while stack:
            node, depth = stack.pop()
            self.budget.tick()
            if node.type in ("string", "template_string"):
                self.ui_positions[self.position(node)] = name
            elif depth < 3:
                stack.extend((child, depth + 1) for child in node.named_children[:256])

    def container(self, node: Any, site: Any, *, types: bool = False, depth: int = 0, table: str | None = None,
                  entry: bool = True) -> None:
        """Strings inside a model registry: arrays, object maps (keys and values), enums, union types.
        ``table``: the registry's name when it says it lists models; ``entry``: this value is an entry of it
        (an element, a map key, or an ``id`` / ``name`` / ``model`` field of an element), not some other field."""
        node = _unwrap(node)
        if node is None or depth > 4:
            return
        t = node.type
        if t in ("string", "template_string"):
            self.report(node, site, hint="key", source_id="js-model-key", strict=True,
                        binding=table if entry else None, table=True)
        elif t in ("array", "object", "enum_body", "union_type", "literal_type", "tuple_type", "spread_element",
                   "parenthesized_type"):
            for child in node.named_children:
                self.container(child, site, types=types, depth=depth + (t != "union_type"), table=table)
        elif t == "pair":
            key = node.child_by_field_name("key")
            if key is not None and key.type in ("string", "template_string"):
                self.report(key, site, hint="key", source_id="js-model-key", strict=True, binding=table, table=True)
            elif key is not None and key.type == "property_identifier" and table is not None:
                self.identifier_table_key(key, node, site, table)
            name = _prop_name(key)
            self.container(node.child_by_field_name("value"), site, types=types, depth=depth, table=table,
                           entry=name is not None and name.lower() in _TABLE_ENTRY_KEYS)
        elif t == "enum_assignment":
            self.container(node.child_by_field_name("value"), site, types=types, depth=depth, table=table)

    def identifier_table_key(self, key: Any, pair: Any, site: Any, table: str) -> None:
        """An unquoted key of a model table whose other keys are quoted model ids (``PERPLEXITY_MODELS = {"sonar-pro":
        {…}, sonar: {…}}``): a formatter drops the quotes of a key that is a valid identifier (Prettier's
        ``quoteProps: "as-needed"``), so it is the same kind of key, an entry's model id. Only an entry (the key holds
        an object or an array) of an object with two quoted keys at least, and a name the knowledge base or an API's
        pattern knows (``sonar``, ``o3``): a settings field (``contextWindow``) or a word (``default``) is none."""
        value = _unwrap(pair.child_by_field_name("value"))
        parent = pair.parent
        if value is None or value.type not in ("object", "array") or parent is None or parent.type != "object":
            return
        quoted = 0
        for other in parent.named_children[:256]:
            other_key = other.child_by_field_name("key") if other.type == "pair" else None
            if other_key is not None and other_key.type == "string":
                quoted += 1
        if quoted < 2:
            return
        name = key.text.decode("utf-8", "replace")
        if _node_key(key) in self.f.skip or len(name) > 100:
            return
        match = classify(name, "key")
        if match is None or match.confidence < 0.9:
            return
        line, col = self.position(key)
        if self.c.add(name, line, col, match, symbol=self.symbol(site), source_id="js-model-key",
                      key_role=role_from_key(table)) is not None:
            self.claimed.add(_node_key(key))

    def on_for_of(self, node: Any) -> None:
        """``for (const prefix of supportedPrefixes) { if (model.startsWith(prefix)) … }``: the list's entries are
        tested against a model's name as prefixes (or substrings), so they are family words, not models."""
        if not any(c.type == "of" for c in node.children):
            return
        left, right, body = (node.child_by_field_name(f) for f in ("left", "right", "body"))
        if left is None or left.type != "identifier" or right is None or body is None:
            return
        test = _body_test(body, left.text)
        if test is not None:
            self.skip_tested(right, test)

    def element_tests(self) -> None:
        """Before any literal is reported: the arrays an element test reads (`LIST.some((part) => model.includes(part))`,
        ``skip_tested``), so that a list declared above its test (the usual order) has its family words marked before
        its declaration is read."""
        for node in self.nodes():
            if node.type != "call_expression":
                continue
            fn = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments")
            if fn is None or args is None or fn.type != "member_expression":
                continue
            prop = fn.child_by_field_name("property")
            if prop is None or prop.text.decode("utf-8", "replace") not in _ELEMENT_TESTS:
                continue
            self.budget.tick()
            first = next((a for a in args.named_children if a.type != "comment"), None)
            test = _element_test(first) if first is not None else None
            if test is not None:
                self.skip_tested(fn.child_by_field_name("object"), test)

    def skip_tested(self, target: Any, test: str) -> None:
        """Mark the string entries of the array ``target`` (written there or bound to its name in this file) that
        a prefix test (``prefix``: all) or a substring test (``contains``: the fragments) makes family words."""
        node = _unwrap(target)
        if node is not None and node.type == "identifier":
            values = self.f.env.get(node.text.decode("utf-8", "replace"), ())
            node = _unwrap(values[0]) if len(values) == 1 else None
        if node is None or node.type != "array":
            return
        for item in node.named_children[:MAX_CHECK_ITEMS]:
            self.budget.tick()
            if _is_string(item) and (test == "prefix" or _fragment(string_value(item) or "")):
                self.f.skip.add(_node_key(item))

    def on_case(self, node: Any, site: Any) -> None:
        """``switch (model) { case "ernie-speed-128k": … }``: a case label of a switch on a model-named value."""
        value = node.child_by_field_name("value")
        body = node.parent
        switch = body.parent if body is not None else None
        if value is None or switch is None or switch.type != "switch_statement" or not _is_string(value):
            return
        name = dotted(_unwrap(switch.child_by_field_name("value"))).rsplit(".", 1)[-1]
        if _is_model_key(name):
            self.report(value, site, hint="key", source_id="js-model-key", strict=True, binding=name)

    def on_comparison(self, node: Any, site: Any) -> None:
        """``modelId === "kimi-thinking-preview"``: a model-named value compared with a literal;
        ``process.env.CHAT_MODEL ?? "acme-chat-v2"``: the default of a model-named environment variable."""
        op = node.child_by_field_name("operator")
        if op is None:
            return
        left, right = _unwrap(node.child_by_field_name("left")), _unwrap(node.child_by_field_name("right"))
        if left is None or right is None:
            return
        if op.type in ("??", "||"):
            # `${process.env.GEMINI_MODEL ?? "gemini-exp-1206"}` anywhere, also inside a template: the variable's
            # name is the binding
            name = dotted(left) if left.type == "member_expression" else ""
            if name.startswith(("process.env.", "import.meta.env.")) and _is_model_key(name.rsplit(".", 1)[-1]) \
                    and _is_string(right):
                self.report(right, site, hint="key", source_id="js-model-key", binding=name.rsplit(".", 1)[-1])
            return
        if op.type not in ("===", "==", "!==", "!="):
            return
        if _is_string(left):
            left, right = right, left
        if not _is_string(right) or left.type not in ("identifier", "member_expression"):
            return
        name = dotted(left).rsplit(".", 1)[-1]
        if _is_model_key(name):
            self.report(right, site, hint="key", source_id="js-model-key", strict=True, binding=name)

    def _pair_keys(self, parent: Any) -> frozenset[str | None]:
        """The keys of every pair of ``parent``, read once per object: on_pair asks for each model-named pair, and an
        object of 50,000 ``model:`` pairs read them all again each time (12 s of CPU for one file, past its budget)."""
        keys = self._object_keys.get(parent.id)
        if keys is None:
            keys = frozenset(_prop_name(p.child_by_field_name("key")) for p in parent.named_children if p.type == "pair")
            self._object_keys[parent.id] = keys
        return keys

    def on_pair(self, node: Any, site: Any) -> None:
        key = _prop_name(node.child_by_field_name("key"))
        if key is None or not _is_model_key(key):
            return
        parent = node.parent
        siblings = self._pair_keys(parent) if parent is not None else frozenset()
        binding = None if siblings & _RESPONSE_KEYS else key
        value = node.child_by_field_name("value")
        for lit in self.literals(value):
            self.report(lit, site, hint="key", source_id="js-model-key", binding=binding, slot=key)
        inner = _unwrap(value)
        if inner is not None and inner.type in ("array", "object") and _MODEL_TABLE.search(key):
            # { models: ["gpt-4o", …], chatModels: [{ id: "glm-4-plus" }] } inside a provider table
            self.container(inner, site, table=key)

    # calls ------------------------------------------------------------------------------------------
    def on_call(self, node: Any, site: Any) -> None:
        is_new = node.type == "new_expression"
        fn = node.child_by_field_name("constructor") if is_new else node.child_by_field_name("function")
        args_node = node.child_by_field_name("arguments")
        if fn is None or args_node is None:
            return
        callee = dotted(fn)
        self.budget.tick(callee.count("."))  # naming the callee walked its chain
        args = [a for a in args_node.named_children if a.type != "comment"]
        if callee.rsplit(".", 1)[-1] in _PREFIX_CHECKS:
            # model.startsWith("gpt-5"): a family prefix, not a model (issue 10)
            for arg in args:
                if _is_string(arg):
                    self.f.skip.add(_node_key(arg))
            return
        last = callee.rsplit(".", 1)[-1]
        if last in _CONTAINS_CHECKS and fn.type == "member_expression" and args and _is_string(args[0]):
            if _fragment(string_value(args[0]) or ""):
                self.f.skip.add(_node_key(args[0]))  # model.includes("gpt-oss"): the start of a family's names
            return
        if last in _EQUALITY_MATCHERS and fn.type == "member_expression" and args and _is_string(args[0]) \
                and (subject := _expected_subject(fn)) is not None and _is_model_key(subject):
            # `expect(config?.model).toBe('deepseek-r1-distill-qwen-14b@4bit')`: a test's expected value of a
            # model-named field, as `config.model === '…'` would compare it
            self.report(args[0], site, hint="key", source_id="js-model-key", strict=True, binding=subject)
            return
        client = self.f.clients.get(_root_name(callee))
        inner_fn = _unwrap(fn)
        if client is None and inner_fn is not None and inner_fn.type == "call_expression":
            client = self._client_for(inner_fn)  # createDeepSeek({ … })("deepseek-reasoner"): a provider made in place
        endpoint = self._call_endpoint(node) or ((client.provider or "", client.url) if client and client.url else None)
        ep_provider = endpoint[0] if endpoint else None
        ep_url = endpoint[1] if endpoint else None
        matched = False
        for rule in _rules_for(callee):
            if rule.new is not None and rule.new != is_new:
                continue
            task_call = rule.id == "js-transformers" and bool(args) and string_value(args[0]) in _TASK_ROLES
            if rule.needs and not task_call and not any(m.startswith(rule.needs) for m in self.f.imports):
                continue
            matched = True
            role = rule.role
            if rule.id == "js-transformers" and args and string_value(args[0]) is not None:
                role = _TASK_ROLES.get((string_value(args[0]) or "").lower(), role)
            provider = ep_provider
            if rule.id == "js-langchain" and callee.endswith("initChatModel"):
                provider = provider or self._prop_string(args[1:], "modelProvider")
            self._apply(rule, rule.id, args, site, hint=rule.hint, role=role, api=rule.api,
                        provider=provider, endpoint=ep_url)
            break
        if not matched:
            self._sdk_call(callee, args, site, client, ep_provider, ep_url, is_new)

    def _prop_string(self, args: list[Any], name: str) -> str | None:
        for arg in args:
            for obj in self.objects_of(arg):
                for pair in obj.named_children:
                    if pair.type == "pair" and _prop_name(pair.child_by_field_name("key")) == name:
                        for lit in self.literals(pair.child_by_field_name("value")):
                            value = string_value(lit)
                            if value:
                                return vocab().prefixes.get(value.lower(), value)
        return None

    def _apply(self, rule: CallRule | None, source_id: str, args: list[Any], site: Any, *, hint: Hint,
               role: str | None, api: str | None, provider: str | None, endpoint: str | None,
               positions: tuple[int, ...] | None = None, keys: tuple[str, ...] | None = None) -> None:
        positions = rule.args if rule is not None else positions or ()
        keys = rule.keys if rule is not None else keys or ()
        values: list[Any] = [args[i] for i in positions if i < len(args)]
        for arg in args:
            for obj in self.objects_of(arg):
                for pair in obj.named_children:
                    if pair.type == "pair":
                        k = _prop_name(pair.child_by_field_name("key"))
                        if k is not None and (k in keys or ("*" in keys and _is_model_key(k))):
                            values.append(pair.child_by_field_name("value"))
                    elif pair.type == "shorthand_property_identifier":
                        k = pair.text.decode("utf-8", "replace")
                        if k in keys or ("*" in keys and _is_model_key(k)):
                            values.append(pair)
        for value in values:
            target = value
            if value.type == "shorthand_property_identifier":
                name = value.text.decode("utf-8", "replace")
                lits: Iterable[Any] = (lit for v in self.f.env.get(name, ()) for lit in self.literals(v))
            else:
                lits = self.literals(target)
            for lit in lits:
                self.report(lit, site, hint=hint, role=role, api=api, source_id=source_id, provider=provider,
                            endpoint=endpoint)
            self.use(value, site, api=api, role=role, source_id=source_id, provider=provider, endpoint=endpoint)

    def _sdk_call(self, callee: str, args: list[Any], site: Any, client: _Client | None,
                  ep_provider: str | None, ep_url: str | None, is_new: bool) -> None:
        parts = callee.split(".")
        last = parts[-1]
        root = _root_name(callee)
        if len(parts) > 1 and args and _is_string(args[0]) and ADD_NAMED_MODEL.fullmatch(_snake(last)):
            # ollama.addNamedModel("tinyllama", "tinyllama"), .addHuggingFaceModel("llama", "org/name"): the name the
            # model's resource is registered under, then the model (the classifier's ADD_NAMED_MODEL); one string
            # alone is the model (addModel("tinyllama"))
            named = len(args) > 1 and _is_string(args[1])
            if not named and len(args) == 1:
                self._apply(None, "js-model-call", args, site, hint="api", role=None, api=None,
                            provider=ep_provider, endpoint=ep_url, positions=(0,))
                return
            if named and names_model_after(string_value(args[0]) or "", string_value(args[1]) or ""):
                self.f.skip.add(_node_key(args[0]))
                self._apply(None, "js-model-call", args, site, hint="api", role=None, api=None,
                            provider=ep_provider, endpoint=ep_url, positions=(1,))
                return
        # ollama-js / @huggingface/inference through a client variable
        if client is not None and client.sdk == "ollama" and re.fullmatch(_OLLAMA_METHODS, last):
            self._apply(None, "js-ollama", args, site, hint="ollama", role=None, api="ollama",
                        provider=ep_provider, endpoint=ep_url, keys=("model", "name"))
            return
        if last in _HF_TASKS and (
            (client is not None and client.sdk == "hf") or (len(parts) == 1 and self._imports("@huggingface/inference"))
            or root in ("hf", "inference", "hfInference", "hfClient")
        ):
            self._apply(None, "js-hf-inference", args, site, hint="hf", role=_HF_TASKS[last],
                        api="huggingface-inference", provider=ep_provider, endpoint=ep_url, keys=("model",))
            return
        # Vercel AI SDK provider functions and factories made with createX(...)
        provider_var = client is not None and client.sdk == "ai-sdk"
        if not is_new and (len(parts) == 1 or (len(parts) == 2 and parts[1] in _AI_SDK_METHODS)) and (
            parts[0] in _AI_SDK_PROVIDERS or provider_var
        ):
            role = _AI_SDK_METHODS.get(parts[1]) if len(parts) == 2 else "generation"
            provider = ep_provider or (client.provider if client is not None else _AI_SDK_PROVIDERS.get(parts[0]))
            hint: Hint = "prefixed" if parts[0] == "gateway" else "api"
            self._apply(None, "js-ai-sdk", args, site, hint=hint, role=role, api="ai-sdk", provider=provider,
                        endpoint=ep_url, positions=(0,))
            return
        if len(parts) == 2 and parts[1] in _AI_SDK_METHODS and parts[1].endswith("Model"):
            # registry.languageModel("openai:gpt-4o"), myProvider.languageModel("chat-model"): aliases are allowed
            self._apply(None, "js-ai-sdk", args, site, hint="none", role=_AI_SDK_METHODS[parts[1]], api="ai-sdk",
                        provider=ep_provider, endpoint=ep_url, positions=(0,))
            return
        if last in _AI_SDK_CALLS:
            self._apply(None, "js-ai-sdk", args, site, hint="prefixed", role=_AI_SDK_CALLS[last], api="ai-sdk",
                        provider=ep_provider, endpoint=ep_url, keys=("model",))
            return
        if client is not None and last in ("create", "generate", "chat", "embed", "stream") and client.url:
            self._apply(None, "js-model-key", args, site, hint="key", role=None, api=None, provider=ep_provider,
                        endpoint=ep_url, keys=("*",))
            return
        if ep_url:
            # any call with a model-ish key and its own base URL: new ChatOpenAI-like wrappers we do not know
            self._apply(None, "js-model-key", args, site, hint="key", role=None, api=None, provider=ep_provider,
                        endpoint=ep_url, keys=("*",))

    def _imports_ai_provider(self) -> bool:
        return any(m.startswith("@ai-sdk/") or m.endswith("ai-provider") for m in self.f.imports)

    def _imports(self, prefix: str) -> bool:
        return any(m.startswith(prefix) for m in self.f.imports)


def _fragment(value: str) -> bool:
    """A literal tested as a substring of a model's name that is not itself a model: the start of known models'
    names (``gpt-oss``, ``grok-code``) or a value the knowledge base does not know as a whole (``mistral-large``)."""
    low = value.strip().lower()
    if not low:
        return False
    kb = load()
    known = low in kb.alias_index or low in kb.hf_index or api_pattern(low) is not None
    return not known or family_prefix(low)


# a major and minor version and then words, no family word before it (`3.5-sonnet`, `3-5-sonnet`, `2.5-flash`)
_VERSION_TAIL = re.compile(r"\d{1,3}[.-]\d{1,3}(?:-[a-z]{2,20}){1,3}", re.I)


@lru_cache(maxsize=1024)
def _name_tail(value: str) -> bool:
    """``value`` (``_VERSION_TAIL``) is no model the knowledge base knows, but the end of known ids after their family
    word (`3-5-sonnet` of claude-3-5-sonnet-latest, `3.5-sonnet` of the same with a dot for the dash)."""
    low = value.lower()
    if classify(low, "none") is not None:
        return False
    needles = {"-" + low, "-" + low.replace(".", "-")}  # `3.5-sonnet` of claude-3-5-sonnet: a dot for the dash
    kb = load()
    return any(n in alias for alias in kb.alias_index for n in needles) \
        or any(n in name for name in kb.name_index for n in needles)


# Jest / Vitest matchers that assert equality with the expected value they are given
_EQUALITY_MATCHERS = frozenset({"toBe", "toEqual", "toStrictEqual"})


def _expected_subject(matcher: Any) -> str | None:
    """The last name of what ``expect(…)`` is given, for a matcher's member expression ``expect(x.model).toBe`` (a
    `.not` between negates it: None), else None."""
    obj = _unwrap(matcher.child_by_field_name("object"))
    if obj is None or obj.type != "call_expression":
        return None
    fn, args = obj.child_by_field_name("function"), obj.child_by_field_name("arguments")
    if fn is None or fn.type != "identifier" or fn.text != b"expect" or args is None or args.named_child_count != 1:
        return None
    subject = _unwrap(args.named_children[0])
    if subject is None or subject.type not in ("member_expression", "identifier"):
        return None
    name = dotted(subject).rsplit(".", 1)[-1]
    return name if name and name != "?" else None


def _body_test(body: Any, name: bytes) -> str | None:
    """``prefix`` when ``body`` (at most ``MAX_CHECK_NODES`` nodes, breadth first) calls ``….startsWith(name)`` /
    ``endsWith``, ``contains`` when it calls ``….includes(name)`` / ``indexOf``; else None."""
    queue, seen = [body], 0
    while queue and seen < MAX_CHECK_NODES:
        node = queue.pop(0)
        seen += 1
        if node.type == "call_expression":
            fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
            prop = fn.child_by_field_name("property") if fn is not None and fn.type == "member_expression" else None
            first = args.named_children[0] if args is not None and args.named_child_count else None
            if prop is not None and first is not None and first.type == "identifier" and first.text == name:
                method = prop.text.decode("utf-8", "replace")
                if method in _PREFIX_CHECKS:
                    return "prefix"
                if method in _CONTAINS_CHECKS:
                    return "contains"
        queue.extend(node.named_children)
    return None


def _element_test(callback: Any) -> str | None:
    """What an array method's callback does with each element: ``(part) => model.startsWith(part)`` is a prefix
    test, ``(part) => model.includes(part)`` a substring test (see ``_body_test``)."""
    callback = _unwrap(callback)
    if callback is None or callback.type not in ("arrow_function", "function_expression", "function"):
        return None
    param = callback.child_by_field_name("parameter")
    if param is None:
        params = callback.child_by_field_name("parameters")
        first = params.named_children[0] if params is not None and params.named_child_count else None
        param = first.child_by_field_name("pattern") if first is not None and first.type == "required_parameter" \
            else first
    body = callback.child_by_field_name("body")
    if param is None or param.type != "identifier" or body is None:
        return None
    return _body_test(body, param.text)


def _is_local_web(url: str) -> bool:
    """http://localhost:3000/login: a local dev server unless the port is a model server's own."""
    rest = url.split("://", 1)[-1].split("/", 1)[0].lower()
    return rest.startswith(_LOCAL_HOSTS) and not rest.endswith(_LOCAL_PORTS_ALONE)


def _language_for(path: str) -> str | None:
    low = path.lower()
    if low.endswith(".tsx"):
        return "tsx"
    if low.endswith(_TS_EXT) or low.endswith(".d.ts"):
        return "typescript"
    if low.endswith(_JS_EXT):
        return "javascript"
    return None


_SCRIPT_OPEN = re.compile(r"<script\b", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.IGNORECASE)
_TS_LANG = re.compile(r"""lang\s*=\s*["']?ts""")


def _script_blocks(text: str) -> Iterator[tuple[str, int, int]]:
    """(attributes, body start, body end) of each ``<script ...>...</script>`` block, in one linear pass
    (a lazy ``<script>(.*?)</script>`` pattern rescans the rest of the file from every unclosed tag)."""
    pos = 0
    while True:
        m = _SCRIPT_OPEN.search(text, pos)
        if m is None:
            return
        gt = text.find(">", m.end())
        if gt < 0:
            return  # no '>' anywhere after: no later tag can close either
        close = _SCRIPT_CLOSE.search(text, gt + 1)
        if close is None:
            return  # no closing tag after this one: none after a later one either
        yield text[m.end():gt], gt + 1, close.start()
        pos = close.end()


# a Vue template's bound attribute or condition that compares with a quoted literal (`:disabled="form.modelName ==
# 'dall-e-2'"`, `v-if="model === 'gpt-4o'"`): the expression is JavaScript, read where it is written; other template
# expressions (v-for's `item in list`, event handlers) are left blank
_TEMPLATE_COMPARE = re.compile(r'(?<=\s)(?::[\w-]{1,40}|v-(?:if|else-if|show|bind:[\w-]{1,40}))="([^"<>{}]{1,300})"')
_COMPARES_LITERAL = re.compile(r"""[=!]==?\s*'[^'\n]{1,200}'|'[^'\n]{1,200}'\s*[=!]==?""")


def _script_text(text: str) -> tuple[str, str, int | None]:
    """Keep only the <script> blocks of a Vue/Svelte file or a page, blanking the rest so positions stay put; a
    template's comparisons with a literal (``_TEMPLATE_COMPARE``) are kept too, each as one statement, in place. The
    third value is the offset of a ``<script`` tag that is never closed (its text is left blank: a browser does not
    run a script cut off by the end of the page either), None when every block closes."""
    blank = "\n".join(" " * len(line) for line in text.split("\n"))  # every character but a newline: a space
    pieces: list[str] = []
    done = 0
    lang = "javascript"

    def outside(start: int, end: int) -> str:
        """The blanked text between script blocks, with the template's literal comparisons written back."""
        out = list(blank[start:end])
        for m in _TEMPLATE_COMPARE.finditer(text, start, end):
            expr = m.group(1)
            if _COMPARES_LITERAL.search(expr) and not re.search(r"[;`]|=>", expr):
                at = m.start(1) - start
                out[at:at + len(expr) + 1] = [*expr, ";"]  # the closing quote's place ends the statement
        return "".join(out)

    for attrs, start, end in _script_blocks(text):  # in order, none overlapping
        if _TS_LANG.search(attrs):
            lang = "typescript"
        pieces += (outside(done, start), text[start:end])
        done = end
    pieces.append(outside(done, len(text)))
    unclosed = _SCRIPT_OPEN.search(text, done)  # _script_blocks stops at the first opener with no closing tag
    return "".join(pieces), lang, (unclosed.start() if unclosed is not None else None)


JS_MODULE = "js:"  # SymbolUse.module of a JS/TS import: "js:" + the imported file's path without extension
_MODULE_EXT = re.compile(r"\.(?:[cm]?[jt]sx?)$")


def module_of(importer: str, spec: str) -> str | None:
    """The module a JS/TS import names, as ``js:<path stem>``: ``./constants`` from ``src/lib/chat.ts`` is
    ``js:src/lib/constants``; ``@/lib/models`` / ``~/lib/models`` (the usual source-root aliases) are
    ``js:*/lib/models``, matched by suffix; a package (``openai``) is None."""
    if spec.startswith(("./", "../")):
        stem = posixpath.normpath(posixpath.join(posixpath.dirname(importer), spec))
        if stem.startswith(".."):
            return None
    elif spec.startswith(("@/", "~/")):
        stem = "*/" + spec[2:]
    else:
        return None
    return JS_MODULE + _MODULE_EXT.sub("", stem)


def scan_javascript_text(file: SourceFile, source_id: str = "javascript",
                         uses: list[SymbolUse] | None = None) -> list[Finding | Skip]:
    """``uses``: a list to collect cross-file ``SymbolUse``s into; findings bound to exported constants then
    carry ``binding:<name>``."""
    lang = _language_for(file.path)
    text = file.text
    page: list[Finding | Skip] = []
    if lang is None:
        text, lang, unclosed = _script_text(text)
        if unclosed is not None:
            # said, not dropped unsaid: the script text after an unclosed tag is not read
            line = file.text.count("\n", 0, unclosed) + 1
            page.append(Skip(file.path, "parse-error", f"javascript: the <script> tag on line {line} is never "
                                                       "closed; its text is not read"))
        if file.path.lower().endswith(_PAGE_EXT):
            page = [*page, *_select_options(file)]
        if not text.strip() and (page or file.path.lower().endswith(_PAGE_EXT)):
            return page  # a page with no script: its markup only
    data = text.encode("utf-8", "surrogatepass")
    try:
        tree = parse_within_budget(_parser(lang), data)
    except BudgetExceeded as exc:  # the parse itself ran out of the file's time: nothing to analyse
        return [budget_skip(file.path, "javascript", exc, "not analysed")]
    except (ValueError, MemoryError, RuntimeError) as exc:
        return [Skip(file.path, "parse-error", f"javascript: {exc.__class__.__name__}: {exc}")]
    root = tree.root_node
    # a file tree-sitter cannot parse whole (a newer syntax, a generic call it misreads) still has its valid
    # statements under an ERROR root: those are analysed; a file with none is skipped
    if not root.named_child_count or all(c.type == "ERROR" for c in root.named_children):
        return [Skip(file.path, "parse-error", f"javascript: not valid {lang}")]
    collector = Collector(SourceFile(file.path, text, file.context), source_id)
    collector.budget.stop_at_cap = True  # handled below: the findings so far are kept
    analysis = _Analysis(root, data, collector, lang)
    analysis.uses = uses
    skips: list[Finding | Skip] = []
    try:
        analysis.collect()
        analysis.run()
    except RecursionError:
        return [Skip(file.path, "parse-error", "javascript: nesting too deep to analyse")]
    except BudgetExceeded as exc:
        # keep what was found, then classify each string literal on its own with a fresh allowance
        fallback = "kept the findings so far and classified each string literal on its own"
        if not isinstance(exc, FindingsCapped):
            analysis.budget = collector.budget = analysis.budget.fresh()
            try:
                analysis.bare_literals(n for n in analysis.nodes() if n.type in ("string", "template_string"))
            except BudgetExceeded:
                fallback = "kept the findings so far; the literal-only pass ran out too"
        skips.append(budget_skip(file.path, "javascript", exc, fallback))
    findings = sorted(dedupe(collector.findings), key=lambda f: (f.line, f.column, f.raw))
    if analysis.ui_positions:
        ui = analysis.ui_positions
        findings = [replace(f, context="catalog", evidence=(*(f.evidence or ()), f"ui-lookup:{ui[(f.line, f.column)]}"))
                    if (f.line, f.column) in ui and f.kind != "endpoint" and f.context in _CATALOG_FROM else f
                    for f in findings]
    if uses is not None and analysis.f.exported:
        bound = analysis.f.exported
        findings = [replace(f, evidence=(*(f.evidence or ()), f"binding:{name}"))
                    if (name := bound.get((f.line, f.column))) is not None and f.kind != "endpoint" else f
                    for f in findings]
    if uses is not None and analysis.f.exported_literals:
        findings.extend(analysis.pending_exports(findings))
    if "BedrockRuntimeClient" in text:
        findings = _bedrock_client_region(text, findings)
    return [*skips, *findings, *page]


# an HTML form's model picker (`<select id="TTS_MODEL" name="TTS_MODEL">` then `<option value="gemini-2.5-flash-preview-
# tts">`, in a page, a Jinja or Blade template): the select's name or id says what its options' values are, as a key
# does in a config file. Bounded: tags of at most 1,000 characters, a select's options read within 64 KiB of it, at
# most 256 selects and 256 options each
_SELECT_OPEN = re.compile(r"<select\b([^<>]{0,1000})>", re.I)
_SELECT_CLOSE = re.compile(r"</select\s*>", re.I)
_NAME_ATTR = re.compile(r"""\b(?:name|id)\s*=\s*["']([\w.\[\]-]{1,100})["']""", re.I)
_OPTION_VALUE = re.compile(r"""<option\b[^<>]{0,1000}?\bvalue\s*=\s*(["'])([^"'<>{}]{1,200})\1""", re.I)
_MAX_SELECTS = 256
_MAX_OPTIONS = 256
_SELECT_SPAN = 64 * 1024


def _select_options(file: SourceFile) -> list[Finding | Skip]:
    """The option values of every select whose name or id says model (``classifier.is_model_name``), each read as a
    value under that key: a model the knowledge base or the key-hint shapes know is one, any other word is not."""
    from modelmap.discover.classifier import is_model_name

    text = file.text
    if "<select" not in text and "<SELECT" not in text:
        return []
    collector = Collector(file, "html-select-option")
    for count, m in enumerate(_SELECT_OPEN.finditer(text)):
        if count >= _MAX_SELECTS:
            break
        names = [n.group(1) for n in _NAME_ATTR.finditer(m.group(1))]
        name = next((n for n in names if is_model_name(n.rsplit("[", 1)[0].rsplit(".", 1)[-1])), None)
        if name is None:
            continue
        close = _SELECT_CLOSE.search(text, m.end(), m.end() + _SELECT_SPAN)
        end = close.start() if close is not None else min(len(text), m.end() + _SELECT_SPAN)
        for n, opt in enumerate(_OPTION_VALUE.finditer(text, m.end(), end)):
            if n >= _MAX_OPTIONS:
                break
            value = opt.group(2).strip()
            match = classify(value, "key") if value else None
            if match is None or match.kind == "endpoint" or ("/" not in value and PLACEHOLDER.match(value)
                                                            and match.confidence < 0.9):
                continue  # (a "your-model-id" choice: a placeholder, as under any model key)
            line, col = collector.position(opt.start(2) + (len(opt.group(2)) - len(opt.group(2).lstrip())))
            known = ("knowledge-base",) if classify(value, "none") is not None and match.confidence >= 0.9 else ()
            collector.add(value, line, col, match, source_id="html-select-option",
                          evidence=(*known, f"binding:{name}", "rule:html-select-option", f"shape:{match.kind}"))
    return list(collector.findings)


_BEDROCK_CLIENT = re.compile(r"new\s+BedrockRuntimeClient\s*\(([^()]*)\)")
_REGION_OPTION = re.compile(r"""\bregion\s*:\s*(["'`])([a-z]{2}(?:-[a-z]+)+-\d{1,2})\1""")


def _bedrock_client_region(text: str, findings: list[Finding]) -> list[Finding]:
    """``new BedrockRuntimeClient({ region: "ap-northeast-1" })``: where every Bedrock runtime client of the file is
    created for one Region written as a literal, the Bedrock model ids of the file (the ``modelId`` of the commands
    its clients send) are served in that Region (``client-region:`` evidence, read by provenance). A client whose
    Region comes from a variable or the environment, or clients of two Regions, say nothing."""
    regions = set()
    for m in _BEDROCK_CLIENT.finditer(text):
        option = _REGION_OPTION.search(m.group(1))
        if option is None:
            return findings
        regions.add(option.group(2))
    if len(regions) != 1:
        return findings
    item = f"client-region:region={regions.pop()}"
    return [replace(f, evidence=(*evidence_of(f), item))
            if f.kind != "endpoint" and f.provider == "aws-bedrock" else f for f in findings]


class JavascriptSource:
    id = "javascript"
    description = "JavaScript/TypeScript code: values that reach model SDKs (openai, Anthropic, Google, AI SDK, LangChain.js ...)"
    samples = (
        Sample("app/api/chat/route.ts",
               'import { createOpenAI } from "@ai-sdk/openai";\nimport { streamText } from "ai";\n'
               'const deepseek = createOpenAI({ baseURL: "https://api.deepseek.com/v1" });\n'
               'export async function POST() {\n  return streamText({ model: deepseek("deepseek-coder") });\n}\n',
               ("deepseek-coder",)),
        Sample("src/llm.js",
               'import OpenAI from "openai";\nconst client = new OpenAI();\n'
               'const MODEL = process.env.MODEL ?? "gpt-4o-mini";\n'
               'await client.chat.completions.create({ model: MODEL, messages: [] });\n', ("gpt-4o-mini",)),
        Sample("src/embed.ts",
               'import { pipeline } from "@xenova/transformers";\n'
               'const extractor = await pipeline("feature-extraction", "Xenova/all-MiniLM-L6-v2");\n',
               ("Xenova/all-MiniLM-L6-v2",)),
        Sample("components/picker.tsx",
               'export const MODELS = ["gpt-4o", "claude-3-5-sonnet-latest"];\n'
               'export default function P() { return <select>{MODELS.map(m => <option>{m}</option>)}</select>; }\n',
               ("gpt-4o", "claude-3-5-sonnet-latest")),
        Sample("src/misc.ts",
               'import { openai } from "@ai-sdk/openai";\nconst repo = "vercel/ai";\n'
               'const headers = { "Content-Type": "application/json" };\nconst file = "data/train.csv";\n'
               'const image = "ollama/ollama:latest";\nconst pkg = "@ai-sdk/openai";\n// uses gpt-4o\n', ()),
    )

    def applies_to(self, path: str) -> bool:
        low = path.lower()
        return low.endswith(_JS_EXT + _TS_EXT + (".tsx",) + _SFC_EXT + _PAGE_EXT)

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip | SymbolUse]:
        uses: list[SymbolUse] = []
        return [*scan_javascript_text(file, self.id, uses=uses), *uses]
