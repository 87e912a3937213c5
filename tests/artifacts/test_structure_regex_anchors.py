"""Every ``props_re`` pattern in structures.yaml whose lookahead scans the rest of the string is anchored with ``\\A``.

``re.search`` retries an unanchored pattern at every position; a leading ``(?=[\\s\\S]*x)`` then rescans the tail each
time, so a 256-path Paddle ``paddle.sources`` string of 1 KB paths took minutes (red-team probe
session33-paddle-callstack-bomb). Anchored, one scan."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from modelmap.artifacts.identify import _pattern_holds

DATA = Path(__file__).resolve().parents[2] / "src" / "modelmap" / "knowledge" / "data" / "structures.yaml"
SCANNING_LOOKAHEAD = re.compile(r"\(\?=(?:\[\\s\\S\]|\.)\*")


def _patterns() -> list[tuple[str, str, str]]:
    doc = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    out = []
    for entry in doc["structures"]:
        for pat in (entry.get("structure") or []) if isinstance(entry, dict) else []:
            for key, rx in ((pat or {}).get("props_re") or {}).items():
                out.append((str(entry.get("id")), key, str(rx)))
    return out


def test_there_are_props_re_patterns_to_check() -> None:
    assert any(SCANNING_LOOKAHEAD.search(rx) for _, _, rx in _patterns())


def test_scanning_lookaheads_are_anchored_at_the_start() -> None:
    def anchored(rx: str) -> bool:  # \A, or ^ where no (?m) makes it match after every newline too
        return rx.startswith(("\\A", "(?m)\\A", "(?s)\\A")) or (rx.startswith("^") and "(?m)" not in rx)

    bad = [(fid, key, rx) for fid, key, rx in _patterns() if SCANNING_LOOKAHEAD.search(rx) and not anchored(rx)]
    assert bad == []


def test_the_anchored_pp_ocr_pattern_still_matches_paths_in_any_order() -> None:
    pat = {"props_re": {"paddle.sources": next(rx for _, key, rx in _patterns()
                                               if key == "paddle.sources" and "rec_mv1_enhance" in rx)}}
    paths = "tools/export.py\nppocr/modeling/heads/rec_ctc_head.py\nx/ppocr/modeling/backbones/rec_mv1_enhance.py"
    assert _pattern_holds(pat, {"props": {"paddle.sources": paths}})
    assert not _pattern_holds(pat, {"props": {"paddle.sources": "ppocr/modeling/heads/rec_ctc_head.py"}})
