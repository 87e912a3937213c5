"""Benchmark: scenario, optionality and alternatives over a 10,000-usage inventory (issue 14).

    PYTHONPATH=src python bench/switch_speed.py [--usages 10000] [--repeat 3]

The inventory is the demo app's resolved findings (examples/demo-app: API models, local Hub models, an
endpoint) copied into 12 flows until it holds ``--usages`` usages, each copy at its own path, so the
policy engine sees 10k usages of a handful of distinct resolutions, as in a large monorepo. Measured:

* ``affected`` (``modelmap scenario``) for every shipped scenario;
* ``optionality`` (concentration + single points of failure, with a scenario);
* ``find_alternatives`` once per distinct (model, host) among the affected usages, cold and memoised, as a
  plan over the inventory would call it.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import modelmap
from modelmap.policy import load_config
from modelmap.policy.config import Flow, ProjectConfig
from modelmap.switch.alternatives import _MEMO, find_alternatives
from modelmap.switch.optionality import optionality
from modelmap.switch.scenario import affected, available_scenarios, load_scenario
from modelmap.types import Finding, ScanResult

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo-app"
TAGS = (("customer-facing", "regulated"), ("internal",), ("customer-facing", "production"))


def inventory(usages: int) -> tuple[ScanResult, ProjectConfig]:
    base = modelmap.scan([DEMO], resolve=True)
    config = load_config(DEMO)
    flows = tuple(Flow(f"flow-{i}", (f"svc{i}/**",), TAGS[i % len(TAGS)]) for i in range(12))
    findings: list[Finding] = []
    i = 0
    while len(findings) < usages:
        for f in base.findings:
            findings.append(dataclasses.replace(f, path=f"svc{i % 12}/copy{i}/{f.path}"))
        i += 1
    findings = findings[:usages]
    config = dataclasses.replace(config, flows=flows, flow_index={f.name: f for f in flows})
    return dataclasses.replace(base, findings=findings), config


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--usages", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    result, config = inventory(args.usages)
    print(f"inventory: {len(result.findings)} findings in {len(config.flows)} flows")
    for name in available_scenarios():
        scenario = load_scenario(name)
        seconds = timed(functools.partial(affected, result, scenario, config), args.repeat)
        res = affected(result, scenario, config)
        print(f"scenario {name:28s} {seconds:6.3f} s  ({res.summary()['usages']} usages affected)")
    scenario = load_scenario("no-cn-origin")
    print(f"optionality (no-cn-origin)            "
          f"{timed(lambda: optionality(result, config, scenario), args.repeat):6.3f} s")
    res = affected(result, scenario, config)
    pairs = sorted({(a.query, (a.served_by or {}).get("id")) for a in res.affected if a.role != "endpoint"},
                   key=str)
    _MEMO.clear()
    start = time.perf_counter()
    for query, host in pairs:
        find_alternatives(query, scenario=scenario, provider=host)
    cold = time.perf_counter() - start
    lookups = [(a.query, (a.served_by or {}).get("id")) for a in res.affected if a.role != "endpoint"
               for _ in a.usages]
    start = time.perf_counter()
    for query, host in lookups:
        find_alternatives(query, scenario=scenario, provider=host)
    warm = time.perf_counter() - start
    print(f"alternatives: {len(pairs)} distinct (model, host) cold {cold:.3f} s; "
          f"{len(lookups)} per-usage lookups memoised {warm:.3f} s")


if __name__ == "__main__":
    main()
