"""Probe latency against a REAL server (issue 15): llama-cpp-python's OpenAI-compatible server with the
SmolLM2-135M-Instruct GGUF (tests/llama_server.py starts it on a free loopback port).

``python bench/runtime_probe_llama.py [--rounds 10]`` starts the server once with ``--model_alias gpt-4o`` and once
without an alias, probes each once to warm up, then times ``probe_one`` ``--rounds`` times (server detection, every
request it makes, 404s included, and resolution). Prints JSON; bench/RUNTIME.md copies the figures. Never asserted
in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def bench(alias: str | None, rounds: int) -> dict[str, object]:
    from tests.llama_server import llama_server

    from modelmap.runtime import netread, probe

    started = time.perf_counter()
    with llama_server(alias) as base:
        ready = time.perf_counter() - started
        paths: list[str] = []
        original = netread.request

        def counting(target: Any, path: str, **kw: Any) -> Any:
            paths.append(path)
            return original(target, path, **kw)

        probe.probe_one(base, allow_private=True)  # warm-up: knowledge index, resolver caches
        netread.request = counting
        try:
            entry = probe.probe_one(base, allow_private=True)
        finally:
            netread.request = original
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            probe.probe_one(base, allow_private=True)
            times.append(time.perf_counter() - t0)
    times.sort()
    return {"alias": alias, "server": entry["server"], "models": len(entry["models"] or []),
            "requests": len(paths), "paths": paths, "server_ready_s": round(ready, 1),
            "median_ms": round(statistics.median(times) * 1000, 1),
            "p90_ms": round(times[int(0.9 * (len(times) - 1))] * 1000, 1), "rounds": rounds,
            "load_avg_1m": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    results = [bench("gpt-4o", args.rounds), bench(None, args.rounds)]
    print(json.dumps({"date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()), "load_avg_1m_before": load_before,
                      "results": results}, indent=2))


if __name__ == "__main__":
    main()
