"""Python source: string values that reach model-loading or model-calling APIs.

Uses the standard library's ``ast`` (no code is imported or executed). Values are followed
through simple same-file flow — module constants, ``self.x`` attributes, dict entries,
default arguments and ``os.getenv("X", "default")`` — and reported at the literal itself, so
that the location is the line a person would edit. Clients built with a ``base_url`` carry
that endpoint to the calls made through them.

Across files: a name imported from another module (``from app.settings import ANSWER_MODEL``) that
reaches a model API is yielded as a ``SymbolUse``, and findings bound to a module-level name carry the
evidence ``binding:<name>``. The engine links the two, so the usage sits where the value is used (and
in that file's flows), with the definition as a second location (issue 13).
"""

from __future__ import annotations

import ast
import bisect
import json
import re
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
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
    linear,
)
from modelmap.discover.candidates import models_dir_name, yaml_model_pairs
from modelmap.discover.classifier import (
    binding_only,
    evidence_of,
    family_prefix,
    hub_repo_shape,
    names_model_repo,
    snake,
    weight_file_named,
)
from modelmap.discover.composite import model_tail
from modelmap.discover.config_files import _is_model_section
from modelmap.discover.deployments import DEPLOYMENT_PROVIDER, is_deployment_name
from modelmap.discover.identify import (
    _APP_SUFFIX,
    Hint,
    Match,
    classify,
    classify_client_endpoint,
    classify_endpoint,
    is_model_key,
    is_specific,
)
from modelmap.discover.peers import CONST_NAME, MAX_TABLE, MIN_KNOWN, accepted, peer_match, reads_as_model
from modelmap.discover.python_size import MAX_AST_ESTIMATE, ast_estimate, without_ast
from modelmap.discover.uris import _stand_in
from modelmap.knowledge import load
from modelmap.regexes import any_of
from modelmap.types import REVISION_PREFIX, TRUST_REMOTE_CODE, Finding, Skip, SymbolUse

MAX_AST_DEPTH_BYTES = 5_000_000
MAX_FLOW_DEPTH = 6  # names followed from a use back to a literal
MAX_FLOW_VALUES = 256  # literals one expression may stand for


# a model's name as a loader takes it: letters first, then letters, digits, `-` `_` `.` (`SenseVoiceSmall`, `bark`,
# `musicgen-small`), no placeholder
_NAMED_MODEL_ARG = re.compile(r"(?!(?:your|my)[-_])[A-Za-z][\w.-]{1,100}")
# the help text of a command-line option declared as a record (`{"name": …, "help_text": …, "type": bool}`)
_OPTION_HELP_KEYS = frozenset({"help", "help_text", "helptext"})
_STRING_OPEN = re.compile(r"[rRbBuU]{0,2}(\"\"\"|'''|\"|')")

# a single-file model's name as a path segment (talker-Q4_K_M.gguf): see visit_BinOp
_SINGLE_FILE_MODEL = re.compile(r"([\w.+-]{1,120})\.(?:gguf|ggml|llamafile)", re.I)
# a word a test makes a file name of (dummy.gguf, fake-model.gguf, testmodel.gguf, unique_model1.gguf): test and
# size adjectives and "model", run together or numbered
_STAND_IN_STEM_WORD = re.compile(r"(?:foo|bar|baz|dummy|fake|mock|stub|test|testing|tmp|temp|example|sample|invalid|"
                                 r"missing|bogus|model|my|your|file|out|output|unique|new|old|local|custom|default|"
                                 r"small|tiny|big|large)+\d*")


# a checkpoint's weight file in any format (the single-file ones above and the framework formats a checkpoint is
# saved in: .pt / .pth / .bin / .ckpt / .safetensors / .onnx / .tflite), read only where a call says the file belongs
# to a model: a Hub download's `filename=`. The name alone says too little (`.bin` / `.pt` hold data and state as
# often)
_CHECKPOINT_FILE = re.compile(r"([\w.+-]{1,120})\.(?:pt|pth|bin|ckpt|safetensors|onnx|tflite|gguf|ggml)", re.I)
# the files a trainer saves beside the weights in a checkpoint folder (Hugging Face Trainer's OPTIMIZER_NAME
# optimizer.pt, SCHEDULER_NAME scheduler.pt, SCALER_NAME scaler.pt, TRAINING_ARGS_NAME training_args.bin and
# rng_state[_<rank>].pth; github.com/huggingface/transformers src/transformers/trainer.py, as_of 2026-12-06): the state
# to resume a run from, no model
# a name that says it holds the path of a model's or a checkpoint's weight file (`model_path`, `model_file`,
# `checkpoint_file`, `ckpt_path`, `weights_path`, `vocoder_model_path`), snake_case
# folders of a package's source tree (`src/<pkg>/data/…`, `site-packages/…`): a weight file joined through one is shipped
# inside a library's code
_SOURCE_TREE_PARTS = frozenset({"src", "lib", "site-packages", "dist-packages", "data"})
_WEIGHT_FILE_BINDING = re.compile(r"(?:^|_)(?:model|checkpoint|ckpt|weights?)_(?:path|file|filename|file_path)$")
# a name for the Hub repository a model (or one of its parts) is downloaded from: `model_repo`, `repo_id`,
# `CLASSIFIER_MODEL_REPO`, `backbone_repo`, `codec_repo`, `vocoder_repo_id` (a part of a speech or vision pipeline
# is a model of its own). `hf_repo` / `dataset_repo` / a bare `repo` are not: data sets and GitHub projects are
# named so as often
_HUB_REPO_BINDING = re.compile(
    r"(?i)(?:^|_)(?:(?:model|backbone|codec|vocoder|tokenizer|encoder|decoder|adapter|lora|checkpoint|ckpt|weights?)"
    r"_repo(?:sitory)?(?:_id)?|repo_id)$")


def _hub_repo_binding(name: str) -> bool:
    """A name for a model's Hub repository: the shared classifier's (``model_repo``, ``MODEL_REPOSITORY``), a part's
    (``backbone_repo``, ``codec_repo``) or Hugging Face's own ``repo_id``."""
    last = name.rsplit(".", 1)[-1]
    return names_model_repo(last) or _HUB_REPO_BINDING.search(last) is not None
_TRAINER_STATE_STEM = re.compile(r"(?i)(?:optimizer|optim|scheduler|lr_scheduler|scaler|training_args|"
                                 r"rng_state(?:_\d+)?|trainer_state|ema_state|train_state)")


def _stand_in_owner(hub_id: str) -> bool:
    """``example/resolved-model``, ``test-org/x``, ``models/xtts``: an owner that is a test's or a folder's word, not a
    Hub account."""
    owner = hub_id.partition("/")[0].lower()
    return _stand_in(owner) or _STAND_IN_STEM_WORD.fullmatch(re.sub(r"[-_.]", "", owner)) is not None \
        or owner in ("models", "org", "user", "owner", "namespace", "repo", "username", "organization")


def _stand_in_stem(stem: str) -> bool:
    """A file stem made only of test words or of one- and two-letter parts (x, ab, q4): no model's name."""
    words = [w for w in re.split(r"[-_.]", stem.lower()) if w]
    return not any(len(w) >= 3 and not _STAND_IN_STEM_WORD.fullmatch(w) for w in words)


@dataclass(frozen=True)
class CallRule:
    """Which arguments of a call carry a model, what they expect, and what the call is for."""

    id: str
    callee: re.Pattern[str]
    args: tuple[int, ...]
    keywords: tuple[str, ...]
    hint: Hint
    role: str | None
    api: str


def _rule(id_: str, callee: str, args: tuple[int, ...], keywords: tuple[str, ...], hint: Hint,
          role: str | None, api: str) -> CallRule:
    return CallRule(id_, re.compile(callee), args, keywords, hint, role, api)


_MODEL_KW = ("model", "model_name", "model_id", "model_name_or_path", "repo_id", "deployment_name", "azure_deployment",
             "pretrained_model_name_or_path", "embedding_model", "llm_model", "model_path")

# Order matters: the first rule whose callee matches wins.
RULES: tuple[CallRule, ...] = (
    _rule("python-from-pretrained", r"(?:^|\.)(\w+)\.from_pretrained$", (0,),
          ("pretrained_model_name_or_path", "model_name_or_path", "model_id", "repo_id", "model"), "hf", None, "transformers"),
    _rule("python-hf-pipeline", r"(?:^|\.)pipeline$", (1,), ("model",), "hf", None, "transformers.pipeline"),
    _rule("python-sentence-transformers", r"(?:^|\.)SentenceTransformer$", (0,), ("model_name_or_path", "model_name"),
          "hf", "embedding", "sentence-transformers"),
    _rule("python-sentence-transformers", r"(?:^|\.)CrossEncoder$", (0,), ("model_name_or_path", "model_name", "model"),
          "hf", "rerank", "sentence-transformers"),
    _rule("python-flagembedding", r"(?:^|\.)(BGEM3FlagModel|FlagModel|FlagAutoModel\.from_finetuned)$", (0,),
          ("model_name_or_path", "model_name"), "hf", "embedding", "FlagEmbedding"),
    _rule("python-flagembedding", r"(?:^|\.)(\w*FlagReranker|\w*FlagLLMReranker|FlagAutoReranker\.from_finetuned)$", (0,),
          ("model_name_or_path", "model_name"), "hf", "rerank", "FlagEmbedding"),
    _rule("python-fastembed", r"(?:^|\.)(TextEmbedding|SparseTextEmbedding|LateInteractionTextEmbedding)$", (0,),
          ("model_name",), "hf", "embedding", "fastembed"),
    _rule("python-fastembed", r"(?:^|\.)TextCrossEncoder$", (0,), ("model_name",), "hf", "rerank", "fastembed"),
    _rule("python-vllm", r"(?:^|\.)(LLM|AsyncLLMEngine\.from_engine_args|EngineArgs|AsyncEngineArgs)$", (0,),
          ("model", "tokenizer"), "hf", "generation", "vllm"),
    # Whisper speech-to-text: faster-whisper's WhisperModel("large-v3"), openai-whisper's and WhisperX's
    # load_model("turbo"): a size name (tiny … large-v3-turbo, distil-*, *.en), a Hub id or a local folder
    _rule("python-whisper", r"(?:^|\.)WhisperModel$", (0,), ("model_size_or_path",), "hf", "speech", "faster-whisper"),
    _rule("python-whisper", r"(?:^|\.)(?:whisper|whisperx|stable_whisper|whisper_timestamped)\.load_model$", (0,),
          ("name", "whisper_arch"), "hf", "speech", "whisper"),
    # RealtimeSTT's AudioToTextRecorder(model="medium", realtime_model_type="tiny.en"): both are faster-whisper model
    # sizes or paths the recorder loads (github.com/KoljaB/RealtimeSTT, README "Parameters", as_of 2026-12-06)
    _rule("python-whisper", r"(?:^|\.)AudioToTextRecorder$", (), ("model", "realtime_model_type"), "hf", "speech",
          "RealtimeSTT"),
    # an app's own Whisper wrapper class (WhisperASR('base'), WhisperTranscriber("small"), FasterWhisperSTT(path)):
    # its first argument is handed to one of the loaders above, a size name or a checkpoint
    _rule("python-whisper", r"(?:^|\.)(?:[A-Z][A-Za-z0-9]*)?Whisper(?:ASR|STT|Asr|Stt|Transcriber|Recognizer|Recognition|"
          r"Engine|Service|Client)?$", (0,), ("model", "model_path", "model_name", "model_size", "model_size_or_path"),
          "hf", "speech", "whisper"),
    # LazyLLM: TrainableModule(base_model) deploys the local model it is given by name (looked up in the model zoo
    # folder or downloaded from the Hub / ModelScope) or by path (github.com/LazyAGI/LazyLLM, docs "TrainableModule",
    # as_of 2026-12-06): the argument is the model whatever its words (`bark`, `SenseVoiceSmall`), as a Whisper size is
    _rule("python-lazyllm", r"(?:^|\.)TrainableModule$", (0,), ("base_model",), "hf", None, "lazyllm"),
    # timm: create_model("vit_base_patch16_siglip_224", pretrained=True) downloads that name's pretrained weights
    # (timm's models live on the Hub as timm/<name>, huggingface.co/timm, as_of 2026-12-06); only with pretrained=True
    # (``_apply``), and a bare architecture word (`resnet50`) stays an architecture (identify's reading of the name)
    _rule("python-timm", r"(?:^|\.)timm\.create_model$", (0,), ("model_name",), "hf", "vision", "timm"),
    # spaCy: spacy.load("en_core_web_sm") loads the installed trained pipeline of that name (or a pipeline folder by
    # path) (https://spacy.io/api/top-level#spacy.load, as_of 2026-12-07); read as a model setting, so a pipeline's
    # package name (identify's _SPACY_PIPELINE) or a path is one and any other word is not
    _rule("python-spacy", r"(?:^|\.)spacy\.load$", (0,), ("name",), "key", None, "spacy"),
    _rule("python-llama-cpp", r"(?:^|\.)Llama\.from_pretrained$", (0,), ("repo_id",), "hf", "generation", "llama-cpp"),
    _rule("python-llama-cpp", r"(?:^|\.)Llama$", (0,), ("model_path",), "path", "generation", "llama-cpp"),
    # (ModelScope's own snapshot_download / model_file_download name the repository `model_id`:
    # modelscope.cn/docs/models/download, as_of 2026-12-06)
    _rule("python-hf-hub", r"(?:^|\.)(\w+_)?(hf_hub_download|snapshot_download|model_file_download)$|(?:^|\.)(model_info|list_repo_files|HfFileSystem)$", (0,),
          ("repo_id", "model_id"), "hf", None, "huggingface_hub"),
    _rule("python-hf-hub", r"(?:^|\.)(InferenceClient|AsyncInferenceClient)$", (0,), ("model",), "hf", None,
          "huggingface_hub"),
    # PyTorch Hub: torch.hub.load("snakers4/silero-vad:master", "silero_vad") loads a model published from the
    # GitHub repo `owner/repo[:ref]` (its hubconf.py); the repo is the model's source, the ref a branch or tag of it
    # (https://pytorch.org/docs/stable/hub.html, as_of 2026-12-05); source="local" makes the argument a folder.
    # Only torch's own hub: tensorflow_hub's `hub.load(url)` takes a URL, read by the URL rules
    _rule("python-torch-hub", r"(?:^|\.)torch\.hub\.load$", (0,),
          ("repo_or_dir", "github"), "hf", None, "torch.hub"),
    _rule("python-openai", r"\.(chat\.completions\.(create|parse|stream)|beta\.chat\.completions\.(parse|stream)|completions\.create|responses\.(create|parse|stream))$",
          (), ("model",), "api", "generation", "openai"),
    _rule("python-openai", r"\.embeddings\.create$", (), ("model",), "api", "embedding", "openai"),
    _rule("python-openai", r"\.audio\.(transcriptions|translations|speech)\.create$", (), ("model",), "api", "speech", "openai"),
    _rule("python-openai", r"\.images\.(generate|edit|create_variation)$", (), ("model",), "api", "image", "openai"),
    _rule("python-openai", r"\.moderations\.create$", (), ("model",), "api", "other", "openai"),
    _rule("python-anthropic", r"\.messages\.(create|stream|count_tokens|batches\.create)$", (), ("model",), "api",
          "generation", "anthropic"),
    _rule("python-google-genai", r"\.models\.(generate_content|generate_content_stream|count_tokens)$", (), ("model",),
          "api", "generation", "google-genai"),
    _rule("python-google-genai", r"\.models\.embed_content$", (), ("model",), "api", "embedding", "google-genai"),
    _rule("python-google-genai", r"(?:^|\.)(GenerativeModel|embed_content)$", (0,), ("model_name", "model"), "api", None,
          "google-generativeai"),
    _rule("python-litellm", r"(?:^|\.)(a?completion|text_completion|completion_with_retries|batch_completion)$", (0,),
          ("model",), "prefixed", "generation", "litellm"),
    _rule("python-litellm", r"(?:^|\.)a?embedding$", (0,), ("model",), "prefixed", "embedding", "litellm"),
    _rule("python-litellm", r"(?:^|\.)a?(rerank)$", (0,), ("model",), "prefixed", "rerank", "litellm"),
    _rule("python-litellm", r"(?:^|\.)a?(transcription|speech)$", (0,), ("model",), "prefixed", "speech", "litellm"),
    _rule("python-litellm", r"(?:^|\.)a?image_generation$", (0,), ("model",), "prefixed", "image", "litellm"),
    _rule("python-langchain", r"(?:^|\.)init_chat_model$", (0,), ("model",), "prefixed", "generation", "langchain"),
    _rule("python-langchain", r"(?:^|\.)init_embeddings$", (0,), ("model",), "prefixed", "embedding", "langchain"),
    _rule("python-ollama", r"(?:^|\.)ollama\.(chat|generate|embed|embeddings|pull|show|create|push|delete|copy)$", (0,),
          ("model",), "ollama", None, "ollama"),
    _rule("python-dspy", r"(?:^|\.)dspy\.(LM|OpenAI|HFModel|OllamaLocal)$", (0,), ("model",), "prefixed", "generation", "dspy"),
    _rule("python-pydantic-ai", r"(?:^|\.)Agent$", (0,), ("model",), "prefixed", "generation", "pydantic-ai"),
    _rule("python-instructor", r"(?:^|\.)from_provider$", (0,), ("model",), "prefixed", "generation", "instructor"),
    _rule("python-cohere", r"\.(rerank)$", (), ("model",), "api", "rerank", "cohere"),
    _rule("python-cohere", r"\.(embed)$", (), ("model",), "api", "embedding", "cohere"),
    # LangChain / llama-index / provider SDK classes: ChatOpenAI(model=...), OpenAIEmbeddings, HuggingFaceEmbedding ...
    _rule("python-langchain", r"(?:^|\.)(\w*Embeddings?|\w*Embedder)$", (), _MODEL_KW, "key", "embedding", "langchain"),
    _rule("python-langchain", r"(?:^|\.)(\w*Rerank\w*|\w*Reranker)$", (), _MODEL_KW, "key", "rerank", "langchain"),
    _rule("python-langchain", r"(?:^|\.)(Chat[A-Z]\w*|\w*ChatModel|\w*LLM|OpenAI|AzureOpenAI|Ollama|\w*Endpoint|\w*Model|Gemini|Anthropic|Groq|MistralAI|DeepSeek|Tongyi)$",
          (), _MODEL_KW, "key", "generation", "langchain"),
)

# a GitHub `owner/repo` as torch.hub takes it (GitHub's own name rules: letters, digits, `-` `_` `.`)
_TORCH_HUB_REPO = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}")
_RESPONSE_KEYS = frozenset({"choices", "object", "created", "owned_by", "usage", "created_at", "done_reason"})
# a declared field (ORM column, settings field) and a Django migration step that adds or changes one
_FIELD_CALL = re.compile(r"(?:^|\.)(?:\w*Field|field|Column|mapped_column)$")  # dataclasses.field(default=…) too
_MIGRATION_OP = re.compile(r"(?:^|\.)(?:AddField|AlterField)$")

# an AWS Region code (ap-northeast-1, us-gov-west-1): where a Bedrock client sends its calls
_AWS_REGION = re.compile(r"[a-z]{2}(?:-[a-z]+)+-\d{1,2}")
_CLIENT_URL_KW = ("base_url", "api_base", "openai_api_base", "azure_endpoint", "endpoint", "host", "baseURL",
                  "base_url_override", "ollama_base_url", "server_url", "endpoint_url", "url")
# the constructors and calls of model clients whose base URL is the model server they talk to (OpenAI, AsyncOpenAI,
# AzureOpenAI, ChatOpenAI, OpenAIEmbeddings, ChatOllama, OllamaEmbeddings, ollama.Client, InferenceClient, Anthropic,
# OpenAILike, VLLMOpenAI, HuggingFaceEndpoint, litellm.completion): only there is a private address a model server
# (``classify_client_endpoint``); httpx.Client(base_url=...) or requests.get(url=...) on one is the app's own service
_MODEL_CLIENT = re.compile(r"(?:^|\.)(?:(?:Async)?(?:Azure)?OpenAI\w*|\w*Chat[A-Z]\w*|\w*Embeddings?|\w*(?:LLM|Llm)\w*|"
                           r"\w*Ollama\w*|\w*InferenceClient|\w*Anthropic\w*|HuggingFaceEndpoint\w*|init_chat_model|"
                           r"a?completion|a?embedding)$|^(?:ollama|openai|anthropic|litellm|groq|mistralai)\.\w*Client$")
_GETENV = re.compile(r"(?:^|\.)(getenv|environ\.get|get_env|env\.str|config)$")
# `'model': 'qwen-max'` / `model="gpt-4o"` written inside a docstring example or a commented-out line
# (RE2: linear time on any line; the quote pair is an alternation because RE2 has no backreferences)
_EMBEDDED = linear(
    r"""(?P<key>[A-Za-z_][\w.-]*)['"]?\s*(?::|=)\s*(?:'(?P<v1>[^'"\s]{1,200})'|"(?P<v2>[^'"\s]{1,200})")"""
)
_COMMENT_LINE = re.compile(r"^[ \t]*#.*(?:model|engine|llm|repo_id)", re.IGNORECASE | re.MULTILINE)
_QUOTES = ("'", '"', "`")


