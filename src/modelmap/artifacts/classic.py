"""Readers for model formats companies ship beside LLMs: fastText, CMU Sphinx, ARPA n-gram LMs, spaCy/Thinc, MeCab.

Each reads a published header, bounded, and never executes or deserialises objects. What it reads goes into
``metadata["format_props"]`` (scalars a ``structure`` pattern's ``props`` can test) and, for a classifier, the
class labels into ``metadata["labels"]``.

* fastText ``.bin`` / ``.ftz`` (facebookresearch/fastText ``src/fasttext.cc`` ``saveModel``, ``src/args.cc``
  ``Args::save``, ``src/dictionary.cc`` ``Dictionary::save``): int32 magic 793712314, int32 version, then the
  arguments (dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn, lrUpdateRate as int32,
  t as a double), then the dictionary (size, nwords, nlabels as int32, ntokens and pruneidx_size as int64, then
  each entry as a NUL-terminated string, an int64 count and an int8 type: 0 word, 1 label), then the pruning
  index (pruneidx_size int32 pairs) and ``quant_input`` (a bool byte).
* CMU Sphinx: pocketsphinx's binary trie LM (``src/lm/ngram_model_trie.c``: the text ``Trie Language Model``, a
  uint8 order, then one uint32 n-gram count per order), sphinxbase's DMP LM (int32 17 and ``Darpa Trigram LM``),
  the semi-continuous mixture weights ``sendump`` (int32-length strings from ``BEGIN FILE FORMAT DESCRIPTION``
  to an empty one, then int32 codewords and pdfs) and the binary model definition (``BMDF``).
* ARPA back-off LMs (the ARPA text format: ``\\data\\`` then ``ngram N=count`` lines), written by many toolkits.
* Thinc / spaCy component weights: a msgpack map whose first key is ``weights`` (Thinc 7, spaCy v2
  ``Model.to_bytes``) or whose keys are ``nodes``, ``attrs``, ``params``, ``shims`` (Thinc 8, spaCy v3).
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

from modelmap.artifacts.base import (
    DEFAULT_LIMITS,
    ArtifactInfo,
    Cursor,
    Limits,
    Tensor,
    fail,
    mapped,
    open_regular,
)

FASTTEXT_MAGIC = 793712314
FASTTEXT_MODELS = {1: "cbow", 2: "skipgram", 3: "supervised"}
FASTTEXT_LOSSES = {1: "hs", 2: "ns", 3: "softmax", 4: "one-vs-all"}
MAX_FT_ENTRIES = 200_000  # dictionary entries walked to reach the labels (they come after the words)
MAX_WORD = 4096  # one dictionary entry's bytes
MAX_LABELS_KEPT = 1000
TRIE_HDR = b"Trie Language Model"
DMP_HDR = b"Darpa Trigram LM\x00"
SENDUMP_BEGIN = b"BEGIN FILE FORMAT DESCRIPTION\x00"
MAX_HEADER_STRINGS = 256
HEAD = 4096
_KV = re.compile(r"^[a-z_]{1,40} \S{1,40}$")  # a sendump header's "cluster_count 0" lines


def _head(path: Path, n: int = HEAD) -> bytes:
    try:
        with open_regular(path) as fh:
            return fh.read(n)
    except OSError as exc:
        raise fail(path, f"cannot open: {exc.strerror or exc}") from exc


class FastTextReader:
    id = "fasttext"
    description = "fastText model (.bin / .ftz): arguments, dictionary sizes and labels"

    def sniff(self, head: bytes) -> bool:
        if len(head) < 8:
            return False
        magic, version = struct.unpack_from("<ii", head, 0)
        return magic == FASTTEXT_MAGIC and 0 < version <= 64

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        info = ArtifactInfo(path=str(path), format="fasttext")
        with mapped(path) as buf:
            cur = Cursor(path, buf, limits)
            if cur.uint(4, "magic") != FASTTEXT_MAGIC:
                raise fail(path, "no fastText magic")
            version = cur.uint(4, "version")
            names = ("dim", "ws", "epoch", "min_count", "neg", "word_ngrams", "loss", "model", "bucket", "minn",
                     "maxn", "lr_update_rate")
            args = {n: struct.unpack("<i", cur.take(4, f"args.{n}"))[0] for n in names}
            cur.skip(8, "args.t")
            size, nwords, nlabels = (struct.unpack("<i", cur.take(4, w))[0] for w in ("size", "nwords", "nlabels"))
            ntokens, pruneidx = (struct.unpack("<q", cur.take(8, w))[0] for w in ("ntokens", "pruneidx_size"))
            if min(size, nwords, nlabels) < 0 or nwords + nlabels != size:
                raise fail(path, f"fastText dictionary sizes do not add up (size {size}, words {nwords}, "
                                 f"labels {nlabels})")
            props: dict[str, Any] = {
                "fasttext.version": version, "fasttext.dim": args["dim"],
                "fasttext.model": FASTTEXT_MODELS.get(args["model"], str(args["model"])),
                "fasttext.loss": FASTTEXT_LOSSES.get(args["loss"], str(args["loss"])),
                "fasttext.words": nwords, "fasttext.labels": nlabels,
            }
            labels: list[str] = []
            walked = 0
            if size <= min(MAX_FT_ENTRIES, limits.max_items):
                for _ in range(size):
                    end = buf.find(b"\x00", cur.pos, min(cur.size, cur.pos + MAX_WORD))
                    if end < 0:
                        raise fail(path, f"fastText dictionary entry at offset {cur.pos} has no end within "
                                         f"{MAX_WORD} bytes")
                    word = bytes(buf[cur.pos:end])
                    cur.pos = end + 1
                    cur.skip(8, "entry count")
                    kind = cur.uint(1, "entry type")
                    walked += 1
                    if kind == 1 and len(labels) < MAX_LABELS_KEPT:
                        labels.append(word.decode("utf-8", "replace"))
                if 0 <= pruneidx <= cur.left // 8:
                    cur.skip(8 * pruneidx, "pruning index")
                    if cur.left >= 1:
                        props["fasttext.quantized"] = bool(cur.uint(1, "quant_input"))
            else:
                info.notes.append(f"fastText dictionary of {size} entries not walked (more than "
                                  f"{min(MAX_FT_ENTRIES, limits.max_items)}); its labels are not listed")
        info.metadata["format_props"] = props
        info.metadata["ntokens"] = ntokens
        if labels:
            info.metadata["labels"] = labels
        shown = ", ".join(labels[:6]) + (" …" if len(labels) > 6 else "")
        info.notes.append(f"fastText {props['fasttext.model']} model v{version}: dim {args['dim']}, {nwords} words, "
                          f"{nlabels} labels{' (' + shown + ')' if labels else ''}"
                          + (", quantized (.ftz)" if props.get("fasttext.quantized") else ""))
        return info


def _strings(head: bytes, off: int, path: Path) -> tuple[list[str], int]:
    """int32-length-prefixed NUL-terminated strings from ``off`` up to an empty one: (strings, offset after)."""
    out: list[str] = []
    for _ in range(MAX_HEADER_STRINGS):
        if off + 4 > len(head):
            raise fail(path, "header strings run past the bytes read")
        (n,) = struct.unpack_from("<i", head, off)
        off += 4
        if n == 0:
            return out, off
        if n < 0 or off + n > len(head):
            raise fail(path, f"header string length {n} at offset {off - 4} is out of range")
        out.append(head[off:off + n].rstrip(b"\x00").decode("latin-1"))
        off += n
    raise fail(path, f"more than {MAX_HEADER_STRINGS} header strings")


class SphinxReader:
    id = "sphinx"
    description = "CMU Sphinx model file (binary trie / DMP language model, sendump mixture weights, binary mdef)"

    def sniff(self, head: bytes) -> bool:
        return (head.startswith(TRIE_HDR) or head[4:4 + len(DMP_HDR)] == DMP_HDR
                or head[4:4 + len(SENDUMP_BEGIN)] == SENDUMP_BEGIN or head[:4] == b"BMDF")

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = _head(path)
        props: dict[str, Any] = {}
        if head.startswith(TRIE_HDR):
            off = len(TRIE_HDR)
            if len(head) < off + 1:
                raise fail(path, "file is truncated after the trie LM header")
            order = head[off]
            if not 1 <= order <= 10 or len(head) < off + 1 + 4 * order:
                raise fail(path, f"trie LM order {order} is out of range or truncated")
            counts = list(struct.unpack_from(f"<{order}I", head, off + 1))
            fmt = "sphinx-lm-trie"
            props = {"sphinx.kind": "language-model", "lm.order": order, "lm.unigrams": counts[0],
                     "lm.counts": ",".join(map(str, counts))}
            note = f"CMU Sphinx binary trie language model, order {order}, n-gram counts {counts}"
        elif head[4:4 + len(DMP_HDR)] == DMP_HDR:
            fmt = "sphinx-lm-dmp"
            props = {"sphinx.kind": "language-model"}
            note = "CMU Sphinx DMP (Darpa Trigram LM) binary language model"
        elif head[:4] == b"BMDF":
            fmt = "sphinx-mdef"
            props = {"sphinx.kind": "model-definition"}
            note = "CMU Sphinx binary model definition (mdef)"
        else:
            strings, off = _strings(head, 0, path)
            fmt = "sphinx-sendump"
            props = {"sphinx.kind": "mixture-weights"}
            if len(head) >= off + 8:
                codewords, pdfs = struct.unpack_from("<ii", head, off)
                props.update({"sendump.codewords": codewords, "sendump.pdfs": pdfs})
            kv = [s for s in strings if _KV.match(s)]
            note = (f"CMU Sphinx sendump (semi-continuous mixture weights): {props.get('sendump.pdfs')} senones, "
                    f"{props.get('sendump.codewords')} codewords; header {', '.join(kv[:4])}")
        info = ArtifactInfo(path=str(path), format=fmt)
        info.metadata["format_props"] = props
        info.notes.append(note + "; written by CMU Sphinx's tools (pocketsphinx / sphinxbase / SphinxTrain): the "
                          "format says which toolkit, not who trained the model")
        return info


class ArpaReader:
    id = "arpa-lm"
    description = "ARPA back-off n-gram language model (text): order and n-gram counts"

    def sniff(self, head: bytes) -> bool:
        return b"\\data\\" in head[:256] and b"ngram 1=" in head

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = _head(path, 64 * 1024)
        start = head.find(b"\\data\\")
        counts: list[int] = []
        for line in head[start:].splitlines()[1:32]:
            line = line.strip()
            if line.startswith(b"ngram ") and b"=" in line:
                try:
                    counts.append(int(line.split(b"=", 1)[1]))
                except ValueError:
                    break
            elif line and counts:
                break
        info = ArtifactInfo(path=str(path), format="arpa-lm")
        info.metadata["format_props"] = {"lm.order": len(counts), "lm.unigrams": counts[0] if counts else None}
        info.notes.append(f"ARPA n-gram language model, order {len(counts)}, counts {counts} (a text format many "
                          "toolkits write: SRILM, KenLM, CMU Sphinx's ...)")
        return info


def _msgpack_str(head: bytes, off: int) -> tuple[str | None, int]:
    """A msgpack str / bin at ``off`` (fixstr, str8, bin8): (text, offset after), or (None, off)."""
    if off >= len(head):
        return None, off
    b = head[off]
    if 0xA0 <= b <= 0xBF:
        n, off = b & 0x1F, off + 1
    elif b in (0xC4, 0xD9) and off + 1 < len(head):
        n, off = head[off + 1], off + 2
    else:
        return None, off
    raw = head[off:off + n]
    return (raw.decode("utf-8", "replace"), off + n) if len(raw) == n else (None, off)


# a Hugging Face repository id (org/name) as a spacy-transformers component stores it (and a spaCy config.cfg names,
# inspect.read_spacy_config)
HF_REPO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}")


class ThincReader:
    id = "thinc"
    description = "Thinc / spaCy component weights (msgpack): the serialisation's version"

    def sniff(self, head: bytes) -> bool:
        return self._version(head) is not None

    @staticmethod
    def _version(head: bytes) -> int | None:
        if not head or not 0x81 <= head[0] <= 0x8F:
            return None
        key, _off = _msgpack_str(head, 1)
        if key == "weights":
            return 7
        if key == "nodes" and head[0] == 0x84:  # Thinc 8's to_dict: nodes, attrs, params, shims
            return 8
        return None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = _head(path)
        version = self._version(head)
        if version is None:
            raise fail(path, "not a Thinc msgpack model")
        info = ArtifactInfo(path=str(path), format="thinc")
        props: dict[str, Any] = {"thinc.version": version}
        hf_model = self._hf_model(head) if version == 8 else None
        if hf_model:
            props["thinc.hf_model"] = hf_model
            info.metadata["thinc.hf_model"] = hf_model
            info.notes.append(f"spacy-transformers component: its hf-pytorch node loads the Hugging Face weights "
                              f"{hf_model!r} (the name is stored; the weights are not in this file)")
        info.metadata["format_props"] = props
        info.notes.append(f"Thinc {version} model weights (msgpack), as spaCy {'v2' if version == 7 else 'v3'} saves a "
                          "pipeline component: which pipeline, and whose, is in the pipeline's meta.json, not here")
        return info

    @staticmethod
    def _hf_model(head: bytes) -> str | None:
        """The Hugging Face repository a spacy-transformers component loads: Thinc 8's to_dict keeps each node's attrs
        msgpack-encoded, and the ``hf-pytorch`` node's ``name`` attr is that repository id (bin8 wrapping a str).
        Looked for only in the file's first bytes, after an ``hf-pytorch`` node name; None when absent or not an id."""
        at = head.find(b"\xaahf-pytorch")
        if at < 0:
            return None
        key = head.find(b"\xa4name\xc4", at)
        if key < 0 or key - at > 4096:
            return None
        start = key + 7  # past the key, bin8's marker and its length byte
        inner = head[start:start + head[key + 6]] if key + 6 < len(head) else b""
        if inner[:1] == b"\xd9" and len(inner) >= 2:
            raw = inner[2:2 + inner[1]]
        elif inner and 0xA0 <= inner[0] <= 0xBF:
            raw = inner[1:1 + (inner[0] & 0x1F)]
        else:
            return None
        text = raw.decode("ascii", "replace")
        return text if HF_REPO_ID.fullmatch(text) else None


