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
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

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
    description = "legacy ggml file (whisper.cpp / early llama.cpp): magic, model-type string, first hyper-parameters"

    def sniff(self, head: bytes) -> bool:
        return head[:4] == MAGIC

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = read_head(path, HEAD)
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
