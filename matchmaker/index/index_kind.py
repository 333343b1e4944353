"""Which FAISS structure an index holds."""

from __future__ import annotations

from enum import StrEnum


class IndexKind(StrEnum):
    """The stored structure: vectors only (``FLAT``) or vectors and an HNSW graph (``HNSW``)."""

    FLAT = "flat"
    HNSW = "hnsw"
