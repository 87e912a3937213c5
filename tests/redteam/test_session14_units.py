"""Red-team unit probes (brief redteam14), as work and size counters rather than timings.

* discover/python.py handed every file to ``ast.parse``, whose memory nothing bounds once it has started: 3.3 MB of
  call chains peaked at 650-720 MB, 1 MB of one name a line at 920 MB (probe s13-py-get-model-chains). The tree's size
  is now estimated from byte classes first (``python_size.ast_estimate``), and a file over the bound is read through
  tree-sitter-python and the classifier, with an ``analysis-budget`` skip.
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
}


@pytest.mark.parametrize("text", list(_SHAPES.values()), ids=list(_SHAPES))
def test_the_token_estimate_is_at_least_the_tokenizers_count(text: str) -> None:
    # the bound rests on this: the estimate counts every token the tokenizer makes, whatever the shape (more for prose
    # in strings and comments); ENDMARKER and the DEDENTs at the end are the tokenizer's own bookkeeping
    real = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
            if t.type not in (tokenize.ENDMARKER, tokenize.DEDENT, tokenize.INDENT)]
    assert python_size.ast_tokens(text.encode()) >= len(real)


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
