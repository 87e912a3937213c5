"""Go, Java, Kotlin, C#, PHP, Rust, Ruby, Scala, Swift, Dart, Elixir, C/C++, Lua and Terraform/HCL, through the two
layers.

Each file is parsed with its tree-sitter grammar (``modelmap.discover.languages``), every string
literal is extracted with its context (``candidates``), and the classifier decides which literals
are model references and on what evidence (``classifier``). Base URLs of model APIs are reported
as endpoints; when a file names exactly one model API endpoint, the models in it are reported
with that endpoint (evidence ``provider-context``).

Java ``.properties`` files (Spring ``spring.ai.openai.chat.options.model=…``) are read line by
line by ``PropertiesSource``: the key path is the binding.
"""

from __future__ import annotations

import collections
import re
from bisect import bisect_right as _bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from modelmap.discover.base import (
    BudgetExceeded,
    Collector,
    Sample,
    SourceFile,
    blank_outside,
    budget,
    budget_skip,
    linear,
    parse_within_budget,
)
from modelmap.discover.candidates import (
    EMBEDDED_INI,
    FORM_PAIR,
    GO_TAG_DEFAULT,
    MAX_CONTEXT_DEPTH,
    MAX_LITERAL,
    PROVIDER_QUERY,
    RECORD_KEY,
    ROLE_PAIR,
    SQL_SCALAR,
    Candidate,
    extract,
    literal_text,
    long_model_setting,
    model_uses,
    rust_test_rows,
    templated_model_dir,
)
from modelmap.discover.classifier import (
    _CUSTOM_OR_PLACE,
    _ENV_NAME,
    BINDING_ONLY,
    Decision,
    _known,
    _not_a_model,
    context_hint,
    could_decide,
    decide,
    hub_repo_shape,
    is_model_name,
    not_model_folder,
    plausible,
    snake,
)
from modelmap.discover.config_files import Mapping, Node, ParseError, Seq, TreeWalker, ids_for, parse_json
from modelmap.discover.config_files import _shift as shift_node
from modelmap.discover.identify import (
    PLACEHOLDER,
    WHISPER_SIZE,
    Hint,
    Match,
    azure_usage_model,
    classify,
    classify_client_endpoint,
    classify_endpoint,
    is_generic,
    names_family,
    selection_items,
    vocab,
)
from modelmap.discover.languages import Language, language_for, parser_for, sdk_calls
from modelmap.discover.links import CODE_MODULE, CONST_TAG, DEPLOYED_AS, DEPLOYMENT_PROVIDER, DEPLOYS, PENDING
from modelmap.discover.peers import (
    CONST_NAME,
    MAX_TABLE,
    MIN_KNOWN,
    accepted,
    is_provider_name,
    peer_match,
    peer_shaped,
    reads_as_model,
)
from modelmap.types import Finding, Skip, SymbolUse

MAX_DEPTH = 2000  # syntax-tree nesting past which a file is skipped


# "model": "gpt-4o" inside a JSON text held in a string literal (request bodies, test fixtures); no nested
# quantifiers, so linear on any input
_EMBEDDED_PAIR = re.compile(r'\\?"(\w{0,40}(?:model|Model|MODEL)\w{0,40})\\?"\s{0,8}:\s{0,8}\\?"([^"\\\s]{1,200})\\?"')

# "id": "claude-sonnet-4-5-20250929" inside a JSON text held in a string literal: a model object's or a /models
# listing's id, as a serialisation test asserts it (`json.contains("\"id\":\"claude-…\"")`) or a mock returns
# it; bound to `id`, which says nothing of models, so only an id that reads as a model on its own is one
_EMBEDDED_ID_PAIR = re.compile(r'\\?"id\\?"\s{0,8}:\s{0,8}\\?"([^"\\\s]{1,200})\\?"')
# the same pair written with single quotes, as lenient JSON parsers (Gson's JsonParser, JSON5) and Python dict
# reprs take it (`JsonUtils.parse("{'output': {'target_model': 'paraformer-realtime-v2'}}")`): read only in a literal
# without double quotes, and only a value that reads as a model on its own (recorded JSON: ``embedded``)
_EMBEDDED_SQ_PAIR = re.compile(r"'(\w{0,40}(?:model|Model|MODEL)\w{0,40})'\s{0,8}:\s{0,8}'([^'\\\s]{1,200})'")


# PROMPTMODEL("Ollama/gemma3:4b", C1) inside a string (a spreadsheet formula, a template, a script held in a
# literal): the first quoted argument of a call whose name says model; linear like _EMBEDDED_PAIR
_EMBEDDED_CALL = re.compile(r'(?<![\w.])(\w{0,40}(?:model|Model|MODEL)\w{0,40}(?:\.\w{1,40})?)\(\s{0,8}\\?"([^"\\\s]{1,200})\\?"')


def _has_model_word(value: str) -> bool:
    return "odel" in value or "ODEL" in value


def _keep(value: str) -> bool:
    return plausible(value) or (_has_model_word(value) and ('"' in value or ("'" in value and "{" in value))) or (
        '"id' in value and _EMBEDDED_ID_PAIR.search(value) is not None) or (
        value[:1] == "[" and _PRINTED_LIST.fullmatch(value) is not None) or _yaml_setting(value) is not None or (
        _listed_item(value) is not None) or bool(_literal_settings(value)) or (
        " " in value and _GENAI_SPAN_NAME.fullmatch(value) is not None) or (
        ", " in value and bool(selection_items(value)))  # "openai/gpt-4o, ollama/llama3.3": its selections


# a list written as text the way Java's and Kotlin's List.toString() / Arrays.toString() print one
# (`assertEquals("[gpt-4.1-nano, gpt-4.1-mini, gpt-4o]", service.getModels().toString())`): its items, each read as
# a literal of its own; items hold no space, comma, quote or bracket, 2 to 64 of them
_PRINTED_LIST = re.compile(r"\[[^\[\]\s,\"']{1,200}(?:, [^\[\]\s,\"']{1,200}){1,63}\]")
_PRINTED_ITEM = re.compile(r"[^\[\]\s,]+")


def _printed_items(cand: Candidate) -> Iterator[Candidate]:
    """The items of a printed list literal (``_PRINTED_LIST``), each at its own column, as a list's items."""
    for m in _PRINTED_ITEM.finditer(cand.value, 1, len(cand.value) - 1):
        yield replace(cand, value=m.group(0), column=cand.column + m.start(), container=True, group=None)


# a property placeholder with a default, as Spring's @Value and config strings write it:
# "${spring.ai.openai.chat.options.model:qwen-plus}", "${EMBEDDING_MODEL:-bge-m3}"; an `env:` source before the
# variable (DB-GPT's "${env:LLM_MODEL:-x}", mcphost's URI-style "${env://MODEL:-anthropic/claude-…}") is the
# source's name, not the variable (else `env` read as the variable and `//MODEL:-…` as its default)
_PLACEHOLDER_DEFAULT = re.compile(r"\$\{(?:env:(?://)?)?([\w.\[\]-]{1,120}):-?([^${}\s:][^${}\s]{0,199})\}")


# a model id and its options as a query string (`gpt-4o-mini?max_output_tokens=16&temperature=0.5`); no `/` before
# the `?` begins it with a scheme or a path (`/chat?model=x`, `https://…?…`)
_MODEL_OPTIONS = re.compile(r"([A-Za-z0-9][\w.:-]{0,199}(?:/[\w.:-]{1,200}){0,2})\?[A-Za-z_][\w.\[\]-]{0,60}=[^&\s=]{0,200}"
                            r"(?:&[A-Za-z_][\w.\[\]-]{0,60}=[^&\s=]{0,200}){0,31}")


# a property setting written as one literal, a dotted property name and its value (`spring.ai.ollama.chat.model=qwen3`)
_PROPERTY_SETTING = re.compile(r"([A-Za-z][\w-]{0,60}(?:\.[A-Za-z][\w-]{0,60}){1,12})=([^\s=${}\[\]]{1,200})")


# a YAML setting written as one literal, as a test writes a config file before running a CLI
# (`os.WriteFile(cfg, []byte("model: gpt-4o\n"), 0644)`): the key and its value, the trailing newline (escaped as
# written in the source, or real) dropped; read only under a model key (is_model_name), as a config file's line is
_YAML_SETTING = re.compile(r"([A-Za-z_][\w-]{0,60}):[ \t]{1,8}([^\s\"'{}\[\],#\\][^\s\"'{}\[\],#\\]{0,199})"
                           r"(?:\\n|\n){0,2}")
# one line of a bulleted list as a program prints it (a CLI's `--list-models`: `- gpt-3.5-turbo`, `* gpt-4o
# (current)`), which a test expects in the output: the item, a note in parentheses after it dropped. Any language
# writes a list for people this way, so only the item is read, with the literal's own context (the classifier decides)
_LISTED_ITEM = re.compile(r"[-*\u2022] ([A-Za-z0-9][\w.:/-]{1,120})(?: \([a-z][\w ]{0,30}\))?")


def _yaml_setting(value: str) -> re.Match[str] | None:
    """``_YAML_SETTING`` over the whole of ``value`` when its key names a model, behind a substring test most
    literals fail at once."""
    if ": " not in value and ":\t" not in value:
        return None
    m = _YAML_SETTING.fullmatch(value)
    return m if m is not None and is_model_name(m.group(1)) else None


_MAX_TEXT_LINES = 64  # lines of a one-line literal's `\n`-escaped text read for a YAML setting


def _yaml_text_settings(value: str) -> list[tuple[int, re.Match[str]]]:
    """The model settings of a YAML text written as one literal with ``\\n`` escapes, as a test writes a config file
    before loading it (``writeFile($path, "driver: openai\\nmodel: gpt-4o-mini\\n")``): each escaped line that is a
    ``_YAML_SETTING`` under a model key (indented or not), with the offset of the line's match in ``value``. A text
    of one setting is ``_yaml_setting``'s."""
    if "\\n" not in value or (": " not in value and ":\t" not in value) or value.count("\\n") > _MAX_TEXT_LINES:
        return []
    found: list[tuple[int, re.Match[str]]] = []
    start = 0
    for line in value.split("\\n"):
        body = line.lstrip(" ")
        if body and (m := _YAML_SETTING.fullmatch(body)) is not None and is_model_name(m.group(1)):
            found.append((start + len(line) - len(body), m))
        start += len(line) + 2
    return found


# settings written as one literal of `key=value` pairs joined by `,` or `;`: a DSN (`driver=openai,model=gpt-4o-mini,
# temperature=0.2`), a connection string (`Endpoint=http://localhost:11434;Model=llama3`, as .NET Aspire and Semantic
# Kernel write them); a segment without `=` is left out, and two pairs at least make the list
_SETTING_PAIR = re.compile(r"\s{0,4}([A-Za-z_][\w.-]{0,60})=([^\s=,;\"'`{}$<>][^\s,;\"'`{}$<>]{0,199})\s{0,4}")
_MAX_PAIRS = 32


def _settings_pairs(value: str) -> list[tuple[int, re.Match[str]]]:
    """The model-keyed pairs of a ``key=value`` settings list in one literal (``_SETTING_PAIR``), each with the offset
    of its segment in ``value``; none unless two segments at least are pairs."""
    if "=" not in value or ("," not in value and ";" not in value) or len(value) > 2000 or "\n" in value:
        return []
    pairs = 0
    found: list[tuple[int, re.Match[str]]] = []
    start = 0
    for i, seg in enumerate(re.split(r"[,;]", value)):
        if i >= _MAX_PAIRS:
            return []
        m = _SETTING_PAIR.fullmatch(seg)
        if m is not None:
            pairs += 1
            if is_model_name(m.group(1).rsplit(".", 1)[-1]):
                found.append((start, m))
        start += len(seg) + 1
    return found if pairs >= 2 else []


def _literal_settings(value: str) -> list[tuple[int, re.Match[str]]]:
    """The model settings written in one literal: a YAML text with ``\\n`` escapes, else a ``key=value`` list."""
    return _yaml_text_settings(value) or _settings_pairs(value)


def _listed_item(value: str) -> re.Match[str] | None:
    """``_LISTED_ITEM`` over the whole of ``value``."""
    if value[:2] not in ("- ", "* ", "\u2022 "):
        return None
    return _LISTED_ITEM.fullmatch(value)


# a Bedrock ARN's model part: `arn:aws:bedrock:<region>::foundation-model/<id>`, `…:inference-profile/<id>` (also
# the literal piece after a template's last interpolation: `…${local.account_id}:inference-profile/<id>`); an Azure
# OpenAI address's deployment (`…/openai/deployments/gpt-35-turbo/chat`), a model only when the name says so
_EMBEDDED_ID = re.compile(r"(?:^|:)(?:foundation-model|inference-profile)/([a-z][\w.-]{2,120}(?::\d+)?)$|"
                          r"/openai/deployments/([A-Za-z0-9][\w.-]{1,120})(?:/|$)")


def _embedded_id(value: str) -> re.Match[str] | None:
    """``_EMBEDDED_ID`` in ``value``, behind a substring test most literals fail at once."""
    if "-model/" in value or "-profile/" in value or "/deployments/" in value:
        return _EMBEDDED_ID.search(value)
    return None


def _lines_said(lines: list[int]) -> str:
    """``line 12`` or ``line 12 and 3 more``: where the literals a skip is about start."""
    return f"line {lines[0]}" + (f" and {len(lines) - 1} more" if len(lines) > 1 else "")


# a comma-separated list of ids in one literal (`libre_app_az_oai_models = "gpt-35-turbo,gpt-4,gpt-4-vision-preview"`)
_LIST_ITEM = re.compile(r"[^,\s]{1,200}")


def _list_items(cand: Candidate) -> Iterator[Candidate]:
    """The items of a comma-separated literal bound to a name that says models (a list setting's value): each read
    with the literal's context, at its own column."""
    if not cand.bindings or cand.is_key or cand.value.count(",") > 64:
        return
    name = cand.bindings[0]
    if not (is_model_name(name) or (_MODEL_LIST_NAME.search(name) is not None)):
        return
    for m in _LIST_ITEM.finditer(cand.value):
        yield replace(cand, value=m.group(0), column=cand.column + m.start(), container=True, group=None)


_MODEL_LIST_NAME = re.compile(r"(?i)models?(?:_?(?:list|ids?|names?))?$")


# a file's name (`config.json`, `tokens.txt`, `encoder-epoch-99-avg-1.int8.mnn`), not a folder's
_FILE_NAME_TAIL = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,5}$")
# separated words (k2-fsa's release names run to ten: sherpa-onnx-streaming-zipformer-bilingual-zh-en-2023-02-20)
_FOLDER_SHAPE = re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+){1,15}")


def _model_dir_tail(value: str) -> re.Match[str] | None:
    """A template's last part, a folder directly under a directory variable named for models
    (``candidates.TEMPLATED_MODEL_DIR``), when the folder's name reads as a model's: separated words with a digit or a
    family word (``sherpa-mnn-streaming-zipformer-en-2023-02-21``, ``qwen2.5-1.5b``), not a file in the directory
    (``$modelDir/config.json``) nor a scratch folder (``$modelDir/cache``)."""
    m = templated_model_dir(value)
    if m is None:
        return None
    seg = m.group("seg")
    if _FILE_NAME_TAIL.search(seg) or not _FOLDER_SHAPE.fullmatch(seg) or _VERSION_CODE.fullmatch(seg) \
            or not reads_as_model(seg) or is_generic(seg) or is_model_name(seg):
        return None
    return m


# a file's name however long its extension (`giga-am-v3.int8.onnx.partial`, a download in progress)
_JOINED_FILE_TAIL = re.compile(r"\.[A-Za-z][A-Za-z0-9]*$")


def _joined_model_dir(cand: Candidate, context: str) -> Decision | None:
    """A folder a joining call puts under a models-folder variable (``Candidate.dir_var``: Rust
    ``self.models_dir.join("giga-am-v3-int8")``, Go ``filepath.Join(modelsDir, "sherpa-onnx-whisper-tiny")``), when
    its name reads as a model's as ``_model_dir_tail`` asks of a template's folder: the model's local folder, as
    ``"$modelsDir/<folder>"`` would be. A file in the folder (``models_dir.join("config.json")``) or a scratch folder
    (``cache``) is not."""
    seg = cand.value.strip()
    if cand.dir_var is None or cand.prefix_check or cand.compared_to or _JOINED_FILE_TAIL.search(seg) \
            or not _FOLDER_SHAPE.fullmatch(seg) or _VERSION_CODE.fullmatch(seg) or not reads_as_model(seg) \
            or not_model_folder(seg) or is_model_name(seg) or PLACEHOLDER.match(seg):
        return None
    evidence = [f"joined-under:{cand.dir_var}"]
    if context in ("test", "example", "docs"):
        evidence.append(f"file-role:{context}")
    evidence.append("shape:model-file")
    return Decision(Match("model-file", None, 0.6), "key", tuple(evidence))


# a REST call's URL that names its model before a method (Google's `…/models/{model}:generateContent`,
# `:streamGenerateContent`, `:countTokens`, `:embedContent`, `:predict`; ai.google.dev/api, as_of 2026-12-06), the
# method possibly left for a later concatenation (`…/models/gemini-pro:" + "generateContent`)
# … also on a base URL built at run time (C# `$"{Platform.GetBaseUrl()}/models/imagetext:predict"`, a template's
# `${baseUrl}/models/…`: candidates._templated_id_text keeps such a template's text)
_MODEL_METHOD_URL = re.compile(r"(?:https?://[^\s/?#{}$]{1,200}|\$?\{[^{}\s]{1,200}\})(?:/[\w.-]{1,80}){0,8}"
                               r"/models/([A-Za-z0-9][\w.-]{1,120}):(?:[A-Za-z]{3,40})?(?:\?[^\s]{0,300})?")
# the model a REST path names where the provider puts it in the path, on the provider's own host, a mock's or none (a
# test's expected path): Amazon Bedrock Runtime's `/model/{modelId}/invoke` (also `invoke-with-response-stream`,
# `converse`, `converse-stream`; docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html and
# API_runtime_Converse.html, as_of 2026-12-06) and Vertex AI's `publishers/{publisher}/models/{model}:{method}`
# (`:rawPredict`, `:streamRawPredict`, `:predict`, `:generateContent`; cloud.google.com/vertex-ai/docs/reference/rest,
# as_of 2026-12-06), whose ids may carry a `@` version; Stability AI's v1 `/v1/generation/{engine_id}/text-to-image`
# (also `image-to-image`, `…/upscale`, `…/masking`; platform.stability.ai/docs/api-reference, as_of 2026-12-07). A
# percent-encoded id (`…-v1%3A0`) is not written as such.
# Searched for at a path segment's start, to the literal's end (a whole URL or path, no space): linear
_MODEL_IN_PATH = re.compile(
    r"(?:^|/)(?:model/([A-Za-z0-9][\w.:-]{1,200})/(?:invoke|invoke-with-response-stream|converse|converse-stream)"
    r"|publishers/[\w-]{1,80}/models/([A-Za-z0-9][\w.@-]{1,120}):[A-Za-z]{3,40}"
    r"|v1/generation/([A-Za-z0-9][\w.-]{1,120})/(?:text-to-image|image-to-image(?:/upscale|/masking)?))"
    r"(?:\?[^\s]{0,300})?$")
