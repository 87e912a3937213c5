"""A custom HTTP header's name under a header-named constant (``SK_HTTP_HEADER_EMBEDDING_MODEL =
'x-ms-sk-embedding-model'``) is where a model travels, not a model; the model constants beside it, a header table's
model values and a catalogue's `x-`-prefixed model id under a model name are still reported. Fixtures written for
these tests (the shape of a web app's request-header constants)."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.classifier import names_a_header
from tests.discover.scan_helpers import found

KEYS = """export const SK_HTTP_HEADER_COMPLETION_MODEL = 'x-ms-sk-completion-model';
export const SK_HTTP_HEADER_EMBEDDING_MODEL = 'x-ms-sk-embedding-model';
export const embeddingModelHeader = 'x-embedding-model';
export const EMBEDDING_MODEL = 'text-embedding-3-small';
export const headers = { 'x-embedding-model': 'nomic-embed-text' };
"""


def test_header_constants_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "src/model/KeyConfig.ts", KEYS)
    assert not {raw for _, raw in got if raw.startswith("x-")}, got
    assert {(4, "text-embedding-3-small"), (5, "nomic-embed-text")} <= got, got


def test_header_shape_needs_both_the_prefix_and_the_name() -> None:
    assert names_a_header("x-ms-sk-embedding-model", "SK_HTTP_HEADER_EMBEDDING_MODEL")
    assert names_a_header("x-model-id", "modelHeader")
    assert not names_a_header("x-preview-f-free", "defaultModelId")  # a catalogue's model id
    assert not names_a_header("nomic-embed-text", "headers")  # a header's value
    assert not names_a_header("x-ai/grok-4", "headerModel")  # org/name
    assert not names_a_header("x-model", "shaderModel")
