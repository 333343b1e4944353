"""FaissIndex: exact search for small sets, HNSW for large ones, bitmap selectors for filters.

Layout. Every vector lives once, in a FAISS flat store: ``IndexFlatIP`` while the index is small,
the storage of an ``IndexHNSWFlat`` once it is large. A vector's position in that store is its
*slot*; two arrays map slots to keys and keys to slots. Exact scans read the store in place.

Deletion. HNSW cannot remove a vector, so a removed or replaced key leaves a *tombstone*: its slot
maps to no key, is excluded from every search by an ``IDSelectorBitmap``, and its vector is
overwritten with zeros at once, so the removed vector is gone from memory and from any later
``save`` even before compaction (its graph node and links stay until then). When tombstones
exceed ``compact_ratio`` of the stored vectors the index is rebuilt from the live vectors, which
removes the tombstones' nodes too; ``compact()`` does it on demand.

Strategy. A search is exact (an inner-product scan over the allowed vectors only) when the index
is below ``hnsw_threshold`` live vectors, when the allowed vectors are so few that scanning them
costs no more than a graph search, or when they are so sparse among the stored vectors that a
filtered graph search loses recall; otherwise it is an HNSW search with the filter as a bitmap.
See ``FaissIndex.strategy`` and the figures in ``scripts/bench_index.py``.

Threads. OpenMP's thread count is a per-thread setting, so ``faiss.omp_set_num_threads(1)`` at
import covers only the importing thread; every thread that calls into this module sets it again
on first use (one FAISS thread per request; use processes for more cores). Only graph
construction uses ``build_threads``, on the writing thread, while it holds the write lock.
"""

from __future__ import annotations

import contextlib
import json
import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Self

import faiss
import numpy as np
import numpy.typing as npt

from matchmaker.config import RankingSettings
from matchmaker.index.index_kind import IndexKind
from matchmaker.index.index_load_error import IndexLoadError
from matchmaker.index.readers_writer_lock import ReadersWriterLock
from matchmaker.index.search_strategy import SearchStrategy
from matchmaker.index.snapshot_directory import MANIFEST, SnapshotDirectory
from matchmaker.index.vector_index import Keys, SearchResult, VectorIndex

faiss.omp_set_num_threads(1)

#: The largest key accepted. Keys index a dense array, so memory grows with the largest key.
MAX_KEY: Final = 2**31 - 1

#: A filtered graph search keeps roughly ``efSearch * fraction`` allowed candidates; to find ``k``
#: of them it needs ``efSearch >= FILTER_EF_FACTOR * k / fraction``. Measured on 100k x 384
#: clustered vectors (``matchmaker.bench.index_bench``, M 32, efConstruction 100, one thread on a
#: loaded 2-core machine), recall@10 with 10% allowed: factor 2 (efSearch 200) 0.995 at 0.65 ms,
#: 4 (400) 0.996 at 0.76 ms, 6 (600) 0.9975 at 0.93 ms, 8 (800) 0.999 at 1.2 ms; with 20% allowed
#: 0.9925 at factor 2 and 0.9985 at 8 (0.70 ms). hnswlib's filtered search reaches 1.0 at 10%
#: but takes 26 ms; 8 keeps the graph within 0.001 of it at under 2 ms. With 1% allowed the graph
#: gives 0.989 even at efSearch 2000, so so selective a filter is answered exactly.
FILTER_EF_FACTOR: Final = 8.0


def filtered_ef(ef_search: int, k: int, fraction: float) -> int:
    """The efSearch of a graph search for ``k`` results when ``fraction`` of the stored vectors is allowed.

    Unfiltered, ``max(ef_search, k)``. A filter keeps about ``ef * fraction`` allowed candidates;
    they should number ``FILTER_EF_FACTOR * k`` for a small ``k`` (up to ``ef_search``) and at
    least ``k`` for a large one (a candidate pool of 300 needs no 2,400), so
    ``ef = max(ef_search, k, want / fraction)`` with ``want = max(k, min(FILTER_EF_FACTOR * k, ef_search))``.
    """
    base = max(ef_search, k)
    if fraction >= 1.0:
        return base
    want = max(k, min(FILTER_EF_FACTOR * k, ef_search))
    return max(base, math.ceil(want / fraction))


