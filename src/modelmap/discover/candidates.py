"""Candidate extraction, the first discovery layer: every string literal with its context.

For any tree-sitter grammar this pulls out each string literal and records where it sits: the
names it is bound to (variable, field, constant, named argument, map or hash key, HCL attribute
and enclosing block, nearest first), the call it is an argument of, whether it is a ``case``
label of a switch on some name, whether it is compared with ``==`` to a name, and whether it is
the argument of a prefix/substring check (``startsWith``, ``HasPrefix``, ``includes``…). The
second layer (``modelmap.discover.classifier``) decides which candidates are model references.

Why hand-written: tree-sitter gives a concrete syntax tree per grammar with grammar-specific node
names; no library maps the "binding / call / key" of a literal across grammars. This module does it
from the node-name vocabulary the grammars share (``*call*``, ``*invocation*``, ``*declarator*``,
``pair``, ``argument``…) so that a new language needs no code here.

Bounded: the tree walk is iterative, each literal looks at most ``MAX_UP`` ancestors, and a file
yields at most ``MAX_CANDIDATES`` literals; past that the rest are counted, not analysed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

from modelmap.discover.base import CharColumns, budget
from modelmap.discover.identify import is_model_key, names_family

MAX_UP = 16  # ancestors looked at per literal
MAX_CANDIDATES = 20_000  # literals analysed per file; past this a file is capped (reported)
MAX_LITERAL = 300  # longer literals are text, not identifiers

_STRING_TYPES = (
    "string_literal", "interpreted_string_literal", "raw_string_literal", "string", "encapsed_string",
    "line_string_literal", "multi_line_string_literal", "verbatim_string_literal", "string_lit",
    "multiline_string_literal",  # Kotlin's raw string """…""" (tree-sitter-kotlin's spelling)
    "quoted_template",  # HCL "…${var.x}…": dynamic, read only for a model's fixed path (_templated_id_text)
    "character_literal_never",
    "hash_key_symbol",  # Ruby `{ llama2: 4_096 }`: a symbol key names the entry like a string key would
    # a Ruby symbol written with quotes because a bare one cannot hold `-` / `.` (`:"gemini-1.5-pro-002"`, a hash's
    # `:"gpt-4o" => …` key, a fixture accessor's row): its text, as a string's
    "delimited_symbol",
    # PHP heredoc / nowdoc and Ruby heredoc bodies: text blocks, read only for the JSON they hold (a recorded API
    # reply in a test: `<<<'JSON' {"model": "…"} JSON`), never as one value
    "heredoc", "nowdoc", "heredoc_body",
    "bare_string",  # a word of a Ruby word array (`%w[sonar sonar-pro]`)
    # C / C++ (and Python's) adjacent literals the compiler joins into one (`"https://huggingface.co/org/name/resolve/"
    # "main/model.gguf"`, a long URL or message wrapped over two lines): one value, read whole when every part is a
    # literal (`"%" PRIu64 "x"`, with a macro between, is read part by part)
    "concatenated_string",
    # C#'s `$"…{x}…"`: dynamic, read only for a model's fixed path (_templated_id_text), as HCL's quoted_template
    "interpolated_string_expression",
)
_CONTENT_TYPES = frozenset({
    "string_fragment", "string_content", "interpreted_string_literal_content", "raw_string_literal_content",
    "string_literal_content", "line_str_text", "multi_line_str_text", "template_literal", "verbatim_string_literal_content",
    "quoted_content",  # Elixir "…"
})
_DYNAMIC_WORDS = ("interpolation", "substitution", "template_interpolation", "escape_interpolation")
_IDENT_TYPES = frozenset({
    "identifier", "field_identifier", "property_identifier", "simple_identifier", "name", "constant",
    "hash_key_symbol", "simple_symbol", "type_identifier", "variable_name", "shorthand_property_identifier",
    "value_argument_label", "name_colon", "label", "key", "bare_key", "package_identifier",
})
# startsWith & co. test a family prefix; contains/includes/indexOf test a substring (a full id there is a model)
STARTS_CALLS = frozenset({
    "startswith", "hasprefix", "starts_with", "str_starts_with", "start_with", "start_with?", "endswith", "hassuffix",
    "ends_with", "str_ends_with", "trimprefix", "strip_prefix", "removeprefix", "startswithignorecase", "end_with?",
    "starts_with?", "ends_with?",  # Elixir's String.starts_with?/2
})
_PREFIX_CALLS = STARTS_CALLS | frozenset({
    "contains", "includes", "indexof", "str_contains", "matches", "match", "index", "find", "containsignorecase",
    "lastindexof", "replace", "replaceall", "split", "include?", "strpos", "stripos",
    # one name against many fragments: charmbracelet/x's xstrings.ContainsAnyOf(s, "a", "b"), Apache Commons
    # StringUtils.containsAny / startsWithAny / endsWithAny
    "containsanyof", "containsany", "startswithany", "endswithany",
    "contains?",  # Elixir's String.contains?/2
})
# a function of the app's own whose name says it tests a prefix or suffix (check / has / is / match…, then
# …Prefix / …Suffix): `CheckModelPrefix`, `hasModelPrefix`, `is_prefix_of`, `matchesSuffix`
_PREFIX_CHECK_NAME = re.compile(r"(?i)(?:check|has|is|matches|match|test|starts?|ends?)_?\w{0,40}?(?:prefix|suffix)(?:_?of)?")
_OWNER_TYPES = frozenset({
    "class_declaration", "object_declaration", "class_definition", "object_definition", "struct_item", "enum_item",
    "enum_declaration", "interface_declaration", "struct_declaration", "record_declaration", "class", "module",
    "companion_object", "trait_definition", "impl_item", "type_spec", "mod_item", "protocol_declaration",
})


@dataclass(frozen=True)
class Candidate:
    """One string literal and its context (all names as written in the source)."""

    value: str
    line: int
    column: int
    bindings: tuple[str, ...] = ()  # nearest first: ("name", "model") for HCL model { name = "…" }
    call: str | None = None  # nearest enclosing call's callee name (last identifier)
    call_before_binding: bool = False  # the literal reaches a call before it reaches its binding
    container: bool = False  # inside a list / array / map literal
    switch_on: str | None = None  # case label of a switch/when on this name
    compared_to: str | None = None  # `name == "literal"`
    prefix_check: bool = False  # argument of startsWith / HasPrefix / includes …
    is_key: bool = False  # the literal is itself a map / hash key
    owner: str | None = None  # the enclosing class / object / struct / enum / module name
    prefix_call: str | None = None  # the check's name when prefix_check (startsWith, contains…)
    # the table the literal is an entry of, for peer evidence (``peers``): the grouping node's start byte and the
    # path from the literal up to it (node types, and the key names on the way), so that a map's keys, its values
    # and a struct table's other fields are separate tables; None when the literal is in no table
    group: tuple[int, str] | None = None
    embedded: bool = False  # a pair read out of JSON held in a multi-line literal (``_embedded_pairs``)
    # the named constant or variable the literal reached this context through (``const_uses``): the literal is
    # declared under that name and the name is used here (``DEFAULT_MODEL = LAGUNA_S``, ``&[LAGUNA_M1, …]``)
    via: str | None = None
    # the case clause the literal is in (its start byte; ``when`` entry, match arm, switch section), and whether the
    # literal is one of the clause's labels (``case "a", "b":``) rather than a value in its body
    clause: int | None = None
    case_label: bool = False
    # the type the owner is itself declared in (C# / Java / Kotlin nested classes: ``Models.Local.Gemma3_12b``):
    # a registry grouped by provider or runtime names its groups after them, and only the outer type says "models"
    outer_owner: str | None = None
    # the literal is a map key whose value is the key's own implementation class (``"bert" => ["BertModel",
    # BertModel]``): an architecture registry's model_type (``_implementation_class``)
    keyed_class: bool = False
    # the model record the literal is a field of (a Rust struct literal whose type says it describes one model:
    # ``ModelInfo { id: "…", filename: "…", source: ModelSource::Url { url: "…" } }``) and the record's own field the
    # literal sits under (``id``, ``filename``, ``source``), or ``RECORD_KEY`` for the key a map insert files the
    # record under when it repeats the record's ``id`` (``models.insert("small", ModelInfo { id: "small", … })``)
    record: str | None = None
    record_field: str | None = None
    # the literal is a path part a joining call puts under a variable named for a models folder (Rust
    # `self.models_dir.join("giga-am-v3-int8")`, Go `filepath.Join(modelsDir, "x")`, C# `Path.Combine(modelDir, "x")`,
    # Java `modelsDir.resolve("x")`): that variable's name (polyglot reads a folder named like a model as one)
    dir_var: str | None = None
    # the literal is a call's positional argument and the next argument is a string literal too (`AddModel("phi3",
    # "phi3")`, `addHuggingFaceModel("llama", "org/name")`): that string's text; the classifier reads the first of
    # such a pair as the name a model resource is registered under when the second reads as a model
    # (``classifier.ADD_NAMED_MODEL``)
    string_follows: str | None = None
    # the literal is a call's first positional argument (`LLMProvider::using('mistral')`, `->using('ollama', 'x')`)
    first_argument: bool = False
    # … and the previous argument's text when it is a string literal too (`GetHuggingFaceModelRepoInfo("BAAI",
    # "bge-reranker-v2-m3")`: a repository's owner before its name; polyglot._with_split_repos)
    string_before: str | None = None


RECORD_KEY = "#key"
# calls that join a path part onto a folder (PathBuf::join, filepath.Join, Path.Combine, Path.resolve, joinpath,
# Swift's appendingPathComponent)
_JOIN_CALLS = frozenset({"join", "joinpath", "join_path", "combine", "resolve", "appendingpathcomponent",
                         "appending"})
_LAST_WORD = re.compile(r"([A-Za-z_]\w{0,80})\W*$")


def _joined_dir(call: Any, args: Any, literal: Any) -> str | None:
    """The models-folder variable (``_MODEL_DIR_VAR``) a joining call (``_JOIN_CALLS``) puts ``literal`` under: the
    call's receiver (``self.models_dir.join(…)``) or the argument right before the literal (``filepath.Join(modelsDir,
    …)``); None when neither is named for a models folder."""
    names: list[str] = []
    arg = literal
    while arg.parent is not None and arg.parent.id != args.id:
        arg = arg.parent
    before = arg.prev_named_sibling if arg.parent is not None else None
    if before is not None and before.end_byte - before.start_byte <= 200:
        m = _LAST_WORD.search(before.text.decode("utf-8", "replace"))
        if m:
            names.append(m.group(1))
    callee = args.prev_named_sibling
    if callee is not None and callee.end_byte - callee.start_byte <= 200:
        text = callee.text.decode("utf-8", "replace")
        head, dot, _ = text.rpartition(".")
        m = _LAST_WORD.search(head) if dot else None
        if m:
            names.append(m.group(1))
    for name in names:
        if _MODEL_DIR_VAR.search(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)):
            return name
    return None
# a switch whose value is the result of the expression (C# `type switch { GgmlType.Tiny => "ggml-tiny", … }`, Rust
# `match`, Kotlin `when`), and the statements that return a case's value from the function the switch is in
_VALUE_SWITCHES = frozenset({"switch_expression", "match_expression", "when_expression"})
_RETURNS = frozenset({"return_statement", "return_expression", "jump_expression"})
# between such a switch and the function whose result it is: its body, a return, an expression body (`=> …`)
_TO_FUNCTION = frozenset({"block", "statement_list", "return_statement", "return_expression", "jump_expression",
                          "arrow_expression_clause", "expression_statement", "parenthesized_expression", "function_body",
                          "compound_statement", "statements", "control_structure_body"})
_FUNCTIONS = frozenset({"method_declaration", "function_item", "function_declaration", "local_function_statement",
                        "function_definition", "method_definition", "property_declaration"})


def _returning_function(switch: Any) -> str | None:
    """The name of the function (or C# property) whose result a switch's case values are (``static string
    GetModelName(GgmlType type) => type switch { … }``, ``fn model_id(&self) -> &str { match self { … } }``): the
    switch is its body's value or returned, so the name says what every case's value is."""
    node = switch.parent
    for _ in range(6):
        if node is None:
            return None
        if node.type in _FUNCTIONS:
            name = node.child_by_field_name("name")
            return name.text.decode("utf-8", "replace") if name is not None and name.text is not None else None
        if node.type not in _TO_FUNCTION:
            return None
        node = node.parent
    return None
# what a value switch's result is assigned to: PHP / JS `$x = match (…) { … }` (assignment_expression, `left`), C# /
# Java `var x = y switch { … }` (variable_declarator, `name`), Rust `let x = match … { … }` (let_declaration, `pattern`)
_ASSIGNED_FIELDS = (("assignment_expression", "left"), ("variable_declarator", "name"), ("let_declaration", "pattern"))


def _assigned_name(switch: Any) -> str | None:
    """The variable a value switch's result is assigned to (``$imageModelPatterns = match ($provider) { 'gemini' =>
    ['gemini-2', 'imagen'], … }``): the name says what every arm's value is, as a function's name does for the switch
    it returns (``_returning_function``)."""
    node = switch.parent
    if node is not None and node.type == "parenthesized_expression":
        node = node.parent
    for node_type, field_name in _ASSIGNED_FIELDS:
        if node is not None and node.type == node_type:
            target = node.child_by_field_name(field_name)
            if target is None or target.end_byte > switch.start_byte:
                return None
            return _rightmost_ident(target)
    return None


# a struct type that describes one model: `Model`, `ModelInfo`, `LocalModelDescriptor`, `EmbeddingModelEntry`, written
# CamelCase with `Model` as its last word or before one record word; not `ModelSource`, `ModelManager`, `ModelStatus`
# (a model's source, a service, a state), whose fields are no model's names
_MODEL_RECORD = re.compile(r"(?:[A-Z][a-z0-9]*)*Model(?:Info|Descriptor|Entry|Spec|Card|Definition|Def|Record|Meta|"
                           r"Metadata|Preset|Variant)?")
_RECORD_ID_FIELDS = frozenset({"id", "model_id"})


def _record_type(node: Any) -> str | None:
    """The type name of a Rust struct literal when it names a model record (``_MODEL_RECORD``)."""
    typ = node.child_by_field_name("name")
    name = _rightmost_ident(typ) if typ is not None else None
    return name if name is not None and _MODEL_RECORD.fullmatch(name) else None


def _record_id(record: Any) -> str | None:
    """The literal a model record's ``id`` field is written with (``id: "small".to_string()``), if any."""
    body = record.child_by_field_name("body")
    if body is None:
        return None
    for field in body.named_children:
        if field.type != "field_initializer":
            continue
        name = field.child_by_field_name("field")
        if name is None or name.text is None or name.text.decode("utf-8", "replace") not in _RECORD_ID_FIELDS:
            continue
        value = field.child_by_field_name("value")
        for _ in range(4):  # "x".to_string(), String::from("x"), "x".into()
            if value is None or _is_string(value.type):
                break
            if value.type == "call_expression":
                inner = value.child_by_field_name("function")
                args = value.child_by_field_name("arguments")
                value = inner.child_by_field_name("value") if inner is not None and inner.type == "field_expression" \
                    else (args.named_children[0] if args is not None and args.named_child_count == 1 else None)
            else:
                value = None
        return literal_text(value) if value is not None and _is_string(value.type) else None
    return None


def _record_sibling(args: Any, child: Any, literal: Any) -> str | None:
    """The model record passed beside the literal to the same call when the literal repeats the record's id: the
    key a map insert files the record under (``models.insert("small".to_string(), ModelInfo { id: "small"… })``)."""
    value = literal_text(literal)
    if not value:
        return None
    for sib in args.named_children:
        if sib.id != child.id and sib.type == "struct_expression":
            name = _record_type(sib)
            if name is not None and _record_id(sib) == value:
                return name
    return None


# nodes found with the literals but read only in one place: a Ruby bare symbol (`O3 = :o3`) that is the whole value of
# a constant, as an enum module writes the ids that are valid Ruby names beside the quoted ones (`O3_MINI =
# :"o3-mini"`); everywhere else a bare symbol is the program's own word (`role: :user`, `%i[a b]`)
_QUERIED_ONLY = ("simple_symbol",)


@cache
def _string_types(language: Any) -> tuple[str, ...]:
    return tuple(t for t in (*_STRING_TYPES, *_QUERIED_ONLY) if language.id_for_node_kind(t, True))


def _constant_symbol(node: Any) -> bool:
    """A Ruby bare symbol assigned to a constant, whole (``O3 = :o3``)."""
    parent = node.parent
    if parent is None or parent.type != "assignment":
        return False
    left, right = parent.child_by_field_name("left"), parent.child_by_field_name("right")
    return left is not None and left.type == "constant" and right is not None and right.id == node.id


def _is_string(t: str) -> bool:
    return t in _STRING_TYPES


# a template whose literal tail names a model by a fixed path: a Bedrock ARN built from the region and account
# (`"arn:aws:bedrock:${var.region}::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0"`) or an Azure OpenAI
# address built from the resource name (`"https://${var.name}.openai.azure.com/openai/deployments/gpt-4o"`)
# … or a REST call's path that names its model before a method on a base URL built at run time (C#
# `$"{Platform.GetBaseUrl()}/models/imagetext:predict"`, `"${baseUrl}/models/gemini-1.5-flash:generateContent"`)
# … or a Vertex AI resource name built from the project and location that ends in a fixed publisher model
# (C# `$"projects/{projectId}/locations/us-central1/publishers/google/models/gemini-2.0-flash-001"`)
_TEMPLATED_ID = re.compile(r"(?:foundation-model|inference-profile)/[\w.:-]+[\"'`]$|/openai/deployments/[\w.-]+|"
                           r"/models/[A-Za-z0-9][\w.-]{0,120}:[A-Za-z]{3,40}\b|"
                           r"/publishers/[\w-]{1,80}/models/[A-Za-z0-9][\w.@-]{0,120}[\"'`]$")
