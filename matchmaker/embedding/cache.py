"""CachingEmbedder: embeds only texts whose (model version, hash) is not cached yet."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from matchmaker.embedding.embedder import Embedder, Vectors, text_hash


class VectorStore(Protocol):
    """Where cached vectors live (the database in production)."""

    def get_many(self, model_version: str, hashes: Sequence[str]) -> dict[str, npt.NDArray[np.float32]]:
        """The stored vectors among ``hashes``."""
        ...

    def put_many(self, model_version: str, vectors: Mapping[str, npt.NDArray[np.float32]]) -> None:
        """Store new vectors."""
        ...


class CachingEmbedder:
    """Wraps an Embedder with a persistent cache."""

    def __init__(self, embedder: Embedder, store: VectorStore, *, batch: int = 256) -> None:
        self.embedder = embedder
        self._store = store
        self._batch = batch
        # Texts found in the cache and texts embedded (the metrics' embedding-cache hits and misses).
        self.hits = 0
        self.misses = 0

    @property
    def model_version(self) -> str:
        """The version of the wrapped model (part of every cache key)."""
        return self.embedder.model_version

    @property
    def dim(self) -> int:
        """Vector size."""
        return self.embedder.dim

    def embed(self, texts: Sequence[str], progress: Callable[[int], object] | None = None) -> Vectors:
        """One unit (or zero, for blank text) row per text, from the cache where possible."""
        hashes = [text_hash(t) for t in texts]
        version = self.embedder.model_version
        found = self._store.get_many(version, hashes)
        missing: dict[str, str] = {}
        for text, key in zip(texts, hashes, strict=True):
            if key not in found and key not in missing:
                missing[key] = text
        keys = list(missing)
        self.misses += len(keys)
        self.hits += len(texts) - len(keys)
        for start in range(0, len(keys), self._batch):
            chunk = keys[start : start + self._batch]
            vectors = self.embedder.embed([missing[k] for k in chunk])
            fresh = dict(zip(chunk, vectors, strict=True))
            self._store.put_many(version, fresh)
            found.update(fresh)
            if progress is not None:
                progress(len(chunk))
        out = np.zeros((len(texts), self.embedder.dim), dtype=np.float32)
        for i, key in enumerate(hashes):
            out[i] = found[key]
        return out
