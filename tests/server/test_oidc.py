"""OIDC sign-in for the pages (issue 17, "Optional OIDC for the UI"; "a project is visible only to its team and
to org admins").

A small stdlib OIDC issuer runs on loopback: discovery document, JWKS holding an RSA key made here with
`cryptography`, an authorize endpoint that redirects back with a code, and a token endpoint that checks the
client secret and the PKCE verifier before it returns a signed ID token. Every sign-in below is real HTTP from
the server to that issuer; the browser side is a TestClient or, once, a real `modelmap serve` process."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import stop_process
from tests.server.conftest import free_port

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")
jwt = pytest.importorskip("jwt", reason="PyJWT[crypto] is not installed (pip install -e '.[server,test]')")
rsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.rsa")

CLIENT_ID = "modelmap-ui"
CLIENT_SECRET = "s3cret-" + "Q7vX2pLm9RkT4wZ8nB1cYd5Hs0Jf6Ua3"  # distinctive, to look for in logs and pages
ADMINS = "modelmap-admins"
COOKIE = "modelmap_token"


@dataclass
class FakeIssuer:
    """An OIDC issuer on 127.0.0.1. ``user`` is who signs in next; ``tamper`` overrides ID-token claims;
    ``sign_with`` replaces the signing key (same kid); ``algorithm`` the signing algorithm."""

    url: str = ""
    key: Any = None
    user: dict[str, Any] = field(default_factory=dict)
    tamper: dict[str, Any] = field(default_factory=dict)
    sign_with: Any = None
    algorithm: str = "RS256"
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    seen_paths: list[str] = field(default_factory=list)

    def discovery(self, base: str) -> dict[str, Any]:
        return {"issuer": base, "authorization_endpoint": f"{base}/authorize", "token_endpoint": f"{base}/token",
                "jwks_uri": f"{base}/jwks", "response_types_supported": ["code"],
                "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                "code_challenge_methods_supported": ["S256"]}

    def id_token(self, grant: dict[str, Any]) -> str:
        now = int(time.time())
        claims = {"iss": self.url, "aud": CLIENT_ID, "sub": self.user["sub"], "iat": now, "exp": now + 300,
                  "nonce": grant["nonce"], "groups": self.user["groups"], **self.tamper}
        if self.algorithm == "HS256":  # a token "signed" with the shared client secret
            return str(jwt.encode(claims, CLIENT_SECRET, algorithm="HS256", headers={"kid": "k1"}))
        return str(jwt.encode(claims, self.sign_with or self.key, algorithm="RS256", headers={"kid": "k1"}))


def _handler(issuer: FakeIssuer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _json(self, status: int, payload: Any) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            issuer.seen_paths.append(url.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            if url.path == "/.well-known/openid-configuration":
                self._json(200, issuer.discovery(issuer.url))
            elif url.path == "/elsewhere/.well-known/openid-configuration":  # redirects to another origin
                self.send_response(302)
                self.send_header("Location", f"http://localhost:{free_port()}/.well-known/openid-configuration")
                self.end_headers()
            elif url.path == "/huge/.well-known/openid-configuration":
                self._json(200, {**issuer.discovery(issuer.url + "/huge"), "padding": "x" * 100_000})
            elif url.path == "/jwks":
                public = jwt.algorithms.RSAAlgorithm.to_jwk(issuer.key.public_key(), as_dict=True)
                self._json(200, {"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]})
            elif url.path == "/authorize":
                assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
                assert query["code_challenge_method"] == "S256" and "openid" in query["scope"].split()
                code = secrets.token_urlsafe(16)
                issuer.codes[code] = {"nonce": query["nonce"], "challenge": query["code_challenge"],
                                      "redirect_uri": query["redirect_uri"]}
                target = query["redirect_uri"] + "?" + urllib.parse.urlencode({"code": code, "state": query["state"]})
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            issuer.seen_paths.append(self.path)
            form = dict(urllib.parse.parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode()))
            issuer.token_requests.append({"form": form, "authorization": self.headers.get("Authorization")})
            expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                self._json(401, {"error": "invalid_client"})
                return
            grant = issuer.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if (grant is None or form.get("grant_type") != "authorization_code" or challenge != grant["challenge"]
                    or form.get("redirect_uri") != grant["redirect_uri"]):
                self._json(400, {"error": "invalid_grant"})
                return
            self._json(200, {"access_token": "at-" + secrets.token_urlsafe(8), "token_type": "Bearer",
                             "expires_in": 300, "id_token": issuer.id_token(grant)})

    return Handler


@pytest.fixture(scope="module")
def issuer() -> Iterator[FakeIssuer]:
    fake = FakeIssuer(key=rsa.generate_private_key(public_exponent=65537, key_size=2048))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _reset(issuer: FakeIssuer) -> None:
    issuer.user = {"sub": "alice", "groups": ["team-a", "employees"]}
    issuer.tamper, issuer.sign_with, issuer.algorithm = {}, None, "RS256"


@dataclass
class Site:
    client: Any
    engine: Any
    tokens: dict[str, str]


def _site(tmp_path: Path, documents: dict[str, bytes], issuer_url: str) -> Site:
    from fastapi.testclient import TestClient

    from modelmap.server import service
    from modelmap.server.app import Settings, create_app
    from modelmap.server.db import session_factory
    from modelmap.server.oidc import OIDCConfig

    config = OIDCConfig(issuer=issuer_url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, admin_group=ADMINS)
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'serve.sqlite3'}", oidc=config))
    with session_factory(app.state.engine)() as session:
        tokens = {team: service.create_token(session, team, "upload,read")
                  for team in ("team-a", "team-b", "team-c")}
    client = TestClient(app)
    for team, repo, doc in (("team-a", "team-a/app", "demo-app.scan"),
                            ("team-b", "team-b/svc", "rag-bge-qwen-deepseek.scan")):
        reply = client.post(f"/api/v1/projects/{repo}/snapshots", params={"commit": "c1"}, content=documents[doc],
                            headers={"Authorization": f"Bearer {tokens[team]}"})
        assert reply.status_code == 201, reply.text
    return Site(client, app.state.engine, tokens)


@pytest.fixture
def site(tmp_path: Path, documents: dict[str, bytes], issuer: FakeIssuer) -> Iterator[Site]:
    made = _site(tmp_path, documents, issuer.url)
    yield made
    made.engine.dispose()


def _authorize(location: str) -> str:
    """The browser's visit to the issuer: returns where the issuer sends it back (the callback URL)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))
    try:
        opener.open(location, timeout=10)
    except urllib.error.HTTPError as exc:
        assert exc.code == 302
        return str(exc.headers["Location"])
    raise AssertionError("the issuer did not redirect back")


