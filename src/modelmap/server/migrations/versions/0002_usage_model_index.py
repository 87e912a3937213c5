"""usages: index on (snapshot_id, model_key) for "who uses this model"

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_usages_snapshot_model", "usages", ["snapshot_id", "model_key"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_usages_snapshot_model", table_name="usages")
