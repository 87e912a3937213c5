"""safetensors header reader: tensor names, dtypes, shapes and ``__metadata__``, never tensor data.

Hand-written rather than ``safetensors.safe_open``: safe_open checks the data offsets against the file
length and refuses a file whose tensor data is cut off (a partial download still has a complete,
useful header), and it has no header-only API. The format is 8 bytes of little-endian header length
followed by that many bytes of JSON, so a bounded reader is short. The ``safetensors`` package is
used for nothing else; the dtype names below follow its format documentation.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from modelmap.artifacts.base import (
    DEFAULT_LIMITS,
    ArtifactInfo,
    Limits,
    Tensor,
    fail,
    open_regular,
    parse_json_bounded,
)

DTYPE_BYTES = {
    "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "F8_E8M0": 1, "F4": 1, "F6_E2M3": 1,
    "F6_E3M2": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2, "I32": 4, "U32": 4, "F32": 4,
    "I64": 8, "U64": 8, "F64": 8, "C64": 8,
}


def _check_tensor(path: Path, name: str, entry: Any) -> Tensor:
    if not isinstance(entry, dict):
        raise fail(path, f"tensor {name!r}: header entry is not an object")
    dtype, shape, offsets = entry.get("dtype"), entry.get("shape"), entry.get("data_offsets")
    if not isinstance(dtype, str) or not isinstance(shape, list) or len(shape) > 16:
        raise fail(path, f"tensor {name!r}: bad dtype or shape")
    if not all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d < 1 << 48 for d in shape):
        raise fail(path, f"tensor {name!r}: shape {shape!r} is not a list of sizes")
    if not (isinstance(offsets, list) and len(offsets) == 2 and all(isinstance(o, int) for o in offsets)
            and 0 <= offsets[0] <= offsets[1]):
        raise fail(path, f"tensor {name!r}: bad data_offsets {offsets!r}")
    return Tensor(name, dtype, tuple(shape))


class SafetensorsReader:
    id = "safetensors"
    description = "safetensors header: tensor names, dtypes, shapes and __metadata__"

    def sniff(self, head: bytes) -> bool:
        if len(head) < 10:
            return False
        n = int.from_bytes(head[:8], "little")
        return 2 <= n < 1 << 40 and head[8:9] == b"{"

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        try:
            with open_regular(path) as fh:
                size = os.fstat(fh.fileno()).st_size
                prefix = fh.read(8)
                if len(prefix) < 8:
                    raise fail(path, f"file is truncated: {len(prefix)} bytes, the header length needs 8")
                n = int.from_bytes(prefix, "little")
                if n > limits.max_header_bytes:
                    raise fail(path, f"header length {n} is more than the {limits.max_header_bytes}-byte limit",
                               "max_header_bytes")
                if n > size - 8:
                    raise fail(path, f"file is truncated: header length {n}, only {size - 8} bytes follow")
                raw = fh.read(n)
        except OSError as exc:
            raise fail(path, f"cannot read: {exc.strerror or exc}") from exc
        if len(raw) != n:
            raise fail(path, "file is truncated inside the header")
        header = parse_json_bounded(path, raw, limits, "header")
        if not isinstance(header, dict):
            raise fail(path, "header is not a JSON object")
        meta = header.pop("__metadata__", None) or {}
        if not isinstance(meta, dict):
            raise fail(path, "__metadata__ is not an object")
        if len(header) > limits.max_items:
            raise fail(path, f"header lists {len(header)} tensors, more than {limits.max_items}", "max_items")
        tensors = [_check_tensor(path, str(k), v) for k, v in header.items()]
        data_bytes = max((v["data_offsets"][1] for v in header.values()), default=0)
        info = ArtifactInfo(
            path=str(path), format="safetensors",
            metadata={str(k): v for k, v in meta.items() if isinstance(v, str)},
            tensors=tensors, tensor_count=len(tensors), data_offset=8 + n, data_bytes=data_bytes,
        )
        if 8 + n + data_bytes > size:
            info.notes.append(f"tensor data is cut off: the header declares {8 + n + data_bytes} bytes, "
                              f"the file has {size}")
        return info
