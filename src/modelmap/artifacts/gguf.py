"""GGUF header reader: metadata key/values and tensor infos, never tensor data.

Hand-written instead of ``gguf.GGUFReader`` because that reader maps every tensor into numpy arrays:
it fails on files whose tensor data is cut off (``ValueError: cannot reshape array``, e.g. the first
part of a split download) and it trusts counts from the file before allocating. This parser walks the
header with a bounds-checked cursor, checks every count against ``Limits`` and against the bytes left
in the file, and only reads the large arrays it needs (the vocabulary and token types). Type codes,
key names and block sizes come from the ``gguf`` package's constants so they stay in step upstream.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

from gguf.constants import GGML_QUANT_SIZES, GGUF_MAGIC, GGMLQuantizationType, GGUFValueType

from modelmap.artifacts.base import (
    DEFAULT_LIMITS,
    ArtifactInfo,
    Cursor,
    Limits,
    Tensor,
    TokenizerInfo,
    fail,
    mapped,
)

_SCALAR: dict[int, tuple[int, str]] = {
    GGUFValueType.UINT8: (1, "<B"),
    GGUFValueType.INT8: (1, "<b"),
    GGUFValueType.UINT16: (2, "<H"),
    GGUFValueType.INT16: (2, "<h"),
    GGUFValueType.UINT32: (4, "<I"),
    GGUFValueType.INT32: (4, "<i"),
    GGUFValueType.FLOAT32: (4, "<f"),
    GGUFValueType.BOOL: (1, "<?"),
    GGUFValueType.UINT64: (8, "<Q"),
    GGUFValueType.INT64: (8, "<q"),
    GGUFValueType.FLOAT64: (8, "<d"),
}
_KEEP_ARRAYS = {"tokenizer.ggml.tokens", "tokenizer.ggml.token_type"}
_SMALL_ARRAY = 64
# metadata keys one file may declare: real files have a few dozen (arrays such as the vocabulary are one key each),
# and each key is a Python string and value kept in a dict: 1M keys cost 300 MB and 5.7 s, 4M (max_items) ~1.2 GB
MAX_METADATA_KEYS = 65_536
_MAGIC = GGUF_MAGIC.to_bytes(4, "little")  # b"GGUF"
_TOKEN_NORMAL = 1


class _Array:
    """A large array we skipped: only its element type and length are kept."""

    def __init__(self, elem: str, length: int) -> None:
        self.elem = elem
        self.length = length

    def summary(self) -> dict[str, Any]:
        return {"array": self.elem, "len": self.length}


def _string(cur: Cursor, what: str) -> str:
    n = cur.uint(8, f"{what} length")
    if n > cur.limits.max_string_bytes:
        raise fail(cur.path, f"{what} claims {n} bytes, more than the {cur.limits.max_string_bytes}-byte "
                   "string limit", "max_string_bytes")
    return cur.take(n, what).decode("utf-8", errors="replace")


def _strings(cur: Cursor, key: str, count: int) -> list[str]:
    """A string array in one tight loop (vocabularies hold 150k-260k strings); same checks as _string."""
    buf, pos, size = cur.buf, cur.pos, min(cur.size, cur.end_budget)
    limit = cur.limits.max_string_bytes
    out: list[str] = []
    append = out.append
    frombytes = int.from_bytes
    for _ in range(count):
        if pos + 8 > size:
            cur.pos = pos
            cur.need(8, f"{key} length")
        n = frombytes(buf[pos : pos + 8], "little")
        pos += 8
        if n > limit:
            raise fail(cur.path, f"{key}: string claims {n} bytes, more than the {limit}-byte string limit",
                       "max_string_bytes")
        if pos + n > size:
            cur.pos = pos
            cur.need(n, key)
        append(buf[pos : pos + n].decode("utf-8", errors="replace"))
        pos += n
    cur.pos = pos
    return out


def _min_size(vtype: int) -> int:
    if vtype in _SCALAR:
        return _SCALAR[vtype][0]
    if vtype == GGUFValueType.STRING:
        return 8
    if vtype == GGUFValueType.ARRAY:
        return 12
    return 1


def _value(cur: Cursor, vtype: int, key: str, depth: int, keep: bool) -> Any:
    if vtype in _SCALAR:
        width, fmt = _SCALAR[vtype]
        return struct.unpack(fmt, cur.take(width, key))[0]
    if vtype == GGUFValueType.STRING:
        return _string(cur, key)
    if vtype == GGUFValueType.ARRAY:
        if depth >= cur.limits.max_depth:
            raise fail(cur.path, f"{key}: arrays nested deeper than {cur.limits.max_depth}", "max_depth")
        etype = cur.uint(4, f"{key} element type")
        count = cur.uint(8, f"{key} array length")
        if etype not in _SCALAR and etype not in (GGUFValueType.STRING, GGUFValueType.ARRAY):
            raise fail(cur.path, f"{key}: unknown array element type {etype}")
        if count > cur.limits.max_items:
            raise fail(cur.path, f"{key}: array claims {count} elements, more than the "
                       f"{cur.limits.max_items}-item limit", "max_items")
        if count * _min_size(etype) > cur.left:
            raise fail(cur.path, f"file is truncated: {key} claims {count} elements, "
                       f"only {cur.left} bytes left")
        ename = GGUFValueType(etype).name.lower()
        if etype in _SCALAR:
            width, fmt = _SCALAR[etype]
            if keep or count <= _SMALL_ARRAY:
                raw = cur.take(width * count, key)
                return [v[0] for v in struct.iter_unpack(fmt, raw)] if count else []
            cur.skip(width * count, key)
            return _Array(ename, count)
        if etype == GGUFValueType.STRING:
            if keep or count <= _SMALL_ARRAY:
                return _strings(cur, key, count)
            for _ in range(count):  # skip without decoding (merges: ~150k strings)
                n = cur.uint(8, f"{key} length")
                if n > cur.limits.max_string_bytes:
                    raise fail(cur.path, f"{key}: string claims {n} bytes", "max_string_bytes")
                cur.skip(n, key)
            return _Array(ename, count)
        items = [_value(cur, GGUFValueType.ARRAY, key, depth + 1, False) for _ in range(count)]
        return items if count <= _SMALL_ARRAY else _Array("array", count)
    raise fail(cur.path, f"{key}: unknown value type {vtype}")


def _tensor_bytes(qtype: int, shape: tuple[int, ...]) -> int | None:
    try:
        block, size = GGML_QUANT_SIZES[GGMLQuantizationType(qtype)]
    except (ValueError, KeyError):
        return None
    n = 1
    for d in shape:
        n *= d
    return n // block * size


def _tokenizer(meta: dict[str, Any]) -> TokenizerInfo | None:
    tokens = meta.get("tokenizer.ggml.tokens")
    if not isinstance(tokens, list):
        return None
    model = str(meta.get("tokenizer.ggml.model", ""))
    types = meta.get("tokenizer.ggml.token_type")
    if not isinstance(types, list) or len(types) != len(tokens):
        types = None
    convention = {"gpt2": "byte-level", "llama": "sentencepiece", "bert": "bert-gguf",
                  "t5": "sentencepiece"}.get(model, "sentencepiece" if model else "byte-level")
    core: list[str] = []
    special: list[str] = []
    for i, tok in enumerate(tokens):
        if types is not None:
            (core if types[i] == _TOKEN_NORMAL else special if types[i] in (2, 3, 4) else []).append(tok)
        else:
            core.append(tok)
    from modelmap.artifacts.tokenizer import canonical_tokens  # local: tokenizer imports nothing from here

    return TokenizerInfo(
        kind=f"gguf:{model or 'unknown'}",
        convention=convention,
        tokens=canonical_tokens(core, convention),
        special_tokens=sorted(set(special)),
        total_size=len(tokens),
        extra={"pre": meta.get("tokenizer.ggml.pre")},
    )


class GGUFReader:
    id = "gguf"
    description = "GGUF (llama.cpp) header: metadata, vocabulary and tensor shapes"

    def sniff(self, head: bytes) -> bool:
        return head[:4] == _MAGIC

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        with mapped(path) as buf:
            return self._parse(path, buf, limits)

    def _parse(self, path: Path, buf: Any, limits: Limits) -> ArtifactInfo:
        cur = Cursor(path, buf, limits)
        if cur.take(4, "magic") != _MAGIC:
            raise fail(path, "not a GGUF file (bad magic)")
        version = cur.uint(4, "version")
        if version not in (2, 3):
            hint = " (big-endian file?)" if version > 0xFFFF else ""
            raise fail(path, f"unsupported GGUF version {version}{hint}")
        n_tensors = cur.uint(8, "tensor count")
        n_kv = cur.uint(8, "metadata key count")
        for count, what, minimum, most in ((n_tensors, "tensors", 24, limits.max_items),
                                           (n_kv, "metadata keys", 13, min(limits.max_items, MAX_METADATA_KEYS))):
            if count > most:
                raise fail(path, f"header claims {count} {what}, more than the {most}-item limit", "max_items")
            if count * minimum > cur.left:
                raise fail(path, f"file is truncated: header claims {count} {what}, only {cur.left} bytes left")
        meta: dict[str, Any] = {}
        for _ in range(n_kv):
            key = _string(cur, "metadata key")
            vtype = cur.uint(4, f"{key} type")
            meta[key] = _value(cur, vtype, key, 0, key in _KEEP_ARRAYS)
        tensors: list[Tensor] = []
        data_end = 0
        for _ in range(n_tensors):
            name = _string(cur, "tensor name")
            ndim = cur.uint(4, f"{name} dims")
            if ndim > 8:
                raise fail(path, f"tensor {name} claims {ndim} dimensions (at most 8)", "max_dims")
            shape = tuple(cur.uint(8, f"{name} dim") for _ in range(ndim))
            qtype = cur.uint(4, f"{name} type")
            offset = cur.uint(8, f"{name} offset")
            try:
                dtype = GGMLQuantizationType(qtype).name
            except ValueError:
                dtype = f"unknown-{qtype}"
            tensors.append(Tensor(name, dtype, shape))
            nbytes = _tensor_bytes(qtype, shape)
            if nbytes is not None:
                data_end = max(data_end, offset + nbytes)
        align = meta.get("general.alignment", 32)
        if not isinstance(align, int) or align <= 0 or align > 1 << 20:
            align = 32
        data_offset = -(-cur.pos // align) * align
        info = ArtifactInfo(
            path=str(path),
            format="gguf",
            metadata={k: (v.summary() if isinstance(v, _Array) else v) for k, v in meta.items()
                      if k not in _KEEP_ARRAYS},
            tensors=tensors,
            tensor_count=n_tensors,
            data_offset=data_offset,
            data_bytes=data_end,
        )
        info.metadata["gguf.version"] = version
        info.tokenizer = _tokenizer(meta)
        if n_tensors and data_offset + data_end > cur.size:
            info.notes.append(f"tensor data is cut off: the header declares {data_offset + data_end} bytes, "
                              f"the file has {cur.size} (a partial download or split file)")
        return info