def _unquote(value: str) -> tuple[str, int]:
    """Drop one extra pair of quotes around a value (argparse ``default="'gpt-4'"``); returns (value, shift)."""
    v = value.strip()
    lead = len(value) - len(value.lstrip())
    if len(v) > 2 and v[0] in _QUOTES and v[-1] == v[0]:
        return v[1:-1], lead + 1
    return value, 0


def _model_named(node: ast.AST) -> bool:
    """Whether an expression reads a variable, attribute or entry named like a model (``llm_name``,
    ``self.model``, ``cfg["model"]``, ``args.model_name.lower()``)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args:
        node = node.func.value  # .lower() / .strip()
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        # `captured.get("model")`, `payload.get("model_name", "")`: the entry under a model-named key
        return is_model_key(node.args[0].value)
    if isinstance(node, ast.Name):
        return is_model_key(node.id)
    if isinstance(node, ast.Attribute):
        return is_model_key(node.attr)
    if isinstance(node, ast.Subscript):
        key = node.slice
        return isinstance(key, ast.Constant) and isinstance(key.value, str) and is_model_key(key.value)
    return False


# HTTP client calls (http.client, requests, httpx, aiohttp, urllib): a leading-slash argument is a route on the server
_HTTP_CALLS = frozenset({"request", "urlopen", "post", "put", "patch", "delete"})  # not get: dict.get(key, default)
# architecture names, and the names of prompt templates / chat formats (`template_name`, `PROMPT_NAME`,
# `conv_template`): a serving app keys its chat templates by family words (`"chatglm3" == self.template_name`)
_ARCH = re.compile(r"(?i)(?:^|_)(?:model_?type|arch|architectures?|model_?class|model_?family|"
                   # the kind of language model a branch is for (`llm_type == "llama3"` picks the chat format of that
                   # family in a fine-tuning script; LangChain's `_llm_type == "anthropic-chat"` is a class's type id)
                   r"(?:m?llm|v?lm|backbone)_?type|"
                   r"(?:chat_?|conv_?|prompt_?)?template(?:_?name)?|prompt_?name|chat_?format|"
                   # a format's name (`tool_fmt == "glm4"`: the tool-call syntax of that family, not a model)
                   r"(?:tool_?)?(?:fmt|format))$")
# a call that registers or looks up a prompt template (`@register_template("llama2")`, `get_conv_template("x")`):
# its string arguments name templates
_TEMPLATE_CALL = re.compile(r"(?i)template$")
# a class or function that is a prompt template (`class Llama2ChatTemplate`): its bare literals name templates
_TEMPLATE_SCOPE = re.compile(r"(?i)template")
_MAX_TEXT_BLOCK = 256 * 1024  # a multi-line string read for the JSON it holds, at most
# Whisper's size names (openai-whisper, faster-whisper and WhisperX take them as the model): tiny … large-v3-turbo,
# the English-only *.en, distil-* (faster-whisper) and turbo
_WHISPER_SIZE = re.compile(r"(?:distil-)?(?:tiny|base|small|medium|large)(?:\.en)?(?:-v[1-3](?:\.5)?)?(?:-turbo)?|turbo")
# a name that says its value is a Whisper model (whisper_model, fasterWhisperModel, WhisperModelEnum,
# "transcribe.faster_whisper.model", WHISPER_MODEL_SIZE): a Whisper size word under it is a checkpoint
_WHISPER_NAME = re.compile(r"(?i)whisper.{0,24}?(?:model|size)")


def _record_names_whisper(node: ast.Dict) -> bool:
    """A record one of whose non-model string values names Whisper (``"type": "openai_whisper_selfhost"``)."""
    return any(isinstance(k, ast.Constant) and isinstance(k.value, str) and not is_model_key(k.value)
               and isinstance(v, ast.Constant) and isinstance(v.value, str) and len(v.value) <= 200
               and "whisper" in v.value.lower() for k, v in zip(node.keys[:64], node.values[:64], strict=False))
_WHISPER_WORD = re.compile(r"(?i)whisper")
# the last segment of a weights download URL (`…/<sha256>/tiny.en.pt`): the file's stem before a weights-only suffix
_WEIGHT_URL_FILE = re.compile(r"(?i)^https?://[^\s?#]+/([\w.+-]{1,120}?)\.(?:pt|pth|ckpt|bin|safetensors|onnx|gguf|"
                              r"ggml|h5|tflite|mlmodel|npz|pb)$")
# the items of a comma-separated list in one literal under a model-named name; at most this many are read
_LIST_ITEM = re.compile(r"[^,|\s\u3001\uff0c]{1,200}")
# what separates the items: a comma, or the ideographic and full-width commas of Chinese text ('glm-4、glm-4-air'), or a
# vertical bar (`os.getenv("EMBEDDINGS_MODEL", "all-mpnet-base-v2|BAAI/bge-small-en-v1.5").split("|")`): no model id
# holds one, so a value with it under a model-named name is a list of them
_LIST_SEPS = re.compile(r"[,|\u3001\uff0c]")
_MAX_LIST_ITEMS = 64
# the keywords a registry call takes a model's other names under (``aliases=("4o",)``, ``alias="gpt4"``)
_ALIAS_KWARGS = frozenset({"aliases", "alias", "model_aliases", "model_alias"})
# a table named as one of aliases (`MODEL_ALIAS_TO_FULL_ID_MAP`, `model_aliases`, `ALIASES`)
_ALIAS_TABLE = re.compile(r"(?i)alias")
# calls whose `alias=` is a field's or a parameter's name in the data it reads (pydantic and SQLModel Field, FastAPI's
# parameter markers, dataclasses' field, SQLAlchemy's Column)
_FIELD_ALIAS_CALLS = frozenset({"Field", "field", "PrivateAttr", "Query", "Body", "Path", "Header", "Form", "Cookie",
                                "Param", "Column", "mapped_column", "AliasChoices", "AliasPath"})
# an alias as a CLI or an API takes it: one word of letters, digits and `-` `.` `_` `:` (``4o``, ``3.5-16k``,
# ``chatgpt``), no space, no path
_ALIAS_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
# a variant's suffix after its base model's id: one word (``512``, ``16k``, ``json``)
_VARIANT_SUFFIX = re.compile(r"[a-z0-9]{1,12}")
_PARAM_SIZE = re.compile(r"(?i)(?:^|[-_.])\d+(?:\.\d+)?[bm](?:$|[-_.])")


# the part of a class's name after the family it is named for that says it implements something for that family (a
# tool-call format, a chat template, a parser), not the model itself
_IMPLEMENTATION_SUFFIX = re.compile(r"(?:Tool|Tools|Utils?|Template|Parser|Formatter|Format|Handler|Converter|"
                                    r"Processor|Adapter|Renderer|Plugin)+")


_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_MODEL_WORD_I = re.compile(r"(?i)model")


def _implementation_for(key: str, value: ast.AST) -> bool:
    """``value`` is an object (or the class) of a class named for ``key`` and then for what it implements
    (``"glm4": GLM4ToolUtils()``, ``"llama3": Llama3Template``); a class named for the key alone (``"gpt-4o":
    GPT4o()``) may be the model itself and is not one."""
    if isinstance(value, ast.Call) and not value.args and not value.keywords:
        value = value.func
    name = value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else None
    stem = _NOT_ALNUM.sub("", key.lower())
    if not name or not stem or len(name) > 80:
        return False
    letters = 0
    for i, ch in enumerate(name):  # the class name's first letters spell the key (separators dropped)
        if letters == len(stem):
            return _IMPLEMENTATION_SUFFIX.fullmatch(name[i:].lstrip("_")) is not None
        if ch == "_":
            continue
        if ch.lower() != stem[letters]:
            return False
        letters += 1
    return False


def _arch_named(node: ast.AST) -> bool:
    """``config.model_type``, ``arch``: values compared with these are architecture names."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args:
        node = node.func.value
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        name = node.slice.value
    return bool(name and _ARCH.search(name))


_PREFIX_CHECKS = frozenset({"startswith", "endswith", "removeprefix", "removesuffix"})
# the standard library's (and the `regex` package's) calls whose first argument is a regular expression
_REGEX_CALLS = frozenset(f"{mod}.{fn}" for mod in ("re", "regex") for fn in (
    "search", "match", "fullmatch", "findall", "finditer", "compile", "sub", "subn", "split"))


def _tests_fragment(expr: ast.expr, var: str) -> bool:
    """Does ``expr`` test the loop variable ``var`` as a prefix, suffix or substring of a name (``x.startswith(var)``,
    ``var in model_name.lower()``; not ``var in available_models``, a membership test), directly or under ``not`` / ``and`` / ``or``? Bounded: a comprehension's own condition,
    at most 64 nodes."""
    todo: list[ast.AST] = [expr]
    seen = 0
    while todo and seen < 64:
        node = todo.pop()
        seen += 1
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _PREFIX_CHECKS \
                and any(isinstance(a, ast.Name) and a.id == var for a in node.args):
            return True
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) \
                and isinstance(node.left, ast.Name) and node.left.id == var and _substring_of_model(node.comparators[0]):
            return True
        if isinstance(node, ast.BoolOp):
            todo.extend(node.values)
        elif isinstance(node, ast.UnaryOp):
            todo.append(node.operand)
    return False


def _substring_of_model(node: ast.AST) -> bool:
    """The right side of ``"x" in <it>`` is one model name (``model_name``, ``self.llm.model_name.lower()``), so the
    test is a substring test, not membership in a collection (``models``, ``MODEL_NAMES``, a literal list)."""
    if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)) or not _model_named(node):
        return False
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args:
        node = node.func.value
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return bool(name) and not name.lower().endswith(("s", "list", "set", "map", "dict"))


# methods whose result is always a new str (bytes has some of them too, but ``"x" in b"..."`` is a TypeError): a
# literal tested with ``in`` against such a result is a substring test whatever the receiver is named
_STR_RESULT_METHODS = frozenset({"lower", "upper", "casefold", "strip", "lstrip", "rstrip", "title", "swapcase",
                                 "replace", "removeprefix", "removesuffix", "format"})


def _str_result(node: ast.AST) -> bool:
    """An expression whose value is text, so ``"x" in node`` is a substring test, never membership: a str method's
    result (``settings.llm.path.lower()``), ``str(x)`` and an f-string."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Call):
        fn = node.func
        if isinstance(fn, ast.Attribute):
            return fn.attr in _STR_RESULT_METHODS
        return isinstance(fn, ast.Name) and fn.id == "str" and len(node.args) == 1 and not node.keywords
    return False


# the last word of a name that by convention holds one piece of text (`settings.llm.path`, `ckpt_dir`, `repo_id`)
_TEXT_WORDS = frozenset({"path", "dir", "name", "url", "id", "str", "text", "string"})


def _text_named(node: ast.AST) -> bool:
    """A variable or attribute named for one piece of text (``settings.llm.path``, ``ckpt_dir``, ``repo_id``): ``"x"
    in`` it is a substring test, as on a model-named one (a collection is named in the plural: ``paths``, ``ids``)."""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name.rsplit("_", 1)[-1].lower() in _TEXT_WORDS


# an Azure OpenAI client's keyword for the deployment it calls (openai's AzureOpenAI, LangChain's AzureChatOpenAI /
# AzureOpenAIEmbeddings, Semantic Kernel's AzureChatCompletion / AzureTextEmbedding, LlamaIndex's AzureOpenAI)
_AZURE_DEPLOYMENT_KW = frozenset({"azure_deployment", "deployment_name", "deployment_id", "azure_deployment_name",
                                  "deployment"})
# the kinds of a model id a short name can stand for (not a weights file, a folder or a download URL)
_ID_KINDS = frozenset({"api-model", "hf-repo", "provider-prefixed", "ollama-tag"})


def _kb_knows(value: str) -> bool:
    """A model id the knowledge base records: a Hub id, an API id or alias, a model's name, or one of those behind a
    provider's route (``openai/gpt-4o-mini``)."""
    kb = load()
    low = value.strip().lower()
    if low in kb.hf_index or low in kb.alias_index or low in kb.name_index:
        return True
    tail = low.split("/", 1)[1] if "/" in low else ""
    return bool(tail) and (tail in kb.alias_index or tail in kb.name_index or tail in kb.hf_index)


def _abbreviates(short: str, full: str) -> bool:
    """The letters and digits of ``short`` appear in ``full`` in the same order (``qwen7b`` in
    ``Qwen/Qwen2.5-Coder-7B-Instruct``, ``4o`` in ``openai/gpt-4o``), case-blind, and ``short`` is not ``full``."""
    want = [ch for ch in short.lower() if ch.isalnum()]
    if not want or short.strip().lower() == full.strip().lower():
        return False
    it = iter(full.lower())
    return all(ch in it for ch in want)


def _known_hub_id(value: object) -> bool:
    """A whole Hub id the knowledge base records (``BAAI/bge-base-zh-v1.5``): tested as a substring of a path or other
    text (``if "BAAI/bge-base-zh-v1.5" in path``) it still names that one model, never a family."""
    return isinstance(value, str) and "/" in value and value.strip().lower() in load().hf_index


def _str_option_dest(call: ast.Call) -> str | None:
    """The ``dest`` of an argparse ``add_argument`` call whose value is one string: no ``nargs`` (a list), no
    ``action`` but ``store`` (flags, counts, appends), no ``type`` but ``str`` (argparse keeps a command-line value as
    text unless told otherwise); the dest is ``dest=``, else the first long option with ``-`` read as ``_``, else the
    first short option or the positional's name."""
    kws = {k.arg: k.value for k in call.keywords if k.arg}
    if "nargs" in kws or any(k.arg is None for k in call.keywords):
        return None
    action = kws.get("action")
    if action is not None and not (isinstance(action, ast.Constant) and action.value == "store"):
        return None
    kind = kws.get("type")
    if kind is not None and not (isinstance(kind, ast.Name) and kind.id == "str"):
        return None
    dest = kws.get("dest")
    if dest is not None:
        return dest.value if isinstance(dest, ast.Constant) and isinstance(dest.value, str) else None
    names = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value]
    if len(names) != len(call.args) or not names:
        return None
    long = next((n for n in names if n.startswith("--")), None)
    name = (long or names[0]).lstrip("-").replace("-", "_")
    return name if name.isidentifier() else None


def _text_of_model(node: ast.AST) -> bool:
    """``str(model).strip().lower()``, ``model_name.lower()``: a model-named value made into text (a ``str()`` call and
    argument-less string methods around it), at least one of them written, so the value is a string."""
    changed = False
    while isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and not node.args and not node.keywords \
                and node.func.attr in _STR_METHODS:
            node = node.func.value
        elif isinstance(node.func, ast.Name) and node.func.id == "str" and len(node.args) == 1 and not node.keywords:
            node = node.args[0]
        else:
            return False
        changed = True
    return changed and _model_named(node)


_STR_METHODS = frozenset({"lower", "upper", "strip", "lstrip", "rstrip", "casefold", "title"})


MAX_PARAM_ROWS = 512  # rows of one parametrize table read for its model column


def _literal_options(node: ast.AST | None) -> list[ast.Constant]:
    """The string options of a ``Literal["a", "b"]`` type (``typing.Literal``, ``typing_extensions.Literal``, also
    inside ``Optional[…]`` / ``… | None``); [] for any other expression."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _literal_options(node.left) or _literal_options(node.right)
    if not isinstance(node, ast.Subscript):
        return []
    head = node.value
    head_name = head.id if isinstance(head, ast.Name) else head.attr if isinstance(head, ast.Attribute) else ""
    if head_name == "Optional":
        return _literal_options(node.slice)
    if head_name != "Literal":
        return []
    inner = node.slice
    elts = inner.elts if isinstance(inner, ast.Tuple) else [inner]
    return [e for e in elts[:_MAX_LIST_ITEMS] if isinstance(e, ast.Constant) and isinstance(e.value, str)]


def _str_elts(node: ast.AST) -> list[ast.Constant]:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def _dotted(node: ast.AST) -> str:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call):
        parts.append(_dotted(node.func) + "()")
    else:
        parts.append("?")
    return ".".join(reversed(parts))


def _root(node: ast.AST) -> str | None:
    """The variable a call is made through: ``client`` in client.chat.completions.create()."""
    while isinstance(node, ast.Attribute):
        if isinstance(node.value, ast.Name) and node.value.id == "self":
            return "self." + node.attr
        node = node.value
    if isinstance(node, ast.Name):
        return node.id
    return None


def _target_names(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Attribute):
        if isinstance(target.value, ast.Name) and target.value.id == "self":
            return ["self." + target.attr, target.attr]
        return [target.attr]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _target_names(elt)]
    return []


_SKIP_FIELDS = frozenset({
    "ctx", "op", "ops", "names", "type_comment", "type_ignores", "kind", "id", "attr", "name", "arg", "asname",
    "module", "level", "conversion", "is_async",
})
# the list fields of Python's grammar (Parser/Python.asdl) whose items need not be nodes: a dict display's keys and a
# signature's keyword-only defaults are `expr?*` (None for `**spread` / no default), a class pattern's keyword names
# `identifier*`; every other list field is `stmt*`, `expr*` or a list of another node type, so its items are all
# nodes and are appended without a type test per item (the import aliases' and global names' lists are skipped)
_MIXED_LISTS = frozenset({"keys", "kw_defaults", "kwd_attrs"})
_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _all_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node that can matter, breadth-first (each after its ancestors), as one list.

    Same order as ``ast.walk`` but about twice as fast: an index over a growing list instead of a
    deque of generators, and no descent into fields that never hold anything the analysis reads
    (expression contexts, operators, import aliases, plain-string fields). A list field that holds nodes only
    (any but ``_MIXED_LISTS``) is added whole, with no per-item test (a quarter of this walk's CPU on real code).
    """
    out = [tree]
    fields_of = _FIELDS
    node_type = ast.AST
    i = 0
    while i < len(out):
        node = out[i]
        i += 1
        cls = type(node)
        fields = fields_of.get(cls)
        if fields is None:
            fields = fields_of[cls] = tuple((f, f in _MIXED_LISTS) for f in cls._fields if f not in _SKIP_FIELDS)
        for name, mixed in fields:
            value = getattr(node, name, None)
            if type(value) is list:
                if not value:
                    continue
                if mixed:
                    out.extend([v for v in value if isinstance(v, node_type)])
                else:
                    out += value
            elif isinstance(value, node_type):
                out.append(value)
    return out


def _parents(spans: list[tuple[int, int, int, str]]) -> list[int]:
    """For each definition (sorted by start), the index of the one it is nested in (-1 at the top)."""
    parents: list[int] = []
    open_: list[int] = []
    for i, (first, _last, _depth, _name) in enumerate(spans):
        while open_ and spans[open_[-1]][1] < first:
            open_.pop()
        parents.append(open_[-1] if open_ else -1)
        open_.append(i)
    return parents


def _scopes(nodes: list[ast.AST]) -> list[tuple[int, int, int, str]]:
    """(first line, last line, depth, dotted name) of every function and class, for ``symbol()``.

    Definitions nest by their line spans, so one pass over them sorted by position rebuilds the
    dotted names without another walk of the tree.
    """
    defs = sorted(
        (min([n.lineno, *(d.lineno for d in n.decorator_list)]), -(n.end_lineno or n.lineno), n.name)
        for n in nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    )
    spans: list[tuple[int, int, int, str]] = []
    open_: list[tuple[int, str]] = []  # (last line, dotted name) of the enclosing definitions
    for first, neg_last, name in defs:
        while open_ and open_[-1][0] < first:
            open_.pop()
        dotted = f"{open_[-1][1]}.{name}" if open_ else name
        spans.append((first, -neg_last, len(open_) + 1, dotted))
        open_.append((-neg_last, dotted))
    return spans


_COLLECT_TYPES = frozenset({ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign,
                            ast.Import, ast.ImportFrom})
MAX_USES = 8  # imported names one value expression may stand for


def _package(path: str) -> list[str]:
    """The dotted package a file sits in, from its path relative to the scan root (``app/x.py`` → [app])."""
    return [p for p in path.replace("\\", "/").split("/")[:-1] if p]


def _tuple_rows(node: ast.List | ast.Tuple | ast.Set) -> list[ast.Tuple]:
    """The short tuples a sequence lists (rows of a table)."""
    return [e for e in node.elts[:4096] if isinstance(e, ast.Tuple) and 2 <= len(e.elts) <= 8]


def _columns(rows: list[ast.Tuple]) -> list[list[ast.Constant]]:
    """The string entries of each column of a table's rows, for columns of at least ``MIN_KNOWN`` entries."""
    columns: dict[int, list[ast.Constant]] = {}
    for row in rows:
        for i, v in enumerate(row.elts):
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                columns.setdefault(i, []).append(v)
    return [vs for vs in columns.values() if len(vs) >= MIN_KNOWN]


