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


def test_the_glob_set_is_used_where_re2_compiles_it() -> None:
    """google-re2's Set.Compile returns None and raises on failure: testing its value sent every policy to the
    glob-by-glob loop (8,000 usages x 400 flows: 10 s of a diff instead of 0.75 s)."""
    import pytest

    re2 = pytest.importorskip("re2")
    if getattr(re2, "Set", None) is None:
        pytest.skip("this re2 has no Set")
    assert group_matcher((("src/**",), ("*.py",))).__name__ == "match"  # the set's matcher, not `loop`


def test_flows_by_path_follow_each_flows_tuple_by_identity() -> None:
    from modelmap.policy import inventory
    from modelmap.policy.config import Flow

    one = (Flow("a", ("src/**",)), Flow("b", ("src/b/**",)))
    other = (Flow("a", ("lib/**",)),)
    equal = tuple(Flow(f.name, f.paths) for f in one)  # equal, not identical: answered alike
    for _ in range(2):
        assert inventory.flows_at(one, "src/b/x.py") == ["a", "b"]
        assert inventory.flows_at(other, "src/b/x.py") == []
        assert inventory.flows_at(equal, "src/b/x.py") == ["a", "b"]
        assert inventory.flows_at(one, "lib/x.py") == [] and inventory.flows_at(other, "lib/x.py") == ["a"]
    for i in range(inventory._MATCHED_TUPLES + 3):  # older tuples give way; answers stay right
        assert inventory.flows_at((Flow(f"f{i}", ("**",)),), "x.py") == [f"f{i}"]
    assert len(inventory._MATCHED) <= inventory._MATCHED_TUPLES
    assert inventory.flows_at(one, "src/b/x.py") == ["a", "b"]


def test_literal_folder_globs_answer_as_their_regexes() -> None:
    """`dir/**` globs are looked up by the path's parent folders (group_matcher), not matched one by one: the same
    answers, newlines, `./`, backslashes and look-alike folders included."""
    groups = (("src/app/**",), ("src/",), ("src/app/",), ("/abs/**",), ("docs/",), ("src/app?/**",), ("src/ap/**",))
    match = group_matcher(groups)
    for path in ("src/app/a.py", "src/app", "src/app/", "src/apps/a.py", "./src/app/x/y.py", "src\\app\\a.py",
                 "src/app/a\nb.py", "x/src/app/a.py", "/abs/a.py", "abs/a.py", "a/docs/b.md", "src/ap/x", "src/appx/y",
                 "src/app/\u00fc/\udcff.py"):
        assert match(path) == tuple(i for i, g in enumerate(groups) if matches_any(g, path)), path
