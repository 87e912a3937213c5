"""Red-team probes of brief redteam12: the paths sessions 11 and 12 added. Session 11's inspect readers of classic
formats (artifacts/classic.py: TFLite FlatBuffers, PaddlePaddle ProgramDesc and saved tensors, NumPy .npz headers,
OpenFst headers), and what lands in session 12.

Imported by tests/redteam/probes.py after probes_session11, so every probe lands in the one registry (``PROBES``)
and runs through the same runner and promises (bounded time and memory, no traceback, no raw escape on the
terminal, FIFOs / symlinks left as they were, every file a finding or a skip). Stdlib only at import time.
"""

from __future__ import annotations

import os
import struct
import zlib

from tests.artifacts.protobuf import field, varint
from tests.redteam.probes import (
    OK,
    OK_OR_USAGE,
    SCAN_JSON,
    chain,
    fifo,
    files,
    probe,
    scan_probe,
    symlink,
    write,
    write_chunks,
)
from tests.redteam.probes_session8 import cpu_below, skipped_as
from tests.redteam.runner import Ctx


def _inspect(id: str, cls: str, build: object, target: str = ".", fmt: str = "json", **kw: object) -> None:
    argv = ("inspect", target, "-f", fmt) if fmt == "json" else ("inspect", target, "--no-color")
    probe(id, cls, build, argv, OK_OR_USAGE, fmt="json" if fmt == "json" else None, **kw)  # type: ignore[arg-type]


# (a) PaddlePaddle __model__ (ProgramDesc): the walk had no bound on fields (28 MB of vars: 18 s of CPU) --------------
_BLOCK0 = b"\x08\x00\x10" + b"\xff" * 9 + b"\x01"
_VAR = field(3, field(1, b"w") + b"\x18\x01")


def _paddle_4m_vars(ctx: Ctx) -> None:
    n = 4_000_000
    write_chunks(ctx.work / "lac/__model__", b"\x0a" + varint(len(_BLOCK0) + len(_VAR) * n) + _BLOCK0, _VAR, n, b"")


def _paddle_20m_fields(ctx: Ctx) -> None:
    write_chunks(ctx.work / "lac/__model__", field(1, _BLOCK0 + _VAR), b"\x08\x01", 20_000_000, b"")


# fixed in redteam12: PaddleProgramReader walked every protobuf field (28 MB of variables: 18-22 s of CPU); now at most
# MAX_PADDLE_FIELDS fields, and a note says so
_inspect("s12-paddle-program-4m-vars", "big-header", _paddle_4m_vars, "lac/__model__", checks=(cpu_below(5.0),))
_inspect("s12-paddle-program-20m-fields", "big-header", _paddle_20m_fields, "lac/__model__", checks=(cpu_below(5.0),))
_inspect("s12-paddle-program-block-past-end", "truncated-model", files(lambda: {
    "m/__model__": b"\x0a" + varint(2**40) + _BLOCK0 + field(3, field(1, b"x" * 1_000_000))}), "m/__model__")
_inspect("s12-paddle-program-deep-messages", "deep-nesting", files(lambda: {
    "m/__model__": field(1, _BLOCK0 + field(4, field(3, b"\x1b]0;pwn\x07" * 20) + field(1, field(1, field(
        1, b"\x0a" * 100_000)))))}), "m/__model__")
_inspect("s12-paddle-program-fifo", "fifo", fifo("m/__model__"), "m/__model__", timeout=30)


def _tensor(desc: bytes, body: bytes = b"") -> bytes:
    return b"\0" * 16 + struct.pack("<i", len(desc)) + desc + body


_inspect("s12-paddle-tensor-dims-2-62", "big-header", files(lambda: {
    "word_emb": _tensor(b"\x08\x05" + (b"\x10" + varint(2**62)) * 16)}), "word_emb")
_inspect("s12-paddle-tensor-1000-byte-varint", "binary-junk", files(lambda: {
    "word_emb": _tensor(b"\x08\x05\x10" + b"\xff" * 1000 + b"\x01")}), "word_emb")
_inspect("s12-paddle-tensor-then-junk", "binary-junk", files(lambda: {
    "word_emb": _tensor(b"\x08\x05\x10\x02\x10\x02", os.urandom(3_000_000))}), "word_emb")


