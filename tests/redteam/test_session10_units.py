"""Red-team unit probes (brief redteam10): the two bench misses of session 9, as work counters rather than timings.

* memory: a tree-sitter tree costs 16-150 bytes per byte of ordinary source and ~430 for dense tokens, so a 3.9 MB
  HCL file peaked at 580 MB (s9-hcl-parse-past-budget) and a 4 MB dense Go / Ruby / PHP list at 400-530 MB; a parse
  that adds ``MAX_PARSE_GROWTH`` of resident memory is now cancelled and reported as an ``analysis-budget`` skip;
* time: a callback-parsed tree (every file over 32 KiB since 59c51a0) reads each ``node.text`` through the parse's
  read callback, which handed back a 64 KiB slice per call; ``huge-line-200k-all-types`` spent 10-80 us per literal
  on those copies (27.7 s of CPU for 20 files of 200 KB). Python's module-level ``binding:`` evidence looked up a
  name's literals once per assignment (``m = 'x'; m = 'x'; ...``: assignments x 256 unbudgeted steps).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest

from modelmap.discover import base
from modelmap.discover import python as pysrc
from modelmap.discover.base import SourceFile, file_budget, parse_within_budget
from modelmap.discover.languages import parser_for
from modelmap.discover.polyglot import PolyglotSource
from modelmap.discover.python import scan_python_text
from modelmap.types import Finding, SymbolUse

_ROW = "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1\n"


@pytest.mark.skipif(base._resident() is None, reason="resident memory is read from /proc (Linux)")
def test_a_parse_whose_tree_outgrows_its_memory_is_cancelled_and_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    # 400 KB of dense tokens: ~100 MB of tree; the allowance lowered to 8 MB so that the case stays small
    text = 'model = "gpt-4o"\nx = [\n' + _ROW * 5_000 + "]\n"
    monkeypatch.setattr(base, "MAX_PARSE_GROWTH", 8 * 1024 * 1024)
    with file_budget(seconds=600.0):  # never the clock: the memory watch stops it
        items = list(PolyglotSource().scan(SourceFile("main.tf", text)))
    skips = [i for i in items if not isinstance(i, Finding)]
    assert [s.reason for s in skips] == ["analysis-budget"], skips
    assert "grew past 8 MB" in (skips[0].detail or "")
    monkeypatch.setattr(base, "MAX_PARSE_GROWTH", 256 * 1024 * 1024)
    with file_budget(seconds=600.0):  # the parser is usable afterwards, and the file is read within the default
        items = list(PolyglotSource().scan(SourceFile("main.tf", text)))
    assert [i.raw for i in items if isinstance(i, Finding)] == ["gpt-4o"]


class _Counted(bytes):
    """Source bytes that count what the parse's read callback slices out of them."""

    sliced = 0

    def __getitem__(self, key: Any) -> Any:
        out = bytes.__getitem__(self, key)
        if isinstance(key, slice):
            _Counted.sliced += len(out)
        return out


def test_node_text_of_a_callback_parsed_tree_reads_small_slices() -> None:
    # a 200 KB one-line Java file: 10,000 literals, each one's text read back through the read callback
    src = "class A { void f() { " + 'String m = "zz-1"; ' * 10_000 + "} }\n"
    parser = parser_for("java")
    data = _Counted(src.encode())
    with file_budget(seconds=600.0):
        tree = parse_within_budget(parser, data)
    assert len(data) > base._PARSE_UNCHECKED  # the callback path
    nodes = [n for n in _walk(tree.root_node) if n.type == "string_literal"]
    assert len(nodes) == 10_000
    _Counted.sliced = 0
    texts = [n.text for n in nodes]
    assert set(texts) == {b'"zz-1"'}
    # one small slice per text (a 64 KiB one each before: 655 MB copied for these 10,000 reads)
    assert _Counted.sliced <= len(nodes) * base._TEXT_CHUNK, _Counted.sliced


def _walk(node: Any) -> Iterator[Any]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(n.children)


def test_python_binding_evidence_reads_each_name_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # one name bound 3,000 times: its literals (up to 256) were re-read at every assignment, outside the budget
    calls = [0]
    real = pysrc._unquote

    def counted(value: str) -> tuple[str, int]:
        calls[0] += 1
        return real(value)

    monkeypatch.setattr(pysrc, "_unquote", counted)
    text = ("import openai\nMODEL = 'gpt-4o'\nopenai.OpenAI().chat.completions.create(model=MODEL)\n"
            + "m = 'zz-1'\n" * 3_000)
    uses: list[SymbolUse] = []
    with file_budget(seconds=600.0):
        out = scan_python_text(SourceFile("app.py", text), "python", uses=uses)
    found = [f for f in out if isinstance(f, Finding)]
    assert any(f.raw == "gpt-4o" and "binding:MODEL" in (f.evidence or ()) for f in found), found
    assert not [s for s in out if not isinstance(s, Finding)]
    # pass 2 reads each literal once (3,000); the binding evidence MODEL's one literal and m's (at most
    # MAX_FLOW_VALUES) once each: linear, where it read m's 256 literals at each of its 3,000 assignments (768,000)
    assert calls[0] <= 3_000 + 2 * pysrc.MAX_FLOW_VALUES + 50, calls[0]


def test_binding_evidence_past_the_budget_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    # 2,000 names each bound to the same 200 literals: the lookups are budget steps now, and running out of them
    # keeps the findings and says so (it was caught and dropped silently)
    text = ("import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o')\n"
            + "".join(f"v{i} = 'zz-{i}'\n" for i in range(200))
            + "x = " + " or ".join(f"v{i}" for i in range(200)) + "\n"
            + "".join(f"a{i} = x\n" for i in range(2_000)))
    with file_budget(seconds=600.0, steps=20_000):
        out = scan_python_text(SourceFile("app.py", text), "python", uses=[])
    skips = [s for s in out if not isinstance(s, Finding)]
    assert any(f.raw == "gpt-4o" for f in out if isinstance(f, Finding))
    assert [s.reason for s in skips] == ["analysis-budget"], skips
    assert "binding" in (skips[0].detail or "")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
