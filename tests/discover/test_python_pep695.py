"""A Python 3.12 module (PEP 695 ``type`` statements, type parameters on functions and classes) is read with its value
flow on an older interpreter too (tuneB32): the statements are rewritten in place for the parser, lines and columns
kept, instead of the file falling back to its bare literals. The fixture is written for this test in the shape of a
CLI's model module: a provider type alias, a generic helper and a comparison of the model's name with its spellings.
"""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.python import _older_grammar
from tests.discover.scan_helpers import found

MODULE = """\
from typing import Literal

type ProviderType = Literal["openai", "moonshot", "anthropic"]
type Pair[T] = tuple[T, T]


def first[T](items: list[T]) -> T:
    return items[0]


class Registry[K: str, V](dict[K, V]):
    pass


def display_name(model_name: str) -> str:
    if model_name in ("kimi-for-coding", "kimi-code"):
        return "Kimi for Coding"
    return model_name
"""


def test_pep695_module_keeps_value_flow(tmp_path: Path) -> None:
    got = found(tmp_path, "src/cli/llm.py", MODULE)
    assert (16, "kimi-for-coding") in got
    # the other spelling is a model only where the comparison with a model's name says so (the AST's reading)
    assert (16, "kimi-code") in got
    assert not any(raw in ("openai", "moonshot", "anthropic") for _, raw in got)


def test_rewrite_keeps_every_position() -> None:
    older = _older_grammar(MODULE)
    assert older is not None
    assert len(older) == len(MODULE)
    assert older.splitlines()[2] == '_=0; ProviderType = Literal["openai", "moonshot", "anthropic"]'
    assert older.splitlines()[6].startswith("def first   (items")
    assert older.splitlines()[10].startswith("class Registry           (dict[K, V])")
    assert _older_grammar("type = 3\nx: type = int\n") is None  # a variable named type is not a statement
