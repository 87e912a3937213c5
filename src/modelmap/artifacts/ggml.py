"""Legacy (pre-GGUF) ggml files: the magic, and the model-type string whisper.cpp's VAD files carry.

whisper.cpp's ``models/convert-silero-vad-to-ggml.py`` writes the ``ggml`` magic (0x67676d6c, little-endian:
``lmgg``), then a length-prefixed model-type string (``silero-16k``); its speech models write the magic and
int32 hyper-parameters (n_vocab first). Only the first bytes are read; the tensors are not.

whisper.cpp's speech models (``models/convert-pt-to-ggml.py``, ``convert-h5-to-ggml.py``) write, after the magic,
eleven int32 hyper-parameters (n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx,
n_text_state, n_text_head, n_text_layer, n_mels, ftype), the mel filter bank (int32 n_mel, int32 n_fft, then
n_mel * n_fft float32) and the tokenizer's vocabulary (int32 count, then each token as int32 length + bytes), and
only then the tensors. That header is read here (the filter bank skipped with a seek, the vocabulary read in one
bounded read and walked under the reader's limits), so the vocabulary is fingerprinted like any tokenizer file's.
Hand-written: no maintained library reads this legacy layout without loading the model.

llama.cpp's own containers before GGUF (its 2023 ``llama.cpp`` / ``convert.py``, ``llama_file_loader``): the
unversioned ``ggml`` magic, ``ggmf`` (0x67676d66, then uint32 version 1) and ``ggjt`` (0x67676a74, versions 1-3: the
tensors aligned to 32 bytes for mmap; v2 and v3 changed the quantisation layouts, not the header). After the magic
(and version) come seven int32 hyper-parameters (n_vocab, n_embd, n_mult, n_head, n_layer, n_rot, ftype) and the
vocabulary: n_vocab entries of uint32 length + bytes, each followed by a float32 score in ggmf / ggjt (none in the
unversioned layout). llama.cpp's converters wrote SentencePiece pieces with the ``▁`` already turned into a space, the
unknown piece as `` ⁇ ``, control pieces (``<s>``, ``</s>``) as empty strings and the 256 byte-fallback pieces as the
raw bytes 0x00..0xff in order, so the ordinary pieces are what is left: the same bytes the fingerprint hashes for a
GGUF or tokenizer.model of the same vocabulary. Read here under the same bounds as Whisper's vocabulary (one bounded
read, walked in memory); the tensors are not read. The ``gguf`` library (0.19, the one in the env) reads only GGUF's
magic and layout, and no other installed library reads GGJT / GGMF without loading a whole model (llama.cpp's
``convert_legacy_llama.py`` is a script, not a library), hence this reader.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any, BinaryIO

from modelmap.artifacts.base import (
    DEFAULT_LIMITS,
    ArtifactInfo,
    Limits,
    TokenizerInfo,
    fail,
    open_regular,
    read_head,
)

MAGIC = b"lmgg"  # 0x67676d6c written as a little-endian uint32
GGMF_MAGIC = b"fmgg"  # 0x67676d66
GGJT_MAGIC = b"tjgg"  # 0x67676a74
LLAMA_VERSIONS = {GGMF_MAGIC: (1,), GGJT_MAGIC: (1, 2, 3)}  # the versions llama.cpp wrote (rwkv.cpp's ggmf is 100+)
LLAMA_HPARAMS = ("n_vocab", "n_embd", "n_mult", "n_head", "n_layer", "n_rot", "ftype")
MAX_LLAMA_VOCAB = 1 << 20  # vocabulary entries walked (LLaMA's 32,000; the largest pre-GGUF vocabularies ~250k)
MAX_PIECE = 4096  # one vocabulary entry's longest accepted length in llama.cpp's layout
UNKNOWN_MARK = " \u2047 ".encode()  # what llama.cpp's converters wrote for SentencePiece's unknown piece
HEAD = 512
MAX_TYPE = 64  # the model-type string's longest accepted length
WHISPER_HPARAMS = ("n_vocab", "n_audio_ctx", "n_audio_state", "n_audio_head", "n_audio_layer", "n_text_ctx",
                   "n_text_state", "n_text_head", "n_text_layer", "n_mels", "ftype")
MAX_MEL, MAX_FFT = 512, 4096  # Whisper: 80 or 128 mel bins, n_fft 201 (a filter bank of 400-sample windows)
MAX_TOKEN = 1024  # one vocabulary entry's longest accepted length (Whisper's longest is under 130 bytes)
MAX_VOCAB_BYTES = 32 * 1024 * 1024  # the whole vocabulary section (Whisper's: about 500 KB)
MAX_SPECIALS = 1024  # ``<|...|>`` entries in the vocabulary section (whisper.cpp's converters write at most one)


class GGMLReader:
    id = "ggml"
    description = ("legacy ggml file (whisper.cpp, llama.cpp's pre-GGUF ggml / ggmf / ggjt): magic, model-type "
                   "string, hyper-parameters, vocabulary")

    def sniff(self, head: bytes) -> bool:
        return head[:4] in (MAGIC, GGMF_MAGIC, GGJT_MAGIC)

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = read_head(path, HEAD)
        if head[:4] in LLAMA_VERSIONS:
            return _read_llama(path, head, limits)
        if head[:4] != MAGIC:
            raise fail(path, "no ggml magic")
        info = ArtifactInfo(path=str(path), format="ggml")
        meta = info.metadata
        meta["ggml.magic"] = "ggml"
        off = 4
        if len(head) >= 8:
            (n,) = struct.unpack_from("<I", head, 4)
            raw = head[8 : 8 + n] if 0 < n <= MAX_TYPE else b""
            if len(raw) == n and raw and all(0x21 <= b < 0x7F for b in raw):
                meta["ggml.model_type"] = raw.decode("ascii")
                off = 8 + n
        chunk = head[off : off + 32]
        ints = [v for (v,) in struct.iter_unpack("<i", chunk[: len(chunk) - len(chunk) % 4])]
        if ints:
            meta["ggml.hparams_head"] = ints[:8]
        if off == 4 and len(head) >= 4 + 4 * len(WHISPER_HPARAMS) + 8:
            hp = dict(zip(WHISPER_HPARAMS, struct.unpack_from("<11i", head, 4), strict=True))
            n_mel, n_fft = struct.unpack_from("<2i", head, 4 + 4 * len(WHISPER_HPARAMS))
            if _whisper_like(hp) and 0 < n_mel <= MAX_MEL and 0 < n_fft <= MAX_FFT and n_mel == hp["n_mels"]:
                meta["ggml.whisper_hparams"] = hp
                meta["format_props"] = {"ggml.layout": "whisper.cpp", **{f"ggml.{k}": v for k, v in hp.items()}}
                vocab_at = 4 + 4 * len(WHISPER_HPARAMS) + 8 + 4 * n_mel * n_fft
                try:
                    with open_regular(path) as fh:
                        info.tokenizer = _whisper_vocab(path, fh, vocab_at, hp["n_vocab"], limits)
                except OSError as exc:
                    raise fail(path, f"cannot read: {exc.strerror or exc}") from exc
        if off == 4 and "ggml.whisper_hparams" not in meta and _llama_like(head, 4):
            # an unversioned llama.cpp file (March 2023): the same hyper-parameters, a vocabulary without scores
            return _read_llama(path, head, limits)
        return info


def _whisper_like(hp: dict[str, int]) -> bool:
    """Plausible whisper.cpp hyper-parameters (positive sizes, heads dividing states, an ftype ggml knows)."""
    sizes = [hp[k] for k in WHISPER_HPARAMS[:-1]]
    return (all(0 < v <= 1 << 20 for v in sizes) and 0 <= hp["ftype"] <= 1024
            and hp["n_audio_state"] % hp["n_audio_head"] == 0 and hp["n_text_state"] % hp["n_text_head"] == 0)


def _whisper_vocab(path: Path, fh: BinaryIO, at: int, n_vocab: int, limits: Limits) -> TokenizerInfo | None:
    """The vocabulary section: int32 count, then int32 length + bytes per token. ``<|...|>`` entries (the
    end-of-text token GPT-2's vocabulary carries) are specials; the rest are raw bytes. None when the file ends
    before the section (a truncated or weightless header) or the count is not a vocabulary's.

    The section is read once (at most its byte bound) and walked in memory: a million tiny tokens were two million
    ``read`` calls. More than MAX_SPECIALS distinct ``<|...|>`` entries is no whisper.cpp vocabulary (its converters write
    one, or none) and is refused like any other limit: a million distinct specials made the publisher match
    compare every catalogue entry's specials with all of them (60 s and more)."""
    fh.seek(at)
    raw = fh.read(4)
    if len(raw) < 4:
        return None
    (count,) = struct.unpack("<i", raw)
    if count <= 0 or count > min(limits.max_items, n_vocab):
        return None
    budget = min(MAX_VOCAB_BYTES, limits.max_text_bytes)
    data = fh.read(budget + 4)  # one byte past the bound tells a section at the limit from one over it
    tokens: list[bytes] = []
    specials: set[str] = set()
    n_specials = 0
    pos = 0
    unpack = struct.Struct("<i").unpack_from
    for _ in range(count):
        if pos + 4 > len(data):
            if len(data) > budget:
                raise fail(path, "whisper.cpp vocabulary is larger than the reader's limit", "max_text_bytes")
            raise fail(path, f"file is truncated: whisper.cpp vocabulary ends after {len(tokens)} of {count} tokens")
        (n,) = unpack(data, pos)
        if n < 0 or n > MAX_TOKEN:
            raise fail(path, f"whisper.cpp vocabulary entry {len(tokens) + n_specials} claims {n} bytes")
        end = pos + 4 + n
        if end > budget:
            raise fail(path, "whisper.cpp vocabulary is larger than the reader's limit", "max_text_bytes")
        if end > len(data):
            raise fail(path, f"file is truncated: whisper.cpp vocabulary ends inside token {len(tokens)}")
        tok = data[pos + 4 : end]
        pos = end
        if tok.startswith(b"<|") and tok.endswith(b"|>"):
            n_specials += 1
            specials.add(tok.decode("utf-8", errors="replace"))
            if len(specials) > MAX_SPECIALS:
                raise fail(path, f"whisper.cpp vocabulary has more than {MAX_SPECIALS} distinct <|...|> entries "
                                 "(its converters write at most one)", "max_items")
        else:
            tokens.append(tok)
    # whisper.cpp's converters write some vocabularies as text: a token that is part of a UTF-8 character became
    # U+FFFD, so several tokens collapse into one. How many is kept (``lossy_tokens``): the near match allows that
    # many tokens of difference in size (modelmap.artifacts.identify.near_vocabularies)
    lossy = sum(1 for tok in tokens if _REPLACEMENT in tok)
    return TokenizerInfo("ggml-whisper", "bytes", tokens, sorted(specials), count,
                         {"lossy_tokens": lossy} if lossy else {})


_REPLACEMENT = "\ufffd".encode()


def _llama_like(head: bytes, at: int) -> bool:
    """Seven int32 hyper-parameters at ``at`` that fit LLaMA's architecture as llama.cpp stored it: positive sizes,
    the heads dividing the width and n_rot the head width (the rotary dimension llama.cpp's converters wrote as
    n_embd / n_head), an ftype ggml knows."""
    if len(head) < at + 28:
        return False
    n_vocab, n_embd, n_mult, n_head, n_layer, n_rot, ftype = struct.unpack_from("<7i", head, at)
    return (0 < n_vocab <= MAX_LLAMA_VOCAB and 0 < n_embd <= 1 << 16 and 0 < n_mult <= 1 << 16
            and 0 < n_head <= 1024 and 0 < n_layer <= 1024 and 0 <= ftype <= 1024
            and n_embd % n_head == 0 and n_rot == n_embd // n_head)


def llama_ffn(n_embd: int, n_mult: int) -> int:
    """The feed-forward width llama.cpp derived from n_embd and n_mult (llama.cpp 2023, ``llama_model_load``:
    ``((2 * (4 * n_embd) / 3 + n_mult - 1) / n_mult) * n_mult``): 11008 for LLaMA-7B's 4096 and 256."""
    return ((2 * (4 * n_embd) // 3 + n_mult - 1) // n_mult) * n_mult


def _read_llama(path: Path, head: bytes, limits: Limits) -> ArtifactInfo:
    """llama.cpp's pre-GGUF container: magic, version, hyper-parameters, the vocabulary (see the module docstring)."""
    magic = head[:4]
    fmt = {MAGIC: "ggml", GGMF_MAGIC: "ggmf", GGJT_MAGIC: "ggjt"}[magic]
    at = 4
    version: int | None = None
    if magic != MAGIC:
        if len(head) < 8:
            raise fail(path, f"file is truncated: {fmt} magic without a version")
        (version,) = struct.unpack_from("<I", head, 4)
        if version not in LLAMA_VERSIONS[magic]:
            raise fail(path, f"{fmt} version {version} is not one llama.cpp wrote ({LLAMA_VERSIONS[magic]})")
        at = 8
    if len(head) < at + 28:
        raise fail(path, f"file is truncated: {fmt} header ends before its hyper-parameters")
    if not _llama_like(head, at):
        raise fail(path, f"{fmt} hyper-parameters {list(struct.unpack_from('<7i', head, at))} are not LLaMA's "
                         "(sizes, heads dividing the width, n_rot = n_embd / n_head)")
    hp = dict(zip(LLAMA_HPARAMS, struct.unpack_from("<7i", head, at), strict=True))
    info = ArtifactInfo(path=str(path), format=fmt)
    meta = info.metadata
    meta["ggml.magic"] = fmt
    if version is not None:
        meta["ggml.version"] = version
    meta["ggml.llama_hparams"] = hp
    meta["format_props"] = {"ggml.layout": "llama.cpp", "ggml.container": fmt,
                            **({"ggml.version": version} if version is not None else {}),
                            **{f"ggml.{k}": v for k, v in hp.items()}}
    try:
        with open_regular(path) as fh:
            info.tokenizer = _llama_vocab(path, fh, at + 28, hp["n_vocab"], magic != MAGIC, limits, meta)
    except OSError as exc:
        raise fail(path, f"cannot read: {exc.strerror or exc}") from exc
    return info


def _byte_run(pieces: list[bytes]) -> int | None:
    """Where the 256 byte-fallback pieces start (entries 0x00, 0x01, ... 0xff in a row, as llama.cpp's converters
    wrote SentencePiece's <0x00>..<0xFF>), or None. Looked for only where 0x00 sits alone."""
    for i, piece in enumerate(pieces):
        if piece == b"\x00" and i + 256 <= len(pieces) and all(pieces[i + j] == bytes((j,)) for j in range(256)):
            return i
    return None


_BYTE_PIECE = re.compile(rb"^<0x[0-9A-Fa-f]{2}>$")
_NAMED_CONTROL = frozenset((b"<s>", b"</s>", b"<unk>", b"<pad>"))


def _llama_vocab(path: Path, fh: BinaryIO, at: int, n_vocab: int, scored: bool, limits: Limits,
                 meta: dict[str, Any]) -> TokenizerInfo:
    """The vocabulary section: n_vocab entries of uint32 length + bytes (+ float32 score when ``scored``). One bounded
    read, walked in memory. The ordinary pieces are kept; the unknown mark, empty (control) entries, named control
    pieces, and the byte-fallback pieces (a run of the 256 single bytes in order, or ``<0xNN>`` text) are counted and
    left out, as every tokenizer reader here leaves them out of the hash."""
    if n_vocab > min(limits.max_items, MAX_LLAMA_VOCAB):
        raise fail(path, f"vocabulary of {n_vocab} entries is over the reader's limit", "max_items")
    budget = min(MAX_VOCAB_BYTES, limits.max_text_bytes)
    fh.seek(at)
    data = fh.read(budget + 4)
    step = 8 if scored else 4
    pieces: list[bytes] = []
    scores: list[float] = []
    pos = 0
    unpack_u = struct.Struct("<I").unpack_from
    unpack_f = struct.Struct("<f").unpack_from
    for _ in range(n_vocab):
        if pos + 4 > len(data):
            if len(data) > budget:
                raise fail(path, "llama.cpp vocabulary is larger than the reader's limit", "max_text_bytes")
            raise fail(path, f"file is truncated: the vocabulary ends after {len(pieces)} of {n_vocab} entries")
        (n,) = unpack_u(data, pos)
        if n > MAX_PIECE:
            raise fail(path, f"vocabulary entry {len(pieces)} claims {n} bytes (more than {MAX_PIECE})")
        end = pos + step + n
        if end > budget:
            raise fail(path, "llama.cpp vocabulary is larger than the reader's limit", "max_text_bytes")
        if end > len(data):
            raise fail(path, f"file is truncated: the vocabulary ends inside entry {len(pieces)}")
        pieces.append(data[pos + 4 : pos + 4 + n])
        if scored:
            scores.append(unpack_f(data, pos + 4 + n)[0])
        pos = end
    meta["ggml.vocab_end"] = at + pos
    run = _byte_run(pieces)
    skip: set[int] = set(range(run, run + 256)) if run is not None else set()
    unknown = [i for i, p in enumerate(pieces) if p == UNKNOWN_MARK]
    empty = [i for i, p in enumerate(pieces) if not p]
    named = [i for i, p in enumerate(pieces) if p in _NAMED_CONTROL]
    byte_text = [i for i, p in enumerate(pieces) if _BYTE_PIECE.match(p)] if run is None else []
    left_out = skip | set(unknown) | set(empty) | set(named) | set(byte_text)
    tokens = [p for i, p in enumerate(pieces) if i not in left_out]
    specials = sorted({pieces[i].decode("utf-8", "replace") for i in named})
    extra: dict[str, Any] = {"entries": n_vocab, "unknown_ids": unknown[:8], "control_ids": empty[:16]}
    if run is not None:
        extra["byte_fallback_ids"] = [run, run + 255]
    elif byte_text:
        extra["byte_fallback_ids"] = [byte_text[0], byte_text[-1]]
    if scores:
        ordinary = [s for i, s in enumerate(scores) if i not in left_out]
        extra["scores"] = {"min": min(scores), "max": max(scores),
                           "ordinary_min": min(ordinary, default=None), "ordinary_max": max(ordinary, default=None)}
    return TokenizerInfo("ggml-llama", "sentencepiece", tokens, specials, n_vocab, extra)
