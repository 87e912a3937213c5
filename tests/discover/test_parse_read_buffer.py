"""``parse_within_budget`` keeps no memory from its reads (bicep17; red-team probe s15-bicep-deep-and-huge).

py-tree-sitter's binding never drops the reference to what the parse's read callback returns, so a callback that
hands back a fresh bytes slice per read leaves every slice in memory for good: a cancelled parse of a Bicep ``'''``
string left open over 100,000 lines kept 162 MB, and nine such files in one scan peaked at 548-642 MB. The parse now
reads through one refilled buffer per thread; these tests hold that it keeps (next to) nothing, on a parse that is
cancelled and on one that completes, and that the trees and node texts are the ones a plain ``parser.parse(data)``
builds (the buffer is refilled while the lexer is between reads only).
"""

from __future__ import annotations

import gc
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import tree_sitter

from modelmap.discover import base
from modelmap.discover.base import BudgetExceeded, file_budget, parse_within_budget
from modelmap.discover.languages import parser_for

_MODEL = "param chatModelName string = 'gpt-4o-mini'\n"


def _kept(work: Callable[[], object]) -> int:
    """Bytes of Python memory still allocated after ``work()`` returned and its result was dropped."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = work()
        del result
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def _warm() -> None:
    with file_budget(seconds=600.0):
        parse_within_budget(parser_for("bicep"), (_MODEL * 1_000).encode())


def test_a_cancelled_parse_keeps_none_of_what_it_read() -> None:
    # the red-team's shape, smaller: a ''' string never closed, 5,000 lines; error recovery re-reads the input over
    # and over (a plain parse of it takes ~8 s), so the 0.3 s allowance cancels it after tens of MB of reads
    data = (_MODEL + "var ml = '''\n" + "model: gpt-4o\n" * 5_000).encode()
    assert len(data) > base._PARSE_UNCHECKED  # the watched, callback path
    _warm()

    def cancelled() -> None:
        with file_budget(seconds=0.3), pytest.raises(BudgetExceeded, match="parsing ran past"):
            parse_within_budget(parser_for("bicep"), data)

    kept = _kept(cancelled)
    # before: every 64 KiB slice read stayed (30-60 MB for this parse)
    assert kept < 1 << 20, f"{kept >> 10} KiB kept"


def _bicep(n: int) -> bytes:
    # ordinary Bicep, ~1 MB, with multi-byte characters, so 64 KiB reads split UTF-8 sequences and tokens
    rows = (f"@description('模型 {i}: Azure OpenAI の deployment')\n"
            f"param model{i} string = 'gpt-4o-mini-{i}'\n"
            f"var cfg{i} = {{\n  name: 'dep-{i}'\n  sku: {{ capacity: {i % 50} }}\n}}\n" for i in range(n))
    return (_MODEL + "".join(rows)).encode()


def _walk(node: Any) -> Iterator[Any]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


def test_a_completed_parse_keeps_none_of_what_it_read_and_builds_the_plain_parse_tree() -> None:
    data = _bicep(6_000)
    assert len(data) > 10 * base._PARSE_CHUNK
    _warm()
    kept = _kept(lambda: _parse(data))
    assert kept < 256 << 10, f"{kept >> 10} KiB kept"  # before: the whole file, once per read (~1 MB here)

    with file_budget(seconds=600.0):
        tree = parse_within_budget(parser_for("bicep"), data)
    plain = parser_for("bicep").parse(data)
    assert str(tree.root_node) == str(plain.root_node)
    assert not tree.root_node.has_error
    # node.text of the callback-parsed tree reads the file's bytes back (bytes, as the binding wants them)
    texts = [n.text for n in _walk(tree.root_node) if n.type == "string"]
    assert texts == [n.text for n in _walk(plain.root_node) if n.type == "string"]
    assert all(type(t) is bytes for t in texts)
    assert "'模型 5999: Azure OpenAI の deployment'".encode() in texts
    assert b"'gpt-4o-mini-5999'" in texts


def _parse(data: bytes) -> None:
    with file_budget(seconds=600.0):
        parse_within_budget(parser_for("bicep"), data)


def test_parses_in_two_threads_read_their_own_files() -> None:
    # one buffer per thread: the GIL changes hands inside the Python read / progress callbacks, so a shared buffer
    # would be refilled by the other thread's parse while this one's lexer reads it (each thread has its own parser:
    # one tree-sitter parser is not for two threads at once)
    lists = "".join(f"var names{i} = [\n  'zq-{i}-a'\n  'zq-{i}-b'\n]\n" for i in range(4_000))
    files = [_bicep(1_500), (_MODEL + lists).encode()]
    want = [str(parser_for("bicep").parse(d).root_node) for d in files]
    assert want[0] != want[1]
    got: list[list[str]] = [[], []]

    def work(k: int) -> None:
        parser = tree_sitter.Parser(parser_for("bicep").language)
        for _ in range(4):
            with file_budget(seconds=600.0):
                got[k].append(str(parse_within_budget(parser, files[k]).root_node))

    threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [[want[0]] * 4, [want[1]] * 4]
