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
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from modelmap.fsutil import read_regular

if TYPE_CHECKING:
    import pathspec

    from modelmap.discover.gitindex import Tracked

VENDORED_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", "bower_components", "vendor", "third_party", "third-party", ".venv", "venv",
    "env", ".env.d", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".nox", "site-packages",
    "dist", "build", ".next", ".nuxt", ".svelte-kit", ".turbo", ".cache", ".gradle", "target", ".idea", ".vscode",
    ".terraform", "coverage", "htmlcov", ".eggs", ".ipynb_checkpoints", "Pods", "DerivedData",
})
# what a compiler's or packager's build output holds; a `build/` folder without any of it, with a Dockerfile or a
# script at its top, is a container build context written by hand (`docs/examples/x/build/install_model.sh`)
_BUILD_OUTPUT = frozenset({"lib", "classes", "intermediates", "generated", "tmp", "CMakeFiles", "bin", "obj", "libs",
                           "outputs", "reports", "kotlin", "resources", "scripts-3", "html", "doctrees"})
_BUILD_SOURCE_EXTS = (".sh", ".bash", ".py", ".yaml", ".yml", ".toml")
# a version-control system's own store: never part of the project's files (ripgrep and git itself hide it), so it is
# passed over without a skip record; listing `.git/` as a "vendored-dir" skip in every checkout only inflated the
# skipped count a user reads in the headline
_VCS_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", ".jj"})


def _build_context(path: str) -> bool:
    """A `build/` folder that is sources, not output: a Dockerfile or script at its top and no output folders."""
    try:
        with os.scandir(path) as it:
            names = [e.name for _, e in zip(range(64), it, strict=False)]
    except OSError:
        return False
    if len(names) >= 64 or any(n in _BUILD_OUTPUT or n.startswith(("bdist.", "temp.", "lib.")) for n in names):
        return False
    return any(n == "Dockerfile" or n.startswith("Dockerfile.") or n.endswith(_BUILD_SOURCE_EXTS) for n in names)


def _virtualenv(path: str) -> bool:
    """An ``env/`` folder that is a Python environment: ``pyvenv.cfg`` (venv, virtualenv 20+) or ``conda-meta`` at
    its top, or an interpreter folder beside a library one (``bin``/``Scripts`` and ``lib``/``Lib``: older
    virtualenv). Any other ``env/`` holds an app's per-environment settings (a Helm chart's ``env/prod.yaml``, a Go
    package ``pkg/env``) and is scanned. Reads at most 64 names of its top; an unreadable one stays skipped."""
    try:
        with os.scandir(path) as it:
            names = {e.name for _, e in zip(range(64), it, strict=False)}
    except OSError:
        return True
    if "pyvenv.cfg" in names or "conda-meta" in names:
        return True
    return bool(names & {"bin", "Scripts"}) and bool(names & {"lib", "Lib", "lib64"})


LOCK_FILES = frozenset({
    "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "Pipfile.lock", "uv.lock", "Cargo.lock",
    "composer.lock", "Gemfile.lock", "go.sum", "bun.lockb", "pdm.lock", "npm-shrinkwrap.json", "conda-lock.yml",
})
_LOCK_SUFFIXES = ("package-lock.json", "yarn.lock", "pnpm-lock.yaml", "npm-shrinkwrap.json", "composer.lock",
                  "poetry.lock", "Cargo.lock", "Gemfile.lock")
MODELMAP_CONFIGS = frozenset({"modelmap.yaml", "modelmap.yml", ".modelmap.yaml"})
_MINIFIED_SUFFIXES = (".min.js", ".min.mjs", ".min.css", ".bundle.js", ".chunk.js")


class Candidate(NamedTuple):  # a tuple: 20k of them are made per large scan, three times cheaper than a dataclass
    abspath: str
    relpath: str
    size: int  # -1 when the walk did not need to stat the file


_by_name = attrgetter("name")


@dataclass(frozen=True)
class WalkSkip:
    relpath: str
    reason: str
    detail: str = ""


MAX_IGNORE_BYTES = 1_000_000
def _load_ignore(directory: str, names: tuple[str, ...]) -> pathspec.PathSpec | None:
    lines: list[str] = []
    for name in names:
        try:
            data = read_regular(os.path.join(directory, name), MAX_IGNORE_BYTES)
        except OSError:
            continue
        if data is not None:  # a FIFO or device named .gitignore is listed by the walk as not-a-file
            lines.extend(data.decode("utf-8", errors="replace").splitlines())
    if not lines:
        return None

    try:
        return gitignore_spec(lines, _ignore_pattern)
    except Exception:
        return None


