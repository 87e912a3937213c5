"""Flow membership from one re2 set per policy (policy/globs.group_matcher) equals glob-by-glob matching."""

from __future__ import annotations

import random

from modelmap.policy.globs import group_matcher, matches_any


def test_flow_membership_from_one_glob_set_equals_matching_glob_by_glob() -> None:
    groups = (("services/checkout/**", "*.py"), ("internal/**",), ("**/tests/**", "app/*.ts"), ("a?c/**",),
              ("x/**/y.py",), ("docs/",), ("**",))
    match = group_matcher(groups)
    parts = ["services", "checkout", "internal", "tests", "app", "abc", "x", "y.py", "z.py", "a.ts", "docs", "ü"]
    rng = random.Random(7)
    for _ in range(3000):
        path = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 5)))
        assert match(path) == tuple(i for i, g in enumerate(groups) if matches_any(g, path)), path
