"""MMR re-ranking: served scores never increase down the list, and near-duplicates move down."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.ranking.diversity import diversify


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40), st.integers(0, 2**31 - 1), st.floats(0, 2), st.floats(0, 1), st.integers(1, 5))
def test_scores_do_not_increase_and_each_item_appears_once(
    n: int, seed: int, penalty: float, threshold: float, organisations: int
) -> None:
    rng = np.random.default_rng(seed)
    relevance = rng.random(n)
    vectors = rng.normal(size=(n, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chosen = diversify(
        relevance,
        vectors,
        [f"id{i}" for i in range(n)],
        [f"org{i % organisations}" for i in range(n)],
        depth=n,
        penalty=penalty,
        threshold=threshold,
    )
    scores = [c.score for c in chosen]
    assert all(a >= b for a, b in itertools.pairwise(scores))
    assert sorted(c.index for c in chosen) == list(range(n))
    assert all(c.adjustment <= 0 and c.score == c.relevance + c.adjustment for c in chosen)


def test_a_near_duplicate_of_the_same_organisation_moves_below_a_different_item() -> None:
    vectors = np.array([[1, 0], [0.999, 0.0447], [0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chosen = diversify(
        np.array([0.9, 0.89, 0.8]), vectors, ["a", "b", "c"], ["acme", "acme", "other"], depth=3, penalty=0.5, threshold=0.6
    )
    assert [c.index for c in chosen] == [0, 2, 1]
    assert chosen[0].adjustment == 0.0 and chosen[2].adjustment < 0


def test_other_suppliers_of_the_same_product_are_never_pushed_down() -> None:
    vectors = np.array([[1, 0], [0.999, 0.0447], [0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chosen = diversify(
        np.array([0.9, 0.89, 0.8]), vectors, ["a", "b", "c"], ["acme", "globex", "other"], depth=3, penalty=0.5, threshold=0.6
    )
    assert [c.index for c in chosen] == [0, 1, 2]
    assert all(c.adjustment == 0.0 for c in chosen)