# a resource name built from the project and location (candidates._TEMPLATED_ID keeps its text) ending in a fixed
# `publishers/{publisher}/models/{model}`: bounded, anchored at both ends
_TEMPLATED_RESOURCE = re.compile(r"/(publishers/[\w-]{1,80}/models/[A-Za-z0-9][\w.@-]{0,120})$")


def _templated_resource(value: str) -> re.Match[str] | None:
    """``_TEMPLATED_RESOURCE`` at the end of a short template's text with no space, something interpolated before it
    and nothing after it."""
    if len(value) > MAX_LITERAL or "}" not in value or any(ch.isspace() for ch in value):
        return None
    m = _TEMPLATED_RESOURCE.search(value)
    return m if m is not None and "}" in value[:m.start()] else None
# a reference and the digest it is pinned to (`name:tag@sha256:<hex>`; a test's short fake digest too)
_DIGEST_PINNED = re.compile(r"([A-Za-z0-9][^\s@]{0,299})@sha256:[0-9a-fA-F]{6,64}")


def _path_model(cand: Candidate, m: re.Match[str], group: int, bindings: tuple[str, ...]) -> Candidate:
    """The model segment ``group`` of a REST URL or path literal (``_MODEL_METHOD_URL``, ``_MODEL_IN_PATH``), read on
    its own shape: none of the literal's own call, table or comparison context carries over to it."""
    return replace(cand, value=m.group(group), column=cand.column + m.start(group), bindings=bindings, call=None,
                   call_before_binding=False, container=False, is_key=False, group=None, compared_to=None,
                   prefix_check=False, switch_on=None)


# an OpenTelemetry GenAI span name: a well-known operation name and the model (see _with_embedded)
_GENAI_SPAN_NAME = re.compile(r"(?:chat|text_completion|embeddings|generate_content) ([A-Za-z0-9][\w.:/-]{1,120})")

# a default written in a field tag's `key:value` syntax (a settings template's `"model": "default:gpt-3.5-turbo"`,
# `"api_key": "default:free-user,required:false"`; GORM's `default:0;comment:…`, struct-tag validators' `required`):
# the value after `default:` up to the next `,` / `;` option is the setting's default, the rest are options. No
# provider names a model `default:…`, so the whole literal is never one
_TAG_DEFAULT = re.compile(r"default:([^,;\s]{1,200})(?:[,;][A-Za-z_][\w-]{0,40}(?::[^,;]{0,200})?){0,8}")


def _slash_list_items(cand: Candidate) -> list[Candidate]:
    """The `provider/model` items of a comma-separated selection list in one literal (``selection_items``), each
    at its own column; none when the literal is not such a list."""
    if cand.is_key:
        return []
    return [replace(cand, value=item, column=cand.column + offset if cand.via is None else cand.column,
                    container=True, group=None) for offset, item in selection_items(cand.value)]


def _with_embedded(cands: Iterable[Candidate]) -> Iterator[Candidate]:
    for cand in cands:
        if "," in cand.value and (selections := _slash_list_items(cand)):
            # "openai/gpt-4o,anthropic/claude-3-5-haiku": its selections, each read on its own; the list is none
            yield from selections
            continue
        if cand.value[:8] == "default:" and not cand.is_key and cand.via is None \
                and (tag := _TAG_DEFAULT.fullmatch(cand.value)) is not None:
            # the tag's default, in the literal's own context (its binding is the setting's); the tagged literal
            # itself is not read for a model
            yield replace(cand, value=tag.group(1), column=cand.column + tag.start(1), group=None)
            continue
        yield cand
        if cand.via is not None:
            continue  # a use of a named literal: the literal itself was read for what it holds
        if cand.value[:1] == "[" and not cand.is_key and _PRINTED_LIST.fullmatch(cand.value) is not None:
            yield from _printed_items(cand)
            continue
        if "," in cand.value and "\n" not in cand.value and '"' not in cand.value:
            yield from _list_items(cand)
        if (tail := _model_dir_tail(cand.value)) is not None:
            # "${ASR_MODEL_DIR}/sherpa-mnn-streaming-zipformer-en-2023-02-21": the folder under a models directory is
            # a model's, bound to the directory's name as `ASR_MODEL_DIR=…/<folder>` would be
            yield replace(cand, value=tail.group("seg"), column=cand.column + tail.start("seg"),
                          bindings=(tail.group("var").rsplit(".", 1)[-1],), call=None, call_before_binding=False,
                          container=False, is_key=False, group=None, clause=None, case_label=False)
            continue
        if "/models/" in cand.value and ("://" in cand.value or "{" in cand.value) \
                and (method := _MODEL_METHOD_URL.fullmatch(cand.value)) is not None:
            # `https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent`: the model a
            # Gemini / Vertex AI REST call names in its path (`…/models/{model}:{method}`); read on its own shape
            # (the API's model slot, as a `model` key), beside the URL's own reading as an endpoint; on a base built
            # at run time (`$"{baseUrl}/models/imagetext:predict"`) the same segment names the model
            yield _path_model(cand, method, 1, ("model",))
            continue
        if ("/model/" in cand.value or "publishers/" in cand.value or "/generation/" in cand.value) \
                and not any(c.isspace() for c in cand.value) \
                and (in_path := _MODEL_IN_PATH.search(cand.value)) is not None:
            # `https://bedrock-runtime.us-east-1.amazonaws.com/model/claude-3-7-sonnet-latest/invoke`,
            # `"publishers/anthropic/models/claude-3-5-haiku@20241022:rawPredict"`: the model the call's path names,
            # read on its own shape (no binding), beside the URL's own reading as an endpoint
            group = next(g for g in (1, 2, 3) if in_path.group(g))
            # (Stability's engine segment is the API's model slot by the route's contract, as Gemini's `models/…`)
            yield _path_model(cand, in_path, group, ("model",) if group == 3 else ())
            continue
        if "publishers/" in cand.value and "{" in cand.value and not cand.is_key \
                and (resource := _templated_resource(cand.value)) is not None:
            # `$"projects/{projectId}/locations/us-central1/publishers/google/models/gemini-2.0-flash-001"`: a Vertex AI
            # resource name built at run time whose fixed tail names the publisher model (the labels' and Vertex's
            # own short form `publishers/<p>/models/<m>`), read in the literal's own context
            yield replace(cand, value=resource.group(1), column=cand.column + resource.start(1), group=None)
            continue
        if " " in cand.value and not cand.is_key and (span := _GENAI_SPAN_NAME.fullmatch(cand.value)) is not None:
            # "chat gpt-4o", "embeddings text-embedding-3-small": an OpenTelemetry GenAI span's name, which the
            # semantic conventions build as `{gen_ai.operation.name} {gen_ai.request.model}` (opentelemetry.io/docs/
            # specs/semconv/gen-ai/gen-ai-spans, as_of 2026-12-07): the model after the operation, read as a bare
            # literal (only a name that reads as a model on its own counts)
            yield replace(cand, value=span.group(1), column=cand.column + span.start(1), bindings=(), call=None,
                          call_before_binding=False, container=False, group=None)
            continue
        if "@sha256:" in cand.value and (pinned := _DIGEST_PINNED.fullmatch(cand.value)) is not None:
            # `hf.co/org/name:IQ4_XS@sha256:1234…`: a reference pinned to a content digest, as OCI registries (and the
            # clients that pull models from them) write one: the reference before the digest, in the literal's context
            yield replace(cand, value=pinned.group(1), group=None)
            continue
        if cand.value[:7] == "OpenAI." and (usage := azure_usage_model(cand.value)) is not None:
            # "OpenAI.GlobalStandard.gpt-4o,150": a quota usage's name, its model part (identify.azure_usage_model)
            yield replace(cand, value=usage.group(1), column=cand.column + usage.start(1), call=None,
                          bindings=("model_name",), call_before_binding=False, container=False, is_key=False,
                          group=None)
            continue
        inner = _embedded_id(cand.value)
        if inner is not None:
            # the model id inside: the ARN's model part, or the deployment (a slot that takes a model)
            group = 1 if inner.group(1) else 2
            if group == 2 and classify(inner.group(2), "key") is None:
                continue  # a deployment named for its place or team (`prod-east`), not for a model
            yield replace(cand, value=inner.group(group), column=cand.column + inner.start(group), call=None,
                          bindings=("model_id" if group == 1 else "deployment_name",), call_before_binding=False,
                          container=False, is_key=False, group=None)
            if group == 1:
                continue
        if "?" in cand.value and not cand.is_key and (opts := _MODEL_OPTIONS.fullmatch(cand.value)) is not None:
            # a model named with its options as a query string (Symfony AI's `$platform->invoke('gpt-4o-mini?
            # max_output_tokens=16', …)`, `Model('gpt-4o?temperature=0.2')`): the model before the `?`, in the
            # literal's own context
            yield replace(cand, value=opts.group(1), group=None)
            continue
        if "=" in cand.value and not cand.is_key and (prop := _PROPERTY_SETTING.fullmatch(cand.value)) is not None:
            # a property set in one literal (`@SpringBootTest(properties = {"spring.ai.openai.chat.options.model=
            # qwen3"})`, `@TestPropertySource`, `System.setProperty`-style `key=value` lists): the value, bound to
            # the property's name as a config file would bind it
            key = prop.group(1).rsplit(".", 1)[-1]
            yield replace(cand, value=prop.group(2), column=cand.column + prop.start(2), bindings=(key, prop.group(1)),
                          call=None, call_before_binding=False, container=False, is_key=False, group=None)
            continue
        if not cand.is_key and (settings := _literal_settings(cand.value)):
            # `"driver: openai\nmodel: gpt-4o-mini\n"`, `"driver=openai,model=gpt-4o-mini"`: each model setting's
            # value, bound to its key as the config file's line or the DSN's parser binds it
            for off, pair in settings:
                key = pair.group(1)
                yield replace(cand, value=pair.group(2), column=cand.column + off + pair.start(2),
                              bindings=(key.rsplit(".", 1)[-1], key) if "." in key else (key,), call=None,
                              call_before_binding=False, container=False, is_key=False, group=None)
            continue
        if not cand.is_key and (setting := _yaml_setting(cand.value)) is not None:
            # `[]byte("model: gpt-4o\n")`: the value, bound to its key as the config file's line would bind it
            yield replace(cand, value=setting.group(2), column=cand.column + setting.start(2),
                          bindings=(setting.group(1),), call=None, call_before_binding=False, container=False,
                          is_key=False, group=None)
            continue
        if not cand.is_key and (item := _listed_item(cand.value)) is not None:
            # `ContainSubstring("* gpt-4o (current)")`: the listed item, in the literal's own context
            yield replace(cand, value=item.group(1), column=cand.column + item.start(1), group=None)
            continue
        if cand.value.startswith("${") and cand.value.endswith("}"):
            m = _PLACEHOLDER_DEFAULT.fullmatch(cand.value)
            if m is not None:
                key = m.group(1).rsplit(".", 1)[-1]
                yield replace(cand, value=m.group(2), column=cand.column + m.start(2), bindings=(key, m.group(1)),
                              call=None, call_before_binding=False, container=False, is_key=False)
            continue
        if '"id' in cand.value and "\n" not in cand.value and not cand.is_key:
            for m in _EMBEDDED_ID_PAIR.finditer(cand.value):
                yield replace(cand, value=m.group(1), column=cand.column + m.start(1), bindings=("id",), call=None,
                              call_before_binding=False, container=False, is_key=False, group=None)
        if _has_model_word(cand.value) and "'" in cand.value and "{" in cand.value and '"' not in cand.value \
                and "\n" not in cand.value and not cand.is_key:
            for m in _EMBEDDED_SQ_PAIR.finditer(cand.value):
                yield replace(cand, value=m.group(2), column=cand.column + m.start(2), bindings=(m.group(1),),
                              call=None, call_before_binding=False, container=False, is_key=False, group=None,
                              embedded=True)
        if _has_model_word(cand.value) and '"' in cand.value and "\n" not in cand.value:
            if "{" in cand.value or ":" in cand.value:
                # JSON quoted inside prose (a prompt's worked example: `Output (with model_id): { … \"model_id\":
                # \"m-dense-001\" … }`): an illustration, so its key alone makes no model (as recorded JSON's)
                brace = cand.value.find("{")
                prose = brace > 0 and _PROSE_LEAD.search(cand.value, 0, brace) is not None
                for m in _EMBEDDED_PAIR.finditer(cand.value):
                    yield replace(cand, value=m.group(2), column=cand.column + m.start(2), bindings=(m.group(1),),
                                  call=None, call_before_binding=False, container=False, is_key=False, group=None,
                                  embedded=cand.embedded or prose)
            if "(" in cand.value:
                for m in _EMBEDDED_CALL.finditer(cand.value):
                    # the call's name is the evidence: it says model, it takes the literal first
                    yield replace(cand, value=m.group(2), column=cand.column + m.start(2), bindings=(),
                                  call=m.group(1), call_before_binding=True, container=False, is_key=False,
                                  group=None, switch_on=None, compared_to=None, prefix_check=False, owner=None)


# prose before a literal's JSON: two words (`Output (with model_id): {`, `Example input: {`) or a label word and a
# colon (`Mapping: {`), not a server-sent event's field (`data: {…}`, `event:`, `id:`, `retry:`), which carries the
# recorded JSON itself
_PROSE_LEAD = re.compile(r"[A-Za-z]{2,40}[ (]{1,3}[A-Za-z]{2,40}|(?<![\w-])(?!(?:data|event|id|retry):)[A-Za-z]{2,40}:"
                         r"[ \t]{0,3}$")


# a version alone (`v2.1`, `V3_5`, `1.0`)
_VERSION_CODE = re.compile(r"[vV]?\d+(?:[._]\d+)*")


_STEPS_PER_LITERAL = 16  # budget steps per literal looked at (the clock is read every 64 literals)

# a Whisper size word (`tiny`, `base.en`, `large-v3`) where a model is bound, in a file about Whisper: WhisperKit's
# `WhisperKitConfig(model: "tiny")`, `WhisperKit.download(variant:)` callers, a transcription client's
# `var model: String = "tiny"`, a benchmark lane's `models: ['tiny', 'small.en']`. The word alone is no model
# (`size: "small"`, a video quality), and under a model name in a file that never says Whisper it may be any app's
# tier name; a model-bound place in a file that names Whisper is where the engine's checkpoint is chosen
_WHISPER_SIZE_WORD = re.compile(WHISPER_SIZE)
_WHISPER_FILE = re.compile(rb"(?i)whisper")


def _whisper_size(cand: Candidate, calls: frozenset[str]) -> Decision | None:
    if not _WHISPER_SIZE_WORD.fullmatch(cand.value.strip()) or cand.prefix_check or cand.is_key:
        return None
    hint, evidence = context_hint(cand, calls)
    if hint == "none":
        return None
    return Decision(Match("other", None, 0.6, "speech"), hint, (*evidence, "whisper-size", "file-mentions:whisper"))


# a file of an Ollama client module: under a folder, or itself, named `ollama` (Go `pkg/llm/ollama/client.go`,
# `common/ai/ollama/gateway.go`, a Rust `models/ollama.rs`, Java `…/ollama/OllamaChatModel.java`). Where such a module
# binds a model, a name of Ollama's library (`qwen`, `mistral`, `qwen:latest`) is the library model it pulls and runs,
# as an Ollama call's argument is (identify: "qwen" is qwen:latest there), though the bare family word alone elsewhere
# names no model
_OLLAMA_MODULE = re.compile(r"(?i)(?:^|/)ollama(?:/|\.[A-Za-z]{1,6}$)")


def _ollama_library_name(cand: Candidate, calls: frozenset[str]) -> Decision | None:
    value = cand.value.strip()
    if cand.prefix_check or cand.is_key or not value or value.split(":", 1)[0].lower() not in vocab().ollama_library:
        return None
    if classify(value, "key") is not None:
        return None  # a name read without the module's evidence was refused by decide for its place (AddModel's
        # resource name `AddModel("phi3", "phi3")`): only the bare family word the module makes a model is read here
    hint, evidence = context_hint(cand, calls)
    if hint == "none":
        return None
    match = classify(value, "ollama")
    if match is None or match.kind != "ollama-tag":
        return None
    return Decision(match, hint, (*evidence, "module:ollama"))


# a model record's fields (``Candidate.record``: `ModelInfo { id: "moonshine-base", filename: "moonshine-base",
# source: ModelSource::Url { url: "https://…/moonshine-base.tar.gz" } }`, an app's catalogue of the models it
# downloads): the record's type says the entry describes one model, so its id names the model (and so does the map key
# the record is filed under when it repeats the id), its file name is the model's file or folder, and a download URL
# under it whose last segment is a file (a weight file, an archive of the model's folder) is where the model comes from.
# Display names and descriptions are text; other fields (sizes, scores, languages) are no names
_RECORD_ID_FIELDS = frozenset({"id", "model_id", RECORD_KEY})
_RECORD_FILE_FIELDS = frozenset({"filename", "file_name", "file", "dirname", "dir_name", "folder", "model_file"})
_RECORD_URL_FIELDS = frozenset({"url", "download_url", "uri"})
_RECORD_FILE_NAME = re.compile(r"[A-Za-z0-9][\w.+-]{1,120}")
_DOWNLOAD_FILE = re.compile(r"(?i)https?://[^/\s?#]+/(?:[^\s?#]*/)?[\w.+-]*[A-Za-z0-9]\."
                            r"(?:bin|gguf|ggml|safetensors|onnx|tflite|pt|pth|ckpt|nemo|mlmodel|zip|tgz|tar|tar\.gz|"
                            r"tar\.bz2|tar\.xz|7z)")


