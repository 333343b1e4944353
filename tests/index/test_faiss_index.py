"""FaissIndex semantics, table-driven, on both kinds: flat (exact) and a forced HNSW graph.

The HNSW configuration uses small data (at most ``EF`` vectors) so that a graph search with
efSearch >= stored vectors is exhaustive and its results can be compared with the exact answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from matchmaker.index.faiss_index import MAX_KEY, FaissIndex
from matchmaker.index.index_kind import IndexKind
from matchmaker.index.search_strategy import SearchStrategy
from tests.index.synthetic import exact_top_k

DIM = 8
EF = 128

CONFIGS: dict[str, dict[str, Any]] = {
    "flat": {},
    # A graph from 16 live vectors on, and every non-empty search through it.
    "hnsw": {
        "hnsw_threshold": 16,
        "hnsw_m": 8,
        "ef_construction": 40,
        "ef_search": EF,
        "exact_fraction": 0.0,
        "exact_count": 0,
    },
}

MakeIndex = Callable[..., FaissIndex]


@pytest.fixture(params=sorted(CONFIGS))
def make_index(request: pytest.FixtureRequest) -> MakeIndex:
    def make(**overrides: Any) -> FaissIndex:
        return FaissIndex(DIM, **{**CONFIGS[request.param], **overrides})

    return make


def random_vectors(n: int, seed: int = 0) -> npt.NDArray[np.float32]:
    return np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)


def filled(
    make_index: MakeIndex, n: int = 60, seed: int = 0, **overrides: Any
) -> tuple[FaissIndex, dict[int, npt.NDArray[np.float32]]]:
    index = make_index(**overrides)
    vectors = random_vectors(n, seed)
    index.upsert(list(range(n)), vectors)
    return index, {key: vectors[key] for key in range(n)}


def assert_matches_reference(
    index: FaissIndex,
    model: dict[int, npt.NDArray[np.float32]],
    query: npt.NDArray[np.float32],
    k: int,
    allowed: npt.NDArray[np.bool_] | None = None,
) -> None:
    keys, scores = index.search(query, k, allowed)
    expected_keys, expected_scores = exact_top_k(model, query, k, allowed)
    assert keys.dtype == np.int64 and scores.dtype == np.float32
    assert keys.tolist() == expected_keys
    np.testing.assert_allclose(scores, expected_scores, rtol=1e-5, atol=1e-5)


def test_empty_index(make_index: MakeIndex) -> None:
    index = make_index()
    keys, scores = index.search(np.ones(DIM, dtype=np.float32), 5)
    assert (keys.dtype, scores.dtype, len(keys), len(scores)) == (np.int64, np.float32, 0, 0)
    assert len(index) == 0 and index.keys().tolist() == [] and 3 not in index
    assert index.search_many(np.ones((2, DIM), dtype=np.float32), 3)[1][0].tolist() == []
    index.remove([1, 2])  # unknown keys are ignored
    with pytest.raises(KeyError):
        index.vector(3)


@pytest.mark.parametrize("k", [0, 1, 5, 59, 60, 61, 500])
def test_results_sorted_unique_and_at_most_k(make_index: MakeIndex, k: int) -> None:
    index, model = filled(make_index)
    query = random_vectors(1, seed=99)[0]
    keys, scores = index.search(query, k)
    assert len(keys) == min(k, 60)
    assert len(set(keys.tolist())) == len(keys)
    assert np.all(np.diff(scores) <= 0)
    assert_matches_reference(index, model, query, k)


def test_upsert_replaces_and_old_vector_is_never_returned(make_index: MakeIndex) -> None:
    index, model = filled(make_index)
    old = model[7].copy()
    new = -old
    index.upsert([7], new[None, :])
    model[7] = new
    assert len(index) == 60 and 7 in index
    np.testing.assert_array_equal(index.vector(7), new)
    # The old vector's best match was itself; now key 7 scores -|v|^2 and comes last.
    keys, scores = index.search(old, 60)
    assert keys.tolist().count(7) == 1 and keys[-1] == 7
    np.testing.assert_allclose(scores[-1], float(new @ old), rtol=1e-5)
    assert_matches_reference(index, model, old, 10)


def test_upsert_with_a_key_twice_keeps_the_last_vector(make_index: MakeIndex) -> None:
    index, model = filled(make_index)
    vectors = random_vectors(3, seed=5)
    index.upsert([70, 3, 70], vectors)
    model[70], model[3] = vectors[2], vectors[1]
    assert len(index) == 61
    np.testing.assert_array_equal(index.vector(70), vectors[2])
    assert_matches_reference(index, model, vectors[0], 61)


@pytest.mark.parametrize("removed", [[0], [5, 6, 7], list(range(0, 60, 7)), [59, 1000, 59]])
def test_remove_excludes_keys(make_index: MakeIndex, removed: list[int]) -> None:
    index, model = filled(make_index)
    index.remove(removed)
    for key in removed:
        model.pop(key, None)
        assert key not in index
    assert len(index) == len(model)
    assert index.keys().tolist() == sorted(model)
    for seed in range(5):
        assert_matches_reference(index, model, random_vectors(1, seed=100 + seed)[0], 60)


def test_removed_key_can_come_back(make_index: MakeIndex) -> None:
    index, model = filled(make_index)
    index.remove([4])
    vector = random_vectors(1, seed=8)
    index.upsert([4], vector)
    model[4] = vector[0]
    np.testing.assert_array_equal(index.vector(4), vector[0])
    assert_matches_reference(index, model, vector[0], 60)


def mask_of(size: int, true_keys: list[int]) -> npt.NDArray[np.bool_]:
    mask = np.zeros(size, dtype=bool)
    mask[true_keys] = True
    return mask


@pytest.mark.parametrize(
    ("allowed", "k"),
    [
        (mask_of(60, []), 10),  # nothing allowed
        (mask_of(60, [13]), 10),  # a single key, k larger than the allowed count
        (mask_of(60, [1, 2, 3]), 10),
        (mask_of(60, list(range(0, 60, 2))), 10),  # every other key
        (mask_of(20, list(range(20))), 30),  # shorter than the key space: keys >= 20 are not allowed
        (mask_of(0, []), 5),  # empty mask
        (mask_of(500, [*range(40, 60), 300, 499]), 100),  # longer than the key space
        (np.ones(60, dtype=bool), 60),
    ],
)
def test_allowed_mask_is_respected(make_index: MakeIndex, allowed: npt.NDArray[np.bool_], k: int) -> None:
    index, model = filled(make_index)
    index.remove([41, 42])  # a tombstone inside the allowed range as well
    del model[41], model[42]
    for seed in range(3):
        query = random_vectors(1, seed=200 + seed)[0]
        keys, _ = index.search(query, k, allowed)
        assert all(key < len(allowed) and allowed[key] and key in model for key in keys.tolist())
        assert len(keys) == min(k, sum(1 for key in model if key < len(allowed) and allowed[key]))
        assert_matches_reference(index, model, query, k, allowed)


def test_search_many_equals_search(make_index: MakeIndex) -> None:
    index, _ = filled(make_index)
    queries = random_vectors(4, seed=3)
    allowed = mask_of(60, list(range(0, 60, 3)))
    for mask in (None, allowed):
        batch = index.search_many(queries, 7, mask)
        for query, (keys, scores) in zip(queries, batch, strict=True):
            single_keys, single_scores = index.search(query, 7, mask)
            assert keys.tolist() == single_keys.tolist()
            np.testing.assert_allclose(scores, single_scores, rtol=1e-6)


def test_compaction_physically_removes_vectors(make_index: MakeIndex) -> None:
    index, model = filled(make_index, compact_ratio=0.2)
    index.remove(list(range(10)))  # 10 of 60 stored: below the ratio, tombstones stay
    assert (len(index), index.stored) == (50, 60)
    index.remove(list(range(10, 13)))  # 13 of 60 > 0.2: rebuilt from the live vectors
    assert (len(index), index.stored) == (47, 47)
    for key in range(13):
        del model[key]
    assert_matches_reference(index, model, random_vectors(1, seed=4)[0], 60)
    index.upsert([20], random_vectors(1, seed=6))  # a replacement leaves a tombstone ...
    assert index.stored == 48
    index.compact()  # ... until an explicit compaction
    assert (len(index), index.stored) == (47, 47)


@pytest.mark.parametrize("compact_first", [False, True])
def test_removed_and_replaced_vectors_are_never_saved(
    make_index: MakeIndex, tmp_path: Path, compact_first: bool
) -> None:
    index, model = filled(make_index, compact_ratio=0.5)
    gone = [model[3], model[17], model[30]]
    index.remove([3, 17])
    index.upsert([30], random_vectors(1, seed=7))
    if compact_first:
        index.compact()
    index.save(tmp_path, {})
    written = b"".join(path.read_bytes() for path in tmp_path.iterdir())
    assert model[5].tobytes() in written  # a live vector is there, byte for byte ...
    for vector in gone:
        assert vector.tobytes() not in written  # ... a removed one is not


def test_kind_follows_the_live_count() -> None:
    index = FaissIndex(DIM, hnsw_threshold=40, hnsw_m=8, ef_construction=40, compact_ratio=0.2)
    index.upsert(list(range(39)), random_vectors(39))
    assert index.kind is IndexKind.FLAT
    index.upsert([39], random_vectors(1, seed=1))
    assert (index.kind, index.stored) == (IndexKind.HNSW, 40)
    index.remove(list(range(15)))  # 25 live: a compaction keeps the graph (>= half the threshold)
    assert (index.kind, index.stored) == (IndexKind.HNSW, 25)
    assert index.strategy() is SearchStrategy.EXACT  # but searches are exact below the threshold
    index.remove(list(range(15, 21)))  # 19 live: a compaction drops the graph
    assert (index.kind, index.stored) == (IndexKind.FLAT, 19)


def hnsw_index(n: int = 2_000, **overrides: Any) -> FaissIndex:
    settings = {"hnsw_threshold": 100, "hnsw_m": 8, "ef_construction": 40, **overrides}
    index = FaissIndex(DIM, **settings)
    index.upsert(list(range(n)), random_vectors(n))
    return index


@pytest.mark.parametrize(
    ("allowed_count", "k", "expected"),
    [
        (None, 10, SearchStrategy.HNSW),
        (0, 10, SearchStrategy.EMPTY),
        (2_000, 10, SearchStrategy.HNSW),
        (1_000, 10, SearchStrategy.HNSW),
        (99, 10, SearchStrategy.EXACT),  # under 5% of the stored vectors
        (400, 10, SearchStrategy.EXACT),  # 20%, but few enough to scan (exact_count)
        (1_000, 400, SearchStrategy.EXACT),  # a large k would need a large efSearch
    ],
)
def test_strategy_depends_on_allowed_fraction_count_and_k(
    allowed_count: int | None, k: int, expected: SearchStrategy
) -> None:
    index = hnsw_index(exact_count=400)
    allowed = None if allowed_count is None else mask_of(2_000, list(range(allowed_count)))
    assert index.strategy(allowed, k) is expected


def test_small_index_is_always_exact() -> None:
    index = FaissIndex(DIM)
    index.upsert(list(range(100)), random_vectors(100))
    assert index.strategy() is SearchStrategy.EXACT and index.kind is IndexKind.FLAT


class ShortGraph:
    """Wraps the FAISS HNSW index and drops all but the first result, as a disconnected graph would."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls = 0

    def search(self, queries: Any, k: int, params: Any = None) -> tuple[Any, Any]:
        self.calls += 1
        scores, labels = self.real.search(queries, k, params=params)
        labels[:, 1:] = -1
        return scores, labels

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_short_graph_results_fall_back_to_exact() -> None:
    index = hnsw_index(exact_count=0, exact_fraction=0.0)
    vectors = {key: index.vector(key) for key in range(2_000)}
    short = ShortGraph(index._index)
    index._index = short
    query = random_vectors(1, seed=11)[0]
    allowed = mask_of(2_000, list(range(0, 2_000, 4)))
    assert index.strategy(allowed) is SearchStrategy.HNSW
    keys, _ = index.search(query, 10, allowed)
    assert short.calls == 1
    assert keys.tolist() == exact_top_k(vectors, query, 10, allowed)[0]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda index: index.upsert([1, 2], np.ones((1, DIM))), ValueError),  # one vector for two keys
        (lambda index: index.upsert([1], np.ones((1, DIM + 1))), ValueError),
        (lambda index: index.upsert([1], np.full((1, DIM), np.nan)), ValueError),
        (lambda index: index.upsert([-1], np.ones((1, DIM))), ValueError),
        (lambda index: index.upsert([MAX_KEY + 1], np.ones((1, DIM))), ValueError),
        (lambda index: index.upsert([1.5], np.ones((1, DIM))), TypeError),
        (lambda index: index.upsert([True], np.ones((1, DIM))), TypeError),
        (lambda index: index.remove([[1, 2]]), TypeError),
        (lambda index: index.search(np.ones(DIM + 1), 3), ValueError),
        (lambda index: index.search(np.ones((1, DIM)), 3), ValueError),
        (lambda index: index.search(np.full(DIM, np.inf), 3), ValueError),
        (lambda index: index.search(np.ones(DIM), -1), ValueError),
        (lambda index: index.search(np.ones(DIM), True), ValueError),
        (
            lambda index: index.search(np.ones(DIM), 3, np.ones(5, dtype=np.int64)),
            TypeError,
        ),  # not a bool mask
        (lambda index: index.search(np.ones(DIM), 3, np.ones((2, 5), dtype=bool)), TypeError),
        (lambda index: index.search_many(np.ones(DIM), 3), ValueError),
        (lambda index: index.vector("1"), TypeError),
    ],
)
def test_bad_input_is_rejected(call: Callable[[FaissIndex], object], error: type[Exception]) -> None:
    index = FaissIndex(DIM)
    index.upsert([0], np.ones((1, DIM), dtype=np.float32))
    with pytest.raises(error):
        call(index)
    assert len(index) == 1


