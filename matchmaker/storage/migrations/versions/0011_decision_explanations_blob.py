"""A decision's item explanations as one compressed blob, not one JSON document per item.

A decision stores 100 ranked items; their explanations as JSON documents were about 2.5 KB each,
so the decision log wrote about 250 KB per request. Older decisions keep their per-item documents.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("decisions", sa.Column("explanations", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_column("explanations")
