"""Benchmark: `modelmap serve` at the issue's size: ingest, queries, pages and memory (issue 17).

    PYTHONPATH=src python bench/server_ingest.py --db postgresql://modelmap@127.0.0.1:55439/bench \
        [--seed-repos 2000] [--seed-models 50] [--snapshots 1000] [--findings 200] [--servers 1] [--clients 2]

Three phases, each against real ``modelmap serve`` processes on free loopback ports, driven over HTTP:

1. **Seed** (in-process, through the server's own ``service.ingest``, not timed as a target): ``--seed-repos``
   repositories, each with one snapshot of ``--seed-models`` models drawn from a pool of 2 x that many model
   keys, two places (usages) per model. The model facts are synthetic (publishers ``publisher-N`` with a
   country each, origins, serving countries and licences rotated over a few values, some unknown); the
   point is the shape and size of the data. Seeded snapshots have format ``bench`` (the scenario API lists
   them as not evaluated).
2. **Queries**: each API query and page is asked ``--queries`` times with an org admin token (one that sees
   every repository); p50 and p95 are reported. The first request of each is reported apart (cold).
3. **Ingest over HTTP**: ``--snapshots`` uploads of the demo app's resolved scan copied out to ``--findings``
   findings (``modelmap.scan/1``, validated and normalised by the server), to ``--snapshots`` new
   repositories, from ``--clients`` client threads, round-robin over ``--servers`` serve processes. Each
   team's CI has its own upload token (per-token rate limit: 2/s, burst 60), so the uploads are spread
   over 50 team tokens, 20 uploads each at the default size.

Then the peak resident memory (VmHWM) of each server process is read from /proc. The load average is printed
before and after, since the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.conftest import Server, http, start_server  # noqa: E402

TEAMS = 50


def _document(findings: int) -> bytes:
    import modelmap
    from modelmap.report.json import scan_document

    result = modelmap.scan([ROOT / "examples" / "demo-app"], resolve=True)
    base = [f.to_dict() for f in result.findings]
    out: list[dict[str, Any]] = []
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


def _pool(size: int) -> list[dict[str, Any]]:
    """Synthetic model records: a key and facts, some unknown (None), as normalize.py produces them."""
    countries = ["US", "CN", "FR", "DE", "JP"]
    licences = ["Apache-2.0", "MIT", "proprietary", None]
    pool = []
    for k in range(size):
        publisher = k % 12
        country = countries[publisher % len(countries)]
        known = k % 7 != 0
        pool.append({
            "key": f"publisher-{publisher}/model-{k}" if known else f"unresolved:model-{k}",
            "resolved": known, "identifiers": [f"model-{k}"],
            "publisher": f"publisher-{publisher}" if known else None,
            "publisher_country": country if known else None,
            "origins": sorted({country, countries[(k // 3) % len(countries)]}) if known else None,
            "origins_known": known,
            "serving_countries": [countries[k % 3]] if k % 4 else None,
            "served_by": [f"provider-{k % 5}"] if k % 4 else None,
            "license": licences[k % len(licences)] if known else None,
            "flows": None, "confidence": "high" if known else None, "usages": 2,
        })
    return pool


def seed(db: str, repos: int, models: int) -> tuple[str, list[str], float]:
    """Seed the database in-process; returns (admin token, upload tokens, seconds)."""
    import datetime as dt

    from modelmap.server import service
    from modelmap.server.db import make_engine, migrate, session_factory
    from modelmap.server.normalize import Normalized

    engine = make_engine(db)
    migrate(engine)
    sessions = session_factory(engine)
    with sessions() as session:
        admin = service.create_token(session, "org-admins", "upload,read,policy", admin=True)
        uploaders = [service.create_token(session, f"team-{t}", "upload,read") for t in range(TEAMS)]
        principals = [service.authenticate(session, token) for token in uploaders]
    pool = _pool(2 * models)
    rng = random.Random(17)
    start = time.perf_counter()
    taken = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    for r in range(repos):
        doc = Normalized(format="bench", spec="bench/1")
        for m in rng.sample(pool, models):
            doc.models[m["key"]] = m
            doc.usages += [{"model": m["key"], "path": f"src/{m['key'].split('/')[-1]}_{i}.py", "line": 10 + i,
                            "flow": None, "section": None, "identifier": m["identifiers"][0]} for i in range(2)]
        who = principals[r % TEAMS]
        assert who is not None
        with sessions() as session:
            service.ingest(session, who, f"seed/repo-{r:04d}", doc, b"{}", commit="s1", branch="main",
                           taken_at=taken + dt.timedelta(minutes=r), business_unit=None, environment=None,
                           regulated=bool(r % 3 == 0))
    seconds = time.perf_counter() - start
    engine.dispose()
    return admin, uploaders, seconds


def timed(url: str, token: str, path: str, n: int) -> tuple[float, list[float]]:
    t0 = time.perf_counter()
    status, reply = http("GET", url + path, token)
    cold = time.perf_counter() - t0
    assert status == 200, (path, status, str(reply)[:200])
    warm = []
    for _ in range(n):
        t0 = time.perf_counter()
        status, _ = http("GET", url + path, token)
        warm.append(time.perf_counter() - t0)
        assert status == 200, (path, status)
    return cold, warm


def peak_mb(server: Server) -> float:
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database URL (default: a new SQLite file in a temp folder)")
    parser.add_argument("--seed-repos", type=int, default=2000)
    parser.add_argument("--seed-models", type=int, default=50)
    parser.add_argument("--snapshots", type=int, default=1000)
    parser.add_argument("--findings", type=int, default=200)
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--after-uploads", type=int, default=5,
                        help="rounds of one upload then each query once (the first read after an upload)")
    parser.add_argument("--skip-seed", action="store_true",
                        help="the database is seeded already (by an earlier run): only new tokens are made")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--postgres-pid", type=int, help="the postmaster's pid: its CPU time is counted too")
    parser.add_argument("--document", type=Path,
                        help="the scan JSON to upload: read when the file exists, else made from the demo app "
                             "(as without this option) and written there, so later runs upload the same bytes")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="modelmap-bench-"))
    db = args.db or f"sqlite:///{folder / 'bench.sqlite3'}"
    print(f"database: {db.split(':', 1)[0]}; cores: {os.cpu_count()}; load average: {os.getloadavg()}")
    admin, uploaders, seed_seconds = seed(db, 0 if args.skip_seed else args.seed_repos, args.seed_models)
    if not args.skip_seed:
        print(f"seeded {args.seed_repos} repos x {args.seed_models} models in-process in {seed_seconds:.1f} s")
    servers = [start_server(db, folder / f"server{i}.log") for i in range(args.servers)]
    try:
        results: list[tuple[str, float, list[float]]] = []
        after: list[tuple[str, list[float]]] = []
        if not args.skip_queries:
            results = run_queries(servers[0], db, admin, args.queries)
            after = after_uploads(servers[0], admin, _body(args), args.after_uploads)
        ingest, load_before, load_after, cpu = 0.0, os.getloadavg(), os.getloadavg(), 0.0
        if not args.skip_ingest:
            ingest, load_before, load_after, cpu = run_ingest(servers, uploaders, args)
        peaks = [peak_mb(s) for s in servers]
    finally:
        for s in servers:
            s.stop()
    if not args.skip_ingest:
        print(f"ingest: {args.snapshots} scan snapshots x {args.findings} findings, {args.clients} clients, "
              f"{args.servers} server process(es): {ingest:.1f} s ({args.snapshots / ingest:.1f}/s, "
              f"{1000 * ingest / args.snapshots:.0f} ms each); load average before {load_before}, after {load_after}")
        print(f"CPU spent on ingest by the serve processes{' and PostgreSQL' if args.postgres_pid else ''}: "
              f"{cpu:.1f} s "
              f"({1000 * cpu / args.snapshots:.0f} ms per snapshot)")
    for name, cold, warm in results:
        print(f"{name}: first request {1000 * cold:.0f} ms; then p50 {1000 * statistics.median(warm):.0f} ms, "
              f"p95 {1000 * _p(warm, 0.95):.0f} ms ({len(warm)} requests)")
    for name, times in after:
        print(f"{name}: first request after an upload: median {1000 * statistics.median(times):.0f} ms, "
              f"max {1000 * max(times):.0f} ms ({len(times)} uploads)")
    print(f"server peak RSS: {', '.join(f'{p:.0f} MB' for p in peaks)}")
    print(f"load average at the end: {os.getloadavg()}")


def _cpu_seconds(pids: list[int], postmaster: int | None) -> float:
    """utime + stime of the serve processes, and of PostgreSQL's postmaster and its children when its pid is
    given (read from /proc; other PostgreSQL servers on the machine are not counted)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid, parent = int(entry.name), int(fields[1])
        if pid in pids or (postmaster is not None and postmaster in (pid, parent)):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _body(args: argparse.Namespace) -> bytes:
    if args.document is not None and args.document.exists():
        return bytes(args.document.read_bytes())
    body = _document(args.findings)
    if args.document is not None:
        args.document.write_bytes(body)
    return body


