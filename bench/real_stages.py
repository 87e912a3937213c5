#!/usr/bin/env python3
"""Where a real-code scan spends its CPU, stage by stage (issue 10): the companion of bench/real_speed.py.

Runs in one process with ``--jobs 1`` on one copy of the real tree (``/tmp/modelmap-real-tree/a``, built by
real_speed.py), so every stage is measured as CPU time of this process (other agents' load inflates it less
than wall time). Stages, in the order ``modelmap scan --format json`` runs them:

* fixed cost: importing the CLI and discovery, loading the knowledge index (cached JSON), the identifier
  vocabulary and the prefilter;
* discovery, split per source (``scan()`` of each source on each file; a file with no finding and no
  cross-file use is "empty"), and the rest of the engine (walk, ignore files, bounded reads, prefilter,
  linking); how many files passed the prefilter, and how many each source parsed (tree-sitter / ``ast`` /
  config parsers) against how many yielded anything;
* provenance (``resolve_findings``), model-file inspection (``inspect_findings``) and the JSON rendering.

Prints a Markdown table. Usage: python bench/real_stages.py [TREE] [--reps 2]
"""

from __future__ import annotations

import argparse
import collections
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

TREE = Path("/tmp/modelmap-real-tree/a")


class _Timed:
    """A source whose ``scan`` is timed and whose output is counted (everything else is the source's own)."""

    def __init__(self, source: Any, cpu: dict[str, float], calls: collections.Counter[str],
                 useful: collections.Counter[str], empty_cpu: dict[str, float]) -> None:
        self.source = source
        self.id = source.id
        self.cpu, self.calls, self.useful, self.empty_cpu = cpu, calls, useful, empty_cpu

    def __getattr__(self, name: str) -> Any:
        return getattr(self.source, name)

    def applies_to(self, path: str) -> bool:
        return bool(self.source.applies_to(path))

    def scan(self, file: Any) -> Iterable[Any]:
        started = time.process_time()
        items = list(self.source.scan(file))
        spent = time.process_time() - started
        self.cpu[self.id] += spent
        self.calls[self.id] += 1
        if any(type(i).__name__ in ("Finding", "SymbolUse") for i in items):
            self.useful[self.id] += 1
        else:
            self.empty_cpu[self.id] += spent
        return items


def _parse_counts() -> collections.Counter[str]:
    """Count full parses by wrapping the parse entry points: Python's ``ast.parse``, the config parser, and
    the byte gate before a tree-sitter parse of a ``code`` file (JS/TS files are all parsed)."""
    import ast

    from modelmap.discover import config_files, polyglot

    counts: collections.Counter[str] = collections.Counter()
    real_ast = ast.parse

    def counted_ast(*args: Any, **kwargs: Any) -> Any:
        counts["python ast.parse"] += 1
        return real_ast(*args, **kwargs)

    ast.parse = counted_ast
    real_noting = config_files.parse_config_noting

    def counted_config(*args: Any, **kwargs: Any) -> Any:
        counts["config parse"] += 1
        return real_noting(*args, **kwargs)

    config_files.parse_config_noting = counted_config
    real_gate = polyglot.has_candidate

    def counted_gate(data: bytes) -> bool:
        passed = real_gate(data)
        counts["code tree-sitter parse (byte gate passed)"] += passed
        return passed

    polyglot.has_candidate = counted_gate
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tree", nargs="?", type=Path, default=TREE)
    ap.add_argument("--reps", type=int, default=2, help="discovery runs (the lowest CPU is kept)")
    args = ap.parse_args()
    if not args.tree.is_dir():
        raise SystemExit(f"{args.tree}: not built; run bench/real_speed.py first")

    t0 = time.process_time()
    import modelmap.cli  # noqa: F401  (the CLI's import cost is part of every scan)
    from modelmap.discover import SOURCES
    from modelmap.discover.engine import ScanOptions, scan_paths
    from modelmap.discover.identify import vocab
    from modelmap.discover.prefilter import matcher

    vocab()
    matcher()
    fixed = time.process_time() - t0
    counts = _parse_counts()

    best: tuple[float, Any, dict[str, Any]] | None = None
    for _ in range(args.reps):
        cpu: dict[str, float] = collections.defaultdict(float)
        calls: collections.Counter[str] = collections.Counter()
        useful: collections.Counter[str] = collections.Counter()
        empty: dict[str, float] = collections.defaultdict(float)
        counts.clear()
        sources = tuple(_Timed(s, cpu, calls, useful, empty) for s in SOURCES)
        started = time.process_time()
        result = scan_paths([args.tree], ScanOptions(jobs=1, sources=sources))
        total = time.process_time() - started
        if best is None or total < best[0]:
            best = (total, result, {"cpu": cpu, "calls": calls, "useful": useful, "empty": empty,
                                    "parses": collections.Counter(counts)})
    assert best is not None
    total, result, c = best

    from modelmap.provenance.resolver import resolve_findings

    t = time.process_time()
    resolved = resolve_findings(result)
    resolve_cpu = time.process_time() - t
    t = time.process_time()
    from modelmap.inspect import inspect_findings

    inspected = inspect_findings(resolved) if any(f.kind == "model-file" for f in resolved.findings) else resolved
    inspect_cpu = time.process_time() - t
    from modelmap.report import scan_renderers

    t = time.process_time()
    body = scan_renderers()["json"].render(inspected)
    render_cpu = time.process_time() - t

    sources_cpu = sum(c["cpu"].values())
    stats = result.stats
    with_findings = len({f.path for f in result.findings})
    print(f"Tree {args.tree}: {stats.files_scanned:,} files read, {stats.files_matched:,} passed the prefilter, "
          f"{with_findings:,} with a finding; {len(result.findings):,} findings; JSON {len(body) / 1e6:.1f} MB; "
          f"1-min load {os.getloadavg()[0]:.2f}\n")
    print("| stage | CPU s | files | files with output | CPU s on files with none |")
    print("|---|---|---|---|---|")
    print(f"| fixed: imports, knowledge index, vocabulary, prefilter | {fixed:.2f} | | | |")
    for sid, spent in sorted(c["cpu"].items(), key=lambda kv: -kv[1]):
        if spent >= 0.005:
            print(f"| discovery: `{sid}` source | {spent:.2f} | {c['calls'][sid]:,} | {c['useful'][sid]:,} | "
                  f"{c['empty'][sid]:.2f} |")
    print(f"| discovery: engine (walk, ignore files, reads, prefilter, linking) | {total - sources_cpu:.2f} | "
          f"{stats.files_scanned:,} | | |")
    print(f"| provenance (resolve_findings) | {resolve_cpu:.2f} | | | |")
    print(f"| model-file inspection | {inspect_cpu:.2f} | | | |")
    print(f"| JSON rendering | {render_cpu:.2f} | | | |")
    print(f"| **total** | {fixed + total + resolve_cpu + inspect_cpu + render_cpu:.2f} | | | |")
    parses = ", ".join(f"{k} {v:,}" for k, v in sorted(c["parses"].items()))
    print(f"\nFull parses: {parses}; every file the `javascript` source is called on is parsed too.")


if __name__ == "__main__":
    main()
