"""Path globs for flows and waivers: ``*`` stays inside one folder, ``**`` crosses folders.

``src/checkout/**`` matches everything under src/checkout; ``**/*.ipynb`` matches notebooks anywhere;
a pattern without a slash (``*.py``) matches the file name in any folder. Paths are compared in
POSIX form, relative to the scanned root.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1024)
def compile_glob(pattern: str) -> re.Pattern[str]:
    pattern = normalise_path(pattern.strip())
    anywhere = "/" not in pattern.rstrip("/")
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
    return re.compile(f"^{body}$")


def normalise_path(path: str) -> str:
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def matches(pattern: str, path: str) -> bool:
    return compile_glob(pattern).match(normalise_path(path)) is not None


def matches_any(patterns: tuple[str, ...], path: str) -> bool:
    norm = normalise_path(path)
    return any(compile_glob(p).match(norm) is not None for p in patterns)
