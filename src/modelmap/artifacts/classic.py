"""Readers for model formats companies ship beside LLMs: fastText, CMU Sphinx, ARPA n-gram LMs, spaCy/Thinc.

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

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Cursor, Limits, fail, mapped, open_regular

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
            props = {"sphinx.kind": "language-model", "lm.order": order, "lm.unigrams": counts[0]}
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
        info.metadata["format_props"] = {"thinc.version": version}
        info.notes.append(f"Thinc {version} model weights (msgpack), as spaCy {'v2' if version == 7 else 'v3'} saves a "
                          "pipeline component: which pipeline, and whose, is in the pipeline's meta.json, not here")
        return info
