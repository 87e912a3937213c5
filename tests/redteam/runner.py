"""Run one red-team probe in a child process, bounded in time and memory, and judge it.

The child is ``python -c 'from modelmap.cli import main; main()' ARGS`` (``python -m modelmap`` does not
work: the package has no ``__main__``), started in its own session with ``RLIMIT_AS`` set, stdout and
stderr sent to files (no pipe to fill), and reaped with ``os.wait4`` so that its peak RSS (including the
worker processes it waited for) is measured per probe. A timer kills the whole process group at the wall
limit.

Every probe is judged on the README's promises (the generic checks below) plus its own extra checks.
Stdlib only: the benchmark (bench/redteam.py) imports this module outside pytest.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MEMORY_LIMIT = 2 * 1024**3  # RLIMIT_AS of the child, bytes
DEFAULT_TIMEOUT = 60.0
RSS_TARGET_MB = 500  # bench verdict only
TIME_TARGET_S = 30.0  # bench verdict only

CHILD = "import sys; sys.argv[0] = 'modelmap'; from modelmap.cli import main; main()"


@dataclass
class Ctx:
    """What a probe's build function gets: its own folders, and places to declare what must hold."""

    root: Path  # the probe's private temp dir
    work: Path  # the command's working directory (inputs go here)
    cache: Path  # MODELMAP_CACHE_DIR of the child
    marker: Path  # a file that must never be created (YAML tags, pickles, option injection)
    env: dict[str, str | None] = field(default_factory=dict)  # None: unset this variable
    special: list[Path] = field(default_factory=list)  # FIFOs, symlinks, devices: must stay what they are
    cleanup: list[Callable[[], None]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)  # free-form, for extra checks (server hit counts…)
    skip: str | None = None  # set by build: the probe cannot run here (reason)
    wrap: list[str] = field(default_factory=list)  # a command the child runs under (e.g. setpriv)


@dataclass
class Result:
    probe_id: str
    cls: str
    argv: list[str]
    rc: int | None
    seconds: float
    maxrss_mb: float
    timed_out: bool
    stdout: bytes
    stderr: bytes
    ctx: Ctx
    failures: list[str] = field(default_factory=list)
    skipped: str | None = None
    cpu_seconds: float = 0.0  # the child's CPU time, workers it reaped included (less load-sensitive than seconds)
    _docs: dict[str | None, Any] = field(default_factory=dict, repr=False)  # json() parsed once per output

    @property
    def held(self) -> bool:
        return self.skipped is None and not self.failures

    def output_bytes(self, output: str | None) -> bytes | None:
        if output is None:
            return self.stdout
        p = self.ctx.work / output
        try:
            return p.read_bytes() if p.is_file() else None
        except OSError:
            return None

    def json(self, output: str | None = None) -> Any:
        """The output parsed as JSON (once: the judge and several checks read the same 10-20 MB report)."""
        if output not in self._docs:
            data = self.output_bytes(output)
            self._docs[output] = None if data is None else json.loads(data.decode("utf-8"))
        return self._docs[output]


Check = Callable[[Result], "str | None"]


@dataclass(frozen=True)
class Probe:
    """One hostile input: how to build it, what to run, what must hold."""

    id: str
    cls: str
    build: Callable[[Ctx], object]
    argv: tuple[str, ...]  # modelmap arguments; "{work}", "{root}", "{marker}" are substituted
    codes: frozenset[int]  # documented exit codes for this input
    fmt: str | None = None  # validate the output: json | jsonl | xml
    output: str | None = None  # the -o file (relative to work) to validate instead of stdout
    skips: tuple[str, ...] = ()  # relpaths (prefixes) that must be listed in the JSON "skipped" list
    accounted: tuple[str, ...] = ()  # relpaths that must be in findings or skipped: nothing is lost
    checks: tuple[Check, ...] = ()
    fast: bool = False  # part of the default (unmarked) suite
    timeout: float = DEFAULT_TIMEOUT
    stdout_to: str | None = None  # e.g. "/dev/full"
    note: str = ""
    xfail_reason: str = ""  # a known failure in code this probe's owner may not change (who owns it, the issue)

    def command(self, ctx: Ctx) -> list[str]:
        """The argv with "{work}", "{root}", "{marker}" and "{KEY}" for each string in ``ctx.state`` (a
        loopback server's URL, set by the build) filled in."""
        subs = [("{work}", str(ctx.work)), ("{root}", str(ctx.root)), ("{marker}", str(ctx.marker))]
        subs += [("{" + k + "}", v) for k, v in ctx.state.items() if isinstance(v, str)]
        out = []
        for a in self.argv:
            for k, v in subs:
                a = a.replace(k, v)
            out.append(a)
        return out


