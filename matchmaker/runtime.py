"""The composition root: builds the database, repositories, model, catalogs and engine from settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matchmaker import logref
from matchmaker.config import Settings
from matchmaker.embedding.cache import CachingEmbedder
from matchmaker.embedding.embedder import Embedder
from matchmaker.engine import Clock, MatchEngine, Repositories, utc_now
from matchmaker.matcher import Matcher
from matchmaker.paging import PageTokens
from matchmaker.privacy.card_filter import CardFilter
from matchmaker.storage import migrate
from matchmaker.storage.crypto import FieldCipher, load_or_create_key
from matchmaker.storage.database import Database
from matchmaker.storage.decisions import DecisionRepository, FeedbackRepository
from matchmaker.storage.disclosures import DisclosureRepository
from matchmaker.storage.embedding_cache import EmbeddingCacheRepository
from matchmaker.storage.erasure import ErasureRepository
from matchmaker.storage.repositories import ProfileRepository
from matchmaker.storage.retention import RetentionRepository
from matchmaker.storage.reviews import ReviewRepository


@dataclass
class Runtime:
    """Everything a running service holds; ``close`` releases it."""

    settings: Settings
    db: Database
    repositories: Repositories
    embedder: CachingEmbedder
    engine: MatchEngine

    @property
    def profiles(self) -> ProfileRepository:
        """The profile repository."""
        return self.repositories.profiles

    def close(self) -> None:
        """Finish pending decision writes and release database connections."""
        self.repositories.decisions.close()
        self.db.dispose()


def load_embedder(settings: Settings) -> Embedder:
    """The configured embedding backend (``MATCHMAKER_EMBEDDER``; the multilingual default)."""
    from matchmaker.embedding.factory import create_embedder

    return create_embedder(settings.embedder, settings.model)


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
    )
    cached = CachingEmbedder(embedder or load_embedder(settings), cache)
    engine = MatchEngine(
        settings, repositories, Matcher(settings, cached), PageTokens(key), CardFilter(), clock
    )
    runtime = Runtime(settings=settings, db=db, repositories=repositories, embedder=cached, engine=engine)
    if start:
        engine.start(progress)
    return runtime
