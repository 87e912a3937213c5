"""Red-team probes of brief redteam14: the paths session 14 adds (scan rules by scanexplore14a/b/c, inspect readers and
fingerprints by inspect16, knowledge/resolver changes by provkb14), session 13's XML source (defusedxml SAX: entity
bombs, DTDs, deep nesting, many elements, huge attributes, encodings), and the line-based vocabularies at their item
limit (fixed here: read a piece at a time).

Imported by tests/redteam/probes.py after probes_session13, so every probe lands in the one registry (``PROBES``) and
runs through the same runner and promises (bounded time and memory, no traceback, no raw escape on the terminal, FIFOs
/ symlinks left as they were, every file a finding or a skip). Stdlib only at import time.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from tests.redteam.probes import OK_OR_USAGE, probe
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.runner import Ctx


def _inspect(id: str, cls: str, build: object, target: str = ".", fmt: str = "json", **kw: object) -> None:
    argv = ("inspect", target, "-f", fmt) if fmt == "json" else ("inspect", target, "--no-color")
    probe(id, cls, build, argv, OK_OR_USAGE, fmt="json" if fmt == "json" else None, **kw)  # type: ignore[arg-type]


# (a) line-based vocabularies just under Limits.max_items (4,000,000 lines): each held the text decoded, a list of its
# lines and a bytes object per token, and the fingerprint a set of them all and an 80-byte buffer view per token in one
# bytes.join. Fixed in redteam14 (tokenizer._text_lines / _byte_lines, fingerprint.sorted_unique and a join per slice):
# WordPiece vocab.txt 682 -> 346 MB, tiktoken 650 -> 356 MB, 10.5-11.5 -> 3.6-3.9 s of CPU; the same hashes
def _lines(name: str, head: str, line: Callable[[int], str], n: int = 3_990_000) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        with open(ctx.work / name, "w", encoding="utf-8") as fh:
            fh.write(head)
            for start in range(0, n, 100_000):
                fh.write("".join(line(i) for i in range(start, min(n, start + 100_000))))
    return build


_inspect("s14-wordpiece-3.99m-lines", "big-header", _lines("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n", lambda i: f"w{i}\n"),
         "vocab.txt", checks=(rss_below(500), cpu_below(10.0)))
_inspect("s14-tiktoken-3.99m-lines", "big-header", _lines(
    "cl.tiktoken", "", lambda i: f"{base64.b64encode(f'w{i}'.encode()).decode()} {i}\n"), "cl.tiktoken",
    checks=(rss_below(500), cpu_below(10.0)))