def run_ingest(servers: list[Server], uploaders: list[str], args: argparse.Namespace) -> tuple[
        float, tuple[float, float, float], tuple[float, float, float], float]:
    body = _body(args)
    stamp = int(time.time())
    jobs = [(servers[i % len(servers)].url, uploaders[i % TEAMS], i) for i in range(args.snapshots)]

    def upload(job: tuple[str, str, int]) -> int:
        base, token, i = job
        status, reply = http("POST", f"{base}/api/v1/projects/ingest/run{stamp}/repo-{i:04d}/snapshots?commit=c{i}",
                             token, body)
        assert status == 201, reply
        return status

    pids = [s.process.pid for s in servers]
    load_before, cpu_before = os.getloadavg(), _cpu_seconds(pids, args.postgres_pid)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        list(pool.map(upload, jobs))
    ingest = time.perf_counter() - start
    return ingest, load_before, os.getloadavg(), _cpu_seconds(pids, args.postgres_pid) - cpu_before


def run_queries(server: Server, db: str, admin: str, n: int) -> list[tuple[str, float, list[float]]]:
    """Each query's first request (nothing was asked before, so the server's cache is cold) and ``n`` more.
    The most and least used models are read from the database, not through the API (that would warm it)."""
    from sqlalchemy import func, select

    from modelmap.server.db import Project, SnapshotModel, make_engine

    url = server.url
    engine = make_engine(db)
    with engine.connect() as conn:
        counts = conn.execute(select(SnapshotModel.model_key, func.count())
                              .join(Project, Project.latest_snapshot_id == SnapshotModel.snapshot_id)
                              .group_by(SnapshotModel.model_key)
                              .order_by(func.count().desc(), SnapshotModel.model_key)).all()
    engine.dispose()
    top, top_n = counts[0]
    rare, rare_n = counts[-1]
    queries = (
        ("API portfolio", "/api/v1/portfolio"),
        (f"API model (used by {top_n} repos; first 100 listed)", f"/api/v1/models/{top}"),
        (f"API model (used by {rare_n} repos)", f"/api/v1/models/{rare}"),
        ("API projects (first 100)", "/api/v1/projects?limit=100"),
        ("API project content", "/api/v1/projects/seed/repo-0001"),
        ("API project history", "/api/v1/projects/seed/repo-0001/snapshots"),
        ("API trends by origin", "/api/v1/trends"),
        ("page portfolio /", "/"),
        ("page portfolio drilled to origin CN", "/?origin=CN"),
        ("page model", f"/models/{top}"),
        ("page project", "/projects/seed/repo-0001"),
        ("page policy status", "/policy"),
        ("page optionality", "/optionality"),
        ("page trends", "/trends"),
    )
    results: list[tuple[str, float, list[float]]] = []
    for name, path in queries:
        cold, warm = timed(url, admin, path, n)
        results.append((name, cold, warm))
    return results


AFTER_UPLOAD = (
    ("API portfolio", "/api/v1/portfolio"),
    ("API policy status", "/api/v1/policy/status"),
    ("API optionality", "/api/v1/optionality"),
    ("API trends by origin", "/api/v1/trends"),
    ("page portfolio /", "/"),
    ("page policy status", "/policy"),
    ("page optionality", "/optionality"),
)


def after_uploads(server: Server, admin: str, body: bytes, rounds: int) -> list[tuple[str, list[float]]]:
    """``rounds`` times: upload a scan to a new repository (every read's cache is then stale), then ask each
    query once. What a reader waits for while CI keeps uploading."""
    stamp = int(time.time())
    times: dict[str, list[float]] = {name: [] for name, _ in AFTER_UPLOAD}
    for r in range(rounds):
        status, reply = http("POST", f"{server.url}/api/v1/projects/after/run{stamp}/repo-{r}/snapshots?commit=c{r}",
                             admin, body)
        assert status == 201, reply
        for name, path in AFTER_UPLOAD:
            t0 = time.perf_counter()
            status, _ = http("GET", server.url + path, admin)
            times[name].append(time.perf_counter() - t0)
            assert status == 200, (path, status)
    return list(times.items())


if __name__ == "__main__":
    main()
