"""Retention: records older than their configured period are deleted.

``matchmaker purge`` runs it, and so does a periodic task inside the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select

from matchmaker.storage.database import Database
from matchmaker.storage.tables import (
    DecisionItemRow,
    DecisionRow,
    DisclosureRow,
    ErasureNoticeRow,
    FeedbackRow,
)


@dataclass(frozen=True)
class RetentionPeriods:
    """How long each kind of record is kept."""

    decisions: timedelta
    feedback: timedelta
    notices: timedelta
    disclosures: timedelta


@dataclass(frozen=True)
class PurgeReport:
    """How many records a purge removed, by kind."""

    decisions: int
    feedback: int
    notices: int
    disclosures: int


class RetentionRepository:
    """Deletes what is past its period, in one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def purge(self, periods: RetentionPeriods, now: datetime) -> PurgeReport:
        """Remove every record older than its period at ``now``."""
        with self._db.write() as session:
            old = list(
                session.scalars(
                    select(DecisionRow.id).where(DecisionRow.decided_at < now - periods.decisions)
                )
            )
            for start in range(0, len(old), 500):
                chunk = old[start : start + 500]
                session.execute(delete(DecisionItemRow).where(DecisionItemRow.decision_id.in_(chunk)))
                session.execute(delete(DecisionRow).where(DecisionRow.id.in_(chunk)))
            feedback = session.execute(
                delete(FeedbackRow).where(FeedbackRow.recorded_at < now - periods.feedback)
            )
            notices = session.execute(
                delete(ErasureNoticeRow).where(ErasureNoticeRow.erased_at < now - periods.notices)
            )
            disclosures = session.execute(
                delete(DisclosureRow).where(DisclosureRow.disclosed_at < now - periods.disclosures)
            )
            return PurgeReport(len(old), _count(feedback), _count(notices), _count(disclosures))


def _count(result: object) -> int:
    return int(cast(CursorResult[Any], result).rowcount)
