"""The composition root: builds the database, repositories, model, catalogs and engine from settings."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from matchmaker import logref
from matchmaker.config import Settings
from matchmaker.embedding.cache import CachingEmbedder
from matchmaker.embedding.embedder import Embedder, Vectors
from matchmaker.engine import Clock, MatchEngine, Repositories, utc_now
from matchmaker.matching.follower import ChangeFollower
from matchmaker.matching.matcher import Matcher
from matchmaker.paging import PageTokens
from matchmaker.privacy.card_filter import CardFilter
from matchmaker.storage import migrate
from matchmaker.storage.change_notifier import ChangeNotifier
from matchmaker.storage.crypto import FieldCipher, load_or_create_key
from matchmaker.storage.database import Database
from matchmaker.storage.decisions import DecisionRepository, FeedbackRepository
from matchmaker.storage.disclosures import DisclosureRepository
from matchmaker.storage.embedding_cache import EmbeddingCacheRepository
from matchmaker.storage.erasure import ErasureRepository
from matchmaker.storage.exposure import ExposureRepository
from matchmaker.storage.key_check import verify_key
from matchmaker.storage.repositories import ProfileRepository
from matchmaker.storage.retention import RetentionRepository
from matchmaker.storage.reviews import ReviewRepository

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Everything a running service holds; ``close`` releases it."""

    settings: Settings
    db: Database
    repositories: Repositories
    embedder: CachingEmbedder
    engine: MatchEngine
    follower: ChangeFollower | None = None

    @property
    def profiles(self) -> ProfileRepository:
        """The profile repository."""
        return self.repositories.profiles

    def follow(self) -> ChangeFollower:
        """Keep the catalogs current with what other processes write (a serving replica does this)."""
        if self.follower is None:
            self.follower = ChangeFollower(
                self.engine,
                ChangeNotifier(self.db),
                self.settings.change_poll_seconds,
                self.settings.snapshot_interval_seconds,
            )
            self.follower.start()
        return self.follower

    def close(self) -> None:
        """Stop following, finish pending decision writes and release database connections."""
        if self.follower is not None:
            self.follower.stop()
            self.follower = None
        self.engine.market_follower.wait()  # a market refresh under way reads the database
        self.repositories.decisions.close()
        self.db.dispose()


class LazyEmbedder(Embedder):
    """An Embedder whose model is built on the first text that needs embedding.

    ``model_name``, ``model_version`` and ``dim`` are known up front (from the model files), so a
    command that finds every text in the cache, or embeds nothing, never loads the model (for the
    sentence-transformers backend: never imports torch). The built model must agree with them.
    """

    def __init__(self, model_name: str, model_version: str, dim: int, build: Callable[[], Embedder]) -> None:
        self.model_name = model_name
        self.model_version = model_version
        self.dim = dim
        self._build = build
        self._model: Embedder | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """Whether the model has been built."""
        return self._model is not None

    def _encode(self, texts: Sequence[str]) -> Vectors:
        with self._lock:
            if self._model is None:
                log.info("loading the embedding model (texts not in the cache)")
                model = self._build()
                if (model.model_version, model.dim) != (self.model_version, self.dim):
                    raise RuntimeError(
                        f"the model built as {model.model_version} ({model.dim} dimensions) differs "
                        f"from the one described as {self.model_version} ({self.dim})"
                    )
                self._model = model
        return self._model.embed(texts)


def _sentence_transformers_dim(directory: Path) -> int | None:
    """The output size of a Transformer -> Pooling (-> Normalize) model, read from its files."""
    try:
        modules = json.loads((directory / "modules.json").read_text(encoding="utf-8"))
        kinds = [str(m["type"]).rsplit(".", 1)[-1] for m in modules]
        if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
            return None
        pooling = json.loads((directory / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
        modes = sum(1 for k, v in pooling.items() if k.startswith("pooling_mode_") and v is True)
        return int(pooling["word_embedding_dimension"]) * modes if modes else None
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def load_embedder(settings: Settings) -> Embedder:
    """The configured embedding backend (``MATCHMAKER_EMBEDDER``; the multilingual default).

    The sentence-transformers backend comes wrapped in a ``LazyEmbedder`` (its constructor loads
    torch and the model, 7-10 s); the other backends already load their weights on first use.
    """
    from matchmaker.embedding.factory import create_embedder

    def build() -> Embedder:
        return create_embedder(settings.embedder, settings.model)

    if settings.embedder == "sentence-transformers":
        from matchmaker.embedding.sentence_transformer import (
            BUNDLED_MODEL_NAME,
            bundled_model_dir,
            model_fingerprint,
        )

        bundled = bundled_model_dir().resolve()
        directory = (settings.model or bundled).resolve()
        dim = _sentence_transformers_dim(directory)
        if dim is not None:
            name = BUNDLED_MODEL_NAME if directory == bundled else directory.name
            return LazyEmbedder(name, f"{name}@{model_fingerprint(directory)}", dim, build)
    return build()


def open_runtime(
    settings: Settings,
    clock: Clock = utc_now,
    *,
    embedder: Embedder | None = None,
    upgrade: bool = True,
    start: bool = True,
    progress: Callable[[int], object] | None = None,
) -> Runtime:
    """Connect, bring the schema up to date, load the model and build the catalogs."""
    db = Database(settings.database_url)
    if upgrade:
        migrate.upgrade(db)
    configured = settings.encryption_key.get_secret_value() if settings.encryption_key else None
    key = load_or_create_key(configured, settings.data_dir / "keys" / "card.key")
    logref.configure(key)
    cipher = FieldCipher(key)
    verify_key(db, cipher)
    cache = EmbeddingCacheRepository(db)
    repositories = Repositories(
        profiles=ProfileRepository(db, cipher),
        decisions=DecisionRepository(db),
        feedback=FeedbackRepository(db),
        disclosures=DisclosureRepository(db),
        reviews=ReviewRepository(db),
        erasure=ErasureRepository(db, cipher),
        retention=RetentionRepository(db),
        embeddings=cache,
        exposure=ExposureRepository(db),
    )
    cached = CachingEmbedder(embedder or load_embedder(settings), cache)
    engine = MatchEngine(
        settings, repositories, Matcher(settings, cached), PageTokens(key), CardFilter(), clock
    )
    runtime = Runtime(settings=settings, db=db, repositories=repositories, embedder=cached, engine=engine)
    if start:
        engine.start(progress)
    return runtime
