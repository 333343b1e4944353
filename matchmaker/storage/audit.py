"""The audit log of admin actions (table ``audit_log``): appended to, listed, tombstoned on erasure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from matchmaker.domain import AuditAction, AuditEntry
from matchmaker.storage.database import Database, as_utc
from matchmaker.storage.tables import AuditRow


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        at=as_utc(row.at),
        client=row.client,
        action=AuditAction(row.action),
        ids=tuple(row.ids),
        detail=dict(row.detail),
        id=row.id,
    )


class AuditRepository:
    """Appends and lists audit entries; entries are never changed except by an erasure's tombstone."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def append(
        self,
        client: str,
        action: AuditAction,
        ids: Sequence[str],
        at: datetime,
        detail: dict[str, int | str] | None = None,
    ) -> AuditEntry:
        """Record one admin action; returns it with its id."""
        with self._db.write() as session:
            row = AuditRow(at=at, client=client, action=action.value, ids=list(ids), detail=detail or {})
            session.add(row)
            session.flush()
            return _entry(row)

    def entries(
        self, *, limit: int = 100, action: AuditAction | None = None, client: str | None = None
    ) -> list[AuditEntry]:
        """The newest ``limit`` entries (optionally of one action or client), oldest first."""
        with self._db.read() as session:
            query = select(AuditRow)
            if action is not None:
                query = query.where(AuditRow.action == action.value)
            if client is not None:
                query = query.where(AuditRow.client == client)
            rows = session.scalars(query.order_by(AuditRow.id.desc()).limit(limit)).all()
            return [_entry(r) for r in reversed(rows)]


def tombstone_audit(session: Session, profile_id: str, tombstone: str) -> None:
    """In an erasure's transaction: every audit entry naming ``profile_id`` names the tombstone instead.

    The JSON text is searched first (ids hold no quote, and ``_`` matching any character only adds
    candidates), then the list is compared exactly.
    """
    candidates = session.scalars(select(AuditRow).where(cast(AuditRow.ids, String).like(f'%"{profile_id}"%')))
    for row in candidates:
        if profile_id in row.ids:
            row.ids = [tombstone if i == profile_id else i for i in row.ids]
