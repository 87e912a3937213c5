"""Storage: SQLAlchemy 2 tables, the engine (SQLite by default, PostgreSQL for teams) and migrations.

The schema is created and upgraded only by Alembic (``server/migrations``), run on start by
:func:`migrate`; the tables below mirror the latest revision and are what the queries use.

Projects are keyed by repository or service name, never by version: every upload is a snapshot of one
project at one commit, and an upload for a commit the project already has replaces that snapshot
(idempotent per commit). Unknown lists (origins, serving countries, flows) are stored as JSON ``null``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Token(Base):
    """An API token, stored as the SHA-256 of a random 32-byte secret (the secret is shown once)."""

    __tablename__ = "tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(100))  # comma-separated: upload, read, policy
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    repo: Mapped[str] = mapped_column(String(300), unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # the latest snapshot (by time taken, then id), kept by every ingest: the portfolio joins on it (0004)
    latest_snapshot_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    # bumped by every ingest that stores or replaces a snapshot: the read cache key (service._generation; 0005)
    ingests: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Snapshot(Base):
    __tablename__ = "snapshots"
    __table_args__ = (UniqueConstraint("project_id", "commit", name="uq_snapshot_commit"),
                      Index("ix_snapshots_project_taken", "project_id", "taken_at", "id"))  # migration 0004
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    commit: Mapped[str] = mapped_column(String(100))
    branch: Mapped[str | None] = mapped_column(String(200), nullable=True)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    business_unit: Mapped[str | None] = mapped_column(String(100), nullable=True)
    environment: Mapped[str | None] = mapped_column(String(50), nullable=True)
    regulated: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    format: Mapped[str] = mapped_column(String(20))
    spec: Mapped[str] = mapped_column(String(40))
    raw: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # loaded only when asked for
    raw_sha256: Mapped[str] = mapped_column(String(64))
    models_count: Mapped[int] = mapped_column(Integer, default=0)
    usages_count: Mapped[int] = mapped_column(Integer, default=0)
    # a capped BOM's modelmap:truncated note ("N models found; the K used in the most places are listed, ...");
    # null when the upload lists every model it found (migration 0008)
    truncated: Mapped[str | None] = mapped_column(Text, nullable=True)


class SnapshotModel(Base):
    __tablename__ = "snapshot_models"
    __table_args__ = (Index("ix_snapshot_models_key_snapshot", "model_key", "snapshot_id"),)  # migration 0004
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id", ondelete="CASCADE"), index=True)
    model_key: Mapped[str] = mapped_column(String(300), index=True)
    resolved: Mapped[bool] = mapped_column(Boolean)
    identifiers: Mapped[Any] = mapped_column(JSON)
    publisher: Mapped[str | None] = mapped_column(String(300), nullable=True)
    publisher_country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    origins: Mapped[Any] = mapped_column(JSON, nullable=True)
    origins_known: Mapped[bool] = mapped_column(Boolean, default=False)
    serving_countries: Mapped[Any] = mapped_column(JSON, nullable=True)
    served_by: Mapped[Any] = mapped_column(JSON, nullable=True)
    license: Mapped[str | None] = mapped_column(Text, nullable=True)
    flows: Mapped[Any] = mapped_column(JSON, nullable=True)
    confidence: Mapped[str | None] = mapped_column(String(20), nullable=True)
    usages: Mapped[int] = mapped_column(Integer, default=0)


class Usage(Base):
    __tablename__ = "usages"
    __table_args__ = (Index("ix_usages_snapshot_model", "snapshot_id", "model_key"),)  # migration 0002
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id", ondelete="CASCADE"), index=True)
    model_key: Mapped[str] = mapped_column(String(300))
    identifier: Mapped[str] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    flow: Mapped[str | None] = mapped_column(String(200), nullable=True)
    section: Mapped[str | None] = mapped_column(String(20), nullable=True)


class Endpoint(Base):
    __tablename__ = "endpoints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    provider: Mapped[str | None] = mapped_column(String(200), nullable=True)
    serving: Mapped[str | None] = mapped_column(String(2), nullable=True)
    references: Mapped[int] = mapped_column(Integer, default=1)


def _repo_column() -> Any:
    """A repository name that sorts by code point, as Python sorts it (PostgreSQL's "C" collation)."""
    return String(300).with_variant(String(300, collation="C"), "postgresql")


class PortfolioKey(Base):
    """Summary kept by ingest (migration 0006): per team and (dimension, key), how many of the team's
    repositories use it at their latest snapshot, and their usages. ``dimension`` is model, origin, publisher or
    serving_country; ``unknown`` stands for an unknown fact, as on the portfolio. The portfolio reads these
    counts instead of recounting every latest snapshot."""

    __tablename__ = "portfolio_keys"
    __table_args__ = (UniqueConstraint("team_id", "dimension", "key", name="uq_portfolio_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    dimension: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(300))
    repos: Mapped[int] = mapped_column(Integer, default=0)
    usages: Mapped[int] = mapped_column(Integer, default=0)


class PortfolioMember(Base):
    """Summary kept by ingest (migration 0006): one row per repository and (dimension, key) of its latest
    snapshot; the portfolio lists repository names from it, the first N per key in name order. Model rows also
    carry the snapshot_models row id and its serving lists (JSON text as stored)."""

    __tablename__ = "portfolio_members"
    __table_args__ = (Index("ix_portfolio_members_key_repo", "dimension", "key", "repo"),
                      Index("ix_portfolio_members_team_key_repo", "team_id", "dimension", "key", "repo"),
                      Index("ix_portfolio_members_key_model_row", "dimension", "key", "snapshot_model_id"),
                      Index("ix_portfolio_members_project", "project_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    repo: Mapped[str] = mapped_column(_repo_column())
    dimension: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(300))
    usages: Mapped[int] = mapped_column(Integer, default=0)
    snapshot_model_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    serving: Mapped[str | None] = mapped_column(Text, nullable=True)
    served_by: Mapped[str | None] = mapped_column(Text, nullable=True)


class TrendMember(Base):
    """Summary kept by ingest for trends (migration 0007): per repository and month in which it has snapshots,
    the (dimension, key) pairs of the month's last snapshot (by time taken, then id), which ``snapshot_id``
    names. ``dimension`` is model, origin, publisher or serving_country, as ``GET /api/v1/trends`` counts them
    (``unknown`` where the fact is unknown), plus one ``_repo`` row (key "") per month so that a month whose
    snapshot has no models is still recorded."""

    __tablename__ = "trend_members"
    __table_args__ = (Index("ix_trend_members_project", "project_id", "period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    snapshot_id: Mapped[int] = mapped_column(Integer)
    dimension: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(300))


class TrendCount(Base):
    """Summary kept by ingest for trends (migration 0007): per team, month and (dimension, key), the change in
    the number of the team's repositories whose latest snapshot by the end of that month has the key (a
    running sum over months gives the counts), ``_repo`` for repositories with a snapshot by then, and
    ``_period`` the number of repositories with a snapshot taken in that month (so the months span first to last
    snapshot). Rows whose value is 0 are dropped."""

    __tablename__ = "trend_counts"
    __table_args__ = (UniqueConstraint("team_id", "period", "dimension", "key", name="uq_trend_count"),
                      Index("ix_trend_counts_dimension", "dimension", "team_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    period: Mapped[str] = mapped_column(String(7))
    dimension: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(300))
    delta: Mapped[int] = mapped_column(Integer, default=0)


class ProjectPolicyStatus(Base):
    """A project's latest snapshot evaluated under the org policy (migration 0006): stored by ingest when an
    org policy exists, and by the status read when what it depends on changed (``basis``: the policy version,
    the waiver records that apply with their last change, the snapshot, its tags and the day)."""

    __tablename__ = "project_policy_status"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    basis: Mapped[str] = mapped_column(String(64))
    result: Mapped[Any] = mapped_column(JSON)
    evaluated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OrgPolicy(Base):
    """One version of the central policy: a modelmap.yaml text, the presets every project gets, and presets
    added per project tag (``[{"tag": "regulated", "value": true, "presets": ["us-regulated"]}]``).
    Rows are never changed; the newest version is in force (migration 0003)."""

    __tablename__ = "org_policies"
    __table_args__ = (UniqueConstraint("version", name="uq_org_policy_version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    config_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    presets: Mapped[Any] = mapped_column(JSON, nullable=True)
    tag_presets: Mapped[Any] = mapped_column(JSON, nullable=True)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))


class Waiver(Base):
    """A waiver as a record: who owns it, who approved it, why, what it covers and until when.
    ``scope`` is project (every rule in one repo), flow (one rule in one flow of one repo), model (one
    rule for one model, in one repo or every repo of the team) or rule (one rule in one repo or every
    repo of the team). An expired or revoked waiver hides nothing."""

    __tablename__ = "waivers"
    __table_args__ = (Index("ix_waivers_team_id", "team_id"), Index("ix_waivers_expires", "expires"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    scope: Mapped[str] = mapped_column(String(20))
    rule: Mapped[str | None] = mapped_column(String(100), nullable=True)
    repo: Mapped[str | None] = mapped_column(String(300), nullable=True)
    flow: Mapped[str | None] = mapped_column(String(200), nullable=True)
    model: Mapped[str | None] = mapped_column(String(300), nullable=True)
    owner: Mapped[str] = mapped_column(String(200))
    approver: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class WaiverEvent(Base):
    """The history of a waiver: one row per create, change or revoke, with the record before and after."""

    __tablename__ = "waiver_events"
    __table_args__ = (Index("ix_waiver_events_waiver_id", "waiver_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    waiver_id: Mapped[int] = mapped_column(ForeignKey("waivers.id"))
    action: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    actor_token_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)


class Webhook(Base):
    """Where a team's notifications go: a generic JSON or a Slack-compatible endpoint. Each delivery is
    signed with HMAC-SHA256 under ``hmac_key`` (shown once when the webhook is made)."""

    __tablename__ = "webhooks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    url: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    events: Mapped[Any] = mapped_column(JSON)
    hmac_key: Mapped[str] = mapped_column(String(100))
    org_wide: Mapped[bool] = mapped_column(Boolean, default=False)  # made by an org admin: every team's events
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Notification(Base):
    """The outbox: one row per (webhook, event occurrence), delivered with bounded retries."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("webhook_id", "dedupe_key", name="uq_notification_dedupe"),
                      Index("ix_notifications_pending", "delivered_at", "failed_at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(50))
    dedupe_key: Mapped[str] = mapped_column(String(300))
    payload: Mapped[Any] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    failed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class RuntimeRecord(Base):
    """One uploaded ``modelmap.runtime/1`` document of a project (raw kept), with the models it saw."""

    __tablename__ = "runtime_records"
    __table_args__ = (Index("ix_runtime_records_project_id", "project_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    environment: Mapped[str | None] = mapped_column(String(50), nullable=True)
    first_seen: Mapped[str | None] = mapped_column(String(40), nullable=True)
    last_seen: Mapped[str | None] = mapped_column(String(40), nullable=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    raw_sha256: Mapped[str] = mapped_column(String(64))
    models_count: Mapped[int] = mapped_column(Integer, default=0)


class RuntimeModel(Base):
    """A model seen serving in one runtime record, normalised like snapshot models (``model_key``)."""

    __tablename__ = "runtime_models"
    __table_args__ = (Index("ix_runtime_models_record_id", "record_id"),
                      Index("ix_runtime_models_model_key", "model_key"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("runtime_records.id", ondelete="CASCADE"))
    model_key: Mapped[str] = mapped_column(String(300))
    model: Mapped[str] = mapped_column(Text)
    requested_as: Mapped[Any] = mapped_column(JSON, nullable=True)
    hosts: Mapped[Any] = mapped_column(JSON, nullable=True)
    publisher: Mapped[str | None] = mapped_column(String(300), nullable=True)
    origins: Mapped[Any] = mapped_column(JSON, nullable=True)
    requests: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_seen: Mapped[str | None] = mapped_column(String(40), nullable=True)


def default_url() -> str:
    """SQLite in the user's data folder ($XDG_DATA_HOME/modelmap/serve.sqlite3)."""
    import os

    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "modelmap"
    base.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{base / 'serve.sqlite3'}"


def normalize_url(url: str) -> str:
    """postgresql:// and postgres:// use psycopg 3 (SQLAlchemy's default driver would be psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            # WAL lets several serve processes read while one writes; foreign keys for cascades
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the database to the latest schema (``alembic upgrade head``), under a lock on PostgreSQL so
    that several processes starting together do not race."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7215)")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def session_factory(engine: Engine) -> sessionmaker[Any]:
    return sessionmaker(bind=engine, expire_on_commit=False)
