"""The composition root: builds the database, repositories and engine from settings."""

from __future__ import annotations

from dataclasses import dataclass

from matchmaker.config import Settings
from matchmaker.engine import Clock, MatchEngine, utc_now
from matchmaker.storage import migrate
from matchmaker.storage.crypto import FieldCipher, load_or_create_key
from matchmaker.storage.database import Database
from matchmaker.storage.repositories import ProfileRepository


@dataclass
class Runtime:
    """Everything a running service holds; ``close`` releases it."""

    settings: Settings
    db: Database
    profiles: ProfileRepository
    engine: MatchEngine

    def close(self) -> None:
        """Release database connections."""
        self.db.dispose()


def open_runtime(settings: Settings, clock: Clock = utc_now, *, upgrade: bool = True) -> Runtime:
    """Connect, bring the schema up to date (unless told not to) and wire the engine."""
    db = Database(settings.database_url)
    if upgrade:
        migrate.upgrade(db)
    configured = settings.encryption_key.get_secret_value() if settings.encryption_key else None
    cipher = FieldCipher(load_or_create_key(configured, settings.data_dir / "keys" / "card.key"))
    profiles = ProfileRepository(db, cipher)
    engine = MatchEngine(settings, profiles, clock)
    return Runtime(settings=settings, db=db, profiles=profiles, engine=engine)
