"""Erasure notices for the recipients of an erased user's contact card.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('erasure_notices',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('recipient_id', sa.String(length=64), nullable=False),
    sa.Column('owner_sealed', sa.LargeBinary(), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_notices'))
    )
    with op.batch_alter_table('erasure_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasure_notices_erased_at'), ['erased_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_erasure_notices_recipient_id'), ['recipient_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('erasure_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasure_notices_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_erasure_notices_erased_at'))

    op.drop_table('erasure_notices')
