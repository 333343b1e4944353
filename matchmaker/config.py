"""Typed settings, read from ``MATCHMAKER_*`` environment variables (and an optional .env file).

A bad setting fails at start-up with a clear message; nothing silently falls back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class RankingWeights(BaseModel):
    """Per-factor overrides of the weights file (``MATCHMAKER_WEIGHTS__<KEY>``); unset = the file's value.

    Weights belong to the roles of the pair, so a match scores the same from either side.
    Contributions are ``weight * similarity``; similarities lie in [0, 1].
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    need_phrases: float | None = Field(
        None, ge=0, description="best product phrase of needs vs offer, meaning"
    )
    need_semantic: float | None = Field(
        None, ge=0, description="purchaser's seeking vs exhibitor's offering, meaning"
    )
    need_keywords: float | None = Field(
        None, ge=0, description="purchaser's seeking vs exhibitor's offering, words"
    )
    need_description: float | None = Field(
        None, ge=0, description="purchaser's seeking vs exhibitor's description"
    )
    fit_semantic: float | None = Field(
        None, ge=0, description="exhibitor's seeking vs purchaser's offering, meaning"
    )
    fit_keywords: float | None = Field(
        None, ge=0, description="exhibitor's seeking vs purchaser's offering, words"
    )
    categories: float | None = Field(None, ge=0, description="overlap of the category paths")
    market: float | None = Field(None, ge=0, description="the exhibitor sells to the purchaser's country")
    sourcing_market: float | None = Field(
        None, ge=0, description="the purchaser buys for a market the exhibitor serves"
    )
    languages: float | None = Field(None, ge=0, description="a meeting language in common")


