"""ProfileRepository against SQLite and the real PostgreSQL on 127.0.0.1:5432."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from matchmaker.domain import ContactCard, Preferences, PreferencesPatch, Profile, Role
from matchmaker.storage import migrate
from matchmaker.storage.crypto import FieldCipher
from matchmaker.storage.database import Database
from matchmaker.storage.repositories import ProfileRepository, ProfileWrite
from matchmaker.storage.tables import Base

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
CARD = ContactCard(
    name="Li Wei",
    email="li.wei@example.cn",
    id_number="11010519491231002X",
    passport_number="E12345678",
    notes="护照 E12345678",
    birth_date="1980-05-17",
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'repo.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    database = Database(url)
    migrate.upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def repo(db: Database) -> ProfileRepository:
    return ProfileRepository(db, FieldCipher(b"k" * 32))


def profile(profile_id: str = "pur-1", **changes: object) -> Profile:
    fields: dict[str, object] = {
        "id": profile_id,
        "role": Role.PURCHASER,
        "organization": "上海鲜品贸易有限公司",
        "country": "CN",
        "categories": ("Food & Agricultural Products", "Seafood"),
        "offering": "retail",
        "seeking": "frozen cod",
        "target_markets": ("CN",),
        "languages": ("zh", "en"),
        "contact": CARD,
    }
    fields.update(changes)
    return Profile(**fields)  # type: ignore[arg-type]


def test_upsert_then_get_round_trips_every_field(repo: ProfileRepository) -> None:
    result = repo.upsert(ProfileWrite(profile(), PreferencesPatch(share_contact_card=True)), NOW)
    assert (result.profile_id, result.version, result.created) == ("pur-1", 1, True)
    stored = repo.get("pur-1")
    assert stored is not None
    assert stored.organization == "上海鲜品贸易有限公司"
    assert stored.categories == ("Food & Agricultural Products", "Seafood")
    assert stored.contact == CARD
    assert stored.preferences == Preferences(share_contact_card=True)
    assert stored.created_at == NOW and stored.updated_at == NOW


def test_second_upsert_bumps_version_and_merges_preferences(repo: ProfileRepository) -> None:
    repo.upsert(ProfileWrite(profile(), PreferencesPatch(share_contact_card=True, discoverable=False)), NOW)
    later = NOW.replace(hour=13)
    result = repo.upsert(ProfileWrite(profile(seeking="dairy"), PreferencesPatch(discoverable=True)), later)
    assert (result.version, result.created) == (2, False)
    stored = repo.get("pur-1")
    assert stored is not None and stored.seeking == "dairy"
    assert stored.preferences == Preferences(share_contact_card=True, discoverable=True)
    assert stored.created_at == NOW and stored.updated_at == later


def test_delete_removes_profile_card_and_preferences(repo: ProfileRepository, db: Database) -> None:
    repo.upsert(ProfileWrite(profile(), PreferencesPatch()), NOW)
    assert repo.delete("pur-1", NOW) is True
    assert repo.get("pur-1") is None
    assert repo.delete("pur-1", NOW) is False
    with db.read() as session:
        for table in ("profiles", "contact_cards", "preferences"):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0


def test_change_log_positions_are_monotonic(repo: ProfileRepository) -> None:
    assert repo.last_change() == 0
    repo.upsert(ProfileWrite(profile("a"), PreferencesPatch()), NOW)
    first = repo.last_change()
    repo.upsert(ProfileWrite(profile("b"), PreferencesPatch()), NOW)
    repo.delete("a", NOW)
    assert first < repo.last_change() and repo.last_change() - first == 2


def test_upsert_many_is_all_or_nothing_and_counts(repo: ProfileRepository) -> None:
    writes = [ProfileWrite(profile(f"p{i}"), PreferencesPatch()) for i in range(30)]
    results = repo.upsert_many(writes, NOW)
    assert [r.created for r in results] == [True] * 30
    assert repo.count() == 30 and repo.count(Role.PURCHASER) == 30 and repo.count(Role.EXHIBITOR) == 0
    assert set(repo.get_many(["p1", "p2", "nope"])) == {"p1", "p2"}


def test_contact_cards_are_encrypted_at_rest(repo: ProfileRepository, db: Database) -> None:
    repo.upsert(ProfileWrite(profile(), PreferencesPatch()), NOW)
    with db.read() as session:
        row = session.execute(text("SELECT * FROM contact_cards")).mappings().one()
    raw = bytes(row["sealed"])
    for secret in ("11010519491231002X", "E12345678", "Li Wei", "li.wei@example.cn"):
        assert secret.encode() not in raw
    assert set(row) == {"profile_id", "sealed"}


def test_a_ciphertext_copied_to_another_row_does_not_open(repo: ProfileRepository, db: Database) -> None:
    repo.upsert(ProfileWrite(profile("a"), PreferencesPatch()), NOW)
    repo.upsert(ProfileWrite(profile("b", contact=ContactCard(name="B")), PreferencesPatch()), NOW)
    with db.write() as session:
        session.execute(
            text(
                "UPDATE contact_cards SET sealed = "
                "(SELECT sealed FROM contact_cards WHERE profile_id = 'a') WHERE profile_id = 'b'"
            )
        )
    with pytest.raises(ValueError, match="failed authentication"):
        repo.get("b")


def test_migrations_match_the_models(db: Database) -> None:
    with db.reader.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert migrate.current_revision(db) == migrate.head_revision()
