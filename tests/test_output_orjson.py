"""``dumps_json`` writes its indented documents through orjson when orjson writes the same text as ``json``
(issue 10: the scan document of a real tree took ~0.45 s in ``json``'s pure-Python indenting encoder)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from modelmap import output
from modelmap.output import _orjson_same, dumps_json


def _reference(data: Any, indent: int | None = 2) -> bytes:
    """What dumps_json wrote before orjson: json.dumps, then the terminal-unsafe and surrogate escapes."""
    body = json.dumps(data, indent=indent, ensure_ascii=False)
    body = output._JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", body)
    body = output._SURROGATE.sub(lambda m: "\\" + output._escape_char(m.group()), body)
    return (body + "\n").encode("utf-8")


CASES: list[Any] = [
    {"findings": [{"path": "a.py", "line": 3, "confidence": 0.95, "evidence": ("binding:model", "shape:api"),
                   "provider": None, "known": True, "nested": {"empty": [], "also": {}}}], "stats": {"seconds": 1.25}},
    [], {}, "x", 5, True, None, -0.0, 0.0001, 1e14, 2**63, -(2**63), 2**64 - 1,
    {"u": "a\u202eb\x85c\x7f\x1b\n\t\"\\"}, {"cjk": "模型 ©°’—…", "emoji": "😀"}, {"s": "b/\udcff.py"},
    {"f": 1e-7}, {"f": 1e16}, {"f": float("nan")}, {"f": float("inf")}, {1: "int key"}, {"big": 2**64},
    [[[[]]]], {"a": [1, 2.5, (3, None, [False])]},
]


@pytest.mark.parametrize("data", CASES, ids=range(len(CASES)))
def test_same_bytes_as_json(data: Any) -> None:
    assert dumps_json(data) == _reference(data)
    assert dumps_json(data, newline=False) == _reference(data)[:-1]


@pytest.mark.parametrize("data", [{"f": 1e-7}, {"f": 1e16}, {"f": float("nan")}, {1: "x"}, {"big": 2**64},
                                  {"s": object()}])
def test_orjson_declines_what_it_writes_differently(data: Any) -> None:
    assert not _orjson_same(data)


def test_shared_and_circular_containers() -> None:
    shared = {"a": 1}
    assert dumps_json([shared, shared]) == _reference([shared, shared])
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        dumps_json(loop)


def test_not_serialisable_still_raises() -> None:
    with pytest.raises(TypeError):
        dumps_json({"x": object()})


def test_unsafe_utf8_matches_unsafe_characters() -> None:
    # every character the str pattern escapes, and a sample of the others, as the bytes pre-check sees them
    for code in [*range(0x0, 0x300), 0x61C, *range(0x2000, 0x2070), 0xFEFF, 0xFFFE, 0xFFFF, 0x1F600, 0x4E2D]:
        char = chr(code)
        assert output._has_unsafe_utf8(f"a{char}b".encode()) == bool(output._JSON_UNSAFE.search(char)), hex(code)



def test_document_with_newline_is_orjson_bytes_not_a_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 10: a real tree's scan document is ~29 MB of JSON; adding the final newline after orjson wrote the text
    # copied all of it, and that copy was the scan's peak RSS (310 -> 282 MB on 78 repositories twice over). orjson
    # appends the newline itself, so what dumps_json returns is the very bytes object orjson made
    import orjson

    made: list[bytes] = []
    real = orjson.dumps

    def recording(*args: Any, **kwargs: Any) -> bytes:
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(orjson, "dumps", recording)
    data = {"findings": [{"path": f"src/m{i}.py", "line": i, "raw": "gpt-4o-mini"} for i in range(100)]}
    body = dumps_json(data)
    assert body == _reference(data)
    assert len(made) == 1 and body is made[0]
    assert dumps_json(data, newline=False) == _reference(data)[:-1]
    unsafe = {"u": "a\u202eb"}  # the escaping path decodes orjson's text: its newline is not doubled
    assert dumps_json(unsafe) == _reference(unsafe)
    assert dumps_json(unsafe, newline=False) == _reference(unsafe)[:-1]
