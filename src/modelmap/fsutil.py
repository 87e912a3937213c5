"""Atomic file writes, shared by the report writers and the on-disk caches.

Stdlib only (imported by the knowledge loader and the scan prefilter, so it must stay cheap).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write to a temp file beside the target, then rename: a failed run never leaves half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def store_cache(path: Path, data: bytes, *, replaces: str | None = None) -> None:
    """Best effort: write a cache file atomically and delete the older builds that match the glob
    ``replaces`` in the same directory. No writable cache directory means no cache, not an error."""
    try:
        write_atomic(path, data)
        if replaces:
            for stale in path.parent.glob(replaces):
                if stale != path:
                    stale.unlink(missing_ok=True)
    except OSError:
        pass