@pytest.mark.parametrize(
    "settings",
    [
        {"dim": 0},
        {"hnsw_threshold": 0},
        {"hnsw_m": 1},
        {"ef_search": 0},
        {"exact_fraction": 1.5},
        {"exact_fraction": -0.1},
        {"compact_ratio": 1.0},
        {"exact_count": -1},
        {"build_threads": 0},
        {"ef_construction": 2.5},
    ],
)
def test_bad_settings_are_rejected(settings: dict[str, Any]) -> None:
    arguments = {"dim": DIM, **settings}
    with pytest.raises(ValueError, match="must be"):
        FaissIndex(**arguments)


def test_contains_accepts_only_ints(make_index: MakeIndex) -> None:
    index, _ = filled(make_index, n=5)
    assert 3 in index and np.int64(3) in index
    assert (
        "3" not in index
        and 3.0 not in index
        and True not in index
        and -1 not in index
        and 10**12 not in index
    )


def test_vectors_gathers_the_stored_vectors_of_keys_in_their_order(make_index: MakeIndex) -> None:
    """Through replacements, removals and compaction; the base class's stack gives the same."""
    from matchmaker.index.vector_index import VectorIndex

    index, model = filled(make_index)
    replaced = random_vectors(5, seed=3)
    index.upsert([2, 9, 40, 61, 62], replaced)
    model.update(zip([2, 9, 40, 61, 62], replaced, strict=True))
    index.remove([5, 33])
    model.pop(5), model.pop(33)
    for _ in range(2):
        keys = np.array([62, 0, 9, 9, 40, 2, 59, 61], dtype=np.int64)
        gathered = index.vectors(keys)
        assert gathered.dtype == np.float32 and gathered.shape == (keys.size, DIM)
        assert gathered.tobytes() == np.stack([model[int(k)] for k in keys]).tobytes()
        assert gathered.tobytes() == VectorIndex.vectors(index, keys).tobytes()
        index.compact()
    assert index.vectors(np.zeros(0, dtype=np.int64)).shape == (0, DIM)
    for missing in (5, 33, 1000, -1):
        with pytest.raises(KeyError):
            index.vectors(np.array([0, missing], dtype=np.int64))