# TensorFlow Lite (tensorflow/lite/schema/schema.fbs, the TFLite metadata schema
# tensorflow/lite/experimental/support/metadata/metadata_schema.fbs): a FlatBuffer whose file identifier is "TFL3"
# (bytes 4-8). Model fields: 0 version, 2 subgraphs (SubGraph field 4 = name), 3 description, 4 buffers (Buffer
# field 0 = data), 6 metadata (Metadata: 0 name, 1 buffer index). The "TFLITE_METADATA" entry's buffer is itself a
# FlatBuffer (identifier "M001"): ModelMetadata fields 0 name, 1 description, 2 version, 4 author, 5 license.
TFLITE_IDENT = b"TFL3"
MAX_FB_VECTOR = 100_000  # subgraphs / metadata entries / buffers looked at
MAX_FB_STRING = 4096  # one name or description kept
MAX_META_BLOB = 1 << 20  # a metadata buffer searched for the converter's record
# the converter's command line some exporters leave in the description or a metadata buffer (Model field 5,
# metadata_buffer): "(location NAME.hdf5)", the trained model it converted
_TFLITE_SOURCE = re.compile(r"\(location ([A-Za-z0-9_.-]{1,200})\.(?:hdf5|h5|pb|keras)\)")


class _FlatBuffer:
    """Bounded reads of FlatBuffer tables over a buffer: every offset is checked against [0, end)."""

    def __init__(self, path: Path, buf: Any, start: int, end: int) -> None:
        self.path, self.buf, self.start, self.end = path, buf, start, end

    def _u(self, pos: int, width: int) -> int:
        if pos < self.start or pos + width > self.end:
            raise fail(self.path, f"FlatBuffer offset {pos} is outside the buffer")
        return int.from_bytes(self.buf[pos:pos + width], "little")

    def root(self) -> int:
        return self.start + self._u(self.start, 4)

    def field(self, table: int, index: int) -> int | None:
        """Absolute position of a table's field, or None when the field is absent."""
        soff = self._u(table, 4)
        vtable = table - (soff - (1 << 32) if soff & 0x80000000 else soff)
        vsize = self._u(vtable, 2)
        slot = 4 + 2 * index
        if slot + 2 > vsize:
            return None
        off = self._u(vtable + slot, 2)
        return table + off if off else None

    def ref(self, table: int, index: int) -> int | None:
        pos = self.field(table, index)
        return None if pos is None else pos + self._u(pos, 4)

    def uint(self, table: int, index: int, width: int = 4) -> int | None:
        pos = self.field(table, index)
        return None if pos is None else self._u(pos, width)

    def string(self, table: int, index: int) -> str | None:
        pos = self.ref(table, index)
        if pos is None:
            return None
        n = self._u(pos, 4)
        if pos + 4 + n > self.end:
            raise fail(self.path, f"FlatBuffer string of {n} bytes at {pos} runs past the buffer")
        return bytes(self.buf[pos + 4:pos + 4 + min(n, MAX_FB_STRING)]).decode("utf-8", "replace")

    def vector(self, table: int, index: int) -> tuple[int, int]:
        """(position of the first element, element count) of a vector field; (0, 0) when absent."""
        pos = self.ref(table, index)
        if pos is None:
            return 0, 0
        return pos + 4, self._u(pos, 4)

    def _dims(self, table: int, index: int, most: int, what: str) -> tuple[int, int]:
        """``vector`` of a shape's dimensions: more than ``most`` raises ReadError naming ``what`` and ``max_dims``."""
        first, count = self.vector(table, index)
        if count > most:
            raise fail(self.path, f"{what} of {count} dimensions (more than {most})", "max_dims")
        return first, count

    def scalars(self, table: int, index: int, width: int, most: int, what: str) -> tuple[int, ...]:
        """A vector field of unsigned scalars of ``width`` bytes (a shape's dimensions), at most ``most``."""
        first, count = self._dims(table, index, most, what)
        return tuple(self._u(first + width * k, width) for k in range(count))

    def dim_tables(self, table: int, index: int, most: int, what: str) -> list[int]:
        """A vector field of tables, one a dimension (a declared shape's), at most ``most``: their positions."""
        first, count = self._dims(table, index, most, what)
        return [first + 4 * k + self._u(first + 4 * k, 4) for k in range(count)]

    def tables(self, table: int, index: int, limit: int = MAX_FB_VECTOR) -> list[int]:
        first, count = self.vector(table, index)
        out = []
        for i in range(min(count, limit)):
            pos = first + 4 * i
            out.append(pos + self._u(pos, 4))
        return out


