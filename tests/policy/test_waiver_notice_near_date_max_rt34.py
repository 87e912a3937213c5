"""A waiver's expiry notice is counted in days between dates, so a --today near date.max does not overflow."""

from __future__ import annotations

from datetime import date

from modelmap.policy.waivers import Waiver


def _waiver(expires: date) -> Waiver:
    return Waiver(rule="no-cn-origin-sensitive", reason="being replaced", approved_by="Dana Lee",
                  approved_on=date(2026, 1, 1), expires=expires)


def test_expires_within_near_date_max() -> None:
    w = _waiver(date.max)
    assert w.expires_within(date(9999, 12, 30), 3650)
    assert w.expires_within(date.max, 0)
    assert not _waiver(date(9999, 12, 29)).expires_within(date(9999, 12, 30), 3650)  # already expired


def test_expires_within_counts_days() -> None:
    w = _waiver(date(2027, 1, 31))
    assert w.expires_within(date(2027, 1, 1), 30)
    assert not w.expires_within(date(2027, 1, 1), 29)
