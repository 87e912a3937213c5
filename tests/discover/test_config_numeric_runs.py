"""A run of plain numbers (an embedding vector in a test fixture, a matrix row) is passed over by the config walk
without reading each number as a value (``TreeWalker._numeric_data``): no number names a model there. The walk still
takes one budget step per item, and a sequence that is not all numbers, or one under a model, command or
environment key, is still read item by item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import TreeWalker, ids_for, parse_json
from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


@pytest.fixture(autouse=True, scope="module")
def _warm() -> None:
    """Load the knowledge index before a walker's CPU budget starts (a scan's engine does so first)."""
    classify("gpt-4o-mini", "none")


_VECTOR = [round(0.001 * i - 0.02, 6) for i in range(64)] + [-4.2e-05, 768]


def _walk(doc: object, path: str = "fixtures/store.json") -> tuple[TreeWalker, list[str]]:
    """Walk ``doc`` written as JSON; the values ``scalar`` was asked about, in order."""
    text = json.dumps(doc, indent=2)
    walker = TreeWalker(SourceFile(path, text, "test"), ids_for("config"))
    seen: list[str] = []
    real = walker.scalar

    def spy(s, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(s.value)
        return real(s, *args, **kwargs)

    walker.scalar = spy  # type: ignore[method-assign]
    walker.walk(parse_json(text))
    return walker, seen


def test_a_vector_is_passed_over_in_one_step_per_item() -> None:
    walker, seen = _walk({"documents": [{"id": "doc-1", "embedding": _VECTOR}]})
    assert seen == ["doc-1"]  # the 66 numbers were not read one by one
    # the same budget as a walk that reads each item: as many steps as a list of 66 words takes
    words, _ = _walk({"documents": [{"id": "doc-1", "embedding": ["word"] * len(_VECTOR)}]})
    assert walker.collector.budget.left == words.collector.budget.left


def test_a_short_list_of_numbers_is_read_as_before() -> None:
    _, seen = _walk({"sizes": [1, 2, 3, 4]})
    assert seen == ["1", "2", "3", "4"]


@pytest.mark.parametrize("key", ["model", "models", "env", "volumes", "model_file"])
def test_numbers_under_a_model_env_volume_or_file_key_are_still_read(key: str) -> None:
    _, seen = _walk({key: _VECTOR})
    assert len(seen) == len(_VECTOR)


def test_numbers_under_a_command_key_still_go_to_the_command_reader() -> None:
    text = json.dumps({"command": _VECTOR})
    walker = TreeWalker(SourceFile("deploy/job.json", text, "app"), ids_for("config"))
    lists: list[int] = []
    real = walker.command_list

    def spy(items, *args, **kwargs):  # type: ignore[no-untyped-def]
        lists.append(len(items))
        return real(items, *args, **kwargs)

    walker.command_list = spy  # type: ignore[method-assign]
    walker.walk(parse_json(text))
    assert lists == [len(_VECTOR)]


def test_numbers_under_a_models_parent_are_still_read() -> None:
    _, seen = _walk({"model": {"weights": _VECTOR}})
    assert len(seen) == len(_VECTOR)


def test_a_model_among_numbers_is_still_found(tmp_path: Path) -> None:
    # one string in the run: not all numbers, so every item is read and the model id is reported
    doc = {"scores": [*_VECTOR[:40], "gpt-4o-mini", *_VECTOR[40:]]}
    got = found(tmp_path, "config/scores.json", json.dumps(doc, indent=2))
    assert any(raw == "gpt-4o-mini" for _, raw in got)
    _, seen = _walk(doc)
    assert "gpt-4o-mini" in seen and len(seen) == len(doc["scores"])


def test_a_vector_file_still_reports_its_model(tmp_path: Path) -> None:
    doc = {"model": "text-embedding-3-small", "data": [{"object": "embedding", "embedding": _VECTOR}]}
    got = found(tmp_path, "fixtures/embedding-response.json", json.dumps(doc, indent=2))
    assert any(raw == "text-embedding-3-small" for _, raw in got)
