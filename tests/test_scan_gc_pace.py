"""Provenance, model-file inspection and the JSON document run with the collector's young generation collected less
often, as discovery does (discover.engine.fewer_collections, issue 10): their objects all stay alive until the
document is written, so a collection there is wasted work; the caller's setting is restored afterwards."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import modelmap

APP = 'from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o-mini", messages=[])\n'


def test_resolve_runs_with_fewer_collections(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.provenance import resolver

    (tmp_path / "app.py").write_text(APP)
    seen: list[int] = []
    real = resolver.resolve_findings

    def recording(result: Any) -> Any:
        seen.append(gc.get_threshold()[0])
        return real(result)

    monkeypatch.setattr(resolver, "resolve_findings", recording)
    before = gc.get_threshold()
    result = modelmap.scan(tmp_path, resolve=True, jobs=1)
    assert [f.raw for f in result.findings] == ["gpt-4o-mini"]
    assert result.findings[0].resolution is not None
    assert seen and seen[0] >= 10_000
    assert gc.get_threshold() == before


def test_cli_renders_the_document_with_fewer_collections(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.cli import main
    from modelmap.report.json import ScanJsonRenderer

    (tmp_path / "app.py").write_text(APP)
    out = tmp_path / "out.json"
    seen: list[int] = []
    real = ScanJsonRenderer.render

    def recording(self: ScanJsonRenderer, result: Any) -> bytes:
        seen.append(gc.get_threshold()[0])
        return real(self, result)

    monkeypatch.setattr(ScanJsonRenderer, "render", recording)
    monkeypatch.setattr(sys, "argv", ["modelmap", "scan", str(tmp_path), "--format", "json", "-o", str(out),
                                      "--jobs", "1", "--no-cache", "--no-progress"])
    before = gc.get_threshold()
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code in (0, None)
    assert [f["raw"] for f in json.loads(out.read_text())["findings"]] == ["gpt-4o-mini"]
    assert seen and seen[0] >= 10_000
    assert gc.get_threshold() == before
