"""On-disk cache of header reads for the expensive readers (GGUF, tokenizer files).

A 150k-token vocabulary costs 100-900 ms to parse and fingerprint; the result is a few kilobytes. The
cache keeps the :class:`ArtifactInfo` a reader returned, with the vocabulary replaced by its fingerprint,
as JSON under ``$MODELMAP_CACHE_DIR/inspect/`` (else ``$XDG_CACHE_HOME/modelmap/inspect`` or
``~/.cache/modelmap/inspect``). The key is the resolved path, size and ``st_mtime_ns`` (plus the reader,
the limits and this module's format version), so an edited or replaced file is read again. Everything is
best effort: an unreadable, corrupt or unwritable cache just means a fresh read. ``MODELMAP_NO_CACHE=1``
turns it off. Read errors are never cached.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from modelmap.artifacts.base import ArtifactInfo, Limits, Reader, Tensor, TokenizerInfo
from modelmap.artifacts.fingerprint import tokenizer_fingerprint
from modelmap.fsutil import store_cache

VERSION = 6  # 2: a vocabulary whose hash is unknown keeps its bottom-k sketch (tolerant match); 3: readers changed
# in session 14 (SentencePiece all-user-defined, whisper.cpp ggml vocabularies, headless merges, tokenizer_config.json,
# byte-level vocabulary lines, a cut tokenizer.json's byte_fallback): entries read before are read again; 4: the
# prefix hashes of an unknown vocabulary (one cut short) kept too, and vocabularies cut short read (session 15); 5: a
# vocab.json of plain-text tokens hashed as their UTF-8 bytes, with its collisions as lossy_tokens (session 28); 6:
# tokenizer reads keep their layout as format_props, and CLIP's HF merges.txt is read with "</w>" (session 30)
CACHED_READERS = frozenset({"gguf", "tokenizer"})
_MAX_LIST = 4096  # metadata arrays longer than this (token lists, scores, merges) are not kept
#: One entry is a few kilobytes; a file whose header serialises to more is read afresh each time
#: (a hostile GGUF once wrote a 64 MB entry).
MAX_ENTRY_BYTES = 512 * 1024
#: The whole cache folder; past this the oldest entries are evicted.
MAX_TOTAL_BYTES = 64 * 1024 * 1024


def cache_dir() -> Path | None:
    if os.environ.get("MODELMAP_NO_CACHE") == "1":
        return None
    env = os.environ.get("MODELMAP_CACHE_DIR")
    if env:
        base = Path(env)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = Path(xdg) / "modelmap"
    return base / "inspect"


def cache_key(path: Path, st: os.stat_result, reader_id: str, limits: Limits) -> str:
    try:
        resolved = str(path.resolve())
    except OSError:
        resolved = str(path.absolute())
    raw = f"v{VERSION}|{reader_id}|{resolved}|{st.st_size}|{st.st_mtime_ns}|{limits!r}"
    return hashlib.sha256(raw.encode("utf-8", errors="surrogatepass")).hexdigest()[:32]


def _plain(value: Any, depth: int = 0) -> tuple[bool, Any]:
    """(keep, value) for JSON: scalars, short lists and small dicts of them; anything else is dropped."""
    if value is None or isinstance(value, bool | int | str):
        return True, value
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf")), value
    if depth > 6:
        return False, None
    if isinstance(value, list | tuple):
        if len(value) > _MAX_LIST:
            return False, None
        out = []
        for v in value:
            keep, pv = _plain(v, depth + 1)
            if not keep:
                return False, None
            out.append(pv)
        return True, out
    if isinstance(value, dict):
        d = {}
        for k, v in value.items():
            keep, pv = _plain(v, depth + 1)
            if keep and isinstance(k, str):
                d[k] = pv
        return True, d
    return False, None


def to_json(info: ArtifactInfo) -> dict[str, Any]:
    tok = info.tokenizer
    tok_doc = None
    if tok is not None:
        fp = tokenizer_fingerprint(tok)
        tok.fingerprint = fp  # the caller fingerprints it next: do not hash twice
        tok_doc = {"kind": tok.kind, "convention": tok.convention, "special_tokens": list(tok.special_tokens),
                   "total_size": tok.total_size, "extra": _plain(tok.extra)[1] or {}, "fingerprint": fp}
    return {
        "path": info.path,
        "format": info.format,
        "metadata": _plain(info.metadata)[1] or {},
        "tensors": [[t.name, t.dtype, list(t.shape)] for t in info.tensors],
        "tensor_count": info.tensor_count,
        "tokenizer": tok_doc,
        "security": _plain(info.security)[1] or [],
        "notes": list(info.notes),
        "data_offset": info.data_offset,
        "data_bytes": info.data_bytes,
    }


def from_json(doc: dict[str, Any]) -> ArtifactInfo:
    tok_doc = doc.get("tokenizer")
    tok = None
    if tok_doc is not None:
        tok = TokenizerInfo(kind=tok_doc["kind"], convention=tok_doc["convention"], tokens=[],
                            special_tokens=list(tok_doc["special_tokens"]), total_size=int(tok_doc["total_size"]),
                            extra=dict(tok_doc.get("extra") or {}), fingerprint=dict(tok_doc["fingerprint"]))
    return ArtifactInfo(
        path=str(doc["path"]),
        format=str(doc["format"]),
        metadata=dict(doc["metadata"]),
        tensors=[Tensor(str(n), str(d), tuple(int(x) for x in s)) for n, d, s in doc["tensors"]],
        tensor_count=int(doc["tensor_count"]),
        tokenizer=tok,
        security=list(doc["security"]),
        notes=list(doc["notes"]),
        data_offset=doc.get("data_offset"),
        data_bytes=doc.get("data_bytes"),
    )


def _store(target: Path, doc: dict[str, Any]) -> None:
    try:
        data = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError):
        return  # best effort: a header that does not serialise is simply not cached
    if len(data) > MAX_ENTRY_BYTES:
        return
    store_cache(target, data)
    evict(target.parent)


def evict(folder: Path, *, limit: int = MAX_TOTAL_BYTES) -> None:
    """Delete the oldest entries until the folder holds at most ``limit`` bytes of them."""
    try:
        entries = []
        for entry in os.scandir(folder):
            if entry.name.endswith(".json") and entry.is_file(follow_symlinks=False):
                st = entry.stat(follow_symlinks=False)
                entries.append((st.st_mtime, st.st_size, entry.path))
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size


def cached_read(reader: Reader, path: Path, limits: Limits) -> ArtifactInfo:
    """``reader.read(path, limits)``, served from the on-disk cache when the file is unchanged."""
    base = cache_dir() if reader.id in CACHED_READERS else None
    if base is None:
        return reader.read(path, limits)
    try:
        st = path.stat()
    except OSError:
        return reader.read(path, limits)  # the reader reports the error with its own message
    target = base / f"{cache_key(path, st, reader.id, limits)}.json"
    try:
        if target.stat().st_size > MAX_ENTRY_BYTES:
            raise ValueError("oversized cache entry")
        doc = json.loads(target.read_bytes())
        if isinstance(doc, dict) and doc.get("v") == VERSION:
            info = from_json(doc["info"])
            info.path = str(path)
            return info
    except Exception:  # any damage to an entry (wrong shape, truncated, huge numbers): read afresh
        pass
    info = reader.read(path, limits)  # a ReadError propagates and is not cached
    _store(target, {"v": VERSION, "info": to_json(info)})
    return info
