"""Every publisher that ``inspect`` can name from a fingerprint or structure entry has a sourced country, or a
null country with a stated reason (issue 11 item 7, session 10)."""

from __future__ import annotations

from modelmap.artifacts.identify import load_fingerprints
from modelmap.knowledge import load


def test_fingerprint_publishers_have_a_sourced_country_or_a_reason_for_none() -> None:
    kb = load()
    named = {e.get("publisher") for e in load_fingerprints()["fingerprints"] if e.get("publisher")}
    missing = []
    for pid in sorted(named):
        pub = kb.publishers.get(pid)
        assert pub is not None, pid
        country = pub.get("country")
        sources = pub.get("sources") or []
        note = pub.get("note")
        if country and not sources:
            missing.append(f"{pid}: country {country} without a source")
        if not country and not note:
            missing.append(f"{pid}: no country and no reason")
    assert not missing, missing
