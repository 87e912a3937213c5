"""The web application: the ingest and query API (``/api/v1``, OpenAPI at ``/openapi.json``) and the pages.

Build it with :func:`create_app`; ``modelmap serve`` runs it under uvicorn. Several processes can serve
one database: nothing is kept in memory between requests except the per-process rate limit.

API clients send ``Authorization: Bearer <token>``. The pages also accept the token from a cookie that
``/login`` sets (HttpOnly, SameSite=Strict). A token in a query string is never accepted, so tokens do not
reach access logs. With ``Settings.oidc`` the pages can also sign in through an OIDC issuer
(``/login/oidc``, :mod:`modelmap.server.oidc`): the same cookie then holds a signed session bound to a team.
"""

# no "from __future__ import annotations": FastAPI reads the Annotated aliases defined in create_app at run time

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from modelmap.server import optionality, org_routes, orgpolicy, pages, service, webhooks
from modelmap.server.auth import Principal, TokenBucket
from modelmap.server.db import make_engine, migrate, session_factory
from modelmap.server.normalize import DocumentError, normalize
from modelmap.server.oidc import STATE_COOKIE, OIDCClient, OIDCConfig, OIDCError

COOKIE = "modelmap_token"


@dataclass(frozen=True)
class Settings:
    db_url: str
    max_upload_bytes: int = 10 * 1024 * 1024
    upload_rate: float = 2.0  # uploads per second per token, on average
    upload_burst: int = 60
    migrate: bool = True
    waiver_notice_days: int = 14  # waiver-expiring notifications: waivers expiring within this many days
    webhook_timeout: float = webhooks.TIMEOUT_S
    webhook_attempts: int = webhooks.MAX_ATTEMPTS
    webhook_allow: webhooks.AllowList = webhooks.DEFAULT_ALLOW  # where webhooks may be delivered
    oidc: OIDCConfig | None = None  # optional OIDC sign-in for the pages


