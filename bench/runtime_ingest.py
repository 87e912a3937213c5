#!/usr/bin/env python3
"""Runtime benchmark (issue 15): telemetry ingest throughput and RSS, and probe latency per server.

* Ingest: generates (once, deterministically) an OTLP JSON-lines trace file of ``--spans`` spans with
  tests/runtime/otlp_gen.py (about half GenAI client spans, half HTTP/DB spans, 512 per export batch),
  then runs ``modelmap.runtime.ingest.build`` on it in a fresh process and reports wall time, CPU time,
  spans per second and that process's peak RSS. Target: 1M spans in < 60 s and < 300 MB.
* Probe: starts each loopback fake (tests/runtime/fakes.py, replaying the recorded documented replies)
  and times ``probe_one`` against it ``--rounds`` times; reports the median and the requests it took.

Usage: python bench/runtime_ingest.py [--spans 1000000] [--file /tmp/modelmap-bench-spans.jsonl] [--rounds 5]
Record results in bench/RUNTIME.md. Never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = """
import json, resource, sys, time
from pathlib import Path
t = time.perf_counter()
from modelmap.runtime import ingest
doc = ingest.build([Path(sys.argv[1])])
seconds = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss, "records": doc["summary"]["records"],
                  "genai_spans": doc["summary"]["genai_spans"], "models": doc["summary"]["models"]}))
"""


def bench_ingest(spans: int, path: Path) -> dict[str, object]:
    from tests.runtime.otlp_gen import write_spans

    marker = path.with_suffix(".count")
    if not path.exists() or not marker.exists() or marker.read_text() != str(spans):
        t = time.perf_counter()
        write_spans(path, spans)
        marker.write_text(str(spans))
        print(f"generated {spans} spans in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True, env=env)
    result = json.loads(out.stdout)
    result["file_mb"] = round(path.stat().st_size / 1e6, 1)
    result["spans_per_s"] = round(result["records"] / result["seconds"])
    result["spans_per_cpu_s"] = round(result["records"] / result["cpu_seconds"])
    result["rss_mb"] = round(result["rss_kb"] / 1024, 1)
    return result


def bench_probe(rounds: int) -> dict[str, dict[str, object]]:
    from tests.runtime.fakes import recording, serve

    from modelmap.runtime import probe

    out: dict[str, dict[str, object]] = {}
    for server in probe.SERVERS:
        routes = recording(server)["routes"]
        with serve(routes) as url:
            probe.probe_one(url, allow_private=True)  # warm: knowledge index, imports
            times = []
            for _ in range(rounds):
                t = time.perf_counter()
                entry = probe.probe_one(url, allow_private=True)
                times.append(time.perf_counter() - t)
            assert entry["server"] == server, (server, entry["error"])
        out[server] = {"median_ms": round(statistics.median(times) * 1000, 1), "models": len(entry["models"] or [])}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spans", type=int, default=1_000_000)
    parser.add_argument("--file", type=Path, default=Path("/tmp/modelmap-bench-spans.jsonl"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-probe", action="store_true")
    args = parser.parse_args()
    report: dict[str, object] = {"python": sys.version.split()[0], "cpus": os.cpu_count(),
                                 "load_avg_1m": round(os.getloadavg()[0], 2)}
    if not args.skip_probe:
        report["probe"] = bench_probe(args.rounds)
    if not args.skip_ingest:
        report["ingest"] = bench_ingest(args.spans, args.file)
    report["load_avg_1m_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(report, indent=2))
    _ = resource  # the child measures its own RSS


if __name__ == "__main__":
    main()
