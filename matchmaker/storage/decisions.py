"""Recorded decisions (with group commit) and feedback."""

from __future__ import annotations

import logging
import queue
import threading
import zlib
from collections.abc import Sequence
from concurrent.futures import Future
from datetime import datetime
from typing import Any, cast

import orjson
from sqlalchemy import Table, insert, select, update
from sqlalchemy.engine import Dialect

from matchmaker.domain import (
    Adjustment,
    Decision,
    DecisionSummary,
    Direction,
    Factor,
    FeedbackAction,
    FeedbackEvent,
    RankedItem,
    RecommendFilter,
    Role,
)
from matchmaker.storage.database import Database, as_utc
from matchmaker.storage.tables import DecisionItemRow, DecisionRow, FeedbackRow

log = logging.getLogger(__name__)


#: The tables themselves: a Core insert of plain rows skips the ORM's bulk-persistence layer
#: (its per-row bookkeeping was a visible part of the decision writer's time).
_DECISIONS = cast(Table, DecisionRow.__table__)
_DECISION_ITEMS = cast(Table, DecisionItemRow.__table__)


def _item_json(item: RankedItem) -> dict[str, Any]:
    """The stored explanation of an item (``_item`` reads it back).

    ``encode_explanations`` writes the factor and adjustment dataclasses as objects of their fields
    and the direction as its value (orjson, in C).
    """
    return {"headline": item.headline, "factors": item.factors, "adjustments": item.adjustments}


def encode_explanations(explanations: Sequence[Any]) -> bytes:
    """A decision's item explanations (each with its ``rank``) as one compressed blob.

    The items of one decision repeat the subject's own phrases and the factor names, so the blob is
    several times smaller than the documents one by one.
    """
    return zlib.compress(orjson.dumps(list(explanations)), _COMPRESSION)


def decode_explanations(blob: bytes) -> list[dict[str, Any]]:
    """The explanations ``encode_explanations`` stored, in the order given."""
    value = orjson.loads(zlib.decompress(blob))
    if not isinstance(value, list):
        raise ValueError("a decision's explanations must be a list")
    return value


#: zlib level 1: most of the saving at a fraction of the CPU of the default level.
_COMPRESSION = 1


def _item(row: DecisionItemRow, data: dict[str, Any]) -> RankedItem:
    return RankedItem(
        candidate_id=row.candidate_id,
        rank=row.rank,
        score=row.score,
        headline=str(data.get("headline", "")),
        factors=tuple(
            Factor.of(
                name=f["name"],
                direction=Direction(f["direction"]),
                weight=float(f["weight"]),
                similarity=float(f["similarity"]),
                contribution=float(f["contribution"]),
                evidence=tuple(f["evidence"]),
            )
            for f in data.get("factors", [])
        ),
        adjustments=tuple(
            Adjustment(name=a["name"], contribution=float(a["contribution"]))
            for a in data.get("adjustments", [])
        ),
    )


#: The columns of a stored item, in the order of ``_ItemRows``' statement.
_ITEM_COLUMNS = ("decision_id", "rank", "candidate_id", "score", "explanation", "served_at")


def _unchanged(value: Any) -> Any:
    return value


class _ItemRows:
    """A decision's item rows as the driver takes them, for one executemany of a fixed statement.

    The insert is compiled once for the dialect, and every value goes through its column's own bind
    processor (what a Core insert applies), so the rows stored are the same; only the statement
    compiler's per-row parameter building is skipped, a visible part of the writer's time at a
    hundred rows per decision. The two values shared by all of a decision's rows, the empty
    document and the serving time, are processed once.
    """

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        compiled = insert(_DECISION_ITEMS).compile(dialect=dialect, column_keys=list(_ITEM_COLUMNS))
        self.sql = compiled.string
        order = compiled.positiontup
        if order is not None and tuple(order) != _ITEM_COLUMNS:
            raise RuntimeError(f"unexpected parameter order for decision_items: {order}")
        self.positional = order is not None
        processors = {
            name: _DECISION_ITEMS.c[name].type.dialect_impl(dialect).bind_processor(dialect) or _unchanged
            for name in _ITEM_COLUMNS
        }
        self._id, self._rank, self._candidate, self._score = (
            processors[name] for name in ("decision_id", "rank", "candidate_id", "score")
        )
        self._served = processors["served_at"]
        self._empty = processors["explanation"]({})

    def of(self, decision: Decision, served: int, now: datetime) -> list[Any]:
        """The rows of ``decision``, its first ``served`` ranks served at ``now``."""
        decision_id, served_at = self._id(decision.id), self._served(now)
        none = self._served(None)
        rank, candidate, score, empty = self._rank, self._candidate, self._score, self._empty
        rows = [
            (
                decision_id,
                rank(item.rank),
                candidate(item.candidate_id),
                score(item.score),
                empty,
                served_at if item.rank <= served else none,
            )
            for item in decision.items
        ]
        if self.positional:
            return rows
        return [dict(zip(_ITEM_COLUMNS, row, strict=True)) for row in rows]


