"""BLAKE3 content hashes of tensor data, streamed from a memory map in bounded chunks.

Hashing the tensor-data region (not the header) means a re-uploaded copy with rewritten metadata
still hashes the same. ``blake3(max_threads=...)`` hashes each chunk on several threads and releases
the GIL; the mmap keeps our own memory at one chunk's worth of page references.
"""

from __future__ import annotations

import mmap
import os
from pathlib import Path

from blake3 import blake3

from modelmap.errors import ReadError

CHUNK = 64 * 1024 * 1024


def default_threads() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def hash_range(path: Path, start: int = 0, length: int | None = None, *, threads: int | None = None) -> str:
    """``blake3:<hex>`` of ``length`` bytes from ``start`` (to the end of the file when None)."""
    h = blake3(max_threads=threads or default_threads())
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            end = size if length is None else min(size, start + length)
            if start >= end:
                return "blake3:" + h.hexdigest()
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                view = memoryview(mm)
                try:
                    for off in range(start, end, CHUNK):
                        h.update(view[off : min(end, off + CHUNK)])
                finally:
                    view.release()
    except (OSError, ValueError) as exc:
        raise ReadError(str(path), f"cannot hash: {exc}") from exc
    return "blake3:" + h.hexdigest()
