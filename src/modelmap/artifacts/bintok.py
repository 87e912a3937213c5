"""Moonshine's binary tokenizer (``tokenizer.bin`` of the moonshine-voice runtime): the vocabulary as a bare list of
length-prefixed byte strings, one per token id, read for the vocabulary fingerprint like any other tokenizer.

moonshine-ai/moonshine core/bin-tokenizer/bin-tokenizer.cpp (BinTokenizer): until the end of the data, a first byte
0 is an empty token; a first byte under 128 is the length of the token's bytes; a first byte of 128 or more takes a
second byte and the length is ``second * 128 + first - 128``. The token's bytes follow. A token whose bytes start
with ``<``, end with ``>`` and are longer than two is a special token (tokens_to_text skips those). The pieces are
the model's own (SentencePiece's ``▁`` for a space is kept as its UTF-8 bytes); a SentencePiece byte-fallback run is
written as the 256 raw bytes 0x00 .. 0xFF in order.

No magic number: sniffed by two special tokens first (``<unk>``-like, one length byte each); read only when the whole
file parses to its last byte into at least MIN_TOKENS tokens, so an arbitrary binary is not taken for one.
"""

from __future__ import annotations

import re
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, TokenizerInfo, fail, read_head
from modelmap.artifacts.tokenizer import canonical_tokens

MAX_FILE = 64 * 1024 * 1024  # the whole file is read
MIN_TOKENS = 256
_SPECIAL = re.compile(rb"^<[^<>\x00-\x1f]{1,64}>$|^<<[^<>\x00-\x1f]{1,64}>>$")


def _special(tok: bytes) -> bool:
    return len(tok) > 2 and tok[:1] == b"<" and tok[-1:] == b">"


def _sniff(head: bytes) -> bool:
    i = 0
    for _ in range(2):
        if i >= len(head):
            return False
        n = head[i]
        if not 3 <= n <= 66 or i + 1 + n > len(head) or not _SPECIAL.match(head[i + 1:i + 1 + n]):
            return False
        i += 1 + n
    return True


def parse(data: bytes, max_tokens: int) -> list[bytes] | None:
    """The tokens of a whole file, None if it does not parse to its last byte (or holds more than max_tokens)."""
    out: list[bytes] = []
    i, end = 0, len(data)
    while i < end:
        first = data[i]
        i += 1
        if first == 0:
            out.append(b"")
        else:
            n = first
            if first >= 128:
                if i >= end:
                    return None
                n = data[i] * 128 + first - 128
                i += 1
            if i + n > end:
                return None
            out.append(data[i:i + n])
            i += n
        if len(out) > max_tokens:
            return None
    return out


class MoonshineBinTokenizerReader:
    id = "moonshine-bin"
    description = "Moonshine's binary tokenizer (tokenizer.bin: length-prefixed token bytes): vocabulary fingerprint"

    def sniff(self, head: bytes) -> bool:
        return _sniff(head)

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise fail(path, f"cannot stat: {exc}") from exc
        if size > min(MAX_FILE, limits.max_header_bytes):
            raise fail(path, f"{size} bytes: larger than a length-prefixed vocabulary is read", "max_header_bytes")
        data = read_head(path, size)
        if not _sniff(data[:256]):
            raise fail(path, "not a length-prefixed vocabulary (no two special tokens first)")
        toks = parse(data, limits.max_items)
        if toks is None or len(toks) < MIN_TOKENS:
            raise fail(path, "does not parse as a whole list of length-prefixed tokens (Moonshine's tokenizer.bin)")
        byte_run = next((s for s in range(min(len(toks) - 255, 64))
                         if all(toks[s + k] == bytes((k,)) for k in range(256))), None)
        specials: list[str] = []
        core: list[str] = []
        empty = 0
        for j, tok in enumerate(toks):
            if byte_run is not None and byte_run <= j < byte_run + 256:
                continue  # SentencePiece's byte-fallback pieces, written as the raw bytes
            if not tok:
                empty += 1
            elif _special(tok):
                specials.append(tok.decode("utf-8", "replace"))
            else:
                core.append(tok.decode("utf-8", "replace"))
        convention = "sentencepiece" if any("\u2581" in t for t in core[:4096]) else "bytes"
        extra: dict[str, object] = {"byte_pieces": 256 if byte_run is not None else 0, "head": [
            t.decode("utf-8", "replace") for t in toks[:16]]}
        if empty:
            extra["lossy_tokens"] = empty  # ids the file leaves empty: pieces it does not spell out
        tokens = (canonical_tokens(core, "sentencepiece") if convention == "sentencepiece"
                  else [t.encode("utf-8", "surrogatepass") for t in core])
        info = ArtifactInfo(path=str(path), format="tokenizer:moonshine-bin")
        info.tokenizer = TokenizerInfo("moonshine-bin", convention, tokens, sorted(set(specials)), len(toks), extra)
        info.notes.append(f"length-prefixed vocabulary (Moonshine's tokenizer.bin): {len(toks)} tokens, "
                          f"{len(set(specials))} special, {empty} empty"
                          + (", SentencePiece byte pieces" if byte_run is not None else ""))
        return info
