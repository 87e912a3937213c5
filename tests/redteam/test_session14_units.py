"""Red-team unit probes (brief redteam14), as work and size counters rather than timings.

* discover/python.py handed every file to ``ast.parse``, whose memory nothing bounds once it has started: 3.3 MB of
  call chains peaked at 650-720 MB, 1 MB of one name a line at 920 MB (probe s13-py-get-model-chains). The tree's size
  is now estimated from byte classes first (``python_size.ast_estimate``), and a file over the bound is read through
  tree-sitter-python and the classifier, with an ``analysis-budget`` skip.
* artifacts/tokenizer.py's line-based vocabularies (word-frequency lexicons, WordPiece vocab.txt, tiktoken, RWKV, BPE
  merges) decoded the whole file and split it into a list of every line before reading them, and the fingerprint
  joined every token in one ``bytes.join`` (an 80-byte buffer view per token) after a set of them all: 3.99 million
  words of 54 MB peaked at 660-690 MB (probe s13-wordfreq-3.99m-words). The lines are now read a piece at a time,
  the fingerprint sorts without a set and joins a slice at a time: 346-356 MB, the same hashes.
"""

from __future__ import annotations

import io
import tokenize
from typing import Any

import pytest

from modelmap.discover import python_size
from modelmap.discover.base import SourceFile, file_budget
from modelmap.discover.python import PythonSource, scan_python_text
from modelmap.types import Finding, Skip

# shapes whose parse costs the most per byte (tracemalloc, CPython 3.11: 600-935 bytes per estimated token)
_SHAPES = {
    "name a line": "a\n" * 500,
    "CR line breaks": "a\r" * 500,
    "empty calls": "f()\n" * 300,
    "empty dicts": "{}\n" * 300,
    "f-string fields": 'x = f"' + "{a}" * 300 + '"\n',
    "staircase": "".join(" " * i + "if a:\n" for i in range(90)) + " " * 90 + "a\n",
    "unicode names": "\u00e9\n" * 300,
    "yields": "def f():\n" + " yield\n" * 300,
    "keyword chain": "x = " + " and ".join(["a"] * 300) + "\n",
    "strings": "x = [" + "'a', " * 300 + "]\n",
    "call chains": 'assert c.get("model")' + ".lower()" * 200 + ' == "o"\n',
    "comment lines": "# a comment\n" * 200 + "  #\n" * 100 + 'x = """\n# inside a string """\ny\n',
}


@pytest.mark.parametrize("text", list(_SHAPES.values()), ids=list(_SHAPES))
def test_the_token_estimate_is_at_least_the_tokenizers_count(text: str) -> None:
    # the bound rests on this: the estimate counts every token the tokenizer makes, whatever the shape (more for prose
    # in strings and comments); ENDMARKER and the DEDENTs at the end are the tokenizer's own bookkeeping
    real = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
            if t.type not in (tokenize.ENDMARKER, tokenize.DEDENT, tokenize.INDENT)]
    assert python_size.ast_tokens(text.encode()) >= len(real)


def test_comment_lines_cost_the_parse_nothing() -> None:
    # 960 KB of comment lines (tests/discover/test_bounds_discover.py's comments.py): the parse keeps none of them, so
    # the file goes to ast (whose comment pass reads them), not to the literal-only fallback
    text = "".join(f"# model = 'gpt-4o-mini-{i}'\n" for i in range(30_000))
    assert 0 < python_size.ast_estimate(text) < python_size.MAX_AST_ESTIMATE // 4


