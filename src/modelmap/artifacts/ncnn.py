"""ncnn text model description (``.param``): the layers' types and the shapes their weights declare.

Format (Tencent/ncnn wiki "param and model file structure"; src/net.cpp Net::load_param): the magic line
``7767517``, then ``<layer count> <blob count>``, then one layer per line: ``<type> <name> <n inputs> <n outputs>``,
the input and output blob names, and ``k=v`` parameters (``k`` an int id; a negative id ``-23300-k`` holds an array
``n,v1,...,vn``). The weights live in the sibling ``.bin``; the ``.param`` says only what they are: for the
convolution-like layers ``0=`` is num_output and ``6=`` (``2=`` for InnerProduct) weight_data_size.

Layer and blob names are the converter's (onnx2ncnn writes Conv_0, pnnx writes convrelu_0): they say nothing about
the model. What does is the architecture, so the reader keeps the ordered list of the weighted layers as compact
tokens (``conv64/1728`` = a Convolution with 64 outputs and 1,728 weights; ``deconv``, ``dwconv``, ``fc``) in
``ncnn.weighted``, and the layer types in ``ncnn.types``; structure patterns match them.

Hand-written: the only reader of this format is ncnn itself (a native library whose Net.load_param also allocates
the layers to run them); the text format is a few lines to parse. Bounded: at most MAX_PARAM_BYTES are read (a cut
file's last partial line is dropped), at most MAX_LAYERS layers and MAX_TOKENS tokens a line; the counts in the
header are only compared, never used to allocate. The binary ``.param.bin`` (magic 0x007685dd) is not read.
"""

from __future__ import annotations

import re
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, open_regular, read_head

NCNN_MAGIC = b"7767517"
MAX_PARAM_BYTES = 8 * 1024 * 1024  # real .param files are KBs to a few hundred KB (Real-ESRGAN x4plus: 116 KB)
MAX_LAYERS = 100_000
MAX_TOKENS = 4096  # tokens on one layer line (a Concat of many blobs, an array parameter)
MAX_PROP_CHARS = 1 << 20  # ncnn.weighted / ncnn.types kept up to this many characters
_SNIFF = re.compile(rb"^7767517\r?\n\s{0,8}(\d{1,9})[ \t]{1,8}(\d{1,9})\s{0,8}\r?\n")
_TYPE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
_INT = re.compile(r"^-?\d{1,12}$")
# a layer's input / output blob count: ASCII digits, at most 6 ('²'.isdigit() is true and int('²') raises, and int()
# of 4,301 digits or more raises too: either was an 'unreadable: ValueError' skip, not the layer-line message)
_COUNT = re.compile(r"^[0-9]{1,6}$")
# the weighted layers kept, with the parameter id of their weight_data_size
_WEIGHTED = {"Convolution": ("conv", 6), "ConvolutionDepthWise": ("dwconv", 6), "Deconvolution": ("deconv", 6),
             "DeconvolutionDepthWise": ("dwdeconv", 6), "InnerProduct": ("fc", 2), "Convolution1D": ("conv1d", 6)}


def _params(tokens: list[str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for tok in tokens:
        key, sep, val = tok.partition("=")
        if sep and _INT.match(key):
            out[int(key)] = val
    return out


class NcnnParamReader:
    id = "ncnn-param"
    description = "ncnn .param text model: layer types and weighted layers' output counts and weight sizes"

    def sniff(self, head: bytes) -> bool:
        return _SNIFF.match(head) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        m = _SNIFF.match(read_head(path, 256))
        if m is None:
            raise fail(path, "not an ncnn .param (the magic 7767517, then a layer and a blob count)")
        n_layers, n_blobs = int(m.group(1)), int(m.group(2))
        try:
            with open_regular(path) as fh:
                data = fh.read(MAX_PARAM_BYTES + 1)
        except OSError as exc:
            raise fail(path, f"cannot open: {exc.strerror or exc}") from exc
        cut = len(data) > MAX_PARAM_BYTES
        text = data[:MAX_PARAM_BYTES].decode("utf-8", errors="replace")
        lines = text.split("\n")
        if not text.endswith("\n"):
            lines = lines[:-1]  # a partial last line (a cut file) is not read
        types: list[str] = []
        weighted: list[str] = []
        for line in lines[2:]:
            toks = line.split(None, MAX_TOKENS)[:MAX_TOKENS]
            if not toks:
                continue
            if len(toks) < 4 or not _TYPE.match(toks[0]) or not (_COUNT.match(toks[2]) and _COUNT.match(toks[3])):
                raise fail(path, f"not an ncnn layer line: {line[:80]!r}")
            if len(types) >= min(MAX_LAYERS, limits.max_items):
                raise fail(path, f"more than {MAX_LAYERS} layers", "max_items")
            skip = 4 + int(toks[2]) + int(toks[3])
            if skip > len(toks) and len(toks) < MAX_TOKENS:  # a clipped line may hold more; a whole one may not
                raise fail(path, f"an ncnn layer line names fewer blobs than it declares: {line[:80]!r}")
            types.append(toks[0])
            if toks[0] in _WEIGHTED:
                abbr, wkey = _WEIGHTED[toks[0]]
                p = _params(toks[skip:])
                weighted.append(f"{abbr}{p.get(0, '0')}/{p.get(wkey, '0')}")
        if not types:
            raise fail(path, "an ncnn .param header with no layer lines")
        info = ArtifactInfo(path=str(path), format="ncnn-param")
        info.metadata["format_props"] = {
            "ncnn.layers": n_layers, "ncnn.blobs": n_blobs, "ncnn.layers_read": len(types),
            "ncnn.types": " ".join(types)[:MAX_PROP_CHARS], "ncnn.weighted": " ".join(weighted)[:MAX_PROP_CHARS]}
        info.notes.append(f"ncnn .param: {n_layers} layers declared, {len(types)} read ({len(weighted)} with weights)"
                          + (" (cut)" if cut or len(types) < n_layers else "")
                          + "; layer names are the converter's, the weighted layers' shapes are the model's")
        return info
