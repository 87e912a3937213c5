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


class Snapshot(Base):
    __tablename__ = "snapshots"
    __table_args__ = (UniqueConstraint("project_id", "commit", name="uq_snapshot_commit"),)
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


class SnapshotModel(Base):
    __tablename__ = "snapshot_models"
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
