"""The scan engine: walk → name checks → bounded read → prefilter → sources, in parallel.

Every file ends up either scanned or counted as a Skip with a reason; a source that raises
on a file becomes a ``source-error`` skip for that file, never a crash. Work is split into
batches of files handed to a process pool (fork) when the tree is large enough to pay for it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelmap.discover import SOURCES
from modelmap.discover.base import (
    DEFAULT_BUDGET_SECONDS,
    DEFAULT_BUDGET_STEPS,
    GENERATED_LINE,
    MAX_FINDINGS_PER_FILE,
    BudgetExceeded,
    Source,
    SourceFile,
    budget_skip,
    file_budget,
    looks_generated,
)
from modelmap.discover.classifier import evidence_of
from modelmap.discover.context import context_for, mark_catalogs
from modelmap.discover.gitindex import Tracked
from modelmap.discover.hidden import hidden_value_skip
from modelmap.discover.links import link_uses
from modelmap.discover.model_files import STAND_IN_MAX, is_model_file, tensor_fixture, text_stand_in
from modelmap.discover.prefilter import matcher, may_contain_model
from modelmap.discover.resultcache import ResultCache, digest, encode
from modelmap.discover.uris import with_location_evidence
from modelmap.discover.walk import (
    Candidate,
    Specs,
    WalkConfig,
    WalkSkip,
    file_skip_reason,
    gitignore_spec,
    ignore_names,
    root_specs,
    walk_dir,
    walk_tree,
)
from modelmap.errors import UsageError
from modelmap.fsutil import read_regular
from modelmap.types import Finding, ScanResult, ScanStats, Skip, SymbolUse

if TYPE_CHECKING:
    import pathspec

DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024
# a Jupyter notebook's size is mostly its outputs (plots as base64 PNG, tables, logs), which the notebook reader drops
# unread: its code cells are a small part of it, so it may be this many times the limit (32 MiB by default) before it
# is a 'too-large' skip (a 5 MB notebook with one plot lost every model its cells use)
NOTEBOOK_SIZE_FACTOR = 8


def size_limit(max_file_bytes: int, name: str) -> int:
    """The size past which the file ``name`` is a 'too-large' skip: ``max_file_bytes``, or for a notebook
    ``NOTEBOOK_SIZE_FACTOR`` times it."""
    return max_file_bytes * NOTEBOOK_SIZE_FACTOR if name.lower().endswith(".ipynb") else max_file_bytes


def json_values_bound(data: bytes) -> int:
    """An upper bound on the values a JSON document holds, counted without parsing it: every value inside an array or
    object follows its opening bracket or a comma (a comma or bracket inside a string only raises the bound)."""
    return data.count(b",") + data.count(b"[") + data.count(b"{") + 1


_BINARY_EXT = frozenset({
    "png", "jpg", "jpeg", "gif", "webp", "ico", "bmp", "tiff", "svgz", "pdf", "zip", "gz", "tgz", "bz2", "xz", "7z",
    "rar", "tar", "jar", "war", "whl", "egg", "so", "dll", "dylib", "exe", "o", "a", "lib", "class", "pyc", "pyo",
    "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "wav", "flac", "ogg", "mov", "avi", "mkv", "webm", "parquet",
    "arrow", "feather", "npy", "npz", "db", "sqlite", "sqlite3", "bin", "dat", "pt", "pth", "h5", "pkl", "pickle",
})
ProgressFn = Callable[[int, int], None]


@dataclass
class ScanOptions:
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    changed_since: str | None = None
    gitignore: bool = True
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    jobs: int | None = None
    # per-file analysis budget (see discover.base.Budget): past it a source falls back to a cheaper pass
    budget_seconds: float = DEFAULT_BUDGET_SECONDS
    budget_steps: int = DEFAULT_BUDGET_STEPS
    max_findings_per_file: int = MAX_FINDINGS_PER_FILE
    sources: tuple[Source, ...] = field(default_factory=lambda: SOURCES)
    # a folder for the persistent per-file result cache (discover/resultcache.py); None: no cache
    cache: str | os.PathLike[str] | None = None


@dataclass
class _Batch:
    findings: list[Finding] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    uses: list[SymbolUse] = field(default_factory=list)
    scanned: int = 0
    matched: int = 0
    bytes: int = 0
    cache_used: list[str] = field(default_factory=list)  # relpaths answered from the result cache
    cache_new: dict[str, Any] = field(default_factory=dict)  # relpath -> new cache entry


_applicable_cache: dict[tuple[int, str, bool], tuple[tuple[Source, ...], list[Source]]] = {}


def _applicable(opts: ScanOptions, relpath: str, name: str) -> list[Source]:
    """Sources that read this file, cached by the exact file name (case kept: ``x.py`` and ``X.PY`` differ for
    the Python source) and whether a ``templates/`` folder holds it (the Kubernetes source reads Helm ``.tpl``
    files only there): every ``applies_to`` reads nothing else of the path (tests/test_engine_applicable.py).
    A cache by extension alone gave order-dependent answers: ``env.sh.example`` (dotenv) and
    ``application.yml.example`` (none) share ``example``, and so do ``templates/_helpers.tpl`` and
    ``tests/x.tpl``; whichever came first decided for the rest of the run."""
    key = (id(opts.sources), name, "/templates/" in f"/{relpath.lower()}")
    hit = _applicable_cache.get(key)
    if hit is not None and hit[0] is opts.sources:  # the same tuple, not a new one at a reused address
        return hit[1]
    found = [s for s in opts.sources if getattr(s, "reads_content", True) and s.applies_to(relpath)]
    if len(_applicable_cache) < 100_000:
        _applicable_cache[key] = (opts.sources, found)
    return found


def _scan_file(cand: Candidate, opts: ScanOptions, out: _Batch) -> None:
    """One file, whatever happens: an error anywhere below becomes a counted Skip, never a failed scan."""
    findings, skips, scanned, matched, nbytes = len(out.findings), len(out.skips), out.scanned, out.matched, out.bytes
    uses = len(out.uses)
    try:
        _scan_one(cand, opts, out)
    except Exception as exc:  # one bad file never aborts the scan (MemoryError and RecursionError included)
        # drop whatever the file half-contributed, and count it once as skipped
        del out.findings[findings:], out.skips[skips:], out.uses[uses:]
        out.scanned, out.matched, out.bytes = scanned, matched, nbytes
        reason = "too-large" if isinstance(exc, MemoryError) else "scan-error"
        out.skips.append(Skip(cand.relpath, reason, f"{exc.__class__.__name__}: {exc}"[:300]))


def _scan_one(cand: Candidate, opts: ScanOptions, out: _Batch) -> None:
    name = cand.relpath.rsplit("/", 1)[-1]
    if is_model_file(cand.relpath):
        if cand.size <= STAND_IN_MAX:  # -1: not stat-ed by the walk; the read is bounded either way
            try:
                head = read_regular(cand.abspath, STAND_IN_MAX + 1)
            except OSError:
                head = None  # unreadable here: reported by its name as before
            if head is not None and (text_stand_in(head) or (cand.relpath.endswith(".safetensors")
                                                             and tensor_fixture(head))):
                out.scanned += 1  # a test's text in the weights' place (model_files.text_stand_in), or a few values
                return  # in a tensor file a reader's tests load (tensor_fixture): no model
        context = context_for(cand.relpath)
        for src in opts.sources:
            if getattr(src, "reads_content", True) is False and src.applies_to(cand.relpath):
                out.findings.extend(f for f in src.scan(SourceFile(cand.relpath, "", context)) if isinstance(f, Finding))
        out.scanned += 1
        out.matched += 1
        return
    reason = file_skip_reason(name, cand.relpath)
    if reason:
        out.skips.append(Skip(cand.relpath, reason))
        return
    applicable = _applicable(opts, cand.relpath, name)
    if not applicable:
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        out.skips.append(Skip(cand.relpath, "binary" if ext in _BINARY_EXT else "unsupported-type"))
        return
    limit = size_limit(opts.max_file_bytes, name)
    if cand.size > limit:
        out.skips.append(Skip(cand.relpath, "too-large", f"{cand.size} bytes > limit {limit}"))
        return
    try:
        data = _read(cand.abspath, limit + 1)
    except _NotRegular as exc:
        out.skips.append(Skip(cand.relpath, "not-a-file", str(exc)))
        return
    except OSError as exc:
        out.skips.append(Skip(cand.relpath, "unreadable", exc.strerror or str(exc)))
        return
    if len(data) > limit:
        try:
            size = os.stat(cand.abspath).st_size
        except OSError:
            size = len(data)
        detail = f"{size} bytes > limit {limit}" if size > limit else \
            f"grew past the limit of {limit} bytes"
        out.skips.append(Skip(cand.relpath, "too-large", detail))
        return
    if len(data) > opts.max_file_bytes and (values := json_values_bound(data)) > opts.max_file_bytes // 3:
        # a notebook past the ordinary limit is read only when its bulk is a few large outputs (plots, logs): parsed
        # whole, 30 MB of `[],[],...` held 10 million lists (860 MB); at most as many values as a file at the limit
        out.skips.append(Skip(cand.relpath, "too-large", f"{len(data)} bytes > limit {opts.max_file_bytes}, and up to "
                              f"{values} JSON values (a notebook past the limit is read when its bulk is a few outputs)"))
        return
    if b"\x00" in data[:8192]:
        out.skips.append(Skip(cand.relpath, "binary", "NUL byte in the first 8 KiB"))
        return
    if name.endswith((".js", ".mjs", ".cjs", ".css")) and _looks_minified(data):
        out.skips.append(Skip(cand.relpath, "minified", "average line longer than 500 characters"))
        return
    if not name.endswith(_LONG_LINES_OK) and looks_generated(data):
        # a megabyte-scale file of a few enormous lines is generated (bundles, dumps, data as code): parsing one
        # costs hundreds of MB of syntax tree for no hand-written model reference; it is reported, not parsed
        out.skips.append(Skip(cand.relpath, "generated", f"{len(data)} bytes in lines averaging over "
                                                         f"{GENERATED_LINE} characters"))
        return
    if name.endswith(_OUTPUT_NAMES) and (what := own_output(data)) is not None:
        out.skips.append(Skip(cand.relpath, "modelmap-output", f"{what} written by modelmap: its models are "
                                                               "counted where the code uses them, not again here"))
        return
    out.scanned += 1
    out.bytes += len(data)
    # the prefilter runs on raw bytes: a file without any keyword is never decoded or parsed
    if not may_contain_model(data):
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        out.scanned -= 1
        out.bytes -= len(data)
        out.skips.append(Skip(cand.relpath, "invalid-utf8", f"byte {exc.start}"))
        return
    out.matched += 1
    cache = _CACHE[0] if _CACHE else None
    if cache is None:
        _analyse(cand.relpath, text, applicable, opts, out)
        return
    key = digest(data)
    hit = cache.get(cand.relpath, key)
    if hit is not None:
        out.findings.extend(hit[0])
        out.skips.extend(hit[1])
        out.uses.extend(hit[2])
        out.cache_used.append(cand.relpath)
        return
    findings, skips, uses = len(out.findings), len(out.skips), len(out.uses)
    _analyse(cand.relpath, text, applicable, opts, out)
    entry = encode(key, out.findings[findings:], out.skips[skips:], out.uses[uses:])
    if entry is not None:
        out.cache_new[cand.relpath] = entry


def _analyse(relpath: str, text: str, applicable: list[Source], opts: ScanOptions, out: _Batch) -> None:
    """A file's analysis: what it reports depends on its path, its text and ``opts`` only (``applicable``
    comes from the path and ``opts``); the result cache relies on that (discover/resultcache.py)."""
    file = SourceFile(relpath, text, context_for(relpath))
    found: list[Finding] = []
    skips_before = len(out.skips)
    for src in applicable:
        # each source gets its own allowance: a slow config walk does not starve the k8s source
        with file_budget(opts.budget_seconds, opts.budget_steps, opts.max_findings_per_file) as allowance:
            reported = len(out.skips)
            try:
                for item in src.scan(file):
                    if isinstance(item, Finding):
                        found.append(item)
                    elif isinstance(item, SymbolUse):
                        out.uses.append(item)
                    else:
                        out.skips.append(item)
            except BudgetExceeded as exc:
                out.skips.append(budget_skip(relpath, src.id, exc, "stopped; findings so far kept"))
            except Exception as exc:  # MemoryError and RecursionError included: a counted skip
                out.skips.append(Skip(relpath, "source-error",
                                      f"{src.id}: {exc.__class__.__name__}: {exc}"[:300]))
            if allowance.spent and not any(s.reason == "analysis-budget" for s in out.skips[reported:]):
                # a helper that returns its partial result and leaves the budget spent (shell.scan_command_line)
                # relies on the caller's next step to raise; on the file's last line there is none
                out.skips.append(budget_skip(relpath, src.id, allowance.spent, "stopped; findings so far kept"))
            if allowance.dropped and not any(s.reason == "findings-capped" for s in out.skips[reported:]):
                out.skips.append(Skip(relpath, "findings-capped",
                                      f"{src.id}: more than {allowance.max_findings} findings in one file; "
                                      "the first ones are kept"))
    if not found and len(out.skips) == skips_before and (hidden := hidden_value_skip(relpath, text)) is not None:
        out.skips.append(hidden)  # a model setting whose value holds escapes or bidi characters: not silently lost
    found = [with_location_evidence(f) for f in found]  # a model URI's scheme and the model id inside it
    cap = opts.max_findings_per_file  # each source is capped on its own (discover.base.Budget); all of them too
    if len(found) > cap:
        out.skips.append(Skip(relpath, "findings-capped",
                              f"{len(found)} findings in one file; the first {cap} are kept"))
        found.sort(key=lambda f: (f.line, f.column))
        del found[cap:]
    out.findings.extend(found)


_LONG_LINES_OK = (".json", ".jsonl", ".ndjson", ".ipynb")  # data formats: one-line files are normal, parsed linearly


# modelmap's own documents saved in the tree they describe (scan -o scan.json, bom -o bom.cdx.json, check -f sarif):
# read as configuration, each repeated every model as a use again, so one call in a.py became 55 uses once the scan,
# both BOMs and the CycloneDX XML were kept next to it, and a model removed from the code stayed "in use" through an
# old report. Recognised by what only modelmap writes: its schema ids, its tool reference in a BOM, its SARIF driver
# URI, its JUnit suite name, and a JSON Lines finding's first keys (scan -f jsonl). One bounded pass over the bytes.
_OUTPUT_NAMES = (".json", ".jsonl", ".ndjson", ".sarif", ".xml")
_OWN_OUTPUT = re.compile(
    rb'"schema": ?"(modelmap\.[a-z]{1,20})/[0-9]'  # scan, check, trace, runtime, ... JSON
    rb'|"bom-ref": ?"tool:(modelmap)"|bom-ref="tool:(modelmap)"'  # CycloneDX JSON / XML by bom
    rb'|#tool/(modelmap)"'  # SPDX 3 JSON-LD by bom --format spdx
    rb'|"informationUri": ?"https://github\.com/modelmap/(modelmap)"'  # SARIF by check
    rb'|<testsuites name="(modelmap) check"')  # JUnit XML by check
_JSONL_FINDING = re.compile(rb'\{"path": "(?:[^"\\\n]|\\.){0,4096}", "line": (?:[0-9]{1,12}|null), '
                            rb'"column": (?:[0-9]{1,12}|null), "raw": "')


def own_output(data: bytes) -> str | None:
    """What kind of modelmap output ``data`` is ("a modelmap.scan document", "a BOM", ...), or None."""
    if _JSONL_FINDING.match(data.lstrip()):
        return "a scan in JSON Lines"
    m = _OWN_OUTPUT.search(data) if b"modelmap" in data else None
    if m is None:
        return None
    if m.group(1):
        return f"a {m.group(1).decode()} document"
    return "a BOM" if m.lastindex in (2, 3, 4) else "a SARIF log" if m.lastindex == 5 else "a JUnit report"


def _looks_minified(data: bytes) -> bool:
    if len(data) < 2000:
        return False
    lines = data.count(b"\n") + 1
    return len(data) / lines > 500


class _NotRegular(OSError):
    """The path is no longer a regular file (a FIFO, socket or device put in its place)."""


def _read(path: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file; a FIFO or device that took the place of a file after the
    walk raises ``_NotRegular`` (never blocks the scan)."""
    data = read_regular(path, limit)
    if data is None:
        raise _NotRegular("not a regular file (FIFO, socket or device)")
    return data


