"""Enumerate the files to scan: .gitignore and .modelmapignore aware, never following
directory symlinks, and counting every skip with its reason.

pathspec does the gitignore matching; the walk itself is ``os.scandir`` so that an ignored
directory is never descended into.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

import pathspec

VENDORED_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", "bower_components", "vendor", "third_party", "third-party", ".venv", "venv",
    "env", ".env.d", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".nox", "site-packages",
    "dist", "build", ".next", ".nuxt", ".svelte-kit", ".turbo", ".cache", ".gradle", "target", ".idea", ".vscode",
    ".terraform", "coverage", "htmlcov", ".eggs", ".ipynb_checkpoints", "Pods", "DerivedData",
})
LOCK_FILES = frozenset({
    "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "Pipfile.lock", "uv.lock", "Cargo.lock",
    "composer.lock", "Gemfile.lock", "go.sum", "bun.lockb", "pdm.lock", "npm-shrinkwrap.json", "conda-lock.yml",
})
_MINIFIED_SUFFIXES = (".min.js", ".min.mjs", ".min.css", ".bundle.js", ".chunk.js")


@dataclass(frozen=True)
class Candidate:
    abspath: str
    relpath: str
    size: int


@dataclass(frozen=True)
class WalkSkip:
    relpath: str
    reason: str
    detail: str = ""


def _load_ignore(directory: str, names: tuple[str, ...]) -> pathspec.PathSpec | None:
    lines: list[str] = []
    for name in names:
        try:
            with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as fh:
                lines.extend(fh.read(1_000_000).splitlines())
        except OSError:
            continue
    if not lines:
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:
        return None


def walk(
    root: str,
    *,
    use_gitignore: bool = True,
    include: pathspec.PathSpec | None = None,
    exclude: pathspec.PathSpec | None = None,
    top: str | None = None,
) -> Iterator[Candidate | WalkSkip]:
    """Yield every regular file under ``root`` to consider, and a WalkSkip for everything left out.

    ``top`` is an ancestor of ``root`` (the scan root or the git top level) whose ignore files,
    and those of every directory between, also apply; relative paths stay relative to ``root``.
    """
    root = os.path.abspath(root)
    ignore_names = (".gitignore", ".modelmapignore") if use_gitignore else (".modelmapignore",)
    inherited: list[tuple[str, pathspec.PathSpec]] = []
    if top is not None:
        top = os.path.abspath(top)
        rel_root = os.path.relpath(root, top)
        if rel_root != "." and not rel_root.startswith(".."):
            parts = rel_root.split(os.sep)
            for depth in range(len(parts)):
                ancestor = os.path.join(top, *parts[:depth])
                spec = _load_ignore(ancestor, ignore_names)
                if spec is not None:
                    # "^p" marks a spec that lives above root: match it against "p/<rel>"
                    inherited.append(("^" + "/".join(parts[depth:]), spec))
    # stack of (dir abspath, dir relpath, [(spec_base_rel, spec)])
    stack: list[tuple[str, str, list[tuple[str, pathspec.PathSpec]]]] = [(root, "", inherited)]
    seen_dirs: set[tuple[int, int]] = set()
    while stack:
        directory, rel_dir, specs = stack.pop()
        try:
            st = os.stat(directory)
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                yield WalkSkip(rel_dir or ".", "symlink-loop")
                continue
            seen_dirs.add(key)
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield WalkSkip(rel_dir or ".", "unreadable", exc.strerror or str(exc))
            continue
        spec = _load_ignore(directory, ignore_names)
        if spec is not None:
            specs = [*specs, (rel_dir, spec)]
        subdirs = []
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError as exc:
                yield WalkSkip(rel, "unreadable", exc.strerror or str(exc))
                continue
            if is_dir:
                if entry.name in VENDORED_DIRS:
                    yield WalkSkip(rel + "/", "vendored-dir")
                    continue
                if _ignored(specs, rel, True):
                    yield WalkSkip(rel + "/", "ignored")
                    continue
                if exclude is not None and exclude.match_file(rel + "/"):
                    yield WalkSkip(rel + "/", "excluded")
                    continue
                subdirs.append((entry.path, rel, specs))
                continue
            if is_link:
                try:
                    target = os.stat(entry.path)
                except OSError as exc:
                    yield WalkSkip(rel, "broken-symlink" if not os.path.exists(entry.path) else "unreadable",
                                   exc.strerror or str(exc))
                    continue
                if stat.S_ISDIR(target.st_mode):
                    yield WalkSkip(rel, "symlink-dir", "directory symlinks are not followed")
                    continue
                size = target.st_size
                regular = stat.S_ISREG(target.st_mode)
            else:
                try:
                    st_file = entry.stat(follow_symlinks=False)
                except OSError as exc:
                    yield WalkSkip(rel, "unreadable", exc.strerror or str(exc))
                    continue
                size = st_file.st_size
                regular = stat.S_ISREG(st_file.st_mode)
            if not regular:
                yield WalkSkip(rel, "not-a-file")
                continue
            if entry.name in (".gitignore", ".modelmapignore"):
                continue
            if _ignored(specs, rel, False):
                yield WalkSkip(rel, "ignored")
                continue
            if include is not None and not include.match_file(rel):
                yield WalkSkip(rel, "not-included")
                continue
            if exclude is not None and exclude.match_file(rel):
                yield WalkSkip(rel, "excluded")
                continue
            yield Candidate(entry.path, rel, size)
        stack.extend(reversed(subdirs))


def _ignored(specs: list[tuple[str, pathspec.PathSpec]], rel: str, is_dir: bool) -> bool:
    for base, spec in specs:
        if base.startswith("^"):
            sub = f"{base[1:]}/{rel}"
        elif not base:
            sub = rel
        else:
            sub = rel[len(base) + 1:]
        if spec.match_file(sub + "/" if is_dir else sub):
            return True
    return False


def file_skip_reason(name: str) -> str | None:
    """Cheap, name-only reasons not to read a file."""
    if name in LOCK_FILES:
        return "lock-file"
    low = name.lower()
    if low.endswith(_MINIFIED_SUFFIXES):
        return "minified"
    return None
