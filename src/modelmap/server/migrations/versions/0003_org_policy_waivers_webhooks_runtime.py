"""org policy (versioned), waivers with their history, webhooks, a notification outbox, runtime records

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the central modelmap.yaml, one row per version; the newest row is in force
    op.create_table(
        "org_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("config_text", sa.Text(), nullable=True),
        sa.Column("presets", sa.JSON(), nullable=True),
        sa.Column("tag_presets", sa.JSON(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version", name="uq_org_policy_version"),
    )
    op.create_table(
        "waivers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("rule", sa.String(length=100), nullable=True),
        sa.Column("repo", sa.String(length=300), nullable=True),
        sa.Column("flow", sa.String(length=200), nullable=True),
        sa.Column("model", sa.String(length=300), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("approver", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("waivers", schema=None) as batch_op:
        batch_op.create_index("ix_waivers_team_id", ["team_id"], unique=False)
        batch_op.create_index("ix_waivers_expires", ["expires"], unique=False)
    # every create, change and revoke of a waiver, never updated or deleted
    op.create_table(
        "waiver_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("waiver_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("actor_token_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["waiver_id"], ["waivers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("waiver_events", schema=None) as batch_op:
        batch_op.create_index("ix_waiver_events_waiver_id", ["waiver_id"], unique=False)
    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("hmac_key", sa.String(length=100), nullable=False),
        sa.Column("org_wide", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("webhook_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=50), nullable=False),
        sa.Column("dedupe_key", sa.String(length=300), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["webhook_id"], ["webhooks.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("webhook_id", "dedupe_key", name="uq_notification_dedupe"),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index("ix_notifications_pending", ["delivered_at", "failed_at"], unique=False)
    op.create_table(
        "runtime_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("environment", sa.String(length=50), nullable=True),
        sa.Column("first_seen", sa.String(length=40), nullable=True),
        sa.Column("last_seen", sa.String(length=40), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("raw_sha256", sa.String(length=64), nullable=False),
        sa.Column("models_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("runtime_records", schema=None) as batch_op:
        batch_op.create_index("ix_runtime_records_project_id", ["project_id"], unique=False)
    op.create_table(
        "runtime_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("model_key", sa.String(length=300), nullable=False),
        sa.Column("model", sa.Text(), nullable=False),
        sa.Column("requested_as", sa.JSON(), nullable=True),
        sa.Column("hosts", sa.JSON(), nullable=True),
        sa.Column("publisher", sa.String(length=300), nullable=True),
        sa.Column("origins", sa.JSON(), nullable=True),
        sa.Column("requests", sa.Integer(), nullable=True),
        sa.Column("last_seen", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["record_id"], ["runtime_records.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("runtime_models", schema=None) as batch_op:
        batch_op.create_index("ix_runtime_models_record_id", ["record_id"], unique=False)
        batch_op.create_index("ix_runtime_models_model_key", ["model_key"], unique=False)


def downgrade() -> None:
    op.drop_table("runtime_models")
    op.drop_table("runtime_records")
    op.drop_table("notifications")
    op.drop_table("webhooks")
    op.drop_table("waiver_events")
    op.drop_table("waivers")
    op.drop_table("org_policies")