class _Module:
    def __init__(self, tree: ast.Module, collector: Collector, lines: list[str]) -> None:
        # one breadth-first list (every node comes after its ancestors) feeds both passes
        self.nodes = _all_nodes(tree)
        self._spans: list[tuple[int, int, int, str]] | None = None
        self.line: int = 0
        self.c = collector
        self.lines = lines
        # the module names Whisper: a size word under any model-named binding is its checkpoint (``report``)
        # one search, not one per line: the word holds no line break, so it is in some line iff in the lines joined
        self.whisper = _WHISPER_WORD.search("\n".join(lines)) is not None
        self.env: dict[str, list[ast.expr]] = {}
        self.dicts: dict[str, ast.Dict] = {}
        self.clients: dict[str, tuple[str, str]] = {}  # var -> (provider, url)
        self.regions: dict[str, str] = {}  # var -> "region_name=<AWS Region>" of a Bedrock runtime client
        self.docstrings: set[int] = set()
        self.claimed: set[int] = set()
        self.silenced: set[int] = set()  # literals that are known not to be models (f-string parts, arch names)
        self._composites: dict[int, ast.Constant | None] = {}  # f-string -> its model-id tail (_composite_tail)
        self._str_dests: set[str] | None = None  # argparse options holding one string (``_str_option``), on first use
        self._calls: list[ast.Call] | None = None  # every call node, in ``nodes`` order (``calls``)
        self._defs: dict[str, ast.FunctionDef | ast.AsyncFunctionDef | None] | None = None  # (``collect``)
        self.client_urls: set[int] = set()  # private model-server URLs bound to a model client's base URL
        self.budget = collector.budget
        self._flow: dict[tuple[Any, int], list[ast.Constant]] = {}
        self._columns = CharColumns(lambda row: lines[row] if 0 <= row < len(lines) else "")
        self._firsts: list[int] = []
        self._parents: list[int] = []
        self._symbols: dict[int, str | None] = {}
        self.imports: dict[str, tuple[str, str]] = {}  # local name -> (module, name): from m import n [as local]
        self.modules: dict[str, str] = {}  # local name -> module: import a.b as local / import a
        self.package: list[str] = _package(collector.file.path)
        self.uses: list[SymbolUse] | None = None  # set by the caller to collect cross-file uses
        # tables for peer evidence (``peers``): the string entries of each list / tuple / set, and the first
        # positional string argument of every call to one callee (``ModelInfo("glm-4", …)``)
        self.tables: list[list[ast.Constant]] = []
        self.first_args: dict[str, list[ast.Constant]] = {}
        # a module's UPPER_SNAKE string constants (`DEEPSEEK_V4_FLASH = "deepseek-v4-flash"`), weighed as one table
        # whose entries must also read as models on their own (a provider's or app's name sits beside them)
        self.constants: list[ast.Constant] = [
            st.value for st in tree.body
            if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name)
            and CONST_NAME.fullmatch(st.targets[0].id) and isinstance(st.value, ast.Constant)
            and isinstance(st.value.value, str)][:MAX_TABLE]

    def calls(self) -> list[ast.Call]:
        """Every call node of the module, in ``nodes`` order: gathered by ``collect``'s one pass over the nodes (or
        here, when it did not finish), so the passes that read only calls do not each test every node's type."""
        if self._calls is None:
            self._calls = [n for n in self.nodes if type(n) is ast.Call]
        return self._calls

    # -- pass 1: values ---------------------------------------------------------------------------
    def collect(self) -> None:
        calls: list[tuple[ast.Assign, ast.Call]] = []
        env = self.env
        defs = (ast.FunctionDef, ast.AsyncFunctionDef)
        every_call: list[ast.Call] = []
        named: dict[str, ast.FunctionDef | ast.AsyncFunctionDef | None] = {}
        for node in self.nodes:
            cls = type(node)
            if cls not in _COLLECT_TYPES:
                if cls is ast.Call:
                    every_call.append(node)  # type: ignore[arg-type]
                continue
            if cls in defs:
                named[node.name] = None if node.name in named else node  # type: ignore[attr-defined,assignment]
            if cls is not ast.Assign and cls is not ast.AnnAssign and cls is not ast.Import and cls is not ast.ImportFrom:
                body = node.body  # type: ignore[attr-defined]
                if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                    self.docstrings.add(id(body[0].value))
            if cls is ast.ClassDef:
                self.class_fields(node)  # type: ignore[arg-type]
            if cls is ast.Assign:
                assign: ast.Assign = node  # type: ignore[assignment]
                if isinstance(assign.value, ast.Call) and assign.value.keywords:
                    calls.append((assign, assign.value))
                for target in assign.targets:
                    for name in _target_names(target):
                        env.setdefault(name, []).append(assign.value)
                        if isinstance(assign.value, ast.Dict):
                            self.dicts[name] = assign.value
            elif cls is ast.ImportFrom:
                imp: ast.ImportFrom = node  # type: ignore[assignment]
                base = self.package[:len(self.package) - imp.level + 1] if imp.level else []
                if imp.level > len(self.package) + 1:
                    continue
                module = ".".join([*base, *(imp.module.split(".") if imp.module else [])])
                for alias in imp.names:
                    if alias.name != "*" and module:
                        self.imports[alias.asname or alias.name] = (module, alias.name)
            elif cls is ast.Import:
                for alias in node.names:  # type: ignore[attr-defined]
                    if alias.asname:
                        self.modules[alias.asname] = alias.name
                    else:
                        head = alias.name.split(".", 1)[0]
                        self.modules[head] = head
            elif cls is ast.AnnAssign:
                ann: ast.AnnAssign = node  # type: ignore[assignment]
                if ann.value is not None:
                    for name in _target_names(ann.target):
                        env.setdefault(name, []).append(ann.value)
            elif cls in defs:
                args = node.args  # type: ignore[attr-defined]
                positional = args.posonlyargs + args.args
                for arg, default in zip(positional[len(positional) - len(args.defaults):], args.defaults, strict=False):
                    env.setdefault(arg.arg, []).append(default)
                for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=False):
                    if kw_default is not None:
                        env.setdefault(arg.arg, []).append(kw_default)
        self._calls, self._defs = every_call, named
        self._forwarded_arguments()
        if "repo_type" in self.c.file.text or "load_dataset" in self.c.file.text:
            self._silence_dataset_repos()
        # clients: var = OpenAI(base_url=...)
        for assign, call in calls:
            hit = self._call_endpoint(call)
            if hit:
                for target in assign.targets:
                    for name in _target_names(target):
                        self.clients[name] = hit
        if "bedrock" in self.c.file.text:
            self._bedrock_regions()

    def _bedrock_regions(self) -> None:
        """``brt = boto3.client("bedrock-runtime", region_name="ap-northeast-1")`` (or a ``boto3.Session(region_name=
        ...)``'s ``.client("bedrock-runtime")``): the AWS Region the client sends its calls to, where the code fixes
        it; a Region read from a variable this file does not set stays unknown."""
        for node in self.nodes:
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
                continue
            call = node.value
            if not (isinstance(call.func, ast.Attribute) and call.func.attr == "client"):
                continue
            service = call.args[0] if call.args else next(
                (kw.value for kw in call.keywords if kw.arg == "service_name"), None)
            if self._fixed_str(service) != "bedrock-runtime":
                continue
            self.budget.tick()
            region = self._region_kw(call)
            if region is None:
                owner: ast.AST | None = call.func.value
                if isinstance(owner, ast.Name):
                    flows = self.env.get(owner.id, ())
                    owner = flows[0] if len(flows) == 1 else None
                if isinstance(owner, ast.Call) and _dotted(owner.func).rsplit(".", 1)[-1] == "Session":
                    region = self._region_kw(owner)
            if region is not None:
                for target in node.targets:
                    for name in _target_names(target):
                        self.regions[name] = f"region_name={region}"

    def _region_kw(self, call: ast.Call) -> str | None:
        value = self._fixed_str(next((kw.value for kw in call.keywords if kw.arg == "region_name"), None))
        return value if value and _AWS_REGION.fullmatch(value) else None

    def _fixed_str(self, node: ast.AST | None, depth: int = 0) -> str | None:
        """The one string a value expression always holds: a literal, or a name every assignment of which in this
        file is that same literal (a name read from the environment or a parameter holds no fixed string)."""
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str) else None
        if not isinstance(node, ast.Name) or depth > 3:
            return None
        values = {self._fixed_str(v, depth + 1) for v in self.env.get(node.id, ())}
        return values.pop() if len(values) == 1 and None not in values else None

    def _region_for(self, call: ast.Call) -> str | None:
        """The ``client-region:`` evidence for a model call made through a Bedrock runtime client of a known Region."""
        root = _root(call.func)
        if root and root.startswith("self."):
            root = root[5:]
        region = self.regions.get(root) if root else None
        return f"client-region:{region}" if region else None

    def _add_evidence(self, found: Finding | None, *items: str) -> None:
        """``found`` (the finding just reported) with more evidence items, after the rule's own."""
        if found is None or not items:
            return
        for i in range(len(self.c.findings) - 1, -1, -1):
            if self.c.findings[i] is found:
                self.c.findings[i] = replace(found, evidence=(*evidence_of(found), *items))
                return

    def literals(self, node: ast.AST | None, depth: int = 0) -> list[ast.Constant]:
        """String literals a value expression can evaluate to, through simple same-file flow.

        Memoised per (variable, depth) and per (expression, depth), so that chains of names that refer
        to each other (``self.model = model_name; model_name = self.model``, forty times over) cost one
        pass each instead of an exponential walk; at most MAX_FLOW_VALUES literals per expression.
        """
        if node is None or depth > MAX_FLOW_DEPTH:
            return []
        cls = type(node)
        if isinstance(node, ast.Constant):
            return [node] if isinstance(node.value, str) else []
        if cls is ast.JoinedStr:
            piece = self._composite_tail(node)  # type: ignore[arg-type]
            return [piece] if piece is not None else []
        key: tuple[Any, int]
        if cls is ast.Name:
            key = (node.id, depth)  # type: ignore[attr-defined]
        elif cls is ast.Attribute:
            names = _target_names(node)
            if not names:
                return []
            key = (names[0], depth)
        else:
            key = (id(node), depth)
        memo = self._flow
        found = memo.get(key)
        if found is not None:
            return found
        memo[key] = []  # a guard while this one is being worked out
        self.budget.tick()
        out: list[ast.Constant] = []
        seen: set[int] = set()
        for value in self._flows_from(node):
            for lit in self.literals(value, depth + 1):
                if id(lit) not in seen:
                    seen.add(id(lit))
                    out.append(lit)
            self.budget.tick()
            if len(out) >= MAX_FLOW_VALUES:
                del out[MAX_FLOW_VALUES:]
                break
        memo[key] = out
        return out

    def _flows_from(self, node: ast.AST) -> Iterator[ast.AST | None]:
        """The expressions a value expression takes its value from (one step of same-file flow)."""
        if isinstance(node, ast.Name):
            yield from self.env.get(node.id, ())
        elif isinstance(node, ast.Attribute):
            key = _target_names(node)
            yield from self.env.get(key[0], ()) if key else ()
        elif isinstance(node, ast.BoolOp):
            yield from node.values
        elif isinstance(node, ast.IfExp):
            yield node.body
            yield node.orelse
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "split" and isinstance(func.value, ast.Constant):
                # "glm-4-plus、glm-4-air".split("、"), "gpt-4o,o3".split(","): a list written as one string (its
                # items are read where it is reported under a model-named name)
                yield func.value
            if _GETENV.search(name) or name.endswith(("environ.get", "getenv", ".get")):
                if len(node.args) >= 2:
                    yield node.args[1]
                for kw in node.keywords:
                    if kw.arg == "default":
                        yield kw.value
        elif isinstance(node, ast.Subscript):
            target = node.value
            index = node.slice
            if isinstance(target, ast.Name) and target.id in self.dicts and isinstance(index, ast.Constant):
                d = self.dicts[target.id]
                for k, v in zip(d.keys, d.values, strict=False):
                    if isinstance(k, ast.Constant) and k.value == index.value:
                        yield v

    def imported(self, node: ast.AST | None, depth: int = 0, seen: set[int] | None = None) -> list[tuple[str, str]]:
        """(module, name) of the imported names a value expression can take its value from
        (``ANSWER_MODEL`` after ``from app.settings import ANSWER_MODEL``, ``settings.X``, through
        local variables as ``literals`` follows them)."""
        if node is None or depth > MAX_FLOW_DEPTH or not (self.imports or self.modules):
            return []
        seen = set() if seen is None else seen
        if id(node) in seen:
            return []
        seen.add(id(node))
        if isinstance(node, ast.Name) and node.id in self.imports:
            return [self.imports[node.id]]
        if isinstance(node, ast.Attribute):
            parts = _dotted(node).split(".")
            head, middle, name = parts[0], parts[1:-1], parts[-1]
            if head in self.imports:
                module, imported = self.imports[head]
                return [(".".join([module, imported, *middle]), name)]
            if head in self.modules and "?" not in parts:
                return [(".".join([self.modules[head], *middle]), name)]
        out: list[tuple[str, str]] = []
        for value in self._flows_from(node):
            self.budget.tick()
            for ref in self.imported(value, depth + 1, seen):
                if ref not in out:
                    out.append(ref)
            if len(out) >= MAX_USES:
                break
        return out[:MAX_USES]

    def use(self, value: ast.expr, *, api: str | None, role: str | None, source_id: str,
            endpoint: tuple[str, str] | None = None, provider: str | None = None) -> None:
        """Record the imported names ``value`` stands for at this model API call (see SymbolUse)."""
        if self.uses is None:
            return
        refs = self.imported(value)
        if not refs:
            return
        line = getattr(value, "lineno", self.line)
        col = self._columns.char_col(line - 1, getattr(value, "col_offset", 0)) + 1
        for module, name in refs:
            self.uses.append(SymbolUse(
                path=self.c.file.path, line=line, column=col, module=module, name=name, source=source_id, api=api,
                role=role, provider=endpoint[0] if endpoint else provider, endpoint=endpoint[1] if endpoint else None,
                symbol=self.symbol(), context=self.c.file.context))

    def bindings(self, tree: ast.Module) -> dict[tuple[int, str], list[str]]:
        """(line, value) of each literal a module-level name is bound to -> the names (for ``binding:`` evidence)."""
        out: dict[tuple[int, str], list[str]] = {}
        done: set[str] = set()  # a name bound again gives the same literals (``literals`` is per name): once each
        stack: list[ast.stmt] = list(tree.body)
        while stack:
            stmt = stack.pop()
            if isinstance(stmt, (ast.If, ast.Try)):
                stack.extend([*stmt.body, *stmt.orelse, *getattr(stmt, "finalbody", []),
                              *(h for handler in getattr(stmt, "handlers", []) for h in handler.body)])
                continue
            if isinstance(stmt, ast.Assign):
                names = [n for t in stmt.targets if isinstance(t, ast.Name) for n in _target_names(t)]
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None and isinstance(stmt.target, ast.Name):
                names = [stmt.target.id]
            else:
                continue
            for name in names:
                if name in done:
                    continue
                done.add(name)
                lits = self.literals(ast.Name(id=name))
                self.budget.tick(len(lits) + 1)
                for lit in lits:
                    key = (lit.lineno, _unquote(str(lit.value))[0].strip())
                    names_for = out.setdefault(key, [])
                    if not names_for or names_for[-1] != name:  # each name comes once: a repeat is the last one
                        names_for.append(name)
        return out

    def class_bindings(self, tree: ast.Module) -> dict[tuple[int, str], tuple[str, list[str]]]:
        """(line, value) of each literal a class attribute of a module-level class defaults to (a settings class:
        ``class Settings(BaseSettings): chat_model: str = "qwen-plus"``) -> (the class, the names other modules
        read it by: ``Settings.chat_model`` and, for each module-level instance ``settings = Settings()``,
        ``settings.chat_model``), for ``binding:`` evidence that ``links.link_uses`` joins to ``settings.chat_model``
        in another module."""
        classes = {stmt.name: stmt for stmt in tree.body if isinstance(stmt, ast.ClassDef)}
        if not classes:
            return {}
        instances: dict[str, list[str]] = {}
        for stmt in tree.body:
            value: ast.expr | None
            if isinstance(stmt, ast.Assign):
                value, targets = stmt.value, stmt.targets
            elif isinstance(stmt, ast.AnnAssign):
                value, targets = stmt.value, [stmt.target]
            else:
                continue
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in classes:
                instances.setdefault(value.func.id, []).extend(t.id for t in targets if isinstance(t, ast.Name))
        out: dict[tuple[int, str], tuple[str, list[str]]] = {}
        for cls, node in classes.items():
            for stmt in node.body:
                if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                    attr, value = stmt.target.id, stmt.value
                elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                    attr, value = stmt.targets[0].id, stmt.value
                else:
                    continue
                self.budget.tick()
                if isinstance(value, ast.Call) and _dotted(value.func).rsplit(".", 1)[-1] == "Field":
                    # pydantic ``chat_model: str = Field("qwen-plus", description=...)`` / ``Field(default=...)``
                    value = next((kw.value for kw in value.keywords if kw.arg == "default"),
                                 value.args[0] if value.args else value)
                names = [f"{owner}.{attr}" for owner in (cls, *instances.get(cls, ()))]
                for lit in self.literals(value):
                    out.setdefault((lit.lineno, _unquote(str(lit.value))[0].strip()), (cls, names))
        return out

    def _call_endpoint(self, call: ast.Call) -> tuple[str, str] | None:
        for kw in call.keywords:
            if kw.arg in _CLIENT_URL_KW:
                for lit in self.literals(kw.value):
                    hit = classify_endpoint(str(lit.value))
                    if hit:
                        return hit
        if not _MODEL_CLIENT.search(_dotted(call.func)):
            return None
        for kw in call.keywords:
            if kw.arg in _CLIENT_URL_KW:
                for lit in self.literals(kw.value):
                    hit = classify_client_endpoint(str(lit.value))
                    if hit:
                        # OpenAI(base_url="http://10.0.3.7:8000/v1"): a model server on the company's own network
                        self.client_urls.add(id(lit))
                        return hit
        return None

    # -- pass 2: calls and literals -----------------------------------------------------------------
    def position(self, node: ast.Constant) -> tuple[int, int]:
        line = node.lineno
        col = node.col_offset  # in UTF-8 bytes
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if col and not text.isascii():
            col = self._columns.char_col(line - 1, col)
        # point at the identifier itself, past any string prefix and opening quote (as the other sources do)
        m = _STRING_OPEN.match(text, col)
        if m and node.end_lineno == node.lineno:
            col = m.end()
        return line, col + 1

    def symbol(self) -> str | None:
        """The innermost function or class around the node being handled (computed only on a hit).

        Definitions nest by line span, so the innermost one around a line is the last one starting at or
        before it that has not ended yet: a bisect, then a walk out through the enclosing definitions."""
        if self._spans is None:
            self._spans = _scopes(self.nodes)
            self._firsts = [first for first, _, _, _ in self._spans]
            self._parents = _parents(self._spans)
        cached = self._symbols.get(self.line)
        if cached is not None or self.line in self._symbols:
            return cached
        i = bisect.bisect_right(self._firsts, self.line) - 1
        steps = 0
        while i >= 0 and self._spans[i][1] < self.line and steps < 10_000:
            i = self._parents[i]
            steps += 1
        name = self._spans[i][3] if i >= 0 and self._spans[i][1] >= self.line else None
        self._symbols[self.line] = name
        return name

    def _silence_dataset_repos(self) -> None:
        """A Hub repo a call says is a data set or a Space (``hf_hub_download(repo_id=repo_id, repo_type="dataset")``,
        ``snapshot_download(..., repo_type="space")``, ``datasets.load_dataset("org/name")``) is no model, nor is the
        literal its ``repo_id`` flows from (``repo_id = "org/wiki-18-e5-index"``, read before the call): silenced in
        pass 1, before pass 2 reads the assignment. Run only when the file's text has ``repo_type`` or
        ``load_dataset``; one budget step per call looked at."""
        for call in self.calls():
            self.budget.tick()
            callee = _dotted(call.func).rsplit(".", 1)[-1]
            repo_type = next((kw.value for kw in call.keywords if kw.arg == "repo_type"), None)
            data = isinstance(repo_type, ast.Constant) and repo_type.value in ("dataset", "space")
            if not data and callee != "load_dataset":
                continue
            values = [kw.value for kw in call.keywords if kw.arg in ("repo_id", "path", "dataset_name")]
            if call.args:
                values.append(call.args[0])
            for value in values:
                lits = self.literals(value)
                if len(lits) > 1:
                    # a name assigned several repos (a script that downloads a model, then its data, through one
                    # `repo_id` variable): only the nearest assignment above the call reaches it
                    above = [lit for lit in lits if lit.lineno <= call.lineno]
                    lits = [max(above, key=lambda lit: lit.lineno)] if above else []
                for lit in lits:
                    self.silenced.add(id(lit))

    def run(self) -> None:
        """Pass 2: every node after its ancestors (a call claims its literals before they are seen alone)."""
        handlers = _HANDLERS
        tick = self.budget.tick
        for node in self.nodes:
            handler = handlers.get(type(node))
            if handler is not None:
                tick()
                self.line = getattr(node, "lineno", 0)
                handler(self, node)
        self.peers()

    def peers(self) -> None:
        """Peer evidence: the unrecognised model-shaped entries of a table whose entries are mostly recognised
        models (a list, or the first arguments of one callee's calls) are models too."""
        tables = [*self.tables, *(lits for lits in self.first_args.values() if len(lits) >= MIN_KNOWN)]
        if len(self.constants) >= MIN_KNOWN:
            tables.append(self.constants)
        for lits in tables:
            if len(lits) > MAX_TABLE:
                continue
            loose = lits is self.constants
            self.budget.tick(len(lits))
            entries = [(lit, _unquote(str(lit.value))[0].strip()) for lit in lits if id(lit) not in self.silenced]
            ok = accepted((value, id(lit) in self.claimed or self._peer_known(lit)) for lit, value in entries)
            for lit, value in entries:
                why = ok.get(value)
                if why is None or id(lit) in self.claimed or (loose and not reads_as_model(value)) \
                        or family_prefix(value):
                    # family_prefix: the start of known models' names (llama-3, gemini-2.5 as a price table's
                    # catch-all rows beside llama-3.3-70b): a series word, not a model, whatever its peers
                    continue
                line, col = self.position(lit)
                shift = _unquote(str(lit.value))[1]
                self.line = lit.lineno
                if self.c.add(value, line, col + shift, peer_match(value), source_id="python-model-peers",
                              symbol=self.symbol(), evidence=(why, "shape:peer")) is not None:
                    self.claimed.add(id(lit))

    def literals_only(self) -> None:
        """The cheap pass after the budget ran out: each string literal on its own (no flow, no calls)."""
        tick = self.budget.tick
        for node in self.nodes:
            if isinstance(node, ast.Constant):
                tick()
                self.line = node.lineno
                self.visit_Constant(node)

    def _composite_tail(self, node: ast.JoinedStr) -> ast.Constant | None:
        """``f"{provider}/gpt-4.1-mini"``, ``f"openai:{prefix}gpt-4o"``: an f-string whose text after its last
        substitution is a whole model id the knowledge base records (past a `/` or `:` joining it to the substituted
        provider or prefix). That tail is the model the built name selects, whatever the prefix turns out to be; it is
        returned as a literal of its own at its own column (one line, written as it reads), so a model-named binding
        or call argument the f-string reaches reports it as it would a plain literal. Other f-strings give none
        (their text parts are fragments: ``f"gpt-4o-{size}"``, ``f"{base}-instruct"``)."""
        done = self._composites.get(id(node))
        if done is not None or id(node) in self._composites:
            return done
        self._composites[id(node)] = None
        parts = node.values
        if len(parts) < 2 or len(parts) > 8 or not isinstance(parts[-1], ast.Constant) \
                or not isinstance(parts[-2], ast.FormattedValue) or node.end_lineno != node.lineno:
            return None
        tail = model_tail(str(parts[-1].value))
        if tail is None:
            return None
        piece = tail[0]
        line = self.lines[node.lineno - 1] if 0 < node.lineno <= len(self.lines) else ""
        start = node.col_offset if line.isascii() else self._columns.char_col(node.lineno - 1, node.col_offset)
        end = (node.end_col_offset or len(line)) if line.isascii() else len(line)
        at = line.rfind(piece, start, end)
        if at < 0 or line[at + len(piece):end].lstrip()[:1] not in ("'", '"'):
            return None  # written with escapes, or not at the end of the literal as written
        lit = ast.Constant(value=piece)
        lit.lineno = lit.end_lineno = node.lineno
        # position() reads col_offset in UTF-8 bytes of the line, as the parser gives it
        lit.col_offset = len(line[:at].encode())
        lit.end_col_offset = lit.col_offset + len(piece.encode())
        self._composites[id(node)] = lit
        return lit

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        # the text parts of an f-string are fragments of a value built at run time
        self.silenced.update(id(v) for v in node.values if isinstance(v, ast.Constant))

    def report(self, lit: ast.Constant, *, hint: Hint, role: str | None, api: str | None, source_id: str,
               endpoint: tuple[str, str] | None = None, provider: str | None = None,
               binding: str | None = None, table: bool = False) -> Finding | None:
        """``binding``: the model-named key, keyword or variable the literal is bound to, when one is; a
        hyphenated identifier under it that nothing else knows (``"model": "sd-turbo"``) is the weakest
        finding (``binding-only``). ``table``: the binding is a table's that lists models (``binding_only``)."""
        self.budget.tick()
        if id(lit) in self.silenced:
            return None
        line, col = self.position(lit)
        value, shift = _unquote(str(lit.value))
        if hint == "key" and value != value.strip() and value.strip() and "\n" not in value:
            # `patch.object(config, "DEFAULT_MODEL", "  gpt-4o  ")`: a setting's value padded with blanks (a test of the
            # code that strips it); the name is read without them, at its own column
            shift += len(value) - len(value.lstrip())
            value = value.strip()
        if hint == "key" and binding is not None and _hub_repo_binding(binding) \
                and hub_repo_shape(value.strip()) and not _stand_in_owner(value.strip()):
            # `backbone_repo: str = "neuphonic/neutts-nano"`, `repo_id="amphion/MaskGCT"`: the name says the value is
            # the Hub repository the model is downloaded from, so an `owner/name` there is read as a Hub id is under
            # from_pretrained (plain words included), not only when the knowledge base or a size says model
            hint = "hf"
        if hint == "key" and (_LIST_SEPS.search(value) or value.startswith("[")):
            items = self._list_items(lit, value)
            if items:
                # `Chatgpt_Model = "gpt-5.5,gpt-5.5-pro"`, `LLM_NAME="llama3,gemma"`: a list setting written as one
                # string under a model-named name; each item is read on its own, at its own column
                hits = [self.c.model(item, line, col + start, hint=hint, role=role, api=api, source_id=source_id,
                                     provider=endpoint[0] if endpoint else provider,
                                     endpoint=endpoint[1] if endpoint else None, symbol=self.symbol())
                        for item, start in items]
                if any(hits):
                    self.claimed.add(id(lit))
                return next((h for h in hits if h is not None), None)
        found = self.c.model(
            value, line, col + shift, hint=hint, role=role, api=api, source_id=source_id,
            provider=endpoint[0] if endpoint else provider, endpoint=endpoint[1] if endpoint else None,
            symbol=self.symbol(),
        )
        if found is None and _WHISPER_SIZE.fullmatch(value.strip()) and (
                (binding is not None and _WHISPER_NAME.search(binding))
                or (self.whisper and ((binding is not None and is_model_key(binding.rsplit(".", 1)[-1]))
                                      or role == "speech" or api == "argparse"))):
            # whisper_model="tiny", "faster_whisper_model": "base": the binding says the value is a Whisper model, so
            # its size word is the checkpoint the library downloads (as whisper.load_model("tiny")); the same word
            # under any other name (a video quality, a font size) is nothing. In a module that names Whisper (a
            # transcription server's client: `transcribe(model: str = "tiny")`, `{"model": "tiny"}`, a `--model`
            # flag's default, `audio.transcriptions.create(model="tiny")` sent to a local Whisper server) a plain
            # model binding, a model flag or a speech call's model says the same
            found = self.c.add(value.strip(), line, col + shift, Match("other", None, 0.85, "speech"), role="speech",
                               api=api, source_id="python-whisper", symbol=self.symbol(),
                               evidence=(f"binding:{binding or api or 'speech-call'}", "whisper-size"))
        if found is None and binding is not None and binding_only(value, binding, table=table):
            found = self.c.add(
                value, line, col + shift, Match("api-model", None, 0.5), role=role, api=api, source_id=source_id,
                provider=endpoint[0] if endpoint else provider, endpoint=endpoint[1] if endpoint else None,
                symbol=self.symbol(), evidence=(f"binding:{binding}", "binding-only"),
            )
        if found is not None:
            self.claimed.add(id(lit))
        return found

    def _list_items(self, lit: ast.Constant, value: str) -> list[tuple[str, int]]:
        """The items of a comma-separated list in one single-line literal written as its value reads (no escapes,
        no prefix), with each item's offset from the literal's first character; [] when it is not such a list
        (prose under a model key, a multi-line string, more than _MAX_LIST_ITEMS items)."""
        if value.startswith("[") and value.endswith("]") and '"' in value:
            return self._json_items(lit, value)
        seps = len(_LIST_SEPS.findall(value, 0, _MAX_LIST_ITEMS * 201))
        if lit.end_lineno != lit.lineno or value != lit.value or "\n" in value or '"' in value \
                or seps >= _MAX_LIST_ITEMS:
            return []
        text = self.lines[lit.lineno - 1] if 0 < lit.lineno <= len(self.lines) else ""
        col = self.position(lit)[1]
        if text[col - 1:col - 1 + len(value)] != value:
            return []  # written with escapes or a line continuation: offsets would not match the line
        items = [(m.group(0), m.start()) for m in _LIST_ITEM.finditer(value)]
        # "gpt-4o, a fast model": words between the commas, not a list of ids
        return items if len(items) >= 2 and len(items) == seps + 1 else []

    def _json_items(self, lit: ast.Constant, value: str) -> list[tuple[str, int]]:
        """The strings of a JSON array written as one single-line literal (``'["gpt-4o", "claude-3-5-sonnet"]'``: a list
        setting as an environment variable holds it, patched in a test or given as a default), each with its offset
        from the literal's first character; [] when the literal is not such an array (escapes, other JSON values,
        more than _MAX_LIST_ITEMS items, a multi-line string)."""
        if lit.end_lineno != lit.lineno or value != lit.value or "\n" in value or "\\" in value \
                or len(value) > _MAX_LIST_ITEMS * 203:
            return []
        text = self.lines[lit.lineno - 1] if 0 < lit.lineno <= len(self.lines) else ""
        col = self.position(lit)[1]
        if text[col - 1:col - 1 + len(value)] != value:
            return []
        try:
            data = json.loads(value)
        except ValueError:
            return []
        if not isinstance(data, list) or not 1 <= len(data) <= _MAX_LIST_ITEMS \
                or not all(isinstance(x, str) and 0 < len(x) <= 200 for x in data):
            return []
        items: list[tuple[str, int]] = []
        at = 0
        for item in data:
            found = value.find(f'"{item}"', at)
            if found < 0:
                return []
            items.append((item, found + 1))
            at = found + len(item) + 2
        return items

    def report_listed(self, lit: ast.Constant, source_id: str) -> None:
        """An entry of a model list, a model-map key or a value compared with a model variable: a bare
        family word (``llama``) or a role word (``embed``) names no model here."""
        value = _unquote(str(lit.value))[0].strip()
        # "embedding_model_id" in a list is the name of a variable or fixture, not a model
        if is_specific(value) and not is_model_key(value):
            self.report(lit, hint="key", role=None, api=None, source_id=source_id)

    def _model_text(self, node: ast.AST) -> bool:
        """``node`` is a variable every assignment of which (in this file) is a model-named value turned into text
        (``m = str(model).strip().lower()``, ``name = self.model_name.lower()``): a string, so ``"x" in node`` is a
        substring test on a model's name. At most 8 assignments are looked at."""
        if not isinstance(node, ast.Name) or _model_named(node):
            return False
        values = self.env.get(node.id, ())
        if not values or len(values) > 8:
            return False
        return all(_text_of_model(v) for v in values)

    def _str_option(self, node: ast.AST) -> bool:
        """``node`` reads an option of this file's argparse parser that holds one string (``args.generator``)."""
        if not isinstance(node, ast.Attribute) or not isinstance(node.value, ast.Name):
            return False
        if self._str_dests is None:
            self._str_dests = set()
            for call in self.calls():
                if isinstance(call.func, ast.Attribute) and call.func.attr == "add_argument":
                    dest = _str_option_dest(call)
                    if dest is not None:
                        self._str_dests.add(dest)
        return node.attr in self._str_dests

    def visit_Compare(self, node: ast.Compare) -> None:
        operands = [node.left, *node.comparators]
        if any(_arch_named(op) for op in operands):
            # `model_type in {"llava_next", "gemma3"}`: architecture names, not models
            for operand in operands:
                self.silenced.update(id(lit) for lit in _str_elts(operand))
                if isinstance(operand, ast.Constant):
                    self.silenced.add(id(operand))
            return
        for left, op, right in zip(operands, node.ops, operands[1:], strict=False):
            if isinstance(op, (ast.In, ast.NotIn)) and isinstance(left, ast.Constant) and (
                    _substring_of_model(right) or self._model_text(right) or (
                        (_str_result(right) or _text_named(right) or self._str_option(right))
                        and not _known_hub_id(left.value))):
                # `"chatglm3" in model_name`: a family substring test on the name, not a model (like startswith);
                # also through a variable that holds the name's text (`m = str(model).lower()`; `'qwen/qwen3' in m`),
                # on any value that is text (`"chatglm2" in settings.llm.path.lower()`, a name for text: `... in
                # settings.llm.path`, `ckpt_dir`) and on a command-line option
                # argparse keeps as one string (`"o1" in args.generator`, `--generator` with no nargs / action / type)
                self.silenced.add(id(left))
                continue
            # `name == "x"`, `"x" != name`, `name in ["x", "y"]`; not `"qwen3" in name` (a substring test)
            if isinstance(op, (ast.Eq, ast.NotEq)):
                pairs = [(left, right), (right, left)]
            elif isinstance(op, (ast.In, ast.NotIn)):
                pairs = [(left, right)]
            else:
                continue
            for named, other in pairs:
                self._compared(named, other, isinstance(op, (ast.In, ast.NotIn)))

    def _compared(self, named: ast.expr, other: ast.expr, membership: bool) -> None:
        """``named == other`` (or ``named in other`` when ``membership``): a literal compared with a model-named value,
        or with a variable that holds what a model getter returns, is a model name."""
        if not (_model_named(named) or self._model_result(named)):
            return
        if isinstance(other, ast.Constant) and isinstance(other.value, str):
            self.report_listed(other, "python-model-compare")
        elif membership:
            for lit in _str_elts(other):
                self.report_listed(lit, "python-model-compare")

    def _model_result(self, node: ast.expr) -> bool:
        """``node`` is a variable every assignment of which (in this file, at most 64) is the result of calling a model
        getter (``result = get_default_model()``, ``m = config.resolve_model_name(req)``): it holds the model's name,
        as a model-named variable does."""
        if not isinstance(node, ast.Name):
            return False
        values = self.env.get(node.id, ())
        if not values or len(values) > 64:
            return False
        return all(isinstance(v, ast.Call) and _MODEL_GETTER.fullmatch(_dotted(v.func).rsplit(".", 1)[-1])
                   for v in values)

    def _visit_sequence(self, node: ast.List | ast.Tuple | ast.Set) -> None:
        if not isinstance(node, ast.Set):
            self._runner_argv(node)
            self._cli_argv(node)
        lits = _str_elts(node)
        if len(lits) >= MIN_KNOWN:
            self.tables.append(lits)
        records = [e for e in node.elts if isinstance(e, ast.Dict)]
        if len(records) >= MIN_KNOWN:  # [{"id": "gpt-4o", …}, {"id": "acme-7b", …}]: one table per field
            fields: dict[str, list[ast.Constant]] = {}
            for record in records[:4096]:
                for k, v in zip(record.keys, record.values, strict=False):
                    if isinstance(k, ast.Constant) and isinstance(k.value, str) and isinstance(v, ast.Constant) \
                            and isinstance(v.value, str):
                        fields.setdefault(k.value, []).append(v)
            self.tables.extend(vs for vs in fields.values() if len(vs) >= MIN_KNOWN)
        rows = _tuple_rows(node)
        if len(rows) >= MIN_KNOWN:  # [("GLM-5 - Flagship", "glm-5"), ("Qwen 3.7 Plus", "qwen3.7-plus")]: one per column
            self.tables.extend(_columns(rows))
        if len(lits) >= 2 and any(id(lit) not in self.claimed and self._well_known(lit) for lit in lits):
            for lit in lits:
                if id(lit) not in self.claimed:
                    self.report_listed(lit, "python-model-list")

    def _runner_argv(self, node: ast.List | ast.Tuple) -> None:
        """``["ramalama", "--debug", "serve", "--name", "x", "tiny"]``, ``("ollama", "pull", "qwen3")``: a model
        runner's command line written as an argument list (``subprocess.run``, a test harness's ``check_call``)
        names its model where the CLI reads it, as the same command in a shell script does (``shell._POSITIONAL``).
        The word in that place is the model whatever it looks like (ramalama's shortname ``tiny``): a string the
        code passes as the model is one (corpus.md), and only the runner's own grammar puts it there. After the
        subcommand, a ``--flag`` written alone takes the next word as its value unless that word ends the list,
        where the runner's model stands (``serve --name x tiny``, ``pull --tls-verify tiny``)."""
        elts = node.elts
        words = _argv_words(elts, _RUNNER_CLIS)
        if words is None or words[0] is None:
            return
        sub = next((i for i, w in enumerate(words[1:6], 1) if w in _RUNNER_SUBCOMMANDS), None)
        if sub is None or any(w is None or not w.startswith("-") for w in words[1:sub]):
            return  # the subcommand right after the program and its global flags, not a word further on
        j, last = sub + 1, len(words) - 1
        while j <= last:
            word, following = words[j], words[j + 1] if j + 1 < last else "-"
            if word is None or not word.startswith("-"):
                break
            # a value written as a variable (`--port`, port) is still a value
            j += 2 if "=" not in word and (following is None or not following.startswith("-")) else 1
        if j > last or words[j] is None:
            return  # only flags, or the model is a variable (`["ollama", "pull", model]`)
        lit = elts[j]
        assert isinstance(lit, ast.Constant)
        value = str(lit.value).strip()
        if not _RUNNER_MODEL.fullmatch(value) or not re.search(r"[a-z]", value) or _stand_in(value.lower()):
            return  # a flag's number (`--temp 0`), a constant's name (NON_EXISTING_MODEL), a test's stand-in (foobar)
        found = self.report(lit, hint="ollama", role=None, api=words[0].rsplit("/", 1)[-1], source_id="python-argv")
        if found is None and id(lit) not in self.silenced:
            line, col = self.position(lit)
            self.c.add(value, line, col, Match("ollama-tag", "ollama", 0.7), api=words[0].rsplit("/", 1)[-1],
                       source_id="python-argv", symbol=self.symbol(), evidence=(f"argv:{words[0]} {words[sub]}",))
            self.claimed.add(id(lit))

    def _cli_argv(self, node: ast.List | ast.Tuple) -> None:
        """``["modelscope", "download", "--model", "org/name", name]``, ``("huggingface-cli", "download", "org/name",
        "--local-dir", d)``, ``["vllm", "serve", "org/name", "--port", "8000"]``: a model CLI's command line written as
        an argument list (built for ``subprocess.run``) is the same command a shell script would run, so it is read by
        the shell's command reader (its flags and positions, ``shell.scan_command_line``) and each model it finds is
        reported on the list item that holds it. Items that are not string literals stand as shell variables (never a
        model); the runners' own lists (ollama, ramalama) are ``_runner_argv``'s."""
        elts = node.elts
        words = _argv_words(elts, _ARGV_CLIS)
        if words is None or words[0] is None:
            return
        from modelmap.discover.shell import scan_command_line

        self.c.budget.tick(len(elts))
        line = shlex.join(w if w is not None else "$ARG" for w in words)
        program = words[0].rsplit("/", 1)[-1]
        for f in scan_command_line(self.c.file, line, 1, "python-argv"):
            if f.kind == "endpoint":
                continue
            lit = next((e for e, w in zip(elts, words, strict=True) if w is not None and w.strip() == f.raw
                        and id(e) not in self.claimed and id(e) not in self.silenced), None)
            if not isinstance(lit, ast.Constant):
                continue
            at_line, col = self.position(lit)
            self.c.add(f.raw, at_line, col, Match(f.kind, f.provider, f.confidence), role=f.role, api=program,
                       source_id="python-argv", symbol=self.symbol())
            self.claimed.add(id(lit))

    @staticmethod
    def _well_known(lit: ast.Constant) -> bool:
        match = classify(_unquote(str(lit.value))[0], "none")
        return match is not None and match.confidence >= 0.85 and match.kind != "model-file"

    @staticmethod
    def _peer_known(lit: ast.Constant) -> bool:
        """Recognised on its own, for weighing a table: well known, or the exact name of a Hub model the knowledge
        base holds written without its org (``qwen1.5-72b-chat`` among a price table's keys), which the classifier
        leaves at 0.7 because its publisher is open, not because it might not be a model."""
        match = classify(_unquote(str(lit.value))[0], "none")
        return match is not None and match.kind != "model-file" and (
            match.confidence >= 0.85 or (match.kind == "other" and match.confidence >= 0.7))

    def _argparse(self, node: ast.Call) -> bool:
        """``parser.add_argument("--model", default="x", choices=[...])``: default and choices are models."""
        flags = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        dest = next((k.value for k in node.keywords if k.arg == "dest"), None)
        if isinstance(dest, ast.Constant) and isinstance(dest.value, str):
            flags.append(dest.value)
        if not any(is_model_key(f.lstrip("-").replace("-", "_")) for f in flags if f):
            return False
        for kw in node.keywords:
            if kw.arg == "default":
                # a list default of a multi-value flag (`--models`, nargs="*", default=["gpt2"]) holds the models
                # served or evaluated when none is given, one per element, like choices
                lits = _str_elts(kw.value) if isinstance(kw.value, (ast.List, ast.Tuple)) else self.literals(kw.value)
                for lit in lits:
                    self.report(lit, hint="key", role=None, api="argparse", source_id="python-argparse")
            elif kw.arg == "choices":
                for lit in _str_elts(kw.value):
                    self.report(lit, hint="key", role=None, api="argparse", source_id="python-argparse")
        return True

    def embedded(self, text_lines: Iterable[tuple[int, str]], source_id: str) -> None:
        """Model assignments written in docstring examples and commented-out code (lower confidence)."""
        for number, text in text_lines:
            self.budget.tick()
            if "=" not in text and ":" not in text:
                continue
            for m in _EMBEDDED.finditer(text):
                value = m.group("v1") or m.group("v2")
                if not is_model_key(m.group("key")) or not is_specific(value):
                    continue
                start = m.start(2) if m.group("v1") else m.start(3)  # re2: spans by group number only
                self.c.model(value, number, start + 1, hint="key", symbol=self.symbol(),
                             source_id=source_id, boost=-0.3)

    def embedded_yaml(self, first: int, last: int) -> set[int]:
        """Model values of YAML written in a multi-line string literal on lines ``first``..``last`` (the lines as
        written, so positions are the file's): a model-named key's scalar or the items under it
        (candidates.yaml_model_pairs, the reader other languages use). A value must read as a model by itself, as in
        embedded JSON; lower confidence. Returns the lines that held a pair."""
        lines = [self.lines[n - 1].encode("utf-8", "surrogatepass") for n in range(first, last + 1)]
        self.budget.tick(len(lines))
        done: set[int] = set()
        for i, off, raw, _key in yaml_model_pairs(lines):
            self.budget.tick()
            value = raw.decode("utf-8", "replace")
            number = first + i
            done.add(number)
            if not is_specific(value) or is_model_key(value):
                continue
            col = self._columns.char_col(number - 1, off) if not lines[i].isascii() else off
            self.c.model(value, number, col + 1, hint="key", symbol=self.symbol(),
                         source_id="python-embedded-yaml", boost=-0.3)
        return done

    def escaped_yaml(self, node: ast.Constant, value: str) -> set[int]:
        """YAML written on one source line with ``\\n`` escapes: the pairs of its lines (yaml_model_pairs), each found
        in the source line after the previous one (a value written with escapes of its own is not found, so not
        reported). Returns {the line} when a pair was read, else an empty set."""
        line = self.lines[node.lineno - 1] if 0 < node.lineno <= len(self.lines) else ""
        start = self.position(node)[1] - 1
        done: set[int] = set()
        for _i, _off, raw, _key in yaml_model_pairs(v.encode("utf-8", "surrogatepass") for v in value.split("\n")):
            self.budget.tick()
            item = raw.decode("utf-8", "replace")
            at = line.find(item, start)
            if at < 0:
                break
            start = at + len(item)
            done.add(node.lineno)
            if is_specific(item) and not is_model_key(item):
                self.c.model(item, node.lineno, at + 1, hint="key", symbol=self.symbol(),
                             source_id="python-embedded-yaml", boost=-0.3)
        return done

    def comments(self, text: str) -> None:
        for m in _COMMENT_LINE.finditer(text):
            self.budget.tick()
            number = self.c.position(m.start())[0]  # bisect over line starts: linear in the file overall
            if number <= len(self.lines):
                self.embedded([(number, self.lines[number - 1])], "python-comment")

    def _shell_line(self, arg: ast.expr) -> None:
        """os.system("huggingface-cli download Org/model --local-dir x"): a one-line command string given to a shell
        is read as the shell source reads a command line (its findings keep their place in this line); the folders
        it names (a download's --local-dir) are left out, as elsewhere in Python code."""
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)) or arg.end_lineno != arg.lineno \
                or len(arg.value) > 4096:
            return
        from modelmap.discover.shell import scan_command_line

        line = arg.lineno
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else None
        for found in scan_command_line(self.c.file, arg.value, line, "python-shell", line_text=text):
            if found.kind != "model-file":  # a download's target folder (--local-dir x) names no model
                self.c.findings.append(found)
        self.silenced.add(id(arg))

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute) and node.func.attr in _PREFIX_CHECKS:
            # model.startswith("gpt-5"): a family prefix, not a model (issue 10)
            for arg in node.args:
                for lit in ([arg] if isinstance(arg, ast.Constant) else _str_elts(arg)):
                    self.silenced.add(id(lit))
            return
        name = _dotted(node.func)
        last, regex_call, http_call, template_call, rule, migration, model_call, getenv = _call_facts(name)
        if regex_call:
            # re.findall(r'/mnt/models/smollm-135', out), re.search("gpt-4", name): a pattern matched against text
            # that mentions models (a family or path check, as startswith is above), not a model the code uses
            for arg in [*node.args[:1], *(kw.value for kw in node.keywords if kw.arg == "pattern")]:
                if isinstance(arg, ast.Constant):
                    self.silenced.add(id(arg))
        if http_call:
            # conn.request("POST", "/302/submit/f5-tts"), session.post("/v1/models/qwen-plus"): a route on the server
            # the client talks to, not a folder on disk (a full URL is still read as an endpoint or a model's address)
            for arg in node.args[:2]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("/"):
                    self.silenced.add(id(arg))
        if template_call:
            # register_template("llama2"), get_conv_template(name="vicuna_v1.1"): template names; also the name of the
            # template object built in the call (`register_conv_template(Conversation(name="chatglm2", …))`)
            for arg in [*node.args, *(kw.value for kw in node.keywords if kw.arg in ("name", "template_name"))]:
                if isinstance(arg, ast.Constant):
                    self.silenced.add(id(arg))
                elif isinstance(arg, ast.Call):
                    for inner in [*arg.args[:1], *(kw.value for kw in arg.keywords if kw.arg in ("name", "template_name"))]:
                        if isinstance(inner, ast.Constant):
                            self.silenced.add(id(inner))
        if name in _SHELL_CALLS and node.args:
            self._shell_line(node.args[0])
        if last in ("join", "joinpath") and node.args:
            self._joined_weight_file(node, name)
        if "azure" in last.lower() and node.keywords:
            self._azure_deployments(node, last)
        if rule is not None:
            self._apply(rule, node, name)
        elif name.endswith("add_argument") and self._argparse(node):
            pass
        elif migration:
            field_name = next((k.value for k in node.keywords if k.arg == "name"), None)
            if isinstance(field_name, ast.Constant) and isinstance(field_name.value, str) \
                    and is_model_key(field_name.value):
                self._field_default(field_name.value, next((k.value for k in node.keywords if k.arg == "field"), None))
        else:
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) \
                    and len(self.first_args) < 4096:
                self.first_args.setdefault(last, []).append(node.args[0])
            # generic: any call with a keyword named like a model; `name=` of a function that makes or loads a
            # model (`_runtime_model(request, name="deepseek-r1")`, `load_model(name=…)`; a class's `Model(name=…)`
            # is an ORM's row as often, left out)
            if last == "parametrize" and len(node.args) >= 2:
                self._parametrized(node.args[0], node.args[1])
            if last in _ASSERT_EQUAL and len(node.args) >= 2:
                # unittest's `self.assertEqual(bot.embeddings_model, "titan_v2")`: the comparison `==` writes
                first, second = node.args[0], node.args[1]
                self._compared(first, second, False)
                self._compared(second, first, False)
            elif last in _ASSERT_IN and len(node.args) >= 2:
                self._compared(node.args[1], node.args[0], True)
            self._patched(node, last)
            if (last == "get" or getenv) and len(node.args) >= 2 \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) \
                    and is_model_key(node.args[0].value):
                # provider_config.get("model", "s2-pro"), os.getenv("TTS_MODEL", "speech-1.5"): the default is the
                # value of the model-named entry or variable, whatever the call's result is assigned to
                self._setting_value(node.args[1], node.args[0].value)
            if name == "getattr" and len(node.args) == 3 and isinstance(node.args[1], ast.Constant) \
                    and isinstance(node.args[1].value, str) and is_model_key(node.args[1].value):
                # getattr(opt, "tts_model", "qwen3-tts-flash-realtime"): the builtin's (object, attribute, default)
                # form; the default is the value of the model-named attribute when the object has none, as
                # os.getenv's default is the model-named variable's
                self._setting_value(node.args[2], node.args[1].value)
            if last == "get" and len(node.args) == 3 and not isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str) \
                    and "." in node.args[1].value and is_model_key(node.args[1].value.rsplit(".", 1)[-1]):
                # get(config, "transcribe.faster_whisper.model", "large-v3"): a settings helper's (object, dotted
                # path, default) form; the default is the value of the model-named setting the path ends in
                self._setting_value(node.args[2], node.args[1].value)
            for kw in node.keywords:
                if kw.arg and (is_model_key(kw.arg) or (model_call and kw.arg == "name")):
                    endpoint = self._endpoint_for(node)
                    region = self._region_for(node) if self.regions else None
                    for lit in self.literals(kw.value):
                        found = self.report(lit, hint="key", role=None, api=None, source_id="python-model-kwarg",
                                            endpoint=endpoint, binding=kw.arg)
                        if region:
                            self._add_evidence(found, region)
                    self.use(kw.value, api=None, role=None, source_id="python-model-kwarg", endpoint=endpoint)
        if node.keywords:
            self._aliases(node)
        if len(node.args) >= 2:
            self._variant_ids(node)

    def _call_model(self, node: ast.Call, depth: int = 0) -> tuple[str, Match] | None:
        """The first recognised model a call is given as a literal (an argument, a keyword's value, or the same in a
        call passed to it: ``register(Chat("gpt-4o"), …)``); None when it names none."""
        for arg in [*node.args[:8], *(kw.value for kw in node.keywords[:16])]:
            self.budget.tick()
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                value = _unquote(arg.value)[0].strip()
                match = classify(value, "none") if len(value) <= 200 else None
                if match is not None and match.confidence >= 0.85 and match.kind != "model-file":
                    return value, match
            elif isinstance(arg, ast.Call) and depth < 1:
                found = self._call_model(arg, depth + 1)
                if found is not None:
                    return found
        return None

    def _aliases(self, node: ast.Call) -> None:
        """``register(Chat("gpt-4o"), aliases=("4o", "chatgpt"))``, ``add_model("gpt-4", alias="gpt4")``: a call that
        registers a model and the other names it answers to (the llm CLI's plugin hook, a router's or gateway's model
        table written as calls). Each alias selects that model in the app whatever it looks like (``4o``, ``4t``,
        ``chatgpt``): the keyword and the model registered beside it say so, as an ``aliases:`` list beside a model
        id does in a config file. Only literals, and only when the same call (or a call passed to it) names a
        recognised model."""
        kws = [kw for kw in node.keywords if kw.arg in _ALIAS_KWARGS]
        if not kws or _dotted(node.func).rsplit(".", 1)[-1] in _FIELD_ALIAS_CALLS:
            return  # pydantic's `Field("gpt-4o", alias="model")`: the alias is the field's own name in the data
        model = self._call_model(node)
        if model is None:
            return
        value_of, match = model
        for kw in kws:
            lits = [kw.value] if isinstance(kw.value, ast.Constant) else _str_elts(kw.value)
            for lit in lits[:_MAX_LIST_ITEMS]:
                if id(lit) in self.claimed or id(lit) in self.silenced or not isinstance(lit.value, str):
                    continue
                alias = lit.value.strip()
                if not _ALIAS_NAME.fullmatch(alias) or alias.lower() == value_of.lower() or is_model_key(alias):
                    continue  # (an alias named like a setting, `default_model`, names a field)
                if self.report(lit, hint="key", role=None, api=None, source_id="python-model-alias") is not None:
                    continue  # a model id of its own (gpt-4-turbo-preview beside gpt-4-turbo)
                line, col = self.position(lit)
                self.c.add(alias, line, col, Match(match.kind, match.provider, 0.6), source_id="python-model-alias",
                           symbol=self.symbol(), evidence=(f"binding:{kw.arg}", f"alias-of:{value_of}"))
                self.claimed.add(id(lit))

    def _variant_ids(self, node: ast.Call) -> None:
        """``EmbeddingModel("text-embedding-3-small-512", "text-embedding-3-small", 512)``: a call given a recognised
        model id and, beside it, the app's own id for a variant of it spelt as that id plus a short suffix (a
        dimension, a context size, a mode: ``-512``, ``-16k``, ``-json``): the variant is the name the app serves
        the model under. Only positional literals of one call; the suffix one word of letters and digits."""
        lits = [a for a in node.args[:8] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if len(lits) < 2:
            return
        known = [v for lit in lits if (v := str(lit.value).strip()) and len(v) <= 200
                 and (m := classify(v, "none")) is not None and m.confidence >= 0.85 and m.kind == "api-model"]
        if not known:
            return
        for lit in lits:
            value = str(lit.value).strip()
            if id(lit) in self.claimed or id(lit) in self.silenced or value in known:
                continue
            base = next((k for k in known if value.startswith(k + "-") and _VARIANT_SUFFIX.fullmatch(value[len(k) + 1:])),
                        None)
            if base is None or classify(value, "none") is not None or _APP_SUFFIX.search(value.lower()):
                continue  # (`gpt-4o-cache`, `gpt-4o-settings`: the app's own thing named after the model)
            line, col = self.position(lit)
            match = classify(base, "none")
            assert match is not None
            self.c.add(value, line, col, Match(match.kind, match.provider, 0.6), source_id="python-model-variant",
                       symbol=self.symbol(), evidence=(f"variant-of:{base}",))
            self.claimed.add(id(lit))

    def _parametrized(self, names: ast.expr, values: ast.expr) -> None:
        """``@pytest.mark.parametrize("model_name", ["qwen3-max", "gpt-4o"])``: one argument named like a model, its
        values the models the test runs with."""
        if not (isinstance(names, ast.Constant) and isinstance(names.value, str)):
            return
        params = [n.strip() for n in names.value.split(",")]
        at = [i for i, n in enumerate(params) if is_model_key(n)]
        if len(at) != 1:
            return
        # the table written in the decorator, or a module constant it names (`@pytest.mark.parametrize("model,
        # template,expected", MODEL_TEMPLATE_CASES)`); with several arguments, the model-named one's column of each
        # row that has one value per argument (`("gpt2", "template_gpt2.jinja", True)`)
        tables: list[ast.AST | None] = []
        if isinstance(values, (ast.List, ast.Tuple)):
            tables.append(values)
        elif isinstance(values, ast.Name):
            tables.extend(list(self.env.get(values.id, ()))[:4])
        for table in tables:
            if not isinstance(table, (ast.List, ast.Tuple)):
                continue
            if len(params) == 1:
                lits = _str_elts(table)
            else:
                lits = [cell for row in table.elts[:MAX_PARAM_ROWS] if isinstance(row, (ast.Tuple, ast.List))
                        and len(row.elts) == len(params) and isinstance(cell := row.elts[at[0]], ast.Constant)
                        and isinstance(cell.value, str)]
            for lit in lits:
                self.report(lit, hint="key", role=None, api=None, source_id="python-model-kwarg",
                            binding=params[at[0]])

    def _patched(self, node: ast.Call, last: str) -> None:
        """A test's stand-in value for a named setting: ``patch.object(config, "DEFAULT_MODEL", "amazon-nova-pro")``,
        ``monkeypatch.setattr(settings, "embedding_model", "titan_v2")``, ``monkeypatch.setattr("app.cfg.LLM_MODEL",
        "x")``, ``monkeypatch.setenv("CHAT_MODEL", "x")``, ``patch("app.cfg.MODEL", "x")``: the attribute or variable
        named in the call binds the value, as an assignment to it would."""
        args = node.args
        dotted = False  # the name is a dotted target's (`"app.cfg.MODEL"`), whose last part is the variable
        if (last == "object" and len(args) >= 3 and _dotted(node.func).endswith("patch.object")) or (last == "setattr" and len(args) >= 3):
            name_arg, value = args[1], args[2]
        elif last in ("setenv", "putenv") and len(args) >= 2:
            name_arg, value = args[0], args[1]
        elif last in ("setattr", "patch") and args:
            kw_new = next((kw.value for kw in node.keywords if kw.arg in ("new", "value")), None)
            value_or_none = args[1] if len(args) >= 2 else kw_new
            if value_or_none is None:
                return
            name_arg, value, dotted = args[0], value_or_none, True
        else:
            return
        if not (isinstance(name_arg, ast.Constant) and isinstance(name_arg.value, str)) or len(name_arg.value) > 200:
            return
        if dotted and "." not in name_arg.value:
            return
        name = name_arg.value.rsplit(".", 1)[-1]
        if not is_model_key(name):
            return
        self._setting_value(value, name)

    def _setting_value(self, value: ast.expr, name: str) -> None:
        """The literals of ``value`` that no rule has reported yet, each the value of the model-named setting
        ``name`` (a default the code falls back to, a test's stand-in for it)."""
        for lit in self.literals(value):
            if id(lit) not in self.claimed:
                self.report(lit, hint="key", role=None, api=None, source_id="python-model-key", binding=name)

    def _field_default(self, name: str, value: ast.expr | None) -> None:
        """A model-named field declared with a default (Django ``models.CharField(default="thenlper/gte-small")``,
        SQLAlchemy ``Column(String, default=…)``, pydantic ``Field(default=…)``): the default is the model."""
        if not isinstance(value, ast.Call):
            return
        callee = _dotted(value.func)
        if not _FIELD_CALL.search(callee):
            return
        defaults = [kw.value for kw in value.keywords if kw.arg in ("default", "server_default", "db_default")]
        if callee.rsplit(".", 1)[-1] == "Field" and value.args:
            # pydantic's (and SQLModel's) Field takes its default first (`model_name: str = Field('qwen-turbo',
            # alias='model')`); Django's CharField("label") and SQLAlchemy's Column("name", String) take other things
            defaults.append(value.args[0])
        for default in defaults:
            for lit in self.literals(default):
                self.report(lit, hint="key", role=None, api=None, source_id="python-model-field", binding=name)

    def _endpoint_for(self, call: ast.Call) -> tuple[str, str] | None:
        own = self._call_endpoint(call)
        if own:
            return own
        root = _root(call.func)
        if root and root in self.clients:
            return self.clients[root]
        if root and root.startswith("self.") and root[5:] in self.clients:
            return self.clients[root[5:]]
        return None

    def _azure_deployments(self, node: ast.Call, last: str) -> None:
        """``AzureChatOpenAI(azure_deployment=chat_deployment)``, ``AzureOpenAIEmbeddings(deployment="kb-embed")``,
        ``AzureChatCompletion(deployment_name=…)``: an Azure client's deployment argument is the name the deployment
        is called by, the model the app calls under its own name. A name the knowledge base knows is reported by the
        call's rule or the model-keyword path; here the company's own names (``orders-chat``), through same-file
        flow, with the provider that serves them (deployments.is_deployment_name: not a placeholder or a bare word)."""
        for kw in node.keywords:
            if kw.arg not in _AZURE_DEPLOYMENT_KW:
                continue
            for lit in self.literals(kw.value):
                if id(lit) in self.claimed or id(lit) in self.silenced:
                    continue
                value, shift = _unquote(str(lit.value))
                value = value.strip()
                if not is_deployment_name(value) or classify(value, "key") is not None:
                    continue
                line, col = self.position(lit)
                found = self.c.add(value, line, col + shift, Match("api-model", DEPLOYMENT_PROVIDER, 0.5),
                                   source_id="python-model-kwarg", symbol=self.symbol(),
                                   evidence=(f"call:{last}", f"binding:{kw.arg}", "azure-deployment"))
                if found is not None:
                    self.claimed.add(id(lit))

    def _apply(self, rule: CallRule, node: ast.Call, name: str) -> None:
        if rule.id == "python-timm" and not any(
                kw.arg == "pretrained" and isinstance(kw.value, ast.Constant) and kw.value.value is True
                for kw in node.keywords):
            return  # timm.create_model("…_224") without pretrained=True builds the architecture with random weights
        values: list[ast.expr] = [node.args[i] for i in rule.args if i < len(node.args)]
        values += [kw.value for kw in node.keywords if kw.arg in rule.keywords]
        role = rule.role
        provider = None
        if rule.id == "python-from-pretrained":
            role = _role_for_class(name)
        elif rule.id == "python-hf-pipeline":
            task = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "task"), None)
            if isinstance(task, ast.Constant) and isinstance(task.value, str):
                role = _role_for_task(task.value)
        elif rule.id == "python-langchain" and name.endswith("init_chat_model"):
            for kw in node.keywords:
                if kw.arg == "model_provider" and isinstance(kw.value, ast.Constant):
                    provider = str(kw.value.value)
        elif rule.id == "python-llama-cpp" and name.endswith("from_pretrained"):
            for kw in node.keywords:
                if kw.arg == "filename":
                    for lit in self.literals(kw.value):
                        self.report(lit, hint="path", role="generation", api=rule.api, source_id=rule.id)
        elif rule.id == "python-hf-hub" and name.rsplit(".", 1)[-1].endswith("hf_hub_download"):
            # hf_hub_download(repo_id=model_id, filename="bigvgan_generator.pt"): the file is one of the repository's
            # own, so a weight file there is that model's weights (a data set's or a Space's file is not: repo_type)
            repo_type = next((kw.value for kw in node.keywords if kw.arg == "repo_type"), None)
            if not (isinstance(repo_type, ast.Constant) and repo_type.value in ("dataset", "space")):
                files = [kw.value for kw in node.keywords if kw.arg == "filename"] + node.args[1:2]
                for file_arg in files:
                    self._checkpoint_file(file_arg, rule.id, api=rule.api)
        endpoint = self._endpoint_for(node)
        if rule.id == "python-torch-hub":
            self._torch_hub(node, values, rule)
            return
        if rule.id == "python-lazyllm":
            for value in values:
                for lit in self.literals(value):
                    text, shift = _unquote(str(lit.value))
                    if id(lit) in self.silenced or not _NAMED_MODEL_ARG.fullmatch(text.strip()) \
                            or classify(text.strip(), "hf") is not None:
                        continue  # a name the readers know is reported below, with its own kind
                    line, col = self.position(lit)
                    self.c.add(text.strip(), line, col + shift, Match("other", None, 0.7), api=rule.api,
                               source_id=rule.id, symbol=self.symbol(), evidence=(f"call:{name}",))
                    self.claimed.add(id(lit))
        if rule.id == "python-whisper":
            for value in values:
                for lit in self.literals(value):
                    size = _unquote(str(lit.value))[0].strip()
                    if id(lit) not in self.silenced and _WHISPER_SIZE.fullmatch(size):
                        # a Whisper size name is the model the library downloads (Systran/faster-whisper-<size>,
                        # openai/whisper-<size>); no model-shaped word, so it is decided by the call alone
                        line, col = self.position(lit)
                        self.c.add(size, line, col + _unquote(str(lit.value))[1], Match("other", None, 0.85, "speech"),
                                   role=role, api=rule.api, source_id=rule.id, symbol=self.symbol())
                        self.claimed.add(id(lit))
        # ChatOllama(model="qwen"), OllamaEmbeddings: Ollama resolves a library name to its :latest tag
        hint: Hint = "ollama" if rule.hint == "key" and "Ollama" in name.rsplit(".", 1)[-1] else rule.hint
        load = self._load_evidence(node) if _loads_from_hub(rule.id, name) else ()
        # the model keyword of a model API's call (`client.chat.completions.create(model="skylark-pro-sc-preview")`)
        # binds its value as the same keyword of any call does (`binding-only` for a hyphenated id nothing knows)
        bound = {id(kw.value): kw.arg for kw in node.keywords if kw.arg in rule.keywords and is_model_key(kw.arg)}
        for value in values:
            for lit in self.literals(value):
                if rule.id == "python-whisper" and id(lit) in self.claimed:
                    continue  # a size name, reported above
                found = self.report(lit, hint=hint, role=role, api=rule.api, source_id=rule.id, endpoint=endpoint,
                                    provider=provider, binding=bound.get(id(value)))
                self._add_evidence(found, *load)
            self.use(value, api=rule.api, role=role, source_id=rule.id, endpoint=endpoint, provider=provider)
        # the call's other model-named keywords name models too, as in any call (the generic path below): FunASR's
        # AutoModel(model=…, vad_model="damo/speech_fsmn_vad_…", spk_model=…), a generator's draft_model=…; the
        # rule only says which argument is the call's own model
        for kw in node.keywords:
            if kw.arg and kw.arg not in rule.keywords and is_model_key(kw.arg):
                for lit in self.literals(kw.value):
                    self.report(lit, hint="key", role=None, api=None, source_id="python-model-kwarg",
                                endpoint=endpoint, binding=kw.arg)
                self.use(kw.value, api=None, role=None, source_id="python-model-kwarg", endpoint=endpoint)

    def _truth(self, node: ast.expr) -> bool | None:
        """A keyword's value as a bool: the literal, or a name every binding of which in the file is that literal;
        None for anything else (a setting, a parameter, an expression)."""
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, bool) else None
        if isinstance(node, ast.Name):
            bound = self.env.get(node.id, ())
            values = {v.value for v in bound if isinstance(v, ast.Constant) and isinstance(v.value, bool)}
            if bound and len(values) == 1 and all(isinstance(v, ast.Constant) for v in bound):
                return values.pop()
        return None

    def _load_evidence(self, node: ast.Call) -> tuple[str, ...]:
        """What a Hub loader call (``from_pretrained``, ``pipeline``, ``SentenceTransformer``, ``hf_hub_download``…)
        says about how it loads the model (types.load_facts reads these): ``trust-remote-code`` when it passes True
        (or a name bound to True in this file), ``trust-remote-code:false`` for False, ``trust-remote-code:unknown``
        for any other value (not passed: nothing); ``revision:<literal>`` for each literal its ``revision=`` can be,
        ``revision:unknown`` for a value that is no literal, ``revision:none`` when it passes none (or None: the
        Hub's default branch)."""
        out: list[str] = []
        trust = next((kw.value for kw in node.keywords if kw.arg == "trust_remote_code"), None)
        if trust is not None:
            value = self._truth(trust)
            out.append(TRUST_REMOTE_CODE if value is True else f"{TRUST_REMOTE_CODE}:false" if value is False
                       else f"{TRUST_REMOTE_CODE}:unknown")
        revision = next((kw.value for kw in node.keywords if kw.arg == "revision"), None)
        if revision is None or (isinstance(revision, ast.Constant) and revision.value is None):
            out.append(f"{REVISION_PREFIX}none")
        else:
            lits = self.literals(revision)
            texts = list(dict.fromkeys(str(lit.value).strip() for lit in lits if str(lit.value).strip()))
            out += [f"{REVISION_PREFIX}{t}" for t in texts[:4]] or [f"{REVISION_PREFIX}unknown"]
            if texts and not isinstance(revision, ast.Constant) and not self._fixed(revision):
                out.append(f"{REVISION_PREFIX}unknown")  # a value that can also be something no literal says
        return tuple(out)

    def _fixed(self, node: ast.expr) -> bool:
        """A name every binding of which in the file is a string literal (so its literals are all it can be)."""
        if isinstance(node, ast.Name):
            bound = self.env.get(node.id, ())
            return bool(bound) and all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in bound)
        return False

    def _forwarded_arguments(self) -> None:
        """A module's own helper that hands a parameter straight to a model-taking call (``def download_file(url,
        filename, path): hf_hub_download(repo_id=url, filename=filename, local_dir=path)``): the string literals its
        callers in the module pass for that parameter (``download_file("org/voice", "voice.pth", "models/x")``) are
        values the parameter takes, as its default is. Only parameters the helper passes on as they are, to a call a
        rule knows, and only plain calls of a function defined once in the module by that name."""
        defs = self._defs
        if defs is None:
            defs = {}
            for node in self.nodes:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    defs[node.name] = None if node.name in defs else node
        # every parameter of a helper defined once: a module with none (most of them: scripts, data, tests of
        # classes only) forwards nothing, and no call's name is looked up
        params_of: set[str] = set()
        for fdef in defs.values():
            if fdef is not None:
                params_of.update(a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args, *fdef.args.kwonlyargs))
        if not params_of:
            return
        # the names any rule-known call in the module is handed as an argument: a helper none of whose parameters
        # is among them forwards nothing, so its body is not walked (the walk was ~5 % of a real-code scan's CPU).
        # Only names that are some helper's parameter are gathered (the test below is against those alone), and a
        # call's rule is looked up only when it is handed one
        handed: set[str] = set()
        for node in self.calls():
            names = [arg.id for arg in (*node.args, *(kw.value for kw in node.keywords))
                     if isinstance(arg, ast.Name) and arg.id in params_of]
            if names and _rule_for(_dotted(node.func)) is not None:
                handed.update(names)
        forwarding: dict[str, tuple[list[str], set[str]]] = {}
        tick = self.budget.tick
        for fname, fdef in defs.items():
            if fdef is None:
                continue
            params = [a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args, *fdef.args.kwonlyargs)]
            if handed.isdisjoint(params):
                continue
            passed: set[str] = set()
            for inner in ast.walk(fdef):
                tick()
                if not isinstance(inner, ast.Call) or _rule_for(_dotted(inner.func)) is None:
                    continue
                for arg in (*inner.args, *(kw.value for kw in inner.keywords)):
                    if isinstance(arg, ast.Name) and arg.id in params:
                        passed.add(arg.id)
            if passed:
                forwarding[fname] = ([a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args)], passed)
        if not forwarding:
            return
        for node in self.calls():
            if not isinstance(node.func, ast.Name) or node.func.id not in forwarding:
                continue
            positional, passed = forwarding[node.func.id]
            pairs = [(positional[i], arg) for i, arg in enumerate(node.args[:len(positional)])]
            pairs += [(kw.arg, kw.value) for kw in node.keywords if kw.arg]
            for param, arg in pairs:
                if param in passed and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    self.env.setdefault(param, []).append(arg)

    def _checkpoint_file(self, arg: ast.expr, source_id: str, api: str | None = None) -> None:
        """A weight file's name (``_CHECKPOINT_FILE``) that the call around it says is a model's (a Hub download's
        file): a model file whatever its stem, except a trainer's state files and a test's stand-in names; a generic
        name (``model.safetensors``) is left to identify, which drops it. A parameter's name is read through the
        literals it takes (``_forwarded_arguments``)."""
        if isinstance(arg, ast.Name):
            for lit in self.literals(arg):
                self._checkpoint_file(lit, source_id, api)
            return
        if not isinstance(arg, ast.Constant) or not isinstance(arg.value, str) or id(arg) in self.claimed \
                or id(arg) in self.silenced:
            return
        value = arg.value.strip()
        base = value.rsplit("/", 1)[-1]
        m = _CHECKPOINT_FILE.fullmatch(base)
        if m is None or _TRAINER_STATE_STEM.fullmatch(m.group(1)) or _stand_in_stem(m.group(1)):
            return
        self.report(arg, hint="key", role=None, api=api, source_id=source_id)

    def _joined_weight_file(self, node: ast.Call, name: str) -> None:
        """``os.path.join(self.model_dir, "codec.pth")``, ``os.path.join(model_dir, "hf_cache", "campplus.bin")``,
        ``Path(models_dir).joinpath("vocoder.pt")``: a weight file's name (``_CHECKPOINT_FILE``, as a Hub download's
        ``filename=`` is read) joined as the last part onto a folder whose variable is named for models
        (``model_dir``, ``models_path``, ``MODEL_ROOT``): the file holds a model's weights, as a file in the folder a
        Rust or Go join puts under such a variable is read. The folder is the first argument of a path join, or
        the receiver of ``joinpath``; a trainer's state files and a test's stand-in names stay out
        (``_checkpoint_file``)."""
        if name.endswith("path.join") or name == "join":
            folder: ast.expr = node.args[0]
            tail = node.args[-1] if len(node.args) >= 2 else None
        elif name.endswith("joinpath") and isinstance(node.func, ast.Attribute):
            folder = node.func.value
            if isinstance(folder, ast.Call) and folder.args:
                folder = folder.args[0]  # Path(model_dir).joinpath(…)
            tail = node.args[-1]
        else:
            return
        if tail is None or not isinstance(tail, ast.Constant) or not isinstance(tail.value, str):
            return
        if not models_dir_name(_dotted(folder).rsplit(".", 1)[-1]):
            return
        self._checkpoint_file(tail, "python-path-join")

    def _bound_weight_file(self, names: list[str], value: ast.expr) -> None:
        """``model_path = save_directory / "bigvgan_generator.pt"``, ``model_file = os.path.join(model_id,
        "bigvgan_generator.pt")``, ``checkpoint_file = os.path.join(root, "models", "dwpose", "dw-ll_ucoco_384.pth")``: a
        path joined from a folder and a weight file's name (``_CHECKPOINT_FILE``), bound to a name that says it is a
        model's or checkpoint's file (``_WEIGHT_FILE_BINDING``): the binding says the file holds a model's weights, as
        a folder variable named for models says in ``_joined_weight_file``. The file name is reported; a trainer's
        state files, a test's stand-in names and generic names stay out (``_checkpoint_file``)."""
        if not any(_WEIGHT_FILE_BINDING.search(snake(n.rsplit(".", 1)[-1])) for n in names):
            return
        tail: ast.expr | None = None
        if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Div):
            tail = value.right  # pathlib: folder / "file.pt"
        elif isinstance(value, ast.Call) and value.args:
            name = _dotted(value.func)
            if (name.endswith("path.join") and len(value.args) >= 2) or name.endswith("joinpath"):
                tail = value.args[-1]
                if any(isinstance(a, ast.Constant) and isinstance(a.value, str)
                       and a.value.strip("/").lower() in _SOURCE_TREE_PARTS for a in value.args[:-1]):
                    # `os.path.join(model_dir, "src", "silero_vad", "data", "silero_vad.onnx")`: a file reached
                    # through a package's source tree is one the library ships with its code, not a model kept apart
                    return
        if tail is not None and isinstance(tail, ast.Constant) and isinstance(tail.value, str) \
                and "/" not in tail.value.strip():
            self._checkpoint_file(tail, "python-path-join")

    def _torch_hub(self, node: ast.Call, values: list[ast.expr], rule: CallRule) -> None:
        """``torch.hub.load(repo_or_dir, model, …)``: the GitHub repo ``owner/repo`` without its ``:ref`` (a branch or
        tag of the same repo, not part of the model's name); nothing when ``source="local"`` makes it a folder."""
        for kw in node.keywords:
            if kw.arg == "source" and isinstance(kw.value, ast.Constant) and kw.value.value == "local":
                return
        for value in values:
            for lit in self.literals(value):
                if id(lit) in self.silenced:
                    continue
                text, shift = _unquote(str(lit.value))
                repo = text.strip().partition(":")[0]
                if not _TORCH_HUB_REPO.fullmatch(repo):
                    continue
                line, col = self.position(lit)
                found = self.c.model(repo, line, col + shift, hint="hf", role=None, api=rule.api, source_id=rule.id,
                                     symbol=self.symbol())
                if found is not None:
                    self.claimed.add(id(lit))

    def visit_Constant(self, node: ast.Constant) -> None:
        if not isinstance(node.value, str) or id(node) in self.claimed or id(node) in self.silenced:
            return
        if id(node) in self.docstrings:
            end = getattr(node, "end_lineno", None) or node.lineno
            self.embedded(((n, self.lines[n - 1]) for n in range(node.lineno, min(end, len(self.lines)) + 1)),
                          "python-docstring")
            return
        value, shift = _unquote(node.value)
        if "\n" in value and ("odel" in value or "ODEL" in value) and len(value) <= _MAX_TEXT_BLOCK:
            end = min(getattr(node, "end_lineno", None) or node.lineno, len(self.lines))
            # YAML held in a multi-line string (a test writing a config file, `write_text(dedent("""…"""))`):
            # `model: gpt-4o-mini`, `models:` then `- id: mistral-large-latest`; the lines of the literal as written
            if end == node.lineno and ":" in value:
                # the same written on one line with `\n` escapes ("models:\n  - name: fast\n    model: gpt-4o\n")
                done = self.escaped_yaml(node, value)
            else:
                done = self.embedded_yaml(node.lineno, end) if ":" in value else set()
            if '"' in value and not done:
                # JSON held in a multi-line string (a curl body, a recorded reply): `"model": "vicuna-7b-v1.5"`, read
                # as docstring examples are (a model key, a specific value, lower confidence)
                self.embedded(((n, self.lines[n - 1]) for n in range(node.lineno, end + 1)
                               if n not in done and '"' in self.lines[n - 1]), "python-embedded-json")
            return
        if '"' in value and ("odel" in value or "ODEL" in value) and node.end_lineno == node.lineno \
                and len(value) <= _MAX_TEXT_BLOCK and 0 < node.lineno <= len(self.lines):
            # JSON on one line (a request body, a recorded SSE event: '{"model": "gpt-4o-mini", "messages": []}'), read
            # as the multi-line kind above
            text = self.lines[node.lineno - 1]
            start = self.position(node)[1] - 1
            end = node.end_col_offset or len(text)
            end = self._columns.char_col(node.lineno - 1, end) if not text.isascii() else end
            # only the literal's own text is read (the rest of the line masked, so that columns stay)
            self.embedded([(node.lineno, " " * start + text[start:end])], "python-embedded-json")
            return
        if id(node) in self.client_urls:
            line, col = self.position(node)
            self.c.endpoint(value, line, col + shift, symbol=self.symbol(), source_id="python-endpoint", client=True)
            return
        if "://" not in value and classify(value, "none") is None:
            return  # most literals: decided by the (memoised) classifier before any position work
        if "://" not in value and not _PARAM_SIZE.search(value) and _TEMPLATE_SCOPE.search(self.symbol() or ""):
            # `class Llama2Template: name = "llama2"`: a family word in a prompt template names the template; a
            # checkpoint with its size there (`allow_models = ["chatglm-6b"]`) is still a model
            return
        line, col = self.position(node)
        if "://" in value:
            if self.c.endpoint(value, line, col + shift, symbol=self.symbol(), source_id="python-endpoint") is None:
                self.c.model(value, line, col + shift, hint="none", symbol=self.symbol(), source_id="python-literal",
                             boost=-0.2)
            return
        self.c.model(value, line, col + shift, hint="none", symbol=self.symbol(), source_id="python-literal",
                     boost=-0.2)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        # `folder / "talker-Q4_K_M.gguf"` (pathlib): a single-file model joined onto a folder is the path of that
        # model's weights. Only the single-file formats (GGUF, GGML, llamafile: weights, tokenizer and metadata in one
        # file) are taken from the join alone: an .onnx / .safetensors / .bin there may be one part or shard of a
        # checkpoint. A bare generic or stand-in name (model.gguf, small_model.gguf, dummy.gguf, x.gguf) names none.
        right = node.right
        if isinstance(node.op, ast.Div) and isinstance(right, ast.Constant) and isinstance(right.value, str) \
                and id(right) not in self.claimed and id(right) not in self.silenced:
            value = right.value.strip()
            m = _SINGLE_FILE_MODEL.fullmatch(value)
            if m and not _stand_in_stem(m.group(1)) and classify(value, "none") is None \
                    and classify(value, "key") is not None:
                line, col = self.position(right)
                lead = len(right.value) - len(right.value.lstrip())
                self.c.model(value, line, col + lead, hint="key", symbol=self.symbol(), source_id="python-path-join")

    def visit_Assign(self, node: ast.Assign) -> None:
        names = [n for t in node.targets for n in _target_names(t)]
        # an entry set by its key (`judge_kwargs["model"] = "chatgpt-0125"`, `os.environ["EMBED_MODEL"] = …`): the key
        # names the value as a dict literal's key would
        names += [t.slice.value for t in node.targets if isinstance(t, ast.Subscript)
                  and isinstance(t.slice, ast.Constant) and isinstance(t.slice.value, str)]
        # a template's name under any target; an architecture's only on an object's attribute (`config.model_type =
        # "cogvlm2"`): a local `model_type = "deepseek-r1-250120"` is how some SDKs name the model to call
        if any(_TEMPLATE_SCOPE.search(n) or (isinstance(t, ast.Attribute) and _ARCH.search(t.attr))
               for t in node.targets for n in _target_names(t)):
            # `config.model_type = "cogvlm2"`, `template_name = "qwen"`: an architecture's or a template's name (a
            # repo id or path there, `MODEL_TYPE = "Qwen/Qwen-1_8B"`, still names a model)
            value = node.value
            direct = [*value.values] if isinstance(value, ast.BoolOp) else [value.body, value.orelse] \
                if isinstance(value, ast.IfExp) else [value, *_str_elts(value)]  # `x or "llama3"`, `a if c else b`
            self.silenced.update(id(lit) for lit in direct if isinstance(lit, ast.Constant)
                                 and isinstance(lit.value, str) and "/" not in lit.value and ":" not in lit.value)
        self._matching_list(names, node.value)
        self._keyed(names, node.value)
        self._alias_map(names, node.value)
        self._bound_weight_file(names, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._literal_type(_target_names(node.target), node.annotation)
        if node.value is not None:
            self._bound_weight_file(_target_names(node.target), node.value)
            self._matching_list(_target_names(node.target), node.value)
            self._keyed(_target_names(node.target), node.value)
            self._alias_map(_target_names(node.target), node.value)

    def _alias_map(self, names: list[str], value: ast.expr) -> None:
        """``MODEL_ALIAS_TO_FULL_ID_MAP = {"ct-punc": "iic/punc_ct-transformer_…", "fsmn-vad": "iic/speech_fsmn_vad_…"}``:
        a dict its name calls an alias table, every value of which is a model id: each key is the name a caller picks
        that model by (as ``aliases=("4o",)`` beside a registered model is, ``_aliases``), whatever it looks like. A
        table whose values are not all model ids (quantisation, region, tool or provider aliases) is left alone."""
        if not isinstance(value, ast.Dict) or not any(_ALIAS_TABLE.search(n.split(".")[-1]) for n in names):
            return
        name = next(n.split(".")[-1] for n in names if _ALIAS_TABLE.search(n.split(".")[-1]))
        pairs: list[tuple[ast.Constant, str, Match]] = []
        for k, v in zip(value.keys[:256], value.values[:256], strict=False):
            if not (isinstance(k, ast.Constant) and isinstance(k.value, str)
                    and isinstance(v, ast.Constant) and isinstance(v.value, str)):
                return
            target = v.value.strip()
            match = classify(target, "key") if 0 < len(target) <= 200 and "://" not in target else None
            if match is None or match.kind not in _ID_KINDS:
                return
            pairs.append((k, target, match))
        if len(pairs) < 2 or len(pairs) < len(value.keys):
            return
        for k, target, match in pairs:
            alias = str(k.value).strip()
            if id(k) in self.claimed or id(k) in self.silenced or not _ALIAS_NAME.fullmatch(alias) \
                    or alias.lower() == target.lower() or is_model_key(alias):
                continue
            line, col = self.position(k)
            written, shift = _unquote(str(k.value))
            lead = len(written) - len(written.lstrip())
            self.c.add(alias, line, col + shift + lead, Match(match.kind, match.provider, 0.6),
                       source_id="python-model-alias", symbol=self.symbol(),
                       evidence=(f"binding:{name}", f"alias-of:{target}"))
            self.claimed.add(id(k))

    def _matching_list(self, names: list[str], value: ast.expr) -> None:
        """``_deepseek_v4_markers = ("deepseek-v4-pro", "deepseek-v4")``, ``REASONING_PREFIXES = frozenset({…})``: a
        list named for matching (its last word a marker, prefix, keyword, pattern…) holds the fragments a model's
        name is tested against, family words among full names."""
        if not any(_MATCH_WORDS.search(n.split(".")[-1]) for n in names):
            return
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and len(value.args) == 1 \
                and value.func.id in ("frozenset", "set", "tuple", "list"):
            value = value.args[0]
        self._silence_fragments(_str_elts(value))

    def _silence_fragments(self, lits: list[ast.Constant]) -> None:
        """The items of a list of name fragments that are not models on their own: a prefix ending in a separator
        (``gemini-3-``, ``gemini-3.``) or a family word no rule knows as a model (``deepseek-v4`` beside
        ``deepseek-v4-pro``); a complete, recognised model name in such a list (``gpt-4o``, ``o4-mini``) is still
        one, as the labelling convention has it."""
        self.silenced.update(id(lit) for lit in lits
                             if str(lit.value).rstrip() != str(lit.value).rstrip().rstrip("-._:/")
                             or not self._well_known(lit))

    def visit_comprehension(self, node: ast.GeneratorExp | ast.ListComp | ast.SetComp) -> None:
        """``any(name.startswith(p) for p in ("gemini-3-", "gemini-3."))``, ``[m for m in ("o1", "o3") if m in
        model]``: a literal list whose items are each tested as a prefix or a substring of a name holds fragments
        (as ``name.startswith(("a", "b"))`` does)."""
        tests = [node.elt, *(cond for gen in node.generators for cond in gen.ifs)]
        for gen in node.generators:
            if not isinstance(gen.target, ast.Name) or not isinstance(gen.iter, (ast.List, ast.Tuple, ast.Set)):
                continue
            var = gen.target.id
            if any(_tests_fragment(t, var) for t in tests):
                self._silence_fragments(_str_elts(gen.iter))
            elif is_model_key(var):
                # `for model_name in ["bloom-560m", "gpt2"]` (a test matrix built for pytest.mark.parametrize, a
                # loop over the models to serve): each item is bound to a model-named variable, as an assignment
                # `model_name = "gpt2"` would bind it
                for lit in _str_elts(gen.iter):
                    self.report(lit, hint="key", role=None, api=None, source_id="python-model-key", binding=var)

    def visit_For(self, node: ast.For) -> None:
        """``for model in ["gpt2", "opt-125m"]:``: each item is bound to a model-named loop variable (as in a
        comprehension, above)."""
        if isinstance(node.target, ast.Name) and is_model_key(node.target.id) and isinstance(
                node.iter, (ast.List, ast.Tuple, ast.Set)):
            for lit in _str_elts(node.iter):
                self.report(lit, hint="key", role=None, api=None, source_id="python-model-key",
                            binding=node.target.id)
        elif isinstance(node.target, ast.Tuple) and isinstance(node.iter, (ast.List, ast.Tuple)) \
                and all(isinstance(t, ast.Name) for t in node.target.elts):
            # `for key, repo_id, remote_file in (("codec", "acme/MaskCodec", "codec.safetensors"), …)`: each row is
            # unpacked into the loop's names, so a column whose name says model (or model repository) binds its
            # items as an assignment to that name would
            names = [t.id for t in node.target.elts if isinstance(t, ast.Name)]
            named = [(i, n) for i, n in enumerate(names) if is_model_key(n) or _hub_repo_binding(n)]
            if not named:
                return
            for row in node.iter.elts[:MAX_TABLE]:
                if not isinstance(row, ast.Tuple) or len(row.elts) != len(names):
                    continue
                for i, name in named:
                    item = row.elts[i]
                    # (an item the literal rules know on its own, `funasr/campplus`, is left to them: the row is
                    # one of a table they weigh as a whole)
                    if isinstance(item, ast.Constant) and isinstance(item.value, str) and len(item.value) <= 200 \
                            and classify(item.value.strip(), "none") is None:
                        self.report(item, hint="key", role=None, api=None, source_id="python-model-key", binding=name)

    def class_fields(self, node: ast.ClassDef) -> None:
        """A settings or record class's fields (pydantic, dataclass, attrs: ``name: str = 'llama3.1-8b-instruct'``
        beside ``model_id: str = 'meta-llama/…'``): what its own ``name`` says is read as a dict's would be (in pass 1,
        so that the name is silenced before any pass-2 handler reads it)."""
        pairs: list[tuple[str, ast.expr]] = []
        for stmt in node.body[:256]:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                pairs.append((stmt.target.id, stmt.value))
            elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                pairs.append((stmt.targets[0].id, stmt.value))
        self._own_name(pairs)

    def _own_name(self, pairs: list[tuple[str, ast.expr]]) -> None:
        """A record that names its model under a model key (``model_id``, ``model``, ``model_name``) and has a
        ``name`` of its own: that name is the record's (a BentoML service's or deployment's name, an agent's, a
        preset's; often the model's short name, ``llama3.1-8b-instruct`` beside ``meta-llama/Meta-Llama-3.1-8B-
        Instruct``, or another model's when a template was copied), not a second model. Only a record whose model
        key holds a literal that reads as a model counts: there the model is said where it belongs (a
        ``model_path: "/models/x"`` beside it does not). ``pairs``: (key, value) as written."""
        if len(pairs) < 2 or not any(k == "name" for k, _ in pairs[:256]) or not any(
                is_model_key(k) and isinstance(v, ast.Constant) and isinstance(v.value, str)
                and classify(v.value, "key") is not None for k, v in pairs[:256]):
            return
        for k, v in pairs[:256]:
            if k == "name" and isinstance(v, ast.Constant) and isinstance(v.value, str) and id(v) not in self.claimed:
                self.silenced.add(id(v))

    def _named_downloads(self, node: ast.Dict) -> None:
        """``_MODELS = {"tiny.en": "https://…/<sha256>/tiny.en.pt", "base": "https://…/<sha256>/base.pt", …}``: a
        table from a model's name to the URL of its weights file, where each file is named exactly by its key, is
        how a library (OpenAI Whisper's, and the many vendored copies of it) lets a caller pick a checkpoint by name
        (``load_model("tiny")``); the key is the model's name as it is chosen and written elsewhere, the URL only
        where that name's bytes come from (its directory a content hash). So the key is reported and the URL is
        not. Only when at least two entries match exactly: a file named with more than its key (torchvision's
        ``"resnet18": "…/resnet18-5c106cde.pth"``) is left as it is, the URL naming that exact checkpoint."""
        pairs = [(k, v) for k, v in zip(node.keys[:256], node.values[:256], strict=False)
                 if isinstance(k, ast.Constant) and isinstance(k.value, str) and isinstance(v, ast.Constant)
                 and isinstance(v.value, str)]
        named = []
        for k, v in pairs:
            m = _WEIGHT_URL_FILE.match(str(v.value).strip())
            key = str(k.value).strip()
            if m and key and m.group(1) == key and id(v) not in self.claimed and id(k) not in self.claimed:
                named.append((k, v))
        if len(named) < 2 or len(named) < len(pairs):
            return
        for k, v in named:
            line, col = self.position(k)
            value, shift = _unquote(str(k.value))
            lead = len(value) - len(value.lstrip())
            # a speech model's table (the URL under a whisper path) gives the speech role, as python-whisper does
            speech = "whisper" in str(v.value).lower()
            self.c.add(value.strip(), line, col + shift + lead, Match("other", None, 0.8, "speech" if speech else None),
                       role="speech" if speech else None, source_id="python-named-download", symbol=self.symbol(),
                       evidence=("named-download",))
            self.claimed.update((id(k), id(v)))

    def _keyed_by_model(self, node: ast.Dict) -> None:
        """``{"MiniCPM-V-2": partial(MiniCPM_V, model_path="openbmb/MiniCPM-V-2"), …}``, ``{"yuanai-1.0-translate":
        {"model_name": "yuanai-1.0-translate"}, …}``: a registry keyed by the model each entry loads, where the key
        repeats the model its value names under a model key (a nested record's entry or a call's keyword, ``partial``
        included) exactly or as the name part of its Hub id. The key is the name a caller picks that model by
        (``--model MiniCPM-V-2``), so it is reported as that model; a key of other words (``"fast"``, ``"chat"``) is
        the registry's own label and is left alone."""
        for k, v in zip(node.keys[:256], node.values[:256], strict=False):
            if not (isinstance(k, ast.Constant) and isinstance(k.value, str)) or id(k) in self.claimed \
                    or id(k) in self.silenced:
                continue
            key = k.value.strip()
            if not key or len(key) > 200:
                continue
            inner: list[tuple[str, ast.expr]]
            if isinstance(v, ast.Dict):
                inner = [(ik.value, iv) for ik, iv in zip(v.keys[:64], v.values[:64], strict=False)
                         if isinstance(ik, ast.Constant) and isinstance(ik.value, str) and is_model_key(ik.value)]
            elif isinstance(v, ast.Call):
                inner = [(kw.arg, kw.value) for kw in v.keywords[:64] if kw.arg and is_model_key(kw.arg)]
            else:
                continue
            for binding, lit in inner:
                if not (isinstance(lit, ast.Constant) and isinstance(lit.value, str)):
                    continue
                model = lit.value.strip()
                if key.lower() not in (model.lower(), model.rsplit("/", 1)[-1].lower()) \
                        or (classify(model, "key") is None and not binding_only(model, binding)):
                    continue
                line, col = self.position(k)
                value, shift = _unquote(k.value)
                lead = len(value) - len(value.lstrip())
                # the key spelt as the model reads as the model does; the name part of a Hub id is a name callers
                # pick it by (an app-level alias of that repository), never an Ollama tag or a repository itself
                same = key.lower() == model.lower()
                match = (classify(model, "key") if same else None) or Match("api-model", None, 0.6)
                self.c.add(key, line, col + shift + lead, match, source_id="python-model-registry",
                           symbol=self.symbol(), evidence=(f"registry-key:{model}",))
                self.claimed.add(id(k))
                break

    def _short_names(self, node: ast.Dict) -> None:
        """``name_map = {"4o-mini": "openai/gpt-4o-mini", "4o": "openai/gpt-4o", "qwen7b": "Qwen/Qwen2.5-Coder-7B-
        Instruct"}``: a map whose every value is a model id the knowledge base records (no URL or weights file) and
        whose key abbreviates its value - the key's letters and
        digits appear in the id in order and it holds a digit (a version or a size, as the id does) and a letter - is a
        table of short names a command line or config picks a model by (``--generator 4o-mini``); each such key is that
        model. A key without a digit (``"embedding"``, ``"chat"``, ``"fast"``: a role or a tier) is the map's own label,
        one without a letter (``{"2.5": "IndexTeam/IndexTTS-2.5"}``) a version number the caller picks."""
        pairs = [(k, str(k.value), str(v.value)) for k, v in zip(node.keys[:256], node.values[:256], strict=False)
                 if isinstance(k, ast.Constant) and isinstance(k.value, str)
                 and isinstance(v, ast.Constant) and isinstance(v.value, str)]
        if len(pairs) < 2 or len(pairs) < len(node.keys) or any(
                (m := classify(v, "key")) is None or m.kind not in _ID_KINDS or "://" in v or not _kb_knows(v)
                for _, _, v in pairs):
            # a table of weight URLs or files (torchvision's `model_urls`) is _named_downloads' or nobody's; one of
            # ids the knowledge base does not record (`{"eval32": "r2egym-eval32-medium-major-v1"}`, data subsets
            # named like checkpoints) is not known to hold models at all
            return
        for k, written, model in pairs:
            key = written.strip()
            if id(k) in self.claimed or id(k) in self.silenced or not 1 < len(key) <= 40 \
                    or not any(ch.isdigit() for ch in key) or not any(ch.isalpha() for ch in key) \
                    or not _abbreviates(key, model):
                continue
            line, col = self.position(k)
            value, shift = _unquote(written)
            lead = len(value) - len(value.lstrip())
            self.c.add(key, line, col + shift + lead, Match("api-model", None, 0.6), source_id="python-short-name",
                       symbol=self.symbol(), evidence=(f"short-name-of:{model.strip()}",))
            self.claimed.add(id(k))

    def visit_Dict(self, node: ast.Dict) -> None:
        self._named_downloads(node)
        self._keyed_by_model(node)
        self._short_names(node)
        for k, v in zip(node.keys[:256], node.values[:256], strict=False):
            if isinstance(k, ast.Constant) and isinstance(k.value, str) and _implementation_for(k.value, v):
                # {"glm4": GLM4ToolUtils(), "llama3": Llama3ToolUtils}: a registry of one family's implementation of
                # something (a tool-call format, a template, a parser): the key names that variant, not a model
                self.silenced.add(id(k))
        self._own_name([(k.value, v) for k, v in zip(node.keys[:256], node.values[:256], strict=False)
                        if isinstance(k, ast.Constant) and isinstance(k.value, str)])
        grouped = [v for v in node.values if isinstance(v, (ast.List, ast.Tuple))]
        if len(grouped) >= 2 and len(grouped) == len(node.values):
            # {"quick": [(label, id), …], "deep": [(label, id), …]}: lists of rows of one shape under a dict's keys
            # are one table, column by column
            rows = [row for v in grouped for row in _tuple_rows(v)]
            if len(rows) >= MIN_KNOWN and len({len(r.elts) for r in rows}) == 1:
                self.tables.extend(_columns(rows))
        keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
        if len(keys) >= MIN_KNOWN:  # PRICES = {"gpt-4o": …, "acme-chat-7b": …}: its keys are one table
            self.tables.append([k for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)])
        if "name" in keys and "type" in keys and keys & _OPTION_HELP_KEYS:
            # {"name": "llama3", "help_text": "shortcut for `--profile llama3`", "type": bool}: a command-line option
            # declared as data (the loop that feeds argparse reads it); its name is the flag's, not a model's
            self.silenced.update(id(v) for k, v in zip(node.keys[:64], node.values[:64], strict=False)
                                 if isinstance(k, ast.Constant) and k.value == "name")
        # {"model": "my-rag-app", "choices": […]}: a server writing its own name into an OpenAI-style response;
        # only a value known as a model counts there, never one on the binding alone
        response = bool(keys & _RESPONSE_KEYS)
        # a Whisper backend's settings ({"type": "openai_whisper_selfhost", "model": "tiny"}, {"provider":
        # "faster-whisper", "model": "large-v3"}): another value of the record names Whisper, so the model key's size
        # name is the Whisper model the library downloads, as in whisper.load_model("tiny")
        whisper = _record_names_whisper(node)
        records = [v for v in node.values[:256] if isinstance(v, ast.Dict)]
        if len(records) >= 2 and any(_record_names_whisper(r) for r in records):
            # {"Whisper(Local)": {"type": "openai_whisper_selfhost", "model": "tiny"}, "Dashboard": {"theme":
            # "small", "model": "base"}}: records side by side, some naming Whisper: a size word under the model key
            # of one that names none is not a Whisper checkpoint, though the module names Whisper (``report``)
            for record in records:
                if not _record_names_whisper(record):
                    self.silenced.update(
                        id(v) for k, v in zip(record.keys[:64], record.values[:64], strict=False)
                        if isinstance(k, ast.Constant) and isinstance(k.value, str) and is_model_key(k.value)
                        and isinstance(v, ast.Constant) and isinstance(v.value, str)
                        and _WHISPER_SIZE.fullmatch(v.value.strip()))
        for k, v in zip(node.keys, node.values, strict=False):
            if isinstance(k, ast.Constant) and isinstance(k.value, str) and is_model_key(k.value):
                if whisper and isinstance(v, ast.Constant) and isinstance(v.value, str) and id(v) not in self.claimed \
                        and id(v) not in self.silenced and _WHISPER_SIZE.fullmatch(v.value.strip()):
                    line, col = self.position(v)
                    size = _unquote(str(v.value))
                    self.c.add(size[0].strip(), line, col + size[1], Match("other", None, 0.85, "speech"),
                               role="speech", source_id="python-whisper", symbol=self.symbol())
                    self.claimed.add(id(v))
                    continue
                for lit in self.literals(v):
                    self.report(lit, hint="key", role=None, api=None, source_id="python-model-key",
                                binding=None if response else k.value)
            elif isinstance(k, ast.Constant) and isinstance(k.value, str) and isinstance(v, ast.Constant) \
                    and isinstance(v.value, str) and id(v) not in self.claimed \
                    and weight_file_named(k.value, v.value.strip()):
                # a download catalogue's {"file_name": "moondream2-q5km-050824.llamafile", "url": …}: the file the
                # entry stores, named by a weight format (the tree-sitter readers' file-name binding rule)
                self.report(v, hint="key", role=None, api=None, source_id="python-model-key", binding=k.value)
            if isinstance(v, ast.Dict) and isinstance(k, ast.Constant) and isinstance(k.value, str) \
                    and not response and (is_model_key(k.value) or _is_model_section(k.value)):
                # a request's or setting's model written as a record ({"model": {"name": "gpt-4o-mini", "parameters":
                # {…}}}, "model_configuration": {"name": …}): its name or id is the model
                for ik, iv in zip(v.keys[:64], v.values[:64], strict=False):
                    if isinstance(ik, ast.Constant) and ik.value in ("name", "id") \
                            and isinstance(iv, ast.Constant) and isinstance(iv.value, str):
                        self.report(iv, hint="key", role=None, api=None, source_id="python-model-key",
                                    binding=f"{k.value}.{ik.value}")

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        """``class WhisperModelEnum(Enum): TINY = "tiny"; LARGE_V3 = "large-v3"``: a class named for Whisper models
        lists the checkpoints an app offers by their size words; each is the model the library downloads. Under any
        other class (``VideoQuality.SMALL = "small"``) the words stay nothing."""
        if not _WHISPER_NAME.search(node.name):
            return
        for stmt in node.body[:256]:
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(stmt.value, ast.Constant) \
                    and isinstance(stmt.value.value, str) and id(stmt.value) not in self.claimed \
                    and id(stmt.value) not in self.silenced and _WHISPER_SIZE.fullmatch(stmt.value.value.strip()):
                lit = stmt.value
                line, col = self.position(lit)
                value, shift = _unquote(str(lit.value))
                self.c.add(value.strip(), line, col + shift, Match("other", None, 0.85, "speech"), role="speech",
                           source_id="python-whisper", symbol=self.symbol(), evidence=(f"container:{node.name}",
                                                                                       "whisper-size"))
                self.claimed.add(id(lit))

    def visit_arguments(self, node: ast.arguments) -> None:
        positional = node.posonlyargs + node.args
        for param in (*positional, *node.kwonlyargs):
            if param.annotation is not None:
                self._literal_type([param.arg], param.annotation)
        pairs = list(zip(positional[len(positional) - len(node.defaults):], node.defaults, strict=False))
        pairs += [(a, d) for a, d in zip(node.kwonlyargs, node.kw_defaults, strict=False) if d is not None]
        for arg, default in pairs:
            if is_model_key(arg.arg) or _hub_repo_binding(arg.arg):
                for lit in self.literals(default):
                    self.report(lit, hint="key", role=None, api=None, source_id="python-model-key", binding=arg.arg)

    def _model_records(self, table: str, value: ast.List | ast.Tuple | ast.Set) -> None:
        """``models_config = [{"name": "DeepSeek-R1", "publisher": "DeepSeek", "version": "1", "sku": …}, …]``: a list
        of records named for models (the deployments a notebook's template creates, a catalogue an app offers) whose
        records name no model under a model key: each record's ``name`` / ``id`` is the model it describes. A record
        with a model key (``{"name": "fast", "model": "gpt-4o"}``) names itself, its model is read by visit_Dict."""
        for record in value.elts[:MAX_TABLE]:
            if not isinstance(record, ast.Dict):
                continue
            keys = [k.value if isinstance(k, ast.Constant) and isinstance(k.value, str) else None
                    for k in record.keys[:64]]
            if any(k is not None and is_model_key(k) for k in keys):
                continue
            for k, v in zip(keys, record.values[:64], strict=False):
                if k in ("name", "id") and isinstance(v, ast.Constant) and isinstance(v.value, str) \
                        and id(v) not in self.claimed:
                    self.report(v, hint="key", role=None, api=None, source_id="python-model-list",
                                binding=f"{table}.{k}", table=True)

    def _literal_type(self, names: list[str], annotation: ast.expr | None) -> None:
        """``type_embeddings_model = Literal["titan_v2", "cohere_multilingual_v3"]``, ``model: Literal["gpt-4o",
        "o3-mini"] = "gpt-4o"``, ``def ask(model: Literal[…])``: a type that lists the only values a model-named alias,
        field or parameter can take (pydantic validates requests against it); each is a model name, as an entry of a
        list under that name is."""
        options = _literal_options(annotation)
        if not options or not any(is_model_key(n.split(".")[-1]) and not _ARCH.search(n.split(".")[-1])
                                  for n in names):
            return  # (`model_type: Literal["chat", "completion"]` lists kinds, not models)
        for lit in options:
            # (snake_case words with no digit, `openie_openai_gpt`, name an app's implementation classes as often)
            if id(lit) not in self.claimed and not _SNAKE_WORDS.fullmatch(str(lit.value)):
                self.report_listed(lit, "python-model-list")

    def _keyed(self, names: list[str], value: ast.expr) -> None:
        if _literal_options(value):
            self._literal_type(names, value)
            return
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and len(value.args) == 1 \
                and not value.keywords and value.func.id in ("frozenset", "set", "tuple", "list") \
                and isinstance(value.args[0], (ast.List, ast.Tuple, ast.Set)):
            value = value.args[0]  # THINKING_MODELS = frozenset({"qwen3-max-preview", …}): the literal inside
        keyed = next((n.split(".")[-1] for n in names if is_model_key(n.split(".")[-1])), None)
        if keyed is None and isinstance(value, ast.Constant):
            # backbone_repo = "neuphonic/neutts-nano": a part's Hub repository (read as a Hub id by report)
            keyed = next((n.split(".")[-1] for n in names if _hub_repo_binding(n)), None)
        if keyed is not None:
            for lit in self.literals(value):
                self.report(lit, hint="key", role=None, api=None, source_id="python-model-key", binding=keyed)
            self._field_default(keyed, value)
            elts = _str_elts(value) if isinstance(value, (ast.List, ast.Tuple, ast.Set)) else []
            if not any(is_model_key(str(elt.value)) for elt in elts):
                # ASR_MODELS = ["Fun-ASR-Nano-2512", "paraformer-zh"]: a list under a model-named name is read as one
                # under a name that merely mentions models is (below), entry by entry; not a list of setting names
                # (_extend_models = ["deepseek_model", "tts_voice"])
                template = bool(_TEMPLATE_SCOPE.search(self.symbol() or ""))
                for elt in elts:
                    # a prompt template's allowed models: a family word names the template (as in visit_Constant)
                    if id(elt) not in self.claimed and not (template and not _PARAM_SIZE.search(str(elt.value))):
                        self.report_listed(elt, "python-model-list")
            if isinstance(value, (ast.List, ast.Tuple)) and _MODEL_RECORDS.fullmatch(keyed):
                self._model_records(keyed, value)  # MODELS = [{"id": "acme-chat-7b", "context": 8192}, …]
        elif any(_MODEL_WORD_I.search(n) for n in names) and not any(_MATCH_WORDS.search(n) for n in names):
            if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
                for elt in _str_elts(value):
                    self.report_listed(elt, "python-model-list")
                table = next((n.split(".")[-1] for n in names if _MODEL_RECORDS.fullmatch(n.split(".")[-1])), None)
                if table is not None:
                    self._model_records(table, value)
            elif isinstance(value, ast.Dict):
                # MODEL_PATHS = {"qwen-7b-chat": "Qwen/Qwen-7B-Chat"}: the keys name models too
                for key, item in zip(value.keys, value.values, strict=False):
                    for node in (key, item):
                        if isinstance(node, ast.Constant) and isinstance(node.value, str):
                            self.report_listed(node, "python-model-list")


