"""Summaries kept by ingest for trends: each repository's state per month, and per-team monthly changes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trend_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(20), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
    )
    op.create_index("ix_trend_members_project", "trend_members", ["project_id", "period"])
    op.create_table(
        "trend_counts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("dimension", sa.String(20), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "period", "dimension", "key", name="uq_trend_count"),
    )
    op.create_index("ix_trend_counts_dimension", "trend_counts", ["dimension", "team_id"])
    # existing data: every repository's monthly states and the teams' changes, as ingest keeps them from now on
    from sqlalchemy.orm import Session

    from modelmap.server.summary import rebuild_trends

    rebuild_trends(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_index("ix_trend_counts_dimension", table_name="trend_counts")
    op.drop_table("trend_counts")
    op.drop_index("ix_trend_members_project", table_name="trend_members")
    op.drop_table("trend_members")