# … or a folder directly under a directory variable named for models (`"${ASR_MODEL_DIR}/sherpa-mnn-streaming-…"`,
# Kotlin `"$modelsDir/qwen2.5-1.5b"`, Ruby `"#{model_path}/…"`, Swift `"\(modelRoot)/…"`): the literal tail is the
# model's folder (polyglot reads it out)
TEMPLATED_MODEL_DIR = re.compile(r"(?:\$\{|\$|\\\(|#\{)(?P<var>[A-Za-z_][\w.]{0,80}?)[})]?/(?P<seg>[A-Za-z0-9][\w.-]{2,120})$")
_MODEL_DIR_VAR = re.compile(r"(?i)(?:^|[._])(?:[a-z0-9]*_)*models?_?(?:dir|directory|path|root|home|folder|base)$")


def models_dir_name(name: str) -> bool:
    """A variable's name that says it holds a models folder (``_MODEL_DIR_VAR``: ``model_dir``, ``modelsPath``,
    ``MODEL_ROOT``; not ``cache_dir``), camelCase read as snake_case."""
    return bool(name) and _MODEL_DIR_VAR.search(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)) is not None


def _templated_id_text(node: Any) -> str | None:
    """An interpolated literal's text as written (quotes off), kept only when its literal part names a model by one
    of the fixed paths above (polyglot reads the id out of it); any other interpolated literal is dynamic: None."""
    text = node.text.decode("utf-8", "replace")
    if len(text) > MAX_LITERAL or not (_TEMPLATED_ID.search(text) or templated_model_dir(text[1:-1]) is not None):
        return None
    if text[:1] in "$@" and not text.startswith('$"""'):
        text = text.lstrip("$@")  # C#'s `$"…"`, `$@"…"`, `@$"…"` (a raw `$"""…"""` is left alone)
    for q in ('"', "'", "`"):
        if len(text) >= 2 and text.startswith(q) and text.endswith(q):
            return text[1:-1]
    return None


