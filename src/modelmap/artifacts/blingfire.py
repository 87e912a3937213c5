"""Bling Fire's compiled id-to-word tables (``*.i2w``), read as the vocabulary they hold.

Microsoft's Bling Fire ships each tokenizer it supports as a compiled automaton (``.bin``) and, for decoding, an
id-to-word table (``.i2w``) built from the original tokenizer's vocabulary. Both are Bling Fire "LDB" images: a
uint32 count of dumps, a uint32 offset per dump, then the dumps. In an ``.i2w`` the first dump is the compiler's
configuration (uint32 values) and the second a multi-map of strings: a uint32 entry count ``n``, ``n + 1`` ascending
uint32 offsets (the first 0, the last the data's length), then the entries' UTF-8 bytes back to back, entry ``i``
being the bytes between offsets ``i`` and ``i + 1`` - the token with id ``i``. Bling Fire writes each token as the
text it stands for: a space where the original marks a word start (WordPiece's word-initial tokens, SentencePiece's
"▁", GPT-2's "Ġ") and nothing where it marks a continuation (WordPiece's "##"), which is the canonical form
``modelmap.artifacts.tokenizer.canonical_tokens`` gives every other vocabulary. So the table hashes as the
tokenizer it was built from, and that names the family; the format itself (a packager's) names no maker.

Written by hand (no library reads these files without running Bling Fire's native code): the layout above is what
Bling Fire's LDB images hold, checked on blingfire 0.1.8's tables; every count and offset is checked against the
file's size before anything is read, at most ``Limits.max_items`` entries and ``Limits.max_text_bytes`` bytes. The
compiled ``.bin`` automata are not read (their vocabulary is spread over state transitions).
"""

from __future__ import annotations

import re
import struct
from itertools import pairwise
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, TokenizerInfo, fail, read_bounded
from modelmap.artifacts.tokenizer import tokenizer_props

MAX_DUMPS = 16
# Tokens that are a tokenizer's special symbols, not its ordinary vocabulary, in the forms the original formats write
# them: WordPiece's bracketed [CLS] / [unused0] (a space first here, as every word-initial token), fairseq's <s> /
# <pad> / </s> / <unk> / <mask> and its dictionary padding madeupword0000.., GPT-2's <|endoftext|>.
_SPECIAL = re.compile(rb"^(?: \[[A-Za-z0-9_]{1,32}\]|<(?:s|/s|pad|unk|mask)>|<\|[a-z_]{1,32}\|>|madeupword\d{4})$")
_WP_MARKS = (b" [CLS]", b" [SEP]")


def _dumps(data: bytes) -> list[tuple[int, int]] | None:
    """(start, end) of every dump of an LDB image; None when the header does not describe this file."""
    if len(data) < 8:
        return None
    (n,) = struct.unpack_from("<I", data, 0)
    if not 2 <= n <= MAX_DUMPS or len(data) < 4 + 4 * n:
        return None
    offs = struct.unpack_from(f"<{n}I", data, 4)
    if offs[0] != 4 + 4 * n or any(b <= a for a, b in pairwise(offs)) or offs[-1] >= len(data):
        return None
    ends = [*offs[1:], len(data)]
    return list(zip(offs, ends, strict=True))


def _strings(data: bytes, start: int, end: int, limits: Limits) -> list[bytes] | None:
    """The entries of a multi-map-of-strings dump, or None when the dump is not one."""
    if end - start < 8:
        return None
    (count,) = struct.unpack_from("<I", data, start)
    if count == 0 or count > limits.max_items or start + 4 + 4 * (count + 1) > end:
        return None
    offs = struct.unpack_from(f"<{count + 1}I", data, start + 4)
    base = start + 4 + 4 * (count + 1)
    if offs[0] != 0 or base + offs[-1] != end or any(b < a for a, b in pairwise(offs)):
        return None
    return [data[base + a : base + b] for a, b in pairwise(offs)]


class BlingFireI2WReader:
    id = "blingfire-i2w"
    description = "Bling Fire id-to-word tables (.i2w): the vocabulary of the tokenizer they were compiled from"

    def sniff(self, head: bytes) -> bool:
        n = struct.unpack_from("<I", head, 0)[0] if len(head) >= 4 else 0
        if not 2 <= n <= MAX_DUMPS or len(head) < 4 + 4 * n:
            return False
        offs = struct.unpack_from(f"<{n}I", head, 4)
        return offs[0] == 4 + 4 * n and all(b > a for a, b in pairwise(offs))

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        data = read_bounded(path, limits.max_text_bytes)
        dumps = _dumps(data)
        if dumps is None:
            raise fail(path, "not a Bling Fire LDB image (dump count and offsets do not describe the file)")
        tokens = next((t for s, e in dumps[1:] if (t := _strings(data, s, e, limits)) is not None), None)
        if tokens is None:
            raise fail(path, "a Bling Fire LDB image without an id-to-word table (a compiled .bin automaton, or "
                             "another dump); its vocabulary is not read")
        specials = [t for t in tokens if _SPECIAL.match(t)]
        special_set = set(specials)
        wordpiece = all(m in special_set for m in _WP_MARKS)
        ordinary = [t for t in tokens if t not in special_set and not (wordpiece and t.startswith(b" [") and
                                                                       t.endswith(b"]"))]
        names = sorted({t.decode("utf-8", "replace").strip() for t in special_set})
        convention = "wordpiece" if wordpiece else "bytes"
        tok = TokenizerInfo("blingfire-i2w", convention, ordinary, names, len(tokens),
                            {"head": [t.decode("utf-8", "replace") for t in tokens[:4]]})
        info = ArtifactInfo(path=str(path), format="tokenizer:blingfire-i2w", tokenizer=tok)
        info.metadata["format_props"] = tokenizer_props(tok)
        return info
