"""Legacy (pre-GGUF) ggml files: the magic, and the model-type string whisper.cpp's VAD files carry.

whisper.cpp's ``models/convert-silero-vad-to-ggml.py`` writes the ``ggml`` magic (0x67676d6c, little-endian:
``lmgg``), then a length-prefixed model-type string (``silero-16k``); its speech models write the magic and
int32 hyper-parameters (n_vocab first). Only the first bytes are read; the tensors are not.
"""

from __future__ import annotations

import struct
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, open_regular

MAGIC = b"lmgg"  # 0x67676d6c written as a little-endian uint32
HEAD = 512
MAX_TYPE = 64  # the model-type string's longest accepted length


class GGMLReader:
    id = "ggml"
    description = "legacy ggml file (whisper.cpp / early llama.cpp): magic, model-type string, first hyper-parameters"

    def sniff(self, head: bytes) -> bool:
        return head[:4] == MAGIC

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        try:
            with open_regular(path) as fh:
                head = fh.read(HEAD)
        except OSError as exc:
            raise fail(path, f"cannot open: {exc.strerror or exc}") from exc
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
        return info