class DecisionRepository:
    """Decisions and their ranked items, written with group commit.

    Concurrent decisions share one transaction, and ``record`` returns only once its decision is
    durable: a decision whose response reached the client is never lost.
    """

    def __init__(self, db: Database, *, max_batch: int = 64, linger_seconds: float = 0.002) -> None:
        self._db = db
        self._queue: queue.Queue[tuple[Decision, int, datetime, Future[None]] | None] = queue.Queue()
        self._max_batch = max_batch
        self._linger = linger_seconds
        self._item_rows: _ItemRows | None = None
        self._writer = threading.Thread(target=self._run, name="decision-log", daemon=True)
        self._writer.start()
        self.transactions = 0

    def record(self, decision: Decision, served: int, now: datetime) -> None:
        """Store ``decision`` (its first ``served`` items served at ``now``); blocks until committed."""
        done: Future[None] = Future()
        self._queue.put((decision, served, now, done))
        done.result()

    def pending(self) -> int:
        """Decisions waiting for the writer (the metrics' decision-log queue depth)."""
        return self._queue.qsize()

    def close(self) -> None:
        """Finish pending writes and stop the writer."""
        self._queue.put(None)
        self._writer.join()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < self._max_batch:
                try:
                    more = self._queue.get(timeout=self._linger)
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                batch.append(more)
            self._write(batch)
            if stop:
                return

    def _write(self, batch: list[tuple[Decision, int, datetime, Future[None]]]) -> None:
        try:
            # Core bulk inserts (one executemany per table), not the ORM's unit of work.
            with self._db.write() as session:
                session.execute(insert(_DECISIONS), [_decision_values(d) for d, *_ in batch])
                # The explanations live in the decision's blob; an item's own document stays empty.
                connection = session.connection()
                rows = self._item_rows_for(connection.dialect)
                items = [row for decision, served, now, _ in batch for row in rows.of(decision, served, now)]
                if items:
                    connection.exec_driver_sql(rows.sql, items)
            self.transactions += 1
        except Exception as exc:  # every waiter must hear about the failure
            log.error("decision batch of %d failed: %s", len(batch), type(exc).__name__)
            for *_, done in batch:
                done.set_exception(exc)
            return
        for *_, done in batch:
            done.set_result(None)

    def _item_rows_for(self, dialect: Dialect) -> _ItemRows:
        if self._item_rows is None or self._item_rows.dialect is not dialect:
            self._item_rows = _ItemRows(dialect)
        return self._item_rows

    def mark_served(self, decision_id: str, ranks: Sequence[int], now: datetime) -> None:
        """Mark the items at ``ranks`` as served (later pages of a decision)."""
        if not ranks:
            return
        with self._db.write() as session:
            session.execute(
                update(DecisionItemRow)
                .where(
                    DecisionItemRow.decision_id == decision_id,
                    DecisionItemRow.rank.in_(list(ranks)),
                    DecisionItemRow.served_at.is_(None),
                )
                .values(served_at=now)
            )

    def get(self, decision_id: str) -> Decision | None:
        """The recorded decision with all its ranked items, or None."""
        with self._db.read() as session:
            row = session.get(DecisionRow, decision_id)
            if row is None:
                return None
            items = session.scalars(
                select(DecisionItemRow)
                .where(DecisionItemRow.decision_id == decision_id)
                .order_by(DecisionItemRow.rank)
            ).all()
            explanations = (
                {int(e["rank"]): e for e in decode_explanations(row.explanations)}
                if row.explanations is not None
                else None
            )
            return Decision(
                id=row.id,
                subject_id=row.subject_id,
                candidate_role=Role[row.candidate_role.upper()],
                decided_at=as_utc(row.decided_at),
                personalized=row.personalized,
                model_version=row.model_version,
                weights_version=row.weights_version,
                parameters=dict(row.parameters),
                filter=RecommendFilter(**{k: tuple(v) for k, v in row.filters.items()}),
                data_used=tuple(row.data_used),
                items=tuple(
                    _item(i, explanations[i.rank] if explanations is not None else i.explanation)
                    for i in items
                ),
                subject_languages=tuple(row.subject_languages),
            )

    def summaries_for_subject(self, subject_id: str) -> list[DecisionSummary]:
        """The user's decisions with the candidates they were shown, oldest first."""
        with self._db.read() as session:
            rows = session.scalars(
                select(DecisionRow)
                .where(DecisionRow.subject_id == subject_id)
                .order_by(DecisionRow.decided_at)
            ).all()
            out = []
            for row in rows:
                shown = session.scalars(
                    select(DecisionItemRow.candidate_id)
                    .where(DecisionItemRow.decision_id == row.id, DecisionItemRow.served_at.is_not(None))
                    .order_by(DecisionItemRow.rank)
                ).all()
                out.append(DecisionSummary(row.id, as_utc(row.decided_at), row.personalized, tuple(shown)))
            return out

    def served_pairs_for(self, profile_id: str) -> set[str]:
        """Everyone ``profile_id`` was matched with: served to them, or they were served to."""
        with self._db.read() as session:
            as_subject = session.scalars(
                select(DecisionItemRow.candidate_id)
                .join(DecisionRow, DecisionRow.id == DecisionItemRow.decision_id)
                .where(DecisionRow.subject_id == profile_id, DecisionItemRow.served_at.is_not(None))
            )
            as_candidate = session.scalars(
                select(DecisionRow.subject_id)
                .join(DecisionItemRow, DecisionRow.id == DecisionItemRow.decision_id)
                .where(DecisionItemRow.candidate_id == profile_id, DecisionItemRow.served_at.is_not(None))
            )
            return set(as_subject) | set(as_candidate)