# (b) TensorFlow Lite FlatBuffers: out-of-range, cyclic and huge offsets and vectors -------------------------------
class _FB:
    """A FlatBuffer written by hand: tables with u32 slots, forward references patched in."""

    def __init__(self, ident: bytes = b"TFL3") -> None:
        self.b = bytearray(b"\0\0\0\0" + ident)

    def _align(self) -> None:
        self.b += b"\0" * (-len(self.b) % 4)

    def table(self, nfields: int) -> tuple[int, list[int]]:
        self._align()
        v = len(self.b)
        self.b += struct.pack("<HH", 4 + 2 * nfields, 4 + 4 * nfields) + b"".join(
            struct.pack("<H", 4 + 4 * i) for i in range(nfields))
        self._align()
        t = len(self.b)
        self.b += struct.pack("<i", t - v) + b"\0" * (4 * nfields)
        return t, [t + 4 + 4 * i for i in range(nfields)]

    def u32(self, pos: int, val: int) -> None:
        struct.pack_into("<I", self.b, pos, val)

    def ref(self, slot: int, target: int) -> None:
        self.u32(slot, target - slot)

    def vector(self, n: int, elems: bytes = b"") -> int:
        self._align()
        p = len(self.b)
        self.b += struct.pack("<I", n) + elems
        return p

    def string(self, s: bytes) -> int:
        return self.vector(len(s), s + b"\0")


def _tflite_maxed() -> bytes:
    f = _FB()
    model, slots = f.table(7)
    f.u32(0, model)
    f.u32(slots[0], 3)
    n = 100_000
    svec = f.vector(n, b"\0" * 4 * n)
    f.ref(slots[2], svec)
    sg, sgs = f.table(5)
    for i in range(n):
        f.ref(svec + 4 + 4 * i, sg)
    f.ref(sgs[4], f.string(b"\x1b]0;pwn\x07[bold]x" * 10_000))
    bvec = f.vector(n, b"\0" * 4 * n)
    f.ref(slots[4], bvec)
    bt, bts = f.table(1)
    for i in range(n):
        f.ref(bvec + 4 + 4 * i, bt)
    blob = ((b"(location " + b"a." * 99 + b"b)") * 5000)[: 1 << 20]
    f.ref(bts[0], f.vector(len(blob), blob))
    f.ref(slots[5], f.vector(16, struct.pack("<16I", *([0] * 16))))
    mv = f.vector(256, b"\0" * 4 * 256)
    f.ref(slots[6], mv)
    me, mes = f.table(2)
    for i in range(256):
        f.ref(mv + 4 + 4 * i, me)
    f.ref(mes[0], f.string(b"\x1b]0;pwn\x07" * 500))
    f.ref(slots[3], f.string(b"(location " + b"a" * 4000 + b".hdf5)"))
    return bytes(f.b)


def _tflite_nested_metadata(index: int = 0) -> bytes:
    k = _FB()
    model, slots = k.table(7)
    k.u32(0, model)
    mv = k.vector(1, b"\0\0\0\0")
    k.ref(slots[6], mv)
    me, mes = k.table(2)
    k.ref(mv + 4, me)
    k.ref(mes[0], k.string(b"TFLITE_METADATA"))
    k.u32(mes[1], index)
    bv = k.vector(1, b"\0\0\0\0")
    k.ref(slots[4], bv)
    bt, bts = k.table(1)
    k.ref(bv + 4, bt)
    inner = _FB(b"M001")
    im, isl = inner.table(6)
    inner.u32(0, im)
    for sidx in (0, 1, 2, 4, 5):
        inner.ref(isl[sidx], inner.string(b"\x1b]0;pwn\x07\x1b[2J\x9b2J[bold red]x[/bold red]" + b"y" * 10_000))
    k.ref(bts[0], k.vector(len(inner.b), bytes(inner.b)))
    return bytes(k.b)


def _tflite_self_vtable() -> bytes:
    g = _FB()
    model, _ = g.table(7)
    g.u32(0, model)
    struct.pack_into("<i", g.b, model, 0)  # the table is its own vtable
    return bytes(g.b)


_inspect("s12-tflite-100k-vectors-maxed", "big-header", files(lambda: {"model.tflite": _tflite_maxed()}),
         "model.tflite")
