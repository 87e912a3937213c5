"""Core ML model specification reader (``.mlmodel``, and ``model.mlmodel`` inside an ``.mlpackage``).

A Core ML model is one protobuf message, ``CoreML.Specification.Model`` (Apple's Model.proto): field 1 the
specification version, field 2 the ``ModelDescription`` (inputs 1, outputs 10, predicted feature 11 / 12,
``Metadata`` 100: short description 1, version 2, author 3, licence 4, a user-defined string map 100 whose keys
coremltools fills with ``com.github.apple.coremltools.source`` / ``.version``), then one model type in a oneof
(pipelines 200-202, neural networks 303 / 403 / 500, ``mlProgram`` 502, Apple's built-in models 2000-2006 ...).

Hand-written on the package's bounded protobuf walker (``modelmap.artifacts.onnx._walk``) rather than with
``coremltools``: that wheel is ~60 MB with native libraries and parses the whole specification, weights included,
into memory, while inspect needs a dozen fields and must stay bounded on a hostile file. Nothing is executed.

What the file says about itself (its description, author, licence) is the file's own claim; the layer names of a
neural network and the interface (input / output names and shapes) are structure evidence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, mapped
from modelmap.artifacts.classic import _FieldCap, _fields
from modelmap.artifacts.tokenizer import _varint

MAX_COREML_FIELDS = 500_000  # protobuf fields walked in all (a network of some thousand layers has a few tens of thousands)
MAX_COREML_LAYERS = 4096  # layer names kept
MAX_COREML_IO = 64  # inputs / outputs kept
MAX_COREML_USER = 64  # user-defined metadata entries kept
MAX_COREML_DEPTH = 4  # pipelines nested in pipelines
MAX_TEXT = 4096  # characters kept of one metadata string

# Model.Type oneof field numbers (Model.proto) -> the names Apple gives them
MODEL_TYPES = {
    200: "pipelineClassifier", 201: "pipelineRegressor", 202: "pipeline",
    300: "glmRegressor", 301: "supportVectorRegressor", 302: "treeEnsembleRegressor",
    303: "neuralNetworkRegressor", 304: "bayesianProbitRegressor",
    400: "glmClassifier", 401: "supportVectorClassifier", 402: "treeEnsembleClassifier",
    403: "neuralNetworkClassifier", 404: "kNearestNeighborsClassifier",
    500: "neuralNetwork", 501: "itemSimilarityRecommender", 502: "mlProgram",
    555: "customModel", 556: "linkedModel", 560: "classConfidenceThresholding",
    600: "oneHotEncoder", 601: "imputer", 602: "featureVectorizer", 603: "dictVectorizer", 604: "scaler",
    606: "categoricalMapping", 607: "normalizer", 609: "arrayFeatureExtractor", 610: "nonMaximumSuppression",
    900: "identity",
    2000: "textClassifier", 2001: "wordTagger", 2002: "visionFeaturePrint", 2003: "soundAnalysisPreprocessing",
    2004: "gazetteer", 2005: "wordEmbedding", 2006: "audioFeaturePrint", 3000: "serializedModel",
}
_NETWORKS = (303, 403, 500)  # NeuralNetwork{,Classifier,Regressor}: field 1 = repeated NeuralNetworkLayer (name = 1)
_PIPELINES = (200, 201, 202)  # Pipeline{Classifier,Regressor} wrap a Pipeline in field 1; Pipeline.models = 1
_METADATA = {1: "description", 2: "version", 3: "author", 4: "license"}


class _Walk:
    """The bounded walk over one file: every field taken counts against one budget (``classic._fields``, which
    raises ``_FieldCap`` past it)."""

    def __init__(self, path: Path, buf: Any, budget: int) -> None:
        self.path, self.buf, self.left = path, buf, [budget]
        self.cut: list[int] = []

    def fields(self, start: int, end: int) -> Any:
        return _fields(self.path, self.buf, start, end, self.cut, self.left)

    def text(self, span: tuple[int, int], most: int = MAX_TEXT) -> str:
        off, n = span
        return bytes(self.buf[off:off + min(n, most * 4)]).decode("utf-8", "replace")[:most]


def _shape(w: _Walk, span: tuple[int, int]) -> list[int] | str:
    """A FeatureType's multi-array shape (FeatureType 5 multiArrayType -> ArrayFeatureType 1 shape, packed int64) as
    its dims, or its image size (4 imageType -> 1 width, 2 height) as text; [] when neither."""
    for f, wt, v, _c in w.fields(*_end(span)):
        if f == 5 and wt == 2:
            dims: list[int] = []
            for f2, w2, v2, _c2 in w.fields(*_end(v)):
                if f2 == 1 and w2 == 0 and len(dims) < 16:
                    dims.append(v2)
                elif f2 == 1 and w2 == 2:  # packed
                    i, stop = v2[0], v2[0] + v2[1]
                    while i < stop and len(dims) < 16:
                        d, i = _varint(w.buf, i)
                        if d is None:
                            break
                        dims.append(d)
            return dims
        if f == 4 and wt == 2:
            size = {1: 0, 2: 0}
            for f2, w2, v2, _c2 in w.fields(*_end(v)):
                if f2 in size and w2 == 0:
                    size[f2] = v2
            return f"image {size[1]}x{size[2]}"
    return []


def _dims_text(dims: list[int] | str) -> str:
    """A multi-array shape as 1x3x128x128; an image size as _shape wrote it."""
    return "x".join(str(d) for d in dims) if isinstance(dims, list) else dims


def _end(span: tuple[int, int]) -> tuple[int, int]:
    return span[0], span[0] + span[1]


def _feature(w: _Walk, span: tuple[int, int]) -> tuple[str, list[int] | str]:
    """(name, shape as _shape gives it) of one FeatureDescription."""
    name: str = ""
    shape: list[int] | str = []
    for f, wt, v, _c in w.fields(*_end(span)):
        if f == 1 and wt == 2:
            name = w.text(v, 256)
        elif f == 3 and wt == 2:
            shape = _shape(w, v)
    return name, shape


def _model(w: _Walk, span: tuple[int, int], depth: int, out: dict[str, Any]) -> None:
    """One Model message: its version, description, type; the layers of a network, the models of a pipeline."""
    for f, wt, v, _c in w.fields(*_end(span)):
        if f == 1 and wt == 0 and depth == 0:
            out["spec_version"] = v
        elif f == 2 and wt == 2 and depth == 0:
            _description(w, v, out)
        elif f in MODEL_TYPES:
            out["types"].append(MODEL_TYPES[f])
            if wt != 2:
                continue
            if f in _NETWORKS:
                for f2, w2, v2, _c2 in w.fields(*_end(v)):
                    if f2 == 1 and w2 == 2 and len(out["layers"]) < MAX_COREML_LAYERS:
                        for f3, w3, v3, _c3 in w.fields(*_end(v2)):
                            if f3 == 1 and w3 == 2:
                                out["layers"].append(w.text(v3, 256))
                                break
            elif f in _PIPELINES and depth < MAX_COREML_DEPTH:
                inner = v
                if f != 202:  # a classifier / regressor pipeline wraps the Pipeline in its field 1
                    inner = next((v2 for f2, w2, v2, _c2 in w.fields(*_end(v)) if f2 == 1 and w2 == 2), None)
                if inner is None:
                    continue
                for f2, w2, v2, _c2 in w.fields(*_end(inner)):
                    if f2 == 1 and w2 == 2:
                        _model(w, v2, depth + 1, out)
                    elif f2 == 2 and w2 == 2 and len(out["pipeline_names"]) < MAX_COREML_IO:
                        out["pipeline_names"].append(w.text(v2, 256))


def _description(w: _Walk, span: tuple[int, int], out: dict[str, Any]) -> None:
    for f, wt, v, _c in w.fields(*_end(span)):
        if wt != 2:
            continue
        if f in (1, 10):
            names = out["inputs"] if f == 1 else out["outputs"]
            if len(names) < MAX_COREML_IO:
                names.append(_feature(w, v))
        elif f == 100:
            for f2, w2, v2, _c2 in w.fields(*_end(v)):
                if w2 != 2:
                    continue
                if f2 in _METADATA:
                    text = w.text(v2).strip()
                    if text:
                        out["metadata"][_METADATA[f2]] = text
                elif f2 == 100 and len(out["user"]) < MAX_COREML_USER:  # map entry: key 1, value 2
                    key = val = ""
                    for f3, w3, v3, _c3 in w.fields(*_end(v2)):
                        if f3 == 1 and w3 == 2:
                            key = w.text(v3, 256)
                        elif f3 == 2 and w3 == 2:
                            val = w.text(v3, 1024)
                    if key:
                        out["user"][key] = val


class CoreMLReader:
    id = "coreml"
    description = ("Apple Core ML model specification (.mlmodel): description, author, licence, creator metadata, "
                   "inputs / outputs, model type, neural-network layer names")

    def sniff(self, head: bytes) -> bool:
        """Field 1 a small version varint, then field 2 (the description) whose first field is an input feature
        (field 1) with a name (field 1), or the metadata (field 100). An ONNX ModelProto also opens with 08 vv 12,
        but its field 2 is the producer's name, text, which never begins with these bytes."""
        if len(head) < 8 or head[0] != 0x08 or not 1 <= head[1] <= 30 or head[2] != 0x12:
            return False
        n, i = _varint(head, 3)
        if n is None or i >= len(head) - 2:
            return False
        if head[i] == 0x0A:
            m, j = _varint(head, i + 1)
            return m is not None and j < len(head) and head[j] == 0x0A
        return head[i:i + 2] == b"\xa2\x06"

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        out: dict[str, Any] = {"types": [], "layers": [], "inputs": [], "outputs": [], "metadata": {}, "user": {},
                               "pipeline_names": []}
        capped = False
        most = min(MAX_COREML_FIELDS, limits.max_graph_entries)
        with mapped(path) as buf:
            w = _Walk(path, buf, most)
            try:
                _model(w, (0, len(buf)), 0, out)
            except _FieldCap:
                capped = True
        if "spec_version" not in out or not (out["inputs"] or out["outputs"] or out["metadata"] or out["types"]):
            raise fail(path, "not a Core ML model specification (no version and description)")
        info = ArtifactInfo(path=str(path), format="coreml")
        props: dict[str, Any] = {"coreml.spec_version": out["spec_version"]}
        if out["types"]:
            props["coreml.type"] = out["types"][0]
            props["coreml.types"] = "|".join(dict.fromkeys(out["types"]))
        for key, val in out["metadata"].items():
            props[f"coreml.{key}"] = val
        for key, val in out["user"].items():
            props[f"coreml.user.{key}"] = val
        io = {key: [f"{name}:{_dims_text(dims)}" if dims else name for name, dims in out[key]]
              for key in ("inputs", "outputs")}
        for key, shown_io in io.items():
            if shown_io:
                props[f"coreml.{key}"] = " ".join(shown_io)
        if out["layers"]:
            props["coreml.layers"] = "|".join(out["layers"])
        info.metadata["format_props"] = props
        for key, feats in (("input", out["inputs"]), ("output", out["outputs"])):
            info.metadata[f"graph_{key}s"] = [name for name, _shape in feats]
            shapes = {name: dims for name, dims in feats if isinstance(dims, list) and dims}
            if shapes:
                info.metadata[f"graph_{key}_shapes"] = shapes
        kept = dict(out, **{key: [(name, _dims_text(dims)) for name, dims in out[key]] for key in ("inputs", "outputs")})
        info.metadata["coreml"] = {k: v for k, v in kept.items() if v}
        meta = out["metadata"]
        shown = [f"{k} {meta[k][:120]!r}" for k in ("description", "author", "license", "version") if k in meta]
        src = out["user"].get("com.github.apple.coremltools.source")
        layers = f", {len(out['layers'])} layers" if out["layers"] else ""
        types = props.get("coreml.types", "no model type read")
        inputs = ", ".join(io["inputs"][:6]) or "-"
        outputs = ", ".join(io["outputs"][:6]) or "-"
        info.notes.append(
            f"Core ML model (specification v{out['spec_version']}, {types}{layers}; inputs {inputs}; outputs {outputs})"
            + (f"; metadata: {', '.join(shown)}" if shown else "")
            + (f"; converted by coremltools from {src!r}" if src else "")
            + "; what a file says of itself is its own claim")
        if w.cut:
            info.notes.append(f"the specification stops at offset {w.cut[0]} (truncated)")
        if capped:
            info.notes.append(f"only the first {most} protobuf fields of the specification were read")
        return info
