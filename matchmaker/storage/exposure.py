"""What the congestion stage's market state is built from: served pairs and meeting feedback.

Only subjects who allow it contribute: a decision counts when it was personalised and its subject
still has a preferences row (erased subjects have none) with personalisation on and tracking
allowed; feedback likewise, on personalised decisions only. Nothing else of anyone is read, except
the per-decision counts of served items (``served_counts_since``: decision ids and numbers, no
subject), which only say which decisions to read.

Besides the full reads at start-up, a replica follows what the others serve and record with the
incremental reads: the count of each decision's items served from a time on
(``served_counts_since``, a scan of the ``decision_items (served_at, decision_id)`` index,
migration 0013), the served items of the decisions whose count changed (``served_of``), and
feedback after an id (``feedback_after``). Both carry the times the retention purge goes by
(``decided_at``, ``recorded_at``), so that the state can drop on its own what a purge deletes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, literal_column, or_, select, true

from matchmaker.domain import FeedbackAction
from matchmaker.storage.database import Database, as_utc
from matchmaker.storage.tables import DecisionItemRow, DecisionRow, FeedbackRow, PreferencesRow

#: Decision ids per ``IN`` list (SQLite allows 32,766 parameters; PostgreSQL more).
_CHUNK = 500

_ALLOWED = (
    DecisionRow.personalized.is_(True),
    PreferencesRow.personalized_recommendations.is_(True),
    PreferencesRow.do_not_track.is_(False),
)


def served_counts_statement(since: datetime) -> Select[str, int]:
    """Per decision, its items served at or after ``since``: ``(decision id, count)``.

    Grouped by an expression of the id (``decision_id || ''``): grouped by the column itself,
    SQLite's planner walks the primary key for the grouping and visits every row of the table
    instead of the range of the ``(served_at, decision_id)`` index.
    """
    decision = DecisionItemRow.decision_id.concat(literal_column("''"))
    return select(decision, func.count()).where(DecisionItemRow.served_at >= since).group_by(decision)


def _served_statement(condition: Any, *, by_decision: bool = False) -> Select[Any]:
    """Served pairs of subjects who allow it, among the items ``condition`` picks.

    Subject, candidate, best rank and decision time, one row per pair and decision time; with
    ``by_decision``, one row per pair and decision, the decision's id first.
    """
    lead = (DecisionItemRow.decision_id,) if by_decision else ()
    pair = (DecisionRow.subject_id, DecisionItemRow.candidate_id)
    return (
        select(*lead, *pair, func.min(DecisionItemRow.rank), DecisionRow.decided_at)
        .join(DecisionItemRow, DecisionItemRow.decision_id == DecisionRow.id)
        .join(PreferencesRow, PreferencesRow.profile_id == DecisionRow.subject_id)
        .where(condition, DecisionItemRow.served_at.is_not(None), *_ALLOWED)
        .group_by(*lead, *pair, DecisionRow.decided_at)
        .order_by(*lead, *pair, DecisionRow.decided_at)
    )


class ExposureRepository:
    """Reads the served pairs and the feedback of subjects who have not opted out."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def served_pairs(self) -> Iterator[tuple[str, str, int, datetime]]:
        """``(subject_id, candidate_id, best rank, decided_at)`` of every served pair, per decision time."""
        return self.served_since(None)

    def served_since(self, since: datetime | None) -> Iterator[tuple[str, str, int, datetime]]:
        """The same, of the items served at or after ``since`` (None: all), by subject and candidate.

        One row per pair and time of the decisions that served it: a purge removes a decision's
        items by that time, and the state then falls back on the best rank still kept.
        """
        condition: Any = true() if since is None else DecisionItemRow.served_at >= since
        with self._db.read() as session:
            rows = session.execute(_served_statement(condition)).all()
        for subject_id, candidate_id, rank, decided_at in rows:
            yield str(subject_id), str(candidate_id), int(rank), as_utc(decided_at)

    def served_counts_since(self, since: datetime) -> dict[str, int]:
        """Per decision, how many of its items were served at or after ``since``.

        Decision ids and counts only, nothing of a subject: the follower reads the items
        (``served_of``, which applies the opt-outs) of just the decisions whose count it has not
        seen. A scan of the ``(served_at, decision_id)`` index alone (migration 0013).
        """
        with self._db.read() as session:
            rows = session.execute(served_counts_statement(since)).all()
        return {str(decision_id): int(count) for decision_id, count in rows}

    def served_of(
        self, decision_ids: Collection[str]
    ) -> Iterator[tuple[str, tuple[str, str, int, datetime]]]:
        """``(decision id, served pair)`` of only these decisions: every item of theirs served so far."""
        wanted = sorted(decision_ids)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            with self._db.read() as session:
                rows = session.execute(
                    _served_statement(DecisionItemRow.decision_id.in_(chunk), by_decision=True)
                ).all()
            for decision_id, subject_id, candidate_id, rank, decided_at in rows:
                yield str(decision_id), (str(subject_id), str(candidate_id), int(rank), as_utc(decided_at))

    def feedback(self) -> Iterator[tuple[str, str, FeedbackAction]]:
        """``(subject_id, candidate_id, action)`` of every stored feedback event, oldest first."""
        for _, subject_id, candidate_id, action, _, _ in self.feedback_after(0):
            yield subject_id, candidate_id, action

    def feedback_after(
        self, after_id: int, also: Collection[int] = ()
    ) -> list[tuple[int, str, str, FeedbackAction, datetime, datetime]]:
        """``(id, subject, candidate, action, recorded_at, decided_at)`` after ``after_id`` or in ``also``.

        By id; ``decided_at`` is of the decision the event answers.
        """
        wanted: Any = FeedbackRow.id > after_id
        if also:
            wanted = or_(wanted, FeedbackRow.id.in_(sorted(also)))
        with self._db.read() as session:
            rows = session.execute(
                select(
                    FeedbackRow.id,
                    FeedbackRow.subject_id,
                    FeedbackRow.candidate_id,
                    FeedbackRow.action,
                    FeedbackRow.recorded_at,
                    DecisionRow.decided_at,
                )
                .join(DecisionRow, DecisionRow.id == FeedbackRow.decision_id)
                .join(PreferencesRow, PreferencesRow.profile_id == FeedbackRow.subject_id)
                .where(wanted, *_ALLOWED)
                .order_by(FeedbackRow.id)
            ).all()
        return [
            (int(i), str(s), str(c), FeedbackAction[str(a).upper()], as_utc(recorded), as_utc(decided))
            for i, s, c, a, recorded, decided in rows
        ]

    def last_feedback_id(self) -> int:
        """The highest feedback id stored (0 when there is none), of anyone: only a position."""
        with self._db.read() as session:
            return int(session.scalar(select(func.max(FeedbackRow.id))) or 0)

    def outcome_events(self) -> Iterator[tuple[str, str, FeedbackAction]]:
        """Feedback of subjects who allow tracking (not ``do_not_track``), oldest first: training labels."""
        with self._db.read() as session:
            rows = session.execute(
                select(FeedbackRow.subject_id, FeedbackRow.candidate_id, FeedbackRow.action)
                .join(PreferencesRow, PreferencesRow.profile_id == FeedbackRow.subject_id)
                .where(PreferencesRow.do_not_track.is_(False))
                .order_by(FeedbackRow.id)
            ).all()
        for subject_id, candidate_id, action in rows:
            yield str(subject_id), str(candidate_id), FeedbackAction[str(action).upper()]
