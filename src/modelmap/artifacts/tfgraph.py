"""TensorFlow frozen graphs (a ``GraphDef`` serialised on its own: ``frozen_inference_graph.pb``, ``*.pb`` written by
``tf.io.write_graph`` / ``freeze_graph``), read for the names the graph gives its nodes, never run or parsed into TF.

tensorflow/core/framework/graph.proto: ``GraphDef`` field 1 is ``repeated NodeDef node``; node_def.proto: ``NodeDef``
field 1 ``name``, 2 ``op``, 3 ``repeated string input`` (``name``, ``name:1`` or ``^name`` for a control input),
4 ``device``, 5 ``attr``. The walk reads those three per node and skips the rest (a frozen graph's weights are Const
nodes' ``attr["value"]`` tensors: skipped by length, never read). What it keeps: the Placeholder names (the graph's
feeds), the ops used, the Const names at the root scope (a frozen variable keeps its variable's name), and the nodes no
other node consumes (the graph's outputs). Hand-written on the bounded protobuf walker ``onnx._walk`` (TensorFlow is no
dependency, and loading a graph would build it).

Sniffed by the first node: field 1 holding a NodeDef whose first fields are a name (field 1, a TF node name) and an op
(field 2, a string). A SentencePiece ``ModelProto`` also opens with field 1 then a string, but its field 2 is a float
score (wire type 5), so the two do not collide.
"""

from __future__ import annotations

import re
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, mapped
from modelmap.artifacts.tokenizer import _varint

MAX_NODES = 200_000  # nodes walked
MAX_NAME = 512  # one node name / op / input read
MAX_KEPT = 1024  # names kept per list
MAX_FIELDS = 1_000_000  # protobuf fields walked in all, nodes' own fields and anything between nodes included
_NODE_NAME = re.compile(rb"^[A-Za-z0-9_.][A-Za-z0-9_.\-/>]{0,255}$")
_OP_NAME = re.compile(rb"^[A-Z][A-Za-z0-9_]{0,127}$")
MAX_SCOPES = 512  # distinct name scopes kept (tf.scopes)
_SCOPE = re.compile(r"^[A-Za-z0-9_.][A-Za-z0-9_.\-]{0,63}$")
_SKIP_OUTPUT_OPS = {"Const", "Placeholder", "PlaceholderWithDefault", "NoOp", "Assert", "VarHandleOp",
                    "VariableV2", "Variable", "Assign", "SaveV2", "RestoreV2"}


def _sniff(head: bytes) -> bool:
    if len(head) < 8 or head[0] != 0x0A:
        return False
    _node_len, i = _varint(head, 1)
    if _node_len is None or i >= len(head) or head[i] != 0x0A:
        return False
    n, j = _varint(head, i + 1)
    if n is None or not 0 < n <= 256 or j + n >= len(head) or not _NODE_NAME.match(head[j:j + n]):
        return False
    k = j + n
    if head[k] != 0x12:
        return False
    m, q = _varint(head, k + 1)
    return m is not None and 0 < m <= 128 and q + m <= len(head) and _OP_NAME.match(head[q:q + m]) is not None


class TFGraphReader:
    id = "tf-graphdef"
    description = "TensorFlow frozen GraphDef (.pb): feeds, outputs, ops and root-scope constants by name"

    def sniff(self, head: bytes) -> bool:
        return _sniff(head)

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        from modelmap.artifacts.onnx import _walk

        most = min(MAX_NODES, limits.max_graph_entries)
        nodes = 0
        feeds: list[str] = []
        consts: list[str] = []
        ops: set[str] = set()
        produced: dict[str, str] = {}  # node name -> op, for the output check (bounded by most)
        consumed: set[str] = set()
        scopes: set[str] = set()
        capped = False
        with mapped(path) as buf:
            if not _sniff(bytes(buf[:256])):
                raise fail(path, "not a TensorFlow GraphDef (no NodeDef with a name and an op first)")
            cut: list[int] = []
            walked = 0  # every field counts (a sparse file's zeros are fields too), so the walk is bounded
            for fno, wire, val, _clip in _walk(path, buf, 0, len(buf), True, cut):
                walked += 1
                if walked > MAX_FIELDS:
                    capped = True
                    break
                if fno != 1 or wire != 2:
                    continue
                if nodes >= most:
                    capped = True
                    break
                nodes += 1
                name = op = ""
                for f, w, v, _c in _walk(path, buf, val[0], val[0] + val[1], True, []):
                    walked += 1
                    if walked > MAX_FIELDS:
                        capped = True
                        break
                    if w != 2 or f not in (1, 2, 3):
                        continue
                    text = bytes(buf[v[0]:v[0] + min(v[1], MAX_NAME)]).decode("utf-8", "replace")
                    if f == 1:
                        name = text
                    elif f == 2:
                        op = text
                    elif len(consumed) < most:
                        consumed.add(text.lstrip("^").split(":", 1)[0])
                if not name or not op:
                    continue
                if len(ops) < MAX_KEPT:
                    ops.add(op)
                if op in ("Placeholder", "PlaceholderWithDefault") and len(feeds) < MAX_KEPT:
                    feeds.append(name)
                elif op == "Const" and "/" not in name and len(consts) < MAX_KEPT:
                    consts.append(name)
                produced[name] = op
                parts = name.split("/")
                if len(parts) >= 2 and len(scopes) < MAX_SCOPES and _SCOPE.match(parts[0]):
                    scopes.add(parts[0])
                    if len(parts) >= 3 and _SCOPE.match(parts[1]) and len(scopes) < MAX_SCOPES:
                        scopes.add(f"{parts[0]}/{parts[1]}")
        if not nodes:
            raise fail(path, "no NodeDef in the GraphDef")
        outputs = sorted(n for n, o in produced.items() if n not in consumed and o not in _SKIP_OUTPUT_OPS)
        info = ArtifactInfo(path=str(path), format="tf-graphdef")
        props: dict[str, object] = {"tf.nodes": nodes, "tf.inputs": " ".join(sorted(feeds)),
                                    "tf.consts": " ".join(sorted(consts)), "tf.ops": " ".join(sorted(ops)),
                                    "tf.scopes": "|".join(sorted(scopes))}
        if cut:  # a node after the cut may consume any of them: no outputs are claimed
            info.notes.append(f"the graph stops at offset {cut[0]} (truncated): its outputs are not known")
        else:
            props["tf.outputs"] = " ".join(outputs[:MAX_KEPT])
        info.metadata["format_props"] = props
        if capped:
            info.notes.append(f"only the first {nodes} nodes were read (at most {most} nodes, {MAX_FIELDS} fields)")
        info.notes.append(f"TensorFlow GraphDef: {nodes} nodes, feeds {', '.join(sorted(feeds)[:6]) or 'none'}, "
                          f"outputs {', '.join(outputs[:6]) if not cut else 'unknown'}; a framework format: whose model it is, the "
                          "node names may say")
        return info

