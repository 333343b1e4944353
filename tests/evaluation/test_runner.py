"""The full ranker beats the embedding-only and TF-IDF-only rankers (and random) in both directions."""

from __future__ import annotations

import pytest

from matchmaker.config import Settings
from matchmaker.embedding.embedder import Embedder
from matchmaker.evaluation import Score, evaluate, ndcg, recall


def test_ndcg_and_recall_definitions() -> None:
    assert ndcg([2, 1, 0], [2, 1, 0]) == pytest.approx(1.0)
    assert ndcg([0, 0, 2], [2, 0, 0]) == pytest.approx(3 / 2 / 3)
    assert ndcg([0, 0], [0, 0]) == 0.0
    assert recall(["a", "b", "c"], {"c", "d"}, k=3) == 0.5


@pytest.mark.slow
def test_full_ranker_beats_single_signal_rankers(real_embedder: Embedder) -> None:
    scores = evaluate(
        real_embedder, Settings(_env_file=None), seed=5, exhibitors=60, purchasers=160, max_subjects=80
    )  # type: ignore[call-arg]
    by = {(s.direction, s.ranker): s for s in scores}
    for direction in ("purchaser -> exhibitors", "exhibitor -> purchasers"):
        full: Score = by[(direction, "full")]
        assert full.subjects >= 40
        for other in ("embedding", "tfidf", "random"):
            assert full.ndcg_at_10 > by[(direction, other)].ndcg_at_10, (direction, other, scores)
