"""initial schema: teams, tokens, projects, snapshots, models, usages, endpoints

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('teams',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('repo', sa.String(length=300), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('repo')
    )
    op.create_table('tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('scopes', sa.String(length=100), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_table('snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('commit', sa.String(length=100), nullable=False),
    sa.Column('branch', sa.String(length=200), nullable=True),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('business_unit', sa.String(length=100), nullable=True),
    sa.Column('environment', sa.String(length=50), nullable=True),
    sa.Column('regulated', sa.Boolean(), nullable=True),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('spec', sa.String(length=40), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.Column('raw_sha256', sa.String(length=64), nullable=False),
    sa.Column('models_count', sa.Integer(), nullable=False),
    sa.Column('usages_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('project_id', 'commit', name='uq_snapshot_commit')
    )
    with op.batch_alter_table('snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_snapshots_project_id'), ['project_id'], unique=False)

    op.create_table('endpoints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('provider', sa.String(length=200), nullable=True),
    sa.Column('serving', sa.String(length=2), nullable=True),
    sa.Column('references', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshots.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('endpoints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_endpoints_snapshot_id'), ['snapshot_id'], unique=False)

    op.create_table('snapshot_models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('model_key', sa.String(length=300), nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('identifiers', sa.JSON(), nullable=False),
    sa.Column('publisher', sa.String(length=300), nullable=True),
    sa.Column('publisher_country', sa.String(length=2), nullable=True),
    sa.Column('origins', sa.JSON(), nullable=True),
    sa.Column('origins_known', sa.Boolean(), nullable=False),
    sa.Column('serving_countries', sa.JSON(), nullable=True),
    sa.Column('served_by', sa.JSON(), nullable=True),
    sa.Column('license', sa.Text(), nullable=True),
    sa.Column('flows', sa.JSON(), nullable=True),
    sa.Column('confidence', sa.String(length=20), nullable=True),
    sa.Column('usages', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshots.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('snapshot_models', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_snapshot_models_model_key'), ['model_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_snapshot_models_snapshot_id'), ['snapshot_id'], unique=False)

    op.create_table('usages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('model_key', sa.String(length=300), nullable=False),
    sa.Column('identifier', sa.Text(), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('flow', sa.String(length=200), nullable=True),
    sa.Column('section', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshots.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('usages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_usages_snapshot_id'), ['snapshot_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('usages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_usages_snapshot_id'))

    op.drop_table('usages')
    with op.batch_alter_table('snapshot_models', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_snapshot_models_snapshot_id'))
        batch_op.drop_index(batch_op.f('ix_snapshot_models_model_key'))

    op.drop_table('snapshot_models')
    with op.batch_alter_table('endpoints', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_endpoints_snapshot_id'))

    op.drop_table('endpoints')
    with op.batch_alter_table('snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_snapshots_project_id'))

    op.drop_table('snapshots')
    op.drop_table('tokens')
    op.drop_table('projects')
    op.drop_table('teams')