def _record_entry(cand: Candidate, whisper: bool, context: str) -> Decision | None:
    """A model record's id, file name or download URL (see ``_RECORD_ID_FIELDS``), when the value reads as such."""
    if cand.record is None or cand.record_field is None or cand.prefix_check or cand.compared_to:
        return None
    value = cand.value.strip()
    field = snake(cand.record_field) if cand.record_field != RECORD_KEY else RECORD_KEY
    direct = cand.record_field == RECORD_KEY or (bool(cand.bindings) and cand.bindings[-1] == cand.record_field
                                                 and len(cand.bindings) == 1)
    if not value or PLACEHOLDER.match(value) or (is_generic(value) and not (
            whisper and _WHISPER_SIZE_WORD.fullmatch(value))):
        return None
    match: Match | None = None
    if direct and field in _RECORD_ID_FIELDS:
        if whisper and _WHISPER_SIZE_WORD.fullmatch(value):
            match = Match("other", None, 0.6, "speech")  # a Whisper size used as the app's id for that checkpoint
        elif BINDING_ONLY.fullmatch(value) and not _not_a_model(value) and not is_provider_name(value) \
                and not _VERSION_CODE.fullmatch(value):
            match = classify(value, "key") or Match("api-model", None, 0.5)
            if match.kind == "model-file":
                match = None
    elif direct and field in _RECORD_FILE_FIELDS:
        if _RECORD_FILE_NAME.fullmatch(value) and ("-" in value or "_" in value or "." in value) \
                and not _not_a_model(value):
            match = Match("model-file", None, 0.6)
    elif cand.bindings and snake(cand.bindings[0]) in _RECORD_URL_FIELDS and _DOWNLOAD_FILE.fullmatch(value):
        match = Match("model-file", None, 0.6)
    if match is None:
        return None
    evidence = [f"record:{cand.record}.{cand.record_field}"]
    if _known(value):
        evidence.insert(0, "knowledge-base")
    evidence.append(f"shape:{match.kind}")
    if context in ("test", "example", "docs"):
        evidence.append(f"file-role:{context}")
    return Decision(match, "key", tuple(evidence))


# a model SDK imported by a Go / Java / Kotlin / C# file (go-openai, openai-go, anthropic-sdk-go, langchaingo, Ollama's
# Go API, the Google GenAI SDKs, LangChain4j, Spring AI, the OpenAI / Anthropic Java SDKs, openai-kotlin, OpenAI-Java
# clients, Azure.AI.OpenAI, Semantic Kernel, Microsoft.Extensions.AI, the OpenAI / Anthropic .NET SDKs, OllamaSharp):
# there a base-URL field or builder call configures a model client
_MODEL_SDK_IMPORT = re.compile(
    rb"sashabaranov/go-openai|openai/openai-go|anthropics/anthropic-sdk-go|tmc/langchaingo|ollama/ollama/api|"
    rb"google/generative-ai-go|google\.golang\.org/genai|dev\.langchain4j|org\.springframework\.ai|"
    rb"import com\.openai\.|import com\.anthropic\.|com\.aallam\.openai|com\.theokanning\.openai|"
    rb"io\.github\.sashirestela\.openai|Azure\.AI\.OpenAI|Microsoft\.SemanticKernel|Microsoft\.Extensions\.AI|"
    rb"using OpenAI\b|using Anthropic\b|OllamaSharp")
# an OpenAI client library of Go, Java, Kotlin or C# (go-openai, openai-go, openai-java, openai-kotlin, TheoKanning's and
# sashirestela's Java clients, the OpenAI .NET library and Azure.AI.OpenAI): a model sent through one whose base URL
# the file sets is a model/base-URL swap away from another OpenAI-compatible server, as Python's `openai` client is
# (``Finding.api`` "openai": switch.policy_vars reversibility)
_OPENAI_CLIENT_IMPORT = re.compile(
    rb"sashabaranov/go-openai|openai/openai-go|import com\.openai\.|com\.aallam\.openai|com\.theokanning\.openai|"
    rb"io\.github\.sashirestela\.openai|Azure\.AI\.OpenAI|using OpenAI\b")
OPENAI_API = "openai"
# the name of a client's base URL: Go's `cfg.BaseURL = "…"` on go-openai's DefaultConfig, a `base_url` / `baseURL`
# field, a builder's `.baseUrl("…")` (LangChain4j, the OpenAI Java SDK)
_BASE_URL_NAME = re.compile(r"(?i)base_?url")


def _client_base_url(cand: Candidate) -> bool:
    """The literal is bound to a base-URL field or passed to a base-URL builder call. Both are asked: a builder chain
    assigned to a property (``val big = OpenAiChatModel.builder().baseUrl("http://vllm…").build()``) binds its literals
    to ``big`` while the call they sit in is ``baseUrl`` (tryfix31: the binding alone hid the vLLM server)."""
    names = (*cand.bindings[:1], *((cand.call,) if cand.call else ()))
    return any(_BASE_URL_NAME.fullmatch(name.rsplit(".", 1)[-1]) is not None for name in names)


# the .NET OpenAI library's `new OpenAIClientOptions { Endpoint = new Uri("…") }` (and Azure.AI.OpenAI's endpoint):
# that client's base URL, under the name the library gives it
_CLIENT_ENDPOINT_NAME = re.compile(r"(?i)endpoint")


def _openai_client_url(cand: Candidate, openai_sdk: bool) -> bool:
    """The URL is an OpenAI client's base URL: bound to a base-URL name, or (in a file that imports an OpenAI client
    library) to the .NET options' ``Endpoint``."""
    return _client_base_url(cand) or (openai_sdk and bool(cand.bindings)
                                      and _CLIENT_ENDPOINT_NAME.fullmatch(cand.bindings[0].rsplit(".", 1)[-1]) is not None)


_BASE_URL_LITERAL = re.compile(rb'(?i)base_?url["\']?[ \t]{0,8}[=:(][ \t]{0,8}"(https?://[^"\s]{1,300})"')


def _client_base_url_literal(data: bytes) -> bool:
    """The byte-level pass for a file whose only literal the scan needs is a self-hosted model server's base URL
    (``cfg.BaseURL = "http://vllm.llm.svc.cluster.local:8000/v1"`` in a file that imports a model SDK): parse it."""
    if b"ase" not in data or _MODEL_SDK_IMPORT.search(data) is None:
        return False
    for i, m in enumerate(_BASE_URL_LITERAL.finditer(data)):
        if i >= 16:
            return False
        if classify_client_endpoint(m.group(1).decode("utf-8", "replace")):
            return True
    return False


def _emit(collector: Collector, cands: Iterable[Candidate], calls: frozenset[str], source_id: str,
          context: str, whisper: bool = False, model_sdk: bool = False,
          test_rows: list[tuple[int, int]] | None = None, openai_sdk: bool = False,
          ollama: bool = False) -> BudgetExceeded | None:
    """Decide and report the candidates; each one is a budget step. Past the budget the candidates decided so far
    are still reported and the exception is returned (the caller reports an ``analysis-budget`` skip). ``whisper``:
    the file names Whisper, so a size word where a model is bound is its checkpoint (``_whisper_size``).
    ``model_sdk``: the file imports a model SDK (``_MODEL_SDK_IMPORT``), so a private or cluster-internal URL bound to
    a base-URL name is a self-hosted model server (``classify_client_endpoint``). ``test_rows``: the rows (0-based,
    first and last) of test code inside the file (``candidates.rust_test_rows``), whose literals are decided and
    reported as a test's. ``openai_sdk``: the file imports an OpenAI client library (``_OPENAI_CLIENT_IMPORT``), so a
    model tied to a URL the file binds to a base-URL name goes through that client (``api`` "openai"). ``ollama``: the
    file is an Ollama client module's (``_OLLAMA_MODULE``), so an Ollama library name where a model is bound is one
    (``_ollama_library_name``)."""

    def code_role(cand: Candidate) -> str:
        row = cand.line - 1
        return "test" if test_rows and any(a <= row <= b for a, b in test_rows) else context

    models: list[Finding] = []
    endpoints: list[Finding] = []
    endpoint_at: dict[tuple[int, int, str], Finding] = {}  # the endpoint reported for a literal's place
    client_urls: set[str] = set()  # endpoints bound to a client's base-URL name (`cfg.BaseURL = …`, `.baseUrl(…)`)
    decided: list[tuple[Candidate, Decision | None]] = []
    tick = collector.budget.tick
    spent: BudgetExceeded | None = None
    try:
        for cand in _with_embedded(cands):
            tick(_STEPS_PER_LITERAL)
            if "://" in cand.value and (classify_endpoint(cand.value) or (
                    model_sdk and _client_base_url(cand) and classify_client_endpoint(cand.value))):
                symbol = cand.bindings[0] if cand.bindings else None
                place = (cand.line, cand.column, cand.value)
                seen = endpoint_at.get(place)
                if seen is not None and seen.endpoint and _openai_client_url(cand, openai_sdk):
                    client_urls.add(seen.endpoint)
                if seen is not None:
                    # the same literal reached again through a constant's use (Go `cfg.BaseURL = openRouterBaseURL`,
                    # reported at the constant): one endpoint, not two at one line; the use's name still ties the
                    # file's models to it (``_link_endpoints``)
                    endpoints.append(replace(seen, symbol=symbol))
                    continue
                found = collector.endpoint(cand.value, cand.line, cand.column, symbol=symbol,
                                           source_id=f"{source_id}-endpoint",
                                           client=model_sdk and _client_base_url(cand))
                if found:
                    endpoints.append(found)
                    endpoint_at[place] = found
                    if found.endpoint and _openai_client_url(cand, openai_sdk):
                        client_urls.add(found.endpoint)
                continue
            ctx = code_role(cand)
            decision = decide(cand, calls, ctx)
            if decision is not None and cand.keyed_class:
                decision = None  # an architecture registry's key (model_type): candidates._implementation_class
            if decision is None and not cand.keyed_class:
                decision = _models_class_constant(cand, ctx)
            if decision is None and whisper:
                decision = _whisper_size(cand, calls)
            if decision is None and ollama:
                decision = _ollama_library_name(cand, calls)
            if decision is None and cand.record is not None:
                decision = _record_entry(cand, whisper, ctx)
            if decision is None and cand.dir_var is not None:
                decision = _joined_model_dir(cand, ctx)
            if decision is not None and "binding-only" in decision.evidence and _VERSION_CODE.fullmatch(cand.value):
                decision = None  # MODEL_VERSION = "v2.1": an edition code alone names no model
            if cand.embedded and decision is not None and "binding-only" in decision.evidence:
                # recorded JSON's key alone does not make a model (a Django fixture's "model": "auth.user", a
                # device's "device_model": "SM-G991B"): the value must read as one by itself, as the JSON file
                # source asks
                decision = None
            decided.append((cand, decision))
    except BudgetExceeded as exc:
        # kept as a value past this block: without its traceback, whose frames (this one, which holds ``spent``, and
        # the literal walk's generator, which holds the file's syntax tree) would make a cycle that keeps the tree -
        # 100-400 MB for a 3 MB file - alive until the cyclic collector runs, in the next file's parse too
        spent = exc.with_traceback(None)
    reported: set[tuple[int, int, str]] = set()
    decided = _provider_tables(_without_setting_keys(decided))
    for cand, decision in _with_deployment_args(_with_split_repos(_with_case_spellings(_with_peers(decided, context),
                                                                                         context), context)):
        if decision is None:
            continue
        where = (cand.line, cand.column, cand.value)
        if cand.via is not None and where in reported:
            continue  # the literal is already reported (on its own, or through another use)
        reported.add(where)
        finding = collector.add(
            cand.value, cand.line, cand.column, decision.match,
            key_role=_role_from_names(cand),
            api=cand.call if decision.hint == "api" else None,
            symbol=cand.bindings[0] if cand.bindings else None,
            source_id=source_id,
            evidence=decision.evidence,
            context=code_role(cand),
        )
        if collector.findings and collector.findings[-1] is finding:  # not dropped by the per-file cap
            models.append(finding)
    if models and endpoints:
        _link_endpoints(collector, models, endpoints)
        if openai_sdk and client_urls:
            mine = {(f.line, f.column, f.raw) for f in models}
            collector.findings = [
                replace(f, api=OPENAI_API) if f.kind != "endpoint" and f.endpoint in client_urls
                and (f.line, f.column, f.raw) in mine else f for f in collector.findings]
    return spent


# a call that reaches a model repository by its owner and its name given apart (a C++ / Go Hub client's
# `GetHuggingFaceModelRepoInfo("BAAI", "bge-reranker-v2-m3")`, `GetModelRepositoryBranches("cortexso", "tinyllama")`):
# its name says repository, Hub or Hugging Face
_REPO_CALL_WORDS = frozenset({"repo", "repos", "repository", "repositories", "hub", "hf", "huggingface", "hugging"})
# an owner's name on the Hub (a user or an organisation): one word, no path
_HUB_OWNER = re.compile(r"[A-Za-z0-9][\w.-]{0,95}")
_SPLIT_FILE = re.compile(r"(?i)[\w.-]{1,200}\.(?:gguf|ggml|safetensors|onnx|bin|pt|pth|tflite|mlmodel|nemo)")


def _with_split_repos(decided: list[tuple[Candidate, Decision | None]],
                      context: str) -> list[tuple[Candidate, Decision | None]]:
    """A model repository named by its owner and its name as two string arguments of one call, the name right after
    the owner: the name is the repository's (the labels' and a reader's reading of `("cortexso", "tinyllama")`), when
    the call's name says repository / Hub / Hugging Face, or a weight file's name follows the two (a download URL
    builder's `("org", "name-GGUF", "name-q4_k_m.gguf")`, hf_hub_download's repo id and file name given apart), and
    `owner/name` reads as a model repository on its own (``classify`` with no hint: a GitHub `("octocat", "hello")`
    does not). Reported on the name, as ``hf-repo``."""
    extra: dict[int, Decision] = {}
    for cand, decision in decided:
        if decision is not None or cand.string_before is None or not cand.call or not cand.call_before_binding:
            continue
        owner, name = cand.string_before.strip(), cand.value.strip()
        if not _HUB_OWNER.fullmatch(owner) or not _HUB_OWNER.fullmatch(name):
            continue
        words = set(snake(cand.call).split("_"))
        if not (words & _REPO_CALL_WORDS or (cand.string_follows is not None
                                             and _SPLIT_FILE.fullmatch(cand.string_follows.strip()))):
            continue
        match = classify(f"{owner}/{name}", "none")
        if match is None or match.kind != "hf-repo":
            continue
        evidence = [f"call:{cand.call}", f"split-repo:{owner}/{name}", "shape:hf-repo"]
        if context in ("test", "example", "docs"):
            evidence.append(f"file-role:{context}")
        extra[id(cand)] = Decision(Match("hf-repo", match.provider, min(match.confidence, 0.8), match.role), "key",
                                   tuple(evidence))
    if not extra:
        return decided
    return [(c, extra.get(id(c), d)) for c, d in decided]


def _link_endpoints(collector: Collector, models: list[Finding], endpoints: list[Finding]) -> None:
    """Tie the file's models to the endpoint that serves them. One base URL in the file serves every model in it
    (``provider-context``). With several, a model goes to the endpoint of its own client: the one bound to the same
    name (a builder chain ``val big = OpenAiChatModel.builder().baseUrl("http://vllm…").modelName("Qwen/…").build()``
    binds both literals to ``big``); a model with no such endpoint stays unlinked (unknown, not the other client's
    server: tryfix31 found a Qwen call reported as served by the file's Ollama). The endpoint the code configures
    names the provider over the one a model's name suggests (``qwen-plus`` on DashScope's Singapore endpoint is
    served from Singapore, as Python and TypeScript read it; tryfix31)."""
    urls = {e.endpoint for e in endpoints}
    by_symbol: dict[str, Finding | None] = {}
    for ep in endpoints:
        if ep.symbol:
            known = by_symbol.get(ep.symbol, ep)
            by_symbol[ep.symbol] = ep if known is not None and known.endpoint == ep.endpoint else None
    links: dict[int, Finding] = {}
    for f in models:
        linked = endpoints[0] if len(urls) == 1 else by_symbol.get(f.symbol or "")
        if linked is not None and f.endpoint is None:
            links[id(f)] = linked
    if not links:
        return
    collector.findings = [
        replace(f, endpoint=links[id(f)].endpoint, provider=links[id(f)].provider or f.provider,
                evidence=(*(f.evidence or ()), "provider-context")) if id(f) in links else f
        for f in collector.findings
    ]


# a constants class that lists one kind of model under its own name: `GiteeVideoModels`, `AliyunImageModels`,
# `OcrModelNames`, `ModelIds` (plural, or a names / ids / constants table; not `QwenChatModel`, a client class whose
# constants are protocol words)
_MODELS_CLASS = re.compile(r"(?<=[a-z0-9])Models(?:Const(?:ant)?s?|Names|Ids|List|Catalog|Registry|Enum)?$|"
                           r"(?<=[a-z0-9])Model(?:Const(?:ant)?s|Names|Ids|List|Catalog|Registry)$|^Models$")
# words of a constant's own name that say it holds something else than a model's id
_NOT_MODEL_CONST = re.compile(r"(?:^|_)(?:url|uri|endpoint|path|key|token|secret|type|format|provider|header|prefix|"
                              r"suffix|version|host|port|size|mode|style|role|task|action|event|field|param|region)s?(?:$|_)")
_CONST_IDENT = re.compile(r"[A-Z][A-Za-z0-9_]{0,80}")
# words of a name that say its value is a cloud or storage resource, a place or an address (`BUCKET_NAME`,
# `PROJECT_ID`, `LOCATION`, `DATASET`, `OUTPUT_DIR`): beside model constants in a test or sample class, such a value
# (`java-docs-samples-testing`) is where the models' inputs and outputs live, not one of them
_RESOURCE_NAME = re.compile(r"(?:^|_)(?:bucket|project|location|region|zone|dataset|database|namespace|cluster|topic|"
                            r"queue|subscription|url|uri|endpoint|path|dir|folder|host)s?(?:$|_)")


def _models_class_constant(cand: Candidate, context: str) -> Decision | None:
    """A named constant of a models class (``_MODELS_CLASS``: ``public static final String HUNYUAN_VIDEO_1_5 =
    "HunyuanVideo-1.5"`` in ``GiteeVideoModels``) whose value is an identifier with a version or size digit that
    nothing else knows (``ViduQ3-Turbo``, ``Wan2.7``): the class says what its constants are, as a model-named
    binding does (the classifier's binding-only rule, the weakest evidence). Not a constant named for something
    else (``DEFAULT_ENDPOINT``, ``RESPONSE_FORMAT``)."""
    if cand.call or cand.embedded or cand.via is not None or cand.owner is None or len(cand.bindings) != 1:
        return None
    name, value = cand.bindings[0], cand.value.strip()
    if not _CONST_IDENT.fullmatch(name) or _NOT_MODEL_CONST.search(snake(name)) or not _MODELS_CLASS.search(cand.owner):
        return None
    return _listed_model_id(value, cand.owner, context)


