"""Espressif ESP-DL model files (.espdl): the graph's initializer names and shapes, inputs and outputs.

Hand-written because no Python library reads the format: ESP-DL's own loader is C++ for the ESP32, and Espressif
states that its FlatBuffers schema is not open-sourced (esp-dl docs, "Fbs API Reference"). The layout read here is
the ONNX-like schema Netron decodes (github.com/lutzroeder/netron source/espdl-schema.js, read 2026-12-05): Model
0 ir_version, 2 producer_name, 7 graph, 8 metadata_props; Graph 1 name, 2 initializer, 4 input, 5 output;
Tensor 0 dims (int64 vector), 1 data_type, 6 name; ValueInfo 0 name. The file opens with a 16-byte header: the
magic ``EDL2``, a uint32 mode (0: not encrypted), the uint32 size of the FlatBuffer that follows, and 4 more bytes;
an encrypted file (mode != 0) is reported, never decoded. Only names and shapes are read (no tensor data), every
offset is bounded by the file, and at most ``MAX_INITS`` initializers, ``MAX_DIMS`` dims each and ``MAX_NAME_CHARS``
of names in all are kept (the rest are counted in a note, not read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, Tensor, fail, mapped
from modelmap.artifacts.classic import _FlatBuffer

ESPDL_MAGIC = b"EDL2"
HEADER = 16
MAX_DIMS = 8
MAX_IO = 64
MAX_INITS = 50_000  # initializers looked at (a BERT-base export holds ~200)
MAX_NAME_CHARS = 4 << 20  # all initializer names together: a FlatBuffer may point 50k tensors at one long string
# espdl.TensorDataType (the enum Netron's schema gives)
_TYPES = {1: "F32", 2: "U8", 3: "I8", 4: "U16", 5: "I16", 6: "I32", 7: "I64", 9: "BOOL", 10: "F16", 11: "F64",
          12: "U32", 13: "U64"}


def _dim(raw: int) -> int:
    """An int64 dim read as unsigned; a negative one (unknown) becomes 0."""
    return 0 if raw >= 1 << 63 else raw


class ESPDLReader:
    id = "espdl"
    description = "Espressif ESP-DL model (.espdl, FlatBuffers): initializer names and shapes, graph inputs / outputs"

    def sniff(self, head: bytes) -> bool:
        return len(head) >= HEADER and head[:4] == ESPDL_MAGIC

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        with mapped(path) as buf:
            return self._parse(path, buf)

    def _parse(self, path: Path, buf: Any) -> ArtifactInfo:
        if len(buf) < HEADER + 8 or bytes(buf[:4]) != ESPDL_MAGIC:
            raise fail(path, "not an ESP-DL file (no EDL2 header)")
        mode = int.from_bytes(buf[4:8], "little")
        size = int.from_bytes(buf[8:12], "little")
        info = ArtifactInfo(path=str(path), format="espdl")
        if mode != 0:
            info.metadata["format_props"] = {"espdl.mode": mode}
            info.notes.append(f"ESP-DL model, encrypted (mode {mode}): its graph is not read")
            return info
        end = min(len(buf), HEADER + size)
        cut = HEADER + size > len(buf)
        fb = _FlatBuffer(path, buf, HEADER, end)
        model = fb.root()
        graph = fb.ref(model, 7)
        if graph is None:
            raise fail(path, "ESP-DL model has no graph")
        meta: dict[str, Any] = {"ir_version": fb.uint(model, 0), "graph_name": fb.string(graph, 1)}
        producer = fb.string(model, 2)
        if producer:
            meta["producer_name"] = producer
        for key, index in (("graph_inputs", 4), ("graph_outputs", 5)):
            meta[key] = [fb.string(v, 0) or "" for v in fb.tables(graph, index, MAX_IO)]
        props = {fb.string(e, 0) or "": fb.string(e, 1) or "" for e in fb.tables(model, 8, 64)}
        if props:
            meta["metadata_props"] = props
        tensors: list[Tensor] = []
        _first, declared = fb.vector(graph, 2)
        inits = fb.tables(graph, 2, MAX_INITS)
        chars = 0
        for t in inits:
            first, count = fb.vector(t, 0)
            if count > MAX_DIMS:
                raise fail(path, f"ESP-DL tensor with {count} dims (more than {MAX_DIMS})")
            dims = tuple(_dim(fb._u(first + 8 * i, 8)) for i in range(count))
            name = fb.string(t, 6) or ""
            chars += len(name)
            if chars > MAX_NAME_CHARS:
                break
            dtype = fb.uint(t, 1) or 0
            tensors.append(Tensor(name, _TYPES.get(dtype, f"type-{dtype}"), dims))
        info.metadata.update(meta)
        info.tensors = tensors
        info.tensor_count = len(tensors)
        info.notes.append(f"ESP-DL model: graph {meta['graph_name']!r}, {len(tensors)} initializer(s) read (names and "
                          "shapes; the quantised data is not read)"
                          + (f"; {declared - len(tensors)} more not read (bounds)" if declared > len(tensors) else "")
                          + ("; the file is cut short of the size its header gives" if cut else ""))
        return info
