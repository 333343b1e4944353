"""Benchmark FaissIndex on synthetic clustered unit vectors: build time, memory, latency, recall@10.

Not a test: it prints tables. For each dimension (default 1152, the three-facet profile vector,
and 384, one facet) it builds an exact index and an HNSW index over ``--n`` vectors and measures:

* the strategy ``FaissIndex`` chooses, queries per second (one thread, one query at a time) and
  recall@10 against brute force, unfiltered and with random filters allowing 10%, 5% and 1%;
* the same filters answered by the graph regardless (what the strategy avoids), with the
  filter-scaled efSearch and with the plain ``ef_search`` (a raw FAISS ``IDSelectorBitmap``);
* the cost of an exact scan against the allowed count, the basis of ``exact_count``;
* recall with 15% tombstones (zeroed vectors left in the graph) and the compaction time.

The side-by-side benchmark with hnswlib and LanceDB is ``matchmaker.bench.index_bench`` (run by
``matchmaker bench``); this script keeps the FaissIndex-only diagnostics, on its data generator
and exact reference. The data mirrors ``tests/index/synthetic.py``: a Gaussian mixture on a
``--latent``-dimensional subspace plus isotropic noise, normalised, like sentence embeddings (low
intrinsic dimension).

    .venv/bin/python scripts/bench_index.py                  # 100k vectors, dims 1152 and 384
    .venv/bin/python scripts/bench_index.py --n 20000 --dims 384
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matchmaker.bench.index_bench import clustered_unit_vectors, ground_truth, rss_mb
from matchmaker.index.faiss_index import FaissIndex
from matchmaker.index.search_strategy import SearchStrategy

Vectors = npt.NDArray[np.float32]
Mask = npt.NDArray[np.bool_]


def random_mask(size: int, fraction: float, seed: int) -> Mask:
    mask = np.zeros(size, dtype=bool)
    mask[np.random.default_rng(seed).choice(size, round(size * fraction), replace=False)] = True
    return mask


@dataclass
class Row:
    dim: int
    scenario: str
    strategy: str
    build_s: float | None
    memory_mb: float | None
    ms_per_query: float
    recall: float

    def line(self) -> str:
        build = f"{self.build_s:8.1f}" if self.build_s is not None else " " * 8
        memory = f"{self.memory_mb:9.0f}" if self.memory_mb is not None else " " * 9
        qps = 1000 / self.ms_per_query if self.ms_per_query else float("inf")
        return (
            f"{self.dim:5d}  {self.scenario:<34} {self.strategy:<7} {build} {memory} "
            f"{self.ms_per_query:9.3f} {qps:8.0f} {self.recall:9.4f}"
        )


HEADER = "  dim  scenario                           strategy build s memory MB  ms/query      QPS recall@10"


def measure(
    search: Callable[[Vectors], npt.NDArray[np.int64]], queries: Vectors, truth: npt.NDArray[np.int64]
) -> tuple[float, float]:
    """Mean milliseconds per query (sequential, one thread) and mean recall@10."""
    search(queries[0])  # warm up
    found = []
    start = time.perf_counter()
    for query in queries:
        found.append(search(query))
    elapsed = time.perf_counter() - start
    recall = np.mean(
        [len(set(f.tolist()) & set(t.tolist())) / len(t) for f, t in zip(found, truth, strict=True)]
    )
    return 1000 * elapsed / len(queries), float(recall)


def bench_dim(dim: int, args: argparse.Namespace) -> list[Row]:
    n, k = args.n, 10
    print(f"\n== dim {dim}: generating {n} vectors", flush=True)
    data = clustered_unit_vectors(
        n + args.queries, dim, seed=args.seed, clusters=args.clusters, latent=args.latent, noise=args.noise
    )
    queries, base = data[: args.queries], np.ascontiguousarray(data[args.queries :])
    keys = np.arange(n)
    masks: dict[str, Mask | None] = {
        "unfiltered": None,
        "filter 10%": random_mask(n, 0.10, 1),
        "filter 5%": random_mask(n, 0.05, 2),
        "filter 1%": random_mask(n, 0.01, 3),
    }
    truths = {name: ground_truth(base, queries, mask) for name, mask in masks.items()}
    rows: list[Row] = []

    before = rss_mb()
    start = time.perf_counter()
    exact = FaissIndex(dim, hnsw_threshold=n + 1)
    exact.upsert(keys, base)
    build = time.perf_counter() - start
    memory = rss_mb() - before
    few = args.exact_queries
    ms, recall = measure(lambda q: exact.search(q, k)[0], queries[:few], truths["unfiltered"][:few])
    rows.append(Row(dim, "exact index, unfiltered", exact.strategy().value, build, memory, ms, recall))
    print(rows[-1].line(), f"  (nbytes {exact.nbytes / 2**20:.0f} MB)", flush=True)
    exact.remove(keys)  # free the memory before the next build

    print(
        f"   building HNSW (M {args.m}, efConstruction {args.ef_construction}, "
        f"{args.build_threads} build threads) ...",
        flush=True,
    )
    before = rss_mb()
    start = time.perf_counter()
    index = FaissIndex(
        dim,
        hnsw_m=args.m,
        ef_construction=args.ef_construction,
        ef_search=args.ef_search,
        build_threads=args.build_threads,
    )
    index.upsert(keys, base)
    build = time.perf_counter() - start
    memory = rss_mb() - before
    print(
        f"   built in {build:.1f} s; RSS +{memory:.0f} MB, nbytes {index.nbytes / 2**20:.0f} MB", flush=True
    )
    unfiltered_ms = 0.0
    for name, mask in masks.items():
        ms, recall = measure(lambda q, m=mask: index.search(q, k, m)[0], queries, truths[name])
        first = name == "unfiltered"
        unfiltered_ms = ms if first else unfiltered_ms
        rows.append(
            Row(
                dim,
                f"HNSW index, {name}",
                index.strategy(mask).value,
                build if first else None,
                memory if first else None,
                ms,
                recall,
            )
        )
        print(rows[-1].line(), flush=True)

    # The graph regardless of the strategy (private knobs, for measurement only).
    chosen = (index._exact_count, index._exact_fraction)
    index._exact_count, index._exact_fraction = 0, 0.0
    for name in ("filter 10%", "filter 5%", "filter 1%"):
        mask = masks[name]
        assert index.strategy(mask) is SearchStrategy.HNSW
        ms, recall = measure(lambda q, m=mask: index.search(q, k, m)[0], queries, truths[name])
        rows.append(Row(dim, f"  forced graph, scaled ef, {name}", "hnsw", None, None, ms, recall))
        print(rows[-1].line(), flush=True)
    index._exact_count, index._exact_fraction = chosen
    for name in ("filter 10%", "filter 5%", "filter 1%"):
        ms, recall = measure(
            lambda q, m=masks[name]: raw_filtered_search(index, q, k, m, args.ef_search),
            queries,
            truths[name],
        )
        rows.append(Row(dim, f"  raw FAISS ef {args.ef_search}, {name}", "hnsw", None, None, ms, recall))
        print(rows[-1].line(), flush=True)

    print("   exact scan cost against the allowed count (one query, FaissIndex exact path):")
    index._exact_count = n  # every filtered search exact
    counts = [count for count in (1_000, 2_000, 5_000, 10_000, 20_000, 50_000) if count <= n]
    costs = []
    for count in counts:
        mask = random_mask(n, count / n, 10 + count)
        ms, _ = measure(lambda q, m=mask: index.search(q, k, m)[0], queries[:100], truths["unfiltered"][:100])
        costs.append(ms)
        print(
            f"     {count:7d} allowed: {ms:7.3f} ms ({ms / unfiltered_ms:4.1f} x an unfiltered graph search)",
            flush=True,
        )
    index._exact_count = chosen[0]
    # Least squares through the origin over the counts that matter for the choice (up to 10k).
    small = [(count, cost) for count, cost in zip(counts, costs, strict=True) if count <= 10_000]
    per_vector = sum(c * t for c, t in small) / sum(c * c for c, _ in small)
    print(
        f"     an exact scan costs {1000 * per_vector:.3f} us per allowed vector: one unfiltered graph "
        f"search ({unfiltered_ms:.3f} ms) buys {unfiltered_ms / per_vector:.0f} (the exact_count default "
        f"is {chosen[0]})",
        flush=True,
    )

    removed = np.random.default_rng(5).choice(n, int(0.15 * n), replace=False)
    index.remove(removed)
    survivors = np.ones(n, dtype=bool)
    survivors[removed] = False
    truth = ground_truth(base, queries, survivors)
    ms, recall = measure(lambda q: index.search(q, k)[0], queries, truth)
    rows.append(Row(dim, "HNSW, 15% tombstones (zeroed)", index.strategy().value, None, None, ms, recall))
    print(rows[-1].line(), flush=True)
    start = time.perf_counter()
    index.compact()
    compaction = time.perf_counter() - start
    ms, recall = measure(lambda q: index.search(q, k)[0], queries, truth)
    rows.append(Row(dim, "HNSW, after compaction", index.strategy().value, compaction, None, ms, recall))
    print(rows[-1].line(), flush=True)
    return rows


def raw_filtered_search(
    index: FaissIndex, query: Vectors, k: int, mask: Mask, ef: int
) -> npt.NDArray[np.int64]:
    """A plain FAISS HNSW search with an IDSelectorBitmap at a fixed efSearch (slots are keys here)."""
    import faiss

    bitmap = np.packbits(mask, bitorder="little")
    selector = faiss.IDSelectorBitmap(len(bitmap), faiss.swig_ptr(bitmap))
    params = faiss.SearchParametersHNSW(sel=selector, efSearch=ef)
    _, labels = index._index.search(query.reshape(1, -1), k, params=params)
    return labels[0][labels[0] >= 0].astype(np.int64)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--dims", type=int, nargs="+", default=[1152, 384])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--exact-queries", type=int, default=100)
    parser.add_argument("--m", type=int, default=32)
    parser.add_argument("--ef-construction", type=int, default=200)
    parser.add_argument("--ef-search", type=int, default=128)
    parser.add_argument("--build-threads", type=int, default=1)
    parser.add_argument("--clusters", type=int, default=100)
    parser.add_argument("--latent", type=int, default=64)
    parser.add_argument("--noise", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(
        f"{args.n} vectors, {args.queries} queries, {os.cpu_count()} cores; searches on one thread; "
        f"data: {args.clusters} clusters, latent {args.latent}, noise {args.noise}"
    )
    rows = [row for dim in args.dims for row in bench_dim(dim, args)]
    print("\n" + HEADER)
    for row in rows:
        print(row.line())
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MB")


if __name__ == "__main__":
    main()
