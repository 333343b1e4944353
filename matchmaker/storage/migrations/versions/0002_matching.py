"""Matching: the embedding cache, recorded decisions with their items, feedback.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('decisions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('subject_id', sa.String(length=64), nullable=False),
    sa.Column('candidate_role', sa.String(length=16), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('personalized', sa.Boolean(), nullable=False),
    sa.Column('model_version', sa.String(length=80), nullable=False),
    sa.Column('parameters', sa.JSON(), nullable=False),
    sa.Column('filters', sa.JSON(), nullable=False),
    sa.Column('data_used', sa.JSON(), nullable=False),
    sa.Column('subject_languages', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_decided_at'), ['decided_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_subject_id'), ['subject_id'], unique=False)

    op.create_table('embedding_cache',
    sa.Column('model_version', sa.String(length=80), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('model_version', 'text_hash', name=op.f('pk_embedding_cache'))
    )
    op.create_table('feedback',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('decision_id', sa.String(length=36), nullable=False),
    sa.Column('subject_id', sa.String(length=64), nullable=False),
    sa.Column('candidate_id', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_recorded_at'), ['recorded_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_subject_id'), ['subject_id'], unique=False)

    op.create_table('decision_items',
    sa.Column('decision_id', sa.String(length=36), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('explanation', sa.JSON(), nullable=False),
    sa.Column('served_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], name=op.f('fk_decision_items_decision_id_decisions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('decision_id', 'rank', name=op.f('pk_decision_items'))
    )
    with op.batch_alter_table('decision_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_items_candidate_id'), ['candidate_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('decision_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_items_candidate_id'))

    op.drop_table('decision_items')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_subject_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_recorded_at'))
        batch_op.drop_index(batch_op.f('ix_feedback_decision_id'))

    op.drop_table('feedback')
    op.drop_table('embedding_cache')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_subject_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_decided_at'))

    op.drop_table('decisions')
