"""Review tickets for contested decisions (a way to reach a human: GDPR Art. 22, PIPL Art. 24)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from matchmaker.domain import ReviewStatus, ReviewTicket
from matchmaker.storage.database import Database, as_utc
from matchmaker.storage.tables import ReviewRow


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else as_utc(value)


def _ticket(row: ReviewRow) -> ReviewTicket:
    created = _utc(row.created_at)
    assert created is not None
    return ReviewTicket(
        id=row.id,
        decision_id=row.decision_id,
        candidate_id=row.candidate_id,
        subject_id=row.subject_id,
        reason=row.reason,
        status=ReviewStatus[row.status.upper()],
        created_at=created,
        resolved_at=_utc(row.resolved_at),
        resolution=row.resolution,
    )


class ReviewRepository:
    """Open and resolved review tickets."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def open(self, ticket: ReviewTicket) -> None:
        """Store a new ticket."""
        with self._db.write() as session:
            session.add(
                ReviewRow(
                    id=ticket.id,
                    decision_id=ticket.decision_id,
                    candidate_id=ticket.candidate_id,
                    subject_id=ticket.subject_id,
                    reason=ticket.reason,
                    status=ticket.status.name.lower(),
                    created_at=ticket.created_at,
                    resolved_at=None,
                    resolution="",
                )
            )

    def resolve(self, ticket_id: str, note: str, now: datetime) -> ReviewTicket | None:
        """Close a ticket with the reviewer's note; None when there is no such ticket."""
        with self._db.write() as session:
            row = session.get(ReviewRow, ticket_id, with_for_update=True)
            if row is None:
                return None
            row.status = ReviewStatus.RESOLVED.name.lower()
            row.resolved_at = now
            row.resolution = note
            session.flush()
            return _ticket(row)

    def tickets(self, status: ReviewStatus | None = None) -> list[ReviewTicket]:
        """Tickets, oldest first (only those of one status, if given)."""
        with self._db.read() as session:
            query = select(ReviewRow).order_by(ReviewRow.created_at, ReviewRow.id)
            if status is not None:
                query = query.where(ReviewRow.status == status.name.lower())
            return [_ticket(r) for r in session.scalars(query)]
