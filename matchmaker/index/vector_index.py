"""The interface of a vector index: caller-assigned integer keys, inner-product search, save/load."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Self

import numpy as np
import numpy.typing as npt

from matchmaker.config import RankingSettings

#: Keys are caller-assigned non-negative integers (the engine maps profile ids to dense keys).
Keys = Sequence[int] | npt.NDArray[np.integer]
#: One search result: the keys (``int64``) and their scores (``float32``), best first.
SearchResult = tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]


class VectorIndex(ABC):
    """A mutable set of ``(key, vector)`` pairs searched by inner product.

    Every implementation promises: a key maps to at most one vector (``upsert`` replaces, and a
    replaced or removed vector is never returned again); search results are best first, at most
    ``k`` long, and hold only live keys that the ``allowed`` mask admits. Searches may run
    concurrently with each other and with writes.
    """

    @property
    @abstractmethod
    def dim(self) -> int:
        """The dimension of every vector."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of live keys."""

    @abstractmethod
    def __contains__(self, key: object) -> bool:
        """Whether ``key`` is live."""

    @abstractmethod
    def keys(self) -> npt.NDArray[np.int64]:
        """The live keys, ascending."""

    @abstractmethod
    def vector(self, key: int) -> npt.NDArray[np.float32]:
        """A copy of the vector stored for ``key``; ``KeyError`` if it is not live."""

    def vectors(self, keys: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        """Copies of the vectors stored for ``keys``, one row each; ``KeyError`` if one is not live."""
        rows = [self.vector(int(k)) for k in keys]
        return np.stack(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)

    @abstractmethod
    def upsert(self, keys: Keys, vectors: npt.ArrayLike) -> None:
        """Add or replace the vectors of ``keys`` (``vectors`` has shape ``(len(keys), dim)``).

        When a key occurs more than once, its last vector wins.
        """

    @abstractmethod
    def remove(self, keys: Keys) -> None:
        """Remove ``keys``; keys that are not live are ignored."""

    @abstractmethod
    def search(
        self, query: npt.ArrayLike, k: int, allowed: npt.NDArray[np.bool_] | None = None
    ) -> SearchResult:
        """The at most ``k`` live keys with the largest inner product with ``query`` (shape ``(dim,)``).

        ``allowed`` is a boolean mask indexed by key: only keys with ``allowed[key]`` true are
        returned, and keys beyond the end of the mask are not allowed. ``None`` allows every key.
        """

    def search_many(
        self, queries: npt.ArrayLike, k: int, allowed: npt.NDArray[np.bool_] | None = None
    ) -> list[SearchResult]:
        """``search`` for each row of ``queries`` (shape ``(n, dim)``), sharing one ``allowed`` mask."""
        rows = np.asarray(queries, dtype=np.float32)
        if rows.ndim != 2:
            raise ValueError(f"queries must have shape (n, {self.dim}), got {rows.shape}")
        return [self.search(row, k, allowed) for row in rows]

    @abstractmethod
    def save(self, directory: Path, metadata: dict[str, object]) -> None:
        """Write the index and the caller's JSON-serialisable ``metadata`` to ``directory``, atomically."""

    @classmethod
    @abstractmethod
    def create(cls, dim: int, ranking: RankingSettings) -> Self:
        """An empty index of ``dim`` dimensions, tuned by the ranking settings."""

    def compact(self) -> None:
        """Physically drop removed vectors (after an erasure); an index that keeps none needs nothing."""
        return

    @classmethod
    @abstractmethod
    def load(cls, directory: Path, *, dim: int | None = None) -> tuple[Self, dict[str, object]]:
        """Restore an index written by ``save``, with its metadata; ``IndexLoadError`` if impossible."""
