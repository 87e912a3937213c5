"""Hand-built safetensors headers for tests: the 8-byte little-endian length and the JSON tensor table, as the
safetensors format lays them out, with float32 tensors packed back to back (no data bytes: callers append them)."""

from __future__ import annotations

import json
import struct

_WIDTH = {"F32": 4, "F16": 2, "BF16": 2, "I8": 1, "U8": 1, "F64": 8, "I64": 8, "I32": 4}


def header(tensors: dict[str, list[int]], dtype: str = "F32") -> bytes:
    """The header of a safetensors file holding ``tensors`` (name -> shape), each ``dtype``, in the given order."""
    table: dict[str, object] = {}
    off = 0
    for name, shape in tensors.items():
        n = _WIDTH[dtype]
        for d in shape:
            n *= d
        table[name] = {"dtype": dtype, "shape": shape, "data_offsets": [off, off + n]}
        off += n
    raw = json.dumps(table).encode()
    return struct.pack("<Q", len(raw)) + raw
