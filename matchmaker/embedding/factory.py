"""The embedder backends, by the name ``MATCHMAKER_EMBEDDER`` gives, listed explicitly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matchmaker.embedding.embedder import Embedder


def _use_multilingual(model: Path | None) -> Embedder:
    from matchmaker.embedding.use_multilingual import UseMultilingualEmbedder

    return UseMultilingualEmbedder()


def _e5_small(model: Path | None) -> Embedder:
    from matchmaker.embedding.e5_small import E5SmallEmbedder

    return E5SmallEmbedder()


def _sentence_transformers(model: Path | None) -> Embedder:
    from matchmaker.embedding.sentence_transformer import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(model)


#: Backend name -> constructor taking ``MATCHMAKER_MODEL`` (used by sentence-transformers only).
BACKENDS: dict[str, Callable[[Path | None], Embedder]] = {
    "use-multilingual": _use_multilingual,
    "e5-small": _e5_small,
    "sentence-transformers": _sentence_transformers,
}
DEFAULT_BACKEND = "use-multilingual"


def create_embedder(backend: str, model: Path | None = None) -> Embedder:
    """The embedder of a backend; ``model`` is the sentence-transformers model directory."""
    try:
        constructor = BACKENDS[backend]
    except KeyError:
        raise ValueError(f"unknown embedder {backend!r}; choose one of {', '.join(BACKENDS)}") from None
    return constructor(model)