# a function that answers which model to use (`get_default_model`, `resolve_model_name`, `current_llm_model`,
# `get_available_models`): its result is a model's name (or a list of them); not one that builds or loads a model object
_MODEL_GETTER = re.compile(r"_*(?:get|resolve|select|pick|choose|find|current|default|lookup)_(?:[a-z0-9]+_){0,4}"
                           r"(?:model|models|model_name|model_id|model_names|model_ids)")
# lower-case words joined by `_` and nothing else (no digit): an identifier in code, not a model's id
_SNAKE_WORDS = re.compile(r"[a-z]+(?:_[a-z]+)+")
# unittest's equality and membership assertions (and their deprecated spellings, nose / pytest helpers' assert_equal)
_ASSERT_EQUAL = frozenset({"assertEqual", "assertEquals", "assertNotEqual", "assertNotEquals", "assert_equal",
                           "assert_not_equal"})
_ASSERT_IN = frozenset({"assertIn", "assertNotIn"})
# a function (lower case: not a class, an ORM's Model(name=…)) that makes, loads or stands for a model
_MODEL_FUNCTION = re.compile(r"^_*(?:[a-z0-9]+_)*model$")
# calls that hand their first argument, a command line, to a shell (subprocess's only with shell=True in effect,
# but a one-string command is read the same way: a model named in it is downloaded or served either way)
# model runners whose subcommands take the model as their positional argument (ollama.com/docs CLI reference;
# containers/ramalama docs/ramalama-{pull,run,serve}.1.md; as_of 2026-12-05), and those subcommands
_RUNNER_CLIS = frozenset({"ollama", "ramalama"})
# model CLIs whose argument lists the shell's command reader reads (python._cli_argv): Hub downloaders and servers
_ARGV_CLIS = frozenset({"huggingface-cli", "hf", "modelscope", "vllm", "llama-server", "llama-cli", "lmdeploy",
                        "text-generation-launcher", "text-embeddings-router", "mlx_lm.generate", "mlx_lm.server"})
