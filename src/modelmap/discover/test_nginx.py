"""Test::Nginx data files (``t/*.t``): OpenResty and API-gateway tests, whose blocks hold the code and the bodies a
test runs.

Such a file is Perl up to a ``__DATA__`` line, then a list of blocks, each opened by ``=== TEST n: title`` and made of
``--- section`` parts (Test::Base's data format, which Test::Nginx reads). The sections hold other languages:

* an nginx config (``--- config``, ``--- http_config``, ``--- stream_config`` …) whose ``*_by_lua_block { … }``
  bodies are Lua: the route configs, request tables and checks a gateway's test writes (``model = "gpt-4o"``,
  ``[[{"model": "…"}]]`` JSON sent to the admin API). The bodies are read by the Lua reader of ``polyglot`` at
  their own lines and columns (the rest of the file blanked: spaces for its characters, newlines kept);
* an HTTP request (``--- request``: a ``METHOD /path`` line, then the body) and an expected reply
  (``--- response_body``): a body that is JSON is read by ``config_files``' ``TreeWalker``, as a ``.json`` file is;
* a YAML config (``--- yaml_config``, ``--- apisix_yaml``, ``--- extra_yaml_config``) and a JSON one
  (``--- apisix_json``), read as YAML / JSON files are.

A section marked ``eval`` holds a Perl expression, and the Perl before ``__DATA__`` is Perl: neither is read as code.
One Perl expression is read for what it spells: an expected log line or reply written as a regex (``--- access_log
eval`` / ``--- response_body_like eval`` with ``qr/… claude-3-5-sonnet-20241022 …/``), where the test asserts the
model the gateway used; a word of the regex is a model only when the knowledge base knows it whole (escaped or
partial spellings, ``anthropic\\.claude``, are left alone). A ``.t`` file without the data shape (a plain Perl test) is
not read at all, as before this reader.

Hand-written because no library reads these files with positions (Test::Base is Perl). Bounds: at most ``MAX_CHARS``
characters (else a ``too-large`` skip), ``MAX_SECTIONS`` sections and ``MAX_LUA_BLOCKS`` Lua bodies per file, each
JSON / YAML body at most ``MAX_BODY`` characters; every scan is a single linear pass, and the readers used are the
bounded ones of the code and config sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from modelmap.discover.base import Sample, SourceFile, blank_outside
from modelmap.discover.config_files import (
    MAX_YAML_PARSE_CHARS,
    Mapping,
    Node,
    ParseError,
    Scalar,
    Seq,
    TreeWalker,
    ids_for,
    parse_json,
    parse_yaml,
)
from modelmap.discover.config_files import _shift as shift_node
from modelmap.types import Finding, Skip, SymbolUse

MAX_CHARS = 2 << 20
MAX_SECTIONS = 5_000
MAX_LUA_BLOCKS = 2_000
MAX_BODY = 256 * 1024

_DATA = re.compile(r"^__DATA__[ \t]*\r?$", re.MULTILINE)
_END = re.compile(r"^__END__[ \t]*\r?$", re.MULTILINE)
# a block's title line and a section's header: `--- name`, `--- name eval`, `--- name chomp`, `--- name: value`
_BLOCK = re.compile(r"^=== [^\n]*$", re.MULTILINE)
# (`\r?`: a file with Windows line ends; redteam32: `--- config\r` matched no header, so every section was lost)
_HEADER = re.compile(r"^(?:=== [^\n]*|--- ([A-Za-z_]\w{0,60})((?:[ \t]+[A-Za-z_]\w{0,20}){0,4})[ \t]*(:[^\r\n]*)?)\r?$",
                     re.MULTILINE)
# an nginx directive whose block is Lua (`content_by_lua_block {`, `access_by_lua_block {`, `init_by_lua_block {`)
_LUA_BLOCK = re.compile(r"\b[a-z_]{1,40}_by_lua_block[ \t]*\{")
_LONG_OPEN = re.compile(r"\[(=*)\[")
_REQUEST_LINE = re.compile(r"[ \t]*[A-Z]{3,8}[ \t]+\S[^\n]*\n")
# a Perl regex literal as an eval section writes it (`qr/…/`, `qr{…}`), and a word in it: letters, digits and the
# separators model ids use, not next to another such character or a backslash (an escape)
_PERL_REGEX = re.compile(r"[ \t]*qr[/{(|!]")
_REGEX_WORD = re.compile(r"(?<![\w.:/\\-])[A-Za-z][\w.:-]{1,118}[A-Za-z0-9]")
MAX_REGEX_WORDS = 200  # per section


def is_test_nginx(text: str) -> bool:
    """A Test::Base data file: a ``__DATA__`` line, then a ``=== `` block with a ``--- `` section."""
    data = _DATA.search(text)
    if data is None:
        return False
    block = _BLOCK.search(text, data.end())
    return block is not None and text.find("\n--- ", block.end()) >= 0


def _sections(text: str, start: int, end: int) -> Iterator[tuple[str, tuple[str, ...], int, int]]:
    """Each section after ``start``: its name, its modifiers (``eval``, ``chomp``), and the span of its content
    (an inline ``--- name: value`` has the value as its content)."""
    current: tuple[str, tuple[str, ...], int] | None = None
    for m in _HEADER.finditer(text, start, end):
        if current is not None:
            name, mods, at = current
            yield name, mods, at, m.start()
            current = None
        if m.group(1) is None:  # a block's title
            continue
        mods = tuple(m.group(2).split())
        if m.group(3) is not None:
            yield m.group(1), mods, m.start(3) + 1, m.end()
        else:
            current = (m.group(1), mods, min(m.end() + 1, end))
    if current is not None:
        name, mods, at = current
        yield name, mods, at, end


def _lua_end(text: str, at: int, end: int) -> int | None:
    """Where the Lua body that starts at ``at`` (just after its block's ``{``) ends: the ``}`` that balances the
    block's, strings, long strings and comments skipped; None when it does not end before ``end``."""
    depth = 1
    i = at
    while i < end:
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        elif c in "\"'":
            j = i + 1
            while j < end and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j
        elif c == "[" and (m := _LONG_OPEN.match(text, i, end)) is not None:
            close = text.find("]" + m.group(1) + "]", m.end(), end)
            if close < 0:
                return None
            i = close + len(m.group(1)) + 1
        elif c == "-" and text.startswith("--", i):
            m = _LONG_OPEN.match(text, i + 2, end)
            if m is not None:  # --[[ a block comment ]]
                close = text.find("]" + m.group(1) + "]", m.end(), end)
                i = end if close < 0 else close + len(m.group(1)) + 1
            else:
                nl = text.find("\n", i, end)
                i = end if nl < 0 else nl
            continue
        i += 1
    return None


def _lua_bodies(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of the ``*_by_lua_block { … }`` bodies in an nginx config section."""
    pos = start
    while pos < end:
        m = _LUA_BLOCK.search(text, pos, end)
        if m is None:
            return
        close = _lua_end(text, m.end(), end)
        if close is None:
            return
        yield m.end(), close
        pos = close + 1


def _kind(name: str, mods: tuple[str, ...]) -> str | None:
    """What a section holds: ``lua`` (an nginx config with Lua blocks), ``request``, ``json``, ``yaml`` or None
    (Perl, a regex, headers, text)."""
    if "eval" in mods:
        return None
    low = name.lower()
    if "yaml" in low:
        return "yaml"
    if low.endswith("_json"):
        return "json"
    if low.endswith("config"):
        return "lua"
    if low == "request":
        return "request"
    if low in ("response_body", "request_body"):
        return "json"
    return None


class TestNginxSource:
    id = "test-nginx"
    description = ("Test::Nginx data files (*.t with __DATA__ blocks): Lua in *_by_lua_block bodies read as code, "
                   "JSON / YAML request bodies, replies and configs read as config")
    samples = (
        Sample("t/plugin/ai-gateway.t",
               "use Test::Nginx::Socket 'no_plan';\nrun_tests();\n\n__DATA__\n\n=== TEST 1: chat route\n--- config\n"
               "    location /t {\n        content_by_lua_block {\n            local conf = { options = { model = "
               "\"gpt-4o-mini\" } }\n            ngx.say(\"passed\")\n        }\n    }\n--- request\nPOST /v1/chat\n"
               "{\"model\": \"claude-3-5-haiku-20241022\", \"messages\": []}\n--- response_body\npassed\n",
               ("gpt-4o-mini", "claude-3-5-haiku-20241022")),
        Sample("t/basic.t", "use Test::More;\nmy $model = 'gpt-4o';\nok(1);\ndone_testing();\n", ()),
    )

    def applies_to(self, path: str) -> bool:
        return path.endswith(".t")

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip | SymbolUse]:
        text = file.text
        if len(text) > MAX_CHARS:
            return [Skip(file.path, "too-large", f"{len(text) >> 10} KiB Test::Nginx file: over {MAX_CHARS >> 20} "
                                                 "MiB, not read")]
        if not is_test_nginx(text):
            return []  # a plain Perl test: not read
        data = _DATA.search(text)
        assert data is not None
        stop = _END.search(text, data.end())
        end = stop.start() if stop is not None else len(text)
        file = replace(file, context="test")  # a Test::Nginx file is a test whatever its folder
        out: list[Finding | Skip | SymbolUse] = []
        lua: list[tuple[int, int]] = []
        nodes: list[Node] = []
        capped: list[str] = []
        regexes: list[tuple[int, int]] = []
        yaml_chars = 0
        for count, (name, mods, a, b) in enumerate(_sections(text, data.end(), end)):
            if count >= MAX_SECTIONS:
                capped.append(f"only the first {MAX_SECTIONS} sections were read")
                break
            kind = _kind(name, mods)
            if kind is None:
                if "eval" in mods and _PERL_REGEX.match(text, a, b):
                    regexes.append((a, b))
                continue
            if kind == "lua":
                for span in _lua_bodies(text, a, b):
                    if len(lua) >= MAX_LUA_BLOCKS:
                        capped.append(f"only the first {MAX_LUA_BLOCKS} Lua blocks were read")
                        break
                    lua.append(span)
                continue
            if kind == "request":
                line = _REQUEST_LINE.match(text, a, b)
                if line is None:
                    continue
                a = line.end()
            if b - a > MAX_BODY:
                capped.append(f"a {name} section of {b - a} characters is past the {MAX_BODY >> 10} KiB limit")
                continue
            if kind == "yaml":
                # a YAML parse cannot be stopped within the file's budget: at most what one YAML file may parse, in
                # all (redteam32: seven 250 KiB bodies took 7.2 s of CPU and 286 MB against a 2 s budget)
                yaml_chars += b - a
                if yaml_chars > MAX_YAML_PARSE_CHARS:
                    capped.append(f"YAML sections past {MAX_YAML_PARSE_CHARS >> 20} MiB in all were not parsed")
                    continue
            nodes.extend(shift_node(node, a) for node in _parse(text[a:b], "yaml" if kind == "yaml" else "json", capped))
        if lua:
            from modelmap.discover.languages import language_for  # polyglot imports the config module too
            from modelmap.discover.polyglot import PolyglotSource

            code = replace(file, text=blank_outside(text, lua))
            out.extend(PolyglotSource().scan(code, language_for("x.lua")))
        if nodes:
            walker = TreeWalker(file, ids_for("test-nginx"))

            def run() -> None:
                for node in nodes:
                    walker.walk(node)

            written = {(f.line, f.column, f.raw) for f in out if isinstance(f, Finding)}
            for item in walker.guarded(run, self.id):
                if not isinstance(item, Finding) or (item.line, item.column, item.raw) not in written:
                    out.append(item)
        if regexes:
            written = {(f.line, f.column, f.raw) for f in out if isinstance(f, Finding)}
            out.extend(f for f in _regex_ids(file, regexes, capped) if (f.line, f.column, f.raw) not in written)
        out.extend(Skip(file.path, "analysis-budget", f"test-nginx: {why}") for why in capped[:1])
        return out


def _regex_ids(file: SourceFile, spans: list[tuple[int, int]], capped: list[str]) -> list[Finding]:
    """The model ids an expected-output regex spells whole (see the module's docstring): each word the knowledge base
    knows, at most ``MAX_REGEX_WORDS`` words a section (a section cut there adds to ``capped``: the file's skip says
    so; redteam32: the words past it were dropped silently)."""
    from modelmap.discover.base import Collector
    from modelmap.discover.classifier import _known
    from modelmap.discover.identify import classify

    collector = Collector(file, "test-nginx-regex")
    for a, b in spans:
        for count, m in enumerate(_REGEX_WORD.finditer(file.text, a, b)):
            if count >= MAX_REGEX_WORDS:
                capped.append(f"only the first {MAX_REGEX_WORDS} words of an expected-output regex were read")
                break
            word = m.group(0)
            if not _known(word):
                continue
            match = classify(word, "none")
            if match is None or match.kind == "model-file":
                continue
            line, column = collector.position(m.start())
            collector.add(word, line, column, match, evidence=("knowledge-base", "test-expected-regex",
                                                              f"shape:{match.kind}", "file-role:test"))
    return collector.findings


def _parse(body: str, kind: str, too_deep: list[str]) -> list[Node]:
    """A section's body as JSON (an object or array) or YAML (its mappings and lists), as nodes of their own (the YAML
    reader's cached trees are copied, since the caller moves them to the body's offset); none when it is neither
    (text, Perl, a malformed body). A body nested past the readers' depth bound is not text: it adds to ``too_deep``,
    so the file reports a skip, as the same body in a .json / .yaml file does (redteam31: it was dropped silently)."""
    try:
        if kind == "json":
            return [parse_json(body)] if body.lstrip()[:1] in ("{", "[") else []
        docs = parse_yaml(body)
        return [_copied(d) for d in docs if isinstance(d, (Mapping, Seq))]
    except RecursionError:
        too_deep.append(f"a {kind.upper()} body nested too deep to read")
    except (ParseError, ValueError) as exc:
        if "nested deeper" in str(exc):
            too_deep.append(f"a {kind.upper()} body {exc}")
    return []


def _copied(root: Node) -> Node:
    """A copy of a (cached) YAML tree, nodes that aliases share staying shared, made without recursion. ``copy.deepcopy``
    reduced every node generically: 4-5 s of CPU for one 250 KiB body of flow mappings, four times its parse
    (redteam32)."""
    memo: dict[int, Node] = {}
    parents: list[Mapping | Seq] = []
    stack: list[Node] = [root]
    while stack:
        n = stack.pop()
        if id(n) in memo:
            continue
        if isinstance(n, Scalar):
            memo[id(n)] = Scalar(n.value, n.start, n.end)
        elif isinstance(n, Mapping):
            memo[id(n)] = Mapping([], n.start)
            parents.append(n)
            for k, v in n.pairs:
                stack.extend((k, v))
        else:
            memo[id(n)] = Seq([], n.start)
            parents.append(n)
            stack.extend(n.items)
    for n in parents:
        twin = memo[id(n)]
        if isinstance(n, Mapping) and isinstance(twin, Mapping):
            twin.pairs = [(memo[id(k)], memo[id(v)]) for k, v in n.pairs]
        elif isinstance(n, Seq) and isinstance(twin, Seq):
            twin.items = [memo[id(i)] for i in n.items]
    return memo[id(root)]
