"""HNSW against exact search on real embeddings of the demo fixtures (the bundled model)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from matchmaker.embedding.embedder import Embedder
from matchmaker.index.faiss_index import FaissIndex
from matchmaker.index.search_strategy import SearchStrategy
from tests.support import FIXTURES


@pytest.fixture(scope="module")
def vectors(real_embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """Every fixture profile as [offering, seeking] unit facets; purchaser queries as [seeking, offering]."""
    profiles = [
        json.loads(line)
        for n in ("exhibitors.jsonl", "purchasers.jsonl")
        for line in (FIXTURES / n).read_text(encoding="utf-8").splitlines()
    ]
    offering = real_embedder.embed([p.get("offering", "") for p in profiles])
    seeking = real_embedder.embed([p.get("seeking", "") for p in profiles])
    data = np.concatenate([offering, seeking], axis=1).astype(np.float32)
    queries = np.concatenate([seeking, offering], axis=1)[-300:].astype(np.float32)
    return data, queries


def exact(data: np.ndarray, query: np.ndarray, allowed: np.ndarray, k: int) -> set[int]:
    scores = np.where(allowed, data @ query, -np.inf)
    return set(np.argsort(-scores, kind="stable")[:k].tolist())


@pytest.mark.slow
def test_hnsw_recall_against_exact(vectors: tuple[np.ndarray, np.ndarray]) -> None:
    data, queries = vectors
    index = FaissIndex(data.shape[1], hnsw_threshold=100, ef_search=128, exact_fraction=0.1)
    index.upsert(np.arange(len(data)), data)
    rng = np.random.default_rng(7)
    everything = np.ones(len(data), dtype=bool)
    assert index.strategy(everything) is SearchStrategy.HNSW
    found = [len(set(index.search(q, 10)[0].tolist()) & exact(data, q, everything, 10)) for q in queries]
    assert sum(found) / (10 * len(queries)) >= 0.98
    ten = rng.random(len(data)) < 0.10
    found = [len(set(index.search(q, 10, ten)[0].tolist()) & exact(data, q, ten, 10)) for q in queries]
    assert sum(found) / (10 * len(queries)) >= 0.99
    one = rng.random(len(data)) < 0.01
    for q in queries:
        keys, _ = index.search(q, 10, one)
        assert set(keys.tolist()) == exact(data, q, one, 10)