def test_real_code_is_far_below_the_bound() -> None:
    # a short text is never estimated (its parse cannot reach the bound whatever it holds); 600 KB of dense ordinary
    # code (an API client's method repeated; huggingface_hub's hf_api.py is 696 KB, estimated 151 MB) stays under it
    assert python_size.ast_estimate("import os\n" * 20_000) == 0
    unit = ('def create(self, *, model: str = "gpt-4o", messages: list[dict[str, str]], timeout: float = 30.0) -> dict:\n'
            '    """Create a chat completion for the given messages."""\n'
            '    return self._post("/chat/completions", body={"model": model, "messages": messages}, timeout=timeout)\n\n')
    text = unit * (600_000 // len(unit))
    assert 0 < python_size.ast_estimate(text) < python_size.MAX_AST_ESTIMATE


def _huge(tail: str) -> str:
    """300 KB of one name a line (a parse of ~280 MB: more than the bound), then ``tail``."""
    return "a\n" * 150_000 + tail


def test_a_file_over_the_bound_is_never_handed_to_ast(monkeypatch: Any) -> None:
    import ast

    parsed: list[int] = []
    real = ast.parse

    def counting(source: Any, *args: Any, **kw: Any) -> Any:
        parsed.append(len(source))
        return real(source, *args, **kw)

    monkeypatch.setattr(ast, "parse", counting)
    tail = 'from openai import OpenAI\nr = OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n'
    with file_budget():
        out = list(PythonSource().scan(SourceFile("app/a.py", _huge(tail))))
    assert parsed == []  # was: ast.parse of the whole file (~280 MB here, 920 MB a MB)
    skips = [s for s in out if isinstance(s, Skip)]
    assert [s.reason for s in skips] == ["analysis-budget"], skips
    assert "syntax tree would take about" in skips[0].detail and "tree-sitter" in skips[0].detail
    # the literals are still read, through tree-sitter-python and the classifier: the model is found where it is
    found = [(f.raw, f.line) for f in out if isinstance(f, Finding)]
    assert ("gpt-4o-mini", 150_002) in found, found
    # the same tail alone goes through ast as before
    with file_budget():
        small = list(PythonSource().scan(SourceFile("app/a.py", tail)))
    assert parsed and [f.raw for f in small if isinstance(f, Finding)] == ["gpt-4o-mini"]


def test_a_notebook_cell_over_the_bound_keeps_its_line_offset() -> None:
    with file_budget():
        out = scan_python_text(SourceFile("nb.ipynb", _huge('m = {"model": "gpt-4o-mini"}\n'), "notebook"),
                               "notebook", line_offset=40)
    assert [(f.raw, f.line) for f in out if isinstance(f, Finding)] == [("gpt-4o-mini", 150_041)]
    assert [s.reason for s in out if isinstance(s, Skip)] == ["analysis-budget"]


# -- (b) line-based vocabularies, a piece at a time ------------------------------------------------------------------

_BREAKS = "a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l\n\n\u4e00\u4e8c\r\n"


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 1 << 20])
def test_lines_read_a_piece_at_a_time_are_the_lines_of_the_whole(piece: int, monkeypatch: Any) -> None:
    from modelmap.artifacts import tokenizer

    monkeypatch.setattr(tokenizer, "_PIECE", piece)
    data = (_BREAKS * 5).encode("utf-8")  # every break str.splitlines() knows, CRLFs and 3-byte characters
    assert list(tokenizer._text_lines(data)) == data.decode("utf-8").splitlines()
    assert list(tokenizer._byte_lines(data)) == data.splitlines()
    assert list(tokenizer._text_lines(data + b"tail")) == (data + b"tail").decode("utf-8").splitlines()
    # a piece never ends inside a CRLF or a character: each one ends just after a \n
    assert all(p.endswith(b"\n") for p in list(tokenizer._pieces(data))[:-1])


def test_a_file_that_is_not_utf8_fails_as_the_whole_would_before_any_line(monkeypatch: Any) -> None:
    from modelmap.artifacts import tokenizer

    monkeypatch.setattr(tokenizer, "_PIECE", 4)
    data = b"ab 1 n\ncd 2 n\n" * 50 + b"\xff 1 n\n"
    with pytest.raises(UnicodeDecodeError) as got:
        tokenizer._text_lines(data)
    with pytest.raises(UnicodeDecodeError) as whole:
        data.decode("utf-8")
    assert str(got.value) == str(whole.value)  # the file's position (700), not the piece's


def _record_pieces(monkeypatch: Any) -> list[int]:
    from modelmap.artifacts import tokenizer

    sizes: list[int] = []
    real = tokenizer._pieces

    def recording(data: bytes) -> Any:
        for p in real(data):
            sizes.append(len(p))
            yield p

    monkeypatch.setattr(tokenizer, "_pieces", recording)
    return sizes


