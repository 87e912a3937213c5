"""Small helpers over Python's ``re`` shared by the scanner's sources and the resolver.

Hand-written because no library offers it: joining many compiled patterns into one alternation is a few lines, and
each caller uses it the same way (a gate that answers "none of them" with one C-level search). ``re`` itself does not
factor a shared opening out of an alternation (its compiler only optimises a literal prefix), so ``any_of`` does."""

from __future__ import annotations

import re
from collections.abc import Iterator

# a backreference or a conditional group (numbered or named): its group's number would change in a joined pattern
_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, char, depth)`` for each ``(``, ``)`` and ``|`` of ``pattern`` that is neither escaped nor inside a
    character class, ``depth`` being the group depth after it (the one walk both helpers below need)."""
    depth, escaped, in_class = 0, False, False
    for i, c in enumerate(pattern):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()|":
            depth += 1 if c == "(" else -1 if c == ")" else 0
            yield i, c, depth


def _top_level_bar(pattern: str) -> bool:
    """Whether ``pattern`` has an alternation outside every group (``(?:^|\\.)a|b``): its opening is then only the
    first branch's, and is not shared."""
    return any(c == "|" and depth == 0 for _, c, depth in _structure(pattern))


def _opening(pattern: str) -> tuple[str, str] | None:
    """``(opening, rest)`` when ``pattern`` starts with one unquantified atom that can be shared: a non-capturing
    group ``(?:…)`` (``(?:^|\\.)``) or an escaped punctuation character (``\\.``); otherwise None."""
    if pattern.startswith("(?:"):
        end = next((i for i, c, depth in _structure(pattern) if c == ")" and depth == 0), None)
        if end is None:
            return None
        atom, rest = pattern[:end + 1], pattern[end + 1:]
    elif len(pattern) >= 2 and pattern[0] == "\\" and not pattern[1].isalnum() and pattern[1] != "\\":
        atom, rest = pattern[:2], pattern[2:]
    else:
        return None
    if rest[:1] in ("*", "+", "?", "{"):
        return None  # the atom is quantified: not an opening of its own
    return atom, rest


def any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One alternation of ``patterns`` (all compiled with the same flags): where it does not match a name, none of
    them does, so the name costs one search instead of a Python loop over every pattern. None (no gate: walk the
    list) when the list is empty, the flags differ or the patterns cannot be joined (a named group repeated across
    patterns).

    Patterns that open with the same atom are joined under it once (``(?:^|\\.)(?:A$|B$|…)|\\.(?:C$|…)`` instead of
    ``(?:(?:^|\\.)A$)|(?:(?:^|\\.)B$)|…``): ``X(?:A|B)`` matches exactly the strings ``XA|XB`` does, so the gate's
    answer is the same, but a search no longer tries every pattern at every position of the name (the call-rule gates:
    41 patterns tried at each character of each distinct call name, ~3x the CPU). Only the gate's yes / no is
    meant to be used: which groups hold what may differ from the patterns' own. A pattern with a backreference is
    left whole."""
    if not patterns or len({p.flags for p in patterns}) != 1:
        return None
    verbose = bool(patterns[0].flags & re.VERBOSE)  # whitespace and `#` comments: not read by _opening; left whole
    groups: dict[str | None, list[str]] = {}
    for p in patterns:
        whole = verbose or _BACKREF.search(p.pattern) or "[]" in p.pattern or "[^]" in p.pattern \
            or _top_level_bar(p.pattern)  # (a class opening with `]` holds it as a character: left whole too)
        split = None if whole else _opening(p.pattern)
        if split is None:
            groups.setdefault(None, []).append(p.pattern)
        else:
            groups.setdefault(split[0], []).append(split[1])
    parts: list[str] = []
    for atom, rests in groups.items():
        if atom is None or len(rests) == 1:
            parts.extend(f"(?:{atom or ''}{r})" for r in rests)
        else:
            parts.append(f"{atom}(?:" + "|".join(f"(?:{r})" for r in rests) + ")")
    try:
        return re.compile("|".join(parts), patterns[0].flags)
    except re.error:
        return None
