"""Benchmark: evaluate 20 policy rules over 10,000 usages (issue 4 target: < 1 s).

    PYTHONPATH=src python bench/policy_eval.py [--usages 10000] [--repeat 5]

Two inventories are measured:

* ``typical``: 10k usages of 200 distinct resolved models across 12 flows (what a large
  monorepo looks like: the same model referenced many times). Each finding carries its own
  equal-but-distinct resolution dict, as ``resolve_findings`` produces;
* ``worst``: 10k usages with 10k *distinct* resolutions, so the per-(resolution, flow) cache never
  hits and every rule runs on every usage.

Rules are compiled once (at config load, timed separately). Results go in bench/POLICY.md.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from datetime import date

from modelmap.policy.config import parse_config
from modelmap.policy.engine import evaluate
from modelmap.policy.yamlmarks import load_yaml
from modelmap.types import Finding, ScanResult, ScanStats

COUNTRIES = ["US", "CN", "FR", "DE", "CA", "GB", "AE", "IL"]
RULES = [
    ("no-cn-origin-regulated", "when: \"'regulated' in flow.tags\"\n    deny: \"'CN' in origins\""),
    ("no-cn-serving", "deny: \"served_by.country == 'CN'\""),
    ("license-commercial", "when: model.resolved\n    require: \"license.commercial_use == true\""),
    ("license-permissive", "when: \"model.resolved && license.id != null\"\n    require: \"license.permissive == true\""),
    ("lineage-cn", "deny: \"lineage.exists(s, s.publisher.country == 'CN')\""),
    ("distilled", "deny: \"model.distilled_from.size() > 0 && 'customer-facing' in flow.tags\""),
    ("big-models", "deny: \"model.params != null && model.params > 100000000000\""),
    ("identified", "when: \"usage.context in ['app', 'config']\"\n    require: model.resolved"),
    ("no-test-only-api", "deny: \"usage.context == 'test' && usage.kind == 'api-model'\""),
    ("no-raw-endpoints", "deny: \"usage.endpoint != null && usage.endpoint.startsWith('http://')\""),
    ("country-of-concern", "deny: \"origins.exists(c, c in ['RU', 'IR', 'KP'])\""),
    ("open-weights-internal", "when: \"'internal' in flow.tags\"\n    require: \"model.open_weights == true\""),
    ("publisher-known", "require: \"publisher.id != null || usage.context == 'test'\""),
    ("path-notebooks", "deny: \"usage.path.endsWith('.ipynb') && 'regulated' in flow.tags\""),
    ("served-eu", "when: \"'eu-data' in flow.tags\"\n    require: \"served_by.countries.all(c, c in ['FR', 'DE', 'IE'])\""),
    ("role-embedding", "deny: \"usage.role == 'embedding' && publisher.country == 'CN'\""),
    ("confidence", "deny: \"model.confidence == 'inferred' && 'regulated' in flow.tags\""),
    ("fallback", "scope: flow\n    when: \"'production' in flow.tags\"\n    require: flow.fallback.has_fallback"),
    ("flow-publishers", "scope: flow\n    deny: \"flow.publishers.size() > 5\""),
    ("concentration", "scope: inventory\n    deny: \"inventory.max_publisher_share > 0.6\""),
]


def config_text(flows: int) -> str:
    lines = ["version: 1", "flows:"]
    tags = ["regulated", "customer-facing", "production", "internal", "eu-data"]
    for i in range(flows):
        lines.append(f"  flow-{i}: {{paths: ['svc{i}/**'], tags: [{tags[i % 5]}, {tags[(i + 2) % 5]}]}}")
    lines.append("rules:")
    for rule_id, body in RULES:
        lines.append(f"  - id: {rule_id}\n    severity: warning\n    message: {rule_id}\n    {body}")
    return "\n".join(lines) + "\n"


def resolution(i: int) -> dict:
    country = COUNTRIES[i % len(COUNTRIES)]
    pub = {"id": f"pub-{i % 37}", "name": f"Publisher {i % 37}", "country": country}
    return {
        "query": f"org{i}/model-{i}",
        "model": {"id": f"org{i}/model-{i}", "family": f"fam-{i % 11}", "params": (i % 50) * 5_000_000_000},
        "publisher": pub,
        "license": {"id": "apache-2.0", "spdx": "Apache-2.0", "name": "Apache", "permissive": i % 3 != 0,
                    "commercial_use": i % 7 != 0},
        "open_weights": i % 2 == 0,
        "lineage": [{"relation": "base", "model": f"base-{i % 13}", "publisher": pub}],
        "distilled_from": [] if i % 5 else [f"teacher-{i}"],
        "origins": sorted({country, COUNTRIES[(i + 1) % len(COUNTRIES)]}),
        "served_by": {"id": f"srv-{i % 9}", "operator": "Op", "country": COUNTRIES[(i + 3) % 8], "serving": ["US"]}
        if i % 4 == 0 else None,
        "flags": [], "sources": [], "confidence": "known" if i % 6 else "inferred", "reason": None,
    }


def inventory(usages: int, distinct: int, flows: int) -> ScanResult:
    resolutions = [resolution(i) for i in range(distinct)]
    findings = []
    for i in range(usages):
        # a fresh, equal dict per finding, as provenance.resolve_findings produces (Resolution.to_dict())
        res = copy.deepcopy(resolutions[i % distinct])
        findings.append(Finding(path=f"svc{i % flows}/mod{i % 97}.py", line=i % 400 + 1, column=1,
                                raw=res["query"], kind="hf-repo", role="generation" if i % 3 else "embedding",
                                context="app" if i % 10 else "test", source="python-from-pretrained",
                                endpoint="http://10.0.0.1/v1" if i % 50 == 0 else None, resolution=res))
    return ScanResult(root=".", findings=findings, skips=[], stats=ScanStats())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--usages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--flows", type=int, default=12)
    args = parser.parse_args()

    text = config_text(args.flows)
    start = time.perf_counter()
    config = parse_config(load_yaml(text, "modelmap.yaml"), "modelmap.yaml")
    compile_s = time.perf_counter() - start
    print(f"compile {len(config.rules)} rules: {compile_s * 1000:.1f} ms")
    for label, distinct in (("typical (200 distinct models)", 200), ("worst (all distinct)", args.usages)):
        result = inventory(args.usages, distinct, args.flows)
        times, cpu = [], []
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            check = evaluate(result, config, date(2025, 6, 1))
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(f"{label}: {args.usages} usages x {len(config.rules)} rules: "
              f"wall best {min(times):.3f} s / median {statistics.median(times):.3f} s, "
              f"CPU best {min(cpu):.3f} s, {len(check.violations)} violations")


if __name__ == "__main__":
    main()
