"""The API against its own OpenAPI spec, with schemathesis (issue 17): generated requests to every operation,
with a valid read+upload token, never get a server error and every reply matches the documented schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install -e '.[test]')")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks as st_checks  # noqa: E402

from tests.server.conftest import make_env  # noqa: E402


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, documents: dict[str, bytes]) -> Any:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    env = make_env(f"sqlite:///{folder / 'fuzz.sqlite3'}", upload_burst=100_000)
    for repo, doc, commit in (("acme/demo-app", "demo-app.scan", "d1"), ("acme/demo-app", "demo-app.cdx", "d2"),
                              ("acme/rag", "rag-bge-qwen-deepseek.scan", "r1")):
        assert env.upload(repo, documents[doc], env.admin, commit=commit).status_code == 201
    yield env
    env.engine.dispose()


@pytest.fixture(scope="module")
def api_schema(seeded: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", seeded.client.app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_matches_its_spec(case: Any, seeded: Any) -> None:
    case.call_and_validate(headers=seeded.auth(seeded.admin),
                           checks=[st_checks.not_a_server_error, st_checks.response_schema_conformance,
                                   st_checks.content_type_conformance])
