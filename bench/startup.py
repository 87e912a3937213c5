#!/usr/bin/env python3
"""Start-up cost of the CLI: ``modelmap --help`` (the installed console script) against a bare
``python3 -c pass`` (the same interpreter), N runs each, alternating, medians compared; then the
top offenders of ``python3 -X importtime -c "import modelmap.cli"`` (cumulative microseconds).

Usage: python bench/startup.py [--runs 20] [--top 15] [--no-write]
Writes/replaces the section "## Startup" in bench/SPEED.md unless --no-write. Target: --help no
more than 150 ms above the bare interpreter.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

SPEED_MD = Path(__file__).resolve().parent / "SPEED.md"
SECTION = "## Startup"
TARGET_MS = 150.0


CPU: list[float] = []  # user+sys seconds of each wall() child, in call order (unaffected by other load)


def wall(cmd: list[str], env: dict[str, str]) -> float:
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    elapsed = time.perf_counter() - t
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(ru1.ru_utime + ru1.ru_stime - ru0.ru_utime - ru0.ru_stime)
    return elapsed


HELP_CODE = "import sys; sys.argv = ['modelmap', '--help']; from modelmap.cli import main; main()"


def importtime(python: str, env: dict[str, str], code: str = "import modelmap.cli") -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) for every import that ``code`` makes."""
    err = subprocess.run([python, "-X", "importtime", "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, env=env, check=False).stderr
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cum_us, name = line[len("import time:"):].split("|", 2)
        rows.append((int(cum_us), int(self_us), name[1:]))  # name keeps its nesting indent (two spaces a level)
    return rows


def git_commit(root: Path) -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=root, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (+ uncommitted src/ changes)" if dirty else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()

    mm = shutil.which("modelmap")
    if not mm:
        sys.exit("the modelmap console script is not on PATH (pip install -e .)")
    # the interpreter the console script runs (its shebang), so both sides pay the same interpreter start
    first = Path(mm).read_bytes().split(b"\n", 1)[0]
    python = first[2:].decode().strip().split()[0] if first.startswith(b"#!") else sys.executable
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: bytecode on
    bare_cmd, help_cmd = [python, "-c", "pass"], [mm, "--help"]
    wall(bare_cmd, env)
    wall(help_cmd, env)  # warm-up: page cache, bytecode
    bare, helps = [], []
    CPU.clear()
    load0 = os.getloadavg()[0]
    for _ in range(args.runs):
        bare.append(wall(bare_cmd, env))
        helps.append(wall(help_cmd, env))
    load1 = os.getloadavg()[0]
    b_med, h_med = statistics.median(bare) * 1000, statistics.median(helps) * 1000
    over = h_med - b_med
    b_cpu, h_cpu = statistics.median(CPU[0::2]) * 1000, statistics.median(CPU[1::2]) * 1000
    imports = importtime(python, env)
    total = next((c for c, _s, n in imports if n.strip() == "modelmap.cli"), max(c for c, _s, _n in imports))
    top = sorted(imports, reverse=True)[: args.top]
    by_self = sorted(imports, key=lambda r: r[1], reverse=True)[: args.top]
    cli_mods = {n.strip() for _c, _s, n in imports}
    help_imports = importtime(python, env, HELP_CODE)
    late = [r for r in help_imports if r[2].strip() not in cli_mods and r[2] == r[2].lstrip()]  # top-level, new
    late_total = sum(c for c, _s, _n in late)

    lines = [
        f"Measured with `python bench/startup.py --runs {args.runs}` on {_dt.date.today().isoformat()}, commit "
        f"{git_commit(SPEED_MD.parent.parent)}, {os.cpu_count()} CPUs, 1-min load average {load0:.2f} before / "
        f"{load1:.2f} after (the machine was shared; medians of alternating runs). `{' '.join(bare_cmd)}` against the "
        f"console script `{mm} --help` (same interpreter, bytecode enabled).",
        "",
        "| measure | median | min | max | target | met? |",
        "|---|---|---|---|---|---|",
        f"| bare `python3 -c pass` | {b_med:.0f} ms | {min(bare) * 1000:.0f} ms | {max(bare) * 1000:.0f} ms | — | — |",
        f"| `modelmap --help` | {h_med:.0f} ms | {min(helps) * 1000:.0f} ms | {max(helps) * 1000:.0f} ms | — | — |",
        f"| `--help` above bare interpreter | **{over:.0f} ms** | {(min(helps) - min(bare)) * 1000:.0f} ms (min−min) "
        f"| — | ≤ {TARGET_MS:.0f} ms | {'yes' if over <= TARGET_MS else '**no**'} |",
        f"| CPU (user+sys): bare / `--help` / difference | {b_cpu:.0f} / {h_cpu:.0f} / **{h_cpu - b_cpu:.0f} ms** | — "
        f"| — | ≤ {TARGET_MS:.0f} ms | {'yes' if h_cpu - b_cpu <= TARGET_MS else '**no**'} |",
        "",
        f"`python3 -X importtime -c \"import modelmap.cli\"`: {total / 1000:.0f} ms cumulative for modelmap.cli. "
        f"Top {args.top} by cumulative time (a module's time includes its own imports):",
        "",
        "| module | cumulative | self |",
        "|---|---|---|",
        *(f"| `{name.strip()}` | {cum / 1000:.1f} ms | {self_us / 1000:.1f} ms |" for cum, self_us, name in top),
        "",
        f"Top {args.top} by self time: " + ", ".join(f"`{n.strip()}` {s / 1000:.1f} ms" for _c, s, n in by_self) + ".",
        "",
        f"Imports that only `--help` makes (after `import modelmap.cli`, under `-X importtime`): {len(late)} top-level "
        f"modules, {late_total / 1000:.0f} ms cumulative; the largest: "
        + ", ".join(f"`{n.strip()}` {c / 1000:.1f} ms" for c, _s, n in sorted(late, reverse=True)[: args.top]) + ".",
    ]
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from real_speed import replace_section

        replace_section(SPEED_MD, SECTION, body)
        print(f"wrote section {SECTION!r} in {SPEED_MD}")


if __name__ == "__main__":
    main()
