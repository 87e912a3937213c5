"""Benchmark: `modelmap serve` ingest and query speed, and the server's memory (issue 17).

    PYTHONPATH=src python bench/server_ingest.py [--db URL] [--repos 100] [--snapshots 200] [--findings 200]

A real ``modelmap serve`` process on a free loopback port, driven over HTTP from this process, one request at
a time. The documents are the demo app's resolved scan (examples/demo-app) with its findings copied to
``--findings`` findings per document, each copy at its own path, so the server normalises and stores
``--findings`` usages per snapshot. ``--snapshots`` uploads are spread over ``--repos`` repositories
(different commits). Then the portfolio, a model, a project and its history are each asked ``--queries``
times and p50/p95 reported. The server's peak resident memory (VmHWM) is read from /proc at the end.
One CycloneDX BOM upload is timed apart: cyclonedx-python-lib's validator dominates it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.conftest import http, start_server  # noqa: E402


def _document(findings: int) -> bytes:
    import modelmap
    from modelmap.report.json import scan_document

    result = modelmap.scan([ROOT / "examples" / "demo-app"], resolve=True)
    base = [f.to_dict() for f in result.findings]
    out = []
    while len(out) < findings:
        copy = len(out) // len(base)
        for f in base:
            if len(out) == findings:
                break
            out.append({**f, "path": f"svc{copy}/{f['path']}"})
    doc = scan_document(result)
    doc["findings"] = out
    doc.pop("summary", None)
    return json.dumps(doc).encode()


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database URL (default: a new SQLite file in a temp folder)")
    parser.add_argument("--repos", type=int, default=100)
    parser.add_argument("--snapshots", type=int, default=200)
    parser.add_argument("--findings", type=int, default=200)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="modelmap-bench-"))
    db = args.db or f"sqlite:///{folder / 'bench.sqlite3'}"
    made = subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "serve", "--db", db,
                           "--create-token", "bench", "--scopes", "upload,read"], capture_output=True, text=True,
                          check=True)
    token = made.stdout.strip()
    server = start_server(db, folder / "server.log")
    try:
        body = _document(args.findings)
        cdx = subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "bom",
                              str(ROOT / "examples" / "demo-app"), "-q"], capture_output=True, check=True).stdout
        start = time.perf_counter()
        for i in range(args.snapshots):
            status, reply = http("POST", f"{server.url}/api/v1/projects/bench/repo-{i % args.repos}/snapshots"
                                 f"?commit=c{i}", token, body)
            assert status == 201, reply
        ingest = time.perf_counter() - start
        t0 = time.perf_counter()
        status, _ = http("POST", f"{server.url}/api/v1/projects/bench/bom/snapshots?commit=b1", token, cdx)
        bom_seconds = time.perf_counter() - t0
        assert status == 201
        timings: dict[str, list[float]] = {}
        for name, path in (("portfolio", "/api/v1/portfolio"), ("model", "/api/v1/models/qwen/qwen2.5-7b-instruct"),
                           ("project", "/api/v1/projects/bench/repo-0"),
                           ("history", "/api/v1/projects/bench/repo-0/snapshots"), ("portfolio page", "/")):
            for _ in range(args.queries):
                t0 = time.perf_counter()
                status, _ = http("GET", server.url + path, token)
                timings.setdefault(name, []).append(time.perf_counter() - t0)
                assert status == 200, (path, status)
        peak_kb = 0
        for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak_kb = int(line.split()[1])
    finally:
        server.stop()
    print(f"database: {db.split(':', 1)[0]}; cores: {os.cpu_count()}")
    print(f"ingest: {args.snapshots} scan snapshots x {args.findings} findings over {args.repos} repos in "
          f"{ingest:.1f} s ({args.snapshots / ingest:.1f}/s, {1000 * ingest / args.snapshots:.0f} ms each)")
    print(f"one CycloneDX BOM upload (demo app, validated by cyclonedx-python-lib): {bom_seconds:.2f} s")
    for name, values in timings.items():
        print(f"{name}: p50 {1000 * statistics.median(values):.0f} ms, p95 {1000 * _p(values, 0.95):.0f} ms "
              f"({len(values)} requests)")
    print(f"server peak RSS: {peak_kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()