_RUNNER_SUBCOMMANDS = frozenset({"pull", "run", "serve", "push", "show", "inspect"})
# a model reference as a runner takes it: a name, tag, org/name or a transport URI (`ollama://`, `hf://`, `oci://`);
# no template, no white space
_RUNNER_MODEL = re.compile(r"[A-Za-z0-9][\w.@+-]*(?::[\w.+-]+)?|[a-z]+://[\w./:@+-]+|[\w.-]+/[\w./@:+-]+")
_SHELL_CALLS = frozenset({"os.system", "os.popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
                          "subprocess.check_output", "subprocess.Popen", "subprocess.getoutput",
                          "subprocess.getstatusoutput"})
# a list named for the models it describes, one record each (`models_config`, `models`, `model_list`, `llm_models`,
# `model_deployments`): lower-case words, "model(s)" the last or the last but one
_MODEL_RECORDS = re.compile(r"(?:[a-z0-9]+_){0,3}models?(?:_(?:config|configs|list|catalog|catalogue|deployments?|"
                            r"specs?|definitions?|entries|registry|info))?|[A-Z_]*MODELS(?:_[A-Z]+)?")
# the last word of a name whose entries are matched inside a model's name, not models: _EMBEDDING_MODEL_HINTS =
# ('embed', 'bge-', 'e5-', 'm3e'), MODEL_PREFIXES, REASONING_MODEL_KEYWORDS, VISION_MODEL_PATTERNS
_MATCH_WORDS = re.compile(r"(?i)(?:hints?|keywords?|prefix(?:es)?|suffix(?:es)?|patterns?|markers?|substrings?|"
                          r"needles?|fragments?|stems?)$")


