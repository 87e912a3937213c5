#!/usr/bin/env python3
"""Real-code scan speed (issue 10): modelmap vs ripgrep on a tree of real LLM-application repositories.

Builds (once) ``/tmp/modelmap-real-tree/{a,b}/<repo>``: every repository tree under ``/work/corpus``
copied twice over (never committed; the copy is made in a temporary folder and renamed into place, so a
half-built tree is never reused). Then, after one warm-up of each tool, times 3 repetitions each:

* ``rg --files-with-matches --fixed-strings --ignore-case -e KW ...`` with every keyword of
  ``modelmap.discover.prefilter.keywords()``, with ignore handling set to match modelmap's walk:

  - ``--no-require-git``: modelmap honours ``.gitignore`` files wherever they are, git repository or not;
    ripgrep only honours them inside a git repository unless told otherwise, and the copied trees are
    not git repositories (without this flag rg would search everything the 65 ``.gitignore`` files exclude).
  - ``--hidden``: modelmap does not skip dot-files or dot-directories (only a fixed list of vendored
    directory names such as ``.git`` and ``node_modules``); ripgrep skips them by default.
  - ``--no-ignore-dot``: modelmap does not read ``.ignore`` / ``.rgignore`` (only ``.modelmapignore``,
    which rg cannot be taught; the corpus has none).
  - ``--no-ignore-parent`` and ``--no-ignore-global``: modelmap reads no ignore file above the scan root
    when it is not inside a git work tree, and no global git excludes file.

  rg still searches what modelmap skips by name (vendored directories, lock files, unsupported
  extensions, minified JS, files over 4 MiB), so it reads somewhat more bytes than modelmap does.
* ``modelmap scan TREE --format json -o OUT --jobs N --no-cache`` through the installed console script (the whole
  user-visible command: interpreter start, CLI, discovery, provenance, inspection and JSON output), with
  the wall time, CPU time and peak RSS of the child (``os.wait4``: the largest single process of the tree,
  forked helpers included) plus a sampled peak of the summed PSS of the process tree.

Then, apart, the same command without ``--no-cache`` after one run that fills the per-file result cache (warm).
Throughput is the scan's own ``stats.bytes`` (text bytes read and prefiltered) over the wall time.
Usage: python bench/real_speed.py [--jobs 2] [--reps 3] [--no-write]
Writes/replaces the section "## Real code (issue 10)" in bench/SPEED.md unless --no-write.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CORPUS = Path("/work/corpus")
TREE = Path("/tmp/modelmap-real-tree")
OUT_JSON = Path("/tmp/out.json")
SPEED_MD = Path(__file__).resolve().parent / "SPEED.md"
SECTION = "## Real code (issue 10)"
RG_IGNORE_FLAGS = ["--no-require-git", "--hidden", "--no-ignore-dot", "--no-ignore-parent", "--no-ignore-global"]


# The benchmark tree is the 68 repositories of the discovery splits that existed when this benchmark was first run
# on real code (dev, held-out, held-out-2 .. held-out-5; bench/discovery/splits.yaml). Later held-out sets never enter
# it (nobody tunes speed or rules on a set before it is scored), and a recreated /work/corpus (a new machine: every
# folder is new) gives the same tree. It used to be chosen by folder modification time, which a recreation defeats.
SPLITS = Path(__file__).resolve().parent / "discovery" / "splits.yaml"
TREE_SPLITS = frozenset({"dev", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5"})


def bench_repos(corpus: Path, chosen: frozenset[str] | None = TREE_SPLITS) -> list[str]:
    """The benchmark's repositories (``chosen`` splits of splits.yaml; None: every split but ``reserved``) that have a
    tree under ``corpus``."""
    import yaml

    splits = (yaml.safe_load(SPLITS.read_text(encoding="utf-8")) or {}).get("splits") or {}
    return sorted(name for name, split in splits.items()
                  if (split in chosen if chosen is not None else split != "reserved") and (corpus / name).is_dir())


def build_tree(corpus: Path, tree: Path, chosen: frozenset[str] | None = TREE_SPLITS) -> list[str]:
    """Copy every benchmark repository (``bench_repos``) under ``corpus`` into ``tree/a`` and ``tree/b`` (skipped
    when already built)."""
    if tree.is_dir():  # built before: report the repositories it holds
        return sorted(p.name for p in (tree / "a").iterdir() if p.is_dir())
    repos = bench_repos(corpus, chosen)
    tmp = Path(tempfile.mkdtemp(prefix=tree.name + ".building-", dir=tree.parent))
    for half in ("a", "b"):
        for repo in repos:
            shutil.copytree(corpus / repo, tmp / half / repo, symlinks=True)
    tmp.rename(tree)
    return repos


def tree_stats(root: Path) -> tuple[int, int]:
    files = size = 0
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                files += 1
                size += os.path.getsize(path)
    return files, size


def ensure_rg() -> str:
    rg = shutil.which("rg")
    if rg:
        return rg
    for cmd in (["apt-get", "install", "-y", "ripgrep"], [sys.executable, "-m", "pip", "install", "ripgrep"]):
        try:
            subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            continue
        rg = shutil.which("rg")
        if rg:
            return rg
    sys.exit("ripgrep (rg) not found and could not be installed")


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return out


def timed(cmd: list[str], env: dict[str, str] | None = None, sample: bool = False) -> dict:
    """Run ``cmd`` (stdout discarded), returning wall, CPU (user+sys, whole tree), largest-process peak RSS
    and, when ``sample``, the sampled peak of the process tree's summed PSS."""
    peak_pss = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    done = threading.Event()

    def sampler() -> None:
        nonlocal peak_pss
        while not done.wait(0.02):
            peak_pss = max(peak_pss, sum(_pss_kb(p) for p in _descendants(proc.pid)))

    thread = threading.Thread(target=sampler, daemon=True) if sample else None
    if thread:
        thread.start()
    stderr = proc.stderr.read() if proc.stderr else b""
    _pid, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    if thread:
        thread.join()
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024, "pss_mb": peak_pss / 1024,
            "rc": proc.returncode, "stderr": stderr.decode(errors="replace")[-2000:]}


