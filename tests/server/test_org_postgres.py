"""The org policy, waivers, webhooks and runtime records on PostgreSQL (issue 17): the SQLite tests run again
against a real PostgreSQL server (``tests/server/test_postgres.py`` starts it; a fresh database per test).
Opt-in, like the rest of the PostgreSQL suite: ``pytest -m postgres tests/server``."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from tests.server.test_org_policy import (  # noqa: F401  (collected again here, on PostgreSQL)
    seeded,
    test_project_waiver_covers_every_rule_and_a_team_wide_rule_waiver_covers_each_repo,
    test_tag_presets_apply_per_project_and_status_counts_violations,
    test_waiver_hides_a_violation_only_while_active_and_keeps_its_history,
)
from tests.server.test_postgres import env, postgres  # noqa: F401  (this module's env is a PostgreSQL one)
from tests.server.test_runtime_records import (  # noqa: F401
    litellm_log,
    telemetry,
    test_org_wide_shadow_models_by_model_with_their_repositories,
    test_runtime_upload_is_compared_with_the_latest_code_snapshot_and_announced_once,
)
from tests.server.test_webhooks import (  # noqa: F401
    receiver,
    test_new_cn_model_in_a_regulated_project_is_announced_signed_generic_and_slack,
    test_waiver_about_to_expire_is_announced_once,
)

pytestmark = pytest.mark.postgres
