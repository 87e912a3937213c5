"""A YAML file over MAX_YAML_PARSE_CHARS is not composed (PyYAML's compose and the tree conversion cost ~1.7 s of CPU
per MB and cannot be stopped by the file's budget: a 4 MB helmfile took 11 s, redteam11's xfail probe): it is read
line by line under model keys and reported as an ``analysis-budget`` skip. No timing assertions: the bound is the
size cap, checked by what is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

import modelmap
from modelmap.discover import config_files
from modelmap.discover.config_files import MAX_YAML_PARSE_CHARS, ParseError, parse_yaml


def _values(n: int, note: int = 0) -> str:
    # ``note``: a long annotation per entry, so that few lines pass the size cap (the line-by-line reader works
    # within the file's CPU budget; 90,000 short lines ran past it on a loaded 2-core CI machine)
    head = "llm:\n  model: Qwen/Qwen2.5-7B-Instruct\n"
    pad = f"  note: \"{'x' * note}\"\n" if note else ""
    body = "".join(f"svc{i}:\n  image: registry.local/app:{i}\n  replicas: 2\n{pad}" for i in range(n))
    return head + body + "embedding:\n  modelName: \"BAAI/bge-m3\"  # the retriever\n"


def test_a_yaml_file_over_the_cap_is_read_line_by_line_and_says_so(tmp_path: Path) -> None:
    text = _values(1_500, note=800)
    assert len(text) > MAX_YAML_PARSE_CHARS
    (tmp_path / "values.yaml").write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert {(f.line, f.raw) for f in result.findings} == {
        (2, "Qwen/Qwen2.5-7B-Instruct"), (text.count("\n"), "BAAI/bge-m3")}
    skips = [s for s in result.skips if s.path == "values.yaml"]
    assert [s.reason for s in skips] == ["analysis-budget"], skips
    assert "not parsed as YAML" in (skips[0].detail or "") and "line by line" in (skips[0].detail or "")


def test_the_cap_refuses_before_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    composed: list[str] = []

    def no_compose(*_a: object, **_k: object) -> object:
        composed.append("x")
        raise AssertionError("composed")

    monkeypatch.setattr(config_files.yaml, "compose_all", no_compose)
    text = "a: b\n" * (MAX_YAML_PARSE_CHARS // 5 + 1)
    with pytest.raises(ParseError, match="not parsed as YAML"):
        parse_yaml(text)
    assert composed == []


def test_a_yaml_file_under_the_cap_is_parsed_as_before(tmp_path: Path) -> None:
    text = _values(100)
    (tmp_path / "values.yaml").write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert {f.raw for f in result.findings} == {"Qwen/Qwen2.5-7B-Instruct", "BAAI/bge-m3"}
    assert not [s for s in result.skips if s.path == "values.yaml"]
