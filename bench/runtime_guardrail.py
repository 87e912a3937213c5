#!/usr/bin/env python3
"""Guardrail overhead (issue 15): latency per request through a real LiteLLM proxy, with and without modelmap.

Starts the proxy of tests/integrations/litellm_proxy.py (LiteLLM 1.80.0 on loopback, deployments answer with
``mock_response``, so the figures are the proxy's own work) once per configuration:

* ``plain``      no modelmap callback at all;
* ``guardrail``  modelmap's guardrail (pre-call hook, deployment filter, pre-call-deployment check);
* ``both``       guardrail and the runtime-record JSONL callback.

For each: ``--warmup`` requests, then ``--requests`` sequential requests to the ``chat`` group tagged
``flow:support`` (two deployments; the guardrail lets only one through), timed client-side with
``time.perf_counter``. Prints JSON (median, p90, mean per configuration; load average before and after).
``--in-process`` also times the guardrail's hooks called directly (no proxy, no HTTP): the pre-call hook, the
deployment filter and the pre-call-deployment check for one request, decisions memoised as in a running proxy.
Record results in bench/RUNTIME.md. Never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.integrations.litellm_proxy import start_proxy  # noqa: E402

CONFIGS = {"plain": (False, False), "guardrail": (True, False), "both": (True, True)}


def measure(name: str, requests: int, warmup: int) -> dict[str, object]:
    guardrail, callback = CONFIGS[name]
    with tempfile.TemporaryDirectory(prefix=f"modelmap-bench-{name}-") as folder:
        proxy = start_proxy(Path(folder), guardrail=guardrail, callback=callback)
        try:
            tags = ["flow:support"]
            for _ in range(warmup):
                status, body, _ = proxy.chat("chat", tags=tags)
                assert status == 200, body
            times = []
            for _ in range(requests):
                t = time.perf_counter()
                status, body, _ = proxy.chat("chat", tags=tags)
                times.append(time.perf_counter() - t)
                assert status == 200, body
        finally:
            proxy.stop()
    times.sort()
    return {"config": name, "requests": requests, "median_ms": round(statistics.median(times) * 1000, 2),
            "p90_ms": round(times[int(len(times) * 0.9) - 1] * 1000, 2),
            "mean_ms": round(statistics.fmean(times) * 1000, 2)}


def in_process(rounds: int) -> dict[str, object]:
    """Median time of the three guardrail hooks for one request, called directly."""
    import asyncio

    from tests.integrations.litellm_proxy import POLICY

    from modelmap.integrations.gate import Gate
    from modelmap.integrations.litellm import ModelmapGuardrail
    from modelmap.policy.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "modelmap.yaml").write_text(POLICY)
        guard = ModelmapGuardrail(Gate.from_config(load_config(Path(folder) / "modelmap.yaml")))
    deployments = [{"model_name": "chat", "litellm_params": {"model": m}}
                   for m in ("deepseek/deepseek-chat", "openai/gpt-4o")]

    class Key:
        key_alias = team_alias = metadata = team_metadata = None

    async def one() -> None:
        data = {"model": "chat", "tags": ["flow:support"], "metadata": {"tags": ["flow:support"]},
                "messages": [{"role": "user", "content": "hello"}]}
        data = await guard.async_pre_call_hook(Key(), None, data, "completion")
        kept = await guard.async_filter_deployments("chat", deployments, data["messages"], request_kwargs=data)
        await guard.async_pre_call_deployment_hook(
            {"model": kept[0]["litellm_params"]["model"], "metadata": {**data["metadata"], "model_group": "chat"}},
            None)

    async def timed() -> list[float]:
        await one()  # first call: resolution and rule evaluation (then memoised)
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            await one()
            times.append(time.perf_counter() - t)
        return times

    times = asyncio.run(timed())
    return {"rounds": rounds, "median_us": round(statistics.median(times) * 1e6, 1),
            "p90_us": round(sorted(times)[int(rounds * 0.9) - 1] * 1e6, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--configs", default="plain,guardrail,both", help="comma-separated; empty for none")
    parser.add_argument("--in-process", type=int, default=0, metavar="ROUNDS")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    results = [measure(name, args.requests, args.warmup) for name in args.configs.split(",") if name]
    out: dict[str, object] = {"load_avg_1m_before": round(load_before, 2), "results": results}
    if args.in_process:
        out["in_process"] = in_process(args.in_process)
    out["load_avg_1m_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
