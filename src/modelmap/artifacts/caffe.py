"""Caffe models (``*.caffemodel``: a ``NetParameter`` protobuf with the trained blobs inside its layers), read for the
names the net gives itself and its layers, never run or loaded into Caffe.

caffe/src/caffe/proto/caffe.proto: ``NetParameter`` field 1 ``name``, 2 ``repeated V1LayerParameter layers`` (the
old layout, still in many released models), 100 ``repeated LayerParameter layer`` (the current one), 3 ``input``.
``LayerParameter``: 1 ``name``, 2 ``type`` (a string such as ``Convolution``), 3 ``bottom``, 4 ``top``, 7 ``blobs``,
107 ``data_param`` (``DataParameter``: 1 ``source``), 115 ``image_data_param`` (1 ``source``). ``V1LayerParameter``:
2 ``bottom``, 3 ``top``, 4 ``name``, 5 ``type`` (an enum), 6 ``blobs``, 11 ``data_param``, 15 ``image_data_param``.
What is kept: the net's name, the layers' names and types in order, and the data sources a training net recorded
(the path of the LMDB or list file it was trained from: its author's own record, a claim). The blobs (the weights)
are skipped by length, never read. Hand-written on the bounded protobuf walker ``onnx._walk``; a truncated file reads
up to the cut.

Sniffed by the first fields: an optional net name (field 1, printable), then a layer (field 2 or 100) whose own
first field is a layer's name or, for a V1 layer, a top / bottom / name string. A TensorFlow GraphDef also opens
with field 1, but holding a NodeDef message (tfgraph sniffs that), and a SentencePiece model's field 1 holds a piece
message; neither is followed by a field 2 / 100 message of this shape within the first bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, mapped
from modelmap.artifacts.tokenizer import _varint

MAX_LAYERS = 4096  # layers read
MAX_NAME = 256  # one name / type / source read
MAX_FIELDS = 2_000_000  # protobuf fields walked in all
MAX_SOURCES = 16
_NAME = re.compile(rb"^[A-Za-z0-9_.][A-Za-z0-9_.\-/+@:]{0,255}$")
_TYPE = re.compile(rb"^[A-Z][A-Za-z0-9_]{0,63}$")
_PRINTABLE = re.compile(rb"^[\x20-\x7e]{0,256}$")
# caffe.proto V1LayerParameter.LayerType, the values released models use, as the current string types
_V1_TYPES = {1: "Accuracy", 3: "Concat", 4: "Convolution", 5: "Data", 6: "Dropout", 8: "Flatten", 12: "ImageData",
             14: "InnerProduct", 15: "LRN", 17: "Pooling", 18: "ReLU", 19: "Sigmoid", 20: "Softmax",
             21: "SoftmaxWithLoss", 22: "Split", 23: "TanH", 25: "Eltwise", 29: "MemoryData", 39: "Deconvolution"}
_LAYER_FIELDS = {2: "v1", 100: "layer"}
_SOURCE_PARAMS = {"v1": (11, 15), "layer": (107, 115)}  # data_param, image_data_param


def _string_field(head: bytes, i: int) -> tuple[int, bytes, int] | None:
    """(field number, bytes, next offset) of a length-delimited field at i, None if there is none."""
    key, j = _varint(head, i)
    if key is None or key & 7 != 2:
        return None
    n, k = _varint(head, j)
    if n is None or k + n > len(head):
        return None
    return key >> 3, head[k:k + n], k + n


def _sniff(head: bytes) -> bool:
    if len(head) < 16:
        return False
    i = 0
    first = _string_field(head, 0)
    if first is None:
        return False
    if first[0] == 1:  # the net's name
        if not _PRINTABLE.match(first[1]):
            return False
        i = first[2]
    key, j = _varint(head, i)
    if key is None or key & 7 != 2 or (key >> 3) not in _LAYER_FIELDS:
        return False
    kind = _LAYER_FIELDS[key >> 3]
    n, k = _varint(head, j)
    if n is None or n < 4:
        return False
    inner = _string_field(head, k)  # the layer's first field, which must lie in the bytes read
    if inner is None:
        return False
    if kind == "layer":
        return inner[0] == 1 and bool(_NAME.match(inner[1]))
    return inner[0] in (2, 3, 4) and bool(_NAME.match(inner[1]))


class CaffeReader:
    id = "caffe"
    description = "Caffe model (.caffemodel, NetParameter): net name, layer names and types, training data sources"

    def sniff(self, head: bytes) -> bool:
        return _sniff(head)

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        from modelmap.artifacts.onnx import _walk

        most = min(MAX_LAYERS, limits.max_graph_entries)
        net_name = ""
        names: list[str] = []
        types: list[str] = []
        sources: list[str] = []
        capped = False
        walked = 0
        with mapped(path) as buf:
            if not _sniff(bytes(buf[:4096])):
                raise fail(path, "not a Caffe NetParameter (no net name and layer message first)")
            cut: list[int] = []
            for fno, wire, val, _clip in _walk(path, buf, 0, len(buf), True, cut):
                walked += 1
                if walked > MAX_FIELDS:
                    capped = True
                    break
                if fno == 1 and wire == 2 and not names:
                    net_name = bytes(buf[val[0]:val[0] + min(val[1], MAX_NAME)]).decode("utf-8", "replace")
                    continue
                if wire != 2 or fno not in _LAYER_FIELDS:
                    continue
                if len(names) >= most:
                    capped = True
                    break
                kind = _LAYER_FIELDS[fno]
                name_field, type_field = (1, 2) if kind == "layer" else (4, 5)
                name = typ = ""
                for f, w, v, _c in _walk(path, buf, val[0], val[0] + val[1], True, []):
                    walked += 1
                    if walked > MAX_FIELDS:
                        capped = True
                        break
                    if f == name_field and w == 2:
                        name = bytes(buf[v[0]:v[0] + min(v[1], MAX_NAME)]).decode("utf-8", "replace")
                    elif f == type_field and w == 2 and kind == "layer":
                        typ = bytes(buf[v[0]:v[0] + min(v[1], 64)]).decode("utf-8", "replace")
                    elif f == type_field and w == 0 and kind == "v1":
                        typ = _V1_TYPES.get(int(v), f"V1:{int(v)}")
                    elif f in _SOURCE_PARAMS[kind] and w == 2 and len(sources) < MAX_SOURCES:
                        for g, w2, v2, _c2 in _walk(path, buf, v[0], v[0] + v[1], True, []):
                            walked += 1  # a data_param's fields count too: one of 10,000,000 was walked whole
                            if walked > MAX_FIELDS:
                                capped = True
                                break
                            if g == 1 and w2 == 2:
                                sources.append(bytes(buf[v2[0]:v2[0] + min(v2[1], MAX_NAME)])
                                               .decode("utf-8", "replace"))
                                break
                if not name or not _NAME.match(name.encode("utf-8", "replace")):
                    continue
                names.append(name)
                types.append(typ if _TYPE.match(typ.encode("utf-8", "replace")) else "")
        if not names:
            raise fail(path, "no named layer in the Caffe NetParameter")
        info = ArtifactInfo(path=str(path), format="caffe")
        props: dict[str, object] = {"caffe.name": net_name, "caffe.layers": len(names),
                                    "caffe.layer_names": " ".join(names)[:8192],
                                    "caffe.layer_types": " ".join(t or "?" for t in types)[:8192],
                                    "caffe.sources": " ".join(s.replace(" ", "_") for s in sources)[:4096]}
        info.metadata["format_props"] = props
        if cut:
            info.notes.append(f"the net stops at offset {cut[0]} (truncated): only the layers before it were read")
        if capped:
            info.notes.append(f"only the first {len(names)} layers were read (at most {most} layers, {MAX_FIELDS} "
                              "fields)")
        info.notes.append(f"Caffe model {net_name!r}: {len(names)} layers ({', '.join(names[:8])}"
                          f"{' …' if len(names) > 8 else ''})"
                          + (f", trained from {', '.join(sources[:2])}" if sources else "")
                          + "; the names a net gives itself and its data paths are its own claim")
        return info