def _scan_batch(batch: list[Candidate], opts: ScanOptions) -> _Batch:
    out = _Batch()
    for cand in batch:
        _scan_file(cand, opts, out)
    return out


@dataclass
class _Unit:
    """One piece of parallel work: a list of files, or a directory tree that the worker walks itself."""

    files: list[Candidate] = field(default_factory=list)
    tree: tuple[str, str, Specs] | None = None  # (abspath, relpath, ignore specs that apply)
    prefix: str = ""  # relpath prefix when several paths are scanned
    cfg: WalkConfig | None = None


# The scan's result cache, set in scan_paths before any file is read (forked helpers inherit it); empty: none.
_CACHE: list[ResultCache] = []
# Set in the parent just before the pool forks; workers look their unit up by index. (Ignore specs
# can hold compiled matchers that do not pickle, and nothing needs to cross the pipe but an int.)
_UNITS: list[_Unit] = []
_UNIT_OPTS: list[ScanOptions] = []


def _run_unit(index: int) -> _Batch:
    return _run(_UNITS[index], _UNIT_OPTS[0])


def _run(unit: _Unit, opts: ScanOptions) -> _Batch:
    if unit.tree is None:
        return _scan_batch(unit.files, opts)
    out = _Batch()
    assert unit.cfg is not None
    directory, rel, specs = unit.tree
    for item in walk_tree(directory, rel, specs, unit.cfg):
        if isinstance(item, WalkSkip):
            out.skips.append(Skip(unit.prefix + item.relpath, item.reason, item.detail))
        else:
            cand = item if not unit.prefix else Candidate(item.abspath, unit.prefix + item.relpath, item.size)
            _scan_file(cand, opts, out)
    return out


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _claim(counter: Any, n: int) -> Iterator[int]:
    """Unit indices taken one at a time from a counter shared by all the scanning processes."""
    while True:
        with counter.get_lock():
            i = counter.value
            if i >= n:
                return
            counter.value = i + 1
        yield i


