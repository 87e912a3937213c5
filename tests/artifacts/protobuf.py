"""Protocol-buffer wire encoding for hand-built ONNX test files: a base-128 varint and a length-delimited field."""

from __future__ import annotations


def varint(n: int) -> bytes:
    out = b""
    while True:
        b, n = n & 0x7F, n >> 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field(num: int, payload: bytes) -> bytes:
    """Field ``num`` with wire type 2 (length-delimited) holding ``payload``."""
    return varint((num << 3) | 2) + varint(len(payload)) + payload
