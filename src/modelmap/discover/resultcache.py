"""A persistent per-file result cache for ``modelmap scan`` (issue 10; the way ruff caches lint results).

A file whose analysis ran before, with the same bytes at the same path under the same scan root, with the same
modelmap code, knowledge base, installed packages and analysis options, gets that analysis's findings, skips
and cross-file uses back instead of being parsed again. Everything after the per-file analysis (cross-file
linking, catalogs, provenance, inspection, output) runs as before on the whole result, so a warm scan's output
is the cold scan's.

What the key covers, and why that is all a file's analysis reads (engine._analyse): the file's bytes (BLAKE2b)
and its path relative to the scan root (the sources read the path: file role, language, Helm templates, Python
package, JS module); the scan root itself (one cache file per root); a fingerprint of the rest:
``modelmap.__version__``, the bytes of every ``.py`` file of the installed modelmap package, the knowledge
base's own cache key (every data file's path, size and mtime), the names (so the versions) of every installed
distribution on ``sys.path`` (tree-sitter grammars, PyYAML, RE2 and the rest parse the files), the Python
version, and the options a file's analysis is given (budgets, findings cap). A different fingerprint is a
different cache file: a cache is never read across versions. A file whose analysis ran into the time budget or
raised is not stored (a time budget is not a property of the bytes).

Safety: JSON only (never pickle); every entry is checked field by field on load and one that is anything but
the exact shape written is dropped (a miss, never an error); the cache folder must be a real folder (not a
symlink) owned by this user and not writable by others, and a cache file is opened without following a symlink
and must be a regular file of this user's, at most ``MAX_BYTES`` long; writes go to a fresh temp file renamed
into place (a symlink planted at the cache file's name is replaced, never written through). At most
``KEEP_FILES`` cache files are kept (the least recently written go first), each with the entries of the last
scan of its root only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, get_args

from modelmap.types import Context, Finding, Kind, Location, Role, Skip, SymbolUse

SCHEMA = "modelmap.scan-cache/1"
MAX_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 500_000
KEEP_FILES = 32
_PREFIX = "scan-"
_SUFFIX = ".json"
# reasons that say the analysis was cut short by time or failed: such a result is not a property of the bytes
UNCACHEABLE = frozenset({"analysis-budget", "source-error", "scan-error", "too-large"})

Entry = list[Any]  # [digest, findings, skips, uses], each item a list of plain JSON values


def default_dir() -> Path:
    """``$MODELMAP_CACHE_DIR/scan``, else ``$XDG_CACHE_HOME/modelmap/scan`` or ``~/.cache/modelmap/scan``."""
    from modelmap.knowledge.loader import _cache_dir

    return _cache_dir() / "scan"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


# --------------------------------------------------------------------------- encoding (plain JSON values)

_STR = str
_OPT_STR = (str, type(None))


def _enc_finding(f: Finding) -> list[Any] | None:
    """A finding as a list of JSON values, or None when a field is not of a type JSON brings back exactly."""
    if f.resolution is not None:
        return None
    d = f.definition
    row = [f.path, f.line, f.column, f.raw, f.kind, f.role, f.context, f.source, f.provider, f.endpoint, f.symbol,
           f.confidence, f.cell, f.cell_line, f.api, None if f.evidence is None else list(f.evidence),
           None if d is None else [d.path, d.line, d.column]]
    return row if _dec_finding(row) == f else None


def _int(v: Any) -> bool:
    return type(v) is int


def _opt_int(v: Any) -> bool:
    return v is None or type(v) is int


def _str(v: Any) -> bool:
    return type(v) is str


def _opt_str(v: Any) -> bool:
    return v is None or type(v) is str


def _dec_finding(row: Any) -> Finding | None:
    if type(row) is not list or len(row) != 17:
        return None
    (path, line, column, raw, kind, role, context, source, provider, endpoint, symbol, confidence, cell, cell_line,
     api, evidence, definition) = row
    if not (_str(path) and _int(line) and _int(column) and _str(raw) and _str(kind) and _str(role) and _str(context)
            and _str(source) and _opt_str(provider) and _opt_str(endpoint) and _opt_str(symbol)
            and type(confidence) in (float, int) and _opt_int(cell) and _opt_int(cell_line) and _opt_str(api)):
        return None
    # values a finding can have: a forged entry's kind, role or context outside the enums, a negative position or
    # a confidence outside [0, 1] is not one a scan writes
    if kind not in _KINDS or role not in _ROLES or context not in _CONTEXTS or line < 0 or column < 0 \
            or not 0 <= confidence <= 1:
        return None
    if evidence is not None and not (type(evidence) is list and all(_str(e) for e in evidence)):
        return None
    loc = None
    if definition is not None:
        if not (type(definition) is list and len(definition) == 3 and _str(definition[0]) and _int(definition[1])
                and _int(definition[2])):
            return None
        loc = Location(definition[0], definition[1], definition[2])
    return Finding(path, line, column, raw, kind, role, context, source, provider, endpoint, symbol, confidence,
                   cell, cell_line, api, None if evidence is None else tuple(evidence), None, loc)


_KINDS = frozenset(get_args(Kind))
_ROLES = frozenset(get_args(Role))
_CONTEXTS = frozenset(get_args(Context))


def _enc_skip(s: Skip) -> list[Any] | None:
    row = [s.path, s.reason, s.detail]
    return row if _dec_skip(row) == s else None


def _dec_skip(row: Any) -> Skip | None:
    if type(row) is not list or len(row) != 3 or not all(_str(v) for v in row):
        return None
    return Skip(row[0], row[1], row[2])


def _enc_use(u: SymbolUse) -> list[Any] | None:
    row = [u.path, u.line, u.column, u.module, u.name, u.source, u.api, u.role, u.provider, u.endpoint, u.symbol,
           u.context]
    return row if _dec_use(row) == u else None


def _dec_use(row: Any) -> SymbolUse | None:
    if type(row) is not list or len(row) != 12:
        return None
    path, line, column, module, name, source, api, role, provider, endpoint, symbol, context = row
    if not (_str(path) and _int(line) and _int(column) and _str(module) and _str(name) and _str(source)
            and _opt_str(api) and _opt_str(role) and _opt_str(provider) and _opt_str(endpoint) and _opt_str(symbol)
            and _str(context)):
        return None
    return SymbolUse(path, line, column, module, name, source, api, role, provider, endpoint, symbol, context)


def encode(file_digest: str, found: Sequence[Finding], skips: Sequence[Skip],
           uses: Sequence[SymbolUse]) -> Entry | None:
    """The cache entry for one file's analysis, or None when it must not be cached (cut short, or a value
    JSON would not give back exactly)."""
    if any(s.reason in UNCACHEABLE for s in skips):
        return None
    fs = [_enc_finding(f) for f in found]
    ss = [_enc_skip(s) for s in skips]
    us = [_enc_use(u) for u in uses]
    if any(x is None for x in fs) or any(x is None for x in ss) or any(x is None for x in us):
        return None
    return [file_digest, fs, ss, us]


def decode(entry: Any) -> tuple[str, list[Finding], list[Skip], list[SymbolUse]] | None:
    """An entry read back, or None for anything that is not exactly the shape ``encode`` writes."""
    if type(entry) is not list or len(entry) != 4 or not _str(entry[0]):
        return None
    rows = entry[1:]
    if not all(type(r) is list for r in rows):
        return None
    found = [_dec_finding(r) for r in rows[0]]
    skips = [_dec_skip(r) for r in rows[1]]
    uses = [_dec_use(r) for r in rows[2]]
    if any(x is None for x in found) or any(x is None for x in skips) or any(x is None for x in uses):
        return None
    return entry[0], found, skips, uses  # type: ignore[return-value]


# --------------------------------------------------------------------------- the key

def _code_digest() -> str:
    """Every ``.py`` file of the modelmap package, by relative path and bytes."""
    import modelmap

    base = Path(modelmap.__file__).resolve().parent
    h = hashlib.blake2b(digest_size=20)
    files: list[tuple[str, str]] = []
    stack = [(str(base), "")]
    while stack:
        folder, rel = stack.pop()
        with os.scandir(folder) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False) and e.name != "__pycache__":
                    stack.append((e.path, f"{rel}{e.name}/"))
                elif e.name.endswith(".py") and e.is_file(follow_symlinks=False):
                    files.append((f"{rel}{e.name}", e.path))
    for name, path in sorted(files):
        with open(path, "rb") as fh:
            data = fh.read()
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def _installed() -> list[str]:
    """The installed distributions' metadata folder names (name and version) on ``sys.path``."""
    names: set[str] = set()
    for entry in sys.path:
        with contextlib.suppress(OSError):
            if os.path.isdir(entry or "."):
                names.update(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
    return sorted(names)


def fingerprint(options: Iterable[Any]) -> str:
    import modelmap
    from modelmap.knowledge.loader import _digest

    h = hashlib.sha256()
    for part in (SCHEMA, modelmap.__version__, sys.version, _code_digest(), _digest(), *_installed(),
                 *map(repr, options)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


# --------------------------------------------------------------------------- the folder and the file

def _private_dir(path: Path, *, create: bool) -> bool:
    """True when ``path`` is a real folder (not a symlink) of this user that no one else can write to; created
    (0700) when absent and ``create``."""
    if not hasattr(os, "getuid"):
        return False  # no owner to check (Windows): no cache
    try:
        if create and not os.path.lexists(path):
            os.makedirs(path, mode=0o700, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


def usable_dir(folder: Path, *, create: bool) -> bool:
    """The cache folder and its parent are both private folders of this user (neither a symlink)."""
    if not hasattr(os, "getuid"):
        return False
    parent = folder.parent
    try:
        pst = os.lstat(parent) if os.path.lexists(parent) else None
    except OSError:
        return False
    if pst is not None and (stat.S_ISLNK(pst.st_mode) or pst.st_uid != os.getuid() or pst.st_mode & 0o022):
        return False
    return _private_dir(folder, create=create)


def _read_private(path: Path) -> bytes | None:
    """The file's bytes when it is a regular file of this user's, opened without following a symlink."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_size > MAX_BYTES:
            return None
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 22)
            if not chunk:
                break
            chunks.append(chunk)
            if sum(map(len, chunks)) > MAX_BYTES:
                return None
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


class ResultCache:
    """One scan root's entries: loaded once before the scan (forked helpers inherit them), written once after."""

    def __init__(self, folder: Path, root: str, options: Iterable[Any]) -> None:
        self.folder = folder
        self.root = root
        self.fp = fingerprint(options)
        name = hashlib.sha256(f"{root}\0{self.fp}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
        self.path = folder / f"{_PREFIX}{name}{_SUFFIX}"
        self.entries: dict[str, Any] = {}
        self.enabled = usable_dir(folder, create=True)
        if self.enabled:
            self._load()

    def _load(self) -> None:
        raw = _read_private(self.path)
        if raw is None:
            return
        try:
            doc = json.loads(raw)
        except (ValueError, RecursionError, MemoryError):  # a JSON bomb in a file of MAX_BYTES: a miss
            return
        if type(doc) is not dict or doc.get("schema") != SCHEMA or doc.get("fingerprint") != self.fp \
                or doc.get("root") != self.root or type(doc.get("entries")) is not dict:
            return
        self.entries = doc["entries"]

    def get(self, relpath: str, file_digest: str) -> tuple[list[Finding], list[Skip], list[SymbolUse]] | None:
        entry = self.entries.get(relpath)
        if entry is None:
            return None
        got = decode(entry)
        if got is None or got[0] != file_digest:
            return None
        # every finding, skip and use of a file's entry is that file's: a forged entry cannot add results to
        # another path (or to one outside the scan root)
        if any(x.path != relpath for part in got[1:] for x in part):
            return None
        return got[1], got[2], got[3]

    def save(self, used: Iterable[str], new: dict[str, Entry], *, partial: bool = False) -> None:
        """Keep the entries used this run and the new ones (and, after a ``partial`` scan that read only some
        files, every old entry too); write only when that changes the file."""
        if not self.enabled:
            return
        kept = dict(self.entries) if partial else {rp: self.entries[rp] for rp in used if rp in self.entries}
        if not new and len(kept) == len(self.entries):
            return
        kept.update(new)
        if len(kept) > MAX_ENTRIES:
            return
        body = json.dumps({"schema": SCHEMA, "fingerprint": self.fp, "root": self.root, "entries": kept},
                          separators=(",", ":")).encode("utf-8", "surrogatepass")
        if len(body) > MAX_BYTES or not usable_dir(self.folder, create=False):
            return
        from modelmap.fsutil import sweep_stale_temps, write_atomic

        with contextlib.suppress(OSError):
            write_atomic(self.path, body, mode=0o600)  # a temp file renamed over the name: never through a link
            sweep_stale_temps(self.folder)
            self._prune()

    def _prune(self) -> None:
        files = []
        for e in os.scandir(self.folder):
            if e.name.startswith(_PREFIX) and e.name.endswith(_SUFFIX) and e.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    files.append((e.stat(follow_symlinks=False).st_mtime, e.path))
        files.sort(reverse=True)
        for _mtime, path in files[KEEP_FILES:]:
            with contextlib.suppress(OSError):
                os.unlink(path)
