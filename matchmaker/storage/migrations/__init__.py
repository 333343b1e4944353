"""Alembic migrations of the Matchmaker schema (applied by ``matchmaker db upgrade`` and at start-up)."""
