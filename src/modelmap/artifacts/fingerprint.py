"""Fingerprints that survive re-serialisation: vocabulary hashes and architecture signatures.

A vocabulary fingerprint is BLAKE3 over the *ordinary* tokens as raw bytes (see
:func:`modelmap.artifacts.tokenizer.canonical_tokens`: ``▁``/``Ġ``/``##``/base64 all map to one form),
deduplicated and sorted: ``count (u64 LE) || every length (u32 LE) || every token``, so the whole hash is
one ``sorted()``, one ``array`` of lengths and a ``join`` per 65,536 tokens (no per-token Python code). Added, special, control and byte-fallback tokens
are left out of the hash and kept as a separate list, because conversions renumber or re-type them
(a GGUF marks them CONTROL, tokenizer.json lists them under ``added_tokens``, tiktoken files leave
them out) and because distillers add their own. So the same Qwen2 vocabulary hashes the same from
qwen.tiktoken, tokenizer.json and a GGUF, and the special tokens tell Qwen2.5 from DeepSeek-R1-Distill.
"""

from __future__ import annotations

import heapq
import re
import sys
import zlib
from array import array
from collections.abc import Iterable
from itertools import groupby, islice
from operator import eq
from typing import Any

from blake3 import blake3

from modelmap.artifacts.base import ArtifactInfo, Tensor, TokenizerInfo

ARCH_KEYS = ("hidden_size", "num_layers", "num_heads", "num_kv_heads", "intermediate_size", "vocab_size")


def _lengths(tokens: list[bytes]) -> bytes:
    lens = array("I", map(len, tokens)) if array("I").itemsize == 4 else array("L", map(len, tokens))
    if lens.itemsize != 4:  # pragma: no cover - no mainstream platform has neither 4-byte I nor L
        return b"".join(n.to_bytes(4, "little") for n in lens)
    if sys.byteorder == "big":  # pragma: no cover
        lens.byteswap()
    return lens.tobytes()


def vocab_hash(tokens: Iterable[bytes]) -> str:
    """BLAKE3 of the deduplicated, sorted vocabulary: count, then all lengths, then all bytes.

    The lengths make the encoding unambiguous (the concatenation alone would not be).
    """
    return _vocab_hash_sorted(sorted_unique(tokens))


def sorted_unique(tokens: Iterable[bytes]) -> list[bytes]:
    """``sorted(set(tokens))`` without the set: a hash table of every token is 134-268 MB beside 4 million of them
    (a word list at Limits.max_items, redteam14), the sorted list 32 MB. Sorted first, then equal neighbours dropped,
    when there are any (looked for in C: ``map(eq)`` over the list and itself shifted by one); faster too (4 million
    words: 4.3 s instead of 5.7)."""
    out = sorted(tokens)
    if any(map(eq, out, islice(out, 1, None))):
        out = [tok for tok, _ in groupby(out)]
    return out


def _vocab_hash_sorted(unique: list[bytes]) -> str:
    h = blake3()
    h.update(len(unique).to_bytes(8, "little"))
    h.update(_lengths(unique))
    # the tokens joined a slice at a time (one hash of the same bytes): bytes.join keeps an 80-byte buffer view per
    # item while it joins, 320 MB for 4 million tokens (redteam14)
    for i in range(0, len(unique), _JOIN_SLICE):
        h.update(b"".join(unique[i:i + _JOIN_SLICE]))
    return "blake3:" + h.hexdigest()


_JOIN_SLICE = 65_536


# Bottom-k sketch of a vocabulary (a MinHash with one hash function): the k smallest CRC-32 values of its
# ordinary tokens' canonical bytes, as 8-hex-digit words. Two vocabularies that differ by a few tokens (a
# conversion that moved one token to the specials) share almost every word; unrelated ones share few.
SKETCH_K = 128
SKETCH_PREFIX = f"crc32-bottom{SKETCH_K}:"


def vocab_sketch(unique: Iterable[bytes], k: int = SKETCH_K) -> str:
    """``crc32-bottom128:`` + the k smallest distinct CRC-32 values of the tokens, 8 hex digits each, ascending.

    The values are kept 4 bytes each (an array, not a set of int objects: ~60 bytes each, 250 MB for 4 million tokens);
    the k smallest distinct ones are among the m smallest values whenever those hold k distinct ones (m doubles until
    they do, or until it is all of them)."""
    crcs = array("L" if array("I").itemsize < 4 else "I", map(zlib.crc32, unique))
    m = k
    while True:
        small = sorted(set(heapq.nsmallest(m, crcs)))
        if len(small) >= k or m >= len(crcs):
            break
        m *= 2
    return f"crc32-bottom{k}:" + "".join(f"{h:08x}" for h in small[:k])


def _sketch_words(sketch: str) -> list[int] | None:
    head, sep, body = sketch.partition(":")
    if not sep or not head.startswith("crc32-bottom") or len(body) % 8 or len(body) > 8 * 4096:
        return None
    try:
        return [int(body[i:i + 8], 16) for i in range(0, len(body), 8)]
    except ValueError:
        return None