def _listed_model_id(value: str, owner: str, context: str) -> Decision | None:
    """An entry of a type that lists models under its own name (a models class, a model-named Swift enum): an identifier
    with a version or size digit that nothing else knows, at the binding-only rule's confidence."""
    if not BINDING_ONLY.fullmatch(value) or not re.search(r"\d", value) or _VERSION_CODE.fullmatch(value) \
            or is_generic(value) or _not_a_model(value) or PLACEHOLDER.match(value) or is_model_name(value) \
            or is_provider_name(value):
        return None
    evidence = [f"container:{owner}", "binding-only"]
    if context in ("test", "example", "docs"):
        evidence.append(f"file-role:{context}")
    return Decision(Match("api-model", None, 0.5), "key", tuple(evidence))


def _reads_alone(value: str) -> bool:
    return bool(re.search(r"\d", value)) or names_family(value)


# a last word that makes a name a company's or a provider's (`302-ai`, `stability_ai`), never a model id
_COMPANY_TAIL = re.compile(r"(?i)[-_.]ai$")


def _without_setting_keys(decided: list[tuple[Candidate, Decision | None]]) -> list[tuple[Candidate, Decision | None]]:
    """A table one of whose keys names a model (``'tts' => ['mode' => …, 'model' => …, 'command' => …]``) is one
    engine's settings: its keys are setting names, so a key read as a model only because the table is named for a
    model kind (``container:tts``; Cohere's `command`) is none. The same table of models keyed by their ids has no
    key that is itself a model-named setting."""
    if not any(c.is_key and d is not None for c, d in decided):
        return decided
    # the tables (by their place) with a value under a model-named key (a group's path ends in its key's name)
    settings = {c.group[0] for c, _ in decided if c.group is not None and not c.is_key
                and is_model_name(c.group[1].rsplit("/", 1)[-1])}
    if not settings:
        return decided
    return [(c, None if d is not None and c.is_key and c.group is not None and c.group[0] in settings
             and any(e.startswith("container:") for e in d.evidence) else d) for c, d in decided]


def _provider_tables(decided: list[tuple[Candidate, Decision | None]]) -> list[tuple[Candidate, Decision | None]]:
    """A map from provider to the model it uses by default (Go ``map[string]string{"openai": "gpt-5-mini",
    "mistral": "mistral-small-latest", "dmr": "ai/qwen3:latest"}``, a Java ``Map.of("anthropic", "claude-…")``):
    when two keys at least are providers' names whose own values are models, the table is keyed by provider. A key
    that is a provider's name (``mistral``, also an Ollama model's name) then names who serves the model beside it,
    not a model; and every value is a model setting, read as under a model key (a local runner's ``ai/qwen3:latest``
    beside the cloud defaults). A table keyed by model ids (``{"gpt-4o": 128000}``) has no model values under its
    keys, so is not touched."""
    if not any(d is not None for c, d in decided if c.is_key) or len(decided) > 4096:
        return decided
    # per table (a group's place): the keys whose own value is a model (a value's group path ends in its key's name)
    valued: dict[int, set[str]] = {}
    for c, d in decided:
        if d is not None and not c.is_key and c.group is not None:
            parts = c.group[1].rsplit("/", 2)
            if len(parts) == 3:
                valued.setdefault(c.group[0], set()).add(parts[1])
    provider_tables = {g for g, keys in valued.items()
                       if sum(1 for k in keys if is_provider_name(k) and not any(ch.isdigit() for ch in k)) >= 2}
    if not provider_tables:
        return decided
    out: list[tuple[Candidate, Decision | None]] = []
    for c, d in decided:
        if c.group is None or c.group[0] not in provider_tables:
            out.append((c, d))
        elif c.is_key:
            out.append((c, None if d is not None and c.value in valued[c.group[0]] and is_provider_name(c.value)
                        and not any(ch.isdigit() for ch in c.value) else d))
        elif d is None and (match := classify(c.value.strip(), "key")) is not None and match.confidence >= 0.85 \
                and not is_provider_name(c.value.strip()):
            out.append((c, Decision(match, "key", ("table:provider-defaults", f"shape:{match.kind}"))))
        else:
            out.append((c, d))
    return out


# a bare weight file's name (`nemo128.onnx`, `silero_vad.onnx`): a word and a weight format's extension, no folder
_BARE_WEIGHT_FILE = re.compile(r"(?i)[a-z0-9][\w.-]{0,80}\.(gguf|ggml|safetensors|onnx|tflite|mlmodel|nemo)")


def _file_peers(members: list[tuple[Candidate, Decision | None]], context: str) -> dict[int, Decision]:
    """A file listed among a model's weight files of the same format is one of them: a download list or a size table
    of an ONNX export (`["encoder-model.int8.onnx", "decoder_joint-model.int8.onnx", "nemo128.onnx", "vocab.txt"]`)
    whose other ONNX files are model files by their own names. Two such peers of the same extension are needed; a file
    of another kind (`vocab.txt`) or a stand-in (`test.onnx`, ``identify.PLACEHOLDER``) is not one."""
    formats = collections.Counter(
        m.group(1).lower() for c, d in members
        if d is not None and d.match.kind == "model-file" and (m := _BARE_WEIGHT_FILE.fullmatch(c.value.strip())))
    if not formats or max(formats.values()) < 2:
        return {}
    found: dict[int, Decision] = {}
    for cand, decision in members:
        value = cand.value.strip()
        if decision is not None or (m := _BARE_WEIGHT_FILE.fullmatch(value)) is None or formats[m.group(1).lower()] < 2:
            continue
        if PLACEHOLDER.match(value) or _STAND_IN_WEIGHT.fullmatch(value.rsplit(".", 1)[0]):
            continue
        evidence = [f"file-peers:{formats[m.group(1).lower()]}", "shape:model-file"]
        if context in ("test", "example", "docs"):
            evidence.append(f"file-role:{context}")
        found[id(cand)] = Decision(Match("model-file", None, 0.6), "key", tuple(evidence))
    return found


# a weight file named for no model (a test's or an example's own file)
_STAND_IN_WEIGHT = re.compile(r"(?i)(?:test|tests|dummy|fake|mock|sample|example|tmp|temp|foo|bar|invalid|broken|"
                              r"empty|bad|corrupt(?:ed)?|missing|out|output|a|b|x)(?:[-_]?\d*)")


def _with_peers(decided: list[tuple[Candidate, Decision | None]],
                context: str) -> list[tuple[Candidate, Decision | None]]:
    """Peer evidence (``peers``): in a table (``Candidate.group``) whose entries are mostly recognised models,
    the other model-shaped entries are models too. A table entry counts as recognised when the knowledge base
    knows it or a rule of its own found it; the table says "model" when its name, key or switch does."""
    tables: dict[tuple[int, str], list[tuple[Candidate, Decision | None]]] = {}
    for cand, decision in decided:
        if cand.group is not None and not cand.prefix_check:
            # the arguments of different calls at the same place in a class's methods are different tables: a test
            # class's `config("gpt-5")` calls beside `asMap("type", "enabled", "budget_tokens", 5000)` in the next
            # statement share the syntactic path up to the class, not what they list
            call = cand.call.lower() if cand.call and cand.call_before_binding else ""
            tables.setdefault((cand.group[0], f"{cand.group[1]}|{call}"), []).append((cand, decision))
        elif (cand.group is None and not cand.prefix_check and cand.call is None and not cand.is_key and cand.via is None
              and not cand.container and len(cand.bindings) == 1 and CONST_NAME.fullmatch(cand.bindings[0])):
            # a module's (or constants class's) named constants are one table: `pub const GLM_5_2: &str =
            # "glm-5.2"` beside a dozen constants the knowledge base knows
            tables.setdefault((-1, f"constants:{cand.owner or ''}"), []).append((cand, decision))
        elif cand.group is None and not cand.prefix_check and cand.compared_to and context != "test" \
                and is_model_name(cand.compared_to):
            # the values one file compares a model-named value with are one table: a router's or gateway's
            # `requestedModel == "gpt-4.1" || requestedModel == "model-router"`, a chain of `if model == "…"` checks
            # (not in a test: its `Assert.Equal("custom:tag", resource.ModelName)` expectations are made-up values as
            # often as models)
            tables.setdefault((-2, f"compared:{cand.compared_to}"), []).append((cand, decision))
    extra: dict[int, Decision] = {}
    for key, members in tables.items():
        if not MIN_KNOWN <= len(members) <= MAX_TABLE:
            continue
        extra.update(_file_peers(members, context))
        # named constants are looser company than a table literal (a provider's name sits beside its models):
        # an entry must read as a model on its own
        loose = key[1].startswith("constants:")
        model_table = any(d is not None and d.hint == "key" and not any(e.startswith("binding:") for e in d.evidence)
                          for _, d in members) or any(c.switch_on and is_model_name(c.switch_on) for c, _ in members)
        keyed = all(c.is_key for c, _ in members)  # a map's keys (``peers.accepted``: a prefix-keyed map)
        ok = accepted(((c.value, d is not None and d.match.kind != "model-file") for c, d in members),
                      model_table=model_table, keyed=keyed)
        if not ok:
            # a block that mixes models with other constants (provider ids, command names, record types): its
            # entries that read as models on their own (a digit or a family word, not a role word: `volcano_tts`)
            # are weighed as their own table
            ok = accepted(((c.value, d is not None and d.match.kind != "model-file") for c, d in members
                           if (d is not None and d.match.kind != "model-file") or _reads_alone(c.value.strip())),
                          model_table=model_table, keyed=keyed)
        for cand, decision in members:
            why = ok.get(cand.value.strip()) if decision is None else None
            if why is not None and loose and not reads_as_model(cand.value.strip()):
                why = None
            if why is not None and _COMPANY_TAIL.search(cand.value.strip()):
                why = None  # `302-ai`, `together-ai`: who serves the models in the table, not one of them
            if why is not None and _CUSTOM_OR_PLACE.fullmatch(cand.value.strip()):
                why = None  # `external_agent`, `custom-embed` beside an app's model aliases: its own name for a
                # model configured elsewhere (a custom or place word first), as decide() reads it on its own
            if why is not None and cand.bindings and not cand.call_before_binding \
                    and _RESOURCE_NAME.search(snake(cand.bindings[0])) and "model" not in cand.bindings[0].lower() \
                    and not is_model_name(cand.bindings[0]):
                why = None  # `BUCKET_NAME = "java-docs-samples-testing"` among a test class's model constants: its
                # own name says what it holds (_RESOURCE_NAME); a name that also says model (`modelToPath`, whose
                # switch returns each model's API path name: `eb-instant`, `bloomz_7b1`) is left to the table
            if why is not None and not _ENV_NAME.fullmatch(cand.value):
                evidence = [why, "shape:peer"]
                if context in ("test", "example", "docs"):
                    evidence.append(f"file-role:{context}")
                extra[id(cand)] = Decision(peer_match(cand.value.strip()), "key", tuple(evidence))
    if not extra:
        return decided
    return [(c, extra.get(id(c), d)) for c, d in decided]


def _with_case_spellings(decided: list[tuple[Candidate, Decision | None]],
                         context: str) -> list[tuple[Candidate, Decision | None]]:
    """The labels of one case clause are spellings of one value: code that normalises a model's name lists the
    names a caller may send for it in one clause (CLIProxyAPI's Go ``case "kimi-k2.7-code", "k2.7-code",
    "kimi-for-coding", "for-coding": normalized = "kimi-for-coding"``, a Kotlin ``"gpt-4o", "gpt4o-latest" ->``,
    a Rust ``"a" | "b" =>`` arm), whatever the switch's subject is called. When one label is a recognised model,
    the other labels that read as a model on their own (a digit or a family word: ``k2.7-code``,
    ``kimi-for-coding``; not ``for-coding``) are models too, and so is the clause's body value that repeats one of
    them (the canonical name the clause maps its spellings to). Unlike a whole table (``_with_peers``, which asks
    for three recognised entries), one clause is one model's names, so one recognised label is enough."""
    clauses: dict[int, list[tuple[Candidate, Decision | None]]] = {}
    # the recognised model a clause of a switch on a model's name gives back (`case "helix-4": return
    # ModelOllamaLlama370b`, the constant's literal reached through its name): clause -> that model
    gives: dict[int, str] = {}
    for cand, decision in decided:
        if cand.clause is not None and not cand.case_label and not cand.embedded and decision is not None \
                and decision.match.kind != "model-file" and cand.clause not in gives:
            gives[cand.clause] = cand.value.strip()
        if cand.clause is not None and cand.via is None and not cand.embedded and not cand.prefix_check \
                and not cand.is_key:
            clauses.setdefault(cand.clause, []).append((cand, decision))
    extra: dict[int, Decision] = {}
    for clause, members in clauses.items():
        labels = [(c, d) for c, d in members if c.case_label]
        known = {c.value.strip() for c, d in labels if d is not None and d.match.kind != "model-file"}
        if not known and clause in gives and 0 < len(labels) <= 4 \
                and all(c.switch_on and is_model_name(c.switch_on) for c, _ in labels):
            # the app's own names for a model, mapped to it by a switch on the model's name (`switch modelName {
            # case "helix-4": return ModelOllamaLlama370b }`): a caller sends the label as its model, the clause
            # gives the model it stands for; each label that is shaped like an id (a separator, not a constant's or
            # a provider's name) is that model's alias
            why = f"case-alias:{gives[clause]}"
            for cand, _ in labels:
                value = cand.value.strip()
                if value != gives[clause] and peer_shaped(value) and not _COMPANY_TAIL.search(value) \
                        and not _ENV_NAME.fullmatch(value) and not _tier_preset(value):
                    extra[id(cand)] = _spelling_decision(value, why, context)
            continue
        if not known or len(labels) < 2:
            continue
        names = set(known)
        why = f"case-spelling:{sorted(known)[0]}"
        # the clause gives back one of its own labels as the model (`when "sonar-huge", "sonar_pro", "sonar-pro"
        # then Perplexity.new(model: "sonar-pro")`): its other labels are the names callers send for that model, so an
        # id-shaped one (a separator: `online_huge`) needs no family word of its own (a bare word, `huge`, still does)
        # (its first word, the model's: `sonar_pro` beside `sonar-pro`; not `for-coding`, the tail of `kimi-for-coding`)
        canonical = gives.get(clause) if gives.get(clause) in known else None
        for cand, decision in labels:
            value = cand.value.strip()
            if decision is None and value not in known and peer_shaped(value) \
                    and (reads_as_model(value) or (canonical is not None and _first_word(value) == _first_word(canonical))) \
                    and not _COMPANY_TAIL.search(value) and not _ENV_NAME.fullmatch(value):
                names.add(value)
                extra[id(cand)] = _spelling_decision(value, why, context)
        for cand, decision in members:
            if not cand.case_label and decision is None and cand.value.strip() in names:
                extra[id(cand)] = _spelling_decision(cand.value.strip(), why, context)
    if not extra:
        return decided
    return [(c, extra.get(id(c), d)) for c, d in decided]


# words that rank a choice by price, speed or quality (a router's or CLI's presets: `free-fast`, `latest-smart`,
# `cheap`): a name made only of them picks a tier, whatever model the tier maps to today
_TIER_WORDS = frozenset({"free", "fast", "faster", "fastest", "smart", "smarter", "smartest", "latest", "cheap",
                         "cheapest", "best", "default", "quick", "balanced", "powerful", "slow", "good", "better",
                         "economy", "premium", "standard", "basic", "advanced", "high", "low", "quality", "speed",
                         "auto", "small", "large", "medium", "mini", "pro", "lite"})


def _tier_preset(value: str) -> bool:
    words = [w for w in re.split(r"[-_.\s]+", value.lower()) if w]
    return bool(words) and all(w in _TIER_WORDS for w in words)


def _first_word(value: str) -> str:
    return re.split(r"[-_.:/\s]+", value.strip().lower(), maxsplit=1)[0]


def _spelling_decision(value: str, why: str, context: str) -> Decision:
    evidence = [why, "shape:peer"]
    if context in ("test", "example", "docs"):
        evidence.append(f"file-role:{context}")
    return Decision(peer_match(value), "key", tuple(evidence))


# Terraform's Kubernetes provider: a manifest's labels and selectors (`labels = { app = "mistral-7b-instruct" }`,
# `selector { match_labels = … }`), an object's own name (`metadata { name = … }`) and a container's name are named by
# whoever writes the manifest, often after the model served; the model is given in the container's args, env or
# download command. The same as the YAML reader's rule for manifests (config_files: label maps, metadata.name,
# container names).
_K8S_LABEL_BLOCKS = frozenset({"labels", "match_labels", "selector", "node_selector"})
_K8S_NAMED_BLOCKS = frozenset({"metadata", "container", "init_container", "port", "volume", "volume_mount"})


def _k8s_object_label(cand: Candidate) -> bool:
    near = cand.bindings[:2]
    return bool(near) and (near[0] in _K8S_LABEL_BLOCKS or (
        near[0] == "name" and len(near) == 2 and near[1] in _K8S_NAMED_BLOCKS) or (
        # a label map's own key (`labels = { app = "…" }`): the map's name is the one after the key's
        cand.container and len(near) == 2 and near[1] in _K8S_LABEL_BLOCKS))


def _role_from_names(cand: Candidate) -> str | None:
    for name in (*cand.bindings, cand.call or ""):
        s = snake(name)
        if "rerank" in s:
            return "rerank"
        if "embed" in s:
            return "embedding"
        if any(w in s for w in ("whisper", "tts", "asr", "speech", "transcri")):
            return "speech"
    return None


# quoted literals on one line (double, single, back quotes; escapes kept): the alternatives are disjoint and the
# length is bounded; an escaped quote (\") opens no literal, so a literal that fails (no closing quote within 300
# bytes) has no other start inside what it read and each byte is read a bounded number of times. Without that, every
# \" of a long run started a literal that read 300 bytes: O(bytes x 300), 4.6 s of CPU for 400 KB of escaped quotes
# (redteam11 probe s11-java-escaped-quote-soup), before the file's budget is started
# an empty literal ("") is matched too, so the quotes after it still pair up (`"a":"","model":"gpt-4"`)
# The test that no backslash comes before the quote is written after the quote (`"(?<!\\")`: the two bytes before the
# body are not `\"`), the same test as a look-behind before it, so that every alternative starts with its quote byte
# and the regex engine skips to the next quote instead of trying each byte: ~3x faster over real code, same matches
# A literal of any length is matched (judged only up to 300 units, has_candidate): were a longer one left unmatched,
# its closing quote would open the next literal and every quote after it on the line would pair wrongly (`string a =
# "<400 x's>"; string m = "gpt-4o";` read `; string m = ` and never `gpt-4o`). A body's units are disjoint
# alternatives, so a literal that never closes costs one read of the rest of its line, and an opener that fails leaves
# no other opener of its kind before the line ends
_LITERAL = re.compile(rb'"(?<!\\")((?:[^"\\\n]|\\.)*)"|\'(?<!\\\')((?:[^\'\\\n]|\\.)*)\'|`([^`\n]*)`')
_LITERAL_UNITS = 300  # a longer literal is text, not judged
_ESCAPE = re.compile(rb"\\.")


