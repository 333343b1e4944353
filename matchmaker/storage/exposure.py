"""What the congestion stage's market state is built from: served pairs and meeting feedback.

Only subjects who allow it contribute: a decision counts when it was personalised and its subject
still has a preferences row (erased subjects have none) with personalisation on and tracking
allowed; feedback likewise, on personalised decisions only. Nothing else of anyone is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select

from matchmaker.domain import FeedbackAction
from matchmaker.storage.database import Database
from matchmaker.storage.tables import DecisionItemRow, DecisionRow, FeedbackRow, PreferencesRow


class ExposureRepository:
    """Reads the served pairs and the feedback of subjects who have not opted out."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def served_pairs(self) -> Iterator[tuple[str, str, int]]:
        """``(subject_id, candidate_id, best rank served)`` of every served pair, by subject."""
        with self._db.read() as session:
            rows = session.execute(
                select(DecisionRow.subject_id, DecisionItemRow.candidate_id, func.min(DecisionItemRow.rank))
                .join(DecisionItemRow, DecisionItemRow.decision_id == DecisionRow.id)
                .join(PreferencesRow, PreferencesRow.profile_id == DecisionRow.subject_id)
                .where(
                    DecisionItemRow.served_at.is_not(None),
                    DecisionRow.personalized.is_(True),
                    PreferencesRow.personalized_recommendations.is_(True),
                    PreferencesRow.do_not_track.is_(False),
                )
                .group_by(DecisionRow.subject_id, DecisionItemRow.candidate_id)
                .order_by(DecisionRow.subject_id, DecisionItemRow.candidate_id)
            ).all()
        for subject_id, candidate_id, rank in rows:
            yield str(subject_id), str(candidate_id), int(rank)

    def feedback(self) -> Iterator[tuple[str, str, FeedbackAction]]:
        """``(subject_id, candidate_id, action)`` of every stored feedback event, oldest first."""
        with self._db.read() as session:
            rows = session.execute(
                select(FeedbackRow.subject_id, FeedbackRow.candidate_id, FeedbackRow.action)
                .join(DecisionRow, DecisionRow.id == FeedbackRow.decision_id)
                .join(PreferencesRow, PreferencesRow.profile_id == FeedbackRow.subject_id)
                .where(
                    DecisionRow.personalized.is_(True),
                    PreferencesRow.personalized_recommendations.is_(True),
                    PreferencesRow.do_not_track.is_(False),
                )
                .order_by(FeedbackRow.id)
            ).all()
        for subject_id, candidate_id, action in rows:
            yield str(subject_id), str(candidate_id), FeedbackAction[str(action).upper()]

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
