"""Meeting outcomes as training labels: graded by what followed, only of users who allow tracking."""

from __future__ import annotations

import numpy as np
import pytest

from matchmaker.api._gen.matchmaker.v1 import common_pb2
from matchmaker.domain import FeedbackAction
from matchmaker.evaluation.training import (
    fit_weights,
    outcome_examples,
    outcome_grades,
    stored_outcome_examples,
)
from matchmaker.matching.recommender import Recommender
from matchmaker.ranking.factors import FACTORS
from matchmaker.storage.exposure import ExposureRepository
from tests.api.test_congestion import feedback, market, recommend, set_preferences
from tests.support import HashingEmbedder, Running

A = FeedbackAction


@pytest.mark.parametrize(
    ("events", "grade"),
    [
        ((A.MEETING_HELD,), 3),
        ((A.REQUEST_MEETING, A.MEETING_HELD), 3),
        ((A.MEETING_HELD, A.NO_SHOW), 3),
        ((A.REQUEST_MEETING,), 2),
        ((A.REQUEST_MEETING, A.SAVE), 2),
        ((A.REQUEST_MEETING, A.NO_SHOW), 1),
        ((A.SAVE,), 1),
        ((A.DECLINE,), 0),
        ((A.DECLINE, A.SAVE), 1),
        ((A.SAVE, A.DECLINE), 0),
    ],
)
def test_outcome_grades(events: tuple[FeedbackAction, ...], grade: int) -> None:
    assert outcome_grades([("s", "c", e) for e in events]) == {("s", "c"): grade}


async def test_outcomes_of_tracked_users_become_ordered_pairs(running: Running) -> None:
    await market(running)
    for subject in ("pur-1", "pur-2"):
        response = await recommend(running, subject)
        top, *_, last = [item.candidate_id for item in response.items]
        held, declined = common_pb2.FEEDBACK_ACTION_MEETING_HELD, common_pb2.FEEDBACK_ACTION_DECLINE
        assert await feedback(running, subject, response.decision_id, top, held)
        assert await feedback(running, subject, response.decision_id, last, declined)
    # pur-2 stops allowing tracking after the fact: their outcomes are no longer labels.
    await set_preferences(running, "pur-2", do_not_track=True)

    grades = outcome_grades(ExposureRepository(running.runtime.db).outcome_events())
    assert {subject for subject, _ in grades} == {"pur-1"}
    assert sorted(grades.values()) == [0, 3]
    engine = running.runtime.engine
    recommender = Recommender(engine.weights, running.runtime.settings.ranking, engine.matcher.lexical)
    rows = outcome_examples(engine.matcher, recommender, grades)
    assert rows.shape == (1, len(FACTORS))
    # The row is x_held - x_declined: the held meeting's candidate scored higher on some factor.
    assert rows.max() > 0
    assert np.isfinite(rows).all()
    with pytest.raises(ValueError, match="too few"):
        fit_weights(rows)
    # What `matchmaker train --outcomes` reads: the same pair, from the database alone (its own
    # runtime fits its own keyword model, so the keyword similarities may differ a little).
    stored = stored_outcome_examples(running.runtime.settings, HashingEmbedder())
    assert stored.shape == rows.shape and stored.max() > 0