def _sign_in(site: Site, issuer: FakeIssuer, *, state: str | None = None) -> Any:
    start = site.client.get("/login/oidc", follow_redirects=False)
    assert start.status_code == 303, start.text
    assert start.headers["location"].startswith(issuer.url + "/authorize?")
    back = urllib.parse.urlsplit(_authorize(start.headers["location"]))
    assert back.path == "/login/oidc/callback"
    query = dict(urllib.parse.parse_qsl(back.query))
    if state is not None:
        query["state"] = state
    return site.client.get("/login/oidc/callback", params=query, follow_redirects=False)


def _portfolio(site: Site) -> Any:
    return site.client.get("/", follow_redirects=False)


def test_team_member_signs_in_and_sees_only_their_team(site: Site, issuer: FakeIssuer) -> None:
    assert _portfolio(site).status_code == 303  # not signed in yet
    assert 'href="/login/oidc"' in site.client.get("/login").text
    done = _sign_in(site, issuer)
    assert done.status_code == 200 and COOKIE in done.cookies
    assert "samesite=strict" in done.headers["set-cookie"].lower()
    assert "httponly" in done.headers["set-cookie"].lower()
    page = _portfolio(site)
    assert page.status_code == 200
    assert "team team-a" in page.text and "(org admin)" not in page.text
    assert "team-a/app" in page.text and "team-b/svc" not in page.text
    assert site.client.get("/projects/team-b/svc").status_code == 404
    assert site.client.get("/projects/team-a/app").status_code == 200
    # the token endpoint got the PKCE verifier and the client secret in the Authorization header only
    sent = issuer.token_requests[-1]
    assert len(sent["form"]["code_verifier"]) >= 43 and "client_secret" not in sent["form"]
    # the page session is for pages only: the API still wants a bearer token
    assert site.client.get("/api/v1/portfolio").status_code == 401


