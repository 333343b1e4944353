"""The index benchmark on a tiny size: its table, its plot and the correctness of its references."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matchmaker.bench.index_bench import (
    COLUMNS,
    FILTERS,
    SizeSpec,
    buckets,
    clustered_unit_vectors,
    filter_ef,
    ground_truth,
    recall_at_k,
    run,
)


def test_run_reports_every_library_and_filter(tmp_path: Path) -> None:
    spec = SizeSpec(1_200, 16, queries=12, exact_queries=6, m=8, ef_construction=20, ef_search=16)
    section = run(tmp_path, True, sizes=[spec], progress=lambda _: None)

    (table,) = section.tables
    assert table.columns == COLUMNS
    records = [dict(zip(COLUMNS, row, strict=True)) for row in table.rows]
    libraries = ["faiss exact", "faiss hnsw", "hnswlib", "lancedb"]
    filters = {library: ["none", "50%", "10%", "1%"] for library in libraries}
    filters["faiss hnsw"] += ["none, k 300", "50%, k 300"]
    assert [(r["library"], r["filter"]) for r in records] == [
        (library, name) for library in libraries for name in filters[library]
    ]
    assert all(0.0 <= r["recall@10"] <= 1.0 and r["p50 ms"] <= r["p99 ms"] for r in records)
    # The exact path is the reference's equal whatever the filter.
    assert [r["recall@10"] for r in records if r["library"] == "faiss exact"] == [1.0] * 4
    assert section.plots == ["index_1200.png"]
    assert (tmp_path / "index_1200.png").stat().st_size > 0
    assert len(section.data["rows"]) == len(table.rows)


def test_run_without_peers_reports_faiss_only(tmp_path: Path) -> None:
    spec = SizeSpec(300, 8, queries=5, exact_queries=5, m=4, ef_construction=10, peers=False)
    section = run(tmp_path, True, sizes=[spec], progress=lambda _: None)
    assert {row[2] for row in section.tables[0].rows} == {"faiss exact", "faiss hnsw"}


@pytest.mark.parametrize("n", [100, 1_000, 12_345])
def test_buckets_make_each_filter_allow_exactly_its_share(n: int) -> None:
    bucket = buckets(n)
    for fraction in FILTERS:
        if fraction is not None:
            allowed = int((bucket < round(fraction * 100)).sum())
            assert abs(allowed - fraction * n) <= 1


def test_generated_vectors_are_unit_and_chunking_keeps_the_shape() -> None:
    vectors = clustered_unit_vectors(250, 12, chunk=100)
    assert vectors.shape == (250, 12)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_ground_truth_is_the_brute_force_top_k_among_the_allowed() -> None:
    base = clustered_unit_vectors(200, 8, seed=3)
    queries = clustered_unit_vectors(5, 8, seed=4)
    mask = np.zeros(200, dtype=bool)
    mask[::7] = True
    truth = ground_truth(base, queries, mask, k=5)
    for query, found in zip(queries, truth, strict=True):
        scores = np.where(mask, base @ query, -np.inf)
        assert found.tolist() == np.argsort(-scores, kind="stable")[:5].tolist()


@pytest.mark.parametrize(
    ("found", "truth", "expected"),
    [
        ([[1, 2, 3]], [[1, 2, 3]], 1.0),
        ([[3, 2, 1]], [[1, 2, 3]], 1.0),
        ([[1, 9, 8]], [[1, 2, 3]], 1 / 3),
        ([[7, 8, 9], [1, 2, 3]], [[1, 2, 3], [1, 2, 3]], 0.5),
    ],
)
def test_recall_at_k(found: list[list[int]], truth: list[list[int]], expected: float) -> None:
    assert recall_at_k([np.asarray(f) for f in found], np.asarray(truth)) == pytest.approx(expected)


@pytest.mark.parametrize(("fraction", "expected"), [(None, 128), (0.5, 160), (0.1, 800), (0.01, 8000)])
def test_filter_ef_scales_like_faiss_index(fraction: float | None, expected: int) -> None:
    assert filter_ef(128, fraction) == expected
