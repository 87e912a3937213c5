"""Alembic environment: run with the connection that ``modelmap.server.db.migrate`` passes in."""

from __future__ import annotations

from alembic import context

from modelmap.server.db import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - migrations only run through db.migrate
    raise RuntimeError("run migrations through modelmap.server.db.migrate(engine)")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