def _long_literal(raw: bytes) -> bool:
    """Over _LITERAL_UNITS units, an escape (``\\"``) one unit."""
    return len(raw) > _LITERAL_UNITS and (len(raw) > 2 * _LITERAL_UNITS
                                          or len(raw) - len(_ESCAPE.findall(raw)) > _LITERAL_UNITS)
# JSON with escaped quotes inside a literal too long for _LITERAL (an SSE chunk "data: {\"model\":\"x\",…}"): an
# escaped-quoted key naming a model. Its pieces stop at the next backslash or quote, so the search is linear
_ESCAPED_MODEL_KEY = re.compile(rb'\\"[^"\\\n]{0,80}?(?:odel|ODEL)[^"\\\n]{0,80}?\\"')
# (`GetChatClient("claims-chat")`, `GetAudioClient(…)`: the .NET OpenAI client getters, whose argument is the
# deployment or model: classifier.DEPLOYMENT_CALLS)
_NEAR_MODEL = re.compile(rb"(?i)model|llm|engine|deploy|embed|rerank|(?:chat|audio|image)client")
# JSON written inside a literal whose own quotes are not the JSON's (a Swift raw string `#"{"id":"gen-1","model":
# "deepseek/deepseek-r1"}"#`, a Rust `r#"…"#`, a C++ `R"(…)"`, a one-line C# / Kotlin `"""…"""`): _LITERAL pairs the
# quotes from the literal's opening one, so past an odd number of them it reads the gaps between the JSON's strings
# and never the `"model":"<value>"` pair itself. The pair read as such; its pieces stop at a quote, a backslash or a
# line end, so the search is linear
_QUOTED_MODEL_PAIR = re.compile(rb'"[^"\\\n]{0,80}?(?:odel|ODEL)[^"\\\n]{0,80}?"[ \t]{0,8}:[ \t]{0,8}"([^"\\\n]{1,200})"')
_MAX_QUOTED_PAIRS = 256


def _quoted_model_pair(data: bytes) -> bool:
    """A `"…model…": "<value>"` pair whose value has_candidate's reading of a literal would take (_literal_verdict);
    the key says model, so a value only a model-named binding makes one counts too. At most _MAX_QUOTED_PAIRS."""
    for i, m in enumerate(_QUOTED_MODEL_PAIR.finditer(data)):
        if i >= _MAX_QUOTED_PAIRS:
            return False
        if _literal_verdict(m.group(1))[1] != _NO:
            return True
    return False
# JSON in a C# verbatim literal (@"{ ""model"": ""claude-3-5-sonnet-20241022"" }", a test's recorded reply): its doubled
# quotes pair up as empty literals for _LITERAL, so the model key is looked for on its own; bounded, so linear
_DOUBLED_MODEL_KEY = re.compile(rb'""[^"\n]{0,80}?(?:odel|ODEL)[^"\n]{0,80}?""[ \t]{0,8}:[ \t]{0,8}""[^"\s]')


# a SQL column declared with a default in DDL held in code (`model VARCHAR(255) NOT NULL DEFAULT 'gpt-4o'`): a model
# field's default, like a Django field's; bounded quantifiers, one line at a time, so linear on any input
_SQL_DEFAULT = re.compile(
    rb"""(?im)^[ \t]{0,40}[`"\[]?(\w{0,40}model\w{0,40})[`"\]]?[ \t]{1,20}(?:var)?(?:n?char|n?varchar|text|string|"""
    rb"""character varying)\b[^\n,']{0,80}?\bdefault[ \t]{1,8}'([^'\s]{1,200})'""")


_SQL_DEFAULT_QUOTE = re.compile(rb"default[ \t]{1,8}'")


def sql_defaults(data: bytes) -> list[Candidate]:
    """Model-named SQL columns' defaults in DDL text (``CREATE TABLE … model VARCHAR(255) DEFAULT '…'``)."""
    if b"DEFAULT" not in data and b"default" not in data:
        return []
    # every match holds `default '` (any case, 1-8 blanks between): looked for in the lowered bytes first, a search
    # with a literal start (the multi-line pattern below tries every line of a file that has none, most files)
    if _SQL_DEFAULT_QUOTE.search(data.lower()) is None:
        return []
    out: list[Candidate] = []
    for m in _SQL_DEFAULT.finditer(data):
        line = data.count(b"\n", 0, m.start(2)) + 1
        column = m.start(2) - (data.rfind(b"\n", 0, m.start(2)) + 1) + 1
        out.append(Candidate(m.group(2).decode("utf-8", "replace"), line, column,
                             (m.group(1).decode("utf-8", "replace"),)))
        if len(out) >= 256:
            break
    return out


# a Ruby word array (`%w[sonar sonar-pro]`): its words are literals _LITERAL does not see
# (a body stops at the next `%`, so an unclosed opener reads no further than the next one: linear on any input)
_WORD_ARRAY = re.compile(rb"%w[\[(]([^\])%]{0,4000})[\])]")


def _word_array_candidate(data: bytes) -> bool:
    for i, m in enumerate(_WORD_ARRAY.finditer(data)):
        if i >= 256:
            return False
        near = _NEAR_MODEL.search(data, max(0, m.start() - 80), m.start()) is not None
        for word in m.group(1).split()[:200]:
            value = word.decode("utf-8", "replace")
            if plausible(value) and (could_decide(value) or (near and BINDING_ONLY.fullmatch(value))):
                return True
    return False


# has_candidate's verdict on one literal's bytes, which depends on the bytes alone (the knowledge base is loaded once
# per process): the extra budget steps its comma-list items cost, and _YES, _NO or _NEAR (a binding-only shape, a
# candidate when a model-ish word sits within 80 bytes before it). Real code repeats its literals across files
# ("", "error", "application/json"): a repeat is one dict look-up instead of a decode and up to a dozen tests.
# Bounded: emptied when it holds _VERDICTS_MAX literals (each at most ~1.2 KB of UTF-8).
_YES, _NO, _NEAR = 1, 0, 2
_VERDICTS: dict[bytes, tuple[int, int]] = {}
_VERDICTS_MAX = 1 << 16


def _literal_verdict(raw: bytes) -> tuple[int, int]:
    """(extra budget steps, verdict) for one literal's bytes: has_candidate's tests on the literal alone."""
    if b'"' in raw and (b"odel" in raw or b"ODEL" in raw):  # "model": "…" / MODEL("…") inside the literal
        return 0, _YES
    if b"efault" in raw and b'"' in raw and (go_tag := GO_TAG_DEFAULT.search(raw)) is not None:
        # a Go struct tag's default (`env:"JUDGE" envDefault:"gpt-4o"`): the value the field is given, judged
        # alone (candidates._tag_defaults reads it); the inner value is shorter, so this recursion ends
        return _literal_verdict(go_tag.group(1))
    if (b"odel=" in raw or b"ODEL=" in raw) and FORM_PAIR.search(b'"' + raw + b'"') is not None:
        return 0, _YES  # "model=whisper-1&language=en": a form body's or a query string's model field (_form_pairs)
    if b"?" in raw and b"=" in raw and PROVIDER_QUERY.match(b'"' + raw) is not None \
            and ROLE_PAIR.search(b'"' + raw + b'"') is not None:
        return 0, _YES  # "openai?chat=gpt-4o": a provider's model string, its model per kind (_role_pairs)
    value = raw.decode("utf-8", "replace")
    if b"/models/" in raw and (method := _MODEL_METHOD_URL.fullmatch(value)) is not None \
            and could_decide(method.group(1)):
        return 0, _YES  # "{baseUrl}/models/imagetext:predict": the model a REST path names (_with_embedded)
    if b"publishers/" in raw and b"}" in raw and (resource := _templated_resource(value)) is not None \
            and could_decide(resource.group(1)):
        return 0, _YES  # "projects/{p}/locations/l/publishers/google/models/gemini-2.0-flash-001" (_with_embedded)
    if b'"id' in raw and any(could_decide(m.group(1)) for m in _EMBEDDED_ID_PAIR.finditer(value)):
        return 0, _YES  # "\"id\":\"claude-sonnet-4-5\"": a model object's id inside the literal (_with_embedded)
    if value.startswith("${") and (m_default := _PLACEHOLDER_DEFAULT.fullmatch(value)) is not None:
        value = m_default.group(2)  # "${spring.ai.openai.chat.options.model:qwen-plus}": its default
    elif value.startswith("default:") and (tagged := _TAG_DEFAULT.fullmatch(value)) is not None:
        value = tagged.group(1)  # "default:gpt-3.5-turbo": a field tag's default (_with_embedded)
    elif "?" in value and (opts := _MODEL_OPTIONS.fullmatch(value)) is not None:
        value = opts.group(1)  # "gpt-4o-mini?max_output_tokens=16": the model before its options
    elif "=" in value and (prop := _PROPERTY_SETTING.fullmatch(value)) is not None:
        value = prop.group(2)  # "spring.ai.openai.chat.options.model=qwen3": the value set
    elif (setting := _yaml_setting(value)) is not None:
        value = setting.group(2)  # "model: gpt-4o\n": a YAML setting's value
    elif settings := _literal_settings(value):
        value = settings[0][1].group(2)  # "driver: openai\nmodel: gpt-4o", "driver=openai,model=gpt-4o": the first
        # model setting's value
    elif (item := _listed_item(value)) is not None:
        value = item.group(1)  # "* gpt-4o (current)": a printed list's item
    elif (usage := azure_usage_model(value)) is not None:
        value = usage.group(1)  # "OpenAI.GlobalStandard.gpt-4o,150": a quota usage's model part (_with_embedded)
    elif value[:1] == "'" and (sql_scalar := SQL_SCALAR.fullmatch(value)) is not None:
        value = sql_scalar.group(1)  # "'org/name'": one SQL string literal, a parameter's SQL default (extract)
    elif "@sha256:" in value and (pinned := _DIGEST_PINNED.fullmatch(value)) is not None:
        value = pinned.group(1)  # "name:tag@sha256:…": the reference before its digest
    if (inner := _embedded_id(value)) is not None:
        value = inner.group(1) or inner.group(2)  # a Bedrock ARN's or Azure address's model part
    if _model_dir_tail(value) is not None:
        return 0, _YES  # "${ASR_MODEL_DIR}/sherpa-mnn-…": a model's folder under a models directory (_with_embedded)
    extra = 0
    if "," in value and len(value) <= 300:
        # "gpt-4o,gpt-4o-mini": a list setting's items (_list_items); "[gpt-4o, gpt-4o-mini]": a printed list's
        items = (value[1:-1] if value[:1] == "[" and value[-1:] == "]" else value).split(",")[:16]
        extra = len(items)
        if any(could_decide(item) for item in items if item and plausible(item)):
            return extra, _YES  # "gpt-4o,gpt-4o-mini": a list setting's items (_list_items)
    if _WHISPER_SIZE_WORD.fullmatch(value):
        return extra, _NEAR  # model: "tiny": a Whisper checkpoint where a model is bound (_whisper_size)
    if not plausible(value):
        return extra, _NO
    if ("://" in value and classify_endpoint(value)) or could_decide(value):
        return extra, _YES  # what _emit reports: an endpoint, or a literal decide() accepts under some evidence
    # a hyphenated id or an org/name only a model-named binding makes a model (binding-only; a model repository's
    # modelRepo: "org/name"): parsed when a model word is near
    return extra, (_NEAR if BINDING_ONLY.fullmatch(value) or hub_repo_shape(value) else _NO)


def has_candidate(data: bytes) -> bool:
    """The cheap byte-level pass run before a file is parsed: does any quoted literal in it look like
    something the classifier could accept under the most permissive evidence (a model key or an SDK call)?
    Files with none (most source files) are never parsed. Literals that only a binding could make a model
    (``textembedding-gecko``) count when a model-ish word sits within 80 bytes before them.

    The pass has an allowance as large as the file's budget, of its own (so the parse and analysis after it keep
    theirs, as before): one step per literal and per list item it classifies; past it, ``BudgetExceeded``. A
    distinct hyphenated value costs ~50 us to classify: 340,000 of them in a 3.9 MB Go file, or 20,000 comma lists
    of 16, took 17-22 s of CPU here, unbudgeted (redteam13). A literal's verdict is kept (``_VERDICTS``); its steps
    are counted on every occurrence, as before."""
    tick = budget().fresh().tick
    verdicts = _VERDICTS
    # the file; then, from inside each literal over 300 units to its line's end, the quotes as they paired before it was
    # matched whole (an apostrophe in a comment that meets a far quote hides nothing between), 3 deep and as many bytes
    # as the file at most, so the pass stays linear
    spans = [(0, len(data), 0)]
    reread = len(data)
    while spans:
        start, end, depth = spans.pop()
        for m in _LITERAL.finditer(data, start, end):
            tick()
            raw = m.group(m.lastindex or 0)
            if len(raw) > _LITERAL_UNITS and _long_literal(raw):  # passed whole: the quotes after it pair as written
                stop = data.find(b"\n", m.end(), end)
                stop = end if stop < 0 else stop
                if long_model_setting(raw):
                    return True  # a model setting in it, not read: the file is parsed so that the scan says so
                if depth < 3 and stop - m.start() <= reread:
                    reread -= stop - m.start()
                    spans.append((m.start() + 1, stop, depth + 1))
                continue
            known = verdicts.get(raw)
            if known is None:
                if len(verdicts) >= _VERDICTS_MAX:
                    verdicts.clear()
                known = verdicts[raw] = _literal_verdict(raw)
            extra, verdict = known
            if extra:
                tick(extra)
            if verdict == _YES:
                return True
            if verdict == _NEAR and _NEAR_MODEL.search(data, max(0, m.start() - 80), m.start()):
                return True
    if b"%w" in data and _word_array_candidate(data):
        return True
    if b'\\"' in data and _ESCAPED_MODEL_KEY.search(data) is not None:
        return True
    if b'""' in data and _DOUBLED_MODEL_KEY.search(data) is not None:
        return True
    if b"[" in data and _FLOW_MODEL_LIST.search(data) is not None:
        return True  # `models: [gpt-4o]` in YAML a test writes (candidates.yaml_model_pairs reads its items)
    if b"odel: " in data and _YAML_MODEL_LINE.search(data) is not None:
        return True  # `model: gpt-4` on a line of a multi-line literal (a front matter or config a test parses)
    if b"odel " in data and b"\n[" in data and _ini_model_line(data):
        return True  # `Model   = gpt-4o` under an `[openai]` section of INI text a test writes (candidates' _EMBEDDED_INI)
    return b'odel"' in data and _quoted_model_pair(data)


# where an INI model line may be: the key's model word, spaces, `=`, spaces and a value (a literal's search: fast)
_INI_MODEL_HINT = re.compile(rb"(?:odel|ODEL)\w{0,40}+[ \t]{1,40}+=[ \t]{1,8}+[A-Za-z0-9]")


def _ini_model_line(data: bytes) -> bool:
    """An INI line setting a model-named key to a value that could be a model (candidates.EMBEDDED_INI, matched from
    the line's start); the first 64 places that may hold one are looked at."""
    for i, hint in enumerate(_INI_MODEL_HINT.finditer(data)):
        if i >= 64:
            return False
        lo = max(0, hint.start() - 128)  # the key's line starts at most 81 bytes before its model word
        start = data.rfind(b"\n", lo, hint.start()) + 1
        end = data.find(b"\n", hint.end(), hint.end() + 256)  # and its value ends within 209 bytes after
        if (start == 0 and lo > 0) or (end < 0 and hint.end() + 256 < len(data)):
            continue
        m = EMBEDDED_INI.match(data, start, len(data) if end < 0 else end)
        if m is not None and could_decide(m.group(2).decode("utf-8", "replace")):
            return True
    return False


# a model-named YAML key with a flow list, in a literal's text (real or `\n`-escaped lines)
_YAML_MODEL_LINE = re.compile(rb"(?m)^[ \t]{0,40}(?:- )?(?:model|[\w-]{1,40}_model|[\w-]{1,40}Model):[ \t]{1,8}[\"']?"
                              rb"[A-Za-z0-9][\w.:/-]{1,120}[\"']?[ \t]*\r?$")
_FLOW_MODEL_LIST = re.compile(rb"(?:odel|ODEL)[sS]?:[ \t]{0,8}\[[^\]\[\n]{1,400}\]")


# cross-file constants (links.py): a constant defined in one file of a Go package, or in a Java / Kotlin / C# type,
# and passed as a model in another file of the same language
_CROSS_FILE = {"go": "go", "java": "jvm", "kotlin": "jvm", "csharp": "cs"}
_GO_IMPORT = re.compile(rb'(?m)^[ \t]*(?:import[ \t]+)?([A-Za-z_]\w{0,60}[ \t]+)?"([\w.~/-]{1,300})"[ \t]*$')


# an upper-case name declared with an identifier-shaped literal (`OrbitChat = "orbit-chat-v2"`, `const string Gpt4 =
# "gpt-4"`, `val GPT4: String = "gpt-4"`): a constant other files may pass as a model, so the file is parsed for the
# cross-file pass even when nothing in it reads as a model. The value is found first (a search that starts at an
# `=`, fast), then the name before it; bounded quantifiers, so linear on any input
_DECLARED_VALUE = re.compile(rb'=[ \t]{0,8}"[a-z][a-z0-9]{0,80}(?:[-.][a-z0-9]{1,80}){1,12}(?::[\w.-]{1,80})?"')
_DECLARED_NAME = re.compile(rb'(?<![\w$])[A-Z]\w{0,80}[ \t]{0,8}(?::[ \t]{0,8}\w{1,40}[ \t]{0,8})?$')


def _declares_literal(data: bytes) -> bool:
    for i, m in enumerate(_DECLARED_VALUE.finditer(data)):
        if i >= 256:
            return False
        if _DECLARED_NAME.search(data, max(0, m.start() - 140), m.start()) is not None:
            return True
    return False


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _go_imports(data: bytes) -> dict[str, str]:
    """A Go file's import names and paths (``param`` -> ``github.com/acme/bot/param``; an alias when written);
    only the lines of its import block(s) and single imports, at most 256."""
    out: dict[str, str] = {}
    head = data[:data.find(b"\nfunc ")] if b"\nfunc " in data else data
    for m in _GO_IMPORT.finditer(head):
        path = m.group(2).decode("ascii", "replace")
        alias = m.group(1).decode("ascii", "replace").strip() if m.group(1) else path.rsplit("/", 1)[-1]
        out[alias] = path
        if len(out) >= 256:
            break
    return out


