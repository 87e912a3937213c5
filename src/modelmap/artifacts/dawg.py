"""dawgdic DAWG files (the ``DAWG`` / ``DAWG-Python`` packages' ``.dawg``): a few keys read, nothing executed.

The format is dawgdic's (a C++ library; the Python packages wrap it or, DAWG-Python, reimplement its reader): a
Dictionary - a uint32 count of units, then that many uint32 units of a double-array automaton - followed, in every
DAWG that can list its keys (CompletionDAWG and its BytesDAWG / RecordDAWG subclasses), by a Guide - a uint32 count
equal to the dictionary's, then two bytes a unit (first child label, next sibling label). A unit packs
``label = unit & (1 << 31 | 0xFF)``, ``has_leaf = unit >> 8 & 1`` and ``offset = (unit >> 10) << ((unit & 1 << 9)
>> 6)``; a transition on byte ``c`` from index ``i`` goes to ``i ^ offset(unit[i]) ^ c`` when that unit's label is
``c``. The layout is small, so it is read here by hand: the whole-file size must be exactly ``8 + 6 * count``, then
the guide is walked depth-first from the root (as DAWG-Python's Completer does) to list the first MAX_KEYS keys.

What the keys say: a BytesDAWG / RecordDAWG stores ``key \\x01 base64(value)`` (b2a_base64: a newline at the
end); a RecordDAWG's values all have one struct size. pymorphy2 / pymorphy3's ``words.dawg`` is a RecordDAWG of
format ``>HH`` (paradigm id, form index: four bytes, eight base64 characters), which the reader reports as
``dawg.record_bytes`` for structure patterns to test.

Bounded: at most MAX_UNITS units (16 Mi, a 96 MiB file; an ncnn weight file's fp16 tag 0x01306B47 is above it),
MAX_KEYS keys of at most MAX_KEY bytes, MAX_STEPS transitions in all; every index is checked against the unit count;
a bad file raises ReadError (a skipped file). The sniff is weak (a unit count and a root unit), so the reader comes
last: only a file no other reader takes is tried, and read() checks the file size exactly.
"""

from __future__ import annotations

import base64
import binascii
import struct
from pathlib import Path
from typing import Any

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, mapped

MIN_UNITS, MAX_UNITS = 256, 16 * 1024 * 1024  # pymorphy's Russian words.dawg has 1.2 Mi units
MAX_KEYS = 64
MAX_KEY = 256
MAX_STEPS = 200_000
SEPARATOR = 1  # BytesDAWG's PAYLOAD_SEPARATOR


class _Dawg:
    def __init__(self, path: Path, buf: Any, n: int) -> None:
        self.path, self.buf, self.n = path, buf, n
        self.guide = 8 + 4 * n

    def unit(self, i: int) -> int:
        if not 0 <= i < self.n:
            raise fail(self.path, f"DAWG index {i} is outside its {self.n} units")
        return int(struct.unpack_from("<I", self.buf, 4 + 4 * i)[0])

    def follow(self, label: int, i: int) -> int | None:
        u = self.unit(i)
        nxt = i ^ (((u >> 10) << ((u & (1 << 9)) >> 6)) & 0xFFFFFFFF) ^ label
        if not 0 <= nxt < self.n:
            return None
        return nxt if self.unit(nxt) & ((1 << 31) | 0xFF) == label else None

    def has_value(self, i: int) -> bool:
        return bool(self.unit(i) >> 8 & 1)

    def child(self, i: int) -> int:
        return int(self.buf[self.guide + 2 * i])

    def sibling(self, i: int) -> int:
        return int(self.buf[self.guide + 2 * i + 1])

    def _descend(self, label: int, index: int, key: bytearray, stack: list[int], missing: str) -> int:
        """Follow ``label`` from ``index`` (label 0 or no such transition: ``missing`` as the failure), extending the
        key and the path; the unit reached."""
        nxt = self.follow(label, index) if label else None
        if nxt is None:
            raise fail(self.path, missing)
        key.append(label)
        stack.append(nxt)
        return nxt

    def keys(self) -> list[bytes]:
        """The first MAX_KEYS keys in guide order (DAWG-Python's Completer from the root, prefix b'')."""
        out: list[bytes] = []
        key = bytearray()
        stack = [0]
        steps = 0
        started = False
        while len(out) < MAX_KEYS:
            if not stack:
                break
            index = stack[-1]
            if started:
                label = self.child(index)
                if label:
                    index = self._descend(label, index, key, stack, "the DAWG guide names a child its dictionary "
                                                                    "does not have")
                else:
                    while True:
                        label = self.sibling(index)
                        if key:
                            key.pop()
                        stack.pop()
                        if not stack:
                            return out
                        index = stack[-1]
                        if label:
                            index = self._descend(label, index, key, stack, "the DAWG guide names a sibling its "
                                                                            "dictionary does not have")
                            break
                        steps += 1
                        if steps > MAX_STEPS:
                            raise fail(self.path, f"more than {MAX_STEPS} steps to list {MAX_KEYS} keys", "max_items")
            started = True
            while not self.has_value(index):  # down the first children to the next key
                index = self._descend(self.child(index), index, key, stack, "a DAWG path ends without a key")
                steps += 1
                if len(key) > MAX_KEY or steps > MAX_STEPS:
                    raise fail(self.path, f"a DAWG key longer than {MAX_KEY} bytes or more than {MAX_STEPS} steps",
                               "max_items")
            out.append(bytes(key))
        return out


