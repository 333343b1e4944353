"""Lexical similarity: hashed TF-IDF over the tokens of ranking/text.py, and a searchable matrix.

Hashing keeps the vocabulary open (a new product word needs no refit); the IDF table is fitted on
the corpus when the index is (re)built and kept fixed until the next rebuild, so a stored score
never depends on when it is recomputed within one index generation.
"""

from __future__ import annotations

import threading
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from matchmaker.ranking.blocks import block_positions

N_FEATURES = 1 << 18
_MASK = N_FEATURES - 1
#: A search first merges the rows changed since the last merge when there are more than this many.
_SEARCH_MERGE_AT = 256


def feature(token: str) -> int:
    """The hashed feature of a token."""
    return zlib.crc32(token.encode("utf-8")) & _MASK


@dataclass(frozen=True)
class SparseVector:
    """A unit-norm TF-IDF vector: sorted feature indices and their weights."""

    indices: npt.NDArray[np.int32]
    values: npt.NDArray[np.float32]

    def dot(self, other: SparseVector) -> float:
        """Cosine similarity with another unit vector (0 when they share no feature)."""
        common, mine, theirs = np.intersect1d(
            self.indices, other.indices, assume_unique=True, return_indices=True
        )
        if common.size == 0:
            return 0.0
        return float(np.dot(self.values[mine], other.values[theirs]))

    @property
    def empty(self) -> bool:
        """True for the vector of a text without content words."""
        return self.indices.size == 0


EMPTY = SparseVector(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))


def dots(query: SparseVector, rows: Sequence[SparseVector]) -> npt.NDArray[np.float64]:
    """``query.dot(row)`` for every row at once (one scatter of the query, one gather of the rows)."""
    out = np.zeros(len(rows), dtype=np.float64)
    if query.empty or not rows:
        return out
    dense = np.zeros(N_FEATURES, dtype=np.float32)
    dense[query.indices] = query.values
    lengths = np.fromiter((r.indices.size for r in rows), dtype=np.int64, count=len(rows))
    if not lengths.any():
        return out
    indices = np.concatenate([r.indices for r in rows])
    values = np.concatenate([r.values for r in rows]) * dense[indices]
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    nonempty = lengths > 0
    out[nonempty] = np.add.reduceat(values.astype(np.float64), starts[nonempty])
    return out


def _scores(base: sparse.csc_matrix, query: SparseVector) -> npt.NDArray[np.float32]:
    """``row . query`` for every row of ``base`` (rows by feature columns, indices sorted), float32.

    Only the columns of the query's features are read. Each row's sum takes its products in
    ascending feature order, starting from 0, in float32: the arithmetic of the sparse product
    ``rows @ query`` (scipy's ``csr_matmat``), so every score is that product's, bit for bit.
    """
    scores = np.zeros(base.shape[0], dtype=np.float32)
    indptr, rows, values = base.indptr, base.indices, base.data
    for feature_index, weight in zip(query.indices.tolist(), query.values, strict=True):
        start, end = indptr[feature_index], indptr[feature_index + 1]
        if start != end:
            hit = rows[start:end]
            scores[hit] += values[start:end] * weight
    return scores


