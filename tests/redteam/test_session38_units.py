"""Units for the readers redteam42 (session 38) fixed: the knowledge index cache's bounds before decoding, and its
CRC-checked wrapper (a cache file of the right outer shape whose entries are of other types is rebuilt, not trusted)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from modelmap.knowledge import loader


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compiled and stored index for the module (a compile costs ~3 s of CPU)."""
    folder = tmp_path_factory.mktemp("kb")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MODELMAP_CACHE_DIR", str(folder))
        mp.delenv("MODELMAP_NO_CACHE", raising=False)
        loader.load_index.cache_clear()
        loader.load_index()
        loader.load_index.cache_clear()
    (kb,) = folder.glob("kb-*.json")
    return kb


@pytest.fixture()
def cache_dir(tmp_path: Path, stored: Path) -> Path:
    shutil.copy2(stored, tmp_path / stored.name)
    return tmp_path


def _stored(cache: Path) -> Path:
    (kb,) = cache.glob("kb-*.json")
    return kb


def test_real_index_fits_the_decode_bounds_with_room(cache_dir: Path) -> None:
    """The compiled index meets index_bound() and the container share with a margin, so a growing knowledge base
    fails here, not silently by a cache refused (and the index recompiled) on every run."""
    raw = _stored(cache_dir).read_bytes()
    body = loader.unwrap_index(raw)
    assert body is not None
    assert len(body) * 4 <= loader.index_bound() * 3
    containers = body.count(b"{") + body.count(b"[")
    assert containers * loader.MIN_BYTES_PER_CONTAINER * 2 <= len(body)
    assert loader._cached_index(cache_dir, loader._content_key()) is not None


def test_decode_bomb_is_refused_before_decoding() -> None:
    """`{},` x 4 million (12 MB, under the size bound) decoded to 4 million dicts (~400 MB; 60 MB of it, under the
    old 64 MB bound, took a scan to 1.7 GB): refused by the container count, unread by the decoder."""
    bomb = b"[" + b"{}," * 4_000_000 + b"{}]"
    assert not loader._plausible_index(bomb)
    assert loader._plausible_index(b'{"a":"' + b"x" * 100 + b'"}')


def test_index_bound_follows_the_data() -> None:
    loader._digest()
    assert loader.index_bound() == min(loader.MAX_INDEX_BYTES,
                                       loader.INDEX_PER_DATA_BYTE * loader._data_bytes[0] + loader.INDEX_SLACK_BYTES)
    assert loader.index_bound() < loader.MAX_INDEX_BYTES


@pytest.mark.parametrize("damage", ["entries-of-other-types", "plain-json", "crc-off-by-one", "cut"])
def test_damaged_index_is_rebuilt(cache_dir: Path, damage: str) -> None:
    kb = _stored(cache_dir)
    raw = kb.read_bytes()
    body = loader.unwrap_index(raw)
    assert body is not None
    data = json.loads(body)
    if damage == "entries-of-other-types":  # the outer shape _is_index checks, entries of other types
        for k in loader._INDEX_MAPS:
            data[k] = {key: 5 for key in list(data[k])[:2000]}
        kb.write_bytes(json.dumps(data).encode())
    elif damage == "plain-json":  # the index as older versions stored it: no CRC
        kb.write_bytes(body)
    elif damage == "crc-off-by-one":
        crc = raw[raw.rfind(b":") + 1:-1]
        kb.write_bytes(raw[:-1 - len(crc)] + str(int(crc) ^ 1).encode() + b"}")
    else:
        kb.write_bytes(raw[:len(raw) // 2])
    assert loader._cached_index(cache_dir, loader._content_key()) is None  # rebuilt by load_index


def test_wrap_round_trip() -> None:
    body = b'{"a":[1,2,{"b":null}]}'
    assert loader.unwrap_index(loader.wrap_index(body)) == body
    assert json.loads(loader.wrap_index(body))["index"] == {"a": [1, 2, {"b": None}]}
    assert loader.unwrap_index(b"null") is None
    assert loader.unwrap_index(b'{"index":1,"crc32":99999999999}') is None


def test_bound_known_without_the_digest(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """index_bound walks the data itself where no _digest ran in this process (or _digest is replaced, as the cache
    tests do): the stored index is read, not refused for want of a bound and recompiled."""
    monkeypatch.setattr(loader, "_data_bytes", [])
    monkeypatch.setattr(loader, "_digest", lambda: "aaaa")
    assert loader._cached_index(cache_dir, loader._content_key()) is not None
