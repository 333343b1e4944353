"""The index benchmark: FaissIndex's exact and HNSW paths beside hnswlib and LanceDB.

For each size it generates one set of synthetic clustered unit vectors (``clustered_unit_vectors``,
a Gaussian mixture on a low-dimensional subspace plus noise, like sentence embeddings) and one set
of filters: every vector gets a bucket ``0..99`` (a permutation, so each filter allows exactly its
share), and the filter allowing ``p%`` admits the buckets below ``p``. Every library is asked the
same queries with the same filters, and recall@10 is measured against an exact (brute-force)
search over the allowed vectors. Searches are one query at a time on one thread (FAISS and
hnswlib; LanceDB runs its own thread pool, which the notes say).

Libraries and paths:

* ``faiss exact``: ``FaissIndex`` below its HNSW threshold, an exact scan of the allowed vectors;
* ``faiss hnsw``: ``FaissIndex`` with its graph, choosing per search between the graph (with the
  filter as an ``IDSelectorBitmap`` and a filter-scaled efSearch) and an exact scan of the
  allowed vectors (see ``FaissIndex.strategy``); the table names the strategy it chose;
* ``hnswlib``: ``chroma-hnswlib`` with the same M and efConstruction, its filter a Python
  callable, efSearch raised for filters as FaissIndex raises it;
* ``lancedb``: an ``IVF_HNSW_SQ`` index with ``prefilter=True`` on the bucket column.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matchmaker.bench.report import Section, Table
from matchmaker.index.faiss_index import FaissIndex, filtered_ef

Vectors = npt.NDArray[np.float32]
Mask = npt.NDArray[np.bool_]
Labels = npt.NDArray[np.int64]

K = 10
#: LanceDB's IVF partitions hold about this many rows each; a search probes this share of them
#: (all: at 20k x 384 probing a quarter gave recall@10 0.73, half 0.91, all 0.99).
LANCE_PARTITION_ROWS = 10_000
LANCE_PROBE_SHARE = 1.0
#: Filters by the share of vectors they allow (``None``: unfiltered).
FILTERS: tuple[float | None, ...] = (None, 0.5, 0.1, 0.01)


@dataclass(frozen=True)
class SizeSpec:
    """One benchmarked size: vectors, dimension, graph parameters, queries and which peers run."""

    n: int
    dim: int
    queries: int = 200
    exact_queries: int = 50
    m: int = 32
    ef_construction: int = 100
    ef_search: int = 128
    peers: bool = True
    #: k of the RecommendPurchasers-like searches (the ranking's ``candidate_pool``); 0: none.
    pool: int = 300
    note: str = ""


#: The full run (see the module docstring of ``run`` for why these dimensions).
FULL_SIZES: tuple[SizeSpec, ...] = (
    SizeSpec(5_000, 2048, note="the service's real dimension (4 facets x 512, USE-multilingual)"),
    SizeSpec(100_000, 384, note="one facet's dimension, the dimension the issue measured the peers at"),
    SizeSpec(
        1_000_000,
        128,
        queries=200,
        exact_queries=20,
        peers=False,
        # M 16 / efConstruction 64 built in 81-368 s but capped the pool search's recall@10 at
        # 0.958 (0.98 only at efSearch 2400); M 32 / 100 built in 302 s and gave 0.992 at 0.8 ms.
        note="synthetic; dimension cut to 128 to fit a 2-core shared machine",
    ),
)
QUICK_SIZES: tuple[SizeSpec, ...] = (
    SizeSpec(5_000, 2048, note="the service's real dimension (4 facets x 512)"),
    SizeSpec(20_000, 384, note="quick mode"),
)


# ---------------------------------------------------------------------- data


def clustered_unit_vectors(
    n: int,
    dim: int,
    *,
    seed: int = 0,
    clusters: int = 100,
    latent: int = 64,
    noise: float = 0.5,
    chunk: int = 100_000,
) -> Vectors:
    """Unit vectors like sentence embeddings: a Gaussian mixture on a low-dimensional subspace, plus noise.

    Generated in chunks so a million rows never need more than their own float32 memory.
    """
    rng = np.random.default_rng(seed)
    latent = min(latent, dim)
    centers = rng.standard_normal((clusters, latent)).astype(np.float32)
    basis = np.linalg.qr(rng.standard_normal((dim, latent)))[0].T.astype(np.float32)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, chunk):
        size = min(chunk, n - start)
        points = centers[rng.integers(0, clusters, size)] + rng.standard_normal((size, latent)).astype(
            np.float32
        )
        block = points @ basis
        block += (noise * math.sqrt(latent / dim)) * rng.standard_normal((size, dim)).astype(np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start : start + size] = block
    return out


def buckets(n: int, seed: int = 1) -> npt.NDArray[np.int64]:
    """Each vector's filter bucket ``0..99``: a permutation's rank scaled, so ``bucket < p`` allows p%."""
    return (np.random.default_rng(seed).permutation(n) * 100 // max(n, 1)).astype(np.int64)


def ground_truth(base: Vectors, queries: Vectors, mask: Mask | None, k: int = K) -> Labels:
    """The exact top ``k`` allowed rows of ``base`` for each query (brute force, in blocks)."""
    out = np.empty((len(queries), k), dtype=np.int64)
    block = max(1, 2_000_000 // max(len(base), 1) * 16)
    for start in range(0, len(queries), block):
        scores = queries[start : start + block] @ base.T
        if mask is not None:
            scores[:, ~mask] = -np.inf
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        order = np.take_along_axis(scores, top, axis=1).argsort(axis=1)[:, ::-1]
        out[start : start + block] = np.take_along_axis(top, order, axis=1)
    return out


def recall_at_k(found: Sequence[Labels], truth: Labels) -> float:
    """Mean share of the true top ``k`` found."""
    shares = [len(set(f.tolist()) & set(t.tolist())) / len(t) for f, t in zip(found, truth, strict=True)]
    return float(np.mean(shares))


def rss_mb() -> float:
    """The resident memory of this process now, MB."""
    with open("/proc/self/statm") as stream:
        return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@dataclass(frozen=True)
class Timing:
    """Latency percentiles of single queries (ms) and the recall@10 of their answers."""

    p50_ms: float
    p99_ms: float
    recall: float


def measure(search: Callable[[Vectors], Labels], queries: Vectors, truth: Labels) -> Timing:
    """Time each query alone (after one warm-up query) and score the answers."""
    search(queries[0])
    found: list[Labels] = []
    times: list[float] = []
    for query in queries:
        start = time.perf_counter()
        found.append(search(query))
        times.append(time.perf_counter() - start)
    ms = 1000 * np.asarray(times)
    return Timing(float(np.percentile(ms, 50)), float(np.percentile(ms, 99)), recall_at_k(found, truth))


def filter_ef(ef_search: int, fraction: float | None, k: int = K) -> int:
    """The efSearch FaissIndex uses for a filter allowing ``fraction`` (given to hnswlib as well)."""
    return filtered_ef(ef_search, k, 1.0 if fraction is None else fraction)


# ---------------------------------------------------------------------- libraries


@dataclass
class Row:
    """One line of the results table."""

    n: int
    dim: int
    library: str
    filter: str
    strategy: str
    build_s: float
    memory_mb: float
    p50_ms: float
    p99_ms: float
    recall: float

    def cells(self) -> list[Any]:
        """The table cells."""
        return [
            self.n,
            self.dim,
            self.library,
            self.filter,
            self.strategy,
            self.build_s,
            self.memory_mb,
            self.p50_ms,
            self.p99_ms,
            self.recall,
        ]


COLUMNS = ["n", "dim", "library", "filter", "path", "build s", "memory MB", "p50 ms", "p99 ms", "recall@10"]


def _filter_name(fraction: float | None) -> str:
    return "none" if fraction is None else f"{fraction:.0%}"


@dataclass
class _Case:
    spec: SizeSpec
    base: Vectors
    queries: Vectors
    bucket: npt.NDArray[np.int64]
    masks: dict[float | None, Mask | None]
    truths: dict[float | None, Labels]


def _faiss_rows(case: _Case, *, graph: bool, progress: Callable[[str], object]) -> list[Row]:
    spec = case.spec
    n = len(case.base)
    progress(f"  faiss {'hnsw' if graph else 'exact'}: building")
    before = rss_mb()
    start = time.perf_counter()
    index = FaissIndex(
        spec.dim,
        hnsw_threshold=1 if graph else n + 1,
        hnsw_m=spec.m,
        ef_construction=spec.ef_construction,
        ef_search=spec.ef_search,
        build_threads=os.cpu_count() or 1,
    )
    index.upsert(np.arange(n), case.base)
    build = time.perf_counter() - start
    memory = max(rss_mb() - before, index.nbytes / 2**20)
    rows: list[Row] = []
    few = case.queries if graph else case.queries[: spec.exact_queries]
    for fraction, mask in case.masks.items():
        truth = case.truths[fraction][: len(few)]

        def search(query: Vectors, allowed: Mask | None = mask) -> Labels:
            return index.search(query, K, allowed)[0]

        timing = measure(search, few, truth)
        strategy = index.strategy(mask, K).value
        library = "faiss hnsw" if graph else "faiss exact"
        rows.append(Row(n, spec.dim, library, _filter_name(fraction), strategy, build, memory, *_t(timing)))
        progress(f"    {rows[-1].cells()}")
    if graph and spec.pool:
        # The recommender's dense retrieval: the candidate pool, of which the ranking keeps the best.
        for fraction in (None, 0.5):
            mask = case.masks[fraction]

            def pool_search(query: Vectors, allowed: Mask | None = mask) -> Labels:
                return index.search(query, spec.pool, allowed)[0][:K]

            timing = measure(pool_search, case.queries, case.truths[fraction])
            name = f"{_filter_name(fraction)}, k {spec.pool}"
            strategy = index.strategy(mask, spec.pool).value
            rows.append(Row(n, spec.dim, "faiss hnsw", name, strategy, build, memory, *_t(timing)))
            progress(f"    {rows[-1].cells()}")
    return rows


def _t(timing: Timing) -> tuple[float, float, float]:
    return timing.p50_ms, timing.p99_ms, timing.recall


def _hnswlib_rows(case: _Case, progress: Callable[[str], object]) -> list[Row]:
    import hnswlib  # type: ignore[import-untyped]

    spec = case.spec
    n = len(case.base)
    progress("  hnswlib: building")
    before = rss_mb()
    start = time.perf_counter()
    index = hnswlib.Index(space="ip", dim=spec.dim)
    index.init_index(max_elements=n, M=spec.m, ef_construction=spec.ef_construction)
    index.set_num_threads(os.cpu_count() or 1)
    index.add_items(case.base, np.arange(n))
    build = time.perf_counter() - start
    memory = rss_mb() - before
    index.set_num_threads(1)
    rows: list[Row] = []
    for fraction, mask in case.masks.items():
        index.set_ef(filter_ef(spec.ef_search, fraction))
        allowed = mask

        def search(query: Vectors, allowed: Mask | None = allowed) -> Labels:
            if allowed is None:
                labels, _ = index.knn_query(query, k=K, num_threads=1)
            else:
                try:
                    labels, _ = index.knn_query(
                        query, k=K, num_threads=1, filter=lambda label: bool(allowed[label])
                    )
                except RuntimeError:  # hnswlib found fewer than k: it returns nothing, so recall 0
                    return np.empty(0, dtype=np.int64)
            return np.asarray(labels[0], dtype=np.int64)

        timing = measure(search, case.queries, case.truths[fraction])
        rows.append(Row(n, spec.dim, "hnswlib", _filter_name(fraction), "hnsw", build, memory, *_t(timing)))
        progress(f"    {rows[-1].cells()}")
    return rows


def _lancedb_rows(case: _Case, progress: Callable[[str], object]) -> list[Row]:
    import lancedb
    import pyarrow as pa  # type: ignore[import-untyped]
    from lancedb.index import BTree, HnswSq

    spec = case.spec
    n = len(case.base)
    folder = Path(tempfile.mkdtemp(prefix="matchmaker-bench-lance-"))
    try:
        progress("  lancedb: building")
        before = rss_mb()
        start = time.perf_counter()
        db = lancedb.connect(str(folder))
        vectors = pa.FixedSizeListArray.from_arrays(pa.array(case.base.reshape(-1)), spec.dim)
        data = pa.table({"id": pa.array(np.arange(n)), "bucket": pa.array(case.bucket), "vector": vectors})
        table = db.create_table("vectors", data)
        partitions = max(1, n // LANCE_PARTITION_ROWS)
        config = HnswSq(
            distance_type="dot", num_partitions=partitions, m=spec.m, ef_construction=spec.ef_construction
        )
        table.create_index("vector", config=config)
        table.create_index("bucket", config=BTree())
        build = time.perf_counter() - start
        memory = max(rss_mb() - before, 0.0)
        disk = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20
        progress(f"    built in {build:.1f} s, {disk:.0f} MB on disk, {partitions} partitions")
        rows: list[Row] = []
        nprobes = max(1, math.ceil(partitions * LANCE_PROBE_SHARE))
        for fraction in case.masks:
            where = None if fraction is None else f"bucket < {round(fraction * 100)}"
            ef = filter_ef(spec.ef_search, fraction)

            def search(query: Vectors, where: str | None = where, ef: int = ef) -> Labels:
                builder: Any = table.search(query)
                builder = builder.metric("dot").nprobes(nprobes).ef(ef).limit(K)
                if where is not None:
                    builder = builder.where(where, prefilter=True)
                return np.asarray(builder.to_arrow()["id"].to_numpy(), dtype=np.int64)

            timing = measure(search, case.queries, case.truths[fraction])
            rows.append(
                Row(
                    n,
                    spec.dim,
                    "lancedb",
                    _filter_name(fraction),
                    f"ivf_hnsw_sq nprobes {nprobes}",
                    build,
                    max(memory, disk),
                    *_t(timing),
                )
            )
            progress(f"    {rows[-1].cells()}")
        return rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------------- the run


def bench_size(spec: SizeSpec, progress: Callable[[str], object] = print, *, seed: int = 0) -> list[Row]:
    """Every library and path at one size."""
    progress(f"index bench: {spec.n:,} x {spec.dim}: generating")
    data = clustered_unit_vectors(spec.n + spec.queries, spec.dim, seed=seed)
    queries, base = data[: spec.queries], data[spec.queries :]
    bucket = buckets(spec.n)
    masks: dict[float | None, Mask | None] = {
        f: None if f is None else bucket < round(f * 100) for f in FILTERS
    }
    progress("  exact ground truth")
    truths = {f: ground_truth(base, queries, m) for f, m in masks.items()}
    case = _Case(spec, base, queries, bucket, masks, truths)
    rows = _faiss_rows(case, graph=False, progress=progress)
    rows += _faiss_rows(case, graph=True, progress=progress)
    if spec.peers:
        rows += _hnswlib_rows(case, progress)
        rows += _lancedb_rows(case, progress)
    return rows


def _plot(rows: list[Row], out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names: list[str] = []
    for n in sorted({r.n for r in rows}):
        at = [r for r in rows if r.n == n]
        figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
        filters = [_filter_name(f) for f in FILTERS]
        libraries = list(dict.fromkeys(r.library for r in at))
        width = 0.8 / max(len(libraries), 1)
        for i, library in enumerate(libraries):
            by_filter = {r.filter: r for r in at if r.library == library}
            xs = [j + i * width for j in range(len(filters))]
            p50 = [by_filter[f].p50_ms if f in by_filter else 0 for f in filters]
            recall = [by_filter[f].recall if f in by_filter else 0 for f in filters]
            left.bar(xs, p50, width, label=library)
            right.bar(xs, recall, width, label=library)
        for axis, label in ((left, "p50 ms (one query, one thread)"), (right, "recall@10")):
            axis.set_xticks([j + 0.4 - width / 2 for j in range(len(filters))], filters)
            axis.set_xlabel("filter (share allowed)")
            axis.set_ylabel(label)
        left.set_yscale("log")
        right.set_ylim(min(0.8, min(r.recall for r in at) - 0.02), 1.005)
        right.legend(fontsize=8, loc="lower left")
        figure.suptitle(f"Index search at {n:,} vectors x {at[0].dim}")
        figure.tight_layout()
        name = f"index_{n}.png"
        figure.savefig(out / name, dpi=100)
        plt.close(figure)
        names.append(name)
    return names


def run(
    out: Path,
    quick: bool,
    *,
    sizes: Sequence[SizeSpec] | None = None,
    progress: Callable[[str], object] = print,
) -> Section:
    """Benchmark every size (``sizes``, else the quick or the full set) and report it.

    Dimensions. The service stores the concatenated unit facet vectors: 4 facets x 512
    (USE-multilingual) = 2048 dimensions (``Catalog.index_vector``). 5k vectors use that; 100k
    use 384 (one e5-small facet, and the dimension the issue measured the peers at), since three
    libraries' graphs at 2048 dimensions do not build in minutes on 2 shared cores; 1M use 128,
    FaissIndex only, and are synthetic.
    """
    out.mkdir(parents=True, exist_ok=True)
    chosen = list(sizes if sizes is not None else (QUICK_SIZES if quick else FULL_SIZES))
    rows: list[Row] = []
    started = time.perf_counter()
    for spec in chosen:
        rows += bench_size(spec, progress)
    elapsed = time.perf_counter() - started
    table = Table(
        "Index search: one query at a time, k = 10, recall against exact search over the allowed vectors",
        COLUMNS,
        [r.cells() for r in rows],
    )
    notes = [
        "Synthetic clustered unit vectors (Gaussian mixture of 100 clusters on a 64-dimensional "
        "subspace plus noise, normalised); 200 queries from the same distribution. Filters: every "
        "vector has a bucket 0..99 (a permutation), a filter allowing p% admits buckets below p, "
        "the same for every library.",
        "Sizes: "
        + "; ".join(
            f"{s.n:,} x {s.dim} (M {s.m}, efConstruction {s.ef_construction}"
            f"{'' if s.peers else ', FaissIndex only'}): {s.note}"
            for s in chosen
        )
        + ".",
        "faiss exact: FaissIndex below its HNSW threshold (an exact scan, measured on the first "
        f"{chosen[0].exact_queries if chosen else 0} queries where large). faiss hnsw: FaissIndex with "
        "its graph; 'path' is the strategy it chose (an exact scan of the allowed vectors when they "
        "are few or sparse, else the graph with a bitmap and a filter-scaled efSearch). hnswlib "
        "(chroma-hnswlib) filters with a Python callable, efSearch raised as FaissIndex raises it. "
        "LanceDB: IVF_HNSW_SQ, prefilter on a bucket column with a scalar index; its searches use "
        "LanceDB's own thread pool (not limited to one thread).",
        "Memory: the resident-memory growth while building (FaissIndex: at least its own estimate; "
        "LanceDB: at least its files on disk). Builds use every core; searches one thread.",
        "Filter 'none, k 300' and '50%, k 300': the RecommendPurchasers-like search, the dense "
        "retrieval of the recommender asking for its candidate pool (300); recall@10 of the pool's "
        "top 10 against the exact top 10.",
        f"Run time {elapsed:.0f} s.",
    ]
    plots = _plot(rows, out) if rows else []
    return Section(
        "Vector index",
        notes=notes,
        tables=[table],
        plots=plots,
        data={"rows": [dict(zip(COLUMNS, r.cells(), strict=True)) for r in rows], "seconds": elapsed},
    )
