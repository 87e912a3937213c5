"""Config files: YAML (every document), JSON / JSONC, TOML, INI / .cfg and dotenv files.

Every format is parsed into one small position-keeping tree (``Scalar`` / ``Mapping`` /
``Seq`` with character offsets into the file text), and one walker (``TreeWalker``) finds:

* values under model keys (``model``, ``model_name``, ``EMBEDDING_MODEL``, ``*_MODEL`` …, see
  ``identify.is_model_key``), also in lists under such keys and under ``name``/``id``/``path``
  children of a model-ish key (``model: {name: X}``), and in ``{name: X_MODEL, value: Y}`` pairs;
* values whose key *path* marks a model slot although their own key does not: a catalogue preset inside a serving
  or tuning section (KAITO ``inference.preset.name``), the identity keys of a section named for the model (llm-d
  ``modelArtifacts.name``), and lists under a model key named by a verb (Ollama chart ``ollama.models.pull: [x]``,
  read as Ollama tags under an ``ollama`` section); the value must still look like a model;
* YAML or JSON documents carried in literal blocks (a ConfigMap's ``settings.yaml: |``, a RayService's
  ``serveConfigV2: |``), walked in place;
* any other value (and mapping key) that names a well-known model on its own;
* command lines under ``command`` / ``args`` / ``entrypoint`` / ``run`` / ``script`` keys;
* URLs of model APIs (endpoints). A mapping that holds an endpoint URL is a *config block*: model
  findings inside it (and in its nested mappings) carry that endpoint and its provider, so that a
  ``gpt-4o-mini``-looking name sent to ``https://api.deepseek.com`` is reported as served there.
  A dotenv file is one block.

``${VAR:-default}`` values report the default. Values that still hold a template (``{{ }}``,
``${VAR}``) are skipped. YAML is composed (never constructed) with a bound on alias references,
nesting depth is bounded for every format, and a broken file becomes a ``parse-error`` Skip.

The compose, Kubernetes and LiteLLM sources reuse this walker with their own source ids; this
source leaves alone the YAML documents they claim (``claim_of``), so no value is reported twice.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

import yaml

from modelmap.discover.base import (
    BudgetExceeded,
    Collector,
    Sample,
    SourceFile,
    budget_skip,
    dedupe,
    linear,
)
from modelmap.discover.classifier import (
    DISPLAY_BINDINGS,
    UNDERSCORE_VERSIONED,
    keyed_identifier,
    local_model_folder,
    snake,
)
from modelmap.discover.deployments import (
    ARM_DEPLOYMENT_TYPE,
    DEPLOYMENT_PROVIDER,
    arm_deployment_name,
    is_arm_template,
    is_deployment_name,
    is_json_settings,
    says_deployment,
)
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
    is_known_hub_repo,
    is_model_ish,
    names_family,
    selection_items,
)
from modelmap.discover.identify import is_model_key as _is_model_key
from modelmap.discover.peers import (
    MAX_TABLE,
    MIN_KNOWN,
    accepted,
    is_provider_name,
    peer_match,
    reads_as_model,
)
from modelmap.discover.uris import (
    HF_CACHE_DIR,
    bedrock_arn_model,
    hosted_model_path,
    hub_id_of_dir,
    is_model_location,
)
from modelmap.knowledge import load as _load_knowledge
from modelmap.types import Finding, Skip
from modelmap.yamlbound import LOADER, MAX_YAML_DEPTH, nesting_error

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_DEPTH = 200
# the longest key whose words are weighed for the values under it: a settings key is a few words (a URL or a model id
# as a table's key, a few hundred characters); a longer one (a generated or hostile 1 MB camelCase run) is read as no
# key, since every rule on a key reads all of it once per value (2,000 values under a 100 KB key: ~14 s of CPU)
MAX_KEY_CHARS = 1024
MAX_ALIASES = 10_000
MAX_EXPANDED = 1_000_000
MAX_FLOW_DEPTH = MAX_YAML_DEPTH  # collections nested in a YAML document (flow, or block under an old libyaml)
# A YAML stream larger than this is not composed: composing (PyYAML's C composer still builds a Python node per
# value) and converting cost ~1.7 s of CPU per MB and cannot be interrupted by the file's budget (a 4 MB helmfile
# took 11 s). Such a file is read line by line instead (``key: value`` lines under a model key, model locations
# under any key), and says so.
MAX_YAML_PARSE_CHARS = 1 << 20
YAML_TOO_BIG = "not parsed as YAML"
MAX_YAML_DOCUMENTS = 10_000  # documents read from one YAML stream; past it a ``documents-capped`` Skip


# --------------------------------------------------------------------------- the tree


@dataclass(eq=False)
class Scalar:
    """A scalar value; ``start``/``end`` are offsets of its text in the file (quotes included)."""

    value: str
    start: int
    end: int


@dataclass(eq=False)
class Mapping:
    pairs: list[tuple[Node, Node]] = field(default_factory=list)
    start: int = 0

    def get(self, key: str) -> Node | None:
        for k, v in self.pairs:
            if isinstance(k, Scalar) and k.value == key:
                return v
        return None


@dataclass(eq=False)
class Seq:
    items: list[Node] = field(default_factory=list)
    start: int = 0


Node = Scalar | Mapping | Seq


class ParseError(Exception):
    """The file is not valid in its format (or exceeds a structural bound)."""


# --------------------------------------------------------------------------- YAML


def _check_nesting(text: str) -> None:
    # libyaml before 0.2.6 recurses in C per nesting level and crashes the process on very deep documents
    why = nesting_error(text, MAX_FLOW_DEPTH)
    if why is not None:
        raise ParseError(why)


class _YamlConverter:
    """yaml nodes → our tree. Aliases stay shared (a DAG, never expanded); a document whose aliases
    would expand to more than MAX_EXPANDED nodes ("billion laughs") is refused."""

    def __init__(self) -> None:
        self.memo: dict[int, Node] = {}
        self.sizes: dict[int, int] = {}
        self.aliases = 0

    def size(self, node: yaml.Node) -> int:
        """How many nodes ``node`` stands for once every alias under it is expanded."""
        return self.sizes.get(id(node), 1)

    def convert(self, node: yaml.Node, depth: int = 0) -> Node:
        seen = self.memo.get(id(node))
        if seen is not None:
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise ParseError(f"more than {MAX_ALIASES} alias references (possible alias bomb)")
            return seen
        out = self._convert(node, depth)
        if not isinstance(node, yaml.ScalarNode):
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
            total = 1 + sum(self.size(c) for c in children)
            if total > MAX_EXPANDED:
                raise ParseError(f"aliases expand to more than {MAX_EXPANDED} nodes (alias bomb)")
            self.sizes[id(node)] = total
        return out

    def _convert(self, node: yaml.Node, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ParseError(f"nested deeper than {MAX_DEPTH} levels")
        out: Node
        if isinstance(node, yaml.ScalarNode):
            out = Scalar(str(node.value), node.start_mark.index, node.end_mark.index)
            if node.style in ('"', "'"):
                out.start += 1
                out.end -= 1
            self.memo[id(node)] = out
            return out
        if isinstance(node, yaml.SequenceNode):
            seq = Seq([], node.start_mark.index)
            self.memo[id(node)] = seq
            seq.items = [self.convert(n, depth + 1) for n in node.value]
            return seq
        mapping = Mapping([], node.start_mark.index)
        self.memo[id(node)] = mapping
        mapping.pairs = [(self.convert(k, depth + 1), self.convert(v, depth + 1)) for k, v in node.value]
        return mapping


_YAML_LOADER = LOADER


def yaml_too_big(text: str) -> str | None:
    """Why a stream is not parsed as YAML at all (over MAX_YAML_PARSE_CHARS), or None: callers check it before any
    whole-stream preparation (a Helm template's detemplate) that would be wasted on a stream never parsed."""
    if len(text) <= MAX_YAML_PARSE_CHARS:
        return None
    return (f"{len(text) >> 10} KiB of YAML: over {MAX_YAML_PARSE_CHARS >> 20} MiB, {YAML_TOO_BIG} (its parse "
            "cannot be stopped within the file's analysis budget)")


@lru_cache(maxsize=8)
def _parse_yaml_cached(text: str) -> tuple[tuple[Node | None, ...], str | None]:
    too_big = yaml_too_big(text)
    if too_big is not None:
        return (), too_big
    try:
        _check_nesting(text)
        docs: list[Node | None] = []
        for doc in yaml.compose_all(text, Loader=_YAML_LOADER):
            if len(docs) >= MAX_YAML_DOCUMENTS:
                break  # the rest of the stream is not composed (see yaml_documents_capped)
            docs.append(None if doc is None else _YamlConverter().convert(doc))
        return tuple(docs), None
    except ParseError as exc:
        return (), str(exc)
    except yaml.MarkedYAMLError as exc:
        where = f" at line {exc.problem_mark.line + 1}" if exc.problem_mark is not None else ""
        return (), f"invalid YAML{where}: {exc.problem or exc.context or exc.__class__.__name__}"
    except yaml.YAMLError as exc:
        return (), f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__}"
    except (RecursionError, ValueError) as exc:
        return (), f"invalid YAML: {exc.__class__.__name__}"


def yaml_documents_capped(text: str) -> bool:
    """Whether ``parse_yaml`` stopped at MAX_YAML_DOCUMENTS (the stream has more documents)."""
    docs, error = _parse_yaml_cached(text)
    return error is None and len(docs) >= MAX_YAML_DOCUMENTS


def parse_yaml(text: str) -> list[Node | None]:
    """All documents of a YAML stream as trees (None for an empty document)."""
    docs, error = _parse_yaml_cached(text)
    if error is not None:
        raise ParseError(error)
    return list(docs)


# --------------------------------------------------------------------------- JSON / JSONC

_JSON_WS = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
# unrolled loop: a (char | escape)* alternation made sre keep a backtracking mark per character (300 MB for one
# 2 MB base64 string); this form matches the same strings in constant memory
_JSON_STR = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"', re.S)
_JSON_LIT = re.compile(r"[-+0-9A-Za-z_.]+")
_JSON_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


class _JsonParser:
    """A small JSON parser that keeps offsets; tolerates comments and trailing commas (JSONC)."""

    def __init__(self, text: str) -> None:
        self.t = text
        self.i = 0

    def ws(self) -> None:
        m = _JSON_WS.match(self.t, self.i)
        self.i = m.end() if m else self.i

    def fail(self, what: str) -> ParseError:
        line = self.t.count("\n", 0, self.i) + 1
        return ParseError(f"invalid JSON at line {line}: {what}")

    def parse(self) -> Node:
        node = self.value(0)
        self.ws()
        if self.i != len(self.t):
            raise self.fail("extra data after the document")
        return node

    def string(self) -> Scalar:
        m = _JSON_STR.match(self.t, self.i)
        if not m:
            raise self.fail("unterminated string")
        raw = m.group(1)
        if "\\" in raw:
            try:
                raw = json.loads(m.group(0))
            except ValueError as exc:
                raise self.fail("bad escape") from exc
        self.i = m.end()
        return Scalar(raw, m.start() + 1, m.end() - 1)

    def value(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested deeper than {MAX_DEPTH} levels")
        self.ws()
        if self.i >= len(self.t):
            raise self.fail("unexpected end of file")
        c = self.t[self.i]
        if c == '"':
            return self.string()
        if c == "{":
            mapping = Mapping([], self.i)
            self.i += 1
            while True:
                self.ws()
                if self.t.startswith("}", self.i):
                    self.i += 1
                    return mapping
                if not self.t.startswith('"', self.i):
                    raise self.fail("expected a string key")
                key = self.string()
                self.ws()
                if not self.t.startswith(":", self.i):
                    raise self.fail("expected ':'")
                self.i += 1
                mapping.pairs.append((key, self.value(depth + 1)))
                self.ws()
                if self.t.startswith(",", self.i):
                    self.i += 1
                elif not self.t.startswith("}", self.i):
                    raise self.fail("expected ',' or '}'")
        if c == "[":
            seq = Seq([], self.i)
            self.i += 1
            while True:
                self.ws()
                if self.t.startswith("]", self.i):
                    self.i += 1
                    return seq
                seq.items.append(self.value(depth + 1))
                self.ws()
                if self.t.startswith(",", self.i):
                    self.i += 1
                elif not self.t.startswith("]", self.i):
                    raise self.fail("expected ',' or ']'")
        m = _JSON_LIT.match(self.t, self.i)
        if not m:
            raise self.fail(f"unexpected character {c!r}")
        lit = m.group(0)
        if lit not in ("true", "false", "null") and not _JSON_NUMBER.fullmatch(lit):
            raise self.fail(f"unexpected literal {lit[:20]!r}")
        self.i = m.end()
        return Scalar(lit, m.start(), m.end())


def parse_json(text: str) -> Node:
    return _JsonParser(text).parse()


def parse_json_lines(text: str) -> list[Node | None]:
    """JSON Lines / NDJSON (OpenAI batch files): one value per line, each parsed on its own so that a
    bad line is passed over and the others are still read; a file with no readable line is a parse error."""
    return parse_json_lines_counted(text)[0]


def parse_sse_counted(text: str) -> tuple[list[Node | None], int]:
    """A recorded Server-Sent Events stream (``sse_text``): the JSON payload of every ``data: {…}`` line, parsed on its
    own as a JSON Lines line is (offsets where the JSON sits in the file), and how many such payloads did not parse.
    Other fields (``event:``, ``id:``, an empty ``data:``, ``data: [DONE]``) carry no model and are passed over."""
    nodes: list[Node | None] = []
    bad = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        m = _SSE_JSON_DATA.match(line)
        if m is not None:
            try:
                node = _JsonParser(m.group(1)).parse()
            except ParseError:
                bad += 1
            else:
                nodes.append(_shift(node, offset + m.start(1)))
        offset += len(line)
    if bad and not nodes:
        raise ParseError(f"invalid event stream: none of {bad} data lines parsed")
    return nodes, bad


def parse_json_lines_counted(text: str) -> tuple[list[Node | None], int]:
    """``parse_json_lines`` and how many non-empty lines could not be parsed (reported as one Skip)."""
    nodes: list[Node | None] = []
    bad = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            try:
                node = _JsonParser(line).parse()
            except ParseError:
                bad += 1
            else:
                nodes.append(_shift(node, offset) if offset else node)
        offset += len(line)
    if bad and not nodes:
        raise ParseError(f"invalid JSON Lines: none of {bad} lines parsed")
    return nodes, bad


def _shift(node: Node, by: int) -> Node:
    """Move a parsed line's (or block's) offsets to where it sits in the file; a node shared by YAML aliases
    is moved once."""
    stack: list[Node] = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, Scalar):
            n.start += by
            n.end += by
        elif isinstance(n, Mapping):
            n.start += by
            for k, v in n.pairs:
                stack.extend((k, v))
        elif isinstance(n, Seq):
            n.start += by
            stack.extend(n.items)
    return node


# --------------------------------------------------------------------------- TOML

_TOML_BARE = re.compile(r"[A-Za-z0-9_-]+")
_TOML_TOKEN = re.compile(r"[^\s,\]\}#]+")