def gitignore_spec(lines: list[str], factory: Any = None) -> pathspec.PathSpec:
    """``GitIgnoreSpec.from_lines``, falling back to pathspec's pure-Python backend when its default one refuses.
    pathspec 1.x compiles every line into one re2 Set, and re2 refuses a Set past its memory budget ("failed to
    compile Set"): about 2,000 'dir/**/name*' lines, or 20,000 plain 'name/' lines. A .gitignore that long was
    dropped whole without a word (the folders it ignores were scanned), and as many --exclude globs stopped the scan
    with an internal error. The fallback matches the same paths, one pattern at a time (about 5 ms a path for
    20,000 patterns, 0.5 ms for 2,000)."""
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines, factory)
    except Exception:
        return pathspec.GitIgnoreSpec.from_lines(lines, factory, backend="simple")


_IGNORE_PATTERNS: dict[str, pathspec.Pattern] = {}  # one ignore-file line -> its compiled pattern


def _ignore_pattern(line: str) -> pathspec.Pattern:
    """The pattern ``GitIgnoreSpec.from_lines`` makes of one line (a ``GitIgnoreSpecPattern``), made once per
    distinct line: pathspec compiles each with Python's ``re`` (~0.3 ms), and repositories repeat their lines
    (``node_modules/``, ``__pycache__/``, ``*.pyc``, ``.env``): 1,717 lines of 66 ignore files on one real tree,
    653 distinct. The patterns are read, never changed, by the specs that share them; at most 8,192 kept."""
    hit = _IGNORE_PATTERNS.get(line)
    if hit is None:
        from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

        hit = GitIgnoreSpecPattern(line)
        if len(_IGNORE_PATTERNS) < 8192:
            _IGNORE_PATTERNS[line] = hit
    return hit


Specs: TypeAlias = "list[tuple[str, pathspec.PathSpec]]"


@dataclass
class WalkConfig:
    """What a walk needs besides the directory itself (shared by every directory of one scan)."""

    ignore_names: tuple[str, ...]
    include: pathspec.PathSpec | None = None
    exclude: pathspec.PathSpec | None = None
    # the paths git tracks under this walk's root: a tracked file is scanned though a .gitignore pattern matches it
    # (git ignores only untracked files); None: .gitignore alone decides
    tracked: Tracked | None = None

    def ignored(self, specs: Specs, rel: str, is_dir: bool) -> bool:
        return _ignored(specs, rel, is_dir) and not (self.tracked is not None and self.tracked.has(rel, is_dir))


def root_specs(root: str, top: str | None, ignore_names: tuple[str, ...]) -> Specs:
    """Ignore specs of ``top`` (the scan root or the git top level) and every directory between it
    and ``root``: they apply below ``root`` too."""
    inherited: Specs = []
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
    return inherited