def _definition_module(family: str, path: str, cand: Candidate) -> str | None:
    """Where other files name a declared constant from: its Go package's folder, its Java / Kotlin / C# type."""
    if family == "go":
        return f"go:{_folder(path)}"
    if cand.owner and cand.owner[:1].isupper():
        return f"{family}:{cand.owner}"
    return None


def _pending_definitions(file: SourceFile, family: str, declared: list[Candidate], reported: set[tuple[int, int]],
                         calls: frozenset[str]) -> list[Finding]:
    """Declared constants nothing in their own file vouches for, shaped like an identifier a model setting would
    take (``const ModelOrbit = "orbit-r7"``): ``binding-pending`` findings tagged with where other files name them
    from, kept by ``links.link_uses`` only where another file of the language passes them as a model."""
    out: list[Finding] = []
    tick = budget().tick
    for cand in declared:
        tick(_STEPS_PER_LITERAL)
        if (cand.line, cand.column) in reported or not cand.bindings or not cand.bindings[0][:1].isupper():
            continue  # reported on its own, or a name other files do not use (an unexported Go name, a local)
        module = _definition_module(family, file.path, cand)
        value = cand.value.strip()
        if module is None or "://" in value or _VERSION_CODE.fullmatch(value):
            continue
        decision = decide(Candidate(value, cand.line, cand.column, ("model",)), calls, file.context)
        if decision is None or decision.match.kind == "model-file":
            continue
        out.append(Finding(
            path=file.path, line=cand.line, column=cand.column, raw=value, kind=decision.match.kind, role="unknown",
            context=file.context, source=f"{family}-const-model", provider=decision.match.provider,
            confidence=min(decision.match.confidence, 0.6),
            evidence=(PENDING, f"{CONST_TAG}{module}.{cand.bindings[0]}")))
    return out


def _const_uses(file: SourceFile, family: str, data: bytes, calls: frozenset[str]) -> list[SymbolUse]:
    """Names passed as a model in this file (``Model: param.DeepseekR1``, ``.modelName(ModelNames.QWEN_MAX)``) that
    may be constants of another file: ``SymbolUse``s for ``links.link_uses``."""
    out: list[SymbolUse] = []
    imports = _go_imports(data) if family == "go" else {}
    tick = budget().tick
    for qualifier, ctx in model_uses(data, lambda: tick(_STEPS_PER_LITERAL), qualified=family != "go"):
        hint, evidence = context_hint(ctx, calls)
        if hint == "none":
            continue
        if family == "go":
            if qualifier is None:
                module = f"go:{_folder(file.path)}"
            elif qualifier in imports:
                module = f"go@{imports[qualifier]}"
            else:
                continue  # a field of a value (`cfg.DefaultModel`), not a package's constant
        elif qualifier is not None and qualifier[:1].isupper():
            module = f"{family}:{qualifier}"
        else:
            continue
        out.append(SymbolUse(
            path=file.path, line=ctx.line, column=ctx.column, module=f"{CODE_MODULE}{module}", name=ctx.value,
            source=f"{family}-const-use", api=ctx.call if hint == "api" else None, role=_role_from_names(ctx),
            symbol=evidence[0] if evidence else None, context=file.context))
    return out


class PolyglotSource:
    id = "code"
    description = ("Go, Java, Kotlin, C#, PHP, Rust, Ruby, Scala, Swift, Dart, Elixir, C/C++, Lua, Terraform/HCL: string "
                   "literals bound to model names, passed to SDK calls, or known to the knowledge base")
    samples = (
        Sample("internal/llm/client.go",
               'package llm\nconst DefaultModel = "qwen-max"\nfunc f() {\n  req := openai.ChatCompletionRequest{Model: '
               '"gpt-4o-mini"}\n  switch model {\n  case "claude-3-opus-20240229":\n  }\n  if strings.HasPrefix(m, '
               '"gpt-5") {}\n  name := "report"\n}\n',
               ("qwen-max", "gpt-4o-mini", "claude-3-opus-20240229")),
        Sample("src/main/java/ai/Chat.java",
               'class Chat { static final String EMBED = "text-embedding-3-small";\n void f() { '
               'OpenAiChatModel.builder().modelName("deepseek-chat").build(); String s = "hello"; } }\n',
               ("text-embedding-3-small", "deepseek-chat")),
        Sample("app/src/main/kotlin/Gen.kt",
               'val model = GenerativeModel(modelName = "gemini-1.5-flash", apiKey = k)\nval t = "title"\n',
               ("gemini-1.5-flash",)),
        Sample("Services/Kernel.cs",
               'var b = Kernel.CreateBuilder().AddAzureOpenAIChatCompletion(deploymentName: "gpt-4o", endpoint: e);\n',
               ("gpt-4o",)),
        Sample("src/Llm.php", '<?php $client->chat()->create(["model" => "glm-4-plus", "messages" => []]);\n',
               ("glm-4-plus",)),
        Sample("src/main.rs", 'fn main() { let r = Args::default().model("llama3.2:3b").build(); }\n',
               ("llama3.2:3b",)),
        Sample("app/llm.rb", 'client.chat(parameters: { model: "gpt-4o", messages: [] })\nlabel = "model"\n',
               ("gpt-4o",)),
        Sample("infra/openai.tf",
               'resource "azurerm_cognitive_deployment" "d" {\n  name = "chat"\n  model {\n    format = "OpenAI"\n'
               '    name = "gpt-4o"\n    version = "2024-05-13"\n  }\n}\n',
               ("gpt-4o",)),
        Sample("src/Weights.java", 'class W { String f = "model.safetensors"; String g = "model-00001-of-00002.safetensors"; }\n',
               ()),
    )

    def applies_to(self, path: str) -> bool:
        return language_for(path) is not None

    def scan(self, file: SourceFile, lang: Language | None = None) -> Iterable[Finding | Skip | SymbolUse]:
        """``lang``: read the file as this language whatever its name (Python's fallback for a file whose ``ast``
        would be too large: ``python.scan_python_text``)."""
        lang = lang or language_for(file.path)
        if lang is None:
            return []
        data = file.text.encode("utf-8", "surrogateescape")
        if lang.id == "kotlin" and b"field" in data:
            data = _kotlin_backing_fields(data)
        if lang.id == "swift" and _SWIFT_HASH_RUN.search(data) is not None:
            data = _swift_hash_runs(data)
        defaults = sql_defaults(data)
        collector = Collector(file, f"{lang.id}-model")
        family = _CROSS_FILE.get(lang.id)
        try:
            literals = has_candidate(data) or (family is not None and _declares_literal(data)) \
                or _client_base_url_literal(data)
        except BudgetExceeded as exc:  # the byte pre-pass ran out of its allowance: nothing was parsed
            return [budget_skip(file.path, lang.id, exc, "not analysed")]
        uses: list[SymbolUse] = []
        if family is not None:
            try:  # read from the bytes alone: a file that only uses constants is not parsed for them
                uses = _const_uses(file, family, data, sdk_calls(lang.id))
            except BudgetExceeded as exc:
                return [budget_skip(file.path, lang.id, exc, "not analysed")]
        # the string values of SQL kept in a Ruby heredoc (a migration's `execute <<-SQL … WHERE api_name IN ('a',
        # 'b') … SQL`): each judged as a literal compared with its column, from the text alone like the DDL defaults
        heredoc_notes: list[str] = []  # a heredoc bound that stopped the reading: said in a skip
        sql = _ruby_sql_literals(file.text, heredoc_notes) if lang.id == "ruby" and "<<" in file.text else []
        heredoc_skips = [Skip(file.path, "analysis-budget", f"{lang.id}: SQL heredocs: {note}") for note in heredoc_notes]

        def text_literals(spent: BudgetExceeded | None) -> BudgetExceeded | None:
            """The DDL defaults, then the heredoc SQL's strings, while the budget lasts."""
            if defaults and spent is None:
                spent = _emit(collector, defaults, sdk_calls(lang.id), f"{lang.id}-sql-default", file.context)
            if sql and spent is None:
                spent = _emit(collector, sql, sdk_calls(lang.id), f"{lang.id}-sql", file.context)
            return spent

        if not literals:
            if not defaults and not sql:
                return list(uses)
            spent = text_literals(None)
            return [*collector.findings, *uses, *([budget_skip(file.path, lang.id, spent)] if spent else []),
                    *heredoc_skips]
        try:
            parser = parser_for(lang.id)
            tree = parse_within_budget(parser, data)
        except BudgetExceeded as exc:  # the parse itself ran out of the file's time: nothing to analyse
            return [budget_skip(file.path, lang.id, exc, "not analysed")]
        except (ValueError, MemoryError, RecursionError) as exc:
            return [Skip(file.path, "parse-error", f"{lang.id}: {type(exc).__name__}")]
        tick = collector.budget.tick
        whisper = _WHISPER_FILE.search(data) is not None

        def keep(value: str) -> bool:  # each literal extract() reads is a budget step, kept or not
            tick(_STEPS_PER_LITERAL)
            return _keep(value) or (whisper and _WHISPER_SIZE_WORD.fullmatch(value) is not None)

        capped: list[int] = []
        declared: list[Candidate] | None = [] if family is not None else None
        calls = sdk_calls(lang.id)
        unread: list[int] = []  # lines of literals over the size bound that hold a model setting not read
        too_deep: list[int] = []  # lines of literals nested too deep to read their context (MAX_CONTEXT_DEPTH)
        cands: Iterable[Candidate] = extract(tree, data, parser.language, keep, capped, declared, unread, too_deep)
        if lang.id == "hcl":
            cands = (c for c in cands if not _k8s_object_label(c))
        test_rows = rust_test_rows(tree, parser.language) \
            if lang.id == "rust" and file.context != "test" and b"test" in data else None
        spent = _emit(collector, cands, calls, f"{lang.id}-model", file.context, whisper=whisper,
                      model_sdk=_MODEL_SDK_IMPORT.search(data) is not None, test_rows=test_rows,
                      openai_sdk=_OPENAI_CLIENT_IMPORT.search(data) is not None,
                      ollama=_OLLAMA_MODULE.search(file.path) is not None)
        deploy_notes: list[str] = []  # a bound that stopped the reading of Azure deployments: said in a skip
        if collector.findings and ((lang.id == "hcl" and _AZURE_DEPLOYMENT in data)
                                   or (lang.id == "bicep" and b"deployments" in data)):
            found = (azure_deployments if lang.id == "hcl" else bicep_deployments)(tree.root_node, data, deploy_notes)
            if lang.id == "bicep":
                _deployment_names(collector, found)
            _tag_deployments(collector.findings, found)
        if lang.id == "ruby" and collector.findings:
            _ruby_vendor_clients(collector, data)
        spent = text_literals(spent)
        if spent is None and lang.id == "swift" and b"enum" in data and b"case" in data:
            try:
                _swift_implicit_raw_values(tree, data, collector)
            except BudgetExceeded as exc:
                spent = exc.with_traceback(None)  # (no frames kept: see _emit)
        out: list[Finding | Skip | SymbolUse] = [*collector.findings, *uses, *(
            Skip(file.path, "analysis-budget", f"{lang.id}: Azure OpenAI deployments: {note}") for note in deploy_notes)]
        if declared and spent is None:
            try:
                reported = {(f.line, f.column) for f in collector.findings}
                out.extend(_pending_definitions(file, family or "", declared, reported, calls))
            except BudgetExceeded as exc:
                spent = exc.with_traceback(None)  # (no frames kept: see _emit)
        if spent is None:
            written = {(f.line, f.column, f.raw) for f in collector.findings}
            for item in _json_blocks(file, lang.id):
                if not isinstance(item, Finding) or (item.line, item.column, item.raw) not in written:
                    out.append(item)  # a pair `_embedded_pairs` read out of the same literal is reported once
        if spent is None and lang.id == "ruby" and "<<" in file.text:
            code_notes: list[str] = []
            masked = _ruby_code_heredocs(file.text, code_notes)
            out += [Skip(file.path, "analysis-budget", f"{lang.id}: code heredocs (<<~RUBY): {note}") for note in code_notes]
            if masked is not None:
                # Ruby code kept in a heredoc (a test's workflow under `<<~RUBY`): read as Ruby at the same lines and
                # columns; a literal both readings find is reported once
                written = {(f.line, f.column, f.raw) for f in out if isinstance(f, Finding)}
                for code_item in self.scan(SourceFile(file.path, masked, file.context), lang):
                    if isinstance(code_item, Skip) and code_item in heredoc_skips:
                        continue  # the SQL heredocs' bound, said once
                    if not isinstance(code_item, Finding) or (code_item.line, code_item.column,
                                                              code_item.raw) not in written:
                        out.append(code_item)
        if spent is not None:
            out.append(budget_skip(file.path, lang.id, spent))
        if capped:
            out.append(Skip(file.path, "analysis-budget",
                            f"{lang.id}: only the first {capped[0]} string literals were analysed"))
        if unread:
            out.append(Skip(file.path, "analysis-budget",
                            f"{lang.id}: a string literal over {MAX_LITERAL} characters holds a model setting that was "
                            f"not read ({_lines_said(unread)})"))
        if too_deep:
            out.append(Skip(file.path, "analysis-budget",
                            f"{lang.id}: a string literal nested more than {MAX_CONTEXT_DEPTH} levels deep was not read "
                            f"({_lines_said(too_deep)})"))
        return [*out, *heredoc_skips]


_MAX_ENUMS = 256  # String enums of one Swift file weighed for implicit raw values

# Ruby's vendor gems: `Anthropic::Client.new` (anthropic-sdk-ruby) and `OpenAI::Client.new` (openai-ruby, ruby-openai)
# reach the vendor's own API unless given another base URL; their calls `client.messages.create(model: …)` (Anthropic)
# and `client.chat.completions.create`, `client.responses.create`, `client.embeddings.create` (openai-ruby) are the
# gems' own shapes, as Python's and JavaScript's rules read `.messages.create` and `.chat.completions.create`
_RUBY_VENDOR_CLIENT = re.compile(rb"\b(Anthropic|OpenAI)::Client\.new\b|\.(messages)\.(?:create|stream|count_tokens)\b|"
                                 rb"\.(chat\.completions|responses|embeddings)\.create\b")
# a base URL given to the client (`base_url:`, ruby-openai's `uri_base:`, an Azure `api_type:`): then the vendor's
# default endpoint is not what it reaches, and the file's URL (when written) is the evidence instead
_RUBY_CLIENT_BASE = re.compile(rb"(?i)base_?ur[il]|uri_base|api_base|api_type")
# the client's library (Finding.api, provenance's client-default table) and the provider whose default API it reaches
_RUBY_VENDORS = {b"Anthropic": ("anthropic", "anthropic-api"), b"messages": ("anthropic", "anthropic-api"),
                 b"OpenAI": ("openai", "openai-api"), b"chat.completions": ("openai", "openai-api"),
                 b"responses": ("openai", "openai-api"), b"embeddings": ("openai", "openai-api")}


def _ruby_vendor_clients(collector: Collector, data: bytes) -> None:
    """In a Ruby file that creates or calls a vendor gem's client and gives it no other base URL, the models of that
    vendor (by their provider) go through it: ``api`` is the client's library, which provenance reads as serving
    evidence (the client's default endpoint), as a Python or JavaScript client is read."""
    if b"::Client" not in data and b".create" not in data and b".stream" not in data and b".count_tokens" not in data:
        return
    if _RUBY_CLIENT_BASE.search(data):
        return
    by_provider: dict[str, str] = {}
    for i, m in enumerate(_RUBY_VENDOR_CLIENT.finditer(data)):
        if i >= 64:
            break
        api, provider = _RUBY_VENDORS[next(g for g in m.groups() if g)]
        by_provider[provider] = api
    if not by_provider:
        return
    collector.findings = [
        replace(f, api=by_provider[f.provider]) if f.kind != "endpoint" and f.provider in by_provider
        and f.api is None and f.endpoint is None else f for f in collector.findings]


# Kotlin 2's explicit backing field (`val uiState: StateFlow<UiState>` then `    field = MutableStateFlow(…)` on the
# next line, kotlinlang.org/docs/properties.html#explicit-backing-fields, as_of 2026-12-06), which tree-sitter-kotlin
# does not know: the rest of the file becomes one ERROR node and its literals are lost. Written as a getter instead
# (`get() =`, as long as `field =`), the declaration parses and every line and column stays where it was; a setter's
# `field = value` inside `set(v) { … }` does not follow a declaration line and is left alone
_KOTLIN_BACKING_FIELD = re.compile(rb"(?m)^([ \t]*(?:[a-z]+[ \t]+){0,4}va[lr][ \t]+\w{1,80}[ \t]*:[^=\n]{1,300}\n"
                                   rb"[ \t]*)field([ \t]*=)")


def _kotlin_backing_fields(data: bytes) -> bytes:
    return _KOTLIN_BACKING_FIELD.sub(rb"\1get()\2", data)


# tree-sitter-swift's external scanner reads a run of `#` for a raw string's delimiter again from each `#` of the run
# that no quote ends (an unclosed `####…#"`, or bare `#`s in code): its parse time grows with the square of the run
# (20,000 `#`: 1.3 s of CPU; 100,000: 33 s, inside one scanner call, so the parse budget's progress callback never
# ran). A raw string's delimiter is one to a few `#` (the candidate reader takes at most 8, _SWIFT_RAW); a longer run
# is blanked to spaces before the parse, lines and columns kept
_SWIFT_HASH_RUN = re.compile(rb"#{17,}")


def _swift_hash_runs(data: bytes) -> bytes:
    return _SWIFT_HASH_RUN.sub(lambda m: b" " * len(m.group(0)), data)


