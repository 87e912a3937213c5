"""The trend summaries on PostgreSQL (issue 17, migration 0007): the SQLite tests run again against a real
PostgreSQL server (``tests/server/test_postgres.py`` starts it; a fresh database per test). Opt-in, like the
rest of the PostgreSQL suite: ``pytest -m postgres tests/server``."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.server.test_postgres import env, postgres  # noqa: F401  (this module's env is a PostgreSQL one)
from tests.server.test_summary_trends import (  # noqa: F401  (collected again here, on PostgreSQL)
    test_trends_from_the_summaries_equal_the_full_count_in_shuffled_orders,
    test_trends_from_the_summaries_equal_the_full_count_through_edge_orders,
)

pytestmark = pytest.mark.postgres
