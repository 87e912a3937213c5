"""One shared test for every discovery source: its own true and false samples (STYLE.md section 2)."""

from __future__ import annotations

import re

import pytest

from modelmap.discover import SOURCES
from modelmap.discover.base import Sample, Source, SourceFile
from modelmap.discover.context import context_for
from modelmap.types import Finding

CASES = [pytest.param(src, sample, id=f"{src.id}:{sample.path}") for src in SOURCES for sample in src.samples]


@pytest.mark.parametrize("source", SOURCES, ids=[s.id for s in SOURCES])
def test_source_contract(source: Source) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", source.id), "source ids are kebab-case"
    assert source.description and "\n" not in source.description
    assert any(s.expect for s in source.samples), "at least one sample it must match"
    assert any(not s.expect for s in source.samples), "at least one sample it must not match"
    assert len({s.id for s in SOURCES}) == len(SOURCES)


@pytest.mark.parametrize(("source", "sample"), CASES)
def test_source_samples(source: Source, sample: Sample) -> None:
    if not source.applies_to(sample.path):
        # a false sample may be a path the source turns down by name alone (data/corpus.bin)
        assert not sample.expect, f"{source.id} must apply to its own sample {sample.path}"
        return
    out = list(source.scan(SourceFile(sample.path, sample.text, context_for(sample.path))))
    found = [f for f in out if isinstance(f, Finding)]
    raws = {f.raw for f in found}
    if sample.expect:
        missing = set(sample.expect) - raws
        assert not missing, f"{source.id} missed {sorted(missing)} in {sample.path}; found {sorted(raws)}"
        for f in found:
            assert f.path == sample.path and f.line >= 1 and f.column >= 1
            assert 0.0 <= f.confidence <= 1.0
    else:
        assert found == [], f"{source.id} found {sorted(raws)} in its false sample {sample.path}"
