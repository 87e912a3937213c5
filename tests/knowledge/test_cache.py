"""The compiled caches (knowledge index, prefilter database) live in MODELMAP_CACHE_DIR and replace older builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover import prefilter
from modelmap.knowledge import loader


def test_a_fresh_build_removes_stale_indexes_and_databases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELMAP_CACHE_DIR", str(tmp_path))
    (tmp_path / "kb-0000stale.json").write_text("{}")
    (tmp_path / "prefilter-0000stale.hsdb").write_bytes(b"junk")
    loader.load_index.cache_clear()
    try:
        kb = loader.load_index()
        assert kb.models  # compiled from the YAML, not read from the junk file
        match = prefilter._hyperscan_matcher(prefilter.keywords())
    finally:
        loader.load_index.cache_clear()
    assert [p.name for p in tmp_path.glob("kb-*.json")] != ["kb-0000stale.json"]
    assert len(list(tmp_path.glob("kb-*.json"))) == 1
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
