"""Facts about the database: the key check that every replica verifies at start-up.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('service_meta',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_service_meta'))
    )


def downgrade() -> None:
    op.drop_table('service_meta')