def create_app(settings: Settings) -> FastAPI:
    engine = make_engine(settings.db_url)
    if settings.migrate:
        migrate(engine)
    sessions = session_factory(engine)
    oidc = OIDCClient(settings.oidc) if settings.oidc is not None else None
    bucket = TokenBucket(settings.upload_rate, settings.upload_burst)
    # no /docs or /redoc: FastAPI serves them with scripts from a CDN; the spec is at /openapi.json
    app = FastAPI(title="modelmap serve", version="1", docs_url=None, redoc_url=None, summary="One inventory of the AI models a company uses.",
                  description="Upload modelmap scans, CycloneDX ML-BOMs or SPDX 3 AI documents per repository; "
                              "query the portfolio, each model and each repository's history.")
    app.state.engine = engine
    app.state.settings = settings
    app.state.sessions = sessions
    # bodies of the policy, waiver and webhook routes are small; document uploads and login bound their own
    app.add_middleware(org_routes.BodyLimit, limit=org_routes.MAX_BODY,
                       exempt=lambda path: path.endswith(("/snapshots", "/runtime")) or path == "/login")

    def deliver() -> dict[str, int]:
        return webhooks.deliver(sessions, max_attempts=settings.webhook_attempts, timeout=settings.webhook_timeout,
                                allow=settings.webhook_allow)

    app.state.deliver = deliver

    def db() -> Iterator[Session]:
        with sessions() as session:
            yield session

    DB = Annotated[Session, Depends(db)]

    def principal(request: Request, session: DB, *, cookie: bool = False) -> Principal:
        header = request.headers.get("authorization", "")
        secret = header[7:].strip() if header[:7].lower() == "bearer " else ""
        if not secret and cookie:
            secret = request.cookies.get(COOKIE, "")
        who = service.authenticate(session, secret) if secret else None
        if who is None:
            raise HTTPException(401, "a valid API token is required: send Authorization: Bearer <token>",
                                headers={"WWW-Authenticate": "Bearer"})
        return who

    def need(scope: str) -> Any:
        def check(request: Request, session: DB) -> Principal:
            who = principal(request, session)
            if scope not in who.scopes and not who.is_admin:
                raise HTTPException(403, f"this token lacks the {scope!r} scope")
            return who
        return check

    Reader = Annotated[Principal, Depends(need("read"))]
    Limit = Annotated[int, Query(ge=1, le=1000, description="at most this many entries")]
    Offset = Annotated[int, Query(ge=0, le=10_000_000, description="skip this many entries first")]
    Uploader = Annotated[Principal, Depends(need("upload"))]

    def not_found(what: str) -> HTTPException:
        return HTTPException(404, f"{what} not found (or not visible to this token's team)")

    # ------------------------------------------------------------------ API

    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/v1/projects/{repo:path}/snapshots", status_code=201, tags=["ingest"],
              responses={200: {"description": "the same commit was uploaded before (unchanged or replaced)"},
                         400: {"description": "not JSON"}, 401: {"description": "no valid token"},
                         404: {"description": "the project belongs to another team"},
                         413: {"description": "too large"}, 422: {"description": "not a valid document"},
                         429: {"description": "rate limited"}})
    async def upload(request: Request, repo: str, who: Uploader, session: DB, background: BackgroundTasks,
                     commit: Annotated[str, Query(description="the commit the document describes")],
                     branch: str | None = None, taken_at: dt.datetime | None = None,
                     business_unit: str | None = None, environment: str | None = None,
                     regulated: bool | None = None) -> JSONResponse:
        """Upload a modelmap scan JSON, a CycloneDX 1.5–1.7 BOM or an SPDX 3 AI document for one commit of
        a repository. The project is keyed by repository, never by version; uploading the same commit again
        replaces that snapshot (idempotent per commit)."""
        if not service.is_valid_repo(repo):
            raise HTTPException(422, "repository name: 1-5 segments of letters, digits, . _ - joined by /")
        if not service.COMMIT_RE.fullmatch(commit):
            raise HTTPException(422, "commit: letters, digits, . _ / - (at most 100)")
        for name, tag in (("branch", branch), ("business_unit", business_unit), ("environment", environment)):
            if tag is not None and not service.TAG_RE.fullmatch(tag):
                raise HTTPException(422, f"{name}: letters, digits, space, . _ / - (at most 100)")
        wait = bucket.allow(who.token_id)
        if wait:
            raise HTTPException(429, "too many uploads from this token; retry later",
                                headers={"Retry-After": str(max(1, round(wait)))})
        body = await _read_bounded(request, settings.max_upload_bytes)
        try:
            doc = await run_in_threadpool(normalize, body)
        except DocumentError as exc:
            raise HTTPException(exc.status, str(exc)) from None
        try:
            status, snap = await run_in_threadpool(
                service.ingest, session, who, repo, doc, body, commit=commit, branch=branch,
                                          taken_at=taken_at, business_unit=business_unit,
                                          environment=environment, regulated=regulated)
        except service.NotFound:
            raise not_found(f"project {repo!r}") from None
        queued = 0
        if status != "unchanged":  # a new CN-origin model in a regulated project is announced
            queued = await run_in_threadpool(webhooks.on_snapshot, session, repo, snap["id"])
            if queued:
                background.add_task(deliver)
            # the project's status under the org policy is evaluated now, not on the next status read
            await run_in_threadpool(orgpolicy.store_status, session, repo)
        return JSONResponse({"status": status, "repo": repo, "snapshot": snap, "notifications_queued": queued},
                            status_code=201 if status == "created" else 200)

    org_routes.add_routes(app, DB, need, _read_bounded, settings.max_upload_bytes, settings.waiver_notice_days,
                          deliver, bucket.allow, settings.webhook_allow)

    @app.get("/api/v1/projects", tags=["query"])
    def list_projects(who: Reader, session: DB, limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        """The projects this token's team may see, by name, with their latest snapshot: ``limit`` (at most
        1,000) from ``offset``."""
        return service.projects(session, who, limit=limit, offset=offset)

    @app.get("/api/v1/projects/{repo:path}/snapshots", tags=["query"])
    def project_history(repo: str, who: Reader, session: DB, limit: Limit = 100,
                        offset: Offset = 0) -> dict[str, Any]:
        """A repository's snapshots, newest first: ``limit`` (at most 1,000) from ``offset``; ``total`` counts
        them all."""
        try:
            return service.history(session, who, repo, limit=limit, offset=offset)
        except service.NotFound:
            raise not_found(f"project {repo!r}") from None

    @app.get("/api/v1/projects/{repo:path}/diff", tags=["query"])
    def project_diff(repo: str, who: Reader, session: DB, old: str, new: str) -> dict[str, Any]:
        """What changed between two snapshots (commits) of a repository, as ``modelmap.diff/3``."""
        try:
            return service.diff(session, who, repo, old, new)
        except service.NotFound as exc:
            raise not_found(f"snapshot {exc}") from None

    @app.get("/api/v1/projects/{repo:path}", tags=["query"])
    def project_content(repo: str, who: Reader, session: DB, commit: str | None = None) -> dict[str, Any]:
        """A repository's models, usages (file:line, flow) and endpoints, at its latest snapshot or ``commit``."""
        try:
            return service.snapshot_content(session, who, repo, commit)
        except service.NotFound as exc:
            raise not_found(f"snapshot {exc}") from None

    @app.get("/api/v1/portfolio", tags=["query"])
    def get_portfolio(who: Reader, session: DB, repos_limit: Annotated[int, Query(
            ge=0, le=service.REPOS_LIMIT_MAX, description="repository names listed per model and per group "
            "(the first by name; counts are always complete)")] = service.REPOS_LIMIT) -> dict[str, Any]:
        """Every model in the latest snapshot of every visible repository, grouped by origin, publisher and
        serving country, with concentration (HHI)."""
        return service.portfolio(session, who, repos_limit=repos_limit)

    @app.get("/api/v1/optionality", tags=["query"])
    def get_optionality(who: Reader, session: DB, limit: Annotated[int, Query(ge=1, le=optionality.SPOF_LIMIT_MAX)]
                        = optionality.SPOF_LIMIT, offset: Offset = 0) -> dict[str, Any]:
        """Concentration by model, publisher and origin (HHI and shares), sole suppliers, and the single points
        of failure of each repository's latest scan (``limit`` repositories from ``offset``, by name)."""
        return optionality.optionality(session, who, limit=limit, offset=offset)

    @app.get("/api/v1/models/{key:path}", tags=["query"])
    def get_model(key: str, who: Reader, session: DB, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """One model: origins, serving, licence, and who uses it: repos (``limit`` from ``offset``, by name;
        ``repos_total`` counts them all), flows and places."""
        try:
            return service.model_detail(session, who, key, limit=limit, offset=offset)
        except service.NotFound:
            raise not_found(f"model {key!r}") from None

    @app.get("/api/v1/scenarios", tags=["query"])
    def list_scenarios(who: Reader) -> list[str]:
        """The scenarios that can be asked (shipped presets with usage rules)."""
        return service.scenarios()

    @app.get("/api/v1/scenarios/{name}", tags=["query"])
    def get_scenario(name: str, who: Reader, session: DB) -> dict[str, Any]:
        """What would break across the portfolio if the scenario's rules applied (``modelmap scenario``),
        per repository; BOM-only repositories are listed as not evaluated."""
        try:
            return service.scenario_exposure(session, who, name)
        except service.NotFound:
            raise not_found(f"scenario {name!r}") from None

    @app.get("/api/v1/trends", tags=["query"])
    def get_trends(who: Reader, session: DB,
                   by: Literal["origin", "publisher", "model", "serving_country"] = "origin") -> dict[str, Any]:
        """Adoption over time: repositories using each origin, publisher, model or serving country at the end
        of each month (each repository counted at its latest snapshot by then)."""
        return service.trends(session, who, by)

    # ------------------------------------------------------------------ pages

    def page_principal(request: Request, session: Session) -> Principal | None:
        if oidc is not None:  # a signed OIDC session in the page cookie (an API token there is not one)
            signed = oidc.principal(session, request.cookies.get(COOKIE, ""))
            if signed is not None:
                return signed
        try:
            who = principal(request, session, cookie=True)
        except HTTPException:
            return None
        return who if ("read" in who.scopes or who.is_admin) else None

    def login_redirect() -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form() -> HTMLResponse:
        return HTMLResponse(pages.login(oidc=oidc is not None))

    def oidc_failed(message: str, status: int) -> HTMLResponse:
        response = HTMLResponse(pages.login(message, oidc=True), status_code=status)
        response.delete_cookie(STATE_COOKIE, path="/login/oidc")
        return response

    @app.get("/login/oidc", include_in_schema=False)
    def oidc_start(request: Request) -> Response:
        if oidc is None:
            raise HTTPException(404, "OIDC sign-in is not configured on this server")
        try:
            started = oidc.begin(str(request.base_url))
        except OIDCError as exc:
            return oidc_failed(str(exc), exc.status)
        response = RedirectResponse(started.url, status_code=303)
        # Lax, not Strict: the browser must send it back on the issuer's cross-site redirect to the callback
        response.set_cookie(STATE_COOKIE, started.cookie, max_age=600, path="/login/oidc", httponly=True,
                            samesite="lax", secure=request.url.scheme == "https")
        return response

    @app.get("/login/oidc/callback", include_in_schema=False)
    def oidc_callback(request: Request, session: DB, code: str | None = None, state: str | None = None,
                      error: str | None = None) -> Response:
        if oidc is None:
            raise HTTPException(404, "OIDC sign-in is not configured on this server")
        try:
            signed = oidc.finish(session, code=code, state=state, error=error,
                                 state_cookie=request.cookies.get(STATE_COOKIE))
        except OIDCError as exc:
            return oidc_failed(str(exc), exc.status)
        # a page that moves on by itself rather than a redirect: this request came from the issuer's site, and
        # a browser leaves a SameSite=Strict cookie off every request of a redirect chain that started there
        response = HTMLResponse('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                                '<meta http-equiv="refresh" content="0;url=/"><title>Signed in · modelmap</title>'
                                '</head><body><p>Signed in. <a href="/">Continue</a></p></body></html>')
        response.set_cookie(COOKIE, signed.cookie, max_age=signed.max_age, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https")
        response.delete_cookie(STATE_COOKIE, path="/login/oidc")
        return response

    @app.post("/login", include_in_schema=False)
    async def login(request: Request, session: DB) -> Response:
        from urllib.parse import parse_qs

        body = await _read_bounded(request, 4096)
        secret = (parse_qs(body.decode("utf-8", "replace")).get("token") or [""])[0].strip()
        who = service.authenticate(session, secret) if secret else None
        if who is None:
            return HTMLResponse(pages.login("That token is not valid."), status_code=401)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, secret, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https")
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def portfolio_page(request: Request, session: DB, origin: str | None = None, publisher: str | None = None,
                       serving: str | None = None) -> Response:
        who = page_principal(request, session)
        if who is None:
            return login_redirect()
        return HTMLResponse(pages.portfolio(service.portfolio(session, who), who,
                                            origin=origin, publisher=publisher, serving=serving))

    @app.get("/policy", response_class=HTMLResponse, include_in_schema=False)
    def policy_page(request: Request, session: DB) -> Response:
        who = page_principal(request, session)
        if who is None:
            return login_redirect()
        return HTMLResponse(pages.policy(service.policy_status(session, who), who))

    @app.get("/optionality", response_class=HTMLResponse, include_in_schema=False)
    def optionality_page(request: Request, session: DB, offset: Offset = 0) -> Response:
        who = page_principal(request, session)
        if who is None:
            return login_redirect()
        return HTMLResponse(pages.optionality(optionality.optionality(session, who, offset=offset), who))

    @app.get("/scenarios", response_class=HTMLResponse, include_in_schema=False)
    def scenarios_page(request: Request, session: DB) -> Response:
        who = page_principal(request, session)
        if who is None:
            return login_redirect()
        return HTMLResponse(pages.scenario_list(service.scenarios(), who))

    @app.get("/scenarios/{name}", response_class=HTMLResponse, include_in_schema=False)
    def scenario_page(request: Request, name: str, session: DB) -> Response:
        who = page_principal(request, session)
        if who is None:
            return login_redirect()
        try:
            return HTMLResponse(pages.scenario(service.scenario_exposure(session, who, name), who))
        except service.NotFound:
            return HTMLResponse(pages.not_found(f"scenario {name}", who), status_code=404)

    @app.get("/trends", response_class=HTMLResponse, include_in_schema=False)
    def trends_page(request: Request, session: DB, by: str = "origin") -> Response:
        who = page_principal(request, session)
        if who is None:
            return login_redirect()
        if by not in service.TREND_DIMENSIONS:
            by = "origin"
        return HTMLResponse(pages.trends(service.trends(session, who, by), who))

    @app.get("/models/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def model_page(request: Request, key: str, session: DB, offset: Offset = 0) -> Response:
        who = page_principal(request, session)
        if who is None:
            return login_redirect()
        try:
            return HTMLResponse(pages.model(service.model_detail(session, who, key, offset=offset), who))
        except service.NotFound:
            return HTMLResponse(pages.not_found(f"model {key}", who), status_code=404)

    @app.get("/projects/{repo:path}", response_class=HTMLResponse, include_in_schema=False)
    def project_page(request: Request, repo: str, session: DB, commit: str | None = None, origin: str | None = None,
                     publisher: str | None = None, serving: str | None = None) -> Response:
        who = page_principal(request, session)
        if who is None:
            return login_redirect()
        try:
            content = service.snapshot_content(session, who, repo, commit)
            drill = {"origin": origin, "publisher": publisher, "serving": serving}
            return HTMLResponse(pages.project(content, service.history(session, who, repo, limit=50), who,
                                              {k: v for k, v in drill.items() if v is not None}))
        except service.NotFound:
            return HTMLResponse(pages.not_found(f"project {repo}", who), status_code=404)

    return app


def prepare_process() -> None:
    """Ready a ``modelmap serve`` process for traffic, once, before it listens: load the knowledge base index
    and compile the scan validator (so the first upload does not pay for them), then hand everything alive
    now to ``gc.freeze()``. The knowledge base, the web stack and the ORM are about 190,000 long-lived objects:
    without this, the collections that parsing each upload triggers walk all of them again, which was more than
    half the CPU of a 200-finding scan upload (28 of 50 ms, bench/SERVER.md). Frozen objects are still
    reference counted; they are only never scanned for cycles. Not for a test process that builds many apps."""
    import gc

    from modelmap.provenance.resolver import default_resolver
    from modelmap.server.normalize import compile_validators

    default_resolver()
    compile_validators()
    gc.collect()
    gc.freeze()


async def _read_bounded(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the document is larger than the limit of {limit:,} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the document is larger than the limit of {limit:,} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body:
        raise HTTPException(400, "the request has no body: send the JSON document")
    return body
