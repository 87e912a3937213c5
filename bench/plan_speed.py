"""Time `modelmap plan` on a 10,000-usage inventory (issue 14: under 2 s).

The inventory is the demo app's resolved scan (examples/demo-app) repeated over 100 services of 10 flows:
every finding is copied to ``services/s<NN>/<its path>`` until there are 10,000 model usages, so each copy keeps
its real resolution (model, origins, serving). Timed: the scenario (``scenario.affected``, the policy engine)
and ``plan.build_plan`` (replacements, classes, edits, costs, verdicts), each the median of --runs runs after
one warm-up run that fills the knowledge-base and candidate caches. The scan itself is not timed (bench/ has
scan benchmarks); the first, cold plan is reported separately.

    python3 bench/plan_speed.py [--usages 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def synthetic(usages: int):
    import modelmap
    from modelmap.policy import load_config
    from modelmap.policy.config import Flow
    from modelmap.types import ScanResult, ScanStats

    demo = ROOT / "examples" / "demo-app"
    base = modelmap.scan([demo], resolve=True)
    config = load_config(demo)
    models = [f for f in base.findings if f.kind != "endpoint"]
    findings = []
    service = 0
    while sum(1 for f in findings if f.kind != "endpoint") < usages:
        for f in base.findings:
            findings.append(dataclasses.replace(f, path=f"services/s{service:03d}/{f.path}"))
        service += 1
    # 10 groups of the demo's 3 flows; group g holds the services whose number ends in g (one glob a path)
    flows = tuple(Flow(name=f"{flow.name}-{g}", paths=tuple(f"services/s*{g}/{p}" for p in flow.paths), tags=flow.tags)
                  for g in range(10) for flow in config.flows)
    result = ScanResult(root=str(demo), findings=findings, skips=[], stats=ScanStats())
    return result, dataclasses.replace(config, flows=flows), len(models) * service


def cpu_now() -> float:
    """CPU seconds of this process and its finished children (the policy engine evaluates in a forked child)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--usages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from modelmap.switch import plan, scenario
    from modelmap.switch.volume import load_volume

    result, config, n = synthetic(args.usages)
    chosen = scenario.load_scenario("no-cn-origin")
    volume = load_volume(ROOT / "examples" / "demo-app" / "volume.yaml")
    times: list[tuple[float, float]] = []
    out = None
    cpu: list[tuple[float, float]] = []
    for i in range(args.runs + 1):
        t0, c0 = time.perf_counter(), cpu_now()
        affected = scenario.affected(result, chosen, config)
        t1, c1 = time.perf_counter(), cpu_now()
        out = plan.build_plan(result, affected, config, volume)
        t2, c2 = time.perf_counter(), cpu_now()
        if i == 0:
            print(f"cold (first) run, wall: scenario {t1 - t0:.3f} s, plan {t2 - t1:.3f} s "
                  f"(CPU {c1 - c0:.3f} s + {c2 - c1:.3f} s; includes the candidate lookups)")
            continue
        times.append((t1 - t0, t2 - t1))
        cpu.append((c1 - c0, c2 - c1))
    assert out is not None
    s = out.summary()
    med_s = statistics.median(t[0] for t in times)
    med_p = statistics.median(t[1] for t in times)
    print(f"inventory: {n} model usages, {len(config.flows)} flows; affected usages {s['usages_affected']} in "
          f"{s['flows']} flows ({s['replaced']} replaced, {s['none_found']} none found)")
    cpu_s = statistics.median(t[0] for t in cpu)
    cpu_p = statistics.median(t[1] for t in cpu)
    print(f"median of {args.runs}, wall: scenario {med_s:.3f} s + plan {med_p:.3f} s = {med_s + med_p:.3f} s "
          f"({'under' if med_s + med_p < 2 else 'OVER'} 2 s)")
    print(f"median of {args.runs}, CPU:  scenario {cpu_s:.3f} s + plan {cpu_p:.3f} s = {cpu_s + cpu_p:.3f} s "
          f"({'under' if cpu_s + cpu_p < 2 else 'OVER'} 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
