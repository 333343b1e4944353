"""Recall on 20k synthetic clustered unit vectors of dimension 384, with the HNSW graph in use.

A threshold of 1,000 forces the graph. Two indexes share the data: one with the default search
strategy, and one that always answers with the graph (to hold the filtered graph search itself to
the same bar). Ground truth is brute force in numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pytest

from matchmaker.index.faiss_index import FaissIndex
from matchmaker.index.index_kind import IndexKind
from matchmaker.index.search_strategy import SearchStrategy
from tests.index.synthetic import clustered_unit_vectors, random_mask, recall_at_k

N = 20_000
DIM = 384
K = 10
QUERIES = 200
# A cheaper graph than the defaults keeps the build at a few seconds; search uses ef_search=128.
GRAPH = {"hnsw_threshold": 1_000, "hnsw_m": 16, "ef_construction": 64}


@dataclass(frozen=True)
class Corpus:
    base: npt.NDArray[np.float32]
    queries: npt.NDArray[np.float32]
    index: FaissIndex  # default strategy
    graph_only: FaissIndex  # every non-empty search through the graph

    def truth(self, allowed: npt.NDArray[np.bool_] | None, k: int = K) -> npt.NDArray[np.int64]:
        scores = self.queries @ self.base.T
        if allowed is not None:
            scores[:, ~allowed] = -np.inf
        return np.argsort(-scores, axis=1)[:, :k]

    def recall(self, index: FaissIndex, allowed: npt.NDArray[np.bool_] | None) -> float:
        found = index.search_many(self.queries, K, allowed)
        return float(
            np.mean(
                [
                    recall_at_k(keys, truth)
                    for (keys, _), truth in zip(found, self.truth(allowed), strict=True)
                ]
            )
        )


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    vectors = clustered_unit_vectors(N + QUERIES, DIM, seed=7, latent=128, noise=1.0)
    queries, base = vectors[:QUERIES], np.ascontiguousarray(vectors[QUERIES:])
    index = FaissIndex(DIM, **GRAPH)
    graph_only = FaissIndex(DIM, **GRAPH, exact_count=0, exact_fraction=0.0)
    for target in (index, graph_only):
        target.upsert(np.arange(N), base)
        assert target.kind is IndexKind.HNSW
    return Corpus(base, queries, index, graph_only)


def test_unfiltered_recall(corpus: Corpus) -> None:
    assert corpus.index.strategy() is SearchStrategy.HNSW
    assert corpus.recall(corpus.index, None) >= 0.98


@pytest.mark.parametrize("which", ["index", "graph_only"])
def test_recall_with_ten_percent_allowed(corpus: Corpus, which: str) -> None:
    allowed = random_mask(N, 0.10, seed=1)
    index: FaissIndex = getattr(corpus, which)
    if which == "graph_only":
        assert index.strategy(allowed) is SearchStrategy.HNSW
    assert corpus.recall(index, allowed) >= 0.99


def test_one_percent_allowed_is_exact(corpus: Corpus) -> None:
    allowed = random_mask(N, 0.01, seed=2)
    assert corpus.index.strategy(allowed) is SearchStrategy.EXACT
    for query, truth in zip(corpus.queries[:50], corpus.truth(allowed)[:50], strict=True):
        keys, scores = corpus.index.search(query, K, allowed)
        assert keys.tolist() == truth.tolist()
        np.testing.assert_allclose(scores, corpus.base[truth] @ query, rtol=1e-5)


def test_k_larger_than_the_allowed_count(corpus: Corpus) -> None:
    allowed = random_mask(N, 0.0005, seed=3)  # 10 keys
    for index in (corpus.index, corpus.graph_only):
        keys, _ = index.search(corpus.queries[0], 50, allowed)
        assert sorted(keys.tolist()) == np.flatnonzero(allowed).tolist()


def test_recall_with_tombstones_in_the_graph() -> None:
    """Removed vectors stay in the graph as zero vectors until compaction; recall must hold."""
    vectors = clustered_unit_vectors(10_000 + QUERIES, DIM, seed=8, latent=128, noise=1.0)
    queries, base = vectors[:QUERIES], vectors[QUERIES:]
    index = FaissIndex(DIM, **GRAPH)
    index.upsert(np.arange(10_000), base)
    removed = np.random.default_rng(0).choice(10_000, 1_500, replace=False)
    index.remove(removed)
    assert index.stored == 10_000 and index.strategy() is SearchStrategy.HNSW  # 15%: no compaction yet
    live = np.ones(10_000, dtype=bool)
    live[removed] = False
    scores = queries @ base.T
    scores[:, removed] = -np.inf
    truth = np.argsort(-scores, axis=1)[:, :K]
    found = index.search_many(queries, K)
    assert all(live[keys].all() for keys, _ in found)
    assert np.mean([recall_at_k(keys, row) for (keys, _), row in zip(found, truth, strict=True)]) >= 0.98
