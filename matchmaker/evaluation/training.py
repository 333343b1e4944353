"""Fitting the factor weights on labelled pairs, so no weight is set by hand.

For each subject of the training set, the service's own candidate generator proposes candidates
and the scorer computes their factor similarities; every pair of candidates with different grades
gives one example ``x_better - x_worse``. A logistic regression without intercept (scikit-learn)
learns weights that order such pairs; weights that come out negative are dropped and the model is
refitted (an active-set non-negative fit), so every score stays an exact sum of named terms with
weights >= 0. The weights are scaled to sum to 1 and written as a versioned weights file.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression

from matchmaker.config import Settings
from matchmaker.domain import FeedbackAction, RecommendFilter, Role
from matchmaker.embedding.embedder import Embedder
from matchmaker.evaluation.labelled_set import LabelledSet
from matchmaker.evaluation.runner import DIRECTIONS, loaded, subject_grade
from matchmaker.matching.matcher import Matcher
from matchmaker.matching.recommender import Recommender
from matchmaker.ranking.factors import FACTORS


def pairwise_examples(
    labelled: LabelledSet,
    settings: Settings,
    embedder: Embedder,
    *,
    max_subjects: int = 400,
    pairs_per_subject: int = 60,
    seed: int = 3,
) -> npt.NDArray[np.float64]:
    """Rows ``x_better - x_worse`` over the candidates the service would score, both directions."""
    rng = random.Random(seed)
    rows: list[npt.NDArray[np.float64]] = []
    with loaded(labelled, settings, embedder) as runtime:
        matcher = runtime.engine.matcher
        recommender = Recommender(runtime.engine.weights, settings.ranking, matcher.lexical)
        for role, _ in DIRECTIONS:
            catalog = matcher.catalog(role.counterpart)
            mask = catalog.mask(RecommendFilter())
            docs = labelled.purchasers if role is Role.PURCHASER else labelled.exhibitors
            for doc in docs[:max_subjects]:
                subject = matcher.catalog(role).features(str(doc["id"]))
                if subject is None:
                    continue
                keys = recommender.candidates(subject, catalog, mask)
                features = [catalog.features_at(k) for k in keys]
                grades = np.array(
                    [subject_grade(labelled, role, subject.profile_id, f.profile_id) for f in features]
                )
                if grades.max(initial=0) == 0:
                    continue
                sims = recommender.scorer.similarities(subject, features)
                better = [(i, j) for i in range(len(keys)) for j in range(len(keys)) if grades[i] > grades[j]]
                for i, j in rng.sample(better, min(pairs_per_subject, len(better))):
                    rows.append(sims[i] - sims[j])
    return np.array(rows, dtype=np.float64).reshape(-1, len(FACTORS))


def outcome_grades(events: Iterable[tuple[str, str, FeedbackAction]]) -> dict[tuple[str, str], int]:
    """Graded labels from what followed a recommendation, by (subject, candidate).

    A meeting held is the best outcome (3); a meeting request that was not followed by a no-show 2;
    a no-show or a save 1 (interest, no meeting); a decline 0. Events are taken in order; a held
    meeting stays held.
    """
    grades: dict[tuple[str, str], int] = {}
    for subject_id, candidate_id, action in events:
        key = (subject_id, candidate_id)
        current = grades.get(key)
        if current == 3:
            continue
        if action is FeedbackAction.MEETING_HELD:
            grades[key] = 3
        elif action is FeedbackAction.REQUEST_MEETING:
            grades[key] = 2
        elif action is FeedbackAction.NO_SHOW:
            grades[key] = 1
        elif action is FeedbackAction.SAVE:
            grades[key] = max(current or 0, 1)
        elif action is FeedbackAction.DECLINE:
            grades[key] = 0
    return grades


def outcome_examples(
    matcher: Matcher,
    recommender: Recommender,
    grades: dict[tuple[str, str], int],
    *,
    pairs_per_subject: int = 60,
    seed: int = 3,
) -> npt.NDArray[np.float64]:
    """Rows ``x_better - x_worse`` between candidates one subject graded differently by outcome."""
    rng = random.Random(seed)
    by_subject: dict[str, list[tuple[str, int]]] = {}
    for (subject_id, candidate_id), grade in sorted(grades.items()):
        by_subject.setdefault(subject_id, []).append((candidate_id, grade))
    rows: list[npt.NDArray[np.float64]] = []
    for subject_id, labelled in by_subject.items():
        role = next(
            (r for r in (Role.PURCHASER, Role.EXHIBITOR) if matcher.catalog(r).features(subject_id)), None
        )
        if role is None:
            continue
        subject = matcher.catalog(role).features(subject_id)
        catalog = matcher.catalog(role.counterpart)
        found = [(catalog.features(c), g) for c, g in labelled]
        kept = [(f, g) for f, g in found if f is not None]
        if len({g for _, g in kept}) < 2 or subject is None:
            continue
        sims = recommender.scorer.similarities(subject, [f for f, _ in kept])
        better = [(i, j) for i in range(len(kept)) for j in range(len(kept)) if kept[i][1] > kept[j][1]]
        for i, j in rng.sample(better, min(pairs_per_subject, len(better))):
            rows.append(sims[i] - sims[j])
    return np.array(rows, dtype=np.float64).reshape(-1, len(FACTORS))


def stored_outcome_examples(settings: Settings, embedder: Embedder) -> npt.NDArray[np.float64]:
    """Outcome pairs from the service's own database (``MATCHMAKER_DATABASE_URL``).

    Feedback of users with ``do_not_track`` is never stored; users who set it later are left out too.
    """
    from matchmaker.runtime import open_runtime
    from matchmaker.storage.exposure import ExposureRepository

    runtime = open_runtime(settings, embedder=embedder)
    try:
        grades = outcome_grades(ExposureRepository(runtime.db).outcome_events())
        engine = runtime.engine
        recommender = Recommender(engine.weights, settings.ranking, engine.matcher.lexical)
        return outcome_examples(engine.matcher, recommender, grades)
    finally:
        runtime.close()


def fit_weights(differences: npt.NDArray[np.float64], c: float = 1.0) -> dict[str, float]:
    """Non-negative pairwise logistic weights, scaled to sum to 1, by factor weight key."""
    if differences.shape[0] < 10:
        raise ValueError("too few labelled pairs to fit weights")
    x = np.vstack([differences, -differences])
    y = np.concatenate([np.ones(len(differences)), np.zeros(len(differences))])
    active = list(range(differences.shape[1]))
    coef = np.zeros(differences.shape[1])
    while active:
        model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)
        model.fit(x[:, active], y)
        found = model.coef_.ravel()
        if (found >= 0).all():
            coef[:] = 0.0
            coef[active] = found
            break
        active = [a for a, w in zip(active, found, strict=True) if w > 0]
    total = float(coef.sum())
    if total <= 0:
        raise ValueError("no factor orders the labelled pairs; nothing to learn")
    return {f.weight_key: round(float(w) / total, 6) for f, w in zip(FACTORS, coef, strict=True)}


def train(
    labelled: LabelledSet,
    settings: Settings,
    embedder: Embedder,
    progress: Callable[[str], object] | None = None,
    outcomes: npt.NDArray[np.float64] | None = None,
) -> dict[str, Any]:
    """The weights file document fitted on ``labelled`` (and on outcome pairs, when given)."""
    if progress is not None:
        progress(f"scoring candidate pairs of {labelled.name}")
    differences = pairwise_examples(labelled, settings, embedder)
    set_pairs = len(differences)
    if outcomes is not None and len(outcomes):
        differences = np.vstack([differences, outcomes])
    weights = fit_weights(differences)
    digest = hashlib.sha256(json.dumps(weights, sort_keys=True).encode()).hexdigest()[:8]
    return {
        "version": f"learned-{labelled.name}-{digest}",
        "trained_on": f"{labelled.name}: {labelled.description}; {set_pairs} ordered pairs"
        + (
            f"; {len(differences) - set_pairs} pairs ordered by meeting outcomes (users who allow tracking)"
            if len(differences) > set_pairs
            else ""
        ),
        "embedder": embedder.model_version,
        "fitted_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "method": "pairwise logistic regression (scikit-learn), non-negative by active set, scaled to sum 1",
        "weights": weights,
    }


def write_weights(document: dict[str, Any], path: Path) -> None:
    """Write a weights file (pretty JSON, one trailing newline)."""
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