# tensorflow/lite/schema/schema.fbs: SubGraph 0 tensors, 1 inputs, 2 outputs (tensor indices), 4 name; Tensor 0 shape
# (int32 vector), 1 type (TensorType byte), 3 name.
_TFLITE_TYPES = {0: "float32", 1: "float16", 2: "int32", 3: "uint8", 4: "int64", 6: "bool", 7: "int16", 9: "int8",
                 10: "float64"}
MAX_TFLITE_IO = 16


def _tflite_io(fb: _FlatBuffer, subgraph: int, index: int) -> str:
    """A subgraph's input (index 1) or output (2) tensors as 'name:type:dims', in order; '' when absent."""
    first, count = fb.vector(subgraph, index)
    if not count:
        return ""
    tensors_first, n_tensors = fb.vector(subgraph, 0)
    out = []
    for i in range(min(count, MAX_TFLITE_IO)):
        t = fb._u(first + 4 * i, 4)
        if t >= n_tensors:
            raise fail(fb.path, f"TFLite subgraph names tensor {t} of {n_tensors}")
        pos = tensors_first + 4 * t
        tensor = pos + fb._u(pos, 4)
        sfirst, rank = fb.vector(tensor, 0)
        dims = [fb._u(sfirst + 4 * k, 4) for k in range(min(rank, 8))]
        dims = [d - (1 << 32) if d & 0x80000000 else d for d in dims]
        ttype = fb.uint(tensor, 1, 1)
        name = (fb.string(tensor, 3) or "").replace(" ", "_")[:128]
        out.append(f"{name}:{_TFLITE_TYPES.get(ttype or 0, str(ttype))}:{'x'.join(map(str, dims))}")
    return " ".join(out)


MAX_TFLITE_NAMED = 20_000  # tensor names read for their scopes
MAX_TFLITE_SCOPES = 512  # distinct scope names kept
_SCOPE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,63}$")


def _tflite_scopes(fb: _FlatBuffer, subgraph: int) -> str:
    """The name scopes the main subgraph's tensor names are made of ('encoder/layer_._2/output/add' gives encoder,
    layer_._2, output), sorted and '|'-joined: the module names a Keras / TF model was built from, which the converter
    keeps (TensorFlowTTS' FastSpeech2 has duration_predictor, f0_predictor, energy_predictor, length_regulator).
    The last part (the op) is left out; bounded to MAX_TFLITE_NAMED tensors and MAX_TFLITE_SCOPES names."""
    first, count = fb.vector(subgraph, 0)
    seen: set[str] = set()
    for i in range(min(count, MAX_TFLITE_NAMED)):
        pos = first + 4 * i
        name = fb.string(pos + fb._u(pos, 4), 3) or ""
        for part in name.split(";", 1)[0].split("/")[:-1][:16]:
            if _SCOPE_NAME.match(part):
                seen.add(part)
                if len(seen) >= MAX_TFLITE_SCOPES:
                    return "|".join(sorted(seen))
    return "|".join(sorted(seen))


class TFLiteReader:
    id = "tflite"
    description = "TensorFlow Lite model (FlatBuffer): subgraph names, description and TFLite metadata"

    def sniff(self, head: bytes) -> bool:
        return len(head) >= 8 and head[4:8] == TFLITE_IDENT

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        info = ArtifactInfo(path=str(path), format="tflite")
        props: dict[str, Any] = {}
        with mapped(path) as buf:
            if len(buf) < 8 or bytes(buf[4:8]) != TFLITE_IDENT:
                raise fail(path, "no TFL3 identifier")
            fb = _FlatBuffer(path, buf, 0, len(buf))
            model = fb.root()
            version = fb.uint(model, 0)
            if version is not None:
                props["tflite.version"] = version
            desc = fb.string(model, 3)
            if desc:
                props["tflite.description"] = desc
            cap = min(MAX_FB_VECTOR, limits.max_items)
            subgraphs = fb.tables(model, 2, cap)
            names = [n for n in (fb.string(sg, 4) for sg in subgraphs[:64]) if n]
            props["tflite.subgraphs"] = len(subgraphs)
            if names:
                props["tflite.subgraph"] = names[0]
            if subgraphs:  # the main subgraph's inputs and outputs: "name:type:1x16x96" each, space-joined
                for key, index in (("tflite.inputs", 1), ("tflite.outputs", 2)):
                    sig = _tflite_io(fb, subgraphs[0], index)
                    if sig:
                        props[key] = sig
                scopes = _tflite_scopes(fb, subgraphs[0])
                if scopes:
                    props["tflite.scopes"] = scopes
            sources = _TFLITE_SOURCE.findall(desc or "")
            buffers: list[int] | None = None
            first, count = fb.vector(model, 5)  # metadata_buffer: indices of buffers holding metadata blobs
            for i in range(min(count, 16)):
                if sources:
                    break
                index = fb._u(first + 4 * i, 4)
                if buffers is None:
                    buffers = fb.tables(model, 4, cap)
                if index < len(buffers):
                    data, n = fb.vector(buffers[index], 0)
                    if 0 < n <= MAX_META_BLOB and data + n <= len(buf):
                        sources = _TFLITE_SOURCE.findall(bytes(buf[data:data + n]).decode("latin-1"))
            if sources:  # the converter's record of the trained model it converted: "(location NAME.hdf5)"
                props["tflite.source"] = sources[-1]
            meta_buffer = None
            for entry in fb.tables(model, 6, min(cap, 256)):
                if fb.string(entry, 0) == "TFLITE_METADATA":
                    meta_buffer = fb.uint(entry, 1)
                    break
            if meta_buffer is not None:
                if buffers is None:
                    buffers = fb.tables(model, 4, min(cap, meta_buffer + 1))
                if meta_buffer < len(buffers):
                    first, n = fb.vector(buffers[meta_buffer], 0)
                    if n >= 8 and first + n <= len(buf):
                        mfb = _FlatBuffer(path, buf, first, first + n)
                        mm = mfb.root()
                        for key, index in (("name", 0), ("description", 1), ("version", 2), ("author", 4),
                                           ("license", 5)):
                            val = mfb.string(mm, index)
                            if val:
                                props[f"tflite.metadata.{key}"] = val
        info.metadata["format_props"] = props
        shown = [f"{k.rsplit('.', 1)[1]} {props[k]!r}" for k in ("tflite.metadata.name", "tflite.metadata.author",
                                                                 "tflite.subgraph") if k in props]
        info.notes.append(f"TensorFlow Lite model (schema v{props.get('tflite.version')}, "
                          f"{props['tflite.subgraphs']} subgraph(s))" + (": " + ", ".join(shown) if shown else "")
                          + "; names a file gives itself are its own claim")
        return info


# PaddlePaddle (fluid) program description, the ``__model__`` file of a saved inference model
# (paddle/fluid/framework/framework.proto): ProgramDesc field 1 = blocks; BlockDesc 1 idx, 2 parent_idx, 3 vars
# (VarDesc: 1 name, 3 persistable), 4 ops (OpDesc: 3 type). The first block is block 0 with parent -1 (a varint of
# ten bytes), so a program opens with 0x0a, the block's length, 08 00 10 ff..ff 01.
PADDLE_BLOCK0 = b"\x08\x00\x10" + b"\xff" * 9 + b"\x01"
MAX_PADDLE_NAMES = 2048  # persistable variable names / op types kept
MAX_PADDLE_BLOCKS = 64
# protobuf fields walked in all (blocks, their vars and ops, the fields of those): a real program has some thousands;
# 28 MB of one-variable entries took 18-22 s of CPU to walk whole (redteam12)
MAX_PADDLE_FIELDS = 500_000


class _FieldCap(Exception):
    pass


def _fields(path: Path, buf: Any, start: int, end: int, cut: list[int], left: list[int]) -> Any:
    """The bounded protobuf walker's fields of [start, end), each taking one of ``left[0]``; past them, _FieldCap."""
    from modelmap.artifacts.onnx import _walk

    for item in _walk(path, buf, start, end, True, cut):
        left[0] -= 1
        if left[0] < 0:
            raise _FieldCap
        yield item


def _paddle_var_shape(path: Path, buf: Any, span: tuple[int, int], cut: list[int],
                      left: list[int]) -> tuple[str, tuple[int, ...]] | None:
    """(data type, dims) a VarDesc's type declares for a LoDTensor (framework.proto VarType: 1 type, 3 lod_tensor ->
    LoDTensorDesc 1 tensor -> TensorDesc 1 data_type, 2 dims), or None. -1 (a batch dimension) stays -1."""
    for f, w, v, _c in _fields(path, buf, span[0], span[0] + span[1], cut, left):
        if f != 3 or w != 2:
            continue
        for f2, w2, v2, _c2 in _fields(path, buf, v[0], v[0] + v[1], cut, left):
            if f2 != 1 or w2 != 2:
                continue
            dtype: int | None = None
            dims: list[int] = []
            for f3, w3, v3, _c3 in _fields(path, buf, v2[0], v2[0] + v2[1], cut, left):
                if f3 == 1 and w3 == 0:
                    dtype = v3
                elif f3 == 2 and w3 == 0 and len(dims) < 16:
                    dims.append(v3 - (1 << 64) if v3 >= 1 << 63 else v3)
            if dtype in PADDLE_DTYPES and dims:
                return PADDLE_DTYPES[dtype][0], tuple(dims)
    return None


