"""ONNX reader: ir_version, opsets, producer, metadata_props, graph inputs/outputs, initializer shapes.

Hand-written instead of ``onnx.load``: the onnx wheel (≈9 MB plus protobuf) is not a dependency and
``onnx.load`` parses the whole ModelProto into memory, weights included. ONNX is protobuf, so a bounded
walker over the few fields we need skips initializer ``raw_data`` by length without reading it (the
file is memory-mapped, so skipped weights are never paged in).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, Tensor, fail, mapped
from modelmap.artifacts.tokenizer import _varint, iter_fields
from modelmap.errors import ReadError

MAX_GRAPH_IO = 10_000  # graph input / output names kept (real models have a handful)
MAX_NODE_PARAMS = 4096  # parameter names kept from the nodes' inputs
_PARAM_NAME = re.compile(r"^[A-Za-z_][\w.]*\.(?:weight|bias)$")
MAX_PARAM_ROOTS = 64  # distinct top-level module names kept as onnx.param_roots (more: not a module tree's top)
_ONNX_DTYPES = {1: "FLOAT", 2: "UINT8", 3: "INT8", 4: "UINT16", 5: "INT16", 6: "INT32", 7: "INT64",
                8: "STRING", 9: "BOOL", 10: "FLOAT16", 11: "DOUBLE", 12: "UINT32", 13: "UINT64", 16: "BFLOAT16"}


def _str(buf: Any, val: tuple[int, int], limits: Limits, path: Path) -> str:
    off, n = val
    if n > limits.max_string_bytes:
        raise fail(path, f"string of {n} bytes at offset {off}", "max_string_bytes")
    return bytes(buf[off : off + n]).decode("utf-8", errors="replace")


def _walk(path: Path, buf: Any, start: int, end: int, clipped: bool, cut: list[int]
          ) -> Iterator[tuple[int, int, Any, bool]]:
    """Fields of one protobuf message as (field, wire type, value or (offset, length), clipped).

    ``clipped`` says the message's bytes stop at the end of the file before its declared end (a truncated
    download): then a field that runs off the end records its offset in ``cut`` and ends the walk, a
    length-delimited one first yielded with the bytes that are there (its last item, ``clipped`` True).
    In a message that is whole, a field overrunning it is malformed and raises, as ``iter_fields`` does.
    """
    i = start
    while i < end:
        key, j = _varint(buf, i)
        if key is None or j > end:
            if clipped:
                cut.append(i)
                return
            raise fail(path, f"protobuf is truncated or malformed at offset {i}")
        field_no, wire = key >> 3, key & 7
        if wire == 0:
            v, k = _varint(buf, j)
            if v is None or k > end:
                if clipped:
                    cut.append(i)
                    return
                raise fail(path, f"protobuf varint is truncated at offset {j}")
            yield field_no, wire, v, False
            i = k
        elif wire == 2:
            n, k = _varint(buf, j)
            if n is None or k > end:
                if clipped:
                    cut.append(i)
                    return
                raise fail(path, f"protobuf length is truncated at offset {j}")
            if k + n > end:
                if clipped:
                    cut.append(i)
                    yield field_no, wire, (k, end - k), True
                    return
                raise fail(path, f"file is truncated: protobuf field {field_no} at offset {k} claims {n} bytes, "
                           f"{end - k} left")
            yield field_no, wire, (k, n), False
            i = k + n
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            if j + size > end:
                if clipped:
                    cut.append(i)
                    return
                raise fail(path, f"file is truncated: protobuf fixed{size * 8} at offset {j}")
            yield field_no, wire, buf[j : j + size], False
            i = j + size
        else:
            raise fail(path, f"protobuf wire type {wire} at offset {j} is not supported")


def _packed_ints(path: Path, buf: Any, off: int, n: int) -> list[int]:
    out: list[int] = []
    i, end = off, off + n
    data = bytes(buf[off:end])
    i = 0
    while i < len(data):
        v, i = _varint(data, i)
        if v is None:
            raise fail(path, "truncated packed dims")
        out.append(v)
        if len(out) > 16:
            raise fail(path, "tensor with more than 16 dims", "max_dims")
    return out


class ONNXReader:
    id = "onnx"
    description = "ONNX model: opsets, producer, metadata_props, graph inputs and initializer shapes"

    def sniff(self, head: bytes) -> bool:
        # ModelProto starts with ir_version (field 1, varint: 0x08 <3..12>) in every exporter we know.
        return len(head) >= 4 and head[0] == 0x08 and 1 <= head[1] <= 20 and head[2] in (0x12, 0x1A, 0x22, 0x2A, 0x3A, 0x42)

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        with mapped(path) as buf:
            return self._parse(path, buf, limits)

    def _parse(self, path: Path, buf: Any, limits: Limits) -> ArtifactInfo:
        meta: dict[str, Any] = {"opset_import": {}}
        inputs: list[str] = []
        outputs: list[str] = []
        tensors: list[Tensor] = []
        nodes = 0
        params: set[str] = set()
        walked = 0  # graph fields looked at, all kinds together
        dropped: dict[int, int] = {}  # graph inputs (11) / outputs (12) past MAX_GRAPH_IO
        # their declared shapes: an int per fixed dimension, the symbol's name (or "?") per dynamic one
        shapes: dict[int, dict[str, list[int | str]]] = {11: {}, 12: {}}
        seen_graph = False
        cut: list[int] = []  # where a truncated file stops (a partial read), empty when whole
        initializers_cut = 0  # initializers read only in part (their data runs past the end)
        for f, w, v, _clipped in _walk(path, buf, 0, len(buf), True, cut):
            walked += 1
            if walked > limits.max_graph_entries:
                raise fail(path, f"model has more than {limits.max_graph_entries} fields", "max_graph_entries")
            if f == 1 and w == 0:
                meta["ir_version"] = v
            elif f == 8 and w == 2:
                domain, version = "ai.onnx", 0
                for f2, w2, v2, _c in _walk(path, buf, v[0], v[0] + v[1], _clipped, cut):
                    if f2 == 1 and w2 == 2:
                        domain = _str(buf, v2, limits, path) or "ai.onnx"
                    elif f2 == 2 and w2 == 0:
                        version = v2
                meta["opset_import"][domain] = version
            elif f in (2, 3, 4, 6) and w == 2:
                meta[{2: "producer_name", 3: "producer_version", 4: "domain", 6: "doc_string"}[f]] = _str(
                    buf, v, limits, path)[:4096]
            elif f == 5 and w == 0:
                meta["model_version"] = v
            elif f == 14 and w == 2:
                key = val = ""
                for f2, w2, v2, _c in _walk(path, buf, v[0], v[0] + v[1], _clipped, cut):
                    if w2 == 2 and f2 == 1:
                        key = _str(buf, v2, limits, path)[:256]  # a key is a word: inspect lists them in its claims
                    elif w2 == 2 and f2 == 2:
                        val = _str(buf, v2, limits, path)[:4096]
                meta.setdefault("metadata_props", {})[key] = val
            elif f == 7 and w == 2:
                seen_graph = True
                for f2, w2, v2, clipped2 in _walk(path, buf, v[0], v[0] + v[1], _clipped, cut):
                    walked += 1
                    if walked > limits.max_graph_entries:
                        raise fail(path, f"graph has more than {limits.max_graph_entries} entries (nodes, inputs, "
                                   "outputs, initializers …)", "max_graph_entries")
                    if w2 != 2:
                        continue
                    if f2 == 1:
                        nodes += 1
                        if not clipped2 and len(params) < MAX_NODE_PARAMS:
                            self._node_params(path, buf, v2, limits, params)
                    elif f2 == 2:
                        meta["graph_name"] = _str(buf, v2, limits, path)
                    elif f2 in (11, 12):
                        names = inputs if f2 == 11 else outputs
                        if len(names) >= MAX_GRAPH_IO:
                            dropped[f2] = dropped.get(f2, 0) + 1  # counted, not kept
                            continue
                        name, shape = self._value_info(path, buf, v2, limits, clipped2)
                        if name is not None:
                            names.append(name)
                            if shape is not None and len(shapes[f2]) < MAX_GRAPH_IO:
                                shapes[f2][name] = shape
                    elif f2 == 5:
                        tensor = self._initializer(path, buf, v2, limits, clipped2)
                        if tensor is not None:
                            tensors.append(tensor)
                            initializers_cut += clipped2
                        if len(tensors) > limits.max_items:
                            raise fail(path, f"more than {limits.max_items} initializers", "max_items")
        if not seen_graph:
            raise fail(path, "no ONNX graph found (not an ONNX ModelProto?)")
        if params:
            # the weights' names as the nodes use them: where the initializers are cut off (a truncated file)
            # or renamed, they still say how many layers there are and whose naming the graph follows
            meta["node_params"] = sorted(params)
        roots = {name.split(".", 1)[0] for name in params} | {t.name.split(".", 1)[0] for t in tensors
                                                               if _PARAM_NAME.match(t.name)}
        if roots and len(roots) <= MAX_PARAM_ROOTS:
            # the exported module's own sub-module names (a VITS synthesizer's enc_p, dp, flow, dec): how the code
            # that built the model named its parts, a structure pattern can test ('|'-joined, sorted)
            meta["format_props"] = {"onnx.param_roots": "|".join(sorted(roots))}
        meta["graph_inputs"] = inputs
        meta["graph_outputs"] = outputs
        if shapes[11]:
            meta["graph_input_shapes"] = shapes[11]
        if shapes[12]:
            meta["graph_output_shapes"] = shapes[12]
        meta["node_count"] = nodes
        info = ArtifactInfo(path=str(path), format="onnx", metadata=meta, tensors=tensors,
                            tensor_count=len(tensors))
        if cut:
            meta["truncated_at"] = len(buf)
            info.notes.append(
                f"partial read: the file ends at byte {len(buf)}, inside a message that declares more; read "
                f"{len(tensors)} initializer(s) ({initializers_cut} of them only up to their data), {nodes} node(s) "
                "and whatever came before the cut (a truncated download or a file cut short)")
        for f2, n in sorted(dropped.items()):
            info.notes.append(f"graph lists {n} more {'inputs' if f2 == 11 else 'outputs'} than the "
                              f"{MAX_GRAPH_IO} kept")
        return info

    def _value_info(self, path: Path, buf: Any, val: tuple[int, int], limits: Limits, clipped: bool
                    ) -> tuple[str | None, list[int | str] | None]:
        """A graph input's or output's name and declared tensor shape (ValueInfoProto: name 1, type 2 ->
        TypeProto.tensor_type 1 -> shape 2 -> dim 1 -> dim_value 1 / dim_param 2). The shape is None when
        the type is not a tensor or declares no shape; a malformed type is passed over (the name is kept)."""
        name: str | None = None
        shape: list[int | str] | None = None
        cut: list[int] = []
        for f, w, v, c in _walk(path, buf, val[0], val[0] + val[1], clipped, cut):
            if f == 1 and w == 2 and not c:
                name = _str(buf, v, limits, path)[:1024]
            elif f == 2 and w == 2 and not c:
                try:
                    shape = self._tensor_shape(path, buf, v, limits)
                except ReadError:
                    shape = None
        return name, shape

    def _tensor_shape(self, path: Path, buf: Any, val: tuple[int, int], limits: Limits) -> list[int | str] | None:
        for f, w, v in iter_fields(path, buf, val[0], val[0] + val[1]):
            if f != 1 or w != 2:
                continue  # tensor_type only (sequence / map types have no one shape)
            for f2, w2, v2 in iter_fields(path, buf, v[0], v[0] + v[1]):
                if f2 != 2 or w2 != 2:
                    continue
                dims: list[int | str] = []
                for f3, w3, v3 in iter_fields(path, buf, v2[0], v2[0] + v2[1]):
                    if f3 != 1 or w3 != 2:
                        continue
                    if len(dims) >= 16:
                        raise fail(path, "graph input with more than 16 dims", "max_dims")
                    dim: int | str = "?"
                    for f4, w4, v4 in iter_fields(path, buf, v3[0], v3[0] + v3[1]):
                        if f4 == 1 and w4 == 0:
                            dim = v4 if v4 < (1 << 63) else v4 - (1 << 64)  # int64, two's complement
                        elif f4 == 2 and w4 == 2:
                            dim = _str(buf, v4, limits, path)[:64] or "?"
                    dims.append(dim)
                return dims
        return None

    def _node_params(self, path: Path, buf: Any, val: tuple[int, int], limits: Limits, out: set[str]) -> None:
        """A node's inputs that name model parameters (``encoder.layer.2.attention.self.query.bias``); a
        malformed node is passed over (the graph walk itself checks the node's length)."""
        try:
            for f, w, v in iter_fields(path, buf, val[0], val[0] + val[1]):
                if f == 1 and w == 2 and v[1] <= 512 and len(out) < MAX_NODE_PARAMS:
                    name = _str(buf, v, limits, path)
                    if _PARAM_NAME.match(name):
                        out.add(name)
        except ReadError:
            return

    def _initializer(self, path: Path, buf: Any, val: tuple[int, int], limits: Limits,
                     clipped: bool = False) -> Tensor | None:
        """The tensor's name, type and shape; None for one cut off before its name or in its shape."""
        dims: list[int] = []
        dtype, name = 0, ""
        cut: list[int] = []
        for f, w, v, c in _walk(path, buf, val[0], val[0] + val[1], clipped, cut):
            if f == 1 and w == 0:
                dims.append(v)
            elif f == 1 and w == 2:
                if c:
                    return None
                dims.extend(_packed_ints(path, buf, v[0], v[1]))
            elif f == 2 and w == 0:
                dtype = v
            elif f == 8 and w == 2:
                if c:
                    return None
                name = _str(buf, v, limits, path)
            if len(dims) > 16:
                raise fail(path, "tensor with more than 16 dims", "max_dims")
        if (cut or clipped) and not name:
            return None
        return Tensor(name, _ONNX_DTYPES.get(dtype, f"type-{dtype}"), tuple(dims))


