"""``modelmap serve``: the company-wide inventory service (API + pages) over SQLite or PostgreSQL."""

from __future__ import annotations

from typing import Annotated

import typer

from modelmap.cli.common import Debug, NoColor, Quiet

HELP = """Run the inventory service for the whole company: CI uploads each repository's modelmap scan,
CycloneDX ML-BOM or SPDX 3 AI document to POST /api/v1/projects/REPO/snapshots?commit=SHA, and the API
(described at /openapi.json) and the pages (/) show every model by origin, publisher and serving country, down to
repository, flow and file:line, with each repository's history.

The database is SQLite in your data folder unless --db (or MODELMAP_SERVE_DB) names another, e.g.
postgresql://user@host/modelmap; its schema is migrated on start. Several serve processes can share one
PostgreSQL database.

Tokens: --create-token TEAM --scopes upload,read prints a new token once and exits (only its hash is
stored); add --admin for an org admin, who sees every team's projects. MODELMAP_SERVE_ADMIN_TOKEN, when set,
is recorded as an org admin token on start. Needs the server extra: pip install 'modelmap[server]'.

--demo (run from a modelmap checkout) seeds a demo database (SQLite demo.sqlite3 in your data folder unless
--db is given) with the demo app and two fixture repositories, an org policy and a waiver, prints a read
token for team demo, and serves.

Notifications: webhooks registered through the API (POST /api/v1/webhooks) are sent from an outbox; every
--notify-every seconds the server also queues a notice for each waiver expiring within --waiver-notice-days.
Webhooks go only where --webhook-allow permits (default: public addresses; a private, loopback or link-local
target needs its IP or CIDR listed, e.g. --webhook-allow public,10.20.0.0/16).

OIDC sign-in for the pages (optional): --oidc-issuer URL --oidc-client-id ID (the client secret, if any, from
MODELMAP_SERVE_OIDC_CLIENT_SECRET only). The --oidc-team-claim claim (default groups) must name an existing
team; members of --oidc-admin-group are org admins. Register REDIRECT = http(s)://HOST:PORT/login/oidc/callback
with the issuer (or give --oidc-redirect-uri). Several processes share sign-ins when they share the client
secret or MODELMAP_SERVE_SESSION_KEY. Token sign-in keeps working.
"""