# Export-time source files: Paddle's dygraph-to-static export records, on every op, the Python call stack that built it
# (the ``op_callstack`` attribute: OpDesc.attrs field 4 -> Attr 1 name, 8 strings, one '  File "PATH", line N, in F'
# line each). The paths outside the framework (site-packages / dist-packages), the decorator stubs ('<decorator-gen-N>')
# and the code dy2static generates (tmpXXXX.py, .../to_static_tmp/...) are the exporting project's own modules
# (PaddleOCR's ppocr/modeling/..., PaddleClas's ppcls/arch/..., PaddleDetection's ppdet/modeling/...).
_CALLSTACK_LINE = re.compile(rb'^\s{0,16}File "([^"\n]{1,1024})", line \d{1,9}, in ')
_FRAMEWORK_PATH = re.compile(r"/(?:site|dist)-packages/|^<|/to_static_tmp/|(?:^|/)tmp[A-Za-z0-9_]{4,16}\.py$")
_TO_STATIC_CLASS = re.compile(r"/to_static_tmp/\d{1,12}/([A-Za-z_][A-Za-z0-9_]{0,63}?)_[a-z_]{1,40}[a-z0-9_]{8}\.py$")
MAX_PADDLE_SOURCES = 256  # distinct export-time source paths kept
MAX_CALLSTACK_LINES = 256  # lines read of one op's op_callstack
MAX_PADDLE_IO = 16  # feed / fetch targets kept
MAX_PADDLE_VARS = 50_000  # variable declarations remembered (name -> its type span; names cut at 256 bytes): ~15 MB at most


def _short_source(path: str) -> str:
    """The last four parts of a source path (what names the module; the machine's own folders above it say nothing)."""
    parts = path.split("/")
    return "/".join(parts[-4:])


