"""Typed settings, read from ``MATCHMAKER_*`` environment variables (and an optional .env file).

A bad setting fails at start-up with a clear message; nothing silently falls back.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the service can be configured with. Defaults serve the embedded demo."""

    model_config = SettingsConfigDict(
        env_prefix="MATCHMAKER_", env_file=".env", env_file_encoding="utf-8", extra="forbid", frozen=True
    )

    listen: str = Field("127.0.0.1:50051", description="address to serve on; port 0 picks a free one")
    database_url: str = Field("sqlite:///var/matchmaker.db", description="any SQLAlchemy URL")
    data_dir: Path = Field(Path("var"), description="index files, keys and other local state")
    tokens_file: Path | None = Field(None, description="JSON bearer tokens; demo tokens when unset")
    model: Path | None = Field(None, description="sentence-transformers model directory")
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

    shutdown_grace_seconds: float = Field(10.0, ge=0)
    workers: int = Field(8, ge=1, description="threads for database and model work")
    log_level: str = Field("INFO")

    @field_validator("listen")
    @classmethod
    def _listen_has_port(cls, value: str) -> str:
        host, sep, port = value.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ValueError("must be HOST:PORT, e.g. 127.0.0.1:50051")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return value.upper()