def _snapshot(p: Path) -> tuple[Any, ...] | None:
    try:
        st = os.lstat(p)
    except OSError:
        return None
    target = os.readlink(p) if stat.S_ISLNK(st.st_mode) else None
    return (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_ino, st.st_rdev, target)


_pycache: list[str] = []
_pycache_lock = threading.Lock()


def bytecode_dir() -> str:
    """One bytecode folder per process, shared by every probe child it starts (``PYTHONPYCACHEPREFIX``), removed at
    exit. Each child imports the CLI and the modules its command needs (~300), and a child that may not write bytecode
    compiles each from source: ~0.25 s of CPU per probe (0.70 -> 0.46 s for a one-file scan) where the shell sets
    PYTHONDONTWRITEBYTECODE=1, as this project's machines do. The first child that imports a module writes it here
    (atomically: several children may race to it), the others read it; nothing is written beside the sources."""
    with _pycache_lock:
        if not _pycache:
            import atexit
            import shutil

            d = tempfile.mkdtemp(prefix="modelmap-redteam-pyc-")
            atexit.register(shutil.rmtree, d, True)
            _pycache.append(d)
    return _pycache[0]


def child_env(ctx: Ctx) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode goes to the shared folder only (bytecode_dir)
    env.update({
        "MODELMAP_CACHE_DIR": str(ctx.cache),
        "HF_HUB_OFFLINE": "1",
        "COLUMNS": "160",
        "TERM": "dumb",
        "PYTHONPYCACHEPREFIX": bytecode_dir(),
        "PYTHONUNBUFFERED": "1",
    })
    env.pop("FORCE_COLOR", None)
    for k, v in ctx.env.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


# The spawner: a small, fresh Python that forks the probes. A child's peak RSS (ru_maxrss) includes the
# memory of the process it was forked from (Linux records the old mm's high-water mark at exec), so forking
# from pytest or from the probe registry would add 40-150 MB to every figure. The spawner stays ~10 MB.
SPAWNER = r"""
import json, os, resource, signal, sys, threading, time
LIMIT = int(sys.argv[1])
for line in sys.stdin:
    req = json.loads(line)
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            fd0 = os.open(os.devnull, os.O_RDONLY)
            fd1 = os.open(req["stdout"], os.O_WRONLY | os.O_CREAT | (0 if req["stdout_is_target"] else os.O_TRUNC))
            fd2 = os.open(req["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(fd0, 0); os.dup2(fd1, 1); os.dup2(fd2, 2)
            os.chdir(req["cwd"])
            os.execve(req["argv"][0], req["argv"], req["env"])
        finally:
            os._exit(127)
    killed = threading.Event()
    def kill():
        killed.set()
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    timer = threading.Timer(req["timeout"], kill)
    timer.start()
    _, status, ru = os.wait4(pid, 0)
    timer.cancel()
    seconds = time.monotonic() - start
    try:
        os.killpg(pid, signal.SIGKILL)  # workers of a killed child must not outlive the probe
    except OSError:
        pass
    sys.stdout.write(json.dumps({"rc": os.waitstatus_to_exitcode(status), "seconds": seconds,
                                 "maxrss_kb": ru.ru_maxrss, "killed": killed.is_set(),
                                 "cpu": ru.ru_utime + ru.ru_stime}) + "\n")
    sys.stdout.flush()
"""
_local = threading.local()  # one spawner per thread (bench/redteam.py runs probes from a thread pool)


