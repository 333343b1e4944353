"""The disclosure ledger: who received whose contact card, when, which fields, under which decision."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from matchmaker.domain import Disclosure
from matchmaker.storage.database import Database, as_utc
from matchmaker.storage.tables import DisclosureRow


class DisclosureRepository:
    """Append-only records of cards that left the service."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, disclosures: Sequence[Disclosure]) -> None:
        """Store disclosures in one transaction (before the cards are sent)."""
        if not disclosures:
            return
        with self._db.write() as session:
            session.add_all(
                DisclosureRow(
                    owner_id=d.owner_id,
                    recipient_id=d.recipient_id,
                    disclosed_at=d.disclosed_at,
                    fields=list(d.fields),
                    decision_id=d.decision_id,
                )
                for d in disclosures
            )

    def of_owner(self, owner_id: str) -> list[Disclosure]:
        """Whose got this owner's card, oldest first."""
        return self._query(DisclosureRow.owner_id == owner_id)

    def to_recipient(self, recipient_id: str) -> list[Disclosure]:
        """Whose cards this recipient got, oldest first."""
        return self._query(DisclosureRow.recipient_id == recipient_id)

    def _query(self, condition: object) -> list[Disclosure]:
        with self._db.read() as session:
            rows = session.scalars(select(DisclosureRow).where(condition).order_by(DisclosureRow.id)).all()  # type: ignore[arg-type]
            return [
                Disclosure(
                    owner_id=r.owner_id,
                    recipient_id=r.recipient_id,
                    disclosed_at=as_utc(r.disclosed_at),
                    fields=tuple(r.fields),
                    decision_id=r.decision_id,
                )
                for r in rows
            ]
