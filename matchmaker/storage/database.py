"""Engines and transactions for SQLite (the embedded default) and PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

#: PostgreSQL advisory lock keys (arbitrary constants, one per purpose).
CHANGE_LOG_LOCK = 0x4D4D_0001
MIGRATION_LOCK = 0x4D4D_0002
#: The channel a committed change is announced on (PostgreSQL LISTEN/NOTIFY).
CHANGE_CHANNEL = "matchmaker_changes"


def as_utc(value: datetime) -> datetime:
    """Stored times are UTC; SQLite hands them back naive."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _configure_sqlite(engine: Engine, *, immediate: bool) -> None:
    """WAL, full fsync on commit, foreign keys, secure deletion; BEGIN IMMEDIATE for writers.

    pysqlite's own transaction handling is switched off so that a writer takes the write lock
    when its transaction begins: two writers then queue on ``busy_timeout`` instead of one of them
    failing at once when it upgrades a read lock.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            "busy_timeout=30000",
            "secure_delete=ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _json_dumps(value: Any) -> str:
    """JSON columns in C: dataclasses (a stored item's factors) and enums (their direction) natively."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


#: The JSON codec of every engine: a decision's 100 stored explanations are its largest write.
_JSON_CODEC: dict[str, Any] = {"json_serializer": _json_dumps, "json_deserializer": orjson.loads}


class Database:
    """One database: a session factory for writers and one for readers.

    On SQLite the two use separate connection pools (writers begin IMMEDIATE, readers read a WAL
    snapshot concurrently); on PostgreSQL they share one engine.
    """

    def __init__(self, url: str, *, echo: bool = False) -> None:
        parsed = make_url(url)
        self.url = parsed
        self.backend = parsed.get_backend_name()
        path = _sqlite_file(parsed)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        if self.backend == "sqlite":
            args: dict[str, Any] = {
                "connect_args": {"check_same_thread": False, "timeout": 30},
                **_JSON_CODEC,
            }
            self.writer = create_engine(parsed, echo=echo, **args)
            _configure_sqlite(self.writer, immediate=True)
            self.reader = create_engine(parsed, echo=echo, **args)
            _configure_sqlite(self.reader, immediate=False)
        else:
            self.writer = create_engine(
                parsed, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=10, **_JSON_CODEC
            )
            self.reader = self.writer
        self._write_sessions = sessionmaker(self.writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.reader, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one transaction, committed at the end of the block, rolled back on error."""
        with self._write_sessions.begin() as session:
            yield session

    @contextmanager
    def write_changes(self) -> Iterator[Session]:
        """A write transaction that appends to the change log, its position in commit order.

        Replicas follow the log by position, so a position must never become visible after a
        higher one: on PostgreSQL the transaction takes an advisory lock first (before any row
        lock, so lock order is the same everywhere) and holds it to commit, and announces the
        change on ``CHANGE_CHANNEL`` (delivered at commit). SQLite serialises writers anyway.
        """
        with self._write_sessions.begin() as session:
            if self.backend == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGE_LOG_LOCK})
                session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANGE_CHANNEL})
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; whatever it changes is rolled back."""
        with self._read_sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()