def _decision_values(decision: Decision) -> dict[str, Any]:
    return {
        "explanations": encode_explanations(
            [{"rank": item.rank, **_item_json(item)} for item in decision.items]
        ),
        "id": decision.id,
        "subject_id": decision.subject_id,
        "candidate_role": decision.candidate_role.name.lower(),
        "decided_at": decision.decided_at,
        "personalized": decision.personalized,
        "model_version": decision.model_version,
        "weights_version": decision.weights_version,
        "parameters": dict(decision.parameters),
        "filters": {
            "countries": list(decision.filter.countries),
            "categories": list(decision.filter.categories),
            "halls": list(decision.filter.halls),
            "languages": list(decision.filter.languages),
        },
        "data_used": list(decision.data_used),
        "subject_languages": list(decision.subject_languages),
    }


class FeedbackRepository:
    """Feedback events of subjects on candidates."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, event: FeedbackEvent) -> None:
        """Store one event."""
        with self._db.write() as session:
            session.add(
                FeedbackRow(
                    decision_id=event.decision_id,
                    subject_id=event.subject_id,
                    candidate_id=event.candidate_id,
                    action=event.action.name.lower(),
                    recorded_at=event.recorded_at,
                )
            )

    def declined_by(self, subject_id: str) -> set[str]:
        """Candidates the subject declined."""
        with self._db.read() as session:
            return set(
                session.scalars(
                    select(FeedbackRow.candidate_id).where(
                        FeedbackRow.subject_id == subject_id,
                        FeedbackRow.action == FeedbackAction.DECLINE.name.lower(),
                    )
                )
            )

    def for_subject(self, subject_id: str) -> list[FeedbackEvent]:
        """Every event of a subject, oldest first."""
        with self._db.read() as session:
            rows = session.scalars(
                select(FeedbackRow).where(FeedbackRow.subject_id == subject_id).order_by(FeedbackRow.id)
            ).all()
            return [
                FeedbackEvent(
                    decision_id=r.decision_id,
                    subject_id=r.subject_id,
                    candidate_id=r.candidate_id,
                    action=FeedbackAction[r.action.upper()],
                    recorded_at=as_utc(r.recorded_at),
                )
                for r in rows
            ]