_HANDLERS: dict[type, Callable[[_Module, Any], None]] = {
    ast.JoinedStr: _Module.visit_JoinedStr,
    ast.Compare: _Module.visit_Compare,
    ast.BinOp: _Module.visit_BinOp,
    ast.List: _Module._visit_sequence,
    ast.Tuple: _Module._visit_sequence,
    ast.Set: _Module._visit_sequence,
    ast.Call: _Module.visit_Call,
    ast.GeneratorExp: _Module.visit_comprehension,
    ast.ListComp: _Module.visit_comprehension,
    ast.SetComp: _Module.visit_comprehension,
    ast.For: _Module.visit_For,
    ast.Constant: _Module.visit_Constant,
    ast.Assign: _Module.visit_Assign,
    ast.AnnAssign: _Module.visit_AnnAssign,
    ast.Dict: _Module.visit_Dict,
    ast.arguments: _Module.visit_arguments,
    ast.ClassDef: _Module.visit_ClassDef,
}


# most call names match no rule: one search of the joined callees answers those (instead of one search per rule)
_ANY_RULE_CALLEE = any_of([r.callee for r in RULES])


# the calls that download or load a model's files from the Hub and take ``revision=`` / ``trust_remote_code=``
# (transformers Auto*/pipeline, sentence-transformers, vLLM, huggingface_hub's and ModelScope's downloads): their
# findings record how (``_load_evidence``); InferenceClient, model_info and list_repo_files load nothing
_HUB_LOADER_RULES = frozenset({"python-from-pretrained", "python-hf-pipeline", "python-sentence-transformers",
                               "python-vllm"})
