"""The paths git tracks, read from the repository's index file (``.git/index``), so that a tracked file is scanned
even where a ``.gitignore`` pattern matches it: git ignores only untracked files, and a project that commits a
folder its ``.gitignore`` names (a Go example folder also listed to keep its compiled binary out, a force-added
``config/``) ships that code.

Hand-written because the libraries that read an index (GitPython, dulwich, pygit2) are not dependencies here, and
running ``git ls-files`` would execute a program whose behaviour the scanned repository's own config can change
(``core.fsmonitor`` runs a command). The format is small and documented
(https://git-scm.com/docs/index-format, as_of 2026-12-05): a 12-byte header (``DIRC``, version 2-4, entry count),
then per entry 40 bytes of stat data, the object id (20 bytes for SHA-1; 32 for SHA-256 repositories), 2 bytes of
flags, 2 more for version 3+ extended entries, and the path: NUL-terminated and NUL-padded to a multiple of 8 bytes
(versions 2 and 3), or prefix-compressed against the previous path with no padding (version 4).

Bounded: the index file is read up to MAX_INDEX_BYTES and at most MAX_ENTRIES paths are kept; a path is at most
MAX_PATH_BYTES and all of them (and the folders above them) at most MAX_PATH_TOTAL bytes, since version 4's prefix
compression lets a 32 MB index spell 500,000 paths each one byte longer than the last (125 GB); a file over any of
these, malformed or unreadable gives None (the walk then behaves as it would without an index: .gitignore alone
decides). Paths are only looked up, never opened: an entry naming ``../x`` or ``/etc/x`` matches no path the walk
asks about, so nothing outside the scanned root is read because of one.
"""

from __future__ import annotations

import os
import struct

from modelmap.fsutil import read_regular

MAX_INDEX_BYTES = 64 << 20
MAX_ENTRIES = 500_000
# git's own entry flags hold a name length of at most 0xFFF (longer is written as 0xFFF), and no file system the walk
# reads resolves a longer relative path (PATH_MAX 4096)
MAX_PATH_BYTES = 4096
MAX_PATH_TOTAL = 64 << 20  # bytes of all paths kept, and again of all their folders: a real 500,000-file index ~30 MB
_MAX_UP = 64  # directories climbed from the scan root to find the repository's top


def find_git_dir(start: str) -> tuple[str, str] | None:
    """(the repository's top folder, its git directory) for ``start`` or the nearest folder above it with a
    ``.git`` entry: a directory, or a file ``gitdir: <path>`` (a worktree or submodule)."""
    here = os.path.abspath(start)
    for _ in range(_MAX_UP):
        dot_git = os.path.join(here, ".git")
        if os.path.isdir(dot_git) and not os.path.islink(dot_git):
            return here, dot_git
        if os.path.isfile(dot_git) and not os.path.islink(dot_git):
            try:
                data = read_regular(dot_git, 4096)
            except OSError:
                return None
            text = (data or b"").decode("utf-8", "replace").strip()
            if not text.startswith("gitdir:"):
                return None
            target = text[len("gitdir:"):].strip()
            return here, os.path.normpath(os.path.join(here, target))
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent
    return None


def _oid_size(git_dir: str) -> int:
    """20 (SHA-1), or 32 where the repository's config names ``objectformat = sha256``."""
    try:
        data = read_regular(os.path.join(git_dir, "config"), 1 << 20) or b""
    except OSError:
        return 20
    for line in data.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition("=")
        if key.strip().lower() == "objectformat" and value.strip().lower() == "sha256":
            return 32
    return 20


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    """git's offset encoding (version 4 path prefixes): each continuation byte adds one before the shift."""
    c = data[pos]
    pos += 1
    value = c & 0x7F
    while c & 0x80:
        c = data[pos]
        pos += 1
        value = ((value + 1) << 7) | (c & 0x7F)
        if value > MAX_INDEX_BYTES:
            raise ValueError("prefix length out of range")
    return value, pos


def parse_index(data: bytes, oid_size: int = 20) -> list[str] | None:
    """The paths of an index file's entries (stage entries of a conflict appear once per stage), or None where the
    data is not a readable index of versions 2-4 within MAX_ENTRIES."""
    if len(data) < 12 or data[:4] != b"DIRC":
        return None
    version, count = struct.unpack(">II", data[4:12])
    if version not in (2, 3, 4) or count > MAX_ENTRIES:
        return None
    fixed = 40 + oid_size + 2
    paths: list[str] = []
    pos = 12
    previous = b""
    total = 0
    try:
        for _ in range(count):
            start = pos
            if pos + fixed > len(data):
                return None
            flags = struct.unpack(">H", data[pos + 40 + oid_size: pos + fixed])[0]
            pos += fixed
            if version >= 3 and flags & 0x4000:
                pos += 2
            if version == 4:
                strip, pos = _varint(data, pos)
                end = data.index(b"\0", pos)
                if strip > len(previous):
                    return None
                name = previous[:len(previous) - strip] + data[pos:end]
                pos = end + 1
            else:
                end = data.index(b"\0", pos)
                name = data[pos:end]
                pos = start + ((end - start) // 8 + 1) * 8  # NUL padding to a multiple of 8 (1 to 8 NULs)
            total += len(name)
            if len(name) > MAX_PATH_BYTES or total > MAX_PATH_TOTAL:
                return None  # a prefix-compression bomb (or a path no file system resolves): not a usable index
            previous = name
            paths.append(name.decode("utf-8", "surrogateescape"))
    except (ValueError, IndexError, struct.error):
        return None
    return paths


class Tracked:
    """The tracked paths under one scan root, loaded on first use (a walk that meets no ignored path never reads the
    index). ``offset`` is the scan root's path below the repository's top (``""`` at the top)."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._files: frozenset[str] | None = None
        self._dirs: frozenset[str] = frozenset()
        self._loaded = False

    def _load(self) -> None:
        self._loaded = True
        found = find_git_dir(self.root)
        if found is None:
            return
        top, git_dir = found
        offset = os.path.relpath(os.path.abspath(self.root), top).replace(os.sep, "/")
        if offset.startswith(".."):
            return
        prefix = "" if offset == "." else offset + "/"
        try:
            data = read_regular(os.path.join(git_dir, "index"), MAX_INDEX_BYTES + 1)
        except OSError:
            return
        if data is None or len(data) > MAX_INDEX_BYTES:
            return
        paths = parse_index(data, _oid_size(git_dir))
        if paths is None:
            return
        files = {p[len(prefix):] for p in paths if p.startswith(prefix)}
        dirs: set[str] = set()
        size = 0  # a path's folders are as many strings as it has slashes: 2,000-deep paths make quadratic bytes
        for path in files:
            cut = path.rfind("/")
            while cut > 0:
                parent = path[:cut]
                if parent in dirs:
                    break
                size += cut
                if size > MAX_PATH_TOTAL:
                    return
                dirs.add(parent)
                cut = path.rfind("/", 0, cut)
        self._files, self._dirs = frozenset(files), frozenset(dirs)

    def preload(self) -> None:
        """Read the index now (the scan's parent does, before its helpers fork, so that each does not read and parse
        it again on meeting its first ignored path)."""
        if not self._loaded:
            self._load()

    def has(self, rel: str, is_dir: bool) -> bool:
        """Whether git tracks the file ``rel`` (relative to the scan root), or any file below the folder ``rel``."""
        if not self._loaded:
            self._load()
        if self._files is None:
            return False
        return rel in self._dirs if is_dir else rel in self._files
