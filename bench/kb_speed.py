"""Knowledge-base speed: cold compile, warm load from the JSON cache, and resolving 100k identifiers.

    python bench/kb_speed.py [--n 100000] [--seed 7] [--json]

(a) cold load   compile every YAML data file into the index (what a first run or an edited KB costs);
(b) warm load   ``load_index()`` from the on-disk JSON cache (every later run); target < 100 ms;
(c) resolve     100k identifiers through a fresh ``Resolver`` (empty memo): a realistic mix of Hub ids,
                case variants, API names, Ollama tags with quant suffixes, GGUF file names, community
                quant repos, provider-prefixed strings, malformed input, and unique misses; names repeat
                with a Zipf-like skew as they do across a code base. Target < 2 s.

The cache goes to a temporary MODELMAP_CACHE_DIR so the user's cache is untouched.
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
from typing import Any


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def build_mix(kb: Any, n: int, seed: int) -> tuple[list[str], dict[str, int]]:
    rng = random.Random(seed)
    hf = sorted(m["hf"] for m in kb.models.values() if m.get("hf"))
    aliases = sorted(a for a in kb.alias_index if " " not in a)
    api = sorted(a for m in kb.models.values() if not m.get("hf") for a in (m.get("aliases") or []) if " " not in a)
    ollama = sorted(a for a in aliases if ":" in a)
    quant_sfx = ["-GGUF", "-AWQ", "-GPTQ-Int4", "-4bit", "-bnb-4bit", "-FP8", "-mlx-8bit"]
    file_sfx = [".Q4_K_M.gguf", "-Q8_0.gguf", "-q4_k_m.gguf", ".f16.gguf", "-00001-of-00002.gguf"]
    packagers = ["bartowski", "unsloth", "mlx-community", "TheBloke", "lmstudio-community", "QuantFactory"]
    prefixes = ["together_ai/", "openrouter/", "groq/", "fireworks_ai/", "deepinfra/", "huggingface/"]
    pools: dict[str, list[str]] = {
        "hf-repo": hf,
        "case-variant": [rng.choice((str.lower, str.upper))(h) for h in rng.sample(hf, min(300, len(hf)))],
        "api-model": api or aliases,
        "ollama-tag": [t + rng.choice(["", "-q4_K_M", "-instruct-q8_0", "-fp16"]) for t in ollama] or aliases,
        "gguf-file": [h.split("/")[1] + rng.choice(file_sfx) for h in hf],
        "community-quant": [f"{rng.choice(packagers)}/{h.split('/')[1]}{rng.choice(quant_sfx)}" for h in hf],
        "provider-prefixed": [rng.choice(prefixes) + h for h in hf] + [f"openai:{a}" for a in api[:50]],
        "malformed": ["", "a b", "::", "x" * 400, "bad\tname"],
    }
    weights = {"hf-repo": 30, "case-variant": 5, "api-model": 15, "ollama-tag": 10, "gguf-file": 10,
               "community-quant": 8, "provider-prefixed": 8, "malformed": 1, "unique-miss": 13}
    forms = list(weights)
    counts = dict.fromkeys(forms, 0)
    out: list[str] = []
    for i in range(n):
        form = rng.choices(forms, weights=[weights[f] for f in forms])[0]
        counts[form] += 1
        if form == "unique-miss":
            out.append(f"acme-{i}/in-house-model-{i}-{rng.randint(1, 70)}b" if i % 2 else f"custom-llm-{i}-v{i % 7}")
        else:
            pool = pools[form]
            # Zipf-like: a few names dominate, the long tail still shows up
            idx = min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)
            out.append(pool[(idx * 7919) % len(pool)])
    return out, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    os.environ["MODELMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="modelmap-kb-speed-")

    from modelmap.errors import IdentifierError
    from modelmap.knowledge import loader
    from modelmap.provenance.resolver import Resolver

    files = loader.data_files()
    cold = []
    for _ in range(3):
        t = time.perf_counter()
        loader.compile_index(files)
        cold.append(time.perf_counter() - t)

    loader.load_index.cache_clear()
    loader.load_index()  # writes the JSON cache
    warm = []
    for _ in range(20):
        loader.load_index.cache_clear()
        t = time.perf_counter()
        kb = loader.load_index()
        warm.append(time.perf_counter() - t)

    mix, counts = build_mix(kb, args.n, args.seed)
    t = time.perf_counter()
    resolver = Resolver(kb)
    init_s = time.perf_counter() - t
    t = time.perf_counter()
    outcomes = {"known": 0, "inferred": 0, "unknown": 0, "IdentifierError": 0}
    for ident in mix:
        try:
            outcomes[resolver.resolve(ident).confidence] += 1
        except IdentifierError:
            outcomes["IdentifierError"] += 1
    resolve_s = time.perf_counter() - t

    result = {
        "python": sys.version.split()[0],
        "data_files": len(files),
        "models": len(kb.models),
        "families": len(kb.families),
        "cold_compile_ms": {"min": min(cold) * 1000, "median": _median_ms(cold)},
        "warm_load_ms": {"min": min(warm) * 1000, "median": _median_ms(warm)},
        "resolver_init_ms": init_s * 1000,
        "resolve": {"n": len(mix), "distinct": len(set(mix)), "seconds": resolve_s,
                    "per_second": len(mix) / resolve_s, "forms": counts, "outcomes": outcomes},
        "targets": {"warm_load_ms": 100, "resolve_100k_s": 2.0},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"data files: {len(files)}  models: {len(kb.models)}  families: {len(kb.families)}")
        print(f"(a) cold compile from YAML: {result['cold_compile_ms']['median']:.0f} ms (median of 3)")
        print(f"(b) warm load from JSON cache: {result['warm_load_ms']['median']:.1f} ms (median of 20; target < 100 ms)")
        print(f"    resolver init: {init_s * 1000:.1f} ms")
        print(f"(c) resolve {len(mix):,} identifiers ({len(set(mix)):,} distinct): {resolve_s:.2f} s "
              f"({len(mix) / resolve_s:,.0f}/s; target < 2 s)")
        print(f"    forms: {counts}")
        print(f"    outcomes: {outcomes}")
    ok = result["warm_load_ms"]["median"] < 100 and resolve_s < 2.0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
