"""The full red-team set is opt-in: ``-m redteam`` (as scripts/test.sh runs it) or MODELMAP_REDTEAM=1.

Without either, tests marked ``redteam`` are deselected so the default run stays fast; the unmarked fast
subset in this folder still runs. The hook only ever removes ``redteam``-marked items.
"""

from __future__ import annotations

import os

import pytest


def _wanted(config: pytest.Config) -> bool:
    return "redteam" in (config.getoption("markexpr", "") or "") or os.environ.get("MODELMAP_REDTEAM") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _wanted(config):
        return
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        (drop if item.get_closest_marker("redteam") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