def _get_spawner() -> Any:
    import subprocess

    sp = getattr(_local, "spawner", None)
    if sp is None or sp.poll() is not None:
        sp = subprocess.Popen([sys.executable, "-S", "-c", SPAWNER, str(MEMORY_LIMIT)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, bufsize=1)
        _local.spawner = sp
    return sp


def execute(argv: list[str], cwd: Path, env: dict[str, str], timeout: float,
            stdout_to: str | None = None, wrap: list[str] | None = None,
            ) -> tuple[int | None, float, float, bool, bytes, bytes]:
    """(rc, seconds, peak RSS MB, timed out, stdout, stderr) of one bounded ``modelmap ARGV`` child."""
    with tempfile.TemporaryDirectory(prefix="rt-io-") as io_dir:
        out_p, err_p = os.path.join(io_dir, "stdout"), os.path.join(io_dir, "stderr")
        req = {"argv": [*(wrap or []), sys.executable, "-c", CHILD, *argv], "cwd": str(cwd), "env": env, "timeout": timeout,
               "stdout": stdout_to or out_p, "stdout_is_target": stdout_to is not None, "stderr": err_p}
        sp = _get_spawner()
        sp.stdin.write(json.dumps(req) + "\n")
        sp.stdin.flush()
        line = sp.stdout.readline()
        if not line:
            raise RuntimeError("the probe spawner died")
        ans = json.loads(line)
        _local.last_cpu = float(ans.get("cpu", 0.0))  # read by run_probe (the return tuple is used elsewhere)
        stdout = b""
        if stdout_to is None:
            with open(out_p, "rb") as fh:
                stdout = fh.read(64 * 1024 * 1024)
        with open(err_p, "rb") as fh:
            stderr = fh.read(16 * 1024 * 1024)
    killed = bool(ans["killed"])
    return (None if killed else int(ans["rc"])), float(ans["seconds"]), ans["maxrss_kb"] / 1024.0, killed, stdout, \
        stderr


# a C1 control character (U+0080-U+009F) in the decoded text: searched by the regex engine, not a Python loop over
# every character (an 18 MB JSON report, 10,000 findings, took 1.7 s of CPU in the loop, 0.08 s here)
_C1 = re.compile("[\x80-\x9f]")


def _c1_or_esc(data: bytes) -> str | None:
    if b"\x1b" in data:
        i = data.index(b"\x1b")
        return f"raw ESC at byte {i}: {data[max(0, i - 20):i + 20]!r}"
    text = data.decode("utf-8", errors="replace")
    m = _C1.search(text)
    if m is not None:
        i, ch = m.start(), m.group()
        return f"raw C1 control U+{ord(ch):04X} at char {i}: {text[max(0, i - 20):i + 20]!r}"
    return None


def _validate(fmt: str, data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"output is not valid UTF-8 ({exc})"
    try:
        if fmt == "json":
            json.loads(text)
        elif fmt == "jsonl":
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        json.loads(line)
                    except ValueError as exc:
                        return f"jsonl line {n} does not parse: {exc}"
        elif fmt == "xml":
            ET.fromstring(data)
    except (ValueError, ET.ParseError) as exc:
        return f"{fmt} output does not parse: {str(exc)[:200]}"
    return None


def _paths(doc: Any, key: str) -> list[str]:
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        return []
    return [str(e.get("path")) for e in doc[key] if isinstance(e, dict)]


def judge(probe: Probe, res: Result, before: dict[Path, Any], limit: float | None = None) -> list[str]:
    fails: list[str] = []
    if res.timed_out:
        fails.append(f"did not finish within {limit or probe.timeout:.0f} s (killed)")
    elif res.rc not in probe.codes:
        fails.append(f"exit {res.rc}, expected {sorted(probe.codes)}"
                     + (" (killed by a signal: memory limit?)" if res.rc is not None and res.rc < 0 else ""))
    for name, stream in (("stderr", res.stderr), ("stdout", res.stdout)):
        if b"Traceback (most recent call last)" in stream:
            tail = stream.decode("utf-8", "replace").strip().splitlines()[-1:]
            fails.append(f"traceback on {name}: {tail[0][:200] if tail else ''}")
        bad = _c1_or_esc(stream)
        if bad:
            fails.append(f"{name}: {bad}")
    if res.rc == 2 and b"error" not in res.stderr.lower():
        fails.append("exit 2 without an error message on stderr")
    low_err = res.stderr.lower()
    if b"internal error" in low_err:  # the CLI's catch-all: a crash dressed as exit 2, not a clear input error
        i = low_err.index(b"internal error")
        fails.append("crash reported as an internal error: "
                     + res.stderr[i:i + 160].decode("utf-8", "replace").splitlines()[0])
    for p, snap in before.items():
        after = _snapshot(p)
        if after != snap:
            fails.append(f"special file {p.name!r} changed: {snap} -> {after}")
    if res.ctx.marker.exists():
        fails.append(f"marker file {res.ctx.marker.name} was created: untrusted input ran or injected an option")
    if probe.fmt and res.rc == 0 and not res.timed_out:
        data = res.output_bytes(probe.output)
        if data is None:
            fails.append(f"no output file {probe.output}")
        elif probe.fmt == "json":
            try:
                res.json(probe.output)  # parsed once, kept for the accounting and the checks below
            except UnicodeDecodeError as exc:
                fails.append(f"output is not valid UTF-8 ({exc})")
            except ValueError as exc:
                fails.append(f"json output does not parse: {str(exc)[:200]}")
        else:
            bad = _validate(probe.fmt, data)
            if bad:
                fails.append(bad)
    if (probe.skips or probe.accounted) and res.rc == 0 and not fails:
        try:
            doc = res.json(probe.output)
        except (ValueError, UnicodeDecodeError) as exc:
            doc = None
            fails.append(f"output is not JSON: {exc}")
        if doc is not None:
            skipped = _paths(doc, "skipped")
            found = _paths(doc, "findings")
            for want in probe.skips:
                if not any(s == want or s.startswith(want) for s in skipped):
                    fails.append(f"{want!r} not reported as skipped (skipped: {skipped[:5]})")
            for want in probe.accounted:
                if not any(s == want or s.startswith(want) for s in skipped + found):
                    fails.append(f"{want!r} lost: neither a finding nor a skip (skipped: {skipped[:5]})")
    if not res.timed_out:
        for check in probe.checks:
            try:
                msg = check(res)
            except Exception as exc:  # a check that cannot read the output is a failed promise
                msg = f"{check.__name__}: {exc.__class__.__name__}: {str(exc)[:200]}"
            if msg:
                fails.append(msg)
    return fails


_warm: dict[str, Path] = {}
_warm_lock = threading.Lock()


def warm_cache_files() -> list[Path]:
    """The knowledge index and prefilter database, built once per process (as a user's warm cache holds
    them) and copied into each probe's cache; the cache probes then damage their own copy."""
    with _warm_lock:
        if "dir" not in _warm:
            base = Path(tempfile.mkdtemp(prefix="modelmap-redteam-warm-"))
            (base / "work").mkdir()
            (base / "work" / "a.py").write_text("import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o')\n")
            (base / "cache").mkdir()
            env = child_env(Ctx(root=base, work=base / "work", cache=base / "cache", marker=base / "PWNED"))
            execute(["scan", ".", "-f", "json"], base / "work", env, 120)
            import atexit
            import shutil

            atexit.register(shutil.rmtree, base, True)
            _warm["dir"] = base / "cache"
    d = _warm["dir"]
    return [p for p in d.iterdir() if p.is_file() and p.name.startswith(("kb-", "prefilter-"))]


def run_probe(probe: Probe, root: Path, *, timeout: float | None = None, warm: bool = True) -> Result:
    """Build the probe under ``root`` (a fresh dir), run it, judge it, clean up."""
    root.mkdir(parents=True, exist_ok=True)
    ctx = Ctx(root=root, work=root / "work", cache=root / "cache", marker=root / "PWNED")
    ctx.work.mkdir(exist_ok=True)
    ctx.cache.mkdir(exist_ok=True)
    if warm:
        import shutil

        for f in warm_cache_files():
            shutil.copy2(f, ctx.cache / f.name)
    argv: list[str] = []
    try:
        probe.build(ctx)
        argv = probe.command(ctx)
        if ctx.skip:
            return Result(probe.id, probe.cls, argv, None, 0.0, 0.0, False, b"", b"", ctx, skipped=ctx.skip)
        before = {p: _snapshot(p) for p in ctx.special}
        limit = timeout or probe.timeout
        rc, secs, rss, killed, out, err = execute(argv, ctx.work, child_env(ctx), limit, probe.stdout_to, ctx.wrap)
        res = Result(probe.id, probe.cls, argv, rc, secs, rss, killed, out, err, ctx,
                     cpu_seconds=getattr(_local, "last_cpu", 0.0))
        res.failures = judge(probe, res, before, limit)
        return res
    finally:
        for fn in reversed(ctx.cleanup):
            with contextlib.suppress(Exception):
                fn()


def remove_tree(root: Path) -> None:
    """rm -rf that also gets through chmod 000 folders and never follows symlinks."""
    if not root.exists() and not root.is_symlink():
        return
    for dirpath, dirnames, _ in os.walk(root):
        for d in dirnames:
            p = os.path.join(dirpath, d)
            if not os.path.islink(p):
                with contextlib.suppress(OSError):
                    os.chmod(p, 0o700)
    import shutil

    shutil.rmtree(root, ignore_errors=True)