class LexicalModel:
    """Sublinear TF times smoothed IDF, L2-normalised."""

    def __init__(self, idf: npt.NDArray[np.float32]) -> None:
        if idf.shape != (N_FEATURES,):
            raise ValueError("idf table has the wrong size")
        self.idf = idf

    @classmethod
    def fit(cls, documents: Iterable[Sequence[str]]) -> LexicalModel:
        """IDF from the document frequencies of token lists (one list per document)."""
        df = np.zeros(N_FEATURES, dtype=np.float64)
        count = 0
        for document in documents:
            count += 1
            features = np.fromiter({feature(t) for t in document}, dtype=np.int64)
            df[features] += 1
        idf = np.log((1.0 + count) / (1.0 + df)) + 1.0
        return cls(idf.astype(np.float32))

    def vector(self, tokens: Sequence[str]) -> SparseVector:
        """The unit TF-IDF vector of a token list."""
        if not tokens:
            return EMPTY
        counts = Counter(feature(t) for t in tokens)
        indices = np.fromiter(sorted(counts), dtype=np.int32, count=len(counts))
        tf = 1.0 + np.log(np.fromiter((counts[i] for i in indices), dtype=np.float32, count=len(counts)))
        values = tf * self.idf[indices]
        norm = float(np.linalg.norm(values))
        if norm == 0.0:
            return EMPTY
        return SparseVector(indices, (values / norm).astype(np.float32))

    def shared_terms(self, left: Sequence[str], right: Sequence[str], limit: int = 5) -> list[str]:
        """The tokens both lists contain, most informative (highest IDF) first: keyword evidence."""
        common = set(left) & set(right)
        return sorted(common, key=lambda t: (-float(self.idf[feature(t)]), t))[:limit]

    def shared_terms_many(
        self, mine: Sequence[str], others: Sequence[Sequence[str]], limit: int = 5
    ) -> list[list[str]]:
        """``shared_terms(mine, other)`` for every ``other``, equal item for item.

        What two lists share is among ``mine``'s tokens, so their order keys (IDF, then the token)
        are looked up once for all ``others`` instead of once per pair.
        """
        keys = {t: (-float(self.idf[feature(t)]), t) for t in set(mine)}
        if not keys:
            return [[] for _ in others]
        return [sorted(keys.keys() & other, key=keys.__getitem__)[:limit] for other in others]


