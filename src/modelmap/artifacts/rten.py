"""RTen model files (``.rten``): the graph an ONNX model was converted to, read without running anything.

RTen (robertknight/rten, a Rust inference engine) stores a model converted from ONNX by ``rten-convert``. The format
is small and documented (docs/rten-file-format.md, rten-model-file/src/schema.fbs), so it is read here by hand rather
than through a library: a 32-byte header (``RTEN``, u32 version 2, u64 model-data offset and length, u64 tensor-data
offset), then the model as a FlatBuffer, then the weights. The FlatBuffer's ``Model`` holds ``schema_version`` (0),
``graph`` (1) and ``metadata`` (2); ``Graph`` holds ``nodes`` (0), ``inputs`` (1) and ``outputs`` (2) as node indices;
``Node`` holds ``name`` (0) and the ``NodeKind`` union (type 1, value 2: 1 operator, 2 constant, 3 value);
``ConstantNode.shape`` (0) is a u32 vector and ``ValueNode.shape`` (0) a vector of ``Dim`` tables (``value`` 0,
``name`` 1); ``Metadata`` holds onnx_hash, description, license, commit, code_repository, model_repository, run_id and
run_url (0..7). Version 1 files (no header, the FlatBuffer at offset 0 with identifier ``RTEN`` at 4) are read too.

The converter keeps the ONNX graph's input / output names and declared shapes and the initializers' names and shapes,
so the file is matched against the same ``structure`` patterns as an ONNX graph (``graph_format: onnx``). What the
ONNX file said about its exporter (producer_name, graph name) is not carried over; the one mark read here is
Paddle2ONNX's: the constants it creates are named ``p2o.<op>.<n>`` (its mappers' GenName / the PIR parser's
GenOpInputOutputName), with the Paddle parameters themselves named ``<layer>_<n>.w_<k>`` / ``.b_<k>``; both together
say ``exporter: paddle``.

Bounded: the model FlatBuffer is at most MAX_MODEL_BYTES, at most ``limits.max_items`` nodes are walked, names are cut
at 256 characters and shapes at 16 dimensions; every offset is checked against the model buffer (a bad file raises
ReadError, which inspect reports as a skipped file). The weights are never read.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, Tensor, fail, mapped
from modelmap.artifacts.classic import _FlatBuffer

MAGIC = b"RTEN"
HEADER = struct.Struct("<4sIQQQ")
MAX_MODEL_BYTES = 64 * 1024 * 1024
MAX_NODES = 200_000
MAX_IO = 64
MAX_RANK = 16
MAX_NAME = 256
KIND_OPERATOR, KIND_CONSTANT, KIND_VALUE = 1, 2, 3
_METADATA = ("onnx_hash", "description", "license", "commit", "code_repository", "model_repository", "run_id",
             "run_url")
_P2O = re.compile(r"^p2o\.[A-Za-z0-9_.]+\.\d+$")
_PADDLE_PARAM = re.compile(r"^[a-z][a-z0-9_]*_\d+\.(?:w|b)_\d+$")


def _name(fb: _FlatBuffer, node: int) -> str:
    return (fb.string(node, 0) or "")[:MAX_NAME]


def _value_shape(fb: _FlatBuffer, value: int) -> list[int | str] | None:
    """A ValueNode's declared shape: an int per fixed dimension, the symbol's name (or "?") per dynamic one."""
    if fb.field(value, 0) is None:
        return None
    out: list[int | str] = []
    for dim in fb.dim_tables(value, 0, MAX_RANK, "a value shape"):
        if fb.field(dim, 0) is not None:
            out.append(fb.uint(dim, 0) or 0)
        else:
            out.append((fb.string(dim, 1) or "?")[:MAX_NAME])
    return out


def _const_shape(fb: _FlatBuffer, const: int) -> tuple[int, ...]:
    return fb.scalars(const, 0, 4, MAX_RANK, "a constant")  # ConstantNode.shape: u32


class RTenReader:
    id = "rten"
    description = "RTen model (.rten, converted from ONNX): graph inputs / outputs, constant shapes, metadata"

    def sniff(self, head: bytes) -> bool:
        if len(head) >= HEADER.size and head[:4] == MAGIC:
            _m, version, off, size, _t = HEADER.unpack_from(head, 0)
            return version == 2 and off >= HEADER.size and size > 0
        return len(head) >= 8 and head[4:8] == MAGIC  # version 1: a bare FlatBuffer with file identifier RTEN

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        with mapped(path) as buf:
            size = len(buf)
            if size >= HEADER.size and bytes(buf[:4]) == MAGIC:
                _m, version, off, length, tensor_off = HEADER.unpack_from(buf, 0)
                if version != 2:
                    raise fail(path, f"RTen format version {version} (this reader knows 1 and 2)")
                if length > MAX_MODEL_BYTES:
                    raise fail(path, f"a model description of {length} bytes (more than {MAX_MODEL_BYTES})",
                               "max_bytes")
                if off < HEADER.size or off + length > size:
                    raise fail(path, f"the model description ({length} bytes at {off}) is not inside the file's "
                                     f"{size} bytes")
                start, end = off, off + length
            elif size >= 8 and bytes(buf[4:8]) == MAGIC:
                version, start, end, tensor_off = 1, 0, min(size, MAX_MODEL_BYTES), 0
            else:
                raise fail(path, "no RTen header")
            fb = _FlatBuffer(path, buf, start, end)
            model = fb.root()
            graph = fb.ref(model, 1)
            if graph is None:
                raise fail(path, "the RTen model has no graph")
            node_first, n_nodes = fb.vector(graph, 0)
            cap = min(MAX_NODES, limits.max_items)
            if n_nodes > cap:
                raise fail(path, f"a graph of {n_nodes} nodes (more than {cap})", "max_items")
            nodes = [node_first + 4 * i + fb._u(node_first + 4 * i, 4) for i in range(n_nodes)]
            tensors: list[Tensor] = []
            kinds = {KIND_OPERATOR: 0, KIND_CONSTANT: 0, KIND_VALUE: 0}
            p2o = params = 0
            for node in nodes:
                kind = fb.uint(node, 1, 1) or 0
                if kind in kinds:
                    kinds[kind] += 1
                if kind != KIND_CONSTANT:
                    continue
                data = fb.ref(node, 2)
                if data is None:
                    continue
                name = _name(fb, node)
                p2o += bool(_P2O.match(name))
                params += bool(_PADDLE_PARAM.match(name))
                tensors.append(Tensor(name=name, dtype="", shape=_const_shape(fb, data)))
            meta: dict[str, Any] = {"rten.version": version, "node_count": kinds[KIND_OPERATOR]}
            for key, shapes_key, index in (("graph_inputs", "graph_input_shapes", 1),
                                           ("graph_outputs", "graph_output_shapes", 2)):
                first, count = fb.vector(graph, index)
                names: list[str] = []
                shapes: dict[str, list[int | str]] = {}
                for i in range(min(count, MAX_IO)):
                    idx = fb._u(first + 4 * i, 4)
                    if idx >= n_nodes:
                        raise fail(path, f"the graph names node {idx} of {n_nodes} as an input or output")
                    node = nodes[idx]
                    name = _name(fb, node)
                    names.append(name)
                    value = fb.ref(node, 2) if fb.uint(node, 1, 1) == KIND_VALUE else None
                    shape = _value_shape(fb, value) if value is not None else None
                    if shape is not None:
                        shapes[name] = shape
                meta[key] = names
                if shapes:
                    meta[shapes_key] = shapes
            props: dict[str, Any] = {}
            info_meta = fb.ref(model, 2)
            if info_meta is not None:
                for index, key in enumerate(_METADATA):
                    val = fb.string(info_meta, index)
                    if val:
                        props[f"rten.{key}"] = val[:1024]
        if p2o and params:
            meta["exporter"] = "paddle"
        if props:
            meta["format_props"] = props
        info = ArtifactInfo(path=str(path), format="rten", metadata=meta, tensors=tensors, tensor_count=len(tensors))
        if tensor_off:
            info.data_offset = tensor_off
        info.notes.append(
            f"RTen model (format {version}) converted from ONNX: {kinds[KIND_OPERATOR]} operators, "
            f"{kinds[KIND_CONSTANT]} constants; inputs {', '.join(meta['graph_inputs']) or '-'}, outputs "
            f"{', '.join(meta['graph_outputs']) or '-'}"
            + ("; constants named by Paddle2ONNX (p2o.*) over Paddle parameters" if meta.get("exporter") else ""))
        return info
