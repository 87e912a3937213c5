"""The Reader seam: one module per artifact format, header-only, bounded.

A reader takes a path and :class:`Limits` and returns an :class:`ArtifactInfo`, or raises
:class:`~modelmap.errors.ReadError` naming the file and the limit it hit. Readers never load weights,
never unpickle, and never allocate memory from a count read from the file without checking that count
against both a limit and the bytes that are actually left in the file.
"""

from __future__ import annotations

import json
import mmap
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from modelmap.errors import ReadError
from modelmap.fsutil import OPEN_FLAGS

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size limits every reader honours. Defaults fit real checkpoints (Gemma's 262k-token GGUF vocab)."""

    max_header_bytes: int = 256 * MiB  # safetensors JSON header, GGUF metadata, ONNX metadata scan
    max_items: int = 4_000_000  # tensors, metadata keys, array elements, vocabulary entries
    max_string_bytes: int = 64 * MiB  # one string value
    max_depth: int = 8  # nested arrays / JSON depth / protobuf nesting
    max_text_bytes: int = 128 * MiB  # tokenizer.json, tiktoken, sentencepiece, config files
    max_pickle_bytes: int = 64 * MiB  # one pickle stream analysed by fickling
    # arrays + objects in one JSON document (safetensors header, tokenizer.json, config.json): checked on
    # the raw bytes before parsing (a cheap first refusal; the memory bound is max_json_memory)
    max_json_containers: int = 2_000_000
    # what parsing one JSON document may cost in memory, its raw bytes included, as json_parse_cost estimates it
    # from the raw bytes: with the ~55 MB a modelmap process holds before it parses, the peak stays under the
    # 500 MB RSS target (Gemma 3's 33 MB tokenizer.json, the largest real one measured, costs ~410 MB by it)
    max_json_memory: int = 416 * MiB
    max_graph_entries: int = 2_000_000  # ONNX graph fields walked (nodes, inputs, outputs, initializers …)

    def scaled(self, factor: float) -> Limits:
        return Limits(
            max_header_bytes=int(self.max_header_bytes * factor),
            max_items=int(self.max_items * factor),
            max_string_bytes=int(self.max_string_bytes * factor),
            max_depth=self.max_depth,
            max_text_bytes=int(self.max_text_bytes * factor),
            max_pickle_bytes=int(self.max_pickle_bytes * factor),
            max_json_containers=int(self.max_json_containers * factor),
            max_json_memory=int(self.max_json_memory * factor),
            max_graph_entries=int(self.max_graph_entries * factor),
        )


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Tensor:
    name: str
    dtype: str
    shape: tuple[int, ...]


@dataclass
class TokenizerInfo:
    """A vocabulary in the form the fingerprint needs.

    ``convention`` says how token strings encode bytes: ``bytes`` (tiktoken, tekken: already raw bytes),
    ``byte-level`` (GPT-2 ``Ġ`` alphabet), ``sentencepiece`` (``▁`` for a space, ``<0xNN>`` byte pieces)
    or ``wordpiece`` (``##`` continuation). ``tokens`` is the ordinary vocabulary, with every added,
    special, control or byte-fallback token left out; those are in ``special_tokens``.
    """

    kind: str
    convention: str
    tokens: list[bytes] = field(repr=False)
    special_tokens: list[str]
    total_size: int
    extra: dict[str, Any] = field(default_factory=dict)
    # Set instead of ``tokens`` when restored from the header cache (see modelmap.artifacts.cache).
    fingerprint: dict[str, Any] | None = field(default=None, repr=False)


@dataclass
class ArtifactInfo:
    path: str
    format: str
    metadata: dict[str, Any] = field(default_factory=dict)
    tensors: list[Tensor] = field(default_factory=list)
    tensor_count: int = 0
    tokenizer: TokenizerInfo | None = None
    security: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data_offset: int | None = None  # where tensor data starts (for hashing)
    data_bytes: int | None = None  # how many bytes of tensor data the header declares


class Reader(Protocol):
    id: str
    description: str

    def sniff(self, head: bytes) -> bool:
        """True when the first bytes of a file look like this format (content, never the file name)."""
        ...

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo: ...


def fail(path: Path | str, message: str, limit: str | None = None) -> ReadError:
    return ReadError(str(path), message, limit=limit)


# What json.loads's objects cost, measured (CPython 3.11, 64-bit: the RSS json.loads adds over 58 real tokenizer.json,
# tekken and vocabulary files of 3-33 MB and 12 synthetic shapes of 6-77 MB, bench/REDTEAM.md session 18), per thing
# counted on the raw bytes. A count of containers alone is no memory bound: a million 2-key objects cost ~490 MB
# (not the 60-90 MB once assumed), a flat object of 3 million members ~640 MB, 4 million numbers ~200 MB.
JSON_CONTAINER_COST = 100  # a list or dict with its GC header ([]: ~75 B; a 2-string merge pair ~96 B)
JSON_STRING_COST = 56  # a str's header (its characters are counted with the text below)
JSON_ITEM_COST = 40  # an element (a comma): its pointer in the over-allocated list, a number object
JSON_MEMBER_COST = 90  # an object member (a colon): its hash-table slot, a growing dict's table briefly doubled
_ASTRAL_LEADS = (b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")


def json_parse_cost(data: bytes, containers: int | None = None, items: int | None = None) -> int:
    """Bytes of Python objects ``json.loads(data)`` makes at its peak, estimated from counts on the raw bytes.

    The text is paid twice: once as the str ``json.loads`` decodes the bytes to (1 byte a character when ASCII,
    4 when any character lies past U+FFFF, else taken as 2), once as the strings' characters. Quotes, commas and
    colons inside strings count too: an over-estimate, like the container count's. Measured within 0.9-1.3x of
    the real growth on tokenizer files (2-3x over on synthetic shapes of tiny objects), so a document whose
    estimate fits the budget parses within it. ``containers`` and ``items`` are the counts of ``[``/``{`` and
    ``,`` when the caller has them already."""
    if containers is None:
        containers = data.count(b"[") + data.count(b"{")
    if items is None:
        items = data.count(b",")
    width = 1 if data.isascii() else 4 if any(data.find(lead) >= 0 for lead in _ASTRAL_LEADS) else 2
    return ((width + 1) * len(data) + JSON_CONTAINER_COST * containers + JSON_STRING_COST * (data.count(b'"') // 2)
            + JSON_ITEM_COST * items + JSON_MEMBER_COST * data.count(b":"))


def parse_json_bounded(path: Path | str, data: bytes, limits: Limits, what: str = "JSON") -> Any:
    """``json.loads`` with its size bounded before any object is made.

    A byte limit alone does not bound the parsed size: 120 MB of ``[],[],…`` is 40 million lists (several
    GB). So the arrays/objects and the items (commas) are counted on the raw bytes first (an over-count:
    brackets inside strings count too), then the memory the parse would take, raw bytes included
    (``json_parse_cost``), is held to ``max_json_memory``; depth, memory and decoding failures become a ReadError.
    A document refused carries the limit's name, so no caller retries it as a file cut short."""
    containers = data.count(b"[") + data.count(b"{")
    if containers > limits.max_json_containers:
        raise fail(path, f"{what} has {containers} arrays/objects, more than {limits.max_json_containers}",
                   "max_json_containers")
    items = data.count(b",")
    if items > limits.max_items * 2:
        raise fail(path, f"{what} has about {items} items, more than {limits.max_items * 2}", "max_items")
    cost = len(data) + json_parse_cost(data, containers, items)
    if cost > limits.max_json_memory:
        raise fail(path, f"{what} would take about {cost // MiB} MiB to parse ({len(data)} bytes), more than the "
                   f"{limits.max_json_memory // MiB} MiB limit", "max_json_memory")
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise fail(path, f"{what} is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise fail(path, f"{what} is nested too deeply", "max_depth") from exc
    except MemoryError as exc:
        raise fail(path, f"{what} does not fit in memory once parsed", "memory") from exc


def open_regular(path: Path | str) -> BinaryIO:
    """Open a file for reading only if it is a regular file (a FIFO, socket or device raises ReadError).

    Opened non-blocking, so a FIFO named like a model file can never block; ``fstat`` then checks the
    kind of the opened file itself (no race between a check and the open)."""
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError as exc:
        raise fail(path, f"cannot open: {exc.strerror or exc}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise fail(path, "not a regular file (FIFO, socket, device or folder)", "not-a-file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_head(path: Path, n: int = 64) -> bytes:
    try:
        with open_regular(path) as fh:
            return fh.read(n)
    except OSError as exc:
        raise fail(path, f"cannot open: {exc.strerror or exc}") from exc


def read_bounded(path: Path, limit: int, what: str = "max_text_bytes") -> bytes:
    """Read a whole small file, refusing before reading when it is larger than ``limit``."""
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise fail(path, f"file is {size} bytes, more than the {limit}-byte limit", what)
            data = fh.read(limit + 1)
    except OSError as exc:
        raise fail(path, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise fail(path, f"file grew past the {limit}-byte limit while reading", what)
    return data


Buffer = bytes | mmap.mmap


@contextmanager
def mapped(path: Path) -> Iterator[Buffer]:
    """Map a file read-only. Pages are touched only where the parser reads, so a 10 GB file costs nothing."""
    fh = open_regular(path)
    with fh:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise fail(path, f"cannot stat: {exc.strerror or exc}") from exc
        if size == 0:
            yield b""
            return
        try:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            raise fail(path, f"cannot map: {exc}") from exc
        try:
            yield mm  # slicing an mmap copies just that slice into bytes; nothing else is read
        finally:
            mm.close()


class Cursor:
    """Bounds-checked little-endian reads over a mapped file; every read checks the bytes left first."""

    def __init__(self, path: Path, buf: Buffer, limits: Limits, *, start: int = 0, budget: int | None = None):
        self.path = path
        self.buf = buf
        self.size = len(buf)
        self.pos = start
        self.limits = limits
        self.end_budget = start + (limits.max_header_bytes if budget is None else budget)

    def need(self, n: int, what: str) -> None:
        if n < 0:
            raise fail(self.path, f"negative length for {what}")
        end = self.pos + n
        if end > self.end_budget and end <= self.size:
            raise fail(
                self.path,
                f"{what} at offset {self.pos} goes past the {self.limits.max_header_bytes}-byte header limit",
                "max_header_bytes",
            )
        if end > self.size:
            raise fail(self.path, f"file is truncated: {what} at offset {self.pos} needs {n} bytes, "
                       f"{self.size - self.pos} left")

    def take(self, n: int, what: str) -> bytes:
        self.need(n, what)
        data = self.buf[self.pos : self.pos + n]
        self.pos += n
        return bytes(data)

    def skip(self, n: int, what: str) -> None:
        self.need(n, what)
        self.pos += n

    def uint(self, width: int, what: str) -> int:
        self.need(width, what)
        value = int.from_bytes(self.buf[self.pos : self.pos + width], "little")
        self.pos += width
        return value

    @property
    def left(self) -> int:
        return self.size - self.pos
