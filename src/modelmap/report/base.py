"""The Renderer seam: one module per output format, each turning a result into bytes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any, Protocol


class Renderer(Protocol):
    id: str
    media_type: str

    def render(self, result: Any) -> bytes: ...


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write to a temp file beside the target, then rename: a failed run never leaves half a report."""
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
