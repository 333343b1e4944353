"""The Embedder interface: texts in, unit-norm float32 vectors out."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


def text_hash(text: str) -> str:
    """The cache key of a text (SHA-256 of its UTF-8 bytes, hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Embedder(ABC):
    """Turns texts into unit-norm vectors; an empty or blank text becomes the zero vector."""

    model_name: str
    model_version: str
    dim: int

    @abstractmethod
    def _encode(self, texts: Sequence[str]) -> Vectors:
        """Unit-norm embeddings of non-blank texts, one row per text."""

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One row per text; blank texts give zero rows (similarity 0 to everything)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if todo:
            out[todo] = self._encode([texts[i] for i in todo])
        return out
