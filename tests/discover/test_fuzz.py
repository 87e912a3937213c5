"""Property: no source lets an exception escape ``scan()`` on arbitrary text or bytes (STYLE.md section 7).

A source may answer with findings, skips, cross-file symbol uses (which the engine links) or nothing; it may not
raise.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelmap.discover import SOURCES
from modelmap.discover.base import Source, SourceFile
from modelmap.types import Finding, Skip, SymbolUse

# One path per source that it applies to, taken from its own samples (a source without one is fed a
# path that most sources read).
PATHS = {src.id: next((s.path for s in src.samples if src.applies_to(s.path)), "app/x.py") for src in SOURCES}
# Prefixes that push arbitrary text past each format's first gate, so the fuzzing reaches the parsers.
PREFIXES = ["", "import os\nmodel = ", '{"cells": [{"cell_type": "code", "source": [', "services:\n  a:\n    command: ",
            "FROM python\nRUN ", "#!/bin/sh\nvllm serve ", "model_list:\n  - model_name: ", "const model = '",
            "OLLAMA_MODEL=", "FROM llama3\nPARAMETER ", "apiVersion: v1\nkind: Pod\n", "from_pretrained('"]
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(source: Source, text: str) -> None:
    path = PATHS[source.id]
    out = list(source.scan(SourceFile(path, text)))
    assert all(isinstance(item, (Finding, Skip, SymbolUse)) for item in out)


@pytest.mark.parametrize("source", SOURCES, ids=[s.id for s in SOURCES])
@SETTINGS
@given(prefix=st.sampled_from(PREFIXES), body=st.text(max_size=400))
def test_arbitrary_text(source: Source, prefix: str, body: str) -> None:
    run(source, prefix + body)


@pytest.mark.parametrize("source", SOURCES, ids=[s.id for s in SOURCES])
@SETTINGS
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=400))
def test_arbitrary_bytes(source: Source, prefix: str, body: bytes) -> None:
    run(source, prefix + body.decode("utf-8", errors="replace"))


@pytest.mark.parametrize("source", SOURCES, ids=[s.id for s in SOURCES])
@SETTINGS
@given(code=st.lists(st.text(max_size=60), max_size=6))
def test_notebook_shaped_json(source: Source, code: list[str]) -> None:
    # valid JSON all the way down, so the notebook source reaches its cell handling
    doc = {"cells": [{"cell_type": "code", "source": code}, {"cell_type": "code", "source": "".join(code)}],
           "nbformat": 4}
    run(source, json.dumps(doc))


@pytest.mark.parametrize("source", SOURCES, ids=[s.id for s in SOURCES])
def test_deep_nesting(source: Source) -> None:
    run(source, "x = " + "[" * 5000 + "]" * 5000 + "\n")
    run(source, "{" * 5000)