def sketch_similarity(a: str, b: str) -> float | None:
    """Estimated Jaccard similarity of two vocabularies from their bottom-k sketches (None: not comparable).

    The k smallest values of the union are the union's sample; the share of them that both sketches hold
    estimates |A ∩ B| / |A ∪ B| (standard bottom-k estimator, error about 1/sqrt(k))."""
    wa, wb = _sketch_words(a), _sketch_words(b)
    if not wa or not wb or a.partition(":")[0] != b.partition(":")[0]:
        return None
    k = min(len(wa), len(wb))
    sa, sb = set(wa), set(wb)
    union = heapq.nsmallest(k, sa | sb)
    return sum(1 for h in union if h in sa and h in sb) / len(union)


# Prefix hashes: the vocabulary hash (same encoding) of the set of the first N ordinary tokens in the file's own
# order (token id / rank order in every format read here), at a few sizes. A copy of a vocabulary cut short (a
# partial download, a file truncated to a size limit) holds its first tokens and no others, so it has the known
# vocabulary's prefix hashes up to its own length but none of its full hash or sketch. The set within the prefix
# (not the sequence) is hashed, so that a format listing the same ids' tokens in another order inside the first N
# (a merges file's byte alphabet) still agrees.
PREFIX_SIZES = (4096, 16384, 65536)


def vocab_prefixes(tokens: list[bytes]) -> dict[str, str]:
    """``{"4096": hash, ...}``: the hash of the first N ordinary tokens, for every N of PREFIX_SIZES the vocabulary
    reaches (none for one of fewer than 4,096 tokens: too little to tell vocabularies apart by their start)."""
    out: dict[str, str] = {}
    for n in PREFIX_SIZES:
        if len(tokens) < n:
            break
        out[str(n)] = _vocab_hash_sorted(sorted_unique(tokens[:n]))
    return out


def tokenizer_fingerprint(tok: TokenizerInfo, *, sketch: bool | None = None) -> dict[str, Any]:
    """Hash, sizes and specials of a vocabulary; ``sketch`` adds its bottom-k sketch and its prefix hashes (None:
    only when the hash is not one the fingerprint table knows, the case a tolerant match is for; it costs ~20-50 ms
    on 150k tokens)."""
    if tok.fingerprint is not None:  # restored from the on-disk cache: no tokens kept
        return dict(tok.fingerprint)
    unique = sorted_unique(tok.tokens)
    digest = _vocab_hash_sorted(unique)
    out: dict[str, Any] = {
        "vocab_hash": digest,
        "vocab_size": len(unique),
        "total_size": tok.total_size,
        "special_tokens": list(tok.special_tokens),
        "kind": tok.kind,
        "convention": tok.convention,
    }
    if sketch is None:
        from modelmap.artifacts.identify import known_vocab_hashes  # late: identify imports this module

        sketch = digest not in known_vocab_hashes()
    if sketch and unique:
        out["sketch"] = vocab_sketch(unique)
        prefixes = vocab_prefixes(tok.tokens)
        if prefixes:
            out["prefix"] = prefixes
    return out


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def arch_from_config(cfg: dict[str, Any]) -> dict[str, Any]:
    """Architecture signature from a Hugging Face config.json (text_config for multimodal wrappers)."""
    text = cfg.get("text_config") if isinstance(cfg.get("text_config"), dict) else None
    src = {**cfg, **text} if text else cfg
    archs = cfg.get("architectures")
    sig = {
        "model_type": cfg.get("model_type") if isinstance(cfg.get("model_type"), str) else None,
        "architecture": archs[0] if isinstance(archs, list) and archs and isinstance(archs[0], str) else None,
        "hidden_size": _int(src.get("hidden_size", src.get("n_embd", src.get("d_model")))),
        "num_layers": _int(src.get("num_hidden_layers", src.get("n_layer", src.get("num_layers")))),
        "num_heads": _int(src.get("num_attention_heads", src.get("n_head"))),
        "num_kv_heads": _int(src.get("num_key_value_heads", src.get("multi_query_group_num"))),
        "intermediate_size": _int(src.get("intermediate_size", src.get("ffn_hidden_size", src.get("n_inner")))),
        "vocab_size": _int(src.get("vocab_size", src.get("padded_vocab_size"))),
    }
    if sig["num_kv_heads"] is None and sig["num_heads"] is not None and sig["model_type"] in {
            "llama", "mistral", "qwen2", "bert", "gemma", "phi3", "qwen"}:
        sig["num_kv_heads"] = sig["num_heads"]
    return sig


