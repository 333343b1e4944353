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
        np.array([0.9, 0.89, 0.8]),
        vectors,
        ["a", "b", "c"],
        ["acme", "acme", "other"],
        depth=3,
        penalty=0.5,
        threshold=0.6,
    )
    assert [c.index for c in chosen] == [0, 2, 1]
    assert chosen[0].adjustment == 0.0 and chosen[2].adjustment < 0


def test_other_suppliers_of_the_same_product_are_never_pushed_down() -> None:
    vectors = np.array([[1, 0], [0.999, 0.0447], [0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chosen = diversify(
        np.array([0.9, 0.89, 0.8]),
        vectors,
        ["a", "b", "c"],
        ["acme", "globex", "other"],
        depth=3,
        penalty=0.5,
        threshold=0.6,
    )
    assert [c.index for c in chosen] == [0, 1, 2]
    assert all(c.adjustment == 0.0 for c in chosen)


def _reference(
    relevance: np.ndarray,
    vectors: np.ndarray,
    tie_break: list[str],
    groups: list[str],
    depth: int,
    penalty: float,
    threshold: float,
) -> list[tuple[int, float, float]]:
    """The plain MMR loop (every step recomputes every value): what the heap version must equal."""
    n = relevance.shape[0]
    remaining = np.ones(n, dtype=bool)
    max_sim = np.zeros(n, dtype=np.float64)
    order_key = np.argsort(np.array(tie_break, dtype=object), kind="stable")
    rank_of_id = np.empty(n, dtype=np.int64)
    rank_of_id[order_key] = np.arange(n)
    _, group_of = np.unique(np.array(groups, dtype=object), return_inverse=True)
    out: list[tuple[int, float, float]] = []
    while len(out) < min(depth, n):
        adjustment = -penalty * np.maximum(0.0, max_sim - threshold)
        value = np.where(remaining, relevance + adjustment, -np.inf)
        candidates = np.flatnonzero(value == value.max())
        pick = int(candidates[np.argmin(rank_of_id[candidates])])
        out.append((pick, float(relevance[pick]), float(adjustment[pick]) + 0.0))
        remaining[pick] = False
        same = np.flatnonzero(group_of == group_of[pick])
        if same.size > 1:
            sims = vectors[same] @ vectors[pick]
            max_sim[same] = np.maximum(max_sim[same], sims.astype(np.float64))
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 60),
    st.integers(0, 2**31 - 1),
    st.floats(0, 2),
    st.floats(0, 1),
    st.integers(1, 6),
    st.integers(1, 60),
    st.booleans(),
)
def test_equals_the_plain_loop_pick_for_pick(
    n: int, seed: int, penalty: float, threshold: float, organisations: int, depth: int, ties: bool
) -> None:
    rng = np.random.default_rng(seed)
    # Coarse relevance makes exact ties common, so the id tie-break is exercised too.
    relevance = np.round(rng.random(n), 1) if ties else rng.random(n)
    vectors = rng.normal(size=(n, 4)).astype(np.float32)
    if ties:
        vectors[: n // 2] = vectors[0]  # identical listings: equal similarities and penalties
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"id{rng.integers(0, 10**6)}-{i}" for i in range(n)]
    groups = [f"org{rng.integers(0, organisations)}" for _ in range(n)]
    chosen = diversify(relevance, vectors, ids, groups, depth=depth, penalty=penalty, threshold=threshold)
    expected = _reference(relevance, vectors, ids, groups, depth, penalty, threshold)
    assert [(c.index, c.relevance, c.adjustment) for c in chosen] == expected
