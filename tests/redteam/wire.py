"""Protobuf wire-format pieces for hostile model files built at test time (ONNX, Caffe, SentencePiece are protobuf).

Shared by the red-team probe files that write such inputs; hand-written because the probes need malformed and huge
messages that a protobuf library would refuse to build.
"""

from __future__ import annotations


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def ld(field: int, data: bytes) -> bytes:
    """A length-delimited field (wire type 2)."""
    return varint(field << 3 | 2) + varint(len(data)) + data
