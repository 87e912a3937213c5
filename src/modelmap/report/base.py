"""The Renderer seam: one module per output format, each turning a result into bytes."""

from __future__ import annotations

from typing import Any, Protocol


class Renderer(Protocol):
    id: str
    media_type: str

    def render(self, result: Any) -> bytes: ...