def test_admin_group_sees_every_team(site: Site, issuer: FakeIssuer) -> None:
    issuer.user = {"sub": "root", "groups": [ADMINS]}
    assert _sign_in(site, issuer).status_code == 200
    page = _portfolio(site)
    assert page.status_code == 200 and "(org admin)" in page.text
    assert "team-a/app" in page.text and "team-b/svc" in page.text
    assert site.client.get("/projects/team-b/svc").status_code == 200


@pytest.mark.parametrize(("case", "expected"), [
    ("wrong nonce", "nonce"),
    ("wrong audience", "audience"),
    ("expired", "expired"),
    ("bad signature", "signature"),
    ("other issuer", "issuer"),
    ("hs256 with the client secret", "algorithm"),
    ("state mismatch", "state"),
    ("no team", "names no modelmap team"),
    ("two teams", "several modelmap teams"),
])
def test_bad_sign_ins_are_rejected_with_no_session(site: Site, issuer: FakeIssuer, case: str,
                                                   expected: str) -> None:
    now = int(time.time())
    state = None
    if case == "wrong nonce":
        issuer.tamper = {"nonce": "not-the-nonce-we-sent"}
    elif case == "wrong audience":
        issuer.tamper = {"aud": "another-client"}
    elif case == "expired":
        issuer.tamper = {"iat": now - 7200, "exp": now - 3600}
    elif case == "bad signature":
        issuer.sign_with = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elif case == "other issuer":
        issuer.tamper = {"iss": "https://evil.example"}
    elif case == "hs256 with the client secret":
        issuer.algorithm = "HS256"
    elif case == "state mismatch":
        state = secrets.token_urlsafe(32)
    elif case == "no team":
        issuer.user = {"sub": "bob", "groups": ["employees"]}
    elif case == "two teams":
        issuer.user = {"sub": "carol", "groups": ["team-a", "team-c"]}
    reply = _sign_in(site, issuer, state=state)
    assert 400 <= reply.status_code < 500, (reply.status_code, reply.text)
    assert expected in reply.text
    assert COOKIE not in reply.cookies and COOKIE not in site.client.cookies
    assert _portfolio(site).status_code == 303  # still signed out


def test_callback_without_the_state_cookie_is_rejected(site: Site, issuer: FakeIssuer) -> None:
    start = site.client.get("/login/oidc", follow_redirects=False)
    back = urllib.parse.urlsplit(_authorize(start.headers["location"]))
    site.client.cookies.clear()  # another browser, or the 10-minute window passed
    redeemed = len(issuer.token_requests)
    reply = site.client.get("/login/oidc/callback", params=dict(urllib.parse.parse_qsl(back.query)),
                            follow_redirects=False)
    assert reply.status_code == 400 and COOKIE not in reply.cookies
    assert len(issuer.token_requests) == redeemed  # the code was never redeemed


def test_a_forged_session_cookie_is_not_accepted(site: Site, issuer: FakeIssuer) -> None:
    assert _sign_in(site, issuer).status_code == 200
    mine = site.client.cookies[COOKIE]
    claims = jwt.decode(mine, options={"verify_signature": False})
    forged = jwt.encode({**claims, "admin": True, "team": ADMINS, "team_id": 0}, "a-guessed-key-" * 3,
                        algorithm="HS256")
    site.client.cookies.clear()
    site.client.cookies.set(COOKIE, forged)
    assert _portfolio(site).status_code == 303
    site.client.cookies.clear()
    site.client.cookies.set(COOKIE, mine)  # the genuine cookie, sent alone, is still good
    assert _portfolio(site).status_code == 200


def test_token_login_still_works(site: Site) -> None:
    reply = site.client.post("/login", data={"token": site.tokens["team-b"]}, follow_redirects=False)
    assert reply.status_code == 303
    page = _portfolio(site)
    assert page.status_code == 200 and "team-b/svc" in page.text and "team-a/app" not in page.text


