"""Served items are indexed by when they were served together with their decision.

Every replica's market refresh (matchmaker.ranking.congestion.MarketFollower) counts, per
decision, the items served in the last two minutes, and reads the items only of decisions whose
count changed. With ``(served_at, decision_id)`` that count is a scan of the index alone; the
index on ``served_at`` by itself (0010) is replaced, since every read by time uses the new one.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decision_items", schema=None) as batch_op:
        batch_op.create_index("ix_decision_items_served_decision", ["served_at", "decision_id"], unique=False)
        batch_op.drop_index("ix_decision_items_served_at")


def downgrade() -> None:
    with op.batch_alter_table("decision_items", schema=None) as batch_op:
        batch_op.create_index("ix_decision_items_served_at", ["served_at"], unique=False)
        batch_op.drop_index("ix_decision_items_served_decision")
