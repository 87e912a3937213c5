"""python._all_nodes adds a list field's items without a per-item type test, except in the grammar's list fields
whose items need not be nodes (_MIXED_LISTS). Checked against a plain breadth-first walk that tests every item, on
code holding each of those fields' non-node items (a ``**spread`` dict key, a keyword-only argument without a
default, a class pattern's keyword names) beside ordinary statements and expressions."""

from __future__ import annotations

import ast

from modelmap.discover.python import _SKIP_FIELDS, _all_nodes

SOURCE = '''
import os
from openai import OpenAI

DEFAULTS = {"model": "gpt-4o-mini", **os.environ, "temperature": 0}


def make(*, model, base_url=None, retries):
    client = OpenAI(base_url=base_url)
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": f"hi {retries}"}])


class Settings:
    model: str = "qwen2.5-7b-instruct"


def pick(cfg):
    match cfg:
        case Settings(model="llama3") if cfg:
            return "llama3"
        case {"model": name, **others}:
            return name
        case [first, *_]:
            return first
    return lambda x, *, k=1, j: (x, k, j)
'''


def _reference(tree: ast.AST) -> list[ast.AST]:
    """Breadth-first, every list item type-tested (the walk before the untested fast path)."""
    out = [tree]
    i = 0
    while i < len(out):
        node = out[i]
        i += 1
        for name in type(node)._fields:
            if name in _SKIP_FIELDS:
                continue
            value = getattr(node, name, None)
            if isinstance(value, list):
                out.extend(v for v in value if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST):
                out.append(value)
    return out


def test_all_nodes_matches_a_walk_that_tests_every_item() -> None:
    tree = ast.parse(SOURCE)
    nodes = _all_nodes(tree)
    assert nodes == _reference(tree)
    assert all(isinstance(n, ast.AST) for n in nodes)  # no None key, missing default or keyword name got in


def test_non_node_list_items_are_left_out() -> None:
    tree = ast.parse('d = {**base, "model": "gpt-4o"}\ndef f(*, a, b=2): pass\n')
    nodes = _all_nodes(tree)
    assert None not in nodes
    assert sum(isinstance(n, ast.Constant) and n.value == "gpt-4o" for n in nodes) == 1