_HUB_DOWNLOAD = re.compile(r"(?:^|\.|_)(?:hf_hub_download|snapshot_download|model_file_download)$")


def _loads_from_hub(rule_id: str, name: str) -> bool:
    return rule_id in _HUB_LOADER_RULES or (rule_id == "python-hf-hub" and bool(_HUB_DOWNLOAD.search(name)))


@lru_cache(maxsize=4096)
def _rule_for(name: str) -> CallRule | None:
    """The first rule whose callee pattern matches a dotted call name (call names recur: memoised)."""
    if _ANY_RULE_CALLEE is not None and _ANY_RULE_CALLEE.search(name) is None:
        return None
    return next((r for r in RULES if r.callee.search(name)), None)


@lru_cache(maxsize=1 << 14)
def _call_facts(name: str) -> tuple[str, bool, bool, bool, CallRule | None, bool, bool, bool]:
    """What ``visit_Call`` reads from a dotted call name alone, in one memoised tuple: its last part, whether it is a
    regex call, an HTTP call, a template call, its rule, a migration operation, a model function, an env/config
    getter. A real tree's calls repeat their names (81,000 calls, 15,700 names on the 78-repository tree), and the
    five searches and two splits a call paid each time are now paid once per name (issue 10)."""
    last = name.rsplit(".", 1)[-1]
    return (last, name in _REGEX_CALLS, last in _HTTP_CALLS, _TEMPLATE_CALL.search(last) is not None,
            _rule_for(name), _MIGRATION_OP.search(name) is not None, _MODEL_FUNCTION.search(last) is not None,
            _GETENV.search(name) is not None)


