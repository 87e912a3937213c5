"""The knowledge base is loaded before a file's analysis clock starts (a first, uncached load compiles the index in
2-3 s of CPU: charged to the first file it would push that file past its 2 s budget and lose its later findings)."""

from __future__ import annotations

import time

import pytest

import modelmap.knowledge as knowledge
from modelmap.discover import base
from modelmap.discover.base import Budget, BudgetExceeded


def test_budget_loads_the_knowledge_base_before_its_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[float] = []
    real = knowledge.load

    def slow_load():  # type: ignore[no-untyped-def]
        calls.append(time.process_time())
        end = time.process_time() + 0.3  # a compile that takes CPU time
        while time.process_time() < end:
            pass
        return real()

    monkeypatch.setattr(base, "_KNOWLEDGE_READY", False)
    monkeypatch.setattr(knowledge, "load", slow_load)
    budget = Budget(seconds=0.2)
    assert len(calls) == 1  # loaded when the budget was made, before any step
    budget.tick()  # the clock starts here: the 0.3 s load is not charged
    Budget(seconds=0.2)
    assert len(calls) == 1  # once per process
    with pytest.raises(BudgetExceeded):
        end = time.process_time() + 0.5
        while time.process_time() < end:
            budget.tick()