def templated_model_dir(text: str) -> re.Match[str] | None:
    """``TEMPLATED_MODEL_DIR`` at the end of a template's text (quotes off), when the variable's own name says it holds
    a models directory (``ASR_MODEL_DIR``, ``modelDir``, ``config.models_path``; not ``cacheDir``)."""
    if "/" not in text or not ("$" in text or "#{" in text or "\\(" in text):
        return None  # no variable to be under (a cheap test before the pattern: most literals end here)
    m = TEMPLATED_MODEL_DIR.search(text)
    if m is None or not _MODEL_DIR_VAR.search(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", m.group("var"))):
        return None
    return m


@cache
def _dynamic(node_type: str) -> bool:
    """A literal part built at run time (an interpolation or substitution node of any grammar)."""
    return any(w in node_type for w in _DYNAMIC_WORDS)


# a Swift raw string (`#"{"model":"claude-3-5-sonnet"}"#`, `##"…"##`, `#"""` … `"""#`): tree-sitter-swift gives it
# no content node, only its one `raw_str_end_part` with the delimiters, where nothing is interpolated (`\#(x)`
# splits it into parts); the text between the delimiters is the value, backslashes and quotes as written
_SWIFT_RAW = re.compile(r'(#{1,8})("""|")(.*)\2\1', re.S)


def _swift_raw_text(node: Any) -> tuple[str, int] | None:
    """The value of a Swift raw string with nothing interpolated, and how many bytes its opening delimiter takes."""
    if node.child_count != 1 or node.children[0].type != "raw_str_end_part":
        return None
    m = _SWIFT_RAW.fullmatch(node.text.decode("utf-8", "replace"))
    return (m.group(3), m.start(3)) if m is not None else None


def literal_text(node: Any) -> str | None:
    """The literal's value, or None when it is built at run time (interpolation) or not text."""
    if node.type == "hash_key_symbol":
        return node.text.decode("utf-8", "replace")
    if node.type == "simple_symbol":
        return node.text.decode("utf-8", "replace")[1:]  # `:o3`
    if node.type == "raw_string_literal" and node.child_count == 1 and node.children[0].type == "raw_str_end_part":
        raw = _swift_raw_text(node)
        return raw[0] if raw is not None else None
    parts: list[str] = []
    has_content = False
    escapes_only = True  # every content child is an escape (Scala's grammar gives the text between escapes no node)
    for child in node.children:
        ct = child.type
        if _dynamic(ct):
            return _templated_id_text(node)
        if ct in _CONTENT_TYPES or ct == "escape_sequence":
            has_content = True
            escapes_only = escapes_only and ct == "escape_sequence"
            parts.append(child.text.decode("utf-8", "replace"))
        elif _is_string(ct):  # HCL literal_value > string_lit
            inner = literal_text(child)
            if inner is None:
                return None
            has_content = True
            parts.append(inner)
        elif child.is_named and node.type == "concatenated_string":
            return None  # a macro or name between the parts (`"%" PRIu64`): built at compile time, not one literal
    text = node.text.decode("utf-8", "replace")
    if has_content and escapes_only and node.type == "string" and text[:1] == '"' \
            and all(c.type == "escape_sequence" for c in node.named_children):
        # `"\"claude-3-haiku\""` in Scala: the escapes are nodes and the text between them is not, so the joined
        # escapes alone would drop the words; the literal's text between its quotes is its value as written (the
        # same as the joined escapes where there is nothing else)
        q = '"""' if text.startswith('"""') and len(text) >= 6 else '"'
        if text.endswith(q):
            return text[len(q):-len(q)]
    if has_content:
        return "".join(parts)
    if node.named_child_count:
        return None
    for q in ('"""', "'''", '"', "'", "`"):
        if len(text) >= 2 * len(q) and text.startswith(q) and text.endswith(q):
            return text[len(q):-len(q)]
    for prefix in ("@\"", "r\"", "b\"", "$\""):
        if text.startswith(prefix) and text.endswith('"'):
            return text[len(prefix):-1]
    return None


def _rightmost_ident(node: Any, depth: int = 0, budget: list[int] | None = None) -> str | None:
    """The last identifier in ``node`` (``self.model_name`` → ``model_name``); looks at no more than
    ``_IDENT_BUDGET`` nodes, so a callee or binding with huge subtrees costs no more than a small one."""
    if budget is None:
        budget = [_IDENT_BUDGET]
    budget[0] -= 1
    if node.type in _IDENT_TYPES and node.child_count == 0:
        return node.text.decode("utf-8", "replace")
    if depth > 6 or budget[0] <= 0:
        return None
    child = node.child(node.child_count - 1) if node.child_count else None
    while child is not None and budget[0] > 0:
        if child.type not in _NOT_NAMES:
            found = _rightmost_ident(child, depth + 1, budget)
            if found:
                return found
        child = child.prev_sibling
    if node.type in _IDENT_TYPES:
        return node.text.decode("utf-8", "replace")
    return None


_IDENT_BUDGET = 48
# a map's, dictionary's or variable bag's entry read by a fixed key (C# `context.Variables["requestedModel"]`, Go / Rust
# / Kotlin `m["model"]`, Ruby `h["model"]`, PHP `$a["model"]`, Lua `t["model"]`, Elixir `m["model"]`), and the wrappers
# a comparison puts around it (`((string)x["model"])`)
_INDEX_ACCESS = frozenset({"element_access_expression", "index_expression", "element_reference", "subscript_expression",
                           "bracket_index_expression", "access_call", "subscript"})
_COMPARED_WRAPPERS = frozenset({"parenthesized_expression", "cast_expression"})
_INDEX_KEY = re.compile(r"[A-Za-z_][\w.-]{0,63}")


def _env_entry_name(node: Any) -> str | None:
    """The variable's name when ``node`` reads the process environment by a fixed key (Ruby ``ENV["OPENAI_MODEL"]``,
    PHP ``$_ENV['MODEL']``), else None."""
    if node.type not in _INDEX_ACCESS or node.named_child_count < 2 or node.end_byte - node.start_byte > 200:
        return None
    receiver = node.named_children[0].text.decode("utf-8", "replace")
    if receiver not in ("ENV", "$_ENV", "$_SERVER"):
        return None
    index = node.named_children[-1]
    if not _is_string(index.type):
        return None
    key = literal_text(index)
    return key if key and _INDEX_KEY.fullmatch(key) else None


def _compared_name(node: Any) -> str | None:
    """The name a literal is compared with: the last identifier of the other side (``self.model_name`` ->
    ``model_name``), or, when that side reads an entry by a fixed key (``((string)context.Variables["requestedModel"])
    == "gpt-4.1"``), the key, which names the value as a map literal's key would (the last identifier there is the
    map's: ``Variables``)."""
    inner = node
    for _ in range(4):
        if inner.type not in _COMPARED_WRAPPERS or not inner.named_child_count:
            break
        inner = inner.child_by_field_name("value") or inner.named_children[-1]
    if inner.type in _INDEX_ACCESS and inner.named_child_count >= 2:
        index = inner.named_children[-1]
        for _ in range(3):  # C#'s bracketed_argument_list > argument > string_literal
            if _is_string(index.type):
                key = literal_text(index)
                if key and _INDEX_KEY.fullmatch(key):
                    return key
                break
            if index.named_child_count != 1:
                break
            index = index.named_children[0]
    return _rightmost_ident(node)
# calls that only normalise a value before it is compared (`case model.to_s`, `switch (name.toLowerCase())`,
# `match model.lower()`): the value switched on is the one they are called on
_NORMALISERS = frozenset({"to_s", "to_sym", "to_str", "downcase", "upcase", "lower", "upper", "strip", "trim",
                          "tolowercase", "touppercase", "tolower", "toupper", "lowercased", "uppercased", "casefold",
                          "as_str", "to_string", "tostring", "string", "str", "name", "value", "rawvalue"})
_SUBJECT_WORD = re.compile(r"[A-Za-z_]\w{0,63}")


def _normalised_subject(subject: Any) -> str | None:
    """The name a normalised switch subject is called on: the last word of its text that is not a normalising
    call (``model.to_s`` → ``model``, ``params[:model].to_s.downcase`` → ``model``); at most 200 characters read."""
    text = subject.text[:200].decode("utf-8", "replace")
    words = _SUBJECT_WORD.findall(text)
    while words and words[-1].lower() in _NORMALISERS:
        words.pop()
    return words[-1] if words else None
_NOT_NAMES = frozenset({"argument_list", "arguments", "value_arguments", "call_suffix", "type_arguments",
                        "type_argument_list", "type_parameters", "type_parameter_list", "generic_type_arguments"})


@cache
def _is_call(t: str) -> bool:
    return ("call" in t and t not in ("call_suffix",)) or "invocation" in t or t in (
        "object_creation_expression", "new_expression", "instance_expression", "instance_creation_expression",
        "implicit_object_creation_expression", "argument_part")


def _dart_callee(part: Any) -> str | None:
    """Dart leaves a call unparsed as a call: ``OllamaEmbeddings(…)`` is an identifier followed by a ``selector``
    holding the ``argument_part``, and ``model.startsWith(…)`` puts the method's name in the selector before it
    (``unconditional_assignable_selector``). The callee is the identifier right before the argument's selector."""
    sel = part.parent
    prev = sel.prev_named_sibling if sel is not None and sel.type == "selector" else part.prev_named_sibling
    if prev is None:
        return None
    if prev.type == "selector":
        inner = prev.named_child(0) if prev.named_child_count else None
        if inner is None or inner.type not in ("unconditional_assignable_selector", "conditional_assignable_selector"):
            return None
        return _rightmost_ident(inner)
    return _rightmost_ident(prev) if prev.type in _IDENT_TYPES or prev.type in ("type_identifier", "scoped_identifier") \
        else None


def _is_args(t: str) -> bool:
    return t in ("argument_list", "arguments", "value_arguments", "call_suffix", "token_tree")


def _callee(call: Any) -> str | None:
    """The last identifier of a call's callee: ``a.b().modelName(...)`` → ``modelName``."""
    if call.type == "argument_part":
        return _dart_callee(call)
    for field in ("name", "method", "function", "macro"):
        node = call.child_by_field_name(field)
        if node is not None:
            return _rightmost_ident(node)
    args = next((c for c in call.children if _is_args(c.type)), None) if call.child_count <= 8 else None
    if args is not None and args.prev_sibling is not None:
        return _rightmost_ident(args.prev_sibling)
    first = call.named_child(0) if call.named_child_count else None
    if first is not None and first.type in ("new", "name", "identifier", "qualified_name", "type_identifier",
                                            "generic_name", "scope_resolution", "constant"):
        return _rightmost_ident(first)
    if 1 <= call.named_child_count <= 8:  # object_creation_expression: new Foo(...)
        for child in call.named_children:
            if child.type in ("name", "identifier", "type_identifier", "qualified_name", "generic_type",
                              "scoped_type_identifier", "user_type", "qualified_identifier"):
                return _rightmost_ident(child)
    return None


# a class that implements one architecture, in the naming the Hugging Face ports share (Python transformers,
# transformers.js, Ruby informers): ``BertModel``, ``GPT2LMHeadModel``, ``BertForSequenceClassification``
_IMPL_CLASS = re.compile(r"[A-Z][A-Za-z0-9_]{0,80}(?:Model|For[A-Z][A-Za-z0-9]{0,60}|LMHead[A-Za-z]{0,40})")
_CLASS_REF = re.compile(r"[\w\s\[\](),\"':.]*")  # names, quotes and brackets only (one class per pattern step)


def _implementation_class(key: str, value: Any) -> bool:
    """Whether a map entry keyed by ``key`` has for value the class that implements the key, written as a class
    constant, its name, or both (``"bert" => ["BertModel", BertModel]``, ``"gpt2": GPT2LMHeadModel``,
    ``"deberta-v2" => DebertaV2Model``). Such a map is an architecture registry, the table a library uses to pick the
    class for a checkpoint's config ``model_type``: its keys name architectures, not a model anyone loads or calls.
    The class must be named for the key (its letters first) and read as a model implementation (``…Model``,
    ``…For<Task>``, ``…LMHead…``), so a map from a model id to the client that serves it (``"gpt-4o" =>
    OpenAIChat``) is still read as a model table, in any language."""
    if value is None or not key or value.end_byte - value.start_byte > 400:
        return False
    text = value.text.decode("utf-8", "replace")
    if _CLASS_REF.fullmatch(text) is None:
        return False
    found = re.findall(r"[A-Za-z_][A-Za-z0-9_:.]*", text)
    if not 1 <= len(found) <= 4:
        return False
    names = {n.rsplit("::", 1)[-1].rsplit(".", 1)[-1] for n in found}
    stem = re.sub(r"[^a-z0-9]", "", key.lower())
    return bool(stem) and all(_IMPL_CLASS.fullmatch(n) is not None and re.sub(r"[^a-z0-9]", "", n.lower()).startswith(stem)
                              for n in names)


# the cases a Swift value enum wraps a literal in (`.string("llama3")` of a JSON value's `StringOrNumber`): the literal
# is the value, the case only its type
_SWIFT_VALUE_CASES = frozenset({"string", "str", "text", "value"})
# a Swift metatype of a configuration type (`Gemma3Configuration.self`)
_SWIFT_CONFIG_TYPE = re.compile(r"\b([A-Z][A-Za-z0-9_]{0,60}?)(?:Configuration|Config)\.self\b")


def _implicit_member_call(call: Any) -> bool:
    """A Swift call of an implicit member (``.string("x")``): the callee is a ``.`` prefix expression."""
    first = call.named_child(0) if call.named_child_count else None
    return first is not None and first.type == "prefix_expression" and first.child_count > 0 \
        and first.children[0].type == "."


def _swift_type_registry_entry(key: str, value: Any) -> bool:
    """Whether a Swift dictionary entry keyed by ``key`` builds the model class for that key from its configuration
    type (``"gemma3": create(Gemma3Configuration.self, Gemma3.init)``, ``"qwen3_5": create(Qwen35Configuration.self)
    { Qwen35Model($0) }``): a model-type registry, whose keys are checkpoint architectures (a config's
    ``model_type``), read as ``_implementation_class`` reads the other languages' registries."""
    if value is None or not key or value.type != "call_expression" or value.end_byte - value.start_byte > 400:
        return False
    stem = re.sub(r"[^a-z0-9]", "", key.lower())
    if len(stem) < 3:
        return False
    for m in _SWIFT_CONFIG_TYPE.finditer(value.text.decode("utf-8", "replace")):
        cls = re.sub(r"[^a-z0-9]", "", m.group(1).lower())
        if len(cls) >= 3 and (stem.startswith(cls) or cls.startswith(stem)):
            return True
    return False


def _assigned_entry_key(left: Any) -> str | None:
    """The fixed key of a map entry an assignment sets (Go `req["model"] = "…"`, C# `body["model"] = "…"`, PHP
    `$payload['model'] = '…'`): the entry is what the value is bound to, as a map literal's `"model": "…"` pair
    binds it, not the map's name (``_INDEX_ACCESS``; the key a string of identifier shape)."""
    if left.type == "expression_list" and left.named_child_count == 1:
        left = left.named_children[0]
    if left.type not in _INDEX_ACCESS or left.named_child_count < 2 or left.end_byte - left.start_byte > 200:
        return None
    index = left.named_children[-1]
    for _ in range(2):  # C#'s bracketed_argument_list > argument > string
        if _is_string(index.type) or index.named_child_count != 1:
            break
        index = index.named_children[0]
    if not _is_string(index.type):
        return None
    key = literal_text(index)
    return key if key and _INDEX_KEY.fullmatch(key) else None


def _binding_name(parent: Any, child: Any, literal: Any = None) -> tuple[str | None, bool]:
    """The name a binding-like node binds ``child`` to, and whether ``child`` is itself the key. ``literal``: the
    string being placed, for a multiple assignment (``_parallel_target``)."""
    t = parent.type
    if child.type == "expression_list" and t == "assignment_statement" and literal is not None:
        target = _parallel_target(parent, child, literal)
        if target is not None:
            return target, False
    for field in ("left", "name", "key", "pattern", "declarator"):
        node = parent.child_by_field_name(field)
        if node is None or (node.start_byte >= child.start_byte and node.id != child.id and field != "declarator"):
            if node is not None and node.id == child.id:
                return None, True
            continue
        if node.id == child.id:
            return None, True
        if field == "declarator" and t.endswith("declaration"):
            continue
        if _is_string(node.type):
            text = literal_text(node)
            return text, False
        if t == "object_elem":
            # an HCL object's key, bare (`EMBED_MODEL = "…"`) or quoted (`"EMBED_MODEL" = { "value" = "…" }`)
            return _hcl_key(node), False
        if node.type == "keyword":  # Elixir `model: "gpt-4o"` (a keyword list's or a map's pair)
            return node.text.decode("utf-8", "replace").rstrip(": \t\n"), False
        if field == "left" and (key := _assigned_entry_key(node)) is not None:
            return key, False
        name = _rightmost_ident(node)
        if name:
            return name, False
    # no field: the identifier-like sibling before the child (Kotlin value_argument, HCL attribute, PHP key => value)
    before = child.prev_named_sibling
    # Bicep's `param chatModel string = 'gpt-4o'`: the declared type stands between the name and the default (and in
    # a .bicepparam file's `param chatModel = 'gpt-4o'` the grammar leaves the `=` as an ERROR node): the name before
    while before is not None and before.type in ("type", "ERROR") and t == "parameter_declaration":
        before = before.prev_named_sibling
    if before is None:
        first = parent.named_child(0) if parent.named_child_count else None
        if first is not None and first.id == child.id and parent.named_child_count > 1 and (
                "pair" in t or "keyed" in t or "element_initializer" in t):
            return None, True
        return None, False
    if _is_string(before.type):
        return literal_text(before), False
    if before.type in ("literal_element",):
        inner = before.named_child(0)
        if inner is not None and _is_string(inner.type):
            return literal_text(inner), False
        return (_rightmost_ident(before), False)
    if before.type in _IDENT_TYPES or before.type.endswith(("declaration", "pattern", "expression_list", "label",
                                                               "_name", "identifier", "expression", "access")):
        return _rightmost_ident(before), False
    return None, False


_SLICE_CALLS = frozenset({"sub", "substr", "substring"})


def _leading_slice(node: Any) -> bool:
    """A call that takes a string's first characters: Lua's ``s:sub(1, n)`` / ``string.sub(s, 1, n)``, Perl / JS
    ``substr(0, n)``, ``substring(0, n)`` (the slice starts at the string's first index, 1 or 0)."""
    if not _is_call(node.type) or (_callee(node) or "").lower() not in _SLICE_CALLS:
        return False
    args = node.child_by_field_name("arguments") or next((c for c in node.children if _is_args(c.type)), None)
    if args is None:
        return False
    numbers = [a for a in args.named_children[:3] if a.type in ("number", "integer", "integer_literal",
                                                                   "decimal_integer_literal", "int_literal")]
    return bool(numbers) and numbers[0].text in (b"0", b"1")


def _parallel_target(assignment: Any, values: Any, literal: Any) -> str | None:
    """Lua's ``local chat, embed = "gpt-4o", "text-embedding-3-small"``: the grammar keeps the targets in a
    ``variable_list`` and the values in an ``expression_list`` beside it, with no field linking them; the target at the
    value's own position (None past the last target, or where the targets are no list)."""
    targets = next((c for c in assignment.named_children if c.type == "variable_list"), None)
    if targets is None:
        return None
    index = next((i for i, v in enumerate(values.named_children[:64])
                  if v.start_byte <= literal.start_byte < v.end_byte), None)
    if index is None or index >= targets.named_child_count:
        return None
    return _rightmost_ident(targets.named_child(index))


def _hcl_key(expr: Any) -> str | None:
    """The name an HCL object element's key expression spells: a bare word or a fixed quoted string."""
    inner = expr.named_child(0) if expr.type == "expression" and expr.named_child_count == 1 else expr
    if inner is not None and inner.type == "literal_value" and inner.named_child_count == 1:
        lit = inner.named_child(0)
        return literal_text(lit) if lit is not None and _is_string(lit.type) else None
    if inner is not None and inner.type == "variable_expr":
        return inner.text.decode("utf-8", "replace")
    return None


def _hcl_named_value(parent: Any) -> str | None:
    """The name an HCL ``{name = "X", value = "…"}`` pair gives its value (Terraform's Kubernetes provider writes a
    container's environment as ``env { name = "EMBEDDING_MODEL_NAME" value = "org/name" }``; a Helm release's
    ``set { name = "model.name" value = "…" }`` too): the fixed string of the ``name`` attribute or object element
    beside the literal's ``value``, as a Kubernetes manifest's ``- name: X / value: Y`` item binds Y to X."""
    body = parent.parent
    if body is None or body.type not in ("body", "object"):
        return None
    for sib in body.named_children:
        if sib.id == parent.id or sib.type not in ("attribute", "object_elem"):
            continue
        first = sib.named_child(0)
        if first is None:
            continue
        key = first.text.decode("utf-8", "replace") if sib.type == "attribute" else _hcl_key(first)
        if key != "name":
            continue
        val = sib.named_child(sib.named_child_count - 1)
        if val is not None and val.type == "expression" and val.named_child_count == 1:
            val = val.named_child(0)
        if val is not None and val.type == "literal_value" and val.named_child_count == 1:
            lit = val.named_child(0)
            if lit is not None and _is_string(lit.type):
                return literal_text(lit)
        return None
    return None


# nodes whose string entries form one table: a Go const/var block, an enum body, a switch (its case labels and its
# case bodies' values), besides the list and map literals in _CONTAINERS
_GROUPS = frozenset({
    "const_declaration", "var_declaration", "enum_body", "enum_declaration", "enum_member_declaration_list",
    "enum_class_body", "enum_variant_list", "class_body", "declaration_list", "interface_body", "object_literal",
})
_KEYED = ("pair", "keyed_element", "element_initializer", "field_initializer", "named_argument",
          "element_value_pair", "anonymous_object_member_declarator", "value_argument", "argument")
# a Lua table's entry (`model = "…"`, `["model"] = "…"`, or a list item with no key): named `field` in Lua's grammar
# alone, so compared whole (the word is part of other grammars' names: field_declaration, field_expression)
_LUA_FIELD = "field"

_BINDING_WORDS = ("assignment", "declarator", "pair", "keyed_element", "argument", "attribute", "const_item",
                  "const_spec", "var_spec", "let_declaration", "property_declaration", "field_declaration",
                  "element_initializer", "parameter", "short_var_declaration", "initializer", "val_definition",
                  "var_definition", "const_element", "static_item", "const_declaration", "variable_declaration",
                  "enum_constant", "element_value_pair", "property_element", "named_argument", "default_value",
                  "field_initializer", "property", "anonymous_object_member_declarator",
                  # Dart: `String model = 'x';` (a local), `final model = 'x';` (a field's initialized_identifier)
                  "variable_definition", "initialized_identifier",
                  # HCL: an object's `key = value` element (`env_vars = { "EMBED_MODEL" = "…" }`)
                  "object_elem")
_NOT_BINDING = ("argument_list", "arguments", "value_arguments", "_list", "field_expression", "property_access",
                "parameters", "formal_parameters")
_CONTAINERS = frozenset({
    "array", "array_literal", "array_creation_expression", "array_initializer", "list", "list_literal",
    "literal_value", "composite_literal", "collection_literal", "collection_expression", "hash", "map",
    "dictionary", "dictionary_literal", "initializer_expression", "implicit_array_creation_expression", "tuple",
    "tuple_expression", "array_expression", "set", "object", "tuple_literal", "hash_literal", "element_list",
    "string_array",  # Ruby `%w[…]`
    "table_constructor",  # Lua `{ "a", "b" }`, `{ model = "…" }`
})


@cache
def _is_binding(t: str) -> bool:
    if t == _LUA_FIELD:
        return True
    if any(t.endswith(n) for n in _NOT_BINDING):
        return False
    return any(w in t for w in _BINDING_WORDS)


_ELEMENT_WRAPPERS = frozenset({"literal_element", "element", "expression_statement", "collection_element"})


def _outer_table(container: Any, path: list[str]) -> int:
    """The table a literal's container belongs to: the container itself, or, when the container is one element
    of a list of records (``[]Model{{ID: "gpt-4o"}, {ID: "acme-7b"}}``), the enclosing list, so that the same
    field of every record is one table (``path`` gains the record's node type)."""
    outer = container.parent
    if outer is not None and (outer.type in _ELEMENT_WRAPPERS or (
            outer.type == "array_element_initializer" and outer.named_child_count == 1)):
        # (PHP wraps each element of `[[ 'id' => … ], [ 'id' => … ]]` in an initializer; one with a key is a pair)
        outer = outer.parent
    if outer is not None and outer.type in _CONTAINERS and container.type in _CONTAINERS:
        path.append(container.type)
        return int(outer.start_byte)
    return int(container.start_byte)


# node types between a literal and its case clause that put it in the clause's body, not among its labels
_CASE_BODY_WORDS = re.compile(r"statement|body|block|return|assignment|declaration|call|invocation|lambda|argument")

_CASE_ARROWS = frozenset({"->", "=>", ":"})  # the token between a clause's labels and its body

_CALL, _CASE, _SWITCH_BODY, _SWITCH, _COMPARISON, _CONTAINER, _BINDING, _BLOCK, _OWNER = range(1, 10)

# the last case clause looked at (its id, type, start and end byte) and where its first -> / => / : starts
_ARROW_MEMO: list[Any] = [None, -1]


def _first_arrow(clause: Any) -> int:
    """Where the clause's first label/body token (``->``, ``=>``, ``:``) starts, or a byte past its end. Worked out
    once per clause: each label of a clause asked it, and a Kotlin ``when`` entry of 50,000 labels (one clause, 100,000
    children) walked its children for every label (quadratic; the 2 s budget stopped it after 32 labels)."""
    key = (clause.id, clause.type, clause.start_byte, clause.end_byte)
    if _ARROW_MEMO[0] != key:
        at = next((c.start_byte for c in clause.children if not c.is_named and c.type in _CASE_ARROWS),
                  clause.end_byte + 1)
        _ARROW_MEMO[:] = [key, at]
    return int(_ARROW_MEMO[1])

# anonymous functions (Go func literals, Java / C# / Scala lambdas, Rust closures, PHP anonymous functions, Ruby
# blocks, Kotlin / Swift lambda literals): a literal in the statements of such a body is that body's own business;
# the name the function itself is bound to or passed under (``reranker := newTestReranker(t, func(w …) {
# w.Header().Set("Content-Type", …) })``) is not the literal's binding
_ANON_FUNCTIONS = frozenset({
    "func_literal", "lambda_expression", "closure_expression", "anonymous_function", "anonymous_function_creation_expression",
    "anonymous_method_expression", "block", "do_block", "lambda_literal", "arrow_function", "function_expression",
})
_BODY_BLOCKS = frozenset({"block", "statement_list", "compound_statement", "block_body", "statement_block",
                          "statements", "body_statement"})


def _seals(parent: Any, child: Any, literal: Any) -> bool:
    """Whether ``child`` is the statement body of the anonymous function ``parent`` (see ``_ANON_FUNCTIONS``).
    An expression body (``() -> "gpt-4o"``, Kotlin ``{ "gpt-4o" }``) is the function's value and does not seal."""
    if parent.type not in _ANON_FUNCTIONS:
        return False
    body = parent.child_by_field_name("body")
    if body is not None:
        return body.id == child.id and child.type in _BODY_BLOCKS
    # Kotlin / Swift lambda literals hold their statements directly (or under `statements`)
    return parent.type == "lambda_literal" and child.id != literal.id and child.type not in _IDENT_TYPES


# the switch of languages that call it something else: Rust's and PHP's `match`, Kotlin's `when`, Scala's `match`. Their
# arms' values are one table as a switch's cases are (`QwenModel::Qwen1_8B => "qwen-1.8b-chat".to_string()`, one arm
# per enum variant: the enum-to-id map of a provider client), so peer evidence weighs them together; labels and values
# stay separate tables by their paths (match_pattern / when_condition vs the arm's body)
_MATCH_EXPRESSIONS = frozenset({"match_expression", "when_expression"})
# PHP 8's `match` arms (`self::FillMask => 'org/name',`, `default => '…'`): named like expressions, they are a
# match's case clauses as Rust's `match_arm` is
_PHP_MATCH_ARMS = frozenset({"match_conditional_expression", "match_default_expression"})


@cache
def _ancestor_kind(t: str) -> tuple[int, str, int]:
    """What ``_context`` makes of an ancestor of type ``t`` (a pure function of the type, so computed once per type):
    whether it groups a table (2: always, 1: inside a ``case``, 0: never), the path step it adds while no table
    is found, and which of its branches applies (0: none)."""
    if t in _CONTAINERS or t in _GROUPS:
        grouping = 2
    elif ("switch" in t and not t.endswith(("_body", "_block", "_section", "_label", "_arm", "_entry"))) or (
            t in _MATCH_EXPRESSIONS):
        grouping = 1
    else:
        grouping = 0
    step = "case" if t.endswith(("_case", "default_case", "switch_label")) else t
    if _is_call(t) and not _is_args(t):
        branch = _CALL
    elif ("case" in t and t != "case") or t in ("when_entry", "when", "when_condition") or t in _PHP_MATCH_ARMS or (
            ("switch" in t or "match" in t or "when" in t) and t.endswith(("_section", "_label", "_arm", "_entry"))):
        branch = _CASE
    elif ("switch" in t or "match" in t or "when" in t) and t.endswith(("_body", "_block", "_arms")):
        branch = _SWITCH_BODY
    elif "switch" in t or t in ("when_expression", "case_match", "match_expression", "case"):
        branch = _SWITCH
    elif t in ("binary_expression", "equality_expression", "comparison_operator", "binary", "infix_expression",
               "binary_operator", "is_pattern_expression"):  # C# `model is "a" or "b"`
        branch = _COMPARISON
    elif t in _CONTAINERS:
        branch = _CONTAINER
    elif _is_binding(t):
        branch = _BINDING
    elif t == "block":
        branch = _BLOCK  # an HCL block when its first child is an identifier (checked per node)
    elif t in _OWNER_TYPES:
        branch = _OWNER
    else:
        branch = 0
    return grouping, step, branch


def _key_argument(arg: Any) -> str | None:
    """The name an argument is passed under by the string argument right before it when that names a model
    setting (a flag's or a setting's name: ``flag.StringVar(&p, "video_model", "veo-2", "usage")``,
    ``SetDefault("llm.model", "qwen-plus")``). Only the argument right before: further back, a string is more
    often another positional value (``new Chunk("id", "model", null, "chat.completion.chunk")``)."""
    sib = arg.prev_named_sibling
    if sib is None:
        return None
    inner = sib.named_child(0) if sib.type in ("value_argument", "argument") and sib.named_child_count == 1 else sib
    if not _is_string(inner.type):
        return None
    text = literal_text(inner)
    return text if text and len(text) <= 60 and is_model_key(text) else None


# list literals an argv is written as (Ruby / JS / TS `array`, Python `list`, Go's `literal_value`, Swift / Kotlin
# `array_literal` / `collection_literal`, PHP `array_creation_expression`, Rust `array_expression`)
_ARGV_LISTS = frozenset({"array", "list", "literal_value", "array_literal", "collection_literal",
                         "array_creation_expression", "array_expression"})
_ARGV_ITEMS = frozenset({"literal_element", "array_element_initializer"})  # an item's wrapper (Go, PHP)
_ARGV_FLAG = re.compile(r"--?[A-Za-z][\w-]{0,40}")


def _flag_element(item: Any) -> str | None:
    """The setting an argv list's item is the value of: the element right before it is a command-line flag that
    names a model setting (``"--model"``, ``"--embedding-model"``), returned without its dashes (``model``,
    ``embedding_model``). A bare ``-m`` is not read (Python's ``-m module``)."""
    sib = item.prev_named_sibling
    if sib is not None and sib.type in _ARGV_ITEMS and sib.named_child_count == 1:
        sib = sib.named_child(0)  # Go's literal_element, PHP's array_element_initializer
    if sib is None or not _is_string(sib.type):
        return None
    text = literal_text(sib)
    if not text or not text.startswith("--") or _ARGV_FLAG.fullmatch(text) is None:
        return None
    name = text.lstrip("-").replace("-", "_")
    return name if is_model_key(name) else None


_TOKEN_PATH = frozenset({"identifier", "::", ".", "self", "crate", "super"})


def _token_tree_field(node: Any) -> str | None:
    """The field a literal initialises inside a Rust macro's token tree, which tree-sitter leaves unparsed
    (``vec![ModelInfo { model_code: String::from("org/name"), … }]``, ``json!({"model": "gpt-4o"})``): the name
    before the ``:`` in front of the literal, or in front of the one-argument call (``String::from(…)``,
    ``"x".into()`` is read from the left) that wraps it. At most 12 tokens back."""
    parent = node.parent
    start = node
    if parent is not None and parent.type == "token_tree" and parent.named_child_count == 1 and parent.child_count \
            and parent.children[0].type == "(" and parent.parent is not None and parent.parent.type == "token_tree":
        start = parent  # String::from("org/name"): the call's path before the parenthesised literal
        prev = start.prev_sibling
        steps = 0
        while prev is not None and prev.type in _TOKEN_PATH and steps < 12:
            start = prev
            prev = prev.prev_sibling
            steps += 1
        if start is parent:
            return None
    colon = start.prev_sibling
    if colon is None or colon.type != ":":
        return None
    key = colon.prev_sibling
    if key is None:
        return None
    before = key.prev_sibling
    if before is not None and before.type not in (",", "{", "("):
        return None  # `a::b: …`, a type ascription: not a field's or a key's name
    if key.type == "identifier":
        return str(key.text.decode("utf-8", "replace"))
    if _is_string(key.type):
        return literal_text(key)
    return None


def _defaulted_parameter(node: Any) -> str | None:
    """The parameter a literal is the default value of where the grammar writes the default beside the parameter, not
    inside it: tree-sitter-swift parses ``func load(from repo: String = "org/name")`` (also ``init``) as the
    function's ``parameter`` node, a ``=`` and the function's ``default_value`` child, and tree-sitter-kotlin
    ``fun embed(embeddingModel: String = "…")`` the same way inside ``function_value_parameters``. The parameter's own
    (internal) name, which the body reads, is the binding; a one-word external label (``from``) says nothing of it."""
    eq = node.prev_sibling
    if eq is None or eq.type != "=":
        return None
    param = eq.prev_sibling
    if param is None or param.type != "parameter":
        return None
    name = param.child_by_field_name("name")  # Swift: the internal name (the type is a second `name` field)
    if name is None:  # Kotlin: no fields, the name is the first identifier
        name = next((c for c in param.named_children if c.type in ("identifier", "simple_identifier")), None)
    if name is None or name.type not in ("identifier", "simple_identifier"):
        return None
    return str(name.text.decode("utf-8", "replace"))


# test-data attributes whose positional arguments are the decorated test method's arguments, in order: NUnit's
# TestCase, xUnit's InlineData, MSTest's DataRow, TUnit's and BenchmarkDotNet's Arguments
_TEST_ROW_ATTRIBUTES = frozenset({"testcase", "inlinedata", "datarow", "arguments"})


def _test_row_parameter(node: Any) -> str | None:
    """The parameter of a C# test method that a test-data attribute's positional argument is passed as
    (``[TestCase("ada")] public async Task Retrieve(string modelId)``: ``modelId``); None for anything else, a named
    argument (``ExpectedResult = …``) or an argument past the method's parameters."""
    arg = node.parent
    if arg is None or arg.type != "attribute_argument" or arg.child_by_field_name("name") is not None:
        return None
    args = arg.parent
    attribute = args.parent if args is not None else None
    attributes = attribute.parent if attribute is not None else None
    method = attributes.parent if attributes is not None else None
    if attribute is None or attribute.type != "attribute" or attributes is None or method is None \
            or method.type not in ("method_declaration", "local_function_statement"):
        return None
    name = attribute.child_by_field_name("name")
    if name is None or name.text.decode("utf-8", "replace").rsplit(".", 1)[-1].lower().removesuffix("attribute") \
            not in _TEST_ROW_ATTRIBUTES:
        return None
    index = next((i for i, a in enumerate(args.named_children[:64]) if a.id == arg.id), None)
    params = method.child_by_field_name("parameters")
    if index is None or params is None:
        return None
    plist = [p for p in params.named_children if p.type == "parameter"]
    if index >= len(plist):
        return None
    pname = plist[index].child_by_field_name("name")
    return pname.text.decode("utf-8", "replace") if pname is not None else None


# a declared tuple element named for the start of a name (`Prefix`, `ModelPrefix`, `prefixes`)
_PREFIX_SLOT = re.compile(r"(?i)prefix(?:es)?$")


def _tuple_element_name(declaration: Any, slot: int) -> str | None:
    """The name a C# variable declaration's tuple type gives its ``slot``-th element (``List<(string Prefix,
    ModelPricing Pricing)>``: 0 -> ``Prefix``), the first tuple type in the declared type; None when unnamed."""
    if declaration is None or declaration.type != "variable_declaration":
        return None
    typ = declaration.child_by_field_name("type")
    stack = [typ] if typ is not None else []
    for _ in range(64):
        if not stack:
            return None
        n = stack.pop()
        if n.type == "tuple_type":
            elements = [c for c in n.named_children if c.type == "tuple_element"]
            if slot >= len(elements):
                return None
            name = elements[slot].child_by_field_name("name")
            return name.text.decode("utf-8", "replace") if name is not None else None
        stack.extend(reversed(n.named_children))
    return None


def _macro_default_parameter(node: Any) -> str | None:
    """The Rust function parameter whose type is a ``default!(Type, "expr")`` macro holding the literal (pgrx's way to
    give an SQL-callable function's parameter a default, github.com/pgcentralfoundation/pgrx, as_of 2026-12-07:
    ``transformer: default!(&str, "'org/name'")``): the parameter's name, which the function body reads, as a keyword
    parameter's default is bound to its name elsewhere."""
    tree = node.parent
    macro = tree.parent if tree is not None else None
    if macro is None or macro.type != "macro_invocation":
        return None
    param = macro.parent
    if param is None or param.type != "parameter" or param.child_by_field_name("type") != macro:
        return None
    name = macro.child_by_field_name("macro")
    if name is None or name.text.rsplit(b"::", 1)[-1] != b"default":
        return None
    pattern = param.child_by_field_name("pattern")
    if pattern is None or pattern.type != "identifier":
        return None
    return str(pattern.text.decode("utf-8", "replace"))


def _go_map_key_of(parent: Any, child: Any) -> str | None:
    """The name of the Go map ``child`` (a string literal) is a key of, where the literal is the index of an index
    expression (``m["k"]``, ``cfg.Models["k"]``) or the key argument of the builtin ``delete(m, "k")``; None
    elsewhere (Go's grammar alone names the index expression's parts ``operand`` and ``index``)."""
    t = parent.type
    if t == "index_expression":
        index = parent.child_by_field_name("index")
        operand = parent.child_by_field_name("operand")
        if index is None or operand is None or index.id != child.id:
            return None
        return _rightmost_ident(operand)
    if t == "argument_list" and parent.named_child_count == 2 and parent.named_children[1].id == child.id \
            and parent.parent is not None and parent.parent.type == "call_expression":
        func = parent.parent.child_by_field_name("function")
        if func is None or func.type != "identifier" or func.text != b"delete":
            return None
        target = parent.named_children[0]
        if target.type == "index_expression" and (operand := target.child_by_field_name("operand")) is not None:
            target = operand  # delete(m["text2image"], "k"): the inner map, named by the outer one's name
        if target.type not in ("identifier", "selector_expression"):
            return None
        return _rightmost_ident(target)
    return None


def _context(node: Any) -> Candidate | None:
    bindings: list[str] = []
    if node.parent is not None and node.parent.type == "token_tree":
        field_name = _token_tree_field(node) or _macro_default_parameter(node)
        if field_name:
            bindings.append(field_name)
    elif (param := _defaulted_parameter(node)) is not None or (node.parent is not None and node.parent.type == "attribute_argument" \
            and (param := _test_row_parameter(node)) is not None):
        bindings.append(param)
    call: str | None = None
    call_first = False
    container = False
    switch_on: str | None = None
    compared: str | None = None
    prefix = False
    is_key = False
    keyed_class = False
    in_case = False
    owner: str | None = None
    outer: str | None = None
    prefix_call: str | None = None
    group: tuple[int, str] | None = None
    path: list[str] = []
    clause: int | None = None
    clause_id: int | None = None
    label_path = True  # no statement, body, call or arm value between the literal and its case clause
    record: str | None = None
    record_field: str | None = None
    returned = False  # a return statement between the literal and the switch it is a case's value of
    dir_var: str | None = None
    string_follows: str | None = None
    first_argument = False
    string_before: str | None = None
    tuple_slot: int | None = None  # the literal's place in a C# tuple literal (`("claude-opus-4", pricing)`: 0)
    child = node
    parent = node.parent
    sealed = False  # past an anonymous function's statement body: only the enclosing owner is still looked for
    for _ in range(MAX_UP):
        if parent is None:
            break
        t = parent.type
        if t == "attribute" and parent.child_count and parent.children[0].type == "@":
            # a Swift attribute's argument (`@ModuleInfo(key: "token_embedding") var …`): the attribute's name is
            # the call it is passed to, and the type it decorates a member of is not the literal's owner
            call = parent.named_children[0].text.decode("utf-8", "replace") if parent.named_child_count else "@"
            call_first = not bindings
            break
        if call is None and bindings == ["id"] and t in ("argument_list", "arguments", "value_arguments") \
                and _typed_model_object(parent):
            bindings[0] = "model_id"  # ModelData(id = "babbage", `object` = "model"): see _typed_model_object
        if not bindings and call is None and t in ("argument_list", "arguments", "value_arguments"):
            string_follows = _string_follows(child, node)
            first_argument = _first_positional(child, node)
            string_before = _string_before(child, node)
            arg_key = _key_argument(child)
            if arg_key is not None:
                bindings.append(arg_key)  # flag.StringVar(&p, "video_model", "veo-2.0-generate-001", …)
            elif record is None and parent.named_child_count > 1:
                record = _record_sibling(parent, child, node)
                if record is not None:
                    record_field = RECORD_KEY
        elif not bindings and call is None and child is node and (t in _ARGV_LISTS or (
                t in _ARGV_ITEMS and parent.parent is not None and parent.parent.type in _ARGV_LISTS)):
            flag = _flag_element(parent if t in _ARGV_ITEMS else child)
            if flag is not None:
                bindings.append(flag)  # ["claude", "-p", "--model", "haiku"]: an argv list's model flag, then its value
        if child is node and not bindings and call is None and (key_of := _go_map_key_of(parent, child)) is not None:
            # Go `CompletionModelEndpoint["SQLCoder-7B"]`, `delete(modelList, "SQLCoder-7B")`: the literal is a key
            # looked up in (or deleted from) the map it names, read as that map's literal keys are; whatever call the
            # lookup sits in (`assert.Contains(t, path, m["k"])`) takes the map's value, not the key
            bindings.append(key_of)
            is_key = True
            break
        if t in _RETURNS:
            returned = True
        if t == "struct_expression" and record is None and not sealed:
            record = _record_type(parent)
            if record is not None:
                record_field = bindings[-1] if bindings else None
        grouping, step, branch = _ancestor_kind(t)
        if clause is None and label_path and branch != _CASE and _CASE_BODY_WORDS.search(t):
            label_path = False
        if not sealed and _seals(parent, child, node):
            sealed = True
        if sealed:
            if branch == _OWNER:
                owner = _owner_name(parent)
                outer = _outer_owner(parent)
                break
            child = parent
            parent = parent.parent
            continue
        if group is None:
            if grouping == 2 or (grouping == 1 and in_case):
                group = (_outer_table(parent, path), "/".join(path))
            else:
                # a switch's default value belongs with its cases' values
                path.append(step)
        if branch == _CALL and container and call is None and parent.parent is not None \
                and parent.parent.type == "unary_operator" and parent.parent.child_count \
                and parent.parent.children[0].type == "@" and (attr := _callee(parent)):
            # a map or list held in an Elixir module attribute (`@vertex_ai_models %{embedding: "embeddinggemma"}`):
            # the module's named table, its name a binding as a constant table's is, not a call's; written with its
            # `@` (classifier.context_hint reads an entry's own key first, then this name)
            bindings.append("@" + attr)
            if len(bindings) >= 3:
                break
            child = parent
            parent = parent.parent
            continue
        if branch == _CALL:
            name = _callee(parent) if call is None else None
            if name and call is None and not bindings and (name.lower() in _CONVERSIONS or (
                    name.lower() in _SWIFT_VALUE_CASES and _implicit_member_call(parent))):
                # "org/name".to_string(), String::from("gpt-4o"), "x".into(): a conversion of the literal itself;
                # the call it is passed on to (FileSource::huggingface(…), .model(…)) is the one that says what it is
                child = parent
                parent = parent.parent
                continue
            if name and not bindings and name.lower() in _EQUALS_CALLS:
                # model.Equals("x", …), "x".equals(model), strings.EqualFold(model, "x"): a comparison
                compared = _equals_subject(parent, node)
                if compared:
                    break
            if name and call is None and not bindings and dir_var is None and name.lower() in _JOIN_CALLS \
                    and _is_args(child.type):
                dir_var = _joined_dir(parent, child, node)
            if name:
                call = name
                if not bindings:
                    call_first = True
                if name.lower() in _PREFIX_CALLS:
                    prefix = True
                    prefix_call = name.lower()
                elif _PREFIX_CHECK_NAME.fullmatch(name):
                    # an app's own prefix test (Go `CheckModelPrefix(m, "o4")`, `CheckModelSubPrefix(m, "gpt-5.")`,
                    # `matchesPrefix`, `isModelPrefix`): named as a check of a prefix, so a startsWith
                    prefix = True
                    prefix_call = "startswith"
        elif branch == _CASE:
            if not in_case or clause_id == child.id:
                # the clause is the outermost of directly nested case nodes (Kotlin when_condition in when_entry, C#
                # case_switch_label in switch_section)
                if _first_arrow(parent) < child.start_byte:
                    label_path = False  # Kotlin `"a", "b" -> "c"`, Rust `"a" | "b" => "c"`: "c" is the clause's value
                clause, clause_id = parent.start_byte, parent.id
            in_case = True
        elif branch == _SWITCH_BODY:
            pass
        elif branch == _SWITCH:
            if in_case:
                subject = parent.child_by_field_name("value") or parent.child_by_field_name("condition") \
                    or parent.child_by_field_name("subject")
                if subject is None:
                    for sib in parent.named_children:
                        if sib.id != child.id and sib.type not in ("block", "switch_block", "switch_body"):
                            subject = sib
                            break
                switch_on = _rightmost_ident(subject) if subject is not None else None
                if subject is not None and subject.end_byte - subject.start_byte <= 4 \
                        and subject.text in (b"self", b"this"):
                    # Swift / Rust `switch self` / `match self`, Kotlin `when (this)` in an enum's computed property
                    # (`var description: String { switch self { case .tiny: return "tiny" … } }`): the switch is on
                    # the type's own value, so the type's name says what its cases' strings are
                    switch_on = _enclosing_type(parent) or switch_on
                if switch_on is not None and switch_on.lower() in _NORMALISERS and subject is not None:
                    switch_on = _normalised_subject(subject)  # `case model.to_s`, `switch (model.toLowerCase())`
                if not bindings and not label_path and clause is not None and (returned or t in _VALUE_SWITCHES):
                    returner = _returning_function(parent)
                    if returner is None and not returned:
                        returner = _assigned_name(parent)
                    if returner is not None:
                        bindings.append(returner)
            break
        elif branch == _COMPARISON:
            other = next((c for c in parent.named_children if c.id != child.id), None)
            op = next((c.type for c in parent.children if not c.is_named), "")
            if op in ("=", "=>") and t == "binary_operator" and other is not None \
                    and other.end_byte <= child.start_byte:
                # Elixir's match `model = "gpt-4o"` and a map's `"model" => "gpt-4o"`: the left side names the value
                name = literal_text(other) if _is_string(other.type) else _rightmost_ident(other)
                if name:
                    bindings.append(name)
                    if group is None:
                        path.append(name)
                child = parent
                parent = parent.parent
                continue
            if op == "??" and other is not None and other.end_byte <= child.start_byte:
                # C# `config["Model"] ?? "gpt-4o"`: the fallback value is what the expression is bound to
                child = parent
                parent = parent.parent
                continue
            if op in ("||", "or") and other is not None and other.end_byte <= child.start_byte \
                    and (env_name := _env_entry_name(other)) is not None:
                # Ruby `ENV["MODELS"] || "gpt-4.1,gpt-4o-mini"`: the fallback of an environment variable read by
                # name is that variable's value when it is unset, bound to its name as `ENV.fetch("MODELS", "…")`'s
                # default is; the expression's own binding (`models = (…).split(",")`) follows
                bindings.append(env_name)
                if group is None:
                    path.append(env_name)
                child = parent
                parent = parent.parent
                continue
            if not op and (named_op := next((c for c in parent.named_children
                                             if c.type in ("equality_operator", "custom_operator")), None)) is not None \
                    and named_op.text is not None:
                # Dart writes the operator as a named node and a member access as its receiver and a separate
                # selector node (`selectedModel.model == 'paraformer-v2'`): the side across the operator is what
                # the literal is compared with, its last node the member's name. Swift's grammar reads `!=` after a
                # bare name as a custom operator (`ropeType != "llama3"`, an infix_expression): the same test
                op = named_op.text.decode("utf-8", "replace")
                side = [c for c in parent.named_children if c.id not in (child.id, named_op.id)
                        and (c.end_byte <= named_op.start_byte) == (child.start_byte >= named_op.end_byte)]
                other = (side[-1] if child.start_byte >= named_op.end_byte else side[0]) if side else None
            if other is not None and op in ("==", "===", "!=", "!==", "eq", "equals", "is", "~="):
                if _leading_slice(other):
                    prefix = True  # Lua `name:sub(1, 10) == "gemini-1.0"`: the start of a name, as startsWith
                    prefix_call = "startswith"
                else:
                    compared = _compared_name(other)
            break
        elif branch == _CONTAINER:
            container = True
            if t == "dictionary_literal" and not bindings and not is_key:
                # Swift's dictionary literal holds its keys and values as its own children (no pair node): a key is
                # read as a map's key is, a value is bound to its key (`["model": "gpt-4o"]`, `["rope_type":
                # .string("llama3")]`), as the pair nodes of the other grammars give
                after = child.next_sibling
                before = child.prev_sibling
                if after is not None and after.type == ":":
                    is_key = True
                    keyed_class = _swift_type_registry_entry(literal_text(node) or "", after.next_named_sibling)
                elif before is not None and before.type == ":" and (key := before.prev_named_sibling) is not None \
                        and _is_string(key.type) and (key_text := literal_text(key)):
                    bindings.append(key_text)
            if t == "tuple_expression" and child.type == "argument" and tuple_slot is None:
                tuple_slot = next((i for i, a in enumerate(parent.named_children[:16]) if a.id == child.id), None)
            if t == "composite_literal" and len(bindings) == 1 and bindings[0].lower() in ("name", "id") \
                    and node.type != "identifier" and names_family(literal_text(node) or ""):
                # Go `&types.Model{Name: "qwen2-vl"}`: the record's type says what its name names, when the name
                # carries a family word (a test's `Name: "emb-1"` stays a test's name)
                typ = parent.child_by_field_name("type")
                # a named type only: an anonymous one's last word is a field's type (`[]struct{Name string}{…}`)
                elem = typ.child_by_field_name("element") if typ is not None and typ.type in (
                    "slice_type", "array_type", "implicit_length_array_type") else typ
                type_name = _rightmost_ident(elem) if elem is not None and elem.type in (
                    "type_identifier", "qualified_type", "generic_type", "pointer_type") else None
                if type_name:
                    bindings.append(type_name)
        elif branch == _BINDING:
            name, key = _binding_name(parent, child, node)
            if key and not bindings:
                is_key = True
                keyed_class = _implementation_class(literal_text(node) or "", parent.child_by_field_name("value"))
                if group is None:
                    path.append("key")
            elif name:
                if tuple_slot is not None and t == "variable_declarator" and not bindings \
                        and (slot := _tuple_element_name(parent.parent, tuple_slot)) is not None \
                        and _PREFIX_SLOT.search(slot):
                    # `List<(string Prefix, ModelPricing Pricing)> BuiltInPricing = new() { ("claude-opus-4", …) }`:
                    # the declared tuple names what the entry's value is, a prefix model ids are matched against
                    # (classifier: a binding named for prefixes is no model)
                    bindings.append(slot)
                bindings.append(name)
                if name == "value" and t in ("attribute", "object_elem") and len(bindings) == 1 \
                        and (named := _hcl_named_value(parent)) is not None:
                    bindings.append(named)  # env { name = "MODEL_NAME" value = "…" }: ("value", "MODEL_NAME")
                if group is None and (t == _LUA_FIELD or any(w in t for w in _KEYED)):
                    path.append(name)
                if len(bindings) >= 3:
                    break
        elif branch == _BLOCK:
            if parent.child_count and parent.children[0].type == "identifier":  # HCL block
                labels = [literal_text(c) for c in parent.children if c.type == "string_lit"]
                label = next((x for x in reversed(labels) if x), None)
                bindings.append(label or parent.children[0].text.decode("utf-8", "replace"))
                if len(bindings) >= 3:
                    break
        elif branch == _OWNER:
            owner = _owner_name(parent)
            outer = _outer_owner(parent)
            break
        child = parent
        parent = parent.parent
    return Candidate("", 0, 0, tuple(bindings), call, call_first, container, switch_on, compared, prefix, is_key,
                     owner, prefix_call, group, clause=clause, case_label=clause is not None and label_path,
                     outer_owner=outer, keyed_class=keyed_class, record=record, record_field=record_field,
                     dir_var=dir_var, string_follows=string_follows, first_argument=first_argument,
                     string_before=string_before)


# a named argument `object = "model"` (Scala / Kotlin `object = …`, C# `@object: …`, backquoted where `object` is a
# keyword)
_MODEL_OBJECT_ARG = re.compile(rb'[`@]?object`?[ \t]{0,8}[=:][ \t]{0,8}"model"')
_MAX_OBJECT_ARGS = 32


def _typed_model_object(args: Any) -> bool:
    """The call builds an OpenAI model-listing entry, typed by a named argument ``object = "model"`` (sttp-openai's
    ``ModelData(id = "babbage", `object` = "model", ownedBy = "openai")``, the code form of the ``{"id": …,
    "object": "model"}`` record a ``GET /v1/models`` reply lists, which OpenAI-compatible servers answer with too):
    its ``id`` is a model's id, as in the JSON form (``_EMBEDDED_JSON``)."""
    for sib in args.named_children[:_MAX_OBJECT_ARGS]:
        text = sib.text
        if text is not None and len(text) <= 40 and _MODEL_OBJECT_ARG.fullmatch(text):
            return True
    return False


_ARGUMENT_WRAPPERS = frozenset({"argument", "value_argument"})


def _string_before(arg: Any, literal: Any) -> str | None:
    """The text of the previous argument when the argument is the literal itself (or a positional argument node holding
    only it) and the previous one is a string literal (see ``Candidate.string_before``)."""
    return _string_beside(arg, literal, "prev_named_sibling")


def _string_follows(arg: Any, literal: Any) -> str | None:
    """The text of the next argument when the argument is the literal itself (or a positional argument node holding
    only it) and the next one is a string literal written the same way (see ``Candidate.string_follows``)."""
    return _string_beside(arg, literal, "next_named_sibling")


def _string_beside(arg: Any, literal: Any, step: str) -> str | None:
    """The string literal argument next to ``arg`` on the side ``step`` names (a tree-sitter node attribute), comments
    skipped; None where ``arg`` is more than the literal or the neighbour is no plain positional string."""
    if arg is not literal and not (arg.type in _ARGUMENT_WRAPPERS and arg.named_child_count == 1):
        return None
    sib = getattr(arg, step)
    while sib is not None and "comment" in sib.type:
        sib = getattr(sib, step)
    if sib is None:
        return None
    if sib.type in _ARGUMENT_WRAPPERS:
        if sib.named_child_count != 1:
            return None  # a named argument (`serviceId: "chat"`): not the model's positional slot
        sib = sib.named_children[0]
    return literal_text(sib) if _is_string(sib.type) else None


def _first_positional(arg: Any, literal: Any) -> bool:
    """The argument is the literal itself (or a positional argument node holding only it) and no argument comes
    before it."""
    if arg is not literal and not (arg.type in _ARGUMENT_WRAPPERS and arg.named_child_count == 1):
        return False
    sib = arg.prev_named_sibling
    while sib is not None and "comment" in sib.type:
        sib = sib.prev_named_sibling
    return sib is None


# calls that only convert a literal to another string type (Rust's to_string / to_owned / into / String::from, Kotlin's
# toString): looked through, so the call the converted value is passed to is the literal's call
_CONVERSIONS = frozenset({"to_string", "to_owned", "into", "from", "tostring", "to_str", "as_str", "as_ref", "owned"})


_FLUENT_EQUALS = frozenset({"isequalto", "isequaltoignoringcase", "be", "beequivalentto"})
_FLUENT_STARTS = frozenset({"that", "assertthat", "expect", "verifythat"})
# also a test's equality assertion (xUnit `Assert.Equal("qwen3-embedding", generator.ModelName)`, MSTest
# `Assert.AreEqual`, JUnit `assertEquals("gpt-4o", config.getModel())`, Minitest `assert_equal "sonar", config.model`):
# the expected value is compared with the other
_EQUALS_CALLS = frozenset({"equals", "equalsignorecase", "equalfold", "eq", "eq?", "equal?", "contentequals", "equal",
                           "areequal", "assertequals", "assert_equal", "assertequal", "refute_equal",
                           # busted / luassert `assert.same("gpt-4", json.model)` (deep equality), node-tap `t.same`
                           "same",
                           # a fluent assertion's expected value (AssertJ / Truth / TUnit `assertThat(x).isEqualTo("…")`,
                           # `Assert.That(x).IsEqualTo("…")`; FluentAssertions `x.Should().Be("…")`)
                           *_FLUENT_EQUALS})
_STRING_HELPERS = frozenset({"string", "String", "strings", "Objects", "StringUtils", "str", "Str", "object", "Object",
                             "TextUtils", "Strings", "Assert", "Assertions",
                             # luassert's `assert.equals(x, "…")`, `assert.are.equal(…)`, Node's `assert.equal(…)`: the
                             # assertion module, not the value compared
                             "assert", "assert.are", "assert.is", "assert.are_not", "assert.is_not",
                             # Go testify's fatal twin of `assert` (`require.Equal(t, "gpt-4o", cfg.Model)`)
                             "require"})
# the test handle Go's testify assertions take first (`assert.Equal(t, "mistral", client.Model)`, a suite's
# `s.T()`): the testing.T the failure is reported to, never the value compared
_TEST_HANDLES = frozenset({b"t", b"tb", b"b", b"tt.t", b"s.T()", b"suite.T()"})


def _equals_subject(call: Any, literal: Any) -> str | None:
    """The name a literal is compared with by an equality call: the receiver (``model.Equals("x")``), or, when the
    receiver is the literal or a string helper (``"x".equals(model)``, ``string.Equals(model, "x")``,
    ``strings.EqualFold(model, "x")``), the other argument; for a fluent assertion, what the assertion was started on
    (``assertThat(resp.model).isEqualTo("x")``, ``resp.Model.Should().Be("x")``), else None."""
    fn = call.child_by_field_name("object") or call.child_by_field_name("function") or (
        call.named_child(0) if call.named_child_count else None)
    receiver = fn if call.child_by_field_name("object") is not None else (
        fn.named_child(0) if fn is not None and fn.named_child_count >= 2 else None)
    if (_callee(call) or "").lower() in _FLUENT_EQUALS:
        return _fluent_subject(receiver)
    if receiver is not None and not (receiver.start_byte <= literal.start_byte < receiver.end_byte) \
            and not _is_string(receiver.type) and receiver.text.decode("utf-8", "replace") not in _STRING_HELPERS:
        return _rightmost_ident(receiver)
    args = call.child_by_field_name("arguments") or next((c for c in call.children if _is_args(c.type)), None)
    if args is None:
        return None
    for i, arg in enumerate(args.named_children[:4]):
        inner = arg.named_child(0) if arg.type in ("argument", "value_argument") and arg.named_child_count else arg
        if inner is None or inner.start_byte <= literal.start_byte < inner.end_byte or _is_string(inner.type):
            continue
        if i == 0 and args.named_child_count >= 3 and inner.text in _TEST_HANDLES:
            continue
        return _rightmost_ident(inner)
    return None


def _fluent_subject(receiver: Any) -> str | None:
    """The value a fluent assertion chain starts from: the argument of its ``assertThat`` / ``Assert.That`` /
    ``expect``, or the receiver of its ``Should()``; None when the receiver is no such call."""
    if receiver is None or not receiver.type.endswith(("call", "invocation", "invocation_expression",
                                                       "call_expression", "method_invocation")):
        return None
    start = (_callee(receiver) or "").lower()
    if start in _FLUENT_STARTS:
        args = receiver.child_by_field_name("arguments") or next(
            (c for c in receiver.children if _is_args(c.type)), None)
        first = args.named_children[0] if args is not None and args.named_child_count == 1 else None
        if first is not None and first.type in ("argument", "value_argument") and first.named_child_count:
            first = first.named_child(0)
        return None if first is None or _is_string(first.type) else _rightmost_ident(first)
    if start == "should":
        fn = receiver.child_by_field_name("object") or receiver.child_by_field_name("function") or (
            receiver.named_child(0) if receiver.named_child_count else None)
        inner = fn if receiver.child_by_field_name("object") is not None else (
            fn.named_child(0) if fn is not None and fn.named_child_count >= 2 else None)
        return _rightmost_ident(inner) if inner is not None and not _is_string(inner.type) else None
    return None


def _owner_name(node: Any) -> str | None:
    """The declared name of an owning declaration (a class, function or method node): its ``name`` field, else its
    first identifier child."""
    name_node = node.child_by_field_name("name")
    if name_node is None:
        name_node = next((c for c in node.named_children if c.type in _IDENT_TYPES), None)
    return name_node.text.decode("utf-8", "replace") if name_node is not None else None


def _enclosing_type(node: Any) -> str | None:
    """The name of the nearest type declaration (``_OWNER_TYPES``) around ``node``, at most 40 levels up."""
    up = node.parent
    for _ in range(40):
        if up is None:
            return None
        if up.type in _OWNER_TYPES:
            return _owner_name(up)
        up = up.parent
    return None


def _outer_owner(node: Any) -> str | None:
    """The name of the type an owning type is declared directly in (its parent is the outer type's body: C#'s
    ``declaration_list``, Java's ``class_body``): ``Models`` for ``class Models { class Local { … } }``. None for a
    top-level type, or one declared inside a method."""
    parent = node.parent
    if parent is None or parent.type not in _TYPE_BODIES:
        return None
    outer = parent.parent
    return _owner_name(outer) if outer is not None and outer.type in _OWNER_TYPES else None


# the body node a nested type's declaration sits in, per grammar (C#, Java / Kotlin, Swift, Scala, Python)
_TYPE_BODIES = frozenset({"declaration_list", "class_body", "enum_class_body", "template_body", "block",
                          "enum_body", "protocol_body", "interface_body"})


def _content_start(node: Any) -> Any:
    if node.type == "hash_key_symbol":
        return node.start_point
    if node.type == "simple_symbol":
        return (node.start_point[0], node.start_point[1] + 1)  # past `:`
    if node.type == "raw_string_literal" and (raw := _swift_raw_text(node)) is not None:
        return (node.start_point[0], node.start_point[1] + raw[1])  # past `#"` (ASCII: bytes are characters)
    for child in node.children:
        if child.type in _CONTENT_TYPES:
            return child.start_point
        if _is_string(child.type):
            return _content_start(child)
    row, col = node.start_point
    text = node.text
    skip = 0
    while skip < len(text) and skip < 3 and text[skip:skip + 1] in (b'"', b"'", b"`", b"@", b"$", b"r", b"b"):
        skip += 1
    return (row, col + skip)


@cache
def _string_query(language: Any) -> Any:
    import tree_sitter

    types = _string_types(language)
    return tree_sitter.Query(language, "[" + " ".join(f"({t})" for t in types) + "] @s") if types else None


# How deep in the syntax tree a literal may sit and still have its context read. Each step up from a literal
# (tree-sitter's ts_node_parent) descends again from the root, so reading a literal's context costs in proportion to its
# depth: a C# `??` chain 3,000 long (a right-nested tree) spent 2-3 ms per literal, over 2 s for the file, and an
# ordinary call after it was never reached. Ordinary code holds its literals a few dozen levels down.
MAX_CONTEXT_DEPTH = 256
_DEPTH_CHECK_FROM = 64  # literals in a file before the depth is looked at (a few deep ones cost little)


def _string_nodes(tree: Any, language: Any) -> tuple[list[Any], set[int]]:
    """Every string node, found by a compiled tree-sitter query (natively, not by a Python walk), and the ids of
    those deeper than ``MAX_CONTEXT_DEPTH`` (the same query, natively bounded in depth, does not find them)."""
    import tree_sitter

    query = _string_query(language)
    if query is None:
        return [], set()
    nodes = list(tree_sitter.QueryCursor(query).captures(tree.root_node).get("s", []))
    nodes.sort(key=lambda n: n.start_byte)  # document order, so a cap keeps the first literals, as it says
    deep: set[int] = set()
    if len(nodes) >= _DEPTH_CHECK_FROM:
        bounded = tree_sitter.QueryCursor(query)
        bounded.set_max_start_depth(MAX_CONTEXT_DEPTH)
        shallow = {n.id for n in bounded.captures(tree.root_node).get("s", [])}
        if len(shallow) < len(nodes):
            deep = {n.id for n in nodes if n.id not in shallow}
    return nodes, deep


# A literal in a Rust attribute names a Cargo feature (`#[cfg(feature = "llama_cpp")]`, any `cfg` / `cfg_attr`
# predicate) or, in a `serde` attribute, the serialised name of a field, of the container's tag (`tag = "type"`) or of
# a variant that carries data (`#[serde(rename = "mistral_fim")] MistralFIM(MistralFIM)`: a backend's config type in
# an internally tagged enum): identifiers of the program, not models, whatever family word they reuse. A serde name on
# a UNIT variant is kept: an enum of models spells the model's id there (`#[serde(rename = "gpt-4o")] Gpt4o`). Other
# attributes are kept too (clap `#[arg(default_value = "llama3")]` is a model default).
_RUST_CFG_ATTRIBUTES = frozenset({"cfg", "cfg_attr"})
_RUST_SERDE_ATTRIBUTES = frozenset({"serde", "serde_as"})
_RUST_ATTRIBUTE_ITEMS = ("attribute_item", "inner_attribute_item")
_RUST_ATTRIBUTE_DEPTH = 6  # token trees between a literal and its attribute (cfg_attr(…, serde(…)) is two)


def _rust_attribute_name(node: Any, memo: dict[int, bool] | None = None) -> bool:
    """The literal (whose parent is a token tree) is an identifier inside a Rust attribute: a Cargo feature, a
    ``cfg`` predicate or a serde name of something other than a unit enum variant (see ``_RUST_CFG_ATTRIBUTES``).
    ``memo``: one file's ``_unit_variant`` answers, by attribute item."""
    tree = node.parent
    key = node.prev_sibling
    if key is not None and key.type == "=":
        key = key.prev_sibling
    feature = key is not None and key.type == "identifier" and key.text == b"feature"
    inner: str | None = None  # the innermost attribute-like name the literal is an argument of
    for _ in range(_RUST_ATTRIBUTE_DEPTH):
        if tree is None or tree.type != "token_tree":
            return False
        up = tree.parent
        if up is not None and up.type == "attribute":
            head = up.named_children[0] if up.named_child_count else None
            name = head.text.decode("utf-8", "replace") if head is not None and head.type == "identifier" else ""
            item = up.parent
            if item is None or item.type not in _RUST_ATTRIBUTE_ITEMS:
                return False
            inner = inner or name
            if feature or inner in _RUST_CFG_ATTRIBUTES:
                return True
            if inner in _RUST_SERDE_ATTRIBUTES:
                return not _unit_variant(item, memo)
            return False
        if inner is None:
            before = tree.prev_sibling
            if before is not None and before.type == "identifier":
                inner = before.text.decode("utf-8", "replace")  # cfg_attr(feature = "x", serde(rename = "y"))
        tree = up
    return False


def _unit_variant(attribute_item: Any, memo: dict[int, bool] | None = None) -> bool:
    """The item an outer attribute decorates is an enum variant without fields (``Gpt4o,``). ``memo`` keeps the
    answer for every attribute item of the walked run, so a stack of n attributes costs O(n), not O(n^2) (5,000
    stacked ``#[serde(alias = ...)]`` lines ran past the file's budget: redteam27's s23b probe)."""
    if memo is not None and attribute_item.id in memo:
        return memo[attribute_item.id]
    seen = [attribute_item.id]
    nxt = attribute_item.next_named_sibling
    while nxt is not None and nxt.type in ("attribute_item", "line_comment", "block_comment"):
        if memo is not None and nxt.id in memo:
            answer = memo[nxt.id]
            break
        seen.append(nxt.id)
        nxt = nxt.next_named_sibling
    else:
        answer = nxt is not None and nxt.type == "enum_variant" and nxt.child_by_field_name("body") is None
    if memo is not None:
        memo.update(dict.fromkeys(seen, answer))
    return answer


# a Rust attribute that makes the item after it test code: `#[cfg(test)]` on a module, `#[test]`, `#[tokio::test]`,
# `#[rstest]`, `#[test_case(…)]` on a function (doc.rust-lang.org/book/ch11-03-test-organization.html, as_of
# 2026-12-06)
_RUST_TEST_ATTRIBUTE = re.compile(rb"#\[\s*(?:cfg\s*\(\s*test\s*\)|(?:\w+::)*(?:test|rstest|test_case)\s*(?:\]|\())")
_RUST_TEST_ITEMS = frozenset({"mod_item", "function_item"})
_RUST_SKIPPED = frozenset({"attribute_item", "line_comment", "block_comment"})
MAX_TEST_ATTRIBUTES = 4096  # attribute items looked at per file


@cache
def _attribute_query(language: Any) -> Any:
    import tree_sitter

    return tree_sitter.Query(language, "(attribute_item) @a")


def rust_test_rows(tree: Any, language: Any) -> list[tuple[int, int]]:
    """The rows (0-based, first and last) of each Rust module or function its attributes mark as test code
    (``_RUST_TEST_ATTRIBUTE``), outermost first: a test written in the same file as the code it tests, as Rust's
    unit tests are, is a test as a ``tests/`` file is."""
    import tree_sitter

    spans: list[tuple[int, int]] = []
    attributes = tree_sitter.QueryCursor(_attribute_query(language)).captures(tree.root_node).get("a", [])
    for attr in list(attributes)[:MAX_TEST_ATTRIBUTES]:
        if attr.text is None or not _RUST_TEST_ATTRIBUTE.match(attr.text):
            continue
        item = attr.next_named_sibling
        while item is not None and item.type in _RUST_SKIPPED:
            item = item.next_named_sibling
        if item is None or item.type not in _RUST_TEST_ITEMS:
            continue
        if any(a <= item.start_point[0] and item.end_point[0] <= b for a, b in spans):
            continue  # inside a test module already
        spans.append((item.start_point[0], item.end_point[0]))
    return spans


# a literal that is itself one JSON-encoded string (a Go test's `input: []byte(`"gpt-3.5-turbo"`)` fed to a model
# type's UnmarshalJSON, `json.loads('"gpt-4o"')`, `"\"gpt-4o\""`): the value it encodes is read, quotes off, as the
# same literal without them would be. One token, no quote, space or backslash inside, so a quoted sentence or a JSON
# document is not one
_JSON_SCALAR = re.compile(r'(\\?)"[^"\\\s]{1,200}\1"')
# a literal that is one SQL string literal (pgrx's `transformer: default!(&str, "'org/name'")`, the SQL expression a
# function's parameter defaults to; a query fragment `"'gpt-4o'"`): its value is the text inside the SQL quotes
SQL_SCALAR = re.compile(r"'([^'\\\s]{1,200})'")


def extract(tree: Any, data: bytes, language: Any, keep: Callable[[str], bool] | None = None,
            capped: list[int] | None = None, declared: list[Candidate] | None = None,
            unread: list[int] | None = None, too_deep: list[int] | None = None) -> Iterator[Candidate]:
    """Every string literal of ``tree`` with its context (see ``Candidate``).

    ``keep`` is a cheap test on the literal's value: a literal it rejects (a sentence, a number) is
    dropped before its context is computed. When a file has more than ``MAX_CANDIDATES`` literals the
    rest are not analysed and the number analysed is appended to ``capped``. ``declared``: a list to collect the
    literals that are the whole value of a name other files can use (a package-level Go constant, a class's
    field), at most ``MAX_NAMED``, for the cross-file pass (``polyglot``, ``links``). ``unread``: a list to collect
    the lines of the literals over ``MAX_LITERAL`` that hold a model setting (``LONG_MODEL_SETTING``) none of whose
    values was read, so that the caller can say so. ``too_deep``: a list to collect the lines of the literals nested
    deeper than ``MAX_CONTEXT_DEPTH``, which are not read (their context costs in proportion to their depth).
    """
    types = set(_string_types(language))
    rows: list[bytes] | None = None

    def line_of(row: int) -> str:
        nonlocal rows
        if rows is None:
            rows = data.split(b"\n")
        return rows[row].decode("utf-8", "replace") if row < len(rows) else ""

    columns = CharColumns(line_of)
    count = 0
    nodes, deep = _string_nodes(tree, language)
    named: dict[str, list[Candidate]] = {}  # declared name -> the literal(s) it is declared with (``const_uses``)
    pattern_names = _pattern_names(nodes)
    unit_memo: dict[int, bool] = {}  # _unit_variant's answers for this file's Rust attribute items
    joined: dict[int, bool] = {}  # whether each C / C++ concatenated_string (by node id) is read whole: asked once,
    # not once per part (100,000 adjacent literals were 10^10 steps)

    def read_whole(concat: Any) -> bool:
        if (whole := joined.get(concat.id)) is None:
            whole = joined[concat.id] = literal_text(concat) is not None
        return whole

    for node in nodes:
        if deep and node.id in deep:  # first: even `node.parent` costs in proportion to the depth (tree-sitter walks
            # down from the root), so 50,000 or-pattern alternatives 50,000 levels deep were 10^9 steps before a check
            if too_deep is not None:
                too_deep.append(node.start_point[0] + 1)
            continue
        if node.type == "simple_symbol" and not _constant_symbol(node):
            continue
        parent = node.parent
        if parent is not None and parent.type in types \
                and (parent.type != "concatenated_string" or read_whole(parent)):
            continue  # a part of a literal read whole (a joined C++ literal with a macro inside is read part by part)
        if node.type == "concatenated_string" and not read_whole(node):
            continue  # its parts are read one by one
        if pattern_names is not None and _names_a_pattern(node, pattern_names):
            continue
        if parent is not None and parent.type == "then" and _regex_bucket(node):
            continue
        if parent is not None and parent.type == "token_tree" and _rust_attribute_name(node, unit_memo):
            continue
        if parent is not None and parent.type == "block" and _terraform_label(parent):
            continue
        count += 1
        if count > MAX_CANDIDATES:
            if capped is not None:
                capped.append(count - 1)
            return
        size = node.end_byte - node.start_byte
        if size > MAX_LITERAL + 8:
            # a budget step per KiB read: literals nest (Kotlin's """${ """${ …}""" }"""), each holding the rest, so
            # 5,000 of them read 150 MB here with no step between them (13 s of CPU on a 2 s budget)
            budget().tick(1 + size // 1024)
            if size <= _MAX_TAG and parent is not None and parent.type == "field_declaration" \
                    and _is_tag(parent, node):
                # a Go struct field's tag with a long usage text before its default (`help:"…" default:"gpt-4o"`):
                # the tag is a list of settings, not text, so its default is read as a shorter tag's is (below)
                yield from _tag_defaults(node, parent, columns)
                continue
        if b"=>" in node.text and b"'" in node.text:
            yield from sql_named_args(node, columns)  # `SELECT f(model => 'gpt-4o')`: SQL's named notation
        if size > MAX_LITERAL + 8 or (size > 40 and b"\n" in node.text):
            pairs = 0
            if size <= MAX_EMBEDDED_TEXT and b"odel" in node.text:
                for pair in _embedded_pairs(node, columns):
                    pairs += 1
                    yield pair
            if size > MAX_LITERAL + 8:
                if unread is not None and not pairs and long_model_setting(node.text):
                    unread.append(node.start_point[0] + 1)
                continue
        if (b"odel" in node.text or b"ODEL" in node.text) and b"=" in node.text:
            yield from _form_pairs(node, columns)  # also an env line a test writes (`"MODEL_AGENT_NAME=doubao-…"`)
        if b"/model" in node.text or b"/MODEL" in node.text or b"/Model" in node.text:
            yield from _named_values(node, columns, SLASH_MODEL)  # a chat command: "/model gpt-4o"
        if b"?" in node.text and b"=" in node.text:
            yield from _role_pairs(node, columns)  # "openai?chat=gpt-4o": a provider's model string, per kind  # "model=whisper-1&language=en": a form body or a query string
        if (b"odel" in node.text or b"ODEL" in node.text) and (b" =" in node.text or b"= " in node.text):
            yield from _code_assignments(node, columns)  # 'config.ai_model = "gpt-4o"': code held in a string
        if b"\\n" in node.text:
            yield from _escaped_lines(node, columns)  # "OpenAI\ngpt-4o\nn\n": lines written with escapes
            if b": " in node.text and (b"odel" in node.text or b"ODEL" in node.text):
                yield from _escaped_yaml(node, columns)  # "providers:\n  - models: [gpt-4o]\n": YAML on one line
        if parent is not None and parent.type == "field_declaration" and _is_tag(parent, node):
            yield from _tag_defaults(node, parent, columns)  # a Go struct field's tag
            continue
        value = literal_text(node)
        scalar = _JSON_SCALAR.fullmatch(value) if value is not None else None
        quoted = scalar is not None
        if scalar is not None:
            cut = 1 + len(scalar.group(1))
            value = scalar.string[cut:-cut]
        elif value is not None and value[:1] == "'" and (sql_scalar := SQL_SCALAR.fullmatch(value)) is not None:
            value = sql_scalar.group(1)
            quoted = True
        if not value or len(value) > MAX_LITERAL or (keep is not None and not keep(value)):
            continue
        ctx = _context(node)
        if ctx is None:
            continue
        row, col = _content_start(node)
        char_col = columns.char_col(row, col)
        if quoted:  # past the encoded string's own quote, written bare (a raw literal) or escaped
            at = line_of(row)[char_col:char_col + 2]
            char_col += 2 if at == '\\"' else 1 if at[:1] in ('"', "'") else 0
        cand = Candidate(value, row + 1, char_col + 1, ctx.bindings, ctx.call,
                         ctx.call_before_binding, ctx.container, ctx.switch_on, ctx.compared_to, ctx.prefix_check,
                         ctx.is_key, ctx.owner, ctx.prefix_call, ctx.group, clause=ctx.clause,
                         case_label=ctx.case_label, outer_owner=ctx.outer_owner, keyed_class=ctx.keyed_class,
                         record=ctx.record, record_field=ctx.record_field, dir_var=ctx.dir_var,
                         string_follows=ctx.string_follows, first_argument=ctx.first_argument,
                         string_before=ctx.string_before)
        if _declares(node, cand) and len(named) < MAX_NAMED:
            named.setdefault(cand.bindings[0], []).append(cand)
            if declared is not None and len(declared) < MAX_NAMED and _member_level(node):
                declared.append(cand)
        yield cand
    if named:
        yield from const_uses(tree, data, named, keep)


# Terraform's declaring blocks, whose labels are identifiers: the resource or data source type and the local name it
# is referred to by (`resource "azurerm_cognitive_deployment" "gpt-4o" {`), a variable's, output's, module's or
# provider's name (developer.hashicorp.com/terraform/language/syntax/configuration, as_of 2026-12-07). A label that
# spells a model names the block in the configuration, never a value sent anywhere: the model is the block's
# attribute (`model { name = … }`, `var.model_name`). Other HCL dialects' blocks (`model "gpt-4o" { … }` in an app's
# own config) keep their labels
_TERRAFORM_BLOCKS = frozenset({b"resource", b"data", b"module", b"variable", b"output", b"provider", b"ephemeral"})


def _terraform_label(block: Any) -> bool:
    """A string literal directly under an HCL ``block`` is one of its labels; whether the block is Terraform's."""
    first = block.child(0) if block.child_count else None
    return first is not None and first.type == "identifier" and first.text in _TERRAFORM_BLOCKS


MAX_NAMED = 512  # declared names per file whose uses are looked up

# a model setting written as code, a DSN, a form body or a command line (`model=gpt-4o`, `--model=x`, `MODEL_ID='x'`)
# or as a JSON key (`"model": "x"`, `\"model\":\"x\"`): in a literal over MAX_LITERAL its value is not read (the
# JSON one only past MAX_EMBEDDED_TEXT), and the scan says so. The value is one token ended by a quote, a separator or
# the end (`model = ChatOpenAI.new!(…)` in a docstring's example is code, no setting). The search starts at the model
# word, its pieces bounded
LONG_MODEL_SETTING = re.compile(rb"(?:[mM]odel|MODEL)\w{0,40}(?:[ \t]{0,4}=|\\?[\"'][ \t]{0,4}:)[ \t]{0,4}\\?[\"']?"
                                rb"[A-Za-z0-9][\w.:/@-]{0,120}(?=[\s,;&\"'\\)\]}]|$)")


def long_model_setting(text: bytes) -> bool:
    return (b"odel" in text or b"ODEL" in text) and LONG_MODEL_SETTING.search(text) is not None
MAX_USES = 4096  # uses of those names looked at per file
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{2,80}")
# a word not preceded by a member access (`obj.NAME` is another object's field); bounded, so linear on any input
_WORD = re.compile(rb"(?<![\w$.])[A-Za-z_][A-Za-z0-9_]{2,80}(?![\w$])")


def _declares(node: Any, cand: Candidate) -> bool:
    """The literal is the whole value a name is declared with (``const LAGUNA_M1: &str = "poolside/laguna-m.1"``,
    ``static final String GPT4 = "gpt-4"``, Go ``A = "x"`` in a const block): nothing between the literal and
    its declaration but an expression list."""
    if not cand.bindings or cand.call or cand.container or cand.is_key or cand.switch_on or cand.compared_to:
        return False
    if not _NAME.fullmatch(cand.bindings[0]):
        return False
    parent = node.parent
    if parent is not None and parent.type in ("expression_list", "equals_value_clause", "literal_value"):
        parent = parent.parent
    return parent is not None and _is_binding(parent.type) and "argument" not in parent.type \
        and "pair" not in parent.type and "keyed" not in parent.type


# where a declaration stops being visible to other files: inside a function, method, lambda or statement block
_LOCAL_SCOPES = frozenset({
    "block", "function_body", "statements", "statement_list", "compound_statement", "constructor_body",
    "function_declaration", "method_declaration", "constructor_declaration", "func_literal", "lambda_expression",
    "lambda_literal", "anonymous_function", "local_declaration_statement", "local_variable_declaration",
    "short_var_declaration", "accessor_declaration", "local_function_statement", "init_declaration",
})
# where a declaration is a package's or a type's member
_MEMBER_SCOPES = frozenset({
    "source_file", "compilation_unit", "program", "class_body", "declaration_list", "enum_body", "interface_body",
    "enum_class_body", "object_declaration", "companion_object", "file_scoped_namespace_declaration",
})


def _member_level(node: Any) -> bool:
    """A declaration other files can name: a package-level constant or variable (Go), a type's field or a
    top-level property (Java, Kotlin, C#); not a local inside a function."""
    parent = node.parent
    for _ in range(MAX_UP):
        if parent is None:
            return False
        if parent.type in _LOCAL_SCOPES:
            return False
        if parent.type in _MEMBER_SCOPES:
            return True
        parent = parent.parent
    return False


# a model-named word followed by a name, as a model setting is written in code (`Model: param.DeepseekR1`,
# `.modelName(ModelNames.QWEN_MAX)`, `model = DefaultModel`, `WithModel(openai.GPT4o)`): where a constant defined in
# another file can be passed as a model. Matched only where a model word starts (found with bytes.find on the
# lowered text, which is far faster than a case-insensitive regex search); bounded quantifiers, so linear
_USE_WORDS = (b"model", b"llm", b"embed", b"rerank", b"engine", b"deploy")
_USE_HEAD = rb"(?i:model|llm|embed|rerank|engine|deploy)\w{0,40}[\"'\]]{0,2}[ \t]{0,4}(:=|==|=>|[:=(])[ \t]{0,4}&?"
_USE_NAME = rb"([A-Z][A-Za-z0-9_]{1,80})(?![\w$(.{<\[])"
_MODEL_USE = re.compile(_USE_HEAD + rb"((?:[A-Za-z_]\w{0,60}\.){0,2})" + _USE_NAME)
# the same with a qualifier (`ModelNames.QWEN_MAX`): Java, Kotlin and C# name another type's constant so (an
# unqualified name there is a type, `model: String`, or the type's own member)
_QUALIFIED_MODEL_USE = re.compile(_USE_HEAD + rb"((?:[A-Za-z_]\w{0,60}\.){1,2})" + _USE_NAME)
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _use_matches(data: bytes, qualified: bool) -> Iterator[tuple[int, re.Match[bytes]]]:
    """``(start of the key word, match)`` for each place a name follows a model word, in no particular order, each
    name once; a match ends at the name, so the scan is linear in the file."""
    rx = _QUALIFIED_MODEL_USE if qualified else _MODEL_USE
    low = data.lower()
    seen: set[int] = set()
    for word in _USE_WORDS:
        i = low.find(word)
        while i >= 0:
            m = rx.match(data, i)
            if m is not None and m.start(3) not in seen:
                seen.add(m.start(3))
                key = i
                while key > 0 and i - key < 40 and data[key - 1] in _WORD_BYTES:
                    key -= 1
                yield key, m
            i = low.find(word, i + 1)


def has_model_use(data: bytes, qualified: bool = False) -> bool:
    """Cheap byte-level test: could a name be passed as a model here (``_MODEL_USE``; ``qualified``: only a
    qualified name, ``_QUALIFIED_MODEL_USE``)?"""
    return next(_use_matches(data, qualified), None) is not None


def model_uses(data: bytes, tick: Callable[[], object],
               qualified: bool = False) -> Iterator[tuple[str | None, Candidate]]:
    """Names written where a model is set (``_MODEL_USE``), each with its qualifier (``param`` in
    ``param.DeepseekR1``, ``ModelNames`` in ``ModelNames.QWEN_MAX``; None when unqualified) and the place as a
    ``Candidate`` whose ``value`` is the name: bound to the model-named key (``Model:``, ``model =``), passed to the
    model-named call (``.modelName(``) or compared with the model-named name (``model ==``). Read from the bytes
    alone, so a file that only uses constants is never parsed. Bounded: one linear regex pass, at most
    ``MAX_USES`` places, each a ``tick`` (a budget step)."""
    found: list[tuple[int, int, re.Match[bytes]]] = []
    for key_start, m in _use_matches(data, qualified):
        tick()
        found.append((m.start(3), key_start, m))
        if len(found) >= MAX_USES:
            break
    found.sort(key=lambda x: x[0])
    line, last = 1, 0
    for start, key_start, m in found:
        line += data.count(b"\n", last, start)
        last = start
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        key = data[key_start:m.end(1) - len(m.group(1))].decode("ascii", "replace")
        key = key.rstrip("\"'] \t")
        op = m.group(1)
        quals = m.group(2).decode("ascii", "replace").rstrip(".").split(".") if m.group(2) else []
        name = m.group(3).decode("ascii", "replace")
        if op == b"(":
            ctx = Candidate(name, line, column, call=key, call_before_binding=True)
        elif op == b"==":
            ctx = Candidate(name, line, column, compared_to=key)
        else:
            ctx = Candidate(name, line, column, (key,))
        yield (quals[-1] if quals else None), ctx


_FEW_NAMES = 64  # up to this many declared names, each is searched for with bytes.find instead of a pass over every word
_NAME_SHAPE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{2,80}")
_BEFORE_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.")
_AFTER_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")


def _word_uses(data: bytes, single: dict[str, Candidate]) -> Iterator[tuple[int, int, Candidate]]:
    """The words of ``data`` (``_WORD``'s matches) that are keys of ``single``, in file order, with their byte span.

    With a few names, each is found with ``bytes.find`` (a C scan) and its boundaries checked as ``_WORD``'s
    lookarounds do, instead of a Python step for every word of the file; the same matches, in the same order."""
    if len(single) > _FEW_NAMES:
        for m in _WORD.finditer(data):  # one linear pass over the file's words, a dict lookup each
            lit = single.get(m.group(0).decode("ascii", "replace"))
            if lit is not None:
                yield m.start(), m.end(), lit
        return
    hits: list[tuple[int, int, Candidate]] = []
    size = len(data)
    for name, lit in single.items():
        if not name.isascii() or _NAME_SHAPE.fullmatch(name) is None:
            continue  # never one of _WORD's matches
        word = name.encode("ascii")
        kept = 0
        at = data.find(word)
        while at >= 0 and kept <= MAX_USES:  # more of one name than the loop below ever looks at: the rest can wait
            end = at + len(word)
            if (at == 0 or data[at - 1] not in _BEFORE_WORD) and (end == size or data[end] not in _AFTER_WORD):
                hits.append((at, end, lit))
                kept += 1
            at = data.find(word, end)
    hits.sort(key=lambda h: h[0])
    yield from hits


def const_uses(tree: Any, data: bytes, named: dict[str, list[Candidate]],
               keep: Callable[[str], bool] | None = None) -> Iterator[Candidate]:
    """Same-file value flow for the tree-sitter languages: each use of a name declared with one literal, in a
    context of its own (``pub const DEFAULT_MODEL: &str = LAGUNA_S_2_1``, ``SUPPORTED_MODELS = &[LAGUNA_M1,
    LAGUNA_XS2]``, ``.model(DEFAULT)``), gives that literal the use's context: a candidate at the literal with
    ``via`` set. Names declared more than once with different values are ambiguous and skipped. Bounded: at most
    ``MAX_NAMED`` names, one regex pass over the file, ``MAX_USES`` uses, each a tree lookup and a ``_context``
    walk of ``MAX_UP`` ancestors; each use is a budget step (``keep``)."""
    single = {name: cands[0] for name, cands in named.items() if len({c.value for c in cands}) == 1}
    if not single:
        return
    root = tree.root_node
    seen = 0
    for start, end, lit in _word_uses(data, single):
        name = lit.bindings[0]
        seen += 1
        if seen > MAX_USES:
            return
        if keep is not None and not keep(lit.value):
            continue
        node = root.descendant_for_byte_range(start, end)
        if node is None or node.type not in _IDENT_TYPES or node.start_byte != start or node.end_byte != end:
            continue  # inside a string or a comment, or part of a longer token
        row = node.start_point[0] + 1
        if row == lit.line:
            continue  # the declaration itself
        ctx = _context(node)
        if ctx is None or ctx.is_key or not (ctx.bindings or ctx.call or ctx.container or ctx.switch_on
                                             or ctx.compared_to):
            continue
        if ctx.bindings and ctx.bindings[0] == name:
            continue
        yield Candidate(lit.value, lit.line, lit.column, ctx.bindings, ctx.call, ctx.call_before_binding,
                        ctx.container, ctx.switch_on, ctx.compared_to, ctx.prefix_check, False, None,
                        ctx.prefix_call, ctx.group, via=name, clause=ctx.clause, case_label=ctx.case_label)


def _regex_valued_key(node: Any) -> bool:
    """A Ruby symbol key whose value is a regex (``gpt41_mini: /^gpt-4\\.1-mini/``): the key names a pattern."""
    parent = node.parent
    if node.type != "hash_key_symbol" or parent is None or parent.type != "pair":
        return False
    value = parent.child_by_field_name("value")
    return value is not None and value.type == "regex"


def _pattern_names(nodes: list[Any]) -> frozenset[str] | None:
    """The names a file gives its regex patterns as hash keys (``MODEL_PATTERNS = { gpt41_mini: /^gpt-4\\.1-mini/,
    o1: /^o1(?!-mini)/ }``): family buckets a capability table keys its prices and limits by, not models; None
    when the file has none (the common case, checked without a second walk of the tree)."""
    names = {n.text.decode("utf-8", "replace") for n in nodes if n.type == "hash_key_symbol" and _regex_valued_key(n)}
    return frozenset(names) if names else None


def _names_a_pattern(node: Any, pattern_names: frozenset[str]) -> bool:
    """A literal that names one of the file's regex patterns, wherever it stands (the pattern table's own key, a
    price table's ``o1:`` key, ``when 'o1'`` on the family the pattern matched)."""
    if _regex_valued_key(node):
        return True
    value = literal_text(node)
    return value is not None and value in pattern_names


def _regex_bucket(node: Any) -> bool:
    """A literal that is the whole result of a ``when /regex/ then '<name>'`` clause (Ruby's
    ``case model_id when /mistral-large/ then 'mistral-large'``): the name of the family the regex matched."""
    then = node.parent
    if then is None or then.type != "then" or then.named_child_count != 1:
        return False
    clause = then.parent
    if clause is None or clause.type != "when":
        return False
    patterns = [c for c in clause.named_children if c.type == "pattern"]
    return bool(patterns) and all(p.named_child_count == 1 and p.named_children[0].type == "regex" for p in patterns)


MAX_EMBEDDED_TEXT = 256 * 1024  # a multi-line literal read for the JSON it holds, at most
_MAX_EMBEDDED = 256  # pairs taken from one literal
# JSON held in a multi-line literal (a Rust r#"…"#, a Go back-quoted string, a Java text block, a Kotlin raw string: a
# recorded API reply or request in a test): `"model": "deepseek-chat"`, also with escaped quotes in a long one-line
# literal (a C#/Java SSE chunk `"data: {\"model\":\"deepseek-reasoner\"}"`), or with the doubled quotes of a C#
# verbatim literal (@"{ ""model"": ""all-minilm"" }"), and an OpenAI model listing's
# `{"id": "x", "object": "model"}` (a Scala `stripMargin` literal's `|` margin may start the line between the two);
# bounded quantifiers and no nested repetition, so linear on any input
_EMBEDDED_JSON = re.compile(
    rb'(?:\\|")?"(\w{0,40}(?:model|Model|MODEL)\w{0,40})(?:\\|")?"[ \t]{0,8}:[ \t]{0,8}(?:\\|")?"([^"\\\s]{1,200})'
    rb'(?:\\|")?"|'
    rb'"id"[ \t]{0,8}:[ \t]{0,8}"([^"\\\s]{1,200})"[ \t]{0,8},[ \t\r\n|]{0,40}"object"[ \t]{0,8}:[ \t]{0,8}"model"')


_EMBEDDED_SQ_JSON = re.compile(rb"'(\w{0,40}(?:model|Model|MODEL)\w{0,40})'[ \t]{0,8}:[ \t]{0,8}'([^'\\\s]{1,200})'")


# YAML held in a multi-line literal (a test's config text: `models:` then `- "gpt-4"` items, or `model: gpt-4o`): a
# model-named key with a scalar, or the list items right under one; one line at a time, bounded, so linear. A value
# that is an environment placeholder with a default (`model: "${MODEL:-gpt-4o}"`, mcphost's `${env://MODEL:-…}`)
# holds that default, as config_files reads the same line in a file (group 4)
_YAML_MODEL_KEY = re.compile(rb"^([ \t]{0,40})(?:- )?([\w-]{0,40}(?:model|Model|MODEL)[\w-]{0,40}):[ \t]{0,8}"
                             rb"(?:[\"']?(?:([^\"'\s#{}\[\],]{1,200})|\$\{(?:env:(?://)?)?[A-Za-z_][\w.]{0,80}:?[-=]"
                             rb"([^\"'\s#{}\[\],$]{1,200})\})[\"']?)?[ \t]{0,8}(?:#.{0,200})?\r?$")
_YAML_ITEM = re.compile(rb"^([ \t]{0,80})- [ \t]{0,8}[\"']?([^\"'\s#{}\[\],:]{1,200})[\"']?[ \t]{0,8}\r?$")
# a catalog entry under a model-named list key (`models:` then `- id: mistral-large-latest`)
_YAML_ID_ITEM = re.compile(rb"^([ \t]{0,80})- [ \t]{0,8}(?:id|model_id|model):[ \t]{0,8}[\"']?([^\"'\s#{}\[\],]{1,200})[\"']?"
                           rb"[ \t]{0,8}(?:#.{0,200})?\r?$")


# a model-named key with a flow sequence (`models: [gpt-4o, "claude-sonnet-4-6"]`): the same list as the block form
_YAML_FLOW_KEY = re.compile(rb"^([ \t]{0,40})(?:- )?([\w-]{0,40}(?:model|Model|MODEL)[\w-]{0,40}):[ \t]{0,8}\[([^\]\[\n{}#]{1,400})\]"
                            rb"[ \t]{0,8}(?:#.{0,200})?\r?$")
_FLOW_ITEM = re.compile(rb"[ \t]{0,8}(?:\\?[\"'])?([^\"'\s,\\]{1,200})(?:\\?[\"'])?[ \t]{0,8}(?:,|$)")
# any key's scalar (`  name: "doubao-seed-1-6-250615"`), for a section under a model-named key (`nested`)
_YAML_SCALAR = re.compile(rb"^([ \t]{1,80})(name|id):[ \t]{1,8}[\"']?([^\"'\s#{}\[\],]{1,200})[\"']?[ \t]{0,8}\r?$")


def yaml_model_pairs(lines: Iterable[bytes], nested: bool = False,
                     scalars: bool = True) -> Iterator[tuple[int, int, bytes, bytes]]:
    """The model values of YAML text held in a multi-line literal, one line at a time: a model-named key with a
    scalar (``model: gpt-4o``) or a flow list (``models: [gpt-4o]``), or the list items right under one (``models:``
    then ``- "gpt-4"``, or a catalog's ``- id: gpt-4o``). With ``nested``, also a ``name:`` / ``id:`` scalar deeper
    in a model-named section (``model:`` / ``agent:`` / ``name: doubao-…``), its key name the section's and the
    leaf's joined by a dot (``model.name``: no model-named binding, so only a value the knowledge base knows counts).
    ``scalars=False`` leaves out a model-named key's own scalar (a reader that has its own for those).
    Yields (line index, byte offset in that line, value, key name); at most _MAX_EMBEDDED pairs and 4096 lines,
    each line matched by bounded patterns, so linear on any input."""
    under: tuple[int, str] | None = None  # the indent and name of a model-named key with no value on its line
    section: tuple[int, bytes] | None = None  # the same, kept while deeper lines follow (``nested``)
    entry = -1  # the indent of the `- id:` catalog entry being read: its deeper lines (display_name: …) are its own
    found = 0
    for i, line in enumerate(islice(lines, 4096)):
        if section is not None and line.strip() and len(line) - len(line.lstrip(b" \t")) <= section[0]:
            section = None
        flow = _YAML_FLOW_KEY.match(line)
        if flow is not None:
            under, entry = None, -1
            pos, end = flow.start(3), flow.end(3)
            while pos < end and found < _MAX_EMBEDDED:
                item = _FLOW_ITEM.match(line, pos, end)
                if item is None:
                    break
                yield i, item.start(1), item.group(1), flow.group(2)
                found += 1
                pos = item.end()
            if found >= _MAX_EMBEDDED:
                return
            continue
        key = _YAML_MODEL_KEY.match(line)
        if key is None and section is not None and (leaf := _YAML_SCALAR.match(line)) is not None:
            yield i, leaf.start(3), leaf.group(3), section[1] + b"." + leaf.group(2)
            found += 1
            if found >= _MAX_EMBEDDED:
                return
            continue
        if key is not None:
            under, entry = None, -1
            group = 3 if key.group(3) else 4
            if not key.group(group):
                under = (len(key.group(1)), key.group(2).decode("utf-8", "replace"))
                if nested:
                    section = (len(key.group(1)), key.group(2))
                continue
            if not scalars:
                continue
            off, value, name = key.start(group), key.group(group), key.group(2)
        else:
            item = _YAML_ITEM.match(line) if under is not None else None
            if item is None and under is not None:
                item = _YAML_ID_ITEM.match(line)
                if item is None and entry >= 0 and len(line) - len(line.lstrip(b" ")) > entry and line.strip():
                    continue  # a field of the catalog entry
            if item is None or under is None or len(item.group(1)) < under[0]:
                under, entry = None, -1
                continue
            entry = len(item.group(1)) if item.re is _YAML_ID_ITEM else -1
            off, value, name = item.start(2), item.group(2), under[1].encode()
        yield i, off, value, name
        found += 1
        if found >= _MAX_EMBEDDED:
            return


def _embedded_yaml(node: Any, columns: CharColumns) -> Iterator[Candidate]:
    text: bytes = node.text
    if b"odel" not in text and b"ODEL" not in text:
        return
    row0, col0 = node.start_point
    lines = text.split(b"\n")
    skip = 1 if lines[0][:1] in (b'"', b"'", b"`") else 0  # the opening quote (Go's `model:…`, a JS template)
    if skip:
        lines[0] = lines[0][1:]
    for i, off, value, name in yaml_model_pairs(lines, nested=True):
        row = row0 + i
        col = off if i else col0 + off + skip
        yield Candidate(value.decode("utf-8", "replace"), row + 1, columns.char_col(row, col) + 1,
                        (name.decode("utf-8", "replace"),), embedded=True)


# a form-encoded body or a URL query string in one literal (`"model=whisper-1&response_format=json"`,
# `"/v1/models?model=llama3"`): a `model` field's value; the value stops at `&`, `#`, a quote or a space
FORM_PAIR = re.compile(rb"(?<=[\"'`?&])(\w{0,40}(?:model|Model|MODEL)\w{0,40})=([^&#\s\"'`=%{}$<>]{1,200})"
                        rb"(?=[&#\"'`]|$)")


def _named_values(node: Any, columns: CharColumns, pattern: re.Pattern[bytes], start: int = 0) -> Iterator[Candidate]:
    """The (name, value) pairs ``pattern`` finds in a one-line literal (group 1 the name, group 2 the value), each
    value a candidate bound to its name; at most 8 a literal, none in a long or multi-line one."""
    text: bytes = node.text
    if len(text) > MAX_LITERAL + 8 or b"\n" in text:
        return
    row0, col0 = node.start_point
    for i, m in enumerate(pattern.finditer(text, start, max(start, len(text) - start))):
        if i >= 8:
            return
        yield Candidate(m.group(2).decode("utf-8", "replace"), row0 + 1, columns.char_col(row0, col0 + m.start(2)) + 1,
                        (m.group(1).decode("utf-8", "replace"),), embedded=True)


# a chat bot's model-switch command in one literal (`"/model gpt-4o"`, `"/model --user gpt-4o"`, Telegram's
# `"/model@mybot qwen-max"`, `"please /model gpt-5"`): the word after the command (and its `--flags`) is the model the
# user picks, as a `model` key's value is; `/models` (a listing) is not the command
SLASH_MODEL = re.compile(rb"(?i)(?<=[\"'`\s])/(model)(?:@[\w-]{1,40})?(?:[ \t]{1,4}--?[a-z][\w-]{0,20}){0,3}[ \t]{1,4}"
                         rb"([A-Za-z0-9][\w.:/@-]{0,120})(?=[\s\"'`]|$)")


def _form_pairs(node: Any, columns: CharColumns) -> Iterator[Candidate]:
    return _named_values(node, columns, FORM_PAIR)


# a model string that names a provider and, as query parameters, the model for each kind of work
# (`"openai?chat=gpt-4o&embeddings=text-embedding-3-small"`, `"google?media=gemini-2.5-flash-image"`: dartantic_ai's
# Agent / ModelStringParser format, pub.dev/packages/dartantic_ai, as_of 2026-12-06): the provider word right after
# the quote, then `<kind>=<model>` pairs; each value is the model for that kind of work
PROVIDER_QUERY = re.compile(rb"[\"'`][A-Za-z][\w-]{1,30}\?")
ROLE_PAIR = re.compile(rb"(?<=[?&])(chat|embeddings?|media|completions?)=([^&#\s\"'`=%{}$<>]{1,200})(?=[&#\"'`]|$)")


def _role_pairs(node: Any, columns: CharColumns) -> Iterator[Candidate]:
    """The models of a provider model string with kind parameters (``PROVIDER_QUERY``), each bound to
    ``<kind>_model``."""
    text: bytes = node.text
    if len(text) > MAX_LITERAL + 8 or b"\n" in text or PROVIDER_QUERY.match(text) is None:
        return
    row0, col0 = node.start_point
    for i, m in enumerate(ROLE_PAIR.finditer(text)):
        if i >= 8:
            return
        yield Candidate(m.group(2).decode("utf-8", "replace"), row0 + 1, columns.char_col(row0, col0 + m.start(2)) + 1,
                        (m.group(1).decode("utf-8", "replace") + "_model",), embedded=True)


# code held in a one-line literal that assigns a quoted value to a model-named name (a code generator's test
# expecting `Sublayer.configuration.ai_model = "gpt-4o"` in the file it wrote, a template line `model = 'llama3'`):
# the name (its last dotted part) and the value; bounded, one match per assignment
_CODE_ASSIGNMENT = re.compile(rb"(?<![\w.])(?:[A-Za-z_]\w{0,40}\.){0,4}(\w{0,40}(?:model|Model|MODEL)\w{0,40})"
                              rb"[ \t]{0,4}=[ \t]{0,4}(?:\\?[\"'])([^\"'\\\s]{1,200})\\?[\"']")


def _code_assignments(node: Any, columns: CharColumns) -> Iterator[Candidate]:
    return _named_values(node, columns, _CODE_ASSIGNMENT, 1)  # inside the literal's quotes


# a line of a one-line literal written with `\n` escapes (a CLI test's scripted answers on stdin:
# `"CLI\nOpenAI\ngpt-4o\nn\n\n"`, one prompt answered a line): the text between two escapes, or between the
# quote and one, when it is a single token
_ESCAPED_LINE = re.compile(rb"(?:(?<=\\n)|(?<=^.))([A-Za-z0-9][\w.:/-]{1,120})(?=\\n)")


def _escaped_lines(node: Any, columns: CharColumns) -> Iterator[Candidate]:
    """Each line of a one-line literal that holds several lines through ``\\n`` escapes, when the line is one token
    that the knowledge base knows as a model: the answer the test types where the program asks for its model. Only
    such lines (the decider's knowledge-base rule): a token alone on an escaped line carries no binding."""
    from modelmap.discover.identify import classify  # (identify imports this module's callers)

    text: bytes = node.text
    if len(text) > MAX_LITERAL + 8 or b"\n" in text or text.count(b"\\n") < 2:
        return
    row0, col0 = node.start_point
    for i, m in enumerate(_ESCAPED_LINE.finditer(text)):
        if i >= 16:
            return
        value = m.group(1).decode("utf-8", "replace")
        match = classify(value, "none")
        if match is None or match.confidence < 0.85 or match.kind == "model-file":
            continue
        yield Candidate(value, row0 + 1, columns.char_col(row0, col0 + m.start(1)) + 1, (), embedded=True)


def _escaped_yaml(node: Any, columns: CharColumns) -> Iterator[Candidate]:
    """The model values of YAML written on one source line with ``\\n`` escapes (a test writing its config file:
    ``os.WriteFile(path, []byte("providers:\\n  - models: [gpt-4o]\\n"), 0o644)``), read as a multi-line literal's
    YAML is (``yaml_model_pairs``), each at its place on the line. A value written with escapes of its own is read as
    written; bounded as the other one-line readers (MAX_LITERAL, _MAX_EMBEDDED pairs)."""
    text: bytes = node.text
    if len(text) > MAX_LITERAL + 8 or b"\n" in text or b"\\n" not in text:
        return
    start, end = 0, len(text)
    if text[:1] in (b'"', b"'", b"`"):
        start = 1
        if end > 1 and text[end - 1:end] == text[:1]:
            end -= 1
    pieces: list[bytes] = []
    offsets: list[int] = []
    pos = start
    while pos <= end and len(pieces) < 4096:
        cut = text.find(b"\\n", pos, end)
        stop = end if cut < 0 else cut
        pieces.append(text[pos:stop])
        offsets.append(pos)
        if cut < 0:
            break
        pos = cut + 2
    row0, col0 = node.start_point
    for i, off, value, name in yaml_model_pairs(pieces, nested=True, scalars=False):  # (scalars: polyglot's own)
        yield Candidate(value.decode("utf-8", "replace"), row0 + 1, columns.char_col(row0, col0 + offsets[i] + off) + 1,
                        (name.decode("utf-8", "replace"),), embedded=True)


# a TOML (or INI, or code) line of a multi-line literal that sets a model-named key to a quoted value (a test writing
# its config file: `[agents.demo]` then `model = "meta-llama/llama-3.1-8b-instruct"`): the key and the value
_EMBEDDED_TOML = re.compile(rb"(?m)^[ \t]{0,40}(\w{0,40}(?:model|Model|MODEL)\w{0,40})[ \t]{0,4}=[ \t]{0,4}[\"']"
                            rb"([^\"'\s\\]{1,200})[\"'][ \t]{0,8}(?:#[^\n]{0,200})?\r?$")


# an INI file's line in a multi-line literal that holds `[section]` headers (a settings test writing its app.ini:
# `[openai]` then `Model   = gpt-4o`): a model-named key, spaces around `=` (INI's aligned style; an env line's
# `MODEL=x` is _form_pairs'), and a bare value to the line's end; recorded text, so only a value that reads as a model
# on its own is one
EMBEDDED_INI = re.compile(rb"(?m)^[ \t]{0,40}(\w{0,40}(?:model|Model|MODEL)\w{0,40})[ \t]{1,40}=[ \t]{1,8}"
                           rb"([A-Za-z0-9][\w.:/@-]{0,199})[ \t]{0,8}\r?$")


# an SQL function called with named arguments in a literal's SQL (PostgreSQL's named notation, `SELECT
# vectorize.table(job_name => 'j', transformer => 'org/name')`, postgresql.org/docs/current/sql-syntax-calling-funcs.html,
# as_of 2026-12-07): each quoted argument is bound to its parameter's name, as a keyword argument is in code. The name
# must stand after `(` or `,` (blanks between), so a PHP or Ruby `'key' => 'v'` pair (quoted key) is not read here;
# bounded quantifiers, at most _MAX_EMBEDDED arguments a literal
_SQL_NAMED_ARG = re.compile(rb"(?<=[(,])[ \t\r\n]{0,40}([A-Za-z_]\w{0,40})[ \t]{0,8}=>[ \t]{0,8}"
                            rb"'([^'\\\s{}$]{1,200})'(?=[ \t\r\n]{0,40}[,)])")


def _candidate_at(text: bytes, off: int, start: tuple[int, int], columns: CharColumns, value: bytes,
                  bindings: tuple[str, ...], embedded: bool = True) -> Candidate:
    """``value``, found at byte ``off`` of a literal's ``text`` whose first byte is at ``start`` (row, byte column),
    as a candidate at its own 1-based line and character column (a literal read for the settings inside it)."""
    row0, col0 = start
    newlines = text.count(b"\n", 0, off)
    row = row0 + newlines
    col = (off - text.rfind(b"\n", 0, off) - 1) if newlines else col0 + off
    return Candidate(value.decode("utf-8", "replace"), row + 1, columns.char_col(row, col) + 1, bindings,
                     embedded=embedded)


def _keyed_matches(pattern: re.Pattern[bytes], text: bytes, start: tuple[int, int],
                   columns: CharColumns) -> Iterator[Candidate]:
    """Each of ``pattern``'s first _MAX_EMBEDDED matches in a literal's ``text`` (group 1 a key or parameter name,
    group 2 its value) as a candidate bound to that name, at its own line and column (``_candidate_at``)."""
    for i, m in enumerate(pattern.finditer(text)):
        if i >= _MAX_EMBEDDED:
            return
        yield _candidate_at(text, m.start(2), start, columns, m.group(2), (m.group(1).decode("utf-8", "replace"),))


def sql_named_args(node: Any, columns: CharColumns) -> Iterator[Candidate]:
    """The quoted arguments of the SQL named-notation calls a literal holds (``_SQL_NAMED_ARG``), each bound to its
    parameter's name, at its own line and column."""
    text: bytes = node.text
    if len(text) > MAX_EMBEDDED_TEXT:
        return
    yield from _keyed_matches(_SQL_NAMED_ARG, text, node.start_point, columns)


# an SQL INSERT with its column list and one row of values (`INSERT INTO settings (id, provider, model, whisperModel)
# VALUES ('1', 'openai', 'gpt-4o-2024-11-20', 'large-v3')`, an app seeding its default settings): each quoted value
# is bound to the column it fills, as a config key binds its value
_SQL_INSERT = re.compile(rb"(?i)\binsert[ \t\r\n]+(?:or[ \t]+\w{1,20}[ \t\r\n]+)?into[ \t\r\n]+[\w.\"`\[\]]{1,80}"
                         rb"[ \t\r\n]*\(([^()]{1,2000})\)[ \t\r\n]*values[ \t\r\n]*\(([^()]{1,4000})\)")
# an unquoted value starts with no blank and holds its trailing blanks: written as `[^,']*` between two blank runs, a
# value of 4,000 blanks or line ends before a stray quote backtracked quadratically (0.12 s each; 30 s of CPU past a
# 2 s budget for a file of such INSERTs). The same values match, in linear time
_SQL_VALUE = re.compile(rb"[ \t\r\n]*(?:'((?:[^'\\\n]|'')*)'[ \t\r\n]*|(?:[^,' \t\r\n][^,']*)?)(?:,|$)")


def _sql_insert_pairs(text: bytes, row0: int, col0: int, columns: CharColumns) -> Iterator[Candidate]:
    """The model-named columns' quoted values of the INSERTs in a multi-line literal (``_SQL_INSERT``); a row whose
    value count differs from its column count is left out. At most _MAX_EMBEDDED values a literal."""
    found = 0
    for i, m in enumerate(_SQL_INSERT.finditer(text)):
        if i >= _MAX_EMBEDDED:
            return
        names = [n.strip().strip(b'"`[]').decode("utf-8", "replace") for n in m.group(1).split(b",")]
        values: list[tuple[int, bytes | None]] = []
        pos, end = m.start(2), m.end(2)
        while pos < end and len(values) <= len(names):
            v = _SQL_VALUE.match(text, pos, end)
            if v is None or v.end() == pos:
                break
            values.append((v.start(1), v.group(1)) if v.group(1) is not None else (-1, None))
            pos = v.end()
        if len(values) != len(names):
            continue
        for name, (off, value) in zip(names, values, strict=True):
            if value is None or not value or "odel" not in name.lower() or not re.fullmatch(r"\w{1,60}", name):
                continue
            yield _candidate_at(text, off, (row0, col0), columns, value, (name,))
            found += 1
            if found >= _MAX_EMBEDDED:
                return


def _embedded_pairs(node: Any, columns: CharColumns) -> Iterator[Candidate]:
    text: bytes = node.text
    row0, col0 = node.start_point
    if b"\n" in text and (b"VALUES" in text or b"values" in text):
        yield from _sql_insert_pairs(text, row0, col0, columns)
    if b"\n" in text and (b":\n" in text or b": " in text):
        yield from _embedded_yaml(node, columns)
    if b"\n" in text and b"=" in text:
        yield from _keyed_matches(_EMBEDDED_TOML, text, (row0, col0), columns)
        if b"[" in text:
            yield from _keyed_matches(EMBEDDED_INI, text, (row0, col0), columns)
    for i, m in enumerate(_EMBEDDED_JSON.finditer(text)):
        if i >= _MAX_EMBEDDED:
            return
        group = 2 if m.group(2) else 3
        key = m.group(1).decode("utf-8", "replace") if group == 2 else "model_id"
        yield _candidate_at(text, m.start(group), (row0, col0), columns, m.group(group), (key,))
    if b"'" in text and b'"' not in text[1:-1]:
        # the same pairs written with single quotes, as lenient JSON parsers (Gson, JSON5) and Python dict reprs take
        # them (`JsonUtils.parse(" {'output': {'target_model': 'paraformer-realtime-v2'}}")`), in a literal that holds
        # no double quote; recorded JSON, so only a value that reads as a model on its own is one
        yield from _keyed_matches(_EMBEDDED_SQ_JSON, text, (row0, col0), columns)


# a Go struct tag's default-value entry: `default:"gpt-4o"` (kong, go-flags, envconfig, cmdr), `envDefault:"…"`
# (caarlos0/env), `env-default:"…"` (cleanenv); bounded, one match per entry
_MAX_TAG = 2048  # a longer Go struct tag is not read for a default
GO_TAG_DEFAULT = re.compile(rb'(?<![\w-])(?:default|envDefault|env-default)\s*:\s*"((?:[^"\\\n]|\\.){1,200})"')
# the tag entries that name the setting outside the code: a flag (`name:"default-model"`, `long:"model"`), a variable
# (`env:"OPENAI_MODEL"`), a config key (`json:"model"`, `yaml:"model"`, `mapstructure:"model"`)
_TAG_NAME = re.compile(rb'(?<![\w-])(?:name|long|env|json|yaml|toml|mapstructure|koanf)\s*:\s*"([\w.-]{1,80})')


def _is_tag(field: Any, node: Any) -> bool:
    """``node`` is the field's tag (Go's grammar names it so; a C++ member's ``R"(…)"`` default is not one)."""
    tag = field.child_by_field_name("tag")
    return tag is not None and tag.start_byte == node.start_byte and tag.end_byte == node.end_byte


def _tag_defaults(node: Any, field: Any, columns: CharColumns) -> Iterator[Candidate]:
    """The default value a Go struct field's tag gives its setting (``DefaultModel string `usage:"…"
    default:"gpt-4o"```): the literal the option libraries assign when the flag, variable or key is not set, so it is
    the field's value, bound to the field's name and the names the tag gives it. General: Go has no default-value
    syntax for a struct field, and the CLI / env / config libraries all put it in the tag; the tag as a whole is
    a list of settings for those libraries, never a model."""
    text: bytes = node.text
    if len(text) > _MAX_TAG:
        return
    m = GO_TAG_DEFAULT.search(text)
    if m is None:
        return
    names = [n.text.decode("utf-8", "replace") for n in field.children if n.type == "field_identifier"]
    names += [t.group(1).decode("utf-8", "replace") for t in _TAG_NAME.finditer(text)]
    if not names:
        return
    yield _candidate_at(text, m.start(1), node.start_point, columns, m.group(1), tuple(names[:4]), embedded=False)


def line_count(data: bytes) -> int:
    return data.count(b"\n") + 1


__all__ = ["GO_TAG_DEFAULT", "Candidate", "extract", "has_model_use", "literal_text", "model_uses"]