def _worker(counter: Any, n: int, conn: Any) -> None:
    """A forked helper: scan units until none are left, then send every result back in one message
    (one send at the end, so a full pipe never stalls a worker that could still be scanning)."""
    done = [(i, _run_unit(i)) for i in _claim(counter, n)]
    conn.send(done)
    conn.close()


MAX_JOBS_PER_CPU = 4


def effective_jobs(requested: int | None) -> int:
    """The number of processes a scan uses: one per CPU by default, at least 1, and at most MAX_JOBS_PER_CPU per
    CPU. Every helper is a forked copy that fills its own parse caches, so past a few per CPU they add memory and
    fork time and no speed: ``--jobs 400`` on a 10,000-file tree of 400 folders ran 55 processes at once on 2 CPUs
    (33 s wall, 4.1 GB summed RSS; 20 s and 175 MB at 2), and a huge N forked until the user's process limit."""
    cpus = os.cpu_count() or 1
    if requested is None:
        return cpus
    return max(1, min(requested, cpus * MAX_JOBS_PER_CPU))


def _execute(candidates: list[Candidate], trees: list[_Unit], opts: ScanOptions, jobs: int,
             progress: ProgressFn | None, results: list[_Batch]) -> None:
    """Scan the planned work: shared between this process and ``jobs - 1`` forked helpers when there
    is enough of it, else here alone.

    Units are claimed dynamically from a shared counter, so a big directory does not leave the
    others idle, and this process scans too (its caches are warm and its results need no pickling).
    """
    total = len(candidates)
    if jobs > 1 and (trees or total >= 400):
        from multiprocessing import get_context

        size = max(32, min(256, total // (jobs * 8) or 1))
        units = trees + [_Unit(files=candidates[i:i + size]) for i in range(0, total, size)]
        n = len(units)
        _UNITS[:] = units
        _UNIT_OPTS[:] = [opts]
        for unit in trees:
            # the tracked paths (.git/index) are read once here: loaded lazily, each forked helper would read and
            # parse the index again on meeting its first ignored path (up to 64 MB, 500,000 entries)
            if unit.cfg is not None and unit.cfg.tracked is not None:
                unit.cfg.tracked.preload()
        ctx = get_context("fork")
        counter = ctx.Value("i", 0)
        # Move everything alive now (knowledge index, compiled patterns) out of the collector's reach, so
        # that garbage collections in the forked workers do not write to, and so copy, the parent's pages.
        gc.freeze()
        helpers = []
        got: dict[int, _Batch] = {}
        try:
            for _ in range(jobs - 1):
                receive, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_worker, args=(counter, n, send), daemon=True)
                proc.start()
                send.close()
                helpers.append((proc, receive))
            for i in _claim(counter, n):
                got[i] = _run_unit(i)
                if progress:
                    progress(min(counter.value, n), n)
            for proc, receive in helpers:
                with contextlib.suppress(EOFError, OSError):  # a helper that died: its units are redone below
                    got.update(receive.recv())
                receive.close()
                proc.join()
            for i in range(n):
                if i not in got:
                    got[i] = _run_unit(i)
            if progress:
                progress(n, n)
        finally:
            gc.unfreeze()
            for proc, _ in helpers:
                if proc.is_alive():
                    proc.kill()
            _UNITS.clear()
            _UNIT_OPTS.clear()
        results.extend(got[i] for i in range(n))
    else:
        step = max(1, total // 100)
        batch = _Batch()
        for i, cand in enumerate(candidates, 1):
            _scan_file(cand, opts, batch)
            if progress and (i % step == 0 or i == total):
                progress(i, total)
        results.append(batch)
        results.extend(_run(unit, opts) for unit in trees)  # none unless the tree was split for helpers


def _changed_files(root: str, rev: str) -> set[str]:
    import subprocess

    def git(*args: str) -> list[str]:
        try:
            proc = subprocess.run(["git", "-C", root, *args], capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UsageError(f"--changed-since needs git: {exc}") from exc
        if proc.returncode != 0:
            raise UsageError(
                f"--changed-since {rev}: git said: {proc.stderr.strip() or proc.returncode}",
                hint="pass a revision that exists in this repository, e.g. origin/main",
            )
        return [line for line in proc.stdout.splitlines() if line]

    top = git("rev-parse", "--show-toplevel")[0]
    names = git("diff", "--name-only", "--diff-filter=ACMRT", rev, "--")
    names += git("ls-files", "--others", "--exclude-standard")
    return {os.path.normpath(os.path.join(top, n)) for n in names}


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect the young generation less often inside the block, then restore the caller's setting.

    Parsing allocates millions of short-lived, acyclic AST nodes (about 9% faster scanning); provenance, model-file
    inspection and the JSON document after it allocate hundreds of thousands of objects that all stay alive until
    the end, so every collection in them is wasted work, and each young collection that ages objects into the
    oldest generation brings the next full pass over everything the process holds closer: the three stages took
    0.86-0.97 s CPU with Python's default threshold (700) and 0.46-0.66 s with this one on one copy of the
    78-repository tree (issue 10). Only the collector's pace changes; what is freed is the same."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], 10_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _spec(patterns: Iterable[str]) -> pathspec.PathSpec | None:
    pats = [p for p in patterns if p]
    if not pats:
        return None
    return gitignore_spec(pats)


def scan_paths(paths: Sequence[str | os.PathLike[str]], opts: ScanOptions | None = None,
               progress: ProgressFn | None = None) -> ScanResult:
    opts = opts or ScanOptions()
    if not paths:
        raise UsageError("no path to scan", hint="give a directory or file, e.g. `modelmap scan .`")
    started = time.perf_counter()
    abs_paths = [os.path.abspath(os.fspath(p)) for p in paths]
    for p in abs_paths:
        if not os.path.exists(p):
            raise UsageError(f"no such file or directory: {p}")
    dirs = [p if os.path.isdir(p) else os.path.dirname(p) for p in abs_paths]
    root = dirs[0] if len(dirs) == 1 else os.path.commonpath(dirs)

    # make sure the knowledge index and prefilter are built before forking workers
    from modelmap.discover.identify import vocab
    vocab()
    matcher()

    include, exclude = _spec(opts.include), _spec(opts.exclude)
    changed = _changed_files(root, opts.changed_since) if opts.changed_since else None
    jobs = effective_jobs(opts.jobs)
    if jobs > 1 and not _can_fork():
        jobs = 1  # no fork (Windows): scan in this process; the helpers rely on inheriting the parent's memory
    stats = ScanStats()
    skips: list[Skip] = []
    candidates: list[Candidate] = []
    # Walk breadth-first here only until there are enough directories to share out; the workers walk
    # the rest, so listing the tree runs in parallel with (and inside) the scanning itself.
    split_at = jobs * 16 if jobs > 1 and changed is None else None
    trees: list[_Unit] = []
    cfg = WalkConfig(ignore_names(opts.gitignore), include, exclude)
    for p in abs_paths:
        if os.path.isfile(p):
            rel = os.path.relpath(p, root).replace(os.sep, "/")
            candidates.append(Candidate(p, rel, os.path.getsize(p)))
            continue
        prefix = os.path.relpath(p, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        path_cfg = replace(cfg, tracked=Tracked(p)) if opts.gitignore else cfg
        queue = deque([(p, "", root_specs(p, root, cfg.ignore_names))])
        seen: set[tuple[int, int]] = set()
        while queue and (split_at is None or len(queue) < split_at):
            items, subdirs = walk_dir(*queue.popleft(), path_cfg, seen)
            for item in items:
                if isinstance(item, WalkSkip):
                    skips.append(Skip(prefix + item.relpath, item.reason, item.detail))
                else:
                    candidates.append(Candidate(item.abspath, prefix + item.relpath, item.size))
            queue.extend(subdirs)
        trees.extend(_Unit(tree=entry, prefix=prefix, cfg=path_cfg) for entry in queue)
    if changed is not None:
        kept = []
        for cand in candidates:
            if os.path.normpath(cand.abspath) in changed:
                kept.append(cand)
        stats.skipped["unchanged"] = len(candidates) - len(kept)
        candidates = kept

    results: list[_Batch] = []
    cache = None
    if opts.cache is not None and opts.sources is SOURCES:  # other sources: no fingerprint covers them
        cache = ResultCache(Path(opts.cache), Path(root).as_posix(), (
            opts.budget_seconds, opts.budget_steps, opts.max_findings_per_file, tuple(s.id for s in opts.sources)))
        _CACHE[:] = [cache]
    try:
        with fewer_collections():
            _execute(candidates, trees, opts, jobs, progress, results)
    finally:
        _CACHE.clear()
    if cache is not None:
        cache.save((rp for r in results for rp in r.cache_used), {k: v for r in results for k, v in r.cache_new.items()},
                   partial=bool(changed is not None or include or exclude))

    findings: list[Finding] = []
    uses: list[SymbolUse] = []
    for r in results:
        findings.extend(r.findings)
        skips.extend(r.skips)
        uses.extend(r.uses)
        stats.files_scanned += r.scanned
        stats.files_matched += r.matched
        stats.bytes_scanned += r.bytes
    for s in skips:
        stats.add_skip(s.reason)
    findings = link_uses(findings, uses)
    # the per-language API rules that do not record what a finding rests on get it from what they did record
    findings = [f if f.evidence else replace(f, evidence=evidence_of(f)) for f in findings]
    findings = mark_catalogs(findings)
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.raw))
    skips.sort(key=lambda s: (s.path, s.reason))
    stats.seconds = time.perf_counter() - started
    root_out = Path(root).as_posix()
    return ScanResult(root=root_out, findings=findings, skips=skips, stats=stats, roots=[Path(p).as_posix() for p in abs_paths])
