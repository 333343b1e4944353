"""The filter selection on every slot layout: a mask over keys becomes the right slots.

``FaissIndex`` turns the caller's mask (indexed by key) into a mask over its storage slots in one
pass: directly when slot ``i`` holds key ``i``, through the slot-to-key map otherwise. Each layout
below is searched with masks that take each exact-scan branch (all allowed, at least half, fewer)
and the graph, and compared with the brute-force answer.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pytest

from matchmaker.index.faiss_index import FaissIndex, filtered_ef
from matchmaker.index.search_strategy import SearchStrategy
from tests.index.synthetic import exact_top_k

DIM = 8
N = 80
Model = dict[int, npt.NDArray[np.float32]]


def _vectors(n: int, seed: int) -> npt.NDArray[np.float32]:
    return np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)


def identity(index: FaissIndex) -> Model:
    """Slot i holds key i (a bulk build)."""
    vectors = _vectors(N, 1)
    index.upsert(np.arange(N), vectors)
    return dict(enumerate(vectors))


def reversed_keys(index: FaissIndex) -> Model:
    """Slot i holds key N-1-i."""
    vectors = _vectors(N, 2)
    keys = np.arange(N)[::-1]
    index.upsert(keys, vectors)
    return {int(k): v for k, v in zip(keys, vectors, strict=True)}


def sparse_keys(index: FaissIndex) -> Model:
    """Keys 0, 7, 14, ...: the key space is seven times the slots."""
    vectors = _vectors(N, 3)
    keys = np.arange(N) * 7
    index.upsert(keys, vectors)
    return {int(k): v for k, v in zip(keys, vectors, strict=True)}


def replaced(index: FaissIndex) -> Model:
    """Every fifth key replaced: tombstones in the first slots, the new vectors at the end."""
    model = identity(index)
    keys = np.arange(0, N, 5)
    vectors = _vectors(len(keys), 4)
    index.upsert(keys, vectors)
    model.update({int(k): v for k, v in zip(keys, vectors, strict=True)})
    return model


def removed(index: FaissIndex) -> Model:
    """A few keys removed (tombstones, no replacement)."""
    model = identity(index)
    index.remove([3, 4, 50, 79])
    for key in (3, 4, 50, 79):
        del model[key]
    return model


LAYOUTS: list[Callable[[FaissIndex], Model]] = [identity, reversed_keys, sparse_keys, replaced, removed]

# compact_ratio 0.9 keeps the tombstones; efSearch above the stored count makes the graph exhaustive.
EXACT = {"hnsw_threshold": 10_000, "compact_ratio": 0.9}
GRAPH = {
    "hnsw_threshold": 16,
    "hnsw_m": 8,
    "ef_construction": 40,
    "ef_search": 256,
    "exact_fraction": 0.0,
    "exact_count": 0,
    "compact_ratio": 0.9,
}


def _masks(model: Model) -> dict[str, npt.NDArray[np.bool_]]:
    keys = sorted(model)
    size = max(keys) + 1
    rng = np.random.default_rng(5)

    def of(chosen: list[int], length: int = size) -> npt.NDArray[np.bool_]:
        mask = np.zeros(length, dtype=bool)
        mask[[k for k in chosen if k < length]] = True
        return mask

    return {
        "all": np.ones(size, dtype=bool),
        "most": of([k for k in keys if rng.random() < 0.8]),
        "few": of([k for k in keys if rng.random() < 0.15]),
        "one": of(keys[len(keys) // 2 : len(keys) // 2 + 1]),
        "short mask": of(keys, length=size // 2),
        "long mask": of([*keys, size + 40], length=size + 100),
    }


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("config", "strategy"), [(EXACT, SearchStrategy.EXACT), (GRAPH, SearchStrategy.HNSW)]
)
def test_every_mask_on_every_layout_matches_brute_force(
    layout: Callable[[FaissIndex], Model], config: dict[str, float], strategy: SearchStrategy
) -> None:
    index = FaissIndex(DIM, **config)  # type: ignore[arg-type]
    model = layout(index)
    queries = _vectors(4, 9)
    for name, mask in _masks(model).items():
        allowed_count = sum(1 for k in model if k < len(mask) and mask[k])
        assert index.strategy(mask, 10) is (strategy if allowed_count else SearchStrategy.EMPTY), name
        for query in queries:
            keys, scores = index.search(query, 10, mask)
            want_keys, want_scores = exact_top_k(model, query, 10, mask)
            assert keys.tolist() == want_keys, name
            np.testing.assert_allclose(scores, want_scores, rtol=1e-5, atol=1e-5)


def test_selection_follows_writes_between_searches() -> None:
    """The layout changes with each write; a search after it must not use the old one."""
    index = FaissIndex(DIM, hnsw_threshold=10_000, compact_ratio=0.9)
    model = identity(index)
    mask = np.zeros(N, dtype=bool)
    mask[:10] = True
    query = _vectors(1, 11)[0]
    assert index.search(query, 10, mask)[0].tolist() == exact_top_k(model, query, 10, mask)[0]
    index.upsert([2], _vectors(1, 12))  # key 2 moves to the last slot
    model[2] = _vectors(1, 12)[0]
    assert index.search(query, 10, mask)[0].tolist() == exact_top_k(model, query, 10, mask)[0]
    index.remove([2, 5])
    del model[2], model[5]
    assert sorted(index.search(query, 10, mask)[0].tolist()) == sorted(k for k in range(10) if k in model)


@pytest.mark.parametrize(
    ("ef_search", "k", "fraction", "expected"),
    [
        (128, 10, 1.0, 128),  # unfiltered: the plain efSearch
        (128, 300, 1.0, 300),  # unfiltered large k: k, not a filter-scaled multiple of it
        (128, 10, 0.5, 160),  # 8 * 10 allowed candidates wanted
        (128, 10, 0.1, 800),
        (128, 10, 0.01, 8000),
        (128, 20, 0.5, 256),  # 8 * 20 = 160 wanted, capped at efSearch 128 -> 128 / 0.5
        (128, 300, 0.5, 600),  # a candidate pool keeps k allowed candidates
        (128, 300, 0.9, 334),
        (64, 1, 0.25, 64),
    ],
)
def test_filtered_ef(ef_search: int, k: int, fraction: float, expected: int) -> None:
    assert filtered_ef(ef_search, k, fraction) == expected
