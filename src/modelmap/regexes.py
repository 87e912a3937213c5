"""Small helpers over Python's ``re`` shared by the scanner's sources and the resolver.

Hand-written because no library offers it: joining many compiled patterns into one alternation is a few lines, and
each caller uses it the same way (a gate that answers "none of them" with one C-level search)."""

from __future__ import annotations

import re


def any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One alternation of ``patterns`` (all compiled with the same flags): where it does not match a name, none of
    them does, so the name costs one search instead of a Python loop over every pattern. None (no gate: walk the
    list) when the list is empty, the flags differ or the patterns cannot be joined (a named group repeated across
    patterns)."""
    if not patterns or len({p.flags for p in patterns}) != 1:
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except re.error:
        return None