_FORMAT: Final = "matchmaker-faiss-index"
_VERSION: Final = 1
_EMPTY_KEYS: Final = np.empty(0, dtype=np.int64)
_EMPTY_SCORES: Final = np.empty(0, dtype=np.float32)

_thread_state = threading.local()


def _one_faiss_thread() -> None:
    """Make FAISS use one OpenMP thread on the calling thread (the setting is per thread)."""
    if not getattr(_thread_state, "single", False):
        faiss.omp_set_num_threads(1)
        _thread_state.single = True


@contextlib.contextmanager
def _faiss_threads(count: int) -> Iterator[None]:
    """Let FAISS use ``count`` OpenMP threads on the calling thread, then go back to one."""
    faiss.omp_set_num_threads(count)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(1)
        _thread_state.single = True


class _Selection:
    """The slots a search may return.

    ``allowed`` is ``None`` when every stored slot is allowed (no filter and no tombstone);
    otherwise a boolean mask over the stored slots, true for the allowed live ones. The ascending
    allowed ``slots`` (for an exact scan) and the ``IDSelectorBitmap`` bytes (for a graph search)
    are derived from it on first use, so a search pays only for the form its strategy reads.
    """

    __slots__ = ("_bitmap", "_slots", "allowed", "count")

    def __init__(self, count: int, allowed: npt.NDArray[np.bool_] | None = None) -> None:
        self.count = count
        self.allowed = allowed
        self._slots: npt.NDArray[np.int64] | None = None
        self._bitmap: npt.NDArray[np.uint8] | None = None

    @property
    def slots(self) -> npt.NDArray[np.int64] | None:
        """The allowed live slots, ascending; ``None`` when every stored slot is allowed."""
        if self._slots is None and self.allowed is not None:
            self._slots = np.flatnonzero(self.allowed).astype(np.int64)
        return self._slots

    @property
    def bitmap(self) -> npt.NDArray[np.uint8] | None:
        """The selector bitmap (bit ``i % 8`` of byte ``i // 8`` for slot ``i``); ``None`` for all."""
        if self._bitmap is None and self.allowed is not None:
            self._bitmap = np.packbits(self.allowed, bitorder="little")
        return self._bitmap


@dataclass(frozen=True)
class _Plan:
    """How to answer one search: the strategy and, for HNSW, the efSearch to use."""

    strategy: SearchStrategy
    ef_search: int = 0


