"""The index factory: the catalogs hold a ``VectorIndex`` and never name an implementation.

Another index (hnswlib, LanceDB, ...) is one new ``VectorIndex`` subclass and one line in ``KINDS``.
"""

from __future__ import annotations

from matchmaker.config import RankingSettings
from matchmaker.index.faiss_index import FaissIndex
from matchmaker.index.vector_index import VectorIndex

#: Index implementations by name.
KINDS: dict[str, type[VectorIndex]] = {"faiss": FaissIndex}
DEFAULT_KIND = "faiss"


def index_class(kind: str = DEFAULT_KIND) -> type[VectorIndex]:
    """The implementation of ``kind`` (for ``load``)."""
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown index kind {kind!r}; choose one of {', '.join(KINDS)}") from None


def create_index(dim: int, ranking: RankingSettings, kind: str = DEFAULT_KIND) -> VectorIndex:
    """An empty index of ``dim`` dimensions with the ranking settings' search parameters."""
    return index_class(kind).create(dim, ranking)