def _role_for_class(name: str) -> str | None:
    cls = name.rsplit(".", 2)[-2] if "." in name else name
    low = cls.lower()
    if "causallm" in low or "seq2seqlm" in low or "forconditionalgeneration" in low:
        return "vision" if "vision" in low or "imagetext" in low else "generation"
    if "embedding" in low:
        return "embedding"
    if "whisper" in low or "speech" in low or "ctc" in low or "audio" in low:
        return "speech"
    if "diffusion" in low or ("pipeline" in low and "image" in low):
        return "image"
    if "vision" in low or "clip" in low or "imageprocessor" in low:
        return "vision"
    if "sequenceclassification" in low:
        return "other"
    return None


_TASK_ROLES = {
    "text-generation": "generation", "text2text-generation": "generation", "summarization": "generation",
    "translation": "generation", "conversational": "generation", "question-answering": "generation",
    "feature-extraction": "embedding", "sentence-similarity": "embedding",
    "automatic-speech-recognition": "speech", "text-to-speech": "speech", "text-to-audio": "speech",
    "audio-classification": "speech", "image-to-text": "vision", "image-classification": "vision",
    "object-detection": "vision", "image-segmentation": "vision", "zero-shot-image-classification": "vision",
    "visual-question-answering": "vision", "image-text-to-text": "vision", "text-to-image": "image",
    "text-classification": "other", "token-classification": "other", "zero-shot-classification": "other",
    "fill-mask": "other", "sentiment-analysis": "other", "ner": "other",
}


def _role_for_task(task: str) -> str | None:
    return _TASK_ROLES.get(task.lower())


class PythonSource:
    id = "python"
    description = "Python code: values that reach model-loading and model-calling APIs"
    samples: tuple[Sample, ...] = (
        Sample("app/llm.py", 'from openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com")\n'
               'r = client.chat.completions.create(model="deepseek-chat", messages=[])\n', ("deepseek-chat",)),
        Sample("emb.py", 'import os\nfrom sentence_transformers import SentenceTransformer\n'
               'NAME = os.getenv("EMB", "BAAI/bge-m3")\nm = SentenceTransformer(NAME)\n', ("BAAI/bge-m3",)),
        Sample("select.py", 'def load(llm_name):\n    if llm_name == "claudev2":\n        return 1\n'
               'p.add_argument("--model", default="qwen-14b-chat", choices=["qwen-14b-chat", "qwen-vl-chat"])\n',
               ("claudev2", "qwen-14b-chat", "qwen-vl-chat")),
        Sample("misc.py", 'x = "facebook/react"\ny = "application/json"\nz = open("data/train.csv")\n'
               'img = "vllm/vllm-openai:latest"\n', ()),
        Sample("flow.py", 'if "qwen3" in model.lower():\n    pass\nEMBED_MODEL_NAME = "embed"\n'
               'SIZES = {"70b": "70B"}\nurl = f"{base}/models/llama-7b"\n', ()),
    )

    def applies_to(self, path: str) -> bool:
        return path.endswith((".py", ".pyi", ".pyw"))

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip | SymbolUse]:
        uses: list[SymbolUse] = []
        return [*scan_python_text(file, self.id, uses=uses), *uses]


# PEP 695 (Python 3.12): a type alias statement (`type Provider = Literal["openai", "kimi"]`, `type Pair[T] = ...`) and a
# function's or class's own type parameters (`def first[T](xs: list[T]) -> T:`, `class Box[T: int](Base):`)
_TYPE_ALIAS = re.compile(r"^([ \t]*)type(?=[ \t]+[A-Za-z_]\w*[ \t]*(?:\[[^\]\n]*\][ \t]*)?=)", re.MULTILINE)
_TYPE_PARAMS = re.compile(r"^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+[A-Za-z_]\w*(\[)", re.MULTILINE)


def _older_grammar(text: str) -> str | None:
    """``text`` with Python 3.12's type statements and type parameters written as code an older parser takes, every
    other character where it was (lines and columns kept for the findings): ``type X = v`` becomes ``_=0; X = v``
    (``X[T] = v`` for a generic alias, a subscript assignment), and a definition's ``[T, *Ts, **P]`` is blanked.
    None when the text has neither, or a bracket is not closed. The interpreter that runs the scan may be older than
    the code it reads (this package supports 3.10 and 3.11): without this, such a file is read without value flow."""
    out = _TYPE_ALIAS.sub(lambda m: m.group(1) + "_=0;", text)
    chars: list[str] | None = None
    for m in _TYPE_PARAMS.finditer(out):
        start, depth = m.start(1), 0
        for end in range(start, min(len(out), start + 2000)):
            depth += {"[": 1, "]": -1}.get(out[end], 0)
            if depth == 0:
                break
        else:
            return None
        if chars is None:
            chars = list(out)
        for i in range(start, end + 1):
            if chars[i] != "\n":
                chars[i] = " "
    if chars is not None:
        out = "".join(chars)
    return out if out != text else None


def scan_python_text(file: SourceFile, source_id: str, line_offset: int = 0,
                     uses: list[SymbolUse] | None = None) -> list[Finding | Skip]:
    """Scan Python text; ``line_offset`` shifts lines (notebook cells). ``uses``: a list to collect the
    cross-file ``SymbolUse``s into; findings bound to module-level names then carry ``binding:<name>``.

    The analysis after parsing runs under the file's budget (see ``discover.base.Budget``); when it runs
    out, the findings so far are kept, every string literal is still classified on its own (a cheap pass
    with a fresh allowance), and an ``analysis-budget`` Skip says so. A file whose syntax tree would be too large
    (``python_size.ast_estimate``) is read through the tree-sitter grammar and the classifier instead."""
    estimate = ast_estimate(file.text)
    if estimate > MAX_AST_ESTIMATE:
        return without_ast(file, estimate, line_offset)
    try:
        try:
            tree = ast.parse(file.text)
        except SyntaxError:
            older = _older_grammar(file.text) if sys.version_info < (3, 12) else None
            if older is None:
                raise
            tree = ast.parse(older)  # its own SyntaxError is the file's, reported below
    except (SyntaxError, ValueError) as exc:
        # a file Python cannot parse (Python 2 print statements, a stray line left by an edit, a template's
        # placeholders) still holds its string literals, and tree-sitter's grammar recovers around the error: read it
        # as an over-size file is (its literals with their keys and calls, decided by the classifier, no value flow)
        # rather than not at all; the Skip still says the file did not parse
        why = Skip(file.path, "parse-error", f"python: {exc.__class__.__name__}: {getattr(exc, 'msg', exc)}; "
                   "read through the tree-sitter grammar's string literals and the classifier instead (no value flow)")
        return [why, *without_ast(file, estimate, line_offset)[1:]]
    except (RecursionError, MemoryError):
        return [Skip(file.path, "parse-error", "python: nesting too deep to parse")]
    collector = Collector(file, source_id)
    collector.budget.stop_at_cap = True  # handled below: the findings so far are kept
    visitor = _Module(tree, collector, file.text.splitlines())
    out: list[Finding | Skip] = []
    link = uses is not None
    visitor.uses = uses
    bound: dict[tuple[int, str], list[str]] = {}
    class_bound: dict[tuple[int, str], tuple[str, list[str]]] = {}
    try:
        visitor.collect()
        visitor.run()
        visitor.comments(file.text)
        if link and collector.findings:
            try:
                bound = visitor.bindings(tree)
                class_bound = visitor.class_bindings(tree)
            except BudgetExceeded as exc:  # the evidence is extra: the findings stay, the skip says what is missing
                bound, class_bound = {}, {}
                out.append(budget_skip(file.path, "python", exc, "findings kept without their binding: evidence"))
    except RecursionError:
        return [Skip(file.path, "parse-error", "python: nesting too deep to analyse")]
    except BudgetExceeded as exc:
        fallback = "kept the findings so far and classified each string literal on its own"
        if not isinstance(exc, FindingsCapped):
            visitor.budget = collector.budget = visitor.budget.fresh()
            try:
                visitor.literals_only()
            except BudgetExceeded:
                fallback = "kept the findings so far; the literal-only pass ran out too"
        out.append(budget_skip(file.path, "python", exc, fallback))
    for f in dedupe(collector.findings):
        names = bound.get((f.line, f.raw)) if bound and f.symbol is None else None
        if not names and class_bound and f.kind != "endpoint":
            owner, attr_names = class_bound.get((f.line, f.raw), (None, []))
            names = attr_names if owner is not None and f.symbol == owner else None
        if names:
            from dataclasses import replace

            f = replace(f, evidence=(*(f.evidence or ()), *(f"binding:{n}" for n in names)))
        if line_offset:
            from dataclasses import replace

            f = replace(f, line=f.line + line_offset)
        out.append(f)
    return out


def _argv_words(elts: list[ast.expr], programs: frozenset[str] | set[str]) -> list[str | None] | None:
    """The words of an argument list written in code (3 to 64 items; a non-literal item is None), when its first
    word is one of ``programs`` (a path before the name allowed: ``/usr/bin/ollama``); else None."""
    if len(elts) < 3 or len(elts) > 64:
        return None
    words = [e.value if isinstance(e, ast.Constant) and isinstance(e.value, str) else None for e in elts]
    if words[0] is None or words[0].rsplit("/", 1)[-1] not in programs:
        return None
    return words