def _record_size(keys: list[bytes]) -> int | None:
    """The struct size every key's payload decodes to (key, 0x01, base64 of the value), or None when they differ or
    a key has no payload."""
    sizes = set()
    for k in keys:
        if SEPARATOR not in k:
            return None
        payload = k.rsplit(bytes([SEPARATOR]), 1)[1].rstrip(b"\n")  # binascii.b2a_base64 ends it with a newline
        try:
            sizes.add(len(base64.b64decode(payload, validate=True)))
        except (binascii.Error, ValueError):
            return None
    return sizes.pop() if len(sizes) == 1 else None


class DawgReader:
    id = "dawg"
    description = "dawgdic DAWG (DAWG / DAWG-Python .dawg with a guide): unit count, first keys, record size"

    def sniff(self, head: bytes) -> bool:
        if len(head) < 8:
            return False
        n, root = struct.unpack_from("<II", head, 0)
        return MIN_UNITS <= n <= MAX_UNITS and root & ((1 << 31) | 0x1FF) == 0  # the root: label 0, no leaf

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        with mapped(path) as buf:
            size = len(buf)
            if size < 8:
                raise fail(path, "shorter than a DAWG header")
            (n,) = struct.unpack_from("<I", buf, 0)
            if not MIN_UNITS <= n <= MAX_UNITS or size < 8 + 4 * n:
                raise fail(path, f"not a DAWG: {n} units declared in a file of {size} bytes")
            (g,) = struct.unpack_from("<I", buf, 4 + 4 * n)
            if g != n or size != 8 + 6 * n:
                raise fail(path, f"not a DAWG with a guide: {n} units, guide of {g}, {size} bytes (want {8 + 6 * n})")
            keys = _Dawg(path, buf, n).keys()
        if not keys:
            raise fail(path, "a DAWG layout, but no key could be listed")
        props: dict[str, Any] = {"dawg.units": n, "dawg.keys_read": len(keys)}
        words = [k.split(bytes([SEPARATOR]), 1)[0] for k in keys]
        try:
            props["dawg.text_keys"] = all(w.decode("utf-8").isprintable() for w in words)
        except UnicodeDecodeError:
            props["dawg.text_keys"] = False
        record = _record_size(keys)
        if record is not None:
            props["dawg.record_bytes"] = record
        shown = [w.decode("utf-8", "replace") for w in words[:5]]
        info = ArtifactInfo(path=str(path), format="dawg")
        info.metadata["format_props"] = props
        info.notes.append(f"dawgdic DAWG of {n} units; first keys {', '.join(shown)}"
                          + (f"; every value a {record}-byte record (RecordDAWG)" if record is not None else ""))
        return info
