"""A knowledge-base ``params`` that float() reads but that is no parameter count ('nan', 'inf', '1e400B', '-7B', '0')
is an unknown size: size_class raised StopIteration for 'nan' / 'inf' (no size class is above NaN or infinity) and
plan's size step compared NaN ('nanB -> 7B, nanx larger'). A published count still sizes as before."""

from __future__ import annotations

import pytest

from modelmap.switch.alternatives import parse_params, size_class


@pytest.mark.parametrize("value", ["nan", "NaNB", "inf", "infB", "1e400B", "-7B", "0", "0B", float("nan"), -3])
def test_a_value_that_is_no_count_is_an_unknown_size(value: object) -> None:
    assert parse_params(value) is None
    assert size_class(value) is None


@pytest.mark.parametrize(("value", "count", "klass"), [("7B", 7e9, "small (3-20B)"), ("335M", 3.35e8, "tiny (<3B)"),
                                                        ("1.05T", 1.05e12, "frontier (400B+)"), (7e10, 7e10,
                                                                                              "medium (20-100B)")])
def test_a_published_count_sizes_as_before(value: object, count: float, klass: str) -> None:
    assert parse_params(value) == pytest.approx(count)
    assert size_class(value) == klass