@pytest.mark.parametrize(("path", "expected"), [("/elsewhere", "another host"), ("/huge", "larger than")])
def test_issuer_http_is_bounded(tmp_path: Path, documents: dict[str, bytes], issuer: FakeIssuer, path: str,
                                expected: str) -> None:
    made = _site(tmp_path, documents, issuer.url + path)
    try:
        reply = made.client.get("/login/oidc", follow_redirects=False)
        assert reply.status_code == 502 and expected in reply.text
        assert "location" not in reply.headers
    finally:
        made.engine.dispose()


def test_config_refuses_plain_http_to_a_remote_issuer() -> None:
    from modelmap.server.oidc import OIDCConfig

    with pytest.raises(ValueError, match="loopback"):
        OIDCConfig(issuer="http://login.example.com", client_id=CLIENT_ID)
    assert CLIENT_SECRET not in repr(OIDCConfig(issuer="https://login.example.com", client_id=CLIENT_ID,
                                                client_secret=CLIENT_SECRET))


def test_real_serve_process_signs_in_and_never_shows_the_secret(tmp_path: Path, documents: dict[str, bytes],
                                                                 issuer: FakeIssuer) -> None:
    import httpx

    db = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    env = {**os.environ, "MODELMAP_SERVE_OIDC_CLIENT_SECRET": CLIENT_SECRET}
    created = subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "serve", "--db", db,
                              "--create-token", "team-a", "--scopes", "upload,read"],
                             capture_output=True, text=True, timeout=120, env=env, check=True)
    token = created.stdout.strip().splitlines()[-1]
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-c", "from modelmap.cli import main; main()", "serve", "--db", db, "--host",
             "127.0.0.1", "--port", str(port), "--notify-every", "0", "--oidc-issuer", issuer.url,
             "--oidc-client-id", CLIENT_ID, "--oidc-admin-group", ADMINS],
            stdout=handle, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    pages: list[str] = []
    try:
        with httpx.Client(base_url=base, follow_redirects=False, timeout=30, trust_env=False) as browser:
            deadline = time.monotonic() + 90
            while True:
                assert process.poll() is None, log.read_text()
                try:
                    if browser.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, log.read_text()
                    time.sleep(0.3)
            upload = browser.post("/api/v1/projects/team-a/app/snapshots", params={"commit": "c1"},
                                  content=documents["demo-app.scan"], headers={"Authorization": f"Bearer {token}"})
            assert upload.status_code == 201
            # a failed sign-in first (wrong audience), then a good one
            for tamper, status in (({"aud": "another-client"}, 401), ({}, 200)):
                issuer.tamper = tamper
                start = browser.get("/login/oidc")
                pages.append(start.text + str(start.headers))
                back = urllib.parse.urlsplit(_authorize(start.headers["location"]))
                done = browser.get(f"{back.path}?{back.query}")
                pages.append(done.text + str(done.headers))
                assert done.status_code == status
            for path in ("/", "/login", "/policy", "/projects/team-a/app"):
                reply = browser.get(path)
                assert reply.status_code == 200, path
                pages.append(reply.text)
            assert "team-a/app" in pages[-4]
    finally:
        stop_process(process)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "/login/oidc/callback" in text  # the access log was written
    assert CLIENT_SECRET not in text
    assert all(CLIENT_SECRET not in page for page in pages)
    assert any(r["authorization"] for r in issuer.token_requests)  # the secret did reach the issuer


def test_serve_refuses_half_or_unsafe_oidc_options() -> None:
    from tests.server.conftest import serve_cli

    env = {"MODELMAP_SERVE_OIDC_CLIENT_SECRET": CLIENT_SECRET}
    for args, message in ((["--oidc-issuer", "https://login.example.com"], "go together"),
                          (["--oidc-issuer", "http://login.example.com", "--oidc-client-id", CLIENT_ID], "loopback"),
                          (["--oidc-admin-group", ADMINS], "need --oidc-issuer")):
        result = serve_cli(*args, env=env)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)
        assert CLIENT_SECRET not in result.stdout + result.stderr
