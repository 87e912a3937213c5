"""The access log keeps no secret a client put in the URL (issue 17; red-team probe
server-upload-token-in-query): the request is refused, and the log line shows the request with the value
redacted."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")

from modelmap.server.auth import new_token
from modelmap.server.logs import redact
from tests.server.conftest import http, start_server

BOOTSTRAP = "mm_bootstrap-" + "b" * 40


def test_secret_parameters_and_token_shaped_values_are_redacted() -> None:
    token = new_token()
    assert redact(f"/api/v1/portfolio?access_token={token}") == "/api/v1/portfolio?access_token=[redacted]"
    assert redact("/x?commit=abc&token=qs-secret&branch=main") == "/x?commit=abc&token=[redacted]&branch=main"
    assert redact("/x?API_KEY=k1;password=p2") == "/x?API_KEY=[redacted];password=[redacted]"
    # a token anywhere else in the path, whatever the parameter is called
    assert token not in redact(f"/api/v1/projects/{token}/snapshots?commit=c1")
    assert token not in redact(f"/x?q={token}")
    # what is not a secret stays readable: the OIDC callback's code and state, a commit, a repository name
    kept = "/login/oidc/callback?code=abc&state=xyz"
    assert redact(kept) == kept
    assert redact("/api/v1/projects/acme/tokenizer-svc/snapshots?commit=mm_1") == \
        "/api/v1/projects/acme/tokenizer-svc/snapshots?commit=mm_1"


def test_a_token_put_in_the_url_is_refused_and_not_logged(tmp_path: Path) -> None:
    server = start_server(f"sqlite:///{tmp_path / 'log.sqlite3'}", tmp_path / "serve.log",
                          {"MODELMAP_SERVE_ADMIN_TOKEN": BOOTSTRAP})
    try:
        for name, secret in (("access_token", BOOTSTRAP), ("token", "qs-REDTEAM-secret")):
            query = urllib.parse.urlencode({"commit": "c1", name: secret})
            status, _ = http("POST", f"{server.url}/api/v1/projects/acme/app/snapshots?{query}", None, b"{}")
            assert status == 401
        status, _ = http("GET", f"{server.url}/api/v1/portfolio", BOOTSTRAP)
        assert status == 200  # the same token in its header works
    finally:
        log = server.stop()
    assert "/api/v1/projects/acme/app/snapshots?commit=c1&access_token=[redacted]" in log
    assert "&token=[redacted]" in log
    assert BOOTSTRAP not in log and "qs-REDTEAM-secret" not in log
