"""The compiled caches (knowledge index, prefilter database) live in MODELMAP_CACHE_DIR and replace older builds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from modelmap.discover import prefilter
from modelmap.knowledge import loader


def test_a_fresh_build_removes_stale_indexes_and_databases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELMAP_CACHE_DIR", str(tmp_path))
    (tmp_path / "kb-0000stale.json").write_text("{}")
    os.utime(tmp_path / "kb-0000stale.json", (1, 1))  # used longest ago
    for i in range(1, loader.KEEP_INDEXES):  # builds of other checkouts, used since: kept
        (tmp_path / f"kb-000{i}other.json").write_text("{}")
        os.utime(tmp_path / f"kb-000{i}other.json", (1000 + i, 1000 + i))
    (tmp_path / "prefilter-0000stale.hsdb").write_bytes(b"junk")
    loader.load_index.cache_clear()
    try:
        kb = loader.load_index()
        assert kb.models  # compiled from the YAML, not read from the junk file
        match = prefilter._hyperscan_matcher(prefilter.keywords())
    finally:
        loader.load_index.cache_clear()
    names = {p.name for p in tmp_path.glob("kb-*.json")}
    assert "kb-0000stale.json" not in names
    assert len(names) == loader.KEEP_INDEXES  # the new build and the most recently used others
    assert len(list(tmp_path.glob("prefilter-*.hsdb"))) == 1
    assert match(b"Qwen/Qwen2.5") and not match(b"plain text")
    # a second build reads the cached database back and answers the same
    again = prefilter._hyperscan_matcher(prefilter.keywords())
    assert again(b"Qwen/Qwen2.5") and not again(b"plain text")


def test_a_corrupt_cached_database_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELMAP_CACHE_DIR", str(tmp_path))
    prefilter._hyperscan_matcher(prefilter.keywords())
    (cached,) = tmp_path.glob("prefilter-*.hsdb")
    cached.write_bytes(cached.read_bytes()[:100])  # truncated
    match = prefilter._hyperscan_matcher(prefilter.keywords())
    assert match(b"deepseek-chat") and not match(b"hello")


def test_two_checkouts_sharing_the_cache_folder_each_keep_their_index(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Two installs whose data files differ in modification time (git worktrees, a venv and a pre-commit hook) have
    different keys: alternating between them reads each one's index back instead of compiling the YAML again."""
    monkeypatch.setenv("MODELMAP_CACHE_DIR", str(tmp_path))
    loader.load_index.cache_clear()
    data = loader.compile_index(loader.data_files())
    compiled: list[str] = []
    key = ["aaaa"]

    def counting(_files: Any) -> Any:
        compiled.append(key[0])
        return data

    monkeypatch.setattr(loader, "compile_index", counting)
    monkeypatch.setattr(loader, "_digest", lambda: key[0])
    try:
        for k in ("aaaa", "bbbb", "aaaa", "bbbb", "aaaa"):
            key[0] = k
            loader.load_index.cache_clear()
            assert loader.load_index().models
    finally:
        loader.load_index.cache_clear()
    assert compiled == ["aaaa", "bbbb"]  # each compiled once; before, every switch compiled again
    assert {p.name for p in tmp_path.glob("kb-*.json")} == {"kb-aaaa.json", "kb-bbbb.json"}


def test_a_used_index_is_kept_over_ones_built_later_but_unused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.fsutil import store_cache, touch_cache

    first = tmp_path / "kb-first.json"
    store_cache(first, b"{}", replaces="kb-*.json", keep=2)
    os.utime(first, (1, 1))
    store_cache(tmp_path / "kb-second.json", b"{}", replaces="kb-*.json", keep=2)
    os.utime(tmp_path / "kb-second.json", (2, 2))
    touch_cache(first)  # read back by a run: now the most recently used
    store_cache(tmp_path / "kb-third.json", b"{}", replaces="kb-*.json", keep=2)
    assert {p.name for p in tmp_path.glob("kb-*.json")} == {"kb-first.json", "kb-third.json"}
