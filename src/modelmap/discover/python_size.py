"""Python files too large for ``ast``: estimate the syntax tree's size before parsing, and read a file over the
bound through the two generic layers instead (tree-sitter-python with ``parse_within_budget``, the candidate layer
and the classifier: ``polyglot``).

Hand-written because no library estimates what ``ast.parse`` will allocate, and the standard library's ``tokenize``
(the exact token count) is pure Python: 2.4 s of CPU for the 1.6 million tokens of a 3.3 MB file, longer than the
file's analysis budget. One ``bytes.translate`` and thirteen ``bytes.count`` calls (all in C) estimate them in 0.06 s.
"""

from __future__ import annotations

import re
from dataclasses import replace

from modelmap.discover.base import SourceFile
from modelmap.discover.languages import LANGUAGES
from modelmap.discover.polyglot import PolyglotSource
from modelmap.types import Finding, Skip

# ``ast.parse`` holds the whole tree, with the parser's tokens and arena beside it, until it returns: nothing bounds its
# memory once it has started (3.3 MB of call chains peaked at 650-720 MB, 1 MB of one name a line at 920 MB). So the
# tree's size is estimated first from byte classes, without tokenizing: runs of word bytes, of line breaks and of
# quotes, plus every other punctuation byte (``ast_tokens``). Measured with tracemalloc on CPython 3.11, over 80
# shapes of 1 MB each (a name a line, empty calls, empty dicts, f-strings, staircases of ifs, yields, unicode names,
# ...), the parse's peak is at most 935 bytes per estimated token (real code: at most ~550, median ~345); 1,000 is
# the estimate. A file over MAX_AST_ESTIMATE is read the way Go or Java files are (the tree-sitter grammar, whose
# parse parse_within_budget bounds in time and memory, the candidate layer and the classifier), and an
# ``analysis-budget`` Skip says so. Real code is far below: the largest estimate among the discovery corpus's 2,337
# Python files is 45 MB (a 244 KB file whose parse peaks at 15 MB); among site-packages' 9,153 files, 223 MB
# (playwright's 975 KB generated API). A file of fewer characters than MAX_AST_ESTIMATE / 1,000 is never over it.
AST_BYTES_PER_TOKEN = 1_000
MAX_AST_ESTIMATE = 256 * 1024 * 1024
_CLASS = bytearray(b"p" * 256)  # p: punctuation (a token each); w: a word byte (a run is a token); s: blank
for _b in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_" + bytes(range(128, 256)):
    _CLASS[_b] = ord("w")
for _b in b" \t\f\v":
    _CLASS[_b] = ord("s")
_CLASS[ord("\n")] = _CLASS[ord("\r")] = ord("n")  # a run of line breaks: a NEWLINE token
_CLASS[ord("'")] = _CLASS[ord('"')] = ord("q")  # a run of quotes: (part of) a string token
_BYTE_CLASSES = bytes(_CLASS)
del _CLASS, _b


# a line that is only a comment: the tokenizer makes a COMMENT and an NL of it, the parse keeps nothing; its prose is
# counted as one punctuation byte (a line of it inside a triple-quoted string is part of that one string token)
_FULL_LINE_COMMENT = re.compile(rb"(?m)^[ \t]*#[^\r\n]*")


def ast_tokens(data: bytes) -> int:
    """An estimate of the tokens in Python source, from its bytes alone (one substitution, one translate, thirteen
    counts, all in C): at least the tokens the tokenizer makes for any input, more for prose in strings and trailing
    comments."""
    if b"#" in data:
        data = _FULL_LINE_COMMENT.sub(b"#", data)
    c = data.translate(_BYTE_CLASSES)
    runs = 0
    for x in (b"w", b"n", b"q"):
        runs += sum(c.count(y + x) for y in (b"w", b"s", b"n", b"q", b"p") if y != x) + (c[:1] == x)
    return runs + c.count(b"p")


def ast_estimate(text: str) -> int:
    """The estimated peak memory of ``ast.parse(text)`` in bytes (0 for a text too short to matter)."""
    if len(text) * AST_BYTES_PER_TOKEN <= MAX_AST_ESTIMATE:
        return 0
    return AST_BYTES_PER_TOKEN * ast_tokens(text.encode("utf-8", "surrogateescape"))


_PYTHON = next(lang for lang in LANGUAGES if lang.id == "python")


def without_ast(file: SourceFile, estimate: int, line_offset: int) -> list[Finding | Skip]:
    """A file over ``MAX_AST_ESTIMATE`` read as the generic languages are: its string literals (tree-sitter-python,
    the parse bounded by ``parse_within_budget``) with their bindings, calls and keys, decided by the classifier; no
    value flow. An ``analysis-budget`` Skip says why and what was done instead."""
    why = Skip(file.path, "analysis-budget",
               f"python: its syntax tree would take about {estimate >> 20} MB (more than {MAX_AST_ESTIMATE >> 20} MB); "
               "read through the tree-sitter grammar's string literals and the classifier instead (no value flow)")
    out: list[Finding | Skip] = [why]
    for item in PolyglotSource().scan(file, _PYTHON):
        if isinstance(item, Finding):
            if line_offset:
                item = replace(item, line=item.line + line_offset)
            out.append(item)
        elif isinstance(item, Skip):
            out.append(item)
    return out
