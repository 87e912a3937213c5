"""Recorded test expectations: golden files (``testdata/*.golden``), snapshot files (Rust insta ``*.snap``, Jest
``__snapshots__/*.snap``).

A test that records what the code under test produced (the chat request it would send, the tool set it built)
keeps the model that output named: ``"model": "gpt-4o"`` in a recorded request, ``ModelName: "gpt-4o"`` in a
recorded Go value. Such a file has no extension of its own format, so no other source reads it. This module takes
the recorded body out of the file's wrapper and hands it to the reader for what the body is, so a model decides
here as it does in a config or code file:

* JSON (an object or an array) goes through ``config_files``' ``TreeWalker``, as a ``.json`` file does;
* YAML (a ``key: value`` mapping or a ``- item`` list) likewise, as a ``.yaml`` file does;
* a printed code value (a Go ``%#v`` / ``autogold`` dump ``types.ToolSet{…}``, a Rust ``{:#?}`` dump
  ``Request {…}``) goes through the tree-sitter candidate layer of ``polyglot`` in that language, as a ``.go`` /
  ``.rs`` file does;
* anything else (a rendered prompt, a CLI's text output) is not read: a recorded text holds prose, and prose is
  not where a model is configured.

Wrappers, blanked in place (spaces for their characters, newlines kept) so that lines and columns stay the file's:
a Go raw-string golden's enclosing backticks (``autogold`` writes a string as ```…```), an insta snapshot's
``---`` header (``source:`` / ``expression:`` lines), a Jest snapshot's ``exports[`name`] = `…`;`` statements
(each template body read on its own, pretty-format's ``Object {`` / ``Array [`` type names blanked so that the body
reads as JSON).

Hand-written because no library reads these files: each snapshot tool has its own writer and none ships a reader
that keeps positions. Bounds: at most ``MAX_CHARS`` characters (else a ``too-large`` skip), at most
``MAX_SNAPSHOTS`` Jest entries; the readers used are the bounded ones of the config and code sources (budgeted,
size-capped); the wrapper scans are single linear passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from modelmap.discover.base import Sample, SourceFile
from modelmap.discover.config_files import (
    Mapping,
    Node,
    ParseError,
    Seq,
    TreeWalker,
    ids_for,
    parse_json,
    parse_yaml,
)
from modelmap.discover.config_files import _shift as shift_node
from modelmap.discover.languages import LANGUAGES, Language
from modelmap.types import Finding, Skip, SymbolUse

MAX_CHARS = 2 << 20
MAX_SNAPSHOTS = 2_000

# `x.golden` (Go's testdata convention, and a backup copy of one: `x.golden.bkp`), `x.snap` (insta, Jest), and any
# file in a Jest `__snapshots__` folder whose name no other source reads
_NAME = re.compile(r"(?i)(^|/)([^/]+\.golden(\.(bak|bkp|orig|old))?|[^/]+\.snap|__snapshots__/[^/.]+)$")
# a printed Go value: `types.ToolSet{`, `&pkg.T{`, `[]string{`, `map[string]int{` on the body's first line
_GO_VALUE = re.compile(r"&?(\[\d*\]|map\[[\w.*\[\]]+\])*\*?[A-Za-z_][\w]*(\.[A-Za-z_]\w*)?\{")
# a printed Rust value (`{:#?}`): `Request {`, `Some(`, `[`-less struct or tuple struct head
_RUST_VALUE = re.compile(r"[A-Z]\w*(::\w+)*( \{|\()")
_YAML_HEAD = re.compile(r"(\"[^\"\n]*\"|'[^'\n]*'|[\w.$/-]+):( |$)|- ")
# an insta header: `---` then `source:` / `expression:` / `input_file:` / `info:` ... lines up to the next `---`
_INSTA_HEAD = re.compile(r"---\r?\n((?:[ \t]*[\w.-]+:.*\r?\n|[ \t]+.*\r?\n){0,40}?)---\r?\n")
_JEST_ENTRY = re.compile(r"exports\[`(?:[^`\\]|\\.)*`\] = `")
_PRETTY_TYPE = re.compile(r"\b(Object|Array) (?=[\[{])")


def _lang(lang_id: str) -> Language:
    return next(x for x in LANGUAGES if x.id == lang_id)


def _over_bounds(exc: Exception) -> bool:
    """A body the readers refused for their own bounds (nesting past config_files.MAX_DEPTH), not for not being JSON
    or YAML: a recorded body that is not data (a log line opening with '[') stays quiet by design, but one too deep to
    read is a reported skip, never lost silently (redteam26: a 100,000-deep golden gave no finding and no skip)."""
    return isinstance(exc, RecursionError) or "nested deeper than" in str(exc)


def _too_deep(file: SourceFile, exc: Exception) -> Skip:
    return Skip(file.path, "parse-error", f"recorded test output not read: {str(exc)[:200] or type(exc).__name__}")


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` turned to spaces, its line breaks kept."""
    return text[:start] + re.sub(r"[^\r\n]", " ", text[start:end]) + text[end:]


def is_expectation(path: str) -> bool:
    return bool(_NAME.search(path))