def arch_from_gguf(meta: dict[str, Any], tok: TokenizerInfo | None, tensors: list[Tensor]) -> dict[str, Any]:
    arch = meta.get("general.architecture")
    a = str(arch) if isinstance(arch, str) else ""

    def g(key: str) -> int | None:
        v = meta.get(f"{a}.{key}")
        if isinstance(v, list):  # per-layer values (e.g. head_count_kv in hybrid models): take the max
            ints = [x for x in v if isinstance(x, int)]
            return max(ints) if ints else None
        return _int(v)

    vocab = g("vocab_size") or (tok.total_size if tok else None)
    for t in tensors:
        if t.name == "token_embd.weight" and len(t.shape) == 2:
            vocab = t.shape[1]
    return {
        "model_type": None,
        "architecture": a or None,
        "hidden_size": g("embedding_length"),
        "num_layers": g("block_count"),
        "num_heads": g("attention.head_count"),
        "num_kv_heads": g("attention.head_count_kv") or g("attention.head_count"),
        "intermediate_size": g("feed_forward_length"),
        "vocab_size": vocab,
    }


_LAYER = re.compile(r"(?:^|\.)(?:layers|layer|h|blocks|blk)\.(\d+)\.")
# Quantized exports keep a tensor's name with a suffix (ONNX Runtime / torch.onnx dynamic quantization:
# ``word_embeddings.weight_quantized`` or ``_q``) next to its scale and zero point, whose shapes say nothing.
_QUANT_SUFFIX = re.compile(r"(?:_quantized|_q|_qweight)$")
_QUANT_AUX = re.compile(r"(?:_scale|_scales|_zero_point|_zp)$")


def _ffn_from_shapes(tensors: list[Tensor], hidden: int, layers: int | None) -> int | None:
    """The feed-forward width from unnamed 2-D weights (ONNX exports name them onnx::MatMul_N or val_N): the
    width X for which both (hidden, X) and (X, hidden) matrices occur, at least once per layer, most often."""
    up: dict[int, int] = {}
    down: set[int] = set()
    for t in tensors:
        if len(t.shape) != 2 or _QUANT_AUX.search(t.name):
            continue
        a, b = t.shape
        if a == hidden and b != hidden:
            up[b] = up.get(b, 0) + 1
        elif b == hidden and a != hidden:
            down.add(a)
    best = sorted(((n, x) for x, n in up.items() if x in down and n >= max(1, layers or 1)), reverse=True)
    return best[0][1] if best else None


def arch_from_tensors(tensors: list[Tensor]) -> dict[str, Any]:
    """Dimensions that tensor names and shapes give away (HF safetensors / ONNX naming, quantized or not)."""
    sig: dict[str, Any] = {k: None for k in ARCH_KEYS}
    layers = -1
    for t in tensors:
        m = _LAYER.search(t.name)
        if m:
            layers = max(layers, int(m.group(1)))
        if _QUANT_AUX.search(t.name):
            continue
        name = _QUANT_SUFFIX.sub("", t.name)
        if len(t.shape) == 2 and (name.endswith(("embed_tokens.weight", "word_embeddings.weight", "wte.weight",
                                                 "tok_embeddings.weight"))):
            sig["vocab_size"], sig["hidden_size"] = t.shape
        elif len(t.shape) == 2 and name.endswith("token_embd.weight"):
            sig["hidden_size"], sig["vocab_size"] = t.shape
        elif len(t.shape) == 2 and name.endswith(("mlp.gate_proj.weight", "intermediate.dense.weight")):
            sig["intermediate_size"] = t.shape[0]
        elif len(t.shape) == 2 and name.endswith("mlp.gate_up_proj.weight") and t.shape[0] % 2 == 0:
            # gate and up projections fused into one matrix (Hugging Face's Phi-3 and GLM-4 naming): twice the width
            sig["intermediate_size"] = sig["intermediate_size"] or t.shape[0] // 2
    if layers >= 0:
        sig["num_layers"] = layers + 1
    if sig["intermediate_size"] is None and isinstance(sig["hidden_size"], int):
        sig["intermediate_size"] = _ffn_from_shapes(tensors, sig["hidden_size"], sig["num_layers"])
    names = " ".join(t.name for t in tensors[:4000])
    if "embeddings.word_embeddings" in names and "encoder.layer." in names:
        sig["model_type"] = "bert"  # BERT's naming is unmistakable; decoder naming is shared, so no guess
    return sig


def artifact_arch(info: ArtifactInfo) -> dict[str, Any]:
    if info.format in ("gguf", "ollama"):
        return arch_from_gguf(info.metadata, info.tokenizer, info.tensors)
    sig = arch_from_tensors(info.tensors)
    params = info.metadata.get("node_params") if info.format == "onnx" else None
    if isinstance(params, list) and params:
        # ONNX: the parameter names the graph's nodes use count the layers and show the naming where the
        # initializers do not (renamed by a quantizer, or cut off in a truncated file); shapes stay the tensors'
        named = arch_from_tensors([Tensor(str(p), "", ()) for p in params[:4096]])
        if named["num_layers"] and (sig["num_layers"] is None or named["num_layers"] > sig["num_layers"]):
            sig["num_layers"] = named["num_layers"]
        if not sig.get("model_type") and named.get("model_type"):
            sig["model_type"] = named["model_type"]
    return sig
