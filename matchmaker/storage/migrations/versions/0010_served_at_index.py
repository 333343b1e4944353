"""Replicas follow each other's served decisions by the time they were served.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('decision_items', schema=None) as batch_op:
        batch_op.create_index('ix_decision_items_served_at', ['served_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('decision_items', schema=None) as batch_op:
        batch_op.drop_index('ix_decision_items_served_at')
