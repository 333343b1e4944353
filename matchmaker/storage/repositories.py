"""Repositories: the only way the rest of the service reads and writes the database.

They take and return domain objects; ORM rows never leave this package.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from matchmaker.domain import (
    Change,
    ContactCard,
    Preferences,
    PreferencesPatch,
    Profile,
    Role,
    UpsertResult,
)
from matchmaker.errors import StorageRejected
from matchmaker.storage.crypto import FieldCipher
from matchmaker.storage.database import Database, as_utc
from matchmaker.storage.tables import ChangeRow, ContactCardRow, PreferencesRow, ProfileRow

#: The column name the contact card is sealed under (bound into its ciphertext).
CARD_COLUMN = "contact_card"


@dataclass(frozen=True)
class ProfileWrite:
    """One profile to store, with the preference fields the caller stated."""

    profile: Profile
    preferences: PreferencesPatch


_LAST_CHANGE = select(func.max(ChangeRow.seq))


class ProfileRepository:
    """Profiles with their contact cards and preferences, and the change log."""

    def __init__(self, db: Database, cipher: FieldCipher) -> None:
        self._db = db
        self._cipher = cipher

    # -- writing -------------------------------------------------------------------------

    def upsert(self, write: ProfileWrite, now: datetime) -> UpsertResult:
        """Create or replace one profile in its own transaction."""
        try:
            with self._db.write_changes() as session:
                return self._upsert(session, write, now)
        except (IntegrityError, DataError) as exc:
            raise StorageRejected(type(exc).__name__) from exc

    def upsert_many(self, writes: Sequence[ProfileWrite], now: datetime) -> list[UpsertResult]:
        """Create or replace several profiles in one transaction (all or nothing)."""
        try:
            with self._db.write_changes() as session:
                return [self._upsert(session, write, now) for write in writes]
        except (IntegrityError, DataError) as exc:
            raise StorageRejected(type(exc).__name__) from exc

    def _upsert(self, session: Session, write: ProfileWrite, now: datetime) -> UpsertResult:
        profile = write.profile
        row = session.get(ProfileRow, profile.id, with_for_update=True)
        created = row is None
        if row is None:
            row = ProfileRow(id=profile.id, version=0, created_at=now)
            session.add(row)
        row.role = profile.role.name.lower()
        row.organization = profile.organization
        row.country = profile.country
        row.categories = list(profile.categories)
        row.offering = profile.offering
        row.seeking = profile.seeking
        row.description = profile.description
        row.target_markets = list(profile.target_markets)
        row.languages = list(profile.languages)
        row.hall = profile.hall
        row.guardian_consent = profile.guardian_consent
        row.meeting_capacity = profile.meeting_capacity
        row.version += 1
        row.updated_at = now
        self._write_card(session, profile.id, profile.contact)
        self._write_preferences(session, profile.id, write.preferences, now)
        session.add(ChangeRow(profile_id=profile.id, op="upsert", at=now))
        session.flush()
        return UpsertResult(profile_id=profile.id, version=row.version, created=created)

    def _write_card(self, session: Session, profile_id: str, card: ContactCard) -> None:
        row = session.get(ContactCardRow, profile_id)
        if row is None:
            row = ContactCardRow(profile_id=profile_id)
            session.add(row)
        document = json.dumps({name: getattr(card, name) for name in ContactCard.text_field_names()})
        row.sealed = self._cipher.seal(document, profile_id, CARD_COLUMN)

    def _write_preferences(
        self, session: Session, profile_id: str, patch: PreferencesPatch, now: datetime
    ) -> Preferences:
        row = session.get(PreferencesRow, profile_id, with_for_update=True)
        current = Preferences() if row is None else _preferences(row)
        merged = current.merged(patch)
        if row is None:
            row = PreferencesRow(profile_id=profile_id)
            session.add(row)
        if row.updated_at is None or merged != current:
            row.updated_at = now
        row.personalized_recommendations = merged.personalized_recommendations
        row.discoverable = merged.discoverable
        row.share_contact_card = merged.share_contact_card
        row.do_not_track = merged.do_not_track
        return merged

    def update_preferences(
        self, profile_id: str, patch: PreferencesPatch, now: datetime
    ) -> Preferences | None:
        """Merge the stated fields into the stored preferences; None when the profile is unknown."""
        with self._db.write_changes() as session:
            if session.get(ProfileRow, profile_id, with_for_update=True) is None:
                return None
            merged = self._write_preferences(session, profile_id, patch, now)
            session.add(ChangeRow(profile_id=profile_id, op="prefs", at=now))
            return merged

    def delete(self, profile_id: str, now: datetime) -> bool:
        """Remove a profile with its card and preferences; False when there was none."""
        with self._db.write_changes() as session:
            row = session.get(ProfileRow, profile_id, with_for_update=True)
            if row is None:
                return False
            for table in (ContactCardRow, PreferencesRow):
                child = session.get(table, profile_id)
                if child is not None:
                    session.delete(child)
            session.delete(row)
            session.add(ChangeRow(profile_id=profile_id, op="delete", at=now))
            return True

    # -- reading -------------------------------------------------------------------------

    def get(self, profile_id: str) -> Profile | None:
        """The stored profile, contact card included (decrypted), or None."""
        # One statement for the three rows (every recommendation reads its subject this way).
        statement = (
            select(ProfileRow, ContactCardRow, PreferencesRow)
            .outerjoin(ContactCardRow, ContactCardRow.profile_id == ProfileRow.id)
            .outerjoin(PreferencesRow, PreferencesRow.profile_id == ProfileRow.id)
            .where(ProfileRow.id == profile_id)
        )
        with self._db.read() as session:
            found = session.execute(statement).first()
            if found is None:
                return None
            row, card, prefs = found
            return self._profile(row, card, prefs)

    def get_many(self, profile_ids: Iterable[str]) -> dict[str, Profile]:
        """The stored profiles among ``profile_ids``, by id."""
        ids = list(dict.fromkeys(profile_ids))
        out: dict[str, Profile] = {}
        with self._db.read() as session:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = session.scalars(select(ProfileRow).where(ProfileRow.id.in_(chunk))).all()
                cards = {
                    c.profile_id: c
                    for c in session.scalars(
                        select(ContactCardRow).where(ContactCardRow.profile_id.in_(chunk))
                    )
                }
                prefs = {
                    p.profile_id: p
                    for p in session.scalars(
                        select(PreferencesRow).where(PreferencesRow.profile_id.in_(chunk))
                    )
                }
                for row in rows:
                    out[row.id] = self._profile(row, cards.get(row.id), prefs.get(row.id))
        return out

    def count(self, role: Role | None = None) -> int:
        """How many profiles are stored (of one role, if given)."""
        with self._db.read() as session:
            query = select(func.count()).select_from(ProfileRow)
            if role is not None:
                query = query.where(ProfileRow.role == role.name.lower())
            return int(session.scalar(query) or 0)

    def last_change(self) -> int:
        """The position of the newest change (0 when nothing has changed yet).

        Read before every recommendation: one indexed read on a pooled connection, no ORM session.
        """
        with self._db.reader.connect() as connection:
            return int(connection.scalar(_LAST_CHANGE) or 0)

    def changes_since(self, position: int, limit: int = 20_000) -> list[Change]:
        """The change-log entries after ``position``, oldest first (at most ``limit``)."""
        with self._db.read() as session:
            rows = session.execute(
                select(ChangeRow.seq, ChangeRow.profile_id, ChangeRow.op)
                .where(ChangeRow.seq > position)
                .order_by(ChangeRow.seq)
                .limit(limit)
            ).all()
            return [Change(int(seq), profile_id, op) for seq, profile_id, op in rows]

    def ids(self) -> set[str]:
        """The id of every stored profile."""
        with self._db.read() as session:
            return set(session.scalars(select(ProfileRow.id)))

    def iter_profiles(self, role: Role | None = None, chunk: int = 2000) -> Iterator[Profile]:
        """Every stored profile (of one role, if given) in id order, read in chunks."""
        after = ""
        while True:
            with self._db.read() as session:
                query = select(ProfileRow).where(ProfileRow.id > after).order_by(ProfileRow.id).limit(chunk)
                if role is not None:
                    query = query.where(ProfileRow.role == role.name.lower())
                rows = session.scalars(query).all()
                if not rows:
                    return
                ids = [r.id for r in rows]
                cards = {
                    c.profile_id: c
                    for c in session.scalars(select(ContactCardRow).where(ContactCardRow.profile_id.in_(ids)))
                }
                prefs = {
                    p.profile_id: p
                    for p in session.scalars(select(PreferencesRow).where(PreferencesRow.profile_id.in_(ids)))
                }
                batch = [self._profile(r, cards.get(r.id), prefs.get(r.id)) for r in rows]
            yield from batch
            after = ids[-1]

    def _profile(self, row: ProfileRow, card: ContactCardRow | None, prefs: PreferencesRow | None) -> Profile:
        return Profile(
            id=row.id,
            role=Role[row.role.upper()],
            organization=row.organization,
            country=row.country,
            categories=tuple(row.categories),
            offering=row.offering,
            seeking=row.seeking,
            description=row.description,
            target_markets=tuple(row.target_markets),
            languages=tuple(row.languages),
            hall=row.hall,
            contact=self._card(card) if card is not None else ContactCard(),
            preferences=_preferences(prefs) if prefs is not None else Preferences(),
            guardian_consent=row.guardian_consent,
            meeting_capacity=row.meeting_capacity,
            version=row.version,
            created_at=as_utc(row.created_at),
            updated_at=as_utc(row.updated_at),
        )

    def _card(self, row: ContactCardRow) -> ContactCard:
        document = json.loads(self._cipher.open(row.sealed, row.profile_id, CARD_COLUMN))
        return ContactCard(**{name: str(document.get(name, "")) for name in ContactCard.text_field_names()})


def _preferences(row: PreferencesRow) -> Preferences:
    return Preferences(
        personalized_recommendations=row.personalized_recommendations,
        discoverable=row.discoverable,
        share_contact_card=row.share_contact_card,
        do_not_track=row.do_not_track,
    )