def _swift_implicit_raw_values(tree: Any, data: bytes, collector: Collector) -> None:
    """A Swift ``enum …: String`` whose written raw values are a model table (``case llama3_3 = "llama3.3"``, …): a
    case written without one (``case tinyllama``, ``case mistral``) has its own name as its raw value, which the code
    sends as the model (``modelType.rawValue``). Reported, at the case's name, when the table is one (``peers``: three
    recognised raw values at least, half of them) and the name alone is a model of the same kind as the table's
    (an Ollama library name in a table of Ollama tags, an API id in a table of API ids), at the classifier's own
    confidence of at least 0.85 (``llama3_2_3B``, a Swift spelling, is not a tag). One budget step per case. An enum
    named for the model it selects has its written raw values weighed too (``_swift_model_enum_values``)."""
    tick = collector.budget.tick
    stack = [tree.root_node]
    enums = 0
    while stack and enums < _MAX_ENUMS:
        node = stack.pop()
        tick()
        if node.type != "class_declaration":
            stack.extend(reversed(node.named_children))
            continue
        body = node.child_by_field_name("body")
        kind = node.child_by_field_name("declaration_kind")
        if body is not None:
            stack.extend(reversed(body.named_children))
        if body is None or kind is None or kind.type != "enum" or body.type != "enum_class_body":
            continue
        if not any(c.type == "inheritance_specifier" and c.text.strip() == b"String" for c in node.named_children):
            continue
        enums += 1
        written: list[str] = []
        written_nodes: list[Any] = []
        implicit: list[Any] = []
        for entry in body.named_children[:MAX_TABLE]:
            tick()
            if entry.type != "enum_entry":
                continue
            raw = entry.child_by_field_name("raw_value")
            if raw is not None:
                text = literal_text(raw)
                if text:
                    written.append(text.strip())
                    written_nodes.append(raw)
            else:
                implicit.extend(c for c in entry.children_by_field_name("name") if c.type == "simple_identifier")
        name_node = node.child_by_field_name("name")
        enum_name = name_node.text.decode("utf-8", "replace") if name_node is not None else ""
        if written_nodes and _SWIFT_MODEL_ENUM.search(enum_name):
            _swift_model_enum_values(enum_name, written_nodes, data, collector)
        if not implicit or len(written) < MIN_KNOWN:
            continue
        known = [m for v in written if (m := classify(v, "none")) is not None and m.kind != "model-file"]
        if len(known) < MIN_KNOWN or 2 * len(known) < len(written):
            continue
        tags = sum(1 for m in known if m.kind == "ollama-tag")
        hint: Hint = "ollama" if 2 * tags >= len(known) else "key"
        for name_node in implicit:
            name = name_node.text.decode("utf-8", "replace")
            match = classify(name, hint)
            if match is None or match.confidence < 0.85 or match.kind == "model-file" \
                    or (match.kind == "ollama-tag") != (hint == "ollama"):
                continue
            row, col = name_node.start_point
            line_start = data.rfind(b"\n", 0, name_node.start_byte) + 1
            col = len(data[line_start:name_node.start_byte].decode("utf-8", "replace"))
            collector.add(name, row + 1, col + 1, match, source_id="swift-model",
                          evidence=(f"enum-raw-value:{len(known)}/{len(written)}", f"shape:{match.kind}"))


# a Swift String enum named for the model it selects (`StabilityAIStableDiffusionModel`, `Model`, `ModelID`,
# `TranscriptionModels`): its raw values are the ids the request sends (`case sd3Large = "sd3-large"` encodes as
# `"model": "sd3-large"`), as a models class's constants are (_MODELS_CLASS); not `ModelType`, `ModelFormat`
_SWIFT_MODEL_ENUM = re.compile(r"(?:^|(?<=[a-z0-9]))Models?(?:ID|Id|Name|Names)?$")


def _swift_model_enum_values(enum_name: str, raws: list[Any], data: bytes, collector: Collector) -> None:
    """The explicit raw values of a model-named Swift enum that nothing else reported: each identifier with a version
    or size digit that no other rule knows (``sd3-large-turbo``), on the same terms as a models class's constant
    (``_listed_model_id``: the binding-only rule, the weakest evidence). One budget step per value."""
    tick = collector.budget.tick
    reported = {(f.line, f.column) for f in collector.findings}
    role = collector.file.context
    for raw in raws:
        tick()
        value = (literal_text(raw) or "").strip()
        row = raw.start_point[0]
        line_start = data.rfind(b"\n", 0, raw.start_byte) + 1
        col = len(data[line_start:raw.start_byte].decode("utf-8", "replace")) + 1  # past the opening quote
        if not value or (row + 1, col + 1) in reported:
            continue
        decision = _listed_model_id(value, enum_name, role)
        if decision is not None:
            collector.add(value, row + 1, col + 1, decision.match, source_id="swift-model",
                          evidence=decision.evidence)


# a Ruby heredoc whose delimiter says it holds Ruby (`<<~RUBY`, `<<-RUBY`, `<<~'RUBY'`, `<<~RB`): its body is code
_RUBY_HEREDOC = re.compile(r"<<[~-]?(['\"]?)(RUBY|RB)\1")
_MAX_HEREDOCS = 64


