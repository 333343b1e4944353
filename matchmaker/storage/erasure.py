"""Erasure in the database: one transaction that removes a user's data and tombstones references.

Stored decisions keep their numbers (contributions still add up to the score) but lose every id
and text of the erased user; recipients of the user's contact card get an erasure notice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update

from matchmaker.domain import ErasureNotice
from matchmaker.storage.audit import tombstone_audit
from matchmaker.storage.crypto import FieldCipher
from matchmaker.storage.database import Database, as_utc
from matchmaker.storage.decisions import decode_explanations, encode_explanations
from matchmaker.storage.tables import (
    ChangeRow,
    ContactCardRow,
    DecisionItemRow,
    DecisionRow,
    DisclosureRow,
    ErasureNoticeRow,
    FeedbackRow,
    PreferencesRow,
    ProfileRow,
    ReviewRow,
)

ERASED_TEXT = "[erased]"
_NOTICE_COLUMN = "erasure_notice.owner_id"


def _scrub_explanation(explanation: dict[str, Any]) -> dict[str, Any]:
    """The same numbers with every piece of evidence and the headline replaced by the tombstone."""
    return {
        **explanation,
        "headline": ERASED_TEXT,
        "factors": [
            {**factor, "evidence": [ERASED_TEXT] if factor.get("evidence") else []}
            for factor in explanation.get("factors", [])
        ],
    }


class ErasureRepository:
    """Erases one user's data in one transaction; keeps the notices their card's recipients need."""

    def __init__(self, db: Database, cipher: FieldCipher) -> None:
        self._db = db
        self._cipher = cipher

    def erase(self, profile_id: str, tombstone: str, now: datetime) -> list[str] | None:
        """Erase ``profile_id``; the recipients notified, or None when there was no such profile."""
        with self._db.write_changes() as session:
            if session.get(ProfileRow, profile_id, with_for_update=True) is None:
                return None
            recipients = sorted(
                set(
                    session.scalars(
                        select(DisclosureRow.recipient_id).where(DisclosureRow.owner_id == profile_id)
                    )
                )
            )
            for recipient in recipients:
                # The notice must say whose card to delete; its owner id is sealed, bound to the recipient.
                session.add(
                    ErasureNoticeRow(
                        recipient_id=recipient,
                        owner_sealed=self._cipher.seal(profile_id, recipient, _NOTICE_COLUMN),
                        erased_at=now,
                    )
                )
            for table in (ContactCardRow, PreferencesRow):
                session.execute(delete(table).where(table.profile_id == profile_id))
            session.execute(delete(ProfileRow).where(ProfileRow.id == profile_id))
            # Decisions: as subject, every item loses its texts; as candidate, that item does.
            own = list(session.scalars(select(DecisionRow.id).where(DecisionRow.subject_id == profile_id)))
            session.execute(
                update(DecisionRow)
                .where(DecisionRow.subject_id == profile_id)
                .values(subject_id=tombstone, subject_languages=[])
            )
            items = session.scalars(
                select(DecisionItemRow).where(
                    or_(DecisionItemRow.decision_id.in_(own), DecisionItemRow.candidate_id == profile_id)
                )
            )
            # Ranks to scrub per decision whose explanations are in its blob (all of the user's own).
            in_blob: dict[str, set[int]] = {}
            for item in items:
                if item.explanation:
                    item.explanation = _scrub_explanation(item.explanation)
                in_blob.setdefault(item.decision_id, set()).add(item.rank)
                if item.candidate_id == profile_id:
                    item.candidate_id = tombstone
            for decision in session.scalars(
                select(DecisionRow).where(
                    DecisionRow.id.in_(sorted(in_blob)), DecisionRow.explanations.is_not(None)
                )
            ):
                ranks = in_blob[decision.id]
                assert decision.explanations is not None
                decision.explanations = encode_explanations(
                    [
                        _scrub_explanation(e) if int(e["rank"]) in ranks else e
                        for e in decode_explanations(decision.explanations)
                    ]
                )
            session.execute(delete(FeedbackRow).where(FeedbackRow.subject_id == profile_id))
            session.execute(
                update(FeedbackRow)
                .where(FeedbackRow.candidate_id == profile_id)
                .values(candidate_id=tombstone)
            )
            session.execute(
                update(DisclosureRow).where(DisclosureRow.owner_id == profile_id).values(owner_id=tombstone)
            )
            session.execute(
                update(DisclosureRow)
                .where(DisclosureRow.recipient_id == profile_id)
                .values(recipient_id=tombstone)
            )
            session.execute(delete(ReviewRow).where(ReviewRow.subject_id == profile_id))
            session.execute(
                update(ReviewRow).where(ReviewRow.candidate_id == profile_id).values(candidate_id=tombstone)
            )
            session.execute(
                update(ChangeRow).where(ChangeRow.profile_id == profile_id).values(profile_id=tombstone)
            )
            session.add(ChangeRow(profile_id=tombstone, op="erase", at=now))
            tombstone_audit(session, profile_id, tombstone)
            return recipients

    def notices_for(self, recipient_id: str) -> list[ErasureNotice]:
        """The erasure notices addressed to ``recipient_id``, oldest first."""
        with self._db.read() as session:
            rows = session.scalars(
                select(ErasureNoticeRow)
                .where(ErasureNoticeRow.recipient_id == recipient_id)
                .order_by(ErasureNoticeRow.id)
            ).all()
            return [
                ErasureNotice(
                    self._cipher.open(r.owner_sealed, recipient_id, _NOTICE_COLUMN), as_utc(r.erased_at)
                )
                for r in rows
            ]

    def compact_files(self) -> None:
        """Push the WAL into the database file and truncate it (SQLite), so freed pages go too."""
        if self._db.backend != "sqlite":
            return
        # Outside any transaction (the pool's BEGIN hook would wrap a statement in one): on the raw
        # connection, which runs in autocommit mode.
        self._db.reader.dispose()  # idle readers would hold WAL frames back
        with self._db.writer.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            cursor = raw.cursor()
            try:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cursor.fetchall()
            finally:
                cursor.close()