_inspect("s12-tflite-metadata-escapes-table", "terminal-escape", files(lambda: {
    "model.tflite": _tflite_nested_metadata()}), "model.tflite", fmt="table")
_inspect("s12-tflite-metadata-index-2-32", "big-header", files(lambda: {
    "model.tflite": _tflite_nested_metadata(0xFFFFFFFF)}), "model.tflite")
_inspect("s12-tflite-self-vtable", "binary-junk", files(lambda: {"model.tflite": _tflite_self_vtable()}),
         "model.tflite")
_inspect("s12-tflite-root-past-end", "binary-junk", files(lambda: {
    "model.tflite": struct.pack("<I", 0xFFFFFFF0) + b"TFL3" + b"\0" * 16}), "model.tflite")
_inspect("s12-tflite-truncated-thirds", "truncated-model", files(lambda: {
    f"m{i}.tflite": _tflite_nested_metadata()[: len(_tflite_nested_metadata()) * i // 3] for i in (1, 2)}), ".")
_inspect("s12-tflite-header-then-junk", "binary-junk", files(lambda: {
    "model.tflite": struct.pack("<I", 8) + b"TFL3" + os.urandom(20_000_000)}), "model.tflite")
_inspect("s12-tflite-symlink-dev-zero", "symlink", symlink("model.tflite", "/dev/zero"), "model.tflite")


# (c) NumPy .npz: never decompressed, never loaded -----------------------------------------------------------------
def _local(name: bytes, data: bytes, method: int = 0, csize: int | None = None, usize: int | None = None,
           flags: int = 0, extra: bytes = b"") -> bytes:
    csize = len(data) if csize is None else csize
    usize = len(data) if usize is None else usize
    return (b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", 20, flags, method, 0, 0, 0, csize, usize, len(name),
                                        len(extra)) + name + extra + data)


def _npy(descr: str = "<f8", shape: str = "(2,)", body: bytes = b"") -> bytes:
    h = ("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }").encode()
    h += b" " * (63 - len(h) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h + body


def _npz_bomb(ctx: Ctx) -> None:
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    comp = z.compress(_npy()) + b"".join(z.compress(b"\0" * (1 << 24)) for _ in range(64)) + z.flush()
    write(ctx.work / "weights.npz", _local(b"w.npy", comp, method=8, usize=1 << 30))


_inspect("s12-npz-deflate-bomb-1gb", "artifact-parse", _npz_bomb, "weights.npz")
_inspect("s12-npz-100k-members", "big-header", files(lambda: {
    "weights.npz": b"".join(_local(f"a{i}.npy".encode(), _npy()) for i in range(100_000))}), "weights.npz")
_inspect("s12-npz-escape-names-table", "terminal-escape", files(lambda: {
    "weights.npz": _local(("\x1b]0;pwn\x07\x9b2J[red]x[/red]" * 60 + ".npy").encode(), _npy()) * 40}),
    "weights.npz", fmt="table")
_inspect("s12-npz-npy-header-soup", "regex-backtracking", files(lambda: {
    "weights.npz": _local(b"a.npy", b"\x93NUMPY\x01\x00" + struct.pack("<H", 4000) + b"{'descr':" + b" " * 3000
                          + b"'shape': (" + b"9, " * 300) * 256}), "weights.npz")
_inspect("s12-npz-shape-digits-and-small-ints", "big-header", files(lambda: {
    "weights.npz": _local(b"a.npy", _npy(shape="(" + "9" * 198 + ",)")) + _local(b"b.npy", _npy("<i8", "(16,)"))
    + _local(b"c.npy", _npy("<i8", "(4,4)", b"\xff" * 128)) + _local(b"d.npy", _npy("<i8", "(0,)"))}),
    "weights.npz")
_inspect("s12-npz-zip64-extra-soup", "binary-junk", files(lambda: {
    "weights.npz": _local(b"a.npy", _npy(), csize=0xFFFFFFFF, usize=0xFFFFFFFF,
                          extra=struct.pack("<HH", 0x9999, 0) * 16_000)
    + _local(b"b.npy", _npy(), csize=0xFFFFFFFF, usize=0xFFFFFFFF, extra=struct.pack("<HHQQ", 1, 16, 2**64 - 1,
                                                                                      2**64 - 1))}), "weights.npz")
_inspect("s12-npz-descriptor-zero-size-chain", "quadratic-position", files(lambda: {
    "weights.npz": _local(b"a.npy", _npy(), flags=8, csize=0) * 50_000}), "weights.npz")
_inspect("s12-npz-fifo", "fifo", fifo("weights.npz"), "weights.npz", timeout=30)


# (d) OpenFst headers --------------------------------------------------------------------------------------------
_FST = struct.pack("<i", 2125659606)
_inspect("s12-openfst-lengths-and-escapes", "binary-junk", files(lambda: {
    "a.fst": _FST + struct.pack("<i", 2**31 - 1) + b"vector",
    "b.fst": _FST + struct.pack("<i", 6) + b"vector" + struct.pack("<i", 8) + b"\x1b]0;x\x07ab"
    + struct.pack("<iiQqqq", -1, -1, 2**64 - 1, -2**63, 2**63 - 1, -1),
    "c.fst": _FST + struct.pack("<i", -1), "d.fst": _FST}), ".", fmt="table")
_inspect("s12-classic-folder-fifos", "fifo", chain(
    fifo("m/model.tflite"), fifo("m/weights.npz"), fifo("m/a.fst"), fifo("m/word_emb"),
    files(lambda: {"m/__model__": field(1, _BLOCK0 + _VAR)})), "m", timeout=30)


# (e) session 11's config paths: mapping-key aliases (0bbec1f), YAML over 1 MiB read line by line (b7b50f8), shell
# scripts kept in literal blocks (63354b6) ---------------------------------------------------------------------------
# fixed in redteam12: config_files._names_an_entry_model (0bbec1f) searched a model value of any length for every
# key whose value is that mapping, and YAML aliases repeat it (1,000 aliases: 13.8-16.5 s of CPU, the file lost)
scan_probe("s12-yaml-aliased-entry-500kb-model", "quadratic-position", lambda: {"c.yaml": (
    "base: &a\n  model: " + "x" * 500_000 + "\n" + "".join(f"k{i}: *a\n" for i in range(1_000)))},
    checks=(cpu_below(5.0),))
scan_probe("s12-yaml-aliased-entry-500kb-key", "quadratic-position", lambda: {"c.yaml": (
    "base: &a\n  ? model" + "x" * 500_000 + "\n  : qwen-7b\n" + "".join(f"k{i}: *a\n" for i in range(3_000)))},
    accounted=["c.yaml"], checks=(cpu_below(6.0),))
scan_probe("s12-yaml-over-1mib-150k-model-lines", "quadratic-position", lambda: {"values.yaml": "".join(
    f"model: acme/orbit-{i}\n" for i in range(150_000))}, accounted=["values.yaml"], checks=(
        cpu_below(10.0), skipped_as("values.yaml", "analysis-budget")))
# provenance (f5fc061): an unknown name whose leading part starts known lab models' names (Qwen2-...) is completed
# against every Hub name with that start, per finding and uncached: 9,000 such findings, ~9 s of resolve after the scan
# (fixed: the walk is memoised per leading part and size; resolving the 9,000 names alone: 2.25 s of CPU at 89298f2,
# 2.53 s after the fix, ~9 s before it; the whole child used 8.1 s at a load of 10, hence 12 s here)
scan_probe("s12-resolve-9k-unknown-qwen2-names", "quadratic-position", lambda: {"config.json": "{" + ", ".join(
    f'"model{i}": "Qwen/Qwen2-{i}B"' for i in range(9_000)) + "}"}, accounted=["config.json"], checks=(cpu_below(12.0),))
scan_probe("s12-yaml-over-1mib-one-line", "huge-line", lambda: {"values.yaml": (
    "model: " + "q" * 1_500_000 + "\nllm_model: " + ":" * 1_500_000 + "\n")}, accounted=["values.yaml"])
scan_probe("s12-yaml-over-1mib-colon-soup", "regex-backtracking", lambda: {"values.yaml": (
    ("- '" + " " * 200 + "-" + " " * 200 + "model" + " " * 200 + ":" + " " * 200 + "'x\n") * 1_500)},
    accounted=["values.yaml"])
scan_probe("s12-yaml-script-blocks-one-line", "huge-line", lambda: {"values.yaml": "scripts:\n" + "".join(
    f"  x{b}.sh: |\n    " + " && ".join(f"vllm serve Qwen/Qwen2.5-{i}B-Instruct" for i in range(1_700)) + "\n"
    for b in range(15))}, accounted=["values.yaml"])
# the YAML script-block reader's bound; resolving thousands of unknown `Qwen/Qwen2-{n}B` names after the scan is
# s12-resolve-9k-unknown-qwen2-names', so this one scans --no-resolve --no-inspect
probe("s12-yaml-20k-script-blocks", "quadratic-position", files(lambda: {"values.yaml": "scripts:\n" + "".join(
    f"  x{b}.sh: |\n    vllm serve Qwen/Qwen2-{b}B\n" for b in range(20_000))}),
    (*SCAN_JSON, "--no-resolve", "--no-inspect"), OK, fmt="json", accounted=("values.yaml",))
# fixed in redteam12: a script block over 64 KB was passed over without a word (config_files.TreeWalker.script_block);
# it is an analysis-budget skip now
scan_probe("s12-yaml-script-block-continuations", "quadratic-position", lambda: {"values.yaml": (
    "init.sh: |\n    CMD=\"python eval.py \\\n" + "".join(f"      --embedder_name_or_path BAAI/bge-m3-{i} \\\n"
                                                        for i in range(1_500)) + "    \"\n    $CMD\n")},
    accounted=["values.yaml"], checks=(skipped_as("values.yaml", "analysis-budget"),))


# (f) session 12's serialised-model readers (8545bbf): pickle outlines, gzip, marshal, dlib ---------------------------
def _gz(payload: bytes, flags: int = 0, header_extra: bytes = b"") -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    return b"\x1f\x8b\x08" + bytes([flags]) + b"\0\0\0\0\0\xff" + header_extra + z.compress(payload) + z.flush()


def _gz_bomb(ctx: Ctx) -> None:
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = z.compress(b"\x80\x04}\x94(") + b"".join(z.compress(b"\0" * (1 << 24)) for _ in range(64)) + z.flush()
    write(ctx.work / "model.pkl.gz", b"\x1f\x8b\x08\x00\0\0\0\0\0\xff" + body)


def _marshal_str(text: str) -> bytes:
    return bytes([ord("a") | 0x80]) + struct.pack("<I", len(text)) + text.encode()


def _marshal_keys2() -> bytes:
    p = c = 700
    out = bytearray(b"{" + _marshal_str("k" * 100) + b"(" + struct.pack("<I", p + c))
    out += b"".join(_marshal_str(f"p{i:03d}" + "x" * 96) for i in range(p))
    out += b"".join(_marshal_str(f"c{j:03d}" + "y" * 96) for j in range(c))
    n = 0
    while len(out) < 2 * 1024 * 1024 - 200:
        out += b"r" + struct.pack("<I", 1 + n % p) + b"{" + b"".join(
            b"r" + struct.pack("<I", 1 + p + (n // p * 16 + k) % c) + b"N" for k in range(16)) + b"0"
        n += 1
    return bytes(out + b"0")


def _dlib_int(v: int) -> bytes:
    raw = abs(v).to_bytes(max(1, (abs(v).bit_length() + 7) // 8), "little")
    return bytes([len(raw) | (0x80 if v < 0 else 0)]) + raw


def _pickle_cut_unsafe(ctx: Ctx) -> None:  # never loaded: the marker must not appear
    cmd = f"touch {ctx.marker}".encode()
    write(ctx.work / "model.pkl", b"\x80\x02}q\x00(X\x05\x00\x00\x00modelq\x01cposix\nsystem\nq\x02X"
          + struct.pack("<I", len(cmd)) + cmd + b"\x85q\x03Rq\x04X\x04\x00\x00\x00name" + b"X\xff\xff\x00\x00ab")


_inspect("s12-gzip-pickle-bomb-1gb", "artifact-parse", _gz_bomb, "model.pkl.gz")
_inspect("s12-gzip-name-escapes-table", "terminal-escape", files(lambda: {
    "model.gz": _gz(b"\x80\x04}\x94.", 0x18, b"\x1b]0;pwn\x07\x9b2J[bold]x[/bold]\0" + b"\x1b[2J" * 200 + b"\0")}),
    "model.gz", fmt="table")
_inspect("s12-gzip-extra-past-header", "truncated-model", files(lambda: {
    "model.gz": b"\x1f\x8b\x08\x04\0\0\0\0\0\xff\xff\xff" + b"x" * 100}), "model.gz")
_inspect("s12-gzip-truncated-deflate", "truncated-model", files(lambda: {
    "model.gz": _gz(b"\x80\x04}\x94(" + b"\x8c\x01a\x94K\x01" * 200_000)[:5_000]}), "model.gz")
_inspect("s12-gzip-1m-opcodes", "big-header", files(lambda: {
    "model.gz": _gz(b"\x80\x04(" + b"(" * 1_000_000 + b"e" * 1_000_000)}), "model.gz", checks=(cpu_below(6.0),))
_inspect("s12-pickle-cut-unsafe-never-run", "no-exec", _pickle_cut_unsafe, "model.pkl")
_inspect("s12-pickle-400k-marks", "big-header", files(lambda: {
    "model.pkl": b"\x80\x04}(" + b"(" * 400_000 + b"\x8c\x01a\x94" * 200_000 + b"u" * 400_000 + b"."}), "model.pkl",
    checks=(cpu_below(8.0),))
_inspect("s12-marshal-keys2-from-refs", "big-header", files(lambda: {"model.marshal": _marshal_keys2()}),
         "model.marshal")
_inspect("s12-marshal-deep-and-refs", "deep-nesting", files(lambda: {
    "a.marshal": b"{" + _marshal_str("k") + b"[" + struct.pack("<I", 1) * 1 + b"[\x01\x00\x00\x00" * 100_000,
    "b.marshal": b"{" + _marshal_str("k") + b"r\xff\xff\xff\xff" * 200_000,
    "c.marshal": b"{" + _marshal_str("k") + b"c" + os.urandom(1000),
    "d.marshal": b"{z\xff" + b"a" * 10 + b"l\xff\xff\xff\x7f"}), ".")
_inspect("s12-dlib-float-overflow", "binary-junk", files(lambda: {
    "sp.dat": _dlib_int(1) + _dlib_int(-136) + _dlib_int(-1) + _dlib_int(1) + _dlib_int(1050) + b"\0" * 64,
    "dnn.dat": _dlib_int(1) + _dlib_int(12) + b"loss_metric_" + _dlib_int(1) + _dlib_int(1024) + b"\0" * 64}), ".")
_inspect("s12-dlib-layer-name-soup", "regex-backtracking", files(lambda: {
    "dnn.dat": _dlib_int(1) + _dlib_int(10) + b"loss_mmod_" + _dlib_int(1) + _dlib_int(80) + _dlib_int(80)
    + (b"\x01\x15input_rgb_image_sized" + b"\x01\x04fc_a" + b"\x01\x05relu_" + b"z" * 50) * 15_000
    + b"\x01\x06concat" + b"q" * 3_000_000}), "dnn.dat", checks=(cpu_below(6.0),))
_inspect("s12-dlib-shape-predictor-maxed", "big-header", files(lambda: {
    "sp.dat": _dlib_int(1) + _dlib_int(-2000) + _dlib_int(-1) + (_dlib_int(1) + _dlib_int(-3)) * 2000
    + _dlib_int(1000) + _dlib_int(100_000) + _dlib_int(65_535) + (_dlib_int(5) + _dlib_int(7) + _dlib_int(3)
                                                                   + _dlib_int(-2)) * 65_535 + _dlib_int(65_536)}),
    "sp.dat")
_inspect("s12-serialized-fifos", "fifo", chain(fifo("m/model.pkl.gz"), fifo("m/model.marshal"), fifo("m/sp.dat"),
                                               files(lambda: {"m/x.pkl": b"\x80\x04}\x94."})), "m", timeout=30)


# (g) session 12's cross-file constants (Go / Java / Kotlin / C#, links._link_code) and the polyglot byte gates -------
def _go_pkg(defs: int, use_files: int, uses: int) -> dict[str, str]:
    """One Go package: ``defs`` files each declaring the same 64 model-id constants (hostile: Go would not build it)
    and ``use_files`` files each passing them as a model ``uses`` times."""
    out = {f"internal/p/d{k}.go": "package p\n\n// model ids of the Orbit API\nconst (\n" + "".join(
        f'\tOrbitChat{i} = "orbit-chat-v{i + 2}"\n' for i in range(64)) + ")\n" for k in range(defs)}
    for j in range(use_files):
        out[f"internal/p/u{j}.go"] = "package p\n\nfunc f() {\n" + "".join(
            f"\t_ = Request{{Model: OrbitChat{i % 64}}}\n" for i in range(uses)) + "}\n"
    return out


scan_probe("s12-go-cross-file-64-defs-40k-uses", "quadratic-position", lambda: _go_pkg(64, 10, 4_000),
           checks=(cpu_below(20.0),))
scan_probe("s12-go-cross-file-2000-packages", "quadratic-position", lambda: {
    **{f"internal/p{k}/d.go": f'package p{k}\n\n// model ids\nconst OrbitChat = "orbit-chat-v{k + 2}"\n'
       for k in range(2_000)},
    **{f"internal/p{k}/u.go": f"package p{k}\n\nimport q \"github.com/acme/orbit/internal/p{(k + 1) % 2_000}\"\n\n"
       "func f() {\n\t_ = Request{Model: OrbitChat}\n\t_ = Request{Model: q.OrbitChat}\n}\n" for k in range(2_000)}},
    checks=(cpu_below(30.0),))
scan_probe("s12-java-cross-file-chain-1000-types", "quadratic-position", lambda: {
    **{f"src/T{k}.java": f"class T{k} {{ static final String M = T{k + 1}.M; static final String N = T{k - 1}.N; }}\n"
       for k in range(1_000)},
    "src/T1000.java": '/** model ids */\nclass T1000 { static final String M = "orbit-max-v2"; static final String N = '
                      'T999.N; }\n',
    "src/App.java": "class App { void f() { OrbitChatModel.builder().modelName(T0.M).modelName(T1000.M).build(); } }\n"},
    checks=(cpu_below(10.0),))
scan_probe("s12-kotlin-cross-file-cycle", "quadratic-position", lambda: {
    "A.kt": "object A { const val M = B.M }\n", "B.kt": "object B { const val M = A.M }\n",
    "C.kt": "fun f() { val m = GenerativeModel(modelName = A.M) }\n",
    "D.kt": '// model ids\nobject OrbitIds { const val ORBIT_VISION = "orbit-vision-v2" }\n',
    "E.kt": "fun g() { GenerativeModel(modelName = OrbitIds.ORBIT_VISION) }\n"}, checks=(cpu_below(6.0),))
scan_probe("s12-csharp-cross-file-100-types-4k-uses", "quadratic-position", lambda: {
    f"Ids/M{k}.cs": "// model ids\npublic static class OrbitIds {\n" + "".join(
        f'  public const string OrbitEmbed{i} = "orbit-embed-v{i + 2}";\n' for i in range(64)) + "}\n"
    for k in range(100)} | {f"App/Setup{j}.cs": "class Setup { void F() {\n" + "".join(
        f"  var o{i} = new ChatOptions {{ ModelId = OrbitIds.OrbitEmbed{i % 64} }};\n" for i in range(4_000)) + "} }\n"
        for j in range(5)}, checks=(cpu_below(30.0),))
# no literal in the file, so polyglot.has_candidate reaches its Ruby word-array pass (every %w[ opener read up to
# 4,000 bytes when the pass was added)
scan_probe("s12-ruby-word-array-openers", "regex-backtracking", lambda: {"a.rb": (
    "MODELS = " + ("%w[" * 60 + "\n") * 5_000 + "x = 1\n")}, checks=(cpu_below(6.0),))
scan_probe("s12-go-model-word-soup", "regex-backtracking", lambda: {"a.go": (
    "package a\n\nvar s = `\n" + ("model" * 40 + "\n") * 15_000 + "`\n\nvar m = openai.ChatCompletionRequest{Model: "
    "\"gpt-4o\"}\n")}, accounted=["a.go"], checks=(cpu_below(6.0),))
scan_probe("s12-java-qualified-use-soup", "regex-backtracking", lambda: {"A.java": (
    "class A { String s = \"\" +\n" + ("\"" + "model=A.B.C " * 20 + "\" +\n") * 10_000 + "\"\";\n"
    "  void f() { x.model(OrbitIds.ORBIT_MAX); } }\n"),
    "OrbitIds.java": '/** model ids */\nclass OrbitIds { static final String ORBIT_MAX = "orbit-max-v2"; }\n'},
    checks=(cpu_below(6.0),))
