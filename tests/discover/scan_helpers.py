"""Shared by the scan regression tests: write one file into a tree and scan it."""

from __future__ import annotations

from pathlib import Path

import modelmap


def found(tmp_path: Path, name: str, text: str) -> set[tuple[int, str]]:
    """(line, raw) of every finding but endpoints after writing ``text`` at ``tmp_path / name`` and scanning the tree
    (no provenance)."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return {(f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"}


def found_kinds(tmp_path: Path, name: str, text: str) -> dict[tuple[int, str], str]:
    """(line, raw) -> kind of every finding in ``name`` after writing ``text`` there and scanning the tree."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    return {(f.line, f.raw): f.kind for f in result.findings if f.path.endswith(name)}
