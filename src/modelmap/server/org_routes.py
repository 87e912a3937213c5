"""API routes for the org policy, waivers, webhooks, notifications and runtime records (``/api/v1``).

Scopes: ``policy`` for policy, waiver and webhook writes (the central policy itself only by an org admin),
``read`` for reads, ``upload`` for runtime uploads. Request bodies are pydantic models with bounds on every
string and list (so the OpenAPI spec describes them and schemathesis fuzzes them); the whole body is also
bounded by :class:`BodyLimit` before it is parsed.
"""

# no "from __future__ import annotations": FastAPI reads these annotations at run time

import datetime as dt
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any, Literal

from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from modelmap.server import orgpolicy, runtime_records, service, waivers, webhooks
from modelmap.server.auth import Principal
from modelmap.server.normalize import DocumentError

Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]
PresetName = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9-]*$")]
RuleId = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9-]*$")]
Repo = Annotated[str, Field(min_length=1, max_length=300, pattern=f"^(?:{service.REPO_RE.pattern})$")]
MAX_BODY = 256 * 1024


class TagPreset(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tag: Literal["regulated", "environment", "business_unit", "team"]
    value: bool | Annotated[str, Field(min_length=1, max_length=100)]
    presets: Annotated[list[PresetName], Field(min_length=1, max_length=20)]


class PolicyBody(BaseModel):
    """The central policy: a modelmap.yaml text (version, preset, fail_on, expiry_notice_days, rules,
    disable), presets for every project, and presets per project tag."""

    model_config = ConfigDict(extra="forbid")
    config: Annotated[str | None, Field(max_length=200_000)] = None
    presets: Annotated[list[PresetName], Field(max_length=20)] = []
    tag_presets: Annotated[list[TagPreset], Field(max_length=50)] = []


class WaiverBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scope: Literal["project", "rule", "model", "flow"]
    rule: RuleId | None = None
    repo: Repo | None = None
    team: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    flow: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    model: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    owner: Name
    approver: Name
    reason: Annotated[str, Field(min_length=1, max_length=4000, pattern=r"\S")]
    expires: dt.datetime


class WaiverChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    owner: Name | None = None
    approver: Name | None = None
    reason: Annotated[str, Field(min_length=1, max_length=4000, pattern=r"\S")] | None = None
    expires: dt.datetime | None = None


class WebhookBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: Annotated[str, Field(min_length=8, max_length=2000)]
    kind: Literal["generic", "slack"] = "generic"
    events: Annotated[list[Literal["cn-model-regulated", "waiver-expiring", "undeclared-runtime-model"]],
                      Field(min_length=1, max_length=3)]


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes is refused with 413 before a route parses it.
    Routes that read their own bounded bodies (document uploads, login) are left to do so."""

    def __init__(self, app: Any, limit: int = MAX_BODY,
                 exempt: Callable[[str], bool] = lambda path: False) -> None:
        self.app, self.limit, self.exempt = app, limit, exempt

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Awaitable[dict[str, Any]]],
                       send: Callable[[MutableMapping[str, Any]], Awaitable[None]]) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS") or self.exempt(scope["path"]):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            response = JSONResponse({"detail": f"the request body is larger than the limit of {self.limit:,} bytes"},
                                    status_code=413)
            await response(scope, receive, send)
            return
        seen = 0

        async def bounded() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # FastAPI passes an HTTPException raised while reading the body through
                    raise HTTPException(413, f"the request body is larger than the limit of {self.limit:,} bytes")
            return message

        await self.app(scope, bounded, send)


def add_routes(app: FastAPI, DB: Any, need: Callable[[str], Any], read_bounded: Callable[..., Awaitable[bytes]],
               max_upload_bytes: int, waiver_notice_days: int, deliver: Callable[[], dict[str, int]],
               rate_limit: Callable[[int], float], webhook_allow: webhooks.AllowList | None = None) -> None:
    Reader = Annotated[Principal, Depends(need("read"))]
    Uploader = Annotated[Principal, Depends(need("upload"))]
    PolicyWriter = Annotated[Principal, Depends(need("policy"))]
    denied: dict[int | str, dict[str, Any]] = {401: {"description": "no valid token"}, 403: {"description": "the token lacks the scope"},
              413: {"description": "too large"}, 422: {"description": "not valid"}}

    def not_found(what: str) -> HTTPException:
        return HTTPException(404, f"{what} not found (or not visible to this token's team)")

    # ------------------------------------------------------------------ org policy

    @app.get("/api/v1/policy", tags=["policy"])
    def get_policy(who: Reader, session: DB) -> dict[str, Any]:
        """The org policy in force (``null`` before the first PUT) and every earlier version."""
        row = orgpolicy.current(session)
        return {"policy": orgpolicy.policy_dict(row) if row else None, "versions": orgpolicy.history(session)}

    @app.put("/api/v1/policy", tags=["policy"], status_code=201,
             responses={200: {"description": "the same policy is in force already"}, **denied})
    def put_policy(body: PolicyBody, who: PolicyWriter, session: DB) -> JSONResponse:
        """Record a new version of the central policy (org admins only). The modelmap.yaml text is validated
        the way ``modelmap check`` validates it, with every preset the document can bring in."""
        if not who.is_admin:
            raise HTTPException(403, "the org policy is set by an org admin token")
        try:
            out = orgpolicy.put_policy(session, who, body.config, list(body.presets),
                                       [t.model_dump() for t in body.tag_presets])
        except orgpolicy.PolicyError as exc:
            raise HTTPException(422, str(exc)) from None
        return JSONResponse(out, status_code=201 if out["status"] == "created" else 200)

    @app.get("/api/v1/policy/status", tags=["policy"])
    def policy_status(who: Reader, session: DB) -> dict[str, Any]:
        """Org-wide policy status: per visible project, each rule's pass / fail / waived on its latest
        snapshot (computed with modelmap.policy), the violations with the waiver that covers each, and the
        waivers about to expire. An expired waiver never hides a violation."""
        try:
            return orgpolicy.status(session, who)
        except orgpolicy.PolicyError as exc:
            raise HTTPException(422, str(exc)) from None

    # ------------------------------------------------------------------ waivers

    @app.get("/api/v1/waivers", tags=["policy"])
    def list_waivers(who: Reader, session: DB,
                     state: Literal["active", "expired", "revoked"] | None = None) -> list[dict[str, Any]]:
        """The team's waivers (every team's for an org admin), soonest expiry first."""
        return waivers.listing(session, who, state)

    @app.post("/api/v1/waivers", tags=["policy"], status_code=201, responses={404: {"description": "no such repo"},
                                                                             **denied})
    def create_waiver(body: WaiverBody, who: PolicyWriter, session: DB) -> dict[str, Any]:
        """Record a waiver: scope (project, rule, model or flow), owner, approver, reason and expiry."""
        try:
            return waivers.create(session, who, **body.model_dump())
        except waivers.WaiverError as exc:
            raise HTTPException(422, str(exc)) from None
        except waivers.NotFound as exc:
            raise not_found(str(exc)) from None

    @app.get("/api/v1/waivers/{waiver_id}", tags=["policy"])
    def get_waiver(waiver_id: int, who: Reader, session: DB) -> dict[str, Any]:
        """One waiver with its history: every create, change and revoke, before and after."""
        try:
            return waivers.detail(session, who, _id(waiver_id))
        except waivers.NotFound as exc:
            raise not_found(str(exc)) from None

    @app.patch("/api/v1/waivers/{waiver_id}", tags=["policy"], responses={404: {"description": "no such waiver"},
                                                                          **denied})
    def change_waiver(waiver_id: int, body: WaiverChange, who: PolicyWriter, session: DB) -> dict[str, Any]:
        """Change a waiver's owner, approver, reason or expiry (a renewal); the change is kept in its history."""
        try:
            return waivers.update(session, who, _id(waiver_id), body.model_dump(exclude_none=True))
        except waivers.WaiverError as exc:
            raise HTTPException(422, str(exc)) from None
        except waivers.NotFound as exc:
            raise not_found(str(exc)) from None

    @app.delete("/api/v1/waivers/{waiver_id}", tags=["policy"], responses={404: {"description": "no such waiver"},
                                                                           **denied})
    def revoke_waiver(waiver_id: int, who: PolicyWriter, session: DB) -> dict[str, Any]:
        """Revoke a waiver: it covers nothing from now on; the record and its history stay."""
        try:
            return waivers.revoke(session, who, _id(waiver_id))
        except waivers.NotFound as exc:
            raise not_found(str(exc)) from None

    # ------------------------------------------------------------------ webhooks and notifications

    @app.get("/api/v1/webhooks", tags=["notifications"])
    def list_webhooks(who: Reader, session: DB) -> list[dict[str, Any]]:
        """The team's webhooks (every team's for an org admin); keys are never shown again."""
        return webhooks.listing(session, who)

    @app.post("/api/v1/webhooks", tags=["notifications"], status_code=201, responses=denied)
    def create_webhook(body: WebhookBody, who: PolicyWriter, session: DB) -> dict[str, Any]:
        """Register a webhook (generic JSON or Slack-compatible) for some events. The answer holds the HMAC
        key that signs every delivery (``X-Modelmap-Signature-256``); it is shown this once."""
        try:
            return webhooks.create(session, who, body.url, body.kind, list(body.events), webhook_allow)
        except webhooks.WebhookError as exc:
            raise HTTPException(422, str(exc)) from None

    @app.delete("/api/v1/webhooks/{webhook_id}", tags=["notifications"], status_code=204,
                responses={404: {"description": "no such webhook"}, **denied})
    def delete_webhook(webhook_id: int, who: PolicyWriter, session: DB) -> Response:
        """Stop a webhook; nothing more is sent to it."""
        try:
            webhooks.delete(session, who, _id(webhook_id))
        except webhooks.NotFound as exc:
            raise not_found(str(exc)) from None
        return Response(status_code=204)

    @app.get("/api/v1/notifications", tags=["notifications"])
    def list_notifications(who: Reader, session: DB,
                           limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[dict[str, Any]]:
        """The newest outbox rows of the team's webhooks: event, attempts, delivered or failed, payload."""
        return webhooks.outbox(session, who, limit)

    @app.post("/api/v1/notifications/run", tags=["notifications"], responses=denied)
    def run_notifications(who: PolicyWriter, session: DB,
                          days: Annotated[int, Query(ge=0, le=365)] = waiver_notice_days) -> dict[str, Any]:
        """Queue ``waiver-expiring`` for waivers expiring within ``days`` (the team's; every team's for an org
        admin), then deliver what is due. ``modelmap serve`` also does this on a timer."""
        queued = webhooks.waiver_tick(session, days, None if who.is_admin else who.team_id)
        return {"queued": queued, **deliver()}

    # ------------------------------------------------------------------ runtime records

    @app.post("/api/v1/projects/{repo:path}/runtime", tags=["runtime"], status_code=201,
              responses={400: {"description": "not JSON"}, 404: {"description": "another team's project"},
                         429: {"description": "rate limited"}, **denied})
    async def upload_runtime(request: Request, repo: str, who: Uploader, session: DB, background: BackgroundTasks,
                             environment: str | None = None) -> JSONResponse:
        """Upload a runtime inventory (``modelmap runtime --format json``, ``modelmap.runtime/1``) for a
        repository or service. It is compared with the project's latest code snapshot; each model serving
        that no code declares queues an ``undeclared-runtime-model`` notification."""
        if not service.is_valid_repo(repo):
            raise HTTPException(422, "repository name: 1-5 segments of letters, digits, . _ - joined by /")
        if environment is not None and not service.TAG_RE.fullmatch(environment):
            raise HTTPException(422, "environment: letters, digits, space, . _ / - (at most 100)")
        wait = rate_limit(who.token_id)  # the same per-token budget as snapshot uploads
        if wait:
            raise HTTPException(429, "too many uploads from this token; retry later",
                                headers={"Retry-After": str(max(1, round(wait)))})
        body = await read_bounded(request, max_upload_bytes)

        def work() -> dict[str, Any]:
            record = runtime_records.ingest(session, who, repo, body, environment)
            project, _team = service.get_project(session, who, repo)
            doc = runtime_records.project_drift(session, who, repo)
            queued = webhooks.on_runtime(session, repo, project.team_id, record.id, environment, doc["shadow"])
            return {"repo": repo, "record": runtime_records.record_dict(record), "drift": doc["summary"],
                    "shadow": [s["model"] for s in doc["shadow"]], "notifications_queued": queued}

        try:
            out = await run_in_threadpool(work)
        except DocumentError as exc:
            raise HTTPException(exc.status, str(exc)) from None
        except service.NotFound:
            raise not_found(f"project {repo!r}") from None
        if out["notifications_queued"]:
            background.add_task(deliver)
        return JSONResponse(out, status_code=201)

    @app.get("/api/v1/projects/{repo:path}/runtime", tags=["runtime"])
    def runtime_history(repo: str, who: Reader, session: DB) -> list[dict[str, Any]]:
        """A project's runtime records, newest first."""
        try:
            return runtime_records.history(session, who, repo)
        except service.NotFound:
            raise not_found(f"project {repo!r}") from None

    @app.get("/api/v1/projects/{repo:path}/drift", tags=["runtime"])
    def project_drift(repo: str, who: Reader, session: DB) -> dict[str, Any]:
        """``modelmap.drift/1``: the latest runtime record against the latest code snapshot: shadow models,
        declared but not seen, alias and host mismatches."""
        try:
            return runtime_records.project_drift(session, who, repo)
        except service.NotFound as exc:
            raise not_found(str(exc)) from None

    @app.get("/api/v1/runtime/shadow", tags=["runtime"])
    def shadow(who: Reader, session: DB) -> dict[str, Any]:
        """Org-wide: models serving that no code of their project declares, with the repositories."""
        return runtime_records.shadow_models(session, who)


def _id(value: int) -> int:
    if not 1 <= value <= 2**31 - 1:
        raise HTTPException(404, "not found")
    return value
