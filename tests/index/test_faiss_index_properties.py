"""Property-based tests: any sequence of upserts and removes leaves FaissIndex agreeing with a dict.

The model is a plain ``dict[key, vector]`` searched by brute force. On the HNSW configuration the
data stays small enough (efSearch >= stored vectors) for a graph search to be exhaustive.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.index.faiss_index import FaissIndex
from tests.index.synthetic import exact_top_k

DIM = 6
KEYS = st.integers(min_value=0, max_value=40)

CONFIGS: dict[str, dict[str, Any]] = {
    "flat": {},
    "hnsw": {
        "hnsw_threshold": 8,
        "hnsw_m": 8,
        "ef_construction": 32,
        "exact_fraction": 0.0,
        "exact_count": 0,
    },
    "hnsw-auto": {"hnsw_threshold": 8, "hnsw_m": 8, "ef_construction": 32, "exact_count": 10},
}

UPSERT = st.tuples(st.just("upsert"), st.lists(KEYS, min_size=1, max_size=8))
REMOVE = st.tuples(st.just("remove"), st.lists(st.integers(min_value=0, max_value=50), max_size=6))
COMPACT = st.tuples(st.just("compact"), st.just([]))
OPERATIONS = st.lists(st.one_of(UPSERT, UPSERT, REMOVE, COMPACT), max_size=20)
MASKS = st.one_of(
    st.none(), st.lists(st.booleans(), max_size=50).map(lambda bits: np.array(bits, dtype=bool))
)


def apply(
    index: FaissIndex,
    model: dict[int, npt.NDArray[np.float32]],
    operations: list[tuple[str, list[int]]],
    seed: int,
) -> None:
    rng = np.random.default_rng(seed)
    for name, keys in operations:
        if name == "upsert":
            vectors = rng.standard_normal((len(keys), DIM)).astype(np.float32)
            index.upsert(keys, vectors)
            for key, vector in zip(keys, vectors, strict=True):
                model[key] = vector
        elif name == "remove":
            index.remove(keys)
            for key in keys:
                model.pop(key, None)
        else:
            index.compact()


def check_search(
    index: FaissIndex,
    model: dict[int, npt.NDArray[np.float32]],
    query: npt.NDArray[np.float32],
    k: int,
    allowed: npt.NDArray[np.bool_] | None,
) -> None:
    keys, scores = index.search(query, k, allowed)
    permitted = {key for key in model if allowed is None or (key < len(allowed) and allowed[key])}
    assert keys.dtype == np.int64 and scores.dtype == np.float32
    assert len(keys) == len(scores) == min(k, len(permitted))
    assert len(set(keys.tolist())) == len(keys)
    assert set(keys.tolist()) <= permitted  # never a removed, replaced-away or filtered-out key
    assert np.all(np.diff(scores) <= 0)
    own_scores = [float(model[key] @ query) for key in keys.tolist()]
    np.testing.assert_allclose(scores, own_scores, rtol=1e-5, atol=1e-5)  # the current vector's score
    _, best_scores = exact_top_k(model, query, k, allowed)
    np.testing.assert_allclose(scores, best_scores, rtol=1e-5, atol=1e-5)  # and the best ones (up to ties)


@pytest.mark.parametrize("config", sorted(CONFIGS))
@settings(max_examples=60, deadline=None)
@given(operations=OPERATIONS, seed=st.integers(0, 2**32 - 1), k=st.integers(0, 45), allowed=MASKS)
def test_index_agrees_with_a_dict_model(
    config: str,
    operations: list[tuple[str, list[int]]],
    seed: int,
    k: int,
    allowed: npt.NDArray[np.bool_] | None,
) -> None:
    index = FaissIndex(DIM, **CONFIGS[config])
    model: dict[int, npt.NDArray[np.float32]] = {}
    apply(index, model, operations, seed)
    assert len(index) == len(model)
    assert index.keys().tolist() == sorted(model)
    assert index.stored - len(index) <= 0.2 * index.stored  # compaction keeps tombstones in check
    for key, vector in model.items():
        assert key in index
        np.testing.assert_array_equal(index.vector(key), vector)
    queries = np.random.default_rng(seed + 1).standard_normal((3, DIM)).astype(np.float32)
    for query in queries:
        check_search(index, model, query, k, allowed)
    for (keys, scores), query in zip(index.search_many(queries, k, allowed), queries, strict=True):
        single_keys, single_scores = index.search(query, k, allowed)
        assert keys.tolist() == single_keys.tolist()
        np.testing.assert_allclose(scores, single_scores, rtol=1e-6)


@settings(max_examples=25, deadline=None)
@given(operations=OPERATIONS, seed=st.integers(0, 2**32 - 1))
def test_save_then_load_answers_the_same(
    operations: list[tuple[str, list[int]]], seed: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    index = FaissIndex(DIM, **CONFIGS["hnsw"])
    apply(index, {}, operations, seed)
    directory = tmp_path_factory.mktemp("snapshot")
    index.save(directory, {"seed": seed})
    loaded, metadata = FaissIndex.load(directory)
    assert metadata == {"seed": seed} and loaded.keys().tolist() == index.keys().tolist()
    for query in np.random.default_rng(seed).standard_normal((3, DIM)).astype(np.float32):
        expected_keys, expected_scores = index.search(query, 10)
        keys, scores = loaded.search(query, 10)
        assert keys.tolist() == expected_keys.tolist()
        np.testing.assert_allclose(scores, expected_scores, rtol=1e-6)  # a flat index is saved compacted