class RankingSettings(BaseModel):
    """Candidate generation and re-ranking."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    candidate_pool: int = Field(300, ge=10, description="candidates retrieved by each retriever")
    depth: int = Field(100, ge=1, le=1000, description="items ranked and stored per decision (pages read it)")
    diversity_penalty: float = Field(
        0.5,
        ge=0,
        description="MMR among one organisation's listings: penalty per unit of similarity over threshold",
    )
    diversity_threshold: float = Field(
        0.6,
        ge=0,
        le=1,
        description="similarity to a higher listing of the same organisation that starts a penalty",
    )
    congestion: float = Field(
        0.9,
        ge=0,
        le=1,
        description="strength of the congestion-aware stage: share of a score taken from a candidate "
        "with no free meeting slot left (0 = off); fitted with matchmaker simulate",
    )
    congestion_accept_share: float = Field(
        0.5, ge=0, le=1, description="share of pending meeting requests expected to take a slot"
    )
    congestion_request_rate: float = Field(
        0.1, ge=0, description="meetings expected per unit of open exposure (1/rank served, not yet answered)"
    )
    congestion_default_capacity: int = Field(
        25, ge=1, le=10_000, description="meeting slots assumed for an exhibitor that states none"
    )
    congestion_purchaser_capacity: int = Field(
        0, ge=0, le=10_000, description="meeting slots assumed for a purchaser (0 = not limited)"
    )
    congestion_refresh_seconds: float = Field(
        5.0,
        ge=0,
        le=3600,
        description="how often a replica takes in the decisions served and feedback recorded by the "
        "others (seconds; 0 = before every recommendation)",
    )
    hnsw_threshold: int = Field(
        20_000, ge=1, description="vectors per side from which HNSW replaces exact search"
    )
    ef_search: int = Field(128, ge=1)
    exact_fraction: float = Field(
        0.1, gt=0, le=1, description="filters allowing fewer of the ids than this are searched exactly"
    )


class Settings(BaseSettings):
    """Everything the service can be configured with. Defaults serve the embedded demo."""

    model_config = SettingsConfigDict(
        env_prefix="MATCHMAKER_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="forbid",
        frozen=True,
        env_nested_delimiter="__",
    )

    listen: str = Field("127.0.0.1:50051", description="address to serve on; port 0 picks a free one")
    database_url: str = Field("sqlite:///var/matchmaker.db", description="any SQLAlchemy URL")
    data_dir: Path = Field(Path("var"), description="index files, keys and other local state")
    tokens_file: Path | None = Field(None, description="JSON bearer tokens; demo tokens when unset")
    embedder: Literal["use-multilingual", "e5-small", "sentence-transformers"] = Field(
        "use-multilingual",
        description="embedding backend: the multilingual default, e5-small, or sentence-transformers",
    )
    model: Path | None = Field(
        None,
        description="sentence-transformers model directory (with MATCHMAKER_EMBEDDER=sentence-transformers)",
    )
    encryption_key: SecretStr | None = Field(
        None, description="base64 AES-256 key for sensitive columns; else a key file under data_dir"
    )

    max_message_bytes: int = Field(4 * 1024 * 1024, ge=1024)
    max_text_chars: int = Field(4000, ge=1, description="offering, seeking, description, card fields")
    max_categories: int = Field(64, ge=1)
    max_category_chars: int = Field(200, ge=1)
    max_target_markets: int = Field(250, ge=1)
    max_languages: int = Field(20, ge=1)
    min_age_without_guardian: int = Field(14, ge=0, description="younger contact persons need consent")

    weights_file: Path | None = Field(
        None,
        description="learned weights (matchmaker train); unset = the bundled matchmaker/ranking/weights.json",
    )
    weights: RankingWeights = Field(default_factory=RankingWeights)
    ranking: RankingSettings = Field(default_factory=RankingSettings)

    retention_decisions_days: int = Field(180, ge=1, description="recorded decisions are deleted after this")
    retention_feedback_days: int = Field(365, ge=1)
    retention_notices_days: int = Field(90, ge=1, description="erasure notices for card recipients")
    retention_disclosures_days: int = Field(730, ge=1, description="the ledger of cards that left")
    purge_interval_seconds: float = Field(3600.0, gt=0, description="how often the server purges")

    change_poll_seconds: float = Field(
        0.5,
        gt=0,
        le=60,
        description="how often a serving process reads the change log when no notification came",
    )
    snapshot_interval_seconds: float = Field(
        600.0, gt=0, description="how often a serving process saves its indexes when they changed"
    )
    processes: int = Field(
        1, ge=1, le=64, description="serving processes on one port (SO_REUSEPORT), each a replica"
    )
    reuse_port: bool = Field(
        False, description="let several processes listen on the port (set for the serving processes)"
    )

    metrics_listen: str = Field(
        "", description="HOST:PORT of the Prometheus /metrics endpoint; port 0 picks one; empty = off"
    )
    tracing: Literal["off", "console", "otlp"] = Field(
        "off",
        description="OpenTelemetry spans for every RPC: off, console (stderr) or otlp (OTEL_EXPORTER_OTLP_*)",
    )
    tls_cert_file: Path | None = Field(None, description="PEM certificate chain; with the key: TLS")
    tls_key_file: Path | None = Field(None, description="PEM private key of the certificate")
    tls_client_ca_file: Path | None = Field(
        None, description="PEM CA: clients must present a certificate it signed (mTLS)"
    )
    rate_limit_per_client: float = Field(
        0.0, ge=0, description="requests per second per token's client (bursts of one second); 0 = off"
    )

    shutdown_grace_seconds: float = Field(10.0, ge=0)
    workers: int = Field(8, ge=1, description="threads for database and model work")
    ranking_slots: int = Field(
        1,
        ge=1,
        description=(
            "rankings computed at once per process: ranking is CPU-bound and holds Python's GIL, so "
            "more at a time only contend; the other workers meanwhile read, write and wait on commits"
        ),
    )
    log_level: str = Field("INFO")

    @field_validator("listen")
    @classmethod
    def _listen_has_port(cls, value: str) -> str:
        host, sep, port = value.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ValueError("must be HOST:PORT, e.g. 127.0.0.1:50051")
        return value

    @field_validator("metrics_listen")
    @classmethod
    def _metrics_listen_has_port(cls, value: str) -> str:
        return cls._listen_has_port(value) if value else value

    @model_validator(mode="after")
    def _tls_files_pair(self) -> Settings:
        if (self.tls_cert_file is None) != (self.tls_key_file is None):
            raise ValueError("MATCHMAKER_TLS_CERT_FILE and MATCHMAKER_TLS_KEY_FILE are set together")
        if self.tls_client_ca_file is not None and self.tls_cert_file is None:
            raise ValueError("MATCHMAKER_TLS_CLIENT_CA_FILE needs MATCHMAKER_TLS_CERT_FILE and _KEY_FILE")
        return self

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return value.upper()