def walk_dir(
    directory: str, rel_dir: str, specs: Specs, cfg: WalkConfig, seen_dirs: set[tuple[int, int]],
) -> tuple[list[Candidate | WalkSkip], list[tuple[str, str, Specs]]]:
    """One directory: its files (candidates and skips, sorted by name) and the subdirectories to descend into."""
    out: list[Candidate | WalkSkip] = []
    subdirs: list[tuple[str, str, Specs]] = []
    try:
        st = os.stat(directory)
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            return [WalkSkip(rel_dir or ".", "symlink-loop")], []
        seen_dirs.add(key)
        entries = sorted(os.scandir(directory), key=_by_name)
    except OSError as exc:
        return [WalkSkip(rel_dir or ".", "unreadable", exc.strerror or str(exc))], []
    names = [e.name for e in entries]
    if any(n in names for n in cfg.ignore_names):
        spec = _load_ignore(directory, cfg.ignore_names)
        if spec is not None:
            specs = [*specs, (rel_dir, spec)]
    include, exclude = cfg.include, cfg.exclude
    for entry in entries:
        rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
        try:
            is_link = entry.is_symlink()
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError as exc:
            out.append(WalkSkip(rel, "unreadable", exc.strerror or str(exc)))
            continue
        if is_dir:
            if entry.name in _VCS_DIRS:
                continue
            if entry.name in VENDORED_DIRS and not (entry.name == "build" and _build_context(entry.path)) and not (
                    entry.name == "env" and not _virtualenv(entry.path)):
                out.append(WalkSkip(rel + "/", "vendored-dir"))
            elif specs and cfg.ignored(specs, rel, True):
                out.append(WalkSkip(rel + "/", "ignored"))
            elif exclude is not None and exclude.match_file(rel + "/"):
                out.append(WalkSkip(rel + "/", "excluded"))
            else:
                subdirs.append((entry.path, rel, specs))
            continue
        if is_link:
            try:
                target = os.stat(entry.path)
            except OSError as exc:
                out.append(WalkSkip(rel, "broken-symlink" if not os.path.exists(entry.path) else "unreadable",
                                    exc.strerror or str(exc)))
                continue
            if stat.S_ISDIR(target.st_mode):
                out.append(WalkSkip(rel, "symlink-dir", "directory symlinks are not followed"))
                continue
            size = target.st_size
            regular = stat.S_ISREG(target.st_mode)
        else:
            # the directory entry's type says "regular file" without a stat() call; the size is learnt
            # from the bounded read itself (-1: not known yet)
            try:
                regular = entry.is_file(follow_symlinks=False)
            except OSError as exc:
                out.append(WalkSkip(rel, "unreadable", exc.strerror or str(exc)))
                continue
            size = -1
        if not regular:
            out.append(WalkSkip(rel, "not-a-file"))
            continue
        if entry.name in (".gitignore", ".modelmapignore"):
            continue
        if specs and cfg.ignored(specs, rel, False):
            out.append(WalkSkip(rel, "ignored"))
        elif include is not None and not include.match_file(rel):
            out.append(WalkSkip(rel, "not-included"))
        elif exclude is not None and exclude.match_file(rel):
            out.append(WalkSkip(rel, "excluded"))
        else:
            out.append(Candidate(entry.path, rel, size))
    return out, subdirs


def walk_tree(
    directory: str, rel_dir: str, specs: Specs, cfg: WalkConfig, seen_dirs: set[tuple[int, int]] | None = None,
) -> Iterator[Candidate | WalkSkip]:
    """Depth-first, in name order, from one directory (with the specs that apply to it)."""
    seen = seen_dirs if seen_dirs is not None else set()
    stack: list[tuple[str, str, Specs]] = [(directory, rel_dir, specs)]
    while stack:
        items, subdirs = walk_dir(*stack.pop(), cfg, seen)
        yield from items
        stack.extend(reversed(subdirs))


def ignore_names(use_gitignore: bool) -> tuple[str, ...]:
    return (".gitignore", ".modelmapignore") if use_gitignore else (".modelmapignore",)


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


# the folders an app keeps its UI translations in (i18next, vue-i18n, react-intl, WebExtension `_locales`, gettext):
# their tables map message keys to text for people ("gpt-4": "GPT-4", "placeholder": "llama3.2"), never a setting
_TRANSLATION_DIRS = frozenset({"locales", "locale", "_locales", "i18n", "l10n", "translations"})
_TRANSLATION_EXTS = (".json", ".json5", ".yaml", ".yml", ".toml", ".po", ".pot", ".properties", ".ts", ".js",
                     ".mjs", ".cjs")


def translation_table(relpath: str) -> bool:
    """A UI translation table: a data or message module (``src/i18n/locales/en.json``,
    ``src/assets/locale/zh/openai.json``, ``_locales/en/messages.json``, ``locales/en-US.ts``) below a folder
    named for translations. Its strings are display text, as comments are, so the file is not read."""
    if not relpath.lower().endswith(_TRANSLATION_EXTS):
        return False
    return any(part.lower() in _TRANSLATION_DIRS for part in relpath.split("/")[:-1])


def file_skip_reason(name: str, relpath: str | None = None) -> str | None:
    """Cheap, name-only reasons not to read a file (``relpath``: also the folder-named ones)."""
    if relpath is not None and translation_table(relpath):
        return "translations"
    if name in LOCK_FILES or name.endswith(_LOCK_SUFFIXES):
        return "lock-file"  # also a renamed or backed-up copy ("2package-lock.json", "old-yarn.lock")
    if name in MODELMAP_CONFIGS:
        return "modelmap-config"  # modelmap's own policy and model declarations, not product code
    low = name.lower()
    if low.endswith(_MINIFIED_SUFFIXES):
        return "minified"
    return None
