"""The key check: a process whose key does not open the database's sealed values must not serve."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete

from matchmaker.domain import ContactCard, PreferencesPatch, Profile, Role
from matchmaker.errors import KeyMismatch
from matchmaker.storage import migrate
from matchmaker.storage.crypto import FieldCipher
from matchmaker.storage.database import Database
from matchmaker.storage.key_check import verify_key
from matchmaker.storage.repositories import ProfileRepository, ProfileWrite
from matchmaker.storage.tables import ServiceMetaRow

KEY = bytes(range(32))
OTHER = bytes(range(1, 33))


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'keys.db'}")
    migrate.upgrade(database)
    return database


def test_the_first_key_is_recorded_and_only_it_opens_the_database(db: Database) -> None:
    verify_key(db, FieldCipher(KEY))
    verify_key(db, FieldCipher(KEY))
    with pytest.raises(KeyMismatch, match="MATCHMAKER_ENCRYPTION_KEY"):
        verify_key(db, FieldCipher(OTHER))


def test_a_database_from_before_the_check_is_judged_by_its_cards(db: Database) -> None:
    profile = Profile(
        id="exh-1",
        role=Role.EXHIBITOR,
        organization="Nordic Seafood AS",
        country="NO",
        contact=ContactCard(name="Kari Nordmann"),
    )
    ProfileRepository(db, FieldCipher(KEY)).upsert(ProfileWrite(profile, PreferencesPatch()), datetime.now(UTC))
    with db.write() as session:  # as a database migrated before the check existed
        session.execute(delete(ServiceMetaRow))
    with pytest.raises(KeyMismatch):
        verify_key(db, FieldCipher(OTHER))
    verify_key(db, FieldCipher(KEY))  # the right key passes and is recorded
    with pytest.raises(KeyMismatch):
        verify_key(db, FieldCipher(OTHER))
