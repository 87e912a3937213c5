"""snapshots.truncated: the modelmap:truncated note of a BOM that lists only some of the models it found

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.add_column(sa.Column("truncated", sa.Text(), nullable=True))


def downgrade() -> None:
    import sqlite3

    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and sqlite3.sqlite_version_info >= (3, 35, 0):
        # SQLite 3.35+ drops a column in place. Alembic's batch mode would copy the table and drop the old one, and
        # with foreign keys on, dropping snapshots cascades to snapshot_models, usages and endpoints (every row lost)
        op.execute("ALTER TABLE snapshots DROP COLUMN truncated")
        return
    with op.batch_alter_table("snapshots", schema=None) as batch_op:  # PostgreSQL: in place; old SQLite: a copy
        batch_op.drop_column("truncated")
