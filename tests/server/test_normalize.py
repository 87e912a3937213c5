"""The upload parser's own checks (issue 17): the nesting bound answers exactly as modelmap.diff's, and a
serve process is readied before it listens (knowledge base, validators, collector frozen)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelmap.diff import depth_ok as reference_depth_ok

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from modelmap.server.normalize import DocumentError, depth_ok, parse_json

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=3),
    max_leaves=25)


@given(json_values, st.integers(min_value=0, max_value=6))
@settings(max_examples=400, deadline=None)
def test_depth_check_answers_as_the_reference(value: Any, limit: int) -> None:
    assert depth_ok(value, limit) == reference_depth_ok(value, limit)


def _nest(levels: int, inner: Any) -> Any:
    for _ in range(levels):
        inner = {"a": inner} if levels % 2 else [inner]
    return inner


@pytest.mark.parametrize("inner", [1, "x", [], {}, [1], {"k": None}])
@pytest.mark.parametrize("levels", [63, 64, 65, 66])
def test_depth_check_at_the_bound(levels: int, inner: Any) -> None:
    assert depth_ok(_nest(levels, inner)) == reference_depth_ok(_nest(levels, inner))


def test_parse_json_takes_64_levels_and_refuses_65() -> None:
    assert parse_json(b"[" * 64 + b"1" + b"]" * 64) is not None
    with pytest.raises(DocumentError, match="nested more than 64 levels") as caught:
        parse_json(b"[" * 65 + b"1" + b"]" * 65)
    assert caught.value.status == 400


def test_a_serve_process_is_readied_before_it_listens() -> None:
    code = ("import gc, sys\n"
            "from modelmap.server.app import prepare_process\n"
            "prepare_process()\n"
            "from modelmap.server import normalize\n"
            "print(gc.get_freeze_count() > 100000, 'jsonschema' in sys.modules,\n"
            "      normalize._FAST_VALIDATOR is not None)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["True", "True", "True"]
