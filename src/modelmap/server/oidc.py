"""Optional OIDC sign-in for the pages: the authorization-code flow with PKCE (issue 17).

``GET /login/oidc`` sends the browser to the issuer with a fresh ``state``, ``nonce`` and PKCE challenge; the
three secrets travel in a signed, short-lived HttpOnly cookie (no server memory, so any serve process can
finish the flow). ``GET /login/oidc/callback`` checks the state, trades the code for tokens at the issuer's
token endpoint (with the PKCE verifier and, when configured, the client secret), verifies the ID token with
the issuer's JWKS (signature, issuer, audience, expiry, nonce) and maps one claim (``groups`` by default) to
a modelmap team: the claim value that names an existing team, or every team for the org-admin group. The
session is then the same page cookie the token login sets, holding a signed session bound to the team, so
each page applies the team's visibility unchanged.

HTTP to the issuer is bounded: timeouts, a size cap per answer, redirects only within the same origin, https
only, except plain http to a loopback issuer (allowed because it was configured explicitly). The client
secret comes from the environment, is never put in a URL, a page or a log message, and is hidden from repr.
Signing uses PyJWT (HS256 for our own cookies; the issuer's asymmetric algorithms for ID tokens).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import re
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import jwt
from sqlalchemy import select
from sqlalchemy.orm import Session

from modelmap.server.auth import Principal
from modelmap.server.db import Team

STATE_COOKIE = "modelmap_oidc"
CALLBACK_PATH = "/login/oidc/callback"
STATE_TTL_S = 600  # the sign-in must finish within 10 minutes
SESSION_HOURS = 8.0
LEEWAY_S = 60  # clock skew allowed on exp / iat
TIMEOUT_S = 10.0
MAX_DISCOVERY_BYTES = 64 * 1024
MAX_JWKS_BYTES = 256 * 1024
MAX_TOKEN_BYTES = 64 * 1024
PROVIDER_TTL_S = 3600.0
JWKS_TTL_S = 600.0
JWKS_MIN_REFRESH_S = 30.0  # an unknown key id refetches the JWKS at most this often
# asymmetric algorithms only: never "none", never HS* (a shared-secret ID token is not accepted)
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
_KEY_TYPE = {"RS": "RSA", "PS": "RSA", "ES": "EC", "Ed": "OKP"}
_SESSION_AUD = "modelmap-session"
_STATE_AUD = "modelmap-oidc-state"
_ERROR_CODE = re.compile(r"[A-Za-z0-9_.-]{1,64}")


class OIDCError(Exception):
    """A sign-in that cannot go on; ``status`` is the HTTP status the callback answers with."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


@dataclass(frozen=True)
class OIDCConfig:
    """What ``modelmap serve --oidc-*`` configures. ``client_secret`` and ``session_key`` never show in repr."""

    issuer: str
    client_id: str
    client_secret: str | None = field(default=None, repr=False)
    team_claim: str = "groups"
    admin_group: str | None = None
    scopes: str = "openid profile email"
    redirect_uri: str | None = None  # default: <the request's base URL>/login/oidc/callback
    session_key: str | None = field(default=None, repr=False)  # shared by several serve processes
    session_hours: float = SESSION_HOURS
    timeout: float = TIMEOUT_S

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.issuer)
        if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment:
            raise ValueError(f"--oidc-issuer {self.issuer[:100]!r}: give the issuer's https URL (no query)")
        if parts.scheme == "http" and not _is_loopback(parts.hostname):
            raise ValueError(f"--oidc-issuer {self.issuer[:100]!r}: plain http is allowed for a loopback issuer only")
        if not self.client_id.strip():
            raise ValueError("--oidc-client-id must not be empty")
        if not self.team_claim.strip():
            raise ValueError("--oidc-team-claim must not be empty")
        if "openid" not in self.scopes.split():
            raise ValueError("--oidc-scopes must include openid")
        if self.redirect_uri is not None:
            target = urllib.parse.urlsplit(self.redirect_uri)
            if target.scheme not in ("https", "http") or not target.hostname or target.fragment:
                raise ValueError("--oidc-redirect-uri must be an absolute http(s) URL ending in /login/oidc/callback")
        if not 0.1 <= self.session_hours <= 24 * 7:
            raise ValueError("the OIDC session length must be between 0.1 and 168 hours")


@dataclass(frozen=True)
class _Provider:
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    algorithms: tuple[str, ...]
    auth_method: str  # client_secret_basic | client_secret_post | none


@dataclass(frozen=True)
class Started:
    """Where to send the browser, and the signed state cookie to set on that answer."""

    url: str
    cookie: str


