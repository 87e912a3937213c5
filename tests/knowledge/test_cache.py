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


def _counting_compiles(monkeypatch: pytest.MonkeyPatch, key: list[str]) -> list[str]:
    """compile_index replaced by one that records the cheap key it was called under (and answers the real index)."""
    data = loader.compile_index(loader.data_files())
    compiled: list[str] = []

    def counting(_files: Any) -> Any:
        compiled.append(key[0])
        return data

    monkeypatch.setattr(loader, "compile_index", counting)
    monkeypatch.setattr(loader, "_digest", lambda: key[0])
    return compiled


def _load_under(keys: tuple[str, ...], key: list[str]) -> None:
    try:
        for k in keys:
            key[0] = k
            loader.load_index.cache_clear()
            assert loader.load_index().models
    finally:
        loader.load_index.cache_clear()


def test_two_checkouts_of_one_knowledge_base_share_one_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two checkouts whose data files differ only in modification time (git worktrees or fresh clones of one commit,
    a venv and a pre-commit hook) have different cheap keys but the same content: the first compiles, every other
    one finds that index through the content key (and keeps a pointer to it), never compiling the YAML again; with
    five checkouts in turn the old cache (one index per cheap key, KEEP_INDEXES of them) compiled on every switch."""
    monkeypatch.setenv("MODELMAP_CACHE_DIR", str(tmp_path))
    key = ["aaaa"]
    compiled = _counting_compiles(monkeypatch, key)
    content: list[int] = []
    real_content_key = loader._content_key
    monkeypatch.setattr(loader, "_content_key", lambda: content.append(1) or real_content_key())
    _load_under(("aaaa", "bbbb", "cccc", "dddd", "eeee", "aaaa", "bbbb", "eeee"), key)
    assert compiled == ["aaaa"]
    assert len(content) == 5  # once per new checkout; a checkout seen before reads its pointer
    assert len(list(tmp_path.glob("kb-*.json"))) == 1
    assert len(list(tmp_path.glob("kbkey-*"))) == 5


def test_two_checkouts_with_different_knowledge_each_keep_their_index(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Checkouts whose knowledge bases differ (another commit, an edited data file) each compile once and read their
    own index back when used in turn; a pointer to an index that was evicted or spoiled compiles again."""
    monkeypatch.setenv("MODELMAP_CACHE_DIR", str(tmp_path))
    key = ["aaaa"]
    compiled = _counting_compiles(monkeypatch, key)
    monkeypatch.setattr(loader, "_content_key", lambda: {"aaaa": "a" * 20, "bbbb": "b" * 20}[key[0]])
    _load_under(("aaaa", "bbbb", "aaaa", "bbbb", "aaaa"), key)
    assert compiled == ["aaaa", "bbbb"]
    assert {p.name for p in tmp_path.glob("kb-*.json")} == {f"kb-{'a' * 20}.json", f"kb-{'b' * 20}.json"}
    (tmp_path / f"kb-{'a' * 20}.json").write_text("{}")  # not an index: rebuilt, never trusted
    _load_under(("aaaa",), key)
    assert compiled == ["aaaa", "bbbb", "aaaa"]


def test_the_content_key_covers_the_data_and_the_compiler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The content key is the bytes of every data file and of the loader's own source (a loader edited without a
    new INDEX_VERSION compiles a new index), never their modification times."""
    base = loader._content_key()
    copy = tmp_path / "data"  # another checkout: the same bytes, new modification times
    for path in loader.data_files():
        target = copy / path.relative_to(loader.DATA_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    cheap = loader._digest()
    monkeypatch.setattr(loader, "DATA_DIR", copy)
    assert loader._digest() != cheap
    assert loader._content_key() == base
    first = loader.data_files()[0]
    first.write_bytes(first.read_bytes() + b"\n# an edit\n")
    assert loader._content_key() != base
    first.write_bytes(first.read_bytes()[:-len(b"\n# an edit\n")])
    assert loader._content_key() == base
    own = tmp_path / "loader.py"
    own.write_bytes(Path(loader.__file__).read_bytes() + b"\n# an edit\n")
    monkeypatch.setattr(loader, "__file__", str(own))
    assert loader._content_key() != base


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
