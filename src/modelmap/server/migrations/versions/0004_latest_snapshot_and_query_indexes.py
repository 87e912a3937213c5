"""projects.latest_snapshot_id (kept by ingest) and indexes for the portfolio, model and history queries

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latest_snapshot_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_projects_latest_snapshot_id", ["latest_snapshot_id"], unique=False)
    op.create_index("ix_snapshots_project_taken", "snapshots", ["project_id", "taken_at", "id"], unique=False)
    op.create_index("ix_snapshot_models_key_snapshot", "snapshot_models", ["model_key", "snapshot_id"],
                    unique=False)
    # existing projects: their latest snapshot by time taken, then id (what ingest keeps from now on)
    op.execute(sa.text(
        "UPDATE projects SET latest_snapshot_id = (SELECT s.id FROM snapshots s WHERE s.project_id = projects.id "
        "ORDER BY s.taken_at DESC, s.id DESC LIMIT 1)"))


def downgrade() -> None:
    op.drop_index("ix_snapshot_models_key_snapshot", table_name="snapshot_models")
    op.drop_index("ix_snapshots_project_taken", table_name="snapshots")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index("ix_projects_latest_snapshot_id")
        batch_op.drop_column("latest_snapshot_id")