@dataclass(frozen=True)
class SignedIn:
    principal: Principal
    cookie: str  # the page session cookie's value
    max_age: int


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 3

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if _origin(newurl) != _origin(req.full_url):
            raise OIDCError(f"the issuer's {_origin(req.full_url)[1]} redirected to another host; refused", 502)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class OIDCClient:
    """One configured issuer: discovery and JWKS are fetched when first needed and cached in the process."""

    def __init__(self, config: OIDCConfig) -> None:
        self.config = config
        self.issuer = config.issuer
        material = config.session_key or config.client_secret
        # a key shared by every process configured alike; a public client without MODELMAP_SERVE_SESSION_KEY
        # gets a per-process key (sessions end when the process does, and need sticky routing)
        raw = material.encode("utf-8") if material else secrets.token_bytes(32)
        self._key = hmac.new(b"modelmap serve session key v1", raw, hashlib.sha256).hexdigest()
        handlers: list[Any] = [_SameOriginRedirects()]
        if _is_loopback(urllib.parse.urlsplit(config.issuer).hostname):
            handlers.append(urllib.request.ProxyHandler({}))  # a loopback issuer is never reached via a proxy
        self._opener = urllib.request.build_opener(*handlers)
        self._lock = threading.Lock()
        self._provider: tuple[float, _Provider] | None = None
        self._jwks: tuple[float, jwt.PyJWKSet] | None = None

    # ------------------------------------------------------------------ HTTP to the issuer

    def _check_url(self, url: Any, what: str) -> str:
        if not isinstance(url, str):
            raise OIDCError(f"the issuer's discovery document has no {what}", 502)
        parts = urllib.parse.urlsplit(url)
        issuer_host = urllib.parse.urlsplit(self.issuer).hostname
        plain_ok = parts.scheme == "http" and _is_loopback(parts.hostname) and _is_loopback(issuer_host)
        if not parts.hostname or (parts.scheme != "https" and not plain_ok):
            raise OIDCError(f"the issuer's {what} is not an https URL; refused", 502)
        return url

    def _request(self, request: urllib.request.Request, limit: int, what: str) -> dict[str, Any]:
        try:
            with self._opener.open(request, timeout=self.config.timeout) as reply:
                body = reply.read(limit + 1)
        except urllib.error.HTTPError as exc:
            detail = ""
            try:
                payload = json.loads(exc.read(4096))
                code = payload.get("error") if isinstance(payload, dict) else None
                if isinstance(code, str) and _ERROR_CODE.fullmatch(code):
                    detail = f" ({code})"
            except (ValueError, OSError):
                pass
            raise OIDCError(f"the issuer's {what} answered HTTP {exc.code}{detail}", 502) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise OIDCError(f"the issuer's {what} could not be reached ({type(reason).__name__})", 502) from None
        if len(body) > limit:
            raise OIDCError(f"the issuer's {what} answer is larger than {limit:,} bytes", 502)
        try:
            data = json.loads(body)
        except ValueError:
            raise OIDCError(f"the issuer's {what} answer is not JSON", 502) from None
        if not isinstance(data, dict):
            raise OIDCError(f"the issuer's {what} answer is not a JSON object", 502)
        return data

    def _get(self, url: str, limit: int, what: str) -> dict[str, Any]:
        return self._request(urllib.request.Request(url, headers={"Accept": "application/json"}), limit, what)

    def provider(self) -> _Provider:
        with self._lock:
            cached = self._provider
        if cached is not None and time.monotonic() - cached[0] < PROVIDER_TTL_S:
            return cached[1]
        doc = self._get(self.issuer.rstrip("/") + "/.well-known/openid-configuration", MAX_DISCOVERY_BYTES,
                        "discovery document")
        if doc.get("issuer") != self.issuer:
            raise OIDCError("the discovery document names another issuer than --oidc-issuer; refused", 502)
        offered = doc.get("id_token_signing_alg_values_supported") or ["RS256"]
        algorithms = tuple(a for a in ALGORITHMS if isinstance(offered, list) and a in offered)
        if not algorithms:
            raise OIDCError("the issuer signs ID tokens with no asymmetric algorithm modelmap accepts", 502)
        methods = doc.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
        if not self.config.client_secret:
            method = "none"
        elif isinstance(methods, list) and "client_secret_basic" in methods:
            method = "client_secret_basic"
        elif isinstance(methods, list) and "client_secret_post" in methods:
            method = "client_secret_post"
        else:
            raise OIDCError("the issuer's token endpoint accepts neither client_secret_basic nor _post", 502)
        found = _Provider(self._check_url(doc.get("authorization_endpoint"), "authorization_endpoint"),
                          self._check_url(doc.get("token_endpoint"), "token_endpoint"),
                          self._check_url(doc.get("jwks_uri"), "jwks_uri"), algorithms, method)
        with self._lock:
            self._provider = (time.monotonic(), found)
        return found

    def _keyset(self, provider: _Provider, *, refresh: bool) -> tuple[float, jwt.PyJWKSet]:
        with self._lock:
            cached = self._jwks
        if cached is not None and not refresh and time.monotonic() - cached[0] <= JWKS_TTL_S:
            return cached
        try:
            keyset = jwt.PyJWKSet.from_dict(self._get(provider.jwks_uri, MAX_JWKS_BYTES, "JWKS"))
        except jwt.PyJWTError:
            raise OIDCError("the issuer's JWKS holds no usable key", 502) from None
        fetched = (time.monotonic(), keyset)
        with self._lock:
            self._jwks = fetched
        return fetched

    def _signing_key(self, provider: _Provider, kid: str | None, alg: str) -> Any:
        want = _KEY_TYPE[alg[:2]]

        def pick(keyset: jwt.PyJWKSet) -> Any:
            usable = [k for k in keyset.keys if k.key_type == want and k.public_key_use in (None, "sig")
                      and (kid is None or k.key_id == kid)]
            # without a kid the key must be unambiguous
            return usable[0].key if len(usable) == 1 or (usable and kid is not None) else None

        fetched_at, keyset = self._keyset(provider, refresh=False)
        key = pick(keyset)
        if key is None and time.monotonic() - fetched_at > JWKS_MIN_REFRESH_S:  # the issuer may have rotated
            key = pick(self._keyset(provider, refresh=True)[1])
        if key is None:
            raise OIDCError("the ID token is signed with a key the issuer's JWKS does not hold", 401)
        return key

    # ------------------------------------------------------------------ the flow

    def redirect_uri(self, base_url: str) -> str:
        return self.config.redirect_uri or base_url.rstrip("/") + CALLBACK_PATH

    def begin(self, base_url: str) -> Started:
        provider = self.provider()
        state, nonce, verifier = (secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48))
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=")
        redirect_uri = self.redirect_uri(base_url)
        query = urllib.parse.urlencode({
            "response_type": "code", "client_id": self.config.client_id, "redirect_uri": redirect_uri,
            "scope": self.config.scopes, "state": state, "nonce": nonce,
            "code_challenge": challenge.decode("ascii"), "code_challenge_method": "S256"})
        separator = "&" if urllib.parse.urlsplit(provider.authorization_endpoint).query else "?"
        now = int(time.time())
        cookie = jwt.encode({"aud": _STATE_AUD, "iat": now, "exp": now + STATE_TTL_S, "state": state,
                             "nonce": nonce, "verifier": verifier, "redirect_uri": redirect_uri},
                            self._key, algorithm="HS256")
        return Started(provider.authorization_endpoint + separator + query, cookie)

    def finish(self, session: Session, *, code: str | None, state: str | None, error: str | None,
               state_cookie: str | None) -> SignedIn:
        """Check the callback against the state cookie, redeem the code and sign the user in; raises
        :class:`OIDCError` (nothing is stored) when anything does not check out."""
        if not state_cookie:
            raise OIDCError("the sign-in expired or was started in another browser: start again", 400)
        try:
            started = jwt.decode(state_cookie, self._key, algorithms=["HS256"], audience=_STATE_AUD,
                                 options={"require": ["exp", "aud"]})
        except jwt.PyJWTError:
            raise OIDCError("the sign-in expired or was started in another browser: start again", 400) from None
        if not state or not hmac.compare_digest(str(started.get("state", "")), state):
            raise OIDCError("the sign-in state does not match: start again", 400)
        if error:
            shown = error if _ERROR_CODE.fullmatch(error) else "an error"
            raise OIDCError(f"the identity provider refused the sign-in ({shown})", 401)
        if not code or len(code) > 2048:
            raise OIDCError("the identity provider sent no authorization code", 400)
        provider = self.provider()
        id_token = self._redeem(provider, code, str(started["verifier"]), str(started["redirect_uri"]))
        claims = self._verify(provider, id_token, str(started["nonce"]))
        return self._sign_in(session, claims)

    def _redeem(self, provider: _Provider, code: str, verifier: str, redirect_uri: str) -> str:
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                "code_verifier": verifier, "client_id": self.config.client_id}
        headers = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
        secret = self.config.client_secret
        if secret and provider.auth_method == "client_secret_basic":  # RFC 6749 2.3.1: form-encode, then Basic
            pair = f"{urllib.parse.quote_plus(self.config.client_id)}:{urllib.parse.quote_plus(secret)}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
        elif secret:
            form["client_secret"] = secret
        request = urllib.request.Request(provider.token_endpoint, data=urllib.parse.urlencode(form).encode("ascii"),
                                         headers=headers, method="POST")
        answer = self._request(request, MAX_TOKEN_BYTES, "token endpoint")
        id_token = answer.get("id_token")
        if not isinstance(id_token, str) or not id_token:
            raise OIDCError("the issuer's token endpoint returned no ID token", 502)
        return id_token

    def _verify(self, provider: _Provider, id_token: str, nonce: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError:
            raise OIDCError("the ID token is not a JWT", 401) from None
        alg, kid = header.get("alg"), header.get("kid")
        if not isinstance(alg, str) or alg not in provider.algorithms:
            raise OIDCError(f"the ID token's algorithm {str(alg)[:20]!r} is not accepted", 401)
        key = self._signing_key(provider, kid if isinstance(kid, str) else None, alg)
        try:
            claims = jwt.decode(id_token, key, algorithms=[alg], audience=self.config.client_id, issuer=self.issuer,
                                leeway=LEEWAY_S, options={"require": ["exp", "iat", "iss", "aud", "sub"]})
        except jwt.ExpiredSignatureError:
            raise OIDCError("the ID token has expired", 401) from None
        except jwt.InvalidAudienceError:
            raise OIDCError("the ID token was issued for another client (audience)", 401) from None
        except jwt.InvalidIssuerError:
            raise OIDCError("the ID token was issued by another issuer", 401) from None
        except jwt.InvalidSignatureError:
            raise OIDCError("the ID token's signature does not verify", 401) from None
        except jwt.PyJWTError as exc:
            raise OIDCError(f"the ID token is not valid ({type(exc).__name__})", 401) from None
        aud = claims.get("aud")
        if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != self.config.client_id:
            raise OIDCError("the ID token names several audiences but not this client as azp", 401)
        if not isinstance(claims.get("nonce"), str) or not hmac.compare_digest(claims["nonce"], nonce):
            raise OIDCError("the ID token's nonce does not match this sign-in", 401)
        return claims

    def _claim_values(self, claims: dict[str, Any]) -> list[str]:
        name = self.config.team_claim
        value: Any = claims.get(name)
        if value is None and "." in name:  # a nested claim such as realm_access.roles
            value = claims
            for part in name.split("."):
                value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [v for v in value if isinstance(v, str)]
        return []

    def _sign_in(self, session: Session, claims: dict[str, Any]) -> SignedIn:
        values = self._claim_values(claims)
        admin_group = self.config.admin_group
        if admin_group and admin_group in values:
            who = Principal(token_id=0, team_id=0, team=admin_group, scopes=("read",), is_admin=True)
        else:
            teams = session.execute(select(Team.id, Team.name).where(Team.name.in_(values[:200]))).all() \
                if values else []
            if not teams:
                raise OIDCError(f"your account's {self.config.team_claim!r} claim names no modelmap team: ask an "
                                "org admin to create your team's token first", 403)
            if len(teams) > 1:
                names = ", ".join(sorted(t.name for t in teams))
                raise OIDCError(f"your account belongs to several modelmap teams ({names}); modelmap signs you "
                                "in as one team only: use an API token of the team you want", 403)
            who = Principal(token_id=0, team_id=teams[0].id, team=teams[0].name, scopes=("read",), is_admin=False)
        now = int(time.time())
        max_age = int(self.config.session_hours * 3600)
        cookie = jwt.encode({"aud": _SESSION_AUD, "iat": now, "exp": now + max_age, "sub": str(claims["sub"])[:200],
                             "team_id": who.team_id, "team": who.team, "admin": who.is_admin},
                            self._key, algorithm="HS256")
        return SignedIn(who, cookie, max_age)

    def principal(self, session: Session, cookie: str) -> Principal | None:
        """The team a signed page session belongs to, or None (not a session of ours, expired, or its team
        is gone)."""
        if not cookie or cookie.startswith("mm_") or len(cookie) > 4096:
            return None
        try:
            data = jwt.decode(cookie, self._key, algorithms=["HS256"], audience=_SESSION_AUD,
                              options={"require": ["exp", "aud"]})
        except jwt.PyJWTError:
            return None
        team_id, team, admin = data.get("team_id"), data.get("team"), data.get("admin")
        if not isinstance(team_id, int) or not isinstance(team, str) or not isinstance(admin, bool):
            return None
        if admin:
            if team != self.config.admin_group:  # the admin group was changed or removed since
                return None
            return Principal(token_id=0, team_id=0, team=team, scopes=("read",), is_admin=True)
        name = session.scalar(select(Team.name).where(Team.id == team_id))
        if name != team:
            return None
        return Principal(token_id=0, team_id=team_id, team=team, scopes=("read",), is_admin=False)