class _TomlReader:
    """Positions for a TOML file that ``tomllib`` already accepted (so this reader can be lenient)."""

    def __init__(self, text: str) -> None:
        self.t = text
        self.i = 0

    def skip(self, newlines: bool = True) -> None:
        t = self.t
        while self.i < len(t):
            c = t[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.i += 1
            elif c == "#":
                nl = t.find("\n", self.i)
                self.i = len(t) if nl < 0 else nl
            else:
                return

    def key(self) -> list[Scalar]:
        parts = []
        while True:
            self.skip(False)
            if self.t.startswith(('"', "'"), self.i):
                s = self.string()
            else:
                m = _TOML_BARE.match(self.t, self.i)
                if not m:
                    raise ParseError(f"TOML key expected at offset {self.i}")
                self.i = m.end()
                s = Scalar(m.group(0), m.start(), m.end())
            parts.append(s)
            self.skip(False)
            if self.t.startswith(".", self.i):
                self.i += 1
                continue
            return parts

    def string(self) -> Scalar:
        t, i = self.t, self.i
        for quote in ('"""', "'''"):
            if t.startswith(quote, i):
                end = t.find(quote, i + 3)
                end = len(t) if end < 0 else end
                while t.startswith(quote[0], end + 3):  # up to two extra quotes belong to the value
                    end += 1
                self.i = end + 3
                start = i + 3 + (1 if t.startswith("\n", i + 3) else 0)
                return Scalar(t[start:end], start, end)
        q = t[i]
        j = i + 1
        while j < len(t) and t[j] != q and t[j] != "\n":
            j += 2 if (q == '"' and t[j] == "\\") else 1
        raw = t[i + 1:j]
        if q == '"' and "\\" in raw:
            with contextlib.suppress(ValueError):
                raw = json.loads('"' + raw + '"')
        self.i = j + 1
        return Scalar(raw, i + 1, j)

    def value(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ParseError(f"nested deeper than {MAX_DEPTH} levels")
        self.skip(False)
        t = self.t
        if self.i >= len(t):
            return Scalar("", self.i, self.i)
        c = t[self.i]
        if c in "\"'":
            return self.string()
        if c == "[":
            seq = Seq([], self.i)
            self.i += 1
            while True:
                self.skip()
                if self.i >= len(t) or t[self.i] == "]":
                    self.i += 1
                    return seq
                if t[self.i] == ",":
                    self.i += 1
                    continue
                seq.items.append(self.value(depth + 1))
        if c == "{":
            mapping = Mapping([], self.i)
            self.i += 1
            while True:
                self.skip()
                if self.i >= len(t) or t[self.i] == "}":
                    self.i += 1
                    return mapping
                if t[self.i] == ",":
                    self.i += 1
                    continue
                parts = self.key()
                self.skip(False)
                self.i += 1  # '='
                _assign(mapping, parts, self.value(depth + 1))
        m = _TOML_TOKEN.match(t, self.i)
        end = m.end() if m else self.i + 1
        s = Scalar(t[self.i:end], self.i, end)
        self.i = end
        return s

    def parse(self) -> Mapping:
        root = Mapping([], 0)
        current = root
        t = self.t
        while True:
            self.skip()
            if self.i >= len(t):
                return root
            if t[self.i] == "[":
                array = t.startswith("[[", self.i)
                self.i += 2 if array else 1
                parts = self.key()
                self.i += 2 if array else 1
                current = _table(root, parts, array)
                continue
            parts = self.key()
            self.skip(False)
            self.i += 1  # '='
            _assign(current, parts, self.value(0))


def _child_mapping(parent: Mapping, key: Scalar) -> Mapping:
    node = parent.get(key.value)
    if isinstance(node, Mapping):
        return node
    if isinstance(node, Seq) and node.items and isinstance(node.items[-1], Mapping):
        return node.items[-1]
    new = Mapping([], key.start)
    parent.pairs.append((key, new))
    return new


def _assign(mapping: Mapping, parts: list[Scalar], value: Node) -> None:
    for part in parts[:-1]:
        mapping = _child_mapping(mapping, part)
    mapping.pairs.append((parts[-1], value))


def _table(root: Mapping, parts: list[Scalar], array: bool) -> Mapping:
    mapping = root
    for part in parts[:-1]:
        mapping = _child_mapping(mapping, part)
    last = parts[-1]
    if not array:
        return _child_mapping(mapping, last)
    seq = mapping.get(last.value)
    if not isinstance(seq, Seq):
        seq = Seq([], last.start)
        mapping.pairs.append((last, seq))
    new = Mapping([], last.start)
    seq.items.append(new)
    return new


# tomllib checks every prefix of a dotted key against the keys defined so far by slicing the key each time: quadratic
# in its parts (8,000 parts: 0.6 s; a 200 KB config.toml of one 100,000-part key: 2.5 GB, a MemoryError, 10 s of CPU;
# redteam15). No real file's key has more than a few dozen parts; one of more is refused before tomllib reads it
MAX_TOML_KEY_PARTS = 1_000


def parse_toml(text: str) -> Node:
    for line in text.split("\n"):
        if "=" in line and line.count(".", 0, line.index("=")) >= MAX_TOML_KEY_PARTS:
            raise ParseError(f"invalid TOML: a dotted key of more than {MAX_TOML_KEY_PARTS} parts")
    try:
        tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        raise ParseError(f"invalid TOML: {exc}") from exc
    return _TomlReader(text).parse()


# --------------------------------------------------------------------------- INI and dotenv

_INI_SECTION = re.compile(r"^\s*\[([^\]\n]+)\]\s*$", re.M)
# RE2: linear time on any line (with re, `(.*?)[ \t]*$` is quadratic on a value holding a long run of spaces)
_INI_PAIR = linear(r"^([^\s=:#;\[][^=:\n]*?)\s*[=:][ \t]*(.*?)[ \t]*$")
_ENV_PAIR = linear(r"^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*?)[ \t]*$")


def _unquote(value: str, start: int) -> Scalar:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return Scalar(value[1:-1], start + 1, start + len(value) - 1)
    if value and value[0] in "\"'":
        end = value.find(value[0], 1)
        if end > 0:
            return Scalar(value[1:end], start + 1, start + end)
    # unquoted: an inline comment starts at " #"
    cut = re.search(r"\s[#;]", value)
    if cut:
        value = value[:cut.start()].rstrip()
    return Scalar(value, start, start + len(value))


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n")
        offset += len(line)


def parse_ini(text: str) -> Node:
    root = Mapping([], 0)
    current = root
    for offset, line in _lines(text):
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        sec = _INI_SECTION.match(line)
        if sec:
            current = Mapping([], offset)
            root.pairs.append((Scalar(sec.group(1).strip(), offset + sec.start(1), offset + sec.end(1)), current))
            continue
        if line[:1].isspace():  # continuation line of a multi-line value
            continue
        m = _INI_PAIR.match(line)
        if m:
            key = Scalar(m.group(1).strip(), offset + m.start(1), offset + m.end(1))
            current.pairs.append((key, _unquote(m.group(2), offset + m.start(2))))
    return root


def parse_dotenv(text: str) -> Mapping:
    root = Mapping([], 0)
    lines = list(_lines(text))
    # the first line at or after each that holds a single quote: one pass, so a file of unclosed quotes stays linear
    next_quote = [len(lines)] * (len(lines) + 1)
    for j in range(len(lines) - 1, -1, -1):
        next_quote[j] = j if "'" in lines[j][1] else next_quote[j + 1]
    i = 0
    while i < len(lines):
        offset, line = lines[i]
        i += 1
        m = _ENV_PAIR.match(line)
        if m and not line.lstrip().startswith("#"):
            key = Scalar(m.group(1), offset + m.start(1), offset + m.end(1))
            raw, start = m.group(2), offset + m.start(2)
            quote = raw[:1]
            if quote == "'" and raw.find(quote, 1) < 0:
                # a single-quoted value over several lines, as python-dotenv and Compose read it (CHAT_MODEL_LIST='[{
                # … }]'): up to its closing quote, at most _ENV_BLOCK_LINES lines (a double-quoted one may hold
                # escaped quotes, and is left to its first line)
                end = next_quote[i]
                if end < len(lines) and end - i < _ENV_BLOCK_LINES:
                    stop = lines[end][0] + lines[end][1].index(quote) + 1
                    raw, i = text[start:stop], end + 1
            value = _unquote(raw, start)
            root.pairs.append((key, _env_json(value)))
    return root


_ENV_BLOCK_LINES = 200


_ENV_JSON_MAX = 64 * 1024


# the text part of a chat message (OpenAI / Anthropic / Gemini content parts, a message's content)
_MESSAGE_PART_KEYS = frozenset({"text", "content"})
# the words of a model's name or id (an entry's short name against the id it stands for)
_NAME_WORD = re.compile(r"[-_.:/ ]+")
_JSON_HEAD = json.JSONDecoder()


def _json_then_text(value: str) -> str:
    r"""The JSON document a string value opens with when text follows it on later lines: a tool's JSON output that a
    runtime put at the head of a chat message before the tool's own body (a recorded request's ``"text":
    "{\"call\": {…, \"modelName\": \"gpt-4o\"}}\n\nTool body"``). The document is an object or array that ends
    at a line end, and what follows it is more lines, not more of one line (``{a} and {b}`` is prose); "" when the
    value is not so made (a whole document is the caller's own case), or is over the embedded readers' 64 KiB."""
    if value[:1] not in ("{", "[") or len(value) > _ENV_JSON_MAX or "\n" not in value:
        return ""
    try:
        _, end = _JSON_HEAD.raw_decode(value)
    except (ValueError, RecursionError):
        return ""
    if end >= len(value) or value[end] != "\n" or not value[end:].strip():
        return ""
    return value[:end]


def _env_json(value: Scalar) -> Node:
    """A dotenv value that is JSON written on one line (CHAT_MODEL_LIST=[{"backend": "qwen", "model_name_or_path":
    "qwen3-max-preview"}]) as the parsed tree, its offsets where it sits in the file, for the walker to read as a
    JSON file's; any other value (or JSON that does not parse, or over 64 KiB) as the plain scalar."""
    text = value.value
    if not text or text[0] not in "[{" or text.rstrip()[-1:] not in ("]", "}") or len(text) > _ENV_JSON_MAX:
        return value
    try:
        return _shift(parse_json(text), value.start)
    except (ParseError, RecursionError):
        return value


# --------------------------------------------------------------------------- the walker

# a camelCase word boundary, also after an acronym (`AzureOpenAIDeploymentName` -> azure_open_ai_deployment_name,
# `LLMModelName` -> llm_model_name: the acronym's last capital starts no word of its own)
_CAMEL_KEY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@lru_cache(maxsize=1 << 14)
def is_model_key(key: str) -> bool:
    """``identify.is_model_key``, also for camelCase keys of Helm values and CRDs (``servedModelName``,
    ``defaultModel``, ``embeddingModelId``)."""
    if _is_model_key(key) or _MODEL_LIST_KEY.fullmatch(key.strip().strip("\"'")):
        return True
    if not _CAMEL_KEY.search(key):
        return False
    words = _CAMEL_KEY.sub("_", key.strip().strip("\"'")).lower()
    return _is_model_key(words) or _MODEL_LIST_KEY.fullmatch(words) is not None


# a list of models named so (`model_list: [Qwen3-8B-W8A8, …]` of an eval matrix, `eval_model_list`, `modelList`): each
# item is a model id, as each of `models:` or `model_names:` is
_MODEL_LIST_KEY = re.compile(r"(?i)(?:[a-z0-9]+[_-])*models?[_-]list")


# ${VAR:-default}, ${VAR=default}, DB-GPT's ${env:VAR:-default}, mcphost's URI-style ${env://VAR:-default}, and a
# Spring property placeholder's ${VAR:default} / ${app.model:default} (application.yml: `model-name:
# ${CHAT_MODEL_NAME:qwen-max}`); the shell's ${VAR:?message} and ${VAR:+other} give no default. The `env:` scheme
# is the source's name, never the variable (else `${env://MODEL:-x}` read as a Spring `${env:<default>}`). With the
# `env:` scheme a `|` also gives the default: TEN Framework's graph properties (`"model":
# "${env:OPENAI_MODEL|gpt-4o-mini}"`, `${env:ANTHROPIC_BASE_URL|}`); without it a `|` is no default's mark. A
# WildFly / JBoss expression names several sources tried in turn before its default (`${org.app.chat.model.name,
# env.CHAT_MODEL_NAME:llama3.1:8b}`, docs.wildfly.org "Expression resolution", as_of 2026-12-07): the last one is `var`
_ENV_DEFAULT = re.compile(
    r"\$\{(?P<scheme>env:(?://)?)?(?!env:)(?:[A-Za-z_][\w.]{0,120},){0,8}(?P<var>[A-Za-z_][\w.]*)"
    r"(?::?[-=]|:(?![?+])|(?(scheme)\||(?!)))"
    r"(?P<default>[^{}$]*)\}")


# a variable whose default is another variable's reference: Compose's fallback chain `${AGENTIC_PLANNER_LLM_MODEL:-
# ${APP_LLM_MODELNAME:-"nvidia/nemotron-3-super-120b-a12b"}}` (one role's model falls back to the app's, then to a
# literal); the inner reference is read as the value
_ENV_FALLBACK = re.compile(r"\$\{(?:env:(?://)?)?(?!env:)[A-Za-z_][\w.]*:?[-=](?P<inner>\$\{.*\})\}")


def env_default_match(value: str) -> re.Match[str] | None:
    """The innermost ``${VAR:-default}`` of a value that is one, or a chain of fallbacks ending in one
    (``${A:-${B:-"id"}}``, at most four deep); None for anything else."""
    for _ in range(4):
        m = _ENV_DEFAULT.fullmatch(value)
        if m is not None or not value.startswith("${"):
            return m
        chain = _ENV_FALLBACK.fullmatch(value)
        if chain is None:
            return None
        value = chain.group("inner")
    return None


def env_default(m: re.Match[str]) -> str:
    """The default of a ``${VAR:-default}`` match, without a pair of quotes around it: Compose files and scripts
    quote it inside the braces (``${APP_LLM_MODELNAME:-"meta/llama3-70b-instruct"}``, ``${X:-'org/name'}``)."""
    value = m.group("default").strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    return value


# a GitHub Actions expression that ends in a quoted fallback (`${{ vars.X || secrets.X || 'gpt-4o' }}`): the literal
_ACTIONS_FALLBACK = re.compile(r"\$\{\{[^{}]{0,1000}\|\|[ \t]{0,8}'([^'\s{}]{1,200})'[ \t]{0,8}\}\}")
# a GitHub Actions condition's test of a context value against a literal: `contains(inputs.model_list, 'x')` or
# `matrix.model == 'x'` (the tested name, then the literal)
_ACTIONS_MODEL_TEST = re.compile(
    r"contains\(\s{0,8}(?:[A-Za-z_][\w-]{0,60}\.){1,4}([A-Za-z_][\w-]{0,60})\s{0,8},\s{0,8}'([^'\s]{1,200})'\s{0,8}\)"
    r"|(?:[A-Za-z_][\w-]{0,60}\.){1,4}([A-Za-z_][\w-]{0,60})\s{0,8}==\s{0,8}'([^'\s]{1,200})'")
_TEMPLATED = re.compile(r"\{\{|\{%|\$\{|\$\(|<%|^\$[A-Za-z_]")
# top-level keys of a Baseten Truss's config.yaml besides model_name (Truss's config reference), two of them at least
_TRUSS_KEYS = frozenset({
    "python_version", "model_metadata", "model_cache", "trt_llm", "docker_server", "model_class_name",
    "model_module_dir", "bundled_packages_dir", "external_package_dirs", "system_packages", "base_image",
    "build_commands", "spec_version", "resources", "weights",
})
# a plain decimal number as a JSON or YAML parser hands it over (an embedding's 0.0123, -4.2e-05, 768): never a model
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
# the fewest numbers in a sequence that _numeric_data passes over (a vector or a table's column, not `[1, 2]`)
_NUMERIC_RUN = 32
# the model tag of an NVIDIA NIM's profile selector (`name=magpie-tts-multilingual,batch_size=8`)
_NIM_TAGS_NAME = re.compile(r"(?:^|,)\s{0,4}name=([A-Za-z0-9][\w.:/-]{0,200})")
_KV_ITEM = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$", re.S)
COMMAND_KEYS = frozenset({
    "command", "cmd", "args", "entrypoint", "run", "script", "exec", "extraargs", "extra_args", "arguments",
    "before_script", "after_script", "startcommand", "start_command", "startupcommand",
    # Visual Studio launch profiles (Properties/launchSettings.json): the arguments a debug run passes the program
    "commandlineargs",
})
# a key named for a container's or a program's argument list by its last word (`recipe_container_command_args`,
# `server_args`, `vllm_extra_arguments`), as the keys above are by their whole name; not `model_kwargs`
_COMMAND_KEY_TAIL = re.compile(r"[a-z0-9_]{1,60}_(?:args|arguments)")


def is_command_key(low: str) -> bool:
    """``low`` (a lower-case key) holds a command line or its arguments."""
    return low in COMMAND_KEYS or (low.endswith(("args", "arguments")) and _COMMAND_KEY_TAIL.fullmatch(low) is not None)


ENV_KEYS = frozenset({"environment", "env", "envs", "env_vars", "envvars", "variables", "extraenv", "extra_env",
                      "envfrom", "data", "stringdata", "build_args", "buildargs", "secrets", "vars"})
_NOT_MODEL_KEYS = frozenset({
    "image", "repository", "registry", "uses", "homepage", "url", "urls", "license", "$schema", "apiversion", "kind",
    "version", "tag", "digest", "platform", "dockerfile", "context", "package", "packages", "dependencies",
    "devdependencies", "peerdependencies", "optionaldependencies", "requires", "extends", "container_name",
    "hostname", "pull_policy", "imagepullpolicy", "mime", "mimetype", "content-type", "content_type", "accept",
    "language", "lang", "author", "authors", "maintainer", "email", "description", "title", "summary", "icon",
    # Kubernetes object references name volumes, secrets and services, never models
    "claimname", "secretname", "configmapname", "servicename", "serviceaccountname", "storageclassname",
    "volumename", "generatename", "namespace",
    # a chat template's or conversation format's name (LLaMA-Factory `template: llama3`, InternVL `conv_style`) is
    # named after a model family but picks a prompt format, not a model; data sets are data
    "template", "chat_template", "conv_template", "conv_style", "prompt_template", "template_name",
    "conversation_template", "dataset", "datasets", "eval_dataset", "dataset_name",
    # a catalog's grouping of models (`{"Series": "DeepSeek-V3", "Models": ["DeepSeek-V3-0324-4bit"]}`): the models
    # are listed beside it
    "series",
    # a Helm chart's names for its own objects, and the project a run is logged under (wandb), named after the model
    "nameoverride", "fullnameoverride", "project", "wandb_project", "release", "app", "component",
})
_CHILD_OF_MODEL_KEYS = frozenset({"name", "id", "repo", "repo_id", "path", "uri", "default", "model", "value",
                                  "identifier", "checkpoint", "pretrained", "hf_repo", "model_id"})
# a block that says where a model's weights come from (Truss `checkpoint_repository: {repo: org/name, source: HF}`,
# `weights_source: {repo: …}`): its repo / id / path is the model, as under a `model:` block; a checkpoint block
# names weights, never a dataset or a code repository (`repository: {url: …}` alone is not such a block)
_CHECKPOINT_SOURCE = re.compile(r"(?i)(?:checkpoint|ckpt|weights?)[_-]?(?:repo|repository|source|location)")
# where a weights entry places the model it fetches (Truss `mount_location`, a downloader's `local_dir`)
_MOUNT_KEYS = frozenset({"mount_location", "mount_path", "local_dir", "local_path", "target_dir"})
VOLUME_KEYS = frozenset({"volumes", "volume", "mounts", "binds"})
# keys whose values are never a model's location, even a hub address (an image, a schema, a project's homepage)
# the download address of one model weight file, by a format that only holds weights (a catalogue entry's
# `"Url": "https://github.com/onnx/models/blob/main/validated/.../resnet50-v1-7.onnx"`): a model's location under
# any key, as a hub address is; .bin / .pt / .zip are left to model keys (they hold other things too)
_WEIGHT_FILE_URL = re.compile(r"(?i)https?://[^\s/?#]+/[^\s?#]*[^\s?#/]\.(?:gguf|ggml|safetensors|onnx|tflite|"
                              r"mlmodel|nemo|llamafile)(?:[?#][^\s]*)?")


def _weight_file_url(value: str) -> bool:
    return len(value) <= 2000 and not _TEMPLATED.search(value) and _WEIGHT_FILE_URL.fullmatch(value) is not None


_NOT_LOCATION_KEYS = frozenset({"image", "registry", "uses", "$schema", "homepage", "license", "icon", "avatar",
                                "logo", "thumbnail", "documentation", "docs", "issues", "bugs", "changelog",
                                # a link for people to read (a model card in a catalog), not where weights load from
                                "link", "links", "href", "website", "card", "model_card", "modelcard", "info", "more_info",
                                "paper", "blog", "readme"})
# a key whose value says who serves a model, never which one (`provider`, `providerId`, `provider_name`, `vendor`),
# as the classifier's provider bindings and the JS reader's provider names
_PROVIDER_KEY = re.compile(r"(?:model_)?(?:providers?|vendors?)(?:_(?:ids?|names?|keys?|slugs?))?")
_ENTRY_NAME_KEYS = frozenset({"name", "title", "id"})
# the key of a routing entry that names who serves its model (see TreeWalker._routing_id), and the id's shape
_ROUTE_PROVIDER_KEYS = frozenset({"provider", "provider_id", "providerid", "provider-id", "vendor"})
_ROUTE_ID = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+){0,6}")
_FUSED_VERSION = re.compile(r"([a-z]{4,}?)(v?\d[a-z0-9.]*)")
# a record holding a program's source (`code`) and its language (`codeType`): the readers for each language
_CODE_LANG_KEYS = frozenset({"codetype", "code_type", "codelanguage", "code_language", "language", "lang",
                             "scripttype", "script_type", "runtime"})
_CODE_KEYS = frozenset({"code", "script", "source", "source_code", "sourcecode", "body", "program"})
_CODE_EXT = {"javascript": ".js", "js": ".js", "ecmascript": ".js", "node": ".js", "nodejs": ".js",
             "typescript": ".ts", "ts": ".ts", "python": ".py", "python3": ".py", "py": ".py"}
# a namespace word and a model id (`tongyi/qwen-long`): the app's provider name in front of the record's own model
_NAMESPACED_ID = re.compile(r"([A-Za-z][\w.-]{0,39})/([^/\s]{1,200})")
# the key of a model's weights file in a catalogue entry (`"modelFile": "gemma-3n-E2B-it-int4.task"`), and the key of
# a file name in a section of model files (`"updatableModelFiles": [{"fileName": "x.litertlm"}]`)
_MODEL_FILE_KEYS = frozenset({"modelfile", "model_file", "modelfilename", "model_file_name", "weightsfile",
                              "weights_file"})
_FILE_NAME_KEYS = frozenset({"filename", "file_name", "file"})
_MODEL_FILES_SECTION = re.compile(r"\w*model_?files?")
# a bare weights file: the usual formats and the on-device bundles (MediaPipe .task, LiteRT-LM .litertlm, .tflite)
_ENTRY_FILE = re.compile(r"[\w.+-]+\.(gguf|ggml|safetensors|onnx|tflite|mlmodel|nemo|llamafile|litertlm|task|bin|pte)",
                         re.I)
# A model picked from an operator's catalogue by name: KAITO's Workspace / InferenceSet ``inference.preset.name`` and
# ``tuning.preset.name``. A ``preset`` counts only inside a serving or tuning section, so that a UI or codec preset
# (``preset: {name: fast}``) stays out; the value must still look like a model.
_PRESET_KEYS = frozenset({"preset", "presets"})
_SERVING_SECTIONS = frozenset({"inference", "tuning", "finetuning", "fine_tuning", "fine-tuning", "serving",
                               "predictor", "workspace"})
# Lists of models named by what the chart does with them, under a model key: Ollama Helm values
# (``ollama.models.pull: [llama3.2]``, ``models.run``), model preloaders (``models.preload``)
_MODEL_LIST_VERBS = frozenset({"pull", "run", "preload", "download", "serve"})
# A section named for the model it describes (llm-d ``modelArtifacts: {name, uri}``, ``modelSpec``, ``model_source``):
# its ``name`` / ``id`` / ``path`` / ``uri`` child is the model. Sections about where or how a model is kept or served
# (``modelFormat.name: sklearn``, ``modelCache.pvc``, ``modelService.name``) are not.
_MODEL_SECTION = re.compile(r"(?i)models?(?:[A-Z_.-][\w.-]*)?")
_NOT_MODEL_SECTION_WORDS = frozenset({
    "format", "formats", "cache", "caches", "storage", "store", "volume", "volumes", "pvc", "mount", "mounts", "registry",
    "class", "type", "types", "service", "services", "server", "servers", "endpoint", "endpoints", "gateway", "route",
    "routes", "pool", "runtime", "runtimes", "config", "configs", "monitor", "metrics", "secret", "auth", "policy",
    "selector", "label", "labels", "loader", "download", "downloader", "mesh", "router", "controller", "operator",
    "list", "catalog", "catalogue", "repo", "repository", "dir", "path", "root", "limits", "resources",
})
_BASE_MODEL_KEY = re.compile(r"base[_-]?model(?:[_-]?name)?")
# a data set's key (axolotl `datasets: [{path: org/name, type: alpaca}]`, `test_datasets`, `pretraining_dataset`,
# `trainDataset`): a Hub-shaped id in it, or under it, is a data set's, not a model's
_DATASET_WORD = re.compile(r"(?:^|[_.-])datasets?(?:$|[_.-])|datasets?$")


# a key or section naming where results, logs or reports go (outputLocation, output_uri, results, log_dir)
_OUTPUT_SECTION = re.compile(r"(?:outputs?|results?|reports?|logs?|exports?)(?:[_-]?(?:location|dir|path|uri|url|"
                             r"storage|bucket|prefix))?$")


def _is_dataset_key(low_key: str) -> bool:
    return "dataset" in low_key and bool(_DATASET_WORD.search(low_key))


# a shell script kept in a config under its file name (ConfigMap data `rag-sweep.sh: |`, a Helm value `init.sh: |`)
_SCRIPT_KEY = re.compile(r"[\w.-]+\.(?:sh|bash)")
# the keys of a CI step or job that hold a shell script (GitHub Actions `run`, GitLab / Buildkite `script`, GitLab's
# `before_script` / `after_script`): written as a literal block over several lines, read as a shell script
_CI_SCRIPT_KEYS = frozenset({"run", "script", "before_script", "after_script"})
# the parent key of a `name` that refers to a storage object (a NIMCache, a volume claim, a secret), not a model
_STORE_OBJECTS = ("cache", "caches", "pvc", "claim", "volume", "volumeclaim", "persistentvolumeclaim", "secret",
                  "configmap")


# the parent key of a `name` that refers to a serving object that is not the model (KServe/OME `runtime.name:
# srt-kimi-k2-pd`, an InferencePool, a gateway, a route), matched on its last word
_SERVING_OBJECTS = ("runtime", "runtimes", "servingruntime", "server", "servers", "service", "services", "gateway",
                    "gateways", "router", "route", "routes", "pool", "pools", "inferencepool", "scheduler", "cluster",
                    "clusters", "namespace", "queue", "serviceaccount",
                    # a container, its ports and volumes are named by whoever writes the manifest, often after the
                    # model they serve (`containers: [{name: qwen2-7b-instruct, image: vllm/…}]`); the model is
                    # given in the container's args or env
                    "container", "containers", "initcontainers", "ephemeralcontainers", "sidecars", "ports",
                    "volumes", "volumemounts")
# a key that names another object by its name (Kthena `targetModels: [{modelServerName: deepseek-v2}]`,
# `serviceName`, `collection_name`, `index_name`): that object's name, even when it is named after its model. A
# deployment's name (Azure `deployment_name: gpt-4o`) is what the API is called with, so it is not one of these.
_OBJECT_NAME_KEY = re.compile(r"(?:[a-z0-9]+_)*(?:server|service|route|router|gateway|pool|cluster|node|pod|container|"
                              r"runtime|namespace|bucket|queue|topic|index|collection|table|database|db|host|user|"
                              r"project|workspace|release|network|secret|volume|claim|pvc|config_map|configmap|"
                              # a training or evaluation run's names (`run_name: llama-3-8b-lora`, wandb's project)
                              r"run|job|experiment|exp|task|trial|sweep|app|application|"
                              # a test's or benchmark case's (`test_name: Kimi-K2.6-W4A8-64k-1k-TPOT50-PD`)
                              r"test|case|suite|scenario)_names?")


def _is_object_name_key(key: str) -> bool:
    """``modelServerName``, ``service_name``, ``collection-name``: a key (camelCase read as words) that names an
    object of another kind; a model key (``model_name``, ``servedModelName``) never is one."""
    if is_model_key(key):
        return False
    words = _CAMEL_KEY.sub("_", key.strip()).lower().replace("-", "_").replace(".", "_")
    return _OBJECT_NAME_KEY.fullmatch(words) is not None


# a settings section's name: lower-case words joined by underscores, no digit (`whisper`, `tts_qwen`, `fun_asr`)
_SETTINGS_SECTION = re.compile(r"[a-z]+(?:_[a-z]+)*")


# a Rust package manifest: its `name` keys name the package and its targets ([[bin]], [[example]], [[bench]]: an
# example named after the model it shows, `name = "gpt-4o-mini"`), its `path` keys a crate's or target's source folder
# (`kalosm-llama = { path = "./models/kalosm-llama" }`)
_CARGO_MANIFEST = re.compile(r"(?:^|/)Cargo\.toml$")
_CARGO_NAME_KEYS = frozenset({"name", "path", "package"})


# a Python package's manifest: `[project]` (PEP 621) and `[tool.poetry]` name the package, often after the model a
# deployment package serves (BentoML's one package per model, `name = "qwen3-8b"`); its model is set elsewhere
# a manifest whose top-level `scripts` maps a script's name to its command (npm's package.json, Composer's composer.json)
_SCRIPTS_MANIFEST = re.compile(r"(?:^|/)(?:package|composer)\.json$")
_PYPROJECT = re.compile(r"(?:^|/)pyproject\.toml$")


# a YAML file of test records (Rails / Django-style fixtures: test/fixtures/*.yml, spec/fixtures/…)
_FIXTURE_FILE = re.compile(r"(?:^|/)fixtures/(?:[^/]+/)*[^/]+\.ya?ml$")


# a fixture row's label (`gpt_4o`, `rob_gpt`: snake case, an underscore in it): what a Rails fixture's association
# value names (`language_model: gpt_4o` points at the `gpt_4o:` row of language_models.yml), not a model id as written
_ROW_LABEL = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
# a key that holds a record's model beside its `slug` (`language_model_api_name`, `api_name`, `model_id`) when
# is_model_key alone does not say so
_MODEL_FIELD_TAIL = re.compile(r"(?:^|_)(?:api_name|model_id|model_name|model)$")


def _slug_beside_model(keys: set[str]) -> bool:
    """A record with a bare ``slug`` and a key naming its model (``{slug: gpt-4o, language_model_api_name: gpt-4o}``):
    the slug is the record's URL name (an assistant's, a page's), spelled after the model; a catalogue entry keyed
    by a slug that is the model id names no other model field (``{"slug": "gpt-5.4", "display_name": …}``)."""
    return "slug" in keys and any(k != "slug" and (is_model_key(k) or _MODEL_FIELD_TAIL.search(snake(k)) is not None)
                                  for k in keys)


_LISTED_MODEL_KEYS = ("id", "root", "parent")


def _listed_model_ids(node: Mapping) -> list[Scalar]:
    """The model ids of one entry of a model-listing API reply: OpenAI's ``GET /v1/models`` shape, which
    OpenAI-compatible servers (vLLM, LM Studio, llama.cpp's server, LocalAI, Together, Mistral ...) also answer
    with, is a record typed ``"object": "model"`` whose ``id`` is the model's name and whose ``root`` / ``parent``
    name the model it was derived from (a fine-tune's base); Anthropic's ``GET /v1/models`` types its entries
    ``"type": "model"`` beside a ``display_name``. Such records (a client's test fixture, a mocked reply) name
    models whatever their names look like (``babbage-search-query``, ``davinci:2020-05-03``, a local
    ``my-finetune``): the record's type says so, not the name. A null, empty, templated, spaced or placeholder value
    (``test-model``) is not a name; the record's other ids (``"object": "model_permission"``) are not read."""
    kind = node.get("object")
    typed = isinstance(kind, Scalar) and kind.value.strip().lower() == "model"
    if not typed:
        kind = node.get("type")
        typed = isinstance(kind, Scalar) and kind.value.strip().lower() == "model" and isinstance(
            node.get("display_name"), Scalar)
    if not typed:
        return []
    out: list[Scalar] = []
    for key in _LISTED_MODEL_KEYS:
        v = node.get(key)
        if not isinstance(v, Scalar):
            continue
        value = v.value.strip()
        if value and len(value) <= 200 and value.lower() not in ("null", "none") and not _TEMPLATED.search(
                value) and not PLACEHOLDER.search(value) and not any(c.isspace() for c in value):
            out.append(v)
    return out


# a release date or snapshot at the end of a model id (`-2024-08-06`, `-20250929`), and a `latest` tag: the same model
_ID_RELEASE_TAIL = re.compile(r"(?:[-_.@:](?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|latest))+$")
# the longest model id whose spelling an entry name is compared with (a 60 KB `-2024-2024…x` took 16 s of CPU)
_MAX_SPELT_ID = 256


def _spells_model(name: str, model: str) -> bool:
    """An entry name made of its model's own words and numbers, a word of its own allowed (``gpt4o`` and
    ``gateway_gpt4o`` for ``gpt-4o``, ``claude-4-5-sonnet-min`` for ``claude-sonnet-4-5-20250929``): the name the app
    sends the model by, an alias of it. A name that leaves out a word or number of the model (``gemini-flash`` for
    ``gemini-2.5-flash``, ``openai-o3`` for ``o3-mini``, ``opus``, ``dmr-rerank``) is the file's own label."""
    own = model.strip().lower().rsplit("/", 1)[-1]
    if len(own) > _MAX_SPELT_ID:
        return False  # no model id; and _ID_RELEASE_TAIL, tried from each separator to the end, is quadratic in it
    own = _ID_RELEASE_TAIL.sub("", own)
    words = re.findall(r"[a-z]+|\d+", own)
    return bool(words) and set(words) <= set(re.findall(r"[a-z]+|\d+", name.lower()))


def _named_model_entries(doc: Node) -> dict[str, bool]:
    """A document's top-level ``models:`` map whose entries each configure one model by a provider and a model id
    (an agent runtime's file: ``models: {gpt4o: {provider: openai, model: gpt-4o}}``, the agents selecting one by
    ``model: gpt4o``): entry name → whether the name spells its model (_spells_model). Empty for any other shape."""
    if not isinstance(doc, Mapping):
        return {}
    models = doc.get("models")
    if not isinstance(models, Mapping) or not models.pairs or len(models.pairs) > 256:
        return {}
    out: dict[str, bool] = {}
    for k, v in models.pairs:
        if not isinstance(k, Scalar) or not isinstance(v, Mapping):
            return {}
        model, provider = v.get("model"), v.get("provider")
        if not isinstance(model, Scalar) or not isinstance(provider, Scalar) or not model.value.strip() \
                or _TEMPLATED.search(model.value):
            return {}
        out[k.value] = _spells_model(k.value, model.value)
    return out


def _names_an_entry_model(node: Node) -> bool:
    """A mapping that configures one model: a ``model`` (``model_name``, ``model_id`` …) child holding a literal
    name (`{"type": "dashscope", "model": "qwen-7b-chat"}`); the first 32 pairs are looked at. A name is short: a
    longer value is not searched (YAML aliases repeat this check per alias: 1,000 of a 500 KB value took 14 s)."""
    if not isinstance(node, Mapping):
        return False
    for k, v in node.pairs[:32]:
        if isinstance(k, Scalar) and isinstance(v, Scalar) and len(v.value) <= 256 and "model" in k.value.lower() \
                and _is_model_key(k.value.strip().lower()) and v.value.strip() and not _TEMPLATED.search(v.value):
            return True
    return False


# a Java system property set on a JVM's command line (`-Dname=value`, the value bare or one `${…}` expression)
_JVM_PROPERTY = re.compile(r"(?<!\S)-D([A-Za-z_][\w.-]{0,200})=(\$\{[^{}\s]{1,300}\}|[^\s\"'$]{1,300})")


def _blank_model_slot(node: Node) -> bool:
    """A mapping with a model key (``ModelName``, ``model``, ``deployment_name``) whose value is empty: the first 32
    pairs are looked at."""
    if not isinstance(node, Mapping):
        return False
    return any(isinstance(k, Scalar) and isinstance(v, Scalar) and not v.value.strip()
               and _is_model_key(k.value.strip().lower()) for k, v in node.pairs[:32])


# the child of a plugin / handler entry that names the code implementing it (`module: asr/sensevoice/asr_handler`,
# `class: pkg.tts.CosyVoiceTTS`, Hydra's `_target_`, `class_path`): an identifier path, never a model id
_CODE_SELECTOR_KEYS = frozenset({"module", "module_path", "class", "class_name", "class_path", "cls", "_target_",
                                 "handler", "handler_class", "impl", "implementation", "plugin"})
_CODE_PATH = re.compile(r"[A-Za-z_]\w*(?:[./:][A-Za-z_]\w*)*")


def _selects_code(node: Node) -> bool:
    """A mapping whose entry names the code that implements it (a pipeline's handler table: `SenseVoice: {module:
    asr/sensevoice/asr_handler_sensevoice, model_name: iic/SenseVoiceSmall}`): its key names a component instance
    the code looks up by that name, and its model is the model child, so the key is no model selector even when it
    reads like a model family (`CosyVoice`, `MiniCPM-o`). General: plugin registries (Hydra `_target_`, Lightning
    `class_path`, handler / module tables) key their entries by component name, not by model."""
    if not isinstance(node, Mapping):
        return False
    for k, v in node.pairs[:32]:
        if isinstance(k, Scalar) and isinstance(v, Scalar) and k.value.strip().lower() in _CODE_SELECTOR_KEYS \
                and _CODE_PATH.fullmatch(v.value.strip()):
            return True
    return False


# the repository / file pair llama.cpp's downloader and GGUF apps name a model by (`--hf-repo` / `--hf-file`,
# `hf_repo` / `hf_filename`, github.com/ggml-org/llama.cpp common/arg.cpp, as_of 2026-12-06)
_GGUF_REPO_KEYS = frozenset({"hf_repo", "hfrepo", "hf-repo", "hf_repo_id"})
_GGUF_FILE_KEYS = frozenset({"hf_filename", "hffilename", "hf_file", "hffile", "hf-file", "filename"})
_WEIGHT_FILE_NAME = re.compile(r"(?i)[^/\\\s]+\.(?:gguf|ggml|safetensors|bin|onnx|tflite|litertlm)")


def _fetches_weight_file(pairs: list[tuple[Node, Node]]) -> bool:
    """An entry that names the weight file it fetches from its repository (``hf_filename: X-Q4_K_M.gguf``)."""
    return any(isinstance(k, Scalar) and isinstance(v, Scalar) and k.value.strip().lower() in _GGUF_FILE_KEYS
               and _WEIGHT_FILE_NAME.fullmatch(v.value.strip()) for k, v in pairs[:64])


def _slug_of_entry_id(key: str, node: Node) -> bool:
    """An entry of a model map whose key is a slug of the Hub repo its ``id`` child loads (a Helm chart's
    ``models: {llama-3-2-1b-instruct: {id: meta-llama/Llama-3.2-1B-Instruct, enabled: false}}``): the key is the
    name the chart deploys and serves that model under, a selector for it. Only a key that spells the same model
    (its letters and digits start as the repo name's do, 4 at least, and it has a digit: a version or size) is taken:
    a role label beside it (``default``, ``remote-llm``, ``primary``) is not, whatever its entry loads."""
    if not isinstance(node, Mapping):
        return False
    value = node.get("id")
    if not isinstance(value, Scalar) or not _HUB_ID_SHAPE.fullmatch(value.value.strip()):
        return False
    own = re.sub(r"[^a-z0-9]", "", key.lower())
    repo = re.sub(r"[^a-z0-9]", "", value.value.strip().rsplit("/", 1)[1].lower())
    return len(own) >= 4 and own[:4] == repo[:4] and any(c.isdigit() for c in own)


def _names_version_model(value: str, parent_key: str | None) -> bool:
    """A ``version`` value inside an entry of a model list (the entry's parent key is a model key: ``Models``,
    ``model``) that is written like a model id: a letter in it and four characters at least (``gpt-5.1``,
    ``MiniMax-M3``); ``0613``, ``2024-05-13`` and ``v2`` are versions of the model the entry names otherwise."""
    return bool(parent_key) and is_model_key(str(parent_key)) and len(value) >= 4 and any(
        c.isalpha() for c in value) and not re.fullmatch(r"(?i)v?\d[\d.]*(?:[-_.]?(?:preview|beta|alpha|rc\d*|post\d*))?",
                                                       value)


# SQL text: a statement's leading keyword anywhere in the value
_SQL_TEXT = re.compile(r"(?i)\b(?:select|insert\s+into|update|with)\b")
# a database's own AI function called with a model id literal first: AlloyDB / Cloud SQL for PostgreSQL
# `embedding('text-embedding-005', text)` and `google_ml.embedding(model_id => 'x', content => …)`
# (cloud.google.com/alloydb/docs/ai/work-with-embeddings, as_of 2026-12-07), pgai's `ai.openai_embed('text-embedding-3-
# small', …)`, `ai.ollama_embed('nomic-embed-text', …)`, `ai.openai_chat_complete('gpt-4o-mini', …)`
# (github.com/timescale/pgai docs, as_of 2026-12-07), Azure Database for PostgreSQL's azure_ai
# `azure_openai.create_embeddings('<deployment>', …)` (learn.microsoft.com/azure/postgresql/flexible-server/
# generative-ai-azure-openai, as_of 2026-12-07)
_SQL_MODEL_CALL = re.compile(
    r"(?i)(?<![\w.])((?:google_ml\.)?embedding|ai\.(?:openai|ollama|cohere|voyageai|litellm)_embed"
    r"|ai\.(?:openai|anthropic|ollama|cohere)_(?:chat_complete|generate|rerank)|azure_openai\.create_embeddings)"
    r"[ \t]{0,4}\([ \t]{0,4}(?:model(?:_id)?[ \t]{0,4}=>[ \t]{0,4})?'([^'\s]{2,120})'")
# a model registration's artifact format (an ML Commons register-model body's `"model_format": "TORCH_SCRIPT"`, docs.
# opensearch.org/docs/latest/ml-commons-plugin/api/model-apis/register-model, as_of 2026-12-07): the `name` beside it
# is the model's, as the dotted `<step>.name` beside `<step>.model_format` of a flattened defaults file is
_MODEL_FORMAT_KEY = "model_format"
_MODEL_FORMAT_VALUE = re.compile(r"(?i)[a-z][a-z0-9_]{1,30}")
_SOURCE_WORD = re.compile(r"[a-z][a-z0-9-]{1,30}")


def _registered_names(node: Mapping, keys: set[str]) -> frozenset[str]:
    """The (lower-cased) keys of ``node`` that hold the name a model is registered under: ``name`` beside a scalar
    ``model_format``, and each ``<prefix>.name`` beside a ``<prefix>.model_format``."""
    if not any(k == _MODEL_FORMAT_KEY or k.endswith("." + _MODEL_FORMAT_KEY) for k in keys):
        return frozenset()
    out = set()
    for k, v in node.pairs:
        if not (isinstance(k, Scalar) and isinstance(v, Scalar) and _MODEL_FORMAT_VALUE.fullmatch(v.value.strip())):
            continue
        low = k.value.lower()
        if low == _MODEL_FORMAT_KEY:
            out.add("name")
        elif low.endswith("." + _MODEL_FORMAT_KEY):
            out.add(low[:-len(_MODEL_FORMAT_KEY)] + "name")
    return frozenset(out & keys)


# a key naming the interface (API dialect, request format) a client speaks: `llm_interface`, `model_interface`
_INTERFACE_KEY = re.compile(r"(?:[a-z0-9]+[_-])*interfaces?")
_PROVIDER_DRESS = re.compile(r"([A-Za-z]{2,20})-([A-Za-z][\w.:-]{1,120})")


def _provider_dressed(value: str) -> bool:
    """``value`` is a provider's name joined by ``-`` to a model id the knowledge base knows
    (``openAI-gpt-3.5-turbo``, ``azure-gpt-4o``), while the whole is not itself a known id: a label people give a
    registered model or a connector, not the id an API takes. A family word (``gemini-2.5-pro``, ``qwen-max``) is a
    provider's name too, but its tail names no model by itself."""
    m = _PROVIDER_DRESS.fullmatch(value)
    if m is None or not is_provider_name(m.group(1)):
        return False
    tail = classify(m.group(2), "none")
    if tail is None or tail.confidence < 0.9:
        return False
    whole = classify(value, "none")
    return whole is None or whole.confidence < tail.confidence


def _bare_claim(value: str) -> bool:
    """A volume claim with no path in it whose name says nothing of a model (NIM's ``storageUri:
    pvc://nvidia-nim-pvc/``: the claim holds a server's cache, whichever model it serves); ``pvc://gpt-oss-20b-pvc``
    and ``pvc://models-pvc/llama-3-8b`` name theirs. Asked of a storage URI (KServe ``storageUri``) only: a model
    resource's own ``url`` (KubeAI ``kind: Model``, ``url: pvc://model-cache``) is that model's whatever its claim is
    called."""
    scheme, sep, rest = value.partition("://")
    if not sep or scheme.strip().lower() != "pvc":
        return False
    claim, _, path = rest.partition("/")
    return not path.strip("/") and not is_model_ish(claim)


_LABEL_PATH = re.compile(r"(?i)(?:labels|selector)(?:\.|$)")


def _is_label_map(key: str) -> bool:
    """labels, matchLabels, pvcMatchLabels, podLabels, nodeSelector, selector …"""
    return key.endswith("labels") or key in ("selector", "nodeselector", "podselector")
# values of model keys that select a backend or library, not a model (EMBEDDING_MODEL=sentence_transformer)
_BACKEND_WORDS = frozenset({
    "sentence_transformer", "sentence_transformers", "sentence-transformers", "transformers", "huggingface", "hf",
    "bedrock", "aws", "vertex", "vertexai", "azure_openai", "azure-openai", "llamacpp", "llama_cpp", "llama.cpp",
    "vllm", "tgi", "tei", "fastembed", "litellm", "langchain", "llamaindex", "llama_index", "openai_compatible",
    "openai-compatible", "local", "remote", "api", "disabled", "off", "on", "yes", "no",
})
_WEIGHT_EXT = re.compile(r"\.(gguf|ggml|safetensors|onnx|tflite|mlmodel|nemo|pt|pth|ckpt|bin|llamafile)$", re.I)
# (a digit run is tried from its first digit only: from every digit it was quadratic on a long run)
_MODEL_DIR = re.compile(r"(^|/)(models?|checkpoints?|weights|llms?|hf[_-]?cache|huggingface)/[^/]+|"
                        r"(?<!\d)\d+(\.\d+)?[bmk](?:[-_.]|$)", re.I)


# a key that says where something is kept; `artifacts` as in vLLM-on-Neuron's NEURON_COMPILED_ARTIFACTS or a
# registry's MODEL_ARTIFACTS: the folder a model was compiled or exported to (still only a model folder counts:
# _is_model_dir)
_PATH_KEY = re.compile(r"(?i).*(path|dir|directory|folder|checkpoint|ckpt|weights?|artifacts?)")


def _is_model_dir(path: str) -> bool:
    parts = path.rstrip("/\\").replace("\\", "/").rsplit("/", 2)
    last = parts[-1]
    if bool(_MODEL_DIR.search(path)) and is_model_ish(last):
        return True
    # a cache laid out as org/name (/mnt/cache/deepseek-ai/DeepSeek-V2-Lite/): its last two parts are a Hub repo the
    # knowledge base knows
    return len(parts) >= 2 and len(path) <= 300 and is_known_hub_repo(f"{parts[-2]}/{last}")


# a `key: value` or `key:` line inside a literal block: the block may be a YAML document
# a model word in a value passed over for the embedded readers' bounds (TreeWalker._over_bounds)
_MODEL_WORD_CAP = re.compile(r"(?i)model")
_EMBEDDED_KEY_LINE = re.compile(r"\n[ \t]*[\"']?[A-Za-z_][\w.-]*[\"']?:(?:[ \t]|$)", re.M)
# a literal block holding a settings file of another format (embedded_config): named like a TOML or dotenv file,
# or TOML that opens with a [table] header after any comment lines
_TOML_BLOCK_KEY = re.compile(r"[\w.-]*\.toml")
_DOTENV_BLOCK_KEY = re.compile(r"\.env(?:\.[\w-]+)*|[\w.-]+\.env")
_TOML_TABLE_FIRST = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*\[[\w.\- \"']+\][ \t]*(?:#[^\n]*)?\n")
# blocks of text for people or for a model (a prompt that says "Model: gpt-4o" is prose), never settings
_PROSE_KEY = re.compile(r"(?i)prompt|template|description|message|text|instruction|readme|note|help|comment|"
                        r"summary|body|content|doc|example|sample|usage|changelog")
_ALIAS_KEYS = frozenset({"aliases", "alias", "model_aliases", "model_alias", "modelaliases", "modelalias"})
# aliases of other things: a container's network names, a pod's host names, a CLI command's
_NOT_ALIAS_PARENTS = frozenset({"networks", "network", "hostaliases", "commands", "command", "cli"})
_SECTION_CHILD_KEYS = frozenset({"name", "id", "uri", "url", "repo", "repo_id", "hf_repo", "identifier"})
# a key for a model's Hub id (`model_id`, `EMBEDDING_MODEL_ID`, `rerankModelId`, `hf_repo_id`) and a value of the
# Hub's org/name shape
_MODEL_ID_KEY = re.compile(r"(?i)model[_-]?id$|(?:^|[_-])repo[_-]?id$|ModelId$")
_HUB_ID_SHAPE = re.compile(r"[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}")
# a documentation fill-in as one part of it (`your-org/your-model`, `org/model`, `my_user/xxx`)
# the owner field of a model object (OpenAI's and every compatible server's `GET /v1/models` entry: `owned_by`)
_OWNER_KEYS = frozenset({"owned_by", "ownedby", "owner"})
_FILL_IN_PART = re.compile(r"(?i)^(?:your|my)[-_]|xxx|changeme|replace[-_]?me|^(?:org|model|name|repo|user|owner)$")
# a key that holds an id: `id`, `modelId`, `AIToolkitId`, `hf_id` (not `ids`, `idle`, `width`)
_ID_KEY = re.compile(r"^[Ii][Dd]$|[a-z0-9]Id$|[_-][Ii][Dd]$")
_SECTION_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


# a Whisper size word (tiny … large-v3-turbo) under a settings block named for a Whisper engine (whisper:,
# whisper_cpp:, faster_whisper:, WhisperX) is the checkpoint the engine downloads, as whisper.load_model("small") is;
# the same word under any other block (a font's size, a video's quality) names nothing
_WHISPER_SIZE_WORD = re.compile(WHISPER_SIZE)
_WHISPER_TEXT = re.compile(r"(?i)whisper")
_GGML_SIZE_DEFAULT = re.compile(rf"ggml-\$\{{[A-Za-z_]\w{{0,60}}:?-((?:{WHISPER_SIZE}))\}}\.bin")
# a script's list literal bound to a name (`let models = [`, `const MODELS = [`, `"models": [`, `models: [`) and the
# quoted items inside one
_SCRIPT_LIST = re.compile(r"""(?:\b(?:let|const|var)[ \t]+)?["']?\b([A-Za-z_]\w{0,60})["']?[ \t]*[:=][ \t]*\[""")
_SCRIPT_ITEM = re.compile(r"""(["'])([^"'\\\n]{1,200})\1""")
_WHISPER_BLOCK = re.compile(r"(?i)(?:faster[-_]?)?whisper(?:[-_]?(?:cpp|x|asr|stt))?")
_WHISPER_MODEL_KEYS = frozenset({"model", "model_name", "modelname", "name", "model_size", "size", "model_path",
                                 "model_id"})


@lru_cache(maxsize=1)
def _hub_model_names() -> frozenset[str]:
    """The name part of every Hub repo the knowledge base holds, lower-cased, with a separator in it and not a
    generic word (funasr/fsmn-vad: ``fsmn-vad``; funasr/ct-punc: ``ct-punc``). Toolkits address their own Hub models
    by that name alone (FunASR's AutoModel(vad_model="fsmn-vad"), a settings file's punc_model: ct-punc), so under a
    model key it names the model even without a digit; anywhere else it is not taken as one."""
    names = set()
    for hub_id in _load_knowledge().hf_index:
        name = hub_id.rsplit("/", 1)[-1].lower()
        if len(name) >= 5 and re.search(r"[-_.]", name) and re.search(r"[a-z]{2}", name) and not is_generic(name):
            names.add(name)
    return frozenset(names)


@lru_cache(maxsize=1 << 12)
def _is_model_section(key: str) -> bool:
    """``modelArtifacts``, ``model_spec``, ``modelSource``: a key whose first word is ``model`` and whose other words
    say nothing about storage, format or serving (see ``_NOT_MODEL_SECTION_WORDS``). Plain model keys (``model``,
    ``model_name``) are handled by ``is_model_key``."""
    key = key.strip()
    if not _MODEL_SECTION.fullmatch(key) or is_model_key(key):
        return False
    words = [w.lower() for w in _SECTION_WORDS.findall(key)]
    return len(words) >= 2 and words[0] in ("model", "models") and not any(
        w in _NOT_MODEL_SECTION_WORDS for w in words[1:])


def _is_output_key(low_key: str) -> bool:
    from modelmap.discover.shell import _OUTPUT_VAR

    return _OUTPUT_VAR.fullmatch(low_key) is not None


def _is_model_folder_key(low_key: str) -> bool:
    """A *path / *dir key that says nothing of data, logs, output or code (shell._NOT_MODEL_PATH_NAME): ``path``,
    ``ckpt_dir``, ``weights``."""
    from modelmap.discover.shell import _NOT_MODEL_PATH_NAME

    return _NOT_MODEL_PATH_NAME.search(low_key) is None and not _is_output_key(low_key)


def _output_names_model(value: str) -> bool:
    from modelmap.discover.shell import _is_model_dir_name

    return _is_model_dir_name(value)


def _last_part(path: str) -> str:
    return path.rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1]


_DRIVE_PATH = re.compile(r"^[A-Za-z]:[\\/]")  # module-level patterns in per-scalar helpers: no re-cache look-up a call


def _looks_like_path(value: str) -> bool:
    return value.startswith(("/", "./", "../", "~/")) or bool(_DRIVE_PATH.match(value))


_URL_KEYS = re.compile(r"(?i).*(url|base|endpoint|host|uri|address|server|api)s?$")
_SPEECH_KEY = re.compile(r"whisper|asr|stt|speech|tts|audio|transcri")
_VISION_KEY = re.compile(r"vision|(^|[_.-])vl([_.-]|$)|vlm|ocr")
_IMAGE_KEY = re.compile(r"image|diffusion|dalle")
_GENERATION_KEY = re.compile(r"llm|chat|completion|generat|instruct|reasoning|summar")


@lru_cache(maxsize=1 << 14)  # called for every scalar walked; keys repeat
def role_from_key(key: str | None) -> str | None:
    """The role a model under this config key plays (``EMBEDDING_MODEL`` → embedding), if the name says."""
    if not key:
        return None
    low = key.lower()
    if "rerank" in low:
        return "rerank"
    if "embed" in low:
        return "embedding"
    if _SPEECH_KEY.search(low):
        return "speech"
    if _VISION_KEY.search(low):
        return "vision"
    if _IMAGE_KEY.search(low):
        return "image"
    if _GENERATION_KEY.search(low):
        return "generation"
    return None


Endpoint = tuple[str, str]  # (provider id, url)


@dataclass(frozen=True)
class SourceIds:
    key: str
    value: str
    endpoint: str
    command: str
    env: str


def ids_for(prefix: str) -> SourceIds:
    return SourceIds(f"{prefix}-model-key", f"{prefix}-value", f"{prefix}-endpoint", f"{prefix}-command",
                     f"{prefix}-env")


def _settings_document(doc: Node) -> bool:
    """A parsed literal block that reads as a settings file: a mapping, or a non-empty list whose every item is a
    mapping (LocalAI's and similar servers' model configs are a YAML list of model entries). General: YAML lets a
    settings file's top level be a sequence as well as a mapping, and a list of words or of scalars (a script's lines
    read as YAML items, a list of hosts) is left out, as a block that is no settings file at all."""
    if isinstance(doc, Mapping):
        return True
    return isinstance(doc, Seq) and bool(doc.items) and all(isinstance(item, Mapping) for item in doc.items)


class TreeWalker:
    """Finds model references and endpoints in a parsed config tree (see the module docstring)."""

    def __init__(self, file: SourceFile, ids: SourceIds) -> None:
        self.file = file
        self.ids = ids
        self.collector = Collector(file, ids.key)
        self.tick = self.collector.budget.tick
        self.passed_over: list[Skip] = []  # what was not read and why (a script block over 64 KB): never silent
        self._visited: set[int] = set()
        # the routing ids of the model entries read so far (_routing_id): a selector list naming one is a model list
        self._route_ids: set[str] = set()
        # the entries of the document's top-level `models:` map of named model configurations (an agent file's
        # `models: {gpt4o: {provider: openai, model: gpt-4o}}`), by name: whether the name spells its model
        self._named_models: dict[str, bool] = {}
        # per-call context that specialised sources set (compose service image → api/role of its command)
        self.server_api: str | None = None
        self.server_role: str | None = None
        self.extra_endpoint: Callable[[str], Endpoint | None] | None = None
        self.skip_keys: frozenset[str] = frozenset()
        # keys whose URI value is a model's location in the resource being walked (KubeAI Model: url)
        self.location_keys: frozenset[str] = frozenset()
        # a container's `command` list while its sibling `args` list is walked: the program the args are given to
        self.command_prefix: list[str] = []
        # the keys of the collections enclosing the node being walked, outermost first (lowercase)
        self.path: list[str] = []
        self._embedded_depth = 0
        self._embedded_count = 0
        self._said_cap = False  # a value over the embedded readers' bounds was reported (once a file)
        self._code_count = 0  # programs read from records (_embedded_code)
        # the trees parsed out of string values (embedded, embedded_json), kept while the walker lives: _visited holds
        # ids, and a freed tree's id is handed to the next one parsed (it would be skipped as an alias already walked)
        self._embedded_trees: list[Node] = []
        # the document walked is a LoRA adapter resource (kind: ModelAdapter, LoraAdapter): every mapping in it is
        # read as an adapter's spec (its baseModel names the served base model's deployment, not a model id)
        self.adapter_resource = False
        # an ARM template that deploys Azure OpenAI models (deployments.py): its models are served by Azure OpenAI
        self.arm_openai = is_json_settings(file.path) and ARM_DEPLOYMENT_TYPE in file.text.lower() \
            and is_arm_template(file.text)

    # ------------------------------------------------------------------ helpers
    def classify_url(self, url: str, key: str | None = None) -> Endpoint | None:
        """The endpoint a URL names; under a model client's base-URL key (``client_url_key``: OPENAI_BASE_URL,
        api_base, VLLM_ENDPOINT) a private or cluster-internal model server counts too."""
        hit = classify_endpoint(url)
        if hit is None and self.extra_endpoint is not None:
            hit = self.extra_endpoint(url)
        if hit is None and key and client_url_key(key):
            hit = classify_client_endpoint(url)
        return hit

    def _mounted_weights(self, node: Mapping) -> None:
        """A weights entry that fetches a model from a location and mounts it at a folder (Truss `weights: [{source:
        hf://org/name@rev, mount_location: /models/name}]`): the folder is where the server loads that model from,
        a local model directory, as the folder a `huggingface-cli download … --local-dir` fills is (shell)."""
        source = node.get("source")
        if not (isinstance(source, Scalar) and "://" in source.value and is_model_location(source.value)):
            return
        for k, v in node.pairs:
            if (isinstance(k, Scalar) and k.value.lower() in _MOUNT_KEYS and isinstance(v, Scalar)
                    and v.value.startswith(("/", "./", "~/")) and not _TEMPLATED.search(v.value)):
                line, col, _ = self.position(v, v.value)
                self.collector.add(v.value, line, col, Match("model-file", None, 0.6), source_id=self.ids.value)

    def jvm_properties(self, s: Scalar, value: str) -> None:
        """The Java system properties a value sets for a JVM (``javaVmArguments``, ``JAVA_OPTS``: ``-Dorg.acme.chat
        .model.name=${ollama.model.name:llama3.2:1b}``, ``-Dspring.ai.openai.chat.options.model=gpt-4o``) whose name
        is a model setting's: each value (an expression's default) is that setting's model, as the same property in a
        ``.properties`` file is. At most 32 properties a value."""
        after = s.start
        for m in itertools.islice(_JVM_PROPERTY.finditer(value), 32):
            self.tick()
            name, setting = m.group(1), m.group(2)
            if not is_model_key(re.sub(r"[.-]", "_", name)):
                continue
            env = env_default_match(setting)
            model = env_default(env) if env else setting
            if not model or _TEMPLATED.search(model) or len(model) > 300:
                continue
            _, _, at = self.position(s, m.group(0), after)
            after = at + 1
            inner = setting.rfind(model) if env else 0
            line, col = self.collector.position(at + m.start(2) - m.start(0) + max(inner, 0))
            self.collector.model(model, line, col, hint="key", key_role=role_from_key(name.rsplit(".", 1)[-1]),
                                 source_id=self.ids.key)

    def position(self, s: Scalar, needle: str | None = None, after: int | None = None) -> tuple[int, int, int]:
        """(line, column, offset) of ``needle`` inside scalar ``s`` (its first character when not found)."""
        text = self.file.text
        offset = s.start
        if needle:
            lo = s.start if after is None else max(s.start, after)
            found = text.find(needle, lo, max(s.end, s.start + len(needle)))
            if found < 0 and after is not None:
                found = text.find(needle, s.start, max(s.end, s.start + len(needle)))
            if found >= 0:
                offset = found
        line, col = self.collector.position(offset)
        return line, col, offset

    def findings(self) -> list[Finding]:
        return [self._as_written(f) for f in dedupe(self.collector.findings)]

    def _as_written(self, f: Finding) -> Finding:
        """A value read from a double-quoted YAML / JSON string with escaped backslashes (``"model\\\\chatglm3-6b"``)
        or escaped slashes (``"meta-llama\\/Meta-Llama-3.1-8B-Instruct-Turbo"``: JSON allows ``\\/`` for ``/``, and
        PHP's json_encode, Foundation's JSONEncoder and others write every slash so) is reported as written in the
        file, at the column where it starts, not as its decoded text."""
        if ("\\" not in f.raw and "/" not in f.raw) or len(f.raw) > 300:
            return f
        line_at = self.collector.line_offset(f.line)
        if line_at is None:
            return f
        at = line_at + f.column - 1
        text = self.file.text
        backslashes = f.raw.replace("\\", "\\\\")
        for written in (backslashes, backslashes.replace("/", "\\/")):
            if written == f.raw and "\\" not in f.raw:
                continue  # nothing escaped: the value is written as it reads
            if text.startswith('"' + written, at):
                return replace(f, raw=written, column=f.column + 1)
            if at > 0 and text[at - 1] == '"' and text.startswith(written, at):
                return replace(f, raw=written)
        return f

    def guarded(self, run: Callable[[], None], source_id: str) -> list[Finding | Skip]:
        """Run a source's walk under the file's budget; past it, the findings so far and an
        ``analysis-budget`` (or ``findings-capped``) Skip that says where it stopped."""
        try:
            run()
        except BudgetExceeded as exc:
            return [*self.findings(), *self.passed_over, budget_skip(self.file.path, source_id, exc)]
        if self.collector.budget.spent is not None:
            # a nested command scan ran out on the walk's last step and returned its partial result (its
            # Collector shares this file's budget): the downgrade is reported, never lost
            return [*self.findings(), *self.passed_over, budget_skip(self.file.path, source_id,
                                                                    self.collector.budget.spent)]
        return [*self.findings(), *self.passed_over]

    # ------------------------------------------------------------------ block endpoints
    def _url_of(self, node: Node) -> str | None:
        if not isinstance(node, Scalar):
            return None
        value = node.value.strip()
        m = env_default_match(value)
        if m:
            value = env_default(m)
        return value if "://" in value else None

    def block_endpoint(self, mapping: Mapping) -> Endpoint | None:
        """The model-API endpoint a mapping configures: a URL among its own values or its env entries."""
        candidates: list[tuple[int, str, str]] = []

        def consider(key: str, node: Node) -> None:
            url = self._url_of(node)
            if url:
                candidates.append((0 if _URL_KEYS.fullmatch(key) else 1, url, key))

        for k, v in mapping.pairs:
            key = k.value if isinstance(k, Scalar) else ""
            if isinstance(v, Scalar):
                consider(key, v)
            elif key.lower() in ENV_KEYS:
                for ek, ev in _env_entries(v):
                    consider(ek, ev)
        for _, url, key in sorted(candidates, key=lambda c: c[0]):
            hit = self.classify_url(url, key)
            if hit:
                return hit
        return None

    # ------------------------------------------------------------------ walking
    def walk(self, node: Node | None, key: str | None = None, parent_key: str | None = None,
             endpoint: Endpoint | None = None, in_env: bool = False, depth: int = 0,
             env_eps: list[tuple[str, Endpoint]] | None = None) -> None:
        if node is None or depth > MAX_DEPTH:
            return
        self.tick()
        if key is not None and len(key) > MAX_KEY_CHARS:
            key = None
        if parent_key is not None and len(parent_key) > MAX_KEY_CHARS:
            parent_key = None
        if isinstance(node, Scalar):
            self.scalar(node, key, parent_key, endpoint, in_env)
            return
        if depth == 0 and key is None:
            self._named_models = _named_model_entries(node)
        if id(node) in self._visited:  # an alias: its anchor was walked already
            return
        self._visited.add(id(node))
        self.path.append((key or "").lower())
        try:
            self._walk_collection(node, key, parent_key, endpoint, in_env, depth, env_eps)
        finally:
            self.path.pop()

    def _arm_deployment(self, node: Mapping) -> None:
        """An ARM template's Azure OpenAI deployment resource: the name it is called by, written in its ``name``
        (deployments.arm_deployment_name); its model (``properties.model.name``) is read as any model key's value."""
        kind, name = node.get("type"), node.get("name")
        if not (isinstance(kind, Scalar) and kind.value.strip().lower() == ARM_DEPLOYMENT_TYPE
                and isinstance(name, Scalar)):
            return
        found = arm_deployment_name(name.value.strip())
        if found is None:
            return
        deployment, _ = found
        line, col, _ = self.position(name, deployment)
        self.collector.add(deployment, line, col, classify(deployment, "key") or Match("api-model", None, 0.5),
                           provider=DEPLOYMENT_PROVIDER, source_id=self.ids.key,
                           evidence=(f"rule:{self.ids.key}", "binding:name", "azure-deployment", "shape:api-model"))

    def _numeric_data(self, items: list[Node], low: str, key: str | None, parent_key: str | None,
                      depth: int) -> bool:
        """A sequence of _NUMERIC_RUN plain decimal numbers or more whose items ``scalar`` reads without a finding
        whatever their values: not under a model key or model section (itself or its parent), an environment,
        command, volume or model-file key, nor past the depth where ``walk`` stops. (Inside an environment block
        ``in_env`` only picks the source id of a model key's value, which a number never is.)"""
        if len(items) < _NUMERIC_RUN or depth + 1 > MAX_DEPTH:
            return False
        if not all(isinstance(i, Scalar) and _NUMBER.fullmatch(i.value) for i in items):
            return False
        if low in ENV_KEYS or low in COMMAND_KEYS or is_command_key(low) or low in VOLUME_KEYS \
                or low in _MODEL_FILE_KEYS or low in _FILE_NAME_KEYS or low in self.location_keys:
            return False
        if (key and is_model_key(key)) or (parent_key and (is_model_key(parent_key)
                                                            or _CHECKPOINT_SOURCE.fullmatch(parent_key))):
            return False
        return self.section_hint(low, parent_key, key) is None

    def _walk_collection(self, node: Mapping | Seq, key: str | None, parent_key: str | None,
                         endpoint: Endpoint | None, in_env: bool, depth: int,
                         env_eps: list[tuple[str, Endpoint]] | None) -> None:
        low = (key or "").lower()
        if self.arm_openai and isinstance(node, Mapping):
            self._arm_deployment(node)
        if low in ENV_KEYS:
            # an environment block: a model key goes to the endpoint of its own group (OPENAI_BASE_URL ↔
            # OPENAI_MODEL), else to the block's only endpoint (see env_endpoint)
            env_eps = [(name, hit) for name, v in _env_entries(node)
                       if (url := self._url_of(v)) and (hit := self.classify_url(url, name))] or None

        def pick(name: str) -> Endpoint | None:
            return env_endpoint(name, env_eps) if env_eps else endpoint

        if isinstance(node, Seq):
            items = node.items
            if self._numeric_data(items, low, key, parent_key, depth):
                # a run of plain numbers (an embedding vector, a matrix row, a histogram's buckets) under a key that
                # names no model, command, environment or volume: no number is a model, a command, a location or a
                # path, so each item's `scalar` would return without a finding. The walk's one step per item is kept
                self.tick(len(items))
                return
            if items and all(isinstance(i, Scalar) for i in items) and not all(
                    _KV_ITEM.match(i.value) for i in items if isinstance(i, Scalar)) and is_command_key(low) \
                    and not self.is_model_list(low, parent_key):
                self.command_list([i for i in items if isinstance(i, Scalar)],
                                  self.command_prefix if low == "args" else [], loose=low not in COMMAND_KEYS)
                return
            for item in items:
                if isinstance(item, Scalar):
                    kv = _KV_ITEM.match(item.value)
                    if kv and (in_env or low in ENV_KEYS or is_command_key(low)):
                        value = Scalar(kv.group(2), item.start + kv.start(2), item.end)
                        self.scalar(value, kv.group(1), key, pick(kv.group(1)), True)
                        continue
                self.walk(item, key, parent_key, endpoint, in_env, depth + 1, env_eps if low in ENV_KEYS else None)
            if low.endswith("models") and is_model_key(key or ""):
                self.catalogue_peers(items, endpoint)
            if len(items) <= 4096 and all(isinstance(i, Scalar) for i in items) \
                    and any(isinstance(i, Scalar) and i.value.startswith("--") for i in items):
                # a server's argument list under a key of the app's own (`server_cmd_template: [--port, …,
                # --speculative-config, '{"model": "org/draft"}']`): a flag's JSON value is read as in `args`
                self._json_arguments([i for i in items if isinstance(i, Scalar)])
            return
        if _is_label_map(low):
            return  # Kubernetes label/selector values name pods and volumes, not models (model: llama-prefill)
        assertion_path = node.get("path")
        if isinstance(assertion_path, Scalar) and _LABEL_PATH.search(assertion_path.value):
            # a helm-unittest assertion on rendered labels: {path: spec.selector.matchLabels, value: {...}}
            node = Mapping([(k, v) for k, v in node.pairs if not (isinstance(k, Scalar) and k.value == "value")],
                           node.start)
        endpoint = self.block_endpoint(node) or endpoint
        keys = {k.value.lower() for k, _ in node.pairs if isinstance(k, Scalar)}
        if "source" in keys and keys & _MOUNT_KEYS:
            self._mounted_weights(node)
        # the mapping names its model in a model key (modelURL, model): its `name` only labels the entry
        # (a Deployment, a route); a LoRA adapter's base model is that label, not a model id
        named_elsewhere = any(is_model_key(k) and k not in _ENTRY_NAME_KEYS for k in keys)
        # ... except an entry of a model catalogue that also names the entry's weights file (an on-device app's
        # allowlist: `"models": [{"name": "Phi-4-mini", "modelId": "org/Phi-4-mini-x", "modelFile": "phi4.task"}]`):
        # its one-word `name` is the model's name in the app, a selector for the same model
        catalog_entry = low.endswith("models") and is_model_key(low) and bool(keys & _MODEL_FILE_KEYS)
        # a LoRA adapter entry (adapterName/adapterPath/adapterSource …) or the block under one
        adapter_spec = self.adapter_resource or any(k.startswith("adapter") for k in keys) or "adapter" in low
        # a Kubernetes object reference (backendRefs, parentRefs, scaleTargetRef, {group, kind, name}): its name is
        # an object's (an InferencePool, a Service), not a model
        object_ref = "name" in keys and (low.endswith(("ref", "refs", "reference", "references")) or (
            "kind" in keys and bool(keys & {"group", "apigroup", "apiversion"})))
        # a test case or CI job of a matrix (`{name: kimi-k2.5, os: linux-arm64-16, config_file_path: Kimi-K2.5.yaml}`):
        # its `name` labels the case, named after what it tests; the settings are in the file it points at
        case_entry = not named_elsewhere and not is_model_key(low) and "name" in keys and _names_a_case(node)
        name = _entry_name(node)
        env_value = node.get("value")
        if env_value is None and isinstance(name, Scalar) and is_model_key(name.value):
            # a settings schema's parameter and its default (`{name: judge_model, type: string, default:
            # "claude-opus-4-7", description: …}`: a tool's declared parameters, a plugin's or a pipeline's inputs):
            # the value the setting takes when none is given, as `${JUDGE_MODEL:-claude-opus-4-7}` is
            env_value = next((v for k, v in node.pairs if isinstance(k, Scalar) and k.value in _DEFAULT_KEYS), None)
        if env_value is None and isinstance(name, Scalar) and is_model_key(name.value):
            # a gateway's request transformation setting the body's model field to an expression that is one string
            # literal (`transformations: [{field: model, expression: '"claude-haiku-4-5-20251001"'}]`): the model the
            # request is sent on with, as `{name: MODEL, value: X}` sets a variable
            env_value = _expression_literal(node.get("expression"))
        if isinstance(name, Scalar) and isinstance(env_value, Scalar) and (
                is_model_key(name.value) or name.value.lower() == "nim_tags_selector"):
            # {name: EMBEDDING_MODEL, value: X} (Kubernetes env, CI variables …), a NIM's profile selector
            self.scalar(env_value, name.value, key, pick(name.value), True)
            pairs = [(k, v) for k, v in node.pairs if v is not env_value]
        elif isinstance(name, Scalar) and isinstance(env_value, Scalar) and _PATH_KEY.fullmatch(name.value) \
                and _looks_like_path(env_value.value.strip()):
            # {name: NEURON_COMPILED_ARTIFACTS, value: /root/.cache/neuron/Qwen/Qwen3-8B}: a folder under a name that
            # says where something is kept, read as the same `NAME=/path` item or dotenv line is (under its name,
            # where only a model's folder counts), not as a bare `value:`
            self.scalar(env_value, name.value, key, pick(name.value), True)
            pairs = [(k, v) for k, v in node.pairs if v is not env_value]
        else:
            pairs = node.pairs
        if depth == 0 and "model_name" in keys and len(keys & _TRUSS_KEYS) >= 2:
            # a Baseten Truss's config.yaml: its top-level `model_name` is the name the Truss is deployed under
            # (shown in Baseten's console: `library-model-qwen3-32B-engine`, `Qwen 2.5 7B Instruct`); the weights
            # it serves are named in its own fields (model_metadata, model_cache / weights repos, trt_llm's
            # checkpoint_repository, the server command), which are read as before
            pairs = [(k, v) for k, v in pairs if not (isinstance(k, Scalar) and k.value == "model_name")]
        # a container's program and its arguments in two lists (`command: [vllm, serve]`, `args: [org/name, …]`):
        # the args are read after the program, so a positional model and the server's flags are seen as such
        command = node.get("command") if "args" in keys else None
        prefix = [i.value for i in command.items if isinstance(i, Scalar)][:8] if isinstance(command, Seq) else (
            command.value.split()[:8] if isinstance(command, Scalar) and len(command.value) < 256 else [])
        own_ids = self._record_model_ids(pairs) if named_elsewhere and not adapter_spec else set()
        url_slug = _slug_beside_model(keys)
        served = None if named_elsewhere or object_ref or adapter_spec else self._served_name(node)
        listed = _listed_model_ids(node)
        code = self._embedded_code(node, keys)
        if code is not None:
            pairs = [(k, v) for k, v in pairs if v is not code]
        registered = _registered_names(node, keys)
        for k, v in pairs:
            if not isinstance(k, Scalar):
                continue
            low_k = k.value.lower()
            if low_k in self.skip_keys:
                continue
            if registered and isinstance(v, Scalar) and low_k in registered:
                self._registered_model(v, endpoint)
                continue
            if (v is served or any(v is x for x in listed)) and isinstance(v, Scalar):
                self._add_entry_name(v, endpoint)
                continue
            if isinstance(v, Scalar):
                if url_slug and low_k == "slug":
                    # the record's URL name beside its model field (_slug_beside_model), unless it is that model
                    # under a namespace word (`{"slug": "acme/yi-large", "model": "yi-large"}`: reported as such)
                    if own_ids:
                        self._namespaced_own_id(v, own_ids, endpoint)
                    continue
                if named_elsewhere and low_k in _ENTRY_NAME_KEYS and v.value.strip().lower() in own_ids:
                    # the entry's name spells its own model id again (`{name: mistral-medium-2508, model_id:
                    # mistral-medium-2508, display_name: …}`): the name the app looks the model up by is the model
                    # id itself, as a JS record's `{id: 'glm-4.7', name: 'glm-4.7'}` (javascript._repeats_identity);
                    # a name of its own (`name: zaiGlm52`, `name: chat`) stays the entry's label
                    self._add_entry_name(v, endpoint)
                    continue
                if named_elsewhere and low_k == "name" and not adapter_spec and not object_ref \
                        and self._short_name_of(v.value.strip(), pairs):
                    self._add_entry_name(v, endpoint)
                    continue
                if named_elsewhere and low_k == "id" and not adapter_spec and not object_ref \
                        and self._routing_id(v.value.strip(), keys, depth):
                    self._route_ids.add(v.value.strip())
                    self._add_entry_name(v, endpoint)
                    continue
                if case_entry and low_k == "name":
                    continue
                if (named_elsewhere and low_k in _ENTRY_NAME_KEYS and not (
                        catalog_entry and low_k == "name" and not any(c.isspace() for c in v.value.strip()))) or (
                        object_ref and low_k == "name"):
                    continue
                if low_k in _ENTRY_NAME_KEYS and self._family_stem(v.value.strip(), pairs):
                    continue
                if adapter_spec and _BASE_MODEL_KEY.fullmatch(low_k) and "/" not in v.value:
                    continue
                if low_k in _GGUF_REPO_KEYS and "/" in v.value and _fetches_weight_file(pairs):
                    # an on-device app's catalogue entry (`{"hf_repo": "org/X-gguf", "hf_filename": "X-Q4_0.gguf"}`):
                    # the repository a weight file is fetched from is a model repository whoever owns it; the same
                    # key alone may name a data set's repository (lighteval's `hf_repo="org/aime_2024"`)
                    line, col, _ = self.position(v, v.value.strip())
                    self.collector.model(v.value.strip(), line, col, hint="hf", source_id=self.ids.key)
                    continue
                if adapter_spec and low_k == "repository" and "/" in v.value:
                    # an adapter's Hugging Face repository (a Docker image elsewhere)
                    line, col, _ = self.position(v, v.value.strip())
                    self.collector.model(v.value.strip(), line, col, hint="hf", source_id=self.ids.key)
                    continue
                if own_ids and not is_model_key(k.value) and self._namespaced_own_id(v, own_ids, endpoint):
                    continue
            if depth == 1 and self._named_models and low == "models" and k.value in self._named_models:
                # an entry of the file's own model map: its name is reported only where it spells its model
                if self._named_models[k.value]:
                    self._add_entry_name(k, endpoint)
            elif self.ids.key == "xml-model-key" and isinstance(v, Mapping) and any(
                    isinstance(ak, Scalar) and ak.value.lower() in ("name", "id") for ak, _ in v.pairs[:64]):
                pass  # an XML element that names itself (`<embedding-store-content-retriever name="r" …/>`): its tag
                # is the schema's type for the object, never a model selector
            elif _blank_model_slot(v):
                pass  # `"GPT-4o": {"Endpoint": "", "ModelName": ""}`: a settings section named for the model it is
                # meant for, whose own model field is filled in at deployment; the key labels the slot, the field
                # (empty here) says which model is called
            elif isinstance(v, Scalar) or (isinstance(v, (Mapping, Seq)) and not is_model_key(k.value)):
                # a test fixture file's top-level keys (Rails `test/fixtures/messages.yml`: `chat1_user: {ai_model:
                # gpt-4.1, …}`) label database rows, not model selectors
                entry = (_names_an_entry_model(v) or (
                    # a model map (`models:`) keyed by the deployed name, each entry's `id` the Hub repo
                    _MODEL_SECTION.fullmatch(low) is not None and _slug_of_entry_id(k.value, v))) and not (
                    depth == 0 and _FIXTURE_FILE.search(self.file.path)) and not _selects_code(v)
                self.mapping_key(k, endpoint, "key" if entry else "none")
            ep = pick(k.value) if low in ENV_KEYS else endpoint
            outer, self.command_prefix = self.command_prefix, prefix if low_k == "args" else []
            try:
                self.walk(v, k.value, key, ep, in_env or low_k in ENV_KEYS, depth + 1)
            finally:
                self.command_prefix = outer
        if len(pairs) >= MIN_KNOWN and not self.under_dataset(low):
            self.key_peers(pairs, endpoint)

    def key_peers(self, pairs: list[tuple[Node, Node]], endpoint: Endpoint | None) -> None:
        """Peer evidence among a mapping's keys when each key holds an entry of its own (a list or a mapping): a
        table keyed by model (a test fixture's expected tokenizations per Hub repo, `{"bert-base-uncased": [...],
        "Xenova/gpt2": [...]}`, a pricing or settings table per model). When most keys are models by their own
        evidence, the other model-shaped keys are models too (``discover.peers``, as a catalogue's ids) when they
        read as a model on their own or are a Hub org/name: such a table may also key its own entries (a CI
        workflow's jobs, one per model, beside a `check-label` job). A mapping with a scalar value under any key is a
        record of settings, whose keys name fields, and is not weighed. One budget step per key; past ``MAX_TABLE``
        keys not weighed."""
        if len(pairs) > MAX_TABLE or not all(isinstance(k, Scalar) and isinstance(v, (Mapping, Seq))
                                             for k, v in pairs):
            return
        keys: list[Scalar] = []
        for k, _ in pairs:
            self.tick()
            if isinstance(k, Scalar) and 0 < len(k.value) <= 200 and not _TEMPLATED.search(k.value):
                keys.append(k)
        self._add_peers(keys, "none", self.ids.value, endpoint, alone=lambda v: "/" in v or reads_as_model(v))

    def _served_name(self, node: Mapping) -> Scalar | None:
        """The ``name`` of a serving entry that is named after the model its model section loads (llm-on-ray's
        per-model Ray Serve file: ``name: gpt-j-6b`` beside ``model_description: {model_id_or_path:
        EleutherAI/gpt-j-6b}``; the same shape in other servers' per-model configs): clients send that name as the
        model, so it is the model's alias in the app even when it names no known family (``deplot``). Only a name
        equal to the loaded repo's name, or one starting with its first word and looking like a model
        (``mpt-7b-ipex-llm`` for ``mosaicml/mpt-7b-chat``): an application or deployment named otherwise (``app1``,
        ``chat-service``) is not one. Kubernetes objects keep their name under ``metadata``, never beside the spec,
        so their names are not read here. LocalAI's entries load their model under ``parameters`` beside a
        ``backend`` (``name: phi-4-14b-instruct``, ``backend: llama``, ``parameters: {model: phi-4-Q4_K_M.gguf}``)."""
        name = node.get("name")
        if not isinstance(name, Scalar):
            return None
        value = name.value.strip()
        if not value or len(value) > 100 or _TEMPLATED.search(value) or any(c.isspace() or c in "/:" for c in value):
            return None
        low = value.lower()
        first = re.split(r"[-_.]", low, maxsplit=1)[0]
        # LocalAI's model config (and the servers that read its format: AIKit, LocalAGI): an entry `{name, backend,
        # parameters: {model: <weights or repo>}}`, the loader's arguments under `parameters`; clients call the model
        # by the entry's name
        backend_entry = any(isinstance(k, Scalar) and k.value == "backend" for k, _ in node.pairs[:64])
        for k, section in node.pairs[:64]:
            if not (isinstance(k, Scalar) and isinstance(section, Mapping) and (
                    _is_model_section(k.value) or (backend_entry and k.value == "parameters"))):
                continue
            for mk, mv in section.pairs[:64]:
                self.tick()
                if not (isinstance(mk, Scalar) and isinstance(mv, Scalar) and is_model_key(mk.value)):
                    continue
                tail = mv.value.strip().rstrip("/").rsplit("/", 1)[-1].lower()
                if not tail or _TEMPLATED.search(tail):
                    continue
                if low == tail or (len(first) >= 3 and re.split(r"[-_.]", tail, maxsplit=1)[0] == first
                                   and is_model_ish(value)):
                    return name
        return None

    def _embedded_code(self, node: Mapping, keys: set[str]) -> Scalar | None:
        """A record that holds a program's source in one string and names its language beside it (a tool spec's
        ``{"code": "function buildBody() { return { model: model || 'gpt-4.1-nano' } }", "codeType": "Javascript"}``,
        ``{"language": "python", "source": "..."}``): the code is read by that language's reader and its findings
        are placed where their text is written. The string is returned (its record does not walk it again), None
        when the record holds none. Bounded: 64 KB a program, 8 a file."""
        if not keys & _CODE_LANG_KEYS or not keys & _CODE_KEYS or self._code_count >= 8:
            return None
        lang = next((v.value.strip().lower() for k, v in node.pairs[:64] if isinstance(k, Scalar)
                     and k.value.lower() in _CODE_LANG_KEYS and isinstance(v, Scalar)), None)
        ext = _CODE_EXT.get(lang or "")
        code = next((v for k, v in node.pairs[:64] if isinstance(k, Scalar) and k.value.lower() in _CODE_KEYS
                     and isinstance(v, Scalar) and "\n" in v.value and len(v.value) <= _ENV_JSON_MAX), None)
        if ext is None or code is None:
            return None
        self._code_count += 1
        self.tick(1 + len(code.value) // 256)
        # the readers import this module: imported here
        from modelmap.discover.javascript import scan_javascript_text
        from modelmap.discover.python import scan_python_text

        inner = SourceFile(f"{self.file.path}{ext}", code.value, self.file.context)
        found = scan_python_text(inner, self.ids.value) if ext == ".py" else scan_javascript_text(inner, self.ids.value)
        models = [replace(f, path=self.file.path) for f in found if isinstance(f, Finding)]
        if models:
            self._relocate(models, [code])
        return code

    def _record_model_ids(self, pairs: list[tuple[Node, Node]]) -> set[str]:
        """The API model ids a record names under its model keys (``provider_model_id: qwen-long``), lower-cased: a
        provider's model, not a Hub repository's name (an adapter's ``{name: x-lora, repository: org/x-lora}`` is
        an org's repository); one budget step per pair, the first 32 pairs."""
        ids: set[str] = set()
        for k, v in pairs[:32]:
            self.tick()
            if isinstance(k, Scalar) and isinstance(v, Scalar) and is_model_key(k.value):
                value = v.value.strip()
                match = classify(value, "key") if 0 < len(value) <= 200 and "/" not in value else None
                if match is not None and match.kind == "api-model":
                    ids.add(value.lower())
        return ids

    def _routing_id(self, value: str, keys: set[str], depth: int) -> bool:
        """The ``id`` of a model-routing entry, ``{id: qwen3-local, provider: ollama, model: qwen3:8b-fp16}`` in a
        list of candidates (a Spring Boot app's ``ai.chat.candidates``, a gateway's model list): the name the app's
        selectors, tiers and defaults route by, kept beside the provider and that provider's model id. Reported when
        it is a model the knowledge base knows (``id: qwen-plus`` for ``model: qwen-plus-latest``) or reads as one on
        its own, a family word or a version digit and no slot or app words alone (``qwen-emb-8b``, ``deepseekv4pro``;
        not ``primary``, ``rerank-noop``, ``default-chat``). Only an entry of a list (not a top-level record) that
        names its provider: a record with an id and a model alone is as often an agent or a job."""
        if depth == 0 or not keys & _ROUTE_PROVIDER_KEYS or not 2 < len(value) <= 100 or not _ROUTE_ID.fullmatch(value):
            return False
        self.tick()
        low = value.lower()
        if is_generic(low) or PLACEHOLDER.match(value) or is_provider_name(value) or _TEMPLATED.search(value):
            return False
        known = classify(value, "none")
        if known is not None and known.kind in ("api-model", "ollama-tag") and known.confidence >= 0.9:
            return True
        from modelmap.discover.classifier import _not_a_model
        from modelmap.discover.identify import is_slot_name

        fused = _FUSED_VERSION.fullmatch(low)  # a family word with its version run on (`deepseekv4pro`)
        return (names_family(value) or (fused is not None and names_family(fused.group(1)))) \
            and not is_slot_name(low) and not _not_a_model(value)

    def _short_name_of(self, name: str, pairs: list[tuple[Node, Node]]) -> bool:
        """The entry's ``name`` is the app's short name for the provider model its model key names (an API or cloud
        id, not a Hub repository): every word of the name is a word of that id, in any order, and the name reads as
        a model itself (a gateway's model list
        ``{"name": "claude-4.5-sonnet", "model": "global.anthropic.claude-sonnet-4-5-20250929-v1:0"}``,
        ``{"name": "llama4-scout", "model": "us.meta.llama4-scout-17b-instruct-v1:0"}``: clients ask for the name,
        the gateway calls the id). Two words at least, fewer or other than the id's own; a label of other words
        (``chat``, ``primary-llm``, ``fast-route``) stays the entry's own. The first 32 pairs, one budget step each."""
        words = [w for w in _NAME_WORD.split(name.lower()) if w]
        if len(words) < 2 or len(name) > 100 or classify(name, "key") is None:
            return False
        if any(isinstance(k, Scalar) and k.value.lower() == "id" for k, _ in pairs[:64]):
            return False  # an entry with an id of its own (an agent, an actor: `{"id": "<uuid>", "name": "FLUX.1",
            # "model": "FLUX.1_Shnell"}`) is looked up by the id; its name is a label
        for k, v in pairs[:32]:
            self.tick()
            if not (isinstance(k, Scalar) and isinstance(v, Scalar) and is_model_key(k.value)
                    and k.value.lower() not in _ENTRY_NAME_KEYS):
                continue
            model = v.value.strip().lower()
            if model == name.lower() or not 0 < len(model) <= 200 or "/" in model:
                continue  # (an entry named after a Hub repository, `{name: gpt-oss-20b, model_id: openai/gpt-oss-20b}`,
                # names the service built to serve it, a Bento or a Deployment: left to the served-name rule)
            model_words = [w for w in _NAME_WORD.split(model) if w]
            if set(words) <= set(model_words) and words != model_words:
                return True  # (the id's own words with other separators, `text_embedding_3_large` for
                # `text-embedding-3-large`, is the id spelt as a code key: left to the rules for the id itself)
        return False

    def _named_model_use(self, s: Scalar, value: str, endpoint: Endpoint | None) -> bool:
        """A model setting naming entries of the file's own model map (an agent's ``model: gpt4o`` or ``model:
        openai-o3,claude-sonnet``, each a key of the top-level ``models:``): each name is what its entry is, an alias
        reported where it spells its model and nothing where it is the file's own word for it (``opus``,
        ``gemini-flash``: the entry's ``model`` is reported where it is written). False when a part is no entry's
        name (the value is read as any model setting's)."""
        parts = [p.strip() for p in value.split(",")] if len(value) <= 1000 else []
        if not parts or not all(p in self._named_models for p in parts):
            return False
        after = s.start
        for part in parts:
            line, col, offset = self.position(s, part, after)
            after = offset + len(part)
            if self._named_models[part]:
                self.collector.add(part, line, col, classify(part, "key") or Match("api-model", None, 0.6),
                                   source_id=self.ids.key, endpoint=endpoint[1] if endpoint else None,
                                   provider=endpoint[0] if endpoint else None)
        return True

    def _add_entry_name(self, v: Scalar, endpoint: Endpoint | None) -> None:
        """A model entry's name reported as the model (a served name, a listed model id, a name spelling its own
        model id again)."""
        alias = v.value.strip()
        line, col, _ = self.position(v, alias)
        self.collector.add(alias, line, col, classify(alias, "key") or Match("api-model", None, 0.6),
                           source_id=self.ids.key, endpoint=endpoint[1] if endpoint else None,
                           provider=endpoint[0] if endpoint else None)

    def _namespaced_own_id(self, s: Scalar, own_ids: set[str], endpoint: Endpoint | None) -> bool:
        """A record's other id that is its own model id under a namespace word (TaskingAI's
        ``model_schema_id: tongyi/qwen-long`` beside ``provider_model_id: qwen-long``; a catalogue's
        ``{"id": "openai/gpt-4o", "model": "gpt-4o"}``): the same model, provider-prefixed, whatever the prefix word
        (the app's name for the provider). Only where the walk would not find the value by itself."""
        value = s.value.strip()
        m = _NAMESPACED_ID.fullmatch(value)
        if m is None or m.group(2).lower() not in own_ids or classify(value, "none") is not None:
            return False
        line, col, _ = self.position(s, value)
        self.collector.add(value, line, col, Match("provider-prefixed", endpoint[0] if endpoint else None, 0.8),
                           source_id=self.ids.key, endpoint=endpoint[1] if endpoint else None,
                           provider=endpoint[0] if endpoint else None)
        return True

    def catalogue_peers(self, items: list[Node], endpoint: Endpoint | None) -> None:
        """Peer evidence in a catalogue of model records (``"defaultModels": [{"id": "LongCat-Flash-Chat", …},
        {"id": "LongCat-Flash-Lite", …}]``): when most records' ids are models the walk recognised, the other
        model-shaped ids are models too (``discover.peers``: three recognised at least, half of the ids, the list
        named as a model list). A record's id is its ``id`` or, without one, its model key's value; one budget step
        per record, lists past ``MAX_TABLE`` records are not weighed."""
        if len(items) < MIN_KNOWN or len(items) > MAX_TABLE:
            return
        ids: list[Scalar] = []
        for item in items:
            self.tick()
            if isinstance(item, Mapping):
                ident = item.get("id")
                if not isinstance(ident, Scalar):
                    ident = next((v for k, v in item.pairs[:32] if isinstance(k, Scalar) and isinstance(v, Scalar)
                                  and k.value.lower() in ("model", "model_id", "modelid", "model_name", "modelname")),
                                 None)
                if isinstance(ident, Scalar) and 0 < len(ident.value) <= 200 and not _TEMPLATED.search(ident.value):
                    ids.append(ident)
        self._add_peers(ids, "key", self.ids.key, endpoint)

    def _add_peers(self, scalars: list[Scalar], hint: str, source_id: str, endpoint: Endpoint | None,
                   alone: Callable[[str], bool] | None = None) -> None:
        """Report the entries of one table that ``discover.peers.accepted`` makes models, each recognised on its own
        when ``classify`` under ``hint`` knows it; ``alone``: a further test an accepted entry must pass."""
        ok = accepted((s.value.strip(), classify(s.value.strip(), hint) is not None) for s in scalars)
        for s in scalars:
            value = s.value.strip()
            why = ok.get(value)
            if why is None or (alone is not None and not alone(value)):
                continue
            line, col, _ = self.position(s, value)
            self.collector.add(value, line, col, peer_match(value), source_id=source_id,
                               endpoint=endpoint[1] if endpoint else None,
                               provider=endpoint[0] if endpoint else None, evidence=(why, "shape:peer"))

    def _family_stem(self, value: str, pairs: list[tuple[Node, Node]]) -> bool:
        """A record's id or name that a sibling value extends (``{Id: dall-e, Name: dall-e-2, Version: dall-e-2}``)
        and that the knowledge base does not know as a model by itself: the family the record is grouped under, not
        a model. One pass over the record's scalar values (each a budget step)."""
        if len(value) < 3 or classify(value, "none") is not None:
            return False
        for _, other in pairs:
            self.tick()
            if isinstance(other, Scalar):
                o = other.value.strip()
                if len(o) > len(value) + 1 and o.startswith(value) and o[len(value)] in "-_.:" \
                        and classify(o, "key") is not None:
                    return True
        return False

    def is_model_list(self, low_key: str, parent_key: str | None) -> bool:
        """A list of models named by a verb under a model key: ``models: {pull: [llama3.2], run: [...]}``."""
        return low_key in _MODEL_LIST_VERBS and bool(parent_key) and is_model_key(str(parent_key))

    def section_hint(self, low_key: str, parent_key: str | None, key: str | None = None) -> Hint | None:
        """The hint for a value that its key path, rather than its own key, marks as a model (see
        ``_PRESET_KEYS`` and ``_MODEL_LIST_VERBS``); None when the path says nothing. ``self.path`` ends with
        the key of the collection that holds the value."""
        parent = (parent_key or "").lower()
        if low_key in ("name", "id") and parent in _PRESET_KEYS and any(
                a in _SERVING_SECTIONS for a in self.path[-4:]):
            return "key"
        if self.is_model_list(low_key, parent_key):
            # under an Ollama section (the Ollama Helm chart's values) the names are Ollama library tags
            return "ollama" if "ollama" in self.path[-5:] else "key"
        if low_key in _SECTION_CHILD_KEYS and parent_key and _is_model_section(parent_key):
            return "key"
        if len(self.path) >= 2 and self.path[-2] == "models" and key and _ID_KEY.search(key):
            # the id of one entry of a catalogue's `Models` mapping, keyed by entry name (`"Models": {"Phi4MiniGPU":
            # {"Id": …, "AIToolkitId": "Phi-4-mini-gpu-int4-rtn-block-32"}}`): the value must still look like a
            # model (a UUID or an entry number is none)
            return "key"
        if low_key in _ALIAS_KEYS and not any(p in _NOT_ALIAS_PARENTS for p in self.path[-4:]):
            # a router's or gateway's other names for one model (`- id: gpt-4o` / `aliases: [gpt4o]`): each is a
            # model selector; it must still look like a model (a bare `fast` or `default` does not)
            return "key"
        return None

    def under_output(self, low_key: str) -> bool:
        """The value of a key, or one in a section, that says where a job writes what it produces (a benchmark's
        ``outputLocation: {storageUri: oci://…}``, ``results_uri``, ``logs.storage_uri``); the nearest three sections
        looked at. A model key's own value is not (``output_model_uri``)."""
        return any(_OUTPUT_SECTION.match(p) is not None for p in self.path[-3:]) or (
            _OUTPUT_SECTION.match(low_key) is not None and not is_model_key(low_key))

    def under_dataset(self, low_key: str) -> bool:
        """The value of a data set's key, or one in a data set's section (``datasets: [{path: org/name}]``):
        ``self.path`` ends with the key of the collection that holds the value (the nearest four looked at)."""
        near = self.path[-4:]
        # (one substring test of the four joined answers most calls: each key must hold "dataset" to be one)
        return _is_dataset_key(low_key) or ("dataset" in "\0".join(near) and any(_is_dataset_key(p) for p in near))

    def mapping_key(self, k: Scalar, endpoint: Endpoint | None, hint: Hint = "none") -> None:
        # a key that is itself a well-known model name (pricing tables, per-model settings); ``hint`` "key": the
        # name of an entry that configures one model (`"qwen-7b-api": {"type": "dashscope", "model": "qwen-7b-chat"}`),
        # a selector for it, read as a model key's value is (a generic `default` or `chat` is still none)
        if len(k.value) < 3 or _TEMPLATED.search(k.value) or is_model_key(k.value) or self.under_dataset(""):
            return
        if self.path == ["", "scripts"] and _SCRIPTS_MANIFEST.search(self.file.path):
            return  # package.json's / composer.json's `"scripts": {"start:gpt-5": "tsx gpt-5.ts"}`: a script's name,
            # run as `npm run start:gpt-5`, however it is named after the model its example calls
        if hint == "key" and _SETTINGS_SECTION.fullmatch(k.value.strip()):
            # `whisper: {model: large-v3}`, `[tts_qwen]` / `[fun_asr]` with a `model` inside: a settings section named
            # after the engine it configures (letters and underscores, no version): the model is its child
            hint = "none"
        if self.collector.reports_nothing(k.value, hint):
            return  # most keys name no model: their position is not looked up (42k keys on a copy of the real tree)
        line, col, _ = self.position(k, k.value)
        self.collector.model(k.value, line, col, hint=hint, source_id=self.ids.value,
                             endpoint=endpoint[1] if endpoint else None, provider=endpoint[0] if endpoint else None)

    def scalar(self, s: Scalar, key: str | None, parent_key: str | None, endpoint: Endpoint | None,
               in_env: bool = False) -> None:
        value = s.value.strip()
        if not value:
            return
        if key is not None and len(key) > MAX_KEY_CHARS:
            key = None
        if parent_key is not None and len(parent_key) > MAX_KEY_CHARS:
            parent_key = None
        if len(value) > 100_000:  # passed over; said in a skip when it names a model word (a `cmd: |` of 40,000 lines)
            self._over_bounds(s, "value", "100,000 characters")
            return
        low_key = (key or "").lower()
        if "ggml-${" in value:
            for spliced in itertools.islice(_GGML_SIZE_DEFAULT.finditer(value), 8):
                # `/models/ggml-${MODEL_NAME:-base.en}.bin`: the default a whisper.cpp weight file's name is built with
                # is the Whisper checkpoint used when nothing is set (identify's ggml-<size>.bin, spelled in parts)
                line, col, _ = self.position(s, spliced.group(0))
                col += spliced.start(1) - spliced.start(0)
                self.collector.add(spliced.group(1), line, col, Match("other", None, 0.6, "speech"), key_role="speech",
                                   source_id=self.ids.key)
        if "-D" in value and len(value) <= 20_000:
            self.jvm_properties(s, value)
        if low_key == "nim_tags_selector" and "name=" in value and len(value) <= 2000 \
                and (selected := _NIM_TAGS_NAME.search(value)) is not None:
            # an NVIDIA NIM's profile selector (`NIM_TAGS_SELECTOR: name=parakeet-1-1b-ctc-en-us,mode=ofl`): comma-
            # separated tags, `name` the model the container serves (docs.nvidia.com/nim/riva/asr/latest/support-
            # matrix.html, as_of 2026-12-07); the other tags (mode, batch_size) are the profile's settings
            line, col, _ = self.position(s, selected.group(1))
            if self.collector.model(selected.group(1), line, col, hint="key", source_id=self.ids.env) is None:
                self.collector.add(selected.group(1), line, col, Match("api-model", None, 0.6), key_role=None,
                                   source_id=self.ids.env)
            return
        if self._named_models and key and is_model_key(key) and self._named_model_use(s, value, endpoint):
            return
        if low_key in _CARGO_NAME_KEYS and _CARGO_MANIFEST.search(self.file.path):
            return  # Cargo.toml: a crate's, binary's or example's name, a dependency's path ([[example]] name = "gpt-4o")
        if low_key == "name" and self.path in (["", "project"], ["", "tool", "poetry"]) \
                and _PYPROJECT.search(self.file.path):
            return  # pyproject.toml: the package's own name ([project] name = "gpt-oss-20b", a deployment's package)
        if key and _FIXTURE_FILE.search(self.file.path) and _ROW_LABEL.fullmatch(value) and is_model_key(key):
            return  # a test fixture's reference to another fixture's row by its label (`language_model: gpt_4o`)
        if self.under_dataset(low_key) and not (key and is_model_key(key)) and not (
                parent_key and is_model_key(parent_key)):
            return  # a data set's id or path (datasets: [{path: mhenrichsen/alpaca_2k_test}]), not a model
        if value[:1] in "[{" and (value[-1:] in "]}" or _json_then_text(value)) and low_key not in COMMAND_KEYS \
                and self.embedded_json(s, key, parent_key, endpoint):
            return
        if ("://" in value or value.startswith(("./", "../", "/", "~/"))) and self.under_output(low_key):
            return  # where a job writes its results (OME outputLocation.storageUri: oci://…/deepseek-r1-benchmark, an
            # eval's `output: {dir: ./.tmp/eval/llama-33-70b}`)
        if low_key in self.location_keys and "://" in value and not _TEMPLATED.search(value) and not (
                low_key in ("storageuri", "storage_uri") and _bare_claim(value)):
            # the location field of a model resource (KubeAI Model spec.url: any hf://, ollama://, pvc://, s3://)
            line, col, _ = self.position(s, value)
            if self.collector.model(value, line, col, hint="key", key_role=role_from_key(key),
                                    source_id=self.ids.key):
                return
        located = "://" in value and low_key not in _NOT_LOCATION_KEYS and (
            is_model_location(value) or _weight_file_url(value))
        # the version of an entry in a list of models (`"Models": [{"Name": "gpt-5.1", "Version": "gpt-5.1"}]`) is
        # the id the API is called with when it names one; a version number ("0613", "2024-05-13") names none
        entry_version = low_key == "version" and _names_version_model(value, parent_key)
        if low_key in ("url", "urls") and "://" in value and len(value) <= 2000 and low_key not in self.skip_keys \
                and (hosted := hosted_model_path(value)) is not None:
            # a connector's or gateway's `url: https://bedrock-runtime.<region>.amazonaws.com/model/<id>/invoke`: the
            # call's own address names the model it runs (uris.hosted_model_path), though a `url` key names no model
            mline, mcol, _ = self.position(s, hosted)
            self.collector.model(hosted, mline, mcol, hint="key", key_role=role_from_key(parent_key),
                                 source_id=self.ids.key)
            return
        if (low_key in _NOT_MODEL_KEYS and not located and not entry_version) or low_key in self.skip_keys:
            return
        if value.startswith("arn:aws") and (arn_model := bedrock_arn_model(value)) is not None:
            # `model_arn: arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0`: the
            # model the ARN names, written as its id (as the language readers read a Bedrock ARN)
            mline, mcol, _ = self.position(s, arn_model)
            self.collector.model(arn_model, mline, mcol, hint="key", key_role=role_from_key(key),
                                 source_id=self.ids.key)
            return
        if value[:7] == "OpenAI." and (usage := azure_usage_model(value)) is not None:
            # an azd template's `"usageName": ["OpenAI.GlobalStandard.gpt-4o,150"]`: the quota usage's model part
            # (identify.azure_usage_model), the model the template deploys
            mline, mcol, _ = self.position(s, usage.group(1))
            self.collector.model(usage.group(1), mline, mcol, hint="key", key_role=role_from_key(key),
                                 source_id=self.ids.key)
            return
        if key and not located and _PROVIDER_KEY.fullmatch(snake(key)) and is_provider_name(value):
            return  # a catalogue entry's `"providerId": "mistral"`, `provider: ollama`: who serves the entry's model
            # (the tree-sitter readers' provider-binding rule); a provider's id may also be an Ollama model's name
        if low_key.endswith("slug") and low_key != "slug" and not located:
            return  # `seo_slug: "azure-gpt-5-1"`, `url_slug`: a page's URL segment named after a model; a bare `slug`
            # is left to the other rules (a catalogue's model id: Codex's models file `{"slug": "gpt-5.4", …}`)
        if low_key == "name" and (parent_key or "").lower() == "metadata":
            return  # a Kubernetes object's own name (metadata.name: gpt-oss-20b), not the model it serves
        if low_key == "name" and (parent_key or "").lower().endswith(_STORE_OBJECTS):
            return  # the name of a cache, volume or claim object (NIMService storage.nimCache.name: meta-llama3-8b)
        if low_key == "name" and (parent_key or "").lower() in _SERVING_OBJECTS:
            return  # the name of a serving runtime, server or route (OME runtime.name: srt-kimi-k2-pd), not a model
        if _INTERFACE_KEY.fullmatch(low_key.rsplit(".", 1)[-1]) and "/" in value:
            return  # `llm_interface: bedrock/converse/claude`: the API dialect an agent speaks to its model (a
            # provider, an operation, a family), not the model, which its connector names
        if low_key == "name" and not (parent_key and is_model_key(parent_key)) and _provider_dressed(value):
            return  # a registered model's or connector's display name (`name: openAI-gpt-3.5-turbo`): a provider's
            # name joined to a model's id; the API is called with the bare id, written where the call is set up
        if key and _is_object_name_key(key):
            return  # another object's name (Kthena modelServerName: deepseek-v2, serviceName, collection_name)
        if located:
            # a model URI or hub address names its model wherever it is written (hf://org/name, ollama://tag,
            # s3://bucket/models/Qwen2-7B-Instruct, https://huggingface.co/org/name), under any key (KubeAI's url)
            # and as one item of a container's args (a KServe storage-initializer job: [hf://org/name, /mnt/models])
            line, col, _ = self.position(s, value)
            hint: Hint = "key" if key and is_model_key(key) else "hf"
            self.collector.model(value, line, col, hint=hint, key_role=role_from_key(key), source_id=self.ids.key)
            return
        if "(" in value and "'" in value and _SQL_TEXT.search(value) is not None and self._sql_model_calls(s):
            return
        if "\n" in s.value and _SCRIPT_KEY.fullmatch(low_key) and self.file.text.startswith("|", s.start):
            self.script_block(s)  # a ConfigMap's `sweep.sh: |`: a shell script kept under its file name
            return
        section = self.section_hint(low_key, parent_key, key)
        if ("\n" in s.value.strip() and low_key in _CI_SCRIPT_KEYS and section is None
                and self.file.text.startswith("|", s.start)):
            # a CI step's `run: |` (GitHub Actions) or a job's `script: |` (GitLab, Buildkite) is a shell script
            # written over several lines, run by a shell as a file is: read by the shell reader (assignments, arrays,
            # for lists, a request body's `"model": "…"` lines of a `curl -d '{…}'`), not as one command per line.
            # General: any CI system's multi-line script step, whatever the repository builds. Read as commands too
            # (the command reader splits a line at `|` and `;`: a `sed "s|x|source: oci://…|"` edit); a value both
            # readers find on a line is kept once, as the command reader placed it
            findings = self.collector.findings
            before = len(findings)
            self.script_block(s)
            scripted = len(findings)
            self.command_text(s)
            commands = {(f.line, f.raw) for f in findings[scripted:]}
            findings[before:scripted] = [f for f in findings[before:scripted] if (f.line, f.raw) not in commands]
            return
        if "\n" in s.value and _SETTINGS_FILE_KEY.search(low_key) and self.file.text.startswith("|", s.start) and (
                self.embedded(s, key, parent_key, endpoint) or self.embedded_config(s, key, parent_key, endpoint)):
            # a settings file kept under its file name (a ConfigMap's `provider.yaml: |`) is that file, even where its
            # text names a program and a flag (`entrypoint: [python, main.py]`, a parameter's `--model` help)
            return
        if (low_key in COMMAND_KEYS and section is None) or (("\n" in value or " " in value)
                                                              and _looks_like_command(value)):
            self.command_text(s)
            return
        if "\n" in s.value and self.file.text.startswith("|", s.start) and (
                self.embedded(s, key, parent_key, endpoint) or self.embedded_config(s, key, parent_key, endpoint)):
            return
        if "\n" in s.value and self.file.text.startswith("|", s.start) and "[" in s.value and self.script_lists(s):
            return
        hint_key = key
        m = env_default_match(value)
        if m:
            value = env_default(m)
            if not (key and is_model_key(key)):
                hint_key = m.group("var")
        if not value or len(value) > 300:
            return
        line, col, _ = self.position(s, value)
        from modelmap.discover.shell import checkpoint_location

        if checkpoint_location(low_key, value):
            # where a server or trainer loads a model's checkpoint from (a container's `load_parameters_path=gs://…`
            # argument, read as a key and its value; shell.checkpoint_location)
            self.collector.add(value, line, col, Match("model-file", None, 0.6), key_role=role_from_key(key),
                               source_id=self.ids.key)
            return
        if "://" in value and (hosted := hosted_model_path(value)) is not None:
            # OCR_HTTP_ENDPOINT=https://ai.api.nvidia.com/v1/cv/nvidia/nemotron-ocr-v1: a hosted model's own address
            # names the model it calls (uris.hosted_model_path); the address is still read as an endpoint below
            mline, mcol, _ = self.position(s, hosted)
            self.collector.model(hosted, mline, mcol, hint="key", key_role=role_from_key(hint_key),
                                 source_id=self.ids.key)
        if "://" in value and low_key not in _NOT_LOCATION_KEYS and is_model_location(value):
            # ${MODEL_URI:-hf://org/name}: reported as written
            self.collector.model(value, line, col, hint="hf", key_role=role_from_key(hint_key), source_id=self.ids.key)
            return
        if "://" in value:
            # a model location under a model key: KServe storageUri, modelURL, model_uri (s3://, gs://, pvc://…)
            model_location = bool(hint_key and is_model_key(hint_key)) or bool(
                parent_key and is_model_key(parent_key) and low_key in _CHILD_OF_MODEL_KEYS) or (  # model: {uri: pvc://…}
                section is not None and low_key in ("uri", "url"))  # modelArtifacts: {uri: pvc://…}
            if model_location and not classify_endpoint(value) and not _bare_claim(value) and self.collector.model(
                    value, line, col, hint="key", key_role=role_from_key(hint_key), source_id=self.ids.key):
                return
            if classify_endpoint(value):
                self.collector.endpoint(value, line, col, source_id=self.ids.endpoint)
            elif key and client_url_key(key) and classify_client_endpoint(value):
                # OPENAI_BASE_URL=http://10.0.3.7:8000/v1, api_base: http://vllm.llm.svc.cluster.local:8000/v1: a
                # model server on the company's own network (not a bare private URL under any other key)
                self.collector.endpoint(value, line, col, source_id=self.ids.endpoint, client=True)
            else:
                self._extra_endpoint(value, line, col)
            return
        if low_key in VOLUME_KEYS:
            self.volume(s, value)
            return
        if value.startswith("${{") and key and is_model_key(key) and len(value) <= 2000 \
                and (fallback := _ACTIONS_FALLBACK.fullmatch(value)) is not None:
            # a GitHub Actions expression's fallback under a model key (`LLM_MODEL: ${{ vars.LLM_MODEL ||
            # 'openai/gpt-4o-mini' }}`, `${{ inputs.model || 'gpt-4o' }}`): the literal the step runs with when
            # nothing is set, as `${LLM_MODEL:-gpt-4o}` is a variable's default
            literal = fallback.group(1)
            line, col, _ = self.position(s, literal)
            self.collector.model(literal, line, col, hint="key", key_role=role_from_key(key), source_id=self.ids.env)
            return
        if low_key == "if" and len(value) <= 2000 and "'" in value and self._actions_model_tests(s, value):
            return
        if _TEMPLATED.search(value):
            return
        if (low_key in _MODEL_FILE_KEYS or (low_key in _FILE_NAME_KEYS and any(
                _MODEL_FILES_SECTION.fullmatch(p) for p in self.path[-2:]))) and _ENTRY_FILE.fullmatch(value):
            # a model's weights file named in its catalogue entry (modelFile: gemma-3n-E2B-it-int4.task)
            self.collector.add(value, line, col, Match("model-file", None, 0.7), key_role=role_from_key(key),
                               source_id=self.ids.key)
            return
        if low_key in _WHISPER_MODEL_KEYS and parent_key and _WHISPER_BLOCK.fullmatch(parent_key.strip()) \
                and _WHISPER_SIZE_WORD.fullmatch(value.lower()):
            # whisper_cpp: {model_name: small}, whisper: {name: medium}: the Whisper checkpoint of that size
            self.collector.add(value, line, col, Match("other", None, 0.7, "speech"), key_role="speech",
                               source_id=self.ids.key)
            return
        if hint_key and is_model_key(hint_key) and _WHISPER_SIZE_WORD.fullmatch(value) \
                and _WHISPER_TEXT.search(self.file.text) and self.collector.model(
                    value, line, col, hint="key", key_role=role_from_key(hint_key), source_id=self.ids.key) is None:
            # MODEL_NAME=${MODEL_NAME:-base.en} in a compose file whose service downloads Whisper weights: a size word
            # under a model key, in a file that names Whisper, is the checkpoint chosen, as a script's MODEL="tiny"
            # is (shell.scan_assignment) and a model-bound literal in code is (polyglot._whisper_size)
            self.collector.add(value, line, col, Match("other", None, 0.6, "speech"), key_role="speech",
                               source_id=self.ids.key)
            return
        if low_key in _OWNER_KEYS or (low_key in ("example", "default") and parent_key is not None
                                      and parent_key.lower() in _OWNER_KEYS):
            return  # `owned_by: model-namespace/llama-2-7b-chat` in an OpenAI-style model object (or the example of
            # an OpenAPI schema's `owned_by` property): who owns the model (an organisation, a namespace), never the
            # model itself, however model-shaped
        model_field = bool(hint_key and is_model_key(hint_key)) or bool(
            parent_key and (is_model_key(parent_key) or _CHECKPOINT_SOURCE.fullmatch(parent_key))
            and low_key in _CHILD_OF_MODEL_KEYS) or section is not None or entry_version
        if value.lower() in _BACKEND_WORDS:
            return
        if not model_field and key and snake(key).lstrip("_") in DISPLAY_BINDINGS:
            # `display_name: "GLM-5.2"`, `label:`, `description:` beside a model entry: text for people, even when it
            # spells a model the knowledge base knows (the entry's model_id is the reference), as in code
            # (classifier.DISPLAY_BINDINGS)
            return
        hint = (section or "key") if model_field else "none"
        if not model_field and _is_output_key(low_key) and _output_names_model(value):
            # where a trainer or exporter writes the model it makes (output_dir: saves/Qwen3-4B-sft-full): a model
            # directory when its own last part names a model with a family word and a size, as a shell
            # script's --output_dir / SAVE_PATH= (shell._is_model_dir_name); saves/qwen3-4b/lora/sft is a run's folder
            line, col, _ = self.position(s, value)
            self.collector.add(value, line, col, Match("model-file", None, 0.6), key_role=role_from_key(key),
                               source_id=self.ids.value)
            return
        relative_dir = False
        if not model_field and _looks_like_path(value) and not _WEIGHT_EXT.search(value):
            # a path under an unrelated key (working_dir: /glm3) is not a model; a model directory under a
            # *_PATH / *_DIR key is (EMBEDDING_PATH=/models/bge-large-zh-v1.5), and so is a folder of the Hub's own
            # cache under any key (`quantized_checkpoints_path: /root/.cache/huggingface/hub/models--org--name/
            # snapshots/<sha>`): huggingface_hub names that folder `models--<org>--<name>` for one model repo, a
            # layout nothing else writes (uris.HF_CACHE_DIR; a `datasets--` folder is not one)
            if not ((_PATH_KEY.fullmatch(low_key) and _is_model_dir(value))
                    or (len(value) <= 400 and HF_CACHE_DIR.search(value) is not None)):
                return
            hint = "path"
        elif (not model_field and ("/" in value or "\\" in value) and _PATH_KEY.fullmatch(low_key)
              and _is_model_dir(value)):
            # the same written relative to the app's folder (DB-GPT `path = "models/THUDM/glm-4-9b-chat-hf"`)
            hint = "path"
            relative_dir = True
        elif (not model_field and "/" not in value and "\\" not in value and _PATH_KEY.fullmatch(low_key)
              and _is_model_folder_key(low_key) and _output_names_model(value)):
            # a folder right in the app's folder, named for its model with a family word and a size (wenda's
            # `aquila: {path: AquilaChat-7B}`); a bare word (path: models) or a data/output key's folder is not
            hint = "path"
            relative_dir = True
        source_id = (self.ids.env if in_env else self.ids.key) if model_field else self.ids.value
        # the key's name and the serving engine's usual task are weak evidence: the model's own role wins
        key_role = role_from_key(hint_key) or (role_from_key(parent_key) if model_field else None)
        if self.server_role and model_field:
            key_role = key_role or self.server_role
        # a JSON settings file's Azure OpenAI deployment (deployments.says_deployment): served by Azure OpenAI,
        # whatever the name it is called by says
        deploy = bool(key) and is_json_settings(self.file.path) and says_deployment(self.path, key or "")
        if self.arm_openai and low_key == "defaultvalue" and parent_key and self.path[-2:-1] == ["parameters"]:
            # an ARM template's parameter named for a deployment (`"chatDeploymentName": {"defaultValue": …}`)
            deploy = says_deployment(["openai"], parent_key)
        provider = endpoint[0] if endpoint else (DEPLOYMENT_PROVIDER if deploy or self.arm_openai else None)
        parts = [value]
        if model_field and len(value) <= 4000 and ("," in value or (value.startswith("[") and value.endswith("]"))):
            # a comma-separated list under a model key (OPENAI_MODELS=gpt-4o,gpt-4o-mini; models: "a, b"), or a JSON
            # list written as one string (AVAIL_LLM_MODELS: '["gpt-4", "qwen-max"]'): each item
            parts = [q for p in value.split(",") if (q := p.strip(" \t[]\"'"))]
        elif "," in value and (selections := selection_items(value)):
            # a list of `provider/model` selections under any key (`"providers": "openai/gpt-4o,ollama/llava"`):
            # each selection, the list itself none (identify.selection_items)
            parts = [item for _, item in selections]
        after = None
        for part in parts:
            if len(parts) > 1:
                self.tick()
                line, col, offset = self.position(s, part, after)
                after = offset + len(part)
            hit = self.collector.model(part, line, col, hint=hint, key_role=key_role, source_id=source_id,
                                       api=self.server_api if model_field else None,
                                       endpoint=endpoint[1] if endpoint else None, provider=provider)
            if hit is None and relative_dir:
                # a model directory under a *_path / *_dir key that the knowledge base cannot name by itself
                # (path: model/replit-code-v1-3b, path: model\SUS-Chat-34B-AWQ): still that model's folder
                self.collector.add(part, line, col, Match("model-file", None, 0.6), key_role=key_role,
                                   source_id=source_id)
            elif hit is None and hint == "key" and hint_key and _MODEL_ID_KEY.search(hint_key) \
                    and _HUB_ID_SHAPE.fullmatch(part) and not any(_FILL_IN_PART.search(p) for p in part.split("/")):
                # an org/name under a model-id key (EMBEDDING_MODEL_ID: BridgeTower/bridgetower-large-itm-mlm-itc):
                # the Hub's name for the key, read as from_pretrained reads its argument, not only known ids
                self.collector.model(part, line, col, hint="hf", key_role=key_role, source_id=source_id,
                                     api=self.server_api)
            elif hit is None and model_field and "/" not in part and part.lower() in _hub_model_names():
                # a toolkit's own Hub model named without its org under a model key (FunASR settings:
                # vad_model: fsmn-vad, punc_model: ct-punc, the Hub's funasr/fsmn-vad and funasr/ct-punc)
                self.collector.add(part, line, col, Match("other", None, 0.7), key_role=key_role,
                                   source_id=source_id, api=self.server_api)
            elif hit is None and model_field and _looks_like_path(part) and hub_id_of_dir(_last_part(part)):
                # a model directory named after its Hub id under a model key
                # (EMBEDDING_MODEL_NAME=/opt/app/model/embedding/shibing624_text2vec-base-chinese)
                self.collector.add(part, line, col, Match("model-file", None, 0.7), key_role=key_role,
                                   source_id=source_id, api=self.server_api)
            elif hit is None and hint == "key" and local_model_folder(part) is not None:
                # a local folder whose last part reads as a model's name with a version or size, under a model key
                # (MODEL_PATH: /workspace/acme/translation-eng-2-indic; classifier.local_model_folder)
                self.collector.add(part, line, col, Match("model-file", None, 0.5), key_role=key_role,
                                   source_id=source_id, api=self.server_api)
            elif hit is None and hint == "key" and UNDERSCORE_VERSIONED.fullmatch(part) and not is_generic(part):
                # a name versioned with underscores under a model key (MODEL_NAME: bulbul_0_4, a Triton / Riva
                # model repository's folder name)
                self.collector.add(part, line, col, Match("api-model", None, 0.5), key_role=key_role,
                                   source_id=source_id, api=self.server_api)
            elif hit is None and not model_field and part in self._route_ids and not self.under_dataset(low_key):
                # a tier's or fallback's list of the entries' routing ids (`tiers: {fast: {candidates: [qwen-flash,
                # qwen3-local]}}`), after the entries named them (_routing_id): each item is that entry's model
                self.collector.add(part, line, col, classify(part, "key") or Match("api-model", None, 0.6),
                                   key_role=key_role, source_id=source_id, api=self.server_api)
            elif hit is None and hint == "key" and hint_key and is_model_key(hint_key) \
                    and keyed_identifier(part, hint_key):
                # a voice agent's graph node `"model": "aura-2-thalia-en"` (Deepgram), `"step-1o-audio"`: an id with
                # a version digit that the knowledge base does not hold yet, under the model key itself (not a
                # parent's or a section's); the binding-only rule code's readers apply (classifier.keyed_identifier)
                self.collector.add(part, line, col, Match("api-model", None, 0.5), key_role=key_role,
                                   source_id=source_id, api=self.server_api,
                                   evidence=(f"rule:{source_id}", f"binding:{hint_key}", "binding-only",
                                             "shape:api-model",
                                             *(("file-role:" + self.file.context,)
                                               if self.file.context in ("test", "example", "docs") else ())))
            elif hit is None and deploy and len(parts) == 1 and is_deployment_name(part):
                # the name an Azure OpenAI deployment is called by under a key path that says deployment
                # (`"AzureOpenAI": {"Deployments": {"Chat": "orders-chat"}}`, `"AzureOpenAI:ChatDeploymentName":
                # "support-chat"`): the model the app calls, its name the company's own (deployments.py)
                self.collector.add(part, line, col, Match("api-model", DEPLOYMENT_PROVIDER, 0.5), key_role=key_role,
                                   source_id=self.ids.key,
                                   evidence=(f"rule:{self.ids.key}", f"binding:{key}", "azure-deployment",
                                             "shape:api-model",
                                             *(("file-role:" + self.file.context,)
                                               if self.file.context in ("test", "example", "docs") else ())))

    def _sql_model_calls(self, s: Scalar) -> bool:
        """The models a SQL statement kept as a setting calls through the database's own AI functions
        (``_SQL_MODEL_CALL``: an MCP toolbox tool's ``statement: SELECT … embedding('text-embedding-005', $1)``);
        True when one was reported. At most 32 calls a value."""
        found = False
        after = None
        for n, call in enumerate(_SQL_MODEL_CALL.finditer(s.value)):
            self.tick()
            if n >= 32:
                break
            model = call.group(2)
            if _TEMPLATED.search(model):
                continue
            line, col, offset = self.position(s, f"'{model}'", after)
            after = offset + len(model) + 2
            hit = self.collector.model(model, line, col + 1, hint="key",
                                       key_role="embedding" if "embed" in call.group(1).lower() else None,
                                       source_id=self.ids.key)
            found = found or hit is not None
        return found

    def _registered_model(self, v: Scalar, endpoint: Endpoint | None) -> None:
        """The name a model is registered under with its artifact's format (_registered_names), read as a model
        key's value; a pretrained model's ``<source>/<group>/<name>`` (OpenSearch's ``amazon/neural-sparse/…``) is the
        model ``<group>/<name>`` names, with its source's word before it."""
        value = v.value.strip()
        before = len(self.collector.findings)
        self.scalar(v, "model_name", None, endpoint)
        if len(self.collector.findings) > before or value.count("/") != 2 or _TEMPLATED.search(value) \
                or len(value) > 200:
            return
        source, rest = value.split("/", 1)
        hit = classify(rest, "key") if _SOURCE_WORD.fullmatch(source) else None
        if hit is not None:
            line, col, _ = self.position(v, value)
            self.collector.add(value, line, col, Match("provider-prefixed", None, min(hit.confidence, 0.8)),
                               source_id=self.ids.key)

    def embedded(self, s: Scalar, key: str | None, parent_key: str | None, endpoint: Endpoint | None) -> bool:
        """A literal block (``|``) that holds a YAML or JSON document: a ConfigMap's ``config.yaml: |``, a RayService's
        ``serveConfigV2: |``, a Helm value holding an app's settings file. The block is parsed on its own, its offsets
        moved to where it sits in the file, and walked as if it were nested under its key.
        A block holding a list of mappings is a settings file too: LocalAI's model config (``config: |`` then ``- name:
        llama-3.2-1b-instruct`` / ``parameters: {model: x.gguf}``, one entry a model), a list of routes or deployments.
        Bounded: blocks up to 64 KB, at most 32 per file, one level of nesting. False when the block is neither a
        mapping nor a list of mappings (a script, prose, a certificate, a list of words)."""
        text = self.file.text
        if self._embedded_depth >= 1 or (key and _PROSE_KEY.search(key)):
            return False
        if self._embedded_count >= 32 or s.end - s.start > 65_536:
            if _EMBEDDED_KEY_LINE.search(text, s.start, min(s.end, s.start + 65_536)):
                self._over_bounds(s, "YAML block")
            return False
        if not _EMBEDDED_KEY_LINE.search(text, s.start, s.end):
            return False
        body = text.find("\n", s.start, s.end) + 1
        if body <= 0:
            return False
        self._embedded_count += 1
        self.tick(1 + (s.end - s.start) // 256)
        # parsed uncached (the offsets are moved in place below, and the cache hands out the same trees)
        parsed, error = _parse_yaml_cached.__wrapped__(text[body:s.end])
        docs = [_shift(doc, body) for doc in parsed if doc is not None and _settings_document(doc)] if error is None else []
        if not docs:
            return False
        self._embedded_trees.extend(docs)
        self._embedded_depth += 1
        try:
            for doc in docs:
                self.walk(doc, key, parent_key, endpoint)
        finally:
            self._embedded_depth -= 1
        return True

    def _over_bounds(self, s: Scalar, what: str, limit: str | None = None) -> None:
        """A value the embedded readers would parse, passed over for their bounds (64 KB a value, 32 a file), is
        reported once a file when it names a model word, as script_block reports its own cap: a skip, never silent
        (a 73 KB list of LocalAI model entries, a long recorded HTTP body). A big block that names no model (a
        dashboard's JSON, a certificate) stays quiet: passing it over loses nothing this scan looks for."""
        if self._said_cap or not _MODEL_WORD_CAP.search(self.file.text, s.start, s.end):
            return
        self._said_cap = True
        line, _ = self.collector.position(s.start)
        size = f"{(s.end - s.start) >> 10} KiB" if s.end - s.start > 65_536 else f"{s.end - s.start} bytes"
        if limit is not None:
            self.passed_over.append(Skip(self.file.path, "analysis-budget", f"config: a {what} of {size} at line "
                                         f"{line} (over {limit}) was not read"))
            return
        why = "over 64 KiB" if s.end - s.start > 65_536 else "past the 32 embedded documents a file is read for"
        self.passed_over.append(Skip(self.file.path, "analysis-budget", f"config: a {what} of {size} at line {line} "
                                     f"({why}) was not read as an embedded settings document"))

    def embedded_config(self, s: Scalar, key: str | None, parent_key: str | None, endpoint: Endpoint | None) -> bool:
        """A literal block (``|``) that holds a TOML or dotenv file: a ConfigMap's or Secret's ``r2r.toml: |`` /
        ``.env: |``, an ExternalSecret template's ``config.toml: |``, a Helm value holding an app's settings file.
        TOML is read under a key named like a TOML file, or when the block opens with a ``[table]`` header and
        ``tomllib`` accepts it (TOML ignores the block's indentation, so it is parsed where it is written); dotenv
        only under a key named like a dotenv file (``.env``, ``app.env``, ``.env.production``). The tree is walked as
        if nested under its key, a dotenv one as an environment block (a model key goes to its own group's base
        URL). Bounded as ``embedded``: 64 KB, 32 blocks a file, one level of nesting, ticks in proportion to size."""
        text = self.file.text
        low_key = (key or "").lower()
        if (self._embedded_depth >= 1 or self._embedded_count >= 32 or s.end - s.start > 65_536
                or (key and _PROSE_KEY.search(key))):
            return False
        body = text.find("\n", s.start, s.end) + 1
        if body <= 0:
            return False
        block = text[body:s.end]
        dotenv = bool(_DOTENV_BLOCK_KEY.fullmatch(low_key))
        if not dotenv and not (_TOML_BLOCK_KEY.fullmatch(low_key) or _TOML_TABLE_FIRST.match(block)):
            return False
        self._embedded_count += 1
        self.tick(1 + (s.end - s.start) // 256)
        node: Node
        if dotenv:
            env = parse_dotenv(block)
            if not env.pairs:
                return False
            node = _shift(env, body)
        else:
            try:
                node = _shift(parse_toml(block), body)
            except (ParseError, RecursionError):
                if not _TOML_BLOCK_KEY.fullmatch(low_key):
                    return False
                # a file named .toml that tomllib refuses (a key written twice, as hand-kept templates have): read
                # leniently, as its author's program would have to; the reader always advances, and gives up on
                # what it cannot read
                try:
                    node = _shift(_TomlReader(block).parse(), body)
                except (ParseError, RecursionError, IndexError, ValueError):
                    return False
        self._embedded_trees.append(node)
        self._embedded_depth += 1
        try:
            self.walk(node, "env" if dotenv else key, parent_key, endpoint)
        finally:
            self._embedded_depth -= 1
        return True

    def embedded_json(self, s: Scalar, key: str | None, parent_key: str | None, endpoint: Endpoint | None) -> bool:
        """A string value that is JSON: a Helm value or a container's environment holding an app's model list
        (``MODELS: >`` then ``[{"id": "org/name", …}, …]`` over many lines, ``CONFIG: '{"model": "…"}'``). It is parsed
        from the text where it is written (a folded or literal block's lines after its header, a quoted scalar's
        inside), so its offsets are the file's, and walked as if nested under its key, as a dotenv value written as
        JSON is (``_env_json``). JSON that needs unescaping to read (a double-quoted scalar with ``\\"`` inside), that
        does not parse or that is not a collection stays one value, unless YAML's own quoting is all that changed it
        (``_decoded_json``). Bounded as ``embedded``: 64 KB, 32 per file, one level of nesting, ticks in proportion
        to its size. A key named like prose is passed over, but not ``body`` alone: the payload of an HTTP exchange
        (a recorded request's ``body: '{"model": …}'``), read only when it parses as JSON, nor ``text`` / ``content``,
        a chat message's part, when it holds a JSON document (a tool's output a runtime put in a recorded message),
        alone or before more lines of text (``_json_then_text``)."""
        text = self.file.text
        if self._embedded_depth >= 1 or (key and key.lower() != "body" and _PROSE_KEY.search(key) and not (
                key.lower() in _MESSAGE_PART_KEYS and s.value.lstrip()[:1] in ("{", "["))):
            return False
        if self._embedded_count >= 32 or s.end - s.start > _ENV_JSON_MAX:
            if s.value.lstrip()[:1] in ("{", "["):
                self._over_bounds(s, "JSON value")
            return False
        start = s.start
        if text.startswith(("|", ">"), start):
            start = text.find("\n", start, s.end) + 1
            if start <= 0:
                return False
        self._embedded_count += 1
        self.tick(1 + (s.end - start) // 256)
        try:
            node = _shift(parse_json(text[start:s.end]), start)
        except (ParseError, RecursionError) as exc:
            decoded = self._decoded_json(s)
            if decoded is None:
                if isinstance(exc, RecursionError) or "nested deeper" in str(exc):
                    # JSON, but nested past the reader's depth: said, as a .json file of it is a parse error
                    # (redteam32: `--speculative-config={"model": …, "x": <400 deep>}` lost its model silently)
                    self._over_bounds(s, "JSON value", f"{MAX_DEPTH} levels of nesting")
                return False
            node = decoded
        if not isinstance(node, (Mapping, Seq)):
            return False
        self._embedded_trees.append(node)
        self._embedded_depth += 1
        try:
            self.walk(node, key, parent_key, endpoint)
        finally:
            self._embedded_depth -= 1
        return True

    def _decoded_json(self, s: Scalar) -> Node | None:
        """JSON that YAML quoting changed on its way into the file: a recorded HTTP exchange's body (a VCR / go-vcr /
        Polly / pytest-recording cassette's ``string: '{"model":"gpt-4o",…}'`` folded over several lines, a
        double-quoted ``"{\\"model\\":\\"…\\"}"`` response, ``''`` for a quote) or any other JSON value a tool
        wrote as a quoted YAML string. The raw text is not JSON, but the string YAML reads is; it is parsed from that
        string, and each of its scalars is put where its text is first written in the file after the one before it
        (the walk is in document order, so each place found is at or before the true one and the search never
        skips past a later value); a scalar whose text is not written as it reads (escaped, folded) is put where
        the search stands. Only a quoted scalar (a plain one reads as written), within the caller's bounds."""
        text = self.file.text
        if not {text[max(s.start - 1, 0):s.start], text[s.start:s.start + 1]} & {"'", '"'}:
            return None  # the scalar's span starts inside its quotes, or at them
        head = _json_then_text(s.value.strip())
        try:
            node = parse_json(head or s.value)
        except (ParseError, RecursionError):
            return None
        cursor = s.start
        stack: list[Node] = [node]
        while stack:
            n = stack.pop()
            if isinstance(n, Scalar):
                found = self._json_string_at(n.value, cursor, s.end)
                if found >= 0:
                    n.start, n.end = found, found + len(n.value)
                    cursor = n.end
                else:
                    n.start = n.end = cursor
            elif isinstance(n, Mapping):
                n.start = cursor
                stack.extend(x for kv in reversed(n.pairs) for x in reversed(kv))
            elif isinstance(n, Seq):
                n.start = cursor
                stack.extend(reversed(n.items))
        return node

    def _json_string_at(self, value: str, lo: int, hi: int) -> int:
        """Where JSON string ``value`` is written between ``lo`` and ``hi``: its text between JSON quotes (``"v"``, or
        ``\\"v\\"`` inside a double-quoted YAML string), so a key or model also mentioned in prose before it
        (``"content": "which model are you?", "model": …``) is not taken for it; -1 when not written so (a number,
        or text YAML folded or escaped). At most 8 tries a value."""
        if not value:
            return -1
        text = self.file.text
        needle = '"' + value
        at = lo
        for _ in range(8):
            found = text.find(needle, at, hi)
            if found < 0:
                return -1
            after = found + len(needle)
            if text[after:after + 1] in ('"', "\\"):
                return found + 1
            at = found + 1
        return -1

    def script_lists(self, s: Scalar) -> bool:
        """A list literal bound to a model-named variable or key inside a script held as a literal block that no
        settings reader took (a Benthos / Redpanda Connect ``mapping: |`` with ``let models = ["gpt-4o", …]`` or
        ``{"provider": "openai", "models": ["gpt-4o", …]}``, a JS or Python snippet's ``MODELS = [...]``): each
        quoted item is read as a model key's value, so only what reads as a model is reported. A list holding another
        list or a mapping is left whole (a table of records, read by no rule here). Bounded: blocks up to 64 KB, 32
        lists a block, 4,000 characters a list. True when a model was reported."""
        text = self.file.text
        if s.end - s.start > 65_536:
            return False
        reported = False
        self.tick(1 + (s.end - s.start) // 256)
        for i, m in enumerate(_SCRIPT_LIST.finditer(text, s.start, s.end)):
            if i >= 32:
                break
            if not is_model_key(m.group(1)):
                continue
            close = text.find("]", m.end(), min(s.end, m.end() + 4000))
            if close < 0 or any(c in text[m.end():close] for c in "[{("):
                continue
            for item in _SCRIPT_ITEM.finditer(text, m.end(), close):
                self.tick()
                line, col = self.collector.position(item.start(2))
                if self.collector.model(item.group(2), line, col, hint="key", key_role=role_from_key(m.group(1)),
                                        source_id=self.ids.key):
                    reported = True
        return reported

    def script_block(self, s: Scalar) -> None:
        """A shell script held as a literal block under its file name (a ConfigMap's ``rag-sweep.sh: |``), read as a
        shell script (``export NIM_MODEL="org/name"``, ``vllm serve …``); each finding is moved to the line and column
        where it is written. Blocks up to 64 KB; the shell reader ticks this file's budget per line."""
        from modelmap.discover.shell import ShellSource

        text = self.file.text
        body = text.find("\n", s.start, s.end) + 1
        if body <= 0:
            return
        if s.end - s.start > 65_536:
            if not self.passed_over:  # said once a file
                line, _ = self.collector.position(body)
                self.passed_over.append(Skip(self.file.path, "analysis-budget", f"config: a shell script block of "
                                             f"{(s.end - s.start) >> 10} KiB at line {line} (over 64 KiB) was not read"))
            return
        self.tick(1 + (s.end - s.start) // 256)
        first_line, _ = self.collector.position(body)
        out: list[Finding | Skip] = []
        ShellSource()._scan(SourceFile(self.file.path, s.value, self.file.context), out)
        for f in out:
            if not isinstance(f, Finding):
                continue
            line = first_line + f.line - 1
            at = self.collector.line_offset(line)
            at = body if at is None else at
            physical = text[at:text.find("\n", at) if text.find("\n", at) >= 0 else len(text)]
            indent = len(physical) - len(physical.lstrip(" \t"))
            self.collector.findings.append(replace(f, line=line, column=f.column + indent, source=self.ids.command))

    def volume(self, s: Scalar, value: str) -> None:
        """``host:container[:mode]`` mounts: a side that is a model directory (``/models/chatglm3-6b``)."""
        for part in value.split(":"):
            part = part.strip()
            if _looks_like_path(part) and (_is_model_dir(part) or _WEIGHT_EXT.search(part)):
                line, col, _ = self.position(s, part)
                self.collector.model(part, line, col, hint="path", source_id=self.ids.value)

    def _extra_endpoint(self, value: str, line: int, col: int) -> None:
        hit = self.extra_endpoint(value) if self.extra_endpoint else None
        if hit:
            self.collector.findings.append(Finding(
                path=self.file.path, line=line, column=col, raw=value, kind="endpoint", role="unknown",
                context=self.file.context, source=self.ids.endpoint, provider=hit[0], endpoint=hit[1].rstrip("/"),
                confidence=0.8))

    # ------------------------------------------------------------------ command lines
    def _relocate(self, found: Iterable[Finding], spans: list[Scalar]) -> None:
        cursor = spans[0].start if spans else 0
        tick = self.tick
        first = 0  # spans before this one end before the cursor (the cursor only moves forward, or resets)
        last_cursor = cursor
        for f in found:
            target = None
            if cursor < last_cursor:
                first = 0
            last_cursor = cursor
            while first < len(spans) and spans[first].end < cursor:
                first += 1
            for s in (spans[k] for k in range(first, len(spans))):
                tick()
                if s.end >= cursor and f.raw in self.file.text[max(s.start, cursor if s.start <= cursor else s.start):
                                                               max(s.end, s.start + len(f.raw))]:
                    target = s
                    break
            if target is None:
                target = next((s for s in spans if f.raw in s.value), spans[0] if spans else None)
            if target is None:
                continue
            line, col, offset = self.position(target, f.raw, cursor)
            cursor = offset + len(f.raw) if f.kind != "endpoint" else cursor
            if f.kind == "other" and re.fullmatch(r"[A-Za-z_-]+", f.raw):
                continue  # a served-name alias (--model_name=llama), not a model id
            changes: dict[str, object] = {"line": line, "column": col}
            if f.kind != "endpoint":
                if f.api is None or f.api.startswith("-") or f.api in ("python", "python3", "sh", "bash"):
                    changes["api"] = self.server_api
                if self.server_role:
                    changes["role"] = _server_role(self.server_role, f)
            self.collector.findings.append(replace(f, **changes))  # type: ignore[arg-type]

    def _actions_model_tests(self, s: Scalar, value: str) -> bool:
        """A CI step's condition that tests a model input against a literal (GitHub Actions `if: ${{
        contains(inputs.model_list, 'Molmo-7B-D-0924') }}`, `matrix.model == 'gpt-4o'`): the literal is a model the
        workflow runs, as a `case` on a model variable names one. Only where the tested name is a model key; each
        literal once, where it is written. True when one was reported."""
        reported = False
        for m in _ACTIONS_MODEL_TEST.finditer(value):
            name, literal = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            if not is_model_key(name):
                continue
            line, col, _ = self.position(s, literal)
            if self.collector.model(literal, line, col, hint="key", key_role=role_from_key(name),
                                    source_id=self.ids.key):
                reported = True
        return reported

    def command_text(self, s: Scalar) -> None:
        text = s.value
        logical: list[str] = []
        pending = ""
        quote: str | None = None
        for raw in text.splitlines():
            stripped = raw.strip()
            if quote is not None and logical and not pending:
                # a quoted word goes on over the line break, as a shell reads it (a folded `server_cmd: >` whose
                # `'{"kv_connector": …` JSON argument spans lines, the lines indented deeper kept as lines by YAML)
                logical[-1] += " " + stripped
                quote = _open_quote(stripped, quote) if len(logical[-1]) < 20_000 else None
                continue
            quote = _open_quote(stripped, None) if len(stripped) < 20_000 else None
            if stripped.endswith("\\"):
                pending += stripped[:-1] + " "
                continue
            if stripped.startswith("-") and logical and not pending:
                # a command block written one argument a line without backslashes (`cmd: |` of a model-swapping
                # proxy: `/app/sd-server` then `--vae /models/ae.safetensors`): no command starts with a flag, so
                # the line goes on the command above it
                logical[-1] += " " + stripped
                continue
            logical.append(pending + stripped)
            pending = ""
        if pending:
            logical.append(pending)
        found: list[Finding] = []
        for cmd in logical:
            for part in re.split(r"&&|\|\||;|\|", cmd) if len(cmd) < 20_000 else [cmd]:
                if part.strip():
                    found.extend(scan_command(self.file, part, self.ids.command))
        self._relocate(found, [s])
        if "{" in text and len(text) < 20_000:
            # a server flag's JSON value on the command line (`--speculative-config '{"method": "eagle3", "model":
            # "org/draft"}'`): read where it is written, as in an argument list (_json_arguments)
            from modelmap.discover.shell import _tokens

            for cmd in logical:
                if "{" in cmd:
                    self._json_arguments([Scalar(tok, s.start, s.end) for tok in _tokens(cmd)])

    def command_list(self, items: list[Scalar], prefix: list[str] | None = None, loose: bool = False) -> None:
        """A command line written as a list; ``prefix``: the program it is the arguments of (a container's
        ``command`` beside its ``args``), read before it but never reported from. ``loose``: the list is an argument
        list named so by its key's last word only (`recipe_container_command_args`), the program left unsaid: an
        item the command reading does not report and that is no flag is also read as a value of its own, as an item
        of any list is (`["NousResearch/Meta-Llama-3.1-405B-FP8", "--local-dir", "/models"]` to a downloader
        image)."""
        # a script kept as a literal block (`- |` under `command: ["/bin/sh", "-c"]`) is read by the shell reader,
        # each command on the line where it is written (an `echo "pulling qwen:0.5b"` before `ollama pull qwen:0.5b`
        # took the finding); the list's other items are read as one command line below
        scripts = [i for i in items if "\n" in i.value.strip() and len(i.value) <= 65_536
                   and self.file.text.startswith("|", i.start)]
        for script in scripts:
            self.script_block(script)
        if scripts:
            items = [i for i in items if i not in scripts]
            if not items:
                return
        # an item that is a script written over several lines in a plain or quoted scalar: its lines ending in a
        # backslash continue one command, and each other line is a command of its own
        values = [_continued(i.value) if "\n" in i.value else i.value for i in items]
        self.tick(1 + sum(len(v) for v in values) // 256)
        joined = shlex.join((prefix or []) + values)
        # a container's args under an inference server's image are that server's (llama.cpp: -m /models/x.gguf)
        found = scan_command(self.file, joined, self.ids.command, server=self.server_api is not None)
        if loose and not prefix and len(values) >= 3 and values[0][:1] != "-" \
                and any(v in ("--local-dir", "--local_dir") for v in values[1:]) \
                and (first := classify(values[0], "key")) is not None and first.kind == "hf-repo":
            # a Hub downloader's arguments with the program left unsaid (`["NousResearch/Meta-Llama-3.1-8B-Instruct",
            # "--local-dir", "/models/NousResearch/Meta-Llama-3.1-8B-Instruct"]` to a downloader image): a repo id
            # first, then the folder it is fetched into, read as the shell reader reads `huggingface-cli download`
            # with them (the folder is a model directory when it names the model)
            have = {(f.raw, f.kind) for f in found}
            found.extend(f for f in scan_command(self.file, shlex.join(["huggingface-cli", "download", *values]),
                                                 self.ids.command)
                         if f.kind == "model-file" and (f.raw, f.kind) not in have)
        if prefix:
            found = [f for f in found if any(f.raw in v for v in values)]
        seen = {(f.raw, f.kind) for f in found}
        # shell scripts inside the list: ["sh", "-c", "ollama serve & ollama pull llama3"]
        for value in values:
            if " " in value.strip():
                for part in re.split(r"&&|\|\||;|\||&|\n", value):
                    for f in scan_command(self.file, part, self.ids.command):
                        if (f.raw, f.kind) not in seen:
                            found.append(f)
                            seen.add((f.raw, f.kind))
        self._relocate(found, items)
        raws = {raw for raw, _ in seen}
        for item in items:  # args: [hf://RedHatAI/gpt-oss-20b, /mnt/models]: a model URI as its own argument
            value = item.value.strip()
            if value in raws:
                continue
            if ("://" in value and is_model_location(value)) or (loose and value[:1] != "-" and " " not in value):
                self.scalar(item, None, None, None)
        self._json_arguments(items)

    def _json_arguments(self, items: list[Scalar]) -> None:
        """A server flag whose value is a JSON object, written in a container's or a service's argument list:
        ``--speculative-config={"model": "org/eagle-draft", …}`` (one item) or ``--speculative-config`` then
        ``'{"model": …}'`` (two items), vLLM's ``--override-neuron-config={"quantized_checkpoints_path": …}``,
        SGLang's / TGI's JSON-valued flags. The command reader splits words, not JSON, so the object is read as
        an embedded JSON value (``embedded_json``: parsed where it is written, walked under the flag's name as its
        key, within that reader's bounds). An object only: a flag's list or number says nothing of a model."""
        text = self.file.text
        flag: str | None = None
        for item in items:
            value = item.value.strip()
            named = _JSON_FLAG.match(value)
            body = value[named.end(1) + 1:] if named else value
            key = named.group(1) if named else flag
            flag = value.lstrip("-") if value.startswith("--") and "=" not in value and " " not in value else None
            if not (body.startswith("{") and body.endswith("}")) or len(body) > _ENV_JSON_MAX:
                continue
            at = text.find(body, item.start, item.end)
            if at < 0:
                continue  # written with escapes (a YAML double-quoted `\"`): not where its text reads
            self.embedded_json(Scalar(body, at, at + len(body)), key, None, None)


def _open_quote(line: str, quote: str | None) -> str | None:
    """The quote still open at the end of ``line`` of a command, reading it from ``quote`` (the one open before it,
    None for none): a shell's single quotes end at the next single quote, its double quotes at the next unescaped
    double quote."""
    i = 0
    while i < len(line):
        c = line[i]
        if quote is None:
            if c in "'\"":
                quote = c
            elif c == "#" and (i == 0 or line[i - 1] in " \t"):
                break  # a comment: its apostrophes open nothing
            elif c == "\\":
                i += 1
        elif c == quote:
            quote = None
        elif c == "\\" and quote == '"':
            i += 1
        i += 1
    return quote


# a long flag with its value after `=` (`--speculative-config={…}`): the flag's name, without its dashes
_JSON_FLAG = re.compile(r"--([A-Za-z][\w.-]{0,80})=")
_CONTINUATION = re.compile(r"\\\r?\n[ \t]*")  # no leading [ \t]*: quadratic on a long run of blanks


def _continued(text: str) -> str:
    """A script's text with each line that ends in a backslash joined to the next: one logical line per command."""
    return _CONTINUATION.sub(" ", text)


def _server_role(server_role: str, f: Finding) -> str:
    from modelmap.discover.identify import kb_role, role_from_name

    if server_role == "generation":
        return f.role if f.role != "unknown" else "generation"
    return kb_role(f.raw) or role_from_name(f.raw) or server_role


# the program may be written with its folder (`/opt/venv/bin/vllm serve org/name`, `/usr/local/bin/ollama pull x`)
_COMMAND_WORDS = re.compile(r"(?:^|[\s;&|/])(vllm|ollama|huggingface-cli|hf|text-generation-launcher|llama-server|"
                            r"lmdeploy|sglang|python3?|text-embeddings-router|infinity_emb|mlx_lm\.\w+)\s", re.M)


def _looks_like_command(value: str) -> bool:
    return bool(_COMMAND_WORDS.search(value)) and ("--model" in value or " pull " in value or " serve" in value
                                                   or " download " in value or " -m " in value)


def scan_command(file: SourceFile, command: str, source_id: str, *, server: bool = False) -> list[Finding]:
    from modelmap.discover.shell import scan_command_line

    return scan_command_line(file, command, 1, source_id, server=server)


def _env_entries(node: Node) -> Iterator[tuple[str, Node]]:
    """(name, value) pairs of an environment block: a mapping, ``K=V`` strings or ``{name, value}`` items."""
    if isinstance(node, Mapping):
        for k, v in node.pairs:
            if isinstance(k, Scalar):
                yield k.value, v
    elif isinstance(node, Seq):
        for item in node.items:
            if isinstance(item, Scalar):
                kv = _KV_ITEM.match(item.value)
                if kv:
                    yield kv.group(1), Scalar(kv.group(2), item.start + kv.start(2), item.end)
            elif isinstance(item, Mapping):
                name, value = _entry_name(item), item.get("value")
                if isinstance(name, Scalar) and value is not None:
                    yield name.value, value


# the key of a test case's or CI job's settings file (`config_file_path: Kimi-K2.5.yaml`, `tests: tests/e2e/x.py`,
# `test_file`, `recipe`), and the file's shape: a settings or test file, not a model's weights
_CASE_FILE_KEY = re.compile(r"(?:[a-z]+_)*(?:config|configs|test|tests|case|recipe|spec)(?:_file)?(?:_path|_name)?")
_CASE_FILE = re.compile(r"[\w./-]{1,300}\.(?:ya?ml|json|toml|py|sh)|tests?/[\w./-]{1,300}")
# the runner a CI job runs on (`os: linux-aarch64-a3-16`, `runs-on: ubuntu-latest`)
_RUNNER_KEYS = frozenset({"os", "runs-on", "runs_on", "runner", "runner_label"})
_RUNNER = re.compile(r"(?i)(?:linux|ubuntu|windows|macos|self-hosted)\b[\w.-]{0,80}")


def _names_a_case(entry: Mapping) -> bool:
    """``entry`` is a test case or CI job of a matrix, by its other keys: it points at the settings or test file that
    holds the case (`config_file_path: Kimi-K2.5.yaml`, `tests: tests/e2e/…`) or names the runner it runs on (`os:
    linux-aarch64-a3-16`, `runs-on: ubuntu-latest`). Such an entry's `name` is the case's label, named after the
    model it tests and often with the case's own words (`Kimi-K2.6-W4A8-64k-1k-TPOT50-PD`); the model it runs is in
    that file or in a model key of its own."""
    for k, v in entry.pairs:
        if not (isinstance(k, Scalar) and isinstance(v, Scalar)):
            continue
        low = k.value.lower()
        value = v.value.strip()
        if _CASE_FILE_KEY.fullmatch(low) and _CASE_FILE.fullmatch(value):
            return True
        if low in _RUNNER_KEYS and _RUNNER.fullmatch(value):
            return True
    return False


# a key that is a settings file's name (a ConfigMap's `inspect.yaml`, `config.json`, `settings.toml`)
_SETTINGS_FILE_KEY = re.compile(r"\.(?:ya?ml|json|toml)$")
_DEFAULT_KEYS = frozenset({"default", "default_value", "defaultValue", "defaultvalue"})


def _entry_name(item: Mapping) -> Node | None:
    """The variable's name of a ``{name, value}`` item (Kubernetes env, CI variables), or of a ``{key, value}`` one
    (GitLab CI's and Terraform's variable lists, OCI AI Blueprints' `recipe_container_env`) when it has no `name`."""
    name = item.get("name")
    if name is None and item.get("value") is not None:
        name = item.get("key")
    if name is None and (item.get("value") is not None or item.get("expression") is not None):
        name = item.get("field")  # a request transformation's field and what it is set to
    return name


# a CEL / expression-language string literal and nothing else (`expression: '"claude-haiku-4-5-20251001"'`)
_STRING_EXPRESSION = re.compile(r"\s*(?:\"([^\"\\\s]{1,200})\"|'([^'\\\s]{1,200})')\s*")


def _expression_literal(node: Node | None) -> Scalar | None:
    """The string an expression-valued setting evaluates to when the expression is one string literal (a gateway's
    request transformation `{field: model, expression: '"claude-sonnet-4-6"'}`), at its place in the file; else
    None (an expression that computes its value: `request.model`, a conditional)."""
    if not isinstance(node, Scalar) or len(node.value) > 300:
        return None
    m = _STRING_EXPRESSION.fullmatch(node.value)
    if m is None:
        return None
    group = 1 if m.group(1) is not None else 2
    return Scalar(m.group(group), node.start, node.end)


# --------------------------------------------------------------------------- who owns a YAML document


def claim_of(path: str, doc: Node | None) -> str | None:
    """Which specialised source owns a YAML document: ``litellm``, ``compose``, ``k8s`` or None."""
    if not isinstance(doc, Mapping):
        return None
    if is_litellm_config(doc):
        return "litellm"
    if is_compose(path, doc):
        return "compose"
    if is_k8s(doc):
        return "k8s"
    return None


def is_litellm_config(doc: Node | None) -> bool:
    if not isinstance(doc, Mapping):
        return False
    models = doc.get("model_list")
    return isinstance(models, Seq) and any(
        isinstance(e, Mapping) and isinstance(e.get("litellm_params"), Mapping) for e in models.items)


_COMPOSE_NAME = re.compile(r"(^|/)([\w.-]*[-.])?(docker-)?compose([-.][\w.-]*)?\.ya?ml$", re.I)


def is_compose(path: str, doc: Node | None) -> bool:
    if not isinstance(doc, Mapping):
        return False
    services = doc.get("services")
    if not isinstance(services, Mapping):
        # an override file that only adds or changes Docker Model Runner models (`compose.offload.yaml`:
        # `models: {gemma3: {model: ai/gemma3-qat:27B-Q4_K_M}}`, merged with compose.yaml by `-f`): its entry names
        # are the compose file's model keys, its `model` values what is pulled
        models = doc.get("models")
        return _COMPOSE_NAME.search(path) is not None and isinstance(models, Mapping) and all(
            isinstance(e, Mapping) for _, e in models.pairs[:64])
    if _COMPOSE_NAME.search(path):
        return True
    return any(isinstance(s, Mapping) and (s.get("image") is not None or s.get("build") is not None)
               for _, s in services.pairs)


def is_k8s(doc: Node | None) -> bool:
    return (isinstance(doc, Mapping) and isinstance(doc.get("apiVersion"), Scalar)
            and isinstance(doc.get("kind"), Scalar))


def is_helm_template(path: str, text: str) -> bool:
    """A Helm chart template (YAML under ``templates/`` holding ``{{ }}``, or a ``.tpl``) or a helmfile
    ``*.gotmpl``: read by the kubernetes source with its Go-template actions neutralised."""
    low = path.lower()
    return low.endswith(".gotmpl") or ("/templates/" in f"/{path}" and ("{{" in text or low.endswith(".tpl")))


# --------------------------------------------------------------------------- the sources

_LOCK_FILES = re.compile(
    r"(^|/)(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.ya?ml|composer\.lock|pipfile\.lock|poetry\.lock|"
    r"uv\.lock|cargo\.lock|[^/]*\.lock\.json|tokenizer\.json|tokenizer_config\.json|vocab\.json|"
    r"special_tokens_map\.json|merges\.txt|[^/]*\.min\.json|tsconfig[^/]*\.json|\.eslintrc[^/]*|"
    r"\.prettierrc[^/]*|renovate\.json|\.?babelrc[^/]*|components\.json|manifest\.json)$", re.I,
)
_CONFIG_EXT = re.compile(r"\.(ya?ml|json|jsonc|json5|jsonl|ndjson|toml|ini|cfg)$", re.I)
_DOTENV = re.compile(
    r"(^|/)(\.env|\.env\.[^/]+|[^/]+\.env|env|\.?env[-_.][^/]*(example|sample|template|dist|local|default|defaults)|"
    r"\.envrc|[^/]*\.env\.[^/]*(example|sample|template))$", re.I,
)


# a config file kept as an example or a template to copy (settings.yaml.example, config.json.sample,
# values.yaml.dist): read as the file it is a copy of
_COPY_SUFFIX = re.compile(r"\.(?:example|sample|template|tmpl|dist|default|defaults)$", re.I)


# a plain-text capture of a program's output (`run.stdout.txt`, `agent.log`, `session.out`): read as JSON Lines only
# when its text is JSON Lines (``json_lines_text``): an agent CLI's recorded event stream (`--output-format
# stream-json`, `--json`) names the model of every event; any other text capture is left to the text sources. A
# `.sse` file (a client test's recorded Server-Sent Events reply, `testdata/text_reply.sse`) is such a capture too
_CAPTURE_EXT = re.compile(r"\.(?:txt|log|out|stdout|stderr|sse)$", re.I)
# the share of a capture's non-blank lines that must parse as JSON objects
_CAPTURE_MIN_SHARE = 0.9


# HOCON (Lightbend config: Spark / Flink / SeaTunnel job files, Akka and Play settings): `key = value` and
# `key: value` lines inside `name { }` blocks. No HOCON parser is used: the file is read line by line as an unparsed
# YAML file is (``scan_yaml_lines``), so only a value under a model key or a model location is taken
_HOCON_EXT = re.compile(r"\.(?:conf|hocon)$", re.I)


def is_hocon(path: str) -> bool:
    return bool(_HOCON_EXT.search(path))


def is_capture(path: str) -> bool:
    return bool(_CAPTURE_EXT.search(path)) and not _LOCK_FILES.search(path)


# a Server-Sent Events field line (`data: {…}`, `event: message`, `id: 7`, `retry: 3000`, `: keep-alive`) and a
# `data:` line whose payload is one JSON object; RE2: linear on any line
_SSE_FIELD = linear(r"^(?:data|event|id|retry)(?::|$)|^:")
_SSE_JSON_DATA = linear(r"^data:[ \t]?(\{.*\})[ \t]*\r?\n?$")
# how many non-blank lines (a title, a `---` rule) may stand above a recorded stream's first event
_SSE_TITLE_LINES = 3


def sse_text(text: str) -> bool:
    """True when ``text`` is a recorded Server-Sent Events stream (a model API's streamed response kept as a test
    fixture: `data: {"model": …}` lines between blank lines): at least one ``data:`` line holds a JSON object, and from
    the first SSE field on (up to ``_SSE_TITLE_LINES`` title lines may stand above it) at least 90% of the non-blank
    lines are SSE fields."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = next((i for i, line in enumerate(lines[:_SSE_TITLE_LINES + 1]) if _SSE_FIELD.search(line)), None)
    if first is None:
        return False
    events = lines[first:]
    fields = sum(1 for line in events if _SSE_FIELD.search(line) is not None)
    return fields >= _CAPTURE_MIN_SHARE * len(events) and any(_SSE_JSON_DATA.match(line) for line in events)


def json_lines_text(text: str) -> bool:
    """True when ``text`` is JSON Lines: its first non-blank line is a JSON object and at least 90% of its non-blank
    lines start with ``{`` and end with ``}`` (a cheap shape test; the lines are parsed afterwards)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not (lines[0].startswith("{") and lines[0].endswith("}")):
        return False
    shaped = sum(1 for line in lines if line.startswith("{") and line.endswith("}"))
    return shaped >= _CAPTURE_MIN_SHARE * len(lines)


def config_name(path: str) -> str:
    """``path`` without a copy-me suffix when the name before it is a config file's (``settings.yaml.example`` ->
    ``settings.yaml``); any other path as it is."""
    m = _COPY_SUFFIX.search(path)
    if m is not None and _CONFIG_EXT.search(path, 0, m.start()):
        return path[:m.start()]
    return path


def is_dotenv(path: str) -> bool:
    return bool(_DOTENV.search(path)) and not path.endswith((".py", ".js", ".ts", ".sh", ".md"))


def parse_config(path: str, text: str) -> list[Node | None]:
    return parse_config_noting(path, text)[0]


def parse_config_noting(path: str, text: str) -> tuple[list[Node | None], list[Skip]]:
    """``parse_config`` and the Skips for what was read only in part (bad JSON Lines, capped YAML); a copy-me file
    (``settings.yaml.example``) is parsed in the format its name says before the suffix."""
    low = config_name(path).lower()
    if is_capture(low) and not low.endswith((".jsonl", ".ndjson")) and sse_text(text):
        nodes, bad = parse_sse_counted(text)
        notes = [Skip(path, "parse-error", f"event stream: {bad} of {bad + len(nodes)} data lines are not valid JSON "
                      "and were passed over; the others were read")] if bad else []
        return nodes, notes
    if low.endswith((".jsonl", ".ndjson")) or is_capture(low):
        nodes, bad = parse_json_lines_counted(text)
        notes = [Skip(path, "parse-error", f"JSON Lines: {bad} of {bad + len(nodes)} lines are not valid JSON "
                      "and were passed over; the others were read")] if bad else []
        return nodes, notes
    if low.endswith((".yaml", ".yml")):
        docs = parse_yaml(text)
        notes = [Skip(path, "documents-capped", f"YAML stream has more than {MAX_YAML_DOCUMENTS} documents; "
                      "the first ones were read")] if yaml_documents_capped(text) else []
        return docs, notes
    return _parse_config(low, text), []


def _parse_config(low: str, text: str) -> list[Node | None]:
    if low.endswith((".yaml", ".yml")):
        return parse_yaml(text)
    if low.endswith((".jsonl", ".ndjson")):
        return parse_json_lines(text)
    if low.endswith((".json", ".jsonc", ".json5")):
        return [parse_json(text)] if text.strip() else []
    if low.endswith(".toml"):
        return [parse_toml(text)]
    return [parse_ini(text)]


# a `key: value` line (`- name: KEY: value` and `key=value` too) read without a YAML parser; RE2: linear time on any
# line (Python's re backtracks quadratically on a long run of spaces here)
YAML_LINE_KV = linear(r"^\s*-?\s*(?:name:\s*)?[\"']?([\w.-]+)[\"']?\s*[:=]\s*[\"']?([^\"'\s#{}]+)[\"']?\s*(#.*)?$")
# a list item that is one value (`- https://huggingface.co/org/repo`); RE2 like YAML_LINE_KV
YAML_LINE_ITEM = linear(r"^\s*-\s+[\"']?([^\"'\s#{}]+)[\"']?\s*(#.*)?$")
# a value that can name a model by itself under any key: a URI (hub, storage, a Hub URL) or a weight file's path
_LINE_LOCATION = linear(r"(?i)://|\.(?:gguf|ggml|safetensors|onnx|tflite|mlmodel|nemo|pt|pth|bin|ckpt)$")
# a picture or page a catalogue entry links (`icon: https://huggingface.co/org/repo/resolve/main/logo.png`, a query
# string after it too), or any value of a key named for a picture (`icon:`, `logo_url:`, `cover:`): not a model.
# RE2: linear on any value
_LINE_ASSET = linear(r"(?i)\.(?:png|jpe?g|gif|svg|webp|ico|avif|bmp|html?|mdx?|pdf)(?:\?[^/]*)?$")
_PICTURE_KEY = linear(r"(?i)(?:^|[_.-])(?:icon|image|logo|avatar|thumbnail|banner|cover|screenshot|picture)s?"
                      r"(?:[_.-]?(?:url|uri|src|path))?$")


def _line_location(value: str, key: str = "") -> bool:
    return _LINE_LOCATION.search(value) is not None and _LINE_ASSET.search(value) is None \
        and _PICTURE_KEY.search(key) is None


def scan_yaml_lines(file: SourceFile, collector: Collector, *, literal: Callable[[str], str] | None = None,
                    command: Callable[[int, str, str], bool] | None = None,
                    segments: Callable[[str], list[tuple[int, str]]] | None = None) -> None:
    """YAML read line by line, for a file that is not parsed (too large to parse within its budget, or a Helm
    template that is not YAML even with its actions neutralised): a ``key: value`` line whose key names a model gives
    its value, and a model location (a URI, a weight file's path) gives itself under any key or as a list item.
    ``literal``: the line as read (a template's actions neutralised, offsets kept); ``command``: given
    (line number, line, literal line), True when it read the line as a command line (nothing more is read from it);
    ``segments``: the parts of a line read one by one, each with its offset (HOCON's `a { k = v, b { … } }`).
    One budget step per line, per 256 characters of it and per segment; raises ``BudgetExceeded`` past the file's
    budget."""
    tick = collector.budget.tick
    capped = collector.budget.stop_if_capped  # past the findings cap no later line's finding could be kept
    for number, line in enumerate(file.text.splitlines(), 1):
        capped()
        tick(1 + len(line) // 256)
        text = literal(line) if literal is not None else line
        if command is not None and command(number, line, text):
            continue
        if ":" not in text and "=" not in text:
            continue
        parts = segments(text) if segments is not None else [(0, text)]
        for at, part in parts:
            tick(1)
            _read_line_part(collector, number, line, at, part)


def _read_line_part(collector: Collector, number: int, line: str, at: int, text: str) -> None:
    """One ``key: value`` / ``key = value`` part of a line (``scan_yaml_lines``), ``at`` its offset in ``line``."""
    item = YAML_LINE_ITEM.match(text) if "://" in text else None
    if item is not None:  # `- https://huggingface.co/org/repo` in a list (a catalogue entry's urls)
        if _line_location(item.group(1)) and "{{" not in line[at + item.start(1):at + item.end(1) + 2]:
            collector.model(item.group(1), number, at + item.start(1) + 1)
        return
    m = YAML_LINE_KV.match(text)
    if m is None and "${" in text:
        _read_line_env_default(collector, number, at, text)
        return
    if m is None or "{{" in line[at + m.start(2):at + m.end(2) + 2]:
        return
    if _is_model_key(m.group(1)):
        collector.model(m.group(2), number, at + m.start(2) + 1, hint="key")
    elif _line_location(m.group(2), m.group(1)) and not _is_output_key(m.group(1).lower()):
        # a model location under any other key, as a parsed file's scalars are read (`- filename: x/Q4_K_M.gguf`,
        # `uri: huggingface://org/repo/file.gguf`, `mmproj: mmproj-f16.gguf`); ``classify`` with no hint decides,
        # so a hub page, a dataset, an image or a generic weight name (model.safetensors) stays out
        collector.model(m.group(2), number, at + m.start(2) + 1)


# a `key: ${VAR:-default}` line (a Compose environment entry, a fallback chain `${A:-${B:-"org/name"}}`) read line by
# line; RE2 like YAML_LINE_KV
_YAML_LINE_ENV = linear(r"^\s*-?\s*[\"']?([\w.-]+)[\"']?\s*[:=]\s*[\"']?(\$\{[^#]*\})[\"']?\s*(#.*)?$")


def _read_line_env_default(collector: Collector, number: int, at: int, text: str) -> None:
    """A ``key: ${VAR:-default}`` part of a line (``_read_line_part``): the innermost default is read as the parsed
    walker reads it (``env_default_match``), under the key or the variable when either names a model. A file that
    is read line by line because it did not parse (a fallback chain nested hundreds deep counts as deep flow
    nesting) keeps its other entries' defaults."""
    m = _YAML_LINE_ENV.match(text)
    env = env_default_match(m.group(2)) if m is not None else None
    if m is None or env is None:
        return
    value = env_default(env)
    if not value or "{{" in value or not (is_model_key(m.group(1)) or is_model_key(env.group("var"))):
        return
    col = text.rfind(value, m.start(2), m.end(2))
    collector.model(value, number, at + (col if col >= 0 else m.start(2)) + 1, hint="key")


def yaml_lines(file: SourceFile, source_id: str, why: str) -> list[Finding | Skip]:
    """A YAML file too large to parse within its budget, read line by line (``scan_yaml_lines``); always reported as
    an ``analysis-budget`` Skip saying so."""
    out = _read_lines(file, source_id)
    out.append(Skip(file.path, "analysis-budget", f"{source_id}: {why}; read line by line only (key: value lines "
                    "under a model key, model locations under any key)"))
    return out


def hocon_lines(file: SourceFile, source_id: str) -> list[Finding | Skip]:
    """A HOCON file (``.conf``, ``.hocon``) read line by line (``scan_yaml_lines``): `model = x` under a model key,
    a model location under any key. Unquoted HOCON values (`model = gpt-4o-mini`) are read as they stand, and so is
    the innermost block of a line that opens blocks (`app { llm { model = "gpt-4o-mini" } }`)."""
    return _read_lines(file, source_id, segments=_hocon_segments)


#: the parts of one HOCON line read at most (`a { k = v, b { … } }`): a longer run of braces and commas on one line is
#: data, not settings, and reading every part of it would cost one match per part
MAX_HOCON_SEGMENTS = 64
_HOCON_SPLIT = re.compile(r"[{},\[\]]")


def _hocon_segments(line: str) -> list[tuple[int, str]]:
    """The parts of a HOCON line between braces, brackets and commas, each with its offset, so every `key = value` of
    `llm { model = "gpt-4o-mini", opts { temperature = 1 } }` is read (before: only the innermost block). A line
    without braces or commas is one part; at most ``MAX_HOCON_SEGMENTS`` parts are read."""
    if not any(c in line for c in "{},[]"):
        return [(0, line)]
    out: list[tuple[int, str]] = []
    start = 0
    for cut in _HOCON_SPLIT.finditer(line):
        part = line[start:cut.start()]
        if "=" in part or ":" in part:
            out.append((start, part))
            if len(out) >= MAX_HOCON_SEGMENTS:
                return out
        start = cut.end()
    if start < len(line) and ("=" in line[start:] or ":" in line[start:]):
        out.append((start, line[start:]))
    return out


def _read_lines(file: SourceFile, source_id: str, *,
                segments: Callable[[str], list[tuple[int, str]]] | None = None) -> list[Finding | Skip]:
    """``scan_yaml_lines`` over ``file``: its findings, and a budget skip if it ran out."""
    collector = Collector(file, ids_for("config").key)
    out: list[Finding | Skip] = []
    try:
        scan_yaml_lines(file, collector, segments=segments)
    except BudgetExceeded as exc:
        out.append(budget_skip(file.path, source_id, exc))
    out.extend(collector.findings)
    return out


class ConfigFileSource:
    id = "config"
    description = "Config files (YAML, JSON, TOML, INI): model keys, well-known model names, model-API URLs"
    samples = (
        Sample("config/llm.yaml",
               "llm:\n  base_url: https://api.deepseek.com\n  model: gpt-4o-mini\nembedding:\n"
               "  model_name: BAAI/bge-m3\nretries: 3\n",
               ("gpt-4o-mini", "BAAI/bge-m3", "https://api.deepseek.com")),
        Sample("settings.json", '{"chat": {"model": "gpt-4o-mini", "temperature": 0.2}}', ("gpt-4o-mini",)),
        Sample("test/fixtures/agent_run.stdout.txt",
               '{"type":"system","subtype":"init","model":"claude-haiku-4-5-20251001","tools":["Bash"]}\n'
               '{"type":"result","usage":{"input_tokens":3},"modelUsage":{"claude-haiku-4-5-20251001":{"costUSD":0}}}\n',
               ("claude-haiku-4-5-20251001", "claude-haiku-4-5-20251001")),
        Sample("config/llm_transform.conf",
               'env {\n  parallelism = 1\n  job.mode = "BATCH"\n}\ntransform {\n  LLM {\n    model_provider = OPENAI\n'
               '    model = gpt-4o-mini\n    api_key = sk-xxx\n    prompt = "Is this a question?"\n  }\n}\n',
               ("gpt-4o-mini",)),
        Sample("deploy/nginx.conf", "server {\n  listen 80;\n  location / { proxy_pass http://app:8080; }\n}\n", ()),
        Sample("test/fixtures/run.stdout.txt", "model: gpt-4o-mini\nLoading {config}\n", ()),
        Sample("pyproject.toml", '[tool.app]\nembedding_model = "sentence-transformers/all-MiniLM-L6-v2"\n',
               ("sentence-transformers/all-MiniLM-L6-v2",)),
        Sample("setup.cfg", "[llm]\nmodel = qwen2.5:7b\n", ("qwen2.5:7b",)),
        Sample(".github/workflows/ci.yml",
               "jobs:\n  test:\n    runs-on: ubuntu-latest\n    container: {image: 'ollama/ollama:latest'}\n"
               "    steps:\n      - uses: actions/checkout@v4\n      - run: pytest -m slow\n", ()),
        Sample("package.json", '{"name": "chat-ui", "dependencies": {"openai": "^4.0.0", "@anthropic-ai/sdk": "0.20"}}',
               ()),
        Sample("charts/ollama/values.yaml",
               "ollama:\n  models:\n    pull:\n      - moondream\n    run:\n      - moondream\n    clean: false\n",
               ("moondream",)),
        Sample("config/media.yaml", "video:\n  preset:\n    name: hevc-v2\njobs:\n  run: [sh, -c, make]\n", ()),
    )

    def applies_to(self, path: str) -> bool:
        path = config_name(path)
        return (bool(_CONFIG_EXT.search(path)) and not _LOCK_FILES.search(path)) or is_capture(path) \
            or is_hocon(path)

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        low = config_name(file.path).lower()
        if is_capture(low) and not _CONFIG_EXT.search(low) and not (json_lines_text(file.text) or sse_text(file.text)):
            return []  # a text capture that is not a recorded JSON event stream (JSON Lines or Server-Sent Events)
        if is_hocon(low):
            return hocon_lines(file, self.id)
        is_yaml = low.endswith((".yaml", ".yml"))
        if is_yaml and is_helm_template(file.path, file.text):
            return []  # the kubernetes source reads Helm templates
        try:
            docs, notes = parse_config_noting(file.path, file.text)
        except ParseError as exc:
            if is_yaml and YAML_TOO_BIG in str(exc):
                return yaml_lines(file, self.id, str(exc))
            if is_yaml:
                # not skipped whole: a deploy template's {{{PLACEHOLDER}}} key, a tab or a duplicate anchor breaks
                # the parse of a file whose other lines still name its models; read as a template or line by line,
                # and the parse-error still reported (kubernetes.KubernetesSource.unparsed). Imported here: the
                # kubernetes module imports this one
                from modelmap.discover.kubernetes import KubernetesSource
                return KubernetesSource().unparsed(file, str(exc))
            return [Skip(file.path, "parse-error", str(exc))]
        walker = TreeWalker(file, ids_for("config"))

        def run() -> None:
            for doc in docs:
                if is_yaml and claim_of(file.path, doc) is not None:
                    continue
                walker.walk(doc)

        return [*notes, *walker.guarded(run, self.id)]


class DotenvSource:
    id = "dotenv"
    description = "Dotenv files (.env, .env.example, env.sh.example): *_MODEL keys and model-API base URLs"
    samples = (
        Sample(".env.example",
               "OPENAI_BASE_URL=https://api.deepseek.com\nOPENAI_MODEL=gpt-4o-mini\n# EMBEDDING_MODEL=unused\n"
               "export EMBEDDING_MODEL=\"BAAI/bge-m3\"\n",
               ("gpt-4o-mini", "https://api.deepseek.com", "BAAI/bge-m3")),
        Sample(".env", "DATABASE_URL=postgres://u:p@db:5432/app\nMODEL_CACHE_DIR=/data/cache\nLOG_LEVEL=info\n", ()),
    )

    def applies_to(self, path: str) -> bool:
        return is_dotenv(path)

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        root = parse_dotenv(file.text)
        walker = TreeWalker(file, SourceIds("dotenv-model-key", "dotenv-value", "dotenv-endpoint",
                                            "dotenv-command", "dotenv-model-key"))
        pairs = [(k.value, v) for k, v in root.pairs if isinstance(k, Scalar) and isinstance(v, Scalar)]

        def run() -> None:
            endpoints: list[tuple[str, Endpoint]] = []
            for key, value in pairs:
                walker.tick()
                url = walker._url_of(value)
                hit = walker.classify_url(url, key) if url else None
                if hit:
                    endpoints.append((key, hit))
            for key, value in pairs:
                walker.scalar(value, key, None, env_endpoint(key, endpoints), True)
            for k, v in root.pairs:  # a value written as JSON (_env_json): walked as a JSON file's tree
                if isinstance(k, Scalar) and isinstance(v, (Mapping, Seq)):
                    walker.walk(v, k.value)

        return walker.guarded(run, self.id)


# a settings key that holds a model client's base URL: a bare base_url / api_base / openai_api_base, or a URL key of a
# model server or client (OPENAI_BASE_URL, VLLM_ENDPOINT, OLLAMA_HOST, LLM_API_URL, embeddingBaseUrl); DATABASE_URL,
# AUTH_SERVICE_URL or a plain host are not
_CLIENT_URL_KEY = re.compile(
    r"(?:openai_)?(?:api_base(?:_url)?|base_url)|"
    r"(?:[a-z0-9]+_)*(?:openai|azure_openai|llm|vllm|ollama|tgi|sglang|lmstudio|lm_studio|litellm|inference|chat|"
    r"completions?|embeddings?|embedder|rerank(?:er)?|model|hosted_vllm|genai)_"
    r"(?:api_base(?:_url)?|base_url|api_url|url|endpoint(?:_url)?|host|server_url|server)")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def client_url_key(key: str) -> bool:
    """Whether ``key`` (any case: OPENAI_BASE_URL, openaiApiBase, vllm-endpoint) names a model client's base URL."""
    return bool(_CLIENT_URL_KEY.fullmatch(_CAMEL.sub("_", key.strip()).lower().replace("-", "_").replace(".", "_")))


def _env_group(key: str) -> str:
    return re.split(r"[_.-]", key.upper(), maxsplit=1)[0]


def env_endpoint(key: str, endpoints: list[tuple[str, Endpoint]]) -> Endpoint | None:
    """The endpoint an environment model key goes to.

    The one whose key has the same prefix (``OPENAI_BASE_URL`` ↔ ``OPENAI_MODEL``); else, for an
    embedding / reranker key, one whose key says embeddings / reranking (``EMBEDDING_BASE_URL``);
    else, for a generic model key (``MODEL``, ``LLM_MODEL``, ``OPENAI_MODEL``), the endpoint whose key says it is
    the chat API (``OPENAI_*``, ``LLM_*``, ``CHAT_*``). A local embedding model is not sent to the chat endpoint.
    """
    group = _env_group(key)
    for ekey, hit in endpoints:
        if _env_group(ekey) == group:
            return hit
    role = role_from_key(key)
    if role in ("embedding", "rerank"):
        for ekey, hit in endpoints:
            if role_from_key(ekey) == role:
                return hit
        return None
    # Otherwise attach only when both keys are generic ("MODEL" with "OPENAI_BASE_URL"): a model key of
    # its own group (ROUTER_MODEL) next to another service's URL (VLLM_URL) is not evidence of a link.
    generic = ("OPENAI", "LLM", "CHAT", "API", "BASE", "MODEL", "INFERENCE", "")
    if group not in generic:
        return None
    for ekey, hit in endpoints:
        if _env_group(ekey) in generic:
            return hit
    return None
