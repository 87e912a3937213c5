"""Statistics against textbook values (issue 16)."""

from __future__ import annotations

import pytest

from modelmap.eval import stats


def test_wilson_matches_published_intervals() -> None:
    # Newcombe (1998), Table I: 0/10 -> 0 to 0.2775; and the classic 5/10 -> 0.2366 to 0.7634
    zero = stats.wilson(0, 10)
    assert zero["rate"] == 0.0 and zero["low"] == 0.0
    assert zero["high"] == pytest.approx(0.2775, abs=1e-4)
    half = stats.wilson(5, 10)
    assert (half["low"], half["high"]) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))
    assert stats.wilson(0, 0) == {"k": 0, "n": 0, "rate": None, "low": None, "high": None}


def test_mcnemar_exact_is_a_binomial_test_on_discordant_pairs() -> None:
    a = [False] * 10 + [True] * 5
    b = [True] * 10 + [True] * 5
    result = stats.mcnemar_exact(a, b)
    assert (result["a_only"], result["b_only"], result["n"]) == (0, 10, 15)
    assert result["p_value"] == pytest.approx(2 / 1024, rel=1e-3)
    assert result["significant"]
    one_back = stats.mcnemar_exact([True] + [False] * 9, [False] + [True] * 9)
    assert one_back["p_value"] == pytest.approx(22 / 1024, rel=1e-3)
    balanced = stats.mcnemar_exact([True] * 5 + [False] * 5, [False] * 5 + [True] * 5)
    assert balanced["p_value"] == 1.0 and not balanced["significant"]
    assert "not significant" in balanced["note"] and "n=10" in balanced["note"]
    with pytest.raises(ValueError):
        stats.mcnemar_exact([True], [True, False])


def test_paired_bootstrap_is_seeded_and_says_when_a_difference_is_not_significant() -> None:
    deltas = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0] * 6
    first, second = stats.paired_bootstrap(deltas), stats.paired_bootstrap(deltas)
    assert first == second
    assert first["mean"] == pytest.approx(0.7)
    assert 0 < first["low"] < 0.7 < first["high"] <= 1
    assert first["significant"]
    noise = stats.paired_bootstrap([1.0, -1.0] * 10)
    assert noise["low"] < 0 < noise["high"] and not noise["significant"]
    assert "not significant at the 5% level at n=20" in noise["note"]
    empty = stats.paired_bootstrap([])
    assert empty["n"] == 0 and empty["mean"] is None and not empty["significant"]
