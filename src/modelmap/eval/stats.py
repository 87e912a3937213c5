"""Statistics for comparing models prompt by prompt (hand-written: each is a few lines of textbook maths).

* :func:`wilson` — the Wilson score interval for a rate (better than the normal approximation at small n
  and near 0 or 1).
* :func:`mcnemar_exact` — McNemar's exact test for paired binary outcomes: a two-sided binomial test on the
  discordant pairs.
* :func:`paired_bootstrap` — the mean of per-prompt paired deltas with a percentile bootstrap CI,
  resampled with a fixed seed so a run is reproducible.

Every result carries ``n`` and its interval, and ``significant`` says whether the difference is
significant at the 5 % level at that n (a CI that excludes 0, or p < 0.05); ``note`` says so in words.
numpy is already a dependency of modelmap; nothing else is used.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

Z95 = 1.959963984540054
ALPHA = 0.05
BOOTSTRAP_RESAMPLES = 2000
SEED = 20261203


def wilson(successes: int, n: int, z: float = Z95) -> dict[str, Any]:
    """A rate with its Wilson score interval; ``rate``/``low``/``high`` are None when n is 0."""
    if n <= 0:
        return {"k": successes, "n": 0, "rate": None, "low": None, "high": None}
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return {"k": successes, "n": n, "rate": round(p, 6), "low": round(max(0.0, centre - half), 6),
            "high": round(min(1.0, centre + half), 6)}


def _binom_two_sided(k: int, n: int) -> float:
    """Two-sided exact binomial p-value for k of n at p = 0.5 (doubling the smaller tail)."""
    if n == 0:
        return 1.0
    low = min(k, n - k)
    tail = sum(math.comb(n, i) for i in range(low + 1)) / 2.0**n
    return min(1.0, 2.0 * tail)


def mcnemar_exact(a: Sequence[bool], b: Sequence[bool]) -> dict[str, Any]:
    """McNemar's exact test on paired binary outcomes ``a[i]`` vs ``b[i]`` (same prompt, two conditions).

    ``b_only`` counts pairs where only b is true, ``a_only`` where only a is; the test is a two-sided
    binomial on those discordant pairs."""
    if len(a) != len(b):
        raise ValueError("paired outcomes must have the same length")
    a_only = sum(1 for x, y in zip(a, b, strict=True) if x and not y)
    b_only = sum(1 for x, y in zip(a, b, strict=True) if y and not x)
    p = _binom_two_sided(b_only, a_only + b_only)
    significant = p < ALPHA
    return {"test": "mcnemar-exact", "n": len(a), "a_only": a_only, "b_only": b_only,
            "discordant": a_only + b_only, "p_value": float(f"{p:.4g}"), "significant": significant,
            "note": _note(significant, len(a))}


def paired_bootstrap(deltas: Sequence[float], *, resamples: int = BOOTSTRAP_RESAMPLES,
                     seed: int = SEED) -> dict[str, Any]:
    """Mean of per-prompt deltas with a 95 % percentile bootstrap CI (seeded)."""
    n = len(deltas)
    if n == 0:
        return {"test": "paired-bootstrap", "n": 0, "mean": None, "low": None, "high": None,
                "significant": False, "resamples": resamples, "seed": seed,
                "note": "no paired prompts: nothing to compare"}
    values = np.asarray(deltas, dtype=float)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(resamples, n))
    means = values[idx].mean(axis=1)
    low, high = (float(x) for x in np.percentile(means, [2.5, 97.5]))
    significant = bool(low > 0 or high < 0)
    return {"test": "paired-bootstrap", "n": n, "mean": round(float(values.mean()), 6), "low": round(low, 6),
            "high": round(high, 6), "significant": significant, "resamples": resamples, "seed": seed,
            "note": _note(significant, n)}


def _note(significant: bool, n: int) -> str:
    if significant:
        return f"significant at the 5% level (n={n})"
    return f"not significant at the 5% level at n={n}: the data cannot tell these apart"