class ExpectationSource:
    id = "expectation"
    description = ("Recorded test expectations (*.golden, insta and Jest *.snap): JSON / YAML bodies read as config, "
                   "printed Go / Rust values as code")
    samples = (
        Sample("pkg/tests/testdata/TestChat/call1.golden",
               '`{\n  "model": "gpt-4o-mini",\n  "messages": [{"role": "user", "content": "hi"}]\n}`\n',
               ("gpt-4o-mini",)),
        Sample("pkg/loader/testdata/TestLoad.golden",
               'types.Tool{\n\tToolDef: types.ToolDef{Parameters: types.Parameters{\n'
               '\t\tModelName: "claude-3-5-sonnet-20241022",\n\t}},\n}\n',
               ("claude-3-5-sonnet-20241022",)),
        Sample("src/snapshots/prompt__test__render.snap",
               "---\nsource: src/prompt.rs\nexpression: prompt.render()\n---\n# Task\n\nSummarise the code with "
               "gpt-4o in mind.\n", ()),
    )

    def applies_to(self, path: str) -> bool:
        return is_expectation(path)

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip | SymbolUse]:
        text = file.text
        if len(text) > MAX_CHARS:
            return [Skip(file.path, "too-large", f"{len(text) >> 10} KiB of recorded test output: over "
                                                 f"{MAX_CHARS >> 20} MiB, not read")]
        if text.startswith("// Jest Snapshot"):
            return self._jest(file)
        head = _INSTA_HEAD.match(text)
        if head is not None:
            text = _blank(text, 0, head.end())
            return self._body(replace(file, text=text), _lang("rust"))
        stripped = text.strip()
        if len(stripped) >= 2 and stripped[0] == "`" and stripped[-1] == "`":  # a Go raw string: autogold
            first = text.index("`")
            text = _blank(_blank(text, first, first + 1), text.rindex("`"), text.rindex("`") + 1)
        return self._body(replace(file, text=text), _lang("go"))

    def _body(self, file: SourceFile, code: Language) -> list[Finding | Skip | SymbolUse]:
        """One recorded body, its wrapper already blanked: JSON, YAML, a printed value of ``code``'s language, or
        nothing."""
        body = file.text.lstrip()
        if not body:
            return []
        if body[0] in "{[":
            try:
                node = parse_json(file.text)
            except (ParseError, RecursionError) as exc:
                if _over_bounds(exc):
                    return [_too_deep(file, exc)]
            else:
                return self._walk(file, [node])
        first = body[:200].split("\n", 1)[0]  # bounded: the patterns below never see a long line
        pattern = _GO_VALUE if code.id == "go" else _RUST_VALUE
        if pattern.match(first):
            from modelmap.discover.polyglot import PolyglotSource  # polyglot imports the config module too
            return list(PolyglotSource().scan(file, code))
        if _YAML_HEAD.match(first):
            try:
                docs = parse_yaml(file.text)
            except (ParseError, RecursionError) as exc:
                return [_too_deep(file, exc)] if _over_bounds(exc) else []
            return self._walk(file, [d for d in docs if isinstance(d, (Mapping, Seq))])
        return []

    def _walk(self, file: SourceFile, docs: list[Node]) -> list[Finding | Skip | SymbolUse]:
        walker = TreeWalker(file, ids_for("expectation"))

        def run() -> None:
            for doc in docs:
                walker.walk(doc)

        return list(walker.guarded(run, self.id))

    def _jest(self, file: SourceFile) -> list[Finding | Skip | SymbolUse]:
        """A Jest snapshot module: each ``exports[`name`] = `body`;`` body read on its own as JSON, the rest of the
        file blanked. pretty-format writes ``Object {`` / ``Array [`` before a collection and a trailing comma after
        its last item; the type names are blanked and the JSON reader takes the trailing commas."""
        text = file.text
        out: list[Finding | Skip | SymbolUse] = []
        nodes: list[Node] = []
        pos = 0
        for count, m in enumerate(_JEST_ENTRY.finditer(text)):
            if m.start() < pos:
                continue
            if count >= MAX_SNAPSHOTS:
                out.append(Skip(file.path, "candidates-capped", f"more than {MAX_SNAPSHOTS} snapshots; the first "
                                                                "ones are read"))
                break
            start = m.end()
            end = start
            while True:  # the template's closing backtick (an escaped one, \`, is part of the body)
                end = text.find("`", end)
                if end < 0 or text[end - 1] != "\\":
                    break
                end += 1
            if end < 0:
                break
            pos = end + 1
            inner = text[start:end]
            lead = inner.lstrip()
            if lead[:1] not in ("{", "[") and not _PRETTY_TYPE.match(lead):
                continue
            inner = _PRETTY_TYPE.sub(lambda t: " " * len(t.group(0)), inner)
            try:
                nodes.append(shift_node(parse_json(inner), start))
            except (ParseError, RecursionError) as exc:
                if _over_bounds(exc) and not any(isinstance(o, Skip) for o in out):
                    out.append(_too_deep(file, exc))
                continue  # a printed Map, Set, function or class instance: not JSON
        if nodes:
            out.extend(self._walk(file, nodes))
        return out
