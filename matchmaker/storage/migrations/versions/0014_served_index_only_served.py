"""The (served_at, decision_id) index holds only the items that were served.

A decision stores a hundred ranked items and serves the first page of them (twenty by default);
the other items' ``served_at`` stays NULL until a later page is served. Every reader of the index
asks for served items (``served_at >= since`` or ``served_at IS NOT NULL``), so the NULL entries,
most of the index, were written by every decision and never read. A partial index skips them:
the decision writer updates one index entry per served item instead of one per stored item.
SQLite and PostgreSQL both use a partial index for a query whose condition implies its own.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_NAME = "ix_decision_items_served_decision"
_SERVED = "served_at IS NOT NULL"


def upgrade() -> None:
    op.drop_index(_NAME, table_name="decision_items")
    op.create_index(
        _NAME,
        "decision_items",
        ["served_at", "decision_id"],
        unique=False,
        sqlite_where=sa.text(_SERVED),
        postgresql_where=sa.text(_SERVED),
    )


def downgrade() -> None:
    op.drop_index(_NAME, table_name="decision_items")
    op.create_index(_NAME, "decision_items", ["served_at", "decision_id"], unique=False)
