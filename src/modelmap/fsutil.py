"""Atomic file writes, shared by the report writers and the on-disk caches; bounded reads of the JSON
documents one command hands another (an eval for the plan's gate, a plan for eval's candidates).

Stdlib only (imported by the knowledge loader and the scan prefilter, so it must stay cheap).

Temp files are named ``.<target>.modelmap-<random>.tmp`` beside the target, so one left behind by a
killed run (``kill -9``) is recognisable: ``store_cache`` removes such files older than
``STALE_SECONDS`` from the cache folder on its next write.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

TEMP_MARK = ".modelmap-"
TEMP_SUFFIX = ".tmp"
STALE_SECONDS = 3600


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], data: bytes, *, mode: int | None = None) -> None:
    """Write to a temp file beside the target, then rename: a failed run never leaves half a file.

    ``mode`` is the permission the file ends with (pass an existing file's mode to keep it); by
    default a new file gets 0666 less the umask, as ``open()`` would give it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:100]}{TEMP_MARK}", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def sweep_stale_temps(folder: Path, *, older_than: float = STALE_SECONDS) -> None:
    """Remove temp files a killed run left in ``folder`` (only ours, only old ones)."""
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and TEMP_MARK in name and name.endswith(TEMP_SUFFIX)):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)


def store_cache(path: Path, data: bytes, *, replaces: str | None = None, keep: int = 1) -> None:
    """Best effort: write a cache file atomically and delete the older builds that match the glob
    ``replaces`` in the same directory, all but the ``keep - 1`` most recently used of them (by modification time:
    ``touch_cache`` marks a build used), and stale temp files of killed runs. No writable cache
    directory means no cache, not an error. Cache files are private to the user (0600)."""
    try:
        if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
            return  # a FIFO, device or link where the cache would go is left alone: no cache this run
        write_atomic(path, data, mode=0o600)
        if replaces:
            others: list[tuple[float, Path]] = []
            for stale in path.parent.glob(replaces):
                if stale != path:
                    st = stale.lstat()
                    if stat.S_ISREG(st.st_mode):
                        others.append((st.st_mtime, stale))
            others.sort(key=lambda item: item[0], reverse=True)
            for _mtime, stale in others[max(keep - 1, 0):]:
                stale.unlink(missing_ok=True)
        sweep_stale_temps(path.parent)
    except OSError:
        pass


def touch_cache(path: Path) -> None:
    """Best effort: mark a cache file as just used (its modification time), so that ``store_cache(keep=N)``
    evicts the builds used least recently, not this one."""
    with contextlib.suppress(OSError):
        os.utime(path)


# read-only, never blocking on a FIFO, never becoming the controlling terminal
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def read_regular(path: str | os.PathLike[str], limit: int, *, whole: bool = False) -> bytes | None:
    """At most ``limit`` bytes of ``path`` if it is a regular file (a symlink to one included); None for a
    FIFO, socket, device or directory. Opened non-blocking and checked with ``fstat`` on the open descriptor
    (no race between a check and the open), so a FIFO named like a file we read can never block. Raw
    ``os.read``: a third of the cost of ``open()`` per file, which matters to the scan engine. ``whole``: the caller
    wants the file only if it has fewer than ``limit`` bytes - a larger one is refused by its size (None, unread)."""
    fd = os.open(path, OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        if whole:
            if st.st_size >= limit:
                return None
            limit = st.st_size + 1  # one read, one buffer: a file grown since fstat is cut there (the caller's check)
        chunks = []
        remaining = limit
        while remaining > 0:
            want = remaining if whole else min(remaining, 1 << 20)
            chunk = os.read(fd, want)
            if chunk:
                chunks.append(chunk)
                remaining -= len(chunk)
            if len(chunk) < want:
                break  # a short read of a regular file is its end: no extra read() to see b""
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def read_cache(path: Path, max_bytes: int) -> bytes | None:
    """A cache file's bytes, or None when it is absent, not a regular file or larger than ``max_bytes``
    (callers then rebuild: a FIFO or device put in the cache folder can never block or flood a run). A file whose
    size is over ``max_bytes`` is refused unread, and one under it is read in one piece: read in chunks and joined, a
    250 MB file under a 256 MB bound cost 500 MB of memory before it was refused."""
    try:
        data = read_regular(path, max_bytes + 1, whole=True)
    except OSError:
        return None
    return data if data is not None and len(data) <= max_bytes else None


def read_input(path: Path, limit: int, *, too_large_hint: str | None = None) -> bytes:
    """A file the user named, read with at most ``limit`` bytes; unreadable or larger is a UsageError that
    names the file."""
    from modelmap.errors import UsageError

    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {exc.strerror or exc}", where=str(path)) from exc
    if len(data) > limit:
        raise UsageError(f"larger than {limit} bytes", where=str(path), hint=too_large_hint)
    return data


def load_json_document(path: Path, limit: int, schema: str, *, hint: str | None = None) -> dict[str, Any]:
    """A JSON object whose ``schema`` field is ``schema``, read with at most ``limit`` bytes; any problem is a
    UsageError that names the file (and ``hint``, how to write a right one)."""
    from modelmap.errors import UsageError

    raw = read_input(path, limit)
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"not JSON: {exc}", where=str(path)) from exc
    if not isinstance(doc, dict) or doc.get("schema") != schema:
        raise UsageError(f"not a {schema} document", where=str(path), hint=hint)
    return doc
