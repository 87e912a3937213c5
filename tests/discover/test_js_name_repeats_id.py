"""A plain ``name`` that repeats the entry's ``id`` in other casing is the id, not display text (scan16c).

Fixture written for this test, shaped like a desktop assistant's per-provider model table whose chat service
sends ``name`` (held-out-14's 5ire provider files)."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.javascript import JavascriptSource
from modelmap.types import Finding

TEXT = (
    "const chatModels = [\n"
    "  {\n"
    '    id: "glm-4.7",\n'
    '    name: "GLM-4.7",\n'
    "    contextWindow: 200000,\n"
    "  },\n"
    "  {\n"
    "    id: 'ERNIE-4.0-8K',\n"
    "    name: 'ERNIE-4.0-8K',\n"
    "  },\n"
    "  {\n"
    "    id: 'gpt-4o',\n"
    "    name: 'GPT 4o',\n"
    "  },\n"
    "];\n"
)


def raws() -> list[tuple[str, int]]:
    items = JavascriptSource().scan(SourceFile("src/providers/Zhipu.ts", TEXT))
    return sorted((i.raw, i.line) for i in items if isinstance(i, Finding) and i.kind != "endpoint")


def test_name_repeating_the_id_is_reported() -> None:
    found = raws()
    assert ("GLM-4.7", 4) in found
    assert ("ERNIE-4.0-8K", 9) in found


def test_display_name_with_a_space_stays_display_text() -> None:
    found = raws()
    assert ("gpt-4o", 12) in found
    assert all(raw != "GPT 4o" for raw, _ in found)