class LexicalMatrix:
    """Unit TF-IDF rows by integer key, searchable by sparse dot product with a boolean key mask.

    A compacted base kept by feature (CSC, an inverted index) plus a small delta of rows changed
    since; the delta is folded into the base when it grows. Safe for concurrent searches with one
    writer at a time.
    """

    def __init__(self, merge_at: int = 2048) -> None:
        self._rows: dict[int, SparseVector] = {}
        self._base: sparse.csc_matrix | None = None
        self._base_keys: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        # The base by row too (CSR), and each key's row in it (-1: none), for ``dots_at``.
        self._base_rows: sparse.csr_matrix | None = None
        self._row_of: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._stale: set[int] = set()
        self._delta: set[int] = set()
        self._merge_at = merge_at
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, key: int) -> SparseVector:
        """The row of ``key`` (the empty vector when absent)."""
        return self._rows.get(key, EMPTY)

    def upsert(self, key: int, vector: SparseVector) -> None:
        """Add or replace the row of ``key``."""
        with self._lock:
            self._rows[key] = vector
            self._stale.add(key)
            self._delta.add(key)
            if len(self._delta) >= self._merge_at:
                self._merge()

    def remove(self, key: int) -> None:
        """Drop the row of ``key``."""
        with self._lock:
            self._rows.pop(key, None)
            self._stale.add(key)
            self._delta.discard(key)

    def _merge(self) -> None:
        keys = np.fromiter(sorted(k for k, v in self._rows.items() if not v.empty), dtype=np.int64)
        indptr = [0]
        indices: list[npt.NDArray[np.int32]] = []
        data: list[npt.NDArray[np.float32]] = []
        for key in keys:
            row = self._rows[int(key)]
            indices.append(row.indices)
            data.append(row.values)
            indptr.append(indptr[-1] + row.indices.size)
        rows = sparse.csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0, np.float32),
                np.concatenate(indices) if indices else np.zeros(0, np.int32),
                np.asarray(indptr, dtype=np.int64),
            ),
            shape=(len(keys), N_FEATURES),
        )
        # By feature (an inverted index): a search reads only the rows of the query's features.
        self._base = rows.tocsc()
        self._base.sort_indices()
        self._base_keys = keys
        self._base_rows = rows
        row_of = np.full(int(keys[-1]) + 1 if keys.size else 0, -1, dtype=np.int64)
        row_of[keys] = np.arange(keys.size, dtype=np.int64)
        self._row_of = row_of
        self._stale.clear()
        self._delta.clear()

    def dots_at(self, query: SparseVector, keys: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """``dots(query, [self.get(k) for k in keys])``, equal bit for bit, without a row object per key.

        The rows of the base are gathered from its CSR arrays at once: each row's products in its
        own (ascending feature) order, summed by the same ``reduceat`` as ``dots``. Keys changed
        since the last merge, or not in it, are read one by one.
        """
        out = np.zeros(keys.size, dtype=np.float64)
        if query.empty or keys.size == 0:
            return out
        dense = np.zeros(N_FEATURES, dtype=np.float32)
        dense[query.indices] = query.values
        with self._lock:
            if len(self._delta) > _SEARCH_MERGE_AT:
                # As a search does: rows added since the last merge would be read one by one.
                self._merge()
            base = self._base_rows
            rows = np.full(keys.size, -1, dtype=np.int64)
            if base is not None:
                known = keys < self._row_of.size
                rows[known] = self._row_of[keys[known]]
                if self._stale:
                    rows[np.isin(keys, np.fromiter(self._stale, dtype=np.int64))] = -1
            rest = np.flatnonzero(rows < 0)
            if rest.size:
                out[rest] = dots(query, [self._rows.get(int(k), EMPTY) for k in keys[rest]])
            at = np.flatnonzero(rows >= 0)
            if base is None or at.size == 0:
                return out
            picked = rows[at]
            starts = base.indptr[picked]
            lengths = base.indptr[picked + 1] - starts
            if not lengths.any():
                return out
            # Every element's place in the base, and where each row begins in the gathered arrays.
            places, begins = block_positions(starts, lengths)
            indices = base.indices[places]
            values = base.data[places] * dense[indices]
        nonempty = lengths > 0
        sums = np.zeros(at.size, dtype=np.float64)
        sums[nonempty] = np.add.reduceat(values.astype(np.float64), begins[nonempty])
        out[at] = sums
        return out

    def search(
        self, query: SparseVector, k: int, allowed: npt.NDArray[np.bool_] | None = None
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """The ``k`` best keys with a positive score, best first, among ``allowed`` keys."""
        if query.empty or k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        with self._lock:
            if len(self._delta) > _SEARCH_MERGE_AT:
                # Rows added since the last merge are scored one by one: fold them in first.
                self._merge()
            keys: list[npt.NDArray[np.int64]] = []
            scores: list[npt.NDArray[np.float32]] = []
            if self._base is not None and self._base.shape[0]:
                base_scores = _scores(self._base, query)
                keep = base_scores > 0
                if self._stale:
                    keep &= ~np.isin(self._base_keys, np.fromiter(self._stale, dtype=np.int64))
                keys.append(self._base_keys[keep])
                scores.append(base_scores[keep])
            delta = [key for key in self._delta if key in self._rows]
            if delta:
                keys.append(np.asarray(delta, dtype=np.int64))
                scores.append(dots(query, [self._rows[key] for key in delta]).astype(np.float32))
        all_keys = np.concatenate(keys) if keys else np.zeros(0, np.int64)
        all_scores = np.concatenate(scores) if scores else np.zeros(0, np.float32)
        if allowed is not None:
            inside = all_keys < allowed.size
            ok = np.zeros(all_keys.size, dtype=bool)
            ok[inside] = allowed[all_keys[inside]]
            all_keys, all_scores = all_keys[ok], all_scores[ok]
        positive = all_scores > 0
        all_keys, all_scores = all_keys[positive], all_scores[positive]
        if all_keys.size > k:
            top = np.argpartition(-all_scores, k - 1)[:k]
            all_keys, all_scores = all_keys[top], all_scores[top]
        order = np.lexsort((all_keys, -all_scores))
        return all_keys[order], all_scores[order]
