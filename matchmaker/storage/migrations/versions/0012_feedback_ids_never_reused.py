"""Feedback ids are never handed out twice, on SQLite as well.

SQLite gives an INTEGER PRIMARY KEY without AUTOINCREMENT the highest id in the table plus one, so
once the retention purge had deleted the newest feedback rows, new events took ids a running
replica had already read past (matchmaker.ranking.congestion.MarketFollower reads feedback after
the highest id it applied) and never reached its market state. AUTOINCREMENT keeps the highest id
ever used. PostgreSQL's identity never reuses an id: nothing to do there.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Recreate SQLite's feedback table with AUTOINCREMENT, its rows and ids as they are."""
    if op.get_bind().dialect.name != "sqlite":
        return
    # Copied with its ids, so SQLite's sequence starts at the highest one still stored.
    with op.batch_alter_table("feedback", recreate="always", table_kwargs={"sqlite_autoincrement": True}):
        pass


def downgrade() -> None:
    """Recreate it without AUTOINCREMENT (ids may be reused again)."""
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("feedback", recreate="always", table_kwargs={"sqlite_autoincrement": False}):
        pass