def _heredoc_bodies(opener: re.Pattern[str], text: str, notes: list[str] | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each heredoc body that ``opener`` starts (its group 2 is the delimiter): from the line after the
    opener to the line that holds only the delimiter (CRLF line ends too); an opener inside a body already taken is
    skipped, and so is one whose delimiter no later line closes (a `<<~SQL` in a comment or a message); at most
    ``_MAX_HEREDOCS`` bodies and as many unclosed openers, each search a pass over the text. Where the reading stops
    at either bound with openers left, a line saying so goes to ``notes`` (the caller's skip: never silent)."""
    pos = 0
    taken = unclosed = 0
    dead: set[str] = set()  # delimiters no line after an opener closes: no later opener of theirs closes either
    found = opener.finditer(text)
    for m in found:
        if m.start() < pos or m.group(2) in dead:
            continue
        if taken >= _MAX_HEREDOCS or unclosed >= _MAX_HEREDOCS:
            if notes is not None:
                notes.append(f"only the first {taken} heredocs were read" if taken >= _MAX_HEREDOCS else
                             f"heredocs were read up to line {text.count(chr(10), 0, m.start()) + 1}: "
                             f"{unclosed} openers before it are never closed")
            return
        start = text.find("\n", m.end())
        if start < 0:
            return
        start += 1
        end_line = re.compile(r"^[ \t]*" + m.group(2) + r"[ \t]*\r?$", re.M).search(text, start)
        if end_line is None:
            dead.add(m.group(2))
            unclosed += 1
            continue
        yield start, end_line.start()
        pos = end_line.end()
        taken += 1


def _ruby_code_heredocs(text: str, notes: list[str] | None = None) -> str | None:
    """``text`` with everything but the bodies of its Ruby-code heredocs blanked (newlines kept, each other character
    a space), so a reading of it places each literal at its line and column in the file; None when it has none. A
    body ends at the line that holds only its delimiter; at most ``_MAX_HEREDOCS`` bodies."""
    spans = list(_heredoc_bodies(_RUBY_HEREDOC, text, notes))
    if not spans:
        return None
    return blank_outside(text, spans)


# a Ruby heredoc whose delimiter says it holds SQL (`<<-SQL`, `<<~END_SQL`, `<<~'EOSQL'`): a migration's data update
_RUBY_SQL_HEREDOC = re.compile(r"<<[~-]?(['\"]?)([A-Z_]{0,16}SQL[A-Z_]{0,16})\1")
# an SQL string literal ('' is a quote inside it) and what stands before one that is compared with a column: `col =`,
# `col <>`, `col !=`, or `col [NOT] IN (` and the list's earlier strings; RE2: linear on any text
_SQL_STRING = linear(r"'((?:[^'\n]|''){1,200})'")
_SQL_COMPARED = linear(r"(?i)\b([a-z_][a-z0-9_]{0,63})[`\"\]]?\s*(?:=|<>|!=|\s(?:not\s+)?in\s*\(\s*"
                       r"(?:'(?:[^'\n]|'')*'\s*,\s*)*)\s*$")
_MAX_SQL_STRINGS = 256


def _ruby_sql_literals(text: str, notes: list[str] | None = None) -> list[Candidate]:
    """The string literals of the SQL a Ruby file keeps in heredocs (``execute <<-SQL … SQL``), each a candidate at
    its line and column, compared with the column before it where there is one (``api_name <> 'gpt-3.5-turbo'``,
    ``api_name IN ('a', 'b')``); at most ``_MAX_HEREDOCS`` bodies and ``_MAX_SQL_STRINGS`` strings (where either
    bound stops the reading, ``notes`` says so)."""
    out: list[Candidate] = []
    starts: list[int] | None = None
    for start, end in _heredoc_bodies(_RUBY_SQL_HEREDOC, text, notes):
        body = text[start:end]
        if starts is None:
            starts = [0, *(nl.end() for nl in re.finditer("\n", text))]
        for s in _SQL_STRING.finditer(body):
            value = s.group(1).replace("''", "'")
            before = _SQL_COMPARED.search(body[max(0, s.start() - 2000):s.start()])
            at = start + s.start(1)
            line = _bisect_right(starts, at)
            column = at - starts[line - 1] + 1
            name = before.group(1) if before is not None else None
            if len(out) >= _MAX_SQL_STRINGS:
                if notes is not None:
                    notes.append(f"only the first {_MAX_SQL_STRINGS} strings of its SQL heredocs were read")
                return out
            out.append(Candidate(value, line, column, bindings=(name,) if name else (), compared_to=name))
    return out


# a JSON document held in a triple-quoted literal (Swift / Kotlin / Scala multi-line strings, Java text blocks, C# raw
# strings): an app's built-in copy of its provider catalogue (`static let fallbackJSON = """` then `{"providers": [{
# … "models": [{"id": "gpt-5", …}]}]}`). Read as the config reader reads a JSON file, at the offsets where it is
# written, so a catalogue's `models[].id` is found as in the same JSON shipped as a file; the code reader's own
# `_embedded_pairs` sees only `"…model…": "x"` pairs. A block that does not parse as JSON (interpolation, escapes,
# prose) is left to the code reader.
_TRIPLE_OPEN = re.compile(r'"""[ \t]*\r?\n')
# Scala and Kotlin write triple-quoted literals on one line as often as over several (`"""{"id":"x"}"""`, `"""{` on
# the opening line): there every run of quotes is read in turn (``_json_blocks``)
_QUOTE_RUN = re.compile(r'"{3,}')
_INLINE_TRIPLE = frozenset({"scala", "kotlin"})
# Scala's `.stripMargin` and Kotlin's `.trimMargin()` after the closing quotes: each line of the literal starts with
# blanks and a `|` that are not part of its text (`"""{` then `  |  "model": {"id": "claude-…"}` … `|}""".stripMargin`);
# the margin is blanked (same length, so offsets hold) before the block is parsed
_MARGIN_CALL = re.compile(r'\s{0,8}\.\s{0,8}(?:stripMargin|trimMargin)\b')
_MARGIN = re.compile(r'(?m)^([ \t]*)\|')
# Go's raw string literal holds the same JSON in its tests and built-in defaults (`testConfig := \`{` then
# `"model": {"primary": "anthropic/claude-sonnet-4-20250514"}` … `}\``): a backtick then the document's first
# bracket; the literal ends at the next backtick (a Go raw string cannot hold one)
_RAW_OPEN = re.compile(r'`(?=[ \t\r\n]*[{\[])')
# Rust's raw string literal holds it in tests and defaults too (a settings test's `r##"{ … "post_process_models":
# { "openai": "gpt-4o-mini" } … }"##`): `r`, one or more `#`, a quote, then the document's first bracket; it ends at a
# quote followed by as many `#` (JSON inside needs quotes, so the literal without `#` cannot hold it)
_RUST_RAW_OPEN = re.compile(r'(?<![\w"])r(#{1,8})"(?=[ \t\r\n]*[{\[])')
# Lua's long string holds it in a gateway's specs and tests (a route config sent to the admin API: `[[{` then
# `"plugins": {"ai-proxy": {"options": {"model": "gpt-4o"}}}` … `}]]`): `[`, any number of `=`, `[`, then the
# document's first bracket; it ends at `]`, as many `=`, `]`
_LUA_LONG_OPEN = re.compile(r"\[(=*)\[(?=[ \t\r\n]*[{\[])")
# C++'s raw string literal holds it in tests (an event test's `R"({` then `"task": {"id": …, "items": [{"downloadUrl":
# …, "localPath": …}]}` … `})"`): `R"`, an optional delimiter of up to 16 characters, `(`, then the document's first
# bracket; it ends at `)`, the same delimiter, and a quote
_CPP_RAW_OPEN = re.compile(r'(?<![\w"])(?:u8|[uUL])?R"([^()\\\s"]{0,16})\((?=[ \t\r\n]*[{\[])')
_MAX_JSON_BLOCKS = 64
_MAX_JSON_BLOCK = 256 * 1024


# an OpenAI-compatible `GET /models` reply (`{"data": [{"id": "codex-mini-latest", "name": …}]}`, the shape OpenAI,
# vLLM, Ollama's /v1, LiteLLM and most gateways answer with; a client's test mocks it in a raw string): a block that
# names no model word in its keys, its entries' ids the models listed. Read as the config reader reads it, which
# reports an id only where it reads as a model (an `"id": "user_123"` list stays none)
_MODEL_LISTING = re.compile(r'"data"\s{0,8}:\s{0,8}\[\s{0,8}\{\s{0,8}"id"\s{0,8}:')


def _json_blocks(file: SourceFile, lang_id: str) -> list[Finding | Skip]:
    text = file.text
    opener, closer = (_RAW_OPEN, "`") if lang_id == "go" else (_RUST_RAW_OPEN, '"#') if lang_id == "rust" \
        else (_LUA_LONG_OPEN, "]") if lang_id == "lua" else (_CPP_RAW_OPEN, ')') if lang_id in ("cpp", "c") \
        else (_QUOTE_RUN, '"""') if lang_id in _INLINE_TRIPLE else (_TRIPLE_OPEN, '"""')
    if closer not in text or "odel" not in text:
        return []
    blocks: list[Node] = []
    pos = 0
    # a catalogue left unread is said so in a skip, as a capped code reader does (the file keeps its other findings)
    unread: str | None = None
    unclosed: set[str] = set()  # closers of a delimited literal (Rust, Lua, C++) found nowhere after an opener

    def read_block(body: str, start: int) -> str | None:
        """Keep the literal ``body`` (at offset ``start``) when it is a JSON object or array naming a model word
        (or a model listing); the skip's words when it is past the size limit, else None."""
        if body.lstrip()[:1] not in ("{", "[") or ("odel" not in body and _MODEL_LISTING.search(body) is None):
            return None
        if len(body) > _MAX_JSON_BLOCK:
            return (f"a JSON block of {len(body)} characters at line {text.count(chr(10), 0, start) + 1} is past "
                    f"the {_MAX_JSON_BLOCK // 1024} KiB limit; not read")
        try:
            node = shift_node(parse_json(body), start)
        except (ParseError, RecursionError):
            return None
        if isinstance(node, (Mapping, Seq)):
            blocks.append(node)
        return None

    for _ in range(4 * _MAX_JSON_BLOCKS):
        m = opener.search(text, pos)
        if m is None:
            break
        if len(blocks) >= _MAX_JSON_BLOCKS:
            unread = unread or f"only the first {_MAX_JSON_BLOCKS} JSON blocks were read"
            break
        if opener is _QUOTE_RUN:
            # Scala / Kotlin: every run of three quotes or more opens or closes a literal, in turn (a one-line
            # `"""{"id":"x"}"""` too, whose closing quotes before a line end must not be taken for an opener); an
            # opener's first three quotes open it, a closer's last three close it (`""""model"` … `"}"""`)
            start = m.start() + 3
            quotes = _QUOTE_RUN.search(text, start)
            if quotes is None:
                break
            end, pos = quotes.end() - 3, quotes.end()
            body = text[start:end]
            if _MARGIN_CALL.match(text, pos):
                body = _MARGIN.sub(lambda mm: mm.group(1) + " ", body)
            said = read_block(body, start)  # read even when an earlier block was past the limit
            unread = unread or said
            continue
        start = m.end()
        close = '"' + m.group(1) if lang_id == "rust" else "]" + m.group(1) + "]" if lang_id == "lua" \
            else ")" + m.group(1) + '"' if lang_id in ("cpp", "c") else closer
        end = -1 if close in unclosed else text.find(close, start)
        if end < 0:
            if lang_id not in ("rust", "lua", "cpp", "c"):
                break  # one closer for every literal (Go's backtick, a triple quote): no later one can close either
            # an opener with its own delimiter that nothing closes (a comment naming `R"ev({`, a `[==[` in prose):
            # passed over, so the blocks after it are still read; each such closer is looked for once
            unclosed.add(close)
            pos = start
            continue
        pos = end + len(close)
        said = read_block(text[start:end], start)
        unread = unread or said
    else:
        if unread is None and opener.search(text, pos) is not None:
            unread = f"only the first {4 * _MAX_JSON_BLOCKS} literals opening on a bracket were looked at"
    skipped: list[Finding | Skip] = [] if unread is None else [Skip(file.path, "analysis-budget",
                                                                    f"{lang_id}-json: {unread}")]
    if not blocks:
        return skipped
    walker = TreeWalker(file, ids_for(f"{lang_id}-json"))

    def run() -> None:
        for node in blocks:
            walker.walk(node)

    out = walker.guarded(run, f"{lang_id}-json")
    if lang_id == "go":
        # a Go test's canned reply (`{"model": "nvidia-rerank-model", "rankings": …}`): a value that is itself a name
        # with a model word and no known model is a fixture's name, as the code reader decides for the same literal
        out = [f for f in out if not (isinstance(f, Finding) and is_model_name(f.raw) and not _known(f.raw))]
    return [*out, *skipped]


class PropertiesSource:
    id = "properties"
    description = "Java .properties files (Spring AI options.model, model ids under model-named keys)"
    samples = (
        Sample("src/main/resources/application.properties",
               "spring.ai.openai.chat.options.model=gpt-4o-mini\nspring.ai.dashscope.embedding.options.model = "
               "text-embedding-v3\nserver.port=8080\napp.name=chat\n",
               ("gpt-4o-mini", "text-embedding-v3")),
        Sample("src/main/resources/messages.properties",
               "greeting=Ask the model anything\nmodel.error=The model is busy\nlogging.level.ai=DEBUG\n", ()),
    )

    def applies_to(self, path: str) -> bool:
        return path.lower().endswith(".properties")

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        collector = Collector(file, "properties-model-key")
        calls: frozenset[str] = frozenset()
        cands: list[Candidate] = []
        for number, raw in enumerate(file.text.splitlines(), 1):
            line = raw.lstrip()
            if not line or line[0] in "#!" or len(line) > 2000:
                continue
            sep = min((i for i in (line.find("="), line.find(":")) if i > 0), default=-1)
            if sep < 0:
                continue
            key = line[:sep].strip()
            value = line[sep + 1:].strip()
            if not value:
                continue
            parts = [p for p in key.replace("-", "_").split(".") if p]
            bindings = tuple(reversed(parts[-3:]))
            col = len(raw) - len(raw.lstrip()) + sep + 2 + (len(line[sep + 1:]) - len(line[sep + 1:].lstrip()))
            if bindings and not is_model_name(bindings[0]) and not any(is_model_name(b) for b in bindings[1:2]):
                bindings = bindings[:1]
            cands.append(Candidate(value, number, col, bindings))
        _emit(collector, cands, calls, "properties-model-key", file.context)
        return collector.findings


# an extensionless (or `.list` / `.lst`) file named for the models it lists: `.models`, `models`, `model-list`,
# `ollama_models.list`
_LIST_FILE_NAME = re.compile(r"(?:[a-z0-9]+[-_])?models?(?:[-_](?:list|map|tags))?(?:\.(?:list|lst))?")
# a line whose first field is separated from the rest by `|`, `,`, `;` or a tab, with no space after it
_MAP_LINE = re.compile(r"([^\s|,;]+)[|,;\t](?=\S)")


# text files that are never a list of models: dependency pins, legal text, tokenizer vocabularies, build files
_NOT_LIST_TXT = ("requirements", "license", "licence", "notice", "copying", "readme", "changelog", "vocab", "merges",
                 "robots", "cmakelists", "constraints", "authors", "contributors", "third_party", "thirdparty")
# one line of a delimited list: fields of one token each (no space inside), `,` `;` `|` or a tab between them
_LIST_FIELD = re.compile(r"[^\s,;|]+")
_LIST_LINE = re.compile(r"[ \t]*[^\s,;|]+(?:[ \t]*[,;|\t][ \t]*[^\s,;|]+){2,}[ \t]*[,;|]?[ \t]*")
_MAX_LIST_LINE = 8000
_MAX_LIST_LINES = 20_000  # lines of a list or data file read; past them a skip says so (redteam32: dropped unsaid)


def _listed_line_models(collector: Collector, text: str) -> str | None:
    """A text file not named for models (a test's data file: ``test/test.txt`` whose second line is
    ``gpt-4o,gpt-4,gpt-3.5-turbo,…,davinci,curie``, split on ``,`` and each field passed as the model): each line
    that is a delimited list of single tokens is one table, weighed on its own by peer evidence. Only a line most of
    whose fields the knowledge base knows (``peers.accepted``: three at least and half) says it lists models; its
    recognised fields and the model-shaped others it accepts are reported, each at its own column. A line of prose, a
    CSV row of one model and its figures, a list of encodings or languages names none. At most 20,000 lines, each at
    most 8,000 characters, one budget step per field. Returns why the reading stopped short (a delimited line past
    the line bound), or None."""
    tick = collector.budget.tick
    lines = text.splitlines()
    for number, line in enumerate(lines[:_MAX_LIST_LINES], 1):
        if len(line) > _MAX_LIST_LINE or line.lstrip().startswith("#") or not _LIST_LINE.fullmatch(line):
            continue
        fields = [(m.group(0), m.start()) for m in _LIST_FIELD.finditer(line)][:MAX_TABLE]
        tick(len(fields))
        known: dict[str, Match] = {}
        for value, _ in fields:
            match = classify(value, "none") if len(value) <= 200 else None
            if match is not None and match.confidence >= 0.85 and match.kind != "model-file":
                known[value] = match
        if len(known) < MIN_KNOWN:
            continue
        ok = accepted((value, value in known) for value, _ in fields)
        if len(set(known)) * 2 < len({v for v, _ in fields}):
            continue  # (accepted's own short-table rule: a provider's one-word id beside two of its others)
        for value, start in fields:
            match = known.get(value)
            if match is not None:
                collector.add(value, number, start + 1, match, source_id="model-list-line",
                              evidence=(f"list-line:{len(known)}/{len(fields)}",))
            elif value in ok:
                collector.add(value, number, start + 1, peer_match(value), source_id="model-list-line",
                              evidence=(ok[value], "shape:peer"))
    if any(len(line) <= _MAX_LIST_LINE and _LIST_LINE.fullmatch(line) for line in lines[_MAX_LIST_LINES:]):
        return f"only the first {_MAX_LIST_LINES:,} lines were read for delimited model lists"
    return None


class ModelListSource:
    id = "model-list"
    description = ("Plain-text model pick-lists (models.txt, OllamaModelList.txt, a start script's .models): one model "
                   "id a line, or the id first in a `name|url` download map")
    samples = (
        Sample("src/llm/OllamaModelList.txt", "gemma2\ngemma2:27b\n# comment\nqwen2.5:7b\n",
               ("gemma2", "gemma2:27b", "qwen2.5:7b")),
        Sample("src/llm/model_notes.txt", "Remember to pick a fast model\nthe model is busy\n", ()),
        Sample("scripts/.models", "llama3.1:8b\nqwen2.5:7b\nmistral:7b\n", ("llama3.1:8b", "qwen2.5:7b", "mistral:7b")),
        Sample("test/test.txt", "hello world!,bonjour le monde!\ngpt-4o,gpt-4,text-davinci-003,davinci\nutf-8,latin-1\n",
               ("gpt-4o", "gpt-4", "text-davinci-003", "davinci")),
        Sample("scripts/models_map.txt", "llama3.1-8b|https://example.com/dl/llama3.1-8b.gguf\n"
               "qwen2.5-7b|https://example.com/dl/qwen2.5-7b.gguf\n", ("llama3.1-8b", "qwen2.5-7b")),
    )

    def applies_to(self, path: str) -> bool:
        name = path.rsplit("/", 1)[-1].lower()
        if name.endswith(".txt"):
            # any other text file is read for its delimited lines only (_listed_line_models)
            return not name.startswith(_NOT_LIST_TXT)
        # a list a start script reads line by line (`grep -v '^#' .models`, `Get-Content models.list`) has no
        # extension, or a list's: the name alone says what it lists (not `model.py`, `Model.swift`: code)
        stem = name.lstrip(".")
        return bool(_LIST_FILE_NAME.fullmatch(stem))

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        collector = Collector(file, "model-list")
        stem = file.path.rsplit("/", 1)[-1].lstrip(".").rsplit(".", 1)[0]
        if "model" not in stem.lower() and file.path.lower().endswith(".txt"):
            # the findings so far are kept past the budget (redteam32: they were lost with the exception, while the
            # engine's skip said "findings so far kept")
            try:
                short = _listed_line_models(collector, file.text)
            except BudgetExceeded as exc:
                return [*collector.findings, budget_skip(file.path, self.id, exc)]
            return [*collector.findings, *([Skip(file.path, "analysis-budget", f"{self.id}: {short}")] if short else [])]
        cands = []
        lines = file.text.splitlines()
        # the file is one table (peers): its lines the knowledge base does not know (an Ollama library tag newer
        # than the knowledge base, llama3-gradient:70b) are models by the company of those it knows
        for number, line in enumerate(lines[:_MAX_LIST_LINES], 1):
            if not line.strip() or line.lstrip().startswith("#") or len(line) > 300:
                continue
            lead = len(line) - len(line.lstrip().lstrip("\ufeff"))
            value = line.strip().lstrip("\ufeff")
            # a download map (`name|url`, `name,url`, `name<TAB>url`): the first field is the model's name, what
            # the script is asked for; the rest is where it comes from (no space in the name: a sentence with a
            # comma stays one value, and no rule reads it as a model)
            head = _MAP_LINE.match(value)
            if head is not None:
                value = head.group(1)
            cands.append(Candidate(value, number, lead + 1, (stem,), container=True, group=(0, "model-list")))
        _emit(collector, cands, frozenset(), "model-list", file.context)
        if any(line.strip() and not line.lstrip().startswith("#") for line in lines[_MAX_LIST_LINES:]):
            return [*collector.findings, Skip(file.path, "analysis-budget",
                                              f"{self.id}: only the first {_MAX_LIST_LINES:,} lines were read")]
        return collector.findings


#: an Azure OpenAI deployment's name is what the app calls; its ``model`` block says which model it serves
_AZURE_DEPLOYMENT = b"azurerm_cognitive_deployment"


def _hcl_text(node: Any, data: bytes) -> str | None:
    """A plain string literal's text (``"gpt-4o"``), None for anything with an interpolation or not a string."""
    while node is not None and node.type in ("expression", "literal_value"):
        node = node.named_children[0] if node.named_children else None
    if node is None or node.type != "string_lit":
        return None
    parts = [c for c in node.named_children if c.type not in ("quoted_template_start", "quoted_template_end")]
    if len(parts) != 1 or parts[0].type != "template_literal":
        return None
    return data[parts[0].start_byte:parts[0].end_byte].decode("utf-8", "replace")


def _hcl_attributes(body: Any, data: bytes) -> dict[str, tuple[str, int]]:
    """A body's literal attributes: name -> (text, 1-based line)."""
    out: dict[str, tuple[str, int]] = {}
    for child in body.named_children if body is not None else ():
        if child.type == "attribute" and len(child.named_children) >= 2:
            value = _hcl_text(child.named_children[-1], data)
            if value is not None:
                out[data[child.named_children[0].start_byte:child.named_children[0].end_byte].decode()] = (
                    value, child.start_point[0] + 1)
    return out


#: one deployment: (its name, the name's line, the model it serves, the model's line, the model's version or "")
Deployment = tuple[str, int, str, int, str]


def _tag_deployments(findings: list[Finding], deployments: list[Deployment]) -> None:
    """Tag each deployment on its name's finding (``deploys:<name>=<model>[@<version>]``), else, where the name was
    not reported (not shaped like a model: ``chat``), on its model's finding: provenance maps the name to the
    model wherever the app calls it. Both findings are of a model deployed on Azure OpenAI: their provider is
    ``DEPLOYMENT_PROVIDER`` (the resource's type says so), not the one the model's name suggests (``openai-api``)."""
    at = {(f.line, f.raw): i for i, f in enumerate(findings)}
    for name, name_line, model, model_line, version in deployments:
        i = at.get((name_line, name), at.get((model_line, model)))
        if i is not None:
            tag = f"{DEPLOYS}{name}={model}" + (f"@{version}" if version else "")
            findings[i] = replace(findings[i], evidence=(*(findings[i].evidence or ()), tag),
                                  provider=DEPLOYMENT_PROVIDER)
        j = at.get((model_line, model))
        if j is not None and j != i:
            findings[j] = replace(findings[j], provider=DEPLOYMENT_PROVIDER, evidence=(
                *(findings[j].evidence or ()), f"{DEPLOYED_AS}{name}"))


_ALNUM = re.compile(r"[^a-z0-9]")
# the argument that names a deployment in a call that creates one (.NET Aspire's `AddDeployment(name: "gpt-41-mini",
# modelName: "gpt-4.1-mini", modelVersion: …)`, an SDK's `deployment_name=` beside `model=`)
_DEPLOYMENT_ARGS = frozenset({"name", "deploymentname", "deployment_name", "deployment"})


def _with_deployment_args(decided: list[tuple[Candidate, Decision | None]]) -> list[tuple[Candidate, Decision | None]]:
    """The deployment-name argument of a call whose model argument was found, when it spells that model (the same
    letters and digits: ``gpt-41-mini`` beside ``gpt-4.1-mini``): the name the app sends as the model (Azure routes by
    deployment name), as ``_deployment_names`` reads Bicep's; an app's own name (``chat``) stays unreported."""
    models: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for cand, decision in decided:
        if decision is not None and cand.call and cand.bindings and is_model_name(cand.bindings[0]):
            models.setdefault((cand.call, cand.bindings[1:]), set()).add(_ALNUM.sub("", cand.value.lower()))
    if not models:
        return decided
    out: list[tuple[Candidate, Decision | None]] = []
    for cand, decision in decided:
        if decision is None and cand.call and cand.bindings and cand.bindings[0].lower() in _DEPLOYMENT_ARGS \
                and _ALNUM.sub("", cand.value.lower()) in models.get((cand.call, cand.bindings[1:]), ()) \
                and (match := classify(cand.value, "key")) is not None and match.kind != "model-file":
            decision = Decision(match, "key", (f"binding:{cand.call}.{cand.bindings[0]}",
                                               f"spells:{cand.call}.model", f"shape:{match.kind}"))
        out.append((cand, decision))
    return out


def _deployment_names(collector: Collector, deployments: list[Deployment]) -> None:
    """The name of a deployment that spells its model (``name: 'DeepSeek-R1'`` for model ``DeepSeek-R1``, ``name:
    'gpt-41-mini'`` for ``gpt-4.1-mini``: the same letters and digits) is what the app sends as the model (Azure OpenAI
    and Foundry route by deployment name), so it is reported where it is written, read as a model under a model key
    would be. A name of the app's own (``chat``, ``gpt4o-deployment``) is not; its model's finding carries the
    mapping (``_tag_deployments``)."""
    at = {(f.line, f.raw) for f in collector.findings}
    lines = collector.file.text.split("\n")
    for name, name_line, model, _, _ in deployments:
        if (name_line, name) in at or _ALNUM.sub("", name.lower()) != _ALNUM.sub("", model.lower()):
            continue
        match = classify(name, "key")
        row = lines[name_line - 1] if 0 < name_line <= len(lines) else ""
        col = row.find(f"'{name}'")
        if match is None or match.kind == "model-file" or col < 0:
            continue
        collector.add(name, name_line, col + 2, match, symbol="name",
                      evidence=("binding:deployment.name", f"spells:{model}", f"shape:{match.kind}"))
        at.add((name_line, name))


#: top-level Terraform blocks, and Bicep declarations and object members, read for Azure deployments in one file;
#: past them the rest is not read, and a note (``notes``) says so
MAX_DEPLOYMENT_BLOCKS = 10_000
MAX_BICEP_NODES = 50_000


def azure_deployments(root: Any, data: bytes, notes: list[str] | None = None) -> list[Deployment]:
    """Each top-level ``resource "azurerm_cognitive_deployment"`` block with a literal ``name`` and ``model { name,
    version }``. Only literal values: a name or model set through a variable is not read (what it holds is not in
    this file). Past MAX_DEPLOYMENT_BLOCKS blocks a note is added to ``notes``."""
    out: list[Deployment] = []
    body = next((c for c in root.named_children if c.type == "body"), root)
    blocks = body.named_children
    if len(blocks) > MAX_DEPLOYMENT_BLOCKS and notes is not None and _AZURE_DEPLOYMENT in data[
            blocks[MAX_DEPLOYMENT_BLOCKS].start_byte:]:
        notes.append(f"only the first {MAX_DEPLOYMENT_BLOCKS:,} top-level blocks were read (of {len(blocks):,}); a "
                     "deployment past them does not map its name to its model")
    for block in blocks[:MAX_DEPLOYMENT_BLOCKS]:
        if block.type != "block" or len(block.named_children) < 3:
            continue
        kind, label = block.named_children[0], block.named_children[1]
        if data[kind.start_byte:kind.end_byte] != b"resource" or _hcl_text(label, data) != _AZURE_DEPLOYMENT.decode():
            continue
        inner = next((c for c in block.named_children if c.type == "body"), None)
        attrs = _hcl_attributes(inner, data)
        model = next((c for c in inner.named_children if c.type == "block" and c.named_children
                      and data[c.named_children[0].start_byte:c.named_children[0].end_byte] == b"model"), None) \
            if inner is not None else None
        spec = _hcl_attributes(next((c for c in model.named_children if c.type == "body"), None), data) \
            if model is not None else {}
        if "name" in attrs and "name" in spec:
            out.append((attrs["name"][0], attrs["name"][1], spec["name"][0], spec["name"][1],
                        spec.get("version", ("", 0))[0]))
    return out


def _bicep_text(node: Any, data: bytes) -> str | None:
    """A plain Bicep string's text (``'gpt-4o'``), None for an interpolated one or anything else."""
    if node is None or node.type != "string" or len(node.named_children) != 1 \
            or node.named_children[0].type != "string_content":
        return None
    part = node.named_children[0]
    return data[part.start_byte:part.end_byte].decode("utf-8", "replace")


def _bicep_properties(obj: Any, data: bytes) -> dict[str, Any]:
    """An object's properties: name -> value node."""
    out: dict[str, Any] = {}
    for prop in obj.named_children if obj is not None and obj.type == "object" else ():
        if prop.type == "object_property" and len(prop.named_children) >= 2:
            key = prop.named_children[0]
            out[data[key.start_byte:key.end_byte].decode("utf-8", "replace").strip("'")] = prop.named_children[-1]
    return out


#: the Bicep nodes a resource declaration can sit in (the file, a resource's body and its members, a conditional or
#: loop body); nothing else (strings, arrays, expressions) is walked
_BICEP_HOLDERS = frozenset({"infrastructure", "resource_declaration", "object", "object_property", "if_statement",
                            "for_statement", "module_declaration", "variable_declaration", "parameter_declaration",
                            "array"})


def bicep_deployments(root: Any, data: bytes, notes: list[str] | None = None) -> list[Deployment]:
    """``azure_deployments`` for Bicep: each ``Microsoft.CognitiveServices/accounts/deployments`` resource (or a
    ``deployments`` child resource declared inside its account), plain or conditional (``= if (…) {…}``), with a
    literal ``name`` and ``properties.model.name`` / ``version``; and each deployment written as an object of an
    array, ``{ name: 'gpt-4o', model: { format: 'OpenAI', name: 'gpt-4o', version: … } }`` (the account module's
    ``deployments`` parameter of Azure Verified Modules, a template's ``var deployments = [ … ]`` looped over).
    Walked in file order through the nodes a resource can sit in, at most MAX_BICEP_NODES of them; past that a note
    is added to ``notes``."""
    out: list[Deployment] = []
    stack, seen = [root], 0
    while stack:
        if seen >= MAX_BICEP_NODES:
            if notes is not None:
                notes.append(f"only the first {MAX_BICEP_NODES:,} declarations and object members were read; a "
                             "deployment past them does not map its name to its model")
            break
        node = stack.pop()
        seen += 1
        # children pushed last-first, so the file is read from its start
        stack.extend(c for c in reversed(node.named_children) if c.type in _BICEP_HOLDERS)
        if node.type == "object" and node.parent is not None and node.parent.type == "array":
            entry = _bicep_properties(node, data)
            model = _bicep_properties(entry.get("model"), data)
            name, served = _bicep_text(entry.get("name"), data), _bicep_text(model.get("name"), data)
            if name and served:
                out.append((name, entry["name"].start_point[0] + 1, served, model["name"].start_point[0] + 1,
                            _bicep_text(model.get("version"), data) or ""))
            continue
        if node.type != "resource_declaration":
            continue
        kind = next((c for c in node.named_children if c.type == "string"), None)
        body = next((c for c in node.named_children if c.type == "object"), None)
        if body is None:  # `= if (cond) { … }`: the body is the conditional's
            cond = next((c for c in node.named_children if c.type == "if_statement"), None)
            body = next((c for c in cond.named_children if c.type == "object"), None) if cond is not None else None
        rtype = (_bicep_text(kind, data) or "").split("@", 1)[0].lower()
        if not (rtype.endswith("accounts/deployments") or rtype == "deployments") or body is None:
            continue
        props = _bicep_properties(body, data)
        model = _bicep_properties(_bicep_properties(props.get("properties"), data).get("model"), data)
        name, served = _bicep_text(props.get("name"), data), _bicep_text(model.get("name"), data)
        if name and served:
            out.append((name, props["name"].start_point[0] + 1, served, model["name"].start_point[0] + 1,
                        _bicep_text(model.get("version"), data) or ""))
    return out