@pytest.mark.parametrize("name,head,line", [
    ("dict.txt", "ab 1 n\ncd 2 n\nef 3 n\n", "w{i} {i} n\n"),
    ("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[unused0]\n", "w{i}\n"),
])
def test_line_vocabularies_are_decoded_a_piece_at_a_time(name: str, head: str, line: str, tmp_path: Any,
                                                          monkeypatch: Any) -> None:
    # the readers held the whole text and a list of every line (str) beside the tokens; now no more than a piece
    # (a MiB, up to the end of a line) is decoded at a time, and the tokens are those the whole file gives
    from modelmap.artifacts.tokenizer import TokenizerReader

    sizes = _record_pieces(monkeypatch)
    path = tmp_path / name
    path.write_text(head + "".join(line.format(i=i) for i in range(400_000)), encoding="utf-8")
    tok = TokenizerReader().read(path).tokenizer
    assert tok is not None and tok.total_size == 400_000 + head.count("\n")
    assert len(sizes) >= 4 and max(sizes) <= (1 << 20) + 64, sizes[:5]
    if name == "vocab.txt":
        assert tok.special_tokens == ["[CLS]", "[PAD]", "[UNK]"] and tok.tokens[:2] == [b" w0", b" w1"]
    else:
        assert tok.tokens[:4] == [b"ab", b"cd", b"ef", b"w0"] and tok.tokens[-1] == b"w399999"


def test_the_fingerprint_is_the_same_without_a_set_and_a_single_join() -> None:
    import heapq
    import zlib

    from blake3 import blake3

    from modelmap.artifacts import fingerprint as fp

    tokens = [f"t{i % 150_000}".encode() for i in range(200_000)]  # 50,000 repeated
    unique = fp.sorted_unique(tokens)
    assert unique == sorted(set(tokens))
    assert fp.sorted_unique([b"b", b"a"]) == [b"a", b"b"] and fp.sorted_unique([]) == []
    h = blake3()  # the definition: count, every length, every token, in one go
    h.update(len(unique).to_bytes(8, "little"))
    h.update(b"".join(len(t).to_bytes(4, "little") for t in unique))
    h.update(b"".join(unique))
    assert fp._vocab_hash_sorted(unique) == "blake3:" + h.hexdigest()
    for vocab in (unique, [b"a"] * 5 + [b"b"], [], [bytes([i]) for i in range(256)]):
        want = "crc32-bottom128:" + "".join(f"{v:08x}" for v in heapq.nsmallest(128, set(map(zlib.crc32, vocab))))
        assert fp.vocab_sketch(vocab) == want


def test_the_vocabulary_hash_does_not_hold_a_buffer_per_token() -> None:
    # bytes.join keeps an 80-byte buffer view per item while it joins: 32 MB for 400,000 tokens (320 MB for the 4
    # million a word list may have); joined a slice at a time, the hash's own allocations stay small
    import tracemalloc

    from modelmap.artifacts import fingerprint as fp

    unique = sorted(f"w{i}".encode() for i in range(400_000))
    tracemalloc.start()
    try:
        fp._vocab_hash_sorted(unique)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12_000_000, peak  # lengths 1.6 MB, a slice's join and views ~6 MB


# -- zipped model folders (inspect16, 2d48765) -------------------------------------------------------------------------

def test_a_zipped_safetensors_header_is_not_held_in_memory_before_it_is_read(tmp_path: Any, monkeypatch: Any) -> None:
    # artifacts/pickle.py inflated the member's header (up to max_header_bytes, 256 MB) into memory and concatenated it
    # with its length before writing it for the safetensors reader: two copies beside the reader's own (a 200 MB header
    # of spaces deflates to 200 KB: 652 MB, probe s14-zip-safetensors-200mb-header-bomb). Now it is inflated into the
    # file a MiB at a time, so nothing of it is held when the reader starts (the same for a zip cut before its end)
    import tracemalloc
    import zipfile

    from modelmap.artifacts import safetensors
    from modelmap.artifacts.pickle import PickleReader

    held: list[int] = []
    real = safetensors.SafetensorsReader.read

    def recording(self: Any, path: Any, limits: Any = None) -> Any:
        held.append(tracemalloc.get_traced_memory()[0])
        return real(self, path, limits) if limits is not None else real(self, path)

    monkeypatch.setattr(safetensors.SafetensorsReader, "read", recording)
    head = b'{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}' + b" " * (8 << 20)
    path = tmp_path / "model.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("m/model.safetensors", len(head).to_bytes(8, "little") + head + b"\0" * 4)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(path.read_bytes()[:-30])  # the central directory gone: found from the local header
    for p in (path, cut):
        tracemalloc.start()
        try:
            info = PickleReader().read(p)
        finally:
            tracemalloc.stop()
        assert [t.name for t in info.tensors] == ["w"]
    assert len(held) == 2 and max(held) < 2_000_000, held  # was 16 MB (the 8 MB header twice) for the whole zip
