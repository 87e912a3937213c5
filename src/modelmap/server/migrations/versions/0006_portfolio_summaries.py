"""Summaries kept by ingest: portfolio counts and members per latest snapshot, stored policy status

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _repo() -> sa.types.TypeEngine[str]:
    return sa.String(300).with_variant(sa.String(300, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "portfolio_keys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("dimension", sa.String(20), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("repos", sa.Integer(), nullable=False),
        sa.Column("usages", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "dimension", "key", name="uq_portfolio_key"),
    )
    op.create_table(
        "portfolio_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("repo", _repo(), nullable=False),
        sa.Column("dimension", sa.String(20), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("usages", sa.Integer(), nullable=False),
        sa.Column("snapshot_model_id", sa.Integer(), nullable=True),
        sa.Column("serving", sa.Text(), nullable=True),
        sa.Column("served_by", sa.Text(), nullable=True),
    )
    op.create_index("ix_portfolio_members_key_repo", "portfolio_members", ["dimension", "key", "repo"])
    op.create_index("ix_portfolio_members_team_key_repo", "portfolio_members",
                    ["team_id", "dimension", "key", "repo"])
    op.create_index("ix_portfolio_members_key_model_row", "portfolio_members",
                    ["dimension", "key", "snapshot_model_id"])
    op.create_index("ix_portfolio_members_project", "portfolio_members", ["project_id"])
    op.create_table(
        "project_policy_status",
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), primary_key=True),
        sa.Column("basis", sa.String(64), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
    )
    # existing data: the summaries of every project's latest snapshot, as ingest keeps them from now on
    from sqlalchemy.orm import Session

    from modelmap.server.summary import rebuild

    rebuild(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_table("project_policy_status")
    op.drop_index("ix_portfolio_members_project", table_name="portfolio_members")
    op.drop_index("ix_portfolio_members_key_model_row", table_name="portfolio_members")
    op.drop_index("ix_portfolio_members_team_key_repo", table_name="portfolio_members")
    op.drop_index("ix_portfolio_members_key_repo", table_name="portfolio_members")
    op.drop_table("portfolio_members")
    op.drop_table("portfolio_keys")