def serve(
    db: Annotated[str | None, typer.Option("--db", metavar="URL", envvar="MODELMAP_SERVE_DB",
                                           help="Database URL (default: SQLite in the user's data folder).")] = None,
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Port to listen on.")] = 8765,
    create_token: Annotated[str | None, typer.Option("--create-token", metavar="TEAM",
                                                     help="Create a token for TEAM, print it once and exit.")] = None,
    scopes: Annotated[str, typer.Option("--scopes", metavar="LIST",
                                        help="Scopes of the new token: upload, read, policy.")] = "upload,read",
    admin: Annotated[bool, typer.Option("--admin", help="The new token is an org admin's.")] = False,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", metavar="MB",
                                               help="Largest document accepted.")] = 10,
    demo: Annotated[bool, typer.Option("--demo", help="Seed a demo database from the demo app and two fixture "
                                       "repositories of this checkout, print a read token, and serve.")] = False,
    notify_every: Annotated[int, typer.Option("--notify-every", metavar="SECONDS",
                                              help="How often to look for waivers about to expire (0: never; "
                                                   "POST /api/v1/notifications/run does it on demand).")] = 3600,
    waiver_notice_days: Annotated[int, typer.Option("--waiver-notice-days", metavar="DAYS",
                                                    help="Notify of waivers expiring within this many days.")] = 14,
    webhook_allow: Annotated[list[str] | None, typer.Option(
        "--webhook-allow", metavar="ENTRY", envvar="MODELMAP_SERVE_WEBHOOK_ALLOW",
        help="Where webhooks may be delivered: public (any globally routable address, the default), a host name "
             "(*.example.com for subdomains), an IP address or a CIDR block; repeat or separate with commas. "
             "Private, loopback and link-local addresses need an IP or CIDR entry.")] = None,
    oidc_issuer: Annotated[str | None, typer.Option("--oidc-issuer", metavar="URL",
                                                    help="Let the pages sign in through this OIDC issuer.")] = None,
    oidc_client_id: Annotated[str | None, typer.Option("--oidc-client-id", metavar="ID",
                                                       help="modelmap's client id at the issuer.")] = None,
    oidc_team_claim: Annotated[str, typer.Option("--oidc-team-claim", metavar="NAME",
                                                 help="ID-token claim whose value names the team.")] = "groups",
    oidc_admin_group: Annotated[str | None, typer.Option("--oidc-admin-group", metavar="NAME",
                                                         help="Claim value that makes an org admin.")] = None,
    oidc_scopes: Annotated[str, typer.Option("--oidc-scopes", metavar="LIST",
                                             help="Scopes asked for (space-separated).")] = "openid profile email",
    oidc_redirect_uri: Annotated[str | None, typer.Option("--oidc-redirect-uri", metavar="URL",
                                                          help="The callback URL registered with the issuer "
                                                               "(default: from the request).")] = None,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    import os

    from modelmap.cli.common import configure, echo, err, info

    configure(quiet=quiet, no_color=no_color)
    try:
        import uvicorn

        from modelmap.server import service
        from modelmap.server.app import Settings, create_app, prepare_process
        from modelmap.server.db import default_url, make_engine, migrate, session_factory
    except ImportError as exc:
        err(f"modelmap: error: the server needs packages that are not installed ({exc.name})\n"
            "  hint: pip install 'modelmap[server]'")
        raise typer.Exit(2) from None
    if not 1 <= max_upload_mb <= 1024:
        err("modelmap: error: --max-upload-mb must be between 1 and 1024")
        raise typer.Exit(2)
    if not 0 <= notify_every <= 7 * 86400 or not 0 <= waiver_notice_days <= 365:
        err("modelmap: error: --notify-every is 0 to 604800 seconds and --waiver-notice-days 0 to 365")
        raise typer.Exit(2)
    from modelmap.server.webhooks import AllowList

    try:
        allow = AllowList.parse(webhook_allow or [])
    except ValueError as exc:
        err(f"modelmap: error: --webhook-allow: {exc}")
        raise typer.Exit(2) from None
    oidc = None
    if oidc_issuer is not None or oidc_client_id is not None:
        from modelmap.server.oidc import OIDCConfig

        if not oidc_issuer or not oidc_client_id:
            err("modelmap: error: --oidc-issuer and --oidc-client-id go together")
            raise typer.Exit(2)
        try:
            oidc = OIDCConfig(issuer=oidc_issuer, client_id=oidc_client_id,
                              client_secret=os.environ.get("MODELMAP_SERVE_OIDC_CLIENT_SECRET") or None,
                              team_claim=oidc_team_claim, admin_group=oidc_admin_group or None, scopes=oidc_scopes,
                              redirect_uri=oidc_redirect_uri,
                              session_key=os.environ.get("MODELMAP_SERVE_SESSION_KEY") or None)
        except ValueError as exc:
            err(f"modelmap: error: {exc}")
            raise typer.Exit(2) from None
    elif oidc_admin_group is not None or oidc_redirect_uri is not None:
        err("modelmap: error: --oidc-admin-group and --oidc-redirect-uri need --oidc-issuer and --oidc-client-id")
        raise typer.Exit(2)
    url = db or (default_url().replace("serve.sqlite3", "demo.sqlite3") if demo else default_url())
    if create_token is not None:
        engine = make_engine(url)
        migrate(engine)
        try:
            with session_factory(engine)() as session:
                secret = service.create_token(session, create_token, scopes, admin=admin)
        except ValueError as exc:
            err(f"modelmap: error: {exc}")
            raise typer.Exit(2) from None
        echo(secret + "\n")
        raise typer.Exit(0)
    app = create_app(Settings(db_url=url, max_upload_bytes=max_upload_mb * 1024 * 1024,
                              waiver_notice_days=waiver_notice_days, oidc=oidc, webhook_allow=allow))
    if demo:
        from modelmap.server.demo import DemoError, seed

        try:
            seeded = seed(app.state.sessions)
        except DemoError as exc:
            err(f"modelmap: error: {exc}")
            raise typer.Exit(2) from None
        if seeded.kept_since:
            # an earlier run seeded these: their findings are what that run's modelmap found, not this one's
            oldest = min(seeded.kept_since.values())
            info(f"modelmap: note: {len(seeded.kept_since)} of {len(seeded.projects)} demo repositories were "
                 f"kept as an earlier run seeded them (first {oldest}), with what that run's modelmap found; to "
                 f"seed them again with this modelmap, delete the demo database ({url.removeprefix('sqlite:///')}) "
                 "or pass --db with a new file")
        echo(f"demo database: {url}\n"
             f"read token for team demo (shown once): {seeded.read_token}\n"
             f"open http://{host}:{port}/login and paste the token, or: "
             f"curl -H 'Authorization: Bearer <token>' http://{host}:{port}/api/v1/portfolio\n")
    bootstrap = os.environ.get("MODELMAP_SERVE_ADMIN_TOKEN")
    if bootstrap:
        try:
            with session_factory(app.state.engine)() as session:
                service.ensure_token(session, bootstrap, "org-admins", "upload,read,policy", admin=True)
        except ValueError as exc:
            err(f"modelmap: error: MODELMAP_SERVE_ADMIN_TOKEN: {exc}")
            raise typer.Exit(2) from None
    if notify_every:
        from modelmap.server.webhooks import start_ticker

        start_ticker(app.state.sessions, app.state.deliver, every_s=notify_every, days=waiver_notice_days)
    prepare_process()
    from modelmap.server.logs import uvicorn_log_config

    # uvicorn's access log prints method, path and query only; tokens travel in headers or a cookie, and a
    # token wrongly put in the URL is redacted from the log line (server/logs.py)
    uvicorn.run(app, host=host, port=port, log_level="warning" if quiet else "info", proxy_headers=False,
                log_config=uvicorn_log_config())