def rg_cmd(rg: str, keywords: list[str], tree: Path) -> list[str]:
    cmd = [rg, "--files-with-matches", "--fixed-strings", "--ignore-case", *RG_IGNORE_FLAGS]
    for kw in keywords:
        cmd += ["-e", kw]
    return [*cmd, str(tree)]


def rg_files(cmd: list[str]) -> int:
    out = subprocess.run(cmd, capture_output=True, check=False).stdout
    return out.count(b"\n")


def wait_idle(max_load: float, max_wait: float) -> float:
    """Wait (up to max_wait s) for the 1-minute load average to drop under max_load; return it."""
    deadline = time.monotonic() + max_wait
    load = os.getloadavg()[0]
    while load > max_load and time.monotonic() < deadline:
        time.sleep(5)
        load = os.getloadavg()[0]
    return load


def git_commit() -> str:
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=root, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (+ uncommitted src/ changes)" if dirty else "")


def replace_section(md: Path, title: str, body: str) -> None:
    text = md.read_text() if md.exists() else ""
    block = f"{title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^{re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block + "\n", text, count=1).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + block
    md.write_text(text)


def fmt_runs(values: list[float], unit: str, digits: int = 2) -> str:
    return " / ".join(f"{v:.{digits}f}" for v in values) + f" {unit}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--tree", type=Path, default=TREE)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--max-load", type=float, default=0.7, help="wait for the 1-min load average to fall below this")
    ap.add_argument("--max-wait", type=float, default=120.0, help="seconds to wait for an idle machine at most")
    ap.add_argument("--no-write", action="store_true", help="print only; leave bench/SPEED.md alone")
    ap.add_argument("--splits", default="tree",
                    help="which repositories: 'tree' (dev, held-out .. held-out-5: sessions 9-14's tree), 'all' (every "
                         "split but reserved with a tree under --corpus: a machine whose corpus was rebuilt holds "
                         "other splits), or a comma-separated list of splits")
    args = ap.parse_args()

    chosen: frozenset[str] | None = (TREE_SPLITS if args.splits == "tree" else None if args.splits == "all"
                                     else frozenset(x.strip() for x in args.splits.split(",") if x.strip()))
    repos = build_tree(args.corpus, args.tree, chosen)
    files, size = tree_stats(args.tree)
    rg = ensure_rg()
    rg_version = subprocess.run([rg, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    from modelmap.discover.prefilter import keywords as prefilter_keywords

    keywords = list(prefilter_keywords())
    mm = shutil.which("modelmap")
    if not mm:
        sys.exit("the modelmap console script is not on PATH (pip install -e .)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: bytecode on
    rgc = rg_cmd(rg, keywords, args.tree)
    # cold: --no-cache, every file analysed (the target); warm: the per-file result cache of the run before
    mmc_warm = [mm, "scan", str(args.tree), "--format", "json", "-o", str(OUT_JSON), "--jobs", str(args.jobs),
                "--no-progress"]
    mmc = [*mmc_warm, "--no-cache"]

    # warm-up: page cache, knowledge-index and prefilter caches, bytecode
    timed(rgc)
    warm = timed(mmc, env)
    if warm["rc"] != 0:
        sys.exit(f"modelmap failed (rc {warm['rc']}):\n{warm['stderr']}")
    load_before = wait_idle(args.max_load, args.max_wait)
    rg_runs: list[dict] = []
    mm_runs: list[dict] = []
    loads: list[float] = [load_before]
    for _ in range(args.reps):  # alternate, so a burst of background load hits both
        rg_runs.append(timed(rgc))
        mm_runs.append(timed(mmc, env, sample=True))
        loads.append(os.getloadavg()[0])
    result = json.loads(OUT_JSON.read_text())
    timed(mmc_warm, env)  # fills the result cache
    warm_runs = [timed(mmc_warm, env) for _ in range(args.reps)]
    warm_doc = json.loads(OUT_JSON.read_text())
    same = all(warm_doc[k] == result[k] for k in result if k != "stats")
    stats = result["stats"]
    scanned = stats["bytes"]
    rg_matched = rg_files(rgc)

    rg_w = [r["wall"] for r in rg_runs]
    mm_w = [r["wall"] for r in mm_runs]
    rg_best, mm_best = min(rg_w), min(mm_w)
    rg_cpu, mm_cpu = min(r["cpu"] for r in rg_runs), min(r["cpu"] for r in mm_runs)
    ratio = [m / r for m, r in zip(mm_w, rg_w, strict=True)]
    mbps = [scanned / 1e6 / w for w in mm_w]
    rss = max(r["rss_mb"] for r in mm_runs)
    pss = max(r["pss_mb"] for r in mm_runs)
    date = _dt.date.today().isoformat()
    commit = git_commit()
    rows = [
        ("tree", f"{len(repos)} repos × 2 copies ({args.tree}), {files:,} files, {size / 1e6:.1f} MB on disk", "—", "—"),
        ("modelmap read / matched", f"{stats['files_scanned']:,} files read ({scanned / 1e6:.1f} MB text), "
         f"{stats['files_matched']:,} matched the prefilter, {stats['files_skipped']:,} skipped "
         f"({', '.join(f'{k} {v:,}' for k, v in sorted(stats['skipped_by_reason'].items()))}); "
         f"{len(result['findings']):,} findings", "—", "—"),
        ("rg wall (CPU)", fmt_runs(rg_w, "s", 3) + f" ({fmt_runs([r['cpu'] for r in rg_runs], 's CPU', 2)}); "
         f"{rg_matched:,} files matched", "—", "—"),
        (f"modelmap scan --jobs {args.jobs} wall (CPU)", fmt_runs(mm_w, "s") +
         f" ({fmt_runs([r['cpu'] for r in mm_runs], 's CPU', 2)})", "—", "—"),
        ("ratio modelmap / rg (per pair)", " / ".join(f"{x:.1f}×" for x in ratio) +
         f"; best/best {mm_best / rg_best:.1f}×", "≤ 3×", "yes" if mm_best / rg_best <= 3 else "**no**"),
        ("throughput (stats.bytes / wall)", fmt_runs(mbps, "MB/s", 1), "≥ 50 MB/s",
         "yes" if max(mbps) >= 50 else "**no**"),
        ("CPU ratio modelmap / rg (best/best; independent of other load)", f"{mm_cpu / rg_cpu:.1f}×", "—", "—"),
        ("warm: modelmap scan with its result cache filled by the run before, wall (CPU)",
         fmt_runs([r["wall"] for r in warm_runs], "s") + f" ({fmt_runs([r['cpu'] for r in warm_runs], 's CPU', 2)}); "
         f"output {'identical to' if same else '**differs from**'} the cold run's (stats aside)", "—", "—"),
        ("warm ratio modelmap / rg (best/best wall; CPU)", f"{min(r['wall'] for r in warm_runs) / rg_best:.1f}×; "
         f"{min(r['cpu'] for r in warm_runs) / rg_cpu:.1f}× CPU", "—", "—"),
        (f"idle-machine bound: wall ≥ CPU / {args.jobs} jobs", f"≥ {mm_cpu / args.jobs:.1f} s → ≤ "
         f"{scanned / 1e6 / (mm_cpu / args.jobs):.1f} MB/s",
         "≥ 50 MB/s", "yes" if scanned / 1e6 / (mm_cpu / args.jobs) >= 50 else "**no**"),
        ("peak RSS, largest process (wait4)", f"{rss:.0f} MB", "< 300 MB", "yes" if rss < 300 else "**no**"),
        ("peak PSS, whole process tree (sampled 20 ms)", f"{pss:.0f} MB", "—", "—"),
        ("1-min load average before / after each pair", " / ".join(f"{x:.2f}" for x in loads), "idle", "—"),
    ]
    table = "| measure | value | target | met? |\n|---|---|---|---|\n" + "\n".join(
        f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows)
    body = f"""Measured with `python bench/real_speed.py --jobs {args.jobs}` on {date}, commit {commit}, {os.cpu_count()} CPUs,
{rg_version}, {len(keywords)} prefilter keywords. Tree: the repositories under `/work/corpus` when the tree was
built ({len(repos)} real public LLM-application repositories) copied twice into `{args.tree}/{{a,b}}`. One warm-up each, then
{args.reps} alternating pairs; modelmap is the real console script end to end
(`modelmap scan TREE --format json -o {OUT_JSON} --jobs {args.jobs} --no-progress --no-cache`: interpreter start,
discovery, provenance, model-file inspection, JSON; cold, every file analysed), rg is
`rg --files-with-matches --fixed-strings --ignore-case {' '.join(RG_IGNORE_FLAGS)} -e KW …`.

rg ignore flags, chosen to walk what modelmap walks: the copies are not git repositories, and rg honours
`.gitignore` only inside one unless `--no-require-git` is given, whereas modelmap honours `.gitignore` wherever it
is; `--hidden` because modelmap does not skip dot-files; `--no-ignore-dot` because modelmap does not read
`.ignore`/`.rgignore`; no parent or global ignore files for either. rg still reads what modelmap skips by name
(vendored dirs, lock files, unsupported or binary extensions, minified JS).

{table}

The warm rows: {args.reps} more runs without `--no-cache` after one that fills the per-file result cache
(discover/resultcache.py); the ratios above the warm rows, and the target, are for the cold run.

Median modelmap wall {statistics.median(mm_w):.2f} s, median rg wall {statistics.median(rg_w):.3f} s.
"""
    print(body)
    if not args.no_write:
        replace_section(SPEED_MD, SECTION, body)
        print(f"wrote section {SECTION!r} in {SPEED_MD}")


if __name__ == "__main__":
    main()
