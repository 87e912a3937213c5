"""Red-team probes of brief insp37 (session 33): llama.cpp's pre-GGUF containers (ggml / ggmf / ggjt hyper-parameters
and vocabulary, modelmap.artifacts.ggml) and the Paddle program reader's op_callstack walk (export-time source files,
feeds / fetches). Each input is built at test time; each promises bounded CPU / wall time and memory and a clean exit.
Imported by tests/redteam/probes.py after probes_session32. Stdlib only at import time.
"""

from __future__ import annotations

import struct

from tests.artifacts.protobuf import field as _ld
from tests.artifacts.protobuf import varint
from tests.redteam.probes import OK_OR_USAGE, probe, write
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.runner import Ctx

_LLAMA_7B = struct.pack("<6i", 4096, 256, 32, 32, 128, 1)


def _ggjt_million_entries(ctx: Ctx) -> None:
    # 1,048,576 one-byte scored entries (the reader's entry bound, 9 MB): walked once in memory, hashed, matched
    n = 1 << 20
    body = b"".join(struct.pack("<I", 1) + bytes((i % 251,)) + struct.pack("<f", -1.0) for i in range(n))
    write(ctx.work / "vocab.bin", b"tjgg" + struct.pack("<I", 1) + struct.pack("<i", n) + _LLAMA_7B + body)


def _ggjt_lying_count(ctx: Ctx) -> None:
    # n_vocab 2^31-1 in a 100-byte file: refused before any walk (a reported skip)
    write(ctx.work / "vocab.bin", b"tjgg" + struct.pack("<I", 3) + struct.pack("<i", 2**31 - 1) + _LLAMA_7B
          + struct.pack("<I", 3) + b"abc" + b"\0" * 60)


def _ggjt_entry_past_end(ctx: Ctx) -> None:
    # the first entry claims 4,096 bytes (the piece bound) and the file ends after 10 of them
    write(ctx.work / "vocab.bin", b"tjgg" + struct.pack("<I", 1) + struct.pack("<i", 32000) + _LLAMA_7B
          + struct.pack("<I", 4096) + b"x" * 10)


probe("session33-ggjt-1m-entries", "big-header", _ggjt_million_entries, ("inspect", "vocab.bin", "-f", "json"),
      OK_OR_USAGE, fmt="json", timeout=60.0, checks=(cpu_below(20.0),))
probe("session33-ggjt-lying-count", "truncated-model", _ggjt_lying_count, ("inspect", "vocab.bin", "-f", "json"),
      OK_OR_USAGE, fmt="json", timeout=30.0)
probe("session33-ggjt-entry-past-end", "truncated-model", _ggjt_entry_past_end, ("inspect", "vocab.bin", "-f", "json"),
      OK_OR_USAGE, fmt="json", timeout=30.0)

_BLOCK0 = b"\x08\x00\x10" + b"\xff" * 9 + b"\x01"


def _paddle_callstack_bomb(ctx: Ctx) -> None:
    # 100 ops, each with an op_callstack of 300 distinct 1 KB source lines (~31 MB): the lines read per op
    # (MAX_CALLSTACK_LINES), the distinct paths kept (MAX_PADDLE_SOURCES) and the protobuf fields walked
    # (MAX_PADDLE_FIELDS) are all bounded
    lines = b"".join(_ld(8, b'  File "/x/' + b"p" * 1000 + f'{i}.py", line 1, in f'.encode()) for i in range(300))
    op = _ld(4, _ld(3, b"conv2d") + _ld(4, _ld(1, b"op_callstack") + varint(2 << 3) + varint(4) + lines))
    block = _BLOCK0 + op * 100
    with (ctx.work / "inference.pdmodel").open("wb") as fh:
        fh.write(b"\x0a" + varint(len(block)) + block)


probe("session33-paddle-callstack-bomb", "big-header", _paddle_callstack_bomb,
      ("inspect", "inference.pdmodel", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=60.0, checks=(cpu_below(20.0),))
