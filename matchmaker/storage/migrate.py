"""Schema migrations: ``upgrade`` brings any database to the newest revision."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from matchmaker.storage.database import MIGRATION_LOCK, Database


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("matchmaker.storage") / "migrations"))
    return config


def upgrade(db: Database, revision: str = "head") -> None:
    """Apply every migration up to ``revision`` in one transaction."""
    config = _config()
    with db.writer.begin() as connection:
        if db.backend == "postgresql":
            # Replicas starting at once: one migrates, the others wait and then find nothing to do.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(db: Database) -> str | None:
    """The revision the database is at (None when it has none)."""
    with db.reader.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision this code knows."""
    return ScriptDirectory.from_config(_config()).get_current_head()