class PaddleProgramReader:
    id = "paddle-program"
    description = ("PaddlePaddle program description (__model__ / .pdmodel): op types and counts, parameter names and "
                   "shapes, feeds and fetches, export-time source files")

    def sniff(self, head: bytes) -> bool:
        if len(head) < 20 or head[0] != 0x0A:
            return False
        i = 1
        while i < 6 and head[i] & 0x80:
            i += 1
        return head[i + 1:i + 1 + len(PADDLE_BLOCK0)] == PADDLE_BLOCK0

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        params: set[str] = set()
        op_counts: dict[str, int] = {}
        tensors: list[Tensor] = []
        sources: set[str] = set()
        classes: set[str] = set()
        feeds: list[str] = []
        fetches: list[str] = []
        var_types: dict[str, tuple[int, int]] = {}
        blocks = 0
        cap = min(MAX_PADDLE_NAMES, limits.max_items)
        most = min(MAX_PADDLE_FIELDS, limits.max_graph_entries)
        left = [most]
        capped = False
        with mapped(path) as buf:
            cut: list[int] = []
            try:
                for fno, wire, val, _clip in _fields(path, buf, 0, len(buf), cut, left):
                    if fno != 1 or wire != 2 or blocks >= MAX_PADDLE_BLOCKS:
                        continue
                    blocks += 1
                    boff, blen = val
                    for bf, bw, bval, _c in _fields(path, buf, boff, boff + blen, cut, left):
                        if bw != 2 or bf not in (3, 4):
                            continue
                        off, n = bval
                        name, persistable, op_type = None, False, None
                        vtype: tuple[int, int] | None = None
                        io: list[tuple[int, tuple[int, int]]] = []
                        for f, w, v, _c2 in _fields(path, buf, off, off + n, cut, left):
                            if bf == 3 and f == 1 and w == 2:
                                name = bytes(buf[v[0]:v[0] + min(v[1], 256)]).decode("utf-8", "replace")
                            elif bf == 3 and f == 2 and w == 2:
                                vtype = v
                            elif bf == 3 and f == 3 and w == 0:
                                persistable = bool(v)
                            elif bf == 4 and f in (1, 2) and w == 2 and len(io) < MAX_PADDLE_IO:
                                io.append((f, v))
                            elif bf == 4 and f == 3 and w == 2:
                                op_type = bytes(buf[v[0]:v[0] + min(v[1], 128)]).decode("utf-8", "replace")
                            elif bf == 4 and f == 4 and w == 2 and len(sources) < MAX_PADDLE_SOURCES:
                                _callstack(path, buf, v, cut, left, sources, classes)
                        if bf == 3 and name:
                            if vtype and blocks == 1 and len(var_types) < MAX_PADDLE_VARS:
                                var_types[name] = vtype
                            if persistable and len(params) < cap:
                                params.add(name)
                                shape = _paddle_var_shape(path, buf, vtype, cut, left) if vtype else None
                                if shape is not None and len(tensors) < cap:
                                    tensors.append(Tensor(name, *shape))
                        elif op_type:
                            if op_type in op_counts or len(op_counts) < cap:
                                op_counts[op_type] = op_counts.get(op_type, 0) + 1
                            # feed ops write a feed target (outputs, field 2), fetch ops read a fetch target (inputs, 1)
                            want = 2 if op_type == "feed" else 1 if op_type == "fetch" else 0
                            for f, span in io if want and blocks == 1 else []:
                                if f == want:
                                    targets = feeds if want == 2 else fetches
                                    for arg in _var_arguments(path, buf, span, cut, left):
                                        if arg not in targets and len(targets) < MAX_PADDLE_IO:
                                            targets.append(arg)
            except _FieldCap:
                capped = True
            shapes: dict[str, list[Any]] = {}
            if not capped:
                for target in feeds + fetches:
                    vspan = var_types.get(target)
                    try:
                        got = _paddle_var_shape(path, buf, vspan, cut, left) if vspan else None
                    except _FieldCap:
                        capped = True
                        break
                    if got is not None:
                        shapes[target] = [None if d < 0 else d for d in got[1]]
        if not blocks:
            raise fail(path, "no program block")
        info = ArtifactInfo(path=str(path), format="paddle-program")
        ops = sorted(op_counts)
        histogram = sorted(op_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        info.metadata["format_props"] = {"paddle.blocks": blocks, "paddle.params": " ".join(sorted(params)),
                                         "paddle.ops": " ".join(ops),
                                         "paddle.op_counts": " ".join(f"{k}:{v}" for k, v in histogram)}
        info.metadata["paddle.op_counts"] = dict(histogram)
        if sources:
            info.metadata["paddle.sources"] = sorted(sources)
            info.metadata["format_props"]["paddle.sources"] = "\n".join(sorted(sources))
        if classes:
            info.metadata["paddle.static_classes"] = sorted(classes)
            info.metadata["format_props"]["paddle.static_classes"] = " ".join(sorted(classes))
        if feeds and fetches:  # the program's interface, as a graph's inputs and outputs (identify.structure_features)
            info.metadata["graph_inputs"] = feeds
            info.metadata["graph_outputs"] = fetches
            info.metadata["graph_input_shapes"] = {k: shapes[k] for k in feeds if k in shapes}
            info.metadata["graph_output_shapes"] = {k: shapes[k] for k in fetches if k in shapes}
        info.tensors = sorted(tensors, key=lambda t: t.name)  # the persistable variables' declared shapes
        info.tensor_count = len(info.tensors)  # the evidence line said '0 tensors' beside a list of them
        if cut:
            info.notes.append(f"the program description stops at offset {cut[0]} (truncated)")
        if capped:
            info.notes.append(f"only the first {most} protobuf fields of the program description were read")
        info.notes.append(f"PaddlePaddle program description: {blocks} block(s), {len(ops)} op types "
                          f"({', '.join(f'{k} x{v}' for k, v in histogram[:10])}{' …' if len(histogram) > 10 else ''}), "
                          f"{len(params)} persistable variables ({', '.join(sorted(params)[:6])}"
                          f"{' …' if len(params) > 6 else ''}); a framework format: whose model it is, the "
                          "parameter names and layers may say")
        if feeds or fetches:
            info.notes.append("feeds " + ", ".join(f"{k}{shapes.get(k, '')}" for k in feeds) + "; fetches "
                              + ", ".join(f"{k}{shapes.get(k, '')}" for k in fetches))
        if sources:
            shown = sorted({_short_source(s) for s in sources})
            info.notes.append(f"export-time source files (the ops' recorded call stacks, framework files left out): "
                              f"{', '.join(shown[:12])}{' …' if len(shown) > 12 else ''}"
                              + (f"; classes converted to static: {', '.join(sorted(classes)[:8])}" if classes else "")
                              + "; the code that built the graph, which names an architecture, not who trained it")
        return info


def _var_arguments(path: Path, buf: Any, span: tuple[int, int], cut: list[int], left: list[int]) -> list[str]:
    """An OpDesc.Var's arguments (1 parameter, 2 arguments: the variable names), each at most 256 bytes."""
    out: list[str] = []
    for f, w, v, _c in _fields(path, buf, span[0], span[0] + span[1], cut, left):
        if f == 2 and w == 2 and len(out) < MAX_PADDLE_IO:
            out.append(bytes(buf[v[0]:v[0] + min(v[1], 256)]).decode("utf-8", "replace"))
    return out


def _callstack(path: Path, buf: Any, span: tuple[int, int], cut: list[int], left: list[int], sources: set[str],
               classes: set[str]) -> None:
    """One OpDesc.Attr: when it is ``op_callstack``, the source paths of its lines that are not the framework's go to
    ``sources`` (and the classes dy2static named its generated files after to ``classes``). The name is the first
    field; any other attribute is left after it."""
    lines = 0
    is_stack = False
    for f, w, v, _c in _fields(path, buf, span[0], span[0] + span[1], cut, left):
        if f == 1 and w == 2:
            if bytes(buf[v[0]:v[0] + min(v[1], 32)]) != b"op_callstack":
                return
            is_stack = True
        elif f == 8 and w == 2 and is_stack:
            lines += 1
            if lines > MAX_CALLSTACK_LINES:
                return
            m = _CALLSTACK_LINE.match(bytes(buf[v[0]:v[0] + min(v[1], 1200)]))
            if not m:
                continue
            src = m.group(1).decode("utf-8", "replace")
            if _FRAMEWORK_PATH.search(src):
                cls = _TO_STATIC_CLASS.search(src)
                if cls and len(classes) < MAX_PADDLE_SOURCES:
                    classes.add(cls.group(1))
            elif len(sources) < MAX_PADDLE_SOURCES:
                sources.add(src)


# NumPy .npz (numpy.savez): a zip of .npy members. Walked by the zip local file headers (PKWARE APPNOTE 4.3.7:
# signature PK\x03\x04, method at +8, sizes at +18 / +22, name and extra lengths at +26 / +28, the name at +30), so
# a truncated file still lists the members before the cut; each stored member's .npy header (NEP 1: \x93NUMPY,
# version, header length, a dict literal with descr / fortran_order / shape) is read as text with a regex, never
# evaluated. Small integer arrays (<= 16 values) are read as their raw little-endian bytes.
ZIP_LOCAL = b"PK\x03\x04"
NPY_MAGIC = b"\x93NUMPY"
MAX_NPZ_MEMBERS = 256
_NPY_DESCR = re.compile(r"'descr':\s*'([<>|=]?[a-zA-Z]\d{0,2})'")
_NPY_SHAPE = re.compile(r"'shape': ?\(([0-9, ]{0,200})\)")


def _npz_first_name(head: bytes) -> bytes:
    if len(head) < 30 or head[:4] != ZIP_LOCAL:
        return b""
    n, = struct.unpack_from("<H", head, 26)
    return head[30:30 + n]


class NpzReader:
    id = "npz"
    description = "NumPy .npz archive: member arrays' names, dtypes and shapes"

    def sniff(self, head: bytes) -> bool:
        return _npz_first_name(head).endswith(b".npy")

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        arrays: list[str] = []
        small: dict[str, list[int]] = {}
        truncated = False
        with mapped(path) as buf:
            pos, size = 0, len(buf)
            for _ in range(min(MAX_NPZ_MEMBERS, limits.max_items)):
                if pos + 30 > size or bytes(buf[pos:pos + 4]) != ZIP_LOCAL:
                    truncated = pos + 4 > size or bytes(buf[pos:pos + 2]) != b"PK"
                    break
                flags, method = struct.unpack_from("<HH", buf, pos + 6)
                csize, usize, nlen, xlen = struct.unpack_from("<IIHH", buf, pos + 18)
                name = bytes(buf[pos + 30:pos + 30 + min(nlen, 1024)]).decode("utf-8", "replace")
                extra = bytes(buf[pos + 30 + nlen:pos + 30 + nlen + xlen])
                if csize == 0xFFFFFFFF or usize == 0xFFFFFFFF:  # zip64: the sizes are in extra field 0x0001
                    i = 0
                    while i + 4 <= len(extra):
                        tag, n = struct.unpack_from("<HH", extra, i)
                        if tag == 1 and n >= 16:
                            usize, csize = struct.unpack_from("<QQ", extra, i + 4)
                            break
                        i += 4 + n
                data = pos + 30 + nlen + xlen
                label = name[:-4] if name.endswith(".npy") else name
                if method == 0 and data + 12 <= size and bytes(buf[data:data + 6]) == NPY_MAGIC:
                    major = buf[data + 6]
                    hl_width = 2 if major == 1 else 4
                    (hlen,) = struct.unpack_from("<H" if hl_width == 2 else "<I", buf, data + 8)
                    hstart = data + 8 + hl_width
                    text = bytes(buf[hstart:hstart + min(hlen, 4096)]).decode("latin-1")
                    d, s = _NPY_DESCR.search(text), _NPY_SHAPE.search(text)
                    dims = [int(x) for x in s.group(1).replace(" ", "").split(",") if x] if s else None
                    dtype = d.group(1) if d else "?"
                    arrays.append(f"{label}:{dtype}:{'x'.join(map(str, dims)) if dims is not None else '?'}")
                    count = 1
                    for x in dims or []:
                        count *= x
                    body = hstart + hlen
                    if (dims is not None and dtype in ("<i8", "<i4") and count <= 16
                            and body + count * int(dtype[2]) <= size):
                        width = int(dtype[2])
                        small[label] = [int.from_bytes(buf[body + width * k:body + width * (k + 1)], "little",
                                                       signed=True) for k in range(count)]
                else:
                    arrays.append(f"{label}:?:?")
                if flags & 0x08 and csize == 0:  # sizes in a data descriptor after the data: cannot skip ahead
                    break
                pos = data + csize
                if pos > size:
                    truncated = True
                    break
        if not arrays:
            raise fail(path, "no .npz member could be read")
        info = ArtifactInfo(path=str(path), format="npz")
        props: dict[str, Any] = {"npz.arrays": " ".join(arrays)}
        for label, values in small.items():
            props[f"npz.values.{label}"] = ",".join(map(str, values))
        info.metadata["format_props"] = props
        info.notes.append(f"NumPy .npz archive, {len(arrays)} array(s): {', '.join(arrays[:8])}"
                          + (" (truncated: the members after the cut are not listed)" if truncated else ""))
        return info


# OpenFst binary FST (OpenFst's FstHeader::Read, fst/fst.h): int32 magic 2125659606 (0x7eb2fdd6), the FST type and
# the arc type as int32-length strings ("vector" / "const", "standard" / "log" ...), int32 version, int32 flags,
# uint64 properties, int64 start state, int64 number of states, int64 number of arcs. A format-level reading: the
# header names the toolkit (OpenFst, or a Pynini / Kaldi / WeTextProcessing grammar compiled with it), never a model.
FST_MAGIC = 2125659606
MAX_FST_TYPE = 64


class OpenFstReader:
    id = "openfst"
    description = "OpenFst binary FST: FST type, arc type, states and arcs"

    def sniff(self, head: bytes) -> bool:
        return len(head) >= 8 and struct.unpack_from("<i", head, 0)[0] == FST_MAGIC

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = _head(path, 512)
        if len(head) < 8 or struct.unpack_from("<i", head, 0)[0] != FST_MAGIC:
            raise fail(path, "no OpenFst magic")
        off = 4
        names: list[str] = []
        for what in ("FST type", "arc type"):
            if off + 4 > len(head):
                raise fail(path, f"OpenFst header is truncated before the {what}")
            (n,) = struct.unpack_from("<i", head, off)
            if not 0 < n <= MAX_FST_TYPE or off + 4 + n > len(head):
                raise fail(path, f"OpenFst {what} length {n} at offset {off} is out of range")
            names.append(head[off + 4:off + 4 + n].decode("latin-1"))
            off += 4 + n
        props: dict[str, Any] = {"fst.type": names[0], "fst.arc_type": names[1]}
        if off + 40 <= len(head):
            version, flags, _properties, _start, states, arcs = struct.unpack_from("<iiQqqq", head, off)
            props.update({"fst.version": version, "fst.states": states, "fst.arcs": arcs})
            props["fst.has_isymbols"] = bool(flags & 1)
            props["fst.has_osymbols"] = bool(flags & 2)
        info = ArtifactInfo(path=str(path), format="openfst")
        info.metadata["format_props"] = props
        info.notes.append(f"OpenFst binary FST ({names[0]}, {names[1]} arcs"
                          + (f", {props['fst.states']} states" if "fst.states" in props
                             else "")
                          + "): a grammar or lexicon compiled with OpenFst (Pynini, Kaldi, WeTextProcessing ...); "
                          "the format names the toolkit, not whose grammar it is")
        return info


# A PaddlePaddle (fluid) saved parameter, one LoDTensor per file as save_inference_model / save_params write it
# (paddle/fluid/framework/lod_tensor.cc SerializeToStream, tensor_util.cc TensorToStream): uint32 version 0, uint64
# LoD level, the LoD levels (each a uint64 byte size and its offsets), uint32 tensor version 0, int32 size of the
# TensorDesc, the TensorDesc protobuf (1 data_type, 2 dims as int64 varints), then the raw data.
PADDLE_DTYPES = {0: ("BOOL", 1), 1: ("INT16", 2), 2: ("INT32", 4), 3: ("INT64", 8), 4: ("FP16", 2), 5: ("FP32", 4),
                 6: ("FP64", 8), 20: ("UINT8", 1), 21: ("INT8", 1), 22: ("BF16", 2)}
MAX_TENSOR_DESC = 1024



def _tensor_desc(path: Path, data: bytes, start: int, end: int, where: str) -> tuple[str, int, list[int], int]:
    """A Paddle TensorDesc (protobuf: 1 data type, 2 dims) at ``data[start:end]``: (dtype name, bytes per item,
    dims, item count); a desc that is not a saved parameter's (unknown type, no or negative dims) is refused."""
    from modelmap.artifacts.onnx import _walk

    dtype: int | None = None
    dims: list[int] = []
    for fno, wire, val, _c in _walk(path, data, start, end, False, []):
        if fno == 1 and wire == 0:
            dtype = val
        elif fno == 2 and wire == 0 and len(dims) < 16:
            dims.append(val - (1 << 64) if val >= 1 << 63 else val)
    if dtype not in PADDLE_DTYPES or not dims or any(d < 0 for d in dims):
        raise fail(path, f"TensorDesc{where} (data type {dtype}, dims {dims}) is not a saved parameter")
    name, width = PADDLE_DTYPES[dtype]
    count = 1
    for d in dims:
        count *= d
    return name, width, dims, count

class PaddleTensorReader:
    id = "paddle-tensor"
    description = "PaddlePaddle saved parameter (one LoDTensor): data type and shape"

    def sniff(self, head: bytes) -> bool:
        if len(head) < 22 or head[:12] != b"\x00" * 12 or head[12:16] != b"\x00" * 4:
            return False
        (n,) = struct.unpack_from("<i", head, 16)
        return 2 <= n <= MAX_TENSOR_DESC and head[20] == 0x08

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:

        head = _head(path, 20 + MAX_TENSOR_DESC)
        if not self.sniff(head):
            raise fail(path, "not a PaddlePaddle LoDTensor with LoD level 0")
        (n,) = struct.unpack_from("<i", head, 16)
        if 20 + n > len(head):
            raise fail(path, f"TensorDesc of {n} bytes runs past the file")
        name, width, dims, count = _tensor_desc(path, head, 20, 20 + n, "")
        expected = 20 + n + count * width
        size = path.stat().st_size
        if size > expected:
            return self._combined(path, limits)
        info = ArtifactInfo(path=str(path), format="paddle-tensor")
        info.tensors = [Tensor("", name, tuple(dims))]
        info.metadata["format_props"] = {"paddle.dtype": name, "paddle.shape": "x".join(map(str, dims))}
        info.notes.append(f"PaddlePaddle saved parameter: {name} {dims}"
                          + (f" (truncated: {size} of {expected} bytes)" if size < expected else "")
                          + "; which parameter and whose model, the file does not say (its name is the variable's)")
        return info


    def _combined(self, path: Path, limits: Limits) -> ArtifactInfo:
        """Parameters saved back to back in one file (save_inference_model's .pdiparams / __params__, each in the
        LoDTensor layout above, in the program's parameter order): every header is read and its data skipped by its
        declared size. A cut inside a tensor's data reads as cut; anything else that is not a tensor header where
        one should start (a short tail, another version, a bad TensorDesc) is refused."""

        tensors: list[Tensor] = []
        cut = False
        most = min(MAX_COMBINED_TENSORS, limits.max_items)
        with mapped(path) as buf:
            pos, size = 0, len(buf)
            while pos < size:
                if len(tensors) >= most:
                    raise fail(path, f"more than {most} parameters", "max_items")
                if pos + 20 > size:
                    raise fail(path, f"{size - pos} bytes at offset {pos}: not a parameter header")
                version, lod = struct.unpack_from("<IQ", buf, pos)
                q = pos + 12
                if version != 0 or lod > 8:
                    raise fail(path, f"no LoDTensor header at offset {pos} (version {version}, LoD level {lod})")
                for _ in range(lod):
                    if q + 8 > size:
                        raise fail(path, f"LoD at offset {q} runs past the file")
                    (nbytes,) = struct.unpack_from("<Q", buf, q)
                    q += 8 + nbytes
                if q + 8 > size:
                    raise fail(path, f"tensor header at offset {q} runs past the file")
                tversion, n = struct.unpack_from("<Ii", buf, q)
                if tversion != 0 or not 2 <= n <= MAX_TENSOR_DESC or q + 8 + n > size:
                    raise fail(path, f"no TensorDesc at offset {q}")
                name, width, dims, count = _tensor_desc(path, bytes(buf[q + 8:q + 8 + n]), 0, n, f" at offset {q}")
                tensors.append(Tensor("", name, tuple(dims)))
                pos = q + 8 + n + count * width
                if pos > size:
                    cut = True
        info = ArtifactInfo(path=str(path), format="paddle-params")
        info.tensors = tensors
        info.metadata["format_props"] = {"paddle.tensors": len(tensors)}
        info.notes.append(f"PaddlePaddle combined parameters: {len(tensors)} tensors"
                          + (" (cut inside the last one's data)" if cut else "")
                          + "; unnamed (the names are the program's), whose model the shapes may say")
        return info


MAX_COMBINED_TENSORS = 100_000


# THULAC's character-based tagging model (thunlp/THULAC-Python thulac/character/CBModel.py, the C++ cb_model.h): int32
# l_size (labels), int32 f_size (features), then l_size * l_size label-transition weights and f_size * l_size feature
# weights, all int32 (averaged perceptron weights x 1000). No magic: the two sizes must be in range, the first weights
# small, and the file exactly 8 + 4 * (l*l + f*l) bytes long (a shorter one is read as cut, a longer one refused).
MAX_CB_LABELS = 512
MAX_CB_FEATURES = 100_000_000
CB_WEIGHTS_CHECKED = 48
MAX_CB_WEIGHT = 1 << 24


class ThulacModelReader:
    id = "thulac-cb-model"
    description = "THULAC character-based tagging model (cws_model.bin / model_c_model.bin): label and feature counts"

    def sniff(self, head: bytes) -> bool:
        if len(head) < 8 + 4 * CB_WEIGHTS_CHECKED:
            return False
        labels, features = struct.unpack_from("<ii", head, 0)
        if not (2 <= labels <= MAX_CB_LABELS and labels <= features <= MAX_CB_FEATURES):
            return False
        weights = struct.unpack_from(f"<{CB_WEIGHTS_CHECKED}i", head, 8)
        return all(abs(w) < MAX_CB_WEIGHT for w in weights) and any(weights)

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = _head(path, 8 + 4 * CB_WEIGHTS_CHECKED)
        if not self.sniff(head):
            raise fail(path, "not a THULAC character-based model header")
        labels, features = struct.unpack_from("<ii", head, 0)
        expected = 8 + 4 * (labels * labels + features * labels)
        size = path.stat().st_size
        if size > expected:
            raise fail(path, f"{size} bytes, more than the {expected} a model of {labels} labels and {features} "
                             "features takes")
        info = ArtifactInfo(path=str(path), format="thulac-cb-model")
        info.metadata["format_props"] = {"cb.labels": labels, "cb.features": features}
        info.notes.append(f"THULAC character-based tagging model: {labels} labels, {features} features"
                          + (f" (cut: {size} of {expected} bytes)" if size < expected else "")
                          + "; the layout has no magic (two sizes, then int32 weights), so this reading rests on the "
                          "sizes and the file length agreeing")
        return info


# A Picovoice engine's parameter file (.pv): the engine's name and version as ASCII at offset 0 ("porcupine4.0.0"),
# then data in an undocumented layout. Only that leading text is read: the name the file gives itself (a claim).
# The keyword files (.ppn) have no such text and are not recognised.
_PV_ENGINES = rb"porcupine|rhino|cheetah|leopard|octopus|koala|eagle|falcon|orca|cobra|bat"
_PV_HEAD = re.compile(rb"^(" + _PV_ENGINES + rb")(\d{1,2}\.\d{1,3}\.\d{1,3})[^0-9.]")
# Newer files frame that text: four bytes, the engine's name in capitals and a NUL, four bytes, then the same
# "<engine><version>" (pvcheetah 4.2.0's cheetah_params.pv: b44e8c01 "CHEETAH\0" 01000000 "cheetah4.2.0en\0"). The
# capitalised name must be the same engine as the text after it, so a random 4-byte prefix does not pass.
_PV_FRAMED = re.compile(rb"^[\x00-\xff]{4}([A-Z]{4,9})\x00[\x00-\xff]{4}(" + _PV_ENGINES
                        + rb")(\d{1,2}\.\d{1,3}\.\d{1,3})[^0-9.]")


def _pv_engine(head: bytes) -> tuple[str, str] | None:
    """(engine, version) a Picovoice parameter file opens with, bare or framed; None otherwise."""
    m = _PV_HEAD.match(head)
    if m is not None:
        return m.group(1).decode(), m.group(2).decode()
    f = _PV_FRAMED.match(head)
    if f is not None and f.group(1).lower() == f.group(2):
        return f.group(2).decode(), f.group(3).decode()
    return None


class PicovoiceParamsReader:
    id = "picovoice-params"
    description = "Picovoice engine parameters (.pv): the engine name and version the file opens with"

    def sniff(self, head: bytes) -> bool:
        return _pv_engine(head) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        found = _pv_engine(_head(path, 64))
        if found is None:
            raise fail(path, "no Picovoice engine name and version at the start")
        engine, version = found
        info = ArtifactInfo(path=str(path), format="picovoice-params")
        info.metadata["format_props"] = {"pv.engine": engine, "pv.version": version}
        info.notes.append(f"opens with the text {engine}{version}: a Picovoice {engine} {version} parameter file by "
                          "its own claim (the rest of the layout is not published)")
        return info


# A MeCab compiled dictionary (sys.dic / unk.dic; taku910/mecab src/dictionary.cpp Dictionary::open and compile): ten
# uint32 - magic (the file size XOR DictionaryMagicID 0xef718f77), version (DIC_VERSION 102), type (0 system, 1 user,
# 2 unknown-word), lexsize (entries), lsize / rsize (left / right context ids), dsize (double array), tsize (tokens),
# fsize (features), a dummy - then the charset, 32 bytes NUL-padded; 72 bytes in all, then the three sections. The
# header is checked against itself (72 + dsize + tsize + fsize is the size the magic encodes), so a cut file still
# reads. IPAdic, UniDic, mecab-ko-dic and NEologd all compile to this format: the counts say which dictionary.
MECAB_MAGIC_ID = 0xEF718F77
MECAB_VERSION = 102
MECAB_TYPES = {0: "system", 1: "user", 2: "unknown-word"}
_MECAB_CHARSET = re.compile(rb"^[A-Za-z0-9_.:-]{1,31}\x00*$")


def _mecab_header(head: bytes) -> tuple[int, ...] | None:
    if len(head) < 72:
        return None
    vals = struct.unpack_from("<10I", head, 0)
    magic, version, dtype, _lex, _l, _r, dsize, tsize, fsize, _dummy = vals
    if version != MECAB_VERSION or dtype not in MECAB_TYPES or not _MECAB_CHARSET.match(head[40:72]):
        return None
    if (magic ^ MECAB_MAGIC_ID) != 72 + dsize + tsize + fsize:
        return None
    return vals


class MeCabDictReader:
    id = "mecab-dic"
    description = "MeCab compiled dictionary (sys.dic / unk.dic): type, entries, context ids, charset"

    def sniff(self, head: bytes) -> bool:
        return _mecab_header(head) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = _head(path, 72)
        vals = _mecab_header(head)
        if vals is None:
            raise fail(path, "not a MeCab dictionary header (version 102, a size-encoding magic, a charset)")
        magic, _version, dtype, lexsize, lsize, rsize, _d, _t, _f, _dummy = vals
        size = magic ^ MECAB_MAGIC_ID
        have = path.stat().st_size
        if have > size:
            raise fail(path, f"{have} bytes, more than the {size} the MeCab header declares")
        charset = head[40:72].rstrip(b"\x00").decode("ascii")
        info = ArtifactInfo(path=str(path), format="mecab-dic")
        info.metadata["format_props"] = {"mecab.type": MECAB_TYPES[dtype], "mecab.lexsize": lexsize,
                                         "mecab.lsize": lsize, "mecab.rsize": rsize, "mecab.charset": charset}
        info.notes.append(f"MeCab {MECAB_TYPES[dtype]} dictionary: {lexsize} entries, {lsize} x {rsize} context ids, "
                          f"{charset}" + (f" (cut: {have} of {size} bytes)" if have < size else "")
                          + "; the format is MeCab's, which dictionary it is the counts may say")
        return info


# DyNet's text model format (dynet/io.cc TextFileSaver): per parameter a header line "#Parameter# <name> {<dims>}
# <bytes> ZERO_GRAD" (or #LookupParameter#; FULL_GRAD when gradients are saved too), then <bytes> bytes of values (one
# text line, the newline included). Only the header lines are read, each found by skipping the values by their
# declared length; the dims are DyNet's (a lookup table's as {embedding width, entries}). nagisa and other DyNet taggers
# ship this format.
_DYNET_HEAD = re.compile(rb"^#(Parameter|LookupParameter)# (\S{1,256}) \{([0-9]{1,12}(?:,[0-9]{1,12}){0,7})\} "
                         rb"([0-9]{1,15}) (ZERO_GRAD|FULL_GRAD)\r?$")
MAX_DYNET_LINE = 512
MAX_DYNET_PARAMS = 100_000


class DyNetReader:
    id = "dynet"
    description = "DyNet text model (.model): parameter and lookup-table names and shapes"

    def sniff(self, head: bytes) -> bool:
        return _DYNET_HEAD.match(head.split(b"\n", 1)[0]) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        tensors: list[Tensor] = []
        lookups = 0
        cut = False
        with mapped(path) as buf:
            pos, size = 0, len(buf)
            most = min(MAX_DYNET_PARAMS, limits.max_items)
            while pos < size and len(tensors) < most:
                eol = buf.find(b"\n", pos, min(size, pos + MAX_DYNET_LINE))
                line = bytes(buf[pos:eol if eol >= 0 else min(size, pos + MAX_DYNET_LINE)])
                m = _DYNET_HEAD.match(line)
                if m is None:
                    if eol < 0 and size - pos < MAX_DYNET_LINE:
                        cut = True  # the file ends inside a header line
                        break
                    raise fail(path, f"no DyNet parameter header at offset {pos}")
                kind, name, dims, nbytes = m.group(1), m.group(2), m.group(3), int(m.group(4))
                tensors.append(Tensor(name.decode("utf-8", "replace"), "FP32",
                                      tuple(int(d) for d in dims.split(b","))))
                lookups += kind == b"LookupParameter"
                pos = eol + 1 + nbytes
                if pos > size:
                    cut = True
                    break
        if not tensors:
            raise fail(path, "no DyNet parameter header")
        info = ArtifactInfo(path=str(path), format="dynet")
        info.tensors = tensors
        info.metadata["format_props"] = {"dynet.parameters": len(tensors) - lookups, "dynet.lookups": lookups}
        info.notes.append(f"DyNet text model: {len(tensors) - lookups} parameters and {lookups} lookup tables"
                          + (" (cut: the file ends before the last declared values)" if cut else "")
                          + "; a toolkit format: whose model it is, the shapes may say")
        return info


# A PaddlePaddle 3 program in PIR's JSON form (inference.json beside inference.pdiparams; paddle/fluid/pir/serialize_
# deserialize: {"base_code": {"magic": "pir", ...}, "program": {"regions": [{"blocks": [{"ops": [...]}]}]}}). Each op
# is {"#": "<dialect>.<name>", "A": attributes, "O": outputs}; a parameter is op "p" with A [.., .., .., name] and its
# output's type {"TT": {"D": [dtype, dims, layout, ...]}}; "1.data" is a feed (attribute name, shape) and "1.fetch" a
# fetch (its output's dims). Read with the bounded JSON parser; the same props as the legacy program reader's, plus the
# feeds and fetches as a graph's inputs and outputs.
_PIR_HEAD = re.compile(rb'^\s*\{\s*"base_code"\s*:\s*\{\s*"magic"\s*:\s*"pir"')
MAX_PIR_OPS = 500_000


def _pir_dims(out: Any) -> list[Any] | None:
    try:
        dims = out["TT"]["D"][1]
    except (KeyError, IndexError, TypeError):
        return None
    if isinstance(dims, list) and len(dims) <= 16 and all(isinstance(d, int) and not isinstance(d, bool)
                                                         for d in dims):
        return [None if d < 0 else d for d in dims]
    return None


def _pir_attr(op: dict[str, Any], key: str) -> Any:
    for a in op.get("A") or []:
        if isinstance(a, dict) and a.get("N") == key and isinstance(a.get("AT"), dict):
            return a["AT"].get("D")
    return None


class PaddlePirReader:
    id = "paddle-pir"
    description = "PaddlePaddle 3 PIR program (inference.json): parameters, ops, feeds and fetches"

    def sniff(self, head: bytes) -> bool:
        return _PIR_HEAD.match(head) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        from modelmap.artifacts.base import parse_json_bounded, read_bounded

        doc = parse_json_bounded(path, read_bounded(path, limits.max_text_bytes), limits, "PIR program")
        if not isinstance(doc, dict) or (doc.get("base_code") or {}).get("magic") != "pir":
            raise fail(path, "not a PIR program (base_code.magic is not 'pir')")
        program = doc.get("program")
        regions = program.get("regions") if isinstance(program, dict) else None
        if not isinstance(regions, list):
            raise fail(path, "PIR program without regions")
        params: list[Tensor] = []
        ops: set[str] = set()
        feeds: dict[str, list[Any] | None] = {}
        fetches: dict[str, list[Any] | None] = {}
        seen = 0
        most = min(MAX_PIR_OPS, limits.max_graph_entries)
        for region in regions[:64]:
            for block in (region.get("blocks") or [])[:64] if isinstance(region, dict) else []:
                for op in (block.get("ops") or []) if isinstance(block, dict) else []:
                    seen += 1
                    if seen > most:
                        raise fail(path, f"more than {most} ops", "max_graph_entries")
                    if not isinstance(op, dict) or not isinstance(op.get("#"), str):
                        continue
                    kind = op["#"]
                    outs = op.get("O")
                    first_out = outs[0] if isinstance(outs, list) and outs else outs
                    if kind == "p":
                        attrs = op.get("A")
                        name = attrs[3] if isinstance(attrs, list) and len(attrs) > 3 else None
                        dims = _pir_dims(first_out)
                        if isinstance(name, str) and dims is not None and len(params) < MAX_PADDLE_NAMES:
                            params.append(Tensor(name[:256], "", tuple(d if d is not None else -1 for d in dims)))
                        continue
                    if len(ops) < MAX_PADDLE_NAMES:
                        ops.add(kind.split(".", 1)[-1][:128])
                    name = _pir_attr(op, "name")
                    if kind.endswith(".data") and isinstance(name, str) and len(feeds) < 64:
                        feeds[name[:256]] = _pir_dims(first_out)
                    elif kind.endswith(".fetch") and isinstance(name, str) and len(fetches) < 64:
                        fetches[name[:256]] = _pir_dims(first_out)
        if not params and not ops:
            raise fail(path, "PIR program without parameters or ops")
        info = ArtifactInfo(path=str(path), format="paddle-program")
        info.tensors = params
        info.metadata["format_props"] = {"paddle.pir": True, "paddle.params": " ".join(sorted(t.name for t in params)),
                                         "paddle.ops": " ".join(sorted(ops))}
        info.metadata["graph_inputs"] = sorted(feeds)
        info.metadata["graph_outputs"] = sorted(fetches)
        info.metadata["graph_input_shapes"] = {k: v for k, v in feeds.items() if v is not None}
        info.metadata["graph_output_shapes"] = {k: v for k, v in fetches.items() if v is not None}
        info.notes.append(f"PaddlePaddle 3 program (PIR JSON): {len(params)} parameters, {len(ops)} op types, feeds "
                          f"{', '.join(sorted(feeds)) or 'none'}; a framework format: whose model it is, the "
                          "parameters and graph may say")
        return info


# A CRFsuite model (chokkan/crfsuite lib/crf/src/crf1m_model.c, written by python-crfsuite / sklearn-crfsuite): a
# 48-byte header - "lCRF", uint32 size, "FOMC", version, num_features, num_labels, num_attrs, then the offsets of the
# features, labels, attributes, label refs and attribute refs - and the label and attribute names each in a CQDB
# (lib/cqdb/src/cqdb.c: "CQDB", size, flag, byte order, bwd_size, bwd_offset, 256 hash tables, records of int32 id,
# uint32 key size, key with its NUL; the backward array maps an id to its record). Read: the counts, every label (at
# most 1,024) and the first attributes by id (at most 256), never the weights.
CRF_MAGIC = b"lCRF"
CRF_TYPE = b"FOMC"
MAX_CRF_LABELS = 1024
CRF_ATTRS_KEPT = 256
MAX_CRF_NAME = 256


def _cqdb_names(path: Path, buf: Any, chunk: int, want: int) -> list[str]:
    """The first ``want`` keys of the CQDB chunk at ``chunk``, by id (bounds-checked against the chunk)."""
    size = len(buf)
    if chunk < 0 or chunk + 24 > size or bytes(buf[chunk:chunk + 4]) != b"CQDB":
        raise fail(path, f"no CQDB chunk at offset {chunk}")
    csize, _flag, _order, bwd_size, bwd_offset = struct.unpack_from("<5I", buf, chunk + 4)
    end = min(size, chunk + csize)
    if bwd_offset and chunk + bwd_offset + 4 * min(bwd_size, want) > end:
        raise fail(path, f"CQDB backward array at {chunk + bwd_offset} runs past its chunk")
    names = []
    for i in range(min(bwd_size, want) if bwd_offset else 0):
        (rec,) = struct.unpack_from("<I", buf, chunk + bwd_offset + 4 * i)
        pos = chunk + rec
        if rec < 24 or pos + 8 > end:
            raise fail(path, f"CQDB record {i} at {pos} is outside its chunk")
        rid, ksize = struct.unpack_from("<iI", buf, pos)
        if rid != i or ksize == 0 or pos + 8 + ksize > end:
            raise fail(path, f"CQDB record {i} at {pos} is not key {i} (id {rid}, {ksize} bytes)")
        names.append(bytes(buf[pos + 8:pos + 8 + min(ksize - 1, MAX_CRF_NAME)]).decode("utf-8", "replace"))
    return names


class CRFSuiteReader:
    id = "crfsuite"
    description = "CRFsuite model (python-crfsuite / sklearn-crfsuite): labels, attribute counts and names"

    def sniff(self, head: bytes) -> bool:
        return len(head) >= 48 and head[:4] == CRF_MAGIC and head[8:12] == CRF_TYPE

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        with mapped(path) as buf:
            if not self.sniff(bytes(buf[:48])):
                raise fail(path, "no CRFsuite header (lCRF ... FOMC)")
            (size,) = struct.unpack_from("<I", buf, 4)
            version, n_feat, n_labels, n_attrs, _of, off_labels, off_attrs = struct.unpack_from("<7I", buf, 12)
            if size != len(buf):
                raise fail(path, f"the header declares {size} bytes, the file has {len(buf)}")
            if n_labels > MAX_CRF_LABELS:
                raise fail(path, f"{n_labels} labels, more than {MAX_CRF_LABELS}", "max_items")
            labels = _cqdb_names(path, buf, off_labels, n_labels)
            attrs = _cqdb_names(path, buf, off_attrs, min(n_attrs, CRF_ATTRS_KEPT))
        info = ArtifactInfo(path=str(path), format="crfsuite")
        info.metadata["labels"] = labels
        info.metadata["format_props"] = {"crfsuite.version": version, "crfsuite.labels": " ".join(sorted(labels)),
                                         "crfsuite.num_labels": n_labels, "crfsuite.num_attrs": n_attrs,
                                         "crfsuite.attrs_head": " ".join(attrs)}
        info.notes.append(f"CRFsuite model: {n_labels} labels ({', '.join(sorted(labels)[:8])}), {n_attrs} attributes"
                          + (f", {n_feat} features" if n_feat else "")
                          + "; a toolkit format: whose model it is, the labels and attribute names may say")
        return info


# eSpeak / eSpeak NG compiled pronunciation dictionary (<lang>_dict; espeak-ng src/libespeak-ng/dictionary.c
# LoadDictionary and InitGroups, compiledict.c): int32 N_HASH_DICT (1024), int32 offset of the rules section, then
# 1024 hash chains from offset 8, each a run of entries whose first byte is the entry's length, ended by a 0 byte; the
# rules section follows at exactly the declared offset and opens with RULE_GROUP_START (6) or, with no rules, RULE_GROUP_END
# (7); the file ends with RULE_GROUP_END and a 0. No library reads this format outside eSpeak's C code, hence this
# reader. The walk checks that the chains end exactly where the header says the rules begin: a file of another kind
# that happens to open with the int32 1024 does not pass.
ESPEAK_N_HASH = 1024
ESPEAK_MAX_RULES_OFFSET = 0x8000000  # LoadDictionary rejects a larger offset
ESPEAK_MAX_ENTRIES = 1_000_000  # cmn_dict, the largest shipped, has 83,359
RULE_GROUP_START, RULE_GROUP_END = 6, 7


class EspeakDictReader:
    id = "espeak-dict"
    description = "eSpeak / eSpeak NG compiled pronunciation dictionary (<lang>_dict): entries and rules"

    def sniff(self, head: bytes) -> bool:
        if len(head) < 8:
            return False
        n_hash, rules = struct.unpack_from("<ii", head, 0)
        return n_hash == ESPEAK_N_HASH and 8 + ESPEAK_N_HASH < rules <= ESPEAK_MAX_RULES_OFFSET

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        with mapped(path) as buf:
            size = len(buf)
            if size < 8:
                raise fail(path, "shorter than an eSpeak dictionary header")
            n_hash, rules = struct.unpack_from("<ii", buf, 0)
            if n_hash != ESPEAK_N_HASH or not 8 + ESPEAK_N_HASH < rules <= ESPEAK_MAX_RULES_OFFSET:
                raise fail(path, "not an eSpeak dictionary header (int32 1024, then the rules' offset)")
            if rules >= size:
                raise fail(path, f"cut: the rules section is declared at {rules}, the file has {size} bytes")
            pos, entries = 8, 0
            most = ESPEAK_MAX_ENTRIES
            for _ in range(ESPEAK_N_HASH):
                while pos < rules and buf[pos] != 0:
                    pos += buf[pos]
                    entries += 1
                    if entries > most:
                        raise fail(path, f"more than {most} dictionary entries")
                pos += 1
                if pos > rules:
                    break
            if pos != rules:
                raise fail(path, f"the hash chains end at {pos}, not at the declared rules offset {rules}")
            if buf[rules] not in (RULE_GROUP_START, RULE_GROUP_END) or bytes(buf[size - 2:size]) != b"\x07\x00":
                raise fail(path, "no eSpeak rules section (a rule group start, and RULE_GROUP_END, 0 at the end)")
        info = ArtifactInfo(path=str(path), format="espeak-dict")
        info.metadata["format_props"] = {"espeak.hash_chains": ESPEAK_N_HASH, "espeak.entries": entries,
                                         "espeak.rules_bytes": size - rules}
        info.notes.append(f"eSpeak compiled pronunciation dictionary: {entries} entries in {ESPEAK_N_HASH} hash "
                          f"chains, {size - rules} bytes of spelling rules; the format says eSpeak, not the language")
        return info