class FaissIndex(VectorIndex):
    """A FAISS inner-product index over caller-assigned integer keys (see the module docstring).

    Args:
        dim: dimension of every vector.
        hnsw_threshold: searches are exact while fewer live vectors than this are stored; the
            HNSW graph is built when the live count reaches it (and kept, once built, until a
            compaction finds fewer than half as many live vectors).
        hnsw_m: HNSW graph degree (``M``).
        ef_construction: HNSW ``efConstruction``.
        ef_search: HNSW ``efSearch`` of an unfiltered search (raised for ``k`` above it and for
            selective filters, see ``FILTER_EF_FACTOR``).
        exact_fraction: search exactly when the allowed live vectors are fewer than this fraction
            of the stored vectors (tombstones included: they are unselected graph nodes too). A
            graph search under so selective a bitmap loses recall whatever its efSearch (measured
            0.989 at 1%, 0.999 at 5%); below 5% the exact scan is always the safe answer.
        exact_count: search exactly when the allowed live vectors are at most this many times
            ``ef / ef_search`` (the factor by which the filter raises efSearch, whose cost grows
            with it): an exact scan over this many vectors costs about one unfiltered graph
            search. Measured on 100k vectors, one graph search (0.76-1.1 ms at dim 1152, 0.43-0.47
            ms at dim 384) costs as much as an exact scan over 1,100-1,400 vectors at dim 1152
            and 2,200-2,500 at dim 384; the default leans to the profile vectors' 1152 and to
            exactness.
        compact_ratio: rebuild from the live vectors when tombstones exceed this fraction of the
            stored vectors.
        build_threads: OpenMP threads for building the graph (bulk builds, inserts, compaction).

    """

    def __init__(
        self,
        dim: int,
        *,
        hnsw_threshold: int = 20_000,
        hnsw_m: int = 32,
        ef_construction: int = 200,
        ef_search: int = 128,
        exact_fraction: float = 0.05,
        exact_count: int = 1_536,
        compact_ratio: float = 0.2,
        build_threads: int = 1,
    ) -> None:
        _require_int("dim", dim, 1)
        _require_int("hnsw_threshold", hnsw_threshold, 1)
        _require_int("hnsw_m", hnsw_m, 2)
        _require_int("ef_construction", ef_construction, 1)
        _require_int("ef_search", ef_search, 1)
        _require_int("exact_count", exact_count, 0)
        _require_int("build_threads", build_threads, 1)
        _require_fraction("exact_fraction", exact_fraction, upper_inclusive=True)
        _require_fraction("compact_ratio", compact_ratio, upper_inclusive=False)
        self._dim = dim
        self._hnsw_threshold = hnsw_threshold
        self._hnsw_m = hnsw_m
        self._ef_construction = ef_construction
        self._ef_search = ef_search
        self._exact_fraction = float(exact_fraction)
        self._exact_count = exact_count
        self._compact_ratio = float(compact_ratio)
        self._build_threads = build_threads
        self._lock = ReadersWriterLock()
        _one_faiss_thread()
        self._kind = IndexKind.FLAT
        self._index, self._storage = self._new_index(IndexKind.FLAT)
        # slot -> key (-1: tombstone); only the first ``_n_slots`` entries are meaningful.
        self._slot_keys = np.empty(0, dtype=np.int64)
        # key -> slot (-1: not live); as long as the largest key ever stored, plus one.
        self._key_slots = np.empty(0, dtype=np.int64)
        self._n_slots = 0
        self._n_live = 0
        self._live = _Selection(0)
        # Whether slot i holds key i for every stored slot (None: not yet known since the last write).
        self._identity: bool | None = True

    # ------------------------------------------------------------------ inspection

    @property
    def dim(self) -> int:
        """The dimension of every vector."""
        return self._dim

    @property
    def kind(self) -> IndexKind:
        """The structure held now: ``FLAT`` (vectors only) or ``HNSW`` (vectors and a graph)."""
        return self._kind

    @property
    def parameters(self) -> dict[str, int | float]:
        """The constructor's keyword arguments (``FaissIndex(dim, **parameters)`` makes a twin)."""
        return {
            "hnsw_threshold": self._hnsw_threshold,
            "hnsw_m": self._hnsw_m,
            "ef_construction": self._ef_construction,
            "ef_search": self._ef_search,
            "exact_fraction": self._exact_fraction,
            "exact_count": self._exact_count,
            "compact_ratio": self._compact_ratio,
            "build_threads": self._build_threads,
        }

    @property
    def stored(self) -> int:
        """The number of stored vectors: live ones plus tombstones awaiting compaction."""
        return self._n_slots

    @property
    def nbytes(self) -> int:
        """An estimate of the memory held: vectors, graph links and key maps."""
        with self._lock.read():
            total = self._n_slots * self._dim * 4 + self._slot_keys.nbytes + self._key_slots.nbytes
            if self._kind is IndexKind.HNSW:
                hnsw = self._index.hnsw
                total += hnsw.neighbors.size() * 4 + hnsw.offsets.size() * 8 + hnsw.levels.size() * 4
            return total

    def __len__(self) -> int:
        """The number of live keys."""
        return self._n_live

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` is live."""
        if isinstance(key, bool) or not isinstance(key, int | np.integer):
            return False
        with self._lock.read():
            return 0 <= int(key) < len(self._key_slots) and bool(self._key_slots[int(key)] >= 0)

    def keys(self) -> npt.NDArray[np.int64]:
        """The live keys, ascending."""
        with self._lock.read():
            return np.flatnonzero(self._key_slots >= 0).astype(np.int64)

    def vector(self, key: int) -> npt.NDArray[np.float32]:
        """A copy of the vector stored for ``key``; ``KeyError`` if it is not live."""
        with self._lock.read():
            slot = self._slot_of(key)
            if slot < 0:
                raise KeyError(key)
            return np.array(self._vectors()[slot], dtype=np.float32)

    def vectors(self, keys: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        """Copies of the vectors stored for ``keys``: one gather from FAISS's store.

        ``KeyError`` if one is not live.
        """
        keys = np.asarray(keys, dtype=np.int64)
        with self._lock.read():
            inside = (keys >= 0) & (keys < len(self._key_slots))
            slots = np.full(keys.size, -1, dtype=np.int64)
            slots[inside] = self._key_slots[keys[inside]]
            if (slots < 0).any():
                raise KeyError(int(keys[np.flatnonzero(slots < 0)[0]]))
            gathered: npt.NDArray[np.float32] = self._vectors()[slots]
            return gathered

    def strategy(self, allowed: npt.NDArray[np.bool_] | None = None, k: int = 10) -> SearchStrategy:
        """The strategy a search for ``k`` results with this mask would use now.

        An HNSW search that finds fewer than ``min(k, allowed count)`` results falls back to an exact
        scan, which this does not foresee.
        """
        mask = self._check_allowed(allowed)
        _require_int("k", k, 0)
        with self._lock.read():
            selection = self._select(mask)
            return self._plan(selection, min(k, selection.count)).strategy

    # ------------------------------------------------------------------ writes

    def upsert(self, keys: Keys, vectors: npt.ArrayLike) -> None:
        """Add or replace the vectors of ``keys``; a key given twice keeps its last vector."""
        key_array = _check_keys(keys)
        rows = np.asarray(vectors, dtype=np.float32)
        if rows.ndim != 2 or rows.shape != (len(key_array), self._dim):
            raise ValueError(f"vectors must have shape ({len(key_array)}, {self._dim}), got {rows.shape}")
        if not np.isfinite(rows).all():
            raise ValueError("vectors must be finite")
        if len(key_array) == 0:
            return
        unique_from_end, first_from_end = np.unique(key_array[::-1], return_index=True)
        if len(unique_from_end) != len(key_array):
            last = np.sort(len(key_array) - 1 - first_from_end)
            key_array, rows = key_array[last], rows[last]
        rows = np.ascontiguousarray(rows)
        _one_faiss_thread()
        with self._lock.write():
            self._ensure_key_space(int(key_array.max()) + 1)
            first = self._n_slots
            with _faiss_threads(self._build_threads):
                self._index.add(rows)
            new_slots = np.arange(first, first + len(key_array), dtype=np.int64)
            self._ensure_slot_capacity(first + len(key_array))
            self._n_slots += len(key_array)
            self._tombstone(self._key_slots[key_array])
            self._slot_keys[new_slots] = key_array
            self._key_slots[key_array] = new_slots
            self._n_live += len(key_array)
            self._maintain()

    def remove(self, keys: Keys) -> None:
        """Remove ``keys`` (their vectors are zeroed at once); keys that are not live are ignored."""
        key_array = _check_keys(keys)
        _one_faiss_thread()
        with self._lock.write():
            known = key_array[key_array < len(self._key_slots)]
            slots = self._key_slots[known]
            self._key_slots[known] = -1
            self._tombstone(slots)
            self._maintain()

    @classmethod
    def create(cls, dim: int, ranking: RankingSettings) -> Self:
        """An empty index with the ranking settings' HNSW switch, efSearch and exact-scan share."""
        return cls(
            dim,
            hnsw_threshold=ranking.hnsw_threshold,
            ef_search=ranking.ef_search,
            exact_fraction=ranking.exact_fraction,
        )

    def compact(self) -> None:
        """Rebuild from the live vectors now if any tombstone is stored (see ``compact_ratio``)."""
        _one_faiss_thread()
        with self._lock.write():
            if self._n_slots > self._n_live:
                self._rebuild(self._kind_after_rebuild())

    # ------------------------------------------------------------------ search

    def search(
        self, query: npt.ArrayLike, k: int, allowed: npt.NDArray[np.bool_] | None = None
    ) -> SearchResult:
        """The at most ``k`` allowed live keys with the largest inner product with ``query``, best first."""
        row = np.asarray(query, dtype=np.float32)
        if row.shape != (self._dim,):
            raise ValueError(f"query must have shape ({self._dim},), got {row.shape}")
        return self._search(row.reshape(1, self._dim), k, allowed)[0]

    def search_many(
        self, queries: npt.ArrayLike, k: int, allowed: npt.NDArray[np.bool_] | None = None
    ) -> list[SearchResult]:
        """``search`` for each row of ``queries``, choosing the strategy once for the shared mask."""
        rows = np.asarray(queries, dtype=np.float32)
        if rows.ndim != 2 or rows.shape[1] != self._dim:
            raise ValueError(f"queries must have shape (n, {self._dim}), got {rows.shape}")
        return self._search(rows, k, allowed)

    def _search(
        self, queries: npt.NDArray[np.float32], k: int, allowed: npt.NDArray[np.bool_] | None
    ) -> list[SearchResult]:
        _require_int("k", k, 0)
        mask = self._check_allowed(allowed)
        if not np.isfinite(queries).all():
            raise ValueError("queries must be finite")
        queries = np.ascontiguousarray(queries)
        _one_faiss_thread()
        with self._lock.read():
            selection = self._select(mask)
            k = min(k, selection.count)  # no more results exist, and FAISS allocates k per query
            plan = self._plan(selection, k)
            if plan.strategy is SearchStrategy.EMPTY:
                return [(_EMPTY_KEYS.copy(), _EMPTY_SCORES.copy()) for _ in range(len(queries))]
            if plan.strategy is SearchStrategy.HNSW:
                return self._search_hnsw(queries, k, selection, plan.ef_search)
            return [self._search_exact(row, k, selection) for row in queries]

    def _select(self, mask: npt.NDArray[np.bool_] | None) -> _Selection:
        """The live slots that ``mask`` allows (all live slots for ``None``).

        One pass over the slots, no sort: when slot ``i`` holds key ``i`` (a bulk build, the
        usual case) the mask is the slot mask; otherwise each slot looks its key up in the mask
        (a tombstone's key ``-1`` reads the ``False`` appended after it).
        """
        if mask is None:
            return self._live
        n = self._n_slots
        if self._identity is None:
            self._identity = self._n_live == n and bool(
                (self._slot_keys[:n] == np.arange(n, dtype=np.int64)).all()
            )
        if self._identity:
            allowed = np.zeros(n, dtype=bool)
            known = min(len(mask), n)
            allowed[:known] = mask[:known]
        else:
            lookup = np.zeros(len(self._key_slots) + 1, dtype=bool)
            known = min(len(mask), len(self._key_slots))
            lookup[:known] = mask[:known]
            allowed = lookup[self._slot_keys[:n]]
        return _Selection(int(np.count_nonzero(allowed)), allowed)

    def _plan(self, selection: _Selection, k: int) -> _Plan:
        """Choose exact or HNSW for ``k`` results among ``selection`` (see the class docstring)."""
        if selection.count == 0 or k == 0:
            return _Plan(SearchStrategy.EMPTY)
        if self._kind is IndexKind.FLAT or self._n_live < self._hnsw_threshold:
            return _Plan(SearchStrategy.EXACT)
        fraction = selection.count / self._n_slots
        ef = filtered_ef(self._ef_search, k, fraction)
        if fraction < self._exact_fraction or selection.count <= self._exact_count * ef / self._ef_search:
            return _Plan(SearchStrategy.EXACT)
        return _Plan(SearchStrategy.HNSW, ef)

    def _search_exact(self, query: npt.NDArray[np.float32], k: int, selection: _Selection) -> SearchResult:
        """Exact inner products with the allowed vectors, then the top ``k`` (``k <= selection.count``).

        With no filter and no tombstone, FAISS's flat search. When at least half the stored vectors
        are allowed, all are scanned in memory order and the others masked out (measured 10-30%
        faster than gathering 85% of the rows); otherwise only the allowed rows are read.
        """
        if selection.allowed is None:  # every stored vector: FAISS's own scan and heap are fastest
            scores, slots = self._storage.search(query.reshape(1, -1), k)
            return self._slot_keys[slots[0]], scores[0]
        candidates: npt.NDArray[np.int64] | None = None  # None: products cover every slot
        if 2 * selection.count >= self._n_slots:
            products = np.empty(self._n_slots, dtype=np.float32)
            faiss.fvec_inner_products_ny(  # type: ignore[attr-defined]  # missing from faiss's stubs
                faiss.swig_ptr(products),
                faiss.swig_ptr(query),
                self._storage.get_xb(),
                self._dim,
                self._n_slots,
            )
            products[~selection.allowed] = -np.inf
        else:
            candidates = selection.slots
            assert candidates is not None  # allowed is not None here
            products = np.empty(len(candidates), dtype=np.float32)
            self._storage.compute_distance_subset(
                1,
                faiss.swig_ptr(query),
                len(candidates),
                faiss.swig_ptr(products),
                faiss.swig_ptr(candidates),
            )
        if len(products) > k:
            top = np.argpartition(-products, k - 1)[:k]
            order = top[np.argsort(-products[top], kind="stable")]
        else:
            order = np.argsort(-products, kind="stable")
        slots = order if candidates is None else candidates[order]
        return self._slot_keys[slots], products[order]

    def _search_hnsw(
        self, queries: npt.NDArray[np.float32], k: int, selection: _Selection, ef: int
    ) -> list[SearchResult]:
        """A graph search with the selection as a bitmap; exact for any query it leaves short."""
        params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]  # missing from faiss's stubs
        params.efSearch = ef
        bitmap = selection.bitmap
        selector = None
        if bitmap is not None:
            # The selector reads ``bitmap``'s memory: both stay referenced until the search returns.
            selector = faiss.IDSelectorBitmap(len(bitmap), faiss.swig_ptr(bitmap))
            params.sel = selector
        scores, slots = self._index.search(queries, k, params=params)
        expected = min(k, selection.count)
        results: list[SearchResult] = []
        for row, query in enumerate(queries):
            valid = slots[row] >= 0
            keys = self._slot_keys[slots[row][valid]]
            if len(keys) < expected or (keys < 0).any():
                results.append(self._search_exact(query, k, selection))
            else:
                results.append((keys, scores[row][valid]))
        del selector
        return results

    # ------------------------------------------------------------------ save and load

    def save(self, directory: Path, metadata: dict[str, object]) -> None:
        """Write the index and ``metadata`` (JSON-serialisable) to ``directory`` atomically.

        See ``SnapshotDirectory`` for the atomicity. Only live vectors are written: the flat kind
        is written compacted, and an HNSW graph keeps its tombstones' nodes, whose vectors are
        zeros (``compact()`` first to drop them). Searches continue during a save; writes wait.
        """
        metadata_json = json.loads(json.dumps(metadata, allow_nan=False))
        if not isinstance(metadata_json, dict):
            raise TypeError("metadata must be a dict")
        with self._lock.read():
            if self._kind is IndexKind.FLAT and self._n_slots > self._n_live:
                live = np.flatnonzero(self._slot_keys[: self._n_slots] >= 0)
                index: Any = faiss.IndexFlatIP(self._dim)
                index.add(np.ascontiguousarray(self._vectors()[live]))
                slot_keys = self._slot_keys[live]
            else:
                index = self._index
                slot_keys = self._slot_keys[: self._n_slots].copy()
            _snapshot(directory).save(
                {
                    "index": (".faiss", lambda path: faiss.write_index(index, str(path))),
                    "keys": (".npy", lambda path: _save_array(path, slot_keys)),
                },
                {
                    "kind": self._kind.value,
                    "dim": self._dim,
                    "live": self._n_live,
                    "stored": len(slot_keys),
                    "parameters": self.parameters,
                    "metadata": metadata_json,
                },
            )

    @classmethod
    def load(cls, directory: Path, *, dim: int | None = None) -> tuple[Self, dict[str, object]]:
        """Restore an index written by ``save`` and its metadata, without rebuilding a graph.

        Raises ``IndexLoadError`` when a file is missing, corrupt or inconsistent, or when ``dim``
        is given and differs from the saved dimension: the caller should rebuild the index.
        """
        manifest, contents = _snapshot(directory).load(
            {
                "index": lambda path: faiss.read_index(str(path)),
                "keys": lambda path: np.load(path, allow_pickle=False),
            }
        )
        fields: dict[str, type] = {
            "kind": str,
            "dim": int,
            "live": int,
            "stored": int,
            "parameters": dict,
            "metadata": dict,
        }
        if any(not isinstance(manifest.get(field), kind) for field, kind in fields.items()):
            raise IndexLoadError(f"{MANIFEST} lacks a field or has one of the wrong type")
        if manifest["kind"] not in {kind.value for kind in IndexKind}:
            raise IndexLoadError(f"{MANIFEST}: unknown index kind {manifest['kind']!r}")
        if dim is not None and dim != manifest["dim"]:
            raise IndexLoadError(f"index dimension {manifest['dim']} differs from the expected {dim}")
        try:
            index = cls(manifest["dim"], **manifest["parameters"])
        except (TypeError, ValueError) as error:
            raise IndexLoadError(f"{MANIFEST}: bad parameters ({error})") from error
        index._install(IndexKind(manifest["kind"]), contents["index"], contents["keys"], manifest)
        metadata: dict[str, object] = manifest["metadata"]
        return index, metadata

    def _install(
        self, kind: IndexKind, faiss_index: Any, slot_keys: npt.NDArray[Any], manifest: dict[str, Any]
    ) -> None:
        """Adopt a loaded FAISS index after checking it against the manifest and the keys."""
        if kind is IndexKind.HNSW:
            expected_type: Any = faiss.IndexHNSWFlat
        else:
            expected_type = faiss.IndexFlatIP
        if not isinstance(faiss_index, expected_type):
            raise IndexLoadError(f"index file holds {type(faiss_index).__name__}, manifest says {kind}")
        if faiss_index.d != self._dim or faiss_index.metric_type != faiss.METRIC_INNER_PRODUCT:
            raise IndexLoadError("index file dimension or metric differs from the manifest")
        if (
            not isinstance(slot_keys, np.ndarray)
            or slot_keys.dtype != np.int64
            or slot_keys.ndim != 1
            or len(slot_keys) != faiss_index.ntotal
        ):
            raise IndexLoadError("keys file does not match the index file")
        live_keys = slot_keys[slot_keys >= 0]
        if (
            (slot_keys < -1).any()
            or (live_keys > MAX_KEY).any()
            or len(np.unique(live_keys)) != len(live_keys)
            or len(live_keys) != manifest["live"]
            or len(slot_keys) != manifest["stored"]
            or (kind is IndexKind.FLAT and len(live_keys) != len(slot_keys))
        ):
            raise IndexLoadError("keys file is inconsistent (negative, duplicate or miscounted keys)")
        if kind is IndexKind.HNSW:
            if faiss_index.hnsw.nb_neighbors(1) != self._hnsw_m:
                raise IndexLoadError("HNSW graph degree differs from the manifest")
            faiss_index.hnsw.efSearch = self._ef_search
            faiss_index.hnsw.efConstruction = self._ef_construction
        with self._lock.write():
            self._kind = kind
            self._index = faiss_index
            hnsw = kind is IndexKind.HNSW
            self._storage = faiss.downcast_index(faiss_index.storage) if hnsw else faiss_index
            self._n_slots = len(slot_keys)
            self._n_live = len(live_keys)
            self._slot_keys = slot_keys.copy()
            self._key_slots = np.full(int(live_keys.max()) + 1 if len(live_keys) else 0, -1, dtype=np.int64)
            self._key_slots[live_keys] = np.flatnonzero(slot_keys >= 0)
            self._refresh_live()

    # ------------------------------------------------------------------ internals (write lock held)

    def _new_index(self, kind: IndexKind) -> tuple[Any, Any]:
        """An empty FAISS index of ``kind`` and its flat vector store."""
        if kind is IndexKind.FLAT:
            flat = faiss.IndexFlatIP(self._dim)
            return flat, flat
        hnsw = faiss.IndexHNSWFlat(self._dim, self._hnsw_m, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = self._ef_construction
        hnsw.hnsw.efSearch = self._ef_search
        return hnsw, faiss.downcast_index(hnsw.storage)

    def _vectors(self) -> npt.NDArray[np.float32]:
        """The stored vectors, one row per slot: a view of FAISS's memory, valid until the next add."""
        if self._n_slots == 0:
            return np.empty((0, self._dim), dtype=np.float32)
        flat = faiss.rev_swig_ptr(self._storage.get_xb(), self._n_slots * self._dim)
        vectors: npt.NDArray[np.float32] = flat.reshape(self._n_slots, self._dim)
        return vectors

    def _slot_of(self, key: int) -> int:
        if isinstance(key, bool) or not isinstance(key, int | np.integer):
            raise TypeError("key must be an int")
        return int(self._key_slots[key]) if 0 <= key < len(self._key_slots) else -1

    def _tombstone(self, slots: npt.NDArray[np.int64]) -> None:
        """Turn live ``slots`` into tombstones: no key, vector zeroed (the caller fixes the key map)."""
        slots = np.unique(slots[slots >= 0])
        if len(slots):
            self._vectors()[slots] = 0.0
            self._slot_keys[slots] = -1
            self._n_live -= len(slots)

    def _maintain(self) -> None:
        """After a write: build the graph, compact, or just refresh the live selection."""
        if self._kind is IndexKind.FLAT and self._n_live >= self._hnsw_threshold:
            self._rebuild(IndexKind.HNSW)
        elif self._n_slots - self._n_live > self._compact_ratio * self._n_slots:
            self._rebuild(self._kind_after_rebuild())
        else:
            self._refresh_live()

    def _kind_after_rebuild(self) -> IndexKind:
        """HNSW from ``hnsw_threshold`` live vectors; an existing graph is kept down to half that."""
        keep = self._kind is IndexKind.HNSW and 2 * self._n_live >= self._hnsw_threshold
        return IndexKind.HNSW if keep or self._n_live >= self._hnsw_threshold else IndexKind.FLAT

    def _rebuild(self, kind: IndexKind) -> None:
        """Replace the FAISS index by one of ``kind`` holding only the live vectors, in slot order."""
        live = np.flatnonzero(self._slot_keys[: self._n_slots] >= 0)
        keys = self._slot_keys[live]
        rows = np.ascontiguousarray(self._vectors()[live])
        index, storage = self._new_index(kind)
        with _faiss_threads(self._build_threads):
            index.add(rows)
        self._index, self._storage, self._kind = index, storage, kind
        self._slot_keys = keys.copy()
        self._key_slots[:] = -1
        self._key_slots[keys] = np.arange(len(keys), dtype=np.int64)
        self._n_slots = self._n_live = len(keys)
        self._refresh_live()

    def _refresh_live(self) -> None:
        """Recompute the selection of all live slots (and its bitmap) after a write."""
        self._identity = None
        if self._n_live == self._n_slots:
            self._live = _Selection(self._n_live)
            return
        live = _Selection(self._n_live, self._slot_keys[: self._n_slots] >= 0)
        # Derived now, under the write lock: the live selection is shared by concurrent searches.
        live.slots  # noqa: B018
        if self._kind is IndexKind.HNSW:
            live.bitmap  # noqa: B018
        self._live = live

    def _ensure_key_space(self, size: int) -> None:
        if size > len(self._key_slots):
            grown = np.full(max(size, 2 * len(self._key_slots)), -1, dtype=np.int64)
            grown[: len(self._key_slots)] = self._key_slots
            self._key_slots = grown

    def _ensure_slot_capacity(self, size: int) -> None:
        if size > len(self._slot_keys):
            grown = np.full(max(size, 2 * len(self._slot_keys)), -1, dtype=np.int64)
            grown[: self._n_slots] = self._slot_keys[: self._n_slots]
            self._slot_keys = grown

    def _check_allowed(self, allowed: npt.NDArray[np.bool_] | None) -> npt.NDArray[np.bool_] | None:
        if allowed is None:
            return None
        if not isinstance(allowed, np.ndarray) or allowed.dtype != np.bool_ or allowed.ndim != 1:
            raise TypeError("allowed must be a one-dimensional numpy bool array indexed by key")
        return allowed


# ---------------------------------------------------------------------- helpers


def _require_int(name: str, value: object, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")


def _require_fraction(name: str, value: object, *, upper_inclusive: bool) -> None:
    bound = "<= 1" if upper_inclusive else "< 1"
    problem = ValueError(f"{name} must be a number >= 0 and {bound}, got {value!r}")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise problem
    if not (0.0 <= value <= 1.0 if upper_inclusive else 0.0 <= value < 1.0):
        raise problem


def _check_keys(keys: Keys) -> npt.NDArray[np.int64]:
    """``keys`` as a one-dimensional int64 array of valid keys."""
    array = np.asarray(keys)
    if array.size == 0:
        return np.empty(0, dtype=np.int64)
    if array.ndim != 1 or array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.integer):
        raise TypeError("keys must be a sequence of ints")
    if array.min() < 0 or array.max() > MAX_KEY:
        raise ValueError(f"keys must be between 0 and {MAX_KEY}")
    return array.astype(np.int64)


def _snapshot(directory: Path) -> SnapshotDirectory:
    return SnapshotDirectory(directory, format_name=_FORMAT, version=_VERSION)


def _save_array(path: Path, array: npt.NDArray[Any]) -> None:
    """``np.save`` to exactly ``path`` (given a name, ``np.save`` would append ``.npy``)."""
    with path.open("wb") as stream:
        np.save(stream, array, allow_pickle=False)
