"""Path globs for flows and waivers: ``*`` stays inside one folder, ``**`` crosses folders.

``src/checkout/**`` matches everything under src/checkout; ``**/*.ipynb`` matches notebooks anywhere;
a pattern without a slash (``*.py``) matches the file name in any folder, and a leading slash anchors a
pattern at the root (``/app.py`` is the root's app.py only). Paths are compared in POSIX form, relative to
the scanned root.

Patterns come from the config and are matched against every usage, so matching must be linear:
runs of ``*`` collapse (``***`` is ``**``), and the regex runs on google-re2 (no backtracking; 40
stars then ``z`` is as fast as one). Without re2 the standard ``re`` is used on the collapsed
pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # google-re2: linear-time matching
    import re2 as _engine
except ImportError:  # pragma: no cover - re2 is a dependency; the collapse alone bounds most cases
    _engine = re

_STARS = re.compile(r"\*{3,}")


def _collapse(pattern: str) -> str:
    """``***`` → ``**``; ``*?*`` stays (each ``*`` there is separated by another character)."""
    return _STARS.sub("**", pattern)


@lru_cache(maxsize=1024)
def compile_glob(pattern: str) -> Any:
    """A compiled, anchored pattern with a ``match(path)`` method (re2, else re)."""
    return _engine.compile(glob_regex(pattern))


@lru_cache(maxsize=64)
def group_matcher(groups: tuple[tuple[str, ...], ...]) -> Any:
    """A function path -> indices of the glob groups (e.g. one group per flow) that match it, in order.

    A glob that is a literal folder and everything under it (``services/checkout/**``, most flows' paths) is looked
    up by the path's parent folders: a set of thousands of such globs cost re2 milliseconds a path (15,000 flows
    and 5,000 usages: over 5 minutes). With re2 every other glob of every group goes into one ``re2.Set``, so a path
    costs one match call instead of one per glob and group (30 flows x 4,700 paths was most of a 10k-usage plan);
    without re2 it loops."""
    owners: list[int] = []
    regexes: list[str] = []
    folders: dict[str, set[int]] = {}
    rest: list[tuple[int, Any]] = []  # (group, compiled glob) of the globs that are not a literal folder's tree
    for index, group in enumerate(groups):
        for pattern in group:
            compiled = compile_glob(pattern)  # validates every glob
            folder = _literal_folder(pattern)
            if folder is not None:
                folders.setdefault(folder, set()).add(index)
                continue
            rest.append((index, compiled))
            owners.append(index)
            regexes.append(glob_regex(pattern))

    def under(norm: str) -> set[int]:
        hits: set[int] = set()
        if folders:
            at = norm.find("/")
            while at >= 0:
                found = folders.get(norm[:at + 1])
                if found and "\n" not in norm[at + 1:]:  # `.*` does not cross a newline
                    hits |= found
                at = norm.find("/", at + 1)
        return hits

    def loop(path: str) -> tuple[int, ...]:
        norm = normalise_path(path)
        hits = under(norm)
        hits.update(i for i, compiled in rest if i not in hits and compiled.match(norm) is not None)
        return tuple(sorted(hits))

    set_type = getattr(_engine, "Set", None)
    if set_type is None or not regexes:
        return loop
    try:
        matcher = set_type.MatchSet(_engine.Options())
        for regex in regexes:
            matcher.Add(regex)
        # google-re2's Set.Compile returns None and raises re2.error when it fails: `if not matcher.Compile()` sent
        # every policy to the glob-by-glob loop (a diff of 8,000 usages against 400 flows: 10 s of CPU, not 0.75 s)
        if matcher.Compile() is False:  # a binding that reports failure by its return value
            return loop
    except Exception:  # a set too big for re2's memory budget: one glob at a time still works
        return loop

    def match(path: str) -> tuple[int, ...]:
        norm = normalise_path(path)
        hits = under(norm)
        hits.update(owners[h] for h in matcher.Match(norm) or ())
        return tuple(sorted(hits))

    return match


def _literal_folder(pattern: str) -> str | None:
    """``src/app/`` for ``src/app/**`` (or ``src/app/``): a glob that matches a literal folder's whole tree from
    the root, which a path matches when that folder is one of its parents; None for any other glob."""
    pattern = _collapse(normalise_path(pattern.strip()))
    if "/" not in pattern.rstrip("/"):  # `docs/`: a folder of that name anywhere
        return None
    pattern = pattern.lstrip("/")  # `/src/app/**` is `src/app/**`
    if pattern.endswith("/"):
        pattern += "**"
    head = pattern[:-2]
    if not pattern.endswith("/**") or "*" in head or "?" in head or not head.strip("/"):
        return None
    return head


def glob_regex(pattern: str) -> str:
    """The anchored regular expression for one glob (see the module docstring for the syntax)."""
    pattern = _collapse(normalise_path(pattern.strip()))
    anywhere = "/" not in pattern.rstrip("/")
    pattern = pattern.lstrip("/")  # `/app.py`: at the root only (no path starts with a slash)
    if pattern.endswith("/"):
        pattern += "**"
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        else:
            out.append(re.escape(char))
        i += 1
    body = "".join(out)
    if anywhere:
        body = "(?:.*/)?" + body
    return f"^{body}$"


_SURROGATE = re.compile("[\ud800-\udfff]")


def normalise_path(path: str) -> str:
    path = _SURROGATE.sub("\ufffd", path)  # an undecodable file-name byte (re2 matches UTF-8 text)
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def matches(pattern: str, path: str) -> bool:
    return compile_glob(pattern).match(normalise_path(path)) is not None


def matches_any(patterns: tuple[str, ...], path: str) -> bool:
    norm = normalise_path(path)
    return any(compile_glob(p).match(norm) is not None for p in patterns)
