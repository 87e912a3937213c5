"""ONNX Runtime's ORT format (``.ort``): the graph an ONNX model was converted to, read without running anything.

``python -m onnxruntime.tools.convert_onnx_models_to_ort`` saves a model for ONNX Runtime's minimal (mobile) builds as
one FlatBuffer whose file identifier is ``ORTM`` (bytes 4-8) and whose root is ``InferenceSession``
(onnxruntime/core/flatbuffers/schema/ort.fbs): ``ort_version`` (0), ``model`` (1). ``Model`` holds ir_version (0),
opset_import (1), ``producer_name`` (2), ``producer_version`` (3), ``domain`` (4), model_version (5), doc_string (6),
``graph`` (7) and ``metadata_props`` (9, key / value tables). ``Graph`` holds ``initializers`` (0, ``Tensor``: name 0,
dims 2 as int64), ``node_args`` (1, ``ValueInfo``: name 0, type 2), nodes (2), ``inputs`` (5) and ``outputs`` (6) as
names. A ``TypeInfo``'s union (type 1, value 2) holds a ``TensorTypeAndShape`` (elem_type 0, shape 1) whose
``Shape.dim`` (0) lists ``Dimension`` tables (value 0 -> ``DimensionValue``: dim_type 0, dim_value 1, dim_param 2).
Written by hand because onnxruntime itself only loads such a file into a session (which runs its kernels' set-up)
and its Python package ships no reader of the schema; the walk reuses the bounded FlatBuffer helper of the TFLite
reader.

The converter keeps the ONNX graph's input / output names and declared shapes, the initializers' names and shapes and
the ONNX producer / domain / metadata, so the file is matched against the same ``structure`` patterns as an ONNX graph
(``graph_format: onnx``). Bounded: at most MAX_INITIALIZERS initializers and MAX_NODE_ARGS value infos are looked at,
inputs / outputs at MAX_IO, shapes at MAX_RANK dimensions, names cut at 256 characters; every offset is checked
against the file (a bad file raises ReadError, which inspect reports as a skipped file). The weights (each
initializer's raw_data) are never read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, Tensor, fail, mapped
from modelmap.artifacts.classic import _FlatBuffer

IDENT = b"ORTM"
MAX_INITIALIZERS = 200_000
MAX_NODE_ARGS = 200_000
MAX_IO = 64
MAX_RANK = 16
MAX_NAME = 256
MAX_PROPS = 256
_TYPE_TENSOR = 1  # TypeInfoValue's tensor_type member


def _shape(fb: _FlatBuffer, type_info: int) -> list[int | str] | None:
    """A ValueInfo's declared tensor shape: an int per fixed dimension, the symbol (or "?") per dynamic one."""
    if fb.uint(type_info, 1, 1) != _TYPE_TENSOR:
        return None
    tensor_type = fb.ref(type_info, 2)
    shape = fb.ref(tensor_type, 1) if tensor_type is not None else None
    if shape is None:
        return None
    out: list[int | str] = []
    for dim in fb.dim_tables(shape, 0, MAX_RANK, "a value shape"):
        value = fb.ref(dim, 0)
        if value is not None and fb.uint(value, 0, 1) == 1:
            out.append(fb.uint(value, 1, 8) or 0)
        else:
            out.append(((fb.string(value, 2) if value is not None else None) or "?")[:MAX_NAME])
    return out


def _dims(fb: _FlatBuffer, tensor: int) -> tuple[int, ...]:
    return fb.scalars(tensor, 2, 8, MAX_RANK, "an initializer")  # Tensor.dims: int64


def _names(fb: _FlatBuffer, graph: int, index: int) -> list[str]:
    first, count = fb.vector(graph, index)
    out = []
    for i in range(min(count, MAX_IO)):
        pos = first + 4 * i
        s = pos + fb._u(pos, 4)
        n = fb._u(s, 4)
        if s + 4 + n > fb.end:
            raise fail(fb.path, f"a graph input / output name of {n} bytes runs past the file")
        out.append(bytes(fb.buf[s + 4:s + 4 + min(n, MAX_NAME)]).decode("utf-8", "replace"))
    return out


class OrtFormatReader:
    id = "ort"
    description = "ONNX Runtime ORT-format model (.ort): producer, graph inputs / outputs with shapes, initializer shapes"

    def sniff(self, head: bytes) -> bool:
        return len(head) >= 8 and head[4:8] == IDENT

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        with mapped(path) as buf:
            if len(buf) < 8 or bytes(buf[4:8]) != IDENT:
                raise fail(path, "no ORT format identifier (ORTM)")
            fb = _FlatBuffer(path, buf, 0, len(buf))
            session = fb.root()
            meta: dict[str, Any] = {"ort_version": (fb.string(session, 0) or "")[:40]}
            model = fb.ref(session, 1)
            if model is None:
                raise fail(path, "the ORT file holds no model")
            for index, key in ((2, "producer_name"), (3, "producer_version"), (4, "domain")):
                value = fb.string(model, index)
                if value:
                    meta[key] = value[:MAX_NAME]
            props: dict[str, str] = {}
            for entry in fb.tables(model, 9, MAX_PROPS):
                prop = fb.string(entry, 0)
                if prop:
                    props[prop[:MAX_NAME]] = (fb.string(entry, 1) or "")[:1024]
            if props:
                meta["metadata_props"] = props
            graph = fb.ref(model, 7)
            if graph is None:
                raise fail(path, "the ORT model has no graph")
            cap = min(MAX_INITIALIZERS, limits.max_items)
            _first, n_init = fb.vector(graph, 0)
            if n_init > cap:
                raise fail(path, f"a graph of {n_init} initializers (more than {cap})", "max_items")
            tensors = [Tensor(name=(fb.string(t, 0) or "")[:MAX_NAME], dtype="", shape=_dims(fb, t))
                       for t in fb.tables(graph, 0, cap)]
            inputs, outputs = _names(fb, graph, 5), _names(fb, graph, 6)
            meta["graph_inputs"], meta["graph_outputs"] = inputs, outputs
            wanted = set(inputs) | set(outputs)
            shapes: dict[str, list[int | str]] = {}
            _first, n_args = fb.vector(graph, 1)
            if n_args > min(MAX_NODE_ARGS, limits.max_items):
                raise fail(path, f"a graph of {n_args} value infos (more than {MAX_NODE_ARGS})", "max_items")
            for arg in fb.tables(graph, 1, MAX_NODE_ARGS):
                if len(shapes) == len(wanted):
                    break
                name = (fb.string(arg, 0) or "")[:MAX_NAME]
                type_info = fb.ref(arg, 2) if name in wanted else None
                shape = _shape(fb, type_info) if type_info is not None else None
                if shape is not None:
                    shapes[name] = shape
            in_shapes = {k: v for k, v in shapes.items() if k in inputs}
            out_shapes = {k: v for k, v in shapes.items() if k in outputs}
            if in_shapes:
                meta["graph_input_shapes"] = in_shapes
            if out_shapes:
                meta["graph_output_shapes"] = out_shapes
        info = ArtifactInfo(path=str(path), format="ort", metadata=meta, tensors=tensors, tensor_count=n_init)
        info.notes.append(
            f"ONNX Runtime ORT-format model (ORT format {meta['ort_version'] or '?'}, converted from ONNX"
            f"{', producer ' + meta['producer_name'] if meta.get('producer_name') else ''}): {n_init} initializers; "
            f"inputs {', '.join(inputs) or '-'}, outputs {', '.join(outputs) or '-'}")
        return info
