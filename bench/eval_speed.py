"""Benchmark: ``modelmap eval`` against the loopback fake (issue 16).

    PYTHONPATH=src:. python bench/eval_speed.py [--cases 200] [--repeat 3]

Two measures, each the best of ``--repeat`` runs, wall clock, in this process (the fake serves from threads
of the same process, so its work is counted too):

* ``cases``: a generated cases suite of ``--cases`` routing cases (the demo suite's messages varied by an
  index, exact / includes / regex / numeric scorers) × 2 models (careful, reckless) → the issue's target,
  200 cases × 2 models under 60 s on 2 cores;
* ``shipped``: the four shipped suites (12 + 60 + 104 + 60 = 236 requests per model, bandit scanning the
  code answers) × 2 models, with the fake grader as judge.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from tests.eval.fake_openai import FakeServer

from modelmap.eval.engine import HttpEngine, parse_model
from modelmap.eval.runner import Settings, run_eval
from modelmap.eval.suites import load_suite

ROUTES = [("I was charged twice, refund please (ticket {i})", "billing", "exact"),
          ("The app crashes on start, build {i}", "bug", "exact"),
          ("How do I add user number {i} to my team?", "how-to", "exact"),
          ("Our SLA? Policy {i}: high-priority tickets get a first reply within 4 hours.", "4 hours", "includes"),
          ("A customer (case {i}) cannot log in. Tell them how to reset their password.", "reset.{0,40}password", "regex"),
          ("A plan costs 12 dollars per seat per month. Team {i} has 15 seats. Monthly total?", 180, "numeric")]
SYSTEM = "Classify the customer's message. Answer with one word: billing, bug, how-to, other."


def write_cases(folder: Path, n: int) -> Path:
    path = folder / "cases.jsonl"
    with path.open("w") as fh:
        for i in range(n):
            text, target, scorer = ROUTES[i % len(ROUTES)]
            rec = {"id": f"c{i:04d}", "input": text.format(i=i), "target": target, "scorer": scorer, "tolerance": 0.5}
            if scorer == "exact":
                rec["system"] = SYSTEM
            fh.write(json.dumps(rec) + "\n")
    return path


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeServer() as srv:
        models = [parse_model("careful", srv.base_url), parse_model("reckless", srv.base_url)]
        cases = load_suite(str(write_cases(Path(tmp), args.cases)))
        engine = HttpEngine()
        n_runs = {}

        def run_cases() -> None:
            doc = run_eval([cases], models, engine).document
            n_runs["cases"] = doc["suites"][0]["requests_per_model"]

        shipped = [load_suite(s) for s in ("cases-demo", "jailbreak", "insecure-code", "slant")]
        settings = Settings(judge=parse_model("grader", srv.base_url))

        def run_shipped() -> None:
            doc = run_eval(shipped, models, engine, settings).document
            n_runs["shipped"] = sum(sd["requests_per_model"] for sd in doc["suites"])

        t_cases = best(run_cases, args.repeat)
        t_shipped = best(run_shipped, args.repeat)
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")
    print(f"cases:   {n_runs['cases']} cases x 2 models: {t_cases:.2f} s (target < 60 s: "
          f"{'met' if t_cases < 60 else 'NOT met'})")
    print(f"shipped: {n_runs['shipped']} requests x 2 models (+ judge, + bandit): {t_shipped:.2f} s")


if __name__ == "__main__":
    main()
